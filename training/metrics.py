"""The project's attribution metrics: predicted quotes against gold attributions of one or more documents.

- content_soft: one-to-one greedy matching (best first) at token Dice >= 0.5 of the content spans (tokens = \\w+).
- content_exact: spans equal after trimming whitespace, quotation marks and ``,.;:``.
- source_acc / cue_acc: among soft-matched pairs whose gold has a source (cue), the predicted speaker
  mention (cue) shares a token with the gold span.
- attribution_f1: a prediction is correct when it soft-matches and its speaker mention is right (or both
  have no source).
Reported overall and by bucket: `direct` (gold content contains quotation marks) and `indirect`.

PolNeAR annotates `“A,” she said. “B.”` as ONE attribution whose content has two parts; the engine
reports two quotes that share the cue and the speaker mention. Before matching, predicted quotes that
share both are grouped into one attribution with several parts (``group_parts``), the same shape as the
gold. ``AttributionScorer(group=False)`` scores quote by quote instead (used for the seed article, whose
expected output lists such quotes separately).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .polnear import QUOTE_CHARS, GoldAttribution

SOFT_MATCH_DICE = 0.5
TRIM_CHARS = " \t\r\n" + QUOTE_CHARS + ",.;:"
WORD = re.compile(r"\w+")
BUCKETS = ("all", "direct", "indirect")


@dataclass(frozen=True)
class Predicted:
    """What the metrics need of a predicted quote: offsets only."""

    start: int
    end: int
    type: str  # direct / mixed / indirect
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    parts: tuple[tuple[int, int], ...] = ()  # several content parts after grouping; empty = (start, end)

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return self.parts or ((self.start, self.end),)


def group_parts(predicted: list[Predicted]) -> tuple[list[Predicted], list[int]]:
    """Quotes sharing a cue and a speaker mention -> one attribution with several content parts.

    Returns the grouped predictions and, for each input quote, the index of its group."""
    groups: dict[tuple, int] = {}
    members: list[list[Predicted]] = []
    index = []
    for p in predicted:
        key = (p.cue, p.source) if p.cue is not None and p.source is not None else ("alone", len(members))
        if key not in groups:
            groups[key] = len(members)
            members.append([])
        members[groups[key]].append(p)
        index.append(groups[key])
    grouped = []
    for ps in members:
        if len(ps) == 1:
            grouped.append(ps[0])
            continue
        parts = tuple(sorted(span for p in ps for span in p.spans))
        kind = "indirect" if all(p.type == "indirect" for p in ps) else "direct"
        grouped.append(Predicted(parts[0][0], parts[-1][1], kind, ps[0].source, ps[0].cue, parts))
    return grouped, index


# Determiners a group's description may open with. The labelled sets write an unnamed group both ways
# ("Some experts" in PolNeAR's, "users" for "Some users" in the cross-style set), so the measure ignores
# them as it ignores an article; "of" after one ("Many of his supporters") keeps it, as the noun follows.
GROUP_DETERMINERS = ("some", "many", "several", "most", "numerous", "various", "both")
LEADING_DETERMINER = re.compile(rf"^(?:(?:the|a|an)\s+|(?:{'|'.join(GROUP_DETERMINERS)})\s+(?!of\b)(?=\w))")


def normal_name(name: str | None) -> str:
    """speaker_name_acc compares names case- and punctuation-insensitively, without a leading article or
    group determiner."""
    name = (name or "").casefold().replace("’", "'").strip()
    name = LEADING_DETERMINER.sub("", name, count=1)
    return " ".join(re.sub(r"[^\w\s]", "", name).split())


def tokens(text: str, spans) -> frozenset[tuple[int, int]]:
    """The \\w+ tokens inside the spans, identified by their offsets (same words elsewhere don't count)."""
    out = set()
    for start, end in spans:
        for m in WORD.finditer(text, start, end):
            out.add((m.start(), m.end()))
    return frozenset(out)


def dice(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def trimmed(text: str, start: int, end: int) -> str:
    return text[start:end].strip(TRIM_CHARS)


def best_match(text: str, gold_spans, quotes):
    """The quote (anything with start/end) that best soft-matches the gold spans, or None below the bar."""
    gold = tokens(text, gold_spans)
    scored = [(dice(tokens(text, [(q.start, q.end)]), gold), q) for q in quotes]
    score, quote = max(scored, key=lambda s: s[0], default=(0.0, None))
    return quote if score >= SOFT_MATCH_DICE else None


def _greedy_match(scores: list[tuple[float, int, int]]) -> dict[int, int]:
    """Best-first one-to-one matching: prediction index -> gold index."""
    matched_pred, matched_gold, pairs = set(), set(), {}
    for score, p, g in sorted(scores, key=lambda s: (-s[0], s[1], s[2])):
        if p in matched_pred or g in matched_gold:
            continue
        matched_pred.add(p)
        matched_gold.add(g)
        pairs[p] = g
    return pairs


def soft_pairs(gold_tokens: list[frozenset], pred_tokens: list[frozenset]) -> dict[int, int]:
    """content_soft matching: prediction index -> gold index."""
    return _greedy_match(
        [
            (d, i, j)
            for i, pt in enumerate(pred_tokens)
            for j, gt in enumerate(gold_tokens)
            if (d := dice(pt, gt)) >= SOFT_MATCH_DICE
        ]
    )


def correct_predictions(text: str, gold: list[GoldAttribution], predicted: list[Predicted]) -> list[bool]:
    """Per predicted quote: is the attribution it belongs to right (soft match and right speaker mention)?"""
    grouped, index = group_parts(predicted)
    pairs = soft_pairs([tokens(text, g.content) for g in gold], [tokens(text, p.spans) for p in grouped])
    right = [i in pairs and AttributionScorer.source_right(text, gold[pairs[i]], p) for i, p in enumerate(grouped)]
    return [right[k] for k in index]


class AttributionScorer:
    """Accumulates counts over documents; ``report()`` gives the figures."""

    def __init__(self, group: bool = True) -> None:
        self.group = group
        self.counts: dict[str, dict[str, int]] = {b: defaultdict(int) for b in BUCKETS}

    def add(self, text: str, gold: list[GoldAttribution], predicted: list[Predicted]) -> None:
        if self.group:
            predicted = group_parts(predicted)[0]
        gold_tokens = [tokens(text, g.content) for g in gold]
        pred_tokens = [tokens(text, p.spans) for p in predicted]
        gold_bucket = ["direct" if g.is_direct(text) else "indirect" for g in gold]
        pred_bucket = ["indirect" if p.type == "indirect" else "direct" for p in predicted]

        soft = soft_pairs(gold_tokens, pred_tokens)
        gold_exact = [[trimmed(text, s, e) for s, e in g.content] for g in gold]
        pred_exact = [[trimmed(text, s, e) for s, e in p.spans] for p in predicted]
        exact = _greedy_match(
            [(1.0, i, j) for i, pe in enumerate(pred_exact) for j, ge in enumerate(gold_exact) if pe == ge and all(ge)]
        )

        for j, bucket in enumerate(gold_bucket):
            for b in ("all", bucket):
                self.counts[b]["gold"] += 1
        matched_gold_soft = {g: p for p, g in soft.items()}
        matched_gold_exact = {g: p for p, g in exact.items()}
        for i, p in enumerate(predicted):
            # A matched prediction is counted in its gold's bucket, an unmatched one in its own type's.
            bucket = gold_bucket[soft[i]] if i in soft else pred_bucket[i]
            for b in ("all", bucket):
                self.counts[b]["predicted"] += 1
            exact_bucket = gold_bucket[exact[i]] if i in exact else pred_bucket[i]
            for b in ("all", exact_bucket):
                self.counts[b]["predicted_exact"] += 1
        for j, g in enumerate(gold):
            buckets = ("all", gold_bucket[j])
            if j in matched_gold_exact:
                for b in buckets:
                    self.counts[b]["exact"] += 1
            if j not in matched_gold_soft:
                continue
            p = predicted[matched_gold_soft[j]]
            source_right = self._span_right(text, g.source, p.source)
            cue_right = self._span_right(text, g.cue, p.cue)
            for b in buckets:
                self.counts[b]["soft"] += 1
                if g.source:
                    self.counts[b]["with_source"] += 1
                    self.counts[b]["source_right"] += int(source_right)
                if g.cue:
                    self.counts[b]["with_cue"] += 1
                    self.counts[b]["cue_right"] += int(cue_right)
                if self.source_right(text, g, p):
                    self.counts[b]["attribution_right"] += 1

    @classmethod
    def source_right(cls, text: str, g: GoldAttribution, p: Predicted) -> bool:
        """Right speaker mention, or both without a source."""
        return (not g.source and p.source is None) or cls._span_right(text, g.source, p.source)

    @staticmethod
    def _span_right(text: str, gold_spans, predicted: tuple[int, int] | None) -> bool:
        if not gold_spans or predicted is None:
            return False
        return bool(tokens(text, gold_spans) & tokens(text, [predicted]))

    def report(self) -> dict[str, dict[str, float]]:
        out = {}
        for bucket, c in self.counts.items():
            out[bucket] = {
                **_prf("content_soft", c["soft"], c["predicted"], c["gold"]),
                **_prf("content_exact", c["exact"], c["predicted_exact"], c["gold"]),
                "source_acc": _ratio(c["source_right"], c["with_source"]),
                "cue_acc": _ratio(c["cue_right"], c["with_cue"]),
                **_prf("attribution", c["attribution_right"], c["predicted"], c["gold"]),
                "gold": c["gold"],
                "predicted": c["predicted"],
            }
        return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _prf(name: str, right: int, predicted: int, gold: int) -> dict[str, float]:
    p, r = _ratio(right, predicted), _ratio(right, gold)
    f = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return {f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f}
