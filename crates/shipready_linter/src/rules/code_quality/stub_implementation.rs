use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{ArrowFunctionBody, Expression, FunctionBody, Statement};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::{GetSpan, Span};
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind, Stmt};
use shipready_lang::tree::{Node, text};

use crate::context::{JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::names::{names_an_action, says_not_implemented};
use crate::helpers::{js, py, tree};
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
    /// abstract classes and classes named `Base…`/`Abstract…` stay silent.
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
        let binding = js_binding_name(node, ctx);
        let name_span = name_span.or_else(|| binding.as_ref().map(|(_, span)| *span));
        let name = name.or_else(|| binding.map(|(name, _)| name));
        if in_abstract_class(node, ctx) {
            return;
        }
        let Some(what) = js_stub(body, name.as_deref()) else { return };
        let span = name_span.unwrap_or(body.span);
        let label = name.map_or_else(|| "This function".to_string(), |n| format!("`{n}`"));
        ctx.report(span, format!("{label} {what}"));
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::StmtFunctionDef(function) = node else { return };
        let is_method = matches!(ctx.parent(), Some(AnyNodeRef::StmtClassDef(_)));
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
                if matches!(name, "todo" | "unimplemented") && !tree::in_rust_test(node, source) {
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

/// Methods of abstract or base classes throw "not implemented" by design.
fn in_abstract_class<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    ctx.ancestors(node).any(|ancestor| match ancestor.kind() {
        AstKind::Class(class) => {
            let name = class.id.as_ref().map(|id| id.name.as_str()).unwrap_or_default();
            class.r#abstract
                || name.starts_with("Base")
                || name.starts_with("Abstract")
                || name.ends_with("Base")
                || name.ends_with("Interface")
        }
        _ => false,
    })
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
        ];
        Tester::new::<StubImplementation>(pass, fail).test_and_snapshot();
    }
}
