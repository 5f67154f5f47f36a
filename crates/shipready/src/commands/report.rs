//! `shipready report`: the readiness checklist, written fresh or updated in place, and one more
//! snapshot in the project's history.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use shipready_report::{checklist, html, json, markdown};

use crate::args::{GlobalArgs, ReportArgs, ReportFormat};
use crate::commands::check::{STATE_DIR, check};
use crate::commands::scan::{CHECKLIST, readiness_of};
use crate::{ExitStatus, UserError, output};

pub(crate) fn run(args: &ReportArgs, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    if args.update.is_some() && args.format != ReportFormat::Markdown {
        return Err(UserError::new("--update rewrites a Markdown checklist in place")
            .hint("write the HTML or JSON report with `--output FILE`")
            .into());
    }
    let checked = check(&args.check, global)?;
    let baseline = checked.baseline(args.baseline.as_deref())?;
    let target: Option<PathBuf> =
        args.update.as_ref().map(|given| given.clone().unwrap_or_else(|| checked.project_dir().join(CHECKLIST)));
    // The checklist whose sign-offs count, and whose hand-written parts are kept.
    let existing = match &target {
        Some(path) => read_checklist(path)?,
        None => read_checklist(&checked.project_dir().join(CHECKLIST))?,
    };
    let readiness = readiness_of(&checked, baseline.as_ref().map(|(_, b)| b), existing.as_deref().unwrap_or(""))?;
    let report = checked.report(checked.settings.fail_on.unwrap_or_default(), None, false);

    let document = match args.format {
        ReportFormat::Markdown => match &existing {
            Some(text) => checklist::update(text, &markdown::blocks(&report, &readiness)).map_err(|error| {
                let path = target.clone().unwrap_or_else(|| checked.project_dir().join(CHECKLIST));
                UserError::new(format!("cannot update `{}`: {error}", path.display()))
                    .hint("each `<!-- shipready:begin NAME -->` line needs its `<!-- shipready:end NAME -->`; fix the markers or delete the block")
            })?,
            None => markdown::new_document(&report, &readiness),
        },
        ReportFormat::Html => {
            let mut out = Vec::new();
            html::render(&report, &readiness, &mut out)?;
            String::from_utf8(out)?
        }
        ReportFormat::Json => {
            let mut out = Vec::new();
            json::render_readiness(&report, &readiness, &mut out)?;
            String::from_utf8(out)?
        }
    };
    let destination = target.as_deref().or(args.output.as_deref());
    output::write_report(destination, out, |writer| writer.write_all(document.as_bytes()))?;

    if !args.no_history {
        append_history(&checked.project_dir(), &readiness.snapshot.to_line())?;
    }
    if !global.quiet {
        let status = if readiness.ready { "ready" } else { "not ready" };
        let written = target.as_ref().map(|path| format!("wrote {}; ", path.display())).unwrap_or_default();
        let _ = writeln!(std::io::stderr(), "shipready: {written}score {}%, {status}", readiness.score);
    }
    Ok(ExitStatus::Success)
}

/// The checklist's text, `None` if there is none yet. A file that is not UTF-8 is an error, so
/// that it is never overwritten.
fn read_checklist(path: &Path) -> anyhow::Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| {
            UserError::new(format!("`{}` is not UTF-8 text", path.display()))
                .hint("shipready updates Markdown checklists in UTF-8; convert the file or pick another with --update FILE")
                .into()
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(UserError::new(format!("cannot read `{}`: {error}", path.display())).into()),
    }
}

/// Appends one snapshot line to `.shipready/history.jsonl`, in one write so that concurrent
/// reports never interleave within a line.
fn append_history(project: &Path, line: &str) -> anyhow::Result<()> {
    let folder = project.join(STATE_DIR);
    std::fs::create_dir_all(&folder).with_context(|| format!("cannot create `{}`", folder.display()))?;
    let path = folder.join("history.jsonl");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| format!("cannot open `{}`", path.display()))?;
    file.write_all(line.as_bytes()).with_context(|| format!("cannot append to `{}`", path.display()))
}
