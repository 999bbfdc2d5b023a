"""Speakers, ninth round of issue 11 (pronouns on fresh text): the general mechanisms behind the pronoun and
continuation errors the eighth round left. Every text here was written for its test."""

import pytest
from test_speakers_styles import attribute

# A named woman speaks first and stays salient; another source speaks in the paragraph before the last quote.
_WARD = (
    "Health board chief Helen Marsh said the ward would reopen in spring.\n\n"
    '"We have listened to families," she said.\n\n'
    "Staff said the closure had been hard.\n\n"
    "{source} said shifts were often left half empty.\n\n"
    '"Some nights there are two of us for the whole floor," she said.'
)


def _ward(resolver, source: str):
    """The speakers of _WARD's four quotes, and the entities, with this source for the third."""
    return attribute(
        resolver,
        _WARD.format(source=source),
        ("the ward would reopen in spring", "Helen Marsh"),
        ("We have listened to families", "she"),
        ("shifts were often left half empty", source),
        ("Some nights there are two of us", "she"),
    )


def test_she_after_a_quote_goes_with_the_unnamed_speaker_of_the_paragraph_before(resolver):
    # "nurse" is no person head for the rules: the pronoun that tags the next quote says it is a person
    speakers, entities = _ward(resolver, "A nurse at the hospital, who asked not to be named,")
    assert speakers[3].entity == speakers[2].entity
    assert speakers[3].name == "nurse at the hospital, who asked not to be named"
    assert entities[speakers[3].entity].kind == "person"


def test_a_name_in_the_paragraph_before_still_comes_first(resolver):
    speakers, _ = _ward(resolver, "Ward sister Joan Pike")
    assert speakers[3].name == "Joan Pike"


def test_not_an_unnamed_speaker_the_pronoun_disagrees_with(resolver):
    speakers, _ = _ward(resolver, "A father of two, who asked not to be named,")
    assert speakers[3].entity != speakers[2].entity


# Two people named in full, then by their surnames alone as a joint subject; a group spoke in between.
_COUNCIL = (
    "Mayor Alan Kemp and Councillor Ruth Rowley unveiled the budget on Monday.\n\n"
    "Local traders said they had not been consulted. When the vote came, Kemp and Rowley pushed the cuts "
    "through in an hour. This left the Harbour Trust short of funds. They insisted the cuts were fair."
)


def test_they_goes_with_people_joined_by_their_surnames_as_a_subject(resolver):
    speakers, _ = attribute(
        resolver,
        _COUNCIL,
        ("they had not been consulted", "Local traders"),
        ("the cuts were fair", "They"),
    )
    assert speakers[1].name == "Alan Kemp and Ruth Rowley"


_PUMPS = (
    "Engineer Tomas Reyes said the pumps had been running for a month.\n\n"
    'The scheme was slow to start. {sentence} "We fitted ten pumps last year and only one has failed."'
)


def _pumps(resolver, sentence: str):
    """The speaker of the unattributed quotation after this sentence, Tomas Reyes having spoken before it."""
    speakers, _ = attribute(
        resolver,
        _PUMPS.format(sentence=sentence),
        ("the pumps had been running for a month", "Tomas Reyes"),
        ("We fitted ten pumps", None),
    )
    return speakers[1].name


def test_an_unattributed_quotation_after_its_speaker_is_again_the_subject_goes_on_with_them(resolver):
    # "Varnia" is a name the rules cannot type: named between the two, it stopped the quotation going on
    sentence = "However, Mr Reyes has since taken the design to his own work in Varnia, where he trained two crews."
    assert _pumps(resolver, sentence) == "Tomas Reyes"


def test_an_unattributed_quotation_after_another_subject_is_not_the_speaker_before(resolver):
    assert _pumps(resolver, "Mayor Ines Ward has since taken the design to Varnia.") != "Tomas Reyes"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # what the copula says of the named subject is that subject
        ("Councillor Jane Holt is a builder, landlord and campaigner who says the rules are unfair.", "Jane Holt"),
        ("Councillor Jane Holt was an outspoken critic who says the rules are unfair.", "Jane Holt"),
        # a prepositional phrase after the copula names someone else
        ("Councillor Jane Holt was with the tenants who say the rules are unfair.", "tenants"),
    ],
)
def test_who_after_a_predicate_of_a_named_subject_is_that_subject(resolver, sentence, expected):
    speakers, _ = attribute(resolver, "The vote is on Friday. " + sentence, ("the rules are unfair", "who"))
    assert speakers[0].name == expected


@pytest.mark.parametrize(
    ("bracket", "expected"),
    [
        ("(an old society of local writers who say the prize is rigged)", "Lantern Club"),
        ("(mostly local writers who say the prize is rigged)", "mostly local writers"),  # no article: not the name
    ],
)
def test_a_relative_in_a_bracket_that_describes_a_name_is_that_name(resolver, bracket, expected):
    text = f"The award went to a member of the Lantern Club {bracket}, for the second year running."
    speakers, _ = attribute(resolver, text, ("the prize is rigged", "who"))
    assert speakers[0].name == expected


def test_a_headline_pronoun_points_forward_to_the_first_agreeing_person_of_the_lead(resolver):
    text = (
        "Storm Over Budget As She Vows To Stay.\n\n"
        "Council leader Maria Quinn said on Monday she would not resign, a day after Tom Hale quit.\n\n"
        "The vote is on Friday."
    )
    speakers, _ = attribute(resolver, text, ("To Stay", "She"))
    assert speakers[0].name == "Maria Quinn"


# Two readers' letters, each signed by its writer's name alone in a paragraph, then the town.
_LETTERS = (
    "Readers on the bypass plan.\n\n"
    "My wife and I moved here in 1990. I oppose the bypass because Mayor Tom Brandt ignored his own "
    "inspectors. Many of his allies agree.\n\n"
    "Peter Lang.\n\n"
    "Ashby.\n\n"
    "I drive the road daily and I welcome it.\n\n"
    "Anna Kovacs.\n\n"
    "Kingsford."
)


def test_i_in_a_letter_is_the_name_that_signs_it(resolver):
    speakers, _ = attribute(
        resolver, _LETTERS, ("oppose the bypass", "I"), ("welcome it", "I"), ("agree", "Many of his allies")
    )
    assert [s.name for s in speakers[:2]] == ["Peter Lang", "Anna Kovacs"]
    # the letter's "I" makes no antecedent of its writer for "his" after it
    assert speakers[2].name == "Many of Tom Brandt's allies"


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("if residents are unhappy with the plan", "residents"),
        ("if the plan is unpopular", "Local traders"),  # no people as the clause's subject: salience decides
    ],
)
def test_they_after_a_fronted_clause_is_the_people_that_clause_made_its_subject(resolver, clause, expected):
    text = (
        "Local traders said the plan would cost them dearly.\n\n"
        f"Mayor Tom Brandt said that {clause}, they should write to the council."
    )
    speakers, _ = attribute(
        resolver, text, ("the plan would cost them dearly", "Local traders"), ("should write to the council", "they")
    )
    assert speakers[1].name == expected
