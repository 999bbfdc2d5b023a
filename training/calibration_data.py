"""Calibration data and error: per predicted quote, the model's features and whether it was right."""

from __future__ import annotations

import numpy as np

from .metrics import Predicted, correct_predictions
from .polnear import Document

ECE_BINS = 10


def calibration_rows(
    doc: Document, predicted: list[Predicted], confidences: list[float], features: list[list[float]]
) -> list[dict]:
    correct = correct_predictions(doc.text, list(doc.attributions), predicted)
    return [{"confidence": c, "correct": bool(ok), "features": f} for c, ok, f in zip(confidences, correct, features)]


def expected_calibration_error(confidences: list[float], outcomes: list[bool], bins: int = ECE_BINS) -> float:
    """Weighted mean gap between confidence and accuracy over equal-width confidence bins."""
    if not confidences:
        return 0.0
    conf = np.asarray(confidences, dtype=float)
    right = np.asarray(outcomes, dtype=float)
    index = np.minimum((conf * bins).astype(int), bins - 1)
    error = 0.0
    for b in range(bins):
        member = index == b
        if member.any():
            error += member.mean() * abs(conf[member].mean() - right[member].mean())
    return float(error)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, iterations: int = 50) -> tuple[np.ndarray, float]:
    """Newton's method for L2-regularised logistic regression; returns (weights, bias)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    reg = l2 * np.eye(design.shape[1])
    reg[-1, -1] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(design @ w, -30, 30)))
        gradient = design.T @ (p - y) + reg @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + reg
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(w)), gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])
