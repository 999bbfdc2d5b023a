"""schemathesis against the app's own /openapi.json, in-process (WSGI): for inputs the schema allows
(positive) and forbids (negative), no 5xx, and every answer conforms to the documented status,
content type, headers and schema.

Each operation's strategy is driven by hypothesis directly (`as_strategy`) rather than through
schemathesis' lazy pytest fixture loader, which does not run under pytest 9.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, assume, given, settings
from schemathesis import GenerationMode

from quotes.html import NoArticleText, extract_article_text
from quotes.language import detect_language

SINGLE = ("POST", "/v1/attributions")
BATCH = ("POST", "/v1/attributions/batch")
PROBES = [("GET", "/v1/health/live"), ("GET", "/v1/health/ready"), ("GET", "/v1/info")]
EXAMPLES = {"positive": 25, "negative": 25}
# How we reject a request the schema forbids (413: a body over the size limit is one of them).
REJECTION_STATUSES = [400, 401, 404, 405, 413, 415, 422]
CONFIG = {"checks": {"negative_data_rejection": {"expected-statuses": REJECTION_STATUSES}}}

CASES = (
    [(SINGLE, media_type, mode) for media_type in ("application/json", "text/plain") for mode in EXAMPLES]
    + [(BATCH, "application/json", mode) for mode in EXAMPLES]
    + [(probe, None, "positive") for probe in PROBES]
)


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/openapi.json", app, config=schemathesis.Config.from_dict(CONFIG))


def test_every_documented_operation_is_covered(api_schema):
    documented = {(result.ok().method.upper(), result.ok().path) for result in api_schema.get_all_operations()}
    assert documented == {SINGLE, BATCH, *PROBES}


@pytest.mark.parametrize(
    "operation,media_type,mode", CASES, ids=[f"{m} {p} {t or ''} {mode}" for (m, p), t, mode in CASES]
)
def test_operation_conforms_to_the_schema(api_schema, operation, media_type, mode):
    method, path = operation
    api_operation = api_schema[path][method]
    options = {"media_type": media_type} if media_type else {}
    strategy = api_operation.as_strategy(generation_mode=GenerationMode(mode), **options)

    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )
    @given(case=strategy)
    def check(case):
        if mode == "positive":
            assume(not refused_for_content(case.body, case.media_type))
        else:
            # A raw text/html body is any string: a "schema-violating" one (a number) arrives as its
            # digits, a valid page. The html JSON field gets negative cases like every other field.
            assume(case.media_type != "text/html")
        case.call_and_validate()

    check()


def refused_for_content(body, media_type: str | None) -> bool:
    """Bodies the schema allows but the service rightly answers 422, by rules no schema can state:
    neither or both of text and html, an HTML page with no article text, text confidently not English
    (each tested in test_api_language_html.py)."""
    if isinstance(body, str):
        documents = [{"html" if media_type == "text/html" else "text": body}]
    elif isinstance(body, dict):
        documents = body.get("documents", [body])
    else:
        return False
    for document in documents:
        if not isinstance(document, dict) or ("text" in document) == ("html" in document):
            return True
        text = document.get("text")
        if text is None:
            try:
                text = extract_article_text(document["html"])
            except NoArticleText:
                return True
        if document.get("language") is None and detect_language(text).confidently_unsupported:
            return True
    return False
