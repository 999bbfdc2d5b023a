"""Shared fixtures: the real shipped model, loaded once per session, and apps built around it.

`attributor` is the engine itself (tests of the engine use it directly), `resolver` its speaker
resolver alone; `app` and `client` serve it through the web layer; `make_app` builds a variant (API
keys, limits, background loading);
`gunicorn_server` is the real server (2 workers, short read deadline), shared by the modules that
need one so that the model loads once for all of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gunicorn_server import running_server

from service import create_app
from service.config import DEFAULT_MODEL_DIR, resolve_model_dir, settings_from_environ

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_104702930f359336.txt"


@pytest.fixture(scope="session")
def model_dir() -> Path:
    path = resolve_model_dir(settings_from_environ()["MODEL_DIR"] or DEFAULT_MODEL_DIR)
    if not path.is_dir():
        pytest.fail(f"the shipped model is missing: {path}")
    return path


@pytest.fixture(scope="session")
def attributor(model_dir):
    from quotes import Attributor

    return Attributor.from_path(model_dir, num_threads=settings_from_environ()["TORCH_THREADS"])


@pytest.fixture(scope="session")
def resolver():
    """The speaker resolver alone (its word lists and rules; no model), for the speaker tests that give it
    mentions themselves."""
    from quotes.speakers import SpeakerResolver

    return SpeakerResolver.load()


@pytest.fixture(scope="session")
def make_app(attributor):
    """Build an app around the session's engine; `overrides` are create_app config keys."""

    def build(**overrides):
        config = {"ATTRIBUTOR": attributor, "ENGINE_LOADING": "sync", "API_KEYS": ()}
        config.update(overrides)
        return create_app(config)

    return build


@pytest.fixture(scope="session")
def app(make_app):
    return make_app()


@pytest.fixture()
def client(app):
    return app.test_client()


# The shared server's settings: a short read deadline and keepalive so that slow-client tests end fast.
GUNICORN_SETTINGS = {"READ_TIMEOUT": 3, "KEEPALIVE": 2, "QUEUE_DEPTH": 2, "THREADS": 16, "WORKER_MEMORY_MB": 6144}


@pytest.fixture(scope="session")
def gunicorn_server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("gunicorn"), **GUNICORN_SETTINGS) as server:
        yield server


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def assert_spans_slice(text: str, result: dict) -> None:
    """Every span of a Result body is non-empty and slices the submitted text exactly."""
    spans = []
    for quote in result["quotes"]:
        spans.append(quote)
        spans.append(quote["cue"])
        spans.append(quote["speaker"]["mention"])
    for entity in result["entities"]:
        spans.extend(entity["mentions"])
    for span in spans:
        if span is None:
            continue
        assert 0 <= span["start"] < span["end"] <= len(text), span  # a span is never empty: null instead
        assert text[span["start"] : span["end"]] == span["text"], span


def assert_problem(response, status: int) -> dict:
    """An RFC 9457 problem answer with this status, carrying the request id."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["type"] and body["title"] and body["detail"]
    assert body["request_id"] == response.headers["X-Request-ID"]
    return body


@pytest.fixture(scope="session")
def short_articles():
    """``short_articles(count)``: {"id", "text"} records of 300-700 characters cut from the seed article,
    quotes in most of them (the CLI and Ray tests)."""
    text = SEED.read_text(encoding="utf-8")

    def make(count: int) -> list[dict]:
        step = max(1, (len(text) - 700) // count)
        return [{"id": f"a{n}", "text": text[n * step : n * step + 300 + (n % 5) * 100]} for n in range(count)]

    return make
