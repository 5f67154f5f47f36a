use shipready_lang::json::ast::Value;
use shipready_lang::oxc::ast::ast::{Expression, ObjectPropertyKind};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::{FileRole, Language, json};

use crate::context::{FileContext, JsContext};
use crate::declare_rule;
use crate::helpers::js;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds builds configured to ship despite type or lint errors:
    /// - in `next.config.{js,mjs,ts}`: `typescript: { ignoreBuildErrors: true }` and
    ///   `eslint: { ignoreDuringBuilds: true }`;
    /// - in `tsconfig*.json`: `"strict": false`, or no `strict` at all in a config that extends
    ///   nothing (an `extends` may set it).
    ///
    /// ## Why is this bad?
    /// A build that ignores its type errors deploys code the compiler already knows is broken;
    /// without `strict`, `null` and `undefined` flow everywhere unchecked, which is where most
    /// runtime `TypeError`s come from.
    ///
    /// ## Example
    /// ```js
    /// // next.config.mjs
    /// export default { typescript: { ignoreBuildErrors: true } };
    /// ```
    ///
    /// ## Use instead
    /// Fix the errors and remove the override; in `tsconfig.json` set
    /// `"compilerOptions": { "strict": true }`.
    pub(crate) struct TypeChecksDisabled {
        id: "type-checks-disabled",
        area: CodeQuality,
        severity: High,
        since: "0.1.0",
        title: "Build configured to ignore type checking",
        rationale: "A build that ignores type errors ships code the compiler already knows is wrong.",
        fix: "Remove `ignoreBuildErrors`/`ignoreDuringBuilds` and enable `strict` in tsconfig.",
    }
}

impl Rule for TypeChecksDisabled {
    const LANGUAGES: &'static [Language] = &[Language::JavaScript, Language::TypeScript, Language::Json];
    const ROLES: &'static [FileRole] = &[FileRole::Config];
    const JS_KINDS: &'static [AstType] = &[AstType::ObjectProperty];
    const NEEDLES: &'static [&'static str] = &["ignoreBuildErrors", "ignoreDuringBuilds", "compilerOptions"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        if !ctx.file.file_name().starts_with("next.config.") {
            return;
        }
        let AstKind::ObjectProperty(property) = node.kind() else { return };
        let Some(name) = js::property_key_name(&property.key) else { return };
        let (section, option) = match name.as_ref() {
            "typescript" => ("typescript", "ignoreBuildErrors"),
            "eslint" => ("eslint", "ignoreDuringBuilds"),
            _ => return,
        };
        let Expression::ObjectExpression(options) = js::inner(&property.value) else { return };
        for item in &options.properties {
            let ObjectPropertyKind::ObjectProperty(inner) = item else { continue };
            if js::property_key_name(&inner.key).as_deref() == Some(option) && js::is_true(&inner.value) {
                ctx.report(inner.span, format!("`{section}.{option}: true` ships the build despite its errors"));
            }
        }
    }

    fn check_json(&self, document: &Value<'_>, ctx: &mut FileContext<'_>) {
        let name = ctx.file.file_name().to_ascii_lowercase();
        if !(name.starts_with("tsconfig") && name.ends_with(".json")) {
            return;
        }
        let Value::Object(root) = document else { return };
        let options = json::property(root, "compilerOptions");
        let strict = options.and_then(|p| match &p.value {
            Value::Object(options) => json::property(options, "strict"),
            _ => None,
        });
        match strict {
            Some(strict) if matches!(&strict.value, Value::BooleanLit(b) if !b.value) => {
                ctx.report(json::span(strict.range), "`\"strict\": false` turns off strict type checking");
            }
            None if json::property(root, "extends").is_none() => {
                let span = options.map_or(json::span(root.range), |options| json::span(options.range));
                ctx.report(span, "`compilerOptions` does not enable `\"strict\"` type checking");
            }
            // `strict: true`, or a base config that may set it.
            Some(_) | None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TypeChecksDisabled;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("next.config.mjs", "export default { typescript: { ignoreBuildErrors: false }, reactStrictMode: true };"),
            ("next.config.js", "module.exports = { eslint: { dirs: ['src'] } };"),
            ("src/config.ts", "export const typescript = { ignoreBuildErrors: true };"),
            ("tsconfig.json", "{\n  \"compilerOptions\": { \"strict\": true }\n}\n"),
            (
                "tsconfig.json",
                "{ \"extends\": \"@tsconfig/strictest/tsconfig.json\", \"compilerOptions\": { \"outDir\": \"dist\" } }",
            ),
            (
                "tsconfig.build.json",
                "{\n  // build only\n  \"extends\": \"./tsconfig.json\",\n  \"exclude\": [\"**/*.test.ts\"],\n}\n",
            ),
            ("package.json", "{ \"compilerOptions\": {} }"),
        ];
        let fail = [
            (
                "next.config.mjs",
                "const config = {\n  typescript: { ignoreBuildErrors: true },\n  eslint: { ignoreDuringBuilds: true },\n};\nexport default config;",
            ),
            (
                "next.config.ts",
                "import type { NextConfig } from 'next';\nconst config: NextConfig = { typescript: { ignoreBuildErrors: true } };\nexport default config;",
            ),
            (
                "tsconfig.json",
                "{\n  \"compilerOptions\": {\n    \"strict\": false,\n    \"target\": \"ES2022\"\n  }\n}\n",
            ),
            ("tsconfig.json", "{\n  \"compilerOptions\": { \"target\": \"ES2022\", \"module\": \"esnext\" }\n}\n"),
            (
                "packages/api/tsconfig.json",
                "{ \"extends\": \"../../tsconfig.base.json\", \"compilerOptions\": { \"strict\": false } }",
            ),
        ];
        Tester::new::<TypeChecksDisabled>(pass, fail).test_and_snapshot();
    }
}
