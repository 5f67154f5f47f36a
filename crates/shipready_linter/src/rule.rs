//! The [`Rule`] trait and the [`declare_rule!`] macro every check is written with.

use shipready_diagnostics::RuleMeta;
use shipready_lang::dockerfile::Dockerfile;
use shipready_lang::oxc::ast::AstType;
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{AnyNodeRef, NodeKind};
use shipready_lang::tree::Node;
use shipready_lang::{FileRole, Language, json, yaml};

use crate::context::{FileContext, JsContext, ProjectContext, PyContext, TreeContext};
use crate::project::ProjectModel;

/// What [`declare_rule!`] writes: the rule's metadata and docs, kept beside its code.
pub trait DeclaredRule {
    const META: RuleMeta;
}

/// A check. One file per rule, at `rules/<area>/<rule_name>.rs`.
///
/// Every hook runs inside the single walk of one file: the runner walks each syntax tree once
/// and calls `check_js`/`check_py` only for the node kinds a rule lists in `JS_KINDS`/`PY_KINDS`.
/// `check_file` runs once per file of a listed language, parsed or not (text-level checks).
pub trait Rule: DeclaredRule + Default + Send + Sync + 'static {
    /// Languages the rule reads. `Language::Text` rules see configuration and other text files.
    const LANGUAGES: &'static [Language];
    /// File roles the rule applies to; most checks apply only to shipping code.
    const ROLES: &'static [FileRole] = &[FileRole::Source];
    /// oxc node kinds `check_js` wants.
    const JS_KINDS: &'static [AstType] = &[];
    /// ruff node kinds `check_py` wants.
    const PY_KINDS: &'static [NodeKind] = &[];
    /// A cheap prefilter: if non-empty, the rule runs on a file only when the file's text
    /// contains at least one of these strings (case-sensitive), so most files skip it entirely.
    const NEEDLES: &'static [&'static str] = &[];
    /// Whether the rule judges projects (through `check_project`) rather than files.
    const PROJECT_LEVEL: bool = false;
    /// Whether the rule's findings are made once per scan, after every other check, from what
    /// the scan gathered (`unused-suppression` judges the suppression comments and entries): it
    /// has no hooks and makes no file worth reading by itself. Its `LANGUAGES` and `ROLES` say
    /// where its findings can be.
    const SCAN_LEVEL: bool = false;
    /// tree-sitter node kinds `check_tree` wants in Rust files (names from tree-sitter-rust).
    const RUST_KINDS: &'static [&'static str] = &[];
    /// tree-sitter node kinds `check_tree` wants in Go files (names from tree-sitter-go).
    const GO_KINDS: &'static [&'static str] = &[];
    /// tree-sitter node kinds `check_tree` wants in HTML files (names from tree-sitter-html).
    const HTML_KINDS: &'static [&'static str] = &[];

    fn check_js<'a>(&self, _node: &AstNode<'a>, _ctx: &mut JsContext<'a, '_>) {}

    fn check_py<'a>(&self, _node: AnyNodeRef<'a>, _ctx: &mut PyContext<'a, '_>) {}

    /// A Rust, Go or HTML node of a kind listed in `RUST_KINDS`/`GO_KINDS`/`HTML_KINDS`.
    fn check_tree<'t>(&self, _node: Node<'t>, _ctx: &mut TreeContext<'t, '_>) {}

    /// A Dockerfile, once per file.
    fn check_dockerfile(&self, _dockerfile: &Dockerfile<'_>, _ctx: &mut FileContext<'_>) {}

    /// Every document of a YAML file, once per file.
    fn check_yaml(&self, _documents: &[yaml::Node<'_>], _ctx: &mut FileContext<'_>) {}

    /// A JSON or JSONC document, once per file.
    fn check_json(&self, _document: &json::ast::Value<'_>, _ctx: &mut FileContext<'_>) {}

    fn check_file(&self, _ctx: &mut FileContext<'_>) {}

    /// Once per scan, over the whole project model (services, manifests, routes, inventory).
    fn check_project(&self, _model: &ProjectModel, _ctx: &mut ProjectContext) {}
}

/// The object-safe face of a [`Rule`], which the runner stores.
pub(crate) trait DynRule: Send + Sync {
    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>);
    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>);
    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>);
    fn check_dockerfile(&self, dockerfile: &Dockerfile<'_>, ctx: &mut FileContext<'_>);
    fn check_yaml(&self, documents: &[yaml::Node<'_>], ctx: &mut FileContext<'_>);
    fn check_json(&self, document: &json::ast::Value<'_>, ctx: &mut FileContext<'_>);
    fn check_file(&self, ctx: &mut FileContext<'_>);
    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext);
}

impl<R: Rule> DynRule for R {
    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        Rule::check_js(self, node, ctx);
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        Rule::check_py(self, node, ctx);
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Rule::check_tree(self, node, ctx);
    }

    fn check_dockerfile(&self, dockerfile: &Dockerfile<'_>, ctx: &mut FileContext<'_>) {
        Rule::check_dockerfile(self, dockerfile, ctx);
    }

    fn check_yaml(&self, documents: &[yaml::Node<'_>], ctx: &mut FileContext<'_>) {
        Rule::check_yaml(self, documents, ctx);
    }

    fn check_json(&self, document: &json::ast::Value<'_>, ctx: &mut FileContext<'_>) {
        Rule::check_json(self, document, ctx);
    }

    fn check_file(&self, ctx: &mut FileContext<'_>) {
        Rule::check_file(self, ctx);
    }

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        Rule::check_project(self, model, ctx);
    }
}

/// Declares a rule's struct, docs and metadata in one place.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// …
///     pub struct EmptyCatch {
///         id: "empty-catch", area: Reliability, severity: High, since: "0.1.0",
///         title: "Empty catch block swallows errors",
///         rationale: "A swallowed error hides the failure that caused it.",
///         fix: "Log the error or rethrow it, or say in a comment why it is safe to ignore.",
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $vis:vis struct $name:ident {
            id: $id:literal,
            area: $area:ident,
            severity: $severity:ident,
            since: $since:literal,
            $(heuristic: $heuristic:literal,)?
            title: $title:literal,
            rationale: $rationale:literal,
            fix: $fix:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $crate::rule::DeclaredRule for $name {
            const META: ::shipready_diagnostics::RuleMeta = ::shipready_diagnostics::RuleMeta {
                id: $id,
                area: ::shipready_diagnostics::Area::$area,
                severity: ::shipready_diagnostics::Severity::$severity,
                status: ::shipready_diagnostics::RuleStatus::Preview { since: $since },
                title: $title,
                rationale: $rationale,
                fix: $fix,
                docs: concat!($($doc, "\n"),+),
                heuristic: $crate::declare_rule!(@heuristic $($heuristic)?),
            };
        }
    };
    (@heuristic) => { false };
    (@heuristic $value:literal) => { $value };
}
