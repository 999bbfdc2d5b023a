"""One wall-clock deadline for reading a request (headers and body), enforced on the client socket.

A per-recv timeout does not bound a client that sends one byte a second, so each read is given
what is left of the request's deadline. The gunicorn worker arms it (service/worker.py); the app
asks whether it has passed to answer 408 rather than 400 (service/api/body.py).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Mapping

from gunicorn.http.errors import NoMoreData

SOCKET_ENVIRON_KEY = "gunicorn.socket"


class ReadDeadlineExceeded(NoMoreData):
    """The client did not send its request in time. A NoMoreData, so that gunicorn closes the
    connection quietly when it happens while headers are read."""

    def __str__(self) -> str:
        return "the request was not received before its read deadline"


class DeadlineSocket:
    """A client socket whose reads stop at `deadline` (time.monotonic()); None: no deadline."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self.deadline: float | None = None
        self.expired = False
        self.capped = False  # brought forward by the app (a drain): its expiry is no client's fault

    def arm(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.expired = self.capped = False

    def disarm(self) -> None:
        self.deadline = None

    def cap(self, seconds: float) -> None:
        """Bring the deadline forward to at most `seconds` from now."""
        limit = time.monotonic() + seconds
        self.capped = True
        self.deadline = limit if self.deadline is None else min(self.deadline, limit)

    def recv(self, size: int, *flags) -> bytes:
        if self.deadline is None:
            return self._sock.recv(size, *flags)
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            self.expired = True
            raise ReadDeadlineExceeded()
        previous = self._sock.gettimeout()
        self._sock.settimeout(remaining)
        try:
            return self._sock.recv(size, *flags)
        except TimeoutError:
            self.expired = True
            raise ReadDeadlineExceeded() from None
        finally:
            self._sock.settimeout(previous)

    def fileno(self) -> int:
        return self._sock.fileno()

    def __getattr__(self, name: str):
        # Everything else (send, setblocking, close, getpeername...) is the socket's own.
        return getattr(self._sock, name)


def _socket_of(environ: Mapping) -> DeadlineSocket | None:
    sock = environ.get(SOCKET_ENVIRON_KEY)
    return sock if isinstance(sock, DeadlineSocket) else None


def read_deadline_passed(environ: Mapping) -> bool:
    """Whether this request's body read failed because its deadline passed (False outside gunicorn)."""
    sock = _socket_of(environ)
    return bool(sock and sock.expired)


def cap_read_deadline(environ: Mapping, seconds: float) -> None:
    """Give the rest of this request's body at most `seconds` more (e.g. draining before a 413)."""
    sock = _socket_of(environ)
    if sock is not None:
        sock.cap(seconds)
