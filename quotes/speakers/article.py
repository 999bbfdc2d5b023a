"""The speaker stage's reading of an article: its words (tokens), sentences and paragraphs, and the
name chunks and roles found in them, all as char offsets; what is quoted is the Document's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..document import Document
from ..marks import OPENING_MARKS, SENTENCE_CLOSERS, SENTENCE_END
from .names import ParsedName, fold, is_initial

# Capitalised words that start sentences without being names.
FUNCTION_WORDS = frozenset(
    """
a about above according across after afterward again against all almost along already also
although always among amid an and another any anyone anything are around as asked at back be
because been before behind being below beneath beside besides between beyond both but by can
could despite did do does doing down during each earlier either else even ever every everyone
everything except few first following for former from further had has have he hence her here
hers herself him himself his how however i if in including indeed inside instead into is it its
itself just last later lately least less like many may maybe me meanwhile might more moreover
most mostly much must my near neither never nevertheless next no nobody none nor not nothing now
of off often on once one only onto or other others otherwise our ours out outside over own
perhaps rather really several since so some someone something sometimes soon still such than that the
their them themselves then there thereafter therefore these they this those though through
throughout thus till to today together tomorrow too toward towards under unless unlike until up
upon us very via was we well were what whatever when whenever where whereas wherever whether
which while who whoever whom whose why will with within without would yes yet yesterday you
your yours asked speaking told says said still while also already here sources source officials
""".split()
)

PREPOSITIONS = frozenset(
    """
of for at in on from with by to about against into onto over under between among near after
before during without through toward towards behind beside like unlike including than via
outside inside across around within beyond
""".split()
)
REPORTING_VERBS = frozenset(
    """
said says say told tells tell added adds wrote writes write asked asks argued argues noted notes
stated states explained explains claimed claims insisted insists warned warns announced
announces declared declares responded responds replied replies acknowledged acknowledges
recalled recalls suggested suggests testified testifies tweeted tweets
""".split()
)
DETERMINERS = frozenset(
    """
a an the this that these those another some several many two three four five both few all most
other each every any no one his her their its our my your such
""".split()
)
ORG_CONNECTORS = frozenset("of for and & on to".split())
ABBREVIATIONS = frozenset(
    """
mr mrs ms dr sen rep gov gen lt col maj adm sgt capt cmdr cpl pvt rev prof pres sec atty supt det
insp amb st jr sr inc corp co ltd no vs etc fr mt ft jan feb mar apr jun jul aug sep sept oct nov
dec ave blvd dept univ assn bros gov't a.m p.m u.s u.k u.n d.c e.g i.e
""".split()
)

# Combining marks belong to the letter before them: text in Unicode's decomposed form (NFD, as some
# systems save it) writes "é" as "e" + U+0301, which \w does not match.
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTERS = rf"[^\W_]+(?:[{_COMBINING}]+[^\W_]*)*"  # unrolled: as fast as plain [^\W_]+ on composed text
_WORD = re.compile(rf"{_LETTERS}(?:[’'\-.&]{_LETTERS})*|''|[^\w\s]", re.UNICODE)
_POSSESSIVE = re.compile(r"(?<=\w)[’']s$|(?<=s)[’']$")


def initials(words: Iterable[str]) -> str:
    """ "fbi" for "federal bureau of investigation", "wsis" for "world summit on the information society",
    "cpj" for "committee to protect journalists": the words that join a name's parts have no letter."""
    return "".join(w[0] for w in words if w not in ORG_CONNECTORS and w != "the")


