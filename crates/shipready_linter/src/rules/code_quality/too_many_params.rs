use shipready_diagnostics::Severity;
use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{BindingPattern, FormalParameters, MethodDefinitionKind, PropertyKey};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::{GetSpan, Span};
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind};

use crate::context::{JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::comments::allowed_by_peer_tool;
use crate::helpers::py;
use crate::rule::Rule;
use shipready_lang::tree::{Node, text};

declare_rule! {
    /// ## What it does
    /// Finds functions with more than 7 parameters (`medium`), 15 or more (`high`) and 40 or
    /// more (`critical`). A destructured options object counts by its fields, since each field
    /// is a parameter in all but syntax: `function f({ a, b, c })` takes three.
    ///
    /// Python methods do not count `self`/`cls`; `*args`, `**kwargs` and JS rest parameters do
    /// not count, nor do Python `__dunder__` parameters (`__user__`, `__request__`), which a
    /// framework fills in by name (Open WebUI tools). A class
    /// constructor that takes one destructured object and stores its fields on `this` is
    /// dependency injection (every collaborator named at the call site) and counts as one.
    /// Declarations without a body (TypeScript overloads, `declare function`, Python
    /// `@overload` stubs) are skipped. A function whose long signature the author allowed for
    /// their own linter (`#[allow(clippy::too_many_arguments)]`, `# noqa: PLR0913`,
    /// `// eslint-disable-next-line max-params`) is reported at `info` only.
    ///
    /// ## Why is this bad?
    /// Long parameter lists invite argument-order mistakes, make every call site hard to read,
    /// and signal a function that does too much. At dozens of parameters (a real review found a
    /// signature with 40+) nobody can change the function safely.
    ///
    /// ## Example
    /// ```ts
    /// function createSession(id, user, agent, model, channel, tools, memory, limits, hooks) {}
    /// ```
    ///
    /// ## Use instead
    /// Group related parameters into a typed object, or split the function.
    ///
    /// ## Options
    /// The limits (more than 7; 15 for `high`, 40 for `critical`) are defaults.
    pub(crate) struct TooManyParams {
        id: "too-many-params",
        area: CodeQuality,
        severity: Medium,
        since: "0.1.0",
        title: "Function with too many parameters",
        rationale: "Long parameter lists invite argument mix-ups and signal a function that does too much.",
        fix: "Group related parameters into a typed object or split the function.",
    }
}

// Functions with more parameters than the configured limit (`[rules.too-many-params]
// max-params`, default 7) are reported; these counts raise the severity.
const HIGH_AT: usize = 15;
const CRITICAL_AT: usize = 40;

impl Rule for TooManyParams {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Rust, Language::Go];
    const JS_KINDS: &'static [AstType] = &[AstType::Function, AstType::ArrowFunctionExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::StmtFunctionDef];
    const RUST_KINDS: &'static [&'static str] = &["function_item"];
    const GO_KINDS: &'static [&'static str] = &["function_declaration", "method_declaration", "func_literal"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let (params, name_span) = match node.kind() {
            AstKind::Function(function) if function.body.is_some() && !function.declare => {
                (&*function.params, function.id.as_ref().map(|id| id.span))
            }
            AstKind::ArrowFunctionExpression(arrow) => (&*arrow.params, None),
            _ => return,
        };
        let max = ctx.file.settings.max_params;
        let mut count = count_js(params);
        if count <= max {
            return;
        }
        if is_injection_constructor(node, params, ctx) {
            count = 1;
            if count <= max {
                return;
            }
        }
        let name = js_function_name(node, ctx);
        let span = name_span.or_else(|| name.as_ref().map(|(_, span)| *span)).unwrap_or(params.span);
        let label = name.map_or_else(|| "This function".to_string(), |(name, _)| format!("`{name}`"));
        let severity =
            if allowed_by_peer_tool(ctx.file, span.start, JS_CODES) { Severity::Info } else { severity_for(count) };
        ctx.report_with_severity(span, severity, message(&label, count, ctx.file.settings.max_params));
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::StmtFunctionDef(function) = node else { return };
        let decorated = |name: &str| {
            function.decorator_list.iter().any(|d| match &d.expression {
                Expr::Call(call) => py::callee_last_name(&call.func) == Some(name),
                Expr::Name(n) => n.id.as_str() == name,
                Expr::Attribute(a) => a.attr.id.as_str() == name,
                _ => false,
            })
        };
        // `@overload` stubs repeat the real signature; click and typer commands take one
        // parameter per command-line option, and route handlers one per query or path parameter.
        if decorated("overload")
            || ["command", "option", "argument", "group"].iter().any(|d| decorated(d))
            || py::is_route_handler(function)
        {
            return;
        }
        let params = &function.parameters;
        // `__user__`, `__request__`: filled in by name by the framework that calls the function.
        let counted = |name: &str| !(name.len() > 4 && name.starts_with("__") && name.ends_with("__"));
        let mut count = params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .chain(&params.kwonlyargs)
            .filter(|param| counted(param.parameter.name.as_str()))
            .count();
        let is_method = matches!(ctx.parent(), Some(AnyNodeRef::StmtClassDef(_)));
        if is_method && !decorated("staticmethod") && count > 0 {
            count -= 1;
        }
        if count <= ctx.file.settings.max_params {
            return;
        }
        let label = format!("`{}`", function.name.as_str());
        let allowed = allowed_by_peer_tool(ctx.file, function.name.range.start().to_u32(), PY_CODES);
        let severity = if allowed { Severity::Info } else { severity_for(count) };
        let message = message(&label, count, ctx.file.settings.max_params);
        ctx.report_with_severity(function.name.range, severity, message);
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Self::check_tree_node(node, ctx);
    }
}

