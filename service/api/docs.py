"""GET /docs: Swagger UI for /openapi.json, its assets served from the swagger-ui-bundle package."""

from __future__ import annotations

from flask import Blueprint, render_template_string, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path

ASSETS = str(swagger_ui_path)

# validatorUrl null: Swagger UI would otherwise send the spec to an outside validator.
PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>quotes API</title>
  <link rel="stylesheet" href="{{ asset('swagger-ui.css') }}">
  <link rel="icon" type="image/png" href="{{ asset('favicon-32x32.png') }}">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{{ asset('swagger-ui-bundle.js') }}"></script>
  <script src="{{ asset('swagger-ui-standalone-preset.js') }}"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: {{ spec_url | tojson }},
      dom_id: "#swagger-ui",
      validatorUrl: null,
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: "StandaloneLayout"
    });
  </script>
</body>
</html>
"""


blp = Blueprint("docs", __name__)


@blp.get("/docs", strict_slashes=False)
def swagger_ui():
    return render_template_string(
        PAGE,
        asset=lambda name: url_for("docs.asset", filename=name),
        spec_url=url_for("api-docs.openapi_json"),
    )


@blp.get("/docs/assets/<path:filename>")
def asset(filename: str):
    return send_from_directory(ASSETS, filename, max_age=86400)
