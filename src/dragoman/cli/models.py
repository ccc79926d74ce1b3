"""`dragoman models`: register, list and remove local machine-translation model folders. Thin wrappers."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from .common import State
from .terminal import Console, emit_json

models_app = typer.Typer(help="Machine-translation model folders (CTranslate2, converted OPUS-MT or NLLB): "
                              "add, list, remove. Nothing is downloaded.", no_args_is_help=True)
out = Console(soft_wrap=True)


def _root() -> Path:
    from ..workspace import resolve_root
    return resolve_root(State.workspace)


@models_app.command("add")
def models_add(path: Path = typer.Argument(..., help="A converted CTranslate2 model folder."),
               pair: Optional[str] = typer.Option(None, "--pair", help="Language pair such as ar-en "
                                                  "(default: from dragoman-model.json or the folder name)."),
               kind: Optional[str] = typer.Option(None, "--kind", help="marian or nllb (default: detected).")) -> None:
    """Check a model folder and register it for its language pair (replacing the model for that pair)."""
    from ..translate.models import ModelRegistry
    registry = ModelRegistry(_root())
    before = {m.pair: m for m in registry.list()}
    info = registry.add(path, pair=pair, kind=kind)
    replaced = before.get(info.pair)
    out.print(f"added {info.pair} ({info.kind}, {info.name}): {info.path}", highlight=False)
    if replaced and replaced.path != info.path:
        out.print(f"replaced {replaced.path}", highlight=False)


@models_app.command("list")
def models_list(as_json: bool = typer.Option(False, "--json", help="Print the models as JSON.")) -> None:
    """The registered model folders, and which engine translation will use."""
    from ..settings import Settings
    from ..translate.engines import describe_engine
    from ..translate.models import ModelRegistry
    root = _root()
    models = ModelRegistry(root).list()
    line = describe_engine(Settings.load(root, State.overrides), root)
    if as_json:
        emit_json({"engine": line, "models": [m.as_dict() for m in models]})
        return
    if models:
        table = Table("pair", "kind", "name", "version", "folder")
        for m in models:
            table.add_row(m.pair, m.kind, m.name, m.version or "", m.path if m.present else f"{m.path} (missing)")
        out.print(table)
    out.print(line, highlight=False)


@models_app.command("remove")
def models_remove(pair_or_path: str = typer.Argument(..., help="A pair (ar-en, *-en), a folder or a model name.")
                  ) -> None:
    """Forget a registered model; its folder is left on disk."""
    from ..translate.models import ModelRegistry
    info = ModelRegistry(_root()).remove(pair_or_path)
    out.print(f"removed {info.pair}: {info.path}", highlight=False)
