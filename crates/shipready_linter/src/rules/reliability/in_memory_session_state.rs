use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{BindingPattern, UnaryOperator};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{AnyNodeRef, NodeKind, Stmt};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{Gate, JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds per-user state kept in the server process: module-level `Map`s, `Set`s and object
    /// literals in JS/TS, and `dict`s, `defaultdict`s and `set`s in Python, named for sessions,
    /// conversations, rate-limit counters, connections or online users (`active_conversations`,
    /// `sessions`, `rateLimits`, `requestCounts`, `loginAttempts`, `connectedClients`) that
    /// functions write to, in web-server code or code a server imports.
    ///
    /// External stores (a Redis client, a database session), constants that are never written
    /// after the module loads, and modules no server reaches stay silent. So do collections of
    /// live connections (`connections`, `sockets`, `connectedClients`), which hold socket objects
    /// no external store can keep, and, in JS/TS, collections whose entries a close or disconnect
    /// handler deletes (`socket.on('disconnect', () => sessions.delete(id))`): that state lives
    /// and dies with a connection, which a restart ends anyway.
    ///
    /// ## Why is this bad?
    /// Process memory is neither shared nor durable. With more than one worker or replica each
    /// one sees a different set of sessions and counters, so users are logged out at random and
    /// rate limits multiply by the worker count; every deploy or crash wipes the state.
    ///
    /// ## Example
    /// ```python
    /// active_conversations: dict[str, Conversation] = {}
    ///
    /// @router.post("/messages")
    /// async def receive(msg: Message):
    ///     active_conversations[msg.thread_id] = Conversation(msg)
    /// ```
    /// ```ts
    /// const requestCounts = new Map<string, number>();
    /// ```
    ///
    /// ## Use instead
    /// Keep the state in a shared store with expiry: Redis (`SET key value EX ttl`,
    /// `INCR` + `EXPIRE` for rate limits, Upstash's `@upstash/ratelimit`) or the database.
    ///
    /// ## Known limitations
    /// Only the name says what a collection holds. A single-worker deployment, where the state
    /// is merely lost on restart, is reported the same way.
    pub(crate) struct InMemorySessionState {
        id: "in-memory-session-state",
        area: Reliability,
        severity: Medium,
        since: "0.1.0",
        title: "Session or rate-limit state kept in process memory",
        rationale: "State in one process's memory diverges across workers and is lost on every restart.",
        fix: "Keep sessions, conversations, counters and connection state in a shared store such as Redis or the database.",
    }
}

impl Rule for InMemorySessionState {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::VariableDeclarator];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::StmtAssign, NodeKind::StmtAnnAssign];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::VariableDeclarator(declarator) = node.kind() else { return };
        let Some(collection) = js::module_collection(ctx.semantic, node) else { return };
        let Some(what) = session_state(collection.name) else { return };
        if !collection.written_in_function || js_cleared_on_disconnect(node, ctx) {
            return;
        }
        ctx.report_gated(
            declarator.span,
            Gate::ServerReachable,
            format!(
                "{what} `{}` live in a module-level {}: lost on restart and not shared between workers",
                collection.name,
                collection.kind.as_str()
            ),
        );
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        if ctx.parent().is_some() {
            return;
        }
        let Some(stmt) = ctx.module.body.iter().find(|stmt: &&Stmt| stmt.range() == node.range()) else { return };
        let Some(collection) = py::module_collection(ctx.module, stmt) else { return };
        // `_SESSION_DEFAULTS = {}`: an upper-case name is a constant by convention.
        let constant = collection.name.chars().all(|c| !c.is_ascii_lowercase());
        if collection.kind == py::CollectionKind::List || constant {
            return;
        }
        let Some(what) = session_state(collection.name) else { return };
        if !collection.written_in_function {
            return;
        }
        ctx.report_gated(
            stmt.range(),
            Gate::ServerReachable,
            format!(
                "{what} `{}` live in a module-level {}: lost on restart and not shared between workers",
                collection.name,
                collection.kind.as_str()
            ),
        );
    }
}

/// Words of an event or handler name that says a connection ended: `'close'`, `'disconnect'`,
/// `onClose`, `'comms:connection-removed'`.
fn names_disconnect(name: &str) -> bool {
    let words = split_words(name);
    let has = |list: &[&str]| words.iter().any(|word| list.contains(&word.as_str()));
    has(&["close", "closed", "disconnect", "disconnected", "disconnecting", "hangup", "leave"])
        || (has(&["connection", "socket", "client", "ws", "websocket"]) && has(&["removed", "lost", "end", "ended"]))
}

