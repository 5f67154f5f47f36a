use std::borrow::Cow;

use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{CallExpression, Declaration, Expression, FunctionBody, Statement};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind, Stmt};
use shipready_lang::ruff::text_size::{Ranged, TextRange};

use super::development_only;
use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds HTTP routes that exist for development or testing and are registered
    /// unconditionally: routes whose path marks them as debug, test, seed, reset or dev
    /// endpoints (`/debug`, `/api/test`, `/seed`, `/api/client/reset`, `/send-test-email`,
    /// `/_dev/login`) or whose handler is named that way (`send_test_email`, `reset_database`,
    /// `seedDb`). Covers FastAPI/Flask/Starlette decorators, `add_url_rule`/`add_api_route`,
    /// Django `path()` in `urls.py`, Express/Fastify/Koa/Hono `app.get('/…', handler)`,
    /// `route({ path })`, NestJS `@Get()` under `@Controller()`, and Next.js route files
    /// (`app/api/seed/route.ts`, `pages/api/debug.ts`).
    ///
    /// A route counts as guarded, and stays silent, when it is registered inside a branch that
    /// only runs outside production (`if settings.ENV != "production":`,
    /// `if (process.env.NODE_ENV !== 'production')`, `if settings.ENABLE_DANGEROUS_ENDPOINTS:`),
    /// after an early `return` on such a check, when its handler starts by checking the
    /// environment, when a middleware, decorator or dependency named for it (`devOnly`,
    /// `Depends(require_debug)`) protects it, or when its router is only mounted under such a
    /// guard in the same file. A route that a middleware, decorator or dependency restricts to
    /// administrators (`Depends(get_admin_user)`, `requireAdmin`, `@permission_required`,
    /// `@UseGuards(RolesGuard)`) is an admin feature and stays silent too, and so is a reset
    /// behind a signed-in-user check (`Depends(get_verified_user)`, `@login_required`), which
    /// resets what that user may reset; a debug, seed or test route behind a plain sign-in is
    /// still reported. A test path under a resource (`/webhooks/:id/test`, or `/test` on
    /// a router with a prefix) or whose handler names what it tests (`test_smtp_connection`),
    /// resetting one resource (`/knowledge/{id}/reset`) and password and token resets
    /// (`/password/reset`, `/reset/:token`) are not dangerous endpoints.
    ///
    /// ## Why is this bad?
    /// Debug and test endpoints skip the checks real endpoints make: they reset data, seed
    /// accounts, send email to any address, or dump internal state. Shipped to production
    /// without a guard they are an unauthenticated (or barely authenticated) way to destroy
    /// data or abuse the service.
    ///
    /// ## Example
    /// ```python
    /// @router.post("/send-test-email")
    /// async def send_test_email(to: str):
    ///     await mailer.send(to, "Test", "It works")
    /// ```
    /// ```ts
    /// app.post("/api/client/reset", resetClient);
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// if settings.ENV != "production":
    ///     app.include_router(dev_router)
    /// ```
    /// ```ts
    /// if (process.env.ENABLE_DANGEROUS_ENDPOINTS === "true") {
    ///   app.post("/api/client/reset", resetClient);
    /// }
    /// ```
    ///
    /// ## Known limitations
    /// A router defined in one file and mounted under a guard in another is still reported:
    /// the guard is only seen when it is in the same file.
    pub(crate) struct DangerousEndpoint {
        id: "dangerous-endpoint",
        area: Security,
        severity: High,
        since: "0.1.0",
        title: "Debug, test or reset endpoint without an environment guard",
        rationale: "Debug, test and reset endpoints shipped to production let anyone destroy data or abuse the service.",
        fix: "Register dev-only routes only when an explicit non-production setting is on, or remove them.",
    }
}

/// Python decorator methods that register a route.
const PY_ROUTE_METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "route", "api_route", "head", "options"];
/// JS methods that register a route when their first argument is a path.
const JS_ROUTE_METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "del", "all", "use", "head", "options"];
/// npm packages whose import makes a module's `x.get('/path', handler)` calls routes.
const JS_SERVER_PACKAGES: &[&str] = &[
    "express",
    "fastify",
    "koa",
    "@koa/router",
    "koa-router",
    "hono",
    "restify",
    "polka",
    "@hapi/hapi",
    "router",
    "express-promise-router",
];
/// Path segments that only prefix a route (`/api/v1/test` is a top-level test route).
const PREFIX_SEGMENTS: &[&str] = &["api", "internal", "private", "public", "rest", "_", "admin", "app"];
/// Words of a handler name that say nothing about what a `/test` route tests.
const GENERIC_HANDLER_WORDS: &[&str] = &[
    "test", "tests", "testing", "endpoint", "route", "handler", "handle", "api", "get", "post", "run", "index", "main",
    "dummy", "hello", "ping", "view", "views", "as", "func", "fn", "async", "do", "it", "me", "this", "page",
];
/// Words that make a reset route a user feature (password reset, filter reset), not a data wipe.
const USER_RESET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "pass",
    "credential",
    "credentials",
    "token",
    "mfa",
    "2fa",
    "otp",
    "totp",
    "pin",
    "key",
    "apikey",
    "secret",
    "auth",
    "forgot",
    "login",
    "account",
    "verify",
    "verification",
    "email",
    "link",
    "view",
    "zoom",
    "filter",
    "filters",
    "layout",
    "preference",
    "preferences",
    "form",
    "session",
    "sessions",
];

