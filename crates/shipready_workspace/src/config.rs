//! `shipready.toml`: discovery and parsing into [`Options`].
//!
//! The file is found by walking up from the scanned path: `shipready.toml`, `.shipready.toml`,
//! or a `pyproject.toml` with a `[tool.shipready]` table. The nearest one extends the ones above
//! it, up to one that says `root = true`; sub-folders of the scan with their own file extend it
//! in turn for the files under them ([`ConfigTree`]). Every key is optional; unknown keys are errors that name the file and line, and
//! values are kept with their position so that the caller can report an invalid one the same way.
//!
//! ```toml
//! select = ["security", "reliability"]   # checks or areas to run (default: all)
//! ignore = ["print-logging"]             # checks or areas to leave out
//! fail-on = "critical"                   # lowest severity that fails the run
//! exclude = ["legacy/**"]                # files not to scan (globs, relative to this file)
//!
//! advisory = ["print-logging"]          # reported, but never fail the run
//! gate = ["unbounded-cache"]             # heuristic checks that do fail the run
//!
//! [severity]                             # per-check severity
//! too-many-params = "low"
//!
//! [per-path-ignores]                     # checks that do not apply under some paths
//! "scripts/**" = ["print-logging"]
//! ```

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};
use serde::Deserialize;
use shipready_diagnostics::{FailOn, Severity};
use shipready_linter::settings::RuleSettings;
use toml::Spanned;

/// The file names searched in each folder, in order.
const CONFIG_FILES: &[&str] = &["shipready.toml", ".shipready.toml"];

/// The options of one configuration file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// This file is the top: files in folders above it are not read.
    pub root: Option<bool>,
    pub select: Option<Vec<Spanned<String>>>,
    pub ignore: Option<Vec<Spanned<String>>>,
    pub fail_on: Option<Spanned<String>>,
    pub exclude: Option<Vec<Spanned<String>>>,
    pub severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    pub per_path_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    /// Checks or areas reported without failing the run (heuristic checks are by default).
    pub advisory: Option<Vec<Spanned<String>>>,
    /// Heuristic checks that fail the run like any other.
    pub gate: Option<Vec<Spanned<String>>>,
    pub rules: Option<RulesOptions>,
}

/// `[rules.<id>]`: the settings individual checks take.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesOptions {
    pub large_file: Option<LargeFileOptions>,
    pub too_many_params: Option<TooManyParamsOptions>,
    pub hardcoded_secret: Option<HardcodedSecretOptions>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LargeFileOptions {
    pub max_lines: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TooManyParamsOptions {
    pub max_params: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HardcodedSecretOptions {
    pub extra_names: Option<Vec<String>>,
}

/// A configuration file found and parsed.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// The file's text, to turn value spans into line numbers.
    pub text: String,
    pub options: Options,
}

impl ConfigFile {
    /// The folder that relative globs in the file start from.
    pub fn base(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }

    /// An error about the value at `span`, located at its line.
    pub fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError::Invalid { path: self.path.clone(), line: line_of(&self.text, span.start), message: message.into() }
    }
}

/// A configuration resolved and validated: what the scan applies.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOn>,
    /// Severity per check id.
    pub severity: BTreeMap<String, Severity>,
    /// Checks or areas that never fail the run, besides the heuristic ones.
    pub advisory: Vec<String>,
    /// Heuristic checks that do fail the run.
    pub gate: Vec<String>,
    /// Globs of files not to scan, each with the folder it is relative to (its file's).
    pub exclude: Vec<(PathBuf, String)>,
    /// Thresholds and word lists for individual checks (`[rules.<id>]`).
    pub rules: RuleSettings,
    /// `[per-path-ignores]`: the folder the glob is relative to, the glob, the checks or areas.
    per_path_ignores: Vec<(PathBuf, GlobMatcher, Vec<String>)>,
    base: PathBuf,
}

