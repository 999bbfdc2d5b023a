"""Quote bylines: a quotation signed with a dash and a name."""

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.bylines import find_bylines
from quotes.document import Document


def signed(text):
    found = find_bylines(text, Document.read(text).quotations)
    return {text[s:e]: (text[b.name[0] : b.name[1]], text[b.dash[0] : b.dash[1]]) for (s, e), b in found.items()}


def test_vox_pop_quotes_are_signed_by_the_name_after_the_dash():
    text = (
        "“He scares me. He really does.” ― Krystal Correa\n"
        "“The most unqualified child to ever run.”― Francisco Herrero\n"
        "“Maybe we can build a wall around him.” ― Julie A. Diaz Martinez.\n"
    )
    assert signed(text) == {
        "He scares me. He really does.": ("Krystal Correa", "―"),
        "The most unqualified child to ever run.": ("Francisco Herrero", "―"),
        "Maybe we can build a wall around him.": ("Julie A. Diaz Martinez", "―"),
    }


def test_a_description_after_the_name_is_not_part_of_it():
    text = "“We were never asked.” — Maria Lopez, 34, a nurse in Phoenix\n"
    assert signed(text) == {"We were never asked.": ("Maria Lopez", "—")}


def test_headline_style_byline_with_a_hyphen():
    text = "Job cuts 'false economy' - TUC\n\nPlans to shed 71,000 jobs were criticised."
    assert signed(text) == {"false economy": ("TUC", "-")}


def test_a_byline_on_the_next_line_counts():
    text = "“Ask not what your country can do for you.”\n— John F. Kennedy\n"
    assert signed(text) == {"Ask not what your country can do for you.": ("John F. Kennedy", "—")}


def test_a_sentence_that_goes_on_after_a_dash_is_no_byline():
    for text in [
        "“We will win” — Obama said in 2008 — and he did.",
        "He called it “a disgrace” — and then he left.",
        "“Yes,” she said — Smith nodded.",
        "“It is over” — the senator's words.",
    ]:
        assert signed(text) == {}, text


def test_unclosed_or_nested_quotations_are_not_signed():
    assert signed("“We were never asked ― Maria Lopez\n") == {}
    assert signed("“She told me ‘go home’ — John Smith said, smiling.”") == {}


@given(
    st.lists(st.sampled_from(list("“”\"' ―—–-\nAJKab.,:") + ["Smith", "Ana", "said", "de"]), max_size=40).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_bylines_follow_their_quotation_and_slice_the_text(text):
    quotations = Document.read(text).quotations
    for (start, end), b in find_bylines(text, quotations).items():
        q = next(q for q in quotations if (q.start, q.end) == (start, end))
        assert q.close_end <= b.dash[0] < b.dash[1] <= b.name[0] < b.name[1] <= len(text)
        assert text[b.name[0]].isupper() and "\n" not in text[b.name[0] : b.name[1]]
