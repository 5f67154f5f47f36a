use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How urgently a finding must be fixed before production.
///
/// Ordered from least to most severe, so `a >= b` reads "a is at least as bad as b".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// Every severity, most severe first (the order reports list them in).
    pub const ALL_DESCENDING: [Severity; 5] =
        [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info];

    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown severity `{given}`; expected one of critical, high, medium, low, info")]
pub struct ParseSeverityError {
    given: String,
}

impl FromStr for Severity {
    type Err = ParseSeverityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Ok(Severity::Info),
            "low" => Ok(Severity::Low),
            "medium" => Ok(Severity::Medium),
            "high" => Ok(Severity::High),
            "critical" => Ok(Severity::Critical),
            _ => Err(ParseSeverityError { given: s.to_string() }),
        }
    }
}

/// The `--fail-on` threshold: a severity, or `never` to always exit 0 on findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    AtLeast(Severity),
    Never,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::AtLeast(threshold) => severity >= threshold,
            FailOn::Never => false,
        }
    }
}

impl Default for FailOn {
    fn default() -> Self {
        FailOn::AtLeast(Severity::High)
    }
}

impl FromStr for FailOn {
    type Err = ParseSeverityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("never") {
            Ok(FailOn::Never)
        } else {
            s.parse().map(FailOn::AtLeast).map_err(|_| ParseSeverityError { given: s.to_string() })
        }
    }
}

impl fmt::Display for FailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FailOn::AtLeast(severity) => severity.fmt(f),
            FailOn::Never => f.write_str("never"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordering_reads_as_badness() {
        assert!(Severity::Critical > Severity::High);
        assert!(Severity::Info < Severity::Low);
    }

    #[test]
    fn fail_on_parses_never_and_levels() {
        assert_eq!("never".parse::<FailOn>().unwrap(), FailOn::Never);
        assert_eq!("Medium".parse::<FailOn>().unwrap(), FailOn::AtLeast(Severity::Medium));
        assert!("loud".parse::<FailOn>().is_err());
        assert!(FailOn::default().fails(Severity::Critical));
        assert!(!FailOn::default().fails(Severity::Medium));
        assert!(!FailOn::Never.fails(Severity::Critical));
    }
}
