"""quotes: the attribution engine. Text in, quotes with speakers and entities out; knows nothing of HTTP.

``Attributor.from_path(model_dir).run(text)`` is the one entry point for the API, the CLI, the evaluation
and the benchmark. Importing this package is cheap: torch and ONNX Runtime load with the first model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# The model this checkout ships, relative to the repository root (the service's and the tools' default).
SHIPPED_MODEL_DIR = "models/quotes-minilm-1.2.0"
# Where the encoder runs: "auto" takes the GPU when torch sees one (QUOTES_DEVICE, the CLI's --device).
DEVICES = ("auto", "cpu", "cuda")
# Where the small heads (tagger, linkers) run beside a GPU encoder: Attributor.from_path(heads_device=...), which
# the edges set from QUOTES_GPU_HEADS.
HEADS_DEVICES = ("cuda", "cpu")
# Where the small fp32 heads (tagger, linkers) run beside a GPU encoder, by default. On the GPU nothing
# article-sized crosses the bus and the CPU is spared their work (one process, 128 articles per call on an H200:
# 45 articles/s against 29). But processes that share a GPU without MPS time-slice it, and the heads' many small
# kernels then wait their turn (15 CLI workers: 265-339 articles/s against 385-513 with the heads on the CPU;
# with MPS, 1,000 against 507): the CLI asks for "cpu" for its workers in that one case (quotes.cli).
DEFAULT_HEADS_DEVICE = "cuda"


def parse_heads_device(value: str | None) -> str | None:
    """QUOTES_GPU_HEADS as every edge reads it (the service's config, the CLI, the Ray actors): one of
    HEADS_DEVICES, or None when it is empty; ValueError for anything else."""
    heads = (value or "").strip().lower()
    if heads and heads not in HEADS_DEVICES:
        raise ValueError(f"QUOTES_GPU_HEADS must be one of {HEADS_DEVICES}, got {heads!r}")
    return heads or None


_LAZY = {
    "Attributor": "quotes.pipeline",
    "Attributions": "quotes.types",
    "Entity": "quotes.types",
    "ModelInfo": "quotes.types",
    "Quote": "quotes.types",
    "Span": "quotes.types",
    "Speaker": "quotes.types",
}

__all__ = [
    "DEFAULT_HEADS_DEVICE",
    "DEVICES",
    "HEADS_DEVICES",
    "SHIPPED_MODEL_DIR",
    "parse_heads_device",
    "Attributor",
    "Attributions",
    "Entity",
    "ModelInfo",
    "Quote",
    "Span",
    "Speaker",
]

if TYPE_CHECKING:
    from .pipeline import Attributor
    from .types import Attributions, Entity, ModelInfo, Quote, Span, Speaker


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")
