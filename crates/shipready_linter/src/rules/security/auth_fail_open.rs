use std::borrow::Cow;

use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{
    AssignmentOperator, AssignmentTarget, BinaryOperator, BindingPattern, Expression, LogicalOperator, Statement,
    UnaryOperator, VariableDeclarationKind,
};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, CmpOp, Expr, NodeKind, Stmt};
use shipready_lang::ruff::text_size::Ranged;

use super::{development_only, excerpt};
use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::{SecretKind, is_constant_name, secret_kind, split_words};
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds authentication that lets requests through when it cannot check them:
    /// - a check that passes the request on when the configured key or secret is missing:
    ///   `if (!process.env.API_KEY) return next();`, `if (!apiKey) { return next(); }` where
    ///   `apiKey` is read from configuration, `if not settings.API_KEY: return await
    ///   call_next(request)`, or `return True`/`return` from an auth function such as
    ///   `verify_api_key`;
    /// - secrets read from variables that the build ships to the browser:
    ///   `process.env.NEXT_PUBLIC_*`, `import.meta.env.VITE_*`, `REACT_APP_*`, `EXPO_PUBLIC_*`,
    ///   `VUE_APP_*` and `GATSBY_*` names with KEY, SECRET, TOKEN or PASSWORD in them
    ///   (publishable, public and anon keys, and services whose browser keys are public by design
    ///   such as Firebase, Maps or reCAPTCHA site keys, are not reported);
    /// - hard-coded grants: `const granted = true;`, `allowed = True` set unconditionally in a
    ///   function or file about permissions, consent or authorization.
    ///
    /// A missing key is not reported when the branch runs only in development and production
    /// fails closed (`if (process.env.NODE_ENV === 'production') throw …` inside it, or a
    /// development condition in the test).
    ///
    /// ## Why is this bad?
    /// A deployment that forgets one environment variable silently turns authentication off,
    /// and nothing fails loudly enough to notice. Variables with a public prefix are inlined into
    /// the JavaScript bundle, where anyone can read them. A grant that is always true is no
    /// check at all.
    ///
    /// ## Example
    /// ```ts
    /// export function requireApiKey(req, res, next) {
    ///   if (!process.env.API_KEY) return next(); // no key configured: everyone is in
    ///   …
    /// }
    /// const key = process.env.NEXT_PUBLIC_API_KEY;
    /// ```
    /// ```python
    /// if not settings.API_KEY:
    ///     return await call_next(request)
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// if (!process.env.API_KEY) {
    ///   if (process.env.NODE_ENV === "production") throw new Error("API_KEY is not set");
    ///   return next(); // local development only
    /// }
    /// ```
    /// Keep secrets in server-only variables and call the API from the server.
    ///
    /// ## Known limitations
    /// A key counts as configured when it is read from the environment, `config`/`settings`, or
    /// a constant, directly or through one variable; a missing key passed in as an argument is
    /// not recognized.
    pub(crate) struct AuthFailOpen {
        id: "auth-fail-open",
        area: Security,
        severity: Critical,
        since: "0.1.0",
        title: "Authentication that fails open",
        rationale: "A check that passes requests when its secret is missing, a secret shipped to browsers or a hard-coded grant leaves the door open.",
        fix: "Fail closed when the secret is missing, keep secrets in server-only variables, and compute grants from real checks.",
    }
}

