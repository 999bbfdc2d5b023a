"""Request bodies: JSON, or (for one document) the raw article as text/plain or text/html; UTF-8 either way.

flask-smorest only documents content types, so the checks live here: 415 for any other type,
400 for malformed JSON or bytes that are not UTF-8; the size limit (413) comes from werkzeug.
"""

from __future__ import annotations

import json

from flask import Request
from flask_smorest import Blueprint
from webargs.flaskparser import FlaskParser

from service.errors import BodyNotUTF8, MalformedJSON, UnsupportedMediaType

JSON_OR_TEXT = "json_or_text"  # the webargs location of a body that may also be a text/plain or text/html article
UTF8_CHARSETS = {"utf-8", "utf8", "us-ascii", "ascii"}
UTF8_BOM = "\ufeff"


def is_json(mimetype: str) -> bool:
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def decode_utf8(req: Request) -> str:
    charset = req.mimetype_params.get("charset", "utf-8").lower()
    if charset not in UTF8_CHARSETS:
        raise UnsupportedMediaType(f"Only UTF-8 bodies are accepted, not charset={charset}.")
    data = req.get_data(cache=True)  # werkzeug raises 413 past MAX_CONTENT_LENGTH
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
