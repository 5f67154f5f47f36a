use std::sync::LazyLock;

use regex::Regex;
use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::Expression;
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds development harness logic in a service's entry point: code that, when the server
    /// starts, kills whatever process holds a port (`kill-port`, `killPort(…)`, `fkill`,
    /// `lsof -ti :8000 | xargs kill`, `fuser -k`), opens a browser (the `open` package,
    /// `webbrowser.open(…)`, `xdg-open`), clears Python bytecode caches
    /// (`shutil.rmtree("__pycache__")`, deleting `*.pyc`), or launches the frontend's dev
    /// server (`npm run dev`, `yarn dev`, `pnpm dev`, `vite`, `next dev`, `ng serve`) through
    /// `subprocess`, `os.system`, `child_process` or `execa`.
    ///
    /// The entry point is a module that builds the web app or declares routes (`FastAPI()`,
    /// `Flask(__name__)`, `express()`), or a `main`/`app`/`server` (and, for JavaScript and
    /// TypeScript, `index`) module at the top of the project or one that starts a server
    /// (`uvicorn.run`, `app.listen`). Calls under `if __name__ == "__main__":` are reported,
    /// since that is how the service is started. Calls are not reported when an enclosing
    /// condition or function is about development, debugging, local runs, reloading or the
    /// browser (`if settings.ENV == "dev":`, `if DEBUG:`,
    /// `if (process.env.NODE_ENV !== "production")`, `if args.open_browser:`, `def dev():`),
    /// nor in files named for development (`dev_server.py`).
    ///
    /// ## Why is this bad?
    /// In production these steps are at best dead weight and at worst harmful: killing "the
    /// process on port 8000" can kill a sidecar or the previous instance during a rolling
    /// deploy, opening a browser fails or hangs on a headless server, deleting caches slows
    /// every start, and a frontend dev server in the same container serves unbuilt code with
    /// hot reload and development error pages.
    ///
    /// ## Example
    /// ```python
    /// if __name__ == "__main__":
    ///     kill_port(8000)
    ///     shutil.rmtree("__pycache__", ignore_errors=True)
    ///     subprocess.Popen(["npm", "run", "dev"], cwd="frontend")
    ///     webbrowser.open("http://localhost:8000")
    ///     uvicorn.run(app, port=8000)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// if __name__ == "__main__":
    ///     uvicorn.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))
    /// ```
    /// Keep the harness in a separate `scripts/dev.py` (or a `Makefile`/`package.json`
    /// script) that developers run instead.
    pub(crate) struct DevToolingInEntrypoint {
        id: "dev-tooling-in-entrypoint",
        area: Operations,
        severity: Low,
        since: "0.1.0",
        title: "Development harness logic in the production entry point",
        rationale: "Port killing, browser opening, cache clearing and frontend dev servers belong to a developer's machine, not to a server's start-up.",
        fix: "Move the harness steps into a separate development script and keep the entry point to starting the server.",
    }
}

impl Rule for DevToolingInEntrypoint {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const NEEDLES: &'static [&'static str] =
        &["kill", "Kill", "open", "pycache", ".pyc", "dev", "vite", "serve", "react-scripts"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        let Some(activity) = js_activity(call, ctx) else { return };
        if is_dev_file(ctx.file.path) || js_dev_guarded(node, activity, ctx) || !js_is_entry(ctx) {
            return;
        }
        let callee = ctx.text_of(&call.callee);
        ctx.report(call.span, message(callee, activity));
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let Some(activity) = py_activity(call, ctx) else { return };
        if is_dev_file(ctx.file.path) || py_dev_guarded(call, activity, ctx) || !py_is_entry(ctx) {
            return;
        }
        let callee = ctx.text_of(&*call.func);
        ctx.report(call.range(), message(callee, activity));
    }
}

/// What a harness step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Activity {
    KillPort,
    OpenBrowser,
    ClearCache,
    LaunchFrontend,
}

