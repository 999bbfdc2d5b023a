# Sourced by serve.sh and test.sh: make sure the virtualenv exists and holds a requirements set.
# Idempotent and quick when nothing changed: pip runs only when the requirement files' hash differs
# from the stamp left by the last successful install.
#   ensure_venv runtime   -> requirements.txt
#   ensure_venv dev       -> requirements-dev.txt (runtime + test tools)
# Python 3.11, 3.12 or 3.13. The files pin the whole tree (scripts/lock.sh), so pip installs them with
# --no-deps: it then never adds what a package declares but we leave out (sentence-transformers).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${QUOTES_VENV:-$REPO_ROOT/.venv}"
PYTHON="$VENV/bin/python"

SUPPORTED_PYTHONS="3.11 3.12 3.13"

pick_python() {
    local candidate
    for candidate in "${QUOTES_PYTHON:-}" python3.11 python3.12 python3.13 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "error: Python $SUPPORTED_PYTHONS is needed (set QUOTES_PYTHON to its path)" >&2
    return 1
}

requirements_hash() {  # $1: the main requirements file
    cd "$REPO_ROOT" && cat requirements.txt "$1" | sha256sum | cut -d' ' -f1
}

ensure_venv() {
    local kind="$1" file stamp want
    case "$kind" in
        runtime) file=requirements.txt ;;
        dev) file=requirements-dev.txt ;;
        *) echo "ensure_venv: runtime or dev, not $kind" >&2; return 2 ;;
    esac
    if [ ! -x "$PYTHON" ]; then
        echo "creating $VENV"
        "$(pick_python)" -m venv "$VENV"
    fi
    stamp="$VENV/.quotes-$kind-requirements.sha256"
    want="$(requirements_hash "$file")"
    if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    echo "installing $file into $VENV"
    (
        cd "$REPO_ROOT"
        # --retries 1: where the PyTorch CPU index cannot be reached (a mirror-only network), pip
        # moves on to the next index at once instead of backing off five times for every package.
        "$PYTHON" -m pip install --quiet --disable-pip-version-check --retries 1 --no-deps -r "$file"
    )
    echo "$want" > "$stamp"
    if [ "$kind" = dev ]; then  # the dev set includes the runtime set
        requirements_hash requirements.txt > "$VENV/.quotes-runtime-requirements.sha256"
    fi
}
