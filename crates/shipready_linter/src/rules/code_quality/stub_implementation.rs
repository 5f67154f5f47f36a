use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{ArrowFunctionBody, Expression, FunctionBody, Statement};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::{GetSpan, Span};
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind, Stmt};
use shipready_lang::ruff::text_size::Ranged;
use shipready_lang::tree::{Node, text};

use crate::context::{FileInfo, JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::comments::leading_comments;
use crate::helpers::names::{names_an_action, says_not_implemented, split_words};
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds functions that do not do what their name promises:
    /// - the whole body throws or raises "not implemented" (`throw new Error("Not implemented")`,
    ///   `raise NotImplementedError`, Go `panic("not implemented")` or
    ///   `return errors.New("not implemented")`), or returns a placeholder string (`"TODO"`);
    /// - the whole body only logs, in a function named for an action (`sendEmail`,
    ///   `push_payload`, `createEvent`);
    /// - Rust `todo!()` and `unimplemented!()` outside tests.
    ///
    /// Python methods that raise `NotImplementedError` (the base-class idiom), TypeScript
    /// abstract classes and classes named `Base…`/`Abstract…` stay silent, and so do:
    /// - functions documented as meant to be provided elsewhere: a doc comment, docstring, body
    ///   comment or error message saying "abstract method", "must implement", "implemented by
    ///   driver", "should be implemented in the plugin", "implemented in `WalkFilesystem`";
    /// - test doubles: functions in files, classes or Go receiver types named `fake…`,
    ///   `mock…`, `dummy…` or `stub…`.
    ///
    /// ## Why is this bad?
    /// A stub behind a real code path fails in production, or worse, silently does nothing: the
    /// email is never sent, the calendar event never created, and the caller reports success.
    ///
    /// ## Example
    /// ```python
    /// def push_to_client_gui(payload):
    ///     logger.info("GUI push: %s", payload)
    /// ```
    ///
    /// ## Use instead
    /// Implement the integration, or remove the code path and fail loudly where it is reached.
    pub(crate) struct StubImplementation {
        id: "stub-implementation",
        area: CodeQuality,
        severity: High,
        since: "0.1.0",
        title: "Function left as a stub",
        rationale: "A stub on a real code path fails, or silently does nothing, in production.",
        fix: "Implement the function, or remove the code path and fail loudly where it is reached.",
    }
}

