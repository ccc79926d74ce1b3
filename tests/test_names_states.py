"""States as event participants in every language: a country named in Turkish, Arabic, French or Russian links to
one concept (as "Russia" does in English), so it can be an event's actor or target; a capital standing for its
government links too. Sentences are ones we wrote in the style of the news."""

import pytest

from dragoman.model import Document
from dragoman.names.resolver import EntityResolver
from dragoman.names.states import states
from dragoman.pipeline import Worker, plan
from dragoman.settings import Settings


@pytest.fixture(scope="module")
def resolver():
    return EntityResolver.from_termbase(arabnamer="off")


@pytest.fixture(scope="module")
def worker():
    settings = Settings()
    return Worker(plan(settings, only=("segment", "entities", "events")), settings)


@pytest.mark.parametrize("surface, lang, concept", [
    ("İsrail", "tr", "israel"), ("İsrail'in", "tr", "israel"), ("Irak'ta", "tr", "iraq"),
    ("Türkiye", "tr", "turkey"), ("Suudi Arabistan", "tr", "saudi-arabia"), ("Rusya", "tr", "russia"),
    ("إسرائيل", "ar", "israel"), ("وإيران", "ar", "iran"), ("تركيا", "ar", "turkey"), ("العراق", "ar", "iraq"),
    ("Israël", "fr", "israel"), ("Turquie", "fr", "turkey"), ("Израиль", "ru", "israel"),
    ("Israel", "en", "israel"), ("Tahran", "tr", "tehran"), ("الرياض", "ar", "riyadh"), ("Gazze", "tr", "gaza"),
])
def test_country_names_link_to_one_concept(resolver, surface, lang, concept):
    assert resolver.resolve(surface, "LOC", lang).entity_id == concept


def test_a_country_the_term_base_holds_keeps_its_concept(resolver):
    # pycountry's "Rusya Federasyonu" and the term base's "Rusya" are one entity, not two
    ids = {resolver.resolve(s, "LOC", lang).entity_id for s, lang in
           [("Rusya Federasyonu", "tr"), ("Rusya'nın", "tr"), ("Russian Federation", "en"), ("روسيا", "ar")]}
    assert ids == {"russia"}


def test_a_name_two_states_share_links_to_neither(resolver):
    assert resolver.resolve("Kongo", "LOC", "tr").entity_id is None      # Kinshasa's or Brazzaville's
    assert all("Korea" not in s.aliases for s in states())


def test_state_names_are_matched_exactly_never_loosely(resolver):
    # "Irakli" (a given name) and "Irana" are not Iraq or Iran; states take no fuzzy or skeleton matches
    assert resolver.resolve("Irakli", "LOC", "tr").entity_id is None
    assert resolver.resolve("Irana", "LOC", "tr").entity_id is None
    assert resolver.resolve("İsrail", "PER", "tr").entity_id is None     # a person is never a state


def events(worker, text, lang):
    doc = Document(id=f"{lang}-{hash(text)}", source="test", text=text, language=lang,
                   meta={"language_forced": lang})
    return [(e.value, e.actors, e.targets) for e in worker.process_one(doc).doc.events if e.assigned]


@pytest.mark.parametrize("text, lang, event", [
    ("İsrail, Gazze'ye hava saldırısı düzenledi.", "tr", ("FIGHT", ["Israel"], ["Gaza"])),
    ("İran, dün gece İsrail'e füze saldırısı düzenledi.", "tr", ("FIGHT", ["Iran"], ["Israel"])),
    ("شنت إسرائيل غارات جوية على غزة فجر اليوم.", "ar", ("FIGHT", ["Israel"], ["Gaza"])),
    ("هاجمت إيران إسرائيل بالصواريخ والطائرات المسيرة.", "ar", ("FIGHT", ["Iran"], ["Israel"])),
    ("Израиль нанес удар по Газе.", "ru", ("FIGHT", ["Israel"], ["Gaza"])),
])
def test_a_state_is_an_events_actor_or_target(worker, text, lang, event):
    assert event in events(worker, text, lang)


def test_arabic_capitals_are_recognised_and_linked(worker):
    doc = Document(id="ar-capitals", source="test", text="أدانت طهران العقوبات، واستدعت الرياض السفير.",
                   language="ar", meta={"language_forced": "ar"})
    linked = {m.text: m.entity_id for m in worker.process_one(doc).doc.mentions}
    assert linked.get("طهران") == "tehran" and linked.get("الرياض") == "riyadh"
