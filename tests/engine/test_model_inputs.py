"""Windows and offsets: every token is read from exactly one window, where it has context on both sides."""

import base64
import random
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.model.inputs import (
    MAX_WORD_PIECES,
    SHAPE_LOWER,
    SHAPE_OTHER,
    SHAPE_PARAGRAPH_START,
    SHAPE_TITLE,
    SHAPE_UPPER,
    WINDOW_OVERLAP,
    WINDOW_TOKENS,
    CharClasses,
    cap_word_pieces,
    char_span_to_tokens,
    encode_text,
    make_windows,
    tokenize,
    tokenize_text,
)
from quotes.model.weights import base_model_path


@pytest.fixture(scope="module")
def tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(base_model_path(), local_files_only=True)


def test_offsets_point_into_the_original_text(tokenizer):
    text = "Gen. Mark Milley said “we’ll see”.\n\nNATO agreed."
    enc = encode_text(tokenizer, text)
    pieces = [text[s:e] for s, e in enc.offsets]
    assert "".join(pieces) == "".join(text.split())  # every character but whitespace, in order, once
    assert "“" in pieces and "”" in pieces


def test_shapes_keep_case_and_paragraph_starts(tokenizer):
    text = "Obama said\nNATO agreed"
    enc = encode_text(tokenizer, text)
    words = {text[s:e]: int(shape) for (s, e), shape in zip(enc.offsets, enc.shapes)}
    assert words["Obama"] == SHAPE_TITLE + SHAPE_PARAGRAPH_START
    assert words["NATO"] == SHAPE_UPPER + SHAPE_PARAGRAPH_START
    assert words["said"] == 0


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=2000),
    window=st.sampled_from([16, 64, 256]),
    overlap=st.sampled_from([0, 4, 8]),
)
def test_every_token_has_one_window_and_its_own_id(n, window, overlap):
    from quotes.model.inputs import EncodedText

    ids = np.arange(100, 100 + n)
    enc = EncodedText(
        ids,
        np.stack([np.arange(n), np.arange(n) + 1], 1),
        np.zeros(n, dtype=np.int64),
        np.ones(n, dtype=bool),
        np.ones(n, dtype=bool),
    )
    w = make_windows(enc, 1, 2, 0, window_tokens=window, overlap=overlap)
    assert w.input_ids.shape[1] == window
    np.testing.assert_array_equal(w.input_ids[w.source_window, w.source_position], ids)
    # never read a token from the first or last position of a window when a better one exists
    assert (w.source_position >= 1).all() and (w.source_position <= window - 2).all()


def test_windows_prefer_central_positions():
    from quotes.model.inputs import EncodedText

    n = 100
    enc = EncodedText(
        np.arange(n),
        np.stack([np.arange(n), np.arange(n) + 1], 1),
        np.zeros(n, dtype=np.int64),
        np.ones(n, dtype=bool),
        np.ones(n, dtype=bool),
    )
    w = make_windows(enc, 1, 2, 0, window_tokens=42, overlap=20)
    # token 35 is near the end of window 0 (covering 0..39) and well inside window 1 (20..59)
    assert w.source_window[35] == 1


def test_char_span_to_tokens():
    offsets = np.array([[0, 2], [3, 7], [8, 12]])
    assert char_span_to_tokens(offsets, 3, 12) == (1, 2)
    assert char_span_to_tokens(offsets, 2, 3) is None