impl Rule for StubImplementation {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Rust, Language::Go];
    const JS_KINDS: &'static [AstType] = &[AstType::Function, AstType::ArrowFunctionExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::StmtFunctionDef];
    const RUST_KINDS: &'static [&'static str] = &["macro_invocation"];
    const GO_KINDS: &'static [&'static str] = &["function_declaration", "method_declaration"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let (body, name_span, name) = match node.kind() {
            AstKind::Function(function) => {
                let Some(body) = function.body.as_deref() else { return };
                (body, function.id.as_ref().map(|id| id.span), function.id.as_ref().map(|id| id.name.to_string()))
            }
            AstKind::ArrowFunctionExpression(arrow) => match &arrow.body {
                ArrowFunctionBody::FunctionBody(body) => (&**body, None, None),
                _ => return,
            },
            _ => return,
        };
        if !js_stub_shaped(body) {
            return;
        }
        let binding = js_binding_name(node, ctx);
        let name_span = name_span.or_else(|| binding.as_ref().map(|(_, span)| *span));
        let name = name.or_else(|| binding.map(|(name, _)| name));
        if in_abstract_class(node, ctx) || is_test_double_file(ctx.file) {
            return;
        }
        let Some(what) = js_stub(body, name.as_deref()) else { return };
        if js_documented_elsewhere(node, body, ctx) {
            return;
        }
        let span = name_span.unwrap_or(body.span);
        let label = name.map_or_else(|| "This function".to_string(), |n| format!("`{n}`"));
        ctx.report(span, format!("{label} {what}"));
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::StmtFunctionDef(function) = node else { return };
        let is_method = matches!(ctx.parent(), Some(AnyNodeRef::StmtClassDef(_)));
        if is_test_double_file(ctx.file)
            || ctx
                .ancestors()
                .any(|a| matches!(a, AnyNodeRef::StmtClassDef(class) if names_a_test_double(class.name.as_str())))
            || py_documented_elsewhere(function, ctx.file)
        {
            return;
        }
        let body = without_docstring(&function.body);
        let name = function.name.as_str();
        let what = match body {
            [Stmt::Raise(raise)] if !is_method && raise.exc.as_deref().is_some_and(is_not_implemented_error) => {
                Some("only raises `NotImplementedError`")
            }
            [Stmt::Return(ret)]
                if ret.value.as_deref().and_then(py::string_value).is_some_and(|s| says_not_implemented(&s)) =>
            {
                Some("only returns a placeholder")
            }
            statements if !statements.is_empty() && names_an_action(name) && statements.iter().all(is_py_logging) => {
                Some("only logs; it does not do what its name says")
            }
            _ => None,
        };
        if let Some(what) = what {
            ctx.report(function.name.range, format!("`{name}` {what}"));
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        match node.kind() {
            // Rust: `todo!()`, `unimplemented!()`.
            "macro_invocation" => {
                let Some(name) = node.child_by_field_name("macro") else { return };
                let name = text(name, source);
                if matches!(name, "todo" | "unimplemented") && !ctx.in_rust_test(node) {
                    ctx.report(node, format!("`{name}!()` left in code that runs outside tests"));
                }
            }
            // Go: a function whose only statement panics or returns "not implemented".
            "function_declaration" | "method_declaration" => {
                let Some(body) = node.child_by_field_name("body") else { return };
                let mut cursor = body.walk();
                let statements: Vec<Node<'t>> =
                    body.named_children(&mut cursor).filter(|n| n.kind() != "comment").collect();
                let [statement] = statements.as_slice() else { return };
                if is_test_double_file(ctx.file)
                    || go_receiver_type(node, source).is_some_and(names_a_test_double)
                    || leading_comments(ctx.file, node.start_byte())
                        .chain(ctx.file.comments_in(body).map(|c| ctx.file.slice(c)))
                        .any(says_implemented_elsewhere)
                    || says_implemented_elsewhere(text(*statement, source))
                {
                    return;
                }
                let call_text = text(*statement, source);
                let stub = match statement.kind() {
                    "expression_statement" => call_text.starts_with("panic(") && says_not_implemented(call_text),
                    "return_statement" => {
                        (call_text.contains("errors.New(") || call_text.contains("fmt.Errorf("))
                            && says_not_implemented(call_text)
                    }
                    _ => false,
                };
                if stub && let Some(name) = node.child_by_field_name("name") {
                    ctx.report(name, format!("`{}` only fails with \"not implemented\"", text(name, source)));
                }
            }
            _ => {}
        }
    }
}

/// What makes a JS function body a stub, if anything.
/// Whether a body has a shape [`js_stub`] can call a stub: one `throw`, one `return`, or only
/// expression statements. Most functions are ruled out here, before their names are looked up.
fn js_stub_shaped(body: &FunctionBody<'_>) -> bool {
    match body.statements.as_slice() {
        [] => false,
        [Statement::ThrowStatement(_) | Statement::ReturnStatement(_)] => true,
        statements => statements.iter().all(|statement| matches!(statement, Statement::ExpressionStatement(_))),
    }
}

