//! Small questions about ruff's Python AST that several rules ask.

use shipready_lang::ruff::ast::visitor::source_order::{self, SourceOrderVisitor, TraversalSignal};
use shipready_lang::ruff::ast::{self as ast, AnyNodeRef, Expr, Stmt};

/// The dotted name of an expression made only of names and attributes:
/// `requests.get`, `time.sleep`, `self.logger.info`.
pub(crate) fn dotted_name(expr: &Expr) -> Option<String> {
    fn write(expr: &Expr, path: &mut String) -> Option<()> {
        match expr {
            Expr::Name(name) => path.push_str(&name.id),
            Expr::Attribute(attribute) => {
                write(&attribute.value, path)?;
                path.push('.');
                path.push_str(&attribute.attr.id);
            }
            _ => return None,
        }
        Some(())
    }
    if !matches!(expr, Expr::Name(_) | Expr::Attribute(_)) {
        return None;
    }
    // Room for nearly every name at once, rather than growing through 8, 16 and 32 bytes.
    let mut path = String::with_capacity(32);
    write(expr, &mut path)?;
    Some(path)
}

/// The last name of a callee: `logger.warning` → `warning`, `print` → `print`.
pub(crate) fn callee_last_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.id.as_str()),
        _ => None,
    }
}

/// The value of a plain (non-f) string literal.
pub(crate) fn string_value(expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str().to_string()),
        _ => None,
    }
}

/// A keyword argument of a call by name.
pub(crate) fn keyword<'e>(call: &'e ast::ExprCall, name: &str) -> Option<&'e Expr> {
    call.arguments.keywords.iter().find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == name)).map(|k| &k.value)
}

/// Whether a statement is `if __name__ == "__main__":`.
pub(crate) fn is_main_guard(stmt: &ast::StmtIf) -> bool {
    let Expr::Compare(compare) = stmt.test.as_ref() else {
        return false;
    };
    let sides = [compare.left.as_ref(), compare.comparators.first().unwrap_or(&compare.left)];
    let has_name = sides.iter().any(|e| matches!(e, Expr::Name(n) if n.id.as_str() == "__name__"));
    let has_main = sides.iter().any(|e| string_value(e).as_deref() == Some("__main__"));
    has_name && has_main
}

/// Whether the node is inside an `if __name__ == "__main__":` block.
pub(crate) fn in_main_guard<'a>(mut ancestors: impl Iterator<Item = AnyNodeRef<'a>>) -> bool {
    ancestors.any(|node| matches!(node, AnyNodeRef::StmtIf(stmt) if is_main_guard(stmt)))
}

/// The nearest enclosing function definition.
pub(crate) fn enclosing_function<'a>(
    mut ancestors: impl Iterator<Item = AnyNodeRef<'a>>,
) -> Option<&'a ast::StmtFunctionDef> {
    ancestors.find_map(|node| match node {
        AnyNodeRef::StmtFunctionDef(function) => Some(function),
        _ => None,
    })
}

/// Whether an except clause catches everything: bare `except:`, `Exception`, `BaseException`,
/// or a tuple that includes one of them.
pub(crate) fn is_broad_handler(handler: &ast::ExceptHandlerExceptHandler) -> bool {
    fn broad(expr: &Expr) -> bool {
        match expr {
            Expr::Name(name) => matches!(name.id.as_str(), "Exception" | "BaseException"),
            Expr::Attribute(attribute) => {
                matches!(attribute.attr.id.as_str(), "Exception" | "BaseException")
                    && matches!(attribute.value.as_ref(), Expr::Name(n) if n.id.as_str() == "builtins")
            }
            Expr::Tuple(tuple) => tuple.elts.iter().any(broad),
            _ => false,
        }
    }
    handler.type_.as_deref().is_none_or(broad)
}

/// Whether every statement of a body is `pass` or `...`.
pub(crate) fn is_empty_body(body: &[Stmt]) -> bool {
    body.iter().all(|stmt| match stmt {
        Stmt::Pass(_) => true,
        Stmt::Expr(expr) => matches!(expr.value.as_ref(), Expr::EllipsisLiteral(_)),
        _ => false,
    })
}

/// Names of logging functions and methods: a call to one reports the error somewhere.
pub(crate) fn is_logging_call(call: &ast::ExprCall) -> bool {
    let Some(name) = callee_last_name(&call.func) else {
        return false;
    };
    let receiver = match call.func.as_ref() {
        Expr::Attribute(attribute) => dotted_name(&attribute.value).unwrap_or_default().to_ascii_lowercase(),
        _ => String::new(),
    };
    let logger_method =
        matches!(
            name,
            "debug" | "info" | "warning" | "warn" | "error" | "exception" | "critical" | "fatal" | "log" | "msg"
        ) && (receiver.contains("log") || receiver.is_empty() || receiver == "self" || receiver.ends_with("logger"));
    logger_method
        || matches!(
            name,
            "print" | "print_exc" | "print_exception" | "capture_exception" | "capture_message" | "record_exception"
        )
        || (name == "warn" && receiver == "warnings")
        || (name == "write" && receiver.contains("stderr"))
}

/// The name an expression is known by, for naming heuristics: `token` → `token`,
/// `settings.api_key` → `api_key`, `request.headers["X-API-Key"]` and
/// `request.headers.get("X-API-Key")` → `X-API-Key`, `os.getenv("API_TOKEN")` → `API_TOKEN`.
pub(crate) fn expr_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Name(name) => Some(name.id.to_string()),
        Expr::Attribute(attribute) => Some(attribute.attr.id.to_string()),
        Expr::Subscript(subscript) => string_value(&subscript.slice),
        Expr::Call(call) => {
            let callee = callee_last_name(&call.func)?;
            if matches!(callee, "get" | "getenv" | "getheader" | "get_header") {
                call.arguments.args.first().and_then(string_value)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Whether the module imports `module` (or a submodule of it) at top level.
pub(crate) fn module_imports(body: &[Stmt], module: &str) -> bool {
    let matches = |name: &str| name == module || name.strip_prefix(module).is_some_and(|rest| rest.starts_with('.'));
    body.iter().any(|stmt| match stmt {
        Stmt::Import(import) => import.names.iter().any(|alias| matches(alias.name.as_str())),
        Stmt::ImportFrom(import) => import.level == 0 && import.module.as_ref().is_some_and(|m| matches(m.as_str())),
        _ => false,
    })
}

/// Whether the module defines, assigns or imports `name` at top level, shadowing a builtin
/// (`print = logger.info`, `def input(...)`, `from rich import print`).
pub(crate) fn binds_at_top_level(body: &[Stmt], name: &str) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::FunctionDef(function) => function.name.as_str() == name,
        Stmt::Assign(assign) => assign.targets.iter().any(|t| matches!(t, Expr::Name(n) if n.id.as_str() == name)),
        Stmt::ImportFrom(import) => import.names.iter().any(|a| a.asname.as_ref().unwrap_or(&a.name).as_str() == name),
        _ => false,
    })
}

