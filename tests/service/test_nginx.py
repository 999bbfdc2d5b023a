"""The production topology: nginx (deploy/, started by scripts/nginx.sh) in front of real gunicorn.

The slow-client attack of test_slow_clients.py, through nginx: nginx holds the slow connections and
gunicorn never sees them. Also nginx's own refusals (body limit, rate limit) as problem+json.
Skipped, saying so, where nginx is not installed (Debian: apt-get install -y nginx).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time

import pytest
from gunicorn_server import HOST, REPO, exchange, free_port, status_of
from gunicorn_server import http_request as request
from slow_clients import SlowClients, probe_latencies

pytestmark = pytest.mark.skipif(
    shutil.which("nginx") is None, reason="nginx is not installed (Debian: apt-get install -y nginx)"
)
START_TIMEOUT_S = 20


@pytest.fixture(scope="module")
def nginx(gunicorn_server, tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("nginx")
    port = free_port()
    env = {
        **os.environ,
        "QUOTES_UPSTREAM": f"{HOST}:{gunicorn_server.port}",
        "NGINX_PORT": str(port),
        "RUN_DIR": str(run_dir),
    }
    log = open(run_dir / "nginx.log", "wb")
    process = subprocess.Popen(
        ["bash", "scripts/nginx.sh"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"nginx exited: {(run_dir / 'nginx.log').read_text()}")
            try:
                if request(port, "GET", "/v1/health/ready")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"nginx not answering after {START_TIMEOUT_S} s")
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        log.close()


def test_requests_pass_through(nginx):
    status, headers, body = request(
        nginx, "POST", "/v1/attributions", b'"We will," she said.', {"Content-Type": "text/plain"}
    )
    assert status == 200 and json.loads(body)["quotes"], body
    assert headers["X-Request-ID"]


def test_probes_answer_while_slow_and_idle_clients_hold_nginx_connections(nginx, gunicorn_server):
    before = gunicorn_server.metric(gunicorn_server.metrics(), "quotes_deadline_exceeded_total", stage="read")
    with SlowClients(nginx, idle=30, slow_headers=4, slow_bodies=4, promised=4):
        latencies = probe_latencies(nginx, seconds=5)
        status, _, _ = request(nginx, "POST", "/v1/attributions", b'"Yes," he said.', {"Content-Type": "text/plain"})
        assert status == 200
    assert all(status == 200 for status, _ in latencies), latencies
    assert max(seconds for _, seconds in latencies) < 1.0, str([round(s, 2) for _, s in latencies])
    # nginx held the slow clients: gunicorn never waited on a read.
    after = gunicorn_server.metric(gunicorn_server.metrics(), "quotes_deadline_exceeded_total", stage="read")
    assert after == before


def test_nginx_refuses_oversized_bodies_as_problem_json(nginx):
    for framing in (b"Content-Length: %d\r\n" % (3 * 2**20), b"Transfer-Encoding: chunked\r\n"):
        body = b"a" * (3 * 2**20)
        if b"chunked" in framing:
            body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
        answer = exchange(
            nginx,
            b"POST /v1/attributions HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n" + framing + b"\r\n" + body,
        )
        assert status_of(answer) == 413, answer[:300]
        assert b"application/problem+json" in answer


def test_nginx_limits_the_rate_per_client(nginx):
    statuses = []
    for _ in range(40):
        status, headers, body = request(nginx, "POST", "/v1/attributions", b"{", {"Content-Type": "application/json"})
        statuses.append(status)
        if status == 429:
            assert headers["Content-Type"] == "application/problem+json" and headers["Retry-After"]
            assert json.loads(body)["status"] == 429
    assert 429 in statuses and 400 in statuses, statuses
