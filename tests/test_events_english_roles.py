"""English event roles read from the dependency parse: passive voice and "by" agents, reporting verbs, "met
with" / "talks with" / "between", appositions, pronouns, grievances. Precision first: a role the parse does not
establish stays empty and the event is marked unassigned."""


from dragoman.events import EventCoder, EventHit, MentionRef, SentenceInput


def mentions(text: str, *names: tuple[str, str]) -> list[MentionRef]:
    """MentionRefs for (surface, label) in `text`, as the entities stage would give them."""
    out = []
    for surface, label in names:
        start = text.index(surface)
        out.append(MentionRef(start, start + len(surface), label))
    return out


def events(coder: EventCoder, text: str, *names: tuple[str, str]) -> list[EventHit]:
    return coder.code([SentenceInput(text, 0, mentions(text, *names))], "en")


def top(coder: EventCoder, text: str, *names: tuple[str, str]) -> EventHit:
    best = EventCoder.top(events(coder, text, *names))
    assert best is not None, f"no event in {text!r}"
    return best


def test_passive_subject_is_the_target_and_the_by_agent_the_actor(coder):
    text = "The village of Kamianka was shelled by Russian forces overnight, the regional governor said."
    hit = top(coder, text, ("Kamianka", "LOC"), ("Russian", "MISC"))
    assert hit.type == "FIGHT" and hit.status == "happened" and hit.assigned
    assert hit.actors == ["Russian forces"] and hit.targets == ["Kamianka"]
    # a common noun under the passive outranks any name inside the "by" agent
    plain = top(coder, "The market was shelled by Russian forces, Ukrainian officials said.",
                ("Russian", "MISC"), ("Ukrainian", "MISC"))
    assert plain.actors == ["Russian forces"] and plain.targets == ["market"] and plain.assigned


def test_passive_arrest_keeps_the_victim_out_of_the_actor_slot(coder):
    text = "Two journalists were arrested by Turkish police in Istanbul, according to their lawyer."
    hit = top(coder, text, ("Turkish", "MISC"), ("Istanbul", "LOC"))
    assert hit.type == "COERCE"
    assert hit.actors == ["Turkish police"] and hit.targets == ["journalists"]
    assert "lawyer" not in " ".join(hit.actors + hit.targets)


def test_unresolved_pronoun_is_left_unassigned_not_guessed(coder):
    hit = top(coder, "They were detained by police in Istanbul on Sunday.", ("Istanbul", "LOC"))
    assert hit.type == "COERCE" and hit.targets == [] and not hit.assigned


def test_reporting_verb_subject_is_the_source_never_the_actor(coder):
    text = "Ukraine's air force reported a Russian missile attack on Odesa."
    hit = top(coder, text, ("Ukraine", "LOC"), ("Russian", "MISC"), ("Odesa", "LOC"))
    assert hit.actors == ["Russian"] and hit.targets == ["Odesa"]
    assert not any("Ukraine" in a for a in hit.actors)
    assert hit.status != "happened"                       # named in a report, not told here as a fact
    told = top(coder, "A spokesman for the army said that government troops had attacked rebel positions "
                      "near the town.")
    assert told.type == "ASSAULT" and told.actors == ["government troops"]
    assert told.targets == ["rebel positions"]


def test_reporter_of_an_unowned_attack_gives_no_actor(coder):
    text = "Kyiv's mayor confirmed an attack on the power station overnight."
    hits = [h for h in events(coder, text, ("Kyiv", "LOC")) if h.type in ("ASSAULT", "FIGHT", "COERCE")]
    assert hits and all(h.actors == [] and not h.assigned for h in hits)


def test_declaring_a_ceasefire_is_the_declarers_act(coder):
    hit = top(coder, "The Libyan National Army declared a ceasefire on Sunday.", ("Libyan National Army", "ORG"))
    assert hit.actors == ["Libyan National Army"]


