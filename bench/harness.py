#!/usr/bin/env python3
"""The benchmark harness: shipready and its peers on the same corpus, in one run, side by side.

Each measurement runs a command RUNS times (default 5) after one untimed warm-up run (so that
every tool reads the corpus from the page cache) and reports the median wall time, the median
CPU time (user + system, of the process and its children), the largest peak RSS, and MB/s (the
corpus's source bytes over the median wall time). Commands that are compared run in rounds,
each once a round, so that the machine's drift falls on all of them alike; within a round their
order is shuffled (seeded by the round, so a run can be repeated) and a pause comes between
them, so that no command always runs right after the same one: a virtual machine slows down
whatever follows a long run on both cores (ripgrep's, ~15 s), and in a fixed order that was always
the cold scan. semgrep, minutes a run, runs on its own. Ratios compare medians taken in this run
only: times on a shared machine drift between runs, ratios of one run do much less.

    bench/harness.py [--runs N] [--pause SECONDS] [--only GROUP,...] [--out FILE.json]

Groups (all by default):
  full      shipready cold (no cache), warm (cache of the run before), the parse-only floor,
            semgrep and ast-grep with the subset of bench/peers/, ripgrep with its regexes
  js        shipready cold vs oxlint (no-empty, no-console, ban-ts-comment) on the JS/TS corpus
  python    shipready cold vs ruff (T20, S110, E722) on the Python corpus
  scaling   shipready cold on 1x, 2x and 4x the corpus, and on the full corpus with 1 and 2 threads

Needs: bench/fetch-corpus.sh --scale 1 --scale 2 --scale 4 (the corpus), bench/install-peers.sh
(the peers), target/release/shipready (cargo build --release). bench/run.sh does all three and
then runs this. Environment: SHIPREADY_BENCH_CACHE, SHIPREADY_BENCH_TOOLS (as for those scripts).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "bench" / "peers"
SOURCE_EXTENSIONS = {".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".rs"}
JS_EXTENSIONS = {".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"}


def env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).resolve() if value else default


CACHE = env_path("SHIPREADY_BENCH_CACHE", ROOT / "target" / "bench-corpus")
TOOLS = env_path("SHIPREADY_BENCH_TOOLS", ROOT / "target" / "bench-tools")
SHIPREADY = ROOT / "target" / "release" / "shipready"


@dataclass
class Measure:
    """One command, measured RUNS times."""

    name: str
    command: list[str]
    corpus_bytes: int
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_kb: int = 0
    exit_codes: set[int] = field(default_factory=set)
    note: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    @property
    def mb_per_s(self) -> float:
        return self.corpus_bytes / 1_048_576 / self.wall if self.wall else 0.0

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "command": self.command,
            "runs": len(self.walls),
            "wall_s": self.walls,
            "median_wall_s": self.wall,
            "median_cpu_s": self.cpu,
            "peak_rss_mb": self.rss_kb / 1024,
            "mb_per_s": self.mb_per_s,
            "corpus_mb": self.corpus_bytes / 1_048_576,
            "exit_codes": sorted(self.exit_codes),
            "note": self.note,
        }


def run_once(command: list[str], env: dict[str, str], timeout: float | None = None) -> tuple[float, float, int, int]:
    """Runs `command`, output discarded; returns wall seconds, CPU seconds, peak RSS (KiB), exit code.

    A run still going after `timeout` seconds is killed with its process group (exit code -9):
    its wall time is then a lower bound."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                               start_new_session=True)
    timer = None
    if timeout:
        timer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
    # wait4 gives this child's own resource use (its waited-for children included), unlike
    # RUSAGE_CHILDREN, which sums every child so far.
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if timer:
        timer.cancel()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, -9):
        sys.stderr.write(f"harness: `{' '.join(command)}` exited {code}\n")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code


