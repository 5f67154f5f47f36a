//! The pipeline `scan`, `report` and `baseline` share: configuration, check selection, the
//! scan itself, and what the readiness score needs to know about the project.

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use shipready_diagnostics::{FailOn, Finding, ProbeSummary, RuleMeta, Severity};
use shipready_lang::{FileRole, Language};
use shipready_linter::Linter;
use shipready_linter::registry::{self, all_rules};
use shipready_report::readiness::{ApplicableCheck, Baseline, Snapshot, history};
use shipready_report::{BaselineDiff, Report, json};
use shipready_workspace::CacheOptions;
use shipready_workspace::config::{self, ConfigError, ConfigTree, Settings};
use shipready_workspace::suppressions::{self, Judge, SuppressionsFile};
use shipready_workspace::{
    Exclude, Progress, ScanError, ScanOptions, ScanResult, check as check_walk, classify_path, walk,
};

use crate::UserError;
use crate::args::{CheckArgs, GlobalArgs};
use crate::commands::{probe, select_rules};

/// Scans with more files than this get a progress bar (on a terminal only).
const PROGRESS_MIN_FILES: usize = 1_000;

/// The folder tracking files live in, under the project folder.
pub(crate) const STATE_DIR: &str = ".shipready";

/// A finished scan and what it was run with.
pub(crate) struct Checked {
    pub result: ScanResult,
    pub settings: Settings,
    pub metas: Vec<&'static RuleMeta>,
    /// Checks that ran and whose language or target the project has.
    pub applicable: Vec<&'static RuleMeta>,
    /// Checks whose findings never fail the run.
    pub advisory: Vec<&'static str>,
    /// The scan root as the user gave it.
    pub root: String,
    /// `--quiet`: no notes on stderr.
    pub quiet: bool,
    /// The live run read with `--probe-results`, whose findings and checks are merged in.
    pub probe: Option<ProbeSummary>,
}