impl Settings {
    /// Validates a file's options. `check_selector` accepts a check id or area, or says what is
    /// wrong (with a hint); `is_check` accepts check ids only.
    pub fn resolve(
        file: &ConfigFile,
        check_selector: &dyn Fn(&str) -> Result<(), String>,
        is_check: &dyn Fn(&str) -> bool,
    ) -> Result<Settings, ConfigError> {
        let options = &file.options;
        let selectors = |list: &Option<Vec<Spanned<String>>>| -> Result<Vec<String>, ConfigError> {
            let mut out = Vec::new();
            for item in list.iter().flatten() {
                check_selector(item.get_ref()).map_err(|message| file.error_at(item.span(), message))?;
                out.push(item.get_ref().clone());
            }
            Ok(out)
        };
        let mut settings = Settings {
            path: Some(file.path.clone()),
            select: selectors(&options.select)?,
            ignore: selectors(&options.ignore)?,
            advisory: selectors(&options.advisory)?,
            gate: selectors(&options.gate)?,
            base: file.base().to_path_buf(),
            ..Settings::default()
        };
        if let Some(fail_on) = &options.fail_on {
            let parsed = fail_on
                .get_ref()
                .parse()
                .map_err(|error| file.error_at(fail_on.span(), format!("`fail-on`: {error}, or never")))?;
            settings.fail_on = Some(parsed);
        }
        for (id, severity) in options.severity.iter().flatten() {
            if !is_check(id.get_ref()) {
                return Err(file.error_at(id.span(), format!("`[severity]`: unknown check `{}`", id.get_ref())));
            }
            let parsed: Severity = severity.get_ref().parse().map_err(|error| {
                file.error_at(severity.span(), format!("`[severity]` of `{}`: {error}", id.get_ref()))
            })?;
            settings.severity.insert(id.get_ref().clone(), parsed);
        }
        for pattern in options.exclude.iter().flatten() {
            glob(pattern).map_err(|message| file.error_at(pattern.span(), message))?;
            settings.exclude.push((file.base().to_path_buf(), pattern.get_ref().clone()));
        }
        for (pattern, ids) in options.per_path_ignores.iter().flatten() {
            let matcher = glob(pattern).map_err(|message| file.error_at(pattern.span(), message))?;
            for id in ids {
                check_selector(id.get_ref()).map_err(|message| file.error_at(id.span(), message))?;
            }
            let ids = ids.iter().map(|id| id.get_ref().clone()).collect();
            settings.per_path_ignores.push((file.base().to_path_buf(), matcher, ids));
        }
        if let Some(rules) = &options.rules {
            let positive = |value: &Spanned<i64>, key: &str| -> Result<i64, ConfigError> {
                let number = *value.get_ref();
                if number < 1 || number > i64::from(u32::MAX) {
                    return Err(file.error_at(value.span(), format!("`{key}` must be a whole number of at least 1")));
                }
                Ok(number)
            };
            if let Some(max) = rules.large_file.as_ref().and_then(|o| o.max_lines.as_ref()) {
                settings.rules.max_lines = u32::try_from(positive(max, "max-lines")?).unwrap_or(u32::MAX);
            }
            if let Some(max) = rules.too_many_params.as_ref().and_then(|o| o.max_params.as_ref()) {
                settings.rules.max_params = usize::try_from(positive(max, "max-params")?).unwrap_or(usize::MAX);
            }
            if let Some(names) = rules.hardcoded_secret.as_ref().and_then(|o| o.extra_names.as_ref()) {
                settings.rules.extra_secret_names.clone_from(names);
            }
        }
        Ok(settings)
    }

    /// Validates a chain of files, outermost first, each extending the one above it (see
    /// [`Settings::extend`]).
    pub fn resolve_chain(
        files: &[ConfigFile],
        check_selector: &dyn Fn(&str) -> Result<(), String>,
        is_check: &dyn Fn(&str) -> bool,
    ) -> Result<Settings, ConfigError> {
        let mut settings = Settings::default();
        for file in files {
            settings = settings.extend(file, Settings::resolve(file, check_selector, is_check)?);
        }
        Ok(settings)
    }

