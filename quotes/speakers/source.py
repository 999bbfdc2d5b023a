"""What a source span is: a pronoun, a name with its role, a description, or several joined ("He and
US Secretary of Defense Lloyd Austin"), with the head word the resolver works from.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import NamedTuple

from ..document import trim
from ..marks import OPENING_MARKS
from .article import DETERMINERS, ORG_CONNECTORS, PREPOSITIONS, Article, NameChunk, Token, looks_plural
from .descriptions import APPOSED_KIND_NOUNS, DOCUMENT_HEADS, FINDINGS_HEADS, NAMING_NOUNS, head_class
from .names import (
    GROUP_NAMES,
    NAME_PARTICLES,
    NUMBER_WORDS,
    fold,
    is_demonym,
    is_known_first_name,
    is_title_word,
    parse_name,
)
from .roles import clean_description

PRONOUNS = frozenset(
    """
he him his himself she her hers herself they them their theirs themselves it its itself i me my
mine we us our ours you your yours who whom whose which that this these those
""".split()
)
_TRAILING = frozenset("all both each too also themselves himself herself alike".split())
APPOSITION_START = re.compile(r",\s+(?:who|which|whose|a|an|the|[a-z])|\s+(?:who|whom|which)\b")  # ", a", " who"
RELATIVE_PRONOUNS = frozenset("who whom whose which that".split())
POSTPOSED_ADJECTIVES = frozenset("close familiar near loyal linked opposed".split())
# "family" and "couple" are groups of people: plural ("The family say they"), never one named person
PLURAL_NOUNS = frozenset(
    "people police personnel staff men women children folks crowd public media family couple".split()
)
PLURAL_DETERMINERS = frozenset("several many some two three four five six both few these those all most other".split())
_NP_STOP = frozenset(
    """
