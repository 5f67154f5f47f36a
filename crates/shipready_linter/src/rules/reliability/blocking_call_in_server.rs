use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::Expression;
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{AnyNodeRef, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{Gate, JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds calls that stop a web server in its tracks, in code the server runs:
    /// - interactive input: Python `input()` and `getpass()`; Node
    ///   `readline.createInterface({ input: process.stdin })`, `readline-sync`, `prompt-sync`,
    ///   `inquirer`/`prompts`;
    /// - blocking calls inside `async` functions: `time.sleep()`, `requests.*`,
    ///   `urllib.request.urlopen()`, `subprocess.run()` and friends in Python; `execSync`,
    ///   `spawnSync`, `execFileSync` and `Atomics.wait` in JS.
    ///
    /// A call counts only if its module is web-server code (it imports FastAPI, Flask, Django,
    /// Express, Fastify, Koa, Hono, Next.js route modules, …) or is imported, directly or
    /// through other modules, by such code. An `input()` in a helper that a route module
    /// imports counts; the same call in a CLI script, or in an `if __name__ == "__main__":`
    /// block, does not; nor does a prompt in an explicitly interactive path (a function with an
    /// `interactive` or TTY parameter, or under `if sys.stdin.isatty():`).
    ///
    /// ## Known limitations
    /// Reachability follows imports, not calls: a prompt in a function that the server imports
    /// but never calls is still reported. Server code is a module that imports a web framework
    /// and builds an app or router or declares routes there.
    ///
    /// ## Why is this bad?
    /// A server worker waiting for a terminal that does not exist hangs forever: the request
    /// times out and the worker is lost. A blocking call inside an `async` handler freezes the
    /// event loop, so every other request on that worker waits too.
    ///
    /// ## Example
    /// ```python
    /// # workflows/steps/room_availability.py, imported by api/routes/messages.py
    /// answer = input("Approve these rooms? [y/N] ")
    /// ```
    /// ```python
    /// @router.post("/events")
    /// async def create_event(body: Event):
    ///     time.sleep(2)
    /// ```
    ///
    /// ## Use instead
    /// Queue the decision for a human-in-the-loop task instead of prompting, and
    /// `await asyncio.sleep(2)` / an async HTTP client inside async handlers.
    pub(crate) struct BlockingCallInServer {
        id: "blocking-call-in-server",
        area: Reliability,
        severity: Critical,
        since: "0.1.0",
        title: "Blocking or interactive call in server code",
        rationale: "An interactive prompt hangs a server worker; a blocking call stalls its event loop.",
        fix: "Remove interactive input from server paths and use async equivalents in async handlers.",
    }
}

/// Python calls that block the event loop when made from an `async def`.
const PY_BLOCKING: &[&str] = &[
    "time.sleep",
    "requests.get",
    "requests.post",
    "requests.put",
    "requests.patch",
    "requests.delete",
    "requests.head",
    "requests.request",
    "urllib.request.urlopen",
    "subprocess.run",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
];

/// npm packages that read from the terminal.
const JS_INTERACTIVE_PACKAGES: &[&str] = &["readline-sync", "prompt-sync", "inquirer", "prompts", "@inquirer/prompts"];

impl Rule for BlockingCallInServer {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression, AstType::ImportDeclaration];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        if py::in_main_guard(ctx.ancestors()) {
            return;
        }
        let Some(name) = py::dotted_name(&call.func) else { return };
        let body = &ctx.module.body;
        let interactive = match name.as_str() {
            "input" => !py::binds_at_top_level(body, "input"),
            "getpass" => py::imports_name_from(body, "getpass", "getpass"),
            "getpass.getpass" => true,
            _ => false,
        };
        if interactive && !in_interactive_mode(ctx) {
            let message = format!("`{name}()` waits for terminal input and hangs the worker");
            ctx.report_gated(call.range(), Gate::ServerReachable, message);
            return;
        }
        let Some(function) = py::enclosing_function(ctx.ancestors()).filter(|f| f.is_async) else { return };
        // `sleep(…)` after `from time import sleep` is `time.sleep`.
        let qualified = match name.split_once('.') {
            None => ["time", "subprocess", "requests"]
                .into_iter()
                .find(|module| py::imports_name_from(body, module, &name))
                .map_or(name.clone(), |module| format!("{module}.{name}")),
            Some(_) => name.clone(),
        };
        if PY_BLOCKING.contains(&qualified.as_str()) {
            let module = qualified.split('.').next().unwrap_or_default();
            if !py::module_imports(body, module) {
                return;
            }
            let message = format!("`{name}()` blocks the event loop inside `async def {}`", function.name.as_str());
            ctx.report_gated(call.range(), Gate::ServerReachable, message);
        }
    }

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        match node.kind() {
            AstKind::ImportDeclaration(import) => {
                let source = import.source.value.as_str();
                if JS_INTERACTIVE_PACKAGES.contains(&source) && !import.import_kind.is_type() {
                    let message = format!("`{source}` prompts on the terminal and hangs the worker");
                    ctx.report_gated(import.span, Gate::ServerReachable, message);
                }
            }
            AstKind::CallExpression(call) => {
                if let Some(source) = call.common_js_require() {
                    if JS_INTERACTIVE_PACKAGES.contains(&source.value.as_str()) {
                        let message = format!("`{}` prompts on the terminal and hangs the worker", source.value);
                        ctx.report_gated(call.span, Gate::ServerReachable, message);
                    }
                    return;
                }
                if js::method_name(call) == Some("createInterface")
                    && reads_stdin(call.arguments.first().and_then(|a| a.as_expression()))
                {
                    ctx.report_gated(
                        call.span,
                        Gate::ServerReachable,
                        "`readline.createInterface` on `process.stdin` waits for terminal input and hangs the worker",
                    );
                    return;
                }
                // The callee's last name first: most calls are ruled out before their path is built.
                let last = js::method_name(call).or_else(|| call.callee_name());
                if !matches!(last, Some("execSync" | "spawnSync" | "execFileSync" | "wait")) {
                    return;
                }
                let name = js::dotted_path(&call.callee).unwrap_or_default();
                let last = name.rsplit('.').next().unwrap_or_default();
                let blocking = matches!(last, "execSync" | "spawnSync" | "execFileSync") || name == "Atomics.wait";
                if !blocking {
                    return;
                }
                let in_async = js::enclosing_function(ctx.nodes(), node).is_some_and(|f| match f.kind() {
                    AstKind::Function(function) => function.r#async,
                    AstKind::ArrowFunctionExpression(arrow) => arrow.r#async,
                    _ => false,
                });
                if in_async {
                    let message = format!("`{name}()` blocks the event loop inside an async function");
                    ctx.report_gated(call.span, Gate::ServerReachable, message);
                }
            }
            _ => {}
        }
    }
}

