use shipready_lang::Language;
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{AnyNodeRef, NodeKind, Stmt};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds module-level collections that only grow: a `Map`, `Set`, `{}` or `[]` in JS/TS, a
    /// `dict`, `defaultdict`, `list`, `set` or unbounded `deque` in Python, that functions add
    /// to under keys that vary (`.set(k, v)`, `.add(x)`, `.push(x)`, `[k] = v`, `.append(x)`,
    /// `d[k] = v`) while nothing in the module ever deletes from it, clears it, pops from it,
    /// reassigns it or checks its size.
    ///
    /// Caches from libraries that bound themselves (`lru-cache`, `quick-lru`, `node-cache`,
    /// `cachetools`, `functools.lru_cache(maxsize=N)`) are not module-level literals and are
    /// never reported. Collections that are exported, passed to other functions or returned
    /// (whose size the module alone does not decide), constants filled only while the module
    /// loads, and registries (`handlers`, `plugins`, `routes`, or anything filled by a
    /// `register…`/`define…` function) stay silent.
    ///
    /// This check is a heuristic: it cannot know how many distinct keys a program will see, so it
    /// reports only keys named for per-request or per-entity values (`id`, `userId`, `session`,
    /// `url`, `key`, `token`, `prompt`…) and not for a small fixed domain (`language`, `model`,
    /// `name`, `type`, `path`…), lists named for accumulated data (`history`, `pending`,
    /// `results`), and in Python lower-case names (upper-case ones are constants by convention).
    /// "Warn once" records (`_warned`, `emitted_hints`) stay silent.
    ///
    /// ## Why is this bad?
    /// A long-running server keeps module state for its whole life. A map keyed by user,
    /// session, sandbox or request id that is never pruned grows with traffic until the
    /// process runs out of memory and restarts, losing everything in it.
    ///
    /// ## Example
    /// ```ts
    /// const sandboxes = new Map<string, Sandbox>();
    /// export async function getSandbox(id: string) {
    ///   if (!sandboxes.has(id)) sandboxes.set(id, await Sandbox.create());
    ///   return sandboxes.get(id)!;
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// import { LRUCache } from "lru-cache";
    /// const sandboxes = new LRUCache<string, Sandbox>({ max: 100, ttl: 15 * 60_000, dispose: (s) => s.kill() });
    /// ```
    ///
    /// ## Known limitations
    /// Removals made by other modules (through an exported function) are seen only when the
    /// collection itself escapes; a `delete` anywhere in the module is taken as enough bounding.
    pub(crate) struct UnboundedCache {
        id: "unbounded-cache",
        area: Reliability,
        severity: Medium,
        since: "0.1.0",
        heuristic: true,
        title: "Module-level cache that only grows",
        rationale: "A module-level map that is added to per request and never pruned grows until the process runs out of memory.",
        fix: "Bound it: use an LRU/TTL cache, delete entries when they are done, or cap its size.",
    }
}

/// Words in a collection's name that make it a registry filled once, at start-up.
const REGISTRY_WORDS: &[&str] = &[
    "register",
    "registry",
    "registered",
    "registration",
    "registrations",
    "plugin",
    "plugins",
    "handler",
    "handlers",
    "listener",
    "listeners",
    "hook",
    "hooks",
    "middleware",
    "middlewares",
    "route",
    "routes",
    "command",
    "commands",
    "type",
    "types",
    "schema",
    "schemas",
    "extension",
    "extensions",
    "provider",
    "providers",
    "factory",
    "factories",
    "module",
    "modules",
    "component",
    "components",
    "definition",
    "definitions",
    "rule",
    "rules",
    "validator",
    "validators",
    "formatter",
    "formatters",
    "serializer",
    "serializers",
    "parser",
    "parsers",
    "strategy",
    "strategies",
    "transformer",
    "transformers",
    "loader",
    "loaders",
    "driver",
    "drivers",
    "adapter",
    "adapters",
    "codec",
    "codecs",
    "callbacks",
    "subscribers",
    "tags",
    "options",
    "config",
    "settings",
    "aliases",
    "mixins",
    "helpers",
    "filters",
    "directives",
    "fields",
    "models",
    "migrations",
    "tests",
    "exports",
    "all",
];
/// First words of functions that fill registries, called once at start-up.
const REGISTERING_FUNCTIONS: &[&str] = &[
    "register",
    "define",
    "install",
    "init",
    "initialize",
    "setup",
    "configure",
    "plugin",
    "extend",
    "declare",
    "mixin",
    "bootstrap",
    "main",
];

