use shipready_lang::Language;

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::{Evidence, ProjectModel};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds Node.js web services that send no security headers: Express, Fastify, Koa, Hono and
    /// NestJS apps without `helmet` (or `@fastify/helmet`, `koa-helmet`, `hono/secure-headers`,
    /// `lusca`), and Next.js apps whose `next.config` `headers()` and middleware set none of
    /// `X-Content-Type-Options`, `X-Frame-Options`, `Content-Security-Policy` or
    /// `Strict-Transport-Security`.
    ///
    /// ## Why is this bad?
    /// Without them, browsers sniff content types, let any site frame the app for clickjacking,
    /// and run injected scripts with nothing to stop them.
    ///
    /// ## Example
    /// An Express app without `app.use(helmet())`.
    ///
    /// ## Use instead
    /// ```ts
    /// import helmet from "helmet";
    /// app.use(helmet());
    /// ```
    pub(crate) struct NoSecurityHeaders {
        id: "no-security-headers",
        area: Operations,
        severity: Medium,
        since: "0.1.0",
        title: "Web service without security headers",
        rationale: "Without security headers browsers allow framing, content sniffing and injected scripts.",
        fix: "Add `helmet` (or the framework's equivalent), or set the headers in `next.config` `headers()`.",
    }
}

const NODE_FRAMEWORKS: &[&str] = &["Express", "Fastify", "Koa", "Hono", "NestJS", "Next.js"];
const HEADER_LIBRARIES: &[&str] =
    &["helmet", "@fastify/helmet", "fastify-helmet", "koa-helmet", "lusca", "next-secure-headers"];

impl Rule for NoSecurityHeaders {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        for project in model.projects().iter().filter(|p| p.is_service()) {
            if !project.frameworks.iter().any(|f| NODE_FRAMEWORKS.contains(f)) {
                continue;
            }
            let protected = project.uses_any(HEADER_LIBRARIES)
                || project.specifiers.contains("hono/secure-headers")
                || project.evidence.contains(Evidence::SECURITY_HEADERS);
            if !protected {
                let frameworks: Vec<&str> = project.frameworks.iter().copied().collect();
                ctx.report(
                    project,
                    format!("{} ({}) sets no security headers", project.named("Service"), frameworks.join(", ")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoSecurityHeaders;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            Case::project([(
                "src/server.ts",
                "import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet());",
            )]),
            Case::project([
                ("package.json", r#"{ "private": true }"#),
                ("app/api/x/route.ts", "export async function GET() { return Response.json({}); }"),
                (
                    "next.config.mjs",
                    "export default { async headers() { return [{ source: '/(.*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] }]; } };",
                ),
            ]),
            // Python services are out of this check's scope.
            Case::project([("main.py", "from fastapi import FastAPI\napp = FastAPI()\n")]),
        ];
        let fail = [
            Case::project([(
                "src/server.ts",
                "import express from 'express';\nconst app = express();\napp.get('/x', h);",
            )]),
            Case::project([
                ("package.json", r#"{ "private": true }"#),
                ("app/api/x/route.ts", "export async function GET() { return Response.json({}); }"),
                ("next.config.mjs", "export default { reactStrictMode: true };"),
            ]),
        ];
        Tester::new::<NoSecurityHeaders>(pass, fail).test_and_snapshot();
    }
}
