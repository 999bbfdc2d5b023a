"""Round-trip latency of a running quotes server: POST an article N times, print median and p90.

    python scripts/bench_http.py                          # the seed article, 20 requests, one at a time
    python scripts/bench_http.py --requests 100 --concurrency 4 --file my_article.txt

Only for a server you run yourself on this machine (default http://127.0.0.1:8000); it stops after
--requests requests or --max-seconds, whichever comes first. Standard library only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_104702930f359336.txt"


def post(url: str, body: bytes, api_key: str | None, timeout: float) -> tuple[int, float, float | None]:
    """(status, seconds, server-side inference seconds or None)."""
    parts = urlsplit(url)
    headers = {"Content-Type": "text/plain; charset=utf-8"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("POST", parts.path or "/", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        seconds = time.perf_counter() - started
        timing = response.getheader("Server-Timing", "")
    finally:
        connection.close()
    inference = None
    for item in timing.split(","):
        name, _, duration = item.strip().partition(";dur=")
        if name == "inference" and duration:
            inference = float(duration) / 1000
    return response.status, seconds, inference


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/v1/attributions")
    parser.add_argument("--file", type=Path, default=SEED, help="the article to send (text/plain)")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=2, help="requests sent first and not counted")
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--api-key", default=None)
    args = parser.parse_args(argv)

    host = urlsplit(args.url).hostname or ""
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        parser.error("this benchmark only targets a server on this machine (loopback)")
    body = args.file.read_bytes()
    for _ in range(args.warmup):
        post(args.url, body, args.api_key, timeout=120)

    results: list[tuple[int, float, float | None]] = []
    lock = threading.Lock()
    remaining = [args.requests]
    deadline = time.monotonic() + args.max_seconds

    def worker():
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            result = post(args.url, body, args.api_key, timeout=120)
            with lock:
                results.append(result)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started

    latencies = sorted(seconds for _, seconds, _ in results)
    inference = [value for _, _, value in results if value is not None]
    statuses = sorted({status for status, _, _ in results})
    report = {
        "url": args.url,
        "article_chars": len(body.decode("utf-8")),
        "requests": len(results),
        "concurrency": args.concurrency,
        "statuses": statuses,
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p90_ms": round(latencies[max(0, int(len(latencies) * 0.9) - 1)] * 1000, 1),
        "min_ms": round(latencies[0] * 1000, 1),
        "median_inference_ms": round(statistics.median(inference) * 1000, 1) if inference else None,
        "throughput_rps": round(len(results) / wall, 2),
    }
    print(json.dumps(report, indent=2))
    return 0 if statuses == [200] else 1


if __name__ == "__main__":
    sys.exit(main())
