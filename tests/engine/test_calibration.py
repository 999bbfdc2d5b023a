"""Calibrated confidence and the rule for which quotes are reported."""

from quotes.calibration import SURE_QUOTE, Calibrator, features
from quotes.draft import MODEL, DraftQuote, DraftSpan


def _quote(content_p: float, source_p: float, kind: str = "direct") -> DraftQuote:
    return DraftQuote(0, 10, DraftSpan(0, 10, content_p, MODEL), None, None, source_p, 0.5, type=kind)


def test_confidence_is_a_probability_that_grows_with_the_linkers_certainty():
    calibrator = Calibrator(weights=(1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), bias=0.0)
    unsure, sure = (_quote(0.9, p) for p in (0.3, 0.95))
    low = calibrator.probability(unsure, features(unsure, 5))
    high = calibrator.probability(sure, features(sure, 5))
    assert 0.0 < low < high < 1.0


def test_a_direct_quote_the_model_is_sure_of_is_reported_even_with_an_unsure_speaker():
    calibrator = Calibrator(weights=(0.0,) * 8, bias=0.0, min_confidence=0.6)
    p = SURE_QUOTE + 0.05
    assert calibrator.reports(0.3, features(_quote(p, 0.2), 5))
    assert not calibrator.reports(
        0.3, features(_quote(p, 0.2, "mixed"), 5)
    )  # a mixed span's edges are the model's guess
    assert not calibrator.reports(0.3, features(_quote(p, 0.2, "indirect"), 5))
    unsure = SURE_QUOTE - 0.2
    assert not calibrator.reports(0.3, features(_quote(unsure, 0.2), 5))
    assert calibrator.reports(
        0.6, features(_quote(unsure, 0.2, "indirect"), 5)
    )  # at the threshold everything is reported