and or but that which who whom whose is was are were be been being has have had said says say
told tells to will would could should can may might do does did not also then when while as if
because than
""".split()
)


@dataclass(frozen=True)
class SourceMention:
    """What a source span is: a pronoun, a name, a description or several of these joined."""

    form: str  # pronoun, name, nominal, joint, empty
    start: int
    end: int
    word: str = ""  # the pronoun, folded
    chunk: NameChunk | None = None  # the head name
    head: str = ""  # head noun of a description, folded
    plural: bool = False
    definite: bool = False
    words: tuple[str, ...] = ()  # folded words of a description
    descriptions: tuple[str, ...] = ()
    parts: tuple[SourceMention, ...] = ()
    owner: NameChunk | None = None  # the author of a document that speaks ("Davis' commentary")
    possessor: NameChunk | None = None  # "Obama" in "Obama's former campaign strategist"
    determiner: str = ""  # folded: "the", "a", "his", ...
    proper: bool = False  # a description with a name in it ("The Trump campaign")
    proper_words: tuple[str, ...] = ()  # its capitalised words, folded ("dnc")
    possessive: bool = False  # owned by someone ("the government's white paper"): not a pointer back


SUBJECT_WORDS = 9  # a sentence's opening noun phrase and the verb after it fall within this many tokens
# Words of _NP_STOP that a verb follows: the first word after them is no part of a noun phrase
_VERB_BEFORE = frozenset("to will would could should can may might do does did".split())


def _is_plural(head: str, determiner: str) -> bool:
    if determiner in PLURAL_DETERMINERS or head in PLURAL_NOUNS:
        return True
    if re.fullmatch(r"\d[\d,.]*%?", head) and head != "1":
        return True  # "70% of those asked", "80%": a figure standing for people is a set of them
    if head.endswith("ics") and head_class(head) != "person":
        return False  # "politics", but "critics"
    return looks_plural(head)


def _chunk_for(article: Article, toks: list[Token]) -> NameChunk | None:
    """The name chunk that covers the last of these tokens."""
    return article.chunk_covering(toks[-1].start, toks[-1].end)


def _local_chunk(article: Article, toks: list[Token]) -> NameChunk:
    """A chunk for capitalised tokens the article scan did not see as one (e.g. in a headline)."""
    words = [t.text for t in toks]
    parsed = parse_name(words)
    start, end = toks[0].start, toks[-1].end
    return NameChunk(
        start, end, tuple(words), parsed, article.sentence_of(start), False, False, article.in_quote(start), True
    )


def _common_noun_opening(article: Article, tok: Token) -> bool:
    """ "Analysts said", "Critics say", "Research ... revealed": a plural noun for people or a document,
    capitalised only because it opens its sentence, is a description, though the article never writes
    it in lower case."""
    word = fold(tok.text)
    sentence_start = article.sentence_starts[article.sentence_of(tok.start)]
    opens = not article.text[sentence_start : tok.start].strip(" \t\n" + "".join(OPENING_MARKS))
    return (
        opens
        and tok.text.istitle()
        and ((word.endswith("s") and head_class(word) == "person") or word in DOCUMENT_HEADS)
        and not is_known_first_name(tok.text)
        and word not in article.person_surnames()  # "Sanders started", after "Bernie Sanders"
    )


def _name_after_role(article: Article, toks: list[Token], first_prep: int | None) -> NameChunk | None:
    """A person's name right after a role noun at the end of a phrase with a preposition in it
    ("spokeswoman for women Sandra Gidley"); not the object of the preposition ("a spokesman for
    Hillary Clinton")."""
    if first_prep is None:
        return None
    chunk = _chunk_for(article, toks)
    if chunk is None or not chunk.names_person or chunk.end != toks[-1].end or chunk.start <= toks[first_prep].start:
        return None
    before = [t for t in toks if t.end <= chunk.start]
    if not before or fold(before[-1].text) in PREPOSITIONS | DETERMINERS or not before[-1].text[0].islower():
        return None
    return chunk


def _placed(article: Article, toks: list[Token]) -> bool:
    """ "in Washington", "at Oxford": a preposition of place and a place's name, all of the rest."""
    if len(toks) < 2 or fold(toks[0].text) not in ("in", "at"):
        return False
    place = _chunk_for(article, toks[1:])
    return place is not None and place.kind == "place" and place.start == toks[1].start and place.end == toks[-1].end


def _piece(article: Article, toks: list[Token], in_chunk) -> SourceMention:
    """One conjunct of a source: a pronoun, a name (with its role prefix) or a description."""
    start, end = toks[0].start, toks[-1].end
    if len(toks) == 1 and fold(toks[0].text) in PRONOUNS:
        return SourceMention("pronoun", start, end, word=fold(toks[0].text))
    folded = [fold(t.text) for t in toks]
    first_prep = next((i for i, t in enumerate(toks) if i > 0 and folded[i] in PREPOSITIONS and not in_chunk(t)), None)
    last = toks[-1]
    chunk = _chunk_for(article, toks)
    if chunk is not None and chunk.start < start and chunk.kind == "other":
        chunk = None
    words = [t for t in toks if t.text[0].isalpha()]
    if len(toks) == 1 and _common_noun_opening(article, toks[0]):
        return _piece_nominal(article, toks, folded, None, None, False)
    if len(words) > 1 and all(t.text.isupper() for t in words):  # "FELLOW DOCTORS", shouted
        return _piece_nominal(article, toks, folded, None, None, False)
    if first_prep is not None and toks[first_prep - 1].is_cap:
        # "Gen. X of the Army": the name before the preposition is the head
        before = _chunk_for(article, toks[:first_prep])
        if before is not None and before.kind == "organization" and not _placed(article, toks[first_prep:]):
            before = None  # "The Holocaust Memorial Museum in Washington" is named; "the Office of X" is one name
        if before is not None and before.kind in ("person", "organization") and before.start >= start:
            chunk, first_prep, last = before, None, toks[first_prep - 1]
            end = before.end
    before_chunk = [
        t for t in toks if chunk is not None and t.end <= chunk.start and t.text[0].isalpha() and fold(t.text) != "the"
    ]  # "The Caribs" is named; "skittish Democrats", "Many African-Americans" described
    described_group = (
        chunk is not None
        and chunk.kind in ("group", "other", "unknown")
        and bool(before_chunk)
        and not (
            chunk.kind == "unknown"
            and (head_class(fold(before_chunk[-1].text)) is not None or fold(before_chunk[-1].text) in NAMING_NOUNS)
        )
    )  # "skittish Democrats", but "Web tracking company Envisional" is named
    named_after_role = _name_after_role(article, toks, first_prep)
    if named_after_role is not None:
        # "Liberal Democrat spokeswoman for women Sandra Gidley": the name closes the phrase
        chunk, first_prep = named_after_role, None
    if (
        last.is_cap
        and last.text[0].isalpha()
        and first_prep is None
        and not (chunk is not None and chunk.kind == "other")
        and not described_group
    ):
        if (
            chunk is None
            and len(toks) == 1
            and fold(last.text) not in GROUP_NAMES
            and fold(last.text) not in article.person_surnames()
            and not last.text.isupper()
        ):
            # "Officials said": a capitalised word the article scan did not take for a name; but a headline's
            # "Gingrich" is the person the article names in full
            return _piece_nominal(article, toks, folded, None, None, False)
        if chunk is None:
            run: list[Token] = []
            for t in reversed(toks):
                if not (t.is_cap or (run and fold(t.text) in ORG_CONNECTORS | NAME_PARTICLES)):
                    break
                run.insert(0, t)
            chunk = _local_chunk(article, run or toks[-1:])
        if chunk.kind == "other":  # "Retired General": a title alone describes
            return _piece_nominal(article, toks, folded, first_prep, chunk, False)
        prefix = article.text[start : max(start, chunk.start)].strip()
        prefix = re.sub(r"^(?:the|a|an)(?:\s+|$)", "", prefix, flags=re.I)
        is_role = prefix and re.search(r"[a-z]", prefix) and len(prefix.split()) <= 8
        descriptions = (prefix,) if is_role else ()
        return SourceMention("name", start, end, chunk=chunk, descriptions=descriptions)
    named = None if first_prep is not None else _name_before_kind_noun(article, toks)
    if named is not None:
        name_chunk, kind_words = named
        return SourceMention("name", start, end, chunk=name_chunk, descriptions=(kind_words,))
    return _piece_nominal(article, toks, folded, first_prep, chunk, described_group)


def _name_before_kind_noun(article: Article, toks: list[Token]) -> tuple[NameChunk, str] | None:
    """ "Variety trade magazine", "Uganda's New Vision newspaper": an organization's name followed by
    lower-case words ending in a noun that says what it is names that organization; the words describe it."""
    last_cap = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].is_cap), None)
    if last_cap is None:
        return None
    tail = toks[last_cap + 1 :]
    if not 1 <= len(tail) <= 3 or not all(t.text.isalpha() and t.text.islower() for t in tail):
        return None
    if fold(tail[-1].text) not in APPOSED_KIND_NOUNS:
        return None
    chunk = _chunk_for(article, toks[: last_cap + 1])
    if chunk is None or chunk.end != toks[last_cap].end or chunk.start < toks[0].start:
        return None
    if chunk.kind not in ("organization", "unknown", "group") or chunk.possessive:
        return None
    return chunk, " ".join(t.text for t in tail)


