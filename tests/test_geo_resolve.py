"""Spotting and resolving places in the five languages, on sentences written for these tests."""



from dragoman.geo.resolve import resolve, toponym
from dragoman.geo.spot import key_forms, spot


def places(text, lang, gaz, **kw):
    """{surface: resolution} for what spot finds and resolve places."""
    tops = spot(text, lang, gaz, **kw)
    return {r.text: r for r in resolve(text, tops, gaz, lang=lang)}


AR = ("وصل نائب وزير الدفاع الروسي إلى بنغازي، ثم زار وفد عسكري قاعدة الخدم شرق المدينة. وتحدثت مصادر عن "
      "طائرات روسية في الجفرة وقرب سرت، على غرار قاعدة حميميم في سوريا. وفي طرابلس رفضت الحكومة الزيارة.")
RU = ("Делегация Минобороны России прибыла в Бенгази. Ранее российские самолёты видели на авиабазе Эль-Джуфра "
      "и в Ливии, как на авиабазе Хмеймим в Сирии. Бои шли под Сиртом.")
TR = ("Rus heyeti Bingazi'de Hafter ile görüştü. Wagner'in Cufra'daki üssünde ve Libya'nın doğusundaki "
      "El-Hadim Hava Üssü'nde bulunduğu belirtildi. Çatışmalar Sirte yakınlarında yaşandı.")
FR = ("La délégation russe est arrivée à Benghazi. Des avions ont été vus sur la base aérienne d'Al-Khadim et "
      "à Al-Joufra, près de Syrte, en Libye. L'aéroport de Benghazi était fermé.")
EN = ("Yevkurov landed at Benina on Tuesday. Wagner fighters were reported at Al-Jufra and Al-Khadim, near Sirte, "
      "and in Libya's south. Vladimir Putin later met Khalifa Haftar in Moscow, the New York Times reported.")


def test_arabic_bases_towns_and_the_khadim_misspelling(gaz):
    found = places(AR, "ar", gaz)
    assert found["بنغازي"].name == "Benghazi" and found["بنغازي"].precision == 1
    khadim = found["قاعدة الخدم"]                                  # الخدم: the common misspelling of الخادم
    assert khadim.gazetteer_id == "fac:al-khadim" and khadim.feature == "airbase" and khadim.precision == 1
    assert found["الجفرة"].gazetteer_id == "fac:al-jufra"
    assert found["سرت"].name == "Sirte" and found["سرت"].precision == 2          # قرب سرت: near Sirte
    assert found["قاعدة حميميم"].gazetteer_id == "fac:hmeimim"
    assert found["سوريا"].feature == "country" and found["سوريا"].precision == 3
    assert found["طرابلس"].country == "LY"                       # Libya's Tripoli, not Lebanon's
    assert "المدينة" not in found                                # "the city" is not Medina


def test_russian_case_forms_and_airbase_cues(gaz):
    found = places(RU, "ru", gaz)
    assert found["Бенгази"].country == "LY"
    assert found["Эль-Джуфра"].gazetteer_id == "fac:al-jufra"
    assert found["Ливии"].name == "Libya" and found["Ливии"].precision == 3
    assert found["Хмеймим"].gazetteer_id == "fac:hmeimim"
    assert found["Сирии"].country == "SY"
    assert found["Сиртом"].name == "Sirte" and found["Сиртом"].precision == 2     # под Сиртом


def test_turkish_suffixes_and_cufra_meaning_al_jufra(gaz):
    found = places(TR, "tr", gaz)
    assert found["Bingazi"].name == "Benghazi"                      # Bingazi'de
    cufra = found["Cufra"]
    assert cufra.gazetteer_id == "fac:al-jufra" and cufra.name == "Al-Jufra Air Base"     # not Kufra
    assert found["El-Hadim Hava Üssü"].gazetteer_id == "fac:al-khadim"
    assert found["Libya"].precision == 3
    assert found["Sirte"].precision == 2                            # Sirte yakınlarında


def test_french_elision_and_airport_cue(gaz):
    found = places(FR, "fr", gaz)
    assert found["Al-Khadim"].gazetteer_id == "fac:al-khadim"       # base aérienne d'Al-Khadim
    assert found["Al-Joufra"].gazetteer_id == "fac:al-jufra"
    assert found["Syrte"].name == "Sirte" and found["Syrte"].precision == 2       # près de Syrte
    assert found["Libye"].feature == "country"
    airport = [r for r in resolve(FR, spot(FR, "fr", gaz), gaz, lang="fr") if r.text == "Benghazi"][-1]
    assert airport.gazetteer_id == "fac:benina"                     # l'aéroport de Benghazi


