"""Speed over the PolNeAR dev articles, printed beside the CPU model and its flags: the engine (articles/s and
tokens/s per backend, thread count and articles per call, interleaved runs, medians, ratios against today's
engine), and with --cli / --ray / --http the CLI (1 and 2 workers), the Ray job and HTTP through gunicorn.

    python -m training.benchmark [--runs 3] [--threads 1 2] [--backends onnx onnx-fp32 torch] [--batch 1 8]
    python -m training.benchmark --cli --ray --http --limit 40

A benchmark, not a test: CPU timings are noisy, so every configuration is timed in turn, round after round,
and each figure is the median of its rounds; ratios are taken against the reference (the shipped int8
encoder one article at a time, today's engine) within each round.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import torch

from quotes.pipeline import Attributor
from service.memory import rss_mb

from .evaluate import DEFAULT_MODEL
from .polnear import DEFAULT_CORPUS, load_split

REPO = Path(__file__).resolve().parents[1]
REFERENCE = ("onnx", 1)  # (backend, articles per call): the engine as shipped before the speed work
FLAGS_OF_INTEREST = ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_int8")


def machine() -> dict:
    """The CPU the figures come from: model name, cores, and the vector flags that decide the backend."""
    model, flags = platform.processor(), set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
            elif line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "flags": [f for f in FLAGS_OF_INTEREST if f in flags],
        "load_average": round(os.getloadavg()[0], 1),
    }


def time_run(attributor: Attributor, texts: list[str], batch: int, threads: int) -> dict:
    """One pass over the texts, ``batch`` articles per engine call, with the transformer's share of the time."""
    torch.set_num_threads(threads)  # torch's pool is per process; ONNX sessions keep their own
    model_seconds = 0.0
    predict_many = attributor.span_model.predict_many

    def timed(*arguments):
        nonlocal model_seconds
        t = time.perf_counter()
        out = predict_many(*arguments)
        model_seconds += time.perf_counter() - t
        return out

    attributor.span_model.predict_many = timed
    try:
        started = time.perf_counter()
        for k in range(0, len(texts), batch):
            attributor.run_many(texts[k : k + batch]) if batch > 1 else attributor.run(texts[k])
        total = time.perf_counter() - started
    finally:
        del attributor.span_model.predict_many
    return {"seconds": total, "model_seconds": model_seconds}


def bench_engine(args, texts: list[str]) -> list[dict]:
    configs = [(b, t, n) for b in args.backends for t in args.threads for n in args.batch]
    references = {t: (REFERENCE[0], t, REFERENCE[1]) for t in args.threads}
    configs += [r for r in references.values() if r not in configs]
    engines = {(b, t): Attributor.from_path(args.model, num_threads=t, backend=b, device="cpu") for b, t, _ in configs}
    tokenizer = next(iter(engines.values())).span_model.tokenizer
    tokens = sum(len(tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts)
    for (_, threads), engine in engines.items():
        time_run(engine, texts[:2], 1, threads)  # warm-up
    runs: dict[tuple, list[dict]] = {c: [] for c in configs}
    for _ in range(args.runs):
        for backend, threads, batch in configs:
            runs[(backend, threads, batch)].append(time_run(engines[(backend, threads)], texts, batch, threads))
    rows = []
    for backend, threads, batch in configs:
        mine, reference = runs[(backend, threads, batch)], runs[references[threads]]
        median = statistics.median(r["seconds"] for r in mine)
        row = {
            "backend": engines[(backend, threads)].span_model.backend,
            "threads": threads,
            "articles_per_call": batch,
            "articles": len(texts),
            "tokens": tokens,
            "median_seconds": round(median, 2),
            "articles_per_s": round(len(texts) / median, 2),
            "tokens_per_s": round(tokens / median),
            "transformer_share": round(statistics.median(r["model_seconds"] / r["seconds"] for r in mine), 3),
            # paired by round, so a drift in the machine's speed moves both sides
            "speed_vs_reference": round(
                statistics.median(r["seconds"] / m["seconds"] for m, r in zip(mine, reference)), 2
            ),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def dev_jsonl(texts: list[str], folder: Path) -> Path:
    path = folder / "dev.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{n}", "text": t}) + "\n" for n, t in enumerate(texts)))
    return path


