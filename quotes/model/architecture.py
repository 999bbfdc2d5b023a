"""The network: MiniLM with a shape embedding, a BIO tagger for Content / Cue / Source spans, and a learned
pairwise linker that scores, for a content span, every candidate source (and cue) span plus "none", from
the two span representations and their signed distance. Shared by training and serving.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch
from torch import nn

from .inputs import NUM_SHAPES, Windows

if TYPE_CHECKING:
    from transformers import BertConfig, BertModel

TAGS = ("O", "B-Content", "I-Content", "B-Cue", "I-Cue", "B-Source", "I-Source")
SPAN_KINDS = ("Content", "Cue", "Source")
LINK_DIM = 128
DISTANCE_BUCKETS = 24  # signed log buckets of the token distance between a content and a candidate
MAX_LINK_DISTANCE = 400  # tokens: candidates further away than this are not scored


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
        buckets = torch.cat([distances.new_zeros(c, 1), distance_bucket(distances)], 1)
        a = content.unsqueeze(1).expand(c, k + 1, -1)
        b = cand.unsqueeze(0).expand(c, k + 1, -1)
        features = torch.cat([a, b, a * b, self.distance(buckets)], -1)
        logits = self.mlp(features).squeeze(-1)
        too_far = torch.cat([distances.new_zeros(c, 1, dtype=torch.bool), distances.abs() > MAX_LINK_DISTANCE], 1)
        return logits.masked_fill(too_far, -1e4)


class QuoteModel(nn.Module):
    def __init__(self, encoder: BertModel | None, num_shapes: int = NUM_SHAPES, config: BertConfig | None = None):
        """``encoder`` None, with the encoder's ``config``: the heads alone, for an encoder that runs elsewhere
        (ONNX Runtime)."""
        super().__init__()
        config = encoder.config if encoder is not None else config
        hidden = config.hidden_size
        self.encoder = encoder
        self.shape_embeddings = nn.Embedding(num_shapes, hidden)
        nn.init.zeros_(self.shape_embeddings.weight)  # start from the pretrained model's behaviour
        self.tagger = nn.Sequential(nn.Dropout(config.hidden_dropout_prob), nn.Linear(hidden, len(TAGS)))
        self.span_projection = nn.Sequential(nn.Linear(3 * hidden, LINK_DIM), nn.GELU())
        self.source_scorer = PairScorer(LINK_DIM)
        self.cue_scorer = PairScorer(LINK_DIM)

    def encode_windows(
        self, input_ids: torch.Tensor, shapes: torch.Tensor, attention_mask: torch.Tensor
    ) -> torch.Tensor:
        """(w, L) windows -> (w, L, hidden); this is the part exported to ONNX."""
        embeds = self.encoder.embeddings.word_embeddings(input_ids) + self.shape_embeddings(shapes)
        return self.encoder(inputs_embeds=embeds, attention_mask=attention_mask).last_hidden_state

    def encode(self, windows: Windows) -> torch.Tensor:
        """Windows -> one hidden vector per document token, each read from its most central window."""
        hidden = self.encode_windows(
            torch.from_numpy(windows.input_ids),
            torch.from_numpy(windows.shapes),
            torch.from_numpy(windows.attention_mask),
        )
        return hidden[torch.from_numpy(windows.source_window), torch.from_numpy(windows.source_position)]

    def span_vectors(
        self, hidden: torch.Tensor, spans: torch.Tensor, cumulative: torch.Tensor | None = None
    ) -> torch.Tensor:
        """spans (s, 2) inclusive token ranges -> (s, LINK_DIM) from first, last and mean token.
        ``cumulative``: prefix_sums(hidden), when the caller reads several span sets off one article."""
        if len(spans) == 0:
            return hidden.new_zeros(0, LINK_DIM)
        if cumulative is None:
            cumulative = prefix_sums(hidden)
        first, last = spans[:, 0], spans[:, 1]
        mean = (cumulative[last + 1] - cumulative[first]) / (last - first + 1).unsqueeze(1).float()
        return self.span_projection(torch.cat([hidden[first], hidden[last], mean], -1))

    def link_logits(
        self, scorer: PairScorer, hidden: torch.Tensor, contents: torch.Tensor, candidates: torch.Tensor
    ) -> torch.Tensor:
        """(c, k + 1) link logits of every content against every candidate of the article (training)."""
        return link_scores(
            scorer, self.span_vectors(hidden, contents), self.span_vectors(hidden, candidates), contents, candidates
        )


def prefix_sums(hidden: torch.Tensor) -> torch.Tensor:
    """(n + 1, hidden): row i is the sum of the first i token vectors, so any span's mean is two lookups."""
    return torch.cat([hidden.new_zeros(1, hidden.shape[1]), hidden.cumsum(0)], 0)


def link_scores(
    scorer: PairScorer,
    content_vectors: torch.Tensor,
    candidate_vectors: torch.Tensor,
    contents: torch.Tensor,
    candidates: torch.Tensor,
) -> torch.Tensor:
    """The one link computation: span vectors and their token ranges -> (c, k + 1) logits, column 0 "none".
    Training calls it on a whole article, serving on chunks of contents against the candidates in reach."""
    return scorer(content_vectors, candidate_vectors, span_distances(contents, candidates))


def span_distances(contents: torch.Tensor, candidates: torch.Tensor) -> torch.Tensor:
    """Signed token gap from each content to each candidate: negative before, positive after, 0 overlapping."""
    if len(candidates) == 0:
        return contents.new_zeros(len(contents), 0)
    before = candidates[None, :, 1] - contents[:, None, 0]  # < 0 when the candidate ends before the content
    after = candidates[None, :, 0] - contents[:, None, 1]  # > 0 when it starts after
    return torch.where(before < 0, before, torch.where(after > 0, after, torch.zeros_like(after)))
