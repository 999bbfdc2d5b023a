"""What one source mention refers to: a name, a pronoun (by agreement and salience), a description
(by apposition, copula, title, the news lead, or as an unnamed entity) or several people joined.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..marks import OPENING_MARKS
from .article import DETERMINERS, FUNCTION_WORDS, PREPOSITIONS, REPORTING_VERBS, NameChunk
from .chunks import is_role_between
from .descriptions import (
    ANONYMOUS_HEADS,
    BODY_HEADS,
    DESCRIPTION_WINDOW,
    DETERMINER_WORDS,
    DOCUMENT_HEADS,
    FINDINGS_HEADS,
    HEAD_GENDER,
    HONORIFIC_BEFORE_NAME,
    MAX_POSTMODIFIER_WORDS,
    PAIR_HEADS,
    POSTMODIFIER,
    TRAILING_TIME,
    description_terms,
    head_class,
    is_epithet,
    named_by_proper_words,
)
from .entities import (
    ACRONYM,
    NOT_FOUND,
    SALIENCE_WINDOW,
    WEIGHT_MENTION,
    WEIGHT_SPEAKER,
    WEIGHT_SUBJECT,
    EntityRecord,
    EntityTable,
    place_or_people,
)
from .names import PLACES, PRONOUN_GENDER, fold, is_demonym
from .roles import ROLE_MODIFIERS, role_before
from .source import PRONOUNS, SourceMention, analyse_source, noun_phrase_before, subject_phrase

FACTOR_UNSURE_KIND = 0.5  # "he" may still mean a name whose kind the rules could not tell
FACTOR_THEY_ORGANIZATION = 0.6  # "they" for an organization is less usual than for a group
FACTOR_IT_PLACE = 0.5  # a country acting ("the United States ... the target it pledged")
FACTOR_IT_DESCRIBED = 0.3  # "it" for a described thing ("the ad") rather than a named organization
# Below this salience nobody who agrees with "he"/"she" is near (a plain mention 4 sentences back), and
# the person the article is most about among those in the window is the better guess (an obituary's
# subject rather than an actor named once in passing).
NEAR_SCORE = 0.5**4
NEAR_SENTENCES = 3  # how far back a description or a document looks for what it points to
LEAD_PARAGRAPHS = 3  # how far after a lead's description its person may be named
FIRST_PERSON = frozenset("i me my we us our".split())  # the speaker of the quotation they stand in
_SINGULAR_FIRST = frozenset("i me my".split())  # a letter's signer alone ("we" is the signer and others)

# Documents whose author the article may name right before ("In a statement, ...").
SPOKEN_DOCUMENTS = frozenset("statement email letter tweet".split())
# Descriptions that point back to someone just named ("The GOP candidate", "the company").
ANAPHORIC_HEADS = BODY_HEADS | frozenset(
    """
