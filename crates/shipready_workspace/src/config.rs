//! `shipready.toml`: discovery and parsing into [`Options`].
//!
//! The file is found by walking up from the scanned path: `shipready.toml`, `.shipready.toml`,
//! or a `pyproject.toml` with a `[tool.shipready]` table, the nearest one winning (as ruff finds
//! its settings). Every key is optional; unknown keys are errors that name the file and line, and
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
#[derive(Debug, Default)]
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
    /// Globs (relative to `base`) of files not to scan.
    pub exclude: Vec<String>,
    /// Thresholds and word lists for individual checks (`[rules.<id>]`).
    pub rules: RuleSettings,
    per_path_ignores: Vec<(GlobMatcher, Vec<String>)>,
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
            settings.exclude.push(pattern.get_ref().clone());
        }
        for (pattern, ids) in options.per_path_ignores.iter().flatten() {
            let matcher = glob(pattern).map_err(|message| file.error_at(pattern.span(), message))?;
            for id in ids {
                check_selector(id.get_ref()).map_err(|message| file.error_at(id.span(), message))?;
            }
            settings.per_path_ignores.push((matcher, ids.iter().map(|id| id.get_ref().clone()).collect()));
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

    /// The checks and areas `[per-path-ignores]` turns off for a file, given by its absolute path.
    pub fn ignored_for(&self, path: &Path) -> impl Iterator<Item = &str> {
        let relative = path.strip_prefix(&self.base).ok();
        self.per_path_ignores
            .iter()
            .filter(move |(matcher, _)| relative.is_some_and(|relative| matcher.is_match(relative)))
            .flat_map(|(_, ids)| ids.iter().map(String::as_str))
    }

    /// The folder that `exclude` and `[per-path-ignores]` globs are relative to.
    pub fn base(&self) -> &Path {
        &self.base
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
/// ancestors. `Ok(None)` when there is none.
pub fn discover(start: &Path) -> Result<Option<ConfigFile>, ConfigError> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let first = if start.is_dir() { Some(start.as_path()) } else { start.parent() };
    for folder in first.into_iter().flat_map(Path::ancestors) {
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
    }
    Ok(None)
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

    #[test]
    fn the_nearest_file_up_the_tree_wins() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "shipready.toml", "fail-on = \"critical\"\n");
        write(dir.path(), "services/api/src/app.ts", "");
        let found = discover(&dir.path().join("services/api/src")).unwrap().unwrap();
        assert_eq!(found.path, dir.path().join("shipready.toml"));
        assert_eq!(found.options.fail_on.unwrap().into_inner(), "critical");

        // A pyproject.toml without `[tool.shipready]` is passed over; one with it is used.
        write(dir.path(), "services/api/pyproject.toml", "[project]\nname = \"api\"\n");
        assert_eq!(
            discover(&dir.path().join("services/api")).unwrap().unwrap().path,
            dir.path().join("shipready.toml")
        );
        write(
            dir.path(),
            "services/api/pyproject.toml",
            "[project]\nname = \"api\"\n\n[tool.shipready]\nignore = [\"print-logging\"]\n",
        );
        let found = discover(&dir.path().join("services/api/src/app.ts")).unwrap().unwrap();
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
        if let Some(found) = discover(&dir.path().join("a")).unwrap() {
            assert!(!found.path.starts_with(dir.path()));
        }
    }
}
