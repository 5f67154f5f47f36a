use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{Argument, CallExpression, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use super::{excerpt, is_input_read, is_object_state, reads_request};
use crate::context::{JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::names::{is_constant_name, split_words};
use crate::helpers::tree::{self as tree_help, SplicedValue};
use crate::helpers::{js, py};
use crate::rule::Rule;
use shipready_diagnostics::Span;
use shipready_lang::tree::{Node, text};

declare_rule! {
    /// ## What it does
    /// Finds shell commands put together from values that are not constants: `exec` and
    /// `execSync` from `child_process` (imported, required, called through the module or
    /// promisified) given a template literal with `${}` or a `+` concatenation, `spawn`/
    /// `execFile` with `{ shell: true }` or run as `sh -c <command>`, and in Python
    /// `subprocess.run`/`call`/`check_call`/`check_output`/`Popen` with `shell=True`,
    /// `subprocess.getoutput`, `os.system`, `os.popen` and `asyncio.create_subprocess_shell`
    /// given an f-string, `+`, `%` or `.format()`, Go's `exec.Command`/`exec.CommandContext`
    /// running `sh`, `bash` or `cmd.exe` with `-c` (`/C`) and a script built with `+` or
    /// `fmt.Sprintf`, and Rust's `Command::new("sh")` (std or tokio) given `-c` and a script built
    /// with `format!` or `+` through `.arg(..)`/`.args([..])`, chained or on the variable the
    /// command is kept in. A command built in a local variable first counts too, and so does a
    /// Go script read whole from the request (`c.Query("cmd")`).
    ///
    /// Argument vectors without a shell (`execFile('git', [ref])`, `spawn('ls', [dir])`,
    /// `subprocess.run(["git", ref])`, `exec.Command("git", "log", ref)`,
    /// `Command::new("git").arg(r)`), constant commands, numbers (`%d`, number-typed
    /// parameters), numbers, values quoted for the shell
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
    /// ```go
    /// exec.Command("sh", "-c", "tar xzf "+archive).Run()
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// execFile("git", ["clone", "--", repoUrl, "/tmp/checkout"]);
    /// ```
    /// ```python
    /// subprocess.run(["convert", upload_path, "out.png"])
    /// ```
    /// ```go
    /// exec.Command("tar", "xzf", archive).Run()
    /// ```
    ///
    /// ## Known limitations
    /// Values are followed three local variables deep; a command built in another function and
    /// passed in whole (`exec(cmd)`) is not seen.
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
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go, Language::Rust];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const GO_KINDS: &'static [&'static str] = &["call_expression"];
    const RUST_KINDS: &'static [&'static str] = &["call_expression"];
    const NEEDLES: &'static [&'static str] =
        &["child_process", "subprocess", "os.system", "os.popen", "system(", "popen(", "exec.Command", "Command::new"];

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

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        let language = ctx.file.language;
        let found = match language {
            Language::Go => go_shell_script(node, source),
            _ => rust_shell_script(node, source),
        };
        let Some((function, script)) = found else { return };
        if language == Language::Rust && ctx.in_rust_test(node) {
            return;
        }
        let built = match script.as_slice() {
            [single] if single.parent().is_none_or(|p| p.kind() != "token_tree") => {
                tree_help::spliced_text(*single, source, language)
            }
            group => tree_help::spliced_tokens(group, source),
        };
        let (Some(first), Some(last)) = (script.first(), script.last()) else { return };
        let span = Span::new(first.start_byte() as u32, last.end_byte() as u32);
        let unsafe_value = |value: &&SplicedValue<'t>| !tree_safe(value, source, language);
        let value = if built.built {
            built.values.iter().find(unsafe_value)
        } else {
            // A script taken whole from the request.
            built.values.iter().find(|value| reads_input(value, source, language))
        };
        if let Some(value) = value {
            let shown = excerpt(value.text(source));
            ctx.report(span, format!("`{function}` runs a shell command built from `{shown}`"));
        }
    }
}

/// One argument given to a command: an expression, or the tokens of a `vec![…]` item.
type CommandArgument<'t> = Vec<Node<'t>>;

