use shipready_lang::Language;
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind, Stmt};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{FileInfo, JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::comments::{allowed_by_peer_tool, leading_comments};
use crate::helpers::names::split_words;
use crate::helpers::tree;
use crate::helpers::{js, py};
use crate::rule::Rule;
use shipready_lang::tree::{Node, text};

declare_rule! {
    /// ## What it does
    /// Finds `print()` in Python and `console.log`/`console.info`/`console.debug` in JS/TS
    /// application and library code.
    ///
    /// Scripts, CLIs (files with a hashbang or that use argparse, click, typer, commander,
    /// yargs…, and Python modules that run as scripts without serving HTTP), tests,
    /// `if __name__ == "__main__":` blocks, logger implementations (`log.js`, `logger.ts`)
    /// and `print(..., file=handle)` writes to files stay silent. So do Go and Rust files under
    /// a `cmd/` or `cli/` folder or that parse arguments (`flag`, cobra, urfave/cli, kingpin,
    /// kong, clap) and do not serve HTTP; JS files that read `process.argv` and serve
    /// nothing; functions that exist to
    /// print (`$print`, `printUsage`, `dump`, `display_version`, or documented as printing or
    /// displaying); prints gated on a verbosity, debug or `print`/`quiet` flag; Rust items
    /// compiled only for developers (`#[cfg(debug_assertions)]`, `#[cfg(fuzzing)]`, a custom
    /// `--cfg` flag such as `#[cfg(tokio_internal_mt_counters)]`); and files that
    /// disable ruff's `T201` for the whole file (`# ruff: noqa: T201`).
    ///
    /// ## Why is this bad?
    /// Print output has no level, no timestamp, no request id and no structure: it cannot be
    /// filtered, searched or alerted on, and it often leaks personal data into container logs.
    /// In hot paths it also floods the log and slows the service.
    ///
    /// ## Example
    /// ```python
    /// print(f"planner state: {state}")
    /// ```
    /// ```ts
    /// console.log("magic link", link);
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// logger.debug("planner state", extra={"state": state.id})
    /// ```
    /// ```ts
    /// log.debug({ userId }, "magic link sent");
    /// ```
    pub(crate) struct PrintLogging {
        id: "print-logging",
        area: Observability,
        severity: Medium,
        since: "0.1.0",
        title: "Print statement used as logging",
        rationale: "Printed output has no level, context or structure and cannot be filtered or alerted on.",
        fix: "Use the project's logger (logging, structlog, pino, winston) at an explicit level.",
    }
}

/// Python modules whose import marks a file as a command-line tool.
const PY_CLI_MODULES: &[&str] = &["argparse", "click", "typer", "fire", "docopt", "optparse", "getopt"];
/// npm packages whose import marks a file as a command-line tool.
const JS_CLI_PACKAGES: &[&str] =
    &["commander", "yargs", "yargs/yargs", "meow", "cac", "@oclif/core", "minimist", "inquirer", "prompts", "ora"];

impl Rule for PrintLogging {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Rust, Language::Go];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const RUST_KINDS: &'static [&'static str] = &["macro_invocation"];
    const GO_KINDS: &'static [&'static str] = &["call_expression"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        let Some(member) = call.callee.get_member_expr() else { return };
        let Some(method @ ("log" | "info" | "debug")) = member.static_property_name() else { return };
        if !js::is_global_reference(ctx.semantic, member.object(), "console")
            || is_js_cli(ctx)
            || is_logger_module(ctx.file)
            || in_js_print_helper(node, ctx)
            || ctx
                .ancestors(node)
                .any(|a| matches!(a.kind(), AstKind::IfStatement(branch) if is_output_flag(ctx.text_of(&branch.test))))
            || allowed_by_peer_tool(ctx.file, call.span.start, &["no-console"])
        {
            return;
        }
        ctx.report(call.callee.span(), format!("`console.{method}()` in application code; use a logger"));
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let Expr::Name(name) = call.func.as_ref() else { return };
        if name.id.as_str() != "print" || py::binds_at_top_level(&ctx.module.body, "print") {
            return;
        }
        // `print(..., file=fh)` writes to a file; only stdout/stderr is logging.
        if let Some(target) = py::keyword(call, "file") {
            let target = py::dotted_name(target).unwrap_or_default();
            if !matches!(target.as_str(), "sys.stdout" | "sys.stderr") {
                return;
            }
        }
        let verbosity_gated = ctx.ancestors().any(
            |node| matches!(node, AnyNodeRef::StmtIf(branch) if is_output_flag(ctx.file.slice(branch.test.range()))),
        );
        let print_helper = py::enclosing_function(ctx.ancestors()).is_some_and(|function| {
            let docstring = match function.body.first() {
                Some(Stmt::Expr(expr)) => py::string_value(&expr.value),
                _ => None,
            };
            names_a_print_helper(function.name.as_str()) || docstring.is_some_and(|d| says_it_prints(&d))
        });
        if py::in_main_guard(ctx.ancestors())
            || verbosity_gated
            || print_helper
            || is_py_cli(ctx)
            || is_logger_module(ctx.file)
            || ruff_file_noqa(ctx.file)
            || allowed_by_peer_tool(ctx.file, name.range.start().to_u32(), &["T201", "T20"])
        {
            return;
        }
        ctx.report(name.range, "`print()` in application code; use the `logging` module");
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Self::check_tree_node(node, ctx);
    }
}

