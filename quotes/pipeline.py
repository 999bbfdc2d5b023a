"""The orchestrator: the only place that knows the order of the stages.

text -> model spans (content, cue, source, linked) -> quotation-mark typing and snapping -> a quote
that goes on after its attribution clause shares it -> layout conventions the model never saw (quote
bylines, interview transcripts, Q&A interviews) -> calibrated confidence -> speakers and entities ->
Attributions. The API, the evaluation and the benchmark all call
``Attributor.run``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import torch

from . import bylines, interviews, transcripts
from .calibration import Calibrator, features
from .marks import QuotationIndex, QuoteSpan, find_quote_spans
from .model.runtime import RawAttribution, RawSpan, SpanModel
from .speakers import AttributionMentions, SpeakerResolver
from .types import Attributions, ModelInfo, Quote, Span

WORD_CHAR = re.compile(r"\w")  # a content without a single word character is noise (a stray mark)
EDGE_CHARS = " \t\r\n,;:"  # trimmed from the edges of a reported-speech span
LEADING_CHARS = EDGE_CHARS + ".)—–-"  # a span never starts with the end of the sentence before it
SNAP_FIT = 0.5  # a direct content takes a quotation's offsets when they overlap this much (intersection / union)
# A verb form or a reporting verb: a cue between two quotes that has one belongs to the second quote
VERB = re.compile(r"\b(?:\w+ing|\w+ed|says?|said|adds?|asks?|tells?|told|writes?|wrote|goes on)\b", re.IGNORECASE)
NEW_SENTENCE = re.compile(r"[.!?]\s+\w")
DIRECT_COVERAGE = 0.8  # share of a content's characters inside one quotation that makes it a direct quote


@dataclass(frozen=True)
class _Draft:
    """A quote before speakers and confidence are attached."""

    type: str
    start: int
    end: int
    raw: RawAttribution
    confidence: float | None = None  # a layout convention's measured precision, when one made the attribution
    unmarked: bool = False  # a direct quote a layout convention found without quotation marks (a turn, an answer)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in LEADING_CHARS:
        start += 1
    while end > start and text[end - 1] in EDGE_CHARS:
        end -= 1
    return start, end


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _outside_words(text: str, start: int, end: int, q: QuoteSpan) -> list[str]:
    """Words of the content outside the quotation's marks."""
    return [w for w in text[start : q.open_start].split() + text[q.close_end : end].split() if w.strip('"“”‘’«»„,.;:')]


def type_and_snap(text: str, start: int, end: int, quotes: list[QuoteSpan]) -> tuple[str, int, int]:
    """Classify a content span by the quotation marks around it and give its final offsets.

    direct: (nearly) all of it lies inside one quotation -> the words inside the marks of the quotation
    that fits it best (intersection over union >= SNAP_FIT), at any depth, so that a quote nested in a
    quoted excerpt is not widened to the whole excerpt; a part of a long quotation with no marks of its
    own -> the whole quotation (the model split it);
    mixed: it contains or touches a quotation but also has words outside -> the whole content;
    indirect: no quotation marks -> the content trimmed.
    """
    start, end = _trim(text, start, end)
    length = max(1, end - start)
    touching = [q for q in quotes if _overlap(start, end, q.open_start, q.close_end) > 0]
    fits = []
    for q in touching:
        inside = _overlap(start, end, q.start, q.end)
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


APPOSITION_START = re.compile(r",\s+(?:who|which|whose|a|an|the|[a-z])")


def trim_mention(text: str, start: int, end: int) -> tuple[int, int]:
    """The speaker's own words, without a trailing apposition or relative clause: "Austin, who was also
    present" -> "Austin"; "John Tierney, executive director of ..." -> "John Tierney". A list of names
    ("Smith, Jones and Brown") is kept whole."""
    cut = APPOSITION_START.search(text, start, end)
    if cut and cut.start() > start:
        end = cut.start()
    return _trim(text, start, end)


def outer_quotations(quotes: list[QuoteSpan]) -> list[tuple[int, int]]:
    return [(q.open_start, q.close_end) for q in quotes if q.depth == 0]


