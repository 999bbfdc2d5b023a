"""The Flask application factory: configuration, the engine holder, hooks, routes and error handlers."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from service.api import register_api
from service.config import limits_from_config, parse_api_keys, resolve_model_dir, settings_from_environ
from service.engine_holder import EXTENSION_KEY, EngineHolder
from service.errors import register_error_handlers
from service.logs import configure_logging
from service.request_hooks import register_request_hooks


def create_app(config: Mapping | None = None) -> Flask:
    """Build the app; the model loads in a background thread unless ENGINE_LOADING is "sync".

    `config` overrides the QUOTES_* environment: e.g. {"ATTRIBUTOR": attributor} injects a built
    engine, {"API_KEYS": ("k1",)} turns authentication on, {"MAX_BATCH": 8} lowers a limit.
    """
    app = Flask(__name__)
    app.config.update(settings_from_environ())
    if config:
        app.config.update(config)
    if isinstance(app.config["API_KEYS"], str):
        app.config["API_KEYS"] = parse_api_keys(app.config["API_KEYS"])
    app.config["API_KEYS"] = tuple(app.config["API_KEYS"] or ())
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_BODY_BYTES"])
    app.json.sort_keys = False  # keep the contract's field order
    configure_logging(app.config["LOG_LEVEL"], app.config["LOG_FORMAT"])

    # `POST /v1//attributions` is a 404, not a 308 redirect to an HTML page that drops the body.
    app.url_map.merge_slashes = False

    engine = EngineHolder(
        resolve_model_dir(app.config["MODEL_DIR"]),
        num_threads=app.config["TORCH_THREADS"],
        factory=app.config["ENGINE_FACTORY"],
        attributor=app.config["ATTRIBUTOR"],
        device=app.config["DEVICE"],
        heads_device=app.config["HEADS_DEVICE"],
        queue_depth=int(app.config["QUEUE_DEPTH"]),
        deadline_s=float(app.config["INFERENCE_TIMEOUT"]),
    )
    app.extensions[EXTENSION_KEY] = engine

    register_request_hooks(app)
    register_api(app, limits_from_config(app.config), auth_required=bool(app.config["API_KEYS"]))
    register_error_handlers(app)  # after the Api: replaces flask-smorest's JSON error handler

    engine.start(background=app.config["ENGINE_LOADING"] == "background")
    return app