pub(crate) fn check(args: &CheckArgs, global: &GlobalArgs) -> anyhow::Result<Checked> {
    let root_settings = settings(args)?;
    let mut options = ScanOptions::new(args.paths.clone());
    options.threads = args.threads;
    options.max_file_size = args.max_filesize;
    options.follow_links = args.follow;
    options.respect_ignore_files = !args.no_ignore;
    options.parse_only = args.parse_only;
    options.include_generated = args.include_generated;
    if !root_settings.exclude.is_empty() {
        options.exclude = Some(Exclude::new(&root_settings.exclude)?);
    }

    let started = Instant::now();
    let mut walk = walk(&options).map_err(user_error)?;
    // Sub-folders with their own shipready.toml extend the configuration above them; the
    // command line's --select and --ignore apply in every folder.
    let mut tree = if args.isolated || args.config.is_some() {
        ConfigTree::single(root_settings)
    } else {
        ConfigTree::build(&walk.root, root_settings, walk.files(), &check_selector, &is_check)
            .map_err(|error| config_error(&error))?
    };
    tree.for_each_mut(|settings| {
        if !args.select.is_empty() {
            settings.select.clone_from(&args.select);
        }
        settings.ignore.extend(args.ignore.iter().cloned());
    });
    let root_absolute = std::path::absolute(&walk.root).unwrap_or_else(|_| walk.root.clone());
    let mut nested_excludes = Vec::new();
    for settings in tree.all().skip(1) {
        if !settings.exclude.is_empty() {
            nested_excludes.push(Exclude::new(&settings.exclude)?);
        }
    }
    if !nested_excludes.is_empty() {
        walk.retain(|candidate| {
            let path = root_absolute.join(&candidate.rel_path);
            !nested_excludes.iter().any(|exclude| exclude.matches(&path))
        });
    }

    // The checks that run: every check some folder selects. Each folder's findings are then
    // narrowed to its own selection.
    let mut union: BTreeSet<&'static str> = BTreeSet::new();
    for settings in tree.all() {
        union.extend(select_rules(&settings.select, &settings.ignore)?.iter().map(|r| r.meta.id));
    }
    let rules: Vec<_> = all_rules().into_iter().filter(|rule| union.contains(rule.meta.id)).collect();
    let metas: Vec<&'static RuleMeta> = rules.iter().map(|rule| rule.meta).collect();

    let progress = Bar::new(!global.quiet && std::io::stderr().is_terminal());
    if !args.no_cache {
        let project = if tree.root().path.is_some() { tree.root().base().to_path_buf() } else { root_absolute.clone() };
        options.cache = Some(CacheOptions {
            dir: args.cache_dir.clone().unwrap_or_else(|| project.join(STATE_DIR).join("cache")),
            key: cache_key(&metas, &tree, &options),
        });
    }
    let linter = Linter::new(rules).with_settings(tree.root().rules.clone());
    let suppressions_file = if args.isolated {
        None
    } else {
        let base = if tree.root().path.is_some() { tree.root().base().to_path_buf() } else { root_absolute.clone() };
        SuppressionsFile::find(&base, &check_id).map_err(|error| {
            UserError::new(error.to_string()).hint(
                "fix the suppressions file, or run with `--isolated` to ignore it; the README's Suppressions section describes its entries",
            )
        })?
    };
    let mut result = check_walk(walk, &options, &linter, &progress, &tree).map_err(user_error)?;
    apply_settings(&tree, &root_absolute, &mut result.findings);

    // Suppressions apply once every finding exists and the configuration has had its say. A
    // directive or entry is judged only for a check that ran on its file.
    let ran = |id: &str, path: Option<&str>| {
        let Some(meta) = metas.iter().find(|meta| meta.id == id) else { return false };
        path.is_none_or(|path| {
            let settings = tree.for_path(path);
            settings.selects(id, meta.area.as_str())
                && !settings
                    .ignored_for(&root_absolute.join(path))
                    .any(|ignored| ignored == id || ignored == meta.area.as_str())
        })
    };
    let judge = Judge {
        ran: &ran,
        report: metas.iter().any(|meta| meta.id == "unused-suppression"),
        inline: !args.no_inline_suppressions,
        today: today()?,
    };
    let mut governance = suppressions::apply(&mut result, suppressions_file.as_ref(), &judge);
    apply_settings(&tree, &root_absolute, &mut governance);
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
        if let Some(cache) = &result.cache {
            let _ = writeln!(
                std::io::stderr(),
                "shipready: cache: {} files unchanged and reused, {} checked",
                cache.reused,
                cache.checked
            );
        }
    }
    if let Some(error) = result.cache.as_ref().and_then(|cache| cache.write_error.as_ref())
        && !global.quiet
    {
        let _ =
            writeln!(std::io::stderr(), "shipready: warning: the cache was not written ({error}); the results stand");
    }
    let settings = tree.root().clone();

    // A file check applies when the tree has a file of its language and role; a project check
    // judges the project as a whole and always applies.
    let present: BTreeSet<(Language, FileRole)> =
        result.project.inventory().iter().filter_map(|path| classify_path(path)).collect();
    let applicable = linter
        .rules()
        .iter()
        .filter(|rule| rule.project_level || present.iter().any(|&(language, role)| rule.applies_to(language, role)))
        .map(|rule| rule.meta)
        .collect();

    let root = display_root(&args.paths, &result.root);
    // Heuristic checks inform but do not gate, unless the configuration says otherwise.
    let selected =
        |selectors: &[String], meta: &RuleMeta| selectors.iter().any(|s| s == meta.id || s == meta.area.as_str());
    let advisory = metas
        .iter()
        .filter(|meta| (meta.heuristic && !selected(&settings.gate, meta)) || selected(&settings.advisory, meta))
        .map(|meta| meta.id)
        .collect();
    let mut checked = Checked { result, settings, metas, applicable, advisory, root, quiet: global.quiet, probe: None };
    if let Some(path) = &args.probe_results {
        checked.absorb_probe(path)?;
    }
    Ok(checked)
}

