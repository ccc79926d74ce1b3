"""The outlet registry: the bundled YAML overlaid by the workspace's `outlets.yaml`, indexed for matching
documents to outlets by address, Telegram handle or name; additions and edits go to the workspace file only."""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import Any, Iterator

import yaml

from ..errors import NotFound, WorkspaceError
from .keys import TELEGRAM_HOSTS, domain_key, handle_key, name_keys, split_address
from .model import ALIASES, FIELDS, GRADES, UNRATED, Outlet, RegistryError, check_entry

DEFAULT_PATH = Path(__file__).parent / "data" / "outlets.yaml"
WORKSPACE_FILE = "outlets.yaml"
_HEADER = ("# This workspace's outlets. Entries add to the bundled registry, or override it field by field\n"
           "# when their id is a bundled one. Written by `dragoman outlets add|edit`; safe to edit by hand.\n")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_PARSED: dict[tuple[str, int, int], list[Any]] = {}
LOCAL = "local"                           # the source of a file read with no address (ingest/decode.source_of)
UNIDENTIFIED = "an unidentified source"
UNIDENTIFIED_DESCRIPTOR = "unrated: no address or outlet name to identify it"


class Registry:
    """Outlets by id, with indexes by (host, path prefix), handle and folded name."""

    def __init__(self, outlets: dict[str, Outlet], origins: dict[str, str], root: Path | None = None) -> None:
        self.outlets = outlets
        self.origins = origins          # id -> the file its entry (or last override) came from
        self.root = root
        self._hosts: dict[str, list[tuple[str, str]]] = {}
        self._handles: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._index()

    # -- loading ---------------------------------------------------------------------------------

    @classmethod
    def load(cls, workspace_root: Path | None = None) -> "Registry":
        """The bundled outlets, with the workspace's `outlets.yaml` (when present) added and overriding by id."""
        root = Path(workspace_root) if workspace_root is not None else None
        overlay = root / WORKSPACE_FILE if root is not None else None
        return cls.build(_read(DEFAULT_PATH), _read(overlay) if overlay and overlay.exists() else [],
                         overlay_path=overlay, root=root)

    @classmethod
    def build(cls, base: list[Any], overlay: list[Any], *, base_path: Path = DEFAULT_PATH,
              overlay_path: Path | None = None, root: Path | None = None) -> "Registry":
        """Check every entry, apply the overlay (whole new entries, or field overrides of bundled ones)."""
        raw: dict[str, dict[str, Any]] = {}
        origins: dict[str, str] = {}
        for entries, path, bundled in ((base, base_path, True), (overlay, overlay_path or "overlay", False)):
            for number, entry in enumerate(entries, 1):
                where = f"{path}: entry {_label(entry, number)}"
                if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                    check_entry(entry, where)           # raises, naming what is wrong
                ident = entry["id"]
                if bundled and ident in raw:
                    raise RegistryError(where, "field id: used by an earlier entry of the same file")
                raw[ident] = {**raw.get(ident, {}), **entry}
                origins[ident] = str(path)
        outlets = {ident: check_entry(entry, f"{origins[ident]}: entry {ident!r}") for ident, entry in raw.items()}
        registry = cls(outlets, origins, root)
        registry._check_parents()
        return registry

    def _index(self) -> None:
        """Fill the lookup tables; the same address, handle or name on two outlets is an error."""
        owners: dict[tuple[str, str], str] = {}

        def claim(field: str, key: str, outlet: Outlet) -> None:
            other = owners.setdefault((field, key), outlet.id)
            if other != outlet.id:
                culprit = outlet.id
                if self.origins.get(other) != self.origins.get(outlet.id) == str(DEFAULT_PATH):
                    culprit, other = other, outlet.id          # blame the workspace's entry, not the bundled one
                raise RegistryError(f"{self.origins.get(culprit, '?')}: entry {culprit!r}",
                                    f"field {field}: {key!r} is already listed for outlet {other!r}")

        for o in self.outlets.values():
            for entry in o.domains:
                host, path = domain_key(entry)
                claim("domains", f"{host}/{path}".rstrip("/"), o)
                if (path, o.id) not in self._hosts.setdefault(host, []):
                    self._hosts[host].append((path, o.id))
            for handle in o.telegram:
                key = handle_key(handle) or ""
                claim("telegram", key, o)
                self._handles[key] = o.id
            for name in (o.name, *o.names):
                key = name_keys(name)[0]
                claim("names", key, o)
                self._names[key] = o.id
        for prefixes in self._hosts.values():
            prefixes.sort(key=lambda item: -len(item[0]))     # the most specific section first

    def _check_parents(self) -> None:
        for o in self.outlets.values():
            seen = {o.id}
            parent = o.parent
            while parent is not None:
                if parent not in self.outlets:
                    raise RegistryError(f"{self.origins[o.id]}: entry {o.id!r}",
                                        f"field parent: no outlet has id {parent!r}")
                if parent in seen:
                    raise RegistryError(f"{self.origins[o.id]}: entry {o.id!r}",
                                        f"field parent: the chain of parents loops back through {parent!r}")
                seen.add(parent)
                parent = self.outlets[parent].parent

    # -- reading ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.outlets)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(sorted(self.outlets.values(), key=lambda o: o.id))

    def __contains__(self, ident: object) -> bool:
        return ident in self.outlets

    def get(self, ident: str) -> Outlet:
        try:
            return self.outlets[ident]
        except KeyError:
            raise NotFound(f"outlet {ident!r}: not in the registry; see `dragoman outlets list`") from None

    def family(self, outlet: Outlet | str) -> str:
        """The id at the top of an outlet's parent chain: stories within one family are one source."""
        o = self.get(outlet) if isinstance(outlet, str) else outlet
        while o.parent is not None:
            o = self.outlets[o.parent]
        return o.id

    def match(self, url: str | None = None, source: str | None = None, name: str | None = None,
              telegram: str | None = None) -> Outlet | None:
        """The outlet behind a document: by Telegram handle, then URL, then `source` (a host or `t.me/x`),
        then name in any script; None when nothing matches."""
        if telegram and (key := handle_key(telegram)) and key in self._handles:
            return self.outlets[self._handles[key]]
        for address in (url, source):
            if address and (found := self._by_address(address)):
                return found
        if name:
            for key in name_keys(name):
                if key in self._names:
                    return self.outlets[self._names[key]]
            if "." in name and " " not in name.strip():      # a name that is really a domain ("Aawsat.com")
                return self._by_address(name)
        return None

    def _by_address(self, address: str) -> Outlet | None:
        try:
            host, path = split_address(address)
        except ValueError:
            return None                                       # "local", "telegram:123": not an address
        if host in TELEGRAM_HOSTS:
            key = handle_key(address)
            return self.outlets[self._handles[key]] if key in self._handles else None
        labels = host.split(".")
        for start in range(len(labels) - 1):                  # news.bbc.co.uk, bbc.co.uk, co.uk
            for prefix, ident in self._hosts.get(".".join(labels[start:]), ()):
                if not prefix or path == prefix or path.startswith(prefix + "/"):
                    return self.outlets[ident]
        return None

    def describe(self, doc_source: str | None, url: str | None = None, name: str | None = None,
                 origin: str | None = None) -> tuple[Outlet | None, str, str]:
        """(outlet, descriptor, grade) for a document; an unknown outlet gives
        (None, "unrated outlet: <domain>", "unrated"), one with no address and no name says so."""
        outlet = self.match(url=url, source=doc_source, name=name)
        if outlet is not None:
            return outlet, outlet.descriptor, outlet.reliability
        if identified(doc_source, url, name):
            return None, f"unrated outlet: {source_label(doc_source, url, name)}", UNRATED
        return None, UNIDENTIFIED_DESCRIPTOR, UNRATED

    def describe_document(self, doc) -> tuple[Outlet | None, str, str, str]:
        """(outlet, the name to show, descriptor, grade) for a stored Document: the registry's name, else the
        name the document gives itself, else what is known of its source (`source_label`: host, channel, the
        file it came from)."""
        origin = doc.capture.origin if doc.capture is not None else None
        outlet, descriptor, grade = self.describe(doc.source, doc.url, doc.outlet, origin)
        name = outlet.name if outlet is not None else (doc.outlet or source_label(doc.source, doc.url, None, origin))
        return outlet, name, descriptor, grade

    def lookup(self, key: str) -> Outlet:
        """An outlet by id, address, handle or name (for `outlets show`); NotFound when none matches."""
        found = self.outlets.get(key) or self.match(url=key, name=key, telegram=key if "." not in key else None)
        if found is None:
            raise NotFound(f"outlet {key!r}: no outlet has that id, domain, handle or name; "
                           f"see `dragoman outlets list`")
        return found

    # -- writing the workspace overlay -----------------------------------------------------------

    @property
    def overlay_path(self) -> Path:
        if self.root is None:
            raise WorkspaceError("outlets: no workspace is open, so there is no outlets.yaml to write to; "
                                 "pass --workspace or set DRAGOMAN_HOME")
        return self.root / WORKSPACE_FILE

    def add(self, outlet: Outlet) -> Outlet:
        """Add a new outlet to the workspace's outlets.yaml (checked against the whole registry first)."""
        if outlet.id in self.outlets:
            raise RegistryError(f"outlet {outlet.id!r}", "already in the registry; change it with "
                                f"`dragoman outlets edit {outlet.id} --set field=value`")
        self._write_overlay(outlet.id, outlet.to_dict())
        return self.outlets[outlet.id]

    def edit(self, ident: str, **fields: Any) -> Outlet:
        """Change fields of an outlet; the changes are written as an override in the workspace's outlets.yaml."""
        self.get(ident)
        fields = {ALIASES.get(k, k): v for k, v in fields.items()}
        for field in fields:
            if field not in FIELDS or field == "id":
                raise RegistryError(f"outlet {ident!r}", f"field {field!r} cannot be edited; "
                                    f"fields are {', '.join(f for f in FIELDS if f != 'id')}")
        values = {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()}
        self._write_overlay(ident, values)
        return self.outlets[ident]

    def _write_overlay(self, ident: str, values: dict[str, Any]) -> None:
        path = self.overlay_path
        entries = _read(path) if path.exists() else []
        for entry in entries:
            if isinstance(entry, dict) and entry.get("id") == ident:
                entry.update(values)
                break
        else:
            entries.append({"id": ident, **values})
        entries = [_plain(e) for e in entries]
        fresh = Registry.build(_read(DEFAULT_PATH), entries, overlay_path=path, root=self.root)  # raises first
        text = _HEADER + yaml.dump(entries, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                                   default_flow_style=None)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        self.outlets, self.origins = fresh.outlets, fresh.origins
        self._hosts, self._handles, self._names = fresh._hosts, fresh._handles, fresh._names


