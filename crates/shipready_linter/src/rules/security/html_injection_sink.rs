use std::borrow::Cow;

use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{
    AssignmentOperator, AssignmentTarget, Expression, JSXAttributeName, JSXAttributeValue, JSXExpression,
};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use super::excerpt;
use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds HTML put together from values that are not escaped and handed to a sink that
    /// renders it as markup: assignments to `innerHTML` and `outerHTML`, `insertAdjacentHTML`,
    /// `document.write`, React's `dangerouslySetInnerHTML={{ __html: … }}`, and in Python
    /// `Markup(...)` and Django's `mark_safe(...)` around f-strings, `+`, `%` and `.format()`.
    /// HTML built in a local variable first counts too, and so do values read straight from the
    /// page's URL (`location.hash`, `location.search`, `URLSearchParams.get`).
    ///
    /// Constants, numbers, values passed through an escaper or sanitizer (`escapeHtml`,
    /// `DOMPurify.sanitize`, `sanitizeHtml`, `html.escape`, `bleach.clean`,
    /// `markupsafe.escape`, `format_html`), translations and pieces of HTML rendered elsewhere
    /// (`iconHtml`, `renderRow(...)`) are not reported; neither is `textContent`.
    ///
    /// ## Why is this bad?
    /// A value spliced into markup becomes markup: a `<script>` or `onerror=` in a user's name
    /// runs as code in every browser that shows it. That is cross-site scripting, which steals
    /// sessions and acts as the user.
    ///
    /// ## Example
    /// ```ts
    /// row.innerHTML = `<td>${user.name}</td><td>${user.email}</td>`;
    /// ```
    /// ```python
    /// return Markup(f"<b>{comment.author}</b>: {comment.body}")
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// row.innerHTML = `<td>${escapeHtml(user.name)}</td><td>${escapeHtml(user.email)}</td>`;
    /// // or: cell.textContent = user.name;
    /// ```
    /// ```python
    /// return Markup("<b>{}</b>: {}").format(comment.author, comment.body)
    /// ```
    ///
    /// ## Known limitations
    /// Only HTML built in place, or a few local variables away, is checked: a value of unknown
    /// origin passed whole (`el.innerHTML = html`, `mark_safe(content)`) is not reported, since
    /// the code that built it decides whether it was escaped. A function that escapes anything is
    /// taken to escape what it builds.
    pub(crate) struct HtmlInjectionSink {
        id: "html-injection-sink",
        area: Security,
        severity: High,
        since: "0.1.0",
        title: "Unescaped value rendered as HTML",
        rationale: "A value spliced into markup without escaping runs as script in the browser, which is cross-site scripting.",
        fix: "Escape values before they go into HTML (`escapeHtml`, `DOMPurify.sanitize`, `html.escape`), or set `textContent`.",
    }
}

impl Rule for HtmlInjectionSink {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] =
        &[AstType::AssignmentExpression, AstType::CallExpression, AstType::JSXAttribute];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const NEEDLES: &'static [&'static str] = &[
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        ".write",
        "dangerouslySetInnerHTML",
        "Markup",
        "mark_safe",
        "SafeString",
    ];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let (sink, value): (String, &'a Expression<'a>) = match node.kind() {
            AstKind::AssignmentExpression(assignment) => {
                if !matches!(assignment.operator, AssignmentOperator::Assign | AssignmentOperator::Addition) {
                    return;
                }
                let property = match &assignment.left {
                    AssignmentTarget::StaticMemberExpression(member) => {
                        Some(Cow::Borrowed(member.property.name.as_str()))
                    }
                    AssignmentTarget::ComputedMemberExpression(member) => js::static_string(&member.expression),
                    _ => None,
                };
                if !property.is_some_and(|property| matches!(property.as_ref(), "innerHTML" | "outerHTML")) {
                    return;
                }
                (excerpt(ctx.file.slice(assignment.left.span())), &assignment.right)
            }
            AstKind::CallExpression(call) => {
                let path = js::dotted_path(&call.callee).unwrap_or_default();
                let value = match js::method_name(call) {
                    Some("insertAdjacentHTML") => js::arg(call, 1),
                    Some("write" | "writeln")
                        if path.ends_with("document.write") || path.ends_with("document.writeln") =>
                    {
                        js::arg(call, 0)
                    }
                    _ => None,
                };
                let Some(value) = value else { return };
                let shown = if path.is_empty() { js::method_name(call).unwrap_or_default().to_string() } else { path };
                (shown, value)
            }
            AstKind::JSXAttribute(attribute) => {
                let JSXAttributeName::Identifier(name) = &attribute.name else { return };
                if name.name != "dangerouslySetInnerHTML" {
                    return;
                }
                let Some(JSXAttributeValue::ExpressionContainer(container)) = &attribute.value else { return };
                let JSXExpression::ObjectExpression(object) = &container.expression else { return };
                let Some(html) = js::object_property(object, "__html") else { return };
                ("dangerouslySetInnerHTML".to_string(), html)
            }
            _ => return,
        };
        if js_function_escapes(node, ctx) {
            return;
        }
        if let Some(unescaped) = js_unescaped(value, ctx, 0) {
            let shown = excerpt(ctx.text_of(unescaped));
            ctx.report(value.span(), format!("`{sink}` renders HTML built from `{shown}` without escaping it"));
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let Some(name) = py::callee_last_name(&call.func) else { return };
        if !matches!(name, "Markup" | "mark_safe" | "SafeString" | "SafeText") {
            return;
        }
        let Some(value) = call.arguments.args.first() else { return };
        let scope = py::Scope::of(ctx.ancestors(), ctx.module);
        let built = py::spliced(value, scope);
        if !built.built || scope.function.is_some_and(|function| escapes(ctx.text_of(function))) {
            return;
        }
        if let Some(unescaped) = built.values.iter().find(|value| !py_safe(value)) {
            let shown = excerpt(ctx.text_of(*unescaped));
            ctx.report(value.range(), format!("`{name}` marks HTML built from `{shown}` as safe without escaping it"));
        }
    }
}

