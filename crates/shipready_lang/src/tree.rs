//! The Rust, Go and HTML front end: tree-sitter and its grammars.
//!
//! tree-sitter parses iteratively, so deep nesting cannot overflow the stack; the walk over the
//! tree (in the linter's runner) uses a cursor, not recursion.

use std::sync::LazyLock;

use crate::{Language, SyntaxError};

pub use tree_sitter::{Node, Tree, TreeCursor};

static RUST: LazyLock<tree_sitter::Language> = LazyLock::new(|| tree_sitter_rust::LANGUAGE.into());
static GO: LazyLock<tree_sitter::Language> = LazyLock::new(|| tree_sitter_go::LANGUAGE.into());
static HTML: LazyLock<tree_sitter::Language> = LazyLock::new(|| tree_sitter_html::LANGUAGE.into());

/// The tree-sitter grammar of a language, if shipready reads it with tree-sitter.
pub fn grammar(language: Language) -> Option<&'static tree_sitter::Language> {
    match language {
        Language::Rust => Some(&RUST),
        Language::Go => Some(&GO),
        Language::Html => Some(&HTML),
        _ => None,
    }
}

/// The node kind id a grammar gives a named kind; `None` if the grammar has no such kind.
pub fn kind_id(language: Language, kind: &str) -> Option<u16> {
    let id = grammar(language)?.id_for_node_kind(kind, true);
    (id != 0).then_some(id)
}

/// The name of each node kind of a grammar, by kind id. `Node::kind` measures and validates
/// the grammar's C string on every call; a walk looks names up here instead.
pub fn kind_names(language: Language) -> &'static [&'static str] {
    fn names(grammar: &'static tree_sitter::Language) -> Vec<&'static str> {
        (0..grammar.node_kind_count())
            .map(|id| u16::try_from(id).ok().and_then(|id| grammar.node_kind_for_id(id)).unwrap_or(""))
            .collect()
    }
    static RUST_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| names(&RUST));
    static GO_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| names(&GO));
    static HTML_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| names(&HTML));
    match language {
        Language::Rust => &RUST_NAMES,
        Language::Go => &GO_NAMES,
        Language::Html => &HTML_NAMES,
        _ => &[],
    }
}

/// Whether each node kind of a grammar, by kind id, is named (not a token such as `(` or `fn`).
pub fn kind_named(language: Language) -> &'static [bool] {
    fn named(grammar: &tree_sitter::Language) -> Vec<bool> {
        (0..grammar.node_kind_count())
            .map(|id| u16::try_from(id).is_ok_and(|id| grammar.node_kind_is_named(id)))
            .collect()
    }
    static RUST_NAMED: LazyLock<Vec<bool>> = LazyLock::new(|| named(&RUST));
    static GO_NAMED: LazyLock<Vec<bool>> = LazyLock::new(|| named(&GO));
    static HTML_NAMED: LazyLock<Vec<bool>> = LazyLock::new(|| named(&HTML));
    match language {
        Language::Rust => &RUST_NAMED,
        Language::Go => &GO_NAMED,
        Language::Html => &HTML_NAMED,
        _ => &[],
    }
}

/// The number of node kinds a grammar defines (ids are below it).
pub fn kind_count(language: Language) -> usize {
    grammar(language).map_or(0, tree_sitter::Language::node_kind_count)
}

/// Parses `text`; a tree with an ERROR or MISSING node is a syntax error, reported at the first.
/// HTML is the exception: browsers read broken markup too (and templates add their own syntax),
/// so an HTML tree is kept with its error nodes.
pub fn parse(language: Language, text: &str) -> Result<Tree, SyntaxError> {
    let grammar = grammar(language)
        .ok_or_else(|| SyntaxError { offset: 0, message: format!("no tree-sitter grammar for {language}") })?;
    thread_local! {
        static PARSER: std::cell::RefCell<tree_sitter::Parser> = std::cell::RefCell::new(tree_sitter::Parser::new());
    }
    let tree = PARSER.with_borrow_mut(|parser| {
        parser
            .set_language(grammar)
            .map_err(|error| SyntaxError { offset: 0, message: format!("grammar version mismatch: {error}") })?;
        parser.parse(text, None).ok_or_else(|| SyntaxError { offset: 0, message: "parser gave up".into() })
    })?;
    if language != Language::Html && tree.root_node().has_error() {
        let offset = first_error(tree.root_node()).map_or(0, |node| node.start_byte() as u32);
        return Err(SyntaxError { offset, message: "syntax error".into() });
    }
    Ok(tree)
}

/// The first ERROR or MISSING node in source order.
fn first_error(root: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

/// The source text of a node.
pub fn text<'t>(node: Node<'_>, source: &'t str) -> &'t str {
    source.get(node.byte_range()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rust_and_go() {
        let tree = parse(Language::Rust, "fn main() { let x = 1; }").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tree.root_node().kind(), "source_file");
        assert!(parse(Language::Go, "package main\nfunc main() {}\n").is_ok());
        let html = parse(Language::Html, "<p>{% if x %}<iframe sandbox=\"allow-scripts\"></p>")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(html.root_node().kind(), "document");
    }

    #[test]
    fn reports_errors_at_the_first_broken_node() {
        let error = parse(Language::Go, "package main\nfunc main( {\n").err().unwrap_or_else(|| panic!("no error"));
        assert!(error.offset > 0);
    }

    #[test]
    fn kind_ids_resolve_and_unknown_kinds_do_not() {
        assert!(kind_id(Language::Rust, "call_expression").is_some());
        assert!(kind_id(Language::Go, "call_expression").is_some());
        assert!(kind_id(Language::Go, "no_such_kind").is_none());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = format!("fn f() {{ let x = {}1{}; }}", "(".repeat(20_000), ")".repeat(20_000));
        assert!(parse(Language::Rust, &deep).is_ok());
    }
}
