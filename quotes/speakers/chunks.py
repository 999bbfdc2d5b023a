"""Name chunks: the runs of capitalised words of each sentence that name someone or something
("Army Gen. Mark Milley"), with what the sentence says about them (subject, possessive, quoted).
"""

from __future__ import annotations

import dataclasses
import re

from ..marks import SENTENCE_END
from .article import FUNCTION_WORDS, ORG_CONNECTORS, PREPOSITIONS, REPORTING_VERBS, Article, NameChunk, Token, initials
from .descriptions import head_class
from .names import (
    ACRONYM,
    GROUP_NAMES,
    NAME_PARTICLES,
    ORG_WORDS,
    PLACES,
    POST_NOMINALS,
    ParsedName,
    fold,
    is_demonym,
    is_known_first_name,
    is_title_word,
    parse_name,
)

HEADLINE_WORDS = 20  # a first line this short, with no final period, is a headline
# A line ending so is finished: a sentence end, or a closing quote mark (a quote closes after its period)
LINE_ENDS = (*SENTENCE_END, "”", '"', "'")
_DECK = re.compile(r"[ \t]*\n[ \t]*(?=\S)[^\n]*?(?=[ \t]*(?:\n|$))")  # the next line, after a single line break
SUBJECT_REACH = 4  # a sentence's subject name starts within its first few words
SPELT_OUT_LETTERS = 3  # the fewest letters of an acronym ("WSIS", "U.N.E.P.") that _spelt_out checks names against
_SPELT_OUT_JOINS = ORG_CONNECTORS | {"the"}  # the words between a spelt-out name's capitalised ones
# Words that head organizations' names going on with "to" ("Committee to Protect Bloggers", "Campaign to End
# Loneliness"); after any other organization word "to" starts a destination ("the Senate to Congress")
TO_NAME_HEADS = frozenset(
    "committee campaign coalition alliance foundation society league movement fund council".split()
)
# Role words that are also common surnames ("Archer Daniels Midland", "Walker Books"): opening a sentence they
# start a name unless a known first name follows. The word list of first names is too small to ask that of
# every role ("Solicitor Hamish Orrell", "Historian Ada Frane" open with names it lacks).
ROLE_LIKE_SURNAMES = frozenset(
    """archer baker barber bowman brewer butler carpenter carter chandler collier cooper draper farmer fisher
fletcher forester fowler gardener glover hunter mason miller painter parker porter potter sawyer singer skinner
slater spencer tanner taylor thatcher tucker turner walker weaver webster wheeler""".split()
)
# Last words of things named with "the" that are no organization: plans, laws, events ("the Clean Power Plan").
NAMED_THINGS = frozenset(
    """plan act bill treaty accord agreement program programme initiative strategy deal law rule rules report
review summit games cup prize award awards war marathon festival championship championships""".split()
)
COUNTABLE_KINDS = ("person", "organization", "unknown", "group")  # kinds that can be a sentence's subject


def _headline_end(text: str) -> int:
    """End of a headline on the first line (short, no closing punctuation) and of the lines that go on
    from it after a single line break while the line before has no closing punctuation (the deck:
    "Lawmaker urges retaliation on Russia; \nMember of House panel says ..."), or 0 when there is none."""
    first_line = text.split("\n", 1)[0].rstrip()
    if "\n" not in text or len(first_line.split()) > HEADLINE_WORDS or first_line.endswith(LINE_ENDS):
        return 0
    end = len(first_line)
    while not text[:end].endswith(LINE_ENDS):
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


