"""Invariants for any text: the service answers 200 or a 4xx problem, never 5xx, and every span of a
200 answer slices the submitted text exactly (Unicode code points, end exclusive)."""

from __future__ import annotations

import json

from conftest import assert_spans_slice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

# News-like pieces (marks of every style, cues, names, pronouns) mixed with arbitrary code points.
PIECES = [
    "He said",
    "she told reporters",
    "according to",
    "Mark Milley",
    "Gen.",
    "the minister",
    "“",
    "”",
    '"',
    "‘",
    "’",
    "«",
    "»",
    "„",
    "'",
    ",",
    ".",
    ":",
    "\n\n",
    " ",
    "said",
    "We will",
    "not",
    "Tierney said.",
]
newsish = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map(" ".join)
any_text = st.text(max_size=400) | newsish


def check(response, text: str) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code == 200:
        assert_spans_slice(text, response.get_json())
    else:
        assert 400 <= response.status_code < 500
        assert response.mimetype == "application/problem+json"


@PROPERTY_SETTINGS
@given(text=any_text)
def test_json_any_text(client, text):
    check(client.post("/v1/attributions", json={"text": text}), text)


@PROPERTY_SETTINGS
@given(text=any_text)
def test_plain_text_any_text(client, text):
    check(client.post("/v1/attributions", data=text.encode("utf-8"), content_type="text/plain"), text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(any_text, min_size=1, max_size=4))
def test_batch_any_texts(client, texts):
    response = client.post("/v1/attributions/batch", json={"documents": [{"text": text} for text in texts]})
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code == 200:
        results = response.get_json()["results"]
        assert len(results) == len(texts)
        for text, result in zip(texts, results):
            assert_spans_slice(text, result)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.binary(max_size=300)
    | st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
        max_leaves=12,
    ).map(lambda value: json.dumps(value).encode()),
    content_type=st.sampled_from(["application/json", "text/plain", "application/octet-stream"]),
)
def test_arbitrary_bodies_never_5xx(client, body, content_type):
    for url in ("/v1/attributions", "/v1/attributions/batch"):
        response = client.post(url, data=body, content_type=content_type)
        assert response.status_code < 500, response.get_data(as_text=True)
        assert response.headers["X-Request-ID"]
