use super::{Cx, Outcome, declare_probe};
use crate::client::{Exchange, Failure, Request};
use crate::evidence;

declare_probe! {
    /// ## What it does
    /// Asks for the usual API documentation pages without credentials: `/docs`, `/redoc`,
    /// `/openapi.json`, `/swagger`, `/swagger-ui`, `/swagger-ui.html`, `/swagger.json`,
    /// `/api-docs`, `/v3/api-docs` and `/api/docs`. It reports them in one finding when they
    /// answer `2xx` with Swagger UI, ReDoc or an OpenAPI document (a catch-all page that answers
    /// every path does not count). They are asked without the headers given with `--header`,
    /// as anyone on the network would ask.
    ///
    /// Budget: at most 10 GET requests.
    ///
    /// ## Why is this bad?
    /// Public API docs hand an attacker the full map of the API, internal and admin routes
    /// included, with a console to try them.
    ///
    /// ## Example
    /// ```text
    /// > GET /docs HTTP/1.1
    /// < HTTP/1.1 200 OK
    /// <title>Venue booking - Swagger UI</title>
    /// ```
    ///
    /// ## Use instead
    /// Turn the docs off in production (`FastAPI(docs_url=None, redoc_url=None,
    /// openapi_url=None)`), or serve them behind authentication.
    id: "probe-public-docs",
    area: Security,
    severity: Low,
    title: "API docs public",
    rationale: "Public API docs hand an attacker the map of every route, internal ones included.",
    fix: "Disable the docs in production or put them behind authentication.",
}

const PATHS: [&str; 10] = [
    "/docs",
    "/redoc",
    "/openapi.json",
    "/swagger",
    "/swagger-ui",
    "/swagger-ui.html",
    "/swagger.json",
    "/api-docs",
    "/v3/api-docs",
    "/api/docs",
];

pub(crate) async fn run(cx: &Cx<'_>) -> Outcome {
    let mut public: Vec<std::sync::Arc<Exchange>> = Vec::new();
    let mut answered = 0;
    for path in PATHS {
        // Without the user's headers: what anyone on the network gets.
        let exchange = match cx.shared.send(&Request::get(path).without_credentials(), &cx.sent).await {
            Ok(exchange) => std::sync::Arc::new(exchange),
            Err(failure @ Failure::Budget(_)) => return Outcome::interrupted(&failure),
            Err(_) => continue,
        };
        answered += 1;
        if exchange.status.is_success() && !cx.is_catch_all(&exchange) && is_docs(&exchange) {
            public.push(exchange);
        }
    }
    if answered == 0 {
        return Outcome::not_run("no docs path was answered");
    }
    let Some(first) = public.first() else {
        return Outcome::passed("no API documentation answers without credentials");
    };
    let paths: Vec<String> = public.iter().map(|exchange| exchange.path()).collect();
    let message = format!("API documentation is public: {}", paths.join(", "));
    let evidence = public
        .iter()
        .map(|exchange| evidence::render(exchange, &["content-type"], None))
        .collect::<Vec<_>>()
        .join("\n");
    let finding = evidence::about(&META, META.severity, first, message.clone(), evidence, "public");
    Outcome::failed(message, vec![finding])
}

/// Swagger UI, ReDoc, or an OpenAPI/Swagger document.
fn is_docs(exchange: &Exchange) -> bool {
    let body = exchange.body_text();
    let head: String = body.chars().take(4096).collect::<String>().to_ascii_lowercase();
    head.contains("swagger-ui")
        || head.contains("swaggerui")
        || head.contains("redoc")
        || head.contains("\"openapi\"")
        || head.contains("\"swagger\"")
        || head.starts_with("openapi:")
        || head.starts_with("swagger:")
}
