//! The YAML front end: saphyr, a YAML 1.2 parser whose nodes keep their line and column.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, ScalarStyle, YamlData};
use saphyr_parser::{Event, Marker};
use shipready_diagnostics::Span;

use crate::{LineIndex, SyntaxError};

pub use saphyr::MarkedYaml as Node;

/// Every document of a YAML stream (`---`-separated), with positions.
pub fn parse(text: &str) -> Result<Vec<MarkedYaml<'_>>, SyntaxError> {
    MarkedYaml::load_from_str(text).map_err(|error| SyntaxError { offset: 0, message: error.to_string() })
}

/// The byte span of a node in `text`.
pub fn span(node: &MarkedYaml<'_>, text: &str, index: &LineIndex) -> Span {
    let start = index.offset(text, node.span.start.line() as u32, node.span.start.col() as u32);
    let end = index.offset(text, node.span.end.line() as u32, node.span.end.col() as u32);
    Span::new(start, end.max(start))
}

/// Byte spans of a YAML text's comments, `#` included, in source order: a `#` at the start of a
/// line or after a blank, to the end of its line, unless it lies inside a scalar. saphyr drops
/// comments, so the scalars come from its event stream (a second, cheap pass over a file that
/// already parsed): plain and block (`|`, `>`) scalars by their spans, quoted ones up to their
/// closing quote (the parser's end marker for a quoted scalar runs on over a trailing comment).
/// A `#` inside a value or a block scalar's lines therefore never counts.
pub fn comments(text: &str, index: &LineIndex) -> Vec<Span> {
    if memchr::memchr(b'#', text.as_bytes()).is_none() {
        return Vec::new();
    }
    let offset = |marker: &Marker| index.offset(text, marker.line() as u32, marker.col() as u32);
    let mut scalars = Vec::new();
    for event in saphyr_parser::Parser::new_from_str(text) {
        let Ok((Event::Scalar(_, style, ..), span)) = event else { continue };
        let start = offset(&span.start);
        let end = match style {
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => closing_quote(text, start as usize),
            _ => offset(&span.end),
        };
        if end > start {
            scalars.push(Span::new(start, end));
        }
    }
    scalars.sort_unstable();
    let inside_scalar = |offset: u32| {
        let after = scalars.partition_point(|s| s.start <= offset);
        after > 0 && scalars[after - 1].end > offset
    };
    crate::text::hash_comments_where(text, |offset| !inside_scalar(offset))
}

/// The offset just past the quote that closes the quoted scalar opening at `start` (`''` is an
/// escaped quote in single quotes, `\x` an escape in double quotes); the end of the text if none.
fn closing_quote(text: &str, start: usize) -> u32 {
    let bytes = text.as_bytes();
    let Some(&quote) = bytes.get(start) else { return start as u32 };
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 1,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            byte if byte == quote => return (i + 1) as u32,
            _ => {}
        }
        i += 1;
    }
    bytes.len() as u32
}

/// The value of `key` in a mapping node.
pub fn get<'n, 'a>(node: &'n MarkedYaml<'a>, key: &str) -> Option<&'n MarkedYaml<'a>> {
    let YamlData::Mapping(mapping) = &node.data else { return None };
    mapping.iter().find(|(k, _)| as_str(k) == Some(key)).map(|(_, value)| value)
}

/// The key node of `key` in a mapping node (to point at the key rather than its value).
pub fn key<'n, 'a>(node: &'n MarkedYaml<'a>, key: &str) -> Option<&'n MarkedYaml<'a>> {
    let YamlData::Mapping(mapping) = &node.data else { return None };
    mapping.keys().find(|k| as_str(k) == Some(key))
}

/// The entries of a mapping node, in order.
pub fn entries<'n, 'a>(node: &'n MarkedYaml<'a>) -> impl Iterator<Item = (&'n MarkedYaml<'a>, &'n MarkedYaml<'a>)> {
    let mapping = match &node.data {
        YamlData::Mapping(mapping) => Some(mapping),
        _ => None,
    };
    mapping.into_iter().flat_map(|m| m.iter())
}

