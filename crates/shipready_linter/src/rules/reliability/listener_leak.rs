use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{CallExpression, Expression, ObjectPropertyKind, Statement};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;

use crate::context::JsContext;
use crate::declare_rule;
use crate::helpers::js;
use crate::helpers::names::split_words;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds listeners and subscriptions that are added again every time some code runs, to
    /// objects that outlive that code, with no matching removal in the module:
    /// `window.addEventListener(...)`, `document.addEventListener(...)`, `process.on(...)`,
    /// `emitter.on(...)` / `.addListener(...)` on a module-level or imported emitter, and
    /// `store.subscribe(...)` whose unsubscribe handle is thrown away. "Again every time" means:
    /// in a `useEffect` callback that returns no cleanup, in a React component's body, in a class
    /// method, in the handler of another event (`wss.on('connection', …)`), or, for Node
    /// emitters, in a named function.
    ///
    /// Stays silent when the module removes the same event (`removeEventListener`, `.off`,
    /// `.removeListener`, `.removeAllListeners`) or unsubscribes, for `{ once: true }` and
    /// `{ signal }` options, for `.once`, for events that fire once (`DOMContentLoaded`, `load`,
    /// `SIGTERM`, `exit`…), for listeners added at module top level, in code that runs once (an
    /// IIFE, a promise callback, a constructor, a factory, functions named `init`, `setup`,
    /// `main`, `bootstrap`, `start`, `create`…), on objects created inside the function (a
    /// request, a socket: they are collected with their listeners), when the handle is kept, and
    /// for calls that pass nothing that could be a listener (`comms.subscribe({ client, topic })`,
    /// only literals and plain objects: a request, not a registration).
    ///
    /// This check is a heuristic: it does not know how often a function runs.
    ///
    /// ## Why is this bad?
    /// Every call adds one more listener that is never removed: the callback, and everything it
    /// closes over, stays reachable from a long-lived object. Components that mount and unmount,
    /// or handlers that run per request, pile up listeners until memory grows without bound and
    /// each event fires hundreds of stale callbacks (Node warns at 11).
    ///
    /// ## Example
    /// ```tsx
    /// useEffect(() => {
    ///   window.addEventListener("resize", onResize);
    /// }, []);
    /// ```
    ///
    /// ## Use instead
    /// ```tsx
    /// useEffect(() => {
    ///   window.addEventListener("resize", onResize);
    ///   return () => window.removeEventListener("resize", onResize);
    /// }, []);
    /// ```
    ///
    /// ## Known limitations
    /// A removal for the same event anywhere in the module counts, even if it removes a
    /// different listener. Emitters reached through `this` or function parameters are not
    /// followed.
    pub(crate) struct ListenerLeak {
        id: "listener-leak",
        area: Reliability,
        severity: Low,
        since: "0.1.0",
        heuristic: true,
        title: "Listener or subscription added without removal",
        rationale: "Listeners added on every call and never removed keep their closures alive and pile up on long-lived objects.",
        fix: "Remove the listener (or unsubscribe) when the component unmounts or the work is done, or pass `{ once: true }` or an `AbortSignal`.",
    }
}

/// Global objects that live as long as the page or process.
const GLOBALS: &[&str] = &["window", "document", "process", "globalThis", "self", "navigator", "screen"];
/// First words of functions that run once by convention.
const RUN_ONCE: &[&str] = &[
    "init",
    "initialize",
    "setup",
    "main",
    "bootstrap",
    "boot",
    "start",
    "install",
    "configure",
    "register",
    "mount",
    "listen",
    "ready",
    "run",
    "create",
];

impl Rule for ListenerLeak {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const NEEDLES: &'static [&'static str] = &["addEventListener", ".on(", "addListener", ".subscribe("];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        let Some(method @ ("addEventListener" | "on" | "addListener" | "subscribe")) = js::method_name(call) else {
            return;
        };
        let Some(receiver) = js::method_receiver(call) else { return };
        if !call.arguments.iter().any(|argument| argument.as_expression().is_some_and(may_be_callable)) {
            return;
        }
        if js::enclosing_function(ctx.nodes(), node).is_none() || !long_lived(receiver, ctx) {
            return;
        }
        let event = js::arg(call, 0).and_then(js::static_string);
        if event.as_deref().is_some_and(|event| ONCE_EVENTS.contains(&event)) {
            return;
        }
        let browser_global = is_browser_global(receiver);
        let Some(place) = repeated_context(node, browser_global, ctx) else { return };
        let text = ctx.file.text;
        match method {
            "addEventListener" => {
                if has_once_or_signal(call, ctx) || removes(text, &["removeEventListener"], event.as_deref()) {
                    return;
                }
            }
            "on" | "addListener" => {
                if handle_kept(node, ctx)
                    || removes(text, &[".off(", "removeListener", "removeAllListeners"], event.as_deref())
                {
                    return;
                }
            }
            _ => {
                if handle_kept(node, ctx) || text.contains("unsubscribe") {
                    return;
                }
            }
        }
        let receiver = js::dotted_path(receiver).unwrap_or_else(|| "emitter".to_string());
        let event = event.map_or_else(String::new, |event| format!("('{event}')"));
        let what = if method == "subscribe" { "never unsubscribed" } else { "never removed" };
        ctx.report(call.span, format!("`{receiver}.{method}{event}` {place} is {what}"));
    }
}

