"""The model registry: CTranslate2 model folders the analyst placed on disk, stored in `<root>/models.json`.

No model is ever downloaded. A folder is checked when it is added (CTranslate2 format, tokenizer files for
its kind, a pair into English) so that translation fails at `models add`, not halfway through a run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .engines import EngineError

REGISTRY_FILE = "models.json"
META_FILE = "dragoman-model.json"    # optional, written by whoever prepared the folder: name, version, pair, kind
KINDS = {"marian": ("source.spm", "target.spm"), "nllb": ("sentencepiece.bpe.model",)}
ANY = "*"                            # the source of a many-to-English (NLLB) model

# ISO 639-1 code -> NLLB-200 code (FLORES-200). Persian is the Western Persian (Iranian) variety.
NLLB_CODES = {
    "ar": "arb_Arab", "ru": "rus_Cyrl", "tr": "tur_Latn", "fr": "fra_Latn", "en": "eng_Latn",
    "fa": "pes_Arab", "uk": "ukr_Cyrl", "de": "deu_Latn", "es": "spa_Latn", "it": "ita_Latn",
    "he": "heb_Hebr", "zh": "zho_Hans", "ja": "jpn_Jpan", "ko": "kor_Hang", "pt": "por_Latn",
    "pl": "pol_Latn", "nl": "nld_Latn", "sv": "swe_Latn", "el": "ell_Grek", "bg": "bul_Cyrl",
    "sr": "srp_Cyrl", "hr": "hrv_Latn", "ro": "ron_Latn", "hu": "hun_Latn", "cs": "ces_Latn",
    "be": "bel_Cyrl", "ka": "kat_Geor", "hy": "hye_Armn", "az": "azj_Latn", "kk": "kaz_Cyrl",
    "uz": "uzn_Latn", "ur": "urd_Arab", "hi": "hin_Deva", "ps": "pbt_Arab", "ku": "kmr_Latn",
    "so": "som_Latn", "am": "amh_Ethi", "ha": "hau_Latn", "sw": "swh_Latn", "id": "ind_Latn",
    "vi": "vie_Latn", "th": "tha_Thai",
}
# ISO 639-3/2 codes seen in model folder names -> ISO 639-1.
ALIASES = {"ara": "ar", "rus": "ru", "tur": "tr", "fra": "fr", "fre": "fr", "eng": "en", "fas": "fa",
           "per": "fa", "pes": "fa", "ukr": "uk", "heb": "he", "deu": "de", "ger": "de", "spa": "es",
           "ita": "it", "zho": "zh", "chi": "zh"}
# Trailing words in folder names that say how a model was converted, not which pair it is.
_SUFFIXES = {"ct2", "ctranslate2", "converted", "int8", "int16", "float16", "bfloat16", "float32",
             "int8_float16", "int8_float32", "int8_bfloat16", "quantized"}
_UNCONVERTED = ("pytorch_model.bin", "model.safetensors", "tf_model.h5", "flax_model.msgpack")
_VOCABS = ("shared_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.json", "source_vocabulary.txt")


@dataclass(frozen=True)
class ModelInfo:
    """One registered model folder; `sources` are the languages it translates into `target`."""

    path: str
    kind: str
    pair: str                    # "ar-en"; "*-en" for an NLLB model covering every language in `sources`
    sources: tuple[str, ...]
    target: str
    name: str
    added: str

    @property
    def present(self) -> bool:
        return (Path(self.path) / "model.bin").is_file()

    @property
    def version(self) -> str | None:
        return model_version(Path(self.path))

    def covers(self, source: str, target: str) -> bool:
        return target == self.target and source in self.sources

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"sources": list(self.sources), "version": self.version, "present": self.present}


def model_version(folder: Path) -> str | None:
    """The version in dragoman-model.json, else a hash of model.bin's size and mtime (changes when replaced)."""
    meta = _read_meta(folder)
    if meta.get("version"):
        return str(meta["version"])
    try:
        st = (folder / "model.bin").stat()
    except OSError:
        return None
    return "bin-" + hashlib.sha256(f"{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:12]


def model_name(folder: Path) -> str:
    return str(_read_meta(folder).get("name") or folder.name)


def _read_meta(folder: Path) -> dict[str, Any]:
    path = folder / META_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EngineError(f"{path}: not readable JSON ({exc}); fix or delete it") from exc
    if not isinstance(data, dict):
        raise EngineError(f"{path}: expected a JSON object with name, version, pair or kind; fix or delete it")
    return data


def _language(code: str, where: str) -> str:
    code = ALIASES.get(code.lower(), code.lower())
    if code not in NLLB_CODES:
        raise EngineError(f"{where}: unknown language {code!r}; give --pair SRC-en with an ISO 639-1 source "
                          f"code (one of {', '.join(sorted(NLLB_CODES))})")
    return code


def parse_pair(text: str, where: str = "--pair") -> tuple[str, str]:
    """'ar-en' -> ('ar', 'en'); refuses unknown languages and targets other than English."""
    match = re.fullmatch(r"\s*([A-Za-z]{2,3})\s*[-_]\s*([A-Za-z]{2,3})\s*", text)
    if not match:
        raise EngineError(f"{where}: {text!r} is not a language pair; write it as SRC-en, e.g. ar-en")
    source, target = _language(match[1], where), _language(match[2], where)
    if target != "en":
        raise EngineError(f"{where}: pair {source}-{target} does not translate into English; Dragoman needs "
                          f"a model whose target is en (e.g. opus-mt-{source}-en)")
    if source == "en":
        raise EngineError(f"{where}: pair en-en translates nothing; give the model's source language")
    return source, target


def pair_from_name(name: str) -> str | None:
    """The pair in a folder name such as opus-mt-ar-en or opus-mt-tc-big-ru-en-ct2-int8, if any."""
    words = re.split(r"[-_.]", name.lower())
    while words and words[-1] in _SUFFIXES | {""}:
        words.pop()
    if len(words) >= 2 and all(re.fullmatch(r"[a-z]{2,3}", w) for w in words[-2:]):
        return f"{words[-2]}-{words[-1]}"
    return None


def _vocabulary(folder: Path) -> set[str] | None:
    for name in _VOCABS:
        path = folder / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            tokens = json.loads(text) if name.endswith(".json") else text.splitlines()
            return set(tokens)
    return None


def _detect_kind(folder: Path) -> str:
    for complete in (all, any):        # a kind with some of its files gets the "X is missing" message
        for kind, files in KINDS.items():
            if complete((folder / f).is_file() for f in files):
                return kind
    raise EngineError(f"{folder}: cannot tell the model kind: it has neither source.spm + target.spm "
                      f"(Marian/OPUS-MT) nor sentencepiece.bpe.model (NLLB); copy the tokenizer files from the "
                      f"original model or pass --kind")


def _check_folder(folder: Path, kind: str | None) -> str:
    """Refuse anything that is not a converted model folder with its tokenizer; return its kind."""
    if not folder.exists():
        raise EngineError(f"{folder}: no such folder; give the path of a CTranslate2 model folder")
    if not folder.is_dir():
        raise EngineError(f"{folder}: is a file, not a model folder; give the folder that holds model.bin")
    config = folder / "config.json"
    hf_config = False
    if config.is_file():
        try:
            data = json.loads(config.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EngineError(f"{config}: not readable JSON ({exc}); re-convert the model") from exc
        hf_config = isinstance(data, dict) and ("architectures" in data or "model_type" in data)
    if hf_config or (not (folder / "model.bin").exists() and any((folder / f).exists() for f in _UNCONVERTED)):
        copy = next((" ".join(f) for f in KINDS.values() if all((folder / x).is_file() for x in f)), "")
        raise EngineError(f"{folder}: looks like an unconverted Transformers model: convert it with "
                          f"ct2-transformers-converter --model {folder} --output_dir {folder}-ct2"
                          + (f" --copy_files {copy}" if copy else "") + ", then add the new folder")
    for name in ("model.bin", "config.json"):
        if not (folder / name).is_file():
            raise EngineError(f"{folder}: not a CTranslate2 model folder: {name} is missing")
    if kind is None:
        kind = _detect_kind(folder)
    if kind not in KINDS:
        raise EngineError(f"--kind {kind!r}: unknown model kind; use one of {', '.join(KINDS)}")
    missing = [f for f in KINDS[kind] if not (folder / f).is_file()]
    if missing:
        raise EngineError(f"{folder}: a {kind} model folder needs {' and '.join(KINDS[kind])}, but "
                          f"{', '.join(missing)} is missing; copy it from the original model "
                          f"(ct2-transformers-converter --copy_files {' '.join(KINDS[kind])})")
    return kind


class ModelRegistry:
    """The workspace's model folders: one per language pair (plus at most one many-to-English NLLB model)."""

    def __init__(self, workspace_root: Path) -> None:
        self.path = Path(workspace_root) / REGISTRY_FILE

    def list(self) -> list[ModelInfo]:
        if not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [ModelInfo(**(m | {"sources": tuple(m["sources"])})) for m in data["models"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EngineError(f"{self.path}: unreadable model registry ({exc}); fix it or delete it "
                              f"and add the model folders again") from exc

    def _save(self, models: list[ModelInfo]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        data = {"models": [asdict(m) | {"sources": list(m.sources)} for m in models]}
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)    # atomic: a reader never sees half a file

    def add(self, path: str | Path, *, pair: str | None = None, kind: str | None = None) -> ModelInfo:
        """Check a converted model folder and register it; it replaces any model for the same pair."""
        folder = Path(path).expanduser().resolve()
        meta = _read_meta(folder) if folder.is_dir() else {}
        kind = _check_folder(folder, kind or (str(meta["kind"]) if meta.get("kind") else None))
        if pair is not None:
            given = [parse_pair(pair, "--pair")[0]]
        elif meta.get("pair"):
            given = [parse_pair(str(meta["pair"]), str(folder / META_FILE))[0]]
        elif kind == "marian":
            found = pair_from_name(folder.name)
            if found is None:
                raise EngineError(f"{folder}: cannot tell the language pair from the folder name; "
                                  f"pass --pair SRC-en (e.g. --pair ar-en)")
            given = [parse_pair(found, f"{folder} (pair from the folder name)")[0]]
        else:
            given = []
        sources = tuple(given) if given else self._nllb_sources(folder)
        if kind == "nllb":
            vocab = _vocabulary(folder)
            if vocab is not None and NLLB_CODES["en"] not in vocab:
                raise EngineError(f"{folder}: no NLLB language codes (eng_Latn…) in its vocabulary; "
                                  f"is it an NLLB model? Pass --kind marian for an OPUS-MT folder")
            if vocab is not None and given and NLLB_CODES[given[0]] not in vocab:
                raise EngineError(f"{folder}: this NLLB model has no {NLLB_CODES[given[0]]} code, "
                                  f"so it cannot translate {given[0]}")
        info = ModelInfo(path=str(folder), kind=kind, pair=f"{given[0] if given else ANY}-en", sources=sources,
                         target="en", name=model_name(folder),
                         added=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        kept = [m for m in self.list() if m.pair != info.pair and m.path != info.path]
        self._save(kept + [info])
        return info

    @staticmethod
    def _nllb_sources(folder: Path) -> tuple[str, ...]:
        vocab = _vocabulary(folder)
        return tuple(sorted(iso for iso, code in NLLB_CODES.items()
                            if iso != "en" and (vocab is None or code in vocab)))

    def remove(self, pair_or_path: str) -> ModelInfo:
        """Forget the model registered for a pair (ar-en, *-en) or at a path; the folder is left alone."""
        models = self.list()
        want = pair_or_path.strip()
        as_path = str(Path(want).expanduser().resolve())
        hit = next((m for m in models if m.pair == want.lower() or m.path == as_path or m.name == want), None)
        if hit is None:
            raise EngineError(f"no registered model matches {pair_or_path!r}; see `dragoman models list`")
        self._save([m for m in models if m is not hit])
        return hit

    def for_pair(self, source: str, target: str) -> ModelInfo | None:
        """The model for a pair: one made for exactly that pair first, else a many-to-English model."""
        found = [m for m in self.list() if m.covers(source, target)]
        found.sort(key=lambda m: m.pair.startswith(ANY))
        return found[0] if found else None
