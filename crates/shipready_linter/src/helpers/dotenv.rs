//! A tokenizer for `.env` files: the dotenv grammar as `dotenv` (Node) and `python-dotenv` read it.
//!
//! ```text
//! # comment
//! export KEY=value            # unquoted: up to a ` #` comment or the end of the line, trimmed
//! KEY='single quoted'         # taken literally, may span lines
//! KEY="double \"quoted\"\n"   # `\n`, `\r`, `\t`, `\"`, `\\` escapes, may span lines
//! KEY=`backtick quoted`
//! KEY: value                  # `:` instead of `=`, as `dotenv` allows
//! ```
//!
//! Lines that are not assignments are skipped; an unterminated quote is read as an unquoted value
//! to the end of its line, so one bad line never swallows the rest of the file.

use std::borrow::Cow;

use memchr::{memchr, memchr2};
use shipready_diagnostics::Span;

/// One `KEY=VALUE` assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DotenvEntry<'a> {
    pub(crate) key: &'a str,
    pub(crate) key_span: Span,
    /// The value with quotes removed and, in double quotes, escapes resolved.
    pub(crate) value: Cow<'a, str>,
    /// The raw value in the file, inside its quotes; empty (at the position) for an empty value.
    pub(crate) value_span: Span,
    /// The quote character the value was written in, if any.
    pub(crate) quote: Option<char>,
}

/// Every assignment in a `.env` file, in order.
pub(crate) fn parse(text: &str) -> Vec<DotenvEntry<'_>> {
    let bytes = text.as_bytes();
    let mut entries = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        i = skip_while(bytes, i, |b| b.is_ascii_whitespace());
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'#' {
            i = line_end(bytes, i);
            continue;
        }
        if bytes[i..].starts_with(b"export") && bytes.get(i + 6).is_some_and(|&b| b == b' ' || b == b'\t') {
            i = skip_while(bytes, i + 6, is_blank);
        }
        let key_start = i;
        i = skip_while(bytes, i, is_key_byte);
        let key_end = i;
        i = skip_while(bytes, i, is_blank);
        let has_separator = bytes.get(i).is_some_and(|&b| b == b'=' || b == b':');
        if key_start == key_end || !has_separator || bytes[key_start].is_ascii_digit() {
            i = line_end(bytes, i);
            continue;
        }
        i = skip_while(bytes, i + 1, is_blank);
        let (entry_value, value_span, quote, next) = read_value(text, i);
        entries.push(DotenvEntry {
            key: &text[key_start..key_end],
            key_span: span(key_start, key_end),
            value: entry_value,
            value_span,
            quote,
        });
        i = next;
    }
    entries
}

/// Byte spans of a `.env` file's comments, `#` included: a `#` at the start of a line or after a
/// blank, outside every value (quoted values may span lines), to the end of its line.
pub(crate) fn comments(text: &str) -> Vec<Span> {
    let values: Vec<Span> = parse(text).into_iter().map(|entry| entry.value_span).collect();
    shipready_lang::text::hash_comments_where(text, |offset| {
        let after = values.partition_point(|value| value.start <= offset);
        after == 0 || values[after - 1].end <= offset
    })
}

