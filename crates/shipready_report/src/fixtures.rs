//! A small report shared by the format tests.

use shipready_diagnostics::{
    Area, FailOn, Finding, Fingerprint, Location, RuleMeta, RuleStatus, Severity, SkippedFile, Span, Suppression,
    SuppressionKind,
};

use crate::readiness::{ApplicableCheck, Inputs, ManualItem, Readiness, Snapshot, compute, manual};
use crate::{BaselineDiff, Report};

pub(crate) static TIMING: RuleMeta = RuleMeta {
    id: "timing-unsafe-compare",
    area: Area::Security,
    severity: Severity::Critical,
    status: RuleStatus::Preview { since: "0.1.0" },
    title: "Secret compared with timing-unsafe equality",
    rationale: "Ordinary string equality leaks how much of a guessed secret was right through timing.",
    fix: "Compare secrets with `crypto.timingSafeEqual` or `hmac.compare_digest`.",
    docs: "",
    heuristic: false,
};

pub(crate) static PRINT: RuleMeta = RuleMeta {
    id: "print-logging",
    area: Area::Observability,
    severity: Severity::Medium,
    status: RuleStatus::Preview { since: "0.1.0" },
    title: "Print statement used as logging",
    rationale: "Printed output has no level, context or structure.",
    fix: "Use the project's logger at an explicit level.",
    docs: "",
    heuristic: false,
};

fn finding(meta: &'static RuleMeta, path: &str, location: Location, message: &str, snippet: &str) -> Finding {
    Finding {
        rule: meta.id,
        area: meta.area,
        severity: meta.severity,
        path: path.to_string(),
        file: None,
        span: Span::new(0, 1),
        location,
        message: message.to_string(),
        snippet: snippet.to_string(),
        fingerprint: Fingerprint(0x1234_5678_9abc_def0),
        suppression: None,
    }
}

pub(crate) fn sample() -> (Vec<Finding>, Vec<SkippedFile>, Vec<&'static RuleMeta>) {
    let findings = vec![
        finding(
            &TIMING,
            "src/gateway/auth.ts",
            Location { line: 12, column: 7, end_line: 12, end_column: 26 },
            "`token` is compared with `===`, which leaks it through timing; use `crypto.timingSafeEqual`",
            "  if (token === expected) {",
        ),
        finding(
            &PRINT,
            "app/çé.py",
            Location { line: 3, column: 5, end_line: 3, end_column: 10 },
            "`print()` in application code; use the `logging` module",
            "    print(f\"hé {x}\")",
        ),
    ];
    let skipped = vec![SkippedFile { path: "vendor/blob.js".into(), reason: "binary file".into() }];
    (findings, skipped, vec![&TIMING, &PRINT])
}

/// The sample with its critical finding silenced by a comment in the source.
pub(crate) fn with_suppressed() -> (Vec<Finding>, Vec<SkippedFile>, Vec<&'static RuleMeta>) {
    let (mut findings, skipped, rules) = sample();
    findings[0].suppression = Some(Suppression {
        kind: SuppressionKind::InSource,
        reason: "compares a public build id, not a secret".into(),
        owner: None,
        expires: None,
    });
    (findings, skipped, rules)
}

pub(crate) fn report<'a>(
    findings: &'a [Finding],
    skipped: &'a [SkippedFile],
    rules: &'a [&'static RuleMeta],
) -> Report<'a> {
    Report {
        root: "demo",
        findings,
        files_scanned: 7,
        skipped,
        rules,
        fail_on: FailOn::default(),
        advisory: &[],
        baseline: None,
        show_suppressed: false,
    }
}

static CORS: RuleMeta = RuleMeta {
    id: "cors-permissive",
    area: Area::Security,
    severity: Severity::High,
    status: RuleStatus::Preview { since: "0.1.0" },
    title: "CORS allows any origin with credentials",
    rationale: "Any site can read authenticated responses.",
    fix: "List the allowed origins explicitly.",
    docs: "",
    heuristic: false,
};

static TIMEOUT: RuleMeta = RuleMeta {
    id: "http-call-no-timeout",
    area: Area::Reliability,
    severity: Severity::High,
    status: RuleStatus::Preview { since: "0.1.0" },
    title: "Outbound HTTP call without a timeout",
    rationale: "A hung upstream pins a worker forever.",
    fix: "Pass an explicit timeout.",
    docs: "",
    heuristic: false,
};

static EMPTY_CATCH: RuleMeta = RuleMeta {
    id: "empty-catch",
    area: Area::Reliability,
    severity: Severity::Medium,
    status: RuleStatus::Preview { since: "0.1.0" },
    title: "Exception caught and silently dropped",
    rationale: "A swallowed error hides the failure that caused it.",
    fix: "Log the error with context, or let it propagate.",
    docs: "",
    heuristic: false,
};

