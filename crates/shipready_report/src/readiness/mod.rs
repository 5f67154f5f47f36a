//! The readiness score, computed in one place (see `docs/scoring.md`).
//!
//! Every check that applies to the project passes or fails: an automated check passes when it
//! has no open finding above `info`, a manual item when it is signed off and not expired. An
//! area's score is the severity-weighted share of its checks that pass; the overall score is the
//! same share over all checks. A project is ready only with no open critical finding, no open
//! critical manual item and no expired sign-off.

pub mod history;
pub mod live;
pub mod manual;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;
use shipready_diagnostics::{Area, Finding, Fingerprint, ProbeSummary, RuleMeta, Severity, SkippedFile};

pub use history::{Baseline, BaselineFinding, Snapshot};
pub use manual::{MANUAL_CHECKS, ManualCheck, ManualItem, SignOff};

/// How much a passing check of each severity is worth. A critical check weighs as much as ten
/// low ones; `info` checks inform and do not count.
pub const fn weight(severity: Severity) -> u32 {
    match severity {
        Severity::Critical => 10,
        Severity::High => 5,
        Severity::Medium => 3,
        Severity::Low => 1,
        Severity::Info => 0,
    }
}

/// An automated check that applies to the project (its language or target is present).
#[derive(Debug, Clone, Copy)]
pub struct ApplicableCheck<'a> {
    pub id: &'a str,
    pub area: Area,
    /// The severity it weighs with: its default, or the configuration's.
    pub severity: Severity,
    pub title: &'a str,
}

impl<'a> ApplicableCheck<'a> {
    /// A check of the registry, weighing with `severity`.
    pub fn of(meta: &'a RuleMeta, severity: Severity) -> Self {
        Self { id: meta.id, area: meta.area, severity, title: meta.title }
    }
}

/// What the score is computed from.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub today: Date,
    /// Every finding the scan reported; those not suppressed are open.
    pub findings: &'a [Finding],
    /// The checks that ran and apply to the project.
    pub checks: &'a [ApplicableCheck<'a>],
    pub manual: &'a [ManualItem],
    pub baseline: Option<&'a Baseline>,
    /// Earlier snapshots, oldest first.
    pub history: &'a [Snapshot],
    /// Files this scan could not check fully: their baseline findings are not called fixed.
    pub skipped: &'a [SkippedFile],
    /// The live run whose findings are among `findings` and whose concluded checks are among
    /// `checks`, to be compared with the scan's verdicts.
    pub probe: Option<&'a ProbeSummary>,
}

/// One check's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckState {
    pub id: String,
    pub area: Area,
    pub severity: Severity,
    pub title: String,
    pub manual: bool,
    pub passed: bool,
    /// Open findings above `info` (automated checks).
    pub open: usize,
    /// A manual item's sign-off, and what the person wrote with it.
    pub sign_off: Option<SignOff>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<SignedBy>,
    /// Whether it passed at the baseline (`None`: no baseline, or not known to it).
    pub passed_at_baseline: Option<bool>,
    /// Baseline findings of this check that are gone, and findings the baseline does not know.
    pub fixed: usize,
    pub new: usize,
}

/// Who signed a manual item off, when, and on what evidence, as the checklist states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignedBy {
    pub owner: Option<String>,
    pub date: Option<String>,
    pub evidence: Option<String>,
    pub expires: Option<String>,
}

/// One area's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaState {
    pub area: Area,
    /// Percent of the area's check weight that passes (rounded down).
    pub score: u32,
    pub baseline_score: Option<u32>,
    pub checks: usize,
    pub passing: usize,
    /// Open findings above `info`, per severity.
    pub open: BTreeMap<Severity, usize>,
    pub status: AreaStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AreaStatus {
    /// Every check passes.
    Done,
    /// Some check fails, none of them critical.
    InProgress,
    /// A critical finding or critical manual item is open.
    Blocked,
}