fn js_stub(body: &FunctionBody<'_>, name: Option<&str>) -> Option<&'static str> {
    match body.statements.as_slice() {
        [Statement::ThrowStatement(throw)] => {
            let message = match js::inner(&throw.argument) {
                Expression::NewExpression(new) => {
                    new.arguments.first().and_then(|a| a.as_expression()).and_then(js::static_string)
                }
                other => js::static_string(other),
            };
            message.is_some_and(|m| says_not_implemented(&m)).then_some("only throws \"not implemented\"")
        }
        [Statement::ReturnStatement(ret)] => ret
            .argument
            .as_ref()
            .and_then(js::static_string)
            .is_some_and(|s| says_not_implemented(&s))
            .then_some("only returns a placeholder"),
        statements if !statements.is_empty() && name.is_some_and(names_an_action) => {
            statements.iter().all(is_js_logging).then_some("only logs; it does not do what its name says")
        }
        _ => None,
    }
}

fn is_js_logging(statement: &Statement<'_>) -> bool {
    let Statement::ExpressionStatement(expression) = statement else { return false };
    let Expression::CallExpression(call) = js::inner(&expression.expression) else { return false };
    let Some(path) = js::dotted_path(&call.callee) else { return false };
    let (receiver, method) = path.rsplit_once('.').unwrap_or(("", &path));
    let receiver = receiver.to_ascii_lowercase();
    (receiver == "console" || receiver.ends_with("logger") || receiver.ends_with("log"))
        && matches!(method, "log" | "info" | "debug" | "warn" | "error" | "trace")
}

/// The variable or property a function expression is bound to, and where that name is.
fn js_binding_name<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> Option<(String, Span)> {
    match ctx.parent(node).kind() {
        AstKind::VariableDeclarator(declarator) => {
            let id = declarator.id.get_binding_identifier()?;
            Some((id.name.to_string(), id.span))
        }
        AstKind::MethodDefinition(method) => method.key.static_name().map(|n| (n.to_string(), method.key.span())),
        AstKind::ObjectProperty(property) => property.key.static_name().map(|n| (n.to_string(), property.key.span())),
        AstKind::PropertyDefinition(property) => {
            property.key.static_name().map(|n| (n.to_string(), property.key.span()))
        }
        _ => None,
    }
}

/// Methods of abstract or base classes throw "not implemented" by design; test doubles
/// (`FakeStore`, `MockClient`) leave what the test does not need unimplemented.
fn in_abstract_class<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    ctx.ancestors(node).any(|ancestor| match ancestor.kind() {
        AstKind::Class(class) => {
            let name = class.id.as_ref().map(|id| id.name.as_str()).unwrap_or_default();
            class.r#abstract
                || name.starts_with("Base")
                || name.starts_with("Abstract")
                || name.ends_with("Base")
                || name.ends_with("Interface")
                || names_a_test_double(name)
        }
        _ => false,
    })
}

/// Whether a JS stub's doc comment, body comments or thrown message say it is meant to be
/// provided elsewhere (an abstract method a driver or subclass implements).
fn js_documented_elsewhere<'a>(node: &AstNode<'a>, body: &FunctionBody<'a>, ctx: &JsContext<'a, '_>) -> bool {
    if ctx.file.comments_in(body.span).any(|c| says_implemented_elsewhere(ctx.file.slice(c)))
        || says_implemented_elsewhere(ctx.text_of(body))
    {
        return true;
    }
    js::doc_comment_says(node, ctx, says_implemented_elsewhere)
}

/// Whether a Python function's docstring or raised message say it is meant to be provided
/// elsewhere (a plugin hook kept for documentation, an abstract function).
fn py_documented_elsewhere(function: &shipready_lang::ruff::ast::StmtFunctionDef, file: &FileInfo<'_>) -> bool {
    let docstring = match function.body.first() {
        Some(Stmt::Expr(expr)) => py::string_value(&expr.value),
        _ => None,
    };
    if docstring.is_some_and(|d| says_implemented_elsewhere(&d)) {
        return true;
    }
    match without_docstring(&function.body) {
        [Stmt::Raise(raise)] => {
            raise.exc.as_deref().is_some_and(|exc| says_implemented_elsewhere(file.slice(exc.range())))
        }
        _ => false,
    }
}

/// Whether text says a function is meant to be provided elsewhere: an abstract method, one a
/// subclass, driver or plugin implements, or one implemented in another place. Text that also
/// says "TODO" or "FIXME" is a stub all the same.
fn says_implemented_elsewhere(text: &str) -> bool {
    const PHRASES: &[&str] = &[
        "abstract method",
        "abstract function",
        "abstract class",
        "must implement",
        "must be implemented",
        "should be implemented",
        "needs to be implemented",
        "to be implemented by",
        "must be overridden",
        "should be overridden",
        "must be overriden",
        "must override",
        "should override",
        "should be defined within",
        "must be defined by",
        "implemented by driver",
        "implemented by the driver",
        "implemented by subclass",
        "implemented by the subclass",
        "implemented by plugin",
        "implemented by the plugin",
        "implemented by each",
        "only for documentation",
    ];
    let lower = text.to_ascii_lowercase();
    if lower.contains("todo") || lower.contains("fixme") {
        return false;
    }
    if PHRASES.iter().any(|phrase| lower.contains(phrase)) {
        return true;
    }
    // A comment that begins "implemented in …" / "implemented by …": `// implemented in WalkFilesystem`.
    lower.lines().any(|line| {
        let line = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '/' | '*' | '#'));
        line.starts_with("implemented in ") || line.starts_with("implemented by ")
    })
}

