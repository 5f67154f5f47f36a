use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use tokio::time::Instant;

use super::{Cx, Outcome, declare_probe};
use crate::client::{Exchange, Failure, Request};
use crate::evidence;

declare_probe! {
    /// ## What it does
    /// Sends a bounded burst of GET requests (100 by default, `--burst`, never more than the
    /// budget has left) to one endpoint: a documented GET route without parameters that is not
    /// a health, metrics or docs page, else the base URL. It stops at the first answer that shows
    /// a limiter: `429 Too Many Requests`, a `Retry-After` header, or `RateLimit`/
    /// `X-RateLimit-Limit` headers. Any such answer seen earlier in the run counts too, with no
    /// burst at all. It runs after every other check, so that a limiter it trips cannot disturb
    /// them.
    ///
    /// Budget: at most `--burst` requests, sent `--concurrency` at a time.
    ///
    /// ## Why is this bad?
    /// Without rate limiting one client, a script or a scraper can exhaust the service, run up
    /// the bill of the APIs behind it, or brute-force credentials.
    ///
    /// ## Example
    /// ```text
    /// 100 × GET /api/events in 0.4 s: 100 × 200 OK
    /// ```
    ///
    /// ## Use instead
    /// A limiter per client in a shared store (Redis), or at the gateway, answering `429` with
    /// `Retry-After`.
    id: "probe-rate-limit",
    area: Security,
    severity: High,
    title: "No rate limit met by a burst",
    rationale: "Without rate limiting one client can exhaust the service, the APIs behind it, or guess credentials.",
    fix: "Limit requests per client at the gateway or in middleware with a shared store, answering 429 with Retry-After.",
}

pub(crate) async fn run(cx: &Cx<'_>) -> Outcome {
    if let Some(seen) = cx.shared.rate_limited.lock().ok().and_then(|seen| seen.clone()) {
        return Outcome::passed(format!("{} {} showed a rate limit ({})", seen.method, seen.path(), seen.status));
    }
    let skip = ["health", "ready", "live", "metrics", "docs", "openapi", "swagger", "redoc", "status", "ping"];
    let path = cx
        .routes("GET")
        .find(|route| {
            !route.has_path_parameters() && !skip.iter().any(|word| route.template.to_ascii_lowercase().contains(word))
        })
        .map_or_else(|| "/".to_string(), |route| route.template.clone());
    // A burst cut short proves nothing: without room for all of it, none of it is sent.
    let burst = cx.options.burst;
    let left = cx.shared.budget.remaining_requests();
    if left < burst {
        return Outcome::not_run(format!(
            "the burst needs {burst} requests and the request budget has {left} left: raise --max-requests or lower --burst"
        ));
    }
    let started = Instant::now();
    let issued = Cell::new(0_usize);
    let answered = Cell::new(0_usize);
    let failures: RefCell<Vec<Failure>> = RefCell::new(Vec::new());
    let limited: RefCell<Option<Exchange>> = RefCell::new(None);
    let last: RefCell<Option<Exchange>> = RefCell::new(None);
    let request = Request::get(path.as_str());
    let worker = || async {
        while issued.get() < burst && limited.borrow().is_none() {
            issued.set(issued.get() + 1);
            match cx.shared.send(&request, &cx.sent).await {
                Ok(exchange) => {
                    answered.set(answered.get() + 1);
                    if exchange.shows_rate_limit() {
                        limited.borrow_mut().get_or_insert(exchange);
                    } else {
                        *last.borrow_mut() = Some(exchange);
                    }
                }
                Err(failure) => {
                    let spent = matches!(failure, Failure::Budget(_));
                    failures.borrow_mut().push(failure);
                    if spent {
                        break;
                    }
                }
            }
        }
    };
    join_all((0..cx.options.concurrency.max(1)).map(|_| Box::pin(worker()) as Pin<Box<dyn Future<Output = ()> + '_>>))
        .await;
    let elapsed = started.elapsed();
    if let Some(exchange) = limited.into_inner() {
        return Outcome::passed(format!(
            "limited after {} requests: {} {}",
            answered.get(),
            exchange.status.as_u16(),
            exchange.header("retry-after").map(|after| format!("(Retry-After: {after})")).unwrap_or_default()
        ));
    }
    let failures = failures.into_inner();
    if let Some(spent @ Failure::Budget(_)) = failures.iter().find(|f| matches!(f, Failure::Budget(_))) {
        return Outcome::not_run(format!("the burst was cut short after {} requests: {spent}", issued.get()));
    }
    let Some(exchange) = last.into_inner() else {
        let reason = failures.first().map_or_else(|| "no answer".to_string(), ToString::to_string);
        return Outcome::not_run(format!("no request of the burst was answered: {reason}"));
    };
    if answered.get() * 2 < issued.get() {
        return Outcome::not_run(format!(
            "only {} of {} requests were answered ({}); the service failed under the burst rather than limiting it",
            answered.get(),
            issued.get(),
            failures.first().map(ToString::to_string).unwrap_or_default()
        ));
    }
    let message = format!(
        "{} requests to {} {} in {} met no rate limit (no 429, Retry-After or RateLimit header)",
        answered.get(),
        exchange.method,
        exchange.path(),
        evidence::duration(elapsed)
    );
    let evidence = format!(
        "> {} × {} {} HTTP/1.1 in {}\n< last: HTTP/1.1 {}",
        answered.get(),
        exchange.method,
        exchange.path(),
        evidence::duration(elapsed),
        exchange.status
    );
    let finding = evidence::about(&META, META.severity, &exchange, message.clone(), evidence, "unlimited");
    Outcome::failed(message, vec![finding])
}

/// Polls every future to completion, side by side on this task.
async fn join_all<'a>(futures: impl Iterator<Item = Pin<Box<dyn Future<Output = ()> + 'a>>>) {
    let mut pending: Vec<_> = futures.collect();
    std::future::poll_fn(|context| {
        pending.retain_mut(|future| future.as_mut().poll(context).is_pending());
        if pending.is_empty() { Poll::Ready(()) } else { Poll::Pending }
    })
    .await;
}