def _chunk_spans(
    article: Article, toks: list[Token], lowercase_words: set[str], acronyms: frozenset[str]
) -> list[list[int]]:
    """Token index lists of capitalised runs within one sentence (acronyms: the article's, for _spelt_out)."""
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
                        and not (  # "Water UK": a name goes on with a word never written in lower case
                            i + 1 < len(toks)
                            and toks[i + 1].is_cap
                            and toks[i + 1].text[0].isalpha()
                            and fold(toks[i + 1].text) not in lowercase_words
                        )
                        and not is_title_word(word)
                        and not is_known_first_name(word)
                        and fold(word) not in NAME_PARTICLES
                    )
                    or (i == 0 and _role_opening(toks, word))
                )
            ):
                continue
            if not run and i > 0 and toks[i - 1].text in NAME_PARTICLES and not (i > 1 and toks[i - 2].is_cap):
                run.append(i - 1)  # "bin Laden", "de Blasio"
            run.append(i)
            continue
        spelt_out = None  # _spelt_out's answer for this word, asked at most once
        if (
            run
            and i + 1 < len(toks)
            and (
                toks[i + 1].is_cap
                or (
                    fold(toks[i + 1].text) == "the"
                    and i + 2 < len(toks)
                    and toks[i + 2].is_cap
                    and (fold(word) in ("of", "for") or (spelt_out := _spelt_out(toks, run, i, acronyms)))
                )
            )
        ):
            low = fold(word)
            if low in NAME_PARTICLES:
                run.append(i)
                continue
            if word in ("'", "’") and toks[i - 1].text.endswith("s") and _possessive_in_name(toks, run, i):
                run.append(i)  # "Vale Ratepayers' Association": a plural possessive inside the name
                continue
            if word in ("'s", "’s") and _singular_possessive_in_name(toks, run, i):
                run.append(i)  # "The Director's Forum"
                continue
            if low in ("of", "for") and _is_personal_name(toks, run):
                close()  # "Anna Kovacs of the Vienna Policy Forum": the affiliation is not the name
                continue
            if word == "&" and toks[i + 1].text[0].isalpha():
                run.append(i)  # "Marks & Spencer", "Langlands & Bell": newsrooms write "&" only inside names
                continue
            if low in ("and", "&") and _title_ahead(article, toks, i, run, lowercase_words):
                run.append(i)  # "Housing and Sport Secretary Helen Marsh": one title, one person
                continue
            # "Committee on Climate Change" after an organization word; "Committee to Protect Journalists" only
            # after a word that heads such names, and never "from the Senate to Congress" (a move, two names)
            if spelt_out is None and low in ("on", "to"):  # "World Summit on the ..."
                spelt_out = _spelt_out(toks, run, i, acronyms)
            joins_on = low == "on" and (fold(toks[run[-1]].text) in ORG_WORDS or spelt_out)
            joins_to = (
                low == "to" and (fold(toks[run[-1]].text) in TO_NAME_HEADS or spelt_out) and not _after_from(toks, run)
            )
            if low in ("of", "for") or joins_on or joins_to:
                has_org_connector = True
                run.append(i)
                continue
            if low in ("the",) and fold(toks[run[-1]].text) in ("of", "for", "on", "to"):
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


def _spelt_out(toks: list[Token], run: list[int], i: int, acronyms: frozenset[str]) -> bool:
    """ "World Summit on the Information Society" where the article also writes "WSIS": a name that goes on
    after "on" or "to" when its capitalised words' initials are an acronym the article uses."""
    if not acronyms:
        return False
    k = i + 1
    if k < len(toks) and fold(toks[k].text) == "the":
        k += 1
    after: list[str] = []
    while k < len(toks):
        if toks[k].is_cap and toks[k].text[0].isalpha():
            after.append(toks[k].text)
        elif not (fold(toks[k].text) in _SPELT_OUT_JOINS and k + 1 < len(toks) and toks[k + 1].is_cap):
            break
        k += 1
    # The written words, so the capitalised ones: a particle ("de") has no letter in an acronym either
    words = [toks[j].text for j in run if toks[j].is_cap] + after
    return bool(after) and initials(words).upper() in acronyms


def _after_from(toks: list[Token], run: list[int]) -> bool:
    """ "from (the) Senate to Congress": a run that a "from" opens, so that its "to" names where to."""
    k = run[0] - 1
    if k >= 0 and fold(toks[k].text) == "the":
        k -= 1
    return k >= 0 and fold(toks[k].text) == "from"


def _role_opening(toks: list[Token], word: str) -> bool:
    """ "Solicitor Gareth Pierce said": a person's role noun opening the sentence before a full name is
    capitalised only because it opens it; titles ("President") are the title rules' business. A role word
    that is also a common surname needs a known first name after it: "Archer Daniels Midland said" is a
    company, "Porter Anna Kovacs said" a porter."""
    after = toks[1:3]
    return (
        head_class(fold(word)) == "person"
        and word[1:].islower()
        and not is_title_word(word)
        and not is_known_first_name(word)
        and len(after) == 2
        and all(t.is_cap and t.text[:1].isalpha() and fold(t.text) not in ORG_WORDS for t in after)
        and (fold(word) not in ROLE_LIKE_SURNAMES or is_known_first_name(after[0].text))
    )


def is_role_between(between: list[Token]) -> bool:
    """One or two lower-case words between two names, the last a person's role ("Wrexford boss Terry"): the
    first name only says whose role the second holds."""
    return (
        1 <= len(between) <= 2
        and all(t.text.isalpha() and t.text.islower() for t in between)
        and head_class(fold(between[-1].text)) == "person"
    )


