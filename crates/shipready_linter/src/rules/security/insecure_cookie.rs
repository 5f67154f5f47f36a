use std::borrow::Cow;

use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{CallExpression, Expression, ObjectExpression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::{is_secret_name, split_words};
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds session and authentication cookies set without all three of `HttpOnly`, `Secure`
    /// and `SameSite`, and names the ones that are missing:
    /// - Express `res.cookie(name, value, options)`, Fastify `reply.setCookie(...)`, Hono
    ///   `setCookie(c, ...)`, `cookie.serialize(...)`, Next.js `cookies().set(...)` and
    ///   `response.cookies.set(...)`, Koa `ctx.cookies.set(...)`, and `Set-Cookie` headers
    ///   written by hand;
    /// - `express-session` options (which default to `httpOnly` but not to `secure` or
    ///   `sameSite`) and `cookie-session` options (which default to `httpOnly`, and to `secure`
    ///   whenever the request came over HTTPS, through the `cookies` module, but not to
    ///   `sameSite`); Koa's `ctx.cookies` defaults the same way;
    /// - Python `response.set_cookie(...)` / `set_signed_cookie(...)` (Starlette and FastAPI
    ///   default `samesite` to `lax`), and Django settings `SESSION_COOKIE_SECURE = False`,
    ///   `SESSION_COOKIE_HTTPONLY = False`, `SESSION_COOKIE_SAMESITE = None` and
    ///   `CSRF_COOKIE_SECURE = False`.
    ///
    /// A cookie is sensitive when its name (or the value it stores) is about a session, an
    /// authentication token, a JWT or "remember me". Other cookies (theme, locale, consent),
    /// attributes set from configuration (`secure: isProd`), cookies being cleared (empty value,
    /// `maxAge: 0`) and Django settings files for development (`settings/dev.py`, `local.py`)
    /// stay silent.
    ///
    /// ## Why is this bad?
    /// Without `HttpOnly` any script injected into the page can read the session; without
    /// `Secure` the browser sends it over plain HTTP where the network can read it; without
    /// `SameSite` other sites can make requests that carry it (CSRF).
    ///
    /// ## Example
    /// ```ts
    /// res.cookie("admin_session", token, { maxAge: 86_400_000 });
    /// ```
    /// ```python
    /// response.set_cookie("session", token)
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// res.cookie("admin_session", token, { httpOnly: true, secure: true, sameSite: "lax", maxAge: 86_400_000 });
    /// ```
    /// ```python
    /// response.set_cookie("session", token, httponly=True, secure=True, samesite="lax")
    /// ```
    ///
    /// ## Known limitations
    /// Options built elsewhere (a shared `cookieOptions` imported from another module, `**kwargs`)
    /// are trusted. A cookie whose name is neither written in the call nor named after a session
    /// is not recognised as sensitive.
    pub(crate) struct InsecureCookie {
        id: "insecure-cookie",
        area: Security,
        severity: Medium,
        since: "0.1.0",
        title: "Session cookie without HttpOnly, Secure or SameSite",
        rationale: "A session cookie without these attributes can be read by injected scripts, sent over plain HTTP or ridden by other sites.",
        fix: "Set `httpOnly`, `secure` and `sameSite` on every session and authentication cookie.",
    }
}

/// The three attributes, as each language spells them.
const JS_ATTRIBUTES: [&str; 3] = ["httpOnly", "secure", "sameSite"];
const PY_ATTRIBUTES: [&str; 3] = ["httponly", "secure", "samesite"];

/// Django settings that weaken the session or CSRF cookie when set this way.
const DJANGO_SETTINGS: &[(&str, &str)] = &[
    ("SESSION_COOKIE_SECURE", "sends the session cookie over plain HTTP"),
    ("SESSION_COOKIE_HTTPONLY", "lets page scripts read the session cookie"),
    ("SESSION_COOKIE_SAMESITE", "sends the session cookie with cross-site requests"),
    ("CSRF_COOKIE_SECURE", "sends the CSRF cookie over plain HTTP"),
];

