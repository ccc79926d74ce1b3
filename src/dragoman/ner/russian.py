"""Russian names with natasha (slovnet NER over navec embeddings), and their dictionary forms.

Normal forms come from pymorphy2 directly rather than natasha's morphology tagger, which would cost
about 40 % more time per document: a span's words that share the case of its first word are put in the
nominative up to and including the first noun (the head), so "Ливийской национальной армией" becomes
"Ливийская национальная армия" and "Министерства обороны России" keeps its genitive tail.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from .spans import NameSpan, make

LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
CONFIDENCE = 0.85
# Parses that fit each label best (OpenCorpora grammemes).
_PREFERRED = {"PER": ("Name", "Surn", "Patr"), "LOC": ("Geox",), "ORG": ("Orgn", "Abbr")}
_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"})
_DECLINES = frozenset({"NOUN", "ADJF", "PRTF"})


@lru_cache(maxsize=1)
def embedding() -> Any:
    """natasha's navec news embeddings, shared by the NER tagger and the event coder's syntax parser.

    Read as natasha's `NewsEmbedding` reads them, but without the similarity tables navec computes as it loads
    (a norm per word and every centroid pair: ~0.2-0.35 CPU-s in each process that loads Russian): slovnet reads
    only the codes and indexes, so the tables wait for their first use, if any (`_quantiser_class`)."""
    from natasha.data import NEWS_EMBEDDING
    from navec import Navec
    from navec.meta import Meta
    from navec.navec import META, PQ_, VOCAB
    from navec.tar import Tar
    from navec.vocab import Vocab
    _one_blas_thread()
    with Tar(NEWS_EMBEDDING) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        vocab = Vocab.from_file(tar.load(VOCAB))
        return Navec(meta, vocab, _quantiser_class().from_file(tar.load(PQ_)))


@lru_cache(maxsize=1)
def _quantiser_class() -> type:
    """navec's product quantiser, its similarity tables (`norm`, `ab`: only `sim` reads them) computed on first
    use instead of at load."""
    from navec.pq import PQ

    class LazyPQ(PQ):
        def precompute(self) -> None:
            import numpy
            self.qdims = numpy.arange(self.qdim)

        def __getattr__(self, name: str) -> Any:
            if name in ("norm", "ab"):
                PQ.precompute(self)
                return self.__dict__[name]
            raise AttributeError(name)
    return LazyPQ


@lru_cache(maxsize=1)
def load() -> tuple[Any, Any, Any]:
    """natasha's segmenter and NER tagger and a pymorphy2 analyser (loaded once per process)."""
    from natasha import NewsNERTagger, Segmenter
    return Segmenter(), NewsNERTagger(embedding()), _morph()


def _one_blas_thread() -> bool:
    """Keep numpy's OpenBLAS to one thread unless OPENBLAS_NUM_THREADS says otherwise.

    slovnet multiplies small matrices; spread over threads on a 2-core worker they run about five times
    slower (1.2k against 6.6k words/s measured). Workers are processes, one per core, so one thread each
    is what they want anyway. True when the limit was set.
    """
    import ctypes
    import os
    import numpy
    if os.environ.get("OPENBLAS_NUM_THREADS"):
        return False
    for path in (Path(numpy.__file__).parent.parent / "numpy.libs").glob("libscipy_openblas*.so*"):
        lib = ctypes.CDLL(str(path))
        for name in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads_64_"):
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                return True
    return False


def _morph() -> Any:
    # pymorphy2 finds its dictionary through pkg_resources, which recent setuptools no longer ship;
    # pointing it at the dictionary package directly needs neither. Importing yargy's morph module
    # patches pymorphy2 for Python 3.11 (inspect.getargspec is gone).
    import yargy.morph  # noqa: F401
    import pymorphy2
    import pymorphy2_dicts_ru
    return pymorphy2.MorphAnalyzer(path=pymorphy2_dicts_ru.get_path())


