"""Exports the fine-tuned encoder to ONNX and quantizes it to int8 for ONNX Runtime.

    python -m training.export_onnx --model models/quotes-minilm-1.2.0

Writes encoder.int8.onnx next to the safetensors weights; the engine's default backend loads it.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import torch

from quotes.model.inputs import WINDOW_TOKENS
from quotes.model.runtime import SpanModel
from quotes.model.weights import ONNX_ENCODER_FILE


class _WindowEncoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, shapes, attention_mask):
        return self.model.encode_windows(input_ids, shapes, attention_mask)


def export(model_dir: str | Path) -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model_dir = Path(model_dir)
    span_model = SpanModel.load(model_dir, backend="torch")
    encoder = _WindowEncoder(span_model.model).eval()
    example = torch.ones(2, WINDOW_TOKENS, dtype=torch.long)
    target = model_dir / ONNX_ENCODER_FILE
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder.onnx"
        axes = {0: "windows", 1: "tokens"}
        torch.onnx.export(
            encoder,
            (example, example * 0, example),
            str(fp32),
            input_names=["input_ids", "shapes", "attention_mask"],
            output_names=["hidden"],
            dynamic_axes={"input_ids": axes, "shapes": axes, "attention_mask": axes, "hidden": axes},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True)
    return target


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    args = parser.parse_args(argv)
    print(export(args.model))


if __name__ == "__main__":
    main()
