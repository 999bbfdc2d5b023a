"""POST /v1/attributions and /v1/attributions/batch: article text in, quotes and speakers out.

Thin on purpose: the schemas validate, the engine attributes, the response schema serialises the
engine's dataclasses as they are, so every span's offsets reach the client unchanged.
"""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from quotes.serialize import result_dict
from service import metrics
from service.api.body import JSON_OR_TEXT, BodyBlueprint
from service.auth import require_api_key
from service.config import Limits
from service.engine_holder import current_engine
from service.schemas import BatchResultSchema, ResultSchema, request_schemas

SEED_EXAMPLE = (
    "Open lines of communication \u201care essential if we are to avoid the risk of conflict,\u201d Tierney said."
)


def create_blueprint(limits: Limits, *, auth_required: bool) -> BodyBlueprint:
    DocumentSchema, BatchRequestSchema = request_schemas(limits)
    blp = BodyBlueprint(
        "attributions",
        __name__,
        url_prefix="/v1/attributions",
        description="Find quotations in news text and attribute them to speakers.",
    )
    # Order matters: 401 before 503 before any look at the body.
    blp.before_request(require_api_key)
    blp.before_request(lambda: current_engine().require_ready())
    security = {"security": [{"bearerAuth": []}]} if auth_required else {}

    plain_text_body = {
        "requestBody": {
            "content": {
                "text/plain": {
                    "schema": {"type": "string", "minLength": 1, "maxLength": limits.max_text_chars},
                    "example": SEED_EXAMPLE,
                }
            }
        }
    }

    @blp.route("")
    class Attributions(MethodView):
        @blp.arguments(
            DocumentSchema,
            location=JSON_OR_TEXT,
            example={"text": SEED_EXAMPLE, "id": "seed-1"},
            description="A JSON document, or the raw article as a UTF-8 text/plain body.",
        )
        @blp.response(200, ResultSchema)
        @blp.doc(**plain_text_body, **security)
        def post(self, document):
            """Attribute the quotes of one article"""
            engine = current_engine()
            timed = engine.run(document["text"])
            g.inference_seconds = timed.seconds
            attributions = timed.value
            metrics.observe_result("single", [quote.type for quote in attributions.quotes])
            return result_body(document.get("id"), attributions, engine.info)

    @blp.route("/batch")
    class AttributionsBatch(MethodView):
        @blp.arguments(
            BatchRequestSchema, example={"documents": [{"text": SEED_EXAMPLE, "id": "a"}, {"text": "No quotes here."}]}
        )
        @blp.response(200, BatchResultSchema)
        @blp.doc(**security)
        def post(self, batch):
            """Attribute the quotes of up to the maximum batch size of articles, answered in order"""
            engine = current_engine()
            documents = batch["documents"]
            timed = engine.run_many([document["text"] for document in documents])
            g.inference_seconds = timed.seconds
            results = timed.value
            for attributions in results:
                metrics.observe_result("batch", [quote.type for quote in attributions.quotes])
            model = engine.info
            return {
                "results": [
                    result_body(document.get("id"), attributions, model)
                    for document, attributions in zip(documents, results, strict=True)
                ]
            }

    return blp


def result_body(doc_id: str | None, attributions, model) -> dict:
    """The Result body in the engine's one JSON form (quotes.serialize, shared with the CLI and the Ray job);
    ResultSchema then documents and checks it."""
    return result_dict(doc_id, attributions, model)
