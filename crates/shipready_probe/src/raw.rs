//! The raw path, for what HTTP clients hide: a body sent chunked without Content-Length while
//! watching for the server's answer, and a request head sent slowly. One connection is one
//! request of the budget, and it holds one of the concurrency permits while it is open.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite};
use tokio::net::TcpStream;
use tokio::sync::SemaphorePermit;

use crate::client::{Failure, Shared};

/// At most this much of a response head is read on the raw path.
const MAX_HEAD_BYTES: usize = 64 * 1024;

pub(crate) trait Io: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> Io for T {}

/// An open connection to the service.
pub(crate) struct Connection<'a> {
    pub io: Pin<Box<dyn Io + 'a>>,
    /// The `Host` header value.
    pub host: String,
    _permit: SemaphorePermit<'a>,
}

/// Opens a connection to the base URL's host, over TLS for `https`.
/// The headers the user gave (`--header`), as lines of a request head.
pub(crate) fn user_headers(shared: &Shared) -> String {
    let mut lines = String::new();
    for (name, value) in &shared.headers {
        if let Ok(value) = value.to_str() {
            lines.push_str(name.as_str());
            lines.push_str(": ");
            lines.push_str(value);
            lines.push_str("\r\n");
        }
    }
    lines
}

pub(crate) async fn connect<'a>(shared: &'a Shared, sent: &AtomicUsize) -> Result<Connection<'a>, Failure> {
    let permit = shared.permits.acquire().await.map_err(|_| Failure::Other("the run is over".into()))?;
    shared.budget.take()?;
    sent.fetch_add(1, Ordering::Relaxed);
    let url = &shared.base;
    let host = url.host_str().ok_or_else(|| Failure::Other("the URL has no host".into()))?.to_string();
    let port = url.port_or_known_default().unwrap_or(80);
    let timeout = shared.budget.clip(shared.timeout);
    let address = format!("{}:{port}", host.trim_start_matches('[').trim_end_matches(']'));
    let tcp = match tokio::time::timeout(timeout, TcpStream::connect(address)).await {
        Err(_) => return Err(Failure::Timeout(timeout)),
        Ok(Err(error)) if error.kind() == std::io::ErrorKind::ConnectionRefused => return Err(Failure::Refused),
        Ok(Err(error)) => return Err(Failure::Other(format!("cannot connect: {error}"))),
        Ok(Ok(tcp)) => tcp,
    };
    let _ = tcp.set_nodelay(true);
    let host_header = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.clone(),
    };
    let io: Pin<Box<dyn Io>> = if url.scheme() == "https" {
        let name =
            rustls::pki_types::ServerName::try_from(host.trim_start_matches('[').trim_end_matches(']').to_string())
                .map_err(|error| Failure::Tls(error.to_string()))?;
        let connector = tokio_rustls::TlsConnector::from(Arc::clone(&shared.tls));
        match tokio::time::timeout(timeout, connector.connect(name, tcp)).await {
            Err(_) => return Err(Failure::Timeout(timeout)),
            Ok(Err(error)) => return Err(Failure::Tls(error.to_string())),
            Ok(Ok(tls)) => Box::pin(tls),
        }
    } else {
        Box::pin(tcp)
    };
    Ok(Connection { io, host: host_header, _permit: permit })
}

/// What came back on a raw connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// A response head: its status code and its first line.
    Response { status: u16, status_line: String },
    /// The server closed (or reset) the connection without a response.
    Closed,
}

/// Reads a response head, or notices the connection closing, within `wait`. `Ok(None)` when
/// nothing came in time.
pub(crate) async fn read_answer<R: AsyncRead + Unpin + ?Sized>(
    reader: &mut R,
    wait: Duration,
) -> Result<Option<Answer>, Failure> {
    let mut head = Vec::new();
    let read = async {
        let mut buffer = [0_u8; 4096];
        loop {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => return parse_head(&head).unwrap_or(Answer::Closed),
                Ok(n) => {
                    head.extend_from_slice(&buffer[..n]);
                    if let Some(answer) = parse_head(&head)
                        && (head.windows(4).any(|w| w == b"\r\n\r\n") || head.len() >= MAX_HEAD_BYTES)
                    {
                        return answer;
                    }
                    if head.len() >= MAX_HEAD_BYTES {
                        return Answer::Closed;
                    }
                }
            }
        }
    };
    Ok(tokio::time::timeout(wait, read).await.ok())
}

/// The status of a response whose first line has arrived.
fn parse_head(head: &[u8]) -> Option<Answer> {
    let end = head.windows(2).position(|w| w == b"\r\n")?;
    let line = String::from_utf8_lossy(&head[..end]).into_owned();
    let mut parts = line.split_whitespace();
    let version = parts.next()?;
    if !version.starts_with("HTTP/") {
        return None;
    }
    let status = parts.next()?.parse().ok()?;
    Some(Answer::Response { status, status_line: line })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn reads_the_status_line_of_a_response() {
        let mut reader: &[u8] = b"HTTP/1.1 413 Payload Too Large\r\ncontent-length: 0\r\n\r\n";
        let answer = read_answer(&mut reader, Duration::from_secs(1)).await.unwrap();
        assert_eq!(
            answer,
            Some(Answer::Response { status: 413, status_line: "HTTP/1.1 413 Payload Too Large".into() })
        );
    }

    #[tokio::test]
    async fn an_empty_stream_is_a_closed_connection_and_garbage_is_not_a_response() {
        let mut empty: &[u8] = b"";
        assert_eq!(read_answer(&mut empty, Duration::from_secs(1)).await.unwrap(), Some(Answer::Closed));
        let mut garbage: &[u8] = b"SSH-2.0-OpenSSH\r\n";
        assert_eq!(read_answer(&mut garbage, Duration::from_secs(1)).await.unwrap(), Some(Answer::Closed));
    }
}
