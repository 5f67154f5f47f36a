//! `shipready scan`: walk, check, report.

use std::collections::BTreeSet;
use std::io::Write;

use shipready_report::readiness::{self, BaselineFinding, Inputs, manual};
use shipready_report::{BaselineDiff, github, html, json, markdown, sarif, terminal};

use crate::args::{GlobalArgs, ScanArgs, ScanFormat};
use crate::commands::check::{Checked, check, today};
use crate::{ExitStatus, UserError, output};

pub(crate) fn run(args: &ScanArgs, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let checked = check(&args.check, global)?;
    let fail_on = args.fail_on.or(checked.settings.fail_on).unwrap_or_default();
    let baseline = checked.baseline(args.baseline.as_deref())?;
    if args.fail_on_new && baseline.is_none() {
        return Err(UserError::new("--fail-on-new needs a baseline, and none was found")
            .hint("record one with `shipready baseline`, or name it with `--baseline FILE`")
            .into());
    }
    // A baseline found in the project is used for --fail-on-new and the Markdown checklist;
    // the other formats mark findings only when it is named.
    let compare = args.baseline.is_some() || args.fail_on_new;
    let diff =
        baseline.as_ref().filter(|_| compare).map(|(path, baseline)| diff(&checked, path, baseline, args.fail_on_new));

    let report = checked.report(fail_on, diff.as_ref(), args.show_suppressed);
    let color = output::use_color(global.color, args.output.is_none());
    // The checklist formats need the readiness picture; the others render the findings alone.
    let readiness = match args.format {
        ScanFormat::Markdown | ScanFormat::Html => {
            let checklist = std::fs::read_to_string(checked.project_dir().join(CHECKLIST)).unwrap_or_default();
            Some(readiness_of(&checked, baseline.as_ref().map(|(_, b)| b), &checklist)?)
        }
        ScanFormat::Terminal | ScanFormat::Json | ScanFormat::Sarif | ScanFormat::Github => None,
    };
    output::write_report(args.output.as_deref(), out, |writer| match (args.format, &readiness) {
        (ScanFormat::Markdown, Some(readiness)) => markdown::render(&report, readiness, writer),
        (ScanFormat::Html, Some(readiness)) => html::render(&report, readiness, writer),
        (ScanFormat::Json, _) => json::render(&report, writer),
        (ScanFormat::Sarif, _) => sarif::render(&report, writer),
        (ScanFormat::Github, _) => github::render(&report, writer),
        (ScanFormat::Terminal | ScanFormat::Markdown | ScanFormat::Html, _) => terminal::render(&report, writer, color),
    })?;
    Ok(if report.failing() > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

/// Which findings the baseline knows, and which of its findings are gone.
fn diff(checked: &Checked, path: &std::path::Path, baseline: &readiness::Baseline, fail_on_new: bool) -> BaselineDiff {
    let present: BTreeSet<_> = checked.result.findings.iter().map(|f| f.fingerprint).collect();
    let ran = checked.ran();
    let fixed: Vec<BaselineFinding> =
        readiness::gone(baseline, &present, &ran, &checked.result.skipped).into_iter().cloned().collect();
    BaselineDiff { path: path.display().to_string(), known: baseline.fingerprints(), fixed, fail_on_new }
}

/// The checklist's name in the project folder.
pub(crate) const CHECKLIST: &str = "READINESS.md";

/// The readiness picture of a scan, with the sign-offs of a checklist and the project's history.
pub(crate) fn readiness_of(
    checked: &Checked,
    baseline: Option<&readiness::Baseline>,
    checklist: &str,
) -> anyhow::Result<readiness::Readiness> {
    let manual = manual::parse(checklist);
    let checks = checked.weighed_checks();
    let history = checked.history()?;
    Ok(readiness::compute(&Inputs {
        today: today()?,
        findings: &checked.result.findings,
        checks: &checks,
        manual: &manual,
        baseline,
        history: &history,
        skipped: &checked.result.skipped,
        probe: checked.probe.as_ref(),
    }))
}
