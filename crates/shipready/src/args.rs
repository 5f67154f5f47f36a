//! Command-line flags. Each flag has a short help line and, where it helps, a longer one
//! (`--help` shows the long form, `-h` the short).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use shipready_diagnostics::FailOn;

const EXIT_CODES: &str = "\
Exit codes:
  0  no unsuppressed finding at or above --fail-on (default: high)
  1  at least one unsuppressed finding at or above --fail-on (advisory checks excepted)
  2  usage or configuration error (bad arguments, a path that does not exist)
  3  internal error (a bug, an output that cannot be written)";

const REPORT_HELP: &str = "\
Files in the project folder (the configuration file's folder, else the scanned folder):
  READINESS.md               the checklist; manual items are signed there by a person
  .shipready/baseline.json   written by `shipready baseline`; fixed problems are ticked against it
  .shipready/history.jsonl   one snapshot per report, for the changelog and the trend
Set SHIPREADY_DATE=YYYY-MM-DD to pin today's date (reproducible reports).

Exit codes: 0 written, 2 usage or configuration error, 3 internal error.";

/// Finds what blocks a service from production: timing-unsafe secret comparisons, swallowed
/// errors, exception text sent to clients, permissive CORS, hard-coded secrets and more, with
/// file and line.
#[derive(Debug, Parser)]
#[command(name = "shipready", version, about, after_help = EXIT_CODES, propagate_version = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// When to use colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print only the report: no progress bar, no notes on stderr.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print timing and walk details on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and folders for production-readiness problems.
    #[command(after_help = EXIT_CODES)]
    Scan(ScanArgs),
    /// List the checks shipready runs, or show one check's documentation.
    Rules(RulesArgs),
    /// Show the documentation of one check (same as `shipready rules ID`).
    Explain(ExplainArgs),
    /// Write the readiness checklist: score per area, open and fixed problems, manual sign-offs.
    /// Appends a snapshot to .shipready/history.jsonl for the trend.
    #[command(after_help = REPORT_HELP)]
    Report(ReportArgs),
    /// Record today's findings and scores as the baseline (.shipready/baseline.json), so later
    /// runs can tell new problems from known ones.
    Baseline(BaselineArgs),
    /// Check a running HTTP service from the outside: health and metrics endpoints, security
    /// headers, CORS, error leaks, body-size and rate limits, public API docs, endpoints that
    /// answer without credentials, slow clients. Within a strict request and time budget.
    #[command(after_help = PROBE_HELP)]
    Probe(ProbeArgs),
}

const PROBE_HELP: &str = "\
What it sends:
  GET, HEAD and OPTIONS only, unless --allow-bodies: then also the body probes, which send only
  malformed data that no valid handler accepts (a JSON body that does not parse, an oversized
  chunked body). The rate-limit check sends one burst (--burst) to one cheap endpoint, last.
  Redirects are followed within the same origin only. Never more than --max-requests requests
  or --max-seconds seconds; the summary states how many were sent.

Probe only services you own or are allowed to test.

Combine with a scan of the service's code:
  shipready probe http://localhost:8000 --format json -o probe.json
  shipready report --probe-results probe.json

Exit codes:
  0  no finding at or above --fail-on (default: high)
  1  at least one finding at or above --fail-on
  2  usage error, or the service cannot be reached at all
  3  internal error";

