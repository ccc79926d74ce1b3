"""`dragoman terms`: list, look up and import the term base (glossary). Thin wrappers over vocab.termbase."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

import typer
from rich.table import Table

from ..errors import WorkspaceError
from ..vocab.termbase import KINDS, LANGS, WORKSPACE_FILE, Match, TermBase
from .common import State
from .terminal import Console, emit_json

terms_app = typer.Typer(help="The term base: names and terms in ar/ru/tr/fr with their canonical English.",
                        no_args_is_help=True)
out = Console(soft_wrap=True)

_TURKISH_LETTERS = re.compile("[ğĞışŞİ]")


def _root() -> Path:
    from ..workspace import resolve_root
    return resolve_root(State.workspace)



def _check(value: Optional[str], allowed: tuple[str, ...], what: str) -> None:
    if value is not None and value not in allowed:
        raise typer.BadParameter(f"unknown {what} {value!r}; use one of {', '.join(allowed)}")


def guess_lang(text: str, base: TermBase) -> str:
    """The term-base language a text is most likely in: by script, then by which of tr/fr finds more terms."""
    from ..text.normalize import script_of
    script = script_of(text)
    if script == "arabic":
        return "ar"
    if script == "cyrillic":
        return "ru"
    if _TURKISH_LETTERS.search(text):
        return "tr"
    return max(("fr", "tr"), key=lambda lang: len(base.find(text, lang)))


@terms_app.command("list")
def terms_list(lang: Optional[str] = typer.Option(None, "--lang", help=f"Only this language ({', '.join(LANGS)})."),
               kind: Optional[str] = typer.Option(None, "--kind", help=f"Only this kind ({', '.join(KINDS)})."),
               as_json: bool = typer.Option(False, "--json", help="Print the terms as JSON.")) -> None:
    """List the terms (bundled ones plus the workspace's own), with their canonical English."""
    _check(lang, LANGS, "language")
    _check(kind, KINDS, "kind")
    terms = [t for t in TermBase.for_workspace(_root()).terms(lang) if kind is None or t.kind == kind]
    if as_json:
        emit_json([{"concept": t.concept, "kind": t.kind, "lang": t.lang, "term": t.term, "english": t.english,
                     "english_variants": list(t.english_variants), "note": t.note} for t in terms])
        return
    table = Table("concept", "kind", "lang", "term", "english")
    for t in terms:
        table.add_row(t.concept, t.kind, t.lang, t.term, t.english)
    out.print(table)
    out.print(f"{len(terms)} terms")


def _match_row(text: str, m: Match) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "surface": text[m.start:m.end], "concept": m.term.concept,
            "kind": m.term.kind, "term": m.term.term, "english": m.term.english}


@terms_app.command("lookup")
def terms_lookup(text: str = typer.Argument(..., help="Words or a passage in Arabic, Russian, Turkish or French."),
                 lang: Optional[str] = typer.Option(None, "--lang", help="Language of TEXT (default: guessed)."),
                 as_json: bool = typer.Option(False, "--json", help="Print matches and gloss as JSON.")) -> None:
    """Find the known terms in TEXT and show it glossed with their canonical English."""
    _check(lang, LANGS, "language")
    base = TermBase.for_workspace(_root())
    lang = lang or guess_lang(text, base)
    gloss = base.gloss(text, lang)
    rows = [_match_row(text, m) for m in gloss.matches]
    if as_json:
        emit_json({"lang": lang, "count": gloss.count, "gloss": gloss.text, "matches": rows})
        return
    if not rows:
        out.print(f"no known {lang} terms in the text", highlight=False)
        return
    table = Table("surface", "concept", "kind", "english")
    for r in rows:
        table.add_row(r["surface"], r["concept"], r["kind"], r["english"])
    out.print(table)
    out.print(gloss.text, highlight=False, markup=False)


@terms_app.command("import")
def terms_import(file: Path = typer.Argument(..., help="A term-base CSV (same columns as `terms list --json`) "
                                                       "or a TBX file.")) -> None:
    """Check FILE and merge it into the workspace's own termbase.csv (its rows win over earlier ones)."""
    from ..workspace import DB_FILE
    suffix = file.suffix.lower()
    if suffix == ".csv":
        new = TermBase.from_csv(file)
    elif suffix in (".tbx", ".xml"):
        new = TermBase.from_tbx(file)
    else:
        raise typer.BadParameter(f"{file}: import a .csv or .tbx file")
    root = _root()
    if not (root / DB_FILE).exists():
        raise WorkspaceError(f"{root}: not a Dragoman workspace; run `dragoman init` "
                             f"(or pass --workspace / set DRAGOMAN_HOME)")
    target = root / WORKSPACE_FILE
    own = TermBase.from_csv(target) if target.exists() else TermBase()
    before = {t.key for t in own.terms()}
    replaced = sum(t.key in before for t in new.terms())
    merged = own.merged(new)
    merged.write_csv(target)
    out.print(f"{file}: {len(new)} terms, {len(new) - replaced} new, {replaced} replaced; "
              f"{target} now holds {len(merged)}", highlight=False)
