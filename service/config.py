"""Service settings: the defaults, overridden once from `QUOTES_*` environment variables.

`create_app(config)` starts from `settings_from_environ()` and lets a caller override any key;
the server settings (bind, workers, threads, deadlines, recycling) are read by gunicorn.conf.py from
here too. Nothing here (nor in `service`) imports torch: gunicorn's master imports this before the fork.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from quotes import DEFAULT_HEADS_DEVICE, DEVICES, SHIPPED_MODEL_DIR, parse_heads_device

ENV_PREFIX = "QUOTES_"
REPO_ROOT = Path(__file__).resolve().parent.parent

# Policies with names: the limits of one request, reported by /v1/info and enforced by the schemas.
DEFAULT_MODEL_DIR = SHIPPED_MODEL_DIR
DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_TEXT_CHARS = 100_000
DEFAULT_MAX_BATCH = 32
MAX_ID_CHARS = 200
# The encoder's time goes by tokens, not characters. The token budget (QUOTES_MAX_TOKENS, 413 above) is what
# an article at the text limit needs at this many tokens per character: the densest PolNeAR article makes
# 0.33 and quote-dense prose ('"a," he said. ' over and over) 0.50, so every real article fits, and nothing
# allowed costs the encoder more than the longest article of quote-dense prose.
MAX_TOKENS_PER_TEXT_CHAR = 0.5
DEFAULT_WORKER_MEMORY_MB = 8192  # a 100,000-character article peaks near 5.5 GB of address space
# Deadlines, sized for the longest allowed input on a slow CPU: a 100,000-character article takes
# about 20 s on one 2020s EPYC core, so 120 s leaves room for a CPU three times slower and a queue.
DEFAULT_INFERENCE_TIMEOUT_S = 120
# Headers and body together: 2 MB at 1 Mbit/s takes 17 s.
DEFAULT_READ_TIMEOUT_S = 30
# Attribution requests a worker holds at once (one running, the rest waiting); more get 503 at once.
DEFAULT_QUEUE_DEPTH = 2
# Request threads per worker: the queue's, plus enough that slow readers and probes never wait.
DEFAULT_THREADS = 16

# A short article with one quote: the warm-up run that must pass before /v1/health/ready says 200.
WARMUP_TEXT = (
    "The mayor said on Tuesday that the bridge would reopen next week. "
    '"We are doing everything we can," she told reporters.'
)

ENGINE_LOADING_MODES = ("background", "sync")
LOG_FORMATS = ("text", "json")  # QUOTES_LOG_FORMAT; service/logs.py writes them


def default_max_tokens(max_text_chars: int) -> int:
    return math.ceil(max_text_chars * MAX_TOKENS_PER_TEXT_CHAR)


@dataclass(frozen=True)
class Limits:
    """What one request may hold; the same numbers go to the schemas, the 413 checks and /v1/info."""

    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    max_batch: int = DEFAULT_MAX_BATCH
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_id_chars: int = MAX_ID_CHARS
    max_tokens: int = default_max_tokens(DEFAULT_MAX_TEXT_CHARS)  # the encoder's tokens, per article


@dataclass(frozen=True)
class ServerSettings:
    """gunicorn's part of the configuration (see gunicorn.conf.py)."""

    bind: str
    workers: int
    threads: int
    timeout: int  # gunicorn's heartbeat timeout: a worker whose main loop hangs this long is killed
    torch_threads: int
    worker_memory_mb: int  # address-space cap per worker; 0: none
    read_timeout: int  # seconds to receive one request's headers and body
    keepalive: int  # seconds an idle connection (new or kept alive) may wait for a request
    recycle_rss_mb: int  # a worker above this resident size is replaced, one worker at a time; 0: never
    recycle_after_requests: int  # ... or after this many attribution requests; 0: never


class ConfigError(ValueError):
    """A QUOTES_* variable that cannot be used; raised at start-up, never during a request."""


