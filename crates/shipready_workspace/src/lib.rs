//! Scanning a tree: find the files, read each once, classify it once, lint it, then join the
//! per-file facts into the project model.
//!
//! Two phases, as in ruff: `ignore`'s parallel walker collects the candidate files (honouring
//! `.gitignore`/`.ignore`, skipping hidden folders and VCS metadata), then a rayon pool reads,
//! parses and checks them. The pool's threads get large stacks so that deeply nested (but
//! still accepted) code cannot overflow them.

mod cache;
pub mod config;
mod discover;
pub mod suppressions;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use shipready_diagnostics::{Finding, SkippedFile};
use shipready_lang::classify::refine_role;
use shipready_lang::{FileRole, Language};
use shipready_linter::settings::RuleSettings;
use shipready_linter::suppression::Directive;
use shipready_linter::{Linter, ProjectModel, SourceFile, resolve_gates};

pub use cache::{CacheOptions, CacheStats};
pub use discover::Candidate;

/// Files larger than this are skipped unless the caller sets another cap.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

/// Stack size for scan threads: parsers recurse once per nesting level, and the nesting guard
/// (`shipready_lang::nesting::MAX_NESTING`) keeps depth well inside this.
const SCAN_THREAD_STACK: usize = 64 * 1024 * 1024;

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Files or folders to scan; at least one.
    pub paths: Vec<PathBuf>,
    /// Worker threads; 0 picks one per core.
    pub threads: usize,
    /// Files larger than this (bytes) are skipped with a reason.
    pub max_file_size: u64,
    /// Follow symbolic links (loops are reported, not followed forever).
    pub follow_links: bool,
    /// Honour `.gitignore`, `.ignore` and git's exclude files.
    pub respect_ignore_files: bool,
    /// Files not to scan at all (the configuration's `exclude`).
    pub exclude: Option<Exclude>,
    /// Read and parse every file the linter wants and run nothing else: the physical floor of a
    /// scan, for benchmarks. No findings, no project model.
    pub parse_only: bool,
    /// Reuse the results of files unchanged since the last scan, and record this scan's.
    pub cache: Option<CacheOptions>,
    /// Check generated and minified files (build output, bundles) like the project's own
    /// source instead of leaving them out.
    pub include_generated: bool,
}

/// Globs of files not to scan, each relative to a base folder (its configuration file's).
#[derive(Debug, Clone)]
pub struct Exclude {
    globs: Vec<(PathBuf, globset::GlobMatcher)>,
}

impl Exclude {
    /// Each base must be absolute; the patterns are already validated (see `config::Settings`).
    pub fn new(patterns: &[(PathBuf, String)]) -> Result<Self, globset::Error> {
        let mut globs = Vec::with_capacity(patterns.len());
        for (base, pattern) in patterns {
            let glob = globset::GlobBuilder::new(pattern).literal_separator(true).build()?;
            globs.push((base.clone(), glob.compile_matcher()));
        }
        Ok(Self { globs })
    }

    /// Whether an absolute path is excluded.
    pub fn matches(&self, path: &Path) -> bool {
        self.globs.iter().any(|(base, glob)| path.strip_prefix(base).is_ok_and(|relative| glob.is_match(relative)))
    }
}

impl ScanOptions {
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Self {
            paths,
            threads: 0,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            follow_links: false,
            respect_ignore_files: true,
            exclude: None,
            parse_only: false,
            cache: None,
            include_generated: false,
        }
    }
}

/// Errors that stop a scan before it starts.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("`{}` does not exist", .0.display())]
    PathNotFound(PathBuf),
    #[error("cannot read `{}`: {source}", path.display())]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("cannot start {threads} scan threads: {message}")]
    ThreadPool { threads: usize, message: String },
}

/// Progress of a scan, reported from worker threads.
pub trait Progress: Sync {
    /// The number of files that will be checked is known.
    fn start(&self, _files: usize) {}
    /// One more file was checked.
    fn advance(&self) {}
    fn finish(&self) {}
}