/// `{ input: process.stdin, … }`
fn reads_stdin(options: Option<&Expression<'_>>) -> bool {
    let Some(Expression::ObjectExpression(options)) = options.map(js::inner) else { return false };
    js::object_property(options, "input").and_then(js::dotted_path).is_some_and(|path| path == "process.stdin")
}

/// Whether the prompt sits in a code path that is explicitly interactive: a function that takes
/// or checks an `interactive` flag or a TTY (`def login(interactive=True)`, `if sys.stdin.isatty():`).
fn in_interactive_mode(ctx: &PyContext<'_, '_>) -> bool {
    ctx.ancestors().any(|node| match node {
        AnyNodeRef::StmtFunctionDef(function) => {
            let params = ctx.file.slice(function.parameters.range());
            params.contains("interactive") || params.contains("tty")
        }
        AnyNodeRef::StmtIf(branch) => {
            let test = ctx.file.slice(branch.test.range());
            test.contains("interactive") || test.contains("isatty")
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::BlockingCallInServer;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            // Not reachable from any server module.
            Case::from(("tools_helper/review.py", "def review():\n    return input('ok? ')\n")),
            Case::from(("app/cli.py", "import time\n\nasync def main():\n    time.sleep(1)\n")),
            // `__main__` blocks of tools.
            Case::from((
                "app/server.py",
                "from fastapi import FastAPI\napp = FastAPI()\nif __name__ == '__main__':\n    input('press enter')\n",
            )),
            // Sync sleeps outside async functions, and async sleeps.
            Case::from((
                "app/server.py",
                "import time\nfrom fastapi import FastAPI\napp = FastAPI()\n\ndef warm():\n    time.sleep(1)\n",
            )),
            Case::from((
                "app/server.py",
                "import asyncio\nfrom fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/')\nasync def index():\n    await asyncio.sleep(1)\n",
            )),
            // A local `input` is not the builtin.
            Case::from((
                "app/server.py",
                "from fastapi import FastAPI\nfrom .forms import input\napp = FastAPI()\nx = input('name')\n",
            )),
            Case::project([
                ("api/routes.py", "from fastapi import APIRouter\nrouter = APIRouter()\n"),
                ("scripts/seed.py", "import helpers.review\n"),
                ("helpers/review.py", "answer = input('approve? ')\n"),
            ]),
            Case::from((
                "src/server.ts",
                "import express from 'express';\nconst app = express();\nexecSync('git rev-parse HEAD');",
            )),
            Case::from(("src/cli.ts", "import readlineSync from 'readline-sync';\nreadlineSync.question('name? ');")),
            // Importing a framework for its types does not make a module a server.
            Case::from(("app/otlp.py", "from fastapi import HTTPException\nhost = input('host? ')\n")),
            // An explicitly interactive path.
            Case::from((
                "app/server.py",
                "from fastapi import FastAPI\napp = FastAPI()\n\ndef login(interactive=True):\n    return input('host? ')\n",
            )),
            Case::from((
                "app/server.py",
                "import sys\nfrom fastapi import FastAPI\napp = FastAPI()\n\ndef ask():\n    if sys.stdin.isatty():\n        return input('host? ')\n",
            )),
            Case::from((
                "src/server.ts",
                "import express from 'express';\nimport type { Answers } from 'inquirer';\nconst app = express();",
            )),
        ];
        let fail = [
            Case::project([
                (
                    "api/routes/messages.py",
                    "from fastapi import APIRouter\nfrom workflows.steps.step3_room_availability.db_pers import room_availability_pipeline\nrouter = APIRouter()\n",
                ),
                (
                    "workflows/steps/step3_room_availability/db_pers/room_availability_pipeline.py",
                    "def review(rooms):\n    answer = input('Approve these rooms? [y/N] ')\n    return answer == 'y'\n",
                ),
            ]),
            Case::from((
                "app/main.py",
                "from flask import Flask\nimport getpass\napp = Flask(__name__)\npw = getpass.getpass()\n",
            )),
            Case::from((
                "api/routes/events.py",
                "import time\nfrom fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/events')\nasync def create_event():\n    time.sleep(2)\n",
            )),
            Case::from((
                "api/routes/events.py",
                "import requests\nfrom fastapi import APIRouter\nrouter = APIRouter()\n\nasync def fetch():\n    return requests.get(URL, timeout=5)\n",
            )),
            Case::from((
                "api/app.py",
                "from time import sleep\nfrom starlette.applications import Starlette\n\nasync def handler(request):\n    sleep(1)\n\napp = Starlette()\n",
            )),
            Case::project([
                (
                    "src/server.ts",
                    "import express from 'express';\nimport { review } from './review';\nconst app = express();",
                ),
                (
                    "src/review.ts",
                    "import readline from 'node:readline';\nexport const rl = readline.createInterface({ input: process.stdin, output: process.stdout });",
                ),
            ]),
            Case::from((
                "src/server.js",
                "const express = require('express');\nconst app = express();\nconst prompt = require('prompt-sync')();",
            )),
            Case::from((
                "src/server.ts",
                "import express from 'express';\nimport { execSync } from 'node:child_process';\nconst app = express();\napp.get('/v', async (req, res) => { res.send(execSync('git describe')); });",
            )),
        ];
        Tester::new::<BlockingCallInServer>(pass, fail).test_and_snapshot();
    }
}
