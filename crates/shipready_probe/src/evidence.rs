//! What a live finding shows: the request as sent and the part of the response that matters,
//! in the `>`/`<` form of `curl -v`, and the finding built around it.

use std::fmt::Write as _;

use reqwest::Url;
use shipready_diagnostics::{Endpoint, Finding, Location, RuleMeta, Severity, Span, endpoint_fingerprint};

use crate::client::Exchange;

/// Longest line of a response body quoted as evidence.
const MAX_QUOTE: usize = 200;

/// The request line, the headers the check added, the status line and the response headers
/// named in `show` (those present), then `quote` from the body if given.
pub(crate) fn render(exchange: &Exchange, show: &[&str], quote: Option<&str>) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "> {} {} HTTP/1.1", exchange.method, exchange.path());
    for (name, value) in &exchange.sent {
        let _ = writeln!(text, "> {name}: {}", value.to_str().unwrap_or("…"));
    }
    let reason = exchange.status.canonical_reason().unwrap_or("");
    let _ = write!(text, "< HTTP/1.1 {} {reason}", exchange.status.as_u16());
    for name in show {
        for value in exchange.headers.get_all(*name) {
            let _ = write!(text, "\n< {name}: {}", value.to_str().unwrap_or("…"));
        }
    }
    if let Some(location) = &exchange.foreign_redirect {
        let _ = write!(text, "\n< location: {location} (another origin: not followed)");
    }
    if let Some(quote) = quote {
        let _ = write!(text, "\n<\n< {}", clip(quote.trim()));
    }
    text
}

/// A duration as people read it: `340 ms`, `4.2 s`.
pub(crate) fn duration(elapsed: std::time::Duration) -> String {
    if elapsed < std::time::Duration::from_secs(1) {
        format!("{} ms", elapsed.as_millis())
    } else {
        format!("{:.1} s", elapsed.as_secs_f64())
    }
}

/// A line cut to [`MAX_QUOTE`] characters.
pub(crate) fn clip(line: &str) -> String {
    match line.char_indices().nth(MAX_QUOTE) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

/// A live finding at `method url`. `key` is what identifies it across runs (see
/// [`endpoint_fingerprint`]): never a timing, a date or a port.
pub(crate) fn finding(
    meta: &'static RuleMeta,
    severity: Severity,
    method: &str,
    url: &Url,
    message: String,
    evidence: String,
    key: &str,
) -> Finding {
    let path = url.path().to_string();
    Finding {
        rule: meta.id,
        area: meta.area,
        severity,
        fingerprint: endpoint_fingerprint(meta.id, method, &path, key),
        path,
        file: None,
        span: Span::default(),
        location: Location { line: 0, column: 0, end_line: 0, end_column: 0 },
        message,
        snippet: evidence,
        suppression: None,
        endpoint: Some(Box::new(Endpoint { method: method.to_string(), url: url.to_string() })),
    }
}

/// A finding about one exchange.
pub(crate) fn about(
    meta: &'static RuleMeta,
    severity: Severity,
    exchange: &Exchange,
    message: String,
    evidence: String,
    key: &str,
) -> Finding {
    finding(meta, severity, exchange.method.as_str(), &exchange.url, message, evidence, key)
}