def _piece_nominal(
    article: Article,
    toks: list[Token],
    folded: list[str],
    first_prep: int | None,
    chunk: NameChunk | None,
    described_group: bool,
) -> SourceMention:
    start, end = toks[0].start, toks[-1].end
    head_end = first_prep if first_prep is not None else len(toks)
    if first_prep is not None and head_end > 1 and folded[head_end - 1] in POSTPOSED_ADJECTIVES:
        head_end -= 1  # "a source close to the talks": the head is "source"
    made = first_prep is not None and head_end > 1 and folded[head_end - 1].endswith("ed")
    if made:
        head_end -= 1  # "a survey conducted by ...": a past participle after the head is not the head
    head_toks = [t for t in toks[:head_end] if t.text[0].isalnum()]
    head = fold(head_toks[-1].text) if head_toks else folded[-1]
    if head.endswith("-piece") and head.removesuffix("-piece") in NUMBER_WORDS:
        head = "band"  # "The four-piece said": music writing calls a band by how many play in it
    determiner = folded[0] if folded[0] in DETERMINERS else ""
    possessor = None  # "Obama's former campaign strategist", "his website"
    possessive = False
    for i, t in enumerate(toks[:head_end]):
        if t.text in ("’s", "'s", "’", "'") and i > 0:
            possessor = _chunk_for(article, toks[:i])
            # "Obama's former strategist" is definite; "A sheriff's deputy" (a deputy of some sheriff) is not
            determiner, possessive = ("the" if determiner not in ("a", "an") else determiner), True
            break
    owner = None
    if head in DOCUMENT_HEADS:
        # "Davis' commentary", "a new report by Politico": the document speaks for its author; findings
        # are their author's only when "by" says so ("research from the Royal Academy" is a source);
        # how it was made ("a survey conducted by PC Pro") names its maker, and the document stays the source
        findings = head in FINDINGS_HEADS
        for i, t in enumerate(toks):
            if t.text in ("’s", "'s", "’", "'") and 0 < i < head_end and not findings:
                owner = _chunk_for(article, toks[:i]) or owner
        linking = ("by",) if findings else ("by", "from")
        if first_prep is not None and not made and folded[first_prep] in linking and first_prep + 1 < len(toks):
            owner = _chunk_for(article, toks[first_prep + 1 :]) or owner
        if owner is not None and owner.kind in ("place", "other"):
            owner = None
    return SourceMention(
        "nominal",
        start,
        end,
        head=head,
        plural=_is_plural(head, determiner) or (chunk is not None and chunk.kind == "group" and described_group),
        definite=determiner in ("the", "this", "that", "these", "those", "his", "her", "its", "their"),
        words=tuple(w for w in folded if w.isalpha() and w not in DETERMINERS),
        owner=owner,
        possessor=possessor,
        possessive=possessive,
        determiner=determiner,
        proper=any(t.is_cap and fold(t.text) not in DETERMINERS for t in toks[:head_end]),
        proper_words=tuple(fold(t.text) for t in toks if t.is_cap and fold(t.text) not in DETERMINERS),
    )


