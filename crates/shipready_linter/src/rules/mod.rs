//! One folder per section of `CHECKS.md`, one file per rule.

pub(crate) mod code_quality;
pub(crate) mod observability;
pub(crate) mod operations;
pub(crate) mod reliability;
pub(crate) mod security;
pub(crate) mod testing;
