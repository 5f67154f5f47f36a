use std::borrow::Cow;

use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{
    ArrayExpressionElement, AssignmentTarget, CallExpression, Expression, JSXAttributeName, JSXAttributeValue,
    JSXExpression,
};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::{AstNode, Semantic};
use shipready_lang::oxc::span::{GetSpan, Span};

use shipready_lang::tree::{Node, text};

use crate::context::{JsContext, TreeContext};
use crate::declare_rule;
use crate::helpers::{js, tree};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds iframe sandboxes that grant both `allow-scripts` and `allow-same-origin`, in every
    /// way code sets them: a JSX `sandbox` prop, `setAttribute("sandbox", …)`,
    /// `iframe.sandbox = …`, `iframe.sandbox.add(…)` (across several calls on the same frame),
    /// and `<iframe sandbox="…">` markup, both in HTML files and templates and inside strings in
    /// code. Values built from a constant array joined with spaces are followed.
    ///
    /// ## Why is this bad?
    /// With both tokens, the framed page runs script with its own origin's privileges, and a
    /// same-origin frame can reach into its parent and remove its own `sandbox` attribute: the
    /// sandbox is no protection at all, and any script in the frame can act as the host app.
    ///
    /// ## Example
    /// ```ts
    /// iframe.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms");
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// // Serve untrusted content from a separate origin, and drop allow-same-origin:
    /// iframe.setAttribute("sandbox", "allow-scripts allow-forms");
    /// ```
    pub(crate) struct IframeSandboxEscape {
        id: "iframe-sandbox-escape",
        area: Security,
        severity: Critical,
        since: "0.1.0",
        title: "Iframe sandbox that the framed page can escape",
        rationale: "`allow-scripts` with `allow-same-origin` lets framed script remove its own sandbox.",
        fix: "Drop `allow-same-origin`, or serve the framed content from a separate origin.",
    }
}

impl Rule for IframeSandboxEscape {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Html];
    const HTML_KINDS: &'static [&'static str] = &["start_tag", "self_closing_tag"];
    const JS_KINDS: &'static [AstType] = &[
        AstType::JSXAttribute,
        AstType::CallExpression,
        AstType::AssignmentExpression,
        AstType::StringLiteral,
        AstType::TemplateLiteral,
    ];
    // Every form spells the token out somewhere in the file.
    const NEEDLES: &'static [&'static str] = &["allow-same-origin"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let semantic = ctx.semantic;
        match node.kind() {
            AstKind::JSXAttribute(attribute) => {
                let JSXAttributeName::Identifier(name) = &attribute.name else { return };
                if name.name != "sandbox" {
                    return;
                }
                let tokens = match &attribute.value {
                    Some(JSXAttributeValue::StringLiteral(literal)) => Some(Cow::Borrowed(literal.value.as_str())),
                    Some(JSXAttributeValue::ExpressionContainer(container)) => match &container.expression {
                        JSXExpression::EmptyExpression(_) => None,
                        expression => expression.as_expression().and_then(|e| sandbox_value(semantic, e)),
                    },
                    _ => None,
                };
                if tokens.is_some_and(|t| escapes(&t)) {
                    report(ctx, attribute.span, "the `sandbox` prop");
                }
            }
            AstKind::CallExpression(call) => check_call(ctx, call),
            AstKind::AssignmentExpression(assignment) => {
                // frame.sandbox = "allow-scripts allow-same-origin"
                let AssignmentTarget::StaticMemberExpression(member) = &assignment.left else { return };
                if member.property.name == "sandbox"
                    && sandbox_value(semantic, &assignment.right).is_some_and(|t| escapes(&t))
                {
                    report(ctx, assignment.span, "`sandbox`");
                }
            }
            AstKind::StringLiteral(literal) if is_markup_with_escape(&literal.value) => {
                report(ctx, literal.span, "an `<iframe sandbox>` in markup");
            }
            AstKind::TemplateLiteral(template) => {
                let text: String = template.quasis.iter().map(|q| q.value.raw.as_str()).collect::<Vec<_>>().join(" ");
                if is_markup_with_escape(&text) {
                    report(ctx, template.span, "an `<iframe sandbox>` in markup");
                }
            }
            _ => {}
        }
    }

    /// `<iframe sandbox="allow-scripts allow-same-origin">` in an HTML page or template.
    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
        let is_iframe = children
            .iter()
            .any(|child| child.kind() == "tag_name" && text(*child, source).eq_ignore_ascii_case("iframe"));
        if !is_iframe {
            return;
        }
        for attribute in children.iter().filter(|child| child.kind() == "attribute") {
            let mut cursor = attribute.walk();
            let parts: Vec<Node<'t>> = attribute.named_children(&mut cursor).collect();
            let Some(name) = parts.first().filter(|name| name.kind() == "attribute_name") else { continue };
            if !text(*name, source).eq_ignore_ascii_case("sandbox") {
                continue;
            }
            // The attribute is a set of space-separated tokens: `allow-scripts,allow-same-origin`
            // is one unknown token, which leaves the frame fully sandboxed.
            let value = parts.get(1).map_or("", |value| tree::unquote_html(text(*value, source)));
            let tokens: Vec<String> = value.split_ascii_whitespace().map(str::to_ascii_lowercase).collect();
            if tokens.iter().any(|t| t == "allow-scripts") && tokens.iter().any(|t| t == "allow-same-origin") {
                ctx.report(*attribute, message("the `sandbox` attribute"));
            }
        }
    }
}

