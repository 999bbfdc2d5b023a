#!/usr/bin/env bash
# nginx in front of a running quotes server, in the foreground: deploy/nginx.conf with
# deploy/quotes.conf.template rendered into RUN_DIR (default: a new temporary directory).
#   QUOTES_UPSTREAM=127.0.0.1:8000 NGINX_PORT=8080 bash scripts/nginx.sh
# Needs nginx (Debian: apt-get install nginx). Extra arguments go to nginx.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export QUOTES_UPSTREAM="${QUOTES_UPSTREAM:-127.0.0.1:8000}"
export NGINX_PORT="${NGINX_PORT:-8080}"
RUN_DIR="${RUN_DIR:-$(mktemp -d -t quotes-nginx-XXXXXX)}"
mkdir -p "$RUN_DIR/tmp"
cp deploy/nginx.conf "$RUN_DIR/nginx.conf"
envsubst '${QUOTES_UPSTREAM} ${NGINX_PORT}' < deploy/quotes.conf.template > "$RUN_DIR/quotes.conf"
user=()
if [ "$(id -u)" = 0 ]; then
    user=(-g "user $(id -un);")  # as root, nginx's workers would otherwise run as nobody, shut out of RUN_DIR
fi
echo "nginx on :$NGINX_PORT -> $QUOTES_UPSTREAM (configuration in $RUN_DIR)" >&2
exec nginx -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" "${user[@]}" "$@"
