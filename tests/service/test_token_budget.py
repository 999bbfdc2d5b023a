"""The token budget (issue 9): an article whose encoder tokens exceed QUOTES_MAX_TOKENS is answered 413
problem+json before inference, naming its count and the limit; what the encoder does not read (a capped
blob, windows without a letter) does not count."""

from __future__ import annotations

import base64
import random

import pytest
from conftest import assert_problem, assert_spans_slice

from service.config import (
    DEFAULT_MAX_TEXT_CHARS,
    MAX_TOKENS_PER_TEXT_CHAR,
    ConfigError,
    Limits,
    limits_from_config,
    settings_from_environ,
)

URL = "/v1/attributions"
DENSE = "a.b.c " * 100  # 5 tokens per 6 characters: 500, all read (every window has a letter)
BUDGET = 300


@pytest.fixture(scope="module")
def small_budget(make_app):
    return make_app(MAX_TOKENS=BUDGET).test_client()


def assert_too_many_tokens(response, where: str, tokens: int) -> dict:
    problem = assert_problem(response, 413)
    assert problem["type"].endswith(":too-many-tokens")
    assert problem["tokens"] == tokens and problem["max_tokens"] == BUDGET
    assert f"{tokens} encoder tokens" in problem["detail"] and f"{BUDGET} tokens" in problem["detail"]
    assert problem["detail"].startswith(f"{where}: ") and list(problem["errors"]) == [where]
    return problem


def test_an_article_over_the_budget_is_413_with_its_count_and_the_limit(small_budget, attributor):
    tokens = attributor.encoder_tokens(DENSE)
    assert tokens == 500
    assert_too_many_tokens(small_budget.post(URL, json={"text": DENSE}), "text", tokens)
    plain = small_budget.post(URL, data=DENSE.encode(), content_type="text/plain")
    assert_too_many_tokens(plain, "text", tokens)
    html = small_budget.post(URL, json={"html": f"<article><p>{DENSE}</p></article>"})
    assert_too_many_tokens(html, "html", attributor.encoder_tokens(DENSE.strip()))


def test_a_batch_names_the_document_over_the_budget(small_budget):
    documents = [{"text": "He said hi."}, {"text": DENSE}]
    assert_too_many_tokens(small_budget.post(URL + "/batch", json={"documents": documents}), "documents.1.text", 500)


def test_what_the_encoder_does_not_read_does_not_count(small_budget):
    """Marks between spaces (windows without a letter) and a base64 blob (one word, capped) are far over 300
    tokens of the tokenizer, but the encoder reads few of them: they are attributed, every span a slice."""
    marks = "“ ” " * 1000 + "The senator said “we will not back down”."
    blob = "He said so. " + base64.b64encode(random.Random(9).randbytes(6000)).decode()
    for text in (marks, blob):
        response = small_budget.post(URL, json={"text": text, "language": "en"})
        assert response.status_code == 200, response.get_json()
        assert_spans_slice(text, response.get_json())


def test_the_default_budget_is_half_a_token_per_character_of_the_text_limit(client, make_app):
    limits = client.get("/v1/info").get_json()["limits"]
    assert limits["max_tokens"] == DEFAULT_MAX_TEXT_CHARS * MAX_TOKENS_PER_TEXT_CHAR == 50_000
    smaller = make_app(MAX_TEXT_CHARS=1000).test_client().get("/v1/info").get_json()["limits"]
    assert smaller["max_tokens"] == 500


def test_quote_dense_prose_at_the_text_limit_fits_the_default_budget(attributor, seed_text):
    quote_dense = ('"a," he said. ' * 8000)[:DEFAULT_MAX_TEXT_CHARS]
    assert attributor.encoder_tokens(quote_dense) <= Limits().max_tokens
    assert attributor.encoder_tokens(seed_text) < len(seed_text) * MAX_TOKENS_PER_TEXT_CHAR


def test_quotes_max_tokens_is_read_and_checked():
    assert limits_from_config(settings_from_environ({"QUOTES_MAX_TOKENS": "1234"})).max_tokens == 1234
    assert limits_from_config(settings_from_environ({"QUOTES_MAX_TEXT_CHARS": "10"})).max_tokens == 5
    for bad in ("0", "many"):
        with pytest.raises(ConfigError, match="QUOTES_MAX_TOKENS"):
            settings_from_environ({"QUOTES_MAX_TOKENS": bad})


def test_the_contract_documents_the_budget(client):
    spec = client.get("/openapi.json").get_json()
    assert "max_tokens" in spec["components"]["schemas"]["Limits"]["properties"]
    assert {"tokens", "max_tokens"} <= set(spec["components"]["schemas"]["Problem"]["properties"])
    too_large = spec["paths"]["/v1/attributions"]["post"]["responses"]["413"]
    described = too_large.get("description") or spec["components"]["responses"][too_large["$ref"].split("/")[-1]]
    assert "too-many-tokens" in str(described) and "QUOTES_MAX_TOKENS" in str(described)


class CountingTokenizer:
    """The engine's own tokenizer, counting the texts it is asked to read (everything else passes through)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.texts: list[str] = []

    def __call__(self, text, *args, **kwargs):
        self.texts.append(text)
        return self.tokenizer(text, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)


def test_each_article_is_tokenized_once_for_the_budget_and_the_model(client, attributor, seed_text, monkeypatch):
    """The size check's tokens go on to the engine: one tokenizer pass per article, single or batch, and the
    same answer as the engine's own run."""
    counting = CountingTokenizer(attributor.span_model.tokenizer)
    expected = client.post(URL, json={"text": seed_text}).get_json()
    monkeypatch.setattr(attributor.span_model, "tokenizer", counting)
    assert client.post(URL, json={"text": seed_text}).get_json() == expected
    assert counting.texts == [seed_text]
    documents = [{"text": seed_text}, {"text": "He said hi."}]
    batch = client.post(URL + "/batch", json={"documents": documents})
    assert batch.status_code == 200 and batch.get_json()["results"][0] == expected
    assert counting.texts == [seed_text, seed_text, "He said hi."]