/// Go `exec.Command("sh", "-c", script)` and `exec.CommandContext(ctx, "bash", "-c", script)`:
/// the callee and the script.
fn go_shell_script<'t>(call: Node<'t>, source: &'t str) -> Option<(&'t str, CommandArgument<'t>)> {
    let function = call.child_by_field_name("function")?;
    let callee = text(function, source);
    let skip = match callee {
        "exec.Command" => 0,
        "exec.CommandContext" => 1,
        _ => return None,
    };
    let arguments: Vec<Node<'t>> = tree_help::call_arguments(call).into_iter().skip(skip).collect();
    let (program, rest) = arguments.split_first()?;
    if !tree_help::is_string_literal(*program) || !is_shell_path(tree_help::unquote(text(*program, source))) {
        return None;
    }
    let flag = rest.iter().position(|argument| {
        tree_help::is_string_literal(*argument) && is_command_flag(tree_help::unquote(text(*argument, source)))
    })?;
    let script = rest.get(flag + 1).filter(|script| script.kind() != "variadic_argument")?;
    Some((callee, vec![*script]))
}

/// Rust `Command::new("sh")` given `-c` and a script through `.arg(..)`/`.args([..])`, chained
/// or on the variable it is stored in: the callee and the script.
fn rust_shell_script<'t>(call: Node<'t>, source: &'t str) -> Option<(&'t str, CommandArgument<'t>)> {
    let function = call.child_by_field_name("function")?;
    let callee = text(function, source);
    if !(callee == "Command::new" || callee.ends_with("::Command::new")) {
        return None;
    }
    let program = tree_help::call_arguments(call).into_iter().next()?;
    if !tree_help::is_string_literal(program) || !is_shell_path(tree_help::unquote(text(program, source))) {
        return None;
    }
    // The top of the chain `Command::new(..).arg(..)…`, and the variable it may be stored in.
    let mut top = call;
    while let Some(parent) = top.parent()
        && parent.kind() == "field_expression"
        && let Some(outer) = parent.parent().filter(|outer| outer.kind() == "call_expression")
    {
        top = outer;
    }
    let mut arguments = Vec::new();
    chain_arguments(top, Some(call), source, &mut arguments);
    if let Some(declaration) = top.parent().filter(|p| p.kind() == "let_declaration")
        && let Some(pattern) = declaration.child_by_field_name("pattern")
    {
        let name = text(pattern, source).trim_start_matches("mut ").trim();
        if let Some(function) = tree_help::enclosing_functions(call).next()
            && let Some(body) = function.child_by_field_name("body")
        {
            let after = declaration.end_byte();
            let mut calls = Vec::new();
            tree_help::each_descendant(body, &mut |node| {
                if node.start_byte() >= after && node.kind() == "call_expression" && chain_root_is(node, name, source) {
                    calls.push(node);
                }
            });
            // Only the outermost call of each chain.
            let outermost: Vec<Node<'t>> = calls
                .iter()
                .copied()
                .filter(|c| {
                    !calls.iter().any(|o| o != c && o.start_byte() <= c.start_byte() && o.end_byte() >= c.end_byte())
                })
                .collect();
            for chain in outermost {
                chain_arguments(chain, None, source, &mut arguments);
            }
        }
    }
    let flag = arguments.iter().position(|argument| {
        matches!(argument.as_slice(), [flag] if tree_help::is_string_literal(*flag)
            && is_command_flag(tree_help::unquote(text(*flag, source))))
    })?;
    Some((callee, arguments.get(flag + 1)?.clone()))
}

/// The arguments given with `.arg(x)` and `.args([..])` in a method chain, from the innermost
/// call (`stop`, excluded, or the variable the chain starts from) out to `top`, in order.
fn chain_arguments<'t>(top: Node<'t>, stop: Option<Node<'t>>, source: &str, out: &mut Vec<CommandArgument<'t>>) {
    let mut calls = Vec::new();
    let mut current = top;
    while current.kind() == "call_expression" && Some(current) != stop {
        let Some(function) = current.child_by_field_name("function").filter(|f| f.kind() == "field_expression") else {
            break;
        };
        calls.push(current);
        let Some(receiver) = function.child_by_field_name("value") else { break };
        current = receiver;
    }
    for call in calls.into_iter().rev() {
        let method = call
            .child_by_field_name("function")
            .and_then(|f| f.child_by_field_name("field"))
            .map(|f| text(f, source))
            .unwrap_or_default();
        let arguments = tree_help::call_arguments(call);
        match (method, arguments.as_slice()) {
            ("arg", [argument]) => out.push(vec![*argument]),
            ("args", [list]) => list_items(*list, source, out),
            _ => {}
        }
    }
}

