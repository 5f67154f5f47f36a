use serde::{Deserialize, Serialize};

use crate::{Area, Fingerprint, Severity};

/// A half-open byte range into a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub const fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }
}

/// A 1-based, inclusive-start, exclusive-end position range. Columns count Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Location {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// `&'static str` under another name, so that serde's derive does not borrow it from the
/// input (the cache's reader interns it instead, see [`crate::intern`]).
pub(crate) type StaticStr = &'static str;

/// One problem found in one place.
///
/// Serialized only for the scan cache, as a check found it: before suppressions apply, and
/// without the fields of live findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    #[serde(deserialize_with = "crate::intern::deserialize")]
    pub rule: StaticStr,
    pub area: Area,
    pub severity: Severity,
    /// Relative to the scan root, with `/` separators: the file, or for a project-level finding
    /// the service or project folder (`.` for the root).
    pub path: String,
    /// For a project-level finding, the file where the fix belongs (the app construction, entry
    /// point or manifest), which `location` and `snippet` refer to; `None` for file findings.
    pub file: Option<String>,
    pub span: Span,
    pub location: Location,
    pub message: String,
    /// The source text of the lines the finding covers (at most a few lines).
    pub snippet: String,
    /// Stable identity that survives unrelated edits; assigned once all of a file's findings exist.
    pub fingerprint: Fingerprint,
    /// Set when a suppression comment or the suppressions file silences the finding: it is then
    /// counted and listed on request, but never fails the run. Never part of the fingerprint.
    #[serde(skip)]
    pub suppression: Option<Suppression>,
    /// For a live finding of `shipready probe`: the request that showed it. `path` is then the
    /// URL's path, `snippet` the evidence (request and response), and `location` is zero.
    #[serde(skip)]
    pub endpoint: Option<Box<Endpoint>>,
}

/// Where a live finding was seen: one request to a running service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Endpoint {
    /// `GET`, `HEAD`, `OPTIONS` or, with `--allow-bodies`, `POST`, `PUT` or `PATCH`.
    pub method: String,
    /// The full URL requested.
    pub url: String,
}

/// Why a finding is silenced, and by what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The justification the directive or entry gives.
    pub reason: String,
    /// Who answers for it (entries of the suppressions file only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The date it expires, `YYYY-MM-DD` (entries of the suppressions file only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// Where a suppression is written (SARIF's `suppression.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// A `shipready-ignore[…]` or `shipready-ignore-file[…]` comment in the file itself.
    InSource,
    /// An entry of `.shipready/suppressions.toml`.
    External,
}

impl SuppressionKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            SuppressionKind::InSource => "in-source",
            SuppressionKind::External => "external",
        }
    }
}

impl Finding {
    /// The order every report uses: path, line, column, rule id, message.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (&self.path, self.location.line, self.location.column, self.rule, &self.message)
    }

    /// The file the finding's position refers to: its own path, or for a project-level finding
    /// the file where the fix belongs.
    pub fn located_file(&self) -> &str {
        self.file.as_deref().unwrap_or(&self.path)
    }

    pub fn is_suppressed(&self) -> bool {
        self.suppression.is_some()
    }

    /// For a live finding, the request that showed it: `GET https://host/path`.
    pub fn request_line(&self) -> Option<String> {
        self.endpoint.as_ref().map(|endpoint| format!("{} {}", endpoint.method, endpoint.url))
    }
}

/// A file the scan could not check fully, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SkippedFile {
    /// Relative to the scan root, with `/` separators (empty when the walk could not name it).
    pub path: String,
    pub reason: String,
}
