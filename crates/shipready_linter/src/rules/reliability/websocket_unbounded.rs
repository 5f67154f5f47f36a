use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{Expression, NewExpression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds WebSocket servers that accept any number of connections, or messages of any size:
    /// - `ws`: `new WebSocketServer({...})` / `new WebSocket.Server({...})` without `maxPayload`
    ///   (the default is 100 MiB per message);
    /// - socket.io: `new Server(httpServer, {...})` / `require('socket.io')(server)` (its 1 MB
    ///   `maxHttpBufferSize` default is a payload limit, so only the connection cap is asked for);
    /// - Python `websockets.serve(handler, host, port)` (and `max_size=None`, which lifts its
    ///   1 MiB default);
    ///
    /// when the module also never caps connections: no `verifyClient`/`allowRequest` option and
    /// no connection count checked (`wss.clients.size`, `io.engine.clientsCount`, a
    /// `MAX_CONNECTIONS` constant, `len(connections)`). The message names what is missing.
    ///
    /// FastAPI/Starlette `@app.websocket(...)` handlers are not covered.
    ///
    /// ## Why is this bad?
    /// Every open socket holds memory, a file descriptor and usually a subscription. Without a
    /// cap, a burst of clients (or one client opening sockets in a loop) exhausts the process;
    /// without a payload limit a single 100 MB frame is buffered in memory before any handler
    /// can refuse it.
    ///
    /// ## Example
    /// ```ts
    /// const wss = new WebSocketServer({ server });
    /// wss.on("connection", (ws) => { … });
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// const MAX_CONNECTIONS = 1000;
    /// const wss = new WebSocketServer({ server, maxPayload: 64 * 1024 });
    /// wss.on("connection", (ws) => {
    ///   if (wss.clients.size > MAX_CONNECTIONS) return ws.close(1013, "server busy");
    ///   …
    /// });
    /// ```
    ///
    /// ## Known limitations
    /// A cap enforced by a proxy or load balancer in front of the process is not seen. The
    /// connection count is looked for by name anywhere in the module.
    pub(crate) struct WebsocketUnbounded {
        id: "websocket-unbounded",
        area: Reliability,
        severity: Medium,
        since: "0.1.0",
        title: "WebSocket server without payload limit or connection cap",
        rationale: "A WebSocket server with no connection cap or payload limit can be exhausted by one client or a burst of them.",
        fix: "Set a payload limit (`maxPayload`, `maxHttpBufferSize`, `max_size`) and reject connections above a fixed cap.",
    }
}

