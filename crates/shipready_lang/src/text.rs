//! Comments of text formats whose parsers do not keep them: TOML through `toml_parser`'s lexer,
//! and `#` comments found by line for the formats without a parser of their own.

use memchr::memchr_iter;
use shipready_diagnostics::Span;

/// Byte spans of a TOML document's comments, `#` included, in source order, from the lexer of
/// `toml_parser` (the one the `toml` crate parses with), so a `#` inside any string, multi-line
/// strings included, never counts.
pub fn toml_comments(text: &str) -> Vec<Span> {
    toml_parser::Source::new(text)
        .lex()
        .filter(|token| token.kind() == toml_parser::lexer::TokenKind::Comment)
        .map(|token| Span::new(token.span().start() as u32, token.span().end() as u32))
        .collect()
}

/// Byte spans of `#` comments: a `#` at the start of a line or after a blank, to the end of its
/// line, wherever `keep(offset)` agrees. Quotes are not looked at: the caller knows where values
/// are (YAML's parser does).
pub fn hash_comments_where(text: &str, keep: impl Fn(u32) -> bool) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut comments: Vec<Span> = Vec::new();
    for hash in memchr_iter(b'#', bytes) {
        if comments.last().is_some_and(|last| last.end as usize > hash) {
            continue;
        }
        if hash > 0 && !matches!(bytes[hash - 1], b' ' | b'\t' | b'\n' | b'\r') {
            continue;
        }
        if keep(hash as u32) {
            comments.push(Span::new(hash as u32, line_end(bytes, hash) as u32));
        }
    }
    comments
}

/// Byte spans of `#` comments in a line-oriented format whose values may be quoted (shell, INI,
/// Dockerfile instructions, `.env`-like files): a `#` at the start of a line or after a blank,
/// outside single and double quotes on its line, to the end of the line, wherever
/// `keep(offset)` agrees. A quote that spans lines is not followed (conservative: a `#` line
/// inside it is read as a comment only if it starts the line).
pub fn line_comments_where(text: &str, keep: impl Fn(u32) -> bool) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut comments = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = line_end(bytes, start);
        let mut quote = None;
        let mut i = start;
        while i < end {
            let byte = bytes[i];
            match quote {
                Some(b'"') if byte == b'\\' => i += 1,
                Some(open) if byte == open => quote = None,
                None if byte == b'"' || byte == b'\'' => quote = Some(byte),
                None if byte == b'#' && (i == start || matches!(bytes[i - 1], b' ' | b'\t')) => {
                    if keep(i as u32) {
                        comments.push(Span::new(i as u32, end as u32));
                    }
                    break;
                }
                // Inside quotes, or any other byte outside them.
                Some(_) | None => {}
            }
            i += 1;
        }
        start = next_line(bytes, end);
    }
    comments
}

/// The end of the line holding `i`, before its `\r\n` or `\n`.
fn line_end(bytes: &[u8], i: usize) -> usize {
    let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |offset| i + offset);
    if end > i && bytes[end - 1] == b'\r' { end - 1 } else { end }
}

/// The start of the line after the one that ends at `end`.
fn next_line(bytes: &[u8], end: usize) -> usize {
    memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |offset| end + offset + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, spans: Vec<Span>) -> Vec<&str> {
        spans.into_iter().map(|s| &text[s.start as usize..s.end as usize]).collect()
    }

    #[test]
    fn toml_comments_come_from_the_lexer() {
        let text = "# head\nname = \"a # b\"  # real\ns = \"\"\"\n# in a string\n\"\"\"\nt = 'x#y'\r\n[t] # table\n";
        assert_eq!(texts(text, toml_comments(text)), ["# head", "# real", "# table"]);
    }

    #[test]
    fn line_comments_skip_quotes() {
        let text = "# head\nA=\"x # y\" # real\nB='#' #two\nC=a#b\n  # indented\r\nD=\"esc \\\" # still\" # out\n";
        assert_eq!(
            texts(text, line_comments_where(text, |_| true)),
            ["# head", "# real", "#two", "# indented", "# out"]
        );
    }

    #[test]
    fn hash_comments_ignore_quotes_but_respect_the_caller() {
        let text = "a: it's # yes\nb: c#d\n# own\n";
        assert_eq!(texts(text, hash_comments_where(text, |_| true)), ["# yes", "# own"]);
        assert_eq!(texts(text, hash_comments_where(text, |offset| offset > 20)), ["# own"]);
    }
}