def _case_shape_reference(word: str) -> int:
    """The shape rule read straight off a word: the definition CharClasses.word_shapes computes in one pass."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return SHAPE_OTHER
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return SHAPE_UPPER
    return SHAPE_TITLE if letters[0].isupper() else SHAPE_LOWER


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('aZé É"“1 \n.-中ǅ😀Ⅷ')), max_size=40))
def test_word_shapes_match_the_rule_at_every_start(text):
    shapes = CharClasses(text).word_shapes(np.arange(len(text)))
    for start in range(len(text)):
        end = start
        while end < len(text) and not text[end].isspace():
            end += 1
        assert shapes[start] == _case_shape_reference(text[start:end])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_character_classes_are_pythons_own(text):
    """Any code point (astral ones and lone surrogates too) gets exactly str.isalpha/isupper/isspace/isalnum."""
    chars = CharClasses(text)
    assert chars.alpha.tolist() == [c.isalpha() for c in text]
    assert chars.upper.tolist() == [c.isupper() for c in text]
    assert chars.space.tolist() == [c.isspace() for c in text]
    assert chars.alnum.tolist() == [c.isalnum() for c in text]
    assert chars.letters_before.tolist() == [sum(c.isalpha() for c in text[:i]) for i in range(len(text) + 1)]


def assert_offsets_tile_the_text(text: str, offsets: np.ndarray) -> None:
    """Never an empty or out-of-range span, and starts and ends rising (the windows and quotations rely on it)."""
    assert (offsets[:, 0] < offsets[:, 1]).all() and (offsets[:, 0] >= 0).all() and (offsets[:, 1] <= len(text)).all()
    assert (offsets[1:, 0] >= offsets[:-1, 1]).all()


def test_a_capped_word_keeps_its_first_and_last_pieces_over_its_whole_span(tokenizer):
    # a base64 blob: its "+" and "/" split it into BERT words under 100 characters, many pieces each
    blob = base64.b64encode(random.Random(9).randbytes(3000)).decode()
    text = f"He said “yes”.\n{blob} And then: “no,” she said."
    raw = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    raw_ids, raw_offsets = np.asarray(raw["input_ids"]), np.asarray(raw["offset_mapping"])
    ids, offsets = tokenize(tokenizer, text)
    assert_offsets_tile_the_text(text, offsets)
    start, end = text.index(blob), text.index(blob) + len(blob)
    inside = (offsets[:, 0] >= start) & (offsets[:, 1] <= end)
    raw_inside = (raw_offsets[:, 0] >= start) & (raw_offsets[:, 1] <= end)
    assert inside.sum() == MAX_WORD_PIECES < raw_inside.sum()
    half = MAX_WORD_PIECES // 2
    np.testing.assert_array_equal(ids[inside][:half], raw_ids[raw_inside][:half])
    np.testing.assert_array_equal(ids[inside][half:], raw_ids[raw_inside][-half:])
    word = offsets[inside]
    assert word[0, 0] == start and word[-1, 1] == end  # the kept pieces still cover the whole word
    assert word[half, 0] == word[half - 1, 1]  # the first tail piece starts where the head ended
    # the words around it are untouched
    np.testing.assert_array_equal(ids[~inside], raw_ids[~raw_inside])
    np.testing.assert_array_equal(offsets[~inside], raw_offsets[~raw_inside])


def test_real_articles_are_not_capped(tokenizer, seed_text):
    raw = tokenizer(seed_text, add_special_tokens=False, return_offsets_mapping=True)
    ids, offsets = tokenize(tokenizer, seed_text)
    np.testing.assert_array_equal(ids, raw["input_ids"])
    np.testing.assert_array_equal(offsets, raw["offset_mapping"])
    assert make_windows(encode_text(tokenizer, seed_text), 101, 102, 0).has_letter.all()


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(["ab", "##c", "'", "“", "1", "中"]), min_size=0, max_size=60),
    spaces=st.lists(st.booleans(), min_size=60, max_size=60),
    max_pieces=st.sampled_from([2, 4, 6]),
)
def test_capping_keeps_offsets_rising_and_each_word_within_the_cap(pieces, spaces, max_pieces):
    """Synthetic subwords (one per piece, a space before some): each word keeps at most max_pieces, the kept
    pieces of a capped word still span it from its first character to its last, and no span is empty."""
    text, offsets = "", []
    for piece, space in zip(pieces, spaces):
        text += " " if space and text else ""
        offsets.append((len(text), len(text) + len(piece)))
        text += piece
    offsets = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)
    ids, kept = cap_word_pieces(text, np.arange(len(offsets)), offsets, max_pieces)
    assert_offsets_tile_the_text(text, kept)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    for start, end in words:
        in_word = (kept[:, 0] >= start) & (kept[:, 1] <= end)
        assert 1 <= in_word.sum() <= max_pieces
        assert kept[in_word][0, 0] == start and kept[in_word][-1, 1] == end


def test_a_window_without_a_letter_is_not_read(tokenizer):
    marks = "“ ” " * 400  # 800 tokens of quotation marks: three windows and more without a letter
    text = marks + "The senator said “we will not back down”."
    encoded = encode_text(tokenizer, text)
    windows = make_windows(encoded, 101, 102, 0)
    assert not windows.has_letter[0] and windows.has_letter[-1]
    letters = encoded.has_letter
    assert not letters[windows.unread].any()  # only letterless tokens go unread
    assert not windows.unread[letters].any()  # and every token with a letter is read
    body = WINDOW_TOKENS - 2
    read = np.zeros(len(encoded), dtype=bool)
    for k in np.flatnonzero(windows.has_letter):
        read[k * (body - WINDOW_OVERLAP) : k * (body - WINDOW_OVERLAP) + body] = True
    assert tokenize_text(tokenizer, text).encoder_tokens == read.sum() < len(encoded)
    assert (
        tokenize_text(tokenizer, "“ ” " * 400).encoder_tokens == 0 and tokenize_text(tokenizer, "").encoder_tokens == 0
    )


def test_the_inputs_built_from_given_tokens_are_those_built_from_the_text(tokenizer):
    """A caller that has tokenized the text (a service counting its budget) hands the tokens on: the same inputs,
    without a second tokenization; another text's tokens are refused."""
    text = "The senator said “we will not back down”.\nAnother paragraph, SHOUTED."
    tokenized = tokenize_text(tokenizer, text)
    fresh, given = encode_text(tokenizer, text, [(17, 41)]), encode_text(tokenizer, text, [(17, 41)], tokenized)
    for name in ("input_ids", "offsets", "shapes", "word_starts", "has_letter"):
        assert np.array_equal(getattr(fresh, name), getattr(given, name)), name
    with pytest.raises(ValueError, match="another text"):
        encode_text(tokenizer, text + " ", [], tokenized)
