"""Evaluates the engine on a PolNeAR split, on the seed articles and on the speaker-resolution set.

    python -m training.evaluate --split dev [--model models/quotes-minilm-1.2.0] [--write metrics.json]

Prints content_soft / content_exact P/R/F1, source_acc, cue_acc and attribution P/R/F1 overall and for
`direct` and `indirect` gold attributions; the seed articles' acceptance figures; speaker_name_acc by
mention kind, on the set the resolver's rules were written against and on a held-out set; and the
expected calibration error of the confidences.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from quotes import DEVICES, SHIPPED_MODEL_DIR
from quotes.document import Document as EngineDocument
from quotes.model.runtime import BACKENDS
from quotes.pipeline import Attributor
from quotes.speakers import AttributionMentions, SpeakerResolver
from quotes.types import Attributions, Span

from .calibration_data import calibration_rows, expected_calibration_error
from .metrics import BUCKETS, AttributionScorer, Predicted, best_match, normal_name
from .polnear import DEFAULT_CORPUS, Document, GoldAttribution, load_split

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = REPO / SHIPPED_MODEL_DIR
SEEDS = REPO / "seeds"
SPEAKER_GOLD = REPO / "eval" / "speaker_gold.json"
# Labelled later by another session, from the text alone, and never used to tune the resolver.
SPEAKER_GOLD_HELDOUT = REPO / "eval" / "speaker_gold_heldout.json"
# PolNeAR train articles labelled the same way (2026-11-30): fresh tuning data for the resolver.
SPEAKER_GOLD_TRAIN = REPO / "eval" / "speaker_gold_train.json"
# Other PolNeAR train articles labelled the same way, which nobody tunes on: a check before the held-out look.
SPEAKER_GOLD_CHECK = REPO / "eval" / "speaker_gold_check.json"


def to_predicted(result: Attributions) -> list[Predicted]:
    return [
        Predicted(
            q.start,
            q.end,
            q.type,
            (q.speaker.mention.start, q.speaker.mention.end) if q.speaker.mention else None,
            (q.cue.start, q.cue.end) if q.cue else None,
        )
        for q in result.quotes
    ]


def _nearest(text: str, needle: str, start: int, end: int) -> tuple[int, int] | None:
    """The occurrence of ``needle`` closest to the span [start, end) (the seed file names mentions by text)."""
    hits = [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []
    if not hits:
        return None

    def distance(h: int) -> int:
        if h + len(needle) <= start:
            return start - (h + len(needle))
        return h - end if h >= end else len(text)  # inside the quote itself: the last resort

    at = min(hits, key=distance)
    return at, at + len(needle)


def load_seeds(seed_dir: Path = SEEDS) -> list[tuple[Document, list[dict]]]:
    """Seed articles as gold documents (mention and cue located next to their quote) plus expected quotes."""
    out = []
    for expected_file in sorted(seed_dir.glob("*.expected.json")):
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        text = (seed_dir / expected["document"]).read_text(encoding="utf-8")
        gold = []
        for q in expected["quotes"]:
            source = _nearest(text, q.get("mention") or "", q["start"], q["end"])
            cue = _nearest(text, q.get("cue") or "", q["start"], q["end"])
            gold.append(GoldAttribution(((q["start"], q["end"]),), (cue,) if cue else (), (source,) if source else ()))
        out.append((Document(expected["document"], text, tuple(gold)), expected["quotes"]))
    return out


def seed_report(attributor: Attributor) -> dict:
    """Found = soft match; right mention = shares a token with the expected mention; right name = equal names."""
    found = right_mention = right_name = total = 0
    misses = []
    for doc, expected in load_seeds():
        result = attributor.run(doc.text)
        predicted = to_predicted(result)
        for gold, exp in zip(doc.attributions, expected):
            total += 1
            one = AttributionScorer(group=False)
            one.add(doc.text, [gold], predicted)
            c = one.counts["all"]
            found += c["soft"]
            right_mention += c["source_right"]
            match = best_match(doc.text, gold.content, result.quotes)
            name_ok = match is not None and normal_name(match.speaker.name) == normal_name(exp["speaker"])
            right_name += int(name_ok)
            if not (c["soft"] and c["source_right"] and name_ok):
                misses.append(
                    {
                        "id": exp["id"],
                        "found": bool(c["soft"]),
                        "mention": match.speaker.mention.text if match and match.speaker.mention else None,
                        "name": match.speaker.name if match else None,
                        "expected": exp["speaker"],
                    }
                )
    return {
        "expected": total,
        "found": found,
        "right_mention": right_mention,
        "right_name": right_name,
        "misses": misses,
    }


def polnear_mentions(doc: Document) -> list[AttributionMentions]:
    """PolNeAR's gold attributions of one article as the resolver's input: content, cue and source spans
    (the first part of a discontinuous one)."""
    return [
        AttributionMentions(
            content=(a.start, a.end),
            cue=Span.of(doc.text, *a.cue[0]) if a.cue else None,
            source=Span.of(doc.text, *a.source[0]) if a.source else None,
        )
        for a in doc.attributions
    ]


def speaker_report(resolver: SpeakerResolver, docs: dict[str, Document], gold_file: Path = SPEAKER_GOLD) -> dict:
    """speaker_name_acc on a hand-labelled set: the resolver is given the gold mentions of the article."""
    if not gold_file.exists():
        return {}
    records = json.loads(gold_file.read_text(encoding="utf-8"))
    seeds = {f"seeds/{Path(d.name).stem}": d for d, _ in load_seeds()}
    by_doc: dict[str, list[dict]] = {}
    for r in records:
        by_doc.setdefault(r["doc"], []).append(r)
    right: dict[str, int] = {}
    count: dict[str, int] = {}
    for name, recs in by_doc.items():
        doc = docs.get(name) or seeds.get(name)
        if doc is None:
            continue
        mentions = polnear_mentions(doc)
        speakers, _ = resolver.resolve(EngineDocument.read(doc.text), mentions)
        by_start = {m.source.start: s for m, s in zip(mentions, speakers) if m.source}
        for r in recs:
            speaker = by_start.get(r["start"])
            ok = speaker is not None and normal_name(speaker.name) == normal_name(r["name"])
            for kind in ("all", r["kind"]):
                count[kind] = count.get(kind, 0) + 1
                right[kind] = right.get(kind, 0) + int(ok)
    return {k: {"acc": round(right[k] / count[k], 4), "n": count[k]} for k in count}


def evaluate(attributor: Attributor, docs: list[Document]) -> tuple[dict, list, float]:
    scorer = AttributionScorer()
    started = time.perf_counter()
    detailed = [attributor.run_detailed(d.text) for d in docs]
    seconds = time.perf_counter() - started
    rows = []
    for doc, (result, features) in zip(docs, detailed):
        predicted = to_predicted(result)
        scorer.add(doc.text, list(doc.attributions), predicted)
        rows.extend(calibration_rows(doc, predicted, [q.confidence for q in result.quotes], features))
    return scorer.report(), rows, seconds


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--backend", default="onnx", choices=BACKENDS, help="int8 ONNX (shipped), fused fp32 ONNX or fp32 torch"
    )
    parser.add_argument(
        "--device", default="cpu", choices=DEVICES, help="cpu (the default, the shipped figures), cuda or auto"
    )
    parser.add_argument("--write", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    attributor = Attributor.from_path(args.model, num_threads=args.threads, backend=args.backend, device=args.device)
    docs = load_split(args.split, Path(args.corpus), limit=args.limit)
    report, rows, seconds = evaluate(attributor, docs)
    confidences = [r["confidence"] for r in rows]
    outcomes = [r["correct"] for r in rows]
    by_name = {d.name: d for d in docs}
    figures = {
        "model": f"{attributor.info.name}-{attributor.info.version}",
        "backend": args.backend if attributor.span_model.device == "cpu" else "torch-fp16",
        "device": attributor.span_model.device,
        "split": args.split,
        "documents": len(docs),
        "seconds": round(seconds, 1),
        "metrics": report,
        "calibration_ece": round(expected_calibration_error(confidences, outcomes), 4),
        "seeds": seed_report(attributor),
        "speaker_name_acc": speaker_report(attributor.resolver, by_name),
        "speaker_name_acc_heldout": speaker_report(attributor.resolver, by_name, SPEAKER_GOLD_HELDOUT),
    }
    print_figures(figures)
    if args.write:
        Path(args.write).write_text(json.dumps(figures, indent=2) + "\n")
    return figures


def print_figures(figures: dict) -> None:
    print(f"{figures['model']} on {figures['split']} ({figures['documents']} documents, {figures['seconds']} s)")
    names = [
        "content_soft_p",
        "content_soft_r",
        "content_soft_f1",
        "content_exact_f1",
        "source_acc",
        "cue_acc",
        "attribution_p",
        "attribution_r",
        "attribution_f1",
        "gold",
        "predicted",
    ]
    print(f"{'':10}" + "".join(f"{n:>17}" for n in names))
    for bucket in BUCKETS:
        row = figures["metrics"][bucket]
        print(f"{bucket:10}" + "".join(f"{row[n]:>17}" for n in names))
    print(f"calibration ECE: {figures['calibration_ece']}")
    s = figures["seeds"]
    print(
        f"seeds: {s['found']}/{s['expected']} found, {s['right_mention']} right mention, {s['right_name']} right name"
    )
    for miss in s["misses"]:
        print("   miss:", miss)
    for key in ("speaker_name_acc", "speaker_name_acc_heldout"):
        for kind, row in figures.get(key, {}).items():
            print(f"{key}[{kind}]: {row['acc']} (n={row['n']})")


if __name__ == "__main__":
    main()
