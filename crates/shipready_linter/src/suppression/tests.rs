//! Behaviour of suppression comments: scopes, exact tokens, comments only, governance.

use shipready_diagnostics::{Finding, SuppressionKind};

use super::{Defect, Directive, ExternalSuppression, Governance, Scope, govern};
use crate::registry::all_rules;
use crate::runner::{Linter, RuleEntry};
use crate::tester::{Case, lint_case};

/// The linter with only these rules (and `unused-suppression` when `judge` is set).
fn linter(ids: &[&str], judge: bool) -> Linter {
    let rules: Vec<RuleEntry> = all_rules()
        .into_iter()
        .filter(|rule| ids.contains(&rule.meta.id) || (judge && rule.meta.id == "unused-suppression"))
        .collect();
    assert_eq!(rules.len(), ids.len() + usize::from(judge), "unknown id in {ids:?}");
    Linter::new(rules)
}

/// `(rule, line, suppressed)` for every finding of one file linted with these rules.
fn lint(ids: &[&str], path: &str, text: &str) -> Vec<(&'static str, u32, bool)> {
    findings(ids, path, text).iter().map(|f| (f.rule, f.location.line, f.is_suppressed())).collect()
}

fn findings(ids: &[&str], path: &str, text: &str) -> Vec<Finding> {
    lint_case(&linter(ids, true), &Case::from((path, text)))
}

const PRINT: &[&str] = &["print-logging"];

#[test]
fn a_trailing_directive_covers_its_line_and_one_alone_covers_the_next() {
    let text = "def run(a, b):\n    print(a)  # shipready-ignore[print-logging]: the CLI's output\n    print(b)\n";
    assert_eq!(lint(PRINT, "app/tool.py", text), [("print-logging", 2, true), ("print-logging", 3, false)]);

    let text = "def run(a, b):\n    # shipready-ignore[print-logging]: the CLI's output\n    print(a)\n    print(b)\n";
    assert_eq!(lint(PRINT, "app/tool.py", text), [("print-logging", 3, true), ("print-logging", 4, false)]);

    // The next line only: a blank line in between leaves the call reported and the comment unused.
    let text = "export function run(a) {\n  // shipready-ignore[print-logging]: output\n\n  console.log(a);\n}\n";
    assert_eq!(lint(PRINT, "src/tool.ts", text), [("unused-suppression", 2, false), ("print-logging", 4, false)]);

    // A block comment before code on its line covers that line.
    let text = "export function run(a) {\n  /* shipready-ignore[print-logging]: output */ console.log(a);\n}\n";
    assert_eq!(lint(PRINT, "src/tool.ts", text), [("print-logging", 2, true)]);
}

#[test]
fn a_file_directive_covers_the_file_only_from_the_leading_comments() {
    let head =
        "#!/usr/bin/env python\n# Prints the report.\n# shipready-ignore-file[print-logging]: a command-line tool\n\n";
    let text = format!("{head}def run(a, b):\n    print(a)\n    print(b)\n");
    assert_eq!(lint(PRINT, "app/tool.py", &text), [("print-logging", 6, true), ("print-logging", 7, true)]);

    let text = "import sys\n# shipready-ignore-file[print-logging]: a command-line tool\ndef run(a):\n    print(a)\n";
    assert_eq!(lint(PRINT, "app/tool.py", text), [("unused-suppression", 2, false), ("print-logging", 4, false)]);

    let text = "/**\n * Report printer.\n * shipready-ignore-file[print-logging]: a command-line tool\n */\nexport function run(a) {\n  console.log(a);\n}\n";
    assert_eq!(lint(PRINT, "src/tool.ts", text), [("print-logging", 6, true)]);
}