def _is_person_name(mention: SourceMention) -> bool:
    return mention.form == "name" and mention.chunk is not None and mention.chunk.names_person


def _names_described_organization(first: SourceMention, second: SourceMention) -> bool:
    """ "Another holdout — the United Mine Workers —", "The operator, Harbour Ferries Ltd,": an organization's
    name set off after a description of something other than a person names what it describes."""
    return (
        first.form == "nominal"
        and head_class(first.head) != "person"
        and second.form == "name"
        and second.chunk is not None
        and second.chunk.kind == "organization"
    )


def _names_a_person(article: Article, mention: SourceMention) -> bool:
    """A piece that is a person's name as it stands, not a description with a name inside ("one of the
    so-called Guildford Four") nor a title whose "of" phrase the name rules took ("Secretary of State
    for the Family")."""
    if not _is_person_name(mention):
        return False
    prefix = article.text[mention.start : mention.chunk.start].split()
    return all(w[:1].isupper() for w in mention.chunk.parsed.name) and all(fold(w) in DETERMINERS for w in prefix)


def _possessive_ahead(toks: list[Token], i: int) -> bool:
    """ "Ernst and Young's Sanjay Mehta": a name with "and" (toks[i]) whose possessive says it is one owner."""
    if i == 0 or not toks[i - 1].is_cap:
        return False
    for tok in toks[i + 1 : i + 4]:
        if tok.text in ("’s", "'s"):
            return True
        if not tok.is_cap:
            return False
    return False


def _between_numbers(toks: list[Token], i: int) -> bool:
    """ "the world 200m and 400m record holder": "and" (toks[i]) joins two figures that modify one head."""
    return 0 < i < len(toks) - 1 and all(any(c.isdigit() for c in t.text) for t in (toks[i - 1], toks[i + 1]))


