"""The shared-clause stage: ``“A,” said Cummings, in a statement. “B.”`` -- B is the same statement as
A, so it takes A's cue and source (also when the linker gave B the person A was told to: "he told MPs")."""

from __future__ import annotations

import re
from dataclasses import replace

from ..draft import Draft, DraftQuote, DraftSpan
from ..marks import SENTENCE_END

# A verb form or a reporting verb: a cue between two quotes that has one belongs to the second quote
VERB = re.compile(r"\b(?:\w+ing|\w+ed|says?|said|adds?|asks?|tells?|told|writes?|wrote|goes on)\b", re.IGNORECASE)
# A bare end mark before a word, not the Document's SENTENCE_BREAK: a closing mark in the gap ends a quote the
# model left out, which this rule has always read as part of A's clause (counting it would be a change of rule, not of layout).
NEW_SENTENCE = re.compile("[" + re.escape(SENTENCE_END) + r"]\s+\w")


def _listener(text: str, a: DraftQuote, source: DraftSpan) -> bool:
    """Whether the source is the object right after A's cue, A's source being its subject before it
    (``"A," Jo Bell told reporters. "B."``): the people spoken to, which the linker sometimes gives to B."""
    return a.source.end <= a.cue.start and a.cue.end <= source.start and not text[a.cue.end : source.start].strip()


def shared_clause(draft: Draft) -> Draft:
    """The cue linker picks a cue for each quote alone and often gives B a word of A's attribution clause
    ("statement", "month"). When A's cue and source both sit between A and B in one paragraph and B has
    A's source (or none), B is the continuation of A and shares its attribution."""
    text = draft.text
    out = list(draft.quotes)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if a.type != "direct" or b.type != "direct" or a.cue is None or a.source is None:
            continue
        if "\n" in text[a.end : b.start]:
            continue
        clause_end = max(a.cue.end, a.source.end)
        inside_gap = a.end <= min(a.cue.start, a.source.start) and clause_end <= b.start
        if b.cue == a.cue:
            if inside_gap and b.source is not None and _listener(text, a, b.source):
                out[i] = replace(b, source=a.source)
            continue
        same_source = (
            b.source is None
            or (b.source.start, b.source.end) == (a.source.start, a.source.end)
            or _listener(text, a, b.source)
        )
        if not (inside_gap and same_source):
            continue
        if (
            b.cue is not None
            and a.end <= b.cue.start
            and b.cue.end <= b.start
            and VERB.search(text, b.cue.start, b.cue.end)
        ):
            continue  # "“A,” he said, adding: “B.”": B has a verb of its own
        if NEW_SENTENCE.search(text, clause_end, b.start):
            continue  # "“A,” was another. One message read: “B.”": B has a sentence of its own
        out[i] = replace(b, cue=a.cue, source=a.source)
    return draft.with_quotes(out)
