"""The outlet record, the vocabularies its fields draw on, and the checks one entry must pass."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from ..errors import InputError, WorkspaceError
from .keys import domain_key, handle_key, name_key

# Admiralty (NATO AJP-2.1) source-reliability scale; F is "cannot be judged", not "bad".
GRADES = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
          "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
UNRATED = "unrated"   # the grade reported for a source no registry entry matches
TYPES = ("daily", "weekly", "magazine", "news agency", "wire", "broadcaster", "news site", "telegram channel",
         "ministry", "government", "military", "think tank")
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_LANG = re.compile(r"[a-z]{2,3}")


class RegistryError(InputError, WorkspaceError):
    """An outlet entry or file is unusable; the message names the file, the entry and the field."""


class Outlet(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, forbid_unknown_fields=True):
    """One outlet as an analyst describes it: who runs it, whose line it follows, how far to trust it."""

    id: str
    name: str
    type: str
    descriptor: str               # what a brief writes after the name: "Turkish state-run news agency"
    reliability: str              # Admiralty grade A-F
    rationale: str                # why that grade, in a sentence or two
    names: tuple[str, ...] = ()   # other names, in any script, incl. the site's own title
    domains: tuple[str, ...] = ()  # host or host/path-prefix; subdomains match too
    telegram: tuple[str, ...] = ()  # channel handles, without t.me/ or @
    country: str | None = None    # ISO 3166 alpha-2 of where it is based
    languages: tuple[str, ...] = ()
    ownership: str = ""
    alignment: str = ""
    parent: str | None = None     # the outlet it belongs to; republications within one family count once
    agency: bool = False          # a wire whose stories other outlets republish

    @property
    def grade(self) -> str:
        return self.reliability

    def to_dict(self) -> dict[str, Any]:
        """The fields that differ from their defaults, lists as lists (for JSON and YAML)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in msgspec.to_builtins(self).items()}


FIELDS = Outlet.__struct_fields__
REQUIRED = ("id", "name", "type", "descriptor", "reliability", "rationale")
LIST_FIELDS = ("names", "domains", "telegram", "languages")
ALIASES = {"grade": "reliability", "domain": "domains", "handle": "telegram", "handles": "telegram",
           "language": "languages", "alias": "names", "aliases": "names"}


def check_entry(raw: Any, where: str) -> Outlet:
    """An entry as read from YAML, checked field by field; errors name `where` (file and entry) and the field."""
    if not isinstance(raw, dict):
        raise RegistryError(where, f"an entry must be a mapping of fields, not {type(raw).__name__}")
    for field in raw:
        if field not in FIELDS:
            hint = f" (did you mean {ALIASES[field]!r}?)" if field in ALIASES else ""
            raise RegistryError(where, f"unknown field {field!r}{hint}; fields are {', '.join(FIELDS)}")
    for field in REQUIRED:
        if raw.get(field) in (None, ""):
            raise RegistryError(where, f"field {field}: missing; every outlet needs {', '.join(REQUIRED)}")
    try:
        outlet = msgspec.convert(raw, Outlet)
    except msgspec.ValidationError as exc:
        found = re.search(r"`\$\.(\w+)", str(exc))
        field = found.group(1) if found else "?"
        # YAML 1.1 reads NO (Norway), yes, on and off as booleans.
        hint = "; quote the value" if isinstance(raw.get(field), bool) and field != "agency" else ""
        raise RegistryError(where, f"field {field}: {str(exc).split(' - at ')[0]}{hint}") from None
    return _check_values(outlet, where)


def _check_values(o: Outlet, where: str) -> Outlet:
    def bad(field: str, reason: str) -> RegistryError:
        return RegistryError(where, f"field {field}: {reason}")

    if not _ID.fullmatch(o.id):
        raise bad("id", f"{o.id!r} must be lower-case letters, digits and hyphens")
    if o.reliability not in GRADES:
        raise bad("reliability", f"{o.reliability!r} is not an Admiralty grade; use one of "
                  + ", ".join(f"{g} ({m})" for g, m in GRADES.items()))
    if o.type not in TYPES:
        raise bad("type", f"{o.type!r} is not a known outlet type; use one of {', '.join(TYPES)}")
    if o.country is not None and not _country_ok(o.country):
        raise bad("country", f"{o.country!r} is not an ISO 3166 alpha-2 country code (e.g. LY, RU, TR)")
    for lang in o.languages:
        if not _LANG.fullmatch(lang):
            raise bad("languages", f"{lang!r} is not an ISO 639 language code (e.g. ar, ru)")
    for domain in o.domains:
        try:
            domain_key(domain)
        except ValueError as exc:
            raise bad("domains", str(exc)) from None
    for handle in o.telegram:
        if handle_key(handle) is None:
            raise bad("telegram", f"{handle!r} is not a Telegram channel handle (5-32 letters, digits, _)")
    for name in (o.name, *o.names):
        if not name_key(name):
            raise bad("names", f"{name!r} has no letters or digits to match on")
    if o.parent == o.id:
        raise bad("parent", "an outlet cannot be its own parent")
    return o


def _country_ok(code: str) -> bool:
    import pycountry   # only when checking entries: its tables load on first use
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def parse_assignment(outlet: Outlet, expr: str) -> tuple[str, Any]:
    """`field=value` (lists comma-separated, '' clears), `field+=item,…` or `field-=item,…` on list fields,
    as (field, new value) for `outlet`. Raises ValueError naming what is wrong."""
    field, op, text = _split_assignment(expr)
    field = ALIASES.get(field, field)
    if field not in FIELDS or field == "id":
        raise ValueError(f"{expr!r}: unknown field {field!r}; fields are {', '.join(FIELDS[1:])}")
    if op and field not in LIST_FIELDS:
        raise ValueError(f"{expr!r}: {op}= works on list fields only ({', '.join(LIST_FIELDS)})")
    if field in LIST_FIELDS:
        items = tuple(part.strip() for part in text.split(",") if part.strip())
        current: tuple[str, ...] = getattr(outlet, field)
        same = _SAME_ITEM.get(field, name_key)
        if op == "+":
            return field, current + tuple(i for i in items if same(i) not in {same(c) for c in current})
        if op == "-":
            gone = {same(i) for i in items}
            missing = gone - {same(c) for c in current}
            if missing:
                raise ValueError(f"{expr!r}: {outlet.id} has no such {field} entry")
            return field, tuple(c for c in current if same(c) not in gone)
        return field, items
    if field == "agency":
        lowered = text.strip().lower()
        if lowered not in ("true", "false", "yes", "no", "1", "0"):
            raise ValueError(f"{expr!r}: agency takes true or false")
        return field, lowered in ("true", "yes", "1")
    if field in ("country", "parent"):
        return field, text.strip() or None
    return field, text.strip().upper() if field == "reliability" else text.strip()


def _split_assignment(expr: str) -> tuple[str, str, str]:
    left, eq, text = expr.partition("=")
    if not eq or not left.strip():
        raise ValueError(f"{expr!r}: write FIELD=VALUE (or FIELD+=ITEM / FIELD-=ITEM for lists)")
    left = left.strip()
    op = left[-1] if left[-1] in "+-" else ""
    return left.rstrip("+-").strip(), op, text


def _domain_or_text(text: str) -> Any:
    try:
        return domain_key(text)
    except ValueError:
        return text


_SAME_ITEM = {"domains": _domain_or_text, "telegram": lambda t: handle_key(t) or t, "languages": str.lower}