def test_english_and_what_is_not_a_place(gaz):
    found = places(EN, "en", gaz)
    assert found["Benina"].gazetteer_id == "fac:benina"
    assert found["Al-Khadim"].gazetteer_id == "fac:al-khadim"       # Libya context: not Hadim in Konya
    assert found["Sirte"].precision == 2
    assert found["Moscow"].country == "RU"
    assert "Vladimir" not in found and "New York" not in found     # a person, a newspaper
    assert "Wagner" not in found and "Tuesday" not in found


def test_sirte_air_base_is_ghardabiya_and_the_port_of_benghazi(gaz):
    text = "Russian cargo planes used the Sirte air base, and a warship docked in the port of Benghazi."
    found = {r.text: r for r in resolve(text, spot(text, "en", gaz), gaz, lang="en")}
    assert found["Sirte"].gazetteer_id == "fac:ghardabiya"
    assert found["Benghazi"].gazetteer_id == "fac:benghazi-port"


def test_document_countries_decide_ambiguous_names(gaz):
    text = "Clashes were reported in Tripoli."
    span = (text.index("Tripoli"), text.index("Tripoli") + 7)
    (alone,) = resolve(text, [toponym(text, *span)], gaz, lang="en")
    (in_lebanon,) = resolve(text, [toponym(text, *span)], gaz, lang="en", countries=["LB"])
    assert alone.country == "LY" and in_lebanon.country == "LB"
    assert {c.country for c, _ in alone.candidates} >= {"LY", "LB"} and len(alone.candidates) <= 5
    assert alone.candidates[0][1] == alone.confidence


def test_unknown_names_stay_unresolved(gaz):
    text = "The convoy reached Qasr Zzyxqat before dawn."
    start = text.index("Qasr")
    (res,) = resolve(text, [toponym(text, start, start + len("Qasr Zzyxqat"))], gaz, lang="en")
    assert res.text == "Qasr Zzyxqat" and res.lat is None and res.lon is None
    assert res.confidence == 0 and res.gazetteer_id is None and res.candidates == []


def test_names_from_another_recogniser_are_normalised(gaz):
    assert "ливия" in key_forms("Ливии", "ru") and key_forms("Bingazi'de", "tr") == ["bingazi"]
    text = "Переговоры прошли в Ливии."
    start = text.index("Ливии")
    (res,) = resolve(text, [toponym(text, start, start + 5)], gaz, lang="ru")
    assert res.name == "Libya"


def test_spans_exclude_clitics_and_known_people(gaz):
    text = "وقال إن الطائرات هبطت في ليبيا وبنغازي شهدت اجتماعا مع فلاديمير بوتين"
    tops = spot(text, "ar", gaz)
    benghazi = next(t for t in tops if t.key == "بنغازي")
    assert text[benghazi.start:benghazi.end] == "بنغازي"          # the و clitic is left out of the span
    khadim = spot("وتحدثت مصادر عن طائرات في الجفرة والخادم", "ar", gaz)[-1]
    assert khadim.text == "الخادم" and khadim.key == "خادم"      # و left out here too
    start = text.index("فلاديمير")
    assert all(t.text != "فلاديمير" for t in spot(text, "ar", gaz, exclude=[(start, len(text))]))


def test_admin_areas_resolve_to_the_area_not_the_town(gaz):
    ru = "ВСУ обстреляли Николаевскую область и Херсон. Дроны атаковали Брянскую область и Курскую область."
    found = places(ru, "ru", gaz)
    assert found["Николаевскую"].gazetteer_id == "iso:UA-48"      # Mykolaiv oblast, not Nikolayevsk in Russia
    assert found["Брянскую"].gazetteer_id == "iso:RU-BRY" and found["Курскую"].gazetteer_id == "iso:RU-KRS"
    assert found["Курскую"].precision == 3 and found["Херсон"].feature == "city"
    ar = "قصفت الطائرات مدينة حماة وريف محافظة حماة، وسقطت قذائف على بلدة أريحا في إدلب."
    res = resolve(ar, spot(ar, "ar", gaz), gaz, lang="ar")
    assert [(r.text, r.feature) for r in res if r.text == "حماة"] == [("حماة", "city"), ("حماة", "region")]
    assert next(r for r in res if r.text == "أريحا").country == "SY"        # Ariha in Idlib, not Jericho


