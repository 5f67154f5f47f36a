use shipready_lang::Language;
use shipready_lang::ruff::ast::visitor::source_order::{self, SourceOrderVisitor, TraversalSignal};
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind, Stmt};
use shipready_lang::ruff::text_size::{Ranged, TextRange, TextSize};

use crate::context::PyContext;
use crate::declare_rule;
use crate::helpers::py;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds bare `except:` and `except Exception:` handlers whose body neither re-raises, logs,
    /// nor uses the exception: it does something else (returns a default, continues a loop,
    /// sets a flag) and the failure disappears.
    ///
    /// Handlers whose body is only `pass` are reported by `empty-catch` instead.
    ///
    /// ## Why is this bad?
    /// A broad handler also catches the bugs nobody anticipated (a `KeyError`, a `TypeError`,
    /// a lost database connection). Without a log line the service degrades silently: cleanup
    /// jobs stop, config falls back to defaults, tasks vanish, and nothing says why.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     config = load_config(path)
    /// except Exception:
    ///     config = DEFAULT_CONFIG
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// try:
    ///     config = load_config(path)
    /// except Exception:
    ///     logger.warning("config %s unreadable, using defaults", path, exc_info=True)
    ///     config = DEFAULT_CONFIG
    /// ```
    pub(crate) struct BroadExceptSwallow {
        id: "broad-except-swallow",
        area: Reliability,
        severity: Medium,
        since: "0.1.0",
        title: "Broad exception handler that hides the error",
        rationale: "A broad handler that neither logs nor re-raises hides unexpected failures.",
        fix: "Log the exception (with `exc_info=True`) or re-raise it, or catch a narrower type.",
    }
}

impl Rule for BroadExceptSwallow {
    const LANGUAGES: &'static [Language] = &[Language::Python];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExceptHandlerExceptHandler];

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExceptHandlerExceptHandler(handler) = node else { return };
        if !py::is_broad_handler(handler) || py::is_empty_body(&handler.body) {
            return;
        }
        let mut scan = Handled { exception_name: handler.name.as_ref().map(|n| n.id.as_str()), handled: false };
        for stmt in &handler.body {
            scan.visit_stmt(stmt);
        }
        if scan.handled {
            return;
        }
        // Report the `except …` header only: `except`, or `except Exception` up to its type.
        let start = handler.range.start();
        let end = handler.type_.as_deref().map_or(start + TextSize::from(6), Ranged::end);
        let span = TextRange::new(start, end);
        let clause = ctx.file.slice(span);
        ctx.report(span, format!("`{clause}` swallows the error: it neither logs nor re-raises it"));
    }
}

/// Looks through a handler body for anything that surfaces the error.
struct Handled<'n> {
    exception_name: Option<&'n str>,
    handled: bool,
}

impl<'a> SourceOrderVisitor<'a> for Handled<'_> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        if self.handled {
            return TraversalSignal::Skip;
        }
        match node {
            // Nested functions and classes run later, if at all.
            AnyNodeRef::StmtFunctionDef(_) | AnyNodeRef::StmtClassDef(_) => return TraversalSignal::Skip,
            AnyNodeRef::StmtRaise(_) => self.handled = true,
            AnyNodeRef::ExprCall(call) => {
                let exits = py::dotted_name(&call.func)
                    .is_some_and(|name| matches!(name.as_str(), "sys.exit" | "os._exit" | "exit" | "abort"));
                if py::is_logging_call(call) || exits {
                    self.handled = true;
                }
            }
            AnyNodeRef::ExprName(name) if Some(name.id.as_str()) == self.exception_name => self.handled = true,
            _ => {}
        }
        TraversalSignal::Traverse
    }

    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        source_order::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        source_order::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::BroadExceptSwallow;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            (
                "app/a.py",
                "try:\n    f()\nexcept Exception:\n    logger.warning('failed', exc_info=True)\n    return None\n",
            ),
            ("app/a.py", "try:\n    f()\nexcept Exception:\n    log.exception('failed')\n"),
            ("app/a.py", "try:\n    f()\nexcept Exception as exc:\n    errors.append(exc)\n"),
            ("app/a.py", "try:\n    f()\nexcept Exception:\n    cleanup()\n    raise\n"),
            ("app/a.py", "try:\n    f()\nexcept Exception as e:\n    raise RuntimeError('wrapped') from e\n"),
            ("app/a.py", "try:\n    f()\nexcept Exception:\n    traceback.print_exc()\n"),
            ("app/a.py", "try:\n    f()\nexcept Exception:\n    sentry_sdk.capture_exception()\n    return None\n"),
            ("app/a.py", "try:\n    f()\nexcept Exception:\n    sys.exit(1)\n"),
            ("app/a.py", "try:\n    f()\nexcept Exception:\n    print('could not f')\n"),
            // Narrow handlers are deliberate.
            ("app/a.py", "try:\n    v = d[k]\nexcept KeyError:\n    v = None\n"),
            // `pass` bodies belong to empty-catch.
            ("app/a.py", "try:\n    f()\nexcept Exception:\n    pass\n"),
            ("tests/test_a.py", "try:\n    f()\nexcept Exception:\n    return None\n"),
        ];
        let fail = [
            (
                "workflows/runtime/hil_tasks.py",
                "def load():\n    try:\n        return read()\n    except Exception:\n        return []\n",
            ),
            ("main.py", "for task in tasks:\n    try:\n        run(task)\n    except:\n        continue\n"),
            ("services/config.py", "try:\n    cfg = load()\nexcept Exception as exc:\n    cfg = DEFAULTS\n"),
            ("app/a.py", "try:\n    f()\nexcept (OSError, Exception):\n    ok = False\n"),
            // A nested function that would log later does not handle this error now.
            (
                "app/a.py",
                "try:\n    f()\nexcept BaseException:\n    def later():\n        logger.error('x')\n    hooks.append(later)\n",
            ),
        ];
        Tester::new::<BroadExceptSwallow>(pass, fail).test_and_snapshot();
    }
}
