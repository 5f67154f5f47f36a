//! Small questions about ruff's Python AST that several rules ask.

use shipready_lang::ruff::ast::{self as ast, AnyNodeRef, Expr, Stmt};

/// The dotted name of an expression made only of names and attributes:
/// `requests.get`, `time.sleep`, `self.logger.info`.
pub(crate) fn dotted_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Name(name) => Some(name.id.to_string()),
        Expr::Attribute(attribute) => Some(format!("{}.{}", dotted_name(&attribute.value)?, attribute.attr.id)),
        _ => None,
    }
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
// Conditions a node runs under, and module-level collections and how the module uses them.

use shipready_lang::ruff::ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal};
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