impl Activity {
    fn describe(self) -> &'static str {
        match self {
            Activity::KillPort => "kills the process holding a port",
            Activity::OpenBrowser => "opens a browser",
            Activity::ClearCache => "clears Python bytecode caches",
            Activity::LaunchFrontend => "launches a frontend dev server",
        }
    }
}

fn message(callee: &str, activity: Activity) -> String {
    let callee: String = callee.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("`{callee}` {} in the service entry point; move it to a development script", activity.describe())
}

// ---------------------------------------------------------------------------------------------
// What a call does
// ---------------------------------------------------------------------------------------------

/// The harness step a function's name says it performs: `kill_port`, `killPort`,
/// `kill_process_on_port`, `open_browser`, `clear_pycache`, `start_frontend`.
fn named_activity(name: &str) -> Option<Activity> {
    // Every activity needs one of these (or a word that contains one); most names have none,
    // and are ruled out before they are split into words.
    const SECOND_WORDS: [&[u8]; 6] = [b"port", b"browser", b"pyc", b"bytecode", b"frontend", b"vite"];
    // Each starts with `p`, `b`, `f` or `v`: only there is a word looked for.
    let named = name.as_bytes();
    let mentions = (0..named.len()).any(|at| {
        matches!(named[at] | 0x20, b'p' | b'b' | b'f' | b'v')
            && SECOND_WORDS
                .iter()
                .any(|word| named[at..].get(..word.len()).is_some_and(|s| s.eq_ignore_ascii_case(word)))
    });
    if !mentions {
        return None;
    }
    let words = split_words(name);
    let has = |options: &[&str]| words.iter().any(|w| options.contains(&w.as_str()));
    if has(&["killport"]) || (has(&["kill"]) && has(&["port", "ports"])) {
        Some(Activity::KillPort)
    } else if has(&["open", "launch"]) && has(&["browser", "webbrowser"]) {
        Some(Activity::OpenBrowser)
    } else if has(&["pycache", "pyc", "bytecode"]) && has(&["clear", "clean", "remove", "delete", "purge", "wipe"]) {
        Some(Activity::ClearCache)
    } else if has(&["start", "launch", "run", "spawn"]) && has(&["frontend", "vite"]) {
        Some(Activity::LaunchFrontend)
    } else {
        None
    }
}

static FRONTEND_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:npm|pnpm|yarn|bun)(?: run)? (?:dev|serve|start:dev)\b",
        r"|\b(?:next|nuxt|astro|remix) dev\b|\bng serve\b|\breact-scripts start\b|\bwebpack(?:-dev-server| serve)\b",
        r"|\bvue-cli-service serve\b",
    ))
    .expect("the frontend command pattern is valid")
});

/// What a shell command does, from the text of a call's arguments.
fn command_activity(arguments: &str) -> Option<Activity> {
    let normalized: String = arguments
        .chars()
        .map(|c| if matches!(c, '"' | '\'' | '`' | '[' | ']' | '(' | ')' | ',' | '+' | '{' | '}') { ' ' } else { c })
        .collect::<String>()
        .to_ascii_lowercase();
    let words: Vec<&str> = normalized.split_whitespace().collect();
    let text = words.join(" ");
    let has = |word: &str| words.iter().any(|w| w.rsplit('/').next() == Some(word));
    if has("kill-port")
        || has("fkill")
        || text.contains("fuser -k")
        || (has("lsof") && text.contains("kill"))
        || (has("netstat") && has("taskkill"))
    {
        return Some(Activity::KillPort);
    }
    if text.contains("__pycache__") || text.contains(".pyc") {
        return Some(Activity::ClearCache);
    }
    let opens_url = |index: usize| words.get(index + 1).is_some_and(|next| next.starts_with("http"));
    if has("xdg-open") || words.iter().enumerate().any(|(i, w)| matches!(*w, "open" | "start") && opens_url(i)) {
        return Some(Activity::OpenBrowser);
    }
    let vite = words.iter().enumerate().any(|(i, w)| {
        *w == "vite"
            && (i == 0 || matches!(words[i - 1], "npx" | "bunx" | "exec" | "pnpm" | "yarn"))
            && words.get(i + 1).is_none_or(|next| !matches!(*next, "build" | "optimize"))
    });
    if vite || FRONTEND_COMMAND.is_match(&text) {
        return Some(Activity::LaunchFrontend);
    }
    None
}

