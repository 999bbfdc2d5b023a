"""Every error status of the contract, as RFC 9457 problem details with the request id."""

from __future__ import annotations

import json

import pytest
from conftest import assert_problem

URL = "/v1/attributions"
BATCH_URL = "/v1/attributions/batch"


def post_raw(client, url, body: bytes, content_type: str | None = "application/json", **kwargs):
    return client.post(url, data=body, content_type=content_type, **kwargs)


# -- 400 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        b'{"text": ',
        b"{'text': 'single quotes'}",
        b"",
        b"   ",
        b'{"text": "a"} trailing',
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_malformed_json_is_400(client, body):
    problem = assert_problem(post_raw(client, URL, body), 400)
    assert "JSON" in problem["detail"]


@pytest.mark.parametrize(
    "url,content_type", [(URL, "application/json"), (URL, "text/plain"), (BATCH_URL, "application/json")]
)
def test_bytes_that_are_not_utf8_are_400(client, url, content_type):
    body = '{"text": "café"}'.encode("latin-1") if content_type.endswith("json") else "café".encode("utf-16")
    problem = assert_problem(post_raw(client, url, body, content_type), 400)
    assert "UTF-8" in problem["detail"]


def test_utf16_json_is_not_guessed_but_refused(client):
    assert_problem(post_raw(client, URL, json.dumps({"text": "hello"}).encode("utf-16")), 400)


# -- 404 / 405 -----------------------------------------------------------------------------------
def test_unknown_route_is_404(client):
    problem = assert_problem(client.get("/v1/nothing-here"), 404)
    assert problem["type"].endswith("not-found")


def test_wrong_method_is_405_with_allow(client):
    response = client.get(URL)
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]
    assert_problem(client.delete("/v1/health/live"), 405)


# -- 413 -----------------------------------------------------------------------------------------
def test_body_over_the_default_limit_is_413(client, app):
    limit = app.config["MAX_BODY_BYTES"]
    assert limit == 2 * 1024 * 1024
    body = json.dumps({"text": "a" * limit}).encode()
    problem = assert_problem(post_raw(client, URL, body), 413)
    assert str(limit) in problem["detail"]
    assert_problem(post_raw(client, URL, b"a" * (limit + 1), "text/plain"), 413)


def test_body_limit_is_configurable(make_app):
    client = make_app(MAX_BODY_BYTES=1000).test_client()
    assert_problem(post_raw(client, URL, b"a" * 1001, "text/plain"), 413)
    assert post_raw(client, URL, b'He said "yes".', "text/plain").status_code == 200


# -- 415 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content_type",
    [
        "application/xml",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        None,
        "text/plain; charset=latin-1",
    ],
)
def test_other_content_types_are_415(client, content_type):
    response = client.post(URL, data=b"text=hello", headers={"Content-Type": content_type} if content_type else {})
    assert_problem(response, 415)


def test_batch_takes_json_only(client):
    assert_problem(post_raw(client, BATCH_URL, b"some article", "text/plain"), 415)


def test_json_with_a_charset_and_suffix_types_are_accepted(client):
    body = json.dumps({"text": 'He said "yes".'}).encode()
    assert post_raw(client, URL, body, "application/json; charset=utf-8").status_code == 200
    assert post_raw(client, URL, "He said “yes”.".encode(), "text/plain; charset=UTF-8").status_code == 200


# -- 422 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "payload,field,words",
    [
        ({"text": ""}, "text", "empty"),
        ({}, "text", "required"),
        ({"text": 42}, "text", "string"),
        ({"text": ["a"]}, "text", "string"),
        ({"text": "ok", "id": 5}, "id", "string"),
        ({"text": "ok", "id": "x" * 201}, "id", "200"),
        ({"text": "ok", "lang": "en"}, "lang", "Unknown field"),
        ({"text": "\ud800 lone surrogate"}, "text", "surrogate"),
    ],
)
def test_schema_violations_are_422_with_field_messages(client, payload, field, words):
    response = post_raw(client, URL, json.dumps(payload).encode())
    problem = assert_problem(response, 422)
    assert field in problem["errors"], problem
    assert words.lower() in " ".join(problem["errors"][field]).lower()


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"null", b"42"])
def test_body_that_is_not_an_object_is_422(client, body):
    problem = assert_problem(post_raw(client, URL, body), 422)
    assert problem["errors"]


def test_text_over_the_limit_names_the_limit(client):
    problem = assert_problem(client.post(URL, json={"text": "a" * 100_001}), 422)
    assert problem["errors"]["text"] == ["text length 100001 > maximum allowed text length 100000 characters"]
    assert "100000" in problem["detail"]


def test_plain_text_over_the_limit_is_422(client):
    problem = assert_problem(post_raw(client, URL, b"a" * 100_001, "text/plain"), 422)
    assert "100000" in problem["errors"]["text"][0]


