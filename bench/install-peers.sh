#!/usr/bin/env bash
# Installs the peer tools that the benchmark times shipready against, at pinned versions, into
# ${SHIPREADY_BENCH_TOOLS:-target/bench-tools} without touching the system (a relative
# SHIPREADY_BENCH_TOOLS is taken from the directory the script is run in; the default from the
# repository root):
#
#   $TOOLS/venv/          a Python virtualenv with semgrep, ruff and ast-grep-cli (from PyPI)
#   $TOOLS/node/          an npm project with oxlint (from npm)
#   $TOOLS/cargo/         ripgrep built from its crates.io source with `cargo install --locked`
#   $TOOLS/bin/           one link per tool: semgrep ruff ast-grep sg oxlint rg
#
# Put $TOOLS/bin first on PATH to run them (bench/README.md has the command lines).
#
# Idempotent: each part keeps a stamp with the pinned versions it was made from and is skipped
# while they are unchanged. At the end every tool prints its version.
#
# ripgrep: built from source by default (about 40 s on 2 cores). SHIPREADY_BENCH_RG_FROM=apt uses
# Debian's `ripgrep` package instead (only as root, installed only when missing; it is older and
# system-wide), and =system links whatever `rg` is already on PATH.
#
# Environment: SHIPREADY_BENCH_TOOLS (see above); PYTHON (interpreter for the venv, default
# python3, >= 3.9); NPM (default npm); CARGO (default cargo); SHIPREADY_BENCH_RG_FROM.
set -euo pipefail

SEMGREP_VERSION=1.187.0
RUFF_VERSION=0.17.6
AST_GREP_VERSION=0.51.1     # PyPI ast-grep-cli; the same release as npm @ast-grep/cli
OXLINT_VERSION=1.96.0
RIPGREP_VERSION=15.1.0

case ${1:-} in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0;;
    '') ;;
    *) echo "install-peers: unknown argument '$1' (try --help)" >&2; exit 2;;
esac

