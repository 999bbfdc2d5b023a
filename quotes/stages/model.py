"""The model stage: the transformer's content spans, each with the source and cue its linker chose."""

from __future__ import annotations

from ..draft import MODEL, Draft, DraftQuote, DraftSpan
from ..model.runtime import RawSpan, SpanModel


def _span(raw: RawSpan | None) -> DraftSpan | None:
    return None if raw is None else DraftSpan(raw.start, raw.end, raw.probability, MODEL)


class ModelSpans:
    """Runs the span model over the document; the quotation spans tell it which tokens are quoted."""

    def __init__(self, span_model: SpanModel):
        self.span_model = span_model

    def __call__(self, draft: Draft) -> Draft:
        outer = [(q.open_start, q.close_end) for q in draft.document.outer_quotations]
        found = self.span_model.predict(draft.text, outer)
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