/// What a file's cached result depends on besides its path and content: this build of
/// shipready, the checks that run, the configuration of every folder and the size cap. Any
/// change checks every file afresh.
fn cache_key(metas: &[&'static RuleMeta], tree: &ConfigTree, options: &ScanOptions) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    // The build itself: a rebuilt binary (a changed check) never trusts an older one's results.
    if let Some(metadata) = std::env::current_exe().ok().and_then(|exe| std::fs::metadata(exe).ok()) {
        hasher.update(&metadata.len().to_le_bytes());
        if let Some(since) = metadata.modified().ok().and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok()) {
            hasher.update(&since.as_nanos().to_le_bytes());
        }
    }
    for meta in metas {
        hasher.update(meta.id.as_bytes());
        hasher.update(b"\0");
    }
    hasher.update(format!("{tree:?}").as_bytes());
    hasher.update(&options.max_file_size.to_le_bytes());
    hasher.update(&[u8::from(options.include_generated)]);
    hasher.digest()
}

impl Checked {
    /// The project folder: the configuration file's folder, else the scanned folder.
    pub(crate) fn project_dir(&self) -> PathBuf {
        match &self.settings.path {
            Some(_) => self.settings.base().to_path_buf(),
            None => self.result.root.clone(),
        }
    }

    /// Merges the results of a live run, as `shipready probe --format json` wrote them: its
    /// findings join the scan's, its checks those that ran, and those that reached a verdict
    /// count in the score.
    fn absorb_probe(&mut self, path: &Path) -> anyhow::Result<()> {
        let text = std::fs::read_to_string(path).map_err(|error| {
            UserError::new(format!("cannot read the probe results `{}`: {error}", path.display()))
                .hint("write them with `shipready probe URL --format json -o FILE`")
        })?;
        let results = json::read_probe_results(&text, probe::meta).map_err(|error| {
            UserError::new(format!("`{}` is not the JSON report of `shipready probe`: {error}", path.display()))
                .hint("write it with `shipready probe URL --format json -o FILE`")
        })?;
        for check in &results.summary.checks {
            let Some(meta) = probe::meta(&check.id) else {
                return Err(UserError::new(format!(
                    "`{}` names a live check this version does not know: `{}`",
                    path.display(),
                    check.id
                ))
                .hint("probe the service again with this version of shipready")
                .into());
            };
            if !self.metas.iter().any(|known| known.id == meta.id) {
                self.metas.push(meta);
            }
            if check.status.concluded() && !self.applicable.iter().any(|known| known.id == meta.id) {
                self.applicable.push(meta);
            }
        }
        self.result.findings.extend(results.findings);
        self.result.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.probe = Some(results.summary);
        Ok(())
    }

    /// The checks that ran: every selected code check, and the live checks that reached a verdict
    /// (a live check that could not run says nothing of its baseline findings).
    pub(crate) fn ran(&self) -> BTreeSet<&'static str> {
        let not_run = |id: &str| {
            self.probe.as_ref().and_then(|probe| probe.check(id)).is_some_and(|check| !check.status.concluded())
        };
        self.metas.iter().map(|meta| meta.id).filter(|id| !not_run(id)).collect()
    }

    pub(crate) fn state_file(&self, name: &str) -> PathBuf {
        self.project_dir().join(STATE_DIR).join(name)
    }

    /// The applicable checks as the score weighs them: at the configured severity.
    pub(crate) fn weighed_checks(&self) -> Vec<ApplicableCheck<'static>> {
        self.applicable
            .iter()
            .map(|meta| {
                let severity = match self.settings.severity.get(meta.id) {
                    Some(&severity) if meta.severity != Severity::Info => severity,
                    _ => meta.severity,
                };
                ApplicableCheck::of(meta, severity)
            })
            .collect()
    }

    /// The scan as every format renders it.
    pub(crate) fn report<'a>(
        &'a self,
        fail_on: FailOn,
        baseline: Option<&'a BaselineDiff>,
        show_suppressed: bool,
    ) -> Report<'a> {
        Report {
            root: &self.root,
            findings: &self.result.findings,
            files_scanned: self.result.files_scanned,
            skipped: &self.result.skipped,
            rules: &self.metas,
            fail_on,
            advisory: &self.advisory,
            baseline,
            show_suppressed,
            probe: self.probe.as_ref(),
        }
    }

    /// The baseline named on the command line (which must exist), else the project's
    /// `.shipready/baseline.json` if there is one.
    pub(crate) fn baseline(&self, given: Option<&Path>) -> anyhow::Result<Option<(PathBuf, Baseline)>> {
        let path = if let Some(path) = given {
            path.to_path_buf()
        } else {
            let default = self.state_file("baseline.json");
            if !default.is_file() {
                return Ok(None);
            }
            default
        };
        let text = std::fs::read_to_string(&path).map_err(|error| {
            UserError::new(format!("cannot read the baseline `{}`: {error}", path.display()))
                .hint("record one with `shipready baseline`")
        })?;
        let baseline = Baseline::parse(&text).map_err(|error| {
            UserError::new(format!("`{}` is not a shipready baseline: {error}", path.display()))
                .hint("record it again with `shipready baseline`")
        })?;
        Ok(Some((path, baseline)))
    }

    /// The snapshots of `.shipready/history.jsonl`, oldest first (none if it does not exist).
    pub(crate) fn history(&self) -> anyhow::Result<Vec<Snapshot>> {
        let path = self.state_file("history.jsonl");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => {
                return Err(UserError::new(format!("cannot read `{}`: {error}", path.display())).into());
            }
        };
        let (snapshots, unreadable) = history::parse_history(&text);
        if unreadable > 0 && !self.quiet {
            let _ = writeln!(
                std::io::stderr(),
                "shipready: skipped {unreadable} unreadable line(s) of `{}`",
                path.display()
            );
        }
        Ok(snapshots)
    }
}