def test_namesakes_and_coverage_gaps(gaz):
    ar = "وقال مسؤول في واشنطن إن تركيا وافقت على استخدام قاعدة إنجرليك الجوية، فيما تتواصل المعارك في محيط مدينة مأرب باليمن."
    found = places(ar, "ar", gaz)
    assert found["واشنطن"].country == "US" and found["واشنطن"].feature == "capital"     # not Washington, NC
    assert found["قاعدة إنجرليك الجوية"].gazetteer_id == "fac:incirlik"
    assert found["مأرب"].country == "YE"
    ru = "Повстанцы вошли в Хамы, а бои в Карабахе затихли."
    found = places(ru, "ru", gaz)
    assert found["Хамы"].country == "SY"                             # Hama by its nominative, not Hamm
    assert found["Карабахе"].name == "Karabakh"


def test_counties_and_states_against_their_namesakes(gaz):
    uk = places("Bird flu was confirmed on a farm in Suffolk, and a second case in Kent.", "en", gaz)
    assert uk["Suffolk"].country == "GB" and uk["Suffolk"].feature == "region"           # not Suffolk, Virginia
    assert uk["Kent"].country == "GB"
    us = places("Officials in Suffolk County and Collier County said the outbreak in Wyoming was unrelated.", "en", gaz)
    assert us["Suffolk County"].country == "US" and us["Collier County"].gazetteer_id.startswith("adm2:US:Florida")
    assert us["Wyoming"].feature == "region" and us["Wyoming"].lon < -104                  # the state


def _spans(text, *names):
    """Toponyms for the first occurrence of each name (as another recogniser or a gold file gives them)."""
    return [toponym(text, text.index(n), text.index(n) + len(n)) for n in names]


def test_names_no_source_holds_go_to_the_documents_focus_town(gaz):
    text = ("Fire broke out on Desire Street in New Orleans on Tuesday. New Orleans firefighters and crews from "
            "Baton Rouge fought it for hours.")
    spans = _spans(text, "Desire Street", "New Orleans", "Baton Rouge")
    found = {r.text: r for r in resolve(text, spans, gaz, lang="en", spans_are_places=True)}
    street, town = found["Desire Street"], found["New Orleans"]
    assert street.feature == "vicinity" and street.precision == 3 and street.gazetteer_id is None
    assert street.name == "New Orleans" and (street.lat, street.lon) == (town.lat, town.lon)
    assert 0 < street.confidence <= 0.3 < town.confidence
    # A recogniser's span may be no place at all: the pipeline leaves an unknown name off the map.
    (unsure, *_) = resolve(text, spans, gaz, lang="en")
    assert unsure.lat is None and unsure.feature is None


def test_town_comma_area_picks_the_town_inside_the_area(gaz):
    text = "He was arrested in Helena, Mont., on Friday."
    (helena,) = resolve(text, _spans(text, "Helena"), gaz, lang="en")
    assert helena.country == "US" and any(c.admin1 == "Montana" for c, _ in helena.candidates[:1])
    text = "Lincoln's home in Springfield, Illinois, drew visitors; Springfield is the state capital."
    spring, state = resolve(text, _spans(text, "Springfield", "Illinois"), gaz, lang="en")
    assert spring.candidates[0][0].admin1 == "Illinois" and state.feature == "region"
    text = "The outbreak reached Turkey, Iraq, Iran and Syria."   # a list of countries is no apposition
    found = {r.text: r for r in resolve(text, _spans(text, "Turkey", "Iraq", "Iran", "Syria"), gaz, lang="en")}
    assert found["Iraq"].feature == "country" and found["Iraq"].country == "IQ"     # not Arāk, "Iraq" of old
    text = "Lincoln's home in Springfield drew visitors."            # no area named: the biggest Springfield
    (alone,) = resolve(text, _spans(text, "Springfield"), gaz, lang="en")
    assert alone.candidates[0][0].admin1 != "Illinois"


def test_a_towns_own_name_beats_another_towns_alternate(gaz):
    text = "The parade went down Main Street in Franklin and in Riverdale on Saturday."
    franklin, riverdale = resolve(text, _spans(text, "Franklin", "Riverdale"), gaz, lang="en")
    assert franklin.name == "Franklin" and riverdale.name.startswith("Riverdale")   # not Columbus, not Glendale
    text = "Тысячи людей вышли на улицы Кёльна."                  # an exonym is an alternate name: still Köln
    (koeln,) = resolve(text, _spans(text, "Кёльна"), gaz, lang="ru")
    assert koeln.country == "DE"


def test_a_country_name_is_not_a_village_of_the_documents_country(gaz):
    text = ("Bird flu was found on a farm in Kagoshima, Japan, officials in Tokyo said. Farms near Izumi in "
            "Kagoshima prefecture were sealed; the virus resembles a strain seen in China.")
    names = ("Kagoshima", "Japan", "Tokyo", "Izumi", "China")
    found = {r.text: r for r in resolve(text, _spans(text, *names), gaz, lang="en")}
    china = found["China"]                     # not China, a village of 6,000 in Kagoshima prefecture
    assert china.feature == "country" and china.country == "CN" and china.confidence >= 0.9


