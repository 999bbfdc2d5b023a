"""Inference: one encoder pass per document (overlapping windows stitched back into one token sequence),
BIO decoding of the tagger into spans, and the linker choosing each content's source and cue. Loaded
once, run under ``torch.inference_mode()``; the encoder is the int8 ONNX session or torch fp32.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from .. import DEFAULT_HEADS_DEVICE, DEVICES, HEADS_DEVICES
from .architecture import MAX_LINK_DISTANCE, SPAN_KINDS, PairScorer, QuoteModel, link_scores, prefix_sums
from .inputs import EncodedText, TokenizedText, Windows, encode_text, make_windows, tokenize_text
from .onnx_export import cached_fp32_encoder
from .weights import ONNX_ENCODER_FILE, load_model

# "onnx": the shipped int8 encoder (the default: the calibration and the dev figures are its own);
# "onnx-fp32": the fused fp32 one (built and cached on first use; torch's answers, 0.008 lower dev F1 with
# 1.2.0's calibration, see the model card); "torch": fp32 torch (training, comparisons).
BACKENDS = ("onnx", "onnx-fp32", "torch")
WINDOW_BATCH = 16  # windows per encoder call on the CPU: long articles run in slices of bounded memory
GPU_WINDOW_BATCH = 128  # a GPU wants wide calls; 128 x 256 tokens of MiniLM fit in well under 1 GiB
WINDOW_ARRAYS = ("input_ids", "shapes", "attention_mask")  # the encoder's inputs, in its argument order
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
class _SpanSet:
    """Spans of one kind in text order, with their token ranges and their linker vectors, built once per article."""

    spans: list[RawSpan]
    ranges: torch.Tensor  # (s, 2) inclusive token ranges, on the heads' device
    vectors: torch.Tensor  # (s, LINK_DIM)


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
    """The encoder as an ONNX Runtime session on the CPU, int8 or fused fp32.

    ``shares_calls``: whether documents may share encoder calls without changing each other's answers.
    Not for int8: its dynamic quantization scales activations by the whole call's range, so an answer
    would depend on the articles batched with it; int8 keeps one article's windows per call."""

    def __init__(self, path: Path, num_threads: int | None = None, shares_calls: bool = True):
        self.shares_calls = shares_calls
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = num_threads or torch.get_num_threads()
        options.inter_op_num_threads = 1
        # The arena stays (without it every call faults its activations in afresh: 14% slower here); it keeps
        # the largest call's activations (16 windows: about 430 MiB) until release_memory gives them back.
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._shrink = onnxruntime.RunOptions()
        self._shrink.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def release_memory(self) -> None:
        """Give the arena's free memory back. ONNX Runtime shrinks its arena only at the end of a run that asks
        for it, so a run of one two-token window asks (a few milliseconds, plus the unmapping)."""
        tiny = np.zeros((1, 2), dtype=np.int64)
        self.session.run(None, {"input_ids": tiny, "shapes": tiny, "attention_mask": np.ones_like(tiny)}, self._shrink)

    def windows(self, input_ids: np.ndarray, shapes: np.ndarray, attention_mask: np.ndarray) -> torch.Tensor:
        """(b, L) windows -> (b, L, hidden) float32."""
        feeds = {"input_ids": input_ids, "shapes": shapes, "attention_mask": attention_mask}
        return torch.from_numpy(self.session.run(None, feeds)[0])

    def __call__(self, windows: Windows) -> torch.Tensor:
        return encode_documents(self.windows, [windows], WINDOW_BATCH, bucketed=self.shares_calls)[0]


class TorchEncoder:
    """The encoder in torch: fp32 on the CPU, half precision on a GPU. Its hidden states come back as fp32 on
    ``output_device``: the GPU itself when the heads run there too (nothing article-sized crosses the bus)."""

    shares_calls = True

    def __init__(self, model: QuoteModel, device: str = "cpu", output_device: str = "cpu"):
        self.device = torch.device(device)
        self.output_device = torch.device(output_device)
        self.model = model if self.device.type == "cpu" else copy.deepcopy(model).half().to(self.device)

    @torch.inference_mode()
    def windows(self, input_ids: np.ndarray, shapes: np.ndarray, attention_mask: np.ndarray) -> torch.Tensor:
        hidden = self.model.encode_windows(
            *(torch.from_numpy(a).to(self.device) for a in (input_ids, shapes, attention_mask))
        )
        return hidden.float().to(self.output_device)

    def __call__(self, windows: Windows) -> torch.Tensor:
        return encode_documents(self.windows, [windows], WINDOW_BATCH)[0]

    def release_memory(self) -> None:
        """The GPU's cached blocks go back to the driver; on the CPU torch's freed tensors are already the
        heap's (which the service trims)."""
        if self.device.type == "cuda":
            torch.cuda.empty_cache()


