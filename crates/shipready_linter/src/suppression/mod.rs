//! Suppression comments and their governance (STYLE.md §3, "Suppression comments").
//!
//! ```text
//! print(x)  # shipready-ignore[print-logging]: the CLI's output     ← covers its own line
//! // shipready-ignore[empty-catch, print-logging]: best effort      ← alone: covers the next line
//! # shipready-ignore-file[print-logging]: a command-line tool      ← in the leading comments: the file
//! ```
//!
//! Directives are read only from the parser's comment list ([`FileInfo::comments`]), so a string
//! that mentions the token never counts, and only where the token starts the comment (or a
//! `#`/`//` comment nested in it, as in `# noqa: E501  # shipready-ignore[…]: …`): prose that
//! mentions the tool silences nothing. The token must be followed by `[`, the check ids separated
//! by commas, `]`, `:` and a reason. Scopes follow ast-grep's: a comment after code covers its
//! line, a comment alone on its line covers the next line, and a finding is covered when it
//! starts on the covered line.
//!
//! [`govern`] applies the directives of every file and the entries of the suppressions file to
//! every finding once all of them exist, marks the silenced ones (they are kept, counted and
//! never fail the run) and reports, as `unused-suppression`, directives and entries that are
//! malformed, lack a reason, name an unknown check, have expired or silence nothing.

use std::collections::HashMap;

use shipready_diagnostics::{Finding, Fingerprint, Location, Span, Suppression, SuppressionKind, assign_fingerprints};

use crate::context::FileInfo;
use crate::registry;
use crate::rule::DeclaredRule;
use crate::rules::code_quality::UnusedSuppression;

/// The token every directive starts with.
pub const TOKEN: &str = "shipready-ignore";

/// What a directive covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Scope {
    /// `shipready-ignore[…]`: the findings that start on this (1-based) line.
    Line(u32),
    /// `shipready-ignore-file[…]`: every finding in the file.
    File,
}

/// Why a directive silences nothing, whatever the findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Defect {
    /// `shipready-ignore` without check ids (or with `[]`): a blanket directive.
    Blanket,
    /// `shipready-ignore[` without the closing `]`.
    Unclosed,
    /// No `: reason` after the ids.
    NoReason,
    /// `shipready-ignore-file` after the file's leading comments.
    Misplaced,
    /// A directive alone on the last line: there is no next line to cover.
    NothingBelow,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Directive {
    /// The file it is written in, relative to the scan root.
    pub path: String,
    /// The directive as written up to its `]`, for messages (`shipready-ignore[print-logging]`).
    pub written: String,
    pub scope: Scope,
    /// The check ids it names, as written.
    pub ids: Vec<String>,
    /// The reason after `:`; empty when there is none.
    pub reason: String,
    pub defect: Option<Defect>,
    /// The directive's text (from the token to the end of its line or comment).
    pub span: Span,
    pub location: Location,
    pub snippet: String,
}

impl Directive {
    /// Whether the directive silences `rule`'s findings at all (well formed and naming it).
    fn names(&self, rule: &str) -> bool {
        self.defect.is_none() && self.ids.iter().any(|id| id == rule)
    }

    fn covers(&self, finding: &Finding) -> bool {
        finding.located_file() == self.path
            && match self.scope {
                Scope::File => true,
                Scope::Line(line) => finding.location.line == line,
            }
    }
}

/// Every directive in a file's comments, in source order.
pub fn directives(file: &FileInfo<'_>) -> Vec<Directive> {
    let mut found = Vec::new();
    for (index, &comment) in file.comments.iter().enumerate() {
        let text = file.slice(comment);
        for at in memchr::memmem::find_iter(text.as_bytes(), TOKEN.as_bytes()) {
            if !starts_directive(text, at) {
                continue;
            }
            let Some(parsed) = parse(text, at) else { continue };
            let span = Span::new(comment.start + at as u32, comment.start + parsed.end as u32);
            let mut defect = parsed.defect;
            let scope = if parsed.file_wide {
                if defect.is_none() && !in_leading_comments(file, index) {
                    defect = Some(Defect::Misplaced);
                }
                Scope::File
            } else {
                let line = covered_line(file, comment);
                if defect.is_none() && line > file.line_index().line_count(file.text) {
                    defect = Some(Defect::NothingBelow);
                }
                Scope::Line(line)
            };
            found.push(Directive {
                path: file.path.to_string(),
                written: text[at..parsed.written_end].to_string(),
                scope,
                ids: parsed.ids,
                reason: parsed.reason,
                defect,
                span,
                location: file.line_index().location(file.text, span),
                snippet: file.line_index().snippet(file.text, span, 3).to_string(),
            });
        }
    }
    found
}