fn is_js_cli(ctx: &JsContext<'_, '_>) -> bool {
    *ctx.file.memo.js_cli.get_or_init(|| reads_own_command_line(ctx))
}

fn reads_own_command_line(ctx: &JsContext<'_, '_>) -> bool {
    // A file that reads its own command line and serves nothing is a script run by hand or by
    // another program (`git` runs an askpass helper and reads what it prints).
    let text = ctx.file.text;
    let reads_argv = text.contains("process.argv")
        && !["createServer", ".listen(", "express(", "fastify("].iter().any(|server| text.contains(server));
    ctx.program().hashbang.is_some() || reads_argv || JS_CLI_PACKAGES.iter().any(|package| ctx.imports_module(package))
}

/// Whether the console call is inside a function that exists to print: `$print`, `dump`,
/// `printUsage`, or one whose doc comment says it prints.
fn in_js_print_helper<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let nodes = ctx.nodes();
    let mut current = js::enclosing_function(nodes, node);
    while let Some(function) = current {
        if js::function_name(nodes, function).is_some_and(|name| names_a_print_helper(&name)) {
            return true;
        }
        if js::doc_comment_says(function, ctx, says_it_prints) {
            return true;
        }
        current = js::enclosing_function(nodes, function);
    }
    false
}

/// Whether a Go or Rust call is inside a named function that exists to print.
fn in_tree_print_helper(node: Node<'_>, file: &FileInfo<'_>) -> bool {
    tree::enclosing_named_function(node, file.text).is_some_and(|(name, function)| {
        names_a_print_helper(name) || leading_comments(file, function.start_byte()).any(says_it_prints)
    })
}

/// Names of functions whose job is to print to a terminal: `print_table`, `$print`, `dump`,
/// `displayVersion`, `printUsage`, `showHelp`, `usage`.
fn names_a_print_helper(name: &str) -> bool {
    let words = split_words(name);
    let first = words.first().map(String::as_str);
    let last = words.last().map(String::as_str);
    matches!(first, Some("print" | "pprint" | "dump" | "display" | "usage")) || matches!(last, Some("usage" | "help"))
}

/// Whether a function's documentation says it prints or displays its output.
fn says_it_prints(doc: &str) -> bool {
    split_words(doc).iter().any(|word| {
        matches!(
            word.as_str(),
            "print" | "prints" | "printing" | "display" | "displays" | "displaying" | "stdout" | "terminal"
        )
    })
}

/// Whether an `if` condition is an output or debug switch: `verbose`, `verbosity >= 2`,
/// `print_message`, `not quiet`, `debugEvents`.
fn is_output_flag(condition: &str) -> bool {
    condition.contains("verbos")
        || split_words(condition).iter().any(|word| matches!(word.as_str(), "print" | "quiet" | "silent" | "debug"))
}

/// ruff's file-level suppression of the print rule: `# ruff: noqa: T201` (or `T20`, or a bare
/// `# ruff: noqa`), and flake8's `# flake8: noqa`.
fn ruff_file_noqa(file: &FileInfo<'_>) -> bool {
    file.comments.iter().any(|comment| {
        let text = file.slice(*comment).trim_start_matches('#').trim();
        let Some(rest) = text.strip_prefix("ruff:").or_else(|| text.strip_prefix("flake8:")) else { return false };
        let Some(codes) = rest.trim().strip_prefix("noqa") else { return false };
        let codes = codes.trim();
        codes.is_empty() || ["T201", "T20"].iter().any(|code| codes.contains(code))
    })
}

