//! How every format shows a live run, how a live run is read back, and how the readiness report
//! sets the code's verdicts beside the live ones.

use shipready_diagnostics::{CheckStatus, Severity};

use crate::fixtures::{self, PROBE_BODY, PROBE_CORS, PROBE_HEALTH, PROBE_RATE, live_sample};
use crate::readiness::live::{self, Verdict};
use crate::{github, html, json, markdown, sarif, terminal};

fn rendered(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    render(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const PROBE_CHECKS: [&shipready_diagnostics::RuleMeta; 4] = [&PROBE_HEALTH, &PROBE_CORS, &PROBE_BODY, &PROBE_RATE];

fn meta_of(id: &str) -> Option<&'static shipready_diagnostics::RuleMeta> {
    PROBE_CHECKS.into_iter().find(|meta| meta.id == id)
}

#[test]
fn code_and_live_verdicts_are_confirmed_agreed_or_in_disagreement() {
    let sample = live_sample();
    let readiness = sample.readiness();
    let live = readiness.live.as_ref().expect("a live section with probe results");
    assert_eq!((live.passed, live.failed, live.not_run, live.requests_sent), (2, 1, 1, 9));
    let verdicts: Vec<(&str, Verdict)> = live.links.iter().map(|link| (link.scan_check, link.verdict)).collect();
    // The rate-limit pair is left out: its live check did not run.
    assert_eq!(
        verdicts,
        [
            ("no-health-endpoint", Verdict::Agree),
            ("cors-permissive", Verdict::Confirmed),
            ("no-request-size-limit", Verdict::Disagree),
        ]
    );
    let cors = &live.links[1];
    assert_eq!(cors.code, ["src/app.ts:3"]);
    assert_eq!(cors.live, ["GET http://127.0.0.1:8000/"]);
    assert!(cors.note.contains("allows any origin (`*`)"), "{}", cors.note);
    let body = &live.links[2];
    assert!(body.note.contains("the scan found no `no-request-size-limit` problem"), "{}", body.note);
    assert_eq!(body.live, ["POST http://127.0.0.1:8000/api/items"]);
}

#[test]
fn a_live_pass_against_a_code_finding_is_a_disagreement_except_for_error_leaks() {
    let mut sample = live_sample();
    // The code has no health route, yet something answers /healthz.
    sample.findings.push(fixtures::live_finding(
        &PROBE_HEALTH,
        Severity::High,
        "GET",
        "http://127.0.0.1:8000/healthz",
        "unused",
        "",
    ));
    sample.findings.pop();
    let mut scan_health = sample.findings[0].clone();
    scan_health.rule = "no-health-endpoint";
    scan_health.message = "The service has no health endpoint".into();
    sample.findings.push(scan_health);
    let readiness = sample.readiness();
    let health = &readiness.live.as_ref().unwrap().links[0];
    assert_eq!((health.scan_check, health.verdict), ("no-health-endpoint", Verdict::Disagree));
    assert!(health.note.contains("yet `probe-health` passed live"), "{}", health.note);

    let pair = live::PAIRS.iter().find(|pair| pair.probe == "probe-error-leak").unwrap();
    assert!(!pair.pass_refutes, "a clean answer to malformed input does not clear a leak on a failure path");
}

#[test]
fn live_checks_count_in_the_score_only_when_they_concluded() {
    let sample = live_sample();
    let readiness = sample.readiness();
    let state = |id: &str| readiness.checks.iter().find(|check| check.id == id);
    assert!(state("probe-health").unwrap().passed);
    assert!(state("probe-cors").unwrap().passed, "a note at info does not fail the check");
    assert!(!state("probe-body-limit").unwrap().passed);
    assert!(state("probe-rate-limit").is_none(), "a check that did not run is not weighed");
}

#[test]
fn the_json_report_of_a_live_run_reads_back_whole() {
    let sample = live_sample();
    let report = sample.report();
    let text = rendered(|out| json::render(&report, out));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["probe"]["requests_sent"], 9);
    assert_eq!(value["probe"]["checks"][3]["status"], "not-run");
    let body = value["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "probe-body-limit").unwrap();
    assert_eq!(body["endpoint"]["method"], "POST");
    assert_eq!(body["path"], "/api/items");
    assert_eq!(body["line"], 0);

    let back = json::read_probe_results(&text, meta_of);
    // The document also holds the scan's findings, which are not live: refused whole.
    let error = back.unwrap_err();
    assert!(error.contains("is not a live check"), "{error}");

    let live_only: Vec<_> = sample.findings.iter().filter(|f| f.endpoint.is_some()).cloned().collect();
    let report = crate::Report { findings: &live_only, ..report };
    let text = rendered(|out| json::render(&report, out));
    let back = json::read_probe_results(&text, meta_of).unwrap();
    assert_eq!(back.findings, live_only);
    assert_eq!(back.summary, sample.summary);
}

#[test]
fn a_scan_report_is_not_taken_for_probe_results() {
    let (findings, skipped, rules) = fixtures::sample();
    let text = rendered(|out| json::render(&fixtures::report(&findings, &skipped, &rules), out));
    let error = json::read_probe_results(&text, meta_of).unwrap_err();
    assert!(error.contains("no `probe` section"), "{error}");
    let error = json::read_probe_results(r#"{"schema":"shipready-readiness/1"}"#, meta_of).unwrap_err();
    assert!(error.contains("missing field"), "{error}");
    let error = json::read_probe_results(r#"{"schema":"other/1","findings":[]}"#, meta_of).unwrap_err();
    assert!(error.contains("`other/1`"), "{error}");
}

#[test]
fn the_terminal_shows_the_request_the_evidence_and_each_check() {
    let sample = live_sample();
    let text = rendered(|out| terminal::render(&sample.report(), out, false));
    assert!(text.contains("medium[probe-body-limit]: read a 32.0 MiB chunked body"), "{text}");
    assert!(text.contains("  --> POST http://127.0.0.1:8000/api/items\n   | > POST /api/items HTTP/1.1\n"), "{text}");
    assert!(text.contains("Live checks of http://127.0.0.1:8000/ (2 passed, 1 failed, 1 not run):"), "{text}");
    assert!(text.contains("  not run probe-rate-limit  the budget left is smaller than the burst"), "{text}");
    assert!(
        text.contains("in 7 files scanned and 9 requests to http://127.0.0.1:8000/ in 1.2 s (budget 500)"),
        "{text}"
    );
}

#[test]
fn sarif_locates_a_live_finding_at_its_url_with_a_web_request() {
    let sample = live_sample();
    let document = sarif::document(&sample.report());
    let results = document["runs"][0]["results"].as_array().unwrap();
    let body = results.iter().find(|r| r["ruleId"] == "probe-body-limit").unwrap();
    let physical = &body["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "http://127.0.0.1:8000/api/items");
    assert!(physical.get("region").is_none(), "a URL has no lines");
    assert_eq!(body["webRequest"]["method"], "POST");
    assert!(body["properties"]["evidence"].as_str().unwrap().contains("(sent all 32.0 MiB)"));
    let code = results.iter().find(|r| r["ruleId"] == "cors-permissive").unwrap();
    assert!(code.get("webRequest").is_none());
}

#[test]
fn github_annotates_a_live_finding_without_a_file() {
    let sample = live_sample();
    let text = rendered(|out| github::render(&sample.report(), out));
    let line = text.lines().find(|line| line.contains("probe-body-limit")).unwrap();
    assert!(line.starts_with("::warning title=probe-body-limit (medium)::read a 32.0 MiB"), "{line}");
    assert!(line.ends_with("(POST http://127.0.0.1:8000/api/items)"), "{line}");
    assert!(!line.contains("file="), "{line}");
    assert!(text.ends_with("and 9 requests to http://127.0.0.1:8000/, 2 at or above `high`\n"), "{text}");
}

#[test]
fn the_checklist_lists_live_problems_by_request_and_the_links_in_its_summary() {
    let sample = live_sample();
    let readiness = sample.readiness();
    let text = markdown::new_document(&sample.report(), &readiness);
    assert!(text.contains("- [ ] `POST http://127.0.0.1:8000/api/items` — read a 32.0 MiB chunked body"), "{text}");
    assert!(
        text.contains(
            "**Live checks of http://127.0.0.1:8000/:** 2 passed · 1 failed · 1 not run (9 of at most 500 requests)"
        ),
        "{text}"
    );
    assert!(text.contains("- 🔗 confirmed live · `cors-permissive` ↔ `probe-cors`: "), "{text}");
    assert!(text.contains("(`src/app.ts:3`, `GET http://127.0.0.1:8000/`)"), "{text}");
    assert!(text.contains("- ⚠️ disagree · `no-request-size-limit` ↔ `probe-body-limit`: "), "{text}");
    // The summary block holds the live section, so that `--update` keeps it current.
    let summary = &text[text.find("shipready:begin summary").unwrap()..text.find("shipready:end summary").unwrap()];
    assert!(summary.contains("**Live checks of"));
}

#[test]
fn the_html_page_has_a_live_section_and_places_live_findings_by_request() {
    let sample = live_sample();
    let readiness = sample.readiness();
    let text = rendered(|out| html::render(&sample.report(), &readiness, out));
    assert!(text.contains("<section id=\"live\" class=\"card\">"), "no live section");
    assert!(text.contains("<span class=\"verdict-tag disagree\">disagree</span>"));
    assert!(text.contains("<code class=\"loc\">POST http://127.0.0.1:8000/api/items</code>"));
    assert!(text.contains("7 files scanned · 9 requests to http://127.0.0.1:8000/"));

    // Without probe results there is no live section at all.
    let (findings, skipped, rules) = fixtures::sample();
    let plain = fixtures::report(&findings, &skipped, &rules);
    let readiness = crate::readiness::compute(&crate::readiness::Inputs {
        today: "2026-12-05".parse().unwrap(),
        findings: &findings,
        checks: &[],
        manual: &[],
        baseline: None,
        history: &[],
        skipped: &[],
        probe: None,
    });
    assert!(readiness.live.is_none());
    let text = rendered(|out| html::render(&plain, &readiness, out));
    assert!(!text.contains("id=\"live\""));
}

#[test]
fn check_statuses_serialize_in_kebab_case() {
    assert_eq!(serde_json::to_string(&CheckStatus::NotRun).unwrap(), "\"not-run\"");
    assert!(!CheckStatus::NotRun.concluded() && CheckStatus::Failed.concluded());
}