/// Words in a key that make it per-request or per-entity data, which grows with traffic.
const ENTITY_WORDS: &[&str] = &[
    "id",
    "ids",
    "uuid",
    "guid",
    "user",
    "users",
    "session",
    "sid",
    "token",
    "url",
    "uri",
    "href",
    "request",
    "req",
    "ip",
    "email",
    "conversation",
    "chat",
    "thread",
    "sandbox",
    "client",
    "socket",
    "connection",
    "conn",
    "room",
    "channel",
    "message",
    "msg",
    "job",
    "run",
    "trace",
    "span",
    "order",
    "cart",
    "device",
    "tenant",
    "account",
    "customer",
    "hash",
    "digest",
    "query",
    "prompt",
    "text",
    "content",
    "input",
    "args",
    "arg",
    "params",
    "timer",
    "post",
    "doc",
    "document",
    "record",
    "row",
    "item",
    "event",
    "uid",
    "pid",
];
/// Words in a key that come from a small, fixed domain.
const BOUNDED_WORDS: &[&str] = &[
    "lang",
    "language",
    "locale",
    "model",
    "name",
    "type",
    "kind",
    "func",
    "function",
    "fn",
    "cls",
    "class",
    "module",
    "integration",
    "flavor",
    "provider",
    "namespace",
    "ns",
    "plugin",
    "feature",
    "env",
    "level",
    "code",
    "config",
    "option",
    "setting",
    "field",
    "attr",
    "column",
    "table",
    "schema",
    "dialect",
    "backend",
    "engine",
    "format",
    "mime",
    "ext",
    "extension",
    "method",
    "route",
    "hint",
    "scorer",
    "path",
    "file",
    "filename",
    "dir",
    "host",
    "port",
    "region",
    "bucket",
    "store",
    "stores",
    "spec",
    "warehouse",
    "cluster",
    "workspace",
    "instance",
    "endpoint",
    "server",
    "database",
    "db",
    "line",
];
/// Words in a list's name that make it an accumulation of runtime data.
const GROWING_LIST_WORDS: &[&str] = &[
    "history",
    "cache",
    "cached",
    "buffer",
    "pending",
    "requests",
    "responses",
    "results",
    "sessions",
    "conversations",
    "connections",
    "clients",
    "sockets",
    "subscribers",
];
/// Words in a set's or map's name that make it a "warn once" record, bounded by the code's messages.
const ONCE_WORDS: &[&str] = &[
    "warned",
    "warnings",
    "emitted",
    "logged",
    "reported",
    "shown",
    "printed",
    "deprecated",
    "deprecations",
    "unknown",
    "hints",
];

impl Rule for UnboundedCache {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::VariableDeclarator];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::StmtAssign, NodeKind::StmtAnnAssign];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::VariableDeclarator(declarator) = node.kind() else { return };
        let Some(collection) = js::module_collection(ctx.semantic, node) else { return };
        if collection.removes || collection.size_checked || collection.escapes || !plausible_cache(collection.name) {
            return;
        }
        let list = collection.kind == js::CollectionKind::Array;
        let growing = collection.adds.iter().find(|add| {
            !add.function.is_some_and(is_registering_function)
                && grows(list, collection.name, add.key.map(|key| ctx.file.slice(key)), ctx.file.text)
        });
        let Some(add) = growing else { return };
        let function = add.function.map_or_else(|| "an anonymous function".to_string(), |name| format!("`{name}()`"));
        let key =
            add.key.filter(|_| !list).map_or_else(String::new, |key| format!(" (keyed by `{}`)", ctx.file.slice(key)));
        ctx.report(
            declarator.span,
            format!(
                "module-level {} `{}` is added to in {function}{key} but never deleted from, cleared or bounded",
                collection.kind.as_str(),
                collection.name
            ),
        );
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let stmt: &Stmt = match node {
            AnyNodeRef::StmtAssign(_) | AnyNodeRef::StmtAnnAssign(_) if ctx.parent().is_none() => {
                let Some(stmt) = ctx.module.body.iter().find(|stmt| stmt.range() == node.range()) else { return };
                stmt
            }
            _ => return,
        };
        let Some(collection) = py::module_collection(ctx.module, stmt) else { return };
        // `_HANDLERS = {}`: an upper-case name is a constant or registry by convention.
        let constant = collection.name.chars().all(|c| !c.is_ascii_lowercase());
        if collection.removes
            || collection.size_checked
            || collection.escapes
            || constant
            || !plausible_cache(collection.name)
        {
            return;
        }
        let list = collection.kind == py::CollectionKind::List;
        let growing = collection.adds.iter().find(|add| {
            !is_registering_function(add.function)
                && grows(list, collection.name, add.key.map(|key| ctx.file.slice(key)), ctx.file.text)
        });
        let Some(add) = growing else { return };
        let key =
            add.key.filter(|_| !list).map_or_else(String::new, |key| format!(" (keyed by `{}`)", ctx.file.slice(key)));
        ctx.report(
            stmt.range(),
            format!(
                "module-level {} `{}` is added to in `{}()`{key} but never deleted from, cleared or bounded",
                collection.kind.as_str(),
                collection.name,
                add.function
            ),
        );
    }
}

