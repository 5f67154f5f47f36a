//! A small report shared by the format tests.

use shipready_diagnostics::{
    Area, FailOn, Finding, Fingerprint, Location, RuleMeta, RuleStatus, Severity, SkippedFile, Span, Suppression,
    SuppressionKind,
};

use crate::readiness::{ApplicableCheck, Inputs, ManualItem, Readiness, Snapshot, compute, manual};
use crate::{BaselineDiff, Report};

/// A preview rule's metadata, without docs.
const fn meta(
    id: &'static str,
    area: Area,
    severity: Severity,
    title: &'static str,
    rationale: &'static str,
    fix: &'static str,
) -> RuleMeta {
    RuleMeta {
        id,
        area,
        severity,
        status: RuleStatus::Preview { since: "0.1.0" },
        title,
        rationale,
        fix,
        docs: "",
        heuristic: false,
    }
}

pub(crate) static TIMING: RuleMeta = meta(
    "timing-unsafe-compare",
    Area::Security,
    Severity::Critical,
    "Secret compared with timing-unsafe equality",
    "Ordinary string equality leaks how much of a guessed secret was right through timing.",
    "Compare secrets with `crypto.timingSafeEqual` or `hmac.compare_digest`.",
);

pub(crate) static PRINT: RuleMeta = meta(
    "print-logging",
    Area::Observability,
    Severity::Medium,
    "Print statement used as logging",
    "Printed output has no level, context or structure.",
    "Use the project's logger at an explicit level.",
);

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
        endpoint: None,
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
        probe: None,
    }
}

static CORS: RuleMeta = meta(
    "cors-permissive",
    Area::Security,
    Severity::High,
    "CORS allows any origin with credentials",
    "Any site can read authenticated responses.",
    "List the allowed origins explicitly.",
);

static TIMEOUT: RuleMeta = meta(
    "http-call-no-timeout",
    Area::Reliability,
    Severity::High,
    "Outbound HTTP call without a timeout",
    "A hung upstream pins a worker forever.",
    "Pass an explicit timeout.",
);

static EMPTY_CATCH: RuleMeta = meta(
    "empty-catch",
    Area::Reliability,
    Severity::Medium,
    "Exception caught and silently dropped",
    "A swallowed error hides the failure that caused it.",
    "Log the error with context, or let it propagate.",
);

static ANY: RuleMeta = meta(
    "explicit-any",
    Area::CodeQuality,
    Severity::Low,
    "Explicit `any` disables type checking",
    "An `any` lets every type error through.",
    "Name the type, or use `unknown` and narrow it.",
);

static UNTESTED: RuleMeta = meta(
    "untested-critical-module",
    Area::Testing,
    Severity::Medium,
    "Critical module without tests",
    "Payment, auth and session code breaks expensively.",
    "Add tests that exercise the module.",
);

static DOCKER_ROOT: RuleMeta = meta(
    "dockerfile-runs-as-root",
    Area::Operations,
    Severity::Medium,
    "Container runs as root",
    "A compromised process owns the container.",
    "Add a `USER` instruction with an unprivileged user.",
);

static LARGE_FILE: RuleMeta = meta(
    "large-file",
    Area::CodeQuality,
    Severity::Low,
    "Source file too large to review",
    "Large files hide unrelated changes from review.",
    "Split the file by responsibility.",
);

static NO_HEALTH: RuleMeta = meta(
    "no-health-endpoint",
    Area::Operations,
    Severity::Medium,
    "Service without a health endpoint",
    "An orchestrator cannot tell a hung service from a healthy one.",
    "Serve `/healthz` and point the liveness probe at it.",
);

/// The text that every HTML test must find escaped, never live.
pub(crate) const HOSTILE: &str = "<script>alert(1)</script> \"'&";

fn at(meta: &'static RuleMeta, path: &str, line: u32, message: &str, snippet: &str, fingerprint: u64) -> Finding {
    let location = Location { line, column: 5, end_line: line, end_column: 20 };
    Finding { fingerprint: Fingerprint(fingerprint), ..finding(meta, path, location, message, snippet) }
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
    Inputs {
        today: today.parse().unwrap(),
        findings,
        checks,
        manual,
        baseline: None,
        history: &[],
        skipped: &[],
        probe: None,
    }
}