candidate nominee mother father wife husband daughter son billionaire businessman businesswoman
mogul star veteran lawmaker politician incumbent challenger bank company firm campaign agency union
organization organisation newspaper paper magazine network outlet publication group band club charity label
association coalition
""".split()
)
# A name inside the capitalised run after "told" ("told BBC Radio 5 Live"): who was told, not who spoke
_TOLD_BEFORE = re.compile(r"\b(?:told|tells|tell)\s+(?:the\s+)?(?:[A-Z0-9][\w&'’.-]*\s+)*$")
PARTY_WORDS = frozenset("gop republican democratic democrat".split())
COMPANY_SUFFIXES = frozenset("inc inc. corp corp. co co. llc company".split())  # "the company"
POSSESSIVE_PRONOUNS = ("his", "her", "its", "their", "whose")
SPOKESPERSON_HEADS = frozenset("spokesman spokeswoman spokesperson".split())  # speak for an organization
POSTMODIFIER_START = re.compile(r"\s+(?:for|of|at|from|with)\b")  # "a spokesman for X" says whose
_SAYS_NEXT = re.compile(r"\s+(?:" + "|".join(sorted(REPORTING_VERBS)) + r")\b")
# Words opening a description that say nothing of who it is: "both" announcing a coordination ("both
# Christian and Islamic leaders"), an approximation before a figure ("Almost 70% of those asked").
_UNNAMING_OPENER = re.compile(r"^(?:[Bb]oth\s+(?=[^,;]*\sand\s)|(?:[Aa]lmost|[Nn]early|[Rr]oughly|[Aa]round)\s+(?=\d))")
# a copula and the predicate's article, then only the predicate's words, up to the relative's phrase
_PREDICATE_BEFORE = re.compile(
    r"\b(?:is|was)\s+(?:an?\s+)?(?P<predicate>[a-z][\w’'-]*(?:,?\s+(?:and\s+)?[a-z][\w’'-]*)*)\s+$"
)
_ARTICLE_AFTER_BRACKET = re.compile(r"\(\s*(?:an?|the)\s", re.I)  # "Smith (a banker who": a description
_SIGNATURE = re.compile(r"\s*[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){1,3}\.?\s*")  # "Mauricio Fraga-Rosenfeld."
# "if people are offended by it, they": a subordinate clause, its subject up to its verb, then ", " before "they"
_FRONTED_CLAUSE = re.compile(
    r"\b(?:[Ii]f|[Ww]hen|[Oo]nce|[Uu]nless|[Bb]ecause|[Aa]lthough|[Tt]hough|[Ww]hile)\s+"
    r"(?P<subject>(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\s+(?:are|were|have|had|do|did|say|said|feel|want)\b[^,;]*,\s*$"
)
_PLURAL_VERB = re.compile(r"\s+(?:are|were|have|say)\b")  # British copy: "BAA are", an organization as its people
_BEFORE_NO_SUBJECT = REPORTING_VERBS | PRONOUNS  # "He said Mr Blair had ...": a name after these is not the subject
_BLANK_OR_OPENING = " \t\n" + "".join(OPENING_MARKS)  # what may come before a quote that opens its sentence
_PAIR_WORDS = frozenset(("two", "both"))  # "The two voters", "the two", "both candidates": two people
MAX_NAMES_LOOKED_AT = 12  # names in a pronoun's sentence or paragraph before that _sole_agreeing reads
# Words of an organization's name a description must repeat to be it: one shared word ("the Labour
# government" and "Labour Party") says too little.
MIN_SHARED_NAME_WORDS = 2


@dataclass
class Context:
    """The attribution whose source is being resolved."""

    content: tuple[int, int] | None = None  # its quote: names inside are not its speaker
    source: tuple[int, int] | None = None  # its whole source span
    # who "I" or "we" at a position is: the speaker of the quotation around it, resolved before
    first_person: dict[int, EntityRecord | None] = field(default_factory=dict)


class ReferenceResolver:
    """Resolves mentions against an article's entity table."""

    def __init__(self, table: EntityTable):
        self.table = table
        self.article = table.article
        self.text = table.article.text
        self.context = Context()
        self._heads: dict[str, list[int]] | None = None
        self._first_person_end: int | None = None

    def resolve(self, analysed: SourceMention, pos: int) -> EntityRecord | None:
        if analysed.form == "pronoun":
            return self.pronoun(analysed.word, pos)
        if analysed.form == "name":
            return self._name(analysed)
        if analysed.form == "joint":
            return self._joint(analysed)
        if analysed.form == "nominal":
            return self._nominal(analysed)
        return None

    # ---- names and joint speakers ------------------------------------------------------------
    def _name(self, analysed: SourceMention) -> EntityRecord:
        office = self._office_before_name(analysed)
        if office is not None:
            return office
        entity = self.table.cluster_as_organization(analysed.chunk)
        if entity.kind in ("person", "unknown"):  # "Web tracking company Envisional" tells its kind
            for desc in analysed.descriptions:
                entity.add_description(desc)
        return entity

    def _office_before_name(self, analysed: SourceMention) -> EntityRecord | None:
        """ "The Tánaiste, Colm Regan, said": one capitalised word the rules could not tell, after "the" and
        before a person's name set off by commas, is that person's office (a name has no article)."""
        chunk = analysed.chunk
        if chunk is None or chunk.kind != "unknown" or len(chunk.words) != 1:
            return None
        if not re.fullmatch(r"[Tt]he\s+", self.text[analysed.start : chunk.start]):
            return None
        after = self.article.chunks_in(chunk.end, self.article.sentence_end(chunk.sentence))[:1]
        if not after or not after[0].names_person or not _COMMA.fullmatch(self.text, chunk.end, after[0].start):
            return None
        person = self.table.cluster(after[0])
        person.add_title(chunk.words[0])
        return person

    def _joint(self, analysed: SourceMention) -> EntityRecord | None:
        """ "He and US Secretary of Defense Lloyd Austin": a group whose members are resolved one by one."""
        members: list[EntityRecord] = []
        for part in analysed.parts:
            member = self.resolve(part, part.start)
            if member is None:
                return self._unnamed(analysed)
            sentence = self.article.sentence_of(part.start)
            member.add_mention(part.start, part.end, sentence, WEIGHT_SUBJECT)
            if member not in members:
                members.append(member)
        if len(members) == 1:
            return members[0]
        group = self.table.group_of(members)
        if any(m.kind != "person" for m in members) and not group.label:
            # "China and the United States": organizations and places keep the article's words
            label = re.sub(r"\s+", " ", self.text[analysed.start : analysed.end]).strip(" ,;:")
            group.label = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", label)
        return group

    # ---- pronouns ----------------------------------------------------------------------------
    def pronoun(self, word: str, pos: int) -> EntityRecord | None:
        """He/she/they/it by agreement and salience; who/which by the phrase before; I/we by the quote."""
        if word in ("who", "whom", "whose", "which", "that"):
            return self._antecedent(word, pos)
        if word in FIRST_PERSON:
            return self.context.first_person.get(pos) or (self._signed_by(pos) if word in _SINGULAR_FIRST else None)
        if word in ("you", "your", "this", "these", "those"):
            return None
        content = self.context.content
        sentence = self.article.sentence_of(pos)
        if word == "they" and self.article.opens_sentence(pos):
            described = self._described_subject_before(sentence)
            if described is not None:
                return described
        if word == "they" and not self.article.in_quote(pos):
            described = self._fronted_clause_subject(pos)
            if described is not None:
                return described
        gender = PRONOUN_GENDER.get(word)
        plural = word in ("they", "them", "their", "theirs", "themselves")
        if gender:
            subject = self._subject_before_quote(gender, word, pos)
            if subject is None and word in ("he", "she") and self.article.opens_sentence(pos):
                subject = self._named_subject_before(sentence, gender, word)
            subject = (
                subject
                or self._only_person_before(gender, word, pos)
                or self._only_person_in_paragraph_before(gender, word, pos)
            )
            if subject is not None:
                subject.gender_votes[gender] += 1
                return subject
        best, best_score = None, 0.0
        in_window: list[tuple[EntityRecord, float]] = []  # who agrees and is named in the window, how well
        near = False
        for entity in self.table.within(sentence, SALIENCE_WINDOW):  # only those can score above 0
            fit = self._agreement(entity, gender, plural, word)
            if fit <= 0:
                continue
            salience = self.table.salience(entity, pos, sentence, content)
            if salience * fit > best_score:
                best, best_score = entity, salience * fit
            if salience > 0:
                in_window.append((entity, fit))
                near = near or salience >= NEAR_SCORE
        if gender and in_window and not near:
            best = max(in_window, key=lambda pair: self._topic(pair[0], pos) * pair[1])[0]
        if best is None and gender:  # nobody within reach: the last person who agrees
            best = self._last_agreeing(gender, plural, word, pos) or self._first_in_lead(gender, word, pos)
        if best is not None and gender and best.kind == "person":
            best.gender_votes[gender] += 1  # the article's own pronoun for it (Entity.gender)
        return best

    def _signed_by(self, pos: int) -> EntityRecord | None:
        """ "My wife and I arrived here as teens. ..." then "Mauricio Fraga-Rosenfeld." alone: "I" outside quotation
        marks in a letter is the person whose name signs it, the next paragraph that is that name alone (a
        letters page, readers' comments)."""
        if self.article.in_quote(pos):
            return None
        paragraphs, chunks = self._signatures
        k = bisect.bisect_right(paragraphs, self.article.paragraph_of(pos))
        return self.table.chunk_entity.get(chunks[k].start) if k < len(chunks) else None

    @cached_property
    def _signatures(self) -> tuple[list[int], list[NameChunk]]:
        """The paragraphs that are a person's name alone, and those names, in text order: read once for the
        article rather than for each "I" (_signed_by)."""
        article = self.article
        paragraphs: list[int] = []
        names: list[NameChunk] = []
        for paragraph in range(len(article.paragraph_starts)):
            start, end = article.paragraph_span(paragraph)
            chunks = article.chunks_in(start, end)
            signed = len(chunks) == 1 and chunks[0].kind == "person" and _SIGNATURE.fullmatch(self.text, start, end)
            if signed and self.text[start:end].strip(" \t\n.") == self.text[chunks[0].start : chunks[0].end]:
                paragraphs.append(paragraph)
                names.append(chunks[0])
        return paragraphs, names

    def _named_subject_before(self, sentence: int, gender: str | None, word: str) -> EntityRecord | None:
        """ "Labour's Aoife Brannigan also criticised the plan. She said ...": "he" or "she" opening a
        sentence goes on with the one person named as the subject of the sentence before, in its paragraph,
        however much more an earlier speaker has been talked about."""
        if not self._follows_in_paragraph(sentence):
            return None
        found = {
            id(e): e
            for c in self._subjects_of(sentence - 1)
            for e in [self.table.chunk_entity.get(c.start)]
            if e is not None and e.kind in ("person", "unknown", "organization", "group")
        }
        if len(found) != 1:
            return None
        (entity,) = found.values()
        return entity if self._agreement(entity, gender, False, word) >= 1.0 else None

    def _follows_in_paragraph(self, sentence: int) -> bool:
        """Whether a sentence has one before it in its own paragraph (what goes on from it)."""
        starts = self.article.sentence_starts
        return sentence > 0 and self.article.paragraph_of(starts[sentence - 1]) == self.article.paragraph_of(
            starts[sentence]
        )

    def _subjects_of(self, sentence: int) -> list[NameChunk]:
        """The names a sentence makes its subject, outside quotation marks: not one after a reporting verb or a
        pronoun ("He said Mr Blair had ...")."""
        article = self.article
        start, end = article.sentence_starts[sentence], article.sentence_end(sentence)
        # where the first reporting verb or pronoun starts: read once, not the tokens before each name again
        barred = next((t.start for t in article.tokens_in(start, end) if fold(t.text) in _BEFORE_NO_SUBJECT), end)
        return [c for c in article.chunks_in(start, end) if c.subject and not c.in_quote and c.start <= barred]

    def _subject_before_quote(self, gender: str, word: str, pos: int) -> EntityRecord | None:
        """ "But Mr. Comey painted a different picture. 'Hostile actors ...,' he said.": "he" after the quote it
        tags is the subject quote_subject_before finds, when that person agrees, however salient a speaker of
        earlier paragraphs is."""
        entity = self.quote_subject_before(self.context.content, pos)
        return entity if entity is not None and self._agreement(entity, gender, False, word) >= 1.0 else None

    def quote_subject_before(self, content: tuple[int, int] | None, pos: int) -> EntityRecord | None:
        """At pos after the quote content, when that quote opens a sentence: the entity named as the subject
        opening the sentence just before it, in its paragraph (no reporting verb or pronoun before the name: "He
        said Mr Blair had ..." is no such subject). The quote is passed in, so that resolver.py can ask of any
        quotation without making it the context of a resolution."""
        article = self.article
        if content is None or pos < content[1] or not article.in_quote(content[0]):
            return None
        sentence = article.sentence_of(content[0])
        opening = article.text[article.sentence_starts[sentence] : content[0]]
        if sentence == 0 or opening.strip(_BLANK_OR_OPENING):
            return None  # the quote does not open its sentence
        before = article.sentence_starts[sentence - 1]
        if article.paragraph_of(before) != article.paragraph_of(content[0]) or article.in_quote(before):
            return None
        chunks = [
            c for c in article.chunks_in(before, article.sentence_starts[sentence]) if not _names_a_role(article, c)
        ]
        if not chunks or chunks[0] not in self._subjects_of(sentence - 1):
            return None
        return self.table.chunk_entity.get(chunks[0].start)

    def _only_person_before(self, gender: str, word: str, pos: int) -> EntityRecord | None:
        """ "Pence is not alone in his contention", "That left Sen. Ted Cruz center stage, so much so that he
        accused ...": "he"/"his" goes with the one agreeing person its own sentence has named before it, outside
        quotation marks, however salient a speaker of the sentences before is. Not when that name is a
        possessor or a preposition's object ("Smith's lawyer said he", "Asked about Smith, he said"), nor after a
        fronted clause or an agreeing pronoun: there the pronoun is as often someone else."""
        article = self.article
        if article.in_quote(pos) or self.text[max(0, pos - 40) : pos].rstrip().endswith(","):
            return None  # "If Trump loses, he said ...": the main clause after a fronted one may be anyone's
        start = article.sentence_starts[article.sentence_of(pos)]
        found, found_at = self._sole_agreeing(article.chunks_in(start, pos), gender, word, strict=True)
        if found is None or self._agreement(found, gender, False, word) < 1.0:
            return None
        for tok in article.tokens_in(start, found_at):
            if PRONOUN_GENDER.get(fold(tok.text)) == gender and not article.in_quote(tok.start):
                return None  # "She gives credit to ... because to her": a pronoun before the name says who
        return found

    def _only_person_in_paragraph_before(self, gender: str, word: str, pos: int) -> EntityRecord | None:
        """ "Clinton made an appearance, courtesy of Wes Nakagiri, a delegate who dressed up ..." then "'I heard
        ...,' he said.": "he" after the quote it tags, a quote that opens its paragraph, is the one agreeing
        person the paragraph before named outside quotation marks, however salient an earlier speaker is."""
        content = self.context.content
        article = self.article
        if content is None or pos < content[1]:
            return None
        paragraph = article.paragraph_of(content[0])
        p_start = article.paragraph_span(paragraph)[0]
        if paragraph == 0 or article.text[p_start : content[0]].strip(_BLANK_OR_OPENING):
            return None  # the quote does not open its paragraph
        span = article.paragraph_span(paragraph - 1)
        found, _ = self._sole_agreeing(article.chunks_in(*span), gender, word)
        if found is None and not any(self._agreement(e, gender, False, word) > 0 for e in self._named_in(span)):
            found = self._sole_speaker_in(span, gender, word)  # "A paramedic, who ..., said ...": no name
        return found if found is not None and found.kind == "person" else None

    def _named_in(self, span: tuple[int, int]) -> list[EntityRecord]:
        """The entities named in a span outside quotation marks."""
        found = (self.table.chunk_entity.get(c.start) for c in self.article.chunks_in(*span) if not c.in_quote)
        return [e for e in found if e is not None]

    def _sole_speaker_in(self, span: tuple[int, int], gender: str, word: str) -> EntityRecord | None:
        """The one speaker a span gives an attribution outside quotation marks, when the pronoun agrees with it."""
        sentence = self.article.sentence_of(span[1])
        speakers = [
            e
            for e in self.table.within(sentence, SALIENCE_WINDOW)
            if any(
                span[0] <= at < span[1] and weight == WEIGHT_SPEAKER and not self.article.in_quote(at)
                for at, _, weight in e.salience
            )
        ]
        if len(speakers) != 1:
            return None
        (speaker,) = speakers
        if self._agreement(speaker, gender, False, word) >= 1.0:
            return speaker
        if (
            speaker.kind == "unknown"
            and (speaker.label or "")[:1].islower()
            and not speaker.names
            and not speaker.plural
        ):
            # "A paramedic, who asked not to be named, said ...": a description whose head the rules do not
            # know as a person's ("paramedic", "nurse"); the pronoun that tags the next quote says it is one.
            # Not a capitalised one ("the Portuguese"): that may be a name the rules missed
            if speaker.head not in DOCUMENT_HEADS and HEAD_GENDER.get(speaker.head, gender) == gender:
                speaker.kind = "person"
                return speaker
        return None

    def _sole_agreeing(
        self, chunks: list[NameChunk], gender: str, word: str, strict: bool = False
    ) -> tuple[EntityRecord | None, int]:
        """The one entity that the pronoun can mean among these names outside quotation marks, and where it is
        first named; none when two can, or (strict) when one is a possessor or a preposition's object, or when
        there are too many names to tell ('"A," Smith said. ...' run on as one sentence)."""
        found, found_at = None, -1
        if len(chunks) > MAX_NAMES_LOOKED_AT:
            return None, -1
        for chunk in chunks:
            entity = self.table.chunk_entity.get(chunk.start)
            if chunk.in_quote or entity is None or self._agreement(entity, gender, False, word) <= 0:
                continue
            if strict and (chunk.possessive or chunk.after_preposition):
                return None, -1
            if found is not None and entity is not found:
                return None, -1
            if found is None:
                found, found_at = entity, chunk.start
        return found, found_at

    def _described_subject_before(self, sentence: int) -> EntityRecord | None:
        """ "Iranian authorities have arrested 20 journalists. They accused him of ...": "They" opening a
        sentence goes on with the people a plural description made the subject of the sentence before, in
        its paragraph."""
        if not self._follows_in_paragraph(sentence):
            return None
        article = self.article
        span = subject_phrase(article, sentence - 1)
        if span is None or article.in_quote(span[0]):
            return None
        analysed = analyse_source(article, span[0], span[1], allow_joint=False)
        if analysed.form == "name" and analysed.chunk.kind == "organization" and _PLURAL_VERB.match(self.text, span[1]):
            return self.table.cluster(analysed.chunk)  # "BAA are also owners of ... They have said"
        if analysed.form != "nominal" or not analysed.plural or analysed.head in DOCUMENT_HEADS:
            return None
        if head_class(analysed.head) is None and not analysed.proper:
            return None  # "Prices have risen": things; "Iranian authorities": people of a named place
        return self._nominal(analysed)

    def _fronted_clause_subject(self, pos: int) -> EntityRecord | None:
        """ "He said that if people are offended by it, they should change the laws": "they" right after a
        fronted clause goes on with the people a plural description made that clause's subject."""
        article = self.article
        start = article.sentence_starts[article.sentence_of(pos)]
        clause = _FRONTED_CLAUSE.search(self.text, start, pos)
        if clause is None:
            return None
        subject = clause.start("subject")
        analysed = analyse_source(article, subject, clause.end("subject"), allow_joint=False)
        if analysed.form != "nominal" or not analysed.plural or head_class(analysed.head) != "person":
            return None
        return self._nominal(analysed)

    def _last_agreeing(self, gender: str | None, plural: bool, word: str, pos: int) -> EntityRecord | None:
        """The entity that agrees fully with the pronoun and was seen last before pos, however far back (read
        from every entity, and only when nobody within the pronoun's window agrees)."""
        content = self.context.content
        fallback, fallback_at = None, -1
        for entity in self.table.entities:
            if self._agreement(entity, gender, plural, word) >= 1.0:
                seen = self.table.last_seen(entity, pos, content)
                if seen > fallback_at:
                    fallback, fallback_at = entity, seen
        return fallback

    def _first_in_lead(self, gender: str, word: str, pos: int) -> EntityRecord | None:
        """ "Gold Star Mom Corners Obama On His Refusal ..." then "President Barack Obama responded ...": a
        headline's pronoun that nobody before it agrees with points forward, to the first agreeing person
        the paragraph after the headline names."""
        article = self.article
        if article.paragraph_of(pos) != 0 or len(article.paragraph_starts) < 2:
            return None
        lead = article.paragraph_span(1)
        first, first_at = None, lead[1]
        for entity in self.table.entities:
            if entity.kind != "person" or self._agreement(entity, gender, False, word) < 1.0:
                continue
            at = min((at for at, _, _ in entity.salience if lead[0] <= at < lead[1]), default=lead[1])
            if at < first_at:
                first, first_at = entity, at
        return first

    def _topic(self, entity: EntityRecord, pos: int) -> float:
        """How much the article so far is about the entity: the weight of all its mentions before pos."""
        content = self.context.content
        return sum(
            weight for at, _, weight in entity.salience if at < pos and not (content and content[0] <= at < content[1])
        )

    def _agreement(self, entity: EntityRecord, gender: str | None, plural: bool, word: str) -> float:
        """How well a pronoun fits an entity; 0 when it cannot refer to it."""
        if entity.kind == "document":  # "It said": a report that has spoken, never "he" or "they"
            if word not in ("it", "its", "itself"):
                return 0.0
            return 1.0 if entity.speaks else FACTOR_IT_DESCRIBED
        if gender:
            if entity.plural or entity.members or entity.kind in ("group", "organization", "place"):
                return 0.0  # "she" is never the UK
            if entity.kind == "unknown":
                return FACTOR_UNSURE_KIND if entity.speaks and entity.names else 0.0
            if entity.gender_guess not in (None, gender):
                return 0.0
            if entity.label and HEAD_GENDER.get(entity.head, gender) != gender:
                return 0.0
            if not entity.confident and not entity.speaks:
                # a capitalised pair the rules could not tell ("Big Daddy" in a quote)
                outside = any(not self.article.in_quote(at) for at, _, _ in entity.salience)
                return FACTOR_UNSURE_KIND if outside else 0.0
            return 1.0
        if plural:
            if entity.plural or entity.members or entity.kind == "group":
                return 1.0
            return FACTOR_THEY_ORGANIZATION if entity.kind == "organization" else 0.0
        if word in ("it", "its", "itself"):
            if entity.kind == "organization" and not entity.plural:
                return 1.0
            if entity.kind == "place":
                return FACTOR_IT_PLACE
            described = entity.kind == "unknown" and entity.label and not entity.plural
            return FACTOR_IT_DESCRIBED if described else 0.0
        return 0.0

    def _antecedent(self, word: str, pos: int) -> EntityRecord | None:
        """What "who"/"which" refers to: the name or noun phrase right before it."""
        personal = word in ("who", "whom", "whose")
        for chunk in self.article.chunks_back_from(pos):
            if re.fullmatch(r"\)\s*,?\s*", self.text[chunk.end : pos]):
                continue  # "the Office of Fair Trading (OFT), which": the name before its abbreviation
            if re.fullmatch(r"\s*(?:\([^)]*\))?\s*,?\s*", self.text[chunk.end : pos]) and chunk.kind in (
                ("person", "unknown", "group") if personal else ("organization", "place", "group")
            ):
                entity = self.table.cluster_as_organization(chunk)
                other = self.table.pair_before(chunk) if personal else None
                partner = self.table.chunk_entity.get(other.start) if other else None
                if partner is not None and partner is not entity and partner.kind == "person":
                    return self.table.group_of([partner, entity])  # "X and Y, who"
                return entity
            break
        bracketed = self._bracketed_apposition(pos)
        if bracketed is not None:
            return bracketed
        span = noun_phrase_before(self.article, pos)
        if span is None:
            return None
        predicated = self._predicated_subject(span[0]) if personal else None
        if predicated is not None:
            return predicated
        antecedent = analyse_source(self.article, span[0], span[1], allow_joint=False)
        if antecedent.form == "nominal" and antecedent.plural:  # a singular one is _apposed_name's
            named = self._named_before_apposition(span[0])
            if named is not None:
                return named
        if antecedent.form in ("name", "nominal"):
            return self.resolve(antecedent, span[0])
        return None

    def _bracketed_apposition(self, pos: int) -> EntityRecord | None:
        """ "the Gridiron (an exclusive clan of media grandees who perform skits ...)": a relative pronoun inside
        a bracket that describes the name right before it, opening with an article, stands for that name."""
        article = self.article
        sentence_start = article.sentence_starts[article.sentence_of(pos)]
        bracket = self.text.rfind("(", sentence_start, pos)
        if bracket < 0 or ")" in self.text[bracket:pos] or not _ARTICLE_AFTER_BRACKET.match(self.text, bracket):
            return None
        chunk = next(iter(article.chunks_ending_in(max(sentence_start, bracket - 2), bracket + 1)), None)
        if chunk is None or chunk.in_quote or self.text[chunk.end : bracket].strip():
            return None
        return self.table.cluster_as_organization(chunk)

    def _predicated_subject(self, start: int) -> EntityRecord | None:
        """ "Trump is a serial liar, racist and birther who has pledged ...": a "who" after what a copula says of
        a named subject is that subject, as the predicate is."""
        article = self.article
        sentence_start = article.sentence_starts[article.sentence_of(start)]
        copula = _PREDICATE_BEFORE.search(self.text, sentence_start, start)
        if copula is None or article.in_quote(copula.start()):
            return None
        if set(re.findall(r"[\w’'-]+", copula.group("predicate"))) & (PREPOSITIONS | DETERMINERS):
            return None  # "Smith was with the lawyers who": no predicate of Smith's
        subjects = [c for c in self._subjects_of(article.sentence_of(start)) if c.end <= copula.start()]
        if len(subjects) != 1 or not subjects[0].names_person:
            return None
        return self.table.chunk_entity.get(subjects[0].start)

    def _named_before_apposition(self, start: int) -> EntityRecord | None:
        """ "China and the United States, the world's two biggest polluters, which": the plural phrase before a
        relative pronoun that is set off after two joined names describes them, whom the pronoun stands for."""
        article = self.article
        possessor = _POSSESSOR_BEFORE.search(self.text, max(0, start - POSSESSOR_REACH), start)
        if possessor is not None:
            start = possessor.start()  # "the world's" before the phrase the relative follows
        chunk = next(iter(article.chunks_ending_in(_apposition_reach(self.text, start), start)), None)
        if chunk is None or chunk.in_quote or not _APPOSED_BEFORE.fullmatch(self.text, chunk.end, start):
            return None
        first = chunk.start
        for other in article.chunks_ending_in(max(0, chunk.start - POSSESSOR_REACH), chunk.start):
            if _JOINED.fullmatch(self.text, other.end, chunk.start):
                first = other.start  # "China and the United States"
        analysed = analyse_source(article, first, chunk.end)
        if analysed.form not in ("name", "joint"):
            return None
        return self.resolve(analysed, first)

    # ---- descriptions ------------------------------------------------------------------------
    def _nominal(self, analysed: SourceMention) -> EntityRecord:
        owner = self._owner(analysed)
        if owner is not None:
            return owner
        apposed = self._apposed_name(analysed) if not self._document_author(analysed) else None
        if apposed is not None and analysed.head not in DOCUMENT_HEADS:
            # "The shadow transport secretary, Tom Reid": the description is his
            apposed.add_description(re.sub(r"\s+", " ", self.text[analysed.start : analysed.end]))
        entity = (
            self._document_author(analysed)
            or apposed
            or self._owners_organization(analysed)
            or self._organization_by_acronym(analysed)
            or self._organization_by_name_words(analysed)
            or self._lead_organization(analysed)
            or self._described_entity(analysed)
            or self._lead_name(analysed)
            or self._lead_pair(analysed)
            or self._same_description(analysed)
            or self._described_person(analysed)
            or self._same_head(analysed)
            or self._pointed_back_to(analysed)
            or self._last_two(analysed)
            or self._named_people(analysed)
        )
        if entity is None:
            return self._unnamed(analysed)
        for desc in analysed.descriptions:
            entity.add_description(desc)
        return entity

    def _owner(self, analysed: SourceMention) -> EntityRecord | None:
        """ "his eyes", "her words", "Trump's remarks": what is said belongs to its owner."""
        if head_class(analysed.head) is not None or analysed.plural:
            return None
        if analysed.determiner in POSSESSIVE_PRONOUNS and analysed.head not in DOCUMENT_HEADS:
            return self.pronoun(analysed.determiner, analysed.start)
        if analysed.possessor is not None:
            return self.table.cluster(analysed.possessor)
        return None

    def _owners_organization(self, analysed: SourceMention) -> EntityRecord | None:
        """ "Bobby Franklin, the president of the National Venture Capital Association, ... said Mr. Franklin,
        whose organization": a person's organization is the one organization the article's descriptions of that
        person name."""
        if analysed.determiner not in POSSESSIVE_PRONOUNS or head_class(analysed.head) != "organization":
            return None
        owner = self.pronoun(analysed.determiner, analysed.start)
        if owner is None or owner.kind != "person":
            return None
        said = " ".join(owner.descriptions + owner.titles)
        named = [
            e
            for e in self.table.entities
            if e.kind == "organization" and any(re.search(rf"\b{re.escape(n.text)}\b", said) for n in e.names)
        ]
        return named[0] if len(named) == 1 else None

    def _document_author(self, analysed: SourceMention) -> EntityRecord | None:
        """A document speaks for its author: "Davis' commentary", "a piece by Politico", "his
        website", "the statement" (of the organization or person just named). Findings ("the NAO
        report", "a study by the regulator") are sources in their own right (kind document), unless
        a possessive pronoun gives them to someone ("their figures")."""
        if analysed.head not in DOCUMENT_HEADS:
            return None
        if analysed.determiner in POSSESSIVE_PRONOUNS:
            return self.pronoun(analysed.determiner, analysed.start)
        if analysed.owner is not None:
            return self.table.cluster(analysed.owner)
        if analysed.head in FINDINGS_HEADS or analysed.plural:
            return None
        if analysed.proper or not analysed.definite:
            return None
        kinds = ("person", "organization") if analysed.head in SPOKEN_DOCUMENTS else ("organization",)
        # only names that stand as actors count: not "a letter to the NAACP", not names in quotes
        return self.table.most_salient(
            analysed.start,
            lambda e: bool(e.names) and e.kind in kinds and (e.confident or e.speaks),
            window=NEAR_SENTENCES,
            min_weight=WEIGHT_MENTION,
        )

    def _apposed_name(self, analysed: SourceMention) -> EntityRecord | None:
        """ "a spokesman, John Smith," / "John Smith, a spokesman" / "Smith is the senator"; people who stand
        for an organization named after them ("The owners of Larchmont House, Evergreen Care Ltd,")."""
        if analysed.plural:
            after = self._name_apposed_after(analysed, ("organization",))
            return self.table.cluster(after) if after is not None and after.parsed.confident else None
        kinds = {"person": ("person", "unknown"), "organization": ("organization",)}.get(head_class(analysed.head), ())
        # "... using program BitTorrent, the firm said": a description that says the words after a name
        # closes the reported clause and is not the name's apposition
        says = _SAYS_NEXT.match(self.text, analysed.end) is not None
        text, article = self.text, self.article
        if not says:  # a name before it, the first in text order; only names ending near enough can be
            for chunk in article.chunks_ending_in(_apposition_reach(text, analysed.start), analysed.start):
                if self._fits_kind(chunk, kinds) and (
                    _APPOSED_BEFORE.fullmatch(text, chunk.end, analysed.start)
                    or _COPULA_BEFORE.fullmatch(text, chunk.end, analysed.start)
                ):
                    entity = self.table.cluster(chunk)
                    if kinds == ("organization",) and entity.kind != "organization":
                        entity.kind = "organization"  # the apposition tells the kind the name alone did not
                    return entity
        after = self._name_apposed_after(analysed, kinds)
        return self.table.cluster(after) if after is not None else None

    def _name_apposed_after(self, analysed: SourceMention, kinds: tuple[str, ...]) -> NameChunk | None:
        """The name set off by a comma right after a description: "a spokesman, John Smith,"; with its own
        role before it ("One resident, retired teacher Eileen Crabtree,"); after the place that ends the
        description ("A bus driver in Ikeja, Lagos, Mr Kunle Bakare,"). A description of an organization
        takes a name the rules could not tell ("The local bus company, Greenway Buses,")."""
        text, article = self.text, self.article
        organization = kinds == ("organization",)
        end = analysed.end
        for chunk in article.chunks_in(analysed.end, article.sentence_end(article.sentence_of(analysed.start)))[:3]:
            gap = _COMMA.fullmatch(text, end, chunk.start)
            role = None
            if gap is None and chunk.kind == "person" and not organization:
                role = role_before(article, chunk)
                gap = role is not None and _COMMA.fullmatch(text, end, chunk.start - len(role) - 1)
            if not gap and not organization and text[chunk.end : chunk.end + 1] == ",":
                gap = self._described_apposition(end, chunk)
                if gap and chunk.kind != "person":
                    # whatever the description's head ("publisher", "customer") guessed of the name's kind
                    return chunk
            if not gap:
                return None
            if (
                PREPOSITIONS.intersection(analysed.words)
                and chunk.kind in ("place", "unknown")
                and len(chunk.words) == 1
            ):
                end = chunk.end  # "in Ikeja, Lagos,": the place goes on; the name comes after it
                continue
            return chunk if self._fits_kind(chunk, kinds) and not (organization and role) else None
        return None

    def _described_apposition(self, end: int, chunk: NameChunk) -> bool:
        """ "Her publisher, small independent house Fenwick & Lowe,", "The firm's biggest customer, cloud
        provider Northwind Compute,": between a description and a name set off by commas on both sides, the
        name's own lower-case description, with no word that could join two phrases ("and then Tom Reid,")."""
        between = _COMMA.match(self.text, end, chunk.start)
        if between is None:
            return False
        words = self.text[between.end() : chunk.start].split()
        return 0 < len(words) <= _MAX_APPOSED_ROLE_WORDS and all(
            re.fullmatch(r"[a-z][\w’'-]*", w) and (w not in FUNCTION_WORDS or w in ROLE_MODIFIERS) for w in words
        )

    def _fits_kind(self, chunk: NameChunk, kinds: tuple[str, ...]) -> bool:
        """Whether a name can be what an apposed description says: of one of its kinds, or, for an
        organization's description ("Democracy for America, an organization that"), a name the rules could
        not tell or took for a person's without being sure (no honorific, no he or she)."""
        if chunk.kind in kinds:
            return True
        if kinds != ("organization",) or chunk.kind not in ("person", "unknown") or chunk.parsed.confident:
            return False
        entity = self.table.chunk_entity.get(chunk.start)
        return entity is None or not (entity.confident or entity.gender_votes or entity.honorific_gender)

    def _organization_by_acronym(self, analysed: SourceMention) -> EntityRecord | None:
        """ "The Paris-based IEA watchdog": a description of something other than a person that carries an
        organization's acronym is that organization."""
        if analysed.plural or analysed.possessive or head_class(analysed.head) == "person":
            return None
        words = re.findall(r"[\w.&-]+", self.text[analysed.start : analysed.end])
        if analysed.head in DOCUMENT_HEADS or len(words) < 2 or not ACRONYM.fullmatch(words[-2]):
            return None  # the acronym right before the head: "IEA watchdog", not "a DNC plan for the IEA"
        for entity in self.table.entities:
            if entity.kind == "organization" and any(n.text == words[-2] for n in entity.names):
                return entity
        return None

    def _organization_by_name_words(self, analysed: SourceMention) -> EntityRecord | None:
        """ "Flight attendants' union" (a headline), "A union representing flight attendants", "the top British
        medical journal": a description of an organization that repeats words of one organization's name is
        that organization, whether the article names it before or after; with two that fit, neither."""
        head = analysed.head
        # a possessive of the name's own words ("Flight attendants' union") is still the name; a named
        # possessor ("Mittal Steel's parent company") is another organization
        if analysed.plural or analysed.possessor is not None or head in DOCUMENT_HEADS:
            return None
        if head_class(head) == "person":
            return None
        wanted = _content_words(self.text[analysed.start : analysed.end]) - {head}
        proper = {w for w in analysed.proper_words if not is_demonym(w)} - {head}
        if len(wanted) < MIN_SHARED_NAME_WORDS:
            return None
        fits = []
        for entity in self.table.entities:
            if entity.kind != "organization" or not entity.names:
                continue
            named = {_bare(w) for n in entity.names for w in n.name}
            if head_class(head) != "organization" and head not in named:
                continue  # "journal" describes an organization only when its name says so
            if len(wanted & named) >= MIN_SHARED_NAME_WORDS and proper <= named:
                fits.append(entity)
        return fits[0] if len(fits) == 1 else None

    def _described_entity(self, analysed: SourceMention) -> EntityRecord | None:
        """ "the senator" -> the person titled Sen. named last; "the company" -> the last company."""
        if analysed.plural:
            return None
        head, pos = analysed.head, analysed.start
        wanted = head_class(head)
        places = self._place_words(analysed) if wanted == "person" else set()
        best, best_key = None, None
        # only an entity named or described with the head (or a company's suffix) can have it among its words
        for entity in self.table.index.with_words([head, *(COMPANY_SUFFIXES if head == "company" else ())]):
            if not entity.names or entity.first_position() >= pos or entity.kind != wanted:
                continue
            words = set(entity.roles)
            if entity.kind == "organization":
                words |= _name_words(entity)
                if words & COMPANY_SUFFIXES:
                    words.add("company")
            if head not in words or _other_office(analysed, entity):
                continue
            if places and _tied_elsewhere(places, words | description_terms(entity.descriptions + entity.titles)):
                continue  # "The Florida senator" is not "Iowa Sen. Joni Ernst"
            overlap = len(set(analysed.words) & words)
            key = (overlap, self.table.last_seen(entity, pos), entity.first_position())
            if best_key is None or key > best_key:
                best, best_key = entity, key
        return best

    def _lead_name(self, analysed: SourceMention) -> EntityRecord | None:
        """ "The top U.S. military officer said ..." then "Army Gen. Mark Milley, chairman of ..., said":
        a description that speaks before any person is named is the person the next paragraphs
        introduce (one the description fits, else the first named in the next paragraph)."""
        if analysed.plural or head_class(analysed.head) != "person":
            return None
        reach = self._lead_reach(analysed)
        if reach is None:
            return None
        paragraph, last = reach
        end = self.article.paragraph_span(last)[1]
        next_end = self.article.paragraph_span(min(paragraph + 1, last))[1]
        content = self.context.content or (0, 0)
        telling = {analysed.head} | set(analysed.proper_words)
        first = None
        for chunk in self.article.chunks_in(analysed.end, end):
            entity = self.table.chunk_entity.get(chunk.start)
            if (
                entity is None
                or chunk.kind != "person"
                or not (chunk.parsed.confident or entity.confident)  # "Lakshmi Mittal" is "Mr Mittal" later
                or chunk.in_quote
                or self._introduced_before(entity, analysed.start)
                or content[0] <= chunk.start < content[1]
            ):
                continue
            if telling & entity.roles:
                return entity  # the person the description fits ("chairman", "DNC")
            if first is None and chunk.start < next_end:
                first = entity
        return first

    def _lead_organization(self, analysed: SourceMention) -> EntityRecord | None:
        """ "A council has promised to spend £6m ..." then "Harrowfield County Council said": an organization
        a news lead introduces as "a council" is the one the next paragraphs name with that word, when none
        was named in the text before it."""
        if analysed.plural or analysed.determiner not in ("a", "an") or head_class(analysed.head) != "organization":
            return None
        article = self.article
        paragraph = article.paragraph_of(analysed.start)
        if paragraph > 1:  # the lead: the first paragraph, or the one after a headline
            return None
        last = self._lead_last_paragraph(paragraph)
        for chunk in article.chunks_in(analysed.end, article.paragraph_span(last)[1]):
            entity = self.table.chunk_entity.get(chunk.start)
            if entity is None or entity.kind != "organization" or chunk.in_quote:
                continue
            if len(chunk.words) > 1 and analysed.head in _name_words(entity):
                return entity
        return None

    def _lead_reach(self, analysed: SourceMention) -> tuple[int, int] | None:
        """The paragraph of a lead's description and the last paragraph where its people may be named;
        None when a person was named before it (then it is no lead)."""
        if self._first_person_named() <= analysed.start:
            return None
        paragraph = self.article.paragraph_of(analysed.start)
        return paragraph, self._lead_last_paragraph(paragraph)

    def _lead_last_paragraph(self, paragraph: int) -> int:
        """The last paragraph where what a lead's description introduces may be named."""
        return min(paragraph + LEAD_PARAGRAPHS, len(self.article.paragraph_starts) - 1)

    def _first_person_named(self) -> int:
        """Where the first name that is surely a person's, outside quotation marks, ends (found once)."""
        if self._first_person_end is None:
            self._first_person_end = next(
                (c.end for c in self.article.chunks if c.kind == "person" and c.parsed.confident and not c.in_quote),
                NOT_FOUND,
            )
        return self._first_person_end

    def _lead_pair(self, analysed: SourceMention) -> EntityRecord | None:
        """ "Two chemists at the University of Harwell say ..." then "Dr Sarah Smith and Prof Alan Jones
        said": two people a lead describes before anyone is named are the pair the next paragraphs name."""
        if not analysed.plural or analysed.determiner != "two" or head_class(analysed.head) != "person":
            return None
        reach = self._lead_reach(analysed)
        if reach is None:
            return None
        for chunk in self.article.chunks_in(analysed.end, self.article.paragraph_span(reach[1])[1]):
            other = self.table.pair_before(chunk) if chunk.kind == "person" and not chunk.in_quote else None
            if other is None or other.kind != "person":
                continue
            a, b = self.table.chunk_entity.get(other.start), self.table.chunk_entity.get(chunk.start)
            if a is not None and b is not None and a is not b:
                return self.table.group_of([a, b])
        return None

    def _introduced_before(self, entity: EntityRecord, pos: int) -> bool:
        """Named before pos as a person for sure (a bare surname in a headline does not introduce)."""
        return any(
            c.end <= pos and c.parsed.confident and self.table.chunk_entity.get(c.start) is entity
            for c in self.article.chunks
        )

    def _same_description(self, analysed: SourceMention) -> EntityRecord | None:
        """ "the source" after "another source": the last unnamed entity with that head noun; "The NAO
        report" after "a report" names that report, which then keeps the proper label."""
        document = analysed.head in DOCUMENT_HEADS
        if not (analysed.definite or (document and analysed.proper)):
            return None
        for entity in reversed(self.table.entities):
            if entity.label and not entity.names and entity.head == analysed.head and entity.plural == analysed.plural:
                if named_by_proper_words(analysed) and (document or analysed.proper) and not entity.proper_label:
                    # "the WSIS spokesman" after "a spokesman", "The NAO report" after "a report"; but "the
                    # unnamed woman from Georgia" after "a US woman" only describes her further
                    entity.label, entity.proper_label = self._label(analysed), True
                return entity
        return None

    def _described_person(self, analysed: SourceMention) -> EntityRecord | None:
        """ "The French leader", "the minister", "the 61-year-old actor": a definite description of a
        person points back to a named person, scored like a pronoun (salience within reach) times how
        well the description fits what the article has said of them (titles, roles, ages); a head
        that newsrooms use for unnamed sources ("the spokesman") needs a fitting role to link. One
        described through someone else ("Obama's former campaign strategist") is never that someone, and
        without a fitting role is only a person who has spoken already ("Trump's daughter" is often new)."""
        epithet = is_epithet(self.text[analysed.start : analysed.end])
        if (
            analysed.plural
            or analysed.determiner not in ("the", "this", "that")
            or (head_class(analysed.head) != "person" and not epithet)  # "the Portuguese" is a person too
        ):
            return None
        wanted = description_terms([self.text[analysed.start : analysed.end]]) - DETERMINER_WORDS
        proper = {w for w in analysed.proper_words if not is_demonym(w)} - {analysed.head}
        if analysed.possessor is not None:
            proper -= {fold(w) for w in analysed.possessor.words}  # whose, not who
        places = self._place_words(analysed)
        gender = HEAD_GENDER.get(analysed.head)
        sentence = self.article.sentence_of(analysed.start)
        owner = self.table.chunk_entity.get(analysed.possessor.start) if analysed.possessor else None
        candidates = []
        for entity in self.table.within(sentence, DESCRIPTION_WINDOW):  # only those can score above 0
            if entity is owner:
                continue  # "Obama's former campaign strategist" is not Obama
            if entity.kind != "person" or not entity.names or entity.members:
                continue
            # an epithet is written for a person the article has just introduced, often by a name the
            # rules cannot be sure of ("His wife, Kerry-Anne Kettering"): any full name of a person will do
            full_name = epithet and any(len(n.name) >= 2 for n in entity.names)
            if not (entity.confident or entity.speaks or full_name):
                continue
            if gender is not None and entity.gender_guess not in (None, gender):
                continue
            known = entity.roles | description_terms(entity.descriptions + entity.titles)
            known |= _name_words(entity)
            candidates.append((entity, known))
        # places stay: whether they rule a person out is _place_words' business
        proper = _telling_proper_words(analysed, proper, [known for _, known in candidates]) | (proper & places)
        best, best_score, fitting = None, 0.0, []
        for entity, known in candidates:
            if (proper - known - places) or _tied_elsewhere(places, known):
                continue  # "the Labour leader" is not the Tory one; but see _place_words
            fit = 1.0 + len(wanted & known)
            if fit == 1.0 and (
                analysed.head in ANONYMOUS_HEADS or (analysed.possessor is not None and not entity.speaks)
            ):
                continue
            fitting.append((entity, fit))
            score = self.table.salience(entity, analysed.start, sentence, window=DESCRIPTION_WINDOW) * fit
            if score > best_score:
                best, best_score = entity, score
        if fitting and all(fit == 1.0 for _, fit in fitting):
            people = [e for e, _ in fitting]
            if epithet:
                return self._last_named(analysed.start, people) or best
            # "Wrexford boss Terry Gallimore ... said ... '...,' the veteran manager said": a description
            # with no role to go by, after the quote it tags, is the subject of the sentence before, as "he" is
            subject = self.quote_subject_before(self.context.content, analysed.start)
            if subject in people:
                return subject
        return best

    def _last_named(self, pos: int, people: list[EntityRecord]) -> EntityRecord | None:
        """Of these people, the one whose name comes last before pos outside quotation marks, within the
        description window."""
        first = self.article.sentence_of(pos) - DESCRIPTION_WINDOW
        wanted = {id(e) for e in people}
        for chunk in self.article.chunks_back_from(pos):
            if chunk.sentence < first:
                break
            entity = self.table.chunk_entity.get(chunk.start)
            if entity is not None and id(entity) in wanted and not chunk.in_quote:
                return entity
        return None

    def _place_words(self, analysed: SourceMention) -> set[str]:
        """The words of the places a description names ("The Vermont senator", "the New York businessman"):
        where a person comes from, which an article often says only in the description, so it rules out only
        a person the article ties to some place."""
        words = {w for w in analysed.proper_words if w in PLACES}
        for chunk in self.article.chunks_over(analysed.start, analysed.end):
            if chunk.kind == "place":
                words |= {fold(w) for w in chunk.words}
        return words

    def _same_head(self, analysed: SourceMention) -> EntityRecord | None:
        """ "Bafta-winning artists Langlands & Bell ... said the artists": a definite description points back
        to the most salient named entity within reach that the article described with the same head noun,
        of any kind and number."""
        if analysed.determiner not in ("the", "these", "those") or analysed.possessor is not None or analysed.proper:
            return None

        def described(e: EntityRecord) -> bool:
            return bool(e.names) and any(_head_of(d) == analysed.head for d in e.descriptions + e.titles)

        return self.table.most_salient(analysed.start, described, window=DESCRIPTION_WINDOW)

    def _salient_referent(self, analysed: SourceMention) -> EntityRecord | None:
        """ "The GOP candidate", "the bank": a definite description of a kind that points back refers,
        like a pronoun, to the most salient entity it can describe."""
        if (
            analysed.plural
            or analysed.determiner not in ("the", "this", "that")
            or analysed.possessive
            or analysed.head not in ANAPHORIC_HEADS
        ):
            return None
        # "The German company", "The San Jose-based company" still point back: where it is from is not who
        proper = [w for w in _after_location(analysed.proper_words) if not is_demonym(w)]
        if proper and not set(analysed.words) & PARTY_WORDS:
            return None
        gender = HEAD_GENDER.get(analysed.head)
        if head_class(analysed.head) == "person":
            return self.table.most_salient(
                analysed.start,
                lambda e: (
                    e.kind == "person"
                    and bool(e.names)
                    and not e.members
                    and (e.confident or e.speaks)
                    and (gender is None or e.gender_guess in (None, gender))
                ),
                window=NEAR_SENTENCES,
            )

        # "the company" reaches as far back as "the minister", and past that to the organization the article
        # is about: a business story keeps to one company however long it runs
        def organization(e: EntityRecord) -> bool:
            return e.kind == "organization" and bool(e.names) and (e.confident or e.speaks) and not self._only_told(e)

        # a name whose kind the rules could not tell ("At 3GSM, Siemens showed off ... The German company
        # said") is the organization the description says it is, when it is the nearer and more salient
        # one; a capitalised word only ever opening a sentence ("Net profit came in") is no such name
        def organization_or_untold(e: EntityRecord) -> bool:
            if organization(e):
                return True
            if e.kind != "unknown" or not e.names or e.members:
                return False
            # named inside a sentence and outside quotation marks ("I'm" in a quote is no name)
            named_inside = any(
                not self.article.opens_sentence(at) and not self.article.in_quote(at) for at, _, _ in e.salience
            )
            return named_inside and not self._only_after_prepositions(e) and not self._only_told(e)

        near = self.table.most_salient(analysed.start, organization_or_untold, window=DESCRIPTION_WINDOW)
        return near or self.table.most_salient(analysed.start, organization, window=len(self.article.sentence_starts))

    def _only_told(self, entity: EntityRecord) -> bool:
        """Whether every name of an entity that never speaks follows "told" ("told BBC Radio 5 Live", "told the
        Reuters news agency"): the outlet a quote was given to, which no "the union" or "the company" means."""
        return not entity.speaks and all(
            _TOLD_BEFORE.search(self.text[max(0, at - 60) : at]) for at, _, _ in entity.salience
        )

    def _only_after_prepositions(self, entity: EntityRecord) -> bool:
        """Whether every name of an entity is a preposition's object ("employers in Leeds", "at 3GSM"): where
        a place or an event is named, which no "the company" refers back to."""
        chunks = [self.article.chunk_covering(at, at + 1) for at, _, _ in entity.salience]
        return all(c is not None and c.after_preposition for c in chunks)

    def _pointed_back_to(self, analysed: SourceMention) -> EntityRecord | None:
        """The salient referent (a pure lookup), then what its description tells the table of its kind: an
        untold name that a description of an organization reached is one."""
        referent = self._salient_referent(analysed)
        if referent is not None and head_class(analysed.head) != "person":
            self.table.referred_to_as_organization(referent)
        return referent

    def _last_two(self, analysed: SourceMention) -> EntityRecord | None:
        """ "The two Republican presidents": the last two people named before; "the pair": the two people
        the article named together ("Kostas Kenteris and Katerina Thanou"), if it did, however far back; "the
        two" and "both" alone are such a pair. "two" is a determiner, so it is looked for in the words as written."""
        written = {fold(w) for w in self.text[analysed.start : analysed.end].split()}
        pair = analysed.head in PAIR_HEADS or analysed.head in _PAIR_WORDS
        if analysed.determiner not in ("the", "both") or not (pair or written & _PAIR_WORDS):
            return None
        if not pair and head_class(analysed.head) != "person":
            return None
        if pair:
            named_together = self.table.most_salient(
                analysed.start,
                lambda e: len(e.members) == 2 and all(m.kind == "person" for m in e.members),
                window=len(self.article.sentence_starts),
            )
            if named_together is not None:
                return named_together
        people: list[EntityRecord] = []
        for chunk in self.article.chunks_back_from(analysed.start):
            entity = self.table.chunk_entity.get(chunk.start)
            if entity is not None and entity.kind == "person" and not chunk.in_quote and entity not in people:
                people.append(entity)
                if len(people) == 2:
                    return self.table.group_of(people[::-1])
        return None

    def _named_people(self, analysed: SourceMention) -> EntityRecord | None:
        """ "The two voters acknowledged ... The friends admitted": a plural definite description of people
        points back, like "they", to the most salient set of people the article has named one by one."""
        if not analysed.plural or analysed.determiner != "the" or analysed.proper or analysed.possessor is not None:
            return None
        if head_class(analysed.head) != "person":
            return None
        return self.table.most_salient(
            analysed.start,
            lambda e: len(e.members) > 1 and all(m.kind == "person" and m.names for m in e.members),
            window=NEAR_SENTENCES,
        )

    def _unnamed(self, analysed: SourceMention) -> EntityRecord:
        """An entity known only by its description ("Several US defense officials")."""
        plural = analysed.plural or analysed.form == "joint"
        if analysed.head in DOCUMENT_HEADS and analysed.form != "joint":
            kind = "document"  # reports, studies, statements used as sources
        else:
            kind = "group" if plural else head_class(analysed.head) or "unknown"
        entity = self.table.new(kind, True)
        label = self._label(analysed)
        if analysed.form != "joint" and fold(label) == analysed.head:
            label = (
                self._earlier_description(analysed)
                or self._spokesperson_of(analysed)
                or self._proper_description(analysed)
                or label
            )
        entity.label, entity.head, entity.plural = label, analysed.head, plural
        entity.proper_label = kind == "document" and named_by_proper_words(analysed, label)
        if kind == "organization" or analysed.head == "family":
            # "the Venezuelan government": an organization a proper word identifies; "the Jimenez family": a
            # family its surname names
            modifiers = label.split()[:-1]
            family = kind != "organization"
            entity.proper_label = bool(modifiers) and (
                # "the Commons home affairs committee": a proper word opening the modifiers names the body the
                # lower-case ones narrow down; not a place or people ("a US research think-tank") nor an owner
                # ("The Caribbean island's government")
                _proper_body_word(modifiers[0])
                and not family
                and not any(w.endswith(("'s", "’s")) for w in modifiers)
                or all(w[:1].isupper() and not (family and is_demonym(w)) for w in modifiers)
            )
        for desc in analysed.descriptions:
            entity.add_description(desc)
        return entity

    def _proper_description(self, analysed: SourceMention) -> str | None:
        """ "The government said ... the Venezuelan government has": a bare definite description is
        short for the one fuller form the article gives its head noun with a proper word anywhere,
        before or after ("Venezuelan government"), when it gives only one."""
        if not analysed.definite or analysed.possessive or (analysed.plural and analysed.head != "family"):
            return None
        article = self.article
        found: set[str] = set()
        for at in self._head_positions().get(analysed.head, ()):
            if not article.tokens[at].text[:1].islower():
                continue  # inside a name ("the Local Government Association")
            span = noun_phrase_before(article, article.tokens[at].end)
            if span is None or article.in_quote(span[0]):
                continue
            words = self.text[span[0] : span[1]].split()
            if fold(words[0]) not in DETERMINERS:
                continue
            modifiers = words[1:-1]
            if modifiers and all(w[:1].isupper() and w.isalpha() for w in modifiers):
                found.add(" ".join(modifiers + [words[-1].lower()]))
        return next(iter(found)) if len(found) == 1 else None

    def _head_positions(self) -> dict[str, list[int]]:
        """Token indexes by folded word, built once per article so that looking a head up stays linear."""
        if self._heads is None:
            self._heads = {}
            for n, tok in enumerate(self.article.tokens):
                self._heads.setdefault(fold(tok.text), []).append(n)
        return self._heads

    def _earlier_description(self, analysed: SourceMention) -> str | None:
        """ "The spokesman said" after "the prime minister's spokesman was asked": a bare definite
        description is short for the fuller one the article gave the same head noun just before."""
        if not analysed.definite or analysed.possessive:
            return None
        article = self.article
        first = article.sentence_starts[max(0, article.sentence_of(analysed.start) - DESCRIPTION_WINDOW)]
        for tok in reversed(article.tokens_in(first, analysed.start)):
            if fold(tok.text) != analysed.head or article.in_quote(tok.start):
                continue
            span = noun_phrase_before(article, tok.end)
            words = [fold(w) for w in self.text[span[0] : span[1]].split()] if span else []
            if not words or words[0] not in DETERMINERS or PREPOSITIONS.intersection(words):
                continue  # a noun phrase, not the end of a clause ("the virus spread through e-mails")
            label = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", re.sub(r"\s+", " ", self.text[span[0] : span[1]]))
            if fold(label) != analysed.head:
                return label
        return None

    def _spokesperson_of(self, analysed: SourceMention) -> str | None:
        """ "A spokeswoman said" in an article about the FBI: the spokesperson speaks for the organization
        the article is about, and is labelled as newsrooms write it ("FBI spokeswoman")."""
        if analysed.head not in SPOKESPERSON_HEADS or POSTMODIFIER_START.match(self.text, analysed.end):
            return None
        organization = self.table.most_salient(
            analysed.start,
            lambda e: e.kind == "organization" and bool(e.names) and (e.confident or e.speaks),
            window=DESCRIPTION_WINDOW,
        )
        if organization is None:
            return None
        short = next((n.text for n in organization.names if ACRONYM.fullmatch(n.text)), organization.name)
        return f"{short} {analysed.head}"

    def _label(self, analysed: SourceMention) -> str:
        """The description as written, without a leading article ("the source" -> "source") and
        with its possessive pronoun replaced by whom it means ("her campaign" -> "Hillary Clinton's
        campaign")."""
        start, end = analysed.start, analysed.end
        source = self.context.source
        if source and source[0] <= start and end <= source[1] and analysed.form != "joint":
            end = source[1]  # keep what follows the head: "Video of the incident"
        if analysed.form != "joint":
            modifier = POSTMODIFIER.match(self.text, end)
            if modifier and len(modifier.group().split()) <= MAX_POSTMODIFIER_WORDS:
                end = modifier.end()  # "a spokeswoman for the RAD said": the description goes on
        label = re.sub(r"\s+", " ", self.text[start:end]).strip(" ,;:—–-")
        label = TRAILING_TIME.sub("", label)
        label = re.sub(HONORIFIC_BEFORE_NAME, "", label)  # "Mr Blair's official spokesman"
        if analysed.head in DOCUMENT_HEADS:
            label = re.sub(r"^[Tt]he\s+", "", label)  # "The Hill report" -> "Hill report"
        # "the source" -> "source", "The Trump campaign" -> "Trump campaign", but a place keeps its
        # article: "The United States and other senior leaders"
        m = re.match(r"(?:[Tt]he|[Aa]n?|[Tt]hat|[Tt]his|[Aa]s)\s+", label)
        if m:
            after = self.article.chunks_in(start + m.end(), end)
            keeps = (
                m.group().strip().casefold() in ("the",)
                and after
                and after[0].start == start + m.end()
                and after[0].kind == "place"
            )
            if not keeps:
                label = label[m.end() :]
        label = _UNNAMING_OPENER.sub("", label)
        m = re.search(r"\b(his|her|its|whose)\b", label, flags=re.I)
        if m:
            owner = self.pronoun(m.group(1).casefold(), start + m.start())
            if owner is not None and owner.names:
                name = owner.name + ("’s" if "’" in self.text else "'s")
                if owner.kind == "organization" and not name.startswith("The "):
                    name = "the " + name
                label = label[: m.start()] + name + label[m.end() :]
        return label


