//! The live checks, one file each, and the run that schedules them.

mod auth_required;
mod body_limit;
mod cors;
mod error_leak;
mod health;
mod metrics;
mod public_docs;
mod rate_limit;
mod security_headers;
mod slow_client;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use shipready_diagnostics::{Finding, RuleMeta, Severity};
use tokio::time::Instant;

use crate::client::{Exchange, Failure, Shared};
use crate::discover::{self, Api};
use crate::{CheckRun, CheckStatus, ProbeError, ProbeOptions, ProbeRun};

/// Declares a live check's metadata: the doc comment is its documentation.
macro_rules! declare_probe {
    (
        $(#[doc = $doc:literal])+
        id: $id:literal,
        area: $area:ident,
        severity: $severity:ident,
        title: $title:literal,
        rationale: $rationale:literal,
        fix: $fix:literal $(,)?
    ) => {
        $(#[doc = $doc])+
        pub(crate) static META: ::shipready_diagnostics::RuleMeta = ::shipready_diagnostics::RuleMeta {
            id: $id,
            area: ::shipready_diagnostics::Area::$area,
            severity: ::shipready_diagnostics::Severity::$severity,
            status: ::shipready_diagnostics::RuleStatus::Preview { since: "0.1.0" },
            title: $title,
            rationale: $rationale,
            fix: $fix,
            docs: concat!($($doc, "\n"),+),
            heuristic: false,
        };
    };
}
pub(crate) use declare_probe;

/// Every live check, in catalog order.
pub static CHECKS: [&RuleMeta; 10] = [
    &health::META,
    &metrics::META,
    &security_headers::META,
    &cors::META,
    &error_leak::META,
    &body_limit::META,
    &rate_limit::META,
    &public_docs::META,
    &auth_required::META,
    &slow_client::META,
];

/// A path no service serves: how the service answers it tells a catch-all page apart.
const NOT_FOUND_PATH: &str = "/shipready-probe-7c1e0f-not-found";

/// What each check is given.
pub(crate) struct Cx<'a> {
    pub shared: &'a Shared,
    pub api: Option<&'a Api>,
    /// How the service answered [`NOT_FOUND_PATH`], if it did.
    pub not_found: Option<&'a Exchange>,
    pub options: &'a ProbeOptions,
    /// Requests this check sent.
    pub sent: AtomicUsize,
}

impl Cx<'_> {
    /// Whether `exchange` looks like the answer to any path at all: a catch-all page (a
    /// single-page app's index.html, a login page) that proves nothing about `exchange`'s path.
    pub(crate) fn is_catch_all(&self, exchange: &Exchange) -> bool {
        self.not_found.is_some_and(|not_found| {
            not_found.status.is_success()
                && not_found.status == exchange.status
                && not_found.header("content-type") == exchange.header("content-type")
                && (not_found.body == exchange.body || looks_like_html(&exchange.body))
        })
    }

    /// Whether the service asks for credentials even on a path that cannot exist: then a 401
    /// or 403 says nothing about whether a path exists.
    pub(crate) fn guards_everything(&self) -> bool {
        self.not_found.is_some_and(|not_found| matches!(not_found.status.as_u16(), 401 | 403))
    }

    /// Routes of the OpenAPI document with this method.
    pub(crate) fn routes(&self, method: &str) -> impl Iterator<Item = &discover::Route> {
        self.api.into_iter().flat_map(|api| &api.routes).filter(move |route| route.method == method)
    }
}

