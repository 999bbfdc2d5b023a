"""Speed of the engine over the PolNeAR dev articles: articles/s and tokens/s, median of several runs,
with 1 and 2 threads, for the shipped int8 ONNX encoder and (with --torch) the fp32 torch one.

    python -m training.benchmark [--runs 3] [--threads 1 2] [--limit N]

A benchmark, not a test: CPU timings are noisy, so it reports medians and the ratio between settings.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from quotes.pipeline import Attributor

from .evaluate import DEFAULT_MODEL
from .polnear import DEFAULT_CORPUS, load_split


def time_run(attributor: Attributor, texts: list[str]) -> dict:
    """One pass over the texts, with the time split between the transformer and the rest."""
    model_seconds = 0.0
    predict = attributor.span_model.predict

    def timed_predict(text, quotations):
        nonlocal model_seconds
        t = time.perf_counter()
        out = predict(text, quotations)
        model_seconds += time.perf_counter() - t
        return out

    attributor.span_model.predict = timed_predict
    try:
        started = time.perf_counter()
        for text in texts:
            attributor.run(text)
        total = time.perf_counter() - started
    finally:
        del attributor.span_model.predict
    return {"seconds": total, "model_seconds": model_seconds}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--torch", action="store_true", help="also measure the fp32 torch backend")
    parser.add_argument("--write", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    texts = [d.text for d in load_split("dev", Path(args.corpus), limit=args.limit)]
    results = []
    for backend in ["onnx", "torch"] if args.torch else ["onnx"]:
        for threads in args.threads:
            attributor = Attributor.from_path(args.model, num_threads=threads, backend=backend)
            tokens = sum(len(attributor.span_model.tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts)
            attributor.run(texts[0])  # warm-up
            runs = [time_run(attributor, texts) for _ in range(args.runs)]
            median = statistics.median(r["seconds"] for r in runs)
            model_share = statistics.median(r["model_seconds"] / r["seconds"] for r in runs)
            row = {
                "backend": backend,
                "threads": threads,
                "articles": len(texts),
                "tokens": tokens,
                "median_seconds": round(median, 2),
                "articles_per_s": round(len(texts) / median, 2),
                "tokens_per_s": round(tokens / median),
                "transformer_share": round(model_share, 3),
            }
            results.append(row)
            print(json.dumps(row))
    if args.write:
        Path(args.write).write_text(json.dumps(results, indent=2) + "\n")
    return {"results": results}


if __name__ == "__main__":
    main()
