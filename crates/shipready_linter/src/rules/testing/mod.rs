mod no_tests;
mod untested_critical_module;

pub(crate) use no_tests::NoTests;
pub(crate) use untested_critical_module::UntestedCriticalModule;