def record(result: Measure, run: tuple[float, float, int, int], timeout: float | None = None) -> None:
    wall, cpu, rss, code = run
    if code == -9:
        result.note = f"killed after {timeout:.0f} s: its times are lower bounds"
    result.walls.append(wall)
    result.cpus.append(cpu)
    result.rss_kb = max(result.rss_kb, rss)
    result.exit_codes.add(code)


def measure(name: str, command: list[str], corpus_bytes: int, runs: int, env: dict[str, str],
            warm_up: bool = True, timeout: float | None = None) -> Measure:
    """RUNS runs of one command, one after another (semgrep, which takes minutes a run)."""
    result = Measure(name, command, corpus_bytes)
    print(f"  {name}: ", end="", flush=True)
    if warm_up:
        run_once(command, env)  # the page cache
    for _ in range(runs):
        record(result, run_once(command, env, timeout), timeout)
        print(f"{result.walls[-1]:.2f}s ", end="", flush=True)
    print()
    return result


def measure_together(specs: list[tuple[str, list[str], int]], runs: int, env: dict[str, str],
                     pause: float) -> list[Measure]:
    """RUNS rounds in which each command of `specs` (name, command, corpus bytes) runs once, after
    one untimed warm-up run of each (the page cache, and for `warm` its cache).

    Interleaved, the commands compared share whatever the machine was doing during the round: a
    shared machine's speed drifts by tens of percent over minutes, and back-to-back series would
    carry that drift into their ratios. Each round shuffles their order (seeded by the round) and
    pauses `pause` seconds before each command, so that none always follows the same one."""
    results = [Measure(name, command, corpus_bytes) for name, command, corpus_bytes in specs]
    print("  warm-up: " + ", ".join(m.name for m in results), flush=True)
    for m in results:
        run_once(m.command, env)
    for round_ in range(runs):
        order = list(results)
        random.Random(round_).shuffle(order)
        print(f"  round {round_ + 1}: ", end="", flush=True)
        for m in order:
            time.sleep(pause)
            record(m, run_once(m.command, env))
            print(f"{m.name} {m.walls[-1]:.2f}s; ", end="", flush=True)
        print()
    return results


def source_bytes(paths: list[Path], extensions: set[str] = SOURCE_EXTENSIONS) -> int:
    total = 0
    for path in paths:
        for folder, _, files in os.walk(path):
            for name in files:
                if os.path.splitext(name)[1] in extensions:
                    total += os.path.getsize(os.path.join(folder, name))
    return total


def shipready(paths: list[Path], *extra: str) -> list[str]:
    # --max-filesize: the corpus's largest files (typescript.js, 9 MB) are read by every peer;
    # shipready's default cap (2 MiB) would skip them. --include-generated: the peers check the
    # bundles and build output (typescript's lib/, rxjs's dist/) that shipready leaves out by
    # default, so shipready checks them too and both do the same work.
    return [str(SHIPREADY), "scan", *map(str, paths), "--format", "json", "--fail-on", "never", "-q",
            "--max-filesize", "16M", "--include-generated", *extra]


def tool(name: str) -> str:
    found = TOOLS / "bin" / name
    if not found.exists():
        sys.exit(f"harness: {found} not found: run bench/install-peers.sh")
    return str(found)


def ratio_table(rows: list[tuple[str, Measure, Measure]]) -> list[str]:
    lines = ["| comparison | shipready | peer | wall ratio (peer / shipready) | CPU ratio |", "|---|---|---|---|---|"]
    for label, ours, theirs in rows:
        bound = "≥ " if theirs.note else ""
        lines.append(
            f"| {label} | {ours.wall:.2f} s | {bound}{theirs.wall:.2f} s | {bound}{theirs.wall / ours.wall:.1f}x | "
            f"{bound}{theirs.cpu / ours.cpu:.1f}x |"
        )
    return lines


