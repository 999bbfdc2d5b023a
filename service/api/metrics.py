"""GET /metrics: Prometheus text, summed over all gunicorn workers (see service/metrics.py)."""

from __future__ import annotations

from flask import Blueprint, Response

from service.metrics import render_latest

blp = Blueprint("metrics", __name__)


@blp.get("/metrics")
def exposition():
    body, content_type = render_latest()
    return Response(body, content_type=content_type)
