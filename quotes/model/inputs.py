"""Text -> model inputs with offset bookkeeping: subword tokens, their character offsets, shape features
and the overlapping windows a long article is cut into.

The model is uncased, so each token also gets a small "shape" id (capitalisation, paragraph start,
inside a quotation) that gives it back what lowercasing and windowing threw away; offsets always point
into the original text.

The encoder's time goes by tokens, not characters, so two rules keep text that is dense in tokens (a run
of quotation marks, CJK without spaces, a base64 blob) near the cost of prose of its length: a word
keeps at most MAX_WORD_PIECES subwords, and a window without a letter is not encoded (runtime.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np

WINDOW_TOKENS = 256  # tokens per window, [CLS] and [SEP] included
WINDOW_OVERLAP = 64  # tokens shared by neighbouring windows; each token is read where it is most central

SHAPE_LOWER, SHAPE_TITLE, SHAPE_UPPER, SHAPE_OTHER = 0, 1, 2, 3
SHAPE_PARAGRAPH_START = 4  # added to the case id for the first token after a line break
SHAPE_IN_QUOTE = 8  # added for tokens inside a quotation (marks included), as the quotation-mark finder sees it
NUM_SHAPES = 16

# Subwords one whitespace-delimited word may contribute. The longest word of real news (an href in the
# PolNeAR articles) makes 39; a blob without spaces (base64, a hash, CJK or a run of marks) makes one per
# character or two. Such a word keeps its first and last MAX_WORD_PIECES // 2 subwords, the first of the tail
# widened back over the dropped middle, as BERT's own tokenizer makes one [UNK] of a word over 100 characters.
MAX_WORD_PIECES = 64


@dataclass(frozen=True)
class EncodedText:
    """A whole document as subword tokens, before windowing."""

    input_ids: np.ndarray  # (n,) int64
    offsets: np.ndarray  # (n, 2) int64 character offsets into the text, end exclusive
    shapes: np.ndarray  # (n,) int64 shape ids
    word_starts: np.ndarray  # (n,) bool: first subword of a whitespace/punctuation word
    has_letter: np.ndarray  # (n,) bool: the token's characters include a letter

    def __len__(self) -> int:
        return len(self.input_ids)


@dataclass(frozen=True)
class Windows:
    """Overlapping windows over an EncodedText, ready for the encoder (one batch)."""

    input_ids: np.ndarray  # (w, L) with [CLS] ... [SEP] and padding
    shapes: np.ndarray  # (w, L)
    attention_mask: np.ndarray  # (w, L)
    # For each document token: the window it is read from and its position in that window.
    source_window: np.ndarray  # (n,)
    source_position: np.ndarray  # (n,)
    # Windows with a letter in them, the only ones worth encoding: speech is words, and a window of marks,
    # punctuation or digits alone holds none. Tokens read from another window are tagged outside any span.
    has_letter: np.ndarray  # (w,) bool

    @property
    def unread(self) -> np.ndarray:
        """(n,) bool: tokens whose window is not encoded."""
        return ~self.has_letter[self.source_window]


_ALPHA, _UPPER, _SPACE, _ALNUM = 1, 2, 4, 8
_BMP = 0x10000  # code points below this are classed by table; the rest (emoji, rare CJK) one by one


def _flags_of(c: str) -> int:
    return _ALPHA * c.isalpha() | _UPPER * c.isupper() | _SPACE * c.isspace() | _ALNUM * c.isalnum()


@cache
def _bmp_flags() -> np.ndarray:
    """Python's own character classes for every code point of the Basic Multilingual Plane (once per process,
    16-29 ms here), so classing a text is one numpy lookup instead of a Python call per character."""
    return np.fromiter((_flags_of(chr(code)) for code in range(_BMP)), dtype=np.uint8, count=_BMP)


class CharClasses:
    """Which characters of a text are letters, upper case, spaces, letters or digits (str.isalpha & co, exactly),
    and prefix counts of each: "is there one in text[a:b]" is then a subtraction. Built once per text for the
    tokenizer's word cap, the case shapes and the letter test; linear, and vectorised because every article
    (up to 100,000 characters) goes through it."""

    def __init__(self, text: str):
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        flags = _bmp_flags()[np.minimum(codes, _BMP - 1)]
        for i in np.flatnonzero(codes >= _BMP):
            flags[i] = _flags_of(text[i])
        self.n = len(text)
        self.alpha = (flags & _ALPHA) > 0
        self.upper = (flags & _UPPER) > 0
        self.space = (flags & _SPACE) > 0
        self.alnum = (flags & _ALNUM) > 0
        self.newline = codes == ord("\n")

    @staticmethod
    def _before(flags: np.ndarray) -> np.ndarray:
        counts = np.zeros(len(flags) + 1, dtype=np.int64)
        np.cumsum(flags, out=counts[1:])
        return counts

    @cached_property
    def letters_before(self) -> np.ndarray:
        """(n + 1,): letters in text[:i] for every i."""
        return self._before(self.alpha)

    @cached_property
    def spaces_before(self) -> np.ndarray:
        return self._before(self.space)

    @cached_property
    def newlines_before(self) -> np.ndarray:
        return self._before(self.newline)

    def word_shapes(self, starts: np.ndarray) -> np.ndarray:
        """The case shape of ``text[start:end of its whitespace-delimited run]`` for each start, all at once: a
        token may start a "word" in the middle of a long run (punctuation, CJK, a blob without spaces), and
        scanning the rest of the run per token was quadratic.

        Shape rules: no letters -> other; more than one letter, all upper case -> upper; first letter upper
        case -> title; else lower."""
        spaces, letters = np.flatnonzero(self.space), np.flatnonzero(self.alpha)
        ends = np.append(spaces, self.n)[np.searchsorted(spaces, starts)]
        letter_count = self.letters_before[ends] - self.letters_before[starts]
        not_upper = self._before(self.alpha & ~self.upper)
        all_upper = not_upper[ends] == not_upper[starts]
        first_letter = np.append(letters, self.n)[np.searchsorted(letters, starts)]
        title = np.append(self.upper, False)[first_letter]
        return np.select(
            [letter_count == 0, (letter_count > 1) & all_upper, title],
            [SHAPE_OTHER, SHAPE_UPPER, SHAPE_TITLE],
            SHAPE_LOWER,
        )


@dataclass(frozen=True, eq=False)
class TokenizedText:
    """A text read by the tokenizer once: its character classes and subword tokens. A service counts them
    against its token budget (``encoder_tokens``) and hands them on to the engine, which builds the model's
    inputs from them rather than tokenizing again. About 34 bytes a character of prose (the classes, their prefix
    counts, the tokens with their offsets): 3.4 MB for a 100,000-character article."""

    text: str
    chars: CharClasses
    ids: np.ndarray  # (n,) int64, each word capped at MAX_WORD_PIECES
    offsets: np.ndarray  # (n, 2) int64 character offsets into the text, end exclusive

    @cached_property
    def has_letter(self) -> np.ndarray:
        """(n,) bool: whether each token's characters include a letter."""
        letters_before = self.chars.letters_before
        return letters_before[self.offsets[:, 1]] > letters_before[self.offsets[:, 0]]

    @cached_property
    def encoder_tokens(self) -> int:
        """The tokens the encoder will read (those of windows with a letter): what a token budget counts."""
        starts, body = window_starts(len(self.ids))
        read = np.zeros(len(self.ids), dtype=np.bool_)
        for s, window_has_letter in zip(starts, windows_with_letters(self.has_letter, starts, body), strict=True):
            read[s : s + body] |= window_has_letter
        return int(read.sum())


