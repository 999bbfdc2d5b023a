"""Walks the attributions and builds the speakers and the entity list.

mentions.py reads the article once (article.py: tokens and sentences; chunks.py: name chunks; roles.py:
appositions and roles), source.py makes the model's source span the speaker's mention and says what
it is, names.py knows names (titles, kinds, genders), entities.py clusters names into entities and
references.py resolves one mention.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..document import Document
from ..marks import NOT_APOSTROPHES, OPENING_MARKS
from ..types import ENTITY_KINDS, Entity, Span, Speaker
from .article import REPORTING_VERBS
from .entities import WEIGHT_SPEAKER, EntityRecord, EntityTable
from .mentions import read_article
from .names import PRONOUN_GENDER
from .references import FIRST_PERSON, Context, ReferenceResolver
from .source import analyse_source, speaker_mention

if TYPE_CHECKING:
    from .ner import NamedEntitySignal

_QUOTATION_MARK = re.compile("[" + NOT_APOSTROPHES + "]|''")
_SAID_PRONOUN = re.compile(r"\s+(?:said|says|added|adds)\s+(?:that\s+)?([Hh]e|[Ss]he)\b")
# After the last attribution of a paragraph: its reporting verb and, to the end of that sentence, whom it was
# told or where ('he told BBC Radio 4's Today programme.'), but no further sentence and no other quotation.
_ENDS_WITH_ATTRIBUTED_QUOTE = re.compile(
    r"[\W_]*(?:\s(?:" + "|".join(sorted(REPORTING_VERBS)) + r")\b)?(?:\s[^\"“”«».!?\n]*)?[\W_]*"
)


@dataclass(frozen=True)
class AttributionMentions:
    """The model's spans for one attribution, in text order."""

    content: tuple[int, int]  # content span offsets
    cue: Span | None
    source: Span | None  # the model's source mention, may be None
    unmarked: bool = False  # a direct quote with no quotation marks (a transcript turn, an interview answer)


class SpeakerResolver:
    """Resolves source mentions to speakers; holds nothing per article, so one can be shared."""

    def __init__(self, ner: NamedEntitySignal | None = None):
        self.ner = ner  # an optional NER signal (ner.py), measured against the rules; off in the service

    @classmethod
    def load(cls, ner: NamedEntitySignal | None = None) -> SpeakerResolver:
        # No spaCy by default: see ner.py and the model card (issue 11 point 4) for what it costs and gives.
        return cls(ner)

    def resolve(
        self, document: Document, attributions: Sequence[AttributionMentions], model_sources: bool = False
    ) -> tuple[list[Speaker], list[Entity]]:
        """One Speaker per attribution (same order) and the article's entities (ids e1, e2... in order
        of first mention). model_sources: the sources are the span model's, cut at a trailing apposition
        before they are made whole (source.speaker_mention); gold mentions are only made whole."""
        return _Resolution(document, list(attributions), self.ner, model_sources).run()


