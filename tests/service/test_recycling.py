"""Worker recycling without an outage (issue 9) and without dropping a request: with recycling after a few
attribution requests, both workers are replaced one after the other while readiness is probed every 0.1 s;
no probe may fail (a connection dropped by a leaving worker is retried once, as a client or nginx would) and
every attribution request is answered 200 on its first try (a client does not retry a POST, nor does nginx).
Probes do not count towards recycling. A second test orders, with SIGSTOP, what the first leaves to chance:
connections that reach a worker as it decides to leave, each sending its POST after that.
"""

from __future__ import annotations

import http.client
import os
import re
import select
import signal
import socket
import threading
import time
from pathlib import Path

import pytest
from gunicorn_server import HOST, START_TIMEOUT_S, running_server, status_of, tcp_receive_queue

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


def answer(connection: http.client.HTTPConnection, sent: bool = True) -> tuple[int, str] | str:
    """(status, Connection header) of the POST sent on `connection`, or how it was dropped."""
    if not sent:
        return "dropped: the POST could not be sent"
    try:
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Connection", "")
    except (OSError, http.client.HTTPException) as error:
        return f"dropped: {type(error).__name__}: {error}"


def try_to_send_post(connection: http.client.HTTPConnection) -> bool:
    try:
        send_post(connection)
    except OSError:  # a broken pipe: the server closed the connection
        return False
    return True


def closed_by_server(connection: http.client.HTTPConnection) -> bool:
    readable, _, _ = select.select([connection.sock], [], [], 0)
    try:
        return bool(readable) and connection.sock.recv(1, socket.MSG_PEEK) == b""
    except ConnectionResetError:
        return True


def local_port(connection: http.client.HTTPConnection | socket.socket) -> int:
    return getattr(connection, "sock", connection).getsockname()[1]


class Pauser:
    """SIGSTOP and SIGCONT for the workers, to order what a worker does against what its clients do."""

    def __init__(self):
        self.paused: set[int] = set()

    def pause(self, pid: int) -> None:
        os.kill(pid, signal.SIGSTOP)
        self.paused.add(pid)

    def resume(self, pid: int) -> None:
        os.kill(pid, signal.SIGCONT)
        self.paused.discard(pid)

    def pause_in_poller(self, pid: int, tries: int = 500) -> None:
        """Pause `pid` while its main thread sleeps in its poller (epoll_wait, between two turns of gthread's loop)."""
        proc = Path(f"/proc/{pid}")
        for _ in range(tries):
            polling = proc.joinpath("wchan").read_text() in POLLER_WAIT_CHANNELS
            syscall = proc.joinpath("syscall").read_text().split()[0] if polling else None
            self.pause(pid)
            if polling and proc.joinpath("syscall").read_text().split()[0] == syscall:
                return  # in the system call it was sleeping in
            self.resume(pid)
            time.sleep(0.01)
        pytest.fail(f"worker {pid} was never seen asleep in epoll_wait")

    def resume_all(self) -> None:
        for pid in list(self.paused):
            self.resume(pid)


POLLER_WAIT_CHANNELS = {"do_epoll_wait", "ep_poll"}  # where Linux shows a thread asleep in epoll_wait
POLL_TIMEOUT_S = 1.0  # gthread's main loop polls for at most this long per turn