#[test]
fn prose_and_strings_that_mention_the_token_silence_nothing() {
    // Python: a sentence, a string on the reported line, a multi-line string above it.
    for text in [
        "def run(a):\n    # we could use shipready-ignore[print-logging]: here\n    print(a)\n",
        "def run(a):\n    print(a, '# shipready-ignore[print-logging]: not a comment')\n",
        "NOTE = \"\"\"\nshipready-ignore[print-logging]: in a string\n\"\"\"\ndef run(a):\n    print(a)\n",
    ] {
        let found = lint(PRINT, "app/tool.py", text);
        assert!(found.iter().any(|&(rule, _, suppressed)| rule == "print-logging" && !suppressed), "{text} {found:?}");
        assert!(found.iter().all(|&(_, _, suppressed)| !suppressed), "{text}");
    }
    // JavaScript: a string and a template literal on the reported line, prose in a comment.
    for text in [
        "export function run(a) {\n  console.log(a, '// shipready-ignore[print-logging]: no');\n}\n",
        "export function run(a) {\n  console.log(`${a} /* shipready-ignore[print-logging]: no */`);\n}\n",
        "export function run(a) {\n  // TODO: use shipready-ignore[print-logging]: once agreed\n  console.log(a);\n}\n",
    ] {
        let found = lint(PRINT, "src/tool.ts", text);
        assert_eq!(found, [("print-logging", 2 + u32::from(text.contains("TODO")), false)], "{text}");
    }
    // YAML: the token in a value (quoted and block) is not a comment; a comment is.
    let pod = |comment: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    note: \"# shipready-ignore[k8s-privileged]: no\"\n    text: |\n      # shipready-ignore[k8s-privileged]: no\nspec:\n  containers:\n{comment}    - name: a\n      image: a:1\n      securityContext:\n        privileged: true\n"
        )
    };
    let found = lint(&["k8s-privileged"], "k8s/pod.yaml", &pod(""));
    assert_eq!(found, [("k8s-privileged", 11, false)]);
    let found = lint(
        &["k8s-privileged"],
        "k8s/pod.yaml",
        &pod("    # shipready-ignore[k8s-privileged]: the node agent needs it\n"),
    );
    assert_eq!(found, [("k8s-privileged", 12, true)]);

    // Dockerfile: in a here-document and in quotes, no; on its own line, yes.
    let base = "FROM node:20-slim\nRUN <<EOF\n# shipready-ignore[dockerfile-root-user]: no\nEOF\nRUN echo \"# shipready-ignore[dockerfile-root-user]: no\"\n";
    let root = &["dockerfile-root-user"];
    let found = lint(root, "Dockerfile", &format!("{base}USER root\n"));
    assert_eq!(found, [("dockerfile-root-user", 6, false)]);
    let found = lint(
        root,
        "Dockerfile",
        &format!("{base}# shipready-ignore[dockerfile-root-user]: a build image\nUSER root\n"),
    );
    assert_eq!(found, [("dockerfile-root-user", 7, true)]);
}

#[test]
fn env_files_read_their_own_comments() {
    let secret = "JWT_SECRET=k3Jd93aP0qLz82mXvB7\n";
    let text = format!("# shipready-ignore[hardcoded-secret]: a throwaway key for the demo\n{secret}");
    assert_eq!(lint(&["hardcoded-secret"], ".env", &text), [("hardcoded-secret", 2, true)]);
    let text = format!("NOTE=\"# shipready-ignore[hardcoded-secret]: in a value\"\n{secret}");
    assert_eq!(lint(&["hardcoded-secret"], ".env", &text), [("hardcoded-secret", 2, false)]);
}

#[test]
fn only_well_formed_directives_with_a_reason_silence() {
    let run = |directive: &str| {
        let text = format!("def run(a):\n    print(a)  # {directive}\n");
        lint(PRINT, "app/tool.py", &text)
    };
    // Several ids; an unknown id does not spoil the known ones.
    assert_eq!(run("shipready-ignore[empty-catch, print-logging]: output"), [("print-logging", 2, true)]);
    assert_eq!(
        run("shipready-ignore[print-loging, print-logging]: output"),
        [("print-logging", 2, true), ("unused-suppression", 2, false)]
    );
    for bad in [
        "shipready-ignore[print-logging]",
        "shipready-ignore[print-logging]:",
        "shipready-ignore",
        "shipready-ignore: everything",
        "shipready-ignore[]: nothing named",
        "shipready-ignore[print-logging: unclosed",
        "shipready-ignore [print-logging]: a space",
    ] {
        assert_eq!(run(bad), [("print-logging", 2, false), ("unused-suppression", 2, false)], "{bad}");
    }
    // Not the token: no directive, nothing to report.
    assert_eq!(run("shipready-ignored[print-logging]: no"), [("print-logging", 2, false)]);
    assert_eq!(run("shipready-ignore-next-line[print-logging]: no"), [("print-logging", 2, false)]);
}

