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
pub(crate) fn collect_facts(language: Language, node: Node<'_>, kind: &str, source: &str, facts: &mut WalkFacts) {
    match (language, kind) {
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

/// Whether an attribute marks test code: `#[cfg(test)]`, `#[test]`, `#[tokio::test]`,
/// `#[rstest]`… (see `TreeContext::in_rust_test`).
pub(crate) fn is_test_attribute(attribute: &str) -> bool {
    attribute.contains("cfg(test)") || attribute.contains("test]") || attribute.contains("::test")
}

/// A call's arguments (Go `argument_list`, Rust `arguments`), comments and attributes left out.
pub(crate) fn call_arguments(call: Node<'_>) -> Vec<Node<'_>> {
    let Some(arguments) = call.child_by_field_name("arguments") else { return Vec::new() };
    let mut cursor = arguments.walk();
    arguments
        .named_children(&mut cursor)
        .filter(|child| !child.kind().contains("comment") && child.kind() != "attribute_item")
        .collect()
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
    let (line, _) = file.line_index().position(file.text, node.start_byte() as u32);
    let says = |text: &str| {
        let lower = text.to_ascii_lowercase();
        lower.contains("#nosec") || (lower.contains("nolint") && lower.contains("gosec"))
    };
    let this_line = file.slice(file.line_index().line_span(file.text, line));
    let previous = if line > 1 { file.slice(file.line_index().line_span(file.text, line - 1)) } else { "" };
    let comment_only = previous.trim_start().starts_with("//");
    this_line.split_once("//").is_some_and(|(_, comment)| says(comment)) || (comment_only && says(previous))
}

// ---------------------------------------------------------------------------------------------
// Strings put together in Go and Rust (`sql-string-build`, `command-injection`), and the local
// facts they need: enclosing functions, parameters, constants and what a variable is given.

/// Stands for a spliced part in [`SplicedText::text`], as `js::SPLICE_MARK` does.
pub(crate) const TREE_SPLICE_MARK: char = '\u{FFFC}';

/// Local variables followed, one inside another, when a spliced value is one.
const TREE_SPLICE_DEPTH: u8 = 3;

/// A Go or Rust string as the code puts it together: the constant text it is written with and
/// the values spliced into it whose content the code does not fix.
#[derive(Debug, Default)]
pub(crate) struct SplicedText<'t> {
    /// The constant text, with [`TREE_SPLICE_MARK`] standing for each part that is not literal.
    pub(crate) text: String,
    /// Spliced values whose content is not known from the code, in the order they are spliced.
    pub(crate) values: Vec<SplicedValue<'t>>,
    /// Whether the string is put together here (`+`, `fmt.Sprintf`, `format!`, a builder, a
    /// join) rather than written whole or taken as it is from elsewhere.
    pub(crate) built: bool,
}

/// One value spliced into a [`SplicedText`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct SplicedValue<'t> {
    /// The value's node: the whole value, or the first token of a macro argument, or the format
    /// string a Rust value is captured in (`{name}`).
    pub(crate) node: Node<'t>,
    /// The value's source bytes (several tokens of a macro argument, or a captured name).
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Where the value sits in [`SplicedText::text`]: the text before it is `text[..at]`.
    pub(crate) at: usize,
}

impl<'t> SplicedValue<'t> {
    /// The value's source text.
    pub(crate) fn text(&self, source: &'t str) -> &'t str {
        source.get(self.start..self.end).unwrap_or_default()
    }
}

/// How a Go or Rust expression puts a string together (see [`SplicedText`]). Literals,
/// constants (`const` items and specs, Rust `UPPER_CASE` names, Go package members), numbers
/// and numeric verbs (`%d`) contribute no value; local variables are followed through what they
/// are given (`:=`, `=`, `+=`, `let`, `push_str`, `WriteString`, `append`, `write!`), three
/// steps deep.
pub(crate) fn spliced_text<'t>(node: Node<'t>, source: &'t str, language: Language) -> SplicedText<'t> {
    let mut splicer = Splicer::new(source, language);
    match language {
        Language::Go => splicer.go(node, 0),
        _ => splicer.rs(node, 0),
    }
    splicer.out
}

struct Splicer<'t> {
    source: &'t str,
    language: Language,
    out: SplicedText<'t>,
    /// The variables being followed, to stop at a variable built from itself (`sql += …`).
    following: Vec<&'t str>,
    /// Parts still to be looked at: a bound on work and on recursion for huge expressions.
    budget: u32,
}

/// Parts of one string a [`Splicer`] looks at; past them, the rest counts as constant, so that
/// huge generated expressions stay silent.
const SPLICE_BUDGET: u32 = 400;

impl<'t> Splicer<'t> {
    fn new(source: &'t str, language: Language) -> Self {
        Self { source, language, out: SplicedText::default(), following: Vec::new(), budget: SPLICE_BUDGET }
    }

    /// Takes one part from the budget; `false` once it is spent.
    fn spend(&mut self) -> bool {
        self.budget = self.budget.saturating_sub(1);
        self.budget > 0
    }

    fn mark(&mut self) {
        self.out.text.push(TREE_SPLICE_MARK);
    }

    fn value(&mut self, node: Node<'t>) {
        self.value_span(node, node.start_byte(), node.end_byte());
    }

    fn value_span(&mut self, node: Node<'t>, start: usize, end: usize) {
        let at = self.out.text.len();
        self.out.text.push(TREE_SPLICE_MARK);
        self.out.values.push(SplicedValue { node, start, end, at });
    }

    fn literal(&mut self, node: Node<'t>) {
        let (start, end) = literal_content(node, self.source);
        self.out.text.push_str(self.source.get(start..end).unwrap_or_default());
    }

    /// A variable: followed through what it is given, or a value.
    fn variable(&mut self, name: &'t str, at: Node<'t>, start: usize, end: usize, depth: u8) {
        if self.following.contains(&name) {
            self.mark();
            if is_parameter(at, name, self.source) {
                self.value_span(at, start, end);
            }
            return;
        }
        if let Some(constant) = constant_value(at, name, self.source, self.language) {
            match constant.value() {
                Some(value) if is_string_literal(value) => self.literal(value),
                _ => self.mark(),
            }
            return;
        }
        if depth < TREE_SPLICE_DEPTH {
            let given = given_values(at, name, self.source, self.language);
            if !given.is_empty() {
                self.following.push(name);
                for value in given {
                    match value {
                        Given::Value(node) => match self.language {
                            Language::Go => self.go(node, depth + 1),
                            _ => self.rs(node, depth + 1),
                        },
                        Given::Appended(node) => {
                            self.out.built = true;
                            match self.language {
                                Language::Go => self.go(node, depth + 1),
                                _ => self.rs(node, depth + 1),
                            }
                        }
                        Given::Format(format, arguments) => {
                            self.out.built = true;
                            match self.language {
                                Language::Go => self.go_format_groups(format, &arguments, depth + 1),
                                _ => self.rs_format(format, &arguments, at, depth + 1),
                            }
                        }
                        Given::Items(node) => self.items(node, depth + 1),
                        Given::Unknown(node) => self.value(node),
                    }
                }
                self.following.pop();
                return;
            }
        }
        self.value_span(at, start, end);
    }

    // Go ------------------------------------------------------------------------------------

    fn go(&mut self, node: Node<'t>, depth: u8) {
        if !self.spend() {
            return self.mark();
        }
        match node.kind() {
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.go(inner, depth),
                None => self.mark(),
            },
            "interpreted_string_literal" | "raw_string_literal" => self.literal(node),
            "int_literal" | "float_literal" | "imaginary_literal" | "rune_literal" | "true" | "false" | "nil"
            | "iota" => self.mark(),
            "binary_expression" if node.child_by_field_name("operator").is_some_and(|o| o.kind() == "+") => {
                self.out.built = true;
                for field in ["left", "right"] {
                    match node.child_by_field_name(field) {
                        Some(side) => self.go(side, depth),
                        None => self.mark(),
                    }
                }
            }
            "call_expression" => self.go_call(node, depth),
            "identifier" => {
                let name = text(node, self.source);
                self.variable(name, node, node.start_byte(), node.end_byte(), depth);
            }
            // `pkg.Name`: a package's constant or variable, not a value from input.
            "selector_expression"
                if node.child_by_field_name("operand").is_some_and(|operand| {
                    operand.kind() == "identifier" && go_imports_package(node, text(operand, self.source), self.source)
                }) =>
            {
                self.mark();
            }
            _ => self.value(node),
        }
    }

    fn go_call(&mut self, call: Node<'t>, depth: u8) {
        let Some(function) = call.child_by_field_name("function") else { return self.value(call) };
        let arguments = call_arguments(call);
        let callee = text(function, self.source);
        match callee {
            "fmt.Sprintf" => {
                let Some((&format, rest)) = arguments.split_first() else { return self.value(call) };
                let Some(format) = self.go_format_string(format) else { return self.value(call) };
                self.out.built = true;
                self.go_format(format, rest, depth);
            }
            "strings.Join" => {
                let [list, separator] = arguments.as_slice() else { return self.value(call) };
                self.out.built = true;
                self.items(*list, depth);
                self.go(*separator, depth);
            }
            "strings.ToLower" | "strings.ToUpper" | "strings.TrimSpace" | "strings.Trim" | "strings.TrimPrefix"
            | "strings.TrimSuffix" | "string" => match arguments.first() {
                Some(first) => self.go(*first, depth),
                None => self.mark(),
            },
            "strconv.Itoa"
            | "strconv.FormatInt"
            | "strconv.FormatUint"
            | "strconv.FormatFloat"
            | "strconv.FormatBool"
            | "len"
            | "cap" => self.mark(),
            // `sb.String()` of a `strings.Builder` or `bytes.Buffer` written to here.
            _ if function.kind() == "selector_expression"
                && function.child_by_field_name("field").is_some_and(|f| text(f, self.source) == "String")
                && arguments.is_empty() =>
            {
                let Some(builder) = function.child_by_field_name("operand").filter(|o| o.kind() == "identifier") else {
                    return self.value(call);
                };
                let name = text(builder, self.source);
                if depth >= TREE_SPLICE_DEPTH || self.following.contains(&name) {
                    return self.value(call);
                }
                let given = given_values(builder, name, self.source, self.language);
                if given.is_empty() {
                    return self.value(call);
                }
                self.variable(name, builder, call.start_byte(), call.end_byte(), depth);
            }
            _ => self.value(call),
        }
    }

    /// The literal format string of a `Sprintf`, directly or through a constant.
    fn go_format_string(&self, node: Node<'t>) -> Option<Node<'t>> {
        match node.kind() {
            "interpreted_string_literal" | "raw_string_literal" => Some(node),
            "identifier" => constant_value(node, text(node, self.source), self.source, self.language)
                .and_then(Constant::value)
                .filter(|value| is_string_literal(*value)),
            _ => None,
        }
    }

    /// Walks a Go format string, splicing each argument where its verb is. Numeric verbs
    /// (`%d`, `%x`, `%f`, `%t`) splice no value.
    fn go_format(&mut self, format: Node<'t>, arguments: &[Node<'t>], depth: u8) {
        let (start, end) = literal_content(format, self.source);
        let content = self.source.get(start..end).unwrap_or_default();
        let mut next = 0usize;
        let mut chars = content.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                self.out.text.push(c);
                continue;
            }
            let mut verb = None;
            while let Some(&spec) = chars.peek() {
                chars.next();
                match spec {
                    '+' | '-' | '#' | ' ' | '0'..='9' | '.' => {}
                    '*' => next += 1,
                    '[' => {
                        let digits: String = chars.by_ref().take_while(|d| *d != ']').collect();
                        if let Ok(index) = digits.parse::<usize>() {
                            next = index.saturating_sub(1);
                        }
                    }
                    other => {
                        verb = Some(other);
                        break;
                    }
                }
            }
            match verb {
                Some('%') => self.out.text.push('%'),
                Some(verb) => {
                    match arguments.get(next) {
                        Some(argument) if matches!(verb, 's' | 'v' | 'q') => self.go(*argument, depth),
                        _ => self.mark(),
                    }
                    next += 1;
                }
                None => {}
            }
        }
    }

    /// The items of a list being joined: a literal, or a local slice and what is appended to it.
    fn items(&mut self, list: Node<'t>, depth: u8) {
        match list.kind() {
            "composite_literal" => {
                let Some(body) = list.child_by_field_name("body") else { return self.value(list) };
                let mut cursor = body.walk();
                let elements: Vec<Node<'t>> = body.named_children(&mut cursor).collect();
                for element in elements {
                    match element.named_child(0) {
                        Some(item) if element.kind() == "literal_element" => self.go(item, depth),
                        _ => self.value(element),
                    }
                }
            }
            "array_expression" => {
                let mut cursor = list.walk();
                let elements: Vec<Node<'t>> = list.named_children(&mut cursor).collect();
                for element in elements {
                    self.rs(element, depth);
                }
            }
            "macro_invocation" if macro_name(list, self.source) == Some("vec") => {
                let Some(tokens) = macro_tokens(list) else { return self.value(list) };
                for group in token_groups(tokens) {
                    self.rs_group(&group, tokens, depth);
                }
            }
            "identifier" if depth < TREE_SPLICE_DEPTH && !self.following.contains(&text(list, self.source)) => {
                let name = text(list, self.source);
                let given = given_values(list, name, self.source, self.language);
                if given.is_empty() {
                    return self.value(list);
                }
                self.following.push(name);
                for value in given {
                    match value {
                        Given::Items(node) => self.items(node, depth + 1),
                        Given::Appended(node) => self.splice(node, depth + 1),
                        Given::Value(node) if is_empty_list(node, self.source) => {}
                        Given::Value(node) | Given::Unknown(node) => self.value(node),
                        Given::Format(format, _) => self.value(format),
                    }
                }
                self.following.pop();
            }
            _ => self.value(list),
        }
    }

    fn splice(&mut self, node: Node<'t>, depth: u8) {
        match self.language {
            Language::Go => self.go(node, depth),
            _ => self.rs(node, depth),
        }
    }

    // Rust ----------------------------------------------------------------------------------

    fn rs(&mut self, node: Node<'t>, depth: u8) {
        if !self.spend() {
            return self.mark();
        }
        match node.kind() {
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.rs(inner, depth),
                None => self.mark(),
            },
            "reference_expression" => match node.child_by_field_name("value") {
                Some(inner) => self.rs(inner, depth),
                None => self.mark(),
            },
            // `&*format!(..)`
            "unary_expression" if text(node, self.source).starts_with('*') => match node.named_child(0) {
                Some(inner) => self.rs(inner, depth),
                None => self.mark(),
            },
            "string_literal" | "raw_string_literal" => self.literal(node),
            "integer_literal" | "float_literal" | "boolean_literal" | "char_literal" => self.mark(),
            "binary_expression" if node.child_by_field_name("operator").is_some_and(|o| o.kind() == "+") => {
                self.out.built = true;
                for field in ["left", "right"] {
                    match node.child_by_field_name(field) {
                        Some(side) => self.rs(side, depth),
                        None => self.mark(),
                    }
                }
            }
            "macro_invocation" => self.rs_macro(node, depth),
            "call_expression" => self.rs_call(node, depth),
            "identifier" => {
                let name = text(node, self.source);
                self.variable(name, node, node.start_byte(), node.end_byte(), depth);
            }
            // `Self::TABLE`, `queries::USERS`
            "scoped_identifier"
                if node
                    .child_by_field_name("name")
                    .is_some_and(|name| crate::helpers::names::is_constant_name(text(name, self.source))) =>
            {
                self.mark();
            }
            _ => self.value(node),
        }
    }

    fn rs_call(&mut self, call: Node<'t>, depth: u8) {
        let Some(function) = call.child_by_field_name("function") else { return self.value(call) };
        let arguments = call_arguments(call);
        if function.kind() == "field_expression" {
            let method = function.child_by_field_name("field").map(|f| text(f, self.source)).unwrap_or_default();
            let Some(receiver) = function.child_by_field_name("value") else { return self.value(call) };
            match method {
                "as_str" | "as_ref" | "to_string" | "to_owned" | "clone" | "into" | "borrow" | "deref" | "trim"
                | "to_lowercase" | "to_uppercase"
                    if arguments.is_empty() =>
                {
                    return self.rs(receiver, depth);
                }
                "len" | "count" if arguments.is_empty() => return self.mark(),
                "join" if arguments.len() == 1 => {
                    self.out.built = true;
                    self.items(receiver, depth);
                    return self.rs(arguments[0], depth);
                }
                _ => return self.value(call),
            }
        }
        match text(function, self.source) {
            "String::from" | "str::to_string" | "Cow::from" | "Cow::Borrowed" | "Cow::Owned" => match arguments.first()
            {
                Some(first) => self.rs(*first, depth),
                None => self.mark(),
            },
            _ => self.value(call),
        }
    }

    fn rs_macro(&mut self, node: Node<'t>, depth: u8) {
        let Some(tokens) = macro_tokens(node) else { return self.value(node) };
        match macro_name(node, self.source) {
            Some("format" | "format_args") => {
                let groups = token_groups(tokens);
                let Some((format, arguments)) = groups.split_first() else { return self.value(node) };
                let [format] = format.as_slice() else { return self.value(node) };
                if !is_string_literal(*format) {
                    return self.value(node);
                }
                self.out.built = true;
                self.rs_format(*format, arguments, tokens, depth);
            }
            Some("concat") => {
                let mut cursor = tokens.walk();
                let parts: Vec<Node<'t>> = tokens.named_children(&mut cursor).collect();
                for part in parts {
                    if is_string_literal(part) {
                        self.literal(part);
                    } else {
                        self.mark();
                    }
                }
            }
            _ => self.value(node),
        }
    }

    /// Walks a Rust format string, splicing each argument (`{}`, `{0}`, `{name}`, a captured
    /// `{name}`) where it is used.
    fn rs_format(&mut self, format: Node<'t>, arguments: &[Vec<Node<'t>>], scope: Node<'t>, depth: u8) {
        let (start, end) = literal_content(format, self.source);
        let content = self.source.get(start..end).unwrap_or_default();
        let named = |name: &str| {
            arguments.iter().find_map(|group| match group.as_slice() {
                [first, equals, rest @ ..]
                    if first.kind() == "identifier"
                        && text(*first, self.source) == name
                        && text(*equals, self.source) == "="
                        && !rest.is_empty() =>
                {
                    Some(rest.to_vec())
                }
                _ => None,
            })
        };
        let positional: Vec<&Vec<Node<'t>>> = arguments
            .iter()
            .filter(|group| {
                !matches!(group.as_slice(), [first, equals, _, ..]
                    if first.kind() == "identifier" && text(*equals, self.source) == "=")
            })
            .collect();
        let mut next = 0usize;
        let bytes = content.as_bytes();
        let mut index = 0usize;
        while index < bytes.len() {
            let rest = &content[index..];
            if rest.starts_with("{{") || rest.starts_with("}}") {
                self.out.text.push(bytes[index] as char);
                index += 2;
                continue;
            }
            if !rest.starts_with('{') {
                let c = rest.chars().next().unwrap_or_default();
                self.out.text.push(c);
                index += c.len_utf8().max(1);
                continue;
            }
            let Some(close) = rest.find('}') else { break };
            let spec = &rest[1..close];
            let argument = spec.split(':').next().unwrap_or_default().trim();
            if argument.is_empty() {
                match positional.get(next) {
                    Some(group) => self.rs_group(group, scope, depth),
                    None => self.mark(),
                }
                next += 1;
            } else if let Ok(position) = argument.parse::<usize>() {
                match positional.get(position) {
                    Some(group) => self.rs_group(group, scope, depth),
                    None => self.mark(),
                }
            } else if let Some(group) = named(argument) {
                self.rs_group(&group, scope, depth);
            } else {
                // `{name}` captures a variable in scope.
                let name_start = start + index + 1 + (spec.len() - spec.trim_start().len());
                let name_end = name_start + argument.len();
                let name = self.source.get(name_start..name_end).unwrap_or_default();
                self.variable(name, format, name_start, name_end, depth);
            }
            index += close + 1;
        }
    }

    /// One argument of a macro, as tokens: a literal, a variable, a nested `format!`, a constant
    /// path, or a value.
    fn rs_group(&mut self, group: &[Node<'t>], scope: Node<'t>, depth: u8) {
        if !self.spend() {
            return self.mark();
        }
        let mut tokens = group;
        while let [first, rest @ ..] = tokens
            && matches!(text(*first, self.source), "&" | "mut" | "*")
            && !rest.is_empty()
        {
            tokens = rest;
        }
        // `name.as_str()`, `name.to_string()`, `name.clone()`
        while let [head @ .., dot, method, call] = tokens
            && !head.is_empty()
            && text(*dot, self.source) == "."
            && matches!(text(*method, self.source), "as_str" | "to_string" | "clone" | "as_ref" | "to_owned")
            && text(*call, self.source) == "()"
        {
            tokens = head;
        }
        match tokens {
            [] => self.mark(),
            [single] => match single.kind() {
                "string_literal" | "raw_string_literal" => self.literal(*single),
                "integer_literal" | "float_literal" | "boolean_literal" | "char_literal" => self.mark(),
                "identifier" => {
                    let name = text(*single, self.source);
                    // A token inside a macro: look its variable up from the macro.
                    self.variable(name, scope_node(*single, scope), single.start_byte(), single.end_byte(), depth);
                }
                _ => self.value(*single),
            },
            [name, bang, tree] if text(*bang, self.source) == "!" && tree.kind() == "token_tree" => {
                match text(*name, self.source) {
                    "format" => {
                        let groups = token_groups(*tree);
                        match groups.split_first() {
                            Some((format, arguments)) if format.len() == 1 && is_string_literal(format[0]) => {
                                self.out.built = true;
                                self.rs_format(format[0], arguments, scope, depth);
                            }
                            _ => self.value_span(*name, name.start_byte(), tree.end_byte()),
                        }
                    }
                    _ => self.value_span(*name, name.start_byte(), tree.end_byte()),
                }
            }
            [first, .., last] => {
                // `Self::TABLE`, `tables::USERS`: a constant.
                let path = tokens.iter().all(|t| t.kind() == "identifier" || text(*t, self.source) == "::");
                if path && crate::helpers::names::is_constant_name(text(*last, self.source)) {
                    self.mark();
                } else {
                    self.value_span(*first, first.start_byte(), last.end_byte());
                }
            }
        }
    }
}

