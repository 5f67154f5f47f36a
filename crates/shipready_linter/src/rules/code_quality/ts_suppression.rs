use shipready_lang::Language;
use shipready_lang::oxc::ast::AstType;
use shipready_lang::oxc::semantic::AstNode;

use crate::context::JsContext;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds `// @ts-ignore` and `// @ts-expect-error` comments that do not say why. A
    /// description after the directive (`// @ts-expect-error: the SDK's types lag its API`,
    /// `// @ts-ignore -- fixed in v5`) makes the comment silent.
    ///
    /// ## Why is this bad?
    /// A bare suppression hides a type error for good: nobody knows whether it was a bug in the
    /// types or in the code, or when it can go. `@ts-ignore` also keeps hiding new errors on that
    /// line after the original one is fixed.
    ///
    /// ## Example
    /// ```ts
    /// // @ts-ignore
    /// const body = await res.json();
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// // @ts-expect-error: undici's Response type lacks `json()` generics (undici#1234)
    /// const body = await res.json();
    /// ```
    pub(crate) struct TsSuppression {
        id: "ts-suppression",
        area: CodeQuality,
        severity: Low,
        since: "0.1.0",
        title: "Type error suppressed without a reason",
        rationale: "A suppression without a reason hides a type error nobody can judge or remove later.",
        fix: "Fix the type error, or use `@ts-expect-error` followed by the reason.",
    }
}

impl Rule for TsSuppression {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript];
    const JS_KINDS: &'static [AstType] = &[AstType::Program];
    const NEEDLES: &'static [&'static str] = &["@ts-ignore", "@ts-expect-error"];

    fn check_js<'a>(&self, _node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        for comment in &ctx.program().comments {
            let text = ctx.file.slice(comment.content_span());
            let trimmed = text.trim_start_matches(['*', ' ', '\t', '/']);
            for directive in ["@ts-ignore", "@ts-expect-error"] {
                let Some(rest) = trimmed.strip_prefix(directive) else { continue };
                // `@ts-ignored` is not the directive.
                if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-') {
                    continue;
                }
                let reason = rest.trim_start_matches([':', '-', ' ', '\t']).trim_end_matches(['*', '/']).trim();
                if reason.is_empty() {
                    ctx.report(comment.span, format!("`{directive}` without a reason"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TsSuppression;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("src/a.ts", "// @ts-expect-error: the SDK's types lag its API\nconst x: number = f();"),
            ("src/a.ts", "// @ts-ignore -- fixed in grammy v2\nconst x: number = f();"),
            ("src/a.ts", "/* @ts-expect-error undici types */\nconst x = f();"),
            ("src/a.ts", "// we never use @ts-ignore here\nconst x = f();"),
            ("src/a.ts", "const s = '// @ts-ignore';"),
            ("src/a.js", "// @ts-ignore\nconst x = f();"),
            ("src/a.test.ts", "// @ts-ignore\nconst x = f();"),
        ];
        let fail = [
            ("src/telegram/proxy.ts", "// @ts-ignore\nconst agent = new ProxyAgent(url);"),
            ("src/a.ts", "const x = {\n  // @ts-expect-error\n  a: f(),\n};"),
            ("src/a.ts", "/** @ts-ignore */\nconst x = f();"),
            ("src/a.tsx", "export const C = () => (\n  // @ts-expect-error:\n  <div a={1} />\n);"),
        ];
        Tester::new::<TsSuppression>(pass, fail).test_and_snapshot();
    }
}
