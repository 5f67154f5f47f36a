use shipready_diagnostics::Span;
use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{
    AssignmentExpression, AssignmentTarget, BinaryOperator, CallExpression, Expression, LogicalOperator, NewExpression,
    ObjectExpression, ObjectPropertyKind, Statement,
};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, FStringPart, NodeKind, Stmt};
use shipready_lang::ruff::text_size::Ranged;
use shipready_lang::tree::{Node, text};

use super::{development_only, excerpt};
use crate::context::{IntoSpan, JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::{js, py, tree};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds HTTP responses whose body carries an exception's text or stack trace:
    /// `HTTPException(status_code=500, detail=f"Failed: {exc}")`, `JSONResponse({"error": str(e)})`,
    /// `return {"error": str(e)}, 500` in a route, `res.status(500).json({ error: err.message })`,
    /// `res.send(err.stack)`, `NextResponse.json({ error: String(err) })`, `ctx.body = err`.
    ///
    /// The exception is a name bound by `except ... as e` (or the exception parameter of a
    /// FastAPI/Flask exception handler) in Python, and in JavaScript a `catch (err)` parameter, the
    /// first parameter of an Express error middleware `(err, req, res, next)`, or the parameter
    /// of a `.catch(...)`, `setErrorHandler(...)` or `onError(...)` callback. Its text leaks through
    /// `str(e)`, `repr(e)`, `e.args`, f-strings and `%`/`.format` in Python, and `err.message`,
    /// `String(err)`, `err.toString()`, `` `${err}` `` or the error object itself in JavaScript, also
    /// through a variable it was stored in first. Stack traces (`traceback.format_exc()`,
    /// `err.stack`, `util.inspect(err)`) always count.
    ///
    /// In Go, an error's text is `err.Error()` (on anything but a sentinel such as `ErrNotFound`),
    /// an error formatted with `fmt.Sprintf("%v", err)`, or `err` given to a formatting sink;
    /// `debug.Stack()` is a stack trace. The sinks are `http.Error(w, msg, code)`,
    /// `w.Write(...)`, `fmt.Fprintf(w, ...)`, `io.WriteString(w, ...)` and
    /// `json.NewEncoder(w).Encode(...)` on an `http.ResponseWriter` (status from a preceding
    /// `w.WriteHeader`), gin and echo context writers (`c.JSON(code, ...)`, `c.String(code, ...)`,
    /// `c.AbortWithStatusJSON(...)`), echo's `echo.NewHTTPError(code, ...)`, and Fiber's
    /// `c.Status(code).JSON(...)`, `c.SendString(...)` and `fiber.NewError(code, ...)`.
    ///
    /// ## Why is this bad?
    /// Exception text is written for developers: it names files, tables, queries, hosts, library
    /// versions and sometimes secrets or other users' data. Sent to clients it gives attackers a
    /// map of the internals and turns every bug into an information leak.
    ///
    /// ## Example
    /// ```python
    /// except Exception as exc:
    ///     raise HTTPException(status_code=500, detail=f"Failed to load config: {exc}")
    /// ```
    /// ```ts
    /// } catch (err) {
    ///   res.status(500).json({ error: err.message });
    /// }
    /// ```
    /// ```go
    /// if err != nil {
    ///     http.Error(w, err.Error(), http.StatusInternalServerError)
    ///     return
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// except Exception:
    ///     logger.exception("failed to load config")
    ///     raise HTTPException(status_code=500, detail="Failed to load config")
    /// ```
    /// ```ts
    /// } catch (err) {
    ///   logger.error({ err }, 'checkout failed');
    ///   res.status(500).json({ error: 'Internal server error' });
    /// }
    /// ```
    /// ```go
    /// if err != nil {
    ///     slog.Error("list users", "err", err)
    ///     http.Error(w, "internal server error", http.StatusInternalServerError)
    ///     return
    /// }
    /// ```
    ///
    /// ## Known limitations
    /// A deliberate validation message stays silent: an exception's message sent with an explicit
    /// 4xx status, when in Python the handler catches a specific exception type
    /// (`except ValueError as e: raise HTTPException(400, detail=str(e))`). JavaScript `catch`
    /// clauses are untyped, so any 4xx literal status counts there, and so it does for Go's errors
    /// (`http.Error(w, err.Error(), http.StatusBadRequest)` is silent); `String(err)` and `` `${err}` ``
    /// are treated like `err.message`. Details sent only in development (`isDev ? err.stack :
    /// undefined`, `str(e) if settings.DEBUG else "..."`) are not reported. Exception values passed
    /// through other functions, or stored in a variable outside the handler, are not followed, and
    /// Python route returns are only checked in functions decorated as routes. In Go, an error
    /// value marshalled as JSON (`gin.H{"error": err}`) is not reported (most errors encode as
    /// `{}`), a response sent only under a development condition (`if cfg.Debug`) is not
    /// reported, and a Go status that is not a literal or an `http.Status…` constant counts as
    /// unknown, as in JavaScript.
    pub(crate) struct ExceptionLeak {
        id: "exception-leak",
        area: Security,
        severity: High,
        since: "0.1.0",
        title: "Exception details sent to the client",
        rationale: "Exception text and stack traces tell attackers about the internals and can carry secrets or user data.",
        fix: "Log the exception server-side and return a generic message, with an error id if support needs one.",
    }
}

