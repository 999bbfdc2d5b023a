"""The stages one by one: typing and snapping content spans by the quotation marks around them, the
shared attribution clause, the layout conventions and the speaker mention's trimming."""

from dataclasses import replace

import pytest

from quotes.document import Document
from quotes.draft import CONVENTION, MODEL, Draft, DraftQuote, DraftSpan
from quotes.stages import conventions
from quotes.stages.asides import subjects_before_asides
from quotes.stages.quote_types import type_and_snap, typed
from quotes.stages.shared_clause import shared_clause


def find_quote_spans(text):
    return list(Document.read(text).quotations)


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


def test_a_span_does_not_start_with_the_previous_sentence_end():
    text = "Growth slowed, the bank said. Regional trade helped."
    start = text.index(". Regional")
    kind, s, e = type_and_snap(text, start, len(text) - 1, find_quote_spans(text))
    assert kind == "indirect" and text[s:e] == "Regional trade helped"


def test_a_quote_nested_in_a_quoted_excerpt_keeps_its_own_marks():
    text = '"The first time she saw him, “It never crossed my mind,” she said. Then she left.\n\nMore.'
    assert classify(text, "“It never crossed my mind,”") == ("direct", "It never crossed my mind,")


def test_a_scare_quote_inside_a_quoted_excerpt_is_mixed():
    text = '"She was hospitalized after what she called a “rant,” online. Then she left.\n\nMore.'
    assert classify(text, "what she called a “rant,”") == ("mixed", "what she called a “rant,”")


def test_a_part_of_a_long_quotation_is_reported_as_the_whole_quotation():
    text = "“We will win. We will win the House and the Senate and the courts,” he said."
    assert classify(text, "We will win.") == (
        "direct",
        "We will win. We will win the House and the Senate and the courts,",
    )


def _draft(text, content, source, kind="direct"):
    s = text.index(content)
    src = text.index(source)
    return DraftQuote(
        s,
        s + len(content),
        DraftSpan(s, s + len(content), 0.9, MODEL),
        DraftSpan(src, src + len(source), 0.8, MODEL),
        None,
        0.8,
        0.5,
        type=kind,
    )


def _with_cue(text, draft, cue):
    c = text.index(cue)
    return replace(draft, cue=DraftSpan(c, c + len(cue), 0.9, MODEL))


def _run(stage, text, quotes):
    return list(stage(Draft(Document.read(text), tuple(quotes))).quotes)


def _cues(text, drafts):
    return [text[d.cue.start : d.cue.end] for d in drafts]


def _source(text, d):
    return d.source and text[d.source.start : d.source.end]


def test_a_content_over_whole_quotations_one_after_another_is_one_direct_quote_each():
    # a quote's paragraphs run together on one line: the marks reopen, so each is a quotation of its own
    text = 'Ana Ruiz said: "We tried hard. "We failed. "We will try again." Then she left.'
    run = '"We tried hard. "We failed. "We will try again."'
    quotes = _run(typed, text, [_draft(text, run, "Ana Ruiz")])
    assert [(q.type, text[q.start : q.end], _source(text, q)) for q in quotes] == [
        ("direct", "We tried hard.", "Ana Ruiz"),
        ("direct", "We failed.", "Ana Ruiz"),
        ("direct", "We will try again.", "Ana Ruiz"),
    ]


def test_a_content_with_words_between_its_quotations_is_not_split():
    text = 'She said "we tried" and then "we failed" in one breath.'
    content = '"we tried" and then "we failed"'
    quotes = _run(typed, text, [_draft(text, content, "She")])
    assert [(q.type, text[q.start : q.end]) for q in quotes] == [("mixed", content)]


def test_a_quote_after_its_attribution_clause_shares_that_clause():
    text = "“We won,” said Rep. Elijah Cummings in a statement. “They lost.”"
    a = _with_cue(text, _draft(text, "We won,", "Rep. Elijah Cummings"), "said")
    b = _with_cue(text, _draft(text, "They lost.", "Rep. Elijah Cummings"), "a statement")
    assert _cues(text, _run(shared_clause, text, [a, b])) == ["said", "said"]


@pytest.mark.parametrize(
    "text, second_cue",
    [
        ("“We won,” Cummings said, adding later: “They lost.”", "adding later"),  # a verb of its own
        ("“We won,” Cummings said. He then read a note: “They lost.”", "read"),  # a sentence of its own
        ("“We won,” Cummings said.\n“They lost,” he read.", "read"),  # another paragraph
    ],
)
def test_a_second_quote_with_an_attribution_of_its_own_keeps_it(text, second_cue):
    a = _with_cue(text, _draft(text, "We won,", "Cummings"), "said")
    b = _with_cue(text, _draft(text, "They lost", "Cummings"), second_cue)
    assert _cues(text, _run(shared_clause, text, [a, b])) == ["said", second_cue]