/// A token inside a macro's token tree has no scope of its own: variables are looked up from
/// the macro invocation.
fn scope_node<'t>(token: Node<'t>, fallback: Node<'t>) -> Node<'t> {
    let mut current = token.parent();
    while let Some(node) = current {
        if node.kind() != "token_tree" {
            return node;
        }
        current = node.parent();
    }
    fallback
}

/// What a variable is given, in source order, before it is used.
#[derive(Debug, Clone)]
enum Given<'t> {
    /// Assigned whole (`x := v`, `let x = v`, `x = v`).
    Value(Node<'t>),
    /// Added to the end (`x += v`, `x.push_str(v)`, `b.WriteString(v)`, `append(x, v)`).
    Appended(Node<'t>),
    /// Written with a format (`fmt.Fprintf(&b, f, args...)`, `write!(x, f, args)`).
    Format(Node<'t>, FormatArguments<'t>),
    /// A list whose items are added (`x := []string{...}`, `let x = vec![...]`).
    Items(Node<'t>),
    /// Given something whose value cannot be told (`x, err := f()`).
    Unknown(Node<'t>),
}

/// The arguments of a format: Go argument nodes, or Rust token groups.
type FormatArguments<'t> = Vec<Vec<Node<'t>>>;

impl<'t> Splicer<'t> {
    fn go_format_groups(&mut self, format: Node<'t>, arguments: &[Vec<Node<'t>>], depth: u8) {
        let nodes: Vec<Node<'t>> = arguments.iter().filter_map(|group| group.first().copied()).collect();
        self.go_format(format, &nodes, depth);
    }
}

/// The functions around `node`, nearest first (Go functions, methods and literals; Rust
/// functions and closures).
pub(crate) fn enclosing_functions(node: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    std::iter::successors(node.parent(), Node::parent).filter(|n| {
        matches!(
            n.kind(),
            "function_declaration" | "method_declaration" | "func_literal" | "function_item" | "closure_expression"
        )
    })
}

/// Whether `name` is a parameter of a function around `node`.
pub(crate) fn is_parameter(node: Node<'_>, name: &str, source: &str) -> bool {
    enclosing_functions(node).any(|function| parameter_type(function, name, source).is_some())
}

/// The type a function around `node` gives its parameter `name`, as written (`""` if none).
pub(crate) fn parameter_type<'s>(function: Node<'_>, name: &str, source: &'s str) -> Option<&'s str> {
    let parameters = function.child_by_field_name("parameters")?;
    let mut cursor = parameters.walk();
    for parameter in parameters.named_children(&mut cursor) {
        match parameter.kind() {
            // Go: `a, b string`
            "parameter_declaration" | "variadic_parameter_declaration" => {
                let mut names = parameter.walk();
                if parameter.children_by_field_name("name", &mut names).any(|n| text(n, source) == name) {
                    return Some(parameter.child_by_field_name("type").map_or("", |t| text(t, source)));
                }
            }
            // Rust: `name: Type`, `mut name: Type`; closures: `|name|`
            "parameter" if parameter.child_by_field_name("pattern").is_some_and(|p| pattern_binds(p, name, source)) => {
                return Some(parameter.child_by_field_name("type").map_or("", |t| text(t, source)));
            }
            "identifier" if text(parameter, source) == name => return Some(""),
            _ => {}
        }
    }
    None
}

/// Whether a Rust pattern is the plain binding `name` (`name`, `mut name`).
fn pattern_binds(pattern: Node<'_>, name: &str, source: &str) -> bool {
    match pattern.kind() {
        "identifier" => text(pattern, source) == name,
        "mut_pattern" => last_named_child(pattern).is_some_and(|p| pattern_binds(p, name, source)),
        _ => false,
    }
}

/// Whether a Go or Rust type is a number or a boolean, which cannot carry text.
pub(crate) fn is_numeric_type(written: &str) -> bool {
    matches!(
        written.trim_start_matches(['&', '*']),
        "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
            | "float32"
            | "float64"
            | "bool"
            | "byte"
            | "rune"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "f32"
            | "f64"
            | "time.Duration"
            | "uuid.UUID"
            | "Uuid"
    )
}

/// A constant a name stands for.
#[derive(Debug, Clone, Copy)]
enum Constant<'t> {
    /// A `const`/`static` item or spec with this value.
    Valued(Node<'t>),
    /// One whose value is not written (`iota` lists, Rust `UPPER_CASE` names declared elsewhere).
    Unvalued,
}

impl<'t> Constant<'t> {
    fn value(self) -> Option<Node<'t>> {
        match self {
            Constant::Valued(value) => Some(value),
            Constant::Unvalued => None,
        }
    }
}

/// The constant `name` stands for, seen from `node`, if it is one. Rust `UPPER_CASE` names
/// count as constants wherever they are declared.
fn constant_value<'t>(node: Node<'t>, name: &str, source: &str, language: Language) -> Option<Constant<'t>> {
    let root = std::iter::successors(Some(node), Node::parent).last()?;
    let mut found = None;
    each_descendant(root, &mut |candidate| {
        if found.is_some() {
            return;
        }
        match candidate.kind() {
            "const_spec" => {
                let mut cursor = candidate.walk();
                let names: Vec<Node<'_>> = candidate.children_by_field_name("name", &mut cursor).collect();
                if let Some(index) = names.iter().position(|n| text(*n, source) == name) {
                    let value = candidate
                        .child_by_field_name("value")
                        .and_then(|list| list.named_child(u32::try_from(index).ok()?));
                    found = Some(value.map_or(Constant::Unvalued, Constant::Valued));
                }
            }
            "const_item" | "static_item"
                if candidate.child_by_field_name("name").is_some_and(|n| text(n, source) == name) =>
            {
                found = Some(candidate.child_by_field_name("value").map_or(Constant::Unvalued, Constant::Valued));
            }
            _ => {}
        }
    });
    if found.is_none() && language == Language::Rust && crate::helpers::names::is_constant_name(name) {
        return Some(Constant::Unvalued);
    }
    found
}