pub(crate) fn looks_like_html(body: &[u8]) -> bool {
    let start = String::from_utf8_lossy(&body[..body.len().min(512)]).trim_start().to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// What a check concluded.
pub(crate) struct Outcome {
    pub status: CheckStatus,
    pub detail: String,
    pub findings: Vec<Finding>,
}

impl Outcome {
    pub(crate) fn passed(detail: impl Into<String>) -> Self {
        Self { status: CheckStatus::Passed, detail: detail.into(), findings: Vec::new() }
    }

    pub(crate) fn not_run(detail: impl Into<String>) -> Self {
        Self { status: CheckStatus::NotRun, detail: detail.into(), findings: Vec::new() }
    }

    pub(crate) fn failed(detail: impl Into<String>, findings: Vec<Finding>) -> Self {
        Self { status: CheckStatus::Failed, detail: detail.into(), findings }
    }

    /// Failed with `findings`, else passed with `detail`. Findings at `info` are notes, which
    /// do not fail the check: they are kept, and added to the detail.
    pub(crate) fn from_findings(findings: Vec<Finding>, passed: impl Into<String>) -> Self {
        let messages = |info: bool| -> Vec<&str> {
            findings.iter().filter(|f| (f.severity == Severity::Info) == info).map(|f| f.message.as_str()).collect()
        };
        let failing = messages(false);
        if failing.is_empty() {
            let detail = std::iter::once(passed.into()).chain(messages(true).into_iter().map(String::from));
            let detail = detail.collect::<Vec<_>>().join("; ");
            Self { status: CheckStatus::Passed, detail, findings }
        } else {
            let detail = failing.join("; ");
            Self::failed(detail, findings)
        }
    }

    /// A request that could not be made: the budget is spent, or the service failed to answer.
    pub(crate) fn interrupted(failure: &Failure) -> Self {
        Self::not_run(format!("stopped: {failure}"))
    }
}

/// Leeway past the deadline before a check that has not returned is given up. Every wait in a
/// check is clipped to the deadline, so this only catches a check that forgot to.
const GRACE: Duration = Duration::from_secs(2);

/// A check's outcome as the run reports it; a check still running at the deadline is given up.
fn finish(
    id: &'static str,
    cx: &Cx<'_>,
    outcome: Result<Outcome, tokio::time::error::Elapsed>,
) -> (CheckRun, Vec<Finding>) {
    let requests = cx.sent.load(Ordering::Relaxed);
    let outcome = outcome.unwrap_or_else(|_| Outcome::not_run("did not finish within the time budget"));
    (CheckRun { id, status: outcome.status, detail: outcome.detail, requests }, outcome.findings)
}

/// Runs every selected check and gathers the results.
pub(crate) async fn run_all(shared: Shared, api: Option<Api>, options: &ProbeOptions) -> Result<ProbeRun, ProbeError> {
    let started = Instant::now();
    let discovery = AtomicUsize::new(0);
    // The base URL first: a service that is not there ends the run with a clear error.
    let root = match shared.get_cached("/", &discovery).await {
        Ok(root) => Some(root),
        Err(failure) if failure.is_unreachable() => {
            let cause = match failure {
                Failure::Dns(_) => crate::Unreachable::Dns,
                Failure::Tls(_) => crate::Unreachable::Tls,
                _ => crate::Unreachable::Refused,
            };
            return Err(ProbeError::Unreachable { url: shared.base.to_string(), reason: failure.to_string(), cause });
        }
        Err(failure) => {
            // It accepted the connection but did not answer: nothing else is worth asking.
            return Ok(silent_service(&shared, options, &failure, started));
        }
    };
    let not_found = shared.send(&crate::client::Request::get(NOT_FOUND_PATH), &discovery).await.ok();
    let mut api = api;
    let mut openapi_source = api.as_ref().map(|api| api.source.clone());
    if api.is_none() {
        let given = match &options.openapi {
            Some(crate::OpenApiSource::Url(url)) => vec![url.clone()],
            _ => discover::OPENAPI_PATHS.iter().map(|path| (*path).to_string()).collect(),
        };
        for path in given {
            let exchange = if path.contains("://") {
                fetch_absolute(&shared, &path, &discovery).await
            } else {
                shared.get_cached(&path, &discovery).await.ok()
            };
            let Some(exchange) = exchange else {
                if matches!(&options.openapi, Some(crate::OpenApiSource::Url(_))) {
                    return Err(ProbeError::OpenApi { source_name: path, reason: "it brought no answer".into() });
                }
                continue;
            };
            if exchange.status.is_success()
                && let Ok(found) = discover::parse_openapi(&exchange.body_text(), exchange.url.as_str())
            {
                openapi_source = Some(found.source.clone());
                api = Some(found);
                break;
            }
            if matches!(&options.openapi, Some(crate::OpenApiSource::Url(_))) {
                return Err(ProbeError::OpenApi {
                    source_name: path,
                    reason: format!("it answered {} with no OpenAPI document", exchange.status),
                });
            }
        }
    }
    let _ = root;

    let deadline = shared.budget.deadline();
    let selected = |id: &str| options.checks.is_empty() || options.checks.contains(&id);
    let not_found = not_found.as_ref();
    let api_ref = api.as_ref();
    macro_rules! check {
        ($module:ident) => {
            async {
                if !selected($module::META.id) {
                    return None;
                }
                let cx = Cx { shared: &shared, api: api_ref, not_found, options, sent: AtomicUsize::new(0) };
                let outcome = tokio::time::timeout_at(deadline + GRACE, $module::run(&cx)).await;
                Some(finish($module::META.id, &cx, outcome))
            }
        };
    }
    let side_by_side = async {
        let first = tokio::join!(
            check!(health),
            check!(metrics),
            check!(security_headers),
            check!(cors),
            check!(error_leak),
            check!(body_limit),
            check!(public_docs),
            check!(auth_required),
        );
        // Last, so that a limiter it trips cannot answer the other checks with 429s.
        let rate = check!(rate_limit).await;
        (first, rate)
    };
    let ((first, rate), slow) = tokio::join!(side_by_side, check!(slow_client));
    let (health, metrics, headers, cors, leak, body, docs, auth) = first;
    let results: Vec<(CheckRun, Vec<Finding>)> =
        [health, metrics, headers, cors, leak, body, rate, docs, auth, slow].into_iter().flatten().collect();

    let mut findings = Vec::new();
    let mut checks = Vec::new();
    for (run, found) in results {
        checks.push(run);
        findings.extend(found);
    }
    findings.sort_by(|a, b| (&a.path, a.rule, &a.message).cmp(&(&b.path, b.rule, &b.message)));
    Ok(ProbeRun {
        url: shared.base.to_string(),
        findings,
        checks,
        requests_sent: shared.budget.sent(),
        max_requests: options.max_requests,
        elapsed: started.elapsed(),
        max_time: options.max_time,
        openapi: openapi_source,
        routes: api.as_ref().map_or(0, |api| api.routes.len()),
    })
}

/// A document at an absolute URL: only on the service's own origin.
/// The document at `url`, on the service's origin (`run` refused any other before the first
/// request).
async fn fetch_absolute(shared: &Shared, url: &str, sent: &AtomicUsize) -> Option<Arc<Exchange>> {
    let parsed = reqwest::Url::parse(url).ok().filter(|parsed| parsed.origin() == shared.base.origin())?;
    let base_path = shared.base.path().trim_end_matches('/');
    let path = parsed.path().strip_prefix(base_path).unwrap_or(parsed.path());
    shared.get_cached(path, sent).await.ok()
}

/// The run of a service that accepts connections and never answers: a health finding, and
/// every other check not run.
fn silent_service(shared: &Shared, options: &ProbeOptions, failure: &Failure, started: Instant) -> ProbeRun {
    let detail = format!("GET {} brought no response ({failure}); nothing else was probed", shared.base);
    let mut findings = Vec::new();
    let checks = CHECKS
        .iter()
        .filter(|meta| options.checks.is_empty() || options.checks.contains(&meta.id))
        .map(|meta| {
            if meta.id == health::META.id {
                findings.push(crate::evidence::finding(
                    &health::META,
                    health::META.severity,
                    "GET",
                    &shared.base,
                    format!("the service does not answer: {failure}"),
                    format!("> GET {} HTTP/1.1\n< ({failure})", shared.base.path()),
                    "no-answer",
                ));
                CheckRun { id: meta.id, status: CheckStatus::Failed, detail: detail.clone(), requests: 1 }
            } else {
                CheckRun { id: meta.id, status: CheckStatus::NotRun, detail: detail.clone(), requests: 0 }
            }
        })
        .collect();
    ProbeRun {
        url: shared.base.to_string(),
        findings,
        checks,
        requests_sent: shared.budget.sent(),
        max_requests: options.max_requests,
        elapsed: started.elapsed(),
        max_time: options.max_time,
        openapi: None,
        routes: 0,
    }
}
