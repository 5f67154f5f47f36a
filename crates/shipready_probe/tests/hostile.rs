//! Servers that misbehave on purpose: each run must end inside its budget with a clear result,
//! never hang, never read without bound, never follow the service to another host.

mod support;

use std::time::{Duration, Instant};

use shipready_probe::{CheckStatus, ProbeError, ProbeOptions, ProbeRun, probe};
use support::{Head, Reply, TestServer, good_service};

fn options(url: &str, seconds: u64) -> ProbeOptions {
    let mut options = ProbeOptions::new(url);
    options.max_time = Duration::from_secs(seconds);
    options.timeout = Duration::from_secs(1);
    options.slow_client = Duration::from_secs(2);
    options
}

/// Runs the probe and asserts it ended within its time budget (plus the second the slowest
/// wait may overrun by) and sent what the server received.
fn bounded(server: &TestServer, options: &ProbeOptions) -> Result<ProbeRun, ProbeError> {
    let started = Instant::now();
    let result = probe(options);
    let elapsed = started.elapsed();
    assert!(
        elapsed < options.max_time + Duration::from_secs(2),
        "took {elapsed:?} with a budget of {:?}",
        options.max_time
    );
    if let Ok(run) = &result {
        assert_eq!(run.requests_sent, server.requests());
        assert!(run.requests_sent <= options.max_requests);
    }
    result
}

fn health(run: &ProbeRun) -> &shipready_diagnostics::Finding {
    run.findings.iter().find(|f| f.rule == "probe-health").expect("a probe-health finding")
}

#[test]
fn a_server_that_never_answers_ends_the_run_at_the_first_timeout() {
    let server = TestServer::start(|_: &Head| Reply::Never);
    let run = bounded(&server, &options(&server.url, 10)).expect("a result, not an error");
    assert!(health(&run).message.contains("does not answer: no response within 1.0 s"), "{}", health(&run).message);
    assert!(run.checks.iter().filter(|c| c.id != "probe-health").all(|c| c.status == CheckStatus::NotRun));
    assert_eq!(server.requests(), 1, "nothing more is asked of a service that does not answer");
}

#[test]
fn an_endless_body_is_read_only_up_to_the_cap() {
    let server = TestServer::start(|_: &Head| Reply::Endless);
    let mut options = options(&server.url, 15);
    options.max_requests = 60;
    let run = bounded(&server, &options).expect("a result");
    // Every path streams the same endless text: a catch-all, so nothing counts as health.
    assert_eq!(run.checks.iter().find(|c| c.id == "probe-health").unwrap().status, CheckStatus::Failed);
    assert!(run.requests_sent > 10, "the run went on past the endless bodies");
}

#[test]
fn connection_resets_give_a_clear_result() {
    let server = TestServer::start(|_: &Head| Reply::Reset);
    let run = bounded(&server, &options(&server.url, 10)).expect("a result");
    assert!(
        health(&run).message.contains("does not answer: the connection was closed or reset"),
        "{}",
        health(&run).message
    );
}

#[test]
fn redirects_to_another_host_are_never_followed() {
    let elsewhere = TestServer::start(good_service(1000));
    let target = elsewhere.url.clone();
    let server = TestServer::start(move |head: &Head| {
        Reply::status(302).with_header("location", &format!("{target}{}", head.target))
    });
    let mut options = options(&server.url, 15);
    options.private_paths = vec!["/admin".into()];
    let run = bounded(&server, &options).expect("a result");
    assert_eq!(elsewhere.requests(), 0, "no request reached the other host");
    let headers =
        run.findings.iter().find(|f| f.rule == "probe-security-headers").expect("headers judged on the redirect");
    assert!(headers.snippet.contains("(another origin: not followed)"), "{}", headers.snippet);
}

#[test]
fn gigantic_response_heads_are_refused_not_buffered() {
    let server = TestServer::start(|_: &Head| Reply::GiantHead(2 * 1024 * 1024));
    let run = bounded(&server, &options(&server.url, 10)).expect("a result");
    assert!(health(&run).message.contains("the response head is too large"), "{}", health(&run).message);
}

#[test]
fn a_server_dripping_bytes_is_cut_off_by_the_request_timeout() {
    let server = TestServer::start(|_: &Head| Reply::Drip(Duration::from_millis(300)));
    let run = bounded(&server, &options(&server.url, 10)).expect("a result");
    assert!(health(&run).message.contains("no response within 1.0 s"), "{}", health(&run).message);
}

#[test]
fn a_refused_connection_is_an_error_that_names_the_url() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}");
    let error = probe(&options(&url, 10)).expect_err("nothing listens there");
    assert!(matches!(error, ProbeError::Unreachable { cause: shipready_probe::Unreachable::Refused, .. }), "{error:?}");
    assert_eq!(error.to_string(), format!("cannot reach {url}/: connection refused"));
}

#[test]
fn https_to_a_plain_http_port_is_a_tls_error_not_a_silent_service() {
    let server = TestServer::start(|_: &Head| Reply::status(200));
    let url = server.url.replacen("http://", "https://", 1);
    let error = probe(&options(&url, 10)).expect_err("no TLS there");
    assert!(matches!(error, ProbeError::Unreachable { cause: shipready_probe::Unreachable::Tls, .. }), "{error:?}");
    assert!(error.to_string().contains("TLS failed: received corrupt message"), "{error}");
}

#[test]
fn urls_without_a_scheme_or_with_another_scheme_are_refused_before_any_request() {
    assert!(matches!(probe(&ProbeOptions::new("localhost:8000")), Err(ProbeError::MissingScheme(_))));
    assert!(matches!(probe(&ProbeOptions::new("ftp://localhost/")), Err(ProbeError::UnsupportedScheme { .. })));
    assert!(matches!(probe(&ProbeOptions::new("http://")), Err(ProbeError::InvalidUrl { .. })));
    let mut bad_header = ProbeOptions::new("http://127.0.0.1:9/");
    bad_header.headers = vec!["no colon here".into()];
    assert!(matches!(probe(&bad_header), Err(ProbeError::InvalidHeader(_))));
}

#[test]
fn the_request_budget_holds_on_the_server_side() {
    let server = TestServer::start(good_service(usize::MAX));
    let mut options = options(&server.url, 20);
    options.max_requests = 10;
    options.private_paths = vec!["/admin".into()];
    let run = bounded(&server, &options).expect("a result");
    assert_eq!(server.requests(), 10, "the budget was used to the last request and not one more");
    let stopped: Vec<_> =
        run.checks.iter().filter(|c| c.status == CheckStatus::NotRun && c.detail.contains("request budget")).collect();
    assert!(!stopped.is_empty(), "some check says the budget stopped it: {:#?}", run.checks);
    let rate = run.checks.iter().find(|c| c.id == "probe-rate-limit").unwrap();
    assert_eq!((rate.status, rate.requests), (CheckStatus::NotRun, 0), "no burst it cannot finish: {rate:?}");
}

#[test]
fn the_time_budget_holds_against_a_slow_service() {
    let server = TestServer::start(|_: &Head| Reply::Delayed(Duration::from_millis(400), Box::new(Reply::status(404))));
    let mut options = options(&server.url, 4);
    options.slow_client = Duration::from_secs(1);
    let run = bounded(&server, &options).expect("a result");
    assert!(run.checks.iter().any(|c| c.status == CheckStatus::NotRun), "{:#?}", run.checks);
}
