"""What /openapi.json says beyond the schemas: the error answers of each route, nullable spans as client
generators read them, and what depends on the app's configuration (its limits, whether keys are needed).

One table of error statuses, so that every route documents each problem it can answer with the problem
schema (service/errors.py answers them).
"""

from __future__ import annotations

from http import HTTPStatus

from apispec import APISpec, BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import fields

from service.config import Limits
from service.schemas import MaxLength

BEARER_SCHEME = {
    "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "`Authorization: Bearer KEY`, required on /v1/attributions only when the server has API keys "
        "(QUOTES_API_KEYS); health, info, docs and metrics stay open.",
    }
}

ERROR_DESCRIPTIONS = {
    400: "Malformed JSON, or a body that is not UTF-8.",
    401: "API keys are configured and the request has no `Authorization: Bearer KEY`, or a wrong one.",
    408: "The request (headers and body) did not arrive within the server's read deadline.",
    413: "The body is larger than `limits.max_body_bytes` (see /v1/info), with Content-Length or chunked; or "
    "(`type` ends in `too-many-tokens`) an article needs more encoder tokens than `limits.max_tokens` "
    "(QUOTES_MAX_TOKENS), its count and the limit in `detail`, `tokens` and `max_tokens`.",
    415: "A content type this route does not take, or a charset other than UTF-8.",
    422: "Schema violations (field messages in `errors`), or text that is confidently not English "
    "(`type` ends in `unsupported-language`, the detected language in `detail`).",
    500: "An unexpected failure: a generic message and the request id; the details go to the server log.",
    503: "The model is not loaded yet or failed to load, or this worker's attribution queue is full "
    "(`type` ends in `overloaded`); always with Retry-After.",
    504: "The article was not attributed within the inference deadline (with Retry-After).",
}

ATTRIBUTION_ERRORS = (400, 401, 408, 413, 415, 422, 500, 503, 504)
PROBE_ERRORS = (500,)


def document_errors(blp, statuses):
    """Decorator: each status documented as a problem answer (the component QuotesApi registers for it,
    described from ERROR_DESCRIPTIONS)."""

    def decorate(view):
        for status in statuses:
            name = HTTPStatus(status).name
            view = blp.alt_response(status, response=name)(view)
        return view

    return decorate


class NullableSpans(BasePlugin):
    """Nullable spans as generators read them.

    A nullable nested schema becomes `{"allOf": [ref], "nullable": true}`, OpenAPI 3.0's plain nullable
    object: apispec writes `anyOf: [ref, {"type": "object", "nullable": true}]`, which generators turn
    into a union with an anonymous empty class; this form gives `Span | None`.
    """

    def schema_helper(self, name, definition, **kwargs):
        for prop in definition.get("properties", {}).values():
            options = prop.get("anyOf", [])
            if len(options) == 2 and "$ref" in options[0] and options[1] == {"type": "object", "nullable": True}:
                del prop["anyOf"]
                prop.update(allOf=[options[0]], nullable=True)
        return None


class ConfiguredContract(BasePlugin):
    """This app's limits and key requirement, written into its document as the routes are registered.

    The blueprints and schemas are shared by every app of the process and read the configuration per
    request, so the numbers (maxLength, maxItems) and the security requirement are filled in here.
    """

    def __init__(self, limits: Limits, *, secured_prefix: str | None):
        self.limits = limits
        self.secured_prefix = secured_prefix  # routes under it check API keys; None: no keys configured

    def init_spec(self, spec: APISpec) -> None:
        limits = self.limits

        def configured_max_length(converter, field, **kwargs) -> dict:
            for validator in field.validators:
                if isinstance(validator, MaxLength):
                    key = "maxItems" if isinstance(field, fields.List) else "maxLength"
                    return {key: getattr(limits, validator.limit)}
            return {}

        # The marshmallow plugin comes before the extra plugins, so its converter exists by now.
        marshmallow_plugin = next(plugin for plugin in spec.plugins if isinstance(plugin, MarshmallowPlugin))
        marshmallow_plugin.converter.add_attribute_function(configured_max_length)

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        for operation in operations.values():
            # A raw text/plain article is the Document's `text`, with its limit.
            plain_text = operation.get("requestBody", {}).get("content", {}).get("text/plain")
            if plain_text:
                plain_text["schema"]["maxLength"] = self.limits.max_text_chars
            if self.secured_prefix and path.startswith(self.secured_prefix):
                operation["security"] = [{"bearerAuth": []}]
