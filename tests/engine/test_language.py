"""Language detection: English news passes, German, Spanish and French news is confidently not English."""

from pathlib import Path

import pytest
from samples import ENGLISH, FRENCH, GERMAN, SPANISH

from quotes.language import NOT_ENGLISH_CONFIDENCE, SUPPORTED_LANGUAGES, LanguageGuess, detect_language

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize("text, code", [(GERMAN, "de"), (SPANISH, "es"), (FRENCH, "fr")])
def test_other_news_languages_are_confidently_not_english(text, code):
    guess = detect_language(text)
    assert guess.code == code
    assert guess.confidence >= NOT_ENGLISH_CONFIDENCE
    assert guess.confidently_unsupported


def test_english_news_is_english():
    guess = detect_language(ENGLISH)
    assert guess == LanguageGuess("en", guess.confidence) and guess.confidence > 0.9
    assert not guess.confidently_unsupported


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_articles_are_english(path):
    assert detect_language(path.read_text()).code in SUPPORTED_LANGUAGES


@pytest.mark.parametrize("text", ["E.U.", "Mary J.", "", "12345", "Trump’s East European Achilles Heel."])
def test_scraps_are_never_confidently_not_english(text):
    # Too little text to tell: the detector may guess another language, but never with confidence.
    assert not detect_language(text).confidently_unsupported


def test_a_quote_in_another_language_inside_english_news_stays_english():
    text = ENGLISH + ' The sign on the door read "Wir sind geschlossen", the reporter noted, and the crowd left.'
    assert detect_language(text).code == "en"


def test_guess_policy():
    assert LanguageGuess("de", NOT_ENGLISH_CONFIDENCE).confidently_unsupported
    assert not LanguageGuess("de", NOT_ENGLISH_CONFIDENCE - 0.01).confidently_unsupported
    assert not LanguageGuess("en", 1.0).confidently_unsupported