def encode_documents(
    encode_windows, documents: list[Windows], batch_size: int, bucketed: bool = True
) -> list[torch.Tensor]:
    """The windows of several documents through the encoder together -> per document, one hidden vector per
    token (read from its most central window). Windows without a letter are left out (zeros; the tagger
    reads their tokens as outside any span), so a document needs at least one window with a letter.

    ``bucketed``: windows sorted by length and each call cut to its longest window, so the short last
    window of an article is not padded to full length and similar lengths share a call. Otherwise the
    windows go in order at full width (what the int8 encoder's answers were calibrated on)."""
    full = documents[0].input_ids.shape[1] if documents else 0
    lengths = [w.attention_mask.sum(1) for w in documents]
    order = [
        (int(n) if bucketed else full, d, k)
        for d, ls in enumerate(lengths)
        for k, n in enumerate(ls)
        if documents[d].has_letter[k]
    ]
    if bucketed:
        order.sort(key=lambda row: -row[0])
    hidden: list[torch.Tensor | None] = [None] * len(documents)
    for b in range(0, len(order), batch_size):
        batch = order[b : b + batch_size]
        width = max(row[0] for row in batch)
        rows = [(d, k) for _, d, k in batch]
        out = encode_windows(
            *(np.stack([getattr(documents[d], name)[k, :width] for d, k in rows]) for name in WINDOW_ARRAYS)
        )
        for (d, k), h in zip(rows, out, strict=True):
            if hidden[d] is None:
                w = documents[d].input_ids
                hidden[d] = h.new_zeros(w.shape[0], w.shape[1], h.shape[-1])
            hidden[d][k, :width] = h
    return [
        h[torch.from_numpy(w.source_window).to(h.device), torch.from_numpy(w.source_position).to(h.device)]
        for h, w in zip(hidden, documents)
    ]


def resolve_device(device: str = "auto") -> str:
    """``auto``: the GPU when torch sees one, else the CPU."""
    if device not in DEVICES:
        raise ValueError(f"device must be one of {DEVICES}")
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("device cuda was asked for, but torch sees no CUDA device")
    return device


