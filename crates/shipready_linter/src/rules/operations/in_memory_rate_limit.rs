use shipready_lang::Language;

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::{Evidence, Project, ProjectModel};
use crate::rule::Rule;

use super::no_rate_limiting::RATE_LIMIT_LIBRARIES;

declare_rule! {
    /// ## What it does
    /// Finds services whose rate limiting keeps its counters in process memory while the
    /// service runs as several instances: the limiter is in use but no shared store is (no
    /// Redis, Memcached, Upstash or database store library), and the repository runs more than
    /// one instance (Kubernetes `replicas` above one or an autoscaler, Compose `deploy.replicas`,
    /// `--workers`, `WEB_CONCURRENCY`, `cluster.fork`), or the service is a Next.js app, whose
    /// route handlers run on many serverless instances.
    ///
    /// ## Why is this bad?
    /// Each instance counts separately, so the effective limit is the configured one times the
    /// number of instances, and it resets on every deploy or restart.
    ///
    /// ## Example
    /// `express-rate-limit` with its default memory store, deployed with `replicas: 3`.
    ///
    /// ## Use instead
    /// ```ts
    /// import { RedisStore } from "rate-limit-redis";
    /// app.use(rateLimit({ windowMs: 60_000, limit: 100, store: new RedisStore({ sendCommand }) }));
    /// ```
    ///
    /// ## Known limitations
    /// Instance counts are read from the repository as a whole, not tied to one service.
    pub(crate) struct InMemoryRateLimit {
        id: "in-memory-rate-limit",
        area: Operations,
        severity: Medium,
        since: "0.1.0",
        title: "Rate limiting kept in one instance's memory",
        rationale: "Per-instance counters multiply the limit by the instance count and reset on restart.",
        fix: "Keep rate-limit counters in a shared store such as Redis, or enforce them at the gateway.",
    }
}

/// Libraries that give a limiter a shared store.
const SHARED_STORES: &[&str] = &[
    "rate-limit-redis",
    "ioredis",
    "redis",
    "@redis/client",
    "@upstash/redis",
    "@upstash/ratelimit",
    "rate-limit-mongo",
    "rate-limit-memcached",
    "@acpr/rate-limit-postgresql",
    "memcached",
    "aioredis",
    "redis-py",
    "pymemcache",
    "github.com/redis/go-redis*",
    "github.com/go-redis/redis*",
    "deadpool-redis",
    "bb8-redis",
];

fn runs_several_instances(model: &ProjectModel, project: &Project) -> bool {
    project.frameworks.contains("Next.js")
        || model.projects().iter().any(|p| p.evidence.contains(Evidence::MULTI_INSTANCE))
        || model.files().iter().any(|f| f.evidence.contains(Evidence::MULTI_INSTANCE))
}

impl Rule for InMemoryRateLimit {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        for project in model.projects().iter().filter(|p| p.is_service()) {
            let limited = project.uses_any(RATE_LIMIT_LIBRARIES) || project.evidence.contains(Evidence::RATE_LIMIT);
            if limited && !project.uses_any(SHARED_STORES) && runs_several_instances(model, project) {
                ctx.report(
                    project,
                    format!("{} rate-limits in process memory but runs as several instances", project.named("Service")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InMemoryRateLimit;
    use crate::tester::{Case, Tester};

    const SERVER: &str = "import express from 'express';\nimport rateLimit from 'express-rate-limit';\nconst app = express();\napp.use(rateLimit({ limit: 100 }));";

    #[test]
    fn test() {
        let pass = [
            // One instance.
            Case::project([("src/server.ts", SERVER)]),
            // A shared store.
            Case::project([
                ("src/server.ts", SERVER),
                (
                    "src/store.ts",
                    "import { RedisStore } from 'rate-limit-redis';\nexport const store = new RedisStore({});",
                ),
                ("deploy/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n"),
            ]),
            // No rate limiting at all (that is `no-rate-limiting`).
            Case::project([
                ("src/server.ts", "import express from 'express';\nconst app = express();"),
                ("deploy/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n"),
            ]),
        ];
        let fail = [
            Case::project([
                ("src/server.ts", SERVER),
                ("deploy/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n"),
            ]),
            Case::project([
                (
                    "main.py",
                    "from fastapi import FastAPI\nfrom slowapi import Limiter\napp = FastAPI()\nlimiter = Limiter(key_func=ip)\n",
                ),
                ("Dockerfile", "FROM python:3.12\nCMD [\"gunicorn\", \"main:app\", \"--workers\", \"4\"]\n"),
            ]),
            // Next.js route handlers run on many serverless instances.
            Case::project([
                ("package.json", r#"{ "private": true }"#),
                (
                    "lib/rate-limit.ts",
                    "const hits = new Map();\nexport function rateLimit(ip: string) { hits.set(ip, (hits.get(ip) ?? 0) + 1); }",
                ),
                (
                    "app/api/chat/route.ts",
                    "import { rateLimit } from '@/lib/rate-limit';\nexport async function POST(req: Request) { rateLimit('x'); }",
                ),
            ]),
        ];
        Tester::new::<InMemoryRateLimit>(pass, fail).test_and_snapshot();
    }
}