/// What to check and how: shared by `scan`, `report` and `baseline`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Use this configuration file (a shipready.toml, or a pyproject.toml with
    /// [tool.shipready]) instead of searching from the scanned path upward.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file: defaults and command-line flags only.
    #[arg(long)]
    pub isolated: bool,

    /// Run only these checks: check ids or areas (security, reliability, observability,
    /// code-quality, testing, operations). Repeat or separate with commas.
    #[arg(long, value_name = "ID|AREA", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Skip these checks: check ids or areas. Repeat or separate with commas.
    #[arg(long, value_name = "ID|AREA", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Skip files larger than this; accepts K, M and G suffixes (default: 2M).
    #[arg(long, value_name = "SIZE", default_value = "2M", value_parser = parse_size)]
    pub max_filesize: u64,

    /// Follow symbolic links (loops are reported, not followed).
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// Do not honour .gitignore, .ignore and git exclude files.
    #[arg(long)]
    pub no_ignore: bool,

    /// Ignore `shipready-ignore` comments in the code (for policy runs); the suppressions file
    /// still applies.
    #[arg(long)]
    pub no_inline_suppressions: bool,

    /// Add the results of a live run (`shipready probe URL --format json -o FILE`): its findings
    /// and checks count in the score, and where the code and the running service judge the same
    /// thing the report says whether they agree.
    #[arg(long, value_name = "FILE")]
    pub probe_results: Option<PathBuf>,

    /// Check generated and minified files too (build output, bundles, files that name a source
    /// map or say "do not edit"), like the project's own code. By default they are left out.
    #[arg(long)]
    pub include_generated: bool,

    /// Check every file afresh: neither read nor write the cache of earlier results.
    #[arg(long)]
    pub no_cache: bool,

    /// Where to keep the cache of results of unchanged files [default: .shipready/cache in the
    /// project folder].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Benchmarks only: read and parse every file the scan would check, run no check, report
    /// nothing. The floor a scan's time is measured against (docs/performance.md).
    #[arg(long, hide = true)]
    pub parse_only: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ProbeArgs {
    /// The service's base URL, with its scheme: `http://localhost:8000`, `https://api.example.com/v1`.
    pub url: String,

    /// The service's OpenAPI document (a file, or a URL): its routes pick the endpoints the
    /// checks exercise, and those it marks as secured must refuse anonymous requests. Without it,
    /// the usual paths (`/openapi.json`, …) are tried.
    #[arg(long, value_name = "FILE|URL")]
    pub openapi: Option<String>,

    /// A path that must refuse requests without credentials (401 or 403). Repeat for several.
    #[arg(long = "private", value_name = "PATH")]
    pub private: Vec<String>,

    /// A header sent with every request, as `Name: value` (e.g. an API key for the checks that
    /// need to get past authentication). Repeat for several. Never sent by the check that
    /// verifies that private paths refuse anonymous requests.
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,

    /// Also send the body probes: an oversized chunked body (body-size limit) and malformed JSON
    /// (error leaks). Off by default: they POST to the service.
    #[arg(long)]
    pub allow_bodies: bool,

    /// At most this many requests in the whole run.
    #[arg(long, value_name = "N", default_value_t = shipready_probe::DEFAULT_MAX_REQUESTS, value_parser = parse_positive)]
    pub max_requests: usize,

    /// At most this many seconds for the whole run.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub max_seconds: u64,

    /// Seconds to wait for each response.
    #[arg(long, value_name = "SECONDS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Requests in flight at once.
    #[arg(long, value_name = "N", default_value_t = shipready_probe::DEFAULT_CONCURRENCY, value_parser = parse_positive)]
    pub concurrency: usize,

    /// Requests in the rate-limit burst.
    #[arg(long, value_name = "N", default_value_t = shipready_probe::DEFAULT_BURST, value_parser = parse_positive)]
    pub burst: usize,

    /// Size of the chunked body the body-limit check offers (with --allow-bodies); K, M and G
    /// suffixes.
    #[arg(long, value_name = "SIZE", default_value = "32M", value_parser = parse_size)]
    pub body_bytes: u64,

    /// How long a client that sends its headers slowly may keep a connection before the service
    /// should cut it off.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub slow_client_seconds: u64,

    /// Run only these live checks: ids (`probe-cors`) or areas. Repeat or separate with commas.
    #[arg(long, value_name = "ID|AREA", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Skip these live checks: ids or areas. Repeat or separate with commas.
    #[arg(long, value_name = "ID|AREA", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Output format. `json` is what `--probe-results` reads back.
    #[arg(long, value_enum, default_value_t = ScanFormat::Terminal)]
    pub format: ScanFormat,

    /// Write the report to FILE instead of stdout (written atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Lowest severity that makes the run fail (exit 1): critical, high, medium, low, info or
    /// never.
    #[arg(long, value_name = "SEVERITY", default_value = "high", value_parser = parse_fail_on)]
    pub fail_on: FailOn,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub check: CheckArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ScanFormat::Terminal)]
    pub format: ScanFormat,

    /// Write the report to FILE instead of stdout (written atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Lowest severity that makes the run fail (exit 1): critical, high, medium, low, info or
    /// never. Default: the configuration's `fail-on`, else high.
    #[arg(long, value_name = "SEVERITY", value_parser = parse_fail_on)]
    pub fail_on: Option<FailOn>,

    /// Compare with a baseline written by `shipready baseline`: each finding is marked new or
    /// known, and the findings the baseline had that are gone are listed as fixed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Fail only on findings the baseline does not know (needs --baseline, or a
    /// .shipready/baseline.json in the project).
    #[arg(long)]
    pub fail_on_new: bool,

    /// Also list the findings that suppressions silence, with their reasons (they never fail
    /// the run; the summary always counts them, SARIF always carries them).
    #[arg(long)]
    pub show_suppressed: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub check: CheckArgs,

    /// Output format of the checklist.
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,

    /// Rewrite the generated sections of this Markdown checklist in place (default
    /// READINESS.md in the project folder), keeping everything a person wrote byte for byte;
    /// the file is created when missing. Written atomically.
    #[arg(long, value_name = "FILE", num_args = 0..=1, conflicts_with = "output")]
    pub update: Option<Option<PathBuf>>,

    /// Write the report to FILE instead of stdout (written atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The baseline to compare with (default: .shipready/baseline.json in the project folder,
    /// when it exists).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Do not append this run's snapshot to .shipready/history.jsonl.
    #[arg(long)]
    pub no_history: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// The readiness checklist (READINESS.md).
    Markdown,
    /// One self-contained HTML page: overview per area, trend, filterable findings, what each
    /// area still needs.
    Html,
    /// The readiness picture as one JSON document (schema `shipready-readiness/1`): scores,
    /// blockers, what moved and what each area still needs, every check's state, the trend.
    Json,
}

