"""Text in Unicode's decomposed form (NFD: "é" written as "e" + a combining accent) gets the same speakers as
the composed form: an accent does not split a name, so "Martínez" still reaches "José Martínez"."""

import unicodedata

import pytest

from quotes.document import Document
from quotes.speakers import AttributionMentions, SpeakerResolver
from quotes.types import Span

TEXT = (
    '"We will not give up," said José Martínez, the mayor of Cádiz. Martínez added that the port would reopen. '
    '"It is over," said Zoë Brontë-Smith. Ms Brontë-Smith said she was glad.'
)
ATTRIBUTIONS = [
    ("We will not give up", "José Martínez"),
    ("the port would reopen", "Martínez"),
    ("It is over", "Zoë Brontë-Smith"),
    ("she was glad", "Ms Brontë-Smith"),
]


def _resolved(form: str):
    text = unicodedata.normalize(form, TEXT)

    def span(words: str) -> tuple[int, int]:
        words = unicodedata.normalize(form, words)
        return text.index(words), text.index(words) + len(words)

    mentions = [
        AttributionMentions(content=span(quote), cue=None, source=Span.of(text, *span(source)))
        for quote, source in ATTRIBUTIONS
    ]
    return SpeakerResolver.load().resolve(Document.read(text), mentions)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_decomposed_accents_do_not_split_names(form):
    speakers, entities = _resolved(form)
    names = [unicodedata.normalize("NFC", s.name) for s in speakers]
    assert names == ["José Martínez", "José Martínez", "Zoë Brontë-Smith", "Zoë Brontë-Smith"]
    assert len({s.entity for s in speakers}) == 2
    assert [e.gender for e in entities if e.name.startswith("Zo")] == ["female"]
