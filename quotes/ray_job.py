"""An archive run on Ray Data: JSONL or Parquet articles ({"id", "text"}) in, Parquet or JSONL results out.

    python -m quotes.ray_job --input articles.jsonl more/*.parquet --output out/ [--format jsonl]

Locally it starts Ray on this machine; with ``--address auto`` (or RAY_ADDRESS) it joins a cluster, where
the same command runs over files every node can read (shared storage, s3://...). Each actor loads the
model once; ``--gpus-per-actor 1`` places actors on GPU nodes.
"""

from __future__ import annotations

import argparse
import time

from . import DEVICES, SHIPPED_MODEL_DIR
from .cli import REPO


def run_job(
    inputs: list[str],
    output: str,
    *,
    output_format: str = "parquet",
    model: str = str(REPO / SHIPPED_MODEL_DIR),
    device: str = "auto",
    actors: int = 1,
    threads: int | None = None,
    gpus_per_actor: float = 0,
    batch_size: int = 16,
) -> int:
    """Runs the job on the Ray that is initialised (or a local one); the number of articles written."""
    import ray

    from .ray import Annotator, JsonLinesDatasink

    parquet = [p for p in inputs if p.endswith(".parquet")]
    jsonl = [p for p in inputs if not p.endswith(".parquet")]
    parts = ([ray.data.read_parquet(parquet)] if parquet else []) + ([ray.data.read_json(jsonl)] if jsonl else [])
    articles = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    results = articles.map_batches(
        Annotator,
        fn_constructor_kwargs={"model": model, "device": device, "threads": threads},
        batch_size=batch_size,
        batch_format="numpy",
        concurrency=actors,
        num_cpus=threads or 1,
        num_gpus=gpus_per_actor,
    ).materialize()
    if output_format == "parquet":
        results.write_parquet(output)
    else:
        results.write_datasink(JsonLinesDatasink(output))
    return results.count()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", nargs="+", required=True, help=".jsonl/.json or .parquet files or folders")
    parser.add_argument("--output", required=True, help="output folder")
    parser.add_argument("--format", default="parquet", choices=["parquet", "jsonl"])
    parser.add_argument("--model", default=str(REPO / SHIPPED_MODEL_DIR))
    parser.add_argument("--device", default="auto", choices=DEVICES)
    parser.add_argument("--actors", type=int, default=1, help="model replicas (processes) running at once")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads per actor")
    parser.add_argument("--gpus-per-actor", type=float, default=0)
    parser.add_argument("--batch-size", type=int, default=16, help="articles per engine call")
    parser.add_argument("--address", default=None, help="a Ray cluster to join ('auto': the local node's)")
    args = parser.parse_args(argv)

    import ray

    ray.init(address=args.address, log_to_driver=False)
    started = time.perf_counter()
    count = run_job(
        args.input,
        args.output,
        output_format=args.format,
        model=args.model,
        device=args.device,
        actors=args.actors,
        threads=args.threads,
        gpus_per_actor=args.gpus_per_actor,
        batch_size=args.batch_size,
    )
    seconds = time.perf_counter() - started
    print(f"{count} articles in {seconds:.1f} s ({count / seconds:.2f} articles/s) -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
