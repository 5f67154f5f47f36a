use shipready_lang::Language;
use shipready_lang::ruff::ast::{AnyNodeRef, NodeKind};
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
        // A fallback inside the handling of an outer error that is itself surfaced (logged or
        // re-raised) hides nothing new: it guards building the outer error's message.
        if py::surfaces_error(handler) || py::in_surfacing_handler(ctx.ancestors()) {
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

#[cfg(test)]
mod tests {
    use super::BroadExceptSwallow;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // The inner handler only guards reading the upstream's error; the outer one logs and raises.
            (
                "app/routers/audio.py",
                "async def f():\n    try:\n        r = await call()\n    except Exception as e:\n        log.exception('failed')\n        detail = 'error'\n        try:\n            detail = (await r.json())['error']\n        except Exception:\n            detail = f'External: {e}'\n        raise HTTPException(500, detail)\n",
            ),
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
