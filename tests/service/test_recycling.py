"""Worker recycling without an outage (issue 9): with recycling after 3 attribution requests, both
workers are replaced one after the other while readiness is probed every 0.1 s; no probe may fail
(a connection dropped by a leaving worker is retried once, as a client or nginx would) and every
attribution request is answered 200. Probes do not count towards recycling.
"""

from __future__ import annotations

import http.client
import threading
import time

from gunicorn_server import running_server

RECYCLE_AFTER = 3
TEST_TIMEOUT_S = 300


def test_workers_are_recycled_one_at_a_time_without_a_window_with_no_ready_worker(tmp_path):
    with running_server(tmp_path, RECYCLE_AFTER_REQUESTS=RECYCLE_AFTER) as server:
        original = set(server.worker_pids())

        # Probes alone never recycle a worker (gunicorn's max_requests counted them).
        for _ in range(3 * RECYCLE_AFTER * server.workers):
            assert server.timed_get("/v1/health/live")[0] == 200
            assert server.timed_get("/v1/health/ready")[0] == 200
        assert set(server.worker_pids()) == original and "recycling worker" not in server.log()

        probes: list[int | None] = []
        dropped: list[int] = []  # probes whose first connection a leaving worker dropped
        stop = threading.Event()

        def ready_status() -> int | None:
            try:
                return server.timed_get("/v1/health/ready", timeout=5)[0]
            except (OSError, http.client.HTTPException):
                return None

        def probe_readiness():
            # A connection a leaving worker had already accepted can be dropped as it exits; a client (and
            # nginx, for GET) retries that once on a new connection. An outage fails the retry too.
            while not stop.is_set():
                status = ready_status()
                if status is None:
                    dropped.append(len(probes))
                    status = ready_status()
                probes.append(status)
                time.sleep(0.1)

        prober = threading.Thread(target=probe_readiness, daemon=True)
        prober.start()
        statuses = []
        started = time.monotonic()
        deadline = started + TEST_TIMEOUT_S
        try:
            while time.monotonic() < deadline:
                status, _, _ = server.request(
                    "POST", "/v1/attributions", b'"Yes," she said.', {"Content-Type": "text/plain"}, timeout=60
                )
                statuses.append(status)
                pids = set(server.worker_pids())
                if not pids & original and len(pids) == server.workers and server.ready_workers() >= server.workers:
                    break
                time.sleep(0.2)
        finally:
            stop.set()
            prober.join(timeout=10)
        elapsed = time.monotonic() - started

        assert not set(server.worker_pids()) & original, f"not every worker was recycled:\n{server.log()[-3000:]}"
        assert server.log().count("recycling worker") >= server.workers
        failed = [status for status in probes if status != 200]
        print(
            f"recycling: {len(probes)} readiness probes, {len(dropped)} dropped and retried, {len(failed)} failed; "
            f"{len(statuses)} attributions"
        )
        assert not failed, f"{len(failed)} of {len(probes)} readiness probes failed: {failed[:10]}"
        assert set(statuses) == {200}, statuses
        # The probes covered the whole run: one every 0.2 s at least (every 0.1 s plus its round trip). A count
        # would not do: how long the run takes follows how fast a new worker loads (about 8 s here now).
        assert len(probes) >= elapsed / 0.2, (len(probes), elapsed)