/// Calls `visit` on `node` and every node under it, in source order.
pub(crate) fn each_descendant<'t>(node: Node<'t>, visit: &mut impl FnMut(Node<'t>)) {
    let mut cursor = node.walk();
    loop {
        visit(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// What the variable `name` is given before `at`, in the nearest function around `at` that
/// gives it anything, or at the top of a Go file (`var q = "…"`).
fn given_values<'t>(at: Node<'t>, name: &str, source: &'t str, language: Language) -> Vec<Given<'t>> {
    let before = at.start_byte();
    for function in enclosing_functions(at) {
        let Some(body) = function.child_by_field_name("body") else { continue };
        let mut given = Vec::new();
        each_descendant(body, &mut |node| {
            if node.start_byte() < before {
                given_by(node, name, source, language, &mut given);
            }
        });
        if !given.is_empty() || parameter_type(function, name, source).is_some() {
            return given;
        }
    }
    // Package-level `var` in Go.
    let mut given = Vec::new();
    if language == Language::Go
        && let Some(root) = std::iter::successors(Some(at), Node::parent).last()
    {
        let mut cursor = root.walk();
        for declaration in root.named_children(&mut cursor).filter(|d| d.kind() == "var_declaration") {
            each_descendant(declaration, &mut |node| given_by(node, name, source, language, &mut given));
        }
    }
    given
}

/// What one statement or call gives the variable `name`, if anything.
fn given_by<'t>(node: Node<'t>, name: &str, source: &'t str, language: Language, given: &mut Vec<Given<'t>>) {
    let go_list = |list: Option<Node<'t>>| -> Vec<Node<'t>> {
        list.map(|list| {
            let mut cursor = list.walk();
            list.named_children(&mut cursor).filter(|n| n.kind() != "comment").collect()
        })
        .unwrap_or_default()
    };
    match node.kind() {
        // Go `a, b := x, y`, `a = x`, `a += x`
        "short_var_declaration" | "assignment_statement" => {
            let left = go_list(node.child_by_field_name("left"));
            let right = go_list(node.child_by_field_name("right"));
            let Some(index) = left.iter().position(|n| n.kind() == "identifier" && text(*n, source) == name) else {
                return;
            };
            let operator = node.child_by_field_name("operator").map_or(":=", |o| text(o, source));
            match (right.get(index), left.len() == right.len()) {
                (Some(value), true) if operator == "+=" => given.push(Given::Appended(*value)),
                (Some(value), true) if matches!(operator, "=" | ":=") => given.push(go_given(*value, name, source)),
                (Some(value), true) => given.push(Given::Unknown(*value)),
                _ => given.push(Given::Unknown(right.first().copied().unwrap_or(node))),
            }
        }
        // Go `var a, b = x, y`, `var b strings.Builder`
        "var_spec" => {
            let mut cursor = node.walk();
            let names: Vec<Node<'t>> = node.children_by_field_name("name", &mut cursor).collect();
            let Some(index) = names.iter().position(|n| text(*n, source) == name) else { return };
            let values = go_list(node.child_by_field_name("value"));
            match values.get(index) {
                Some(value) if values.len() == names.len() => given.push(go_given(*value, name, source)),
                Some(_) | None if !values.is_empty() => given.push(Given::Unknown(values[0])),
                _ => {}
            }
        }
        // Go `b.WriteString(x)`, `fmt.Fprintf(&b, f, args...)`; Rust `s.push_str(x)`, `v.push(x)`
        "call_expression" => {
            let Some(function) = node.child_by_field_name("function") else { return };
            let arguments = call_arguments(node);
            let receiver_is = |field: &str| {
                function.kind() == field
                    && function
                        .child_by_field_name(if language == Language::Go { "operand" } else { "value" })
                        .is_some_and(|r| r.kind() == "identifier" && text(r, source) == name)
            };
            let method = function.child_by_field_name("field").map(|f| text(f, source)).unwrap_or_default();
            if language == Language::Go {
                let callee = text(function, source);
                if receiver_is("selector_expression") && matches!(method, "WriteString" | "Write") {
                    if let Some(first) = arguments.first() {
                        given.push(Given::Appended(*first));
                    }
                } else if receiver_is("selector_expression") && matches!(method, "WriteByte" | "WriteRune") {
                    given.push(Given::Appended(node));
                } else if matches!(callee, "fmt.Fprintf" | "fmt.Fprint" | "fmt.Fprintln")
                    && arguments.first().is_some_and(|w| {
                        let written = text(*w, source);
                        written == name || written.strip_prefix('&') == Some(name)
                    })
                {
                    match (callee, arguments.get(1)) {
                        ("fmt.Fprintf", Some(format)) if is_string_literal(*format) => {
                            given.push(Given::Format(*format, arguments[2..].iter().map(|a| vec![*a]).collect()));
                        }
                        (_, Some(first)) => given.push(Given::Appended(*first)),
                        _ => {}
                    }
                }
            } else if receiver_is("field_expression")
                && matches!(method, "push_str" | "push")
                && let Some(first) = arguments.first()
            {
                given.push(Given::Appended(*first));
            }
        }
        // Rust `let x = v;`
        "let_declaration" if node.child_by_field_name("pattern").is_some_and(|p| pattern_binds(p, name, source)) => {
            match node.child_by_field_name("value") {
                Some(value) if is_list_value(value, source) => given.push(Given::Items(value)),
                Some(value) => given.push(Given::Value(value)),
                None => {}
            }
        }
        // Rust `x = v`, `x += v`
        "assignment_expression" | "compound_assignment_expr" => {
            let left = node.child_by_field_name("left");
            if left.is_some_and(|l| l.kind() == "identifier" && text(l, source) == name)
                && let Some(value) = node.child_by_field_name("right")
            {
                let operator = node.child_by_field_name("operator").map_or("=", |o| text(o, source));
                given.push(match operator {
                    "=" => Given::Value(value),
                    "+=" => Given::Appended(value),
                    _ => Given::Unknown(value),
                });
            }
        }
        // Rust `write!(x, "…", args)`, `writeln!(&mut x, …)`
        "macro_invocation" if matches!(macro_name(node, source), Some("write" | "writeln")) => {
            let Some(tokens) = macro_tokens(node) else { return };
            let groups = token_groups(tokens);
            let target_is = groups.first().is_some_and(|target| {
                target.last().is_some_and(|last| last.kind() == "identifier" && text(*last, source) == name)
                    && target.iter().rev().skip(1).all(|t| matches!(text(*t, source), "&" | "mut"))
            });
            if !target_is {
                return;
            }
            match groups.get(1).map(Vec::as_slice) {
                Some([format]) if is_string_literal(*format) => {
                    given.push(Given::Format(*format, groups[2..].to_vec()));
                }
                Some(_) => given.push(Given::Unknown(node)),
                None => {}
            }
        }
        _ => {}
    }
}

/// What a Go assignment gives: a list, an `append` to the variable itself, or a value.
fn go_given<'t>(value: Node<'t>, name: &str, source: &str) -> Given<'t> {
    if value.kind() == "composite_literal" {
        return Given::Items(value);
    }
    if value.kind() == "call_expression"
        && value.child_by_field_name("function").is_some_and(|f| text(f, source) == "append")
    {
        let arguments = call_arguments(value);
        if arguments.first().is_some_and(|first| text(*first, source) == name) && arguments.len() == 2 {
            return Given::Appended(arguments[1]);
        }
        return Given::Unknown(value);
    }
    Given::Value(value)
}

