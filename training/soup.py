"""Averages the weights of checkpoints from one training trajectory (checkpoint averaging, a "uniform
soup") into a model directory, and exports its int8 encoder.

    python -m training.soup --out models/quotes-minilm-1.2.0 RUN/epoch-2 RUN RUN-continued

The checkpoints must share their initialisation (the same run, or a run continued from it): the
heads of runs with different seeds start from different random weights and do not average.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from quotes.model.weights import WEIGHTS_FILE

from .export_onnx import export as export_onnx
from .train import MODEL_NAME, MODEL_VERSION


def average(checkpoints: list[Path], out: Path, name: str, version: str) -> Path:
    states = [load_file(str(Path(c) / WEIGHTS_FILE)) for c in checkpoints]
    keys = set(states[0])
    if any(set(s) != keys for s in states):
        raise ValueError("the checkpoints hold different weights")
    averaged = {
        k: (sum(s[k].float() for s in states) / len(states)).to(torch.float16).contiguous() for k in sorted(keys)
    }
    metas = [json.loads((Path(c) / "meta.json").read_text()) for c in checkpoints]
    meta = {k: v for k, v in metas[0].items() if k not in ("calibration", "epochs_done")}
    meta |= {
        "name": name,
        "version": version,
        "training": {
            "soup": "uniform average of the checkpoints below",
            "checkpoints": [m["training"] | {"epochs_done": m.get("epochs_done")} for m in metas],
        },
    }
    out.mkdir(parents=True, exist_ok=True)
    save_file(averaged, str(out / WEIGHTS_FILE))
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkpoints", nargs="+", help="model directories to average")
    parser.add_argument("--out", required=True)
    parser.add_argument("--name", default=MODEL_NAME)
    parser.add_argument("--version", default=MODEL_VERSION)
    args = parser.parse_args(argv)
    out = average([Path(c) for c in args.checkpoints], Path(args.out), args.name, args.version)
    export_onnx(out)
    print(f"averaged {len(args.checkpoints)} checkpoints into {out}")


if __name__ == "__main__":
    main()
