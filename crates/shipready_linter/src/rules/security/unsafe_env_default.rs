use shipready_diagnostics::Span;
use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{BindingPattern, Expression, LogicalOperator, MemberExpression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind, Stmt};
use shipready_lang::ruff::text_size::Ranged;
use shipready_lang::tree::{Node, text};

use super::excerpt;
use crate::context::{FileInfo, IntoSpan, JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::{js, py, tree};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds services that run in development mode unless told otherwise:
    /// - the environment or mode setting defaulting to a development value:
    ///   `os.getenv("ENV", "dev")`, `os.environ.get("ENVIRONMENT", "development")`,
    ///   `env.str("APP_ENV", default="local")`, a pydantic settings field `ENV: str = "dev"`,
    ///   `process.env.NODE_ENV || 'development'`, `process.env.APP_ENV ?? 'dev'`,
    ///   `const { NODE_ENV = 'development' } = process.env`;
    /// - `DEBUG` defaulting to on: `os.getenv("DEBUG", "true")`, `env.bool("DEBUG", default=True)`,
    ///   `DEBUG: bool = True` in a settings class, and `DEBUG = True` in a Django settings module
    ///   (`settings.py`, `settings/base.py`, `settings/production.py`, `config.py`);
    /// - the debug server switched on in the service's entry point (a module that builds the
    ///   app): `app.run(debug=True)`, `uvicorn.run(..., reload=True)`, even under
    ///   `if __name__ == "__main__":`;
    /// - in Go: `env := os.Getenv("APP_ENV"); if env == "" { env = "development" }` (also
    ///   `len(env) == 0`, `os.LookupEnv` with `if !ok`, and gin's `gin.DebugMode` for `GIN_MODE`),
    ///   lookup helpers with a default (`getEnv("APP_ENV", "dev")`, `getEnvBool("DEBUG", true)`),
    ///   `cmp.Or(os.Getenv("APP_ENV"), "development")`, viper's `SetDefault("env", "development")`,
    ///   and struct tags (`env:"APP_ENV" envDefault:"development"`, `envconfig:"ENV" default:"dev"`);
    /// - in Rust: `env::var("APP_ENV").unwrap_or("development".into())`,
    ///   `.unwrap_or_else(|_| "dev".to_string())`, `env::var("DEBUG").map(…).unwrap_or(true)`, and
    ///   clap's `#[arg(env = "APP_ENV", default_value = "development")]`.
    ///
    /// Defaults that fail safe (`os.getenv("ENV", "production")`, `NODE_ENV || 'production'`),
    /// values read from configuration, settings modules for development or tests
    /// (`settings/dev.py`, `local.py`, `development.py`), scripts, and entry points named for
    /// development (`dev_server.py`, `local.py`) stay silent.
    ///
    /// ## Why is this bad?
    /// Configuration is most often missing exactly where it matters: a new deployment, a
    /// container started by hand, a crash-restart with a different environment. A default of
    /// `dev` quietly enables dev-only routers, verbose error pages with stack traces and
    /// settings, auto-reload, permissive CORS and test credentials in production.
    ///
    /// ## Example
    /// ```python
    /// ENV = os.getenv("ENV", "dev")
    /// if ENV == "dev":
    ///     app.include_router(dev_router)
    /// ```
    /// ```ts
    /// const env = process.env.NODE_ENV || "development";
    /// ```
    /// ```go
    /// env := os.Getenv("APP_ENV")
    /// if env == "" {
    ///     env = "development"
    /// }
    /// ```
    /// ```rs
    /// let env = std::env::var("APP_ENV").unwrap_or_else(|_| "development".to_string());
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// ENV = os.getenv("ENV", "production")
    /// ```
    /// ```ts
    /// const env = process.env.NODE_ENV ?? "production";
    /// ```
    /// ```rs
    /// let env = std::env::var("APP_ENV").unwrap_or_else(|_| "production".to_string());
    /// ```
    ///
    /// ## Known limitations
    /// Defaults set in a `.env` file or a `Dockerfile` are not read. Go and Rust environment keys
    /// must be string literals; a key held in a constant is not resolved. A library's own default (Express's `app.get('env')`) is reported like an app's.
    pub(crate) struct UnsafeEnvDefault {
        id: "unsafe-env-default",
        area: Security,
        severity: High,
        since: "0.1.0",
        title: "Environment or debug setting defaults to development",
        rationale: "When the setting is missing in a deployment, the service silently runs with development behaviour.",
        fix: "Default the environment to production and debug to off, and enable development behaviour only when it is set explicitly.",
    }
}