/// Whether the module binds `name` at top level with `from <module> import name`.
pub(crate) fn imports_name_from(body: &[Stmt], module: &str, name: &str) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::ImportFrom(import) => {
            import.level == 0
                && import.module.as_ref().is_some_and(|m| m.as_str() == module)
                && import.names.iter().any(|alias| alias.name.as_str() == name && alias.asname.is_none())
        }
        _ => false,
    })
}
// Exception bindings, imports, routes and simple assignments.

/// The nearest enclosing `except ... as name:` clause that binds `name`.
pub(crate) fn handler_binding<'a>(
    mut ancestors: impl Iterator<Item = AnyNodeRef<'a>>,
    name: &str,
) -> Option<&'a ast::ExceptHandlerExceptHandler> {
    ancestors.find_map(|node| match node {
        AnyNodeRef::ExceptHandlerExceptHandler(handler)
            if handler.name.as_ref().is_some_and(|bound| bound.id.as_str() == name) =>
        {
            Some(handler)
        }
        _ => None,
    })
}

/// Where a module-level name is imported from: `("flask_cors", "CORS")` for
/// `from flask_cors import CORS` (or `... import CORS as C`, asked as `C`). Looks at top-level
/// imports and those inside top-level `try:` blocks.
pub(crate) fn imported_from<'a>(module: &'a ast::ModModule, local: &str) -> Option<(&'a str, &'a str)> {
    fn find<'a>(body: &'a [Stmt], local: &str) -> Option<(&'a str, &'a str)> {
        body.iter().find_map(|stmt| match stmt {
            Stmt::ImportFrom(import) => {
                let from = import.module.as_ref().map_or("", |m| m.id.as_str());
                import.names.iter().find_map(|alias| {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    (bound.id.as_str() == local).then_some((from, alias.name.id.as_str()))
                })
            }
            Stmt::Try(try_stmt) => find(&try_stmt.body, local),
            _ => None,
        })
    }
    find(&module.body, local)
}

/// Whether a function is a web route handler: decorated with `@app.get(...)`,
/// `@router.post(...)`, `@app.route(...)`, `@bp.route(...)`, `@app.api_route(...)`.
pub(crate) fn is_route_handler(function: &ast::StmtFunctionDef) -> bool {
    function.decorator_list.iter().any(|decorator| {
        let Expr::Call(call) = &decorator.expression else {
            return false;
        };
        matches!(
            call.func.as_ref(),
            Expr::Attribute(attribute) if matches!(
                attribute.attr.id.as_str(),
                "get" | "post" | "put" | "patch" | "delete" | "head" | "options" | "route" | "api_route"
            )
        )
    })
}

/// The value of the only plain assignment `name = value` among the statements of `body` (not
/// looking into nested blocks); `None` if there is none or more than one.
pub(crate) fn sole_assignment<'a>(body: &'a [Stmt], name: &str) -> Option<&'a Expr> {
    let is_name = |target: &Expr| matches!(target, Expr::Name(target) if target.id.as_str() == name);
    let mut values = body.iter().filter_map(|stmt| match stmt {
        Stmt::Assign(assign) if assign.targets.len() == 1 && is_name(&assign.targets[0]) => Some(assign.value.as_ref()),
        Stmt::AnnAssign(assign) if is_name(&assign.target) => assign.value.as_deref(),
        _ => None,
    });
    let first = values.next()?;
    values.next().is_none().then_some(first)
}

/// Whether an expression is the `True` literal.
pub(crate) fn is_true(expr: &Expr) -> bool {
    matches!(expr, Expr::BooleanLiteral(literal) if literal.value)
}

/// The value of an integer literal, if it is one that fits.
pub(crate) fn integer_value(expr: &Expr) -> Option<i64> {
    match expr {
        Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(int), .. }) => int.as_i64(),
        _ => None,
    }
}

/// Constructors of web apps and routers (`FastAPI()`, `APIRouter()`, `Flask(__name__)`…).
const APP_CONSTRUCTORS: &[&str] = &[
    "FastAPI",
    "APIRouter",
    "Flask",
    "Blueprint",
    "Starlette",
    "Router",
    "Sanic",
    "Quart",
    "Bottle",
    "Litestar",
    "Application",
    "NinjaAPI",
    "Namespace",
];
/// Decorator methods that declare a route (`@app.get("/")`, `@bp.route("/")`).
const ROUTE_DECORATORS: &[&str] =
    &["get", "post", "put", "patch", "delete", "head", "options", "route", "api_route", "websocket", "api_view"];
/// Calls that wire routes into an app at module level (`app.include_router(...)`).
const ROUTE_WIRING: &[&str] =
    &["include_router", "add_api_route", "add_url_rule", "register_blueprint", "add_route", "add_routes"];

