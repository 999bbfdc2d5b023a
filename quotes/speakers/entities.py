"""The article's entities while speakers are being resolved: one record per person, organization or
group, the clustering of name chunks into them, and salience (who the text is about at a point).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .article import ORG_CONNECTORS, PREPOSITIONS, Article, NameChunk, initials, looks_plural
from .descriptions import APPOSED_KIND_NOUNS, description_kind, head_class
from .names import (
    ACRONYM,
    HONORIFIC_GENDER,
    NAME_PARTICLES,
    ORG_WORDS,
    PLACES,
    PRONOUN_GENDER,
    ParsedName,
    fold,
    honorific_gender,
    is_demonym,
    is_known_first_name,
    is_title_word,
    role_words,
    same_full_name,
)
from .roles import role_before

# Salience: a mention's weight halves with every sentence between it and the point of reference.
SALIENCE_DECAY = 0.5
SALIENCE_WINDOW = 8  # sentences back that a pronoun may reach
GENDER_VOTE_REACH = 2  # sentences back in which another person of the pronoun's gender makes its vote unsure
WEIGHT_MENTION = 1.0
WEIGHT_SUBJECT = 1.0  # first name of its sentence, or next to "said"
WEIGHT_SPEAKER = 2.5  # the source of an attribution
FACTOR_IN_QUOTE = 0.35  # names inside quoted speech are rarely what "he said" points back to
FACTOR_PREPOSITION = 0.5
FACTOR_POSSESSIVE = 0.6
NOT_FOUND = 1 << 30  # position of something that is not in the text
PUBLICATION_WORDS = frozenset(
    """
post times journal yorker observer tribune herald caller beast review gazette telegraph guardian
economist atlantic hill globe sun star chronicle inquirer enquirer republic examiner independent
""".split()
)
_WHICH_AFTER = re.compile(r"\s*(?:\([^)]*\))?\s*,\s*which\b")  # "Umbro, which" (not "who")
# "according to Variety trade magazine": a kind of organization right after the name
_KIND_AFTER = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}(?:" + "|".join(sorted(APPOSED_KIND_NOUNS)) + r")(?=\s*[,.;:)]|\s*$)"
)
# "Sun's chief operating officer", "Pernod shares in Paris slipped": what only a company has (a closed class: a
# person has a spokesman, a staff or a board seat too, never shares, a chief operating officer or a workforce)
_COMPANY_OWNS_AFTER = re.compile(
    r"(?:['’]s\s+(?:shares?|share\s+price|shareholders|workforce|headquarters|chief\s+(?:executive|economist|"
    r"operating\s+officer|financial\s+officer|technology\s+officer))"
    r"|\s+(?:shares|stock)\s+(?:in|on|rose|fell|slipped|jumped|gained|dropped|climbed|closed|slumped|rallied)\b)"
)
# ", the industry watchdog,": an apposition set off by commas right after a name (what _a_kind_of_thing reads)
_APPOSITION_AFTER = re.compile(r"\s*,\s*((?:a|an|the)\s+[^,.;:\"“”()]{1,60}?)\s*,")
# "Nintendo has said it will": a name whose report goes on with "it" and an intention speaks as an
# organization; "it was" / "it is" is a person's verdict on something ("Tobias Quenell said it was fair")
# Words that open another clause: past one, "him" may be the subject of the clause before ("Smith said the
# police had arrested him"); before one, it never is (binding: "Smith defended him" is someone else).
_CLAUSE_OPENER = re.compile(
    r"\b(?:said|says|told|tells|that|who|whom|which|when|while|after|before|because|since|if|as|and|but|or|until)\b",
    re.I,
)
_SAID_IT_AFTER = re.compile(
    r"\s+(?:has\s+|had\s+)?(?:said|says)\s+(?:that\s+)?it\s+"
    r"(?:will|would|plans|intends|expects|aims|hopes|wants|planned|intended|expected|aimed|hoped|wanted|has|had)\b"
)
# Heads of an apposition that make a name a business that speaks ("Technorati, a blog search engine,"),
# closed because an open test made people of laureates, nurses and MPs organizations
THING_HEADS = frozenset(
    """engine site platform service app retailer chain brand maker manufacturer producer operator carrier