impl Rule for DangerousEndpoint {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] =
        &[AstType::CallExpression, AstType::Decorator, AstType::ExportDeclaration, AstType::ExportDefaultDeclaration];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::StmtFunctionDef, NodeKind::ExprCall];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        match node.kind() {
            AstKind::CallExpression(call) => js_route_call(call, node, ctx),
            AstKind::Decorator(_) => js_nest_route(node, ctx),
            AstKind::ExportDeclaration(_) | AstKind::ExportDefaultDeclaration(_) => js_file_route(node, ctx),
            _ => {}
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        match node {
            AnyNodeRef::StmtFunctionDef(function) => py_decorated_route(function, ctx),
            AnyNodeRef::ExprCall(call) => py_route_call(call, ctx),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What makes a route dangerous, and what guards it: shared by both languages.

/// Why a route path is a dev-only endpoint, if it is one. `context` is what else names the route
/// (its handler, view or route name), which can show that a reset is a password reset.
fn dangerous_path(path: &str, context: &str) -> Option<&'static str> {
    let segments: Vec<(Vec<String>, bool)> = path
        .trim_start_matches('^')
        .trim_end_matches('$')
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let param = segment.starts_with([':', '{', '<', '(', '*', '[', '$']);
            (split_words(segment), param)
        })
        .collect();
    let words = |s: &(Vec<String>, bool)| s.0.clone();
    let all_words: Vec<String> = segments.iter().flat_map(words).chain(split_words(context)).collect();
    let has = |list: &[String], word: &str| list.iter().any(|w| w == word);
    for (index, (segment, param)) in segments.iter().enumerate() {
        if *param {
            continue;
        }
        if has(segment, "debug") {
            return Some("a debug endpoint");
        }
        if has(segment, "seed") {
            return Some("a seed endpoint");
        }
        if has(segment, "dev") {
            return Some("a dev endpoint");
        }
        if has(segment, "test") && ["email", "mail", "sms", "emails"].iter().any(|w| has(segment, w))
            || segment.iter().any(|w| w == "testemail" || w == "testmail")
        {
            return Some("a test email endpoint");
        }
        let test = matches!(segment.as_slice(), [only] if matches!(only.as_str(), "test" | "tests" | "testing"));
        let top_level = segments[..index].iter().all(|(words, param)| {
            !param
                && words.iter().all(|w| {
                    PREFIX_SEGMENTS.contains(&w.as_str())
                        || (w.len() > 1 && w.starts_with('v') && w[1..].chars().all(|c| c.is_ascii_digit()))
                })
        });
        // `/test` itself, not a feature that tests something (`/test` → `test_smtp_connection`).
        let tests_something = split_words(context).iter().any(|w| !GENERIC_HANDLER_WORDS.contains(&w.as_str()));
        if test && top_level && !tests_something {
            return Some("a test endpoint");
        }
        // Resetting one resource (`/knowledge/{id}/reset`) is a feature; resetting a whole
        // collection or the app (`/api/client/reset`, `/reset/db`) is a wipe.
        let reset = segment.iter().any(|w| matches!(w.as_str(), "reset" | "wipe" | "nuke"));
        let per_resource = segments[..index].iter().any(|(_, param)| *param);
        if reset && !per_resource && !all_words.iter().any(|w| USER_RESET_WORDS.contains(&w.as_str())) {
            return Some("a reset endpoint");
        }
    }
    None
}

/// Why a handler's name marks it as a dev-only endpoint: `send_test_email`, `reset_database`,
/// `seedDb`, `debug_state`.
fn dangerous_handler(name: &str) -> Option<&'static str> {
    let words = split_words(name);
    let has = |word: &str| words.iter().any(|w| w == word);
    if has("test") && (has("email") || has("mail") || has("sms")) {
        return Some("a test email endpoint");
    }
    if ["reset", "wipe", "drop", "truncate", "nuke", "purge"].iter().any(|w| has(w))
        && ["database", "db", "data", "all", "everything", "tables"].iter().any(|w| has(w))
    {
        return Some("a reset endpoint");
    }
    if has("seed") {
        return Some("a seed endpoint");
    }
    if has("debug") {
        return Some("a debug endpoint");
    }
    None
}

