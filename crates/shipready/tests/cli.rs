//! End-to-end tests of the `shipready` binary: exit codes, output formats, bad input.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn shipready() -> Command {
    let mut command = Command::cargo_bin("shipready").unwrap();
    command.current_dir(workspace_root()).env_remove("NO_COLOR");
    command
}

fn scan_json(args: &[&str]) -> (Value, i32) {
    let output = shipready().arg("scan").args(args).args(["--format", "json"]).output().unwrap();
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)));
    (json, output.status.code().unwrap())
}

/// `(rule, path, line)` for every finding, in report order.
fn findings(json: &Value) -> Vec<(String, String, u64)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().into(), f["path"].as_str().unwrap().into(), f["line"].as_u64().unwrap()))
        .collect()
}

fn owned(expected: &[(&str, &str, u64)]) -> Vec<(String, String, u64)> {
    expected.iter().map(|(r, p, l)| ((*r).into(), (*p).into(), *l)).collect()
}

fn write(root: &Path, rel: &str, contents: impl AsRef<[u8]>) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

#[test]
fn python_demo_findings_are_exactly_these() {
    let (json, code) = scan_json(&["examples/py-service"]);
    assert_eq!(code, 1);
    assert_eq!(json["root"], "examples/py-service");
    assert_eq!(
        findings(&json),
        owned(&[
            ("no-error-tracking", ".", 11),
            ("no-metrics", ".", 11),
            ("no-rate-limiting", ".", 11),
            ("no-request-size-limit", ".", 11),
            ("no-structured-logging", ".", 11),
            ("timing-unsafe-compare", "api/middleware/auth.py", 15),
            ("exception-leak", "api/routes/events.py", 18),
            ("blocking-call-in-server", "api/routes/events.py", 23),
            ("cors-permissive", "main.py", 15),
            ("empty-catch", "services/notify.py", 9),
            ("broad-except-swallow", "services/store.py", 18),
            ("nonatomic-json-store", "services/store.py", 21),
            ("print-logging", "workflows/room_review.py", 7),
            ("blocking-call-in-server", "workflows/room_review.py", 8),
        ])
    );
}

