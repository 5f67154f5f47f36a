//! `shipready probe URL`: the live checks against a running service, reported like a scan.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use shipready_diagnostics::{Area, RuleMeta};
use shipready_probe::{CHECKS, OpenApiSource, ProbeError, ProbeOptions, Unreachable};
use shipready_report::readiness::{self, ApplicableCheck, Inputs};
use shipready_report::{Report, github, html, json, markdown, sarif, terminal};

use crate::args::{GlobalArgs, ProbeArgs, ScanFormat};
use crate::commands::check::today;
use crate::{ExitStatus, UserError, output};

pub(crate) fn run(args: &ProbeArgs, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let checks = select(&args.select, &args.ignore)?;
    let mut options = ProbeOptions::new(args.url.trim());
    options.max_requests = args.max_requests;
    options.max_time = Duration::from_secs(args.max_seconds);
    options.timeout = Duration::from_secs(args.timeout);
    options.concurrency = args.concurrency;
    options.allow_bodies = args.allow_bodies;
    options.headers.clone_from(&args.headers);
    options.private_paths.clone_from(&args.private);
    options.openapi = args.openapi.as_deref().map(|given| {
        if given.starts_with("http://") || given.starts_with("https://") {
            OpenApiSource::Url(given.to_string())
        } else {
            OpenApiSource::File(PathBuf::from(given))
        }
    });
    options.checks = checks;
    options.burst = args.burst;
    options.body_bytes = args.body_bytes;
    options.slow_client = Duration::from_secs(args.slow_client_seconds);

    if !global.quiet {
        let _ = writeln!(
            std::io::stderr(),
            "shipready: probing {} (at most {} requests and {} s)",
            args.url.trim(),
            args.max_requests,
            args.max_seconds
        );
    }
    let run = shipready_probe::probe(&options).map_err(|error| user_error(error, &args.url))?;
    let summary = run.summary();
    let metas = run.metas();
    let report = Report {
        root: &run.url,
        findings: &run.findings,
        files_scanned: 0,
        skipped: &[],
        rules: &metas,
        fail_on: args.fail_on,
        advisory: &[],
        show_suppressed: false,
        baseline: None,
        probe: Some(&summary),
    };
    let readiness = match args.format {
        ScanFormat::Markdown | ScanFormat::Html => {
            // The score of the live checks that reached a verdict; one that could not run says
            // nothing about the service.
            let concluded: Vec<ApplicableCheck<'static>> = metas
                .iter()
                .filter(|meta| summary.check(meta.id).is_some_and(|check| check.status.concluded()))
                .map(|meta| ApplicableCheck::of(meta, meta.severity))
                .collect();
            Some(readiness::compute(&Inputs {
                today: today()?,
                findings: &run.findings,
                checks: &concluded,
                manual: &[],
                baseline: None,
                history: &[],
                skipped: &[],
                probe: Some(&summary),
            }))
        }
        ScanFormat::Terminal | ScanFormat::Json | ScanFormat::Sarif | ScanFormat::Github => None,
    };
    let color = output::use_color(global.color, args.output.is_none());
    output::write_report(args.output.as_deref(), out, |writer| match (args.format, &readiness) {
        (ScanFormat::Markdown, Some(readiness)) => markdown::render(&report, readiness, writer),
        (ScanFormat::Html, Some(readiness)) => html::render(&report, readiness, writer),
        (ScanFormat::Json, _) => json::render(&report, writer),
        (ScanFormat::Sarif, _) => sarif::render(&report, writer),
        (ScanFormat::Github, _) => github::render(&report, writer),
        (ScanFormat::Terminal | ScanFormat::Markdown | ScanFormat::Html, _) => terminal::render(&report, writer, color),
    })?;
    if !global.quiet && (args.output.is_some() || args.format != ScanFormat::Terminal) {
        let _ = writeln!(
            std::io::stderr(),
            "shipready: {} finding(s) from {} request(s) in {:.1?}",
            run.findings.len(),
            run.requests_sent,
            run.elapsed
        );
    }
    Ok(if report.failing() > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

/// The live check with this id.
pub(crate) fn meta(id: &str) -> Option<&'static RuleMeta> {
    CHECKS.iter().copied().find(|meta| meta.id == id)
}

/// The live checks to run: all, narrowed by `--select`, minus `--ignore`; ids or areas.
fn select(select: &[String], ignore: &[String]) -> Result<Vec<&'static str>, UserError> {
    let area = |name: &str| Area::ALL.into_iter().find(|area| area.as_str() == name);
    for selector in select.iter().chain(ignore) {
        if meta(selector).is_some() || area(selector).is_some() {
            continue;
        }
        let error = UserError::new(format!("unknown live check or area `{selector}`"));
        return Err(if shipready_linter::registry::is_check_id(selector) {
            error.hint(format!("`{selector}` checks code: `shipready scan --select {selector}` runs it"))
        } else if let Some(close) = closest_probe_id(selector) {
            error.hint(format!("did you mean `{close}`? `shipready rules` lists every check"))
        } else {
            error.hint("the live checks are the `probe-*` rows of `shipready rules`")
        });
    }
    let matches = |meta: &RuleMeta, selector: &String| meta.id == selector || area(selector) == Some(meta.area);
    let chosen: Vec<&'static str> = CHECKS
        .iter()
        .filter(|meta| select.is_empty() || select.iter().any(|s| matches(meta, s)))
        .filter(|meta| !ignore.iter().any(|s| matches(meta, s)))
        .map(|meta| meta.id)
        .collect();
    if chosen.is_empty() {
        return Err(UserError::new("--select and --ignore leave no live check to run")
            .hint("the live checks are the `probe-*` rows of `shipready rules`"));
    }
    Ok(chosen)
}