/// Whether a handler of a close or disconnect event deletes entries from the collection a
/// module-level declarator creates: `ws.on('close', () => clients.delete(id))`,
/// `events.on('comms:connection-removed', (opts) => { sessions.delete(opts.session) })`,
/// `function onDisconnect(id) { delete sessions[id] }`.
fn js_cleared_on_disconnect<'a>(declarator: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let AstKind::VariableDeclarator(declaration) = declarator.kind() else { return false };
    let BindingPattern::BindingIdentifier(binding) = &declaration.id else { return false };
    let Some(symbol) = binding.symbol_id.get() else { return false };
    let nodes = ctx.nodes();
    ctx.semantic.scoping().get_resolved_references(symbol).any(|reference| {
        let node = nodes.get_node(reference.node_id());
        let span = node.kind().span();
        let parent = nodes.parent_node(node.id());
        let grandparent = nodes.parent_kind(parent.id());
        let removes = match (parent.kind(), grandparent) {
            (AstKind::StaticMemberExpression(member), AstKind::CallExpression(call)) => {
                member.object.span() == span
                    && call.callee.span() == member.span
                    && matches!(member.property.name.as_str(), "delete" | "splice" | "clear")
            }
            (AstKind::ComputedMemberExpression(member), AstKind::UnaryExpression(unary)) => {
                member.object.span() == span && unary.operator == UnaryOperator::Delete
            }
            _ => false,
        };
        removes
            && nodes.ancestors(node.id()).any(|ancestor| {
                if !matches!(ancestor.kind(), AstKind::Function(_) | AstKind::ArrowFunctionExpression(_)) {
                    return false;
                }
                if js::function_name(nodes, ancestor).is_some_and(|name| names_disconnect(&name)) {
                    return true;
                }
                // `emitter.on('disconnect', handler)`
                let AstKind::CallExpression(call) = nodes.parent_kind(ancestor.id()) else { return false };
                matches!(js::method_name(call), Some("on" | "once" | "addEventListener" | "addListener"))
                    && js::arg(call, 0).and_then(js::static_string).is_some_and(|event| names_disconnect(&event))
            })
    })
}

/// Words that may follow what a collection holds without changing it (`sessionsById`,
/// `conversation_store`, `rate_limit_map`).
const SUFFIXES: &[&str] = &[
    "map", "store", "cache", "dict", "table", "list", "set", "data", "state", "states", "info", "registry", "index",
    "by", "id", "ids", "lookup", "tracker", "storage", "memory", "mem", "db", "tracking", "key", "ip",
];

