//! The JSON report, schema `shipready/1`.
//!
//! One JSON document per run:
//!
//! ```json
//! {
//!   "schema": "shipready/1",
//!   "tool": { "name": "shipready", "version": "0.1.0" },
//!   "root": "examples/ts-service",
//!   "findings": [ { "rule": "empty-catch", "area": "reliability", "severity": "high",
//!                   "path": "src/db.ts", "line": 12, "column": 5, "end_line": 12,
//!                   "end_column": 19, "message": "…", "snippet": "…",
//!                   "fingerprint": "9f86d081884c7d65" } ],
//!   "summary": { "files_scanned": 7, "files_skipped": 0,
//!                "by_severity": { "critical": 0, "high": 1, "medium": 0, "low": 0, "info": 0 },
//!                "suppressed": 0 },
//!   "skipped": [ { "path": "vendor/big.min.js", "reason": "…" } ]
//! }
//! ```
//!
//! Suppressed findings are counted in `summary.suppressed`; with `--show-suppressed` they are
//! also in `findings`, each with a `suppressed` object (`kind`, `reason`, and for entries of the
//! suppressions file `owner` and `expires`).
//!
//! Within `shipready/1` fields are only ever added, never renamed or removed; consumers must
//! ignore fields they do not know. See `docs/json-schema.md`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shipready_diagnostics::{
    Area, Endpoint, Finding, Fingerprint, Location, ProbeSummary, RuleMeta, Severity, SkippedFile, Span, Suppression,
};

use crate::Report;
use crate::readiness::Readiness;

/// The schema identifier written into every document.
pub const SCHEMA: &str = "shipready/1";

/// A shipready JSON report (`schema: "shipready/1"`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonReport<'a> {
    /// Always `"shipready/1"`.
    pub schema: &'static str,
    pub tool: Tool,
    /// The scanned root that every `path` is relative to.
    pub root: &'a str,
    /// Sorted by path, line, column, rule id. Suppressed findings only with `--show-suppressed`.
    pub findings: Vec<JsonFinding<'a>>,
    pub summary: Summary,
    /// Files that were not checked, or only at the text level, with the reason.
    pub skipped: &'a [SkippedFile],
    /// Present with `--baseline`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<JsonBaseline<'a>>,
    /// Present for a live run (`shipready probe`, or `--probe-results`): the service, each live
    /// check's result and the requests sent. `shipready report --probe-results` reads it back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probe: Option<&'a ProbeSummary>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

/// One finding.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonFinding<'a> {
    /// The check's stable id, as listed by `shipready rules`.
    pub rule: &'static str,
    pub area: Area,
    pub severity: Severity,
    /// Relative to `root`, with `/` separators: the file, or for a project-level finding the
    /// service or project folder (`.` for the root).
    pub path: &'a str,
    /// For a project-level finding, the file where the fix belongs; `line` and the other
    /// positions refer to it. Absent for ordinary findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    /// 1-based line of the start of the finding.
    pub line: u32,
    /// 1-based column, counted in Unicode scalar values.
    pub column: u32,
    /// 1-based line of the end of the finding.
    pub end_line: u32,
    /// 1-based column just past the end of the finding.
    pub end_column: u32,
    pub message: &'a str,
    /// The source lines the finding covers.
    pub snippet: &'a str,
    /// 16 hex digits; stable when code moves or is reformatted.
    #[schemars(with = "String")]
    pub fingerprint: Fingerprint,
    /// Present when a suppression silences the finding (listed with `--show-suppressed` only):
    /// `kind` is `in-source` (a `shipready-ignore` comment) or `external`
    /// (`.shipready/suppressions.toml`, which also gives `owner` and `expires`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<&'a Suppression>,
    /// With `--baseline`: `new` when the baseline does not know the finding, else `unchanged`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_state: Option<BaselineState>,
    /// For a live finding: the request that showed it. `path` is then the URL's path, the
    /// positions are 0, and `snippet` is the evidence (request and response, `curl -v` style).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<&'a Endpoint>,
}

/// Whether the baseline knows a finding (SARIF's `baselineState` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BaselineState {
    New,
    Unchanged,
}

/// The comparison with the baseline (`scan --baseline`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonBaseline<'a> {
    /// The baseline file, as given.
    pub path: &'a str,
    /// Findings the baseline does not know (suppressed ones aside).
    pub new: usize,
    /// Findings the baseline knows (suppressed ones aside).
    pub unchanged: usize,
    /// Baseline findings that are gone (of checks that ran, in files that were checked).
    pub fixed: Vec<JsonFixed<'a>>,
}

