"""A span in an answer is a non-empty slice of the text or None (issue 9, defect 9: a speaker mention
came back as {"text": "", "start": n, "end": n}); checked on the stage that builds mentions and, as a
property, on generated news-like articles run through the whole engine."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.draft import MODEL, Draft, DraftQuote, DraftSpan
from quotes.speakers import SpeakerResolver
from quotes.stages.speakers import Speakers


def test_a_source_of_separators_only_gives_no_mention():
    text = "Taxes will rise , , said on Monday."
    source = text.index(", ,")
    content, separators = DraftSpan(0, 15, 0.9, MODEL), DraftSpan(source, source + 3, 0.6, MODEL)
    quote = DraftQuote(0, 15, content, separators, None, 0.6, 0.5, type="indirect")
    (speaker,) = (q.speaker for q in Speakers(SpeakerResolver.load())(Draft.of(text).with_quotes([quote])).quotes)
    assert speaker.mention is None


NAMES = ["Mark Milley", "Lloyd Austin", "Karen Bobadilla", "the senator", "a spokeswoman for the agency", "He", "she"]
VERBS = ["said", "told reporters", "added", "wrote in a statement", "warned"]
WORDS = "the talks had failed and nobody would say why it was over again , ; — ( ) 's".split()
OPEN_CLOSE = [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("''", "''"), ("„", "“"), ("“", "")]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)


@st.composite
def sentences(draw) -> str:
    who, verb, said = draw(st.sampled_from(NAMES)), draw(st.sampled_from(VERBS)), draw(words)
    opening, closing = draw(st.sampled_from(OPEN_CLOSE))
    forms = [
        f"{opening}{said.capitalize()},{closing} {who} {verb}.",
        f"{who.capitalize()} {verb} that {said}.",
        f"{who.capitalize()} {verb}: {opening}{said}.{closing}",
        f"{opening}{said}{closing} — {who}",
        f"{who.upper().split()[-1]}: {said}.",
        f", , {verb} {said} , ,",
    ]
    return draw(st.sampled_from(forms))


articles = st.lists(st.lists(sentences(), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6).map(
    "\n\n".join
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_every_span_of_an_answer_is_a_non_empty_slice(attributor, text):
    result = attributor.run(text)
    spans = [s for q in result.quotes for s in (q, q.cue, q.speaker.mention) if s is not None]
    spans += [m for e in result.entities for m in e.mentions]
    for span in spans:
        assert 0 <= span.start < span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span