/// Whether a module serves HTTP: it builds an app or router, declares routes, wires routers
/// together, or is a Django view or URL module. Only the module's top level (and its classes'
/// methods) is looked at: that is where web frameworks are set up.
pub(crate) fn serves_http(body: &[Stmt], file_stem: &str) -> bool {
    if matches!(file_stem, "views" | "urls" | "viewsets") {
        return true;
    }
    let constructs = |value: &Expr| matches!(value, Expr::Call(call) if callee_last_name(&call.func).is_some_and(|n| APP_CONSTRUCTORS.contains(&n)));
    let routed = |decorators: &[ast::Decorator]| {
        decorators.iter().any(|decorator| {
            let callee = match &decorator.expression {
                Expr::Call(call) => call.func.as_ref(),
                other => other,
            };
            matches!(callee, Expr::Attribute(a) if ROUTE_DECORATORS.contains(&a.attr.id.as_str()))
                || matches!(callee, Expr::Name(n) if n.id.as_str() == "api_view")
        })
    };
    body.iter().any(|stmt| match stmt {
        Stmt::Assign(assign) => {
            constructs(&assign.value)
                || assign.targets.iter().any(|t| matches!(t, Expr::Name(n) if n.id.as_str() == "urlpatterns"))
        }
        Stmt::AnnAssign(assign) => assign.value.as_deref().is_some_and(constructs),
        Stmt::Expr(expr) => matches!(expr.value.as_ref(), Expr::Call(call)
            if matches!(call.func.as_ref(), Expr::Attribute(a) if ROUTE_WIRING.contains(&a.attr.id.as_str()))),
        Stmt::FunctionDef(function) => routed(&function.decorator_list),
        Stmt::ClassDef(class) => {
            let view_base = class.bases().iter().any(|base| {
                callee_last_name(base).is_some_and(|name| {
                    ["View", "ViewSet", "APIView", "Resource", "HTTPEndpoint"]
                        .iter()
                        .any(|suffix| name.ends_with(suffix))
                })
            });
            view_base
                || class.body.iter().any(|s| matches!(s, Stmt::FunctionDef(method) if routed(&method.decorator_list)))
        }
        _ => false,
    })
}

/// Route paths a module declares at top level: `@app.get("/health")`, `@bp.route("/x")` on
/// functions and methods, and Django `path("health/", …)` / `re_path(…)` calls.
pub(crate) fn routes(body: &[Stmt]) -> Vec<String> {
    fn from_decorators(decorators: &[ast::Decorator], found: &mut Vec<String>) {
        for decorator in decorators {
            let Expr::Call(call) = &decorator.expression else { continue };
            let Expr::Attribute(attribute) = call.func.as_ref() else { continue };
            if ROUTE_DECORATORS.contains(&attribute.attr.id.as_str())
                && let Some(path) = call.arguments.args.first().and_then(string_value)
            {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    for stmt in body {
        match stmt {
            Stmt::FunctionDef(function) => from_decorators(&function.decorator_list, &mut found),
            Stmt::ClassDef(class) => {
                for method in &class.body {
                    if let Stmt::FunctionDef(method) = method {
                        from_decorators(&method.decorator_list, &mut found);
                    }
                }
            }
            Stmt::Assign(assign)
                if assign.targets.iter().any(|t| matches!(t, Expr::Name(n) if n.id.as_str() == "urlpatterns")) =>
            {
                if let Expr::List(list) = assign.value.as_ref() {
                    for item in &list.elts {
                        if let Expr::Call(call) = item
                            && matches!(callee_last_name(&call.func), Some("path" | "re_path" | "url"))
                            && let Some(path) = call.arguments.args.first().and_then(string_value)
                        {
                            found.push(format!("/{}", path.trim_start_matches('^').trim_start_matches('/')));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The top-level statement that builds the web app (`app = FastAPI()`), if any.
pub(crate) fn app_construction(body: &[Stmt]) -> Option<&Stmt> {
    body.iter().find(|stmt| {
        let value = match stmt {
            Stmt::Assign(assign) => assign.value.as_ref(),
            Stmt::AnnAssign(assign) => match assign.value.as_deref() {
                Some(value) => value,
                None => return false,
            },
            _ => return false,
        };
        matches!(value, Expr::Call(call) if callee_last_name(&call.func)
            .is_some_and(|n| matches!(n, "FastAPI" | "Flask" | "Starlette" | "Sanic" | "Quart" | "Bottle" | "Litestar" | "NinjaAPI")))
    })
}

// Values written to names, and strings put together from parts.

use shipready_lang::ruff::ast::{FStringPart, InterpolatedStringElement, Operator};

use crate::helpers::names::is_constant_name;

/// Calls `visit` on every statement of `body`, nested blocks included (`if`, loops, `with`,
/// `try`, `match`) but not nested functions or classes.
pub(crate) fn walk_statements<'a>(body: &'a [Stmt], visit: &mut impl FnMut(&'a Stmt)) {
    for stmt in body {
        visit(stmt);
        match stmt {
            Stmt::If(branch) => {
                walk_statements(&branch.body, visit);
                for clause in &branch.elif_else_clauses {
                    walk_statements(&clause.body, visit);
                }
            }
            Stmt::For(ast::StmtFor { body, orelse, .. }) | Stmt::While(ast::StmtWhile { body, orelse, .. }) => {
                walk_statements(body, visit);
                walk_statements(orelse, visit);
            }
            Stmt::With(with) => walk_statements(&with.body, visit),
            Stmt::Try(try_stmt) => {
                walk_statements(&try_stmt.body, visit);
                for handler in &try_stmt.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    walk_statements(&handler.body, visit);
                }
                walk_statements(&try_stmt.orelse, visit);
                walk_statements(&try_stmt.finalbody, visit);
            }
            Stmt::Match(match_stmt) => {
                for case in &match_stmt.cases {
                    walk_statements(&case.body, visit);
                }
            }
            _ => {}
        }
    }
}

/// Every value assigned to `name` by the statements of `body` (see [`walk_statements`]):
/// `name = v`, `name: T = v` and `name += v`, in source order.
pub(crate) fn assigned_values<'a>(body: &'a [Stmt], name: &str) -> Vec<&'a Expr> {
    let is_name = |target: &Expr| matches!(target, Expr::Name(target) if target.id.as_str() == name);
    let mut values = Vec::new();
    walk_statements(body, &mut |stmt| match stmt {
        Stmt::Assign(assign) if assign.targets.iter().any(is_name) => values.push(assign.value.as_ref()),
        Stmt::AnnAssign(assign) if is_name(&assign.target) => values.extend(assign.value.as_deref()),
        Stmt::AugAssign(assign) if is_name(&assign.target) && assign.op == Operator::Add => {
            values.push(assign.value.as_ref());
        }
        _ => {}
    });
    values
}

/// The items added to a list `name` by `name.append(x)`, `name.extend([...])` and
/// `name.insert(i, x)` among the statements of `body`.
pub(crate) fn appended_values<'a>(body: &'a [Stmt], name: &str) -> Vec<&'a Expr> {
    let mut values = Vec::new();
    walk_statements(body, &mut |stmt| {
        let Stmt::Expr(statement) = stmt else { return };
        let Expr::Call(call) = statement.value.as_ref() else { return };
        let Expr::Attribute(attribute) = call.func.as_ref() else { return };
        if !matches!(attribute.value.as_ref(), Expr::Name(list) if list.id.as_str() == name) {
            return;
        }
        match attribute.attr.id.as_str() {
            "append" => values.extend(call.arguments.args.first()),
            "insert" => values.extend(call.arguments.args.get(1)),
            "extend" => match call.arguments.args.first() {
                Some(Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. })) => {
                    values.extend(elts.iter());
                }
                Some(other) => values.push(other),
                None => {}
            },
            _ => {}
        }
    });
    values
}

/// Where a name used in an expression is looked up: the enclosing function, then the module.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a> {
    pub(crate) function: Option<&'a ast::StmtFunctionDef>,
    pub(crate) module: &'a ast::ModModule,
}

impl<'a> Scope<'a> {
    /// The scope of the node whose ancestors these are.
    pub(crate) fn of(ancestors: impl Iterator<Item = AnyNodeRef<'a>>, module: &'a ast::ModModule) -> Self {
        Self { function: enclosing_function(ancestors), module }
    }

    /// Whether `name` is a parameter of the enclosing function.
    pub(crate) fn is_parameter(&self, name: &str) -> bool {
        self.function.is_some_and(|function| function.parameters.iter().any(|p| p.name().as_str() == name))
    }

    /// The values assigned to `name` where it is used: in the enclosing function if it is
    /// assigned there, else at module level. A parameter counts only through what its function
    /// assigns to it (`text = escape(text)`). `None` for names never assigned.
    pub(crate) fn values_of(&self, name: &str) -> Option<Vec<&'a Expr>> {
        if let Some(function) = self.function {
            let local = assigned_values(&function.body, name);
            if !local.is_empty() {
                return Some(local);
            }
        }
        if self.is_parameter(name) {
            return None;
        }
        let global = assigned_values(&self.module.body, name);
        (!global.is_empty()).then_some(global)
    }

    /// The items appended to list `name` in the enclosing function.
    fn appended_to(&self, name: &str) -> Vec<&'a Expr> {
        self.function.map(|function| appended_values(&function.body, name)).unwrap_or_default()
    }
}