impl TooManyParams {
    /// Rust functions (not counting `self`) and Go functions (`a, b int` counts two; a variadic
    /// parameter does not count).
    fn check_tree_node<'t>(node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let Some(parameters) = node.child_by_field_name("parameters") else { return };
        let mut cursor = parameters.walk();
        let count: usize = parameters
            .named_children(&mut cursor)
            .map(|parameter| match parameter.kind() {
                "parameter" => 1,
                // Go groups names: `a, b int`.
                "parameter_declaration" => {
                    let mut names = parameter.walk();
                    parameter.children_by_field_name("name", &mut names).count().max(1)
                }
                _ => 0,
            })
            .sum();
        if count <= ctx.file.settings.max_params {
            return;
        }
        let name = node.child_by_field_name("name");
        let label = name.map_or_else(|| "This function".to_string(), |n| format!("`{}`", text(n, ctx.file.text)));
        let span = name.unwrap_or(parameters);
        let severity = if clippy_allows(node, ctx.file.text) { Severity::Info } else { severity_for(count) };
        ctx.report_with_severity(span, severity, message(&label, count, ctx.file.settings.max_params));
    }
}

/// The peer linters' own rules for long signatures: an author who allowed one of them for this
/// function already decided, so the finding is kept at `info` only.
const JS_CODES: &[&str] = &["max-params"];
const PY_CODES: &[&str] = &["PLR0913", "PLR0917", "too-many-arguments", "too-many-positional-arguments"];

/// Whether a Rust function carries `#[allow(clippy::too_many_arguments)]` (among the
/// attributes and doc comments just before it).
fn clippy_allows(function: Node<'_>, source: &str) -> bool {
    let mut sibling = function.prev_sibling();
    while let Some(node) = sibling {
        match node.kind() {
            "attribute_item" if text(node, source).contains("too_many_arguments") => return true,
            "attribute_item" | "line_comment" | "block_comment" => sibling = node.prev_sibling(),
            _ => return false,
        }
    }
    false
}

fn count_js(params: &FormalParameters<'_>) -> usize {
    params.items.iter().map(|param| pattern_width(&param.pattern)).sum()
}

/// A plain parameter counts one; a destructured object counts its fields, with a default or
/// not, as Python's keyword parameters with defaults count.
fn pattern_width(pattern: &BindingPattern<'_>) -> usize {
    match pattern {
        BindingPattern::ObjectPattern(object) => (object.properties.len() + usize::from(object.rest.is_some())).max(1),
        BindingPattern::AssignmentPattern(assignment) => pattern_width(&assignment.left),
        _ => 1,
    }
}

/// Whether a function is a class constructor that takes one destructured object and stores its
/// fields (`constructor({ logging, models, mailer }) { this.logging = logging; … }`): dependency
/// injection, where every collaborator is named at the call site.
fn is_injection_constructor<'a>(node: &AstNode<'a>, params: &FormalParameters<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let AstKind::MethodDefinition(method) = ctx.parent(node).kind() else { return false };
    if method.kind != MethodDefinitionKind::Constructor || params.rest.is_some() {
        return false;
    }
    let [param] = params.items.as_slice() else { return false };
    let BindingPattern::ObjectPattern(object) = &param.pattern else { return false };
    let AstKind::Function(function) = node.kind() else { return false };
    let Some(body) = &function.body else { return false };
    let body = ctx.text_of(&**body);
    let names: Vec<&str> = object
        .properties
        .iter()
        .filter_map(|property| match &property.value {
            BindingPattern::BindingIdentifier(id) => Some(id.name.as_str()),
            BindingPattern::AssignmentPattern(assignment) => {
                assignment.left.get_binding_identifier().map(|id| id.name.as_str())
            }
            _ => None,
        })
        .collect();
    let stored = names.iter().filter(|name| stores_on_this(body, name)).count();
    !names.is_empty() && stored * 2 >= names.len()
}

