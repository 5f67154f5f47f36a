//! Every rule shipready knows, in one list.

use crate::rules::{reliability, security};
use crate::runner::RuleEntry;

/// Every rule, in catalog order. Add a rule here and in its area's `mod.rs`.
pub fn all_rules() -> Vec<RuleEntry> {
    vec![
        // Security
        RuleEntry::of::<security::HardcodedSecret>(),
        // Reliability
        RuleEntry::of::<reliability::EmptyCatch>(),
        // Observability
        // Type safety and code quality
    ]
}