def _no_personal_name(words: list[str], parsed: ParsedName) -> bool:
    """A name the rules took for a person's without a known first name, a title or an honorific, written
    after "the": people's names take no article ("The American Red Cross", "the Pacific Valley Group")."""
    return (
        parsed.kind == "person"
        and len(words) >= 2
        and fold(words[-1]) not in NAMED_THINGS
        and all(w[:1].isupper() for w in words)  # not a title with "of" in it ("Inside the World of ESPN")
        and not any(is_known_first_name(w) or (is_title_word(w) and not is_demonym(w)) for w in words)
    )


def _is_personal_name(toks: list[Token], run: list[int]) -> bool:
    """A run that already reads as a person's name ("Anna Kovacs", "Dr Rhiannon Price"), so that a
    following "of" starts an affiliation rather than continuing an organization's name."""
    words = [fold(toks[k].text) for k in run]
    if len(words) < 2 or any(w in ORG_WORDS for w in words) or all(w in PLACES for w in words):
        return False
    return not is_title_word(words[-1]) and not any(w in ("of", "for", "and", "&") for w in words)


def _title_ahead(article: Article, toks: list[Token], i: int, run: list[int], lowercase_words: set[str]) -> bool:
    """ "Housing and Sport Secretary Helen Marsh", "the Trade and Industry Secretary": "and" inside
    one title. The words before "and" must read as a portfolio, not a person ("Obama and Defense
    Secretary Ash Carter"): written in lower case somewhere in the article, or never named again."""
    if any(is_title_word(toks[k].text) or is_known_first_name(toks[k].text) for k in run):
        return False
    if not all(fold(toks[k].text) in lowercase_words or article.text.count(toks[k].text) == 1 for k in run):
        return False
    ahead = toks[i + 1 : i + 5]
    for j, tok in enumerate(ahead):
        if not tok.is_cap:
            return False
        if is_title_word(tok.text):
            return j > 0  # "Obama and Vice President Biden": a title right after "and" starts another person
    return False


def _unshouted(word: str, normal_words: set[str]) -> str:
    """A name in capitals ("PENCE:" in a transcript) as the article writes it elsewhere ("Mike Pence");
    acronyms (FBI, NATO) never appear in lower case, so they stay as they are."""
    if len(word) > 1 and word.isupper() and word.isalpha():
        cased = word[0] + word[1:].lower()
        if cased in normal_words:
            return cased
    return word


def _possessive_in_name(toks: list[Token], run: list[int], i: int) -> bool:
    """ "Vale Ratepayers' Association", "the Pensioners' Voice": a plural possessive (toks[i] its mark) inside
    an organization's name, before an organization word or, after "the", before any capitalised word; not a
    party's or a people's ("the Republicans' Senate majority", "the Germans' ...")."""
    return fold(toks[i + 1].text) in ORG_WORDS or _owner_opens_name(toks, run, toks[i - 1].text)


def _singular_possessive_in_name(toks: list[Token], run: list[int], i: int) -> bool:
    """ "The Director's Forum", "the Patient's Trust": after "the", one capitalised word's possessive (toks[i])
    before an organization word is inside that organization's name; not a place's, a people's or initials'
    ("the BBC's News Channel", "the city's Planning Committee" are the owner's)."""
    owner = toks[i - 1].text
    return (
        fold(toks[i + 1].text) in ORG_WORDS
        and fold(owner) not in PLACES
        and not ACRONYM.fullmatch(owner)
        and _owner_opens_name(toks, run, owner)
    )


def _owner_opens_name(toks: list[Token], run: list[int], owner: str) -> bool:
    """What both possessives inside a name ask of their owner: the run's one word, after "the", naming no
    people ("the Republicans'", "the Germans'" are a party's and a people's)."""
    return (
        len(run) == 1
        and run[0] > 0
        and fold(toks[run[0] - 1].text) == "the"
        and fold(owner) not in GROUP_NAMES
        and not is_demonym(owner)
    )


