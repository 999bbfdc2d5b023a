"""Speakers, ninth round of issue 11 (nominal descriptions): the general mechanisms behind descriptions
linked to the wrong entity or to none. Every text here was written for its test."""

import pytest
from test_speakers_styles import attribute, entity_of

from quotes.speakers.descriptions import head_class, is_epithet
from quotes.speakers.names import is_nationality_noun, parse_name

SHAREHOLDERS = (
    "Harbourside Foods boss Alan Pryce spoke to shareholders on Monday.\n\n"
    '"We will keep growing," Mr Pryce said.\n\n'
    "The pension fund was raised by Tom Reid.\n\n"
    '"The fund is safe," the {head} said.'
)


@pytest.mark.parametrize("role", ["the chairman", "the spokeswoman", "The businessman", "the Chairwoman"])
def test_a_role_ending_in_man_is_no_nationality_epithet(role):
    assert not is_epithet(role)


@pytest.mark.parametrize("epithet", ["the Irishman", "The Frenchwoman", "the 44-year-old", "the father of two"])
def test_an_age_a_parent_or_a_nationality_is_an_epithet(epithet):
    assert is_epithet(epithet)


def test_a_role_nobody_was_given_is_the_speaker_not_the_person_named_last(resolver):
    text = SHAREHOLDERS.format(head="chairman")
    speakers, _ = attribute(resolver, text, ("We will keep", "Mr Pryce"), ("The fund is safe", "the chairman"))
    assert [s.name for s in speakers] == ["Alan Pryce", "Alan Pryce"]


def test_a_nationality_epithet_is_still_the_person_named_last(resolver):
    text = SHAREHOLDERS.format(head="Irishman")
    speakers, _ = attribute(resolver, text, ("We will keep", "Mr Pryce"), ("The fund is safe", "the Irishman"))
    assert speakers[1].name == "Tom Reid"


@pytest.mark.parametrize("noun", ["Briton", "britons", "Danes", "Scots", "Welshmen", "Irishwoman"])
def test_a_nationality_noun_singular_or_plural_is_a_person_head(noun):
    assert is_nationality_noun(noun)
    assert head_class(noun.lower()) == "person"


@pytest.mark.parametrize("noun", ["chairman", "Dean", "Danish"])
def test_a_role_a_first_name_or_an_adjective_is_no_nationality_noun(noun):
    assert not is_nationality_noun(noun)


def test_plural_nationality_nouns_after_a_place_are_people_not_an_organization(resolver):
    assert parse_name(["New", "Zealanders"]).kind == "other"
    text = (
        "Tom Calder and Amy Hart won the mixed doubles in Perth on Sunday.\n\n"
        '"We are thrilled," the New Zealanders said.'
    )
    speakers, entities = attribute(resolver, text, ("We are thrilled", "the New Zealanders"))
    assert entity_of(speakers[0], entities).kind != "organization"


@pytest.mark.parametrize("head", ["regulator", "watchdog"])
def test_the_regulator_is_the_body_just_named(resolver, head):
    text = (
        "The Office for Rail Standards has fined Northline Trains £2m over late services.\n\n"
        f'"Passengers were let down week after week," the {head} said.'
    )
    speakers, entities = attribute(resolver, text, ("Passengers were let", f"the {head}"))
    assert speakers[0].name == "Office for Rail Standards"
    assert entity_of(speakers[0], entities).kind == "organization"


def test_the_union_is_not_the_radio_station_a_quote_was_told_to(resolver):
    text = (
        "Coach Dan Ferris picked an unchanged side, after a row between the clubs and the national union.\n\n"
        '"We want our best players," Ferris told BBC Radio 5 Live.\n\n'
        '"I\'m sure the fans agree," he added.\n\n'
        "The union said it would limit the number of matches players take part in."
    )
    speakers, entities = attribute(
        resolver, text, ("We want our best", "Ferris"), ("sure the fans agree", "he"), ("it would limit", "The union")
    )
    assert speakers[2].name == "national union"
    assert not entity_of(speakers[2], entities).named


def test_the_company_is_still_the_firm_that_spoke_to_reporters(resolver):
    text = (
        "Shares in Tallis Foods rose on Tuesday.\n\n"
        "Tallis Foods told the Reuters news agency that sales were strong.\n\n"
        "The company said it would open two more shops."
    )
    speakers, _ = attribute(resolver, text, ("it would open", "The company"))
    assert speakers[0].name == "Tallis Foods"


@pytest.mark.parametrize(
    ("description", "apposed", "name"),
    [
        ("Her publisher", "small family firm Penrose & Vale", "Penrose & Vale"),
        ("The singer's biggest sponsor", "cloud provider Halden Systems", "Halden Systems"),
    ],
)
def test_a_name_with_its_own_description_set_off_after_a_description_is_the_one_described(
    resolver, description, apposed, name
):
    text = (
        "Singer Maya Lorne has pulled out of the summer festival.\n\n"
        f"{description}, {apposed}, said the decision had been taken on medical advice."
    )
    speakers, _ = attribute(resolver, text, ("the decision had been taken", description))
    assert speakers[0].name == name


def test_an_owners_nationality_says_whose_the_firm_is_not_which(resolver):
    text = (
        "Carmaker Tarvo has confirmed that its plant in Dunmere will stay open.\n\n"
        "Tarvo employs 2,000 people there, and ministers said it was good news for carmakers.\n\n"
        "The German-owned firm said it would hire 400 more staff."
    )
    speakers, entities = attribute(resolver, text, ("it would hire", "The German-owned firm"))
    assert speakers[0].name == "Tarvo"  # "Carmaker", capitalised to open the sentence, is no part of the name
    assert entity_of(speakers[0], entities).kind == "organization"


@pytest.mark.parametrize(
    "other",
    ["Sen. Ruth Calder, R-Iowa.", "Iowa Sen. Ruth Calder.", "Sen. Ruth Calder (D-Ohio)."],
)
def test_a_place_in_a_description_rules_out_a_senator_tied_to_another_state(resolver, other):
    text = (
        f"Tom Whitaker spoke about farm subsidies at a breakfast with {other}\n\n"
        "The Florida senator told reporters he felt good about his chances."
    )
    speakers, _ = attribute(resolver, text, ("he felt good", "The Florida senator"))
    assert speakers[0].name == "Tom Whitaker"


def test_a_senator_tied_to_the_same_state_still_fits(resolver):
    text = (
        "Tom Whitaker spoke about farm subsidies at a breakfast with Sen. Ruth Calder, R-Florida.\n\n"
        "The Florida senator told reporters she felt good about the bill."
    )
    speakers, _ = attribute(resolver, text, ("she felt good", "The Florida senator"))
    assert speakers[0].name == "Ruth Calder"


@pytest.mark.parametrize("noun", ["Portuguese", "Japanese"])
def test_a_nationality_adjective_standing_as_a_noun_is_the_person_just_named(resolver, noun):
    text = (
        "Ravensby Town have signed midfielder Tiago Ramos for £2m.\n\n"
        f'Speaking through an interpreter, the {noun} said: "I am happy to be here."'
    )
    speakers, entities = attribute(resolver, text, ("I am happy", f"the {noun}"))
    assert speakers[0].name == "Tiago Ramos"
    assert entity_of(speakers[0], entities).kind == "person"
