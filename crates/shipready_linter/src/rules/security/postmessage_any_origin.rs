use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{
    ArrayExpressionElement, AssignmentTarget, BindingPattern, Expression, FormalParameters, MemberExpression,
};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::{AstNode, Semantic};
use shipready_lang::oxc::span::{GetSpan, Span};

use crate::context::JsContext;
use crate::declare_rule;
use crate::helpers::js;
use crate::helpers::names::split_words;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds cross-window messaging that trusts every origin:
    /// - `postMessage(data, "*")` (or `{ targetOrigin: "*" }`), which hands the data to whatever
    ///   page the target window shows now;
    /// - trusted-origin sets or lists that contain `"*"` in files that post or receive messages;
    /// - `message` event handlers on `window` that read `event.data` without ever looking at
    ///   `event.origin` (handlers that pass the whole event to another function are assumed to
    ///   check it there).
    ///
    /// ## Why is this bad?
    /// Any page can message any window it holds a reference to. A handler that does not check
    /// the sender's origin executes commands from attacker pages; a message posted to `"*"` can
    /// be read by a page the frame was navigated to.
    ///
    /// ## Example
    /// ```ts
    /// const trustedOrigins = new Set(["*"]);
    /// window.addEventListener("message", (event) => dispatch(event.data.type, event.data));
    /// frame.contentWindow.postMessage(state, "*");
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// const trustedOrigins = new Set(config.appOrigins);
    /// window.addEventListener("message", (event) => {
    ///   if (!trustedOrigins.has(event.origin)) return;
    ///   dispatch(event.data.type, event.data);
    /// });
    /// frame.contentWindow.postMessage(state, appOrigin);
    /// ```
    pub(crate) struct PostmessageAnyOrigin {
        id: "postmessage-any-origin",
        area: Security,
        severity: Critical,
        since: "0.1.0",
        title: "Cross-window messages sent to or accepted from any origin",
        rationale: "Without an origin check any page can send commands to, or read messages from, the app.",
        fix: "Post to an explicit target origin and check `event.origin` against an allow-list.",
    }
}

impl Rule for PostmessageAnyOrigin {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript];
    const JS_KINDS: &'static [AstType] =
        &[AstType::CallExpression, AstType::NewExpression, AstType::ArrayExpression, AstType::AssignmentExpression];
    const NEEDLES: &'static [&'static str] = &["postMessage", "message"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        match node.kind() {
            AstKind::CallExpression(call) => match js::method_name(call).or_else(|| call.callee_name()) {
                Some("postMessage") => {
                    let Some(target) = js::arg(call, 1) else { return };
                    let wildcard = is_star(target)
                        || matches!(js::inner(target), Expression::ObjectExpression(options)
                            if js::object_property(options, "targetOrigin").is_some_and(is_star));
                    if wildcard {
                        ctx.report(
                            target.span(),
                            "`postMessage` with target origin `\"*\"` sends the data to any page",
                        );
                    }
                }
                Some("addEventListener") => {
                    let is_message = js::arg(call, 0).and_then(js::static_string).is_some_and(|t| t == "message");
                    if !is_message
                        || !listens_on_window(ctx, call.callee.get_member_expr().map(MemberExpression::object))
                    {
                        return;
                    }
                    if let Some(handler) = js::arg(call, 1) {
                        check_handler(ctx, handler, call.span);
                    }
                }
                _ => {}
            },
            // window.onmessage = (event) => …
            AstKind::AssignmentExpression(assignment) => {
                let AssignmentTarget::StaticMemberExpression(member) = &assignment.left else { return };
                if member.property.name == "onmessage" && listens_on_window(ctx, Some(&member.object)) {
                    check_handler(ctx, &assignment.right, assignment.span);
                }
            }
            // new Set(["*"]) bound to an origin allow-list.
            AstKind::NewExpression(new) => {
                let is_set = matches!(&new.callee, Expression::Identifier(id) if id.name == "Set");
                let Some(Expression::ArrayExpression(array)) = new.arguments.first().and_then(|a| a.as_expression())
                else {
                    return;
                };
                if is_set && contains_star(array.elements.iter()) && names_origins(ctx, node) && uses_messaging(ctx) {
                    ctx.report(
                        new.span,
                        "Trusted-origin set contains `\"*\"`, so messages from any origin are trusted",
                    );
                }
            }
            AstKind::ArrayExpression(array) => {
                let parent = ctx.parent(node);
                if matches!(parent.kind(), AstKind::NewExpression(_)) {
                    return;
                }
                if contains_star(array.elements.iter()) && names_origins(ctx, node) && uses_messaging(ctx) {
                    ctx.report(
                        array.span,
                        "Trusted-origin list contains `\"*\"`, so messages from any origin are trusted",
                    );
                }
            }
            _ => {}
        }
    }
}