/// Whether a constructor body assigns `name` to a field: `this.name = name`, `this._name = name`.
fn stores_on_this(body: &str, name: &str) -> bool {
    body.match_indices(name).any(|(at, _)| {
        let before = body[..at].trim_end();
        let after = body[at + name.len()..].chars().next();
        let ends_identifier = !after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
        ends_identifier
            && before.ends_with('=')
            && !before.ends_with("==")
            && before[..before.len() - 1]
                .trim_end()
                .rsplit(['\n', ';', '{'])
                .next()
                .is_some_and(|lhs| lhs.trim_start().starts_with("this."))
    })
}

/// The name a function is known by: its own, its method key, or the variable it is assigned to.
fn js_function_name<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> Option<(String, Span)> {
    if let AstKind::Function(function) = node.kind()
        && let Some(id) = &function.id
    {
        return Some((id.name.to_string(), id.span));
    }
    match ctx.parent(node).kind() {
        AstKind::VariableDeclarator(declarator) => {
            let id = declarator.id.get_binding_identifier()?;
            Some((id.name.to_string(), id.span))
        }
        AstKind::MethodDefinition(method) => key_name(&method.key),
        AstKind::ObjectProperty(property) => key_name(&property.key),
        AstKind::PropertyDefinition(property) => key_name(&property.key),
        _ => None,
    }
}

fn key_name(key: &PropertyKey<'_>) -> Option<(String, Span)> {
    key.static_name().map(|name| (name.to_string(), key.span()))
}

fn severity_for(count: usize) -> Severity {
    if count >= CRITICAL_AT {
        Severity::Critical
    } else if count >= HIGH_AT {
        Severity::High
    } else {
        Severity::Medium
    }
}

fn message(label: &str, count: usize, limit: usize) -> String {
    format!("{label} takes {count} parameters (limit {limit})")
}

#[cfg(test)]
mod tests {
    use super::TooManyParams;
    use crate::runner::{Linter, RuleEntry};
    use crate::tester::{Tester, lint_case};
    use shipready_diagnostics::Severity;

    fn rust_params(n: usize) -> String {
        (0..n).map(|i| format!("p{i}: u32")).collect::<Vec<_>>().join(", ")
    }

    fn params(n: usize) -> String {
        (0..n).map(|i| format!("p{i}")).collect::<Vec<_>>().join(", ")
    }

