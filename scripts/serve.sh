#!/usr/bin/env bash
# Serve quotes with gunicorn on 127.0.0.1:8000 (QUOTES_BIND to change), setting up .venv first if
# needed. Extra arguments go to gunicorn. Configuration: QUOTES_* variables, see README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure_venv.sh"
ensure_venv runtime
cd "$REPO_ROOT"
exec "$PYTHON" -m gunicorn -c gunicorn.conf.py "$@" 'service:create_app()'