/// Reads the value that starts at `start`; returns it, its span, its quote and where to go on.
fn read_value(text: &str, start: usize) -> (Cow<'_, str>, Span, Option<char>, usize) {
    let bytes = text.as_bytes();
    if let Some(&quote @ (b'"' | b'\'' | b'`')) = bytes.get(start) {
        let body = start + 1;
        let close = if quote == b'"' { closing_double_quote(bytes, body) } else { memchr(quote, &bytes[body..]) };
        if let Some(offset) = close {
            let end = body + offset;
            let raw = &text[body..end];
            let value = if quote == b'"' { unescape(raw) } else { Cow::Borrowed(raw) };
            // Whatever follows the closing quote on its line is a comment or junk.
            return (value, span(body, end), Some(char::from(quote)), line_end(bytes, end + 1));
        }
    }
    let end_of_line = line_end(bytes, start);
    let mut end = end_of_line;
    // An unquoted value ends at a `#` that follows a blank.
    let mut search = start;
    while let Some(offset) = memchr(b'#', &bytes[search..end_of_line]) {
        let hash = search + offset;
        if hash == start || is_blank(bytes[hash - 1]) {
            end = hash;
            break;
        }
        search = hash + 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    (Cow::Borrowed(&text[start..end]), span(start, end), None, end_of_line)
}

/// The offset, from `from`, of the `"` that closes a double-quoted value, skipping escapes.
fn closing_double_quote(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(offset) = memchr2(b'"', b'\\', &bytes[i..]) {
        let at = i + offset;
        if bytes[at] == b'"' {
            return Some(at - from);
        }
        i = at + 2;
        if i >= bytes.len() {
            return None;
        }
    }
    None
}

fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(escaped @ ('"' | '\\')) => out.push(escaped),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

fn skip_while(bytes: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < bytes.len() && keep(bytes[i]) {
        i += 1;
    }
    i
}

/// The index of the `\n` that ends the line holding `i`, or the end of the text.
fn line_end(bytes: &[u8], i: usize) -> usize {
    let i = i.min(bytes.len());
    memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |offset| i + offset)
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

fn span(start: usize, end: usize) -> Span {
    Span::new(start as u32, end as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(&str, String)> {
        parse(text).into_iter().map(|e| (e.key, e.value.into_owned())).collect()
    }

    #[test]
    fn reads_plain_assignments_comments_and_blank_lines() {
        let text = "# header\n\nA=1\n  B = two  \nexport C=three\n#D=4\nE=\n";
        assert_eq!(pairs(text), [("A", "1".into()), ("B", "two".into()), ("C", "three".into()), ("E", String::new())]);
    }

    #[test]
    fn inline_comments_need_a_blank_before_the_hash() {
        assert_eq!(pairs("A=abc # note\nB=abc#def\n"), [("A", "abc".into()), ("B", "abc#def".into())]);
    }

    #[test]
    fn quoted_values() {
        let text = "A='x # y'\nB=\"a\\nb \\\"q\\\"\" # c\nC=`t`\nD='multi\nline'\nE=\"multi\nline\"\nF=after\n";
        assert_eq!(
            pairs(text),
            [
                ("A", "x # y".into()),
                ("B", "a\nb \"q\"".into()),
                ("C", "t".into()),
                ("D", "multi\nline".into()),
                ("E", "multi\nline".into()),
                ("F", "after".into()),
            ]
        );
    }

    #[test]
    fn spans_point_inside_the_quotes() {
        let text = "KEY=\"abc\"\nOTHER=def\r\n";
        let entries = parse(text);
        assert_eq!(&text[entries[0].value_span.start as usize..entries[0].value_span.end as usize], "abc");
        assert_eq!(entries[0].quote, Some('"'));
        assert_eq!(&text[entries[1].key_span.start as usize..entries[1].key_span.end as usize], "OTHER");
        assert_eq!(&text[entries[1].value_span.start as usize..entries[1].value_span.end as usize], "def");
    }

    #[test]
    fn comments_lie_outside_values() {
        let text = "# head\nA=abc # note\nB=abc#def\nC='x # y' # after\nD=\"multi\n# inside\" #end\n";
        let found: Vec<&str> = comments(text).into_iter().map(|s| &text[s.start as usize..s.end as usize]).collect();
        assert_eq!(found, ["# head", "# note", "# after", "#end"]);
    }

    #[test]
    fn recovers_from_bad_lines() {
        let text = "not an assignment\nA=\"unterminated\nB=ok\n=nokey\n9X=digit\nC: colon\n";
        assert_eq!(pairs(text), [("A", "\"unterminated".into()), ("B", "ok".into()), ("C", "colon".into())]);
    }
}