/// The items of `[..]`, `&[..]`, `vec![..]`.
fn list_items<'t>(list: Node<'t>, source: &str, out: &mut Vec<CommandArgument<'t>>) {
    match list.kind() {
        "reference_expression" => {
            if let Some(inner) = list.child_by_field_name("value") {
                list_items(inner, source, out);
            }
        }
        "array_expression" => {
            let mut cursor = list.walk();
            out.extend(list.named_children(&mut cursor).filter(|n| !n.kind().ends_with("comment")).map(|n| vec![n]));
        }
        "macro_invocation" if tree_help::macro_name(list, source) == Some("vec") => {
            let Some(tokens) = tree_help::macro_tokens(list) else { return };
            out.extend(tree_help::token_groups(tokens));
        }
        _ => out.push(vec![list]),
    }
}

/// Whether a call chain starts from the variable `name` (`cmd.arg(..).arg(..)`).
fn chain_root_is(call: Node<'_>, name: &str, source: &str) -> bool {
    let mut current = call;
    loop {
        current = match current.kind() {
            "call_expression" => match current.child_by_field_name("function") {
                Some(function) if function.kind() == "field_expression" => function,
                _ => return false,
            },
            "field_expression" => match current.child_by_field_name("value") {
                Some(value) => value,
                None => return false,
            },
            "identifier" => return text(current, source) == name,
            _ => return false,
        };
    }
}

/// `sh`, `/bin/bash`, `cmd.exe`, `powershell`.
fn is_shell_path(program: &str) -> bool {
    let name = program.rsplit(['/', '\\']).next().unwrap_or(program);
    is_shell(name.strip_suffix(".exe").unwrap_or(name))
}

/// The flag after which a shell takes a command line: `-c` (also `-lc`, `-ec`), `/C`,
/// `-Command`.
fn is_command_flag(flag: &str) -> bool {
    matches!(flag, "/C" | "/c" | "-Command" | "-command")
        || (flag.len() >= 2
            && flag.starts_with('-')
            && flag.ends_with('c')
            && flag[1..].chars().all(|c| c.is_ascii_lowercase()))
}

/// A spliced Go or Rust value that is not taken for input: a command or part of one built
/// elsewhere (`cmd`, `args`), object state (`self.bin`), a constant, a number-typed parameter,
/// or a call that is not a request read (quoting helpers among them).
fn tree_safe(value: &SplicedValue<'_>, source: &str, language: Language) -> bool {
    if reads_input(value, source, language) {
        return false;
    }
    let written = value.text(source);
    if is_command_name(written) || written.starts_with("self.") || is_constant_name(written) {
        return true;
    }
    if written.chars().all(|c| c.is_alphanumeric() || c == '_')
        && tree_help::enclosing_functions(value.node)
            .find_map(|function| tree_help::parameter_type(function, written, source))
            .is_some_and(tree_help::is_numeric_type)
    {
        return true;
    }
    // A call: a helper the code decides, or a quoting function.
    value.node.kind() == "call_expression" && value.end == value.node.end_byte()
        || (language == Language::Rust && written.ends_with(')'))
}

