"""The real shipped model on the founding article: its direct and mixed quotes found, with their speakers."""

import json
from pathlib import Path

import pytest

from training.evaluate import load_seeds, seed_report
from training.metrics import best_match

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_104702930f359336.txt"
EXPECTED = json.loads((REPO / "seeds" / "000_104702930f359336.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result(attributor):
    return attributor.run(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "expected", [q for q in EXPECTED["quotes"] if q["type"] in ("direct", "mixed")], ids=lambda q: q["id"]
)
def test_every_direct_and_mixed_quote_is_found_with_its_speaker(result, expected):
    text = SEED.read_text(encoding="utf-8")
    quote = best_match(text, [(expected["start"], expected["end"])], result.quotes)
    assert quote is not None, f"{expected['id']} not found"
    if expected["type"] == "direct":
        assert quote.type == "direct"
        assert (quote.start, quote.end) == (expected["start"], expected["end"])
    assert quote.speaker.mention is not None and quote.speaker.mention.text.lower() == expected["mention"].lower()
    assert quote.speaker.name == expected["speaker"]


def test_spans_slice_the_text_and_confidences_are_probabilities(result):
    text = SEED.read_text(encoding="utf-8")
    for q in result.quotes:
        assert text[q.start : q.end] == q.text
        for span in (q.cue, q.speaker.mention):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert 0.0 <= q.confidence <= 1.0
    for e in result.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


def test_garbled_marks_and_boilerplate_are_not_quotes(result):
    assert not any(q.text.strip() == "hit" for q in result.quotes)
    assert not any("Leave a Comment" in q.text for q in result.quotes)


def test_seed_acceptance_figures(attributor):
    report = seed_report(attributor)
    assert report["expected"] == len(load_seeds()[0][1]) == 17
    assert report["found"] == 17  # the acceptance: all found, 16 of 17 with the right mention
    assert report["right_mention"] >= 16
    assert report["right_name"] >= 16


def test_vox_pop_and_transcript_layouts_through_the_real_engine(attributor):
    text = (
        "Voters shared their thoughts on the debate with Gov. Mike Pence and Chris Wallace.\n\n"
        "“He can’t answer a question without scaring people first.” ― Esther Tapia\n"
        "“The most unqualified candidate to ever run for president.” ― Francisco Herrero\n\n"
        "WALLACE: Will Gennifer Flowers be at the debate tomorrow night?\n\n"
        "PENCE: Gennifer Flowers will not be attending the debate tomorrow night.\n\n"
        "WALLACE: Thank you, Governor.\n"
    )
    quotes = {q.text: q for q in attributor.run(text).quotes}
    assert quotes["He can’t answer a question without scaring people first."].speaker.name == "Esther Tapia"
    assert quotes["The most unqualified candidate to ever run for president."].speaker.name == "Francisco Herrero"
    turn = quotes["Gennifer Flowers will not be attending the debate tomorrow night."]
    assert (turn.type, turn.speaker.name, turn.cue.text) == ("direct", "Mike Pence", ":")
    assert quotes["Thank you, Governor."].speaker.name == "Chris Wallace"


def test_a_qa_interview_through_the_real_engine(attributor):
    text = (
        "Immigration debate hits home for actress Diane Guerrero.\n\n"
        "Actress Diane Guerrero has written a memoir. Guerrero was 14 when her parents were deported.\n\n"
        "Q: What did you find when you came home?\n\n"
        "A: My parents were gone, and a neighbor told me they had been taken away.\n\n"
        "I felt helpless.\n\n"
        "Q: Did anyone take care of you?\n\n"
        "A: No, no one did.\n"
    )
    quotes = attributor.run(text).quotes
    answers = [q for q in quotes if q.cue and q.cue.text == ":"]
    assert [(q.text, q.type, q.speaker.name) for q in answers] == [
        (
            "My parents were gone, and a neighbor told me they had been taken away.\n\nI felt helpless.",
            "direct",
            "Diane Guerrero",
        ),
        ("No, no one did.", "direct", "Diane Guerrero"),
    ]
    assert not any("What did you find" in q.text or "Did anyone" in q.text for q in quotes)