/// Whether the token at `at` starts the comment's text, a line of a block comment, or a `#` or
/// `//` comment nested in it, rather than a sentence: only comment delimiters and blanks lie
/// between it and the start of its line.
fn starts_directive(comment: &str, at: usize) -> bool {
    let line_start = comment[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = comment[line_start..at].trim_end();
    let marker_len = before.len() - before.trim_end_matches(['/', '*', '#', '!', '<', '-']).len();
    let (rest, marker) = before.split_at(before.len() - marker_len);
    if rest.trim().is_empty() {
        return true;
    }
    // `# noqa: E501  # shipready-ignore[…]`: a comment nested after a blank.
    rest.ends_with(char::is_whitespace) && (marker.starts_with('#') || marker.starts_with("//"))
}

/// A directive's parts, with offsets into the comment's text.
struct Parsed {
    file_wide: bool,
    ids: Vec<String>,
    reason: String,
    defect: Option<Defect>,
    /// Just past the `]` (or the token, when there is none).
    written_end: usize,
    /// The end of the directive: its line, or the comment's closing delimiter.
    end: usize,
}

/// Parses the directive whose token is at `at`; `None` when the token is part of a longer word
/// (`shipready-ignored`, `shipready-ignore-next-line`), which is not a directive.
fn parse(comment: &str, at: usize) -> Option<Parsed> {
    let body_end = comment.trim_end().strip_suffix("*/").or_else(|| comment.trim_end().strip_suffix("-->"));
    let body_end = body_end.map_or(comment.len(), str::len);
    let line_end = comment[at..].find('\n').map_or(comment.len(), |i| at + i).min(body_end.max(at));
    let mut cursor = at + TOKEN.len();
    let file_wide = comment[cursor..line_end].starts_with("-file");
    if file_wide {
        cursor += "-file".len();
    }
    let rest = &comment[cursor..line_end];
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let mut parsed =
        Parsed { file_wide, ids: Vec::new(), reason: String::new(), defect: None, written_end: cursor, end: line_end };
    let Some(list) = rest.strip_prefix('[') else {
        parsed.defect = Some(Defect::Blanket);
        return Some(parsed);
    };
    let Some(close) = list.find(']') else {
        parsed.written_end = comment[..line_end].trim_end().len().max(cursor);
        parsed.defect = Some(Defect::Unclosed);
        return Some(parsed);
    };
    parsed.ids = list[..close].split(',').map(str::trim).filter(|id| !id.is_empty()).map(String::from).collect();
    parsed.written_end = cursor + 1 + close + 1;
    let after = list[close + 1..].trim_start();
    parsed.reason = after.strip_prefix(':').map(str::trim).unwrap_or_default().to_string();
    parsed.defect = if parsed.ids.is_empty() {
        Some(Defect::Blanket)
    } else if parsed.reason.is_empty() {
        Some(Defect::NoReason)
    } else {
        None
    };
    Some(parsed)
}

/// The line a line directive in `comment` covers: its own line when code comes before the
/// comment (or after it, on the line where it ends), else the next line.
fn covered_line(file: &FileInfo<'_>, comment: Span) -> u32 {
    let (first, _) = file.line_index().position(file.text, comment.start);
    let line_start = file.line_index().line_span(file.text, first).start;
    if !file.slice(Span::new(line_start, comment.start)).trim().is_empty() {
        return first;
    }
    let (last, _) = file.line_index().position(file.text, comment.end);
    let line_end = file.line_index().line_span(file.text, last).end;
    if !file.slice(Span::new(comment.end, line_end.max(comment.end))).trim().is_empty() {
        return last;
    }
    last + 1
}

/// Whether the comment at `index` lies in the file's leading comment block: only blanks, other
/// comments, a `#!` line and (in YAML) `---` document markers come before it.
fn in_leading_comments(file: &FileInfo<'_>, index: usize) -> bool {
    let mut cursor = 0;
    if file.text.starts_with("#!") {
        cursor = file.line_index().line_span(file.text, 1).end;
    }
    let blank = |from: u32, to: u32| {
        file.slice(Span::new(from, to.max(from)))
            .lines()
            .all(|line| line.trim().is_empty() || (file.language == shipready_lang::Language::Yaml && line == "---"))
    };
    for comment in &file.comments[..=index] {
        if comment.start < cursor {
            continue;
        }
        if !blank(cursor, comment.start) {
            return false;
        }
        cursor = comment.end;
    }
    true
}

/// An entry of the suppressions file, as [`govern`] needs it.
pub struct ExternalSuppression<'a> {
    /// The check it silences.
    pub check: &'a str,
    pub reason: &'a str,
    pub owner: &'a str,
    /// `YYYY-MM-DD`, if it has an expiry date.
    pub expires: Option<&'a str>,
    /// Whether the date has passed: the entry then silences nothing and is reported.
    pub expired: bool,
    /// What it names besides the check, for messages: "`scripts/**`", "fingerprint `…`".
    pub target: String,
    /// Whether a finding of `check` is one the entry names (by path or fingerprint).
    pub matches: &'a dyn Fn(&Finding) -> bool,
    /// Where the entry is written (the suppressions file, relative to the scan root).
    pub path: String,
    pub span: Span,
    pub location: Location,
    pub snippet: String,
}

