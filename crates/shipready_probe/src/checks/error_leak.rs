use std::sync::LazyLock;

use regex::Regex;
use reqwest::Method;
use shipready_diagnostics::Severity;

use super::{Cx, Outcome, declare_probe};
use crate::client::{Exchange, Failure, Request};
use crate::evidence;

declare_probe! {
    /// ## What it does
    /// Sends input no valid handler accepts and reads what comes back:
    /// - to documented GET routes (up to 4): path parameters and query parameters set to
    ///   `shipready'"probe` (and to a value that is not a number where the document says
    ///   integer), and a path parameter that is not valid UTF-8 once decoded;
    /// - with `--allow-bodies`: truncated JSON (`{"shipready-probe":`) to documented POST, PUT
    ///   and PATCH routes, or to the base URL when the document lists none.
    ///
    /// It reports an answer that carries a stack trace (Python, Node.js, Java, Go, Ruby, PHP),
    /// a qualified exception class name or an `…Error:` line, a server file path
    /// (`/app/…/handler.py`, `node_modules/…`), or a database error (`SQLSTATE`,
    /// `syntax error at or near`, `ORA-…`). A `5xx` answer without such text is reported at
    /// `medium`: malformed input should get a `4xx`.
    ///
    /// Budget: at most 12 requests.
    ///
    /// ## Why is this bad?
    /// Stack traces and database errors tell an attacker the framework, the file layout, the
    /// queries and sometimes secrets; a `500` for bad input also pages someone for a client's
    /// mistake.
    ///
    /// ## Example
    /// ```text
    /// > POST / HTTP/1.1
    /// < HTTP/1.1 400 Bad Request
    /// <
    /// < SyntaxError: Unexpected end of JSON input<br> &nbsp; &nbsp;at JSON.parse (<anonymous>)
    /// ```
    ///
    /// ## Use instead
    /// Validate input and answer `400`/`422` with a short message; log the exception with its
    /// trace on the server side only (`NODE_ENV=production`, `debug=False`).
    id: "probe-error-leak",
    area: Security,
    severity: High,
    title: "Malformed input gets a stack trace or a 5xx",
    rationale: "Stack traces, file paths and SQL errors tell an attacker how the service is built.",
    fix: "Validate input and answer 4xx with a short message; log the trace server-side and run with debug off.",
}

/// Routes tried per kind.
const MAX_ROUTES: usize = 4;
const MARKER: &str = "shipready'\"probe";
const MALFORMED_JSON: &[u8] = b"{\"shipready-probe\":";

/// What a leaking answer looks like, each with the name the message uses.
static LEAKS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    let patterns: [(&str, &str); 6] = [
        (
            "a stack trace",
            r"Traceback \(most recent call last\)|File &quot;[^&]+&quot;, line \d+|File ['\x22][^'\x22\n]+['\x22], line \d+|\bat (?:[\w$.<>\[\]]+ )?\(?(?:/|[A-Za-z]:\\|file://|node:)[^\s()]+:\d+:\d+\)?|\bat [\w$.]+\([\w$]+\.java:\d+\)|goroutine \d+ \[running\]|\.rb:\d+:in `|Stack trace:\s*#0",
        ),
        ("a qualified exception class name", r"\b(?:[a-z_][a-z0-9_]*\.){2,}[A-Z]\w*(?:Error|Exception)\b"),
        ("an exception line", r"(?m)(?:^|[>\x22'\s])[A-Z][A-Za-z]+(?:Error|Exception): \S"),
        (
            "a server file path",
            r"(?:/(?:home|usr|app|srv|var|opt|root|tmp|workspace|code|Users)/|(?:site-packages|dist-packages|node_modules)/)[\w./@-]*\.(?:py|js|mjs|cjs|ts|java|go|rb|php|rs|cs)\b|[A-Za-z]:\\(?:[\w. -]+\\)+[\w.-]+\.(?:py|js|ts|java|cs|php)\b",
        ),
        (
            "a database error",
            r"SQLSTATE|syntax error at or near|You have an error in your SQL syntax|\bORA-\d{5}\b|SQLITE_ERROR|sqlite3\.OperationalError|Unclosed quotation mark after the character string|PG::\w+Error|SequelizeDatabaseError|QueryFailedError|PrismaClient\w*Error",
        ),
        ("a debug page", r"Werkzeug Debugger|<title>[^<]*Traceback|DEBUG = True|Whoops! There was an error"),
    ];
    patterns.into_iter().filter_map(|(name, pattern)| Regex::new(pattern).ok().map(|regex| (name, regex))).collect()
});

