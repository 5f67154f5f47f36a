//! Helpers shared by the integration tests that include them with `mod support;`.

pub mod demo;
