"""A Python client generated from the live /openapi.json (openapi-python-client) works against a real server.

The contract is only as good as what a generator makes of it: operation names, typed results with
nullable spans, problem answers parsed as Problem, the bearer scheme, HTML in and the language answer.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from conftest import assert_spans_slice
from samples import ARTICLE_PAGE, GERMAN
from werkzeug.serving import make_server

KEY = "client-test-key"


def serve(app):
    """The app on a real HTTP server on 127.0.0.1 (an ephemeral port), in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(app):
    yield from serve(app)


@pytest.fixture(scope="module")
def keyed_url(make_app):
    yield from serve(make_app(API_KEYS=(KEY,)))


@pytest.fixture(scope="module")
def quotes_client(base_url, tmp_path_factory):
    """The package openapi-python-client generates from the running server's /openapi.json."""
    where = tmp_path_factory.mktemp("client")
    spec = where / "openapi.json"
    with urllib.request.urlopen(f"{base_url}/openapi.json", timeout=30) as response:
        spec.write_bytes(response.read())
    generator = Path(sys.executable).with_name("openapi-python-client")
    command = [str(generator), "generate", "--path", str(spec), "--meta", "none", "--output-path", str(where / "qc")]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    sys.path.insert(0, str(where))
    try:
        yield importlib.import_module("qc")
    finally:
        sys.path.remove(str(where))
        for name in [name for name in sys.modules if name == "qc" or name.startswith("qc.")]:
            del sys.modules[name]


def module(client_package, name: str):
    return importlib.import_module(f"{client_package.__name__}.{name}")


def test_every_operation_has_a_generated_function(quotes_client):
    for name in ("api.attributions.attribute", "api.attributions.attribute_batch", "api.health.live"):
        assert hasattr(module(quotes_client, name), "sync_detailed")
    for name in ("api.health.ready", "api.info.info"):
        assert hasattr(module(quotes_client, name), "sync")


def test_the_generated_client_attributes_an_article(quotes_client, base_url, seed_text):
    models = module(quotes_client, "models")
    attribute = module(quotes_client, "api.attributions.attribute")
    client = quotes_client.Client(base_url=base_url, timeout=120)
    result = attribute.sync(client=client, body=models.Document(text=seed_text, id="seed"))
    assert isinstance(result, models.Result), result
    assert result.id == "seed" and result.model.name == "quotes-minilm" and result.quotes
    for quote in result.quotes:
        assert quote.cue is None or isinstance(quote.cue, models.Span)
        assert quote.speaker.mention is None or isinstance(quote.speaker.mention, models.Span)
        assert 0 <= quote.confidence <= 1 and quote.type_.value in {"direct", "indirect", "mixed"}
    assert_spans_slice(seed_text, result.to_dict())


def test_the_generated_client_sends_html_and_gets_the_extracted_text(quotes_client, base_url):
    models = module(quotes_client, "models")
    attribute = module(quotes_client, "api.attributions.attribute")
    result = attribute.sync(
        client=quotes_client.Client(base_url=base_url, timeout=120), body=models.Document(html=ARTICLE_PAGE)
    )
    assert isinstance(result, models.Result) and isinstance(result.text, str) and result.quotes
    assert_spans_slice(result.text, result.to_dict())


def test_problems_come_back_as_the_problem_model(quotes_client, base_url):
    models = module(quotes_client, "models")
    attribute = module(quotes_client, "api.attributions.attribute")
    response = attribute.sync_detailed(
        client=quotes_client.Client(base_url=base_url), body=models.Document(text=GERMAN)
    )
    assert response.status_code == 422
    assert isinstance(response.parsed, models.Problem)
    assert response.parsed.type_.endswith("unsupported-language") and "German" in response.parsed.detail


def test_the_batch_and_the_probes(quotes_client, base_url):
    models = module(quotes_client, "models")
    batch = module(quotes_client, "api.attributions.attribute_batch")
    client = quotes_client.Client(base_url=base_url, timeout=120)
    body = models.BatchRequest(
        documents=[
            models.Document(text="He said the talks had failed.", id="a"),
            models.Document(text="No quotes here."),
        ]
    )
    result = batch.sync(client=client, body=body)
    assert [r.id for r in result.results] == ["a", None]
    info = module(quotes_client, "api.info.info").sync(client=client)
    assert info.languages == ["en"] and info.limits.max_batch_size == 32
    assert module(quotes_client, "api.health.ready").sync(client=client).status.value == "ready"


def test_the_bearer_scheme_works_against_a_keyed_server(quotes_client, keyed_url):
    models = module(quotes_client, "models")
    attribute = module(quotes_client, "api.attributions.attribute")
    body = models.Document(text="“We will not back down,” the senator said on Tuesday.")
    anonymous = attribute.sync_detailed(client=quotes_client.Client(base_url=keyed_url), body=body)
    assert anonymous.status_code == 401 and isinstance(anonymous.parsed, models.Problem)
    keyed = quotes_client.AuthenticatedClient(base_url=keyed_url, token=KEY, timeout=120)
    assert isinstance(attribute.sync(client=keyed, body=body), models.Result)
