"""Speakers, eighth round of issue 11: the general mechanisms behind the resolver's errors on texts written in
BBC News online's house style. Every text here was written for its test."""

import pytest
from test_speakers_styles import attribute, entity_of

from quotes.speakers.names import parse_name


@pytest.mark.parametrize("noun", ["Dane", "Swede", "Briton"])
def test_a_nationality_noun_stands_for_the_person_just_named(resolver, noun):
    text = (
        "Ravensby Town have given striker Jonas Holm a new deal.\n\n"
        f'"I never wanted to leave this club," the {noun} said.'
    )
    speakers, entities = attribute(resolver, text, ("I never wanted", f"the {noun}"))
    assert speakers[0].name == "Jonas Holm"
    assert entity_of(speakers[0], entities).kind == "person"


def test_a_nationality_noun_after_a_place_word_is_no_organization():
    assert parse_name(["New", "Zealander"]).kind == "other"
    assert parse_name(["New", "Holland"]).kind != "other"


@pytest.mark.parametrize(("role", "name"), [("Phone maker", "Quillon"), ("building society", "Eastmere")])
def test_a_maker_or_society_before_a_name_is_its_description(resolver, role, name):
    text = f"Prices went up again in March.\n\nThe rise was expected, {role} {name} said on Tuesday."
    speakers, entities = attribute(resolver, text, ("The rise was expected", f"{role} {name}"))
    assert speakers[0].name == name
    assert role in entity_of(speakers[0], entities).descriptions


def test_a_car_maker_alone_is_still_a_description(resolver):
    text = "Sales fell in May.\n\nThe fall was expected, one car maker said."
    speakers, entities = attribute(resolver, text, ("The fall was expected", "one car maker"))
    assert speakers[0].name == "one car maker"  # the label as written: no name after the maker
    assert not entity_of(speakers[0], entities).named


@pytest.mark.parametrize("told", ["Ms Okoro told BBC Radio Leeds.", "she told the Evening Star on Monday."])
def test_a_quote_paragraph_goes_on_with_the_speaker_who_told_someone(resolver, told):
    text = (
        "Head teacher Ruth Okoro said the school would reopen.\n\n"
        f'"The roof is mended and the pupils can come back," {told}\n\n'
        '"We are grateful to every parent who helped."'
    )
    speakers, _ = attribute(
        resolver, text, ("The roof is mended and the pupils can come back", told.split()[0]), ("We are grateful", None)
    )
    assert [s.name for s in speakers] == ["Ruth Okoro", "Ruth Okoro"]


def test_a_quote_paragraph_after_a_new_sentence_does_not_go_on_with_the_speaker(resolver):
    text = (
        "Head teacher Ruth Okoro said the school would reopen.\n\n"
        '"The roof is mended," Ms Okoro said. Council leader Omar Daley disagreed.\n\n'
        '"We are grateful to every parent who helped."'
    )
    speakers, _ = attribute(resolver, text, ("The roof is mended", "Ms Okoro"), ("We are grateful", None))
    assert speakers[1].name != "Ruth Okoro"


def test_a_plural_possessive_after_the_is_inside_the_organizations_name(resolver):
    text = "Fares rose by 9% in January.\n\nThe rise was a scandal, said the Commuters' Circle, a passenger group."
    speakers, entities = attribute(resolver, text, ("The rise was a scandal", "the Commuters' Circle"))
    assert speakers[0].name == "Commuters' Circle"
    assert entity_of(speakers[0], entities).kind == "organization"


def test_a_partys_possessive_after_the_stays_its_owner(resolver):
    text = "The vote is on Monday.\n\nThe bill will pass, the Republicans' Senate leader Tom Vance said."
    speakers, _ = attribute(resolver, text, ("The bill will pass", "the Republicans' Senate leader Tom Vance"))
    assert speakers[0].name == "Tom Vance"


def test_a_coach_set_off_by_his_name_is_that_person_not_the_owner(resolver):
    text = (
        "Winger Ben Tarrant is out for a month.\n\n"
        "His coach, Welshman Idris Powell, said the injury was bad luck.\n\n"
        '"He will be back for the final," the coach said.'
    )
    speakers, _ = attribute(resolver, text, ("the injury was bad luck", "His coach"), ("He will be back", "the coach"))
    assert [s.name for s in speakers] == ["Idris Powell", "Idris Powell"]


def test_a_number_word_opens_no_persons_name(resolver):
    assert parse_name(["Six", "Nations"]).kind != "person"
    text = (
        "Forwards coach Karl Jessop picked an unchanged side.\n\n"
        "The players are tired after the Four Counties Cup.\n\n"
        '"They have earned a rest," the Scot said.'
    )
    speakers, _ = attribute(resolver, text, ("They have earned a rest", "the Scot"))
    assert speakers[0].name == "Karl Jessop"


def test_former_before_a_role_before_an_apposed_name_is_part_of_the_role(resolver):
    text = (
        "The Cyclists' Union said the ban was fair.\n\n"
        "Its president, former sprinter Nadia Hollis, said riders knew the rules."
    )
    speakers, entities = attribute(resolver, text, ("riders knew the rules", "Its president"))
    assert speakers[0].name == "Nadia Hollis"
    assert "former sprinter" in entity_of(speakers[0], entities).descriptions


def test_a_first_name_that_is_also_a_title_opens_a_two_word_name(resolver):
    assert parse_name(["Dean", "Mallory"]).name == ("Dean", "Mallory")
    assert parse_name(["Judge", "Mallory"]).name == ("Mallory",)
    text = 'Her team-mate Dean Mallory said the loss hurt.\n\n"We will come back stronger," the 27-year-old said.'
    speakers, _ = attribute(resolver, text, ("We will come back", "the 27-year-old"))
    assert speakers[0].name == "Dean Mallory"
