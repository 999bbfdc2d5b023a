"""Windows and offsets: every token is read from exactly one window, where it has context on both sides."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.model.inputs import (
    SHAPE_LOWER,
    SHAPE_OTHER,
    SHAPE_PARAGRAPH_START,
    SHAPE_TITLE,
    SHAPE_UPPER,
    _WordShapes,
    char_span_to_tokens,
    encode_text,
    make_windows,
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
        ids, np.stack([np.arange(n), np.arange(n) + 1], 1), np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)
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
        np.arange(n), np.stack([np.arange(n), np.arange(n) + 1], 1), np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)
    )
    w = make_windows(enc, 1, 2, 0, window_tokens=42, overlap=20)
    # token 35 is near the end of window 0 (covering 0..39) and well inside window 1 (20..59)
    assert w.source_window[35] == 1


def test_char_span_to_tokens():
    offsets = np.array([[0, 2], [3, 7], [8, 12]])
    assert char_span_to_tokens(offsets, 3, 12) == (1, 2)
    assert char_span_to_tokens(offsets, 2, 3) is None


def _case_shape_reference(word: str) -> int:
    """The shape rule read straight off a word: the definition _WordShapes computes in one pass."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return SHAPE_OTHER
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return SHAPE_UPPER
    return SHAPE_TITLE if letters[0].isupper() else SHAPE_LOWER


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('aZé É"“1 \n.-中ǅ')), max_size=40))
def test_word_shapes_match_the_rule_at_every_start(text):
    shapes = _WordShapes(text)
    for start in range(len(text)):
        end = start
        while end < len(text) and not text[end].isspace():
            end += 1
        assert shapes.at(start) == _case_shape_reference(text[start:end])
