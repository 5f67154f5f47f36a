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
use shipready_lang::{FileRole, Language};

use super::{development_only, excerpt};
use crate::context::{FileInfo, IntoSpan, JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::{js, py};
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
    /// - a wildcard used as the fallback of a configured value (`process.env.ORIGIN || '*'`).
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
    ///
    /// ## Use instead
    /// ```ts
    /// app.use(cors({ origin: process.env.ALLOWED_ORIGINS.split(','), credentials: true }));
    /// ```
    /// ```python
    /// app.add_middleware(CORSMiddleware, allow_origins=settings.ALLOWED_ORIGINS, allow_credentials=True)
    /// ```
    ///
    /// ## Known limitations
    /// Origins built in another module or read from configuration are trusted. A reflected origin
    /// is accepted when the function compares it with something first (an allow-list lookup, a
    /// regex test, an equality check). Flask-CORS's `CORS(app)` is not reported when the file sets
    /// `CORS_ORIGINS`/`CORS_RESOURCES` or loads the app config from elsewhere. Dev-server
    /// configuration (`vite.config.*`, `webpack.config.*`…) is not checked.
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
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const ROLES: &'static [FileRole] = &[FileRole::Source, FileRole::Config];
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
        Problem::Regex(allows) => {
            let allows = match allows.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => allows.join(""),
            };
            format!("CORS origin regex `{value}` allows {allows}{with}")
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
    let name = file.file_name().to_ascii_lowercase();
    file.role == FileRole::Config && DEV_TOOLS.iter().any(|tool| name.starts_with(tool))
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
    if js::dotted_path(&call.callee).is_some_and(|path| path.ends_with("NestFactory.create")) {
        if let Some(Expression::ObjectExpression(options)) = js::arg(call, 1).map(js::inner)
            && let Some(cors) = js::object_property(options, "cors")
        {
            if js::is_true(cors) {
                push(out, cors.span(), message(&Problem::Wildcard, "cors: true", "", false));
            } else {
                js_check_options(&JsSetup { options: Some(cors), default: Problem::DefaultWildcard }, call, ctx, out);
            }
        }
        return;
    }
    if let Some(setup) = js_cors_setup(call, ctx) {
        js_check_options(&setup, call, ctx, out);
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
    let default_for = |source: &str| match source {
        "cors" | "hono/cors" | "@fastify/cors" | "fastify-cors" => Some(Problem::DefaultWildcard),
        "@koa/cors" => Some(Problem::DefaultReflected),
        _ => None,
    };
    let source_of = |expr: &'e Expression<'a>| -> Option<&'e str> {
        match js::inner(expr) {
            Expression::Identifier(ident) => js::import_source(ctx.semantic, ident),
            Expression::CallExpression(require) => require.common_js_require().map(|source| source.value.as_str()),
            _ => None,
        }
    };
    match js::method_name(call) {
        Some("register") => {
            let source = js::arg(call, 0).and_then(source_of)?;
            let default = default_for(source).filter(|_| source.contains("fastify"))?;
            Some(JsSetup { options: js::arg(call, 1), default })
        }
        Some("enableCors") => Some(JsSetup { options: js::arg(call, 0), default: Problem::DefaultWildcard }),
        Some(_) => None,
        None => {
            let default = default_for(source_of(&call.callee)?)?;
            Some(JsSetup { options: js::arg(call, 0), default })
        }
    }
}

fn js_check_options<'a>(setup: &JsSetup<'_, 'a>, call: &CallExpression<'a>, ctx: &JsContext<'a, '_>, out: &mut Found) {
    let options = setup.options.map(|options| js_resolve(options, ctx));
    let shown = excerpt(ctx.text_of(call));
    let object = match options.map(js::inner) {
        None => {
            push(out, call.span, message(&setup.default, &shown, "", false));
            return;
        }
        Some(Expression::ObjectExpression(object)) => object,
        // Options built elsewhere, or a function computing them per request.
        Some(_) => return,
    };
    let credentials = js::object_property(object, "credentials").is_some_and(js::is_true);
    let Some(origin) = js::object_property(object, "origin") else {
        push(out, call.span, message(&setup.default, &shown, "", credentials));
        return;
    };
    for (span, problem) in js_origin_value(origin, ctx, 0) {
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
