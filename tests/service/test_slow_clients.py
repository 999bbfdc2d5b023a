"""Slow clients, idle connections and overload against real gunicorn (issue 9): the probes answer
within a second throughout, slow readers are cut at the read deadline, and attribution requests past
the bounded queue get 503 with Retry-After at once instead of waiting.
"""

from __future__ import annotations

import concurrent.futures
import json
import time

from slow_clients import SlowClients, probe_latencies

PROBE_LIMIT_S = 1.0
READ_TIMEOUT_S = 3  # tests/conftest.py's GUNICORN_SETTINGS


def test_probes_answer_while_slow_and_idle_clients_hold_connections(gunicorn_server):
    before = gunicorn_server.metric(gunicorn_server.metrics(), "quotes_deadline_exceeded_total", stage="read")
    with SlowClients(gunicorn_server.port) as clients:
        latencies = probe_latencies(gunicorn_server.port, seconds=READ_TIMEOUT_S + 2)
        ready = probe_latencies(gunicorn_server.port, seconds=1, path="/v1/health/ready")
        status, _, _ = gunicorn_server.request(
            "POST", "/v1/attributions", b'"Yes," she said.', {"Content-Type": "text/plain"}, timeout=30
        )
        assert status == 200
    assert all(status == 200 for status, _ in latencies + ready), latencies + ready
    assert max(seconds for _, seconds in latencies + ready) < PROBE_LIMIT_S, str(
        [(st, round(s, 2)) for st, s in latencies + ready]
    )
    # The slow body senders were answered 408 (problem+json) or cut off at the deadline.
    answered = [answer for answer in clients.answers if answer]
    assert all(answer.startswith(b"HTTP/1.1 408") for answer in answered), answered
    assert any(b"application/problem+json" in answer for answer in answered), answered
    after = gunicorn_server.metric(gunicorn_server.metrics(), "quotes_deadline_exceeded_total", stage="read")
    assert after - before >= clients.slow_bodies


def test_overload_is_shed_at_once_and_probes_stay_fast(gunicorn_server, seed_text):
    """10 long articles at once on 2 workers x 2 queue slots: the excess gets 503 within 2 s."""
    article = json.dumps({"text": (seed_text + "\n\n") * max(1, 20_000 // len(seed_text))}).encode()

    def attribute():
        started = time.perf_counter()
        status, headers, _ = gunicorn_server.request(
            "POST", "/v1/attributions", article, {"Content-Type": "application/json"}, timeout=120
        )
        return status, headers, time.perf_counter() - started

    before = gunicorn_server.metric(gunicorn_server.metrics(), "quotes_requests_shed_total")
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        futures = [pool.submit(attribute) for _ in range(10)]
        time.sleep(0.5)
        latencies = probe_latencies(gunicorn_server.port, seconds=3)
        results = [future.result() for future in futures]
    statuses = [status for status, _, _ in results]
    assert set(statuses) <= {200, 503}, statuses
    shed = [(headers, seconds) for status, headers, seconds in results if status == 503]
    assert len(shed) >= 3, statuses
    assert all(headers.get("Retry-After") and seconds < 2.0 for headers, seconds in shed), shed
    assert statuses.count(200) >= 2
    assert max(seconds for _, seconds in latencies) < PROBE_LIMIT_S, latencies
    after = gunicorn_server.metric(gunicorn_server.metrics(), "quotes_requests_shed_total")
    assert after - before == len(shed)
