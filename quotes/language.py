"""Which language an article is written in, so that text the English model cannot read gets a clear answer.

py3langid (an offline n-gram classifier, a numpy-only wheel of about 1 MB) chooses among a set of common
news languages; it loads on the first call, so importing this module stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# The languages the model was trained on (PolNeAR: US English news).
SUPPORTED_LANGUAGES = ("en",)

# What the detector chooses among. Restricting it to common news languages keeps short English
# headlines from being read as a rare relative (with all 97 languages, 7 of 85 English first
# sentences came out as Nigerian Pidgin; with this set none is confidently wrong).
LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "sv": "Swedish",
    "pl": "Polish",
    "ru": "Russian",
    "tr": "Turkish",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
}
CANDIDATE_LANGUAGES = tuple(LANGUAGE_NAMES)

# Policy: an article is "confidently not English" when the detector gives another language at least
# this probability. Full English articles score >= 0.99; the English snippets it gets wrong (a bare
# "E.U.", a headline) score below 0.6.
NOT_ENGLISH_CONFIDENCE = 0.9

# The classifier's cost grows with the text; the first characters are plenty to tell the language.
SAMPLE_CHARS = 20_000


@dataclass(frozen=True)
class LanguageGuess:
    """An ISO 639-1 code and the detector's probability for it (0..1)."""

    code: str
    confidence: float

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.code, self.code)

    @property
    def confidently_unsupported(self) -> bool:
        return self.code not in SUPPORTED_LANGUAGES and self.confidence >= NOT_ENGLISH_CONFIDENCE


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATE_LANGUAGES))
    return identifier


def detect_language(text: str) -> LanguageGuess:
    """The most likely language of `text` among CANDIDATE_LANGUAGES."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return LanguageGuess(code=str(code), confidence=float(probability))
