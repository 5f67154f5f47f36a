use shipready_diagnostics::{Severity, Span};
use shipready_lang::Language;
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind, Stmt};
use shipready_lang::ruff::text_size::{Ranged, TextRange, TextSize};

use crate::context::PyContext;
use crate::declare_rule;
use crate::helpers::comments::explains;
use crate::helpers::py;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds bare `except:` and `except Exception:` handlers whose body neither re-raises, logs,
    /// nor uses the exception: it does something else (returns a default, continues a loop,
    /// sets a flag) and the failure disappears.
    ///
    /// Handlers whose body is only `pass` are reported by `empty-catch` instead. A handler around
    /// a single parse of input (`json.loads`, `int(...)`, `await response.json()`) stays silent:
    /// the only error it can hide is malformed data; so does one around imports only, which
    /// probes for an optional dependency. A handler with a comment saying why the
    /// error is safe to drop is reported at `info`, so the decision stays visible.
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
        // A broad handler around one parse of untrusted data is how Python spells "if it parses":
        // the only error it can hide is the input being malformed.
        // So is one around imports only: probing for an optional dependency.
        if let Some(AnyNodeRef::StmtTry(try_)) = ctx.parent()
            && (only_parses(&try_.body) || try_.body.iter().all(|s| matches!(s, Stmt::Import(_) | Stmt::ImportFrom(_))))
        {
            return;
        }
        // Report the `except …` header only: `except`, or `except Exception` up to its type.
        let start = handler.range.start();
        let end = handler.type_.as_deref().map_or(start + TextSize::from(6), Ranged::end);
        let span = TextRange::new(start, end);
        let clause = ctx.file.slice(span);
        // A comment in the handler (or after it on its last line) that says why the error is
        // safe to drop makes it a visible decision, as `empty-catch` treats an explained block.
        let last_line = ctx.file.line_index().position(ctx.file.text, handler.end().to_u32()).0;
        let line_end = ctx.file.line_index().line_span(ctx.file.text, last_line).end;
        if explains(ctx.file, Span::new(start.to_u32(), line_end)) {
            let message = format!("`{clause}` drops the error; its comment documents this as intentional");
            ctx.report_with_severity(span, Severity::Info, message);
            return;
        }
        ctx.report(span, format!("`{clause}` swallows the error: it neither logs nor re-raises it"));
    }
}

/// Functions whose only failure is malformed input: parsers and conversions.
const PARSERS: &[&str] = &[
    "loads",
    "literal_eval",
    "urlparse",
    "urlsplit",
    "parse_qs",
    "int",
    "float",
    "Decimal",
    "UUID",
    "fromisoformat",
    "strptime",
    "b64decode",
    "urlsafe_b64decode",
    "ip_address",
    "ip_network",
    "get_type_hints",
];

/// Whether a `try` body is a single statement whose work is one parse: `data = json.loads(raw)`,
/// `return int(value)`, `body = await response.json()`.
fn only_parses(body: &[Stmt]) -> bool {
    let [statement] = body else { return false };
    let value = match statement {
        Stmt::Assign(assign) => &*assign.value,
        Stmt::AnnAssign(assign) => match assign.value.as_deref() {
            Some(value) => value,
            None => return false,
        },
        Stmt::Return(ret) => match ret.value.as_deref() {
            Some(value) => value,
            None => return false,
        },
        Stmt::Expr(expr) => &*expr.value,
        _ => return false,
    };
    let value = match value {
        Expr::Await(awaited) => &*awaited.value,
        other => other,
    };
    let Expr::Call(call) = value else { return false };
    match py::callee_last_name(&call.func) {
        Some("json") => call.arguments.is_empty(),
        Some(name) => PARSERS.contains(&name),
        None => false,
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
            // One parse of untrusted input: the only error is malformed data.
            ("app/a.py", "try:\n    data = json.loads(raw)\nexcept Exception:\n    continue\n"),
            (
                "app/a.py",
                "async def f(r):\n    try:\n        body = await r.json()\n    except Exception:\n        body = None\n",
            ),
            ("app/a.py", "def port(v):\n    try:\n        return int(v)\n    except Exception:\n        return 0\n"),
            (
                "app/a.py",
                "def has_toolkit():\n    try:\n        from langchain_community.tools import Toolkit\n    except Exception:\n        return False\n    return True\n",
            ),
            // An explained handler is reported at info only.
            (
                "app/sessions.py",
                "try:\n    data = cache.get(key)\nexcept Exception:\n    # Some backends raise on invalid keys; reset the session then.\n    data = None\n",
            ),
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
            // A parse among other work, or a call that is not a parse, still hides real failures.
            (
                "app/a.py",
                "try:\n    data = json.loads(fetch(url))\n    save(data)\nexcept Exception:\n    data = None\n",
            ),
            (
                "app/a.py",
                "async def f(r):\n    try:\n        body = await r.fetch_body()\n    except Exception:\n        body = None\n",
            ),
            // Commented-out code explains nothing.
            ("app/a.py", "try:\n    f()\nexcept Exception:\n    # logger.error(exc)\n    return None\n"),
            // A nested function that would log later does not handle this error now.
            (
                "app/a.py",
                "try:\n    f()\nexcept BaseException:\n    def later():\n        logger.error('x')\n    hooks.append(later)\n",
            ),
        ];
        Tester::new::<BroadExceptSwallow>(pass, fail).test_and_snapshot();
    }
}