def test_areas_inside_longer_names(gaz):
    text = "She studied at the University of California and worked for the Bank of Mexico."
    uni, bank = resolve(text, _spans(text, "University of California", "Bank of Mexico"), gaz, lang="en")
    assert uni.gazetteer_id == "iso:US-CA" and bank.feature == "country" and bank.country == "MX"
    text = "She was treated at the Northwest Cancer Centre."      # "Northwest" alone names no place here
    (centre,) = resolve(text, _spans(text, "Northwest Cancer Centre"), gaz, lang="en")
    assert centre.lat is None


def test_an_oblast_is_named_after_its_centre_even_among_russian_places(gaz):
    # Only Russian oblasts around it: Николаевская is still Mykolaiv's oblast (UA), not the region of
    # Nikolayevsk, a small town of Volgograd oblast.
    ru = "ВСУ обстреляли Николаевскую область, а дроны атаковали Брянскую область и Курскую область."
    found = places(ru, "ru", gaz)
    assert found["Николаевскую"].gazetteer_id == "iso:UA-48"
    assert found["Брянскую"].country == found["Курскую"].country == "RU"


def _all(text, names, gaz, **kw):
    """{name: resolution} for spans at each name's first occurrence."""
    return {r.text: r for r in resolve(text, _spans(text, *names), gaz, lang="en", **kw)}


def test_a_state_the_story_names_decides_its_towns_and_its_focus(gaz):
    text = ("The family later moved to Lafayette, then Franklin. Louisiana's first streetcars ran on Royal "
            "Street, powered by the New Orleans Railways and Light Company plant. Royal Street at Washington "
            "Square is quiet now.")
    names = ("Lafayette", "Franklin", "Louisiana", "Royal Street", "New Orleans Railways and Light Company",
             "Washington Square")
    found = _all(text, names, gaz, spans_are_places=True)
    assert found["Lafayette"].candidates[0][0].admin1 == "Louisiana"        # not Lafayette, Indiana
    assert found["Franklin"].candidates[0][0].admin1 == "Louisiana"         # not Franklin, Tennessee
    company = found["New Orleans Railways and Light Company"]               # a town at the head of a company name
    assert company.name == "New Orleans" and company.precision == 2
    # The street lies in the story's town: New Orleans, not the Pennsylvania Washington Square written beside it.
    street = found["Royal Street"]
    assert street.feature == "vicinity" and street.name == "New Orleans"
    # "in Miami Beach" says where the avenue is, though the story names only California.
    text = "Fresno, Calif., gets a cake studio, and a museum opens on Collins Avenue in Miami Beach."
    found = _all(text, ("Fresno", "Calif.", "Collins Avenue", "Miami Beach"), gaz, spans_are_places=True)
    assert found["Collins Avenue"].feature == "vicinity" and found["Collins Avenue"].name == "Miami Beach"
    # Without the state, Lafayette is the biggest one (Indiana's or Louisiana's), decided by size alone.
    (alone,) = resolve("He moved to Lafayette.", _spans("He moved to Lafayette.", "Lafayette"), gaz, lang="en")
    assert alone.feature == "city"


def test_a_county_of_the_named_state_and_a_county_beside_an_unknown_village(gaz):
    text = "The birds were found in the Rice Lake area of Fulton County located in Illinois."
    found = _all(text, ("Fulton County", "Illinois"), gaz)
    assert found["Fulton County"].gazetteer_id == "adm2:US:Illinois:Fulton County"      # not Georgia's
    text = "H5N1 was found in a swan in the village of Cellardyke in Fife, Scotland."
    found = _all(text, ("Cellardyke", "Fife", "Scotland"), gaz, spans_are_places=True)
    village = found["Cellardyke"]                                   # no source holds it: where Fife is
    assert village.feature == "vicinity" and village.name == "Fife" and village.country == "GB"


def test_a_name_whose_rest_only_says_what_kind_of_area_it_is(gaz):
    text = "Norwich City beat Hull 4-1, and Derby County drew at home."
    found = _all(text, ("Norwich City", "Derby County"), gaz, spans_are_places=True)
    assert found["Norwich City"].name == "Norwich" and found["Norwich City"].country == "GB"
    assert found["Derby County"].name == "Derby" and found["Derby County"].country == "GB"
    # A town closing an institution's name is where that branch is, even far from the story's town.
    text = "The Aberdeen fund manager holds a BA from Robinson College Cambridge and works in Aberdeen."
    found = _all(text, ("Robinson College Cambridge", "Aberdeen"), gaz, spans_are_places=True)
    assert found["Robinson College Cambridge"].name == "Cambridge" and found["Robinson College Cambridge"].country == "GB"
    # A street or a building is not its town's name plus a kind word: far from the story it is not that town.
    text = "Crowds gathered on Hampton Avenue in St. Louis on Sunday."
    found = _all(text, ("Hampton Avenue", "St. Louis"), gaz, spans_are_places=True)
    assert found["Hampton Avenue"].name == "St. Louis"


