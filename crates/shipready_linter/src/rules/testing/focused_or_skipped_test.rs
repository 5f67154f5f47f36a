use shipready_diagnostics::Severity;
use shipready_lang::oxc::ast::ast::Expression;
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;
use shipready_lang::tree::{Node, text};
use shipready_lang::{FileRole, Language};

use crate::context::{FileInfo, JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::{js, py, tree};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds tests that are focused or skipped:
    /// - `high`: focused tests that silence the rest of the suite: `describe.only`, `it.only`,
    ///   `test.only`, `fdescribe`, `fit`;
    /// - `low`: tests skipped without a reason: `it.skip`, `xit`, `xdescribe`, `test.skip`,
    ///   `@pytest.mark.skip`/`skipif` without `reason=`, `@unittest.skip` without a message,
    ///   `pytest.skip()`, Rust `#[ignore]` without `= "reason"`, Go `t.Skip()`/`t.SkipNow()`
    ///   without a message.
    ///
    /// A skip with a reason stays silent: a reason argument (`test.skip(isCI, "needs a GPU")`,
    /// `reason="…"`, `#[ignore = "…"]`, `t.Skip("…")`), a comment on the line or the line
    /// above, or an `if` around it, whose condition says when and why it skips
    /// (`if runtime.GOOS == "windows" { t.Skip() }`, `if testing.Short() { t.SkipNow() }`,
    /// `if (isWindows) it.skip(…)`, `if not HAS_DOCKER: pytest.skip()`). A `.only` is reported
    /// wherever it is.
    ///
    /// ## Why is this bad?
    /// A committed `.only` runs one test and reports the whole suite green. A skip without a
    /// reason is a test nobody will ever turn back on, and the behaviour it covered is
    /// unverified.
    ///
    /// ## Example
    /// ```ts
    /// describe.only("session keys", () => { … });
    /// it.skip("rejects expired tokens", () => { … });
    /// ```
    ///
    /// ## Use instead
    /// Remove `.only` before committing; give every skip its reason and a tracking issue.
    pub(crate) struct FocusedOrSkippedTest {
        id: "focused-or-skipped-test",
        area: Testing,
        severity: High,
        since: "0.1.0",
        title: "Focused test, or test skipped without a reason",
        rationale: "A committed `.only` hides the rest of the suite; an unexplained skip is never undone.",
        fix: "Remove focus markers and give every skipped test a reason.",
    }
}

