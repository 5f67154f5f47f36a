//! `.shipready/suppressions.toml`: suppressions kept beside the code rather than in it, each with
//! a reason, an owner and an optional expiry date, and the one place where every suppression is
//! applied ([`apply`]).
//!
//! ```toml
//! [[suppress]]
//! check = "print-logging"                 # required: one check id
//! paths = ["scripts/**"]                  # globs relative to the project folder; and/or
//! fingerprint = "0123456789abcdef"        # one finding's fingerprint (both: both must match)
//! reason = "CLI scripts print by design"  # required
//! owner = "@ana"                          # required
//! expires = "2027-03-01"                  # optional; from that day on the entry silences nothing
//! ```
//!
//! The file lives in the project folder: the folder of the configuration file in use, else the
//! scan root. Every invalid value is an error that names the file and line, as in
//! `shipready.toml`.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use shipready_diagnostics::{Finding, Span};
use shipready_lang::LineIndex;
use shipready_linter::suppression::{ExternalSuppression, Governance, govern};
use toml::Spanned;

use crate::ScanResult;
use crate::config::{ConfigError, de_error, line_of};

/// Where the file is, relative to the project folder.
pub const SUPPRESSIONS_FILE: &str = ".shipready/suppressions.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default)]
    suppress: Vec<Spanned<EntryOptions>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryOptions {
    check: Spanned<String>,
    paths: Option<Vec<Spanned<String>>>,
    fingerprint: Option<Spanned<String>>,
    reason: Spanned<String>,
    owner: Spanned<String>,
    /// `"YYYY-MM-DD"` or a TOML date.
    expires: Option<Spanned<toml::Value>>,
}

/// One validated entry.
#[derive(Debug)]
pub struct Entry {
    pub check: String,
    pub paths: Vec<String>,
    globs: Option<GlobSet>,
    /// 16 lowercase hex digits.
    pub fingerprint: Option<String>,
    pub reason: String,
    pub owner: String,
    pub expires: Option<Date>,
    /// The entry's text in the file (from its `[[suppress]]` header).
    span: Range<usize>,
}

/// A suppressions file, parsed and validated.
#[derive(Debug)]
pub struct SuppressionsFile {
    pub path: PathBuf,
    /// The project folder, which `paths` globs are relative to.
    pub base: PathBuf,
    text: String,
    pub entries: Vec<Entry>,
}

impl SuppressionsFile {
    /// The suppressions file of the project folder `base`, if there is one. `check` accepts a
    /// check id or says what is wrong with it (with a hint).
    pub fn find(base: &Path, check: &dyn Fn(&str) -> Result<(), String>) -> Result<Option<Self>, ConfigError> {
        let path = base.join(SUPPRESSIONS_FILE);
        if !path.is_file() {
            return Ok(None);
        }
        Self::load(&path, base, check).map(Some)
    }

    /// Reads and validates the file at `path`, whose globs are relative to `base`.
    pub fn load(path: &Path, base: &Path, check: &dyn Fn(&str) -> Result<(), String>) -> Result<Self, ConfigError> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let base = std::path::absolute(base).unwrap_or_else(|_| base.to_path_buf());
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read { path: path.clone(), source })?;
        let options: Options = toml::from_str(&text).map_err(|error| de_error(&path, &text, &error))?;
        let error_at = |span: Range<usize>, message: String| ConfigError::Invalid {
            path: path.clone(),
            line: line_of(&text, span.start),
            message,
        };
        let mut entries = Vec::new();
        for spanned in &options.suppress {
            let entry = spanned.get_ref();
            // From the entry's `[[suppress]]` header, where its findings are reported.
            let check_start = entry.check.span().start;
            let span = text[..check_start].rfind("[[suppress]]").unwrap_or(check_start)
                ..spanned.span().end.max(entry.check.span().end);
            let id = entry.check.get_ref();
            check(id).map_err(|message| error_at(entry.check.span(), format!("`check`: {message}")))?;
            let mut globs = None;
            if let Some(paths) = &entry.paths {
                let mut set = GlobSetBuilder::new();
                for pattern in paths {
                    let glob = GlobBuilder::new(pattern.get_ref()).literal_separator(true).build().map_err(|e| {
                        error_at(pattern.span(), format!("`paths`: invalid glob `{}`: {}", pattern.get_ref(), e.kind()))
                    })?;
                    set.add(glob);
                }
                if !paths.is_empty() {
                    globs = Some(set.build().map_err(|e| error_at(span.clone(), format!("`paths`: {e}")))?);
                }
            }
            let fingerprint = match &entry.fingerprint {
                Some(fp) if fp.get_ref().len() == 16 && fp.get_ref().bytes().all(|b| b.is_ascii_hexdigit()) => {
                    Some(fp.get_ref().to_ascii_lowercase())
                }
                Some(fp) => {
                    return Err(error_at(
                        fp.span(),
                        format!(
                            "`fingerprint`: `{}` is not a fingerprint (16 hex digits, as in `--format json`)",
                            fp.get_ref()
                        ),
                    ));
                }
                None => None,
            };
            if globs.is_none() && fingerprint.is_none() {
                return Err(error_at(
                    span.clone(),
                    format!("the entry for `{id}` needs `paths` (globs) or a `fingerprint` to say what it silences"),
                ));
            }
            for (key, value) in [("reason", &entry.reason), ("owner", &entry.owner)] {
                if value.get_ref().trim().is_empty() {
                    return Err(error_at(value.span(), format!("`{key}` of the entry for `{id}` is empty")));
                }
            }
            let expires = match &entry.expires {
                Some(value) => Some(date_from_toml(value.get_ref()).ok_or_else(|| {
                    error_at(value.span(), "`expires` must be a date written YYYY-MM-DD, e.g. \"2027-03-01\"".into())
                })?),
                None => None,
            };
            entries.push(Entry {
                check: id.clone(),
                paths: entry.paths.iter().flatten().map(|p| p.get_ref().clone()).collect(),
                globs,
                fingerprint,
                reason: entry.reason.get_ref().trim().to_string(),
                owner: entry.owner.get_ref().trim().to_string(),
                expires,
                span,
            });
        }
        Ok(Self { path, base, text, entries })
    }
}

