"""Fits the confidence calibration and the reporting threshold on a PolNeAR split; stores both in the
model's meta.json, one per precision (the int8 encoder's outputs differ a little from fp32's).

    python -m training.calibrate --model models/quotes-minilm-1.2.0 [--split dev] [--backend onnx-fp32]

Confidence = a logistic regression over the model's log-odds and a few span features, predicting
"this quote matches a gold attribution and its speaker mention is right". Quotes below
``min_confidence`` (the threshold that maximises attribution F1) are not reported, except direct quotes
the model is sure of (``SURE_QUOTE``). The figures it prints are cross-validated over two folds of
documents (fit on one, measure on the other), so they say how the shipped calibration does on articles
it was not fitted on.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from quotes.calibration import FP32_CALIBRATION, INT8_CALIBRATION, Calibrator, is_sure_quote
from quotes.model.runtime import BACKENDS
from quotes.pipeline import Attributor

from .calibration_data import calibration_rows, expected_calibration_error, fit_logistic
from .evaluate import DEFAULT_MODEL, to_predicted
from .metrics import AttributionScorer, Predicted
from .polnear import DEFAULT_CORPUS, Document, load_split

THRESHOLDS = np.round(np.arange(0.0, 0.8, 0.025), 3)

Collected = list[tuple[Document, list[Predicted], list[dict]]]


def collect(attributor, docs: list[Document]) -> Collected:
    """Every prediction of the uncalibrated, unthresholded engine with its features and correctness. A new
    Attributor over the same model: the loaded one's confidence stage keeps the calibration in meta.json, whose
    threshold would hide the very quotes the new fit must see (a model calibrated before lost them)."""
    attributor = Attributor(attributor.span_model, attributor.resolver, Calibrator(), attributor.info)
    out = []
    for doc in docs:
        result, features = attributor.run_detailed(doc.text)
        predicted = to_predicted(result)
        out.append((doc, predicted, calibration_rows(doc, predicted, [q.confidence for q in result.quotes], features)))
    return out


def _probabilities(rows: list[dict], w: np.ndarray, b: float) -> np.ndarray:
    if not rows:
        return np.zeros(0)
    x = np.asarray([r["features"] for r in rows])
    return 1 / (1 + np.exp(-np.clip(x @ w + b, -30, 30)))


def score(collected: Collected, w: np.ndarray, b: float, threshold: float, scorer: AttributionScorer | None = None):
    """Attribution metrics of the predictions kept at this threshold; also their confidences and outcomes."""
    scorer = scorer or AttributionScorer()
    confidences, outcomes = [], []
    for doc, predicted, rows in collected:
        p = _probabilities(rows, w, b)
        keep = [i for i in range(len(predicted)) if p[i] >= threshold or is_sure_quote(rows[i]["features"])]
        scorer.add(doc.text, list(doc.attributions), [predicted[i] for i in keep])
        confidences.extend(float(p[i]) for i in keep)
        outcomes.extend(rows[i]["correct"] for i in keep)
    return scorer, confidences, outcomes


def fit(collected: Collected) -> tuple[np.ndarray, float, float]:
    rows = [r for _, _, rs in collected for r in rs]
    x = np.asarray([r["features"] for r in rows])
    y = np.asarray([r["correct"] for r in rows], dtype=float)
    w, b = fit_logistic(x, y)
    best = max(THRESHOLDS, key=lambda t: score(collected, w, b, t)[0].report()["all"]["attribution_f1"])
    return w, b, float(best)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--backend", default="onnx", choices=BACKENDS, help="fit on the int8 encoder's outputs or on fp32's"
    )
    args = parser.parse_args(argv)

    attributor = Attributor.from_path(args.model, num_threads=args.threads, backend=args.backend, device="cpu")
    docs = load_split(args.split, Path(args.corpus))
    collected = collect(attributor, docs)
    raw_rows = [r for _, _, rs in collected for r in rs]
    raw_ece = expected_calibration_error([r["confidence"] for r in raw_rows], [r["correct"] for r in raw_rows])

    folds = [collected[0::2], collected[1::2]]
    held_out = AttributionScorer()
    held_conf, held_y, thresholds = [], [], []
    for k in range(2):
        w, b, t = fit(folds[k])
        thresholds.append(t)
        _, conf, y = score(folds[1 - k], w, b, t, held_out)
        held_conf += conf
        held_y += y
    w, b, t = fit(collected)
    calibrator = Calibrator(tuple(float(v) for v in w), float(b), t)
    cv = held_out.report()
    meta_file = Path(args.model) / "meta.json"
    meta = json.loads(meta_file.read_text())
    key = INT8_CALIBRATION if args.backend == "onnx" else FP32_CALIBRATION
    meta[key] = {
        **calibrator.to_dict(),
        "fitted_on": f"PolNeAR {args.split} ({len(docs)} documents, {len(raw_rows)} predicted quotes)",
        "backend": args.backend,
        "ece_uncalibrated": round(raw_ece, 4),
        "ece_cross_validated": round(expected_calibration_error(held_conf, held_y), 4),
        "fold_thresholds": thresholds,
        "cross_validated": {
            bucket: {
                k: cv[bucket][k]
                for k in ("content_soft_f1", "content_exact_f1", "source_acc", "cue_acc", "attribution_f1")
            }
            for bucket in cv
        },
    }
    meta_file.write_text(json.dumps(meta, indent=2) + "\n")
    print(json.dumps(meta[key], indent=2))
    return meta[key]


if __name__ == "__main__":
    main()