/// Whether a spliced value reads request input.
fn reads_input(value: &SplicedValue<'_>, source: &str, language: Language) -> bool {
    match language {
        Language::Go => tree_help::go_reads_request(value.node, source),
        _ => reads_request(value.text(source)),
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
            // Go: argument vectors, constants, numbers, quoting and commands built elsewhere.
            ("internal/git/git.go", "package git\nfunc f(ref string) { exec.Command(\"git\", \"log\", ref).Run() }\n"),
            ("internal/git/git.go", "package git\nfunc f() { exec.Command(\"sh\", \"-c\", \"ls -la /tmp\").Run() }\n"),
            (
                "internal/git/git.go",
                "package git\nconst script = \"make build\"\nfunc f() { exec.Command(\"bash\", \"-c\", script).Run() }\n",
            ),
            ("internal/git/git.go", "package git\nfunc f(cmd string) { exec.Command(\"sh\", \"-c\", cmd).Run() }\n"),
            (
                "internal/proc/kill.go",
                "package proc\nfunc f(pid int) { exec.Command(\"sh\", \"-c\", fmt.Sprintf(\"kill -9 %d\", pid)).Run() }\n",
            ),
            (
                "internal/proc/tar.go",
                "package proc\nfunc f(archive string) { exec.Command(\"sh\", \"-c\", \"tar xzf \"+shellescape.Quote(archive)).Run() }\n",
            ),
            (
                "internal/proc/run.go",
                "package proc\nfunc f(args []string) { exec.Command(args[0], args[1:]...).Run() }\n",
            ),
            (
                "internal/proc/run.go",
                "package proc\nfunc f(ctx context.Context, cmdParts []string) { exec.CommandContext(ctx, \"bash\", \"-c\", strings.Join(cmdParts, \" \")).Run() }\n",
            ),
            (
                "internal/proc/run_test.go",
                "package proc\nfunc f(dir string) { exec.Command(\"sh\", \"-c\", \"rm -rf \"+dir).Run() }\n",
            ),
            // Rust.
            ("src/git.rs", "fn f(user_arg: &str) { Command::new(\"git\").arg(\"log\").arg(user_arg).status(); }\n"),
            ("src/git.rs", "fn f() { Command::new(\"sh\").arg(\"-c\").arg(\"ls -la\").status(); }\n"),
            (
                "src/git.rs",
                "const SCRIPT: &str = \"make\";\nfn f() { Command::new(\"sh\").args([\"-c\", SCRIPT]).status(); }\n",
            ),
            (
                "src/process.rs",
                "fn f(command: &str) { let mut cmd = Command::new(command.as_ref()); cmd.arg(\"-c\"); }\n",
            ),
            (
                "src/kill.rs",
                "fn f(pid: u32) { Command::new(\"sh\").arg(\"-c\").arg(format!(\"kill {}\", pid)).status(); }\n",
            ),
            ("src/run.rs", "fn f(cmd: &str) { Command::new(\"sh\").arg(\"-c\").arg(&cmd).status(); }\n"),
            (
                "src/run.rs",
                "impl Tool { fn f(&self) { Command::new(\"sh\").arg(\"-c\").arg(format!(\"{} --version\", self.bin)).status(); } }\n",
            ),
            (
                "src/run.rs",
                "#[cfg(test)]\nmod tests {\n    fn f(dir: &str) { Command::new(\"sh\").arg(\"-c\").arg(format!(\"rm -rf {}\", dir)).status(); }\n}\n",
            ),
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
            // Go.
            (
                "internal/proc/tar.go",
                "package proc\nfunc f(archive string) { exec.Command(\"sh\", \"-c\", \"tar xzf \"+archive).Run() }\n",
            ),
            (
                "internal/proc/ping.go",
                "package proc\nfunc f(ctx context.Context, host string) { exec.CommandContext(ctx, \"sh\", \"-c\", fmt.Sprintf(\"ping -c 1 %s\", host)).Run() }\n",
            ),
            (
                "internal/api/convert.go",
                "package api\nfunc convert(w http.ResponseWriter, r *http.Request) { exec.Command(\"/bin/bash\", \"-c\", \"convert \"+r.FormValue(\"file\")+\" out.png\").Run() }\n",
            ),
            (
                "internal/git/clone.go",
                "package git\nfunc clone(repoURL string) {\n\tscript := fmt.Sprintf(\"git clone %s /tmp/x\", repoURL)\n\texec.Command(\"bash\", \"-c\", script).Run()\n}\n",
            ),
            (
                "internal/browser/open.go",
                "package browser\nfunc open(url string) error { return exec.Command(\"cmd.exe\", \"/C\", \"start \"+url).Run() }\n",
            ),
            (
                "internal/api/run.go",
                "package api\nfunc run(c *gin.Context) { exec.Command(\"sh\", \"-c\", c.Query(\"cmd\")).Run() }\n",
            ),
            (
                "internal/proc/echo.go",
                "package proc\nfunc f(name string) { exec.Command(\"bash\", \"-lc\", \"echo \"+name).Run() }\n",
            ),
            // Rust.
            (
                "src/tar.rs",
                "fn f(archive: &str) { Command::new(\"sh\").arg(\"-c\").arg(format!(\"tar xzf {}\", archive)).status(); }\n",
            ),
            (
                "src/ping.rs",
                "fn f(host: &str) { Command::new(\"bash\").args([\"-c\", &format!(\"ping -c 1 {host}\")]).status(); }\n",
            ),
            (
                "src/convert.rs",
                "fn f(path: &str) {\n    let script = format!(\"convert {} out.png\", path);\n    Command::new(\"sh\").arg(\"-c\").arg(&script).status();\n}\n",
            ),
            (
                "src/clean.rs",
                "fn f(dir: &str) {\n    let mut cmd = Command::new(\"sh\");\n    cmd.arg(\"-c\").arg(format!(\"rm -rf {}\", dir));\n    cmd.spawn();\n}\n",
            ),
            (
                "src/echo.rs",
                "fn f(name: &str) { std::process::Command::new(\"/bin/sh\").args(vec![\"-c\", &format!(\"echo {}\", name)]).status(); }\n",
            ),
            (
                "src/clone.rs",
                "async fn f(url: &str) { tokio::process::Command::new(\"bash\").arg(\"-c\").arg(\"git clone \".to_string() + url).status().await; }\n",
            ),
        ];
        Tester::new::<CommandInjection>(pass, fail).test_and_snapshot();
    }
}
