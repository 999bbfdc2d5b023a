"""The check set (texts we wrote, `eval/styles/check/`) is well formed: offsets slice our own texts, every field
is valid, every record is `check` (never tuned on, never held out), and no text is shared with another set."""

import json
import re

import pytest

from training.speaker_styles import CHECK_SPLIT, MENTION_KINDS, STYLES_SET, STYLES_TEXTS, document_text

CHECK_SET = STYLES_SET.with_name("speaker_styles_check.json")
RECORDS = json.loads(CHECK_SET.read_text(encoding="utf-8"))
DOCS = sorted({r["doc"] for r in RECORDS})
OTHER_SETS = ("speaker_styles.json", "speaker_styles_tune2.json")
FIELDS = {
    "doc", "quote_start", "quote_end", "quote_type", "mention_start", "mention_end",
    "mention_kind", "name", "named", "kind", "gender", "split",
}  # fmt: skip
QUOTE_MARKS = "\"'“”‘’"


def test_every_record_is_check_data_from_a_written_text():
    for r in RECORDS:
        assert set(r) == FIELDS and r["split"] == CHECK_SPLIT, r
        assert re.fullmatch(r"styles/check/(0[1-9]|1\d|2[0-4])_[a-z0-9_]+", r["doc"]), r["doc"]
    assert DOCS == sorted(f"styles/check/{p.stem}" for p in (STYLES_TEXTS / "check").glob("*.txt"))
    assert len(DOCS) == 24


@pytest.mark.parametrize("other", OTHER_SETS)
def test_no_text_is_shared_with_another_set(other):
    other_docs = {r["doc"] for r in json.loads(STYLES_SET.with_name(other).read_text(encoding="utf-8"))}
    assert not other_docs & set(DOCS)


@pytest.mark.parametrize("doc", DOCS)
def test_each_text_is_an_article_with_its_quotes_in_order(doc):
    """250-500 words and at least six records, read in text order so that each quote follows the one before."""
    text = document_text(doc)
    records = [r for r in RECORDS if r["doc"] == doc]
    assert 250 <= len(text.split()) <= 500 and len(records) >= 6
    starts = [r["quote_start"] for r in records]
    assert starts == sorted(starts) and all(a["quote_end"] <= b["quote_start"] for a, b in zip(records, records[1:]))


@pytest.mark.parametrize("doc", DOCS)
def test_offsets_slice_the_text_and_labels_are_valid(doc):
    text = document_text(doc)
    for r in (r for r in RECORDS if r["doc"] == doc):
        quote = text[r["quote_start"] : r["quote_end"]]
        assert quote and quote == quote.strip(), r
        if r["quote_type"] == "direct":  # the quoted words alone; a paragraph inside a run ends at the line break
            assert text[r["quote_start"] - 1] in QUOTE_MARKS and text[r["quote_end"]] in QUOTE_MARKS + "\n", r
        assert r["quote_type"] in ("direct", "indirect", "mixed") and r["mention_kind"] in MENTION_KINDS, r
        assert r["kind"] in ("person", "organization", "group", "document"), r
        assert r["gender"] in ("female", "male", None) and isinstance(r["named"], bool), r
        assert r["name"] == r["name"].strip() and not re.match(r"(the|a|an) ", r["name"]), r
        if r["mention_kind"] == "implicit":
            assert r["mention_start"] is None and r["mention_end"] is None, r
            continue
        mention = text[r["mention_start"] : r["mention_end"]]
        assert re.fullmatch(r"\w.*\w|\w", mention), r  # whole words: no `He` cut from `Herald`
        assert not text[r["mention_start"] - 1].isalnum() and not text[r["mention_end"]].isalnum(), r
        assert r["mention_end"] <= r["quote_start"] or r["mention_start"] >= r["quote_end"], r
        if (
            r["mention_kind"] == "name"
        ):  # a name mention holds one of the referent's proper-name words, or their initials
            words = re.findall(r"[A-Z][\w'-]+", r["name"])
            assert r["named"] and any(w in mention for w in [*words, "".join(w[0] for w in words)]), r