/// A string as the code puts it together: the constant text it is written with and the values
/// spliced into it whose content the code does not fix.
#[derive(Debug, Default)]
pub(crate) struct Spliced<'a> {
    /// The constant text, with [`SPLICE_MARK`] standing for each part that is not literal text.
    pub(crate) text: String,
    /// Spliced values whose content is not known from the code: parameters, attributes, call
    /// results, in source order.
    pub(crate) values: Vec<&'a Expr>,
    /// Whether the string is put together here (an f-string with `{}`, `+`, `%`, `.format`,
    /// `.join`) rather than written whole or taken as it is from elsewhere.
    pub(crate) built: bool,
    /// The names being followed, to stop at a name built from itself (`sql += …`).
    following: Vec<&'a str>,
}

/// Stands for a spliced part in [`Spliced::text`].
pub(crate) const SPLICE_MARK: char = '\u{FFFC}';

/// Names followed, one inside another, when a spliced value is one.
const SPLICE_DEPTH: u8 = 3;

/// How an expression puts a string together (see [`Spliced`]). Names are followed through what
/// is assigned (and, for lists, appended) to them, three steps deep. Constants (`UPPER_CASE`
/// names and attributes, imported names), literals and numeric conversions (`int(x)`,
/// `len(x)`) contribute no value, and neither do lists of placeholders
/// (`", ".join(["%s"] * len(ids))`, `",".join("?" for _ in ids)`).
pub(crate) fn spliced<'a>(expr: &'a Expr, scope: Scope<'a>) -> Spliced<'a> {
    let mut out = Spliced::default();
    splice(expr, scope, &mut out, 0);
    out
}

fn splice<'a>(expr: &'a Expr, scope: Scope<'a>, out: &mut Spliced<'a>, depth: u8) {
    match expr {
        Expr::StringLiteral(literal) => out.text.push_str(literal.value.to_str()),
        Expr::FString(fstring) => {
            for part in &fstring.value {
                match part {
                    FStringPart::Literal(literal) => out.text.push_str(&literal.value),
                    FStringPart::FString(part) => {
                        for element in &part.elements {
                            match element {
                                InterpolatedStringElement::Literal(literal) => out.text.push_str(&literal.value),
                                InterpolatedStringElement::Interpolation(interpolation) => {
                                    out.built = true;
                                    splice(&interpolation.expression, scope, out, depth);
                                }
                            }
                        }
                    }
                }
            }
        }
        Expr::BinOp(binary) => match binary.op {
            Operator::Add => {
                out.built = true;
                splice(&binary.left, scope, out, depth);
                splice(&binary.right, scope, out, depth);
            }
            // `"... %s" % value`, `"... %(name)s" % {...}`
            Operator::Mod if !matches!(binary.left.as_ref(), Expr::NumberLiteral(_)) => {
                out.built = true;
                splice_template(&binary.left, scope, out, depth);
                splice_format_args(&binary.right, scope, out, depth);
            }
            // `"?" * n`, `["%s"] * len(ids)`
            Operator::Mult => {
                for side in [binary.left.as_ref(), binary.right.as_ref()] {
                    if matches!(side, Expr::StringLiteral(_) | Expr::List(_) | Expr::Tuple(_)) {
                        splice_items(side, scope, out, depth);
                    }
                }
            }
            _ => out.text.push(SPLICE_MARK),
        },
        Expr::Call(call) => splice_call(call, expr, scope, out, depth),
        Expr::Starred(starred) => splice(&starred.value, scope, out, depth),
        Expr::If(if_expr) => {
            splice(&if_expr.body, scope, out, depth);
            splice(&if_expr.orelse, scope, out, depth);
        }
        Expr::BoolOp(bool_op) => bool_op.values.iter().for_each(|value| splice(value, scope, out, depth)),
        Expr::Name(name) => {
            // `sql = sql + …`: the earlier value is among the values already followed, unless it
            // is what a parameter came with.
            if out.following.contains(&name.id.as_str()) {
                out.text.push(SPLICE_MARK);
                if scope.is_parameter(name.id.as_str()) {
                    out.values.push(expr);
                }
                return;
            }
            if depth < SPLICE_DEPTH
                && let Some(values) = scope.values_of(name.id.as_str())
            {
                out.following.push(name.id.as_str());
                for value in values {
                    splice(value, scope, out, depth + 1);
                }
                out.following.pop();
                return;
            }
            out.text.push(SPLICE_MARK);
            let constant = is_constant_name(name.id.as_str())
                || (!scope.is_parameter(name.id.as_str()) && imported_from(scope.module, name.id.as_str()).is_some());
            if !constant {
                out.values.push(expr);
            }
        }
        // `Status.ACTIVE.value`, `TABLES.users`
        Expr::Attribute(_) if names_constant(expr) => out.text.push(SPLICE_MARK),
        // `TEMPLATES[kind]` where `TEMPLATES = {...}`: any of its values.
        Expr::Subscript(subscript)
            if let Some(table) = lookup_table(&subscript.value, scope).filter(|_| depth < SPLICE_DEPTH) =>
        {
            match table {
                Expr::Dict(dict) => dict.items.iter().for_each(|item| splice(&item.value, scope, out, depth + 1)),
                other => splice_items(other, scope, out, depth + 1),
            }
        }
        Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::Compare(_)
        | Expr::UnaryOp(_) => out.text.push(SPLICE_MARK),
        _ => {
            out.text.push(SPLICE_MARK);
            out.values.push(expr);
        }
    }
}

