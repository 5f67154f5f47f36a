#!/usr/bin/env bash
# Installs what the two demo services in examples/ need to run for real, OUTSIDE examples/ (which
# are also scan fixtures and must stay as committed):
#
#   target/demo/py-venv      a virtualenv with examples/py-service/requirements.txt installed
#   target/demo/ts-service   a copy of examples/ts-service with node_modules and dist/ built
#
# The tests' harness (crates/shipready/tests/support/demo.rs) starts them from there. Idempotent:
# each part keeps a stamp keyed on what it was made from and is skipped while that is unchanged.
#
# PYTHON names the interpreter for the venv (default: python3 on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
demo="$root/target/demo"
mkdir -p "$demo"

# A digest of the given files' names and contents, plus any extra words.
digest() {
    local extra=$1
    shift
    { printf '%s\n' "$extra"; for file in "$@"; do printf '%s\n' "$file"; cat "$file"; done; } | sha256sum | cut -d' ' -f1
}

# --- the Python service: a venv with its requirements ---------------------------------------
python=${PYTHON:-python3}
command -v "$python" >/dev/null || { echo "demo-deps: $python not found (set PYTHON)" >&2; exit 1; }
venv="$demo/py-venv"
py_stamp_file="$venv/.shipready-demo-stamp"
py_stamp=$(digest "$("$python" -c 'import sys; print(sys.version)')" examples/py-service/requirements.txt)
if [ "$(cat "$py_stamp_file" 2>/dev/null)" = "$py_stamp" ]; then
    echo "demo-deps: $venv is up to date"
else
    echo "--- demo-deps: virtualenv for examples/py-service at $venv"
    rm -rf "$venv"
    if ! "$python" -m venv "$venv" 2>"$demo/venv.err"; then
        # Debian's python3 keeps venv's ensurepip in a package of its own.
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "demo-deps: '$python -m venv' failed ($(tail -n1 "$demo/venv.err")); apt-get install python3-venv"
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
            rm -rf "$venv"
            "$python" -m venv "$venv"
        else
            cat "$demo/venv.err" >&2
            exit 1
        fi
    fi
    rm -f "$demo/venv.err"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
        -r examples/py-service/requirements.txt
    "$venv/bin/python" -c 'import fastapi, uvicorn'
    echo "$py_stamp" >"$py_stamp_file"
fi

# --- the TypeScript service: a copy with its packages installed and built -------------------
command -v node >/dev/null || { echo "demo-deps: node not found" >&2; exit 1; }
command -v npm >/dev/null || { echo "demo-deps: npm not found" >&2; exit 1; }
ts="$demo/ts-service"
mkdir -p "$ts"
node_version=$(node --version)
deps_stamp=$(digest "$node_version" examples/ts-service/package.json)
mapfile -t ts_sources < <(find examples/ts-service \( -path examples/ts-service/node_modules -o -path examples/ts-service/dist \) -prune \
    -o -type f -print | LC_ALL=C sort)
build_stamp=$(digest "$node_version" "${ts_sources[@]}")
if [ "$(cat "$ts/.shipready-demo-stamp" 2>/dev/null)" = "$build_stamp" ]; then
    echo "demo-deps: $ts is up to date"
else
    echo "--- demo-deps: examples/ts-service built in $ts"
    rm -f "$ts/.shipready-demo-stamp"
    # The sources afresh; node_modules stays while package.json is unchanged.
    find "$ts" -mindepth 1 -maxdepth 1 -not -name node_modules -not -name .shipready-deps-stamp \
        -exec rm -rf {} +
    tar -C examples/ts-service --exclude=./node_modules --exclude=./dist -cf - . | tar -C "$ts" -xf -
    if [ "$(cat "$ts/.shipready-deps-stamp" 2>/dev/null)" != "$deps_stamp" ]; then
        rm -rf "$ts/node_modules" "$ts/.shipready-deps-stamp"
        (cd "$ts" && npm install --no-audit --no-fund --loglevel=error)
        echo "$deps_stamp" >"$ts/.shipready-deps-stamp"
    fi
    (cd "$ts" && npm run --silent build)
    test -f "$ts/dist/server.js"
    echo "$build_stamp" >"$ts/.shipready-demo-stamp"
fi
