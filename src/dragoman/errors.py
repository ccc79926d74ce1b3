"""One root exception; every message says what went wrong and what to do next."""


class DragomanError(Exception):
    """Root of every error Dragoman raises on purpose."""


class InputError(DragomanError):
    """An input item (file, URL, record) cannot be used; the message names it and the reason."""

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class SettingsError(DragomanError):
    """A setting has an unknown name or a value of the wrong type."""


class WorkspaceError(DragomanError):
    """The workspace is missing, unreadable, or from an incompatible version."""


class NotFound(DragomanError):
    """A requested record (document, run…) does not exist."""
