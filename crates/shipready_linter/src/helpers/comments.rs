//! Comments that explain a decision, as opposed to code that was commented out.

use shipready_diagnostics::Span;

use crate::context::FileInfo;

/// Whether a comment in `span` explains the code around it. A commented-out statement
/// (`// node.error(err);`, `# os.remove(path)`) is not an explanation.
pub(crate) fn explains(file: &FileInfo<'_>, span: Span) -> bool {
    file.comments_in(span).any(|comment| !is_code_comment(file.slice(comment)))
}

/// Whether a comment's text reads as a statement rather than prose.
pub(crate) fn is_code_comment(comment: &str) -> bool {
    let text = comment.trim_start_matches(['/', '*', '#']).trim_end_matches(['*', '/']).trim();
    let call_like = text.ends_with(')') && text.split('(').next().is_some_and(|head| !head.contains(' '));
    text.ends_with(';') || call_like
}

/// Whether the author already allowed this line for the linter they run, by one of its rule
/// `codes`: ruff's `# noqa: T201` on the line, or an ESLint rule (`no-console`) disabled for the
/// line or the file.
pub(crate) fn allowed_by_peer_tool(file: &FileInfo<'_>, offset: u32, codes: &[&str]) -> bool {
    let (line, _) = file.line_index.position(file.text, offset);
    let this_line = file.slice(file.line_index.line_span(file.text, line));
    let previous = if line > 1 { file.slice(file.line_index.line_span(file.text, line - 1)) } else { "" };
    let names_code = |text: &str| codes.iter().any(|code| text.contains(code));
    let noqa = this_line.contains("noqa") && names_code(this_line);
    let eslint_line = (this_line.contains("eslint-disable-line") && names_code(this_line))
        || (previous.contains("eslint-disable-next-line") && names_code(previous));
    let eslint_file = file.comments.iter().any(|comment| {
        let text = file.slice(*comment);
        text.contains("eslint-disable ") && !text.contains("-line") && names_code(text)
    });
    noqa || eslint_line || eslint_file
}

#[cfg(test)]
mod tests {
    use super::is_code_comment;

    #[test]
    fn statements_are_code_and_prose_is_not() {
        assert!(is_code_comment("// node.error(err);"));
        assert!(is_code_comment("# os.remove(path)"));
        assert!(!is_code_comment("# the cache may be gone (see #17810)"));
        assert!(!is_code_comment("// nothing to do: the socket is already closed"));
    }
}