/// Values that name a development mode.
const DEV_VALUES: &[&str] = &["dev", "development", "develop", "local", "debug"];
/// Truthy spellings of a flag.
const TRUE_VALUES: &[&str] = &["true", "1", "yes", "on", "t", "y"];
/// Prefixes of keys that configure a monitoring tool's environment tag, not the app's mode.
const TOOL_PREFIXES: &[&str] = &[
    "sentry",
    "dd",
    "datadog",
    "otel",
    "newrelic",
    "honeybadger",
    "bugsnag",
    "rollbar",
    "posthog",
    "apm",
    "log",
    "logging",
];
/// Words before `MODE` that make it the app's run mode (`APP_MODE`, `RUN_MODE`).
const MODE_PREFIXES: &[&str] = &[
    "app",
    "run",
    "server",
    "service",
    "deploy",
    "deployment",
    "runtime",
    "application",
    "env",
    "flask",
    "django",
    "node",
    "gin",
];
/// Prefixes that keep `<prefix>_DEBUG` about the app itself.
const DEBUG_PREFIXES: &[&str] = &["app", "flask", "django", "fastapi", "server", "service", "api", "web", "site"];

impl Rule for UnsafeEnvDefault {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go, Language::Rust];
    const GO_KINDS: &'static [&'static str] = &["if_statement", "call_expression", "field_declaration"];
    const RUST_KINDS: &'static [&'static str] = &["call_expression", "attribute_item"];
    const JS_KINDS: &'static [AstType] = &[AstType::LogicalExpression, AstType::BindingProperty];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall, NodeKind::StmtAssign, NodeKind::StmtAnnAssign];
    const NEEDLES: &'static [&'static str] =
        &["ENV", "env", "Env", "DEBUG", "debug", "reload", "STAGE", "MODE", "Mode"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        match node.kind() {
            AstKind::LogicalExpression(logical)
                if matches!(logical.operator, LogicalOperator::Or | LogicalOperator::Coalesce) =>
            {
                let Some(key) = js_env_key(&logical.left) else { return };
                let Some(value) = js::static_string(&logical.right) else { return };
                if is_mode_key(&key) && is_dev_value(&value) {
                    ctx.report(
                        logical.span,
                        format!(
                            "`{}` defaults the environment to `{value}` when `{key}` is unset",
                            excerpt(ctx.text_of(logical))
                        ),
                    );
                }
            }
            // `const { NODE_ENV = 'development' } = process.env`
            AstKind::BindingProperty(property) => {
                let BindingPattern::AssignmentPattern(default) = &property.value else { return };
                let Some(key) = js::property_key_name(&property.key) else { return };
                let Some(value) = js::static_string(&default.right) else { return };
                if !is_mode_key(&key) || !is_dev_value(&value) {
                    return;
                }
                let from_env = ctx.ancestors(node).find_map(|ancestor| match ancestor.kind() {
                    AstKind::VariableDeclarator(declarator) => Some(declarator),
                    _ => None,
                });
                let from_env = from_env
                    .and_then(|declarator| declarator.init.as_ref())
                    .and_then(js::dotted_path)
                    .is_some_and(|path| path == "process.env");
                if from_env {
                    ctx.report(
                        property.span,
                        format!("`{key}` defaults to `{value}` when it is unset in the environment"),
                    );
                }
            }
            _ => {}
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Self::check_tree_node(node, ctx);
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        match node {
            AnyNodeRef::ExprCall(call) => {
                if let Some(message) = py_env_lookup(call, ctx) {
                    ctx.report(call.range(), message);
                } else if let Some(message) = py_debug_server(call, ctx) {
                    ctx.report(call.range(), message);
                }
            }
            AnyNodeRef::StmtAssign(assign) => {
                let [Expr::Name(target)] = assign.targets.as_slice() else { return };
                if let Some(message) = py_settings_default(target.id.as_str(), &assign.value, ctx) {
                    ctx.report(assign.range(), message);
                }
            }
            AnyNodeRef::StmtAnnAssign(assign) => {
                let Expr::Name(target) = assign.target.as_ref() else { return };
                let Some(value) = assign.value.as_deref() else { return };
                if let Some(message) = py_settings_default(target.id.as_str(), value, ctx) {
                    ctx.report(assign.range(), message);
                }
            }
            _ => {}
        }
    }
}

/// `NODE_ENV` for `process.env.NODE_ENV` or `process.env['NODE_ENV']`.
fn js_env_key(expr: &Expression<'_>) -> Option<String> {
    let member = js::inner(expr).as_member_expression()?;
    let key = member.static_property_name()?;
    let object = js::dotted_path(MemberExpression::object(member))?;
    (object == "process.env").then(|| key.to_string())
}

/// Whether an environment key names the deployment environment or mode: `ENV`, `NODE_ENV`,
/// `APP_ENV`, `ENVIRONMENT`, `STAGE`, `APP_MODE`; not a monitoring tool's environment tag
/// (`SENTRY_ENVIRONMENT`), a log setting or a feature's mode (`MINERU_API_MODE`).
fn is_mode_key(key: &str) -> bool {
    let words = split_words(key);
    let Some(last) = words.last() else { return false };
    if words.iter().any(|word| TOOL_PREFIXES.contains(&word.as_str())) {
        return false;
    }
    match last.as_str() {
        "env" | "environment" | "stage" => true,
        "mode" => match words.as_slice() {
            [_] => true,
            [.., previous, _] => MODE_PREFIXES.contains(&previous.as_str()),
            [] => false,
        },
        _ => false,
    }
}