/// The live check id nearest to `given`, if one is close.
pub(crate) fn closest_probe_id(given: &str) -> Option<&'static str> {
    let ids: Vec<&'static str> = CHECKS.iter().map(|meta| meta.id).collect();
    shipready_linter::registry::closest_among(given, &ids)
}

/// A probe that could not take place, as the user can act on it.
fn user_error(error: ProbeError, given: &str) -> anyhow::Error {
    let message = error.to_string();
    let hint = match &error {
        ProbeError::MissingScheme(text) => format!("did you mean `http://{}`?", text.trim()),
        ProbeError::UnsupportedScheme { .. } => "probe an http:// or https:// URL".to_string(),
        ProbeError::InvalidUrl { .. } => {
            "give the service's base URL, e.g. `shipready probe http://localhost:8000`".into()
        }
        ProbeError::InvalidHeader(_) => "write it as `--header 'Authorization: Bearer …'`".to_string(),
        ProbeError::Unreachable { cause: Unreachable::Refused, .. } => format!(
            "is the service running, and listening on the host and port of `{}`? The probe sent nothing else",
            given.trim()
        ),
        ProbeError::Unreachable { cause: Unreachable::Dns, .. } => {
            "check the host name; for a service on this machine use `localhost` or `127.0.0.1`".into()
        }
        ProbeError::Unreachable { cause: Unreachable::Tls, reason, .. } => {
            if reason.contains("InvalidContentType") || reason.contains("corrupt message") {
                format!("the port seems to speak plain HTTP: try `{}`", given.trim().replacen("https://", "http://", 1))
            } else {
                "shipready verifies certificates against this machine's trust store and has no switch to skip that: \
                 add the service's CA to the trust store, or probe its plain-HTTP port from inside the network"
                    .into()
            }
        }
        ProbeError::OpenApiElsewhere { .. } => {
            "download the document and give it as a file: `--openapi openapi.json`".into()
        }
        ProbeError::OpenApi { .. } => {
            "give an OpenAPI 3 or Swagger 2 document in JSON or YAML, or leave out --openapi to look for one".into()
        }
        ProbeError::Client(_) | ProbeError::Runtime(_) => return anyhow::Error::new(error),
    };
    UserError::new(message).hint(hint).into()
}
