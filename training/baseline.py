"""The simplest baseline the model must beat: quotation marks + the nearest "said" and its subject.

    python -m training.baseline --split dev

Every quotation of three or more words is a direct quote; its cue is the nearest speech verb in the same
paragraph and its source the capitalised name or pronoun right next to that verb. No indirect speech.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from quotes.document import Document

from .metrics import BUCKETS, AttributionScorer, Predicted
from .polnear import DEFAULT_CORPUS, load_split

CUE = re.compile(r"\b(said|says|say|told|tells|added|adds|asked|wrote|writes|according to|explained|stated)\b", re.I)
NAME_OR_PRONOUN = r"(?:(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+|he|she|they|He|She|They|I|We|we)"
BEFORE_CUE = re.compile(NAME_OR_PRONOUN + r"\s*$")
AFTER_CUE = re.compile(r"^\s*" + NAME_OR_PRONOUN)
MIN_WORDS = 3


def baseline_predict(text: str) -> list[Predicted]:
    out = []
    for q in Document.read(text).quotations:
        if q.depth or len(text[q.start : q.end].split()) < MIN_WORDS:
            continue
        para_start = text.rfind("\n", 0, q.open_start) + 1
        para_end = text.find("\n", q.close_end)
        para_end = len(text) if para_end < 0 else para_end
        cues = [
            m for m in CUE.finditer(text, para_start, para_end) if m.end() <= q.open_start or m.start() >= q.close_end
        ]
        if not cues:
            out.append(Predicted(q.start, q.end, "direct", None, None))
            continue
        cue = min(cues, key=lambda m: min(abs(m.start() - q.close_end), abs(q.open_start - m.end())))
        source = None
        after = AFTER_CUE.match(text[cue.end() : para_end])
        before = BEFORE_CUE.search(text[max(para_start, cue.start() - 60) : cue.start()])
        if before:
            start = max(para_start, cue.start() - 60) + before.start()
            source = (start, start + len(before.group(0).rstrip()))
        elif after:
            start = cue.end() + after.start() + (len(after.group(0)) - len(after.group(0).lstrip()))
            source = (start, cue.end() + after.end())
        out.append(Predicted(q.start, q.end, "direct", source, (cue.start(), cue.end())))
    return out


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = parser.parse_args(argv)
    scorer = AttributionScorer()
    for doc in load_split(args.split, Path(args.corpus)):
        scorer.add(doc.text, list(doc.attributions), baseline_predict(doc.text))
    report = scorer.report()
    for bucket in BUCKETS:
        row = report[bucket]
        print(
            bucket,
            {k: row[k] for k in ("content_soft_f1", "content_exact_f1", "source_acc", "cue_acc", "attribution_f1")},
        )
    return report


if __name__ == "__main__":
    main()