#[test]
fn typescript_demo_findings_are_exactly_these() {
    let (json, code) = scan_json(&["examples/ts-service"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        owned(&[
            ("missing-lockfile", ".", 1),
            ("no-error-tracking", ".", 7),
            ("no-metrics", ".", 7),
            ("no-rate-limiting", ".", 7),
            ("no-security-headers", ".", 7),
            ("no-structured-logging", ".", 7),
            ("timing-unsafe-compare", "src/auth.ts", 10),
            ("postmessage-any-origin", "src/lib/embed.ts", 3),
            ("postmessage-any-origin", "src/lib/embed.ts", 7),
            ("hardcoded-secret", "src/lib/screenshot.ts", 1),
            ("exception-leak", "src/routes/users.ts", 11),
            ("empty-catch", "src/routes/users.ts", 18),
            ("cors-permissive", "src/server.ts", 9),
            ("print-logging", "src/server.ts", 21),
            ("ts-nocheck", "src/telegram/bot.ts", 1),
        ])
    );
}

/// Three services (TypeScript, Python, Go) with their Dockerfiles, Compose and Kubernetes files:
/// every finding, and by omission every lookalike that must stay silent (constant-time compares,
/// checked paths, 4xx validation messages, pinned and non-root images, probes and limits).
#[test]
fn monorepo_demo_findings_are_exactly_these() {
    let (json, code) = scan_json(&["examples/monorepo"]);
    assert_eq!(code, 1);
    assert_eq!(json["skipped"], serde_json::json!([]));
    assert_eq!(
        findings(&json),
        owned(&[
            ("compose-no-resource-limits", "deploy/docker-compose.yml", 13),
            ("compose-unsafe-service", "deploy/docker-compose.yml", 20),
            ("k8s-no-probes", "deploy/k8s/worker.yaml", 14),
            ("k8s-no-resource-limits", "deploy/k8s/worker.yaml", 14),
            ("k8s-privileged", "deploy/k8s/worker.yaml", 14),
            ("hardcoded-secret", "deploy/k8s/worker.yaml", 20),
            ("in-memory-rate-limit", "services/api", 10),
            ("no-error-tracking", "services/api", 10),
            ("no-metrics", "services/api", 10),
            ("iframe-sandbox-escape", "services/api/public/embed.html", 10),
            ("timing-unsafe-compare", "services/api/src/routes/admin.ts", 15),
            ("empty-catch", "services/api/src/routes/admin.ts", 28),
            ("path-traversal", "services/api/src/routes/files.ts", 10),
            ("exception-leak", "services/api/src/routes/files.ts", 23),
            ("no-error-tracking", "services/gateway", 22),
            ("no-metrics", "services/gateway", 22),
            ("no-rate-limiting", "services/gateway", 22),
            ("no-request-size-limit", "services/gateway", 22),
            ("tls-verify-disabled", "services/gateway/forward.go", 19),
            ("exception-leak", "services/gateway/forward.go", 41),
            ("empty-catch", "services/gateway/forward.go", 46),
            ("print-logging", "services/gateway/main.go", 34),
            ("timing-unsafe-compare", "services/gateway/main.go", 43),
            ("cors-permissive", "services/gateway/main.go", 64),
            ("no-health-endpoint", "services/worker", 10),
            ("no-metrics", "services/worker", 10),
            ("no-rate-limiting", "services/worker", 10),
            ("no-request-size-limit", "services/worker", 10),
            ("dockerfile-no-healthcheck", "services/worker/Dockerfile", 1),
            ("dockerfile-root-user", "services/worker/Dockerfile", 1),
            ("http-call-no-timeout", "services/worker/app/jobs.py", 14),
            ("command-injection", "services/worker/app/jobs.py", 28),
            ("empty-catch", "services/worker/app/jobs.py", 35),
            ("exception-leak", "services/worker/app/main.py", 21),
            ("unsafe-env-default", "services/worker/app/settings.py", 3),
        ])
    );
}

#[test]
fn json_report_follows_schema_shipready_1() {
    let (json, _) = scan_json(&["examples/ts-service"]);
    let keys = |value: &Value| -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(json["schema"], "shipready/1");
    assert_eq!(keys(&json), ["findings", "root", "schema", "skipped", "summary", "tool"]);
    assert_eq!(keys(&json["tool"]), ["name", "version"]);
    assert_eq!(keys(&json["summary"]), ["by_severity", "files_scanned", "files_skipped", "suppressed"]);
    assert_eq!(keys(&json["summary"]["by_severity"]), ["critical", "high", "info", "low", "medium"]);
    for finding in json["findings"].as_array().unwrap() {
        let mut keys = keys(finding);
        // Project-level findings also name the file where the fix belongs.
        if finding["file"].is_string() {
            keys.retain(|key| key != "file");
        }
        assert_eq!(
            keys,
            [
                "area",
                "column",
                "end_column",
                "end_line",
                "fingerprint",
                "line",
                "message",
                "path",
                "rule",
                "severity",
                "snippet"
            ]
        );
        assert!(finding["line"].as_u64().unwrap() >= 1 && finding["column"].as_u64().unwrap() >= 1);
        assert!(!finding["path"].as_str().unwrap().contains('\\'));
        assert_eq!(finding["fingerprint"].as_str().unwrap().len(), 16);
    }
    let total: u64 = json["summary"]["by_severity"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(total as usize, json["findings"].as_array().unwrap().len());
}

/// The SARIF 2.1.0 schema (OASIS), as shipped in `@microsoft/sarif-multitool-linux` 5.7.0 on npm.
const SARIF_SCHEMA: &str = include_str!("data/sarif-2.1.0.json");

/// Fails with every violation if `sarif` is not valid SARIF 2.1.0.
fn assert_valid_sarif(sarif: &Value) {
    let schema: Value = serde_json::from_str(SARIF_SCHEMA).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0_and_carries_every_finding() {
    let (json, _) = scan_json(&["examples/monorepo"]);
    let output = shipready().args(["scan", "examples/monorepo", "--format", "sarif"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "the monorepo has high findings");
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&sarif);

    // Same findings, same order, same fingerprints as the JSON report; project-level findings
    // point at the file where the fix belongs.
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["ruleId"], finding["rule"]);
        assert_eq!(result["partialFingerprints"]["shipready/v1"], finding["fingerprint"]);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = finding["file"].as_str().or(finding["path"].as_str()).unwrap();
        assert_eq!(location["artifactLocation"]["uri"], uri);
        assert_eq!(location["region"]["startLine"], finding["line"]);
    }
    // Every rule that ran is described, with help.
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 60);
    assert!(rules.iter().all(|rule| rule["help"]["markdown"].as_str().is_some_and(|m| m.contains("## What it does"))));
}