/// The template of `template % args` or `template.format(...)`: its text counts, but a template
/// the code does not spell out here (a parameter, an attribute, a call) is the code's own text,
/// not a value spliced into it.
fn splice_template<'a>(template: &'a Expr, scope: Scope<'a>, out: &mut Spliced<'a>, depth: u8) {
    match template {
        Expr::Name(name) if depth < SPLICE_DEPTH => match scope.values_of(name.id.as_str()) {
            Some(values) => values.into_iter().for_each(|value| splice_template(value, scope, out, depth + 1)),
            None => out.text.push(SPLICE_MARK),
        },
        Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_) | Expr::Call(_) => out.text.push(SPLICE_MARK),
        other => splice(other, scope, out, depth),
    }
}

/// The values of `template % args`: a tuple's items, a dict's values, or one value; through a
/// name that holds a tuple or dict.
fn splice_format_args<'a>(args: &'a Expr, scope: Scope<'a>, out: &mut Spliced<'a>, depth: u8) {
    match args {
        Expr::Tuple(tuple) => tuple.elts.iter().for_each(|element| splice(element, scope, out, depth)),
        Expr::Dict(dict) => dict.items.iter().for_each(|item| splice(&item.value, scope, out, depth)),
        Expr::Name(name) if depth < SPLICE_DEPTH => match scope.values_of(name.id.as_str()) {
            Some(values) => values.into_iter().for_each(|value| splice_format_args(value, scope, out, depth + 1)),
            None => splice(args, scope, out, depth),
        },
        other => splice(other, scope, out, depth),
    }
}

fn splice_call<'a>(call: &'a ast::ExprCall, expr: &'a Expr, scope: Scope<'a>, out: &mut Spliced<'a>, depth: u8) {
    let receiver = match call.func.as_ref() {
        Expr::Attribute(attribute) => Some(attribute.value.as_ref()),
        _ => None,
    };
    let name = callee_last_name(&call.func).unwrap_or_default();
    let first = call.arguments.args.first();
    match (name, receiver) {
        ("format", Some(on)) => {
            out.built = true;
            splice_template(on, scope, out, depth);
            for argument in call.arguments.args.iter().chain(call.arguments.keywords.iter().map(|k| &k.value)) {
                splice(argument, scope, out, depth);
            }
        }
        // `", ".join(items)`, not `os.path.join(a, b)` or `shlex.join(argv)`.
        ("join", Some(separator))
            if call.arguments.args.len() == 1
                && !matches!(separator, Expr::Name(module) if module.id.as_str() == "shlex")
                && !dotted_name(separator).is_some_and(|path| path.ends_with("path")) =>
        {
            out.built = true;
            if let Some(items) = first {
                splice_items(items, scope, out, depth);
            }
            splice(separator, scope, out, depth);
        }
        (
            "strip" | "lstrip" | "rstrip" | "lower" | "upper" | "title" | "capitalize" | "encode" | "decode",
            Some(on),
        ) => {
            splice(on, scope, out, depth);
        }
        ("str", None) => match first {
            Some(first) => splice(first, scope, out, depth),
            None => out.text.push(SPLICE_MARK),
        },
        ("int" | "float" | "len" | "bool" | "round" | "abs" | "ord" | "hash", None) => out.text.push(SPLICE_MARK),
        _ => {
            out.text.push(SPLICE_MARK);
            out.values.push(expr);
        }
    }
}

/// Whether an attribute chain names a constant somewhere (`Status.ACTIVE.value`, `TABLES.users`).
fn names_constant(expr: &Expr) -> bool {
    match expr {
        Expr::Name(name) => is_constant_name(name.id.as_str()),
        Expr::Attribute(attribute) => is_constant_name(attribute.attr.id.as_str()) || names_constant(&attribute.value),
        _ => false,
    }
}

/// The dict, list or tuple literal a name holds, when that is all it is ever given.
fn lookup_table<'a>(container: &Expr, scope: Scope<'a>) -> Option<&'a Expr> {
    let Expr::Name(name) = container else { return None };
    match scope.values_of(name.id.as_str())?.as_slice() {
        [table @ (Expr::Dict(_) | Expr::List(_) | Expr::Tuple(_))] => Some(*table),
        _ => None,
    }
}

