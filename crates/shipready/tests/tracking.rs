//! Tracking progress across runs: baselines, fingerprints that survive unrelated edits, and the
//! readiness checklist that `report --update` keeps in step with the code.

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const AUTH_TS: &str = r#"export function check(req: any): boolean {
  if (req.headers["x-api-key"] === process.env.API_KEY) {
    return true;
  }
  try {
    JSON.parse(req.body);
  } catch (e) {}
  return false;
}
"#;

const JOBS_PY: &str = r#"import requests


def fetch(url):
    return requests.get(url)


def load():
    try:
        return open("state.json").read()
    except Exception:
        pass
"#;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/auth.ts", AUTH_TS);
    write(dir.path(), "app/jobs.py", JOBS_PY);
    dir
}

fn write(root: &Path, rel: &str, contents: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

fn shipready(dir: &Path, date: &str) -> Command {
    let mut command = Command::cargo_bin("shipready").unwrap();
    command.current_dir(dir).env("SHIPREADY_DATE", date).arg("--quiet");
    command
}

fn scan_json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let output =
        shipready(dir, "2026-12-01").args(["scan", ".", "--isolated", "--format", "json"]).args(args).output().unwrap();
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&output.stderr)));
    (json, output.status.code().unwrap())
}

fn states(json: &Value) -> Vec<(String, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["baseline_state"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn fingerprints_survive_moves_reformatting_and_lines_added_above() {
    let dir = project();
    let root = dir.path();
    shipready(root, "2026-12-01").args(["baseline", ".", "--isolated"]).assert().success();
    let baseline: Value =
        serde_json::from_str(&fs::read_to_string(root.join(".shipready/baseline.json")).unwrap()).unwrap();
    let recorded = baseline["findings"].as_array().unwrap().len();
    assert_eq!(recorded, 7, "{baseline:#}");

    // Lines added above, the flagged code reformatted, and functions moved around.
    let ts = format!(
        "// Authentication helpers.\nimport {{ log }} from \"./log\";\n\n{}",
        AUTH_TS.replace("] === process", "]===process").replace("} catch (e) {}", "}   catch (e)   {  }")
    );
    write(root, "src/auth.ts", &ts);
    let py = "\"\"\"Background jobs.\"\"\"\nimport requests\n\n\ndef load():\n    try:\n        return open(\"state.json\").read()\n    except   Exception:\n        pass\n\n\ndef fetch(url):\n    return requests.get( url )\n";
    write(root, "app/jobs.py", py);

    let (json, code) = scan_json(root, &["--baseline", ".shipready/baseline.json", "--fail-on-new"]);
    let states = states(&json);
    assert_eq!(states.len(), recorded);
    assert!(states.iter().all(|(_, state)| state == "unchanged"), "{states:?}");
    assert_eq!(json["baseline"]["new"], 0);
    assert_eq!(json["baseline"]["fixed"].as_array().unwrap().len(), 0);
    assert_eq!(code, 0, "known findings do not fail a --fail-on-new run");
    // Without --fail-on-new the same known findings fail at the default threshold.
    assert_eq!(scan_json(root, &["--baseline", ".shipready/baseline.json"]).1, 1);

    // A real change: one more swallowed error is new, and a fixed comparison is listed as fixed.
    let ts = ts
        .replace("]===process.env.API_KEY", "].length > 0")
        .replace("  return false;\n", "  try {\n    JSON.parse(req.query);\n  } catch (err) {}\n  return false;\n");
    write(root, "src/auth.ts", &ts);
    let (json, code) = scan_json(root, &["--baseline", ".shipready/baseline.json", "--fail-on-new"]);
    let new: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["baseline_state"] == "new")
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(new, ["empty-catch"]);
    let fixed: Vec<&str> =
        json["baseline"]["fixed"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(fixed, ["timing-unsafe-compare"]);
    assert_eq!(code, 1, "a new high finding fails a --fail-on-new run");
}

#[test]
fn fail_on_new_without_a_baseline_is_a_usage_error() {
    let dir = project();
    let output = shipready(dir.path(), "2026-12-01").args(["scan", ".", "--fail-on-new"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("shipready baseline"));
}

#[test]
fn sarif_carries_the_baseline_state_and_stays_valid() {
    let dir = project();
    let root = dir.path();
    shipready(root, "2026-12-01").args(["baseline", ".", "--isolated"]).assert().success();
    write(root, "src/more.ts", "export function f() {\n  try {\n    g();\n  } catch (e) {}\n}\n");
    let output = shipready(root, "2026-12-01")
        .args(["scan", ".", "--isolated", "--format", "sarif", "--baseline", ".shipready/baseline.json"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let schema: Value = serde_json::from_str(include_str!("data/sarif-2.1.0.json")).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let new: Vec<&Value> = results.iter().filter(|r| r["baselineState"] == "new").collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "src/more.ts");
    assert_eq!(results.iter().filter(|r| r["baselineState"] == "unchanged").count(), 7);
}

/// The text outside the generated blocks.
fn hand_written(text: &str) -> String {
    let mut kept = String::new();
    let mut inside = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("<!-- shipready:end ") {
            inside = false;
        }
        if !inside {
            kept.push_str(line);
        }
        if line.starts_with("<!-- shipready:begin ") {
            inside = true;
        }
    }
    kept
}

#[test]
fn report_update_keeps_hand_written_content_byte_for_byte() {
    let dir = project();
    let root = dir.path();
    let checklist = root.join("READINESS.md");
    shipready(root, "2026-12-01").args(["baseline", ".", "--isolated"]).assert().success();
    shipready(root, "2026-12-01").args(["report", ".", "--isolated", "--update"]).assert().success();
    let generated = fs::read_to_string(&checklist).unwrap();
    assert!(generated.contains("- [ ] `src/auth.ts:2` — `x-api-key` is compared with `===`"), "{generated}");

    // A person edits the checklist: a preface, a note between blocks, a sign-off, an item of
    // their own, trailing spaces and no final newline.
    let edited = generated
        .replacen("# Production Readiness Checklist\n", "# Launch review — payments API\n\nOwner: @ana  \n", 1)
        .replace("<!-- shipready:begin findings -->", "> Note: the gateway team owns the Go code.\n\n<!-- shipready:begin findings -->")
        .replace(
            "- [ ] `rollback-tested` A deploy can be rolled back, and the rollback was rehearsed — owner: · date: · evidence: · expires:",
            "- [x] `rollback-tested` Rolled back on staging — owner: @ana · date: 2026-11-28 · evidence: docs/rollback.md",
        )
        .replace("## Notes\n", "- [ ] `pci-scope-reviewed` (critical, security) PCI scope reviewed\n\n## Notes\n\nAsk ops about failover.   ");
    fs::write(&checklist, &edited).unwrap();

    // Fix one problem, then update twice.
    write(root, "src/auth.ts", &AUTH_TS.replace("] === process.env.API_KEY", "].length > 0"));
    shipready(root, "2026-12-03").args(["report", ".", "--isolated", "--update"]).assert().success();
    let first = fs::read_to_string(&checklist).unwrap();
    shipready(root, "2026-12-03").args(["report", ".", "--isolated", "--update"]).assert().success();
    let updated = fs::read_to_string(&checklist).unwrap();
    assert!(first == updated, "a second run on the same day and code changes nothing:\n{first}\n---\n{updated}");
    assert_eq!(hand_written(&updated), hand_written(&edited), "everything outside the blocks is kept");
    assert!(updated.ends_with("Ask ops about failover.   "));

    // The fix is ticked with the day it was first seen; manual items stay as the person left them.
    assert!(updated.contains("- [x] `src/auth.ts:2` — `x-api-key` is compared with `===`"), "{updated}");
    assert!(updated.contains("fixed 2026-12-03"));
    assert!(updated.contains("`rollback-tested` now passes (signed off)"));
    assert!(updated.contains("sign off the critical manual item `pci-scope-reviewed`"));
    // A later run keeps the first-seen date.
    shipready(root, "2026-12-09").args(["report", ".", "--isolated", "--update"]).assert().success();
    let later = fs::read_to_string(&checklist).unwrap();
    assert!(later.contains("fixed 2026-12-03") && !later.contains("fixed 2026-12-09"));
    assert_eq!(hand_written(&later), hand_written(&edited));
    let history = fs::read_to_string(root.join(".shipready/history.jsonl")).unwrap();
    assert_eq!(history.lines().count(), 4);
    assert!(later.contains("- **2026-12-09** —") && later.contains("- **2026-12-03** —"));
}

#[test]
fn broken_markers_leave_the_checklist_alone() {
    let dir = project();
    let root = dir.path();
    let text = "# Ours\n<!-- shipready:begin summary -->\nno end marker\n";
    write(root, "READINESS.md", text);
    let output = shipready(root, "2026-12-01").args(["report", ".", "--isolated", "--update"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("has no matching `shipready:end summary`"));
    assert_eq!(fs::read_to_string(root.join("READINESS.md")).unwrap(), text);
    assert!(!root.join(".shipready/history.jsonl").exists(), "a failed report records nothing");
}

#[test]
fn a_killed_update_leaves_the_old_checklist_or_the_new_one_never_half() {
    let dir = project();
    let root = dir.path();
    // A checklist large enough that writing it takes a while.
    let notes = "- a note to keep exactly as written\n".repeat(20_000);
    let original = format!("# Ours\n\n{notes}");
    write(root, "READINESS.md", &original);
    shipready(root, "2026-12-01").args(["report", ".", "--isolated", "--update", "--no-history"]).assert().success();
    let complete = fs::read_to_string(root.join("READINESS.md")).unwrap();
    write(root, "READINESS.md", &original);

    let binary = assert_cmd::cargo::cargo_bin("shipready");
    for attempt in 0..20u64 {
        let mut child = std::process::Command::new(&binary)
            .current_dir(root)
            .env("SHIPREADY_DATE", "2026-12-01")
            .args(["--quiet", "report", ".", "--isolated", "--update", "--no-history"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(attempt * 3));
        let _ = child.kill();
        let _ = child.wait();
        let now = fs::read_to_string(root.join("READINESS.md")).unwrap();
        assert!(now == original || now == complete, "attempt {attempt}: a partial checklist ({} bytes)", now.len());
        write(root, "READINESS.md", &original);
    }
}

#[test]
fn report_json_explains_what_moved_and_what_is_needed() {
    let dir = project();
    let root = dir.path();
    shipready(root, "2026-12-01").args(["baseline", ".", "--isolated"]).assert().success();
    write(root, "src/auth.ts", &AUTH_TS.replace("] === process.env.API_KEY", "].length > 0"));
    let output = shipready(root, "2026-12-02")
        .args(["report", ".", "--isolated", "--format", "json", "--no-history"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["schema"], "shipready-readiness/1");
    assert_eq!(json["ready"], false, "no-tests is critical");
    let security = json["explain"].as_array().unwrap().iter().find(|a| a["area"] == "security").unwrap();
    assert_eq!(security["moved"], serde_json::json!(["timing-unsafe-compare"]));
    assert!(security["needed"].as_array().unwrap().iter().any(|id| id == "security-review-done"));
    let area = json["areas"].as_array().unwrap().iter().find(|a| a["area"] == "security").unwrap();
    assert!(area["score"].as_u64() > area["baseline_score"].as_u64());
    assert_eq!(json["fixed"][0]["finding"]["rule"], "timing-unsafe-compare");
    assert_eq!(json["fixed"][0]["fixed_on"], "2026-12-02");
    assert!(!root.join(".shipready/history.jsonl").exists(), "--no-history");
}

#[test]
fn html_reports_come_from_scan_and_report_and_update_stays_markdown() {
    let dir = project();
    let root = dir.path();
    let output = shipready(root, "2026-12-01").args(["scan", ".", "--isolated", "--format", "html"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "the scan still gates");
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"), "{}", &page[..40]);
    assert!(page.contains("src/auth.ts") && page.contains("timing-unsafe-compare"));

    shipready(root, "2026-12-01")
        .args(["report", ".", "--isolated", "--format", "html", "-o", "readiness.html"])
        .assert()
        .success();
    let written = fs::read_to_string(root.join("readiness.html")).unwrap();
    assert!(written.contains("Security") && written.contains("NOT READY"));

    let output = shipready(root, "2026-12-01")
        .args(["report", ".", "--isolated", "--format", "html", "--update"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--output"));
}

#[test]
fn broken_tracking_files_are_clear_errors_or_skipped_lines() {
    let dir = project();
    let root = dir.path();
    write(root, ".shipready/baseline.json", "{\"schema\": \"shipready-baseline/1\", \"findings\": [");
    let output = shipready(root, "2026-12-01").args(["report", ".", "--isolated"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not a shipready baseline") && stderr.contains("shipready baseline"), "{stderr}");

    // A torn history line is skipped with a note; the report goes on.
    fs::remove_file(root.join(".shipready/baseline.json")).unwrap();
    write(root, ".shipready/history.jsonl", "{\"date\": \"2026-11-3");
    let output = Command::cargo_bin("shipready")
        .unwrap()
        .current_dir(root)
        .env("SHIPREADY_DATE", "2026-12-01")
        .args(["report", ".", "--isolated", "--no-history"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("skipped 1 unreadable line"));

    // A checklist that is not UTF-8 is never overwritten.
    fs::write(root.join("READINESS.md"), b"# Ours\n\xff\xfe\n").unwrap();
    let output = shipready(root, "2026-12-01").args(["report", ".", "--isolated", "--update"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(fs::read(root.join("READINESS.md")).unwrap(), b"# Ours\n\xff\xfe\n");
}