impl Rule for ExceptionLeak {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go];
    const GO_KINDS: &'static [&'static str] = &["call_expression"];
    const JS_KINDS: &'static [AstType] =
        &[AstType::CallExpression, AstType::NewExpression, AstType::AssignmentExpression, AstType::ObjectExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall, NodeKind::StmtReturn];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let sink = match node.kind() {
            AstKind::CallExpression(call) => js_call_sink(call, node, ctx),
            AstKind::NewExpression(new) => js_new_sink(new),
            AstKind::AssignmentExpression(assign) => js_koa_sink(assign, node, ctx),
            AstKind::ObjectExpression(object) => js_lambda_sink(object, node, ctx),
            _ => None,
        };
        let Some(sink) = sink else {
            return;
        };
        if let Some(leak) = js_leak(sink.body, ctx, 0)
            && leak.reportable(sink.status)
            && !(sink.hands_to_error_handler && leak.kind == LeakKind::Object)
        {
            ctx.report(leak.span, leak.message(&sink.label));
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Self::check_go(node, ctx);
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        match node {
            AnyNodeRef::ExprCall(call) => {
                let Some(sink) = py_call_sink(call, ctx) else {
                    return;
                };
                let leak = sink.bodies.iter().fold(None, |found, body| worse(found, py_leak(body, ctx, 0)));
                if let Some(leak) = leak
                    && leak.reportable(sink.status)
                {
                    ctx.report(leak.span, leak.message(&sink.label));
                }
            }
            // `return {"error": str(e)}, 500` from a route handler.
            AnyNodeRef::StmtReturn(ret) => {
                let Some(value) = ret.value.as_deref() else {
                    return;
                };
                let Some(function) = py::enclosing_function(ctx.ancestors()) else {
                    return;
                };
                if !py::is_route_handler(function) {
                    return;
                }
                let (body, status) = match value {
                    Expr::Tuple(tuple) if tuple.elts.len() >= 2 => (&tuple.elts[0], py_status(&tuple.elts[1])),
                    other => (other, Status::Unknown),
                };
                if let Some(leak) = py_leak(body, ctx, 0)
                    && leak.reportable(status)
                {
                    let label = format!("the response of route `{}`", function.name.id);
                    ctx.report(leak.span, leak.message(&label));
                }
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared by both languages

/// How much of the exception a leak gives away, least first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum LeakKind {
    /// Its message: `str(e)`, `err.message`.
    Message,
    /// The whole error object, with whatever properties it carries.
    Object,
    /// A stack trace.
    Stack,
}

/// The class of a response's status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Client,
    Server,
    /// Taken from the exception itself (`e.status_code`): the exception type was written to
    /// carry a client-facing status and message.
    FromException,
    /// No status, or one that is not a literal.
    Unknown,
}

impl Status {
    /// The status of a conditional: known only when both branches agree.
    fn either(first: Self, second: Self) -> Self {
        if first == second { first } else { Status::Unknown }
    }

    fn of_code(code: i64) -> Self {
        match code {
            400..=499 => Status::Client,
            500..=599 => Status::Server,
            _ => Status::Unknown,
        }
    }

    /// `HTTP_400_BAD_REQUEST`, `BAD_REQUEST`, `INTERNAL_SERVER_ERROR` (Starlette/DRF `status`,
    /// `HTTPStatus`, NestJS `HttpStatus`, `http-status-codes`).
    fn of_name(name: &str) -> Self {
        if let Some(code) = name.strip_prefix("HTTP_").and_then(|rest| rest.get(..3)).and_then(|c| c.parse().ok()) {
            return Status::of_code(code);
        }
        match name {
            "BAD_REQUEST"
            | "UNAUTHORIZED"
            | "PAYMENT_REQUIRED"
            | "FORBIDDEN"
            | "NOT_FOUND"
            | "METHOD_NOT_ALLOWED"
            | "NOT_ACCEPTABLE"
            | "CONFLICT"
            | "GONE"
            | "PRECONDITION_FAILED"
            | "PAYLOAD_TOO_LARGE"
            | "REQUEST_ENTITY_TOO_LARGE"
            | "UNSUPPORTED_MEDIA_TYPE"
            | "UNPROCESSABLE_ENTITY"
            | "UNPROCESSABLE_CONTENT"
            | "TOO_MANY_REQUESTS" => Status::Client,
            "INTERNAL_SERVER_ERROR" | "NOT_IMPLEMENTED" | "BAD_GATEWAY" | "SERVICE_UNAVAILABLE" | "GATEWAY_TIMEOUT" => {
                Status::Server
            }
            _ => Status::Unknown,
        }
    }
}

/// Exception details found in a response body.
#[derive(Debug, Clone)]
struct Leak {
    span: Span,
    /// The leaking expression as the message quotes it.
    shown: String,
    /// For a variable that holds the leak, the expression it was assigned from.
    via: Option<String>,
    kind: LeakKind,
    /// Whether the exception's handler names a specific exception type (always in JavaScript,
    /// where `catch` is untyped).
    specific: bool,
}

impl Leak {
    /// A message is a deliberate validation answer when sent with a 4xx status from a handler of
    /// a specific exception; anything else is reported.
    fn reportable(&self, status: Status) -> bool {
        !(self.kind == LeakKind::Message && matches!(status, Status::Client | Status::FromException) && self.specific)
    }

    fn message(&self, sink: &str) -> String {
        let what = match self.kind {
            LeakKind::Message => "Exception text",
            LeakKind::Object => "Exception object",
            LeakKind::Stack => "Exception stack trace",
        };
        let via = self.via.as_ref().map(|via| format!(" (from `{via}`)")).unwrap_or_default();
        format!("{what} `{}`{via} is sent to the client in {sink}", self.shown)
    }
}

/// Whether a condition picks by environment (`process.env.NODE_ENV === 'development'`,
/// `settings.DEBUG`, `isDev`): details shown only outside production are not a leak.
fn is_environment_gate(condition: &str) -> bool {
    development_only(condition).is_some()
}

/// The worse of two leaks; the first on a tie.
fn worse(first: Option<Leak>, second: Option<Leak>) -> Option<Leak> {
    match (first, second) {
        (Some(first), Some(second)) if second.kind > first.kind => Some(second),
        (Some(first), _) => Some(first),
        (None, second) => second,
    }
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

/// A response body and what is known of its status.
struct JsSink<'a> {
    /// How the message names the sink, backticks included.
    label: String,
    body: &'a Expression<'a>,
    status: Status,
    /// Fastify's `reply.send(err)` passes an error to the app's error handler, which answers
    /// with a generic body for server errors; it is not a response body.
    hands_to_error_handler: bool,
}

/// Receivers of Express/Fastify/Node responses: `res.json(...)`, `reply.send(...)`.
const RESPONSE_NAMES: &[&str] = &["res", "response", "resp", "reply", "rep"];
/// Hono's context: `c.json(...)`.
const HONO_CONTEXT_NAMES: &[&str] = &["c", "ctx", "context"];

fn js_call_sink<'a>(call: &'a CallExpression<'a>, node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> Option<JsSink<'a>> {
    let body = js::arg(call, 0)?;
    let label = || format!("`{}(...)`", excerpt(ctx.text_of(&call.callee)));
    if js::is_dotted_path(&call.callee, "NextResponse.json") || js::is_dotted_path(&call.callee, "Response.json") {
        return Some(JsSink {
            label: label(),
            body,
            status: init_status(js::arg(call, 1)),
            hands_to_error_handler: false,
        });
    }
    let method = js::method_name(call)?;
    // Walk `res.status(500).type('json')` down to `res`, noting the status.
    let mut receiver = js::method_receiver(call)?;
    let mut status = None;
    let mut chained = false;
    let root = loop {
        match js::inner(receiver) {
            Expression::CallExpression(inner) => {
                let name = js::method_name(inner)?;
                if !matches!(name, "status" | "code" | "type" | "set" | "header" | "setHeader" | "cookie" | "headers") {
                    return None;
                }
                if matches!(name, "status" | "code") && status.is_none() {
                    status = Some(js::arg(inner, 0).map_or(Status::Unknown, js_status));
                }
                chained = true;
                receiver = js::method_receiver(inner)?;
            }
            Expression::Identifier(ident) => break ident.name.as_str(),
            _ => return None,
        }
    };
    if matches!(method, "json" | "send" | "end" | "jsonp") && RESPONSE_NAMES.contains(&root) {
        let status = status.unwrap_or_else(|| preceding_status(node, root, ctx));
        let hands_to_error_handler = method == "send" && matches!(root, "reply" | "rep");
        return Some(JsSink { label: label(), body, status, hands_to_error_handler });
    }
    if matches!(method, "json" | "text" | "html" | "body") && HONO_CONTEXT_NAMES.contains(&root) && !chained {
        let status = js::arg(call, 1).map_or(Status::Unknown, js_status);
        return Some(JsSink { label: label(), body, status, hands_to_error_handler: false });
    }
    None
}

/// Koa: `ctx.body = ...`, with the status from a `ctx.status = 400;` just before.
fn js_koa_sink<'a>(
    assign: &'a AssignmentExpression<'a>,
    node: &AstNode<'a>,
    ctx: &JsContext<'a, '_>,
) -> Option<JsSink<'a>> {
    let AssignmentTarget::StaticMemberExpression(member) = &assign.left else {
        return None;
    };
    let target = js::dotted_path(&member.object)?;
    if member.property.name != "body" || !matches!(target.as_str(), "ctx" | "context" | "ctx.response") {
        return None;
    }
    let root = target.strip_suffix(".response").unwrap_or(&target);
    let status = preceding_status(node, root, ctx);
    Some(JsSink { label: format!("`{target}.body`"), body: &assign.right, status, hands_to_error_handler: false })
}

/// `new Response(body, { status })`, `new NextResponse(body, { status })`.
fn js_new_sink<'a>(new: &'a NewExpression<'a>) -> Option<JsSink<'a>> {
    let Expression::Identifier(callee) = js::inner(&new.callee) else {
        return None;
    };
    if !matches!(callee.name.as_str(), "Response" | "NextResponse") {
        return None;
    }
    let body = new.arguments.first()?.as_expression()?;
    let status = init_status(new.arguments.get(1).and_then(|argument| argument.as_expression()));
    Some(JsSink { label: format!("`new {}(...)`", callee.name), body, status, hands_to_error_handler: false })
}

/// A serverless response: `return { statusCode: 500, body: JSON.stringify(...) }`.
fn js_lambda_sink<'a>(
    object: &'a ObjectExpression<'a>,
    node: &AstNode<'a>,
    ctx: &JsContext<'a, '_>,
) -> Option<JsSink<'a>> {
    let status = js::object_property(object, "statusCode")?;
    let body = js::object_property(object, "body")?;
    if !matches!(ctx.parent(node).kind(), AstKind::ReturnStatement(_)) {
        return None;
    }
    Some(JsSink {
        label: "the returned `body`".to_string(),
        body,
        status: js_status(status),
        hands_to_error_handler: false,
    })
}

fn js_status(expr: &Expression<'_>) -> Status {
    if let Some(code) = js::integer_value(expr) {
        return Status::of_code(code);
    }
    match js::inner(expr) {
        Expression::StaticMemberExpression(member) => Status::of_name(member.property.name.as_str()),
        Expression::ConditionalExpression(choice) => {
            Status::either(js_status(&choice.consequent), js_status(&choice.alternate))
        }
        _ => Status::Unknown,
    }
}

/// The status in a `ResponseInit`: `{ status: 500 }`.
fn init_status(init: Option<&Expression<'_>>) -> Status {
    match init.map(js::inner) {
        Some(Expression::ObjectExpression(object)) => {
            js::object_property(object, "status").map_or(Status::Unknown, js_status)
        }
        _ => Status::Unknown,
    }
}

/// A status set by a statement just before the sink in the same block: `ctx.status = 400;`,
/// `res.statusCode = 500;`, `res.status(400);`, `res.writeHead(500);`.
fn preceding_status<'a>(node: &AstNode<'a>, root: &str, ctx: &JsContext<'a, '_>) -> Status {
    let mut child = node;
    for ancestor in ctx.ancestors(node) {
        let statements = match ancestor.kind() {
            AstKind::BlockStatement(block) => &block.body,
            AstKind::FunctionBody(body) => &body.statements,
            AstKind::Function(_) | AstKind::ArrowFunctionExpression(_) | AstKind::Program(_) => return Status::Unknown,
            _ => {
                child = ancestor;
                continue;
            }
        };
        let stop = child.kind().span().start;
        return statements
            .iter()
            .filter(|statement| statement.span().end <= stop)
            .rev()
            .find_map(|statement| status_set_by(statement, root))
            .unwrap_or(Status::Unknown);
    }
    Status::Unknown
}

