use shipready_lang::Language;

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::ProjectModel;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds HTTP services that send their errors nowhere: no Sentry SDK, no OpenTelemetry
    /// exporter, no Rollbar, Bugsnag, Honeybadger, Airbrake, Datadog or New Relic agent.
    ///
    /// ## Why is this bad?
    /// Errors that only reach a log file are seen when someone happens to look. Error
    /// aggregation groups them, counts them and alerts on new ones, with the stack and context
    /// needed to fix them.
    ///
    /// ## Example
    /// A Next.js app with no `@sentry/nextjs` and no OpenTelemetry exporter.
    ///
    /// ## Use instead
    /// ```python
    /// import sentry_sdk
    /// sentry_sdk.init(dsn=os.environ["SENTRY_DSN"], traces_sample_rate=0.1)
    /// ```
    pub(crate) struct NoErrorTracking {
        id: "no-error-tracking",
        area: Observability,
        severity: Low,
        since: "0.1.0",
        title: "Service without error tracking",
        rationale: "Errors that only reach a log are noticed late and never grouped or counted.",
        fix: "Send errors to an aggregator (Sentry, or an OpenTelemetry exporter to your backend).",
    }
}

const ERROR_TRACKING_LIBRARIES: &[&str] = &[
    "@sentry/*",
    "sentry-sdk",
    "raven",
    "sentry",
    "sentry-tracing",
    "rollbar",
    "@bugsnag/*",
    "bugsnag",
    "@honeybadger-io/*",
    "honeybadger",
    "airbrake",
    "@airbrake/*",
    "dd-trace",
    "ddtrace",
    "newrelic",
    "elastic-apm-node",
    "elasticapm",
    "@opentelemetry/exporter*",
    "opentelemetry-exporter*",
    "opentelemetry-otlp",
    "github.com/getsentry/sentry-go*",
    "go.opentelemetry.io/otel/exporters*",
];

impl Rule for NoErrorTracking {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        for project in model.projects().iter().filter(|p| p.is_service()) {
            if !project.uses_any(ERROR_TRACKING_LIBRARIES) {
                ctx.report(project, format!("{} sends its errors to no tracker", project.named("Service")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoErrorTracking;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4", "@sentry/node": "8" } }"#),
                ("src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/x', h);"),
            ]),
            Case::project([("main.py", "import sentry_sdk\nfrom fastapi import FastAPI\napp = FastAPI()\n")]),
        ];
        let fail = [
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4" } }"#),
                ("src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/x', h);"),
            ]),
            Case::project([("main.py", "from fastapi import FastAPI\napp = FastAPI()\n")]),
        ];
        Tester::new::<NoErrorTracking>(pass, fail).test_and_snapshot();
    }
}
