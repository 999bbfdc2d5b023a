"""Quotation-mark spans: the deterministic part of finding direct speech.

Pairs opening and closing marks paragraph by paragraph, telling quotation marks from apostrophes by
context, and follows the news convention for quotes that run over several paragraphs.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

# Which marks may close a quote opened by each opening mark. A mark that is not a key never opens.
# '' (two straight single quotes) stands for a double quote in some archives (the NYT's).
CLOSERS = {
    '"': ('"', "''"),
    "''": ("''", '"', "’’"),
    "‘‘": ("’’", "''", "”"),  # two curly singles for a double quote, as some archives and typesetters write it
    "“": ("”", "“"),  # “…“ is German (after „) or a sloppy English closer
    "„": ("“", "”"),
    "”": ("”",),  # Swedish/Finnish ”…”, and the common typo of ” for an opener
    "«": ("»",),
    "»": ("«",),  # Danish/German »…«
    "‹": ("›",),
    "›": ("‹",),
    "‘": ("’", "'"),
    "'": ("'", "’"),
    "‚": ("‘", "’"),
    "「": ("」",),
    "『": ("』",),
}
# Closers of another style that still close a quote when they sit right after words, in text that
# mixes straight and curly marks ("Hello,” she said). A proper closer anywhere is preferred.
SLOPPY_CLOSERS = {
    '"': ("”", "“"),
    "''": ("”", "“"),
    "“": ('"', "''"),
}
# Marks that reopen a quote at the start of the next paragraph (the quote then goes on).
CONTINUATIONS = {
    '"': ('"', "“", "''"),
    "''": ("''", '"', "“"),
    "‘‘": ("‘‘", "“", "''"),
    "“": ("“", '"', "''"),
    "„": ("„",),
    "”": ("”",),
    "«": ("«", "»"),  # French restarts a continued quote with either guillemet
    "»": ("»",),
    "‹": ("‹",),
    "›": ("›",),
    "‘": ("‘", "'"),
    "'": ("'", "‘"),
    "‚": ("‚",),
    "「": ("「",),
    "『": ("『",),
}
ALL_MARKS = sorted(set(CLOSERS).union(*CLOSERS.values()), key=len, reverse=True)  # '' before '
# The one set of quotation-mark characters the engine knows: every character a mark is made of, the
# marks that may open a quotation, and the characters that are never an apostrophe.
QUOTATION_MARK_CHARS = "".join(sorted(set("".join(ALL_MARKS))))
OPENING_MARKS = tuple(sorted(CLOSERS, key=len, reverse=True))
# Single marks double as apostrophes, so they must touch the words they quote.
TIGHT_MARKS = ("'", "‘", "’", "‚")
NOT_APOSTROPHES = "".join(c for c in QUOTATION_MARK_CHARS if c not in TIGHT_MARKS)
# Closers that may sit anywhere: they are not also apostrophes or openers in the same language.
FREE_CLOSERS = ('"', "''", "’’", "”", "«", "»", "‹", "›", "」", "』")
# An opener of one of these while the same mark is still open means the first was never closed
# (English and German do not nest a quote in the same mark).
SELF_TERMINATING = ("“", "„")
# How many marks past a reopened mark may close it and the quote around it (bounds the work per mark).
NEST_LOOKAHEAD = 16
# Straight double quotes; a paragraph reopened in the other style may be a new quote (see _continues).
STRAIGHT_DOUBLES = ('"', "''")
# Straight single quotes are mostly apostrophes: an unclosed one is dropped, not reported.
DROP_UNCLOSED = ("'",)
# Nesting beyond this is ignored; it also bounds the work per mark, keeping the scan linear.
MAX_NESTING = 3
# How far past an opening mark the quoted words must start (room for "… ", "— ", "($").
OPENER_LOOKAHEAD = 8
# Punctuation that ends a sentence: before a mark that may open the next quote on the same line, and the
# one definition the speakers' sentences, their headline rule and the Document's SENTENCE_BREAK read too.
SENTENCE_END = ".!?"
# What closes with a sentence after its end mark and still belongs to it ('He left.” Then', 'soon.) Then').
SENTENCE_CLOSERS = "”\"’')]"
# Punctuation that ends words: an "opening" mark followed by it and a space is a stray closer.
WORD_END_PUNCT = SENTENCE_END + ",;:)]}"
# Characters after which a mark can still open (`("`, `—"`, `\u202a”`): punctuation that precedes
# words, the marks themselves, and invisible direction and width marks.
INVISIBLES = "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
OPENING_PUNCT = "([{<—–-/" + "".join(ALL_MARKS) + INVISIBLES
# Words that begin with an apostrophe: 'til, 'em, rock 'n' roll, 'twas, and U.S.'s.
ELISIONS = frozenset(
    "til tis twas twere em n cause cos bout round nother cept nuff kay sup fraid neath scuse s t d ll re ve m".split()
)

# After a word, ''' is an inner ' closing before the outer '' (''She said 'no,''' he said).
_MARK_RE = re.compile(r"(?<=\S)'(?='')|" + "|".join(map(re.escape, ALL_MARKS)))
# The value of a markup attribute (<tweet id="76816" author="@AP">): its marks delimit, they do not quote.
_ATTRIBUTE_VALUE_RE = re.compile(r'(?<=[\w-]=)"[^"<>\n]*"')
_WORD_RE = re.compile(r"[^\W\d_]+")
_DECADE_RE = re.compile(r"\d\ds?(?!\w)")  # '90s, ’60
_FEET_INCHES_RE = re.compile(r"\d[’'′]\d{1,2}(?:\.\d+)?$")  # 6’2” : the ” is an inch mark


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first char of the quoted words (just after the opening mark)
    end: int  # end (exclusive) of the quoted words
    open_start: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (== end when unclosed)
    closed: bool
    depth: int  # 0 for outer quotes, 1 for a quote nested inside another, ...


@dataclass(frozen=True)
class _Token:
    pos: int
    mark: str
    can_open: bool
    can_close: bool
    after_words: bool  # right after a word and not before one: where closing marks sit
    ambiguous: bool = False  # a closer or a word-final apostrophe (students' votes)


@dataclass
class _Open:
    """A quote opened and not yet closed."""

    mark: str
    pos: int
    depth: int


def find_quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Every quotation in the text, outer and nested, sorted by start; ``paragraphs`` as Document has them
    (``Document.read(text).quotations`` is the usual way to get them)."""
    return _scan(text, paragraphs)


