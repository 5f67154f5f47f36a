use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{CallExpression, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind, Stmt};
use shipready_lang::ruff::text_size::Ranged;

use shipready_lang::tree::{Node, text};

use crate::context::{Gate, JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::{js, py, tree};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds outbound HTTP calls that can wait forever:
    /// - Python: `requests.get/post/put/patch/delete/head/options/request(...)` and calls on a
    ///   `requests.Session()` without `timeout=`, `urllib.request.urlopen(url)` without a
    ///   timeout, and `timeout=None` on `requests` or `httpx` (which otherwise defaults to 5s);
    /// - JS/TS, in server code (a web-server module or one it imports): `fetch(url)` and
    ///   `fetch(url, options)` without a `signal`; `axios(...)`, `axios.get(...)` and friends
    ///   without a `timeout` (or `signal`) in their config; `axios.create(...)` instances built
    ///   without a `timeout`;
    /// - Go: `http.Get`/`Post`/`PostForm`/`Head` and `http.DefaultClient.Do(...)` (the default
    ///   client has no timeout), and `http.Client{...}` literals without `Timeout` that the same
    ///   file then sends requests with (`client.Do`, `client.Get`, …);
    /// - Rust: `reqwest::get(...)`, `reqwest::Client::new()` and `Client::builder()...build()`
    ///   without `.timeout(...)`/`.connect_timeout(...)`, `ureq::get(...)` (and the other verbs)
    ///   and `ureq` agents built without a timeout.
    ///
    /// Calls that set a timeout or an abort signal, `axios` instances built with one, files
    /// that set `axios.defaults.timeout`, options the check cannot read (variables built
    /// elsewhere, spreads, `**kwargs`) and relative `fetch('/api/...')` calls from the browser
    /// stay silent. In Go, requests bound to a context the code gives a deadline
    /// (`context.WithTimeout`) or receives from its caller (`http.NewRequestWithContext(ctx, …)`),
    /// clients that are returned or passed on rather than used, and files that set
    /// `http.DefaultClient.Timeout` stay silent; in Rust, `reqwest::blocking` (which defaults to 30
    /// seconds), per-request `.timeout(...)` in the same file, and tests.
    ///
    /// ## Why is this bad?
    /// `requests`, `fetch` and `axios` wait indefinitely by default. One slow or stalled
    /// upstream then holds a worker, a connection and memory per request until the whole service
    /// stops answering: the outage spreads from the dependency to you.
    ///
    /// ## Example
    /// ```python
    /// resp = requests.post(RELAY_URL, json=payload)
    /// ```
    /// ```ts
    /// const res = await fetch(`${NEON_URL}/sql`, { method: "POST", body });
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// resp = requests.post(RELAY_URL, json=payload, timeout=(3.05, 10))
    /// ```
    /// ```ts
    /// const res = await fetch(`${NEON_URL}/sql`, { method: "POST", body, signal: AbortSignal.timeout(10_000) });
    /// ```
    ///
    /// ```go
    /// client := &http.Client{Timeout: 10 * time.Second}
    /// ```
    /// ```rust,ignore
    /// let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build()?;
    /// ```
    ///
    /// ## Known limitations
    /// Browser code is not covered. A timeout added by a wrapper (`fetchWithTimeout`), a custom
    /// `HTTPAdapter`, an interceptor, or a Go client configured in another file is trusted only
    /// when it is visible in the same file. A Go context received from the caller is assumed to
    /// carry a deadline.
    pub(crate) struct HttpCallNoTimeout {
        id: "http-call-no-timeout",
        area: Reliability,
        severity: High,
        since: "0.1.0",
        title: "Outbound HTTP call without a timeout",
        rationale: "An HTTP call without a timeout waits forever on a stalled upstream and ties up the worker making it.",
        fix: "Pass a timeout (`timeout=`, `signal: AbortSignal.timeout(ms)`, axios `timeout`) on every outbound call or client.",
    }
}

/// `requests` functions (and `Session` methods) that send a request.
const PY_METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "options", "request"];
/// axios methods whose config is the second argument (`axios.get(url, config)`).
const AXIOS_URL_CONFIG: &[&str] = &["get", "delete", "head", "options"];
/// axios methods whose config is the third argument (`axios.post(url, data, config)`).
const AXIOS_DATA_CONFIG: &[&str] = &["post", "put", "patch", "postForm", "putForm", "patchForm"];

