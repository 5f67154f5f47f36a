//! `shipready probe` end to end: bad input, exit codes, formats, and probe results merged into
//! scan, report and baseline. The services are small HTTP/1.1 servers on loopback, started and
//! stopped by each test, that count the requests they receive.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn shipready() -> Command {
    let mut command = Command::cargo_bin("shipready").unwrap();
    command.env_remove("NO_COLOR").env("SHIPREADY_DATE", "2026-12-05");
    command
}

/// A service on a free loopback port that answers every request with `answer(path)` and counts
/// them; stopped when dropped.
struct Service {
    url: String,
    requests: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    port: u16,
}

type Answer = fn(&str) -> (u16, &'static str, &'static str);

impl Service {
    fn start(answer: Answer) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (count, halt) = (Arc::clone(&requests), Arc::clone(&stop));
        thread::spawn(move || {
            for stream in listener.incoming() {
                if halt.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let count = Arc::clone(&count);
                thread::spawn(move || serve(stream, answer, &count));
            }
        });
        Self { url: format!("http://127.0.0.1:{port}"), requests, stop, port }
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Answers requests on one connection until it closes; bodies are not expected (no test here
/// allows them).
fn serve(stream: TcpStream, answer: Answer, count: &AtomicUsize) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    // A TLS handshake on this plain port is answered at once, as HTTP servers do with what
    // does not parse.
    if reader.fill_buf().is_ok_and(|bytes| bytes.first() == Some(&0x16)) {
        let _ = writer.write_all(b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
        return;
    }
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        count.fetch_add(1, Ordering::SeqCst);
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
        }
        let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let (status, content_type, body) = answer(&path);
        let reply = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if writer.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

/// Healthy, but bare: no security headers, and `/docs` is public.
fn bare(path: &str) -> (u16, &'static str, &'static str) {
    match path {
        "/healthz" => (200, "application/json", r#"{"ok":true}"#),
        "/docs" => (200, "text/html", "<html><title>Swagger UI</title><div id=\"swagger-ui\"></div></html>"),
        "/" => (200, "application/json", "{}"),
        _ => (404, "application/json", r#"{"detail":"Not Found"}"#),
    }
}

/// Runs `shipready probe URL ARGS --format json` and returns the document and the exit code.
fn probe_json(url: &str, args: &[&str]) -> (Value, i32) {
    let output = shipready().args(["probe", url, "--format", "json", "--quiet"]).args(args).output().unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (json, output.status.code().unwrap())
}

fn status_of<'a>(json: &'a Value, id: &str) -> &'a str {
    json["probe"]["checks"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["status"].as_str().unwrap()
}

const SELECTED: &str = "probe-health,probe-security-headers,probe-public-docs";

#[test]
fn a_url_without_a_scheme_is_a_usage_error_with_the_likely_url() {
    shipready()
        .args(["probe", "localhost:8000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`localhost:8000` has no scheme"))
        .stderr(predicate::str::contains("Hint: did you mean `http://localhost:8000`?"));
    shipready()
        .args(["probe", "ftp://example.com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("shipready probes http and https services"));
}

#[test]
fn a_service_that_is_not_there_is_a_clear_error() {
    // A port that was free a moment ago.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    shipready()
        .args(["probe", &format!("http://127.0.0.1:{port}"), "--timeout", "2"])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("cannot reach http://127.0.0.1:{port}/")))
        .stderr(predicate::str::contains("Hint: is the service running"));
}

#[test]
fn an_openapi_url_elsewhere_is_refused_before_anything_is_sent() {
    let service = Service::start(bare);
    shipready()
        .args(["probe", &service.url, "--openapi", "https://docs.example.com/openapi.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not on the service's origin"))
        .stderr(predicate::str::contains("Hint: download the document and give it as a file"));
    assert_eq!(service.requests(), 0);

    // On the service's origin, a URL that brings no document is an error too.
    shipready()
        .args(["probe", &service.url, "--openapi", &format!("{}/nothing.json", service.url)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the OpenAPI document"))
        .stderr(predicate::str::contains("404"));
}

#[test]
fn https_to_a_plain_http_port_suggests_http() {
    let service = Service::start(bare);
    let https = service.url.replacen("http://", "https://", 1);
    shipready()
        .args(["probe", &https, "--timeout", "2"])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("TLS failed"))
        .stderr(predicate::str::contains(format!("Hint: the port seems to speak plain HTTP: try `{}`", service.url)));
}

#[test]
fn selectors_name_live_checks_and_code_checks_are_pointed_to_their_command() {
    shipready()
        .args(["probe", "http://127.0.0.1:9", "--select", "empty-catch"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`empty-catch` checks code: `shipready scan --select empty-catch` runs it"));
    shipready()
        .args(["probe", "http://127.0.0.1:9", "--select", "probe-cros"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `probe-cors`?"));
    let dir = tempfile::tempdir().unwrap();
    shipready()
        .args(["scan", dir.path().to_str().unwrap(), "--select", "probe-cors"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`probe-cors` is a live check, not a check of code"));
    shipready()
        .args(["probe", "http://127.0.0.1:9", "--select", "observability", "--ignore", "observability"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("leave no live check to run"));
}

#[test]
fn rules_and_explain_know_the_live_checks() {
    shipready()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^probe-cors\s+security\s+high\s+live\s+").unwrap())
        .stdout(predicate::str::contains("and 10 of a running service"));
    shipready()
        .args(["explain", "probe-slow-client"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Languages: live (shipready probe)"))
        .stdout(predicate::str::contains("## What it does"));
    let listed: Value =
        serde_json::from_slice(&shipready().args(["rules", "--format", "json"]).output().unwrap().stdout).unwrap();
    let live = listed.as_array().unwrap().iter().filter(|rule| rule["languages"][0] == "live").count();
    assert_eq!(live, 10);
}

#[test]
fn findings_exit_codes_and_the_request_count_agree_with_the_server() {
    let service = Service::start(bare);
    let (json, code) = probe_json(&service.url, &["--select", SELECTED]);
    assert_eq!(code, 0, "medium and low findings do not fail at the default `high`: {json:#}");
    assert_eq!(json["probe"]["requests_sent"].as_u64().unwrap() as usize, service.requests());
    assert_eq!(status_of(&json, "probe-health"), "passed");
    assert_eq!(status_of(&json, "probe-security-headers"), "failed");
    assert_eq!(status_of(&json, "probe-public-docs"), "failed");
    let docs = json["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "probe-public-docs").unwrap();
    assert_eq!(docs["endpoint"]["url"], format!("{}/docs", service.url));
    assert_eq!(docs["endpoint"]["method"], "GET");
    assert!(docs["snippet"].as_str().unwrap().contains("> GET /docs HTTP/1.1"), "{docs:#}");

    let (_, code) = probe_json(&service.url, &["--select", SELECTED, "--fail-on", "medium"]);
    assert_eq!(code, 1);
}

#[test]
fn the_request_budget_holds_from_the_command_line() {
    let service = Service::start(bare);
    let (json, _) = probe_json(&service.url, &["--max-requests", "5", "--slow-client-seconds", "1"]);
    assert!(service.requests() <= 5, "the server saw {} requests", service.requests());
    assert_eq!(json["probe"]["requests_sent"].as_u64().unwrap() as usize, service.requests());
    assert_eq!(json["probe"]["max_requests"], 5);

    // A budget of nothing is a mistake, not a run that checks nothing.
    let refused = shipready().args(["probe", &service.url, "--max-requests", "0"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(stderr.contains("not a positive whole number"), "{stderr}");
    assert!(service.requests() <= 5, "a refused run sent requests");
}

#[test]
fn the_terminal_summary_states_the_requests_sent() {
    let service = Service::start(bare);
    shipready()
        .args(["probe", &service.url, "--select", SELECTED, "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("--> GET {}/docs", service.url)))
        .stdout(predicate::str::contains("Live checks of"))
        .stdout(predicate::str::is_match(r"requests? to http://127\.0\.0\.1:\d+/ in \d+\.\d s \(budget 500\)").unwrap())
        .stderr(predicate::str::contains("shipready: probing"));
}

#[test]
fn fingerprints_leave_the_host_out_so_baselines_follow_a_service_across_ports() {
    let one = Service::start(bare);
    let two = Service::start(bare);
    let fingerprints = |url: &str| -> Vec<String> {
        let (json, _) = probe_json(url, &["--select", SELECTED]);
        json["findings"].as_array().unwrap().iter().map(|f| f["fingerprint"].as_str().unwrap().to_string()).collect()
    };
    let first = fingerprints(&one.url);
    assert!(!first.is_empty());
    assert_eq!(first, fingerprints(&two.url));
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// An Express service whose code declares `/healthz` and sets no security headers.
fn express_project(root: &Path) {
    write(root, "package.json", r#"{ "name": "svc", "dependencies": { "express": "^4.19.0" } }"#);
    write(
        root,
        "src/server.js",
        "const express = require('express');\nconst app = express();\napp.get('/healthz', (req, res) => res.json({ ok: true }));\napp.listen(3000);\n",
    );
}

#[test]
fn probe_results_join_the_scan_the_score_and_the_baseline() {
    let service = Service::start(bare);
    let project = tempfile::tempdir().unwrap();
    express_project(project.path());
    let results = project.path().join("probe.json");
    shipready()
        .args(["probe", &service.url, "--select", SELECTED, "--format", "json", "--quiet", "-o"])
        .arg(&results)
        .assert()
        .success();
    let root = project.path().to_str().unwrap();

    // The readiness report: live checks weighed, and the code's verdicts beside them.
    let output = shipready()
        .args(["report", root, "--format", "json", "--no-history", "--probe-results"])
        .arg(&results)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let readiness: Value = serde_json::from_slice(&output.stdout).unwrap();
    let checks: Vec<&str> = readiness["checks"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert!(checks.contains(&"probe-health") && checks.contains(&"probe-public-docs"), "{checks:?}");
    let links = readiness["live"]["links"].as_array().unwrap();
    let verdict = |scan: &str| links.iter().find(|l| l["scan_check"] == scan).map(|l| l["verdict"].as_str().unwrap());
    assert_eq!(verdict("no-health-endpoint"), Some("agree"));
    assert_eq!(verdict("no-security-headers"), Some("confirmed"));
    assert_eq!(verdict("cors-permissive"), None, "probe-cors was not selected");

    // The scan lists live findings with their requests.
    let output =
        shipready().args(["scan", root, "--format", "json", "--probe-results"]).arg(&results).output().unwrap();
    let scan: Value = serde_json::from_slice(&output.stdout).unwrap();
    let live: Vec<&Value> =
        scan["findings"].as_array().unwrap().iter().filter(|f| f.get("endpoint").is_some()).collect();
    assert!(live.iter().any(|f| f["rule"] == "probe-public-docs"), "{scan:#}");
    assert!(scan["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "no-security-headers"));

    // A baseline records the live findings; the next run knows them all.
    shipready().args(["baseline", root, "--probe-results"]).arg(&results).assert().success();
    let baseline: Value =
        serde_json::from_str(&fs::read_to_string(project.path().join(".shipready/baseline.json")).unwrap()).unwrap();
    assert!(baseline["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "probe-public-docs"));
    let output = shipready()
        .args(["scan", root, "--format", "json", "--fail-on-new", "--probe-results"])
        .arg(&results)
        .output()
        .unwrap();
    let compared: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(compared["baseline"]["new"], 0, "{compared:#}");
    assert_eq!(output.status.code(), Some(0));

    // A later run in which a live check could not run says nothing of its baseline findings,
    // and neither does a scan without live results.
    let mut later: Value = serde_json::from_str(&fs::read_to_string(&results).unwrap()).unwrap();
    later["findings"].as_array_mut().unwrap().retain(|f| f["rule"] != "probe-public-docs");
    let docs = later["probe"]["checks"].as_array_mut().unwrap().iter_mut().find(|c| c["id"] == "probe-public-docs");
    docs.unwrap()["status"] = Value::from("not-run");
    fs::write(&results, later.to_string()).unwrap();
    let fixed_rules = |extra: &[&str]| -> Vec<String> {
        let output =
            shipready().args(["scan", root, "--format", "json", "--fail-on-new"]).args(extra).output().unwrap();
        let compared: Value = serde_json::from_slice(&output.stdout).unwrap();
        let fixed = compared["baseline"]["fixed"].as_array().unwrap();
        fixed.iter().map(|f| f["rule"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(fixed_rules(&["--probe-results", results.to_str().unwrap()]), Vec::<String>::new());
    assert_eq!(fixed_rules(&[]), Vec::<String>::new());

    // Once it passes, its finding is fixed.
    later["probe"]["checks"].as_array_mut().unwrap().iter_mut().find(|c| c["id"] == "probe-public-docs").unwrap()["status"] =
        Value::from("passed");
    fs::write(&results, later.to_string()).unwrap();
    assert_eq!(fixed_rules(&["--probe-results", results.to_str().unwrap()]), vec!["probe-public-docs".to_owned()]);
}

#[test]
fn a_scan_report_passed_as_probe_results_is_refused() {
    let project = tempfile::tempdir().unwrap();
    express_project(project.path());
    let root = project.path().to_str().unwrap();
    let scan = project.path().join("scan.json");
    shipready().args(["scan", root, "--format", "json", "-o"]).arg(&scan).assert().code(predicate::in_iter([0, 1]));
    shipready()
        .args(["report", root, "--no-history", "--probe-results"])
        .arg(&scan)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not the JSON report of `shipready probe`"))
        .stderr(predicate::str::contains("Hint: write it with `shipready probe URL --format json -o FILE`"));
    shipready()
        .args(["report", root, "--no-history", "--probe-results", "missing.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the probe results `missing.json`"));
}

#[test]
fn probe_sarif_is_valid_sarif_2_1_0_with_web_requests() {
    // The SARIF 2.1.0 schema (OASIS), as the scan's SARIF test uses it.
    let schema: Value = serde_json::from_str(include_str!("data/sarif-2.1.0.json")).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let service = Service::start(bare);
    let output = shipready()
        .args(["probe", &service.url, "--select", SELECTED, "--format", "sarif", "--quiet"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        assert_eq!(result["webRequest"]["method"], "GET");
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with(&service.url), "{uri}");
    }
}
