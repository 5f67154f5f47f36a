//! `shipready probe` against the demo services in `examples/`, started for real by
//! `support/demo.rs`: every live check's verdict on each service, checked against what the
//! service's source makes true, and the probe's results merged into `shipready report`.
//! Skipped without `scripts/demo-deps.sh`'s install, unless `SHIPREADY_REQUIRE_DEMOS=1`.
//!
//! Each run is bounded (`--max-seconds`, `--timeout`, `--slow-client-seconds 3`), and each
//! service is stopped when its test ends, failed or not.

mod support;

use std::fs;
use std::process::Command as StdCommand;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use support::demo::{self, DemoService};

/// The key both demos are started with.
const API_KEY: &str = "demo-probe-key";
/// The rate-limit check's burst, by default.
const BURST: u64 = 100;
/// How long one `shipready` run may take before the test gives up on it: the run's own
/// `--max-seconds` plus room for the binary to start and report.
const RUN_TIMEOUT: Duration = Duration::from_secs(90);

fn shipready() -> Command {
    let mut command = Command::cargo_bin("shipready").unwrap();
    command
        .current_dir(demo::workspace_root())
        .env_remove("NO_COLOR")
        .env("SHIPREADY_DATE", "2026-12-05")
        .timeout(RUN_TIMEOUT);
    command
}

/// The bounds every probe of these tests runs within.
const BOUNDS: [&str; 8] =
    ["--max-seconds", "40", "--timeout", "5", "--slow-client-seconds", "3", "--max-requests", "500"];

/// `-H "X-API-Key: …"` with the key the demos were started with.
fn key_header() -> [String; 2] {
    ["-H".to_string(), format!("X-API-Key: {API_KEY}")]
}

/// One finished `shipready probe --format json` run.
struct Probe {
    json: Value,
    code: i32,
    /// The service's log, for failure messages.
    log: String,
    stderr: String,
}