/// Whether a key is the app's debug switch: `DEBUG`, `FLASK_DEBUG`, `APP_DEBUG`, `DEBUG_MODE`.
fn is_debug_key(key: &str) -> bool {
    let words = split_words(key);
    match words.as_slice() {
        [only] => only == "debug",
        [first, second] => {
            (second == "debug" && DEBUG_PREFIXES.contains(&first.as_str())) || (first == "debug" && second == "mode")
        }
        _ => false,
    }
}

fn is_dev_value(value: &str) -> bool {
    DEV_VALUES.contains(&value.trim().to_ascii_lowercase().as_str())
}

fn is_py_truthy(expr: &Expr) -> bool {
    match expr {
        Expr::BooleanLiteral(literal) => literal.value,
        Expr::NumberLiteral(_) => py::integer_value(expr) == Some(1),
        _ => py::string_value(expr)
            .is_some_and(|value| TRUE_VALUES.contains(&value.trim().to_ascii_lowercase().as_str())),
    }
}

/// `os.getenv("ENV", "dev")`, `os.environ.get(...)`, `env.str("ENV", default="dev")`,
/// `env.bool("DEBUG", default=True)`, `config("DEBUG", default=True)` (python-decouple).
fn py_env_lookup(call: &py_ast::ExprCall, ctx: &PyContext<'_, '_>) -> Option<String> {
    let callee = py::dotted_name(&call.func)?;
    let (receiver, method) = callee.rsplit_once('.').unwrap_or(("", callee.as_str()));
    let lookup = match method {
        "getenv" => true,
        "get" => receiver == "environ" || receiver.ends_with(".environ"),
        "str" | "bool" => receiver == "env",
        "config" => receiver.is_empty() && py::module_imports(&ctx.module.body, "decouple"),
        _ => false,
    };
    if !lookup {
        return None;
    }
    let key = call.arguments.args.first().and_then(py::string_value)?;
    let default = call.arguments.args.get(1).or_else(|| py::keyword(call, "default"))?;
    let shown = excerpt(ctx.text_of(call));
    if is_mode_key(&key) && py::string_value(default).is_some_and(|value| is_dev_value(&value)) {
        let value = py::string_value(default).unwrap_or_default();
        return Some(format!("`{shown}` defaults the environment to `{value}` when `{key}` is unset"));
    }
    if is_debug_key(&key) && is_py_truthy(default) {
        return Some(format!("`{shown}` turns debug mode on when `{key}` is unset"));
    }
    None
}

/// A settings default: a field of a pydantic settings class (`ENV: str = "dev"`,
/// `DEBUG: bool = True`), or `DEBUG = True` at the top of a Django settings module.
fn py_settings_default(name: &str, value: &Expr, ctx: &PyContext<'_, '_>) -> Option<String> {
    let parent = ctx.parent();
    match parent {
        Some(AnyNodeRef::StmtClassDef(class)) => {
            let settings_class = class
                .bases()
                .iter()
                .any(|base| py::callee_last_name(base).is_some_and(|base| base.ends_with("Settings")));
            if !settings_class || is_development_name(class.name.as_str()) {
                return None;
            }
            // `Field("dev")`, `Field(default="dev")`
            let value = match value {
                Expr::Call(call) if py::callee_last_name(&call.func) == Some("Field") => {
                    py::keyword(call, "default").or_else(|| call.arguments.args.first())?
                }
                other => other,
            };
            let class_name = class.name.as_str();
            if is_mode_key(name) && py::string_value(value).is_some_and(|v| is_dev_value(&v)) {
                let value = py::string_value(value).unwrap_or_default();
                return Some(format!("`{class_name}.{name}` defaults the environment to `{value}`"));
            }
            if is_debug_key(name) && matches!(value, Expr::BooleanLiteral(literal) if literal.value) {
                return Some(format!("`{class_name}.{name}` defaults debug mode to on"));
            }
            None
        }
        None if name == "DEBUG" && py::is_true(value) && is_settings_module(ctx.file, &ctx.module.body) => {
            Some(format!("`DEBUG = True` in settings module `{}`", ctx.file.file_name()))
        }
        _ => None,
    }
}