class RussianRecogniser:
    """natasha's PER/ORG/LOC spans with their nominative forms."""

    def __init__(self) -> None:
        self.segmenter, self.tagger, self.morph = load()
        self._parse = lru_cache(maxsize=20000)(self.morph.parse)

    def __call__(self, texts: list[str]) -> list[list[NameSpan]]:
        from natasha import Doc
        out = []
        for text in texts:
            doc = Doc(text)
            doc.segment(self.segmenter)
            doc.tag_ner(self.tagger)
            spans = []
            for s in doc.spans:
                label = LABELS.get(s.type)
                if label is None:
                    continue
                span = make(text, s.start, s.stop, label, "natasha", CONFIDENCE)
                if span is not None:
                    spans.append(NameSpan(span.start, span.end, span.text, label,
                                          self.normal(span.text, label), span.source, span.confidence))
            out.append(spans)
        return out

    def _best(self, word: str, label: str, case: str | None = None) -> Any:
        """The parse that best fits the label (and the case, when given), or None."""
        parses = [p for p in self._candidates(word, label) if case is None or p.tag.case == case]
        preferred = _PREFERRED.get(label, ())
        for p in parses:
            if any(g in p.tag for g in preferred):
                return p
        return parses[0] if parses else None

    def _candidates(self, word: str, label: str) -> list[Any]:
        parses = list(self._parse(word))
        if label == "PER":   # one person, not addressed: "Хафтаром" is no plural or vocative of "Хафтаром"
            parses = [p for p in parses if p.tag.number != "plur" and p.tag.case != "voct"
                      and "Infr" not in p.tag] or parses
        return parses

    def _shared_case(self, words: list[str], label: str) -> str | None:
        # Indeclinable words (Шойгу, Бенгази) read as any case and tell nothing.
        words = [w for w in words if not any("Fixd" in p.tag for p in self._parse(w)[:1])]
        if not words:
            return None
        readings = [[p.tag.case for p in self._candidates(w, label) if p.tag.case in _CASES] for w in words]
        readings = [r for r in readings if r]
        if not readings:
            return None
        likeliest = self._best(words[-1], label)
        first = likeliest.tag.case if likeliest is not None else readings[-1][0]
        common = set.intersection(*(set(r) for r in readings))
        if first == "nomn" or first in common:   # a surname in the nominative: the name is nominative
            return first
        return next((c for c in readings[-1] if c in common), first)

    def normal(self, surface: str, label: str) -> str:
        """The nominative of a name span (the surface itself when nothing declines).

        People: all words take one case, read off the last word (Халифой Хафтаром, Кори Шульман).
        Others: the first noun is the head; the words before it agree with its case, the words after it
        (обороны России) stay as written.
        """
        parts = _words(surface)
        best = [self._best(w, label) if w and not w.isupper() else None for w, _ in parts]
        if label == "PER":   # the words share one case: the likeliest reading of the last that all allow
            case = self._shared_case([w for w, _ in parts if w and not w.isupper()], label)
            picked = [self._best(w, label, case) if case and w and not w.isupper() else None for w, _ in parts]
            forms = [_inflect(p, w) if _declines(p) else w for (w, _), p in zip(parts, picked)]
        else:
            head = next((i for i, p in enumerate(best) if p is not None and p.tag.POS == "NOUN"), len(parts) - 1)
            case = best[head].tag.case if best[head] is not None else None
            forms = []
            for i, (w, _) in enumerate(parts):
                p = self._best(w, label, case) if i < head and case and w and not w.isupper() else best[i]
                forms.append(_inflect(p, w) if i <= head and _declines(p) and (i == head or p.tag.case == case)
                             else w)
        return "".join(f + sep for f, (_, sep) in zip(forms, parts))


def _declines(parse: Any) -> bool:
    return parse is not None and parse.tag.POS in _DECLINES and parse.tag.case in _CASES and parse.tag.case != "nomn"


def _words(surface: str) -> list[tuple[str, str]]:
    """(word, separator after it) pieces; hyphenated names decline as one word (Юнус-Беком)."""
    import re
    return [(m.group(1) or "", m.group(2)) for m in re.finditer(r"([\w-]+)?([^\w-]*)", surface) if m.group(0)]


def _inflect(parse: Any, word: str) -> str:
    grams = {"nomn"}
    if parse.tag.number == "plur" and "Pltm" not in parse.tag:
        grams.add("plur")
    form = parse.inflect(grams)
    if form is None:
        return word
    new = form.word
    if "-" in word and "-" in new:    # keep each part's capital: Юнус-Бек
        return "-".join(n.capitalize() if w[:1].isupper() else n for w, n in zip(word.split("-"), new.split("-")))
    return new.capitalize() if word[:1].isupper() else new
