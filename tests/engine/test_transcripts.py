"""Interview transcripts: labelled turns are quotes by the labelled speaker."""

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.document import Document
from quotes.transcripts import find_turns

BLOCK = (
    "Pence spoke to Fox News Sunday.\n\n"
    '"WALLACE: Will Gennifer Flowers be there?\n\n'
    '"PENCE: Gennifer Flowers will not be attending the debate.\n\n'
    '"But the truth is that Donald Trump has a unique way of communicating.\n\n'
    '"(CROSSTALK.)\n\n'
    '"WALLACE: Governor, I don’t want to interrupt.\n\n'
    "Follow the show on Twitter."
)


def turns(text):
    return [
        (text[t.label[0] : t.label[1]], text[t.start : t.end], text[t.colon[0] : t.colon[1]])
        for t in find_turns(Document.read(text))
    ]


def test_each_turn_is_attributed_to_its_label():
    assert turns(BLOCK) == [
        ("WALLACE", "Will Gennifer Flowers be there?", ":"),
        (
            "PENCE",
            'Gennifer Flowers will not be attending the debate.\n\n"But the truth is that Donald Trump has a unique way of communicating.',
            ":",
        ),
        ("WALLACE", "Governor, I don’t want to interrupt.", ":"),
    ]


def test_a_turn_without_block_marks_ends_with_its_paragraph():
    text = "KATE BOULDUAN: Why not debate?\n\nJOEL BENENSON: Not now.\n\nThe campaign said more.\n\nBOULDUAN: Why?"
    assert turns(text) == [
        ("KATE BOULDUAN", "Why not debate?", ":"),
        ("JOEL BENENSON", "Not now.", ":"),
        ("BOULDUAN", "Why?", ":"),
    ]


def test_newsroom_labels_are_not_speakers():
    text = (
        "UPDATE: The vote was delayed.\n\nCORRECTION: An earlier version misspelled a name.\n\n"
        "VIDEO: Watch it here.\n\nREAD MORE: Other stories.\n\nEDITOR’S NOTE: Updated."
    )
    assert turns(text) == []


def test_one_speaker_is_not_a_transcript():
    text = "SMITH: One.\n\nSMITH: Two.\n\nSMITH: Three."
    assert turns(text) == []


def test_two_labelled_paragraphs_are_not_enough():
    text = "BREAKING NEWS: Storm nears.\n\nWEATHER DESK: Expect rain."
    assert turns(text) == []


@given(
    st.lists(
        st.sampled_from(["AB: ", "PENCE: ", '"', "(X.)", "\n\n", "Hi there. ", "UPDATE: ", ":", " "]), max_size=30
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_turns_are_ordered_and_slice_the_text(text):
    previous_end = 0
    for t in find_turns(Document.read(text)):
        assert previous_end <= t.label[0] < t.label[1] <= t.colon[0] < t.colon[1] <= t.start < t.end <= len(text)
        assert text[t.colon[0] : t.colon[1]] == ":" and text[t.start : t.end].strip() == text[t.start : t.end]
        previous_end = t.end