/// Whether a Go or Rust file lives under a `cmd/` or `cli/` folder, or is named for its
/// command line (`cli_output.rs`).
fn in_cli_folder(path: &str) -> bool {
    let mut segments: Vec<&str> = path.split('/').collect();
    let file = segments.pop().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or(file);
    segments.iter().any(|segment| matches!(*segment, "cmd" | "cli"))
        || split_words(stem).iter().any(|word| word == "cli")
}

impl PrintLogging {
    /// Rust `println!`/`print!`/`dbg!` outside tests and binaries' `main.rs`/`src/bin/`; Go
    /// `fmt.Print*` outside command-line `main` packages.
    fn check_tree_node<'t>(node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        match node.kind() {
            "macro_invocation" => {
                let Some(name) = node.child_by_field_name("macro").map(|m| text(m, source)) else { return };
                if !matches!(name, "println" | "print" | "dbg") || ctx.in_rust_test(node) {
                    return;
                }
                let path = ctx.file.path;
                let binary = path.ends_with("main.rs") || path.contains("/bin/") || path.starts_with("bin/");
                if binary
                    || ctx.file.text.contains("use clap")
                    || ctx.file.text.contains("clap::")
                    || in_cli_folder(path)
                    || in_tree_print_helper(node, ctx.file)
                    || in_developer_cfg(node, source)
                {
                    return;
                }
                ctx.report(node, format!("`{name}!` in application code; use a logger (`tracing`, `log`)"));
            }
            "call_expression" => {
                let Some(function) = node.child_by_field_name("function").map(|f| text(f, source)) else { return };
                if !matches!(function, "fmt.Println" | "fmt.Printf" | "fmt.Print") {
                    return;
                }
                let cli = [
                    "\"flag\"",
                    "github.com/spf13/cobra",
                    "github.com/urfave/cli",
                    "github.com/alecthomas/kong",
                    "alecthomas/kingpin",
                ]
                .iter()
                .any(|package| ctx.file.text.contains(package))
                    || in_cli_folder(ctx.file.path);
                // A server that takes a few flags is still a server: its output is its log.
                let serves = ["ListenAndServe", "http.Serve("].iter().any(|call| ctx.file.text.contains(call));
                if (cli && !serves) || in_tree_print_helper(node, ctx.file) {
                    return;
                }
                ctx.report(node, format!("`{function}` in application code; use a logger (`log/slog`, zap)"));
            }
            _ => {}
        }
    }
}

/// Whether a Rust node sits in an item compiled only for the crate's developers: under
/// `#[cfg(debug_assertions)]`, `#[cfg(fuzzing)]`, `#[cfg(loom)]` or a custom `--cfg` flag
/// that no ordinary build sets (`#[cfg(tokio_internal_mt_counters)]`).
fn in_developer_cfg(node: Node<'_>, source: &str) -> bool {
    std::iter::successors(Some(node), Node::parent).any(|item| {
        std::iter::successors(item.prev_named_sibling(), Node::prev_named_sibling)
            .take_while(|sibling| sibling.kind() == "attribute_item" || sibling.kind().ends_with("comment"))
            .any(|sibling| sibling.kind() == "attribute_item" && is_developer_cfg(text(sibling, source)))
    })
}

/// `#[cfg(name)]` with a bare name that is not one of the platform or build names every build
/// may have set (`unix`, `windows`, `doc`, `test` — tests are handled on their own).
fn is_developer_cfg(attribute: &str) -> bool {
    let compact: String = attribute.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(name) = compact.strip_prefix("#[cfg(").and_then(|rest| rest.strip_suffix(")]")) else { return false };
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(name, "unix" | "windows" | "doc" | "test" | "proc_macro" | "miri" | "docsrs")
}

/// A logging module's own sink writes to the console: `log.js`, `logger.ts`, `logging.py`.
fn is_logger_module(file: &FileInfo<'_>) -> bool {
    let name = file.file_name();
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    matches!(stem.as_str(), "log" | "logger" | "logging" | "logs" | "console")
}

/// A module is a command-line tool if it imports a CLI library, or if it runs as a script
/// (`if __name__ == "__main__":`) without serving HTTP itself.
fn is_py_cli(ctx: &PyContext<'_, '_>) -> bool {
    let body = &ctx.module.body;
    let runs_as_script = body.iter().any(|stmt| matches!(stmt, Stmt::If(guard) if py::is_main_guard(guard)));
    let stem = ctx.file.file_name().rsplit_once('.').map_or(ctx.file.file_name(), |(stem, _)| stem);
    if runs_as_script && !py::serves_http(body, stem) {
        return true;
    }
    body.iter().any(|stmt| match stmt {
        Stmt::Import(import) => import.names.iter().any(|alias| is_cli_module(alias.name.as_str())),
        Stmt::ImportFrom(import) => {
            import.level == 0 && import.module.as_ref().is_some_and(|m| is_cli_module(m.as_str()))
        }
        _ => false,
    })
}

