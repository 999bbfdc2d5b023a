"""The device setting: auto picks the CPU without CUDA, cuda without one is a clear error; on a GPU, the
half-precision engine finds the CPU's quotes (skipped cleanly where there is no CUDA)."""

import pytest
import torch

from quotes import Attributor
from quotes.model.runtime import resolve_device
from service.config import ConfigError, server_settings_from_environ, settings_from_environ

needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")


def test_the_device_setting_is_read_and_checked():
    assert settings_from_environ({})["DEVICE"] == "auto"
    assert settings_from_environ({"QUOTES_DEVICE": "CPU"})["DEVICE"] == "cpu"
    with pytest.raises(ConfigError, match="QUOTES_DEVICE"):
        settings_from_environ({"QUOTES_DEVICE": "tpu"})
    with pytest.raises(ValueError):
        resolve_device("tpu")


def test_on_the_cpu_workers_follow_the_cores():
    assert server_settings_from_environ({"QUOTES_DEVICE": "cpu"}, cores=4).workers == 4


@pytest.mark.skipif(torch.cuda.is_available(), reason="a CUDA device is present")
def test_without_cuda_auto_is_the_cpu_and_cuda_is_an_error():
    assert resolve_device("auto") == "cpu"
    with pytest.raises(RuntimeError, match="no CUDA device"):
        resolve_device("cuda")


@needs_cuda
def test_one_worker_per_gpu():
    settings = server_settings_from_environ({}, cores=16)
    assert settings.workers == torch.cuda.device_count()
    assert settings.worker_memory_mb == 0


@needs_cuda
def test_the_gpu_engine_finds_the_cpus_quotes(model_dir, seed_text, short_articles):
    texts = [seed_text] + [a["text"] for a in short_articles(8)]
    gpu = Attributor.from_path(model_dir, device="cuda")
    cpu = Attributor.from_path(model_dir, device="cpu", backend="torch")
    assert gpu.span_model.device == "cuda"
    on_gpu, on_cpu = gpu.run_many(texts), [cpu.run(t) for t in texts]
    keys = [{(q.type, q.start, q.end, q.speaker.name) for q in r.quotes} for r in (*on_gpu, *on_cpu)]
    found, expected = keys[: len(texts)], keys[len(texts) :]
    differing = sum(len(a ^ b) for a, b in zip(found, expected))
    assert differing <= max(1, sum(map(len, expected)) // 50)  # fp16: at most 2% of the quotes move
    assert gpu.run_many(texts) == on_gpu  # deterministic on the device


def test_the_heads_go_beside_the_encoder_unless_told_otherwise(monkeypatch):
    from quotes.model.runtime import gpu_heads_device

    monkeypatch.delenv("QUOTES_GPU_HEADS", raising=False)
    assert gpu_heads_device() == "cuda"
    monkeypatch.setenv("QUOTES_GPU_HEADS", " CPU ")
    assert gpu_heads_device() == "cpu"


def test_cli_workers_sharing_a_gpu_without_mps_keep_the_heads_on_the_cpu(monkeypatch, tmp_path):
    """Only while the workers are spawned, only for a GPU, only without an MPS daemon and an explicit choice."""
    import os

    import quotes.model.runtime as runtime
    from quotes.cli import heads_for_a_shared_gpu

    monkeypatch.delenv("QUOTES_GPU_HEADS", raising=False)
    monkeypatch.setenv("CUDA_MPS_PIPE_DIRECTORY", str(tmp_path))
    monkeypatch.setattr(runtime, "resolve_device", lambda device: device)  # as a machine with CUDA answers
    with heads_for_a_shared_gpu("cuda"):
        assert os.environ["QUOTES_GPU_HEADS"] == "cpu"
    assert "QUOTES_GPU_HEADS" not in os.environ
    with heads_for_a_shared_gpu("cpu"):
        assert "QUOTES_GPU_HEADS" not in os.environ
    (tmp_path / "control").touch()  # an MPS daemon's control pipe
    assert runtime.mps_active()
    with heads_for_a_shared_gpu("cuda"):
        assert "QUOTES_GPU_HEADS" not in os.environ
    (tmp_path / "control").unlink()
    monkeypatch.setenv("QUOTES_GPU_HEADS", "cuda")
    with heads_for_a_shared_gpu("cuda"):
        assert os.environ["QUOTES_GPU_HEADS"] == "cuda"


@needs_cuda
@pytest.mark.parametrize("heads", ["cuda", "cpu"])
def test_the_heads_answer_alike_on_either_side(heads, model_dir, seed_text, monkeypatch):
    monkeypatch.setenv("QUOTES_GPU_HEADS", heads)
    gpu = Attributor.from_path(model_dir, device="cuda")
    assert next(gpu.span_model.model.parameters()).device.type == heads
    cpu = Attributor.from_path(model_dir, device="cpu", backend="torch")
    found, expected = ({(q.start, q.end, q.speaker.name) for q in r.run(seed_text).quotes} for r in (gpu, cpu))
    assert len(found ^ expected) <= max(1, len(expected) // 50)  # fp16 encoder: at most 2% of the quotes move