/// What [`apply`] needs to know about the run.
pub struct Judge<'a> {
    /// Whether a check ran on a file (relative to the scan root), or at all (`None`).
    pub ran: &'a dyn Fn(&str, Option<&str>) -> bool,
    /// Whether `unused-suppression` is selected.
    pub report: bool,
    /// Whether inline directives count (`--no-inline-suppressions` turns them off).
    pub inline: bool,
    /// The day entries expire against.
    pub today: Date,
}

/// Applies the inline directives of the scan and the entries of the suppressions file to every
/// finding (file and project findings alike), once all of them exist: silenced findings are
/// marked, never dropped, and keep their fingerprints. Returns the `unused-suppression`
/// findings, for the caller to add once it has applied its configuration to them.
pub fn apply(result: &mut ScanResult, file: Option<&SuppressionsFile>, judge: &Judge<'_>) -> Vec<Finding> {
    let root = std::path::absolute(&result.root).unwrap_or_else(|_| result.root.clone());
    let matchers: Vec<Matcher<'_>> = file
        .iter()
        .flat_map(|file| file.entries.iter().map(move |entry| (file, entry)))
        .map(|(file, entry)| {
            let root = root.clone();
            Box::new(move |finding: &Finding| entry_matches(entry, &file.base, &root, finding)) as Matcher<'_>
        })
        .collect();
    let dates: Vec<Option<String>> = file
        .iter()
        .flat_map(|file| file.entries.iter().map(|entry| entry.expires.map(|date| date.to_string())))
        .collect();
    let mut external = Vec::new();
    if let Some(file) = file {
        let index = LineIndex::new(&file.text);
        let shown = relative_path(&file.path, &root);
        for ((entry, matches), date) in file.entries.iter().zip(&matchers).zip(&dates) {
            let header = index.line_span(&file.text, line_of(&file.text, entry.span.start) as u32);
            let entry_span = Span::new(entry.span.start as u32, entry.span.end as u32);
            external.push(ExternalSuppression {
                check: &entry.check,
                reason: &entry.reason,
                owner: &entry.owner,
                expires: date.as_deref(),
                expired: entry.expires.is_some_and(|expires| expires <= judge.today),
                target: target(entry),
                matches: matches.as_ref(),
                path: shown.clone(),
                span: header,
                location: index.location(&file.text, header),
                snippet: index.snippet(&file.text, entry_span, 8).to_string(),
            });
        }
    }
    let directives = if judge.inline { result.directives.as_slice() } else { &[] };
    let governance = Governance { ran: judge.ran, report: judge.report };
    govern(&mut result.findings, directives, &external, &governance)
}

/// Whether a finding is one an entry names.
type Matcher<'a> = Box<dyn Fn(&Finding) -> bool + 'a>;

fn entry_matches(entry: &Entry, base: &Path, root: &Path, finding: &Finding) -> bool {
    if entry.check != finding.rule {
        return false;
    }
    if let Some(fingerprint) = &entry.fingerprint
        && *fingerprint != finding.fingerprint.to_string()
    {
        return false;
    }
    match &entry.globs {
        Some(globs) => {
            let absolute = root.join(finding.located_file());
            absolute.strip_prefix(base).is_ok_and(|relative| globs.is_match(relative))
        }
        None => true,
    }
}