fn status_set_by(statement: &Statement<'_>, root: &str) -> Option<Status> {
    let Statement::ExpressionStatement(statement) = statement else {
        return None;
    };
    match js::inner(&statement.expression) {
        Expression::AssignmentExpression(assign) => {
            let AssignmentTarget::StaticMemberExpression(member) = &assign.left else {
                return None;
            };
            let sets_status = matches!(member.property.name.as_str(), "status" | "statusCode")
                && js::dotted_path(&member.object).as_deref() == Some(root);
            sets_status.then(|| js_status(&assign.right))
        }
        Expression::CallExpression(call) => {
            let sets_status = matches!(js::method_name(call), Some("status" | "code" | "writeHead"))
                && js::method_receiver(call).and_then(js::dotted_path).as_deref() == Some(root);
            sets_status.then(|| js::arg(call, 0).map_or(Status::Unknown, js_status))
        }
        _ => None,
    }
}

/// The worst exception detail an expression carries, if any.
fn js_leak<'a>(expr: &Expression<'a>, ctx: &JsContext<'a, '_>, depth: u8) -> Option<Leak> {
    let leak = |span: Span, kind: LeakKind| {
        Some(Leak { span, shown: excerpt(ctx.file.slice(span)), via: None, kind, specific: true })
    };
    let span = expr.span().into_span();
    match js::inner(expr) {
        Expression::Identifier(ident) => {
            if js::is_caught_error(ctx.semantic, ident) {
                return leak(span, LeakKind::Object);
            }
            if depth > 0 {
                return None;
            }
            // `const message = err instanceof Error ? err.message : String(err);`
            let found = js_leak(js::constant_initializer(ctx.semantic, ident)?, ctx, depth + 1)?;
            Some(Leak { span, shown: ident.name.to_string(), via: Some(found.shown), ..found })
        }
        Expression::StaticMemberExpression(member) => {
            js_member_leak(member.property.name.as_str(), &member.object, ctx).and_then(|kind| leak(span, kind))
        }
        Expression::ChainExpression(chain) => {
            let member = chain.expression.as_member_expression()?;
            js_member_leak(member.static_property_name()?, member.object(), ctx).and_then(|kind| leak(span, kind))
        }
        Expression::CallExpression(call) => js_call_leak(call, span, ctx, depth),
        Expression::TemplateLiteral(template) => template.expressions.iter().fold(None, |found, part| {
            let part_leak = if is_caught(part, ctx) {
                let shown = format!("${{{}}}", ctx.text_of(part));
                Some(Leak { span, shown, via: None, kind: LeakKind::Message, specific: true })
            } else {
                js_leak(part, ctx, depth)
            };
            worse(found, part_leak)
        }),
        Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::Addition => {
            [&binary.left, &binary.right].into_iter().fold(None, |found, side| {
                let side_leak =
                    if is_caught(side, ctx) { leak(span, LeakKind::Message) } else { js_leak(side, ctx, depth) };
                worse(found, side_leak)
            })
        }
        // `isDev && err.stack`: only in development.
        Expression::LogicalExpression(logical)
            if logical.operator == LogicalOperator::And && is_environment_gate(ctx.text_of(&logical.left)) =>
        {
            None
        }
        Expression::LogicalExpression(logical) => {
            worse(js_leak(&logical.left, ctx, depth), js_leak(&logical.right, ctx, depth))
        }
        Expression::ConditionalExpression(conditional) if is_environment_gate(ctx.text_of(&conditional.test)) => None,
        Expression::ConditionalExpression(conditional) => {
            worse(js_leak(&conditional.consequent, ctx, depth), js_leak(&conditional.alternate, ctx, depth))
        }
        Expression::ObjectExpression(object) => object.properties.iter().fold(None, |found, property| match property {
            ObjectPropertyKind::ObjectProperty(property) => worse(found, js_leak(&property.value, ctx, depth)),
            ObjectPropertyKind::SpreadProperty(_) => found,
        }),
        Expression::ArrayExpression(array) => array
            .elements
            .iter()
            .filter_map(|element| element.as_expression())
            .fold(None, |found, element| worse(found, js_leak(element, ctx, depth))),
        _ => None,
    }
}

fn is_caught(expr: &Expression<'_>, ctx: &JsContext<'_, '_>) -> bool {
    matches!(js::inner(expr), Expression::Identifier(ident) if js::is_caught_error(ctx.semantic, ident))
}

/// `err.message` and `err.stack` on a caught error.
fn js_member_leak(property: &str, object: &Expression<'_>, ctx: &JsContext<'_, '_>) -> Option<LeakKind> {
    if !is_caught(object, ctx) {
        return None;
    }
    match property {
        "message" => Some(LeakKind::Message),
        "stack" => Some(LeakKind::Stack),
        _ => None,
    }
}

fn js_call_leak<'a>(call: &CallExpression<'a>, span: Span, ctx: &JsContext<'a, '_>, depth: u8) -> Option<Leak> {
    let leak =
        |kind: LeakKind| Some(Leak { span, shown: excerpt(ctx.file.slice(span)), via: None, kind, specific: true });
    let first = js::arg(call, 0);
    // `String(err)`
    if js::is_global_reference(ctx.semantic, &call.callee, "String") {
        let first = first?;
        return if is_caught(first, ctx) { leak(LeakKind::Message) } else { js_leak(first, ctx, depth) };
    }
    // `util.inspect(err)`, `serializeError(err)`: the stack comes along.
    let callee = &call.callee;
    if ["util.inspect", "inspect", "serializeError"].iter().any(|path| js::is_dotted_path(callee, path)) {
        return first.filter(|first| is_caught(first, ctx)).and_then(|_| leak(LeakKind::Stack));
    }
    if js::is_dotted_path(callee, "JSON.stringify") {
        return js_leak(first?, ctx, depth);
    }
    let receiver = js::method_receiver(call)?;
    match js::method_name(call)? {
        "toString" if is_caught(receiver, ctx) => leak(LeakKind::Message),
        // `err.message.slice(0, 200)` still sends the message.
        "slice" | "substring" | "substr" | "trim" | "trimStart" | "trimEnd" | "replace" | "replaceAll" | "split"
        | "toLowerCase" | "toUpperCase" | "concat" => call
            .arguments
            .iter()
            .filter_map(|argument| argument.as_expression())
            .fold(js_leak(receiver, ctx, depth), |found, argument| worse(found, js_leak(argument, ctx, depth))),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Python

/// The bodies a response call sends and the class of its status.
struct PySink<'a> {
    label: String,
    bodies: Vec<&'a Expr>,
    status: Status,
}

fn py_call_sink<'a>(call: &'a py_ast::ExprCall, ctx: &PyContext<'a, '_>) -> Option<PySink<'a>> {
    let name = py::callee_last_name(&call.func)?;
    let positional = |index: usize| call.arguments.args.get(index);
    let keyword = |names: &[&str]| names.iter().find_map(|name| py::keyword(call, name));
    let (label, bodies, status) = match name {
        _ if name.ends_with("HTTPException") => (
            format!("`{name}(detail=...)`"),
            vec![keyword(&["detail"]).or_else(|| positional(1))],
            keyword(&["status_code"]).or_else(|| positional(0)).map(py_status),
        ),
        "JSONResponse" | "ORJSONResponse" | "UJSONResponse" | "PlainTextResponse" | "HTMLResponse" | "Response" => (
            format!("`{name}(...)`"),
            vec![keyword(&["content", "data", "response", "text", "body"]).or_else(|| positional(0))],
            keyword(&["status_code", "status"]).or_else(|| positional(1)).map(py_status),
        ),
        "jsonify" => (
            "`jsonify(...)`".to_string(),
            call.arguments.args.iter().chain(call.arguments.keywords.iter().map(|k| &k.value)).map(Some).collect(),
            None,
        ),
        "make_response" => ("`make_response(...)`".to_string(), vec![positional(0)], positional(1).map(py_status)),
        "abort" => (
            "`abort(...)`".to_string(),
            vec![keyword(&["description", "message"]).or_else(|| positional(1))],
            keyword(&["code"]).or_else(|| positional(0)).map(py_status),
        ),
        "JsonResponse" | "json_response" => (
            format!("`{name}(...)`"),
            vec![keyword(&["data", "text", "body"]).or_else(|| positional(0))],
            keyword(&["status"]).map(py_status),
        ),
        _ if name.starts_with("HttpResponse") => {
            let implied = match name {
                "HttpResponse" => None,
                "HttpResponseServerError" => Some(Status::Server),
                _ if name.contains("Redirect") || name == "HttpResponseNotModified" => return None,
                _ => Some(Status::Client),
            };
            (
                format!("`{name}(...)`"),
                vec![keyword(&["content"]).or_else(|| positional(0))],
                keyword(&["status"]).map(py_status).or(implied),
            )
        }
        _ => return None,
    };
    // `return jsonify(...), 500`
    let status = status.unwrap_or_else(|| match ctx.parent() {
        Some(AnyNodeRef::ExprTuple(tuple)) if tuple.elts.first().is_some_and(|first| first.range() == call.range()) => {
            tuple.elts.get(1).map_or(Status::Unknown, py_status)
        }
        _ => Status::Unknown,
    });
    Some(PySink { label, bodies: bodies.into_iter().flatten().collect(), status })
}

