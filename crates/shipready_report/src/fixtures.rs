//! A small report shared by the format tests.

use shipready_diagnostics::{
    Area, FailOn, Finding, Fingerprint, Location, RuleMeta, RuleStatus, Severity, SkippedFile, Span, Suppression,
    SuppressionKind,
};

use crate::Report;

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
