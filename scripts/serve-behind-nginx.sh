#!/usr/bin/env bash
# The production topology on one machine: gunicorn (scripts/serve.sh) on 127.0.0.1:8000 and nginx in
# front on :8080 (scripts/nginx.sh). Stops both when either ends or on Ctrl-C.
#   bash scripts/serve-behind-nginx.sh      then: curl localhost:8080/v1/health/ready
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export QUOTES_BIND="${QUOTES_BIND:-127.0.0.1:8000}"
export QUOTES_UPSTREAM="$QUOTES_BIND"
bash scripts/serve.sh &
gunicorn_pid=$!
bash scripts/nginx.sh &
nginx_pid=$!
trap 'kill "$gunicorn_pid" "$nginx_pid" 2>/dev/null || true' EXIT INT TERM
wait -n "$gunicorn_pid" "$nginx_pid"
