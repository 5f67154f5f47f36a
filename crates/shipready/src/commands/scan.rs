//! `shipready scan`: walk, check, report.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use shipready_diagnostics::{Finding, RuleMeta, Severity};
use shipready_linter::Linter;
use shipready_linter::registry::{self, all_rules};
use shipready_report::{Report, github, json, sarif, terminal};
use shipready_workspace::config::{self, ConfigError, Settings};
use shipready_workspace::suppressions::{self, Date, Judge, SuppressionsFile};
use shipready_workspace::{Exclude, Progress, ScanError, ScanOptions, scan, scan_root};

use crate::args::{GlobalArgs, ScanArgs, ScanFormat};
use crate::commands::select_rules;
use crate::{ExitStatus, UserError, output};

/// Scans with more files than this get a progress bar (on a terminal only).
const PROGRESS_MIN_FILES: usize = 1_000;

pub(crate) fn run(args: &ScanArgs, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let settings = settings(args)?;
    // The command line's `--select` replaces the configuration's; `--ignore` adds to it.
    let select = if args.select.is_empty() { &settings.select } else { &args.select };
    let ignore: Vec<String> = settings.ignore.iter().chain(&args.ignore).cloned().collect();
    let rules = select_rules(select, &ignore)?;
    let metas: Vec<&'static RuleMeta> = rules.iter().map(|rule| rule.meta).collect();
    let linter = Linter::new(rules).with_settings(settings.rules.clone());
    let fail_on = args.fail_on.or(settings.fail_on).unwrap_or_default();

    let mut options = ScanOptions::new(args.paths.clone());
    options.threads = args.threads;
    options.max_file_size = args.max_filesize;
    options.follow_links = args.follow;
    options.respect_ignore_files = !args.no_ignore;
    if !settings.exclude.is_empty() {
        options.exclude = Some(Exclude::new(settings.base(), &settings.exclude)?);
    }

    let suppressions_file = if args.isolated {
        None
    } else {
        let root = scan_root(&args.paths).map_err(user_error)?;
        let base = if settings.path.is_some() { settings.base().to_path_buf() } else { root };
        SuppressionsFile::find(&base, &check_id).map_err(|error| {
            UserError::new(error.to_string()).hint(
                "fix the suppressions file, or run with `--isolated` to ignore it; the README's Suppressions section describes its entries",
            )
        })?
    };

    let started = Instant::now();
    let progress = Bar::new(!global.quiet && std::io::stderr().is_terminal());
    let mut result = scan(&options, &linter, &progress).map_err(user_error)?;
    apply_settings(&settings, &result.root, &mut result.findings);

    // Suppressions apply once every finding exists and the configuration has had its say. A
    // directive or entry is judged only for a check that ran on its file.
    let absolute_root = std::path::absolute(&result.root).unwrap_or_else(|_| result.root.clone());
    let ran = |id: &str, path: Option<&str>| {
        let Some(meta) = metas.iter().find(|meta| meta.id == id) else { return false };
        path.is_none_or(|path| {
            !settings
                .ignored_for(&absolute_root.join(path))
                .any(|ignored| ignored == id || ignored == meta.area.as_str())
        })
    };
    let judge = Judge {
        ran: &ran,
        report: metas.iter().any(|meta| meta.id == "unused-suppression"),
        inline: !args.no_inline_suppressions,
        today: Date::today(),
    };
    let mut governance = suppressions::apply(&mut result, suppressions_file.as_ref(), &judge);
    apply_settings(&settings, &result.root, &mut governance);
    result.findings.extend(governance);
    result.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
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
    // Heuristic checks inform but do not gate, unless the configuration says otherwise.
    let selected =
        |selectors: &[String], meta: &RuleMeta| selectors.iter().any(|s| s == meta.id || s == meta.area.as_str());
    let advisory: Vec<&str> = metas
        .iter()
        .filter(|meta| (meta.heuristic && !selected(&settings.gate, meta)) || selected(&settings.advisory, meta))
        .map(|meta| meta.id)
        .collect();
    let report = Report {
        root: &root,
        findings: &result.findings,
        files_scanned: result.files_scanned,
        skipped: &result.skipped,
        rules: &metas,
        fail_on,
        advisory: &advisory,
        show_suppressed: args.show_suppressed,
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

/// The configuration for this scan: none with `--isolated`, the file `--config` names, or the
/// nearest one up from the first scanned path.
fn settings(args: &ScanArgs) -> Result<Settings, UserError> {
    let file = if args.isolated {
        None
    } else if let Some(path) = &args.config {
        Some(config::load(path).map_err(|error| config_error(&error))?)
    } else {
        config::discover(&args.paths[0]).map_err(|error| config_error(&error))?
    };
    let Some(file) = file else { return Ok(Settings::default()) };
    let check_selector = |selector: &str| -> Result<(), String> {
        select_rules(&[selector.to_string()], &[]).map(|_| ()).map_err(|error| match error.hint {
            Some(hint) => format!("{}; {hint}", error.message),
            None => error.message,
        })
    };
    let is_check = |id: &str| all_rules().iter().any(|rule| rule.meta.id == id);
    Settings::resolve(&file, &check_selector, &is_check).map_err(|error| config_error(&error))
}

/// Accepts a check id for the suppressions file, or says what is wrong with it.
fn check_id(id: &str) -> Result<(), String> {
    if registry::is_check_id(id) {
        return Ok(());
    }
    let area = shipready_diagnostics::Area::ALL.iter().any(|area| area.as_str() == id);
    Err(match registry::closest_id(id) {
        _ if area => format!("`{id}` is an area; an entry names one check id"),
        Some(close) => format!("unknown check `{id}`; did you mean `{close}`?"),
        None => format!("unknown check `{id}`; `shipready rules` lists every check"),
    })
}

fn config_error(error: &ConfigError) -> UserError {
    UserError::new(error.to_string())
        .hint("fix the configuration file, or run with `--isolated` to ignore it; the README's Configuration section lists every key")
}

/// Per-check severities and per-path ignores from the configuration. A finding already at
/// `info` (documented as intentional) keeps that level.
fn apply_settings(settings: &Settings, root: &Path, findings: &mut Vec<Finding>) {
    if !settings.severity.is_empty() {
        for finding in findings.iter_mut().filter(|f| f.severity != Severity::Info) {
            if let Some(&severity) = settings.severity.get(finding.rule) {
                finding.severity = severity;
            }
        }
    }
    if settings.path.is_some() {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        findings.retain(|finding| {
            let file = root.join(finding.file.as_deref().unwrap_or(&finding.path));
            !settings.ignored_for(&file).any(|id| id == finding.rule || id == finding.area.as_str())
        });
    }
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