def test_batch_over_the_maximum_names_both_sizes(client):
    payload = {"documents": [{"text": "He said hi."}] * 40}
    problem = assert_problem(client.post(BATCH_URL, json=payload), 422)
    assert problem["errors"]["documents"] == ["batch size 40 > maximum allowed batch size 32"]
    assert "batch size 40 > maximum allowed batch size 32" in problem["detail"]


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"documents": []}, "documents"),
        ({}, "documents"),
        ({"documents": "text"}, "documents"),
        ({"documents": [{"text": "fine"}, {"text": ""}]}, "documents.1.text"),
        ({"documents": [{"text": "fine", "extra": 1}]}, "documents.0.extra"),
        ({"documents": [{"text": "fine"}], "more": True}, "more"),
    ],
)
def test_batch_violations_are_422(client, payload, field):
    problem = assert_problem(client.post(BATCH_URL, json=payload), 422)
    assert field in problem["errors"], problem


def test_limits_follow_the_configuration(make_app):
    client = make_app(MAX_BATCH=2, MAX_TEXT_CHARS=10).test_client()
    problem = assert_problem(client.post(BATCH_URL, json={"documents": [{"text": "a"}] * 3}), 422)
    assert problem["errors"]["documents"] == ["batch size 3 > maximum allowed batch size 2"]
    assert_problem(client.post(URL, json={"text": "a" * 11}), 422)


def test_apps_of_one_process_keep_their_own_limits(make_app):
    """The blueprints and schemas are shared by every app; each app still enforces and documents its own limits."""
    small = make_app(MAX_BATCH=2, MAX_TEXT_CHARS=10).test_client()
    large = make_app(MAX_BATCH=4, MAX_TEXT_CHARS=20).test_client()
    for _ in range(2):  # interleaved: nothing of one app's limits stays behind for the other
        problem = assert_problem(small.post(BATCH_URL, json={"documents": [{"text": "a"}] * 3}), 422)
        assert problem["errors"]["documents"] == ["batch size 3 > maximum allowed batch size 2"]
        assert large.post(BATCH_URL, json={"documents": [{"text": "a"}] * 3}).status_code == 200
        problem = assert_problem(small.post(URL, json={"text": "a" * 15}), 422)
        assert problem["errors"]["text"] == ["text length 15 > maximum allowed text length 10 characters"]
        assert large.post(URL, json={"text": "a" * 15}).status_code == 200
    for client, batch, chars in ((small, 2, 10), (large, 4, 20)):
        spec = client.get("/openapi.json").get_json()
        schemas = spec["components"]["schemas"]
        assert schemas["Document"]["properties"]["text"]["maxLength"] == chars
        assert schemas["BatchRequest"]["properties"]["documents"]["maxItems"] == batch
        plain = spec["paths"][URL]["post"]["requestBody"]["content"]["text/plain"]["schema"]
        assert plain["maxLength"] == chars


# -- 500 -----------------------------------------------------------------------------------------
def test_unexpected_error_is_500_without_internals(make_app, caplog):
    app = make_app()

    @app.get("/v1/raise-for-test")
    def fail():
        raise RuntimeError("secret-internal-detail at /srv/app.py")

    with caplog.at_level("ERROR", logger="service"):
        response = app.test_client().get("/v1/raise-for-test")
    problem = assert_problem(response, 500)
    body = response.get_data(as_text=True)
    assert "secret-internal-detail" not in body and "Traceback" not in body and "RuntimeError" not in body
    assert set(problem) == {"type", "title", "status", "detail", "request_id"}
    assert "secret-internal-detail" in caplog.text, "the error is logged server-side"
    assert problem["request_id"] in caplog.text


def test_engine_failure_is_500_and_the_next_request_is_served(make_app, attributor, caplog):
    """An engine exception is contained: a problem answer, and the worker goes on."""

    class FailingOnce:
        info = attributor.info

        def __init__(self):
            self.calls = 0

        def run(self, text, tokenized=None):
            self.calls += 1
            if self.calls == 2:  # the first call is the warm-up
                raise ValueError("engine blew up on /secret/path")
            return attributor.run(text, tokenized)

        def run_many(self, texts, tokenized=None):
            return attributor.run_many(texts, tokenized)

        def release_memory(self):
            attributor.release_memory()

        def tokenize(self, text):
            return attributor.tokenize(text)

    client = make_app(ATTRIBUTOR=FailingOnce()).test_client()
    with caplog.at_level("ERROR", logger="service"):
        failed = client.post(URL, json={"text": "He said hi."})
    assert_problem(failed, 500)
    assert "/secret/path" not in failed.get_data(as_text=True)
    assert client.post(URL, json={"text": "He said hi."}).status_code == 200
