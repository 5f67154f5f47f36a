//! The ordinary request path: reqwest over hyper, one request at a time through the budget.
//!
//! reqwest follows no redirect and retries nothing here: every hop and every attempt is a
//! request of its own, taken from the budget. Redirects are followed only within the service's
//! own origin. Response bodies are read up to [`MAX_BODY_BYTES`]; the rest is never read.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode, Url};
use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::budget::{Budget, Spent};

/// At most this much of a response body is read; the connection is dropped after it.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Same-origin redirects followed per request, each one a request of the budget.
const MAX_REDIRECTS: usize = 3;

/// What every check shares: the client, the budget and what discovery learned.
pub(crate) struct Shared {
    pub base: Url,
    pub client: reqwest::Client,
    pub tls: Arc<rustls::ClientConfig>,
    pub budget: Budget,
    pub timeout: Duration,
    /// Bounds the requests in flight at once, raw connections included.
    pub permits: Semaphore,
    /// Headers the user gave (`--header`), sent with every request that carries credentials.
    pub headers: HeaderMap,
    /// Plain GETs already answered, by path: checks that need the same page share one request.
    cache: Mutex<HashMap<String, Arc<Exchange>>>,
    /// The first response anywhere in the run that showed a rate limit at work.
    pub rate_limited: Mutex<Option<Arc<Exchange>>>,
}

/// One request as a check describes it.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub method: Method,
    /// Path and query, from the root of the service (the base URL's path is put in front).
    pub path: String,
    /// Headers this check adds, shown in the evidence.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// Send the user's `--header`s (credentials, usually). Off for `probe-auth-required`.
    pub credentials: bool,
    /// Follow redirects within the origin (off: the redirect is the answer).
    pub follow: bool,
    pub body: Option<(&'static str, Vec<u8>)>,
}

impl Request {
    pub(crate) fn get(path: impl Into<String>) -> Self {
        Self {
            method: Method::GET,
            path: path.into(),
            headers: Vec::new(),
            credentials: true,
            follow: true,
            body: None,
        }
    }

    pub(crate) fn new(method: Method, path: impl Into<String>) -> Self {
        Self { method, ..Self::get(path) }
    }

    pub(crate) fn header(mut self, name: &'static str, value: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.push((HeaderName::from_static(name), value));
        }
        self
    }

    pub(crate) fn without_credentials(mut self) -> Self {
        self.credentials = false;
        self
    }

    pub(crate) fn no_follow(mut self) -> Self {
        self.follow = false;
        self
    }

    pub(crate) fn body(mut self, content_type: &'static str, body: Vec<u8>) -> Self {
        self.body = Some((content_type, body));
        self
    }
}

/// A request and what came back.
#[derive(Debug, Clone)]
pub(crate) struct Exchange {
    pub method: Method,
    pub url: Url,
    /// The headers the check added (the evidence shows them).
    pub sent: Vec<(HeaderName, HeaderValue)>,
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body, up to [`MAX_BODY_BYTES`].
    pub body: Vec<u8>,
    /// Until the response head arrived.
    pub elapsed: Duration,
    /// A redirect to another origin, which was not followed.
    pub foreign_redirect: Option<String>,
}

impl Exchange {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub(crate) fn body_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// The path and query requested, as the finding's location.
    pub(crate) fn path(&self) -> String {
        match self.url.query() {
            Some(query) => format!("{}?{query}", self.url.path()),
            None => self.url.path().to_string(),
        }
    }

    /// Whether the response shows a rate limiter at work: a 429, or a `Retry-After` or
    /// rate-limit header.
    pub(crate) fn shows_rate_limit(&self) -> bool {
        self.status == StatusCode::TOO_MANY_REQUESTS
            || [
                "retry-after",
                "ratelimit",
                "ratelimit-limit",
                "ratelimit-policy",
                "x-ratelimit-limit",
                "x-rate-limit-limit",
            ]
            .iter()
            .any(|name| self.headers.contains_key(*name))
    }
}

