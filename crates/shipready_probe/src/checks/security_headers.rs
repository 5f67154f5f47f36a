use super::{Cx, Outcome, declare_probe};
use crate::client::{Exchange, Failure};
use crate::evidence;

declare_probe! {
    /// ## What it does
    /// Reads the headers of a page the service really serves: the base URL when it answers
    /// `2xx`, else the first that does of two documented GET routes, `/healthz` and `/health`
    /// (error pages often carry headers of their own: Express's 404 page sets a CSP and
    /// `nosniff` that its routes do not), else the base URL's answer whatever it is. It reports
    /// each missing protection on its own:
    /// - `X-Content-Type-Options: nosniff`;
    /// - frame protection: `X-Frame-Options`, or a `Content-Security-Policy` with
    ///   `frame-ancestors`;
    /// - `Referrer-Policy`;
    /// - `Content-Security-Policy`;
    /// - `Strict-Transport-Security`, on `https` only;
    /// - and, the other way round, banners that name the stack: `X-Powered-By`, and a `Server`
    ///   header with a version number (`nginx/1.25.3`, `Werkzeug/3.0.1 Python/3.11.7`).
    ///
    /// Budget: at most 5 GET requests (`/`, two documented routes, `/healthz`, `/health`), most
    /// of them already made by discovery and the health check (answers are shared); `/` is
    /// never asked again.
    ///
    /// ## Why is this bad?
    /// These headers are how a browser is told to refuse framing (clickjacking), content-type
    /// sniffing and inline scripts (XSS), and plain-HTTP downgrades. Version banners tell an
    /// attacker which known vulnerabilities to try.
    ///
    /// ## Example
    /// ```text
    /// < HTTP/1.1 200 OK
    /// < x-powered-by: Express
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// < HTTP/1.1 200 OK
    /// < x-content-type-options: nosniff
    /// < x-frame-options: DENY
    /// < referrer-policy: no-referrer
    /// < content-security-policy: default-src 'self'; frame-ancestors 'none'
    /// ```
    id: "probe-security-headers",
    area: Security,
    severity: Medium,
    title: "Security headers missing or stack banners sent",
    rationale: "Browsers only refuse framing, sniffing, inline scripts and downgrades when the response tells them to.",
    fix: "Set the headers once for every response (helmet for Express, a middleware or the proxy), and drop X-Powered-By and version banners.",
}

/// The response headers the evidence shows.
const SHOWN: [&str; 7] = [
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
    "content-security-policy",
    "strict-transport-security",
    "x-powered-by",
    "server",
];

pub(crate) async fn run(cx: &Cx<'_>) -> Outcome {
    let mut candidates = vec!["/".to_string()];
    candidates
        .extend(cx.routes("GET").filter(|route| !route.has_path_parameters()).map(|r| r.template.clone()).take(2));
    candidates.extend(["/healthz", "/health"].map(String::from));
    candidates.dedup();
    let mut base = None;
    let mut served = None;
    for path in &candidates {
        let exchange = match cx.shared.get_cached(path, &cx.sent).await {
            Ok(exchange) => exchange,
            Err(failure @ Failure::Budget(_)) => return Outcome::interrupted(&failure),
            Err(failure) if base.is_none() => return Outcome::interrupted(&failure),
            Err(_) => continue,
        };
        let page = exchange.status.is_success() && (path == "/" || !cx.is_catch_all(&exchange));
        base.get_or_insert_with(|| std::sync::Arc::clone(&exchange));
        if page {
            served = Some(exchange);
            break;
        }
    }
    let Some(exchange) = served.or(base) else { return Outcome::not_run("no page was answered") };
    let problems = problems(&exchange, cx.shared.base.scheme() == "https");
    let findings = problems
        .iter()
        .map(|(key, message)| {
            let evidence = evidence::render(&exchange, &SHOWN, None);
            evidence::about(&META, META.severity, &exchange, message.clone(), evidence, key)
        })
        .collect();
    Outcome::from_findings(findings, format!("{} sends every header checked", exchange.path()))
}

/// Each problem with the response's headers: a stable key and a message.
fn problems(exchange: &Exchange, https: bool) -> Vec<(&'static str, String)> {
    let has = |name: &str| exchange.headers.contains_key(name);
    let csp = exchange
        .headers
        .get_all("content-security-policy")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(";");
    let mut problems = Vec::new();
    if !exchange.header("x-content-type-options").is_some_and(|value| value.trim().eq_ignore_ascii_case("nosniff")) {
        problems.push((
            "nosniff",
            "no `X-Content-Type-Options: nosniff`: browsers may sniff responses into HTML or script".into(),
        ));
    }
    if !has("x-frame-options") && !csp.to_ascii_lowercase().contains("frame-ancestors") {
        problems.push((
            "frame",
            "no frame protection (`X-Frame-Options` or CSP `frame-ancestors`): any site can frame the pages".into(),
        ));
    }
    if !has("referrer-policy") {
        problems.push(("referrer", "no `Referrer-Policy`: URLs, tokens in them included, leak to other sites".into()));
    }
    if csp.trim().is_empty() {
        problems.push(("csp", "no `Content-Security-Policy`".into()));
    }
    if https && !has("strict-transport-security") {
        problems.push(("hsts", "no `Strict-Transport-Security` on an https service".into()));
    }
    if let Some(powered) = exchange.header("x-powered-by") {
        problems.push(("powered-by", format!("`X-Powered-By: {powered}` names the stack")));
    }
    if let Some(server) = exchange.header("server")
        && server.split(['/', ' ']).skip(1).any(|part| part.starts_with(|c: char| c.is_ascii_digit()))
    {
        problems.push(("server-version", format!("`Server: {server}` names the server and its version")));
    }
    problems
}

#[cfg(test)]
mod tests {
    use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
    use reqwest::{Method, StatusCode, Url};

    use super::*;

    fn exchange(headers: &[(&'static str, &str)]) -> Exchange {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(HeaderName::from_static(name), HeaderValue::from_str(value).unwrap());
        }
        Exchange {
            method: Method::GET,
            url: Url::parse("http://127.0.0.1/").unwrap(),
            sent: Vec::new(),
            status: StatusCode::OK,
            headers: map,
            body: Vec::new(),
            elapsed: std::time::Duration::ZERO,
            foreign_redirect: None,
        }
    }

    fn keys(headers: &[(&'static str, &str)], https: bool) -> Vec<&'static str> {
        problems(&exchange(headers), https).into_iter().map(|(key, _)| key).collect()
    }

    #[test]
    fn a_bare_response_misses_everything_and_https_adds_hsts() {
        assert_eq!(keys(&[], false), ["nosniff", "frame", "referrer", "csp"]);
        assert_eq!(keys(&[], true), ["nosniff", "frame", "referrer", "csp", "hsts"]);
    }

    #[test]
    fn frame_ancestors_counts_as_frame_protection_and_banners_are_reported() {
        let headers = [
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "no-referrer"),
            ("content-security-policy", "default-src 'self'; frame-ancestors 'none'"),
            ("x-powered-by", "Express"),
            ("server", "nginx/1.25.3"),
        ];
        assert_eq!(keys(&headers, false), ["powered-by", "server-version"]);
    }

    #[test]
    fn a_server_name_without_a_version_is_not_a_banner() {
        let headers = [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "no-referrer"),
            ("content-security-policy", "default-src 'self'"),
            ("server", "uvicorn"),
        ];
        assert!(keys(&headers, false).is_empty());
    }
}
