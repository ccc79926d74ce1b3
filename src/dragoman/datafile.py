"""Reading the YAML data files Dragoman ships (lexicons, facility tables) and analysts edit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InputError


def safe_load(text: str, fast: type | None = None, slow: type | None = None) -> Any:
    """`yaml.safe_load(text)` through libyaml's C parser where PyYAML has it: ~6x faster, and every model process
    reads our data files at start-up (all 43 shipped files give the same objects, types and key order either way).
    A text the C parser refuses is read again by the Python one, so a broken file fails with the same message as
    before. `fast`/`slow` replace the two loaders (a subclass adding constructors)."""
    import yaml
    slow = slow or yaml.SafeLoader
    fast = fast or getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # noqa: S506 (safe loaders only)
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=slow)  # noqa: S506


def read_yaml(path: Path, expect: type, *, error: type[InputError] = InputError, what: str = "file") -> Any:
    """The parsed file, or `error` naming the file and why: unreadable, not YAML, or not the `expect`ed shape."""
    import yaml
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(str(path), f"cannot read the {what}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise error(str(path), f"not valid YAML: {exc}") from None
    if not isinstance(data, expect):
        raise error(str(path), f"the {what} must be a YAML {'mapping' if expect is dict else 'list'}")
    return data
