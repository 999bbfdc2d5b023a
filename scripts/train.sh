#!/usr/bin/env bash
# Rebuilds the shipped model from the PolNeAR corpus (not run in CI): about 35 minutes on 2 CPU cores.
#   bash scripts/train.sh [OUT_DIR]      (default models/quotes-minilm-1.2.0)
# Fine-tunes MiniLM for 3 epochs (seed 13) and exports the int8 ONNX encoder; then calibrates the
# confidence on dev and prints the dev evaluation.
# The corpus is read from ../shared/data/polnear (or QUOTES_POLNEAR_DIR).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure_venv.sh"
ensure_venv dev
cd "$REPO_ROOT"
OUT="${1:-models/quotes-minilm-1.2.0}"
"$PYTHON" -m training.train --out "$OUT" --epochs 3 --seed 13 --no-eval
"$PYTHON" -m training.calibrate --model "$OUT"
"$PYTHON" -m training.evaluate --model "$OUT" --write "$OUT/metrics.json"
