"""Speakers, eighth round of issue 11: the general mechanisms behind the resolver's errors on texts written in
BBC News online's house style. Every text here was written for its test."""

import pytest
from test_speakers_styles import attribute, entity_of

from quotes.speakers import SpeakerResolver
from quotes.speakers.names import parse_name


@pytest.fixture(scope="module")
def resolver():
    return SpeakerResolver.load()


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