/// Python: what a call does, if it is a harness step.
fn py_activity(call: &shipready_lang::ruff::ast::ExprCall, ctx: &PyContext<'_, '_>) -> Option<Activity> {
    let name = py::callee_last_name(&call.func)?;
    let dotted = py::dotted_name(&call.func);
    let root = match call.func.as_ref() {
        Expr::Name(_) => py::imported_from(ctx.module, name).map(|(module, _)| module),
        _ => dotted.as_deref().and_then(|d| d.split('.').next()),
    };
    let callee_text = ctx.text_of(&*call.func);
    if matches!(name, "open" | "open_new" | "open_new_tab")
        && (root == Some("webbrowser") || callee_text.starts_with("webbrowser."))
    {
        return Some(Activity::OpenBrowser);
    }
    if let Some(activity) = named_activity(name) {
        return Some(activity);
    }
    let arguments = ctx.text_of(&call.arguments);
    let root_module = root.map(|r| r.split('.').next().unwrap_or(r));
    let runs_command = matches!(
        name,
        "run"
            | "Popen"
            | "call"
            | "check_call"
            | "check_output"
            | "system"
            | "popen"
            | "create_subprocess_exec"
            | "create_subprocess_shell"
    ) && matches!(root_module, Some("subprocess" | "os" | "asyncio"));
    if runs_command {
        return command_activity(arguments);
    }
    if matches!(name, "rmtree" | "remove" | "unlink" | "rmdir" | "removedirs") {
        let mut texts = vec![ctx.text_of(call)];
        for ancestor in ctx.ancestors().take_while(|a| !matches!(a, AnyNodeRef::StmtFunctionDef(_))) {
            match ancestor {
                AnyNodeRef::StmtFor(for_stmt) => texts.push(ctx.text_of(&*for_stmt.iter)),
                AnyNodeRef::Comprehension(comprehension) => texts.push(ctx.text_of(&comprehension.iter)),
                _ => {}
            }
        }
        if texts.iter().any(|text| text.contains("__pycache__") || text.contains(".pyc")) {
            return Some(Activity::ClearCache);
        }
    }
    None
}

