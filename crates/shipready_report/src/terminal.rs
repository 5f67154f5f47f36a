//! The human format: findings grouped by severity, each with its source line and a marker under
//! the span, then a summary. Coloured only when asked to (on a terminal). This format may change
//! between versions; scripts should read `--format json`.

use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Effects, Style};
use shipready_diagnostics::{CheckStatus, Finding, ProbeSummary, Severity, Suppression, SuppressionKind};

use crate::Report;

/// Skipped files listed before "and N more".
const SKIPPED_SHOWN: usize = 10;

pub fn render(report: &Report<'_>, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() }.decor_style(DecorStyle::Ascii);
    let paint = |style: Style, text: &str| {
        if color { format!("{}{text}{}", style.render(), style.render_reset()) } else { text.to_string() }
    };
    let bold = Style::new().effects(Effects::BOLD);

    for severity in Severity::ALL_DESCENDING {
        let group: Vec<&Finding> = report.active().filter(|f| f.severity == severity).collect();
        if group.is_empty() {
            continue;
        }
        let heading = format!("{} ({})", severity.as_str().to_uppercase(), group.len());
        writeln!(out, "{}\n", paint(severity_style(severity).effects(Effects::BOLD), &heading))?;
        for finding in group {
            let fix = report.rule(finding.rule).map(|rule| rule.fix);
            if let Some(request) = finding.request_line() {
                // A live finding: the request, then the exchange that shows the problem.
                let title = format!("{}[{}]: {}", finding.severity, finding.rule, finding.message);
                writeln!(out, "{}\n  --> {request}", paint(severity_style(severity).effects(Effects::BOLD), &title))?;
                for line in finding.snippet.lines() {
                    writeln!(out, "   | {line}")?;
                }
                if let Some(fix) = fix {
                    writeln!(out, "   = help: {fix}")?;
                }
                writeln!(out)?;
            } else if finding.snippet.is_empty() {
                // A project-level finding with no source line to show: its place, then the fix.
                let place = match &finding.file {
                    Some(file) => format!("{} ({file}:{})", finding.path, finding.location.line),
                    None => finding.path.clone(),
                };
                let title = format!("{}[{}]: {}", finding.severity, finding.rule, finding.message);
                writeln!(out, "{}\n  --> {place}", paint(severity_style(severity).effects(Effects::BOLD), &title))?;
                if let Some(fix) = fix {
                    writeln!(out, "   = help: {fix}")?;
                }
                writeln!(out)?;
            } else {
                writeln!(out, "{}\n", renderer.render(&[group_for(finding, fix)]))?;
            }
        }
    }

    let suppressed: Vec<&Finding> = report.suppressed().collect();
    if report.show_suppressed && !suppressed.is_empty() {
        writeln!(out, "{}\n", paint(bold, &format!("SUPPRESSED ({})", suppressed.len())))?;
        for finding in &suppressed {
            let location = finding.location;
            let title = format!("{}[{}]: {}", finding.severity, finding.rule, finding.message);
            // A project-level finding about a whole folder has no line to point at.
            let place = if let Some(request) = finding.request_line() {
                request
            } else if finding.file.is_none() && finding.snippet.is_empty() {
                finding.path.clone()
            } else {
                format!("{}:{}:{}", finding.located_file(), location.line, location.column)
            };
            writeln!(out, "{title}\n  --> {place}")?;
            if let Some(suppression) = &finding.suppression {
                writeln!(out, "   = {}\n", describe(suppression))?;
            }
        }
    }

    if !report.skipped.is_empty() {
        writeln!(out, "{}", paint(bold, &format!("Skipped {} file(s):", report.skipped.len())))?;
        for skipped in report.skipped.iter().take(SKIPPED_SHOWN) {
            let path = if skipped.path.is_empty() { "(walk)" } else { &skipped.path };
            writeln!(out, "  {path}: {}", skipped.reason)?;
        }
        if report.skipped.len() > SKIPPED_SHOWN {
            writeln!(out, "  … and {} more (see `--format json`)", report.skipped.len() - SKIPPED_SHOWN)?;
        }
        writeln!(out)?;
    }

    if let Some(probe) = report.probe {
        checks(out, probe, &paint)?;
    }

    let counts = report.by_severity();
    let tally: Vec<String> = Severity::ALL_DESCENDING
        .iter()
        .map(|s| {
            let text = format!("{} {}", counts[s], s.as_str());
            if counts[s] > 0 { paint(severity_style(*s), &text) } else { text }
        })
        .collect();
    let files = match (report.skipped.len(), report.probe) {
        (0, Some(probe)) if report.files_scanned == 0 => requests(probe),
        (0, probe) => format!(
            "{} files scanned{}",
            report.files_scanned,
            probe.map(|p| format!(" and {}", requests(p))).unwrap_or_default()
        ),
        (n, probe) => format!(
            "{} files scanned, {n} skipped{}",
            report.files_scanned,
            probe.map(|p| format!(", and {}", requests(p))).unwrap_or_default()
        ),
    };
    let found = match report.active().count() {
        0 => "no findings".to_string(),
        1 => "1 finding".to_string(),
        n => format!("{n} findings"),
    };
    writeln!(out, "{}: {found} ({}) in {files}", paint(bold, "Summary"), tally.join(", "))?;
    match report.failing() {
        0 => writeln!(out, "No finding at or above `{}`.", report.fail_on)?,
        n => writeln!(out, "{} at or above `{}`.", paint(bold, &format!("{n} failing")), report.fail_on)?,
    }
    if let n @ 1.. = report.advisory_at_threshold() {
        writeln!(out, "{n} more from advisory (heuristic) checks, which do not fail the run.")?;
    }
    if let Some(baseline) = report.baseline {
        let active = report.active().count();
        let new = report.active().filter(|f| report.is_new(f) == Some(true)).count();
        writeln!(
            out,
            "Against the baseline `{}`: {new} new, {} known, {} fixed{}.",
            baseline.path,
            active - new,
            baseline.fixed.len(),
            if baseline.fail_on_new { "; only new findings fail the run" } else { "" }
        )?;
    }
    match (suppressed.len(), report.show_suppressed) {
        (0, _) => Ok(()),
        (n, false) => writeln!(out, "{n} suppressed (show with --show-suppressed)."),
        (n, true) => writeln!(out, "{n} suppressed (listed above)."),
    }
}