/// The items of a list being joined or repeated.
fn splice_items<'a>(list: &'a Expr, scope: Scope<'a>, out: &mut Spliced<'a>, depth: u8) {
    match list {
        Expr::List(ast::ExprList { elts, .. })
        | Expr::Tuple(ast::ExprTuple { elts, .. })
        | Expr::Set(ast::ExprSet { elts, .. }) => {
            for element in elts {
                splice(element, scope, out, depth);
            }
        }
        Expr::ListComp(ast::ExprListComp { elt, generators, .. })
        | Expr::SetComp(ast::ExprSetComp { elt, generators, .. })
        | Expr::Generator(ast::ExprGenerator { elt, generators, .. }) => {
            // `" OR ".join(f"... {source} ..." for source in sources)`: a loop variable stands for
            // the items it runs over.
            let mut item = Spliced::default();
            splice(elt, scope, &mut item, depth);
            out.built |= item.built;
            out.text.push_str(&item.text);
            for value in item.values {
                let source = generators.iter().find_map(|generator| match (&generator.target, value) {
                    (Expr::Name(target), Expr::Name(used)) if target.id == used.id => Some(&generator.iter),
                    _ => None,
                });
                match source {
                    Some(iter) if depth < SPLICE_DEPTH => splice_items(iter, scope, out, depth + 1),
                    _ => out.values.push(value),
                }
            }
        }
        Expr::BinOp(binary) if binary.op == Operator::Mult => splice(list, scope, out, depth),
        Expr::BinOp(binary) if binary.op == Operator::Add => {
            splice_items(&binary.left, scope, out, depth);
            splice_items(&binary.right, scope, out, depth);
        }
        Expr::StringLiteral(_) => splice(list, scope, out, depth),
        Expr::Name(name) if depth < SPLICE_DEPTH => {
            let lists = scope.values_of(name.id.as_str()).filter(|values| {
                values
                    .iter()
                    .all(|value| matches!(value, Expr::List(_) | Expr::Tuple(_) | Expr::ListComp(_) | Expr::BinOp(_)))
            });
            if let Some(lists) = lists {
                for value in lists {
                    splice_items(value, scope, out, depth + 1);
                }
                for appended in scope.appended_to(name.id.as_str()) {
                    splice(appended, scope, out, depth + 1);
                }
            } else {
                out.text.push(SPLICE_MARK);
                out.values.push(list);
            }
        }
        _ => {
            out.text.push(SPLICE_MARK);
            out.values.push(list);
        }
    }
}

// Child processes.

/// The dotted name of a callee with its module spelled out: `hashlib.md5` for `hashlib.md5`
/// and for `md5` after `from hashlib import md5`. `None` for a plain name not imported by name.
pub(crate) fn qualified_name(module: &ast::ModModule, func: &Expr) -> Option<String> {
    let path = dotted_name(func)?;
    if path.contains('.') {
        return Some(path);
    }
    let (from, name) = imported_from(module, &path)?;
    Some(format!("{from}.{name}"))
}

/// The process-running function a call makes, qualified: `subprocess.run`, `subprocess.Popen`,
/// `os.system`, `os.popen`, `asyncio.create_subprocess_shell`, … — called through the module or
/// imported from it by name (`from subprocess import run`).
pub(crate) fn process_function(module: &ast::ModModule, call: &ast::ExprCall) -> Option<String> {
    const FUNCTIONS: &[&str] = &[
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
        "subprocess.getoutput",
        "subprocess.getstatusoutput",
        "os.system",
        "os.popen",
        "asyncio.create_subprocess_shell",
        "asyncio.create_subprocess_exec",
        "commands.getoutput",
    ];
    let qualified = qualified_name(module, &call.func)?;
    FUNCTIONS.contains(&qualified.as_str()).then_some(qualified)
}

/// A script given inline to a program through a flag in an argument list:
/// `["bash", "-c", script]`, `[sys.executable, "-c", code]`, `["node", "-e", code]`. Returns the
/// program's name (without folders, `.exe` or version) and the script.
pub(crate) fn inline_script(argv: &Expr) -> Option<(String, &Expr)> {
    let (Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. })) = argv else {
        return None;
    };
    let program = match elts.first()? {
        first if dotted_name(first).as_deref() == Some("sys.executable") => "python".to_string(),
        first => super::js::program_name(&string_value(first)?),
    };
    let flags: Vec<Option<String>> = elts.iter().skip(1).map(string_value).collect();
    let flag = super::js::script_flag_position(flags.iter().map(Option::as_deref))? + 1;
    Some((program, elts.get(flag + 1)?))
}
// Conditions a node runs under, and module-level collections and how the module uses them.

use shipready_lang::ruff::text_size::{Ranged, TextRange};

/// The conditions the node at `range` runs under, nearest first: for each enclosing `if`/`elif`
/// or conditional expression, the test and whether the node is on the branch taken when the
/// test holds (`true`) or on an `elif`/`else` branch after it (`false`).
pub(crate) fn enclosing_conditions<'a>(
    ancestors: impl Iterator<Item = AnyNodeRef<'a>>,
    range: TextRange,
) -> Vec<(&'a Expr, bool)> {
    let mut conditions = Vec::new();
    for ancestor in ancestors {
        match ancestor {
            AnyNodeRef::StmtIf(statement) => {
                if statement.body.first().is_some_and(|first| first.start() <= range.start())
                    && statement.body.last().is_some_and(|last| range.end() <= last.end())
                {
                    conditions.push((statement.test.as_ref(), true));
                    continue;
                }
                for clause in &statement.elif_else_clauses {
                    if clause.range.contains_range(range) {
                        if let Some(test) = &clause.test {
                            conditions.push((test, true));
                        }
                        conditions.push((statement.test.as_ref(), false));
                        break;
                    }
                }
            }
            AnyNodeRef::ExprIf(conditional) => {
                if conditional.body.range().contains_range(range) {
                    conditions.push((conditional.test.as_ref(), true));
                } else if conditional.orelse.range().contains_range(range) {
                    conditions.push((conditional.test.as_ref(), false));
                }
            }
            _ => {}
        }
    }
    conditions
}

/// The empty collection a module-level name starts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CollectionKind {
    Dict,
    Set,
    List,
}

impl CollectionKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CollectionKind::Dict => "dict",
            CollectionKind::Set => "set",
            CollectionKind::List => "list",
        }
    }
}

