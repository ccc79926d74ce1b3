"""PLOVER event coding scored on records shaped like the PLOVER gold-standard file (any language).

A record has `event` (the PLOVER type), `text`, `source` / `target` (lists of `{"actorText": ...}`, or plain
strings), and optionally `language` (default en), `mode` and `id`. Files may be a JSON list, JSON lines, or
the gold file's own JSON-like text with trailing commas; a record that cannot be read is reported by its
index and skipped. Records without text, or of type DOCUMENT (the gold file's header), are not events.

For each record the coder runs on `text` (English mentions come from spaCy's NER; other languages from the
term base) and its surest event is compared with the gold one:

- type accuracy: the top event's type equals the gold type (no event counts as wrong). Gold types from later
  PLOVER drafts are mapped first (REQUEST -> DEMAND, ACCUSE -> DISAPPROVE, ACCUSE/investigate -> INVESTIGATE).
- mode accuracy: over records whose gold mode is not empty, type and mode both right.
- source / target match rate: over records with a gold source (target), the share where some actor (target)
  of the top event matches some gold actorText. Two names match when, after casefolding, splitting into word
  tokens and dropping function words and possessive 's, their token sets have Jaccard similarity >= 0.5 or the
  same last token (the head: "Tom King" matches "British Defence Secretary Tom King"; the head of "the capital
  city of Algiers" is Algiers). Two names also match when the record's own text makes them one phrase, either
  way round: a title written directly before a person's full name ("U.S. negotiator" / "Paul Nitze" in "U.S.
  negotiator Paul Nitze", or "U.S. Secretary of State Warren Christopher" / "Warren Christopher"), a
  description and a full name set side by side between commas ("A member of the Syrian parliament, Mohammed
  Mamoun, ..."), or an acronym in brackets after the name it abbreviates ("MASSOB" in "... of Biafra (MASSOB)").
- precision beside each accuracy: type over the records where an event was coded; source (target) over the
  records with a gold source (target) where the top event names an actor (target).
- any-event type accuracy: the gold type is among all events coded in the sentence (context for the figure
  above: the gold file codes some sentences twice, once per event).
- halves: type, source and target on the records whose id ends in an odd number and on the rest. The English
  role rules of session 5 were written reading only the even half, so the odd half is held out from them (the
  lexicon itself was written reading the whole set).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterator

from ..errors import DragomanError

JACCARD = 0.5
SUFFIXES = (".json", ".jsonl", ".txt")
_FUNCTION_WORDS = {"the", "a", "an", "of", "and", "s", "in", "on", "at", "for", "to", "from", "by", "with", "its",
                   "their", "his", "her"}
_TOKEN = re.compile(r"\w+")
# Words that start a post-modifier in an English noun phrase.
_POST_MODIFIERS = {"of", "in", "from", "at", "on", "for", "with", "by", "to", "near", "throughout", "across",
                   "inside", "outside", "during", "under", "based", "loyal", "who", "which", "that"}
# "the town of Gorazde", "the capital city of Algiers": the place noun is the name's description, not its head.
_PLACE_OF = {"city", "town", "village", "province", "region", "district", "enclave", "port", "island", "capital"}
# Words that end a phrase that is not a title ("supporters of", "rebels in", "the US and").
_NOT_TITLE_END = _FUNCTION_WORDS | _POST_MODIFIERS | {"or", "nor", "but"}
_TRAILING_COMMA = re.compile(r",(\s*[\]}])")
_BOUNDARY = re.compile(r"(?<=\})\s*,?[ \t]*\n(?=\s*\{)")


# ------------------------------------------------------------------------------------------------ reading

def _objects(text: str) -> Iterator[tuple[int, int]]:
    """Spans of top-level {...} objects by brace depth outside strings. A JSON string never holds a raw newline,
    so a newline ends one that was left open; an object still open at the end runs to the end of the text."""
    depth = start = 0
    in_string = escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch in "\"\n":
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                yield start, i + 1
    if depth:
        yield start, len(text)


def _decode(piece: str) -> Any:
    """One object from the start of `piece`, trailing commas forgiven, anything after it ignored."""
    return json.JSONDecoder().raw_decode(_TRAILING_COMMA.sub(r"\1", piece.strip()))[0]


def parse_records(text: str, name: str) -> tuple[list[Any], list[str]]:
    """Raw records from JSON, JSON lines or lenient JSON-like text, and a line per record that failed. A broken
    record is re-split at its record boundaries ("}," then a line starting "{") so one typo costs one record."""
    stripped = text.strip()
    if not stripped:
        return [], []
    try:
        data = json.loads(stripped)
        return (data if isinstance(data, list) else [data]), []
    except json.JSONDecodeError:
        pass
    lines = [line for line in stripped.splitlines() if line.strip()]
    if stripped.startswith("{") and all(line.lstrip().startswith("{") for line in lines):
        try:
            return [json.loads(line) for line in lines], []
        except json.JSONDecodeError:
            pass                                    # a pretty-printed object list: read chunk by chunk
    records: list[Any] = []
    problems: list[str] = []
    for start, end in _objects(stripped):
        chunk = stripped[start:end]
        try:
            records.append(_decode(chunk))
            continue
        except json.JSONDecodeError:
            pass
        offset = start
        for piece in _BOUNDARY.split(chunk):
            try:
                records.append(_decode(piece))
            except json.JSONDecodeError as exc:
                line = stripped.count("\n", 0, offset) + 1
                problems.append(f"{name}: record {len(records)} (line {line}): not readable as JSON ({exc.msg})")
                records.append(None)                # keep indexes stable for the report
            offset += len(piece)
    if not records:
        problems.append(f"{name}: no records found (expected a JSON list, JSON lines or {{...}} objects)")
    return records, problems


def _actors(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, str):
        return [value] if value.strip() else []
    out = []
    for item in value or []:
        text = item.get("actorText") if isinstance(item, dict) else item
        if isinstance(text, str) and text.strip():
            out.append(text.strip())
    return out


def load_records(data: Path, *, limit: int | None = None) -> tuple[list[dict], list[str], int]:
    """Gold records from a file or every record file in a folder: (records, problems, records not events)."""
    data = Path(data)
    if data.is_dir():
        files = sorted(p for p in data.iterdir() if p.suffix.lower() in SUFFIXES and _looks_like_records(p))
    elif data.is_file():
        files = [data]
    else:
        raise DragomanError(f"{data}: events eval data not found; point --data at a record file or a folder "
                            "of them (e.g. ../shared/eval/events-plover-gsr)")
    if not files:
        raise DragomanError(f"{data}: no record files (.json, .jsonl, or JSON-like .txt) in this folder")
    records: list[dict] = []
    problems: list[str] = []
    not_events = 0
    for path in files:
        raw, bad = parse_records(path.read_text(encoding="utf-8", errors="replace"), path.name)
        problems.extend(bad)
        for index, item in enumerate(raw):
            if item is None:
                continue
            where = f"{path.name}: record {index}" + (f" ({item.get('id')})" if isinstance(item, dict)
                                                     and item.get("id") else "")
            if not isinstance(item, dict):
                problems.append(f"{where}: not an object")
                continue
            event, text = item.get("event"), item.get("text")
            if not isinstance(event, str) or not event.strip():
                problems.append(f"{where}: no `event`")
                continue
            if event.strip().upper() == "DOCUMENT" or not isinstance(text, str) or not text.strip():
                not_events += 1
                continue
            records.append({"id": item.get("id") or where, "event": event, "mode": item.get("mode") or None,
                            "text": text.strip().strip("{}").strip(), "language": item.get("language") or "en",
                            "source": _actors(item.get("source")), "target": _actors(item.get("target"))})
    return records[:limit] if limit else records, problems, not_events


def _looks_like_records(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as handle:
        head = handle.read(200).lstrip()
    return head.startswith(("[", "{"))


# ------------------------------------------------------------------------------------------------ scoring

def _tokens(name: str) -> list[str]:
    return [t for t in _TOKEN.findall(name.casefold().replace("'s", "")) if t not in _FUNCTION_WORDS]


def head(name: str) -> str | None:
    """The head word of a name: the last word before any post-modifier ("students throughout Indonesia",
    "Red Cross operating in Iraq", "King Hassan of Morocco" -> students, cross, hassan)."""
    words = _TOKEN.findall(name.casefold().replace("'s", ""))
    for i, word in enumerate(words):
        if word == "of" and i and words[i - 1] in _PLACE_OF and i + 1 < len(words):
            return head(" ".join(words[i + 1:]))
        if i and (word in _POST_MODIFIERS or (len(word) > 4 and word.endswith(("ing", "ed")))):
            words = words[:i]
            break
    words = [w for w in words if w not in _FUNCTION_WORDS]
    return words[-1] if words else None


def actor_match(predicted: str, gold: str, text: str = "") -> bool:
    """Token Jaccard >= 0.5 (function words dropped), the same head word, or one phrase in `text` (a title
    and the name it describes, an acronym and its expansion). Symmetric: either may be the gold."""
    a, b = set(_tokens(predicted)), set(_tokens(gold))
    if not a or not b:
        return False
    if len(a & b) / len(a | b) >= JACCARD or head(predicted) == head(gold) is not None:
        return True
    text = " ".join(text.split())
    return any(_titled(x, y, text) or _apposed(x, y, text) or _abbreviates(x, y, text)
               for x, y in ((predicted, gold), (gold, predicted)))


def _is_title(words: list[str]) -> bool:
    """Could these words be a title or description before a name ("U.S. Secretary of State", "British
    militant")? Not when they end in a function word or hold a post-modifier ("supporters of former President",
    "rebels in"); "of" only inside a capitalised title."""
    if not words or words[-1].casefold().strip(".,") in _NOT_TITLE_END:
        return False
    for i, word in enumerate(words[:-1]):
        low = word.casefold()
        if low == "of" and words[i + 1][:1].isupper():
            continue
        if low in _POST_MODIFIERS or low in ("and", "or"):
            return False
    return True


def _titled(title: str, name: str, text: str) -> bool:
    """`title` describes the person `name`: it ends with the person's full name (two or more capitalised words)
    after a title, or it is a description that the text writes directly before that full name."""
    words, title_words = name.split(), title.split()
    for k in range(len(words) - 1):
        tail = words[k:]
        if not all(w[:1].isupper() for w in tail):
            continue
        if title_words[-len(tail):] == tail and _is_title(title_words[:-len(tail)]):
            return True
        # in the text, only a description ending in a common noun: "Kenya" before "Anti-Corruption Commission"
        # is the name's own first word, not a title
        if (_is_title(title_words) and title_words[-1][:1].islower()
                and f"{' '.join(title_words)} {' '.join(tail)}" in text):
            return True
    return False


def _apposed(description: str, name: str, text: str) -> bool:
    """The text sets a described person and their full name side by side between commas: "A member of the
    Syrian parliament, Mohammed Mamoun, started ..." or "Mohammed Mamoun, a member of the Syrian parliament,".
    The description starts with an article and ends in a common noun (a list item such as "the United Nations,
    Kofi Annan" is no description)."""
    words = name.split()
    core = re.sub(r"^(?:a|an|the)\s+", "", " ".join(description.split()), flags=re.IGNORECASE)
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or not core or " and " in core:
        return False
    if not core.split()[-1][:1].islower():
        return False
    full, core = re.escape(" ".join(words)), re.escape(core)
    return re.search(rf"\b(?:[Aa]n?|[Tt]he) {core}, {full},|{full}, (?:an?|the) {core}[,.]", text) is not None


def _abbreviates(expansion: str, acronym: str, text: str) -> bool:
    """`acronym` is written in brackets after `expansion` (or the other way round) and holds the initials of
    its capitalised words in order ("Movement for the Actualization of the Sovereign State of Biafra (MASSOB)")."""
    short, long = acronym.strip(), " ".join(expansion.split())
    if not (short.isalpha() and short.isupper() and len(short) >= 2) or " " not in long:
        return False
    if f"{long} ({short})" not in text and f"{short} ({long})" not in text:
        return False
    letters = iter(short)
    return all(initial in letters for initial in (w[0] for w in long.split() if w[:1].isupper()))


def _any_match(predicted: list[str], gold: list[str], text: str = "") -> bool:
    return any(actor_match(p, g, text) for p in predicted for g in gold)


def _code(records: list[dict]) -> list[tuple[Any, list[Any]]]:
    """(top event, all events) per record, coding each language's records in one batch."""
    from ..events import EventCoder, SentenceInput
    from ..events.nlp import mentions
    coder = EventCoder()
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        by_lang[record["language"].split("-")[0].lower()].append(i)
    out: list[tuple[Any, list[Any]]] = [(None, [])] * len(records)
    for lang, indexes in by_lang.items():
        texts = [records[i]["text"] for i in indexes]
        found = mentions(texts) if lang == "en" else [[] for _ in texts]
        hits = coder.code([SentenceInput(t, 0, m) for t, m in zip(texts, found)], lang)
        grouped: dict[int, list[Any]] = defaultdict(list)
        for hit in hits:
            grouped[hit.sentence].append(hit)
        for j, i in enumerate(indexes):
            out[i] = (EventCoder.top(grouped[j]), grouped[j])
    return out


def _half(record_id: Any, index: int) -> str:
    """"odd" when the id ends in an odd number ("PLOVER-GSR01-AGREE-0003"), else "even"; ids without a number
    split by position."""
    digits = re.search(r"(\d+)\D*$", str(record_id))
    number = int(digits.group(1)) if digits else index
    return "odd" if number % 2 else "even"


def evaluate(data: Path, *, limit: int | None = None, details: bool = False) -> dict[str, Any]:
    """Score the event coder on every record under `data`; `details` adds one row per record."""
    from ..events.lexicon import plover
    vocab = plover()
    records, problems, not_events = load_records(data, limit=limit)
    if not records:
        raise DragomanError(f"{data}: no event records to score" + (f" ({problems[0]})" if problems else ""))
    started = time.perf_counter()
    coded = _code(records)
    seconds = time.perf_counter() - started
    n = len(records)
    right = any_right = mode_n = mode_right = with_event = 0
    src_n = src_right = tgt_n = tgt_right = src_named = tgt_named = 0
    confusion: dict[str, Counter] = defaultdict(Counter)
    languages: dict[str, Counter] = defaultdict(Counter)
    halves: dict[str, Counter] = defaultdict(Counter)
    rows = []
    for index, (record, (top, hits)) in enumerate(zip(records, coded)):
        gold_type, gold_mode = vocab.normalise(record["event"], record["mode"])
        got_type = top.type if top else None
        ok = got_type == gold_type
        right += ok
        with_event += top is not None
        any_right += any(h.type == gold_type for h in hits)
        confusion[gold_type][got_type or "none"] += 1
        languages[record["language"]]["n"] += 1
        languages[record["language"]]["right"] += ok
        if gold_mode:
            mode_n += 1
            mode_right += ok and top.mode == gold_mode
        src_ok = tgt_ok = None
        if record["source"]:
            src_n += 1
            src_ok = bool(top) and _any_match(top.actors, record["source"], record["text"])
            src_right += src_ok
            src_named += bool(top and top.actors)
        if record["target"]:
            tgt_n += 1
            tgt_ok = bool(top) and _any_match(top.targets, record["target"], record["text"])
            tgt_right += tgt_ok
            tgt_named += bool(top and top.targets)
        half = halves[_half(record["id"], index)]
        half["n"] += 1
        half["type"] += ok
        for key, gold_ok in (("source", src_ok), ("target", tgt_ok)):
            if gold_ok is not None:
                half[key + "_n"] += 1
                half[key] += gold_ok
        if details:
            rows.append({"id": record["id"], "gold": gold_type, "gold_mode": gold_mode, "got": got_type,
                         "got_mode": top.mode if top else None, "trigger": top.trigger if top else None,
                         "source": record["source"], "actors": top.actors if top else [],
                         "source_ok": src_ok, "target": record["target"], "targets": top.targets if top else [],
                         "target_ok": tgt_ok, "text": record["text"]})

    def rate(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    result: dict[str, Any] = {
        "records": n,
        "type_accuracy": rate(right, n),
        "type_precision": rate(right, with_event), "coded": with_event,
        "source_precision": rate(src_right, src_named), "target_precision": rate(tgt_right, tgt_named),
        "mode_accuracy": rate(mode_right, mode_n), "mode_records": mode_n,
        "source_match": rate(src_right, src_n), "source_records": src_n,
        "target_match": rate(tgt_right, tgt_n), "target_records": tgt_n,
        "any_event_type_accuracy": rate(any_right, n),
        "types": {t: {"n": sum(c.values()), "accuracy": rate(c[t], sum(c.values())),
                      "confused_with": dict((k, v) for k, v in c.most_common() if k != t)}
                  for t, c in sorted(confusion.items())},
        "languages": {lang: {"n": c["n"], "type_accuracy": rate(c["right"], c["n"])}
                      for lang, c in sorted(languages.items())},
        "halves": {name: {"n": c["n"], "type_accuracy": rate(c["type"], c["n"]),
                          "source_match": rate(c["source"], c["source_n"]),
                          "target_match": rate(c["target"], c["target_n"])}
                   for name, c in sorted(halves.items())},
        "skipped": {"unreadable": len(problems), "not_events": not_events},
        "problems": problems,
        "seconds": round(seconds, 2),
    }
    if details:
        result["rows"] = rows
    return result


def format_text(result: dict[str, Any]) -> str:
    """A short human-readable report of `evaluate`'s result."""
    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.1%}"

    lines = [f"events: {result['records']} records in {result['seconds']} s",
             f"  type accuracy   {pct(result['type_accuracy'])}   (gold type among all events coded: "
             f"{pct(result['any_event_type_accuracy'])})",
             f"  mode accuracy   {pct(result['mode_accuracy'])} of {result['mode_records']} with a gold mode",
             f"  type precision  {pct(result['type_precision'])} of {result['coded']} records with an event coded",
             f"  source match    {pct(result['source_match'])} of {result['source_records']}   "
             f"(precision {pct(result['source_precision'])}: of those where an actor was named)",
             f"  target match    {pct(result['target_match'])} of {result['target_records']}   "
             f"(precision {pct(result['target_precision'])}: of those where a target was named)",
             "  per type (n, accuracy, most confused with):"]
    for kind, row in result["types"].items():
        confused = ", ".join(f"{k} {v}" for k, v in list(row["confused_with"].items())[:3])
        lines.append(f"    {kind:<12} {row['n']:>4}  {pct(row['accuracy']):>6}  {confused}")
    for name, half in result.get("halves", {}).items():
        lines.append(f"  {name + ' half':<10} n={half['n']:<4} type {pct(half['type_accuracy'])}, source "
                     f"{pct(half['source_match'])}, target {pct(half['target_match'])}")
    if len(result["languages"]) > 1:
        lines.append("  per language: " + ", ".join(f"{k} {pct(v['type_accuracy'])} of {v['n']}"
                                                    for k, v in result["languages"].items()))
    skipped = result["skipped"]
    if skipped["unreadable"] or skipped["not_events"]:
        lines.append(f"  skipped: {skipped['unreadable']} unreadable, {skipped['not_events']} not event records")
    lines.extend(f"  ! {p}" for p in result["problems"][:10])
    return "\n".join(lines)
