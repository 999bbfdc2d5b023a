"""Exports the fine-tuned encoder to ONNX and quantizes it to int8 for ONNX Runtime.

    python -m training.export_onnx --model models/quotes-minilm-1.2.0

Writes encoder.int8.onnx next to the safetensors weights (from the graph with attention fused). The fused
fp32 encoder (backend "onnx-fp32") the engine builds and caches itself (quotes.model.onnx_export).

    python -m training.export_onnx --model DIR --drop-nan-guards

rewrites DIR's existing int8 encoder without the softmax NaN guards of an unfused export (the shipped
1.2.0 file was exported unfused): the same outputs bit for bit, faster.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from quotes.model.onnx_export import drop_softmax_nan_guards, export_fused_fp32, quantize_int8
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
    parser.add_argument("--drop-nan-guards", action="store_true", help="only rewrite the existing int8 encoder")
    args = parser.parse_args(argv)
    if args.drop_nan_guards:
        encoder = Path(args.model) / ONNX_ENCODER_FILE
        print(f"{encoder}: {drop_softmax_nan_guards(encoder)} softmax NaN guards removed")
    else:
        print(export(args.model))


if __name__ == "__main__":
    main()