    /// These settings with a sub-folder's file on top: a key the file sets replaces the value
    /// from above; `[severity]` and `[rules.*]` merge entry by entry; `exclude` and
    /// `[per-path-ignores]` globs add up, each relative to its own file's folder.
    #[must_use]
    pub fn extend(&self, file: &ConfigFile, mut child: Settings) -> Settings {
        let options = &file.options;
        let inherit = |set: bool, own: &mut Vec<String>, above: &Vec<String>| {
            if !set {
                own.clone_from(above);
            }
        };
        inherit(options.select.is_some(), &mut child.select, &self.select);
        inherit(options.ignore.is_some(), &mut child.ignore, &self.ignore);
        inherit(options.advisory.is_some(), &mut child.advisory, &self.advisory);
        inherit(options.gate.is_some(), &mut child.gate, &self.gate);
        child.fail_on = child.fail_on.or(self.fail_on);
        for (id, severity) in &self.severity {
            child.severity.entry(id.clone()).or_insert(*severity);
        }
        child.exclude.splice(0..0, self.exclude.iter().cloned());
        child.per_path_ignores.splice(0..0, self.per_path_ignores.iter().cloned());
        let rules = options.rules.as_ref();
        if rules.and_then(|r| r.large_file.as_ref()).and_then(|o| o.max_lines.as_ref()).is_none() {
            child.rules.max_lines = self.rules.max_lines;
        }
        if rules.and_then(|r| r.too_many_params.as_ref()).and_then(|o| o.max_params.as_ref()).is_none() {
            child.rules.max_params = self.rules.max_params;
        }
        if rules.and_then(|r| r.hardcoded_secret.as_ref()).and_then(|o| o.extra_names.as_ref()).is_none() {
            child.rules.extra_secret_names.clone_from(&self.rules.extra_secret_names);
        }
        child
    }

    /// Whether `select` and `ignore` leave a check (of this area) on.
    pub fn selects(&self, id: &str, area: &str) -> bool {
        let names = |selectors: &[String]| selectors.iter().any(|s| s == id || s == area);
        (self.select.is_empty() || names(&self.select)) && !names(&self.ignore)
    }

    /// The checks and areas `[per-path-ignores]` turns off for a file, given by its absolute path.
    pub fn ignored_for(&self, path: &Path) -> impl Iterator<Item = &str> {
        let matched: Vec<&str> = self
            .per_path_ignores
            .iter()
            .filter(|(base, matcher, _)| path.strip_prefix(base).is_ok_and(|relative| matcher.is_match(relative)))
            .flat_map(|(_, _, ids)| ids.iter().map(String::as_str))
            .collect();
        matched.into_iter()
    }

    /// The folder that `exclude` and `[per-path-ignores]` globs are relative to.
    pub fn base(&self) -> &Path {
        &self.base
    }
}

/// The configuration of a whole scan: the settings at the scan root, and those of sub-folders
/// that hold their own `shipready.toml`, each extending the one above it.
#[derive(Debug, Clone, Default)]
pub struct ConfigTree {
    root: Settings,
    /// Folder (relative to the scan root, `/`-separated, no trailing slash) and its settings,
    /// deepest first.
    nested: Vec<(String, Settings)>,
}

impl ConfigTree {
    /// The same settings everywhere.
    pub fn single(root: Settings) -> Self {
        Self { root, nested: Vec::new() }
    }

    /// The settings at the scan root, extended by every configuration file among `files` (paths
    /// relative to `scan_root`) that sits in a sub-folder. Files already in `root` (found up the
    /// tree) are not read again.
    pub fn build(
        scan_root: &Path,
        root: Settings,
        files: &[String],
        check_selector: &dyn Fn(&str) -> Result<(), String>,
        is_check: &dyn Fn(&str) -> bool,
    ) -> Result<Self, ConfigError> {
        let scan_root = std::path::absolute(scan_root).unwrap_or_else(|_| scan_root.to_path_buf());
        let mut folders: Vec<&str> = files
            .iter()
            .filter_map(|file| file.rsplit_once('/'))
            .filter(|(_, name)| is_config_name(name))
            .map(|(folder, _)| folder)
            .collect();
        // Shallow folders first, so that each extends its parent's final settings.
        folders.sort_by_key(|folder| (folder.matches('/').count(), *folder));
        folders.dedup();
        let mut tree = Self::single(root);
        for folder in folders {
            let Some(file) = in_folder(&scan_root.join(folder))? else { continue };
            if tree.root.path.as_deref() == Some(file.path.as_path()) {
                continue;
            }
            let own = Settings::resolve(&file, check_selector, is_check)?;
            let settings = if file.options.root == Some(true) { own } else { tree.for_path(folder).extend(&file, own) };
            tree.nested.push((folder.to_string(), settings));
            tree.nested.sort_by_key(|(folder, _)| std::cmp::Reverse(folder.matches('/').count()));
        }
        Ok(tree)
    }

    /// The settings at the scan root.
    pub fn root(&self) -> &Settings {
        &self.root
    }

