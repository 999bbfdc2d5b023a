"""The aside stage: the source linker's span moved to the verb's subject where an aside, a prepositional phrase
or a phrase of the verb's misled it (``Jo Bell, who ran the club for years, said``; ``The plan, says BT,``;
``Parents in a town``; ``The firm said in a notice``), or to the name of an apposition left unclosed (``Ana
Ruiz, Harbour Rail Users said``)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..document import Document
from ..draft import Draft, DraftSpan
from ..speakers.names import WEEKDAYS_AND_MONTHS

# What opens an aside set off by commas between a subject and its verb: a relative pronoun, or a
# preposition ("in his ruling", "at a briefing"). A closed class: these are the words a non-restrictive
# clause or an adverbial aside starts with, and a name never does.
ASIDE_OPENER_WORDS = ("who", "whose", "whom", "which", "in", "at", "on", "during", "after", "before", "speaking")
ASIDE_OPENER = re.compile(r",\s+(?:" + "|".join(ASIDE_OPENER_WORDS) + r")\b")
MAX_SUBJECT_WORDS = 12  # a subject longer than this is more likely a clause than the speaker's noun phrase


def _last_mark_before(text: str, pos: int) -> int:
    """The offset of the last character before pos that is not a space (-1 when there is none)."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos - 1


def _without_spaces(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end]'s offsets without the white space at its edges (document.trim would drop a comma too)."""
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())


def subject_before_aside(document: Document, source: DraftSpan, cue: DraftSpan) -> tuple[int, int] | None:
    """The offsets of the subject when the source lies inside an aside that ends, with a comma, right at the
    cue (``X, who ..., said``); None otherwise."""
    text = document.text
    closing = _last_mark_before(text, cue.start)
    if closing < 0 or text[closing] != "," or not source.end <= closing + 1:
        return None  # the aside must be closed by a comma just before the verb, the source inside it
    start = document.sentence_start(source.start)
    opener = ASIDE_OPENER.search(text, start, source.start + 1)
    if opener is None or document.index.touching(start, cue.start):
        return None  # a clause with a quotation in it is not a plain subject and aside
    subject_start = text.rfind(",", start, opener.start()) + 1 or start
    subject = text[subject_start : opener.start()]
    words = subject.split()
    if not words or len(words) > MAX_SUBJECT_WORDS:
        return None
    return _without_spaces(text, subject_start, opener.start())


# Words that may open the subject after an inverted cue (", says the report,"): determiners and
# possessives; otherwise the subject is a name and opens with a capital. A closed class, as determiners are.
SUBJECT_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "one", "another", "this"})


def _opens_subject(word: str) -> bool:
    """A word a plain subject may open with: a name's capital or a determiner."""
    return word[0].isupper() or word.casefold() in SUBJECT_DETERMINERS


PARTICIPLE = re.compile(r"\w+ing\b")
MAX_INVERTED_SUBJECT_WORDS = 4  # ", says BT,", ", said the report,", ", said security firm RSA,"


def subject_after_inverted_cue(document: Document, source: DraftSpan, cue: DraftSpan) -> tuple[int, int] | None:
    """The offsets of the subject when the cue is itself an aside with the subject after its verb (``The
    plan, says BT, is ...``) and the source was taken from the words before it; None otherwise."""
    text = document.text
    opening = _last_mark_before(text, cue.start)
    if opening < 0 or text[opening] != "," or source.end > opening or not text[source.end : opening].strip():
        return None  # "X, said ..." with the source right before the comma is plain order, not an inversion
    if PARTICIPLE.search(text, cue.start, cue.end):
        return None  # '"...," Kim said, adding ...': a participle goes on with the clause before; it never inverts
    closing = text.find(",", cue.end, cue.end + 80)
    if closing < 0 or document.index.touching(source.start, closing):
        return None
    subject = text[cue.end : closing]
    words = subject.split()
    if not 0 < len(words) <= MAX_INVERTED_SUBJECT_WORDS or any(c.isdigit() or c in ".!?" for c in subject):
        return None
    if not _opens_subject(words[0]):
        return None
    return _without_spaces(text, cue.end, closing)


# The words before a source the linker cut after a preposition: the sentence's first one to three words, the
# head ("Parents", "Reports"), then the preposition that joins the source to it ("Parents in a Ceredigion
# village", "Reports in the Journal"). Prepositions are a closed class; "from" and "with" are left out, as
# they as often open a phrase of the verb's ("A lesson from ...", "We know from his ...").
HEAD_BEFORE_PREPOSITION = re.compile(r"[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,2}\s+(?:in|at|of|for)(?:\s+(?:the|a|an))?\s*")
LEADING_PREPOSITION = re.compile(r"(?:in|at|of|for)\s+")
# A sentence opened by a personal pronoun ("We know from his ...") has no head noun to complete.
PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they"})