def source_label(doc_source: str | None, url: str | None, name: str | None = None,
                 origin: str | None = None) -> str:
    """How to name an unmatched source by what is known of it: its host (or t.me/handle), else the name the
    document gives itself, else a Telegram export's channel ("telegram:<id>"), else the file it was read from
    ("an unidentified outlet (file x.html)"), else "an unidentified source". Never "local": that says where a
    file was read, not who published it."""
    for address in (url, doc_source):
        if address:
            try:
                host, _ = split_address(address)
            except ValueError:
                continue
            handle = handle_key(address) if host in TELEGRAM_HOSTS else None
            return f"t.me/{handle}" if handle else host
    if name:
        return name
    if doc_source and doc_source != LOCAL:
        return doc_source                               # "telegram:<id>": the export's channel
    file_name = _file_name(origin)
    return f"an unidentified outlet (file {file_name})" if file_name else UNIDENTIFIED


def identified(doc_source: str | None, url: str | None, name: str | None = None) -> bool:
    """Whether anything names a document's publisher: an address, a channel, or a name it gives itself."""
    return bool(url or name or (doc_source and doc_source != LOCAL))


def _file_name(origin: str | None) -> str | None:
    """The file name of a capture's origin when it is a path ("/data/in/ar01.html" -> "ar01.html")."""
    if not origin or "://" in origin:
        return None
    return PurePath(origin).name or None


