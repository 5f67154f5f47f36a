//! shipready's parsing front ends and the facts about a file that every check shares.
//!
//! - [`js`]: oxc's parser and semantic model for JavaScript, TypeScript, JSX and TSX.
//! - [`python`]: ruff's parser for Python.
//! - [`tree`]: tree-sitter for Rust and Go.
//! - [`dockerfile`], [`yaml`], [`json`]: Dockerfiles, YAML (Compose, Kubernetes) and JSON/JSONC.
//! - [`text`]: comments of TOML and other `#`-commented text files.
//! - [`classify`]: the language and role of a file, decided once.
//! - [`LineIndex`]: the one conversion from byte offsets to 1-based lines and columns.
//!
//! Parser crates are pinned in the workspace and only this crate names them, so an upgrade
//! touches one place.

pub mod classify;
pub mod dockerfile;
pub mod js;
pub mod json;
mod line_index;
pub mod nesting;
pub mod python;
mod syntax_error;
pub mod text;
pub mod tree;
pub mod yaml;

pub use classify::{FileRole, Language};
pub use line_index::{LineIndex, count_lines};
pub use syntax_error::SyntaxError;

/// Re-exports of the parser crates, so rules depend on one version through one crate.
pub mod oxc {
    pub use oxc_allocator as allocator;
    pub use oxc_ast as ast;
    pub use oxc_semantic as semantic;
    pub use oxc_span as span;
    pub use oxc_syntax as syntax;
}

/// Re-exports of ruff's AST crates.
pub mod ruff {
    pub use ruff_python_ast as ast;
    pub use ruff_text_size as text_size;
}
