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

/// A call's first argument, when it is a string literal path (`"/health"`, or a Go 1.22
/// ServeMux pattern with a method, `"GET /health"`).
fn first_argument_path<'s>(call: Node<'_>, source: &'s str) -> Option<&'s str> {
    let arguments = call.child_by_field_name("arguments")?;
    let mut cursor = arguments.walk();
    let first = arguments.named_children(&mut cursor).next()?;
    let path = unquote(text(first, source));
    let path = path
        .split_once(' ')
        .filter(|(method, _)| !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase()))
        .map_or(path, |(_, rest)| rest.trim_start());
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

/// A call's arguments (Go `argument_list`, Rust `arguments`), comments left out.
pub(crate) fn call_arguments(call: Node<'_>) -> Vec<Node<'_>> {
    let Some(arguments) = call.child_by_field_name("arguments") else { return Vec::new() };
    let mut cursor = arguments.walk();
    arguments.named_children(&mut cursor).filter(|child| !child.kind().contains("comment")).collect()
}

/// The method a call invokes and what it is invoked on: `("Set", w.Header())` for
/// `w.Header().Set(…)` (Go `selector_expression`, Rust `field_expression`).
pub(crate) fn method_call<'t, 's>(call: Node<'t>, source: &'s str) -> Option<(&'s str, Node<'t>)> {
    let function = call.child_by_field_name("function")?;
    match function.kind() {
        "selector_expression" => {
            Some((text(function.child_by_field_name("field")?, source), function.child_by_field_name("operand")?))
        }
        "field_expression" => {
            Some((text(function.child_by_field_name("field")?, source), function.child_by_field_name("value")?))
        }
        _ => None,
    }
}

/// The contents of a string literal (Go `"…"`/`` `…` ``, Rust `"…"`/`r#"…"#`), if `node` is one.
pub(crate) fn string_value<'s>(node: Node<'_>, source: &'s str) -> Option<&'s str> {
    let literal = text(node, source);
    match node.kind() {
        "interpreted_string_literal" | "raw_string_literal" | "string_literal" => {
            let literal = literal.strip_prefix('r').unwrap_or(literal).trim_matches('#');
            literal.strip_prefix(['"', '`'])?.strip_suffix(['"', '`'])
        }
        _ => None,
    }
}

/// The nearest function around a node: a Go function, method or function literal, or a Rust
/// function or closure.
pub(crate) fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    let mut current = node.parent();
    while let Some(ancestor) = current {
        if matches!(
            ancestor.kind(),
            "function_declaration" | "method_declaration" | "func_literal" | "function_item" | "closure_expression"
        ) {
            return Some(ancestor);
        }
        current = ancestor.parent();
    }
    None
}

/// The value of field `key` in a Go composite literal (`cors.Options{AllowedOrigins: …}`).
pub(crate) fn go_keyed_value<'t>(literal: Node<'t>, key: &str, source: &str) -> Option<Node<'t>> {
    let body = if literal.kind() == "composite_literal" { literal.child_by_field_name("body")? } else { literal };
    let mut cursor = body.walk();
    let found = body
        .named_children(&mut cursor)
        .filter(|element| element.kind() == "keyed_element")
        .find(|element| element.child_by_field_name("key").is_some_and(|k| text(k, source).trim() == key))?;
    let value = found.child_by_field_name("value")?;
    // `literal_element` wraps the expression.
    if value.kind() == "literal_element" { value.named_child(0) } else { Some(value) }
}

/// The name a Go file gives the package it imports from a path `matches` accepts: the alias if
/// there is one, else the last path element that is not a major version (`v4`).
pub(crate) fn go_import_name(root: Node<'_>, source: &str, matches: impl Fn(&str) -> bool) -> Option<String> {
    let mut cursor = root.walk();
    // Imports come right after the package clause.
    let header = root
        .named_children(&mut cursor)
        .take_while(|child| matches!(child.kind(), "package_clause" | "import_declaration" | "comment"));
    for declaration in header.filter(|child| child.kind() == "import_declaration") {
        let mut specs = Vec::new();
        let mut inner = declaration.walk();
        for child in declaration.named_children(&mut inner) {
            match child.kind() {
                "import_spec" => specs.push(child),
                "import_spec_list" => {
                    let mut list = child.walk();
                    specs.extend(child.named_children(&mut list).filter(|spec| spec.kind() == "import_spec"));
                }
                _ => {}
            }
        }
        for spec in specs {
            let Some(path) = spec.child_by_field_name("path").and_then(|p| string_value(p, source)) else { continue };
            if !matches(path) {
                continue;
            }
            if let Some(alias) = spec.child_by_field_name("name") {
                return Some(text(alias, source).to_string());
            }
            let mut elements = path.rsplit('/');
            let last = elements.next().unwrap_or(path);
            let is_version =
                last.strip_prefix('v').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            let name = if is_version { elements.next().unwrap_or(last) } else { last };
            return Some(name.to_string());
        }
    }
    None
}