fn is_star(expr: &Expression<'_>) -> bool {
    js::static_string(expr).is_some_and(|s| s == "*")
}

fn contains_star<'e, 'a: 'e>(mut elements: impl Iterator<Item = &'e ArrayExpressionElement<'a>>) -> bool {
    elements.any(|element| element.as_expression().is_some_and(is_star))
}

/// Whether the collection at `node` is bound to a name about origins (`trustedOrigins`,
/// `ALLOWED_ORIGINS`, `{ origins: [...] }`).
fn names_origins<'a>(ctx: &JsContext<'a, '_>, node: &AstNode<'a>) -> bool {
    let mut current = ctx.parent(node);
    if matches!(current.kind(), AstKind::NewExpression(_)) {
        current = ctx.parent(current);
    }
    let name = match current.kind() {
        AstKind::VariableDeclarator(declarator) => declarator.id.get_identifier_name().map(|n| n.to_string()),
        AstKind::ObjectProperty(property) => property.key.static_name().map(|n| n.to_string()),
        AstKind::PropertyDefinition(property) => property.key.static_name().map(|n| n.to_string()),
        AstKind::AssignmentExpression(assignment) => match &assignment.left {
            AssignmentTarget::StaticMemberExpression(member) => Some(member.property.name.to_string()),
            AssignmentTarget::AssignmentTargetIdentifier(id) => Some(id.name.to_string()),
            _ => None,
        },
        _ => None,
    };
    name.is_some_and(|name| split_words(&name).iter().any(|w| w == "origin" || w == "origins"))
}

/// Whether the file posts or receives cross-window messages at all.
fn uses_messaging(ctx: &JsContext<'_, '_>) -> bool {
    let text = ctx.file.text;
    text.contains("postMessage")
        || text.contains("onmessage")
        || text.contains("'message'")
        || text.contains("\"message\"")
}

/// Whether a `message` listener is on the window: `window.…`, `globalThis.…`, or a bare call
/// outside worker files (a worker's `self` receives only its owner's messages).
fn listens_on_window(ctx: &JsContext<'_, '_>, object: Option<&Expression<'_>>) -> bool {
    match object.map(js::inner) {
        Some(Expression::Identifier(id)) => matches!(id.name.as_str(), "window" | "globalThis"),
        None => !ctx.file.path.to_ascii_lowercase().contains("worker"),
        _ => false,
    }
}

/// Reports a handler that reads the message data but never the sender's origin.
fn check_handler<'a>(ctx: &mut JsContext<'a, '_>, handler: &Expression<'a>, span: Span) {
    let semantic = ctx.semantic;
    let params = match js::inner(handler) {
        Expression::ArrowFunctionExpression(arrow) => Some(&*arrow.params),
        Expression::FunctionExpression(function) => Some(&*function.params),
        Expression::Identifier(_) => resolve_function_params(semantic, handler),
        _ => None,
    };
    let Some(params) = params else { return };
    let Some(first) = params.items.first() else { return };
    let usage = match &first.pattern {
        BindingPattern::BindingIdentifier(id) => id.symbol_id.get().map(|symbol| event_usage(semantic, symbol)),
        BindingPattern::ObjectPattern(object) => {
            let has = |name: &str| object.properties.iter().any(|p| p.key.static_name().is_some_and(|k| k == name));
            Some(Usage {
                reads_data: has("data"),
                checks_origin: has("origin") || has("source") || object.rest.is_some(),
            })
        }
        _ => None,
    };
    if usage.is_some_and(|u| u.reads_data && !u.checks_origin) {
        ctx.report(span, "`message` handler reads `event.data` without checking `event.origin`");
    }
}

struct Usage {
    reads_data: bool,
    checks_origin: bool,
}