def tokenize_text(tokenizer, text: str) -> TokenizedText:
    chars = CharClasses(text)
    return TokenizedText(text, chars, *tokenize(tokenizer, text, chars))


def encode_text(
    tokenizer, text: str, quotations: list[tuple[int, int]] | None = None, tokenized: TokenizedText | None = None
) -> EncodedText:
    """The whole text as model inputs; windows are cut later from these arrays. Linear in the text.

    ``quotations``: (open_start, close_end) of the article's outer quotations; tokens inside them get
    SHAPE_IN_QUOTE, so the model sees a quote that runs over paragraphs and windows as one.
    ``tokenized``: the text's tokens when the caller has them already (else it is tokenized here).
    """
    if tokenized is None:
        tokenized = tokenize_text(tokenizer, text)
    elif tokenized.text != text:
        raise ValueError("the tokens given are another text's")
    chars, ids, offsets = tokenized.chars, tokenized.ids, tokenized.offsets
    n = len(ids)
    starts, ends = offsets[:, 0], offsets[:, 1]
    prev_end = np.zeros_like(ends)
    prev_end[1:] = ends[:-1]
    alnum = np.append(chars.alnum, False)  # index n, and -1 before the first token: an empty slice, not alnum
    # A token starts a word unless it continues the previous one with no gap, alphanumeric on both sides.
    word_starts = (starts != prev_end) | ~alnum[starts] | ~alnum[prev_end - 1]
    word_starts[:1] = True
    word_of_token = np.maximum.accumulate(np.where(word_starts, np.arange(n), 0))
    shape_at_word_start = np.zeros(n, dtype=np.int64)
    shape_at_word_start[word_starts] = chars.word_shapes(starts[word_starts])
    shapes = shape_at_word_start[word_of_token]
    after_break = chars.newlines_before[starts] > chars.newlines_before[prev_end]  # a "\n" since the last token
    after_break[:1] = True
    shapes += SHAPE_PARAGRAPH_START * after_break
    # Token starts and ends both rise through the text, so the tokens inside a quotation are one slice.
    for open_start, close_end in quotations or ():
        first = np.searchsorted(starts, open_start, side="left")
        last = np.searchsorted(ends, close_end, side="right")
        shapes[first:last] += SHAPE_IN_QUOTE
    return EncodedText(ids, offsets, shapes, word_starts, tokenized.has_letter)


