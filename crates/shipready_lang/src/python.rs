//! The Python front end: ruff's parser.

use ruff_python_ast::ModModule;
use ruff_python_ast::token::TokenKind;
use ruff_python_parser::Parsed;
use ruff_text_size::Ranged;
use shipready_diagnostics::Span;

use crate::SyntaxError;

/// A parsed Python module with its token stream (which holds the comments).
pub struct PyParse {
    parsed: Parsed<ModModule>,
}

impl PyParse {
    pub fn module(&self) -> &ModModule {
        self.parsed.syntax()
    }

    /// Byte spans of every comment, `#` included, in source order.
    pub fn comment_spans(&self) -> Vec<Span> {
        self.parsed
            .tokens()
            .iter()
            .filter(|token| token.kind() == TokenKind::Comment)
            .map(|token| Span::new(token.start().to_u32(), token.end().to_u32()))
            .collect()
    }
}

/// Parses `text` as a Python module; any syntax error is returned instead.
pub fn parse(text: &str) -> Result<PyParse, SyntaxError> {
    match ruff_python_parser::parse_module(text) {
        Ok(parsed) => Ok(PyParse { parsed }),
        Err(error) => Err(SyntaxError { offset: error.location.start().to_u32(), message: error.error.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_lists_comments() {
        let parsed = parse("x = 1  # one\n# two\ny = '# not a comment'\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.module().body.len(), 2);
        assert_eq!(parsed.comment_spans(), vec![Span::new(7, 12), Span::new(13, 18)]);
    }

    #[test]
    fn reports_syntax_errors() {
        let error = parse("def f(:\n  pass\n").err().unwrap_or_else(|| panic!("expected an error"));
        assert_eq!(error.offset, 6);
    }
}
