use shipready_diagnostics::Severity;
use shipready_lang::Language;

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::thousands;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds source files longer than 1,000 lines (`medium`), and longer than 2,000 lines
    /// (`high`).
    ///
    /// ## Why is this bad?
    /// A file that long holds several responsibilities: it is hard to review, every change to it
    /// conflicts with another, and its tests (if any) cannot cover its paths. Review findings
    /// concentrate in such files.
    ///
    /// ## Example
    /// `src/memory/manager.ts` with 2,396 lines.
    ///
    /// ## Use instead
    /// Split the file by responsibility into modules of a few hundred lines each.
    ///
    /// ## Options
    /// The thresholds (1,000 and 2,000 lines) are defaults.
    pub(crate) struct LargeFile {
        id: "large-file",
        area: CodeQuality,
        severity: Medium,
        since: "0.1.0",
        title: "Source file too large to review",
        rationale: "Very long files mix responsibilities and resist review and testing.",
        fix: "Split the file by responsibility into smaller modules.",
    }
}

impl Rule for LargeFile {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Rust, Language::Go];

    fn check_file(&self, ctx: &mut FileContext<'_>) {
        // The limit is configurable (`[rules.large-file] max-lines`); twice it is `high`.
        let limit = ctx.file.settings.max_lines;
        let lines = ctx.file.line_index.line_count(ctx.file.text);
        if lines <= limit {
            return;
        }
        let severity = if lines > limit.saturating_mul(2) { Severity::High } else { Severity::Medium };
        let span = ctx.file.line_index.line_span(ctx.file.text, 1);
        // An empty first line still needs a visible span.
        let span = if span.is_empty() { shipready_diagnostics::Span::new(0, 1) } else { span };
        let message =
            format!("File has {} lines (limit {}); split it by responsibility", thousands(lines), thousands(limit));
        ctx.report_with_severity(span, severity, message);
    }
}

#[cfg(test)]
mod tests {
    use super::LargeFile;
    use crate::runner::{Linter, RuleEntry};
    use crate::tester::{Tester, lint_case};
    use shipready_diagnostics::Severity;

    fn lines(n: usize, line: &str) -> String {
        line.repeat(n)
    }

    #[test]
    fn test() {
        let pass = [
            ("src/a.ts".to_string(), lines(1_000, "x();\n")),
            ("src/a.py".to_string(), lines(999, "x = 1\n")),
            ("tests/test_big.py".to_string(), lines(3_000, "x = 1\n")),
            ("internal/store/store_test.go".to_string(), lines(3_000, "// line\n")),
            ("src/generated/schema.ts".to_string(), format!("// @generated\n{}", lines(3_000, "x();\n"))),
        ];
        let fail = [
            ("src/memory/manager.ts".to_string(), lines(1_001, "x();\n")),
            ("app/models.py".to_string(), lines(1_500, "x = 1\n")),
            ("src/container/secret-store.js".to_string(), lines(2_256, "x();\n")),
            ("src/store.rs".to_string(), lines(1_200, "// line\n")),
            ("internal/store/store.go".to_string(), lines(1_100, "// line\n")),
        ];
        Tester::new::<LargeFile>(pass, fail).test_and_snapshot();
    }

    #[test]
    fn severity_rises_past_two_thousand_lines() {
        let linter = Linter::new(vec![RuleEntry::of::<LargeFile>()]);
        let at = |n| lint_case(&linter, &("src/a.ts", lines(n, "x();\n")).into())[0].severity;
        assert_eq!(at(2_000), Severity::Medium);
        assert_eq!(at(2_396), Severity::High);
    }
}
