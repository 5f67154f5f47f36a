//! Each live check against real loopback servers: one configured well, one badly. Every server
//! counts the requests it receives, so the budgets are asserted where they are spent.

mod support;

use std::io::Write;
use std::time::Duration;

use shipready_probe::{CheckStatus, OpenApiSource, ProbeOptions, ProbeRun, probe};
use support::{Head, Limits, Reply, TestServer, good_service};

/// Requests discovery may send before the checks: the base URL, a path that cannot exist, and
/// the four well-known OpenAPI paths.
const DISCOVERY: usize = 6;

fn options(server: &TestServer, check: &'static str) -> ProbeOptions {
    let mut options = ProbeOptions::new(server.url.clone());
    options.checks = vec![check];
    options.max_time = Duration::from_secs(20);
    options.timeout = Duration::from_secs(2);
    options.slow_client = Duration::from_secs(3);
    options.body_bytes = 8 * 1024 * 1024;
    options
}

fn probed(server: &TestServer, check: &'static str, tune: impl FnOnce(&mut ProbeOptions)) -> ProbeRun {
    let mut options = options(server, check);
    tune(&mut options);
    let run = probe(&options).expect("the probe runs");
    assert_eq!(run.requests_sent, server.requests(), "the probe's count and the server's agree");
    run
}

fn status(run: &ProbeRun, check: &str) -> CheckStatus {
    run.checks.iter().find(|c| c.id == check).map(|c| c.status).expect("the check ran")
}

fn messages(run: &ProbeRun) -> Vec<String> {
    run.findings.iter().map(|f| format!("{} {}: {}", f.rule, f.path, f.message)).collect()
}

fn requests_of(run: &ProbeRun, check: &str) -> usize {
    run.checks.iter().find(|c| c.id == check).map_or(0, |c| c.requests)
}

fn openapi(document: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".json").tempfile().unwrap();
    file.write_all(document.as_bytes()).unwrap();
    file
}

const API: &str = r#"{
  "openapi": "3.0.0",
  "security": [{"key": []}],
  "paths": {
    "/healthz": {"get": {"security": []}},
    "/api/items": {"get": {"security": []}, "post": {"security": [], "requestBody": {}}},
    "/api/items/{id}": {"get": {"security": [], "parameters": [{"name": "id", "in": "path"}, {"name": "limit", "in": "query", "schema": {"type": "integer"}}]}},
    "/api/private/report": {"get": {}}
  }
}"#;

#[test]
fn health_passes_on_a_fast_endpoint_and_fails_without_one() {
    let good = TestServer::start(good_service(1000));
    let run = probed(&good, "probe-health", |_| {});
    assert_eq!(status(&run, "probe-health"), CheckStatus::Passed, "{:?}", run.checks);
    assert!(run.findings.is_empty());
    assert!(requests_of(&run, "probe-health") <= 14);

    let bad = TestServer::start(|_: &Head| Reply::status(404));
    let run = probed(&bad, "probe-health", |_| {});
    assert_eq!(status(&run, "probe-health"), CheckStatus::Failed);
    assert_eq!(run.findings.len(), 1);
    assert!(
        run.findings[0].message.starts_with("no health endpoint answers 2xx: tried /healthz (404)"),
        "{:?}",
        messages(&run)
    );
    assert!(bad.requests() <= DISCOVERY + 14);
}

#[test]
fn health_is_not_fooled_by_a_catch_all_page_and_reports_a_slow_one() {
    let spa = TestServer::start(|_: &Head| Reply::text(200, "text/html", "<!doctype html><div id=root></div>"));
    let run = probed(&spa, "probe-health", |_| {});
    assert_eq!(status(&run, "probe-health"), CheckStatus::Failed, "{:?}", run.checks);

    let slow = TestServer::start(|head: &Head| match head.path() {
        "/healthz" => Reply::Delayed(Duration::from_millis(1300), Box::new(Reply::text(200, "text/plain", "ok"))),
        _ => Reply::status(404),
    });
    let run = probed(&slow, "probe-health", |_| {});
    assert_eq!(status(&run, "probe-health"), CheckStatus::Failed);
    assert!(run.findings[0].message.contains("/healthz took 1."), "{:?}", messages(&run));
}

