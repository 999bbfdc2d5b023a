"""The convention stages: layout the training corpus never shows, read by rule. Quotes signed with a
dash (``bylines``), interview transcripts (``transcripts``) and Q&A interviews (``interviews``); the
quotes they attribute carry the convention's measured precision as their confidence."""

from __future__ import annotations

from .. import bylines as signed_quotes
from .. import interviews as qa
from .. import transcripts as transcript
from ..draft import CONVENTION, MODEL, Draft, DraftQuote, DraftSpan
from .quote_types import overlap


def _by_convention(
    start: int,
    end: int,
    source: tuple[int, int] | None,
    cue: tuple[int, int],
    p: float,
    found: DraftQuote | None = None,
    unmarked: bool = False,
) -> DraftQuote:
    """A direct quote a layout convention attributes, with its precision p as confidence. found: the
    model's draft of the same quotation, whose content probability is kept."""
    content = (
        DraftSpan(start, end, found.content.probability, MODEL)
        if found is not None
        else DraftSpan(start, end, p, CONVENTION)
    )
    speaker = DraftSpan(*source, p, CONVENTION) if source else None
    return DraftQuote(
        start, end, content, speaker, DraftSpan(*cue, p, CONVENTION), p, p, "direct", unmarked, confidence=p
    )


def bylines(draft: Draft) -> Draft:
    """Quotes signed with a dash and a name take that name as source and the dash as cue; a signed
    quotation the model did not report at all is added, as the convention alone attributes it."""
    signed = signed_quotes.find_bylines(draft.text, draft.document.quotations)
    if not signed:
        return draft
    out, covered = [], set()
    for d in draft.quotes:
        key = next((k for k in signed if k[0] <= d.start and d.end <= k[1]), None) if d.type == "direct" else None
        if key is None:
            out.append(d)
            continue
        if key in covered:
            continue  # the model split the signed quote; the whole quotation is reported once
        covered.add(key)
        byline = signed[key]
        out.append(_by_convention(*key, byline.name, byline.dash, signed_quotes.PROBABILITY, found=d))
    for key, byline in signed.items():
        if key not in covered:
            out.append(_by_convention(*key, byline.name, byline.dash, signed_quotes.PROBABILITY))
    return draft.with_quotes(sorted(out, key=lambda d: d.start))


def _outside_turns(quotes: tuple[DraftQuote, ...], turns: list[tuple[int, int]]) -> list[DraftQuote]:
    """Model quotes that straddle turns (the model sees one long block) give way to the turns; a short
    quote inside a turn (a quote the speaker quotes) stays."""

    def keep(d: DraftQuote) -> bool:
        for start, end in turns:
            if overlap(d.start, d.end, start, end) and not (
                start <= d.start and d.end <= end and d.end - d.start < (end - start) / 2
            ):
                return False
        return True

    return [d for d in quotes if keep(d)]


def transcripts(draft: Draft) -> Draft:
    """In an interview transcript each turn is a quote by its label's speaker."""
    turns = transcript.find_turns(draft.document)
    if not turns:
        return draft
    spoken = [_by_convention(t.start, t.end, t.label, t.colon, transcript.PROBABILITY, unmarked=True) for t in turns]
    kept = _outside_turns(draft.quotes, [(t.start, t.end) for t in turns])
    return draft.with_quotes(sorted(kept + spoken, key=lambda d: d.start))


def interviews(draft: Draft) -> Draft:
    """In a Q&A interview each answer is a quote by the interviewee; the questions are not reported."""
    turns = qa.find_turns(draft.document)
    if not turns:
        return draft
    speaker = qa.interviewee(draft.text, turns)
    answers = [
        _by_convention(t.start, t.end, speaker, t.colon, qa.PROBABILITY, unmarked=True) for t in turns if not t.question
    ]
    kept = _outside_turns(draft.quotes, [(t.start, t.end) for t in turns])
    return draft.with_quotes(sorted(kept + answers, key=lambda d: d.start))