/// The live checks and how each ended, passed and failed ones with what they saw.
fn checks(out: &mut dyn Write, probe: &ProbeSummary, paint: &dyn Fn(Style, &str) -> String) -> io::Result<()> {
    let heading = format!(
        "Live checks of {} ({} passed, {} failed, {} not run):",
        probe.url,
        probe.count(CheckStatus::Passed),
        probe.count(CheckStatus::Failed),
        probe.count(CheckStatus::NotRun)
    );
    writeln!(out, "{}", paint(Style::new().effects(Effects::BOLD), &heading))?;
    let width = probe.checks.iter().map(|check| check.id.len()).max().unwrap_or(0);
    for check in &probe.checks {
        let (word, style) = match check.status {
            CheckStatus::Passed => ("passed ", Style::new().fg_color(Some(AnsiColor::Green.into()))),
            CheckStatus::Failed => ("failed ", Style::new().fg_color(Some(AnsiColor::Red.into()))),
            CheckStatus::NotRun => ("not run", Style::new().effects(Effects::DIMMED)),
        };
        writeln!(out, "  {} {:width$}  {}", paint(style, word), check.id, check.detail)?;
    }
    writeln!(out)
}

/// `37 requests to http://host:port in 4.2 s`.
fn requests(probe: &ProbeSummary) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a duration in seconds, shown to a tenth")]
    let seconds = probe.elapsed_ms as f64 / 1000.0;
    format!(
        "{} request{} to {} in {seconds:.1} s (budget {})",
        probe.requests_sent,
        if probe.requests_sent == 1 { "" } else { "s" },
        probe.url,
        probe.max_requests
    )
}

