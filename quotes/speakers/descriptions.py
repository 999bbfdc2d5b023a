"""How a description ("the 61-year-old actor", "Two officials", "The Hill report") is compared with what
an article has said of its entities, and how an unnamed source's label is written."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .article import PREPOSITIONS
from .names import HONORIFIC_GENDER, POST_NOMINALS, fold, is_demonym, is_nationality_noun

_DOCUMENTS = """
report statement commentary letter memo op-ed column article piece tweet post study analysis survey
poll ad advertisement video book editorial document website release filing lawsuit suit complaint
email e-mail interview transcript research findings figures data ruling statistics results advert guidance
""".split()
DOCUMENT_HEADS = frozenset(_DOCUMENTS + [w[:-1] + "ies" if w.endswith("y") else w + "s" for w in _DOCUMENTS])
# Documents of findings, sources in their own right ("the Hill report said"), unlike the documents
# that carry their author's voice ("his statement", "the piece"), which speak for the author.
FINDINGS_HEADS = frozenset(
    "report reports study studies analysis survey surveys poll polls research findings figures data statistics results".split()
)
# Organizations called by what they are or do ("the league", "the lender", "the regulator"; "the watchdog" for
# a regulator, "Portuguese side Vila Nova" for a team, as British papers write): heads of organizations that also
# point back to the one just named (references.ANAPHORIC_HEADS), listed once for both. Not "government",
# "council" or "party", which often mean one the article never names.
BODY_HEADS = frozenset(
    """
panel think-tank federation alliance league utility carrier operator airline retailer insurer lender supermarket
regulator watchdog side
""".split()
)
ORG_HEADS = BODY_HEADS | frozenset(
    """
company firm campaign agency department government administration committee organization
organisation network newspaper paper court council party ministry office group bureau board
commission team union university center institute foundation association coalition website
publication outlet magazine station channel bank fund service army military embassy house
pentagon city state county district country nation band label club charity consortium
""".split()
)
PERSON_HEAD_RE = re.compile(
    r"(?:man|woman|person|people|er|or|ist|ian|chief|aide|official|leader|nominee|candidate|"
    r"secretary|general|executive|attorney|judge|justice|chair|host|anchor|expert|analyst|member|"
    r"adviser|advisor|source|senator|governor|mayor|president|resident|student|agent|officer|"
    r"spokesperson|parent|republican|democrat|conservative|liberal|police|staff|consultant|assistant|"
    r"attendant|participant|applicant|immigrant|servant|lieutenant|critic|activist|economist|"
    r"lawmaker|politician|veteran|mother|father|wife|husband|daughter|son|family|couple|"
    r"billionaire|mogul|star|colleague|ally|allies|opponent|physician|doctor|senior|champion|captain|"
    r"boss|head|icon|legend|rival|holder|deputy|minister|chancellor|secretary|sister|brother|employee|surgeon|"
    r"coach|"
    # family and neighbourhood words the tabloid and local press call people by ("the dad of three",
    # "Her neighbour", "One close friend"); "neighbour" is the British spelling "or" above misses
    r"dad|mum|mom|neighbour|friend|"
    # "A paramedic in the Midlands": no ending above says medic
    r"medic)s?$"
    # an age standing for the person ("the 71-year-old said")
    r"|^\d{1,3}-year-olds?$"
)
NOT_PERSON_HEADS = frozenset(
    """
