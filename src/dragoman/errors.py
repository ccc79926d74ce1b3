"""One root exception; every message says what went wrong and what to do next."""


class DragomanError(Exception):
    """Root of every error Dragoman raises on purpose."""


MAX_ITEM_CHARS = 500
MAX_REASON_CHARS = 1000


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, saying how much was cut: hostile input can make a reason huge."""
    text = str(text)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


class InputError(DragomanError):
    """An input item (file, URL, record) cannot be used; the message names it and the reason (both kept to a
    sane length: a parser's error can quote megabytes of the input)."""

    def __init__(self, item: str, reason: str) -> None:
        item = shorten(item, MAX_ITEM_CHARS)
        reason = " ".join(shorten(str(reason), MAX_REASON_CHARS * 2).split())   # one line, whatever a parser said
        reason = shorten(reason, MAX_REASON_CHARS)
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class SettingsError(DragomanError):
    """A setting has an unknown name or a value of the wrong type."""


class WorkspaceError(DragomanError):
    """The workspace is missing, unreadable, or from an incompatible version."""


class NotFound(DragomanError):
    """A requested record (document, run…) does not exist."""