def test_names_listed_together_are_of_one_kind(gaz):
    text = ("Cases were reported in Oregon, South Carolina, Tennessee, Texas, Utah, Virginia, Washington, "
            "West Virginia and Wyoming.")
    names = ("Oregon", "South Carolina", "Tennessee", "Texas", "Utah", "Virginia", "Washington", "West Virginia",
             "Wyoming")
    found = _all(text, names, gaz)
    assert found["Washington"].gazetteer_id == "iso:US-WA"          # the state, not the capital
    assert found["Wyoming"].gazetteer_id == "iso:US-WY"             # not Wyoming, Michigan
    text = "Officials in Washington said the talks would go on."     # alone: the capital
    (capital,) = resolve(text, _spans(text, "Washington"), gaz, lang="en")
    assert capital.feature == "capital"


def test_a_name_a_street_word_follows_is_a_street_of_the_story(gaz):
    text = ("Chicago police said the man collapsed at the corner of State and Hubbard streets, then ran to the "
            "Red Line platform at Grand and State.")
    found = _all(text, ("Chicago", "State", "Hubbard", "Grand"), gaz, spans_are_places=True)
    for street in ("State", "Hubbard"):
        assert found[street].feature == "vicinity" and found[street].name == "Chicago"
    # The pipeline leaves such a street off the map rather than in Hubbard, Ohio.
    found = _all(text, ("Chicago", "Hubbard"), gaz)
    assert found["Hubbard"].lat is None and found["Chicago"].name == "Chicago"
    # Names a street was given are street names, not the towns of those names.
    text = ("New Orleans historians say the street was later called Lafayette and then Almonaster before "
            "finally being named Franklin. Tourists in New Orleans still ask.")
    found = _all(text, ("New Orleans", "Lafayette", "Almonaster"), gaz, spans_are_places=True)
    for street in ("Lafayette", "Almonaster"):
        assert found[street].feature == "vicinity" and found[street].name == "New Orleans"
    text = "He was later named coach in Lafayette."                 # no street: the town
    (town,) = resolve(text, _spans(text, "Lafayette"), gaz, lang="en")
    assert town.feature == "city"
    # A street named after a town of the province the story names is still a street of the story's town.
    text = ("Nelson police said the shop at 401 - 333 Victoria St. was robbed; Nelson, BC, has seen three "
            "robberies this year, and Castlegar one.")
    found = _all(text, ("Nelson", "401 - 333 Victoria St.", "BC", "Castlegar"), gaz, spans_are_places=True)
    street = found["401 - 333 Victoria St."]
    assert street.feature == "vicinity" and street.name == "Nelson"          # not Victoria, 450 km away
    text = "The pianist grew up on Fitzwilliam Place in Dublin and studied in London."
    found = _all(text, ("Fitzwilliam Place", "Dublin", "London"), gaz, spans_are_places=True)
    assert found["Fitzwilliam Place"].name == "Dublin"                      # not Fitzwilliam, Yorkshire
    # "a Paris street" is a street in Paris: lower-case "street" before nothing else leaves Paris a town.
    text = "Protesters marched down a Paris street on Sunday."
    (paris,) = resolve(text, _spans(text, "Paris"), gaz, lang="en")
    assert paris.country == "FR" and paris.feature in ("capital", "city")


def test_a_story_placed_only_by_its_country(gaz):
    text = ("Unemployment in Bains and Grants Town is high, the Bahamas census says. Staff at the British Embassy "
            "Tokyo helped.")
    found = _all(text, ("Bains and Grants Town", "Bahamas", "British Embassy Tokyo"), gaz, spans_are_places=True)
    assert found["Bains and Grants Town"].feature == "vicinity" and found["Bains and Grants Town"].country == "BS"
    assert found["British Embassy Tokyo"].name == "Tokyo"           # a capital inside a longer name stays


def test_demonyms_of_smaller_countries(gaz):
    text = "A Salvadoran migrant and Saint Lucian fishermen spoke to Bahamian officials about Sicilian lemons."
    found = {r.text: r for r in resolve(text, spot(text, "en", gaz, demonyms=True), gaz, lang="en")}
    assert found["Salvadoran"].country == "SV" and found["Salvadoran"].feature == "country"
    assert found["Saint Lucian"].country == "LC"
    assert found["Bahamian"].country == "BS"
    assert found["Sicilian"].gazetteer_id == "iso:IT-82"


