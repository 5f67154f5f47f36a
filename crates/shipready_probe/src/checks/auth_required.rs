use super::{Cx, Outcome, declare_probe};
use crate::client::{Failure, Request};
use crate::evidence;

declare_probe! {
    /// ## What it does
    /// Asks for private paths without credentials and expects `401` or `403` (or a redirect, to
    /// a login page): the paths given with `--private`, and the GET operations the OpenAPI
    /// document secures (with `security`, its own or the document's), path parameters set to
    /// `1`. None of the `--header` values is sent with these requests, so credentials given for
    /// the other checks do not mask a missing check here. A path that answers `2xx` is reported;
    /// `404` and `405` are not conclusive. A catch-all page that answers every path does not
    /// count.
    ///
    /// Budget: at most 20 GET requests; not run without private paths.
    ///
    /// ## Why is this bad?
    /// A route the API documents as protected that answers without credentials hands its data
    /// to anyone who reads the docs.
    ///
    /// ## Example
    /// ```text
    /// > GET /api/users HTTP/1.1
    /// < HTTP/1.1 200 OK
    /// ```
    ///
    /// ## Use instead
    /// Put the authentication check in front of every private route (a router-level
    /// middleware or dependency), so a new route cannot forget it; answer `401`.
    id: "probe-auth-required",
    area: Security,
    severity: Critical,
    title: "Private path answers without credentials",
    rationale: "A route documented as protected that answers without credentials serves its data to anyone.",
    fix: "Require authentication on every private route at the router level and answer 401 without credentials.",
}

const MAX_PATHS: usize = 20;

pub(crate) async fn run(cx: &Cx<'_>) -> Outcome {
    let mut targets: Vec<(String, &'static str)> =
        cx.options.private_paths.iter().map(|path| (path.clone(), "given with --private")).collect();
    for route in cx.routes("GET").filter(|route| route.secured) {
        let path = route.path_with("1");
        if !targets.iter().any(|(known, _)| *known == path) {
            targets.push((path, "secured in the OpenAPI document"));
        }
    }
    if targets.is_empty() {
        return Outcome::not_run(
            "no private paths to try: give --private PATH, or an OpenAPI document whose operations declare security",
        );
    }
    let mut findings = Vec::new();
    let mut refused = 0;
    let mut inconclusive = Vec::new();
    for (path, why) in targets.iter().take(MAX_PATHS) {
        let request = Request::get(path.as_str()).without_credentials().no_follow();
        let exchange = match cx.shared.send(&request, &cx.sent).await {
            Ok(exchange) => exchange,
            Err(failure @ Failure::Budget(_)) => return Outcome::interrupted(&failure),
            Err(failure) => {
                inconclusive.push(format!("{path} ({failure})"));
                continue;
            }
        };
        let status = exchange.status.as_u16();
        if matches!(status, 401 | 403) || exchange.status.is_redirection() {
            refused += 1;
        } else if exchange.status.is_success() && !cx.is_catch_all(&exchange) {
            let message = format!("{path} ({why}) answers {} without credentials", exchange.status);
            let first = exchange.body_text().lines().map(str::trim).find(|line| !line.is_empty()).map(str::to_string);
            let evidence = evidence::render(&exchange, &["content-type"], first.as_deref());
            findings.push(evidence::about(&META, META.severity, &exchange, message, evidence, "open"));
        } else {
            inconclusive.push(format!("{path} ({status})"));
        }
    }
    if findings.is_empty() && refused == 0 {
        return Outcome::not_run(format!("no private path could be judged: {}", inconclusive.join(", ")));
    }
    Outcome::from_findings(
        findings,
        match refused {
            1 => "the private path refuses requests without credentials".to_string(),
            n => format!("{n} private paths refuse requests without credentials"),
        },
    )
}
