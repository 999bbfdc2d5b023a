"""The real server: gunicorn with the repo's gunicorn.conf.py, 2 workers, on a free loopback port.

Each worker loads the shipped model itself; requests go over real HTTP, and /metrics must count them
across both workers (Prometheus multiprocess mode). Every wait is bounded; the server always stops.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from gunicorn_server import REPO, START_TIMEOUT_S

WORKER_MEMORY_MB = 6144  # tests/conftest.py's GUNICORN_SETTINGS


def test_real_http_requests_are_served_and_counted(gunicorn_server):
    server = gunicorn_server
    seed = (REPO / "seeds" / "000_104702930f359336.txt").read_bytes()
    before = server.metrics()

    def count(text, route, status):
        return server.metric(text, "quotes_http_requests_total", method="POST", route=route, status=status)

    status, headers, body = server.request(
        "POST", "/v1/attributions", seed, {"Content-Type": "text/plain", "X-Request-ID": "gunicorn-test-1"}
    )
    assert status == 200, body
    assert headers["X-Request-ID"] == "gunicorn-test-1"
    assert "inference;dur=" in headers["Server-Timing"]
    result = json.loads(body)
    text = seed.decode("utf-8")
    assert result["quotes"]
    assert all(text[q["start"] : q["end"]] == q["text"] for q in result["quotes"])

    for n in range(3):  # enough that both workers are likely to answer some
        status, _, _ = server.request(
            "POST",
            "/v1/attributions",
            json.dumps({"text": f'He said "no {n}".'}).encode(),
            {"Content-Type": "application/json"},
        )
        assert status == 200

    batch = {"documents": [{"text": "She said yes.", "id": "a"}, {"text": text, "id": "b"}]}
    status, _, body = server.request(
        "POST", "/v1/attributions/batch", json.dumps(batch).encode(), {"Content-Type": "application/json"}
    )
    assert status == 200
    assert [r["id"] for r in json.loads(body)["results"]] == ["a", "b"]

    status, headers, body = server.request(
        "POST", "/v1/attributions", b'{"text": ', {"Content-Type": "application/json"}
    )
    assert status == 400 and headers["Content-Type"] == "application/problem+json"

    status, headers, body = server.request(
        "POST", "/v1/attributions", b"a" * (3 * 1024 * 1024), {"Content-Type": "text/plain"}
    )
    assert status == 413 and json.loads(body)["status"] == 413

    after = server.metrics()
    assert count(after, "/v1/attributions", "200") - count(before, "/v1/attributions", "200") == 4
    assert count(after, "/v1/attributions/batch", "200") - count(before, "/v1/attributions/batch", "200") == 1
    assert count(after, "/v1/attributions", "400") - count(before, "/v1/attributions", "400") == 1
    assert count(after, "/v1/attributions", "413") - count(before, "/v1/attributions", "413") == 1
    assert server.metric(after, "quotes_quotes_found_total") > 0
    assert server.metric(after, "quotes_model_inference_seconds_count") >= 5
    assert server.metric(after, "quotes_http_request_duration_seconds_count", route="/v1/attributions") >= 6


def test_health_and_access_log(gunicorn_server):
    server = gunicorn_server
    assert server.request("GET", "/v1/health/live")[0] == 200
    assert server.request("GET", "/v1/health/ready")[0] == 200
    status, _, body = server.request("GET", "/v1/info")
    assert status == 200 and json.loads(body)["ready"] is True
    server.request("GET", "/v1/health/live", headers={"X-Request-ID": "access-log-check"})
    deadline = time.monotonic() + 10
    while "request_id=access-log-check" not in server.log() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "request_id=access-log-check" in server.log()
    assert "Traceback" not in server.log()


def test_each_worker_has_an_address_space_cap(gunicorn_server):
    """A runaway allocation fails inside the worker (a 500) rather than waking the OOM killer."""
    server = gunicorn_server
    for pid in server.worker_pids():
        limits = Path(f"/proc/{pid}/limits").read_text()
        line = next(line for line in limits.splitlines() if line.startswith("Max address space"))
        assert line.split()[3] == str(WORKER_MEMORY_MB * 1024 * 1024), line


def test_a_replacement_worker_loads_its_model_before_taking_requests(gunicorn_server):
    """After a worker dies (or reaches max_requests) its replacement must not answer 503s."""
    server = gunicorn_server
    victim = server.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)
    statuses = []
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        status, _, body = server.request(
            "POST", "/v1/attributions", b'The mayor said "yes".', {"Content-Type": "text/plain"}
        )
        statuses.append(status)
        pids = server.worker_pids()
        if (
            len(pids) == server.workers
            and victim not in pids
            and server.metric(server.metrics(), "quotes_workers_ready") >= server.workers
        ):
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"no ready replacement worker after {START_TIMEOUT_S} s:\n{server.log()[-3000:]}")
    # The replacement accepted nothing until its model was ready: no 503 while the other worker served.
    assert set(statuses) == {200}, statuses