#[test]
fn metrics_needs_prometheus_text_or_credentials() {
    let good = TestServer::start(good_service(1000));
    assert_eq!(status(&probed(&good, "probe-metrics", |_| {}), "probe-metrics"), CheckStatus::Passed);

    let guarded = TestServer::start(
        |head: &Head| if head.path() == "/metrics" { Reply::status(401) } else { Reply::status(404) },
    );
    assert_eq!(status(&probed(&guarded, "probe-metrics", |_| {}), "probe-metrics"), CheckStatus::Passed);

    // A service that asks for credentials everywhere, even where nothing can be: its 401 on
    // /metrics proves nothing.
    let everywhere = TestServer::start(|_: &Head| Reply::status(401));
    let run = probed(&everywhere, "probe-metrics", |_| {});
    assert_eq!(status(&run, "probe-metrics"), CheckStatus::NotRun, "{:?}", run.checks);
    assert!(run.checks[0].detail.contains("as does a path that cannot exist"), "{:?}", run.checks);

    let json = TestServer::start(|head: &Head| match head.path() {
        "/metrics" => Reply::text(200, "application/json", "{\"requests\": 10}"),
        _ => Reply::status(404),
    });
    let run = probed(&json, "probe-metrics", |_| {});
    assert_eq!(status(&run, "probe-metrics"), CheckStatus::Failed);
    assert_eq!(run.findings[0].path, "/metrics");
    assert!(requests_of(&run, "probe-metrics") <= 8);
}

#[test]
fn security_headers_reports_each_missing_header_and_banners() {
    let good = TestServer::start(good_service(1000));
    let run = probed(&good, "probe-security-headers", |_| {});
    assert_eq!(status(&run, "probe-security-headers"), CheckStatus::Passed, "{:?}", messages(&run));
    assert_eq!(requests_of(&run, "probe-security-headers"), 0, "it reads the response discovery has");

    let bare = TestServer::start(|_: &Head| {
        Reply::text(200, "text/html", "<p>hi</p>")
            .with_header("x-powered-by", "Express")
            .with_header("server", "nginx/1.25.3")
    });
    let run = probed(&bare, "probe-security-headers", |_| {});
    let found = messages(&run);
    assert_eq!(found.len(), 6, "{found:#?}");
    for needle in [
        "nosniff",
        "frame protection",
        "Referrer-Policy",
        "Content-Security-Policy",
        "X-Powered-By: Express",
        "nginx/1.25.3",
    ] {
        assert!(found.iter().any(|m| m.contains(needle)), "{needle} in {found:#?}");
    }
    let fingerprints: std::collections::BTreeSet<_> = run.findings.iter().map(|f| f.fingerprint).collect();
    assert_eq!(fingerprints.len(), 6, "each problem has its own fingerprint");
    assert!(run.findings[0].snippet.contains("< x-powered-by: Express"), "{}", run.findings[0].snippet);

    // An error page with headers of its own (Express's 404 page sets a CSP and nosniff) does
    // not stand for the routes: the headers are judged on a page the service serves.
    let error_page_only = TestServer::start(|head: &Head| match head.path() {
        "/healthz" => Reply::text(200, "application/json", "{\"ok\":true}"),
        _ => Reply::text(404, "text/html", "Cannot GET")
            .with_header("content-security-policy", "default-src 'none'; frame-ancestors 'none'")
            .with_header("x-content-type-options", "nosniff")
            .with_header("referrer-policy", "no-referrer"),
    });
    let run = probed(&error_page_only, "probe-security-headers", |_| {});
    assert_eq!(status(&run, "probe-security-headers"), CheckStatus::Failed);
    assert!(run.findings.iter().all(|f| f.path == "/healthz"), "{:?}", messages(&run));
    assert_eq!(run.findings.len(), 4, "{:?}", messages(&run));
}

