use std::cell::Cell;
use std::time::Duration;

use tokio::io::AsyncWriteExt;

use super::{Cx, Outcome, declare_probe};
use crate::evidence;
use crate::raw::{self, Answer};

declare_probe! {
    /// ## What it does
    /// With `--allow-bodies`, offers an oversized body (32 MiB by default, `--body-bytes`) to a
    /// documented POST, PUT or PATCH route, or to the base URL, with `Transfer-Encoding: chunked`
    /// and no `Content-Length`, so that a limit enforced only from `Content-Length` cannot see
    /// it. The bytes are `0xFF`, which no JSON, form or text handler accepts. While it sends, it
    /// watches for the answer:
    /// - refused with `413`, or another `4xx`, or the connection closed before the body is
    ///   through: passes;
    /// - `413` once the whole body is through: passes (the limit applies; body-parser drains the
    ///   excess rather than keeping it);
    /// - the whole body read and only then answered otherwise (or not at all): reported;
    /// - `404`/`405` before the body is through: not conclusive (no handler was there), nor is
    ///   `401`/`403` (authentication stopped it; `--header` gets past it).
    ///
    /// Budget: 1 connection; off without `--allow-bodies`.
    ///
    /// ## Why is this bad?
    /// A service that reads any body whole can be made to buffer gigabytes per request: a few
    /// clients exhaust its memory. Limits that trust `Content-Length` miss chunked uploads.
    ///
    /// ## Example
    /// ```text
    /// > POST / HTTP/1.1
    /// > transfer-encoding: chunked
    /// (32 MiB sent)
    /// < HTTP/1.1 422 Unprocessable Entity
    /// ```
    ///
    /// ## Use instead
    /// Enforce the limit on the bytes read, as `express.json({ limit: "100kb" })` does, or in the
    /// proxy (`client_max_body_size`); the answer is `413` after the limit, not after the body.
    id: "probe-body-limit",
    area: Reliability,
    severity: Medium,
    title: "Oversized chunked body read whole",
    rationale: "A service that reads any body whole can be made to buffer gigabytes per request.",
    fix: "Enforce a body limit on the bytes read (body-parser's limit, Starlette middleware, the proxy's client_max_body_size), not on Content-Length.",
}

const CHUNK: usize = 64 * 1024;

