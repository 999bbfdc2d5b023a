"""Quotation-mark spans as the Document reads them: mark styles, nesting, multi-paragraph quotes,
apostrophes, garbled marks; the Document's in_quote."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.document import Document
from quotes.marks import QuotationIndex, QuoteSpan

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FOUNDING = "000_104702930f359336"


def find_quote_spans(text: str) -> list[QuoteSpan]:
    return list(Document.read(text).quotations)


def enclosing(spans: list[QuoteSpan], start: int, end: int) -> list[QuoteSpan]:
    """The quotations whose marks enclose [start, end): such content is a direct quote."""
    return [s for s in spans if s.open_start <= start and end <= s.close_end]


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


def only_span(text: str) -> QuoteSpan:
    spans = find_quote_spans(text)
    assert len(spans) == 1, spans
    return spans[0]


# --- mark styles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ('She said "we will win" today.', "we will win"),
        ("She said “we will win” today.", "we will win"),
        ("She said ‘we will win’ today.", "we will win"),
        ("He said 'we will win' today", "we will win"),
        ("Il a dit « nous allons gagner » hier.", "nous allons gagner"),
        ("Il a dit «\u00a0nous allons gagner\u00a0» hier.", "nous allons gagner"),
        ("Han sagde »vi vinder« i dag.", "vi vinder"),
        ("Er sagte „wir gewinnen“ heute.", "wir gewinnen"),
        ("Er sagte ‚wir gewinnen‘ heute.", "wir gewinnen"),
        ("Han sa ”vi vinner” idag.", "vi vinner"),
        ("彼は「勝つ」と言った。", "勝つ"),
        ("彼は『勝つ』と言った。", "勝つ"),
        ("He said ''we will win'' today.", "we will win"),  # the NYT archive's double quote
        ("He said ‘‘we will win’’ today.", "we will win"),  # two curly singles for a double quote
    ],
)
def test_each_mark_style_gives_one_closed_span(text, words):
    span = only_span(text)
    assert text[span.start : span.end] == words
    assert span.closed and span.depth == 0
    assert span.open_start < span.start and span.end < span.close_end


def test_triple_straight_single_quote_closes_inner_then_outer():
    text = "''She told me 'no,''' he said."
    spans = find_quote_spans(text)
    assert [(text[s.start : s.end], s.depth) for s in spans] == [("She told me 'no,'", 0), ("no,", 1)]
    assert spans[0].close_end == text.index(" he")


def test_quote_may_start_with_punctuation_that_is_not_a_word_end():
    assert quoted('".@Jane is right," he wrote.') == [".@Jane is right,"]
    assert quoted("“...and then we left,” he said.") == ["...and then we left,"]


def test_offsets_point_at_the_marks():
    text = "He said “yes” twice."
    span = only_span(text)
    assert text[span.open_start] == "“" and text[span.close_end - 1] == "”"
    assert (span.start, span.end) == (span.open_start + 1, span.close_end - 1)


def test_two_char_marks_are_two_chars_wide():
    text = "He said ''yes'' twice."
    span = only_span(text)
    assert text[span.open_start : span.start] == "''" and text[span.end : span.close_end] == "''"
    assert (span.open_start, span.close_end) == (8, 15)


def test_inner_whitespace_is_trimmed():
    text = "He said “  we will win  ” today."
    span = only_span(text)
    assert text[span.start : span.end] == "we will win"


def test_several_quotes_sorted_by_start():
    text = "“One,” he said. “Two,” she said. And “three.”"
    assert quoted(text) == ["One,", "Two,", "three."]


def test_mixed_straight_and_curly_marks_pair():
    assert quoted('"We will win,” she said. “We always do."') == ["We will win,", "We always do."]


# --- nesting -----------------------------------------------------------------------------------


def test_nested_quote_has_depth_one():
    text = "“He told me ‘no way’ twice,” she said."
    outer, inner = find_quote_spans(text)
    assert text[outer.start : outer.end] == "He told me ‘no way’ twice,"
    assert text[inner.start : inner.end] == "no way"
    assert (outer.depth, inner.depth) == (0, 1)


def test_nested_straight_quotes():
    text = "\"He told me 'no way' twice,\" she said."
    assert [(text[s.start : s.end], s.depth) for s in find_quote_spans(text)] == [
        ("He told me 'no way' twice,", 0),
        ("no way", 1),
    ]


def test_inner_quote_at_start_sorts_after_outer():
    text = "“‘No,’ he told me,” she said."
    outer, inner = find_quote_spans(text)
    assert (outer.depth, inner.depth) == (0, 1)
    assert outer.open_start < inner.open_start


def test_same_mark_nested_when_the_paragraph_closes_both():
    text = "“I’d rather live in what he calls “hell” than live with him.” ― Adriana Rodarte"
    assert [(text[s.start : s.end], s.depth) for s in find_quote_spans(text)] == [
        ("I’d rather live in what he calls “hell” than live with him.", 0),
        ("hell", 1),
    ]


def test_same_mark_reopened_when_the_first_is_never_closed():
    text = "He said “we will win. “Nobody doubts it,” she added."
    assert [(text[s.start : s.end], s.closed) for s in find_quote_spans(text)] == [
        ("we will win.", False),
        ("Nobody doubts it,", True),
    ]


def test_markup_attribute_values_are_not_quotes():
    text = '<tweet id="76816" author="@AP" date="2016-08-23">Trump said “we will win.”</tweet>'
    assert quoted(text) == ["we will win."]


def test_inner_mark_never_closed_is_dropped():
    text = "“He told me ‘no way, twice,” she said."
    assert quoted(text) == ["He told me ‘no way, twice,"]


# --- quotes over several paragraphs ------------------------------------------------------------


@pytest.mark.parametrize("gap", ["\n\n", "\n", "\n \n\n"])
def test_quote_over_two_paragraphs_is_one_span(gap):
    text = f"She said: “We will win this year.{gap}“And we will win next year,” she added."
    span = only_span(text)
    assert span.closed
    assert text[span.open_start] == "“" and text.index("“") == span.open_start
    assert text[span.start : span.end].endswith("next year,")
    assert span.close_end == text.index("”") + 1


def test_quote_over_three_paragraphs_is_one_span():
    text = "“One.\n\n“Two.\n\n“Three,” he said."
    span = only_span(text)
    assert (span.open_start, span.close_end) == (0, text.index("”") + 1)


def test_straight_quotes_over_paragraphs():
    text = 'He said: "We will win.\n\n"We always do," he added.'
    span = only_span(text)
    assert span.closed and text[span.start : span.end] == 'We will win.\n\n"We always do,'


def test_straight_mark_opening_words_after_a_sentence_end_starts_a_new_quote():
    # Paragraphs run together (a lost line break): each reopening mark starts a quote, the one before stays open.
    text = 'He said: "We will win. "We always do. "And we will again," he added.'
    assert [(text[s.start : s.end], s.closed) for s in find_quote_spans(text)] == [
        ("We will win.", False),
        ("We always do.", False),
        ("And we will again,", True),
    ]


def test_spaced_straight_closer_without_a_closer_after_it_still_closes():
    text = 'He said: "It is over. "Smith left the room.'
    assert [(text[s.start : s.end], s.closed) for s in find_quote_spans(text)] == [("It is over.", True)]


def test_spaced_straight_mark_inside_a_sentence_is_not_a_lost_break():
    text = 'He said: "the so-called "experts" are wrong," and left.'
    assert quoted(text)[0] == "the so-called"


def test_curly_paragraph_after_a_straight_excerpt_closed_by_its_own_mark_is_a_new_quote():
    text = 'She reports:\n\n"She called it a “rant.”\n\n“I am fine,” she said, and left."\n\nThe end.'
    assert [(text[s.start : s.end], s.depth, s.closed) for s in find_quote_spans(text)] == [
        ("She called it a “rant.”", 0, False),
        ("rant.", 1, True),
        ("I am fine,", 0, True),
    ]


def test_curly_paragraph_after_a_straight_quote_without_its_own_closer_goes_on():
    text = 'He said: "We will win.\n\n“We always do," he added.'
    span = only_span(text)
    assert span.closed and text[span.start : span.end] == "We will win.\n\n“We always do,"


def test_next_paragraph_without_opening_mark_ends_the_quote():
    text = "He added, “the task is hard.\n\nThe talks went on."
    span = only_span(text)
    assert not span.closed
    assert text[span.start : span.end] == "the task is hard."


# --- unclosed quotes ---------------------------------------------------------------------------


def test_unclosed_quote_ends_at_its_paragraph_not_the_article():
    text = "And, he added, “the task is hard. And that won’t happen.\n\nLeave a Comment\n\nYour email"
    span = only_span(text)
    assert not span.closed
    assert text[span.start : span.end] == "the task is hard. And that won’t happen."
    assert span.close_end == span.end


def test_stray_straight_quote_opens_an_unclosed_span():
    text = 'She said "we will win. Nobody doubted her.\n\nThe next day came.'
    span = only_span(text)
    assert not span.closed and text[span.start : span.end] == "we will win. Nobody doubted her."


def test_stray_closing_straight_quote_at_paragraph_end_is_ignored():
    assert find_quote_spans('We will win, she said."\n\nThe next day came.') == []


def test_repeated_opening_mark_ends_the_previous_quote():
    text = "“We will win, she said. “We always do.”"
    first, second = find_quote_spans(text)
    assert not first.closed and text[first.start : first.end] == "We will win, she said."
    assert second.closed and text[second.start : second.end] == "We always do."


# --- garbled marks -----------------------------------------------------------------------------


def test_reversed_marks_mid_paragraph_make_no_long_span():
    text = "He phoned without ” hit “.\n\nThe next paragraph.\n\n“A real quote,” she said."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] in (["A real quote,"], ["hit", "A real quote,"])
    boundary = text.index("\n\n")
    assert all(s.close_end <= boundary or s.open_start > boundary for s in spans)


def test_closing_mark_with_nothing_open_is_not_a_quote():
    assert find_quote_spans("The end of it” and more words.") == []


# --- apostrophes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We don’t know.",
        "Russia’s army.",
        "Music of the ’90s was loud.",
        "Music of the '90s was loud.",
        "He loves rock ’n’ roll and more.",
        "He loves rock 'n' roll and more.",
        "Wait 'til tomorrow.",
        "Wait ‘til tomorrow.",
        "The students' votes counted.",
        "The students’ votes counted.",
        "It's late and it’s dark.",
        "Mr. O’Brien and Ms. O'Neil.",
        "The U.S.'s position.",
        "Tell 'em to go.",
        "We were rockin’ all night.",
    ],
)
def test_apostrophes_are_not_quotes(text):
    assert find_quote_spans(text) == []


@pytest.mark.parametrize(
    "text, words",
    [
        ("‘The students’ votes count,’ she said.", "The students’ votes count,"),
        ("'The students' votes count,' she said.", "The students' votes count,"),
        ("‘I love rock ’n’ roll,’ he said.", "I love rock ’n’ roll,"),
        ("‘We don’t know,’ he said.", "We don’t know,"),
        ("‘We were rockin’ all night,’ he said.", "We were rockin’ all night,"),
        ("He called them ‘the boys’ and left.", "the boys"),
        ("“Wait ’til the ’90s,” he said.", "Wait ’til the ’90s,"),
    ],
)
def test_apostrophes_inside_quotes(text, words):
    assert quoted(text) == [words]


def test_sibling_single_quotes_both_close():
    assert quoted("It was ‘yes’ and then ‘no’ again.") == ["yes", "no"]


def test_unclosed_straight_single_quote_is_an_apostrophe():
    assert find_quote_spans("Back in 'Nam we had nothing.\n\nNext.") == []


# --- straight double quotes --------------------------------------------------------------------


def test_straight_quotes_pair_by_alternation():
    text = '"One," he said. "Two," she said. "Three."'
    assert quoted(text) == ["One,", "Two,", "Three."]
    assert all(s.closed for s in find_quote_spans(text))


def test_inch_mark_is_not_a_quote():
    assert find_quote_spans('They laid a 6" pipe under the road.') == []
    assert quoted('They laid a 6" pipe. "It leaks," he said.') == ["It leaks,"]


@pytest.mark.parametrize("height", ["6’2”", "6'2\"", "5′11″", "6’2.5”"])
def test_a_height_inside_a_quote_does_not_close_it(height):
    text = f"“He is {height} and fast,” the coach said. “Very fast.”"
    assert quoted(text) == [f"He is {height} and fast,", "Very fast."]


# --- helpers -----------------------------------------------------------------------------------


def test_garbled_marks_after_a_quote_open_nothing():
    text = "“Don’t,” he said without ” hit “."
    assert [(s.open_start, s.close_end) for s in find_quote_spans(text)] == [(0, 8)]


def test_in_quote_is_true_inside_the_marks_and_false_outside():
    text = "“He told me ‘no way’ twice,” she said."
    document = Document.read(text)
    outer = document.quotations[0]
    assert all(document.in_quote(p) for p in range(outer.open_start, outer.close_end))  # marks included
    assert not any(document.in_quote(p) for p in range(outer.close_end, len(text)))


def test_enclosing_marks_tell_direct_from_mixed():
    text = "He said it could become “a window” for talks. “It is a window,” he said."
    spans = find_quote_spans(text)
    mixed = "it could become “a window” for talks"
    assert not enclosing(spans, text.index(mixed), text.index(mixed) + len(mixed))
    direct = "It is a window,"
    assert enclosing(spans, text.index(direct), text.index(direct) + len(direct))


# --- the founding article ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def founding():
    text = (SEEDS / f"{FOUNDING}.txt").read_text(encoding="utf-8")
    expected = json.loads((SEEDS / f"{FOUNDING}.expected.json").read_text(encoding="utf-8"))
    return text, expected["quotes"], find_quote_spans(text)


def test_founding_direct_quotes_are_exactly_the_quoted_words(founding):
    text, quotes, spans = founding
    direct = [q for q in quotes if q["type"] == "direct"]
    assert direct
    for q in direct:
        outer = min(enclosing(spans, q["start"], q["end"]), key=lambda s: s.depth)
        assert (outer.start, outer.end) == (q["start"], q["end"]), q["id"]


def test_founding_mixed_quotes_contain_a_quoted_fragment(founding):
    text, quotes, spans = founding
    for q in (q for q in quotes if q["type"] == "mixed"):
        assert not enclosing(spans, q["start"], q["end"]), q["id"]
        assert any(q["start"] <= s.open_start and s.close_end <= q["end"] for s in spans), q["id"]


def test_founding_garbled_marks_and_unclosed_last_quote(founding):
    text, quotes, spans = founding
    garbled = text.index("” hit “")
    paragraph_end = text.index("\n", garbled)
    assert not any(s.open_start < paragraph_end < s.close_end for s in spans)
    assert not any(garbled in (s.open_start, s.close_end - 1) for s in spans)
    last = spans[-1]
    assert not last.closed and last.end < text.index("Leave a Comment")
    assert text[last.start : last.end].endswith("which is unlikely.")


def test_founding_indirect_quotes_are_not_inside_marks(founding):
    text, quotes, spans = founding
    for q in (q for q in quotes if q["type"] == "indirect"):
        assert not enclosing(spans, q["start"], q["end"]), q["id"]


# --- properties --------------------------------------------------------------------------------

MARKS_AND_WORDS = list("\"'“”‘’„‚«»‹›「」『』") + list("ab sT.,0\n\u00a0")
MARKY_TEXT = st.text(alphabet=st.sampled_from(MARKS_AND_WORDS), max_size=200)


def check_invariants(text: str) -> None:
    spans = find_quote_spans(text)
    for s in spans:
        assert 0 <= s.open_start <= s.start <= s.end <= s.close_end <= len(text)
        assert s.closed or s.close_end == s.end
        assert s.depth >= 0
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    by_depth: dict[int, list[QuoteSpan]] = {}
    for s in spans:
        by_depth.setdefault(s.depth, []).append(s)
    for same in by_depth.values():
        same.sort(key=lambda s: s.open_start)
        assert all(a.close_end <= b.open_start for a, b in zip(same, same[1:]))


@settings(max_examples=400)
@given(MARKY_TEXT)
def test_invariants_hold_on_mark_heavy_text(text):
    check_invariants(text)


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_invariants_hold_on_any_text(text):
    check_invariants(text)


@given(MARKY_TEXT)
def test_in_quote_agrees_with_the_quotations(text):
    document = Document.read(text)
    for pos in range(len(text) + 1):
        assert document.in_quote(pos) == any(s.open_start <= pos < s.close_end for s in document.quotations)


@given(MARKY_TEXT, st.integers(0, 200), st.integers(0, 200))
def test_quotation_index_finds_exactly_the_spans_that_touch(text, a, b):
    spans = find_quote_spans(text)
    start, end = min(a, b), max(a, b)
    touching = {s for s in spans if s.open_start < end and s.close_end > start}
    assert set(QuotationIndex(spans).touching(start, end)) == touching


def test_a_nested_quotation_whose_outer_quote_was_dropped_is_still_found_by_the_index():
    text = "'‘0’"  # the straight single mark is never closed, so only the inner quotation is kept
    spans = find_quote_spans(text)
    assert [(s.open_start, s.depth) for s in spans] == [(1, 1)]
    assert QuotationIndex(spans).touching(2, 3) == spans
    assert Document.read(text).in_quote(2)
