//! The finding model shared by every shipready crate.
//!
//! A [`Finding`] is data, not an error: a rule id, where it is, how bad it is and what to say.
//! Reporters render findings; they never compute them.

mod finding;
mod fingerprint;
pub mod intern;
mod live;
mod meta;
mod severity;

pub use finding::{Endpoint, Finding, Location, SkippedFile, Span, Suppression, SuppressionKind};
pub use fingerprint::{Fingerprint, assign_fingerprints, endpoint_fingerprint};
pub use live::{CheckStatus, ProbeCheck, ProbeSummary};
pub use meta::{Area, RuleMeta, RuleStatus};
pub use severity::{FailOn, ParseSeverityError, Severity};