pub(crate) async fn run(cx: &Cx<'_>) -> Outcome {
    let mut requests = Vec::new();
    for route in cx.routes("GET").filter(|r| r.has_path_parameters() || !r.query.is_empty()).take(MAX_ROUTES) {
        let mut path = route.path_with(&encode(MARKER));
        if !route.query.is_empty() {
            let query: Vec<String> = route
                .query
                .iter()
                .map(|(name, kind)| {
                    let value = match kind.as_deref() {
                        Some("integer" | "number") => "not-a-number%27",
                        _ => "shipready%27%22probe",
                    };
                    format!("{}={value}", encode(name))
                })
                .collect();
            path = format!("{path}?{}", query.join("&"));
        }
        requests.push((route.template.clone(), Request::get(path)));
        if route.has_path_parameters() {
            requests.push((route.template.clone(), Request::get(route.path_with("%E0%A4%A"))));
        }
    }
    if cx.options.allow_bodies {
        let mut targets: Vec<(String, Method)> = ["POST", "PUT", "PATCH"]
            .iter()
            .flat_map(|method| cx.routes(method))
            .filter(|route| route.takes_body)
            .take(MAX_ROUTES)
            .map(|route| (route.path_with("1"), Method::from_bytes(route.method.as_bytes()).unwrap_or(Method::POST)))
            .collect();
        if targets.is_empty() {
            targets.push(("/".to_string(), Method::POST));
        }
        for (path, method) in targets {
            requests.push((path.clone(), Request::new(method, path).body("application/json", MALFORMED_JSON.to_vec())));
        }
    }
    if requests.is_empty() {
        return Outcome::not_run(
            "no documented route takes parameters and bodies are not allowed: give --openapi, or --allow-bodies",
        );
    }
    let mut findings = Vec::new();
    let mut answered = 0;
    let mut guarded = None;
    for (route, request) in requests.iter().take(12) {
        let exchange = match cx.shared.send(request, &cx.sent).await {
            Ok(exchange) => exchange,
            Err(failure @ Failure::Budget(_)) => return Outcome::interrupted(&failure),
            Err(_) => continue,
        };
        // Refused for credentials: the malformed input never reached a handler.
        if matches!(exchange.status.as_u16(), 401 | 403) {
            guarded = Some(exchange.status.as_u16());
            continue;
        }
        // A body sent where nothing takes one: no handler saw it either (a GET route's 404, by
        // contrast, is its handler's answer to a value it does not know).
        if request.body.is_some() && unhandled(exchange.status.as_u16()) && leak(&exchange.body_text()).is_none() {
            continue;
        }
        answered += 1;
        if findings.iter().any(|f: &shipready_diagnostics::Finding| f.path == exchange.url.path()) {
            continue;
        }
        if let Some(finding) = judge(&exchange, route) {
            findings.push(finding);
        }
    }
    if answered == 0 {
        return Outcome::not_run(match guarded {
            Some(status) => format!(
                "the malformed requests were refused for credentials ({status}) before a handler saw them: give --header with credentials"
            ),
            None => "no handler answered the malformed requests (no answer, or 404, 405 or 501 to a body): give --openapi with routes that take parameters or bodies".to_string(),
        });
    }
    let passed = match answered {
        1 => "the malformed request got a clean answer".to_string(),
        n => format!("{n} malformed requests got clean answers"),
    };
    Outcome::from_findings(findings, passed)
}

