"""Inference: one encoder pass per document (overlapping windows stitched back into one token sequence),
BIO decoding of the tagger into spans, and the linker choosing each content's source and cue. Loaded
once, run under ``torch.inference_mode()``; the encoder is the int8 ONNX session or torch fp32.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from .architecture import MAX_LINK_DISTANCE, SPAN_KINDS, PairScorer, QuoteModel, link_scores
from .inputs import EncodedText, Windows, encode_text, make_windows
from .weights import ONNX_ENCODER_FILE, load_model

BACKENDS = ("onnx", "torch")
WINDOW_BATCH = 16  # windows per encoder call: long articles run in slices of bounded memory
LINK_CHUNK = 32  # contents scored together; bounds the pair tensors for articles with hundreds of quotes


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


def decode_spans(
    probabilities: np.ndarray, offsets: np.ndarray, word_starts: np.ndarray | None = None
) -> list[RawSpan]:
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
    def load(cls, model_dir: str | Path, backend: str = "onnx", num_threads: int | None = None) -> SpanModel:
        """backend "onnx": the shipped int8 encoder (fast, the default); "torch": fp32 (training, comparisons)."""
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {BACKENDS}")
        model_dir = Path(model_dir)
        model, tokenizer, meta = load_model(model_dir)
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
        ``QuoteModel.link_logits`` on the whole article (both call ``link_scores``)."""
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
            logits = link_scores(
                scorer,
                content_vectors[k : k + LINK_CHUNK],
                candidate_vectors[near],
                content_ranges[k : k + LINK_CHUNK],
                candidate_ranges[near],
            )
            probs = torch.softmax(logits, -1)
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
