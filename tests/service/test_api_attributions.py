"""POST /v1/attributions and /batch through Flask's test client, on the real model."""

from __future__ import annotations

import json

import pytest
from conftest import assert_spans_slice

from quotes.serialize import result_dict
from quotes.types import ENTITY_KINDS, QUOTE_TYPES
from service.schemas import ResultSchema

SHORT = 'Asked about the vote, the senator said: "We will not back down." Her aides declined to comment.'


@pytest.fixture(scope="module")
def seed_result(app, seed_text):
    response = app.test_client().post("/v1/attributions", data=seed_text.encode("utf-8"), content_type="text/plain")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_json_body_gives_a_result_with_its_id(client, attributor):
    response = client.post("/v1/attributions", json={"text": SHORT, "id": "doc-7"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"id", "quotes", "entities", "model"}
    assert body["id"] == "doc-7"
    assert body["model"] == {"name": attributor.info.name, "version": attributor.info.version}
    assert_spans_slice(SHORT, body)


def test_id_is_optional_and_null_when_absent(client):
    body = client.post("/v1/attributions", json={"text": SHORT}).get_json()
    assert body["id"] is None


def test_plain_text_body_is_the_article(seed_result, seed_text):
    assert seed_result["id"] is None
    assert seed_result["quotes"], "the founding article has quotes"
    assert_spans_slice(seed_text, seed_result)


def test_plain_text_and_json_give_the_same_answer(client, seed_text, seed_result):
    as_json = client.post("/v1/attributions", json={"text": seed_text}).get_json()
    assert as_json == seed_result


def test_result_follows_the_contract(seed_result):
    entity_ids = {entity["id"] for entity in seed_result["entities"]}
    for n, quote in enumerate(seed_result["quotes"], start=1):
        assert quote["id"] == f"q{n}"
        assert quote["type"] in QUOTE_TYPES
        assert 0.0 <= quote["confidence"] <= 1.0
        assert set(quote["speaker"]) == {"name", "entity", "mention"}
        assert quote["speaker"]["entity"] is None or quote["speaker"]["entity"] in entity_ids
    for entity in seed_result["entities"]:
        assert entity["kind"] in ENTITY_KINDS
        assert set(entity["members"]) <= entity_ids
        assert all(isinstance(description, str) for description in entity["descriptions"])


def test_seed_speakers_are_resolved_to_entities(seed_result):
    named = [quote for quote in seed_result["quotes"] if quote["speaker"]["name"]]
    assert named, "the founding article's speakers are people with names"


def test_answer_matches_the_engine(client, attributor):
    """Nothing is recomputed on the way back: the HTTP answer is the engine's result."""
    engine = attributor.run(SHORT)
    body = client.post("/v1/attributions", json={"text": SHORT}).get_json()
    assert [(q["start"], q["end"], q["type"]) for q in body["quotes"]] == [
        (q.start, q.end, q.type) for q in engine.quotes
    ]
    assert [e["name"] for e in body["entities"]] == [e.name for e in engine.entities]


def test_the_answer_is_the_engines_one_json_form(seed_result, seed_text, attributor):
    """The API, the CLI and the Ray job answer with quotes.serialize.result_dict: same fields, same order, same
    values (compared as serialised, so key order counts)."""
    expected = result_dict(None, attributor.run(seed_text), attributor.info)
    assert json.dumps(seed_result) == json.dumps(expected)


def test_the_result_schema_dumps_the_json_form_unchanged(seed_text, attributor):
    """ResultSchema documents the form; a field it lacked, renamed or reshaped would show here."""
    body = result_dict("seed", attributor.run(seed_text), attributor.info)
    assert json.dumps(ResultSchema().dump(body)) == json.dumps(body)


def test_batch_answers_in_request_order(client, seed_text):
    texts = [SHORT, "Nothing was said here.", seed_text, 'He said: "Yes."']
    documents = [{"text": text, "id": f"d{n}"} for n, text in enumerate(texts)]
    documents[1].pop("id")
    response = client.post("/v1/attributions/batch", json={"documents": documents})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [result["id"] for result in results] == ["d0", None, "d2", "d3"]
    for text, result in zip(texts, results):
        assert_spans_slice(text, result)
    single = client.post("/v1/attributions", json={"text": seed_text, "id": "d2"}).get_json()
    assert results[2] == single


def test_batch_of_one_and_of_the_maximum(client, app):
    maximum = app.config["MAX_BATCH"]
    one = client.post("/v1/attributions/batch", json={"documents": [{"text": SHORT}]})
    assert one.status_code == 200 and len(one.get_json()["results"]) == 1
    full = client.post("/v1/attributions/batch", json={"documents": [{"text": "He said hi."}] * maximum})
    assert full.status_code == 200 and len(full.get_json()["results"]) == maximum


def test_offsets_are_code_points_not_bytes(client):
    text = "🙂 Émile, naïve “façade” — the minister said: “We’ll see.” 東京"
    body = client.post("/v1/attributions", json={"text": text}).get_json()
    assert_spans_slice(text, body)


def test_text_at_the_length_limit_is_accepted(make_app):
    app = make_app(MAX_TEXT_CHARS=400)
    text = ('The mayor said "yes". ' * 40)[:400]
    response = app.test_client().post("/v1/attributions", json={"text": text})
    assert response.status_code == 200
    assert_spans_slice(text, response.get_json())