static ANY: RuleMeta = RuleMeta {
    id: "explicit-any",
    area: Area::CodeQuality,
    severity: Severity::Low,
    status: RuleStatus::Preview { since: "0.1.0" },
    title: "Explicit `any` disables type checking",
    rationale: "An `any` lets every type error through.",
    fix: "Name the type, or use `unknown` and narrow it.",
    docs: "",
    heuristic: false,
};

static UNTESTED: RuleMeta = RuleMeta {
    id: "untested-critical-module",
    area: Area::Testing,
    severity: Severity::Medium,
    status: RuleStatus::Preview { since: "0.1.0" },
    title: "Critical module without tests",
    rationale: "Payment, auth and session code breaks expensively.",
    fix: "Add tests that exercise the module.",
    docs: "",
    heuristic: false,
};

static DOCKER_ROOT: RuleMeta = RuleMeta {
    id: "dockerfile-runs-as-root",
    area: Area::Operations,
    severity: Severity::Medium,
    status: RuleStatus::Preview { since: "0.1.0" },
    title: "Container runs as root",
    rationale: "A compromised process owns the container.",
    fix: "Add a `USER` instruction with an unprivileged user.",
    docs: "",
    heuristic: false,
};

static LARGE_FILE: RuleMeta = RuleMeta {
    id: "large-file",
    area: Area::CodeQuality,
    severity: Severity::Low,
    status: RuleStatus::Preview { since: "0.1.0" },
    title: "Source file too large to review",
    rationale: "Large files hide unrelated changes from review.",
    fix: "Split the file by responsibility.",
    docs: "",
    heuristic: false,
};

static NO_HEALTH: RuleMeta = RuleMeta {
    id: "no-health-endpoint",
    area: Area::Operations,
    severity: Severity::Medium,
    status: RuleStatus::Preview { since: "0.1.0" },
    title: "Service without a health endpoint",
    rationale: "An orchestrator cannot tell a hung service from a healthy one.",
    fix: "Serve `/healthz` and point the liveness probe at it.",
    docs: "",
    heuristic: false,
};

/// The text that every HTML test must find escaped, never live.
pub(crate) const HOSTILE: &str = "<script>alert(1)</script> \"'&";

fn at(meta: &'static RuleMeta, path: &str, line: u32, message: &str, snippet: &str, fingerprint: u64) -> Finding {
    Finding {
        rule: meta.id,
        area: meta.area,
        severity: meta.severity,
        path: path.to_string(),
        file: None,
        span: Span::new(0, 1),
        location: Location { line, column: 5, end_line: line, end_column: 20 },
        message: message.to_string(),
        snippet: snippet.to_string(),
        fingerprint: Fingerprint(fingerprint),
        suppression: None,
    }
}

/// A scan with findings in most areas, one of them hostile (HTML in its path, message and
/// snippet), and its readiness against a baseline taken a month earlier, with three history
/// snapshots in between: scores went up, a few findings were fixed, one is new, and a sign-off
/// expired.
pub(crate) struct Sample {
    pub(crate) findings: Vec<Finding>,
    pub(crate) skipped: Vec<SkippedFile>,
    pub(crate) rules: Vec<&'static RuleMeta>,
    pub(crate) diff: BaselineDiff,
    pub(crate) readiness: Readiness,
}

impl Sample {
    pub(crate) fn report(&self) -> Report<'_> {
        Report {
            baseline: Some(&self.diff),
            show_suppressed: true,
            ..report(&self.findings, &self.skipped, &self.rules)
        }
    }
}