/// A finding when the answer leaks, or is a 5xx.
fn judge(exchange: &Exchange, route: &str) -> Option<shipready_diagnostics::Finding> {
    let body = exchange.body_text();
    let method = exchange.method.as_str();
    if let Some((name, line)) = leak(&body) {
        let message = format!("malformed input gets {name} back ({})", exchange.status.as_u16());
        let evidence = evidence::render(exchange, &["content-type"], Some(&line));
        return Some(evidence::about(
            &META,
            META.severity,
            exchange,
            message,
            evidence,
            &format!("{name} {method} {route}"),
        ));
    }
    // `501 Not Implemented` is the protocol's answer to a method the server does not support,
    // not a failure under bad input.
    (exchange.status.is_server_error() && !unhandled(exchange.status.as_u16())).then(|| {
        let message = format!("malformed input gets {} instead of a 4xx", exchange.status);
        let first = body.lines().map(str::trim).find(|line| !line.is_empty()).map(str::to_string);
        let evidence = evidence::render(exchange, &["content-type"], first.as_deref());
        evidence::about(&META, Severity::Medium, exchange, message, evidence, &format!("5xx {method} {route}"))
    })
}

/// Statuses that say no handler took the request: nothing there, the method not allowed, or
/// not implemented.
const fn unhandled(status: u16) -> bool {
    matches!(status, 404 | 405 | 501)
}

/// The kind of leak in `body` and the line that shows it.
pub(crate) fn leak(body: &str) -> Option<(&'static str, String)> {
    for (name, regex) in LEAKS.iter() {
        // A path inside a URL (`https://cdn.example.com/app/main.js`) is not a server path.
        let in_url = |start: usize| {
            let token = body[..start].rfind(|c: char| c.is_whitespace() || "\"'(<>=".contains(c)).map_or(0, |i| i + 1);
            body[token..start].contains("//")
        };
        if let Some(found) = regex.find_iter(body).find(|found| !in_url(found.start())) {
            let start = body[..found.start()].rfind('\n').map_or(0, |i| i + 1);
            let end = body[found.end()..].find('\n').map_or(body.len(), |i| found.end() + i);
            return Some((name, body[start..end].to_string()));
        }
    }
    None
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::leak;

    #[test]
    fn finds_the_traces_of_each_stack() {
        let cases = [
            ("Traceback (most recent call last):\n  File \"/app/main.py\", line 3, in f", "a stack trace"),
            (
                "SyntaxError: Unexpected end of JSON input<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br> &nbsp; &nbsp;at parse (/srv/node_modules/body-parser/lib/types/json.js:92:19)",
                "a stack trace",
            ),
            ("\tat com.acme.Users.find(Users.java:42)", "a stack trace"),
            (
                "{\"exception\":\"org.springframework.web.HttpMessageNotReadableException\"}",
                "a qualified exception class name",
            ),
            ("{\"error\": \"ValueError: invalid literal for int()\"}", "an exception line"),
            ("ERROR: syntax error at or near \"'\"", "a database error"),
            ("error in /home/deploy/app/routes/users.js", "a server file path"),
        ];
        for (body, kind) in cases {
            assert_eq!(leak(body).map(|(name, _)| name), Some(kind), "{body}");
        }
    }

    #[test]
    fn clean_error_answers_stay_silent() {
        let bodies = [
            "Bad Request",
            "{\"detail\":[{\"type\":\"json_invalid\",\"loc\":[\"body\",1],\"msg\":\"JSON decode error\"}]}",
            "{\"timestamp\":\"2026-01-01\",\"status\":400,\"error\":\"Bad Request\",\"path\":\"/users\"}",
            "<html><script src=\"/static/js/app.js\"></script><a href=\"https://cdn.example.com/app/main.js\">x</a></html>",
            "{\"error\":\"invalid_request\",\"error_description\":\"ValidationError in field name\"}",
        ];
        for body in bodies {
            assert_eq!(leak(body), None, "{body}");
        }
    }
}
