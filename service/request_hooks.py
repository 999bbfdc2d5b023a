"""What every response passes through: a request id (echoed or made), timing headers, metrics."""

from __future__ import annotations

import re
import time
import uuid

from flask import Flask, current_app, g, request

from service import metrics
from service.logs import log_request
from service.metrics import UNMATCHED_ROUTE

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


def request_id_from(header: str | None) -> str:
    """The client's id when it is sane (safe to log and echo), else a fresh one."""
    if header and SANE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def start_request() -> None:
    g.started = time.perf_counter()
    g.request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))


def finish_request(response):
    if "request_id" not in g:  # a response made before start_request ran
        start_request()
    seconds = time.perf_counter() - g.started
    response.headers[REQUEST_ID_HEADER] = g.request_id
    timings = [f"app;dur={seconds * 1000:.1f}"]
    if "inference_seconds" in g:
        timings.append(f"inference;dur={g.inference_seconds * 1000:.1f}")
    response.headers["Server-Timing"] = ", ".join(timings)
    route = request.url_rule.rule if request.url_rule is not None else UNMATCHED_ROUTE
    metrics.observe_request(request.method, route, response.status_code, seconds)
    if current_app.config["LOG_FORMAT"] == "json":
        log_request(g.request_id, request.method, route, response.status_code, seconds)
    return response


def register_request_hooks(app: Flask) -> None:
    app.before_request(start_request)
    app.after_request(finish_request)