impl Rule for AuthFailOpen {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[
        AstType::IfStatement,
        AstType::StaticMemberExpression,
        AstType::ComputedMemberExpression,
        AstType::VariableDeclarator,
        AstType::AssignmentExpression,
    ];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::StmtIf, NodeKind::StmtAssign, NodeKind::StmtAnnAssign];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        match node.kind() {
            AstKind::IfStatement(branch) => js_missing_key(branch, node, ctx),
            AstKind::StaticMemberExpression(_) | AstKind::ComputedMemberExpression(_) => js_public_secret(node, ctx),
            AstKind::VariableDeclarator(declarator) => {
                let BindingPattern::BindingIdentifier(binding) = &declarator.id else { return };
                let Some(init) = &declarator.init else { return };
                if !js::is_true(init) || !is_grant_name(&binding.name) {
                    return;
                }
                let never_changed =
                    binding.symbol_id.get().is_some_and(|symbol| !ctx.semantic.scoping().symbol_is_mutated(symbol));
                let declaration_is_const = matches!(ctx.parent(node).kind(), AstKind::VariableDeclaration(d) if d.kind == VariableDeclarationKind::Const);
                if (never_changed || declaration_is_const) && js_permission_context(node, ctx) {
                    ctx.report(
                        declarator.span,
                        format!(
                            "`{}` is always `true`: every request is granted without a check",
                            ctx.text_of(declarator)
                        ),
                    );
                }
            }
            AstKind::AssignmentExpression(assignment) => {
                if assignment.operator != AssignmentOperator::Assign || !js::is_true(&assignment.right) {
                    return;
                }
                let AssignmentTarget::AssignmentTargetIdentifier(ident) = &assignment.left else { return };
                if !is_grant_name(&ident.name) || js_conditional(node, ctx) || !js_permission_context(node, ctx) {
                    return;
                }
                // Set to something else later (`granted = true; … if (denied) granted = false`).
                let later_change = js::assigned_values(ctx.semantic, ident).is_none_or(|values| {
                    values.iter().any(|value| value.span().start > assignment.span.start && !js::is_true(value))
                });
                if !later_change {
                    ctx.report(
                        assignment.span,
                        format!(
                            "`{}` is set unconditionally: every request is granted without a check",
                            ctx.text_of(assignment)
                        ),
                    );
                }
            }
            _ => {}
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        match node {
            AnyNodeRef::StmtIf(branch) => py_missing_key(branch, ctx),
            AnyNodeRef::StmtAssign(assign) => {
                let [Expr::Name(target)] = assign.targets.as_slice() else { return };
                py_grant(target.id.as_str(), &assign.value, node, ctx);
            }
            AnyNodeRef::StmtAnnAssign(assign) => {
                let (Expr::Name(target), Some(value)) = (assign.target.as_ref(), assign.value.as_deref()) else {
                    return;
                };
                py_grant(target.id.as_str(), value, node, ctx);
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared by both languages

/// Whether a name holds a configured secret a check depends on (`API_KEY`, `apiKey`,
/// `webhookSecret`, `ADMIN_PASSWORD`, `AUTH_TOKEN`).
fn is_key_name(name: &str) -> bool {
    secret_kind(name).is_some_and(|kind| kind != SecretKind::Mac)
        || split_words(name).iter().any(|word| {
            matches!(word.as_str(), "key" | "apikey" | "secret" | "token" | "password" | "credentials" | "jwt")
        })
}

/// Whether a function's name says it checks access: it names authentication or authorization
/// (`authMiddleware`, `isAuthorized`, `requireAdmin`), or checks a credential
/// (`verify_api_key`, `validateToken`, `checkSecret`).
fn is_auth_function(name: &str) -> bool {
    let words = split_words(name);
    let has = |options: &[&str]| words.iter().any(|word| options.contains(&word.as_str()));
    has(&[
        "auth",
        "authenticate",
        "authenticated",
        "authentication",
        "authorize",
        "authorized",
        "authorization",
        "guard",
        "protect",
        "protected",
        "permission",
        "admin",
        "login",
    ]) || (has(&["verify", "validate", "check", "require", "requires", "is", "has", "valid"])
        && has(&["key", "apikey", "token", "secret", "password", "signature", "credentials", "session"]))
}

/// A variable that holds a grant decision (`granted`, `allowed`, `isAuthorized`, `hasPermission`).
fn is_grant_name(name: &str) -> bool {
    let words = split_words(name);
    let (Some(first), Some(last)) = (words.first(), words.last()) else { return false };
    matches!(last.as_str(), "granted" | "allowed" | "authorized" | "authorised" | "permitted")
        || (matches!(first.as_str(), "has" | "can" | "is")
            && matches!(last.as_str(), "permission" | "permissions" | "access" | "consent"))
}

/// Whether a function or file name is about permissions, consent or authorization, and not about
/// a device permission the operating system asks for (camera, notifications, location).
fn is_permission_name(name: &str) -> bool {
    let words = split_words(name);
    let device = words.iter().any(|word| {
        matches!(
            word.as_str(),
            "camera"
                | "microphone"
                | "mic"
                | "location"
                | "geolocation"
                | "notification"
                | "notifications"
                | "push"
                | "health"
                | "contacts"
                | "photos"
                | "media"
                | "bluetooth"
                | "clipboard"
                | "motion"
        )
    });
    !device
        && words.iter().any(|word| {
            matches!(
                word.as_str(),
                "permission"
                    | "permissions"
                    | "consent"
                    | "authorize"
                    | "authorization"
                    | "authorise"
                    | "authorisation"
                    | "grant"
                    | "acl"
                    | "rbac"
                    | "access"
                    | "security"
                    | "policy"
                    | "guard"
                    | "privilege"
                    | "privileges"
            )
        })
}

/// Prefixes that frameworks inline into the browser bundle.
const PUBLIC_PREFIXES: &[&str] =
    &["NEXT_PUBLIC_", "VITE_", "REACT_APP_", "EXPO_PUBLIC_", "VUE_APP_", "GATSBY_", "NUXT_PUBLIC_"];

/// Words of keys that are public by design: publishable and anon keys, site keys, and browser
/// keys of services that restrict them by origin or use them only to identify the app.
const PUBLIC_BY_DESIGN: &[&str] = &[
    "publishable",
    "public",
    "anon",
    "site",
    "firebase",
    "maps",
    "mapbox",
    "recaptcha",
    "hcaptcha",
    "turnstile",
    "posthog",
    "algolia",
    "segment",
    "amplitude",
    "mixpanel",
    "sentry",
    "datadog",
    "rum",
    "clerk",
    "pusher",
    "launchdarkly",
    "vapid",
    "tinymce",
    "onesignal",
    "walletconnect",
    "gtm",
    "ga",
    "measurement",
    "intercom",
    "hotjar",
    "logrocket",
    "search",
];

/// The name of a public variable that holds a secret, if `name` is one.
fn public_secret(name: &str) -> Option<&str> {
    let prefix = PUBLIC_PREFIXES.iter().find(|prefix| name.starts_with(**prefix))?;
    let words = split_words(&name[prefix.len()..]);
    let secret = words.iter().any(|word| {
        matches!(
            word.as_str(),
            "key" | "secret" | "token" | "password" | "passwd" | "pwd" | "credential" | "credentials" | "apikey"
        )
    });
    let public = words.iter().any(|word| PUBLIC_BY_DESIGN.contains(&word.as_str()));
    (secret && !public).then_some(name)
}

// ---------------------------------------------------------------------------------------------
// JavaScript

/// `if (!process.env.API_KEY) return next();`
fn js_missing_key<'a>(
    branch: &'a shipready_lang::oxc::ast::ast::IfStatement<'a>,
    node: &AstNode<'a>,
    ctx: &mut JsContext<'a, '_>,
) {
    let mut subjects = Vec::new();
    js_missing_subjects(&branch.test, &mut subjects);
    let Some(key) = subjects.into_iter().find_map(|subject| js_configured_key(subject, ctx)) else { return };
    if development_only(ctx.text_of(&branch.test)).is_some()
        || ctx.nodes().ancestors(node.id()).any(|ancestor| {
            matches!(ancestor.kind(), AstKind::IfStatement(outer) if development_only(ctx.text_of(&outer.test)).is_some())
        })
    {
        return;
    }
    let function_name = ctx
        .nodes()
        .ancestors(node.id())
        .filter(|a| matches!(a.kind(), AstKind::Function(_) | AstKind::ArrowFunctionExpression(_)))
        .find_map(|function| js::function_name(ctx.nodes(), function));
    let auth_function = function_name.as_deref().is_some_and(is_auth_function);
    if let Some(through) = js_lets_through(&branch.consequent, auth_function) {
        let test = excerpt(ctx.text_of(&branch.test));
        ctx.report(
            branch.span,
            format!(
                "`if ({test})` lets the request through with `{through}` when `{key}` is not set; fail closed instead"
            ),
        );
    }
}

/// The values a test checks are missing: `!x`, `x == null`, `x === undefined`, `x === ''`, or
/// those joined with `&&` or `||` (`if (!url || !key)`).
fn js_missing_subjects<'e, 'a>(test: &'e Expression<'a>, out: &mut Vec<&'e Expression<'a>>) {
    if let Expression::LogicalExpression(logical) = js::inner(test)
        && matches!(logical.operator, LogicalOperator::And | LogicalOperator::Or)
    {
        js_missing_subjects(&logical.left, out);
        js_missing_subjects(&logical.right, out);
        return;
    }
    out.extend(js_missing_subject(test));
}

/// The value a single test checks is missing.
fn js_missing_subject<'e, 'a>(test: &'e Expression<'a>) -> Option<&'e Expression<'a>> {
    match js::inner(test) {
        Expression::UnaryExpression(unary) if unary.operator == UnaryOperator::LogicalNot => {
            match js::inner(&unary.argument) {
                // `!key?.trim()`, `!key.length`
                Expression::StaticMemberExpression(member) if member.property.name == "length" => Some(&member.object),
                Expression::CallExpression(call) if js::method_name(call) == Some("trim") => js::method_receiver(call),
                _ => Some(&unary.argument),
            }
        }
        Expression::BinaryExpression(binary)
            if matches!(binary.operator, BinaryOperator::Equality | BinaryOperator::StrictEquality) =>
        {
            let empty = |e: &Expression<'_>| {
                matches!(js::inner(e), Expression::NullLiteral(_))
                    || matches!(js::inner(e), Expression::Identifier(id) if id.name == "undefined")
                    || js::static_string(e).is_some_and(|s| s.is_empty())
            };
            if empty(&binary.right) {
                Some(&binary.left)
            } else if empty(&binary.left) {
                Some(&binary.right)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The name of a secret read from configuration: `process.env.API_KEY`, `config.apiKey`,
/// `import.meta.env.X`, a constant `API_KEY`, or a local variable initialized from one of these.
fn js_configured_key<'a>(subject: &Expression<'a>, ctx: &JsContext<'a, '_>) -> Option<String> {
    let name = js::expr_name(subject)?;
    if !is_key_name(&name) {
        return None;
    }
    let reads_config = |text: &str| {
        ["process.env", "import.meta.env", "config", "Config", "settings", "Settings", "env.", "Deno.env", "getenv"]
            .iter()
            .any(|marker| text.contains(marker))
    };
    let configured = match js::inner(subject) {
        Expression::Identifier(ident) => {
            is_constant_name(&ident.name)
                || js::constant_initializer(ctx.semantic, ident).is_some_and(|init| reads_config(ctx.text_of(init)))
        }
        other => reads_config(ctx.text_of(other)) && !ctx.text_of(other).contains("req"),
    };
    configured.then(|| name.into_owned())
}

/// The statement that lets the request through, if the branch only does that: `return next()`,
/// `next(); return;`, `return NextResponse.next()`, `return await next()`, or `return true` in
/// an auth function. Logging calls are skipped; a branch that throws, responds or decides
/// anything else is not a pass-through.
fn js_lets_through(consequent: &Statement<'_>, auth_function: bool) -> Option<&'static str> {
    let statements: Vec<&Statement<'_>> = match consequent {
        Statement::BlockStatement(block) => block.body.iter().collect(),
        other => vec![other],
    };
    let mut through = None;
    for statement in statements {
        match statement {
            Statement::ReturnStatement(ret) => {
                return match ret.argument.as_ref().map(js::inner) {
                    Some(argument) if calls_next(argument) => {
                        Some(if next_response(argument) { "NextResponse.next()" } else { "next()" })
                    }
                    Some(Expression::BooleanLiteral(literal)) if literal.value && auth_function => Some("return true"),
                    None if through.is_some() => through,
                    _ => None,
                };
            }
            Statement::ExpressionStatement(expression) => match js::inner(&expression.expression) {
                call if calls_next(call) => through = Some("next()"),
                Expression::CallExpression(call) if is_logging(call) => {}
                _ => return None,
            },
            _ => return None,
        }
    }
    through
}

/// `next()`, `await next()`, `NextResponse.next()`.
fn calls_next(expr: &Expression<'_>) -> bool {
    match js::inner(expr) {
        Expression::AwaitExpression(awaited) => calls_next(&awaited.argument),
        Expression::CallExpression(call) => {
            matches!(js::inner(&call.callee), Expression::Identifier(id) if id.name == "next")
                || js::method_name(call) == Some("next")
                    && js::method_receiver(call)
                        .and_then(js::dotted_path)
                        .is_some_and(|path| path.ends_with("NextResponse"))
        }
        _ => false,
    }
}

/// `NextResponse.next()`, rather than Express's `next()`.
fn next_response(expr: &Expression<'_>) -> bool {
    matches!(js::inner(expr), Expression::CallExpression(call) if js::method_name(call) == Some("next"))
}

/// `console.warn(...)`, `logger.info(...)`.
fn is_logging(call: &shipready_lang::oxc::ast::ast::CallExpression<'_>) -> bool {
    let Some(path) = js::dotted_path(&call.callee) else { return false };
    path.get(..8).is_some_and(|head| head.eq_ignore_ascii_case("console."))
        || path.as_bytes().windows(3).any(|window| window.eq_ignore_ascii_case(b"log"))
}

/// `process.env.NEXT_PUBLIC_API_KEY`, `import.meta.env.VITE_SECRET`: reported once per file.
fn js_public_secret<'a>(node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
    let (object, name): (&Expression<'a>, Option<Cow<'a, str>>) = match node.kind() {
        AstKind::StaticMemberExpression(member) => (&member.object, Some(Cow::Borrowed(member.property.name.as_str()))),
        AstKind::ComputedMemberExpression(member) => (&member.object, js::static_string(&member.expression)),
        _ => return,
    };
    let Some(name) = name else { return };
    if !matches!(ctx.text_of(object), "process.env" | "import.meta.env") {
        return;
    }
    let Some(secret) = public_secret(&name) else { return };
    let span = node.kind().span();
    let shown = ctx.text_of(&span);
    // Once per variable and file.
    if ctx.file.text.get(..span.start as usize).is_some_and(|before| before.contains(shown)) {
        return;
    }
    ctx.report(
        span,
        format!("`{shown}` is built into the browser bundle, so `{secret}` is public; keep secrets server-side"),
    );
}

/// Whether a node runs only on some paths of its function: under an `if`, `?:`, `&&`/`||`,
/// `switch`, loop or `catch`.
fn js_conditional<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    for ancestor in ctx.nodes().ancestors(node.id()) {
        match ancestor.kind() {
            AstKind::Function(_) | AstKind::ArrowFunctionExpression(_) | AstKind::Program(_) => return false,
            AstKind::IfStatement(_)
            | AstKind::ConditionalExpression(_)
            | AstKind::LogicalExpression(_)
            | AstKind::SwitchCase(_)
            | AstKind::ForStatement(_)
            | AstKind::ForInStatement(_)
            | AstKind::ForOfStatement(_)
            | AstKind::WhileStatement(_)
            | AstKind::DoWhileStatement(_)
            | AstKind::CatchClause(_) => return true,
            _ => {}
        }
    }
    false
}

/// Whether the enclosing function or the file is about permissions, consent or authorization.
fn js_permission_context<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let in_function = ctx
        .nodes()
        .ancestors(node.id())
        .filter(|a| matches!(a.kind(), AstKind::Function(_) | AstKind::ArrowFunctionExpression(_) | AstKind::Class(_)))
        .any(|function| match function.kind() {
            AstKind::Class(class) => class.id.as_ref().is_some_and(|id| is_permission_name(&id.name)),
            _ => js::function_name(ctx.nodes(), function).is_some_and(|name| is_permission_name(&name)),
        });
    in_function || is_permission_name(file_stem(ctx.file.file_name()))
}

fn file_stem(file_name: &str) -> &str {
    file_name.split('.').next().unwrap_or(file_name)
}

// ---------------------------------------------------------------------------------------------
// Python

/// `if not settings.API_KEY: return await call_next(request)`.
fn py_missing_key<'a>(branch: &'a py_ast::StmtIf, ctx: &mut PyContext<'a, '_>) {
    let Some(key) = py_missing_subjects(&branch.test).into_iter().find_map(|subject| py_configured_key(subject, ctx))
    else {
        return;
    };
    if development_only(ctx.text_of(branch.test.as_ref())).is_some()
        || ctx.ancestors().any(|ancestor| {
            matches!(ancestor, AnyNodeRef::StmtIf(outer) if development_only(ctx.text_of(outer.test.as_ref())).is_some())
        })
    {
        return;
    }
    let auth_function = py::enclosing_function(ctx.ancestors()).is_some_and(|f| is_auth_function(f.name.as_str()));
    if let Some(through) = py_lets_through(&branch.body, auth_function) {
        let test = excerpt(ctx.text_of(branch.test.as_ref()));
        ctx.report(
            branch.range(),
            format!(
                "`if {test}:` lets the request through with `{through}` when `{key}` is not set; fail closed instead"
            ),
        );
    }
}