impl Rule for InsecureCookie {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall, NodeKind::StmtAssign];
    const NEEDLES: &'static [&'static str] = &["ookie", "OOKIE", "session"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        let Some(cookie) = js_cookie(call, ctx) else { return };
        if !cookie.sensitive {
            return;
        }
        let missing = match cookie.options {
            Options::Object(object) => {
                if js_clears(object) {
                    return;
                }
                // A spread may carry any attribute, so only the ones written as off count then.
                let spread = js::has_spread(object);
                JS_ATTRIBUTES
                    .iter()
                    .zip(cookie.defaults)
                    .filter(|(attribute, default)| match js::object_property(object, attribute) {
                        Some(value) => is_js_off(value),
                        None => !spread && !default,
                    })
                    .map(|(attribute, _)| *attribute)
                    .collect::<Vec<_>>()
            }
            Options::Absent => {
                JS_ATTRIBUTES.iter().zip(cookie.defaults).filter(|(_, default)| !default).map(|(a, _)| *a).collect()
            }
            Options::Header(text) => {
                let lower = text.to_ascii_lowercase();
                ["HttpOnly", "Secure", "SameSite"]
                    .into_iter()
                    .filter(|attribute| !lower.contains(&attribute.to_ascii_lowercase()))
                    .collect()
            }
            Options::Unknown => return,
        };
        if missing.is_empty() {
            return;
        }
        ctx.report(call.span, format!("{} is set without {} in `{}`", cookie.label, list(&missing), cookie.call));
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        match node {
            AnyNodeRef::ExprCall(call) => py_set_cookie(call, ctx),
            AnyNodeRef::StmtAssign(assign) => django_setting(assign, ctx),
            _ => {}
        }
    }
}

/// The options of a cookie as the call gives them.
enum Options<'e, 'a> {
    Object(&'e ObjectExpression<'a>),
    Absent,
    /// A `Set-Cookie` header written by hand: its text, attributes included.
    Header(String),
    /// Options the check cannot read (a variable, a call).
    Unknown,
}

struct JsCookie<'e, 'a> {
    /// The cookie as the message names it: ``cookie `session` ``.
    label: String,
    call: String,
    sensitive: bool,
    options: Options<'e, 'a>,
    /// Whether the library turns each attribute on by default (`httpOnly`, `secure`, `sameSite`).
    defaults: [bool; 3],
}

