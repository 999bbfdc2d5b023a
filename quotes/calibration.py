"""Turns the model's raw probabilities into a calibrated confidence that a quote and its speaker are right.

A logistic regression over a few log-odds features, fitted on the dev split by ``training.calibrate``;
its coefficients live in the model's meta.json.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .draft import DraftQuote

FEATURES = ("content_logit", "source_logit", "cue_logit", "direct", "mixed", "has_source", "has_cue", "log_words")
_EPS = 1e-4
# A direct quote whose content the model is this sure of is reported even when its speaker is unsure:
# the quotation is real, and its low confidence says the speaker may be wrong. (PolNeAR train, 1.1.0 weights:
# direct content_soft F1 0.952 -> 0.953, direct attribution F1 0.911 -> 0.910.)
SURE_QUOTE = 0.9
INT8_CALIBRATION, FP32_CALIBRATION = "calibration", "calibration_fp32"  # their keys in the model's meta.json


def _logit(p: float) -> float:
    p = min(max(p, _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


def features(quote: DraftQuote, words: int) -> list[float]:
    """words: number of words in the quote's text (fragments of one or two words are mostly noise)."""
    return [
        _logit(quote.content.probability),
        _logit(quote.source_probability),
        _logit(quote.cue_probability),
        float(quote.type == "direct"),
        float(quote.type == "mixed"),
        float(quote.source is not None),
        float(quote.cue is not None),
        math.log1p(words),
    ]


@dataclass(frozen=True)
class Calibrator:
    weights: tuple[float, ...] | None = None  # None: uncalibrated product of the model's probabilities
    bias: float = 0.0
    min_confidence: float = 0.0  # quotes below this are not reported (tuned for attribution F1)

    @classmethod
    def from_dict(cls, data: dict | None) -> Calibrator:
        if not data:
            return cls()
        if tuple(data["features"]) != FEATURES:
            raise ValueError("calibration was fitted on other features")
        return cls(tuple(data["weights"]), float(data["bias"]), float(data.get("min_confidence", 0.0)))

    def to_dict(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": list(self.weights or ()),
            "bias": self.bias,
            "min_confidence": self.min_confidence,
        }

    def probability(self, quote: DraftQuote, x: list[float]) -> float:
        """x: ``features(quote, ...)`` of the same quote."""
        if self.weights is None:
            return round(quote.content.probability * quote.source_probability, 4)
        z = self.bias + sum(w * v for w, v in zip(self.weights, x))
        return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 4)

    def reports(self, confidence: float, x: list[float]) -> bool:
        """Whether a quote is reported: confident enough, or a direct quote the model is sure of (SURE_QUOTE)."""
        return confidence >= self.min_confidence or is_sure_quote(x)


def calibration_of(meta: dict, backend: str) -> dict | None:
    """The calibration fitted on this backend's outputs: the int8 encoder ("onnx") has its own, and the fp32
    ones ("onnx-fp32", "torch") share one, since they give the same answers. Falls back to the int8 one."""
    if backend != "onnx" and meta.get(FP32_CALIBRATION):
        return meta[FP32_CALIBRATION]
    return meta.get(INT8_CALIBRATION)


def is_sure_quote(x: list[float]) -> bool:
    """x: ``features(...)``; a direct quote whose content probability is at least SURE_QUOTE."""
    return x[FEATURES.index("direct")] == 1.0 and x[FEATURES.index("content_logit")] >= _logit(SURE_QUOTE)
