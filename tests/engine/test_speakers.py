"""Speaker resolution rules, each on a short text written for it."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from words import whole_word_starts

from quotes.document import Document
from quotes.speakers import AttributionMentions, SpeakerResolver
from quotes.speakers.mentions import read_article
from quotes.speakers.source import speaker_mention
from quotes.types import Span


def span(text: str, phrase: str, nth: int = 0) -> Span:
    """The nth whole-word occurrence of phrase in text."""
    found = whole_word_starts(text, phrase)
    start = found[nth]
    return Span.of(text, start, start + len(phrase))


def said(text: str, content: str, source: str | None, nth: int = 0) -> AttributionMentions:
    """An attribution whose content is `content` and whose source mention is the nth `source`."""
    c = span(text, content)
    return AttributionMentions((c.start, c.end), None, span(text, source, nth) if source else None)


def resolve(resolver, text, *attributions):
    speakers, entities = resolver.resolve(Document.read(text), list(attributions))
    for entity in entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
    return speakers, {e.id: e for e in entities}


def test_i_inside_an_interview_answer_is_the_interviewee(resolver):
    from dataclasses import replace

    text = "Q&A with Diane Guerrero.\n\nQ: What happened?\n\nA: A neighbor told me I was alone. I felt helpless."
    answer = replace(said(text, "A neighbor told me I was alone. I felt helpless.", "Diane Guerrero"), unmarked=True)
    inner = said(text, "helpless", "I", nth=1)
    speakers, _ = resolve(resolver, text, answer, inner)
    assert [s.name for s in speakers] == ["Diane Guerrero", "Diane Guerrero"]
    marked_elsewhere = replace(answer, unmarked=False)  # outside quotation marks "I" is nobody we know
    speakers, _ = resolve(resolver, text, marked_elsewhere, inner)
    assert speakers[1].name is None


# ---- entities: names and their short forms ------------------------------------------------------


def test_surname_and_title_forms_join_the_full_name(resolver):
    text = (
        "Army Gen. Mark Milley spoke on Monday. Gen. Milley said the talks failed. "
        "Later Milley said talks would resume."
    )
    speakers, entities = resolve(
        resolver, text, said(text, "the talks failed", "Gen. Milley"), said(text, "talks would resume", "Milley", 1)
    )
    assert [s.name for s in speakers] == ["Mark Milley", "Mark Milley"]
    milley = entities[speakers[0].entity]
    assert speakers[0].entity == speakers[1].entity == "e1"
    assert milley.kind == "person"
    assert {"Army Gen. Mark Milley", "Gen. Milley", "Milley"} <= {m.text for m in milley.mentions}
    assert "Army Gen." in milley.descriptions


def test_a_surname_in_capitals_is_the_person_the_article_names(resolver):
    text = (
        "Chris Wallace interviewed the governor on Sunday. Mike Pence answered questions about the debate.\n\n"
        "WALLACE: Will she be there?\n\nPENCE: She will not be there.\n\nThe FBI said nothing."
    )
    speakers, entities = resolve(
        resolver,
        text,
        said(text, "Will she be there?", "WALLACE"),
        said(text, "She will not be there.", "PENCE"),
        said(text, "nothing", "The FBI"),
    )
    assert [s.name for s in speakers] == ["Chris Wallace", "Mike Pence", "FBI"]


@pytest.mark.parametrize(
    "full, short",
    [
        ("Sen. Elizabeth Warren", "Sen. Warren"),
        ("Michael Brown", "Mr. Brown"),
        ("Hillary Clinton", "Mrs. Clinton"),
        ("Loretta E. Lynch", "Lynch"),
    ],
)
def test_title_and_surname(resolver, full, short):
    text = f"{full} arrived in Boston on Friday. {short} said the deal was done."
    speakers, entities = resolve(resolver, text, said(text, "the deal was done", short))
    expected = re.sub(r"^(Sen\.) ", "", full)
    assert speakers[0].name == expected
    assert entities[speakers[0].entity].name == expected


def test_titles_are_stripped_from_the_name_and_kept_as_descriptions(resolver):
    text = "President Barack Obama said the bill was signed."
    speakers, entities = resolve(resolver, text, said(text, "the bill was signed", "President Barack Obama"))
    assert speakers[0].name == "Barack Obama"
    assert "President" in entities[speakers[0].entity].descriptions


def test_clintons_are_kept_apart_and_a_bare_surname_goes_to_the_last_mentioned(resolver):
    text = (
        "Hillary Clinton spoke in Ohio on Monday. Bill Clinton spoke in Iowa on Tuesday. "
        "Clinton said the crowds were large."
    )
    speakers, entities = resolve(resolver, text, said(text, "the crowds were large", "Clinton", 2))
    assert speakers[0].name == "Bill Clinton"
    people = sorted(e.name for e in entities.values() if e.kind == "person")
    assert people == ["Bill Clinton", "Hillary Clinton"]


def test_a_title_with_gender_picks_the_clinton_who_agrees(resolver):
    text = (
        "Hillary Clinton spoke in Ohio on Monday. Bill Clinton spoke in Iowa on Tuesday. "
        "Mrs. Clinton said the crowds were large."
    )
    speakers, _ = resolve(resolver, text, said(text, "the crowds were large", "Mrs. Clinton"))
    assert speakers[0].name == "Hillary Clinton"


def test_a_surname_that_has_meant_one_person_keeps_meaning_that_person(resolver):
    text = (
        "Hillary Clinton held a rally on Monday. Clinton said the polls were tight. "
        "Her husband, Bill Clinton, was in the crowd. Clinton said the race was close."
    )
    speakers, _ = resolve(
        resolver, text, said(text, "the polls were tight", "Clinton", 1), said(text, "the race was close", "Clinton", 3)
    )
    assert [s.name for s in speakers] == ["Hillary Clinton", "Hillary Clinton"]


def test_possessive_is_a_mention_of_the_name(resolver):
    text = "Mark Milley met reporters. Milley’s staff said the call failed."
    speakers, entities = resolve(resolver, text, said(text, "the call failed", "Milley’s staff"))
    assert speakers[0].name == "Milley’s staff"  # the staff speak, not Milley
    milley = next(e for e in entities.values() if e.name == "Mark Milley")
    assert Span.of(text, text.index("Milley’s"), text.index("’s")) in milley.mentions


def test_a_name_split_by_a_line_break_is_one_name(resolver):
    text = "The general, Mark\nMilley, said the call failed."
    source = Span.of(text, text.index("Mark"), text.index(", said"))
    c = span(text, "the call failed")
    speakers, entities = resolve(resolver, text, AttributionMentions((c.start, c.end), None, source))
    assert speakers[0].name == "Mark Milley"
    assert any(m.text == "Mark\nMilley" for m in entities[speakers[0].entity].mentions)


@pytest.mark.parametrize("org", ["the Pentagon", "The White House", "Reuters"])
def test_organizations(resolver, org):
    text = f"On Monday {org} said the report was wrong."
    speakers, entities = resolve(resolver, text, said(text, "the report was wrong", org))
    assert entities[speakers[0].entity].kind == "organization"


# ---- pronouns -------------------------------------------------------------------------------------


def test_he_after_a_paragraph_about_a_person_is_that_person(resolver):
    text = (
        "Army Gen. Mark Milley spoke to reporters at the Pentagon on Wednesday. Milley said "
        "Russia had suffered losses.\n\n“The Russian army is suffering,” he said."
    )
    speakers, entities = resolve(
        resolver,
        text,
        said(text, "Russia had suffered losses", "Milley", 1),
        said(text, "The Russian army is suffering,", "he"),
    )
    assert speakers[1].name == "Mark Milley"
    assert speakers[1].mention.text == "he"
    assert any(m.text == "he" for m in entities[speakers[1].entity].mentions)


def test_she_never_goes_to_a_man(resolver):
    text = (
        "Sen. Elizabeth Warren questioned John Stumpf on Tuesday. Stumpf apologized to the "
        "committee.\n\n“You should resign,” she said."
    )
    speakers, _ = resolve(resolver, text, said(text, "You should resign,", "she"))
    assert speakers[0].name == "Elizabeth Warren"


def test_gender_comes_from_honorifics(resolver):
    text = "Ms. Lee and Mr. Park met on Monday. Mr. Park left early.\n\n“It went well,” she said."
    speakers, _ = resolve(resolver, text, said(text, "It went well,", "she"))
    assert speakers[0].name == "Lee"


def test_gender_comes_from_earlier_pronouns(resolver):
    text = (
        "Taylor Reed said she was tired of waiting.\n\nJordan Blake said he agreed with the plan."
        "\n\nReed answered questions. Blake left.\n\n“We will see,” she said."
    )
    speakers, _ = resolve(resolver, text, said(text, "We will see,", "she"))
    assert speakers[0].name == "Taylor Reed"


def test_a_pronoun_is_never_resolved_to_an_entity_that_cannot_agree(resolver):
    text = "The Pentagon released a statement on Monday.\n\n“We are ready,” he said."
    speakers, _ = resolve(resolver, text, said(text, "We are ready,", "he"))
    assert speakers[0].name is None and speakers[0].entity is None
    assert speakers[0].mention.text == "he"


def test_they_goes_to_a_group_not_a_person(resolver):
    text = (
        "Several defense officials met Mark Milley on Monday. Several defense officials said the "
        "plan was sound. Milley left.\n\nThey said more talks were needed."
    )
    speakers, entities = resolve(
        resolver,
        text,
        said(text, "the plan was sound", "Several defense officials", 1),
        said(text, "more talks were needed", "They"),
    )
    assert speakers[1].name == "Several defense officials"
    assert entities[speakers[1].entity].kind == "group"


def test_the_speaker_inside_his_own_quote_is_not_a_candidate(resolver):
    text = "Tom Baker met the press on Monday.\n\n“I spoke with Mike Ross this morning,” he said."
    speakers, _ = resolve(resolver, text, said(text, "I spoke with Mike Ross this morning,", "he"))
    assert speakers[0].name == "Tom Baker"


def test_who_refers_to_the_name_before_it(resolver):
    text = "The law was backed by Sen. Bernie Sanders, who said it would help workers."
    speakers, _ = resolve(resolver, text, said(text, "it would help workers", "who"))
    assert speakers[0].name == "Bernie Sanders"


def test_i_inside_a_quote_is_the_speaker_of_the_quote(resolver):
    text = "“I think we will win,” Sen. Ted Cruz said."
    speakers, _ = resolve(
        resolver, text, said(text, "I think we will win,", "Sen. Ted Cruz"), said(text, "we will win", "I")
    )
    assert [s.name for s in speakers] == ["Ted Cruz", "Ted Cruz"]


# ---- descriptions ---------------------------------------------------------------------------------


def test_apposition_gives_a_description_without_the_place(resolver):
    text = (
        "The risk is real, said John Tierney, executive director of the Center for Arms Control "
        "and Non-Proliferation in Washington."
    )
    speakers, entities = resolve(resolver, text, said(text, "The risk is real", "John Tierney"))
    assert entities[speakers[0].entity].descriptions == (
        "executive director of the Center for Arms Control and Non-Proliferation",
    )


def test_the_lead_description_is_the_person_named_in_the_next_paragraph(resolver):
    text = (
        "WASHINGTON (AP) — The top U.S. military officer said Wednesday he tried to call his "
        "Russian counterpart.\n\nArmy Gen. Mark Milley, chairman of the Joint Chiefs of Staff, "
        "said his staff tried to reach Gen. Valery Gerasimov."
    )
    speakers, entities = resolve(
        resolver,
        text,
        said(text, "he tried to call his Russian counterpart", "The top U.S. military officer"),
        said(text, "his staff tried to reach Gen. Valery Gerasimov", "Army Gen. Mark Milley"),
    )
    assert [s.name for s in speakers] == ["Mark Milley", "Mark Milley"]
    milley = entities[speakers[0].entity]
    assert "chairman of the Joint Chiefs of Staff" in milley.descriptions
    assert milley.mentions[0].text == "The top U.S. military officer"


def test_the_senator_is_the_last_person_titled_senator(resolver):
    text = (
        "Sen. Lindsey Graham met Gov. Mike Pence and Sen. Jon Tester on Monday. "
        "Pence left early.\n\nThe senator said the meeting was useful."
    )
    speakers, _ = resolve(resolver, text, said(text, "the meeting was useful", "The senator"))
    assert speakers[0].name == "Jon Tester"


def test_copula_links_a_description(resolver):
    text = (
        "Jane Roe is the spokeswoman for the agency. The agency opened a new office in Dallas."
        "\n\nThe spokeswoman said the office would hire staff."
    )
    speakers, _ = resolve(resolver, text, said(text, "the office would hire staff", "The spokeswoman"))
    assert speakers[0].name == "Jane Roe"


def test_apposition_next_to_the_mention_links_it(resolver):
    text = "A spokesman, Paul Reed, said the mayor would not resign."
    speakers, _ = resolve(resolver, text, said(text, "the mayor would not resign", "A spokesman"))
    assert speakers[0].name == "Paul Reed"


def test_an_unlinked_description_is_its_own_entity(resolver):
    text = (
        "Several US defense officials said the call was routine. A spokesman for the Home Office "
        "said the rules were clear."
    )
    speakers, entities = resolve(
        resolver,
        text,
        said(text, "the call was routine", "Several US defense officials"),
        said(text, "the rules were clear", "A spokesman for the Home Office"),
    )
    assert [s.name for s in speakers] == ["Several US defense officials", "spokesman for the Home Office"]
    assert [entities[s.entity].kind for s in speakers] == ["group", "person"]


def test_the_company_is_the_company_just_named(resolver):
    text = "Acme Corp. reported a loss on Monday. Shares fell 5 percent.\n\nThe company said sales would recover."
    speakers, entities = resolve(resolver, text, said(text, "sales would recover", "The company"))
    assert speakers[0].name == "Acme Corp."
    assert entities[speakers[0].entity].kind == "organization"


def test_a_definite_description_continues_an_earlier_one(resolver):
    text = (
        "A source said the talks stalled. Another source said they resumed.\n\nThe source added that no deal was near."
    )
    speakers, _ = resolve(
        resolver,
        text,
        said(text, "the talks stalled", "A source"),
        said(text, "they resumed", "Another source"),
        said(text, "no deal was near", "The source"),
    )
    assert [s.name for s in speakers] == ["source", "Another source", "Another source"]
    assert speakers[1].entity == speakers[2].entity != speakers[0].entity


# ---- joint speakers -------------------------------------------------------------------------------


def test_joint_speaker_is_a_group_of_people(resolver):
    text = (
        "Milley said it could become a window for talks, Mark Milley added.\n\n"
        "He and US Secretary of Defense Lloyd Austin said they expect Ukraine to keep fighting."
    )
    speakers, entities = resolve(
        resolver,
        text,
        said(text, "it could become a window for talks", "Mark Milley"),
        said(text, "they expect Ukraine to keep fighting", "He and US Secretary of Defense Lloyd Austin"),
    )
    joint = entities[speakers[1].entity]
    assert speakers[1].name == joint.name == "Mark Milley and Lloyd Austin"
    assert joint.kind == "group"
    assert [entities[m].name for m in joint.members] == ["Mark Milley", "Lloyd Austin"]
    assert "US Secretary of Defense" in entities[joint.members[1]].descriptions
    assert any(m.text == "He" for m in entities[joint.members[0]].mentions)


def test_a_group_with_a_description_is_named_by_its_words(resolver):
    text = "The United States and other senior leaders now say they believe it was an accident."
    speakers, entities = resolve(
        resolver, text, said(text, "they believe it was an accident", "The United States and other senior leaders")
    )
    assert speakers[0].name == "The United States and other senior leaders"
    assert entities[speakers[0].entity].kind == "group"


# ---- quotes with no explicit speaker --------------------------------------------------------------


def test_a_quote_only_paragraph_continues_the_quote_before(resolver):
    text = "“We will not back down,” Sen. Ted Cruz said.\n\n“The people sent us here to fight.”"
    speakers, _ = resolve(
        resolver,
        text,
        said(text, "We will not back down,", "Sen. Ted Cruz"),
        said(text, "The people sent us here to fight.", None),
    )
    assert speakers[1].name == "Ted Cruz"
    assert speakers[1].entity == speakers[0].entity
    assert speakers[1].mention is None


def test_no_continuation_without_the_convention(resolver):
    text = (
        "Sen. Ted Cruz spoke in Houston on Monday about the budget.\n\n"
        "“The people sent us here to fight.”\n\nThe debate goes on, critics say."
    )
    speakers, _ = resolve(
        resolver, text, said(text, "The people sent us here to fight.", None), said(text, "The debate goes on", None)
    )
    assert speakers == [speakers[0].__class__(None, None, None)] * 2


# ---- invariants -----------------------------------------------------------------------------------

ARTICLE = (
    "WASHINGTON (AP) — Sen. Elizabeth Warren said Tuesday the bank failed its customers.\n\n"
    "“They were cheated,” she said. John Stumpf, the bank’s chief executive, said he was "
    "sorry.\n\nWarren and Stumpf met again. They said talks would continue, a spokesman said."
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(ARTICLE)),
            st.integers(0, 40),
            st.booleans(),
            st.integers(0, len(ARTICLE)),
            st.integers(0, 30),
        ),
        max_size=6,
    )
)
def test_any_spans_give_one_speaker_each_and_spans_that_slice(spans):
    resolver = SpeakerResolver.load()
    attributions = []
    for c_start, c_len, has_source, s_start, s_len in spans:
        source = Span.of(ARTICLE, s_start, min(len(ARTICLE), s_start + s_len)) if has_source else None
        attributions.append(AttributionMentions((c_start, min(len(ARTICLE), c_start + c_len)), None, source))
    speakers, entities = resolver.resolve(Document.read(ARTICLE), attributions)
    assert len(speakers) == len(attributions)
    assert [e.id for e in entities] == [f"e{n}" for n in range(1, len(entities) + 1)]
    ids = {e.id for e in entities}
    for speaker, attribution in zip(speakers, attributions):
        if attribution.source is None:
            assert speaker.mention is None
        else:  # the span as given, or made whole around it (complete_source)
            mention = speaker.mention
            assert ARTICLE[mention.start : mention.end] == mention.text
            assert mention.start <= attribution.source.start <= attribution.source.end <= mention.end
        assert speaker.entity is None or speaker.entity in ids
    for entity in entities:
        assert set(entity.members) <= ids
        for m in entity.mentions:
            assert ARTICLE[m.start : m.end] == m.text


def test_a_deck_under_the_headline_is_no_place_for_names_and_its_description_is_the_lead_person(resolver):
    text = (
        "Lawmaker urges retaliation on Russia; \nMember of House panel says the U.S. has to act.\n\n"
        "Rep. Adam Schiff, the top Democrat on the House Intelligence Committee, called for retaliation."
    )
    speakers, _ = resolve(resolver, text, said(text, "the U.S. has to act", "Member of House panel"))
    assert speakers[0].name == "Adam Schiff"


def test_i_in_a_later_quotation_waits_for_that_quotations_speaker(resolver):
    text = "“My colleagues and I will not back down,” Jane Smith said."
    quote = said(text, "My colleagues and I will not back down,", "Jane Smith")
    speakers, _ = resolve(resolver, text, said(text, "will not back down", "I"), quote)
    assert [s.name for s in speakers] == ["Jane Smith", "Jane Smith"]


def test_the_model_s_source_loses_its_apposition_but_a_gold_one_keeps_it_and_both_are_made_whole():
    for text, model_mention, gold_mention in [
        ("said Austin, who was also present at the briefing", "Austin", "Austin, who was also present at the briefing"),
        (
            "John Tierney, executive director of the Center",
            "John Tierney",
            "John Tierney, executive director of the Center",
        ),
        ("Smith, Jones and Brown", "Smith, Jones and Brown", "Smith, Jones and Brown"),
        ("the senator", "the senator", "the senator"),
        ("A spokesman said it would wait.", "A spokesman", "A spokesman"),  # "A" made whole
    ]:
        article = read_article(Document.read(text))
        start = 5 if text.startswith("said ") else 0
        end = 1 if text.startswith("A spokesman") else len(text)
        for model_span, expected in [(True, model_mention), (False, gold_mention)]:
            s, e = speaker_mention(article, start, end, model_span)
            assert text[s:e] == expected
    assert speaker_mention(read_article(Document.read("Aides , said")), 5, 7, True) is None  # separators only
