"""The HTTP contract (v1) in marshmallow: request and response bodies, and the source of /openapi.json.

The request schemas carry the configured limits, so `request_schemas(limits)` builds them per app;
the response schemas are fixed. Offsets are code-point indices into the submitted text, end exclusive.
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, post_dump, validate

from quotes.serialize import is_empty_span
from quotes.types import ENTITY_KINDS, GENDERS, QUOTE_TYPES
from service.config import Limits


class MaxLength(validate.Length):
    """A maximum length whose message gives both the size and the limit (the OpenAPI maxLength too)."""

    def __init__(self, maximum: int, what: str, unit: str = ""):
        super().__init__(max=maximum)
        self.what = what
        self.unit = unit

    def __call__(self, value):
        if len(value) > self.max:
            unit = f" {self.unit}" if self.unit else ""
            raise ValidationError(f"{self.what} {len(value)} > maximum allowed {self.what} {self.max}{unit}")
        return value


def encodable_as_utf8(value: str) -> None:
    # JSON's \ud800 escapes can smuggle in lone surrogates, which no UTF-8 text (nor the engine) holds.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(f"holds an unpaired surrogate code point at index {error.start}") from None


def request_schemas(limits: Limits) -> tuple[type[Schema], type[Schema]]:
    """(DocumentSchema, BatchRequestSchema) enforcing these limits; unknown fields are rejected."""

    class DocumentSchema(Schema):
        text = fields.String(
            required=True,
            validate=[
                validate.Length(min=1, error="text must not be empty"),
                MaxLength(limits.max_text_chars, "text length", "characters"),
                encodable_as_utf8,
            ],
            metadata={"description": "The article, as plain text. Offsets in the answer index into it."},
        )
        id = fields.String(
            allow_none=True,
            validate=[MaxLength(limits.max_id_chars, "id length", "characters"), encodable_as_utf8],
            metadata={"description": "Your reference for the document; echoed in the result."},
        )

    class BatchRequestSchema(Schema):
        documents = fields.List(
            fields.Nested(DocumentSchema),
            required=True,
            validate=[
                validate.Length(min=1, error="batch must hold at least 1 document"),
                MaxLength(limits.max_batch, "batch size"),
            ],
            metadata={"description": f"1 to {limits.max_batch} documents; results come back in this order."},
        )

    return DocumentSchema, BatchRequestSchema


# -- responses ----------------------------------------------------------------------------------
class SpanSchema(Schema):
    text = fields.String(required=True, metadata={"description": "Equals submitted_text[start:end]."})
    start = fields.Integer(required=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, validate=validate.Range(min=0))


class SpanOrNull(fields.Nested):
    """A span, or null: an empty slice is no span (the engine once gave empty speaker mentions)."""

    def __init__(self, **kwargs):
        super().__init__(SpanSchema, required=True, allow_none=True, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None or is_empty_span(value):
            return None
        return super()._serialize(value, attr, obj, **kwargs)


class SpeakerSchema(Schema):
    name = fields.String(
        required=True, allow_none=True, metadata={"description": "Canonical name of the speaker, when known."}
    )
    entity = fields.String(required=True, allow_none=True, metadata={"description": "Id of the speaker in `entities`."})
    mention = SpanOrNull(metadata={"description": "The words that refer to the speaker at this quote."})


class QuoteSchema(Schema):
    id = fields.String(required=True, metadata={"example": "q1"})
    type = fields.String(required=True, validate=validate.OneOf(QUOTE_TYPES))
    text = fields.String(required=True)
    start = fields.Integer(required=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, validate=validate.Range(min=0))
    cue = SpanOrNull(metadata={"description": "The verb or phrase that introduces the quote."})
    speaker = fields.Nested(SpeakerSchema, required=True)
    confidence = fields.Float(required=True, validate=validate.Range(min=0, max=1))


class EntitySchema(Schema):
    id = fields.String(required=True, metadata={"example": "e1"})
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(ENTITY_KINDS))
    mentions = fields.List(SpanOrNull(), required=True)
    members = fields.List(
        fields.String(), required=True, metadata={"description": "Entity ids of the people of a joint speaker."}
    )
    descriptions = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Titles, roles, ages, affiliations and epithets the article gives it, as written."},
    )
    named = fields.Boolean(
        required=True, metadata={"description": 'False for a source the article never names ("club spokesman").'}
    )
    gender = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(GENDERS),
        metadata={"description": "Only from the article's own pronouns and honorifics for this entity; else null."},
    )

    @post_dump
    def drop_empty_mentions(self, data, **kwargs):
        data["mentions"] = [mention for mention in data["mentions"] if mention is not None]
        return data


class ModelSchema(Schema):
    name = fields.String(required=True)
    version = fields.String(required=True)


class ResultSchema(Schema):
    id = fields.String(required=True, allow_none=True)
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    entities = fields.List(fields.Nested(EntitySchema), required=True)
    model = fields.Nested(ModelSchema, required=True)


class BatchResultSchema(Schema):
    results = fields.List(
        fields.Nested(ResultSchema),
        required=True,
        metadata={"description": "One result per document, in request order."},
    )


class LimitsSchema(Schema):
    max_text_chars = fields.Integer(required=True)
    max_batch_size = fields.Integer(required=True, attribute="max_batch")
    max_body_bytes = fields.Integer(required=True)
    max_id_chars = fields.Integer(required=True)


class InfoSchema(Schema):
    service = fields.String(required=True)
    api_version = fields.String(required=True)
    model = fields.Nested(
        ModelSchema, required=True, allow_none=True, metadata={"description": "null until the model has loaded."}
    )
    ready = fields.Boolean(required=True)
    limits = fields.Nested(LimitsSchema, required=True)


class LiveSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(["alive"]))


class ReadySchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(["ready"]))
    model = fields.Nested(ModelSchema, required=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details, as every error is answered."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    request_id = fields.String(required=True, allow_none=True)
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "Field messages (422 only), keyed by field path."},
    )
