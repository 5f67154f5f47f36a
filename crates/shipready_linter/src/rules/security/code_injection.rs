use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{Argument, Expression, ObjectPropertyKind};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use shipready_diagnostics::{Severity, Span};

use super::excerpt;
use crate::context::{FileInfo, IntoSpan, JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::comments::eslint_disabled;
use crate::helpers::names::split_words;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds code that is not a constant being run: `eval(x)`, `new Function(...)`,
    /// `vm.runInNewContext`/`runInThisContext`/`runInContext`, `new vm.Script(x)` and
    /// `vm.compileFunction(x)`, and `setTimeout`/`setInterval` given a string put together from
    /// values in JavaScript; `eval(x)`, `exec(x)` and `compile(x, …, "exec")` in Python; and
    /// generated code handed to an interpreter (`spawn('node', ['-e', code])`,
    /// `subprocess.run([sys.executable, "-c", code])`).
    ///
    /// Constant arguments, `JSON.parse`, `ast.literal_eval`, numbers and JSON literals spliced
    /// into code (`JSON.stringify(x)`) are not reported, and neither are `vm` calls given a
    /// `timeout`: sandboxed evaluators with limits.
    ///
    /// ## Why is this bad?
    /// Whoever controls the text controls the program: evaluated input can read secrets, reach
    /// the file system and the network, and run commands with the server's rights.
    ///
    /// ## Example
    /// ```ts
    /// const result = eval(req.body.expression);
    /// ```
    /// ```python
    /// result = eval(request.args["expr"])
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// const value = JSON.parse(req.body.value); // or a real expression parser
    /// ```
    /// ```python
    /// value = ast.literal_eval(request.args["value"])  # literals only
    /// ```
    ///
    /// ## Known limitations
    /// A plain variable passed to `setTimeout` may hold a function, so only strings built in
    /// place are reported there. Code read from a file (`exec(f.read())`) is taken as a module
    /// being loaded, and identifiers spliced into generated code (`def {name}(...)`) as the
    /// code's own. Node's `vm` is not a security boundary even with a `timeout`,
    /// but such calls are taken as deliberate sandboxes and left to review.
    ///
    /// A call the team marked as reviewed is reported at `info` rather than dropped, so the
    /// audit trail stays in the report: Python `# noqa: S102`/`S307`, `# nosec` (bare or naming
    /// `B102`/`B307`), `# pylint: disable=exec-used`; ESLint's `no-eval`, `no-new-func` or
    /// `no-implied-eval` disabled for the line or the block.
    pub(crate) struct CodeInjection {
        id: "code-injection",
        area: Security,
        severity: Critical,
        since: "0.1.0",
        title: "Code that is not a constant is evaluated",
        rationale: "Evaluated text runs with the program's rights, so whoever controls it controls the program.",
        fix: "Parse data with a parser (`JSON.parse`, `ast.literal_eval`) instead of evaluating it, or run it in a real sandbox.",
    }
}

