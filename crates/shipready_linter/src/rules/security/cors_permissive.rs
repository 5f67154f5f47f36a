use shipready_diagnostics::Span;
use shipready_lang::oxc::ast::ast::{
    BinaryOperator, CallExpression, Expression, FormalParameters, LogicalOperator, MemberExpression,
    ObjectPropertyKind, Statement,
};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal};
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind, Stmt};
use shipready_lang::ruff::text_size::{Ranged, TextRange, TextSize};
use shipready_lang::tree::{Node, text};
use shipready_lang::{FileRole, Language};

use super::{development_only, excerpt};
use crate::context::{FileInfo, IntoSpan, JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::{js, py, tree};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds CORS policies that let any website call the API from a visitor's browser:
    /// - a wildcard origin: `cors({ origin: '*' })`, `cors()` (the `cors` package defaults to
    ///   `*`), `Access-Control-Allow-Origin: *`, FastAPI's `allow_origins=["*"]`, Flask-CORS's
    ///   `CORS(app)`, Django's `CORS_ALLOW_ALL_ORIGINS = True`;
    /// - the request's own `Origin` sent back unchecked: `origin: true`, an origin callback that
    ///   accepts everything, `res.setHeader('Access-Control-Allow-Origin', req.headers.origin)`;
    /// - origin regexes that accept any `localhost` port or any subdomain of a hosting provider
    ///   (`https://.*\.vercel\.app`, `https://.*\.lovable\.app`), where anyone can deploy a site;
    /// - a wildcard used as the fallback of a configured value (`process.env.ORIGIN || '*'`);
    /// - in Go: `w.Header().Set("Access-Control-Allow-Origin", "*")` (also gin's `c.Header`,
    ///   echo's `HeaderAccessControlAllowOrigin`) or the request's `Origin` header set there;
    ///   rs/cors and go-chi/cors `cors.Default()`, `cors.AllowAll()`, `cors.Options{}` with a `*`,
    ///   an `AllowOriginFunc` that returns `true` or no origins at all (the library then allows
    ///   every origin); gin-contrib/cors `cors.Default()` and `AllowAllOrigins: true`; echo's
    ///   `middleware.CORS()` and `CORSConfig`; Fiber's `cors.New()`; gorilla's `handlers.CORS()`
    ///   and `handlers.AllowedOrigins([]string{"*"})`; origin patterns such as
    ///   `https://*.vercel.app` or `http://localhost:*`;
    /// - in Rust: tower-http `CorsLayer::permissive()`, `CorsLayer::very_permissive()`,
    ///   `.allow_origin(Any)`, `.allow_origin(AllowOrigin::mirror_request())`; actix-cors
    ///   `Cors::permissive()`, `.allow_any_origin()` (also warp), `.allowed_origin_fn(|_, _| true)`;
    ///   `Access-Control-Allow-Origin: *` or the request's `Origin` inserted into response headers.
    ///
    /// The message says when credentials are allowed too, which makes the policy worse: any site
    /// can then make requests with the visitor's cookies and read the answers.
    ///
    /// ## Why is this bad?
    /// The browser's same-origin policy is what stops a page on another site from reading your
    /// API's responses with the visitor's session. A permissive CORS policy switches it off, so
    /// a malicious page, or any app deployed on the same hosting provider, can read user data.
    ///
    /// ## Example
    /// ```ts
    /// app.use(cors({ origin: true, credentials: true }));
    /// ```
    /// ```python
    /// app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
    /// ```
    /// ```go
    /// handler := cors.New(cors.Options{AllowedOrigins: []string{"*"}, AllowCredentials: true}).Handler(mux)
    /// ```
    /// ```rs
    /// let app = Router::new().layer(CorsLayer::very_permissive());
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// app.use(cors({ origin: process.env.ALLOWED_ORIGINS.split(','), credentials: true }));
    /// ```
    /// ```python
    /// app.add_middleware(CORSMiddleware, allow_origins=settings.ALLOWED_ORIGINS, allow_credentials=True)
    /// ```
    /// ```go
    /// handler := cors.New(cors.Options{AllowedOrigins: cfg.AllowedOrigins, AllowCredentials: true}).Handler(mux)
    /// ```
    /// ```rs
    /// let cors = CorsLayer::new().allow_origin(AllowOrigin::list(config.allowed_origins)).allow_credentials(true);
    /// ```
    ///
    /// ## Known limitations
    /// Origins built in another module or read from configuration are trusted. A reflected origin
    /// is accepted when the function compares it with something first (an allow-list lookup, a
    /// regex test, an equality check). Flask-CORS's `CORS(app)` is not reported when the file sets
    /// `CORS_ORIGINS`/`CORS_RESOURCES` or loads the app config from elsewhere. Dev-server
    /// configuration (`vite.config.*`, `webpack.config.*`…) is not checked. In Go, CORS options are
    /// recognised by the library's import path, so a library's own defaults (written without the
    /// package name) are not reported; an options value stored in a variable is only checked for
    /// what it says, not for the defaults of what it leaves out. Rust code under
    /// `#[cfg(debug_assertions)]` or `if cfg!(debug_assertions)` counts as development-only.
    ///
    /// A wildcard without credentials is not reported where no cookie-authenticated answer is
    /// served, since the browser then sends no cookies and other sites read only what anyone can
    /// fetch: in handlers of static files, images, fonts and public probes (named so, like
    /// `handleImageSizes`, `class CORSStaticFiles(StaticFiles)`, `getStatus`, or mounted on such a
    /// path, `app.use('/assets', cors(), …)`), in a branch taken only for preflights
    /// (`if r.Method == "OPTIONS"`) or after an API-key check (`if validAPIKey(…)`, a middleware
    /// list with `contentApiKey` before `cors()`), and on an Express router whose routes in the
    /// same function are all `GET`. A reflected origin, and any wildcard with credentials, is
    /// reported there too.
    pub(crate) struct CorsPermissive {
        id: "cors-permissive",
        area: Security,
        severity: High,
        since: "0.1.0",
        title: "CORS policy that admits any origin",
        rationale: "A permissive CORS policy lets any website read the API's responses from a visitor's browser.",
        fix: "List the allowed origins explicitly, read them from configuration, and never reflect the request's Origin unchecked.",
    }
}

impl Rule for CorsPermissive {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go, Language::Rust];
    const ROLES: &'static [FileRole] = &[FileRole::Source, FileRole::Config];
    const GO_KINDS: &'static [&'static str] = &["call_expression", "composite_literal", "assignment_statement"];
    const RUST_KINDS: &'static [&'static str] = &["call_expression"];
    const JS_KINDS: &'static [AstType] =
        &[AstType::CallExpression, AstType::ObjectExpression, AstType::ArrayExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall, NodeKind::StmtAssign, NodeKind::ExprDict];
    // Every form names an origin (`origin`, `allow_origins`, `Access-Control-Allow-Origin`,
    // `CORS_ORIGIN_ALLOW_ALL`) or the CORS library (`cors()`, `enableCors()`, `CORS(app)`).
    const NEEDLES: &'static [&'static str] = &["rigin", "RIGIN", "cors", "Cors", "CORS"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        if is_dev_tool_config(ctx.file) {
            return;
        }
        let mut found = Vec::new();
        let out = &mut found;
        match node.kind() {
            AstKind::CallExpression(call) => js_call(call, node, ctx, out),
            AstKind::ObjectExpression(object) if !is_js_request_options(node, ctx) => {
                for property in &object.properties {
                    if let ObjectPropertyKind::ObjectProperty(property) = property
                        && js::property_key_name(&property.key).is_some_and(|name| is_allow_origin(&name))
                    {
                        js_header_value(&property.value, node, ctx, out);
                    }
                }
                // Next.js `headers()`: `{ key: 'Access-Control-Allow-Origin', value: '*' }`
                if js::object_property(object, "key").and_then(js::static_string).is_some_and(|k| is_allow_origin(&k))
                    && let Some(value) = js::object_property(object, "value")
                {
                    js_header_value(value, node, ctx, out);
                }
            }
            // `new Headers([['Access-Control-Allow-Origin', '*']])`
            AstKind::ArrayExpression(array) if array.elements.len() == 2 => {
                let name = array.elements[0].as_expression().and_then(js::static_string);
                if name.is_some_and(|name| is_allow_origin(&name))
                    && let Some(value) = array.elements[1].as_expression()
                {
                    js_header_value(value, node, ctx, out);
                }
            }
            _ => {}
        }
        if !found.is_empty() && !js_in_development_branch(node, ctx) && !js_in_configured_wildcard_branch(node, ctx) {
            for (span, message) in found {
                ctx.report(span, message);
            }
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Self::check_tree_node(node, ctx);
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let mut found = Vec::new();
        let out = &mut found;
        match node {
            AnyNodeRef::ExprCall(call) => py_call(call, ctx, out),
            AnyNodeRef::StmtAssign(assign) => py_assign(assign, ctx, out),
            AnyNodeRef::ExprDict(dict) if !is_py_request_options(ctx) => {
                for item in &dict.items {
                    if item.key.as_ref().and_then(py::string_value).is_some_and(|key| is_allow_origin(&key)) {
                        py_header_value(&item.value, ctx, out);
                    }
                }
            }
            _ => {}
        }
        if !found.is_empty() && !py_in_development_branch(node.range(), ctx) && !py_in_configured_wildcard_branch(ctx) {
            for (span, message) in found {
                ctx.report(span, message);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What is wrong, and how it is said: shared by both languages.

/// What is wrong with one origin setting.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    /// `*`, written out.
    Wildcard,
    /// No origin setting, and the library defaults to `*`.
    DefaultWildcard,
    /// The request's own `Origin` sent back, which admits every site.
    Reflected,
    /// No origin setting, and the library defaults to echoing the request's `Origin`.
    DefaultReflected,
    /// An origin regex that admits sites anyone can deploy; what it admits.
    Regex(Vec<String>),
    /// An origin pattern with `*` in it (`https://*.vercel.app`) that does the same.
    Pattern(Vec<String>),
}

/// The message for a problem: `shown` is the setting as written (`origin: '*'`), `value` the
/// source text of the offending value (a regex is quoted as itself).
fn message(problem: &Problem, shown: &str, value: &str, credentials: bool) -> String {
    let with = if credentials { " with credentials" } else { "" };
    match problem {
        Problem::Wildcard => format!("CORS allows any origin (`{shown}`){with}"),
        Problem::DefaultWildcard => format!("CORS allows any origin{with}: `{shown}` defaults to `*`"),
        Problem::Reflected => format!("CORS reflects the request's `Origin` (`{shown}`){with}, so any site is allowed"),
        Problem::DefaultReflected => {
            format!("CORS reflects the request's `Origin`{with}: `{shown}` echoes it back by default")
        }
        Problem::Regex(allows) | Problem::Pattern(allows) => {
            let allows = match allows.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => allows.join(""),
            };
            let what = if matches!(problem, Problem::Regex(_)) { "regex" } else { "pattern" };
            format!("CORS origin {what} `{value}` allows {allows}{with}")
        }
    }
}

/// Findings of one node, reported together unless the node only runs in development.
type Found = Vec<(Span, String)>;

fn push(out: &mut Found, span: impl IntoSpan, message: String) {
    out.push((span.into_span(), message));
}

/// Whether a header name is `Access-Control-Allow-Origin`, in any case.
fn is_allow_origin(name: &str) -> bool {
    name.trim().eq_ignore_ascii_case("access-control-allow-origin")
}

/// Whether source text sets `Access-Control-Allow-Credentials` (for the message only).
fn mentions_credentials_header(text: &str) -> bool {
    text.to_ascii_lowercase().contains("access-control-allow-credentials")
}

/// Whether source text is about the origin: `allowed.includes(origin)`, `origin === ALLOWED`.
fn mentions_origin(text: &str) -> bool {
    text.to_ascii_lowercase().contains("origin")
}

/// Whether an origin list value written as a string is or contains `*` (`"*"`, `"https://a.com,*"`).
fn is_wildcard_list(value: &str) -> bool {
    value.split(',').any(|origin| origin.trim() == "*")
}

/// Dev-server and tooling configuration, whose headers never reach production.
fn is_dev_tool_config(file: &FileInfo<'_>) -> bool {
    const DEV_TOOLS: &[&str] = &[
        "vite.",
        "vitest.",
        "webpack",
        "rspack.",
        "rsbuild.",
        "jest.",
        "karma.",
        "playwright.",
        "cypress.",
        "storybook",
    ];
    file.role == FileRole::Config && {
        let name = file.file_name().to_ascii_lowercase();
        DEV_TOOLS.iter().any(|tool| name.starts_with(tool))
    }
}

/// Hosting providers on which anyone can deploy a site under a subdomain of theirs.
const HOSTING_PROVIDERS: &[&str] = &[
    "vercel.app",
    "now.sh",
    "netlify.app",
    "netlify.com",
    "herokuapp.com",
    "lovable.app",
    "lovable.dev",
    "lovableproject.com",
    "pages.dev",
    "workers.dev",
    "trycloudflare.com",
    "github.io",
    "gitlab.io",
    "github.dev",
    "onrender.com",
    "fly.dev",
    "railway.app",
    "up.railway.app",
    "web.app",
    "firebaseapp.com",
    "appspot.com",
    "run.app",
    "cloudfunctions.net",
    "azurewebsites.net",
    "azurestaticapps.net",
    "cloudfront.net",
    "amplifyapp.com",
    "elasticbeanstalk.com",
    "ngrok.io",
    "ngrok.app",
    "ngrok-free.app",
    "loca.lt",
    "replit.dev",
    "replit.app",
    "repl.co",
    "glitch.me",
    "surge.sh",
    "deno.dev",
    "koyeb.app",
    "supabase.co",
    "stackblitz.io",
    "webcontainer.io",
    "csb.app",
    "codesandbox.io",
    "gitpod.io",
    "streamlit.app",
    "hf.space",
    "modal.run",
    "pythonanywhere.com",
];

/// What an origin regex admits that the deployer does not control: `any subdomain of
/// `vercel.app``, `any `localhost` port`. Empty if nothing.
fn regex_allows(pattern: &str) -> Vec<String> {
    let lower = pattern.to_ascii_lowercase();
    let mut allows: Vec<String> = HOSTING_PROVIDERS
        .iter()
        .filter(|provider| allows_any_subdomain(&lower, provider))
        .map(|provider| format!("any subdomain of `{provider}`"))
        .collect();
    if allows_any_localhost(&lower) {
        allows.push("any `localhost` port".to_string());
    }
    allows
}

fn allows_any_subdomain(pattern: &str, provider: &str) -> bool {
    let Some((name, tld)) = provider.rsplit_once('.') else {
        return false;
    };
    let escaped = format!("{}\\.", name.replace('.', "\\."));
    let plain = format!("{name}.");
    for needle in [escaped.as_str(), plain.as_str()] {
        for (start, _) in pattern.match_indices(needle) {
            let prefix = &pattern[..start];
            let rest = &pattern[start + needle.len()..];
            let joined = prefix.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !joined && ends_with_tld(rest, tld) && subdomain_is_wildcard(prefix) {
                return true;
            }
        }
    }
    false
}

/// Whether the rest of a pattern starts with the provider's last label (`app`), alone or as one
/// alternative of a group (`(app|dev)`), and the host name ends there.
fn ends_with_tld(rest: &str, tld: &str) -> bool {
    if let Some(after) = rest.strip_prefix(tld) {
        let continues = after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
            || after
                .strip_prefix("\\.")
                .or_else(|| after.strip_prefix('.'))
                .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_alphanumeric()));
        return !continues;
    }
    let Some(group) = rest.strip_prefix("(?:").or_else(|| rest.strip_prefix('(')) else {
        return false;
    };
    group.find(')').is_some_and(|end| group[..end].split('|').any(|alternative| alternative == tld))
}