/// Whether a collection's name leaves it a candidate: not a registry, not a "warn once" record.
fn plausible_cache(name: &str) -> bool {
    let words = split_words(name);
    !words.iter().any(|word| REGISTRY_WORDS.contains(&word.as_str()) || ONCE_WORDS.contains(&word.as_str()))
}

/// Whether an add makes the collection grow with traffic: a list named for accumulated data
/// that is given values rather than classes or constants, or a key named for a per-request or
/// per-entity value and not for a fixed domain. A key held in a variable is judged with what the
/// module assigns to that variable (`key = hash(f"{file_path}:{line}")`).
fn grows(list: bool, name: &str, key: Option<&str>, text: &str) -> bool {
    let Some(key) = key else { return false };
    let key = key.trim();
    if list {
        let constant_like = key.starts_with(|c: char| c.is_ascii_uppercase())
            || key.trim_start_matches('_').starts_with(|c: char| c.is_ascii_uppercase());
        return !constant_like && split_words(name).iter().any(|word| GROWING_LIST_WORDS.contains(&word.as_str()));
    }
    let mut words = split_words(key);
    if words.iter().any(|word| BOUNDED_WORDS.contains(&word.as_str())) {
        return false;
    }
    if key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$') {
        words.extend(split_words(&assigned_text(text, key)));
    }
    !words.iter().any(|word| BOUNDED_WORDS.contains(&word.as_str()))
        && words.iter().any(|word| ENTITY_WORDS.contains(&word.as_str()))
}

/// The right-hand sides of the lines that assign `name` (`name = …`, `const name = …`,
/// `name: str = …`), joined. Jumps from one occurrence of `name` to the next rather than reading
/// every line: a large module asks once per key.
fn assigned_text(text: &str, name: &str) -> String {
    let mut assigned = String::new();
    if name.is_empty() {
        return assigned;
    }
    for at in memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()) {
        let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
        if !matches!(text[line_start..at].trim_start(), "" | "const " | "let " | "var ") {
            continue;
        }
        let line_end = text[at..].find('\n').map_or(text.len(), |newline| at + newline);
        let line = &text[at + name.len()..line_end];
        let rest = line.strip_suffix('\r').unwrap_or(line).trim_start();
        let rest = match rest.strip_prefix(':') {
            Some(annotated) => annotated.split_once('=').map_or("", |(_, value)| value),
            None => match rest.strip_prefix('=') {
                Some(value) if !value.starts_with('=') => value,
                _ => continue,
            },
        };
        assigned.push_str(rest);
        assigned.push(' ');
    }
    assigned
}

fn is_registering_function(name: &str) -> bool {
    split_words(name).first().is_some_and(|word| REGISTERING_FUNCTIONS.contains(&word.as_str()))
        || name.starts_with("__")
}