/// Why a request brought no response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Failure {
    #[error(transparent)]
    Budget(#[from] Spent),
    #[error("no response within {:.1} s", .0.as_secs_f64())]
    Timeout(Duration),
    #[error("connection refused")]
    Refused,
    #[error("the connection was closed or reset before a response")]
    Closed,
    #[error("TLS failed: {0}")]
    Tls(String),
    #[error("the host name did not resolve: {0}")]
    Dns(String),
    #[error("the response head is too large (more than the client reads)")]
    HeadTooLarge,
    #[error("{0}")]
    Other(String),
}

impl Failure {
    /// Whether the service is not there at all, as opposed to answering badly.
    pub(crate) fn is_unreachable(&self) -> bool {
        matches!(self, Failure::Refused | Failure::Tls(_) | Failure::Dns(_))
    }

    pub(crate) fn from_reqwest(error: &reqwest::Error, timeout: Duration) -> Self {
        if error.is_timeout() {
            return Failure::Timeout(timeout);
        }
        let mut chain = Vec::new();
        let mut source: Option<&dyn std::error::Error> = Some(error);
        while let Some(error) = source {
            if let Some(io) = error.downcast_ref::<std::io::Error>() {
                // An io::Error's `source()` skips the error it wraps (often another io::Error
                // around a rustls one): go through it instead.
                if let Some(inner) = io.get_ref() {
                    let inner: &(dyn std::error::Error + 'static) = inner;
                    if io.kind() == std::io::ErrorKind::Other || io.kind() == std::io::ErrorKind::InvalidData {
                        source = Some(inner);
                        continue;
                    }
                }
                match io.kind() {
                    std::io::ErrorKind::ConnectionRefused => return Failure::Refused,
                    std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::UnexpectedEof => return Failure::Closed,
                    std::io::ErrorKind::TimedOut => return Failure::Timeout(timeout),
                    _ => {}
                }
            }
            if let Some(tls) = error.downcast_ref::<rustls::Error>() {
                return Failure::Tls(tls.to_string());
            }
            chain.push(error.to_string());
            source = error.source();
        }
        let text = chain.join(": ");
        let lower = text.to_ascii_lowercase();
        if lower.contains("too large") {
            Failure::HeadTooLarge
        } else if lower.contains("dns error") || lower.contains("failed to lookup address") {
            Failure::Dns(chain.last().cloned().unwrap_or_default())
        } else if lower.contains("connection closed") || lower.contains("incomplete message") {
            Failure::Closed
        } else if lower.contains("certificate") || lower.contains("tls") {
            Failure::Tls(chain.last().cloned().unwrap_or_default())
        } else {
            Failure::Other(chain.last().cloned().unwrap_or(text))
        }
    }
}

impl Shared {
    pub(crate) fn new(
        base: Url,
        budget: Budget,
        timeout: Duration,
        concurrency: usize,
        headers: HeaderMap,
    ) -> Result<Self, crate::ProbeError> {
        let tls = Arc::new(tls_config()?);
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured((*tls).clone())
            .redirect(reqwest::redirect::Policy::none())
            .retry(reqwest::retry::never())
            .no_proxy()
            .http1_only()
            .referer(false)
            .connect_timeout(timeout)
            .pool_max_idle_per_host(concurrency)
            .user_agent(crate::USER_AGENT)
            .build()
            .map_err(|error| crate::ProbeError::Client(error.to_string()))?;
        Ok(Self {
            base,
            client,
            tls,
            budget,
            timeout,
            permits: Semaphore::new(concurrency.max(1)),
            headers,
            cache: Mutex::new(HashMap::new()),
            rate_limited: Mutex::new(None),
        })
    }

