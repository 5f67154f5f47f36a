//! Byte offsets to 1-based lines and columns: the one conversion every front end uses.

use shipready_diagnostics::{Location, Span};

/// Line starts of one file's text, computed once.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; always begins with 0.
    starts: Vec<u32>,
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        Self { starts, ascii: text.is_ascii() }
    }

    /// Number of lines, counting a last line without a trailing newline; an empty text has none.
    pub fn line_count(&self, text: &str) -> u32 {
        if text.is_empty() {
            0
        } else if text.ends_with('\n') {
            self.starts.len() as u32 - 1
        } else {
            self.starts.len() as u32
        }
    }

    /// 0-based line index that contains `offset`.
    fn line_of(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte range of a 1-based line, without its line terminator.
    pub fn line_span(&self, text: &str, line: u32) -> Span {
        let index = (line.max(1) - 1) as usize;
        let start = self.starts.get(index).copied().unwrap_or(text.len() as u32);
        let mut end = self.starts.get(index + 1).copied().unwrap_or(text.len() as u32);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end as usize - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn position(&self, text: &str, offset: u32) -> (u32, u32) {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column =
            if self.ascii { offset - start } else { text[start as usize..offset as usize].chars().count() as u32 };
        (line as u32 + 1, column + 1)
    }

    /// Byte offset of a 1-based line and a 0-based column counted in chars (as YAML parsers
    /// report them); clamped to the text.
    pub fn offset(&self, text: &str, line: u32, column_chars: u32) -> u32 {
        let span = self.line_span(text, line);
        let line_text = &text[span.start as usize..span.end as usize];
        let within = line_text.char_indices().nth(column_chars as usize).map_or(line_text.len(), |(i, _)| i);
        span.start + within as u32
    }

    pub fn location(&self, text: &str, span: Span) -> Location {
        let (line, column) = self.position(text, span.start);
        let (end_line, end_column) = self.position(text, span.end.max(span.start));
        Location { line, column, end_line, end_column }
    }

    /// The full source lines a span touches (at most `max_lines`), without the final newline.
    pub fn snippet<'t>(&self, text: &'t str, span: Span, max_lines: u32) -> &'t str {
        let (first, _) = self.position(text, span.start);
        let (last, _) = self.position(text, span.end.max(span.start));
        let last = last.min(first + max_lines.max(1) - 1);
        let start = self.line_span(text, first).start;
        let end = self.line_span(text, last).end;
        &text[start as usize..end as usize]
    }
}

/// The number of lines of `text`, as [`LineIndex::line_count`] counts them, without indexing
/// them. Newlines are counted in `u8`s over blocks of 255 bytes, which the compiler turns into
/// SIMD (a plain `filter().count()` into a `usize` runs nearly ten times slower).
pub fn count_lines(text: &str) -> u32 {
    let newlines: usize = text
        .as_bytes()
        .chunks(255)
        .map(|block| usize::from(block.iter().fold(0u8, |count, &byte| count + u8::from(byte == b'\n'))))
        .sum();
    let unterminated = usize::from(!text.is_empty() && !text.ends_with('\n'));
    u32::try_from(newlines + unterminated).unwrap_or(u32::MAX)
}

fn clamp_to_char_boundary(text: &str, offset: u32) -> u32 {
    let mut offset = (offset as usize).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let text = "ab\nçé = x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        // "çé" is four bytes but two columns.
        assert_eq!(index.position(text, 8), (2, 4));
        assert_eq!(index.line_count(text), 2);
        assert_eq!(LineIndex::new("a").line_count("a"), 1);
        assert_eq!(LineIndex::new("").line_count(""), 0);
        for text in [text, "a", "", "a\n\nb", "\n", "x\r\ny\r\n"] {
            assert_eq!(count_lines(text), LineIndex::new(text).line_count(text), "{text:?}");
        }
    }

    #[test]
    fn snippets_are_whole_lines() {
        let text = "one\r\ntwo three\nfour";
        let index = LineIndex::new(text);
        assert_eq!(index.snippet(text, Span::new(9, 14), 3), "two three");
        assert_eq!(index.snippet(text, Span::new(0, 20), 2), "one\r\ntwo three");
        assert_eq!(index.line_span(text, 3), Span::new(15, 19));
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_char_are_clamped() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1), (1, 1));
        assert_eq!(index.position(text, 99), (1, 2));
    }
}
