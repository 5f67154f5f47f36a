use shipready_lang::Language;

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::{Evidence, Project, ProjectModel};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds HTTP services (Express, Fastify, Koa, Hono, NestJS, Next.js route handlers, FastAPI,
    /// Flask, Django, axum, actix-web, net/http, Gin, Echo, chi…) that declare no health, liveness
    /// or readiness route: no `/health`, `/healthz`, `/livez`, `/readyz`, `/ready`, `/ping`,
    /// `/api/health`… and no health-check library (`@godaddy/terminus`, `@nestjs/terminus`,
    /// `django-health-check`…).
    ///
    /// ## Why is this bad?
    /// Orchestrators and load balancers decide whether to send traffic to an instance, and
    /// whether to restart it, from its health endpoint. Without one, a hung instance keeps
    /// receiving requests and a broken deploy is not rolled back.
    ///
    /// ## Example
    /// An Express app whose routes are all under `/api/users`.
    ///
    /// ## Use instead
    /// ```ts
    /// app.get("/healthz", (_req, res) => res.json({ ok: true }));
    /// app.get("/readyz", async (_req, res) => res.status((await db.ping()) ? 200 : 503).end());
    /// ```
    ///
    /// ## Known limitations
    /// Routes are read where they are declared with a literal path; a health route registered
    /// through a computed path or in another service is not seen.
    pub(crate) struct NoHealthEndpoint {
        id: "no-health-endpoint",
        area: Observability,
        severity: High,
        since: "0.1.0",
        title: "Service without a health or readiness endpoint",
        rationale: "Without a health endpoint, orchestrators keep routing traffic to hung instances.",
        fix: "Add a liveness route (`/healthz`) and a readiness route that checks dependencies (`/readyz`).",
    }
}

/// Libraries that serve health endpoints themselves.
const HEALTH_LIBRARIES: &[&str] = &[
    "@godaddy/terminus",
    "@nestjs/terminus",
    "express-healthcheck",
    "express-actuator",
    "fastify-healthcheck",
    "@fastify/under-pressure",
    "lightship",
    "health-check",
    "django-health-check",
    "fastapi-health",
    "flask-healthz",
    "healthcheck",
    "github.com/heptiolabs/healthcheck",
    "github.com/alexliesenfeld/health",
    "github.com/hellofresh/health-go*",
];

/// Route segments that name a health, liveness or readiness probe.
const HEALTH_SEGMENTS: &[&str] = &[
    "health",
    "healthz",
    "healthcheck",
    "health-check",
    "health_check",
    "livez",
    "readyz",
    "ready",
    "readiness",
    "liveness",
    "live",
    "alive",
    "ping",
    "status",
    "heartbeat",
];

fn is_health_route(route: &str) -> bool {
    route
        .split(['/', '?'])
        .map(str::to_ascii_lowercase)
        .any(|segment| HEALTH_SEGMENTS.contains(&segment.as_str()) || segment.starts_with("health"))
}

fn has_health_endpoint(project: &Project) -> bool {
    project.routes.iter().any(|route| is_health_route(route))
        || project.uses_any(HEALTH_LIBRARIES)
        || project.evidence.contains(Evidence::HEALTH_PATH)
}

impl Rule for NoHealthEndpoint {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        for project in model.projects().iter().filter(|p| p.is_service()) {
            if !has_health_endpoint(project) {
                let frameworks: Vec<&str> = project.frameworks.iter().copied().collect();
                ctx.report(
                    project,
                    format!(
                        "{} ({}) has no health or readiness endpoint",
                        project.named("Service"),
                        frameworks.join(", ")
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoHealthEndpoint;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            // nats-server: the route is registered through a constant.
            Case::project([
                ("go.mod", "module example.com/natsd\n"),
                ("main.go", "package main\n\nfunc main() { server.Run() }\n"),
                (
                    "server/monitor.go",
                    "package server\n\nimport \"net/http\"\n\nconst HealthzPath = \"/healthz\"\n\nfunc (s *Server) start() {\n\tmux := http.NewServeMux()\n\tmux.HandleFunc(s.basePath(HealthzPath), s.HandleHealthz)\n\thttp.ListenAndServe(\":8222\", mux)\n}\n",
                ),
            ]),
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4" } }"#),
                (
                    "src/server.ts",
                    "import express from 'express';\nconst app = express();\napp.get('/healthz', (q, r) => r.send('ok'));",
                ),
            ]),
            Case::project([
                ("requirements.txt", "fastapi==0.115.0\n"),
                (
                    "api/health.py",
                    "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.get('/api/health')\ndef health():\n    return {'ok': True}\n",
                ),
            ]),
            Case::project([
                ("package.json", r#"{ "private": true }"#),
                ("app/api/health/route.ts", "export async function GET() { return Response.json({ ok: true }); }"),
                ("app/api/users/route.ts", "export async function GET() { return Response.json([]); }"),
            ]),
            Case::project([
                ("go.mod", "module example.com/svc\n"),
                (
                    "main.go",
                    "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.HandleFunc(\"/readyz\", ready)\n\thttp.ListenAndServe(\":8080\", nil)\n}\n",
                ),
            ]),
            // Go 1.22 ServeMux patterns carry the method.
            Case::project([
                ("go.mod", "module example.com/svc\n"),
                (
                    "main.go",
                    "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tmux := http.NewServeMux()\n\tmux.HandleFunc(\"GET /healthz\", ok)\n\thttp.ListenAndServe(\":8080\", mux)\n}\n",
                ),
            ]),
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "@godaddy/terminus": "4" } }"#),
                (
                    "src/server.js",
                    "const express = require('express');\nconst { createTerminus } = require('@godaddy/terminus');\nconst app = express();\napp.get('/api/users', list);",
                ),
            ]),
            // A library that only imports a framework for its types is not a service.
            Case::project([
                ("package.json", r#"{ "name": "lib" }"#),
                (
                    "src/types.ts",
                    "import type { Request } from 'express';\nexport type Handler = (req: Request) => void;",
                ),
            ]),
        ];
        let fail = [
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4" } }"#),
                (
                    "src/server.ts",
                    "import express from 'express';\nconst app = express();\napp.use('/api/users', users);\napp.get('/api/users/:id', getUser);\napp.listen(3000);",
                ),
            ]),
            Case::project([
                ("requirements.txt", "fastapi==0.115.0\n"),
                (
                    "main.py",
                    "from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get('/api/events')\ndef events():\n    return []\n",
                ),
            ]),
            Case::project([
                ("Cargo.toml", "[package]\nname = 'svc'\n[dependencies]\naxum = '0.7'\n"),
                (
                    "src/main.rs",
                    "use axum::{Router, routing::get};\n\nfn app() -> Router {\n    Router::new().route(\"/users\", get(list))\n}\n",
                ),
            ]),
            Case::project([
                ("go.mod", "module example.com/svc\n"),
                (
                    "main.go",
                    "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tmux := http.NewServeMux()\n\tmux.HandleFunc(\"GET /api/users\", list)\n\thttp.ListenAndServe(\":8080\", mux)\n}\n",
                ),
            ]),
        ];
        Tester::new::<NoHealthEndpoint>(pass, fail).test_and_snapshot();
    }
}