/// Whether the part of a pattern before the provider's name matches any subdomain label:
/// `https://.*\.`, `[a-z0-9-]+\.`, `([\w-]+\.)*`, or nothing at all (`/\.vercel\.app$/`).
fn subdomain_is_wildcard(prefix: &str) -> bool {
    if let Some(before) = prefix.strip_suffix("\\.").or_else(|| prefix.strip_suffix('.')) {
        let normalized = normalize_regex(before);
        let label = normalized.rsplit(['/', '^', '|']).next().unwrap_or_default();
        return !label.chars().any(|c| c.is_ascii_alphanumeric());
    }
    // `([a-z0-9-]+\.)*vercel\.app`: an optional or repeated group of labels.
    let Some(group_end) = prefix.strip_suffix(['*', '?', '+']).and_then(|p| p.strip_suffix(')')) else {
        return false;
    };
    let mut depth = 0usize;
    let open = group_end.char_indices().rev().find_map(|(index, c)| match c {
        ')' => {
            depth += 1;
            None
        }
        '(' if depth == 0 => Some(index),
        '(' => {
            depth -= 1;
            None
        }
        _ => None,
    });
    open.is_some_and(|open| {
        let group = &group_end[open + 1..];
        !normalize_regex(group.strip_prefix("?:").unwrap_or(group)).chars().any(|c| c.is_ascii_alphanumeric())
    })
}

/// A regex with its character classes, class escapes and counted quantifiers replaced by `#`
/// and other escapes unescaped, so that only literal letters and digits remain alphanumeric.
fn normalize_regex(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('w' | 'd' | 's' | 'S' | 'W' | 'D' | 'b' | 'B') => out.push('#'),
                Some(escaped) => out.push(escaped),
                None => {}
            },
            '[' => {
                while let Some(inner) = chars.next() {
                    match inner {
                        '\\' => {
                            chars.next();
                        }
                        ']' => break,
                        _ => {}
                    }
                }
                out.push('#');
            }
            '{' => {
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
            }
            '(' | ')' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether a pattern admits `localhost` (or `127.0.0.1`) on any port: `localhost:\d+`,
/// `localhost(:\d+)?`, `localhost:[0-9]{4}`, `localhost.*`.
fn allows_any_localhost(pattern: &str) -> bool {
    ["localhost", "127\\.0\\.0\\.1", "127.0.0.1"].iter().any(|host| {
        pattern.match_indices(host).any(|(start, _)| {
            let rest = &pattern[start + host.len()..];
            if rest.starts_with(".*") || rest.starts_with(".+") {
                return true;
            }
            let rest = rest.strip_prefix("(?:").or_else(|| rest.strip_prefix('(')).unwrap_or(rest);
            let Some(port) = rest.strip_prefix("\\:").or_else(|| rest.strip_prefix(':')) else {
                return false;
            };
            ["\\d", "[", ".", "\\w", "*"].iter().any(|wild| port.starts_with(wild))
        })
    })
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

/// A CORS middleware set up in code: its options and what the library does without an origin.
struct JsSetup<'e, 'a> {
    options: Option<&'e Expression<'a>>,
    default: Problem,
}

fn js_call<'a>(call: &CallExpression<'a>, node: &AstNode<'a>, ctx: &JsContext<'a, '_>, out: &mut Found) {
    // NestJS: `NestFactory.create(AppModule, { cors: true })`
    if js::method_name(call) == Some("create")
        && js::dotted_path(&call.callee).is_some_and(|path| path.ends_with("NestFactory.create"))
    {
        if let Some(Expression::ObjectExpression(options)) = js::arg(call, 1).map(js::inner)
            && let Some(cors) = js::object_property(options, "cors")
        {
            if js::is_true(cors) {
                push(out, cors.span(), message(&Problem::Wildcard, "cors: true", "", false));
            } else {
                js_check_options(
                    &JsSetup { options: Some(cors), default: Problem::DefaultWildcard },
                    call,
                    node,
                    ctx,
                    out,
                );
            }
        }
        return;
    }
    if let Some(setup) = js_cors_setup(call, ctx) {
        js_check_options(&setup, call, node, ctx, out);
        return;
    }
    // `res.setHeader('Access-Control-Allow-Origin', value)`, `headers.set(...)`, `reply.header(...)`
    if is_js_header_setter(call)
        && js::arg(call, 0).and_then(js::static_string).is_some_and(|name| is_allow_origin(&name))
        && let Some(value) = js::arg(call, 1)
    {
        js_header_value(value, node, ctx, out);
    }
}

fn is_js_header_setter(call: &CallExpression<'_>) -> bool {
    matches!(js::method_name(call), Some("setHeader" | "header" | "set" | "append" | "vary"))
}

/// The CORS middleware a call sets up: `cors(...)` from `cors`, `hono/cors` or `@koa/cors`,
/// `app.register(fastifyCors, {...})`, `app.enableCors(...)` (NestJS).
fn js_cors_setup<'e, 'a>(call: &'e CallExpression<'a>, ctx: &JsContext<'a, '_>) -> Option<JsSetup<'e, 'a>> {
    const SOURCES: [&str; 5] = ["cors", "hono/cors", "@fastify/cors", "fastify-cors", "@koa/cors"];
    let default_for = |source: &str| match source {
        "cors" | "hono/cors" | "@fastify/cors" | "fastify-cors" => Some(Problem::DefaultWildcard),
        "@koa/cors" => Some(Problem::DefaultReflected),
        _ => None,
    };
    // Most calls are not a middleware's: a module that imports none of them is ruled out before
    // any callee is traced to its import.
    let imports_middleware = || SOURCES.iter().any(|source| ctx.imports_module(source));
    let source_of = |expr: &'e Expression<'a>| -> Option<&'e str> {
        match js::inner(expr) {
            Expression::Identifier(ident) => js::import_source(ctx.semantic, ident),
            Expression::CallExpression(require) => require.common_js_require().map(|source| source.value.as_str()),
            _ => None,
        }
    };
    match js::method_name(call) {
        Some("register") => {
            if !imports_middleware() {
                return None;
            }
            let source = js::arg(call, 0).and_then(source_of)?;
            let default = default_for(source).filter(|_| source.contains("fastify"))?;
            Some(JsSetup { options: js::arg(call, 1), default })
        }
        Some("enableCors") => Some(JsSetup { options: js::arg(call, 0), default: Problem::DefaultWildcard }),
        Some(_) => None,
        None => {
            if !imports_middleware() {
                return None;
            }
            let default = default_for(source_of(&call.callee)?)?;
            Some(JsSetup { options: js::arg(call, 0), default })
        }
    }
}

fn js_check_options<'a>(
    setup: &JsSetup<'_, 'a>,
    call: &CallExpression<'a>,
    node: &AstNode<'a>,
    ctx: &JsContext<'a, '_>,
    out: &mut Found,
) {
    let options = setup.options.map(|options| js_resolve(options, ctx));
    let shown = excerpt(ctx.text_of(call));
    // A wildcard without credentials is fine where no cookie-authenticated answer is served.
    let public = |problem: &Problem, credentials: bool| {
        matches!(problem, Problem::Wildcard | Problem::DefaultWildcard) && !credentials && js_public_wildcard(node, ctx)
    };
    let object = match options.map(js::inner) {
        None => {
            if !public(&setup.default, false) {
                push(out, call.span, message(&setup.default, &shown, "", false));
            }
            return;
        }
        Some(Expression::ObjectExpression(object)) => object,
        // Options built elsewhere, or a function computing them per request.
        Some(_) => return,
    };
    let credentials = js::object_property(object, "credentials").is_some_and(js::is_true);
    let Some(origin) = js::object_property(object, "origin") else {
        if !public(&setup.default, credentials) {
            push(out, call.span, message(&setup.default, &shown, "", credentials));
        }
        return;
    };
    for (span, problem) in js_origin_value(origin, ctx, 0) {
        if public(&problem, credentials) {
            continue;
        }
        let listed = matches!(js::inner(js_resolve(origin, ctx)), Expression::ArrayExpression(_));
        let shown = if listed && span != origin.span().into_span() {
            excerpt(ctx.file.slice(span))
        } else {
            format!("origin: {}", excerpt(ctx.text_of(origin)))
        };
        push(out, span, message(&problem, &shown, &excerpt(ctx.file.slice(span)), credentials));
    }
}

/// An identifier's constant initializer, one step, or the expression itself.
fn js_resolve<'e, 'a>(expr: &'e Expression<'a>, ctx: &JsContext<'a, '_>) -> &'e Expression<'a>
where
    'a: 'e,
{
    match js::inner(expr) {
        Expression::Identifier(ident) => js::constant_initializer(ctx.semantic, ident).unwrap_or(expr),
        _ => expr,
    }
}

/// The problems of a CORS `origin` option value, each at the value that causes it.
fn js_origin_value<'a>(value: &Expression<'a>, ctx: &JsContext<'a, '_>, depth: u8) -> Vec<(Span, Problem)> {
    let span = value.span().into_span();
    if js::static_string(value).is_some_and(|origin| is_wildcard_list(&origin)) {
        return vec![(span, Problem::Wildcard)];
    }
    match js::inner(value) {
        Expression::BooleanLiteral(literal) if literal.value => vec![(span, Problem::Reflected)],
        Expression::RegExpLiteral(regex) => js_regex(regex.regex.pattern.text.as_str(), span),
        Expression::NewExpression(new) if js::is_global_reference(ctx.semantic, &new.callee, "RegExp") => new
            .arguments
            .first()
            .and_then(|argument| argument.as_expression())
            .and_then(js::static_string)
            .map(|pattern| js_regex(&pattern, span))
            .unwrap_or_default(),
        Expression::ArrayExpression(array) => array
            .elements
            .iter()
            .filter_map(|element| element.as_expression())
            .flat_map(|element| js_origin_value(element, ctx, depth + 1))
            .collect(),
        Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) if accepts_every_origin(value) => {
            vec![(span, Problem::Reflected)]
        }
        // `process.env.CORS_ORIGIN || '*'`: the fallback admits everything.
        Expression::LogicalExpression(logical) if logical.operator != LogicalOperator::And => {
            js_origin_value(&logical.right, ctx, depth + 1)
        }
        // `(process.env.ORIGINS || '*').split(',')`
        Expression::CallExpression(call) if js::method_name(call) == Some("split") => {
            js::method_receiver(call).map(|receiver| js_origin_value(receiver, ctx, depth + 1)).unwrap_or_default()
        }
        Expression::Identifier(ident) if depth == 0 => js::constant_initializer(ctx.semantic, ident)
            .map(|init| js_origin_value(init, ctx, depth + 1))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn js_regex(pattern: &str, span: Span) -> Vec<(Span, Problem)> {
    let allows = regex_allows(pattern);
    if allows.is_empty() { Vec::new() } else { vec![(span, Problem::Regex(allows))] }
}

/// Whether an origin callback accepts every origin without looking at it: `(origin, cb) =>
/// cb(null, true)`, `callback(null, origin)` with no branch before it, or Hono's `(origin) =>
/// origin`.
fn accepts_every_origin(function: &Expression<'_>) -> bool {
    let (params, expression, statements): (&FormalParameters<'_>, _, _) = match js::inner(function) {
        Expression::ArrowFunctionExpression(arrow) => {
            (&arrow.params, arrow.get_expression(), arrow.get_function_body().map(|body| &body.statements))
        }
        Expression::FunctionExpression(function) => {
            (&function.params, None, function.body.as_ref().map(|body| &body.statements))
        }
        _ => return false,
    };
    let name = |index: usize| params.items.get(index).and_then(|param| param.pattern.get_identifier_name());
    let Some(origin) = name(0) else {
        return false;
    };
    let callback = name(1);
    let is_origin = |expr: &Expression<'_>| matches!(js::inner(expr), Expression::Identifier(i) if i.name == origin);
    let accepts = |expr: &Expression<'_>| match js::inner(expr) {
        Expression::CallExpression(call) => {
            matches!(js::inner(&call.callee), Expression::Identifier(callee) if Some(callee.name) == callback)
                && call.arguments.len() == 2
                && js::arg(call, 0).is_some_and(|first| js::inner(first).is_null())
                && js::arg(call, 1).is_some_and(|second| js::is_true(second) || is_origin(second))
        }
        _ => false,
    };
    if let Some(expression) = expression {
        return accepts(expression) || (callback.is_none() && is_origin(expression));
    }
    let Some(statements) = statements else {
        return false;
    };
    // Any `if`, `switch` or other statement means the origin is looked at first.
    let straight =
        statements.iter().all(|s| matches!(s, Statement::ExpressionStatement(_) | Statement::ReturnStatement(_)));
    straight
        && statements.iter().any(|statement| match statement {
            Statement::ExpressionStatement(statement) => accepts(&statement.expression),
            Statement::ReturnStatement(ret) => {
                ret.argument.as_ref().is_some_and(|arg| accepts(arg) || (callback.is_none() && is_origin(arg)))
            }
            _ => false,
        })
}

/// Whether a node sits in the branch of an `if` that runs only in development
/// (`if (process.env.NODE_ENV !== 'production') app.use(cors())`).
fn js_in_development_branch<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let span = node.kind().span();
    ctx.ancestors(node).any(|ancestor| {
        let AstKind::IfStatement(statement) = ancestor.kind() else {
            return false;
        };
        let inside = |branch: shipready_lang::oxc::span::Span| branch.start <= span.start && span.end <= branch.end;
        let development = development_only(ctx.text_of(&statement.test));
        if inside(statement.consequent.span()) {
            development == Some(true)
        } else {
            statement.alternate.as_ref().is_some_and(|alternate| inside(alternate.span())) && development == Some(false)
        }
    })
}

/// Whether an object literal is (the `headers` of) the options of an outgoing request:
/// `fetch(url, { headers: {...} })`, `axios.post(url, data, { headers })`, `new Request(...)`.
/// Front-end code sometimes sets CORS headers on requests, where they do nothing.
fn is_js_request_options<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    for ancestor in ctx.ancestors(node) {
        let callee = match ancestor.kind() {
            AstKind::ObjectProperty(_) | AstKind::ObjectExpression(_) | AstKind::ArrayExpression(_) => continue,
            AstKind::CallExpression(call) => &call.callee,
            AstKind::NewExpression(new) => &new.callee,
            _ => return false,
        };
        let path = js::dotted_path(callee).unwrap_or_default();
        let last = path.rsplit('.').next().unwrap_or_default();
        let first = path.split('.').next().unwrap_or_default();
        return matches!(
            first,
            "fetch" | "axios" | "ky" | "got" | "$fetch" | "ofetch" | "useFetch" | "superagent" | "Request"
        ) || (path.contains('.')
            && matches!(last, "get" | "post" | "put" | "patch" | "delete" | "head" | "request" | "create" | "fetch"));
    }
    false
}

/// Checks the value given to `Access-Control-Allow-Origin`.
fn js_header_value<'a>(value: &Expression<'a>, node: &AstNode<'a>, ctx: &JsContext<'a, '_>, out: &mut Found) {
    let Some((span, problem)) = js_header_problem(value, ctx, 0) else {
        return;
    };
    if problem == Problem::Reflected && js_origin_checked(node, ctx) {
        return;
    }
    let scope = js::enclosing_function(ctx.nodes(), node).map_or(ctx.program().span, |f| f.kind().span());
    let credentials = mentions_credentials_header(ctx.file.slice(scope));
    if problem == Problem::Wildcard && !credentials && js_public_wildcard(node, ctx) {
        return;
    }
    let shown = format!("Access-Control-Allow-Origin: {}", excerpt(ctx.text_of(value)));
    push(out, span, message(&problem, &shown, &excerpt(ctx.file.slice(span)), credentials));
}

