//! Live checks of a running HTTP service (`shipready probe URL`), the `probe-*` rows of
//! `CHECKS.md`.
//!
//! A run is bounded before it starts: at most [`ProbeOptions::max_requests`] requests and
//! [`ProbeOptions::max_time`] of wall time, a per-request timeout, a fixed number of requests in
//! flight, response bodies read up to [`MAX_BODY_BYTES`], no redirect followed to another
//! origin. Only GET, HEAD and OPTIONS are sent unless bodies are allowed; the body probes send
//! only malformed data that no valid handler accepts.
//!
//! The run goes in three phases: discovery (the base URL, a path that cannot exist, the OpenAPI
//! document), the checks side by side, and last the rate-limit burst, so that a limiter it trips
//! cannot make the other checks see 429s. The slow-client check runs alongside all of them.

mod budget;
mod checks;
mod client;
pub mod discover;
mod evidence;
mod raw;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
pub use shipready_diagnostics::CheckStatus;
use shipready_diagnostics::{Finding, ProbeCheck, ProbeSummary, RuleMeta};

pub use checks::CHECKS;
pub use client::MAX_BODY_BYTES;
pub use discover::Api;

/// What the probe calls itself in `User-Agent`, so operators can tell it from users.
pub const USER_AGENT: &str = concat!("shipready-probe/", env!("CARGO_PKG_VERSION"));
pub const DEFAULT_MAX_REQUESTS: usize = 500;
pub const DEFAULT_MAX_TIME: Duration = Duration::from_mins(1);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
pub const DEFAULT_CONCURRENCY: usize = 4;
/// Requests of the rate-limit burst, at most.
pub const DEFAULT_BURST: usize = 100;
/// The size of the chunked body the body-limit check offers: far over any sane limit, and over
/// what the kernel's socket buffers can hide.
pub const DEFAULT_BODY_BYTES: u64 = 32 * 1024 * 1024;
/// How long a slow client may keep a connection before the service should cut it off.
pub const DEFAULT_SLOW_CLIENT: Duration = Duration::from_secs(30);

/// Where the OpenAPI document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenApiSource {
    File(PathBuf),
    Url(String),
}

/// What to probe and within which limits.
#[derive(Debug, Clone)]
pub struct ProbeOptions {
    pub url: String,
    pub max_requests: usize,
    pub max_time: Duration,
    /// Per request, and per wait on the raw path.
    pub timeout: Duration,
    pub concurrency: usize,
    /// Send the body probes (`probe-body-limit`, and malformed bodies for `probe-error-leak`).
    pub allow_bodies: bool,
    /// `Name: value` pairs sent with every request but those of `probe-auth-required`.
    pub headers: Vec<String>,
    /// Paths that must refuse requests without credentials.
    pub private_paths: Vec<String>,
    pub openapi: Option<OpenApiSource>,
    /// The checks to run, by id (all when empty).
    pub checks: Vec<&'static str>,
    pub burst: usize,
    pub body_bytes: u64,
    pub slow_client: Duration,
}

impl ProbeOptions {
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            max_requests: DEFAULT_MAX_REQUESTS,
            max_time: DEFAULT_MAX_TIME,
            timeout: DEFAULT_TIMEOUT,
            concurrency: DEFAULT_CONCURRENCY,
            allow_bodies: false,
            headers: Vec::new(),
            private_paths: Vec::new(),
            openapi: None,
            checks: Vec::new(),
            burst: DEFAULT_BURST,
            body_bytes: DEFAULT_BODY_BYTES,
            slow_client: DEFAULT_SLOW_CLIENT,
        }
    }
}

/// Why a run could not take place. Each message names what is wrong; the binary adds a hint.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error("`{url}` is not a URL: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("`{0}` has no scheme")]
    MissingScheme(String),
    #[error("`{url}` uses `{scheme}`; shipready probes http and https services")]
    UnsupportedScheme { url: String, scheme: String },
    #[error("`{0}` is not a header: expected `Name: value`")]
    InvalidHeader(String),
    #[error("cannot reach {url}: {reason}")]
    Unreachable { url: String, reason: String, cause: Unreachable },
    #[error("cannot read the OpenAPI document `{source_name}`: {reason}")]
    OpenApi { source_name: String, reason: String },
    #[error(
        "the OpenAPI document `{url}` is not on the service's origin ({origin}), and the probe sends nothing elsewhere"
    )]
    OpenApiElsewhere { url: String, origin: String },
    #[error("{0}")]
    Client(String),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

/// Why the service could not be reached at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreachable {
    /// Nothing listens on that port.
    Refused,
    /// The host name does not resolve.
    Dns,
    /// The TLS handshake failed: an untrusted certificate, or a port that speaks plain HTTP.
    Tls,
}