@pytest.mark.parametrize(
    "text, second_source, expected",
    [
        ("“We stay open,” Jo Bell told reporters. “The town needs us.”", "reporters", "Jo Bell"),  # the listener
        ("“We stay open,” Jo Bell told reporters. “The town needs us,” Sam Cole said.", "Sam Cole", "Sam Cole"),
    ],
)
def test_a_second_quote_given_the_listener_of_the_first_takes_its_speaker(text, second_source, expected):
    a = _with_cue(text, _draft(text, "We stay open,", "Jo Bell"), "told")
    b = _with_cue(text, _draft(text, "The town needs us", second_source), "told")
    assert _source(text, _run(shared_clause, text, [a, b])[1]) == expected


def test_a_signed_quote_takes_its_byline_as_speaker_and_unreported_signed_quotes_are_added():
    from quotes import bylines

    text = "“Fear. I am afraid.” ― Edwin Monroy\n“He is clueless.” ― Stephanie Egan\n"
    wrong = _draft(text, "He is clueless.", "Edwin Monroy")  # the model linked the previous byline
    drafts = _run(conventions.bylines, text, [wrong])
    got = [(text[d.start : d.end], _source(text, d), text[d.cue.start : d.cue.end]) for d in drafts]
    assert got == [("Fear. I am afraid.", "Edwin Monroy", "―"), ("He is clueless.", "Stephanie Egan", "―")]
    # the model's own content probability is kept, and said to be the model's; the rest is the convention's
    assert (drafts[1].content.probability, drafts[1].content.provenance) == (0.9, MODEL)
    assert (drafts[0].content.provenance, drafts[1].source.provenance, drafts[1].cue.provenance) == (CONVENTION,) * 3
    assert drafts[0].confidence == drafts[1].confidence == bylines.PROBABILITY  # the convention's precision


def test_transcript_turns_replace_a_block_the_model_reported_whole():
    text = '"WALLACE: Will she be there?\n\n"PENCE: She will not. I “can’t wait” to see it.\n\n"WALLACE: Thank you.'
    block = _draft(text, text[1:], "PENCE")
    inner = _draft(text, "can’t wait", "PENCE", kind="mixed")
    drafts = _run(conventions.transcripts, text, [block, inner])
    got = [(text[d.start : d.end], _source(text, d)) for d in drafts]
    assert got == [
        ("Will she be there?", "WALLACE"),
        ("She will not. I “can’t wait” to see it.", "PENCE"),
        ("can’t wait", "PENCE"),
        ("Thank you.", "WALLACE"),
    ]


def test_interview_answers_are_the_interviewees_and_questions_are_not_reported():
    text = "Q&A with Joe Biden. Biden spoke.\n\nQ: Are you surprised?\n\nA: I am. They think I am not.\n\nQ: Why?\n\nA: No."
    block = _draft(text, text[text.index("Are you") :], "Biden")  # the model saw one long block
    inner = _draft(text, "I am not", "They", kind="indirect")  # a short attribution inside an answer stays
    drafts = _run(conventions.interviews, text, [block, inner])
    got = [(text[d.start : d.end], _source(text, d), d.unmarked) for d in drafts]
    assert got == [
        ("I am. They think I am not.", "Joe Biden", True),
        ("I am not", "They", False),
        ("No.", "Joe Biden", True),
    ]


def _with_source(text, draft, source, cue):
    s, c = text.index(source), text.index(cue)
    return replace(draft, source=DraftSpan(s, s + len(source), 0.8, MODEL), cue=DraftSpan(c, c + len(cue), 0.9, MODEL))


@pytest.mark.parametrize(
    "text, picked, subject",
    [
        (
            "Ned Vale, who coached the side for a decade, said the club had lost its way.",
            "a decade,",
            "Ned Vale",
        ),
        (
            "Flood season began. The agency, which was founded in 1998, said levels would rise.",
            ",",
            "The agency",
        ),
        (
            "In Harlow, a shop owner, whose window was broken twice, said nobody came to help.",
            "window",
            "a shop owner",
        ),
        (
            "Judge Ama Boateng, in her summing up, said the case turned on one email.",
            "her summing up",
            "Judge Ama Boateng",
        ),
    ],
)
def test_a_source_inside_an_aside_before_its_verb_moves_to_the_subject(text, picked, subject):
    content = text[text.index("said ") + 5 : -1]
    draft = _with_source(text, _draft(text, content, picked, kind="indirect"), picked, "said")
    if picked == ",":  # the comma that closes the aside, not the first one in the text
        c = text.index(", said")
        draft = replace(draft, source=DraftSpan(c, c + 1, 0.8, MODEL))
    (q,) = _run(subjects_before_asides, text, [draft])
    assert _source(text, q) == subject