/// What per-user state a name says a collection holds, if any: the last word that is not a
/// container suffix must name it (`active_conversations`, `rateLimits`, `requestCounts`,
/// `connectedClients`), so `_column_presence_cache` or `session_level_warned` do not count.
fn session_state(name: &str) -> Option<&'static str> {
    let mut words = split_words(name);
    while words.len() > 1 && words.last().is_some_and(|word| SUFFIXES.contains(&word.as_str())) {
        words.pop();
    }
    let has = |list: &[&str]| words.iter().any(|word| list.contains(&word.as_str()));
    match words.last()?.as_str() {
        "session" | "sessions" => Some("sessions"),
        "conversation" | "conversations" | "chats" => Some("conversations"),
        "ratelimit" | "ratelimits" | "limiter" | "limiters" | "attempts" => Some("rate-limit counters"),
        "limit" | "limits" if has(&["rate"]) => Some("rate-limit counters"),
        "count" | "counts" | "counter" | "counters" | "hits"
            if has(&["request", "requests", "ip", "ips", "client", "clients", "user", "users", "api", "login"]) =>
        {
            Some("rate-limit counters")
        }
        "users" if has(&["connected", "active", "online", "live", "logged"]) => Some("online users"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::InMemorySessionState;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            Case::from((
                "api/main.py",
                "from fastapi import FastAPI\napp = FastAPI()\nsessions = redis.Redis()\n\n@app.post('/x')\ndef x(sid):\n    sessions.set(sid, 1)\n",
            )),
            Case::from((
                "api/main.py",
                "from fastapi import FastAPI\napp = FastAPI()\nSESSION_DEFAULTS = {}\n\n@app.get('/x')\ndef x():\n    return SESSION_DEFAULTS.get('a')\n",
            )),
            Case::from((
                "api/main.py",
                "from fastapi import FastAPI\napp = FastAPI()\ncache = {}\n\n@app.post('/x')\ndef x(k):\n    cache[k] = 1\n",
            )),
            // No server reaches it.
            Case::from(("tools_lib/sessions.py", "sessions = {}\n\ndef start(sid):\n    sessions[sid] = 1\n")),
            Case::from((
                "src/server.ts",
                "import express from 'express';\nconst app = express();\nconst sessionStore = new RedisStore({ client });\napp.get('/', h);",
            )),
            Case::from((
                "src/server.ts",
                "import express from 'express';\nconst app = express();\nconst sessions = new Map();\napp.get('/', (req, res) => res.json(sessions.get(req.query.id)));",
            )),
            Case::from((
                "app/db.py",
                "from fastapi import FastAPI\napp = FastAPI()\n_column_presence_cache = {}\n\ndef check(table):\n    _column_presence_cache[table] = True\n",
            )),
            Case::from((
                "app/scorers.py",
                "from fastapi import FastAPI\napp = FastAPI()\n_SESSION_LEVEL_WARNED = set()\n\ndef warn(name):\n    _SESSION_LEVEL_WARNED.add(name)\n",
            )),
            Case::from((
                "app/redis.py",
                "from fastapi import FastAPI\napp = FastAPI()\n_connection_pool = {}\n\ndef get(url):\n    _connection_pool[url] = make(url)\n",
            )),
            Case::from((
                "tests/test_sessions.py",
                "from fastapi import FastAPI\napp = FastAPI()\nsessions = {}\n\ndef start(sid):\n    sessions[sid] = 1\n",
            )),
            // Seen on real code (node-red): live connections, and connection-scoped sessions that
            // a disconnect handler deletes.
            Case::from((
                "src/ws.ts",
                "import express from 'express';\nconst app = express();\nconst connectedClients = new Set();\napp.get('/', h);\nexport function onConnect(ws) { connectedClients.add(ws); }\nexport function onClose(ws) { connectedClients.delete(ws); }",
            )),
            Case::from((
                "lib/api/comms.js",
                "const express = require('express');\nconst app = express();\napp.get('/', h);\nvar connections = [];\nmodule.exports = {\n  addConnection: async function(opts) { connections.push(opts.client); },\n};\n",
            )),
            Case::from((
                "lib/multiplayer/index.js",
                "const express = require('express');\nconst app = express();\napp.get('/', h);\nconst sessions = new Map();\nmodule.exports = {\n  init: function(runtime) {\n    runtime.events.on('comms:connection-removed', (opts) => {\n      setTimeout(() => { sessions.delete(opts.session); }, 30000);\n    });\n    runtime.events.on('comms:message:multiplayer/connect', (opts) => {\n      sessions.set(opts.data.session, { active: true });\n    });\n  },\n};\n",
            )),
            Case::from((
                "src/io.js",
                "const express = require('express');\nconst app = express();\napp.get('/', h);\nconst sessions = {};\nio.on('connection', (socket) => {\n  sessions[socket.id] = { user: socket.user };\n  socket.on('disconnect', () => { delete sessions[socket.id]; });\n});\n",
            )),
        ];
        let fail = [
            // Deleted, but not when a connection ends: a session store.
            Case::from((
                "src/sessions.js",
                "const express = require('express');\nconst app = express();\nconst sessions = new Map();\napp.post('/login', (req, res) => { sessions.set(req.body.sid, req.body.user); });\napp.post('/logout', (req, res) => { sessions.delete(req.body.sid); });\n",
            )),
            Case::from((
                "api/routes/messages.py",
                "from fastapi import APIRouter\nrouter = APIRouter()\nactive_conversations: dict[str, object] = {}\n\n@router.post('/messages')\nasync def receive(thread_id: str):\n    active_conversations[thread_id] = object()\n",
            )),
            Case::project([
                ("api/main.py", "from fastapi import FastAPI\nfrom app import limits\napp = FastAPI()\n"),
                (
                    "app/limits.py",
                    "from collections import defaultdict\nrequest_counts = defaultdict(int)\n\ndef hit(ip):\n    request_counts[ip] += 1\n",
                ),
            ]),
            Case::from((
                "src/server.ts",
                "import express from 'express';\nconst app = express();\nconst rateLimits = new Map<string, number>();\napp.use((req, res, next) => { rateLimits.set(req.ip, (rateLimits.get(req.ip) ?? 0) + 1); next(); });",
            )),
            Case::from((
                "src/auth.js",
                "const express = require('express');\nconst app = express();\nconst sessions = {};\napp.post('/login', (req, res) => { sessions[req.body.sid] = req.body.user; res.end(); });",
            )),
            Case::from((
                "app/views.py",
                "from flask import Flask\napp = Flask(__name__)\nlogin_attempts = {}\n\n@app.post('/login')\ndef login():\n    login_attempts[request.remote_addr] = login_attempts.get(request.remote_addr, 0) + 1\n",
            )),
        ];
        Tester::new::<InMemorySessionState>(pass, fail).test_and_snapshot();
    }
}
