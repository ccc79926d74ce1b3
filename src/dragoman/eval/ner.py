"""Named-entity recognition scored on factRuEval-2016, Universal NER (IOB2) and any CoNLL/IOB2 file.

Scoring is exact-span: a predicted name counts only when its start, end and label all equal a gold
name's. Precision, recall and F1 are given per label and micro-averaged over the labels the gold data
uses (UNER and factRuEval have no MISC, so MISC predictions are left out there, not counted wrong).

factRuEval-2016 (testset by default): each mention object becomes one span from the first to the last
character of its name parts (name, surname, patronymic, nickname, org_name, loc_name); descriptor
parts ("компания", "переулок", job titles, adjectives like "российской") are not names and are left
out, and a mention with no name part is skipped. Person -> PER, Org -> ORG, Location and LocOrg -> LOC
(LocOrg, a country or city acting as an organisation, is a place name as NER sees it, as the usual
factRuEval practice has it); Project and Facility mentions are ignored. Nested mentions keep the outer
one, since the recognisers return flat, non-overlapping spans.

IOB2/CoNLL: one token per line, the token first and the tag last, separated by tabs or spaces (a
first column of digits, as in UNER's `idx token tag …`, is an index); `#` comment lines and
`-DOCSTART-` are skipped; a blank line ends a sentence. A token with several tag columns (Wojood's nested
`token I-OCC B-ORG`, CoNLL-2003's `token POS chunk TAG`) takes the first column whose label is ours, so
the outermost PER/ORG/LOC wins; types we do not recognise (DATE, NORP, OCC, AQMAR's MIS…) read as O. Each sentence is rebuilt as its tokens joined
by spaces, with token offsets kept, and recognised as one text.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import DragomanError, InputError

Gold = tuple[int, int, str]
FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
FACTRU_NAME_PARTS = frozenset({"name", "surname", "patronymic", "nickname", "org_name", "loc_name"})
TAG_ALIASES = {"PER": "PER", "PERS": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
               "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "MISC": "MISC"}
IOB_SUFFIXES = (".iob2", ".iob", ".conll", ".conllu", ".bio")
PLAIN_SUFFIXES = (".tsv", ".txt")   # read from a folder only when it has no file of the suffixes above
BATCH = 64
MAX_PROBLEMS = 20
_LANG_HINTS = (("english", "en"), ("russian", "ru"), ("arabic", "ar"), ("turkish", "tr"), ("french", "fr"))
_LANG_CODE = re.compile(r"(?:^|[_\-.])(en|ru|ar|tr|fr)(?:[_\-.]|$)")


@dataclass
class Doc:
    """One text and its gold names."""

    id: str
    text: str
    gold: list[Gold]


@dataclass
class Corpus:
    """Documents read from one file or folder, with the problems met while reading."""

    name: str
    lang: str
    docs: list[Doc]
    problems: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- factRuEval-2016

def _factru_folder(data: Path) -> Path:
    if any(data.glob("*.objects")):
        return data
    for sub in ("testset", "devset"):
        if any((data / sub).glob("*.objects")):
            return data / sub
    raise DragomanError(f"{data}: no factRuEval .objects files here or in testset/")


def _fields(line: str) -> list[str]:
    return line.split("#", 1)[0].split()


def read_factru(data: Path) -> Corpus:
    """The factRuEval documents of `data` (a testset/devset folder, or the set's root: testset)."""
    folder = _factru_folder(Path(data))
    docs: list[Doc] = []
    problems: list[str] = []
    for objects in sorted(folder.glob("*.objects")):
        base = objects.with_suffix("")
        try:
            text = base.with_suffix(".txt").read_text(encoding="utf-8")
            span_lines = base.with_suffix(".spans").read_text(encoding="utf-8").splitlines()
            object_lines = objects.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{base}: skipped ({exc})")
            continue
        spans: dict[str, tuple[str, int, int]] = {}
        for n, line in enumerate(span_lines, 1):
            f = _fields(line)
            if not f:
                continue
            try:
                spans[f[0]] = (f[1], int(f[2]), int(f[2]) + int(f[3]))
            except (IndexError, ValueError):
                problems.append(f"{base}.spans line {n}: not `id type start length …`; skipped")
        gold: set[Gold] = set()
        for n, line in enumerate(object_lines, 1):
            f = _fields(line)
            if len(f) < 3 or f[1] not in FACTRU_TYPES:
                continue
            if any(s not in spans for s in f[2:]):
                problems.append(f"{objects} line {n}: refers to a span the .spans file lacks; skipped")
                continue
            parts = [spans[s] for s in f[2:] if spans[s][0] in FACTRU_NAME_PARTS]
            if parts:
                gold.add((min(p[1] for p in parts), max(p[2] for p in parts), FACTRU_TYPES[f[1]]))
        docs.append(Doc(base.name, text, _outermost(gold)))
    return Corpus(folder.name if folder.name != "testset" else "factRuEval-2016 testset", "ru", docs, problems)


def _outermost(gold: Iterable[Gold]) -> list[Gold]:
    """Gold spans with the ones nested in a longer one dropped (the recognisers are flat)."""
    # Same extent, two types (an Org mention and a LocOrg one): the organisation, deterministically.
    rank = {"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3}
    ordered = sorted(set(gold), key=lambda g: (g[0], -(g[1] - g[0]), rank.get(g[2], 9)))
    out: list[Gold] = []
    for g in ordered:
        if out and g[0] < out[-1][1]:
            continue      # inside (or across) the previous outer span
        out.append(g)
    return out


# ---------------------------------------------------------------- IOB2 / CoNLL

def _tag(raw: str) -> tuple[str, str] | None:
    """(B|I|O, label) of a tag such as B-PER, I-LOC, O; a type that is not ours (B-DATE) is O; None when
    it is no tag at all."""
    if raw == "O":
        return "O", ""
    m = re.fullmatch(r"([BIES])[-_](\w+)", raw)
    if m is None:
        return None
    label = TAG_ALIASES.get(m.group(2).upper())
    if label is None:
        return "O", ""
    return ("B" if m.group(1) in "BS" else "I"), label


def _token_tag(cols: list[str]) -> tuple[str, str] | None:
    """The tag of a `token TAG [TAG …]` line: the first column with one of our labels, else O when the
    last column is a tag (several columns: nested entities, or POS and chunk before the tag)."""
    tags = [_tag(c) for c in cols[1:]]
    for tag in tags:
        if tag is not None and tag[0] != "O":
            return tag
    return tags[-1] if tags and tags[-1] is not None else None


def read_iob2(path: Path, lang: str | None = None) -> Corpus:
    """Sentences of an IOB2/CoNLL file; each bad line is reported by number and skipped."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the file ({exc}); it must be UTF-8 text") from exc
    lang = lang or lang_of(path)
    docs: list[Doc] = []
    problems: list[str] = []
    tokens: list[str] = []
    tags: list[tuple[str, str]] = []

    def flush() -> None:
        if tokens:
            docs.append(_sentence(f"{path.name}:{len(docs) + 1}", tokens, tags))
            tokens.clear()
            tags.clear()

    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        cols = stripped.split("\t") if "\t" in stripped else stripped.split()
        tag = _token_tag(cols) if len(cols) >= 2 else None
        if len(cols) >= 3 and cols[0].isdigit() and _tag(cols[2]) is not None:
            cols, tag = cols[1:], _tag(cols[2])      # idx token tag … (UNER, CoNLL-U style)
        if stripped.startswith("#") and tag is None or stripped.startswith("-DOCSTART-"):
            continue
        if tag is None:
            problems.append(f"{path} line {n}: expected `token TAG` with TAG O or B-/I- PER, ORG, LOC or MISC, "
                            f"got {stripped[:60]!r}; skipped")
            continue
        tokens.append(cols[0])
        tags.append(tag)
    flush()
    if not docs and not problems:
        problems.append(f"{path}: no sentences")
    return Corpus(path.name, lang or "", docs, problems)


def _sentence(doc_id: str, tokens: list[str], tags: list[tuple[str, str]]) -> Doc:
    """Tokens joined by spaces, and the gold spans their tags give (an I- after O or another label opens one)."""
    offsets: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        offsets.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    gold: list[Gold] = []
    start, label = None, ""
    for i, (bio, lab) in enumerate(tags):
        if start is not None and (bio != "I" or lab != label):
            gold.append((offsets[start][0], offsets[i - 1][1], label))
            start = None
        if bio in ("B", "I") and start is None:
            start, label = i, lab
    if start is not None:
        gold.append((offsets[start][0], offsets[-1][1], label))
    return Doc(doc_id, " ".join(tokens), gold)


def lang_of(path: Path) -> str | None:
    """The language a file name says: `UNER_English-PUD…`, `…_ru_pud…`, `news.tr.conll`."""
    name = path.name.lower()
    for word, code in _LANG_HINTS:
        if word in name:
            return code
    m = _LANG_CODE.search(path.stem.lower())
    return m.group(1) if m else None


# ---------------------------------------------------------------- scoring

def score(pairs: Iterable[tuple[list[Gold], list[Gold]]], labels: Iterable[str]) -> dict[str, Any]:
    """Exact-span P/R/F1 per label and micro-averaged, over (gold, predicted) pairs."""
    labels = sorted(set(labels))
    counts = {label: [0, 0, 0] for label in labels}     # tp, fp, fn
    for gold, pred in pairs:
        g = {s for s in gold if s[2] in counts}
        p = {s for s in pred if s[2] in counts}
        for s in g & p:
            counts[s[2]][0] += 1
        for s in p - g:
            counts[s[2]][1] += 1
        for s in g - p:
            counts[s[2]][2] += 1
    per_type = {label: _prf(*c) for label, c in counts.items()}
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"micro": _prf(*total), "per_type": per_type}


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn,
            "gold": tp + fn, "predicted": tp + fp}


# ---------------------------------------------------------------- running

def _corpora(data: Path, fmt: str, lang: str | None) -> list[Corpus]:
    if not data.exists():
        raise DragomanError(f"{data}: NER eval data not found; point --data at a factRuEval-2016 folder, "
                            "an IOB2/CoNLL file, or a folder of them")
    if fmt == "auto":
        fmt = "factru" if data.is_dir() and (any(data.glob("*.objects")) or any(data.glob("*/*.objects"))) \
            else "iob2"
    if fmt == "factru":
        corpus = read_factru(data)
        if lang and lang != "ru":
            raise DragomanError(f"{data}: factRuEval-2016 is Russian; drop --lang {lang}")
        return [corpus]
    if fmt not in ("iob2", "conll"):
        raise DragomanError(f"unknown NER eval format {fmt!r}; use auto, factru, iob2 or conll")
    files = [data]
    if data.is_dir():
        listed = sorted(p for p in data.iterdir()
                        if p.is_file() and not re.search(r"readme|licen[cs]e", p.name.lower()))
        files = [p for p in listed if p.suffix.lower() in IOB_SUFFIXES] or \
            [p for p in listed if p.suffix.lower() in PLAIN_SUFFIXES]
    if not files:
        raise DragomanError(f"{data}: no IOB2/CoNLL files ({', '.join(IOB_SUFFIXES + PLAIN_SUFFIXES)})")
    corpora = [read_iob2(f, lang) for f in files]
    for c in corpora:
        if not c.lang:
            raise DragomanError(f"{data / c.name if data.is_dir() else data}: cannot tell the language from the "
                                "file name; pass --lang")
    return corpora


def run_corpus(corpus: Corpus, recogniser: Any, limit: int | None = None) -> dict[str, Any]:
    """Recognise every document of `corpus` and score it."""
    docs = corpus.docs[:limit] if limit else corpus.docs
    started = time.perf_counter()
    recogniser.recognise(["Warm-up."], corpus.lang)   # model loading is not recognition time
    loaded = time.perf_counter() - started
    pairs: list[tuple[list[Gold], list[Gold]]] = []
    started = time.perf_counter()
    for i in range(0, len(docs), BATCH):
        batch = docs[i:i + BATCH]
        found = recogniser.recognise([d.text for d in batch], corpus.lang)
        for doc, spans in zip(batch, found):
            pairs.append((doc.gold, [(s.start, s.end, s.label) for s in spans]))
    seconds = time.perf_counter() - started
    words = sum(len(d.text.split()) for d in docs)
    labels = {g[2] for d in docs for g in d.gold}
    result = score(pairs, labels)
    result.update(name=corpus.name, lang=corpus.lang, docs=len(docs), words=words, labels=sorted(labels),
                  seconds=round(seconds, 2), load_seconds=round(loaded, 2),
                  words_per_second=round(words / seconds) if seconds else None,
                  problems=corpus.problems[:MAX_PROBLEMS], problem_count=len(corpus.problems))
    return result


def evaluate(data: Path | str, *, fmt: str = "auto", lang: str | None = None, english: str = "spacy",
             limit: int | None = None, recogniser: Any = None) -> dict[str, Any]:
    """Score the recognisers on `data`: one result per file (or the factRuEval set), and their total."""
    from ..ner import Recogniser
    corpora = _corpora(Path(data), fmt, lang)
    recogniser = recogniser or Recogniser(english=english)
    results = [run_corpus(c, recogniser, limit) for c in corpora]
    out: dict[str, Any] = {"data": str(data), "english": english, "files": results}
    if len(results) == 1:
        out.update({k: v for k, v in results[0].items()})
    return out


def format_text(result: dict[str, Any]) -> str:
    """A readable table per file: label, P, R, F1, gold and predicted counts, then speed."""
    lines: list[str] = []
    for r in result["files"]:
        lines.append(f"{r['name']} ({r['lang']}, {r['docs']} texts, {r['words']} words, English engine "
                     f"{result['english']}):")
        lines.append(f"  {'label':<6} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6} {'found':>6}")
        for label, m in [*r["per_type"].items(), ("micro", r["micro"])]:
            lines.append(f"  {label:<6} {m['precision']:7.4f} {m['recall']:7.4f} {m['f1']:7.4f} "
                         f"{m['gold']:6d} {m['predicted']:6d}")
        lines.append(f"  {r['words_per_second']} words/s ({r['seconds']} s; models loaded in {r['load_seconds']} s)")
        if r["problem_count"]:
            lines.append(f"  {r['problem_count']} input problem(s), e.g. {r['problems'][0]}")
    return "\n".join(lines)