/// What [`govern`] needs to know about the run.
pub struct Governance<'a> {
    /// Whether a check ran on a file (its path relative to the scan root), or at all (`None`):
    /// a directive or entry for a check that did not run is never unused.
    pub ran: &'a dyn Fn(&str, Option<&str>) -> bool,
    /// Whether `unused-suppression` is selected: without it nothing is reported, and
    /// directives and entries only silence.
    pub report: bool,
}

/// Marks every finding a directive or entry silences (inline ones first) and returns the
/// `unused-suppression` findings, themselves silenced where a directive or entry names that
/// check. Fingerprints are left alone.
pub fn govern(
    findings: &mut [Finding],
    directives: &[Directive],
    external: &[ExternalSuppression<'_>],
    governance: &Governance<'_>,
) -> Vec<Finding> {
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, directive) in directives.iter().enumerate() {
        by_file.entry(directive.path.as_str()).or_default().push(index);
    }
    let mut used_ids: Vec<Vec<bool>> = directives.iter().map(|d| vec![false; d.ids.len()]).collect();
    let mut used_entries = vec![false; external.len()];
    for finding in findings.iter_mut() {
        for &index in by_file.get(finding.located_file()).map_or(&[][..], Vec::as_slice) {
            let directive = &directives[index];
            if !directive.names(finding.rule) || !directive.covers(finding) {
                continue;
            }
            for (used, id) in used_ids[index].iter_mut().zip(&directive.ids) {
                *used |= id == finding.rule;
            }
            finding.suppression.get_or_insert_with(|| in_source(directive));
        }
        for (used, entry) in used_entries.iter_mut().zip(external) {
            if entry.expired || entry.check != finding.rule || !(entry.matches)(finding) {
                continue;
            }
            *used = true;
            finding.suppression.get_or_insert_with(|| outside(entry));
        }
    }
    if !governance.report {
        return Vec::new();
    }

    let mut reports = Vec::new();
    for (directive, used) in directives.iter().zip(&used_ids) {
        reports.extend(directive_problems(directive, used, governance).into_iter().map(|message| {
            unused_finding(&directive.path, directive.span, directive.location, &directive.snippet, message)
        }));
    }
    for (entry, used) in external.iter().zip(used_entries) {
        let message = if entry.expired {
            Some(format!(
                "suppression of `{}` for {} (owner {}) expired on {}; its findings are reported again",
                entry.check,
                entry.target,
                entry.owner,
                entry.expires.unwrap_or_default()
            ))
        } else if !used && entry.check != UnusedSuppression::META.id && (governance.ran)(entry.check, None) {
            Some(format!(
                "suppression of `{}` for {} (owner {}) silences nothing; remove it",
                entry.check, entry.target, entry.owner
            ))
        } else {
            None
        };
        if let Some(message) = message {
            reports.push(unused_finding(&entry.path, entry.span, entry.location, &entry.snippet, message));
        }
    }

    // Fingerprints per file, in source order, so that one file's directives never shift another's.
    reports.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    for group in reports.chunk_by_mut(|a, b| a.path == b.path) {
        assign_fingerprints(group, |finding| finding.snippet.clone());
    }
    // `unused-suppression` findings are silenced like any other (never reported as unused).
    for report in &mut reports {
        for &index in by_file.get(report.path.as_str()).map_or(&[][..], Vec::as_slice) {
            let directive = &directives[index];
            if directive.names(report.rule) && directive.covers(report) {
                report.suppression.get_or_insert_with(|| in_source(directive));
            }
        }
        for entry in external {
            if !entry.expired && entry.check == report.rule && (entry.matches)(report) {
                report.suppression.get_or_insert_with(|| outside(entry));
            }
        }
    }
    reports
}

