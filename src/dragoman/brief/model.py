"""A drafted brief as plain data: the assembler fills it, `render` writes it, the analyst edits the result.

The parts follow ../shared/docs/brief-format.md: image, pull quote, analysis (footnoted), sources with
excerpts, notes, image information. Everything that came from a document is untrusted text; renderers escape it.
"""

from __future__ import annotations

from datetime import date, datetime

import msgspec

# Primary language subtags written right to left (Arabic, Persian, Hebrew, Urdu, Pashto, Yiddish, Dhivehi,
# Sorani Kurdish, Sindhi, Uyghur, Syriac, N'Ko).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "iw", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "syr", "nqo"})
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo"})   # BCP 47 script subtags ("az-Arab")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


class Image(msgspec.Struct, kw_only=True):
    """The picture at the top and its attribution; only a local file that exists is embedded.

    A relative `path_or_url` is read from the current directory. An http(s) picture is embedded only once
    fetched (`brief/picture.py`): then `path_or_url` is the local copy, `fetched_from` the address and `sha256`
    the digest of the archived capture.
    """

    path_or_url: str
    caption: str          # under the picture: "Russian military assets at Al-Khadim air base, Libya, 2020"
    shows: str            # what it shows, for the image information and as alt text
    source: str           # where it was published (a press release page, a ministry channel…)
    licence: str          # "Public Domain", "CC BY 4.0"…
    credit: str           # who to credit: "US Africa Command"
    fetched_from: str | None = None   # the picture's address, when the brief fetched and archived it
    sha256: str | None = None         # of the picture, as its WARC record in the archive states it


class PullQuote(msgspec.Struct, kw_only=True):
    """One striking sentence from an excerpt (with … where cut); `excerpt_id` names that excerpt."""

    text: str
    excerpt_id: str


class Basis(msgspec.Struct, kw_only=True):
    """What an analysis sentence asserts, so its footnotes can be checked: who takes part (canonical names) and
    the happening (a PLOVER event type, or the content words of a claim)."""

    kind: str                          # "event", "conflict" (outlets disagree about an event) or "claim"
    participants: list[str] = msgspec.field(default_factory=list)
    # an event's roles (canonical names): the sentence's subject and those it acts on; a backing report must
    # give each the same role ("A met B" is not backed by "C met A and B")
    actors: list[str] = msgspec.field(default_factory=list)
    targets: list[str] = msgspec.field(default_factory=list)
    type: str | None = None            # the event type (event, conflict)
    words: list[str] = msgspec.field(default_factory=list)      # a claim's content words


class AnalysisSentence(msgspec.Struct, kw_only=True):
    """One sentence in the analyst's voice; `footnotes` are 1-based Note numbers, shown as [i], [ii]…"""

    text: str
    footnotes: list[int] = msgspec.field(default_factory=list)
    excerpts: list[str] = msgspec.field(default_factory=list)   # ids of the excerpts that back it, if any
    basis: Basis | None = None         # what it asserts; every drafted sentence has one


class Paragraph(msgspec.Struct, kw_only=True):
    """An analysis paragraph: sentences in reading order."""

    sentences: list[AnalysisSentence]


class Excerpt(msgspec.Struct, kw_only=True):
    """A passage from a source in English, with the original it translates and where that original lies.

    `doc_id`, `sha256` (the archived capture) and `[start, end)` (characters of the document text) let
    `dragoman cite ID` print the original; `cut` says the passage skips text, marked `…`.
    """

    id: str
    english: str
    original: str
    language: str                  # of the original: ISO 639-1 ("ar", "ru")
    translation: str               # "analyst", "ctranslate2 opus-mt-ar-en", "untranslated: glossed from term base"
    doc_id: str
    sha256: str | None = None
    start: int
    end: int
    cut: bool = False