/// A module-level collection (`sessions = {}`) and how the module's code uses it.
#[derive(Debug)]
pub(crate) struct ModuleCollection<'a> {
    pub(crate) name: &'a str,
    pub(crate) kind: CollectionKind,
    /// Statements and calls inside functions that add entries under keys not fixed in the source
    /// (`x[k] = v`, `x[k] += 1`, `.append`, `.add`, `.setdefault`, `.update`), with the name of
    /// the function each is in.
    pub(crate) adds: Vec<CollectionAdd<'a>>,
    /// Whether anything removes entries or empties it: `del x[k]`, `.pop`, `.popitem`, `.clear`,
    /// `.remove`, `.discard`.
    pub(crate) removes: bool,
    /// Whether `len(x)` is read anywhere.
    pub(crate) size_checked: bool,
    /// Whether the module alone does not decide what happens to it: it is rebound, shadowed,
    /// passed to other code, returned or aliased.
    pub(crate) escapes: bool,
    /// Whether code inside a function writes to it at all.
    pub(crate) written_in_function: bool,
}

/// One place where a function adds to a module-level collection.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CollectionAdd<'a> {
    /// The function it is in.
    pub(crate) function: &'a str,
    /// The key (or, for sets and lists, the value) added.
    pub(crate) key: Option<TextRange>,
}

/// The collection a top-level assignment creates, and its uses: `{}`, `dict()`, `[]`, `list()`,
/// `set()`, `defaultdict(...)`, `OrderedDict()`. `None` for anything else, for statements not
/// at the module's top level and for names assigned more than once there.
pub(crate) fn module_collection<'a>(module: &'a ast::ModModule, stmt: &'a Stmt) -> Option<ModuleCollection<'a>> {
    let (target, value) = match stmt {
        Stmt::Assign(assign) if assign.targets.len() == 1 => (&assign.targets[0], assign.value.as_ref()),
        Stmt::AnnAssign(assign) => (assign.target.as_ref(), assign.value.as_deref()?),
        _ => return None,
    };
    let Expr::Name(target) = target else { return None };
    if !module.body.iter().any(|top| top.range() == stmt.range()) {
        return None;
    }
    let kind = match value {
        Expr::Dict(dict) if dict.items.is_empty() => CollectionKind::Dict,
        Expr::List(list) if list.elts.is_empty() => CollectionKind::List,
        Expr::Call(call) => {
            let empty = call.arguments.args.is_empty() && call.arguments.keywords.is_empty();
            match callee_last_name(&call.func)? {
                "dict" | "OrderedDict" if empty => CollectionKind::Dict,
                "defaultdict" => CollectionKind::Dict,
                "list" if empty => CollectionKind::List,
                "set" if empty => CollectionKind::Set,
                "deque" if keyword(call, "maxlen").is_none() => CollectionKind::List,
                _ => return None,
            }
        }
        _ => return None,
    };
    let name = target.id.as_str();
    let mut visitor = CollectionVisitor {
        collection: ModuleCollection {
            name,
            kind,
            adds: Vec::new(),
            removes: false,
            size_checked: false,
            escapes: sole_assignment(&module.body, name).is_none(),
            written_in_function: false,
        },
        declaration: target.range,
        stack: Vec::with_capacity(32),
    };
    visitor.visit_body(&module.body);
    Some(visitor.collection)
}

struct CollectionVisitor<'a> {
    collection: ModuleCollection<'a>,
    declaration: TextRange,
    stack: Vec<AnyNodeRef<'a>>,
}

impl<'a> CollectionVisitor<'a> {
    fn record(&mut self, name: &'a ast::ExprName) {
        let function = self.stack.iter().rev().find_map(|node| match node {
            AnyNodeRef::StmtFunctionDef(function) => Some(function.name.as_str()),
            _ => None,
        });
        if name.ctx != ast::ExprContext::Load {
            if name.range != self.declaration {
                self.collection.escapes = true;
            }
            return;
        }
        let parent = self.stack.last().copied();
        let grandparent = self.stack.len().checked_sub(2).and_then(|i| self.stack.get(i)).copied();
        let great = self.stack.len().checked_sub(3).and_then(|i| self.stack.get(i)).copied();
        let fixed = |key: &Expr| matches!(key, Expr::StringLiteral(_) | Expr::NumberLiteral(_));
        let add = |collection: &mut ModuleCollection<'a>, key: Option<TextRange>| {
            if let Some(function) = function {
                collection.adds.push(CollectionAdd { function, key });
                collection.written_in_function = true;
            }
        };
        match (parent, grandparent) {
            (Some(AnyNodeRef::ExprAttribute(attribute)), Some(AnyNodeRef::ExprCall(call)))
                if call.func.range() == attribute.range =>
            {
                match attribute.attr.as_str() {
                    "append" | "appendleft" | "add" | "update" | "setdefault" | "extend" | "insert" => {
                        let key = call.arguments.args.first().map(Ranged::range);
                        add(&mut self.collection, key);
                    }
                    "pop" | "popitem" | "popleft" | "clear" | "remove" | "discard" => {
                        self.collection.removes = true;
                        self.collection.written_in_function |= function.is_some();
                    }
                    _ => {}
                }
            }
            (Some(AnyNodeRef::ExprSubscript(subscript)), grandparent) if subscript.value.range() == name.range => {
                match grandparent {
                    Some(AnyNodeRef::StmtAssign(assign))
                        if assign.targets.iter().any(|t| t.range() == subscript.range) =>
                    {
                        if fixed(&subscript.slice) {
                            self.collection.written_in_function |= function.is_some();
                        } else {
                            add(&mut self.collection, Some(subscript.slice.range()));
                        }
                    }
                    Some(AnyNodeRef::StmtAugAssign(assign)) if assign.target.range() == subscript.range => {
                        add(&mut self.collection, Some(subscript.slice.range()));
                    }
                    Some(AnyNodeRef::StmtDelete(_)) => {
                        self.collection.removes = true;
                        self.collection.written_in_function |= function.is_some();
                    }
                    // `x[k].append(v)` on a `defaultdict(list)`.
                    Some(AnyNodeRef::ExprAttribute(attribute))
                        if matches!(attribute.attr.as_str(), "append" | "add" | "extend" | "update")
                            && matches!(great, Some(AnyNodeRef::ExprCall(call)) if call.func.range() == attribute.range) =>
                    {
                        add(&mut self.collection, Some(subscript.slice.range()));
                    }
                    _ => {}
                }
            }
            (Some(AnyNodeRef::Arguments(_)), Some(AnyNodeRef::ExprCall(call))) => {
                match callee_last_name(&call.func).unwrap_or_default() {
                    "len" => self.collection.size_checked = true,
                    "list" | "dict" | "set" | "sorted" | "tuple" | "iter" | "enumerate" | "str" | "repr" | "bool"
                    | "any" | "all" | "sum" | "max" | "min" | "dumps" | "isinstance" | "print" | "reversed" => {}
                    _ => self.collection.escapes = true,
                }
            }
            (
                Some(
                    AnyNodeRef::Keyword(_)
                    | AnyNodeRef::StmtReturn(_)
                    | AnyNodeRef::ExprDict(_)
                    | AnyNodeRef::ExprList(_)
                    | AnyNodeRef::ExprTuple(_)
                    | AnyNodeRef::ExprSet(_)
                    | AnyNodeRef::StmtAnnAssign(_)
                    | AnyNodeRef::ExprNamed(_),
                ),
                _,
            ) => {
                self.collection.escapes = true;
            }
            (Some(AnyNodeRef::StmtAssign(assign)), _) if assign.value.range() == name.range => {
                self.collection.escapes = true;
            }
            _ => {}
        }
    }
}