/// Events that fire once per page or process, so a listener for them cannot pile up.
const ONCE_EVENTS: &[&str] = &[
    "DOMContentLoaded",
    "load",
    "unload",
    "beforeunload",
    "SIGINT",
    "SIGTERM",
    "SIGHUP",
    "SIGUSR1",
    "SIGUSR2",
    "SIGBREAK",
    "SIGQUIT",
    "exit",
    "beforeExit",
    "uncaughtException",
    "unhandledRejection",
    "ready",
    "listening",
    "close",
];

/// Whether an argument may be the listener: anything but a literal, a template, an array or an
/// object literal without functions in it (`subscribe({ user, client, topic })` sends a request,
/// `subscribe({ next: (v) => … })` registers an observer).
fn may_be_callable(argument: &Expression<'_>) -> bool {
    match js::inner(argument) {
        Expression::StringLiteral(_)
        | Expression::TemplateLiteral(_)
        | Expression::NumericLiteral(_)
        | Expression::BooleanLiteral(_)
        | Expression::NullLiteral(_)
        | Expression::ArrayExpression(_)
        | Expression::ThisExpression(_) => false,
        Expression::ObjectExpression(object) => object.properties.iter().any(|property| match property {
            ObjectPropertyKind::ObjectProperty(property) => {
                property.method
                    || matches!(
                        js::inner(&property.value),
                        Expression::FunctionExpression(_) | Expression::ArrowFunctionExpression(_)
                    )
                    || js::property_key_name(&property.key).is_some_and(|key| {
                        matches!(key.as_ref(), "next" | "error" | "complete" | "handler" | "callback" | "listener")
                    })
            }
            ObjectPropertyKind::SpreadProperty(_) => true,
        }),
        _ => true,
    }
}

/// `window`, `document` and their members: page-lifetime objects of a browser script.
fn is_browser_global(receiver: &Expression<'_>) -> bool {
    let mut root = js::inner(receiver);
    while let Expression::StaticMemberExpression(member) = root {
        root = js::inner(&member.object);
    }
    matches!(root, Expression::Identifier(ident) if matches!(ident.name.as_str(), "window" | "document"))
}

/// Where a listener is added so that it is added again and again, as the message says it:
/// a `useEffect` without cleanup, a React component's render, a class method, a handler of
/// another event, or a named function that does not run once by convention. `None` when the
/// code around it probably runs once (an IIFE, a promise callback, `init()`, a constructor).
fn repeated_context<'a>(node: &AstNode<'a>, browser_global: bool, ctx: &JsContext<'a, '_>) -> Option<String> {
    let nodes = ctx.nodes();
    // React effects: the callback runs on every mount (or every render without deps).
    for ancestor in ctx.ancestors(node) {
        let AstKind::CallExpression(call) = ancestor.kind() else { continue };
        if !matches!(call.callee_name(), Some("useEffect" | "useLayoutEffect" | "useInsertionEffect")) {
            continue;
        }
        let cleaned = js::arg(call, 0).and_then(js::function_body).is_some_and(|body| {
            body.statements
                .iter()
                .any(|statement| matches!(statement, Statement::ReturnStatement(ret) if ret.argument.is_some()))
        });
        return (!cleaned).then(|| "in a `useEffect` without cleanup".to_string());
    }
    let function = js::enclosing_function(nodes, node)?;
    let Some(name) = js::function_name(nodes, function) else {
        // An anonymous handler of another event runs once per event.
        let AstKind::CallExpression(outer) = nodes.parent_kind(function.id()) else { return None };
        let outer_method = js::method_name(outer)?;
        if !matches!(outer_method, "on" | "addListener" | "addEventListener" | "subscribe") {
            return None;
        }
        let outer_event = js::arg(outer, 0).and_then(js::static_string);
        if outer_event.as_deref().is_some_and(|event| ONCE_EVENTS.contains(&event)) {
            return None;
        }
        return Some(
            outer_event
                .map_or_else(|| format!("in a `{outer_method}` handler"), |event| format!("in a `{event}` handler")),
        );
    };
    if runs_once(function, ctx) {
        return None;
    }
    let method = matches!(nodes.parent_kind(function.id()), AstKind::MethodDefinition(_));
    let pascal = name.starts_with(|c: char| c.is_ascii_uppercase());
    let jsx = ctx.file.path.ends_with(".jsx") || ctx.file.path.ends_with(".tsx");
    if pascal {
        // A PascalCase function is a React component in JSX files, a constructor or factory
        // (called once per instance) elsewhere.
        return jsx.then(|| format!("in component `{name}`"));
    }
    if browser_global && !method {
        return None;
    }
    Some(format!("in `{name}`"))
}