fn py_status(expr: &Expr) -> Status {
    if let Some(code) = py::integer_value(expr) {
        return Status::of_code(code);
    }
    match expr {
        Expr::Attribute(attribute)
            if matches!(attribute.attr.id.as_str(), "status_code" | "status" | "code" | "http_status")
                && matches!(attribute.value.as_ref(), Expr::Name(_)) =>
        {
            Status::FromException
        }
        Expr::Attribute(attribute) => Status::of_name(attribute.attr.id.as_str()),
        // `404 if detail == 'not found' else 400`: both branches of one class.
        Expr::If(choice) => Status::either(py_status(&choice.body), py_status(&choice.orelse)),
        _ => Status::Unknown,
    }
}

/// Whether `expr` names the exception being handled; if so, whether its handler names a specific
/// exception type. Exceptions are bound by `except ... as e`, or are the last parameter of a
/// function decorated with `@app.exception_handler(...)` / `@app.errorhandler(...)`.
fn py_exception(expr: &Expr, ctx: &PyContext<'_, '_>) -> Option<bool> {
    let Expr::Name(name) = expr else {
        return None;
    };
    if let Some(handler) = py::handler_binding(ctx.ancestors(), name.id.as_str()) {
        // An `HTTPException`'s text was written for the client.
        if handler.type_.as_deref().and_then(py::callee_last_name).is_some_and(|t| t.ends_with("HTTPException")) {
            return None;
        }
        // A broad handler around nothing but decoding the request (`await request.json()`,
        // `json.loads(body)`, `Payload(**body)`) answers with the client's own parse error.
        let decodes = ctx.ancestors().find_map(|node| match node {
            AnyNodeRef::StmtTry(try_stmt) if try_stmt.handlers.iter().any(|h| h.range() == handler.range) => {
                Some(decodes_request(&try_stmt.body))
            }
            _ => None,
        });
        return Some(!py::is_broad_handler(handler) || decodes == Some(true));
    }
    let function = py::enclosing_function(ctx.ancestors())?;
    let last = function.parameters.args.last()?;
    if last.parameter.name.id.as_str() != name.id.as_str() {
        return None;
    }
    function.decorator_list.iter().find_map(|decorator| {
        let Expr::Call(call) = &decorator.expression else {
            return None;
        };
        if !matches!(py::callee_last_name(&call.func), Some("exception_handler" | "errorhandler")) {
            return None;
        }
        let handled = call.arguments.args.first()?;
        let broad = match handled {
            Expr::Name(class) => matches!(class.id.as_str(), "Exception" | "BaseException"),
            _ => py::integer_value(handled).is_some_and(|code| code >= 500),
        };
        Some(!broad)
    })
}

/// Whether a `try` body only decodes or validates the request: at most three statements, each
/// a parse of JSON or a model built from a mapping.
fn decodes_request(body: &[Stmt]) -> bool {
    fn decoding_call(expr: &Expr) -> bool {
        let Expr::Await(awaited) = expr else { return is_decoding_call(expr) };
        is_decoding_call(&awaited.value)
    }
    fn is_decoding_call(expr: &Expr) -> bool {
        let Expr::Call(call) = expr else { return false };
        let name = py::callee_last_name(&call.func).unwrap_or_default();
        let unpacks_mapping = call.arguments.keywords.iter().any(|keyword| keyword.arg.is_none());
        matches!(name, "json" | "loads" | "model_validate" | "model_validate_json" | "parse_obj" | "parse_raw")
            || (unpacks_mapping && call.arguments.args.is_empty() && call.arguments.keywords.len() == 1)
    }
    !body.is_empty()
        && body.len() <= 3
        && body.iter().all(|stmt| match stmt {
            Stmt::Return(ret) => ret.value.as_deref().is_some_and(decoding_call),
            Stmt::Assign(assign) => decoding_call(&assign.value),
            Stmt::AnnAssign(assign) => assign.value.as_deref().is_some_and(decoding_call),
            Stmt::Expr(expr) => decoding_call(&expr.value),
            _ => false,
        })
}

/// The worst exception detail a Python expression carries, if any.
fn py_leak<'a>(expr: &'a Expr, ctx: &PyContext<'a, '_>, depth: u8) -> Option<Leak> {
    let leak = |ranged: &dyn Ranged, kind: LeakKind, specific: bool| {
        Some(Leak {
            span: ranged.range().into_span(),
            shown: excerpt(ctx.text_of(&ranged.range())),
            via: None,
            kind,
            specific,
        })
    };
    match expr {
        Expr::FString(fstring) => {
            let mut found = None;
            for part in &fstring.value {
                let FStringPart::FString(part) = part else { continue };
                for element in part.elements.interpolations() {
                    let element_leak = match py_exception(&element.expression, ctx) {
                        Some(specific) => leak(fstring, LeakKind::Message, specific),
                        None => py_leak(&element.expression, ctx, depth),
                    };
                    found = worse(found, element_leak);
                }
            }
            found
        }
        Expr::Call(call) => py_call_leak(call, ctx, depth),
        Expr::Attribute(attribute) if attribute.attr.id.as_str() == "args" => {
            py_exception(&attribute.value, ctx).and_then(|specific| leak(attribute, LeakKind::Message, specific))
        }
        Expr::Subscript(subscript) => py_leak(&subscript.value, ctx, depth),
        Expr::BinOp(binary) => {
            // `"failed: %s" % e`, `"failed: %s" % (e,)`
            if binary.op == py_ast::Operator::Mod {
                let formatted = match binary.right.as_ref() {
                    Expr::Tuple(tuple) => tuple.elts.iter().find_map(|element| py_exception(element, ctx)),
                    other => py_exception(other, ctx),
                };
                if let Some(specific) = formatted {
                    return leak(binary, LeakKind::Message, specific);
                }
            }
            worse(py_leak(&binary.left, ctx, depth), py_leak(&binary.right, ctx, depth))
        }
        Expr::Dict(dict) => dict.items.iter().fold(None, |found, item| worse(found, py_leak(&item.value, ctx, depth))),
        Expr::List(py_ast::ExprList { elts, .. })
        | Expr::Tuple(py_ast::ExprTuple { elts, .. })
        | Expr::Set(py_ast::ExprSet { elts, .. }) => {
            elts.iter().fold(None, |found, element| worse(found, py_leak(element, ctx, depth)))
        }
        Expr::If(if_expr) if is_environment_gate(ctx.text_of(if_expr.test.as_ref())) => None,
        Expr::If(if_expr) => worse(py_leak(&if_expr.body, ctx, depth), py_leak(&if_expr.orelse, ctx, depth)),
        Expr::BoolOp(bool_op) => {
            bool_op.values.iter().fold(None, |found, value| worse(found, py_leak(value, ctx, depth)))
        }
        // `message = str(e)` earlier in the handler.
        Expr::Name(name) if depth == 0 && py_exception(expr, ctx).is_none() => {
            let assigned = ctx.ancestors().find_map(|ancestor| match ancestor {
                AnyNodeRef::ExceptHandlerExceptHandler(handler) => py::sole_assignment(&handler.body, name.id.as_str()),
                _ => None,
            })?;
            let found = py_leak(assigned, ctx, depth + 1)?;
            Some(Leak { span: name.range().into_span(), shown: name.id.to_string(), via: Some(found.shown), ..found })
        }
        _ => None,
    }
}

