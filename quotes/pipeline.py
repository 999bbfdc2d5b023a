"""The Attributor: the stages in order, and nothing else.

text -> Document (paragraphs, quotation marks) -> model spans -> typing -> asides -> shared clause -> layout
conventions (bylines, transcripts, interviews) -> confidence -> speakers -> Attributions. The API, the
CLI, the evaluation and the benchmark all call ``Attributor.run``.
"""

from __future__ import annotations

from pathlib import Path

import torch

from . import DEFAULT_HEADS_DEVICE
from .calibration import Calibrator, calibration_of
from .draft import Draft
from .model.inputs import TokenizedText
from .model.runtime import SpanModel
from .speakers import SpeakerResolver
from .stages import conventions
from .stages.asides import subjects_before_asides
from .stages.confidence import Confidence
from .stages.model import ModelSpans
from .stages.quote_types import typed
from .stages.shared_clause import shared_clause
from .stages.speakers import Speakers
from .types import Attributions, ModelInfo


class Attributor:
    """Text in, attributions out. Built once (loading the model takes seconds), then called per article."""

    def __init__(self, span_model: SpanModel, resolver: SpeakerResolver, calibrator: Calibrator, info: ModelInfo):
        self.span_model = span_model
        self.resolver = resolver
        self.calibrator = calibrator
        self.info = info
        self.stages = (
            ModelSpans(span_model),
            typed,
            subjects_before_asides,
            shared_clause,
            conventions.bylines,
            conventions.transcripts,
            conventions.interviews,
            Confidence(calibrator),
            Speakers(resolver),
        )

    @classmethod
    def from_path(
        cls,
        model_dir: str | Path,
        num_threads: int | None = None,
        backend: str = "onnx",
        device: str = "auto",
        heads_device: str = DEFAULT_HEADS_DEVICE,
    ) -> Attributor:
        """num_threads: CPU threads for inference (per gunicorn worker); backend: one of
        quotes.model.runtime.BACKENDS (on the CPU); device: "cpu", "cuda" or "auto" (the GPU when there is one);
        heads_device: on a GPU, where the small heads run, one of quotes.HEADS_DEVICES."""
        if num_threads:
            torch.set_num_threads(num_threads)
        span_model = SpanModel.load(
            Path(model_dir), backend=backend, num_threads=num_threads, device=device, heads_device=heads_device
        )
        meta = span_model.meta
        calibrator = Calibrator.from_dict(calibration_of(meta, span_model.backend))
        return cls(span_model, SpeakerResolver.load(), calibrator, ModelInfo(meta["name"], meta["version"]))

    def run(self, text: str, tokenized: TokenizedText | None = None) -> Attributions:
        """``tokenized``: the text's tokens from ``tokenize``, if the caller has read them already."""
        return self.draft(text, tokenized).attributions()

    def tokenize(self, text: str) -> TokenizedText:
        """The text read by the tokenizer, cheaply and without the model: its ``encoder_tokens`` are what the
        transformer would read (its time goes by these, so a service can hold articles to a token budget
        before inference), and ``run`` / ``run_many`` take it rather than tokenizing the text again."""
        return self.span_model.tokenize(text)

    def encoder_tokens(self, text: str) -> int:
        return self.tokenize(text).encoder_tokens

    def run_detailed(self, text: str) -> tuple[Attributions, list[list[float]]]:
        """The attributions and, per quote, the features its confidence was computed from (for calibration)."""
        draft = self.draft(text)
        return draft.attributions(), [list(q.features) for q in draft.quotes]

    def run_many(self, texts: list[str], tokenized: list[TokenizedText | None] | None = None) -> list[Attributions]:
        """Several articles, their windows through the encoder together (fewer, fuller encoder calls); then
        each goes through the other stages alone. ``tokenized``: their tokens from ``tokenize``, if read."""
        return [draft.attributions() for draft in self.drafts(texts, tokenized)]

    def release_memory(self) -> None:
        """Give back what the largest article so far grew and no longer uses (the encoder's arena): a
        long-running server calls this after long articles, or when it rests above its memory budget."""
        self.span_model.encoder.release_memory()

    def draft(self, text: str, tokenized: TokenizedText | None = None) -> Draft:
        return self.drafts([text], [tokenized])[0]

    def drafts(self, texts: list[str], tokenized: list[TokenizedText | None] | None = None) -> list[Draft]:
        """The stages in order; the model's over all the texts at once, so that it can take their tokens."""
        model, rest = self.stages[0], self.stages[1:]
        drafts = [Draft.of(text) for text in texts]
        found = self.span_model.predict_many([d.text for d in drafts], [model.outer(d) for d in drafts], tokenized)
        results = []
        for draft, attributions in zip(drafts, found, strict=True):
            draft = model.with_found(draft, attributions)
            for stage in rest:
                draft = stage(draft)
            results.append(draft)
        return results