provider publisher broadcaster exchange""".split()
)
_VERB_WORDS = frozenset("is are was were has have had will would can could be been".split())
_PRONOUN_WORDS = frozenset("he him his she her hers it its they them their".split())
# A last word that alone means another organization ("the House" is not the White House).
GENERIC_ORG_WORDS = frozenset("house office party court department committee council service center".split())


@dataclass(eq=False)
class EntityRecord:
    """One entity under construction; compared by identity."""

    kind: str  # person, organization, group, unknown
    confident: bool = False  # the kind comes from a title, a first name, an organization word
    names: list[ParsedName] = field(default_factory=list)
    label: str | None = None  # the description, for an entity never named
    head: str = ""  # head noun of that description
    plural: bool = False
    gender: str | None = None  # from a title or a first name
    gender_votes: Counter = field(default_factory=Counter)  # from pronouns next to the name
    honorific_gender: str | None = None  # from "Mrs", "Sir", "Lady" before one of its names
    proper_label: bool = False  # an unnamed document the article still names by a proper word ("Hill report")
    titles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)  # words a description of it may use
    mentions: dict[tuple[int, int], None] = field(default_factory=dict)  # ordered set of spans
    salience: list[tuple[int, int, float]] = field(default_factory=list)  # (pos, sentence, weight)
    members: list[EntityRecord] = field(default_factory=list)
    speaks: bool = False
    short_uses: Counter = field(default_factory=Counter)  # surname alone -> times it meant this
    named_at: list[int] = field(default_factory=list)  # where its names stand in the text
    written_the: bool = False  # the article writes "The" before its name
    first_at: int = NOT_FOUND  # the start of its first mention, kept as mentions come (asked per candidate)
    order: int = 0  # its place in the table's list: lookups through the index keep the list's order for ties
    index: EntityIndex | None = field(default=None, repr=False)  # the table's, told of salience, roles, names

    full: ParsedName | None = None  # the fullest name the article uses ("Paul D. Ryan" over "Ryan")

    def add_name(self, parsed: ParsedName) -> None:
        if parsed in self.names:
            return
        self.names.append(parsed)
        if self.index is not None:
            self.index.note_words(self, {fold(w) for w in parsed.name})
            self.index.note_name(self, parsed)
        rank = (len(parsed.name), not parsed.text.isupper(), parsed.first is not None)
        if self.full is None or rank > (len(self.full.name), not self.full.text.isupper(), self.full.first is not None):
            self.full = parsed  # "Chris Wallace" over "WALLACE" too

    @property
    def name(self) -> str:
        if self.label and self.members:
            return self.label
        if self.members:
            names = [m.name for m in self.members]
            return ", ".join(names[:-1]) + " and " + names[-1]
        full = self.full
        if full is None:
            return self.label or ""
        return "The " + full.text if self.titled_the else full.text

    @property
    def titled_the(self) -> bool:
        """Publications carry "The" in their name: "The New York Post", "The New Yorker"."""
        full = self.full
        return (
            self.kind == "organization"
            and self.written_the
            and full is not None
            and fold(full.name[-1]) in PUBLICATION_WORDS
        )

    @property
    def last(self) -> str | None:
        full = self.full
        return fold(full.last) if full and full.last else None

    @property
    def first_names(self) -> set[str]:
        return {fold(n.first) for n in self.names if n.first}

    @property
    def gender_guess(self) -> str | None:
        return self.gender or self._pronoun_majority()

    @property
    def told_gender(self) -> str | None:
        """Gender as the article itself tells it (honorifics, then pronouns), never from a first name:
        what source-diversity audits count."""
        if self.members or self.plural or self.kind not in ("person", "unknown"):
            return None
        return self.honorific_gender or self._pronoun_majority()

    def _pronoun_majority(self) -> str | None:
        """The gender most of the pronouns that refer to the entity give it; None on a tie or none."""
        top = self.gender_votes.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            return top[0][0]
        return None

    @property
    def named(self) -> bool:
        """Known by a proper name (or, for a joint speaker, all its members are)."""
        if self.members:
            return all(m.named for m in self.members)
        return bool(self.names) or (self.proper_label and self.kind in ("document", "organization", "group"))

    def first_named(self) -> int:
        return min(self.named_at, default=NOT_FOUND)

    def first_position(self) -> int:
        return self.first_at

    def add_mention(self, start: int, end: int, sentence: int, weight: float) -> None:
        self.mentions[(start, end)] = None
        self.first_at = min(self.first_at, start)
        self.add_salience(start, sentence, weight)

    def add_salience(self, pos: int, sentence: int, weight: float) -> None:
        """A point where the text is about the entity (a mention, or a sentence opening with its description)."""
        self.salience.append((pos, sentence, weight))
        if self.index is not None:
            self.index.note_sentence(self, sentence)

    def add_roles(self, words: set[str]) -> None:
        self.roles |= words
        if self.index is not None:
            self.index.note_words(self, words)

    def add_title(self, title: str) -> None:
        words = role_words(title.split())
        if not words or fold(title) in HONORIFIC_GENDER or fold(title) in ("dr", "dr."):
            return
        if any(words <= role_words(t.split()) for t in self.titles):  # "General" after "Army Gen."
            return
        self.titles.append(title)
        self.add_roles(words)

    def add_description(self, desc: str) -> None:
        kind_of_thing = _a_kind_of_thing(desc)
        desc = re.sub(r"^(?:the|a|an)\s+", "", desc, flags=re.I)  # "the culture secretary" -> "culture secretary"
        if desc and desc.casefold() not in (d.casefold() for d in self.descriptions):
            self.descriptions.append(desc)
            self.add_roles(description_words(desc))
            told = description_kind(desc)
            if self.kind in ("person", "unknown") and not self.confident and told == "organization":
                self.kind, self.confident = "organization", True  # "rock group Harbour Lights", "X, the band"
            elif self.kind == "unknown" and not self.confident and told == "person":
                self.kind = "person"  # "said his wife, Sheila"
            elif self.kind == "person" and not self.confident and told == "person":
                self.confident = True  # "retired teacher Eileen Crabtree": a role says it is a person's name
            elif self.kind == "unknown" and not self.confident and told is None and kind_of_thing:
                self.kind = "organization"  # "Technorati, a blog search engine,": a thing that speaks


_AND_AFTER = re.compile(r"\s*(?:and|&)\s")


def _plural_head(desc: str) -> bool:
    """A description whose last word is a plural noun ("maritime analysts"): many people, so a name it is
    given to is their firm."""
    words = [fold(w) for w in re.findall(r"[\w’'-]+", desc)]
    if not words or len(words) > 3 or PREPOSITIONS.intersection(words):  # "chair of governors" is one person
        return False
    return looks_plural(words[-1])


def _a_kind_of_thing(desc: str) -> bool:
    """ "a blog search engine", "the largest wine maker in China": an apposition that says what kind of thing
    a name is (an article, then a noun phrase with no verb in it), with an organization's head or one of
    THING_HEADS; any other head ("a Nobel laureate", "a retired nurse") says nothing against a person."""
    words = [fold(w) for w in re.findall(r"[\w’'-]+", desc)]
    words = words[: next((i for i, w in enumerate(words) if i and w in PREPOSITIONS), len(words))]
    return (
        len(words) >= 3
        and words[0] in ("a", "an", "the")
        and not _VERB_WORDS.intersection(words)
        and (words[-1] in THING_HEADS or head_class(words[-1]) == "organization")
    )


def description_words(desc: str) -> set[str]:
    """Folded words of a description up to its first preposition (the head and its modifiers)."""
    words = []
    for w in re.findall(r"[\w’'.-]+", desc):
        low = fold(w)
        if low in PREPOSITIONS or low in ("who", "that", "which", "and", "or"):
            break
        words.append(low)
    return set(role_words(words))


def name_parts(parsed: ParsedName) -> list[tuple[str, object]]:
    """What EntityTable's name matching compares a name by, as (part, value): its key, its key without spaces,
    its folded surname and first name, the last word of its key, every ending of two words or more of its key
    ("suffix") and every shorter ending of its folded words ("name_end"), the initials of its key, for a
    one-word key that word without full stops ("bare"), and for a longer one its first word ("key_start")."""
    key, folded = parsed.key, tuple(fold(w) for w in parsed.name)
    parts: list[tuple[str, object]] = [
        ("key", key),
        ("squeezed", parsed.squeezed),
        ("last", fold(parsed.last or "")),
        ("first", fold(parsed.first) if parsed.first else None),
        ("key_end", key[-1] if key else None),
        ("initials", initials(key)),
        ("bare", key[0].replace(".", "") if len(key) == 1 else None),
        ("key_start", key[0] if len(key) > 1 else None),
    ]
    parts += [("suffix", key[k:]) for k in range(len(key) - 1)]
    parts += [("name_end", folded[k:]) for k in range(1, len(folded))]
    return parts


class EntityIndex:
    """The entities by the sentences where they are salient and by the words that name or describe them (their
    roles), so that a description or a pronoun's window looks at the entities it can reach rather than at every
    entity of the article: on description-dense text that scan grew 4x per doubling of the text. Both only
    grow, as an entity's salience, roles and names do; a lookup returns a superset of what the rule accepts,
    in the table's order, and the rule still decides."""

    def __init__(self):
        self.by_sentence: dict[int, dict[int, EntityRecord]] = defaultdict(dict)  # sentence -> order -> entity
        self.by_word: dict[str, dict[int, EntityRecord]] = defaultdict(dict)  # folded word -> order -> entity
        self.by_name: dict[tuple, dict[int, EntityRecord]] = defaultdict(dict)  # (part, its value) -> order -> entity

    def note_sentence(self, entity: EntityRecord, sentence: int) -> None:
        self.by_sentence[sentence][entity.order] = entity

    def note_words(self, entity: EntityRecord, words: set[str]) -> None:
        for word in words:
            self.by_word[word][entity.order] = entity

    def note_name(self, entity: EntityRecord, parsed: ParsedName) -> None:
        for part in name_parts(parsed):
            self.by_name[part][entity.order] = entity

    def named(self, *parts: tuple[str, object], newest_first: bool = False) -> list[EntityRecord]:
        """The entities with a name that has any of these (part, value) pairs (name_parts), in the table's order
        (or the reverse)."""
        return _in_order((self.by_name.get(part, {}) for part in parts), newest_first)

    def salient_in(self, first: int, last: int) -> list[EntityRecord]:
        """The entities with salience in sentences first..last, in the table's order."""
        return _in_order(self.by_sentence.get(sentence, {}) for sentence in range(first, last + 1))

    def with_words(self, words: Iterable[str]) -> list[EntityRecord]:
        """The entities named or described with any of these folded words, in the table's order."""
        return _in_order(self.by_word.get(word, {}) for word in words)