/// A baseline finding that is gone.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonFixed<'a> {
    pub rule: &'a str,
    pub severity: Severity,
    pub path: &'a str,
    /// The line it was on when the baseline was recorded.
    pub line: u32,
    pub message: &'a str,
    #[schemars(with = "String")]
    pub fingerprint: Fingerprint,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Summary {
    pub files_scanned: usize,
    pub files_skipped: usize,
    /// Unsuppressed findings at each severity, every severity present even when zero.
    pub by_severity: BTreeMap<Severity, usize>,
    /// Findings silenced by a suppression comment or the suppressions file (always counted).
    pub suppressed: usize,
}

impl<'a> JsonReport<'a> {
    pub fn new(report: &Report<'a>) -> Self {
        Self {
            schema: SCHEMA,
            tool: Tool { name: "shipready", version: env!("CARGO_PKG_VERSION") },
            root: report.root,
            findings: report
                .findings
                .iter()
                .filter(|f| report.show_suppressed || !f.is_suppressed())
                .map(|f| JsonFinding {
                    rule: f.rule,
                    area: f.area,
                    severity: f.severity,
                    path: &f.path,
                    file: f.file.as_deref(),
                    line: f.location.line,
                    column: f.location.column,
                    end_line: f.location.end_line,
                    end_column: f.location.end_column,
                    message: &f.message,
                    snippet: &f.snippet,
                    fingerprint: f.fingerprint,
                    suppressed: f.suppression.as_ref(),
                    baseline_state: report
                        .is_new(f)
                        .map(|new| if new { BaselineState::New } else { BaselineState::Unchanged }),
                    endpoint: f.endpoint.as_deref(),
                })
                .collect(),
            summary: Summary {
                files_scanned: report.files_scanned,
                files_skipped: report.skipped.len(),
                by_severity: report.by_severity(),
                suppressed: report.suppressed().count(),
            },
            skipped: report.skipped,
            probe: report.probe,
            baseline: report.baseline.map(|baseline| {
                let new = report.active().filter(|f| report.is_new(f) == Some(true)).count();
                JsonBaseline {
                    path: &baseline.path,
                    new,
                    unchanged: report.active().count() - new,
                    fixed: baseline
                        .fixed
                        .iter()
                        .map(|f| JsonFixed {
                            rule: &f.rule,
                            severity: f.severity,
                            path: &f.path,
                            line: f.line,
                            message: &f.message,
                            fingerprint: f.fingerprint,
                        })
                        .collect(),
                }
            }),
        }
    }
}

/// A live run read back from its JSON report (`shipready probe --format json`).
#[derive(Debug, Clone)]
pub struct ProbeResults {
    pub findings: Vec<Finding>,
    pub summary: ProbeSummary,
}

/// The parts of a `shipready/1` document that a live run is rebuilt from.
#[derive(Deserialize)]
struct ProbeDocument {
    schema: String,
    findings: Vec<ProbeFinding>,
    probe: Option<ProbeSummary>,
}

#[derive(Deserialize)]
struct ProbeFinding {
    rule: String,
    severity: Severity,
    path: String,
    message: String,
    #[serde(default)]
    snippet: String,
    fingerprint: Fingerprint,
    endpoint: Option<Endpoint>,
}

/// Reads the JSON report of a live run. `meta_of` names the live checks this version knows;
/// a finding of another check, or one without its request, makes the document unreadable, so
/// that scan results passed by mistake are refused rather than half-read.
pub fn read_probe_results(
    text: &str,
    meta_of: impl Fn(&str) -> Option<&'static RuleMeta>,
) -> Result<ProbeResults, String> {
    let document: ProbeDocument = serde_json::from_str(text).map_err(|error| error.to_string())?;
    if document.schema != SCHEMA {
        return Err(format!("its schema is `{}`, not `{SCHEMA}`", document.schema));
    }
    let summary = document.probe.ok_or("it has no `probe` section: it is not the report of `shipready probe`")?;
    let mut findings = Vec::with_capacity(document.findings.len());
    for finding in document.findings {
        let meta = meta_of(&finding.rule).ok_or_else(|| format!("`{}` is not a live check", finding.rule))?;
        let endpoint = finding.endpoint.ok_or_else(|| format!("a `{}` finding has no `endpoint`", finding.rule))?;
        findings.push(Finding {
            rule: meta.id,
            area: meta.area,
            severity: finding.severity,
            path: finding.path,
            file: None,
            span: Span::default(),
            location: Location { line: 0, column: 0, end_line: 0, end_column: 0 },
            message: finding.message,
            snippet: finding.snippet,
            fingerprint: finding.fingerprint,
            suppression: None,
            endpoint: Some(Box::new(endpoint)),
        });
    }
    Ok(ProbeResults { findings, summary })
}

