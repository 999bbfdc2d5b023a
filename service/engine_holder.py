"""The worker's one Attributor: loaded once (in a background thread, or at once), warmed up, then shared.

Readiness means "loaded and one warm-up run has passed"; until then requests get 503. Inference runs
one call at a time per worker, so that workers x torch threads stays within the cores.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from flask import current_app, g, has_request_context

from quotes.language import detect_language
from service import metrics
from service.config import WARMUP_TEXT
from service.errors import NotReady

log = logging.getLogger("service.engine_holder")

LOADING, READY, FAILED = "loading", "ready", "failed"
EXTENSION_KEY = "quotes.engine"  # where create_app puts the holder: app.extensions[EXTENSION_KEY]

EngineFactory = Callable[[Path, "int | None"], object]


def load_attributor(model_dir: Path, num_threads: int | None):
    """The default factory: the real engine, from its model directory."""
    from quotes import Attributor

    return Attributor.from_path(model_dir, num_threads=num_threads)


class EngineHolder:
    def __init__(
        self, model_dir: Path, num_threads: int | None = None, factory: EngineFactory | None = None, attributor=None
    ):
        self.model_dir = model_dir
        self.num_threads = num_threads
        self._factory = factory or load_attributor
        self._attributor = attributor
        self._inference_lock = threading.Lock()
        self._state = LOADING
        self._thread: threading.Thread | None = None
        self.load_seconds: float | None = None

    # -- loading -------------------------------------------------------------------------------
    def start(self, background: bool = True) -> None:
        if not background:
            self.load()
            return
        self._thread = threading.Thread(target=self.load, name="quotes-engine-loader", daemon=True)
        self._thread.start()

    def load(self) -> None:
        started = time.perf_counter()
        try:
            if self._attributor is None:
                log.info("loading model from %s (torch threads: %s)", self.model_dir, self.num_threads or "default")
                self._attributor = self._factory(self.model_dir, self.num_threads)
            with self._inference_lock:
                self._attributor.run(WARMUP_TEXT)
            detect_language(WARMUP_TEXT)  # loads the language model too, before the first request
        except Exception:
            # The detail stays in the log: /v1/health/ready only says that loading failed.
            log.exception("model failed to load or to warm up (model dir %s)", self.model_dir)
            self._state = FAILED
            return
        self.load_seconds = time.perf_counter() - started
        self._state = READY
        metrics.WORKERS_READY.set(1)
        info = self._attributor.info
        metrics.MODEL_INFO.labels(info.name, info.version).set(1)
        log.info("model %s %s ready in %.1f s", info.name, info.version, self.load_seconds)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a background load to finish (ready or failed); True when ready."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.ready

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
            raise NotReady("The model failed to load; see the server log.", headers={"Retry-After": "60"})
        raise NotReady("The model is still loading; retry shortly.", headers={"Retry-After": "5"})

    # -- inference -----------------------------------------------------------------------------
    def run(self, text: str):
        return self._timed("run", text)

    def run_many(self, texts: list[str]):
        return self._timed("run_many", texts)

    def _timed(self, operation: str, argument):
        """One inference at a time per worker, timed for /metrics and Server-Timing."""
        self.require_ready()
        with self._inference_lock:
            started = time.perf_counter()
            try:
                return getattr(self._attributor, operation)(argument)
            finally:
                self._record(operation, started)

    @staticmethod
    def _record(operation: str, started: float) -> None:
        seconds = time.perf_counter() - started
        metrics.INFERENCE_SECONDS.labels(operation).observe(seconds)
        if has_request_context():
            g.inference_seconds = g.get("inference_seconds", 0.0) + seconds


def current_engine() -> EngineHolder:
    return current_app.extensions[EXTENSION_KEY]