/// A Rust list literal (`vec![…]`, `[…]`) or an empty one (`Vec::new()`).
fn is_list_value(value: Node<'_>, source: &str) -> bool {
    value.kind() == "array_expression"
        || (value.kind() == "macro_invocation" && macro_name(value, source) == Some("vec"))
        || is_empty_list(value, source)
}

/// `Vec::new()`, `Vec::with_capacity(n)`, `make([]string, 0)`, `nil`, `[]string{}`.
fn is_empty_list(value: Node<'_>, source: &str) -> bool {
    let written = text(value, source);
    written.starts_with("Vec::new(")
        || written.starts_with("Vec::with_capacity(")
        || written.starts_with("make(")
        || written == "nil"
        || (written.ends_with("{}") && written.starts_with("[]"))
}

/// Whether a node is a Go or Rust string literal.
pub(crate) fn is_string_literal(node: Node<'_>) -> bool {
    matches!(node.kind(), "interpreted_string_literal" | "raw_string_literal" | "string_literal")
}

/// The byte range of a string literal's contents, inside its quotes (`"…"`, `` `…` ``,
/// `r#"…"#`, `b"…"`).
pub(crate) fn literal_content(node: Node<'_>, source: &str) -> (usize, usize) {
    let written = text(node, source);
    let start = node.start_byte();
    let open = written.find(['"', '`']).map_or(0, |i| i + 1);
    let close = written.rfind(['"', '`']).filter(|close| *close >= open).unwrap_or(written.len());
    (start + open, start + close)
}