    /// The URL of `path` under the base URL's path.
    pub(crate) fn url(&self, path: &str) -> Result<Url, Failure> {
        let prefix = self.base.path().trim_end_matches('/');
        let joined = format!("{prefix}/{}", path.trim_start_matches('/'));
        self.base.join(&joined).map_err(|error| Failure::Other(format!("`{path}` is not a valid path: {error}")))
    }

    /// A plain GET, answered from the cache when a check already made it.
    pub(crate) async fn get_cached(&self, path: &str, sent: &AtomicUsize) -> Result<Arc<Exchange>, Failure> {
        if let Some(hit) = self.cache.lock().ok().and_then(|cache| cache.get(path).cloned()) {
            return Ok(hit);
        }
        let exchange = Arc::new(self.send(&Request::get(path), sent).await?);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(path.to_string(), Arc::clone(&exchange));
        }
        Ok(exchange)
    }

    /// Sends one request, following redirects within the service's origin. `sent` counts the
    /// requests this check made.
    pub(crate) async fn send(&self, request: &Request, sent: &AtomicUsize) -> Result<Exchange, Failure> {
        let mut url = self.url(&request.path)?;
        for _ in 0..=MAX_REDIRECTS {
            let mut exchange = self.send_once(request, url.clone(), sent).await?;
            if !exchange.status.is_redirection() || !request.follow {
                return Ok(exchange);
            }
            let Some(next) = exchange.header("location").and_then(|location| url.join(location).ok()) else {
                return Ok(exchange);
            };
            if next.origin() != self.base.origin() {
                exchange.foreign_redirect = Some(next.to_string());
                return Ok(exchange);
            }
            // Only safe methods are followed; a body is never sent twice.
            if request.body.is_some() || next == url {
                return Ok(exchange);
            }
            url = next;
        }
        Err(Failure::Other(format!("more than {MAX_REDIRECTS} redirects")))
    }

    async fn send_once(&self, request: &Request, url: Url, sent: &AtomicUsize) -> Result<Exchange, Failure> {
        let _permit = self.permits.acquire().await.map_err(|_| Failure::Other("the run is over".into()))?;
        self.budget.take()?;
        sent.fetch_add(1, Ordering::Relaxed);
        let timeout = self.budget.clip(self.timeout);
        if timeout.is_zero() {
            return Err(Failure::Budget(Spent::Time));
        }
        let mut builder = self.client.request(request.method.clone(), url.clone()).timeout(timeout);
        if request.credentials {
            builder = builder.headers(self.headers.clone());
        }
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some((content_type, body)) = &request.body {
            builder = builder.header("content-type", *content_type).body(body.clone());
        }
        let started = Instant::now();
        let mut response = builder.send().await.map_err(|error| Failure::from_reqwest(&error, timeout))?;
        let elapsed = started.elapsed();
        let status = response.status();
        let headers = response.headers().clone();
        let mut body = Vec::new();
        if request.method != Method::HEAD {
            // The head arrived; a body cut short or too slow is kept as far as it came.
            while let Ok(Some(chunk)) = response.chunk().await {
                let room = MAX_BODY_BYTES - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if chunk.len() > room || body.len() == MAX_BODY_BYTES {
                    break;
                }
            }
        }
        let exchange = Exchange {
            method: request.method.clone(),
            url,
            sent: request.headers.clone(),
            status,
            headers,
            body,
            elapsed,
            foreign_redirect: None,
        };
        if exchange.shows_rate_limit()
            && let Ok(mut seen) = self.rate_limited.lock()
            && seen.is_none()
        {
            *seen = Some(Arc::new(exchange.clone()));
        }
        Ok(exchange)
    }
}

/// rustls with ring and the platform's certificate verifier; HTTP/1.1 only.
fn tls_config() -> Result<rustls::ClientConfig, crate::ProbeError> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(BuilderVerifierExt::with_platform_verifier)
        .map_err(|error| crate::ProbeError::Client(format!("cannot set up TLS: {error}")))?
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}