def test_met_with_and_held_talks_with(coder):
    met = top(coder, "Turkish President Recep Tayyip Erdogan met with Libyan commander Khalifa Haftar in Ankara "
                     "on Tuesday.", ("Turkish", "MISC"), ("Recep Tayyip Erdogan", "PER"), ("Libyan", "MISC"),
              ("Khalifa Haftar", "PER"), ("Ankara", "LOC"))
    assert met.type == "CONSULT" and met.actors == ["Recep Tayyip Erdogan"] and met.targets == ["Khalifa Haftar"]
    assert met.place == "Ankara"
    talks = top(coder, "Russian Defence Minister Sergei Shoigu held talks with Khalifa Haftar in Moscow.",
                ("Sergei Shoigu", "PER"), ("Khalifa Haftar", "PER"), ("Moscow", "LOC"))
    assert talks.type == "CONSULT" and talks.actors == ["Sergei Shoigu"] and talks.targets == ["Khalifa Haftar"]


def test_talks_between_two_sides_give_one_side_each(coder):
    hit = top(coder, "The talks between Putin and Erdogan were held in Sochi.",
              ("Putin", "PER"), ("Erdogan", "PER"), ("Sochi", "LOC"))
    assert hit.type == "CONSULT" and hit.actors == ["Putin"] and hit.targets == ["Erdogan"]
    mediator = top(coder, "Algerian Foreign Minister Ahmed Attaf undertook a mediation mission between Mali and "
                          "Niger.", ("Ahmed Attaf", "PER"), ("Mali", "LOC"), ("Niger", "LOC"))
    assert mediator.actors == ["Ahmed Attaf"] and mediator.targets == ["Mali", "Niger"]


def test_strikes_on_a_named_target(coder):
    text = "Israeli jets carried out strikes on Hezbollah positions in southern Lebanon, the army said."
    hit = top(coder, text, ("Israeli", "MISC"), ("Hezbollah", "ORG"), ("Lebanon", "LOC"))
    assert hit.type == "FIGHT" and hit.actors == ["Israeli jets"] and hit.targets == ["Hezbollah"]
    assert "army" not in " ".join(hit.actors)


def test_person_in_apposition_is_the_actor(coder):
    text = "The head of the agency, Rafael Grossi, visited the Zaporizhzhia plant on Friday."
    hit = top(coder, text, ("Rafael Grossi", "PER"), ("Zaporizhzhia", "LOC"))
    assert hit.type == "CONSULT" and hit.actors == ["Rafael Grossi"]


def test_pronoun_takes_an_antecedent_that_agrees(coder):
    """"it" is never the French president: the warning's addressee is."""
    text = "French President Emmanuel Macron sent a reminder to Iran that it must stop enriching uranium."
    hit = top(coder, text, ("French", "MISC"), ("Emmanuel Macron", "PER"), ("Iran", "LOC"))
    assert hit.type == "DEMAND" and hit.actors == ["Emmanuel Macron"] and hit.targets == ["Iran"]


def test_complaint_is_aimed_at_its_grievance_not_its_addressee(coder):
    text = "Lebanon complained to the Security Council over Israeli air raids on Tyre."
    hit = top(coder, text, ("Lebanon", "LOC"), ("Security Council", "ORG"), ("Israeli", "MISC"), ("Tyre", "LOC"))
    assert hit.type == "DISAPPROVE" and hit.actors == ["Lebanon"]
    assert "Security Council" not in hit.targets and hit.targets


def test_protest_in_defiance_of(coder):
    text = "Thousands of protesters blocked roads in Tbilisi in defiance of the Georgian government."
    hit = top(coder, text, ("Tbilisi", "LOC"), ("Georgian", "MISC"))
    assert hit.type == "PROTEST" and hit.targets == ["Georgian government"]


def test_the_actors_own_words_are_never_its_target(coder):
    text = "Opposition activists continued their hunger strike to demand the release of Alexei Navalny."
    hit = top(coder, text, ("Alexei Navalny", "PER"))
    assert "Opposition activists" not in hit.targets and "activists" not in " ".join(hit.targets)


def test_victims_of_natural_disasters_and_crashes_have_no_actor(coder):
    for text, names in (("Floods killed thousands of people in Derna.", [("Derna", "LOC")]),
                        ("Prigozhin was killed when his plane crashed north of Moscow, Russian officials said.",
                         [("Prigozhin", "PER"), ("Moscow", "LOC"), ("Russian", "MISC")])):
        for hit in events(coder, text, *names):
            assert hit.actors == [] and not hit.assigned, (text, hit)


def test_by_agent_of_an_attack_noun_outranks_its_weapon(coder):
    hit = top(coder, "A drone strike by the Turkish army killed two militants near Qamishli.",
              ("Turkish", "MISC"), ("Qamishli", "LOC"))
    assert hit.actors == ["Turkish army"] and hit.targets == ["militants"]