def find_name_chunks(article: Article) -> None:
    """Fill article.chunks with the capitalised runs of every sentence, in text order."""
    text, tokens = article.text, article.tokens
    lowercase_words = {t.text for t in tokens if t.text[:1].islower()}
    normal_words = written_normally(tokens)
    letters = (t.text.replace(".", "") for t in tokens if ACRONYM.fullmatch(t.text))
    acronyms = frozenset(a for a in letters if len(a) >= SPELT_OUT_LETTERS)
    bounds = article.sentence_starts + [len(text)]
    # headlines and section titles in Title Case would read as long names
    skip_paragraph = {
        p
        for p, start in enumerate(article.paragraph_starts)
        if _is_title_case_line(article.tokens_in(start, article.paragraph_span(p)[1]))
    }
    headline_end = _headline_end(text)
    sentences = []
    for s in range(len(article.sentence_starts)):
        lo, hi = bounds[s], bounds[s + 1]
        if article.paragraph_of(lo) in skip_paragraph or lo < headline_end:
            continue
        first = article.token_index(lo)
        toks = tokens[first : article.token_index(hi)]
        lead = opening_marks(toks)
        sentences.append((s, toks, lead, _chunk_spans(article, toks[lead:], lowercase_words, acronyms)))
    runs_written = {tuple(toks[k + lead].text for k in run) for _, toks, lead, runs in sentences for run in runs}
    for s, toks, lead, runs in sentences:
        seen_name = False
        for n, run in enumerate(runs):
            opening = fold(toks[lead].text)
            if run[0] == 0 and len(run) > 1 and (opening in lowercase_words or opening + "s" in lowercase_words):
                # "Internal Trump University records ...", "Absent Trump derides ...": a word the article writes
                # in lower case (or its plural: "Carmaker Valdano" with "carmakers"), capitalised only as it opens
                # the sentence, before a name written alone elsewhere
                if tuple(toks[k + lead].text for k in run[1:]) in runs_written:
                    run = run[1:]
            chunk = name_chunk(article, s, toks, [k + lead for k in run], lead, seen_name, normal_words)
            # "Labour's Aoife Brannigan said", "Wrexford boss Terry Gallimore said": a possessive, or a name before
            # the role that opens the next name, modifies the subject's name
            modifier = chunk.possessive or (
                n + 1 < len(runs) and is_role_between(toks[lead + run[-1] + 1 : lead + runs[n + 1][0]])
            )
            seen_name = seen_name or (chunk.kind in COUNTABLE_KINDS and not modifier)
            article.chunks.append(chunk)


def written_normally(tokens: list[Token]) -> set[str]:
    """The capitalised words an article writes in normal case somewhere: their SHOUTED form reads as these."""
    return {t.text for t in tokens if t.text[:1].isupper() and not t.text.isupper()}


def opening_marks(toks: list[Token]) -> int:
    """How many of a sentence's first tokens are marks or brackets: they do not make the next word mid-sentence."""
    lead = 0
    while lead < len(toks) and not toks[lead].text[0].isalnum():
        lead += 1
    return lead


def name_chunk(
    article: Article,
    sentence: int,
    toks: list[Token],
    run: list[int],
    lead: int,
    seen_name: bool,
    normal_words: set[str],
) -> NameChunk:
    """The chunk of the tokens run (indices into toks, the tokens of sentence number `sentence`, whose first
    `lead` are opening marks), with what the sentence says about it; seen_name: a countable name came before;
    normal_words: written_normally(the article's tokens)."""
    words: list[str] = []
    for k in run:  # a token written onto the one before ("Ratepayers" + "'", "Director" + "'s") is part of its word
        word = _unshouted(toks[k].text, normal_words)
        if words and toks[k].start == toks[k - 1].end and toks[k].text in ("'", "’", "'s", "’s"):
            words[-1] += word
        else:
            words.append(word)
    parsed = parse_name(words)
    opening = all(fold(toks[k].text) in FUNCTION_WORDS or not toks[k].text[0].isalnum() for k in range(run[0]))
    if opening and run[-1] + 1 < len(toks) and toks[run[-1] + 1].text == ":" and len(run) > 1 and not parsed.confident:
        parsed = dataclasses.replace(parsed, kind="other")  # "The Gap Goes On: ...", a header
    start, end = toks[run[0]].start, toks[run[-1]].end
    before = toks[run[0] - 1].text if run[0] > 0 else ""
    if fold(before) in ("the", "a", "an") and fold(words[-1]) in POST_NOMINALS:
        parsed = ParsedName(tuple(words), (), "other", False, None)  # "the Dublin Mid-West TD": a role, no name
    elif fold(before) == "the" and _no_personal_name(words, parsed):
        parsed = ParsedName((), tuple(words), "organization", True, None)  # "The American Red Cross said"
    after = toks[run[-1] + 1].text if run[-1] + 1 < len(toks) else ""
    possessive = after in ("’s", "'s", "’", "'")
    after_prep = fold(before) in PREPOSITIONS
    subject = (
        parsed.kind in COUNTABLE_KINDS
        and not possessive
        and not after_prep
        and (
            (not seen_name and (run[0] - lead <= SUBJECT_REACH or before == ","))  # "Asked why, Ms. Ortega laughed"
            or fold(after) in REPORTING_VERBS
            or fold(before) in REPORTING_VERBS
        )
    )
    return NameChunk(
        start, end, tuple(words), parsed, sentence, possessive, after_prep, article.in_quote(start), subject
    )