fn is_cli_module(module: &str) -> bool {
    let top = module.split('.').next().unwrap_or(module);
    PY_CLI_MODULES.contains(&top)
}

#[cfg(test)]
mod tests {
    use super::PrintLogging;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("app/service.py", "logger.info('started')\n"),
            ("app/service.py", "if __name__ == '__main__':\n    print('usage: service')\n"),
            ("app/cli.py", "import argparse\n\ndef main():\n    print('done')\n"),
            ("app/cli.py", "import click\n\n@click.command()\ndef main():\n    print('done')\n"),
            ("app/report.py", "def write(fh, rows):\n    for r in rows:\n        print(r, file=fh)\n"),
            (
                "app/sync.py",
                "def sync(items, verbosity=1):\n    if verbosity >= 2:\n        print('syncing', len(items))\n",
            ),
            ("app/hooks.py", "import json\n\ndef hook():\n    print(json.dumps(response()))  # noqa: T201\n"),
            ("src/report.ts", "// eslint-disable-next-line no-console\nconsole.log(table);"),
            ("src/report.ts", "/* eslint-disable no-console */\nexport function show() { console.log(table); }"),
            ("app/service.py", "from rich import print\nprint('[bold]hi')\n"),
            ("scripts/migrate.py", "print('migrating')\n"),
            ("tests/test_service.py", "print('debug')\n"),
            ("shop/management/commands/seed.py", "print('seeded')\n"),
            ("app/server_cli.py", "def main():\n    print('starting')\n\nif __name__ == '__main__':\n    main()\n"),
            ("lib/log.js", "function write(level, msg) { console.log(`[${level}] ${msg}`); }"),
            ("src/logger.ts", "export const logger = { info: (m: string) => console.info(m) };"),
            ("src/server.ts", "logger.info('listening');\nconsole.error('boom');\nconsole.warn('careful');"),
            ("src/cli.ts", "#!/usr/bin/env node\nconsole.log('hello');"),
            ("src/cli.ts", "import { Command } from 'commander';\nconsole.log('hello');"),
            ("src/cli.js", "const { program } = require('commander');\nconsole.log('hello');"),
            ("src/a.ts", "const console = makeLogger();\nconsole.log('structured');"),
            ("src/a.test.ts", "console.log('debug');"),
            ("next.config.js", "console.log('building');"),
            ("src/main.rs", "fn main() { println!(\"usage: tool <file>\"); }\n"),
            // Seen on real code (tokio): counters printed only in a developer's build.
            (
                "src/runtime/counters.rs",
                "#[cfg(tokio_internal_mt_counters)]\nmod imp {\n    impl Drop for Counters {\n        fn drop(&mut self) {\n            println!(\"polls: {}\", n);\n        }\n    }\n}\n",
            ),
            (
                "src/pool.rs",
                "pub fn take() {\n    #[cfg(debug_assertions)]\n    {\n        println!(\"taken\");\n    }\n}\n",
            ),
            ("src/bin/migrate.rs", "fn main() { println!(\"migrating\"); }\n"),
            (
                "src/lib.rs",
                "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { println!(\"debug\"); }\n}\n",
            ),
            ("src/cli.rs", "use clap::Parser;\npub fn run() { println!(\"done\"); }\n"),
            (
                "cmd/tool/main.go",
                "package main\n\nimport (\n\t\"flag\"\n\t\"fmt\"\n)\n\nfunc main() {\n\tflag.Parse()\n\tfmt.Println(\"done\")\n}\n",
            ),
            ("internal/a/a.go", "package a\n\nfunc f() { log.Printf(\"loaded %d\", n) }\n"),
            // alertmanager's amtool: a kingpin CLI package under cli/.
            (
                "cli/check_config.go",
                "package cli\n\nimport (\n\t\"fmt\"\n\t\"gopkg.in/alecthomas/kingpin.v2\"\n)\n\nfunc check() {\n\tfmt.Printf(\"  SUCCESS\\n\")\n}\n",
            ),
            ("cli/routing.go", "package cli\n\nimport \"fmt\"\n\nfunc show() {\n\tfmt.Println(\"Routing tree:\")\n}\n"),
            (
                "cmd/syncthing/monitor.go",
                "package main\n\nimport \"fmt\"\n\nfunc rotate() {\n\tfmt.Println(\"LOG: Rotating logs:\", err)\n}\n",
            ),
            (
                "_examples/rest/main.go",
                "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Printf(\"err: %s\\n\", err)\n}\n",
            ),
            ("client-examples/python/client.py", "def upload():\n    print(text)\n"),
            // mongoose: the debug printer itself.
            (
                "lib/drivers/collection.js",
                "/**\n * Debug print helper\n */\n\nNativeCollection.prototype.$print = function(name) {\n  console.info('Mongoose: ' + name);\n};\n",
            ),
            ("lib/flows/Flow.js", "class Flow {\n  dump() {\n    console.log(this.TYPE, this.id);\n  }\n}\n"),
            (
                "lib/git/authWriter.js",
                "var socket = net.connect(process.argv[2], function() {\n  socket.on('data', function(data) { console.log(data); });\n});\n",
            ),
            (
                "django/contrib/gis/utils/ogrinfo.py",
                "def ogrinfo(data_source, num_features=10):\n    \"\"\"Walk the layers, displaying the fields of the first features.\"\"\"\n    print('data source : %s' % data_source.name)\n",
            ),
            (
                "app/common.py",
                "def check_version(print_message=True):\n    if outdated and print_message:\n        print(message())\n",
            ),
            (
                "mlflow/store/fs2db/__init__.py",
                "# ruff: noqa: T201\nimport warnings\n\ndef migrate():\n    print(summary)\n",
            ),
            (
                "src/settings/cli_output.rs",
                "/// Show details about the server.\npub fn display_version() {\n    println!(\"Version: {}\", VERSION);\n}\n",
            ),
            (
                "gui/core/eventService.js",
                "function onEvents(data) {\n  if (debugEvents) {\n    console.log('event', data.id);\n  }\n}\n",
            ),
            ("src/util.rs", "pub fn print_usage() {\n    println!(\"usage: tool <file>\");\n}\n"),
        ];
        let fail = [
            ("adapters/agent_adapter.py", "def call(prompt):\n    print(f'calling agent with {prompt}')\n"),
            (
                "app/main.py",
                "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/')\ndef index():\n    print('hit')\n\nif __name__ == '__main__':\n    run(app)\n",
            ),
            ("workflows/planner/plan.py", "import sys\n\ndef plan():\n    print('planning', file=sys.stderr)\n"),
            ("agent-server/lib/magic-link.js", "function send(link) {\n  console.log('magic link', link);\n}"),
            ("src/gateway/secret-store.ts", "console.info(`stored ${name}`);"),
            ("src/app/page.tsx", "export default function Page() { console.debug('render'); return null; }"),
            ("src/store.rs", "pub fn save(item: &Item) {\n    println!(\"saving {item:?}\");\n}\n"),
            ("src/handlers.rs", "pub async fn create() { dbg!(&state); }\n"),
            ("src/sys.rs", "#[cfg(unix)]\npub fn open() {\n    println!(\"opening\");\n}\n"),
            (
                "internal/server/handler.go",
                "package server\n\nimport \"fmt\"\n\nfunc Handle() {\n\tfmt.Printf(\"request %v\\n\", r)\n}\n",
            ),
            (
                "cmd/gateway/main.go",
                "package main\n\nimport (\n\t\"flag\"\n\t\"fmt\"\n\t\"net/http\"\n)\n\nfunc main() {\n\tflag.Parse()\n\tfmt.Println(\"listening\")\n\thttp.ListenAndServe(\":80\", nil)\n}\n",
            ),
            // Library code that prints on an error path, and a server that reads argv.
            (
                "lib/locations/locations.go",
                "package locations\n\nimport \"fmt\"\n\nfunc userHomeDir() string {\n\tfmt.Println(err)\n\treturn \"\"\n}\n",
            ),
            (
                "lib/server.js",
                "const port = process.argv[2];\nhttp.createServer(handler).listen(port);\nconsole.log('listening');\n",
            ),
            ("app/models/knowledge.py", "def search(fingerprint):\n    if fingerprint:\n        print(fingerprint)\n"),
            ("app/models/knowledge.py", "# noqa: E501\ndef search():\n    print('x')\n"),
            (
                "lib/admin/nodes.js",
                "function getModule(req, res) {\n  load().catch(function(err) { console.log(err.stack); });\n}\n",
            ),
        ];
        Tester::new::<PrintLogging>(pass, fail).test_and_snapshot();
    }
}