fn js_header_problem<'a>(value: &Expression<'a>, ctx: &JsContext<'a, '_>, depth: u8) -> Option<(Span, Problem)> {
    let span = value.span().into_span();
    if js::static_string(value).is_some_and(|origin| origin.trim() == "*") {
        return Some((span, Problem::Wildcard));
    }
    if is_js_origin_read(value) {
        return Some((span, Problem::Reflected));
    }
    match js::inner(value) {
        Expression::LogicalExpression(logical) if logical.operator != LogicalOperator::And => {
            js_header_problem(&logical.left, ctx, depth + 1)
                .or_else(|| js_header_problem(&logical.right, ctx, depth + 1))
        }
        Expression::Identifier(ident) if depth == 0 => {
            let init = js::constant_initializer(ctx.semantic, ident)?;
            js_header_problem(init, ctx, depth + 1).map(|(_, problem)| (span, problem))
        }
        _ => None,
    }
}

/// `req.headers.origin`, `req.headers['origin']`, `req.get('origin')`, `req.header('Origin')`,
/// `request.headers.get('origin')`, `c.req.header('origin')`.
fn is_js_origin_read(expr: &Expression<'_>) -> bool {
    let is_headers = |object: &Expression<'_>| match js::inner(object) {
        Expression::StaticMemberExpression(member) => member.property.name == "headers",
        Expression::ChainExpression(chain) => {
            chain.expression.as_member_expression().and_then(MemberExpression::static_property_name) == Some("headers")
        }
        _ => false,
    };
    let is_origin = |name: Option<&str>| name.is_some_and(|name| name.eq_ignore_ascii_case("origin"));
    match js::inner(expr) {
        Expression::StaticMemberExpression(member) => {
            is_origin(Some(member.property.name.as_str())) && is_headers(&member.object)
        }
        Expression::ComputedMemberExpression(member) => {
            is_origin(js::static_string(&member.expression).as_deref()) && is_headers(&member.object)
        }
        Expression::ChainExpression(chain) => chain
            .expression
            .as_member_expression()
            .is_some_and(|member| is_origin(member.static_property_name()) && is_headers(member.object())),
        Expression::CallExpression(call) => is_js_origin_read_call(call),
        _ => false,
    }
}

fn is_js_origin_read_call(call: &CallExpression<'_>) -> bool {
    matches!(js::method_name(call), Some("get" | "header" | "getHeader"))
        && js::arg(call, 0).and_then(js::static_string).is_some_and(|name| name.eq_ignore_ascii_case("origin"))
}

/// Whether the function that sets a reflected origin compares the origin with something before:
/// `allowed.includes(origin)`, `isAllowed(origin)`, `origin === APP_URL`, `switch (origin)`.
fn js_origin_checked<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let scope = js::enclosing_function(ctx.nodes(), node).map_or(ctx.program().span, |f| f.kind().span());
    let before = node.kind().span().start;
    ctx.nodes().iter().any(|candidate| {
        let span = candidate.kind().span();
        if span.start < scope.start || span.end > before {
            return false;
        }
        match candidate.kind() {
            AstKind::CallExpression(call) => {
                !is_js_header_setter(call) && !is_js_origin_read_call(call) && mentions_origin(ctx.text_of(call))
            }
            AstKind::BinaryExpression(binary) => {
                (binary.operator.is_equality() || binary.operator == BinaryOperator::In)
                    && mentions_origin(ctx.text_of(binary))
            }
            AstKind::SwitchStatement(switch) => mentions_origin(ctx.text_of(&switch.discriminant)),
            _ => false,
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Python

fn py_call<'a>(call: &'a py_ast::ExprCall, ctx: &PyContext<'a, '_>, out: &mut Found) {
    let is_cors_middleware = |expr: Option<&Expr>| expr.and_then(py::callee_last_name) == Some("CORSMiddleware");
    match py::callee_last_name(&call.func) {
        // `app.add_middleware(CORSMiddleware, ...)`, `Middleware(CORSMiddleware, ...)`
        Some("add_middleware" | "Middleware") if is_cors_middleware(call.arguments.args.first()) => {
            py_starlette(call, ctx, out);
        }
        Some("CORSMiddleware") => py_starlette(call, ctx, out),
        Some("add" | "set" | "setdefault" | "add_header" | "__setitem__")
            if call.arguments.args.first().and_then(py::string_value).is_some_and(|name| is_allow_origin(&name)) =>
        {
            if let Some(value) = call.arguments.args.get(1) {
                py_header_value(value, ctx, out);
            }
        }
        _ => {
            if let Some(kind) = flask_cors_kind(&call.func, ctx) {
                py_flask_cors(call, kind, ctx, out);
            }
        }
    }
}

/// FastAPI/Starlette `CORSMiddleware` keywords.
fn py_starlette<'a>(call: &'a py_ast::ExprCall, ctx: &PyContext<'a, '_>, out: &mut Found) {
    let credentials = py::keyword(call, "allow_credentials").is_some_and(py::is_true);
    let mut found = Vec::new();
    if let Some(origins) = py::keyword(call, "allow_origins") {
        let shown = format!("allow_origins={}", excerpt(ctx.text_of(origins)));
        found.extend(
            py_origins(origins, ctx, false, 0).into_iter().map(|(span, problem)| (span, problem, shown.clone())),
        );
    }
    if let Some(regex) = py::keyword(call, "allow_origin_regex") {
        let shown = format!("allow_origin_regex={}", excerpt(ctx.text_of(regex)));
        found.extend(py_regex(regex, ctx, 0).into_iter().map(|(span, problem)| (span, problem, shown.clone())));
    }
    for (span, problem, shown) in found {
        push(out, span, message(&problem, &shown, &excerpt(ctx.file.slice(span)), credentials));
    }
}

/// Which Flask-CORS entry point a callee is, if it is one: `CORS` or `cross_origin`.
fn flask_cors_kind(func: &Expr, ctx: &PyContext<'_, '_>) -> Option<&'static str> {
    let imported = match func {
        Expr::Name(name) => match py::imported_from(ctx.module, name.id.as_str())? {
            ("flask_cors", imported) => imported.to_string(),
            _ => return None,
        },
        Expr::Attribute(_) => py::dotted_name(func)?.strip_prefix("flask_cors.")?.to_string(),
        _ => return None,
    };
    match imported.as_str() {
        "CORS" => Some("CORS"),
        "cross_origin" => Some("cross_origin"),
        _ => None,
    }
}

/// Flask-CORS: `origins` defaults to `*`, and strings with regex characters are regexes.
fn py_flask_cors<'a>(call: &'a py_ast::ExprCall, kind: &str, ctx: &PyContext<'a, '_>, out: &mut Found) {
    let credentials = py::keyword(call, "supports_credentials").is_some_and(py::is_true);
    let shown_call = excerpt(ctx.text_of(call));
    if let Some(origins) = py::keyword(call, "origins") {
        let shown = format!("origins={}", excerpt(ctx.text_of(origins)));
        for (span, problem) in py_origins(origins, ctx, true, 0) {
            push(out, span, message(&problem, &shown, &excerpt(ctx.file.slice(span)), credentials));
        }
        return;
    }
    if kind == "cross_origin" && !call.arguments.args.is_empty() {
        return;
    }
    // `CORS(app)` also reads `CORS_ORIGINS` from the app's config.
    let text = ctx.file.text;
    if text.contains("CORS_ORIGINS") || text.contains("CORS_RESOURCES") || text.contains("config.from_") {
        return;
    }
    match py::keyword(call, "resources") {
        None | Some(Expr::StringLiteral(_) | Expr::List(_)) => {
            push(out, call.range(), message(&Problem::DefaultWildcard, &shown_call, "", credentials));
        }
        Some(Expr::Dict(resources)) => {
            for item in &resources.items {
                let Expr::Dict(options) = &item.value else { continue };
                let origins = options.items.iter().find_map(|option| {
                    let key = option.key.as_ref().and_then(py::string_value)?;
                    (key == "origins").then_some(&option.value)
                });
                if let Some(origins) = origins {
                    let shown = format!("\"origins\": {}", excerpt(ctx.text_of(origins)));
                    for (span, problem) in py_origins(origins, ctx, true, 0) {
                        push(out, span, message(&problem, &shown, &excerpt(ctx.file.slice(span)), credentials));
                    }
                } else {
                    let start = item.key.as_ref().map_or(options.start(), Ranged::start);
                    let shown = excerpt(ctx.file.slice(Span::new(start.to_u32(), options.end().to_u32())));
                    push(out, options.range(), message(&Problem::DefaultWildcard, &shown, "", credentials));
                }
            }
        }
        Some(_) => {}
    }
}

/// The problems of an origin list value (`["*"]`, `"*"`, `os.getenv("ORIGINS", "*").split(",")`),
/// each at the value that causes it. With `regexes`, strings are also read as regexes.
fn py_origins<'a>(value: &'a Expr, ctx: &PyContext<'a, '_>, regexes: bool, depth: u8) -> Vec<(Span, Problem)> {
    let span = value.range().into_span();
    match value {
        Expr::StringLiteral(literal) => {
            let origins = literal.value.to_str();
            if is_wildcard_list(origins) {
                vec![(span, Problem::Wildcard)]
            } else if regexes {
                regex_problem(origins, span)
            } else {
                Vec::new()
            }
        }
        Expr::List(py_ast::ExprList { elts, .. })
        | Expr::Tuple(py_ast::ExprTuple { elts, .. })
        | Expr::Set(py_ast::ExprSet { elts, .. }) => {
            elts.iter().flat_map(|element| py_origins(element, ctx, regexes, depth + 1)).collect()
        }
        Expr::BoolOp(bool_op) if bool_op.op == py_ast::BoolOp::Or => {
            bool_op.values.last().map(|last| py_origins(last, ctx, regexes, depth + 1)).unwrap_or_default()
        }
        Expr::Call(call) => {
            if let Some(default) = env_default(call) {
                return py_origins(default, ctx, regexes, depth + 1);
            }
            match call.func.as_ref() {
                // `os.getenv("ORIGINS", "*").split(",")`
                Expr::Attribute(attribute) if matches!(attribute.attr.id.as_str(), "split" | "strip") => {
                    py_origins(&attribute.value, ctx, regexes, depth + 1)
                }
                _ => Vec::new(),
            }
        }
        Expr::Name(name) if depth == 0 => py_resolve(name.id.as_str(), ctx)
            .map(|assigned| py_origins(assigned, ctx, regexes, depth + 1))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The problems of an origin regex value (`r"https://.*\.vercel\.app"`, an env default).
fn py_regex<'a>(value: &'a Expr, ctx: &PyContext<'a, '_>, depth: u8) -> Vec<(Span, Problem)> {
    match value {
        Expr::StringLiteral(literal) => regex_problem(literal.value.to_str(), value.range().into_span()),
        Expr::Call(call) => env_default(call).map(|default| py_regex(default, ctx, depth + 1)).unwrap_or_default(),
        Expr::BoolOp(bool_op) if bool_op.op == py_ast::BoolOp::Or => {
            bool_op.values.last().map(|last| py_regex(last, ctx, depth + 1)).unwrap_or_default()
        }
        Expr::Name(name) if depth == 0 => {
            py_resolve(name.id.as_str(), ctx).map(|assigned| py_regex(assigned, ctx, depth + 1)).unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

fn regex_problem(pattern: &str, span: Span) -> Vec<(Span, Problem)> {
    let allows = regex_allows(pattern);
    if allows.is_empty() { Vec::new() } else { vec![(span, Problem::Regex(allows))] }
}

/// The default of an environment lookup: `os.getenv("X", default)`, `os.environ.get("X", default)`.
fn env_default(call: &py_ast::ExprCall) -> Option<&Expr> {
    let path = py::dotted_name(&call.func)?;
    let is_env = matches!(
        path.as_str(),
        "os.getenv" | "getenv" | "os.environ.get" | "environ.get" | "env" | "env.str" | "env.list" | "config"
    );
    if !is_env {
        return None;
    }
    call.arguments.args.get(1).or_else(|| py::keyword(call, "default"))
}

/// The value of the only assignment to `name` in the enclosing function, else in the module.
fn py_resolve<'a>(name: &str, ctx: &PyContext<'a, '_>) -> Option<&'a Expr> {
    if let Some(function) = py::enclosing_function(ctx.ancestors())
        && let Some(value) = py::sole_assignment(&function.body, name)
    {
        return Some(value);
    }
    py::sole_assignment(&ctx.module.body, name)
}

fn py_assign<'a>(assign: &'a py_ast::StmtAssign, ctx: &PyContext<'a, '_>, out: &mut Found) {
    let [target] = assign.targets.as_slice() else {
        return;
    };
    match target {
        // Django (django-cors-headers) settings.
        Expr::Name(name) => match name.id.as_str() {
            setting @ ("CORS_ALLOW_ALL_ORIGINS" | "CORS_ORIGIN_ALLOW_ALL") if py::is_true(&assign.value) => {
                let credentials =
                    py::sole_assignment(&ctx.module.body, "CORS_ALLOW_CREDENTIALS").is_some_and(py::is_true);
                push(
                    out,
                    assign.value.range(),
                    message(&Problem::Wildcard, &format!("{setting} = True"), "", credentials),
                );
            }
            setting @ ("CORS_ALLOWED_ORIGIN_REGEXES" | "CORS_ORIGIN_REGEX_WHITELIST") => {
                let credentials =
                    py::sole_assignment(&ctx.module.body, "CORS_ALLOW_CREDENTIALS").is_some_and(py::is_true);
                if let Expr::List(py_ast::ExprList { elts, .. }) | Expr::Tuple(py_ast::ExprTuple { elts, .. }) =
                    assign.value.as_ref()
                {
                    for element in elts {
                        for (span, problem) in py_regex(element, ctx, 1) {
                            let shown = format!("{setting}: {}", excerpt(ctx.text_of(element)));
                            push(out, span, message(&problem, &shown, &excerpt(ctx.file.slice(span)), credentials));
                        }
                    }
                }
            }
            _ => {}
        },
        // `response.headers["Access-Control-Allow-Origin"] = "*"`
        Expr::Subscript(subscript) if py::string_value(&subscript.slice).is_some_and(|key| is_allow_origin(&key)) => {
            py_header_value(&assign.value, ctx, out);
        }
        _ => {}
    }
}

/// Whether a node sits in the branch of an `if` that runs only in development
/// (`if settings.DEBUG:`, `if ENVIRONMENT == "development":`).
/// Whether the finding sits under `if "*" in allowed_origins:` or the like: the code applies a
/// wildcard the operator configured, which is configuration, not code.
fn py_in_configured_wildcard_branch(ctx: &PyContext<'_, '_>) -> bool {
    ctx.ancestors().any(|ancestor| {
        matches!(ancestor, AnyNodeRef::StmtIf(statement) if tests_for_wildcard(ctx.text_of(statement.test.as_ref())))
    })
}

fn js_in_configured_wildcard_branch<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let span = node.kind().span();
    ctx.ancestors(node).any(|ancestor| {
        matches!(ancestor.kind(), AstKind::IfStatement(statement)
            if statement.consequent.span().start <= span.start
                && span.end <= statement.consequent.span().end
                && tests_for_wildcard(ctx.text_of(&statement.test)))
    })
}

/// A condition that compares with, or looks up, the wildcard origin.
fn tests_for_wildcard(condition: &str) -> bool {
    condition.contains("\"*\"") || condition.contains("'*'")
}

// ---------------------------------------------------------------------------------------------
// A wildcard without credentials where no cookie-authenticated answer is served: static files
// and public probes, preflight-only branches, and answers given after an API-key check. The
// browser sends no cookies on a `*` request, so there these only let other sites read what
// anyone can fetch. Reflected origins and credentials keep being reported everywhere.

/// Words in the name of a handler, class or route path that serves public files or a public
/// probe (`handleImageSizes`, `CORSStaticFiles`, `getStatus`, `/assets`).
const PUBLIC_CONTENT_WORDS: &[&str] = &[
    "static",
    "asset",
    "assets",
    "image",
    "images",
    "img",
    "font",
    "fonts",
    "media",
    "icon",
    "icons",
    "favicon",
    "thumbnail",
    "thumbnails",
    "avatar",
    "avatars",
    "sprite",
    "sprites",
    "css",
    "status",
    "health",
    "healthz",
    "healthcheck",
    "ping",
    "version",
];

fn names_public_content(name: &str) -> bool {
    split_words(name).iter().any(|word| PUBLIC_CONTENT_WORDS.contains(&word.as_str()))
}

/// A condition that holds for a CORS preflight only: `r.Method == "OPTIONS"`,
/// `req.method === 'OPTIONS'`, `r.Method == http.MethodOptions`.
fn is_preflight_test(condition: &str) -> bool {
    (condition.contains("OPTIONS") || condition.contains("MethodOptions"))
        && condition.to_ascii_lowercase().contains("method")
        && !condition.contains("!=")
        && !condition.contains("||")
}

/// Source text that checks or names an API key: `IsValidAPIKey(r.Header.Get("X-API-Key"))`,
/// `middleware.contentApiKey`, `has_valid_api_key(request)`.
fn checks_api_key(text: &str) -> bool {
    let words = split_words(text);
    words.iter().any(|word| word == "apikey") || words.windows(2).any(|pair| pair[0] == "api" && pair[1] == "key")
}

/// A condition under which a wildcard answers no cookie-authenticated request: a preflight, or
/// a request that carries a valid API key (not a negated check).
fn is_public_condition(condition: &str) -> bool {
    let condition = condition.trim_start_matches('(').trim_start();
    let negated = condition.starts_with('!') || condition.starts_with("not ");
    is_preflight_test(condition) || (!negated && checks_api_key(condition))
}

fn js_public_wildcard<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    if js::enclosing_conditions(ctx.nodes(), node)
        .iter()
        .any(|(test, holds)| *holds && is_public_condition(ctx.text_of(*test)))
    {
        return true;
    }
    // The nearest named function, and the class around it.
    let function = ctx
        .ancestors(node)
        .filter(|ancestor| matches!(ancestor.kind(), AstKind::Function(_) | AstKind::ArrowFunctionExpression(_)))
        .find_map(|function| js::function_name(ctx.nodes(), function));
    let class = ctx.ancestors(node).find_map(|ancestor| match ancestor.kind() {
        AstKind::Class(class) => class.id.as_ref().map(|id| id.name.as_str()),
        _ => None,
    });
    if function.is_some_and(|name| names_public_content(&name)) || class.is_some_and(names_public_content) {
        return true;
    }
    // Where a middleware is used: the route path it serves, the middleware before it (an array
    // of middleware or the arguments of a route), or a router that only answers `GET`.
    let span = node.kind().span();
    let parent = ctx.ancestors(node).find(|ancestor| !matches!(ancestor.kind(), AstKind::ParenthesizedExpression(_)));
    match parent.map(AstNode::kind) {
        Some(AstKind::ArrayExpression(array)) => array
            .elements
            .iter()
            .filter_map(|element| element.as_expression())
            .filter(|element| element.span().end <= span.start)
            .any(|element| checks_api_key(ctx.text_of(element))),
        Some(AstKind::CallExpression(call)) => {
            let before: Vec<&Expression<'a>> = call
                .arguments
                .iter()
                .filter_map(|argument| argument.as_expression())
                .filter(|argument| argument.span().end <= span.start)
                .collect();
            before.first().and_then(|first| js::static_string(first)).is_some_and(|path| names_public_content(&path))
                || before.iter().any(|argument| checks_api_key(ctx.text_of(*argument)))
                || js_read_only_router(call, node, ctx)
        }
        _ => false,
    }
}

/// Whether `router.use(cors())` mounts the middleware on a router that only answers `GET`
/// routes in the same function (`router.get('/posts', handler)`) and is mounted nowhere else.
fn js_read_only_router<'a>(call: &CallExpression<'a>, node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    if js::method_name(call) != Some("use") {
        return false;
    }
    let Some(Expression::Identifier(router)) = js::method_receiver(call).map(js::inner) else {
        return false;
    };
    let scope = js::enclosing_function(ctx.nodes(), node).map_or(ctx.program().span, |f| f.kind().span());
    let (mut uses, mut reads, mut writes) = (0, 0, 0);
    for candidate in ctx.nodes().iter() {
        let AstKind::CallExpression(other) = candidate.kind() else { continue };
        if other.span.start < scope.start || other.span.end > scope.end {
            continue;
        }
        let on_router = matches!(js::method_receiver(other).map(js::inner),
            Some(Expression::Identifier(receiver)) if receiver.name == router.name);
        if !on_router {
            continue;
        }
        match js::method_name(other) {
            Some("use") => uses += 1,
            // `app.get('env')` reads a setting; a route has a handler too.
            Some("get" | "head" | "options") if other.arguments.len() >= 2 => reads += 1,
            Some("post" | "put" | "patch" | "delete" | "del" | "all" | "route" | "any" | "on") => writes += 1,
            _ => {}
        }
    }
    uses == 1 && reads > 0 && writes == 0
}

