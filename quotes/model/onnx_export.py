"""The encoder as ONNX: exported from torch with its attention fused for ONNX Runtime (onnxruntime's BERT
optimizer), then either kept fp32 or quantized to int8 per channel.

The shipped encoder is the int8 one; the fused fp32 one (backend "onnx-fp32") gives torch fp32's answers
and is built once per model and cached (``cached_fp32_encoder``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import torch

from .architecture import QuoteModel
from .inputs import WINDOW_TOKENS
from .weights import WEIGHTS_FILE

NUM_HEADS, HIDDEN = 12, 384  # all-MiniLM-L6-v2's attention shape, which the fusion needs to be told


class _WindowEncoder(torch.nn.Module):
    def __init__(self, model: QuoteModel):
        super().__init__()
        self.model = model

    def forward(self, input_ids, shapes, attention_mask):
        return self.model.encode_windows(input_ids, shapes, attention_mask)


def export_fused_fp32(model: QuoteModel, target: Path) -> Path:
    """torch -> ONNX (eager attention, which the optimizer recognises and fuses) -> fused fp32 graph."""
    from onnxruntime.transformers.optimizer import optimize_model

    encoder = model.encoder
    previous = encoder.config._attn_implementation
    encoder.config._attn_implementation = "eager"  # the SDPA export pattern is not fused by ORT's optimizer
    try:
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "encoder.onnx"
            example = torch.ones(2, WINDOW_TOKENS, dtype=torch.long)
            axes = {0: "windows", 1: "tokens"}
            torch.onnx.export(
                _WindowEncoder(model).eval(),
                (example, example * 0, example),
                str(raw),
                input_names=["input_ids", "shapes", "attention_mask"],
                output_names=["hidden"],
                dynamic_axes={"input_ids": axes, "shapes": axes, "attention_mask": axes, "hidden": axes},
                opset_version=17,
                dynamo=False,
            )
            optimized = optimize_model(str(raw), model_type="bert", num_heads=NUM_HEADS, hidden_size=HIDDEN)
            _save_atomically(optimized.save_model_to_file, target)
    finally:
        encoder.config._attn_implementation = previous
    return target


def quantize_int8(fp32: Path, target: Path) -> Path:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Fused operators have no shape-inferred types; their float outputs are declared as such.
    extra = {"DefaultTensorType": onnx.TensorProto.FLOAT}
    quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True, extra_options=extra)
    return target


def drop_softmax_nan_guards(path: Path) -> int:
    """Rewrites an ONNX encoder without the exporter's guard after each attention softmax, and returns how many
    it removed.

    transformers' eager attention masks padding with -inf and follows the softmax with ``Where(IsNaN(p), 0, p)``
    for rows whose every key is masked. No window of ours has such a row (each attends to its [CLS]), so the
    guard never changes a value, yet it reads and writes every attention probability: about a sixth of the
    unfused int8 encoder's time. The outputs are bit for bit the same (a test compares them)."""
    import onnx

    model = onnx.load(str(path))
    graph = model.graph
    producer = {out: node for node in graph.node for out in node.output}
    dropped, replaced = set(), {}
    for node in graph.node:
        guard = producer.get(node.input[0]) if node.op_type == "Where" and node.input else None
        if guard is not None and guard.op_type == "IsNaN" and guard.input[0] == node.input[2]:
            replaced[node.output[0]] = node.input[2]
            dropped |= {id(node), id(guard)}
    kept = [node for node in graph.node if id(node) not in dropped]
    for node in kept:
        node.input[:] = [replaced.get(name, name) for name in node.input]
    used = {name for node in kept for name in node.input} | {out.name for out in graph.output}
    kept = [n for n in kept if n.op_type != "Constant" or any(out in used for out in n.output)]  # their zeros
    del graph.node[:]
    graph.node.extend(kept)
    onnx.checker.check_model(model)
    _save_atomically(lambda name: onnx.save(model, name), path)
    return len(dropped) // 2


def _save_atomically(save, target: Path) -> None:
    """``save(file_name)`` into a file of this process, then renamed over ``target``: a concurrent worker
    sees the whole file or none."""
    partial = target.with_suffix(f".{os.getpid()}.partial")
    save(str(partial))
    partial.replace(target)


def cached_fp32_encoder(model: QuoteModel, model_dir: Path) -> Path:
    """The fused fp32 encoder of this model, built on first use (about 20 s) and kept in the user's cache,
    keyed by the weights' hash; rebuilt in a temporary folder where no cache can be written."""
    digest = hashlib.sha256((Path(model_dir) / WEIGHTS_FILE).read_bytes()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quotes"
    target = cache / f"encoder-{digest}.fp32.onnx"
    if target.exists():
        return target
    try:
        cache.mkdir(parents=True, exist_ok=True)
        return export_fused_fp32(model, target)
    except OSError:
        return export_fused_fp32(model, Path(tempfile.mkdtemp(prefix="quotes-")) / target.name)