/// How a handler uses its event parameter: whether it reads `.data`, and whether it looks at
/// `.origin`/`.source`, destructures them, or passes the whole event on (assumed checked).
fn event_usage(semantic: &Semantic<'_>, symbol: shipready_lang::oxc::syntax::symbol::SymbolId) -> Usage {
    let mut usage = Usage { reads_data: false, checks_origin: false };
    for reference in semantic.scoping().get_resolved_references(symbol) {
        let parent = semantic.nodes().parent_node(reference.node_id());
        match parent.kind() {
            AstKind::StaticMemberExpression(member) => match member.property.name.as_str() {
                "data" => usage.reads_data = true,
                "origin" | "source" => usage.checks_origin = true,
                _ => {}
            },
            // `event[key]`, or the whole event passed on: assume it is checked there.
            AstKind::ComputedMemberExpression(_) | AstKind::CallExpression(_) | AstKind::NewExpression(_) => {
                usage.checks_origin = true;
            }
            AstKind::VariableDeclarator(declarator) => match &declarator.id {
                BindingPattern::ObjectPattern(object) => {
                    let has =
                        |name: &str| object.properties.iter().any(|p| p.key.static_name().is_some_and(|k| k == name));
                    usage.reads_data |= has("data");
                    usage.checks_origin |= has("origin") || has("source") || object.rest.is_some();
                }
                _ => usage.checks_origin = true,
            },
            _ => {}
        }
    }
    usage
}

/// The parameters of the function a handler identifier names, if declared in this file.
fn resolve_function_params<'s, 'a>(
    semantic: &'s Semantic<'a>,
    expr: &Expression<'a>,
) -> Option<&'s FormalParameters<'a>> {
    let Expression::Identifier(ident) = js::inner(expr) else { return None };
    match js::declaration_of(semantic, ident)?.kind() {
        AstKind::Function(function) => Some(&function.params),
        AstKind::VariableDeclarator(declarator) => match declarator.init.as_ref().map(js::inner) {
            Some(Expression::ArrowFunctionExpression(arrow)) => Some(&arrow.params),
            Some(Expression::FunctionExpression(function)) => Some(&function.params),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::PostmessageAnyOrigin;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("src/embed.ts", "frame.contentWindow.postMessage(state, 'https://app.example.com');"),
            ("src/embed.ts", "window.parent.postMessage(state, targetOrigin);"),
            ("src/worker.ts", "worker.postMessage(data, [buffer]);"),
            (
                "src/embed.ts",
                "window.addEventListener('message', (event) => {\n  if (!allowed.has(event.origin)) return;\n  handle(event.data);\n});",
            ),
            (
                "src/embed.ts",
                "window.addEventListener('message', ({ data, origin }) => {\n  if (origin !== APP) return;\n  run(data);\n});",
            ),
            ("src/embed.ts", "window.addEventListener('message', (event) => router.dispatch(event));"),
            (
                "src/embed.ts",
                "function onMessage(e) {\n  if (e.origin !== host) return;\n  apply(e.data);\n}\nwindow.addEventListener('message', onMessage);",
            ),
            ("src/embed.ts", "window.addEventListener('resize', (event) => layout(event.data));"),
            ("src/ws.ts", "socket.addEventListener('message', (event) => apply(JSON.parse(event.data)));"),
            ("src/compute.worker.ts", "addEventListener('message', (e) => postMessage(run(e.data)));"),
            // Origin lists in files that do no messaging are CORS config, not this check.
            ("src/server.ts", "const allowedOrigins = ['*'];\napp.use(cors({ origin: allowedOrigins }));"),
            (
                "src/embed.ts",
                "const trustedOrigins = new Set(['https://a.example']);\nwindow.parent.postMessage(x, 'https://a.example');",
            ),
            ("src/embed.test.ts", "frame.contentWindow.postMessage(state, '*');"),
        ];
        let fail = [
            (
                "packages/web-platform/src/core/PostMessageRouter.ts",
                "export class PostMessageRouter {\n  private trustedOrigins = new Set(['*']);\n  send(w: Window, m: unknown) { w.postMessage(m, this.target); }\n}",
            ),
            ("src/embed.ts", "frame.contentWindow.postMessage(state, '*');"),
            ("src/embed.ts", "window.parent.postMessage({ type: 'ready' }, \"*\");"),
            ("src/embed.ts", "target.postMessage(state, { targetOrigin: '*' });"),
            (
                "src/embed.ts",
                "window.addEventListener('message', (event) => {\n  dispatch(event.data.type, event.data.payload);\n});",
            ),
            ("src/embed.js", "window.addEventListener('message', function (e) { run(e.data); });"),
            ("src/embed.ts", "window.onmessage = (msg) => store.apply(msg.data);"),
            (
                "src/embed.ts",
                "const handle = (e: MessageEvent) => { apply(e.data); };\nwindow.addEventListener('message', handle);",
            ),
            ("src/embed.ts", "window.addEventListener('message', ({ data }) => run(data));"),
            (
                "src/embed.ts",
                "const config = { allowedOrigins: ['*'] };\nwindow.addEventListener('message', onMessage);",
            ),
        ];
        Tester::new::<PostmessageAnyOrigin>(pass, fail).test_and_snapshot();
    }
}
