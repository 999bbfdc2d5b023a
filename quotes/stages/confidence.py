"""The confidence stage: each quote's calibrated confidence (a convention's quotes keep its precision),
and only the quotes confident enough, or direct quotes the model is sure of, go on."""

from __future__ import annotations

from dataclasses import replace

from ..calibration import Calibrator, features
from ..draft import Draft


class Confidence:
    def __init__(self, calibrator: Calibrator):
        self.calibrator = calibrator

    def __call__(self, draft: Draft) -> Draft:
        kept = []
        for d in draft.quotes:
            x = features(d, len(draft.text[d.start : d.end].split()))
            confidence = d.confidence if d.confidence is not None else self.calibrator.probability(d, x)
            if self.calibrator.reports(confidence, x):
                kept.append(replace(d, confidence=confidence, features=tuple(x)))
        return draft.with_quotes(kept)
