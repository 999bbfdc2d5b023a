"""Speakers, ninth round of issue 11: names, `named` and kinds on fresh text. Every text here was written
for its test."""

import pytest
from test_speakers_styles import attribute, entity_of


def test_a_body_named_by_a_proper_word_before_lower_case_words_is_named(resolver):
    text = (
        "Ferry fares will rise in June.\n\n"
        "The Assembly transport committee said the rise was too steep.\n\n"
        "The committee said fares had doubled in five years."
    )
    speakers, entities = attribute(
        resolver,
        text,
        ("the rise was too steep", "The Assembly transport committee"),
        ("fares had doubled", "The committee"),
    )
    assert [s.name for s in speakers] == ["Assembly transport committee"] * 2
    assert entity_of(speakers[0], entities).named


@pytest.mark.parametrize("body", ["a US research agency", "The region's government"])
def test_a_place_or_an_owner_before_a_body_does_not_name_it(resolver, body):
    text = f"Fishing quotas were cut again.\n\nThe cut would hurt the coast, {body} said."
    speakers, entities = attribute(resolver, text, ("The cut would hurt the coast", body))
    assert not entity_of(speakers[0], entities).named


def test_a_side_before_a_name_makes_it_a_team(resolver):
    text = (
        "Harwick City have sold winger Tom Beale to Dutch side Oranje Vliet.\n\n"
        "Oranje Vliet said they had followed the player for two years."
    )
    speakers, entities = attribute(resolver, text, ("they had followed the player", "Oranje Vliet"))
    assert speakers[0].name == "Oranje Vliet"
    assert entity_of(speakers[0], entities).kind == "organization"


def test_the_watchdog_points_back_to_the_regulator_just_named(resolver):
    text = (
        "Energy firms face fines after the Power Standards Office found bills had been miscalculated.\n\n"
        "The watchdog said customers were owed £40m."
    )
    speakers, entities = attribute(resolver, text, ("customers were owed", "The watchdog"))
    assert speakers[0].name == "Power Standards Office"
    assert entity_of(speakers[0], entities).kind == "organization"


def test_a_medic_is_a_person_and_he_points_back_to_the_unnamed_one(resolver):
    text = (
        "Ambulance waits grew again in the winter.\n\n"
        "A paramedic in Devon said crews had waited six hours outside hospitals.\n\n"
        '"We cannot reach the next patient," he said.'
    )
    speakers, entities = attribute(
        resolver, text, ("crews had waited", "A paramedic in Devon"), ("We cannot reach", "he")
    )
    assert [s.name for s in speakers] == ["paramedic in Devon"] * 2
    assert entity_of(speakers[0], entities).kind == "person"


def test_a_place_after_an_organization_name_is_not_part_of_it(resolver):
    text = (
        "A new exhibition opens in May.\n\nThe Maritime Heritage Museum in London said the show would run all summer."
    )
    mention = "The Maritime Heritage Museum in London"
    speakers, entities = attribute(resolver, text, ("the show would run", mention))
    assert speakers[0].name == "Maritime Heritage Museum"
    assert entity_of(speakers[0], entities).kind == "organization"


def test_an_organization_named_again_without_a_word_inside_its_name_is_the_same(resolver):
    text = (
        "The Coastal Wildlife Trust warned that seal numbers had fallen.\n\n"
        "The Coastal Trust said fishing nets were to blame."
    )
    speakers, _ = attribute(resolver, text, ("fishing nets were to blame", "The Coastal Trust"))
    assert speakers[0].name == "Coastal Wildlife Trust"


def test_a_shorter_name_with_a_place_first_is_another_body(resolver):
    text = (
        "The London Transport Museum will close for a year.\n\n"
        "The London Museum, across the city, said it would stay open."
    )
    speakers, _ = attribute(resolver, text, ("it would stay open", "The London Museum"))
    assert speakers[0].name == "London Museum"


def test_and_between_what_one_body_does_is_one_description(resolver):
    text = (
        "The lido will not open this summer.\n\nRepairs will take a year, the city's parks and leisure department said."
    )
    mention = "the city's parks and leisure department"
    speakers, entities = attribute(resolver, text, ("Repairs will take a year", mention))
    entity = entity_of(speakers[0], entities)
    assert (speakers[0].name, entity.kind, entity.named) == (
        "city's parks and leisure department",
        "organization",
        False,
    )


def test_and_before_a_determiner_still_joins_two_speakers(resolver):
    text = "The lido will not open.\n\nRepairs will take a year, the manager and the council said."
    speakers, entities = attribute(resolver, text, ("Repairs will take a year", "the manager and the council"))
    assert entity_of(speakers[0], entities).kind == "group"


@pytest.mark.parametrize(
    "evidence",
    [
        "Halvard Brennan's chief operating officer, Ruth Sale, praised the deal.",
        "Halvard Brennan shares rose 3% in London.",
    ],
)
def test_a_name_that_has_shares_or_a_chief_operating_officer_is_a_company(resolver, evidence):
    text = (
        f"Drinks maker Lisle has agreed to buy a rival. {evidence}\n\n"
        "Halvard Brennan said the takeover would create jobs."
    )
    speakers, entities = attribute(resolver, text, ("the takeover would create jobs", "Halvard Brennan"))
    assert entity_of(speakers[0], entities).kind == "organization"


