//! The JSON front end: dprint's `jsonc-parser`, which accepts the comments and trailing commas
//! that `tsconfig.json` allows, and keeps byte ranges.

use jsonc_parser::ast::{Object, ObjectProp, Value};
use jsonc_parser::{CollectOptions, ParseOptions};
use shipready_diagnostics::Span;

use crate::SyntaxError;

pub use jsonc_parser::ast;

/// Parses a JSON or JSONC document; `None` for an empty one.
pub fn parse(text: &str) -> Result<Option<Value<'_>>, SyntaxError> {
    jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
        .map(|result| result.value)
        .map_err(|error| SyntaxError { offset: error.range().start as u32, message: error.kind().to_string() })
}

/// Parses a JSON or JSONC document and returns its comments (`//` and `/* */`, delimiters
/// included, in source order) with it.
pub fn parse_with_comments(text: &str) -> Result<(Option<Value<'_>>, Vec<Span>), SyntaxError> {
    let options = CollectOptions { comments: jsonc_parser::CommentCollectionStrategy::Separate, tokens: false };
    let result = jsonc_parser::parse_to_ast(text, &options, &ParseOptions::default())
        .map_err(|error| SyntaxError { offset: error.range().start as u32, message: error.kind().to_string() })?;
    let mut comments: Vec<Span> = result
        .comments
        .iter()
        .flat_map(|map| map.values())
        .flat_map(|list| list.iter())
        .map(|comment| {
            let range = jsonc_parser::common::Ranged::range(comment);
            Span::new(range.start as u32, range.end as u32)
        })
        .collect();
    comments.sort_unstable();
    comments.dedup();
    Ok((result.value, comments))
}

/// The property `name` of an object.
pub fn property<'v, 'a>(object: &'v Object<'a>, name: &str) -> Option<&'v ObjectProp<'a>> {
    object.properties.iter().find(|p| p.name.as_str() == name)
}

/// The object value of `name` in an object.
pub fn object<'v, 'a>(object: &'v Object<'a>, name: &str) -> Option<&'v Object<'a>> {
    match &property(object, name)?.value {
        Value::Object(inner) => Some(inner),
        _ => None,
    }
}

/// A node's byte span.
pub fn span(range: jsonc_parser::common::Range) -> Span {
    Span::new(range.start as u32, range.end as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_jsonc_with_ranges() {
        let text = "{\n  // strictness\n  \"compilerOptions\": { \"strict\": false, },\n}\n";
        let Some(Value::Object(root)) = parse(text).unwrap_or_else(|e| panic!("{e}")) else { panic!("not an object") };
        let options = object(&root, "compilerOptions").unwrap_or_else(|| panic!("no compilerOptions"));
        let strict = property(options, "strict").unwrap_or_else(|| panic!("no strict"));
        let span = span(strict.range);
        assert_eq!(&text[span.start as usize..span.end as usize], "\"strict\": false");
    }

    #[test]
    fn collects_comments_once_each() {
        let text = "{\n  // strictness\n  \"a\": \"// not\", /* b */\n  \"c\": 1 // end\n}\n";
        let (value, comments) = parse_with_comments(text).unwrap_or_else(|e| panic!("{e}"));
        assert!(value.is_some());
        let found: Vec<&str> = comments.iter().map(|s| &text[s.start as usize..s.end as usize]).collect();
        assert_eq!(found, ["// strictness", "/* b */", "// end"]);
    }

    #[test]
    fn reports_syntax_errors() {
        assert!(parse("{ \"a\": }").is_err());
    }
}
