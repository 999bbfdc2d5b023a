"""The draft answer every stage takes and returns: the Document, the quotes found so far and, once the
speaker stage has run, the entities. ``Draft.attributions()`` turns it into the public answer.

A draft quote carries its own content, cue and source spans, each with where it came from (the model
or a layout convention) and a probability, so that a convention never has to pose as model output.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .document import Document
from .types import Attributions, Entity, Quote, Speaker

MODEL = "model"  # the span came from the transformer
CONVENTION = "convention"  # the span came from a layout rule (a byline, a transcript label, a Q&A label)


@dataclass(frozen=True)
class DraftSpan:
    start: int
    end: int
    probability: float  # the model's mean tag probability, or a convention's measured precision
    provenance: str  # MODEL or CONVENTION


@dataclass(frozen=True)
class DraftQuote:
    """One quote on its way through the stages; its fields fill in stage by stage."""

    start: int  # the quote's offsets: the model's content until typing snaps them to the quotation
    end: int
    content: DraftSpan  # the content as found (its probability is a calibration feature)
    source: DraftSpan | None
    cue: DraftSpan | None
    source_probability: float  # the linker's probability for its choice of source (including "none")
    cue_probability: float
    type: str = ""  # one of types.QUOTE_TYPES, set by the typing stage
    unmarked: bool = False  # a direct quote a layout convention found without quotation marks (a turn, an answer)
    confidence: float | None = None  # a convention's precision, until the confidence stage sets every quote's
    features: tuple[float, ...] = ()  # what the confidence was computed from (for calibration)
    speaker: Speaker | None = None  # set by the speaker stage


@dataclass(frozen=True)
class Draft:
    document: Document
    quotes: tuple[DraftQuote, ...] = ()
    entities: tuple[Entity, ...] = ()

    @classmethod
    def of(cls, text: str) -> Draft:
        return cls(Document.read(text))

    @property
    def text(self) -> str:
        return self.document.text

    def with_quotes(self, quotes) -> Draft:
        return replace(self, quotes=tuple(quotes))

    def attributions(self) -> Attributions:
        """The public answer: quotes numbered q1, q2, ... in the order the stages left them."""
        span = self.document.span
        quotes = tuple(
            Quote(
                f"q{n}",
                q.type,
                self.text[q.start : q.end],
                q.start,
                q.end,
                span(q.cue.start, q.cue.end) if q.cue else None,
                q.speaker or Speaker(None, None, None),
                q.confidence,
            )
            for n, q in enumerate(self.quotes, 1)
        )
        return Attributions(quotes, self.entities)
