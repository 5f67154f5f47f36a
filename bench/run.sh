#!/usr/bin/env bash
# The benchmark, in one command: fetches the corpus (and its 2x and 4x copies), installs the peer
# tools, builds shipready in release mode, and runs bench/harness.py, whose arguments it passes
# on (--runs N, --semgrep-runs N, --only full,js,python,scaling, --out FILE.json).
#
#   bench/run.sh [harness arguments]
#
# Takes a while: the downloads once, then semgrep several minutes a run on the full corpus.
# docs/performance.md shows a run's output and what it means. Not part of CI (benchmarks, not
# tests): run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
case ${1:-} in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exec python3 bench/harness.py --help;; esac
bench/fetch-corpus.sh --scale 1 --scale 2 --scale 4
bench/install-peers.sh
cargo build --release --quiet
exec python3 bench/harness.py "$@"