def grade_meaning(grade: str) -> str:
    return GRADES.get(grade, "no registry entry")


def _label(entry: Any, number: int) -> str:
    ident = entry.get("id") if isinstance(entry, dict) else None
    return repr(ident) if isinstance(ident, str) else f"#{number}"


def _plain(entry: Any) -> Any:
    """Tuples as lists, so the YAML stays the plain form people write (None stays: `parent: null` clears)."""
    if isinstance(entry, dict):
        return {k: _plain(v) for k, v in entry.items()}
    if isinstance(entry, (list, tuple)):
        return [_plain(v) for v in entry]
    return entry


def _read(path: Path) -> list[Any]:
    """A registry file's entries (a YAML list), parsed once per version of the file."""
    try:
        stat = path.stat()
        cache_key = (str(path), stat.st_mtime_ns, stat.st_size)
        if cache_key not in _PARSED:
            _PARSED[cache_key] = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
    except OSError as exc:
        raise RegistryError(str(path), f"cannot read the outlet registry: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RegistryError(str(path), "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise RegistryError(str(path), f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    entries = _PARSED[cache_key]
    if not isinstance(entries, list):
        raise RegistryError(str(path), "must be a YAML list of outlet entries (each starting with `- id: …`)")
    return [dict(e) if isinstance(e, dict) else e for e in entries]   # copies: callers may change them
