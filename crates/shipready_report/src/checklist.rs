//! Updating a readiness checklist in place. The generated parts of `READINESS.md` sit between
//! marker lines:
//!
//! ```markdown
//! <!-- shipready:begin summary -->
//! …replaced on every update…
//! <!-- shipready:end summary -->
//! ```
//!
//! Everything outside the markers (manual items, their ticks, notes, headings a person wrote) is
//! copied byte for byte, line endings included. A block the file lacks is appended at the end;
//! a block the tool does not know is left alone.

use std::fmt::Write as _;

/// A marker pair that does not line up. The file is left untouched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChecklistError {
    #[error("line {line}: `shipready:begin {name}` has no matching `shipready:end {name}`")]
    Unclosed { name: String, line: usize },
    #[error("line {line}: `shipready:end {name}` without a `shipready:begin {name}` before it")]
    Unopened { name: String, line: usize },
    #[error("line {line}: `shipready:begin {name}` inside the `{outer}` block")]
    Nested { name: String, outer: String, line: usize },
    #[error("line {line}: a second `{name}` block (the first starts on line {first})")]
    Duplicate { name: String, line: usize, first: usize },
}

pub(crate) fn begin(name: &str) -> String {
    format!("<!-- shipready:begin {name} -->")
}

pub(crate) fn end(name: &str) -> String {
    format!("<!-- shipready:end {name} -->")
}

enum Marker<'a> {
    Begin(&'a str),
    End(&'a str),
}

fn marker(line: &str) -> Option<Marker<'_>> {
    let inner = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let rest = inner.strip_prefix("shipready:")?;
    if let Some(name) = rest.strip_prefix("begin ") {
        Some(Marker::Begin(name.trim()))
    } else {
        rest.strip_prefix("end ").map(|name| Marker::End(name.trim()))
    }
}