def _in_order(found: Iterable[dict[int, EntityRecord]], newest_first: bool = False) -> list[EntityRecord]:
    """The entities of these order -> entity maps, each once, in the table's order (or the reverse)."""
    merged: dict[int, EntityRecord] = {}
    for entities in found:
        merged.update(entities)
    return [merged[k] for k in sorted(merged, reverse=newest_first)]


class EntityTable:
    """The entities of one article and the name chunks that name them."""

    def __init__(self, article: Article):
        self.article = article
        self.entities: list[EntityRecord] = []
        self.index = EntityIndex()
        self._groups: list[EntityRecord] = []  # the entities made of members, in the table's order
        self.chunk_entity: dict[int, EntityRecord] = {}  # chunk start -> entity
        self._org_prefixes = self._organizations_in_titles()
        self._acronyms = {c.words[0] for c in article.chunks if len(c.words) == 1 and ACRONYM.fullmatch(c.words[0])}
        for chunk in article.chunks:
            self.cluster(chunk)
        self._vote_genders()
        self._vote_organizations()
        self._find_described_subjects()
        self._find_pairs()

    def new(self, kind: str, confident: bool = False) -> EntityRecord:
        entity = EntityRecord(kind, confident, order=len(self.entities), index=self.index)
        self.entities.append(entity)
        return entity

    def within(self, sentence: int, window: int) -> list[EntityRecord]:
        """The entities that can have salience at a sentence with this window (EntityTable.salience), in order."""
        if window >= sentence:
            return self.entities
        return self.index.salient_in(sentence - window, sentence)

    # ---- names -----------------------------------------------------------------------------
    def cluster(self, chunk: NameChunk) -> EntityRecord | None:
        """The entity a name chunk names, creating it when the name is new; None for places and
        the like, which are not entities unless they speak."""
        if chunk.start in self.chunk_entity:
            return self.chunk_entity[chunk.start]
        parsed = chunk.parsed
        if (
            parsed.kind == "person"
            and not parsed.confident
            and tuple(fold(w) for w in parsed.name) in self._org_prefixes
        ):
            parsed = dataclasses.replace(parsed, kind="organization", confident=True)
            chunk = dataclasses.replace(chunk, parsed=parsed)
        if parsed.kind == "organization" and self._acronyms:
            trimmed = self._without_place_prefix(parsed)
            if trimmed is not parsed:
                parsed, chunk = trimmed, dataclasses.replace(chunk, parsed=trimmed)
        entity = self._match_name(parsed, chunk.start)
        if entity is None:
            if parsed.kind == "other":
                return None
            entity = self.new(parsed.kind, parsed.confident)
        self.attach(entity, chunk)
        return entity

    def _without_place_prefix(self, parsed: ParsedName) -> ParsedName:
        """ "The US Federal Bureau of Investigation" with "FBI" in the article: the acronym says where the
        name starts, and the place or nationality before it describes ("US" goes to the title, like a role)."""
        if parsed.kind != "organization" or parsed.title:
            return parsed
        k = 0
        while k < len(parsed.name) - 2 and place_or_people(parsed.name[k]):
            k += 1
        if k == 0 or initials(parsed.key[k:]) not in {a.replace(".", "").casefold() for a in self._acronyms}:
            return parsed
        return dataclasses.replace(parsed, title=parsed.name[:k], name=parsed.name[k:])

    def cluster_as_organization(self, chunk: NameChunk) -> EntityRecord:
        """A place that speaks or is spoken for ("Russia said", "China, which") acts as an organization."""
        entity = self.cluster(chunk)
        if entity is None:
            entity = self.new("organization", True)
            self.attach(entity, chunk)
        if entity.kind == "place":
            entity.kind = "organization"
        return entity

    def attach(self, entity: EntityRecord, chunk: NameChunk) -> None:
        parsed = chunk.parsed
        self.chunk_entity[chunk.start] = entity
        entity.add_name(parsed)
        if parsed.confident and not entity.confident and parsed.kind == entity.kind:
            entity.confident = True
        if entity.kind == "unknown" and parsed.kind in ("person", "organization"):
            entity.kind, entity.confident = parsed.kind, parsed.confident
        honorific = honorific_gender(parsed.title)
        entity.honorific_gender = honorific or entity.honorific_gender
        if parsed.gender and (parsed.title or not entity.gender):
            entity.gender = parsed.gender
        if parsed.title:
            entity.add_title(" ".join(parsed.title))
        for desc in self.article.appositions.get(chunk.start, ()):
            entity.add_description(desc)
        for desc in self.article.copulas.get(chunk.start, ()):
            entity.add_roles(description_words(desc))
        role = role_before(self.article, chunk) if entity.kind in ("person", "unknown", "organization") else None
        if role:
            alone = not _AND_AFTER.match(self.article.text, chunk.end)  # not "Greek sprinters X and Y"
            if alone and entity.kind in ("person", "unknown") and not entity.confident and _plural_head(role):
                entity.kind, entity.confident = "organization", True  # "maritime analysts Tidewater Intelligence"
            entity.add_description(role)
        entity.named_at.append(chunk.start)
        if self.article.text[max(0, chunk.start - 4) : chunk.start] == "The ":
            entity.written_the = True
        entity.add_mention(chunk.start, chunk.end, chunk.sentence, self.chunk_weight(chunk))

    def _match_name(self, parsed: ParsedName, pos: int) -> EntityRecord | None:
        """The entity an earlier mention gave this name, or None for a new one."""
        words = tuple(fold(w) for w in parsed.name)
        if not words:
            return None
        if parsed.kind == "place":
            return next(
                (
                    e
                    for e in self.index.named(("key", parsed.key))
                    if e.kind in ("place", "organization") and any(n.key == parsed.key for n in e.names)
                ),
                None,
            )
        if parsed.kind == "organization" or (parsed.kind == "unknown" and len(words) == 1):
            found = self._match_organization(parsed)
            if found is not None:
                return found
        if parsed.kind == "person" and not parsed.confident:
            for entity in self.index.named(("squeezed", parsed.squeezed)):  # "Time Warner" after "TimeWarner"
                if entity.kind == "organization" and any(n.squeezed == parsed.squeezed for n in entity.names):
                    return entity
        if parsed.kind in ("person", "unknown") and len(words) >= 2 and parsed.first:
            for entity in self.index.named(("name_end", words), newest_first=True):
                # "Mr Saumarez Smith" after "Charles Saumarez Smith": the end of a longer full name
                if entity.kind == "person" and any(
                    len(n.name) > len(words) and tuple(fold(w) for w in n.name[-len(words) :]) == words
                    for n in entity.names
                ):
                    return entity
            for entity in self.index.named(("last", fold(parsed.last or "")), newest_first=True):  # same_full_name's
                if entity.kind == "person" and any(same_full_name(parsed, n) for n in entity.names if n.first):
                    return entity
            # a surname seen alone before ("Clinton ... Hillary Clinton") becomes this full name
            alone = [
                e
                for e in self.index.named(("last", fold(parsed.last)))  # e.last is the last of one of its names
                if e.kind in ("person", "unknown")
                and not e.members
                and e.names
                and not any(n.first for n in e.names)
                and e.last == fold(parsed.last)
            ]
            if len(alone) == 1 and (parsed.gender is None or alone[0].gender_guess in (None, parsed.gender)):
                return alone[0]
            return None
        if parsed.kind in ("person", "unknown") and (len(words) == 1 or not parsed.first):
            return self._match_short_form(parsed, pos)
        return None

    def _match_organization(self, parsed: ParsedName) -> EntityRecord | None:
        key = parsed.key
        squeezed = parsed.squeezed
        for entity in self.index.named(("key", key), ("squeezed", squeezed), newest_first=True):
            if entity.kind in ("organization", "unknown", "place"):
                organization = entity.kind == "organization"
                for n in entity.names:  # "TimeWarner" and "Time Warner" are one organization
                    if n.key == key or (organization and n.squeezed == squeezed):
                        return entity
        headed = self._headed_by(key)
        if headed is not None:
            return headed
        widen = len(key) >= 2  # "Rover" in a headline, then "MG Rover"
        # the names that can be: one this one ends (or that ends this one) in two words or more; for one word, a
        # name that ends with it or whose initials it is; else one word that is its last or its initials
        if not key:
            return None  # nothing is shorter than no words
        if len(key) == 1:  # "key_start": letters that open a longer name (_acronym_opens)
            parts = [("key_end", key[0]), ("initials", key[0].replace(".", "")), ("key_start", key[0])]
        else:
            parts = [("suffix", key), ("key", (key[-1],)), ("bare", initials(key)), ("key", key[:1])]
            parts += [("key", key[k:]) for k in range(len(key) - 1)] + [("key_start", key[0])]  # _one_word_dropped
        for entity in self.index.named(*parts, newest_first=True):
            if (entity.kind == "organization" or (widen and entity.kind == "unknown")) and any(
                one_organization(parsed, n, entity) for n in entity.names
            ):
                return entity
        return None

    def _headed_by(self, key: tuple[str, ...]) -> EntityRecord | None:
        """ "the Committee" after "Committee to Protect Bloggers": a name with a connector is headed by the
        word before it, so that word alone is the one organization so headed (None when two are)."""
        if len(key) != 1 or key[0] not in ORG_WORDS:
            return None
        found = {
            id(e): e
            for e in self.index.named(("key_start", key[0]))
            if e.kind == "organization"
            for n in e.names
            if len(n.key) > 2 and n.key[0] == key[0] and n.key[1] in ORG_CONNECTORS
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _match_short_form(self, parsed: ParsedName, pos: int) -> EntityRecord | None:
        """A surname ("Milley", "Gen. Milley", "Mrs. Clinton"), a first name alone ("Hillary") or a
        surname misspelt by one letter ("Wines" for "Wimes")."""
        word = fold(parsed.last or parsed.name[0])

        def person(e: EntityRecord) -> bool:
            return e.kind in ("person", "unknown") and not e.members

        candidates = [e for e in self.index.named(("last", word)) if person(e) and e.last == word]
        if not candidates:
            candidates = [
                e
                for e in self.index.named(("first", word))
                if person(e) and e.kind == "person" and word in e.first_names
            ]
        if not candidates and len(word) >= 5:
            # a misspelt surname: the one lookup left that reads every person
            candidates = [
                e
                for e in self.entities
                if person(e)
                and e.kind == "person"
                and e.last
                and e.last[0] == word[0]
                and any(n.first for n in e.names)
                and _one_edit_apart(e.last, word)
            ]
        if parsed.gender:
            candidates = [e for e in candidates if e.gender_guess in (None, parsed.gender)]
        if not candidates:
            return None
        if len(candidates) > 1 and not parsed.gender:
            # two Ketterings, a husband and a wife: "Kettering, who ..., insists he is" says which
            told = self._pronoun_gender_after(pos)
            if told is not None:
                candidates = [e for e in candidates if e.gender_guess == told] or candidates
        sentence = self.article.sentence_of(pos)
        # once "Clinton" alone has meant one of two Clintons it keeps that meaning; otherwise the
        # most salient (usually the last mentioned) wins
        chosen = max(
            candidates, key=lambda e: (e.short_uses[word] > 0, self.salience(e, pos, sentence), e.first_position())
        )
        chosen.short_uses[word] += 1
        return chosen

    def _pronoun_gender_after(self, pos: int) -> str | None:
        """The gender of the first he/she/his/her after pos in its sentence, outside quotation marks."""
        return self._pronoun_gender_in(pos, self.article.sentence_end(self.article.sentence_of(pos)))

    def _pronoun_gender_in(self, start: int, end: int) -> str | None:
        """The gender of the first he/she/his/her in [start, end), outside quotation marks."""
        article = self.article
        for tok in article.tokens_in(start, end):
            gender = PRONOUN_GENDER.get(fold(tok.text))
            if gender is not None and not article.in_quote(tok.start):
                return gender
        return None

    def _organizations_in_titles(self) -> set[tuple[str, ...]]:
        """ "Wells Fargo CEO John Stumpf": the words before a title name an organization."""
        found = set()
        for chunk in self.article.chunks:
            title = chunk.parsed.title
            k = len(title)
            while k and is_title_word(title[k - 1]):
                k -= 1
            words = tuple(fold(w) for w in title[:k])
            if len(words) >= 2 and not all(w in PLACES for w in words):
                found.add(words)
        return found

    # ---- groups and genders ----------------------------------------------------------------
    def group_of(self, members: list[EntityRecord]) -> EntityRecord:
        """The one group entity of exactly these members."""
        for entity in self._groups:
            if set(map(id, entity.members)) == set(map(id, members)):
                return entity
        group = self.new("group", True)
        group.members, group.plural = members, True
        self._groups.append(group)
        return group

    def pair_before(self, chunk: NameChunk) -> NameChunk | None:
        """The name joined to this one by "and" ("Obama and Clinton"), if any."""
        text, article = self.article.text, self.article
        sentence_start = article.sentence_starts[chunk.sentence] if article.sentence_starts else 0
        # only chunks of its own sentence can be joined to it, and those lie between its sentence's start and it
        for other in article.chunks_ending_in(sentence_start, chunk.start):
            if other.sentence == chunk.sentence and re.fullmatch(r"\s+(?:and|&)\s+", text[other.end : chunk.start]):
                return other
        return None

    def _find_pairs(self) -> None:
        """Two people joined by "and" are a group that "they" can point back to."""
        for chunk in self.article.chunks:
            if chunk.kind not in ("person", "unknown"):
                continue
            other = self.pair_before(chunk)
            if other is None or other.kind not in ("person", "unknown"):
                continue
            a, b = self.chunk_entity.get(other.start), self.chunk_entity.get(chunk.start)
            if a is None or b is None or a is b or a.kind != "person" or b.kind != "person":
                continue
            if "unknown" in (chunk.kind, other.kind) and not other.subject:
                continue  # surnames alone ("Obama and Clinton withdrew"): people named in full, as a subject
            self.group_of([a, b]).add_salience(other.start, other.sentence, self.chunk_weight(other))

    def _vote_genders(self) -> None:
        """He/she after a single person in a sentence tells that person's gender, unless a person the
        text has just been about already has that gender from an honorific ("Mrs Ellison ... Her deputy,
        Kwame Asante, said she had ..." is no vote for Asante)."""
        article = self.article
        by_sentence: dict[int, list[tuple[int, EntityRecord]]] = {}
        for chunk in article.chunks:
            entity = self.chunk_entity.get(chunk.start)
            if entity is not None and entity.kind in ("person", "unknown") and not chunk.in_quote:
                by_sentence.setdefault(chunk.sentence, []).append((chunk.start, entity))
        for tok in article.tokens:
            gender = PRONOUN_GENDER.get(fold(tok.text))
            if gender is None or article.in_quote(tok.start):
                continue
            sentence = article.sentence_of(tok.start)
            before = {id(e): e for pos, e in by_sentence.get(sentence, ()) if pos < tok.start}
            if len(before) != 1:
                continue
            (voter,) = before.values()
            last_at = max(pos for pos, e in by_sentence[sentence] if e is voter and pos < tok.start)
            if fold(tok.text) == "him" and not _CLAUSE_OPENER.search(article.text, last_at, tok.start):
                continue  # "Kerry-Anne Kettering has stood by him": "him" in its subject's own clause is another
            recent = [e for s in range(sentence - GENDER_VOTE_REACH, sentence) for _, e in by_sentence.get(s, ())]
            # honorifics only: a first name is no evidence an audit may count
            if voter.honorific_gender != gender and any(
                e is not voter and e.honorific_gender == gender for e in recent
            ):
                continue
            voter.gender_votes[gender] += 1

    def _find_described_subjects(self) -> None:
        """ "Tory leader Michael Howard ... The Tory leader was asked ...": a sentence that opens with the
        description the article gave one person (and no other) is about that person, so "He replies" in the
        next sentence can point back to them as it would to their name."""
        described: dict[str, EntityRecord | None] = {}
        for entity in self.entities:
            if entity.kind == "person" and entity.confident:
                for desc in entity.descriptions:
                    key = fold(desc)
                    described[key] = entity if described.get(key, entity) is entity else None
        if not described:
            return
        article, tokens = self.article, self.article.tokens
        longest = max(len(key.split()) for key in described)
        for sentence, start in enumerate(article.sentence_starts):
            first = article.token_index(start)
            if first >= len(tokens) or tokens[first].text not in ("The", "the") or article.in_quote(start):
                continue
            toks = tokens[first : first + longest + 1]
            for n in range(len(toks) - 1, 0, -1):
                entity = described.get(" ".join(fold(t.text) for t in toks[1 : n + 1]))
                if entity is not None and entity.first_named() < start:
                    entity.add_salience(start, sentence, WEIGHT_MENTION + WEIGHT_SUBJECT)
                    break

    @staticmethod
    def referred_to_as_organization(entity: EntityRecord) -> None:
        """A name whose kind the rules could not tell that a description pointing back to organizations ("the
        company") refers to is an organization ("At 3GSM, Siemens showed off ... The German company said");
        references.py asks only of the salient referent, and only an untold name changes."""
        if entity.kind == "unknown":
            entity.kind = "organization"

    def _vote_organizations(self) -> None:
        """ "Umbro, which ...", "Yukos claims its downfall", "Variety trade magazine": a name the rules could
        not tell, or took for a person's without being sure, is an organization when the article writes
        "which" or "its" for it ("its" before any other pronoun of its sentence, with no other name
        between) or a kind of organization right after it, and never "he" or "she"."""
        article, text = self.article, self.article.text
        chunks = article.chunks
        for n, chunk in enumerate(chunks):
            entity = self.chunk_entity.get(chunk.start)
            if entity is None or entity.confident or entity.kind not in ("person", "unknown") or chunk.in_quote:
                continue
            if entity.gender_votes or entity.honorific_gender:
                continue
            if _COMPANY_OWNS_AFTER.match(text, chunk.end) or (
                (apposed := _APPOSITION_AFTER.match(text, chunk.end)) and _a_kind_of_thing(apposed.group(1))
            ):
                # "Netcom, the industry watchdog, said": the apposition says what kind of thing the name is, as it
                # does inside a source mention (add_description)
                entity.kind, entity.confident = "organization", True
                continue
            if chunk.possessive:
                continue
            if (
                _WHICH_AFTER.match(text, chunk.end)
                or _KIND_AFTER.match(text, chunk.end)
                or (
                    # a person's name is never made a company by "it" ("Okonkwo Adebayo said it was a mistake"),
                    # but three capitalised words with no first name the rules know rarely are one's
                    (entity.kind == "unknown" or _long_untold_name(chunk))
                    and _SAID_IT_AFTER.match(text, chunk.end)
                    and not self._person_pronoun_next(chunk)
                )
            ):
                entity.kind, entity.confident = "organization", True
                continue
            bound = article.sentence_end(chunk.sentence)
            if n + 1 < len(chunks) and chunks[n + 1].sentence == chunk.sentence:
                bound = min(bound, chunks[n + 1].start)
            for tok in article.tokens_in(chunk.end, bound):
                word = fold(tok.text)
                if word in _PRONOUN_WORDS and not article.in_quote(tok.start):
                    if word == "its":
                        entity.kind, entity.confident = "organization", True
                    if word not in ("it", "its"):  # "Yukos said it would consider its options"
                        break
            if entity.kind != "organization" and self._its_opens_next(chunk):
                entity.kind, entity.confident = "organization", True

    def _its_opens_next(self, chunk: NameChunk) -> bool:
        """ "Business Unity South Africa said the cuts would cost R900m a day. Its chief economist said": "Its"
        opening the next sentence of the paragraph, with no other person's or body's name between, is the
        subject's; asked only of long names with no first name the rules know, as "it" is ("Smith bought the
        firm. Its profits" are the firm's)."""
        article = self.article
        if not chunk.subject or not _long_untold_name(chunk):
            return False
        at = article.sentence_end(chunk.sentence)
        toks = article.tokens_in(at, article.sentence_end(chunk.sentence + 1))
        if not toks or toks[0].text != "Its" or article.paragraph_of(at) != article.paragraph_of(chunk.start):
            return False
        between = article.chunks_in(chunk.end, toks[0].start)
        return not any(c.parsed.kind in ("person", "organization", "group") for c in between)

    def _person_pronoun_next(self, chunk: NameChunk) -> bool:
        """ "Tobias Quenell said it was fair. He signed it.": he or she, outside quotes, in the rest of the
        name's sentence or the next one, so the "it" after the name was not its own."""
        return self._pronoun_gender_in(chunk.end, self.article.sentence_end(chunk.sentence + 1)) is not None

    # ---- salience --------------------------------------------------------------------------
    @staticmethod
    def chunk_weight(chunk: NameChunk) -> float:
        weight = WEIGHT_MENTION + (WEIGHT_SUBJECT if chunk.subject else 0.0)
        if chunk.after_preposition:
            weight *= FACTOR_PREPOSITION
        if chunk.possessive:
            weight *= FACTOR_POSSESSIVE
        if chunk.in_quote:
            weight *= FACTOR_IN_QUOTE
        return weight

    @staticmethod
    def salience(
        entity: EntityRecord,
        pos: int,
        sentence: int,
        exclude: tuple[int, int] | None = None,
        window: int = SALIENCE_WINDOW,
        min_weight: float = 0.0,
    ) -> float:
        """How much the text is about this entity just before pos (mentions inside `exclude`, the
        quote being attributed, and mentions weighing less than min_weight do not count)."""
        total = 0.0
        for at, at_sentence, weight in entity.salience:
            distance = sentence - at_sentence
            if (
                at < pos
                and distance <= window
                and weight >= min_weight
                and not (exclude and exclude[0] <= at < exclude[1])
            ):
                total += weight * SALIENCE_DECAY**distance
        return total

    @staticmethod
    def last_seen(entity: EntityRecord, pos: int, exclude: tuple[int, int] | None = None) -> int:
        return max(
            (at for at, _, _ in entity.salience if at < pos and not (exclude and exclude[0] <= at < exclude[1])),
            default=-1,
        )

    def most_salient(
        self, pos: int, accept: Callable[[EntityRecord], bool], window: int = SALIENCE_WINDOW, min_weight: float = 0.0
    ) -> EntityRecord | None:
        sentence = self.article.sentence_of(pos)
        best, best_score = None, 0.0
        for entity in self.within(sentence, window):  # only those can score above 0
            if accept(entity):
                score = self.salience(entity, pos, sentence, window=window, min_weight=min_weight)
                if score > best_score:
                    best, best_score = entity, score
        return best


def _is_short_org(word: str, words: tuple[str, ...]) -> bool:
    """ "Post" for "The New York Post", "CACNP" or "I.R.S." for the initials."""
    if len(words) < 2:
        return False
    return word.replace(".", "") == initials(words) or (word == words[-1] and word not in GENERIC_ORG_WORDS)


def one_organization(parsed: ParsedName, n: ParsedName, entity: EntityRecord) -> bool:
    """Whether parsed and n, one of the entity's names, are one organization's longer and shorter names:
    "Supreme Court" / "U.S. Supreme Court", "IMF" / "International Monetary Fund", "Brennock" / "Brennock
    Holdings"; not "U.N. Women" for the United Nations, whose letters "U.N." already stand for it."""
    shorter, longer = sorted((parsed.key, n.key), key=len)
    return (
        (len(shorter) >= 2 and longer[-len(shorter) :] == shorter)
        or (len(shorter) == 1 and _is_short_org(shorter[0], longer))
        or (len(shorter) == 1 and _acronym_opens(parsed, n) and (len(n.key) > 1 or len(entity.names) == 1))
        or _designated(shorter, longer)
        or _one_word_dropped(shorter, longer)
    )


def _one_word_dropped(shorter: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """ "Holocaust Museum" for "Holocaust Memorial Museum": a name with one word from inside it dropped, keeping the
    word that makes it an organization last and a first word that is no place or people (the "London Museum" is
    not the "London Transport Museum")."""
    return (
        len(shorter) >= 2
        and len(longer) == len(shorter) + 1
        and shorter[-1] in ORG_WORDS
        and not place_or_people(shorter[0])
        and shorter[0] not in ORG_CONNECTORS
        and any(longer[:k] + longer[k + 1 :] == shorter for k in range(1, len(longer) - 1))
    )


def place_or_people(word: str) -> bool:
    """ "US", "Irish", "Britons": a word that says where someone or something is from, not who or what it is."""
    return fold(word) in PLACES or is_demonym(word)


def _long_untold_name(chunk: NameChunk) -> bool:
    """ "Pacific Valley Power": three capitalised words or more, none a first name, title or particle."""
    name = chunk.parsed.name
    return (
        len(name) >= 3
        and not chunk.parsed.title
        and not any(is_known_first_name(w) or fold(w) in NAME_PARTICLES for w in name)
    )


# Words a company's registered name adds to the name it goes by ("Brennock Holdings", "Thornbury Group plc").
CORPORATE_DESIGNATORS = frozenset("holdings group plc ltd ltd. limited inc inc. corp corp. corporation llc".split())


def _designated(shorter: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """ "Brennock" and "Brennock Holdings": a company's name without the designator its full name adds."""
    return (
        len(shorter) >= 1
        and len(longer) > len(shorter)
        and longer[: len(shorter)] == shorter
        and all(w in CORPORATE_DESIGNATORS for w in longer[len(shorter) :])
    )


def _acronym_opens(a: ParsedName, b: ParsedName) -> bool:
    """ "RSA" and "RSA Security": letters that open a longer organization name are that organization
    (a company known by its letters adds what it does); a plain word ("Sun") could be anything's start."""
    shorter, longer = sorted((a, b), key=lambda n: len(n.key))
    return (
        len(shorter.name) == 1
        and len(longer.key) > 1
        and longer.key[0] == shorter.key[0]
        and bool(ACRONYM.fullmatch(shorter.name[0]))
    )


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