impl AreaStatus {
    pub const fn label(self) -> &'static str {
        match self {
            AreaStatus::Done => "✅ Done",
            AreaStatus::InProgress => "🔄 In progress",
            AreaStatus::Blocked => "❌ Blocked",
        }
    }
}

/// A baseline finding that no longer appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixedFinding {
    pub finding: BaselineFinding,
    pub area: Area,
    /// The day a report first saw it gone (today, if no report has yet).
    pub fixed_on: String,
}

/// The whole readiness picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    pub date: String,
    /// Percent of all check weight that passes (rounded down).
    pub score: u32,
    pub ready: bool,
    /// What stands between the project and "ready", one sentence each.
    pub blockers: Vec<String>,
    /// Areas with at least one applicable check, in catalog order.
    pub areas: Vec<AreaState>,
    /// Failing checks first (heaviest first), then passing ones, each by id.
    pub checks: Vec<CheckState>,
    pub fixed: Vec<FixedFinding>,
    /// Findings the baseline does not know (`None` without a baseline).
    pub new: Option<usize>,
    pub baseline: Option<BaselineSummary>,
    /// The snapshot this run adds to the history.
    #[serde(skip)]
    pub snapshot: Snapshot,
    /// One entry per day, oldest first, today's last.
    pub trend: Vec<Snapshot>,
    /// The live run, and where its verdicts meet the scan's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live: Option<live::Live>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaselineSummary {
    pub date: String,
    pub score: u32,
}

fn percent(passed: u32, total: u32) -> u32 {
    (passed * 100).checked_div(total).unwrap_or(100)
}