/// Whether the object listened to outlives the function: a global, or a module-level or imported
/// binding (or a member of one).
fn long_lived<'a>(receiver: &Expression<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let mut root = js::inner(receiver);
    while let Expression::StaticMemberExpression(member) = root {
        root = js::inner(&member.object);
    }
    // `getStore().subscribe(...)` and the like: a singleton accessor.
    let Expression::Identifier(ident) = root else { return false };
    match js::declaration_of(ctx.semantic, ident) {
        None => GLOBALS.contains(&ident.name.as_str()),
        Some(declaration) => {
            let scope = declaration.scope_id();
            matches!(
                declaration.kind(),
                AstKind::ImportDefaultSpecifier(_) | AstKind::ImportSpecifier(_) | AstKind::ImportNamespaceSpecifier(_)
            ) || (scope == ctx.semantic.scoping().root_scope_id()
                && matches!(declaration.kind(), AstKind::VariableDeclarator(_)))
        }
    }
}

/// Whether the listener is added by a function that runs once by convention.
fn runs_once<'a>(function: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let mut current = Some(function);
    while let Some(function) = current {
        if let Some(name) = js::function_name(ctx.nodes(), function)
            && split_words(&name).first().is_some_and(|word| RUN_ONCE.contains(&word.as_str()))
        {
            return true;
        }
        // `constructor() {}` of a class: one listener per instance, like the instance's own.
        if matches!(ctx.nodes().parent_kind(function.id()), AstKind::MethodDefinition(method) if method.kind.is_constructor())
        {
            return true;
        }
        current = js::enclosing_function(ctx.nodes(), function);
    }
    false
}

/// `{ once: true }` or `{ signal }` as the options of `addEventListener`.
fn has_once_or_signal<'a>(call: &CallExpression<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let Some(options) = js::arg(call, 2) else { return false };
    match js::resolve_object(ctx.semantic, options) {
        Some(options) => {
            js::has_spread(options)
                || js::object_property(options, "once").is_some_and(js::is_true)
                || js::object_property(options, "signal").is_some()
        }
        // `true` (capture) says nothing; a variable may carry a signal.
        None => !matches!(js::inner(options), Expression::BooleanLiteral(_)),
    }
}

/// Whether the call's result is kept (assigned, returned, passed on), so the caller can remove
/// the listener or unsubscribe later.
fn handle_kept<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    !matches!(ctx.parent(node).kind(), AstKind::ExpressionStatement(_))
}