fn js_cookie<'e, 'a>(call: &'e CallExpression<'a>, ctx: &JsContext<'a, '_>) -> Option<JsCookie<'e, 'a>> {
    let method = js::method_name(call);
    let path = js::dotted_path(&call.callee).unwrap_or_default();
    // `session({...})` from express-session, `cookieSession({...})` from cookie-session.
    if let Expression::Identifier(ident) = js::inner(&call.callee) {
        match js::import_source(ctx.semantic, ident) {
            Some(source @ ("express-session" | "cookie-session")) => {
                let options = js::arg(call, 0).map_or(Options::Absent, |arg| object_options(arg, ctx));
                let options = match (source, options) {
                    // express-session nests the cookie's attributes under `cookie`.
                    ("express-session", Options::Object(object)) => {
                        if js::has_spread(object) {
                            Options::Unknown
                        } else {
                            js::object_property(object, "cookie")
                                .map_or(Options::Absent, |cookie| object_options(cookie, ctx))
                        }
                    }
                    (_, options) => options,
                };
                // cookie-session writes through the `cookies` module, which marks the cookie
                // `Secure` whenever the request is HTTPS (`req.protocol`, `trust proxy`
                // included) unless told otherwise; express-session never does by default.
                let secure_by_default = source == "cookie-session";
                return Some(JsCookie {
                    label: format!("the `{source}` session cookie"),
                    call: format!("{}()", ident.name),
                    sensitive: true,
                    options,
                    defaults: [true, secure_by_default, false],
                });
            }
            // Hono: `setCookie(c, name, value, options)`.
            Some(source) if ident.name == "setCookie" && source.starts_with("hono") => {
                return cookie_call(call, 1, ctx, [false, false, false]);
            }
            _ => {}
        }
    }
    let receiver = js::method_receiver(call)?;
    let receiver_path = js::dotted_path(receiver).unwrap_or_default();
    match method? {
        "cookie" if !matches!(receiver_path.as_str(), "$" | "jQuery" | "Cookies" | "cookie") => {
            cookie_call(call, 0, ctx, [false, false, false])
        }
        "setCookie" => cookie_call(call, 0, ctx, [false, false, false]),
        "serialize" if js_imported_from(receiver, ctx, "cookie") => cookie_call(call, 0, ctx, [false, false, false]),
        "set" if is_cookie_store(receiver, ctx) => {
            // Koa's cookies default to `httpOnly`, and to `secure` when the request is HTTPS
            // (Koa hands `request.secure` to the `cookies` module).
            let koa = ctx.imports_module("koa") || receiver_path.starts_with("ctx.") || receiver_path == "this.cookies";
            let defaults = [koa, koa, false];
            // Next.js also takes one object: `cookies().set({ name, value, httpOnly, … })`.
            if call.arguments.len() == 1 {
                let object = js::arg(call, 0).and_then(|arg| js::resolve_object(ctx.semantic, arg))?;
                let name = js::object_property(object, "name").and_then(js::static_string)?;
                let value = js::object_property(object, "value");
                return Some(JsCookie {
                    sensitive: is_sensitive_cookie(&name) || value.is_some_and(value_is_sensitive),
                    label: format!("cookie `{name}`"),
                    call: format!("{path}()"),
                    options: Options::Object(object),
                    defaults,
                });
            }
            cookie_call(call, 0, ctx, defaults)
        }
        "setHeader" | "header" | "set" | "append" => {
            let header = js::arg(call, 0).and_then(js::static_string)?;
            if !header.eq_ignore_ascii_case("set-cookie") {
                return None;
            }
            let text = match js::arg(call, 1).map(js::inner)? {
                Expression::StringLiteral(literal) => literal.value.to_string(),
                Expression::TemplateLiteral(template) => {
                    template.quasis.iter().map(|quasi| quasi.value.raw.as_str()).collect::<Vec<_>>().join("…")
                }
                _ => return None,
            };
            let name = text.split('=').next().unwrap_or_default().trim().to_string();
            if name.is_empty() || name.contains('…') {
                return None;
            }
            Some(JsCookie {
                sensitive: is_sensitive_cookie(&name),
                label: format!("cookie `{name}`"),
                call: format!("{path}()"),
                options: Options::Header(text),
                defaults: [false, false, false],
            })
        }
        _ => None,
    }
}

/// A `(name, value, options)` call, with the name at `first`.
fn cookie_call<'e, 'a>(
    call: &'e CallExpression<'a>,
    first: usize,
    ctx: &JsContext<'a, '_>,
    defaults: [bool; 3],
) -> Option<JsCookie<'e, 'a>> {
    let name_arg = js::arg(call, first)?;
    let value = js::arg(call, first + 1)?;
    // An empty value clears the cookie.
    if js::static_string(value).is_some_and(|value| value.is_empty()) {
        return None;
    }
    // A name held in a variable is judged by the variable's name (`SESSION_COOKIE`).
    let name = js::static_string(name_arg)
        .or_else(|| js::expr_name(name_arg))
        .map_or_else(|| ctx.text_of(name_arg).to_string(), Cow::into_owned);
    let sensitive = is_sensitive_cookie(&name) || value_is_sensitive(value);
    let options = match call.arguments.get(first + 2) {
        None => Options::Absent,
        Some(arg) => arg.as_expression().map_or(Options::Unknown, |arg| object_options(arg, ctx)),
    };
    Some(JsCookie {
        label: format!("cookie `{name}`"),
        call: format!("{}()", js::dotted_path(&call.callee).unwrap_or_else(|| ctx.text_of(&call.callee).to_string())),
        sensitive,
        options,
        defaults,
    })
}

fn object_options<'e, 'a>(expr: &'e Expression<'a>, ctx: &JsContext<'a, '_>) -> Options<'e, 'a> {
    js::resolve_object(ctx.semantic, expr).map_or(Options::Unknown, Options::Object)
}

