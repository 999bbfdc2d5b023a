"""POST /v1/attributions and /v1/attributions/batch: article text in, quotes and speakers out.

Thin on purpose: the schemas validate, the engine attributes, and the engine's one JSON form of a result
(``quotes.serialize.result_dict``, which the CLI and the Ray job write too) is the answer; ResultSchema
documents that form, and dumping through it changes nothing (tests/service/test_api_attributions.py).
Every span's offsets reach the client unchanged. The limits and the key
requirement are the app's, read per request (service/schemas.py, service/auth.py) and documented per app
(service/api/contract.py).
"""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from quotes.serialize import result_dict
from service import metrics
from service.api.body import JSON_OR_TEXT, BodyBlueprint
from service.api.contract import ATTRIBUTION_ERRORS, document_errors
from service.api.documents import PreparedDocument, prepare_document
from service.auth import require_api_key
from service.engine_holder import current_engine
from service.schemas import SEED_EXAMPLE, BatchRequestSchema, BatchResultSchema, DocumentSchema, ResultSchema

HTML_EXAMPLE = f"<html><body><nav>Home | Politics</nav><article><p>{SEED_EXAMPLE}</p></article></body></html>"
PLAIN_TEXT_BODY = {
    "requestBody": {
        "content": {
            "text/plain": {
                "schema": {"type": "string", "minLength": 1},  # maxLength: the app's own (api/contract.py)
                "example": SEED_EXAMPLE,
            },
            "text/html": {
                "schema": {"type": "string", "minLength": 1},
                "example": HTML_EXAMPLE,
            },
        }
    }
}


blp = BodyBlueprint(
    "attributions",
    __name__,
    url_prefix="/v1/attributions",
    description="Find quotations in news text and attribute them to speakers.",
)
# Order matters: 401 before 503 before any look at the body.
blp.before_request(require_api_key)
blp.before_request(lambda: current_engine().require_ready())


@blp.route("")
class Attributions(MethodView):
    @blp.arguments(
        DocumentSchema,
        location=JSON_OR_TEXT,
        example={"text": SEED_EXAMPLE, "id": "seed-1"},
        description="A JSON document, or the raw article as a UTF-8 text/plain or text/html body.",
    )
    @blp.response(200, ResultSchema)
    @document_errors(blp, ATTRIBUTION_ERRORS)
    @blp.doc(operationId="attribute", **PLAIN_TEXT_BODY)
    def post(self, document):
        """Attribute the quotes of one article"""
        prepared = prepare_document(document)
        engine = current_engine()
        timed = engine.run(prepared.text, prepared.tokenized)
        g.inference_seconds = timed.seconds
        attributions = timed.value
        metrics.observe_result("single", [quote.type for quote in attributions.quotes])
        return result_body(prepared, attributions, engine.info)


@blp.route("/batch")
class AttributionsBatch(MethodView):
    @blp.arguments(
        BatchRequestSchema, example={"documents": [{"text": SEED_EXAMPLE, "id": "a"}, {"text": "No quotes here."}]}
    )
    @blp.response(200, BatchResultSchema)
    @document_errors(blp, ATTRIBUTION_ERRORS)
    @blp.doc(operationId="attributeBatch")
    def post(self, batch):
        """Attribute the quotes of up to the maximum batch size of articles, answered in order"""
        documents = [prepare_document(document, f"documents.{i}.") for i, document in enumerate(batch["documents"])]
        engine = current_engine()
        timed = engine.run_many([document.text for document in documents], [d.tokenized for d in documents])
        g.inference_seconds = timed.seconds
        results = timed.value
        for attributions in results:
            metrics.observe_result("batch", [quote.type for quote in attributions.quotes])
        model = engine.info
        return {
            "results": [
                result_body(document, attributions, model)
                for document, attributions in zip(documents, results, strict=True)
            ]
        }


def result_body(document: PreparedDocument, attributions, model) -> dict:
    """The Result body: the engine's JSON form of the result, and the extracted text for an HTML document."""
    body = result_dict(document.id, attributions, model)
    if document.from_html:
        body["text"] = document.text  # what the offsets index into: the client never saw this text
    return body
