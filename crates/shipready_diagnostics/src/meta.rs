use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Severity;

/// The sections of `CHECKS.md`; every check belongs to exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    Security,
    Reliability,
    Observability,
    CodeQuality,
    Testing,
    Operations,
}

impl Area {
    pub const ALL: [Area; 6] =
        [Area::Security, Area::Reliability, Area::Observability, Area::CodeQuality, Area::Testing, Area::Operations];

    pub const fn as_str(self) -> &'static str {
        match self {
            Area::Security => "security",
            Area::Reliability => "reliability",
            Area::Observability => "observability",
            Area::CodeQuality => "code-quality",
            Area::Testing => "testing",
            Area::Operations => "operations",
        }
    }

    /// The heading used for this area in human-facing output.
    pub const fn title(self) -> &'static str {
        match self {
            Area::Security => "Security",
            Area::Reliability => "Reliability",
            Area::Observability => "Observability",
            Area::CodeQuality => "Type safety and code quality",
            Area::Testing => "Testing",
            Area::Operations => "Operations",
        }
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a rule's behaviour is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleStatus {
    /// New rules start here; `since` is the version that added them.
    Preview {
        since: &'static str,
    },
    Stable {
        since: &'static str,
    },
}

impl RuleStatus {
    pub const fn label(self) -> &'static str {
        match self {
            RuleStatus::Preview { .. } => "preview",
            RuleStatus::Stable { .. } => "stable",
        }
    }

    pub const fn since(self) -> &'static str {
        match self {
            RuleStatus::Preview { since } | RuleStatus::Stable { since } => since,
        }
    }
}

/// Everything a reporter needs to know about a rule, without the rule itself.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable kebab-case id from `CHECKS.md`.
    pub id: &'static str,
    pub area: Area,
    /// The default severity; a rule may raise or lower it per finding only at documented thresholds.
    pub severity: Severity,
    pub status: RuleStatus,
    /// Names the problem in at most 60 characters.
    pub title: &'static str,
    /// Why it matters, in one sentence.
    pub rationale: &'static str,
    /// How to fix it, in one sentence.
    pub fix: &'static str,
    /// Markdown docs: What it does, Why is this bad?, Example, Use instead, and optional sections.
    pub docs: &'static str,
    /// Heuristic checks say so in their docs; reporters may treat them with less trust.
    pub heuristic: bool,
}