def timed_command(command: list[str], runs: int) -> float:
    """Median wall seconds of a whole command (its start-up and model loading included)."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def bench_cli(args, texts: list[str], folder: Path) -> list[dict]:
    source, rows = dev_jsonl(texts, folder), []
    for workers in (1, 2):
        out = folder / f"cli{workers}.jsonl"
        command = [sys.executable, "-m", "quotes.cli", "annotate", str(source), "-o", str(out), "--quiet"]
        command += ["--workers", str(workers), "--device", "cpu", "--model", args.model]
        # resumable: delete the output before each run, or the second run would skip every article
        seconds = timed_command(["sh", "-c", f"rm -f {out} && exec {' '.join(command)}"], args.runs)
        row = {"cli_workers": workers, "articles": len(texts), "median_seconds": round(seconds, 2)}
        row["articles_per_s_with_start_up"] = round(len(texts) / seconds, 2)
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def bench_ray(args, texts: list[str], folder: Path) -> list[dict]:
    source = dev_jsonl(texts, folder)
    command = [sys.executable, "-m", "quotes.ray_job", "--input", str(source), "--format", "jsonl"]
    command += [
        "--actors",
        "1",
        "--device",
        "cpu",
        "--model",
        args.model,
    ]  # 1 actor: a local 2-core Ray keeps a CPU for reading
    seconds = timed_command([*command, "--output", str(folder / f"ray-{time.time_ns()}")], args.runs)
    row = {"ray_actors": 1, "articles": len(texts), "median_seconds": round(seconds, 2)}
    row["articles_per_s_with_start_up"] = round(len(texts) / seconds, 2)
    print(json.dumps(row), flush=True)
    return [row]


def bench_http(args, texts: list[str], folder: Path) -> list[dict]:
    """gunicorn with 2 workers x 1 thread on a free port; scripts/bench_http.py at concurrency 1, 2, 4."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, QUOTES_BIND=f"127.0.0.1:{port}", QUOTES_WORKERS="2", QUOTES_TORCH_THREADS="1")
    env["QUOTES_MODEL_DIR"] = str(Path(args.model).resolve())
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health/ready", timeout=2)
                break
            except OSError:
                time.sleep(1)
        article = folder / "article.txt"
        article.write_text(texts[len(texts) // 2], encoding="utf-8")
        for concurrency in (1, 2, 4):
            out = subprocess.run(
                [sys.executable, "scripts/bench_http.py", "--url", f"http://127.0.0.1:{port}/v1/attributions"]
                + ["--file", str(article), "--concurrency", str(concurrency), "--requests", str(10 * concurrency)],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=False,  # it exits 1 when some answers were not 200 (503: a worker's queue was full)
            )
            report = json.loads(out.stdout)
            keys = ("concurrency", "requests", "statuses", "article_chars", "median_ms", "throughput_rps")
            row = {k: report[k] for k in keys}
            rows.append(row)
            print(json.dumps(row), flush=True)
        rss = [round(rss_mb(pid)) for pid in _children(server.pid)]  # the service's own measure
        rows.append({"gunicorn_worker_rss_mib": rss})
        print(json.dumps(rows[-1]), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return rows


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--backends", nargs="+", default=["onnx"], help="onnx (int8), onnx-fp32, torch")
    parser.add_argument("--batch", type=int, nargs="+", default=[1, 8], help="articles per engine call")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-engine", action="store_true", help="skip the engine's own figures")
    parser.add_argument("--cli", action="store_true", help="also time quotes annotate with 1 and 2 workers")
    parser.add_argument("--ray", action="store_true", help="also time the Ray job (1 actor on a local Ray)")
    parser.add_argument("--http", action="store_true", help="also time HTTP through gunicorn (2 workers)")
    parser.add_argument("--write", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    report = {"machine": machine()}
    print(json.dumps(report["machine"]), flush=True)
    texts = [d.text for d in load_split("dev", Path(args.corpus), limit=args.limit)]
    if not args.no_engine:
        report["engine"] = bench_engine(args, texts)
    with tempfile.TemporaryDirectory() as tmp:
        for name, bench in (("cli", bench_cli), ("ray", bench_ray), ("http", bench_http)):
            if getattr(args, name):
                report[name] = bench(args, texts, Path(tmp))
    report["machine_after"] = {"load_average": round(os.getloadavg()[0], 1)}
    if args.write:
        Path(args.write).write_text(json.dumps(report, indent=2) + "\n")
    return report


if __name__ == "__main__":
    main()
