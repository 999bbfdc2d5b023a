"""The engine's answers for the seed articles and a PolNeAR split, one JSON line per article, and a diff
of two such files: the proof that a refactor left behaviour unchanged, byte for byte.

    python -m training.snapshot --write runs/before.jsonl [--split dev]
    python -m training.snapshot --write runs/after.jsonl && python -m training.snapshot --compare runs/before.jsonl runs/after.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from quotes.pipeline import Attributor

from .evaluate import DEFAULT_MODEL, SEEDS
from .polnear import DEFAULT_CORPUS, load_split


def answer_lines(attributor: Attributor, named_texts: list[tuple[str, str]]) -> list[str]:
    """One canonical JSON line per article: its name and the engine's whole answer."""
    return [
        json.dumps(
            {"doc": name, "answer": dataclasses.asdict(attributor.run(text))}, ensure_ascii=False, sort_keys=True
        )
        for name, text in named_texts
    ]


def compare(before: Path, after: Path) -> int:
    """Prints each article whose answer changed; the number of changed articles."""
    old = {json.loads(line)["doc"]: line for line in before.read_text(encoding="utf-8").splitlines()}
    new = {json.loads(line)["doc"]: line for line in after.read_text(encoding="utf-8").splitlines()}
    changed = sorted(d for d in old.keys() | new.keys() if old.get(d) != new.get(d))
    for doc in changed:
        print(f"changed: {doc}")
    print(f"{len(changed)} of {len(old.keys() | new.keys())} answers differ")
    return len(changed)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", help="write the answers to this JSONL file")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="diff two answer files")
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    if args.compare:
        return 1 if compare(Path(args.compare[0]), Path(args.compare[1])) else 0
    if not args.write:
        parser.error("--write FILE or --compare BEFORE AFTER")
    attributor = Attributor.from_path(args.model, num_threads=args.threads)
    seeds = [(f"seeds/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    docs = [(d.name, d.text) for d in load_split(args.split, Path(args.corpus))]
    lines = answer_lines(attributor, seeds + docs)
    Path(args.write).parent.mkdir(parents=True, exist_ok=True)
    Path(args.write).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} answers written to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
