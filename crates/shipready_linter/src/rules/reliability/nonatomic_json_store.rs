use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{CallExpression, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{Gate, JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds JSON files used as a datastore and rewritten in place by server code:
    /// - Python `with open(path, "w") as f: json.dump(data, f)` (or `f.write(json.dumps(...))`),
    ///   `Path(p).write_text(json.dumps(...))`;
    /// - JS/TS `fs.writeFileSync(path, JSON.stringify(...))`, `fs.writeFile(...)`,
    ///   `fs.promises.writeFile(...)`, `writeFile` from `fs/promises`, and `fs-extra`/`jsonfile`
    ///   `writeJson(...)`;
    ///
    /// when the function doing it takes no lock and does not write a temporary file and rename
    /// it into place (`os.replace`, `os.rename`, `fs.rename`, `tempfile`, `write-file-atomic`,
    /// `filelock`, `portalocker`, `fcntl.flock`, `proper-lockfile`, a `with lock:` block).
    ///
    /// Only writes whose path (or function) is named like stored data count (`snapshots`,
    /// `sessions`, `users`, `db.json`, `state`, `cache`, `history`); configuration, exports,
    /// reports and other output files stay silent, as does code that no web server reaches.
    ///
    /// ## Why is this bad?
    /// Opening a file for writing truncates it first. Two requests writing at once interleave
    /// their bytes, and a crash or a concurrent reader in the middle sees a half-written file:
    /// the next load fails to parse and the stored data is gone.
    ///
    /// ## Example
    /// ```python
    /// def save_snapshot(snapshots):
    ///     with open(SNAPSHOT_PATH, "w") as f:
    ///         json.dump(snapshots, f)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// def save_snapshot(snapshots):
    ///     with FileLock(f"{SNAPSHOT_PATH}.lock"):
    ///         tmp = f"{SNAPSHOT_PATH}.tmp"
    ///         with open(tmp, "w") as f:
    ///             json.dump(snapshots, f)
    ///         os.replace(tmp, SNAPSHOT_PATH)
    /// ```
    /// Or move the data to a database.
    ///
    /// ## Known limitations
    /// Locks and renames are looked for in the writing function only, by name.
    pub(crate) struct NonatomicJsonStore {
        id: "nonatomic-json-store",
        area: Reliability,
        severity: Medium,
        since: "0.1.0",
        title: "JSON datastore rewritten in place without lock or rename",
        rationale: "Concurrent or interrupted in-place writes leave a truncated or interleaved JSON file and lose the stored data.",
        fix: "Write to a temporary file and atomically rename it over the original under a file lock, or use a database.",
    }
}

/// Words in a path or function name that make the file stored data.
const STORE_WORDS: &[&str] = &[
    "data",
    "db",
    "database",
    "store",
    "storage",
    "state",
    "cache",
    "snapshot",
    "snapshots",
    "session",
    "sessions",
    "user",
    "users",
    "record",
    "records",
    "history",
    "queue",
    "message",
    "messages",
    "conversation",
    "conversations",
    "chat",
    "chats",
    "counter",
    "counters",
    "subscriber",
    "subscribers",
    "memory",
    "memories",
    "entries",
    "items",
    "orders",
    "inventory",
    "bookings",
    "events",
    "notes",
    "todos",
    "posts",
    "comments",
    "visits",
    "persist",
    "persisted",
];
/// Words that make the file configuration or output rather than stored data.
const OUTPUT_WORDS: &[&str] = &[
    "config",
    "configuration",
    "settings",
    "setting",
    "export",
    "exports",
    "exported",
    "output",
    "out",
    "report",
    "reports",
    "manifest",
    "schema",
    "schemas",
    "openapi",
    "swagger",
    "package",
    "tsconfig",
    "summary",
    "dist",
    "build",
    "coverage",
    "backup",
    "fixture",
    "fixtures",
    "sample",
    "samples",
    "example",
    "examples",
    "template",
    "templates",
    "i18n",
    "locale",
    "locales",
    "translation",
    "translations",
    "spec",
    "dump",
    "metadata",
    "meta",
    "log",
    "logs",
    "args",
    "artifact",
    "artifacts",
    "model",
    "notebook",
];
/// Words in the writing function that show a lock or a temp-file-and-rename.
const SAFE_WORDS: &[&str] = &[
    "lock",
    "locked",
    "rlock",
    "filelock",
    "flock",
    "lockf",
    "portalocker",
    "lockfile",
    "mutex",
    "semaphore",
    "rename",
    "renamesync",
    "replace",
    "move",
    "tempfile",
    "tmp",
    "temp",
    "tmpfile",
    "mkstemp",
    "atomic",
    "atomically",
    "steno",
];
/// npm packages that write files atomically or lock them.
const JS_SAFE_PACKAGES: &[&str] =
    &["write-file-atomic", "proper-lockfile", "steno", "lowdb", "atomically", "lockfile", "async-mutex"];

impl Rule for NonatomicJsonStore {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const NEEDLES: &'static [&'static str] = &["json", "JSON", "Json"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        let Some((path, shown)) = js_json_write(call, ctx) else { return };
        if JS_SAFE_PACKAGES.iter().any(|package| ctx.imports_module(package)) {
            return;
        }
        let function = js::enclosing_function(ctx.nodes(), node);
        let function_text = function.map_or(ctx.file.text, |function| ctx.file.slice(function.kind().span()));
        let function_name = function.and_then(|function| js::function_name(ctx.nodes(), function)).unwrap_or_default();
        if has_safe_word(function_text) || !is_datastore(ctx.text_of(path), &function_name) {
            return;
        }
        let message = format!(
            "`{shown}()` rewrites `{}` in place without a lock or temp-file rename; concurrent writes can corrupt it",
            excerpt(ctx.text_of(path))
        );
        ctx.report_gated(call.span, Gate::ServerReachable, message);
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let Some((path, shown)) = py_json_write(call, ctx) else { return };
        let function = py::enclosing_function(ctx.ancestors());
        let function_text = function.map_or(ctx.file.text, |function| ctx.file.slice(function.range()));
        let function_name = function.map_or("", |function| function.name.as_str());
        if has_safe_word(function_text) || !is_datastore(ctx.text_of(path), function_name) {
            return;
        }
        let message = format!(
            "`{shown}()` rewrites `{}` in place without a lock or temp-file rename; concurrent writes can corrupt it",
            excerpt(ctx.text_of(path))
        );
        ctx.report_gated(call.range(), Gate::ServerReachable, message);
    }
}

