"""GPU benchmark, one command on a machine with CUDA (about 5 minutes on one data-centre GPU):

    python scripts/bench_gpu.py [--corpus ../shared/data/polnear] [--copies 12] [--batch 1 8 32 128]

Prints the GPU and the CPU, then engine articles/s on the GPU (fp16 encoder) at several articles per call
over the PolNeAR dev articles repeated ``--copies`` times, the encoder's own articles/s (the ceiling when
the CPU stages run in more processes), and how many of the dev quotes differ from the CPU engine's (type,
offsets, speaker name; confidences compared against the calibration threshold).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import torch  # noqa: E402

from quotes import SHIPPED_MODEL_DIR, Attributor  # noqa: E402
from quotes.marks import find_quote_spans  # noqa: E402
from quotes.model.runtime import encode_documents  # noqa: E402
from quotes.pipeline import outer_quotations  # noqa: E402
from training.polnear import DEFAULT_CORPUS, load_split  # noqa: E402


def quote_keys(result) -> set[tuple]:
    return {(q.type, q.start, q.end, q.speaker.name) for q in result.quotes}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(REPO / SHIPPED_MODEL_DIR))
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--copies", type=int, default=12, help="the dev articles, this many times over")
    parser.add_argument("--batch", type=int, nargs="+", default=[1, 8, 32, 128], help="articles per engine call")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not torch.cuda.is_available():
        print("no CUDA device: nothing to measure", file=sys.stderr)
        return 2
    print(json.dumps({"gpu": torch.cuda.get_device_name(0), "torch": torch.__version__, "cuda": torch.version.cuda}))
    dev = [d.text for d in load_split("dev", Path(args.corpus))]
    gpu = Attributor.from_path(args.model, device="cuda")
    cpu = Attributor.from_path(args.model, device="cpu", backend="torch")  # fp32, the exact reference

    # Agreement with the CPU on dev
    on_gpu, on_cpu = gpu.run_many(dev), [cpu.run(t) for t in dev]
    differ = sum(len(quote_keys(g) ^ quote_keys(c)) for g, c in zip(on_gpu, on_cpu))
    total = sum(len(c.quotes) for c in on_cpu)
    shifts = [
        abs(a.confidence - b.confidence)
        for g, c in zip(on_gpu, on_cpu)
        for a, b in zip(g.quotes, c.quotes)
        if (a.start, a.end) == (b.start, b.end)
    ]
    print(
        json.dumps(
            {
                "dev_quotes_cpu": total,
                "quotes_differing_gpu_vs_cpu": differ,
                "median_confidence_shift": round(statistics.median(shifts), 5) if shifts else None,
                "max_confidence_shift": round(max(shifts), 5) if shifts else None,
            }
        ),
        flush=True,
    )

    texts = dev * args.copies
    for batch in args.batch:
        seconds = []
        for _ in range(args.runs):
            torch.cuda.synchronize()
            started = time.perf_counter()
            for k in range(0, len(texts), batch):
                gpu.run_many(texts[k : k + batch])
            seconds.append(time.perf_counter() - started)
        median = statistics.median(seconds)
        print(
            json.dumps(
                {"articles_per_call": batch, "articles": len(texts), "articles_per_s": round(len(texts) / median, 1)}
            ),
            flush=True,
        )

    # The encoder alone: what one GPU sustains when enough CPU processes feed it
    span = gpu.span_model
    windows = [span.encode(t, outer_quotations(find_quote_spans(t)))[1] for t in texts]
    for window_batch in (64, 128, 256):
        seconds = []
        for _ in range(args.runs):
            torch.cuda.synchronize()
            started = time.perf_counter()
            encode_documents(span.encoder.windows, windows, window_batch)
            torch.cuda.synchronize()
            seconds.append(time.perf_counter() - started)
        median = statistics.median(seconds)
        print(
            json.dumps({"encoder_only_window_batch": window_batch, "articles_per_s": round(len(texts) / median, 1)}),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
