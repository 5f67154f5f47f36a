//! One folder per section of `CHECKS.md`, one file per rule.

pub(crate) mod reliability;
pub(crate) mod security;