class QuotationIndex:
    """The quotations of one text, for finding those that touch a span in logarithmic time (an article
    may have thousands of quotes, each of them looked up)."""

    def __init__(self, spans: list[QuoteSpan]):
        self.spans = sorted(spans, key=lambda s: (s.open_start, s.depth))
        self.opens = [s.open_start for s in self.spans]
        self.outer = [s for s in self.spans if s.depth == 0]
        # Quotations inside no other: an outer one, or a nested one whose outer quote was dropped (an
        # unclosed straight single mark). Quotations nest or follow each other, so these never overlap.
        self.top: list[QuoteSpan] = []
        for s in self.spans:
            if not self.top or s.open_start >= self.top[-1].close_end:
                self.top.append(s)
        self.top_opens = [s.open_start for s in self.top]

    def touching(self, start: int, end: int) -> list[QuoteSpan]:
        """The quotations whose marks overlap [start, end), in order of their opening marks.

        A nested quotation lies inside a top one, so none that opens before the top quotation around
        ``start`` (or before ``start`` itself, when there is none) can reach it."""
        k = bisect.bisect_right(self.top_opens, start) - 1
        first = self.top[k].open_start if k >= 0 and self.top[k].close_end > start else start
        lo, hi = bisect.bisect_left(self.opens, first), bisect.bisect_left(self.opens, end)
        return [q for q in self.spans[lo:hi] if q.close_end > start]


def _opens_words(text: str, i: int, mark: str, para_end: int, loose: bool) -> bool:
    """Whether words follow the mark at i, so it can open a quote rather than end one."""
    j = i + len(mark)
    if loose:
        while j < para_end and text[j].isspace():
            j += 1
    if j >= para_end or text[j].isspace():
        return False
    if text[j] in WORD_END_PUNCT and (j + 1 >= para_end or text[j + 1].isspace()):
        return False  # ` hit “.` ends a sentence; `“...we` and `".@name` still open
    closers = CLOSERS[mark]
    for k in range(j, min(para_end, j + OPENER_LOOKAHEAD)):
        if text[k].isalnum():
            return True
        if text.startswith(closers, k):
            return False
    return False