/// JavaScript and TypeScript: what a call does, if it is a harness step.
fn js_activity<'a>(
    call: &shipready_lang::oxc::ast::ast::CallExpression<'a>,
    ctx: &JsContext<'a, '_>,
) -> Option<Activity> {
    if let Expression::Identifier(ident) = js::inner(&call.callee)
        && let Some(source) = js::import_source(ctx.semantic, ident)
    {
        match source {
            "kill-port" | "fkill" | "kill-port-process" | "cross-port-killer" => return Some(Activity::KillPort),
            "open" | "opn" | "better-opn" => return Some(Activity::OpenBrowser),
            _ => {}
        }
    }
    let name = call.callee_name()?;
    if let Some(activity) = named_activity(name) {
        return Some(activity);
    }
    let arguments = ctx.file.slice(shipready_diagnostics::Span::new(call.callee.span().end, call.span.end));
    match name {
        "exec" | "execSync" | "spawn" | "spawnSync" | "execFile" | "execFileSync" | "execa" | "execaSync"
        | "execaCommand" | "execaCommandSync" => command_activity(arguments),
        "rmSync" | "rm" | "rmdirSync" | "rmdir" | "rimraf" | "remove" | "removeSync" | "unlinkSync"
            if arguments.contains("__pycache__") || arguments.contains("node_modules/.cache") =>
        {
            Some(Activity::ClearCache)
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Development guards
// ---------------------------------------------------------------------------------------------

/// Whether a condition or function name is about development, debugging or local runs, so
/// that what it guards does not run in production. The browser words apply to browser opening.
fn is_dev_text(text: &str, activity: Activity) -> bool {
    split_words(text).iter().any(|word| {
        matches!(
            word.as_str(),
            "dev"
                | "devel"
                | "develop"
                | "development"
                | "debug"
                | "debugging"
                | "local"
                | "localdev"
                | "reload"
                | "prod"
                | "production"
                | "browser"
                | "devmode"
                | "isdev"
        ) || (activity == Activity::OpenBrowser && matches!(word.as_str(), "open" | "launch" | "browse"))
    })
}

/// Whether a file is named for development (`dev_server.py`, `dev.ts`, `local_main.py`).
fn is_dev_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    split_words(stem)
        .iter()
        .any(|w| matches!(w.as_str(), "dev" | "develop" | "development" | "debug" | "local" | "devserver"))
}

/// Whether a call passes a browser opt-in or opt-out flag (`start_browser(url, args.no_browser)`):
/// the browser opens only when the user asks, as local tools do.
fn passes_browser_flag(arguments: &str, activity: Activity) -> bool {
    let normalized: String =
        arguments.chars().filter(|c| !matches!(c, '_' | '-')).collect::<String>().to_ascii_lowercase();
    activity == Activity::OpenBrowser && (normalized.contains("nobrowser") || normalized.contains("openbrowser"))
}

fn py_dev_guarded(call: &shipready_lang::ruff::ast::ExprCall, activity: Activity, ctx: &PyContext<'_, '_>) -> bool {
    if passes_browser_flag(ctx.text_of(&call.arguments), activity) {
        return true;
    }
    let call_range = call.range();
    ctx.ancestors().any(|ancestor| match ancestor {
        AnyNodeRef::StmtIf(stmt) => is_dev_text(ctx.text_of(&*stmt.test), activity),
        AnyNodeRef::ElifElseClause(clause) => {
            clause.test.as_ref().is_some_and(|test| is_dev_text(ctx.text_of(test), activity))
        }
        AnyNodeRef::StmtWhile(stmt) => is_dev_text(ctx.text_of(&*stmt.test), activity),
        AnyNodeRef::ExprIf(expr) => is_dev_text(ctx.text_of(&*expr.test), activity),
        AnyNodeRef::ExprBoolOp(expr) => expr
            .values
            .iter()
            .filter(|value| !value.range().contains_range(call_range))
            .any(|value| is_dev_text(ctx.text_of(value), activity)),
        AnyNodeRef::StmtFunctionDef(function) => guarded_function_name(function.name.as_str(), activity),
        _ => false,
    })
}

fn js_dev_guarded<'a>(node: &AstNode<'a>, activity: Activity, ctx: &JsContext<'a, '_>) -> bool {
    let call_span = node.kind().span();
    if let AstKind::CallExpression(call) = node.kind() {
        let arguments = ctx.file.slice(shipready_diagnostics::Span::new(call.callee.span().end, call.span.end));
        if passes_browser_flag(arguments, activity) {
            return true;
        }
    }
    let outside = |span: shipready_lang::oxc::span::Span| !(span.start <= call_span.start && call_span.end <= span.end);
    ctx.ancestors(node).any(|ancestor| match ancestor.kind() {
        AstKind::IfStatement(stmt) => is_dev_text(ctx.text_of(&stmt.test), activity),
        AstKind::ConditionalExpression(expr) => is_dev_text(ctx.text_of(&expr.test), activity),
        AstKind::LogicalExpression(expr) => [&expr.left, &expr.right]
            .iter()
            .any(|side| outside(side.span()) && is_dev_text(ctx.text_of(*side), activity)),
        AstKind::Function(function) => function.id.as_ref().is_some_and(|id| guarded_function_name(&id.name, activity)),
        AstKind::VariableDeclarator(declarator) => {
            declarator.init.as_ref().is_some_and(|init| {
                matches!(js::inner(init), Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_))
            }) && declarator.id.get_identifier_name().is_some_and(|name| guarded_function_name(&name, activity))
        }
        AstKind::MethodDefinition(method) => {
            method.key.static_name().is_some_and(|name| guarded_function_name(&name, activity))
        }
        _ => false,
    })
}