    /// The settings that apply to a file or folder, given relative to the scan root.
    pub fn for_path(&self, rel_path: &str) -> &Settings {
        self.nested
            .iter()
            .find(|(folder, _)| {
                rel_path.strip_prefix(folder.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .map_or(&self.root, |(_, settings)| settings)
    }

    /// Every distinct settings: the root's, then each sub-folder's.
    pub fn all(&self) -> impl Iterator<Item = &Settings> {
        std::iter::once(&self.root).chain(self.nested.iter().map(|(_, settings)| settings))
    }

    /// Applies a change (the command line's flags) to the settings of every folder.
    pub fn for_each_mut(&mut self, mut change: impl FnMut(&mut Settings)) {
        change(&mut self.root);
        for (_, settings) in &mut self.nested {
            change(settings);
        }
    }
}

/// A glob as gitignore writes them: `*` stays within a folder, `**` crosses folders.
fn glob(pattern: &Spanned<String>) -> Result<GlobMatcher, String> {
    GlobBuilder::new(pattern.get_ref())
        .literal_separator(true)
        .build()
        .map(|glob| glob.compile_matcher())
        .map_err(|error| format!("invalid glob `{}`: {}", pattern.get_ref(), error.kind()))
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read `{}`: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("`{}` line {line}: {message}", path.display())]
    Invalid { path: PathBuf, line: usize, message: String },
}

/// Finds the configuration that applies to `start` (a file or folder), searching it and its
/// ancestors: the nearest file, then each one above it that it extends, up to a file that says
/// `root = true`. Returned outermost first; empty when there is none.
pub fn discover(start: &Path) -> Result<Vec<ConfigFile>, ConfigError> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let first = if start.is_dir() { Some(start.as_path()) } else { start.parent() };
    let mut chain = Vec::new();
    for folder in first.into_iter().flat_map(Path::ancestors) {
        if let Some(file) = in_folder(folder)? {
            let top = file.options.root == Some(true);
            chain.push(file);
            if top {
                break;
            }
        }
    }
    chain.reverse();
    Ok(chain)
}

/// The configuration file a folder holds, if any: `shipready.toml`, `.shipready.toml`, or a
/// `pyproject.toml` with a `[tool.shipready]` table, in that order.
pub fn in_folder(folder: &Path) -> Result<Option<ConfigFile>, ConfigError> {
    for name in CONFIG_FILES {
        let path = folder.join(name);
        if path.is_file() {
            return load(&path).map(Some);
        }
    }
    let pyproject = folder.join("pyproject.toml");
    if pyproject.is_file() {
        let text = read(&pyproject)?;
        if has_tool_table(&text) {
            return parse_pyproject(pyproject, text).map(Some);
        }
    }
    Ok(None)
}

/// Whether a file name is one a configuration may live in.
pub fn is_config_name(name: &str) -> bool {
    CONFIG_FILES.contains(&name) || name == "pyproject.toml"
}

/// Loads a configuration file named by the user (`--config`): `shipready.toml`, or a
/// `pyproject.toml` whose `[tool.shipready]` table is read.
pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = read(&path)?;
    if path.file_name().is_some_and(|name| name == "pyproject.toml") {
        return parse_pyproject(path, text);
    }
    let options = toml::from_str(&text).map_err(|error| de_error(&path, &text, &error))?;
    Ok(ConfigFile { path, text, options })
}

fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })
}

/// Whether a pyproject.toml has a `[tool.shipready]` table (or `[tool.shipready.…]` ones).
fn has_tool_table(text: &str) -> bool {
    text.lines().any(|line| line.trim_start().starts_with("[tool.shipready"))
}

/// `[tool.shipready]` of a pyproject.toml. Its spans are those of the whole file, so lines in
/// errors are the file's own.
fn parse_pyproject(path: PathBuf, text: String) -> Result<ConfigFile, ConfigError> {
    #[derive(Deserialize)]
    struct Pyproject {
        tool: Option<Tool>,
    }
    #[derive(Deserialize)]
    struct Tool {
        shipready: Option<Options>,
    }
    let pyproject: Pyproject = toml::from_str(&text).map_err(|error| de_error(&path, &text, &error))?;
    let options = pyproject.tool.and_then(|tool| tool.shipready).unwrap_or_default();
    Ok(ConfigFile { path, text, options })
}

