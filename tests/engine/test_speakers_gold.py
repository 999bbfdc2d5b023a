"""Speaker resolution against the hand-labelled gold set (eval/speaker_gold.json): each PolNeAR dev
article gets its gold Source spans as mentions; accuracy by kind must stay at the targets.

The corpus is read from shared/ at test time and nothing of it is stored here; without it, skipped.
"""

import json
from pathlib import Path

import pytest

from quotes.speakers import SpeakerResolver
from training.evaluate import speaker_report
from training.polnear import DEFAULT_CORPUS, load_split

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "eval" / "speaker_gold.json"
TARGETS = {"name": 0.95, "pronoun": 0.85, "nominal": 0.70}

pytestmark = pytest.mark.skipif(
    not (GOLD.exists() and (DEFAULT_CORPUS / "dev").is_dir()),
    reason="needs eval/speaker_gold.json and the PolNeAR dev split",
)


@pytest.fixture(scope="module")
def accuracy():
    """training.evaluate's own measure: the resolver given each article's gold PolNeAR spans."""
    report = speaker_report(SpeakerResolver.load(), {d.name: d for d in load_split("dev")}, GOLD)
    return {kind: row["acc"] for kind, row in report.items()}


@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_accuracy_by_kind(accuracy, kind):
    assert accuracy[kind] >= TARGETS[kind]


HELDOUT = REPO / "eval" / "speaker_gold_heldout.json"


@pytest.mark.skipif(not HELDOUT.exists(), reason="needs eval/speaker_gold_heldout.json")
def test_heldout_set_is_well_formed_and_apart_from_the_tuning_set():
    heldout = json.loads(HELDOUT.read_text(encoding="utf-8"))
    tuning_docs = {r["doc"] for r in json.loads(GOLD.read_text(encoding="utf-8"))}
    documents = {d.name: d for d in load_split("dev")}
    assert heldout and not {r["doc"] for r in heldout} & tuning_docs
    for record in heldout:
        assert set(record) == {"doc", "start", "end", "kind", "name"}
        assert record["kind"] in ("name", "pronoun", "nominal") and record["name"].strip()
        sources = {a.source[0] for a in documents[record["doc"]].attributions if a.source}
        assert (record["start"], record["end"]) in sources, record


TRAIN = REPO / "eval" / "speaker_gold_train.json"
CHECK = REPO / "eval" / "speaker_gold_check.json"


@pytest.mark.skipif(not (DEFAULT_CORPUS / "train").is_dir(), reason="needs the PolNeAR train split")
@pytest.mark.parametrize("labelled", [TRAIN, CHECK], ids=["train", "check"])
def test_train_article_sets_label_first_annotator_sources_apart_from_the_others(labelled):
    """The PolNeAR train speaker sets (a tuning set and a check set nobody tunes on) are well formed and share
    no article with each other or with dev's sets."""
    records = json.loads(labelled.read_text(encoding="utf-8"))
    others = {r["doc"] for f in (GOLD, HELDOUT, TRAIN, CHECK) if f != labelled for r in json.loads(f.read_text())}
    documents = {d.name: d for d in load_split("train") if d.name in {r["doc"] for r in records}}
    assert len(documents) >= 40 and not set(documents) & others
    assert len({(r["doc"], r["start"]) for r in records}) == len(records)
    for record in records:
        assert set(record) == {"doc", "start", "end", "kind", "name"}
        assert record["kind"] in ("name", "pronoun", "nominal") and record["name"].strip()
        sources = {a.source[0] for a in documents[record["doc"]].attributions if a.source}
        assert (record["start"], record["end"]) in sources, record