/// A Django (or Flask) settings module that is not for development: `settings.py`,
/// `settings/base.py`, `settings/production.py`, `config.py`, which sets settings such as
/// `SECRET_KEY`, `ALLOWED_HOSTS` or `INSTALLED_APPS`.
fn is_settings_module(file: &FileInfo<'_>, body: &[Stmt]) -> bool {
    const SETTINGS: &[&str] = &[
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "INSTALLED_APPS",
        "MIDDLEWARE",
        "ROOT_URLCONF",
        "DATABASES",
        "SQLALCHEMY_DATABASE_URI",
    ];
    let stem = file.file_name().strip_suffix(".py").unwrap_or_default().to_ascii_lowercase();
    let folder = file.path.rsplit('/').nth(1).unwrap_or_default().to_ascii_lowercase();
    let named = stem.starts_with("settings")
        || stem.starts_with("config")
        || matches!(folder.as_str(), "settings" | "config" | "conf");
    named
        && !is_development_name(&stem)
        && body.iter().any(|stmt| match stmt {
            Stmt::Assign(assign) => {
                assign.targets.iter().any(|t| matches!(t, Expr::Name(n) if SETTINGS.contains(&n.id.as_str())))
            }
            _ => false,
        })
}

/// Names of development, local or test variants: `dev`, `settings_local`, `DevSettings`.
fn is_development_name(name: &str) -> bool {
    split_words(name).iter().any(|word| {
        matches!(word.as_str(), "dev" | "develop" | "development" | "local" | "test" | "tests" | "testing" | "debug")
    })
}

/// `app.run(debug=True)`, `uvicorn.run("main:app", reload=True)` in a module that builds the
/// app, which makes it the service's entry point.
fn py_debug_server(call: &py_ast::ExprCall, ctx: &PyContext<'_, '_>) -> Option<String> {
    if py::callee_last_name(&call.func) != Some("run") {
        return None;
    }
    let callee = py::dotted_name(&call.func)?;
    let flag = if callee == "uvicorn.run" { ["reload", "debug"].as_slice() } else { ["debug"].as_slice() };
    let on = flag.iter().find(|flag| py::keyword(call, flag).is_some_and(py::is_true))?;
    let stem = ctx.file.file_name().strip_suffix(".py").unwrap_or_default();
    if is_development_name(stem) || !py::serves_http(&ctx.module.body, stem) {
        return None;
    }
    Some(format!("`{callee}({on}=True)` runs the development server in the service's entry point"))
}

// ---------------------------------------------------------------------------------------------
// Go and Rust

impl UnsafeEnvDefault {
    fn check_tree_node<'t>(node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        let message = match (ctx.file.language, node.kind()) {
            (Language::Go, "if_statement") => go_unset_fallback(node, source),
            (Language::Go, "call_expression") => go_default_call(node, source),
            (Language::Go, "field_declaration") => go_struct_tag(node, source),
            (Language::Rust, "call_expression") if !ctx.in_rust_test(node) => rust_env_fallback(node, source),
            (Language::Rust, "attribute_item") if !ctx.in_rust_test(node) => rust_clap_default(node, source),
            _ => None,
        };
        if let Some((span, message)) = message {
            ctx.report(span, message);
        }
    }
}