class _Resolution:
    """Resolving the speakers of one article."""

    def __init__(
        self,
        document: Document,
        attributions: list[AttributionMentions],
        ner: NamedEntitySignal | None = None,
        model_sources: bool = False,
    ):
        self.text = document.text
        found = ner.read(document.text) if ner is not None else None
        self.article = read_article(document, found.revise_chunks if found else None)
        self.attributions = [
            a if a.source is None else replace(a, source=self._mention(a.source, model_sources)) for a in attributions
        ]
        attributions = self.attributions
        self.table = EntityTable(self.article)
        if found:
            found.revise_kinds(self.table)
        self.references = ReferenceResolver(self.table)
        self.resolved: list[EntityRecord | None] = [None] * len(attributions)
        # Where the article's first-person words start, found once: scanning each source's sentence for them
        # was quadratic when one sentence runs on for thousands of quotes ('"a," he said. "a," he said. ...').
        self.first_person_starts = [t.start for t in self.article.tokens if t.text.casefold() in FIRST_PERSON]
        # The contents by start, with the furthest end so far: _quoting looks only at those that can hold a
        # position, where a scan of every attribution per first-person word was quadratic ('"I," I said.' ...).
        self.by_content_start = sorted(range(len(attributions)), key=lambda j: attributions[j].content[0])
        self.content_starts = [attributions[j].content[0] for j in self.by_content_start]
        self.content_ends_so_far = list(
            itertools.accumulate((attributions[j].content[1] for j in self.by_content_start), max)
        )

    def _mention(self, source: Span, model_source: bool) -> Span | None:
        mention = speaker_mention(self.article, source.start, source.end, model_source)
        return None if mention is None else Span.of(self.text, *mention)

    def run(self) -> tuple[list[Speaker], list[Entity]]:
        for i in self._order():
            self.resolved[i] = self._resolve(i)
        return self._output()

    def _order(self) -> list[int]:
        """Sources in text order, so that "he" sees the speakers before it, then the quotes with none;
        each attribution after those whose speaker it takes ("I" in a quotation, a continued quotation).
        Where two would wait for each other, the one reached first goes without the other's speaker."""

        def position(i: int) -> tuple[bool, int]:
            a = self.attributions[i]
            return a.source is None, a.source.start if a.source else a.content[0]

        needs = [self._needs(i) for i in range(len(self.attributions))]
        order: list[int] = []
        placed: set[int] = set()
        for root in sorted(range(len(self.attributions)), key=position):
            path = [root]  # depth-first, with an explicit stack: the needs first, then the attribution
            while path:
                waiting = [j for j in needs[path[-1]] if j not in placed and j not in path]
                if waiting:
                    path.append(waiting[0])
                    continue
                done = path.pop()
                if done not in placed:
                    placed.add(done)
                    order.append(done)
        return order

    def _needs(self, i: int) -> list[int]:
        """The attributions whose speaker attribution i may take: the quotation around a first-person
        word of its source's sentence ("I and my colleagues said"), or the quote its own continues."""
        source = self.attributions[i].source
        if source is None:
            previous = self._continued_quote(i)
            if previous is None:
                previous = self._reported_before(i)
            return [] if previous is None else [previous]
        return [j for j in dict.fromkeys(self._first_person(source).values()) if j != i]

    def _first_person(self, source: Span) -> dict[int, int]:
        """Position of each first-person word the source may use (in it, or in the noun phrase a "who"
        in it points back to, so in its sentence) -> the attribution whose quotation is around it."""
        sentence_start = self.article.sentence_starts[self.article.sentence_of(source.start)]
        starts = self.first_person_starts  # those of article.tokens_in(sentence_start, source.end)
        words = starts[bisect.bisect_left(starts, sentence_start) : bisect.bisect_left(starts, source.end)]
        quoting = {start: self._quoting(start) for start in words}
        return {pos: j for pos, j in quoting.items() if j is not None}

    def _resolve(self, i: int) -> EntityRecord | None:
        attribution = self.attributions[i]
        source = attribution.source
        if source is None:
            previous = self._continued_quote(i)
            if previous is not None:
                return self.resolved[previous]
            return self._reported_speaker(i)
        first_person = {pos: self.resolved[j] for pos, j in self._first_person(source).items()}
        self.references.context = Context(attribution.content, (source.start, source.end), first_person)
        analysed = analyse_source(self.article, source.start, source.end)
        entity = self.references.resolve(analysed, source.start)
        if entity is not None:
            entity.speaks = True
            # "I" makes no third-person antecedent of its speaker ("I despise Trump because his speech ...")
            weight = 0.0 if analysed.form == "pronoun" and analysed.word in FIRST_PERSON else WEIGHT_SPEAKER
            entity.add_mention(source.start, source.end, self.article.sentence_of(source.start), weight)
            said_pronoun = (
                _SAID_PRONOUN.match(self.text, source.end)
                if analysed.form == "nominal" and entity.kind == "person"
                else None
            )
            if said_pronoun:
                # "The judge said she had given ...": the article's own pronoun for the person described
                entity.gender_votes[PRONOUN_GENDER[said_pronoun.group(1).casefold()]] += 1
        return entity

    def _quoting(self, pos: int) -> int | None:
        """The attribution whose quotation (or interview answer) is around pos: "I" there is its speaker."""
        marked = self.article.in_quote(pos)
        found = None  # the first such attribution in the list, as a scan of the list in order finds it
        k = bisect.bisect_right(self.content_starts, pos) - 1
        while k >= 0 and self.content_ends_so_far[k] > pos:
            j = self.by_content_start[k]
            other = self.attributions[j]
            start, end = other.content
            holds = (marked or other.unmarked) and start <= pos < end
            if holds and not (other.source and other.source.start <= pos < other.source.end):
                found = j if found is None else min(found, j)
            k -= 1
        return found

    def _continued_quote(self, i: int) -> int | None:
        """A quotation with no source continues the speaker of the quote before it in its paragraph;
        a paragraph that is only a quotation continues the speaker of the attributed quote that ended
        the paragraph before (the news convention for a quotation running over paragraphs)."""
        article = self.article
        start = self.attributions[i].content[0]
        paragraph = article.paragraph_of(start)
        before = self._ended_last_before(start, paragraph)
        if before is not None and (article.in_quote(start) or article.in_quote(start - 1)):  # the mark before it counts
            # '"A," he said. "B."': a quotation later in the paragraph goes on with the same speaker
            return before
        p_start, p_end = article.paragraph_span(paragraph)
        if paragraph == 0 or article.text[p_start:start].strip() not in ("",) + OPENING_MARKS:
            return None
        if not article.text[p_start:p_end].lstrip().startswith(OPENING_MARKS):
            return None
        prev_start, prev_end = article.paragraph_span(paragraph - 1)
        previous = self._starting_in(prev_start, prev_end)
        if not previous:
            return None
        last = self.attributions[previous[-1]]
        reach = max([last.content[1]] + [s.end for s in (last.cue, last.source) if s is not None])
        # the paragraph before may end in reported speech: 'X says the job has changed.' then '"When I ..."'
        if not _ENDS_WITH_ATTRIBUTED_QUOTE.fullmatch(article.text[reach:prev_end]):
            return None
        return previous[-1]

    def _ended_last_before(self, start: int, paragraph: int) -> int | None:
        """The marked attribution of the paragraph whose content ends last at or before ``start`` (the first
        in list order on a tie). Walked back from ``start`` by content start, stopping once no earlier
        content can end later: a paragraph of a thousand quotations ('"A." "B." ...') costs each one a step
        or two, where reading the whole paragraph for each was quadratic."""
        # the first paragraph also has what comes before it (paragraph_of)
        lo = bisect.bisect_left(self.content_starts, self.article.paragraph_starts[paragraph] if paragraph else 0)
        best, best_end = None, -1
        for k in range(bisect.bisect_right(self.content_starts, start) - 1, lo - 1, -1):
            if self.content_ends_so_far[k] < best_end:
                break  # every content from here back ends earlier than the best
            j = self.by_content_start[k]
            a = self.attributions[j]
            if a.content[1] > start or a.unmarked or self.article.paragraph_of(a.content[0]) != paragraph:
                continue
            if a.content[1] > best_end or (a.content[1] == best_end and j < best):
                best, best_end = j, a.content[1]
        return best

    def _starting_in(self, start: int, end: int) -> list[int]:
        """The attributions whose content starts in [start, end), in list order (what a scan of the list finds)."""
        lo, hi = bisect.bisect_left(self.content_starts, start), bisect.bisect_left(self.content_starts, end)
        return sorted(self.by_content_start[lo:hi])

    def _reported_before(self, i: int) -> int | None:
        """The attribution that ends last before quotation i, in its paragraph or the one before, when
        quotation i opens its paragraph's quoting ("X said the film was lossless." then "The film will be
        encrypted. "People will see ...""), or the sourced report just before it in its paragraph; None when
        another quotation of its paragraph comes first."""
        article = self.article
        start = self.attributions[i].content[0]
        paragraph = article.paragraph_of(start)
        k = bisect.bisect_left(self.content_starts, start) - 1
        best = None
        while k >= 0:
            j = self.by_content_start[k]
            other = self.attributions[j]
            if article.paragraph_of(other.content[0]) < paragraph - 1:
                break
            if other.content[1] <= start:
                if article.paragraph_of(other.content[0]) == paragraph and not other.unmarked:
                    # the attribution just before it in the paragraph decides (and keeps this scan short):
                    # a report with its source goes on ("X told us there are two parts. The hardest is ...")
                    return j if other.source is not None and best is None else None
                if other.source is not None and (best is None or other.content[1] > self.attributions[best].content[1]):
                    best = j
            k -= 1
        return best

    def _reported_speaker(self, i: int) -> EntityRecord | None:
        """Quotation i goes on with the speaker of the attribution just before it (see _reported_before)
        when nobody else is named between the two outside quotation marks, or when the sentence right before
        the quotation names that speaker as its subject again."""
        j = self._reported_before(i)
        if j is None or self.resolved[j] is None:
            return None
        speaker = self.resolved[j]
        before = self.attributions[j]
        reach = max([before.content[1]] + [s.end for s in (before.cue, before.source) if s is not None])
        chunks = self.article.chunks
        end = self.attributions[i].content[0]
        for chunk in itertools.takewhile(
            lambda c: c.end <= end,
            itertools.islice(chunks, bisect.bisect_left(chunks, reach, key=lambda c: c.start), None),
        ):
            entity = self.table.chunk_entity.get(chunk.start)
            if entity is not None and entity is not speaker and not chunk.in_quote and entity.kind != "place":
                return speaker if self._subject_before(i) is speaker else None
        return speaker

    def _subject_before(self, i: int) -> EntityRecord | None:
        """ "However, Mr Negroponte has adapted the idea to his work in Cambodia. "We put in 25 laptops ...":
        the entity named as the subject of the sentence right before quotation i, in its paragraph, when the
        quotation opens its sentence."""
        content = self.attributions[i].content
        return self.references.quote_subject_before(content, content[1])

    def _output(self) -> tuple[list[Speaker], list[Entity]]:
        """Entities that speak, their members and the named people, numbered in text order."""
        keep: list[EntityRecord] = []
        for entity in self.table.entities:
            if entity.speaks or (entity.kind == "person" and entity.confident and entity.names):
                keep += [e for e in [entity, *entity.members] if e not in keep]
        keep = [e for e in keep if e.mentions or e.members]
        keep.sort(key=lambda e: e.first_position() if e.mentions else min(m.first_position() for m in e.members))
        ids = {id(e): f"e{n}" for n, e in enumerate(keep, 1)}
        speakers = []
        for attribution, entity in zip(self.attributions, self.resolved):
            if entity is None:
                speakers.append(Speaker(None, None, attribution.source))
            else:
                speakers.append(Speaker(entity.name, ids.get(id(entity)), attribution.source))
        entities = [
            Entity(
                id=ids[id(e)],
                name=e.name,
                kind=e.kind if e.kind in ENTITY_KINDS else "unknown",
                mentions=tuple(Span.of(self.text, s, t) for s, t in sorted(e.mentions)),
                members=tuple(ids[id(m)] for m in e.members if id(m) in ids),
                descriptions=tuple(e.titles + e.descriptions),
                named=e.named,
                gender=e.told_gender,
            )
            for e in keep
        ]
        return speakers, entities
