"""The real server: gunicorn with the repo's gunicorn.conf.py, 2 workers, on a free loopback port.

Each worker loads the shipped model itself; requests go over real HTTP, and /metrics must count them
across both workers (Prometheus multiprocess mode). Every wait is bounded; the server always stops.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
WORKERS = 2
START_TIMEOUT_S = 240  # two workers loading the model on a busy 2-core machine
REQUEST_TIMEOUT_S = 120
WORKER_MEMORY_MB = 6144


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, process: subprocess.Popen, port: int, log_path: Path):
        self.process = process
        self.port = port
        self.log_path = log_path

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return [int(pid) for pid in children.split()]

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT_S)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def metric(self, text: str, name: str, **labels) -> float:
        """Sum of the samples of `name` whose labels include these."""
        total = 0.0
        for line in text.splitlines():
            match = re.fullmatch(rf"{name}(?:\{{(.*)\}})? (\S+)", line)
            if match:
                found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1) or ""))
                if all(found.get(key) == value for key, value in labels.items()):
                    total += float(match.group(2))
        return total

    def metrics(self) -> str:
        status, _, body = self.request("GET", "/metrics")
        assert status == 200
        return body.decode()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    # The server's own settings; the model directory is the one the rest of the suite uses.
    env = {
        key: value for key, value in os.environ.items() if not key.startswith("QUOTES_") or key == "QUOTES_MODEL_DIR"
    }
    env.update(
        QUOTES_BIND=f"{HOST}:{port}",
        QUOTES_WORKERS=str(WORKERS),
        QUOTES_TORCH_THREADS="1",
        QUOTES_WORKER_MEMORY_MB=str(WORKER_MEMORY_MB),
        PROMETHEUS_MULTIPROC_DIR=str(tmp / "metrics"),
    )
    log_path = tmp / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "service:create_app()"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, port, log_path)
    try:
        wait_until_all_workers_ready(server, process)
        yield server
    finally:
        stop(process)


def wait_until_all_workers_ready(server: Server, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{server.log()[-3000:]}")
        if "model failed to load" in server.log():
            pytest.fail(f"a worker could not load the model:\n{server.log()[-3000:]}")
        try:
            if server.metric(server.metrics(), "quotes_workers_ready") >= WORKERS:
                return
        except (OSError, http.client.HTTPException):
            pass  # not listening yet
        time.sleep(0.5)
    pytest.fail(f"workers not ready after {START_TIMEOUT_S} s:\n{server.log()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def test_real_http_requests_are_served_and_counted(server):
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


def test_health_and_access_log(server):
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


def test_each_worker_has_an_address_space_cap(server):
    """A runaway allocation fails inside the worker (a 500) rather than waking the OOM killer."""
    for pid in server.worker_pids():
        limits = Path(f"/proc/{pid}/limits").read_text()
        line = next(line for line in limits.splitlines() if line.startswith("Max address space"))
        assert line.split()[3] == str(WORKER_MEMORY_MB * 1024 * 1024), line


def test_a_replacement_worker_loads_its_model_before_taking_requests(server):
    """After a worker dies (or reaches max_requests) its replacement must not answer 503s."""
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
            len(pids) == WORKERS
            and victim not in pids
            and server.metric(server.metrics(), "quotes_workers_ready") >= WORKERS
        ):
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"no ready replacement worker after {START_TIMEOUT_S} s:\n{server.log()[-3000:]}")
    assert set(statuses) == {200}, statuses
    assert "replacement worker" in server.log()
