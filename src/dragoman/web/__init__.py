"""The workbench server: the HTTP face over the service layer (`dragoman serve`)."""

from .app import create_app

__all__ = ["create_app"]
