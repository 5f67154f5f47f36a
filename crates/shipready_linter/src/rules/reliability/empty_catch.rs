use shipready_diagnostics::{Severity, Span};
use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{BlockStatement, CallExpression, Expression, Statement};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{AnyNodeRef, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{FileInfo, IntoSpan, JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::comments::explains;
use crate::helpers::{js, py};
use crate::rule::Rule;
use shipready_lang::tree::{Node, text};

declare_rule! {
    /// ## What it does
    /// Finds error handlers that do nothing: `catch (e) {}`, `.catch(() => {})`, and Python
    /// `except:` / `except Exception:` clauses whose body is only `pass` or `...`.
    ///
    /// A handler whose only content is a comment explaining why the error is safe to ignore is
    /// reported at `info` as "documented intentional", so the decision stays visible in the
    /// readiness checklist without failing the run.
    ///
    /// ## Why is this bad?
    /// A swallowed error hides the failure that caused it: the operation silently did not happen,
    /// and nobody learns why until a user reports the consequence.
    ///
    /// ## Example
    /// ```ts
    /// try { await syncMemoryFiles(dir); } catch (err) {}
    /// ```
    /// ```python
    /// try:
    ///     cleanup(task)
    /// except Exception:
    ///     pass
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// try { await syncMemoryFiles(dir); } catch (err) { log.debug("memory sync failed", { err }); }
    /// ```
    /// ```python
    /// try:
    ///     cleanup(task)
    /// except Exception:
    ///     logger.warning("cleanup failed", exc_info=True)
    /// ```
    ///
    /// ## Known limitations
    /// Python handlers that name a specific exception (`except FileNotFoundError: pass`) are
    /// deliberate and stay silent, as in bandit's `try_except_pass` default.
    pub(crate) struct EmptyCatch {
        id: "empty-catch",
        area: Reliability,
        severity: High,
        since: "0.1.0",
        title: "Error handler that swallows the error",
        rationale: "A swallowed error hides the failure that caused it.",
        fix: "Log the error or rethrow it, or say in a comment why it is safe to ignore.",
    }
}

impl Rule for EmptyCatch {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Rust, Language::Go];
    const JS_KINDS: &'static [AstType] = &[AstType::CatchClause, AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExceptHandlerExceptHandler];
    const RUST_KINDS: &'static [&'static str] = &["match_arm", "if_expression"];
    const GO_KINDS: &'static [&'static str] = &["if_statement"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        match node.kind() {
            AstKind::CatchClause(clause) if is_empty_block(&clause.body) => {
                let documented = explains(ctx.file, clause.body.span.into_span());
                report(ctx.file, clause.span.into_span(), documented, "catch block", |span, severity, message| {
                    ctx.report_with_severity(span, severity, message);
                });
            }
            AstKind::CallExpression(call) => {
                // promise.catch(() => {})
                if js::method_name(call) != Some("catch") || call.arguments.len() != 1 {
                    return;
                }
                let Some(body) = js::arg(call, 0).and_then(js::function_body) else { return };
                if body.statements.is_empty() && body.directives.is_empty() {
                    // `.catch(function ignoreMissing() {})`: the handler's name says why.
                    let named_intent = match js::arg(call, 0).map(js::inner) {
                        Some(Expression::FunctionExpression(function)) => function.id.as_ref().is_some_and(|id| {
                            let name = id.name.to_ascii_lowercase();
                            ["noop", "ignore", "swallow", "silence"].iter().any(|w| name.contains(w))
                        }),
                        _ => false,
                    };
                    let documented = named_intent || explains(ctx.file, body.span.into_span());
                    let span = call.arguments[0].span().into_span();
                    if !documented && marks_stored_promise_handled(ctx, node, call) {
                        let message =
                            "Empty `.catch()` on a stored promise only marks it as handled; it is awaited elsewhere";
                        ctx.report_with_severity(span, Severity::Info, message);
                        return;
                    }
                    report(ctx.file, span, documented, "`.catch()` handler", |span, severity, message| {
                        ctx.report_with_severity(span, severity, message);
                    });
                }
            }
            _ => {}
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExceptHandlerExceptHandler(handler) = node else { return };
        if !py::is_broad_handler(handler) || !py::is_empty_body(&handler.body) {
            return;
        }
        // A fallback while handling an outer error that is itself logged or re-raised.
        if py::in_surfacing_handler(ctx.ancestors()) {
            return;
        }
        // A comment on the `except` line, in the body, or after the last `pass` explains it.
        let line_end = ctx
            .file
            .line_index()
            .line_span(ctx.file.text, ctx.file.line_index().position(ctx.file.text, handler.end().to_u32()).0)
            .end;
        let documented = explains(ctx.file, Span::new(handler.start().to_u32(), line_end));
        let clause = if handler.type_.is_none() { "bare `except:`" } else { "`except Exception`" };
        report(ctx.file, handler.range().into_span(), documented, clause, |span, severity, message| {
            ctx.report_with_severity(span, severity, message);
        });
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Self::check_tree_node(node, ctx);
    }
}