impl Rule for FocusedOrSkippedTest {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Rust, Language::Go];
    // Rust unit tests live in source files, inside `#[cfg(test)]` modules.
    const ROLES: &'static [FileRole] = &[FileRole::Test, FileRole::Source];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::Decorator, NodeKind::ExprCall];
    const RUST_KINDS: &'static [&'static str] = &["attribute_item"];
    const GO_KINDS: &'static [&'static str] = &["call_expression"];
    const NEEDLES: &'static [&'static str] =
        &["only", "skip", "Skip", "fit(", "fdescribe", "xit", "xdescribe", "xtest", "ignore"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        if ctx.file.role != FileRole::Test {
            return;
        }
        let AstKind::CallExpression(call) = node.kind() else { return };
        let (runner, modifier) = match js::inner(&call.callee) {
            Expression::Identifier(ident) => match ident.name.as_str() {
                "fdescribe" | "fit" => (ident.name.as_str(), "only"),
                "xdescribe" | "xit" | "xtest" => (ident.name.as_str(), "skip"),
                _ => return,
            },
            Expression::StaticMemberExpression(member) => {
                let Expression::Identifier(object) = js::inner(&member.object) else { return };
                if !matches!(object.name.as_str(), "describe" | "it" | "test" | "context" | "suite" | "specify") {
                    return;
                }
                match member.property.name.as_str() {
                    modifier @ ("only" | "skip") => (object.name.as_str(), modifier),
                    _ => return,
                }
            }
            _ => return,
        };
        let shown = ctx.text_of(&call.callee);
        if modifier == "only" {
            ctx.report_with_severity(
                call.callee.span(),
                Severity::High,
                format!("`{shown}` focuses the suite on one test; the rest do not run"),
            );
            return;
        }
        // Playwright's `test.skip(condition, "reason")` and Jest's `test.skip("name", fn)` forms.
        let conditional_reason =
            runner == "test" && call.arguments.len() >= 2 && js::arg(call, 0).and_then(js::static_string).is_none();
        // `if (process.platform === 'win32') it.skip(...)`: the condition is the reason.
        let guarded = !js::enclosing_conditions(ctx.nodes(), node).is_empty();
        if !conditional_reason && !guarded && !commented(ctx.file, call.span.start) {
            ctx.report_with_severity(
                call.callee.span(),
                Severity::Low,
                format!("`{shown}` skips a test without saying why"),
            );
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        if ctx.file.role != FileRole::Test {
            return;
        }
        let (callee, call) = match node {
            AnyNodeRef::Decorator(decorator) => match &decorator.expression {
                Expr::Call(call) => (call.func.as_ref(), Some(call)),
                other => (other, None),
            },
            AnyNodeRef::ExprCall(call) if !matches!(ctx.parent(), Some(AnyNodeRef::Decorator(_))) => {
                // `pytest.skip()` inside a test body.
                if py::dotted_name(&call.func).as_deref() != Some("pytest.skip") {
                    return;
                }
                // `if sys.platform == "win32": pytest.skip()`: the condition is the reason.
                let guarded = !py::enclosing_conditions(ctx.ancestors(), call.range()).is_empty();
                if call.arguments.args.is_empty()
                    && py::keyword(call, "reason").is_none()
                    && !guarded
                    && !commented(ctx.file, call.start().to_u32())
                {
                    ctx.report_with_severity(
                        call.range(),
                        Severity::Low,
                        "`pytest.skip()` skips a test without saying why",
                    );
                }
                return;
            }
            _ => return,
        };
        let Some(name) = py::dotted_name(callee) else { return };
        let skip = matches!(
            name.as_str(),
            "pytest.mark.skip"
                | "pytest.mark.skipif"
                | "mark.skip"
                | "mark.skipif"
                | "unittest.skip"
                | "skip"
                | "skipIf"
                | "unittest.skipIf"
        );
        if !skip {
            return;
        }
        // `skip("reason")`, `skip(reason=…)`, `skipif(cond, reason=…)`, `skipIf(cond, "reason")`.
        let has_reason = call.is_some_and(|call| {
            py::keyword(call, "reason").is_some()
                || call.arguments.args.iter().any(|arg| matches!(arg, Expr::StringLiteral(_) | Expr::FString(_)))
        });
        if !has_reason && !commented(ctx.file, node.start().to_u32()) {
            ctx.report_with_severity(node.range(), Severity::Low, format!("`@{name}` skips a test without a reason"));
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        match node.kind() {
            // Rust: `#[ignore]` without `= "reason"`.
            "attribute_item"
                if text(node, source).replace(' ', "") == "#[ignore]"
                    && !commented(ctx.file, node.start_byte() as u32) =>
            {
                ctx.report_with_severity(node, Severity::Low, "`#[ignore]` skips a test without a reason");
            }
            // Go: `t.Skip()` / `t.SkipNow()` in a test file, without a message.
            "call_expression" if ctx.file.role == FileRole::Test => {
                let Some(function) = node.child_by_field_name("function") else { return };
                let callee = text(function, source);
                let method = callee.rsplit('.').next().unwrap_or(callee);
                let arguments = node.child_by_field_name("arguments").map_or(0, |a| a.named_child_count());
                // `if runtime.GOOS == "windows" { t.Skip() }`: the condition is the reason.
                if matches!(method, "Skip" | "SkipNow")
                    && arguments == 0
                    && tree::if_branches(node).is_empty()
                    && !commented(ctx.file, node.start_byte() as u32)
                {
                    ctx.report_with_severity(
                        node,
                        Severity::Low,
                        format!("`{callee}()` skips a test without a reason"),
                    );
                }
            }
            _ => {}
        }
    }
}

use shipready_lang::oxc::span::GetSpan;

/// Whether a comment sits on the line of `offset` or the line above it: a written reason.
fn commented(file: &FileInfo<'_>, offset: u32) -> bool {
    let (line, _) = file.line_index().position(file.text, offset);
    let first = file.line_index().line_span(file.text, line.saturating_sub(1).max(1)).start;
    let last = file.line_index().line_span(file.text, line).end;
    file.has_comment_in(shipready_diagnostics::Span::new(first, last))
}

#[cfg(test)]
mod tests {
    use super::FocusedOrSkippedTest;
    use crate::runner::{Linter, RuleEntry};
    use crate::tester::{Tester, lint_case};
    use shipready_diagnostics::Severity;

    #[test]
    fn test() {
        let pass = [
            ("src/routing/session-key.test.ts", "describe('session keys', () => { it('works', () => {}); });"),
            ("src/a.test.ts", "// flaky on CI until #123 is fixed\nit.skip('retries', () => {});"),
            ("src/a.test.ts", "it.skip('retries', () => {}); // needs the live API"),
            ("e2e/a.spec.ts", "test.skip(browserName === 'webkit', 'webkit lacks the API');"),
            ("src/a.ts", "describe.only('not a test file', () => {});"),
            ("src/a.test.ts", "const only = items.only; list.skip(2);"),
            ("tests/test_a.py", "import pytest\n\n@pytest.mark.skip(reason='needs docker')\ndef test_a():\n    pass\n"),
            ("tests/test_a.py", "import unittest\n\n@unittest.skip('flaky on windows')\ndef test_a():\n    pass\n"),
            (
                "tests/test_a.py",
                "import pytest\n\n@pytest.mark.skipif(sys.platform == 'win32', reason='posix only')\ndef test_a():\n    pass\n",
            ),
            ("tests/test_a.py", "import pytest\n\ndef test_a():\n    pytest.skip('no network')\n"),
            (
                "src/lib.rs",
                "#[cfg(test)]\nmod tests {\n    #[test]\n    #[ignore = \"needs a database\"]\n    fn slow() {}\n}\n",
            ),
            ("internal/a/a_test.go", "package a\n\nfunc TestA(t *testing.T) {\n\tt.Skip(\"needs docker\")\n}\n"),
            // Seen on real code (nats-server, syncthing): skips under a platform, environment or
            // `-short` condition, which says why.
            (
                "server/log_test.go",
                "package server\n\nfunc TestReOpenLogFile(t *testing.T) {\n\tif runtime.GOOS == \"windows\" {\n\t\tt.SkipNow()\n\t}\n}\n",
            ),
            (
                "lib/protocol/bufferpool_test.go",
                "package protocol\n\nfunc TestStressBufferPool(t *testing.T) {\n\tif testing.Short() {\n\t\tt.Skip()\n\t}\n}\n",
            ),
            (
                "lib/fs/basicfs_test.go",
                "package fs\n\nfunc TestUsage(t *testing.T) {\n\tif err != nil {\n\t\tif runtime.GOOS == \"netbsd\" || runtime.GOOS == \"openbsd\" {\n\t\t\tt.Skip()\n\t\t}\n\t\tt.Errorf(\"Unexpected error: %s\", err)\n\t}\n}\n",
            ),
            (
                "src/a.test.ts",
                "describe('paths', () => {\n  if (process.platform === 'win32') {\n    it.skip('symlinks', () => {});\n  }\n});",
            ),
            (
                "tests/test_a.py",
                "import pytest\n\ndef test_a():\n    if sys.platform == 'win32':\n        pytest.skip()\n",
            ),
        ];
        let fail = [
            ("src/routing/bindings.test.ts", "describe.only('bindings', () => {\n  it('routes', () => {});\n});"),
            ("src/a.spec.js", "fit('focused', () => {});"),
            ("src/a.test.ts", "it.skip('rejects expired tokens', () => {});"),
            ("src/a.test.js", "xdescribe('old suite', () => {});"),
            ("tests/test_a.py", "import pytest\n\n@pytest.mark.skip\ndef test_a():\n    pass\n"),
            ("tests/test_a.py", "import pytest\n\n@pytest.mark.skipif(True)\ndef test_a():\n    pass\n"),
            ("tests/test_a.py", "import pytest\n\ndef test_a():\n    pytest.skip()\n"),
            ("src/lib.rs", "#[cfg(test)]\nmod tests {\n    #[test]\n    #[ignore]\n    fn slow() {}\n}\n"),
            ("internal/a/a_test.go", "package a\n\nfunc TestA(t *testing.T) {\n\tt.Skip()\n}\n"),
            // Unconditional skips, and a focus under a condition, are still reported.
            ("lib/logger/logger_test.go", "package logger\n\nfunc BenchmarkLog(b *testing.B) {\n\tb.Skip()\n}\n"),
            ("src/a.test.ts", "if (process.env.FOCUS) {\n  describe.only('focused', () => {});\n}"),
        ];
        Tester::new::<FocusedOrSkippedTest>(pass, fail).test_and_snapshot();
    }

    #[test]
    fn focus_is_high_and_skips_are_low() {
        let linter = Linter::new(vec![RuleEntry::of::<FocusedOrSkippedTest>()]);
        let severity = |path: &str, source: &str| lint_case(&linter, &(path, source).into())[0].severity;
        assert_eq!(severity("src/a.test.ts", "it.only('x', () => {});"), Severity::High);
        assert_eq!(severity("src/a.test.ts", "it.skip('x', () => {});"), Severity::Low);
    }
}
