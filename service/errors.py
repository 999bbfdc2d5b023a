"""Every error answer is RFC 9457 problem details (`application/problem+json`).

One table maps our exceptions to statuses; werkzeug's HTTP errors (404, 405, 413, webargs' 422) and
anything unexpected (500, logged here, never shown to the client) go through the same handler.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping

from flask import Flask, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from service.deadlines import cap_read_deadline

log = logging.getLogger("service.errors")

PROBLEM_CONTENT_TYPE = "application/problem+json"
MAX_DETAIL_MESSAGES = 3
MAX_FIELD_NAME_CHARS = 64  # an unknown key is named, not echoed whole (a 1 MB key made a 2 MB answer)
BODY_LOCATIONS = {"json", "json_or_text"}  # webargs locations of a request body


class ApiError(Exception):
    """An error the client can act on; `detail` is shown to the client, so keep internals out."""

    slug = "error"

    def __init__(
        self,
        detail: str,
        *,
        errors: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        extensions: Mapping[str, object] | None = None,
    ):
        super().__init__(detail)
        self.detail = detail
        self.errors = dict(errors) if errors else None
        self.headers = dict(headers or {})
        self.extensions = dict(extensions or {})  # RFC 9457 extension members, beside type/title/detail


class MalformedJSON(ApiError):
    slug = "malformed-json"


class BodyNotUTF8(ApiError):
    slug = "body-not-utf8"


class MissingCredentials(ApiError):
    slug = "unauthorized"


class PayloadTooLarge(ApiError):
    slug = "payload-too-large"


class UnsupportedMediaType(ApiError):
    slug = "unsupported-media-type"


class TooManyTokens(ApiError):
    """An article whose encoder tokens exceed the budget (QUOTES_MAX_TOKENS): text far denser in tokens than
    prose, whose time would go past that of the longest allowed article."""

    slug = "too-many-tokens"


class InvalidRequest(ApiError):
    slug = "invalid-request"


class NotReady(ApiError):
    slug = "not-ready"


class UnsupportedLanguage(ApiError):
    """The text is confidently not in a language the model reads (quotes.language's policy)."""

    slug = "unsupported-language"


class Overloaded(ApiError):
    """The worker's attribution queue is full: shed at once rather than queue without bound."""

    slug = "overloaded"


class InferenceTimeout(ApiError):
    slug = "inference-timeout"


class RequestTimeout(ApiError):
    """The client did not send its request before the read deadline."""

    slug = "read-timeout"


class BodyUnreadable(ApiError):
    """The body stream failed (a broken chunked encoding, a client gone mid-body)."""

    slug = "body-unreadable"


STATUS_OF_ERROR: dict[type[ApiError], int] = {
    MalformedJSON: 400,
    BodyNotUTF8: 400,
    BodyUnreadable: 400,
    MissingCredentials: 401,
    RequestTimeout: 408,
    PayloadTooLarge: 413,
    TooManyTokens: 413,
    UnsupportedMediaType: 415,
    InvalidRequest: 422,
    UnsupportedLanguage: 422,
    NotReady: 503,
    Overloaded: 503,
    InferenceTimeout: 504,
}

# werkzeug's own errors keep their status; these give them our wording.
SLUG_OF_STATUS = {
    400: "bad-request",
    404: "not-found",
    405: "method-not-allowed",
    413: "payload-too-large",
    422: "invalid-request",
    500: "internal-error",
}
DETAIL_OF_STATUS = {
    404: "No such resource; see /openapi.json for the routes.",
    500: "The server failed to process this request; the error has been logged under the request id.",
}


def problem_type(slug: str) -> str:
    return f"urn:quotes:problem:{slug}"


def problem_response(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    errors: Mapping[str, list[str]] | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, object] | None = None,
):
    payload = {
        "type": problem_type(slug or SLUG_OF_STATUS.get(status, "error")),
        "title": HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "request_id": g.get("request_id"),
    }
    if errors is not None:
        payload["errors"] = dict(errors)
    payload.update(extensions or {})
    response = jsonify(payload)
    response.status_code = status
    response.mimetype = PROBLEM_CONTENT_TYPE
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def flatten_messages(messages, path: str = "") -> Iterator[tuple[str, str]]:
    """marshmallow's nested messages as ("documents.3.text", "message") pairs."""
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            name = "body" if key == "_schema" else shorten(str(key))
            yield from flatten_messages(value, f"{path}.{name}" if path else name)
    elif isinstance(messages, (list, tuple)):
        for value in messages:
            yield from flatten_messages(value, path)
    else:
        yield path or "body", str(messages)