    #[test]
    fn test() {
        let pass = [
            // Allowed for the peer linter: kept at info (miniserve's `entry_row`).
            (
                "src/renderer.rs".to_string(),
                format!("/// Partial: row for an entry\n#[allow(clippy::too_many_arguments)]\nfn entry_row({}) {{}}", rust_params(8)),
            ),
            ("app/a.py".to_string(), format!("def f({}):  # noqa: PLR0913\n    pass\n", params(9))),
            (
                "src/a.js".to_string(),
                format!("// eslint-disable-next-line max-params\nfunction f({}) {{}}", params(9)),
            ),
            ("src/a.ts".to_string(), format!("function f({}) {{}}", params(7))),
            ("src/a.ts".to_string(), format!("const f = ({}) => 1;", params(7))),
            ("src/a.ts".to_string(), format!("function f(a, ...rest) {{}}\nfunction g({}, ...more) {{}}", params(6))),
            ("src/a.ts".to_string(), format!("declare function f({}): void;", params(9))),
            ("src/a.ts".to_string(), format!("function f({}): void;\nfunction f(o: object) {{}}", params(9))),
            ("src/a.ts".to_string(), format!("type F = ({}) => void;", params(9))),
            ("src/a.ts".to_string(), "function f({ a, b }, c, d) {}".to_string()),
            // Ghost: dependency-injection constructors.
            (
                "services/staff/StaffService.js".to_string(),
                "class StaffService {\n  constructor({logging, models, mailer, settingsCache, settingsHelpers, urlUtils, blogIcon, labs}) {\n    this.logging = logging;\n    this.models = models;\n    this.mailer = mailer;\n    this.settingsCache = settingsCache;\n    this._settingsHelpers = settingsHelpers;\n    this.urlUtils = urlUtils;\n    this.blogIcon = blogIcon;\n    this.labs = labs;\n  }\n}".to_string(),
            ),
            // Open WebUI tools: `__user__`, `__request__` are filled in by the framework.
            (
                "open_webui/tools/builtin.py".to_string(),
                "async def execute_code(code, __request__=None, __user__=None, __event_emitter__=None, __event_call__=None, __chat_id__=None, __message_id__=None, __metadata__=None):\n    pass\n".to_string(),
            ),
            ("app/a.py".to_string(), format!("def f({}):\n    pass\n", params(7))),
            ("app/a.py".to_string(), format!("class A:\n    def f(self, {}):\n        pass\n", params(7))),
            ("app/a.py".to_string(), format!("def f(a, *args, {}, **kwargs):\n    pass\n", params(6))),
            ("app/a.py".to_string(), format!("@overload\ndef f({}): ...\n", params(9))),
            (
                "app/cli.py".to_string(),
                format!("@click.command()\n@click.option('--a')\ndef main({}):\n    pass\n", params(9)),
            ),
            (
                "app/routes.py".to_string(),
                format!("@router.get('/files')\nasync def list_files({}):\n    pass\n", params(11)),
            ),
            ("tests/test_a.py".to_string(), format!("def f({}):\n    pass\n", params(9))),
            ("src/lib.rs".to_string(), format!("impl A {{ fn f(&self, {}) {{}} }}", rust_params(7))),
            (
                "internal/a/a.go".to_string(),
                "package a\n\nfunc f(a, b, c, d int, e, f, g string, rest ...int) {}\n".to_string(),
            ),
        ];
        let fail = [
            // An allow for another lint is no decision about this one.
            (
                "src/renderer.rs".to_string(),
                format!("#[allow(clippy::type_complexity)]\nfn entry_row({}) {{}}", rust_params(8)),
            ),
            ("src/a.ts".to_string(), format!("export function createSession({}) {{}}", params(8))),
            ("src/a.ts".to_string(), format!("const handler = async ({}) => {{}};", params(9))),
            ("src/a.js".to_string(), "function f({ a, b, c, d, e, f, g, h }) {}".to_string()),
            // Options with defaults are still options the caller must know about.
            (
                "core/server/data/schema/commands.js".to_string(),
                "async function addForeign({fromTable, fromColumn, toTable, toColumn, constraintName, cascadeDelete = false, setNullDelete = false, transaction = db.knex}) {}".to_string(),
            ),
            // A constructor that only reads its options is not injection.
            (
                "src/a.js".to_string(),
                "class A {\n  constructor({ a, b, c, d, e, f, g, h }) {\n    this.total = a + b + c + d + e + f + g + h;\n  }\n}".to_string(),
            ),
            // Positional constructor parameters still count.
            ("src/a.ts".to_string(), format!("class A {{ constructor({}) {{}} }}", params(8))),
            (
                "app/tools.py".to_string(),
                "def update_event(event_id, title, description, start, end, all_day, location, reminder, __user__=None):\n    pass\n".to_string(),
            ),
            ("src/a.ts".to_string(), format!("class A {{ run({}) {{}} }}", params(8))),
            ("app/a.py".to_string(), format!("def plan({}):\n    pass\n", params(8))),
            ("app/a.py".to_string(), format!("class A:\n    @staticmethod\n    def f({}):\n        pass\n", params(8))),
            ("app/a.py".to_string(), format!("def f(*, {}):\n    pass\n", params(8))),
            ("src/lib.rs".to_string(), format!("pub fn build({}) -> Session {{ todo() }}", rust_params(9))),
            (
                "internal/a/a.go".to_string(),
                "package a\n\nfunc (s *S) Build(a, b, c, d int, e, f, g, h string) {}\n".to_string(),
            ),
        ];
        Tester::new::<TooManyParams>(pass, fail).test_and_snapshot();
    }

    #[test]
    fn severity_scales_with_count() {
        let linter = Linter::new(vec![RuleEntry::of::<TooManyParams>()]);
        let at = |n| lint_case(&linter, &("src/a.ts", format!("function f({}) {{}}", params(n))).into())[0].severity;
        assert_eq!(at(14), Severity::Medium);
        assert_eq!(at(15), Severity::High);
        assert_eq!(at(40), Severity::Critical);
    }
}
