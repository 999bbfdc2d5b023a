"""Exports the fine-tuned encoder to ONNX and quantizes it to int8 for ONNX Runtime.

    python -m training.export_onnx --model models/quotes-minilm-1.2.0

Writes encoder.int8.onnx next to the safetensors weights (from the graph with attention fused). The fused
fp32 encoder (backend "onnx-fp32") the engine builds and caches itself (quotes.model.onnx_export).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from quotes.model.onnx_export import export_fused_fp32, quantize_int8
from quotes.model.weights import ONNX_ENCODER_FILE, load_model


def export(model_dir: str | Path) -> Path:
    model_dir = Path(model_dir)
    model, _, _ = load_model(model_dir)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = export_fused_fp32(model, Path(tmp) / "encoder.fp32.onnx")
        return quantize_int8(fp32, model_dir / ONNX_ENCODER_FILE)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    args = parser.parse_args(argv)
    print(export(args.model))


if __name__ == "__main__":
    main()