impl EmptyCatch {
    /// Go `if err != nil {}`; Rust `Err(_) => {}` arms and `if let Err(_) = … {}`.
    fn check_tree_node<'t>(node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        let (block, what) = match node.kind() {
            "if_statement" => {
                let Some(condition) = node.child_by_field_name("condition") else { return };
                let condition = text(condition, source).replace(' ', "");
                if !(condition.ends_with("!=nil") && condition.starts_with("err")) {
                    return;
                }
                let Some(consequence) = node.child_by_field_name("consequence") else { return };
                (consequence, "`if err != nil` block")
            }
            "match_arm" => {
                let Some(pattern) = node.child_by_field_name("pattern") else { return };
                if !text(pattern, source).trim_start().starts_with("Err(") {
                    return;
                }
                let Some(value) = node.child_by_field_name("value") else { return };
                (value, "`Err` arm")
            }
            "if_expression" => {
                let Some(condition) = node.child_by_field_name("condition") else { return };
                if !text(condition, source).trim_start().starts_with("let Err(") {
                    return;
                }
                let Some(consequence) = node.child_by_field_name("consequence") else { return };
                (consequence, "`if let Err` block")
            }
            _ => return,
        };
        // `{}`, `{ /* comment */ }` or `()`: nothing but comments inside.
        let empty = block.kind() == "unit_expression"
            || (matches!(block.kind(), "block")
                && block
                    .named_children(&mut block.walk())
                    .all(|child| matches!(child.kind(), "line_comment" | "block_comment" | "comment")));
        if !empty {
            return;
        }
        if node.kind() == "if_statement" && node.child_by_field_name("alternative").is_some() {
            return;
        }
        // A comment inside the block, or after it on the same line, says why.
        let line = ctx.file.line_index().position(ctx.file.text, block.end_byte() as u32).0;
        let rest_of_line =
            Span::new(block.start_byte() as u32, ctx.file.line_index().line_span(ctx.file.text, line).end);
        let documented = explains(ctx.file, rest_of_line);
        report(ctx.file, node.into_span(), documented, what, |span, severity, message| {
            ctx.report_with_severity(span, severity, message);
        });
    }
}

/// `this.$initialConnection.catch(() => {})` on its own: the promise is kept in a field and
/// awaited elsewhere; the empty handler only marks it as handled so an early rejection is not
/// reported as unhandled.
fn marks_stored_promise_handled(ctx: &JsContext<'_, '_>, node: &AstNode<'_>, call: &CallExpression<'_>) -> bool {
    let statement = matches!(ctx.parent(node).kind(), AstKind::ExpressionStatement(_));
    let stored = match &call.callee {
        Expression::StaticMemberExpression(member) => {
            matches!(member.object.without_parentheses(), Expression::StaticMemberExpression(_))
        }
        _ => false,
    };
    statement && stored
}

fn is_empty_block(block: &BlockStatement<'_>) -> bool {
    block.body.iter().all(|statement| matches!(statement, Statement::EmptyStatement(_)))
}

fn report(
    _file: &FileInfo<'_>,
    span: Span,
    documented: bool,
    what: &str,
    mut emit: impl FnMut(Span, Severity, String),
) {
    if documented {
        emit(span, Severity::Info, format!("Empty {what} is documented as intentional by its comment"));
    } else {
        emit(span, Severity::High, format!("Empty {what} swallows the error"));
    }
}

#[cfg(test)]
mod tests {
    use super::EmptyCatch;
    use crate::runner::{Linter, RuleEntry};
    use crate::tester::{Tester, lint_case};
    use shipready_diagnostics::Severity;