#[test]
fn directives_parse_into_ids_reason_scope_and_defect() {
    let parse = |text: &str| -> Vec<Directive> {
        let linter = linter(&[], false);
        let outcome = linter.lint(crate::runner::SourceFile {
            path: "app/a.py",
            language: shipready_lang::Language::Python,
            role: shipready_lang::FileRole::Source,
            text,
        });
        outcome.directives
    };
    let found = parse("x = 1  # noqa: E501  # shipready-ignore[a-b, c]: why not\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].ids, ["a-b", "c"]);
    assert_eq!(found[0].reason, "why not");
    assert_eq!(found[0].scope, Scope::Line(1));
    assert_eq!(found[0].written, "shipready-ignore[a-b, c]");
    assert_eq!(found[0].defect, None);
    let found = parse("# shipready-ignore-file[x]\nx = 1\n");
    assert_eq!((found[0].scope, found[0].defect), (Scope::File, Some(Defect::NoReason)));
    assert!(parse("x = 1\ns = '# shipready-ignore[x]: y'\n").is_empty());
}

#[test]
fn suppression_keeps_findings_and_their_fingerprints() {
    let plain = findings(PRINT, "app/tool.py", "def run(a):\n    print(a)\n");
    let silenced =
        findings(PRINT, "app/tool.py", "def run(a):\n    print(a)  # shipready-ignore[print-logging]: CLI output\n");
    assert_eq!(plain.len(), 1);
    assert_eq!(silenced.len(), 1);
    assert_eq!(plain[0].fingerprint, silenced[0].fingerprint);
    let suppression = silenced[0].suppression.as_ref().unwrap();
    assert_eq!((suppression.kind, suppression.reason.as_str()), (SuppressionKind::InSource, "CLI output"));
}

#[test]
fn checks_that_did_not_run_are_never_unused() {
    // print-logging does not run: its directive is not judged, but a malformed one still is.
    let text = "x = 1  # shipready-ignore[print-logging]: CLI output\n";
    assert_eq!(lint(&["empty-catch"], "app/tool.py", text), []);
    let text = "x = 1  # shipready-ignore: everything\n";
    assert_eq!(lint(&["empty-catch"], "app/tool.py", text), [("unused-suppression", 1, false)]);
    // Without unused-suppression, nothing is reported at all.
    let text = "x = 1  # shipready-ignore: everything\n";
    assert!(lint_case(&linter(&["empty-catch"], false), &Case::from(("app/tool.py", text))).is_empty());
}

#[test]
fn unused_suppression_findings_can_themselves_be_silenced() {
    let text = "# shipready-ignore-file[unused-suppression]: directives kept for the next release\nx = 1  # shipready-ignore[print-logging]: later\n";
    assert_eq!(lint(PRINT, "app/tool.py", text), [("unused-suppression", 2, true)]);
}

#[test]
fn entries_silence_by_their_matcher_and_report_when_stale_or_expired() {
    fn everywhere(_: &Finding) -> bool {
        true
    }
    fn nowhere(_: &Finding) -> bool {
        false
    }
    let mut found = findings(PRINT, "app/tool.py", "def run(a):\n    print(a)\n");
    let entry = |matches: &'static dyn Fn(&Finding) -> bool, expired: bool| ExternalSuppression::<'static> {
        check: "print-logging",
        reason: "CLI scripts print by design",
        owner: "@ana",
        expires: Some("2020-01-01"),
        expired,
        target: "`app/**`".into(),
        matches,
        path: ".shipready/suppressions.toml".into(),
        span: shipready_diagnostics::Span::new(0, 10),
        location: shipready_diagnostics::Location { line: 1, column: 1, end_line: 1, end_column: 11 },
        snippet: "[[suppress]]".into(),
    };
    let ran = |_: &str, _: Option<&str>| true;
    let governance = Governance { ran: &ran, report: true };
    let entries = [entry(&everywhere, false), entry(&nowhere, false), entry(&everywhere, true)];
    let reports = govern(&mut found, &[], &entries, &governance);
    let suppression = found[0].suppression.as_ref().unwrap();
    assert_eq!(suppression.kind, SuppressionKind::External);
    assert_eq!(suppression.owner.as_deref(), Some("@ana"));
    let messages: Vec<&str> = reports.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("silences nothing")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("expired on 2020-01-01")), "{messages:?}");

    // An expired entry silences nothing.
    let mut found = findings(PRINT, "app/tool.py", "def run(a):\n    print(a)\n");
    govern(&mut found, &[], &[entry(&everywhere, true)], &governance);
    assert!(!found[0].is_suppressed());
}
