"""Reads the PolNeAR attribution corpus (brat standoff) into documents with gold attributions.

One annotation per article: the first annotator listed in metadata.tsv. Offsets are trusted over the
words in the .ann file, as the corpus README says.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path(os.environ.get("QUOTES_POLNEAR_DIR", Path(__file__).resolve().parents[2] / "shared/data/polnear"))
QUOTE_CHARS = "\"“”„‟«»‹›‘’‚‛'「」『』"

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    content: Spans  # one or more parts (discontinuous content), in text order
    cue: Spans
    source: Spans  # empty when the attribution has no source

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]

    def is_direct(self, text: str) -> bool:
        """The evaluation's `direct` bucket: gold content that contains quotation marks."""
        return any(c in text[s:e] for s, e in self.content for c in QUOTE_CHARS if c not in "'’")

    @property
    def key(self) -> tuple:
        return (self.content, self.cue, self.source)


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _parse_spans(field: str) -> Spans:
    parts = []
    for piece in field.split(";"):
        start, end = piece.split()
        parts.append((int(start), int(end)))
    return tuple(sorted(parts))


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Brat standoff -> attributions. Lines that start with neither T nor E continue a span's words."""
    spans: dict[str, tuple[str, Spans]] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        if line.startswith("T") and "\t" in line:
            tid, info = line.split("\t")[:2]
            label, _, offsets = info.partition(" ")
            try:
                spans[tid] = (label, _parse_spans(offsets))
            except ValueError:
                continue
        elif line.startswith("E") and "\t" in line:
            args = [a.split(":", 1) for a in line.split("\t")[1].split()]
            relations.append([(role, ref) for role, ref in args if ref])
    out = []
    for rel in relations:
        roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Cue": [], "Source": []}
        for role, ref in rel:
            if role in roles and ref in spans:
                roles[role].extend(spans[ref][1])
        if not roles["Content"]:
            continue
        out.append(
            GoldAttribution(
                tuple(sorted(set(roles["Content"]))),
                tuple(sorted(set(roles["Cue"]))),
                tuple(sorted(set(roles["Source"]))),
            )
        )
    out.sort(key=lambda a: a.content[0])
    return out


def first_annotators(corpus: Path = DEFAULT_CORPUS) -> dict[str, str]:
    with open(corpus / "metadata.tsv", encoding="utf-8") as f:
        return {row["filename"]: row["annotators"].split("|")[0] for row in csv.DictReader(f, delimiter="\t")}


def load_split(split: str, corpus: Path = DEFAULT_CORPUS, limit: int | None = None) -> list[Document]:
    """All documents of a split ("train" or "dev") that have an annotation, sorted by name."""
    annotators = first_annotators(corpus)
    docs = []
    for txt in sorted((corpus / split / "text").glob("*.txt")):
        name = txt.stem
        ann_dir = corpus / split / "attributions"
        preferred = ann_dir / f"{name}_{annotators.get(name, '')}.ann"
        candidates = [preferred] if preferred.exists() else sorted(ann_dir.glob(f"{name}_*.ann"))
        if not candidates:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(Document(name, text, tuple(parse_ann(candidates[0].read_text(encoding="utf-8")))))
        if limit and len(docs) >= limit:
            break
    return docs