    #[test]
    fn test() {
        let pass = [
            (
                "app/routers/pipelines.py",
                "async def f():\n    try:\n        r = await call()\n    except Exception as e:\n        log.exception(f'Connection error: {e}')\n        try:\n            detail = (await r.json())['detail']\n        except Exception:\n            pass\n        raise HTTPException(404, detail)\n",
            ),
            ("src/a.ts", "try { f(); } catch (e) { log.debug('failed', e); }"),
            ("src/a.ts", "try { f(); } catch (e) { throw new Error('wrapped', { cause: e }); }"),
            ("src/a.js", "p.catch((err) => logger.warn(err));"),
            ("src/a.js", "p.then(() => {}, onError);"),
            ("src/a.py", "try:\n    f()\nexcept Exception:\n    logger.warning('x')\n"),
            ("src/a.py", "try:\n    f()\nexcept Exception:\n    raise\n"),
            // A specific exception is a deliberate choice.
            ("src/a.py", "try:\n    import ujson as json\nexcept ImportError:\n    pass\n"),
            // Tests may swallow errors.
            ("src/a.test.ts", "try { f(); } catch (e) {}"),
            ("tests/test_a.py", "try:\n    f()\nexcept Exception:\n    pass\n"),
            // Documented: reported at info only.
            ("src/media/fetch.ts", "try { stream.destroy(); } catch {\n  // stream cleanup, intentional\n}"),
            ("src/a.py", "try:\n    f()\nexcept Exception:  # best effort: the cache is optional\n    pass\n"),
            ("src/a.py", "try:\n    f()\nexcept Exception:\n    pass  # already closed\n"),
            ("internal/a/a.go", "package a\n\nfunc f() {\n\tif err := g(); err != nil {\n\t\treturn\n\t}\n}\n"),
            (
                "internal/a/a.go",
                "package a\n\nfunc f() {\n\tif err != nil {\n\t\t// best effort: the file may be gone already\n\t}\n}\n",
            ),
            ("internal/a/a_test.go", "package a\n\nfunc f() {\n\tif err != nil {\n\t}\n}\n"),
            (
                "src/lib.rs",
                "fn f() {\n    match read() {\n        Ok(v) => use_it(v),\n        Err(e) => log::warn!(\"read failed: {e}\"),\n    }\n}\n",
            ),
            (
                "src/lib.rs",
                "fn f() {\n    match read() {\n        Err(_) => {} // the cache is optional\n        Ok(v) => use_it(v),\n    }\n}\n",
            ),
            ("lib/connection.js", "model.init().catch(function $modelInitNoop() {});"),
        ];
        let fail = [
            // The outer handler swallows too, so the inner one is not excused.
            (
                "app/jobs.py",
                "def f():\n    try:\n        run()\n    except ValueError:\n        try:\n            cleanup()\n        except Exception:\n            pass\n",
            ),
            ("src/memory/internal.ts", "try {\n  fs.unlinkSync(tmp);\n} catch (e) {}\n"),
            ("src/a.js", "try { f(); } catch {}"),
            ("src/a.js", "try { f(); } catch (e) { ; }"),
            ("src/a.ts", "fetchThing().catch(() => {});"),
            ("main.py", "try:\n    cleanup()\nexcept Exception:\n    pass\n"),
            ("api/routes/messages.py", "try:\n    cleanup()\nexcept:\n    pass\n"),
            ("services/hil_email_notification.py", "try:\n    send()\nexcept (ValueError, Exception):\n    ...\n"),
            (
                "internal/store/store.go",
                "package store\n\nfunc Save() {\n\terr := write()\n\tif err != nil {\n\t}\n}\n",
            ),
            (
                "src/store.rs",
                "fn f() {\n    match std::fs::remove_file(path) {\n        Ok(()) => {}\n        Err(_) => {}\n    }\n}\n",
            ),
            ("src/store.rs", "fn f() {\n    if let Err(_) = sync() {}\n}\n"),
        ];
        Tester::new::<EmptyCatch>(pass, fail).test_and_snapshot();
    }

    #[test]
    fn documented_handlers_are_info() {
        let linter = Linter::new(vec![RuleEntry::of::<EmptyCatch>()]);
        for (path, source) in [
            ("src/a.ts", "try { f(); } catch {\n  // intentional\n}"),
            ("src/a.py", "try:\n    f()\nexcept Exception:\n    # optional\n    pass\n"),
        ] {
            let findings = lint_case(&linter, &(path, source).into());
            assert_eq!(findings.len(), 1, "{path}");
            assert_eq!(findings[0].severity, Severity::Info);
            assert!(findings[0].message.contains("documented as intentional"));
        }
    }

    #[test]
    fn stored_promises_are_info_and_commented_out_code_explains_nothing() {
        let linter = Linter::new(vec![RuleEntry::of::<EmptyCatch>()]);
        let severity = |path: &str, source: &str| {
            let findings = lint_case(&linter, &(path, source).into());
            assert_eq!(findings.len(), 1, "{path}: {source}");
            findings[0].severity
        };
        let stored = "Connection.prototype.on = function (event) {\n  this.$initialConnection.catch(() => {});\n};";
        assert_eq!(severity("lib/connection.js", stored), Severity::Info);
        // A promise made here and dropped: its only handler swallows the error.
        assert_eq!(severity("lib/a.js", "function f() {\n  save().catch(() => {});\n}"), Severity::High);
        assert_eq!(severity("lib/a.js", "async function f() {\n  await this.conn.catch(() => {});\n}"), Severity::High);
        assert_eq!(
            severity("lib/udp.js", "try {\n  sock.close();\n} catch (err) {\n  //node.error(err);\n}"),
            Severity::High
        );
        assert_eq!(
            severity("app/a.py", "try:\n    f()\nexcept Exception:\n    # os.remove(path)\n    pass\n"),
            Severity::High
        );
        assert_eq!(
            severity(
                "lib/udp.js",
                "try {\n  sock.close();\n} catch (err) {\n  // the socket may be closed already (ok)\n}"
            ),
            Severity::Info
        );
    }
}