/// Whether a function's name puts its calls out of the production path (`startDevServer`), or
/// names a harness step itself (`killPort` is reported where it is called, not inside).
fn guarded_function_name(name: &str, activity: Activity) -> bool {
    is_dev_text(name, activity) || named_activity(name).is_some()
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/// Source that starts a server.
const SERVER_STARTS: &[&str] = &[
    "uvicorn.run",
    "app.run(",
    ".listen(",
    "serve(",
    "run_simple",
    "web.run_app",
    "hypercorn",
    "gunicorn",
    "waitress",
    "createServer",
];

/// Whether a file is an entry point by name: `main.py`, `app.py`, `server.py`,
/// `server.ts`, `index.ts`, `main.ts`, `app.js`… at the top of the project (at most one
/// folder deep) or starting a server.
fn is_entry_by_name(path: &str, text: &str, names: &[&str]) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    names.contains(&stem) && (path.matches('/').count() <= 1 || SERVER_STARTS.iter().any(|start| text.contains(start)))
}

fn py_is_entry(ctx: &PyContext<'_, '_>) -> bool {
    let name = ctx.file.file_name();
    let stem = name.strip_suffix(".py").unwrap_or(name);
    *ctx.file.memo.serves_http.get_or_init(|| py::serves_http(&ctx.module.body, stem))
        || is_entry_by_name(ctx.file.path, ctx.file.text, &["main", "app", "server"])
}

fn js_is_entry(ctx: &JsContext<'_, '_>) -> bool {
    is_entry_by_name(ctx.file.path, ctx.file.text, &["main", "app", "server", "index"])
        || *ctx.file.memo.serves_http.get_or_init(|| ctx.nodes().iter().any(|node| js::serves_http(&node.kind())))
}

