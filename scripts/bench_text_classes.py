"""Time of each class of input against prose of the same length, through the engine the service runs
(issue 9, defect 1: any allowed input within 2x the time of prose):

    python scripts/bench_text_classes.py [--sizes 20000 40000] [--rounds 3] [--threads 1]

Prose is PolNeAR dev text (the seed articles when the corpus is absent); the other classes are what a
hostile or unlucky client sends: quote-dense prose, a run of quotation marks, a base64 blob, CJK text
(which the service takes only with "language": "en"), a long URL/hash-like run, emoji, one word repeated.
"dense between spaces" ("a.b.c " over and over) is the densest text the word cap leaves whole: only the
token budget (QUOTES_MAX_TOKENS) bounds it.

A benchmark, not a test: the machine is shared and noisy, so each run of a class is paired with a run of
prose of the same length right beside it (the order alternating round by round, as farm-bench --vs does),
and the ratio is the median of those pairs; times are medians of rounds. Printed beside the CPU model and
its vector flags, and the tokens per character the tokenizer makes and the encoder reads.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from quotes import SHIPPED_MODEL_DIR, Attributor  # noqa: E402
from training.benchmark import machine  # noqa: E402
from training.evaluate import SEEDS  # noqa: E402
from training.polnear import DEFAULT_CORPUS, load_split  # noqa: E402


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def prose_source(corpus: Path) -> str:
    """Real articles, one after another: the yardstick every other class is held against."""
    try:
        texts = [d.text for d in load_split("dev", corpus)]
    except OSError:
        texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return "\n\n".join(texts)


def base64_blob(size: int) -> str:
    return base64.b64encode(random.Random(9).randbytes(size))[:size].decode()


def hash_run(size: int) -> str:
    """A URL whose path is one long hex run, as a pasted tracking link or a digest."""
    rng = random.Random(9)
    return ("https://example.com/track?id=" + "".join(rng.choice("0123456789abcdef") for _ in range(size)))[:size]


def cjk(size: int) -> str:
    """Chinese text drawn from common characters, so that neither repetition nor [UNK] makes it cheaper."""
    rng = random.Random(9)
    common = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后"
    return "".join(rng.choice(common) if k % 20 else "。" for k in range(size))


def classes(prose: str) -> dict:
    return {
        "prose": lambda n: repeat(prose, n),
        "quote-dense": lambda n: repeat('"a," he said. ', n),
        "quotation-marks": lambda n: "\u201c" * n,
        "base64": base64_blob,
        "cjk (language en)": cjk,
        "url/hash run": hash_run,
        "emoji": lambda n: repeat("\U0001f600", n),
        "one word repeated": lambda n: repeat("buffalo ", n),
        "dense between spaces": lambda n: repeat("a.b.c ", n),
    }


def token_counts(attributor: Attributor, text: str) -> tuple[int, int]:
    """(tokens the tokenizer makes, tokens the encoder reads)."""
    span_model = attributor.span_model
    tokenizer_tokens = len(span_model.tokenizer(text, add_special_tokens=False)["input_ids"])
    return tokenizer_tokens, span_model.encoder_tokens(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(REPO / SHIPPED_MODEL_DIR))
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 40_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="engine threads (a service worker's usual share)")
    parser.add_argument("--only", nargs="+", help="these classes (and prose) only")
    args = parser.parse_args(argv)
    print(json.dumps(machine()), flush=True)
    attributor = Attributor.from_path(args.model, num_threads=args.threads, device="cpu")
    makers = classes(prose_source(Path(args.corpus)))
    if args.only:
        makers = {k: v for k, v in makers.items() if k == "prose" or k in args.only}
    texts = {(name, size): make(size) for name, make in makers.items() for size in args.sizes}
    attributor.run(texts[("prose", args.sizes[0])][:2000])  # warm-up

    def timed(key) -> float:
        started = time.perf_counter()
        attributor.run(texts[key])
        return time.perf_counter() - started

    times: dict[tuple, list[float]] = {key: [] for key in texts}
    ratios: dict[tuple, list[float]] = {key: [] for key in texts if key[0] != "prose"}
    for round_ in range(args.rounds):
        for key in ratios:
            prose_key = ("prose", key[1])
            if round_ % 2:
                mine, prose = timed(key), timed(prose_key)
            else:
                prose, mine = timed(prose_key), timed(key)
            times[key].append(mine)
            times[prose_key].append(prose)
            ratios[key].append(mine / prose)
    print(f"{'class':20} {'chars':>6} {'median s':>9} {'x prose':>8} {'tok/char':>9} {'enc tok/char':>13}")
    for (name, size), runs in times.items():
        ratio = statistics.median(ratios.get((name, size), [1.0]))
        made, read = token_counts(attributor, texts[(name, size)])
        print(
            f"{name:20} {size:>6} {statistics.median(runs):>9.2f} {ratio:>8.2f} {made / size:>9.3f} {read / size:>13.3f}"
        )
    print(
        f"{args.rounds} rounds of pairs (class and prose side by side), {args.threads} engine thread(s), load average {machine()['load_average']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
