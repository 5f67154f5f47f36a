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

pub(crate) static PROBE_CORS: RuleMeta = meta(
    "probe-cors",
    Area::Security,
    Severity::High,
    "CORS allows a foreign origin",
    "A service that allows any origin lets every website read its answers.",
    "Allow a fixed list of your own origins.",
);

pub(crate) static PROBE_HEALTH: RuleMeta = meta(
    "probe-health",
    Area::Observability,
    Severity::High,
    "No health endpoint answers",
    "An orchestrator cannot tell a hung service from a healthy one.",
    "Serve `/healthz`.",
);

pub(crate) static PROBE_BODY: RuleMeta = meta(
    "probe-body-limit",
    Area::Reliability,
    Severity::Medium,
    "Oversized chunked body read whole",
    "A service that reads any body whole can be made to buffer gigabytes.",
    "Enforce a body limit on the bytes read.",
);

pub(crate) static PROBE_RATE: RuleMeta = meta(
    "probe-rate-limit",
    Area::Security,
    Severity::High,
    "No rate limit met",
    "Unlimited requests let one client exhaust the service.",
    "Limit requests per client.",
);

static BODY_LIMIT: RuleMeta = meta(
    "no-request-size-limit",
    Area::Operations,
    Severity::Medium,
    "Service without a request size limit",
    "Any body is read whole.",
    "Set a body limit.",
);

static RATE_LIMIT: RuleMeta = meta(
    "no-rate-limiting",
    Area::Operations,
    Severity::High,
    "Service without rate limiting",
    "One client can exhaust the service.",
    "Add rate limiting.",
);

/// A live finding at `method url`, as the probe builds one.
pub(crate) fn live_finding(
    meta: &'static RuleMeta,
    severity: Severity,
    method: &str,
    url: &str,
    message: &str,
    evidence: &str,
) -> Finding {
    let path = url.splitn(4, '/').nth(3).map_or_else(|| "/".to_string(), |rest| format!("/{rest}"));
    Finding {
        rule: meta.id,
        area: meta.area,
        severity,
        fingerprint: shipready_diagnostics::endpoint_fingerprint(meta.id, method, &path, message),
        path,
        file: None,
        span: Span::default(),
        location: Location { line: 0, column: 0, end_line: 0, end_column: 0 },
        message: message.to_string(),
        snippet: evidence.to_string(),
        suppression: None,
        endpoint: Some(Box::new(shipready_diagnostics::Endpoint { method: method.into(), url: url.into() })),
    }
}

/// A scan of a service's code and a probe of it, merged: the code sets `origin: "*"` (found
/// by the scan, and seen live as `*`), declares a health route (which answers), sets a body
/// limit (yet the chunked probe got through); the rate-limit probe did not run.
pub(crate) struct LiveSample {
    pub(crate) findings: Vec<Finding>,
    pub(crate) rules: Vec<&'static RuleMeta>,
    pub(crate) summary: shipready_diagnostics::ProbeSummary,
}

impl LiveSample {
    pub(crate) fn report(&self) -> Report<'_> {
        Report { probe: Some(&self.summary), ..report(&self.findings, &[], &self.rules) }
    }

    /// The checks the score weighs: the scan's that apply, and the live ones that concluded.
    pub(crate) fn checks() -> Vec<ApplicableCheck<'static>> {
        [&CORS, &NO_HEALTH, &BODY_LIMIT, &RATE_LIMIT, &PROBE_CORS, &PROBE_HEALTH, &PROBE_BODY]
            .into_iter()
            .map(|meta| ApplicableCheck::of(meta, meta.severity))
            .collect()
    }

    pub(crate) fn readiness(&self) -> Readiness {
        let checks = Self::checks();
        compute(&Inputs { probe: Some(&self.summary), ..inputs("2026-12-05", &self.findings, &checks, &[]) })
    }
}

pub(crate) fn live_sample() -> LiveSample {
    use shipready_diagnostics::{CheckStatus, ProbeCheck, ProbeSummary};
    let url = "http://127.0.0.1:8000";
    let findings = vec![
        at(&CORS, "src/app.ts", 3, "CORS allows any origin (`origin: \"*\"`)", "app.use(cors({ origin: \"*\" }));", 7),
        at(&RATE_LIMIT, "src/app.ts", 1, "The service has no rate limiting", "const app = express();", 8),
        live_finding(
            &PROBE_CORS,
            Severity::Info,
            "GET",
            &format!("{url}/"),
            "allows any origin (`*`), without credentials: right for a public API only",
            "> GET / HTTP/1.1\n> origin: https://shipready-probe.invalid\n< HTTP/1.1 200 OK\n< access-control-allow-origin: *",
        ),
        live_finding(
            &PROBE_BODY,
            Severity::Medium,
            "POST",
            &format!("{url}/api/items"),
            "read a 32.0 MiB chunked body (no Content-Length) whole and then answered `HTTP/1.1 400 Bad Request`",
            "> POST /api/items HTTP/1.1\n> transfer-encoding: chunked\n(sent all 32.0 MiB)\n< HTTP/1.1 400 Bad Request",
        ),
    ];
    let check = |id: &str, status, detail: &str, requests| ProbeCheck {
        id: id.to_string(),
        status,
        detail: detail.to_string(),
        requests,
    };
    let summary = ProbeSummary {
        url: format!("{url}/"),
        requests_sent: 9,
        max_requests: 500,
        elapsed_ms: 1234,
        max_seconds: 60,
        openapi: Some(format!("{url}/openapi.json")),
        routes: 2,
        checks: vec![
            check("probe-health", CheckStatus::Passed, "/healthz answered 200 in 2 ms", 1),
            check("probe-cors", CheckStatus::Passed, "a foreign origin is not reflected on /", 2),
            check("probe-body-limit", CheckStatus::Failed, "read a 32.0 MiB chunked body whole", 1),
            check("probe-rate-limit", CheckStatus::NotRun, "the budget left is smaller than the burst", 0),
        ],
    };
    let mut findings = findings;
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    LiveSample {
        findings,
        rules: vec![&CORS, &NO_HEALTH, &BODY_LIMIT, &RATE_LIMIT, &PROBE_HEALTH, &PROBE_CORS, &PROBE_BODY, &PROBE_RATE],
        summary,
    }
}