def test_actor_named_with_its_allegiance_and_its_own_things_are_no_target(coder):
    hit = top(coder, "Troops loyal to Haftar shelled the southern suburbs of Tripoli.",
              ("Haftar", "PER"), ("Tripoli", "LOC"))
    assert hit.type == "FIGHT" and hit.actors == ["Troops loyal to Haftar"] and hit.targets == ["Tripoli"]
    closed = top(coder, "Russia closed its southern borders with Iran and Turkey on Monday.",
                 ("Russia", "LOC"), ("Iran", "LOC"), ("Turkey", "LOC"))
    assert closed.actors == ["Russia"] and closed.targets == ["Iran", "Turkey"]


def test_talks_with_two_people_keep_both(coder):
    text = ("Eastern Libyan commander Khalifa Haftar held talks in Moscow on Thursday with Russian President "
            "Vladimir Putin and Defence Minister Sergei Shoigu.")
    hit = top(coder, text, ("Khalifa Haftar", "PER"), ("Moscow", "LOC"), ("Vladimir Putin", "PER"),
              ("Sergei Shoigu", "PER"))
    assert hit.type == "CONSULT" and hit.actors == ["Khalifa Haftar"]
    assert hit.targets == ["Vladimir Putin", "Sergei Shoigu"] and hit.place == "Moscow"


def test_the_actors_own_envoy_or_troops_are_not_the_target(coder):
    recalled = top(coder, "Ukraine recalled its ambassador from Hungary.", ("Ukraine", "LOC"), ("Hungary", "LOC"))
    assert recalled.actors == ["Ukraine"] and recalled.targets == ["Hungary"]
    withdrew = top(coder, "Russia withdrew its troops from Syria on Monday.", ("Russia", "LOC"), ("Syria", "LOC"))
    assert withdrew.type == "RETREAT" and withdrew.actors == ["Russia"] and withdrew.targets == ["Syria"]


def test_they_stands_for_people_named_together_never_for_one_person(coder):
    two = top(coder, "Putin and Erdogan said they would meet Assad in Damascus.",
              ("Putin", "PER"), ("Erdogan", "PER"), ("Assad", "PER"), ("Damascus", "LOC"))
    assert two.actors == ["Putin", "Erdogan"] and two.targets == ["Assad"] and two.status != "happened"
    one = top(coder, "Haftar said they would attack Tripoli.", ("Haftar", "PER"), ("Tripoli", "LOC"))
    assert one.actors == [] and not one.assigned


def test_a_complaint_told_after_its_content_targets_that_clause_subject(coder):
    # "X are doing Y, a group protested": the parser hangs "protested" on the group; the complaint is about X,
    # and the group's name does not swallow its own verb
    text = ("Serbian police are harassing ethnic Albanian journalists in Kosovo, a press freedom group protested "
            "on Monday.")
    hit = top(coder, text, ("Serbian", "MISC"), ("Albanian", "MISC"), ("Kosovo", "LOC"))
    assert hit.type == "DISAPPROVE" and hit.trigger == "protested"
    assert hit.actors == ["press freedom group"] and hit.targets == ["Serbian police"]


def test_a_threat_carried_out_by_unnamed_forces_targets_whom_they_would_act_on(coder):
    text = "The interior minister warned that police will no longer tolerate rallies by the Muslim Brotherhood."
    hit = top(coder, text, ("Muslim Brotherhood", "ORG"))
    assert hit.type == "THREATEN" and hit.actors == ["interior minister"]
    assert hit.targets == ["Muslim Brotherhood"]
    crackdown = top(coder, "The governor warned that security forces would crack down on protesters in Basra.",
                    ("Basra", "LOC"))
    assert crackdown.targets == ["protesters"]
    # a named party in the warning is still whom it is aimed at
    named = top(coder, "Washington warned that Iraq would face serious consequences.",
                ("Washington", "LOC"), ("Iraq", "LOC"))
    assert named.actors == ["Washington"] and named.targets == ["Iraq"]


