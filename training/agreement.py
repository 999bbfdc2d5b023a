"""How far PolNeAR's own annotators agree, scored with the project's metrics: the ceiling for the model.

    python -m training.agreement [--corpus DIR]

A few articles were annotated by several annotators. For every ordered pair of annotations of one
article, one is taken as gold and the other as predictions (its source spans as speaker mentions, its
multi-part contents as they are), and the same metrics as ``training.evaluate`` are accumulated.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from .metrics import BUCKETS, AttributionScorer, Predicted
from .polnear import DEFAULT_CORPUS, GoldAttribution, parse_ann

FIGURES = ("content_soft_f1", "content_exact_f1", "source_acc", "cue_acc", "attribution_f1")


def as_predicted(text: str, annotation: list[GoldAttribution]) -> list[Predicted]:
    return [
        Predicted(
            a.start,
            a.end,
            "direct" if a.is_direct(text) else "indirect",
            a.source[0] if a.source else None,
            a.cue[0] if a.cue else None,
            a.content,
        )
        for a in annotation
    ]


def agreement(corpus: Path) -> tuple[dict, int, int]:
    """The metrics over all ordered annotator pairs; also the number of articles and of pairs."""
    scorer = AttributionScorer(group=False)  # both sides already group multi-part contents
    articles = pairs = 0
    for split in ("train", "dev"):
        by_article: dict[str, list[Path]] = {}
        for ann in sorted((corpus / split / "attributions").glob("*.ann")):
            by_article.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
        for name, files in by_article.items():
            if len(files) < 2:
                continue
            articles += 1
            text = (corpus / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
            annotations = [parse_ann(f.read_text(encoding="utf-8")) for f in files]
            for gold, other in itertools.permutations(annotations, 2):
                pairs += 1
                scorer.add(text, gold, as_predicted(text, other))
    return scorer.report(), articles, pairs


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = parser.parse_args(argv)
    report, articles, pairs = agreement(Path(args.corpus))
    print(f"annotator agreement on {articles} articles annotated more than once ({pairs} ordered pairs)")
    print(f"{'':10}" + "".join(f"{n:>18}" for n in FIGURES))
    for bucket in BUCKETS:
        print(f"{bucket:10}" + "".join(f"{report[bucket][n]:>18}" for n in FIGURES))
    return report


if __name__ == "__main__":
    main()