impl Rule for HttpCallNoTimeout {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go, Language::Rust];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const GO_KINDS: &'static [&'static str] = &["call_expression", "composite_literal", "selector_expression"];
    const RUST_KINDS: &'static [&'static str] = &["call_expression"];
    const NEEDLES: &'static [&'static str] =
        &["requests", "urlopen", "httpx", "fetch", "axios", "net/http", "reqwest", "ureq"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        if let Some(message) = js_fetch(call, ctx).or_else(|| js_axios(call, ctx)) {
            ctx.report_gated(call.span, Gate::ServerReachable, message);
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        if let Some(message) = py_call(call, ctx) {
            ctx.report(call.range(), message);
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let message = match ctx.file.language {
            Language::Go => go_check(node, ctx),
            Language::Rust if !ctx.in_rust_test(node) => rust_check(node, ctx),
            _ => None,
        };
        if let Some(message) = message {
            ctx.report(node, message);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Go

/// Methods of `http.Client` that send a request.
const GO_CLIENT_METHODS: &[&str] = &["Do", "Get", "Post", "PostForm", "Head"];

fn go_check(node: Node<'_>, ctx: &TreeContext<'_, '_>) -> Option<String> {
    let source = ctx.file.text;
    // A cheap look at the node before the import lookup: most nodes are not HTTP clients.
    let candidate = match node.kind() {
        "call_expression" => node
            .child_by_field_name("function")
            .and_then(|function| function.child_by_field_name("field"))
            .is_some_and(|field| GO_CLIENT_METHODS.contains(&text(field, source))),
        "selector_expression" => {
            node.child_by_field_name("field").is_some_and(|field| text(field, source) == "DefaultClient")
        }
        "composite_literal" => node.child_by_field_name("type").is_some_and(|t| text(t, source).ends_with(".Client")),
        _ => false,
    };
    if !candidate {
        return None;
    }
    let http = tree::go_package_name(ctx.root, source, "net/http")?;
    // `http.DefaultClient.Timeout = …` (or a replaced default client) bounds every call.
    let default_bounded = source.contains("DefaultClient.Timeout") || source.contains("DefaultClient = ");
    match node.kind() {
        "call_expression" => {
            let function = node.child_by_field_name("function")?;
            if function.kind() != "selector_expression" {
                return None;
            }
            let method = text(function.child_by_field_name("field")?, source);
            let operand = function.child_by_field_name("operand")?;
            let operand_text = text(operand, source);
            if operand_text == http && matches!(method, "Get" | "Post" | "PostForm" | "Head") && !default_bounded {
                return Some(format!(
                    "`{http}.{method}` uses `http.DefaultClient`, which has no timeout, and waits forever on a stalled upstream"
                ));
            }
            let default_client = format!("{http}.DefaultClient");
            if operand_text == default_client
                && GO_CLIENT_METHODS.contains(&method)
                && !default_bounded
                && !go_request_bounded(node, source)
            {
                return Some(format!(
                    "`{default_client}.{method}` has no timeout and waits forever on a stalled upstream; use a client with `Timeout` or a context deadline"
                ));
            }
            None
        }
        // `client := http.DefaultClient`, then `client.Post(…)`.
        "selector_expression" => {
            if text(node, source) != format!("{http}.DefaultClient") || default_bounded {
                return None;
            }
            let (name, scope) = go_binding(node, source)?;
            go_client_used_unbounded(name, scope, source).then(|| {
                format!("`{http}.DefaultClient` has no timeout, so `{name}` waits forever on a stalled upstream")
            })
        }
        "composite_literal" => {
            let client_type = node.child_by_field_name("type")?;
            if text(client_type, source) != format!("{http}.Client") {
                return None;
            }
            let body = node.child_by_field_name("body")?;
            let mut cursor = body.walk();
            let has_timeout = body.named_children(&mut cursor).any(|element| {
                element.kind() == "keyed_element"
                    && element.child_by_field_name("key").is_some_and(|key| text(key, source) == "Timeout")
            });
            if has_timeout {
                return None;
            }
            let (name, scope) = go_binding(node, source)?;
            go_client_used_unbounded(name, scope, source).then(|| {
                format!(
                    "`{http}.Client` literal has no `Timeout`, so requests through `{name}` wait forever on a stalled upstream"
                )
            })
        }
        _ => None,
    }
}

/// The name a Go value is bound to (`client := …`, `s.client = …`, `client: …` in a struct
/// literal, `var client = …`) and where that name is visible: the enclosing function for a
/// local variable, the file for fields and package variables. `None` when the value is returned
/// or passed on, where the check cannot follow it.
fn go_binding<'t, 's>(node: Node<'t>, source: &'s str) -> Option<(&'s str, Node<'t>)> {
    let mut value = node;
    let mut parent = node.parent()?;
    while matches!(parent.kind(), "unary_expression" | "parenthesized_expression") {
        value = parent;
        parent = parent.parent()?;
    }
    let file = || {
        let mut root = node;
        while let Some(up) = root.parent() {
            root = up;
        }
        root
    };
    match parent.kind() {
        "expression_list" => {
            let statement = parent.parent()?;
            let mut cursor = parent.walk();
            let index = parent.named_children(&mut cursor).position(|child| child == value)?;
            let targets: Vec<Node<'t>> = match statement.kind() {
                "short_var_declaration" | "assignment_statement"
                    if statement.child_by_field_name("right") == Some(parent) =>
                {
                    let left = statement.child_by_field_name("left")?;
                    let mut cursor = left.walk();
                    left.named_children(&mut cursor).collect()
                }
                "var_spec" => {
                    let mut cursor = statement.walk();
                    statement.children_by_field_name("name", &mut cursor).collect()
                }
                _ => return None,
            };
            let target = targets.get(index).or_else(|| targets.first()).copied()?;
            match target.kind() {
                "identifier" => {
                    let local = statement.kind() != "assignment_statement";
                    let scope = if local { tree::enclosing_function(node).unwrap_or_else(file) } else { file() };
                    Some((text(target, source), scope))
                }
                "selector_expression" => Some((text(target.child_by_field_name("field")?, source), file())),
                _ => None,
            }
        }
        "literal_element" => {
            let keyed = parent.parent()?;
            if keyed.kind() != "keyed_element" || keyed.child_by_field_name("value") != Some(parent) {
                return None;
            }
            let key = keyed.child_by_field_name("key")?;
            Some((text(key, source), file()))
        }
        _ => None,
    }
}

/// Whether a client bound to `name` sends a request in `scope` that no deadline bounds, and the
/// code does not set `name.Timeout` afterwards.
fn go_client_used_unbounded(name: &str, scope: Node<'_>, source: &str) -> bool {
    if text(scope, source).contains(&format!("{name}.Timeout")) {
        return false;
    }
    for call in tree::descendants_of_kind(scope, "call_expression") {
        let Some(function) = call.child_by_field_name("function").filter(|f| f.kind() == "selector_expression") else {
            continue;
        };
        let method = function.child_by_field_name("field").map(|field| text(field, source));
        let Some(operand) = function.child_by_field_name("operand") else { continue };
        let receiver = match operand.kind() {
            "identifier" => Some(text(operand, source)),
            "selector_expression" => operand.child_by_field_name("field").map(|field| text(field, source)),
            _ => None,
        };
        if receiver != Some(name) || !method.is_some_and(|method| GO_CLIENT_METHODS.contains(&method)) {
            continue;
        }
        if !go_request_bounded(call, source) {
            return true;
        }
    }
    false
}

/// Whether the function sending a request gives it a deadline (`context.WithTimeout`) or a
/// context from its caller (`http.NewRequestWithContext(ctx, …)`, `req.WithContext(ctx)`,
/// `req.Cancel = ctx.Done()`), which the caller may bound.
fn go_request_bounded(call: Node<'_>, source: &str) -> bool {
    let Some(function) = tree::enclosing_function(call) else { return false };
    let body = text(function, source);
    if body.contains("WithTimeout(") || body.contains("WithDeadline(") || body.contains(".Cancel = ") {
        return true;
    }
    tree::descendants_of_kind(function, "call_expression").into_iter().any(|inner| {
        let callee = inner.child_by_field_name("function").map_or("", |f| text(f, source));
        let context_argument = match callee.rsplit('.').next() {
            Some("NewRequestWithContext" | "WithContext" | "Clone") => inner
                .child_by_field_name("arguments")
                .and_then(|arguments| arguments.named_child(0))
                .map(|argument| text(argument, source)),
            _ => None,
        };
        context_argument.is_some_and(|argument| !matches!(argument, "context.Background()" | "context.TODO()"))
    })
}

// ---------------------------------------------------------------------------------------------
// Rust

fn rust_check(node: Node<'_>, ctx: &TreeContext<'_, '_>) -> Option<String> {
    let source = ctx.file.text;
    if node.kind() != "call_expression" {
        return None;
    }
    let function = node.child_by_field_name("function")?;
    if function.kind() != "scoped_identifier" {
        return None;
    }
    let path: String = text(function, source).split_whitespace().collect();
    let reqwest_client = |path: &str| {
        path.starts_with("reqwest::") && !path.contains("blocking")
            || (!path.contains("::") || matches!(path.split("::").next(), Some("Client" | "ClientBuilder")))
                && imports_async_reqwest_client(ctx.root, source)
    };
    let methods = chain_methods(node, source);
    let chain_timeout = methods.iter().any(|method| method.contains("timeout") && *method != "with_timeout");
    match path.as_str() {
        "reqwest::get" => {
            Some("`reqwest::get` builds a client without a timeout and waits forever on a stalled upstream".to_string())
        }
        "reqwest::Client::new" | "reqwest::Client::default" | "Client::new" | "Client::default"
            if reqwest_client(&path) && !per_request_timeout(ctx.root, source) =>
        {
            Some(format!(
                "`{path}()` has no timeout, so its requests wait forever on a stalled upstream; build it with `.timeout(…)`"
            ))
        }
        "reqwest::Client::builder" | "reqwest::ClientBuilder::new" | "Client::builder" | "ClientBuilder::new"
            if reqwest_client(&path) && !chain_timeout =>
        {
            // A builder kept in a variable may get its timeout in a later statement.
            let later = !methods.contains(&"build")
                && tree::enclosing_function(node).is_some_and(|function| calls_timeout(function, source));
            (!later && !per_request_timeout(ctx.root, source)).then(|| {
                format!(
                    "`{path}()` builds a client without `.timeout(…)`, so its requests wait forever on a stalled upstream"
                )
            })
        }
        "ureq::get" | "ureq::post" | "ureq::put" | "ureq::delete" | "ureq::head" | "ureq::patch" | "ureq::request"
            if !chain_timeout =>
        {
            Some(format!("`{path}(…)` has no timeout and waits forever on a stalled upstream"))
        }
        "ureq::agent" | "ureq::Agent::new_with_defaults" if !calls_timeout(ctx.root, source) => Some(format!(
            "`{path}()` builds an agent without a timeout, so its requests wait forever on a stalled upstream"
        )),
        "ureq::AgentBuilder::new" | "ureq::Agent::config_builder" if !chain_timeout => Some(format!(
            "`{path}()` builds an agent without a timeout, so its requests wait forever on a stalled upstream"
        )),
        _ => None,
    }
}

/// Whether the file imports reqwest's async `Client` or `ClientBuilder` (`use reqwest::Client`,
/// `use reqwest::{self, Client}`), not the blocking one, which has a 30-second default.
fn imports_async_reqwest_client(root: Node<'_>, source: &str) -> bool {
    let mut cursor = root.walk();
    root.named_children(&mut cursor).filter(|item| item.kind() == "use_declaration").any(|item| {
        let used = text(item, source);
        used.starts_with("use reqwest::")
            && !used.contains("blocking")
            && used
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|word| matches!(word, "Client" | "ClientBuilder"))
    })
}

/// The methods called on a value in its builder chain, in order (`timeout`, `build` in
/// `Client::builder().timeout(d).build()`).
fn chain_methods<'s>(call: Node<'_>, source: &'s str) -> Vec<&'s str> {
    let mut methods = Vec::new();
    let mut current = call;
    while let Some(parent) = current.parent() {
        match parent.kind() {
            "try_expression" | "await_expression" | "parenthesized_expression" => current = parent,
            "field_expression" if parent.child_by_field_name("value") == Some(current) => {
                let Some(outer) = parent.parent().filter(|outer| outer.kind() == "call_expression") else { break };
                if let Some(field) = parent.child_by_field_name("field") {
                    methods.push(text(field, source));
                }
                current = outer;
            }
            _ => break,
        }
    }
    methods
}

/// Whether `scope` calls a method that sets a timeout: `.timeout(…)`, `.connect_timeout(…)`,
/// `.timeout_read(…)` (not a future's `.with_timeout(…)`).
fn calls_timeout(scope: Node<'_>, source: &str) -> bool {
    tree::descendants_of_kind(scope, "field_expression").into_iter().any(|field| {
        field.child_by_field_name("field").is_some_and(|name| {
            let name = text(name, source);
            name.contains("timeout") && name != "with_timeout"
        }) && field.parent().is_some_and(|parent| parent.kind() == "call_expression")
    })
}

/// Whether the file sets a timeout on its requests (`client.post(url).timeout(d)`), which
/// bounds them whatever the client.
fn per_request_timeout(root: Node<'_>, source: &str) -> bool {
    tree::descendants_of_kind(root, "field_expression").into_iter().any(|field| {
        field.child_by_field_name("field").is_some_and(|name| text(name, source) == "timeout")
            && field.parent().is_some_and(|parent| parent.kind() == "call_expression")
    })
}

// ---------------------------------------------------------------------------------------------
// Python

fn py_call(call: &py_ast::ExprCall, ctx: &PyContext<'_, '_>) -> Option<String> {
    let callee = py::dotted_name(&call.func)?;
    let body = &ctx.module.body;
    let (receiver, method) = callee.rsplit_once('.').unwrap_or(("", callee.as_str()));
    let unpacks = call.arguments.keywords.iter().any(|keyword| keyword.arg.is_none());
    let timeout = py::keyword(call, "timeout");
    if timeout.is_some_and(Expr::is_none_literal_expr)
        && matches!(receiver, "requests" | "httpx")
        && py::module_imports(body, receiver)
    {
        return Some(format!("`{callee}(timeout=None)` waits forever on a stalled upstream"));
    }
    if timeout.is_some() || unpacks {
        return None;
    }
    if receiver == "requests" && PY_METHODS.contains(&method) && py::module_imports(body, "requests") {
        return Some(format!("`{callee}()` has no `timeout` and waits forever on a stalled upstream"));
    }
    let urlopen = callee == "urllib.request.urlopen"
        || (callee == "urlopen" && py::imports_name_from(body, "urllib.request", "urlopen"));
    if urlopen && call.arguments.args.len() < 3 {
        return Some(format!("`{callee}()` has no `timeout` and waits forever on a stalled upstream"));
    }
    if PY_METHODS.contains(&method)
        && !receiver.is_empty()
        && py::module_imports(body, "requests")
        && is_requests_session(receiver, body, ctx)
    {
        return Some(format!(
            "`{callee}()` on a `requests.Session` has no `timeout` and waits forever on a stalled upstream"
        ));
    }
    None
}

/// Whether `receiver` (`s`, `session`, `self.session`) is assigned a `requests.Session()` in
/// the module, and the module does not give sessions a default timeout through a subclass.
fn is_requests_session(receiver: &str, body: &[Stmt], ctx: &PyContext<'_, '_>) -> bool {
    let text = ctx.file.text;
    if !text.contains("Session(") && !text.contains("session(") {
        return false;
    }
    let mut search = SessionSearch { receiver, found: false, custom: false };
    search.visit(body);
    search.found && !search.custom
}

/// Looks through a module's statements for `receiver = requests.Session()` and for `Session` or
/// `HTTPAdapter` subclasses (which usually add a default timeout).
struct SessionSearch<'r> {
    receiver: &'r str,
    found: bool,
    custom: bool,
}

impl SessionSearch<'_> {
    fn is_session_call(expr: &Expr) -> bool {
        matches!(expr, Expr::Call(call) if matches!(
            py::dotted_name(&call.func).as_deref(),
            Some("requests.Session" | "requests.session" | "requests.sessions.Session")
        ))
    }

    fn is_receiver(&self, target: &Expr) -> bool {
        py::dotted_name(target).as_deref() == Some(self.receiver)
    }

    fn visit(&mut self, body: &[Stmt]) {
        for stmt in body {
            match stmt {
                Stmt::Assign(assign) => {
                    self.found |= Self::is_session_call(&assign.value)
                        && assign.targets.iter().any(|target| self.is_receiver(target));
                }
                Stmt::AnnAssign(assign) => {
                    self.found |=
                        assign.value.as_deref().is_some_and(Self::is_session_call) && self.is_receiver(&assign.target);
                }
                Stmt::With(with) => {
                    for item in &with.items {
                        self.found |= Self::is_session_call(&item.context_expr)
                            && item.optional_vars.as_deref().is_some_and(|target| self.is_receiver(target));
                    }
                    self.visit(&with.body);
                }
                Stmt::FunctionDef(function) => self.visit(&function.body),
                Stmt::ClassDef(class) => {
                    self.custom |= class
                        .bases()
                        .iter()
                        .any(|base| matches!(py::callee_last_name(base), Some("Session" | "HTTPAdapter")));
                    self.visit(&class.body);
                }
                Stmt::If(branch) => {
                    self.visit(&branch.body);
                    for clause in &branch.elif_else_clauses {
                        self.visit(&clause.body);
                    }
                }
                Stmt::Try(try_stmt) => {
                    self.visit(&try_stmt.body);
                    self.visit(&try_stmt.finalbody);
                }
                Stmt::For(for_stmt) => self.visit(&for_stmt.body),
                Stmt::While(while_stmt) => self.visit(&while_stmt.body),
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

/// `fetch(url)` or `fetch(url, options)` without a `signal`.
fn js_fetch<'a>(call: &CallExpression<'a>, ctx: &JsContext<'a, '_>) -> Option<String> {
    let Expression::Identifier(callee) = js::inner(&call.callee) else { return None };
    if callee.name != "fetch" {
        return None;
    }
    let global = ctx.semantic.is_reference_to_global_variable(callee);
    if !global && !matches!(js::import_source(ctx.semantic, callee), Some("node-fetch" | "cross-fetch")) {
        return None;
    }
    // `fetch('/api/...')` is a browser calling its own origin.
    let url = js::arg(call, 0)?;
    if js::static_string(url).is_some_and(|url| url.starts_with('/')) || relative_template(url) {
        return None;
    }
    match call.arguments.get(1) {
        None => Some("`fetch()` has no `signal` and waits forever on a stalled upstream".to_string()),
        Some(options) => {
            let options = js::resolve_object(ctx.semantic, options.as_expression()?)?;
            let bounded = js::has_spread(options)
                || ["signal", "timeout"].iter().any(|name| js::object_property(options, name).is_some());
            (!bounded)
                .then(|| "`fetch()` options have no `signal`, so it waits forever on a stalled upstream".to_string())
        }
    }
}

/// A template literal that starts with `/`: `fetch(`/api/${id}`)`.
fn relative_template(expr: &Expression<'_>) -> bool {
    matches!(js::inner(expr), Expression::TemplateLiteral(template)
        if template.quasis.first().is_some_and(|quasi| quasi.value.raw.starts_with('/')))
}

/// `axios(...)`, `axios.get(...)`, `axios.create(...)` without a timeout.
fn js_axios<'a>(call: &CallExpression<'a>, ctx: &JsContext<'a, '_>) -> Option<String> {
    let (root, method) = match js::inner(&call.callee) {
        Expression::Identifier(ident) => (ident, None),
        Expression::StaticMemberExpression(member) => match js::inner(&member.object) {
            Expression::Identifier(ident) => (ident, Some(member.property.name.as_str())),
            _ => return None,
        },
        _ => return None,
    };
    if js::import_source(ctx.semantic, root) != Some("axios") {
        return None;
    }
    let text = ctx.file.text;
    let name = root.name.as_str();
    if text.contains("defaults.timeout") {
        return None;
    }
    let config_index = match method {
        None | Some("request") => {
            // `axios(config)` or `axios(url, config)`
            usize::from(
                js::arg(call, 0).and_then(js::static_string).is_some()
                    || matches!(js::arg(call, 0).map(js::inner), Some(Expression::TemplateLiteral(_))),
            )
        }
        Some(method) if AXIOS_URL_CONFIG.contains(&method) => 1,
        Some(method) if AXIOS_DATA_CONFIG.contains(&method) => 2,
        Some("create") => 0,
        Some(_) => return None,
    };
    let shown = method.map_or_else(|| name.to_string(), |method| format!("{name}.{method}"));
    let bounded = match call.arguments.get(config_index) {
        None => false,
        Some(config) => {
            let config = js::resolve_object(ctx.semantic, config.as_expression()?)?;
            js::has_spread(config)
                || ["timeout", "signal", "cancelToken"].iter().any(|key| js::object_property(config, key).is_some())
        }
    };
    if bounded {
        return None;
    }
    if method == Some("create") {
        // An interceptor or a later `instance.defaults.timeout = …` may set one.
        let outside = text.replacen(ctx.text_of(call), "", 1);
        if outside.contains("timeout") {
            return None;
        }
        return Some(format!(
            "`{shown}()` builds a client without a `timeout`, so its requests wait forever on a stalled upstream"
        ));
    }
    Some(format!("`{shown}()` has no `timeout` and waits forever on a stalled upstream"))
}

#[cfg(test)]
mod tests {
    use super::HttpCallNoTimeout;
    use crate::tester::{Case, Tester};

    const GO: &str = "package client\nimport (\n\t\"context\"\n\t\"net/http\"\n\t\"time\"\n)\n";
    const SERVER: &str = "import express from 'express';\nconst app = express();\napp.get('/x', handler);\n";

    #[test]
    fn test() {
        let pass = [
            Case::from(("app/relay.py", "import requests\nresp = requests.post(URL, json=payload, timeout=10)\n")),
            Case::from(("app/relay.py", "import requests\nresp = requests.get(URL, **kwargs)\n")),
            Case::from(("app/relay.py", "import httpx\nresp = httpx.get(URL)\n")),
            Case::from(("app/relay.py", "import httpx\nclient = httpx.Client(base_url=URL)\n")),
            Case::from((
                "app/relay.py",
                "import requests\nsession = requests.Session()\nsession.get(URL, timeout=5)\n",
            )),
            Case::from((
                "app/relay.py",
                "import requests\nfrom requests.adapters import HTTPAdapter\nclass TimeoutAdapter(HTTPAdapter):\n    pass\nsession = requests.Session()\nsession.get(URL)\n",
            )),
            Case::from(("app/relay.py", "import urllib.request\nurllib.request.urlopen(URL, timeout=5)\n")),
            Case::from(("app/relay.py", "cache.get(key)\n")),
            Case::from(("tests/test_relay.py", "import requests\nrequests.get(URL)\n")),
            // Not server code.
            Case::from(("src/lib/client.ts", "export const load = () => fetch(url);")),
            Case::project([
                ("src/server.ts", format!("{SERVER}import {{ q }} from './db';")),
                ("src/db.ts", "export const q = (sql) => fetch(NEON_URL, { method: 'POST', body: sql, signal: AbortSignal.timeout(10000) });".to_string()),
            ]),
            Case::from(("src/server.ts", format!("{SERVER}const r = await fetch('/api/items');"))),
            Case::from(("src/server.ts", format!("{SERVER}const r = await fetch(url, options);"))),
            Case::from(("src/server.ts", format!("{SERVER}import axios from 'axios';\nawait axios.get(url, {{ timeout: 5000 }});"))),
            Case::from((
                "src/server.ts",
                format!("{SERVER}import axios from 'axios';\naxios.defaults.timeout = 5000;\nawait axios.get(url);"),
            )),
            Case::from((
                "src/server.ts",
                format!("{SERVER}import axios from 'axios';\nconst api = axios.create({{ baseURL, timeout: 10000 }});\nawait api.get('/x');"),
            )),
            Case::from(("src/server.ts", format!("{SERVER}import axios from 'axios';\nawait axios.post(url, body, config);"))),
            // Go: clients with a timeout, requests with a deadline or a caller's context.
            Case::from(("internal/hook/send.go", format!("{GO}var client = &http.Client{{Timeout: 10 * time.Second}}\nfunc send(u string) {{ client.Get(u) }}\n"))),
            Case::from(("internal/hook/send.go", format!("{GO}func send(u string) {{\n\tc := &http.Client{{}}\n\tc.Timeout = 5 * time.Second\n\tc.Get(u)\n}}\n"))),
            Case::from((
                "internal/hook/send.go",
                format!("{GO}func send(u string) error {{\n\tctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)\n\tdefer cancel()\n\treq, _ := http.NewRequestWithContext(ctx, \"GET\", u, nil)\n\t_, err := http.DefaultClient.Do(req)\n\treturn err\n}}\n"),
            )),
            Case::from((
                "internal/hook/send.go",
                format!("{GO}func send(ctx context.Context, u string) error {{\n\treq, _ := http.NewRequestWithContext(ctx, \"GET\", u, nil)\n\t_, err := http.DefaultClient.Do(req)\n\treturn err\n}}\n"),
            )),
            // A client that is returned or passed on, not used here.
            Case::from(("internal/hook/client.go", format!("{GO}func New(t http.RoundTripper) *http.Client {{\n\treturn &http.Client{{Transport: t}}\n}}\n"))),
            Case::from(("internal/hook/client.go", format!("{GO}func init() {{ http.DefaultClient.Timeout = 10 * time.Second }}\nfunc get(u string) {{ http.Get(u) }}\n"))),
            // Another package called `http`, and Go tests.
            Case::from(("internal/hook/send.go", "package hook\nimport \"example.com/x/http\"\nfunc f(u string) { http.Get(u) }\n")),
            Case::from(("internal/hook/send_test.go", format!("{GO}func f(u string) {{ http.Get(u) }}\n"))),
            // Rust: timeouts on the builder or the request, the blocking client, tests.
            Case::from(("src/hook.rs", "fn client() -> reqwest::Client {\n    reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap()\n}\n")),
            Case::from(("src/hook.rs", "fn client() -> reqwest::Client {\n    reqwest::Client::builder().connect_timeout(Duration::from_secs(3)).build().unwrap()\n}\n")),
            Case::from((
                "src/hook.rs",
                "async fn send(url: &str) {\n    let client = reqwest::Client::new();\n    let _ = client.post(url).timeout(Duration::from_secs(5)).send().await;\n}\n",
            )),
            Case::from((
                "src/hook.rs",
                "fn client(slow: bool) -> reqwest::Client {\n    let mut b = reqwest::Client::builder().user_agent(UA);\n    b = b.timeout(Duration::from_secs(if slow { 60 } else { 10 }));\n    b.build().unwrap()\n}\n",
            )),
            Case::from(("src/hook.rs", "use reqwest::blocking::Client;\nfn f() { let c = Client::new(); }\n")),
            Case::from(("src/hook.rs", "fn f() { let body = reqwest::blocking::get(URL).unwrap().text(); }\n")),
            Case::from(("src/hook.rs", "use awc::Client;\nfn f() { let c = Client::default(); }\n")),
            Case::from(("src/hook.rs", "fn f() { let r = ureq::get(URL).timeout(Duration::from_secs(5)).call(); }\n")),
            Case::from(("src/hook.rs", "#[cfg(test)]\nmod tests {\n    #[tokio::test]\n    async fn t() { reqwest::get(URL).await.unwrap(); }\n}\n")),
        ];
        let fail = [
            Case::from(("app/relay.py", "import requests\nresp = requests.post(URL, json=payload)\n")),
            Case::from(("app/relay.py", "import requests\nresp = requests.request('GET', URL, headers=h)\n")),
            Case::from(("app/relay.py", "import requests\nresp = requests.get(URL, timeout=None)\n")),
            Case::from(("app/relay.py", "import httpx\nclient = httpx.AsyncClient(timeout=None)\n")),
            Case::from((
                "app/relay.py",
                "import requests\n\nclass Relay:\n    def __init__(self):\n        self.session = requests.Session()\n\n    def send(self, body):\n        return self.session.post(URL, json=body)\n",
            )),
            Case::from(("app/relay.py", "import requests\nwith requests.Session() as s:\n    s.get(URL)\n")),
            Case::from(("app/fetch.py", "from urllib.request import urlopen\ndata = urlopen(URL).read()\n")),
            Case::from(("src/server.ts", format!("{SERVER}const r = await fetch(url);"))),
            Case::project([
                ("src/server.ts", format!("{SERVER}import {{ q }} from './db';")),
                (
                    "src/db.ts",
                    "export const q = (sql) => fetch(`${NEON_URL}/sql`, { method: 'POST', body: sql });".to_string(),
                ),
            ]),
            Case::from(("src/server.ts", format!("{SERVER}import axios from 'axios';\nawait axios.get(url);"))),
            Case::from((
                "src/server.ts",
                format!("{SERVER}import axios from 'axios';\nawait axios.post(url, body, {{ headers }});"),
            )),
            Case::from((
                "src/server.js",
                format!("{SERVER}const axios = require('axios');\nawait axios({{ url, method: 'post' }});"),
            )),
            Case::from((
                "src/server.ts",
                format!(
                    "{SERVER}import axios from 'axios';\nconst api = axios.create({{ baseURL }});\nawait api.get('/x');"
                ),
            )),
            // Go.
            Case::from((
                "internal/upnp/igd.go",
                format!("{GO}func f(u string) error {{\n\tresp, err := http.Get(u)\n\t_ = resp\n\treturn err\n}}\n"),
            )),
            Case::from((
                "internal/hook/send.go",
                format!("{GO}func f(u string, b io.Reader) {{ http.Post(u, \"application/json\", b) }}\n"),
            )),
            Case::from((
                "internal/hook/send.go",
                format!(
                    "{GO}func f(u string) error {{\n\treq, _ := http.NewRequest(\"GET\", u, nil)\n\t_, err := http.DefaultClient.Do(req)\n\treturn err\n}}\n"
                ),
            )),
            Case::from((
                "internal/hook/send.go",
                format!(
                    "{GO}func f(u string) error {{\n\treq, _ := http.NewRequestWithContext(context.Background(), \"GET\", u, nil)\n\t_, err := http.DefaultClient.Do(req)\n\treturn err\n}}\n"
                ),
            )),
            Case::from((
                "internal/hook/send.go",
                format!(
                    "{GO}func f(u string, t http.RoundTripper) {{\n\tclient := &http.Client{{Transport: t}}\n\tclient.Get(u)\n}}\n"
                ),
            )),
            Case::from((
                "internal/hook/service.go",
                format!(
                    "{GO}type Service struct {{ client *http.Client }}\nfunc New() *Service {{ return &Service{{client: &http.Client{{}}}} }}\nfunc (s *Service) Send(req *http.Request) {{ s.client.Do(req) }}\n"
                ),
            )),
            Case::from((
                "cmd/relay/pool.go",
                format!(
                    "{GO}func join(u string, b io.Reader) {{\n\tclient := http.DefaultClient\n\tclient.Post(u, \"application/json\", b)\n}}\n"
                ),
            )),
            // Rust.
            Case::from(("src/hook.rs", "async fn f() { let body = reqwest::get(URL).await?.text().await?; }\n")),
            Case::from((
                "src/hook.rs",
                "async fn f() { let client = reqwest::Client::new(); client.post(URL).send().await; }\n",
            )),
            Case::from(("src/hook.rs", "use reqwest::{self, Client};\nfn f() -> Client { Client::new() }\n")),
            Case::from((
                "src/hook.rs",
                "fn client() -> reqwest::Client {\n    reqwest::Client::builder().user_agent(UA).build().unwrap()\n}\n",
            )),
            Case::from((
                "src/lib.rs",
                "fn build_client(local: bool) -> Result<Client, Error> {\n    let builder = reqwest::Client::builder().user_agent(UA);\n    let builder = if local { builder } else { builder.dns_resolver(r) };\n    builder.build()\n}\n",
            )),
            Case::from(("src/hook.rs", "fn f() { let r = ureq::get(URL).call(); }\n")),
            Case::from(("src/hook.rs", "fn f() { let agent = ureq::AgentBuilder::new().user_agent(UA).build(); }\n")),
        ];
        Tester::new::<HttpCallNoTimeout>(pass, fail).test_and_snapshot();
    }
}
