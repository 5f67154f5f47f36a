#!/usr/bin/env bash
# Self-test of the peer rule sets: every semgrep and ast-grep rule must fire on its positive
# example (bench/peers/examples/positive/<check>.<py|js|ts|rs|go>) and stay silent on the negative one
# (examples/negative/, same name). Only the rule for that file's check and language is counted.
# The ripgrep regexes are checked on the positives too; on the negatives their matches are only
# reported (regexes cannot see syntax, see ripgrep.txt), unless --strict-rg.
#
# Needs semgrep, ast-grep, rg and python3: run bench/install-peers.sh first; the script puts
# ${SHIPREADY_BENCH_TOOLS:-target/bench-tools}/bin first on PATH. Exits non-zero on a failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case ${SHIPREADY_BENCH_TOOLS:-} in
    '') tools="$root/target/bench-tools";;
    /*) tools=$SHIPREADY_BENCH_TOOLS;;
    *) tools="$PWD/$SHIPREADY_BENCH_TOOLS";;
esac
export PATH="$tools/bin:$PATH" SEMGREP_ENABLE_VERSION_CHECK=0 SEMGREP_SEND_METRICS=off
strict_rg=0
[ "${1:-}" = --strict-rg ] && strict_rg=1
for tool in semgrep ast-grep rg python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "selftest: '$tool' not found: run bench/install-peers.sh" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"

# semgrep and ast-grep each run once over both example folders.
semgrep scan --config semgrep.yml --metrics=off --disable-version-check --no-git-ignore \
    --x-ignore-semgrepignore-files --json -q -o "$work/semgrep.json" examples >/dev/null
ast-grep scan -c ast-grep/sgconfig.yml --json=stream examples >"$work/ast-grep.jsonl"

# ripgrep: one run per rule and example file that the rule's types cover.
: >"$work/rg.tsv"
while IFS=$'\t' read -r id types regex; do
    case $id in ''|'#'*) continue;; esac
    for f in examples/positive/* examples/negative/*; do
        ext=${f##*.}
        case $ext in rs) type=rust;; *) type=$ext;; esac
        case ",$types," in *",$type,"*) ;; *) continue;; esac
        n=$(rg -U -uu -c --no-messages -e "$regex" -- "$f" || true)
        printf '%s\t%s\t%s\n' "$f" "$id" "${n:-0}" >>"$work/rg.tsv"
    done
done <ripgrep.txt

python3 - "$work" "$strict_rg" <<'EOF'
import collections, glob, json, os, sys

work, strict_rg = sys.argv[1], sys.argv[2] == "1"
counts = {"semgrep": collections.Counter(), "ast-grep": collections.Counter(), "rg": collections.Counter()}

def rel(path):
    path = os.path.normpath(path)
    return path[path.index("examples"):]

for r in json.load(open(os.path.join(work, "semgrep.json")))["results"]:
    counts["semgrep"][(rel(r["path"]), r["check_id"].rsplit(".", 1)[-1])] += 1
errors = json.load(open(os.path.join(work, "semgrep.json")))["errors"]
for line in open(os.path.join(work, "ast-grep.jsonl")):
    if line.strip():
        r = json.loads(line)
        counts["ast-grep"][(rel(r["file"]), r["ruleId"])] += 1
for line in open(os.path.join(work, "rg.tsv")):
    f, rule, n = line.rstrip("\n").split("\t")
    counts["rg"][(rel(f), rule)] += int(n)

failed = 0
for e in errors:
    print(f"FAIL semgrep error: {e.get('message', e)}")
    failed += 1
checked = collections.Counter()
for kind in ("positive", "negative"):
    for f in sorted(glob.glob(f"examples/{kind}/*")):
        check, ext = os.path.basename(f).rsplit(".", 1)
        rules = {
            "semgrep": f"{check}-{'js' if ext == 'ts' else ext}",
            "ast-grep": f"{check}-{ext}",
            "rg": f"{check}-{'js' if ext == 'ts' else ext}",
        }
        for tool, rule in rules.items():
            n = counts[tool][(f, rule)]
            ok = n > 0 if kind == "positive" else n == 0
            strict = tool != "rg" or kind == "positive" or strict_rg
            status = "ok  " if ok else ("FAIL" if strict else "note")
            if not ok and strict:
                failed += 1
            checked[tool] += 1
            print(f"{status} {tool:8} {rule:28} {kind:8} {f}: {n} finding(s)")
print(f"\nselftest: {sum(checked.values())} checks ({dict(checked)}), {failed} failed")
sys.exit(1 if failed else 0)
EOF