/// The `if`s a node sits in, nearest first: each condition, and whether the node is in the branch
/// taken when it holds (`true`) or in the `else` branch (`false`). Go `if_statement`, Rust
/// `if_expression` (whose `let` conditions are not environment tests and are skipped).
pub(crate) fn if_branches(node: Node<'_>) -> Vec<(Node<'_>, bool)> {
    let mut branches = Vec::new();
    let mut child = node;
    let mut current = node.parent();
    while let Some(ancestor) = current {
        if matches!(ancestor.kind(), "if_statement" | "if_expression")
            && let Some(condition) = ancestor.child_by_field_name("condition")
            && condition.kind() != "let_condition"
        {
            let holds =
                |field: &str| ancestor.child_by_field_name(field).is_some_and(|branch| branch.id() == child.id());
            if holds("consequence") {
                branches.push((condition, true));
            } else if holds("alternative") {
                branches.push((condition, false));
            }
        }
        child = ancestor;
        current = ancestor.parent();
    }
    branches
}

/// The nodes inside `scope` that end at or before byte `before`, in source order.
pub(crate) fn nodes_before(scope: Node<'_>, before: usize) -> Vec<Node<'_>> {
    let mut found = Vec::new();
    let mut stack = vec![scope];
    while let Some(node) = stack.pop() {
        if node.start_byte() >= before {
            continue;
        }
        if node.end_byte() <= before && node.id() != scope.id() {
            found.push(node);
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    found
}

/// What a local variable holds: the value of its only declaration in the enclosing function
/// (Go `name := …` or `var name = …`, Rust `let name = …`), if nothing assigns it again.
pub(crate) fn local_value<'t>(identifier: Node<'t>, source: &str) -> Option<Node<'t>> {
    let name = text(identifier, source);
    let scope = enclosing_function(identifier)?;
    let mut value = None;
    let mut stack = vec![scope];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "short_var_declaration"
            | "assignment_statement"
            | "let_declaration"
            | "assignment_expression"
            | "var_spec"
            | "let_condition" => {
                let (targets, values) = match node.kind() {
                    "let_declaration" | "let_condition" => {
                        (node.child_by_field_name("pattern"), node.child_by_field_name("value"))
                    }
                    "var_spec" => (node.child_by_field_name("name"), node.child_by_field_name("value")),
                    _ => (node.child_by_field_name("left"), node.child_by_field_name("right")),
                };
                let Some(targets) = targets else { continue };
                // `Some(origin)`, `Ok(origin)` in Rust: the value is unwrapped, which is the same text.
                let written = text(targets, source).trim();
                let written = ["Some(", "Ok("]
                    .iter()
                    .find_map(|wrapper| written.strip_prefix(wrapper).and_then(|inner| inner.strip_suffix(')')))
                    .unwrap_or(written);
                let assigns = written.split(',').any(|target| {
                    let target = target.trim();
                    target == name || target.strip_prefix("mut ").is_some_and(|t| t.trim() == name)
                });
                if assigns {
                    let declares = matches!(
                        node.kind(),
                        "short_var_declaration" | "let_declaration" | "var_spec" | "let_condition"
                    );
                    let single = !written.contains(',');
                    if value.is_some() || !declares || !single {
                        return None;
                    }
                    let values = values?;
                    value = Some(if values.kind() == "expression_list" { values.named_child(0)? } else { values });
                }
            }
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    value
}

/// The name a Go file uses for the package it imports from `path` (`rand` for `"math/rand"`,
/// `mrand` for `mrand "math/rand"`, `rand` for `"math/rand/v2"`); `None` if the file does not
/// import it or imports it blank or with a dot.
pub(crate) fn go_package_name<'s>(root: Node<'_>, source: &'s str, path: &str) -> Option<&'s str> {
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