/// Computes the readiness picture.
pub fn compute(inputs: &Inputs<'_>) -> Readiness {
    let today = inputs.today.to_string();
    let counted = |f: &&Finding| f.severity > Severity::Info && f.suppression.is_none();
    let baseline_fps = inputs.baseline.map(Baseline::fingerprints).unwrap_or_default();
    let present: BTreeSet<Fingerprint> = inputs.findings.iter().map(|f| f.fingerprint).collect();
    let ran: BTreeSet<&str> = inputs.checks.iter().map(|c| c.id).collect();

    let mut open_by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut new_by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in inputs.findings.iter().filter(counted) {
        *open_by_rule.entry(finding.rule).or_default() += 1;
        if inputs.baseline.is_some() && !baseline_fps.contains(&finding.fingerprint) {
            *new_by_rule.entry(finding.rule).or_default() += 1;
        }
    }
    let gone: Vec<&BaselineFinding> =
        inputs.baseline.map(|b| gone(b, &present, &ran, inputs.skipped)).unwrap_or_default();
    let mut fixed_by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in gone.iter().filter(|f| f.severity > Severity::Info) {
        *fixed_by_rule.entry(finding.rule.as_str()).or_default() += 1;
    }
    let at_baseline = |id: &str| inputs.baseline.and_then(|b| b.checks.get(id).copied());

    let mut checks: Vec<CheckState> = inputs
        .checks
        .iter()
        .filter(|check| weight(check.severity) > 0)
        .map(|check| {
            let open = open_by_rule.get(check.id).copied().unwrap_or(0);
            CheckState {
                id: check.id.to_string(),
                area: check.area,
                severity: check.severity,
                title: check.title.to_string(),
                manual: false,
                passed: open == 0,
                open,
                sign_off: None,
                signed: None,
                passed_at_baseline: at_baseline(check.id),
                fixed: fixed_by_rule.get(check.id).copied().unwrap_or(0),
                new: new_by_rule.get(check.id).copied().unwrap_or(0),
            }
        })
        .collect();
    for item in inputs.manual.iter().filter(|item| weight(item.severity) > 0) {
        let sign_off = item.sign_off(inputs.today);
        checks.push(CheckState {
            id: item.id.clone(),
            area: item.area,
            severity: item.severity,
            title: item.title.clone(),
            manual: true,
            passed: sign_off == SignOff::Signed,
            open: 0,
            sign_off: Some(sign_off),
            signed: item.ticked.then(|| SignedBy {
                owner: item.owner.clone(),
                date: item.date.clone(),
                evidence: item.evidence.clone(),
                expires: item.expires.clone(),
            }),
            passed_at_baseline: at_baseline(&item.id),
            fixed: 0,
            new: 0,
        });
    }
    checks.sort_by(|a, b| {
        (a.passed, std::cmp::Reverse(a.severity), a.manual, &a.id).cmp(&(
            b.passed,
            std::cmp::Reverse(b.severity),
            b.manual,
            &b.id,
        ))
    });

    let areas: Vec<AreaState> = Area::ALL
        .into_iter()
        .filter_map(|area| {
            let of_area: Vec<&CheckState> = checks.iter().filter(|c| c.area == area).collect();
            if of_area.is_empty() {
                return None;
            }
            let total: u32 = of_area.iter().map(|c| weight(c.severity)).sum();
            let passed: u32 = of_area.iter().filter(|c| c.passed).map(|c| weight(c.severity)).sum();
            let mut open: BTreeMap<Severity, usize> = BTreeMap::new();
            for finding in inputs.findings.iter().filter(counted).filter(|f| f.area == area) {
                *open.entry(finding.severity).or_default() += 1;
            }
            let critical_open = open.contains_key(&Severity::Critical)
                || of_area.iter().any(|c| c.manual && !c.passed && c.severity == Severity::Critical);
            let status = if critical_open {
                AreaStatus::Blocked
            } else if passed == total {
                AreaStatus::Done
            } else {
                AreaStatus::InProgress
            };
            Some(AreaState {
                area,
                score: percent(passed, total),
                baseline_score: inputs.baseline.and_then(|b| b.areas.get(area.as_str()).copied()),
                checks: of_area.len(),
                passing: of_area.iter().filter(|c| c.passed).count(),
                open,
                status,
            })
        })
        .collect();
    let total: u32 = checks.iter().map(|c| weight(c.severity)).sum();
    let passed: u32 = checks.iter().filter(|c| c.passed).map(|c| weight(c.severity)).sum();
    let score = percent(passed, total);

    let mut blockers = Vec::new();
    let critical = |f: &&Finding| f.severity == Severity::Critical && f.suppression.is_none();
    let critical_findings = inputs.findings.iter().filter(critical).count();
    if critical_findings > 0 {
        let ids: Vec<String> = inputs
            .findings
            .iter()
            .filter(critical)
            .map(|f| format!("`{}`", f.rule))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        blockers.push(format!(
            "fix {critical_findings} critical finding{} ({})",
            plural(critical_findings),
            ids.join(", ")
        ));
    }
    for check in checks.iter().filter(|c| c.manual) {
        match &check.sign_off {
            Some(SignOff::Expired(on)) => {
                blockers.push(format!("renew the sign-off of `{}`, which expired on {on}", check.id));
            }
            Some(state) if check.severity == Severity::Critical && *state != SignOff::Signed => {
                blockers.push(format!("sign off the critical manual item `{}`", check.id));
            }
            _ => {}
        }
    }

    let earlier_fixes = history::fixed_since(inputs.history);
    let fixed: Vec<FixedFinding> = gone
        .iter()
        .map(|finding| FixedFinding {
            finding: (*finding).clone(),
            area: inputs.checks.iter().find(|c| c.id == finding.rule).map_or(Area::CodeQuality, |c| c.area),
            fixed_on: earlier_fixes.get(&finding.fingerprint).cloned().unwrap_or_else(|| today.clone()),
        })
        .collect();
    let fixed_now: BTreeSet<Fingerprint> = gone.iter().map(|f| f.fingerprint).collect();
    let mut open_by_severity: BTreeMap<Severity, usize> = BTreeMap::new();
    for finding in inputs.findings.iter().filter(counted) {
        *open_by_severity.entry(finding.severity).or_default() += 1;
    }
    let new = inputs.baseline.map(|_| new_by_rule.values().sum());
    let snapshot = Snapshot {
        areas: areas.iter().map(|a| (a.area.as_str().to_string(), a.score)).collect(),
        date: today.clone(),
        fixed: fixed_now.iter().filter(|fp| !earlier_fixes.contains_key(fp)).copied().collect(),
        new: new.unwrap_or(0),
        open: open_by_severity,
        ready: blockers.is_empty(),
        reopened: earlier_fixes
            .keys()
            .filter(|fp| baseline_fps.contains(fp) && present.contains(fp))
            .copied()
            .collect(),
        score,
    };
    let mut trend: Vec<Snapshot> = Vec::new();
    for earlier in inputs.history.iter().chain(std::iter::once(&snapshot)) {
        match trend.last_mut() {
            // Runs of one day collapse into the last, keeping every fix and reopening seen.
            Some(last) if last.date == earlier.date => {
                let mut merged = earlier.clone();
                for (kept, seen) in [(&mut merged.fixed, &last.fixed), (&mut merged.reopened, &last.reopened)] {
                    kept.extend(seen.iter().filter(|fp| !kept.contains(fp)).copied().collect::<Vec<_>>());
                    kept.sort_unstable();
                }
                *last = merged;
            }
            _ => trend.push(earlier.clone()),
        }
    }

    Readiness {
        date: today,
        score,
        ready: blockers.is_empty(),
        blockers,
        areas,
        checks,
        fixed,
        new,
        baseline: inputs.baseline.map(|b| BaselineSummary { date: b.date.clone(), score: b.score }),
        snapshot,
        trend,
        live: inputs.probe.map(|probe| live::compare(inputs.findings, inputs.checks, probe)),
    }
}

