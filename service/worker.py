"""The gunicorn worker: gthread, with what keeps a few clients or a recycle from taking the service down.

- An idle connection waits in the poller, not in a request thread (gthread holds one for 5 s).
- Reading a request (headers and body) has one deadline (service/deadlines.py).
- A worker whose model is not ready accepts no connections while another worker is ready, so a
  failed load or a replacement that is still loading takes no traffic, and readiness cannot flap;
  when none is ready, all accept (liveness answers on a cold start).
- Recycling (by resident memory or attribution count; probes do not count) happens one worker at a
  time, and only while another worker is ready to serve. A leaving worker stops accepting at once (the
  listen backlog is the ready worker's) and answers, with ``Connection: close``, every connection it has
  accepted whose request arrives within ``keepalive`` s (``graceful_timeout`` at most; each such wait is
  logged); one kept alive between requests gets gthread's 2 s (``STOP_KEEPALIVE_LINGER``, at most
  ``keepalive``): a request that races its close is the client's to retry (RFC 9112 9.6). The worker exits
  once none is left, ``graceful_timeout`` after deciding to leave at the latest (a request being read or
  run by then finishes in its thread first, within its read and inference deadlines).
- gunicorn's own error answers (400, 414, 431...) are problem+json, like the app's.

What counts towards recycling is gunicorn's documented ``pre_request`` server hook
(``count_attribution_request``, set in gunicorn.conf.py). The rest has no setting or server hook in the pinned
gunicorn (27.0.1), so it overrides gthread.ThreadWorker's undocumented methods, each for one reason:
- ``util.write_error`` is replaced: the one writer of gunicorn's HTML error page (no setting for it).
- ``handle``: ``gthread._DEFER`` and the connection's ``initialized``/``data_ready``/``wait_for_data``, to
  defer a silent connection at once (gthread waits 5 s in a request thread first, a module constant); and
  the socket wrapped for the read deadline (``timeout`` is the worker's heartbeat, not a request's).
- ``set_accept_enabled``, ``wait_for_and_dispatch_events`` (with ``nr_conns``, ``worker_connections``,
  ``alive``, as gthread's own loop reads them): accepting only while ready, and leaving one worker at a time
  (``max_requests`` would count probes and recycle every worker at once).
- ``finish_request`` (with ``pending_conns``, ``poller``, ``on_pending_socket_readable``, as gthread's own
  deferral uses them): once ``alive`` is False, gthread closes a connection that has sent nothing yet (its
  ``_DEFER`` branch requires ``alive``, and the next one fails on the connection's missing parser), which
  dropped a client that had connected just before the worker decided to leave and then sent its POST.
tests/service/test_*gunicorn*, test_bad_input, test_slow_clients and test_recycling fail if an upgrade
changes them.
"""

from __future__ import annotations

import fcntl
import json
import os
import selectors
import time
from functools import partial
from pathlib import Path

from gunicorn import util
from gunicorn.workers import gthread

from service.config import ServerSettings
from service.deadlines import DeadlineSocket
from service.memory import rss_mb

ATTRIBUTIONS_PATH = "/v1/attributions"  # requests under it count towards recycle_after_requests
MAX_ERROR_DETAIL_CHARS = 200
CLOSE_LINGER_S = 0.1  # how long a closing connection may still be drained (a FIN arrives in far less)
# gunicorn's own error statuses and the problem types the app uses for them (service/errors.py).
SLUG_OF_GUNICORN_STATUS = {400: "bad-request", 403: "forbidden", 414: "uri-too-long", 431: "header-fields-too-large"}