/// The values a test checks are missing: `not x`, `x is None`, `x == ""`, or those joined with
/// `and` or `or`.
fn py_missing_subjects(test: &Expr) -> Vec<&Expr> {
    match test {
        Expr::UnaryOp(unary) if unary.op == py_ast::UnaryOp::Not => vec![unary.operand.as_ref()],
        Expr::Compare(compare) if compare.ops.len() == 1 => {
            let Some(right) = compare.comparators.first() else { return Vec::new() };
            let empty = matches!(right, Expr::NoneLiteral(_)) || py::string_value(right).is_some_and(|s| s.is_empty());
            if empty && matches!(compare.ops[0], CmpOp::Is | CmpOp::Eq) {
                vec![compare.left.as_ref()]
            } else {
                Vec::new()
            }
        }
        Expr::BoolOp(bool_op) => bool_op.values.iter().flat_map(py_missing_subjects).collect(),
        _ => Vec::new(),
    }
}

/// The name of a secret read from configuration: `settings.API_KEY`, `config.api_key`,
/// `os.getenv("API_KEY")`, `app.config["API_KEY"]`, a constant, or a local assigned from one.
fn py_configured_key(subject: &Expr, ctx: &PyContext<'_, '_>) -> Option<String> {
    let name = py::expr_name(subject)?;
    if !is_key_name(&name) {
        return None;
    }
    let reads_config = |text: &str| {
        ["settings", "config", "environ", "getenv", "env", "SETTINGS", "CONFIG"]
            .iter()
            .any(|marker| text.contains(marker))
            && !text.contains("request")
    };
    let configured = match subject {
        Expr::Name(local) => {
            is_constant_name(local.id.as_str())
                || py::enclosing_function(ctx.ancestors())
                    .and_then(|function| py::sole_assignment(&function.body, local.id.as_str()))
                    .is_some_and(|value| reads_config(ctx.text_of(value)))
        }
        other => reads_config(ctx.text_of(other)),
    };
    configured.then_some(name)
}

