"""The engine's results: plain frozen dataclasses, independent of HTTP.

Every span carries character offsets into the submitted text (Python str indices, end exclusive),
so that ``text[span.start:span.end] == span.text`` holds all the way to the JSON answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

QUOTE_TYPES = ("direct", "indirect", "mixed")
ENTITY_KINDS = ("person", "organization", "group", "document", "unknown")
GENDERS = ("female", "male")


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``; the one way spans are built, so offsets always slice."""
        return cls(text[start:end], start, end)


@dataclass(frozen=True)
class Speaker:
    name: str | None  # canonical name of the entity ("Mark Milley")
    entity: str | None  # id of the entity in Attributions.entities ("e1")
    mention: Span | None  # the words that refer to the speaker at this quote ("he")


@dataclass(frozen=True)
class Quote:
    id: str  # "q1", "q2", ... in text order
    type: str  # one of QUOTE_TYPES
    text: str
    start: int
    end: int
    cue: Span | None
    speaker: Speaker
    confidence: float  # calibrated probability that the quote and its speaker are right


@dataclass(frozen=True)
class Entity:
    id: str  # "e1", "e2", ...
    name: str
    kind: str  # one of ENTITY_KINDS
    mentions: tuple[Span, ...] = ()
    members: tuple[str, ...] = ()  # entity ids of the people of a joint speaker
    descriptions: tuple[str, ...] = ()  # titles, roles, ages, affiliations and epithets, as written
    named: bool = True  # False for a source the article never names ("club spokesman", "officials")
    gender: str | None = None  # one of GENDERS, only from the article's pronouns and honorifics for it


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str


@dataclass(frozen=True)
class Attributions:
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
    entities: tuple[Entity, ...] = field(default_factory=tuple)
