"""Health, readiness (503 until the model is loaded and warm), info, OpenAPI, docs and metrics."""

from __future__ import annotations

import threading

import pytest
from conftest import assert_problem

from service.config import WARMUP_TEXT


def test_live_and_ready(client, attributor):
    assert client.get("/v1/health/live").get_json() == {"status": "alive"}
    ready = client.get("/v1/health/ready")
    assert ready.status_code == 200
    assert ready.get_json() == {
        "status": "ready",
        "model": {"name": attributor.info.name, "version": attributor.info.version},
    }


@pytest.fixture()
def gated_app(make_app, attributor):
    """An app whose engine loads in the background and is held back until `release` is set."""
    release = threading.Event()
    loads = []

    def load_when_released(model_dir, num_threads):
        loads.append(model_dir)
        assert release.wait(60), "test never released the engine"
        return attributor

    app = make_app(ATTRIBUTOR=None, ENGINE_FACTORY=load_when_released, ENGINE_LOADING="background")
    yield app, release, loads
    release.set()


def test_not_ready_until_loaded_and_warmed_up(gated_app, seed_text):
    app, release, loads = gated_app
    client = app.test_client()
    assert client.get("/v1/health/live").status_code == 200
    problem = assert_problem(client.get("/v1/health/ready"), 503)
    assert "loading" in problem["detail"]
    not_ready = client.post("/v1/attributions", json={"text": seed_text})
    assert_problem(not_ready, 503)
    assert not_ready.headers["Retry-After"]
    assert_problem(client.post("/v1/attributions/batch", json={"documents": [{"text": "a"}]}), 503)
    info = client.get("/v1/info").get_json()
    assert info["ready"] is False and info["model"] is None

    release.set()
    engine = app.extensions["quotes.engine"]
    assert engine.wait(timeout=60)
    assert client.get("/v1/health/ready").status_code == 200
    assert client.post("/v1/attributions", json={"text": seed_text}).status_code == 200
    assert len(loads) == 1


def test_failed_load_stays_503_without_internals(make_app, caplog):
    def broken_model(model_dir, num_threads):
        raise OSError("no such file: /secret/weights.safetensors")

    with caplog.at_level("ERROR", logger="service"):
        app = make_app(ATTRIBUTOR=None, ENGINE_FACTORY=broken_model, ENGINE_LOADING="sync")
    client = app.test_client()
    response = client.get("/v1/health/ready")
    problem = assert_problem(response, 503)
    assert "failed" in problem["detail"] and "secret" not in response.get_data(as_text=True)
    assert "secret/weights" in caplog.text
    assert client.get("/v1/health/live").status_code == 200


def test_loading_from_the_model_directory(make_app, model_dir):
    """The default factory: Attributor.from_path on QUOTES_MODEL_DIR, then the warm-up run."""
    app = make_app(ATTRIBUTOR=None, MODEL_DIR=str(model_dir))
    engine = app.extensions["quotes.engine"]
    assert engine.ready and engine.load_seconds is not None
    assert app.test_client().post("/v1/attributions", json={"text": WARMUP_TEXT}).status_code == 200


def test_info_reports_model_and_limits(client, attributor):
    info = client.get("/v1/info").get_json()
    assert info["model"] == {"name": attributor.info.name, "version": attributor.info.version}
    assert info["ready"] is True
    assert info["limits"] == {
        "max_text_chars": 100_000,
        "max_batch_size": 32,
        "max_body_bytes": 2 * 1024 * 1024,
        "max_id_chars": 200,
        "max_tokens": 50_000,
    }


def test_openapi_documents_the_contract(client):
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.0")
    paths = spec["paths"]
    assert {"/v1/attributions", "/v1/attributions/batch", "/v1/health/live", "/v1/health/ready", "/v1/info"} <= set(
        paths
    )
    body = paths["/v1/attributions"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "text/plain", "text/html"}
    assert body["text/plain"]["schema"]["maxLength"] == 100_000
    schemas = spec["components"]["schemas"]
    assert schemas["Document"]["properties"]["text"]["maxLength"] == 100_000
    assert schemas["BatchRequest"]["properties"]["documents"]["maxItems"] == 32
    assert {"Result", "Quote", "Entity", "Span", "Speaker", "Problem"} <= set(schemas)
    error = spec["components"]["responses"]["DEFAULT_ERROR"]["content"]
    assert set(error) == {"application/problem+json"}


def test_docs_page_uses_local_assets(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "/openapi.json" in html and "http" not in html.replace("http-equiv", "")
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        assert f"/docs/assets/{asset}" in html
        response = client.get(f"/docs/assets/{asset}")
        assert response.status_code == 200 and len(response.get_data()) > 1000
    assert_problem(client.get("/docs/assets/../../config.py"), 404)


def test_metrics_count_requests_quotes_and_inference(client, seed_text):
    client.post("/v1/attributions", data=seed_text.encode(), content_type="text/plain")
    client.post("/v1/attributions", data=b"{", content_type="application/json")
    client.get("/no-such-page")
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert 'quotes_http_requests_total{method="POST",route="/v1/attributions",status="200"}' in text
    assert 'quotes_http_requests_total{method="POST",route="/v1/attributions",status="400"}' in text
    assert 'quotes_http_requests_total{method="GET",route="unmatched",status="404"}' in text
    assert 'quotes_http_request_duration_seconds_bucket{le="0.005",method="POST",route="/v1/attributions"' in text
    assert "quotes_quotes_found_total{" in text
    assert 'quotes_model_inference_seconds_count{operation="run"}' in text


def test_request_id_is_echoed_when_sane(client):
    response = client.get("/v1/health/live", headers={"X-Request-ID": "newsroom-42.a_b"})
    assert response.headers["X-Request-ID"] == "newsroom-42.a_b"
    problem = client.post(
        "/v1/attributions", data=b"{", content_type="application/json", headers={"X-Request-ID": "abc123"}
    ).get_json()
    assert problem["request_id"] == "abc123"


@pytest.mark.parametrize("sent", [None, "", "has space", "x" * 129, "semi;colon", "new\\nline", "ü"])
def test_request_id_is_generated_otherwise(client, sent):
    headers = {"X-Request-ID": sent} if sent is not None else {}
    request_id = client.get("/v1/health/live", headers=headers).headers["X-Request-ID"]
    assert request_id != sent and len(request_id) == 32 and int(request_id, 16) >= 0


def test_every_answer_has_a_request_id_and_timing(client):
    for response in (client.get("/v1/info"), client.get("/nope"), client.post("/v1/attributions", json={})):
        assert response.headers["X-Request-ID"]
        assert response.headers["Server-Timing"].startswith("app;dur=")
    answered = client.post("/v1/attributions", json={"text": 'She said "go".'})
    assert "inference;dur=" in answered.headers["Server-Timing"]