fn py_call_leak<'a>(call: &'a py_ast::ExprCall, ctx: &PyContext<'a, '_>, depth: u8) -> Option<Leak> {
    let leak = |kind: LeakKind, specific: bool| {
        Some(Leak { span: call.range().into_span(), shown: excerpt(ctx.text_of(call)), via: None, kind, specific })
    };
    let name = py::callee_last_name(&call.func)?;
    let is_method = matches!(call.func.as_ref(), Expr::Attribute(_));
    let arguments = || call.arguments.args.iter().chain(call.arguments.keywords.iter().map(|keyword| &keyword.value));
    match name {
        "str" | "repr" if !is_method => {
            let first = call.arguments.args.first()?;
            match py_exception(first, ctx) {
                Some(specific) => leak(LeakKind::Message, specific),
                None => py_leak(first, ctx, depth),
            }
        }
        "format_exc" | "format_exception" | "format_tb" | "format_stack" | "extract_tb"
            if !is_method || py::dotted_name(&call.func).is_some_and(|path| path.starts_with("traceback.")) =>
        {
            leak(LeakKind::Stack, false)
        }
        // `"failed: {}".format(e)`
        "format" if is_method => match arguments().find_map(|argument| py_exception(argument, ctx)) {
            Some(specific) => leak(LeakKind::Message, specific),
            None => arguments().fold(None, |found, argument| worse(found, py_leak(argument, ctx, depth))),
        },
        "join" | "dict" | "jsonable_encoder" | "dumps" | "getattr" | "list" | "tuple" => {
            arguments().fold(None, |found, argument| worse(found, py_leak(argument, ctx, depth)))
        }
        // `str(e).replace(...)`, `str(e)[:200]` still send the message.
        "replace" | "strip" | "lstrip" | "rstrip" | "split" | "splitlines" | "lower" | "upper" | "capitalize"
        | "title" | "encode" | "decode"
            if is_method =>
        {
            let Expr::Attribute(attribute) = call.func.as_ref() else {
                return None;
            };
            py_leak(&attribute.value, ctx, depth)
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Go

/// A Go response body and what is known of its status.
struct GoSink<'t> {
    label: String,
    bodies: Vec<Node<'t>>,
    status: Status,
    /// Whether the bodies are a format string and its values (`c.String(500, "%v", err)`,
    /// `fmt.Fprintf(w, "%v", err)`), which print an error value as its text.
    formats: bool,
}

impl ExceptionLeak {
    fn check_go<'t>(node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        let Some(sink) = go_sink(node, source) else { return };
        let in_development = tree::if_branches(node)
            .into_iter()
            .any(|(condition, holds)| development_only(text(condition, source)) == Some(holds));
        if in_development {
            return;
        }
        let leak = sink.bodies.iter().fold(None, |found, body| {
            let formatted = sink.formats && body.kind() == "identifier" && is_go_error_name(text(*body, source));
            let leak = if formatted {
                Some(Leak {
                    span: body.into_span(),
                    shown: text(*body, source).to_string(),
                    via: None,
                    kind: LeakKind::Message,
                    specific: true,
                })
            } else {
                go_leak(*body, source, 0)
            };
            worse(found, leak)
        });
        if let Some(leak) = leak
            && leak.reportable(sink.status)
        {
            let what = match leak.kind {
                LeakKind::Message => "Error text",
                LeakKind::Object => "Error value",
                LeakKind::Stack => "Stack trace",
            };
            let via = leak.via.as_ref().map(|via| format!(" (from `{via}`)")).unwrap_or_default();
            ctx.report(leak.span, format!("{what} `{}`{via} is sent to the client in {}", leak.shown, sink.label));
        }
    }
}

/// Methods of gin, echo and Fiber contexts that write a response with a status first:
/// `c.JSON(500, body)`, `c.String(500, format, args...)`, `c.AbortWithStatusJSON(500, body)`.
const GO_STATUS_WRITERS: &[&str] = &[
    "JSON",
    "IndentedJSON",
    "PureJSON",
    "SecureJSON",
    "AsciiJSON",
    "JSONPretty",
    "JSONP",
    "XML",
    "XMLPretty",
    "YAML",
    "TOML",
    "String",
    "HTML",
    "AbortWithStatusJSON",
    "Data",
    "Blob",
];

fn go_sink<'t>(call: Node<'t>, source: &str) -> Option<GoSink<'t>> {
    let function = call.child_by_field_name("function")?;
    let callee = text(function, source);
    let arguments = tree::call_arguments(call);
    let label = |name: &str| format!("`{name}(...)`");
    match callee {
        "http.Error" => {
            let [_, body, status] = arguments.as_slice() else { return None };
            let status = go_status(*status, source);
            return Some(GoSink { label: label(callee), bodies: vec![*body], status, formats: false });
        }
        // `fmt.Fprintf(w, "failed: %v", err)`, `io.WriteString(w, err.Error())`
        "fmt.Fprintf" | "fmt.Fprint" | "fmt.Fprintln" | "io.WriteString" => {
            let (writer, bodies) = arguments.split_first()?;
            if !is_go_response_writer(*writer, source) {
                return None;
            }
            let status = go_preceding_status(call, text(*writer, source), source);
            let formats = callee != "io.WriteString";
            return Some(GoSink { label: label(callee), bodies: bodies.to_vec(), status, formats });
        }
        _ => {}
    }
    let last = callee.rsplit('.').next().unwrap_or(callee);
    // echo's `echo.NewHTTPError(500, err.Error())`, Fiber's `fiber.NewError(500, err.Error())`.
    if last == "NewHTTPError" || callee == "fiber.NewError" {
        let (status, bodies) = arguments.split_first()?;
        let status = go_status(*status, source);
        return Some(GoSink { label: label(callee), bodies: bodies.to_vec(), status, formats: false });
    }
    let (method, receiver) = tree::method_call(call, source)?;
    // `w.Write([]byte(err.Error()))`
    if method == "Write" && is_go_response_writer(receiver, source) {
        let status = go_preceding_status(call, text(receiver, source), source);
        return Some(GoSink { label: label(callee), bodies: arguments, status, formats: false });
    }
    // `json.NewEncoder(w).Encode(body)`
    if method == "Encode"
        && receiver.kind() == "call_expression"
        && receiver.child_by_field_name("function").is_some_and(|f| text(f, source) == "json.NewEncoder")
        && let Some(writer) = tree::call_arguments(receiver).first()
        && is_go_response_writer(*writer, source)
    {
        let status = go_preceding_status(call, text(*writer, source), source);
        return Some(GoSink { label: label(callee), bodies: arguments, status, formats: false });
    }
    // Fiber: `c.Status(500).JSON(body)`, `c.Status(500).SendString(err.Error())`, `c.SendString(...)`.
    if matches!(method, "JSON" | "SendString" | "Send" | "XML") && arguments.len() == 1 {
        let status = match tree::method_call(receiver, source) {
            Some(("Status", _)) => tree::call_arguments(receiver).first().map(|s| go_status(*s, source)),
            _ => None,
        };
        if status.is_some() || method == "SendString" {
            let status = status.unwrap_or(Status::Unknown);
            return Some(GoSink { label: label(callee), bodies: arguments, status, formats: false });
        }
    }
    // gin, echo: `c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})`
    if GO_STATUS_WRITERS.contains(&method) {
        let (status, bodies) = arguments.split_first()?;
        if !is_go_status_like(*status, source) || bodies.is_empty() {
            return None;
        }
        // `c.Data(code, contentType, body)`, `c.Blob(code, contentType, body)`
        let bodies = if matches!(method, "Data" | "Blob") { bodies.get(1..)?.to_vec() } else { bodies.to_vec() };
        let status = go_status(*status, source);
        return Some(GoSink { label: label(callee), bodies, status, formats: method == "String" });
    }
    None
}

/// A status argument: a literal, an `http.Status…` constant, or a name that says status/code.
fn is_go_status_like(node: Node<'_>, source: &str) -> bool {
    let written = text(node, source);
    let last = written.rsplit('.').next().unwrap_or(written).to_ascii_lowercase();
    node.kind() == "int_literal" || last.contains("status") || last.contains("code")
}

/// `net/http` status constants, without their `Status` prefix.
const GO_CLIENT_STATUSES: &[&str] = &[
    "BadRequest",
    "Unauthorized",
    "PaymentRequired",
    "Forbidden",
    "NotFound",
    "MethodNotAllowed",
    "NotAcceptable",
    "ProxyAuthRequired",
    "RequestTimeout",
    "Conflict",
    "Gone",
    "LengthRequired",
    "PreconditionFailed",
    "RequestEntityTooLarge",
    "RequestURITooLong",
    "UnsupportedMediaType",
    "RequestedRangeNotSatisfiable",
    "ExpectationFailed",
    "Teapot",
    "MisdirectedRequest",
    "UnprocessableEntity",
    "Locked",
    "FailedDependency",
    "TooEarly",
    "UpgradeRequired",
    "PreconditionRequired",
    "TooManyRequests",
    "RequestHeaderFieldsTooLarge",
    "UnavailableForLegalReasons",
];
const GO_SERVER_STATUSES: &[&str] = &[
    "InternalServerError",
    "NotImplemented",
    "BadGateway",
    "ServiceUnavailable",
    "GatewayTimeout",
    "HTTPVersionNotSupported",
    "VariantAlsoNegotiates",
    "InsufficientStorage",
    "LoopDetected",
    "NotExtended",
    "NetworkAuthenticationRequired",
];

/// The class of a Go status argument: `500`, `http.StatusBadRequest`, `fiber.StatusNotFound`.
fn go_status(node: Node<'_>, source: &str) -> Status {
    let written = text(node, source);
    if node.kind() == "int_literal" {
        return written.parse().map_or(Status::Unknown, Status::of_code);
    }
    // A constant of the package: `const StatusCodeContextCanceled = 499`.
    if node.kind() == "identifier"
        && let Some(value) = go_package_constant(node, source)
        && value.kind() == "int_literal"
    {
        return text(value, source).parse().map_or(Status::Unknown, Status::of_code);
    }
    let Some(name) = written.rsplit('.').next().and_then(|last| last.strip_prefix("Status")) else {
        return Status::Unknown;
    };
    if GO_CLIENT_STATUSES.contains(&name) {
        Status::Client
    } else if GO_SERVER_STATUSES.contains(&name) {
        Status::Server
    } else {
        Status::Unknown
    }
}

/// The value of a constant declared at the top of the file (`const name = value`).
fn go_package_constant<'t>(identifier: Node<'t>, source: &str) -> Option<Node<'t>> {
    let name = text(identifier, source);
    let mut root = identifier;
    while let Some(parent) = root.parent() {
        root = parent;
    }
    let mut cursor = root.walk();
    let declarations: Vec<Node<'t>> =
        root.named_children(&mut cursor).filter(|child| child.kind() == "const_declaration").collect();
    declarations.into_iter().find_map(|declaration| {
        let mut specs = declaration.walk();
        let spec = declaration
            .named_children(&mut specs)
            .filter(|spec| spec.kind() == "const_spec")
            .find(|spec| spec.child_by_field_name("name").is_some_and(|n| text(n, source) == name))?;
        spec.child_by_field_name("value")?.named_child(0)
    })
}