#[derive(Debug, Clone, clap::Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub check: CheckArgs,

    /// Where to write the baseline (default: .shipready/baseline.json in the project folder).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// Findings grouped by severity, with source lines; for people.
    #[value(alias = "human")]
    Terminal,
    /// One JSON document, schema `shipready/1` (see docs/json-schema.md); for tools.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request's diff.
    Github,
    /// The readiness checklist in Markdown (what `shipready report` writes).
    Markdown,
    /// One self-contained HTML page: overview per area, trend, filterable findings.
    Html,
}

#[derive(Debug, Clone, clap::Args)]
pub struct RulesArgs {
    /// A check id: show its documentation instead of the list.
    pub rule: Option<String>,
    /// Output format of the list.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ExplainArgs {
    /// The check id, e.g. `timing-unsafe-compare`.
    pub rule: String,
}

fn parse_positive(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("`{value}` is not a positive whole number")),
    }
}

fn parse_fail_on(value: &str) -> Result<FailOn, String> {
    value.parse().map_err(|error| format!("{error}, or never"))
}

/// `2M`, `512K`, `1G`, `1000` (bytes).
fn parse_size(value: &str) -> Result<u64, String> {
    let value = value.trim();
    let (digits, multiplier) = match value.char_indices().last() {
        Some((i, 'k' | 'K')) => (&value[..i], 1024),
        Some((i, 'm' | 'M')) => (&value[..i], 1024 * 1024),
        Some((i, 'g' | 'G')) => (&value[..i], 1024 * 1024 * 1024),
        _ => (value, 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .ok_or_else(|| format!("`{value}` is not a size; use a number of bytes or a K, M or G suffix (e.g. 2M)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("2M"), Ok(2 * 1024 * 1024));
        assert_eq!(parse_size("512k"), Ok(512 * 1024));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
