//! The scan cache from the command line: an unchanged tree is not checked again, and a changed
//! file or configuration is.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn write(root: &Path, rel: &str, contents: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

/// Scans `root` with `-v`; returns the findings' `(rule, path)` and the cache line of stderr.
fn scan(root: &Path, extra: &[&str]) -> (Vec<(String, String)>, String) {
    let output = Command::cargo_bin("shipready")
        .unwrap()
        .args(["scan", "--format", "json", "--fail-on", "never", "-v"])
        .arg(root)
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["path"].as_str().unwrap().to_string()))
        .collect();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let cache = stderr.lines().find(|line| line.starts_with("shipready: cache:")).unwrap_or("").to_string();
    (findings, cache)
}

const FIVE_PARAMS: &str = "def f(a, b, c, d, e):\n    return a\n";

#[test]
fn unchanged_files_are_reused_and_changed_files_and_configuration_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/params.py", FIVE_PARAMS);
    write(root, "app/other.py", "def g(x):\n    return x\n");

    let (cold, line) = scan(root, &[]);
    assert_eq!(line, "shipready: cache: 0 files unchanged and reused, 2 checked");
    assert!(root.join(".shipready/cache/.gitignore").exists());
    let (warm, line) = scan(root, &[]);
    assert_eq!(line, "shipready: cache: 2 files unchanged and reused, 0 checked");
    assert_eq!(warm, cold);

    // A configuration that changes what a check reports: every file is checked again.
    let too_many =
        |findings: &[(String, String)]| findings.iter().filter(|(rule, _)| rule == "too-many-params").count();
    assert_eq!(too_many(&cold), 0, "five parameters are under the default limit");
    write(root, "shipready.toml", "[rules.too-many-params]\nmax-params = 4\n");
    let (configured, line) = scan(root, &[]);
    assert_eq!(line, "shipready: cache: 0 files unchanged and reused, 3 checked", "shipready.toml is read too");
    assert_eq!(too_many(&configured), 1);
    let (_, line) = scan(root, &[]);
    assert_eq!(line, "shipready: cache: 3 files unchanged and reused, 0 checked");

    // Other checks selected on the command line: afresh too.
    let (selected, line) = scan(root, &["--select", "too-many-params"]);
    assert_eq!(line, "shipready: cache: 0 files unchanged and reused, 2 checked");
    assert_eq!(selected, vec![("too-many-params".to_string(), "app/params.py".to_string())]);

    // Back to the configuration before: its cache is still there.
    let (_, line) = scan(root, &[]);
    assert_eq!(line, "shipready: cache: 3 files unchanged and reused, 0 checked");

    // A changed file: only it.
    write(root, "app/other.py", "def g(a, b, c, d, e, f):\n    return a\n");
    let (changed, line) = scan(root, &[]);
    assert_eq!(line, "shipready: cache: 2 files unchanged and reused, 1 checked");
    assert_eq!(too_many(&changed), 2);
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app/main.py", FIVE_PARAMS);
    let (_, line) = scan(dir.path(), &["--no-cache"]);
    assert_eq!(line, "");
    assert!(!dir.path().join(".shipready").exists());

    // --cache-dir puts it elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let cache_dir = elsewhere.path().join("c");
    let cache = cache_dir.to_str().unwrap();
    let (_, line) = scan(dir.path(), &["--cache-dir", cache]);
    assert_eq!(line, "shipready: cache: 0 files unchanged and reused, 1 checked");
    let (_, line) = scan(dir.path(), &["--cache-dir", cache]);
    assert_eq!(line, "shipready: cache: 1 files unchanged and reused, 0 checked");
    assert!(!dir.path().join(".shipready").exists());
}
