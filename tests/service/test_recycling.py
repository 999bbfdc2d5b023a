"""Worker recycling without an outage (issue 9) and without dropping a request: with recycling after a few
attribution requests, both workers are replaced one after the other while readiness is probed every 0.1 s;
no probe may fail (a connection dropped by a leaving worker is retried once, as a client or nginx would) and
every attribution request is answered 200 on its first try (a client does not retry a POST, nor does nginx).
Probes do not count towards recycling. A second test orders, with SIGSTOP, what the first leaves to chance:
a connection a worker accepted before it decided to leave, and a kept-alive one, each sending its POST then.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import threading
import time

from gunicorn_server import HOST, running_server

RECYCLE_AFTER = 3
TEST_TIMEOUT_S = 300
ARTICLE = b'"Yes," she said.'
POST_HEADERS = {"Content-Type": "text/plain"}


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
            # A GET that fails on its connection is retried once on a new one, as a client (and nginx) would.
            # An outage fails the retry too.
            while not stop.is_set():
                status = ready_status()
                if status is None:
                    dropped.append(len(probes))
                    status = ready_status()
                probes.append(status)
                time.sleep(0.1)

        prober = threading.Thread(target=probe_readiness, daemon=True)
        prober.start()
        statuses: list[int | str] = []  # a POST is never retried: a failed one is an error here
        started = time.monotonic()
        deadline = started + TEST_TIMEOUT_S
        try:
            while time.monotonic() < deadline:
                try:
                    status, _, _ = server.request("POST", "/v1/attributions", ARTICLE, POST_HEADERS, timeout=60)
                except (OSError, http.client.HTTPException) as error:
                    status = f"{type(error).__name__}: {error}"
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
            f"{len(statuses)} attributions, {sum(status != 200 for status in statuses)} failed"
        )
        assert not failed, f"{len(failed)} of {len(probes)} readiness probes failed: {failed[:10]}"
        assert set(statuses) == {200}, [status for status in statuses if status != 200]
        # The probes covered the whole run: one every 0.2 s at least (every 0.1 s plus its round trip). A count
        # would not do: how long the run takes follows how fast a new worker loads (about 8 s here now).
        assert len(probes) >= elapsed / 0.2, (len(probes), elapsed)


def send_post(connection: http.client.HTTPConnection) -> None:
    connection.request("POST", "/v1/attributions", body=ARTICLE, headers=POST_HEADERS)


def answer(connection: http.client.HTTPConnection) -> tuple[int, str] | str:
    """(status, Connection header) of the POST sent on `connection`, or how it was dropped."""
    try:
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Connection", "")
    except (OSError, http.client.HTTPException) as error:
        return f"dropped: {type(error).__name__}: {error}"


def test_a_leaving_worker_answers_the_connections_it_has_accepted(tmp_path):
    """Recycling after every attribution request, with the workers paused (SIGSTOP) to order the events:

    1. an attribution recycles the worker that answers it; its replacement is paused while it loads;
    2. a POST on a kept-alive connection makes the other worker, `leaver`, due: it stays while no other is ready;
    3. `leaver` is paused; the replacement is let finish loading, marked ready, then paused;
    4. a client connects (into the listen backlog), the kept-alive connection sends its next POST;
    5. `leaver` goes on: it accepts the new connection and decides to leave, as it did under load when a client
       had connected but not yet sent its request; once it has logged that, the client sends its POST.
    Both POSTs are answered 200: by the leaving worker, or (the new connection, if it was still in the backlog
    when the worker stopped accepting) by the replacement. gthread closed the new connection without reading it.
    """
    paused: set[int] = set()

    def pause(pid: int) -> None:
        os.kill(pid, signal.SIGSTOP)
        paused.add(pid)

    def resume(pid: int) -> None:
        os.kill(pid, signal.SIGCONT)
        paused.discard(pid)

    # keepalive (also a leaving worker's grace for a silent connection) outlasts a replacement's model load.
    with running_server(tmp_path, RECYCLE_AFTER_REQUESTS=1, KEEPALIVE=120) as server:
        original = server.worker_pids()
        kept_alive = http.client.HTTPConnection(HOST, server.port, timeout=60)
        fresh = http.client.HTTPConnection(HOST, server.port, timeout=60)
        try:
            assert server.request("POST", "/v1/attributions", ARTICLE, POST_HEADERS)[0] == 200
            first = int(server.wait_for(lambda: re.search(r"recycling worker (\d+)", server.log()), "a recycle")[1])
            (leaver,) = set(original) - {first}
            replacement = server.wait_for(lambda: set(server.worker_pids()) - set(original), "a replacement").pop()
            pause(replacement)
            assert replacement not in server.marked_ready(), "the replacement was ready before it could be paused"

            send_post(kept_alive)
            assert answer(kept_alive)[0] == 200  # answered by `leaver`, the one worker accepting
            assert server.marked_ready() == {leaver} and f"recycling worker {leaver}" not in server.log()

            pause(leaver)
            resume(replacement)
            server.wait_for(lambda: replacement in server.marked_ready(), "the replacement ready")
            pause(replacement)

            fresh.connect()
            send_post(kept_alive)
            resume(leaver)
            server.wait_for(lambda: f"recycling worker {leaver}" in server.log(), "the second recycle", timeout=30)
            try:
                send_post(fresh)
            except OSError as error:
                raise AssertionError(f"the leaving worker dropped an accepted connection: {error!r}") from None
            resume(replacement)
            answers = {"fresh": answer(fresh), "kept alive": answer(kept_alive)}
        finally:
            for pid in list(paused):
                resume(pid)
            fresh.close()
            kept_alive.close()
        print(f"a leaving worker's connections: {answers}")
        assert all(isinstance(got, tuple) and got[0] == 200 for got in answers.values()), answers
