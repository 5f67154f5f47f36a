//! Small questions about Rust and Go syntax (tree-sitter) that rules and the runner ask.

use shipready_lang::Language;
use shipready_lang::tree::{Node, text};

use crate::context::IntoSpan;
use crate::project::Import;
use crate::runner::WalkFacts;

/// Go calls that start or configure an HTTP server.
const GO_SERVER_CALLS: &[&str] = &[
    "http.ListenAndServe",
    "http.ListenAndServeTLS",
    "http.HandleFunc",
    "http.Handle",
    "http.NewServeMux",
    "gin.Default",
    "gin.New",
    "echo.New",
    "chi.NewRouter",
    "mux.NewRouter",
    "fiber.New",
];
/// Rust calls that build an HTTP app or server.
const RUST_SERVER_CALLS: &[&str] =
    &["Router::new", "HttpServer::new", "App::new", "rocket::build", "warp::serve", "Server::bind", "Route::new"];
/// Methods that register a route when their first argument is a path (`r.GET("/x", …)`).
const ROUTE_METHODS: &[&str] = &[
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "Get",
    "Post",
    "Put",
    "Patch",
    "Delete",
    "HandleFunc",
    "Handle",
    "route",
];

/// Records what one node says for the project model: the modules a file imports, and whether it
/// serves HTTP (builds a router or server, or registers a route on a path).
pub(crate) fn collect_facts(language: Language, node: Node<'_>, source: &str, facts: &mut WalkFacts) {
    match (language, node.kind()) {
        (Language::Go, "import_spec") => {
            if let Some(path) = node.child_by_field_name("path") {
                facts.imports.push(Import::Go(unquote(text(path, source)).to_string()));
            }
        }
        (Language::Rust, "use_declaration") => {
            if let Some(argument) = node.child_by_field_name("argument") {
                let path = text(argument, source);
                let root = path.split("::").next().unwrap_or(path).trim_start_matches('{').trim();
                if !root.is_empty() && !matches!(root, "crate" | "self" | "super") {
                    facts.imports.push(Import::Rust(root.to_string()));
                }
            }
        }
        (_, "call_expression") => {
            let Some(function) = node.child_by_field_name("function") else { return };
            let callee = text(function, source);
            let known = if language == Language::Go { GO_SERVER_CALLS } else { RUST_SERVER_CALLS };
            let method = callee.rsplit(['.', ':']).next().unwrap_or(callee);
            if known.iter().any(|call| callee.ends_with(call)) {
                facts.serves_http = true;
                facts.app.get_or_insert(node.into_span());
            }
            if ROUTE_METHODS.contains(&method)
                && let Some(path) = first_argument_path(node, source)
            {
                facts.serves_http = true;
                facts.routes.push(path.to_string());
            }
        }
        // actix-web and Rocket route attributes: `#[get("/health")]`.
        (Language::Rust, "attribute_item") => {
            let attribute = text(node, source);
            for prefix in ["#[get(\"", "#[post(\"", "#[put(\"", "#[delete(\"", "#[route(\""] {
                if let Some(rest) = attribute.strip_prefix(prefix)
                    && let Some(path) = rest.split('"').next().filter(|p| p.starts_with('/'))
                {
                    facts.serves_http = true;
                    facts.routes.push(path.to_string());
                }
            }
        }
        _ => {}
    }
}

/// A call's first argument, when it is a string literal path (`"/health"`).
fn first_argument_path<'s>(call: Node<'_>, source: &'s str) -> Option<&'s str> {
    let arguments = call.child_by_field_name("arguments")?;
    let mut cursor = arguments.walk();
    let first = arguments.named_children(&mut cursor).next()?;
    let path = unquote(text(first, source));
    (matches!(first.kind(), "interpreted_string_literal" | "raw_string_literal" | "string_literal")
        && path.starts_with('/'))
    .then_some(path)
}

/// A string literal's contents without its quotes (Go `"…"`/`` `…` ``, Rust `"…"`).
pub(crate) fn unquote(literal: &str) -> &str {
    literal.trim_matches(|c| c == '"' || c == '`')
}

/// An HTML attribute value without its quotes (`"a b"`, `'a b'`, or unquoted `a`).
pub(crate) fn unquote_html(value: &str) -> &str {
    value.trim_matches(|c| c == '"' || c == '\'')
}

/// The attributes written before a Rust item (`#[test]`, `#[cfg(test)]`), nearest first.
pub(crate) fn rust_attributes<'s>(item: Node<'_>, source: &'s str) -> Vec<&'s str> {
    let mut attributes = Vec::new();
    let mut previous = item.prev_named_sibling();
    while let Some(node) = previous {
        match node.kind() {
            "attribute_item" => attributes.push(text(node, source)),
            "line_comment" | "block_comment" => {}
            _ => break,
        }
        previous = node.prev_named_sibling();
    }
    attributes
}

/// Whether a Rust node is test code: inside a `#[cfg(test)]` module or a function marked as a
/// test (`#[test]`, `#[tokio::test]`, `#[rstest]`…).
pub(crate) fn in_rust_test(node: Node<'_>, source: &str) -> bool {
    let mut current = Some(node);
    while let Some(item) = current {
        if matches!(item.kind(), "mod_item" | "function_item" | "impl_item") {
            let attributes = rust_attributes(item, source);
            if attributes.iter().any(|a| a.contains("cfg(test)") || a.contains("test]") || a.contains("::test")) {
                return true;
            }
        }
        current = item.parent();
    }
    false
}
