//! The Dockerfile front end: taiki-e's `parse-dockerfile`, which keeps byte spans, handles line
//! continuations, heredocs, JSON-form arguments and parser directives, and groups stages.

use std::ops::Range;

use shipready_diagnostics::Span;

use crate::SyntaxError;

pub use parse_dockerfile::{
    Command, Dockerfile, HealthcheckArguments, HealthcheckInstruction, Instruction, Source, Stage, UnescapedString,
    UserInstruction,
};

/// Parses a Dockerfile; a syntax error is returned instead.
pub fn parse(text: &str) -> Result<Dockerfile<'_>, SyntaxError> {
    parse_dockerfile::parse(text).map_err(|error| SyntaxError { offset: 0, message: error.to_string() })
}

/// Byte spans of a Dockerfile's comments, `#` included, in source order. The parser skips them,
/// so they are found by line: a `#` at the start of a line (Docker's comments, parser directives
/// included, also between continuation lines) or after a blank outside quotes (a shell comment
/// in a shell-form command), to the end of the line. Lines of here-documents are never comments.
pub fn comments(text: &str, dockerfile: &Dockerfile<'_>) -> Vec<Span> {
    let mut here_docs = Vec::new();
    for instruction in &dockerfile.instructions {
        here_doc_spans(instruction, &mut here_docs);
    }
    crate::text::line_comments_where(text, |offset| !here_docs.iter().any(|doc| doc.contains(&(offset as usize))))
}

fn here_doc_spans(instruction: &Instruction<'_>, out: &mut Vec<Range<usize>>) {
    let sources = |sources: &[Source<'_>], out: &mut Vec<Range<usize>>| {
        for source in sources {
            if let Source::HereDoc(doc) = source {
                out.push(doc.span.clone());
            }
        }
    };
    match instruction {
        Instruction::Run(run) => out.extend(run.here_docs.iter().map(|doc| doc.span.clone())),
        Instruction::Copy(copy) => sources(&copy.src, out),
        Instruction::Add(add) => sources(&add.src, out),
        Instruction::Onbuild(onbuild) => here_doc_spans(&onbuild.instruction, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_stages() {
        let text = "FROM node:20 AS build\nRUN npm ci \\\n  && npm run build\n\nFROM node:20-slim\nUSER node\n";
        let dockerfile = parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(dockerfile.stages().len(), 2);
        let last = dockerfile.stages().last().unwrap_or_else(|| panic!("no stage"));
        assert_eq!(last.instructions.len(), 1);
    }

    #[test]
    fn comments_by_line_outside_here_documents_and_quotes() {
        let text = "# syntax=docker/dockerfile:1\nFROM node:20\nRUN echo hi # base\nRUN <<EOF\n# not a comment\necho hi\nEOF\nRUN echo \"# quoted\" && \\\n  # between\n  true\nCOPY <<EOT /a\n  # text\nEOT\nUSER root\n";
        let dockerfile = parse(text).unwrap_or_else(|e| panic!("{e}"));
        let found: Vec<&str> =
            comments(text, &dockerfile).into_iter().map(|s| &text[s.start as usize..s.end as usize]).collect();
        assert_eq!(found, ["# syntax=docker/dockerfile:1", "# base", "# between"]);
    }
}
