"""The service's own guards (issue 9), in process: the bounded queue (503 + Retry-After), the
inference deadline (504), load retries, JSON and field limits, fixed metric labels, spans that are
never empty, and an import of the service that loads no torch (issue 10).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from conftest import REPO, assert_problem

from quotes.serialize import result_dict
from quotes.types import Attributions, Entity, ModelInfo, Quote, Span, Speaker
from service import engine_holder
from service.schemas import ResultSchema

URL = "/v1/attributions"


def long_article(seed_text: str, chars: int = 20_000) -> str:
    return ((seed_text + "\n\n") * (chars // len(seed_text) + 1))[:chars]


def serve_until_idle(client, limit_s: float = 120) -> None:
    """Wait until the app's engine is free again (a 504'd call runs on to its end)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if client.post(URL, json={"text": "He said hi."}).status_code == 200:
            return
        time.sleep(0.5)
    pytest.fail("the engine never came free")


def test_a_full_queue_is_shed_at_once_with_retry_after(make_app, seed_text):
    app = make_app(QUEUE_DEPTH=1)
    engine = app.extensions[engine_holder.EXTENSION_KEY]
    article = long_article(seed_text)
    first = threading.Thread(target=lambda: app.test_client().post(URL, json={"text": article}))
    first.start()
    try:
        deadline = time.monotonic() + 30
        while engine.in_flight == 0 and time.monotonic() < deadline:
            time.sleep(0.005)
        started = time.perf_counter()
        response = app.test_client().post(URL, json={"text": "He said hi."})
        problem = assert_problem(response, 503)
        assert problem["type"].endswith("overloaded")
        assert int(response.headers["Retry-After"]) > 0
        assert time.perf_counter() - started < 1.0  # refused, not queued
    finally:
        first.join(timeout=120)
    assert engine.in_flight == 0
    assert app.test_client().post(URL, json={"text": "He said hi."}).status_code == 200


def test_inference_past_its_deadline_is_504_and_the_worker_serves_on(make_app, seed_text):
    # A deadline no real inference of 30,000 characters meets on any CPU (it takes a second or more).
    app = make_app(INFERENCE_TIMEOUT=0.05)
    client = app.test_client()
    started = time.perf_counter()
    response = client.post(URL, json={"text": long_article(seed_text, 30_000)})
    problem = assert_problem(response, 504)
    assert problem["type"].endswith("inference-timeout") and response.headers["Retry-After"]
    assert time.perf_counter() - started < 5
    # The worker serves on: with a deadline a loaded machine can meet (0.05 s is not one for any call),
    # the next request is answered once the cut-off call has run to its end.
    app.extensions[engine_holder.EXTENSION_KEY].deadline_s = 60
    serve_until_idle(client)
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'quotes_deadline_exceeded_total{stage="inference"}' in metrics


def test_a_failed_load_is_retried_until_it_succeeds(make_app, attributor, monkeypatch):
    monkeypatch.setattr(engine_holder, "LOAD_RETRY_FIRST_S", 0.05)
    attempts = []

    def flaky(model_dir, num_threads):
        attempts.append(model_dir)
        if len(attempts) < 3:
            raise OSError("model copy not complete yet")
        return attributor

    app = make_app(ATTRIBUTOR=None, ENGINE_FACTORY=flaky, ENGINE_LOADING="background")
    engine = app.extensions[engine_holder.EXTENSION_KEY]
    assert engine.wait(timeout=30)
    assert len(attempts) == 3 and engine.load_attempts == 3
    assert app.test_client().get("/v1/health/ready").status_code == 200


@pytest.mark.parametrize(
    "body",
    [b'{"text": ' + b"9" * 5000 + b"}", b'{"documents": [{"text": -' + b"1" * 10_000 + b"}]}"],
)
def test_integers_past_the_conversion_limit_are_400(client, body):
    url = URL + "/batch" if b"documents" in body else URL
    problem = assert_problem(client.post(url, data=body, content_type="application/json"), 400)
    assert "JSON" in problem["detail"]


def test_a_lone_surrogate_in_id_is_422(client):
    response = client.post(URL, data=b'{"text": "He said hi.", "id": "\\ud800"}', content_type="application/json")
    assert "id" in assert_problem(response, 422)["errors"]


def test_a_huge_unknown_key_is_named_not_echoed(client):
    response = client.post(URL, json={"text": "a", "k" * 1_000_000: 1})
    assert_problem(response, 422)
    assert len(response.get_data()) < 2000


def test_a_double_slash_is_404_not_a_redirect(client):
    assert_problem(client.post("/v1//attributions", json={"text": "a"}), 404)


def test_unknown_methods_share_one_metrics_label(client):
    for method in ("FOO", "BAR", "QWERTY"):
        assert_problem(client.open("/v1/health/live", method=method), 405)
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'method="other"' in metrics
    assert not any(f'method="{method}"' in metrics for method in ("FOO", "BAR", "QWERTY"))


def test_empty_spans_are_answered_as_null_or_left_out():
    text = "Hello, he said."
    empty = Span("", 7, 7)
    quote = Quote("q1", "direct", "Hello", 0, 5, empty, Speaker("X", "e1", empty), 0.9)
    entity = Entity("e1", "X", "person", mentions=(empty, Span.of(text, 7, 9)))
    body = result_dict(None, Attributions((quote,), (entity,)), ModelInfo("m", "1"))
    assert body["quotes"][0]["cue"] is None and body["quotes"][0]["speaker"]["mention"] is None
    assert body["entities"][0]["mentions"] == [{"text": "he", "start": 7, "end": 9}]
    assert ResultSchema().dump(body) == body  # the API answers with this form as it is


def test_importing_the_service_loads_no_torch():
    """gunicorn.conf.py imports service.config and service.worker in the master, before the fork."""
    code = (
        "import sys, service, service.config, service.worker; "
        "loaded = [m for m in ('torch', 'transformers', 'flask', 'prometheus_client') if m in sys.modules]; "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
