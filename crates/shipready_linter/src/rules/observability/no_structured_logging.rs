use shipready_lang::Language;

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::{Evidence, ProjectModel};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds HTTP services that configure no logging library: no pino, winston, bunyan or
    /// log4js; no structlog, loguru, python-json-logger or `logging.config` setup; no `tracing`,
    /// `slog` or `log4rs` in Rust; no `log/slog`, zap, zerolog or logrus in Go.
    ///
    /// ## Why is this bad?
    /// Unstructured output (`print`, `console.log`) cannot be filtered by level, searched by
    /// request id or turned into alerts. Incidents are diagnosed by grepping, if the lines
    /// survive at all.
    ///
    /// ## Example
    /// An Express service that logs with `console.log` only.
    ///
    /// ## Use instead
    /// ```ts
    /// import pino from "pino";
    /// export const log = pino({ level: process.env.LOG_LEVEL ?? "info" });
    /// ```
    pub(crate) struct NoStructuredLogging {
        id: "no-structured-logging",
        area: Observability,
        severity: Medium,
        since: "0.1.0",
        title: "Service without a configured logging library",
        rationale: "Unstructured logs cannot be filtered, correlated or alerted on.",
        fix: "Configure a structured logger (pino, winston, structlog, tracing, slog) and use it everywhere.",
    }
}

const LOGGING_LIBRARIES: &[&str] = &[
    "pino",
    "pino-http",
    "winston",
    "bunyan",
    "log4js",
    "roarr",
    "consola",
    "structlog",
    "loguru",
    "python-json-logger",
    "pythonjsonlogger",
    "tracing",
    "tracing-subscriber",
    "slog",
    "log4rs",
    "go.uber.org/zap",
    "github.com/rs/zerolog",
    "github.com/sirupsen/logrus",
    "github.com/go-kit/log",
    "github.com/go-kit/kit/log",
    "github.com/prometheus/common/promslog",
    "github.com/hashicorp/go-hclog",
];

/// An organisation's own logging package (`@tryghost/logging`, `@acme/logger`): a team that
/// wraps its logger in a package has configured one.
fn own_logging_package(library: &str) -> bool {
    library.starts_with('@') && matches!(library.rsplit('/').next(), Some("logging" | "logger" | "log"))
}

impl Rule for NoStructuredLogging {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        for project in model.projects().iter().filter(|p| p.is_service()) {
            let configured = project.uses_any(LOGGING_LIBRARIES)
                || project.libraries.iter().any(|library| own_logging_package(library))
                || project.evidence.contains(Evidence::LOGGING_CONFIG)
                || project.specifiers.iter().any(|s| s == "logging.config" || s == "log/slog");
            if !configured {
                ctx.report(project, format!("{} configures no logging library", project.named("Service")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoStructuredLogging;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            // Ghost wraps its logging in its own scoped package.
            Case::project([
                (
                    "package.json",
                    r#"{ "private": true, "dependencies": { "express": "4", "@tryghost/logging": "1" } }"#,
                ),
                ("src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/x', h);"),
            ]),
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4", "pino": "9" } }"#),
                ("src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/x', h);"),
            ]),
            Case::project([(
                "main.py",
                "import logging.config\nfrom fastapi import FastAPI\nlogging.config.dictConfig(CONFIG)\napp = FastAPI()\n",
            )]),
            Case::project([("main.py", "import structlog\nfrom flask import Flask\napp = Flask(__name__)\n")]),
            Case::project([(
                "main.go",
                "package main\n\nimport (\n\t\"log/slog\"\n\t\"net/http\"\n)\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n",
            )]),
        ];
        let fail = [
            // A scoped package that is not a logger.
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4", "@acme/catalog": "1" } }"#),
                ("src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/x', h);"),
            ]),
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4" } }"#),
                (
                    "src/server.ts",
                    "import express from 'express';\nconst app = express();\napp.get('/x', (q, r) => { console.log('hit'); });",
                ),
            ]),
            Case::project([(
                "main.py",
                "import logging\nfrom fastapi import FastAPI\nlogger = logging.getLogger(__name__)\napp = FastAPI()\n",
            )]),
        ];
        Tester::new::<NoStructuredLogging>(pass, fail).test_and_snapshot();
    }
}