#[test]
fn cors_reports_a_reflected_origin_and_wildcard_with_credentials_and_notes_a_plain_wildcard() {
    let strict = TestServer::start(good_service(1000));
    let run = probed(&strict, "probe-cors", |_| {});
    assert_eq!(status(&run, "probe-cors"), CheckStatus::Passed);
    assert!(run.findings.is_empty(), "{:?}", messages(&run));

    let public = TestServer::start(|_: &Head| {
        Reply::text(200, "application/json", "{}").with_header("access-control-allow-origin", "*")
    });
    let run = probed(&public, "probe-cors", |_| {});
    assert_eq!(status(&run, "probe-cors"), CheckStatus::Passed);
    // A plain wildcard is a note at `info`, once for the service, which does not fail the check.
    assert_eq!(run.findings.len(), 1, "{:?}", messages(&run));
    assert_eq!(run.findings[0].severity, shipready_diagnostics::Severity::Info);
    assert!(run.findings[0].message.contains("any origin (`*`), without credentials"), "{:?}", messages(&run));

    let reflecting = TestServer::start(|head: &Head| {
        let origin = head.header("origin").unwrap_or("").to_string();
        Reply::text(200, "application/json", "{}")
            .with_header("access-control-allow-origin", &origin)
            .with_header("access-control-allow-credentials", "true")
    });
    let run = probed(&reflecting, "probe-cors", |_| {});
    assert_eq!(status(&run, "probe-cors"), CheckStatus::Failed);
    assert_eq!(run.findings.len(), 1, "one finding per path: {:?}", messages(&run));
    assert!(run.findings[0].message.contains("with credentials"));
    assert!(run.findings[0].snippet.contains("> origin: https://shipready-probe.invalid"));

    let wildcard_credentials = TestServer::start(|_: &Head| {
        Reply::text(200, "application/json", "{}")
            .with_header("access-control-allow-origin", "*")
            .with_header("access-control-allow-credentials", "true")
    });
    let run = probed(&wildcard_credentials, "probe-cors", |_| {});
    assert!(run.findings[0].message.contains("(`*`) together with"), "{:?}", messages(&run));
    assert!(requests_of(&run, "probe-cors") <= 4);
}

#[test]
fn error_leak_reports_traces_and_5xx_but_not_clean_4xx() {
    let document = openapi(API);
    let with_api = |options: &mut ProbeOptions| {
        options.openapi = Some(OpenApiSource::File(document.path().to_path_buf()));
        options.allow_bodies = true;
    };
    let leaky = TestServer::with_limits(Limits { body: None, ..Limits::default() }, |head: &Head| {
        match (head.method.as_str(), head.path()) {
            ("GET", path) if path.starts_with("/api/items/") => Reply::text(
                500,
                "text/plain",
                "Traceback (most recent call last):\n  File \"/app/api/items.py\", line 12, in get_item\nValueError: invalid literal for int()",
            ),
            ("POST", "/api/items") => Reply::text(500, "text/plain", "Internal Server Error"),
            _ => Reply::status(404),
        }
    });
    let run = probed(&leaky, "probe-error-leak", with_api);
    let found = messages(&run);
    assert_eq!(status(&run, "probe-error-leak"), CheckStatus::Failed);
    assert!(
        found.iter().any(|m| m.contains("/api/items/") && m.contains("gets a stack trace back (500)")),
        "{found:#?}"
    );
    let post = run
        .findings
        .iter()
        .find(|f| f.endpoint.as_ref().is_some_and(|e| e.method == "POST"))
        .expect("the POST finding");
    assert_eq!(post.severity, shipready_diagnostics::Severity::Medium, "a bare 500 is medium");
    assert!(requests_of(&run, "probe-error-leak") <= 12);

    let clean = TestServer::start(|head: &Head| match head.method.as_str() {
        "POST" => Reply::text(400, "application/json", "{\"error\":\"invalid JSON\"}"),
        _ => Reply::text(422, "application/json", "{\"detail\":\"id must be an integer\"}"),
    });
    let run = probed(&clean, "probe-error-leak", with_api);
    assert_eq!(status(&run, "probe-error-leak"), CheckStatus::Passed, "{:?}", messages(&run));
}

#[test]
fn error_leak_does_not_count_answers_refused_for_credentials() {
    let document = openapi(API);
    let everywhere = TestServer::start(|_: &Head| Reply::status(401));
    let run = probed(&everywhere, "probe-error-leak", |o| {
        o.openapi = Some(OpenApiSource::File(document.path().to_path_buf()));
        o.allow_bodies = true;
    });
    assert_eq!(status(&run, "probe-error-leak"), CheckStatus::NotRun, "{:?}", run.checks);
    assert!(run.checks[0].detail.contains("refused for credentials (401)"), "{:?}", run.checks);
}

