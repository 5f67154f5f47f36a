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
    fn reports_syntax_errors() {
        assert!(parse("{ \"a\": }").is_err());
    }
}
