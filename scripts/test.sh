#!/usr/bin/env bash
# Run the test suite, setting up .venv with the dev requirements first if needed.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh tests/test_api_errors.py -x`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure_venv.sh"
ensure_venv dev
cd "$REPO_ROOT"
# Lint and format first: cheap, and a failure there fails the run like a test.
"$PYTHON" -m ruff check .
"$PYTHON" -m ruff format --check .
exec "$PYTHON" -m pytest -q "$@"
