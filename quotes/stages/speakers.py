"""The speaker stage: each quote's source mention resolved to a speaker, and the article's entities."""

from __future__ import annotations

from dataclasses import replace

from ..draft import Draft
from ..speakers import AttributionMentions, SpeakerResolver


class Speakers:
    def __init__(self, resolver: SpeakerResolver):
        self.resolver = resolver

    def __call__(self, draft: Draft) -> Draft:
        document = draft.document
        mentions = [
            AttributionMentions(
                content=(d.start, d.end),
                cue=document.span(d.cue.start, d.cue.end) if d.cue else None,
                source=document.span(d.source.start, d.source.end) if d.source else None,
                unmarked=d.unmarked,
            )
            for d in draft.quotes
        ]
        # The model's source spans are made into the speakers' mentions in one place (source.speaker_mention)
        speakers, entities = self.resolver.resolve(document, mentions, model_sources=True)
        quotes = [replace(d, speaker=speaker) for d, speaker in zip(draft.quotes, speakers)]
        return replace(draft.with_quotes(quotes), entities=tuple(entities))