class SpanModel:
    """The loaded model with its tokenizer: text in, raw attributions (offsets + probabilities) out."""

    def __init__(self, model: QuoteModel, tokenizer, meta: dict, encoder=None, backend: str = "torch"):
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.meta = meta
        self.encoder = encoder or TorchEncoder(model)  # windows -> stitched hidden states
        self.backend = backend
        self.device = getattr(self.encoder, "device", torch.device("cpu")).type
        self.window_batch = GPU_WINDOW_BATCH if self.device == "cuda" else WINDOW_BATCH

    @classmethod
    def load(
        cls,
        model_dir: str | Path,
        backend: str = "onnx",
        num_threads: int | None = None,
        device: str = "cpu",
        heads_device: str = DEFAULT_HEADS_DEVICE,
    ) -> SpanModel:
        """backend "onnx": the shipped ONNX encoder on the CPU (the default); "torch": fp32 (training,
        comparisons). device "cuda" (or "auto" with a GPU) runs the torch encoder in half precision there, and
        the heads on ``heads_device`` ("cuda" beside it, or "cpu"; see DEFAULT_HEADS_DEVICE)."""
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {BACKENDS}")
        if heads_device not in HEADS_DEVICES:
            raise ValueError(f"heads_device must be one of {HEADS_DEVICES}")
        device = resolve_device(device)
        model_dir = Path(model_dir)
        int8 = backend == "onnx" and device == "cpu"
        onnx_file = model_dir / ONNX_ENCODER_FILE
        if int8 and not onnx_file.exists():
            raise FileNotFoundError(f"{onnx_file} is missing: run python -m training.export_onnx --model {model_dir}")
        model, tokenizer, meta = load_model(model_dir, with_encoder=not int8)  # int8: the heads alone
        if device == "cuda":
            encoder = TorchEncoder(model, "cuda", output_device=heads_device)
            model.encoder = None  # the GPU copy replaces it
            return cls(model.to(heads_device), tokenizer, meta, encoder, "torch")
        if backend == "torch":
            return cls(model, tokenizer, meta)
        if backend == "onnx-fp32":
            encoder = OnnxEncoder(cached_fp32_encoder(model, model_dir), num_threads)
        else:
            encoder = OnnxEncoder(onnx_file, num_threads, shares_calls=False)
        model.encoder = None  # the ONNX session replaces it; the heads stay in torch
        return cls(model, tokenizer, meta, encoder, backend)

    def encode(
        self, text: str, quotations: list[tuple[int, int]], tokenized: TokenizedText | None = None
    ) -> tuple[EncodedText, Windows]:
        if not self.meta.get("quote_feature"):
            quotations = []
        encoded = encode_text(self.tokenizer, text, quotations, tokenized)
        t = self.tokenizer
        return encoded, make_windows(encoded, t.cls_token_id, t.sep_token_id, t.pad_token_id)

    def tokenize(self, text: str) -> TokenizedText:
        """The text's tokens, which ``predict`` and ``predict_many`` take rather than tokenizing again."""
        return tokenize_text(self.tokenizer, text)

    def encoder_tokens(self, text: str) -> int:
        """The tokens the encoder would read for this text, counted without running it (a token budget)."""
        return self.tokenize(text).encoder_tokens

    def _span_set(self, hidden: torch.Tensor, spans: list[RawSpan], cumulative: torch.Tensor) -> _SpanSet:
        ranges = torch.tensor(
            [[s.first_token, s.last_token] for s in spans], dtype=torch.long, device=hidden.device
        ).reshape(-1, 2)
        return _SpanSet(spans, ranges, self.model.span_vectors(hidden, ranges, cumulative))

    def _link(self, scorer: PairScorer, contents: _SpanSet, candidates: _SpanSet):
        """For each content, its best candidate (None = "none") and the linker's probability for it.

        The span vectors are computed once for the whole article; then contents go in chunks, each
        against only the candidates within reach (farther ones are masked anyway), so memory stays
        bounded on a 100,000-character article with thousands of quotes. The same figures as
        ``QuoteModel.link_logits`` on the whole article (both call ``link_scores``)."""
        # One kind's spans come in text order, their first and last tokens both rising, so the candidates within
        # reach of a chunk are one slice, found by bisection (a scan per chunk was quadratic on quote-dense text).
        firsts = [c.first_token for c in candidates.spans]
        lasts = [c.last_token for c in candidates.spans]
        out = []
        for k in range(0, len(contents.spans), LINK_CHUNK):
            chunk = contents.spans[k : k + LINK_CHUNK]
            low = chunk[0].first_token - MAX_LINK_DISTANCE
            high = max(c.last_token for c in chunk) + MAX_LINK_DISTANCE
            near = slice(bisect.bisect_left(lasts, low), bisect.bisect_right(firsts, high))
            logits = link_scores(
                scorer,
                contents.vectors[k : k + LINK_CHUNK],
                candidates.vectors[near],
                contents.ranges[k : k + LINK_CHUNK],
                candidates.ranges[near],
            )
            probs = torch.softmax(logits, -1).cpu()  # one copy back per chunk, then plain reads
            for i, j in enumerate(probs.argmax(-1).tolist()):
                out.append((None if j == 0 else candidates.spans[near.start + j - 1], float(probs[i, j])))
        return out

    def predict(
        self, text: str, quotations: list[tuple[int, int]], tokenized: TokenizedText | None = None
    ) -> list[RawAttribution]:
        """``quotations``: (open_start, close_end) of the outer quotations from the quotation-mark finder;
        ``tokenized``: the text's tokens if the caller has read them already (``tokenize``)."""
        return self.predict_many([text], [quotations], [tokenized])[0]

    @torch.inference_mode()
    def predict_many(
        self,
        texts: list[str],
        quotations: list[list[tuple[int, int]]],
        tokenized: list[TokenizedText | None] | None = None,
    ) -> list[list[RawAttribution]]:
        """Several documents, their windows through the encoder together (fewer, fuller encoder calls)."""
        tokenized = tokenized or [None] * len(texts)
        encoded = [self.encode(*document) for document in zip(texts, quotations, tokenized, strict=True)]
        nonempty = [k for k, (_, w) in enumerate(encoded) if w.has_letter.any()]
        windows = [encoded[k][1] for k in nonempty]
        if self.encoder.shares_calls:
            hidden = encode_documents(self.encoder.windows, windows, self.window_batch)
        else:
            hidden = [
                encode_documents(self.encoder.windows, [w], self.window_batch, bucketed=False)[0] for w in windows
            ]
        out: list[list[RawAttribution]] = [[] for _ in texts]
        for k, h in zip(nonempty, hidden, strict=True):
            out[k] = self._attributions(*encoded[k], h)
        return out

    def _attributions(self, encoded: EncodedText, windows: Windows, hidden: torch.Tensor) -> list[RawAttribution]:
        probabilities = torch.softmax(self.model.tagger(hidden), -1).cpu().numpy()
        probabilities[windows.unread] = np.eye(probabilities.shape[-1])[0]  # outside any span: no encoder ran
        spans = decode_spans(probabilities, encoded.offsets, encoded.word_starts)
        contents = [s for s in spans if s.kind == "Content"]
        if not contents:
            return []
        cumulative = prefix_sums(hidden)  # one pass serves the contents' and both candidate kinds' vectors
        content_set = self._span_set(hidden, contents, cumulative)
        linked = {
            kind: self._link(
                scorer, content_set, self._span_set(hidden, [s for s in spans if s.kind == kind], cumulative)
            )
            for kind, scorer in (("Source", self.model.source_scorer), ("Cue", self.model.cue_scorer))
        }
        return [
            RawAttribution(c, linked["Source"][i][0], linked["Cue"][i][0], linked["Source"][i][1], linked["Cue"][i][1])
            for i, c in enumerate(contents)
        ]
