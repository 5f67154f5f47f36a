//! A monorepo's sub-folder `shipready.toml` extends and overrides the one above it, whether the
//! scan starts at the repository root or inside the sub-folder.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn write(root: &Path, rel: &str, contents: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

/// `(rule, path, severity)` of every finding of a scan of `path` (relative to `root`), paths
/// relative to `root`.
fn scan(root: &Path, path: &str, extra: &[&str]) -> Vec<(String, String, String)> {
    let output = Command::cargo_bin("shipready")
        .unwrap()
        .current_dir(root)
        .args(["scan", path, "--format", "json", "--fail-on", "never"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let prefix = if path == "." { String::new() } else { format!("{path}/") };
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                format!("{prefix}{}", f["path"].as_str().unwrap()),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(findings: &[(String, String, String)], rule: &str, path: &str) -> Option<String> {
    findings.iter().find(|(r, p, _)| r == rule && p == path).map(|(_, _, s)| s.clone())
}

const CATCHES: &str = "export function f() {\n  try {\n    g();\n  } catch (e) {}\n  console.log(\"done\");\n}\n";

fn monorepo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "shipready.toml", "root = true\n[severity]\nempty-catch = \"medium\"\n");
    write(root, "services/api/src/a.ts", CATCHES);
    write(root, "services/worker/src/w.ts", CATCHES);
    write(root, "services/worker/src/long.ts", &"export const x = 1;\n".repeat(60));
    write(
        root,
        "services/worker/shipready.toml",
        "ignore = [\"print-logging\"]\nexclude = [\"src/skip.ts\"]\n[rules.large-file]\nmax-lines = 50\n",
    );
    write(root, "services/worker/src/skip.ts", CATCHES);
    dir
}

#[test]
fn a_sub_folder_configuration_applies_under_it_when_scanning_from_the_root() {
    let dir = monorepo();
    let findings = scan(dir.path(), ".", &[]);
    // The root's severity applies everywhere, the sub-folder's own settings only under it.
    assert_eq!(has(&findings, "empty-catch", "services/api/src/a.ts").as_deref(), Some("medium"));
    assert_eq!(has(&findings, "empty-catch", "services/worker/src/w.ts").as_deref(), Some("medium"));
    assert!(has(&findings, "print-logging", "services/api/src/a.ts").is_some());
    assert!(has(&findings, "print-logging", "services/worker/src/w.ts").is_none());
    assert!(has(&findings, "large-file", "services/worker/src/long.ts").is_some(), "its own threshold");
    assert!(findings.iter().all(|(_, path, _)| path != "services/worker/src/skip.ts"), "its own exclude");
}

#[test]
fn scanning_inside_the_sub_folder_gives_the_same_answer_for_it() {
    let dir = monorepo();
    let from_root: Vec<_> = scan(dir.path(), ".", &[])
        .into_iter()
        .filter(|(_, path, _)| path.starts_with("services/worker/src/"))
        .collect();
    let inside: Vec<_> = scan(dir.path(), "services/worker", &[])
        .into_iter()
        .filter(|(_, path, _)| path.starts_with("services/worker/src/"))
        .collect();
    assert_eq!(from_root, inside);
    assert!(!inside.is_empty());
}

#[test]
fn command_line_flags_apply_in_every_folder_and_isolated_ignores_all_files() {
    let dir = monorepo();
    let findings = scan(dir.path(), ".", &["--select", "print-logging"]);
    assert!(findings.iter().all(|(rule, _, _)| rule == "print-logging"));
    assert!(has(&findings, "print-logging", "services/worker/src/w.ts").is_none(), "the folder still ignores it");

    let isolated = scan(dir.path(), ".", &["--isolated"]);
    assert_eq!(has(&isolated, "empty-catch", "services/api/src/a.ts").as_deref(), Some("high"));
    assert!(has(&isolated, "print-logging", "services/worker/src/w.ts").is_some());
    assert!(has(&isolated, "empty-catch", "services/worker/src/skip.ts").is_some());
}

#[test]
fn an_invalid_sub_folder_file_is_an_error_naming_it() {
    let dir = monorepo();
    write(dir.path(), "services/worker/shipready.toml", "ignore = [\"print-loging\"]\n");
    let output = Command::cargo_bin("shipready").unwrap().current_dir(dir.path()).args(["scan", "."]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("services/worker/shipready.toml") && stderr.contains("line 1"), "{stderr}");
}
