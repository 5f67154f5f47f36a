use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{CallExpression, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind, Stmt};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{Gate, JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::{js, py};
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
    ///   without a `timeout`.
    ///
    /// Calls that set a timeout or an abort signal, `axios` instances built with one, files
    /// that set `axios.defaults.timeout`, options the check cannot read (variables built
    /// elsewhere, spreads, `**kwargs`) and relative `fetch('/api/...')` calls from the browser
    /// stay silent.
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
    /// ## Known limitations
    /// Go (`http.Get`, `http.Client{}` without `Timeout`) and Rust (`reqwest` clients built
    /// without `.timeout`) are not covered yet. Browser code is not covered. A timeout added by
    /// a wrapper (`fetchWithTimeout`), a custom `HTTPAdapter` or an interceptor is trusted only
    /// when it is visible in the same file.
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
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const NEEDLES: &'static [&'static str] = &["requests", "urlopen", "httpx", "fetch", "axios"];

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
        ];
        Tester::new::<HttpCallNoTimeout>(pass, fail).test_and_snapshot();
    }
}
