use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{Argument, CallExpression, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use super::{excerpt, is_input_read, is_object_state, reads_request};
use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds shell commands put together from values that are not constants: `exec` and
    /// `execSync` from `child_process` (imported, required, called through the module or
    /// promisified) given a template literal with `${}` or a `+` concatenation, `spawn`/
    /// `execFile` with `{ shell: true }` or run as `sh -c <command>`, and in Python
    /// `subprocess.run`/`call`/`check_call`/`check_output`/`Popen` with `shell=True`,
    /// `subprocess.getoutput`, `os.system`, `os.popen` and `asyncio.create_subprocess_shell`
    /// given an f-string, `+`, `%` or `.format()`. A command built in a local variable first
    /// counts too.
    ///
    /// Argument vectors without a shell (`execFile('git', [ref])`, `spawn('ls', [dir])`,
    /// `subprocess.run(["git", ref])`), constant commands, numbers, values quoted for the shell
    /// (`shlex.quote`, `shell-quote`'s `quote`), results of other calls (helpers the code
    /// decides), object state (`this.binPath`) and commands built elsewhere (`cmd`, `command`)
    /// are not reported.
    ///
    /// ## Why is this bad?
    /// The shell reads the whole string as a command line: a `;`, `|`, `$(...)` or backtick in
    /// a spliced value starts a command of its own. Whoever controls the value runs anything the
    /// server's user can.
    ///
    /// ## Example
    /// ```ts
    /// exec(`git clone ${repoUrl} /tmp/checkout`);
    /// ```
    /// ```python
    /// subprocess.run(f"convert {upload_path} out.png", shell=True)
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// execFile("git", ["clone", "--", repoUrl, "/tmp/checkout"]);
    /// ```
    /// ```python
    /// subprocess.run(["convert", upload_path, "out.png"])
    /// ```
    ///
    /// ## Known limitations
    /// Values are followed three local variables deep; a command built in another function and
    /// passed in whole (`exec(cmd)`) is not seen. Rust and Go are not covered yet.
    pub(crate) struct CommandInjection {
        id: "command-injection",
        area: Security,
        severity: Critical,
        since: "0.1.0",
        title: "Shell command built from values",
        rationale: "Values spliced into a shell command line can run commands of their own.",
        fix: "Pass arguments as a list to a call that runs no shell (`execFile`, `subprocess.run([...])`).",
    }
}

impl Rule for CommandInjection {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const NEEDLES: &'static [&'static str] =
        &["child_process", "subprocess", "os.system", "os.popen", "system(", "popen("];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        let Some(function) = js::child_process_function(ctx.semantic, call) else { return };
        let command = match function {
            "exec" | "execSync" => js::arg(call, 0),
            "spawn" | "spawnSync" | "execFile" | "execFileSync" => {
                if runs_shell(call) {
                    js::arg(call, 0)
                } else {
                    js::inline_script(call).filter(|(program, _)| is_shell(program)).map(|(_, script)| script)
                }
            }
            _ => None,
        };
        let Some(command) = command else { return };
        let built = js::spliced(ctx.semantic, command);
        if !built.built {
            return;
        }
        if let Some(value) = built.values.iter().find(|value| !js_safe(value, ctx)) {
            let shown = excerpt(ctx.text_of(*value));
            ctx.report(command.span(), format!("`{function}` runs a shell command built from `{shown}`"));
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let Some(function) = py::process_function(ctx.module, call) else { return };
        let first =
            call.arguments.args.first().or_else(|| py::keyword(call, "args").or_else(|| py::keyword(call, "cmd")));
        let Some(first) = first else { return };
        let command = match function.as_str() {
            "os.system"
            | "os.popen"
            | "subprocess.getoutput"
            | "subprocess.getstatusoutput"
            | "commands.getoutput"
            | "asyncio.create_subprocess_shell" => Some(first),
            _ if py::keyword(call, "shell").is_some_and(py::is_true) => Some(first),
            _ => py::inline_script(first).filter(|(program, _)| is_shell(program)).map(|(_, script)| script),
        };
        let Some(command) = command else { return };
        let built = py::spliced(command, py::Scope::of(ctx.ancestors(), ctx.module));
        if !built.built {
            return;
        }
        if let Some(value) = built.values.iter().find(|value| !py_safe(value, ctx)) {
            let shown = excerpt(ctx.text_of(*value));
            ctx.report(command.range(), format!("`{function}` runs a shell command built from `{shown}`"));
        }
    }
}