def _is_elision(text: str, i: int) -> bool:
    """An apostrophe that starts a word: 'til, 'em, 'n', '90s."""
    if _DECADE_RE.match(text, i + 1):
        return True
    word = _WORD_RE.match(text, i + 1)
    if word is None:
        return False
    after = word.end()
    return word.group().lower() in ELISIONS and (after >= len(text) or not text[after].isalnum())


def _classify(text: str, i: int, mark: str, para_start: int, para_end: int) -> _Token:
    """What the mark at i can do, judged from the characters around it."""
    prev = text[i - 1] if i > para_start else ""
    nxt = text[i + len(mark)] if i + len(mark) < para_end else ""
    if mark in ('"', "”") and _FEET_INCHES_RE.search(text, max(para_start, i - 8), i):
        return _Token(i, mark, False, False, False)  # a height, not a quotation mark
    after_words = prev != "" and not prev.isspace() and not nxt.isalnum()
    if mark in TIGHT_MARKS:
        if prev.isalnum() and nxt.isalnum():
            return _Token(i, mark, False, False, False)  # don't, O'Brien, Russia's
        can_open = (
            mark in CLOSERS
            and not prev.isalnum()
            and _opens_words(text, i, mark, para_end, loose=False)
            and not _is_elision(text, i)
        )
        can_close = (
            mark != "‚"
            and after_words
            # the second mark of rock 'n' roll
            and not (i - 2 >= para_start and text[i - 1] in "nN" and text[i - 2] in TIGHT_MARKS)
        )
        # students' votes, rockin' all night: a closer only if no closer follows (see _tokens)
        ambiguous = can_close and prev.isalpha() and nxt.isspace()
        return _Token(i, mark, can_open, can_close, after_words, ambiguous)
    word_before = prev != "" and not prev.isspace() and prev not in OPENING_PUNCT
    can_open = mark in CLOSERS and not (word_before and (nxt == "" or nxt.isspace()))
    if mark == "”":
        can_open = can_open and not word_before and nxt.isalnum()
    else:
        can_open = can_open and _opens_words(text, i, mark, para_end, loose=True)
    # “ closes only German „…“ and sloppy “…“, right after words
    can_close = mark in FREE_CLOSERS or after_words
    return _Token(i, mark, can_open, can_close, after_words)


def _tokens(text: str, para_start: int, para_end: int) -> list[_Token]:
    """The candidate marks of one paragraph, with apostrophe ambiguity resolved."""
    markup = {i for m in _ATTRIBUTE_VALUE_RE.finditer(text, para_start, para_end) for i in (m.start(), m.end() - 1)}
    matches = (m for m in _MARK_RE.finditer(text, para_start, para_end) if m.start() not in markup)
    raw = [_classify(text, m.start(), m.group(), para_start, para_end) for m in matches]
    # Backwards: a word-final apostrophe-or-closer is an apostrophe when the next single mark
    # also closes ('the students' votes matter,' she said), and a closer when an opener comes next.
    tokens = []
    next_single_closes = False
    for token in reversed(raw):
        if token.ambiguous and next_single_closes:
            token = replace(token, can_close=False)
        if token.mark in TIGHT_MARKS and (token.can_open or token.can_close):
            next_single_closes = token.can_close
        if token.can_open or token.can_close:
            tokens.append(token)
    tokens.reverse()
    return tokens


def _closes(token: _Token, stack: list[_Open]) -> int | None:
    """Index of the open quote the token closes: a proper match first, then a sloppy one."""
    for k in reversed(range(len(stack))):
        if token.mark in CLOSERS[stack[k].mark]:
            return k
    if token.after_words:
        for k in reversed(range(len(stack))):
            if token.mark in SLOPPY_CLOSERS.get(stack[k].mark, ()):
                return k
    return None


def _span(text: str, entry: _Open, content_end: int, close_end: int | None) -> QuoteSpan | None:
    """The span of an entry with its inner whitespace trimmed; None when nothing is quoted."""
    start, end = entry.pos + len(entry.mark), content_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    closed = close_end is not None
    return QuoteSpan(start, end, entry.pos, close_end if closed else end, closed, entry.depth)


