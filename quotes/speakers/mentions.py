"""Reading an article for the speaker stage: tokens, sentences, paragraphs and the mentions of people
and organizations (name chunks, appositions, copulas), all as char offsets; what is quoted is the
Document's.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field

from ..document import Document
from ..marks import NOT_APOSTROPHES, OPENING_MARKS
from .names import (
    NAME_PARTICLES,
    ORG_WORDS,
    ParsedName,
    fold,
    is_initial,
    is_known_first_name,
    is_title_word,
    parse_name,
)

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

HEADLINE_WORDS = 20  # a first line this short, with no final period, is a headline
SENTENCE_ENDS = (".", "!", "?", "”", '"', "'")  # a line ending so is finished
_DECK = re.compile(r"[ \t]*\n[ \t]*(?=\S)[^\n]*?(?=[ \t]*(?:\n|$))")  # the next line, after a single line break
SUBJECT_REACH = 4  # a sentence's subject name starts within its first few words
PREPOSITIONS = frozenset(
    """
of for at in on from with by to about against into onto over under between among near after
before during without through toward towards behind beside like unlike including than via
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
ORG_CONNECTORS = frozenset("of for and & on".split())
ABBREVIATIONS = frozenset(
    """
mr mrs ms dr sen rep gov gen lt col maj adm sgt capt cmdr cpl pvt rev prof pres sec atty supt det
insp amb st jr sr inc corp co ltd no vs etc fr mt ft jan feb mar apr jun jul aug sep sept oct nov
dec ave blvd dept univ assn bros gov't a.m p.m u.s u.k u.n d.c e.g i.e
""".split()
)

_WORD = re.compile(r"[^\W_]+(?:[’'\-.&][^\W_]+)*|''|[^\w\s]", re.UNICODE)
_POSSESSIVE = re.compile(r"(?<=\w)[’']s$|(?<=s)[’']$")


@dataclass(frozen=True)
class Token:
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

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

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

    def chunks_in(self, start: int, end: int) -> list[NameChunk]:
        return [c for c in self.chunks if c.start >= start and c.end <= end]


def tokenize(text: str) -> list[Token]:
    """Words, abbreviations with their period, possessive 's apart, punctuation one by one."""
    tokens: list[Token] = []
    for m in _WORD.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        if tokens and start < tokens[-1].end:  # the period an abbreviation took
            continue
        if word[0].isalnum():
            poss = _POSSESSIVE.search(word)
            if poss and poss.start() > 0:
                tokens.append(Token(word[: poss.start()], start, start + poss.start()))
                tokens.append(Token(word[poss.start() :], start + poss.start(), end))
                continue
            if (
                end < len(text)
                and text[end] == "."
                and (fold(word) in ABBREVIATIONS or is_initial(word) or "." in word)
            ):
                word, end = word + ".", end + 1
        tokens.append(Token(word, start, end))
    return tokens


def _sentence_starts(tokens: list[Token], paragraph_starts: list[int]) -> list[int]:
    starts = set(paragraph_starts)
    for i, tok in enumerate(tokens[:-1]):
        if tok.text not in (".", "!", "?"):
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].text in "”\"’')]" and tokens[j].text:
            j += 1
        if j < len(tokens):
            nxt = tokens[j].text
            if nxt[0].isupper() or nxt[0].isdigit() or nxt.startswith(OPENING_MARKS):
                starts.add(tokens[j].start)
    return sorted(starts)


def _headline_end(text: str) -> int:
    """End of a headline on the first line (short, no closing punctuation) and of the lines that go on
    from it after a single line break while the line before has no closing punctuation (the deck:
    "Lawmaker urges retaliation on Russia; \nMember of House panel says ..."), or 0 when there is none."""
    first_line = text.split("\n", 1)[0].rstrip()
    if "\n" not in text or len(first_line.split()) > HEADLINE_WORDS or first_line.endswith(SENTENCE_ENDS):
        return 0
    end = len(first_line)
    while not text[:end].endswith(SENTENCE_ENDS):
        deck = _DECK.match(text, end)
        if deck is None:
            break
        end = deck.end()
    return end


def _is_title_case_line(tokens: list[Token]) -> bool:
    """Headlines in Title Case would read as one long name."""
    words = [t for t in tokens if t.text[0].isalpha()]
    if not 5 <= len(words) <= 25:
        return False
    caps = sum(1 for t in words if t.is_cap)
    return caps / len(words) >= 0.7


