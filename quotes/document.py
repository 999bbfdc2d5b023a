"""Document: an article read once, before any stage runs; the one definition of a paragraph, of the
quotation spans and of being inside a quotation, which every stage reads instead of the raw text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .marks import SENTENCE_CLOSERS, SENTENCE_END, QuotationIndex, QuoteSpan, find_quote_spans
from .types import Span

# Every character that ends a line in Python's str.splitlines(): news paragraphs are lines.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE = re.compile(f"[^{LINE_BREAKS}]+")
EDGE_CHARS = " \t\r\n,;:"  # trimmed from the edges of a reported-speech span or a speaker's mention
LEADING_CHARS = EDGE_CHARS + ".)—–-"  # a span never starts with the end of the sentence before it
# Where a sentence ends, read from the characters alone: its end mark, what closes with it, then a space. The
# speakers' Article reads its sentences from its tokens instead, where an abbreviation's period ends none.
SENTENCE_BREAK = re.compile(f"[{re.escape(SENTENCE_END)}][{re.escape(SENTENCE_CLOSERS)}]*\\s+")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without the separators at the edges (may be empty: start == end)."""
    while start < end and text[start] in LEADING_CHARS:
        start += 1
    while end > start and text[end - 1] in EDGE_CHARS:
        end -= 1
    return start, end


def find_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, whitespace trimmed."""
    paragraphs = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + len(line) - len(line.lstrip())
            paragraphs.append((start, start + len(stripped)))
    return paragraphs


@dataclass(frozen=True)
class Document:
    """The text with its paragraphs and quotations (outer and nested, sorted by start)."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    quotations: tuple[QuoteSpan, ...]
    index: QuotationIndex = field(repr=False, compare=False)
    paragraph_starts: tuple[int, ...] = field(repr=False, compare=False)

    @classmethod
    def read(cls, text: str) -> Document:
        paragraphs = find_paragraphs(text)
        quotations = find_quote_spans(text, paragraphs)
        starts = tuple(start for start, _ in paragraphs)
        return cls(text, tuple(paragraphs), tuple(quotations), QuotationIndex(quotations), starts)

    @property
    def outer_quotations(self) -> list[QuoteSpan]:
        return self.index.outer

    def in_quote(self, pos: int) -> bool:
        """Whether pos lies inside a quotation, its marks included."""
        return bool(self.index.touching(pos, pos + 1))

    def paragraph_of(self, pos: int) -> int:
        """Index of the paragraph that pos is in, or that last started before it (-1 before the first)."""
        return bisect.bisect_right(self.paragraph_starts, pos) - 1

    def sentence_start(self, pos: int) -> int:
        """Where the sentence holding pos starts: after the last sentence break before pos in its paragraph."""
        paragraph_start = self.paragraphs[max(0, self.paragraph_of(pos))][0]
        starts = [m.end() for m in SENTENCE_BREAK.finditer(self.text, paragraph_start, pos)]
        return starts[-1] if starts else paragraph_start

    def span(self, start: int, end: int) -> Span | None:
        """The answer's span of text[start:end]: a non-empty slice, or None (a span that trimming emptied)."""
        return Span.of(self.text, start, end) if start < end else None
