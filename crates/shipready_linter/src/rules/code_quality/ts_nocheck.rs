use shipready_lang::Language;
use shipready_lang::oxc::ast::AstType;
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;

use crate::context::JsContext;
use crate::declare_rule;
use crate::helpers::thousands;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds files that switch off the TypeScript checker with a `// @ts-nocheck` pragma, and
    /// says how many lines it covers.
    ///
    /// ## Why is this bad?
    /// `@ts-nocheck` turns a typed file into an untyped one: every later change to it, and to
    /// the types it uses, goes unchecked. Type errors that the compiler would have caught reach
    /// production as runtime errors.
    ///
    /// ## Example
    /// ```ts
    /// // @ts-nocheck
    /// import { Bot } from "grammy";
    /// ```
    ///
    /// ## Use instead
    /// Remove the pragma and fix the errors, with a narrow `// @ts-expect-error <reason>` on the
    /// few lines that genuinely need one, or a typed wrapper around the untyped dependency.
    pub(crate) struct TsNocheck {
        id: "ts-nocheck",
        area: CodeQuality,
        severity: High,
        since: "0.1.0",
        title: "Type checking disabled for a whole file",
        rationale: "Every line of a `@ts-nocheck` file escapes the type checker.",
        fix: "Remove `@ts-nocheck` and fix or narrowly suppress the type errors.",
    }
}

impl Rule for TsNocheck {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript];
    const JS_KINDS: &'static [AstType] = &[AstType::Program];

    fn check_js<'a>(&self, _node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let program = ctx.program();
        // TypeScript honours the pragma only in comments before the first statement.
        let first_code = program
            .directives
            .first()
            .map(GetSpan::span)
            .into_iter()
            .chain(program.body.first().map(GetSpan::span))
            .map(|span| span.start)
            .min()
            .unwrap_or(u32::MAX);
        let Some(pragma) = program.comments.iter().take_while(|c| c.span.start < first_code).find(|comment| {
            let text = ctx.file.slice(comment.content_span());
            text.trim_start_matches(['*', ' ', '\t', '\r', '\n']).starts_with("@ts-nocheck")
        }) else {
            return;
        };
        let lines = ctx.file.line_index().line_count(ctx.file.text);
        let covered = if lines == 1 { "its 1 line".to_string() } else { format!("all {} lines", thousands(lines)) };
        ctx.report(pragma.span, format!("`@ts-nocheck` disables type checking for {covered} of this file"));
    }
}

#[cfg(test)]
mod tests {
    use super::TsNocheck;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("src/a.ts", "const a: number = 1;\n"),
            ("src/a.ts", "// @ts-check\nconst a = 1;\n"),
            ("src/a.ts", "const a = 1;\n// @ts-nocheck\nconst b = 2;\n"),
            ("src/a.ts", "// explains why we never use @ts-nocheck here\nconst a = 1;\n"),
            ("src/a.ts", "const s = '// @ts-nocheck';\n"),
            ("src/a.test.ts", "// @ts-nocheck\nconst a = 1;\n"),
            ("src/generated/api.ts", "// @ts-nocheck\nconst a = 1;\n"),
        ];
        let fail = [
            (
                "src/telegram/bot.ts",
                "// @ts-nocheck\nimport { Bot } from 'grammy';\nexport const bot = new Bot(token);\n",
            ),
            ("src/telegram/proxy.ts", "/**\n * Proxy setup.\n */\n// @ts-nocheck\nexport {};\n"),
            ("src/a.js", "/* @ts-nocheck */\n'use strict';\nmodule.exports = {};\n"),
            ("src/empty.ts", "// @ts-nocheck\n"),
        ];
        Tester::new::<TsNocheck>(pass, fail).test_and_snapshot();
    }
}
