"""The speaker stage: each quote's source mention resolved to a speaker, and the article's entities."""

from __future__ import annotations

import re
from dataclasses import replace

from ..draft import Draft
from ..speakers import AttributionMentions, SpeakerResolver
from .quote_types import trim

APPOSITION_START = re.compile(r",\s+(?:who|which|whose|a|an|the|[a-z])")


def trim_mention(text: str, start: int, end: int) -> tuple[int, int]:
    """The speaker's own words, without a trailing apposition or relative clause: "Austin, who was also
    present" -> "Austin"; "John Tierney, executive director of ..." -> "John Tierney". A list of names
    ("Smith, Jones and Brown") is kept whole. May be empty (start == end): a source of separators only."""
    cut = APPOSITION_START.search(text, start, end)
    if cut and cut.start() > start:
        end = cut.start()
    return trim(text, start, end)


class Speakers:
    def __init__(self, resolver: SpeakerResolver):
        self.resolver = resolver

    def __call__(self, draft: Draft) -> Draft:
        document, text = draft.document, draft.text
        mentions = [
            AttributionMentions(
                content=(d.start, d.end),
                cue=document.span(d.cue.start, d.cue.end) if d.cue else None,
                source=document.span(*trim_mention(text, d.source.start, d.source.end)) if d.source else None,
                unmarked=d.unmarked,
            )
            for d in draft.quotes
        ]
        speakers, entities = self.resolver.resolve(document, mentions)
        quotes = [replace(d, speaker=speaker) for d, speaker in zip(draft.quotes, speakers)]
        return replace(draft.with_quotes(quotes), entities=tuple(entities))