/// Whether the module removes a listener for `event` (any event if the removal's event cannot
/// be read) with one of `methods`.
fn removes(text: &str, methods: &[&str], event: Option<&str>) -> bool {
    methods.iter().any(|method| {
        text.match_indices(method).any(|(start, _)| {
            let Some(event) = event else { return true };
            let rest = &text[start + method.len()..];
            let rest = rest.trim_start_matches('(').trim_start();
            match rest.chars().next() {
                Some(quote @ ('\'' | '"' | '`')) => {
                    let inner = &rest[1..];
                    inner.split(quote).next().is_some_and(|removed| removed == event)
                }
                _ => true,
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::ListenerLeak;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            (
                "src/Chart.tsx",
                "export function Chart() {\n  useEffect(() => {\n    window.addEventListener('resize', onResize);\n    return () => window.removeEventListener('resize', onResize);\n  }, []);\n}",
            ),
            (
                "src/Chart.tsx",
                "export function Chart() {\n  useEffect(() => {\n    window.addEventListener('resize', onResize);\n    return cleanup;\n  }, []);\n}",
            ),
            (
                "src/Chart.tsx",
                "export function Chart() {\n  useEffect(() => {\n    window.addEventListener('resize', onResize, { signal: controller.signal });\n  }, []);\n}",
            ),
            ("src/page.ts", "export function track() { window.addEventListener('load', onLoad, { once: true }); }"),
            ("src/page.ts", "window.addEventListener('error', report);"),
            ("src/page.js", "(function () {\n  document.addEventListener('keyup', onKey);\n})();"),
            ("src/page.js", "function ready(fn) { document.addEventListener('DOMContentLoaded', fn); }"),
            ("src/page.js", "ready(function () { document.addEventListener('keyup', onKey); });"),
            ("src/theme.js", "function dropdown() { window.addEventListener('resize', onResize); }"),
            ("src/boot.ts", "export function init() { process.on('SIGTERM', shutdown); }"),
            ("src/boot.ts", "export function bootGhost() { process.on('unhandledRejection', log); }"),
            ("src/boot.js", "start().then(function () { process.on('message', onMessage); });"),
            ("src/server.ts", "export function handle(req, res) { req.on('data', (c) => chunks.push(c)); }"),
            (
                "src/bus.ts",
                "import { bus } from './bus';\nexport function watch(h) { bus.on('change', h); }\nexport function unwatch(h) { bus.off('change', h); }",
            ),
            (
                "src/store.ts",
                "import { store } from './store';\nexport function watch(h) { const unsubscribe = store.subscribe(h); return unsubscribe; }",
            ),
            ("src/bus.ts", "import { bus } from './bus';\nexport function watch(h) { bus.once('ready', h); }"),
            (
                "src/node.js",
                "const events = require('./events');\nfunction MyNode(config) {\n  events.on('flows:started', handler);\n  this.on('close', () => events.removeListener('flows:started', handler));\n}",
            ),
            (
                "src/members.js",
                "const DomainEvents = require('./events');\nfunction MembersAPI() { DomainEvents.subscribe(EmailEvent, onEmail); }",
            ),
            ("src/a.ts", "class Widget {\n  constructor(el) { window.addEventListener('resize', this.onResize); }\n}"),
            ("src/a.test.ts", "export function t() { window.addEventListener('resize', h); }"),
            // Seen on real code (node-red): a call named `subscribe` that takes no listener.
            (
                "lib/editor/comms.js",
                "const runtimeAPI = require('./runtime');
CommsConnection.prototype.subscribe = function(topic) {
    runtimeAPI.comms.subscribe({
        user: this.user,
        client: this,
        topic: topic
    });
};
",
            ),
            (
                "src/bus.ts",
                "import { bus } from './bus';
export function announce(name) { bus.on('change', 'log'); }",
            ),
        ];
        let fail = [
            (
                "src/Chart.tsx",
                "export function Chart() {\n  useEffect(() => {\n    window.addEventListener('resize', onResize);\n  }, []);\n}",
            ),
            (
                "src/Chart.tsx",
                "export function Chart() {\n  window.addEventListener('resize', onResize);\n  return <div />;\n}",
            ),
            (
                "src/Chart.jsx",
                "class Chart extends React.Component {\n  componentDidMount() { window.addEventListener('resize', this.onResize); }\n}",
            ),
            (
                "src/InterApplicationBus.ts",
                "import { bus } from './bus';\nexport function connect(topic, handler) {\n  bus.subscribe(topic, handler);\n}",
            ),
            (
                "src/watch.ts",
                "import { emitter } from './emitter';\nexport function watch(h) { emitter.on('change', h); }",
            ),
            (
                "src/watch.ts",
                "import { emitter } from './emitter';\nexport function watch(h) { emitter.on('change', h); }\nexport function unwatch(h) { emitter.off('update', h); }",
            ),
            (
                "src/handler.js",
                "const EventEmitter = require('events');\nconst hub = new EventEmitter();\nfunction onRequest(req) { hub.on('tick', () => send(req)); }",
            ),
            (
                "src/ws.js",
                "const bus = require('./bus');\nwss.on('connection', (ws) => {\n  bus.on('message', (m) => ws.send(m));\n});",
            ),
            (
                "src/feed.ts",
                "import { feed$ } from './feed';\nexport function watch(el) { feed$.subscribe({ next: (v) => render(el, v) }); }",
            ),
        ];
        Tester::new::<ListenerLeak>(pass, fail).test_and_snapshot();
    }
}
