"""Finding a phrase in a text written for a test, as a whole word: how the speaker tests place a mention."""

import re


def whole_word_starts(text: str, phrase: str) -> list[int]:
    """Where ``phrase`` occurs in ``text`` with no word character touching it on either side."""
    return [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text)]
