//! `shipready scan`: walk, check, report.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use shipready_diagnostics::RuleMeta;
use shipready_linter::Linter;
use shipready_report::{Report, github, json, sarif, terminal};
use shipready_workspace::{Progress, ScanError, ScanOptions, scan};

use crate::args::{GlobalArgs, ScanArgs, ScanFormat};
use crate::commands::select_rules;
use crate::{ExitStatus, UserError, output};

/// Scans with more files than this get a progress bar (on a terminal only).
const PROGRESS_MIN_FILES: usize = 1_000;

pub(crate) fn run(args: &ScanArgs, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let rules = select_rules(&args.select, &args.ignore)?;
    let metas: Vec<&'static RuleMeta> = rules.iter().map(|rule| rule.meta).collect();
    let linter = Linter::new(rules);

    let mut options = ScanOptions::new(args.paths.clone());
    options.threads = args.threads;
    options.max_file_size = args.max_filesize;
    options.follow_links = args.follow;
    options.respect_ignore_files = !args.no_ignore;

    let started = Instant::now();
    let progress = Bar::new(!global.quiet && std::io::stderr().is_terminal());
    let result = scan(&options, &linter, &progress).map_err(user_error)?;
    if global.verbose {
        let _ = writeln!(
            std::io::stderr(),
            "shipready: checked {} files ({} skipped) with {} checks in {:.2?}",
            result.files_scanned,
            result.skipped.len(),
            metas.len(),
            started.elapsed()
        );
    }

    let root = display_root(&args.paths, &result.root);
    let report = Report {
        root: &root,
        findings: &result.findings,
        files_scanned: result.files_scanned,
        skipped: &result.skipped,
        rules: &metas,
        fail_on: args.fail_on,
    };
    let color = output::use_color(global.color, args.output.is_none());
    output::write_report(args.output.as_deref(), out, |writer| match args.format {
        ScanFormat::Terminal => terminal::render(&report, writer, color),
        ScanFormat::Json => json::render(&report, writer),
        ScanFormat::Sarif => sarif::render(&report, writer),
        ScanFormat::Github => github::render(&report, writer),
    })?;
    Ok(if report.failing() > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

fn user_error(error: ScanError) -> anyhow::Error {
    match error {
        ScanError::PathNotFound(path) => UserError::new(format!("`{}` does not exist", path.display()))
            .hint("pass a file or folder that exists, e.g. `shipready scan .`")
            .into(),
        ScanError::Unreadable { .. } => {
            anyhow::Error::new(UserError::new(error.to_string()).hint("check the path's permissions"))
        }
        ScanError::ThreadPool { .. } => anyhow::Error::new(error),
    }
}

/// The root as the user will recognise it: the path they gave, or the common folder of several.
fn display_root(paths: &[std::path::PathBuf], root: &Path) -> String {
    let shown = match paths {
        [only] if only.is_dir() => only.as_path(),
        _ => root,
    };
    let text = shown.to_string_lossy().replace('\\', "/");
    let trimmed = text.trim_end_matches('/');
    if trimmed.is_empty() { text } else { trimmed.to_string() }
}

/// A progress bar on stderr, for long scans on a terminal only.
struct Bar {
    enabled: bool,
    bar: std::sync::OnceLock<ProgressBar>,
}

impl Bar {
    fn new(enabled: bool) -> Self {
        Self { enabled, bar: std::sync::OnceLock::new() }
    }
}

impl Progress for Bar {
    fn start(&self, files: usize) {
        if !self.enabled || files < PROGRESS_MIN_FILES {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} checking {pos}/{len} files {wide_bar} {eta}") {
            bar.set_style(style);
        }
        let _ = self.bar.set(bar);
    }

    fn advance(&self) {
        if let Some(bar) = self.bar.get() {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}
