"""The HTTP contract (v1) in marshmallow: request and response bodies, and the source of /openapi.json.

One set of schemas serves every app: the request limits are read from the app's configuration as each
request is validated (and written into each app's /openapi.json by service/api/contract.py). Offsets are code-point indices into the submitted text, end exclusive.
"""

from __future__ import annotations

from flask import current_app
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from quotes.language import SUPPORTED_LANGUAGES
from quotes.types import ENTITY_KINDS, GENDERS, QUOTE_TYPES
from service.config import limits_from_config


class MaxLength(validate.Validator):
    """At most the current app's limit `limit` (a Limits field); the message gives both the size and the limit."""

    def __init__(self, limit: str, what: str, unit: str = ""):
        self.limit = limit
        self.what = what
        self.unit = unit

    def __call__(self, value):
        maximum = getattr(limits_from_config(current_app.config), self.limit)
        if len(value) > maximum:
            unit = f" {self.unit}" if self.unit else ""
            raise ValidationError(f"{self.what} {len(value)} > maximum allowed {self.what} {maximum}{unit}")
        return value


def encodable_as_utf8(value: str) -> None:
    # JSON's \ud800 escapes can smuggle in lone surrogates, which no UTF-8 text (nor the engine) holds.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(f"holds an unpaired surrogate code point at index {error.start}") from None


SEED_EXAMPLE = (
    "Open lines of communication \u201care essential if we are to avoid the risk of conflict,\u201d Tierney said."
)


class DocumentSchema(Schema):
    text = fields.String(
        validate=[
            validate.Length(min=1, error="text must not be empty"),
            MaxLength("max_text_chars", "text length", "characters"),
            encodable_as_utf8,
        ],
        metadata={
            "description": (
                "The article, as plain text. Send exactly one of `text` and `html` (a rule the schema "
                "cannot state: it is checked on arrival, 422 otherwise). Offsets in the answer index into it. "
                "Besides its length in characters, it may need at most `limits.max_tokens` tokens of the "
                "model's encoder (see /v1/info; QUOTES_MAX_TOKENS): prose needs about one per 5 characters, "
                "while text far denser in tokens (long runs of punctuation, digits or CJK between spaces) is "
                "answered 413 `too-many-tokens`, since the model's time goes by tokens."
            ),
            "example": SEED_EXAMPLE,
        },
    )
    html = fields.String(
        validate=[validate.Length(min=1, error="html must not be empty"), encodable_as_utf8],
        metadata={
            "description": (
                "The article as an HTML page, instead of `text`: its main text is extracted (navigation, "
                "asides and footers dropped, entities decoded, paragraphs as blank lines) and returned as "
                "the result's `text`, which the offsets index into."
            ),
            "example": "<article><p>&quot;We will not back down,&quot; the senator said.</p></article>",
        },
    )
    language = fields.String(
        validate=validate.OneOf(SUPPORTED_LANGUAGES),
        metadata={
            "description": (
                "The text's language, when you know it. Without it, text that is confidently not English "
                "is answered 422 (`unsupported-language`); `en` attributes it anyway."
            ),
            "example": "en",
        },
    )
    id = fields.String(
        allow_none=True,
        validate=[MaxLength("max_id_chars", "id length", "characters"), encodable_as_utf8],
        metadata={"description": "Your reference for the document; echoed in the result.", "example": "wire-42"},
    )

    @validates_schema
    def text_or_html(self, data, **kwargs):
        if "text" not in data and "html" not in data:
            raise ValidationError("Missing data for required field (text, or html instead).", field_name="text")
        if "text" in data and "html" in data:
            raise ValidationError("send text or html, not both", field_name="text")


class BatchRequestSchema(Schema):
    documents = fields.List(
        fields.Nested(DocumentSchema),
        required=True,
        validate=[
            validate.Length(min=1, error="batch must hold at least 1 document"),
            MaxLength("max_batch", "batch size"),
        ],
        metadata={
            "description": "1 to `limits.max_batch_size` documents (see /v1/info); results come back in this order."
        },
    )


# -- responses ----------------------------------------------------------------------------------
OFFSET = "Unicode code-point index into the submitted text (a Python str index)"


def doc(description: str, example=None) -> dict:
    """Field metadata for the contract: every field says what it is and shows a value."""
    return {"description": description, "example": example} if example is not None else {"description": description}


