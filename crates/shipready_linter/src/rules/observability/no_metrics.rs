use shipready_lang::Language;

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::ProjectModel;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds HTTP services that use no metrics or tracing library: no `prom-client`,
    /// `prometheus_client`, OpenTelemetry, StatsD, Datadog, the Rust `metrics`/`prometheus`
    /// crates or Prometheus's Go client, as a dependency or an import.
    ///
    /// ## Why is this bad?
    /// Without request rates, error rates and latencies, nobody sees a degradation until users
    /// report it, and capacity planning is guesswork.
    ///
    /// ## Example
    /// A FastAPI service whose only observability is log lines.
    ///
    /// ## Use instead
    /// ```python
    /// from prometheus_fastapi_instrumentator import Instrumentator
    /// Instrumentator().instrument(app).expose(app)  # serves /metrics
    /// ```
    pub(crate) struct NoMetrics {
        id: "no-metrics",
        area: Observability,
        severity: Medium,
        since: "0.1.0",
        title: "Service without metrics or tracing",
        rationale: "Without metrics nobody sees error rates or latency rise until users complain.",
        fix: "Expose Prometheus metrics or export OpenTelemetry traces and metrics from the service.",
    }
}

/// Metrics and tracing libraries, across ecosystems (`*` matches any package under a prefix).
const METRICS_LIBRARIES: &[&str] = &[
    "prom-client",
    "express-prom-bundle",
    "prometheus-api-metrics",
    "fastify-metrics",
    "@opentelemetry/*",
    "hot-shots",
    "node-statsd",
    "statsd-client",
    "dd-trace",
    "newrelic",
    "@vercel/otel",
    "prometheus-client",
    "prometheus-fastapi-instrumentator",
    "starlette-exporter",
    "starlette-prometheus",
    "django-prometheus",
    "prometheus-flask-exporter",
    "opentelemetry*",
    "statsd",
    "datadog",
    "ddtrace",
    "metrics",
    "prometheus",
    "metrics-exporter-prometheus",
    "axum-prometheus",
    "actix-web-prom",
    "github.com/prometheus/client-golang*",
    "go.opentelemetry.io/*",
    "github.com/datadog/datadog-go*",
];

/// An organisation's own metrics package (`@tryghost/metrics`, `@acme/prometheus-metrics`).
fn own_metrics_package(library: &str) -> bool {
    library.starts_with('@')
        && library.rsplit('/').next().is_some_and(|name| name.contains("metrics") || name.contains("prometheus"))
}

impl Rule for NoMetrics {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        for project in model.projects().iter().filter(|p| p.is_service()) {
            if !project.uses_any(METRICS_LIBRARIES) && !project.libraries.iter().any(|l| own_metrics_package(l)) {
                ctx.report(project, format!("{} collects no metrics or traces", project.named("Service")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoMetrics;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            // Ghost wraps its metrics in its own scoped package.
            Case::project([
                (
                    "package.json",
                    r#"{ "private": true, "dependencies": { "express": "4", "@tryghost/prometheus-metrics": "1" } }"#,
                ),
                ("src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/x', h);"),
            ]),
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4", "prom-client": "15" } }"#),
                ("src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/x', h);"),
            ]),
            Case::project([
                ("requirements.txt", "fastapi==0.115.0\nopentelemetry-sdk==1.27.0\n"),
                ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            ]),
            Case::project([(
                "main.py",
                "from fastapi import FastAPI\nfrom prometheus_client import make_asgi_app\napp = FastAPI()\n",
            )]),
            Case::project([
                ("go.mod", "module x\nrequire github.com/prometheus/client_golang v1.19.0\n"),
                (
                    "main.go",
                    "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n",
                ),
            ]),
            // Not a service.
            Case::project([("package.json", r#"{ "name": "lib" }"#), ("src/index.ts", "export const x = 1;")]),
        ];
        let fail = [
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4" } }"#),
                ("src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/x', h);"),
            ]),
            Case::project([
                ("requirements.txt", "flask==3.0.0\n"),
                ("app.py", "from flask import Flask\napp = Flask(__name__)\n"),
            ]),
        ];
        Tester::new::<NoMetrics>(pass, fail).test_and_snapshot();
    }
}
