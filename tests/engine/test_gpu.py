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


def test_the_heads_device_is_a_parameter_of_the_engine_read_from_the_environment_only_at_the_edges(model_dir):
    """The engine takes heads_device as an argument (checked before anything loads); QUOTES_GPU_HEADS is
    read by the service's config and by the CLI / Ray actors / GPU benchmark, never by the engine."""
    from quotes import DEFAULT_HEADS_DEVICE
    from quotes.cli import heads_device_from_environ

    assert DEFAULT_HEADS_DEVICE == "cuda"
    with pytest.raises(ValueError, match="heads_device must be one of"):
        Attributor.from_path(model_dir, device="cpu", heads_device="tpu")
    assert settings_from_environ({})["HEADS_DEVICE"] == "cuda"
    assert settings_from_environ({"QUOTES_GPU_HEADS": " CPU "})["HEADS_DEVICE"] == "cpu"
    with pytest.raises(ConfigError, match="QUOTES_GPU_HEADS"):
        settings_from_environ({"QUOTES_GPU_HEADS": "gpu"})
    assert heads_device_from_environ({}) is None
    assert heads_device_from_environ({"QUOTES_GPU_HEADS": " CPU "}) == "cpu"
    with pytest.raises(ValueError, match="QUOTES_GPU_HEADS"):
        heads_device_from_environ({"QUOTES_GPU_HEADS": "gpu"})


# The engine's edges, which start engines and read the environment for them, and the one standard variable an
# engine module reads (where a user's caches go, for the exported ONNX file).
ENVIRONMENT_EDGES = {"cli.py", "ray.py", "ray_job.py"}
STANDARD_VARIABLES = {"model/onnx_export.py": ["XDG_CACHE_HOME"]}


def test_no_engine_module_but_its_edges_reads_the_environment():
    import re
    from pathlib import Path

    import quotes

    package = Path(quotes.__file__).parent
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        if name in ENVIRONMENT_EDGES:
            continue
        read = re.findall(r"(?:environ(?:\.get)?\(|environ\[|getenv\()\s*[\"']([A-Z_]+)", path.read_text())
        uses = len(re.findall(r"environ|getenv", path.read_text()))
        assert read == STANDARD_VARIABLES.get(name, []) and uses == len(read), name


def test_the_service_passes_its_heads_setting_to_the_engine(tmp_path):
    """QUOTES_GPU_HEADS reaches Attributor.from_path through the app's config and the holder's factory."""
    import functools

    from service.engine_holder import EngineHolder, load_attributor

    holder = EngineHolder(tmp_path, device="cuda", heads_device="cpu")
    assert isinstance(holder._factory, functools.partial) and holder._factory.func is load_attributor
    assert holder._factory.keywords == {"device": "cuda", "heads_device": "cpu"}


def test_cli_workers_sharing_a_gpu_without_mps_keep_the_heads_on_the_cpu(monkeypatch, tmp_path):
    """Only for several workers, only on a GPU, only without an MPS daemon and without an explicit choice."""
    import quotes.cli as cli
    import quotes.model.runtime as runtime

    monkeypatch.setenv("CUDA_MPS_PIPE_DIRECTORY", str(tmp_path))
    monkeypatch.setattr(runtime, "resolve_device", lambda device: device)  # as a machine with CUDA answers
    assert cli.workers_heads_device("cuda", 15, None) == "cpu"
    assert cli.workers_heads_device("cuda", 1, None) is None  # one process: the engine's default
    assert cli.workers_heads_device("cpu", 15, None) is None
    assert cli.workers_heads_device("cuda", 15, "cuda") == "cuda"  # QUOTES_GPU_HEADS decides
    (tmp_path / "control").touch()  # an MPS daemon's control pipe
    assert cli.mps_active()
    assert cli.workers_heads_device("cuda", 15, None) is None


def test_the_cli_refuses_an_unknown_heads_device(monkeypatch, capsys):
    from quotes.cli import main

    monkeypatch.setenv("QUOTES_GPU_HEADS", "gpu")
    with pytest.raises(SystemExit) as stop:
        main(["annotate", "--quiet", "-"])
    assert stop.value.code == 2 and "QUOTES_GPU_HEADS must be one of" in capsys.readouterr().err


@needs_cuda
@pytest.mark.parametrize("heads", ["cuda", "cpu"])
def test_the_heads_answer_alike_on_either_side(heads, model_dir, seed_text):
    gpu = Attributor.from_path(model_dir, device="cuda", heads_device=heads)
    assert next(gpu.span_model.model.parameters()).device.type == heads
    cpu = Attributor.from_path(model_dir, device="cpu", backend="torch")
    found, expected = ({(q.start, q.end, q.speaker.name) for q in r.run(seed_text).quotes} for r in (gpu, cpu))
    assert len(found ^ expected) <= max(1, len(expected) // 50)  # fp16 encoder: at most 2% of the quotes move
