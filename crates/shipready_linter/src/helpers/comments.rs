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