impl Probe {
    /// Probes `service` within [`BOUNDS`], with `args` added.
    fn run(service: &DemoService, args: &[String]) -> Self {
        let output = shipready()
            .arg("probe")
            .arg(&service.base_url)
            .args(["--format", "json"])
            .args(BOUNDS)
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
            panic!(
                "not JSON ({error}): {}\n--- stderr:\n{stderr}\n--- {} log:\n{}",
                String::from_utf8_lossy(&output.stdout),
                service.name,
                service.log()
            )
        });
        let code = output.status.code().unwrap_or_else(|| panic!("shipready was killed: {stderr}"));
        Self { json, code, log: service.log(), stderr }
    }

    /// Everything known about the run, for failure messages.
    fn context(&self) -> String {
        format!(
            "exit {}; checks:\n{}\n--- findings:\n{}\n--- stderr:\n{}\n--- service log:\n{}",
            self.code,
            self.statuses()
                .iter()
                .map(|(id, status, detail)| format!("  {id}: {status} ({detail})"))
                .collect::<Vec<_>>()
                .join("\n"),
            self.json["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| format!("  {} {} {} {}", f["rule"], f["severity"], f["path"], f["message"]))
                .collect::<Vec<_>>()
                .join("\n"),
            self.stderr,
            self.log
        )
    }

    /// `(id, status, detail)` of every check, in catalog order.
    fn statuses(&self) -> Vec<(&str, &str, &str)> {
        self.json["probe"]["checks"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|check| {
                (
                    check["id"].as_str().unwrap_or("?"),
                    check["status"].as_str().unwrap_or("?"),
                    check["detail"].as_str().unwrap_or("?"),
                )
            })
            .collect()
    }

    /// The check `id`'s entry of `probe.checks`.
    fn check(&self, id: &str) -> &Value {
        self.json["probe"]["checks"]
            .as_array()
            .and_then(|checks| checks.iter().find(|check| check["id"] == id))
            .unwrap_or_else(|| panic!("no check {id} in the run; {}", self.context()))
    }

    fn status(&self, id: &str) -> &str {
        self.check(id)["status"].as_str().unwrap()
    }

    fn detail(&self, id: &str) -> &str {
        self.check(id)["detail"].as_str().unwrap()
    }

    /// Asserts the check's status and that its detail contains each of `parts`.
    fn assert_check(&self, id: &str, status: &str, parts: &[&str]) {
        assert_eq!(self.status(id), status, "{id}; {}", self.context());
        let detail = self.detail(id);
        for part in parts {
            assert!(detail.contains(part), "{id}: {detail:?} does not contain {part:?}; {}", self.context());
        }
    }

    /// The findings of check `rule`.
    fn findings(&self, rule: &str) -> Vec<&Value> {
        self.json["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == rule).collect()
    }

    /// The one finding of check `rule`.
    fn finding(&self, rule: &str) -> &Value {
        let findings = self.findings(rule);
        assert_eq!(findings.len(), 1, "{rule} should have exactly one finding; {}", self.context());
        findings[0]
    }

    /// `(severity, path, message)` of every finding of check `rule`.
    fn finding_lines(&self, rule: &str) -> Vec<(String, String, String)> {
        self.findings(rule)
            .iter()
            .map(|f| {
                (
                    f["severity"].as_str().unwrap().to_string(),
                    f["path"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    /// Asserts the status of every check at once, so that a failure shows the whole table.
    fn assert_statuses(&self, expected: &[(&str, &str)]) {
        let actual: Vec<(&str, &str)> = self.statuses().iter().map(|(id, status, _)| (*id, *status)).collect();
        let wanted: Vec<(&str, &str)> = expected.to_vec();
        assert_eq!(actual, wanted, "{}", self.context());
    }

    /// The request count stays within the budget, and covers what the checks say they sent.
    fn assert_within_budget(&self) {
        let probe = &self.json["probe"];
        let sent = probe["requests_sent"].as_u64().unwrap();
        let max = probe["max_requests"].as_u64().unwrap();
        assert_eq!(max, 500, "{}", self.context());
        assert!(sent > 0 && sent <= max, "requests_sent {sent}, max_requests {max}; {}", self.context());
        let by_checks: u64 = probe["checks"].as_array().unwrap().iter().map(|c| c["requests"].as_u64().unwrap()).sum();
        assert!(by_checks <= sent, "the checks count {by_checks} requests, the run {sent}; {}", self.context());
        assert!(probe["elapsed_ms"].as_u64().unwrap() <= 40_000 + 2_000, "{}", self.context());
        assert_eq!(probe["max_seconds"], 40, "{}", self.context());
    }
}

/// The arguments of a full probe of the Python demo: credentials, the body probes, and
/// `/api/events/` as the path that must refuse anonymous requests.
fn python_args(with_key: bool) -> Vec<String> {
    let mut args = if with_key { key_header().to_vec() } else { Vec::new() };
    args.extend(["--allow-bodies", "--private", "/api/events/"].map(String::from));
    args
}

/// What every probe of the Python demo finds, with or without credentials: the checks that the
/// API-key middleware does not change.
/// `page` is where the security headers are judged: the first page the service serves (2xx).
fn assert_python_basics(run: &Probe, base_url: &str, page: &str) {
    assert_eq!(run.json["root"], format!("{base_url}/"), "{}", run.context());
    assert_eq!(run.json["probe"]["openapi"], format!("{base_url}/openapi.json"), "{}", run.context());
    // GET /healthz, GET and POST /api/events/, POST /api/messages/.
    assert_eq!(run.json["probe"]["routes"], 4, "{}", run.context());

    // /healthz is a route of its own, exempt from the API key.
    run.assert_check("probe-health", "passed", &["/healthz answered 200"]);
    assert!(run.findings("probe-health").is_empty(), "{}", run.context());

    // Nothing sets security headers; uvicorn's `server: uvicorn` names no version. The base
    // URL answers 404, so the headers are judged on a page the service serves.
    run.assert_check("probe-security-headers", "failed", &[]);
    let mut headers: Vec<String> = run
        .finding_lines("probe-security-headers")
        .into_iter()
        .map(|(severity, path, message)| {
            assert_eq!((severity.as_str(), path.as_str()), ("medium", page), "{}", run.context());
            message
        })
        .collect();
    headers.sort();
    assert_eq!(
        headers,
        [
            "no `Content-Security-Policy`",
            "no `Referrer-Policy`: URLs, tokens in them included, leak to other sites",
            "no `X-Content-Type-Options: nosniff`: browsers may sniff responses into HTML or script",
            "no frame protection (`X-Frame-Options` or CSP `frame-ancestors`): any site can frame the pages",
        ],
        "{}",
        run.context()
    );

    // No limiter anywhere: the whole burst goes to the first documented plain GET route.
    run.assert_check(
        "probe-rate-limit",
        "failed",
        &[&format!("{BURST} requests to GET /api/events/"), "met no rate limit"],
    );
    assert_eq!(run.check("probe-rate-limit")["requests"], BURST, "{}", run.context());
    let rate = run.finding("probe-rate-limit");
    assert_eq!((&rate["severity"], &rate["path"]), (&Value::from("high"), &Value::from("/api/events/")));

    // The middleware refuses /api/events/ without the key, whatever the probe's own headers.
    run.assert_check("probe-auth-required", "passed", &["the private path refuses requests without credentials"]);
    assert_eq!(run.check("probe-auth-required")["requests"], 1, "{}", run.context());
    assert!(run.findings("probe-auth-required").is_empty(), "{}", run.context());

    // uvicorn has no request-head timeout: a client dripping header lines keeps its connection.
    run.assert_check("probe-slow-client", "failed", &["still connected after 3 s"]);

    // A finding at `high` (the burst) fails the run.
    assert_eq!(run.code, 1, "{}", run.context());
    run.assert_within_budget();
}

#[test]
fn python_demo_with_the_api_key() {
    let Some(service) = demo::start_python_with(&[("API_KEY", API_KEY)]) else { return };
    let run = Probe::run(&service, &python_args(true));
    assert_python_basics(&run, &service.base_url, "/api/events/");
    run.assert_statuses(&[
        ("probe-health", "passed"),
        ("probe-metrics", "failed"),
        ("probe-security-headers", "failed"),
        ("probe-cors", "passed"),
        ("probe-error-leak", "passed"),
        ("probe-body-limit", "failed"),
        ("probe-rate-limit", "failed"),
        ("probe-public-docs", "failed"),
        ("probe-auth-required", "passed"),
        ("probe-slow-client", "failed"),
    ]);

    // No metrics endpoint: with the key, every candidate path is a 404.
    run.assert_check("probe-metrics", "failed", &["/metrics (404)"]);

    // `allow_origins=["*"]` without credentials: a note, not a failure, on the first path.
    run.assert_check(
        "probe-cors",
        "passed",
        &["a foreign origin is not reflected on /, /api/events/", "allows any origin (`*`)"],
    );
    let cors = run.finding("probe-cors");
    assert_eq!(cors["severity"], "info", "{}", run.context());
    assert_eq!(cors["path"], "/", "{}", run.context());
    assert!(cors["snippet"].as_str().unwrap().contains("access-control-allow-origin: *"), "{}", run.context());

    // The truncated JSON goes to both documented POST routes; FastAPI answers 422 with
    // `json_invalid` and no trace. (The code's `exception-leak` in events.py sits on a failure
    // path that malformed input does not reach.)
    run.assert_check("probe-error-leak", "passed", &["2 malformed requests got clean answers"]);
    assert_eq!(run.check("probe-error-leak")["requests"], 2, "{}", run.context());
    assert!(run.findings("probe-error-leak").is_empty(), "{}", run.context());

    // Starlette reads the whole chunked body into memory before the handler fails to parse it.
    run.assert_check(
        "probe-body-limit",
        "failed",
        &["read a 32.0 MiB chunked body (no Content-Length) whole", "`HTTP/1.1 400 Bad Request`"],
    );
    let body = run.finding("probe-body-limit");
    assert_eq!((&body["severity"], &body["path"]), (&Value::from("medium"), &Value::from("/api/events/")));
    assert_eq!(body["endpoint"]["method"], "POST", "{}", run.context());

    // /docs and /openapi.json are exempt from the key; /redoc is not, and the check asks
    // without the `--header` credentials, as anyone would.
    run.assert_check("probe-public-docs", "failed", &["API documentation is public: /docs, /openapi.json"]);
    let docs = run.finding("probe-public-docs");
    assert_eq!(docs["severity"], "low", "{}", run.context());
    assert!(docs["message"].as_str().unwrap().contains("/openapi.json"), "{}", run.context());
}

#[test]
fn python_demo_without_the_api_key() {
    let Some(service) = demo::start_python_with(&[("API_KEY", API_KEY)]) else { return };
    let run = Probe::run(&service, &python_args(false));
    assert_python_basics(&run, &service.base_url, "/healthz");

    // Only the paths the middleware exempts answer without the key: /redoc is not one of them.
    run.assert_check("probe-public-docs", "failed", &[]);
    assert_eq!(
        run.finding("probe-public-docs")["message"],
        "API documentation is public: /docs, /openapi.json",
        "{}",
        run.context()
    );

    // The API-key middleware is outermost: its 401s never pass through CORSMiddleware, so no
    // answer carries `Access-Control-Allow-Origin`, not even the wildcard. The OPTIONS
    // preflights are refused too (4 requests: GET and OPTIONS on two paths).
    run.assert_check("probe-cors", "passed", &["a foreign origin is not reflected on /, /api/events/"]);
    assert!(!run.detail("probe-cors").contains('*'), "{}", run.context());
    assert_eq!(run.check("probe-cors")["requests"], 4, "{}", run.context());
    assert!(run.findings("probe-cors").is_empty(), "{}", run.context());

    // The middleware answers 401 before reading the body: that says nothing about a body
    // limit, and is neither a pass nor a finding.
    assert!(run.findings("probe-body-limit").is_empty(), "{}", run.context());
    run.assert_check("probe-body-limit", "not-run", &["asked for credentials (401)"]);
    // Nor do the 401s to malformed input say anything about error leaks.
    run.assert_check("probe-error-leak", "not-run", &["refused for credentials (401)"]);
}

#[test]
fn node_demo_with_the_api_key() {
    let Some(service) = demo::start_node_with(&[("API_KEY", API_KEY)]) else { return };
    // Without an OpenAPI document the checks only reach `/`, `/healthz` and the usual paths,
    // none behind requireApiKey: the key is sent as a user would, and changes nothing here.
    let mut args = key_header().to_vec();
    args.extend(["--allow-bodies", "--private", "/api/users/1"].map(String::from));
    let run = Probe::run(&service, &args);
    let base = &service.base_url;
    run.assert_statuses(&[
        ("probe-health", "passed"),
        ("probe-metrics", "failed"),
        ("probe-security-headers", "failed"),
        ("probe-cors", "passed"),
        ("probe-error-leak", "failed"),
        ("probe-body-limit", "passed"),
        ("probe-rate-limit", "failed"),
        ("probe-public-docs", "passed"),
        ("probe-auth-required", "passed"),
        ("probe-slow-client", "failed"),
    ]);
    // No OpenAPI document: the checks fall back to the base URL.
    assert_eq!(run.json["probe"]["openapi"], Value::Null, "{}", run.context());
    assert_eq!(run.json["probe"]["routes"], 0, "{}", run.context());

    run.assert_check("probe-health", "passed", &["/healthz answered 200"]);
    run.assert_check("probe-metrics", "failed", &["/metrics (404)"]);

    // The base URL is Express's 404 page (finalhandler), which sets `nosniff` and a CSP of its
    // own; the routes set nothing, so the headers are judged on /healthz, which the app
    // serves. Express announces itself.
    let lines = run.finding_lines("probe-security-headers");
    assert!(lines.iter().all(|(_, path, _)| path == "/healthz"), "{}", run.context());
    let mut headers: Vec<String> = lines.into_iter().map(|(_, _, message)| message).collect();
    headers.sort();
    assert_eq!(
        headers,
        [
            "`X-Powered-By: Express` names the stack",
            "no `Content-Security-Policy`",
            "no `Referrer-Policy`: URLs, tokens in them included, leak to other sites",
            "no `X-Content-Type-Options: nosniff`: browsers may sniff responses into HTML or script",
            "no frame protection (`X-Frame-Options` or CSP `frame-ancestors`): any site can frame the pages",
        ],
        "{}",
        run.context()
    );

    // cors({ origin: "*" }) answers every origin with the wildcard, without credentials.
    run.assert_check("probe-cors", "passed", &["a foreign origin is not reflected on /", "allows any origin (`*`)"]);
    assert_eq!(run.finding("probe-cors")["severity"], "info", "{}", run.context());

    // NODE_ENV is unset: Express's default error handler sends body-parser's SyntaxError with
    // its stack trace for the truncated JSON posted to the base URL.
    run.assert_check("probe-error-leak", "failed", &["malformed input gets a stack trace back (400)"]);
    let leak = run.finding("probe-error-leak");
    assert_eq!((&leak["severity"], &leak["path"]), (&Value::from("high"), &Value::from("/")));
    assert_eq!(leak["endpoint"]["method"], "POST", "{}", run.context());
    let snippet = leak["snippet"].as_str().unwrap();
    assert!(snippet.contains("SyntaxError: Unexpected end of JSON input"), "{snippet}");
    assert!(snippet.contains("node_modules/body-parser/"), "{snippet}");

    // express.json({ limit: "100kb" }) refuses the chunked body with 413. body-parser 1.x
    // drains the rest of the request (discarding it, not keeping it) before Express answers,
    // so the 413 arrives once the whole body is sent: the limit at work.
    run.assert_check("probe-body-limit", "passed", &["refused with 413 once the 32.0 MiB body was through"]);
    assert!(run.findings("probe-body-limit").is_empty(), "{}", run.context());

    // No limiter: the burst goes to the base URL, which answers 404 each time.
    run.assert_check("probe-rate-limit", "failed", &[&format!("{BURST} requests to GET / in"), "met no rate limit"]);
    assert_eq!(run.finding("probe-rate-limit")["severity"], "high", "{}", run.context());

    run.assert_check("probe-public-docs", "passed", &["no API documentation answers without credentials"]);
    // requireApiKey answers 401 without the key.
    run.assert_check("probe-auth-required", "passed", &["the private path refuses requests without credentials"]);
    // Node's headersTimeout is 60 s by default: far beyond the 3 s bound.
    run.assert_check("probe-slow-client", "failed", &["still connected after 3 s"]);

    assert!(run.json["root"].as_str().unwrap().starts_with(base.as_str()), "{}", run.context());
    assert_eq!(run.code, 1, "{}", run.context());
    run.assert_within_budget();
}

/// The stack trace of the test above is Express's development error page: in production the
/// same malformed body gets a bare 400.
#[test]
fn node_demo_in_production_sends_no_stack_trace() {
    let Some(service) = demo::start_node_with(&[("API_KEY", API_KEY), ("NODE_ENV", "production")]) else { return };
    let run =
        Probe::run(&service, &["--allow-bodies".to_string(), "--select".to_string(), "probe-error-leak".to_string()]);
    run.assert_statuses(&[("probe-error-leak", "passed")]);
    run.assert_check("probe-error-leak", "passed", &["the malformed request got a clean answer"]);
    assert!(run.json["findings"].as_array().unwrap().is_empty(), "{}", run.context());
    assert_eq!(run.code, 0, "{}", run.context());
    run.assert_within_budget();
}

/// `git status` of `examples/`, ignored files included: what a run must leave as it was.
fn examples_status() -> String {
    let output = StdCommand::new("git")
        .args(["status", "--porcelain", "--ignored", "--untracked-files=all", "--", "examples"])
        .current_dir(demo::workspace_root())
        .output()
        .expect("could not run git");
    assert!(output.status.success(), "git status: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn report_sets_the_python_probe_beside_its_scan() {
    let Some(service) = demo::start_python_with(&[("API_KEY", API_KEY)]) else { return };
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("probe.json");
    let before = examples_status();

    let output = shipready()
        .arg("probe")
        .arg(&service.base_url)
        .args(["--format", "json", "-o"])
        .arg(&results)
        .args(BOUNDS)
        .args(python_args(true))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}\n--- log:\n{}", service.log());
    assert!(output.stdout.is_empty(), "-o writes nothing to stdout");
    let probe: Value = serde_json::from_str(&fs::read_to_string(&results).unwrap()).unwrap();
    drop(service);

    let output = shipready()
        .args(["report", "examples/py-service", "--probe-results"])
        .arg(&results)
        .args(["--format", "json", "--no-history"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("not JSON ({error}): {}", String::from_utf8_lossy(&output.stdout)));
    assert_eq!(report["date"], "2026-12-05");

    let live = &report["live"];
    let base = probe["probe"]["url"].as_str().unwrap();
    assert_eq!(live["url"], base, "{live:#}");
    assert_eq!(live["requests_sent"], probe["probe"]["requests_sent"], "{live:#}");
    assert_eq!(live["max_requests"], 500, "{live:#}");
    let count = |status: &str| {
        probe["probe"]["checks"].as_array().unwrap().iter().filter(|check| check["status"] == status).count()
    };
    assert_eq!((live["passed"].as_u64(), live["failed"].as_u64()), (Some(4), Some(6)), "{live:#}");
    assert_eq!((count("passed"), count("failed"), count("not-run")), (4, 6, 0), "{probe:#}");
    assert_eq!(live["not_run"], 0, "{live:#}");

    let link = |scan: &str, live_check: &str| -> &Value {
        live["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|link| link["scan_check"] == scan && link["probe_check"] == live_check)
            .unwrap_or_else(|| panic!("no link {scan} ↔ {live_check}: {live:#}"))
    };
    let places = |link: &Value, side: &str| -> Vec<String> {
        link[side].as_array().unwrap().iter().map(|place| place.as_str().unwrap().to_string()).collect()
    };

    // `allow_origins=["*"]` in main.py, and the wildcard on the live service.
    let cors = link("cors-permissive", "probe-cors");
    assert_eq!(cors["verdict"], "confirmed", "{cors:#}");
    assert_eq!(places(cors, "code"), ["main.py:15"], "{cors:#}");
    assert_eq!(places(cors, "live"), [format!("GET {base}")], "{cors:#}");

    let rate = link("no-rate-limiting", "probe-rate-limit");
    assert_eq!(rate["verdict"], "confirmed", "{rate:#}");
    assert_eq!(places(rate, "live"), [format!("GET {base}api/events/")], "{rate:#}");

    let body = link("no-request-size-limit", "probe-body-limit");
    assert_eq!(body["verdict"], "confirmed", "{body:#}");
    assert_eq!(places(body, "live"), [format!("POST {base}api/events/")], "{body:#}");

    // The code serves /healthz, and it answered.
    let health = link("no-health-endpoint", "probe-health");
    assert_eq!(health["verdict"], "agree", "{health:#}");
    assert!(places(health, "code").is_empty() && places(health, "live").is_empty(), "{health:#}");
    assert!(health["note"].as_str().unwrap().contains("/healthz answered 200"), "{health:#}");

    // events.py's exception leak is on a path the malformed bodies do not reach: a live pass
    // does not refute it, so the two are not set side by side.
    assert!(
        !live["links"].as_array().unwrap().iter().any(|link| link["probe_check"] == "probe-error-leak"),
        "{live:#}"
    );

    // Nothing written into the scan fixtures: no history, no checklist, no bytecode.
    assert_eq!(examples_status(), before, "the run changed examples/");
}