impl Rule for CodeInjection {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression, AstType::NewExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const NEEDLES: &'static [&'static str] =
        &["eval", "Function(", "vm", "setTimeout", "setInterval", "exec(", "compile(", "-c", "-e", "--eval"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let (label, code, built_only) = match node.kind() {
            AstKind::CallExpression(call) => {
                let global = |name: &str| js::is_global_reference(ctx.semantic, &call.callee, name);
                if global("eval") {
                    ("eval".to_string(), js::arg(call, 0), false)
                } else if global("Function") {
                    ("Function".to_string(), last_argument(&call.arguments), false)
                } else if global("setTimeout")
                    || global("setInterval")
                    || js::is_dotted_path(&call.callee, "window.setTimeout")
                    || js::is_dotted_path(&call.callee, "window.setInterval")
                {
                    (js::dotted_path(&call.callee).unwrap_or_default(), js::arg(call, 0), true)
                } else if let Some(method) = vm_method(call.callee_name(), js::method_receiver(call), ctx) {
                    if has_timeout(&call.arguments)
                        || !matches!(
                            method,
                            "runInNewContext" | "runInThisContext" | "runInContext" | "compileFunction"
                        )
                    {
                        return;
                    }
                    (format!("vm.{method}"), js::arg(call, 0), false)
                } else if let Some(function) = js::child_process_function(ctx.semantic, call)
                    && let Some((program, script)) = js::inline_script(call)
                    && is_interpreter(&program)
                {
                    (format!("{function}('{program}')"), Some(script), false)
                } else {
                    return;
                }
            }
            AstKind::NewExpression(new) => {
                if js::is_global_reference(ctx.semantic, &new.callee, "Function") {
                    ("new Function".to_string(), last_argument(&new.arguments), false)
                } else {
                    let (name, receiver) = match js::inner(&new.callee) {
                        Expression::Identifier(ident) => (Some(ident.name.as_str()), None),
                        Expression::StaticMemberExpression(member) => {
                            (Some(member.property.name.as_str()), Some(&member.object))
                        }
                        _ => (None, None),
                    };
                    // A script compiled here runs later; a `timeout` given anywhere in the module
                    // is taken as the limit it runs under.
                    if vm_method(name, receiver, ctx) != Some("Script") || ctx.file.text.contains("timeout") {
                        return;
                    }
                    ("new vm.Script".to_string(), new.arguments.first().and_then(Argument::as_expression), false)
                }
            }
            _ => return,
        };
        let Some(code) = code else { return };
        let built = js::spliced(ctx.semantic, code);
        if built_only && !built.built {
            return;
        }
        if let Some(value) = built.values.iter().find(|value| !js_safe(value, built.built)) {
            let text = message(&label, ctx.text_of(code), ctx.text_of(*value));
            match eslint_disabled(ctx.file, node.kind().span().into_span(), JS_EVAL_RULES) {
                Some(marker) => ctx.report_with_severity(code.span(), Severity::Info, reviewed(&text, marker)),
                None => ctx.report(code.span(), text),
            }
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let first = call.arguments.args.first();
        let (label, code) = match call.func.as_ref() {
            Expr::Name(name) if matches!(name.id.as_str(), "eval" | "exec") => {
                if py::binds_at_top_level(&ctx.module.body, name.id.as_str()) {
                    return;
                }
                let code = first.or_else(|| py::keyword(call, "source"));
                // `exec(compile(source, ...))` is reported at `compile`.
                if matches!(code, Some(Expr::Call(inner)) if py::callee_last_name(&inner.func) == Some("compile")) {
                    return;
                }
                (name.id.to_string(), code)
            }
            Expr::Name(name) if name.id.as_str() == "compile" => {
                let mode = call.arguments.args.get(2).or_else(|| py::keyword(call, "mode")).and_then(py::string_value);
                let runs = matches!(mode.as_deref(), Some("exec" | "eval" | "single"));
                if !runs || py::binds_at_top_level(&ctx.module.body, "compile") {
                    return;
                }
                ("compile".to_string(), first.or_else(|| py::keyword(call, "source")))
            }
            _ => {
                let Some(function) = py::process_function(ctx.module, call) else { return };
                let argv = first.or_else(|| py::keyword(call, "args"));
                let Some((program, script)) = argv.and_then(py::inline_script) else { return };
                if !is_interpreter(&program) {
                    return;
                }
                (format!("{function}([\"{program}\", ...])"), Some(script))
            }
        };
        let Some(code) = code else { return };
        let built = py::spliced(code, py::Scope::of(ctx.ancestors(), ctx.module));
        if let Some(value) = built.values.iter().find(|value| !py_safe(value, built.built)) {
            let text = message(&label, ctx.text_of(code), ctx.text_of(*value));
            match py_reviewed(ctx.file, call.range().into_span()) {
                Some(marker) => ctx.report_with_severity(code.range(), Severity::Info, reviewed(&text, &marker)),
                None => ctx.report(code.range(), text),
            }
        }
    }
}

/// "`eval` runs code taken from `code`", or, for code built in a variable first, "`exec` runs
/// `source`, built from `name`".
fn message(label: &str, code: &str, value: &str) -> String {
    let value = excerpt(value);
    let code = excerpt(code);
    if code == value || code.contains(&value) {
        format!("`{label}` runs code taken from `{value}`")
    } else {
        format!("`{label}` runs `{code}`, built from `{value}`")
    }
}

/// The message of a finding the team marked as reviewed, which is reported at `info`.
fn reviewed(message: &str, marker: &str) -> String {
    format!("{message}; marked as reviewed (`{marker}`)")
}

