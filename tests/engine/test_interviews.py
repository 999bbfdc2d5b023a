"""Q&A interviews: answers are the interviewee's quotes; questions delimit them and are not reported."""

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.document import Document
from quotes.interviews import find_turns, interviewee

INTERVIEW = (
    "Q&A with Vice President Joe Biden.\n\n"
    "Vice President Joe Biden spoke with reporter Jim Tankersley. Biden complained about the tone.\n\n"
    "Q: Are you surprised?\n\n"
    "A: I am surprised.\n\n"
    "Take a look at the last cycle.\n\n"
    "Q: Do you wish you were running?\n\n"
    "A: No, but I’m going to make my views known.\n\n"
    "This interview has been edited for length."
)


def turns(text):
    return [(t.question, text[t.start : t.end], text[t.colon[0] : t.colon[1]]) for t in find_turns(Document.read(text))]


def test_answers_run_to_the_next_label_and_the_last_ends_with_its_paragraph():
    assert turns(INTERVIEW) == [
        (True, "Are you surprised?", ":"),
        (False, "I am surprised.\n\nTake a look at the last cycle.", ":"),
        (True, "Do you wish you were running?", ":"),
        (False, "No, but I’m going to make my views known.", ":"),
    ]


def test_the_interviewee_is_the_name_the_introduction_repeats():
    start, end = interviewee(INTERVIEW, find_turns(Document.read(INTERVIEW)))
    assert INTERVIEW[start:end] == "Vice President Joe Biden"


def test_no_interviewee_when_no_name_recurs():
    text = "An interview.\n\nQ: Why?\n\nA: Because.\n\nQ: When?\n\nA: Now."
    assert interviewee(text, find_turns(Document.read(text))) is None


def test_one_answer_is_not_an_interview():
    assert find_turns(Document.read("Q: Why?\n\nA: Because.\n\nQ: When?")) == []
    assert find_turns(Document.read("A: plus B: equals C.\n\nA: again.")) == []


@given(
    st.lists(
        st.sampled_from(["Q: ", "A: ", "QUESTION: ", "\n\n", "Hi there. ", "Joe Biden ", ":", " "]), max_size=30
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_turns_are_ordered_and_slice_the_text(text):
    found = find_turns(Document.read(text))
    for t in found:
        assert t.colon[1] <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == text[t.start : t.end].strip()
    assert all(a.end <= b.colon[0] for a, b in zip(found, found[1:]))
    speaker = interviewee(text, found)
    assert speaker is None or (found and speaker[1] <= found[0].colon[0])
