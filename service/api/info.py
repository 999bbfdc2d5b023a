"""GET /v1/info: which model answers, and the limits of one request."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from quotes.language import SUPPORTED_LANGUAGES
from service.api.contract import PROBE_ERRORS, document_errors
from service.config import limits_from_config
from service.engine_holder import current_engine
from service.schemas import InfoSchema

API_VERSION = "v1"


blp = Blueprint("info", __name__, url_prefix="/v1/info", description="Model and limits (no API key needed).")


@blp.route("")
class Info(MethodView):
    @blp.response(200, InfoSchema)
    @document_errors(blp, PROBE_ERRORS)
    @blp.doc(operationId="info")
    def get(self):
        """Describe the model and the request limits"""
        engine = current_engine()
        return {
            "service": "quotes",
            "api_version": API_VERSION,
            "model": engine.info,
            "ready": engine.ready,
            "limits": limits_from_config(current_app.config),
            "languages": list(SUPPORTED_LANGUAGES),
        }