/// Today, or the date `SHIPREADY_DATE` pins (for reproducible reports).
pub(crate) fn today() -> anyhow::Result<jiff::civil::Date> {
    match std::env::var("SHIPREADY_DATE") {
        Ok(text) if !text.is_empty() => text.parse().map_err(|_| {
            UserError::new(format!("SHIPREADY_DATE=`{text}` is not a date"))
                .hint("use YYYY-MM-DD, or unset it to use today's date")
                .into()
        }),
        _ => Ok(jiff::ZonedDateTime::now().date()),
    }
}

/// The configuration at the scan root: none with `--isolated`, the file `--config` names, or
/// the files found from the first scanned path upward, each extending the one above it.
fn settings(args: &CheckArgs) -> Result<Settings, UserError> {
    let files = if args.isolated {
        Vec::new()
    } else if let Some(path) = &args.config {
        vec![config::load(path).map_err(|error| config_error(&error))?]
    } else {
        config::discover(&args.paths[0]).map_err(|error| config_error(&error))?
    };
    Settings::resolve_chain(&files, &check_selector, &is_check).map_err(|error| config_error(&error))
}

/// Accepts a check id or area, or says what is wrong with a hint.
fn check_selector(selector: &str) -> Result<(), String> {
    select_rules(&[selector.to_string()], &[]).map(|_| ()).map_err(|error| match error.hint {
        Some(hint) => format!("{}; {hint}", error.message),
        None => error.message,
    })
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

fn is_check(id: &str) -> bool {
    all_rules().iter().any(|rule| rule.meta.id == id)
}

fn config_error(error: &ConfigError) -> UserError {
    UserError::new(error.to_string())
        .hint("fix the configuration file, or run with `--isolated` to ignore it; the README's Configuration section lists every key")
}

/// Each folder's configuration on the findings in it: its selection of checks, its severities
/// and its per-path ignores. A finding already at `info` (documented as intentional) keeps that
/// level.
fn apply_settings(tree: &ConfigTree, root: &Path, findings: &mut Vec<Finding>) {
    findings.retain_mut(|finding| {
        let rel_path = finding.file.as_deref().unwrap_or(&finding.path);
        let settings = tree.for_path(rel_path);
        let selected = |selectors: &[String]| selectors.iter().any(|s| s == finding.rule || s == finding.area.as_str());
        if (!settings.select.is_empty() && !selected(&settings.select)) || selected(&settings.ignore) {
            return false;
        }
        if finding.severity != Severity::Info
            && let Some(&severity) = settings.severity.get(finding.rule)
        {
            finding.severity = severity;
        }
        !settings.ignored_for(&root.join(rel_path)).any(|id| id == finding.rule || id == finding.area.as_str())
    });
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
fn display_root(paths: &[PathBuf], root: &Path) -> String {
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