/// Whether a condition text is a feature flag for risky behaviour rather than an environment
/// check: `ENABLE_DANGEROUS_ENDPOINTS`, `allow_test_routes`, `TESTING`.
fn mentions_flag(condition: &str) -> bool {
    let lower = condition.to_ascii_lowercase();
    ["enable", "allow", "dangerous", "testing", "test_mode", "testmode", "e2e", "feature", "is_test", "istest"]
        .iter()
        .any(|word| lower.contains(word))
}

/// Whether code under `condition` (on the branch `taken`) only runs outside production.
fn env_guard(condition: &str, taken: bool) -> bool {
    match development_only(condition) {
        Some(development) => development == taken,
        None => taken && mentions_flag(condition),
    }
}

/// Whether a condition checks the environment or a risky-feature flag at all.
fn is_guard_test(condition: &str) -> bool {
    development_only(condition).is_some() || mentions_flag(condition)
}

/// Whether a middleware, decorator or dependency is named for an environment check:
/// `devOnly`, `require_debug`, `ensureNotProduction`, `Depends(dev_mode)`.
fn names_environment(text: &str) -> bool {
    split_words(text).iter().any(|word| {
        matches!(
            word.as_str(),
            "dev"
                | "devonly"
                | "debug"
                | "development"
                | "production"
                | "prod"
                | "nonprod"
                | "env"
                | "environment"
                | "dangerous"
                | "testing"
                | "local"
        )
    })
}

/// Words of a middleware, decorator or dependency that restricts a route to administrators:
/// `Depends(get_admin_user)`, `requireAdmin`, `@permission_required(...)`, `@UseGuards(RolesGuard)`.
const ADMIN_WORDS: &[&str] = &[
    "admin",
    "admins",
    "administrator",
    "superuser",
    "superadmin",
    "staff",
    "sudo",
    "permission",
    "permissions",
    "role",
    "roles",
];
/// Words of one that requires a signed-in user: `Depends(get_verified_user)`, `authenticate`,
/// `@login_required`, `ensureLoggedIn`, `@UseGuards(AuthGuard('jwt'))`.
const AUTH_WORDS: &[&str] = &[
    "auth",
    "authenticate",
    "authenticated",
    "authentication",
    "authorize",
    "authorized",
    "authorization",
    "login",
    "logged",
    "verified",
    "jwt",
    "oauth2",
    "bearer",
];

/// Whether a middleware, decorator or dependency guards a route that looks like `why` well
/// enough to make it a feature: an environment check always; an admin check always (an
/// admin-only reset or debug view is an admin feature, not a forgotten dev route); a signed-in
/// user check for resets, which then reset what the user may reset.
fn names_guard(text: &str, why: &str) -> bool {
    let words = split_words(text);
    let has = |list: &[&str]| words.iter().any(|word| list.contains(&word.as_str()));
    let current_user = words.windows(2).any(|pair| pair[0] == "current" && pair[1] == "user");
    names_environment(text) || has(ADMIN_WORDS) || (why == "a reset endpoint" && (has(AUTH_WORDS) || current_user))
}