fn excerpt(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &collapsed[..end]),
        None => collapsed,
    }
}

fn has_safe_word(text: &str) -> bool {
    split_words(text).iter().any(|word| SAFE_WORDS.contains(&word.as_str()))
}

/// Whether a written path, or the function saving it (`save_snapshots`, `persistUsers`), is
/// named like stored data.
fn is_datastore(path: &str, function: &str) -> bool {
    let function_words = split_words(function);
    let saves = function_words.first().is_some_and(|word| {
        matches!(
            word.as_str(),
            "save" | "persist" | "store" | "write" | "update" | "set" | "add" | "record" | "put" | "flush" | "sync"
        )
    });
    let function_words = if saves { function_words } else { Vec::new() };
    let words: Vec<String> = split_words(path).into_iter().chain(function_words).collect();
    !words.iter().any(|word| OUTPUT_WORDS.contains(&word.as_str()))
        && words.iter().any(|word| STORE_WORDS.contains(&word.as_str()))
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

/// The path a call writes JSON to, and the call as a message names it.
fn js_json_write<'e, 'a>(
    call: &'e CallExpression<'a>,
    ctx: &JsContext<'a, '_>,
) -> Option<(&'e Expression<'a>, String)> {
    // The method is named before the callee's path is built: most calls write nothing.
    let last = match js::inner(&call.callee) {
        Expression::Identifier(ident) => ident.name.as_str(),
        Expression::StaticMemberExpression(member) => member.property.name.as_str(),
        _ => return None,
    };
    if !matches!(last, "writeFileSync" | "writeFile") && !FS_EXTRA_JSON_WRITES.contains(&last) {
        return None;
    }
    let callee = js::dotted_path(&call.callee)?;
    let (receiver, method) = callee.rsplit_once('.').unwrap_or(("", callee.as_str()));
    let path = js::arg(call, 0)?;
    match method {
        "writeFileSync" | "writeFile" => {
            let fs_receiver =
                matches!(receiver, "fs" | "fsp" | "fsPromises" | "promises" | "fs.promises" | "fse" | "fsExtra");
            let imported = receiver.is_empty()
                && matches!(js::inner(&call.callee), Expression::Identifier(ident) if matches!(
                    js::import_source(ctx.semantic, ident),
                    Some("fs" | "node:fs" | "fs/promises" | "node:fs/promises" | "fs-extra" | "jsonfile")
                ));
            if !fs_receiver && !imported && receiver != "jsonfile" {
                return None;
            }
            let data = js::arg(call, 1)?;
            let stringified = is_stringify(data)
                || matches!(js::inner(data), Expression::Identifier(ident)
                    if js::constant_initializer(ctx.semantic, ident).is_some_and(is_stringify));
            (stringified || receiver == "jsonfile").then(|| (path, callee.clone()))
        }
        method if FS_EXTRA_JSON_WRITES.contains(&method) => {
            (ctx.imports_module("fs-extra") || ctx.imports_module("jsonfile")).then(|| (path, callee.clone()))
        }
        _ => None,
    }
}

/// The JSON writes of fs-extra and jsonfile.
const FS_EXTRA_JSON_WRITES: &[&str] = &[
    "writeJson",
    "writeJSON",
    "writeJsonSync",
    "writeJSONSync",
    "outputJson",
    "outputJSON",
    "outputJsonSync",
    "outputJSONSync",
];

fn is_stringify(expr: &Expression<'_>) -> bool {
    let expr = match js::inner(expr) {
        Expression::AwaitExpression(await_expr) => js::inner(&await_expr.argument),
        other => other,
    };
    matches!(expr, Expression::CallExpression(call) if js::is_dotted_path(&call.callee, "JSON.stringify"))
}

// ---------------------------------------------------------------------------------------------
// Python

/// The path a call writes JSON to, and the call as a message names it.
fn py_json_write<'a>(call: &'a py_ast::ExprCall, ctx: &PyContext<'a, '_>) -> Option<(&'a Expr, String)> {
    let callee = py::dotted_name(&call.func);
    let method = py::callee_last_name(&call.func)?;
    match (callee.as_deref(), method) {
        // `json.dump(data, f)` inside `with open(path, "w") as f:`
        (Some("json.dump"), _) => {
            let Expr::Name(handle) = call.arguments.args.get(1).or_else(|| py::keyword(call, "fp"))? else {
                return None;
            };
            let path = opened_for_writing(handle.id.as_str(), ctx)?;
            Some((path, "json.dump".to_string()))
        }
        // `f.write(json.dumps(...))` inside `with open(path, "w") as f:`, `open(p, "w").write(...)`,
        // `Path(p).write_text(json.dumps(...))`
        (_, "write" | "write_text") => {
            let data = call.arguments.args.first()?;
            if !is_dumps(data) {
                return None;
            }
            let Expr::Attribute(attribute) = call.func.as_ref() else { return None };
            match (method, attribute.value.as_ref()) {
                ("write_text", receiver) => {
                    let path = match receiver {
                        Expr::Call(path_call) if py::callee_last_name(&path_call.func) == Some("Path") => {
                            path_call.arguments.args.first().unwrap_or(receiver)
                        }
                        other => other,
                    };
                    Some((
                        path,
                        format!("{}.write_text", py::dotted_name(receiver).unwrap_or_else(|| "Path".to_string())),
                    ))
                }
                ("write", Expr::Name(handle)) => {
                    let path = opened_for_writing(handle.id.as_str(), ctx)?;
                    Some((path, format!("{}.write", handle.id.as_str())))
                }
                ("write", Expr::Call(open_call)) => {
                    let path = open_for_writing(open_call)?;
                    Some((path, "open(...).write".to_string()))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn is_dumps(expr: &Expr) -> bool {
    matches!(expr, Expr::Call(call) if py::dotted_name(&call.func).as_deref() == Some("json.dumps"))
}

/// The path that the enclosing `with open(path, "w") as handle:` opened, if `handle` is one.
fn opened_for_writing<'a>(handle: &str, ctx: &PyContext<'a, '_>) -> Option<&'a Expr> {
    ctx.ancestors().find_map(|ancestor| {
        let AnyNodeRef::StmtWith(with) = ancestor else { return None };
        with.items.iter().find_map(|item| {
            let bound = matches!(item.optional_vars.as_deref(), Some(Expr::Name(name)) if name.id.as_str() == handle);
            let Expr::Call(open) = &item.context_expr else { return None };
            if bound { open_for_writing(open) } else { None }
        })
    })
}

/// The path of `open(path, "w")`, `io.open(...)`, `path.open("w")` when it truncates for writing.
fn open_for_writing(call: &py_ast::ExprCall) -> Option<&Expr> {
    let name = py::dotted_name(&call.func)?;
    let (path, mode) = match name.as_str() {
        "open" | "io.open" | "codecs.open" => {
            (call.arguments.args.first()?, call.arguments.args.get(1).or_else(|| py::keyword(call, "mode")))
        }
        _ if name.ends_with(".open") => {
            let Expr::Attribute(attribute) = call.func.as_ref() else { return None };
            (attribute.value.as_ref(), call.arguments.args.first().or_else(|| py::keyword(call, "mode")))
        }
        _ => return None,
    };
    let mode = py::string_value(mode?)?;
    mode.contains('w').then_some(path)
}

#[cfg(test)]
mod tests {
    use super::NonatomicJsonStore;
    use crate::tester::{Case, Tester};

    const FASTAPI: &str = "from fastapi import FastAPI\napp = FastAPI()\n";
    const EXPRESS: &str = "import express from 'express';\nconst app = express();\napp.get('/x', h);\n";

    #[test]
    fn test() {
        let pass = [
            Case::from((
                "utils/page_snapshots.py",
                format!(
                    "{FASTAPI}import json, os\n\ndef save_snapshots(data):\n    tmp = SNAPSHOT_PATH + '.tmp'\n    with open(tmp, 'w') as f:\n        json.dump(data, f)\n    os.replace(tmp, SNAPSHOT_PATH)\n"
                ),
            )),
            Case::from((
                "utils/page_snapshots.py",
                format!(
                    "{FASTAPI}import json\nfrom filelock import FileLock\n\ndef save_snapshots(data):\n    with FileLock(LOCK):\n        with open(SNAPSHOT_PATH, 'w') as f:\n            json.dump(data, f)\n"
                ),
            )),
            Case::from((
                "app/export.py",
                format!(
                    "{FASTAPI}import json\n\ndef export_config(cfg, out_path):\n    with open(out_path, 'w') as f:\n        json.dump(cfg, f)\n"
                ),
            )),
            Case::from((
                "app/store.py",
                format!(
                    "{FASTAPI}import json\n\ndef load_state():\n    with open(STATE_PATH) as f:\n        return json.load(f)\n"
                ),
            )),
            Case::from((
                "app/report.py",
                format!(
                    "{FASTAPI}import json\n\ndef write(data):\n    with open('report.json', 'w') as f:\n        json.dump(data, f)\n"
                ),
            )),
            // Not server code.
            Case::from((
                "app/cli_store.py",
                "import json\n\ndef save_state(state):\n    with open(STATE_PATH, 'w') as f:\n        json.dump(state, f)\n",
            )),
            Case::from((
                "src/store.ts",
                format!(
                    "{EXPRESS}import fs from 'node:fs';\nexport function saveSessions(s) {{\n  fs.writeFileSync(SESSIONS + '.tmp', JSON.stringify(s));\n  fs.renameSync(SESSIONS + '.tmp', SESSIONS);\n}}"
                ),
            )),
            Case::from((
                "src/store.ts",
                format!(
                    "{EXPRESS}import writeFileAtomic from 'write-file-atomic';\nimport fs from 'node:fs';\nexport function saveDb(db) {{ fs.writeFileSync(DB_PATH, JSON.stringify(db)); }}"
                ),
            )),
            Case::from((
                "src/build.ts",
                format!(
                    "{EXPRESS}import fs from 'node:fs';\nexport function writeManifest(m) {{ fs.writeFileSync('dist/manifest.json', JSON.stringify(m)); }}"
                ),
            )),
            Case::from((
                "src/store.ts",
                format!(
                    "{EXPRESS}import fs from 'node:fs';\nexport function saveDb(db) {{ fs.writeFileSync(DB_PATH, render(db)); }}"
                ),
            )),
            Case::from((
                "app/jobs.py",
                format!(
                    "{FASTAPI}import json\n\ndef run_scorer_job(params):\n    (input_dir / TRACES_FILE).write_text(json.dumps(params))\n"
                ),
            )),
        ];
        let fail = [
            Case::from((
                "utils/page_snapshots.py",
                format!("{FASTAPI}import json\n\ndef save_snapshots(snapshots):\n    with open(SNAPSHOT_PATH, 'w') as f:\n        json.dump(snapshots, f)\n"),
            )),
            Case::from((
                "app/store.py",
                format!("{FASTAPI}import json\nfrom pathlib import Path\n\ndef persist(users):\n    Path(USERS_FILE).write_text(json.dumps(users))\n"),
            )),
            Case::from((
                "app/store.py",
                format!("{FASTAPI}import json\n\ndef save(data):\n    with open(DB_PATH, 'w', encoding='utf-8') as fh:\n        fh.write(json.dumps(data))\n"),
            )),
            Case::project([
                ("api/main.py", format!("{FASTAPI}from utils import page_snapshots\n")),
                (
                    "utils/page_snapshots.py",
                    "import json\n\ndef save_snapshot(items):\n    with open(path, 'w') as f:\n        json.dump(items, f)\n".to_string(),
                ),
            ]),
            Case::from((
                "src/store.ts",
                format!("{EXPRESS}import fs from 'node:fs';\nexport function saveSessions(sessions) {{ fs.writeFileSync(SESSIONS_FILE, JSON.stringify(sessions)); }}"),
            )),
            Case::from((
                "src/store.ts",
                format!("{EXPRESS}import {{ writeFile }} from 'node:fs/promises';\nexport async function saveDb(db) {{ await writeFile('./db.json', JSON.stringify(db, null, 2)); }}"),
            )),
            Case::from((
                "src/store.js",
                format!("{EXPRESS}const fs = require('fs');\nfunction save(state) {{\n  const json = JSON.stringify(state);\n  fs.writeFile(STATE_FILE, json, (err) => {{}});\n}}"),
            )),
            Case::from((
                "src/store.ts",
                format!("{EXPRESS}import fs from 'node:fs';\nexport async function saveTodos(todos) {{ await fs.promises.writeFile(file, JSON.stringify(todos)); }}"),
            )),
        ];
        Tester::new::<NonatomicJsonStore>(pass, fail).test_and_snapshot();
    }
}
