"""Prometheus metrics of the service, correct under several gunicorn workers.

With PROMETHEUS_MULTIPROC_DIR set before this module is first imported (gunicorn.conf.py sets it),
each worker writes its samples there and /metrics sums them; without it, one process serves its own.
prometheus_client itself, not prometheus-flask-exporter: the request hook (request_hooks.py) is a few
lines, and it keeps the route label to the matched rule and the multiprocess wiring in one place.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
UNMATCHED_ROUTE = "unmatched"  # 404s keep one label value, whatever path the client tried

HTTP_REQUESTS = Counter(
    "quotes_http_requests_total",
    "HTTP requests answered, by route and status.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "quotes_http_request_duration_seconds",
    "Time to answer an HTTP request, by route and status.",
    ["method", "route", "status"],
    buckets=LATENCY_BUCKETS,
)
DOCUMENTS = Counter("quotes_documents_total", "Documents attributed.", ["endpoint"])
QUOTES_FOUND = Counter("quotes_quotes_found_total", "Quotes found in the attributed documents.", ["type"])
INFERENCE_SECONDS = Histogram(
    "quotes_model_inference_seconds",
    "Time spent in the engine per call (one document or one batch).",
    ["operation"],
    buckets=LATENCY_BUCKETS,
)
MODEL_INFO = Gauge(
    "quotes_model_info",
    "The model the workers serve: 1, labelled with its name and version.",
    ["name", "version"],
    multiprocess_mode="max",
)
WORKERS_READY = Gauge(
    "quotes_workers_ready",
    "Workers whose model is loaded and warmed up.",
    multiprocess_mode="livesum",
)


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def render_latest() -> tuple[bytes, str]:
    """The exposition text and its content type, summed over all workers in multiprocess mode."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    labels = (method, route, str(status))
    HTTP_REQUESTS.labels(*labels).inc()
    HTTP_LATENCY.labels(*labels).observe(seconds)


def observe_result(endpoint: str, quote_types: list[str]) -> None:
    DOCUMENTS.labels(endpoint).inc()
    for quote_type in quote_types:
        QUOTES_FOUND.labels(quote_type).inc()
