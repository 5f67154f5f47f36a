//! The Dockerfile front end: taiki-e's `parse-dockerfile`, which keeps byte spans, handles line
//! continuations, heredocs, JSON-form arguments and parser directives, and groups stages.

use crate::SyntaxError;

pub use parse_dockerfile::{
    Command, Dockerfile, HealthcheckArguments, HealthcheckInstruction, Instruction, Stage, UnescapedString,
    UserInstruction,
};

/// Parses a Dockerfile; a syntax error is returned instead.
pub fn parse(text: &str) -> Result<Dockerfile<'_>, SyntaxError> {
    parse_dockerfile::parse(text).map_err(|error| SyntaxError { offset: 0, message: error.to_string() })
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
}
