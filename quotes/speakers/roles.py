"""Roles given next to a name: appositions ("Mark Milley, chairman of ..., said"), copulas ("X is the
senator", "who helmed the DNC") and a role written before the name ("campaign manager Robby Mook").
"""

from __future__ import annotations

import re

from ..marks import NOT_APOSTROPHES
from .article import DETERMINERS, FUNCTION_WORDS, Article, NameChunk
from .descriptions import ORG_HEADS
from .names import fold, is_title_word

_NOT_ROLE_WORDS = FUNCTION_WORDS | DETERMINERS  # where a role written before a name stops (role_before)
_APPOSITION_STOP = re.compile(
    r"^(?:who|whom|whose|which|that|and|or|but|said|says|told|according|he|she|it|they|i|we|"
    r"meanwhile|however|too|though|then|instead|also|for example|in turn|in fact|of course)\b"
)


_PARTY = "[RDI]-"  # a US lawmaker's party letter before the state ("R-Iowa"): a tag, never a description


def clean_description(desc: str) -> str | None:
    desc = desc.strip(" ,;—-–")
    desc = re.sub(r"\s+in\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$", "", desc)
    desc = re.sub(r"\s+", " ", desc)
    if not desc or len(desc.split()) > 16 or _APPOSITION_STOP.match(desc.casefold()):
        return None
    if re.fullmatch(rf"[\d\s]+|{_PARTY}[\w. ]+|\d+,?\s*(?:and|of)?.*\d*", desc):
        return None
    if not re.search(r"[a-z]", desc):
        return None
    return desc


# "Mark Milley, chairman of the Joint Chiefs of Staff, said": the role between commas
_APPOSITION = re.compile(
    r"\s*(?:\([^)]*\))?\s*,\s*([^,;:" + NOT_APOSTROPHES + r"()—]+?)\s*"
    r"(?:,|\.\s*$|\.”|;|—|$|(?=\s+(?:said|says|told)\b))"
)
# "Anna Kovacs of the Vienna Policy Forum said": an affiliation right after a person's name
_AFFILIATION = re.compile(
    r"\s+((?:of|from)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}[A-Z][\w&’'.-]*"
    r"(?:\s+(?:(?:of|for|and|&|on|the)\s+)*[A-Z][\w&’'.-]*)*)"
)
# "Don Fowler, who helmed the DNC": what a person leads describes them too
_WHO_LEADS = re.compile(
    r"\s*,\s*who\s+((?:helmed|led|leads|heads|headed|chairs|chaired|runs|ran)"
    r"\s+[^,;:." + NOT_APOSTROPHES + r"()]+)"
)
# "Jane Roe is the spokeswoman for the agency"
_COPULA = re.compile(
    r"\s*(?:,\s*who\s+)?(?:is|was|has been|had been|became|remains|will be)\s+"
    r"((?:the|a|an)\s+[^,;:." + NOT_APOSTROPHES + r"()]+)"
)


# "Sen. Joni Ernst, R-Iowa," / "(D-N.Y.)": the party and state US copy gives a lawmaker. The state ties them to a
# place, so it is kept with the copulas (words a description may match, never shown as a description)
_PARTY_STATE = re.compile(rf"\s*[,(]\s*{_PARTY}([A-Z][\w.]*?(?:\s+[A-Z][\w.]*?)*)\s*(?:[,);]|\.?$|\.\s)")