def _chunk_spans(article: Article, toks: list[Token], lowercase_words: set[str]) -> list[list[int]]:
    """Token index lists of capitalised runs within one sentence."""
    runs: list[list[int]] = []
    run: list[int] = []
    has_org_connector = False

    def close():
        nonlocal run, has_org_connector
        while run and (
            toks[run[-1]].text in ORG_CONNECTORS
            or fold(toks[run[-1]].text) in NAME_PARTICLES
            or fold(toks[run[-1]].text) == "the"
        ):
            run.pop()
        if run:
            runs.append(run)
        run, has_org_connector = [], False

    def shouting(k: int) -> bool:
        return 0 <= k < len(toks) and len(toks[k].text) > 1 and toks[k].text.isupper() and toks[k].text.isalpha()

    for i, tok in enumerate(toks):
        word = tok.text
        gap = article.text[toks[i - 1].end : tok.start] if i else ""
        if shouting(i) and (shouting(i - 1) or shouting(i + 1)):  # "THE BORROWING", a section header
            close()
            continue
        if run and ("\n\n" in gap or gap.strip()):
            close()
        if tok.is_cap and word[0].isalpha():
            if word == "I":
                close()
                continue
            if (
                not run
                and (word.istitle() or len(word) == 1)
                and (
                    fold(word) in FUNCTION_WORDS
                    or (
                        i == 0
                        and fold(word) in lowercase_words
                        and not is_title_word(word)
                        and not is_known_first_name(word)
                        and fold(word) not in NAME_PARTICLES
                    )
                )
            ):
                continue
            if not run and i > 0 and toks[i - 1].text in NAME_PARTICLES and not (i > 1 and toks[i - 2].is_cap):
                run.append(i - 1)  # "bin Laden", "de Blasio"
            run.append(i)
            continue
        if (
            run
            and i + 1 < len(toks)
            and (
                toks[i + 1].is_cap
                or (
                    fold(toks[i + 1].text) == "the"
                    and i + 2 < len(toks)
                    and toks[i + 2].is_cap
                    and fold(word) in ("of", "for")
                )
            )
        ):
            low = fold(word)
            if low in NAME_PARTICLES:
                run.append(i)
                continue
            if low in ("of", "for") or (low == "on" and fold(toks[run[-1]].text) in ORG_WORDS):
                has_org_connector = True
                run.append(i)
                continue
            if low in ("the",) and fold(toks[run[-1]].text) in ("of", "for"):
                run.append(i)
                continue
            # "Center for Arms Control and Non-Proliferation", "Securities and Exchange Commission"
            org_ahead = any(fold(t.text) in ORG_WORDS for t in toks[i + 1 : i + 4] if t.is_cap)
            if (
                low in ("and", "&")
                and (has_org_connector or org_ahead)
                and not is_title_word(toks[i + 1].text)
                and not is_known_first_name(toks[i + 1].text)
                and not any(is_known_first_name(toks[k].text) for k in run)
            ):
                run.append(i)
                continue
        close()
    close()
    return runs


def _unshouted(word: str, written_normally: set[str]) -> str:
    """A name in capitals ("PENCE:" in a transcript) as the article writes it elsewhere ("Mike Pence");
    acronyms (FBI, NATO) never appear in lower case, so they stay as they are."""
    if len(word) > 1 and word.isupper() and word.isalpha():
        normal = word[0] + word[1:].lower()
        if normal in written_normally:
            return normal
    return word


def find_name_chunks(article: Article) -> None:
    """Fill article.chunks with the capitalised runs of every sentence, in text order."""
    text, tokens = article.text, article.tokens
    lowercase_words = {t.text for t in tokens if t.text[:1].islower()}
    written_normally = {t.text for t in tokens if t.text[:1].isupper() and not t.text.isupper()}
    bounds = article.sentence_starts + [len(text)]
    # headlines and section titles in Title Case would read as long names
    skip_paragraph = {
        p
        for p, start in enumerate(article.paragraph_starts)
        if _is_title_case_line(article.tokens_in(start, article.paragraph_span(p)[1]))
    }
    headline_end = _headline_end(text)
    for s in range(len(article.sentence_starts)):
        lo, hi = bounds[s], bounds[s + 1]
        if article.paragraph_of(lo) in skip_paragraph or lo < headline_end:
            continue
        first = article.token_index(lo)
        toks = tokens[first : article.token_index(hi)]
        # quotation marks and brackets at the start of a sentence do not make the next word mid-sentence
        lead = 0
        while lead < len(toks) and not toks[lead].text[0].isalnum():
            lead += 1
        seen_name = False
        for run in _chunk_spans(article, toks[lead:], lowercase_words):
            run = [k + lead for k in run]
            words = [_unshouted(toks[k].text, written_normally) for k in run]
            parsed = parse_name(words)
            opening = all(fold(toks[k].text) in FUNCTION_WORDS or not toks[k].text[0].isalnum() for k in range(run[0]))
            if (
                opening
                and run[-1] + 1 < len(toks)
                and toks[run[-1] + 1].text == ":"
                and len(run) > 1
                and not parsed.confident
            ):
                parsed = dataclasses.replace(parsed, kind="other")  # "The Gap Goes On: ...", a header
            start, end = toks[run[0]].start, toks[run[-1]].end
            before = toks[run[0] - 1].text if run[0] > 0 else ""
            after = toks[run[-1] + 1].text if run[-1] + 1 < len(toks) else ""
            possessive = after in ("’s", "'s", "’", "'")
            after_prep = fold(before) in PREPOSITIONS
            countable = parsed.kind in ("person", "organization", "unknown", "group")
            subject = (
                countable
                and not possessive
                and not after_prep
                and (
                    (not seen_name and run[0] - lead <= SUBJECT_REACH)
                    or fold(after) in REPORTING_VERBS
                    or fold(before) in REPORTING_VERBS
                )
            )
            seen_name = seen_name or countable
            article.chunks.append(
                NameChunk(start, end, tuple(words), parsed, s, possessive, after_prep, article.in_quote(start), subject)
            )


