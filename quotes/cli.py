"""The command-line tool for archives: ``quotes annotate`` turns files, folders of .txt, JSONL or stdin into
JSONL Results in the HTTP API's exact form, one line per article, resumable and with a progress bar.

    quotes annotate archive.jsonl stories/ -o quotes.jsonl --workers 2
    cat one.txt | quotes annotate - --format text
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path

from . import SHIPPED_MODEL_DIR, parse_heads_device
from .serialize import error_dict, result_dict

DEFAULT_BATCH = 8  # articles per engine call: their windows share encoder calls
GPU_BATCH = 128  # on a GPU, wide calls: one H200, 15 workers, heads on the GPU: 339 articles/s against 265 at 32
REPO = Path(__file__).resolve().parents[1]

Document = tuple[str, str]  # (id, text)


def read_documents(inputs: list[str], stdin_format: str = "auto") -> Iterator[Document]:
    """Documents from paths (a .jsonl file: one {"id", "text"} per line; a folder: its .txt files, sorted;
    any other file: one article whose id is its path) or ``-`` for stdin. Lazy, so archives stream."""
    for name in inputs or ["-"]:
        if name == "-":
            yield from _read_stdin(stdin_format)
            continue
        path = Path(name)
        if path.is_dir():
            for file in sorted(path.rglob("*.txt")):
                yield str(file), file.read_text(encoding="utf-8")
        elif path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as lines:
                yield from _read_jsonl(lines, str(path))
        else:
            yield str(path), path.read_text(encoding="utf-8")


def _read_stdin(stdin_format: str) -> Iterator[Document]:
    text = sys.stdin.read()
    is_jsonl = stdin_format == "jsonl" or (stdin_format == "auto" and text.lstrip().startswith("{"))
    if is_jsonl:
        yield from _read_jsonl(text.splitlines(), "-")
    else:
        yield "-", text


def _read_jsonl(lines: Iterable[str], source: str) -> Iterator[Document]:
    """A line without an id gets ``SOURCE:LINE``; a line that is not a document is yielded with text None."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            doc_id, text = record.get("id"), record["text"]
        except (ValueError, KeyError, AttributeError, TypeError):
            yield f"{source}:{number}", None
            continue
        yield (f"{source}:{number}" if doc_id is None else str(doc_id)), text


def done_ids(output: Path) -> set[str]:
    """Ids that already have a result line in the output (error lines are tried again)."""
    if not output.exists():
        return set()
    ids = set()
    with output.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line cut short by an interrupted run
            if "error" not in record:
                ids.add(record["id"])
    return ids


# -- the engine, one per process ---------------------------------------------------------------------
_attributor = None


def load_engine(model: str, threads: int | None, device: str, heads_device: str | None = None) -> None:
    """Loads this process's engine (a CLI worker's, a Ray actor's) once; ``heads_device`` None: the engine's
    default."""
    global _attributor
    # One process per core already: the tokenizer's own thread pool in each would only oversubscribe them.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from .pipeline import Attributor

    placement = {"heads_device": heads_device} if heads_device else {}
    _attributor = Attributor.from_path(model, num_threads=threads, device=device, **placement)


def annotate_batch(batch: list[Document]) -> list[dict]:
    """Result lines for a batch; if the batch fails, each article alone, so one bad article is one error line."""
    outcomes: list = [
        None if isinstance(t, str) and t.strip() else ValueError("empty text" if isinstance(t, str) else "no text")
        for _, t in batch
    ]
    good = [k for k, outcome in enumerate(outcomes) if outcome is None]
    try:
        for k, result in zip(good, _attributor.run_many([batch[k][1] for k in good]), strict=True):
            outcomes[k] = result
    except Exception:
        for k in good:
            try:
                outcomes[k] = _attributor.run(batch[k][1])
            except Exception as error:  # noqa: BLE001 - recorded in the output, and the run goes on
                outcomes[k] = error
    return [
        error_dict(doc_id, outcome, _attributor.info)
        if isinstance(outcome, BaseException)
        else result_dict(doc_id, outcome, _attributor.info)
        for (doc_id, _), outcome in zip(batch, outcomes, strict=True)
    ]


def on_gpu(device: str) -> bool:
    """Whether the engine will run on a GPU; "cpu" answers without importing torch into this process."""
    if device == "cpu":
        return False
    from .model.runtime import resolve_device

    return resolve_device(device) == "cuda"


def heads_device_from_environ(environ: Mapping[str, str] | None = None) -> str | None:
    """QUOTES_GPU_HEADS, read at the edges that start engines (this CLI, the Ray actors, the GPU benchmark):
    one of HEADS_DEVICES, or None when it is not set."""
    environ = os.environ if environ is None else environ
    return parse_heads_device(environ.get("QUOTES_GPU_HEADS"))


