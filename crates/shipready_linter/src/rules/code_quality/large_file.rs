use shipready_diagnostics::Severity;
use shipready_lang::Language;

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::thousands;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds source files with more than 1,000 lines of code (`medium`), and more than 2,000
    /// (`high`). Blank lines and lines that hold only comments do not count: a trait whose
    /// every method carries a page of documentation is not hard to review for its length.
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
        let lines = shipready_lang::count_lines(ctx.file.text);
        if lines <= limit {
            return;
        }
        let code = code_lines(ctx.file.text, &ctx.file.comments);
        if code <= limit {
            return;
        }
        let severity = if code > limit.saturating_mul(2) { Severity::High } else { Severity::Medium };
        let span = ctx.file.line_at(0);
        // An empty first line still needs a visible span.
        let span = if span.is_empty() { shipready_diagnostics::Span::new(0, 1) } else { span };
        let all = if code < lines { format!(" ({} lines in all)", thousands(lines)) } else { String::new() };
        let message = format!(
            "File has {} lines of code{all} (limit {}); split it by responsibility",
            thousands(code),
            thousands(limit)
        );
        ctx.report_with_severity(span, severity, message);
    }
}

/// The lines that hold something besides white space and comments. `comments` are the
/// parser's comment spans, in source order. Each line is looked at from its first visible byte
/// on, skipping the comments that start there, so the cost is in lines and comments, not bytes.
fn code_lines(text: &str, comments: &[shipready_diagnostics::Span]) -> u32 {
    let bytes = text.as_bytes();
    let mut comments = comments.iter().map(|c| (c.start as usize, c.end as usize)).peekable();
    let mut count = 0;
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let mut at = start;
        loop {
            while at < end && matches!(bytes[at], b' ' | b'\t' | b'\r' | b'\x0c') {
                at += 1;
            }
            if at >= end {
                break;
            }
            while comments.next_if(|&(_, comment_end)| comment_end <= at).is_some() {}
            match comments.peek() {
                Some(&(comment_start, comment_end)) if comment_start <= at => at = comment_end,
                _ => {
                    count += 1;
                    break;
                }
            }
        }
        start = end + 1;
    }
    count
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
            ("internal/store/store_test.go".to_string(), lines(3_000, "x := 1\n")),
            // Seen on real code (serde, regex-automata): traits whose documentation is most of
            // the file.
            ("src/store.rs".to_string(), format!("{}{}", lines(1_500, "/// Docs.\n\n"), lines(600, "fn f() {}\n"))),
            ("src/a.ts".to_string(), format!("/*\n{}*/\n{}", lines(2_000, " * doc\n"), lines(900, "x();\n"))),
            ("app/a.py".to_string(), format!("{}{}", lines(1_500, "# note\n"), lines(900, "x = 1\n"))),
            ("src/generated/schema.ts".to_string(), format!("// @generated\n{}", lines(3_000, "x();\n"))),
        ];
        let fail = [
            ("src/memory/manager.ts".to_string(), lines(1_001, "x();\n")),
            ("app/models.py".to_string(), lines(1_500, "x = 1\n")),
            ("src/container/secret-store.js".to_string(), lines(2_256, "x();\n")),
            ("src/store.rs".to_string(), lines(1_200, "let x = 1; // line\n")),
            ("internal/store/store.go".to_string(), format!("package store\n{}", lines(1_100, "var x = 1\n"))),
        ];
        Tester::new::<LargeFile>(pass, fail).test_and_snapshot();
    }

    #[test]
    fn code_lines_leave_out_blank_and_comment_lines() {
        use shipready_diagnostics::Span;
        let text = "/* a\n b */ x();\n\n  // c\r\ny(); // d\n/* e */\n";
        let comments = [Span::new(0, 10), Span::new(19, 23), Span::new(30, 34), Span::new(35, 42)];
        assert_eq!(super::code_lines(text, &comments), 2);
        assert_eq!(super::code_lines("x\ny", &[]), 2);
        assert_eq!(super::code_lines("", &[]), 0);
    }

    #[test]
    fn severity_rises_past_two_thousand_lines() {
        let linter = Linter::new(vec![RuleEntry::of::<LargeFile>()]);
        let at = |n| lint_case(&linter, &("src/a.ts", lines(n, "x();\n")).into())[0].severity;
        assert_eq!(at(2_000), Severity::Medium);
        assert_eq!(at(2_396), Severity::High);
    }
}
