use shipready_lang::Language;

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::{Evidence, ProjectModel};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds HTTP services built on frameworks that read request bodies without a size limit by
    /// default (FastAPI, Starlette, Flask, Hono, net/http, Gin, Echo, chi, gorilla/mux) where no
    /// limit is set (`MAX_CONTENT_LENGTH`, `http.MaxBytesReader`, `bodyLimit`, a
    /// `ContentSizeLimit` middleware…), and services whose only limit is a check of the
    /// `Content-Length` header, which a chunked request does not send.
    ///
    /// Express, Fastify, Koa, NestJS, Django, axum and actix-web limit bodies by default and are
    /// not reported.
    ///
    /// ## Why is this bad?
    /// A client can stream gigabytes into an endpoint that reads the whole body into memory,
    /// exhausting the worker. A limit enforced only from `Content-Length` is bypassed by sending
    /// the body with `Transfer-Encoding: chunked`.
    ///
    /// ## Example
    /// ```python
    /// @app.middleware("http")
    /// async def limit(request, call_next):
    ///     if int(request.headers.get("content-length", 0)) > MAX:  # chunked bodies pass
    ///         return JSONResponse(status_code=413, content={})
    ///     return await call_next(request)
    /// ```
    ///
    /// ## Use instead
    /// Enforce the limit while reading the body (count bytes from `request.stream()` or
    /// `receive()`, `http.MaxBytesReader` in Go), or at the reverse proxy
    /// (`client_max_body_size`).
    pub(crate) struct NoRequestSizeLimit {
        id: "no-request-size-limit",
        area: Operations,
        severity: Medium,
        since: "0.1.0",
        title: "Service without a request body size limit",
        rationale: "An unlimited body read lets one request exhaust a worker's memory.",
        fix: "Limit body size while the body is read, or at the reverse proxy, not from Content-Length alone.",
    }
}

/// Frameworks that read request bodies whole without a default limit.
const UNLIMITED_FRAMEWORKS: &[&str] =
    &["FastAPI", "Starlette", "Flask", "Hono", "net/http", "Gin", "Echo", "chi", "gorilla/mux"];

impl Rule for NoRequestSizeLimit {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        for project in model.projects().iter().filter(|p| p.is_service()) {
            let unlimited = project.frameworks.iter().any(|f| UNLIMITED_FRAMEWORKS.contains(f))
                && !project.frameworks.iter().any(|f| matches!(*f, "Django" | "Django REST framework"));
            if !unlimited || project.evidence.contains(Evidence::BODY_LIMIT) {
                continue;
            }
            let service = project.named("Service");
            if project.evidence.contains(Evidence::CONTENT_LENGTH) {
                ctx.report(
                    project,
                    format!("{service} limits request bodies only from `Content-Length`, which chunked requests omit"),
                );
            } else {
                ctx.report(project, format!("{service} sets no request body size limit"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoRequestSizeLimit;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            // Express limits JSON bodies to 100 kB by default.
            Case::project([(
                "src/server.ts",
                "import express from 'express';\nconst app = express();\napp.use(express.json());",
            )]),
            Case::project([(
                "app.py",
                "from flask import Flask\napp = Flask(__name__)\napp.config['MAX_CONTENT_LENGTH'] = 1024 * 1024\n",
            )]),
            Case::project([(
                "main.go",
                "package main\n\nimport \"net/http\"\n\nfunc handle(w http.ResponseWriter, r *http.Request) {\n\tr.Body = http.MaxBytesReader(w, r.Body, 1<<20)\n}\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n",
            )]),
            Case::project([(
                "main.py",
                "from fastapi import FastAPI\nfrom starlette_context.middleware import ContentSizeLimitMiddleware\napp = FastAPI()\napp.add_middleware(ContentSizeLimitMiddleware, max_content_size=1_000_000)\n",
            )]),
        ];
        let fail = [
            Case::project([("main.py", "from fastapi import FastAPI\napp = FastAPI()\n")]),
            // Seen in a real review: "Middleware currently only enforces when Content-Length is present".
            Case::project([
                (
                    "main.py",
                    "from fastapi import FastAPI\nfrom api.middleware.request_limits import limit\napp = FastAPI()\napp.middleware('http')(limit)\n",
                ),
                (
                    "api/middleware/request_limits.py",
                    "async def limit(request, call_next):\n    size = request.headers.get('content-length')\n    if size and int(size) > 1_000_000:\n        return Response(status_code=413)\n    return await call_next(request)\n",
                ),
            ]),
            Case::project([(
                "main.go",
                "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n",
            )]),
        ];
        Tester::new::<NoRequestSizeLimit>(pass, fail).test_and_snapshot();
    }
}
