#!/usr/bin/env bash
# Runs the regexes of bench/peers/ripgrep.txt with ripgrep.
#
#   bench/peers/ripgrep.sh [--each] PATH...     one rg run per rule; prints "<rule id> <count>"
#                                               (count: matching lines, `rg -c`, summed over files)
#   bench/peers/ripgrep.sh --combined PATH...   one rg pass with every regex (-e ... -e ...) over
#                                               the .py/.js/.ts/.rs/.go files: prints the total count.
#                                               This is the form to time against shipready.
#
# Flags used: -U (multi-line: some regexes span a handler's two lines), -uu (read ignored and
# hidden files too, like the other tools are set up to), -c. RG names the binary (default: rg on
# PATH; bench/install-peers.sh links one into target/bench-tools/bin).
set -euo pipefail
rules="$(dirname "$0")/ripgrep.txt"
rg=${RG:-rg}
command -v "$rg" >/dev/null 2>&1 || { echo "ripgrep.sh: '$rg' not found (run bench/install-peers.sh and put target/bench-tools/bin on PATH, or set RG)" >&2; exit 1; }

mode=each
case ${1:-} in
    --each) mode=each; shift;;
    --combined) mode=combined; shift;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0;;
esac
[ $# -gt 0 ] || { echo "ripgrep.sh: give one or more paths to search (try --help)" >&2; exit 2; }

# rg exits 1 when nothing matched: that is a count of 0, not an error.
run_rg() {
    local status=0
    "$rg" "$@" || status=$?
    [ "$status" -le 1 ] || { echo "ripgrep.sh: rg failed (exit $status)" >&2; exit "$status"; }
}

if [ "$mode" = combined ]; then
    args=()
    while IFS=$'\t' read -r id types regex; do
        case $id in ''|'#'*) continue;; esac
        args+=(-e "$regex")
    done <"$rules"
    run_rg -U -uu -c --no-filename --no-messages -t py -t js -t ts -t rust -t go "${args[@]}" -- "$@" \
        | awk '{n+=$1} END {printf "all-rules %d\n", n}'
    exit 0
fi

while IFS=$'\t' read -r id types regex; do
    case $id in ''|'#'*) continue;; esac
    targs=()
    IFS=, read -r -a tlist <<<"$types"
    for t in "${tlist[@]}"; do targs+=(-t "$t"); done
    n=$(run_rg -U -uu -c --no-filename --no-messages "${targs[@]}" -e "$regex" -- "$@" | awk '{n+=$1} END {print n+0}')
    printf '%s %s\n' "$id" "$n"
done <"$rules"