def _name_words(entity: EntityRecord) -> set[str]:
    """The folded words of all an entity's names."""
    return {fold(w) for n in entity.names for w in n.name}


# Where a body is from, whose it is or where it trades ("San Jose-based", "Italian-owned", "US-listed"): not who it is
_LOCATED = re.compile(r".+-(?:based|born|bred|headquartered|owned|listed)$")


def _tied_elsewhere(places: set[str], known: set[str]) -> bool:
    """Whether a person whose known words are these is tied to a place other than all the description's
    places: one the article ties to no place may be from anywhere (see ReferenceResolver._place_words)."""
    return bool(places - known) and bool(known & PLACES)


def _after_location(words: tuple[str, ...]) -> tuple[str, ...]:
    """The proper words after the last that says where something is from ("san", "jose-based" go)."""
    last = max((k for k, w in enumerate(words) if _LOCATED.fullmatch(w)), default=-1)
    return words[last + 1 :]


def _names_a_role(article, chunk: NameChunk) -> bool:
    """A name that only says whose role the next name holds: "Wrexford" in "Wrexford boss Terry Gallimore"."""
    following = article.chunks_in(chunk.end, article.sentence_end(chunk.sentence))[:1]
    return bool(following) and is_role_between(article.tokens_in(chunk.end, following[0].start))


