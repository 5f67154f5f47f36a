mod focused_or_skipped_test;
mod no_tests;
mod untested_critical_module;

pub(crate) use focused_or_skipped_test::FocusedOrSkippedTest;
pub(crate) use no_tests::NoTests;
pub(crate) use untested_critical_module::{
    UntestedCriticalModule, critical_names, mentions_security, names_only_ambiguous_words,
};