/// What an entry names besides its check, for messages.
fn target(entry: &Entry) -> String {
    let paths = entry.paths.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ");
    match (&entry.fingerprint, paths.is_empty()) {
        (Some(fp), true) => format!("fingerprint `{fp}`"),
        (Some(fp), false) => format!("{paths} with fingerprint `{fp}`"),
        (None, _) => paths,
    }
}

/// `path` relative to `base`, with `/` separators and `..` where it lies outside.
fn relative_path(path: &Path, base: &Path) -> String {
    let path: Vec<Component<'_>> = path.components().collect();
    let base: Vec<Component<'_>> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); base.len() - common];
    parts.extend(path[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

pub use jiff::civil::Date;

/// `YYYY-MM-DD`, a real day.
fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    (text.len() == 10).then(|| text.parse().ok()).flatten()
}

/// A date written as a TOML string or a TOML local date.
fn date_from_toml(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::String(text) => parse_date(text),
        toml::Value::Datetime(datetime) if datetime.time.is_none() && datetime.offset.is_none() => {
            parse_date(&datetime.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join(SUPPRESSIONS_FILE);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn check(id: &str) -> Result<(), String> {
        if ["print-logging", "empty-catch"].contains(&id) { Ok(()) } else { Err(format!("unknown check `{id}`")) }
    }

    const ENTRY: &str = "[[suppress]]\ncheck = \"print-logging\"\npaths = [\"scripts/**\"]\nreason = \"CLI scripts print by design\"\nowner = \"@ana\"\n";

    #[test]
    fn entries_parse_with_their_dates_and_spans() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &format!(
                "# kept by the platform team\n{ENTRY}expires = \"2027-03-01\"\n\n[[suppress]]\ncheck = \"empty-catch\"\nfingerprint = \"0123456789ABCDEF\"\nreason = \"best effort\"\nowner = \"@bo\"\nexpires = 2026-12-31\n"
            ),
        );
        let file = SuppressionsFile::find(dir.path(), &check).unwrap().unwrap();
        assert_eq!(file.entries.len(), 2);
        assert_eq!(file.entries[0].paths, ["scripts/**"]);
        assert_eq!(file.entries[0].expires, parse_date("2027-03-01"));
        assert_eq!(file.entries[1].fingerprint.as_deref(), Some("0123456789abcdef"));
        assert_eq!(file.entries[1].expires.map(|d| d.to_string()).as_deref(), Some("2026-12-31"));
        assert_eq!(line_of(&file.text, file.entries[0].span.start), 2, "the entry starts at its header");
        assert_eq!(line_of(&file.text, file.entries[1].span.start), 9);
        assert!(SuppressionsFile::find(&dir.path().join(".shipready"), &check).unwrap().is_none());
    }

    #[test]
    fn every_invalid_entry_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        for (text, line, needle) in [
            (format!("{ENTRY}expires = \"2027-02-30\"\n"), 6, "YYYY-MM-DD"),
            (format!("{ENTRY}expire = \"2027-02-01\"\n"), 6, "unknown field `expire`"),
            (ENTRY.replace("print-logging", "print-loging"), 2, "unknown check `print-loging`"),
            (ENTRY.replace("paths = [\"scripts/**\"]\n", ""), 1, "needs `paths`"),
            (ENTRY.replace("scripts/**", "a/[b"), 3, "invalid glob"),
            (ENTRY.replace("owner = \"@ana\"\n", ""), 1, "missing field `owner`"),
            (
                ENTRY.replace("CLI scripts print by design", " "),
                4,
                "`reason` of the entry for `print-logging` is empty",
            ),
            (format!("{ENTRY}fingerprint = \"xyz\"\n"), 6, "not a fingerprint"),
            ("[suppress]\ncheck = \"print-logging\"\n".to_string(), 1, ""),
        ] {
            write(dir.path(), &text);
            let error = SuppressionsFile::find(dir.path(), &check).unwrap_err().to_string();
            assert!(error.contains(&format!("line {line}:")) && error.contains(needle), "{text:?}: {error}");
            assert!(error.contains("suppressions.toml"), "{error}");
        }
    }

    #[test]
    fn dates() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2023-13-01").is_none());
        assert!(parse_date("23-01-01").is_none());
        assert!(parse_date("2027-03-01") > parse_date("2027-02-28"));
        assert_eq!(date_from_toml(&toml::Value::String("2027-03-01".into())), parse_date("2027-03-01"));
        assert!(date_from_toml(&toml::Value::Integer(20_270_301)).is_none());
    }

    #[test]
    fn paths_relative_to_the_root() {
        assert_eq!(relative_path(Path::new("/a/b/.shipready/s.toml"), Path::new("/a/b")), ".shipready/s.toml");
        assert_eq!(relative_path(Path::new("/a/.shipready/s.toml"), Path::new("/a/b/c")), "../../.shipready/s.toml");
    }
}
