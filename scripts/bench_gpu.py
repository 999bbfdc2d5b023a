"""GPU benchmark, one command on a machine with CUDA (about 4 minutes on one H200):

    python scripts/bench_gpu.py [--corpus ../shared/data/polnear] [--reference FILE] [--out FILE]

Prints the GPU and the CPU, then, each as one JSON line (also appended to ``--out``):

1. agreement: the GPU engine's (fp16 encoder) quotes on PolNeAR dev against the CPU engine's, fp32 torch (the
   exact reference) and the shipped int8 default: quotes that differ in type, offsets or speaker name, and
   how far confidences move; and whether the GPU answers the same twice;
2. one process: articles/s at several articles per engine call (the CPU stages run in this one process);
3. bulk: ``quotes annotate``'s own ``annotate`` with N worker processes on the GPU (``--workers``), each
   with its own model and one CPU thread: articles/s once every worker has loaded, and the whole run's;
4. the encoder alone at several windows per call: what the GPU sustains when enough processes feed it.

Sections 1 to 3 run once per ``--heads`` placement: the small heads (tagger, linker) on the GPU beside the
encoder (the engine's default there) or on the CPU (``heads_device="cpu"``, as ``QUOTES_GPU_HEADS=cpu`` asks).

``--reference``: the CPU answers computed elsewhere (``scripts/device_kit.py pack`` writes them); without it
they are computed here on the CPU first. ``--device cpu --quick``: a dry run of every section on a machine
without a GPU (a check of this script, not a figure).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import torch  # noqa: E402
from device_kit import answers, cpu_references, dev_texts  # noqa: E402

from quotes import SHIPPED_MODEL_DIR, Attributor  # noqa: E402
from quotes.cli import annotate, mps_active  # noqa: E402
from quotes.draft import Draft  # noqa: E402
from quotes.model.runtime import encode_documents  # noqa: E402
from quotes.stages.model import ModelSpans  # noqa: E402
from training.benchmark import machine  # noqa: E402
from training.polnear import DEFAULT_CORPUS  # noqa: E402

SECTIONS = ("agreement", "one-process", "bulk", "encoder")


def emit(out: Path | None, row: dict) -> None:
    print(json.dumps(row), flush=True)
    if out is not None:
        with out.open("a") as f:
            f.write(json.dumps(row) + "\n")


def sync(device: str) -> None:
    if device == "cuda":
        torch.cuda.synchronize()


def median_seconds(work, runs: int, device: str) -> float:
    """Median wall time of ``work()`` over ``runs`` runs, the GPU's queue drained before and after each."""
    seconds = []
    for _ in range(runs):
        sync(device)
        started = time.perf_counter()
        work()
        sync(device)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def agreement(found: list[list[dict]], expected: list[list[dict]]) -> dict:
    """Quotes in one answer and not the other (by type, offsets, speaker name), and confidence shifts of the
    quotes both have."""

    def keys(quotes):
        return {(q["type"], q["start"], q["end"], q["speaker"]): q["confidence"] for q in quotes}

    differ = shifts = 0
    moved = []
    for f, e in zip(found, expected, strict=True):
        a, b = keys(f), keys(e)
        differ += len(a.keys() ^ b.keys())
        moved += [abs(a[k] - b[k]) for k in a.keys() & b.keys()]
        shifts += sum(abs(a[k] - b[k]) > 0.05 for k in a.keys() & b.keys())
    return {
        "quotes_expected": sum(map(len, expected)),
        "quotes_found": sum(map(len, found)),
        "quotes_differing": differ,
        "median_confidence_shift": round(statistics.median(moved), 5) if moved else None,
        "max_confidence_shift": round(max(moved), 5) if moved else None,
        "confidence_shifts_over_0.05": shifts,
    }


class Progress:
    """Stands in for the CLI's progress bar: when each batch of results arrived."""

    def __init__(self):
        self.arrivals: list[tuple[float, int]] = []

    def update(self, n: int) -> None:
        self.arrivals.append((time.perf_counter(), n))