/// Whether a class, type or file name names a test double: `fakeFS`, `MockStore`,
/// `dummy_client`, `stubs`.
fn names_a_test_double(name: &str) -> bool {
    // Every such word holds one of these; most names hold none and are not split into words.
    let lower = |word: &[u8]| name.as_bytes().windows(word.len()).any(|window| window.eq_ignore_ascii_case(word));
    if !(lower(b"dumm") || lower(b"stub") || lower(b"fake") || lower(b"mock")) {
        return false;
    }
    split_words(name).iter().any(|word| {
        matches!(word.as_str(), "dummy" | "dummies" | "stub" | "stubs")
            || word.starts_with("fake")
            || word.starts_with("mock")
    })
}

/// Whether a file (by its name or a folder) holds test doubles: `lib/fs/fakefs.go`,
/// `mocks/store.ts`.
fn is_test_double_file(file: &FileInfo<'_>) -> bool {
    *file.memo.test_double_file.get_or_init(|| {
        file.path.split('/').any(|segment| names_a_test_double(segment.split('.').next().unwrap_or(segment)))
    })
}

/// The type name of a Go method's receiver, without the pointer: `fakeFS` in `(fs *fakeFS)`.
fn go_receiver_type<'s>(method: Node<'_>, source: &'s str) -> Option<&'s str> {
    let receiver = method.child_by_field_name("receiver")?;
    let written = text(receiver, source).trim_matches(|c| c == '(' || c == ')');
    let ty = written.split_whitespace().last()?.trim_start_matches('*');
    Some(ty.split('[').next().unwrap_or(ty))
}

fn without_docstring(body: &[Stmt]) -> &[Stmt] {
    match body.split_first() {
        Some((Stmt::Expr(expr), rest)) if matches!(expr.value.as_ref(), Expr::StringLiteral(_)) => rest,
        _ => body,
    }
}

fn is_not_implemented_error(expr: &Expr) -> bool {
    let callee = match expr {
        Expr::Call(call) => call.func.as_ref(),
        other => other,
    };
    py::callee_last_name(callee) == Some("NotImplementedError")
}

fn is_py_logging(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Expr(expr) if matches!(expr.value.as_ref(), Expr::Call(call) if py::is_logging_call(call)))
}

