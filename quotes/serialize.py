"""The JSON form of a result: the one definition shared by the HTTP API, the CLI and the Ray job.

``result_dict`` gives ``{"id", "quotes", "entities", "model"}``: the API answers with it (service/api/attributions.py;
its ResultSchema documents this form and does not build it a second way), the CLI and the Ray job write it.
"""

from __future__ import annotations

from dataclasses import asdict

from .types import Attributions, ModelInfo


def result_dict(doc_id: str | None, attributions: Attributions, model: ModelInfo) -> dict:
    """One Result: the engine's dataclasses as plain JSON values (tuples become lists, empty spans null)."""
    quotes = []
    for quote in attributions.quotes:
        body = _plain(asdict(quote))
        body["cue"] = _span_or_null(body["cue"])
        body["speaker"]["mention"] = _span_or_null(body["speaker"]["mention"])
        quotes.append(body)
    entities = []
    for entity in attributions.entities:
        body = _plain(asdict(entity))
        body["mentions"] = [m for m in body["mentions"] if not is_empty_span(m)]
        entities.append(body)
    return {"id": doc_id, "quotes": quotes, "entities": entities, "model": asdict(model)}


def is_empty_span(span: dict) -> bool:
    """An empty slice is no span: answered as null, or left out of a list (the engine once gave empty
    speaker mentions)."""
    return span["end"] <= span["start"]


def _span_or_null(span: dict | None) -> dict | None:
    return None if span is None or is_empty_span(span) else span


def error_dict(doc_id: str | None, error: BaseException, model: ModelInfo) -> dict:
    """The line a batch tool writes for a document that failed: its id, the error, and no results."""
    return {"id": doc_id, "error": f"{type(error).__name__}: {error}", "model": asdict(model)}


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
