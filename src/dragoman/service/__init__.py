"""The service layer: one function per question an analyst asks, used by both faces (the CLI and the web API).

Each function takes an open Workspace (and, for changes, the `Actor` making them) and returns plain data
(dicts and lists that serialise to JSON). Changes go to the audit log here, so no face can forget it.
"""

from .audit import Actor, LOCAL_ACTOR

__all__ = ["Actor", "LOCAL_ACTOR"]
