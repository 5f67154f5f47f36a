use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::time::Instant;

use super::{Cx, Outcome, declare_probe};
use crate::evidence;
use crate::raw::{self, Answer};

declare_probe! {
    /// ## What it does
    /// Opens one connection and sends a request head slowly, the way a slowloris client does:
    /// the request line, then one more header line every second, never the blank line that ends
    /// the head. The service passes when it cuts the connection off (closes it, or answers
    /// `408`/`400`) within 30 seconds (`--slow-client-seconds`). It runs alongside the other
    /// checks, so it adds no time to the run beyond its bound.
    ///
    /// Budget: 1 connection, held at most for the bound.
    ///
    /// ## Why is this bad?
    /// A server that waits forever for a request head can be held down by a few hundred slow
    /// connections from a single machine: every worker or connection slot waits on a client
    /// that never finishes.
    ///
    /// ## Example
    /// A connection still open after 30 s of one header line per second.
    ///
    /// ## Use instead
    /// A header timeout: Node's `server.headersTimeout` (and `requestTimeout`), gunicorn's
    /// `--timeout`, nginx's `client_header_timeout`, or a proxy in front that buffers requests.
    id: "probe-slow-client",
    area: Reliability,
    severity: Medium,
    title: "Slow client not cut off",
    rationale: "A server that waits forever for a request head can be held down by a few slow connections.",
    fix: "Set a request-header timeout (server.headersTimeout, client_header_timeout) or put a buffering proxy in front.",
}

/// Between two header lines.
const DRIP: Duration = Duration::from_secs(1);

pub(crate) async fn run(cx: &Cx<'_>) -> Outcome {
    let bound = cx.options.slow_client;
    // Leave a second of the budget for the report.
    let available = cx.shared.budget.remaining_time().saturating_sub(Duration::from_secs(1));
    if available < bound {
        return Outcome::not_run(format!(
            "the time budget leaves {:.0} s, less than the {:.0} s bound: raise --max-seconds or lower --slow-client-seconds",
            available.as_secs_f64(),
            bound.as_secs_f64()
        ));
    }
    let mut connection = match raw::connect(cx.shared, &cx.sent).await {
        Ok(connection) => connection,
        Err(failure) => return Outcome::interrupted(&failure),
    };
    let path = cx.shared.base.path().to_string();
    let first = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\n{}",
        connection.host,
        crate::USER_AGENT,
        raw::user_headers(cx.shared)
    );
    let started = Instant::now();
    let (mut reader, mut writer) = tokio::io::split(&mut connection.io);
    let drip = async {
        if writer.write_all(first.as_bytes()).await.is_err() {
            return;
        }
        for line in 1_u64.. {
            tokio::time::sleep(DRIP).await;
            let header = format!("X-Shipready-Slow-{line}: 1\r\n");
            if writer.write_all(header.as_bytes()).await.is_err() || writer.flush().await.is_err() {
                return;
            }
        }
    };
    let cut = tokio::select! {
        () = drip => Some("closed the connection".to_string()),
        answer = raw::read_answer(&mut reader, bound) => match answer {
            Ok(Some(Answer::Closed)) => Some("closed the connection".to_string()),
            Ok(Some(Answer::Response { status_line, .. })) => Some(format!("answered `{status_line}`")),
            Ok(None) | Err(_) => None,
        },
    };
    let elapsed = started.elapsed();
    if let Some(how) = cut {
        return Outcome::passed(format!("{how} after {:.1} s of a slow request head", elapsed.as_secs_f64()));
    }
    let message = format!(
        "a client sending its request head one line per second is still connected after {:.0} s: a few hundred such clients hold the service down",
        bound.as_secs_f64()
    );
    let evidence = format!(
        "> GET {path} HTTP/1.1\n> X-Shipready-Slow-1: 1\n> … one header line per second, {} lines\n< (no answer, connection open after {:.0} s)",
        elapsed.as_secs(),
        elapsed.as_secs_f64()
    );
    let finding = evidence::finding(&META, META.severity, "GET", &cx.shared.base, message.clone(), evidence, "open");
    Outcome::failed(message, vec![finding])
}