fn py_public_wildcard(range: TextRange, ctx: &PyContext<'_, '_>) -> bool {
    if py::enclosing_conditions(ctx.ancestors(), range)
        .iter()
        .any(|(test, holds)| *holds && is_public_condition(ctx.text_of(*test)))
    {
        return true;
    }
    if let Some(function) = py::enclosing_function(ctx.ancestors()) {
        let route_path = function.decorator_list.iter().any(|decorator| match &decorator.expression {
            Expr::Call(call) => {
                call.arguments.args.first().and_then(py::string_value).is_some_and(|path| names_public_content(&path))
            }
            _ => false,
        });
        if route_path || names_public_content(function.name.as_str()) {
            return true;
        }
    }
    // `class CORSStaticFiles(StaticFiles)`
    ctx.ancestors().any(|ancestor| match ancestor {
        AnyNodeRef::StmtClassDef(class) => {
            names_public_content(class.name.as_str())
                || class.arguments.as_ref().is_some_and(|bases| names_public_content(ctx.text_of(bases.as_ref())))
        }
        _ => false,
    })
}

fn tree_public_wildcard(node: Node<'_>, source: &str) -> bool {
    if tree::if_branches(node)
        .into_iter()
        .any(|(condition, holds)| holds && is_public_condition(text(condition, source)))
    {
        return true;
    }
    let Some((name, function)) = tree::enclosing_named_function(node, source) else {
        return false;
    };
    // Go `func (h *staticHandler) ServeHTTP(...)`, Rust `impl StaticFiles { fn serve(...) }`.
    let receiver = function.child_by_field_name("receiver").map(|receiver| text(receiver, source));
    let mut owner = function.parent();
    while let Some(item) = owner
        && item.kind() != "impl_item"
    {
        owner = item.parent();
    }
    let implemented = owner.and_then(|item| item.child_by_field_name("type")).map(|ty| text(ty, source));
    names_public_content(name)
        || receiver.is_some_and(names_public_content)
        || implemented.is_some_and(names_public_content)
}

fn py_in_development_branch(range: TextRange, ctx: &PyContext<'_, '_>) -> bool {
    ctx.ancestors().any(|ancestor| {
        let AnyNodeRef::StmtIf(statement) = ancestor else {
            return false;
        };
        let inside = |body: &[Stmt]| {
            body.first()
                .zip(body.last())
                .is_some_and(|(first, last)| first.start() <= range.start() && range.end() <= last.end())
        };
        if inside(&statement.body) {
            return development_only(ctx.text_of(statement.test.as_ref())) == Some(true);
        }
        statement.elif_else_clauses.iter().any(|clause| {
            inside(&clause.body)
                && match &clause.test {
                    Some(test) => development_only(ctx.text_of(test)) == Some(true),
                    None => {
                        statement.elif_else_clauses.len() == 1
                            && development_only(ctx.text_of(statement.test.as_ref())) == Some(false)
                    }
                }
        })
    })
}

/// Whether a dict is the `headers=` of an outgoing request: `requests.get(url, headers={...})`,
/// `httpx.AsyncClient(headers={...})`, `session.post(...)`.
fn is_py_request_options(ctx: &PyContext<'_, '_>) -> bool {
    for ancestor in ctx.ancestors() {
        match ancestor {
            AnyNodeRef::Keyword(_) | AnyNodeRef::Arguments(_) => {}
            AnyNodeRef::ExprCall(call) => {
                return matches!(
                    py::callee_last_name(&call.func),
                    Some("get" | "post" | "put" | "patch" | "delete" | "head" | "request" | "Client" | "AsyncClient")
                );
            }
            _ => return false,
        }
    }
    false
}

/// Checks the value given to `Access-Control-Allow-Origin`.
fn py_header_value<'a>(value: &'a Expr, ctx: &PyContext<'a, '_>, out: &mut Found) {
    let Some((span, problem)) = py_header_problem(value, ctx, 0) else {
        return;
    };
    let function = py::enclosing_function(ctx.ancestors());
    let body: &[Stmt] = function.map_or(&ctx.module.body, |function| &function.body);
    if problem == Problem::Reflected {
        let mut check = PyOriginCheck { text: ctx.file.text, before: value.start(), found: false };
        check.visit_body(body);
        if check.found {
            return;
        }
    }
    let scope_text = function.map_or(ctx.file.text, |function| ctx.text_of(function));
    let credentials = mentions_credentials_header(scope_text);
    if problem == Problem::Wildcard && !credentials && py_public_wildcard(value.range(), ctx) {
        return;
    }
    let shown = format!("Access-Control-Allow-Origin: {}", excerpt(ctx.text_of(value)));
    push(out, span, message(&problem, &shown, &excerpt(ctx.file.slice(span)), credentials));
}

fn py_header_problem<'a>(value: &'a Expr, ctx: &PyContext<'a, '_>, depth: u8) -> Option<(Span, Problem)> {
    let span = value.range().into_span();
    if py::string_value(value).is_some_and(|origin| origin.trim() == "*") {
        return Some((span, Problem::Wildcard));
    }
    if is_py_origin_read(value) {
        return Some((span, Problem::Reflected));
    }
    match value {
        Expr::BoolOp(bool_op) if bool_op.op == py_ast::BoolOp::Or => {
            bool_op.values.iter().find_map(|part| py_header_problem(part, ctx, depth + 1))
        }
        Expr::Name(name) if depth == 0 => {
            let function = py::enclosing_function(ctx.ancestors())?;
            let assigned = py::sole_assignment(&function.body, name.id.as_str())?;
            py_header_problem(assigned, ctx, depth + 1).map(|(_, problem)| (span, problem))
        }
        _ => None,
    }
}

/// `request.headers.get("origin")`, `request.headers["Origin"]`, `request.META.get("HTTP_ORIGIN")`.
fn is_py_origin_read(expr: &Expr) -> bool {
    let is_origin = |key: Option<String>| {
        key.is_some_and(|key| key.eq_ignore_ascii_case("origin") || key.eq_ignore_ascii_case("http_origin"))
    };
    match expr {
        Expr::Call(call) => is_py_origin_read_call(call),
        Expr::Subscript(subscript) => is_origin(py::string_value(&subscript.slice)),
        _ => false,
    }
}

fn is_py_origin_read_call(call: &py_ast::ExprCall) -> bool {
    matches!(call.func.as_ref(), Expr::Attribute(attribute) if attribute.attr.id.as_str() == "get")
        && call
            .arguments
            .args
            .first()
            .and_then(py::string_value)
            .is_some_and(|key| key.eq_ignore_ascii_case("origin") || key.eq_ignore_ascii_case("http_origin"))
}

/// Looks, before a reflected origin is set, for a comparison or call that checks the origin.
struct PyOriginCheck<'t> {
    text: &'t str,
    before: TextSize,
    found: bool,
}

impl<'a> SourceOrderVisitor<'a> for PyOriginCheck<'_> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        if self.found || node.start() >= self.before {
            return TraversalSignal::Skip;
        }
        if node.end() <= self.before {
            let text = self.text.get(node.start().to_usize()..node.end().to_usize()).unwrap_or_default();
            let checks = match node {
                AnyNodeRef::ExprCompare(_) => mentions_origin(text),
                AnyNodeRef::ExprCall(call) => {
                    !is_py_origin_read_call(call)
                        && !matches!(
                            py::callee_last_name(&call.func),
                            Some("add" | "set" | "setdefault" | "add_header")
                        )
                        && mentions_origin(text)
                }
                _ => false,
            };
            if checks {
                self.found = true;
                return TraversalSignal::Skip;
            }
        }
        TraversalSignal::Traverse
    }
}

// ---------------------------------------------------------------------------------------------
// Go and Rust

impl CorsPermissive {
    fn check_tree_node<'t>(node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        let mut found = Vec::new();
        match ctx.file.language {
            Language::Go => go_node(node, ctx, &mut found),
            Language::Rust => rust_node(node, ctx, &mut found),
            _ => {}
        }
        if found.is_empty()
            || (ctx.file.language == Language::Rust && ctx.in_rust_test(node))
            || tree_in_development_branch(node, source)
            || tree_in_configured_wildcard_branch(node, source)
        {
            return;
        }
        for (span, message) in found {
            ctx.report(span, message);
        }
    }
}

/// Whether a node sits in a branch that runs only in development: `if cfg!(debug_assertions)`,
/// `if env == "development"`, the `else` of `if isProduction`, or an item marked
/// `#[cfg(debug_assertions)]`.
fn tree_in_development_branch(node: Node<'_>, source: &str) -> bool {
    let branch = tree::if_branches(node)
        .into_iter()
        .any(|(condition, holds)| development_only(text(condition, source)) == Some(holds));
    let mut current = Some(node);
    let mut debug_only = false;
    while let Some(item) = current {
        debug_only |= tree::rust_attributes(item, source)
            .iter()
            .any(|a| a.contains("cfg(debug_assertions)") || a.contains("cfg(any(debug_assertions"));
        current = item.parent();
    }
    branch || debug_only
}

/// Whether a node sits under `if origins == "*"` or `if c.allowedOriginsAll` (rs/cors's own
/// flag) or the like: a wildcard the operator configured.
fn tree_in_configured_wildcard_branch(node: Node<'_>, source: &str) -> bool {
    tree::if_branches(node).into_iter().any(|(condition, holds)| {
        let condition = text(condition, source);
        let words = split_words(condition);
        let all_origins = words.iter().any(|w| matches!(w.as_str(), "origin" | "origins"))
            && words.iter().any(|w| matches!(w.as_str(), "all" | "any"));
        holds && (tests_for_wildcard(condition) || all_origins)
    })
}

/// The problem of one origin pattern written as a string: `*`, or a glob such as
/// `https://*.vercel.app` (rs/cors, echo, gin-contrib/cors and Fiber accept `*` inside origins).
fn origin_string_problem(origins: &str) -> Option<Problem> {
    if is_wildcard_list(origins) {
        return Some(Problem::Wildcard);
    }
    origins.split(',').map(str::trim).filter(|origin| origin.contains('*')).find_map(|origin| {
        let pattern = origin.replace('.', "\\.").replace('*', ".*");
        let allows = regex_allows(&pattern);
        (!allows.is_empty()).then_some(Problem::Pattern(allows))
    })
}