def table(measures: list[Measure]) -> list[str]:
    lines = ["| run | median wall | median CPU | peak RSS | MB/s | runs |", "|---|---|---|---|---|---|"]
    for m in measures:
        bound = "≥ " if m.note else ""
        lines.append(
            f"| {m.name} | {bound}{m.wall:.3f} s | {bound}{m.cpu:.3f} s | {m.rss_kb / 1024:.0f} MB | "
            f"{m.mb_per_s:.1f} | {len(m.walls)} |"
        )
        if m.note:
            lines.append(f"| ({m.name}: {m.note}) | | | | | |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (default 5)")
    parser.add_argument("--semgrep-runs", type=int, help="timed runs of semgrep (default: --runs); it takes minutes a run")
    parser.add_argument("--semgrep-timeout", type=float, default=600,
                        help="seconds after which a semgrep run is killed and its time taken as a lower bound (default 600)")
    parser.add_argument("--pause", type=float, default=2.0,
                        help="seconds of rest before each timed run of a round (default 2)")
    parser.add_argument("--only", default="full,js,python,scaling", help="groups to run, comma-separated")
    parser.add_argument("--out", type=Path, help="also write every measurement as JSON to this file")
    args = parser.parse_args()
    groups = set(args.only.split(","))

    corpus = [CACHE / "python", CACHE / "js", CACHE / "rust"]
    for path in corpus:
        if not path.is_dir():
            sys.exit(f"harness: {path} is missing: run bench/fetch-corpus.sh")
    if not SHIPREADY.exists():
        sys.exit(f"harness: {SHIPREADY} is missing: run cargo build --release")
    env = dict(os.environ, SEMGREP_SEND_METRICS="off", SEMGREP_ENABLE_VERSION_CHECK="0")
    env["PATH"] = f"{TOOLS / 'bin'}:{env.get('PATH', '')}"
    jobs = str(os.cpu_count() or 2)

    full_bytes = source_bytes(corpus)
    print(f"corpus: {full_bytes / 1_048_576:.1f} MB of source in {CACHE}; {args.runs} runs each; {jobs} cores")
    measures: dict[str, Measure] = {}
    comparisons: list[tuple[str, Measure, Measure]] = []
    scratch = Path(tempfile.mkdtemp(prefix="shipready-bench-"))
    report: list[str] = []

    if "full" in groups:
        print("full corpus (Python, JS/TS, Rust):")
        cache_dir = scratch / "cache"
        cold, warm, floor, astgrep, ripgrep = measure_together([
            ("shipready cold", shipready(corpus, "--no-cache"), full_bytes),
            ("shipready warm", shipready(corpus, "--cache-dir", str(cache_dir)), full_bytes),
            ("parse-only floor", shipready(corpus, "--no-cache", "--parse-only"), full_bytes),
            ("ast-grep (subset)",
             [tool("ast-grep"), "scan", "-c", str(PEERS / "ast-grep" / "sgconfig.yml"), "--json=stream", "-j", jobs,
              "--no-ignore", "hidden", "--no-ignore", "dot", "--no-ignore", "vcs", "--no-ignore", "parent",
              *map(str, corpus)],
             full_bytes),
            ("ripgrep (regexes)", [str(PEERS / "ripgrep.sh"), "--combined", *map(str, corpus)], full_bytes),
        ], args.runs, dict(env, RG=tool("rg")), args.pause)
        semgrep = measure(
            "semgrep (subset)",
            [tool("semgrep"), "scan", "--config", str(PEERS / "semgrep.yml"), "--metrics=off", "--disable-version-check",
             "--no-git-ignore", "--x-ignore-semgrepignore-files", "--max-target-bytes=0", "--timeout=0", "-j", jobs,
             "--json", "-o", str(scratch / "semgrep.json"), "-q", *map(str, corpus)],
            full_bytes, args.semgrep_runs or args.runs, env, warm_up=False, timeout=args.semgrep_timeout)
        for m in (cold, warm, floor, semgrep, astgrep, ripgrep):
            measures[m.name] = m
        comparisons += [("semgrep, full corpus", cold, semgrep), ("ast-grep, full corpus", cold, astgrep),
                        ("ripgrep, full corpus", cold, ripgrep)]
        report += ["", "### Full corpus", "", *table([cold, warm, floor, semgrep, astgrep, ripgrep]), "",
                   f"- cold / parse-only floor: {cold.wall / floor.wall:.2f}x (wall), {cold.cpu / floor.cpu:.2f}x (CPU)",
                   f"- warm / cold: {100 * warm.wall / cold.wall:.1f}% (wall)"]

    if "js" in groups:
        print("JS/TS corpus:")
        js = [CACHE / "js"]
        js_bytes = source_bytes(js, JS_EXTENSIONS)
        # oxlint skips folders its nearest .gitignore ignores (target/ here) whatever its flags:
        # it is given the corpus through a symlink made outside any git work tree.
        links = Path(tempfile.mkdtemp(prefix="shipready-oxlint-"))
        (links / "js").symlink_to(CACHE / "js")
        ours, oxlint = measure_together([
            ("shipready cold (JS/TS)", shipready(js, "--no-cache"), js_bytes),
            ("oxlint (JS/TS)",
             [tool("oxlint"), "-A", "all", "-W", "no-empty", "-W", "no-console", "-W", "typescript/ban-ts-comment",
              "--threads", jobs, "-f", "json", str(links / "js")],
             js_bytes),
        ], args.runs, env, args.pause)
        measures[ours.name], measures[oxlint.name] = ours, oxlint
        comparisons.append(("oxlint, JS/TS corpus", ours, oxlint))
        report += ["", "### JS/TS corpus", "", *table([ours, oxlint])]

    if "python" in groups:
        print("Python corpus:")
        py = [CACHE / "python"]
        py_bytes = source_bytes(py, {".py"})
        ours, ruff = measure_together([
            ("shipready cold (Python)", shipready(py, "--no-cache"), py_bytes),
            ("ruff (Python)",
             [tool("ruff"), "check", "--no-cache", "--isolated", "--select", "T20,S110,E722", "--exit-zero",
              "--output-format", "json", *map(str, py)],
             py_bytes),
        ], args.runs, env, args.pause)
        measures[ours.name], measures[ruff.name] = ours, ruff
        comparisons.append(("ruff, Python corpus", ours, ruff))
        report += ["", "### Python corpus", "", *table([ours, ruff])]

    if "scaling" in groups:
        print("scaling:")
        specs = []
        for n in (1, 2, 4):
            scaled = CACHE / f"scaled-{n}"
            if not scaled.is_dir():
                sys.exit(f"harness: {scaled} is missing: run bench/fetch-corpus.sh --scale {n}")
            specs.append((f"shipready cold, {n}x corpus", shipready([scaled], "--no-cache"), source_bytes([scaled])))
        for threads in (1, 2):
            specs.append((f"shipready cold, {threads} thread(s)",
                          shipready(corpus, "--no-cache", "--threads", str(threads)), full_bytes))
        rows = measure_together(specs, args.runs, env, args.pause)
        for m in rows:
            measures[m.name] = m
        base = rows[0]
        report += ["", "### Scaling", "", *table(rows), ""]
        for m in rows[1:3]:
            factor = m.corpus_bytes / base.corpus_bytes
            report.append(f"- {m.name}: {m.wall / base.wall:.2f}x the time and {m.rss_kb / base.rss_kb:.2f}x the "
                          f"peak RSS of 1x for {factor:.0f}x the code")
        report.append(f"- 2 threads vs 1: {rows[3].wall / rows[4].wall:.2f}x faster")

    if comparisons:
        report = ["### Ratios (same run)", "", *ratio_table(comparisons), *report]
    header = (f"shipready benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {platform.node()}, {os.cpu_count()} cores, "
              f"{args.runs} runs per measurement, shuffled in rounds, {args.pause:g} s pauses")
    print()
    print(header)
    print("\n".join(report))
    if args.out:
        args.out.write_text(json.dumps({"header": header, "measures": [m.as_json() for m in measures.values()]}, indent=2))
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
