"""Reading the YAML data files Dragoman ships (lexicons, facility tables) and analysts edit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InputError


def read_yaml(path: Path, expect: type, *, error: type[InputError] = InputError, what: str = "file") -> Any:
    """The parsed file, or `error` naming the file and why: unreadable, not YAML, or not the `expect`ed shape."""
    import yaml
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(str(path), f"cannot read the {what}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise error(str(path), f"not valid YAML: {exc}") from None
    if not isinstance(data, expect):
        raise error(str(path), f"the {what} must be a YAML {'mapping' if expect is dict else 'list'}")
    return data