/// A progress sink that ignores everything.
pub struct NoProgress;

impl Progress for NoProgress {}

/// The result of a scan.
#[derive(Debug)]
pub struct ScanResult {
    /// The folder paths are relative to: the scanned folder, or the common ancestor of several.
    pub root: PathBuf,
    /// Sorted by path, line, column and rule id.
    pub findings: Vec<Finding>,
    /// Files checked completely.
    pub files_scanned: usize,
    /// Files not checked, or checked only at the text level, with the reason; sorted by path.
    pub skipped: Vec<SkippedFile>,
    pub project: ProjectModel,
    /// The suppression comments of every file, by path and line (applied by
    /// [`suppressions::apply`]).
    pub directives: Vec<Directive>,
    /// How the scan used the cache, when it had one.
    pub cache: Option<CacheStats>,
}

/// Rule settings that differ by folder: a sub-folder's `shipready.toml` over the one above.
pub trait FolderSettings: Sync {
    /// The settings for a file, given by its path relative to the scan root; `None` for the
    /// linter's own.
    fn rule_settings(&self, rel_path: &str) -> Option<&RuleSettings>;
}

/// The same settings everywhere: the linter's own.
pub struct SameSettings;

impl FolderSettings for SameSettings {
    fn rule_settings(&self, _rel_path: &str) -> Option<&RuleSettings> {
        None
    }
}

impl FolderSettings for config::ConfigTree {
    fn rule_settings(&self, rel_path: &str) -> Option<&RuleSettings> {
        Some(&self.for_path(rel_path).rules)
    }
}

/// Phase one's result: the files found, before any is read.
#[derive(Debug)]
pub struct Walk {
    /// The folder paths are relative to (see [`ScanResult::root`]).
    pub root: PathBuf,
    discovered: discover::Discovered,
}

impl Walk {
    /// Every file the walk saw, relative to the root, sorted.
    pub fn files(&self) -> &[String] {
        &self.discovered.inventory
    }

    /// Keeps only the candidate files (those shipready may read) for which `keep` holds; the
    /// others are neither read nor reported. Every file stays in the inventory.
    pub fn retain(&mut self, mut keep: impl FnMut(&Candidate) -> bool) {
        self.discovered.candidates.retain(|candidate| keep(candidate));
    }
}

/// Phase one: walks `options.paths` and classifies what it finds by path.
pub fn walk(options: &ScanOptions) -> Result<Walk, ScanError> {
    let root = scan_root(&options.paths)?;
    let mut discovered = discover::discover(options, &root);
    discovered.inventory.sort();
    Ok(Walk { root, discovered })
}

/// Scans `options.paths` with `linter`.
pub fn scan(options: &ScanOptions, linter: &Linter, progress: &dyn Progress) -> Result<ScanResult, ScanError> {
    check(walk(options)?, options, linter, progress, &SameSettings)
}

