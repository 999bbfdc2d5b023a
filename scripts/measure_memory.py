"""Memory of a gunicorn worker: loaded, after the seed article, and across many long articles (issue 9: it
plateaued at 1.3 GB; issue 12: at most 600 MiB resident).

    python scripts/measure_memory.py                         # 40 articles of 100,000 characters
    python scripts/measure_memory.py --articles 10 --chars 50000

Starts its own server (gunicorn.conf.py, one worker, one torch thread; tests/gunicorn_server.py) on a
free loopback port, posts the seed article and then the long ones one after the other, and prints the
worker's RSS, USS (its own pages, what one more worker costs) and peak RSS (VmHWM, during a request) from
/proc after each, in MiB, then a summary table. Articles are PolNeAR dev texts joined up to --chars (the
seed article repeated where the corpus is absent). Takes about 10-20 s per 100,000-character article.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

# The tests' server harness: gunicorn.conf.py on a free port, waited for, always stopped.
from gunicorn_server import running_server  # noqa: E402 -- after the repository is on the path

from service.memory import memory_mb  # noqa: E402
from training.benchmark import machine  # noqa: E402 -- the CPU and flags beside every figure, as the benchmark prints

SEED = REPO / "seeds" / "000_104702930f359336.txt"


def long_articles(count: int, chars: int) -> list[str]:
    try:
        from training.polnear import load_split

        texts = [document.text for document in load_split("dev")]
        print(f"articles: {len(texts)} PolNeAR dev texts, joined")
    except (OSError, ImportError):
        print("articles: the seed article repeated (no PolNeAR corpus; set QUOTES_POLNEAR_DIR)")
        texts = [SEED.read_text(encoding="utf-8")]
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


def row(label: str, memory: dict[str, float]) -> str:
    return f"{label:<28} {memory['rss']:8.0f} {memory['uss']:8.0f} {memory['peak']:9.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--chars", type=int, default=100_000)
    args = parser.parse_args()

    with running_server(Path(tempfile.mkdtemp(prefix="quotes-memory-")), workers=1, LOG_LEVEL="WARNING") as server:
        worker = server.worker_pids()[0]
        cpu = machine()
        print(
            f"CPU: {cpu['cpu']} ({' '.join(cpu['flags'])}), {cpu['cores']} cores, load average {cpu['load_average']}; "
            f"1 worker x 1 torch thread; pid {worker}"
        )

        def post(text: str) -> tuple[int, str]:
            body = json.dumps({"text": text}).encode()
            status, headers, _ = server.request("POST", "/v1/attributions", body, {"Content-Type": "application/json"})
            return status, headers.get("Server-Timing", "")

        table = [row("loaded (warmed up)", memory_mb(worker))]
        status, _ = post(SEED.read_text(encoding="utf-8"))
        table.append(row(f"after the seed (HTTP {status})", memory_mb(worker)))
        for number, article in enumerate(long_articles(args.articles, args.chars), 1):
            status, timing = post(article)
            memory = memory_mb(worker)
            print(
                f"article {number:3d}: {len(article):,} chars, HTTP {status}, {timing}; "
                f"RSS {memory['rss']:.0f}, USS {memory['uss']:.0f}, peak {memory['peak']:.0f} MiB",
                flush=True,
            )
        table.append(row(f"after {args.articles} x {args.chars:,} chars", memory_mb(worker)))
        print(f"\n{'MiB':<28} {'RSS':>8} {'USS':>8} {'peak RSS':>9}")
        print("\n".join(table))


if __name__ == "__main__":
    main()
