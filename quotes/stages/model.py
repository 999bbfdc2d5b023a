"""The model stage: the transformer's content spans, each with the source and cue its linker chose."""

from __future__ import annotations

from ..draft import MODEL, Draft, DraftQuote, DraftSpan
from ..model.runtime import RawAttribution, RawSpan, SpanModel


def _span(raw: RawSpan | None) -> DraftSpan | None:
    return None if raw is None else DraftSpan(raw.start, raw.end, raw.probability, MODEL)


class ModelSpans:
    """Runs the span model over the document; the quotation spans tell it which tokens are quoted."""

    def __init__(self, span_model: SpanModel):
        self.span_model = span_model

    def __call__(self, draft: Draft) -> Draft:
        return self.with_found(draft, self.span_model.predict(draft.text, self.outer(draft)))

    @staticmethod
    def outer(draft: Draft) -> list[tuple[int, int]]:
        return [(q.open_start, q.close_end) for q in draft.document.outer_quotations]

    @staticmethod
    def with_found(draft: Draft, found: list[RawAttribution]) -> Draft:
        """The draft with the model's attributions (``Attributor.run_many`` computes them for many at once)."""
        return draft.with_quotes(
            DraftQuote(
                r.content.start,
                r.content.end,
                _span(r.content),
                _span(r.source),
                _span(r.cue),
                r.source_probability,
                r.cue_probability,
            )
            for r in found
        )
