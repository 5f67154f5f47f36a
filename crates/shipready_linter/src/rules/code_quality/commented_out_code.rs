use shipready_diagnostics::Span;
use shipready_lang::oxc::allocator::Allocator;
use shipready_lang::{Language, js, python};

use crate::context::FileContext;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds runs of five or more consecutive line comments (`//` or `#`) whose text, with the
    /// comment markers removed, parses as code in the file's own language, and mostly looks
    /// like code (lines ending in `;`, `{`, `}`, `)` or `:`, or assigning with `=`).
    ///
    /// ## Why is this bad?
    /// Commented-out code rots: it is never compiled, tested or updated, readers cannot tell
    /// whether it matters, and version control already remembers the old code.
    ///
    /// ## Example
    /// ```ts
    /// // const client = new OAuthClient({
    /// //   clientId: process.env.GITHUB_ID,
    /// //   scopes: ["repo"],
    /// // });
    /// // await client.connect();
    /// ```
    ///
    /// ## Use instead
    /// Delete it; recover it from version control if it is ever needed, or leave a one-line
    /// `TODO` that says what is missing.
    ///
    /// ## Known limitations
    /// A heuristic: prose that happens to parse as code, or code examples in comments, can be
    /// reported; block comments (`/* … */`) are not read.
    pub(crate) struct CommentedOutCode {
        id: "commented-out-code",
        area: CodeQuality,
        severity: Low,
        since: "0.1.0",
        heuristic: true,
        title: "Block of commented-out code",
        rationale: "Commented-out code is never compiled or tested and leaves readers guessing.",
        fix: "Delete it; version control keeps the old code.",
    }
}

/// Lines in a run before it is reported.
const MIN_LINES: usize = 5;

impl Rule for CommentedOutCode {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];

    fn check_file(&self, ctx: &mut FileContext<'_>) {
        let marker = if ctx.file.language == Language::Python { "#" } else { "//" };
        for run in comment_runs(ctx, marker) {
            let body: Vec<&str> = run.lines.iter().map(|line| strip_marker(line, marker)).collect();
            if looks_like_code(&body) && parses(ctx.file.language, ctx.file.file_name(), &body.join("\n")) {
                ctx.report(run.span, format!("{} lines of commented-out code", body.len()));
            }
        }
    }
}

struct Run<'t> {
    span: Span,
    lines: Vec<&'t str>,
}

/// Runs of consecutive lines that hold nothing but a line comment.
fn comment_runs<'t>(ctx: &FileContext<'t>, marker: &str) -> Vec<Run<'t>> {
    let file = ctx.file;
    let mut runs = Vec::new();
    // The run so far, and where its last line ends.
    let mut current: Option<(Run<'t>, u32)> = None;
    for comment in &file.comments {
        let text = file.slice(*comment);
        if !text.starts_with(marker) {
            continue;
        }
        let line = file.line_at(comment.start);
        // Only whole-line comments: nothing but whitespace before the marker.
        if !file.slice(Span::new(line.start, comment.start)).trim().is_empty() {
            continue;
        }
        match &mut current {
            // The next line: only the last line's break between them.
            Some((run, last_end)) if file.slice(Span::new(*last_end, line.start)).trim_start_matches('\r') == "\n" => {
                run.lines.push(text);
                run.span.end = comment.end;
                *last_end = line.end;
            }
            _ => {
                if let Some((run, _)) = current.take() {
                    runs.push(run);
                }
                current = Some((Run { span: *comment, lines: vec![text] }, line.end));
            }
        }
    }
    runs.extend(current.map(|(run, _)| run));
    runs.retain(|run| run.lines.len() >= MIN_LINES);
    runs
}

fn strip_marker<'t>(line: &'t str, marker: &str) -> &'t str {
    let rest = line.strip_prefix(marker).unwrap_or(line);
    rest.strip_prefix(' ').unwrap_or(rest)
}

/// Most lines end like statements or assign; license headers and directives never count.
fn looks_like_code(lines: &[&str]) -> bool {
    let joined = lines.join("\n").to_ascii_lowercase();
    if ["copyright", "license", "spdx", "eslint-", "prettier-", "@ts-", "noqa", "type: ignore", "pylint:"]
        .iter()
        .any(|word| joined.contains(word))
    {
        return false;
    }
    let code_like = lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .filter(|line| {
            line.ends_with([';', '{', '}', ')', ':', ',', '(', '['])
                || line.contains(" = ")
                || line.starts_with("import ")
                || line.starts_with("return ")
        })
        .count();
    let non_empty = lines.iter().filter(|line| !line.trim().is_empty()).count();
    non_empty >= MIN_LINES && code_like * 2 >= non_empty
}

/// Whether the text parses as code in the language (with the file's dialect for JS/TS).
fn parses(language: Language, file_name: &str, text: &str) -> bool {
    match language {
        Language::Python => python::parse(text).is_ok_and(|parsed| !parsed.module().body.is_empty()),
        Language::JavaScript | Language::TypeScript => {
            let allocator = Allocator::default();
            js::parse(&allocator, text, js::source_type_for(file_name))
                .is_ok_and(|parsed| !parsed.program.body.is_empty())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::CommentedOutCode;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // Prose.
            (
                "src/a.ts",
                "// This module handles OAuth callbacks.\n// It validates the state parameter,\n// exchanges the code for a token,\n// stores the session and\n// redirects to the app.\nexport {};",
            ),
            // Short runs.
            ("src/a.ts", "// const a = 1;\n// const b = 2;\nexport {};"),
            // Two short runs a blank line apart (CRLF line breaks).
            (
                "src/b.ts",
                "// const a = 1;\r\n// const b = 2;\r\n// const c = 3;\r\n\r\n// a();\r\n// b();\r\nexport {};",
            ),
            // License headers.
            (
                "src/a.ts",
                "// Copyright 2024 Acme\n// Licensed under the Apache License, Version 2.0 (the \"License\");\n// you may not use this file except in compliance with the License.\n// You may obtain a copy of the License at\n// http://www.apache.org/licenses/LICENSE-2.0\nexport {};",
            ),
            // Trailing comments are not a block.
            (
                "src/a.ts",
                "const a = 1; // one\nconst b = 2; // two\nconst c = 3; // three\nconst d = 4; // four\nconst e = 5; // five\n",
            ),
            (
                "app/a.py",
                "# Steps:\n# 1. load the config\n# 2. connect to the database\n# 3. start the workers\n# 4. serve requests\nx = 1\n",
            ),
            ("tests/test_a.py", "# a = 1\n# b = 2\n# c = 3\n# d = 4\n# e = 5\n"),
        ];
        let fail = [
            (
                "app/api/integrations/route.ts",
                "export async function GET() {}\n// const client = new OAuthClient({\n//   clientId: process.env.GITHUB_ID,\n//   scopes: ['repo'],\n// });\n// await client.connect();\n",
            ),
            (
                "app/services/sync.py",
                "def sync():\n    pass\n# def sync_legacy(items):\n#     for item in items:\n#         if item.stale:\n#             item.refresh()\n#     return items\n",
            ),
            // CRLF line breaks.
            (
                "src/c.ts",
                "export {};\r\n// const a = 1;\r\n// const b = 2;\r\n// const c = 3;\r\n// a();\r\n// b();\r\n",
            ),
        ];
        Tester::new::<CommentedOutCode>(pass, fail).test_and_snapshot();
    }
}