def test_an_acronym_takes_no_airfields_from_a_town_of_its_letters(gaz):
    text = "Lowering the cost of the EU’s airports by ensuring that monopoly airports are regulated."
    (eu,) = resolve(text, _spans(text, "EU"), gaz, lang="en", spans_are_places=True)
    assert eu.name == "European Union" and eu.feature == "region"       # not the airfields around Eu, Normandy


def test_a_demonym_does_not_set_the_story_there(gaz):
    text = "The sponge is filled with Sicilian lemon curd. The wedding is in St George’s Chapel at Windsor Castle."
    found = _all(text, ("Sicilian", "St George’s Chapel", "Windsor Castle"), gaz, spans_are_places=True)
    assert found["Sicilian"].gazetteer_id == "iso:IT-82"
    assert found["Windsor Castle"].lat is None          # not put in Sicily for want of a town


def test_a_dateline_sets_the_story_in_its_town(gaz):
    text = ("CAIRO - In the gated suburb of Madinaty, boys train at the Liverpool Academy and dream of playing "
            "for Liverpool. Liverpool fans in Nagrig, Salah's home village, watch every match.")
    names = ("CAIRO", "Madinaty", "Liverpool Academy", "Liverpool", "Nagrig")
    spans = [toponym(text, text.index(n), text.index(n) + len(n)) for n in names]
    spans.append(toponym(text, text.rindex("Liverpool fans"), text.rindex("Liverpool fans") + 9))
    found = {r.text: r for r in resolve(text, spans, gaz, lang="en", spans_are_places=True)}
    village = found["Nagrig"]                      # no source holds it: the dateline's town, not Liverpool
    assert village.feature == "vicinity" and village.name == "Cairo" and village.country == "EG"
    text = "SEOUL, South Korea (CNN) - A court in Seoul found the former president guilty; protests in Busan."
    found = _all(text, ("SEOUL", "South Korea", "Seoul", "Busan"), gaz, spans_are_places=True)
    assert found["SEOUL"].country == "KR"
    # A dateline over a story about other towns does not move them to the dateline's town.
    text = ("WASHINGTON (AP) — Rebels said shelling hit the Tell Mallah farms overnight, killing four people and "
            "wounding dozens more, among them children. Hama residents fled to Idlib, and aid reached Hama.")
    spans = _spans(text, "WASHINGTON", "Tell Mallah farms", "Hama", "Idlib")
    spans.append(toponym(text, text.rindex("Hama"), text.rindex("Hama") + 4))
    found = {r.text: r for r in resolve(text, spans, gaz, lang="en", spans_are_places=True)}
    assert found["Tell Mallah farms"].country == "SY"
    # No dateline: the most-named town is the focus.
    text = "Liverpool fans in Nagrig watch every Liverpool match, far from Cairo."
    found = _all(text, ("Liverpool", "Nagrig", "Cairo"), gaz, spans_are_places=True)
    assert found["Nagrig"].feature == "vicinity"


def test_a_far_village_namesake_yields_to_the_storys_town(gaz):
    text = ("Chicago police said the man ran into the Red Line subway platform at Grand and State, then was "
            "taken to Northwestern Memorial Hospital. Chicago detectives and Illinois state police are searching.")
    found = _all(text, ("Chicago", "Grand", "Northwestern Memorial Hospital", "Illinois"), gaz,
                 spans_are_places=True)
    grand = found["Grand"]                          # not Grand, a village of Côte d'Ivoire
    assert grand.feature == "vicinity" and grand.name == "Chicago"
    assert found["Northwestern Memorial Hospital"].name == "Chicago"
    text = ("Ministers in Dublin said the Republic will hold a referendum in May; Dublin's deputies and the mayor "
            "of Dún Laoghaire back it.")
    found = _all(text, ("Dublin", "Republic", "Dún Laoghaire"), gaz, spans_are_places=True)
    assert found["Republic"].country == "IE"        # not Republic, Missouri
    # So does a small airfield: the Pioneer cinema of a Dewsbury love story is not Valdez Pioneer Field, Alaska.
    text = ("They met in Dewsbury in 1950. “We went on our first date to the Pioneer cinema in Dewsbury,” she "
            "said; they later moved to Thornhill, near Dewsbury.")
    found = _all(text, ("Dewsbury", "Pioneer", "Thornhill"), gaz, spans_are_places=True)
    assert found["Pioneer"].country == "GB" and found["Pioneer"].feature == "vicinity"
    # A small town in a state the story names stays, however far from the story's town.
    text = ("Chicago police arrested the man in Chicago on Monday; he had lived in Stonewall, Louisiana, and in "
            "Chicago since May.")
    found = _all(text, ("Chicago", "Stonewall", "Louisiana"), gaz, spans_are_places=True)
    assert found["Stonewall"].feature == "city" and found["Stonewall"].country == "US"
    # A story set in one town by a quarter of its names: villages a continent away are not what it means.
    text = ("Goleta and Carpinteria winemakers met in Santa Barbara. “And not just for Newcomers,” said Amy, "
            "pouring wine from Booker and L’Aventure at the Santa Barbara show.")
    found = _all(text, ("Goleta", "Carpinteria", "Santa Barbara", "Newcomers", "Booker"), gaz,
                 spans_are_places=True)
    for club in ("Newcomers", "Booker"):            # not Newcomerstown, Ohio, nor Booker, Texas
        assert found[club].feature == "vicinity" and found[club].country == "US"


