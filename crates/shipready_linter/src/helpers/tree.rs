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

/// The name a Go file uses for the package it imports from `path` (`rand` for `"math/rand"`,
/// `mrand` for `mrand "math/rand"`, `rand` for `"math/rand/v2"`); `None` if the file does not
/// import it or imports it blank or with a dot.
pub(crate) fn go_import_name<'s>(root: Node<'_>, source: &'s str, path: &str) -> Option<&'s str> {
    go_imports(root, source).into_iter().find(|(_, imported)| *imported == path).and_then(|(name, _)| name)
}

/// The import path of the Go package a file knows as `name`.
pub(crate) fn go_import_path<'s>(root: Node<'_>, source: &'s str, name: &str) -> Option<&'s str> {
    go_imports(root, source).into_iter().find(|(local, _)| *local == Some(name)).map(|(_, path)| path)
}

/// A Go file's imports: the name each package is known by (`None` for blank and dot imports)
/// and its path.
fn go_imports<'s>(root: Node<'_>, source: &'s str) -> Vec<(Option<&'s str>, &'s str)> {
    let mut imports = Vec::new();
    let mut cursor = root.walk();
    for declaration in root.named_children(&mut cursor).filter(|node| node.kind() == "import_declaration") {
        for spec in descendants_of_kind(declaration, "import_spec") {
            let Some(path) = spec.child_by_field_name("path") else { continue };
            let path = unquote(text(path, source));
            let name = match spec.child_by_field_name("name") {
                Some(name) if name.kind() == "package_identifier" => Some(text(name, source)),
                Some(_) => None,
                None => {
                    let mut segments = path.rsplit('/');
                    let last = segments.next().unwrap_or(path);
                    // `math/rand/v2` is package `rand`.
                    let versioned =
                        last.len() > 1 && last.starts_with('v') && last[1..].chars().all(|c| c.is_ascii_digit());
                    Some(if versioned { segments.next().unwrap_or(last) } else { last })
                }
            };
            imports.push((name, path));
        }
    }
    imports
}

/// Every node of `kind` under `node` (itself included), in source order. Iterative, so deep
/// trees cannot overflow the stack.
pub(crate) fn descendants_of_kind<'t>(node: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut found = Vec::new();
    let mut cursor = node.walk();
    loop {
        let current = cursor.node();
        if current.kind() == kind {
            found.push(current);
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                return found;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return found;
            }
        }
    }
}

/// The nearest Go or Rust function around `node`: a declaration, method, function literal or
/// closure.
pub(crate) fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    let mut current = node.parent();
    while let Some(candidate) = current {
        if matches!(
            candidate.kind(),
            "function_declaration" | "method_declaration" | "func_literal" | "function_item" | "closure_expression"
        ) {
            return Some(candidate);
        }
        current = candidate.parent();
    }
    None
}

/// The nearest Go or Rust function around `node` that has a name, with that name (function
/// literals and closures are passed through).
pub(crate) fn enclosing_named_function<'t, 's>(node: Node<'t>, source: &'s str) -> Option<(&'s str, Node<'t>)> {
    let mut current = node.parent();
    while let Some(candidate) = current {
        if matches!(candidate.kind(), "function_declaration" | "method_declaration" | "function_item")
            && let Some(name) = candidate.child_by_field_name("name")
        {
            return Some((text(name, source), candidate));
        }
        current = candidate.parent();
    }
    None
}

/// The conditions of the Go `if` statements and Rust `if` expressions around `node`, nearest
/// first, each with whether `node` lies in the branch taken when it holds (`true`) or in the
/// `else` branch (`false`).
pub(crate) fn enclosing_conditions(node: Node<'_>) -> Vec<(Node<'_>, bool)> {
    let mut conditions = Vec::new();
    let mut inner = node;
    let mut current = node.parent();
    while let Some(candidate) = current {
        if matches!(candidate.kind(), "if_statement" | "if_expression")
            && let Some(condition) = candidate.child_by_field_name("condition")
        {
            let in_branch = |field: &str| {
                candidate.child_by_field_name(field).is_some_and(|branch| {
                    branch.start_byte() <= inner.start_byte() && inner.end_byte() <= branch.end_byte()
                })
            };
            if in_branch("consequence") {
                conditions.push((condition, true));
            } else if in_branch("alternative") {
                conditions.push((condition, false));
            }
        }
        inner = candidate;
        current = candidate.parent();
    }
    conditions
}

/// Whether the author already reviewed this Go line for gosec: `// #nosec` or
/// `//nolint:gosec` on the line, or alone on the line before it.
pub(crate) fn gosec_suppressed(file: &crate::context::FileInfo<'_>, node: Node<'_>) -> bool {
    let (line, _) = file.line_index.position(file.text, node.start_byte() as u32);
    let says = |text: &str| {
        let lower = text.to_ascii_lowercase();
        lower.contains("#nosec") || (lower.contains("nolint") && lower.contains("gosec"))
    };
    let this_line = file.slice(file.line_index.line_span(file.text, line));
    let previous = if line > 1 { file.slice(file.line_index.line_span(file.text, line - 1)) } else { "" };
    let comment_only = previous.trim_start().starts_with("//");
    this_line.split_once("//").is_some_and(|(_, comment)| says(comment)) || (comment_only && says(previous))
}
