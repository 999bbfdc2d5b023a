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
# Label values come from fixed sets, so that no client can grow /metrics (3,000 random methods
# once made it 6 MB): any other method is counted as OTHER_METHOD.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER_METHOD = "other"
DEADLINE_STAGES = ("read", "inference")

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
REQUESTS_SHED = Counter(
    "quotes_requests_shed_total", "Attribution requests refused with 503 because the worker's queue was full."
)
DEADLINES_EXCEEDED = Counter(
    "quotes_deadline_exceeded_total",
    "Requests ended by a deadline: reading the request (408 or closed), or inference (504).",
    ["stage"],
)
for _stage in DEADLINE_STAGES:
    DEADLINES_EXCEEDED.labels(_stage)  # shown at 0 before the first one
IN_FLIGHT = Gauge(
    "quotes_inference_in_flight",
    "Attribution requests admitted to the workers' queues (running or waiting).",
    multiprocess_mode="livesum",
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


def method_label(method: str) -> str:
    return method if method in KNOWN_METHODS else OTHER_METHOD


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    labels = (method_label(method), route, str(status))
    HTTP_REQUESTS.labels(*labels).inc()
    HTTP_LATENCY.labels(*labels).observe(seconds)


def observe_deadline(stage: str) -> None:
    DEADLINES_EXCEEDED.labels(stage).inc()


def observe_result(endpoint: str, quote_types: list[str]) -> None:
    DOCUMENTS.labels(endpoint).inc()
    for quote_type in quote_types:
        QUOTES_FOUND.labels(quote_type).inc()
