use reqwest::Method;
use shipready_diagnostics::Severity;

use super::{Cx, Outcome, declare_probe};
use crate::client::{Exchange, Failure, Request};
use crate::evidence;

declare_probe! {
    /// ## What it does
    /// Sends requests with `Origin: https://shipready-probe.invalid`, a site that cannot exist,
    /// to the base URL and to one documented GET route: a plain GET and an `OPTIONS` preflight
    /// (`Access-Control-Request-Method: GET`). It reports a path when the answer allows that
    /// foreign origin (`Access-Control-Allow-Origin` equal to it), or combines the wildcard `*`
    /// with `Access-Control-Allow-Credentials: true`. A plain `*` without credentials, right for a
    /// public API, is noted at `info` (it does not fail the check), so that a report can set it
    /// beside a wildcard found in the code.
    ///
    /// Budget: at most 4 requests.
    ///
    /// ## Why is this bad?
    /// A service that reflects any origin lets every website read its responses from a
    /// visitor's browser; with credentials allowed, it reads them with the visitor's session.
    ///
    /// ## Example
    /// ```text
    /// > GET / HTTP/1.1
    /// > origin: https://shipready-probe.invalid
    /// < HTTP/1.1 200 OK
    /// < access-control-allow-origin: https://shipready-probe.invalid
    /// < access-control-allow-credentials: true
    /// ```
    ///
    /// ## Use instead
    /// Allow a fixed list of your own origins; the foreign origin then gets no
    /// `Access-Control-Allow-Origin` at all.
    id: "probe-cors",
    area: Security,
    severity: High,
    title: "CORS allows a foreign origin",
    rationale: "A service that allows any origin lets every website read its answers from a visitor's browser.",
    fix: "Allow a fixed list of your own origins, never reflect the request's Origin, and never pair `*` with credentials.",
}

/// An origin no one can own (RFC 2606's `.invalid`).
pub(crate) const FOREIGN_ORIGIN: &str = "https://shipready-probe.invalid";
const SHOWN: [&str; 3] = ["access-control-allow-origin", "access-control-allow-credentials", "vary"];

pub(crate) async fn run(cx: &Cx<'_>) -> Outcome {
    let mut paths = vec!["/".to_string()];
    if let Some(route) = cx.routes("GET").find(|route| !route.has_path_parameters() && route.template != "/") {
        paths.push(route.template.clone());
    }
    let mut findings = Vec::new();
    let mut answered = 0;
    for path in &paths {
        let requests = [
            Request::get(path.as_str()).header("origin", FOREIGN_ORIGIN),
            Request::new(Method::OPTIONS, path.as_str())
                .header("origin", FOREIGN_ORIGIN)
                .header("access-control-request-method", "GET"),
        ];
        for request in &requests {
            let exchange = match cx.shared.send(request, &cx.sent).await {
                Ok(exchange) => exchange,
                Err(failure @ Failure::Budget(_)) => return Outcome::interrupted(&failure),
                Err(_) => continue,
            };
            answered += 1;
            if let Some((key, severity, message)) = problem(&exchange) {
                let evidence = evidence::render(&exchange, &SHOWN, None);
                findings.push(evidence::about(&META, severity, &exchange, message, evidence, key));
                // One finding per path: the preflight would only repeat the GET's story.
                break;
            }
        }
    }
    if answered == 0 && findings.is_empty() {
        return Outcome::not_run("no request with a foreign Origin was answered");
    }
    // A wildcard seen on one path stands for the service: one note is enough.
    if findings.iter().any(|f| f.severity > Severity::Info) {
        findings.retain(|f| f.severity > Severity::Info);
    } else {
        findings.truncate(1);
    }
    Outcome::from_findings(findings, format!("a foreign origin is not reflected on {}", paths.join(", ")))
}

fn problem(exchange: &Exchange) -> Option<(&'static str, Severity, String)> {
    let allowed = exchange.header("access-control-allow-origin")?.trim();
    let credentials = exchange
        .header("access-control-allow-credentials")
        .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"));
    if allowed == FOREIGN_ORIGIN {
        let message = if credentials {
            "reflects a foreign Origin with credentials allowed: any website can read its answers with the visitor's session"
        } else {
            "reflects a foreign Origin in Access-Control-Allow-Origin: any website can read its answers"
        };
        return Some(("reflects", META.severity, message.to_string()));
    }
    if allowed != "*" {
        return None;
    }
    Some(if credentials {
        (
            "wildcard-credentials",
            META.severity,
            "allows any origin (`*`) together with `Access-Control-Allow-Credentials: true`".to_string(),
        )
    } else {
        (
            "wildcard",
            Severity::Info,
            "allows any origin (`*`), without credentials: right for a public API only".to_string(),
        )
    })
}