/// The schema identifier of `shipready report --format json`.
pub const READINESS_SCHEMA: &str = "shipready-readiness/1";

/// The readiness picture as JSON: the score, `ready` and its blockers, every area with what moved
/// since the baseline and what it still needs, every check's state, fixed findings and the trend.
#[derive(Debug, Serialize)]
struct ReadinessDocument<'a> {
    schema: &'static str,
    tool: Tool,
    root: &'a str,
    #[serde(flatten)]
    readiness: &'a Readiness,
    /// Per area: the checks whose state changed since the baseline, and the failing ones.
    explain: Vec<AreaExplain<'a>>,
}

#[derive(Debug, Serialize)]
struct AreaExplain<'a> {
    area: Area,
    moved: Vec<&'a str>,
    needed: Vec<&'a str>,
}

/// Writes the readiness picture as one JSON document (`shipready-readiness/1`).
pub fn render_readiness(report: &Report<'_>, readiness: &Readiness, out: &mut dyn Write) -> io::Result<()> {
    let explain = readiness
        .areas
        .iter()
        .map(|area| AreaExplain {
            area: area.area,
            moved: readiness.moved(area.area).map(|c| c.id.as_str()).collect(),
            needed: readiness.needed(area.area).map(|c| c.id.as_str()).collect(),
        })
        .collect();
    let document = ReadinessDocument {
        schema: READINESS_SCHEMA,
        tool: Tool { name: "shipready", version: env!("CARGO_PKG_VERSION") },
        root: report.root,
        readiness,
        explain,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// Writes the report as one pretty-printed JSON document followed by a newline.
pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &JsonReport::new(report))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn renders_the_versioned_schema() {
        let (findings, skipped, rules) = fixtures::sample();
        let report = fixtures::report(&findings, &skipped, &rules);
        let mut out = Vec::new();
        render(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["schema"], "shipready/1");
        assert_eq!(value["tool"]["name"], "shipready");
        assert_eq!(value["summary"]["by_severity"]["low"], 0);
        assert_eq!(value["findings"][0]["fingerprint"].as_str().unwrap().len(), 16);
        insta::assert_snapshot!(text.replace(env!("CARGO_PKG_VERSION"), "[VERSION]"));
    }

    #[test]
    fn suppressed_findings_are_counted_and_only_listed_on_request() {
        let (findings, skipped, rules) = fixtures::with_suppressed();
        let mut report = fixtures::report(&findings, &skipped, &rules);
        let value = |report: &Report<'_>| {
            let mut out = Vec::new();
            render(report, &mut out).unwrap();
            serde_json::from_slice::<serde_json::Value>(&out).unwrap()
        };
        let hidden = value(&report);
        assert_eq!(hidden["summary"]["suppressed"], 1);
        assert_eq!(hidden["summary"]["by_severity"]["critical"], 0);
        assert_eq!(hidden["findings"].as_array().unwrap().len(), 1);
        assert!(hidden["findings"][0].get("suppressed").is_none());
        report.show_suppressed = true;
        let shown = value(&report);
        assert_eq!(shown["findings"].as_array().unwrap().len(), 2);
        assert_eq!(shown["findings"][0]["suppressed"]["kind"], "in-source");
        assert_eq!(shown["findings"][0]["suppressed"]["reason"], "compares a public build id, not a secret");
        assert!(shown["findings"][0]["suppressed"].get("owner").is_none());
        assert_eq!(shown["findings"][0]["fingerprint"], findings[0].fingerprint.to_string());
    }

    #[test]
    fn the_schema_documents_the_added_fields() {
        let schema = serde_json::to_value(schemars::schema_for!(JsonReport<'static>)).unwrap();
        let text = schema.to_string();
        for field in ["\"suppressed\"", "\"in-source\"", "\"external\"", "\"owner\"", "\"expires\""] {
            assert!(text.contains(field), "the schema lacks {field}: {text}");
        }
    }
}