/// What silences a finding, and why.
fn describe(suppression: &Suppression) -> String {
    let by = match suppression.kind {
        SuppressionKind::InSource => "suppressed in the source".to_string(),
        SuppressionKind::External => {
            let mut details = Vec::new();
            if let Some(owner) = &suppression.owner {
                details.push(format!("owner {owner}"));
            }
            if let Some(expires) = &suppression.expires {
                details.push(format!("until {expires}"));
            }
            if details.is_empty() {
                "suppressed in .shipready/suppressions.toml".to_string()
            } else {
                format!("suppressed in .shipready/suppressions.toml ({})", details.join(", "))
            }
        }
    };
    format!("{by}: {}", suppression.reason)
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Critical => AnsiColor::BrightRed,
        Severity::High => AnsiColor::Red,
        Severity::Medium => AnsiColor::Yellow,
        Severity::Low => AnsiColor::Cyan,
        Severity::Info => AnsiColor::BrightBlue,
    };
    Style::new().fg_color(Some(color.into()))
}

fn level(severity: Severity) -> Level<'static> {
    let base = match severity {
        Severity::Critical | Severity::High => Level::ERROR,
        Severity::Medium => Level::WARNING,
        Severity::Low => Level::NOTE,
        Severity::Info => Level::INFO,
    };
    base.with_name(Some(severity.as_str()))
}

fn group_for<'a>(finding: &'a Finding, fix: Option<&'a str>) -> annotate_snippets::Group<'a> {
    let snippet = finding.snippet.as_str();
    let start = byte_offset(snippet, 0, finding.location.column);
    let last_line = finding.location.end_line.saturating_sub(finding.location.line) as usize;
    let end = if last_line < snippet.lines().count() {
        byte_offset(snippet, last_line, finding.location.end_column)
    } else {
        snippet.len()
    };
    let end = end.max(start + usize::from(start < snippet.len()));
    let group = level(finding.severity).primary_title(&finding.message).id(finding.rule).element(
        Snippet::source(snippet)
            .line_start(finding.location.line as usize)
            .path(finding.file.as_deref().unwrap_or(&finding.path))
            .annotation(AnnotationKind::Primary.span(start..end)),
    );
    match fix {
        Some(fix) => group.element(Level::HELP.message(fix)),
        None => group,
    }
}

/// Byte offset in `snippet` of a 1-based column (in chars) on its `line`-th line (0-based).
fn byte_offset(snippet: &str, line: usize, column: u32) -> usize {
    let mut line_start = 0;
    for (index, text) in snippet.split_inclusive('\n').enumerate() {
        if index == line {
            let chars = text.trim_end_matches(['\n', '\r']);
            let within = chars.char_indices().nth(column.saturating_sub(1) as usize).map_or(chars.len(), |(i, _)| i);
            return line_start + within;
        }
        line_start += text.len();
    }
    snippet.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn groups_by_severity_with_markers_and_a_summary() {
        let (findings, skipped, rules) = fixtures::sample();
        let report = fixtures::report(&findings, &skipped, &rules);
        let mut out = Vec::new();
        render(&report, &mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\u{1b}'), "no colour unless asked");
        insta::assert_snapshot!(text);
    }

    #[test]
    fn suppressed_findings_are_counted_and_listed_on_request() {
        let (findings, skipped, rules) = fixtures::with_suppressed();
        let mut report = fixtures::report(&findings, &skipped, &rules);
        let render_text = |report: &Report<'_>| {
            let mut out = Vec::new();
            render(report, &mut out, false).unwrap();
            String::from_utf8(out).unwrap()
        };
        let text = render_text(&report);
        assert!(!text.contains("CRITICAL") && !text.contains("timing-unsafe-compare"), "{text}");
        assert!(text.contains("Summary: 1 finding (0 critical"), "{text}");
        assert!(text.contains("1 suppressed (show with --show-suppressed)."), "{text}");
        report.show_suppressed = true;
        let text = render_text(&report);
        assert!(!text.contains("CRITICAL"), "suppressed findings stay out of the severity groups: {text}");
        insta::assert_snapshot!(text);
    }

    #[test]
    fn colour_only_when_asked() {
        let (findings, skipped, rules) = fixtures::sample();
        let report = fixtures::report(&findings, &skipped, &rules);
        let mut out = Vec::new();
        render(&report, &mut out, true).unwrap();
        assert!(String::from_utf8(out).unwrap().contains('\u{1b}'));
    }

    #[test]
    fn byte_offsets_count_chars() {
        assert_eq!(byte_offset("    print(f\"hé {x}\")", 0, 5), 4);
        assert_eq!(byte_offset("é = 1\nab", 1, 2), 8);
        assert_eq!(byte_offset("ab", 0, 99), 2);
    }
}