/// The last segment of a Rust macro's name (`format` for `std::format!`).
pub(crate) fn macro_name<'s>(node: Node<'_>, source: &'s str) -> Option<&'s str> {
    let name = node.child_by_field_name("macro")?;
    let written = text(name, source);
    Some(written.rsplit("::").next().unwrap_or(written))
}

/// A Rust macro invocation's token tree.
pub(crate) fn macro_tokens(node: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).find(|child| child.kind() == "token_tree")
}

/// The last named child of a node (a wrapper's operand: `&x`, `x?`, `mut x`, a block's tail).
pub(crate) fn last_named_child(node: Node<'_>) -> Option<Node<'_>> {
    node.named_child(u32::try_from(node.named_child_count().checked_sub(1)?).ok()?)
}

/// The comma-separated groups of tokens in a token tree, without its delimiters.
pub(crate) fn token_groups(tree: Node<'_>) -> Vec<Vec<Node<'_>>> {
    let mut groups = vec![Vec::new()];
    let count = tree.child_count() as usize;
    let mut cursor = tree.walk();
    for (index, token) in tree.children(&mut cursor).enumerate() {
        if index == 0 || index + 1 == count || matches!(token.kind(), "line_comment" | "block_comment") {
            continue;
        }
        if token.kind() == "," {
            groups.push(Vec::new());
        } else if let Some(group) = groups.last_mut() {
            group.push(token);
        }
    }
    groups.retain(|group| !group.is_empty());
    groups
}

/// Whether `name` is a package the Go file imports (by its name or last path segment).
pub(crate) fn go_imports_package(node: Node<'_>, name: &str, source: &str) -> bool {
    let Some(root) = std::iter::successors(Some(node), Node::parent).last() else { return false };
    let mut found = false;
    each_descendant(root, &mut |spec| {
        if found || spec.kind() != "import_spec" {
            return;
        }
        let Some(path) = spec.child_by_field_name("path") else { return };
        let imported = if let Some(alias) = spec.child_by_field_name("name") {
            text(alias, source)
        } else {
            let path = unquote(text(path, source));
            let mut segments = path.rsplit('/');
            let last = segments.next().unwrap_or(path);
            // `github.com/x/y/v2` is package `y`.
            if last.len() > 1 && last.starts_with('v') && last[1..].chars().all(|c| c.is_ascii_digit()) {
                segments.next().unwrap_or(last)
            } else {
                last
            }
        };
        found = imported == name;
    });
    found
}

/// Fields and methods of Go's `*http.Request` that hold what the client sent.
const GO_REQUEST_FIELDS: &[&str] = &[
    "URL",
    "Form",
    "PostForm",
    "MultipartForm",
    "Header",
    "Body",
    "RequestURI",
    "FormValue",
    "PostFormValue",
    "PathValue",
    "FormFile",
    "Cookie",
];

/// Methods of web framework contexts (gin, echo, fiber) that read what the client sent.
const GO_CONTEXT_READS: &[&str] = &[
    "Param",
    "Params",
    "ParamValues",
    "Query",
    "QueryParam",
    "QueryParams",
    "QueryArray",
    "GetQuery",
    "DefaultQuery",
    "PostForm",
    "PostFormArray",
    "GetPostForm",
    "DefaultPostForm",
    "FormValue",
    "FormParams",
    "FormFile",
    "GetHeader",
    "Cookie",
    "Body",
    "BodyParser",
];

/// Whether a Go expression reads request input: a field of an `*http.Request` parameter
/// (`r.URL.Query().Get("q")`, `r.FormValue("name")`), a read of a gin, echo or fiber context
/// parameter (`c.Param("id")`, `c.QueryParam("q")`), or a router's path variables
/// (`mux.Vars(r)`, `chi.URLParam(r, "id")`).
pub(crate) fn go_reads_request(node: Node<'_>, source: &str) -> bool {
    let mut found = false;
    each_descendant(node, &mut |part| {
        if found {
            return;
        }
        match part.kind() {
            "call_expression" => {
                let callee = part.child_by_field_name("function").map(|f| text(f, source)).unwrap_or_default();
                found = matches!(callee, "mux.Vars" | "chi.URLParam" | "chi.URLParamFromCtx");
            }
            "selector_expression" => {
                let (Some(operand), Some(field)) =
                    (part.child_by_field_name("operand"), part.child_by_field_name("field"))
                else {
                    return;
                };
                let field = text(field, source);
                let request = |operand: Node<'_>| {
                    operand.kind() == "identifier" && go_parameter_type(operand, source).is_some_and(is_go_request_type)
                };
                found = (request(operand) && GO_REQUEST_FIELDS.contains(&field))
                    || (operand.kind() == "identifier"
                        && go_parameter_type(operand, source).is_some_and(is_go_context_type)
                        && GO_CONTEXT_READS.contains(&field))
                    // gin's `c.Request.URL`, echo's `c.Request().URL`
                    || (GO_REQUEST_FIELDS.contains(&field) && is_context_request(operand, source));
            }
            _ => {}
        }
    });
    found
}

/// gin's `c.Request` and echo's `c.Request()` of a handler context `c`.
fn is_context_request(node: Node<'_>, source: &str) -> bool {
    let selector = if node.kind() == "call_expression" { node.child_by_field_name("function") } else { Some(node) };
    selector
        .filter(|s| {
            s.kind() == "selector_expression"
                && s.child_by_field_name("field").is_some_and(|f| text(f, source) == "Request")
        })
        .and_then(|s| s.child_by_field_name("operand"))
        .filter(|o| o.kind() == "identifier")
        .and_then(|o| go_parameter_type(o, source))
        .is_some_and(is_go_context_type)
}

/// The type of the Go function parameter an identifier names, from the functions around it.
pub(crate) fn go_parameter_type<'s>(identifier: Node<'_>, source: &'s str) -> Option<&'s str> {
    let name = text(identifier, source);
    enclosing_functions(identifier).find_map(|function| {
        parameter_type(function, name, source).or_else(|| {
            // A method's receiver.
            let receiver = function.child_by_field_name("receiver")?;
            let mut cursor = receiver.walk();
            let declaration = receiver.named_children(&mut cursor).find(|p| {
                let mut names = p.walk();
                p.children_by_field_name("name", &mut names).any(|n| text(n, source) == name)
            })?;
            declaration.child_by_field_name("type").map(|t| text(t, source))
        })
    })
}

/// `*http.Request`.
pub(crate) fn is_go_request_type(written: &str) -> bool {
    written.trim_start_matches('*') == "http.Request"
}

/// A gin, echo, fiber or similar handler context (`*gin.Context`, `echo.Context`, `*fiber.Ctx`).
pub(crate) fn is_go_context_type(written: &str) -> bool {
    let bare = written.trim_start_matches('*');
    matches!(bare, "gin.Context" | "echo.Context" | "fiber.Ctx" | "iris.Context" | "buffalo.Context")
        || (bare.ends_with(".Context") && !bare.starts_with("context."))
}

/// How one argument of a Rust macro, given as its tokens (`&format!("…", x)` in `vec![…]`),
/// puts a string together (see [`spliced_text`]).
pub(crate) fn spliced_tokens<'t>(group: &[Node<'t>], source: &'t str) -> SplicedText<'t> {
    let mut splicer = Splicer::new(source, Language::Rust);
    if let Some(first) = group.first() {
        splicer.rs_group(group, *first, 0);
    }
    splicer.out
}