class SpanSchema(Schema):
    text = fields.String(required=True, metadata=doc("The words; equals submitted_text[start:end].", "Tierney"))
    start = fields.Integer(required=True, validate=validate.Range(min=0), metadata=doc(f"{OFFSET}, inclusive.", 1375))
    end = fields.Integer(required=True, validate=validate.Range(min=0), metadata=doc(f"{OFFSET}, exclusive.", 1382))


class SpanOrNull(fields.Nested):
    """A span, or null (``quotes.serialize`` answers an empty slice as null and leaves it out of a list).

    Documented as one nullable Span (service/api/contract.py), so that generated clients type it Span | None.
    """

    def __init__(self, **kwargs):
        super().__init__(SpanSchema, required=True, allow_none=True, **kwargs)


class SpeakerSchema(Schema):
    name = fields.String(
        required=True,
        allow_none=True,
        metadata=doc("Canonical name of the speaker, when known (null for an unnamed source).", "John Tierney"),
    )
    entity = fields.String(
        required=True, allow_none=True, metadata=doc("Id of the speaker in the result's `entities`.", "e5")
    )
    mention = SpanOrNull(
        metadata=doc("The words that refer to the speaker at this quote (a name, a pronoun, a description).")
    )


class QuoteSchema(Schema):
    id = fields.String(required=True, metadata=doc("Id of the quote within this result.", "q1"))
    type = fields.String(
        required=True,
        validate=validate.OneOf(QUOTE_TYPES),
        metadata=doc(
            "`direct`: the words inside the quotation marks; `mixed`: reported speech around a verbatim "
            "fragment (the whole reported content); `indirect`: reported speech without marks.",
            "direct",
        ),
    )
    text = fields.String(
        required=True,
        metadata=doc(
            "The quoted or reported words; equals submitted_text[start:end].",
            "It is disturbing to learn from General Milley that his counterpart was unreachable.",
        ),
    )
    start = fields.Integer(required=True, validate=validate.Range(min=0), metadata=doc(f"{OFFSET}, inclusive.", 1390))
    end = fields.Integer(required=True, validate=validate.Range(min=0), metadata=doc(f"{OFFSET}, exclusive.", 1533))
    cue = SpanOrNull(
        metadata=doc("The verb or phrase that introduces the quote (`said`, `told reporters`); null when none.")
    )
    speaker = fields.Nested(SpeakerSchema, required=True, metadata=doc("Who said it."))
    confidence = fields.Float(
        required=True,
        validate=validate.Range(min=0, max=1),
        metadata=doc(
            "Calibrated probability (0 to 1) that this attribution is right: the content and its speaker. "
            "Quotes below the model's reporting threshold (0.55 for quotes-minilm 1.2.0, `min_confidence` in "
            "its meta.json) are not reported, except direct quotes the model is sure are quotations: for those a "
            "low confidence says the speaker is uncertain.",
            0.9635,
        ),
    )


class EntitySchema(Schema):
    id = fields.String(required=True, metadata=doc("Id of the entity within this result.", "e5"))
    name = fields.String(
        required=True, metadata=doc("Canonical name: the fullest name the article gives.", "John Tierney")
    )
    kind = fields.String(
        required=True,
        validate=validate.OneOf(ENTITY_KINDS),
        metadata=doc(
            "What the speaker is: a person, an organization, a group of people, a document (a report, a "
            "statement), or unknown.",
            "person",
        ),
    )
    mentions = fields.List(SpanOrNull(), required=True, metadata=doc("Every place the article refers to the entity."))
    members = fields.List(
        fields.String(),
        required=True,
        metadata=doc("Entity ids of the people of a joint speaker (`He and Lloyd Austin said`).", ["e1", "e2"]),
    )
    descriptions = fields.List(
        fields.String(),
        required=True,
        metadata=doc(
            "Titles, roles, ages, affiliations and epithets the article gives it, as written.",
            ["executive director of the Center for Arms Control and Non-Proliferation"],
        ),
    )
    named = fields.Boolean(
        required=True,
        metadata=doc('False for a source the article never names ("club spokesman").', True),
    )
    gender = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(GENDERS),
        metadata=doc("Only from the article's own pronouns and honorifics for this entity; else null.", "male"),
    )


class ModelSchema(Schema):
    name = fields.String(required=True, metadata=doc("The model's name.", "quotes-minilm"))
    version = fields.String(required=True, metadata=doc("The model's version (the image tag).", "1.2.0"))


