"""The real server for tests: gunicorn with the repo's gunicorn.conf.py on a free loopback port.

`running_server(tmp, **env)` starts it with QUOTES_* overrides, waits until every worker is ready
(bounded), yields a `Server`, and always stops it. Raw-socket helpers send what HTTP clients won't.
The server's temporary files go under `tmp`, so a test can read which workers the roster marks ready.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service.worker import WorkerRoster

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
START_TIMEOUT_S = 240  # two workers loading the model on a busy 2-core machine
REQUEST_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def http_request(port: int, method: str, path: str, body=None, headers=None, timeout=None):
    """(status, headers, body) of one request on a fresh connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout or REQUEST_TIMEOUT_S)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Server:
    def __init__(self, process: subprocess.Popen, port: int, log_path: Path, workers: int, tmp_dir: Path):
        self.process = process
        self.port = port
        self.log_path = log_path
        self.workers = workers
        self.tmp_dir = tmp_dir  # the server's TMPDIR: gunicorn.conf.py makes the roster's directory in it

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return [int(pid) for pid in children.split()]

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None, timeout=None):
        return http_request(self.port, method, path, body, headers, timeout)

    def timed_get(self, path: str, timeout: float = 10) -> tuple[int, float]:
        started = time.perf_counter()
        status, _, _ = self.request("GET", path, timeout=timeout)
        return status, time.perf_counter() - started

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

    def ready_workers(self) -> float:
        return self.metric(self.metrics(), "quotes_workers_ready")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def marked_ready(self) -> set[int]:
        """The workers the roster marks ready (one may leave only while another is)."""
        return {pid for roster in self.tmp_dir.glob("quotes-workers-*") for pid in WorkerRoster(roster).ready_pids()}

    def wait_for(self, condition, what: str, timeout: float = START_TIMEOUT_S):
        """condition()'s first true value, looked at every 0.05 s; fails the test after `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if value := condition():
                return value
            time.sleep(0.05)
        pytest.fail(f"{what}: not after {timeout} s:\n{self.log()[-3000:]}")

    def wait_until_all_workers_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.process.returncode}:\n{self.log()[-3000:]}")
            try:
                if self.ready_workers() >= self.workers and len(self.worker_pids()) == self.workers:
                    return
            except (OSError, http.client.HTTPException):
                pass  # not listening yet
            time.sleep(0.5)
        pytest.fail(f"workers not ready after {START_TIMEOUT_S} s:\n{self.log()[-3000:]}")


@contextlib.contextmanager
def running_server(tmp: Path, workers: int = 2, wait: bool = True, **settings):
    """gunicorn with these QUOTES_* settings (e.g. READ_TIMEOUT="3"); the model dir is the suite's."""
    port = free_port()
    env = {
        key: value for key, value in os.environ.items() if not key.startswith("QUOTES_") or key == "QUOTES_MODEL_DIR"
    }
    env.update(
        QUOTES_BIND=f"{HOST}:{port}",
        QUOTES_WORKERS=str(workers),
        QUOTES_TORCH_THREADS="1",
        PROMETHEUS_MULTIPROC_DIR=str(tmp / "metrics"),
    )
    env.update({f"QUOTES_{name}": str(value) for name, value in settings.items()})
    tmp_dir = tmp / "server-tmp"
    tmp_dir.mkdir(exist_ok=True)
    env["TMPDIR"] = str(tmp_dir)
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
    server = Server(process, port, log_path, workers, tmp_dir)
    try:
        if wait:
            server.wait_until_all_workers_ready()
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def exchange(port: int, data: bytes, timeout: float = 30.0, half_close: bool = False) -> bytes:
    """Send raw bytes, return what the server answers before it closes or goes quiet (at most `timeout`)."""
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        received = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            received += chunk
            if response_complete(received):
                break
        return received


def tcp_receive_queue(local_port: int, remote_port: int = 0) -> int | None:
    """What waits for the server on its IPv4 loopback socket `local_port` whose peer has `remote_port` (0: the
    listening socket), from /proc/net/tcp: unread bytes, or for a listening socket connections not yet accepted;
    None when there is no such socket."""
    local, remote = f"0100007F:{local_port:04X}", f"{'0100007F' if remote_port else '00000000'}:{remote_port:04X}"
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == local and fields[2] == remote:
            return int(fields[4].split(":")[1], 16)
    return None


def response_complete(data: bytes) -> bool:
    head, separator, body = data.partition(b"\r\n\r\n")
    if not separator:
        return False
    match = re.search(rb"\r\ncontent-length: *(\d+)", head, re.IGNORECASE)
    return bool(match) and len(body) >= int(match.group(1))


def status_of(response: bytes) -> int | None:
    match = re.match(rb"HTTP/1\.[01] (\d{3})", response)
    return int(match.group(1)) if match else None
