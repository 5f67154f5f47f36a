//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, which
//! the runner turns into annotations on the pull request's diff.
//!
//! Paths are the scanned root joined with each finding's path, so that a scan of a sub-folder
//! still points at files relative to the repository (the workflow's working directory).

use std::io::{self, Write};

use shipready_diagnostics::{Finding, Severity};

use crate::Report;

/// Writes one workflow command per unsuppressed finding, then a one-line summary.
pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for finding in report.active() {
        writeln!(out, "{}", command(report.root, finding))?;
    }
    let failing = report.failing();
    let suppressed = match report.suppressed().count() {
        0 => String::new(),
        n => format!(" ({n} suppressed)"),
    };
    let probed =
        report.probe.map(|probe| format!(" and {} requests to {}", probe.requests_sent, probe.url)).unwrap_or_default();
    writeln!(
        out,
        "shipready: {} findings in {} files scanned{probed}{suppressed}, {failing} at or above `{}`",
        report.active().count(),
        report.files_scanned,
        report.fail_on
    )
}

fn command(root: &str, finding: &Finding) -> String {
    let level = match finding.severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    };
    let mut properties = Vec::new();
    if let Some(request) = finding.request_line() {
        // A live finding has no file to annotate: a workflow-level annotation naming the request.
        properties.push(format!("title={}", property(&format!("{} ({})", finding.rule, finding.severity.as_str()))));
        return format!("::{level} {}::{}", properties.join(","), data(&format!("{} ({request})", finding.message)));
    }
    let located = finding.file.is_some() || !finding.span.is_empty();
    let path = finding.file.as_deref().unwrap_or(&finding.path);
    if located || path != "." {
        properties.push(format!("file={}", property(&joined(root, path))));
    }
    if located {
        let location = finding.location;
        properties.push(format!("line={}", location.line));
        properties.push(format!("endLine={}", location.end_line));
        // Columns only make sense within one line.
        if location.line == location.end_line {
            properties.push(format!("col={}", location.column));
            properties.push(format!("endColumn={}", location.end_column));
        }
    }
    properties.push(format!("title={}", property(&format!("{} ({})", finding.rule, finding.severity.as_str()))));
    format!("::{level} {}::{}", properties.join(","), data(&finding.message))
}

fn joined(root: &str, path: &str) -> String {
    let root = root.trim_end_matches('/');
    match (root, path) {
        ("" | ".", _) => path.to_string(),
        (_, ".") => root.to_string(),
        _ => format!("{root}/{path}"),
    }
}

/// The escaping GitHub's runner applies to a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// The escaping for a property value, where `:` and `,` also delimit.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn one_escaped_command_per_finding() {
        let (mut findings, skipped, rules) = fixtures::sample();
        findings[1].message = "50% done,\nnext: line".into();
        let mut project = findings[0].clone();
        project.path = ".".into();
        project.span = shipready_diagnostics::Span::new(0, 0);
        findings.push(project);
        let report = fixtures::report(&findings, &skipped, &rules);
        let mut out = Vec::new();
        render(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "::error file=demo/src/gateway/auth.ts,line=12,endLine=12,col=7,endColumn=26,title=timing-unsafe-compare (critical)::`token` is compared with `===`, which leaks it through timing; use `crypto.timingSafeEqual`"
        );
        assert!(lines[1].starts_with("::warning file=demo/app/çé.py,line=3,"), "{}", lines[1]);
        assert!(lines[1].ends_with("::50%25 done,%0Anext: line"), "{}", lines[1]);
        // A repository-level finding has no file to point at: a workflow-level annotation.
        assert!(lines[2].starts_with("::error title=timing-unsafe-compare (critical)::"), "{}", lines[2]);
        assert_eq!(lines.len(), 4);
        assert!(lines[3].starts_with("shipready: 3 findings"));
    }

    #[test]
    fn suppressed_findings_are_not_annotated() {
        let (findings, skipped, rules) = fixtures::with_suppressed();
        let report = fixtures::report(&findings, &skipped, &rules);
        let mut out = Vec::new();
        render(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains("timing-unsafe-compare"), "{text}");
        assert_eq!(text.lines().filter(|line| line.starts_with("::")).count(), 1);
        assert!(text.contains("shipready: 1 findings in 7 files scanned (1 suppressed), 0 at or above"), "{text}");
    }

    #[test]
    fn paths_join_the_scanned_root() {
        assert_eq!(joined(".", "src/a.ts"), "src/a.ts");
        assert_eq!(joined("services/api/", "src/a.ts"), "services/api/src/a.ts");
        assert_eq!(joined("services/api", "."), "services/api");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