letter paper number order matter power center water border chapter computer corner error factor
sector floor door color favor labor honor behavior mirror terror minor record poster filter
maker makers
""".split()
)
# Nouns that say neither person nor organization alone ("a car maker" may be either) but do before a name
# written straight after them ("Handset maker Orvell", "building society Midshire"): the name is the body.
NAMING_NOUNS = frozenset("maker makers society body".split())
INDEFINITE_PEOPLE = frozenset("someone somebody anyone anybody".split())  # "came from someone who said"
HEAD_GENDER = {
    w: "female"
    for w in """woman mother wife daughter sister chairwoman spokeswoman
                congresswoman businesswoman actress mum mom""".split()
}
HEAD_GENDER.update(
    {
        w: "male"
        for w in """man father husband son brother chairman spokesman
                    congressman businessman actor dad""".split()
    }
)

# Sentences back that a definite description may reach for a named person ("The minister added").
DESCRIPTION_WINDOW = 8
# Heads newsrooms use for sources they do not name: they link to a named person only when the article
# has given that person the same role ("Jo Bell, a spokeswoman ... the spokeswoman said").
ANONYMOUS_HEADS = frozenset("spokesman spokeswoman spokesperson source official aide insider representative".split())
PAIR_HEADS = frozenset("pair duo".split())  # "The pair said": the last two people named
# An honorific before a name inside a label ("Mr Blair's official spokesman" -> "Blair's ...").
HONORIFIC_BEFORE_NAME = (
    r"\b(?:" + "|".join(sorted({re.escape(h.rstrip(".").title()) for h in HONORIFIC_GENDER})) + r")\.?\s+(?=[A-Z])"
)
DETERMINER_WORDS = frozenset("the a an this that".split())  # no evidence of fit
# A prepositional phrase after an unnamed source's head that is part of its description ("officials
# in Cojedes state", "a study by the regulator", "research conducted by the EOC"), up to the verb or
# punctuation that ends it; not a relative clause ("super PACs with whom he was contending").
POSTMODIFIER = re.compile(
    r"\s+(?:[a-z]+ed\s+by|close\s+to|for|of|at|in|with|on|by|from)\s+(?!whom\b|which\b|whose\b)"
    r"(?!(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"  # "the government on Monday admitting"
    r"[^,.;:!?\"“”()—–]*?"
    r"(?=\s+(?:said|says|say|told|tell|tells|found|finds|added|adds|argue|argued|argues|claim|claimed|claims|"
    r"warned|warns|revealed|agree|agreed|believe|believes|stated|wrote|have|has|had|were|was|is|are|will|would)\b)"
)
MAX_POSTMODIFIER_WORDS = 8
# When the source spoke, not what it is: "research conducted by the EOC last year revealed".
TRAILING_TIME = re.compile(
    r"\s+(?:(?:last|this|next)\s+(?:year|week|month|spring|summer|autumn|fall|winter)|yesterday|today|"
    r"(?:on|last|this)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in\s+\d{4})$",
    re.I,
)
_AGE = re.compile(r"(\d{1,3})-year-old")


# Descriptions that stand in for a name just given rather than tell a role ("Line supervisor Gary Wainwright
# ... The 52-year-old said", "the father of two", "the Italian"): the tabloid and sports-desk way to avoid
# repeating a name, so they mean the person named last, not the most talked-about one.
_EPITHET = re.compile(
    r"^(?:the|this|that)\s+(?:\d{1,3}-year-old|(?:father|mother|dad|mum|mom)\s+of\s+"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten))$",
    re.I,
)


def is_epithet(description: str) -> bool:
    """An age, a parent of so many, a nationality: see _EPITHET."""
    words = description.split()
    # "the Dane", "the Irishman", "the New Zealander": a nationality (names.is_demonym, so not "the chairman"),
    # capitalised words before it naming the place
    if len(words) >= 2 and is_demonym(words[-1]) and all(w[:1].isupper() for w in words[1:]):
        return True
    return bool(_EPITHET.match(" ".join(words)))


def description_terms(phrases: Iterable[str]) -> set[str]:
    """Folded words of descriptions, with an age written either way ("61", "61-year-old") as its number."""
    terms = set()
    for phrase in phrases:
        for word in re.findall(r"[\w’'.-]+", phrase):
            w = fold(word)
            age = _AGE.fullmatch(w)
            terms.add(age.group(1) if age else w)
    return terms


def named_by_proper_words(analysed, label: str = "") -> bool:
    """A document the article names ("the NAO report", "Envisional reports", "research conducted by the
    EOC"), not one it only describes ("a study by the regulator", "Chinese state press reports")."""
    words = list(analysed.proper_words) + [fold(w) for w in label.split()[1:] if w[:1].isupper()]
    return any(not is_demonym(w) and w != analysed.head for w in words)


# Nouns a newsroom puts after an organization's own name to say what it is ("Variety trade magazine",
# "the Labour party"); not those naming something of its own ("the Trump campaign", "the Obama administration").
APPOSED_KIND_NOUNS = frozenset(
    "newspaper magazine paper publication broadcaster channel network station company firm group band label "
    "charity party club regulator agency bank union".split()
)


def head_class(head: str) -> str | None:
    """What a description's head noun can describe: a person, an organization or neither."""
    if head in ORG_HEADS:
        return "organization"
    if head in INDEFINITE_PEOPLE or head in POST_NOMINALS or is_nationality_noun(head):  # "the Dublin Mid-West TD"
        return "person"
    if PERSON_HEAD_RE.search(head) and head not in NOT_PERSON_HEADS and head not in DOCUMENT_HEADS:
        return "person"
    return None


def description_kind(desc: str) -> str | None:
    """What a description says its entity is, by its head noun ("platinum-selling rock group" -> organization)."""
    words = [fold(w) for w in re.findall(r"[\w’'-]+", desc)]
    for i, w in enumerate(words):
        if w in PREPOSITIONS or w in ("who", "that", "which"):  # "now working on Labour's campaign"
            words = words[:i]
            break
    return head_class(words[-1]) if words else None
