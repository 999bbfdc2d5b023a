"""Language detection: English news passes, German, Spanish and French news is confidently not English."""

from pathlib import Path

import pytest

from quotes.language import NOT_ENGLISH_CONFIDENCE, SUPPORTED_LANGUAGES, LanguageGuess, detect_language

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Short news items written for these tests (not taken from any publication).
GERMAN = (
    "Der Bürgermeister kündigte am Dienstag an, dass die Brücke in der Elmstraße nächste Woche wieder "
    "geöffnet werde. „Wir tun alles, was wir können“, sagte er vor Journalisten im Rathaus."
)
SPANISH = (
    "El alcalde anunció el martes que el puente de la calle Olmo volverá a abrir la próxima semana. "
    "«Estamos haciendo todo lo posible», dijo a los periodistas en el ayuntamiento."
)
FRENCH = (
    "Le maire a annoncé mardi que le pont de la rue des Ormes rouvrirait la semaine prochaine. "
    "« Nous faisons tout ce que nous pouvons », a-t-il déclaré aux journalistes à l'hôtel de ville."
)
ENGLISH = (
    "The mayor said on Tuesday that the Elm Street bridge would reopen next week. "
    '"We are doing everything we can," he told reporters at City Hall.'
)


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