fn check_call<'a>(ctx: &mut JsContext<'a, '_>, call: &CallExpression<'a>) {
    let semantic = ctx.semantic;
    match js::method_name(call) {
        // frame.setAttribute("sandbox", value)
        Some("setAttribute") => {
            let is_sandbox =
                js::arg(call, 0).and_then(js::static_string).is_some_and(|n| n.eq_ignore_ascii_case("sandbox"));
            if is_sandbox && js::arg(call, 1).and_then(|v| sandbox_value(semantic, v)).is_some_and(|t| escapes(&t)) {
                report(ctx, call.span, "`setAttribute(\"sandbox\")`");
            }
        }
        // frame.sandbox.add("allow-scripts", …), possibly over several calls on the same frame.
        Some("add") => {
            let Some(receiver) = sandbox_list_receiver(call) else { return };
            let receiver_text = ctx.file.slice(receiver.span());
            let mut tokens = String::new();
            for other in semantic.nodes().iter() {
                let AstKind::CallExpression(other) = other.kind() else { continue };
                if js::method_name(other) != Some("add") {
                    continue;
                }
                let Some(other_receiver) = sandbox_list_receiver(other) else { continue };
                if ctx.file.slice(other_receiver.span()) != receiver_text {
                    continue;
                }
                for argument in &other.arguments {
                    if let Some(value) = argument.as_expression().and_then(|e| sandbox_value(semantic, e)) {
                        tokens.push(' ');
                        tokens.push_str(&value);
                    }
                }
                // Report once, at the call that completes the pair.
                if escapes(&tokens) {
                    if other.span == call.span {
                        report(ctx, call.span, "`sandbox.add()`");
                    }
                    return;
                }
            }
        }
        _ => {}
    }
}

/// `frame` in `frame.sandbox.add(…)`.
fn sandbox_list_receiver<'e, 'a>(call: &'e CallExpression<'a>) -> Option<&'e Expression<'a>> {
    match js::inner(js::method_receiver(call)?) {
        Expression::StaticMemberExpression(member) if member.property.name == "sandbox" => Some(&member.object),
        _ => None,
    }
}

/// The sandbox tokens a value spells: a string, a template, `[…].join(" ")`, or a `const`
/// holding one of those.
fn sandbox_value<'a>(semantic: &Semantic<'a>, expr: &Expression<'a>) -> Option<Cow<'a, str>> {
    if let Some(value) = js::static_string(expr) {
        return Some(value);
    }
    match js::inner(expr) {
        Expression::TemplateLiteral(template) => {
            Some(Cow::Owned(template.quasis.iter().map(|q| q.value.raw.as_str()).collect::<Vec<_>>().join(" ")))
        }
        Expression::ArrayExpression(array) => {
            let words: Vec<String> = array
                .elements
                .iter()
                .filter_map(|element| match element {
                    ArrayExpressionElement::SpreadElement(_) | ArrayExpressionElement::Elision(_) => None,
                    other => other.as_expression().and_then(|e| sandbox_value(semantic, e)).map(Cow::into_owned),
                })
                .collect();
            Some(Cow::Owned(words.join(" ")))
        }
        Expression::CallExpression(call) if js::method_name(call) == Some("join") => {
            sandbox_value(semantic, js::method_receiver(call)?)
        }
        Expression::Identifier(ident) => {
            js::constant_initializer(semantic, ident).and_then(|init| sandbox_value(semantic, init))
        }
        _ => None,
    }
}

fn escapes(tokens: &str) -> bool {
    let lower = tokens.to_ascii_lowercase();
    let mut words = lower.split(|c: char| c.is_whitespace() || c == ',' || c == '"' || c == '\'');
    let (mut scripts, mut same_origin) = (false, false);
    for word in words.by_ref() {
        scripts |= word == "allow-scripts";
        same_origin |= word == "allow-same-origin";
    }
    scripts && same_origin
}

