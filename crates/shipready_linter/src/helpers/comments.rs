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
/// `codes`: ruff's `# noqa: T201` on the line, or an ESLint rule (`no-console`) disabled for it
/// (see [`eslint_disabled`]).
pub(crate) fn allowed_by_peer_tool(file: &FileInfo<'_>, offset: u32, codes: &[&str]) -> bool {
    let this_line = file.slice(file.line_at(offset));
    let noqa = this_line.contains("noqa") && codes.iter().any(|code| this_line.contains(code));
    noqa || eslint_disabled(file, Span::new(offset, offset), codes).is_some()
}

/// The text of the comments directly before `start` (only whitespace between them), nearest
/// first.
pub(crate) fn leading_comments<'f>(
    file: &'f FileInfo<'_>,
    start: impl TryInto<u32>,
) -> impl Iterator<Item = &'f str> + 'f {
    let start = start.try_into().unwrap_or(0);
    let before = file.comments.partition_point(|c| c.end <= start);
    let mut edge = start;
    file.comments[..before].iter().rev().map_while(move |comment| {
        let gap = file.text.get(comment.end as usize..edge as usize)?;
        if !gap.trim().is_empty() {
            return None;
        }
        edge = comment.start;
        Some(file.slice(*comment))
    })
}

/// The ESLint directive that turns one of `rules` off for the code at `span`, as the comment's
/// text without its delimiters: `eslint-disable-line` on one of the span's lines,
/// `eslint-disable-next-line` on the line above, or a block `/* eslint-disable … */` before it
/// that no `eslint-enable` has ended. Directives naming other rules, and bare ones (which ESLint
/// applies to every rule), do not count: the author must have meant this check.
pub(crate) fn eslint_disabled<'f>(file: &'f FileInfo<'_>, span: Span, rules: &[&str]) -> Option<&'f str> {
    let names_rule = |comment: &'f str, directive: &str| {
        eslint_directive_rules(comment, directive)
            .filter(|named| named.iter().any(|rule| rules.contains(rule)))
            .map(|_| comment_body(comment))
    };
    let first = file.line_at(span.start);
    let lines = Span::new(first.start, file.line_at(span.end).end);
    if let Some(marker) = file.comments_in(lines).find_map(|c| names_rule(file.slice(c), "eslint-disable-line")) {
        return Some(marker);
    }
    if first.start > 0
        && let Some(marker) = file
            .comments_in(file.line_at(first.start - 1))
            .find_map(|c| names_rule(file.slice(c), "eslint-disable-next-line"))
    {
        return Some(marker);
    }
    // Block directives: the last one before the code decides.
    let mut disabled = None;
    let blocks = file.eslint_blocks.get_or_init(|| {
        file.comments
            .iter()
            .copied()
            .filter(|comment| {
                let text = file.slice(*comment);
                text.starts_with("/*") && text.contains("eslint-")
            })
            .collect()
    });
    for comment in blocks.iter().take_while(|comment| comment.end <= span.start) {
        let text = file.slice(*comment);
        if let Some(marker) = names_rule(text, "eslint-disable") {
            disabled = Some(marker);
        } else if eslint_directive_rules(text, "eslint-enable")
            .is_some_and(|named| named.is_empty() || named.iter().any(|rule| rules.contains(rule)))
        {
            disabled = None;
        }
    }
    disabled
}

/// The rules an ESLint directive comment names, if the comment is that directive:
/// `// eslint-disable-next-line @typescript-eslint/no-explicit-any -- legacy API` gives
/// `["@typescript-eslint/no-explicit-any"]`; a bare directive gives an empty list.
fn eslint_directive_rules<'t>(comment: &'t str, directive: &str) -> Option<Vec<&'t str>> {
    let rest = comment_body(comment).strip_prefix(directive)?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.split("--").next().unwrap_or_default();
    Some(rest.split(',').map(str::trim).filter(|rule| !rule.is_empty()).collect())
}

/// A `//` or `/* */` comment's text without its delimiters.
fn comment_body(comment: &str) -> &str {
    let body = comment.strip_prefix("//").or_else(|| comment.strip_prefix("/*")).unwrap_or(comment);
    body.strip_suffix("*/").unwrap_or(body).trim()
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