#[test]
fn error_leak_is_not_run_when_no_handler_takes_the_body() {
    // Python's http.server: POST is not implemented (501, before any body is read), and nothing
    // else takes a body.
    let http_server = || {
        TestServer::with_limits(Limits { body: None, ..Limits::default() }, |head: &Head| match head.method.as_str() {
            "POST" => Reply::Refuse(501),
            _ => Reply::status(404),
        })
    };
    let run = probed(&http_server(), "probe-error-leak", |o| o.allow_bodies = true);
    assert_eq!(status(&run, "probe-error-leak"), CheckStatus::NotRun, "{:?}", messages(&run));
    assert!(run.findings.is_empty(), "{:?}", messages(&run));
    assert!(run.checks[0].detail.contains("no handler answered"), "{:?}", run.checks);

    // The same for the chunked body: a 501 before it is through is no limit, and no failure.
    let run = probed(&http_server(), "probe-body-limit", |o| o.allow_bodies = true);
    assert_eq!(status(&run, "probe-body-limit"), CheckStatus::NotRun, "{:?}", run.checks);
    assert!(run.checks[0].detail.contains("answered 501 before the body was through"), "{:?}", run.checks);
}

#[test]
fn error_leak_sends_no_body_unless_allowed() {
    let server = TestServer::start(|head: &Head| {
        assert_ne!(head.method, "POST", "no body without --allow-bodies");
        Reply::status(404)
    });
    let run = probed(&server, "probe-error-leak", |_| {});
    assert_eq!(status(&run, "probe-error-leak"), CheckStatus::NotRun);
}

#[test]
fn body_limit_passes_when_the_body_is_refused_early_and_fails_when_read_whole() {
    let good = TestServer::start(good_service(1000));
    let run = probed(&good, "probe-body-limit", |o| o.allow_bodies = true);
    assert_eq!(status(&run, "probe-body-limit"), CheckStatus::Passed, "{:?}", run.checks);
    assert!(good.body_bytes() < 1024 * 1024, "the good server stopped reading: {}", good.body_bytes());
    assert_eq!(requests_of(&run, "probe-body-limit"), 1);

    let bad =
        TestServer::with_limits(Limits { body: None, ..Limits::default() }, |head: &Head| match head.method.as_str() {
            "POST" => Reply::text(422, "application/json", "{\"detail\":\"JSON decode error\"}"),
            _ => Reply::status(404),
        });
    let run = probed(&bad, "probe-body-limit", |o| o.allow_bodies = true);
    assert_eq!(status(&run, "probe-body-limit"), CheckStatus::Failed, "{:?}", run.checks);
    assert_eq!(bad.body_bytes(), 8 * 1024 * 1024, "the bad server read the whole body");
    assert!(
        run.findings[0].message.contains("read a 8.0 MiB chunked body (no Content-Length) whole"),
        "{:?}",
        messages(&run)
    );

    // An authentication layer that refuses before the body says nothing of a limit behind it;
    // with the credentials given (`--header`), the raw path sends them and reaches the handler.
    let guarded = || {
        TestServer::with_limits(Limits { body: None, ..Limits::default() }, |head: &Head| {
            match (head.method.as_str(), head.header("x-api-key")) {
                ("POST", Some("k")) => Reply::text(422, "application/json", "{\"detail\":\"JSON decode error\"}"),
                ("POST", _) => Reply::Refuse(401),
                _ => Reply::status(404),
            }
        })
    };
    let run = probed(&guarded(), "probe-body-limit", |o| o.allow_bodies = true);
    assert_eq!(status(&run, "probe-body-limit"), CheckStatus::NotRun, "{:?}", run.checks);
    assert!(run.checks[0].detail.contains("asked for credentials (401)"), "{:?}", run.checks);
    let run = probed(&guarded(), "probe-body-limit", |o| {
        o.allow_bodies = true;
        o.headers = vec!["X-API-Key: k".into()];
    });
    assert_eq!(status(&run, "probe-body-limit"), CheckStatus::Failed, "{:?}", run.checks);

    // body-parser's way: the whole body drained, then 413. The limit applies.
    let draining =
        TestServer::with_limits(Limits { body: None, ..Limits::default() }, |head: &Head| match head.method.as_str() {
            "POST" => Reply::text(413, "text/html", "PayloadTooLargeError: request entity too large"),
            _ => Reply::status(404),
        });
    let run = probed(&draining, "probe-body-limit", |o| o.allow_bodies = true);
    assert_eq!(status(&run, "probe-body-limit"), CheckStatus::Passed, "{:?}", run.checks);
    assert!(run.checks[0].detail.starts_with("refused with 413 once the 8.0 MiB body was through"), "{:?}", run.checks);

    let untouched = TestServer::with_limits(Limits { body: None, ..Limits::default() }, |_: &Head| Reply::status(404));
    let run = probed(&untouched, "probe-body-limit", |_| {});
    assert_eq!(status(&run, "probe-body-limit"), CheckStatus::NotRun);
    assert_eq!(untouched.body_bytes(), 0);
}