/// The statement that lets the request through, if the branch only does that:
/// `return await call_next(request)`, or `return True`/`return`/`return None` in an auth
/// function. Logging calls are skipped.
fn py_lets_through(body: &[Stmt], auth_function: bool) -> Option<&'static str> {
    for statement in body {
        match statement {
            Stmt::Return(ret) => {
                return match ret.value.as_deref() {
                    Some(Expr::Await(awaited)) if calls_call_next(&awaited.value) => Some("call_next(request)"),
                    Some(value) if calls_call_next(value) => Some("call_next(request)"),
                    Some(Expr::BooleanLiteral(literal)) if literal.value && auth_function => Some("return True"),
                    None | Some(Expr::NoneLiteral(_)) if auth_function => Some("return"),
                    _ => None,
                };
            }
            Stmt::Expr(expression) if matches!(expression.value.as_ref(), Expr::Call(call) if py::is_logging_call(call)) =>
                {}
            Stmt::Pass(_) => {}
            _ => return None,
        }
    }
    None
}

fn calls_call_next(expr: &Expr) -> bool {
    matches!(expr, Expr::Call(call) if py::callee_last_name(&call.func) == Some("call_next"))
}

/// `allowed = True` as the only value of a grant variable, set unconditionally in a permission
/// function or file.
fn py_grant<'a>(name: &str, value: &Expr, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
    if !py::is_true(value) || !is_grant_name(name) {
        return;
    }
    let Some(function) = py::enclosing_function(ctx.ancestors()) else { return };
    // Directly in the function's body, and the variable's only value.
    if !matches!(ctx.parent(), Some(AnyNodeRef::StmtFunctionDef(_)))
        || py::assigned_values(&function.body, name).len() != 1
    {
        return;
    }
    let context = is_permission_name(function.name.as_str())
        || ctx
            .ancestors()
            .any(|a| matches!(a, AnyNodeRef::StmtClassDef(class) if is_permission_name(class.name.as_str())))
        || is_permission_name(file_stem(ctx.file.file_name()));
    if context {
        ctx.report(
            node.range(),
            format!("`{}` is always `True`: every request is granted without a check", ctx.text_of(&node)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{AuthFailOpen, public_secret};
    use crate::tester::Tester;

    #[test]
    fn public_variables() {
        for name in ["NEXT_PUBLIC_API_KEY", "VITE_OPENAI_API_KEY", "REACT_APP_SECRET", "EXPO_PUBLIC_ADMIN_TOKEN"] {
            assert!(public_secret(name).is_some(), "{name}");
        }
        for name in [
            "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
            "NEXT_PUBLIC_SUPABASE_ANON_KEY",
            "VITE_FIREBASE_API_KEY",
            "NEXT_PUBLIC_RECAPTCHA_SITE_KEY",
            "NEXT_PUBLIC_API_URL",
            "VITE_VAPID_PUBLIC_KEY",
            "NEXT_PUBLIC_KEYCLOAK_URL",
            "API_KEY",
        ] {
            assert!(public_secret(name).is_none(), "{name}");
        }
    }

    #[test]
    fn test() {
        let pass = [
            // Fails closed.
            (
                "src/lib/auth.ts",
                "export function requireKey(req, res, next) {\n  if (!process.env.API_KEY) return res.status(500).json({ error: 'not configured' });\n  next();\n}",
            ),
            // Development-only branches guarded by a production check.
            (
                "src/lib/auth.ts",
                "export function requireKey(req, res, next) {\n  if (!process.env.API_KEY) {\n    if (process.env.NODE_ENV === 'production') throw new Error('API_KEY is not set');\n    return next();\n  }\n  next();\n}",
            ),
            (
                "src/lib/auth.ts",
                "export function requireKey(req, res, next) {\n  if (!process.env.API_KEY && process.env.NODE_ENV !== 'production') return next();\n  next();\n}",
            ),
            (
                "app/middleware.py",
                "async def dispatch(self, request, call_next):\n    if settings.DEBUG:\n        if not settings.API_KEY:\n            return await call_next(request)\n    return await call_next(request)\n",
            ),
            // The client's key missing is a different check (optional auth), and other values.
            (
                "src/lib/auth.ts",
                "export function optionalAuth(req, res, next) {\n  const token = req.headers.authorization;\n  if (!token) return next();\n  req.user = verify(token);\n  next();\n}",
            ),
            ("src/lib/cache.ts", "function load(req, res, next) {\n  if (!process.env.CACHE_URL) return next();\n}"),
            // Not an auth check: a fallback when an outgoing API key is missing.
            (
                "src/services/ai.ts",
                "export const summary = async (name) => {\n  if (!process.env.API_KEY) {\n    return `Summary unavailable for ${name}`;\n  }\n  return generate(name);\n};",
            ),
            (
                "src/lib/limits.ts",
                "export function checkRateLimit(req) {\n  if (!process.env.REDIS_TOKEN) return true;\n  return limiter.check(req);\n}",
            ),
            (
                "app/deps.py",
                "def verify_api_key(x_api_key: str = Header(None)):\n    if not x_api_key:\n        raise HTTPException(401)\n",
            ),
            // Public by design.
            ("src/lib/stripe.ts", "const stripe = loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY);"),
            (
                "src/lib/supabase.ts",
                "createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);",
            ),
            ("src/lib/firebase.ts", "const config = { apiKey: process.env.NEXT_PUBLIC_FIREBASE_API_KEY };"),
            ("src/lib/api.ts", "const base = process.env.NEXT_PUBLIC_API_URL;"),
            ("src/lib/api.ts", "const key = process.env.OPENAI_API_KEY;"),
            // Grants decided by checks.
            (
                "src/security/permissions.ts",
                "export function requestPermission(user) {\n  let granted = false;\n  if (user.isAdmin) granted = true;\n  return granted;\n}",
            ),
            (
                "src/security/permissions.ts",
                "export function canEdit(user) {\n  let allowed = true;\n  if (user.banned) allowed = false;\n  return allowed;\n}",
            ),
            ("src/ui/form.ts", "const allowed = true;"),
            // A device permission placeholder is not an access grant.
            (
                "src/services/camera.ts",
                "export async function requestCameraPermission() {\n  const granted = true;\n  if (!granted) throw new Error('denied');\n}",
            ),
            (
                "app/permissions.py",
                "def has_permission(user):\n    allowed = False\n    if user.is_staff:\n        allowed = True\n    return allowed\n",
            ),
            ("tests/auth.test.ts", "if (!process.env.API_KEY) return next();"),
        ];
        let fail = [
            // Seen on real code: Next.js middleware that skips auth when Supabase is not set up.
            (
                "src/middleware.ts",
                "export async function middleware(request) {\n  const supabaseUrl = process.env.NEXT_PUBLIC_SUPABASE_URL;\n  const supabaseKey = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;\n  if (!supabaseUrl || !supabaseKey) {\n    return NextResponse.next({ request });\n  }\n  return updateSession(request);\n}",
            ),
            (
                "src/lib/auth.ts",
                "export function requireApiKey(req, res, next) {\n  if (!process.env.API_KEY) return next();\n  if (req.headers['x-api-key'] !== process.env.API_KEY) return res.sendStatus(401);\n  next();\n}",
            ),
            (
                "src/lib/auth.ts",
                "const apiKey = process.env.API_KEY;\nexport const auth = (req, res, next) => {\n  if (!apiKey) {\n    console.warn('API_KEY not set, skipping auth');\n    return next();\n  }\n  next();\n};",
            ),
            (
                "src/middleware.ts",
                "export function middleware(request) {\n  if (!process.env.ADMIN_TOKEN) return NextResponse.next();\n}",
            ),
            (
                "src/lib/auth.ts",
                "export function isAuthorized(req) {\n  if (!config.apiSecret) return true;\n  return req.headers.secret === config.apiSecret;\n}",
            ),
            (
                "app/middleware.py",
                "class ApiKeyMiddleware(BaseHTTPMiddleware):\n    async def dispatch(self, request, call_next):\n        if not settings.API_KEY:\n            return await call_next(request)\n        return await call_next(request)\n",
            ),
            (
                "app/deps.py",
                "API_KEY = os.getenv(\"API_KEY\")\n\ndef verify_api_key(x_api_key: str = Header(None)):\n    if not API_KEY:\n        return True\n    if x_api_key != API_KEY:\n        raise HTTPException(401)\n",
            ),
            (
                "app/auth.py",
                "def require_token():\n    if os.environ.get(\"AUTH_TOKEN\") is None:\n        logger.warning(\"no token configured\")\n        return\n    check()\n",
            ),
            // Client-exposed secrets.
            ("src/lib/api.ts", "const headers = { 'x-api-key': process.env.NEXT_PUBLIC_API_KEY };"),
            ("src/lib/openai.ts", "const client = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY });"),
            ("src/config.js", "export const secret = process.env.REACT_APP_JWT_SECRET;"),
            ("src/config.js", "export const token = process.env['EXPO_PUBLIC_ADMIN_TOKEN'];"),
            // Hard-coded grants.
            (
                "src/security/SecurityManager.ts",
                "export class SecurityManager {\n  async requestPermission(scope: string) {\n    const granted = true;\n    return { scope, granted };\n  }\n}",
            ),
            (
                "src/consent.ts",
                "export function checkConsent() {\n  let allowed = false;\n  allowed = true;\n  return allowed;\n}",
            ),
            ("app/permissions.py", "def check_permission(user, action):\n    allowed = True\n    return allowed\n"),
        ];
        Tester::new::<AuthFailOpen>(pass, fail).test_and_snapshot();
    }
}
