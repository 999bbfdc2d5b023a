"""Request bodies: JSON, or (for one document) the raw article as text/plain or text/html; UTF-8 either way.

flask-smorest only documents content types, so the checks live here: 415 for any other type,
400 for malformed JSON or bytes that are not UTF-8 or a body that cannot be read, 408 for one that
did not arrive before the read deadline, 413 past the size limit however the body is framed.
"""

from __future__ import annotations

import json

from flask import Request, current_app
from flask_smorest import Blueprint
from webargs.flaskparser import FlaskParser

from service.deadlines import read_deadline_passed
from service.errors import (
    BodyNotUTF8,
    BodyUnreadable,
    MalformedJSON,
    PayloadTooLarge,
    RequestTimeout,
    UnsupportedMediaType,
)

JSON_OR_TEXT = "json_or_text"  # the webargs location of a body that may also be a text/plain or text/html article
UTF8_CHARSETS = {"utf-8", "utf8", "us-ascii", "ascii"}
UTF8_BOM = "\ufeff"
READ_CHUNK_BYTES = 64 * 1024


def read_body(req: Request) -> bytes:
    """The whole body, never more than MAX_BODY_BYTES of it, with Content-Length or chunked.

    werkzeug checks Content-Length, but a chunked body over the limit came back cut at the limit
    and was attributed (issue 9), so the bound is counted here on the raw WSGI stream."""
    limit = current_app.config["MAX_BODY_BYTES"]
    if req.content_length is not None and req.content_length > limit:
        raise PayloadTooLarge("too large")
    stream = req.environ["wsgi.input"]
    # With Content-Length, read that much and no more: a WSGI server need not end the stream there
    # (PEP 3333; werkzeug's own server does not), and a read past it waits for the next request.
    end = limit + 1 if req.content_length is None else req.content_length
    chunks, size = [], 0
    try:
        while size < end:
            chunk = stream.read(min(READ_CHUNK_BYTES, end - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except Exception:  # noqa: BLE001 -- whatever broke the client's stream, the request is unreadable
        if read_deadline_passed(req.environ):
            raise RequestTimeout("The request body did not arrive before the read deadline.") from None
        raise BodyUnreadable(
            "The request body could not be read (broken chunked encoding, or the client went away).",
        ) from None
    if size > limit:
        raise PayloadTooLarge("too large")
    if req.content_length is not None and size < req.content_length:
        # gunicorn ends a body quietly when the client closes early: a cut article is not attributed.
        raise BodyUnreadable(f"The request body ended after {size} of its {req.content_length} bytes.")
    return b"".join(chunks)


def is_json(mimetype: str) -> bool:
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def decode_utf8(req: Request) -> str:
    charset = req.mimetype_params.get("charset", "utf-8").lower()
    if charset not in UTF8_CHARSETS:
        raise UnsupportedMediaType(f"Only UTF-8 bodies are accepted, not charset={charset}.")
    data = read_body(req)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BodyNotUTF8(f"The request body is not valid UTF-8 (invalid byte at offset {error.start}).") from None


def parse_json_body(req: Request):
    text = decode_utf8(req)
    if text.startswith(UTF8_BOM):
        text = text[1:]
    if not text.strip():
        raise MalformedJSON("The request body is empty; expected a JSON object.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedJSON(
            f"The request body is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}."
        ) from None
    except RecursionError:
        raise MalformedJSON("The request body is not valid JSON: nested too deeply.") from None
    except ValueError as error:  # e.g. an integer of 5,000 digits, past Python's conversion limit
        raise MalformedJSON(f"The request body is not valid JSON: {str(error)[:200]}") from None


def unsupported(req: Request, accepted: str) -> UnsupportedMediaType:
    got = req.mimetype or "none"
    return UnsupportedMediaType(f"Content-Type {got} is not supported here; send {accepted}.")


class BodyParser(FlaskParser):
    """webargs parser whose body locations enforce our content types, encoding and JSON rules."""

    __location_map__ = {**FlaskParser.__location_map__, JSON_OR_TEXT: "load_json_or_text"}

    def load_json(self, req: Request, schema):
        if not is_json(req.mimetype):
            raise unsupported(req, "application/json")
        return parse_json_body(req)

    def load_json_or_text(self, req: Request, schema):
        if req.mimetype == "text/plain":
            return {"text": decode_utf8(req)}
        if req.mimetype == "text/html":
            return {"html": decode_utf8(req)}
        if not is_json(req.mimetype):
            raise unsupported(req, "application/json, text/plain or text/html")
        return parse_json_body(req)


class BodyBlueprint(Blueprint):
    """A flask-smorest Blueprint that parses bodies with BodyParser and documents `json_or_text`."""

    ARGUMENTS_PARSER = BodyParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {
        **Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
        JSON_OR_TEXT: "application/json",
    }