#[cfg(test)]
mod tests {
    use super::UnboundedCache;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            (
                "src/lib/e2b/sandbox.ts",
                "const sandboxes = new Map();\nexport function get(id) { sandboxes.set(id, create()); }\nexport function kill(id) { sandboxes.delete(id); }",
            ),
            (
                "src/cache.ts",
                "const cache = new Map();\nexport function put(k, v) { if (cache.size > 1000) cache.clear(); cache.set(k, v); }",
            ),
            (
                "src/cache.ts",
                "import { LRUCache } from 'lru-cache';\nconst cache = new LRUCache({ max: 100 });\nexport function put(k, v) { cache.set(k, v); }",
            ),
            ("src/cache.ts", "export const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }"),
            (
                "src/consts.ts",
                "const names = new Map();\nnames.set('a', 1);\nnames.set('b', 2);\nexport const get = (k) => names.get(k);",
            ),
            (
                "src/plugins.ts",
                "const plugins = new Map();\nexport function registerPlugin(name, p) { plugins.set(name, p); }",
            ),
            (
                "src/store.ts",
                "const store = {};\nexport function put(k, v) { store[k] = v; }\nexport function drop(k) { delete store[k]; }",
            ),
            (
                "src/queue.ts",
                "const queue = [];\nexport function push(x) { queue.push(x); }\nexport function next() { return queue.shift(); }",
            ),
            (
                "src/state.ts",
                "let seen = new Set();\nexport function mark(x) { seen.add(x); }\nexport function reset() { seen = new Set(); }",
            ),
            (
                "src/a.ts",
                "const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }\nexport const all = () => cache;",
            ),
            ("src/a.ts", "const cache = new Map();\nexport function put(k, v) { cache.set(k, v); track(cache); }"),
            (
                "app/cache.py",
                "_cache = {}\n\ndef get(key):\n    if len(_cache) > 1000:\n        _cache.clear()\n    _cache[key] = compute(key)\n",
            ),
            (
                "app/cache.py",
                "_cache = {}\n\ndef put(key, value):\n    _cache[key] = value\n\ndef drop(key):\n    _cache.pop(key, None)\n",
            ),
            (
                "app/cache.py",
                "HANDLERS = {}\n\ndef register(name):\n    def wrap(f):\n        HANDLERS[name] = f\n        return f\n    return wrap\n",
            ),
            ("app/consts.py", "CODES = {}\nCODES['a'] = 1\n\ndef get(k):\n    return CODES.get(k)\n"),
            (
                "app/cache.py",
                "from functools import lru_cache\n\n@lru_cache(maxsize=128)\ndef load(key):\n    return compute(key)\n",
            ),
            (
                "app/cache.py",
                "_cache = {}\n\ndef put(key, value):\n    global _cache\n    _cache[key] = value\n    if stale():\n        _cache = {}\n",
            ),
            ("app/cache.py", "_cache = {}\n\ndef put(_cache, key):\n    _cache[key] = 1\n"),
            (
                "app/i18n.py",
                "_translations = {}\n\ndef translation(language):\n    _translations[language] = load(language)\n",
            ),
            (
                "app/hints.py",
                "_emitted_hints: set[str] = set()\n\ndef claim(hint_id):\n    _emitted_hints.add(hint_id)\n",
            ),
            (
                "app/caps.py",
                "_MODEL_CAPABILITIES: dict[str, bool] = {}\n\ndef probe(model_uri):\n    _MODEL_CAPABILITIES[model_uri] = True\n",
            ),
            ("app/memo.py", "_memo = {}\n\ndef get(k):\n    _memo[k] = compute(k)\n"),
            (
                "app/debug.py",
                "_sensitive = {}\n\ndef decorator(func):\n    key = hash(f'{file_path}:{first_line_number}')\n    _sensitive[key] = func\n",
            ),
            (
                "app/wh.py",
                "_verified_running: dict[str, float] = {}\n\ndef ensure(warehouse_id):\n    _verified_running[warehouse_id] = now()\n",
            ),
            (
                "app/session.py",
                "_training_sessions = []\n\ndef new_class():\n    _training_sessions.append(_TrainingSession)\n",
            ),
            ("src/log.js", "var delayedLogItems = [];\nexports.log = function (msg) { delayedLogItems.push(msg); };"),
            (
                "src/locks.js",
                "const writeFileLocks = {};\nfunction writeFile(path, content) { writeFileLocks[path] = write(path, content); }",
            ),
            (
                "app/cache.py",
                "_cache = {}\n\ndef put(user_id, v):\n    _cache[user_id] = v\n\ndef drop(user_id):\n    del _cache[user_id]\n",
            ),
            ("tests/test_cache.py", "_cache = {}\n\ndef put(key, value):\n    _cache[key] = value\n"),
        ];
        let fail = [
            (
                "src/lib/e2b/sandbox.ts",
                "const sandboxes = new Map<string, Sandbox>();\nexport async function getSandbox(id: string) {\n  if (!sandboxes.has(id)) sandboxes.set(id, await Sandbox.create());\n  return sandboxes.get(id)!;\n}",
            ),
            ("src/seen.js", "const seen = new Set();\nfunction mark(id) { seen.add(id); }\nmodule.exports = { mark };"),
            ("src/memo.ts", "const memo = {};\nexport const lookup = (userId) => (memo[userId] ??= compute(userId));"),
            ("src/log.ts", "const history = [];\nexport function record(event) { history.push(event); }"),
            (
                "app/conversations.py",
                "active_conversations = {}\n\nasync def start(user_id):\n    active_conversations[user_id] = Conversation()\n",
            ),
            (
                "app/cache.py",
                "from collections import defaultdict\n_events = defaultdict(list)\n\ndef record(user, event):\n    _events[user].append(event)\n",
            ),
            ("app/cache.py", "_seen: set[str] = set()\n\ndef mark(message_id):\n    _seen.add(message_id)\n"),
            (
                "app/memo.py",
                "_memo = {}\n\ndef get(*args):\n    key = json.dumps(args)\n    _memo[key] = compute(*args)\n",
            ),
            ("app/hist.py", "_history = []\n\ndef record(item):\n    _history.append(item)\n"),
            (
                "app/locks.py",
                "_timer_locks: dict[str, object] = {}\n\nasync def execute(timer_id):\n    _timer_locks[timer_id] = make_lock()\n",
            ),
        ];
        Tester::new::<UnboundedCache>(pass, fail).test_and_snapshot();
    }
}