/// `<iframe … sandbox="allow-scripts allow-same-origin">` written inside a string.
fn is_markup_with_escape(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(start) = lower.find("<iframe") else { return false };
    let tag = &lower[start..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    tag.contains("sandbox") && escapes(tag)
}

fn report(ctx: &mut JsContext<'_, '_>, span: Span, what: &str) {
    ctx.report(span, message(what));
}

fn message(what: &str) -> String {
    format!("{what} grants both `allow-scripts` and `allow-same-origin`, so the frame can escape its sandbox")
}

#[cfg(test)]
mod tests {
    use super::IframeSandboxEscape;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("src/frame.ts", "iframe.setAttribute('sandbox', 'allow-scripts allow-forms');"),
            ("src/frame.ts", "iframe.setAttribute('sandbox', 'allow-same-origin');"),
            ("src/frame.ts", "iframe.setAttribute('title', 'allow-scripts allow-same-origin');"),
            ("src/frame.ts", "iframe.sandbox.add('allow-scripts');\nother.sandbox.add('allow-same-origin');"),
            ("src/Frame.tsx", "export const F = () => <iframe sandbox=\"allow-scripts\" src={url} />;"),
            ("src/Frame.tsx", "export const F = () => <iframe sandbox={perms} src={url} />;"),
            ("src/frame.ts", "el.innerHTML = '<iframe sandbox=\"allow-scripts\"></iframe>';"),
            ("src/frame.ts", "const help = 'never combine allow-scripts and allow-same-origin';"),
            ("src/frame.test.ts", "iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin');"),
            ("public/embed.html", "<iframe sandbox=\"allow-scripts allow-forms\" src=\"/w\"></iframe>"),
            ("public/embed.html", "<iframe sandbox src=\"/w\"></iframe>"),
            ("public/embed.html", "<iframe sandbox=\"allow-same-origin\"></iframe>"),
            ("public/embed.html", "<div sandbox=\"allow-scripts allow-same-origin\"></div>"),
            (
                "public/help.html",
                "<p>Never combine allow-scripts and allow-same-origin.</p><!-- <iframe sandbox=\"allow-scripts allow-same-origin\"> -->",
            ),
            ("templates/embed.html", "{% if x %}<iframe sandbox=\"{{ perms }}\"></iframe>{% endif %}"),
            ("static/frame.htm", "<iframe sandbox=allow-scripts,allow-same-origin />"),
            ("tests/fixtures/escape.html", "<iframe sandbox=\"allow-scripts allow-same-origin\"></iframe>"),
        ];
        let fail = [
            (
                "packages/web-platform/src/core/BrowserWindowManager.ts",
                "const iframe = document.createElement('iframe');\niframe.setAttribute(\n  'sandbox',\n  'allow-scripts allow-same-origin allow-forms allow-popups'\n);",
            ),
            (
                "src/frame.ts",
                "const SANDBOX = ['allow-scripts', 'allow-forms', 'allow-same-origin'];\niframe.setAttribute('sandbox', SANDBOX.join(' '));",
            ),
            ("src/frame.ts", "frame.sandbox = `allow-same-origin allow-scripts`;"),
            ("src/frame.ts", "frame.sandbox.add('allow-scripts', 'allow-same-origin');"),
            (
                "src/frame.ts",
                "this.frame.sandbox.add('allow-scripts');\nthis.frame.sandbox.add('allow-popups');\nthis.frame.sandbox.add('allow-same-origin');",
            ),
            (
                "src/Frame.tsx",
                "export const F = () => <iframe sandbox=\"allow-scripts allow-same-origin\" src={url} />;",
            ),
            ("src/Frame.jsx", "export const F = () => <iframe sandbox={'allow-same-origin allow-scripts'} />;"),
            (
                "src/frame.js",
                "host.innerHTML = `<iframe src=\"${url}\" sandbox=\"allow-scripts allow-same-origin\"></iframe>`;",
            ),
            (
                "public/preview.html",
                "<!doctype html>\n<html><body>\n  <iframe id=\"p\" src=\"/preview\"\n    sandbox=\"allow-scripts allow-same-origin allow-popups\"></iframe>\n</body></html>\n",
            ),
            (
                "templates/widget.html",
                "{% block body %}<IFRAME SANDBOX='allow-same-origin allow-scripts'></IFRAME>{% endblock %}",
            ),
            ("static/frame.htm", "<iframe\tsandbox=\"allow-scripts\nallow-same-origin\" />"),
        ];
        Tester::new::<IframeSandboxEscape>(pass, fail).test_and_snapshot();
    }
}