def shorten(name: str) -> str:
    return name if len(name) <= MAX_FIELD_NAME_CHARS else name[:MAX_FIELD_NAME_CHARS] + f"...({len(name)} chars)"


def validation_errors(messages) -> dict[str, list[str]]:
    # webargs files messages under the location ("json"); the client sent one body, so drop it.
    if isinstance(messages, Mapping) and len(messages) == 1 and set(messages) <= BODY_LOCATIONS:
        messages = next(iter(messages.values()))
    errors: dict[str, list[str]] = {}
    for path, message in flatten_messages(messages):
        errors.setdefault(path, []).append(message)
    return errors


def summarise(errors: Mapping[str, list[str]]) -> str:
    parts = [f"{path}: {message}" for path, messages in errors.items() for message in messages]
    extra = len(parts) - MAX_DETAIL_MESSAGES
    summary = "; ".join(parts[:MAX_DETAIL_MESSAGES])
    return summary + (f"; and {extra} more" if extra > 0 else "")


def handle_api_error(error: ApiError):
    if isinstance(error, PayloadTooLarge):
        return payload_too_large()
    return problem_response(
        STATUS_OF_ERROR[type(error)],
        error.detail,
        slug=error.slug,
        errors=error.errors,
        headers=error.headers,
        extensions=error.extensions,
    )


def handle_http_exception(error: HTTPException):
    status = error.code or 500
    headers = {name: value for name, value in error.get_headers() if name.lower() == "allow"}
    if status == 422:
        errors = validation_errors(getattr(error, "data", {}).get("messages", {}))
        return problem_response(422, summarise(errors) or "The request body is invalid.", errors=errors)
    if status == 413:
        return payload_too_large()
    if status == 405:
        detail = f"Method not allowed here; allowed: {headers.get('Allow', 'none')}."
    else:
        detail = DETAIL_OF_STATUS.get(status) or error.description or HTTP_STATUS_CODES.get(status, "Error")
    if status >= 500:
        log.error("HTTP %s [request_id=%s]: %s", status, g.get("request_id"), error.description)
        detail = DETAIL_OF_STATUS[500]
    return problem_response(status, detail, headers=headers)


# Past these, an oversized upload is cut off rather than read (a 413 once took 15 s to drain).
DRAIN_LIMIT_BYTES = 8 * 1024 * 1024
DRAIN_SECONDS = 2.0


def drain_unread_body() -> None:
    """Read and drop the rest of an oversized body before answering 413, within a bound.

    Closing a socket with unread data makes the kernel send a reset, and the client then loses the
    413 it was about to read (seen as a broken pipe). Reading the rest, up to a bound in bytes and
    time, lets the answer arrive, as nginx's lingering close does."""
    cap_read_deadline(request.environ, DRAIN_SECONDS)
    # A chunked body has no length to go by: drain it to its end, within the same bounds.
    length = request.content_length
    remaining = DRAIN_LIMIT_BYTES if length is None else min(length, DRAIN_LIMIT_BYTES)
    stream = request.environ.get("wsgi.input")
    try:
        while stream is not None and remaining > 0:
            chunk = stream.read(min(remaining, 64 * 1024))
            if not chunk:
                break
            remaining -= len(chunk)
    except Exception:  # noqa: BLE001 -- any failure of the client's stream ends the drain, nothing more
        pass


def payload_too_large():
    """The 413 answer, whether the limit was seen in Content-Length or while reading a chunked body."""
    drain_unread_body()
    limit = current_app.config["MAX_BODY_BYTES"]
    detail = f"The request body is larger than the limit of {limit} bytes."
    # What is left of the body stays unread: the deadline cap above makes gunicorn close the connection.
    return problem_response(413, detail, slug=PayloadTooLarge.slug)


def handle_unexpected(error: Exception):
    log.exception("unhandled error [request_id=%s]", g.get("request_id"))
    return problem_response(500, DETAIL_OF_STATUS[500])


def register_error_handlers(app: Flask) -> None:
    """Registered after flask-smorest's Api, so these replace its JSON error handler."""
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
