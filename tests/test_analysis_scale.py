"""Analysis on two thousand processed documents stays a matter of seconds, and its answers do not depend on the
order documents arrive in."""

import random
import time
from datetime import datetime, timedelta, timezone

import pytest

from dragoman.analysis.participants import Names
from dragoman.analysis.reports import reports_from_documents, select
from dragoman.analysis.stories import build_stories
from dragoman.model import Claim, Document, Event, Mention, Place, Sentence, Span, TimeExpression
from dragoman.outlets import Registry

TZ = timezone.utc
PEOPLE = ["Khalifa Haftar", "Yunus-Bek Yevkurov", "Vladimir Putin", "Sergei Shoigu", "Saddam Haftar",
          "Abdul Hamid Dbeibah", "Dmitry Peskov", "Yevgeny Prigozhin"] + [f"Person {i} Example" for i in range(30)]
PLACES = [("Benghazi", 32.11, 20.07), ("Moscow", 55.75, 37.62), ("Tripoli", 32.89, 13.19), ("Sirte", 31.2, 16.6),
          ("Derna", 32.77, 22.64), ("Sabha", 27.04, 14.43)]
VERBS = [("met", "CONSULT"), ("visited", "CONSULT"), ("signed a deal with", "AGREE"), ("asked for weapons from",
                                                                                        "DEMAND")]
HOSTS = ["aa.com.tr", "ria.ru", "tass.ru", "lemonde.fr", "wsj.com", "alaraby.co.uk", "libyaobserver.ly",
         "unrated-blog.example"]
COMMON = dict(stage="test", version="1")
WORDS = [f"{a}{b}{c}" for a in ("ba", "ko", "ri", "ste", "mu", "al", "de", "vo", "sa", "tur")
         for b in ("n", "r", "l", "m", "s", "t", "k") for c in ("a", "e", "o", "um", "is", "en", "ar", "ov")]


def synthetic(n: int, seed: int = 3) -> list[Document]:
    rng = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=TZ)
    docs = []
    for i in range(n):
        published = start + timedelta(days=rng.randrange(360), hours=rng.randrange(24))
        parts, mentions, times, places, events, claims, sentences = [], [], [], [], [], [], []
        at = 0
        for j in range(8):
            a, b = rng.sample(PEOPLE[:12] if rng.random() < 0.7 else PEOPLE, 2)
            verb, kind = rng.choice(VERBS)
            place, lat, lon = rng.choice(PLACES)
            day = published - timedelta(days=rng.randrange(5))
            when = f"on {day:%d %B %Y}"
            filler = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 20)))
            sentence = f"{a} {verb} {b} in {place} {when}, {filler}."
            base = at
            pa, pb = base, base + len(a) + len(verb) + 2
            mentions += [Mention(span=Span(pa, pa + len(a)), text=a, value=a, label="PER",
                                 entity_id=a.lower().replace(" ", "-"), **COMMON),
                         Mention(span=Span(pb, pb + len(b)), text=b, value=b, label="PER",
                                 entity_id=b.lower().replace(" ", "-"), **COMMON)]
            pp = sentence.index(place) + base
            places.append(Place(span=Span(pp, pp + len(place)), text=place, value=place, lat=lat, lon=lon,
                                precision=1, **COMMON))
            pt = sentence.index(when) + base
            if rng.random() < 0.8:
                first = datetime(day.year, day.month, day.day, tzinfo=TZ)
                times.append(TimeExpression(span=Span(pt, pt + len(when)), text=when, value=first.date().isoformat(),
                                            start=first, end=first + timedelta(days=1), precision="day", **COMMON))
            pv = base + len(a) + 1
            events.append(Event(span=Span(base, pb + len(b)), text=sentence[:len(a) + len(verb) + len(b) + 2],
                                value=kind, trigger=verb.split()[0], actors=[a], targets=[b], confidence=0.8,
                                **COMMON))
            assert sentence[pv - base:].startswith(verb.split()[0])
            if j % 4 == 0:
                claims.append(Claim(span=Span(base, base + len(sentence) - 1), text=sentence[:-1], value="reported",
                                    attributed_to=["outlet", "informed sources"], certainty=0.6,
                                    source_type="anonymous", **COMMON))
            sentences.append(Sentence(span=Span(base, base + len(sentence)), language="en"))
            parts.append(sentence)
            at += len(sentence) + 1
        host = HOSTS[i % len(HOSTS)]
        docs.append(Document(id=f"d{i:05d}", source=host, url=f"https://{host}/news/{i}", published=published,
                             language="en", text=" ".join(parts), sentences=sentences, mentions=mentions,
                             times=times, places=places, events=events, claims=claims))
    return docs


@pytest.fixture(scope="module")
def setup():
    return synthetic(2000), Registry.load(None), Names.for_connection(None)


def test_two_thousand_documents_make_reports_and_stories(setup):
    docs, registry, names = setup
    started = time.perf_counter()
    reports = reports_from_documents(docs, registry, names)
    built = time.perf_counter()
    stories = build_stories(reports)
    clustered = time.perf_counter()
    haftar = select(reports, names, entity="Khalifa Haftar")
    done = time.perf_counter()
    print(f"\n2000 documents: {len(reports)} reports in {built - started:.2f} s, {len(stories)} stories in "
          f"{clustered - built:.2f} s, entity selection in {done - clustered:.2f} s")
    assert len(reports) > 16000 and stories
    assert 0 < len(haftar) < len(reports)


def test_document_order_does_not_change_the_stories(setup):
    docs, registry, names = setup
    sample = docs[:300]
    one = build_stories(reports_from_documents(sample, registry, names))
    two = build_stories(reports_from_documents(list(reversed(sample)), registry, names))
    assert sorted(s.id for s in one) == sorted(s.id for s in two)
