"""CTranslate2 + SentencePiece: local OPUS-MT (Marian) and NLLB model folders, loaded once each, run in batches."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engines import EngineError, EngineOutput
from .models import NLLB_CODES, ModelInfo, ModelRegistry

_SPECIAL = {"<s>", "</s>", "<pad>"}
_BYTE = re.compile(r"<0x([0-9A-Fa-f]{2})>")


@dataclass
class _Loaded:
    """A model ready to run: the translator, its tokenizers and what to put around each sentence."""

    info: ModelInfo
    translator: Any
    source_sp: Any
    target_sp: Any
    version: str | None
    add_eos: bool


def _detokenize(pieces: list[str]) -> str:
    """SentencePiece pieces back to text; byte pieces (<0xE2>) are reassembled."""
    text = "".join(p for p in pieces if p not in _SPECIAL)
    if "<0x" in text:
        parts, buf = [], bytearray()
        for chunk in re.split(r"(<0x[0-9A-Fa-f]{2}>)", text):
            byte = _BYTE.fullmatch(chunk)
            if byte:
                buf.append(int(byte[1], 16))
                continue
            if not chunk:
                continue
            if buf:
                parts.append(buf.decode("utf-8", errors="replace"))
                buf = bytearray()
            parts.append(chunk)
        if buf:
            parts.append(buf.decode("utf-8", errors="replace"))
        text = "".join(parts)
    return " ".join(text.replace("\u2581", " ").split())


class CTranslate2Engine:
    """Translates with the registered model for each pair; models load on first use, once per process."""

    name = "ctranslate2"

    def __init__(self, registry: ModelRegistry, *, beam_size: int = 4, device: str = "auto", batch_size: int = 16,
                 max_input_tokens: int = 400) -> None:
        if device not in ("auto", "cpu", "cuda"):
            raise EngineError(f"translate.device must be auto, cpu or cuda, not {device!r}")
        self.registry = registry
        self.beam_size = max(1, int(beam_size))
        self.device = device
        self.batch_size = max(1, int(batch_size))
        self.max_input_tokens = max(1, int(max_input_tokens))
        self._loaded: dict[str, _Loaded] = {}

    def pairs(self) -> set[tuple[str, str]]:
        return {(s, m.target) for m in self.registry.list() if m.present for s in m.sources}

    def identity(self, source: str, target: str = "en") -> tuple[str | None, str | None]:
        """(model, version) that would translate this pair, without loading it; for cache keys."""
        info = self.registry.for_pair(source, target)
        if info is None:
            return None, None
        loaded = self._loaded.get(info.path)
        return info.name, (loaded.version if loaded else info.version)

    def _model(self, source: str, target: str) -> _Loaded:
        info = self.registry.for_pair(source, target)
        if info is None:
            raise EngineError(f"ctranslate2: no model for {source}→{target}; add one with `dragoman models add PATH`")
        loaded = self._loaded.get(info.path)
        if loaded is None:
            loaded = self._loaded[info.path] = self._load(info)
        return loaded

    def _load(self, info: ModelInfo) -> _Loaded:
        import ctranslate2
        import sentencepiece
        folder = Path(info.path)
        if not info.present:
            raise EngineError(f"ctranslate2: model folder {folder} is gone; add it again or "
                              f"`dragoman models remove {info.pair}`")
        device = self.device
        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        try:
            translator = ctranslate2.Translator(str(folder), device=device, compute_type="default")
            if info.kind == "nllb":
                source_sp = target_sp = sentencepiece.SentencePieceProcessor(
                    model_file=str(folder / "sentencepiece.bpe.model"))
            else:
                source_sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
                target_sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        except (RuntimeError, OSError, ValueError) as exc:
            raise EngineError(f"ctranslate2: cannot load model {folder} ({exc}); re-convert it or "
                              f"`dragoman models remove {info.pair}`") from exc
        # Converters from Marian's own format already append </s>; the Transformers converter does not.
        add_eos = not config.get("add_source_eos", False)
        return _Loaded(info, translator, source_sp, target_sp, info.version, add_eos)

    def _tokens(self, model: _Loaded, text: str, source: str) -> tuple[list[str], str | None]:
        pieces = model.source_sp.encode(text, out_type=str)
        note = None
        if len(pieces) > self.max_input_tokens:
            note = (f"input truncated to its first {self.max_input_tokens} of {len(pieces)} tokens "
                    f"(translate.max_input_tokens); the rest is untranslated")
            pieces = pieces[:self.max_input_tokens]
        if model.info.kind == "nllb":
            pieces = [NLLB_CODES[source], *pieces]
        return pieces + (["</s>"] if model.add_eos else []), note

    def translate(self, sentences: list[str], source: str, target: str = "en") -> list[EngineOutput]:
        if not sentences:
            return []
        work = [i for i, s in enumerate(sentences) if s.strip()]
        model = self._model(source, target) if work else None
        if model is None:        # only empty sentences: nothing to load
            name, version = self.identity(source, target)
            return [EngineOutput("", self.name, name, version) for _ in sentences]
        texts: list[str] = [""] * len(sentences)
        notes: list[str | None] = [None] * len(sentences)
        tokens: dict[int, list[str]] = {}
        for i in work:
            tokens[i], notes[i] = self._tokens(model, sentences[i], source)
        # Similar lengths together: less padding per batch; the original order is restored by index.
        work.sort(key=lambda i: len(tokens[i]))
        prefix = [NLLB_CODES[target]] if model.info.kind == "nllb" else None
        for start in range(0, len(work), self.batch_size):
            chunk = work[start:start + self.batch_size]
            batch = [tokens[i] for i in chunk]
            longest = max(len(t) for t in batch)
            try:
                results = model.translator.translate_batch(
                    batch, beam_size=self.beam_size, max_batch_size=self.batch_size,
                    max_decoding_length=min(1024, 2 * longest + 16),
                    target_prefix=[prefix] * len(batch) if prefix else None)
            except (RuntimeError, ValueError) as exc:
                raise EngineError(f"ctranslate2: model {model.info.name} failed on a batch of {len(batch)} "
                                  f"{source} sentences ({exc})") from exc
            for i, result in zip(chunk, results):
                hypothesis = list(result.hypotheses[0])
                if prefix and hypothesis[:1] == prefix:
                    hypothesis = hypothesis[1:]
                texts[i] = _detokenize(hypothesis)
        return [EngineOutput(texts[i], self.name, model.info.name, model.version, notes[i])
                for i in range(len(sentences))]
