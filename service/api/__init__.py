"""The HTTP resources, one blueprint each, and the flask-smorest Api that documents them.

Every error is documented as application/problem+json, as service/errors.py answers it.
"""

from __future__ import annotations

import http

from flask import Flask
from flask_smorest import Api
from flask_smorest.utils import prepare_response

from service.api import attributions, docs, health, info, metrics
from service.api.contract import BEARER_SCHEME, ERROR_DESCRIPTIONS, ConfiguredContract, NullableSpans
from service.config import Limits
from service.errors import PROBLEM_CONTENT_TYPE
from service.schemas import ProblemSchema

OPENAPI_SETTINGS = {
    "API_TITLE": "quotes",
    "API_VERSION": "1.0.0",
    "OPENAPI_VERSION": "3.0.3",  # Swagger UI 4 (swagger-ui-bundle) reads 3.0
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
}
DESCRIPTION = (
    "Quote attribution for newsrooms: finds direct, indirect and mixed quotations in an English news "
    "article and who said them. Send text (JSON or text/plain) or an HTML page (JSON `html` or text/html). "
    "Offsets are Unicode code-point indices into the submitted text (for HTML, into the result's `text`), "
    "end exclusive, so `text[start:end] == span.text` for every span. Text that is confidently not English "
    'is answered 422 `unsupported-language` unless the document says `"language": "en"`. Errors are '
    "RFC 9457 problem details."
)


class QuotesApi(Api):
    """flask-smorest's Api with problem+json documented for every error status."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": ERROR_DESCRIPTIONS.get(status, status.phrase)}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_CONTENT_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "Error (problem details)", "schema": self.ERROR_SCHEMA}
        prepare_response(default, self.spec, PROBLEM_CONTENT_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, default, lazy=True)

    def _register_pagination_header(self):
        """Nothing is paginated here: keep flask-smorest's pagination schema out of the document."""


def register_api(app: Flask, limits: Limits, *, auth_required: bool) -> QuotesApi:
    for key, value in OPENAPI_SETTINGS.items():
        app.config.setdefault(key, value)
    # The scheme is always declared, so that a client generated once works against either kind of server;
    # the operations require it only when keys are configured.
    spec_options = {"info": {"description": DESCRIPTION}, "components": {"securitySchemes": BEARER_SCHEME}}
    app.config.setdefault("API_SPEC_OPTIONS", spec_options)
    configured = ConfiguredContract(limits, secured_prefix=attributions.blp.url_prefix if auth_required else None)
    api = QuotesApi(app, spec_kwargs={"extra_plugins": [NullableSpans(), configured]})
    api.register_blueprint(attributions.blp)
    api.register_blueprint(health.blp)
    api.register_blueprint(info.blp)
    app.register_blueprint(metrics.blp)
    app.register_blueprint(docs.blp)
    return api