def test_a_leaving_worker_answers_the_connections_it_has_accepted(tmp_path):
    """A connection a worker accepted before it decided to leave, and one in its listen backlog then, each get their
    POST answered. Recycling after every attribution request, one request thread per worker, and the workers
    paused (SIGSTOP) to order the events. gthread dropped both new connections (the client's send broke its pipe).

    A. The leave turn. An attribution recycles the worker that answers it; its replacement R1 is paused while it
       loads. A POST on a kept-alive connection makes the other worker, L, due; it stays while no other is ready.
       L is paused asleep in its poller; R1 finishes loading and is marked ready, then paused; a client connects
       (into the listen backlog) and the kept-alive connection sends its next POST. L goes on: its poll, past
       its timeout, returns nothing, and its next turn decides to leave. gthread still accepted in that turn,
       then closed the connection that had sent nothing yet. Now L stops accepting first: the connection is
       R1's, which answers it (keep-alive) when it goes on. The kept-alive POST is answered by L.
    B. A connection accepted, then the leave. R1 is due (it answered that POST) and stays while its replacement
       R2 loads, paused. A slow client holds R1's one request thread (half its body sent); a client connects
       and R1 accepts it: its first look for a request waits for the thread. R2 goes on, is ready, and R1 decides
       to leave; the slow client sends the rest; the thread answers it, finds nothing sent on the new connection
       and hands it back to the main loop, which gthread then closed. Now it waits; the client sends its POST,
       answered with Connection: close.
    """
    pauser = Pauser()
    # keepalive (also a leaving worker's wait for a silent connection), the read deadline and the heartbeat timeout
    # outlast a replacement's model load.
    slow = dict(KEEPALIVE=START_TIMEOUT_S, READ_TIMEOUT=START_TIMEOUT_S, TIMEOUT=START_TIMEOUT_S)
    with running_server(tmp_path, RECYCLE_AFTER_REQUESTS=1, THREADS=1, **slow) as server:
        seen = set(server.worker_pids())
        kept_alive = http.client.HTTPConnection(HOST, server.port, timeout=60)
        backlogged = http.client.HTTPConnection(HOST, server.port, timeout=60)
        accepted = http.client.HTTPConnection(HOST, server.port, timeout=60)
        slow_client = socket.socket()

        def recycled(pid: int) -> bool:
            return f"recycling worker {pid}:" in server.log()

        def replacement() -> int:
            # paused at once: a model load takes seconds
            pid = server.wait_for(lambda: set(server.worker_pids()) - seen, "a replacement").pop()
            pauser.pause(pid)
            seen.add(pid)
            assert pid not in server.marked_ready(), "the replacement was ready before it could be paused"
            return pid

        def let_load(pid: int) -> None:
            pauser.resume(pid)
            server.wait_for(lambda: pid in server.marked_ready(), f"worker {pid} ready")

        def accepted_all() -> bool:
            return tcp_receive_queue(server.port) == 0

        try:
            # A.
            assert server.request("POST", "/v1/attributions", ARTICLE, POST_HEADERS)[0] == 200
            first = int(server.wait_for(lambda: re.search(r"recycling worker (\d+)", server.log()), "a recycle")[1])
            (leaver,) = seen - {first}
            r1 = replacement()
            send_post(kept_alive)
            assert answer(kept_alive)[0] == 200  # answered by `leaver`, the one worker accepting
            assert server.marked_ready() == {leaver} and not recycled(leaver)

            pauser.pause_in_poller(leaver)
            paused_at = time.monotonic()
            let_load(r1)
            pauser.pause(r1)
            backlogged.connect()
            send_post(kept_alive)
            time.sleep(max(0.0, paused_at + POLL_TIMEOUT_S - time.monotonic()))
            pauser.resume(leaver)
            server.wait_for(lambda: recycled(leaver), "the second recycle", timeout=30)
            sent = try_to_send_post(backlogged)
            pauser.resume(r1)
            answers = {"A backlogged": answer(backlogged, sent), "A kept alive": answer(kept_alive)}

            # B.
            r2 = replacement()
            assert server.marked_ready() == {r1} and not recycled(r1)
            slow_client.connect((HOST, server.port))
            head = f"POST /v1/attributions HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: text/plain\r\n"
            slow_client.sendall(f"{head}Content-Length: {len(ARTICLE)}\r\n\r\n".encode() + ARTICLE[:5])
            server.wait_for(
                lambda: accepted_all() and tcp_receive_queue(server.port, local_port(slow_client)) == 0,
                "R1's request thread reading the slow client's body",
            )
            accepted.connect()
            server.wait_for(accepted_all, "the new connection accepted")
            let_load(r2)
            server.wait_for(lambda: recycled(r1), "the third recycle", timeout=30)
            slow_client.sendall(ARTICLE[5:])
            slow_client.settimeout(60)
            answers["B slow"] = status_of(slow_client.recv(65536))
            server.wait_for(
                lambda: closed_by_server(accepted) or f"leaving worker {r1}: a connection" in server.log(),
                "the accepted connection put back in the poller",
                timeout=30,
            )
            answers["B accepted"] = answer(accepted, try_to_send_post(accepted))
        finally:
            pauser.resume_all()
            for connection in (kept_alive, backlogged, accepted, slow_client):
                connection.close()
        print(f"a leaving worker's connections: {answers}")
        assert answers["A backlogged"] == (200, "keep-alive"), answers  # R1's, not the leaving worker's
        assert answers["A kept alive"][0] == 200 and answers["B slow"] == 200, answers
        assert answers["B accepted"] == (200, "close"), answers  # the leaving worker's