# Our own few parsers rather than pydantic-settings: gunicorn's master reads this module before the fork, so
# it stays standard-library only, and a dozen integers and two choices need no more.
def _int(environ: Mapping[str, str], name: str, default: int | None, minimum: int = 1) -> int | None:
    raw = environ.get(ENV_PREFIX + name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{ENV_PREFIX}{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{ENV_PREFIX}{name} must be at least {minimum}, got {value}")
    return value


def parse_api_keys(raw: str | None) -> tuple[str, ...]:
    """Comma-separated keys; blanks around and between commas are ignored."""
    return tuple(key.strip() for key in (raw or "").split(",") if key.strip())


def resolve_model_dir(path: str | os.PathLike[str]) -> Path:
    """A relative model directory is taken from the repository root, wherever the server starts."""
    model_dir = Path(path)
    return model_dir if model_dir.is_absolute() else REPO_ROOT / model_dir


def settings_from_environ(environ: Mapping[str, str] | None = None) -> dict:
    """The app's configuration keys (Flask config) as the environment sets them."""
    environ = os.environ if environ is None else environ
    loading = environ.get(ENV_PREFIX + "ENGINE_LOADING", "background").strip() or "background"
    if loading not in ENGINE_LOADING_MODES:
        raise ConfigError(f"{ENV_PREFIX}ENGINE_LOADING must be one of {ENGINE_LOADING_MODES}")
    log_format = environ.get(ENV_PREFIX + "LOG_FORMAT", "").strip().lower() or "text"
    if log_format not in LOG_FORMATS:
        raise ConfigError(f"{ENV_PREFIX}LOG_FORMAT must be one of {LOG_FORMATS}")
    return {
        "MODEL_DIR": environ.get(ENV_PREFIX + "MODEL_DIR", "").strip() or DEFAULT_MODEL_DIR,
        "API_KEYS": parse_api_keys(environ.get(ENV_PREFIX + "API_KEYS")),
        "MAX_BODY_BYTES": _int(environ, "MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
        "MAX_TEXT_CHARS": _int(environ, "MAX_TEXT_CHARS", DEFAULT_MAX_TEXT_CHARS),
        "MAX_BATCH": _int(environ, "MAX_BATCH", DEFAULT_MAX_BATCH),
        "MAX_TOKENS": _int(environ, "MAX_TOKENS", None),  # None: default_max_tokens(MAX_TEXT_CHARS)
        "TORCH_THREADS": _int(environ, "TORCH_THREADS", None),
        "DEVICE": _device(environ),
        "HEADS_DEVICE": _heads_device(environ),
        "INFERENCE_TIMEOUT": _int(environ, "INFERENCE_TIMEOUT", DEFAULT_INFERENCE_TIMEOUT_S),
        "QUEUE_DEPTH": _int(environ, "QUEUE_DEPTH", DEFAULT_QUEUE_DEPTH),
        "LOG_LEVEL": environ.get(ENV_PREFIX + "LOG_LEVEL", "").strip().upper() or "INFO",
        "LOG_FORMAT": log_format,  # "text" or "json" (service/logs.py)
        # "background": /v1/health/live answers at once and /ready turns 200 once the model has
        # loaded and warmed up; "sync": create_app returns only then (tests, scripts).
        "ENGINE_LOADING": loading,
        # An already-built Attributor (tests load the model once per session and inject it).
        "ATTRIBUTOR": None,
        # How to build one: callable(model_dir: Path, num_threads: int | None) -> Attributor.
        # None means quotes.Attributor.from_path.
        "ENGINE_FACTORY": None,
    }


def _device(environ: Mapping[str, str]) -> str:
    """QUOTES_DEVICE: auto (a GPU when torch sees one), cpu or cuda."""
    device = environ.get(ENV_PREFIX + "DEVICE", "").strip().lower() or "auto"
    if device not in DEVICES:
        raise ConfigError(f"{ENV_PREFIX}DEVICE must be one of {DEVICES}, got {device!r}")
    return device


def _heads_device(environ: Mapping[str, str]) -> str:
    """QUOTES_GPU_HEADS: on a GPU, where the small heads run (cuda beside the encoder, the default, or cpu)."""
    try:
        return parse_heads_device(environ.get(ENV_PREFIX + "GPU_HEADS")) or DEFAULT_HEADS_DEVICE
    except ValueError as error:
        raise ConfigError(str(error)) from None


def gpu_count() -> int:
    """GPUs torch can see, without importing torch when no NVIDIA driver is installed (the usual CPU box)."""
    if not Path("/proc/driver/nvidia/gpus").is_dir():
        return 0
    import torch

    return torch.cuda.device_count()


def limits_from_config(config: Mapping) -> Limits:
    max_text_chars = int(config["MAX_TEXT_CHARS"])
    max_tokens = config.get("MAX_TOKENS")
    return Limits(
        max_text_chars=max_text_chars,
        max_batch=int(config["MAX_BATCH"]),
        max_body_bytes=int(config["MAX_BODY_BYTES"]),
        max_tokens=default_max_tokens(max_text_chars) if max_tokens is None else int(max_tokens),
    )


def available_cpus(cgroup_root: Path = Path("/sys/fs/cgroup")) -> int:
    """The CPUs this process may use: its affinity mask, capped by a container's CPU quota (cgroup v2 or v1).

    os.cpu_count() is the host's count, which in a container limited to 2 CPUs of 64 would start 64 workers.
    Our own few lines: the library that reads quotas (loky, joblib's pool) is a process-pool package.
    """
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = _cgroup_cpu_quota(cgroup_root)
    return max(1, min(cpus, math.ceil(quota))) if quota else cpus


def _cgroup_cpu_quota(root: Path) -> float | None:
    """Quota / period in CPUs, or None when there is no limit (or no cgroup file to read)."""
    try:
        v2 = (root / "cpu.max").read_text().split()  # "max 100000" or "200000 100000"
        return None if v2[0] == "max" else int(v2[0]) / int(v2[1])
    except (OSError, ValueError, IndexError):
        pass
    try:
        quota = int((root / "cpu" / "cpu.cfs_quota_us").read_text())  # -1: no limit
        period = int((root / "cpu" / "cpu.cfs_period_us").read_text())
        return quota / period if quota > 0 and period > 0 else None
    except (OSError, ValueError):
        return None


def server_settings_from_environ(environ: Mapping[str, str] | None = None, cores: int | None = None) -> ServerSettings:
    """Workers x torch threads stay within the CPUs we may use: by default one worker per CPU, one thread each."""
    environ = os.environ if environ is None else environ
    cores = cores or available_cpus()
    # On GPUs one worker per GPU: a second worker would only queue on the same device.
    gpus = gpu_count() if _device(environ) != "cpu" else 0
    workers = _int(environ, "WORKERS", gpus or cores)
    torch_threads = _int(environ, "TORCH_THREADS", max(1, cores // workers))
    return ServerSettings(
        bind=environ.get(ENV_PREFIX + "BIND", "").strip() or "127.0.0.1:8000",
        workers=workers,
        # Request threads per worker: inference is serialised per worker and its queue bounded,
        # the other threads keep health checks and /metrics answering next to slow clients.
        threads=_int(environ, "THREADS", DEFAULT_THREADS),
        timeout=_int(environ, "TIMEOUT", 120),
        torch_threads=torch_threads,
        read_timeout=_int(environ, "READ_TIMEOUT", DEFAULT_READ_TIMEOUT_S),
        keepalive=_int(environ, "KEEPALIVE", 5),
        recycle_rss_mb=_int(environ, "RECYCLE_RSS_MB", 0, minimum=0),
        recycle_after_requests=_int(environ, "RECYCLE_AFTER_REQUESTS", 0, minimum=0),
        # A runaway allocation then fails inside the worker (a 500 for that request) instead of
        # waking the kernel's OOM killer, which may pick any process on the machine.
        # No cap on GPUs: the CUDA runtime reserves far more address space than it uses.
        worker_memory_mb=_int(environ, "WORKER_MEMORY_MB", 0 if gpus else DEFAULT_WORKER_MEMORY_MB, minimum=0),
    )