def test_a_continents_bodies_stand_for_the_continent(gaz):
    text = ("The European Commission and the Council of Europe criticised the law; the European Central Bank "
            "kept rates.")
    found = _all(text, ("European Commission", "Council of Europe", "European Central Bank"), gaz,
                 spans_are_places=True)
    for body in ("European Commission", "Council of Europe", "European Central Bank"):
        assert found[body].feature == "continent" and found[body].name == "Europe"
    text = "Shoppers in Manila filled the SM Mall of Asia on Sunday."
    found = _all(text, ("Manila", "SM Mall of Asia"), gaz, spans_are_places=True)
    assert found["SM Mall of Asia"].feature == "vicinity" and found["SM Mall of Asia"].country == "PH"   # a mall
    text = "Tourists in New Orleans crowded the French Quarter."
    found = _all(text, ("New Orleans", "French Quarter"), gaz, spans_are_places=True)
    assert found["French Quarter"].country == "US"              # a quarter of New Orleans, not France


def test_an_acronym_spelled_out_by_a_countrys_name_in_the_story(gaz):
    text = ("Power over rural land is held by chiefs in post-apartheid SA. Mining affects the livelihoods of "
            "millions of South Africans, and SA holds most of the world's platinum.")
    (sa,) = resolve(text, _spans(text, "SA"), gaz, lang="en", spans_are_places=True)
    assert sa.feature == "country" and sa.country == "ZA"
    text = "Farmers in NSW said the drought in New South Wales was the worst in a century."
    (nsw,) = resolve(text, _spans(text, "NSW"), gaz, lang="en")
    assert nsw.gazetteer_id == "iso:AU-NSW"
    # Initials that no name in the story spells out stay unknown; capitals are not a spelling out.
    text = "The KCA said the KCA Stadium in South Carolina would reopen."
    (kca,) = resolve(text, _spans(text, "KCA"), gaz, lang="en")
    assert kca.lat is None
    # An acronym only towns spell (alternate names of Quzhou and Chuzhou) is no town: the story's hospital.
    text = "The patient was flown to the CHU in Montpellier, where Montpellier doctors treated him."
    found = _all(text, ("CHU", "Montpellier"), gaz, spans_are_places=True)
    assert found["CHU"].feature == "vicinity" and found["CHU"].country == "FR"


def test_a_river_or_delta_is_not_the_state_or_country_of_its_name(gaz):
    text = ("Marigny's plantation in New Orleans ran down to a sharp bend of the Mississippi River; Mississippi "
            "planters shipped cotton there.")
    found = _all(text, ("New Orleans", "Mississippi River", "Mississippi"), gaz, spans_are_places=True)
    assert found["Mississippi River"].feature == "vicinity" and found["Mississippi River"].name == "New Orleans"
    assert found["Mississippi"].gazetteer_id == "iso:US-MS"        # the state, named alone
    text = "Oil spills in the Niger Delta have ruined farms around Port Harcourt, Nigeria."
    found = _all(text, ("Niger Delta", "Port Harcourt", "Nigeria"), gaz, spans_are_places=True)
    assert found["Niger Delta"].country == "NG"                     # not Niger, the country upstream
    (river,) = resolve(text, _spans(text, "Niger Delta"), gaz, lang="en")
    assert river.lat is None                                        # the pipeline leaves it off the map
    text = "Farmers in the Nile Delta, north of Cairo, lost their crops."
    found = _all(text, ("Nile Delta", "Cairo"), gaz, spans_are_places=True)
    assert found["Nile Delta"].country == "EG"                      # not Delta State, Nigeria
    text = "Gunmen attacked a police post in Delta State, Nigeria."
    (state, _) = resolve(text, _spans(text, "Delta State", "Nigeria"), gaz, lang="en")
    assert state.gazetteer_id == "iso:NG-DE"


