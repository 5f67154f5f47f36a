//! shipready's rules and the runner that applies them.
//!
//! Each file is parsed once and walked once; every enabled rule that applies to the file's
//! language and role is dispatched by node kind during that walk (see [`Linter::lint`]). Facts
//! for the project model are gathered in the same walk and joined by [`ProjectModel::build`].

pub mod context;
mod helpers;
mod prefilter;
pub mod project;
pub mod registry;
pub mod rule;
mod rules;
mod runner;
pub mod settings;
pub mod suppression;
#[cfg(test)]
mod tester;

pub use context::Gate;
pub use project::{FileFacts, Import, ProjectModel};
pub use runner::{FileOutcome, GatedFinding, Linter, RuleEntry, SourceFile, resolve_gates};