def _telling_proper_words(analysed: SourceMention, proper: set[str], known_sets: list[set[str]]) -> set[str]:
    """The proper words of a person description that must fit its person. "The Labour leader" is not the
    Tory leader, and "the chair of the DNC" names what she chairs; but a party or club before the head
    that the article never ties to anyone in reach ("the Plaid Cymru member", "the former Ashby striker",
    world knowledge the reader brings) says nothing of which one, when no one in reach has the head as a
    role either."""
    told = set().union(*known_sets) if known_sets else set()
    words = list(analysed.words)
    if analysed.head in told or analysed.head not in words:
        return proper
    after_head = set(words[words.index(analysed.head) + 1 :])
    return {w for w in proper if w in told or w in after_head}


def _other_office(analysed: SourceMention, entity: EntityRecord) -> bool:
    """ "The foreign secretary" is not "Home Secretary Charles Clarke": the description and one of the
    entity's titles qualify the same head with different words just before it."""
    words = list(analysed.words)
    if len(words) < 2 or words[-1] != analysed.head:
        return False
    for title in entity.titles + entity.descriptions:
        folded = [fold(w) for w in title.split()]
        if analysed.head in folded:
            k = folded.index(analysed.head)
            if k and folded[k - 1] != words[-2] and folded[k - 1] not in words:
                return True
    return False