#[cfg(test)]
mod tests {
    use super::DevToolingInEntrypoint;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // A clean entry point.
            (
                "main.py",
                "import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\nif __name__ == '__main__':\n    uvicorn.run(app, host='0.0.0.0', port=8000)\n",
            ),
            // Guarded by a development flag.
            (
                "main.py",
                "import webbrowser\nfrom fastapi import FastAPI\napp = FastAPI()\nif settings.ENV == 'dev':\n    webbrowser.open('http://localhost:8000')\n",
            ),
            (
                "app.py",
                "import subprocess\nfrom flask import Flask\napp = Flask(__name__)\nif DEBUG:\n    subprocess.Popen(['npm', 'run', 'dev'], cwd='frontend')\n",
            ),
            (
                "server.py",
                "import webbrowser\nfrom fastapi import FastAPI\napp = FastAPI()\nif __name__ == '__main__':\n    if not args.no_browser:\n        webbrowser.open(url)\n",
            ),
            (
                "server.ts",
                "import express from 'express';\nimport open from 'open';\nconst app = express();\napp.listen(3000, () => {\n  if (process.env.NODE_ENV !== 'production') open('http://localhost:3000');\n});\n",
            ),
            (
                "src/index.ts",
                "import express from 'express';\nimport killPort from 'kill-port';\nconst app = express();\nconst isDev = process.env.NODE_ENV === 'development';\nif (isDev) { await killPort(3000); }\napp.listen(3000);\n",
            ),
            // A build, not a dev server; a builtin `open` reads a file.
            (
                "main.py",
                "import subprocess\nfrom fastapi import FastAPI\napp = FastAPI()\nsubprocess.run(['npm', 'run', 'build'], cwd='frontend', check=True)\nwith open('config.json') as f:\n    pass\n",
            ),
            // Not an entry point: a CLI module deep in a package.
            (
                "mytool/commands/login.py",
                "import webbrowser\n\ndef login():\n    webbrowser.open('https://example.com/device')\n",
            ),
            (
                "src/lib/browser.ts",
                "import open from 'open';\nexport function show(url: string) { return open(url); }\n",
            ),
            // Files for local development.
            (
                "dev_server.py",
                "import webbrowser\nfrom fastapi import FastAPI\napp = FastAPI()\nwebbrowser.open('http://localhost:8000')\n",
            ),
            ("scripts/dev.py", "import subprocess\nsubprocess.Popen(['npm', 'run', 'dev'])\n"),
            ("tests/main.py", "import webbrowser\nwebbrowser.open('http://localhost')\n"),
            // Inside a dev-only function.
            (
                "main.py",
                "import subprocess\nfrom fastapi import FastAPI\napp = FastAPI()\ndef run_dev():\n    subprocess.Popen('npm run dev', shell=True)\n",
            ),
            // Seen on real code: a local tool that opens the browser unless told not to.
            (
                "label_studio/server.py",
                "from flask import Flask\napp = Flask(__name__)\n\ndef main():\n    open_browser(url, input_args.no_browser)\n    app.run(port=8080)\n",
            ),
            // A log message that mentions the command is not a call to it.
            (
                "server.js",
                "const app = require('express')();\napp.listen(PORT).on('error', () => console.error(`run: npx kill-port ${PORT}`));\n",
            ),
            // A regex `exec` and an unrelated `kill`.
            (
                "server.js",
                "const express = require('express');\nconst app = express();\nconst m = /dev/.exec(name);\nprocess.kill(process.pid, 'SIGTERM');\napp.listen(3000);\n",
            ),
        ];
        let fail = [
            // The seed: a FastAPI entry point with the whole harness.
            (
                "main.py",
                "import shutil, subprocess, webbrowser\nimport uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\ndef kill_port(port):\n    subprocess.run(f'lsof -ti :{port} | xargs kill -9', shell=True)\n\nif __name__ == '__main__':\n    kill_port(8000)\n    shutil.rmtree('__pycache__', ignore_errors=True)\n    subprocess.Popen(['npm', 'run', 'dev'], cwd='frontend')\n    webbrowser.open('http://localhost:8000')\n    uvicorn.run(app, port=8000)\n",
            ),
            (
                "backend/app.py",
                "import os\nfrom flask import Flask\napp = Flask(__name__)\nos.system('npx kill-port 5000')\napp.run(port=5000)\n",
            ),
            (
                "main.py",
                "import pathlib, shutil\nimport uvicorn\nfrom api import app\nfor p in pathlib.Path('.').rglob('__pycache__'):\n    shutil.rmtree(p)\nuvicorn.run(app)\n",
            ),
            (
                "server.py",
                "from webbrowser import open_new_tab\nfrom fastapi import FastAPI\napp = FastAPI()\n\n@app.on_event('startup')\ndef startup():\n    open_new_tab('http://localhost:8000/docs')\n",
            ),
            (
                "server.ts",
                "import express from 'express';\nimport open from 'open';\nconst app = express();\napp.listen(3000, () => open('http://localhost:3000'));\n",
            ),
            (
                "src/index.ts",
                "import express from 'express';\nimport killPort from 'kill-port';\nconst app = express();\nawait killPort(3000);\napp.listen(3000);\n",
            ),
            // Seen on real code: `kill-port` imported under another name.
            (
                "index.js",
                "const express = require('express')\nconst kill = require('kill-port')\nconst app = express()\nconst port = 5000\n\nkill(port, 'tcp');\n\napp.listen(port)\n",
            ),
            (
                "server.js",
                "const { execSync, spawn } = require('child_process');\nconst express = require('express');\nconst app = express();\nexecSync('lsof -ti:3000 | xargs kill -9 || true');\nspawn('npm', ['run', 'dev'], { cwd: 'client', stdio: 'inherit' });\napp.listen(3000);\n",
            ),
            (
                "api/main.ts",
                "import { execa } from 'execa';\nimport Fastify from 'fastify';\nconst app = Fastify();\nawait execa('npx', ['vite', '--port', '5173']);\nawait app.listen({ port: 3000 });\n",
            ),
            (
                "app.py",
                "import subprocess\nfrom fastapi import FastAPI\napp = FastAPI()\nif ENABLE_FRONTEND:\n    subprocess.Popen('yarn dev', shell=True, cwd='web')\n",
            ),
        ];
        Tester::new::<DevToolingInEntrypoint>(pass, fail).test_and_snapshot();
    }
}
