//! Phase one: walk the tree in parallel and collect the files worth reading.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{DirEntry, WalkBuilder, WalkState};
use shipready_diagnostics::SkippedFile;
use shipready_lang::{FileRole, Language};

use crate::{ScanOptions, classify_path};

/// A file the walk found and classified by its path.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    /// Relative to the scan root, `/`-separated.
    pub rel_path: String,
    pub language: Language,
    /// The role from the path; content may still refine it.
    pub role: FileRole,
}

#[derive(Debug)]
pub(crate) struct Discovered {
    /// Sorted by relative path, without duplicates.
    pub(crate) candidates: Vec<Candidate>,
    pub(crate) skipped: Vec<SkippedFile>,
    /// Every file the walk saw, read or not (lockfiles, CI configs, tests): the project model's
    /// inventory.
    pub(crate) inventory: Vec<String>,
}

/// Walks the tree. Candidates are every file shipready can classify; which of them are read is
/// decided later, once the checks are known.
pub(crate) fn discover(options: &ScanOptions, root: &Path) -> Discovered {
    let mut builder = WalkBuilder::new(&options.paths[0]);
    for path in &options.paths[1..] {
        builder.add(path);
    }
    builder
        .threads(options.threads)
        .follow_links(options.follow_links)
        // `.env` files are hidden but are exactly what a secret check must see; hidden folders
        // (`.git`, `.venv`, `.next`) are skipped by `filter_entry` below instead.
        .hidden(false)
        .parents(options.respect_ignore_files)
        .ignore(options.respect_ignore_files)
        .git_ignore(options.respect_ignore_files)
        .git_global(options.respect_ignore_files)
        .git_exclude(options.respect_ignore_files)
        .require_git(false)
        .filter_entry(|entry| !is_hidden_dir(entry));
    if let Some(exclude) = options.exclude.clone() {
        let cwd = std::env::current_dir().unwrap_or_default();
        builder.filter_entry(move |entry| !is_hidden_dir(entry) && !exclude.matches(&cwd.join(entry.path())));
    }

    let found = Mutex::new(Discovered { candidates: Vec::new(), skipped: Vec::new(), inventory: Vec::new() });
    let root_absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    builder.build_parallel().run(|| {
        let found = &found;
        let root_absolute = &root_absolute;
        Box::new(move |result| {
            let entry = match result {
                Ok(entry) => entry,
                Err(error) => {
                    let skipped = walk_error(&error, root);
                    found.lock().unwrap_or_else(std::sync::PoisonError::into_inner).skipped.push(skipped);
                    return WalkState::Continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                return WalkState::Continue;
            }
            let rel_path = relative(entry.path(), root, root_absolute);
            let candidate = classify_path(&rel_path).map(|(language, role)| Candidate {
                path: entry.into_path(),
                rel_path: rel_path.clone(),
                language,
                role,
            });
            // One lock per file: the inventory and the candidate together.
            let mut found = found.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            found.inventory.push(rel_path);
            found.candidates.extend(candidate);
            WalkState::Continue
        })
    });
    let mut discovered = found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    discovered.candidates.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    discovered.candidates.dedup_by(|a, b| a.rel_path == b.rel_path);
    if options.include_generated {
        for candidate in &mut discovered.candidates {
            if matches!(candidate.role, FileRole::Generated | FileRole::Minified) {
                candidate.role = FileRole::Source;
            }
        }
    } else {
        mark_compiled_output(&mut discovered.candidates);
    }
    discovered
}

/// JavaScript that sits beside the TypeScript it was compiled from (`service.js` next to
/// `service.ts`) is build output: the source is checked, the output is not.
fn mark_compiled_output(candidates: &mut [Candidate]) {
    let sources: std::collections::HashSet<String> = candidates
        .iter()
        .filter(|c| c.language == Language::TypeScript && !c.rel_path.ends_with(".d.ts"))
        .filter_map(|c| c.rel_path.rsplit_once('.').map(|(stem, _)| stem.to_string()))
        .collect();
    for candidate in candidates.iter_mut().filter(|c| c.language == Language::JavaScript) {
        let compiled = candidate.rel_path.rsplit_once('.').is_some_and(|(stem, _)| sources.contains(stem));
        if compiled && candidate.role == FileRole::Source {
            candidate.role = FileRole::Generated;
        }
    }
}

/// Hidden folders that hold CI configuration: walked, so that CI is seen and its workflows
/// checked like other YAML.
const CI_FOLDERS: &[&str] = &[".github", ".gitlab", ".circleci", ".buildkite", ".woodpecker", ".ci"];

/// Hidden folders below the roots the user named (a named root is scanned even if hidden),
/// except CI configuration folders.
fn is_hidden_dir(entry: &DirEntry) -> bool {
    entry.depth() > 0
        && entry.file_type().is_some_and(|t| t.is_dir())
        && entry.file_name().to_str().is_some_and(|name| name.starts_with('.') && !CI_FOLDERS.contains(&name))
}

/// `path` relative to the scan root, with `/` separators.
fn relative(path: &Path, root: &Path, root_absolute: &Path) -> String {
    let relative = path.strip_prefix(root).ok().map(Path::to_path_buf).or_else(|| {
        let absolute = std::path::absolute(path).ok()?;
        absolute.strip_prefix(root_absolute).ok().map(Path::to_path_buf)
    });
    let relative = relative.unwrap_or_else(|| path.to_path_buf());
    // The common case, a plain relative path in UTF-8: as it is, with `/` separators.
    if let Some(text) = relative.to_str()
        && relative.components().all(|c| matches!(c, std::path::Component::Normal(_)))
    {
        return if std::path::MAIN_SEPARATOR == '/' {
            text.to_string()
        } else {
            text.replace(std::path::MAIN_SEPARATOR, "/")
        };
    }
    let parts: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// A walk error (an unreadable folder, a symlink loop) becomes a skipped entry.
fn walk_error(error: &ignore::Error, root: &Path) -> SkippedFile {
    let root_absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let path = error_path(error).map(|p| relative(p, root, &root_absolute)).unwrap_or_default();
    let reason = if is_loop(error) { "symbolic link loop; not followed".to_string() } else { error_message(error) };
    SkippedFile { path, reason }
}

fn is_loop(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Partial(errors) => errors.first().and_then(error_path),
        _ => None,
    }
}

/// The innermost message of an `ignore` error, without the path it carries.
fn error_message(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_message(err),
        other => other.to_string(),
    }
}