/// Whether `name` is mounted or included (used as a value, not called on) under a guard in
/// `guarded`: `app.include_router(debug_router)`, `app.use('/dev', devRouter)`.
fn used_as_value(guarded: &str, name: &str) -> bool {
    guarded.match_indices(name).any(|(start, _)| {
        let before = guarded[..start].chars().next_back();
        let after = guarded[start + name.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$'));
        boundary(before) && boundary(after) && after != Some('.')
    })
}

fn message(method: &str, path: &str, why: &str) -> String {
    if path.is_empty() {
        format!("`{method}` handler looks like {why} and is registered without an environment guard")
    } else if matches!(method, "ROUTE" | "path") {
        format!("route `{path}` looks like {why} and is registered without an environment guard")
    } else {
        format!("route `{method} {path}` looks like {why} and is registered without an environment guard")
    }
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

fn js_route_call<'a>(call: &CallExpression<'a>, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
    let Some(method) = js::method_name(call) else { return };
    if method != "route" && !JS_ROUTE_METHODS.contains(&method) {
        return;
    }
    let Some(receiver) = js::method_receiver(call) else { return };
    let receiver_path = js::dotted_path(receiver).unwrap_or_default();
    let receiver_name = receiver_path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    let routing_receiver =
        matches!(receiver_name.as_str(), "app" | "router" | "server" | "fastify" | "instance" | "routes")
            || receiver_name.ends_with("router")
            || receiver_name.ends_with("app");
    if !routing_receiver && !JS_SERVER_PACKAGES.iter().any(|package| ctx.imports_module(package)) {
        return;
    }
    let (path, handler, middleware): (Cow<'a, str>, Option<&Expression<'a>>, &[_]) = if method == "route" {
        // Fastify/Hapi: `route({ method, url | path, handler })`
        let Some(Expression::ObjectExpression(options)) = js::arg(call, 0).map(js::inner) else { return };
        let Some(path) = js::object_property(options, "url").or_else(|| js::object_property(options, "path")) else {
            return;
        };
        let Some(path) = js::static_string(path) else { return };
        (path, js::object_property(options, "handler"), &[])
    } else if JS_ROUTE_METHODS.contains(&method) {
        let Some(path) = js::arg(call, 0).and_then(js::static_string) else { return };
        if !path.starts_with('/') || call.arguments.len() < 2 {
            return;
        }
        let last = call.arguments.last().and_then(|a| a.as_expression()).map(js::inner);
        if matches!(last, None | Some(Expression::ObjectExpression(_) | Expression::StringLiteral(_))) {
            return;
        }
        (path, last, &call.arguments[1..call.arguments.len() - 1])
    } else {
        return;
    };
    let handler_name = handler.and_then(|handler| match js::inner(handler) {
        Expression::FunctionExpression(function) => function.id.as_ref().map(|id| id.name.as_str().to_string()),
        Expression::CallExpression(_) => None,
        other => js::expr_name(other).map(Cow::into_owned),
    });
    let context = handler_name.as_deref().unwrap_or_default();
    let Some(why) = dangerous_path(&path, context).or_else(|| handler_name.as_deref().and_then(dangerous_handler))
    else {
        return;
    };
    let guarded_by_middleware = middleware.iter().any(|arg| names_guard(ctx.file.slice(arg.span()), why));
    if guarded_by_middleware
        || js_guarded(node, ctx)
        || handler.is_some_and(|handler| js_handler_checks_environment(handler, ctx))
        || js_mounted_under_guard(&receiver_path, ctx)
    {
        return;
    }
    let shown = if method == "route" { "ROUTE".to_string() } else { method.to_ascii_uppercase() };
    ctx.report(call.span, message(&shown, &path, why));
}

/// Whether a node only runs outside production: inside a guarded branch, or after an early
/// `return` on an environment check in an enclosing function.
fn js_guarded<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    if js::enclosing_conditions(ctx.nodes(), node).into_iter().any(|(test, taken)| env_guard(ctx.text_of(test), taken))
    {
        return true;
    }
    let span = node.kind().span();
    ctx.ancestors(node).any(|ancestor| {
        let AstKind::FunctionBody(body) = ancestor.kind() else { return false };
        body.statements.iter().take_while(|statement| statement.span().end <= span.start).any(|statement| {
            matches!(statement, Statement::IfStatement(branch)
                if is_guard_test(ctx.text_of(&branch.test)) && exits(ctx.text_of(&branch.consequent)))
        })
    })
}

fn exits(text: &str) -> bool {
    text.contains("return") || text.contains("throw") || text.contains("raise") || text.contains("abort")
}

/// Whether a handler's body starts by checking the environment: inline functions and functions
/// declared in the same file.
fn js_handler_checks_environment<'a>(handler: &Expression<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let body: Option<&FunctionBody<'a>> = match js::inner(handler) {
        Expression::Identifier(ident) => {
            js::declaration_of(ctx.semantic, ident).and_then(|declaration| match declaration.kind() {
                AstKind::Function(function) => function.body.as_deref(),
                AstKind::VariableDeclarator(declarator) => declarator.init.as_ref().and_then(js::function_body),
                _ => None,
            })
        }
        other => js::function_body(other),
    };
    body.is_some_and(|body| {
        body.statements.iter().any(
            |statement| matches!(statement, Statement::IfStatement(branch) if is_guard_test(ctx.text_of(&branch.test))),
        )
    })
}

/// Whether the router the route is registered on is mounted only under a guard in this file.
fn js_mounted_under_guard(receiver: &str, ctx: &JsContext<'_, '_>) -> bool {
    if receiver.is_empty() || receiver.contains('.') {
        return false;
    }
    ctx.nodes().iter().any(|node| match node.kind() {
        AstKind::IfStatement(branch) => {
            env_guard(ctx.text_of(&branch.test), true) && used_as_value(ctx.text_of(&branch.consequent), receiver)
        }
        _ => false,
    })
}