# The form of a Result is built once, by quotes.serialize.result_dict (the API, the CLI and the Ray job all
# answer with it); these schemas document it, and dumping its output through them changes nothing.
class ResultSchema(Schema):
    id = fields.String(
        required=True, allow_none=True, metadata=doc("The request's `id`, echoed; null if none.", "wire-42")
    )
    quotes = fields.List(fields.Nested(QuoteSchema), required=True, metadata=doc("The quotes, in text order."))
    entities = fields.List(
        fields.Nested(EntitySchema), required=True, metadata=doc("The people and organisations the quotes refer to.")
    )
    model = fields.Nested(ModelSchema, required=True, metadata=doc("The model that answered."))
    text = fields.String(
        metadata=doc(
            "Only when the document was sent as HTML: the text extracted from it, which every offset indexes into.",
            "Open lines of communication are essential, Tierney said.",
        )
    )


class BatchResultSchema(Schema):
    results = fields.List(
        fields.Nested(ResultSchema),
        required=True,
        metadata=doc("One result per document, in request order."),
    )


class LimitsSchema(Schema):
    max_text_chars = fields.Integer(required=True, metadata=doc("Longest text, in characters (422 above).", 100000))
    max_batch_size = fields.Integer(
        required=True, attribute="max_batch", metadata=doc("Most documents in one batch (422 above).", 32)
    )
    max_body_bytes = fields.Integer(required=True, metadata=doc("Largest request body, in bytes (413 above).", 2097152))
    max_id_chars = fields.Integer(required=True, metadata=doc("Longest `id`, in characters (422 above).", 200))
    max_tokens = fields.Integer(
        required=True,
        metadata=doc(
            "Most tokens the model's encoder may read for one article (413 `too-many-tokens` above; "
            "QUOTES_MAX_TOKENS, by default half a token per character of `max_text_chars`: real news needs "
            "about 0.2).",
            50000,
        ),
    )


class InfoSchema(Schema):
    service = fields.String(required=True, metadata=doc("The service's name.", "quotes"))
    api_version = fields.String(required=True, metadata=doc("The API's version (the path prefix).", "v1"))
    model = fields.Nested(
        ModelSchema, required=True, allow_none=True, metadata=doc("The model; null until it has loaded.")
    )
    ready = fields.Boolean(required=True, metadata=doc("Whether the model is loaded and warmed up.", True))
    limits = fields.Nested(LimitsSchema, required=True, metadata=doc("The limits of one request."))
    languages = fields.List(
        fields.String(),
        required=True,
        metadata=doc("The languages the model reads (ISO 639-1); other text is answered 422.", ["en"]),
    )


class LiveSchema(Schema):
    status = fields.String(
        required=True, validate=validate.OneOf(["alive"]), metadata=doc("Always `alive`: the process answers.", "alive")
    )


class ReadySchema(Schema):
    status = fields.String(
        required=True, validate=validate.OneOf(["ready"]), metadata=doc("`ready`: the model can serve.", "ready")
    )
    model = fields.Nested(ModelSchema, required=True, metadata=doc("The model that is serving."))


class ProblemSchema(Schema):
    """RFC 9457 problem details, as every error is answered."""

    type = fields.String(
        required=True,
        metadata=doc(
            "A URN naming the kind of problem: its last part is stable and meant for code "
            "(`invalid-request`, `unsupported-language`, `not-ready`, ...).",
            "urn:quotes:problem:unsupported-language",
        ),
    )
    title = fields.String(required=True, metadata=doc("The HTTP status's phrase.", "Unprocessable Entity"))
    status = fields.Integer(required=True, metadata=doc("The HTTP status code.", 422))
    detail = fields.String(
        required=True,
        metadata=doc(
            "What went wrong, for a person.",
            "text: the text looks like German (de, confidence 1.00); the model reads English news only.",
        ),
    )
    request_id = fields.String(
        required=True,
        allow_none=True,
        metadata=doc("The request's id (also in X-Request-ID): quote it when reporting a problem.", "9f1c2e7a"),
    )
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata=doc(
            "Field messages (422, and 413 `too-many-tokens`), keyed by field path.",
            {"documents.3.text": ["text length 100001 > maximum allowed text length 100000 characters"]},
        ),
    )
    tokens = fields.Integer(
        metadata=doc("413 `too-many-tokens` only: the encoder tokens the article needs.", 61234),
    )
    max_tokens = fields.Integer(
        metadata=doc("413 `too-many-tokens` only: the most an article may need (`limits.max_tokens`).", 50000),
    )