def test_receiving_a_person_by_name_is_a_meeting(coder):
    text = "Erdogan received Haftar in Istanbul on Saturday."
    hit = top(coder, text, ("Erdogan", "PER"), ("Haftar", "PER"), ("Istanbul", "LOC"))
    assert hit.type == "CONSULT" and hit.actors == ["Erdogan"] and hit.targets == ["Haftar"]
    assert hit.place == "Istanbul"
    # receiving a thing from a person is no meeting
    letter = "The ministry received a letter from Haftar on Saturday."
    assert not [h for h in events(coder, letter, ("Haftar", "PER")) if h.type == "CONSULT"]


def test_people_fleeing_an_event_are_not_its_actor_and_their_name_never_holds_it(coder):
    """Refugees fleeing the fighting did not fight; their name stops before the event they flee."""
    for text, names in (
            ("Kurdish refugees fleeing the fighting crossed into Iran.", [("Kurdish", "MISC"), ("Iran", "LOC")]),
            ("Civilians escaping the shelling reached Kharkiv on Monday.", [("Kharkiv", "LOC")]),
            ("Thousands of villagers fled the bombing of their homes near Idlib.", [("Idlib", "LOC")])):
        hits = events(coder, text, *names)
        assert hits, text
        for hit in hits:
            assert not any(hit.trigger in name for name in hit.actors + hit.targets), (text, hit)
            if hit.type in ("FIGHT", "ASSAULT"):
                assert hit.actors == [] and not hit.assigned, (text, hit)
    # a participle clause that is not the event still belongs to the name
    protest = top(coder, "Refugees fleeing the war in Syria protested outside the embassy in Ankara.",
                  ("Syria", "LOC"), ("Ankara", "LOC"))
    assert protest.actors and protest.actors[0].startswith("Refugees")


def test_a_named_force_that_would_carry_out_the_threat_is_not_its_target(coder):
    text = "Ankara warned that Turkish troops would strike PKK camps."
    hit = top(coder, text, ("Ankara", "LOC"), ("Turkish", "MISC"), ("PKK", "ORG"))
    assert hit.type == "THREATEN" and hit.actors == ["Ankara"]
    assert hit.targets in ([], ["PKK"]) and not any("troops" in t for t in hit.targets)
    hit = top(coder, "Moscow warned that Russian forces would attack Ukrainian positions near Bakhmut.",
              ("Moscow", "LOC"), ("Russian", "MISC"), ("Ukrainian", "MISC"), ("Bakhmut", "LOC"))
    assert hit.type == "THREATEN" and hit.actors == ["Moscow"]
    assert not any("Russian" in t or "forces" in t for t in hit.targets)
    # a force that would suffer what is threatened is still whom the threat is aimed at
    faced = top(coder, "Washington warned that Iraqi troops would face serious consequences.",
                ("Washington", "LOC"), ("Iraqi", "MISC"))
    assert faced.actors == ["Washington"] and faced.targets == ["Iraqi troops"]


def test_a_threatened_strike_that_names_no_target_leaves_the_target_unassigned(coder):
    """The force that would strike carries the threat out; with no one named, the threat has no target."""
    hit = top(coder, "Ankara warned that Turkish troops would strike soon.", ("Ankara", "LOC"), ("Turkish", "MISC"))
    assert hit.type == "THREATEN" and hit.actors == ["Ankara"]
    assert hit.targets == [] and not hit.assigned
    army = top(coder, "Tehran warned on Sunday that its army would attack if provoked.", ("Tehran", "LOC"))
    assert army.type == "THREATEN" and not any("army" in t for t in army.targets)
    # the same when the act under the warning is no event word of its own
    respond = top(coder, "Ankara warned that Turkish troops would respond.", ("Ankara", "LOC"), ("Turkish", "MISC"))
    assert respond.actors == ["Ankara"] and respond.targets == [] and not respond.assigned
    # a force that would undergo what is threatened is whom it is aimed at, named or not
    police = top(coder, "Baghdad warned that police officers who took bribes would face prosecution.",
                 ("Baghdad", "LOC"))
    assert police.actors == ["Baghdad"] and police.targets == ["police officers"]