/// `existing` with each named block's content replaced by the generated one (which ends with a
/// newline), and missing blocks appended.
pub fn update(existing: &str, blocks: &[(&str, String)]) -> Result<String, ChecklistError> {
    let newline = if existing.contains("\r\n") { "\r\n" } else { "\n" };
    let convert = |content: &str| if newline == "\n" { content.to_string() } else { content.replace('\n', "\r\n") };
    let mut out = String::with_capacity(existing.len() + 4096);
    let mut seen: Vec<(&str, usize)> = Vec::new();
    // The block being replaced, and the line it began on.
    let mut open: Option<(&str, usize, bool)> = None;
    for (index, line) in existing.split_inclusive('\n').enumerate() {
        let number = index + 1;
        match (marker(line), open) {
            (Some(Marker::Begin(name)), None) => {
                if let Some(&(_, first)) = seen.iter().find(|(seen, _)| *seen == name) {
                    return Err(ChecklistError::Duplicate { name: name.into(), line: number, first });
                }
                seen.push((name, number));
                let generated = blocks.iter().find(|(block, _)| *block == name);
                out.push_str(line);
                if let Some((_, content)) = generated {
                    out.push_str(&convert(content));
                }
                open = Some((name, number, generated.is_some()));
            }
            (Some(Marker::Begin(name)), Some((outer, _, _))) => {
                return Err(ChecklistError::Nested { name: name.into(), outer: outer.into(), line: number });
            }
            (Some(Marker::End(name)), Some((current, _, _))) if name == current => {
                out.push_str(line);
                open = None;
            }
            (Some(Marker::End(name)), _) => {
                return Err(ChecklistError::Unopened { name: name.into(), line: number });
            }
            (None, Some((_, _, true))) => {}
            (None, _) => out.push_str(line),
        }
    }
    if let Some((name, line, _)) = open {
        return Err(ChecklistError::Unclosed { name: name.into(), line });
    }
    for (name, content) in blocks.iter().filter(|(name, _)| !seen.iter().any(|(seen, _)| seen == name)) {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(newline);
        }
        if !out.is_empty() && !out.ends_with("\n\n") && !out.ends_with("\r\n\r\n") {
            out.push_str(newline);
        }
        let _ = write!(out, "{}{newline}{}{}{newline}", begin(name), convert(content), end(name));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(&'static str, String)> {
        vec![("summary", format!("Score: {text}\n")), ("findings", format!("- [ ] {text}\n"))]
    }

    const HAND_WRITTEN: &str = "\
# Launch checklist

Notes a person wrote, with trailing spaces   
and odd *markdown*.

<!-- shipready:begin summary -->
stale
<!-- shipready:end summary -->

## Manual items

- [x] `rollback-tested` — owner: @a · date: 2026-01-01 · evidence: x
- [ ] my own reminder

<!-- shipready:begin findings -->
stale too
<!-- shipready:end findings -->
<!-- shipready:begin someday -->
kept: a block this version does not know
<!-- shipready:end someday -->
Last line without newline";

    #[test]
    fn replaces_only_the_generated_blocks() {
        let updated = update(HAND_WRITTEN, &blocks("1")).unwrap();
        assert_eq!(updated, HAND_WRITTEN.replace("stale\n", "Score: 1\n").replace("stale too\n", "- [ ] 1\n"));
        // Repeated runs change only the blocks, and are idempotent.
        let again = update(&updated, &blocks("2")).unwrap();
        assert_eq!(again, update(HAND_WRITTEN, &blocks("2")).unwrap());
        assert_eq!(update(&again, &blocks("2")).unwrap(), again);
    }

    #[test]
    fn keeps_crlf_files_crlf() {
        let crlf = HAND_WRITTEN.replace('\n', "\r\n");
        let updated = update(&crlf, &blocks("1")).unwrap();
        assert!(!updated.replace("\r\n", "").contains('\n'), "every newline stays CRLF");
        assert!(updated.contains("Score: 1\r\n"));
        assert!(updated.contains("Notes a person wrote, with trailing spaces   \r\n"));
    }

    #[test]
    fn appends_missing_blocks_after_the_hand_written_text() {
        let text = "# Our own checklist\n\n- [ ] write docs\n";
        let updated = update(text, &blocks("1")).unwrap();
        assert!(updated.starts_with(text));
        assert_eq!(
            &updated[text.len()..],
            "\n<!-- shipready:begin summary -->\nScore: 1\n<!-- shipready:end summary -->\n\n\
             <!-- shipready:begin findings -->\n- [ ] 1\n<!-- shipready:end findings -->\n"
        );
        assert_eq!(update(&updated, &blocks("1")).unwrap(), updated);
    }

    #[test]
    fn broken_markers_are_errors() {
        let unclosed = "<!-- shipready:begin summary -->\nx\n";
        assert_eq!(update(unclosed, &blocks("1")), Err(ChecklistError::Unclosed { name: "summary".into(), line: 1 }));
        let unopened = "x\n<!-- shipready:end findings -->\n";
        assert_eq!(update(unopened, &blocks("1")), Err(ChecklistError::Unopened { name: "findings".into(), line: 2 }));
        let nested = "<!-- shipready:begin summary -->\n<!-- shipready:begin findings -->\n";
        assert!(matches!(update(nested, &blocks("1")), Err(ChecklistError::Nested { line: 2, .. })));
        let twice = "<!-- shipready:begin summary -->\n<!-- shipready:end summary -->\n\
                     <!-- shipready:begin summary -->\n<!-- shipready:end summary -->\n";
        assert!(matches!(update(twice, &blocks("1")), Err(ChecklistError::Duplicate { line: 3, first: 1, .. })));
    }

    #[test]
    fn prose_mentioning_markers_is_not_a_marker() {
        let text = "We keep `<!-- shipready:begin summary -->` blocks generated.\n";
        let updated = update(text, &blocks("1")).unwrap();
        assert!(updated.starts_with(text));
    }
}