def with_shared_clause(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """``“A,” said Cummings, in a statement. “B.”``: B is the same statement as A, so it takes A's cue
    and speaker mention.

    The cue linker picks a cue for each quote alone and often gives B a word of A's attribution clause
    ("statement", "month"). When A's cue and source both sit between A and B in one paragraph and B has
    A's source (or none), B is the continuation of A and shares its attribution."""
    out = list(drafts)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        ra, rb = a.raw, b.raw
        if a.type != "direct" or b.type != "direct" or ra.cue is None or ra.source is None:
            continue
        if "\n" in text[a.end : b.start] or rb.cue == ra.cue:
            continue
        clause_end = max(ra.cue.end, ra.source.end)
        inside_gap = a.end <= min(ra.cue.start, ra.source.start) and clause_end <= b.start
        same_source = rb.source is None or (rb.source.start, rb.source.end) == (ra.source.start, ra.source.end)
        if not (inside_gap and same_source):
            continue
        if (
            rb.cue is not None
            and a.end <= rb.cue.start
            and rb.cue.end <= b.start
            and VERB.search(text, rb.cue.start, rb.cue.end)
        ):
            continue  # "“A,” he said, adding: “B.”": B has a verb of its own
        if NEW_SENTENCE.search(text, clause_end, b.start):
            continue  # "“A,” was another. One message read: “B.”": B has a sentence of its own
        out[i] = replace(b, raw=replace(rb, cue=ra.cue, source=ra.source))
    return out


def with_bylines(text: str, drafts: list[_Draft], quotations: list[QuoteSpan]) -> list[_Draft]:
    """Quotes signed with a dash and a name (``bylines``) take that name as source and the dash as cue;
    a signed quotation the model did not report at all is added, as the convention alone attributes it."""
    signed = bylines.find_bylines(text, quotations)
    if not signed:
        return drafts
    out, covered = [], set()
    for d in drafts:
        key = next((k for k in signed if k[0] <= d.start and d.end <= k[1]), None) if d.type == "direct" else None
        if key is None:
            out.append(d)
            continue
        if key in covered:
            continue  # the model split the signed quote; the whole quotation is reported once
        covered.add(key)
        byline = signed[key]
        out.append(_by_convention(*key, byline.name, byline.dash, bylines.PROBABILITY, d.raw.content.probability))
    for key, byline in signed.items():
        if key not in covered:
            out.append(_by_convention(*key, byline.name, byline.dash, bylines.PROBABILITY))
    return sorted(out, key=lambda d: d.start)


def _outside_turns(drafts: list[_Draft], turns: list[tuple[int, int]]) -> list[_Draft]:
    """Model quotes that straddle turns (the model sees one long block) give way to the turns; a short
    quote inside a turn (a quote the speaker quotes) stays."""

    def keep(d: _Draft) -> bool:
        for start, end in turns:
            if _overlap(d.start, d.end, start, end) and not (
                start <= d.start and d.end <= end and d.end - d.start < (end - start) / 2
            ):
                return False
        return True

    return [d for d in drafts if keep(d)]


def with_turns(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """In an interview transcript each turn is a quote by its label's speaker."""
    turns = transcripts.find_turns(text)
    if not turns:
        return drafts
    spoken = [_by_convention(t.start, t.end, t.label, t.colon, transcripts.PROBABILITY, unmarked=True) for t in turns]
    return sorted(_outside_turns(drafts, [(t.start, t.end) for t in turns]) + spoken, key=lambda d: d.start)


def with_interview(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """In a Q&A interview each answer is a quote by the interviewee; the questions are not reported."""
    turns = interviews.find_turns(text)
    if not turns:
        return drafts
    speaker = interviews.interviewee(text, turns)
    answers = [
        _by_convention(t.start, t.end, speaker, t.colon, interviews.PROBABILITY, unmarked=True)
        for t in turns
        if not t.question
    ]
    return sorted(_outside_turns(drafts, [(t.start, t.end) for t in turns]) + answers, key=lambda d: d.start)


def _by_convention(
    start: int,
    end: int,
    source: tuple[int, int] | None,
    cue: tuple[int, int],
    p: float,
    content_probability: float | None = None,
    unmarked: bool = False,
) -> _Draft:
    """A direct quote a layout convention attributes: its confidence is the convention's measured
    precision p. content_probability: the model's, when the model found the content itself."""
    content = RawSpan("Content", start, end, 0, 0, p if content_probability is None else content_probability)
    speaker = RawSpan("Source", *source, 0, 0, p) if source else None
    raw = RawAttribution(content, speaker, RawSpan("Cue", *cue, 0, 0, p), p, p)
    return _Draft("direct", start, end, raw, p, unmarked)


class Attributor:
    """Text in, attributions out. Built once (loading the model takes seconds), then called per article."""

    def __init__(self, span_model: SpanModel, resolver: SpeakerResolver, calibrator: Calibrator, info: ModelInfo):
        self.span_model = span_model
        self.resolver = resolver
        self.calibrator = calibrator
        self.info = info

    @classmethod
    def from_path(
        cls, model_dir: str | Path, num_threads: int | None = None, backend: str = "onnx", device: str = "auto"
    ) -> Attributor:
        """num_threads: CPU threads for inference (per gunicorn worker); backend: one of quotes.model.runtime.BACKENDS
        (on the CPU);
        device: "cpu", "cuda" or "auto" (the GPU when there is one)."""
        if num_threads:
            torch.set_num_threads(num_threads)
        model_dir = Path(model_dir)
        span_model = SpanModel.load(model_dir, backend=backend, num_threads=num_threads, device=device)
        meta = span_model.meta
        calibrator = Calibrator.from_dict(meta.get("calibration"))
        return cls(span_model, SpeakerResolver.load(), calibrator, ModelInfo(meta["name"], meta["version"]))

    def run(self, text: str) -> Attributions:
        return self.run_detailed(text)[0]

    def run_detailed(
        self, text: str, prepared: tuple[list[QuoteSpan], list[RawAttribution]] | None = None
    ) -> tuple[Attributions, list[list[float]]]:
        """The attributions and, per quote, the features its confidence was computed from (for calibration).
        ``prepared``: the text's quotations and model output, when ``run_many`` has computed them."""
        if prepared is None:
            quotations = find_quote_spans(text)
            raw = self.span_model.predict(text, outer_quotations(quotations))
        else:
            quotations, raw = prepared
        drafts = with_shared_clause(text, self._drafts(text, raw, quotations))
        drafts = with_interview(text, with_turns(text, with_bylines(text, drafts, quotations)))
        scored = []
        for d in drafts:
            x = features(d.raw, d.type, len(text[d.start : d.end].split()))
            confidence = d.confidence if d.confidence is not None else self.calibrator.probability(d.raw, x)
            if self.calibrator.reports(confidence, x):
                scored.append((d, x, confidence))
        mentions = [
            AttributionMentions(
                content=(d.start, d.end),
                cue=Span.of(text, d.raw.cue.start, d.raw.cue.end) if d.raw.cue else None,
                source=Span.of(text, *trim_mention(text, d.raw.source.start, d.raw.source.end))
                if d.raw.source
                else None,
                unmarked=d.unmarked,
            )
            for d, _, _ in scored
        ]
        speakers, entities = self.resolver.resolve(text, mentions)
        quotes = [
            Quote(f"q{n}", d.type, text[d.start : d.end], d.start, d.end, m.cue, speaker, confidence)
            for n, ((d, _, confidence), m, speaker) in enumerate(zip(scored, mentions, speakers), 1)
        ]
        return Attributions(tuple(quotes), tuple(entities)), [x for _, x, _ in scored]

    def run_many(self, texts: list[str]) -> list[Attributions]:
        """Several articles, their windows through the encoder together (fewer, fuller encoder calls)."""
        quotations = [find_quote_spans(text) for text in texts]
        raw = self.span_model.predict_many(texts, [outer_quotations(q) for q in quotations])
        return [self.run_detailed(t, prepared)[0] for t, prepared in zip(texts, zip(quotations, raw), strict=True)]

    @staticmethod
    def _drafts(text: str, raw: list[RawAttribution], quotes: list[QuoteSpan]) -> list[_Draft]:
        """Type each content; merge contents that land in the same quotation (a quote the model split)."""
        drafts: list[_Draft] = []
        index = QuotationIndex(quotes)
        for r in sorted(raw, key=lambda r: r.content.start):
            kind, start, end = type_and_snap(
                text, r.content.start, r.content.end, index.touching(r.content.start, r.content.end)
            )
            if not WORD_CHAR.search(text, start, end):
                continue
            if (
                drafts
                and kind == "direct"
                and drafts[-1].type == "direct"
                and (drafts[-1].start, drafts[-1].end) == (start, end)
            ):
                previous = drafts[-1]
                if previous.raw.source is None and r.source is not None:
                    drafts[-1] = _Draft(kind, start, end, r)
                continue
            drafts.append(_Draft(kind, start, end, r))
        return drafts