/// Whether the call's options turn the shell on (`{ shell: true }`, `{ shell: '/bin/bash' }`).
fn runs_shell(call: &CallExpression<'_>) -> bool {
    call.arguments.iter().skip(1).filter_map(Argument::as_expression).any(|options| match js::inner(options) {
        Expression::ObjectExpression(object) => js::object_property(object, "shell")
            .is_some_and(|shell| js::is_true(shell) || js::static_string(shell).is_some_and(|path| !path.is_empty())),
        _ => false,
    })
}

/// Programs that run their `-c` argument as a command line.
fn is_shell(program: &str) -> bool {
    matches!(program, "sh" | "bash" | "zsh" | "dash" | "ksh" | "fish" | "cmd" | "powershell" | "pwsh")
}

/// A spliced value that is not taken for input: quoted for the shell, a number, a path of the
/// program itself, object state (`this.binPath`), a command or part of one built elsewhere
/// (`cmd`, `args`), or the result of a helper call (only reads such as `req.get('x')` count as
/// input).
fn js_safe(value: &Expression<'_>, ctx: &JsContext<'_, '_>) -> bool {
    let source = ctx.text_of(value);
    if reads_request(source) {
        return false;
    }
    if is_object_state(source) || is_command_name(source) {
        return true;
    }
    match js::inner(value) {
        Expression::CallExpression(call) => {
            let name = call.callee_name().unwrap_or_default();
            is_quoting(name) || !is_input_read(name)
        }
        _ => matches!(source, "__dirname" | "__filename" | "process.pid" | "process.platform" | "process.execPath"),
    }
}

fn py_safe(value: &Expr, ctx: &PyContext<'_, '_>) -> bool {
    let source = ctx.text_of(value);
    if reads_request(source) {
        return false;
    }
    if is_object_state(source) || is_command_name(source) {
        return true;
    }
    match value {
        Expr::Call(call) => {
            let name = py::callee_last_name(&call.func).unwrap_or_default();
            is_quoting(name) || !is_input_read(name)
        }
        _ => matches!(source, "sys.executable" | "__file__"),
    }
}

/// Whether a name is for a command or a part of one built elsewhere (`cmd`, `command`,
/// `activate_cmds`), where its values are handled.
fn is_command_name(name: &str) -> bool {
    split_words(name).iter().any(|word| matches!(word.as_str(), "cmd" | "cmds" | "command" | "commands"))
}

/// A function that quotes a value for the shell: `shlex.quote`, `shlex.join`, `pipes.quote`,
/// `shell-quote`'s `quote`, `shellescape`, `escapeShellArg`.
fn is_quoting(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("quote") || lower.contains("escape")
}