_APPOSITION_STOP = re.compile(
    r"^(?:who|whom|whose|which|that|and|or|but|said|says|told|according|he|she|it|they|i|we|"
    r"meanwhile|however|too|though|then|instead|also|for example|in turn|in fact|of course)\b"
)


def clean_description(desc: str) -> str | None:
    desc = desc.strip(" ,;—-–")
    desc = re.sub(r"\s+in\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$", "", desc)
    desc = re.sub(r"\s+", " ", desc)
    if not desc or len(desc.split()) > 16 or _APPOSITION_STOP.match(desc.casefold()):
        return None
    if re.fullmatch(r"[\d\s]+|[RDI]-[\w. ]+|\d+,?\s*(?:and|of)?.*\d*", desc):
        return None
    if not re.search(r"[a-z]", desc):
        return None
    return desc


# "Mark Milley, chairman of the Joint Chiefs of Staff, said": the role between commas
_APPOSITION = re.compile(
    r"\s*(?:\([^)]*\))?\s*,\s*([^,;:" + NOT_APOSTROPHES + r"()—]+?)\s*"
    r"(?:,|\.\s*$|\.”|;|—|$|(?=\s+(?:said|says|told)\b))"
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


def find_appositions(article: Article) -> None:
    """Roles given next to a name: "Mark Milley, chairman of ..., said" and "X is the senator"."""
    text = article.text
    for chunk in article.chunks:
        if chunk.kind not in ("person", "organization", "unknown") or chunk.possessive:
            continue
        sentence_end = (
            article.sentence_starts[chunk.sentence + 1]
            if chunk.sentence + 1 < len(article.sentence_starts)
            else len(text)
        )
        rest = text[chunk.end : sentence_end]
        m = _APPOSITION.match(rest)
        if m:
            desc = m.group(1)
            first_word = desc.split()[0] if desc.split() else ""
            if first_word and (first_word[0].islower() or is_title_word(first_word) or fold(first_word) in DETERMINERS):
                desc = clean_description(desc)
                if desc:
                    article.appositions.setdefault(chunk.start, []).append(desc)
        m = _WHO_LEADS.match(rest)
        if m:
            article.copulas.setdefault(chunk.start, []).append(m.group(1))
        m = _COPULA.match(rest)
        if m:
            desc = re.split(r"\s+(?:who|that|which|and|but|when|because|since|after|in)\s", m.group(1))[0]
            article.copulas.setdefault(chunk.start, []).append(desc.strip())


def role_before(article: Article, chunk: NameChunk) -> str | None:
    """A lower-case role written right before a name: "campaign manager Robby Mook"."""
    toks = article.tokens_in(article.sentence_starts[chunk.sentence], chunk.start)
    words: list[str] = []
    for tok in reversed(toks):
        w = tok.text
        if not re.fullmatch(r"[\w’'-]+", w) or fold(w) in FUNCTION_WORDS or fold(w) in DETERMINERS:
            break
        if not words and (not w[0].islower() or not ROLE_NOUN_RE.search(w)):
            break
        if words and w[0].islower() and not (MODIFIER_RE.search(w) or fold(w) in ROLE_MODIFIERS):
            break
        words.insert(0, w)
        if len(words) >= 5:
            break
    return " ".join(words) or None


ROLE_NOUN_RE = re.compile(
    r"(?:man|woman|person|er|or|ist|ant|ent|ee|ary|ian|chief|head|aide|official|leader|"
    r"nominee|candidate|secretary|general|executive|attorney|judge|justice|chair|host|anchor|"
    r"expert|analyst|member|star|owner|partner|adviser|advisor|founder|pollster|strategist)$"
)
MODIFIER_RE = re.compile(r"(?:al|ial|ary|ive|ic|ing|ed|-\w+)$")
ROLE_MODIFIERS = frozenset(
    """
senior top former chief deputy assistant acting campaign press military foreign national
general executive longtime veteran retired state federal local house senate party committee
staff research legal policy security defense communications justice police county city
""".split()
)


def read_article(document: Document) -> Article:
    text = document.text
    tokens = tokenize(text)
    paragraph_starts = list(document.paragraph_starts)
    article = Article(
        document=document,
        tokens=tokens,
        token_starts=[t.start for t in tokens],
        sentence_starts=_sentence_starts(tokens, paragraph_starts),
        paragraph_starts=paragraph_starts,
    )
    find_name_chunks(article)
    find_appositions(article)
    return article