/// `Access-Control-Allow-Origin` as a Go or Rust header name: a string, or a constant
/// (`echo.HeaderAccessControlAllowOrigin`, `header::ACCESS_CONTROL_ALLOW_ORIGIN`).
fn is_tree_allow_origin(name: Node<'_>, source: &str) -> bool {
    if let Some(value) = tree::string_value(name, source) {
        return is_allow_origin(value);
    }
    let path = text(name, source);
    let last = path.rsplit(['.', ':']).next().unwrap_or(path);
    last == "HeaderAccessControlAllowOrigin" || last == "ACCESS_CONTROL_ALLOW_ORIGIN"
}

/// The `Origin` request header's name: `"Origin"`, `echo.HeaderOrigin`, `header::ORIGIN`.
fn is_tree_origin_name(name: Node<'_>, source: &str) -> bool {
    if let Some(value) = tree::string_value(name, source) {
        return value.eq_ignore_ascii_case("origin");
    }
    let path = text(name, source);
    let last = path.rsplit(['.', ':']).next().unwrap_or(path);
    last == "HeaderOrigin" || last == "ORIGIN"
}

/// Methods that pass a value through unchanged (`.cloned()`, `.unwrap()`, `.to_str()`).
const PASS_THROUGH: &[&str] = &[
    "cloned",
    "clone",
    "unwrap",
    "expect",
    "unwrap_or_default",
    "to_owned",
    "to_string",
    "to_str",
    "as_bytes",
    "ok",
    "into",
    "as_str",
    "as_ref",
];

/// A read of the request's `Origin` header: Go `r.Header.Get("Origin")`, `c.GetHeader("Origin")`,
/// `c.Request().Header.Get(echo.HeaderOrigin)`, Fiber's `c.Get("Origin")`; Rust
/// `req.headers().get(header::ORIGIN).cloned()`, possibly behind `?`, `&` or `.unwrap()`.
fn is_tree_origin_read(node: Node<'_>, source: &str) -> bool {
    match node.kind() {
        "try_expression" | "reference_expression" | "parenthesized_expression" => {
            crate::helpers::tree::last_named_child(node).is_some_and(|inner| is_tree_origin_read(inner, source))
        }
        "call_expression" => {
            let Some((method, receiver)) = tree::method_call(node, source) else { return false };
            let arguments = tree::call_arguments(node);
            if PASS_THROUGH.contains(&method) {
                return is_tree_origin_read(receiver, source);
            }
            matches!(method, "Get" | "GetHeader" | "get" | "header" | "get_header" | "Peek")
                && matches!(arguments.as_slice(), [name] if is_tree_origin_name(*name, source))
        }
        _ => false,
    }
}

/// Whether the function that sets a reflected origin looks at the origin first: compares it
/// (other than with `""`, `nil` or `None`), switches or matches on it, passes it to a function
/// (`allowed.contains(&origin)`, `isAllowed(origin)`) or looks it up in a map.
fn tree_origin_checked(node: Node<'_>, source: &str) -> bool {
    let Some(scope) = tree::enclosing_function(node) else { return false };
    tree::nodes_before(scope, node.start_byte()).into_iter().any(|candidate| match candidate.kind() {
        "binary_expression" => {
            let operator = candidate.child_by_field_name("operator").map(|o| text(o, source));
            let trivial = |side: Option<Node<'_>>| {
                side.is_some_and(|side| {
                    matches!(text(side, source), "\"\"" | "nil" | "None")
                        || tree::string_value(side, source).is_some_and(str::is_empty)
                })
            };
            matches!(operator, Some("==" | "!="))
                && mentions_origin(text(candidate, source))
                && !trivial(candidate.child_by_field_name("left"))
                && !trivial(candidate.child_by_field_name("right"))
        }
        "expression_switch_statement" | "match_expression" => {
            candidate.child_by_field_name("value").is_some_and(|value| mentions_origin(text(value, source)))
        }
        "index_expression" => candidate
            .child_by_field_name("index")
            .or_else(|| candidate.named_child(1))
            .is_some_and(|index| tree::string_value(index, source).is_none() && mentions_origin(text(index, source))),
        "call_expression" => {
            if is_tree_origin_read(candidate, source) || is_tree_header_setter(candidate, source).is_some() {
                return false;
            }
            let arguments = tree::call_arguments(candidate);
            let passes_origin = arguments
                .iter()
                .any(|argument| !is_tree_origin_name(*argument, source) && mentions_origin(text(*argument, source)));
            let on_origin = tree::method_call(candidate, source).is_some_and(|(method, receiver)| {
                !PASS_THROUGH.contains(&method)
                    && mentions_origin(text(receiver, source))
                    && !is_tree_origin_read(receiver, source)
            });
            passes_origin || on_origin
        }
        _ => false,
    })
}