/// Phase two: reads, parses and checks the files of a walk that `linter` wants, then joins their
/// facts into the project model and runs the project checks.
pub fn check(
    walk: Walk,
    options: &ScanOptions,
    linter: &Linter,
    progress: &dyn Progress,
    folders: &dyn FolderSettings,
) -> Result<ScanResult, ScanError> {
    let Walk { root, discovered } = walk;
    let mut skipped = discovered.skipped;
    let candidates: Vec<&Candidate> =
        discovered.candidates.iter().filter(|c| linter.wants(c.language, c.role)).collect();
    progress.start(candidates.len());

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .stack_size(SCAN_THREAD_STACK)
        .thread_name(|i| format!("shipready-scan-{i}"))
        .build()
        .map_err(|error| ScanError::ThreadPool { threads: options.threads, message: error.to_string() })?;
    let cache = options.cache.as_ref().filter(|_| !options.parse_only).map(|cache| cache::Cache::load(cache, &root));
    let scanned = AtomicUsize::new(0);
    let reused = AtomicUsize::new(0);
    let outcomes: Vec<(FileResult, Option<u64>)> = pool.install(|| {
        candidates
            .par_iter()
            .map(|candidate| {
                let settings = folders.rule_settings(&candidate.rel_path);
                let (result, hash, hit) = check_file(candidate, options, linter, settings, cache.as_ref());
                if result.skipped.is_none() {
                    scanned.fetch_add(1, Ordering::Relaxed);
                }
                if hit {
                    reused.fetch_add(1, Ordering::Relaxed);
                }
                progress.advance();
                (result, hash)
            })
            .collect()
    });
    progress.finish();

    let cache_stats = cache.map(|cache| {
        let reused = reused.into_inner();
        let checked = outcomes.iter().filter(|(_, hash)| hash.is_some()).count() - reused;
        let entries: Vec<(&str, u64, &FileResult)> = candidates
            .iter()
            .zip(&outcomes)
            .filter_map(|(candidate, (result, hash))| hash.map(|hash| (candidate.rel_path.as_str(), hash, result)))
            .collect();
        // An unchanged tree leaves the cache as it is: nothing to write.
        let unchanged = checked == 0 && cache.holds_exactly(entries.iter().map(|&(path, hash, _)| (path, hash)));
        let write_error = if unchanged {
            cache.touch();
            None
        } else {
            cache.save(entries.into_iter()).err().map(|error| error.to_string())
        };
        CacheStats { reused, checked, write_error }
    });

    let mut gated = Vec::new();
    let mut facts = Vec::new();
    let mut directives = Vec::new();
    for (outcome, _) in outcomes {
        gated.extend(outcome.findings);
        facts.extend(outcome.facts);
        skipped.extend(outcome.skipped);
        directives.extend(outcome.directives);
    }
    let project =
        ProjectModel::build_with_inventory(facts, discovered.inventory).with_repository_root(is_repository_root(&root));
    let mut findings = resolve_gates(gated, &project);
    if !options.parse_only {
        findings.extend(linter.check_project(&project));
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    skipped.sort();
    skipped.dedup();
    directives.sort_by(|a, b| (&a.path, a.span.start).cmp(&(&b.path, b.span.start)));
    Ok(ScanResult {
        root,
        findings,
        files_scanned: scanned.into_inner(),
        skipped,
        project,
        directives,
        cache: cache_stats,
    })
}

/// What checking one file produced: also what the cache keeps of it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct FileResult {
    findings: Vec<shipready_linter::GatedFinding>,
    facts: Option<shipready_linter::FileFacts>,
    skipped: Option<SkippedFile>,
    directives: Vec<Directive>,
}

impl FileResult {
    fn empty() -> Self {
        Self { findings: Vec::new(), facts: None, skipped: None, directives: Vec::new() }
    }

    fn skipped(candidate: &Candidate, reason: impl Into<String>) -> Self {
        Self {
            findings: Vec::new(),
            facts: None,
            skipped: Some(SkippedFile { path: candidate.rel_path.clone(), reason: reason.into() }),
            directives: Vec::new(),
        }
    }
}

