"""Operations: JSON logs (QUOTES_LOG_FORMAT=json) with one record per request, timestamps in the text
access log, and the model's name and version as a metric."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from gunicorn_server import running_server

from service.config import ConfigError, settings_from_environ
from service.logs import REQUESTS_LOGGER, json_formatter

REPO = Path(__file__).resolve().parents[2]


def test_the_log_format_is_checked_at_start_up():
    assert settings_from_environ({})["LOG_FORMAT"] == "text"
    assert settings_from_environ({"QUOTES_LOG_FORMAT": "JSON"})["LOG_FORMAT"] == "json"
    with pytest.raises(ConfigError, match="LOG_FORMAT"):
        settings_from_environ({"QUOTES_LOG_FORMAT": "xml"})


class Records(logging.Handler):
    """The request logger's records (the service's loggers do not propagate to pytest's handler)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def __enter__(self):
        logging.getLogger(REQUESTS_LOGGER).addHandler(self)
        return self.records

    def __exit__(self, *exc):
        logging.getLogger(REQUESTS_LOGGER).removeHandler(self)


@pytest.fixture()
def service_logger_restored():
    """JSON mode gives the service logger its own handler; later tests expect it as it was."""
    logger = logging.getLogger("service")
    handlers, propagate = list(logger.handlers), logger.propagate
    yield
    logger.handlers, logger.propagate = handlers, propagate


def test_json_mode_logs_each_request_as_one_json_object(make_app, service_logger_restored):
    client = make_app(LOG_FORMAT="json").test_client()
    with Records() as records:
        response = client.post(
            "/v1/attributions", json={"text": "He said the talks had failed."}, headers={"X-Request-ID": "log-1"}
        )
    (record,) = records
    line = json.loads(json_formatter().format(record))
    assert line["level"] == "INFO" and line["message"] == "request"
    assert line["request_id"] == "log-1" == response.headers["X-Request-ID"]
    assert line["route"] == "/v1/attributions" and line["method"] == "POST" and line["status"] == 200
    assert line["duration_ms"] >= 0 and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", line["timestamp"])


def test_text_mode_leaves_the_request_log_to_gunicorn(client):
    with Records() as records:
        client.get("/v1/health/live")
    assert not records


def test_the_access_log_has_timestamps():
    assert re.search(r"access_log_format = '%\(t\)s ", (REPO / "gunicorn.conf.py").read_text())


def test_the_model_info_metric(client):
    text = client.get("/metrics").get_data(as_text=True)
    assert re.search(r'^quotes_model_info\{name="quotes-minilm",version="1\.2\.0"\} 1\.0$', text, re.MULTILINE)


def test_gunicorn_writes_json_lines(tmp_path):
    """The real server in JSON mode: every line on stderr is a JSON object, the request among them."""
    with running_server(tmp_path, workers=1, LOG_FORMAT="json") as server:
        status, _, _ = server.request("GET", "/v1/info", headers={"X-Request-ID": "json-log-1"}, timeout=30)
        assert status == 200
    log_path = server.log_path
    lines = [line for line in log_path.read_text().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # fails on any line that is not JSON
    assert all({"timestamp", "level", "message"} <= set(record) for record in records)
    (request_record,) = [r for r in records if r.get("request_id") == "json-log-1"]
    assert request_record["route"] == "/v1/info" and request_record["status"] == 200
    assert any("ready" in record["message"] for record in records)  # the service's own log, as JSON
