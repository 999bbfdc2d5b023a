"""GET /v1/health/live and /v1/health/ready: liveness says the process answers, readiness that the
model is loaded and has passed its warm-up run (503 until then)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from service.api.contract import PROBE_ERRORS, document_errors
from service.engine_holder import current_engine
from service.schemas import LiveSchema, ReadySchema

blp = Blueprint(
    "health", __name__, url_prefix="/v1/health", description="Liveness and readiness probes (no API key needed)."
)


@blp.route("/live")
class Live(MethodView):
    @blp.response(200, LiveSchema)
    @document_errors(blp, PROBE_ERRORS)
    @blp.doc(operationId="live")
    def get(self):
        """Answer 200 while the process is up"""
        return {"status": "alive"}


@blp.route("/ready")
class Ready(MethodView):
    @blp.response(200, ReadySchema)
    @document_errors(blp, (*PROBE_ERRORS, 503))
    @blp.doc(operationId="ready")
    def get(self):
        """Answer 200 once the model is loaded and warmed up, 503 before"""
        engine = current_engine()
        engine.require_ready()
        return {"status": "ready", "model": engine.info}
