"""Tuning batch 4 (texts we wrote, `eval/styles/tune/`) is well formed: offsets slice our own texts, every
field is valid, every record is tuning data, and no text is shared with the main cross-style set."""

import json
import re

from training.speaker_styles import MENTION_KINDS, STYLES_SET, STYLES_TEXTS, document_text

TUNE2_SET = STYLES_SET.with_name("speaker_styles_tune2.json")
RECORDS = json.loads(TUNE2_SET.read_text(encoding="utf-8"))
KINDS = {"person", "organization", "group", "document"}
QUOTE_TYPES = {"direct", "indirect", "mixed"}
QUOTE_MARKS = "\"'“”‘’"
FIELDS = {
    "doc", "quote_start", "quote_end", "quote_type", "mention_start", "mention_end",
    "mention_kind", "name", "named", "kind", "gender", "split",
}  # fmt: skip


def test_every_record_is_tuning_data_from_our_written_texts():
    for r in RECORDS:
        assert set(r) == FIELDS, r
        assert r["split"] == "tune", r
        assert re.fullmatch(r"styles/tune/(0[1-9]|1\d|2[0-4])_[a-z0-9_]+", r["doc"]), r["doc"]


def test_every_written_text_has_records():
    texts = {f"styles/tune/{p.stem}" for p in (STYLES_TEXTS / "tune").glob("*.txt")}
    assert texts == {r["doc"] for r in RECORDS}
    assert len(texts) == 24


def test_no_text_is_shared_with_the_main_set():
    main_docs = {r["doc"] for r in json.loads(STYLES_SET.read_text(encoding="utf-8"))}
    assert not main_docs & {r["doc"] for r in RECORDS}


def test_records_slice_their_texts():
    texts = {doc: document_text(doc) for doc in {r["doc"] for r in RECORDS}}
    for r in RECORDS:
        text = texts[r["doc"]]
        quote = text[r["quote_start"] : r["quote_end"]]
        assert quote and quote == quote.strip(), r
        if r["quote_type"] == "direct":  # the quoted words alone; a paragraph inside a run has no closing mark
            assert text[r["quote_start"] - 1] in QUOTE_MARKS and text[r["quote_end"]] in QUOTE_MARKS + "\n", r
        assert r["quote_type"] in QUOTE_TYPES and r["mention_kind"] in MENTION_KINDS, r
        assert r["kind"] in KINDS and r["gender"] in ("female", "male", None) and isinstance(r["named"], bool), r
        assert r["name"] and r["name"] == r["name"].strip() and not re.match(r"(the|a|an) ", r["name"]), r
        if r["mention_kind"] == "implicit":
            assert r["mention_start"] is None and r["mention_end"] is None, r
            continue
        mention = text[r["mention_start"] : r["mention_end"]]
        assert mention and mention == mention.strip(), r
        assert r["mention_end"] <= r["quote_start"] or r["mention_start"] >= r["quote_end"], r


def test_named_mentions_contain_part_of_the_name():
    """A `name` mention holds the referent's proper name, so one of the name's words appears in it."""
    for r in RECORDS:
        if r["mention_kind"] == "name":
            mention = document_text(r["doc"])[r["mention_start"] : r["mention_end"]]
            assert r["named"] and any(word in mention for word in re.findall(r"[A-Z][\w'-]+", r["name"])), r