def _inside_title(article: Article, toks: list[Token], i: int) -> bool:
    """ "and" (toks[i]) between capitalised words of one title ("Trade and Industry Secretary"), not between a
    person and a title ("He and US Secretary of Defense Lloyd Austin", "Milley and Gen. ...")."""
    before = toks[i - 1] if i else None
    if before is None or not before.is_cap or is_title_word(before.text) or fold(before.text) in PRONOUNS:
        return False
    ending = article.chunks_ending_in(before.end, before.end)
    if any(c.kind in ("person", "unknown") and len(c.words) > 1 for c in ending):
        return False
    for tok in toks[i + 1 : i + 4]:
        if not tok.is_cap:
            return False
        if is_title_word(tok.text):
            return True
    return False


# The most words after "and" that _inside_office reads to reach the name ("current Democratic presidential nominee
# Hillary Clinton": four role words, the name's first word, and one to spare)
OFFICE_WORDS = 6


def _inside_office(article: Article, toks: list[Token], i: int) -> bool:
    """ "and" (toks[i]) between lower-case role words before one person's name ("chairman and chief executive
    Richard Parsons"; a party word among them, "his wife and current Democratic presidential nominee Hillary
    Clinton"): one office, not two speakers. A determiner after "and" starts another speaker.
    Not _noun_phrase_end: what matters is the name the role words lead to, not where a phrase ends."""
    before = toks[i - 1] if i else None
    if before is None or not before.text.islower() or head_class(fold(before.text)) != "person":
        return False
    for k, tok in enumerate(toks[i + 1 : i + 1 + OFFICE_WORDS]):
        if tok.is_cap:  # the name, after at least one role word ("the minister and John Smith" are two)
            chunk = _chunk_for(article, [tok])
            if chunk is not None and chunk.start == tok.start and chunk.names_person:
                return k > 0
            if not (is_title_word(tok.text) and is_demonym(tok.text)):
                return False
            continue  # "his wife and current Democratic presidential nominee Hillary Clinton": a party word
        if not tok.text.isalpha() or fold(tok.text) in DETERMINERS or fold(tok.text) in PRONOUNS:
            return False
    return False


def _modifiers_of_one_head(toks: list[Token], i: int) -> bool:
    """ "the state's forestry and fire protection agency", "the parks and leisure department": "and" (toks[i])
    between lower-case words that say what one body or person does, the word before it no head of its own and
    the words after it, with no determiner, closing on the head of the whole phrase ("officials and fire crews",
    "the manager and the council" are two)."""
    before = toks[i - 1] if i else None
    after = toks[i + 1 :]
    if before is None or not before.text.islower() or not before.text.isalpha():
        return False
    if head_class(fold(before.text)) is not None or not after or not all(t.text.islower() for t in after):
        return False
    if any(fold(t.text) in DETERMINERS or fold(t.text) in PRONOUNS or not t.text.isalpha() for t in after):
        return False
    return head_class(fold(after[-1].text)) is not None


def _is_dash(article: Article, tok: Token) -> bool:
    """A dash that sets off an aside ("Lord Bingham - a senior law lord - said"), typed as a spaced
    hyphen where the en or em dash is missing; a hyphen inside a word is part of the word's token, and
    one after a dateline ends the dateline."""
    text = article.text
    spaced_hyphen = (
        tok.text == "-" and 0 < tok.start and text[tok.start - 1].isspace() and text[tok.end : tok.end + 1].isspace()
    )
    if not (tok.text in ("—", "–") or spaced_hyphen):
        return False
    opening = text[article.paragraph_span(article.paragraph_of(tok.start))[0] : tok.start].strip()
    return not opening.isupper()  # "BRUSSELS - European leaders": a dateline ends there, no aside begins


