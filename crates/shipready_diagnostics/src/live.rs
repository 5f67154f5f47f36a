//! What a live run (`shipready probe`) reports besides its findings: which checks ran, how they
//! ended, and what the run cost. Serialized into the JSON report and read back by
//! `shipready report --probe-results`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whether a live check passed, found problems, or could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CheckStatus {
    Passed,
    Failed,
    /// Not run, or not conclusive: it neither passes nor fails the service.
    NotRun,
}

impl CheckStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Passed => "passed",
            CheckStatus::Failed => "failed",
            CheckStatus::NotRun => "not-run",
        }
    }

    /// Whether the check reached a verdict on the service (and so counts in its score).
    pub const fn concluded(self) -> bool {
        !matches!(self, CheckStatus::NotRun)
    }
}

/// One live check's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProbeCheck {
    /// The check id (`probe-cors`, …).
    pub id: String,
    pub status: CheckStatus,
    /// What it saw, in one sentence: why it passed, or why it could not run.
    pub detail: String,
    /// Requests this check sent.
    pub requests: usize,
}

/// A live run: the service, the checks and what they cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProbeSummary {
    /// The base URL probed.
    pub url: String,
    /// Requests sent, all checks together; never more than `max_requests`.
    pub requests_sent: usize,
    pub max_requests: usize,
    /// Wall time of the run, in milliseconds.
    pub elapsed_ms: u64,
    /// The time budget, in seconds.
    pub max_seconds: u64,
    /// The OpenAPI document the routes came from, if one was found or given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openapi: Option<String>,
    /// Routes the OpenAPI document declares.
    #[serde(default)]
    pub routes: usize,
    /// One entry per check asked for, in catalog order.
    pub checks: Vec<ProbeCheck>,
}

impl ProbeSummary {
    /// The check's result, if it was asked for.
    pub fn check(&self, id: &str) -> Option<&ProbeCheck> {
        self.checks.iter().find(|check| check.id == id)
    }

    /// How many checks ended with `status`.
    pub fn count(&self, status: CheckStatus) -> usize {
        self.checks.iter().filter(|check| check.status == status).count()
    }
}