def tokenize(tokenizer, text: str, chars: CharClasses | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(ids, (n, 2) character offsets) of the text's subwords, each word capped at MAX_WORD_PIECES."""
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids = np.asarray(enc["input_ids"], dtype=np.int64)
    offsets = np.asarray(enc["offset_mapping"], dtype=np.int64).reshape(-1, 2)
    return cap_word_pieces(text, ids, offsets, chars=chars)


def window_starts(n: int, window_tokens: int = WINDOW_TOKENS, overlap: int = WINDOW_OVERLAP) -> tuple[list[int], int]:
    """Where each window starts in the document's tokens, and the tokens each holds between [CLS] and [SEP]."""
    body = window_tokens - 2
    stride = body - overlap
    starts = [0]
    while starts[-1] + body < n:
        starts.append(starts[-1] + stride)
    return starts, body


def windows_with_letters(has_letter: np.ndarray, starts: list[int], body: int) -> np.ndarray:
    """(w,) bool: the windows with a letter in them, the only ones the encoder runs."""
    letters_before = np.concatenate([[0], np.cumsum(has_letter)])
    starts_array = np.asarray(starts, dtype=np.int64)
    ends = np.minimum(starts_array + body, len(has_letter))
    return letters_before[ends] > letters_before[starts_array]


def cap_word_pieces(
    text: str,
    ids: np.ndarray,
    offsets: np.ndarray,
    max_pieces: int = MAX_WORD_PIECES,
    chars: CharClasses | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Each whitespace-delimited word keeps its first and last ``max_pieces // 2`` subwords; the first kept
    one after the cut starts where the head ended, so the kept tokens still cover the whole word and the
    offsets still rise. Linear, in numpy: no word's length is scanned twice."""
    n = len(ids)
    if n <= max_pieces:
        return ids, offsets
    space_before = (chars or CharClasses(text)).spaces_before
    starts_word = np.ones(n, dtype=np.bool_)
    starts_word[1:] = space_before[offsets[1:, 0]] > space_before[offsets[:-1, 1]]
    word = np.cumsum(starts_word) - 1
    first_of_word = np.flatnonzero(starts_word)
    size = np.diff(np.append(first_of_word, n))[word]
    position = np.arange(n) - first_of_word[word]
    head = tail = max_pieces // 2
    from_end = size - 1 - position
    keep = (size <= max_pieces) | (position < head) | (from_end < tail)
    if keep.all():
        return ids, offsets
    offsets = offsets.copy()
    cut = np.flatnonzero((size > max_pieces) & (from_end == tail - 1))  # the first tail piece of a capped word
    offsets[cut, 0] = offsets[cut - (size[cut] - head - tail) - 1, 1]
    return ids[keep], offsets[keep]


def make_windows(
    encoded: EncodedText,
    cls_id: int,
    sep_id: int,
    pad_id: int,
    window_tokens: int = WINDOW_TOKENS,
    overlap: int = WINDOW_OVERLAP,
) -> Windows:
    """Cut overlapping windows; every token is assigned to the window where it sits furthest from an edge,
    so predictions never come from a token that lacks context on one side (no loss at the seams)."""
    n = len(encoded)
    starts, body = window_starts(n, window_tokens, overlap)
    w = len(starts)
    ids = np.full((w, window_tokens), pad_id, dtype=np.int64)
    shapes = np.zeros((w, window_tokens), dtype=np.int64)
    mask = np.zeros((w, window_tokens), dtype=np.int64)
    best_margin = np.full(n, -1, dtype=np.int64)
    source_window = np.zeros(n, dtype=np.int64)
    source_position = np.zeros(n, dtype=np.int64)
    for k, s in enumerate(starts):
        e = min(s + body, n)
        length = e - s
        ids[k, 0] = cls_id
        ids[k, 1 : 1 + length] = encoded.input_ids[s:e]
        ids[k, 1 + length] = sep_id
        shapes[k, 1 : 1 + length] = encoded.shapes[s:e]
        mask[k, : length + 2] = 1
        positions = np.arange(s, e)
        # Distance to the nearest window edge that cuts context; the document's own ends don't count.
        left = positions - s if s > 0 else np.full(length, window_tokens)
        right = e - 1 - positions if e < n else np.full(length, window_tokens)
        margin = np.minimum(left, right)
        better = margin > best_margin[s:e]
        best_margin[s:e] = np.where(better, margin, best_margin[s:e])
        source_window[s:e] = np.where(better, k, source_window[s:e])
        source_position[s:e] = np.where(better, positions - s + 1, source_position[s:e])
    return Windows(
        ids, shapes, mask, source_window, source_position, windows_with_letters(encoded.has_letter, starts, body)
    )


def char_span_to_tokens(offsets: np.ndarray, start: int, end: int) -> tuple[int, int] | None:
    """Token range [first, last] (inclusive) covering characters [start, end); None if no token inside."""
    inside = np.nonzero((offsets[:, 1] > start) & (offsets[:, 0] < end))[0]
    if len(inside) == 0:
        return None
    return int(inside[0]), int(inside[-1])