def analyse_source(article: Article, start: int, end: int, allow_joint: bool = True) -> SourceMention:
    """Classify a source span and find its head: "He and US Secretary of Defense Lloyd Austin" ->
    joint; "Flynn, a top Trump surrogate," -> name Flynn + description; "a spokesman for X" -> nominal."""
    toks = [t for t in article.tokens_in(start, end) if t.end <= end]
    while toks and (
        not toks[0].text[0].isalnum() or (len(toks) > 1 and fold(toks[0].text) in PREPOSITIONS | {"according", "as"})
    ):
        toks = toks[1:]
    while toks and not toks[-1].text[0].isalnum():
        toks = toks[:-1]
    if not toks:
        return SourceMention("empty", start, end)
    start, end = toks[0].start, toks[-1].end
    if len(toks) > 1 and fold(toks[0].text) == "whose":
        # "Trump, whose attorneys argued": what "whose" owns speaks, as with "his attorneys"
        owned = _piece_nominal(article, toks[1:], [fold(t.text) for t in toks[1:]], None, None, False)
        return dataclasses.replace(owned, start=start, determiner="whose", definite=True)
    if len(toks) > 1 and fold(toks[0].text) in ("who", "whom", "whose", "which"):
        # "who presents The Weakest Link": the relative pronoun is the mention, the rest its clause
        return SourceMention("pronoun", start, toks[0].end, word=fold(toks[0].text))
    inside = article.chunks_over(start, end)

    def in_chunk(tok: Token) -> bool:
        return any(c.start <= tok.start and tok.end <= c.end for c in inside)

    # split at top-level commas and "and"; brackets and relative clauses are left out
    pieces: list[tuple[str, list[Token]]] = []
    current: list[Token] = []
    separator, depth = "", 0
    for i, tok in enumerate(toks):  # i: the "and" helpers look around it
        low = fold(tok.text)
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth = max(0, depth - 1)
        elif depth or in_chunk(tok):
            if not depth:
                current.append(tok)
        elif low in RELATIVE_PRONOUNS and current:
            break
        elif low in ("and", "&") and (
            _inside_title(article, toks, i)
            or _inside_office(article, toks, i)
            or _possessive_ahead(toks, i)
            or _between_numbers(toks, i)
            or _modifiers_of_one_head(toks, i)
        ):
            current.append(tok)  # "the Trade and Industry Secretary": one office; "Ernst and Young's"
        elif tok.text in (",", ";") or _is_dash(article, tok) or (allow_joint and low in ("and", "&")):
            if current:
                pieces.append((separator, current))
                current, separator = [], ""
            separator = "and" if low in ("and", "&") or separator == "and" else ","
        else:
            current.append(tok)
    if current:
        pieces.append((separator, current))
    pieces = [
        (sep, piece[:-1] if len(piece) > 1 and fold(piece[-1].text) in _TRAILING else piece) for sep, piece in pieces
    ]
    if not pieces:
        return SourceMention("empty", start, end)
    members = [_piece(article, pieces[0][1], in_chunk)]
    description = None
    listed = any(sep == "and" for sep, _ in pieces)
    if not listed and len(pieces) > 1 and pieces[1][0] == ",":
        second = _piece(article, pieces[1][1], in_chunk)
        first = members[0]
        if (
            (_is_person_name(second) or _names_described_organization(first, second))
            and first.form != "pronoun"
            and not _names_a_person(article, first)
        ):
            # "The shadow transport secretary, Tom Reid": the name is the head, the role its description
            role = clean_description(article.text[first.start : first.end])
            return dataclasses.replace(second, descriptions=second.descriptions + ((role,) if role else ()))
    for n, (sep, piece) in enumerate(pieces[1:], 1):
        part = _piece(article, piece, in_chunk)
        if sep == "," and (part.form == "nominal" or not listed):
            stop = next((p[0].start for s2, p in pieces[n + 1 :] if s2 == ","), None)
            text = article.text[piece[0].start : stop] if stop else article.text[piece[0].start : end]
            description = clean_description(text) if part.form == "nominal" else None
            break
        members.append(part)
    last_end = members[-1].end
    if len(members) > 1:
        first_words = [fold(t.text) for t in pieces[0][1][1:]]
        if members[0].form == "nominal" and PREPOSITIONS.intersection(first_words) and members[1].form == "name":
            # "Reports in the Wall Street Journal and the Financial Times": "and" joins the object's names
            return dataclasses.replace(members[0], end=last_end)
        if all(m.form in ("pronoun", "name") for m in members):
            return SourceMention("joint", start, last_end, parts=tuple(members))
        # "The United States and other senior leaders": one group, described
        return SourceMention(
            "nominal",
            start,
            last_end,
            head=members[-1].head or fold(members[-1].chunk.words[-1] if members[-1].chunk else ""),
            plural=True,
            words=tuple(fold(t.text) for t in toks if t.text.isalpha()),
        )
    head = members[0]
    if description:
        head = dataclasses.replace(head, descriptions=head.descriptions + (description,))
    return head