class WorkerRoster:
    """Which workers are ready, as marker files in a directory the master and its workers share.

    One lock file serialises the decision to leave (recycle): a worker leaves only while another
    is marked ready, and unmarks itself before it lets the next one decide."""

    def __init__(self, directory: str | os.PathLike[str]):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    def _marker(self, pid: int) -> Path:
        return self.directory / f"ready.{pid}"

    def mark_ready(self, pid: int) -> None:
        self._marker(pid).touch()

    def unmark(self, pid: int) -> None:
        self._marker(pid).unlink(missing_ok=True)

    def ready_pids(self) -> set[int]:
        pids = set()
        for marker in self.directory.glob("ready.*"):
            pid = int(marker.suffix[1:])
            if Path(f"/proc/{pid}").exists():  # a worker killed outright leaves its marker behind
                pids.add(pid)
        return pids

    def others_ready(self, pid: int) -> int:
        return len(self.ready_pids() - {pid})

    def try_leave(self, pid: int) -> bool:
        """True (and unmarked) when another worker is ready to serve while this one is replaced."""
        with open(self.directory / "recycle.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if self.others_ready(pid) == 0:
                return False
            self.unmark(pid)
            return True


def write_problem(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's util.write_error, answering problem+json instead of an HTML page.

    gunicorn answers an unknown Transfer-Encoding with 501; it is the client's error, and a 5xx
    would page whoever watches the server's error rate, so it is a 400 here."""
    if status_int == 501:
        status_int, reason = 400, "Bad Request"
    body = json.dumps(
        {
            "type": f"urn:quotes:problem:{SLUG_OF_GUNICORN_STATUS.get(status_int, 'error')}",
            "title": reason,
            "status": status_int,
            "detail": mesg[:MAX_ERROR_DETAIL_CHARS] or reason,
            "request_id": None,
        }
    ).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/problem+json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


class QuotesWorker(gthread.ThreadWorker):
    """gunicorn.conf.py sets `settings` and `roster_dir` before the workers fork."""

    settings: ServerSettings
    roster_dir: str

    def init_process(self):
        # gunicorn has no setting for its error page; its one writer is replaced in this process.
        util.write_error = write_problem
        self.roster = WorkerRoster(self.roster_dir)
        self.attribution_requests = 0
        self.marked_ready = False
        super().init_process()

    # -- connections -----------------------------------------------------------------------------
    def handle(self, conn):
        if not conn.initialized and not conn.data_ready and not conn.wait_for_data(0):
            # Nothing sent yet: wait in the poller (closed after `keepalive` s), not in a thread.
            return gthread._DEFER
        if not isinstance(conn.sock, DeadlineSocket):
            conn.sock = DeadlineSocket(conn.sock)
        conn.sock.arm(self.settings.read_timeout)
        keep_alive = False
        try:
            keep_alive = super().handle(conn)
            return keep_alive
        finally:
            if conn.sock.expired and not conn.sock.capped:
                from service import metrics

                metrics.observe_deadline("read")
            if keep_alive is True:
                conn.sock.disarm()
            else:
                # gunicorn drains a closing connection on its main loop (up to 2 s): a client that
                # keeps trickling bytes would stall every other connection of this worker meanwhile.
                conn.sock.cap(CLOSE_LINGER_S)

    # -- readiness, accepting and recycling: looked at once per turn of the main loop (<= 1 s) -----
    def wait_for_and_dispatch_events(self, timeout):
        if self.alive:
            self.look_after_readiness()
        super().wait_for_and_dispatch_events(timeout)

    def set_accept_enabled(self, enabled):
        super().set_accept_enabled(enabled and self.alive and self.may_accept())

    @property
    def engine_ready(self) -> bool:
        from service.engine_holder import EXTENSION_KEY

        return self.wsgi.extensions[EXTENSION_KEY].ready

    def may_accept(self) -> bool:
        return self.engine_ready or self.roster.others_ready(self.pid) == 0

    def look_after_readiness(self) -> None:
        if self.engine_ready and not self.marked_ready:
            self.roster.mark_ready(self.pid)
            self.marked_ready = True
        if self.marked_ready and self.recycle_reason() and self.roster.try_leave(self.pid):
            self.log.info("recycling worker %s: %s", self.pid, self.recycle_reason())
            self.leave()
            return
        super().set_accept_enabled(self.nr_conns < self.worker_connections and self.may_accept())

    def leave(self) -> None:
        """Stop accepting at once, before this turn's events are dispatched: what waits in the listen backlog is
        the ready worker's to take (gthread unregisters the listener only after its loop, so it accepted one more
        turn's connections after ``alive`` turned False)."""
        self.alive = False
        super().set_accept_enabled(False)

    def finish_request(self, conn, fs):
        if not self.alive and not fs.cancelled() and fs.exception() is None:
            if fs.result() is gthread._DEFER:
                self.wait_for_request(conn)
                return
        super().finish_request(conn, fs)

    def wait_for_request(self, conn) -> None:
        """A leaving worker's accepted connection that has sent nothing yet waits in the poller, as gthread defers
        one while alive, for `keepalive` s at most (and no longer than the worker's graceful exit): its request is
        answered (with Connection: close), or murder_pending closes it; the exit waits for it (it is in nr_conns)."""
        grace = min(self.cfg.keepalive, self.cfg.graceful_timeout)
        self.log.info("leaving worker %s: a connection it accepted waits up to %s s for its request", self.pid, grace)
        conn.sock.setblocking(False)
        conn.timeout = time.monotonic() + grace
        self.pending_conns.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn))

    def recycle_reason(self) -> str | None:
        limit_mb, limit_requests = self.settings.recycle_rss_mb, self.settings.recycle_after_requests
        if limit_mb and (rss := rss_mb()) > limit_mb:
            return f"resident memory {rss:.0f} MB > {limit_mb} MB"
        if limit_requests and self.attribution_requests >= limit_requests:
            return f"{self.attribution_requests} attribution requests"
        return None


def count_attribution_request(worker, req) -> None:
    """gunicorn's ``pre_request`` server hook: attribution requests count towards recycle_after_requests (probes
    and /metrics do not). Request threads share the count; a count off by one under a race recycles a request
    later, which is harmless."""
    worker.log.debug("%s %s", req.method, req.path)  # what gunicorn's default pre_request does
    if isinstance(worker, QuotesWorker) and req.path.startswith(ATTRIBUTIONS_PATH):
        worker.attribution_requests += 1
