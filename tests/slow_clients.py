"""Slow and idle clients, opened against a server (gunicorn directly, or nginx in front), and the
probe latencies measured while they are open. Shared by tests/service/test_slow_clients.py and
tests/service/test_nginx.py, which run the same attack against the two topologies.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field

HOST = "127.0.0.1"
SLOW_BYTE_INTERVAL_S = 0.3


@dataclass
class SlowClients:
    """`idle` silent connections, `slow_headers` sending headers a byte at a time, `slow_bodies`
    sending a promised body a byte at a time, `promised` promising a body and sending nothing."""

    port: int
    idle: int = 30
    slow_headers: int = 4
    slow_bodies: int = 4
    promised: int = 4
    answers: list[bytes] = field(default_factory=list)
    _sockets: list[socket.socket] = field(default_factory=list)
    _threads: list[threading.Thread] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> SlowClients:
        for _ in range(self.idle):
            self._sockets.append(socket.create_connection((HOST, self.port), timeout=60))
        body_head = (
            b"POST /v1/attributions HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 3000\r\n\r\n"
        )
        for _ in range(self.promised):
            sock = socket.create_connection((HOST, self.port), timeout=60)
            sock.sendall(body_head)
            self._sockets.append(sock)
        request = b"GET /v1/health/live HTTP/1.1\r\nHost: t\r\nX-Padding: " + b"a" * 200 + b"\r\n\r\n"
        for _ in range(self.slow_headers):
            self._start(request)
        for _ in range(self.slow_bodies):
            self._start(body_head + b"a" * 3000, already=len(body_head))
        return self

    def _start(self, data: bytes, already: int = 0) -> None:
        sock = socket.create_connection((HOST, self.port), timeout=60)
        sock.sendall(data[:already])
        thread = threading.Thread(target=self._trickle, args=(sock, data[already:]), daemon=True)
        self._threads.append(thread)
        thread.start()

    def _trickle(self, sock: socket.socket, data: bytes) -> None:
        try:
            for byte in data:
                if self._stop.is_set():
                    return
                sock.sendall(bytes([byte]))
                time.sleep(SLOW_BYTE_INTERVAL_S)
        except OSError:  # the server gave up on us: what it answered is read below
            pass
        finally:
            try:
                sock.settimeout(5)
                self.answers.append(sock.recv(4096))
            except OSError:
                self.answers.append(b"")
            sock.close()

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for sock in self._sockets:
            sock.close()
        for thread in self._threads:
            thread.join(timeout=10)


def probe_latencies(port: int, seconds: float, path: str = "/v1/health/live") -> list[tuple[int | None, float]]:
    """GET `path` every 0.2 s for `seconds`: (status or None, seconds taken) each time."""
    import http.client

    results = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.perf_counter()
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        try:
            connection.request("GET", path)
            status = connection.getresponse().status
        except (OSError, http.client.HTTPException):
            status = None
        finally:
            connection.close()
        results.append((status, time.perf_counter() - started))
        time.sleep(0.2)
    return results
