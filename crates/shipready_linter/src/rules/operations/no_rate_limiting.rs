use shipready_lang::Language;

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::{Evidence, ProjectModel};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds HTTP services with no rate limiting: no `express-rate-limit`,
    /// `rate-limiter-flexible`, `@fastify/rate-limit`, `@nestjs/throttler`, `@upstash/ratelimit`,
    /// `slowapi`, `fastapi-limiter`, `flask-limiter`, `django-ratelimit`, `tower_governor`,
    /// `golang.org/x/time/rate`, `httprate`…, and no hand-written limiter (no `429`/`Too Many
    /// Requests` answer, no rate-limit or throttle code) anywhere in the service.
    ///
    /// ## Why is this bad?
    /// Without a limit, one client can exhaust the service (and its database and paid upstream
    /// APIs) with a loop, and credential stuffing against login endpoints goes unchecked.
    ///
    /// ## Example
    /// A FastAPI service whose endpoints accept any number of requests per client.
    ///
    /// ## Use instead
    /// ```ts
    /// import rateLimit from "express-rate-limit";
    /// app.use(rateLimit({ windowMs: 60_000, limit: 100, standardHeaders: true }));
    /// ```
    ///
    /// ## Known limitations
    /// Limits enforced outside the code (an API gateway, a reverse proxy) are not seen; suppress
    /// the finding for such a service.
    pub(crate) struct NoRateLimiting {
        id: "no-rate-limiting",
        area: Operations,
        severity: High,
        since: "0.1.0",
        title: "Service without rate limiting",
        rationale: "One client can exhaust an unlimited service and everything behind it.",
        fix: "Add rate-limiting middleware per client and route, or enforce limits at the gateway.",
    }
}

pub(super) const RATE_LIMIT_LIBRARIES: &[&str] = &[
    "express-rate-limit",
    "express-slow-down",
    "rate-limiter-flexible",
    "@fastify/rate-limit",
    "fastify-rate-limit",
    "koa-ratelimit",
    "koa2-ratelimit",
    "hono-rate-limiter",
    "@upstash/ratelimit",
    "@nestjs/throttler",
    "@arcjet/*",
    "slowapi",
    "fastapi-limiter",
    "flask-limiter",
    "django-ratelimit",
    "limits",
    "tower-governor",
    "governor",
    "actix-governor",
    "actix-limitation",
    "golang.org/x/time",
    "github.com/ulule/limiter*",
    "github.com/didip/tollbooth*",
    "github.com/throttled/throttled*",
    "github.com/go-chi/httprate",
];

impl Rule for NoRateLimiting {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        for project in model.projects().iter().filter(|p| p.is_service()) {
            let limited = project.uses_any(RATE_LIMIT_LIBRARIES)
                || project.evidence.contains(Evidence::RATE_LIMIT)
                || project.specifiers.iter().any(|s| s.contains("limiter") || s.contains("ratelimit"));
            if !limited {
                ctx.report(project, format!("{} has no rate limiting", project.named("Service")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoRateLimiting;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            Case::project([
                (
                    "package.json",
                    r#"{ "private": true, "dependencies": { "express": "4", "express-rate-limit": "7" } }"#,
                ),
                ("src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/x', h);"),
            ]),
            Case::project([
                ("requirements.txt", "fastapi==0.115.0\nslowapi==0.1.9\n"),
                ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            ]),
            // A hand-written limiter (seen in real reviews: "Rate limited (30 req/min/IP)").
            Case::project([
                (
                    "src/server.ts",
                    "import express from 'express';\nimport { limit } from './limit';\nconst app = express();\napp.use(limit);",
                ),
                (
                    "src/limit.ts",
                    "export function limit(req, res, next) { if (over(req.ip)) return res.status(429).end(); next(); }",
                ),
            ]),
            Case::project([(
                "main.go",
                "package main\n\nimport (\n\t\"net/http\"\n\t\"github.com/go-chi/httprate\"\n)\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n",
            )]),
        ];
        let fail = [
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4" } }"#),
                ("src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/x', h);"),
            ]),
            Case::project([
                ("requirements.txt", "fastapi==0.115.0\n"),
                ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            ]),
        ];
        Tester::new::<NoRateLimiting>(pass, fail).test_and_snapshot();
    }
}
