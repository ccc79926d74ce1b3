"""One interface for every machine-translation engine, and the choice of engine from settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..errors import DragomanError

if TYPE_CHECKING:
    from ..settings import Settings

ENGINES = ("auto", "none", "ctranslate2", "libretranslate", "llm")
NO_MODEL = "no model folder registered; add one with `dragoman models add PATH`"


@dataclass(frozen=True)
class EngineOutput:
    """The English for one sentence and what made it; `note` says e.g. that the input was truncated."""

    text: str
    engine: str
    model: str | None
    version: str | None
    note: str | None = None


class EngineError(DragomanError):
    """A translation engine or model cannot be used; the message names it, the reason and what to do."""


@runtime_checkable
class Engine(Protocol):
    name: str

    def pairs(self) -> set[tuple[str, str]]:
        """The (source, target) language pairs the engine can translate now."""
        ...

    def translate(self, sentences: list[str], source: str, target: str = "en") -> list[EngineOutput]:
        """One output per sentence, in the same order; an empty sentence gives an empty text."""
        ...


def _choose(settings: "Settings", root: Path) -> tuple[str | None, str]:
    """Which engine the settings ask for, and the start-up line that says so (or why there is none)."""
    from .models import ModelRegistry
    choice = str(settings["translate.engine"]).strip().lower()
    if choice not in ENGINES:
        raise EngineError(f"translate.engine must be one of {', '.join(ENGINES)}, not {choice!r}; "
                          f"fix it in settings.toml")
    if choice == "none":
        return None, 'translation: disabled — translate.engine is "none"'
    if choice == "llm":
        llm_url, model = str(settings["translate.llm_url"]).strip(), str(settings["translate.llm_model"]).strip()
        if not llm_url or not model:
            return None, ("translation: disabled — translate.engine is llm but "
                          + ("translate.llm_url" if not llm_url else "translate.llm_model") + " is empty; set it "
                          "(e.g. http://localhost:11434/v1 and qwen2.5:7b for Ollama)")
        return "llm", f"translation: llm {model} at {llm_url}"
    url = str(settings["translate.libretranslate_url"]).strip()
    if choice in ("auto", "ctranslate2"):
        models = ModelRegistry(root).list()
        present = [m for m in models if m.present]
        gone = "; ".join(f"{m.path} is gone (re-add it or `dragoman models remove {m.pair}`)"
                         for m in models if not m.present)
        if present:
            line = "translation: ctranslate2 — " + ", ".join(f"{m.pair} ({m.name})" for m in present)
            return "ctranslate2", line + (f"; {gone}" if gone else "")
        if choice == "ctranslate2" or not url:
            why = gone or NO_MODEL
            if choice == "ctranslate2":
                why = f"translate.engine is ctranslate2 but {why}"
            return None, f"translation: disabled — {why}"
    if not url:
        return None, ("translation: disabled — translate.engine is libretranslate but "
                      "translate.libretranslate_url is empty; set it to the server's address")
    return "libretranslate", f"translation: libretranslate at {url}"


def describe_engine(settings: "Settings", workspace_root: Path) -> str:
    """The start-up line: which engine translates, or why translation is off and how to switch it on."""
    try:
        return _choose(settings, workspace_root)[1]
    except EngineError as exc:
        return f"translation: disabled — {exc}"


def build_engine(settings: "Settings", workspace_root: Path, *, cache: bool = True) -> Engine | None:
    """The engine the settings ask for (with the workspace's translation cache in front), or None."""
    choice, _ = _choose(settings, workspace_root)
    engine: Engine
    if choice is None:
        return None
    if choice == "ctranslate2":
        from .ct2 import CTranslate2Engine
        from .models import ModelRegistry
        engine = CTranslate2Engine(ModelRegistry(workspace_root), beam_size=settings["translate.beam_size"],
                                   device=settings["translate.device"], batch_size=settings["translate.batch_size"],
                                   max_input_tokens=settings["translate.max_input_tokens"])
    elif choice == "llm":
        from ..vocab.termbase import TermBase
        from .llm import LLMEngine
        engine = LLMEngine(settings["translate.llm_url"], settings["translate.llm_model"],
                           api_key=settings["translate.llm_api_key"] or None,
                           timeout_s=settings["translate.llm_timeout_s"], batch_size=settings["translate.batch_size"],
                           terms=TermBase.for_workspace(workspace_root))
    else:
        from .libre import LibreTranslateEngine
        engine = LibreTranslateEngine(settings["translate.libretranslate_url"],
                                      api_key=settings["translate.libretranslate_api_key"] or None,
                                      timeout_s=settings["translate.timeout_s"],
                                      batch_size=settings["translate.batch_size"])
    if not cache:
        return engine
    from .cache import CachedEngine, TranslationCache, cache_path
    return CachedEngine(engine, TranslationCache(cache_path(workspace_root)))
