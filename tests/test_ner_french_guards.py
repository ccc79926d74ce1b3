"""French span shapes: titles outside names, organisation edges, products, hyphen pairs, hidden characters."""

from dragoman.ner import french_guards
from dragoman.ner.french import _surname_end, _visible
from dragoman.ner.spans import make


def _span(text, surface, label, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return make(text, start, start + len(surface), label, "spacy", 0.85)


def _shapes(text, spans, step="before"):
    out = getattr(french_guards, step)([text], [spans])[0]
    return [(s.label, s.text) for s in out]


def test_title_before_a_name_leaves_a_person_whatever_the_model_said():
    text = "Le président libanais a reçu le Catholicos Gabriel Ier au palais."
    assert _shapes(text, [_span(text, "Catholicos Gabriel Ier", "LOC")]) == [("PER", "Gabriel Ier")]


def test_a_title_alone_is_no_name():
    text = "Selon le communiqué, le Catholicos a remercié les donateurs."
    assert _shapes(text, [_span(text, "Catholicos", "LOC")]) == []


def test_organisation_ends_before_function_words_and_takes_its_nationality_adjective():
    text = "Le protocole de la Commission mixte pour le commerce entre la Bolivie et le Pérou."
    assert _shapes(text, [_span(text, "Commission mixte pour le commerce entre la", "ORG")]) == \
        [("ORG", "Commission mixte pour le commerce")]
    text = "Le vote du Parlement estonien a surpris Bruxelles."
    assert _shapes(text, [_span(text, "Parlement", "ORG")]) == [("ORG", "Parlement estonien")]


def test_head_and_the_party_it_belongs_to_are_one_organisation():
    text = "Le Comité exécutif central du parti HDK a publié un texte."
    spans = [_span(text, "Comité", "ORG"), _span(text, "HDK", "ORG")]
    assert _shapes(text, spans) == [("ORG", "Comité exécutif central du parti HDK")]


def test_hyphen_pairs_of_places_split_but_compound_names_stay():
    text = "Sommet Bolivie-Pérou à Lima ; Jean-Pierre Martin y était."
    assert _shapes(text, [_span(text, "Bolivie-Pérou", "LOC")]) == [("LOC", "Bolivie"), ("LOC", "Pérou")]
    assert _shapes(text, [_span(text, "Jean-Pierre Martin", "PER")]) == [("PER", "Jean-Pierre Martin")]


def test_a_photo_credit_is_cut_at_its_dashes():
    text = "Le maire le 3 mars à Roubaix - Julie Moreau / AFP"
    shapes = _shapes(text, [_span(text, "Roubaix - Julie Moreau", "PER")])
    assert ("PER", "Julie Moreau") in shapes and ("LOC", "Roubaix") in shapes


def test_a_name_used_as_a_product_is_no_organisation_in_the_whole_document():
    texts = ["Lima commande douze canons TRAJAN au constructeur.", "La livraison des TRAJAN commence en mai."]
    found = [[_span(texts[0], "TRAJAN", "ORG")], [_span(texts[1], "TRAJAN", "ORG")]]
    assert french_guards.after(texts, found) == [[], []]


def test_a_lone_generic_head_is_no_name_but_a_named_body_stays():
    text = "Le Comité a aussi rappelé que le Catholicossat avait écrit."
    spans = [_span(text, "Comité", "ORG"), _span(text, "Catholicossat", "ORG")]
    assert _shapes(text, spans, "after") == [("ORG", "Catholicossat")]


def test_a_person_named_elsewhere_is_split_from_the_body_before_it():
    texts = ["Marc Dupuis a parlé hier.", "Il l'a redit sur Radio Nord Marc Dupuis, sans détour."]
    found = [[_span(texts[0], "Marc Dupuis", "PER")], [_span(texts[1], "Radio Nord Marc Dupuis", "ORG")]]
    out = french_guards.after(texts, found)
    assert [(s.label, s.text) for s in out[1]] == [("ORG", "Radio Nord"), ("PER", "Marc Dupuis")]


def test_hidden_characters_and_apostrophe_surnames_stay_inside_the_name():
    text = "par S\ufeffophie Arnaud, avec Sean O\u2019Neill."
    clean, where = _visible(text)
    assert clean == "par Sophie Arnaud, avec Sean O\u2019Neill." and where[4] == 4 and where[5] == 6
    end = text.index("\u2019")
    assert text[:_surname_end(text, end, "PER")].endswith("O\u2019Neill")
    assert _surname_end(text, end, "LOC") == end


def test_a_post_is_no_name_but_the_country_after_it_is():
    text = "Il a reçu le ministre de la Défense de Géorgie hier, puis le Ministre estonien de la Justice."
    assert _shapes(text, [_span(text, "ministre de la Défense de Géorgie", "ORG")]) == [("LOC", "Géorgie")]
    assert _shapes(text, [_span(text, "Ministre estonien de la Justice", "LOC")]) == []


def test_a_title_after_a_full_name_ends_it():
    text = "Le Catholicos Rafael Minas Patriarche de la Maison de Cilicie a été reçu."
    assert _shapes(text, [_span(text, "Rafael Minas Patriarche de la Maison de Cilicie", "PER")]) == \
        [("PER", "Rafael Minas")]


def test_a_credit_line_names_its_outlet_and_an_acronym_before_a_country_is_a_company():
    texts = ["La visite a eu lieu mardi.", "Published by Kavkazpress, original at"]
    found = [[], [_span(texts[1], "Published by Kavkazpress", "MISC")]]
    assert [(s.label, s.text) for s in french_guards.after(texts, found)[1]] == [("ORG", "Kavkazpress")]
    text = "Le canon est conçu par MBDA Italie depuis 2019."
    assert _shapes(text, [_span(text, "MBDA Italie", "LOC")]) == [("ORG", "MBDA Italie")]
