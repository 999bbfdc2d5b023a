"""Typing and snapping content spans by the quotation marks around them."""
from service.engine.pipeline import type_and_snap
from service.engine.quotes import find_quote_spans


def classify(text, content):
    start = text.index(content)
    kind, s, e = type_and_snap(text, start, start + len(content), find_quote_spans(text))
    return kind, text[s:e]


def test_direct_quote_snaps_to_the_words_inside_the_marks():
    text = "“We will win,” he said."
    assert classify(text, "“We will win,”") == ("direct", "We will win,")
    assert classify(text, "We will win") == ("direct", "We will win,")


def test_mixed_quote_keeps_the_whole_reported_content():
    text = "He said it could become “a window” for talks."
    assert classify(text, "it could become “a window” for talks") == ("mixed", "it could become “a window” for talks")


def test_indirect_speech_is_trimmed():
    text = "Milley said it was unlikely, officials said."
    assert classify(text, " it was unlikely,") == ("indirect", "it was unlikely")


def test_unclosed_last_quote_is_direct_to_the_end_of_its_paragraph():
    text = "And, he added, “the task is hard. It won’t happen soon.\n\nLeave a Comment"
    kind, snapped = classify(text, "“the task is hard. It won’t happen soon.")
    assert kind == "direct" and snapped == "the task is hard. It won’t happen soon."


def test_mentions_lose_their_apposition_but_lists_stay_whole():
    from service.engine.pipeline import trim_mention

    for text, expected in [
        ("said Austin, who was also present at the briefing", "Austin"),
        ("John Tierney, executive director of the Center", "John Tierney"),
        ("Smith, Jones and Brown", "Smith, Jones and Brown"),
        ("the senator", "the senator"),
    ]:
        start = 5 if text.startswith("said ") else 0
        s, e = trim_mention(text, start, len(text))
        assert text[s:e] == expected


def test_a_span_does_not_start_with_the_previous_sentence_end():
    text = "Growth slowed, the bank said. Regional trade helped."
    start = text.index(". Regional")
    kind, s, e = type_and_snap(text, start, len(text) - 1, find_quote_spans(text))
    assert kind == "indirect" and text[s:e] == "Regional trade helped"