pub(crate) fn sample_readiness() -> Sample {
    let rules: Vec<&'static RuleMeta> =
        vec![&TIMING, &CORS, &TIMEOUT, &EMPTY_CATCH, &PRINT, &ANY, &LARGE_FILE, &UNTESTED, &DOCKER_ROOT, &NO_HEALTH];
    let hostile_path = format!("src/{HOSTILE}.ts");
    let auth = at(
        &TIMING,
        "src/gateway/auth.ts",
        12,
        "`token` is compared with `===`, which leaks it through timing; use `crypto.timingSafeEqual`",
        "  if (token === expected) {",
        1,
    );
    let cors = at(
        &CORS,
        "src/server.ts",
        8,
        "`cors({ origin: true, credentials: true })`",
        "app.use(cors({ origin: true, credentials: true }));",
        2,
    );
    let fetch =
        at(&TIMEOUT, "src/billing/client.ts", 41, "`fetch` without a timeout", "  const res = await fetch(url);", 3);
    let requests =
        at(&TIMEOUT, "worker/sync.py", 17, "`requests.get` without `timeout=`", "    r = requests.get(URL)", 4);
    let catch = at(
        &EMPTY_CATCH,
        &hostile_path,
        3,
        &format!("empty `catch` around {HOSTILE}"),
        &format!("try {{ x() }} catch {{}} // {HOSTILE}"),
        5,
    );
    let print = at(
        &PRINT,
        "worker/sync.py",
        30,
        "`print()` in application code; use the `logging` module",
        "    print(f\"synced {n}\")",
        6,
    );
    let any = at(&ANY, "src/types.ts", 2, "`payload: any`", "export type Event = { payload: any };", 7);
    let any2 = at(&ANY, "src/billing/client.ts", 9, "`opts: any`", "export function client(opts: any) {", 8);
    let mut health = at(&NO_HEALTH, ".", 3, "the HTTP service in `src/server.ts` serves no health route", "", 9);
    health.file = Some("src/server.ts".into());
    let mut untested = at(&UNTESTED, "src/billing", 1, "`src/billing` handles payments and has no test", "", 10);
    untested.span = Span::default();
    let old_print = at(&PRINT, "src/server.ts", 90, "`console.log` in application code", "  console.log(req.body)", 11);
    let root =
        at(&DOCKER_ROOT, "Dockerfile", 1, "no `USER` instruction: the container runs as root", "FROM node:22", 12);
    let any3 = at(&ANY, "src/legacy.ts", 4, "`row: any`", "function map(row: any) {", 13);

    let mut waived = at(&TIMEOUT, "scripts/seed.py", 5, "`urlopen` without a timeout", "urlopen(SEED_URL)", 14);
    waived.suppression = Some(Suppression {
        kind: SuppressionKind::External,
        reason: format!("one-off seeding script {HOSTILE}"),
        owner: Some("@ana".into()),
        expires: Some("2027-01-31".into()),
    });
    let mut findings = vec![
        waived,
        auth.clone(),
        fetch.clone(),
        requests.clone(),
        catch,
        print.clone(),
        any.clone(),
        any2.clone(),
        health.clone(),
    ];
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let before = [auth, cors, fetch, requests, print, any, any2, health, untested, old_print, root, any3];
    let checks: Vec<ApplicableCheck<'static>> =
        rules.iter().map(|meta| ApplicableCheck::of(meta, meta.severity)).collect();
    let signed_then = manual::parse(
        "## Manual items\n\
         - [x] `backups-restore-tested` — owner: @ana · date: 2026-10-02 · evidence: docs/drill.md\n\
         - [x] `rollback-tested` — owner: @bo · date: 2026-06-01 · evidence: docs/rollback.md · expires: 2026-12-01\n",
    );
    let signed_now = manual::parse(
        "## Manual items\n\
         - [x] `backups-restore-tested` — owner: @ana · date: 2026-10-02 · evidence: docs/drill.md\n\
         - [x] `rollback-tested` — owner: @bo · date: 2026-06-01 · evidence: docs/rollback.md · expires: 2026-12-01\n\
         - [x] `alerts-reach-on-call` — owner: @eve · date: 2026-11-12 · evidence: docs/alerts.md\n\
         - [x] `secrets-rotation` — owner: @bo · date: 2026-11-18 · evidence: docs/secrets.md\n\
         - [x] `runbook-written` — owner: @cy · date: 2026-11-20\n\
         - [x] `load-tested` — owner: @di · date: 2026-11-20 · evidence: k6 report · expires: 2027-06-01\n",
    );
    let baseline = compute(&inputs("2026-11-01", &before, &checks, &signed_then)).to_baseline(&before, "0.1.0");
    let unrecorded =
        compute(&Inputs { baseline: Some(&baseline), ..inputs("2026-12-04", &findings, &checks, &signed_now) });
    // Three reports between the baseline and today, their scores on the way from one to the
    // other; the first two saw some of today's fixes.
    let (then, now) = (baseline.score, unrecorded.score);
    let snapshot = |date: &str, score: u32, fixed: &[u64]| Snapshot {
        date: date.into(),
        score,
        fixed: fixed.iter().map(|&fp| Fingerprint(fp)).collect(),
        ..unrecorded.snapshot.clone()
    };
    let history = [
        snapshot("2026-11-01", then, &[]),
        snapshot("2026-11-15", (2 * then + now) / 3, &[2, 13]),
        snapshot("2026-11-28", (then + 2 * now) / 3, &[10]),
    ];
    let readiness = compute(&Inputs {
        baseline: Some(&baseline),
        history: &history,
        ..inputs("2026-12-04", &findings, &checks, &signed_now)
    });
    let diff = BaselineDiff {
        path: ".shipready/baseline.json".into(),
        known: baseline.fingerprints(),
        fixed: readiness.fixed.iter().map(|f| f.finding.clone()).collect(),
        fail_on_new: false,
    };
    let skipped = vec![SkippedFile { path: format!("vendor/{HOSTILE}.min.js"), reason: "minified file".into() }];
    Sample { findings, skipped, rules, diff, readiness }
}

fn inputs<'a>(
    today: &str,
    findings: &'a [Finding],
    checks: &'a [ApplicableCheck<'a>],
    manual: &'a [ManualItem],
) -> Inputs<'a> {
    Inputs { today: today.parse().unwrap(), findings, checks, manual, baseline: None, history: &[], skipped: &[] }
}
