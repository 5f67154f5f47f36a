use shipready_lang::Language;
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;

use crate::context::{IntoSpan, JsContext};
use crate::declare_rule;
use crate::helpers::comments::eslint_disabled;
use crate::helpers::thousands;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Counts explicit `any` annotations in TypeScript files and reports each file that has
    /// some once, at the first, with the count (`x: any`, `as any`, `Promise<any>`, `any[]`).
    ///
    /// ## Why is this bad?
    /// `any` turns type checking off for everything the value touches: property access, calls
    /// and assignments through it are unchecked, and the hole spreads to every caller.
    ///
    /// ## Example
    /// ```ts
    /// export async function findProject(id: any): Promise<any> { … }
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// export async function findProject(id: string): Promise<Project | undefined> { … }
    /// ```
    /// Use `unknown` where the type really is unknown, and narrow it before use.
    ///
    /// An `any` the team already allowed with ESLint's `@typescript-eslint/no-explicit-any`
    /// directives is not counted: `// eslint-disable-next-line @typescript-eslint/no-explicit-any`
    /// on the line above, `// eslint-disable-line …` on the line, or a block
    /// `/* eslint-disable @typescript-eslint/no-explicit-any */` before it (until an
    /// `/* eslint-enable */`). Directives for other rules, and bare ones, do not count.
    pub(crate) struct ExplicitAny {
        id: "explicit-any",
        area: CodeQuality,
        severity: Low,
        since: "0.1.0",
        title: "Explicit `any` types",
        rationale: "Every explicit `any` switches type checking off for the values it touches.",
        fix: "Replace `any` with the real type, or `unknown` narrowed before use.",
    }
}

impl Rule for ExplicitAny {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript];
    const JS_KINDS: &'static [AstType] = &[AstType::TSAnyKeyword];
    const NEEDLES: &'static [&'static str] = &["any"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        // Declaration files describe untyped JavaScript; their `any` is the honest type.
        if ctx.file.path.ends_with(".d.ts") {
            return;
        }
        if let AstKind::TSAnyKeyword(keyword) = node.kind() {
            if eslint_disabled(ctx.file, keyword.span.into_span(), &["@typescript-eslint/no-explicit-any"]).is_some() {
                return;
            }
            ctx.count(keyword.span, |count| match count {
                1 => "1 explicit `any` annotation in this file".to_string(),
                n => format!("{} explicit `any` annotations in this file", thousands(n as u64)),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExplicitAny;
    use crate::runner::{Linter, RuleEntry};
    use crate::tester::{Tester, lint_case};

    #[test]
    fn test() {
        let pass = [
            ("src/a.ts", "export function f(x: unknown): string { return String(x); }"),
            ("src/a.ts", "const company = 'any';\n// any time\nconst anything = 1;"),
            ("src/a.js", "/** @param {any} x */\nfunction f(x) {}"),
            ("src/a.test.ts", "const x: any = 1;"),
            ("src/types.d.ts", "declare const x: any;"),
            // Seen on real code (Ghost): `any`s the team allowed with ESLint directives.
            (
                "core/server/lib/PostRevisions.ts",
                "type Options = {\n    // eslint-disable-next-line @typescript-eslint/no-explicit-any\n    model: any\n}\n",
            ),
            (
                "core/server/services/recommendations/service/BookshelfRepository.ts",
                "// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport type OrderOption<T extends Entity<any> = any> = Order<T>[];\n",
            ),
            ("src/a.ts", "const x = y as any; // eslint-disable-line @typescript-eslint/no-explicit-any\n"),
            (
                "src/legacy.ts",
                "/* eslint-disable @typescript-eslint/no-explicit-any */\nexport function f(x: any): any { return x; }\n",
            ),
            (
                "src/a.ts",
                "// eslint-disable-next-line no-console, @typescript-eslint/no-explicit-any -- legacy API\nconst x: any = console.log(1);\n",
            ),
        ];
        let fail = [
            (
                "lib/db/repositories/project.repository.ts",
                "export async function find(id: any): Promise<any> {\n  return (db as any).get(id);\n}",
            ),
            ("src/a.tsx", "export const C = (props: any) => null;"),
            // Directives for other rules, bare ones, ones that end before the `any`.
            ("src/a.ts", "// eslint-disable-next-line no-console\nconst x: any = console.log(1);\n"),
            ("src/b.ts", "// eslint-disable-next-line\nconst x: any = 1;\n"),
            (
                "src/c.ts",
                "/* eslint-disable @typescript-eslint/no-explicit-any */\nlet a: any;\n/* eslint-enable @typescript-eslint/no-explicit-any */\nlet b: any;\n",
            ),
            (
                "src/d.ts",
                "// eslint-disable-next-line @typescript-eslint/no-explicit-any\nlet a: any;\n\nlet b: any;\n",
            ),
        ];
        Tester::new::<ExplicitAny>(pass, fail).test_and_snapshot();
    }

    #[test]
    fn one_finding_per_file_with_the_count() {
        let linter = Linter::new(vec![RuleEntry::of::<ExplicitAny>()]);
        let findings = lint_case(&linter, &("src/a.ts", "let a: any;\nlet b: any[];\nconst c = d as any;").into());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "3 explicit `any` annotations in this file");
        assert_eq!(findings[0].location.line, 1);
    }
}