/// `cookies()`, `(await cookies())`, `response.cookies`, `ctx.cookies`, or a variable holding
/// `cookies()`.
fn is_cookie_store<'a>(receiver: &Expression<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let is_cookies_call = |expr: &Expression<'_>| {
        let expr = match js::inner(expr) {
            Expression::AwaitExpression(await_expr) => js::inner(&await_expr.argument),
            other => other,
        };
        matches!(expr, Expression::CallExpression(call) if call.callee_name() == Some("cookies") && call.arguments.is_empty())
    };
    match js::inner(receiver) {
        Expression::StaticMemberExpression(member) => member.property.name == "cookies",
        Expression::Identifier(ident) => js::constant_initializer(ctx.semantic, ident).is_some_and(is_cookies_call),
        other => is_cookies_call(other),
    }
}

fn js_imported_from<'a>(receiver: &Expression<'a>, ctx: &JsContext<'a, '_>, module: &str) -> bool {
    matches!(js::inner(receiver), Expression::Identifier(ident) if js::import_source(ctx.semantic, ident) == Some(module))
}

/// `false`, or `'none'`-less falsy literals that switch an attribute off.
fn is_js_off(expr: &Expression<'_>) -> bool {
    matches!(js::inner(expr), Expression::BooleanLiteral(literal) if !literal.value)
        || matches!(js::inner(expr), Expression::NullLiteral(_))
        || matches!(js::inner(expr), Expression::Identifier(ident) if ident.name == "undefined")
}

/// Options that clear the cookie: `maxAge: 0`, `expires: new Date(0)`.
fn js_clears(object: &ObjectExpression<'_>) -> bool {
    js::object_property(object, "maxAge").and_then(js::integer_value) == Some(0)
        || js::object_property(object, "expires").is_some_and(|expires| match js::inner(expires) {
            Expression::NewExpression(new) => {
                new.arguments.first().and_then(|a| a.as_expression()).and_then(js::integer_value) == Some(0)
            }
            other => js::integer_value(other) == Some(0),
        })
}

fn value_is_sensitive(value: &Expression<'_>) -> bool {
    js::expr_name(value).is_some_and(|name| is_sensitive_cookie(&name))
}

/// Whether a cookie name (or the name of the value it stores) is about a session or
/// authentication: `session`, `sid`, `connect.sid`, `auth_token`, `jwt`, `remember_me`,
/// `refreshToken`. CSRF cookies are meant to be read by scripts and are not.
fn is_sensitive_cookie(name: &str) -> bool {
    let words = split_words(name);
    if words.iter().any(|w| matches!(w.as_str(), "csrf" | "xsrf")) {
        return false;
    }
    is_secret_name(name)
        || words.iter().any(|w| {
            matches!(
                w.as_str(),
                "session" | "sessionid" | "sid" | "sess" | "auth" | "jwt" | "token" | "remember" | "refresh" | "login"
            )
        })
}

/// `a`, `a and b`, `a, b and c`, each in backticks.
fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

