//! A test HTTP/1.1 server on 127.0.0.1 that behaves as each test needs, badly included: it
//! never answers, streams without end, resets, redirects away, sends gigantic heads, reads any
//! body whole or waits forever for a slow head. An HTTP library exists to prevent exactly these
//! behaviours, so the server speaks the protocol by hand, and only as much of it as the probe
//! uses. It counts every request it receives, so tests assert the budget where it matters.

#![allow(dead_code, unreachable_pub)]

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request head as received.
#[derive(Debug, Clone)]
pub struct Head {
    pub method: String,
    /// Path and query.
    pub target: String,
    /// Lower-case names.
    pub headers: Vec<(String, String)>,
}

impl Head {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub enum Reply {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Reads the request and never answers.
    Never,
    /// A 200 whose chunked body never ends.
    Endless,
    /// Closes the connection with a reset.
    Reset,
    /// A 200 whose head holds this many bytes of headers.
    GiantHead(usize),
    /// A 200 sent one byte at a time, this far apart.
    Drip(Duration),
    /// The reply, after a pause.
    Delayed(Duration, Box<Reply>),
    /// This status as soon as the head is in, before any of the body is read; then the
    /// connection is closed, lingering (what an authentication layer in front of the handler
    /// does).
    Refuse(u16),
}

impl Reply {
    pub fn status(status: u16) -> Self {
        Reply::Respond { status, headers: Vec::new(), body: Vec::new() }
    }

    pub fn text(status: u16, content_type: &str, body: &str) -> Self {
        Reply::Respond {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.to_ascii_lowercase(), value.to_string()));
        }
        self
    }
}

/// How the server treats request bodies and slow heads.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Refuse a body with 413 once this much has arrived; `None` reads any body whole.
    pub body: Option<usize>,
    /// Close a connection whose head is not complete in this time; `None` waits forever.
    pub head_timeout: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Self { body: Some(100 * 1024), head_timeout: Some(Duration::from_secs(2)) }
    }
}

type Handler = Arc<dyn Fn(&Head) -> Reply + Send + Sync>;

pub struct TestServer {
    pub url: String,
    pub port: u16,
    requests: Arc<AtomicUsize>,
    body_bytes: Arc<AtomicU64>,
    sent_bytes: Arc<AtomicU64>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    pub fn start(handler: impl Fn(&Head) -> Reply + Send + Sync + 'static) -> Self {
        Self::with_limits(Limits::default(), handler)
    }