invoked_from=$PWD
cd "$(dirname "$0")/.."
root=$PWD
case ${SHIPREADY_BENCH_TOOLS:-} in
    '') tools="$root/target/bench-tools";;
    /*) tools=$SHIPREADY_BENCH_TOOLS;;
    *) tools="$invoked_from/$SHIPREADY_BENCH_TOOLS";;
esac
bin="$tools/bin"
mkdir -p "$bin"

die() { echo "install-peers: $*" >&2; exit 1; }
log() { echo "install-peers: $*" >&2; }

python=${PYTHON:-python3}
npm_bin=${NPM:-npm}
cargo_bin=${CARGO:-cargo}
rg_from=${SHIPREADY_BENCH_RG_FROM:-cargo}

# A stamp file holds the words a part was made from; the part is redone when they change.
fresh() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }
link() { ln -sfn "$1" "$bin/$2"; }

# --- Python tools: semgrep, ruff, ast-grep ----------------------------------------------------
venv="$tools/venv"
py_want="semgrep==$SEMGREP_VERSION ruff==$RUFF_VERSION ast-grep-cli==$AST_GREP_VERSION"
if fresh "$venv/.bench-stamp" "$py_want" && [ -x "$venv/bin/semgrep" ]; then
    log "venv up to date ($py_want)"
else
    command -v "$python" >/dev/null 2>&1 || die "'$python' not found: set PYTHON to a Python >= 3.9"
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' \
        || die "$python is $("$python" -V 2>&1); semgrep needs Python >= 3.9 (set PYTHON)"
    "$python" -c 'import venv, ensurepip' 2>/dev/null \
        || die "$python cannot make a virtualenv with pip: apt-get install python3-venv (or set PYTHON)"
    log "creating $venv with $py_want"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check $py_want \
        || die "pip install of $py_want failed (is PyPI reachable? pip config list shows the index)"
    printf '%s' "$py_want" >"$venv/.bench-stamp"
fi
link "$venv/bin/semgrep" semgrep
link "$venv/bin/ruff" ruff
link "$venv/bin/ast-grep" ast-grep
[ -e "$venv/bin/sg" ] && link "$venv/bin/sg" sg

# --- oxlint -----------------------------------------------------------------------------------
node_dir="$tools/node"
ox_want="oxlint@$OXLINT_VERSION"
if fresh "$node_dir/.bench-stamp" "$ox_want" && [ -x "$node_dir/node_modules/.bin/oxlint" ]; then
    log "oxlint up to date ($ox_want)"
else
    command -v "$npm_bin" >/dev/null 2>&1 || die "'$npm_bin' not found: install Node.js and npm (apt-get install npm) or set NPM"
    command -v node >/dev/null 2>&1 || die "'node' not found: install Node.js (apt-get install nodejs)"
    log "installing $ox_want into $node_dir"
    rm -rf "$node_dir"
    mkdir -p "$node_dir"
    printf '{ "name": "shipready-bench-tools", "private": true }\n' >"$node_dir/package.json"
    # oxlint's binary comes in a per-platform optional dependency (@oxlint/binding-*): keep
    # optional dependencies on. --ignore-scripts: nothing here needs an install script.
    (cd "$node_dir" && "$npm_bin" install --silent --no-audit --no-fund --ignore-scripts \
        --save-exact "$ox_want" >&2) \
        || die "npm install $ox_want failed (is the npm registry reachable? npm config get registry)"
    printf '%s' "$ox_want" >"$node_dir/.bench-stamp"
fi
link "$node_dir/node_modules/.bin/oxlint" oxlint

# --- ripgrep ----------------------------------------------------------------------------------
case $rg_from in
    cargo)
        cargo_root="$tools/cargo"
        rg_want="ripgrep@$RIPGREP_VERSION"
        if fresh "$cargo_root/.bench-stamp" "$rg_want" && [ -x "$cargo_root/bin/rg" ]; then
            log "ripgrep up to date ($rg_want)"
        else
            command -v "$cargo_bin" >/dev/null 2>&1 \
                || die "'$cargo_bin' not found: install Rust, or set SHIPREADY_BENCH_RG_FROM=apt (as root) or =system"
            log "building $rg_want from crates.io source into $cargo_root (about a minute)"
            # A target folder of its own, so this workspace's target/ settings do not apply.
            CARGO_TARGET_DIR="$tools/.cargo-build" "$cargo_bin" install --quiet --locked --force \
                --root "$cargo_root" "$rg_want" >&2 \
                || die "cargo install $rg_want failed (is crates.io reachable?)"
            rm -rf "$tools/.cargo-build"
            printf '%s' "$rg_want" >"$cargo_root/.bench-stamp"
        fi
        link "$cargo_root/bin/rg" rg;;
    apt)
        if ! command -v rg >/dev/null 2>&1; then
            [ "$(id -u)" = 0 ] || die "ripgrep is missing and installing it with apt needs root (or use SHIPREADY_BENCH_RG_FROM=cargo)"
            command -v apt-get >/dev/null 2>&1 || die "apt-get not found: use SHIPREADY_BENCH_RG_FROM=cargo"
            log "apt-get install ripgrep (system-wide)"
            apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep >&2 \
                || die "apt-get install ripgrep failed"
        fi
        link "$(command -v rg)" rg;;
    system)
        command -v rg >/dev/null 2>&1 || die "SHIPREADY_BENCH_RG_FROM=system but no 'rg' on PATH"
        link "$(command -v rg)" rg;;
    *) die "SHIPREADY_BENCH_RG_FROM must be cargo, apt or system, not '$rg_from'";;
esac

# --- versions ---------------------------------------------------------------------------------
export SEMGREP_ENABLE_VERSION_CHECK=0 SEMGREP_SEND_METRICS=off
echo "tools in $bin:"
printf '  semgrep   %s\n' "$("$bin/semgrep" --version 2>/dev/null | tail -n1)"
printf '  ruff      %s\n' "$("$bin/ruff" --version)"
printf '  ast-grep  %s\n' "$("$bin/ast-grep" --version)"
printf '  oxlint    %s\n' "$("$bin/oxlint" --version)"
printf '  rg        %s\n' "$("$bin/rg" --version | head -n1)"