fn py_set_cookie(call: &py_ast::ExprCall, ctx: &mut PyContext<'_, '_>) {
    let Expr::Attribute(callee) = call.func.as_ref() else { return };
    let method = callee.attr.as_str();
    if !matches!(method, "set_cookie" | "set_signed_cookie") {
        return;
    }
    // `**kwargs` may carry any attribute, so only the ones written as off count then.
    let unpacks = call.arguments.keywords.iter().any(|keyword| keyword.arg.is_none());
    let positional = |index: usize| call.arguments.args.get(index);
    let Some(key) = py::keyword(call, "key").or_else(|| positional(0)) else { return };
    let value = py::keyword(call, "value").or_else(|| positional(1));
    if value.is_some_and(|value| py::string_value(value).is_some_and(|v| v.is_empty()))
        || py::keyword(call, "max_age").and_then(py::integer_value) == Some(0)
        || py::keyword(call, "expires").and_then(py::integer_value) == Some(0)
    {
        return;
    }
    let name = py::string_value(key).or_else(|| py::expr_name(key)).unwrap_or_default();
    let sensitive =
        is_sensitive_cookie(&name) || value.and_then(py::expr_name).is_some_and(|v| is_sensitive_cookie(&v));
    if !sensitive {
        return;
    }
    // Starlette (and so FastAPI) defaults `samesite` to `lax`.
    let body = &ctx.module.body;
    let starlette = py::module_imports(body, "starlette") || py::module_imports(body, "fastapi");
    let missing: Vec<&str> = PY_ATTRIBUTES
        .into_iter()
        .filter(|attribute| match py::keyword(call, attribute) {
            Some(value) => {
                matches!(value, Expr::BooleanLiteral(literal) if !literal.value) || value.is_none_literal_expr()
            }
            None => !(unpacks || (*attribute == "samesite" && starlette)),
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    let owner = py::dotted_name(&callee.value).unwrap_or_else(|| "response".to_string());
    ctx.report(call.range(), format!("cookie `{name}` is set without {} in `{owner}.{method}()`", list(&missing)));
}

fn django_setting(assign: &py_ast::StmtAssign, ctx: &mut PyContext<'_, '_>) {
    let [Expr::Name(target)] = assign.targets.as_slice() else { return };
    let Some((setting, effect)) = DJANGO_SETTINGS.iter().find(|(setting, _)| target.id.as_str() == *setting) else {
        return;
    };
    let weakened = if *setting == "SESSION_COOKIE_SAMESITE" {
        assign.value.is_none_literal_expr()
    } else {
        matches!(assign.value.as_ref(), Expr::BooleanLiteral(literal) if !literal.value)
    };
    if !weakened || ctx.parent().is_some() || is_development_settings(ctx.file.file_name()) {
        return;
    }
    let value = ctx.text_of(assign.value.as_ref());
    ctx.report(assign.range(), format!("`{setting} = {value}` {effect}"));
}

/// Settings files for development, tests or framework defaults: `dev.py`, `local.py`,
/// `settings_test.py`, Django's own `global_settings.py`.
fn is_development_settings(file_name: &str) -> bool {
    let stem = file_name.strip_suffix(".py").unwrap_or(file_name).to_ascii_lowercase();
    stem == "global_settings"
        || split_words(&stem).iter().any(|word| {
            matches!(word.as_str(), "dev" | "develop" | "development" | "local" | "test" | "tests" | "testing" | "ci")
        })
}

#[cfg(test)]
mod tests {
    use super::InsecureCookie;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // Ghost: cookie-session marks the cookie `Secure` over HTTPS by itself.
            (
                "apps/private-blogging/lib/middleware.js",
                "const session = require('cookie-session');\nfunction check(req, res, next) {\n  return session({ name: 'ghost-private', maxAge: 1000, signed: false, sameSite: 'none' })(req, res, next);\n}\n",
            ),
            ("src/koa.ts", "import Koa from 'koa';\nctx.cookies.set('jwt', token, { sameSite: 'lax' });"),
            ("src/server.ts", "res.cookie('theme', 'dark');"),
            ("src/server.ts", "res.cookie('locale', req.query.lang, { maxAge: 3600 });"),
            ("src/server.ts", "res.cookie('cookie_consent', 'yes');"),
            ("src/server.ts", "res.cookie('session', token, { httpOnly: true, secure: true, sameSite: 'lax' });"),
            (
                "src/server.ts",
                "res.cookie('session', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'strict' });",
            ),
            ("src/server.ts", "res.cookie('session', token, { httpOnly: true, secure: isProd, sameSite: 'lax' });"),
            ("src/server.ts", "res.cookie('session', '', { maxAge: 0 });"),
            ("src/server.ts", "res.cookie('session', token, cookieOptions);"),
            ("src/server.ts", "res.cookie('session', token, { ...baseCookie, maxAge: 1000 });"),
            ("src/server.ts", "res.cookie('XSRF-TOKEN', req.csrfToken());"),
            ("src/client.ts", "$.cookie('token', token);"),
            (
                "src/server.ts",
                "import session from 'express-session';\napp.use(session({ secret, cookie: { secure: true, sameSite: 'lax' } }));",
            ),
            (
                "src/app/api/login/route.ts",
                "import { cookies } from 'next/headers';\ncookies().set('session', token, { httpOnly: true, secure: true, sameSite: 'lax' });",
            ),
            (
                "src/server.ts",
                "res.setHeader('Set-Cookie', `session=${token}; HttpOnly; Secure; SameSite=Lax; Path=/`);",
            ),
            ("app/views.py", "response.set_cookie('theme', 'dark')\n"),
            ("app/views.py", "response.set_cookie('session', token, httponly=True, secure=True, samesite='Lax')\n"),
            (
                "app/api.py",
                "from fastapi import FastAPI\nresponse.set_cookie('session', token, httponly=True, secure=True)\n",
            ),
            ("app/views.py", "response.set_cookie('session', token, **cookie_kwargs)\n"),
            ("app/views.py", "response.set_cookie('session', '', max_age=0)\n"),
            ("project/settings/dev.py", "SESSION_COOKIE_SECURE = False\n"),
            ("project/settings/local.py", "CSRF_COOKIE_SECURE = False\n"),
            ("project/settings.py", "SESSION_COOKIE_SECURE = not DEBUG\n"),
            ("project/settings.py", "SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_HTTPONLY = False\n"),
            ("tests/test_auth.py", "response.set_cookie('session', token)\n"),
        ];
        let fail = [
            (
                "src/app.js",
                "const cookieSession = require('cookie-session');\napp.use(cookieSession({ keys, secure: false, sameSite: 'lax' }));",
            ),
            (
                "src/server.ts",
                "import session from 'express-session';\napp.use(session({ secret, cookie: { sameSite: 'lax' } }));",
            ),
            ("src/admin.ts", "res.cookie('admin_session', token, { maxAge: 86400000 });"),
            ("src/auth.ts", "res.cookie('token', jwt);"),
            ("src/auth.ts", "res.cookie(COOKIE_NAME, accessToken, { httpOnly: true });"),
            ("src/auth.ts", "res.cookie('session', token, { httpOnly: false, secure: true, sameSite: 'lax' });"),
            ("src/auth.ts", "const opts = { httpOnly: true };\nres.cookie('remember_me', id, opts);"),
            ("src/server.ts", "import session from 'express-session';\napp.use(session({ secret, resave: false }));"),
            (
                "src/server.ts",
                "const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 'sess', keys }));",
            ),
            (
                "src/app/api/login/route.ts",
                "import { cookies } from 'next/headers';\nexport async function POST() {\n  const store = await cookies();\n  store.set('auth-token', token, { httpOnly: true });\n}",
            ),
            ("src/middleware.ts", "response.cookies.set({ name: 'session', value: token, secure: true });"),
            (
                "src/app/actions.ts",
                "import { cookies } from 'next/headers';\nexport async function login() { cookies().set('session', token); }",
            ),
            ("src/routes.ts", "reply.setCookie('sid', sid, { path: '/' });"),
            ("src/routes.ts", "res.setHeader('Set-Cookie', `session=${token}; Path=/`);"),
            ("src/koa.ts", "ctx.cookies.set('jwt', token, { maxAge });"),
            ("app/views.py", "response.set_cookie('session', token)\n"),
            ("app/views.py", "response.set_cookie(key='auth_token', value=token, httponly=True)\n"),
            (
                "app/oauth.py",
                "response.set_cookie('token', result['token'], httponly=False, samesite=SAME_SITE, secure=SECURE, **extra)\n",
            ),
            ("src/auth.ts", "res.cookie('session', token, { ...base, httpOnly: false });"),
            ("app/api.py", "from fastapi import FastAPI\nresponse.set_cookie('refresh_token', token, httponly=True)\n"),
            ("project/settings.py", "SESSION_COOKIE_SECURE = False\n"),
            ("project/settings/production.py", "SESSION_COOKIE_HTTPONLY = False\nCSRF_COOKIE_SECURE = False\n"),
        ];
        Tester::new::<InsecureCookie>(pass, fail).test_and_snapshot();
    }
}