    pub fn with_limits(limits: Limits, handler: impl Fn(&Head) -> Reply + Send + Sync + 'static) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let body_bytes = Arc::new(AtomicU64::new(0));
        let sent_bytes = Arc::new(AtomicU64::new(0));
        let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
        let handler: Handler = Arc::new(handler);
        let counters = (Arc::clone(&requests), Arc::clone(&body_bytes), Arc::clone(&sent_bytes));
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).unwrap();
                let accept = async {
                    loop {
                        let Ok((stream, _)) = listener.accept().await else { continue };
                        let handler = Arc::clone(&handler);
                        let counters = (Arc::clone(&counters.0), Arc::clone(&counters.1), Arc::clone(&counters.2));
                        tokio::spawn(async move {
                            let _ = serve(stream, limits, handler, counters).await;
                        });
                    }
                };
                tokio::select! {
                    () = accept => {}
                    _ = stop => {}
                }
            });
            // Dropping the runtime cancels every connection task.
        });
        Self {
            url: format!("http://127.0.0.1:{port}"),
            port,
            requests,
            body_bytes,
            sent_bytes,
            shutdown: Some(shutdown),
            thread: Some(thread),
        }
    }

    /// Requests received: every request head begun, complete or not.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// Body bytes read, over all requests.
    pub fn body_bytes(&self) -> u64 {
        self.body_bytes.load(Ordering::SeqCst)
    }

    /// Response bytes the server managed to write.
    pub fn sent_bytes(&self) -> u64 {
        self.sent_bytes.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(
    mut stream: TcpStream,
    limits: Limits,
    handler: Handler,
    (requests, body_bytes, sent_bytes): (Arc<AtomicUsize>, Arc<AtomicU64>, Arc<AtomicU64>),
) -> std::io::Result<()> {
    let mut buffer: Vec<u8> = Vec::new();
    loop {
        // The head, counted as a request from its first byte.
        let mut counted = !buffer.is_empty();
        if counted {
            requests.fetch_add(1, Ordering::SeqCst);
        }
        let read_head = async {
            loop {
                if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                    return Ok::<_, std::io::Error>(Some(end));
                }
                if buffer.first() == Some(&0x16) {
                    return Ok(None);
                }
                if buffer.len() > 64 * 1024 {
                    return Ok(None);
                }
                let mut chunk = vec![0_u8; 4096];
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Ok(None);
                }
                if !counted {
                    counted = true;
                    requests.fetch_add(1, Ordering::SeqCst);
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
        };
        let end = match limits.head_timeout {
            Some(limit) => {
                let Ok(result) = tokio::time::timeout(limit, read_head).await else {
                    let _ = stream
                        .write_all(b"HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n")
                        .await;
                    return Ok(());
                };
                result?
            }
            None => read_head.await?,
        };
        let Some(end) = end else {
            // What is not HTTP (a TLS handshake on this plain port) gets a 400, as real servers
            // answer what does not parse.
            if buffer.first() == Some(&0x16) {
                let _ = stream
                    .write_all(b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n")
                    .await;
            }
            return Ok(());
        };
        let head = parse(&buffer[..end]);
        buffer.drain(..end + 4);

        let mut reply = handler(&head);
        if let Reply::Refuse(status) = reply {
            let refusal =
                format!("HTTP/1.1 {status} {}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n", reason(status));
            stream.write_all(refusal.as_bytes()).await?;
            // A lingering close, as nginx and most servers do: closing with unread data would
            // reset the connection, and the reset would destroy the answer before the client
            // reads it. What arrives meanwhile is discarded, not read as a body.
            stream.shutdown().await?;
            let mut sink = vec![0_u8; 64 * 1024];
            let _ = tokio::time::timeout(Duration::from_secs(2), async {
                while stream.read(&mut sink).await.is_ok_and(|n| n > 0) {}
            })
            .await;
            return Ok(());
        }

        // The body: by Content-Length, or chunked.
        let chunked = head.header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
        let length: usize = head.header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
        if chunked {
            match read_chunked(&mut stream, &mut buffer, limits.body, &body_bytes).await? {
                BodyEnd::Complete => {}
                BodyEnd::TooLarge => {
                    let reply = b"HTTP/1.1 413 Payload Too Large\r\nconnection: close\r\ncontent-length: 0\r\n\r\n";
                    stream.write_all(reply).await?;
                    return Ok(());
                }
                BodyEnd::Closed => return Ok(()),
            }
        } else if length > 0 {
            if limits.body.is_some_and(|limit| length > limit) {
                stream
                    .write_all(b"HTTP/1.1 413 Payload Too Large\r\nconnection: close\r\ncontent-length: 0\r\n\r\n")
                    .await?;
                return Ok(());
            }
            while buffer.len() < length {
                let mut chunk = vec![0_u8; 4096];
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Ok(());
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
            body_bytes.fetch_add(length as u64, Ordering::SeqCst);
            buffer.drain(..length);
        }

        while let Reply::Delayed(pause, inner) = reply {
            tokio::time::sleep(pause).await;
            reply = *inner;
        }
        match reply {
            Reply::Delayed(..) | Reply::Refuse(_) => unreachable!(),
            Reply::Respond { status, headers, body } => {
                let mut out = format!("HTTP/1.1 {status} {}\r\ncontent-length: {}\r\n", reason(status), body.len());
                for (name, value) in headers {
                    let _ = write!(out, "{name}: {value}\r\n");
                }
                out.push_str("\r\n");
                let mut bytes = out.into_bytes();
                if head.method != "HEAD" {
                    bytes.extend_from_slice(&body);
                }
                stream.write_all(&bytes).await?;
                sent_bytes.fetch_add(bytes.len() as u64, Ordering::SeqCst);
            }
            Reply::Never => {
                std::future::pending::<()>().await;
            }
            Reply::Endless => {
                stream
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n")
                    .await?;
                let chunk = format!("4000\r\n{}\r\n", "x".repeat(0x4000));
                loop {
                    stream.write_all(chunk.as_bytes()).await?;
                    sent_bytes.fetch_add(chunk.len() as u64, Ordering::SeqCst);
                }
            }
            Reply::Reset => {
                stream.set_zero_linger()?;
                return Ok(());
            }
            Reply::GiantHead(size) => {
                let mut out = String::from("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n");
                let line = format!("x-filler: {}\r\n", "a".repeat(1000));
                while out.len() < size {
                    out.push_str(&line);
                }
                out.push_str("\r\n");
                stream.write_all(out.as_bytes()).await?;
                sent_bytes.fetch_add(out.len() as u64, Ordering::SeqCst);
            }
            Reply::Drip(gap) => {
                for byte in b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok" {
                    stream.write_all(&[*byte]).await?;
                    sent_bytes.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(gap).await;
                }
            }
        }
        if head.header("connection").is_some_and(|v| v.eq_ignore_ascii_case("close")) {
            return Ok(());
        }
    }
}

enum BodyEnd {
    Complete,
    TooLarge,
    Closed,
}

/// Reads a chunked body, counting its bytes, up to `limit`.
async fn read_chunked(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    limit: Option<usize>,
    body_bytes: &AtomicU64,
) -> std::io::Result<BodyEnd> {
    let mut total = 0_usize;
    loop {
        // The size line.
        let line_end = loop {
            if let Some(end) = buffer.windows(2).position(|w| w == b"\r\n") {
                break end;
            }
            if !fill(stream, buffer).await? {
                return Ok(BodyEnd::Closed);
            }
        };
        let size_text = String::from_utf8_lossy(&buffer[..line_end]).trim().to_string();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or(""), 16).unwrap_or(0);
        buffer.drain(..line_end + 2);
        if size == 0 {
            while buffer.len() < 2 {
                if !fill(stream, buffer).await? {
                    return Ok(BodyEnd::Closed);
                }
            }
            buffer.drain(..2);
            return Ok(BodyEnd::Complete);
        }
        let mut remaining = size + 2;
        while remaining > 0 {
            if buffer.is_empty() && !fill(stream, buffer).await? {
                return Ok(BodyEnd::Closed);
            }
            let take = remaining.min(buffer.len());
            // The last two bytes of a chunk are its CRLF, not data.
            let data = take.min(remaining.saturating_sub(2));
            buffer.drain(..take);
            remaining -= take;
            total += data;
            body_bytes.fetch_add(data as u64, Ordering::SeqCst);
            if limit.is_some_and(|limit| total > limit) {
                return Ok(BodyEnd::TooLarge);
            }
        }
    }
}

async fn fill(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<bool> {
    let mut chunk = vec![0_u8; 16 * 1024];
    let n = stream.read(&mut chunk).await?;
    buffer.extend_from_slice(&chunk[..n]);
    Ok(n > 0)
}

fn parse(head: &[u8]) -> Head {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split("\r\n");
    let mut first = lines.next().unwrap_or("").split_whitespace();
    let method = first.next().unwrap_or("").to_string();
    let target = first.next().unwrap_or("").to_string();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    Head { method, target, headers }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// A well-run service: health, metrics, every security header, strict CORS, clean errors, a
/// rate limit after `limit` requests, private routes refused, no public docs.
pub fn good_service(limit: usize) -> impl Fn(&Head) -> Reply + Send + Sync + 'static {
    let served = AtomicUsize::new(0);
    move |head: &Head| {
        let secure = |reply: Reply| {
            reply
                .with_header("x-content-type-options", "nosniff")
                .with_header("x-frame-options", "DENY")
                .with_header("referrer-policy", "no-referrer")
                .with_header("content-security-policy", "default-src 'self'")
        };
        if head.path().starts_with("/api/") && served.fetch_add(1, Ordering::SeqCst) >= limit {
            return secure(Reply::status(429).with_header("retry-after", "60"));
        }
        let reply = match (head.method.as_str(), head.path()) {
            (_, "/healthz") => Reply::text(200, "application/json", "{\"status\":\"ok\"}"),
            (_, "/metrics") => Reply::text(200, "text/plain; version=0.0.4", "# TYPE up gauge\nup 1\n"),
            ("OPTIONS", _) => Reply::status(204),
            (_, "/") => Reply::text(200, "application/json", "{\"name\":\"good\"}"),
            (_, path) if path.starts_with("/api/private") || path.starts_with("/admin") => Reply::status(401),
            (_, path) if path.starts_with("/api/") => Reply::text(200, "application/json", "[]"),
            ("POST", _) => Reply::text(400, "application/json", "{\"error\":\"bad request\"}"),
            _ => Reply::text(404, "application/json", "{\"error\":\"not found\"}"),
        };
        secure(reply)
    }
}
