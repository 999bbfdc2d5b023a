"""Speakers, ninth round of issue 11 (nominal descriptions): the general mechanisms behind descriptions
linked to the wrong entity or to none. Every text here was written for its test."""

import pytest
from test_speakers_styles import attribute

from quotes.speakers import SpeakerResolver
from quotes.speakers.descriptions import is_epithet


@pytest.fixture(scope="module")
def resolver():
    return SpeakerResolver.load()


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
