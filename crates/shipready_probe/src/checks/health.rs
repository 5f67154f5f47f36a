use std::fmt::Write as _;
use std::time::Duration;

use super::{Cx, Outcome, declare_probe};
use crate::client::Request;
use crate::discover::{self, HEALTH_PATHS};
use crate::evidence;

declare_probe! {
    /// ## What it does
    /// Looks for a liveness or readiness endpoint that answers `2xx` within one second: the
    /// paths the OpenAPI document names `health`, `healthz`, `livez`, `readyz`, `ready`, `status`
    /// or `ping`, then the usual ones (`/healthz`, `/health`, `/livez`, `/readyz`, `/ready`,
    /// `/api/health`, `/health/live`, `/health/ready`, `/status`, `/ping`, …). It stops at the
    /// first that answers; a catch-all page that answers every path does not count.
    ///
    /// Budget: at most 14 GET requests.
    ///
    /// ## Why is this bad?
    /// Orchestrators and load balancers decide from the health endpoint whether to send traffic
    /// and when to restart an instance. Without one, a hung process keeps receiving requests; with
    /// a slow one, probes time out and healthy instances are killed.
    ///
    /// ## Example
    /// ```text
    /// > GET /healthz HTTP/1.1
    /// < HTTP/1.1 404 Not Found
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// > GET /healthz HTTP/1.1
    /// < HTTP/1.1 200 OK
    /// {"status":"ok"}
    /// ```
    id: "probe-health",
    area: Operations,
    severity: High,
    title: "No health endpoint answers quickly",
    rationale: "Orchestrators route traffic and restart instances by the health endpoint; without a fast one they cannot.",
    fix: "Serve a cheap liveness endpoint such as /healthz (and a readiness one that checks dependencies) answering 200 within a second.",
}

/// How fast a health endpoint must answer.
const WITHIN: Duration = Duration::from_secs(1);

pub(crate) async fn run(cx: &Cx<'_>) -> Outcome {
    let words = ["health", "healthz", "livez", "readyz", "ready", "readiness", "liveness", "status", "ping"];
    let paths = discover::candidates(cx.api, &words, &HEALTH_PATHS);
    let mut tried = Vec::new();
    let mut slow = None;
    for path in paths.iter().take(14) {
        let exchange = match cx.shared.send(&Request::get(path.as_str()), &cx.sent).await {
            Ok(exchange) => exchange,
            Err(failure) if failure.is_unreachable() || matches!(failure, crate::client::Failure::Budget(_)) => {
                return Outcome::interrupted(&failure);
            }
            Err(failure) => {
                tried.push(format!("{path} ({failure})"));
                continue;
            }
        };
        if exchange.status.is_success() && !cx.is_catch_all(&exchange) {
            if exchange.elapsed <= WITHIN {
                return Outcome::passed(format!(
                    "{} answered {} in {} ms",
                    exchange.path(),
                    exchange.status.as_u16(),
                    exchange.elapsed.as_millis()
                ));
            }
            slow.get_or_insert(exchange);
            continue;
        }
        tried.push(format!("{path} ({})", exchange.status.as_u16()));
    }
    if let Some(exchange) = slow {
        let message = format!(
            "the health endpoint {} took {:.1} s to answer; probes give up after about a second",
            exchange.path(),
            exchange.elapsed.as_secs_f64()
        );
        let evidence =
            format!("{}\n< (after {} ms)", evidence::render(&exchange, &[], None), exchange.elapsed.as_millis());
        let finding = evidence::about(&META, META.severity, &exchange, message.clone(), evidence, "slow");
        return Outcome::failed(message, vec![finding]);
    }
    let Ok(url) = cx.shared.url("/") else { return Outcome::not_run("the base URL cannot be joined") };
    let message = "no health endpoint answers 2xx: tried ".to_string() + &summarise(&tried);
    let evidence = tried.iter().map(|line| format!("> GET {line}")).collect::<Vec<_>>().join("\n");
    let finding = evidence::finding(&META, META.severity, "GET", &url, message.clone(), evidence, "none");
    Outcome::failed(message, vec![finding])
}

/// The first few attempts and how many more.
pub(super) fn summarise(tried: &[String]) -> String {
    const SHOWN: usize = 4;
    let mut text = tried.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if tried.len() > SHOWN {
        let _ = write!(text, " and {} more", tried.len() - SHOWN);
    }
    text
}