def _continues(text: str, outer: _Open, paragraph: tuple[int, int]) -> bool:
    """Whether the paragraph opens with a mark that carries the outer quote on (news convention)."""
    start, end = paragraph
    match = _MARK_RE.match(text, start, end)
    if not (
        match is not None
        and match.group() in CONTINUATIONS[outer.mark]
        and _classify(text, start, match.group(), start, end).can_open
    ):
        return False
    mark = match.group()
    if (mark in STRAIGHT_DOUBLES) == (outer.mark in STRAIGHT_DOUBLES):
        return True
    # A mark of the other style (straight after curly, or curly after straight) that is closed by its own
    # proper closer in the paragraph opens a quote of its own: `"An excerpt …` then `“A quote,” she said.`
    own_closer = CLOSERS[mark][0]
    return not any(t.mark == own_closer and t.can_close for t in _tokens(text, start, end)[1:])


def _reopens_after_lost_break(text: str, token: _Token, entry: _Open, para_start: int, following: list[_Token]) -> bool:
    """Whether a straight double mark that opens words after a sentence end (`platform. "But`) starts a
    new quote while the one before is still open: paragraphs run together (a lost line break) with the
    quote before left open, as the continued-quote convention writes it. A closer hugs its words, and
    one must follow for the new quote (else the mark is a sloppy closer: `over. "Smith said`)."""
    if not (token.mark in STRAIGHT_DOUBLES and entry.mark in STRAIGHT_DOUBLES and token.can_open):
        return False
    if not any(t.mark in STRAIGHT_DOUBLES and t.after_words for t in following):
        return False
    before = token.pos - 1
    if before < para_start or not text[before].isspace():
        return False
    while before > para_start and text[before].isspace():
        before -= 1
    first = text[token.pos + len(token.mark)]  # can_open: words follow the mark
    return text[before] in SENTENCE_END and (first.isupper() or first.isdigit())


def _nests(token: _Token, following: list[_Token]) -> bool:
    """Whether a mark opened while the same mark is open is a quote inside it after all: the marks that
    follow it in the paragraph close both (“I’d rather live in what he calls “hell” than …”)."""
    closer = CLOSERS[token.mark][0]
    inner = 1
    for t in following:
        if t.mark == closer and t.can_close:
            if inner == 0:
                return True
            inner -= 1
        elif t.mark == token.mark and t.can_open:
            inner += 1
    return False


def _scan(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """One pass over the paragraphs with a stack of open quotes."""
    spans: list[QuoteSpan] = []

    def finish(entry: _Open, content_end: int, closer: _Token | None) -> None:
        close_end = None if closer is None else closer.pos + len(closer.mark)
        span = _span(text, entry, content_end, close_end)
        if span is not None:
            spans.append(span)

    stack: list[_Open] = []
    for index, (para_start, para_end) in enumerate(paragraphs):
        tokens = _tokens(text, para_start, para_end)
        if stack:  # carried over: the first token reopens it (checked by _continues)
            tokens = tokens[1:]
        for t_index, token in enumerate(tokens):
            if len(stack) == 1 and _reopens_after_lost_break(
                text, token, stack[0], para_start, tokens[t_index + 1 : t_index + 1 + NEST_LOOKAHEAD]
            ):
                finish(stack[0], token.pos, None)
                stack.clear()
            if token.can_close:
                k = _closes(token, stack)
                if k is not None:
                    finish(stack[k], token.pos, token)
                    del stack[k:]  # quotes opened inside and never closed were apostrophes
                    continue
            if not token.can_open:
                continue
            if token.mark in SELF_TERMINATING:
                k = next((k for k, entry in enumerate(stack) if entry.mark == token.mark), None)
                if k is not None and not _nests(token, tokens[t_index + 1 : t_index + 1 + NEST_LOOKAHEAD]):
                    finish(stack[k], token.pos, None)
                    del stack[k:]
            if len(stack) < MAX_NESTING:
                stack.append(_Open(token.mark, token.pos, len(stack)))
        # Paragraph end: inner quotes never span paragraphs; the outer one may go on.
        del stack[1:]
        if not stack or (index + 1 < len(paragraphs) and _continues(text, stack[0], paragraphs[index + 1])):
            continue
        if stack[0].mark not in DROP_UNCLOSED:
            finish(stack[0], para_end, None)
        stack.clear()
    spans.sort(key=lambda s: (s.start, s.depth))
    return spans