/// Whether a node is a mapping (`{}` or block `key: value` entries).
pub fn is_mapping(node: &MarkedYaml<'_>) -> bool {
    matches!(node.data, YamlData::Mapping(_))
}

/// Whether a node is a sequence (`[]` or block `- item` entries).
pub fn is_sequence(node: &MarkedYaml<'_>) -> bool {
    matches!(node.data, YamlData::Sequence(_))
}

/// The items of a sequence node.
pub fn items<'n, 'a>(node: &'n MarkedYaml<'a>) -> &'n [MarkedYaml<'a>] {
    match &node.data {
        YamlData::Sequence(items) => items,
        _ => &[],
    }
}

/// A scalar node as text (strings as they are; numbers and booleans as written).
pub fn as_str<'n>(node: &'n MarkedYaml<'_>) -> Option<&'n str> {
    match &node.data {
        YamlData::Value(Scalar::String(value)) | YamlData::Representation(value, ..) => Some(value),
        _ => None,
    }
}

/// A scalar node as a boolean (`true`, `false`; YAML 1.1 `yes`/`no` too, as Compose reads them).
pub fn as_bool(node: &MarkedYaml<'_>) -> Option<bool> {
    match &node.data {
        YamlData::Value(Scalar::Boolean(value)) => Some(*value),
        _ => match as_str(node)?.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Some(true),
            "false" | "no" | "off" => Some(false),
            _ => None,
        },
    }
}

/// A scalar node as an integer.
pub fn as_i64(node: &MarkedYaml<'_>) -> Option<i64> {
    match &node.data {
        YamlData::Value(Scalar::Integer(value)) => Some(*value),
        _ => as_str(node)?.trim().parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_documents_with_positions() {
        let text = "apiVersion: apps/v1\nkind: Deployment\n---\nkind: Service\nspec:\n  ports: [80, 443]\n";
        let docs = parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(docs.len(), 2);
        assert_eq!(get(&docs[0], "kind").and_then(as_str), Some("Deployment"));
        let index = LineIndex::new(text);
        let kind = get(&docs[1], "kind").unwrap_or_else(|| panic!("no kind"));
        let span = span(kind, text, &index);
        assert_eq!(&text[span.start as usize..span.end as usize], "Service");
        let ports = get(&docs[1], "spec").and_then(|spec| get(spec, "ports")).unwrap_or_else(|| panic!("no ports"));
        assert_eq!(items(ports).iter().filter_map(as_i64).collect::<Vec<_>>(), [80, 443]);
    }

    #[test]
    fn booleans_in_yaml_1_1_spelling() {
        let docs = parse("privileged: yes\nread_only: false\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(get(&docs[0], "privileged").and_then(as_bool), Some(true));
        assert_eq!(get(&docs[0], "read_only").and_then(as_bool), Some(false));
    }

    #[test]
    fn comments_are_outside_scalars() {
        let text = "# head\na: |\n  # block text\n  line\n# after block\nb: \"x # y\n  # z\" # real\nc: plain#no # yes\nd:\n  - e # item\n  - >-\n    # folded\n  - 'q # it''s' # q\ne: it's # apostrophe\nf: \"\\\" #\" # esc\n";
        assert!(parse(text).is_ok());
        let found: Vec<&str> = comments(text, &LineIndex::new(text))
            .into_iter()
            .map(|s| &text[s.start as usize..s.end as usize])
            .collect();
        assert_eq!(found, ["# head", "# after block", "# real", "# yes", "# item", "# q", "# apostrophe", "# esc"]);
    }

    #[test]
    fn reports_syntax_errors() {
        assert!(parse("a: [1, 2\nb: c\n").is_err());
    }
}