/// NestJS: `@Get('debug')` on a method of a `@Controller('…')` class.
fn js_nest_route<'a>(node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
    let AstKind::Decorator(decorator) = node.kind() else { return };
    let Expression::CallExpression(call) = js::inner(&decorator.expression) else { return };
    let Some(method @ ("Get" | "Post" | "Put" | "Patch" | "Delete" | "All")) = call.callee_name() else { return };
    let route = js::arg(call, 0).and_then(js::static_string).unwrap_or_default();
    let AstKind::MethodDefinition(definition) = ctx.parent(node).kind() else { return };
    let handler = definition.key.static_name().unwrap_or_default();
    let class = ctx.ancestors(node).find_map(|ancestor| match ancestor.kind() {
        AstKind::Class(class) => Some(class),
        _ => None,
    });
    let prefix = class
        .and_then(|class| {
            class.decorators.iter().find_map(|decorator| match js::inner(&decorator.expression) {
                Expression::CallExpression(call) if call.callee_name() == Some("Controller") => {
                    js::arg(call, 0).and_then(js::static_string)
                }
                _ => None,
            })
        })
        .unwrap_or_default();
    let path = format!("/{}/{}", prefix.trim_matches('/'), route.trim_matches('/')).replace("//", "/");
    let Some(why) = dangerous_path(&path, &handler).or_else(|| dangerous_handler(&handler)) else { return };
    let other_decorators = definition
        .decorators
        .iter()
        .chain(class.map(|class| class.decorators.iter()).into_iter().flatten())
        .filter(|other| other.span != decorator.span)
        .filter(|other| !matches!(js::inner(&other.expression), Expression::CallExpression(c) if c.callee_name() == Some("Controller")))
        .any(|other| names_guard(ctx.text_of(other), why));
    let body_checks = definition.value.body.as_ref().is_some_and(|body| {
        body.statements.iter().any(
            |statement| matches!(statement, Statement::IfStatement(branch) if is_guard_test(ctx.text_of(&branch.test))),
        )
    });
    if other_decorators || body_checks {
        return;
    }
    let path = path.trim_end_matches('/');
    ctx.report(decorator.span, message(&method.to_ascii_uppercase(), if path.is_empty() { "/" } else { path }, why));
}

/// Next.js file routes: `export async function POST()` in `app/api/seed/route.ts`, or the
/// default export of `pages/api/debug.ts`.
fn js_file_route<'a>(node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
    let segments: Vec<&str> = ctx.file.path.split('/').collect();
    let Some((file, dirs)) = segments.split_last() else { return };
    let stem = file.split('.').next().unwrap_or_default();
    let (route, method, span) = match node.kind() {
        AstKind::ExportDeclaration(export) => {
            let Some(app) = dirs.iter().rposition(|dir| *dir == "app") else { return };
            if stem != "route" {
                return;
            }
            let name = match &export.declaration {
                Declaration::FunctionDeclaration(function) => function.id.as_ref().map(|id| id.name.as_str()),
                Declaration::VariableDeclaration(declaration) => declaration
                    .declarations
                    .first()
                    .and_then(|declarator| declarator.id.get_identifier_name())
                    .map(|name| name.as_str()),
                _ => None,
            };
            let Some(method @ ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")) = name else { return };
            (dirs[app + 1..].join("/"), method.to_string(), export.span)
        }
        AstKind::ExportDefaultDeclaration(export) => {
            let Some(pages) = dirs.windows(2).position(|pair| pair == ["pages", "api"]) else { return };
            let mut route = dirs[pages + 1..].join("/");
            if stem != "index" {
                route = format!("{route}/{stem}");
            }
            (route, "handler".to_string(), export.span)
        }
        _ => return,
    };
    // Route groups `(admin)` and private folders `_lib` are not part of the URL.
    let route: Vec<&str> = route.split('/').filter(|s| !s.starts_with('(')).collect();
    let path = format!("/{}", route.join("/"));
    let Some(why) = dangerous_path(&path, "") else { return };
    let file_checks = ctx.nodes().iter().any(|node| match node.kind() {
        AstKind::IfStatement(branch) => is_guard_test(ctx.text_of(&branch.test)),
        AstKind::ConditionalExpression(conditional) => is_guard_test(ctx.text_of(&conditional.test)),
        _ => false,
    });
    if !file_checks {
        let shown = if method == "handler" { "ALL".to_string() } else { method };
        ctx.report(span, message(&shown, &path, why));
    }
}

// ---------------------------------------------------------------------------------------------
// Python