impl Rule for WebsocketUnbounded {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::NewExpression, AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const NEEDLES: &'static [&'static str] = &["ws", "socket.io", "websockets"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let (kind, callee, options, span) = match node.kind() {
            AstKind::NewExpression(new) => {
                let Some(kind) = js_server_kind(new, ctx) else { return };
                let options = match kind {
                    Kind::Ws => new.arguments.first(),
                    // `new Server(httpServer, options)` or `new Server(options)`/`new Server(port)`.
                    Kind::SocketIo => new.arguments.iter().rev().find(|arg| {
                        arg.as_expression().is_some_and(|expr| js::resolve_object(ctx.semantic, expr).is_some())
                    }),
                };
                (kind, format!("new {}", ctx.text_of(&new.callee)), options, new.span)
            }
            // `require('socket.io')(server, options)`, `socketio(server)`.
            AstKind::CallExpression(call) => {
                let socket_io = match js::inner(&call.callee) {
                    Expression::CallExpression(inner) => {
                        inner.common_js_require().is_some_and(|source| source.value == "socket.io")
                    }
                    Expression::Identifier(ident) => js::import_source(ctx.semantic, ident) == Some("socket.io"),
                    _ => false,
                };
                if !socket_io || call.arguments.is_empty() {
                    return;
                }
                let options = call.arguments.iter().rev().find(|arg| {
                    arg.as_expression().is_some_and(|expr| js::resolve_object(ctx.semantic, expr).is_some())
                });
                (Kind::SocketIo, "socket.io()".to_string(), options, call.span)
            }
            _ => return,
        };
        let options = match options.map(|arg| arg.as_expression()) {
            None => None,
            Some(None) => return,
            Some(Some(expr)) => match js::resolve_object(ctx.semantic, expr) {
                Some(object) if !js::has_spread(object) => Some(object),
                _ => return,
            },
        };
        let option = |name: &str| options.and_then(|object| js::object_property(object, name));
        let mut missing = Vec::new();
        if kind == Kind::Ws && option("maxPayload").is_none() {
            missing.push("`maxPayload` (the default is 100 MiB)");
        }
        let cap_option = option("verifyClient").is_some() || option("allowRequest").is_some();
        if !cap_option && !counts_connections(ctx.file.text) {
            missing.push("connection cap");
        }
        if missing.is_empty() {
            return;
        }
        let shown = if callee.ends_with(')') { callee } else { format!("{callee}()") };
        ctx.report(span, format!("`{shown}` sets no {}", missing.join(" and no ")));
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let Some(callee) = py::dotted_name(&call.func) else { return };
        let body = &ctx.module.body;
        let serve = match callee.as_str() {
            "websockets.serve" | "websockets.server.serve" | "websockets.asyncio.server.serve" => true,
            "serve" => ["websockets", "websockets.server", "websockets.asyncio.server"]
                .iter()
                .any(|module| py::imports_name_from(body, module, "serve")),
            _ => false,
        };
        if !serve || call.arguments.keywords.iter().any(|keyword| keyword.arg.is_none()) {
            return;
        }
        let mut missing = Vec::new();
        if py::keyword(call, "max_size").is_some_and(Expr::is_none_literal_expr) {
            missing.push("payload limit (`max_size=None` lifts it)");
        }
        if !counts_connections(ctx.file.text) && py::keyword(call, "process_request").is_none() {
            missing.push("connection cap");
        }
        if !missing.is_empty() {
            ctx.report(call.range(), format!("`{callee}()` sets no {}", missing.join(" and no ")));
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ws,
    SocketIo,
}

/// `new WebSocketServer(...)`, `new WebSocket.Server(...)` (ws), `new Server(...)` (socket.io).
fn js_server_kind<'a>(new: &NewExpression<'a>, ctx: &JsContext<'a, '_>) -> Option<Kind> {
    match js::inner(&new.callee) {
        Expression::Identifier(ident) => match (ident.name.as_str(), js::import_source(ctx.semantic, ident)?) {
            ("WebSocketServer" | "Server", "ws") => Some(Kind::Ws),
            (_, "socket.io") => Some(Kind::SocketIo),
            _ => None,
        },
        Expression::StaticMemberExpression(member) if member.property.name == "Server" => {
            match js::inner(&member.object) {
                Expression::Identifier(ident) => match js::import_source(ctx.semantic, ident)? {
                    "ws" => Some(Kind::Ws),
                    "socket.io" => Some(Kind::SocketIo),
                    _ => None,
                },
                Expression::CallExpression(call) => match call.common_js_require()?.value.as_str() {
                    "ws" => Some(Kind::Ws),
                    "socket.io" => Some(Kind::SocketIo),
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether the module counts or caps its connections somewhere.
fn counts_connections(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "clients.size",
        "clientscount",
        "connections.size",
        "sockets.size",
        "max_connections",
        "maxconnections",
        "max_conns",
        "maxconns",
        "max_clients",
        "maxclients",
        "connection_limit",
        "connectionlimit",
        "connectioncount",
        "connection_count",
        "len(connections",
        "len(self.connections",
        "len(clients",
        "len(self.clients",
        "len(connected",
        "len(self.connected",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::WebsocketUnbounded;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            (
                "src/ws.ts",
                "import { WebSocketServer } from 'ws';\nconst MAX_CONNECTIONS = 1000;\nconst wss = new WebSocketServer({ server, maxPayload: 65536 });\nwss.on('connection', (ws) => { if (wss.clients.size > MAX_CONNECTIONS) ws.close(1013); });",
            ),
            (
                "src/ws.ts",
                "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ server, maxPayload: 65536, verifyClient: (info, done) => done(count < LIMIT) });",
            ),
            ("src/ws.ts", "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer(options);"),
            ("src/ws.ts", "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ ...options });"),
            (
                "src/io.ts",
                "import { Server } from 'socket.io';\nconst io = new Server(httpServer, { maxHttpBufferSize: 1e6, allowRequest: (req, cb) => cb(null, io.engine.clientsCount < 1000) });",
            ),
            ("src/client.ts", "const socket = new WebSocket('wss://example.com');"),
            ("src/http.ts", "import { Server } from 'node:http';\nconst s = new Server(handler);"),
            (
                "app/ws.py",
                "import websockets\nconnections = set()\nMAX_CONNECTIONS = 100\n\nasync def main():\n    async with websockets.serve(handler, HOST, PORT, max_size=2**16):\n        await stop\n",
            ),
            (
                "app/ws.py",
                "import websockets\n\nasync def main():\n    async with websockets.serve(handler, **opts):\n        await stop\n",
            ),
            ("src/ws.test.ts", "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port });"),
        ];
        let fail = [
            (
                "src/ws.ts",
                "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ server });\nwss.on('connection', onConnection);",
            ),
            (
                "src/ws.js",
                "const WebSocket = require('ws');\nconst wss = new WebSocket.Server({ port: 8080, maxPayload: 1024 });",
            ),
            (
                "src/ws.js",
                "const WebSocket = require('ws');\nconst MAX_CONNECTIONS = 100;\nconst wss = new WebSocket.Server({ noServer: true });",
            ),
            (
                "src/io.ts",
                "import { Server } from 'socket.io';\nconst io = new Server(httpServer, { cors: { origin } });",
            ),
            ("src/io.js", "const io = require('socket.io')(server);"),
            (
                "app/ws.py",
                "import websockets\n\nasync def main():\n    async with websockets.serve(handler, HOST, PORT):\n        await stop\n",
            ),
            (
                "app/ws.py",
                "from websockets.server import serve\nMAX_CONNECTIONS = 10\nserver = serve(handler, HOST, PORT, max_size=None)\n",
            ),
        ];
        Tester::new::<WebsocketUnbounded>(pass, fail).test_and_snapshot();
    }
}