/// A default's literal value: a string or boolean, through `.to_string()`, `.into()`,
/// `String::from(…)` and closures (`|_| "dev".into()`); gin's `gin.DebugMode` is `debug`.
fn tree_default_value(node: Node<'_>, source: &str) -> Option<String> {
    if let Some(value) = tree::string_value(node, source) {
        return Some(value.to_string());
    }
    match node.kind() {
        "true" | "false" | "boolean_literal" | "int_literal" | "integer_literal" => {
            Some(text(node, source).to_string())
        }
        "selector_expression" if text(node, source) == "gin.DebugMode" => Some("debug".to_string()),
        "closure_expression" => tree_default_value(node.child_by_field_name("body")?, source),
        "block" => {
            let mut cursor = node.walk();
            let inner: Vec<Node<'_>> =
                node.named_children(&mut cursor).filter(|n| !n.kind().contains("comment")).collect();
            match inner.as_slice() {
                [only] => tree_default_value(*only, source),
                _ => None,
            }
        }
        "call_expression" => {
            if let Some((method, receiver)) = tree::method_call(node, source) {
                return matches!(method, "to_string" | "into" | "to_owned")
                    .then(|| tree_default_value(receiver, source))
                    .flatten();
            }
            let callee = node.child_by_field_name("function").map(|f| text(f, source)).unwrap_or_default();
            match tree::call_arguments(node).as_slice() {
                [only] if callee == "String::from" => tree_default_value(*only, source),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether a default turns a flag on: `true`, `"true"`, `"1"`, `1`.
fn is_truthy(value: &str) -> bool {
    TRUE_VALUES.contains(&value.trim().to_ascii_lowercase().as_str())
}

/// The key of a Go environment read: `os.Getenv("APP_ENV")`, `os.LookupEnv("APP_ENV")`.
fn go_env_read<'s>(node: Node<'_>, source: &'s str) -> Option<&'s str> {
    if node.kind() != "call_expression" {
        return None;
    }
    let callee = node.child_by_field_name("function").map(|f| text(f, source))?;
    if !matches!(callee, "os.Getenv" | "os.LookupEnv" | "syscall.Getenv") {
        return None;
    }
    match tree::call_arguments(node).as_slice() {
        [key] => tree::string_value(*key, source),
        _ => None,
    }
}

/// `env := os.Getenv("APP_ENV"); if env == "" { env = "development" }`, also with
/// `len(env) == 0`, and `env, ok := os.LookupEnv("APP_ENV"); if !ok { env = "development" }`.
fn go_unset_fallback(statement: Node<'_>, source: &str) -> Option<(Span, String)> {
    let condition = statement.child_by_field_name("condition")?;
    let condition_text: String = text(condition, source).split_whitespace().collect();
    let consequence = statement.child_by_field_name("consequence")?;
    let assignment = consequence.named_child(0).filter(|first| first.kind() == "assignment_statement")?;
    let target = assignment.child_by_field_name("left")?;
    let target_text = text(target, source);
    let value = assignment.child_by_field_name("right")?.named_child(0)?;
    let unset = condition_text == format!("{target_text}==\"\"")
        || condition_text == format!("len({target_text})==0")
        || condition_text.starts_with('!');
    let default = tree_default_value(value, source)?;
    if !unset || !(is_dev_value(&default) || is_truthy(&default)) {
        return None;
    }
    // Where the variable was read from the environment, before the `if`.
    let scope = tree::enclosing_function(statement).unwrap_or(statement);
    let key = tree::nodes_before(scope, statement.start_byte()).into_iter().rev().find_map(|node| {
        if !matches!(node.kind(), "short_var_declaration" | "assignment_statement") {
            return None;
        }
        let left = text(node.child_by_field_name("left")?, source);
        let names: Vec<&str> = left.split(',').map(str::trim).collect();
        if names.first() != Some(&target_text) {
            return None;
        }
        // `!ok` tests the second name of `env, ok := os.LookupEnv(…)`.
        if let Some(flag) = condition_text.strip_prefix('!')
            && names.get(1) != Some(&flag)
        {
            return None;
        }
        go_env_read(node.child_by_field_name("right")?.named_child(0)?, source)
    })?;
    if is_mode_key(key) && is_dev_value(&default) {
        return Some((
            assignment.into_span(),
            format!("`{target_text}` defaults the environment to `{default}` when `{key}` is unset"),
        ));
    }
    if is_debug_key(key) && is_truthy(&default) {
        return Some((assignment.into_span(), format!("`{target_text}` turns debug mode on when `{key}` is unset")));
    }
    None
}

/// A lookup helper with a default (`getEnv("APP_ENV", "development")`, `envOrDefault(…)`),
/// viper's `SetDefault("env", "development")` and `cmp.Or(os.Getenv("APP_ENV"), "development")`.
fn go_default_call(call: Node<'_>, source: &str) -> Option<(Span, String)> {
    let callee = call.child_by_field_name("function").map(|f| text(f, source))?;
    let last = callee.rsplit('.').next().unwrap_or(callee);
    let arguments = tree::call_arguments(call);
    let key = match arguments.as_slice() {
        [first, _] if last == "SetDefault" => tree::string_value(*first, source)?,
        [first, .., _] if callee == "cmp.Or" => go_env_read(*first, source)?,
        [first, _] => {
            let lower = last.to_ascii_lowercase();
            if !lower.contains("env") || lower.contains("set") {
                return None;
            }
            tree::string_value(*first, source)?
        }
        _ => return None,
    };
    let default = tree_default_value(*arguments.last()?, source)?;
    let shown = excerpt(text(call, source));
    if is_mode_key(key) && is_dev_value(&default) {
        return Some((
            call.into_span(),
            format!("`{shown}` defaults the environment to `{default}` when `{key}` is unset"),
        ));
    }
    if is_debug_key(key) && is_truthy(&default) {
        return Some((call.into_span(), format!("`{shown}` turns debug mode on when `{key}` is unset")));
    }
    None
}

/// A struct field loaded from the environment with a default in its tag:
/// `Env string `env:"APP_ENV" envDefault:"development"`` (caarlos0/env),
/// `Environment string `envconfig:"ENV" default:"dev"`` (envconfig), go-flags' `default:`.
fn go_struct_tag(field: Node<'_>, source: &str) -> Option<(Span, String)> {
    let tag = tree::string_value(field.child_by_field_name("tag")?, source)?;
    let name = text(field.child_by_field_name("name")?, source);
    let tag_value = |key: &str| {
        let start =
            tag.match_indices(&format!("{key}:\"")).find(|(index, _)| *index == 0 || tag[..*index].ends_with(' '))?.0
                + key.len()
                + 2;
        tag.get(start..)?.split('"').next()
    };
    let default = tag_value("envDefault").or_else(|| tag_value("default"))?;
    let key = tag_value("env").or_else(|| tag_value("envconfig")).map(|key| key.split(',').next().unwrap_or(key));
    let key = key.unwrap_or(name);
    if is_mode_key(key) && is_dev_value(default) {
        return Some((
            field.into_span(),
            format!("`{name}` defaults the environment to `{default}` when `{key}` is unset"),
        ));
    }
    if is_debug_key(key) && is_truthy(default) {
        return Some((field.into_span(), format!("`{name}` turns debug mode on when `{key}` is unset")));
    }
    None
}

/// `env::var("APP_ENV").unwrap_or("development".into())`, `.unwrap_or_else(|_| "dev".to_string())`,
/// `std::env::var("DEBUG").map(|v| v == "true").unwrap_or(true)`.
fn rust_env_fallback(call: Node<'_>, source: &str) -> Option<(Span, String)> {
    let (method, mut receiver) = tree::method_call(call, source)?;
    if !matches!(method, "unwrap_or" | "unwrap_or_else" | "map_or") {
        return None;
    }
    // `map_or(default, f)` maps the value first, like `.map(f).unwrap_or(default)`.
    let (default, mut mapped) = match (method, tree::call_arguments(call).as_slice()) {
        ("map_or", [default, _]) => (*default, true),
        ("unwrap_or" | "unwrap_or_else", [default]) => (*default, false),
        _ => return None,
    };
    // Down the chain to the environment read: `.ok()`, `.as_deref()`, `.map(…)`.
    let key = loop {
        if receiver.kind() != "call_expression" {
            return None;
        }
        let callee = receiver.child_by_field_name("function").map(|f| text(f, source)).unwrap_or_default();
        if matches!(
            callee,
            "env::var" | "std::env::var" | "dotenvy::var" | "dotenv::var" | "env::var_os" | "std::env::var_os"
        ) {
            break tree::call_arguments(receiver).first().and_then(|key| tree::string_value(*key, source))?;
        }
        let (step, inner) = tree::method_call(receiver, source)?;
        if !matches!(step, "ok" | "as_deref" | "as_ref" | "map" | "and_then" | "to_lowercase" | "into_string") {
            return None;
        }
        mapped |= matches!(step, "map" | "and_then");
        receiver = inner;
    };
    let value = tree_default_value(default, source)?;
    let shown = excerpt(text(call, source));
    if !mapped && is_mode_key(key) && is_dev_value(&value) {
        return Some((
            call.into_span(),
            format!("`{shown}` defaults the environment to `{value}` when `{key}` is unset"),
        ));
    }
    if is_debug_key(key) && is_truthy(&value) {
        return Some((call.into_span(), format!("`{shown}` turns debug mode on when `{key}` is unset")));
    }
    None
}

/// clap's `#[arg(long, env = "APP_ENV", default_value = "development")]` on a field.
fn rust_clap_default(attribute: Node<'_>, source: &str) -> Option<(Span, String)> {
    let written = text(attribute, source);
    let inner =
        ["#[arg(", "#[clap(", "#[structopt(", "#[command("].iter().find_map(|prefix| written.strip_prefix(prefix))?;
    let setting = |name: &str| {
        inner.split(',').map(str::trim).find_map(|part| {
            let (key, value) = part.split_once('=')?;
            (key.trim() == name).then(|| value.trim().trim_end_matches([')', ']']).trim().trim_matches('"').to_string())
        })
    };
    let field = attribute.next_named_sibling().filter(|f| f.kind() == "field_declaration")?;
    let name = text(field.child_by_field_name("name")?, source);
    let key = match setting("env") {
        Some(key) => key,
        None if inner.split(',').any(|part| part.trim().trim_end_matches([')', ']']) == "env") => {
            name.to_ascii_uppercase()
        }
        None => return None,
    };
    let default = setting("default_value").or_else(|| setting("default_value_t"))?;
    if is_mode_key(&key) && is_dev_value(&default) {
        return Some((
            attribute.into_span(),
            format!("`{name}` defaults the environment to `{default}` when `{key}` is unset"),
        ));
    }
    if is_debug_key(&key) && is_truthy(&default) {
        return Some((attribute.into_span(), format!("`{name}` turns debug mode on when `{key}` is unset")));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::UnsafeEnvDefault;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("app/config.py", "import os\nENV = os.getenv('ENV', 'production')\n"),
            ("app/config.py", "import os\nENV = os.environ.get('ENVIRONMENT', 'prod')\n"),
            ("app/config.py", "import os\nENV = os.environ['ENV']\n"),
            ("app/config.py", "import os\nDEBUG = os.getenv('DEBUG', 'false') == 'true'\n"),
            ("app/config.py", "import os\nSENTRY_ENV = os.getenv('SENTRY_ENVIRONMENT', 'development')\n"),
            ("app/config.py", "import os\nlevel = os.getenv('LOG_LEVEL', 'debug')\n"),
            ("app/config.py", "import os\nMINERU_API_MODE = os.getenv('MINERU_API_MODE', 'local')\n"),
            ("project/settings/dev.py", "DEBUG = True\nSECRET_KEY = 'x'\n"),
            ("project/settings/local.py", "DEBUG = True\nALLOWED_HOSTS = ['*']\n"),
            ("project/settings/development.py", "DEBUG = True\nINSTALLED_APPS = []\n"),
            ("project/settings.py", "DEBUG = os.getenv('DEBUG') == '1'\nSECRET_KEY = os.environ['SECRET_KEY']\n"),
            ("app/flags.py", "DEBUG = True\n"),
            (
                "app/settings.py",
                "from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    ENV: str = 'production'\n    DEBUG: bool = False\n",
            ),
            (
                "app/dev_server.py",
                "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(debug=True)\n",
            ),
            ("scripts/serve.py", "import uvicorn\nuvicorn.run('app.main:app', reload=True)\n"),
            ("app/runner.py", "import uvicorn\nuvicorn.run('app.main:app', reload=True)\n"),
            (
                "app/main.py",
                "from fastapi import FastAPI\nimport uvicorn\napp = FastAPI()\nif __name__ == '__main__':\n    uvicorn.run(app, reload=settings.DEBUG)\n",
            ),
            ("src/config.ts", "const env = process.env.NODE_ENV || 'production';"),
            ("src/config.ts", "const env = process.env.NODE_ENV ?? 'prod';"),
            ("src/config.ts", "const level = process.env.LOG_LEVEL || 'debug';"),
            ("src/config.ts", "const { NODE_ENV = 'production' } = process.env;"),
            ("src/config.test.ts", "const env = process.env.NODE_ENV || 'development';"),
            // Go: defaults that fail safe, other variables, tests.
            (
                "internal/config/config.go",
                "package config\nfunc Load() {\n\tenv := os.Getenv(\"APP_ENV\")\n\tif env == \"\" {\n\t\tenv = \"production\"\n\t}\n}\n",
            ),
            (
                "internal/config/config.go",
                "package config\nfunc Load() {\n\tlevel := os.Getenv(\"LOG_LEVEL\")\n\tif level == \"\" {\n\t\tlevel = \"debug\"\n\t}\n}\n",
            ),
            ("internal/config/config.go", "package config\nvar env = getEnv(\"APP_ENV\", \"production\")\n"),
            (
                "internal/config/config.go",
                "package config\nvar sentryEnv = getEnv(\"SENTRY_ENVIRONMENT\", \"development\")\n",
            ),
            ("internal/config/config.go", "package config\nfunc init() { os.Setenv(\"APP_ENV\", \"development\") }\n"),
            (
                "internal/config/config.go",
                "package config\ntype Config struct {\n\tEnv string `env:\"APP_ENV\" envDefault:\"production\"`\n\tHost string `env:\"HOST\" envDefault:\"localhost\"`\n}\n",
            ),
            (
                "internal/config/config.go",
                "package config\nfunc SetMode(value string) {\n\tif value == \"\" {\n\t\tvalue = DebugMode\n\t}\n}\n",
            ),
            (
                "internal/config/config_test.go",
                "package config\nfunc f() {\n\tenv := os.Getenv(\"APP_ENV\")\n\tif env == \"\" {\n\t\tenv = \"development\"\n\t}\n}\n",
            ),
            // Rust: defaults that fail safe, other variables, tests.
            (
                "src/config.rs",
                "fn env() -> String {\n    std::env::var(\"APP_ENV\").unwrap_or_else(|_| \"production\".to_string())\n}\n",
            ),
            (
                "src/config.rs",
                "fn level() -> String {\n    std::env::var(\"RUST_LOG\").unwrap_or_else(|_| \"debug\".to_string())\n}\n",
            ),
            (
                "src/config.rs",
                "fn debug() -> bool {\n    std::env::var(\"DEBUG\").map(|v| v == \"true\").unwrap_or(false)\n}\n",
            ),
            (
                "src/config.rs",
                "fn production() -> bool {\n    std::env::var(\"APP_ENV\").map(|v| v == \"production\").unwrap_or(false)\n}\n",
            ),
            (
                "src/args.rs",
                "#[derive(Parser)]\nstruct Args {\n    #[arg(long, default_value = \"::\", env = \"SERVER_HOST\")]\n    host: String,\n    #[arg(long, env = \"APP_ENV\", default_value = \"production\")]\n    env: String,\n}\n",
            ),
            (
                "src/config.rs",
                "#[cfg(test)]\nmod tests {\n    fn env() -> String { std::env::var(\"APP_ENV\").unwrap_or_else(|_| \"development\".into()) }\n}\n",
            ),
        ];
        let fail = [
            ("app/config.py", "import os\nENV = os.getenv('ENV', 'dev')\n"),
            ("app/config.py", "import os\nENV = os.environ.get('ENVIRONMENT', 'development')\n"),
            ("app/config.py", "import os\nMODE = os.getenv('APP_MODE', 'debug')\n"),
            ("app/config.py", "import os\nDEBUG = os.getenv('DEBUG', 'true').lower() == 'true'\n"),
            ("app/config.py", "import os\nDEBUG = bool(os.getenv('FLASK_DEBUG', True))\n"),
            ("project/settings.py", "import environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', default=True)\n"),
            ("project/settings.py", "DEBUG = True\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = []\n"),
            ("project/settings/production.py", "from .base import *\nDEBUG = True\nALLOWED_HOSTS = ['example.com']\n"),
            (
                "app/core/config.py",
                "from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    ENV: str = 'dev'\n    DEBUG: bool = True\n",
            ),
            (
                "app/main.py",
                "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', debug=True)\n",
            ),
            (
                "app/main.py",
                "from fastapi import FastAPI\nimport uvicorn\napp = FastAPI()\nif __name__ == '__main__':\n    uvicorn.run('main:app', host='0.0.0.0', reload=True)\n",
            ),
            ("src/config.ts", "export const env = process.env.NODE_ENV || 'development';"),
            ("src/config.ts", "const stage = process.env.APP_ENV ?? 'dev';"),
            ("src/config.js", "const env = process.env['NODE_ENV'] || 'local';"),
            ("src/config.ts", "const { NODE_ENV = 'development' } = process.env;"),
            // Go
            (
                "internal/config/config.go",
                "package config\nfunc Load() {\n\tenv := os.Getenv(\"APP_ENV\")\n\tif env == \"\" {\n\t\tenv = \"development\"\n\t}\n}\n",
            ),
            (
                "internal/config/config.go",
                "package config\nfunc Load(cfg *Config) {\n\tcfg.Env = os.Getenv(\"ENVIRONMENT\")\n\tif len(cfg.Env) == 0 {\n\t\tcfg.Env = \"dev\"\n\t}\n}\n",
            ),
            (
                "internal/config/config.go",
                "package config\nfunc Load() {\n\tenv, ok := os.LookupEnv(\"APP_ENV\")\n\tif !ok {\n\t\tenv = \"local\"\n\t}\n}\n",
            ),
            (
                "cmd/api/main.go",
                "package main\nfunc main() {\n\tmode := os.Getenv(\"GIN_MODE\")\n\tif mode == \"\" {\n\t\tmode = gin.DebugMode\n\t}\n\tgin.SetMode(mode)\n}\n",
            ),
            ("internal/config/config.go", "package config\nvar env = getEnv(\"APP_ENV\", \"development\")\n"),
            ("internal/config/config.go", "package config\nvar debug = getEnvBool(\"DEBUG\", true)\n"),
            (
                "internal/config/config.go",
                "package config\nfunc init() {\n\tviper.SetDefault(\"environment\", \"development\")\n}\n",
            ),
            (
                "internal/config/config.go",
                "package config\nvar env = cmp.Or(os.Getenv(\"APP_ENV\"), \"development\")\n",
            ),
            (
                "internal/config/config.go",
                "package config\ntype Config struct {\n\tEnv string `env:\"APP_ENV\" envDefault:\"development\"`\n\tDebug bool `env:\"DEBUG\" envDefault:\"true\"`\n}\n",
            ),
            (
                "internal/config/config.go",
                "package config\ntype Config struct {\n\tEnvironment string `envconfig:\"ENV\" default:\"dev\"`\n}\n",
            ),
            // Rust
            (
                "src/config.rs",
                "fn env() -> String {\n    std::env::var(\"APP_ENV\").unwrap_or_else(|_| \"development\".to_string())\n}\n",
            ),
            (
                "src/config.rs",
                "use std::env;\nfn env() -> String {\n    env::var(\"ENVIRONMENT\").unwrap_or(\"dev\".into())\n}\n",
            ),
            (
                "src/config.rs",
                "fn env() -> String {\n    std::env::var(\"RUN_MODE\").ok().unwrap_or_else(|| String::from(\"local\"))\n}\n",
            ),
            (
                "src/config.rs",
                "fn debug() -> bool {\n    std::env::var(\"DEBUG\").map(|v| v != \"false\").unwrap_or(true)\n}\n",
            ),
            (
                "src/config.rs",
                "fn env() -> String {\n    dotenvy::var(\"APP_ENV\").as_deref().unwrap_or(\"development\").to_string()\n}\n",
            ),
            (
                "src/args.rs",
                "#[derive(Parser)]\nstruct Args {\n    #[arg(long, env = \"APP_ENV\", default_value = \"development\")]\n    env: String,\n}\n",
            ),
        ];
        Tester::new::<UnsafeEnvDefault>(pass, fail).test_and_snapshot();
    }
}
