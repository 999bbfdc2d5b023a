"""Calibrated confidence and the rule for which quotes are reported."""

from pathlib import Path

from quotes.calibration import FP32_CALIBRATION, INT8_CALIBRATION, SURE_QUOTE, Calibrator, calibration_of, features
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


def test_each_precision_gets_the_calibration_fitted_on_its_own_outputs():
    int8, fp32 = {"min_confidence": 0.55}, {"min_confidence": 0.475}
    meta = {INT8_CALIBRATION: int8, FP32_CALIBRATION: fp32}
    assert calibration_of(meta, "onnx") is int8
    assert calibration_of(meta, "onnx-fp32") is fp32
    assert calibration_of(meta, "torch") is fp32  # the fp32 encoders give the same answers
    assert calibration_of({INT8_CALIBRATION: int8}, "torch") is int8  # an older model: the one it has


def test_the_shipped_model_has_a_calibration_per_precision():
    import json

    from quotes import SHIPPED_MODEL_DIR

    meta = json.loads((Path(SHIPPED_MODEL_DIR) / "meta.json").read_text())
    assert meta[INT8_CALIBRATION]["features"] == meta[FP32_CALIBRATION]["features"]
    assert meta[FP32_CALIBRATION]["backend"] == "onnx-fp32"
    Calibrator.from_dict(meta[FP32_CALIBRATION])