/// Whether source text escapes or sanitizes something (`escapeHtml(`, `conditional_escape(`,
/// `DOMPurify.sanitize(`, `format_html(`): a function that does is taken to escape what it
/// builds, even where a value's path through it is not followed.
fn escapes(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["escape", "sanitiz", "purify", "format_html", "bleach", "xss"].iter().any(|marker| lower.contains(marker))
}

/// Whether the function around a sink escapes or sanitizes anything (see [`escapes`]).
fn js_function_escapes<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    ctx.nodes()
        .ancestors(node.id())
        .find(|ancestor| matches!(ancestor.kind(), AstKind::Function(_) | AstKind::ArrowFunctionExpression(_)))
        .is_some_and(|function| escapes(ctx.file.slice(function.kind().span())))
}

/// The first value spliced into HTML without escaping, if any: in HTML built here, or read
/// from the page's URL.
fn js_unescaped<'a>(value: &'a Expression<'a>, ctx: &JsContext<'a, '_>, depth: u8) -> Option<&'a Expression<'a>> {
    let built = js::spliced(ctx.semantic, value);
    if let Some(source) = built.values.iter().find(|value| is_url_source(value)) {
        return Some(source);
    }
    if !built.built {
        return None;
    }
    for value in built.values {
        // `items.map((item) => \`<li>${item.name}</li>\`).join('')`: look inside the callback.
        if let Expression::CallExpression(call) = js::inner(value)
            && js::method_name(call) == Some("map")
        {
            if depth == 0
                && let Some(item) = js::arg(call, 0).and_then(returned_expression)
                && let Some(found) = js_unescaped(item, ctx, depth + 1)
            {
                return Some(found);
            }
            continue;
        }
        if !js_safe(value) {
            return Some(value);
        }
    }
    None
}

/// What an arrow or function expression returns, when it is one expression or one `return`.
fn returned_expression<'a>(callback: &'a Expression<'a>) -> Option<&'a Expression<'a>> {
    if let Expression::ArrowFunctionExpression(arrow) = js::inner(callback)
        && let Some(expression) = arrow.get_expression()
    {
        return Some(expression);
    }
    let body = js::function_body(callback)?;
    match body.statements.as_slice() {
        [shipready_lang::oxc::ast::ast::Statement::ReturnStatement(ret)] => ret.argument.as_ref(),
        _ => None,
    }
}

