"""API keys: when QUOTES_API_KEYS is set, the attribution routes need `Authorization: Bearer KEY`.

Health, info, docs, openapi and metrics stay open (they are registered on other blueprints).
"""

from __future__ import annotations

import hmac

from flask import current_app, request

from service.errors import MissingCredentials

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="quotes"'}


def key_matches(presented: str, keys: tuple[str, ...]) -> bool:
    """Compare against every key, in constant time per key, so timing tells nothing about which."""
    presented_bytes = presented.encode("utf-8", "surrogateescape")
    found = False
    for key in keys:
        found |= hmac.compare_digest(presented_bytes, key.encode("utf-8"))
    return found


def require_api_key() -> None:
    """A before_request hook: nothing to do when no keys are configured."""
    keys = current_app.config["API_KEYS"]
    if not keys:
        return
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise MissingCredentials("This route needs an API key: send Authorization: Bearer <key>.", headers=CHALLENGE)
    if not key_matches(credentials.strip(), keys):
        raise MissingCredentials(
            "The API key is not valid.", headers={"WWW-Authenticate": 'Bearer realm="quotes", error="invalid_token"'}
        )
