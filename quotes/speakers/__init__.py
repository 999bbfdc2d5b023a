"""Speaker resolution: the model's source mentions -> canonical speakers and the article's entities, by
rules over names, pronouns, descriptions and news conventions (no coreference model)."""

from .resolver import AttributionMentions, SpeakerResolver

__all__ = ["AttributionMentions", "SpeakerResolver"]