/// One check's result.
#[derive(Debug, Clone, Serialize)]
pub struct CheckRun {
    pub id: &'static str,
    pub status: CheckStatus,
    /// What it saw, in one sentence: why it passed, or why it could not run.
    pub detail: String,
    /// Requests this check sent (a response shared from discovery is not counted again).
    pub requests: usize,
}

/// A finished run.
#[derive(Debug, Clone)]
pub struct ProbeRun {
    /// The base URL, normalised.
    pub url: String,
    /// Every finding, sorted by path, check and message.
    pub findings: Vec<Finding>,
    /// One entry per check asked for, in catalog order.
    pub checks: Vec<CheckRun>,
    pub requests_sent: usize,
    pub max_requests: usize,
    pub elapsed: Duration,
    pub max_time: Duration,
    /// The OpenAPI document used, if any.
    pub openapi: Option<String>,
    pub routes: usize,
}

impl ProbeRun {
    pub fn metas(&self) -> Vec<&'static RuleMeta> {
        let ran: BTreeSet<&str> = self.checks.iter().map(|check| check.id).collect();
        CHECKS.iter().copied().filter(|meta| ran.contains(meta.id)).collect()
    }

    /// The run as the reports carry it.
    pub fn summary(&self) -> ProbeSummary {
        ProbeSummary {
            url: self.url.clone(),
            requests_sent: self.requests_sent,
            max_requests: self.max_requests,
            elapsed_ms: u64::try_from(self.elapsed.as_millis()).unwrap_or(u64::MAX),
            max_seconds: self.max_time.as_secs(),
            openapi: self.openapi.clone(),
            routes: self.routes,
            checks: self
                .checks
                .iter()
                .map(|check| ProbeCheck {
                    id: check.id.to_string(),
                    status: check.status,
                    detail: check.detail.clone(),
                    requests: check.requests,
                })
                .collect(),
        }
    }
}

/// Checks a URL as the user typed it: a scheme of http or https, and a host.
pub fn parse_url(text: &str) -> Result<Url, ProbeError> {
    let invalid = |reason: String| ProbeError::InvalidUrl { url: text.to_string(), reason };
    if !text.contains("://") {
        return Err(ProbeError::MissingScheme(text.to_string()));
    }
    let url = Url::parse(text).map_err(|error| invalid(error.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ProbeError::UnsupportedScheme { url: text.to_string(), scheme: url.scheme().to_string() });
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host".into()));
    }
    Ok(url)
}

fn parse_headers(headers: &[String]) -> Result<HeaderMap, ProbeError> {
    let mut map = HeaderMap::new();
    for header in headers {
        let (name, value) = header.split_once(':').ok_or_else(|| ProbeError::InvalidHeader(header.clone()))?;
        let name =
            HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| ProbeError::InvalidHeader(header.clone()))?;
        let value = HeaderValue::from_str(value.trim()).map_err(|_| ProbeError::InvalidHeader(header.clone()))?;
        map.append(name, value);
    }
    Ok(map)
}

/// Probes the service, on a runtime of its own. Blocks until the run is over, which the budget
/// bounds.
pub fn probe(options: &ProbeOptions) -> Result<ProbeRun, ProbeError> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(ProbeError::Runtime)?;
    runtime.block_on(run(options))
}

/// Probes the service on the caller's runtime.
pub async fn run(options: &ProbeOptions) -> Result<ProbeRun, ProbeError> {
    let url = parse_url(&options.url)?;
    let headers = parse_headers(&options.headers)?;
    let api = match &options.openapi {
        Some(OpenApiSource::File(path)) => {
            let source_name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|error| ProbeError::OpenApi { source_name: source_name.clone(), reason: error.to_string() })?;
            Some(
                discover::parse_openapi(&text, &source_name)
                    .map_err(|reason| ProbeError::OpenApi { source_name, reason })?,
            )
        }
        Some(OpenApiSource::Url(given)) => {
            // Refused before anything is sent: the probe never leaves the service's origin.
            let parsed = reqwest::Url::parse(given).map_err(|error| ProbeError::OpenApi {
                source_name: given.clone(),
                reason: format!("not a URL: {error}"),
            })?;
            if parsed.origin() != url.origin() {
                return Err(ProbeError::OpenApiElsewhere {
                    url: given.clone(),
                    origin: url.origin().ascii_serialization(),
                });
            }
            None
        }
        None => None,
    };
    let budget = budget::Budget::new(options.max_requests, options.max_time);
    let shared = client::Shared::new(url, budget, options.timeout, options.concurrency, headers)?;
    Box::pin(checks::run_all(shared, api, options)).await
}