@pytest.mark.parametrize(
    "text, picked",
    [
        ("Ned Vale, the coach, said the club had lost its way.", "the coach,"),  # an apposition is the speaker
        ("Ned Vale, who led the club, wrote to members and said it had lost its way.", "the club"),  # not at the cue
        ('Ned Vale, who called it "a mess", said the club had lost its way.', "a mess"),  # a quotation inside
    ],
)
def test_a_source_not_inside_a_plain_aside_is_left_alone(text, picked):
    content = text[text.rindex("said ") + 5 : -1]
    draft = _with_source(text, _draft(text, content, picked, kind="indirect"), picked, "said")
    (q,) = _run(subjects_before_asides, text, [draft])
    assert _source(text, q) == picked


@pytest.mark.parametrize(
    "text, picked, subject",
    [
        ("The plan, says Harbour Rail, is to run trains every ten minutes.", "The", "Harbour Rail"),
        ("Fares on most routes, said the regulator, would rise by 3% at most.", "Fares", "the regulator"),
    ],
)
def test_a_source_before_a_cue_set_off_as_an_aside_moves_to_the_subject_after_the_verb(text, picked, subject):
    verb = "says" if "says" in text else "said"
    content = text[text.index(picked) :]
    draft = _with_source(text, _draft(text, content, picked, kind="indirect"), picked, verb)
    (q,) = _run(subjects_before_asides, text, [draft])
    assert _source(text, q) == subject


@pytest.mark.parametrize(
    "text, picked",
    [
        ("Ana Ruiz, said the plan would fail, the report noted.", "Ana Ruiz"),  # a stray comma, not an inversion
        ("The bank, said more than 40 people, had closed.", "The bank"),  # no subject after the verb
        ("The plan, says Ana Ruiz of the Harbour Rail board, is bold.", "The plan"),  # too long to be one
        ("The plan is bold, Ana Ruiz said, adding the city, for now, would wait.", "Ana Ruiz"),  # a participle
    ],
)
def test_a_cue_after_a_comma_without_an_inverted_subject_keeps_the_source(text, picked):
    verb = "adding" if "adding" in text else "says" if "says" in text else "said"
    draft = _with_source(text, _draft(text, text[:-1], picked, kind="indirect"), picked, verb)
    (q,) = _run(subjects_before_asides, text, [draft])
    assert _source(text, q) == picked


@pytest.mark.parametrize(
    "text, picked",
    [
        ("Parents in a Fenland town have vowed to keep the library open.", "in a Fenland town"),
        ("Reports in the Harbour Gazette suggested that the mill would close.", "Harbour Gazette"),
        ("Critics of the toll road said it would cost too much.", "of the toll road"),
    ],
)
def test_a_source_cut_after_the_head_noun_opening_the_sentence_takes_the_head(text, picked):
    verb = next(v for v in ("have vowed", "suggested", "said") if v in text)
    draft = _with_source(
        text, _draft(text, text[text.index(verb) + len(verb) + 1 : -1], picked, "indirect"), picked, verb
    )
    (q,) = _run(subjects_before_asides, text, [draft])
    assert _source(text, q) == text[: text.index(picked) + len(picked)]


@pytest.mark.parametrize(
    "text, picked",
    [
        ("We in the union said that the mill would close.", "union"),  # a pronoun subject: no head to complete
        ("A lesson from Ana Ruiz: the mill would close.", "Ana Ruiz"),  # "from" opens no subject's phrase
        ("Ana Ruiz said in a note to staff that the mill would close.", "staff"),  # after the verb
    ],
)
def test_a_source_after_a_preposition_that_is_not_a_subjects_keeps_its_span(text, picked):
    verb = "said" if "said" in text else ":"
    draft = _with_source(text, _draft(text, "the mill would close", picked, "indirect"), picked, verb)
    (q,) = _run(subjects_before_asides, text, [draft])
    assert _source(text, q) == picked


@pytest.mark.parametrize(
    "text, pos_word, start_word",
    [
        ("He left. Jo Bell, who ran it, said so.", "who", "Jo"),
        ("“We left.” Jo Bell, who ran it, said so.", "who", "Jo"),  # the closing mark goes with the sentence
        ("It ended (for now.) Jo Bell said so.", "Bell", "Jo"),
        ("First line.\nJo Bell, who ran it, said so.", "who", "Jo"),  # a paragraph starts a sentence
        ("Jo Bell, who ran it, said so.", "said", "Jo"),
    ],
)
def test_a_sentence_starts_after_its_end_mark_closers_and_space(text, pos_word, start_word):
    document = Document.read(text)
    assert document.sentence_start(text.index(pos_word)) == text.index(start_word)
