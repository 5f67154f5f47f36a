//! What the tool remembers between runs, in `.shipready/`: the baseline (`baseline.json`, the
//! findings and scores a team accepted as its starting point) and the history
//! (`history.jsonl`, one compact snapshot per `shipready report`), so trends need no server.
//!
//! Both are diffable: keys are written in sorted order (every struct here lists its fields
//! alphabetically, and maps are `BTreeMap`s), findings in path order, one snapshot per line.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use shipready_diagnostics::{Finding, Fingerprint, Severity};

/// The schema identifier of `baseline.json`.
pub const BASELINE_SCHEMA: &str = "shipready-baseline/1";

/// `.shipready/baseline.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Score per area (percent), for the areas that had applicable checks.
    pub areas: BTreeMap<String, u32>,
    /// Whether each applicable check (and manual item) passed.
    pub checks: BTreeMap<String, bool>,
    /// The day the baseline was recorded, `YYYY-MM-DD`.
    pub date: String,
    /// Every finding that was not suppressed, sorted by path, line and rule.
    pub findings: Vec<BaselineFinding>,
    /// Always [`BASELINE_SCHEMA`].
    pub schema: String,
    /// The overall score (percent).
    pub score: u32,
    /// The shipready version that wrote it.
    pub tool: String,
}

/// One accepted finding. Only the fingerprint identifies it; the rest is for people reading
/// the file and for listing what was fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFinding {
    pub fingerprint: Fingerprint,
    pub line: u32,
    pub message: String,
    pub path: String,
    pub rule: String,
    pub severity: Severity,
}

impl BaselineFinding {
    /// `path:line`, or the path alone for a finding without a line (a live one, or one about a
    /// whole folder).
    pub fn place(&self) -> String {
        if self.line == 0 { self.path.clone() } else { format!("{}:{}", self.path, self.line) }
    }

    pub fn of(finding: &Finding) -> Self {
        Self {
            fingerprint: finding.fingerprint,
            line: finding.location.line,
            message: finding.message.clone(),
            path: finding.path.clone(),
            rule: finding.rule.to_string(),
            severity: finding.severity,
        }
    }
}

impl Baseline {
    pub fn parse(text: &str) -> Result<Self, String> {
        let baseline: Self = serde_json::from_str(text).map_err(|error| error.to_string())?;
        if baseline.schema != BASELINE_SCHEMA {
            return Err(format!("unknown schema `{}`; this shipready reads `{BASELINE_SCHEMA}`", baseline.schema));
        }
        Ok(baseline)
    }

    /// The file's text: pretty JSON with sorted keys and a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn fingerprints(&self) -> BTreeSet<Fingerprint> {
        self.findings.iter().map(|f| f.fingerprint).collect()
    }
}

/// One line of `.shipready/history.jsonl`: the state after one `shipready report`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Score per area (percent).
    pub areas: BTreeMap<String, u32>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Baseline findings first seen fixed in this run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixed: Vec<Fingerprint>,
    /// Findings the baseline does not know, in this run.
    #[serde(default)]
    pub new: usize,
    /// Open findings per severity (info excluded).
    pub open: BTreeMap<Severity, usize>,
    pub ready: bool,
    /// Baseline findings that an earlier run saw fixed and that are back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reopened: Vec<Fingerprint>,
    pub score: u32,
}

/// The history file's snapshots; a line that does not parse (a torn write, a hand edit) is
/// skipped and counted rather than failing the report.
pub fn parse_history(text: &str) -> (Vec<Snapshot>, usize) {
    let mut snapshots = Vec::new();
    let mut unreadable = 0;
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        match serde_json::from_str(line) {
            Ok(snapshot) => snapshots.push(snapshot),
            Err(_) => unreadable += 1,
        }
    }
    (snapshots, unreadable)
}

impl Snapshot {
    /// One line of JSON, newline-terminated, ready to append.
    pub fn to_line(&self) -> String {
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// The day each baseline finding was first seen fixed, replaying the history: a finding is
/// fixed from the snapshot that lists it in `fixed` until one lists it in `reopened`.
pub fn fixed_since(history: &[Snapshot]) -> BTreeMap<Fingerprint, String> {
    let mut fixed = BTreeMap::new();
    for snapshot in history {
        for fingerprint in &snapshot.fixed {
            fixed.entry(*fingerprint).or_insert_with(|| snapshot.date.clone());
        }
        for fingerprint in &snapshot.reopened {
            fixed.remove(fingerprint);
        }
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(date: &str, fixed: &[u64], reopened: &[u64]) -> Snapshot {
        Snapshot {
            date: date.into(),
            fixed: fixed.iter().map(|&f| Fingerprint(f)).collect(),
            reopened: reopened.iter().map(|&f| Fingerprint(f)).collect(),
            ..Snapshot::default()
        }
    }

    #[test]
    fn a_fix_dates_from_its_first_sighting_until_it_reopens() {
        let history = [
            snapshot("2026-11-01", &[1], &[]),
            snapshot("2026-11-02", &[2], &[]),
            snapshot("2026-11-03", &[], &[1]),
            snapshot("2026-11-04", &[1], &[]),
        ];
        let fixed = fixed_since(&history);
        assert_eq!(fixed.get(&Fingerprint(1)).map(String::as_str), Some("2026-11-04"));
        assert_eq!(fixed.get(&Fingerprint(2)).map(String::as_str), Some("2026-11-02"));
    }

    #[test]
    fn torn_history_lines_are_skipped() {
        let good = snapshot("2026-11-01", &[1], &[]).to_line();
        let text = format!("{good}{{\"areas\":{{}},\"da\n{good}");
        let (snapshots, unreadable) = parse_history(&text);
        assert_eq!((snapshots.len(), unreadable), (2, 1));
    }

    #[test]
    fn baseline_keys_are_sorted_and_round_trip() {
        let baseline = Baseline {
            areas: BTreeMap::from([("security".into(), 50), ("reliability".into(), 100)]),
            checks: BTreeMap::from([("empty-catch".into(), true)]),
            date: "2026-12-04".into(),
            findings: vec![BaselineFinding {
                fingerprint: Fingerprint(7),
                line: 3,
                message: "m".into(),
                path: "a.ts".into(),
                rule: "empty-catch".into(),
                severity: Severity::High,
            }],
            schema: BASELINE_SCHEMA.into(),
            score: 75,
            tool: "0.1.0".into(),
        };
        let text = baseline.to_json();
        let keys: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("  \"") && !l.starts_with("   "))
            .map(|l| l.trim().split('"').nth(1).unwrap())
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted);
        assert!(text.contains("\"reliability\": 100,\n    \"security\": 50"));
        assert_eq!(Baseline::parse(&text), Ok(baseline));
        assert!(Baseline::parse(&text.replace(BASELINE_SCHEMA, "other/9")).unwrap_err().contains("unknown schema"));
    }
}