/// A status written just before the sink in the same block: `w.WriteHeader(500)`.
fn go_preceding_status(call: Node<'_>, writer: &str, source: &str) -> Status {
    let mut statement = call;
    while let Some(parent) = statement.parent() {
        if parent.kind() == "block" || parent.kind() == "statement_list" {
            break;
        }
        statement = parent;
    }
    let mut previous = statement.prev_named_sibling();
    while let Some(sibling) = previous {
        if let Some(inner) = sibling.named_child(0).filter(|_| sibling.kind() == "expression_statement")
            && inner.kind() == "call_expression"
            && let Some(("WriteHeader", receiver)) = tree::method_call(inner, source)
            && text(receiver, source) == writer
        {
            return tree::call_arguments(inner).first().map_or(Status::Unknown, |status| go_status(*status, source));
        }
        previous = sibling.prev_named_sibling();
    }
    Status::Unknown
}

/// An `http.ResponseWriter`: a parameter of that type in an enclosing function, gin's
/// `c.Writer`, or echo's `c.Response()` / `c.Response().Writer`.
fn is_go_response_writer(node: Node<'_>, source: &str) -> bool {
    let written = text(node, source);
    if written.ends_with(".Writer") || written.ends_with(".Response()") {
        return true;
    }
    if node.kind() != "identifier" {
        return false;
    }
    let mut function = tree::enclosing_function(node);
    while let Some(current) = function {
        if let Some(parameters) = current.child_by_field_name("parameters") {
            let mut cursor = parameters.walk();
            let declared = parameters.named_children(&mut cursor).any(|parameter| {
                let mut names = parameter.walk();
                parameter.children_by_field_name("name", &mut names).any(|name| text(name, source) == written)
                    && parameter.child_by_field_name("type").is_some_and(|t| text(t, source) == "http.ResponseWriter")
            });
            if declared {
                return true;
            }
        }
        function = tree::enclosing_function(current);
    }
    false
}

/// Whether a name holds an error being handled (`err`, `parseErr`), not a sentinel error
/// (`ErrNotFound`, `errInvalidInput`), whose text was written to be shown.
fn is_go_error_name(name: &str) -> bool {
    name == "err" || (name.len() > 3 && name.ends_with("Err") && name.starts_with(|c: char| c.is_ascii_lowercase()))
}

fn is_go_sentinel_name(name: &str) -> bool {
    ["Err", "err"]
        .iter()
        .any(|prefix| name.strip_prefix(prefix).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase())))
}

/// The worst error detail a Go expression carries, if any.
fn go_leak(node: Node<'_>, source: &str, depth: u8) -> Option<Leak> {
    let leak = |kind: LeakKind| {
        Some(Leak { span: node.into_span(), shown: excerpt(text(node, source)), via: None, kind, specific: true })
    };
    let all =
        |nodes: Vec<Node<'_>>| nodes.into_iter().fold(None, |found, part| worse(found, go_leak(part, source, depth)));
    match node.kind() {
        "call_expression" => {
            let callee = node.child_by_field_name("function").map(|f| text(f, source)).unwrap_or_default();
            let arguments = tree::call_arguments(node);
            if matches!(callee, "debug.Stack" | "runtime.Stack") {
                return leak(LeakKind::Stack);
            }
            if let Some(("Error", receiver)) = tree::method_call(node, source)
                && arguments.is_empty()
            {
                // `ErrNotFound.Error()`, `upgrade.ErrUnsupported.Error()`
                let name = match receiver.kind() {
                    "identifier" => Some(text(receiver, source)),
                    "selector_expression" => receiver.child_by_field_name("field").map(|f| text(f, source)),
                    _ => None,
                };
                let sentinel = name.is_some_and(is_go_sentinel_name);
                return if sentinel { None } else { leak(LeakKind::Message) };
            }
            // `fmt.Sprintf("failed: %v", err)`, `fmt.Sprint(err)`
            if matches!(callee, "fmt.Sprintf" | "fmt.Sprint" | "fmt.Sprintln") {
                let formats_error = arguments
                    .iter()
                    .any(|argument| argument.kind() == "identifier" && is_go_error_name(text(*argument, source)));
                return if formats_error { leak(LeakKind::Message) } else { all(arguments) };
            }
            // `string(b)`, `strings.TrimSpace(s)`: the text passes through.
            if callee == "string" || callee.starts_with("strings.") {
                return all(arguments);
            }
            None
        }
        "type_conversion_expression" | "parenthesized_expression" => node
            .child_by_field_name("operand")
            .or_else(|| node.named_child(0))
            .and_then(|inner| go_leak(inner, source, depth)),
        "binary_expression" => {
            let operator = node.child_by_field_name("operator").map(|o| text(o, source));
            if operator != Some("+") {
                return None;
            }
            let sides = [node.child_by_field_name("left"), node.child_by_field_name("right")];
            sides.into_iter().flatten().fold(None, |found, side| worse(found, go_leak(side, source, depth)))
        }
        "composite_literal" => {
            let body = node.child_by_field_name("body")?;
            go_literal_values(body).into_iter().fold(None, |found, value| worse(found, go_leak(value, source, depth)))
        }
        // `msg := err.Error()` earlier in the handler.
        "identifier" if depth == 0 => {
            let name = text(node, source);
            if is_go_error_name(name) {
                return None;
            }
            let found = go_leak(tree::local_value(node, source)?, source, depth + 1)?;
            Some(Leak { span: node.into_span(), shown: name.to_string(), via: Some(found.shown), ..found })
        }
        _ => None,
    }
}

