"""Archive runs on Ray Data: ``Annotator`` is the callable class for ``Dataset.map_batches`` (the model is
loaded once per actor), ``JsonLinesDatasink`` writes its lines as JSONL. ``python -m quotes.ray_job`` is
the ready-made job. Ray is an optional extra: ``pip install .[ray]``.

    ds = ray.data.read_json("articles.jsonl")
    ds = ds.map_batches(Annotator, batch_size=16, concurrency=4, num_gpus=0)   # num_gpus=1 on GPU nodes
    ds.write_parquet("out/")        # columns id and result (the CLI's JSON line)
"""

from __future__ import annotations

import json

import numpy as np
from ray.data.datasource import BlockBasedFileDatasink

from . import SHIPPED_MODEL_DIR
from .cli import REPO, annotate_batch, heads_device_from_environ, load_engine


class Annotator:
    """Rows {"id", "text"} -> rows {"id", "result"}; ``result`` is the JSON line ``quotes annotate`` writes
    for that article (a Result in the API's form, or an error line), so every output format carries it."""

    def __init__(
        self,
        model: str = str(REPO / SHIPPED_MODEL_DIR),
        device: str = "auto",
        threads: int | None = None,
        heads_device: str | None = None,
    ):
        # The actor is an edge: without an argument, QUOTES_GPU_HEADS in its environment decides.
        load_engine(model, threads, device, heads_device or heads_device_from_environ())

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list]:
        ids = [None if doc_id is None else str(doc_id) for doc_id in batch.get("id", [None] * len(batch["text"]))]
        lines = annotate_batch(list(zip(ids, (str(t) if t is not None else None for t in batch["text"]))))
        return {"id": ids, "result": [json.dumps(line, ensure_ascii=False) for line in lines]}


class JsonLinesDatasink(BlockBasedFileDatasink):
    """Writes each row's ``result`` as it is: one Result per line, the same lines as the CLI."""

    def __init__(self, path: str, **kwargs):
        super().__init__(path, file_format="jsonl", **kwargs)

    def write_block_to_file(self, block, file) -> None:
        for row in block.iter_rows(public_row_format=False):
            file.write((row["result"] + "\n").encode("utf-8"))