def test_the_town_a_protest_site_stands_in_is_its_place_not_its_target(coder):
    text = "Refugees fleeing the war in Syria protested outside the embassy in Ankara."
    hit = top(coder, text, ("Syria", "LOC"), ("Ankara", "LOC"))
    assert hit.type == "PROTEST" and hit.actors == ["Refugees"]
    assert hit.targets == [] and hit.place == "Ankara"
    front = top(coder, "About 300 Syrians demonstrated in front of the parliament building in Beirut on Friday.",
                ("Syrians", "MISC"), ("Beirut", "LOC"))
    assert front.type == "PROTEST" and "Beirut" not in front.targets and front.place == "Beirut"
    # the site's owner is whom the protest is aimed at; its town is still only the place
    owned = top(coder, "Hundreds of Ukrainians protested outside the Russian embassy in Warsaw on Monday.",
                ("Ukrainians", "MISC"), ("Russian", "MISC"), ("Warsaw", "LOC"))
    assert owned.type == "PROTEST" and owned.targets and "Warsaw" not in owned.targets
    assert owned.place == "Warsaw"


def test_where_a_complaint_is_made_is_never_whom_it_is_aimed_at(coder):
    hit = top(coder, "Hundreds of Kurds protested in Istanbul on Sunday.", ("Kurds", "MISC"), ("Istanbul", "LOC"))
    assert hit.actors == ["Kurds"] and "Istanbul" not in hit.targets and hit.place == "Istanbul"
    # what it is over is still its target
    over = top(coder, "Greece protested in Brussels over Turkish drilling off Cyprus.",
               ("Greece", "LOC"), ("Brussels", "LOC"), ("Turkish", "MISC"), ("Cyprus", "LOC"))
    assert over.type == "DISAPPROVE" and over.actors == ["Greece"] and "Brussels" not in over.targets


def test_calling_for_someone_to_act_is_a_demand_on_them(coder):
    """"called for X to Y": the parser marks the clause with "for"; the call is a demand on X, not X's act."""
    hit = top(coder, "The European Union called for Russia to withdraw its troops from Moldova.",
              ("The European Union", "ORG"), ("Russia", "LOC"), ("Moldova", "LOC"))
    assert hit.type == "DEMAND" and hit.actors == ["The European Union"] and hit.targets == ["Russia"]
    assert hit.status == "happened"
    push = top(coder, "Kyiv is pushing for Germany to supply Taurus missiles.", ("Kyiv", "LOC"), ("Germany", "LOC"))
    assert push.type == "DEMAND" and push.actors == ["Kyiv"] and push.targets == ["Germany"]
    # the act asked for is not told as done by the one it is asked of
    assert not [h for h in events(coder, "Kyiv is pushing for Germany to supply Taurus missiles.",
                                  ("Kyiv", "LOC"), ("Germany", "LOC")) if h.type == "AID" and h.status == "happened"]


def test_whoever_dies_of_an_act_is_its_target_never_its_actor(coder):
    text = "A Palestinian prisoner died as a result of torture while in Israeli police custody, a report said."
    hit = top(coder, text, ("Palestinian", "MISC"), ("Israeli", "MISC"))
    assert hit.type == "ASSAULT" and hit.actors == [] and hit.targets == ["Palestinian prisoner"]
    under = top(coder, "An opposition activist died under torture in a prison in Damascus, his family said.",
                ("Damascus", "LOC"))
    assert under.actors == [] and under.targets == ["opposition activist"]
    # dying *in* a blast says nothing of whom it was aimed at: a bomber dies in his own
    blast = top(coder, "A suicide bomber died in the explosion at a checkpoint near Kirkuk.", ("Kirkuk", "LOC"))
    assert blast.actors == [] and not any("bomber" in t for t in blast.targets)


def test_a_force_told_as_withdrawn_is_the_one_retreating(coder):
    """No "by" agent: the force's side withdraws, from the place it leaves."""
    hit = top(coder, "French forces were pulled out of Niger in December.", ("French", "MISC"), ("Niger", "LOC"))
    assert hit.type == "RETREAT" and hit.actors == ["French forces"] and hit.targets == ["Niger"] and hit.assigned
    kherson = top(coder, "Russian troops were withdrawn from Kherson on Friday, the defence ministry said.",
                  ("Russian", "MISC"), ("Kherson", "LOC"), ("defence ministry", "ORG"))
    assert kherson.actors == ["Russian troops"] and kherson.targets == ["Kherson"]
    # released prisoners did not release anyone; a named agent stays the actor
    freed = top(coder, "Twelve prisoners were released by Hamas on Sunday.", ("Hamas", "ORG"))
    assert freed.actors == ["Hamas"] and freed.targets == ["prisoners"]
    freed = top(coder, "Twelve prisoners were released on Sunday.")
    assert freed.actors == [] and not freed.assigned