#[test]
fn rate_limit_stops_at_the_first_429_and_reports_an_unlimited_burst() {
    let document = openapi(API);
    let with_api = |options: &mut ProbeOptions| {
        options.openapi = Some(OpenApiSource::File(document.path().to_path_buf()));
        options.burst = 40;
    };
    let limited = TestServer::start(good_service(10));
    let run = probed(&limited, "probe-rate-limit", with_api);
    assert_eq!(status(&run, "probe-rate-limit"), CheckStatus::Passed, "{:?}", run.checks);
    // Ten answered, the eleventh limited, and at most the requests already in flight after it.
    assert!(requests_of(&run, "probe-rate-limit") <= 11 + 3, "{:?}", run.checks);

    let unlimited = TestServer::start(|_: &Head| Reply::text(200, "application/json", "[]"));
    let run = probed(&unlimited, "probe-rate-limit", with_api);
    assert_eq!(status(&run, "probe-rate-limit"), CheckStatus::Failed);
    assert_eq!(requests_of(&run, "probe-rate-limit"), 40, "exactly the burst");
    assert_eq!(run.findings[0].path, "/api/items");
    assert_eq!(unlimited.requests(), 2 + 40, "the base URL, the not-found path and the burst");
}

#[test]
fn public_docs_are_reported_once_and_private_ones_are_not() {
    let open = TestServer::start(|head: &Head| match head.path() {
        "/docs" => {
            Reply::text(200, "text/html", "<html><title>API - Swagger UI</title><div id=swagger-ui></div></html>")
        }
        "/openapi.json" => Reply::text(200, "application/json", r#"{"openapi":"3.1.0","paths":{}}"#),
        _ => Reply::status(404),
    });
    let run = probed(&open, "probe-public-docs", |_| {});
    assert_eq!(status(&run, "probe-public-docs"), CheckStatus::Passed.max(CheckStatus::Failed));
    assert_eq!(run.findings.len(), 1);
    assert_eq!(run.findings[0].message, "API documentation is public: /docs, /openapi.json");

    let closed = TestServer::start(|head: &Head| {
        if head.path().contains("doc") || head.path().contains("swagger") || head.path().contains("openapi") {
            Reply::status(401)
        } else {
            Reply::status(404)
        }
    });
    let run = probed(&closed, "probe-public-docs", |_| {});
    assert_eq!(status(&run, "probe-public-docs"), CheckStatus::Passed);
    assert!(requests_of(&run, "probe-public-docs") <= 10);

    // Docs that open to the key the user passes with --header are not public: the check asks
    // without it.
    let keyed = TestServer::start(|head: &Head| match (head.path(), head.header("x-api-key")) {
        ("/docs", Some("k")) => {
            Reply::text(200, "text/html", "<html><title>API - Swagger UI</title><div id=swagger-ui></div></html>")
        }
        ("/docs", _) => Reply::status(401),
        _ => Reply::status(404),
    });
    let run = probed(&keyed, "probe-public-docs", |o| o.headers = vec!["X-API-Key: k".into()]);
    assert_eq!(status(&run, "probe-public-docs"), CheckStatus::Passed, "{:?}", messages(&run));
}

#[test]
fn auth_required_sends_no_credentials_and_reports_open_private_paths() {
    // Answers 200 only to requests that carry the key: the probe must not send it.
    let keyed = TestServer::start(|head: &Head| match head.header("authorization") {
        Some(_) => Reply::text(200, "application/json", "{\"users\":[]}"),
        None if head.path() == "/api/users" => Reply::status(401),
        None => Reply::status(404),
    });
    let run = probed(&keyed, "probe-auth-required", |o| {
        o.private_paths = vec!["/api/users".into()];
        o.headers = vec!["Authorization: Bearer secret".into()];
    });
    assert_eq!(status(&run, "probe-auth-required"), CheckStatus::Passed, "{:?}", run.checks);

    let document = openapi(API);
    let open = TestServer::start(|head: &Head| match head.path() {
        "/api/private/report" | "/api/users" => Reply::text(200, "application/json", "{\"rows\":[1,2,3]}"),
        _ => Reply::status(404),
    });
    let run = probed(&open, "probe-auth-required", |o| {
        o.private_paths = vec!["/api/users".into()];
        o.openapi = Some(OpenApiSource::File(document.path().to_path_buf()));
    });
    assert_eq!(status(&run, "probe-auth-required"), CheckStatus::Failed);
    let found = messages(&run);
    assert!(found.iter().any(|m| m.contains("/api/users (given with --private) answers 200 OK")), "{found:#?}");
    assert!(found.iter().any(|m| m.contains("/api/private/report (secured in the OpenAPI document)")), "{found:#?}");
    assert!(run.findings.iter().all(|f| f.severity == shipready_diagnostics::Severity::Critical));

    let nothing = TestServer::start(|_: &Head| Reply::status(404));
    assert_eq!(status(&run_nothing(&nothing), "probe-auth-required"), CheckStatus::NotRun);
}

fn run_nothing(server: &TestServer) -> ProbeRun {
    probed(server, "probe-auth-required", |_| {})
}

#[test]
fn slow_client_passes_when_cut_off_and_fails_when_held_open() {
    let strict = TestServer::with_limits(
        Limits { head_timeout: Some(Duration::from_millis(800)), ..Limits::default() },
        good_service(1000),
    );
    let run = probed(&strict, "probe-slow-client", |_| {});
    assert_eq!(status(&run, "probe-slow-client"), CheckStatus::Passed, "{:?}", run.checks);

    let patient = TestServer::with_limits(Limits { head_timeout: None, ..Limits::default() }, good_service(1000));
    let started = std::time::Instant::now();
    let run = probed(&patient, "probe-slow-client", |_| {});
    assert_eq!(status(&run, "probe-slow-client"), CheckStatus::Failed);
    assert!(started.elapsed() < Duration::from_secs(8), "bounded by --slow-client-seconds: {:?}", started.elapsed());
    assert!(run.findings[0].message.contains("still connected after 3 s"), "{:?}", messages(&run));
    assert_eq!(requests_of(&run, "probe-slow-client"), 1);
}

#[test]
fn a_full_run_against_a_good_service_passes_every_check_within_the_budget() {
    let document = openapi(API);
    let server = TestServer::with_limits(
        Limits { head_timeout: Some(Duration::from_millis(800)), ..Limits::default() },
        good_service(20),
    );
    let mut options = ProbeOptions::new(server.url.clone());
    options.openapi = Some(OpenApiSource::File(document.path().to_path_buf()));
    options.allow_bodies = true;
    options.private_paths = vec!["/admin".into()];
    options.max_time = Duration::from_secs(20);
    options.slow_client = Duration::from_secs(3);
    options.body_bytes = 8 * 1024 * 1024;
    let run = probe(&options).unwrap();
    let failed: Vec<_> = run.checks.iter().filter(|c| c.status != CheckStatus::Passed).collect();
    assert!(failed.is_empty(), "{failed:#?}\n{:#?}", messages(&run));
    assert_eq!(run.checks.len(), 10);
    assert_eq!(run.requests_sent, server.requests());
}
