#!/usr/bin/env bash
# Rebuilds the shipped model from the PolNeAR corpus (not run in CI): about 65 minutes on 2 CPU cores.
#   bash scripts/train.sh [OUT_DIR]      (default models/quotes-minilm-1.0.0)
# Stage 1 fine-tunes MiniLM for 3 epochs; stage 2 continues 2 epochs at a lower learning rate; then the
# int8 ONNX encoder is exported, the confidence calibrated on dev, and the dev evaluation printed.
# The corpus is read from ../shared/data/polnear (or QUOTES_POLNEAR_DIR).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure_venv.sh"
ensure_venv dev
cd "$REPO_ROOT"
OUT="${1:-models/quotes-minilm-1.0.0}"
STAGE1="$(mktemp -d)/stage1"
"$PYTHON" -m training.train --out "$STAGE1" --epochs 3 --seed 13 --no-eval
"$PYTHON" -m training.train --out "$OUT" --init "$STAGE1" --epochs 2 --lr 3e-5 --head-lr 3e-4 --seed 14 --no-eval
"$PYTHON" -m training.calibrate --model "$OUT"
"$PYTHON" -m training.evaluate --model "$OUT" --write "$OUT/metrics.json"