def test_a_person_who_shares_a_view_stays_a_person(resolver):
    text = "Halvard Brennan shares the view of most farmers.\n\nHalvard Brennan said the rules were unfair."
    speakers, entities = attribute(resolver, text, ("the rules were unfair", "Halvard Brennan"))
    assert entity_of(speakers[0], entities).kind == "person"


def test_its_opening_the_next_sentence_makes_a_long_untold_name_a_body(resolver):
    text = (
        "Bus fares rise on Monday.\n\n"
        "Northern Valley Transit Riders said the rise would hit shift workers. Its chair, Dr Ama Boateng, said "
        "talks had failed."
    )
    speakers, entities = attribute(resolver, text, ("the rise would hit", "Northern Valley Transit Riders"))
    assert entity_of(speakers[0], entities).kind == "organization"


def test_its_after_a_person_with_a_known_first_name_leaves_a_person(resolver):
    text = "Bus fares rise on Monday.\n\nMary Okafor bought the bus firm in May. Its drivers said they were glad."
    speakers, entities = attribute(resolver, text, ("bought the bus firm", "Mary Okafor"))
    assert entity_of(speakers[0], entities).kind == "person"


def test_two_words_of_political_leaning_name_a_party(resolver):
    text = "The budget passed on Tuesday.\n\nThe Progressive Conservatives said it would cut taxes for families."
    speakers, entities = attribute(resolver, text, ("it would cut taxes", "The Progressive Conservatives"))
    entity = entity_of(speakers[0], entities)
    assert (speakers[0].name, entity.kind, entity.named) == ("Progressive Conservatives", "organization", True)


def test_one_word_of_political_leaning_is_still_a_party_s_members(resolver):
    text = "The budget passed on Tuesday.\n\nDemocrats said it would cut taxes for families."
    speakers, entities = attribute(resolver, text, ("it would cut taxes", "Democrats"))
    assert entity_of(speakers[0], entities).kind == "group"


def test_a_party_word_inside_two_roles_before_a_name_keeps_one_speaker(resolver):
    text = (
        "The senator spoke in Ohio.\n\n"
        "Jobs will come back, said his sister and fellow Republican state senator Carol Dunmore."
    )
    mention = "his sister and fellow Republican state senator Carol Dunmore"
    speakers, entities = attribute(resolver, text, ("Jobs will come back", mention))
    assert speakers[0].name == "Carol Dunmore"
    assert entity_of(speakers[0], entities).kind == "person"


def test_a_singular_possessive_after_the_inside_a_body_s_name_is_part_of_it(resolver):
    text = (
        "Allotment rents will double.\n\nThe Grower's Forum, which speaks for plot holders, said the rise was unfair."
    )
    speakers, entities = attribute(resolver, text, ("the rise was unfair", "The Grower's Forum"))
    assert speakers[0].name == "Grower's Forum"
    assert entity_of(speakers[0], entities).kind == "organization"


def test_initials_possessive_before_an_organization_word_stays_the_owner_s(resolver):
    text = "Allotment rents will double.\n\nThe ABC's News Service said the rise was unfair."
    speakers, _ = attribute(resolver, text, ("the rise was unfair", "The ABC's News Service"))
    assert speakers[0].name != "ABC's News Service"


def test_an_apposition_of_a_kind_of_body_makes_a_name_a_body(resolver):
    text = (
        "Mobile bills are set to rise.\n\n"
        "Ofcall, the industry watchdog, said it would look at the rise.\n\n"
        "Ofcall said firms had been warned."
    )
    speakers, entities = attribute(resolver, text, ("firms had been warned", "Ofcall"))
    assert entity_of(speakers[0], entities).kind == "organization"


def test_an_apposition_of_a_person_leaves_a_person(resolver):
    text = "Mobile bills are set to rise.\n\nKaren Obi, the firm's founder, said prices had to go up."
    speakers, entities = attribute(resolver, text, ("prices had to go up", "Karen Obi"))
    assert entity_of(speakers[0], entities).kind == "person"


def test_a_band_called_by_how_many_play_in_it_is_the_band_just_named(resolver):
    text = (
        "Indie band The Marlins have cancelled their tour.\n\n"
        "The five-piece said the singer needed rest after an operation."
    )
    speakers, entities = attribute(resolver, text, ("the singer needed rest", "The five-piece"))
    assert speakers[0].name.removeprefix("The ") == "Marlins"
    assert entity_of(speakers[0], entities).kind == "organization"


def test_a_person_s_consortium_is_a_body_not_the_person(resolver):
    text = (
        "Businessman Ian Rook has made a new offer for the football club.\n\n"
        "Mr Rook's consortium said the offer was final."
    )
    speakers, entities = attribute(resolver, text, ("the offer was final", "Mr Rook's consortium"))
    assert entity_of(speakers[0], entities).kind == "organization"
    assert speakers[0].name != "Ian Rook"