def speaker_mention(article: Article, start: int, end: int, model_span: bool) -> tuple[int, int] | None:
    """The speaker's mention made from a source span, the one place a source span is adjusted: the span
    model's loses a trailing apposition or relative clause (_cut_apposition), then any source is made whole
    where it was cut short (_complete_source). None when the cut leaves nothing but separators."""
    if model_span:
        # A gold mention keeps its apposition: the annotator's words give the source its description
        # (analyse_source); the model's run on into clauses that are not the speaker's.
        start, end = _cut_apposition(article.text, start, end)
        if start == end:
            return None
    return _complete_source(article, start, end)


def _cut_apposition(text: str, start: int, end: int) -> tuple[int, int]:
    """The speaker's own words, without a trailing apposition or relative clause: "Austin, who was also
    present" -> "Austin"; "John Tierney, executive director of ..." -> "John Tierney". A list of names
    ("Smith, Jones and Brown") is kept whole. May be empty (start == end): a source of separators only."""
    cut = APPOSITION_START.search(text, start, end)
    if cut and cut.start() > start:
        end = cut.start()
    return trim(text, start, end)


def _complete_source(article: Article, start: int, end: int) -> tuple[int, int]:
    """A source span as the span model may cut it short, made whole: widened to whole words ("business
    experts" inside "e-business experts"), past a lone article to the noun it introduces ("A" -> "A
    spokesman"), and over the "close to ..." that completes an anonymous source ("A source close to
    the talks")."""
    tokens, text = article.tokens, article.text
    first = article.token_index(start)
    if first > 0 and tokens[first - 1].end > start:
        first -= 1
    last = article.token_index(end) - 1
    if first > last:
        return start, end
    if tokens[last].end > end and text[end] in "’'":
        end_word = end  # "he" in "he'll": the pronoun, not its contraction
    else:
        end_word = tokens[last].end
    if fold(tokens[first].text) in ("a", "an", "the") and first == last:
        noun = _noun_phrase_end(tokens, last + 1, last, stops=_NP_STOP | PREPOSITIONS)  # up to its head
        if _speaker_head(fold(tokens[noun].text)):
            last, end_word = noun, tokens[noun].end
    elif (
        last + 2 < len(tokens)
        and fold(tokens[last + 1].text) in POSTPOSED_ADJECTIVES
        and fold(tokens[last + 2].text) in PREPOSITIONS
        and head_class(fold(tokens[last].text)) == "person"
    ):
        last = _noun_phrase_end(tokens, last + 3, last)
        end_word = tokens[last].end
    return min(start, tokens[first].start), max(end, end_word)


def _speaker_head(word: str) -> bool:
    """A noun that can head a source: a person, an organization or a document."""
    return head_class(word) is not None or word in DOCUMENT_HEADS


def _noun_phrase_end(
    tokens: list[Token],
    i: int,
    otherwise: int,
    longest: int = 8,
    stops: frozenset[str] = _NP_STOP,
    possessive: bool = True,
) -> int:
    """Index of the last token of the noun phrase starting at token i (``otherwise`` when there is none):
    the one forward scan of a noun phrase. possessive: whether "’s" may be inside it."""
    last = otherwise
    for k in range(i, min(len(tokens), i + longest)):
        word = tokens[k].text
        if fold(word) in stops or not (word[0].isalnum() or (possessive and word in ("’s", "'s"))):
            break
        last = k
    return last


class _PhraseScan(NamedTuple):
    """What the backward scan of noun_phrase_before read: the tokens it picked and where it stopped."""

    picked: list[Token]
    object_len: int  # tokens after the last preposition read: the phrase when no determiner opens a longer one
    head_before: Token | None  # the word before that preposition when it heads the phrase ("Senior officials in ...")
    determined: bool  # the scan stopped at a determiner, which it picked
    stop: str  # the folded word that stopped it ("" when none did)
    first: int  # the index in toks of the last token read