def find_appositions(article: Article) -> None:
    """Roles given next to a name: "Mark Milley, chairman of ..., said" and "X is the senator"."""
    text = article.text
    for chunk in article.chunks:
        if chunk.kind not in ("person", "organization", "unknown") or chunk.possessive or chunk.in_quote:
            continue
        rest = text[chunk.end : article.sentence_end(chunk.sentence)]
        m = _APPOSITION.match(rest)
        if m and m.group(1).casefold().startswith("the ") and re.match(r"\s+(?:said|says|told)\b", rest[m.end() :]):
            m = None  # "... program BitTorrent, the firm said": the description says the clause, it is no role
        if chunk.kind == "person" and (tag := _PARTY_STATE.match(rest)):
            article.copulas.setdefault(chunk.start, []).append(tag.group(1))
        if m:
            desc = m.group(1)
            first_word = desc.split()[0] if desc.split() else ""
            if chunk.kind == "person" and re.fullmatch(r"\d{1,3}", desc.strip()):
                article.appositions.setdefault(chunk.start, []).append(desc.strip())  # "Bernard Quaile, 61,"
            elif first_word and (
                first_word[0].islower() or is_title_word(first_word) or fold(first_word) in DETERMINERS
            ):
                desc = clean_description(desc)
                if desc:
                    article.appositions.setdefault(chunk.start, []).append(desc)
        m = _AFFILIATION.match(rest)
        if m and chunk.kind == "person":
            article.appositions.setdefault(chunk.start, []).append(m.group(1).rstrip("."))
        m = _WHO_LEADS.match(rest)
        if m:
            article.copulas.setdefault(chunk.start, []).append(m.group(1))
        m = _COPULA.match(rest)
        if m:
            desc = re.split(r"\s+(?:who|that|which|and|but|when|because|since|after|in)\s", m.group(1))[0]
            article.copulas.setdefault(chunk.start, []).append(desc.strip())


def role_before(article: Article, chunk: NameChunk) -> str | None:
    """A lower-case role or kind written right before a name: "campaign manager Robby Mook", "web tracking
    company Envisional"."""
    toks = article.tokens_in(article.sentence_starts[chunk.sentence], chunk.start)
    if len(toks) >= 2 and toks[-1].text in ("The", "the") and fold(toks[-2].text) in ORG_HEADS:
        toks = toks[:-1]  # "Indie rock band The Lanterns": "The" belongs to the band's name
    words: list[str] = []
    for tok in reversed(toks):
        w = tok.text
        # "former" is a function word ("the former"), but before a role it is part of it ("former hurdler")
        modifier = bool(words) and fold(w) in ROLE_MODIFIERS
        if not re.fullmatch(r"[\w’'-]+", w) or (fold(w) in _NOT_ROLE_WORDS and not modifier):
            break
        # "Solicitor Gareth Pierce": a role capitalised because it opens the sentence, before a full name
        lower = w[0].islower() or (w[1:].islower() and len(chunk.words) >= 2 and article.opens_sentence(tok.start))
        if not words and (not lower or not (ROLE_NOUN_RE.search(w) or fold(w) in ORG_HEADS)):
            break  # "campaign manager Robby Mook", "investment bank Morgan Stanley"
        kind_of_organization = words and fold(words[-1]) in ORG_HEADS  # "platinum-selling rock group"
        if (
            words
            and w[0].islower()
            and not (kind_of_organization or MODIFIER_RE.search(w) or fold(w) in ROLE_MODIFIERS)
        ):
            break
        words.insert(0, w)
        if len(words) >= 5:
            break
    return " ".join(words) or None


ROLE_NOUN_RE = re.compile(
    r"(?:man|woman|person|er|or|ist|ant|ent|ee|ary|ian|chief|head|aide|official|leader|"
    r"nominee|candidate|secretary|general|executive|attorney|judge|justice|chair|host|anchor|"
    r"expert|analyst|member|star|owner|partner|adviser|advisor|founder|pollster|strategist)s?$"  # "artists Langlands & Bell"
)
MODIFIER_RE = re.compile(r"(?:al|ial|ary|ive|ic|ing|ed|-\w+)$")
ROLE_MODIFIERS = frozenset(
    """
senior top former chief deputy assistant acting campaign press military foreign national
general executive longtime veteran retired state federal local house senate party committee
staff research legal policy security defense communications justice police county city
""".split()
)
