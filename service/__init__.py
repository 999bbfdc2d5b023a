"""quotes: a quote-attribution REST service for newsrooms.

`create_app(config=None)` (service/app.py) is the one factory (gunicorn: 'service:create_app()');
the engine that does the work is the `quotes` package, which knows nothing of HTTP. The re-export is
lazy so that `import service.config` (gunicorn.conf.py, in the master) loads neither Flask nor
prometheus_client, whose value class depends on an environment variable set there first.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from service.app import create_app

        return create_app
    raise AttributeError(f"module 'service' has no attribute {name!r}")