#[cfg(test)]
mod tests {
    use super::StubImplementation;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("src/a.ts", "export function send(msg: string) { return transport.send(msg); }"),
            ("src/a.ts", "abstract class Store { abstract get(k: string): string; }"),
            ("src/a.ts", "class BaseAdapter { push() { throw new Error('Not implemented'); } }"),
            ("src/a.ts", "export function validate(x: unknown) { throw new Error('invalid input'); }"),
            ("src/a.ts", "export function logRequest(req: Request) { logger.info('request', req.url); }"),
            ("app/base.py", "class Adapter:\n    def push(self, payload):\n        raise NotImplementedError\n"),
            ("app/a.py", "def on_connect(client):\n    logger.info('connected %s', client)\n"),
            ("app/a.py", "def send(msg):\n    \"\"\"Send it.\"\"\"\n    transport.send(msg)\n"),
            ("src/lib.rs", "pub fn f() -> u32 { 1 }\n#[cfg(test)]\nmod tests {\n    fn helper() { todo!() }\n}\n"),
            ("src/lib.rs", "#[test]\nfn pending() { unimplemented!() }\n"),
            ("internal/a.go", "package a\n\nfunc Send() error {\n\treturn errors.New(\"connection refused\")\n}\n"),
            ("tests/test_a.py", "def f():\n    raise NotImplementedError\n"),
            // mongoose: a base prototype method documented as one each driver implements.
            (
                "lib/collection.js",
                "/**\n * Abstract method that drivers must implement.\n */\n\nCollection.prototype.find = function() {\n  throw new Error('Collection#find unimplemented by driver');\n};\n",
            ),
            (
                "lib/connection.js",
                "Connection.prototype.doClose = function doClose() {\n  throw new MongooseError('Connection#doClose unimplemented by driver');\n};\n",
            ),
            (
                "lib/connection.js",
                "Connection.prototype.listDatabases = async function listDatabases() {\n  // Implemented in `lib/drivers/node-mongodb-native/connection.js`\n  throw new MongooseError('listDatabases() not implemented');\n};\n",
            ),
            ("src/a.ts", "class FakeMailer { async send() { throw new Error('not implemented'); } }"),
            // mlflow: a plugin hook kept only to document its signature.
            (
                "mlflow/deployments/base.py",
                "def run_local(target, name):\n    \"\"\"This function should be defined within the plugin module.\"\"\"\n    raise NotImplementedError('This function should be implemented in the deployment plugin.')\n",
            ),
            ("app/fakes.py", "def send_email(to):\n    raise NotImplementedError\n"),
            ("app/doubles.py", "class DummyGateway:\n    def charge(self):\n        return 'TODO'\n"),
            // syncthing: a test double, and a method a wrapper provides.
            (
                "lib/fs/fakefs.go",
                "package fs\n\nfunc (fs *fakeFS) Walk(name string, walkFn WalkFunc) error {\n\treturn errors.New(\"not implemented\")\n}\n",
            ),
            (
                "lib/fs/filesystem.go",
                "package fs\n\nfunc (fs *mockFS) Glob(p string) ([]string, error) {\n\treturn nil, errors.New(\"not implemented\")\n}\n",
            ),
            (
                "lib/fs/basicfs.go",
                "package fs\n\nfunc (f *BasicFilesystem) Walk(root string, walkFn WalkFunc) error {\n\t// implemented in WalkFilesystem\n\treturn errors.New(\"not implemented\")\n}\n",
            ),
        ];
        let fail = [
            (
                "workflows/groups/site_visit.py",
                "def run_site_visit(event):\n    \"\"\"Site visit workflow.\"\"\"\n    raise NotImplementedError('site visit workflow')\n",
            ),
            (
                "adapters/client_gui_adapter.py",
                "class ClientGuiAdapter:\n    def push_payload(self, payload):\n        logger.info('GUI push: %s', payload)\n",
            ),
            ("utils/calendar_events.py", "def create_event(event):\n    return 'TODO: calendar integration'\n"),
            ("src/a.ts", "export function createSandbox(): Sandbox {\n  throw new Error('Not implemented yet');\n}"),
            ("src/a.js", "const sendEmail = async (to, body) => {\n  console.log('would send email to', to);\n};"),
            ("src/a.ts", "class Mailer { async send() { throw new Error('TODO'); } }"),
            ("src/store.rs", "pub fn save(item: &Item) -> Result<()> {\n    todo!(\"persist items\")\n}\n"),
            (
                "src/store.rs",
                "impl Store for Db {\n    fn delete(&self, id: u64) {\n        unimplemented!()\n    }\n}\n",
            ),
            (
                "internal/pay/pay.go",
                "package pay\n\nfunc Refund(id string) error {\n\treturn errors.New(\"not implemented\")\n}\n",
            ),
            ("internal/pay/pay.go", "package pay\n\nfunc (s *Service) Charge() {\n\tpanic(\"TODO: charge\")\n}\n"),
            // A doc comment that only describes the function does not excuse the stub.
            (
                "internal/pay/pay.go",
                "package pay\n\n// Refund refunds a payment.\nfunc Refund(id string) error {\n\treturn errors.New(\"not implemented\")\n}\n",
            ),
            (
                "src/routes/orders.js",
                "/** Creates an order. */\nexports.createOrder = function (req, res) {\n  throw new Error('not implemented');\n};\n",
            ),
            // "must implement" next to a TODO is still a stub.
            (
                "src/a.ts",
                "export function charge() {\n  // TODO: must implement charging\n  throw new Error('not implemented');\n}",
            ),
            (
                "app/views.py",
                "def export_report(request):\n    \"\"\"Export the report.\"\"\"\n    return 'placeholder'\n",
            ),
            ("src/fakeable.rs", "pub fn save() { todo!() }\n"),
        ];
        Tester::new::<StubImplementation>(pass, fail).test_and_snapshot();
    }
}