#[test]
fn github_format_annotates_each_finding_relative_to_the_repository() {
    let (json, _) = scan_json(&["examples/py-service"]);
    let output = shipready().args(["scan", "examples/py-service", "--format", "github"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let commands: Vec<&str> = text.lines().filter(|line| line.starts_with("::")).collect();
    assert_eq!(commands.len(), json["findings"].as_array().unwrap().len());
    assert!(
        commands.iter().any(|c| c.starts_with("::error file=examples/py-service/api/middleware/auth.py,line=15,")),
        "{text}"
    );
}

#[test]
fn a_configuration_file_up_the_tree_shapes_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "svc/app/routes.py",
        "def f():\n    try:\n        g()\n    except Exception:\n        pass\n    print('x')\n",
    );
    write(root, "svc/scripts/seed.py", "import json\nprint(json.dumps({}))\n");
    write(root, "svc/legacy/old.py", "try:\n    g()\nexcept Exception:\n    pass\n");
    let scan = |args: &[&str]| {
        let output =
            shipready().arg("scan").arg(root.join("svc")).args(args).args(["--format", "json"]).output().unwrap();
        let json: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
        (json, output.status.code().unwrap(), String::from_utf8_lossy(&output.stderr).to_string())
    };
    let rules_and_paths = |json: &Value| -> Vec<(String, String, String)> {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().into(),
                    f["path"].as_str().unwrap().into(),
                    f["severity"].as_str().unwrap().into(),
                )
            })
            .filter(|(rule, _, _)| rule == "empty-catch" || rule == "print-logging")
            .collect()
    };
    let (before, code, _) = scan(&[]);
    assert_eq!(code, 1);
    let before = rules_and_paths(&before);
    assert!(before.contains(&("empty-catch".into(), "legacy/old.py".into(), "high".into())), "{before:?}");

    write(
        root,
        "shipready.toml",
        "fail-on = \"critical\"\nignore = [\"no-tests\"]\nexclude = [\"svc/legacy/**\"]\n\n[severity]\nempty-catch = \"medium\"\n\n[per-path-ignores]\n\"svc/app/**\" = [\"print-logging\"]\n",
    );
    let (after, code, _) = scan(&[]);
    assert_eq!(code, 0, "nothing critical: `fail-on` comes from the file");
    assert_eq!(after["summary"]["files_scanned"], 2, "the excluded folder is not read");
    assert_eq!(
        rules_and_paths(&after),
        [("empty-catch".to_string(), "app/routes.py".to_string(), "medium".to_string())]
    );
    // The command line wins over the file; `--isolated` ignores it.
    assert_eq!(scan(&["--fail-on", "medium"]).1, 1);
    assert_eq!(rules_and_paths(&scan(&["--isolated"]).0), before);

    // Thresholds and word lists for single checks.
    write(root, "svc/app/keys.py", "signing_salt = \"d8f7a6s5d4f3g2h1\"\n");
    write(
        root,
        "shipready.toml",
        "[rules.large-file]\nmax-lines = 3\n[rules.hardcoded-secret]\nextra-names = [\"signing_salt\"]\n",
    );
    let (tuned, _, _) = scan(&[]);
    let hits = |rule: &str| -> Vec<String> {
        tuned["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(hits("large-file"), ["app/routes.py", "legacy/old.py"]);
    assert_eq!(hits("hardcoded-secret"), ["app/keys.py"]);

    // A mistake names the file, the line and a way out, and exits 2.
    write(root, "shipready.toml", "fail-on = \"high\"\n[severity]\nempty-catch = \"hgih\"\n");
    let (_, code, stderr) = scan(&[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("shipready.toml` line 3") && stderr.contains("--isolated"), "{stderr}");
}

#[test]
fn heuristic_checks_inform_without_failing_unless_gated() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "app.py",
        "def f(x):\n    # y = compute(x)\n    # if y > 3:\n    #     save(y)\n    # else:\n    #     drop(y)\n    # log(y)\n    return x\n",
    );
    let run = || {
        let output = shipready()
            .arg("scan")
            .arg(root)
            .args(["--select", "commented-out-code,print-logging", "--fail-on", "low", "--color", "never"])
            .output()
            .unwrap();
        (output.status.code().unwrap(), String::from_utf8_lossy(&output.stdout).to_string())
    };
    let (code, text) = run();
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("1 more from advisory (heuristic) checks"), "{text}");

    write(root, "shipready.toml", "gate = [\"commented-out-code\"]\n");
    assert_eq!(run().0, 1, "a gated heuristic check fails the run");

    // Any check can be made advisory.
    write(root, "app.py", "def f(x):\n    print(x)\n");
    write(root, "shipready.toml", "advisory = [\"observability\"]\n");
    let (code, text) = run();
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("print-logging"), "still reported: {text}");
}

