//! The JavaScript/TypeScript front end: oxc's parser and its semantic model.

use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_parser::{ParseOptions, Parser};
use oxc_semantic::{Semantic, SemanticBuilder};
use oxc_span::SourceType;
use oxc_syntax::module_record::ModuleRecord;

use crate::SyntaxError;

/// A parsed JS/TS file: its program, its semantic model (scopes, symbols, references, a flat node
/// store with parent links) and its module record (static imports and exports).
pub struct JsParse<'a> {
    pub program: &'a Program<'a>,
    pub semantic: Semantic<'a>,
    pub module_record: ModuleRecord<'a>,
}

/// The oxc source type for a file name. Plain `.js`/`.mjs`/`.cjs` files are parsed with JSX on,
/// as React code often uses `.js`.
pub fn source_type_for(file_name: &str) -> SourceType {
    let source_type = SourceType::from_path(file_name).unwrap_or_else(|_| SourceType::mjs());
    if source_type.is_javascript() { source_type.with_jsx(true) } else { source_type }
}

/// Parses `text` and builds its semantic model. Any syntax error is returned instead: checks only
/// run on files that parse cleanly.
pub fn parse<'a>(allocator: &'a Allocator, text: &'a str, source_type: SourceType) -> Result<JsParse<'a>, SyntaxError> {
    // Node wraps CommonJS files in a function, so a top-level `return` is valid there.
    let options = ParseOptions {
        parse_regular_expression: false,
        allow_return_outside_function: source_type.is_javascript(),
        ..ParseOptions::default()
    };
    let ret = Parser::new(allocator, text, source_type).with_options(options).parse();
    if let Some(diagnostic) = ret.diagnostics.errors().next() {
        let offset = diagnostic.labels.first().map_or(0, oxc_span::LabeledSpan::offset);
        return Err(SyntaxError { offset, message: diagnostic.message.to_string() });
    }
    if ret.panicked || ret.is_flow_language {
        let message = if ret.is_flow_language { "Flow syntax is not supported" } else { "parser gave up" };
        return Err(SyntaxError { offset: 0, message: message.to_string() });
    }
    let program = allocator.alloc(ret.program);
    let semantic = SemanticBuilder::new().with_build_nodes(true).build(program).semantic;
    Ok(JsParse { program, semantic, module_record: ret.module_record })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_builds_nodes() {
        let allocator = Allocator::default();
        let parsed = parse(&allocator, "import x from './y';\nconst a = <div/>;", source_type_for("a.js"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(parsed.semantic.nodes().len() > 5);
        assert_eq!(parsed.module_record.requested_modules.len(), 1);
    }

    #[test]
    fn reports_the_first_syntax_error() {
        let allocator = Allocator::default();
        let Err(error) = parse(&allocator, "let a = ;\nlet b = 1;", source_type_for("a.ts")) else {
            panic!("expected a syntax error");
        };
        assert_eq!(error.offset, 8);
    }

    #[test]
    fn commonjs_in_js_files_parses() {
        let allocator = Allocator::default();
        assert!(parse(&allocator, "const fs = require('fs'); module.exports = {};", source_type_for("a.js")).is_ok());
        assert!(parse(&allocator, "interface A { b: string }", source_type_for("a.tsx")).is_ok());
    }
}