pub(crate) fn de_error(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
    let line = error.span().map_or(1, |span| line_of(text, span.start));
    let mut message = error.message().trim_end().to_string();
    if message.starts_with("unknown field") {
        message.push_str("; see `shipready --help` or the README's configuration section for every key");
    }
    ConfigError::Invalid { path: path.to_path_buf(), line, message }
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset.min(text.len())]).count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The nearest configuration file up from `start`.
    fn nearest(start: &Path) -> ConfigFile {
        discover(start).unwrap().pop().unwrap()
    }

    #[test]
    fn a_sub_folder_file_extends_and_overrides_the_one_above() {
        let dir = tempfile::tempdir().unwrap();
        let known = |id: &str| ["print-logging", "empty-catch", "large-file"].contains(&id);
        let selector = |id: &str| if known(id) || id == "security" { Ok(()) } else { Err(format!("unknown `{id}`")) };
        write(
            dir.path(),
            "shipready.toml",
            "select = [\"security\"]\nfail-on = \"critical\"\nexclude = [\"legacy/**\"]\n\
             [severity]\nempty-catch = \"low\"\nprint-logging = \"low\"\n\
             [per-path-ignores]\n\"scripts/**\" = [\"print-logging\"]\n\
             [rules.large-file]\nmax-lines = 500\n[rules.too-many-params]\nmax-params = 9\n",
        );
        write(
            dir.path(),
            "services/api/shipready.toml",
            "ignore = [\"empty-catch\"]\n[severity]\nempty-catch = \"high\"\n\
             [per-path-ignores]\n\"gen/**\" = [\"large-file\"]\n[rules.large-file]\nmax-lines = 2000\n",
        );
        let chain = discover(&dir.path().join("services/api/src")).unwrap();
        let paths: Vec<&Path> = chain.iter().map(|f| f.path.as_path()).collect();
        assert_eq!(paths, [dir.path().join("shipready.toml"), dir.path().join("services/api/shipready.toml")]);
        let settings = Settings::resolve_chain(&chain, &selector, &known).unwrap();
        assert_eq!(settings.select, ["security"], "inherited");
        assert_eq!(settings.ignore, ["empty-catch"], "its own");
        assert_eq!(settings.fail_on, Some(FailOn::AtLeast(Severity::Critical)));
        assert_eq!(settings.severity["empty-catch"], Severity::High, "the sub-folder wins");
        assert_eq!(settings.severity["print-logging"], Severity::Low);
        assert_eq!((settings.rules.max_lines, settings.rules.max_params), (2000, 9));
        assert_eq!(settings.exclude, [(dir.path().to_path_buf(), "legacy/**".to_string())]);
        let ignored = |rel: &str| settings.ignored_for(&dir.path().join(rel)).map(String::from).collect::<Vec<_>>();
        assert_eq!(ignored("scripts/x.py"), ["print-logging"], "globs stay relative to their own file");
        assert_eq!(ignored("services/api/gen/x.ts"), ["large-file"]);
        assert!(ignored("gen/x.ts").is_empty());
        assert_eq!(settings.base(), dir.path().join("services/api"));

        // `root = true` stops the search.
        write(dir.path(), "services/api/shipready.toml", "root = true\nignore = [\"empty-catch\"]\n");
        let chain = discover(&dir.path().join("services/api")).unwrap();
        assert_eq!(chain.len(), 1);
        let settings = Settings::resolve_chain(&chain, &selector, &known).unwrap();
        assert!(settings.select.is_empty() && settings.fail_on.is_none());
    }

    #[test]
    fn the_nearest_file_up_the_tree_wins() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "shipready.toml", "fail-on = \"critical\"\n");
        write(dir.path(), "services/api/src/app.ts", "");
        let found = nearest(&dir.path().join("services/api/src"));
        assert_eq!(found.path, dir.path().join("shipready.toml"));
        assert_eq!(found.options.fail_on.unwrap().into_inner(), "critical");

        // A pyproject.toml without `[tool.shipready]` is passed over; one with it is used.
        write(dir.path(), "services/api/pyproject.toml", "[project]\nname = \"api\"\n");
        assert_eq!(nearest(&dir.path().join("services/api")).path, dir.path().join("shipready.toml"));
        write(
            dir.path(),
            "services/api/pyproject.toml",
            "[project]\nname = \"api\"\n\n[tool.shipready]\nignore = [\"print-logging\"]\n",
        );
        let found = nearest(&dir.path().join("services/api/src/app.ts"));
        assert_eq!(found.path, dir.path().join("services/api/pyproject.toml"));
        let ignore = found.options.ignore.unwrap();
        assert_eq!(ignore[0].get_ref(), "print-logging");
        assert_eq!(line_of(&found.text, ignore[0].span().start), 5, "spans are the whole file's");
    }

    #[test]
    fn unknown_keys_and_wrong_types_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "shipready.toml", "select = [\"security\"]\n\nfail_on = \"high\"\n");
        let error = load(&path).unwrap_err().to_string();
        assert!(error.contains("line 3") && error.contains("unknown field `fail_on`"), "{error}");
        assert!(error.contains("fail-on"), "the known keys are listed: {error}");

        let path = write(dir.path(), "shipready.toml", "select = \"security\"\n");
        let error = load(&path).unwrap_err().to_string();
        assert!(error.contains("line 1"), "{error}");

        let path = write(dir.path(), "shipready.toml", "[per-path-ignores]\n\"scripts/**\" = [\"print-logging\"]\n");
        let options = load(&path).unwrap().options;
        let ignores = options.per_path_ignores.unwrap();
        let (glob, ids) = ignores.iter().next().unwrap();
        assert_eq!((glob.get_ref().as_str(), ids[0].get_ref().as_str()), ("scripts/**", "print-logging"));
    }

    #[test]
    fn settings_validate_every_value_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let known = |id: &str| ["print-logging", "empty-catch"].contains(&id);
        let selector = |id: &str| {
            if known(id) || id == "security" { Ok(()) } else { Err(format!("unknown check or area `{id}`")) }
        };
        let resolve = |text: &str| {
            let path = write(dir.path(), "shipready.toml", text);
            load(&path).and_then(|file| Settings::resolve(&file, &selector, &known))
        };
        let settings = resolve(
            "select = [\"security\"]\nfail-on = \"critical\"\n[severity]\nempty-catch = \"low\"\n[per-path-ignores]\n\"scripts/**\" = [\"print-logging\"]\n",
        )
        .unwrap();
        assert_eq!(settings.select, ["security"]);
        assert_eq!(settings.fail_on, Some(FailOn::AtLeast(Severity::Critical)));
        assert_eq!(settings.severity["empty-catch"], Severity::Low);
        let rules = resolve(
            "[rules.too-many-params]\nmax-params = 10\n[rules.hardcoded-secret]\nextra-names = [\"signing_salt\"]\n",
        )
        .unwrap()
        .rules;
        assert_eq!((rules.max_params, rules.max_lines), (10, 1_000));
        assert_eq!(rules.extra_secret_names, ["signing_salt"]);
        let ignored: Vec<&str> = settings.ignored_for(&dir.path().join("scripts/tools/run.py")).collect();
        assert_eq!(ignored, ["print-logging"]);
        assert_eq!(
            settings.ignored_for(&dir.path().join("app/scripts/run.py")).count(),
            0,
            "globs start at the file's folder"
        );

        for (text, line, needle) in [
            ("ignore = [\"print-loging\"]\n", 1, "unknown check or area `print-loging`"),
            ("\nfail-on = \"severe\"\n", 2, "fail-on"),
            ("[severity]\n\nnope = \"low\"\n", 3, "unknown check `nope`"),
            ("[severity]\nempty-catch = \"urgent\"\n", 2, "empty-catch"),
            ("exclude = [\"a/[b\"]\n", 1, "invalid glob"),
            ("[rules.large-file]\nmax-lines = 0\n", 2, "at least 1"),
            ("[rules.large-file]\nmax-line = 10\n", 2, "unknown field `max-line`"),
            ("[rules.no-such-check]\nx = 1\n", 1, "unknown field `no-such-check`"),
        ] {
            let error = resolve(text).unwrap_err().to_string();
            assert!(error.contains(&format!("line {line}:")) && error.contains(needle), "{text:?}: {error}");
        }
    }

    #[test]
    fn no_file_is_no_configuration() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a/b.py", "");
        // The temporary folder's ancestors hold no shipready.toml on a clean machine.
        assert!(discover(&dir.path().join("a")).unwrap().iter().all(|found| !found.path.starts_with(dir.path())));
    }
}
