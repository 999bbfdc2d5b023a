"""Resident memory of a gunicorn worker across many long articles (issue 9: it plateaued at 1.3 GB).

    python scripts/measure_memory.py                         # 40 articles of 100,000 characters
    python scripts/measure_memory.py --articles 10 --chars 50000

Starts its own server (gunicorn.conf.py, one worker, one torch thread) on a free loopback port,
posts the articles one after the other, and prints the worker's resident size (from /proc) after
each, then the peak and the last. Articles are PolNeAR dev texts joined up to --chars (the seed
article repeated where the corpus is absent). Takes about 20 s per 100,000-character article.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from service.memory import rss_mb  # noqa: E402 -- after the repository is on the path


def long_articles(count: int, chars: int) -> list[str]:
    try:
        from training.polnear import load_split

        texts = [document.text for document in load_split("dev")]
    except (OSError, ImportError):
        texts = [(REPO / "seeds" / "000_104702930f359336.txt").read_text(encoding="utf-8")]
    articles, position = [], 0
    for _ in range(count):
        parts, size = [], 0
        while size < chars:
            text = texts[position % len(texts)]
            position += 1
            parts.append(text)
            size += len(text) + 2
        articles.append("\n\n".join(parts)[:chars])
    return articles


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port: int, method: str, path: str, body: bytes | None = None, timeout: float = 600):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--chars", type=int, default=100_000)
    args = parser.parse_args()

    port = free_port()
    env = {
        **os.environ,
        "QUOTES_BIND": f"127.0.0.1:{port}",
        "QUOTES_WORKERS": "1",
        "QUOTES_TORCH_THREADS": "1",
        "QUOTES_LOG_LEVEL": "WARNING",
    }
    log = tempfile.NamedTemporaryFile(prefix="quotes-memory-", suffix=".log", delete=False)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "service:create_app()"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if request(port, "GET", "/v1/health/ready", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(1)
        else:
            sys.exit(f"server not ready after 300 s; log in {log.name}")
        worker = int(Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()[0])
        print(f"CPU: {cpu_model()}, {os.cpu_count()} cores; 1 worker x 1 torch thread; pid {worker}")
        print(f"after loading: {rss_mb(worker):.0f} MB resident")
        articles = long_articles(args.articles, args.chars)
        peak = 0.0
        for number, article in enumerate(articles, 1):
            started = time.perf_counter()
            status, _ = request(port, "POST", "/v1/attributions", json.dumps({"text": article}).encode())
            resident = rss_mb(worker)
            peak = max(peak, resident)
            print(
                f"article {number:3d}: {len(article):,} chars, HTTP {status}, "
                f"{time.perf_counter() - started:5.1f} s, {resident:6.0f} MB",
                flush=True,
            )
        print(f"peak after an article: {peak:.0f} MB; after the last: {rss_mb(worker):.0f} MB")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