def bulk(args, texts: list[str], workers: int, batch: int, heads: str) -> dict:
    """The CLI's annotate over the texts with ``workers`` processes: the steady rate counts from the moment
    the first ``workers`` batches are back (every process loaded and warm) to the last batch."""
    progress = Progress()
    started = time.perf_counter()
    results, errors = annotate(
        ((f"a{n}", t) for n, t in enumerate(texts)),
        io.StringIO(),
        model=args.model,
        workers=workers,
        threads=1,
        device=args.device,
        batch=batch,
        progress=progress,
        heads_device=heads,
    )
    total = time.perf_counter() - started
    warm = min(workers, len(progress.arrivals) - 1)
    t0 = progress.arrivals[warm - 1][0] if warm > 0 else started
    after = sum(n for _, n in progress.arrivals[warm:])
    steady = progress.arrivals[-1][0] - t0
    return {
        "bulk_workers": workers,
        "articles_per_call": batch,
        "articles": len(texts),
        "errors": errors,
        "results": results,
        "steady_articles_per_s": round(after / steady, 1) if steady > 0 else None,
        "whole_run_articles_per_s": round(len(texts) / total, 1),
        "whole_run_seconds": round(total, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(REPO / SHIPPED_MODEL_DIR))
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--reference", help="the CPU answers on dev (scripts/device_kit.py writes them)")
    parser.add_argument("--device", default="cuda", choices=["cuda", "cpu"], help="cpu: a dry run of the script")
    parser.add_argument("--copies", type=int, default=4, help="one process: the dev articles, this many times")
    parser.add_argument("--batch", type=int, nargs="+", default=[1, 8, 32, 128], help="articles per engine call")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--bulk-copies", type=int, default=48, help="bulk: the dev articles, this many times")
    parser.add_argument("--workers", type=int, nargs="+", default=[15], help="bulk: worker processes")
    parser.add_argument("--bulk-batch", type=int, nargs="+", default=[32, 128], help="bulk: articles per call")
    parser.add_argument(
        "--heads", nargs="+", default=["cuda", "cpu"], choices=["cuda", "cpu"], help="where the heads run (GPU runs)"
    )
    parser.add_argument(
        "--sections", nargs="+", default=list(SECTIONS), choices=SECTIONS, help="which sections to run (all)"
    )
    parser.add_argument("--out", help="also append every JSON line to this file")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a check that every section runs")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else None
    if args.device == "cuda" and not torch.cuda.is_available():
        print("no CUDA device: nothing to measure (--device cpu --quick checks the script)", file=sys.stderr)
        return 2
    if args.quick:
        args.copies, args.batch, args.runs, args.bulk_copies, args.workers, args.bulk_batch = 1, [1, 8], 1, 1, [2], [32]

    gpu = {}
    if args.device == "cuda":
        props = torch.cuda.get_device_properties(0)
        gpu = {
            "gpu": props.name,
            "gpu_memory_gib": round(props.total_memory / 2**30),
            "cuda": torch.version.cuda,
            "mps": mps_active(),
        }
    emit(out, {"machine": machine(), **gpu, "torch": torch.__version__})

    dev = dev_texts(Path(args.corpus))
    reference = {}
    if "agreement" in args.sections:
        reference = json.loads(Path(args.reference).read_text()) if args.reference else cpu_references(args.model, dev)
    texts = dev * args.copies
    for heads in args.heads if args.device == "cuda" else ["cpu"]:
        threads = None if args.device == "cuda" else 2
        engine = Attributor.from_path(args.model, device=args.device, num_threads=threads, heads_device=heads)
        label = {"heads": heads}

        # 1. Agreement with the CPU, and determinism
        if "agreement" in args.sections:
            found = answers(engine, dev)
            for name, expected in reference.items():
                emit(out, {**label, "agreement_with_cpu": name, "articles": len(dev), **agreement(found, expected)})
            emit(out, {**label, "same_answers_twice": answers(engine, dev) == found})

        # 2. One process, several articles per call
        for batch in args.batch if "one-process" in args.sections else []:

            def in_calls(engine=engine, batch=batch):
                for k in range(0, len(texts), batch):
                    engine.run_many(texts[k : k + batch])

            median = median_seconds(in_calls, args.runs, args.device)
            emit(
                out,
                {
                    **label,
                    "one_process_articles_per_call": batch,
                    "articles": len(texts),
                    "articles_per_s": round(len(texts) / median, 1),
                },
            )

        # 3. Bulk: the CLI's worker processes sharing the GPU
        for workers in args.workers if "bulk" in args.sections else []:
            for batch in args.bulk_batch:
                emit(out, {**label, **bulk(args, dev * args.bulk_copies, workers, batch, heads)})

    # 4. The encoder alone
    if "encoder" not in args.sections:
        return 0
    span = engine.span_model
    windows = [span.encode(t, ModelSpans.outer(Draft.of(t)))[1] for t in texts]
    tokens = int(sum(w.attention_mask.sum() for w in windows))
    for window_batch in (64, 128, 256, 512):
        median = median_seconds(
            lambda b=window_batch: encode_documents(span.encoder.windows, windows, b), max(2, args.runs), args.device
        )
        emit(
            out,
            {
                "encoder_only_windows_per_call": window_batch,
                "articles_per_s": round(len(texts) / median, 1),
                "tokens_per_s": round(tokens / median),
            },
        )
    if args.device == "cuda":
        emit(out, {"gpu_memory_peak_mib_one_process": round(torch.cuda.max_memory_allocated() / 2**20)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