/// Reads one file once, and unless the cache holds its result, classifies it by content and
/// lints it. Returns the result, the content hash of a file that was read as text (its cache
/// key), and whether the result came from the cache. Never panics on bad input.
fn check_file(
    candidate: &Candidate,
    options: &ScanOptions,
    linter: &Linter,
    settings: Option<&RuleSettings>,
    cache: Option<&cache::Cache>,
) -> (FileResult, Option<u64>, bool) {
    let max_file_size = options.max_file_size;
    // One open: the size is asked of the open file, not looked up by path again.
    let file = match std::fs::File::open(&candidate.path) {
        Ok(file) => file,
        Err(error) => return (FileResult::skipped(candidate, format!("cannot read: {error}")), None, false),
    };
    let size = match file.metadata() {
        Ok(metadata) if metadata.len() > max_file_size => {
            return (FileResult::skipped(candidate, too_large(metadata.len(), max_file_size)), None, false);
        }
        Ok(metadata) => metadata.len(),
        Err(error) => return (FileResult::skipped(candidate, format!("cannot read metadata: {error}")), None, false),
    };
    // The file may grow while it is read: read one byte past the cap to see that it did.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    if let Err(error) = file.take(max_file_size.saturating_add(1)).read_to_end(&mut bytes) {
        return (FileResult::skipped(candidate, format!("cannot read: {error}")), None, false);
    }
    if bytes.len() as u64 > max_file_size {
        return (FileResult::skipped(candidate, too_large(bytes.len() as u64, max_file_size)), None, false);
    }
    // A cached result is of a file that was read as text: the same bytes need no second look.
    let hash = cache.map(|_| cache::content_hash(&bytes));
    if let (Some(cache), Some(hash)) = (cache, hash)
        && let Some(result) = cache.get(&candidate.rel_path, hash)
    {
        return (result, Some(hash), true);
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return (FileResult::skipped(candidate, "binary file"), None, false);
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(error) => {
            return (
                FileResult::skipped(candidate, format!("not valid UTF-8 (at byte {})", error.valid_up_to())),
                None,
                false,
            );
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let role = if options.include_generated { candidate.role } else { refine_role(candidate.role, text) };
    let file = SourceFile { path: &candidate.rel_path, language: candidate.language, role, text };
    if options.parse_only {
        let result = if Linter::parse_only(file) {
            FileResult::empty()
        } else {
            FileResult::skipped(candidate, "did not parse")
        };
        return (result, None, false);
    }
    let outcome = match settings {
        Some(settings) => linter.lint_with(file, settings),
        None => linter.lint(file),
    };
    let result = FileResult {
        findings: outcome.findings,
        facts: outcome.facts,
        skipped: outcome.skipped.map(|reason| SkippedFile { path: candidate.rel_path.clone(), reason }),
        directives: outcome.directives,
    };
    (result, hash, false)
}

fn too_large(size: u64, cap: u64) -> String {
    format!("larger than the {} KiB size cap ({} KiB)", cap / 1024, size.div_ceil(1024))
}

/// The folder every reported path is relative to: a scanned folder itself, a scanned file's
/// folder, or the deepest folder that contains all the given paths.
pub fn scan_root(paths: &[PathBuf]) -> Result<PathBuf, ScanError> {
    let mut folders = Vec::with_capacity(paths.len());
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => ScanError::PathNotFound(path.clone()),
            _ => ScanError::Unreadable { path: path.clone(), source },
        })?;
        let folder = if metadata.is_dir() {
            path.clone()
        } else {
            path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        let folder = if folder.as_os_str().is_empty() { PathBuf::from(".") } else { folder };
        folders.push(folder);
    }
    if let [only] = folders.as_slice() {
        return Ok(only.clone());
    }
    let absolute: Vec<PathBuf> = folders.iter().map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone())).collect();
    let mut common = absolute.first().cloned().unwrap_or_default();
    for folder in &absolute[1..] {
        while !folder.starts_with(&common) {
            if !common.pop() {
                break;
            }
        }
    }
    Ok(common)
}

/// Whether `root` is not inside a larger git repository: no ancestor above it has a `.git`.
fn is_repository_root(root: &Path) -> bool {
    let Ok(absolute) = std::path::absolute(root) else { return true };
    !absolute.ancestors().skip(1).any(|ancestor| ancestor.join(".git").exists())
}

/// The language and path-derived role of a file, if shipready reads it at all.
pub fn classify_path(rel_path: &str) -> Option<(Language, FileRole)> {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let language = Language::from_file_name(name)?;
    Some((language, shipready_lang::classify::role_from_path(rel_path, language)))
}

#[cfg(test)]
mod tests;