/// The comments on the lines a call spans.
fn comments_on_lines<'f>(file: &'f FileInfo<'_>, span: Span) -> impl Iterator<Item = &'f str> + 'f {
    let (first, _) = file.line_index().position(file.text, span.start);
    let (last, _) = file.line_index().position(file.text, span.end);
    let lines = Span::new(
        file.line_index().line_span(file.text, first).start,
        file.line_index().line_span(file.text, last).end,
    );
    file.comments_in(lines).map(|comment| file.slice(comment))
}

/// Python markers that say the call was reviewed: ruff's `# noqa: S102` (`exec`) or `S307`
/// (`eval`), bandit's `# nosec` (bare, or naming `B102`/`B307`), pylint's
/// `# pylint: disable=exec-used` / `eval-used`.
fn py_reviewed(file: &FileInfo<'_>, span: Span) -> Option<String> {
    comments_on_lines(file, span).find_map(|comment| {
        let body = comment.trim_start_matches('#').trim();
        let lower = body.to_ascii_lowercase();
        let noqa = lower.contains("noqa") && ["s102", "s307"].iter().any(|code| lower.contains(code));
        let nosec = lower.find("nosec").is_some_and(|at| {
            let codes = &lower[at + "nosec".len()..];
            codes.trim().is_empty()
                || ["b102", "b307", "exec_used", "eval_used"].iter().any(|code| codes.contains(code))
        });
        let pylint = lower.contains("pylint") && (lower.contains("exec-used") || lower.contains("eval-used"));
        (noqa || nosec || pylint).then(|| body.to_string())
    })
}

/// ESLint rules about evaluated code whose disable directive marks a call as reviewed.
const JS_EVAL_RULES: &[&str] = &[
    "no-eval",
    "no-new-func",
    "no-implied-eval",
    "@typescript-eslint/no-implied-eval",
    "security/detect-eval-with-expression",
];

/// The last argument of a call, the body of `new Function(a, b, body)`.
fn last_argument<'a>(arguments: &'a [Argument<'a>]) -> Option<&'a Expression<'a>> {
    arguments.last().and_then(Argument::as_expression)
}

/// The `vm` function a callee names: `vm.runInNewContext` with `vm` imported or required from
/// `vm`/`node:vm`, or `runInNewContext` imported from it.
fn vm_method<'a>(
    name: Option<&'a str>,
    receiver: Option<&Expression<'a>>,
    ctx: &JsContext<'a, '_>,
) -> Option<&'static str> {
    const METHODS: &[&str] = &["runInNewContext", "runInThisContext", "runInContext", "compileFunction", "Script"];
    let method = METHODS.iter().copied().find(|method| Some(*method) == name)?;
    let from_vm = |expr: &Expression<'a>| match js::inner(expr) {
        Expression::Identifier(ident) => {
            js::import_source(ctx.semantic, ident).is_some_and(|source| matches!(source, "vm" | "node:vm"))
        }
        Expression::CallExpression(require) => {
            require.common_js_require().is_some_and(|source| matches!(source.value.as_str(), "vm" | "node:vm"))
        }
        _ => false,
    };
    match receiver {
        Some(receiver) => from_vm(receiver).then_some(method),
        None => (ctx.imports_module("vm") || ctx.imports_module("node:vm")).then_some(method),
    }
}

