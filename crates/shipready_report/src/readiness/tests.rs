use shipready_diagnostics::{Area, Finding, Fingerprint, Location, Severity, SkippedFile, Span};

use super::*;

fn finding(rule: &'static str, area: Area, severity: Severity, fingerprint: u64) -> Finding {
    Finding {
        rule,
        area,
        severity,
        path: format!("src/{rule}.ts"),
        file: None,
        span: Span::new(0, 1),
        location: Location { line: 3, column: 1, end_line: 3, end_column: 2 },
        message: format!("{rule} here"),
        snippet: String::new(),
        fingerprint: Fingerprint(fingerprint),
        suppression: None,
        endpoint: None,
    }
}

const CHECKS: &[ApplicableCheck<'static>] = &[
    ApplicableCheck { id: "timing-unsafe-compare", area: Area::Security, severity: Severity::Critical, title: "t" },
    ApplicableCheck { id: "cors-permissive", area: Area::Security, severity: Severity::High, title: "t" },
    ApplicableCheck { id: "empty-catch", area: Area::Reliability, severity: Severity::High, title: "t" },
    ApplicableCheck { id: "print-logging", area: Area::Observability, severity: Severity::Low, title: "t" },
    ApplicableCheck { id: "info-only", area: Area::Observability, severity: Severity::Info, title: "t" },
];

fn today() -> Date {
    "2026-12-04".parse().unwrap()
}

fn inputs<'a>(findings: &'a [Finding], manual: &'a [ManualItem], baseline: Option<&'a Baseline>) -> Inputs<'a> {
    Inputs { today: today(), findings, checks: CHECKS, manual, baseline, history: &[], skipped: &[], probe: None }
}

fn area(readiness: &Readiness, area: Area) -> &AreaState {
    readiness.areas.iter().find(|a| a.area == area).unwrap()
}

#[test]
fn scores_are_severity_weighted_shares_of_passing_checks() {
    let findings = [
        finding("cors-permissive", Area::Security, Severity::High, 1),
        finding("print-logging", Area::Observability, Severity::Low, 2),
        // An `info` finding is documented as intentional: its check still passes.
        finding("empty-catch", Area::Reliability, Severity::Info, 3),
    ];
    let readiness = compute(&inputs(&findings, &[], None));
    // Security: critical (10) passes, high (5) fails: 10/15.
    assert_eq!(area(&readiness, Area::Security).score, 66);
    assert_eq!(area(&readiness, Area::Reliability).score, 100);
    assert_eq!(area(&readiness, Area::Observability).score, 0);
    assert_eq!(area(&readiness, Area::Reliability).status, AreaStatus::Done);
    assert_eq!(area(&readiness, Area::Security).status, AreaStatus::InProgress);
    // Overall: 10 + 5 pass of 10 + 5 + 5 + 1.
    assert_eq!(readiness.score, 71);
    assert!(readiness.ready, "no critical finding, no expired sign-off");
    assert!(!readiness.checks.iter().any(|c| c.id == "info-only"), "info checks carry no weight");
    assert_eq!(readiness.checks[0].id, "cors-permissive", "failing checks come first, heaviest first");
}

#[test]
fn a_critical_finding_or_an_expired_sign_off_blocks_ready() {
    let findings = [finding("timing-unsafe-compare", Area::Security, Severity::Critical, 1)];
    let readiness = compute(&inputs(&findings, &[], None));
    assert!(!readiness.ready);
    assert_eq!(area(&readiness, Area::Security).status, AreaStatus::Blocked);
    assert_eq!(readiness.blockers, ["fix 1 critical finding (`timing-unsafe-compare`)"]);

    let manual = manual::parse(
        "## Manual items\n- [x] `rollback-tested` — owner: @a · date: 2026-01-01 · evidence: x · expires: 2026-06-01\n",
    );
    let readiness = compute(&inputs(&[], &manual, None));
    assert!(!readiness.ready);
    assert_eq!(readiness.blockers, ["renew the sign-off of `rollback-tested`, which expired on 2026-06-01"]);
}

#[test]
fn manual_items_count_like_checks() {
    let unsigned = manual::parse("");
    let open = compute(&inputs(&[], &unsigned, None));
    let signed = manual::parse(
        "## Manual items\n- [x] `rollback-tested` — owner: @a · date: 2026-01-01 · evidence: docs/rollback.md\n",
    );
    let better = compute(&inputs(&[], &signed, None));
    let operations = |r: &Readiness| area(r, Area::Operations).score;
    assert!(operations(&better) > operations(&open));
    assert!(better.score > open.score);
    assert!(better.checks.iter().any(|c| c.id == "rollback-tested" && c.passed && c.manual));
}

