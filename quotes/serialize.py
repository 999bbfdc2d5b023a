"""The JSON form of a result: the one definition shared by the HTTP API, the CLI and the Ray job.

``result_dict`` gives ``{"id", "quotes", "entities", "model"}`` exactly as the API answers it (the API's
ResultSchema documents and checks this form; it does not build it a second way).
"""

from __future__ import annotations

from dataclasses import asdict

from .types import Attributions, ModelInfo


def result_dict(doc_id: str | None, attributions: Attributions, model: ModelInfo) -> dict:
    """One Result: the engine's dataclasses as plain JSON values (tuples become lists)."""
    return {
        "id": doc_id,
        "quotes": [_plain(asdict(quote)) for quote in attributions.quotes],
        "entities": [_plain(asdict(entity)) for entity in attributions.entities],
        "model": asdict(model),
    }


def error_dict(doc_id: str | None, error: BaseException, model: ModelInfo) -> dict:
    """The line a batch tool writes for a document that failed: its id, the error, and no results."""
    return {"id": doc_id, "error": f"{type(error).__name__}: {error}", "model": asdict(model)}


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