#[test]
fn human_output_groups_by_severity_and_marks_the_span() {
    let output = shipready().args(["scan", "examples/py-service"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "no colour when stdout is not a terminal");
    let critical = text.find("CRITICAL (").unwrap();
    let high = text.find("HIGH (").unwrap();
    let medium = text.find("MEDIUM (").unwrap();
    assert!(critical < high && high < medium);
    insta::assert_snapshot!("py_service_terminal", text);
}

#[test]
fn colour_can_be_forced() {
    shipready()
        .args(["--color", "always", "scan", "examples/ts-service"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\u{1b}["));
}

#[test]
fn exit_codes_follow_fail_on() {
    shipready().args(["scan", "examples/py-service", "--fail-on", "never"]).assert().code(0);
    shipready().args(["scan", "examples/py-service", "--fail-on", "critical"]).assert().code(1);
    // Only medium findings: the default threshold (high) passes, `medium` fails.
    shipready().args(["scan", "examples/py-service", "--select", "print-logging"]).assert().code(0);
    shipready()
        .args(["scan", "examples/py-service", "--select", "print-logging", "--fail-on", "medium"])
        .assert()
        .code(1);
}

#[test]
fn usage_errors_exit_2_with_a_hint() {
    shipready()
        .args(["scan", "does/not/exist"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`does/not/exist` does not exist").and(predicate::str::contains("Hint:")));
    shipready().args(["scan", "--fail-on", "loud", "."]).assert().code(2);
    shipready().args(["scan", "--format", "yaml", "."]).assert().code(2);
    shipready()
        .args(["scan", "--select", "empty-cach", "examples"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `empty-catch`?"));
    shipready().args(["rules", "no-such-rule"]).assert().code(2);
    shipready().args(["frobnicate"]).assert().code(2);
}

#[test]
fn an_unwritable_output_is_an_internal_error() {
    shipready()
        .args(["scan", "examples/ts-service", "-o", "/nonexistent-folder/report.json", "--format", "json"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("shipready failed"));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    shipready()
        .args(["scan", "examples/ts-service", "--format", "json", "-o"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty());
    let json: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(json["schema"], "shipready/1");
    // Only the report is left behind: no temporary files.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// `-o /dev/null`, `-o /dev/stdout` or a FIFO is written in place: renaming a temporary file over
/// it, as for a regular file, would replace the device with a plain file.
#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_written_in_place() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // Opening a FIFO to read blocks until a writer opens it, so the reader runs beside the scan.
    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || {
            let mut text = String::new();
            fs::File::open(fifo).unwrap().read_to_string(&mut text).unwrap();
            text
        }
    });
    shipready()
        .args(["scan", "examples/ts-service", "--format", "json", "-o"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(1);
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced by a file");
    let json: Value = serde_json::from_str(&reader.join().unwrap()).unwrap();
    assert_eq!(json["schema"], "shipready/1");
}

/// A symlinked report path keeps its link; the file it points at gets the report.
#[cfg(unix)]
#[test]
fn output_through_a_symlink_replaces_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("reports/latest.json");
    write(dir.path(), "reports/latest.json", "old");
    let link = dir.path().join("report.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    shipready().args(["scan", "examples/ts-service", "--format", "json", "-o"]).arg(&link).assert().code(1);
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    let json: Value = serde_json::from_str(&fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(json["schema"], "shipready/1");
}

#[test]
fn bad_input_is_skipped_with_reasons_and_loses_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "src/ok.ts", "try { run(); } catch (e) {}\n");
    write(root, "src/bin.js", b"\x7fELF\x00\x00\x01");
    write(root, "src/latin1.py", b"name = '\xe9t\xe9'\n");
    write(root, "src/broken.py", "def f(:\n");
    write(root, "src/big.js", vec![b'/'; 3 * 1024 * 1024]);
    // 1,500 levels over 600 short lines: too deep to parse, but neither minified nor large.
    write(root, "src/deep.ts", format!("x = {}0{};\n", "(((((\n".repeat(300), ")))))\n".repeat(300)));
    write(root, "empty/.keep", "");
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("src"), root.join("src/again")).unwrap();

    let output = Command::cargo_bin("shipready")
        .unwrap()
        .args(["scan", "--format", "json", "--follow"])
        .arg(root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    // The temporary folder is a repository of its own, with code, no tests and no CI.
    assert_eq!(
        findings(&json),
        owned(&[("no-ci-config", ".", 1), ("no-tests", ".", 1), ("empty-catch", "src/ok.ts", 1)])
    );
    let skipped: Vec<(String, String)> = json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["path"].as_str().unwrap().into(), s["reason"].as_str().unwrap().into()))
        .collect();
    let reason = |path: &str| skipped.iter().find(|(p, _)| p == path).map(|(_, r)| r.clone()).unwrap_or_default();
    assert_eq!(reason("src/bin.js"), "binary file");
    assert!(reason("src/latin1.py").contains("not valid UTF-8"), "{skipped:?}");
    assert!(reason("src/broken.py").contains("syntax error"), "{skipped:?}");
    assert!(reason("src/big.js").contains("size cap"), "{skipped:?}");
    assert!(reason("src/deep.ts").contains("nested deeper"), "{skipped:?}");
    #[cfg(unix)]
    assert_eq!(reason("src/again"), "symbolic link loop; not followed");
    assert_eq!(json["summary"]["files_scanned"], 1);
    assert_eq!(json["summary"]["files_skipped"].as_u64().unwrap() as usize, skipped.len());
}

#[test]
fn an_empty_folder_is_a_clean_scan() {
    let dir = tempfile::tempdir().unwrap();
    shipready()
        .args(["scan"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings").and(predicate::str::contains("0 files scanned")));
}

#[test]
fn rules_lists_every_check_and_explains_one() {
    let output = shipready().args(["rules", "--format", "json"]).output().unwrap();
    assert!(output.status.success());
    let rules: Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = rules.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in [
        "timing-unsafe-compare",
        "hardcoded-secret",
        "cors-permissive",
        "iframe-sandbox-escape",
        "postmessage-any-origin",
        "exception-leak",
        "empty-catch",
        "broad-except-swallow",
        "blocking-call-in-server",
        "print-logging",
        "ts-nocheck",
        "large-file",
        "too-many-params",
    ] {
        assert!(ids.contains(&id), "`shipready rules` is missing {id}");
    }
    shipready()
        .args(["rules"])
        .assert()
        .success()
        .stdout(predicate::str::contains("timing-unsafe-compare").and(predicate::str::contains("ts js py")));
    shipready()
        .args(["rules", "empty-catch"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## What it does").and(predicate::str::contains("## Use instead")));
    shipready().args(["explain", "ts-nocheck"]).assert().success().stdout(predicate::str::contains("@ts-nocheck"));
}

#[test]
fn help_documents_exit_codes() {
    shipready()
        .args(["scan", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:").and(predicate::str::contains("3  internal error")));
    shipready().arg("--version").assert().success().stdout(predicate::str::starts_with("shipready "));
}

#[test]
fn a_closed_pipe_is_not_a_failure() {
    // The in-process runner reports a broken pipe as success, as ripgrep and ruff do.
    let error = anyhow::Error::new(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "closed"));
    let mut stderr = Vec::new();
    assert_eq!(shipready::report_error(&error, &mut stderr), shipready::ExitStatus::Success);
    assert!(stderr.is_empty());
}

/// A service with a timing-unsafe comparison silenced in the code, prints silenced by the
/// suppressions file, and a stale directive. Returns the folder to scan.
fn suppressed_service(root: &Path) -> PathBuf {
    write(
        root,
        "svc/app/auth.py",
        "import os\nAPI_KEY = os.environ[\"API_KEY\"]\n\ndef check(request):\n    # shipready-ignore[timing-unsafe-compare]: compared again in constant time by the gateway\n    if request.headers.get(\"X-API-Key\") != API_KEY:\n        raise PermissionError()\n",
    );
    write(root, "svc/app/jobs.py", "def call(x):\n    print(f'job {x}')\n");
    write(root, "svc/workers/report.py", "def call(x):\n    print(f'report {x}')\n");
    write(root, "svc/app/db.py", "def load(x):\n    return x  # shipready-ignore[print-logging]: left over\n");
    root.join("svc")
}

/// The checks the suppression tests run (project checks would fail the run on their own).
const SUPPRESSION_CHECKS: &str = "timing-unsafe-compare,print-logging,unused-suppression";

fn scan_in(folder: &Path, args: &[&str]) -> (Value, i32, String) {
    let output = shipready()
        .arg("scan")
        .arg(folder)
        .args(["--select", SUPPRESSION_CHECKS, "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (json, output.status.code().unwrap(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// `(rule, path, line, suppression kind or "")` for every finding.
fn states(json: &Value) -> Vec<(String, String, u64, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["path"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
                f["suppressed"]["kind"].as_str().unwrap_or_default().into(),
            )
        })
        .collect()
}

fn state(rule: &str, path: &str, line: u64, kind: &str) -> (String, String, u64, String) {
    (rule.into(), path.into(), line, kind.into())
}

#[test]
fn inline_suppressions_silence_without_failing_and_are_listed_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let folder = suppressed_service(dir.path());

    // The critical comparison is silenced: nothing fails the run, and it is counted.
    let (json, code, _) = scan_in(&folder, &[]);
    assert_eq!(code, 0, "a suppressed critical finding never fails the run");
    assert_eq!(json["summary"]["suppressed"], 1);
    assert_eq!(json["summary"]["by_severity"]["critical"], 0);
    assert_eq!(
        states(&json),
        [
            state("unused-suppression", "app/db.py", 2, ""),
            state("print-logging", "app/jobs.py", 2, ""),
            state("print-logging", "workers/report.py", 2, ""),
        ]
    );
    let message = json["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("silences nothing"), "{message}");

    // --show-suppressed lists it, with its reason, at the same fingerprint.
    let (shown, code, _) = scan_in(&folder, &["--show-suppressed"]);
    assert_eq!(code, 0);
    let silenced = shown["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "timing-unsafe-compare").unwrap();
    assert_eq!(silenced["suppressed"]["kind"], "in-source");
    assert_eq!(silenced["suppressed"]["reason"], "compared again in constant time by the gateway");
    assert_eq!(silenced["line"], 6);

    // The terminal counts it, and lists it only when asked.
    let terminal = |args: &[&str]| {
        let output =
            shipready().arg("scan").arg(&folder).args(["--select", SUPPRESSION_CHECKS]).args(args).output().unwrap();
        (String::from_utf8(output.stdout).unwrap(), output.status.code().unwrap())
    };
    let (text, code) = terminal(&[]);
    assert_eq!(code, 0);
    assert!(text.contains("1 suppressed (show with --show-suppressed)."), "{text}");
    assert!(!text.contains("timing-unsafe-compare"), "{text}");
    let (text, _) = terminal(&["--show-suppressed"]);
    assert!(
        text.contains("SUPPRESSED (1)")
            && text.contains("critical[timing-unsafe-compare]")
            && text.contains("suppressed in the source: compared again in constant time by the gateway"),
        "{text}"
    );

    // A policy run ignores the comments: the comparison fails the run, and the stale
    // directive is not judged.
    let (policy, code, _) = scan_in(&folder, &["--no-inline-suppressions"]);
    assert_eq!(code, 1);
    assert_eq!(policy["summary"]["suppressed"], 0);
    assert!(states(&policy).contains(&state("timing-unsafe-compare", "app/auth.py", 6, "")));
    assert!(!states(&policy).iter().any(|(rule, ..)| rule == "unused-suppression"));

    // With the governance check not selected, nothing is reported about directives.
    let output = shipready()
        .arg("scan")
        .arg(&folder)
        .args(["--select", "timing-unsafe-compare,print-logging", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(!states(&json).iter().any(|(rule, ..)| rule == "unused-suppression"));
}

#[test]
fn the_suppressions_file_silences_by_path_and_fingerprint_until_it_expires() {
    let dir = tempfile::tempdir().unwrap();
    let folder = suppressed_service(dir.path());
    let (plain, _, _) = scan_in(&folder, &[]);
    let jobs = plain["findings"].as_array().unwrap().iter().find(|f| f["path"] == "app/jobs.py").unwrap();
    let fingerprint = jobs["fingerprint"].as_str().unwrap();
    let entries = format!(
        "[[suppress]]\ncheck = \"print-logging\"\nfingerprint = \"{fingerprint}\"\nreason = \"job progress, until the logger lands\"\nowner = \"@bo\"\n\n\
         [[suppress]]\ncheck = \"print-logging\"\npaths = [\"workers/**\"]\nreason = \"worker output by design\"\nowner = \"@ana\"\nexpires = \"2999-01-01\"\n\n\
         [[suppress]]\ncheck = \"print-logging\"\npaths = [\"scripts/**\"]\nreason = \"no such folder any more\"\nowner = \"@ana\"\n"
    );
    // The project folder is the scanned one, as there is no shipready.toml.
    write(&folder, ".shipready/suppressions.toml", &entries);
    let (json, code, stderr) = scan_in(&folder, &["--show-suppressed"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["summary"]["suppressed"], 3);
    assert_eq!(
        states(&json),
        [
            state("unused-suppression", ".shipready/suppressions.toml", 14, ""),
            state("timing-unsafe-compare", "app/auth.py", 6, "in-source"),
            state("unused-suppression", "app/db.py", 2, ""),
            state("print-logging", "app/jobs.py", 2, "external"),
            state("print-logging", "workers/report.py", 2, "external"),
        ]
    );
    let external = json["findings"].as_array().unwrap().iter().find(|f| f["path"] == "workers/report.py").unwrap();
    assert_eq!(
        external["suppressed"],
        serde_json::json!({ "kind": "external", "reason": "worker output by design", "owner": "@ana", "expires": "2999-01-01" })
    );
    assert_eq!(external["fingerprint"], plain["findings"][2]["fingerprint"], "suppression leaves fingerprints alone");

    // An expired entry silences nothing again, and says so.
    write(&folder, ".shipready/suppressions.toml", entries.replace("2999-01-01", "2020-01-01"));
    let (json, _, _) = scan_in(&folder, &[]);
    assert!(states(&json).contains(&state("print-logging", "workers/report.py", 2, "")));
    let expired = json["findings"].as_array().unwrap().iter().find(|f| f["line"] == 7).unwrap();
    assert_eq!(expired["path"], ".shipready/suppressions.toml");
    assert!(expired["message"].as_str().unwrap().contains("expired on 2020-01-01"), "{expired}");

    // `--isolated` ignores the file like any configuration.
    let (json, _, _) = scan_in(&folder, &["--isolated"]);
    assert_eq!(json["summary"]["suppressed"], 1);

    // An invalid entry is a configuration error naming the file and line.
    write(
        &folder,
        ".shipready/suppressions.toml",
        "[[suppress]]\ncheck = \"print-loging\"\npaths = [\"x\"]\nreason = \"r\"\nowner = \"o\"\n",
    );
    let (_, code, stderr) = scan_in(&folder, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("suppressions.toml` line 2")
            && stderr.contains("did you mean `print-logging`?")
            && stderr.contains("Suppressions section"),
        "{stderr}"
    );
}

#[test]
fn the_suppressions_file_belongs_to_the_configuration_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = suppressed_service(dir.path());
    write(dir.path(), "shipready.toml", "fail-on = \"critical\"\n");
    write(
        dir.path(),
        ".shipready/suppressions.toml",
        "[[suppress]]\ncheck = \"print-logging\"\npaths = [\"svc/workers/**\"]\nreason = \"worker output\"\nowner = \"@ana\"\n",
    );
    let (json, _, stderr) = scan_in(&folder, &[]);
    assert!(states(&json).contains(&state("print-logging", "app/jobs.py", 2, "")), "{stderr}");
    assert_eq!(json["summary"]["suppressed"], 2, "the comment and the entry one level up");
}

#[test]
fn sarif_carries_suppressed_results_with_their_justification() {
    let dir = tempfile::tempdir().unwrap();
    let folder = suppressed_service(dir.path());
    write(
        &folder,
        ".shipready/suppressions.toml",
        "[[suppress]]\ncheck = \"print-logging\"\npaths = [\"workers/**\"]\nreason = \"worker output by design\"\nowner = \"@ana\"\nexpires = \"2999-01-01\"\n",
    );
    let output = shipready()
        .arg("scan")
        .arg(&folder)
        .args(["--select", SUPPRESSION_CHECKS, "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "suppressed results do not fail the run");
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let by_rule = |rule: &str, uri: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri)
            .unwrap_or_else(|| panic!("no {rule} result in {uri}"))
    };
    assert_eq!(
        by_rule("timing-unsafe-compare", "app/auth.py")["suppressions"],
        serde_json::json!([{ "kind": "inSource", "justification": "compared again in constant time by the gateway" }])
    );
    let external = &by_rule("print-logging", "workers/report.py")["suppressions"][0];
    assert_eq!(
        (external["kind"].as_str(), external["justification"].as_str()),
        (Some("external"), Some("worker output by design"))
    );
    assert!(by_rule("print-logging", "app/jobs.py").get("suppressions").is_none());

    // GitHub annotations leave suppressed findings out.
    let output = shipready()
        .arg("scan")
        .arg(&folder)
        .args(["--select", SUPPRESSION_CHECKS, "--format", "github"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains("timing-unsafe-compare") && !text.contains("report.py"), "{text}");
    assert!(text.contains("app/jobs.py"), "{text}");
}
