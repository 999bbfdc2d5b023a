"""The worker's one Attributor: loaded once (retrying with backoff), warmed up, then shared.

Readiness means "loaded and one warm-up run has passed"; until then requests get 503. Inference runs
on one thread per worker (workers x torch threads stay within the cores), behind a bounded queue:
a request that finds it full gets 503 at once, one that waits past the deadline gets 504.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from flask import current_app

from quotes import DEFAULT_HEADS_DEVICE
from quotes.language import detect_language
from service import metrics
from service.config import WARMUP_TEXT
from service.errors import InferenceTimeout, NotReady, Overloaded
from service.memory import rss_mb, trim_heap

if TYPE_CHECKING:
    from quotes.model.inputs import TokenizedText

log = logging.getLogger("service.engine_holder")

LOADING, READY, FAILED = "loading", "ready", "failed"
EXTENSION_KEY = "quotes.engine"  # where create_app puts the holder: app.extensions[EXTENSION_KEY]
# Loading retries: 5 s, 10 s, 20 s ... at most 5 minutes apart (a model copy being replaced, a full disk).
LOAD_RETRY_FIRST_S = 5.0
LOAD_RETRY_MAX_S = 300.0
SHED_RETRY_AFTER_S = 5  # a full queue drains in about one article's time
# What a worker may keep resident above its size once loaded (issue 12: about 450 + 128 MiB here, within
# 600). One past it after an engine call gives back the encoder's arena and the free heap (service/memory.py):
# a typical article's arena (the seed's: about 80 MiB) stays, and such articles pay nothing; a long one's
# (up to about 430 MiB) goes back, which adds about 70 ms to its answer.
REST_ABOVE_LOADED_MB = 128

EngineFactory = Callable[[Path, "int | None"], object]
Result = TypeVar("Result")


@dataclass(frozen=True)
class Timed(Generic[Result]):
    """An engine result and the seconds the engine spent on it (the route turns them into headers)."""

    value: Result
    seconds: float


def load_attributor(
    model_dir: Path, num_threads: int | None, device: str = "auto", heads_device: str = DEFAULT_HEADS_DEVICE
):
    """The default factory: the real engine, from its model directory, on QUOTES_DEVICE (its heads on a GPU
    where QUOTES_GPU_HEADS says)."""
    from quotes import Attributor

    return Attributor.from_path(model_dir, num_threads=num_threads, device=device, heads_device=heads_device)


class EngineHolder:
    def __init__(
        self,
        model_dir: Path,
        num_threads: int | None = None,
        factory: EngineFactory | None = None,
        attributor=None,
        *,
        queue_depth: int = 2,
        deadline_s: float = 120.0,
        device: str = "auto",
        heads_device: str = DEFAULT_HEADS_DEVICE,
    ):
        self.model_dir = model_dir
        self.num_threads = num_threads
        self.deadline_s = deadline_s
        self._factory = factory or functools.partial(load_attributor, device=device, heads_device=heads_device)
        self._attributor = attributor
        self._state = LOADING
        self._loaded = threading.Event()  # set once ready (never again after a failure: it retries)
        self._thread: threading.Thread | None = None
        self._slots = threading.BoundedSemaphore(queue_depth)
        self._in_flight = 0  # admitted calls, running or waiting (what the slots bound)
        self._in_flight_lock = threading.Lock()
        self._inference = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quotes-inference")
        self.load_seconds: float | None = None
        self.load_attempts = 0
        self.loaded_rss_mb = 0.0  # resident size once loaded and warmed up

    # -- loading -------------------------------------------------------------------------------
    def start(self, background: bool = True) -> None:
        if not background:
            self.load(retry=False)
            return
        self._thread = threading.Thread(target=self.load, name="quotes-engine-loader", daemon=True)
        self._thread.start()

    def load(self, retry: bool = True) -> None:
        """Load and warm up; on failure wait and try again (5 s, 10 s, ...) unless `retry` is False."""
        pause = LOAD_RETRY_FIRST_S
        while not self._try_load():
            if not retry:
                return
            log.warning("retrying the model load in %.0f s", pause)
            time.sleep(pause)
            pause = min(pause * 2, LOAD_RETRY_MAX_S)

    def _try_load(self) -> bool:
        started = time.perf_counter()
        self.load_attempts += 1
        try:
            if self._attributor is None:
                log.info("loading model from %s (torch threads: %s)", self.model_dir, self.num_threads or "default")
                self._attributor = self._factory(self.model_dir, self.num_threads)
            self._attributor.run(WARMUP_TEXT)
            detect_language(WARMUP_TEXT)  # loads the language model too, before the first request
        except Exception:
            # The detail stays in the log: /v1/health/ready only says that loading failed.
            log.exception("model failed to load or to warm up (model dir %s)", self.model_dir)
            self._attributor = None
            self._state = FAILED
            return False
        self.load_seconds = time.perf_counter() - started
        self.loaded_rss_mb = rss_mb()
        self._state = READY
        self._loaded.set()
        metrics.WORKERS_READY.set(1)
        info = self._attributor.info
        metrics.MODEL_INFO.labels(info.name, info.version).set(1)
        log.info("model %s %s ready in %.1f s", info.name, info.version, self.load_seconds)
        return True

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the model is ready (at most `timeout` seconds); True when ready."""
        return self._loaded.wait(timeout)

    # -- state ---------------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    @property
    def ready(self) -> bool:
        return self._state == READY

    @property
    def info(self):
        """The engine's ModelInfo once ready, else None."""
        return self._attributor.info if self.ready else None

    def require_ready(self) -> None:
        if self._state == READY:
            return
        if self._state == FAILED:
            raise NotReady("The model failed to load; retrying. See the server log.", headers={"Retry-After": "30"})
        raise NotReady("The model is still loading; retry shortly.", headers={"Retry-After": "5"})

    # -- inference -----------------------------------------------------------------------------
    def tokenize(self, text: str) -> TokenizedText:
        """The text's tokens (quotes.Attributor.tokenize), read in the request's thread, outside the queue: the
        tokenizer only reads its settings once the warm-up has set them, so it can run beside the inference
        thread. ``run`` and ``run_many`` take them back, so that the text is tokenized once."""
        self.require_ready()
        return self._attributor.tokenize(text)

    def run(self, text: str, tokenized: TokenizedText | None = None) -> Timed:
        self.require_ready()
        return self._submit("run", self._attributor.run, text, tokenized)

    def run_many(self, texts: list[str], tokenized: list[TokenizedText] | None = None) -> Timed:
        self.require_ready()
        return self._submit("run_many", self._attributor.run_many, texts, tokenized)

    def _submit(self, operation: str, call: Callable, *arguments) -> Timed:
        """Queue one engine call; 503 when the queue is full, 504 when it does not end in time.

        torch cannot be interrupted mid-call: past the deadline the client gets its 504 and the
        call runs on to its end, holding its queue slot, so the queue stays bounded."""
        if not self._slots.acquire(blocking=False):
            metrics.REQUESTS_SHED.inc()
            raise Overloaded(
                "Every inference slot of this worker is taken; retry shortly.",
                headers={"Retry-After": str(SHED_RETRY_AFTER_S)},
            )
        self._count_in_flight(+1)
        future = self._inference.submit(self._timed, operation, call, *arguments)
        future.add_done_callback(self._release)
        try:
            return future.result(timeout=self.deadline_s)
        except FutureTimeout:
            future.cancel()  # a call still waiting for its turn never starts
            metrics.observe_deadline("inference")
            raise InferenceTimeout(
                f"The article was not attributed within the {self.deadline_s:g} s deadline.",
                headers={"Retry-After": str(int(self.deadline_s))},
            ) from None

    def _count_in_flight(self, change: int) -> None:
        with self._in_flight_lock:
            self._in_flight += change
            metrics.IN_FLIGHT.set(self._in_flight)

    def _release(self, _future) -> None:
        self._count_in_flight(-1)
        self._slots.release()

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def _timed(self, operation: str, call: Callable, *arguments) -> Timed:
        started = time.perf_counter()
        try:
            value = call(*arguments)
        finally:
            seconds = time.perf_counter() - started
            metrics.INFERENCE_SECONDS.labels(operation).observe(seconds)
            if rss_mb() > self.loaded_rss_mb + REST_ABOVE_LOADED_MB:
                self._attributor.release_memory()
                trim_heap()
        return Timed(value, seconds)


def current_engine() -> EngineHolder:
    return current_app.extensions[EXTENSION_KEY]