impl<'a> SourceOrderVisitor<'a> for CollectionVisitor<'a> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        match node {
            AnyNodeRef::ExprName(name) if name.id.as_str() == self.collection.name => self.record(name),
            // A parameter of the same name shadows it inside that function.
            AnyNodeRef::Parameter(parameter) if parameter.name.as_str() == self.collection.name => {
                self.collection.escapes = true;
            }
            _ => {}
        }
        self.stack.push(node);
        TraversalSignal::Traverse
    }

    fn leave_node(&mut self, _node: AnyNodeRef<'a>) {
        self.stack.pop();
    }
}

/// Whether an except handler surfaces its error: re-raises, logs, exits, or uses the exception.
pub(crate) fn surfaces_error(handler: &ast::ExceptHandlerExceptHandler) -> bool {
    let mut scan = Handled { exception_name: handler.name.as_ref().map(|n| n.id.as_str()), handled: false };
    for stmt in &handler.body {
        scan.visit_stmt(stmt);
    }
    scan.handled
}

/// Whether a node sits inside an outer `except` handler (in the same function) that surfaces
/// its own error.
pub(crate) fn in_surfacing_handler<'a>(ancestors: impl Iterator<Item = AnyNodeRef<'a>>) -> bool {
    for node in ancestors {
        match node {
            AnyNodeRef::StmtFunctionDef(_) | AnyNodeRef::StmtClassDef(_) => return false,
            AnyNodeRef::ExceptHandlerExceptHandler(outer) if surfaces_error(outer) => return true,
            _ => {}
        }
    }
    false
}

/// Looks through a handler body for anything that surfaces the error.
struct Handled<'n> {
    exception_name: Option<&'n str>,
    handled: bool,
}

impl<'a> SourceOrderVisitor<'a> for Handled<'_> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        if self.handled {
            return TraversalSignal::Skip;
        }
        match node {
            // Nested functions and classes run later, if at all.
            AnyNodeRef::StmtFunctionDef(_) | AnyNodeRef::StmtClassDef(_) => return TraversalSignal::Skip,
            AnyNodeRef::StmtRaise(_) => self.handled = true,
            AnyNodeRef::ExprCall(call) => {
                let exits = dotted_name(&call.func)
                    .is_some_and(|name| matches!(name.as_str(), "sys.exit" | "os._exit" | "exit" | "abort"));
                if is_logging_call(call) || exits {
                    self.handled = true;
                }
            }
            AnyNodeRef::ExprName(name) if Some(name.id.as_str()) == self.exception_name => self.handled = true,
            _ => {}
        }
        TraversalSignal::Traverse
    }

    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        source_order::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        source_order::walk_expr(self, expr);
    }
}

/// Whether a module declares test cases: a `test*` function at the top level, or a `test*`
/// method of a top-level test class (named `Test*`/`*Test(s)`, or deriving from a `*Test*`
/// base such as `TestCase`), as pytest and unittest collect them.
pub(crate) fn declares_test_cases(body: &[Stmt]) -> bool {
    let is_test = |stmt: &Stmt| matches!(stmt, Stmt::FunctionDef(function) if function.name.id.starts_with("test"));
    body.iter().any(|stmt| match stmt {
        Stmt::ClassDef(class) => {
            let name = class.name.id.as_str();
            let test_class = name.starts_with("Test")
                || name.ends_with("Test")
                || name.ends_with("Tests")
                || class.bases().iter().any(|base| dotted_name(base).is_some_and(|base| base.contains("Test")));
            test_class && class.body.iter().any(is_test)
        }
        _ => is_test(stmt),
    })
}

/// Whether a module holds logic: a function or method whose body does something (more than a
/// docstring, `pass`, `...` or a `raise`), or a loop or `with` block run at import. A module of
/// imports, constants, settings, URL tables and classes of fields only declares.
pub(crate) fn has_logic(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::FunctionDef(function) => !function.body.iter().all(|stmt| match stmt {
            Stmt::Pass(_) | Stmt::Raise(_) => true,
            Stmt::Expr(expr) => {
                matches!(expr.value.as_ref(), Expr::EllipsisLiteral(_) | Expr::StringLiteral(_))
            }
            _ => false,
        }),
        Stmt::ClassDef(class) => has_logic(&class.body),
        Stmt::If(branch) => {
            has_logic(&branch.body) || branch.elif_else_clauses.iter().any(|clause| has_logic(&clause.body))
        }
        Stmt::Try(try_stmt) => {
            has_logic(&try_stmt.body)
                || try_stmt.handlers.iter().any(|handler| {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    has_logic(&handler.body)
                })
                || has_logic(&try_stmt.orelse)
                || has_logic(&try_stmt.finalbody)
        }
        Stmt::For(_) | Stmt::While(_) | Stmt::With(_) | Stmt::Match(_) => true,
        _ => false,
    })
}
