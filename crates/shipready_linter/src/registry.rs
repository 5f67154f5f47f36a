//! Every rule shipready knows, in one list.

use crate::rules::{code_quality, observability, reliability, security};
use crate::runner::RuleEntry;

/// Every rule, in catalog order. Add a rule here and in its area's `mod.rs`.
pub fn all_rules() -> Vec<RuleEntry> {
    vec![
        // Security
        RuleEntry::of::<security::TimingUnsafeCompare>(),
        RuleEntry::of::<security::IframeSandboxEscape>(),
        RuleEntry::of::<security::PostmessageAnyOrigin>(),
        // Reliability
        RuleEntry::of::<reliability::EmptyCatch>(),
        RuleEntry::of::<reliability::BroadExceptSwallow>(),
        RuleEntry::of::<reliability::BlockingCallInServer>(),
        // Observability
        RuleEntry::of::<observability::PrintLogging>(),
        // Type safety and code quality
        RuleEntry::of::<code_quality::TsNocheck>(),
        RuleEntry::of::<code_quality::LargeFile>(),
        RuleEntry::of::<code_quality::TooManyParams>(),
    ]
}