/// The values of a composite literal's body, nested literals included (`gin.H{"error": …}`,
/// `Response{Message: …}`, `[]string{…}`).
fn go_literal_values(body: Node<'_>) -> Vec<Node<'_>> {
    let mut values = Vec::new();
    let mut cursor = body.walk();
    for element in body.named_children(&mut cursor) {
        let value = match element.kind() {
            "keyed_element" => element.child_by_field_name("value"),
            "literal_element" => Some(element),
            _ => None,
        };
        let Some(value) = value.and_then(|v| if v.kind() == "literal_element" { v.named_child(0) } else { Some(v) })
        else {
            continue;
        };
        if value.kind() == "literal_value" {
            values.extend(go_literal_values(value));
        } else {
            values.push(value);
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::ExceptionLeak;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // A specific error's message with a 4xx chosen by a conditional (open-webui).
            (
                "routers/chats.py",
                "@router.post('/fork')\nasync def fork(id: str):\n    try:\n        history = fork_chat(id)\n    except ValueError as exc:\n        detail = str(exc)\n        raise HTTPException(\n            status_code=404 if detail == 'message not found' else 400,\n            detail=detail,\n        ) from exc\n",
            ),
            (
                "routes/items.js",
                "app.get('/items/:id', (req, res) => {\n  try { res.json(find(req.params.id)); }\n  catch (err) { res.status(err.missing ? 404 : 400).json({ error: err.message }); }\n});\n",
            ),
            // The client's own malformed body: the parse error is the answer.
            (
                "app/gateway.py",
                "from fastapi import FastAPI, HTTPException, Request\napp = FastAPI()\n\n@app.post('/invoke')\nasync def invoke(request: Request):\n    try:\n        body = await request.json()\n    except Exception as e:\n        raise HTTPException(status_code=400, detail=f'Invalid JSON payload: {e!s}')\n    try:\n        payload = ChatPayload(**body)\n    except Exception as e:\n        raise HTTPException(status_code=400, detail=f'Invalid chat payload: {e!s}')\n    return payload\n",
            ),
            // Seen on real code: a domain exception that carries its own client status.
            (
                "app/routers/groups.py",
                "try:\n    create(group)\nexcept GroupHierarchyError as e:\n    raise HTTPException(status_code=e.status_code, detail=str(e)) from e\n",
            ),
            // Fastify passes `reply.send(err)` to the app's error handler.
            ("lib/handle-request.js", "try { run(); } catch (err) { reply.send(err); }"),
            // Logged server-side, generic message to the client.
            (
                "api/routes/config.py",
                "@router.get(\"/config\")\nasync def get_config():\n    try:\n        return load_config()\n    except Exception:\n        logger.exception(\"failed to load config\")\n        raise HTTPException(status_code=500, detail=\"Failed to load config\")\n",
            ),
            (
                "api/routes/events.py",
                "@router.post(\"/events\")\nasync def create_event():\n    try:\n        return save()\n    except Exception as e:\n        logger.error(f\"failed to save event: {e}\")\n        return JSONResponse(status_code=500, content={\"error\": \"Internal server error\"})\n",
            ),
            // A deliberate validation message: a specific exception with a 4xx status.
            (
                "api/routes/items.py",
                "try:\n    item = parse(body)\nexcept ValueError as e:\n    raise HTTPException(status_code=400, detail=str(e))\n",
            ),
            (
                "api/routes/items.py",
                "try:\n    item = repo.get(item_id)\nexcept NotFoundError as e:\n    raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=str(e))\n",
            ),
            (
                "app/views.py",
                "@app.route(\"/parse\")\ndef parse_view():\n    try:\n        return parse(request.json)\n    except BadRequest as e:\n        return jsonify(error=str(e)), 400\n",
            ),
            // An `HTTPException`'s own text is meant for the client.
            (
                "api/routes/items.py",
                "try:\n    call()\nexcept HTTPException as e:\n    raise HTTPException(status_code=e.status_code, detail=str(e))\n",
            ),
            // Not the exception's text.
            (
                "api/routes/items.py",
                "try:\n    item = repo[item_id]\nexcept KeyError:\n    raise HTTPException(status_code=404, detail=f\"Item {item_id} not found\")\n",
            ),
            (
                "api/routes/items.py",
                "try:\n    check(body)\nexcept ValidationError as e:\n    return JSONResponse(status_code=422, content={\"detail\": e.errors()})\n",
            ),
            (
                "api/routes/items.py",
                "try:\n    call()\nexcept HTTPException as e:\n    raise HTTPException(status_code=e.status_code, detail=e.detail)\n",
            ),
            // Not a route: the caller decides what reaches the client.
            (
                "services/sync.py",
                "def sync():\n    try:\n        run()\n    except Exception as e:\n        return {\"error\": str(e)}\n",
            ),
            // Tests.
            (
                "tests/test_api.py",
                "try:\n    f()\nexcept Exception as e:\n    raise HTTPException(status_code=500, detail=str(e))\n",
            ),
            // JavaScript: logged, generic message.
            (
                "src/routes/users.ts",
                "router.get('/users', async (req, res) => {\n  try {\n    res.json(await listUsers());\n  } catch (err) {\n    console.error(err);\n    res.status(500).json({ error: 'Internal server error' });\n  }\n});\n",
            ),
            (
                "src/routes/users.ts",
                "try {\n  await save();\n} catch (err) {\n  logger.error({ err }, 'save failed');\n  res.status(500).json({ error: 'failed', code: err.code, requestId });\n}\n",
            ),
            // Explicit 4xx status with the message only.
            (
                "src/routes/users.ts",
                "try {\n  validate(req.body);\n} catch (err) {\n  res.status(400).json({ error: err.message });\n}\n",
            ),
            (
                "src/app/api/items/route.ts",
                "export async function GET() {\n  try {\n    return NextResponse.json(await find(id));\n  } catch (error) {\n    return NextResponse.json({ error: error.message }, { status: 404 });\n  }\n}\n",
            ),
            (
                "src/routes/items.ts",
                "app.post('/items', async (c) => {\n  try {\n    return c.json(await create(c));\n  } catch (e) {\n    return c.json({ error: (e as Error).message }, 422);\n  }\n});\n",
            ),
            (
                "src/routes/items.js",
                "try {\n  await validate(ctx.request.body);\n} catch (err) {\n  ctx.status = 400;\n  ctx.body = { error: err.message };\n}\n",
            ),
            // Details only in development.
            (
                "src/routes/users.ts",
                "try {\n  await save();\n} catch (err) {\n  res.status(500).json({ error: 'Failed', details: process.env.NODE_ENV === 'development' ? err.message : undefined });\n}\n",
            ),
            (
                "src/routes/users.ts",
                "try {\n  await save();\n} catch (err) {\n  res.status(500).json({ error: 'Failed', stack: isDev && err.stack });\n}\n",
            ),
            (
                "api/routes/items.py",
                "try:\n    save()\nexcept Exception as e:\n    raise HTTPException(status_code=500, detail=str(e) if settings.DEBUG else \"Internal server error\")\n",
            ),
            // Not a caught error, or not a response.
            (
                "src/lib/respond.ts",
                "export function fail(err, res) {\n  res.status(500).json({ error: err.message });\n}\n",
            ),
            ("src/ws.ts", "try {\n  handle(msg);\n} catch (err) {\n  ws.send(err.message);\n}\n"),
            ("src/components/Form.tsx", "try {\n  await submit();\n} catch (err) {\n  setError(err.message);\n}\n"),
            (
                "src/routes/users.test.ts",
                "try { f(); } catch (err) { res.status(500).json({ error: err.message }); }\n",
            ),
            // Go: logged server-side, generic message to the client.
            (
                "internal/api/users.go",
                "package api\nfunc (h *Handler) list(w http.ResponseWriter, r *http.Request) {\n\tusers, err := h.store.List()\n\tif err != nil {\n\t\tlog.Printf(\"list users: %v\", err)\n\t\thttp.Error(w, \"internal server error\", http.StatusInternalServerError)\n\t\treturn\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(c *gin.Context) {\n\tif err := load(); err != nil {\n\t\tc.Error(err)\n\t\tc.JSON(http.StatusInternalServerError, gin.H{\"error\": \"internal error\"})\n\t}\n}\n",
            ),
            // Go: a validation message with a 4xx status.
            (
                "internal/api/users.go",
                "package api\nfunc create(w http.ResponseWriter, r *http.Request) {\n\tif err := decode(r, &in); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusBadRequest)\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc create(c *gin.Context) {\n\tif err := c.ShouldBindJSON(&in); err != nil {\n\t\tc.JSON(400, gin.H{\"error\": err.Error()})\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc create(c echo.Context) error {\n\tif err := c.Bind(&in); err != nil {\n\t\treturn echo.NewHTTPError(http.StatusUnprocessableEntity, err.Error())\n\t}\n\treturn nil\n}\n",
            ),
            // Go: a sentinel error's text, an error value marshalled as JSON (`{}`), an error
            // handed to the framework, details only in debug mode.
            (
                "internal/api/users.go",
                "package api\nvar ErrNotFound = errors.New(\"not found\")\nfunc get(c *gin.Context) {\n\tc.JSON(http.StatusInternalServerError, gin.H{\"error\": ErrNotFound.Error()})\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc get(c *gin.Context) {\n\tif err := load(); err != nil {\n\t\tc.AbortWithError(http.StatusInternalServerError, err)\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc get(c *gin.Context) {\n\tif err := load(); err != nil {\n\t\tif cfg.Debug {\n\t\t\tc.JSON(500, gin.H{\"error\": err.Error()})\n\t\t\treturn\n\t\t}\n\t\tc.JSON(500, gin.H{\"error\": \"internal error\"})\n\t}\n}\n",
            ),
            // Go: not a response.
            (
                "internal/jobs/sync.go",
                "package jobs\nfunc sync(out io.Writer) {\n\tif err := run(); err != nil {\n\t\tfmt.Fprintf(out, \"sync failed: %v\", err)\n\t}\n}\n",
            ),
            (
                "internal/jobs/sync.go",
                "package jobs\nfunc sync() error {\n\tif err := run(); err != nil {\n\t\treturn fmt.Errorf(\"sync: %w\", err)\n\t}\n\treturn nil\n}\n",
            ),
            (
                "internal/api/users_test.go",
                "package api\nfunc f(w http.ResponseWriter) { http.Error(w, err.Error(), 500) }\n",
            ),
            // Seen on real code: a sentinel error of another package, a 4xx status constant.
            (
                "lib/api/api.go",
                "package api\nfunc getUpgrade(w http.ResponseWriter, r *http.Request) {\n\thttp.Error(w, upgrade.ErrUpgradeUnsupported.Error(), http.StatusServiceUnavailable)\n}\n",
            ),
            (
                "middleware/proxy.go",
                "package middleware\nconst StatusCodeContextCanceled = 499\nfunc proxy(c echo.Context, err error) error {\n\treturn echo.NewHTTPError(StatusCodeContextCanceled, fmt.Sprintf(\"client closed connection: %v\", err))\n}\n",
            ),
        ];
        let fail = [
            // A conditional status that may be a server error.
            (
                "routes/items.js",
                "app.get('/items/:id', (req, res) => {\n  try { res.json(find(req.params.id)); }\n  catch (err) { res.status(err.missing ? 404 : 500).json({ error: err.message }); }\n});\n",
            ),
            // Decoding the request, but answered as a server error: still a leak.
            (
                "app/gateway.py",
                "from fastapi import FastAPI, HTTPException, Request\napp = FastAPI()\n\n@app.post('/invoke')\nasync def invoke(request: Request):\n    try:\n        body = await request.json()\n    except Exception as e:\n        raise HTTPException(status_code=500, detail=f'failed: {e}')\n",
            ),
            // More than decoding in the try body: the error may come from anywhere.
            (
                "app/gateway.py",
                "from fastapi import FastAPI, HTTPException, Request\napp = FastAPI()\n\n@app.post('/invoke')\nasync def invoke(request: Request):\n    try:\n        body = await request.json()\n        result = await provider.chat(body)\n    except Exception as e:\n        raise HTTPException(status_code=400, detail=str(e))\n    return result\n",
            ),
            // The seed: `detail=f"... {exc}"` in route modules.
            (
                "api/routes/config.py",
                "from fastapi import APIRouter, HTTPException\n\nrouter = APIRouter()\n\n@router.get(\"/config\")\nasync def get_config():\n    try:\n        return load_config()\n    except Exception as exc:\n        raise HTTPException(status_code=500, detail=f\"Failed to load config: {exc}\")\n",
            ),
            (
                "api/routes/events.py",
                "try:\n    save(event)\nexcept Exception as e:\n    raise HTTPException(status_code=500, detail=str(e))\n",
            ),
            (
                "api/routes/events.py",
                "try:\n    save(event)\nexcept Exception as e:\n    raise HTTPException(500, f\"Error: {e!r}\")\n",
            ),
            (
                "api/routes/events.py",
                "try:\n    save(event)\nexcept Exception as e:\n    return JSONResponse(status_code=500, content={\"error\": str(e)})\n",
            ),
            // A broad handler with a 4xx status is not a validation message.
            (
                "api/routes/events.py",
                "try:\n    save(event)\nexcept Exception as e:\n    raise HTTPException(status_code=400, detail=str(e))\n",
            ),
            // A stack trace always counts.
            (
                "api/routes/events.py",
                "try:\n    parse(body)\nexcept ValueError:\n    raise HTTPException(status_code=400, detail=traceback.format_exc())\n",
            ),
            (
                "api/routes/events.py",
                "try:\n    save(event)\nexcept Exception as e:\n    raise HTTPException(status_code=500, detail=e.args[0])\n",
            ),
            (
                "api/routes/events.py",
                "try:\n    save(event)\nexcept Exception as e:\n    raise HTTPException(status_code=status.HTTP_500_INTERNAL_SERVER_ERROR, detail=\"failed: {}\".format(e))\n",
            ),
            (
                "api/routes/events.py",
                "try:\n    save(event)\nexcept Exception as e:\n    message = str(e)\n    logger.error(message)\n    raise HTTPException(status_code=500, detail=message)\n",
            ),
            // Flask
            (
                "app/views.py",
                "try:\n    save()\nexcept Exception as e:\n    return jsonify({\"error\": str(e)}), 500\n",
            ),
            (
                "app/views.py",
                "@app.route(\"/save\", methods=[\"POST\"])\ndef save_view():\n    try:\n        save()\n    except Exception as e:\n        return {\"error\": str(e)}, 500\n",
            ),
            (
                "app/views.py",
                "try:\n    save()\nexcept Exception as e:\n    abort(500, description=\"failed: %s\" % e)\n",
            ),
            // FastAPI route returning a dict (status 200).
            (
                "api/main.py",
                "@app.get(\"/status\")\nasync def status_view():\n    try:\n        return check()\n    except Exception as e:\n        return {\"status\": \"error\", \"message\": f\"check failed: {e}\"}\n",
            ),
            // Exception handlers.
            (
                "api/main.py",
                "@app.exception_handler(Exception)\nasync def unhandled(request, exc):\n    return JSONResponse(status_code=500, content={\"detail\": str(exc)})\n",
            ),
            // Django, aiohttp
            (
                "app/views.py",
                "try:\n    save()\nexcept Exception as e:\n    return JsonResponse({\"error\": repr(e)}, status=500)\n",
            ),
            (
                "app/handlers.py",
                "try:\n    save()\nexcept Exception as e:\n    return web.json_response({\"error\": str(e)}, status=500)\n",
            ),
            // JavaScript
            (
                "src/routes/users.ts",
                "router.get('/users', async (req, res) => {\n  try {\n    res.json(await listUsers());\n  } catch (err) {\n    res.status(500).json({ error: err.message });\n  }\n});\n",
            ),
            ("src/routes/users.js", "try {\n  await save();\n} catch (err) {\n  res.send(err.stack);\n}\n"),
            (
                "src/routes/users.js",
                "try {\n  await save();\n} catch (err) {\n  res.json({ error: err.message });\n}\n",
            ),
            (
                "src/routes/users.js",
                "try {\n  validate(req.body);\n} catch (err) {\n  res.status(400).json({ error: err.message, stack: err.stack });\n}\n",
            ),
            (
                "src/app.js",
                "app.use((err, req, res, next) => {\n  res.status(500).json({ message: err.message });\n});\n",
            ),
            (
                "src/routes/users.js",
                "app.get('/x', (req, res) => {\n  load().then((data) => res.json(data)).catch((err) => res.status(500).send(String(err)));\n});\n",
            ),
            (
                "src/app/api/chat/route.ts",
                "export async function POST(req: Request) {\n  try {\n    return NextResponse.json(await run(req));\n  } catch (error) {\n    return NextResponse.json({ error: error instanceof Error ? error.message : 'Unknown error' }, { status: 500 });\n  }\n}\n",
            ),
            (
                "src/worker.ts",
                "async function fetch(request) {\n  try {\n    return await handle(request);\n  } catch (err) {\n    return new Response(JSON.stringify({ error: `${err}` }), { status: 500 });\n  }\n}\n",
            ),
            (
                "src/koa/app.js",
                "try {\n  await next();\n} catch (err) {\n  ctx.status = 500;\n  ctx.body = { error: err.message };\n}\n",
            ),
            (
                "src/server.ts",
                "try {\n  await save(request.body);\n} catch (err) {\n  reply.code(500).send({ error: err.message });\n}\n",
            ),
            (
                "src/routes/items.ts",
                "app.post('/items', async (c) => {\n  try {\n    return c.json(await create(c));\n  } catch (e) {\n    return c.json({ error: (e as Error).message }, 500);\n  }\n});\n",
            ),
            (
                "src/routes/users.ts",
                "try {\n  await save();\n} catch (err) {\n  const message = err instanceof Error ? err.message : String(err);\n  res.status(500).json({ error: message });\n}\n",
            ),
            (
                "src/routes/users.ts",
                "try {\n  await save();\n} catch (err) {\n  res.status(500).json({ error: err });\n}\n",
            ),
            (
                "src/app/api/x/route.ts",
                "export async function GET() {\n  try {\n    return Response.json(await run());\n  } catch (err) {\n    return Response.json({ error: err.toString() });\n  }\n}\n",
            ),
            (
                "netlify/functions/save.js",
                "exports.handler = async () => {\n  try {\n    return { statusCode: 200, body: await save() };\n  } catch (err) {\n    return { statusCode: 500, body: JSON.stringify({ error: err.message }) };\n  }\n};\n",
            ),
            (
                "src/routes/users.js",
                "app.get('/users', (req, res) => {\n  db.query('SELECT * FROM users', (err, rows) => {\n    if (err) return res.status(500).json({ error: err.message });\n    res.json(rows);\n  });\n});\n",
            ),
            (
                "src/server.ts",
                "app.setErrorHandler((error, request, reply) => {\n  reply.status(500).send({ error: error.message });\n});\n",
            ),
            // Go: net/http.
            (
                "internal/api/users.go",
                "package api\nfunc (h *Handler) list(w http.ResponseWriter, r *http.Request) {\n\tusers, err := h.store.List()\n\tif err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)\n\t\treturn\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(w http.ResponseWriter, r *http.Request) {\n\tif err := load(); err != nil {\n\t\tw.WriteHeader(500)\n\t\tw.Write([]byte(err.Error()))\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(w http.ResponseWriter, r *http.Request) {\n\tif err := load(); err != nil {\n\t\tw.WriteHeader(http.StatusInternalServerError)\n\t\tfmt.Fprintf(w, \"failed to load users: %v\", err)\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(w http.ResponseWriter, r *http.Request) {\n\tif err := load(); err != nil {\n\t\tjson.NewEncoder(w).Encode(map[string]string{\"error\": err.Error()})\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(w http.ResponseWriter, r *http.Request) {\n\tif err := load(); err != nil {\n\t\tmsg := fmt.Sprintf(\"load failed: %v\", err)\n\t\thttp.Error(w, msg, 500)\n\t}\n}\n",
            ),
            (
                "internal/api/recover.go",
                "package api\nfunc recoverer(w http.ResponseWriter) {\n\tif rec := recover(); rec != nil {\n\t\tw.WriteHeader(500)\n\t\tw.Write(debug.Stack())\n\t}\n}\n",
            ),
            // Go: gin, echo, Fiber.
            (
                "internal/api/users.go",
                "package api\nfunc list(c *gin.Context) {\n\tif err := load(); err != nil {\n\t\tc.JSON(http.StatusInternalServerError, gin.H{\"error\": err.Error()})\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(c *gin.Context) {\n\tif err := load(); err != nil {\n\t\tc.String(500, \"error: %v\", err)\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(c *gin.Context) {\n\tif dbErr := load(); dbErr != nil {\n\t\tc.AbortWithStatusJSON(http.StatusInternalServerError, ErrorResponse{Message: \"query failed: \" + dbErr.Error()})\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(c echo.Context) error {\n\tif err := load(); err != nil {\n\t\treturn c.JSON(http.StatusInternalServerError, map[string]string{\"error\": err.Error()})\n\t}\n\treturn nil\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(c echo.Context) error {\n\tif err := load(); err != nil {\n\t\treturn echo.NewHTTPError(http.StatusInternalServerError, err.Error())\n\t}\n\treturn nil\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(c *fiber.Ctx) error {\n\tif err := load(); err != nil {\n\t\treturn c.Status(fiber.StatusInternalServerError).JSON(fiber.Map{\"error\": err.Error()})\n\t}\n\treturn nil\n}\n",
            ),
            // Go: a status that is not a literal, and a 4xx with a stack trace.
            (
                "internal/api/users.go",
                "package api\nfunc list(c *gin.Context) {\n\tif err := load(); err != nil {\n\t\tc.JSON(statusFor(err), gin.H{\"error\": err.Error()})\n\t}\n}\n",
            ),
            (
                "internal/api/users.go",
                "package api\nfunc list(c *gin.Context) {\n\tc.String(http.StatusBadRequest, string(debug.Stack()))\n}\n",
            ),
        ];
        Tester::new::<ExceptionLeak>(pass, fail).test_and_snapshot();
    }
}
