"""Admiralty information credibility: counted over independent families (republications and one family count
once), lowered by hedged or anonymous sourcing, conflicts and denials, with reasons an analyst can read."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from dragoman.analysis.credibility import LABELS, assess, assess_claim, find_corroborating
from dragoman.analysis.model import Conflict, Report

TZ = timezone(timedelta(hours=1))
HAFTAR = "Khalifa Haftar"


def rep(doc, outlet, family=None, grade="C", *, certainty=1.0, source_type=None, kind="event", english="",
        duplicate_of=None, original_family=None, original_outlet=None, negated=False, participants=(HAFTAR,),
        attributed_to=(), hedges=()):
    return Report(
        doc_id=doc, kind=kind, type="DEMAND" if kind == "event" else "reported", outlet_id=outlet.lower(),
        outlet=outlet, family=family or outlet.lower(), descriptor="", grade=grade, url=None, title=None,
        title_english=None, published=datetime(2023, 9, 28, 17, tzinfo=TZ), language="en", start=0, end=10,
        text=english or doc, english=english or None, translation=None, actors=[], targets=[],
        participants=list(participants), place=None, lat=None, lon=None, when_start=None, when_end=None,
        precision=None, attributed_to=list(attributed_to), certainty=certainty, hedges=list(hedges), confidence=0.9,
        duplicate_of=duplicate_of, negated=negated, source_type=source_type, original_family=original_family,
        original_outlet=original_outlet, persons=[p for p in participants if p == HAFTAR])


def test_three_independent_families_confirm():
    c = assess([rep("1", "Le Monde", grade="B"), rep("2", "TASS"), rep("3", "Anadolu Agency")])
    assert (c.grade, c.label) == (1, "confirmed by other sources")
    assert c.independent == ["le monde", "tass", "anadolu agency"]
    assert c.reasoning[0].startswith("Reported by 3 independent outlet families: Le Monde (B, usually reliable)")
    assert c.reasoning[-1] == "Grade 1: confirmed by other sources."


def test_a_republication_and_a_sister_outlet_count_once():
    reports = [rep("ria", "RIA Novosti", "rossiya-segodnya"),
               rep("sputnik", "Sputnik Arabic", "rossiya-segodnya", grade="D"),
               rep("tass", "TASS", duplicate_of="ria", original_family="rossiya-segodnya",
                   original_outlet="RIA Novosti"),
               rep("lm", "Le Monde", grade="B")]
    c = assess(reports)
    assert c.grade == 2 and c.independent == ["rossiya-segodnya", "le monde"]
    text = " ".join(c.reasoning)
    assert "TASS repeats RIA Novosti's story nearly word for word: counted once, with RIA Novosti." in text
    assert "RIA Novosti and Sputnik Arabic belong to one family (rossiya-segodnya): counted once." in text


def test_one_reliable_plain_source_is_possibly_true_and_hedged_sourcing_is_doubtful():
    assert assess([rep("1", "Le Monde", grade="B")]).grade == 3
    hedged = assess([rep("1", "Le Monde", grade="B", certainty=0.48, source_type="anonymous",
                         attributed_to=("Le Monde", "unattributed reports"), hedges=("viserait",))])
    assert (hedged.grade, hedged.label) == (4, "doubtful")
    assert "Le Monde reports it only through unattributed reports (viserait): hedged or anonymous sourcing weighs " \
        "half." \
        in " ".join(hedged.reasoning)


def test_anonymous_sourcing_alone_stays_at_best_possibly_true():
    reports = [rep(str(i), o, grade="B", certainty=0.6, source_type="anonymous",
                   attributed_to=(o, "informed sources")) for i, o in enumerate(["A", "B", "C", "D", "E", "F", "G"])]
    c = assess(reports)
    assert c.grade == 3 and any("hedged or anonymous sourcing, so it stays at best possibly true" in r
                                for r in c.reasoning)


def test_unreliable_outlets_weigh_less_and_a_lone_unrated_source_cannot_be_judged():
    assert assess([rep("1", "Rybar", grade="D"), rep("2", "Libya Review", grade="D")]).grade == 3
    lone = assess([rep("1", "Blog", grade="unrated")])
    assert (lone.grade, lone.label) == (6, "truth cannot be judged")
    assert assess([]).grade == 6


def test_conflicts_and_denials_lower_the_grade():
    three = [rep("1", "A"), rep("2", "B"), rep("3", "C")]
    conflict = Conflict("date", {"22 August 2023": ["A", "B"], "23 August 2023": ["C"]},
                        "Outlets disagree on the date: 22 August 2023 (A, B); 23 August 2023 (C).")
    c = assess(three, conflicts=[conflict])
    assert c.grade == 2 and conflict.note in c.reasoning and "Lowered from 1 to 2" in " ".join(c.reasoning)
    denied = assess(three, against=[rep("4", "D", negated=True)])
    assert denied.grade == 2 and "1 outlet family reports that it did not happen: D." in denied.reasoning
    outnumbered = assess([rep("1", "A")], against=[rep("2", "B", negated=True), rep("3", "C", negated=True)])
    assert (outnumbered.grade, outnumbered.label) == (5, "improbable")


def test_every_grade_has_its_label():
    assert LABELS == {1: "confirmed by other sources", 2: "probably true", 3: "possibly true", 4: "doubtful",
                      5: "improbable", 6: "truth cannot be judged"}


def test_a_claim_through_informed_sources_is_corroborated_by_other_outlets_saying_the_same():
    claim = rep("araby", "al-Araby al-Jadeed", "al-araby-al-jadeed", kind="claim", certainty=0.6,
                source_type="anonymous", attributed_to=("al-Araby al-Jadeed", "informed sources"),
                english="According to the same sources, Haftar is seeking air-defence systems, drones and combat "
                        "aircraft, as well as workshops to maintain his mostly Russian-made equipment.")
    others = [
        rep("newarab", "The New Arab", "al-araby-al-jadeed", kind="claim", certainty=0.57, source_type="anonymous",
            english="Informed sources told The New Arab that Haftar asked Moscow for a formal defence agreement, "
                    "as well as Russian air-defence systems, drones and combat aircraft."),
        rep("wsj", "Wall Street Journal", grade="B",
            english="Haftar, in turn, has asked for air-defense systems, drones, combat jets and repair workshops "
                    "for his largely Russian-made equipment."),
        rep("lemonde", "Le Monde", grade="B", kind="claim", certainty=0.6, source_type="anonymous",
            english="Marshal Haftar is asking, according to sources close to the matter, for a formal defence "
                    "agreement, air-defence systems, drones and combat aircraft."),
        rep("tass", "TASS", english="Haftar thanked the Russian side for the help given to the flood victims."),
        rep("kremlin", "RIA Novosti", english="Putin met Haftar in the Kremlin; they discussed the situation in "
                                             "Libya and the wider region.", participants=(HAFTAR, "Vladimir Putin")),
        rep("other", "Le Figaro", grade="B", participants=("Someone Else",),
            english="Someone Else is seeking air-defence systems, drones and combat aircraft."),
    ]
    found = find_corroborating(claim, others + [replace(claim, start=200)])
    assert {r.doc_id for r in found} == {"newarab", "wsj", "lemonde"}
    c = assess_claim(claim, found)
    assert c.reasoning[0] == "The claim is attributed to al-Araby al-Jadeed → informed sources."
    assert c.independent == ["al-araby-al-jadeed", "wall street journal", "le monde"]
    # al-Araby and its sister count once, both hedged (0.5); WSJ plain (1); Le Monde anonymous (0.5): 2.0
    assert (c.grade, c.label) == (2, "probably true")
    assert any("The New Arab" in r and "one family" in r for r in c.reasoning)


def test_a_claim_telling_a_happening_is_corroborated_by_that_happenings_other_reports():
    day = datetime(2023, 9, 17, tzinfo=TZ)
    dated = dict(when_start=day, when_end=day + timedelta(days=1), precision="day", persons=[HAFTAR, "Yevkurov"],
                 participants=[HAFTAR, "Yevkurov"], type="CONSULT")
    claim = replace(rep("ria", "RIA Novosti", kind="claim", attributed_to=("RIA Novosti", "Ministry of Defence"),
                        english="Yevkurov has again visited Benghazi, where he met Haftar, the ministry said."),
                    start=0, end=120, participants=[HAFTAR, "Yevkurov"])
    inside = replace(rep("ria", "RIA Novosti"), trigger_at=40, start=0, end=130, **dated)
    others = [replace(rep(d, o, grade=g), **dated) for d, o, g in
              (("lo", "Libya Observer", "C"), ("lemonde", "Le Monde", "B"), ("mod", "Russian MoD", "C"))]
    unrelated = replace(rep("x", "Other", english="Yevkurov has again visited Benghazi and met Haftar."),
                        when_start=day - timedelta(days=30), when_end=day - timedelta(days=29), precision="day",
                        type="CONSULT", persons=[HAFTAR, "Yevkurov"], participants=[HAFTAR, "Yevkurov"])
    found = find_corroborating(claim, [claim, inside, *others, unrelated])
    assert {r.doc_id for r in found} == {"lo", "lemonde", "mod"}      # the story's reports, not a month earlier
    assert found[0].grade == "B"
    assert assess_claim(claim, found).grade == 1


def test_files_nothing_identifies_count_once_and_their_reasons_read_as_sentences():
    from dragoman.analysis.sources import UNIDENTIFIED_FAMILY
    first = rep("a", "an unidentified outlet (file ar04.html)", UNIDENTIFIED_FAMILY, "unrated")
    second = rep("b", "an unidentified outlet (file ar12.html)", UNIDENTIFIED_FAMILY, "unrated")
    judged = assess([first, second])
    assert judged.independent == [UNIDENTIFIED_FAMILY]           # they may be one outlet's: counted once
    assert any("nothing names their publishers" in r for r in judged.reasoning)
    assert all(r[0].isupper() for r in judged.reasoning), judged.reasoning