/// What the local variable `name` is given before `at`, in the nearest function that gives it
/// anything: the values assigned (`x := v`, `x = v`, `let x = v`), added (`x += v`,
/// `append(x, v)`), or the call it is one result of (`x, err := f()`).
pub(crate) fn assigned_values<'t>(at: Node<'t>, name: &str, source: &'t str, language: Language) -> Vec<Node<'t>> {
    given_values(at, name, source, language)
        .into_iter()
        .map(|given| match given {
            Given::Value(node) | Given::Appended(node) | Given::Items(node) | Given::Unknown(node) => node,
            Given::Format(format, _) => format,
        })
        .collect()
}

/// Records whether a Rust or Go node declares a test case (`func TestX`, `#[test]`) or is
/// logic (a function or method with a non-empty body), for the project model.
pub(crate) fn note_tests_and_logic(
    language: Language,
    node: Node<'_>,
    kind: &str,
    source: &str,
    facts: &mut WalkFacts,
) {
    let non_empty_body = || node.child_by_field_name("body").is_some_and(|body| body.named_child_count() > 0);
    match (language, kind) {
        (Language::Go, "function_declaration") => {
            let name = node.child_by_field_name("name").map_or("", |name| text(name, source));
            if ["Test", "Benchmark", "Fuzz", "Example"].iter().any(|prefix| name.starts_with(prefix)) {
                facts.test_cases = true;
            }
            facts.has_logic = facts.has_logic || non_empty_body();
        }
        (Language::Go, "method_declaration") | (Language::Rust, "function_item") => {
            facts.has_logic = facts.has_logic || non_empty_body();
        }
        (Language::Rust, "attribute_item") => {
            // `#[test]`, `#[tokio::test(flavor = "multi_thread")]`, `#[rstest]`
            let attribute = text(node, source).trim_start_matches("#[");
            let path = attribute.split(['(', ']']).next().unwrap_or_default().trim();
            if path == "test" || path == "rstest" || path.ends_with("::test") {
                facts.test_cases = true;
            }
        }
        _ => {}
    }
}