pub(crate) async fn run(cx: &Cx<'_>) -> Outcome {
    if !cx.options.allow_bodies {
        return Outcome::not_run("sends a body: run with --allow-bodies");
    }
    let path = ["POST", "PUT", "PATCH"]
        .iter()
        .flat_map(|method| cx.routes(method))
        .find(|route| route.takes_body)
        .map_or_else(|| ("POST".to_string(), "/".to_string()), |route| (route.method.clone(), route.path_with("1")));
    let (method, path) = path;
    let url = match cx.shared.url(&path) {
        Ok(url) => url,
        Err(failure) => return Outcome::interrupted(&failure),
    };
    let mut connection = match raw::connect(cx.shared, &cx.sent).await {
        Ok(connection) => connection,
        Err(failure) => return Outcome::interrupted(&failure),
    };
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    };
    let head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\n{}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        connection.host,
        crate::USER_AGENT,
        raw::user_headers(cx.shared)
    );
    let total = cx.options.body_bytes;
    let (mut reader, mut writer) = tokio::io::split(&mut connection.io);
    let timeout = cx.shared.budget.clip(cx.shared.timeout);
    let chunk = {
        let mut chunk = format!("{CHUNK:X}\r\n").into_bytes();
        chunk.extend(std::iter::repeat_n(0xFF_u8, CHUNK));
        chunk.extend_from_slice(b"\r\n");
        chunk
    };
    let written = Cell::new(0_u64);
    let send = async {
        writer.write_all(head.as_bytes()).await?;
        while written.get() < total {
            writer.write_all(&chunk).await?;
            written.set(written.get() + CHUNK as u64);
        }
        writer.write_all(b"0\r\n\r\n").await?;
        writer.flush().await
    };
    // Sending races the answer: an answer (or a close) while the body is still going out means
    // the service stopped reading it. Every step of the send is bounded by the budget's clock.
    let sending = tokio::time::timeout(cx.shared.budget.clip(Duration::from_mins(1)).max(timeout), send);
    // The answer is looked at first: a service that answers and closes makes the send fail
    // too, and its answer says why it stopped reading.
    let early = tokio::select! {
        biased;
        answer = raw::read_answer(&mut reader, cx.shared.budget.remaining_time()) => match answer {
            Ok(Some(answer)) => Some(answer),
            _ => return Outcome::not_run("the time budget ran out while sending"),
        },
        sent = sending => match sent {
            Ok(Ok(())) => None,
            // The service closed or reset the connection under the body: refused. Its answer
            // may have arrived just before, and says why.
            Ok(Err(_)) => match raw::read_answer(&mut reader, cx.shared.budget.clip(Duration::from_secs(1))).await {
                Ok(Some(answer @ Answer::Response { .. })) => Some(answer),
                _ => Some(Answer::Closed),
            },
            Err(_) => return Outcome::not_run(format!(
                "the service stopped reading after {} but neither answered nor closed the connection",
                mib(written.get())
            )),
        },
    };
    let evidence_head =
        format!("> {method} {target} HTTP/1.1\n> transfer-encoding: chunked\n> content-type: application/json");
    match early {
        Some(Answer::Closed) => {
            Outcome::passed(format!("the connection was closed after {} of the body", mib(written.get())))
        }
        Some(Answer::Response { status, .. }) if matches!(status, 404 | 405 | 501) => Outcome::not_run(format!(
            "{method} {path} answered {status} before the body was through: no handler there; give --openapi with a route that takes a body"
        )),
        // Authentication stopped it, not a limit: whoever holds credentials may still send
        // any size.
        Some(Answer::Response { status, .. }) if matches!(status, 401 | 403) => Outcome::not_run(format!(
            "{method} {path} asked for credentials ({status}) before the body was through: give --header with credentials that reach the handler"
        )),
        Some(Answer::Response { status, .. }) if (400..500).contains(&status) => {
            Outcome::passed(format!("refused with {status} after {} of the body", mib(written.get())))
        }
        Some(Answer::Response { status, status_line }) => {
            let message =
                format!("answered {status} while the oversized chunked body was still arriving, without refusing it");
            let evidence = format!("{evidence_head}\n(sent {})\n< {status_line}", mib(written.get()));
            let finding =
                evidence::finding(&META, META.severity, &method, &url, message.clone(), evidence, "early-non-4xx");
            Outcome::failed(message, vec![finding])
        }
        None => {
            let answer = raw::read_answer(&mut reader, timeout).await.ok().flatten();
            // A 413 once the whole body is through: the limit applies to chunked bodies, and the
            // service drained the rest rather than kept it (body-parser does so).
            if let Some(Answer::Response { status: 413, .. }) = answer {
                return Outcome::passed(format!(
                    "refused with 413 once the {} body was through (the excess drained, not kept)",
                    mib(total)
                ));
            }
            let (seen, status_line) = match &answer {
                Some(Answer::Response { status_line, .. }) => {
                    (format!("answered `{status_line}`"), status_line.clone())
                }
                Some(Answer::Closed) => ("closed the connection".to_string(), "(connection closed)".to_string()),
                None => (format!("did not answer within {:.0} s", timeout.as_secs_f64()), "(no answer)".to_string()),
            };
            let message = format!(
                "read a {} chunked body (no Content-Length) whole and then {seen}: no body size limit applies to it",
                mib(total)
            );
            let evidence = format!("{evidence_head}\n(sent all {})\n< {status_line}", mib(total));
            let finding =
                evidence::finding(&META, META.severity, &method, &url, message.clone(), evidence, "read-whole");
            Outcome::failed(message, vec![finding])
        }
    }
}

fn mib(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{}.{} MiB", bytes / (1024 * 1024), bytes % (1024 * 1024) * 10 / (1024 * 1024))
    } else {
        format!("{} KiB", bytes / 1024)
    }
}
