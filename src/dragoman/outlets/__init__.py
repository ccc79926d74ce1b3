"""The outlet registry: who publishes what, how to describe them in a brief, and how far to trust them."""

from .model import GRADES, TYPES, UNRATED, Outlet, RegistryError
from .registry import DEFAULT_PATH, WORKSPACE_FILE, Registry

__all__ = ["DEFAULT_PATH", "GRADES", "TYPES", "UNRATED", "WORKSPACE_FILE", "Outlet", "Registry", "RegistryError"]
