"""API keys (QUOTES_API_KEYS): attribution routes need `Authorization: Bearer KEY`; the rest stays open."""

from __future__ import annotations

import pytest
from conftest import assert_problem

from service.config import parse_api_keys

KEYS = ("key-one", "key-two")


@pytest.fixture(scope="module")
def keyed_client(make_app):
    return make_app(API_KEYS=KEYS).test_client()


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Bearer wrong",
        "Basic a2V5LW9uZQ==",
        "key-one",
        "Bearer key-one-extra",
        "Bearer kéy",
    ],
)
def test_missing_or_wrong_key_is_401(keyed_client, authorization):
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = keyed_client.post("/v1/attributions", json={"text": "He said hi."}, headers=headers)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    batch = keyed_client.post("/v1/attributions/batch", json={"documents": [{"text": "a"}]}, headers=headers)
    assert_problem(batch, 401)


@pytest.mark.parametrize("key", KEYS)
def test_each_configured_key_is_accepted(keyed_client, key):
    response = keyed_client.post(
        "/v1/attributions", json={"text": "He said hi."}, headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200


def test_authentication_comes_before_the_body(keyed_client):
    assert_problem(keyed_client.post("/v1/attributions", data=b"{", content_type="application/json"), 401)


@pytest.mark.parametrize(
    "path", ["/v1/health/live", "/v1/health/ready", "/v1/info", "/openapi.json", "/docs", "/metrics"]
)
def test_open_routes_need_no_key(keyed_client, path):
    assert keyed_client.get(path).status_code == 200


def test_openapi_declares_bearer_auth_only_when_keys_are_set(keyed_client, client):
    keyed = keyed_client.get("/openapi.json").get_json()
    assert keyed["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert keyed["paths"]["/v1/attributions"]["post"]["security"] == [{"bearerAuth": []}]
    assert "security" not in client.get("/openapi.json").get_json()["paths"]["/v1/attributions"]["post"]


def test_keys_parse_from_comma_separated_text():
    assert parse_api_keys(" a, b ,,c ") == ("a", "b", "c")
    assert parse_api_keys("") == ()
    assert parse_api_keys(None) == ()