/// Whether options among the arguments set a `timeout`: a sandboxed run with a limit.
fn has_timeout(arguments: &[Argument<'_>]) -> bool {
    arguments.iter().filter_map(Argument::as_expression).any(|argument| match js::inner(argument) {
        Expression::ObjectExpression(object) => object.properties.iter().any(|property| {
            matches!(property, ObjectPropertyKind::ObjectProperty(p) if js::property_key_name(&p.key).as_deref() == Some("timeout"))
        }),
        _ => false,
    })
}

/// Programs that run their `-e`/`-c` argument as code.
fn is_interpreter(program: &str) -> bool {
    matches!(program, "node" | "nodejs" | "deno" | "bun" | "python" | "py" | "ruby" | "perl" | "php")
}

/// A value that is not taken for injected code: a JSON literal of data, code read from a file
/// (running a script file is loading a module: `exec(f.read())`, `fs.readFileSync(file)`), or,
/// in code built from a template, an identifier spliced in (`def {name}(...)`).
fn js_safe(value: &Expression<'_>, built: bool) -> bool {
    match js::inner(value) {
        // `source.replace(/\r\n/g, '\n')`
        Expression::CallExpression(call) if matches!(js::method_name(call), Some("replace" | "replaceAll")) => {
            js::method_receiver(call).is_some_and(|receiver| js_safe(receiver, built))
        }
        Expression::CallExpression(call) => {
            js::is_dotted_path(&call.callee, "JSON.stringify")
                || matches!(call.callee_name(), Some("readFileSync" | "readFile"))
        }
        other => built && js::expr_name(other).is_some_and(|name| is_identifier_name(&name)),
    }
}

fn py_safe(value: &Expr, built: bool) -> bool {
    match value {
        // `f.read().replace("\r\n", "\n")`
        Expr::Call(call) if py::callee_last_name(&call.func) == Some("replace") => {
            matches!(call.func.as_ref(), Expr::Attribute(attribute) if py_safe(&attribute.value, built))
        }
        Expr::Call(call) => {
            matches!(py::dotted_name(&call.func).as_deref(), Some("json.dumps" | "repr"))
                // `exec(code)` where `code = compile(...)` is reported at `compile`.
                || matches!(
                    py::callee_last_name(&call.func),
                    Some("compile" | "read" | "read_text" | "read_bytes" | "get_source" | "get_data")
                )
        }
        other => built && py::expr_name(other).is_some_and(|name| is_identifier_name(&name)),
    }
}

/// A name for an identifier that generated code defines or refers to (`name`, `field_names`,
/// `method`, `attr`).
fn is_identifier_name(name: &str) -> bool {
    split_words(name).last().is_some_and(|last| {
        matches!(
            last.as_str(),
            "name" | "names" | "meth" | "method" | "attr" | "attribute" | "field" | "fields" | "identifier" | "ident"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::CodeInjection;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // Constant code.
            ("src/calc.ts", "const two = eval('1 + 1');"),
            ("src/calc.ts", "const add = new Function('a', 'b', 'return a + b');"),
            ("src/poll.ts", "setTimeout(() => poll(id), 1000);"),
            ("src/poll.ts", "setTimeout(callback, delay);"),
            ("src/poll.js", "setTimeout('location.reload()', 5000);"),
            ("app/calc.py", "x = eval(\"1 + 1\")\n"),
            ("app/calc.py", "exec(\"import sys\")\n"),
            // Parsers instead of evaluators.
            ("src/parse.ts", "const data = JSON.parse(req.body.payload);"),
            ("app/parse.py", "import ast\nvalue = ast.literal_eval(request.args[\"value\"])\n"),
            // Data spliced as a JSON literal.
            ("src/embed.ts", "const f = new Function(`return ${JSON.stringify(config)};`);"),
            // Sandboxed evaluators with limits.
            ("src/sandbox.ts", "import vm from 'node:vm';\nvm.runInNewContext(code, sandbox, { timeout: 1000 });"),
            (
                "src/function-node.js",
                "const vm = require('vm');\nconst opts = { timeout: node.timeout };\nnode.script = new vm.Script(functionText);\nnode.script.runInContext(context, opts);",
            ),
            // A flag after a module or script belongs to it.
            (
                "app/pip.py",
                "import subprocess, sys\nsubprocess.run([sys.executable, \"-m\", \"pip\", \"install\", \"-r\", path])\n",
            ),
            ("app/run.py", "import subprocess\nsubprocess.run([\"python\", \"tool.py\", \"-c\", config_path])\n"),
            // A method named `eval`/`exec`, or a rebound builtin.
            ("src/repl.ts", "await page.evaluate(script);\nredis.eval(script, 0);"),
            ("app/db.py", "cursor.exec(query)\n"),
            ("app/rules.py", "from .engine import eval\nresult = eval(expression)\n"),
            // Interpreters given a constant script, or a file.
            ("src/run.ts", "import { spawn } from 'child_process';\nspawn('node', ['-e', 'console.log(1)']);"),
            ("app/run.py", "import subprocess, sys\nsubprocess.run([sys.executable, \"script.py\", arg])\n"),
            // Code read from a file is a module being loaded; a compiled object is reported where
            // it is compiled.
            ("app/runner.py", "def run(path):\n    with open(path) as f:\n        exec(f.read(), {})\n"),
            (
                "app/runner.py",
                "def run(path):\n    with open(path) as f:\n        code = f.read().replace(\"\\r\\n\", \"\\n\")\n    exec(code, {})\n",
            ),
            (
                "app/runner.py",
                "def run(source):\n    code = compile(\"x = 1\", \"<s>\", \"exec\")\n    exec(code, {})\n",
            ),
            (
                "src/loader.js",
                "const fs = require('fs');\nconst vm = require('vm');\nvm.runInThisContext(fs.readFileSync(file, 'utf8'));",
            ),
            // Identifiers spliced into generated code.
            (
                "app/records.py",
                "def make(type_name, field_names):\n    exec(f\"class {type_name}: __slots__ = {field_names!r}\", ns)\n",
            ),
            ("tests/test_calc.py", "eval(expression)\n"),
            // Marked as reviewed: reported at `info` only (seen on real code: mlflow).
            (
                "mlflow/genai/scorers/scorer_utils.py",
                "def recreate(func_def, import_namespace, local_namespace):\n    exec(func_def, import_namespace, local_namespace)  # noqa: S102\n",
            ),
            ("app/calc.py", "def run(expr):\n    return eval(expr)  # nosec B307\n"),
            (
                "src/calc.ts",
                "export function run(code: string) {\n  // eslint-disable-next-line no-eval\n  return eval(code);\n}",
            ),
            ("src/calc.js", "const fn = new Function('x', body); // eslint-disable-line no-new-func\n"),
            ("src/calc.js", "/* eslint-disable no-new-func */\nconst fn = new Function('x', body);\n"),
        ];
        let fail = [
            ("src/calc.ts", "const result = eval(req.body.expression);"),
            ("src/calc.ts", "export function run(code: string) {\n  return eval(code);\n}"),
            ("src/calc.ts", "const fn = new Function('x', `return ${formula};`);"),
            ("src/calc.js", "const fn = Function('return ' + body)();"),
            ("src/poll.js", "setTimeout('refresh(' + id + ')', 1000);"),
            ("src/sandbox.js", "const vm = require('vm');\nvm.runInNewContext(userScript, sandbox);"),
            ("src/sandbox.ts", "import * as vm from 'node:vm';\nconst script = new vm.Script(source);"),
            ("src/sandbox.ts", "import vm from 'vm';\nvm.runInThisContext(code);"),
            ("src/run.ts", "import { spawn } from 'child_process';\nspawn('node', ['-e', code]);"),
            (
                "src/run.ts",
                "import { execFileSync } from 'child_process';\nexecFileSync(process.execPath, ['--eval', `require('${mod}')`]);",
            ),
            ("app/calc.py", "result = eval(request.args[\"expr\"])\n"),
            ("app/calc.py", "def run(code):\n    exec(code, {\"__builtins__\": {}})\n"),
            ("app/calc.py", "def run(source):\n    exec(compile(source, \"<plugin>\", \"exec\"))\n"),
            (
                "app/calc.py",
                "def check(expr):\n    code = compile(expr, \"<expr>\", \"eval\")\n    return eval(code)\n",
            ),
            ("app/calc.py", "def run(expr):\n    return eval(f\"lambda x: {expr}\")\n"),
            ("app/run.py", "import subprocess, sys\nsubprocess.run([sys.executable, \"-c\", code], check=True)\n"),
            ("app/run.py", "from subprocess import check_output\ncheck_output([\"node\", \"-e\", script])\n"),
            // Markers for other rules, or ended before the call, do not count.
            ("app/calc.py", "def run(code):\n    exec(code)  # noqa: E501\n"),
            (
                "src/calc.ts",
                "export function run(code: string) {\n  // eslint-disable-next-line no-console\n  return eval(code);\n}",
            ),
            (
                "src/calc.js",
                "/* eslint-disable no-new-func */\nconst a = new Function('x', body);\n/* eslint-enable no-new-func */\nconst b = new Function('x', body);\n",
            ),
        ];
        Tester::new::<CodeInjection>(pass, fail).test_and_snapshot();
    }

    #[test]
    fn reviewed_calls_are_info() {
        use crate::runner::{Linter, RuleEntry};
        use crate::tester::lint_case;
        use shipready_diagnostics::Severity;
        let linter = Linter::new(vec![RuleEntry::of::<CodeInjection>()]);
        let findings = lint_case(&linter, &("app/calc.py", "def run(code):\n    exec(code)  # noqa: S102\n").into());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Info);
        assert!(findings[0].message.ends_with("; marked as reviewed (`noqa: S102`)"), "{}", findings[0].message);
        let findings = lint_case(&linter, &("src/a.js", "// eslint-disable-next-line no-eval\neval(code);\n").into());
        assert_eq!(findings[0].severity, Severity::Info);
    }
}