def test_a_county_named_in_full_then_by_its_short_form(gaz):
    text = ("Remains found in a Southold basement were identified by the Suffolk County medical examiner. "
            "Suffolk police had searched for her since 1967.")
    found = _all(text, ("Southold", "Suffolk County", "Suffolk"), gaz, spans_are_places=True)
    assert found["Suffolk"].gazetteer_id == found["Suffolk County"].gazetteer_id == "adm2:US:New York:Suffolk County"
    text = "Suffolk police searched the house."                     # alone: not a county
    (alone,) = resolve(text, _spans(text, "Suffolk"), gaz, lang="en")
    assert not (alone.gazetteer_id or "").startswith("adm2:US:New York")


def test_seas_oceans_and_macro_regions_in_five_languages(gaz):
    """Seas and macro-regions come from our own table (places.yaml) at GeoNames' points where GeoNames has them;
    Russian writes the kind word in lower case and declines the name."""
    found = places("Российские корабли провели учения в Средиземном море у берегов Сирии. Напряжённость на "
                   "Ближнем Востоке, Кавказе и Балканах растёт.", "ru", gaz)
    assert found["Средиземном море"].gazetteer_id == "reg:mediterranean"
    assert (found["Средиземном море"].lat, found["Средиземном море"].lon) == (35.0, 19.0)
    assert found["Ближнем Востоке"].gazetteer_id == "reg:middle-east"
    assert found["Кавказе"].gazetteer_id == "reg:caucasus" and found["Балканах"].gazetteer_id == "reg:balkans"
    found = places("La marine a renforcé ses patrouilles en Méditerranée et dans l'océan Atlantique, au large du "
                   "Sénégal.", "fr", gaz)
    assert found["Méditerranée"].gazetteer_id == "reg:mediterranean"
    atlantic = next(r for text, r in found.items() if "Atlantique" in text)
    assert atlantic.gazetteer_id == "reg:atlantic"                   # not the Atlantique department of Benin
    found = places("أجرت سفن روسية مناورات في البحر المتوسط قبالة السواحل السورية، وقال الوزير إن العالم العربي "
                   "يواجه تحديات في ليبيا.", "ar", gaz)
    assert found["البحر المتوسط"].gazetteer_id == "reg:mediterranean"
    assert found["العالم العربي"].gazetteer_id == "reg:arab-world"
    found = places("Rus gemileri Akdeniz'de tatbikat yaptı.", "tr", gaz)
    assert found["Akdeniz"].gazetteer_id == "reg:mediterranean"
    text = ("Cargo ships crossed the Atlantic and the Pacific; migrants crossed the Mediterranean from Libya while "
            "tension rose in the Middle East, the Gulf, the Sahel, the Balkans and the Caucasus.")
    found = places(text, "en", gaz)
    assert {r.gazetteer_id for r in found.values()} >= {
        "reg:atlantic", "reg:pacific", "reg:mediterranean", "reg:middle-east", "reg:persian-gulf", "reg:sahel",
        "reg:balkans", "reg:caucasus"}
    assert all(r.precision == 3 for t, r in found.items() if t != "Libya")


def test_a_demonym_is_never_a_small_town_of_that_name(gaz):
    # Arab, Alabama (8,000 people) bears the word; an Alabama story with US places around it must not pull it in.
    text = ("Saudi Arabia has led an unsuccessful Arab intervention in Yemen's civil war, officials in "
            "Huntsville, Alabama said, as Arab leaders met.")
    found = _all(text, ("Saudi Arabia", "Arab", "Yemen", "Huntsville", "Alabama"), gaz, spans_are_places=True)
    assert found["Arab"].gazetteer_id == "reg:arab-world" and found["Arab"].country != "US"
    text = "Arab states and Israel worry about a power vacuum in Syria."
    (arab,) = resolve(text, _spans(text, "Arab"), gaz, lang="en")
    assert arab.gazetteer_id == "reg:arab-world"
    assert not any(r.text == "Arab" and r.country == "US" for r in places(text, "en", gaz).values())
    text = "Police in Arab, Alabama, said the road was closed."      # the town, when the text says so
    town, _ = resolve(text, _spans(text, "Arab", "Alabama"), gaz, lang="en")
    assert town.feature == "city" and town.country == "US"


def test_upstate_names_the_state_not_the_city(gaz):
    text = "Farmers in upstate New York lost their crops; a New York court later ruled on the insurance."
    found = resolve(text, _spans(text, "New York"), gaz, lang="en")
    assert found[0].gazetteer_id == "iso:US-NY"
    (state,) = places("Farms across New York State were flooded.", "en", gaz).values()
    assert state.gazetteer_id == "iso:US-NY"
