//! Renders a scan, a probe, or both. Every format renders the same [`Report`]; each lives in its
//! own file.

pub mod checklist;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod readiness;
pub mod sarif;
pub mod terminal;

use std::collections::{BTreeMap, BTreeSet};

use shipready_diagnostics::{FailOn, Finding, Fingerprint, ProbeSummary, RuleMeta, Severity, SkippedFile};

use crate::readiness::BaselineFinding;

/// Everything a reporter needs: the findings (sorted by path, line, column, rule id), what was
/// skipped and why, and the metadata of the rules that ran.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The scan root as shown to the user.
    pub root: &'a str,
    /// Every finding, suppressed ones included (see [`Finding::suppression`]).
    pub findings: &'a [Finding],
    pub files_scanned: usize,
    pub skipped: &'a [SkippedFile],
    pub rules: &'a [&'static RuleMeta],
    pub fail_on: FailOn,
    /// Checks whose findings are reported but never fail the run: by default the heuristic
    /// ones, as configured (`advisory`, `gate`).
    pub advisory: &'a [&'a str],
    /// List suppressed findings too (`--show-suppressed`). They are always counted, never fail
    /// the run, and SARIF always carries them with their justification.
    pub show_suppressed: bool,
    /// The comparison with a baseline, when one was given.
    pub baseline: Option<&'a BaselineDiff>,
    /// The live run (`shipready probe`, or probe results read back) whose findings are among
    /// `findings`: those carry an [`endpoint`](Finding::endpoint) instead of a source position.
    pub probe: Option<&'a ProbeSummary>,
}

/// How a scan compares with a baseline (`scan --baseline`).
#[derive(Debug, Clone, Default)]
pub struct BaselineDiff {
    /// The baseline file, as given.
    pub path: String,
    /// Fingerprints of the findings the baseline knows.
    pub known: BTreeSet<Fingerprint>,
    /// Baseline findings of checks that ran and that are gone.
    pub fixed: Vec<BaselineFinding>,
    /// Only findings the baseline does not know fail the run.
    pub fail_on_new: bool,
}

impl Report<'_> {
    /// The findings that count: not suppressed.
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.is_suppressed())
    }

    /// The suppressed findings.
    pub fn suppressed(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_suppressed())
    }

    /// Count of unsuppressed findings per severity, every severity present.
    pub fn by_severity(&self) -> BTreeMap<Severity, usize> {
        let mut counts: BTreeMap<Severity, usize> = Severity::ALL_DESCENDING.iter().map(|&s| (s, 0)).collect();
        for finding in self.active() {
            *counts.entry(finding.severity).or_default() += 1;
        }
        counts
    }

    /// The findings that make the run fail under `fail_on` (never suppressed ones).
    pub fn failing(&self) -> usize {
        self.active()
            .filter(|f| self.fail_on.fails(f.severity) && !self.advisory.contains(&f.rule))
            .filter(|f| !self.baseline.is_some_and(|b| b.fail_on_new && b.known.contains(&f.fingerprint)))
            .count()
    }

    /// Whether the baseline knows a finding: `Some(true)` for a new one, `None` without a
    /// baseline.
    pub fn is_new(&self, finding: &Finding) -> Option<bool> {
        self.baseline.map(|b| !b.known.contains(&finding.fingerprint))
    }

    /// Findings at or above `fail_on` from advisory checks, which do not fail the run.
    pub fn advisory_at_threshold(&self) -> usize {
        self.active().filter(|f| self.fail_on.fails(f.severity) && self.advisory.contains(&f.rule)).count()
    }

    pub fn rule(&self, id: &str) -> Option<&'static RuleMeta> {
        self.rules.iter().copied().find(|rule| rule.id == id)
    }
}

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod probe_tests;

#[cfg(test)]
mod tests {
    use crate::fixtures;

    #[test]
    fn advisory_checks_do_not_fail_the_run() {
        let (findings, skipped, rules) = fixtures::sample();
        let mut report = fixtures::report(&findings, &skipped, &rules);
        assert_eq!((report.failing(), report.advisory_at_threshold()), (1, 0));
        let advisory = ["timing-unsafe-compare"];
        report.advisory = &advisory;
        assert_eq!((report.failing(), report.advisory_at_threshold()), (0, 1));
    }

    #[test]
    fn suppressed_findings_are_counted_apart_and_never_fail() {
        let (findings, skipped, rules) = fixtures::with_suppressed();
        let report = fixtures::report(&findings, &skipped, &rules);
        assert_eq!(report.failing(), 0, "the critical finding is suppressed");
        assert_eq!((report.active().count(), report.suppressed().count()), (1, 1));
        assert_eq!(report.by_severity().values().sum::<usize>(), 1);
    }
}