_POSSESSOR_BEFORE = re.compile(r"(?:\b[Tt]he\s+)?\b[\w.-]+['’]s?\s+$")  # "the world's " opening a phrase
# characters back a possessor or the first of two joined names may start (_named_before_apposition)
POSSESSOR_REACH = 40
_JOINED = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?")  # "China and the United States": two names joined
_APPOSED_BEFORE = re.compile(r"\s*(?:\([^)]*\))?\s*,\s*")  # "John Smith, a spokesman", "(OFT), the regulator"
_COPULA_BEFORE = re.compile(
    r"\s*(?:,\s*who\s+)?(?:is|was|has been|had been|became|remains)\s+"
)  # "Smith is the senator"
_COMMA = re.compile(r"\s*,\s*")
_MAX_APPOSED_ROLE_WORDS = 4  # "small independent house": a name's own description is short
# The most non-space characters _COPULA_BEFORE matches (", who had been"): what a chunk's end may be back from
_COPULA_REACH = len(",whohadbeen")


def _apposition_reach(text: str, pos: int) -> int:
    """A position no chunk ending before can be apposed to a description at pos (_APPOSED_BEFORE or
    _COPULA_BEFORE from the chunk's end to pos), so that _apposed_name looks at the few names near it.
    What lies between must be spaces and a comma with at most one bracket before it, or a few lower-case
    words: walk back over the first, and over at most _COPULA_REACH letters and commas for the second."""
    k = pos
    while k > 0 and text[k - 1].isspace():
        k -= 1
    reach = k
    if k > 0 and text[k - 1] == ",":  # the comma, then maybe a bracket right before it
        k -= 1
        while k > 0 and text[k - 1].isspace():
            k -= 1
        reach = k
        if k > 0 and text[k - 1] == ")":
            # inside a bracket anything but ")" may stand, so its "(" is one after the ")" before it: a name
            # ends right before the first of those at the earliest
            opening = text.find("(", text.rfind(")", 0, k - 1) + 1, k - 1)
            if opening >= 0:
                reach = opening
                while reach > 0 and text[reach - 1].isspace():
                    reach -= 1
    k, letters = pos, 0
    while k > 0 and (text[k - 1].isspace() or text[k - 1] == "," or text[k - 1].isalpha()):
        if not text[k - 1].isspace():
            letters += 1
            if letters > _COPULA_REACH:
                break
        k -= 1
    return min(reach, k)


def _bare(word: str) -> str:
    """A word as names and descriptions are compared: folded, without a possessive ending."""
    return re.sub(r"'s?$", "", fold(word))


def _content_words(phrase: str) -> set[str]:
    """The words of a description that can say which entity it is: no determiners or function words."""
    words = {_bare(w) for w in re.findall(r"[\w’'-]+", phrase)}
    return {w for w in words if w.isalpha() and w not in DETERMINERS and w not in FUNCTION_WORDS}


def _head_of(description: str) -> str | None:
    """The head noun of a description the article gave an entity: its last word before any preposition
    ("rock group" -> group; "of the Vienna Policy Forum" has none)."""
    head = None
    for word in description.split():
        low = fold(word)
        if low in PREPOSITIONS:
            break
        head = low
    return head


def _proper_body_word(word: str) -> bool:
    """ "Commons", "Senate": a capitalised word that names something, not a people or a place."""
    return word[:1].isupper() and not place_or_people(word)