/// Baseline findings that are gone: of checks that ran, in files that were checked, and absent
/// now. A check that did not run (`--select`) or a file that did not parse has fixed nothing.
pub fn gone<'b>(
    baseline: &'b Baseline,
    present: &BTreeSet<Fingerprint>,
    ran: &BTreeSet<&str>,
    skipped: &[SkippedFile],
) -> Vec<&'b BaselineFinding> {
    baseline
        .findings
        .iter()
        .filter(|f| ran.contains(f.rule.as_str()) && !present.contains(&f.fingerprint))
        .filter(|f| skipped.binary_search_by(|s| s.path.as_str().cmp(&f.path)).is_err())
        .collect()
}

impl Readiness {
    /// The baseline this picture would record: today's findings, scores and check states.
    pub fn to_baseline(&self, findings: &[Finding], tool: &str) -> Baseline {
        let mut recorded: Vec<BaselineFinding> = findings.iter().map(BaselineFinding::of).collect();
        recorded
            .sort_by(|a, b| (&a.path, a.line, &a.rule, a.fingerprint).cmp(&(&b.path, b.line, &b.rule, b.fingerprint)));
        Baseline {
            areas: self.areas.iter().map(|a| (a.area.as_str().to_string(), a.score)).collect(),
            checks: self.checks.iter().map(|c| (c.id.clone(), c.passed)).collect(),
            date: self.date.clone(),
            findings: recorded,
            schema: history::BASELINE_SCHEMA.to_string(),
            score: self.score,
            tool: tool.to_string(),
        }
    }

    /// Checks whose state differs from the baseline's, in one area.
    pub fn moved(&self, area: Area) -> impl Iterator<Item = &CheckState> {
        self.checks
            .iter()
            .filter(move |c| c.area == area && c.passed_at_baseline.is_some_and(|before| before != c.passed))
    }

    /// Failing checks of one area, heaviest first: what the area still needs.
    pub fn needed(&self, area: Area) -> impl Iterator<Item = &CheckState> {
        self.checks.iter().filter(move |c| c.area == area && !c.passed)
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests;