/// A value read from the page's URL, which anyone can craft a link to, possibly sliced or
/// decoded (`location.hash.slice(1)`, `decodeURIComponent(location.search)`).
fn is_url_source(value: &Expression<'_>) -> bool {
    if let Expression::CallExpression(call) = js::inner(value) {
        return match (call.callee_name(), js::method_receiver(call).map(js::inner)) {
            (Some("decodeURIComponent" | "decodeURI" | "unescape"), None) => {
                js::arg(call, 0).is_some_and(is_url_source)
            }
            (Some("get"), Some(Expression::NewExpression(new))) => {
                matches!(js::inner(&new.callee), Expression::Identifier(id) if id.name == "URLSearchParams")
            }
            (Some("get"), Some(receiver)) => {
                js::dotted_path(receiver).is_some_and(|path| path.ends_with("searchParams"))
            }
            (
                Some("slice" | "substring" | "substr" | "replace" | "trim" | "split" | "toString" | "toLowerCase"),
                Some(receiver),
            ) => is_url_source(receiver),
            _ => false,
        };
    }
    let Some(path) = js::dotted_path(value) else { return false };
    let path = path.strip_prefix("window.").unwrap_or(&path);
    matches!(
        path,
        "location.hash"
            | "location.search"
            | "location.href"
            | "location.pathname"
            | "document.location.hash"
            | "document.location.search"
            | "document.location.href"
            | "document.URL"
            | "document.documentURI"
            | "document.referrer"
    )
}

fn js_safe(value: &Expression<'_>) -> bool {
    match js::inner(value) {
        Expression::CallExpression(call) => call.callee_name().is_none_or(is_escaper_or_renderer),
        Expression::StaticMemberExpression(member)
            if matches!(member.property.name.as_str(), "innerHTML" | "outerHTML") =>
        {
            true
        }
        other => js::expr_name(other).is_some_and(|name| is_safe_name(&name)),
    }
}

fn py_safe(value: &Expr) -> bool {
    match value {
        Expr::Call(call) => py::callee_last_name(&call.func).is_none_or(is_escaper_or_renderer),
        other => py::expr_name(other).is_some_and(|name| is_safe_name(&name)),
    }
}

/// A call whose result is escaped or is markup rendered elsewhere: escapers and sanitizers
/// (`escapeHtml`, `DOMPurify.sanitize`, `bleach.clean`, `format_html`), translations (`t`,
/// `gettext`), template renderers and number formatting. Only plain string operations and a few
/// converters carry a value through unescaped.
fn is_escaper_or_renderer(name: &str) -> bool {
    !matches!(
        name,
        "String"
            | "str"
            | "toString"
            | "trim"
            | "strip"
            | "concat"
            | "join"
            | "slice"
            | "substring"
            | "substr"
            | "toUpperCase"
            | "toLowerCase"
            | "upper"
            | "lower"
            | "get"
            | "getAttribute"
            | "getItem"
            | "decodeURIComponent"
            | "decodeURI"
            | "unquote"
            | "atob"
            | "json"
            | "text"
            | "stringify"
    )
}

/// A name whose value is a number, a flag or markup rendered elsewhere (`count`, `index`,
/// `isOpen`, `iconHtml`, `rowMarkup`).
fn is_safe_name(name: &str) -> bool {
    let words = split_words(name);
    let Some(last) = words.last() else { return false };
    let numeric = matches!(
        last.as_str(),
        "count"
            | "length"
            | "size"
            | "index"
            | "idx"
            | "total"
            | "width"
            | "height"
            | "percent"
            | "percentage"
            | "num"
            | "number"
            | "page"
            | "i"
            | "j"
            | "n"
            | "id"
            | "uuid"
            | "px"
            | "ms"
            | "level"
            | "depth"
            | "score"
            | "progress"
            | "offset"
            | "duration"
    );
    let flag = words.first().is_some_and(|first| matches!(first.as_str(), "is" | "has" | "can" | "should"));
    let markup = words.iter().any(|word| matches!(word.as_str(), "html" | "markup" | "svg" | "icon" | "rendered"));
    numeric || flag || markup
}

