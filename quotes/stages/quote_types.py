"""The typing stage: each content typed by the quotation marks around it (direct, mixed, indirect) and
given its final offsets; contents the model split inside one quotation, or around an aside, become one quote."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from ..document import trim
from ..draft import Draft, DraftQuote
from ..marks import QUOTATION_MARK_CHARS, QuoteSpan
from .asides import ASIDE_OPENER

WORD_CHAR = re.compile(r"\w")  # a content without a single word character is noise (a stray mark)
SNAP_FIT = 0.5  # a direct content takes a quotation's offsets when they overlap this much (intersection / union)
DIRECT_COVERAGE = 0.8  # share of a content's characters inside one quotation that makes it a direct quote
_NOT_WORDS = QUOTATION_MARK_CHARS + ",.;:"  # a "word" of only these outside a quotation is punctuation


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _outside_words(text: str, start: int, end: int, q: QuoteSpan) -> list[str]:
    """Words of the content outside the quotation's marks."""
    return [w for w in text[start : q.open_start].split() + text[q.close_end : end].split() if w.strip(_NOT_WORDS)]


def type_and_snap(text: str, start: int, end: int, quotes: list[QuoteSpan]) -> tuple[str, int, int]:
    """Classify a content span by the quotation marks around it and give its final offsets.

    direct: (nearly) all of it lies inside one quotation -> the words inside the marks of the quotation
    that fits it best (intersection over union >= SNAP_FIT), at any depth, so that a quote nested in a
    quoted excerpt is not widened to the whole excerpt; a part of a long quotation with no marks of its
    own -> the whole quotation (the model split it);
    mixed: it contains or touches a quotation but also has words outside -> the whole content;
    indirect: no quotation marks -> the content trimmed.
    """
    start, end = trim(text, start, end)
    length = max(1, end - start)
    touching = [q for q in quotes if overlap(start, end, q.open_start, q.close_end) > 0]
    fits = []
    for q in touching:
        inside = overlap(start, end, q.start, q.end)
        if inside >= DIRECT_COVERAGE * length or (inside > 0 and not _outside_words(text, start, end, q)):
            union = max(end, q.end) - min(start, q.start)
            fits.append((inside / max(1, union), q))
    best = max(fits, key=lambda f: (f[0], f[1].depth), default=None)
    if best and best[0] >= SNAP_FIT:
        return "direct", best[1].start, best[1].end
    if any(not (q.open_start <= start and end <= q.close_end) for q in touching):
        return "mixed", start, end  # words outside, or around, a quotation
    if best:  # a part of a long quotation: the model split it, the whole quotation is the quote
        return "direct", best[1].start, best[1].end
    return "indirect", start, end


def quotation_run(text: str, start: int, end: int, quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """The quotations a content runs over when it is nothing but two or more whole quotations one after
    another (`"We tried. "We failed."`, a quote's paragraphs run together on one line): each is a direct
    quote of its own. Empty for any other content."""
    start, end = trim(text, start, end)
    outer = [q for q in quotes if q.depth == 0 and start <= q.start and q.end <= end]
    if len(outer) < 2:
        return []
    gaps = [(start, outer[0].open_start), *((a.close_end, b.open_start) for a, b in itertools.pairwise(outer))]
    gaps.append((outer[-1].close_end, end))
    if any(a > b or WORD_CHAR.search(text, a, b) for a, b in gaps):
        return []
    return outer


def _split_runs(draft: Draft) -> list[DraftQuote]:
    """The draft's contents, each run of whole quotations split into its quotations (same source and cue)."""
    index = draft.document.index
    out: list[DraftQuote] = []
    for d in draft.quotes:
        run = quotation_run(draft.text, d.start, d.end, index.touching(d.start, d.end))
        if run:
            out.extend(replace(d, start=q.start, end=q.end) for q in run)
        else:
            out.append(d)
    return out


def _same_attribution(a: DraftQuote, b: DraftQuote) -> bool:
    return all(
        x is not None and y is not None and (x.start, x.end) == (y.start, y.end)
        for x, y in ((a.source, b.source), (a.cue, b.cue))
    )


def joined_around_asides(draft: Draft) -> list[DraftQuote]:
    """The draft's contents, two parts of one sentence's content that the model split around an aside set off by
    commas (``Promoters said tickets, which go on sale today, would sell fast``: the same source and cue on
    both sides of ", which ... ,") joined into one; parts without a source inside the aside go with it, while a
    part with a source of its own there ("the rules, which Ana Ruiz says are needed, ...") keeps them apart."""
    out: list[DraftQuote] = []
    for d in sorted(draft.quotes, key=lambda d: d.content.start):
        at = next((i for i in range(len(out) - 1, -1, -1) if out[i].source is not None), None)
        if at is not None and _same_attribution(out[at], d) and all(q.end <= d.start for q in out[at:]):
            first = out[at]
            if _an_aside_between(draft, first, d):
                length = (first.end - first.start) + (d.end - d.start)
                probability = (
                    first.content.probability * (first.end - first.start) + d.content.probability * (d.end - d.start)
                ) / max(1, length)  # the model's mean over both parts, as over one span
                content = replace(first.content, end=d.content.end, probability=probability)
                out[at:] = [replace(first, end=d.end, content=content)]
                continue
        out.append(d)
    return out


def _an_aside_between(draft: Draft, first: DraftQuote, second: DraftQuote) -> bool:
    """Whether only an aside set off by commas lies between the two parts, in one sentence, with no quotation."""
    text, document = draft.text, draft.document
    if document.sentence_start(second.start) > first.start or document.index.touching(first.end, second.start):
        return False
    closing = (
        text[first.end : second.start].rstrip().endswith(",") or text[second.start : second.end].lstrip()[:1] == ","
    )
    return ASIDE_OPENER.match(text, first.end) is not None and closing


def typed(draft: Draft) -> Draft:
    """Type each content in text order; merge contents that land in the same quotation (a quote the
    model split), keeping the one with a source."""
    text, index = draft.text, draft.document.index
    out: list[DraftQuote] = []
    for d in sorted(_split_runs(draft.with_quotes(joined_around_asides(draft))), key=lambda d: d.content.start):
        kind, start, end = type_and_snap(text, d.start, d.end, index.touching(d.start, d.end))
        if not WORD_CHAR.search(text, start, end):
            continue
        quote = replace(d, type=kind, start=start, end=end)
        if out and kind == "direct" and out[-1].type == "direct" and (out[-1].start, out[-1].end) == (start, end):
            if out[-1].source is None and d.source is not None:
                out[-1] = quote
            continue
        out.append(quote)
    return draft.with_quotes(out)