#[cfg(test)]
mod tests {
    use super::CommandInjection;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // Argument vectors without a shell.
            (
                "src/git.ts",
                "import { execFile } from 'node:child_process';\nexecFile('git', ['clone', '--', repoUrl, dir]);",
            ),
            ("src/git.js", "const { spawn } = require('child_process');\nspawn('git', ['log', ref]);"),
            ("src/git.js", "const { spawn } = require('child_process');\nspawn('git', [`--format=${format}`]);"),
            ("app/git.py", "import subprocess\nsubprocess.run([\"git\", \"clone\", url])\n"),
            ("app/git.py", "import subprocess\nsubprocess.run([\"git\", \"log\", f\"--since={since}\"], check=True)\n"),
            // Constant commands.
            ("src/build.ts", "import { execSync } from 'child_process';\nexecSync('git rev-parse HEAD');"),
            ("src/build.ts", "import { exec } from 'child_process';\nconst CMD = 'ls -la';\nexec(`${CMD} /tmp`);"),
            ("app/build.py", "import subprocess\nsubprocess.run(\"git rev-parse HEAD\", shell=True)\n"),
            ("app/build.py", "import os\nos.system(\"clear\")\n"),
            // Quoted values and numbers.
            (
                "app/convert.py",
                "import shlex, subprocess\nsubprocess.run(f\"convert {shlex.quote(path)} out.png\", shell=True)\n",
            ),
            ("app/convert.py", "import shlex, subprocess\nsubprocess.run(\"sudo \" + shlex.join(argv), shell=True)\n"),
            (
                "src/convert.ts",
                "import { exec } from 'child_process';\nimport { quote } from 'shell-quote';\nexec(`convert ${quote([path])} out.png`);",
            ),
            ("src/kill.ts", "import { execSync } from 'child_process';\nexecSync(`kill -9 ${Number(pid)}`);"),
            // Not `child_process`, or a shell flag on something else.
            ("src/regex.ts", "const m = pattern.exec(`${prefix}${name}`);"),
            ("src/db.ts", "await Model.find({ name }).exec();"),
            ("app/git.py", "import subprocess\nsubprocess.run(f\"git log {ref}\")\n"),
            ("tests/test_git.py", "import os\nos.system(f\"rm -rf {path}\")\n"),
        ];
        let fail = [
            ("src/git.ts", "import { exec } from 'node:child_process';\nexec(`git clone ${repoUrl} /tmp/checkout`);"),
            ("src/git.js", "const { execSync } = require('child_process');\nexecSync('git checkout ' + branch);"),
            ("src/git.js", "const cp = require('child_process');\ncp.exec('ls ' + req.query.dir, cb);"),
            ("src/git.js", "require('child_process').execSync(`rm -rf ${dir}`);"),
            (
                "src/git.ts",
                "import { exec } from 'child_process';\nimport { promisify } from 'util';\nconst run = promisify(exec);\nawait run(`npm install ${pkg}`);",
            ),
            (
                "src/git.ts",
                "import { spawn } from 'child_process';\nspawn(`convert ${input} out.png`, { shell: true });",
            ),
            ("src/git.ts", "import { spawn } from 'child_process';\nspawn('sh', ['-c', `tar xzf ${archive}`]);"),
            (
                "src/git.ts",
                "import { exec } from 'child_process';\nexport function clone(url: string) {\n  const cmd = `git clone ${url}`;\n  exec(cmd);\n}",
            ),
            ("app/convert.py", "import subprocess\nsubprocess.run(f\"convert {upload_path} out.png\", shell=True)\n"),
            ("app/convert.py", "import subprocess\nsubprocess.check_output(\"ls \" + folder, shell=True)\n"),
            ("app/convert.py", "from subprocess import Popen\nPopen(\"tar xzf {}\".format(archive), shell=True)\n"),
            ("app/convert.py", "import os\nos.system(f\"rm -rf {path}\")\n"),
            ("app/convert.py", "import os\nos.popen(\"ping -c 1 %s\" % host).read()\n"),
            ("app/convert.py", "import subprocess\nsubprocess.getoutput(f\"whois {domain}\")\n"),
            ("app/convert.py", "import subprocess\nsubprocess.run([\"bash\", \"-c\", f\"tar xzf {archive}\"])\n"),
            (
                "app/convert.py",
                "import subprocess\n\ndef convert(path):\n    cmd = f\"convert {path} out.png\"\n    subprocess.call(cmd, shell=True)\n",
            ),
            (
                "app/convert.py",
                "import asyncio\n\nasync def ping(host):\n    await asyncio.create_subprocess_shell(f\"ping -c 1 {host}\")\n",
            ),
        ];
        Tester::new::<CommandInjection>(pass, fail).test_and_snapshot();
    }
}