#[cfg(test)]
mod tests {
    use super::HtmlInjectionSink;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // Constants.
            ("src/ui/list.ts", "list.innerHTML = '';"),
            ("src/ui/list.ts", "list.innerHTML = `<li class=\"empty\">Nothing yet</li>`;"),
            ("src/ui/list.ts", "const EMPTY = '<p>none</p>';\nlist.innerHTML = `<div>${EMPTY}</div>`;"),
            // Escaped values.
            ("src/ui/row.ts", "row.innerHTML = `<td>${escapeHtml(user.name)}</td><td>${escapeHtml(user.email)}</td>`;"),
            ("src/ui/row.ts", "el.innerHTML = DOMPurify.sanitize(`<p>${comment.body}</p>`);"),
            ("src/ui/row.ts", "el.insertAdjacentHTML('beforeend', `<li>${sanitizeHtml(item.title)}</li>`);"),
            ("src/ui/list.ts", "list.innerHTML = items.map((item) => `<li>${escape(item.name)}</li>`).join('');"),
            (
                "src/components/Post.tsx",
                "export const Post = ({ body }) => <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(body) }} />;",
            ),
            // Numbers, flags, markup rendered elsewhere.
            ("src/ui/badge.ts", "badge.innerHTML = `<span>${count}</span> of ${items.length}`;"),
            ("src/ui/card.ts", "card.innerHTML = `<div class=\"card\">${iconHtml}${this.renderBody()}</div>`;"),
            // Values of unknown origin passed whole, and text sinks.
            ("src/ui/card.ts", "card.innerHTML = html;"),
            ("src/ui/card.ts", "card.textContent = `Hello ${user.name}`;"),
            (
                "src/components/Post.tsx",
                "export const Post = ({ html }) => <div dangerouslySetInnerHTML={{ __html: html }} />;",
            ),
            // Python.
            ("app/views.py", "from markupsafe import Markup\nMarkup(\"<b>{}</b>\").format(user.name)\n"),
            ("app/views.py", "from markupsafe import Markup, escape\nMarkup(f\"<b>{escape(user.name)}</b>\")\n"),
            (
                "app/views.py",
                "import html\nfrom django.utils.safestring import mark_safe\nmark_safe(\"<b>%s</b>\" % html.escape(name))\n",
            ),
            ("app/views.py", "from django.utils.safestring import mark_safe\nmark_safe(\"<br>\")\n"),
            ("app/views.py", "from django.utils.safestring import mark_safe\nmark_safe(rendered)\n"),
            (
                "app/widgets.py",
                "def render(text):\n    text = conditional_escape(text)\n    return mark_safe(f\"<span>{text}</span>\")\n",
            ),
            // Functions that escape what they build, along a path not followed here.
            (
                "app/filters.py",
                "from django.utils.safestring import mark_safe\n\ndef linenumbers(value):\n    lines = value.split(\"\\n\")\n    for i, line in enumerate(lines):\n        lines[i] = \"%d. %s\" % (i + 1, escape(line))\n    return mark_safe(\"\\n\".join(lines))\n",
            ),
            (
                "src/render/bookmark.js",
                "function render(node) {\n  const title = escapeHtml(node.title);\n  el.innerHTML = `<a href=\"${node.url}\">${title}</a>`;\n}",
            ),
            ("tests/test_ui.ts", "el.innerHTML = `<b>${name}</b>`;"),
        ];
        let fail = [
            ("src/ui/row.ts", "row.innerHTML = `<td>${user.name}</td><td>${user.email}</td>`;"),
            ("src/admin/panel.js", "panel.innerHTML += '<div class=\"msg\">' + message.text + '</div>';"),
            ("src/ui/row.ts", "node.outerHTML = `<span title=\"${title}\">x</span>`;"),
            ("src/ui/row.ts", "el.insertAdjacentHTML('beforeend', `<li>${item.title}</li>`);"),
            ("src/ui/page.js", "document.write('<h1>' + heading + '</h1>');"),
            ("src/ui/search.js", "results.innerHTML = location.hash.slice(1);"),
            ("src/ui/search.js", "results.innerHTML = new URLSearchParams(location.search).get('q');"),
            ("src/ui/list.ts", "list.innerHTML = items.map((item) => `<li>${item.name}</li>`).join('');"),
            (
                "src/ui/card.ts",
                "function show(user) {\n  const html = `<h2>${user.displayName}</h2>`;\n  card.innerHTML = html;\n}",
            ),
            (
                "src/components/Comment.tsx",
                "export const Comment = ({ c }) => <p dangerouslySetInnerHTML={{ __html: `<b>${c.author}</b> ${c.body}` }} />;",
            ),
            (
                "app/views.py",
                "from markupsafe import Markup\n\ndef show(comment):\n    return Markup(f\"<b>{comment.author}</b>: {comment.body}\")\n",
            ),
            ("app/views.py", "from markupsafe import Markup\nMarkup(\"<b>\" + name + \"</b>\")\n"),
            ("app/views.py", "from markupsafe import Markup\nMarkup(\"<b>{}</b>\".format(name))\n"),
            (
                "app/views.py",
                "from django.utils.safestring import mark_safe\nmark_safe(\"<a href='%s'>%s</a>\" % (url, label))\n",
            ),
            (
                "app/views.py",
                "from django.utils.safestring import mark_safe\n\ndef link(obj):\n    html = f'<a href=\"{obj.url}\">{obj.title}</a>'\n    return mark_safe(html)\n",
            ),
        ];
        Tester::new::<HtmlInjectionSink>(pass, fail).test_and_snapshot();
    }
}
