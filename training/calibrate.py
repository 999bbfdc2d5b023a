"""Fits the confidence calibration on a PolNeAR split and stores it in the model's meta.json.

    python -m training.calibrate --model models/quotes-minilm-1.0.0 [--split dev]

The reported error is cross-validated (two folds of documents: fit on one, measure on the other), so it
says how well the shipped calibration will do on articles it has not seen.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from service.engine.calibration import Calibrator

from .calibration_data import expected_calibration_error, fit_logistic
from .evaluate import DEFAULT_MODEL, evaluate
from .polnear import DEFAULT_CORPUS, load_split


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)

    from service.engine.pipeline import Attributor

    attributor = Attributor.from_path(args.model, num_threads=args.threads)
    attributor.calibrator = Calibrator()  # raw model probabilities while collecting
    docs = load_split(args.split, Path(args.corpus))
    rows_by_doc = []
    for doc in docs:
        _, rows, _ = evaluate(attributor, [doc])
        rows_by_doc.append(rows)

    def arrays(groups):
        rows = [r for g in groups for r in g]
        return np.asarray([r["features"] for r in rows]), np.asarray([r["correct"] for r in rows], dtype=float), rows

    x_all, y_all, rows_all = arrays(rows_by_doc)
    raw_ece = expected_calibration_error([r["confidence"] for r in rows_all], list(y_all))
    folds = [rows_by_doc[0::2], rows_by_doc[1::2]]
    held_conf, held_y = [], []
    for k in range(2):
        x_fit, y_fit, _ = arrays(folds[k])
        x_test, y_test, _ = arrays(folds[1 - k])
        w, b = fit_logistic(x_fit, y_fit)
        held_conf.extend(list(1 / (1 + np.exp(-(x_test @ w + b)))))
        held_y.extend(list(y_test))
    w, b = fit_logistic(x_all, y_all)
    calibrator = Calibrator(tuple(float(v) for v in w), b)
    meta_file = Path(args.model) / "meta.json"
    meta = json.loads(meta_file.read_text())
    meta["calibration"] = {
        **calibrator.to_dict(),
        "fitted_on": f"PolNeAR {args.split} ({len(docs)} documents, {len(y_all)} predicted quotes)",
        "ece_uncalibrated": round(raw_ece, 4),
        "ece_cross_validated": round(expected_calibration_error(held_conf, held_y), 4),
        "accuracy": round(float(y_all.mean()), 4),
    }
    meta_file.write_text(json.dumps(meta, indent=2) + "\n")
    print(json.dumps(meta["calibration"], indent=2))
    return meta["calibration"]


if __name__ == "__main__":
    main()
