"""Resident memory of a gunicorn worker across many long articles (issue 9: it plateaued at 1.3 GB).

    python scripts/measure_memory.py                         # 40 articles of 100,000 characters
    python scripts/measure_memory.py --articles 10 --chars 50000

Starts its own server (gunicorn.conf.py, one worker, one torch thread; tests/gunicorn_server.py) on a
free loopback port,
posts the articles one after the other, and prints the worker's resident size (from /proc) after
each, then the peak and the last. Articles are PolNeAR dev texts joined up to --chars (the seed
article repeated where the corpus is absent). Takes about 20 s per 100,000-character article.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

# The tests' server harness: gunicorn.conf.py on a free port, waited for, always stopped.
from gunicorn_server import running_server  # noqa: E402 -- after the repository is on the path

from service.memory import rss_mb  # noqa: E402


def long_articles(count: int, chars: int) -> list[str]:
    try:
        from training.polnear import load_split

        texts = [document.text for document in load_split("dev")]
        print(f"articles: {len(texts)} PolNeAR dev texts, joined")
    except (OSError, ImportError):
        print("articles: the seed article repeated (no PolNeAR corpus; set QUOTES_POLNEAR_DIR)")
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

    with running_server(Path(tempfile.mkdtemp(prefix="quotes-memory-")), workers=1, LOG_LEVEL="WARNING") as server:
        worker = server.worker_pids()[0]
        print(f"CPU: {cpu_model()}, {os.cpu_count()} cores; 1 worker x 1 torch thread; pid {worker}")
        print(f"after loading: {rss_mb(worker):.0f} MB resident")
        peak = 0.0
        for number, article in enumerate(long_articles(args.articles, args.chars), 1):
            body = json.dumps({"text": article}).encode()
            status, headers, _ = server.request("POST", "/v1/attributions", body, {"Content-Type": "application/json"})
            resident = rss_mb(worker)
            peak = max(peak, resident)
            timing = headers.get("Server-Timing", "")
            print(
                f"article {number:3d}: {len(article):,} chars, HTTP {status}, {timing}, {resident:6.0f} MB", flush=True
            )
        print(f"peak after an article: {peak:.0f} MB; after the last: {rss_mb(worker):.0f} MB")


if __name__ == "__main__":
    main()
