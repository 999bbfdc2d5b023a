"""How the speaker stage (SpeakerResolver.resolve) grows with the text: description-dense synthetic articles
and ordinary prose at doubling sizes, medians of interleaved rounds, and the ratio per doubling:

    python scripts/bench_speakers.py [--sizes 10000 20000 40000 80000] [--rounds 7] [--write FILE.jsonl]
    python scripts/bench_speakers.py --profile 80000   # cProfile of one dense run, top functions

Description-dense text is written here, deterministically: every paragraph introduces a new organization
and a new person, and quotes them through descriptions ("the company said", "the minister added", "the
spokesman said"), the class issue 11 found growing about 4x per doubling. Prose is PolNeAR dev articles one
after another with their gold attributions. The resolver gets the mentions the engine would give it: the
quote, cue and source spans the text was written with (or PolNeAR's gold), so no model is needed.

Every run starts after a garbage collection, with the cases of all sizes frozen out of the collector's
sight (gc.freeze), so that no size pays for scanning the others' documents.

A benchmark, not a test: the machine is shared and noisy, so every case is timed once per round, in an
order that alternates round by round, each figure is the median of its rounds and each ratio per doubling
the median of the rounds' ratios. Printed beside the CPU model, its vector flags and the load average.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import math
import pstats
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from quotes import Span  # noqa: E402
from quotes.document import Document  # noqa: E402
from quotes.speakers import AttributionMentions, SpeakerResolver  # noqa: E402
from training.benchmark import machine  # noqa: E402
from training.polnear import DEFAULT_CORPUS, load_split  # noqa: E402
from training.speaker_styles import polnear_mentions  # noqa: E402

SYLLABLES = "bar cel dor fen gal hav kel lor mar nov pel quin ros tav ul ven wex yar zel dun".split()
# (name ending, description): the descriptions are heads that point back ("the company", "the bank")
ORGANIZATIONS = [
    ("Holdings", "company"),
    ("Bank", "bank"),
    ("Group", "group"),
    ("Union", "union"),
    ("Agency", "agency"),
    ("Mining", "firm"),
]
FIRST_NAMES = "Helen Michael Sarah David Laura James Anna Peter Maria John".split()
PORTFOLIOS = "finance transport health energy trade housing culture defence".split()
CITIES = "Leeds Bristol Glasgow Cardiff Belfast Norwich".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday".split()


def coined(n: int) -> str:
    """A made-up proper word, different for every n: three syllables (8,000 of them) or more."""
    parts = []
    while True:
        n, k = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[k])
        if n == 0 and len(parts) >= 3:
            break
    return "".join(parts).capitalize()


@dataclass
class Case:
    kind: str  # "dense" or "prose"
    size: int  # characters asked for
    document: Document
    mentions: list[AttributionMentions]


# One paragraph pair of the dense text: [N<role>|words] marks the source (s), cue (c) and content (q) of
# attribution N, which the resolver is given as the engine would give them.
DENSE_PARAGRAPHS = (
    "[1s|{org}], one of the largest employers in {city}, [1c|said] on {day} [1q|it would cut {jobs} jobs]. "
    "“[2q|We have looked at every option for the {desc} and its staff],” [2s|the {desc}] [2c|said] in a "
    "statement.\n\n"
    "[3s|{first} {last}], the {portfolio} minister, [3c|told] reporters [3q|the plan was sound]. “[4q|We will "
    "hold the company to its word],” [4s|the minister] [4c|added]. A union official said the talks would go on, "
    "and [5s|the spokesman] [5c|said] [5q|the workers would vote next week]."
)
_MARK = re.compile(r"\[(\d)([sqc])\|([^\]]*)\]")


def dense_case(size: int) -> Case:
    """Paragraphs that each bring a new organization and a new person, quoted through descriptions."""
    parts: list[str] = []
    spans: list[dict[str, tuple[int, int]]] = []
    length, n = 0, 0
    while length < size:
        org_word, desc = ORGANIZATIONS[n % len(ORGANIZATIONS)]
        paragraph = DENSE_PARAGRAPHS.format(
            org=f"{coined(2 * n + 400)} {org_word}",
            city=CITIES[n % len(CITIES)],
            day=DAYS[n % len(DAYS)],
            jobs=100 + n,
            desc=desc,
            first=FIRST_NAMES[n % len(FIRST_NAMES)],
            last=coined(2 * n + 401),
            portfolio=PORTFOLIOS[n % len(PORTFOLIOS)],
        )
        if n:
            parts.append("\n\n")
            length += 2
        marks: dict[str, dict[str, tuple[int, int]]] = {}
        at = 0
        for m in _MARK.finditer(paragraph):
            parts.append(paragraph[at : m.start()])
            length += m.start() - at
            marks.setdefault(m.group(1), {})[m.group(2)] = (length, length + len(m.group(3)))
            parts.append(m.group(3))
            length += len(m.group(3))
            at = m.end()
        parts.append(paragraph[at:])
        length += len(paragraph) - at
        spans += marks.values()
        n += 1
    text = "".join(parts)
    mentions = [
        AttributionMentions(content=m["q"], cue=Span.of(text, *m["c"]), source=Span.of(text, *m["s"])) for m in spans
    ]
    return Case("dense", size, Document.read(text), mentions)


def prose_case(size: int, docs) -> Case:
    """PolNeAR dev articles one after another, until the size, with their gold attributions."""
    texts, spans, length = [], [], 0
    for doc in docs:
        if length >= size:
            break
        if texts:
            texts.append("\n\n")
            length += 2
        for m in polnear_mentions(doc):
            spans.append(
                (
                    (m.content[0] + length, m.content[1] + length),
                    *(None if s is None else (s.start + length, s.end + length) for s in (m.cue, m.source)),
                )
            )
        texts.append(doc.text)
        length += len(doc.text)
    text = "".join(texts)
    mentions = [
        AttributionMentions(
            content=c,
            cue=Span.of(text, *cue) if cue else None,
            source=Span.of(text, *source) if source else None,
        )
        for c, cue, source in spans
    ]
    return Case("prose", size, Document.read(text), mentions)


def timed(resolver: SpeakerResolver, case: Case) -> float:
    gc.collect()  # each run starts with no garbage of the one before
    started = time.perf_counter()
    resolver.resolve(case.document, case.mentions)
    return (time.perf_counter() - started) * 1000


def measure(cases: list[Case], rounds: int) -> dict[tuple[str, int], list[float]]:
    """ms per case and round; the order alternates round by round so that drift hits every case alike."""
    resolver = SpeakerResolver.load()
    for case in cases:
        timed(resolver, case)  # warm-up: imports, regex caches
    # The cases of every size stay in memory; frozen, the collector's full passes do not read them, as a
    # server's would not hold them, so a size is not charged for the others' objects.
    gc.collect()
    gc.freeze()
    times: dict[tuple[str, int], list[float]] = {(c.kind, c.size): [] for c in cases}
    for r in range(rounds):
        for case in cases if r % 2 == 0 else cases[::-1]:
            times[(case.kind, case.size)].append(timed(resolver, case))
    return times


def report(cases: list[Case], times: dict[tuple[str, int], list[float]]) -> list[dict]:
    """Medians by case, and against the case of half the size asked: the exponent of the growth (time ~
    chars^exponent, from the median of the rounds' time ratios over the two texts' length ratio; prose comes in
    whole articles, so its sizes are not exact doublings) and the factor it gives per doubling of the text."""
    chars = {(c.kind, c.size): len(c.document.text) for c in cases}
    rows = []
    for case in cases:
        key = (case.kind, case.size)
        ms = times[key]
        row = {
            "text": case.kind,
            "size": case.size,
            "chars": len(case.document.text),
            "attributions": len(case.mentions),
            "median_ms": round(statistics.median(ms), 1),
            "min_ms": round(min(ms), 1),
            "max_ms": round(max(ms), 1),
        }
        half = (case.kind, case.size // 2)
        if half in times:  # the ratio within each round, then its median
            ratio = statistics.median(a / b for a, b in zip(ms, times[half]))
            exponent = math.log(ratio) / math.log(chars[key] / chars[half])
            row["exponent"] = round(exponent, 2)
            row["per_doubling"] = round(2**exponent, 2)
        rows.append(row)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 20000, 40000, 80000])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--write", help="add the figures to this file, one JSON line a run")
    parser.add_argument("--profile", type=int, metavar="SIZE", help="profile one dense run of this size instead")
    args = parser.parse_args(argv)
    if args.profile:
        case = dense_case(args.profile)
        resolver = SpeakerResolver.load()
        timed(resolver, case)
        profiler = cProfile.Profile()
        profiler.runcall(resolver.resolve, case.document, case.mentions)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return 0
    cases = [dense_case(size) for size in args.sizes]
    try:
        docs = load_split("dev", Path(args.corpus))
        cases += [prose_case(size, docs) for size in args.sizes]
    except OSError:
        print(f"no PolNeAR corpus at {args.corpus}: dense text only")
    where = machine()
    times = measure(cases, args.rounds)
    rows = report(cases, times)
    print(
        f"{where['cpu']} ({where['cores']} cores; flags {', '.join(where['flags'])}; "
        f"load average {where['load_average']} at start, {machine()['load_average']} at end); "
        f"{args.rounds} interleaved rounds, medians"
    )
    print(f"{'text':6} {'chars':>7} {'attrs':>6} {'median ms':>10} {'min-max':>15} {'x per doubling':>15}")
    for r in rows:
        doubling = f"{r['per_doubling']:.2f} (n^{r['exponent']:.2f})" if "per_doubling" in r else ""
        spread = f"{r['min_ms']:.1f}-{r['max_ms']:.1f}"
        print(
            f"{r['text']:6} {r['chars']:>7} {r['attributions']:>6} {r['median_ms']:>10.1f} {spread:>15} {doubling:>15}"
        )
    if args.write:
        with open(args.write, "a", encoding="utf-8") as f:
            f.write(json.dumps({"machine": where, "rounds": args.rounds, "rows": rows}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