def mps_active(environ: Mapping[str, str] | None = None) -> bool:
    """Whether an NVIDIA MPS control daemon serves this machine (its control pipe exists): processes then share
    a GPU's time without context switches."""
    environ = os.environ if environ is None else environ
    return (Path(environ.get("CUDA_MPS_PIPE_DIRECTORY") or "/tmp/nvidia-mps") / "control").exists()


def workers_heads_device(device: str, workers: int, heads_device: str | None) -> str | None:
    """Where the workers' heads run: as asked, else on the CPU when several workers share a GPU without MPS
    (quotes.DEFAULT_HEADS_DEVICE says why and what it measured), else the engine's default."""
    if heads_device is None and workers > 1 and on_gpu(device) and not mps_active():
        return "cpu"
    return heads_device


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def annotate(
    documents: Iterable[Document],
    out,
    *,
    model: str,
    workers: int = 1,
    threads: int | None = None,
    device: str = "cpu",
    batch: int = DEFAULT_BATCH,
    progress=None,
    heads_device: str | None = None,
) -> tuple[int, int]:
    """Writes one JSON line per document to ``out`` in input order; (results, errors) written.
    ``heads_device``: on a GPU, where the heads run (None: see workers_heads_device)."""
    batches = _batches(documents, batch)
    written = errors = 0
    engine = (model, threads, device, workers_heads_device(device, workers, heads_device))
    if workers <= 1:
        load_engine(*engine)
        chunks = map(annotate_batch, batches)
        pool = None
    else:
        # spawn, not fork: torch's thread pools do not survive a fork; each worker loads its own model
        pool = multiprocessing.get_context("spawn").Pool(workers, load_engine, engine)
        chunks = pool.imap(annotate_batch, batches)
    try:
        for lines in chunks:
            for line in lines:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                errors += "error" in line
                written += 1
            out.flush()
            if progress is not None:
                progress.update(len(lines))
    finally:
        if pool is not None:
            pool.terminate()
    return written - errors, errors


def run_shape(device: str, workers: int | None, batch: int | None, cores: int) -> tuple[int, int]:
    """(workers, articles per call) where not given. On the CPU one process uses every core through its threads.
    On a GPU the CPU stages set the pace (about 25 ms an article on one core), so one worker per core, leaving
    one for reading and writing, and wide calls."""
    gpu = (workers is None or batch is None) and on_gpu(device)
    if workers is None:
        workers = max(1, cores - 1) if gpu else 1
    if batch is None:
        batch = GPU_BATCH if gpu else DEFAULT_BATCH
    return max(1, workers), max(1, batch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="quotes", description="Quote attribution for news articles.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "annotate",
        help="attribute the quotes of many articles, JSONL out",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("inputs", nargs="*", help="files, folders of .txt, .jsonl files, or - for stdin (the default)")
    run.add_argument("-o", "--output", help="JSONL file to append to (resumable: ids already there are skipped)")
    run.add_argument("--model", default=str(REPO / SHIPPED_MODEL_DIR))
    run.add_argument(
        "--workers", type=int, default=None, help="processes, each with its own model (default: 1; on a GPU cores - 1)"
    )
    run.add_argument("--threads", type=int, default=None, help="CPU threads per worker (default: cores / workers)")
    run.add_argument("--device", default=os.environ.get("QUOTES_DEVICE", "auto"), choices=["auto", "cpu", "cuda"])
    run.add_argument(
        "--batch",
        type=int,
        default=None,
        help=f"articles per engine call (default: {DEFAULT_BATCH}; {GPU_BATCH} on a GPU)",
    )
    run.add_argument("--format", dest="stdin_format", default="auto", choices=["auto", "jsonl", "text"])
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    try:
        heads_device = heads_device_from_environ()
    except ValueError as error:
        parser.error(str(error))

    from tqdm import tqdm

    workers, batch = run_shape(args.device, args.workers, args.batch, os.cpu_count() or 1)
    threads = args.threads or max(1, (os.cpu_count() or 1) // workers)
    documents = read_documents(args.inputs, args.stdin_format)
    skip = done_ids(Path(args.output)) if args.output else set()
    if skip:
        documents = (d for d in documents if d[0] not in skip)
    out = open(args.output, "a", encoding="utf-8") if args.output else sys.stdout
    with tqdm(unit=" articles", disable=args.quiet, file=sys.stderr, desc="annotate") as progress:
        try:
            results, errors = annotate(
                documents,
                out,
                model=args.model,
                workers=workers,
                threads=threads,
                device=args.device,
                batch=batch,
                progress=progress,
                heads_device=heads_device,
            )
        finally:
            if out is not sys.stdout:
                out.close()
    print(f"{results} results, {errors} errors, {len(skip)} already done", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