fn py_decorated_route<'a>(function: &'a py_ast::StmtFunctionDef, ctx: &mut PyContext<'a, '_>) {
    let route = function.decorator_list.iter().find_map(|decorator| {
        let Expr::Call(call) = &decorator.expression else { return None };
        let Expr::Attribute(attribute) = call.func.as_ref() else { return None };
        let method = attribute.attr.as_str();
        if !PY_ROUTE_METHODS.contains(&method) {
            return None;
        }
        let path = call.arguments.args.first().or_else(|| py::keyword(call, "path")).and_then(py::string_value);
        // A route decorator takes a path; `@cache.get()` and the like do not.
        if path.is_none() && !call.arguments.args.is_empty() {
            return None;
        }
        Some((decorator, call, attribute, method, path.unwrap_or_default()))
    });
    let Some((decorator, call, attribute, method, path)) = route else { return };
    if !path.is_empty() && !path.starts_with('/') {
        return;
    }
    // `router = APIRouter(prefix="/webhooks")`, `bp = Blueprint(..., url_prefix="/admin")`
    let prefix = match attribute.value.as_ref() {
        Expr::Name(receiver) => match py::sole_assignment(&ctx.module.body, receiver.id.as_str()) {
            Some(Expr::Call(factory)) => py::keyword(factory, "prefix")
                .or_else(|| py::keyword(factory, "url_prefix"))
                .and_then(py::string_value)
                .unwrap_or_default(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    let path =
        if prefix.is_empty() || path.is_empty() { path } else { format!("{}{path}", prefix.trim_end_matches('/')) };
    let Some(why) = dangerous_path(&path, function.name.as_str()).or_else(|| dangerous_handler(function.name.as_str()))
    else {
        return;
    };
    let keywords_guard = call.arguments.keywords.iter().any(|keyword| names_guard(ctx.text_of(&keyword.value), why));
    let decorators_guard = function
        .decorator_list
        .iter()
        .filter(|other| other.range != decorator.range)
        .any(|other| names_guard(ctx.text_of(&other.expression), why));
    let parameters_guard = function
        .parameters
        .iter_non_variadic_params()
        .filter_map(|param| param.default.as_deref())
        .any(|default| names_guard(ctx.text_of(default), why));
    if keywords_guard
        || decorators_guard
        || parameters_guard
        || py_body_checks_environment(&function.body, ctx)
        || py_guarded(function.range, ctx)
        || py_router_included_under_guard(&attribute.value, ctx)
    {
        return;
    }
    let shown = match method {
        "route" | "api_route" => "ROUTE".to_string(),
        other => other.to_ascii_uppercase(),
    };
    let path = if path.is_empty() { String::new() } else { path };
    let mut text = message(&shown, &path, why);
    if path.is_empty() {
        text = message(&format!("{}()", function.name.as_str()), "", why);
    }
    ctx.report(decorator.range, text);
}

/// `app.add_url_rule("/debug", ...)`, `app.add_api_route("/seed", ...)`, and Django
/// `path("debug/", ...)` in a URL module.
fn py_route_call(call: &py_ast::ExprCall, ctx: &mut PyContext<'_, '_>) {
    let Some(callee) = py::callee_last_name(&call.func) else { return };
    let django = matches!(callee, "path" | "re_path" | "url")
        && matches!(call.func.as_ref(), Expr::Name(_))
        && ctx.file.file_name() == "urls.py";
    if !django && !matches!(callee, "add_url_rule" | "add_api_route") {
        return;
    }
    let Some(path) = call.arguments.args.first().and_then(py::string_value) else { return };
    let handler = call
        .arguments
        .args
        .get(1)
        .or_else(|| py::keyword(call, "view_func"))
        .or_else(|| py::keyword(call, "endpoint"))
        .and_then(py::expr_name);
    // The view and the route's name (`name="password_reset_complete"`) say what a reset resets.
    let context = call
        .arguments
        .args
        .iter()
        .skip(1)
        .map(|arg| ctx.text_of(arg))
        .chain(call.arguments.keywords.iter().map(|keyword| ctx.text_of(&keyword.value)));
    let context = context.collect::<Vec<_>>().join(" ");
    let Some(why) = dangerous_path(&path, &context).or_else(|| handler.as_deref().and_then(dangerous_handler)) else {
        return;
    };
    // Django's `include(...)` of a debug app (debug toolbar) is the same risk, guarded the same way.
    if py_guarded(call.range(), ctx) {
        return;
    }
    let receiver = match call.func.as_ref() {
        Expr::Attribute(attribute) => Some(attribute.value.as_ref()),
        _ => None,
    };
    if receiver.is_some_and(|receiver| py_router_included_under_guard(receiver, ctx)) {
        return;
    }
    let shown = if django { "path" } else { "ROUTE" };
    ctx.report(call.range(), message(shown, &path, why));
}

/// Whether the first statements of a handler check the environment (`if settings.ENV ==
/// "production": raise HTTPException(404)`) or assert it.
fn py_body_checks_environment(body: &[Stmt], ctx: &PyContext<'_, '_>) -> bool {
    body.iter().take(4).any(|statement| match statement {
        Stmt::If(branch) => is_guard_test(ctx.text_of(branch.test.as_ref())),
        Stmt::Assert(assert) => is_guard_test(ctx.text_of(assert.test.as_ref())),
        _ => false,
    })
}

/// Whether the node at `range` only runs outside production: under a guarded branch, or after
/// an early `return` on an environment check in an enclosing function.
fn py_guarded(range: TextRange, ctx: &PyContext<'_, '_>) -> bool {
    if py::enclosing_conditions(ctx.ancestors(), range)
        .into_iter()
        .any(|(test, taken)| env_guard(ctx.text_of(test), taken))
    {
        return true;
    }
    ctx.ancestors().any(|ancestor| {
        let AnyNodeRef::StmtFunctionDef(function) = ancestor else { return false };
        function.body.iter().take_while(|statement| statement.end() <= range.start()).any(|statement| {
            matches!(statement, Stmt::If(branch)
                if is_guard_test(ctx.text_of(branch.test.as_ref())) && exits(ctx.text_of(branch)))
        })
    })
}

/// Whether the router a route is declared on is only included under a guard in this module:
/// `if settings.ENV != "production": app.include_router(router)`.
fn py_router_included_under_guard(receiver: &Expr, ctx: &PyContext<'_, '_>) -> bool {
    let Expr::Name(receiver) = receiver else { return false };
    py_guarded_uses(&ctx.module.body, receiver.id.as_str(), ctx, 0)
}

/// Whether an `if` among `body` (or one level into its functions) uses `name` as a value only
/// on a branch that runs outside production.
fn py_guarded_uses(body: &[Stmt], name: &str, ctx: &PyContext<'_, '_>, depth: usize) -> bool {
    body.iter().any(|statement| match statement {
        Stmt::If(branch) => {
            let text = ctx.file.slice(branch.range());
            let mut clauses = std::iter::once((ctx.text_of(branch.test.as_ref()), true, branch.body.as_slice())).chain(
                branch.elif_else_clauses.iter().map(|clause| match &clause.test {
                    Some(test) => (ctx.text_of(test), true, clause.body.as_slice()),
                    None => (ctx.text_of(branch.test.as_ref()), false, clause.body.as_slice()),
                }),
            );
            text.contains(name)
                && clauses.any(|(test, taken, body)| {
                    env_guard(test, taken)
                        && body.first().zip(body.last()).is_some_and(|(first, last)| {
                            used_as_value(ctx.file.slice(TextRange::new(first.start(), last.end())), name)
                        })
                })
        }
        Stmt::FunctionDef(function) if depth == 0 => py_guarded_uses(&function.body, name, ctx, depth + 1),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::DangerousEndpoint;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            (
                "api/routes/emails.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/send')\nasync def send_email(to: str):\n    pass\n",
            ),
            (
                "api/main.py",
                "from fastapi import FastAPI\napp = FastAPI()\nif settings.ENV != 'production':\n    @app.post('/api/client/reset')\n    def reset_client():\n        pass\n",
            ),
            (
                "api/main.py",
                "from fastapi import FastAPI, APIRouter\napp = FastAPI()\ndev_router = APIRouter()\n\n@dev_router.post('/seed')\ndef seed():\n    pass\n\nif settings.ENV != 'production':\n    app.include_router(dev_router)\n",
            ),
            (
                "api/main.py",
                "from fastapi import FastAPI\napp = FastAPI()\n\n@app.post('/debug/state')\ndef debug_state():\n    if not settings.ENABLE_DANGEROUS_ENDPOINTS:\n        raise HTTPException(404)\n    return state\n",
            ),
            (
                "api/main.py",
                "from fastapi import FastAPI\napp = FastAPI()\n\n@app.post('/seed', dependencies=[Depends(require_dev_mode)])\ndef seed():\n    pass\n",
            ),
            (
                "api/auth.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/password/reset')\ndef reset_password():\n    pass\n\n@router.get('/reset/{token}')\ndef reset_form(token: str):\n    pass\n",
            ),
            (
                "accounts/urls.py",
                "from django.urls import path\nurlpatterns = [path('reset/done/', views.PasswordResetCompleteView.as_view(), name='password_reset_complete')]\n",
            ),
            (
                "projects/urls.py",
                "from django.urls import path\nurlpatterns = [path('<int:pk>/summary/reset/', api.ProjectSummaryResetAPI.as_view())]\n",
            ),
            (
                "api/knowledge.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/{id}/reset')\nasync def reset_knowledge_by_id(id: str):\n    pass\n",
            ),
            (
                "api/connections.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/test')\ndef test_smtp_connection(cfg: dict):\n    pass\n",
            ),
            (
                "api/webhooks.py",
                "from fastapi import APIRouter\nrouter = APIRouter(prefix='/webhooks')\n\n@router.post('/test')\ndef test():\n    pass\n",
            ),
            (
                "api/hooks.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/webhooks/{hook_id}/test')\ndef test_webhook(hook_id: int):\n    pass\n",
            ),
            (
                "project/urls.py",
                "from django.urls import path, include\nurlpatterns = []\nif settings.DEBUG:\n    urlpatterns += [path('__debug__/', include('debug_toolbar.urls'))]\n",
            ),
            ("tests/test_api.py", "@app.post('/debug')\ndef debug():\n    pass\n"),
            (
                "src/server.ts",
                "import express from 'express';\nconst app = express();\nif (process.env.NODE_ENV !== 'production') {\n  app.post('/api/client/reset', resetClient);\n}",
            ),
            (
                "src/server.ts",
                "import express from 'express';\nconst app = express();\nconst devRouter = express.Router();\ndevRouter.post('/seed', seed);\nif (process.env.NODE_ENV === 'development') {\n  app.use('/dev', devRouter);\n}",
            ),
            (
                "src/routes.ts",
                "import express from 'express';\nexport function registerDevRoutes(app) {\n  if (process.env.NODE_ENV === 'production') return;\n  app.post('/seed', seed);\n}",
            ),
            (
                "src/routes.ts",
                "import express from 'express';\nconst router = express.Router();\nrouter.post('/debug', devOnly, (req, res) => res.json(state));",
            ),
            (
                "src/routes.ts",
                "import express from 'express';\nconst router = express.Router();\nrouter.post('/debug', (req, res) => {\n  if (!process.env.ENABLE_DANGEROUS_ENDPOINTS) return res.sendStatus(404);\n  res.json(state);\n});",
            ),
            ("src/client.ts", "const res = await api.get('/debug', { params });"),
            ("src/client.ts", "axios.post('/api/test', body);"),
            (
                "src/app/api/seed/route.ts",
                "export async function POST() {\n  if (process.env.NODE_ENV === 'production') return new Response(null, { status: 404 });\n  await seed();\n}",
            ),
            ("src/app/api/users/route.ts", "export async function POST() { return create(); }"),
            // Seen on real code (open-webui): admin features, and a user's reset of their own data.
            (
                "open_webui/routers/retrieval.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/reset/db')\nasync def reset_vector_db(request: Request, user=Depends(get_admin_user)):\n    pass\n\n@router.post('/reset/uploads')\nasync def reset_upload_dir(request: Request, user=Depends(get_admin_user)) -> bool:\n    pass\n",
            ),
            (
                "open_webui/routers/memories.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/reset', response_model=bool)\nasync def reset_memory_from_vector_db(request: Request, user=Depends(get_verified_user)):\n    pass\n",
            ),
            (
                "api/routes/client.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/api/client/reset', dependencies=[Depends(require_admin)])\ndef reset_client():\n    pass\n",
            ),
            (
                "src/routes.ts",
                "import express from 'express';\nconst router = express.Router();\nrouter.post('/debug', requireAdmin, (req, res) => res.json(state));",
            ),
            (
                "app/views.py",
                "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/reset')\n@login_required\ndef reset():\n    pass\n",
            ),
            (
                "src/debug.controller.ts",
                "@Controller('debug')\n@UseGuards(AdminGuard)\nexport class DebugController {\n  @Get('state')\n  state() { return dump(); }\n}",
            ),
        ];
        let fail = [
            (
                "api/routes/emails.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/send-test-email')\nasync def send_test_email(to: str):\n    await mailer.send(to)\n",
            ),
            // A debug route behind a plain sign-in, and resets behind nothing or a non-auth dependency.
            (
                "api/routes/debug.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.get('/debug/state')\ndef debug_state(user=Depends(get_current_user)):\n    return dump()\n",
            ),
            (
                "api/routes/client.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/reset/db')\nasync def reset_vector_db(request: Request, db=Depends(get_db)):\n    pass\n",
            ),
            (
                "src/routes.ts",
                "import express from 'express';\nconst router = express.Router();\nrouter.post('/debug', authenticate, (req, res) => res.json(state));",
            ),
            (
                "app/views.py",
                "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/debug')\ndef debug():\n    return dump()\n",
            ),
            (
                "app/views.py",
                "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/admin/db')\ndef reset_database():\n    pass\n",
            ),
            (
                "app/main.py",
                "from fastapi import FastAPI\napp = FastAPI()\napp.add_api_route('/seed', seed_handler, methods=['POST'])\n",
            ),
            ("project/urls.py", "from django.urls import path\nurlpatterns = [path('test/', views.test_view)]\n"),
            (
                "src/server.ts",
                "import express from 'express';\nconst app = express();\napp.post('/api/client/reset', resetClient);",
            ),
            (
                "src/server.js",
                "const app = require('express')();\napp.get('/_dev/login', (req, res) => login(req, res));",
            ),
            (
                "src/routes.ts",
                "import express from 'express';\nconst router = express.Router();\nrouter.get('/api/v1/test', handler);",
            ),
            (
                "src/plugin.js",
                "module.exports = async function (fastify) {\n  fastify.route({ method: 'POST', url: '/seed', handler: seed });\n};",
            ),
            (
                "src/debug.controller.ts",
                "@Controller('debug')\nexport class DebugController {\n  @Get('state')\n  state() { return dump(); }\n}",
            ),
            (
                "src/app/api/seed/route.ts",
                "export async function POST() {\n  await seed();\n  return Response.json({ ok: true });\n}",
            ),
            ("src/pages/api/debug.ts", "export default function handler(req, res) { res.json(process.env); }"),
        ];
        Tester::new::<DangerousEndpoint>(pass, fail).test_and_snapshot();
    }
}