def looks_plural(word: str) -> bool:
    """A folded noun whose ending reads as a plural ("analysts"), not as a singular in -ss, -us or -is."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


class Token(NamedTuple):
    """A word or a punctuation mark with its offsets (a named tuple: an article makes thousands, and a
    frozen dataclass costs several times as much to build)."""

    text: str
    start: int
    end: int

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class NameChunk:
    """A run of capitalised words naming someone or something, e.g. "Army Gen. Mark Milley"."""

    start: int  # the whole chunk, title included
    end: int
    words: tuple[str, ...]
    parsed: ParsedName
    sentence: int
    possessive: bool  # followed by 's
    after_preposition: bool  # object of a preposition ("in Poland", "to Milley")
    in_quote: bool
    subject: bool  # first name of its sentence or next to a reporting verb

    @property
    def kind(self) -> str:
        return self.parsed.kind

    @property
    def names_person(self) -> bool:
        """Surely a person: read as one from a title or a known first name, or a name of two words or more."""
        return self.kind == "person" and (self.parsed.confident or len(self.parsed.name) >= 2)


@dataclass
class Article:
    """An article read once: everything the resolver asks about positions."""

    document: Document
    tokens: list[Token]
    token_starts: list[int]
    sentence_starts: list[int]  # char offsets of sentence starts, sorted
    paragraph_starts: list[int]
    chunks: list[NameChunk] = field(default_factory=list)
    appositions: dict[int, list[str]] = field(default_factory=dict)  # chunk start -> descriptions
    copulas: dict[int, list[str]] = field(default_factory=dict)  # chunk start -> "the ..." after is/was
    # The chunks' starts and ends, for bisection: chunks are sorted and never overlap (chunks.py, ner.py),
    # so both lists are sorted and a lookup by position costs a log, not a scan of every chunk.
    chunk_starts: list[int] = field(default_factory=list)
    chunk_ends: list[int] = field(default_factory=list)
    _surnames: frozenset[str] | None = None  # person_surnames, found once

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    def sentence_end(self, sentence: int) -> int:
        """Where sentence ends: the next one's start, or the text's end after the last."""
        following = sentence + 1
        return self.sentence_starts[following] if following < len(self.sentence_starts) else len(self.text)

    def opens_sentence(self, pos: int) -> bool:
        return self.sentence_starts[self.sentence_of(pos)] == pos if self.sentence_starts else False

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, pos) - 1)

    def paragraph_span(self, index: int) -> tuple[int, int]:
        return self.document.paragraphs[index]

    @property
    def text(self) -> str:
        return self.document.text

    def in_quote(self, pos: int) -> bool:
        return self.document.in_quote(pos)

    def token_index(self, pos: int) -> int:
        """Index of the first token that starts at or after pos."""
        return bisect.bisect_left(self.token_starts, pos)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        return self.tokens[self.token_index(start) : self.token_index(end)]

    def index_chunks(self) -> None:
        """Called once the chunks are final (read_article)."""
        self.chunk_starts = [c.start for c in self.chunks]
        self.chunk_ends = [c.end for c in self.chunks]

    def person_surnames(self) -> frozenset[str]:
        """The folded surnames of the people the article names with a first name ("Bernie Sanders"): a
        capitalised word that is one of them names that person, even where it could be a common noun
        opening a sentence ("Sanders started") or the name scan skipped it (a headline)."""
        if self._surnames is None:
            self._surnames = frozenset(
                fold(c.parsed.last) for c in self.chunks if c.kind == "person" and c.parsed.first and c.parsed.last
            )
        return self._surnames

    def chunks_in(self, start: int, end: int) -> list[NameChunk]:
        """The chunks that lie within [start, end)."""
        return self.chunks[bisect.bisect_left(self.chunk_starts, start) : bisect.bisect_right(self.chunk_ends, end)]

    def chunks_over(self, start: int, end: int) -> list[NameChunk]:
        """The chunks that share a character with [start, end)."""
        return self.chunks[bisect.bisect_right(self.chunk_ends, start) : bisect.bisect_left(self.chunk_starts, end)]

    def chunks_ending_in(self, start: int, end: int) -> list[NameChunk]:
        """The chunks whose end lies in [start, end], in text order."""
        return self.chunks[bisect.bisect_left(self.chunk_ends, start) : bisect.bisect_right(self.chunk_ends, end)]

    def chunks_back_from(self, pos: int) -> Iterator[NameChunk]:
        """The chunks that end at or before pos, the nearest first."""
        for k in range(bisect.bisect_right(self.chunk_ends, pos) - 1, -1, -1):
            yield self.chunks[k]

    def chunk_covering(self, start: int, end: int) -> NameChunk | None:
        """The chunk that holds all of [start, end) (start < end: a token), if any; chunks never overlap, so
        at most one does."""
        k = bisect.bisect_right(self.chunk_starts, start) - 1
        return self.chunks[k] if k >= 0 and end <= self.chunk_ends[k] else None


def tokenize(text: str) -> list[Token]:
    """Words, abbreviations with their period, possessive 's apart, punctuation one by one."""
    tokens: list[Token] = []
    for m in _WORD.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        if tokens and start < tokens[-1].end:  # the period an abbreviation took
            continue
        if word[0].isalnum():
            poss = _POSSESSIVE.search(word) if "'" in word or "’" in word else None
            if poss and poss.start() > 0:
                tokens.append(Token(word[: poss.start()], start, start + poss.start()))
                tokens.append(Token(word[poss.start() :], start + poss.start(), end))
                continue
            if (
                end < len(text)
                and text[end] == "."
                and ((fold(word) in ABBREVIATIONS and not word[1:].isupper()) or is_initial(word) or "." in word)
            ):  # "FT." ends a sentence: an acronym is not the abbreviation "ft."
                word, end = word + ".", end + 1
        tokens.append(Token(word, start, end))
    return tokens


def sentence_starts(tokens: list[Token], paragraph_starts: list[int]) -> list[int]:
    starts = set(paragraph_starts)
    for i, tok in enumerate(tokens[:-1]):
        if tok.text not in SENTENCE_END:  # exact: a punctuation token is one character, or two straight quotes
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].text in SENTENCE_CLOSERS and tokens[j].text:
            j += 1
        if j < len(tokens):
            nxt = tokens[j].text
            if nxt[0].isupper() or nxt[0].isdigit() or nxt.startswith(OPENING_MARKS):
                starts.add(tokens[j].start)
    return sorted(starts)
