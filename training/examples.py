"""Gold attributions -> training targets: BIO tags per token and, for each content span, which candidate
source and cue spans are its own."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from quotes.document import Document as EngineDocument
from quotes.model.architecture import TAGS
from quotes.model.inputs import EncodedText, Windows, char_span_to_tokens, encode_text, make_windows

from .polnear import Document


@dataclass(frozen=True)
class Example:
    name: str
    encoded: EncodedText
    windows: Windows
    tags: np.ndarray  # (n,) gold tag ids
    contents: np.ndarray  # (c, 2) token ranges, one row per content part
    sources: np.ndarray  # (s, 2) distinct gold source parts in the document
    cues: np.ndarray  # (k, 2)
    content_sources: list[list[int]]  # per content row: indices into sources (empty = no source)
    content_cues: list[list[int]]


def build_example(doc: Document, tokenizer) -> Example:
    quotations = [(q.open_start, q.close_end) for q in EngineDocument.read(doc.text).quotations if q.depth == 0]
    encoded = encode_text(tokenizer, doc.text, quotations)
    windows = make_windows(encoded, tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id)
    tags = np.zeros(len(encoded), dtype=np.int64)
    index: dict[str, dict[tuple[int, int], int]] = {"Source": {}, "Cue": {}}
    contents, content_sources, content_cues = [], [], []

    def tag(kind: str, start: int, end: int) -> tuple[int, int] | None:
        tokens = char_span_to_tokens(encoded.offsets, start, end)
        if tokens is None:
            return None
        first, last = tokens
        if (tags[first : last + 1] == 0).all():
            tags[first] = TAGS.index(f"B-{kind}")
            tags[first + 1 : last + 1] = TAGS.index(f"I-{kind}")
        return tokens

    def register(kind: str, parts) -> list[int]:
        ids = []
        for start, end in parts:
            tokens = tag(kind, start, end)
            if tokens is not None:
                ids.append(index[kind].setdefault(tokens, len(index[kind])))
        return ids

    for attribution in doc.attributions:
        source_ids = register("Source", attribution.source)
        cue_ids = register("Cue", attribution.cue)
        for start, end in attribution.content:
            tokens = tag("Content", start, end)
            if tokens is not None:
                contents.append(tokens)
                content_sources.append(source_ids)
                content_cues.append(cue_ids)

    def as_array(spans) -> np.ndarray:
        return np.asarray(sorted(spans, key=spans.get), dtype=np.int64).reshape(-1, 2)

    return Example(
        doc.name,
        encoded,
        windows,
        tags,
        np.asarray(contents, dtype=np.int64).reshape(-1, 2),
        as_array(index["Source"]),
        as_array(index["Cue"]),
        content_sources,
        content_cues,
    )