/// A call that sets a response header, and the header's name and value:
/// Go `w.Header().Set(name, value)`, `.Add`, gin's `c.Header(name, value)`, Fiber's
/// `c.Set(name, value)`; Rust `headers.insert(name, value)`, `.append`, `.header(name, value)`,
/// actix's `.insert_header((name, value))`.
fn is_tree_header_setter<'t>(call: Node<'t>, source: &str) -> Option<(Node<'t>, Node<'t>)> {
    let (method, receiver) = tree::method_call(call, source)?;
    if !matches!(
        method,
        "Set"
            | "Add"
            | "Header"
            | "Append"
            | "insert"
            | "append"
            | "header"
            | "insert_header"
            | "append_header"
            | "set"
    ) {
        return None;
    }
    // Headers of a request (`r.Header.Set(…)`, `req.headers_mut().insert(…)`) do nothing for CORS.
    let mut root = receiver;
    while let Some(inner) = root
        .child_by_field_name("operand")
        .or_else(|| root.child_by_field_name("value"))
        .or_else(|| root.child_by_field_name("function"))
    {
        root = inner;
    }
    let root = text(root, source).to_ascii_lowercase();
    let chain = text(receiver, source).to_ascii_lowercase();
    if root == "r" || root.contains("req") || chain.contains("client") {
        return None;
    }
    match tree::call_arguments(call).as_slice() {
        [name, value] => Some((*name, *value)),
        [pair] if pair.kind() == "tuple_expression" => {
            let mut cursor = pair.walk();
            let elements: Vec<Node<'t>> = pair.named_children(&mut cursor).collect();
            match elements.as_slice() {
                [name, value] => Some((*name, *value)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Checks the value given to `Access-Control-Allow-Origin` in Go or Rust.
fn tree_header_value(value: Node<'_>, node: Node<'_>, source: &str, out: &mut Found) {
    let problem_of = |value: Node<'_>| {
        if tree_wildcard_value(value, source) {
            Some(Problem::Wildcard)
        } else if is_tree_origin_read(value, source) {
            Some(Problem::Reflected)
        } else {
            None
        }
    };
    // `origin`, `origin.clone()`, `&origin` where `origin` was read from the request earlier.
    let mut stripped = value;
    loop {
        match stripped.kind() {
            "call_expression" => match tree::method_call(stripped, source) {
                Some((method, receiver)) if PASS_THROUGH.contains(&method) => stripped = receiver,
                _ => break,
            },
            "try_expression" | "reference_expression" => match stripped.named_child(0) {
                Some(inner) => stripped = inner,
                None => break,
            },
            _ => break,
        }
    }
    let problem = problem_of(value).or_else(|| {
        (stripped.kind() == "identifier").then(|| tree::local_value(stripped, source).and_then(problem_of)).flatten()
    });
    let Some(problem) = problem else { return };
    if problem == Problem::Reflected && tree_origin_checked(node, source) {
        return;
    }
    let scope = tree::enclosing_function(node).map_or(source, |function| text(function, source));
    let credentials = mentions_credentials_header(scope)
        || scope.to_ascii_lowercase().contains("accesscontrolallowcredentials")
        || scope.contains("ACCESS_CONTROL_ALLOW_CREDENTIALS");
    if problem == Problem::Wildcard && !credentials && tree_public_wildcard(node, source) {
        return;
    }
    let shown = format!("Access-Control-Allow-Origin: {}", excerpt(text(value, source)));
    push(out, value, message(&problem, &shown, "", credentials));
}

/// `"*"`, Rust `HeaderValue::from_static("*")`, `"*".parse().unwrap()`, `"*".to_string()`.
fn tree_wildcard_value(value: Node<'_>, source: &str) -> bool {
    if let Some(origin) = tree::string_value(value, source) {
        return origin.trim() == "*";
    }
    match value.kind() {
        "call_expression" => {
            if let Some((_, receiver)) = tree::method_call(value, source) {
                return tree_wildcard_value(receiver, source);
            }
            let callee = value.child_by_field_name("function").map(|f| text(f, source)).unwrap_or_default();
            (callee.ends_with("::from_static") || callee.ends_with("::from_str") || callee.ends_with("::from"))
                && matches!(tree::call_arguments(value).as_slice(), [only] if tree_wildcard_value(*only, source))
        }
        "try_expression" | "reference_expression" => {
            value.named_child(0).is_some_and(|inner| tree_wildcard_value(inner, source))
        }
        "composite_literal" => {
            // `w.Header()["Access-Control-Allow-Origin"] = []string{"*"}`
            let Some(body) = value.child_by_field_name("body") else { return false };
            let mut cursor = body.walk();
            let elements: Vec<Node<'_>> = body.named_children(&mut cursor).collect();
            matches!(elements.as_slice(), [only] if only.named_child(0).is_some_and(|e| tree_wildcard_value(e, source)))
        }
        _ => false,
    }
}

/// A value as a message quotes it: a string's contents, or the source text.
fn shown_value(node: Node<'_>, source: &str) -> String {
    excerpt(tree::string_value(node, source).unwrap_or_else(|| text(node, source)))
}

/// A function literal or closure that accepts every origin: Go `func(origin string) bool {
/// return true }` (echo's `return true, nil`), Rust `|_, _| true`.
fn accepts_every_origin_tree(function: Node<'_>, source: &str) -> bool {
    let Some(body) = function.child_by_field_name("body") else { return false };
    let is_true = |node: Node<'_>| text(node, source) == "true";
    match function.kind() {
        "func_literal" => {
            let mut cursor = body.walk();
            let statements: Vec<Node<'_>> =
                body.named_children(&mut cursor).filter(|s| !s.kind().contains("comment")).collect();
            let [statement] = statements.as_slice() else { return false };
            statement.kind() == "return_statement"
                && statement.named_child(0).and_then(|list| list.named_child(0)).is_some_and(is_true)
        }
        "closure_expression" => {
            if body.kind() == "block" {
                let mut cursor = body.walk();
                let statements: Vec<Node<'_>> =
                    body.named_children(&mut cursor).filter(|s| !s.kind().contains("comment")).collect();
                matches!(statements.as_slice(), [only] if is_true(*only))
            } else {
                is_true(body)
            }
        }
        _ => false,
    }
}

/// The Go CORS libraries, by import path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GoCors {
    /// `github.com/rs/cors` and its fork `github.com/go-chi/cors`.
    Rs,
    /// `github.com/gin-contrib/cors`.
    Gin,
    /// echo's `middleware` package.
    Echo,
    /// Fiber's `middleware/cors`.
    Fiber,
    /// `github.com/gorilla/handlers`.
    Gorilla,
}

impl GoCors {
    const ALL: [GoCors; 5] = [GoCors::Rs, GoCors::Gin, GoCors::Echo, GoCors::Fiber, GoCors::Gorilla];

    fn matches(self, path: &str) -> bool {
        match self {
            GoCors::Rs => path.starts_with("github.com/rs/cors") || path == "github.com/go-chi/cors",
            GoCors::Gin => path == "github.com/gin-contrib/cors",
            GoCors::Echo => path.starts_with("github.com/labstack/echo") && path.ends_with("/middleware"),
            GoCors::Fiber => path.starts_with("github.com/gofiber/fiber") && path.ends_with("/middleware/cors"),
            GoCors::Gorilla => path == "github.com/gorilla/handlers",
        }
    }

    /// The library a package name refers to in this file.
    fn of(package: &str, ctx: &TreeContext<'_, '_>) -> Option<GoCors> {
        GoCors::ALL.into_iter().find(|library| {
            tree::go_import_name(ctx.root, ctx.file.text, |path| library.matches(path)).as_deref() == Some(package)
        })
    }

    /// The options struct, its origin list field, its origin callback fields, and what the
    /// library allows when neither is set.
    fn options(self) -> Option<(&'static str, &'static str, &'static [&'static str], Option<Problem>)> {
        match self {
            GoCors::Rs => Some((
                "Options",
                "AllowedOrigins",
                &["AllowOriginFunc", "AllowOriginRequestFunc", "AllowOriginVaryRequestFunc"],
                Some(Problem::DefaultWildcard),
            )),
            GoCors::Gin => Some(("Config", "AllowOrigins", &["AllowOriginFunc", "AllowOriginWithContextFunc"], None)),
            GoCors::Echo => Some(("CORSConfig", "AllowOrigins", &["AllowOriginFunc"], Some(Problem::DefaultWildcard))),
            GoCors::Fiber => Some(("Config", "AllowOrigins", &["AllowOriginsFunc"], Some(Problem::DefaultWildcard))),
            GoCors::Gorilla => None,
        }
    }
}

fn go_node(node: Node<'_>, ctx: &TreeContext<'_, '_>, out: &mut Found) {
    let source = ctx.file.text;
    match node.kind() {
        "call_expression" => {
            if let Some((name, value)) = is_tree_header_setter(node, source) {
                if is_tree_allow_origin(name, source) {
                    tree_header_value(value, node, source, out);
                }
                return;
            }
            go_constructor(node, ctx, out);
        }
        "composite_literal" => go_options(node, ctx, out),
        "assignment_statement" => {
            let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right"))
            else {
                return;
            };
            let (Some(target), Some(value)) = (left.named_child(0), right.named_child(0)) else { return };
            match target.kind() {
                // `w.Header()["Access-Control-Allow-Origin"] = []string{"*"}`
                "index_expression"
                    if target.child_by_field_name("index").is_some_and(|index| is_tree_allow_origin(index, source)) =>
                {
                    tree_header_value(value, node, source, out);
                }
                // `config.AllowAllOrigins = true`, `config.AllowOrigins = []string{"*"}`
                "selector_expression" => {
                    let field = target.child_by_field_name("field").map(|f| text(f, source)).unwrap_or_default();
                    if !matches!(field, "AllowAllOrigins" | "AllowOrigins" | "AllowedOrigins") {
                        return;
                    }
                    let imports_cors = GoCors::ALL
                        .into_iter()
                        .any(|library| tree::go_import_name(ctx.root, source, |path| library.matches(path)).is_some());
                    if !imports_cors {
                        return;
                    }
                    let shown = excerpt(text(node, source));
                    if field == "AllowAllOrigins" && text(value, source) == "true" {
                        push(out, node, message(&Problem::Wildcard, &shown, "", false));
                    } else if matches!(field, "AllowOrigins" | "AllowedOrigins") {
                        for (span_node, problem) in go_origin_list(value, source) {
                            let value_text = shown_value(span_node, source);
                            push(out, span_node, message(&problem, &shown, &value_text, false));
                        }
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// The problems of a Go origin list value (`[]string{"*"}`, Fiber's `"*"`), each at its element.
fn go_origin_list<'t>(value: Node<'t>, source: &str) -> Vec<(Node<'t>, Problem)> {
    if let Some(origins) = tree::string_value(value, source) {
        return origin_string_problem(origins).map(|problem| vec![(value, problem)]).unwrap_or_default();
    }
    match value.kind() {
        "composite_literal" => {
            let Some(body) = value.child_by_field_name("body") else { return Vec::new() };
            let mut cursor = body.walk();
            let elements: Vec<Node<'t>> = body.named_children(&mut cursor).filter_map(|e| e.named_child(0)).collect();
            elements
                .into_iter()
                .filter_map(|element| {
                    let origin = tree::string_value(element, source)?;
                    origin_string_problem(origin).map(|problem| (element, problem))
                })
                .collect()
        }
        "identifier" => tree::local_value(value, source)
            .filter(|resolved| resolved.kind() == "composite_literal")
            .map(|resolved| go_origin_list(resolved, source).into_iter().map(|(_, problem)| (value, problem)).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// `cors.Default()`, `cors.AllowAll()`, echo's `middleware.CORS()`, Fiber's `cors.New()`,
/// gorilla's `handlers.CORS(...)` and `handlers.AllowedOrigins([]string{"*"})`.
fn go_constructor(call: Node<'_>, ctx: &TreeContext<'_, '_>, out: &mut Found) {
    let source = ctx.file.text;
    let Some(function) = call.child_by_field_name("function").filter(|f| f.kind() == "selector_expression") else {
        return;
    };
    let (Some(package), Some(name)) = (function.child_by_field_name("operand"), function.child_by_field_name("field"))
    else {
        return;
    };
    if package.kind() != "identifier" {
        return;
    }
    let name = text(name, source);
    if !matches!(name, "Default" | "AllowAll" | "CORS" | "New" | "AllowedOrigins") {
        return;
    }
    // A library's own wrapper of the same constructor (rs/cors's gin wrapper `func AllowAll()`).
    let wrapper = tree::enclosing_function(call)
        .and_then(|function| function.child_by_field_name("name"))
        .is_some_and(|own| text(own, source) == name);
    if wrapper {
        return;
    }
    let Some(library) = GoCors::of(text(package, source), ctx) else { return };
    let arguments = tree::call_arguments(call);
    let shown = excerpt(text(call, source));
    let problem = match (library, name, arguments.as_slice()) {
        (GoCors::Rs | GoCors::Gin, "Default", []) | (GoCors::Echo, "CORS", []) | (GoCors::Fiber, "New", []) => {
            Problem::DefaultWildcard
        }
        (GoCors::Rs, "AllowAll", []) => Problem::Wildcard,
        (GoCors::Gorilla, "AllowedOrigins", [origins]) => {
            for (element, problem) in go_origin_list(*origins, source) {
                push(out, element, message(&problem, &shown, &shown_value(element, source), false));
            }
            return;
        }
        (GoCors::Gorilla, "CORS", options) => {
            let option_name = |option: &Node<'_>| {
                option
                    .child_by_field_name("function")
                    .and_then(|f| f.child_by_field_name("field"))
                    .map(|f| text(f, source))
                    .unwrap_or_default()
            };
            if options.iter().any(|option| option.kind() == "variadic_argument" || option.kind() == "identifier") {
                return;
            }
            let credentials = options.iter().any(|option| option_name(option) == "AllowCredentials");
            let validator = options.iter().find(|option| option_name(option) == "AllowedOriginValidator");
            if let Some(validator) = validator {
                if tree::call_arguments(*validator)
                    .first()
                    .is_some_and(|function| accepts_every_origin_tree(*function, source))
                {
                    push(
                        out,
                        *validator,
                        message(&Problem::Reflected, &excerpt(text(*validator, source)), "", credentials),
                    );
                }
                return;
            }
            let restricted = options.iter().any(|option| {
                matches!(option_name(option), "AllowedOrigins" | "AllowedOriginsFunc" | "DisallowDefaultOrigins")
            });
            if restricted {
                return;
            }
            push(out, call, message(&Problem::DefaultWildcard, &shown, "", credentials));
            return;
        }
        _ => return,
    };
    push(out, call, message(&problem, &shown, "", false));
}

/// An options literal of a Go CORS library: `cors.Options{AllowedOrigins: []string{"*"}}`,
/// `middleware.CORSConfig{AllowOriginFunc: func(string) (bool, error) { return true, nil }}`.
fn go_options(literal: Node<'_>, ctx: &TreeContext<'_, '_>, out: &mut Found) {
    let source = ctx.file.text;
    let Some(kind) = literal.child_by_field_name("type").filter(|t| t.kind() == "qualified_type") else { return };
    let (Some(package), Some(type_name)) = (kind.child_by_field_name("package"), kind.child_by_field_name("name"))
    else {
        return;
    };
    if !matches!(text(type_name, source), "Options" | "Config" | "CORSConfig") {
        return;
    }
    let Some(library) = GoCors::of(text(package, source), ctx) else { return };
    let Some((options, origins_key, function_keys, default)) = library.options() else { return };
    if text(type_name, source) != options {
        return;
    }
    let credentials =
        tree::go_keyed_value(literal, "AllowCredentials", source).is_some_and(|value| text(value, source) == "true");
    let shown_key = |key: &str, value: Node<'_>| format!("{key}: {}", excerpt(text(value, source)));
    if library == GoCors::Gin
        && let Some(all) = tree::go_keyed_value(literal, "AllowAllOrigins", source)
        && text(all, source) == "true"
    {
        push(out, all, message(&Problem::Wildcard, &shown_key("AllowAllOrigins", all), "", credentials));
        return;
    }
    let function =
        function_keys.iter().find_map(|key| tree::go_keyed_value(literal, key, source).map(|value| (*key, value)));
    if let Some((key, function)) = function {
        // An origin callback replaces the list.
        if accepts_every_origin_tree(function, source) {
            push(out, function, message(&Problem::Reflected, &shown_key(key, function), "", credentials));
        }
        return;
    }
    if let Some(origins) = tree::go_keyed_value(literal, origins_key, source) {
        let shown = shown_key(origins_key, origins);
        for (element, problem) in go_origin_list(origins, source) {
            push(out, element, message(&problem, &shown, &shown_value(element, source), credentials));
        }
        return;
    }
    // Defaults only count where the literal is handed straight to the middleware; a variable may
    // get its origins set afterwards.
    let passed = literal.parent().is_some_and(|parent| parent.kind() == "argument_list");
    if let Some(default) = default.filter(|_| passed) {
        let shown = excerpt(text(literal, source));
        push(out, literal, message(&default, &shown, "", credentials));
    }
}

fn rust_node(node: Node<'_>, ctx: &TreeContext<'_, '_>, out: &mut Found) {
    let source = ctx.file.text;
    if node.kind() != "call_expression" {
        return;
    }
    if let Some((name, value)) = is_tree_header_setter(node, source) {
        if is_tree_allow_origin(name, source) {
            tree_header_value(value, node, source, out);
        }
        return;
    }
    // Every call of a Rust file comes here: what is shown and the chain's credentials are looked
    // at only once a call is found permissive.
    let credentials = || rust_chain_sets_credentials(node, source);
    if let Some(function) = node.child_by_field_name("function").filter(|f| f.kind() != "field_expression") {
        let path = text(function, source);
        let problem = if path.ends_with("CorsLayer::permissive") {
            Some((Problem::Wildcard, credentials()))
        } else if path.ends_with("CorsLayer::very_permissive")
            || (path.ends_with("Cors::permissive") && source.contains("actix_cors"))
        {
            Some((Problem::Reflected, true))
        } else if path.ends_with("AllowedOrigins::all") && source.contains("rocket_cors") {
            Some((Problem::Wildcard, credentials()))
        } else {
            None
        };
        if let Some((problem, credentials)) = problem {
            push(out, node, message(&problem, &excerpt(text(node, source)), "", credentials));
        }
        return;
    }
    let Some((method, _)) = tree::method_call(node, source) else { return };
    if !matches!(method, "allow_origin" | "allow_any_origin" | "allowed_origin" | "allowed_origin_fn") {
        return;
    }
    let arguments = tree::call_arguments(node);
    let problem = match (method, arguments.as_slice()) {
        // tower-http, salvo: `.allow_origin(Any)`, `.allow_origin(AllowOrigin::mirror_request())`
        ("allow_origin", [origin]) => rust_allow_origin(*origin, source),
        // actix-cors, warp
        ("allow_any_origin", []) => Some(Problem::Wildcard),
        ("allowed_origin", [origin]) if tree_wildcard_value(*origin, source) => Some(Problem::Wildcard),
        ("allowed_origin_fn", [function]) if accepts_every_origin_tree(*function, source) => Some(Problem::Reflected),
        _ => None,
    };
    if let Some(problem) = problem {
        let shown = format!(".{method}({})", arguments.first().map(|a| excerpt(text(*a, source))).unwrap_or_default());
        let span = node
            .child_by_field_name("function")
            .and_then(|f| f.child_by_field_name("field"))
            .map_or(Span::new(node.start_byte() as u32, node.end_byte() as u32), |field| {
                Span::new(field.start_byte() as u32, node.end_byte() as u32)
            });
        push(out, span, message(&problem, &shown, "", credentials()));
    }
}

/// The problem of a tower-http/salvo `allow_origin` argument.
fn rust_allow_origin(origin: Node<'_>, source: &str) -> Option<Problem> {
    let written = text(origin, source);
    let last = written.rsplit("::").next().unwrap_or(written);
    if last == "Any" || last == "any()" || tree_wildcard_value(origin, source) {
        return Some(Problem::Wildcard);
    }
    if last == "mirror_request()" {
        return Some(Problem::Reflected);
    }
    // `AllowOrigin::predicate(|_, _| true)`
    if origin.kind() == "call_expression"
        && origin.child_by_field_name("function").is_some_and(|f| {
            let path = text(f, source);
            path.ends_with("::predicate") || path.ends_with("::async_predicate")
        })
        && tree::call_arguments(origin).first().is_some_and(|f| accepts_every_origin_tree(*f, source))
    {
        return Some(Problem::Reflected);
    }
    None
}

/// Whether the builder chain a call belongs to allows credentials: `.allow_credentials(true)`
/// (tower-http, warp, salvo) or `.supports_credentials()` (actix-cors).
fn rust_chain_sets_credentials(node: Node<'_>, source: &str) -> bool {
    let mut outermost = node;
    while let Some(parent) = outermost.parent() {
        if matches!(parent.kind(), "field_expression" | "call_expression") {
            outermost = parent;
        } else {
            break;
        }
    }
    let chain: String = text(outermost, source).split_whitespace().collect();
    chain.contains(".allow_credentials(true)") || chain.contains(".supports_credentials()")
}

#[cfg(test)]
mod tests {
    use super::CorsPermissive;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // Seen on real code: applying a wildcard the operator configured.
            (
                "app/security.py",
                "from flask_cors import CORS\nallowed = get_allowed_origins()\nif allowed and '*' in allowed:\n    CORS(app, resources={r'/*': {'origins': '*'}}, supports_credentials=False)\n",
            ),
            (
                "src/server.js",
                "const cors = require('cors');\nif (origins.includes('*')) {\n  app.use(cors({ origin: '*' }));\n}",
            ),
            // Explicit origin lists, and origins from configuration.
            ("src/server.ts", "import cors from 'cors';\napp.use(cors({ origin: ['https://app.example.com'] }));\n"),
            (
                "src/server.ts",
                "import cors from 'cors';\napp.use(cors({ origin: process.env.ALLOWED_ORIGINS.split(','), credentials: true }));\n",
            ),
            (
                "src/server.js",
                "const cors = require('cors');\napp.use(cors({ origin: config.corsOrigins, credentials: true }));\n",
            ),
            (
                "src/server.ts",
                "import cors from 'cors';\napp.use(cors({ origin: ['http://localhost:3000', 'https://app.example.com'] }));\n",
            ),
            // An origin callback that checks an allow-list.
            (
                "src/server.ts",
                "import cors from 'cors';\napp.use(cors({\n  origin: (origin, callback) => {\n    if (!origin || allowed.includes(origin)) return callback(null, true);\n    callback(new Error('Not allowed by CORS'));\n  },\n  credentials: true,\n}));\n",
            ),
            (
                "src/server.ts",
                "import cors from 'cors';\napp.use(cors({ origin: (origin, cb) => cb(null, allowed.has(origin)) }));\n",
            ),
            // Regexes anchored to the company's own domain or project.
            (
                "src/server.ts",
                "import cors from 'cors';\napp.use(cors({ origin: [/^https:\\/\\/([a-z0-9-]+\\.)?example\\.com$/] }));\n",
            ),
            (
                "src/server.ts",
                "import cors from 'cors';\napp.use(cors({ origin: /^https:\\/\\/myapp\\.vercel\\.app$/ }));\n",
            ),
            // A `cors` that is not the `cors` package.
            ("src/server.ts", "import { cors } from './middleware/cors';\napp.use(cors());\n"),
            // Header set to a configured value, or a reflected origin checked first.
            (
                "src/api/handler.ts",
                "export function handler(req, res) {\n  res.setHeader('Access-Control-Allow-Origin', config.frontendUrl);\n}\n",
            ),
            (
                "src/middleware/cors.ts",
                "export function corsMiddleware(req, res, next) {\n  const origin = req.headers.origin;\n  if (origin && ALLOWED_ORIGINS.includes(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n    res.setHeader('Vary', 'Origin');\n  }\n  next();\n}\n",
            ),
            (
                "src/middleware/cors.js",
                "function cors(req, res, next) {\n  const origin = req.get('origin');\n  if (!isAllowedOrigin(origin)) return res.sendStatus(403);\n  res.set('Access-Control-Allow-Origin', origin);\n  next();\n}\n",
            ),
            (
                "src/api/route.ts",
                "export function GET(request) {\n  const origin = request.headers.get('origin');\n  return new Response('ok', { headers: { 'Access-Control-Allow-Origin': allowed.includes(origin) ? origin : 'null' } });\n}\n",
            ),
            // A `*` only for methods or headers.
            (
                "src/server.ts",
                "res.setHeader('Access-Control-Allow-Headers', '*');\nres.setHeader('Access-Control-Allow-Methods', '*');\n",
            ),
            // An environment-dependent choice is left to the reviewer.
            ("src/server.ts", "import cors from 'cors';\napp.use(cors({ origin: isProduction ? allowlist : '*' }));\n"),
            // Tests and dev-server configuration.
            (
                "src/app.test.ts",
                "const res = new Response('x', { headers: { 'Access-Control-Allow-Origin': '*' } });\n",
            ),
            ("vite.config.ts", "export default { server: { headers: { 'Access-Control-Allow-Origin': '*' } } };\n"),
            // Python: explicit lists and configuration.
            (
                "main.py",
                "from fastapi.middleware.cors import CORSMiddleware\napp.add_middleware(\n    CORSMiddleware,\n    allow_origins=settings.ALLOWED_ORIGINS,\n    allow_credentials=True,\n    allow_methods=[\"*\"],\n    allow_headers=[\"*\"],\n)\n",
            ),
            (
                "main.py",
                "app.add_middleware(CORSMiddleware, allow_origins=[\"https://app.example.com\"], allow_methods=[\"*\"], allow_headers=[\"*\"])\n",
            ),
            (
                "main.py",
                "app.add_middleware(CORSMiddleware, allow_origins=os.getenv(\"ALLOWED_ORIGINS\", \"http://localhost:3000\").split(\",\"))\n",
            ),
            (
                "main.py",
                "app.add_middleware(CORSMiddleware, allow_origin_regex=r\"https://([a-z0-9-]+\\.)?example\\.com\")\n",
            ),
            (
                "main.py",
                "app.add_middleware(CORSMiddleware, allow_origins=[\"*\"] if settings.DEBUG else settings.ORIGINS)\n",
            ),
            (
                "app/__init__.py",
                "from flask_cors import CORS\nCORS(app, origins=settings.CORS_ORIGINS, supports_credentials=True)\n",
            ),
            (
                "app/__init__.py",
                "from flask_cors import CORS\napp.config[\"CORS_ORIGINS\"] = [\"https://app.example.com\"]\nCORS(app)\n",
            ),
            ("app/__init__.py", "from .extensions import CORS\nCORS(app)\n"),
            ("project/settings.py", "DEBUG = env.bool(\"DEBUG\")\nCORS_ALLOW_ALL_ORIGINS = DEBUG\n"),
            (
                "app/views.py",
                "@app.after_request\ndef add_cors(response):\n    response.headers[\"Access-Control-Allow-Origin\"] = settings.FRONTEND_URL\n    return response\n",
            ),
            (
                "app/views.py",
                "@app.after_request\ndef add_cors(response):\n    origin = request.headers.get(\"origin\")\n    if origin in ALLOWED_ORIGINS:\n        response.headers[\"Access-Control-Allow-Origin\"] = origin\n    return response\n",
            ),
            ("tests/test_cors.py", "response.headers[\"Access-Control-Allow-Origin\"] = \"*\"\n"),
            // Only in development.
            (
                "src/server.ts",
                "import cors from 'cors';\nif (process.env.NODE_ENV !== 'production') {\n  app.use(cors());\n}\n",
            ),
            ("main.py", "if settings.DEBUG:\n    app.add_middleware(CORSMiddleware, allow_origins=[\"*\"])\n"),
            (
                "main.py",
                "if settings.ENVIRONMENT == \"production\":\n    app.add_middleware(CORSMiddleware, allow_origins=settings.ORIGINS)\nelse:\n    app.add_middleware(CORSMiddleware, allow_origins=[\"*\"])\n",
            ),
            // Front-end code setting the header on a request, where it does nothing.
            (
                "src/api/client.ts",
                "const res = await fetch(url, { headers: { 'Access-Control-Allow-Origin': '*' } });\n",
            ),
            (
                "src/api/client.ts",
                "const res = await axios.get(url, { headers: { 'Access-Control-Allow-Origin': '*' } });\n",
            ),
            ("app/client.py", "r = requests.get(url, headers={\"Access-Control-Allow-Origin\": \"*\"}, timeout=5)\n"),
            // Go: explicit origin lists and origins from configuration.
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/rs/cors\"\nfunc main() {\n\tc := cors.New(cors.Options{AllowedOrigins: []string{\"https://app.example.com\"}, AllowCredentials: true})\n\t_ = c\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/rs/cors\"\nfunc main() {\n\thandler := cors.New(cors.Options{AllowedOrigins: cfg.AllowedOrigins, AllowCredentials: true}).Handler(mux)\n\t_ = handler\n}\n",
            ),
            (
                "internal/server/router.go",
                "package server\nimport \"github.com/gin-contrib/cors\"\nfunc setup(r *gin.Engine) {\n\tr.Use(cors.New(cors.Config{AllowOrigins: []string{\"https://app.example.com\"}, AllowCredentials: true}))\n}\n",
            ),
            (
                "internal/server/router.go",
                "package server\nimport \"github.com/labstack/echo/v4/middleware\"\nfunc setup(e *echo.Echo) {\n\te.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowOriginFunc: isAllowedOrigin}))\n}\n",
            ),
            (
                "internal/api/cors.go",
                "package api\nfunc withCORS(w http.ResponseWriter, r *http.Request) {\n\torigin := s.cfg.AllowedOrigin\n\tw.Header().Set(\"Access-Control-Allow-Origin\", origin)\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/gorilla/handlers\"\nfunc main() {\n\torigins := strings.Split(os.Getenv(\"ALLOWED_ORIGINS\"), \",\")\n\thttp.ListenAndServe(\":8080\", handlers.CORS(handlers.AllowedOrigins(origins), handlers.AllowCredentials())(r))\n}\n",
            ),
            (
                "src/main.rs",
                "fn cors(origins: Vec<HeaderValue>) -> CorsLayer {\n    CorsLayer::new().allow_origin(origins).allow_methods(Any).allow_headers(Any)\n}\n",
            ),
            // Go: a reflected origin checked first.
            (
                "internal/server/cors.go",
                "package server\nimport \"net/http\"\nfunc withCORS(w http.ResponseWriter, r *http.Request) {\n\torigin := r.Header.Get(\"Origin\")\n\tif slices.Contains(allowedOrigins, origin) {\n\t\tw.Header().Set(\"Access-Control-Allow-Origin\", origin)\n\t}\n}\n",
            ),
            (
                "internal/server/cors.go",
                "package server\nimport \"net/http\"\nfunc withCORS(w http.ResponseWriter, r *http.Request) {\n\torigin := r.Header.Get(\"Origin\")\n\tif _, ok := allowed[origin]; ok {\n\t\tw.Header().Set(\"Access-Control-Allow-Origin\", origin)\n\t}\n}\n",
            ),
            // Go: a CORS library defining its own defaults, or wrapping its own constructor.
            (
                "middleware/cors.go",
                "package middleware\nvar DefaultCORSConfig = CORSConfig{AllowOrigins: []string{\"*\"}}\nfunc CORS() echo.MiddlewareFunc { return CORSWithConfig(DefaultCORSConfig) }\n",
            ),
            (
                "wrapper/gin/gin.go",
                "package cors\nimport \"github.com/rs/cors\"\nfunc AllowAll() gin.HandlerFunc {\n\treturn corsWrapper{Cors: cors.AllowAll()}.build()\n}\n",
            ),
            // Go: a `cors` package that is not a CORS library, an options value filled in later,
            // a request's headers, and `*` for methods only.
            (
                "internal/api/server.go",
                "package api\nimport \"example.com/app/internal/cors\"\nfunc f() { r.Use(cors.Default()) }\n",
            ),
            (
                "internal/api/server.go",
                "package api\nimport \"github.com/rs/cors\"\nfunc f() {\n\topts := cors.Options{}\n\topts.AllowedOrigins = cfg.Origins\n\t_ = cors.New(opts)\n}\n",
            ),
            (
                "internal/client/client.go",
                "package client\nfunc f(req *http.Request) { req.Header.Set(\"Access-Control-Allow-Origin\", \"*\") }\n",
            ),
            (
                "internal/api/server.go",
                "package api\nfunc f(w http.ResponseWriter) { w.Header().Set(\"Access-Control-Allow-Methods\", \"*\") }\n",
            ),
            // Go: only in development, a wildcard the operator configured, tests.
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/rs/cors\"\nfunc main() {\n\tif cfg.Env == \"development\" {\n\t\thandler = cors.Default().Handler(handler)\n\t}\n}\n",
            ),
            (
                "internal/api/cors.go",
                "package api\nfunc f(w http.ResponseWriter) {\n\tif cfg.AllowOrigin == \"*\" {\n\t\tw.Header().Set(\"Access-Control-Allow-Origin\", \"*\")\n\t}\n}\n",
            ),
            (
                "cors.go",
                "package cors\nfunc (c *Cors) handle(w http.ResponseWriter) {\n\theaders := w.Header()\n\tif c.allowedOriginsAll {\n\t\theaders.Set(\"Access-Control-Allow-Origin\", \"*\")\n\t}\n}\n",
            ),
            (
                "internal/api/cors_test.go",
                "package api\nfunc f(w http.ResponseWriter) { w.Header().Set(\"Access-Control-Allow-Origin\", \"*\") }\n",
            ),
            // Rust: explicit origins, configuration, callbacks that check.
            (
                "src/main.rs",
                "fn app() -> Router {\n    let cors = CorsLayer::new().allow_origin([\"https://app.example.com\".parse::<HeaderValue>().unwrap()]).allow_credentials(true);\n    Router::new().layer(cors)\n}\n",
            ),
            (
                "src/main.rs",
                "fn app(config: &Config) -> CorsLayer {\n    CorsLayer::new().allow_origin(AllowOrigin::list(config.origins.clone()))\n}\n",
            ),
            (
                "src/main.rs",
                "fn app() -> CorsLayer {\n    CorsLayer::new().allow_origin(AllowOrigin::predicate(|origin, _| origin.as_bytes().ends_with(b\".example.com\")))\n}\n",
            ),
            (
                "src/main.rs",
                "use actix_cors::Cors;\nfn cors() -> Cors {\n    Cors::default().allowed_origin(\"https://app.example.com\").supports_credentials()\n}\n",
            ),
            // Rust: a reflected origin checked first, `*` for methods only.
            (
                "src/cors.rs",
                "fn cors(req: &Request, res: &mut Response) {\n    let origin = req.headers().get(header::ORIGIN).cloned();\n    if let Some(origin) = origin.filter(|o| ALLOWED.contains(&o.to_str().unwrap_or(\"\"))) {\n        res.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);\n    }\n}\n",
            ),
            (
                "src/cors.rs",
                "fn cors(res: &mut Response) {\n    res.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(\"*\"));\n}\n",
            ),
            // Rust: only in development, a configured wildcard, tests, a `Cors` that is not actix's.
            (
                "src/main.rs",
                "fn cors() -> CorsLayer {\n    if cfg!(debug_assertions) { CorsLayer::permissive() } else { CorsLayer::new() }\n}\n",
            ),
            ("src/main.rs", "#[cfg(debug_assertions)]\nfn cors() -> CorsLayer {\n    CorsLayer::permissive()\n}\n"),
            (
                "src/cors.rs",
                "pub fn init(origins_str: &str) -> Option<Cors> {\n    let cors = Cors::new();\n    if origins_str == \"*\" {\n        Some(cors.allow_any_origin())\n    } else {\n        None\n    }\n}\n",
            ),
            (
                "src/sync.rs",
                "async fn push(client: &reqwest::Client) {\n    client.post(URL).header(\"Access-Control-Allow-Origin\", \"*\").send().await;\n}\n",
            ),
            ("src/main.rs", "#[cfg(test)]\nmod tests {\n    fn cors() -> CorsLayer { CorsLayer::permissive() }\n}\n"),
            ("src/cors.rs", "fn f() -> Cors { Cors::permissive() }\n"),
            // Seen on real code: a wildcard without credentials where no cookie-authenticated
            // answer is served: image and static-file handlers, public probes, preflight-only
            // branches, answers after an API-key check, and a public GET-only content API.
            (
                "core/frontend/web/middleware/handle-image-sizes.js",
                "module.exports = function handleImageSizes(req, res, next) {\n    res.setHeader('Access-Control-Allow-Origin', '*');\n    next();\n};\n",
            ),
            (
                "open_webui/main.py",
                "class CORSStaticFiles(StaticFiles):\n    async def get_response(self, path, scope):\n        response = await super().get_response(path, scope)\n        response.headers['Access-Control-Allow-Origin'] = '*'\n        return response\n",
            ),
            (
                "cmd/strelaysrv/status.go",
                "package main\nfunc getStatus(w http.ResponseWriter, r *http.Request) {\n\tw.Header().Set(\"Access-Control-Allow-Origin\", \"*\")\n\tjson.NewEncoder(w).Encode(status)\n}\n",
            ),
            (
                "lib/api/api.go",
                "package api\nfunc corsMiddleware(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tif r.Method == \"OPTIONS\" {\n\t\t\tw.Header().Add(\"Access-Control-Allow-Origin\", \"*\")\n\t\t\tw.WriteHeader(204)\n\t\t\treturn\n\t\t}\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n",
            ),
            (
                "lib/api/api_csrf.go",
                "package api\nfunc (m *csrfManager) ServeHTTP(w http.ResponseWriter, r *http.Request) {\n\tif m.apiKeyValidator.IsValidAPIKey(r.Header.Get(\"X-API-Key\")) {\n\t\tw.Header().Add(\"Access-Control-Allow-Origin\", \"*\")\n\t\tm.next.ServeHTTP(w, r)\n\t\treturn\n\t}\n}\n",
            ),
            (
                "src/server.js",
                "app.use((req, res, next) => {\n  if (req.method === 'OPTIONS') {\n    res.setHeader('Access-Control-Allow-Origin', '*');\n    return res.sendStatus(204);\n  }\n  next();\n});\n",
            ),
            (
                "app/views.py",
                "def handle(request):\n    if has_valid_api_key(request):\n        response['Access-Control-Allow-Origin'] = '*'\n    return response\n",
            ),
            (
                "src/cors.rs",
                "impl StaticFiles {\n    fn serve(&self, res: &mut Response) {\n        res.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static(\"*\"));\n    }\n}\n",
            ),
            (
                "api/endpoints/content/middleware.js",
                "const cors = require('cors');\nmodule.exports.authenticatePublic = [\n    shared.middleware.brute.contentApiKey,\n    auth.authenticate.authenticateContentApi,\n    cors(),\n];\n",
            ),
            (
                "api/endpoints/content/routes.js",
                "const cors = require('cors');\nmodule.exports = function apiRoutes() {\n    const router = express.Router('content api');\n    router.use(cors({maxAge: 86400}));\n    router.get('/posts', mw.authenticatePublic, http(api.posts.browse));\n    router.get('/tags', mw.authenticatePublic, http(api.tags.browse));\n    return router;\n};\n",
            ),
            ("src/server.js", "const cors = require('cors');\napp.use('/assets', cors(), express.static('public'));\n"),
        ];
        let fail = [
            ("src/server.ts", "import cors from 'cors';\napp.use(cors({ origin: '*' }));\n"),
            ("src/server.js", "const cors = require('cors');\napp.use(cors());\n"),
            (
                "src/server.js",
                "const cors = require('cors');\nif (process.env.NODE_ENV === 'production') {\n  app.use(cors());\n}\n",
            ),
            ("src/server.ts", "import cors from 'cors';\napp.use(cors({ origin: true, credentials: true }));\n"),
            (
                "src/server.ts",
                "import cors from 'cors';\napp.use(cors({ origin: (origin, cb) => cb(null, true), credentials: true }));\n",
            ),
            (
                "src/server.js",
                "app.use(require('cors')({\n  origin: function (origin, callback) {\n    callback(null, origin);\n  },\n}));\n",
            ),
            (
                "src/server.ts",
                "import cors from 'cors';\nconst corsOptions = { origin: '*', credentials: true };\napp.use(cors(corsOptions));\n",
            ),
            ("src/server.ts", "import cors from 'cors';\napp.use(cors({ origin: process.env.CORS_ORIGIN || '*' }));\n"),
            (
                "src/server.ts",
                "import cors from 'cors';\napp.use(cors({ origin: [/\\.vercel\\.app$/, 'https://app.example.com'] }));\n",
            ),
            (
                "src/server.ts",
                "import cors from 'cors';\napp.use(cors({ origin: [/^http:\\/\\/localhost:\\d+$/, /^https:\\/\\/[a-z0-9-]+\\.lovable\\.app$/] }));\n",
            ),
            ("src/server.ts", "import { cors } from 'hono/cors';\napp.use('/api/*', cors());\n"),
            (
                "src/server.ts",
                "import fastifyCors from '@fastify/cors';\nawait app.register(fastifyCors, { origin: true });\n",
            ),
            ("src/main.ts", "const app = await NestFactory.create(AppModule);\napp.enableCors();\n"),
            (
                "src/api/handler.js",
                "module.exports = (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.end('ok');\n};\n",
            ),
            (
                "src/middleware/cors.js",
                "app.use((req, res, next) => {\n  res.header('Access-Control-Allow-Origin', req.headers.origin);\n  res.header('Access-Control-Allow-Credentials', 'true');\n  next();\n});\n",
            ),
            (
                "src/middleware/cors.ts",
                "export function allowAll(req, res, next) {\n  res.set('Access-Control-Allow-Origin', req.get('origin'));\n  next();\n}\n",
            ),
            (
                "src/middleware/cors.ts",
                "export function allowAll(req, res, next) {\n  const origin = req.headers.origin;\n  res.setHeader('Access-Control-Allow-Origin', origin);\n  next();\n}\n",
            ),
            (
                "src/app/api/chat/route.ts",
                "export async function OPTIONS(request: Request) {\n  const headers = new Headers();\n  headers.set('Access-Control-Allow-Origin', request.headers.get('origin') ?? '*');\n  return new Response(null, { headers });\n}\n",
            ),
            (
                "src/plugins/cors.ts",
                "fastify.addHook('onSend', async (request, reply) => {\n  reply.header('Access-Control-Allow-Origin', '*');\n});\n",
            ),
            (
                "src/app/api/data/route.ts",
                "export async function GET() {\n  return new Response(JSON.stringify(data), {\n    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },\n  });\n}\n",
            ),
            ("src/server.js", "res.writeHead(200, { 'Access-Control-Allow-Origin': '*' });\n"),
            ("src/worker.ts", "const headers = new Headers([['Access-Control-Allow-Origin', '*']]);\n"),
            (
                "next.config.js",
                "module.exports = {\n  async headers() {\n    return [{\n      source: '/api/:path*',\n      headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }],\n    }];\n  },\n};\n",
            ),
            // Python: FastAPI/Starlette
            (
                "main.py",
                "from fastapi.middleware.cors import CORSMiddleware\napp.add_middleware(\n    CORSMiddleware,\n    allow_origins=[\"*\"],\n    allow_credentials=True,\n    allow_methods=[\"*\"],\n    allow_headers=[\"*\"],\n)\n",
            ),
            (
                "main.py",
                "app.add_middleware(\n    CORSMiddleware,\n    allow_origin_regex=r\"https://.*\\.lovable\\.app|http://localhost(:\\d+)?\",\n    allow_credentials=True,\n)\n",
            ),
            (
                "main.py",
                "app.add_middleware(\n    CORSMiddleware,\n    allow_origin_regex=os.getenv(\"CORS_ORIGIN_REGEX\", r\"https://.*\\.lovable\\.(app|dev)|http://localhost:\\d+\"),\n)\n",
            ),
            ("main.py", "origins = [\"*\"]\napp.add_middleware(CORSMiddleware, allow_origins=origins)\n"),
            (
                "main.py",
                "app.add_middleware(CORSMiddleware, allow_origins=os.getenv(\"ALLOWED_ORIGINS\", \"*\").split(\",\"))\n",
            ),
            ("app.py", "middleware = [Middleware(CORSMiddleware, allow_origins=[\"*\"])]\n"),
            // Flask-CORS
            ("app/__init__.py", "from flask_cors import CORS\napp = Flask(__name__)\nCORS(app)\n"),
            ("app/__init__.py", "from flask_cors import CORS\nCORS(app, origins=\"*\", supports_credentials=True)\n"),
            (
                "app/__init__.py",
                "from flask_cors import CORS\nCORS(app, resources={r\"/api/*\": {\"origins\": \"*\"}})\n",
            ),
            (
                "app/views.py",
                "from flask_cors import cross_origin\n\n@app.route(\"/api/data\")\n@cross_origin()\ndef data():\n    return {}\n",
            ),
            // Django settings
            ("project/settings.py", "CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n"),
            ("project/settings.py", "CORS_ORIGIN_ALLOW_ALL = True\n"),
            ("project/settings.py", "CORS_ALLOWED_ORIGIN_REGEXES = [r\"^https://\\w+\\.vercel\\.app$\"]\n"),
            // Headers set by hand
            (
                "app/views.py",
                "@app.after_request\ndef add_cors(response):\n    response.headers[\"Access-Control-Allow-Origin\"] = \"*\"\n    return response\n",
            ),
            (
                "app/views.py",
                "@app.after_request\ndef add_cors(response):\n    response.headers[\"Access-Control-Allow-Origin\"] = request.headers.get(\"origin\")\n    response.headers[\"Access-Control-Allow-Credentials\"] = \"true\"\n    return response\n",
            ),
            ("api/routes.py", "return JSONResponse(content, headers={\"Access-Control-Allow-Origin\": \"*\"})\n"),
            // Go: headers set by hand.
            (
                "internal/api/handler.go",
                "package api\nimport \"net/http\"\nfunc handler(w http.ResponseWriter, r *http.Request) {\n\tw.Header().Set(\"Access-Control-Allow-Origin\", \"*\")\n\tw.Write(data)\n}\n",
            ),
            (
                "internal/api/cors.go",
                "package api\nimport \"net/http\"\nfunc withCORS(w http.ResponseWriter, r *http.Request) {\n\tw.Header().Set(\"Access-Control-Allow-Origin\", r.Header.Get(\"Origin\"))\n\tw.Header().Set(\"Access-Control-Allow-Credentials\", \"true\")\n}\n",
            ),
            (
                "internal/api/cors.go",
                "package api\nimport \"net/http\"\nfunc withCORS(w http.ResponseWriter, r *http.Request) {\n\tif origin := r.Header.Get(\"Origin\"); origin != \"\" {\n\t\tw.Header().Set(\"Access-Control-Allow-Origin\", origin)\n\t}\n}\n",
            ),
            (
                "internal/api/cors.go",
                "package api\nfunc cors(c *gin.Context) {\n\tc.Header(\"Access-Control-Allow-Origin\", \"*\")\n\tc.Next()\n}\n",
            ),
            (
                "internal/api/cors.go",
                "package api\nfunc cors(c echo.Context) error {\n\tc.Response().Header().Set(echo.HeaderAccessControlAllowOrigin, c.Request().Header.Get(echo.HeaderOrigin))\n\treturn nil\n}\n",
            ),
            (
                "internal/api/cors.go",
                "package api\nfunc cors(w http.ResponseWriter) {\n\tw.Header()[\"Access-Control-Allow-Origin\"] = []string{\"*\"}\n}\n",
            ),
            // Go: rs/cors and go-chi/cors.
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/rs/cors\"\nfunc main() {\n\tc := cors.New(cors.Options{AllowedOrigins: []string{\"*\"}, AllowCredentials: true})\n\t_ = c\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/rs/cors\"\nfunc main() {\n\thandler := cors.Default().Handler(mux)\n\t_ = handler\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/rs/cors\"\nfunc main() {\n\thandler := cors.AllowAll().Handler(mux)\n\t_ = handler\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/rs/cors\"\nfunc main() {\n\tc := cors.New(cors.Options{AllowOriginFunc: func(origin string) bool { return true }, AllowCredentials: true})\n\t_ = c\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/rs/cors\"\nfunc main() {\n\tc := cors.New(cors.Options{AllowedMethods: []string{\"GET\", \"POST\"}})\n\t_ = c\n}\n",
            ),
            (
                "internal/server/router.go",
                "package server\nimport \"github.com/go-chi/cors\"\nfunc routes(r chi.Router) {\n\tr.Use(cors.Handler(cors.Options{AllowedOrigins: []string{\"https://*.vercel.app\", \"http://localhost:*\"}}))\n}\n",
            ),
            // Go: gin-contrib/cors.
            (
                "internal/server/router.go",
                "package server\nimport \"github.com/gin-contrib/cors\"\nfunc setup(r *gin.Engine) {\n\tr.Use(cors.Default())\n}\n",
            ),
            (
                "internal/server/router.go",
                "package server\nimport \"github.com/gin-contrib/cors\"\nfunc setup(r *gin.Engine) {\n\tr.Use(cors.New(cors.Config{AllowAllOrigins: true, AllowCredentials: true}))\n}\n",
            ),
            (
                "internal/server/router.go",
                "package server\nimport \"github.com/gin-contrib/cors\"\nfunc setup(r *gin.Engine) {\n\tconfig := cors.DefaultConfig()\n\tconfig.AllowAllOrigins = true\n\tr.Use(cors.New(config))\n}\n",
            ),
            // Go: echo, Fiber, gorilla/handlers.
            (
                "internal/server/router.go",
                "package server\nimport \"github.com/labstack/echo/v4/middleware\"\nfunc setup(e *echo.Echo) {\n\te.Use(middleware.CORS())\n}\n",
            ),
            (
                "internal/server/router.go",
                "package server\nimport \"github.com/labstack/echo/v4/middleware\"\nfunc setup(e *echo.Echo) {\n\te.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: []string{\"*\"}, AllowCredentials: true}))\n}\n",
            ),
            (
                "internal/server/router.go",
                "package server\nimport \"github.com/labstack/echo/v4/middleware\"\nfunc setup(e *echo.Echo) {\n\te.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowOriginFunc: func(origin string) (bool, error) { return true, nil }}))\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/gofiber/fiber/v2/middleware/cors\"\nfunc main() {\n\tapp.Use(cors.New())\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/gofiber/fiber/v2/middleware/cors\"\nfunc main() {\n\tapp.Use(cors.New(cors.Config{AllowOrigins: \"*\"}))\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/gorilla/handlers\"\nfunc main() {\n\thttp.ListenAndServe(\":8080\", handlers.CORS(handlers.AllowedOrigins([]string{\"*\"}))(r))\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nimport \"github.com/gorilla/handlers\"\nfunc main() {\n\thttp.ListenAndServe(\":8080\", handlers.CORS()(r))\n}\n",
            ),
            // Rust: tower-http, actix-cors, warp.
            ("src/main.rs", "fn app() -> Router {\n    Router::new().layer(CorsLayer::permissive())\n}\n"),
            ("src/main.rs", "fn app() -> Router {\n    Router::new().layer(CorsLayer::very_permissive())\n}\n"),
            (
                "src/main.rs",
                "use tower_http::cors::{Any, CorsLayer};\nfn cors() -> CorsLayer {\n    CorsLayer::new().allow_origin(Any).allow_methods(Any)\n}\n",
            ),
            (
                "src/main.rs",
                "fn cors() -> CorsLayer {\n    CorsLayer::new().allow_origin(AllowOrigin::mirror_request()).allow_credentials(true)\n}\n",
            ),
            (
                "src/main.rs",
                "use actix_cors::Cors;\nfn cors() -> Cors {\n    Cors::default().allow_any_origin().supports_credentials()\n}\n",
            ),
            ("src/main.rs", "use actix_cors::Cors;\nfn cors() -> Cors {\n    Cors::permissive()\n}\n"),
            (
                "src/main.rs",
                "use actix_cors::Cors;\nfn cors() -> Cors {\n    Cors::default().allowed_origin_fn(|_origin, _req| true)\n}\n",
            ),
            ("src/routes.rs", "fn routes() {\n    let cors = warp::cors().allow_any_origin();\n}\n"),
            // Rust: headers set by hand.
            (
                "src/cors.rs",
                "fn cors(res: &mut Response) {\n    res.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static(\"*\"));\n}\n",
            ),
            (
                "src/handlers.rs",
                "async fn index() -> HttpResponse {\n    HttpResponse::Ok().insert_header((\"Access-Control-Allow-Origin\", \"*\")).finish()\n}\n",
            ),
            (
                "src/cors.rs",
                "fn cors(req: &Request, res: &mut Response) {\n    if let Some(origin) = req.headers().get(header::ORIGIN) {\n        res.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());\n    }\n}\n",
            ),
            // Still reported: credentials or a reflected origin in those places, a wildcard on a
            // router that also takes writes, and a negated API-key check.
            (
                "src/middleware/images.js",
                "module.exports = function handleImages(req, res, next) {\n    res.setHeader('Access-Control-Allow-Origin', '*');\n    res.setHeader('Access-Control-Allow-Credentials', 'true');\n    next();\n};\n",
            ),
            (
                "lib/api/api.go",
                "package api\nfunc cors(w http.ResponseWriter, r *http.Request) {\n\tif r.Method == \"OPTIONS\" {\n\t\tw.Header().Set(\"Access-Control-Allow-Origin\", r.Header.Get(\"Origin\"))\n\t}\n}\n",
            ),
            (
                "web/members/app.js",
                "const cors = require('cors');\nmodule.exports = function setupMembersApp() {\n    const membersApp = express('members');\n    membersApp.use(cors({maxAge: 86400}));\n    membersApp.get('/api/member', getMember);\n    membersApp.put('/api/member', updateMember);\n    return membersApp;\n};\n",
            ),
            (
                "lib/api/api_csrf.go",
                "package api\nfunc (m *csrfManager) ServeHTTP(w http.ResponseWriter, r *http.Request) {\n\tif !m.apiKeyValidator.IsValidAPIKey(r.Header.Get(\"X-API-Key\")) {\n\t\tw.Header().Add(\"Access-Control-Allow-Origin\", \"*\")\n\t}\n}\n",
            ),
            (
                "lib/index.js",
                "var cors = require('cors');\nvar corsHandler = cors({\n   origin: \"*\",\n   methods: \"GET,PUT,POST,DELETE\"\n});\nadminApp.use(corsHandler);\n",
            ),
        ];
        Tester::new::<CorsPermissive>(pass, fail).test_and_snapshot();
    }

    #[test]
    fn development_conditions() {
        use super::super::development_only;
        for (condition, expected) in [
            ("process.env.NODE_ENV === 'development'", Some(true)),
            ("process.env.NODE_ENV !== 'production'", Some(true)),
            ("!isProduction", Some(true)),
            ("settings.DEBUG", Some(true)),
            ("not settings.DEBUG", Some(false)),
            ("process.env.NODE_ENV === 'production'", Some(false)),
            ("settings.ENVIRONMENT not in (\"production\", \"staging\")", Some(true)),
            ("req.method === 'OPTIONS'", None),
        ] {
            assert_eq!(development_only(condition), expected, "{condition}");
        }
    }

    #[test]
    fn origin_regexes() {
        for (pattern, expected) in [
            (r"https://.*\.vercel\.app", vec!["any subdomain of `vercel.app`"]),
            (r"\.vercel\.app$", vec!["any subdomain of `vercel.app`"]),
            (r"^https://[a-z0-9-]+\.netlify\.app$", vec!["any subdomain of `netlify.app`"]),
            (r"^https:\/\/([\w-]+\.)*pages\.dev$", vec!["any subdomain of `pages.dev`"]),
            (r"^https://(.*\.)?onrender\.com$", vec!["any subdomain of `onrender.com`"]),
            (r"https://.*\.up\.railway\.app", vec!["any subdomain of `up.railway.app`"]),
            (
                r"https://.*\.lovable\.(app|dev)",
                vec!["any subdomain of `lovable.app`", "any subdomain of `lovable.dev`"],
            ),
            (r"http://localhost(:\d+)?", vec!["any `localhost` port"]),
            (r"^http://127\.0\.0\.1:[0-9]{4}$", vec!["any `localhost` port"]),
            (r"http://localhost.*", vec!["any `localhost` port"]),
            // Explicit hosts, the company's own domain, a fixed port.
            (r"^https://myapp\.vercel\.app$", vec![]),
            (r"^https://myapp-[a-z0-9]+-myteam\.vercel\.app$", vec![]),
            (r"^https://([a-z0-9-]+\.)?example\.com$", vec![]),
            (r"^https://(www\.)?vercel\.app$", vec![]),
            (r"^https://notvercel\.app$", vec![]),
            (r"^https://x\.vercel\.app\.example\.com$", vec![]),
            (r"^http://localhost:3000$", vec![]),
            (r"^http://localhost$", vec![]),
        ] {
            assert_eq!(super::regex_allows(pattern), expected, "{pattern}");
        }
    }
}