def _scan_back(toks: list[Token]) -> _PhraseScan:
    """Back from the relative pronoun to a determiner, a stop word or punctuation, at most 8 tokens."""
    picked: list[Token] = []
    object_len = 0
    head_before = None
    determined = False
    stop = ""
    n = 0
    for n in range(len(toks) - 1, -1, -1):
        tok = toks[n]
        low = fold(tok.text)
        if low in _NP_STOP or not (tok.text[0].isalnum() or tok.text in ("’s", "'s", "-", ".")):
            stop = low
            break
        if picked and low in PREPOSITIONS and not object_len:
            object_len = len(picked)
            before = fold(toks[n - 1].text) if n else ""
            if head_class(before) in ("person", "organization") or _is_plural(before, ""):
                head_before = toks[n - 1]
        picked.insert(0, tok)
        if low in DETERMINERS or len(picked) >= 8:
            determined = low in DETERMINERS
            break
    return _PhraseScan(picked, object_len, head_before, determined, stop, n)


def _trimmed(scan: _PhraseScan) -> list[Token]:
    """The picked tokens without what the preposition or the verb before shows is not the phrase."""
    picked = scan.picked
    if scan.object_len and not scan.determined and scan.head_before is None:
        return picked[-scan.object_len :]  # "came from someone who", but "the nominee for president, who"
    if scan.head_before is not None and scan.stop in _VERB_BEFORE and picked[0] is not scan.head_before:
        return picked[1:]  # "is likely to placate nervous Democrats on Capitol Hill, who": not "placate"
    return picked


def _people_phrase_start(toks: list[Token], determiner: int, picked: list[Token]) -> int | None:
    """ "political opponents on the left, who": a people phrase goes on over a preposition whose object can name no
    one, as "the nominee for president" does; where it starts, or None when the phrase stops at its determiner."""
    n = determiner
    if n < 2 or fold(toks[n - 1].text) not in PREPOSITIONS or toks[n - 1].end > picked[0].start:
        return None
    if head_class(fold(picked[-1].text)) is not None or head_class(fold(toks[n - 2].text)) != "person":
        return None
    k = n - 2  # back over the people phrase's modifiers, to its determiner or what comes before it
    while k > 0 and toks[k - 1].text.isalpha() and toks[k - 1].text.islower():
        low = fold(toks[k - 1].text)
        if low in _NP_STOP or low in PREPOSITIONS:
            break
        k -= 1
        if low in DETERMINERS:
            break
    return toks[k].start


def noun_phrase_before(article: Article, pos: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun at pos refers to: "the Republican nominee, who". A scan of its own,
    backwards: where the phrase starts turns on its determiner and prepositions, which _noun_phrase_end reads past."""
    sentence_start = article.sentence_starts[article.sentence_of(pos)]
    toks = article.tokens_in(sentence_start, pos)
    while toks and toks[-1].text in (",", "—", "–"):
        toks = toks[:-1]
    scan = _scan_back(toks)
    picked = _trimmed(scan)
    if not picked:
        return None
    start = _people_phrase_start(toks, scan.first, picked) if scan.determined else None
    return (picked[0].start if start is None else start), picked[-1].end


def subject_phrase(article: Article, sentence: int) -> tuple[int, int] | None:
    """The noun phrase that opens a sentence when an auxiliary or a speech verb follows it ("Iranian
    authorities have arrested ...", "Opponents say ..."), else None."""
    start = article.sentence_starts[sentence]
    toks = article.tokens_in(start, article.sentence_end(sentence))
    # No possessive: "Obama's aides say" has never been read as a subject here
    last = _noun_phrase_end(toks, 0, -1, longest=SUBJECT_WORDS, possessive=False)
    verb = last + 1  # the first token past the phrase, within the subject's reach
    if 0 < verb < min(len(toks), SUBJECT_WORDS) and fold(toks[verb].text) in _NP_STOP:
        return toks[0].start, toks[last].end
    return None
