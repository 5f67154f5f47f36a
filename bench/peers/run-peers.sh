#!/usr/bin/env bash
# Runs each peer tool once over the benchmark corpus with the command lines of bench/README.md,
# under /usr/bin/time -v, and prints per tool: wall time, max RSS, exit status, and the number of
# findings per rule. A quick check that every rule set runs and fires, and a single-run timing;
# not a statistically careful benchmark (one run, warm or cold cache as it happens).
#
#   bench/peers/run-peers.sh [--only semgrep,ast-grep,ruff,oxlint,rg,rg-combined] [--out DIR] [PATH...]
#
# PATH defaults to $CACHE/python $CACHE/js $CACHE/rust with CACHE as in bench/fetch-corpus.sh
# (pass $CACHE/scaled-N for a scaled run). Raw outputs and the time -v reports go to --out
# (default: a new temporary folder, printed at the end). Tools come from
# ${SHIPREADY_BENCH_TOOLS:-target/bench-tools}/bin (bench/install-peers.sh).
# JOBS (default: nproc) is given to the tools that take a thread count.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
abs() { case $1 in /*) printf '%s' "$1";; *) printf '%s/%s' "$PWD" "$1";; esac; }
tools=$(abs "${SHIPREADY_BENCH_TOOLS:-$root/target/bench-tools}")
cache=$(abs "${SHIPREADY_BENCH_CACHE:-$root/target/bench-corpus}")
export PATH="$tools/bin:$PATH" SEMGREP_ENABLE_VERSION_CHECK=0 SEMGREP_SEND_METRICS=off

only=semgrep,ast-grep,ruff,oxlint,rg,rg-combined
out=
paths=()
while [ $# -gt 0 ]; do
    case $1 in
        --only) only=$2; shift 2;;
        --out) out=$(abs "$2"); shift 2;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0;;
        *) paths+=("$(abs "$1")"); shift;;
    esac
done
[ ${#paths[@]} -gt 0 ] || paths=("$cache/python" "$cache/js" "$cache/rust")
for p in "${paths[@]}"; do [ -e "$p" ] || { echo "run-peers: $p does not exist (run bench/fetch-corpus.sh)" >&2; exit 1; }; done
[ -x /usr/bin/time ] || { echo "run-peers: /usr/bin/time not found: apt-get install time" >&2; exit 1; }
[ -n "$out" ] || out=$(mktemp -d "${TMPDIR:-/tmp}/shipready-peers.XXXXXX")
mkdir -p "$out"
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# Runs one tool: run <name> <command...>; stdout to $out/<name>.out, stderr to .err.
run() {
    local name=$1 status=0
    shift
    command -v "$1" >/dev/null 2>&1 || { echo "run-peers: '$1' not found: run bench/install-peers.sh" >&2; exit 1; }
    printf '%s\n' "$*" >"$out/$name.cmd"
    /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err" || status=$?
    local wall rss
    wall=$(sed -n 's/^.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/$name.time")
    rss=$(sed -n 's/^.*Maximum resident set size (kbytes): //p' "$out/$name.time")
    printf '\n== %s: wall %s, max RSS %s MB, exit %s\n' "$name" "$wall" "$((rss / 1024))" "$status"
}

# Counts findings per rule from a tool's output: count <format> <file>.
count() {
    python3 - "$1" "$2" <<'EOF'
import collections, json, sys
fmt, path = sys.argv[1], sys.argv[2]
c = collections.Counter()
if fmt == "semgrep":
    d = json.load(open(path))
    for r in d["results"]:
        c[r["check_id"].rsplit(".", 1)[-1]] += 1
    for e in d.get("errors", []):
        c["(semgrep error: " + e.get("type", "?") + ")"] += 1
elif fmt == "ast-grep":
    for line in open(path):
        if line.strip():
            c[json.loads(line)["ruleId"]] += 1
elif fmt == "ruff":
    for r in json.load(open(path)):
        c[r["code"] or "(syntax error)"] += 1
elif fmt == "oxlint":
    for r in json.load(open(path))["diagnostics"]:
        c[r.get("code") or "(parse error)"] += 1
for rule, n in sorted(c.items()):
    print(f"   {n:8d}  {rule}")
print(f"   {sum(c.values()):8d}  total")
EOF
}

IFS=, read -r -a selected <<<"$only"
for tool in "${selected[@]}"; do
    case $tool in
        semgrep)
            # --x-ignore-semgrepignore-files: semgrep's built-in ignore list would skip tests/,
            # build/, dist/... (about 4,900 of the corpus files); --max-target-bytes=0 keeps files
            # over 1 MB (typescript.js is 9 MB); --timeout=0: no per-file rule time-out.
            run semgrep semgrep scan --config "$here/semgrep.yml" --metrics=off --disable-version-check \
                --no-git-ignore --x-ignore-semgrepignore-files --max-target-bytes=0 --timeout=0 -j "$jobs" \
                --json -o "$out/semgrep.json" -q "${paths[@]}"
            count semgrep "$out/semgrep.json";;
        ast-grep)
            run ast-grep ast-grep scan -c "$here/ast-grep/sgconfig.yml" --json=stream -j "$jobs" \
                --no-ignore hidden --no-ignore dot --no-ignore vcs --no-ignore parent "${paths[@]}"
            count ast-grep "$out/ast-grep.out";;
        ruff)
            run ruff ruff check --no-cache --isolated --select T20,S110,E722 --exit-zero \
                --output-format json "${paths[@]}"
            count ruff "$out/ruff.out";;
        oxlint)
            # oxlint honours the .gitignore of the git work tree around a folder it is given, and
            # --no-ignore does not lift that: the default cache (target/, ignored by this repo)
            # would lint 0 files. Folders are therefore handed over through symlinks made outside
            # any work tree (oxlint does not resolve them back).
            links=$(mktemp -d "${TMPDIR:-/tmp}/shipready-oxlint.XXXXXX")
            ox_paths=()
            for p in "${paths[@]}"; do
                ln -s "$p" "$links/$(basename "$p")"
                ox_paths+=("$links/$(basename "$p")")
            done
            run oxlint oxlint -A all -W no-empty -W no-console -W typescript/ban-ts-comment \
                --threads "$jobs" -f json "${ox_paths[@]}"
            rm -rf "$links"
            count oxlint "$out/oxlint.out";;
        rg)
            run rg "$here/ripgrep.sh" --each "${paths[@]}"
            sed 's/^/   /' "$out/rg.out";;
        rg-combined)
            run rg-combined "$here/ripgrep.sh" --combined "${paths[@]}"
            sed 's/^/   /' "$out/rg-combined.out";;
        *) echo "run-peers: unknown tool '$tool'" >&2; exit 2;;
    esac
done
echo
echo "outputs: $out"
