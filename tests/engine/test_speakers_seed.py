"""End to end on the founding article for the speaker stage: the expected quotes' content offsets and
mentions go in, the expected canonical speakers, joint members and descriptions must come out."""

import json
from pathlib import Path

import pytest
from words import whole_word_starts

from quotes.document import Document
from quotes.speakers import AttributionMentions, SpeakerResolver
from quotes.types import Span

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLE = SEEDS / "000_104702930f359336.txt"
EXPECTED = SEEDS / "000_104702930f359336.expected.json"


def _mention_near(text: str, mention: str, start: int, end: int) -> Span:
    """The whole-word occurrence of the mention nearest the quote it introduces."""
    found = whole_word_starts(text, mention)
    at = min(found, key=lambda i: min(abs(i - start), abs(i - end)))
    return Span.of(text, at, at + len(mention))


@pytest.fixture(scope="module")
def seed():
    text = ARTICLE.read_text(encoding="utf-8")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    quotes = expected["quotes"]
    mentions = [
        AttributionMentions((q["start"], q["end"]), None, _mention_near(text, q["mention"], q["start"], q["end"]))
        for q in quotes
    ]
    speakers, entities = SpeakerResolver.load().resolve(Document.read(text), mentions)
    return text, quotes, speakers, {e.id: e for e in entities}


def test_all_17_speakers(seed):
    _, quotes, speakers, _ = seed
    assert len(quotes) == 17
    assert [s.name for s in speakers] == [q["speaker"] for q in quotes]
    assert [s.mention.text for s in speakers] == [q["mention"] for q in quotes]


def test_every_speaker_is_an_entity_and_spans_slice(seed):
    text, _, speakers, entities = seed
    for speaker in speakers:
        assert entities[speaker.entity].name == speaker.name
    assert list(entities) == [f"e{n}" for n in range(1, len(entities) + 1)]
    for entity in entities.values():
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text


def test_nominal_and_pronoun_speakers_are_milley(seed):
    _, quotes, speakers, entities = seed
    by_mention = {(q["id"], q["mention"]): s for q, s in zip(quotes, speakers)}
    milley = by_mention[("q2", "Army Gen. Mark Milley")].entity
    for key in [("q1", "The top U.S. military officer"), ("q10", "he"), ("q16", "He"), ("q17", "he")]:
        assert by_mention[key].entity == milley
    mentions = {m.text for m in entities[milley].mentions}
    assert {
        "The top U.S. military officer",
        "Army Gen. Mark Milley",
        "Milley",
        "General Milley",
        "he",
        "He",
    } <= mentions


def test_joint_speaker_has_both_people_as_members(seed):
    _, quotes, speakers, entities = seed
    joint = entities[speakers[[q["id"] for q in quotes].index("q12")].entity]
    assert joint.kind == "group"
    assert joint.name == "Mark Milley and Lloyd Austin"
    assert [entities[m].name for m in joint.members] == ["Mark Milley", "Lloyd Austin"]
    assert all(entities[m].kind == "person" for m in joint.members)


def test_descriptions_from_apposition_and_titles(seed):
    _, _, _, entities = seed
    by_name = {e.name: e for e in entities.values()}
    assert (
        "executive director of the Center for Arms Control and Non-Proliferation"
        in by_name["John Tierney"].descriptions
    )
    assert "chairman of the Joint Chiefs of Staff" in by_name["Mark Milley"].descriptions
    assert "Army Gen." in by_name["Mark Milley"].descriptions
    assert "US Secretary of Defense" in by_name["Lloyd Austin"].descriptions


def test_groups_and_people(seed):
    _, _, _, entities = seed
    kinds = {e.name: e.kind for e in entities.values()}
    assert kinds["Several US defense officials"] == "group"
    assert kinds["The United States and other senior leaders"] == "group"
    assert kinds["John Tierney"] == kinds["Lloyd Austin"] == kinds["Mark Milley"] == "person"
    assert kinds.get("Valery Gerasimov") in (None, "person")
