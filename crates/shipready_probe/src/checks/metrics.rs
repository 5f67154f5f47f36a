use super::health::summarise;
use super::{Cx, Outcome, declare_probe};
use crate::client::{Exchange, Failure, Request};
use crate::discover::{self, METRICS_PATHS};
use crate::evidence;

declare_probe! {
    /// ## What it does
    /// Looks for a metrics endpoint serving Prometheus or OpenMetrics text: the paths the
    /// OpenAPI document names `metrics` or `prometheus`, then `/metrics`, `/api/metrics`,
    /// `/prometheus`, `/actuator/prometheus` and `/metrics/prometheus`. An endpoint passes when
    /// it answers `2xx` with a Prometheus content type (`text/plain; version=0.0.4`,
    /// `application/openmetrics-text`) or with `# TYPE`/`# HELP` lines, or when it answers
    /// `401`/`403` while a path that cannot exist does not: metrics behind credentials are
    /// fine. When every path answers `401`/`403`, authentication stands in front of everything
    /// and the check cannot tell; it is not run (give `--header` with credentials).
    ///
    /// Budget: at most 8 GET requests.
    ///
    /// ## Why is this bad?
    /// Without request rates, error rates and latencies you learn about an outage from your
    /// users, and cannot tell a slow dependency from a slow deploy.
    ///
    /// ## Example
    /// ```text
    /// > GET /metrics HTTP/1.1
    /// < HTTP/1.1 404 Not Found
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// > GET /metrics HTTP/1.1
    /// < HTTP/1.1 200 OK
    /// < content-type: text/plain; version=0.0.4
    /// # TYPE http_requests_total counter
    /// ```
    id: "probe-metrics",
    area: Observability,
    severity: Medium,
    title: "No metrics endpoint",
    rationale: "Without request, error and latency metrics an outage is found by users, not by alerts.",
    fix: "Expose Prometheus metrics at /metrics (prometheus-client, prom-client, prometheus_fastapi_instrumentator), behind auth if public.",
}

pub(crate) async fn run(cx: &Cx<'_>) -> Outcome {
    let paths = discover::candidates(cx.api, &["metrics", "prometheus"], &METRICS_PATHS);
    let mut tried = Vec::new();
    for path in paths.iter().take(8) {
        let exchange = match cx.shared.send(&Request::get(path.as_str()), &cx.sent).await {
            Ok(exchange) => exchange,
            Err(failure @ Failure::Budget(_)) => return Outcome::interrupted(&failure),
            Err(failure) => {
                tried.push(format!("{path} ({failure})"));
                continue;
            }
        };
        if matches!(exchange.status.as_u16(), 401 | 403) {
            if cx.guards_everything() {
                return Outcome::not_run(format!(
                    "{} asks for credentials ({}), as does a path that cannot exist: give --header with credentials to look past authentication",
                    exchange.path(),
                    exchange.status
                ));
            }
            return Outcome::passed(format!(
                "{} exists and asks for credentials ({})",
                exchange.path(),
                exchange.status
            ));
        }
        if exchange.status.is_success() && serves_metrics(&exchange) {
            return Outcome::passed(format!("{} serves Prometheus metrics", exchange.path()));
        }
        tried.push(format!("{path} ({})", exchange.status.as_u16()));
    }
    let Ok(url) = cx.shared.url("/metrics") else { return Outcome::not_run("the base URL cannot be joined") };
    let message = "no endpoint serves Prometheus or OpenMetrics text: tried ".to_string() + &summarise(&tried);
    let evidence = tried.iter().map(|line| format!("> GET {line}")).collect::<Vec<_>>().join("\n");
    Outcome::failed(
        message.clone(),
        vec![evidence::finding(&META, META.severity, "GET", &url, message, evidence, "none")],
    )
}

/// A Prometheus content type, or exposition-format comment lines.
fn serves_metrics(exchange: &Exchange) -> bool {
    let content_type = exchange.header("content-type").unwrap_or("").to_ascii_lowercase();
    if content_type.starts_with("application/openmetrics-text")
        || (content_type.starts_with("text/plain") && content_type.contains("version=0.0.4"))
    {
        return true;
    }
    !content_type.contains("html")
        && exchange.body_text().lines().take(200).any(|line| line.starts_with("# TYPE ") || line.starts_with("# HELP "))
}