/// What is wrong with one directive, given which of its ids silenced a finding.
fn directive_problems(directive: &Directive, used: &[bool], governance: &Governance<'_>) -> Vec<String> {
    let written = &directive.written;
    let mut problems = Vec::new();
    match directive.defect {
        Some(Defect::Blanket) => problems
            .push(format!("`{written}` names no check, so it silences nothing; write `{TOKEN}[<check-id>]: <reason>`")),
        Some(Defect::Unclosed) => {
            problems.push(format!("`{written}` is missing the `]` after its check ids, so it silences nothing"));
        }
        Some(Defect::NoReason) => {
            problems.push(format!("`{written}` gives no reason, so it silences nothing; add `: <why>` after `]`"));
        }
        Some(Defect::Misplaced) => problems.push(format!(
            "`{written}` is not in the file's leading comments, so it silences nothing; move it above the code"
        )),
        Some(Defect::NothingBelow) => problems.push(format!("`{written}` has no line below it to cover")),
        None => {}
    }
    for id in directive.ids.iter().filter(|id| !registry::is_check_id(id)) {
        let hint = match registry::closest_id(id) {
            Some(close) => format!("; did you mean `{close}`?"),
            None => "; `shipready rules` lists the check ids".to_string(),
        };
        problems.push(format!("`{id}` in `{written}` is not a check{hint}"));
    }
    if directive.defect.is_some() {
        return problems;
    }
    let unused: Vec<&str> = directive
        .ids
        .iter()
        .zip(used)
        .filter(|(id, used)| {
            !**used
                && registry::is_check_id(id)
                && *id != UnusedSuppression::META.id
                && (governance.ran)(id, Some(&directive.path))
        })
        .map(|(id, _)| id.as_str())
        .collect();
    if unused.is_empty() {
        return problems;
    }
    let place = match directive.scope {
        Scope::File => "in this file".to_string(),
        Scope::Line(line) => format!("on line {line}"),
    };
    let named = unused.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
    if unused.len() == directive.ids.len() {
        problems.push(format!("`{written}` silences nothing: no {named} finding {place}"));
    } else {
        problems.push(format!("{named} in `{written}` silences nothing: no such finding {place}"));
    }
    problems
}

fn in_source(directive: &Directive) -> Suppression {
    Suppression { kind: SuppressionKind::InSource, reason: directive.reason.clone(), owner: None, expires: None }
}

fn outside(entry: &ExternalSuppression<'_>) -> Suppression {
    Suppression {
        kind: SuppressionKind::External,
        reason: entry.reason.to_string(),
        owner: Some(entry.owner.to_string()),
        expires: entry.expires.map(String::from),
    }
}

fn unused_finding(path: &str, span: Span, location: Location, snippet: &str, message: String) -> Finding {
    let meta = &UnusedSuppression::META;
    Finding {
        rule: meta.id,
        area: meta.area,
        severity: meta.severity,
        path: path.to_string(),
        file: None,
        span,
        location,
        message,
        snippet: snippet.to_string(),
        fingerprint: Fingerprint::default(),
        suppression: None,
        endpoint: None,
    }
}

#[cfg(test)]
mod tests;
