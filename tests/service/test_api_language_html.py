"""Other languages get a clear 422, unless the client says the text is English; HTML pages are read as their
article's text, and answered with that text, which the offsets index into."""

import pytest
from conftest import assert_problem, assert_spans_slice
from samples import ARTICLE_PAGE, ARTICLE_TEXT, ENGLISH, FRENCH, GERMAN, SPANISH

LANGUAGES = [(GERMAN, "German", "de"), (SPANISH, "Spanish", "es"), (FRENCH, "French", "fr")]


@pytest.mark.parametrize("text, name, code", LANGUAGES, ids=["de", "es", "fr"])
def test_text_confidently_not_english_is_a_422_naming_the_language(client, text, name, code):
    for response in (
        client.post("/v1/attributions", json={"text": text}),
        client.post("/v1/attributions", data=text.encode(), content_type="text/plain"),
    ):
        problem = assert_problem(response, 422)
        assert problem["type"].endswith("unsupported-language")
        assert f"{name} ({code}" in problem["detail"] and '"language": "en"' in problem["detail"]
        assert list(problem["errors"]) == ["text"]


@pytest.mark.parametrize("text", [GERMAN, SPANISH, FRENCH], ids=["de", "es", "fr"])
def test_language_en_attributes_it_anyway(client, text):
    response = client.post("/v1/attributions", json={"text": text, "language": "en"})
    assert response.status_code == 200
    assert_spans_slice(text, response.get_json())


def test_only_supported_languages_can_be_declared(client):
    problem = assert_problem(client.post("/v1/attributions", json={"text": GERMAN, "language": "de"}), 422)
    assert problem["type"].endswith("invalid-request") and "language" in problem["errors"]


def test_a_batch_names_the_document_in_another_language(client):
    documents = [{"text": ENGLISH}, {"text": ENGLISH}, {"text": SPANISH}]
    problem = assert_problem(client.post("/v1/attributions/batch", json={"documents": documents}), 422)
    assert problem["type"].endswith("unsupported-language")
    assert list(problem["errors"]) == ["documents.2.text"] and "Spanish" in problem["detail"]
    documents[2]["language"] = "en"
    assert client.post("/v1/attributions/batch", json={"documents": documents}).status_code == 200


def test_english_news_passes(client):
    assert client.post("/v1/attributions", json={"text": ENGLISH}).status_code == 200


def test_info_lists_the_supported_languages(client):
    assert client.get("/v1/info").get_json()["languages"] == ["en"]


def quotes_of(result: dict) -> list[tuple]:
    return [
        (q["type"], q["text"], q["start"], q["end"], q["speaker"]["name"], q["cue"] and q["cue"]["text"])
        for q in result["quotes"]
    ]


def test_an_html_page_gets_the_same_quotes_as_its_text(client):
    from_text = client.post("/v1/attributions", json={"text": ARTICLE_TEXT}).get_json()
    from_json_html = client.post("/v1/attributions", json={"html": ARTICLE_PAGE, "id": "page"}).get_json()
    from_html_body = client.post("/v1/attributions", data=ARTICLE_PAGE.encode(), content_type="text/html").get_json()
    assert len(from_text["quotes"]) >= 3
    for result in (from_json_html, from_html_body):
        assert result["text"] == ARTICLE_TEXT
        assert quotes_of(result) == quotes_of(from_text)
        assert [e["name"] for e in result["entities"]] == [e["name"] for e in from_text["entities"]]
        assert_spans_slice(result["text"], result)
    assert from_json_html["id"] == "page" and "text" not in from_text
    speakers = {q["speaker"]["name"] for q in from_text["quotes"]}
    assert {"Alice Brown", "Tom Green"} <= speakers
    assert not any("&" in q["text"] and ";" in q["text"] for q in from_json_html["quotes"])


def test_html_in_a_batch(client):
    documents = [{"html": ARTICLE_PAGE, "id": "a"}, {"text": ENGLISH, "id": "b"}]
    results = client.post("/v1/attributions/batch", json={"documents": documents}).get_json()["results"]
    assert results[0]["text"] == ARTICLE_TEXT and "text" not in results[1]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"html": "<html><body><script>var a = 1;</script></body></html>"}, "html"),
        ({"text": ENGLISH, "html": ARTICLE_PAGE}, "text"),
        ({"id": "nothing"}, "text"),
        ({"html": ""}, "html"),
    ],
)
def test_html_without_text_or_with_text_too_is_a_422(client, body, field):
    problem = assert_problem(client.post("/v1/attributions", json=body), 422)
    assert field in problem["errors"]


def test_extracted_text_over_the_limit_is_a_422(make_app):
    small = make_app(MAX_TEXT_CHARS=200).test_client()
    problem = assert_problem(small.post("/v1/attributions", data=ARTICLE_PAGE.encode(), content_type="text/html"), 422)
    assert "extracted text length" in problem["errors"]["html"][0]


def test_html_in_another_language_is_a_422_too(client):
    page = f"<html><body><article><p>{GERMAN}</p></article></body></html>"
    problem = assert_problem(client.post("/v1/attributions", data=page.encode(), content_type="text/html"), 422)
    assert problem["type"].endswith("unsupported-language")