class SourceBlock(msgspec.Struct, kw_only=True):
    """One source: original title in its own script, English title, outlet, date, URL and excerpts."""

    outlet: str
    descriptor: str                # "Qatari-aligned daily"
    grade: str                     # the outlet's Admiralty source-reliability grade A-F, or "unrated"
    title_original: str
    title_language: str            # ISO 639-1 of the original title
    title_english: str | None = None
    published: date | None = None
    url: str | None = None
    excerpts: list[Excerpt] = msgspec.field(default_factory=list)
    doc_id: str | None = None      # the document it stands for (the editor orders sources by it)


class Note(msgspec.Struct, kw_only=True):
    """A numbered note: context or further reading, usually another outlet's item, shown as [i], [ii]…"""

    number: int                    # 1-based; analysis footnotes refer to it
    text: str
    outlet: str | None = None
    descriptor: str | None = None
    title: str | None = None
    title_language: str | None = None   # so a title in Arabic is set right to left
    published: date | None = None
    url: str | None = None
    credibility: str | None = None      # e.g. "B2", or the reasoning's short form
    doc_id: str | None = None           # the document the note stands for (the brief's check reads it)


class Brief(msgspec.Struct, kw_only=True):
    """A drafted brief; `warnings` are drafting notes for the analyst (unrated outlets, thin backing…)."""

    title: str
    subtitle: str | None = None
    query: str
    period: str | None = None      # "August-October 2023"
    created: datetime
    image: Image | None = None
    pull_quote: PullQuote | None = None
    analysis: list[Paragraph] = msgspec.field(default_factory=list)
    sources: list[SourceBlock] = msgspec.field(default_factory=list)
    notes: list[Note] = msgspec.field(default_factory=list)
    warnings: list[str] = msgspec.field(default_factory=list)
    check: str | None = None       # the backing check's one-line result ("brief: 14 sentences, all backed")

    def excerpt(self, excerpt_id: str) -> tuple[SourceBlock, Excerpt] | None:
        """The source and excerpt with this id, or None."""
        for source in self.sources:
            for ex in source.excerpts:
                if ex.id == excerpt_id:
                    return source, ex
        return None

    def problems(self) -> list[str]:
        """What would make the rendered brief lie or dangle: unknown footnotes, excerpts, duplicate numbers."""
        found: list[str] = []
        numbers = [n.number for n in self.notes]
        for number in sorted({n for n in numbers if numbers.count(n) > 1 or n < 1}):
            found.append(f"note number {number} is duplicated or below 1")
        ids = [ex.id for s in self.sources for ex in s.excerpts]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            found.append(f"excerpt id {dup!r} is used twice")
        for p, para in enumerate(self.analysis, 1):
            for s, sentence in enumerate(para.sentences, 1):
                for number in sentence.footnotes:
                    if number not in numbers:
                        found.append(f"analysis paragraph {p} sentence {s} cites note {number}, which does not exist")
                for excerpt_id in sentence.excerpts:
                    if excerpt_id not in ids:
                        found.append(f"analysis paragraph {p} sentence {s} cites unknown excerpt {excerpt_id!r}")
        if self.pull_quote is not None and self.pull_quote.excerpt_id not in ids:
            found.append(f"pull quote cites unknown excerpt {self.pull_quote.excerpt_id!r}")
        for source in self.sources:
            for ex in source.excerpts:
                if not 0 <= ex.start <= ex.end:
                    found.append(f"excerpt {ex.id!r} has a bad span [{ex.start}, {ex.end})")
        return found


def roman(number: int) -> str:
    """Lower-case roman numeral for a note number: 1 -> "i", 14 -> "xiv"."""
    if number < 1:
        raise ValueError(f"note numbers start at 1, got {number}")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def absolute_date(day: date | datetime | None) -> str:
    """"28 September 2023" whatever the locale; "" for None."""
    if day is None:
        return ""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def is_rtl(language: str | None) -> bool:
    """Whether text in this language (BCP 47 tag or ISO code) is written right to left."""
    if not language:
        return False
    subtags = language.replace("_", "-").lower().split("-")
    return subtags[0] in RTL_LANGUAGES or any(tag in RTL_SCRIPTS for tag in subtags[1:])


def text_dir(language: str | None) -> str:
    """The HTML `dir` value for text in this language."""
    return "rtl" if is_rtl(language) else "ltr"
