"""The service's logs: text lines by default, or one JSON object per line (QUOTES_LOG_FORMAT=json) for a log
pipeline, with python-json-logger's formatter rather than our own.

In JSON mode each request is one record (timestamp, level, request id, method, route, status, duration),
written by the app, and gunicorn's text access log is off (gunicorn.conf.py); in text mode gunicorn's
access log, with timestamps, is the request log.
"""

from __future__ import annotations

import logging
import sys

REQUESTS_LOGGER = "service.requests"
# python-json-logger's field names, renamed to the usual ones; `timestamp` is ISO 8601 in UTC.
JSON_FIELDS = "%(levelname)s %(name)s %(message)s"
JSON_RENAMES = {"levelname": "level", "name": "logger"}


def json_formatter() -> logging.Formatter:
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(JSON_FIELDS, rename_fields=JSON_RENAMES, timestamp=True)


def gunicorn_logconfig(level: str) -> dict:
    """gunicorn's `logconfig_dict` for JSON: its error log (which our loggers write through) as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": JSON_FIELDS,
                "rename_fields": JSON_RENAMES,
                "timestamp": True,
            }
        },
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": level, "handlers": ["stderr"], "propagate": False},
        },
    }


def configure_logging(level: str, log_format: str = "text") -> None:
    """Under gunicorn, our loggers write through gunicorn's error log handlers; alone, to stderr."""
    logger = logging.getLogger("service")
    logger.setLevel(level)
    gunicorn_handlers = logging.getLogger("gunicorn.error").handlers
    if gunicorn_handlers and not logger.handlers:
        logger.handlers = list(gunicorn_handlers)
        logger.propagate = False
    elif log_format == "json" and not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(json_formatter())
        logger.addHandler(handler)
        logger.propagate = False


def log_request(request_id: str, method: str, route: str, status: int, seconds: float) -> None:
    logging.getLogger(REQUESTS_LOGGER).info(
        "request",
        extra={
            "request_id": request_id,
            "method": method,
            "route": route,
            "status": status,
            "duration_ms": round(seconds * 1000, 1),
        },
    )