def head_before_preposition(document: Document, source: DraftSpan, cue: DraftSpan) -> tuple[int, int] | None:
    """The subject's offsets when the source is only the prepositional phrase after the head noun that opens
    the sentence as the verb's subject (``Parents in a Ceredigion village have vowed``); None otherwise."""
    text = document.text
    if source.end > cue.start:
        return None  # only a subject before its verb
    start = document.sentence_start(source.start)
    leading = LEADING_PREPOSITION.match(text, source.start)
    head_end = leading.end() if leading else source.start
    head = HEAD_BEFORE_PREPOSITION.fullmatch(text, start, head_end)
    if head is None or text[start:head_end].split()[0].casefold() in (*ASIDE_OPENER_WORDS, *PERSONAL_PRONOUNS):
        return None
    return start, source.end


# A phrase of the verb's that names where or how it was said ("said in a customer advisory", "said at a
# briefing"): a preposition right after the cue. Prepositions are a closed class.
VERB_PHRASE_AFTER_CUE = re.compile(r"\s+(?:in|at|on|during|via|through)\s+[^,.;:!?]*")
# Words that open a subordinate clause before the verb ("As stated in the report"): a closed class.
SUBORDINATORS = frozenset({"as", "when", "if", "while", "because", "although", "though", "since", "once", "unless"})
NOT_SUBJECT_OPENERS = SUBORDINATORS | frozenset(ASIDE_OPENER_WORDS)  # "In May the firm said", "As stated in"
MAX_SUBJECT_BEFORE_CUE_WORDS = 6  # "The carrier", "Harbour Rail's board": longer is a clause, not a subject


def subject_before_verb_phrase(document: Document, source: DraftSpan, cue: DraftSpan) -> tuple[int, int] | None:
    """The subject's offsets when the source is a word in a phrase of the verb's after the cue (``The carrier
    said in a customer advisory that ...``) and a plain subject opens the sentence before the cue; None
    otherwise."""
    text = document.text
    if source.start < cue.end or not VERB_PHRASE_AFTER_CUE.fullmatch(text, cue.end, source.end):
        return None
    start = document.sentence_start(cue.start)
    subject = text[start : cue.start]
    words = subject.split()
    if not 0 < len(words) <= MAX_SUBJECT_BEFORE_CUE_WORDS or any(c in ',;:"“”' for c in subject):
        return None
    if not _opens_subject(words[0]):
        return None
    if words[0].casefold() in NOT_SUBJECT_OPENERS:
        return None  # "In May the firm said ...", "As stated in ...": an adverbial or a clause, not the subject
    return _without_spaces(text, start, cue.start)


# "Name, Organisation said": an apposition whose closing comma is missing, so the linker took the organisation
# (or place) right before the verb. Both are runs of two to four capitalised words (one alone is as likely a
# surname); the name opens the sentence. Words that
# open a capitalised adverbial instead of a name ("In Leeds, Harbour Rail said", "Last Tuesday, City Hall
# said") are a closed class: prepositions, determiners and the calendar's names.
CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}")
NOT_A_NAME_WORDS = WEEKDAYS_AND_MONTHS | frozenset(
    "in at on of by for from to with after before during since until as the a an this that these those last next "
    "early late".split()
)


def name_before_unclosed_apposition(document: Document, source: DraftSpan, cue: DraftSpan) -> tuple[int, int] | None:
    """The name's offsets when the sentence opens with a name, a comma, then the source right before the cue
    (``Ana Ruiz, Harbour Rail Users said``); None otherwise."""
    text = document.text
    if text[source.end : cue.start].strip() or not CAPITALISED_RUN.fullmatch(text, source.start, source.end):
        return None  # the source must be a capitalised run right before its verb
    start = document.sentence_start(source.start)
    comma = _last_mark_before(text, source.start)
    if comma <= start or text[comma] != ",":
        return None
    name = CAPITALISED_RUN.fullmatch(text, start, comma)
    if name is None or any(w.casefold() in NOT_A_NAME_WORDS for w in name.group().split()):
        return None
    return start, comma


def subjects_before_asides(draft: Draft) -> Draft:
    """Each quote's source moved by the first of the five rules that applies: out of an aside to the subject it
    interrupts, to the subject after a cue set off as an aside, back to the head its phrase modifies, to the
    name before an apposition left unclosed, or out of the verb's phrase to the subject."""
    out = []
    for q in draft.quotes:
        if q.source is not None and q.cue is not None:
            found = (
                subject_before_aside(draft.document, q.source, q.cue)
                or subject_after_inverted_cue(draft.document, q.source, q.cue)
                or head_before_preposition(draft.document, q.source, q.cue)
                or name_before_unclosed_apposition(draft.document, q.source, q.cue)
                or subject_before_verb_phrase(draft.document, q.source, q.cue)
            )
            if found is not None:
                q = replace(q, source=replace(q.source, start=found[0], end=found[1]))
        out.append(q)
    return draft.with_quotes(out)