#[test]
fn the_baseline_explains_what_moved() {
    let before = [
        finding("cors-permissive", Area::Security, Severity::High, 1),
        finding("empty-catch", Area::Reliability, Severity::High, 2),
    ];
    let baseline = compute(&inputs(&before, &[], None)).to_baseline(&before, "test");
    // cors fixed, empty-catch unchanged, print-logging new.
    let after = [
        finding("empty-catch", Area::Reliability, Severity::High, 2),
        finding("print-logging", Area::Observability, Severity::Low, 9),
    ];
    let readiness = compute(&inputs(&after, &[], Some(&baseline)));
    assert_eq!(readiness.new, Some(1));
    assert_eq!(readiness.fixed.len(), 1);
    assert_eq!(readiness.fixed[0].finding.rule, "cors-permissive");
    assert_eq!(readiness.fixed[0].fixed_on, "2026-12-04");
    let moved: Vec<(&str, bool)> =
        Area::ALL.into_iter().flat_map(|a| readiness.moved(a)).map(|c| (c.id.as_str(), c.passed)).collect();
    assert_eq!(moved, [("cors-permissive", true), ("print-logging", false)]);
    assert_eq!(area(&readiness, Area::Security).baseline_score, Some(66));
    assert_eq!(area(&readiness, Area::Security).score, 100);
    assert_eq!(readiness.snapshot.fixed, [Fingerprint(1)]);

    // A later run remembers the day the fix was first seen.
    let history = [Snapshot { date: "2026-11-30".into(), fixed: vec![Fingerprint(1)], ..Snapshot::default() }];
    let later = compute(&Inputs { history: &history, ..inputs(&after, &[], Some(&baseline)) });
    assert_eq!(later.fixed[0].fixed_on, "2026-11-30");
    assert!(later.snapshot.fixed.is_empty(), "already recorded");
    assert_eq!(later.trend.iter().map(|s| s.date.as_str()).collect::<Vec<_>>(), ["2026-11-30", "2026-12-04"]);
}

#[test]
fn checks_that_did_not_run_fix_nothing() {
    let before = [finding("cors-permissive", Area::Security, Severity::High, 1)];
    let baseline = compute(&inputs(&before, &[], None)).to_baseline(&before, "test");
    let only_reliability = &CHECKS[2..3];
    let readiness = compute(&Inputs { checks: only_reliability, ..inputs(&[], &[], Some(&baseline)) });
    assert!(readiness.fixed.is_empty());
}

#[test]
fn findings_of_files_that_did_not_parse_are_not_fixed() {
    let before = [finding("cors-permissive", Area::Security, Severity::High, 1)];
    let baseline = compute(&inputs(&before, &[], None)).to_baseline(&before, "test");
    let skipped = [SkippedFile { path: "src/cors-permissive.ts".into(), reason: "syntax error".into() }];
    let readiness = compute(&Inputs { skipped: &skipped, ..inputs(&[], &[], Some(&baseline)) });
    assert!(readiness.fixed.is_empty());
    assert_eq!(compute(&inputs(&[], &[], Some(&baseline))).fixed.len(), 1);
}

#[test]
fn suppressed_findings_are_not_open_and_not_fixed() {
    let mut accepted = finding("timing-unsafe-compare", Area::Security, Severity::Critical, 1);
    accepted.suppression = Some(shipready_diagnostics::Suppression {
        kind: shipready_diagnostics::SuppressionKind::InSource,
        reason: "compared by the gateway in constant time".into(),
        owner: None,
        expires: None,
    });
    let findings = [accepted.clone()];
    let readiness = compute(&inputs(&findings, &[], None));
    assert!(readiness.ready, "a suppressed critical finding does not block");
    assert!(readiness.checks.iter().any(|c| c.id == "timing-unsafe-compare" && c.passed));
    // A baseline finding that is now suppressed is still there: not fixed.
    let mut open = accepted;
    open.suppression = None;
    let baseline = compute(&inputs(std::slice::from_ref(&open), &[], None)).to_baseline(&[open], "test");
    assert!(compute(&inputs(&findings, &[], Some(&baseline))).fixed.is_empty());
}
