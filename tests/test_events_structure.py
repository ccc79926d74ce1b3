"""Roles from structure (issue 13), on sentences we wrote: French from fr_core_news_md's parse, Russian from
natasha's, Arabic and Turkish from word order, case and prepositions. Where the structure does not say who
acted, the event keeps its type and stays unassigned."""


from dragoman.events import SentenceInput


def coded(coder, text, lang, kind):
    hits = [h for h in coder.code([SentenceInput(text, 0)], lang) if h.type == kind]
    assert hits, (text, [h.type for h in coder.code([SentenceInput(text, 0)], lang)])
    return hits[0]


def test_french_object_preposition_and_reporting_verb(coder):
    hit = coded(coder, "Moscou a livré des armes à Khalifa Haftar.", "fr", "AID")
    assert hit.actors == ["Moscow"] and hit.targets == ["Khalifa Haftar"] and hit.assigned
    signed = coded(coder, "Khalifa Haftar a signé le protocole final.", "fr", "SUPPORT")
    assert signed.targets == [] and not signed.assigned          # a document is nobody to support
    said = coded(coder, "Le porte-parole a annoncé qu'ils ont rencontré Khalifa Haftar à Moscou.", "fr", "CONSULT")
    assert not said.actors and not said.assigned                 # the spokesman reports; "ils" is nobody


def test_french_call_is_a_call_and_a_call_for_is_a_demand(coder):
    assert coded(coder, "Vladimir Poutine appelle Khalifa Haftar.", "fr", "CONSULT").mode == "phone"
    assert coded(coder, "Vladimir Poutine appelle à un cessez-le-feu à Tripoli.", "fr", "DEMAND")


def test_russian_withdrawal_takes_whence_and_set_phrases_are_no_event(coder):
    hit = coded(coder, "Российские войска вышли из Алеппо.", "ru", "RETREAT")
    assert hit.actors == ["Российские войска"] and hit.targets and "Алеппо" in hit.targets[0]
    assert not coder.code([SentenceInput("Российская авиация принимает участие в учениях.", 0)], "ru") or all(
        h.type != "CONSULT" for h in coder.code([SentenceInput("Российская авиация принимает участие в учениях.", 0)],
                                                "ru"))


def test_arabic_pronoun_subject_and_coordinated_verb_leave_the_actor_unnamed(coder):
    hit = coded(coder, "وقال المتحدث إنه زار بنغازي أمس.", "ar", "CONSULT")
    assert not hit.actors and not hit.assigned


def test_arabic_state_heading_its_clause_is_the_subject(coder):
    hit = coded(coder, "لكن موسكو انتقدت واشنطن بشدة.", "ar", "DISAPPROVE")
    assert hit.actors == ["Moscow"] and hit.targets == ["Washington"] and hit.assigned


def test_arabic_event_noun_takes_no_actor_from_its_genitive(coder):
    hit = coded(coder, "وتواصلت الاجتماعات حفتر في بنغازي.", "ar", "CONSULT")
    assert not hit.assigned


def test_turkish_passive_postposition_and_comma_subject(coder):
    passive = coded(coder, "Hafter Moskova'da tutuklandı.", "tr", "COERCE")
    assert not passive.actors and not passive.assigned           # who arrested him is not said
    warned = coded(coder, "Hafter, Yevkurov'u Putin konusunda uyardı.", "tr", "THREATEN")
    assert warned.actors == ["Khalifa Haftar"] and warned.targets == ["Yunus-Bek Yevkurov"]


def test_french_call_on_someone_to_act_is_a_demand(coder):
    hit = coded(coder, "Le parti a appelé l'État turc à se confronter à son passé.", "fr", "DEMAND")
    assert hit.mode != "phone"
