"""Tuning batch 5 (BBC-style texts we wrote, `eval/styles/tune3/`) is well formed: offsets slice our own texts,
every field is valid, every record is tuning data, and no text is shared with another cross-style set."""

import json
import re

import pytest

from training.speaker_styles import MENTION_KINDS, STYLES_SET, STYLES_TEXTS, document_text

RECORDS = json.loads(STYLES_SET.with_name("speaker_styles_tune3.json").read_text(encoding="utf-8"))
DOCS = sorted({r["doc"] for r in RECORDS})
OTHER_SETS = ("speaker_styles.json", "speaker_styles_tune2.json", "speaker_styles_check.json")
LABELS = {
    "quote_type": {"direct", "indirect", "mixed"},
    "mention_kind": set(MENTION_KINDS),
    "kind": {"person", "organization", "group", "document"},
    "gender": {"female", "male", None},
    "named": {True, False},
    "split": {"tune"},
}


def test_the_set_is_the_24_written_texts():
    assert DOCS == sorted(f"styles/tune3/{p.stem}" for p in (STYLES_TEXTS / "tune3").glob("*.txt"))
    assert len(DOCS) == 24 and all(re.fullmatch(r"styles/tune3/(0[1-9]|1\d|2[0-4])_[a-z_]+", d) for d in DOCS)


@pytest.mark.parametrize("other", OTHER_SETS)
def test_no_text_is_in_another_set(other):
    assert not {r["doc"] for r in json.loads(STYLES_SET.with_name(other).read_text(encoding="utf-8"))} & set(DOCS)


@pytest.mark.parametrize("doc", DOCS)
def test_records_label_their_text(doc):
    """Every label is one the set allows; quotes come in text order; a mention is whole words outside its quote."""
    text, records = document_text(doc), [r for r in RECORDS if r["doc"] == doc]
    assert 250 <= len(text.split()) <= 450 and 6 <= sum(r["mention_kind"] != "implicit" for r in records)
    assert all(a["quote_end"] <= b["quote_start"] for a, b in zip(records, records[1:]))
    for r in records:
        assert set(r) == {*LABELS, "doc", "quote_start", "quote_end", "mention_start", "mention_end", "name"}, r
        assert all(r[field] in allowed for field, allowed in LABELS.items()), r
        assert r["name"] == r["name"].strip() and not re.match(r"(the|a|an) ", r["name"]), r
        quote = text[r["quote_start"] : r["quote_end"]]
        assert quote == quote.strip() != "", r
        if r["quote_type"] == "direct":  # the quoted words alone; a paragraph inside a run ends at its line break
            assert text[r["quote_start"] - 1] == '"' and text[r["quote_end"]] in '"\n', r
        if r["mention_kind"] == "implicit":
            assert r["mention_start"] is r["mention_end"] is None, r
            continue
        mention = text[r["mention_start"] : r["mention_end"]]
        assert re.fullmatch(r"\w.*\w|\w", mention) and not text[r["mention_start"] - 1].isalnum(), r
        assert not text[r["mention_end"]].isalnum(), r
        assert r["mention_end"] <= r["quote_start"] or r["mention_start"] >= r["quote_end"], r
        if r["mention_kind"] == "name":  # a name mention holds one of the referent's proper-name words
            assert r["named"] and any(w in mention for w in re.findall(r"[A-Z][\w'-]+", r["name"])), r
