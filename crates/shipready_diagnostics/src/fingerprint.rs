use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use xxhash_rust::xxh3::Xxh3;

use crate::Finding;

/// A stable 64-bit identity for a finding, rendered as 16 hex digits.
///
/// It hashes the rule id, the path, the finding's source text with all whitespace removed, and
/// the occurrence index of that text among the file's findings of the same rule. Line numbers
/// are not part of it, so moving code, reformatting it or adding lines above it keeps the
/// fingerprint; changing the flagged code itself makes a new one. xxh3 is specified and stable
/// across releases, so fingerprints written by one version are read by the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Fingerprint(pub u64);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl std::str::FromStr for Fingerprint {
    type Err = String;

    /// Parses the 16 hex digits that `Display` writes.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match u64::from_str_radix(text, 16) {
            Ok(value) if text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit()) => Ok(Fingerprint(value)),
            _ => Err(format!("`{text}` is not a fingerprint: expected 16 hex digits")),
        }
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn hash(rule: &str, path: &str, normalized: &str, occurrence: u32) -> Fingerprint {
    let mut hasher = Xxh3::new();
    for part in [rule, path, normalized] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    hasher.update(&occurrence.to_le_bytes());
    Fingerprint(hasher.digest())
}

/// The fingerprint of a live finding: the check, the method and path requested, and what the
/// check saw, normalised by the check so that it leaves out what varies between runs (dates,
/// ports, timings). The host is not part of it, so a baseline recorded against a staging URL
/// matches a run against a local one.
pub fn endpoint_fingerprint(rule: &str, method: &str, path: &str, evidence_key: &str) -> Fingerprint {
    let normalized: String = evidence_key.chars().filter(|c| !c.is_whitespace()).collect();
    hash(rule, &format!("{method} {path}"), &normalized, 0)
}

/// Assigns fingerprints to one file's findings. `text_of` returns the flagged source text (or,
/// for a project-level finding, what identifies it, such as the file it points at).
///
/// Findings must be in source order so that occurrence indices count from the top of the file.
pub fn assign_fingerprints<T: AsRef<str>>(findings: &mut [Finding], text_of: impl Fn(&Finding) -> T) {
    let mut seen: HashMap<(&'static str, String), u32> = HashMap::new();
    for finding in findings.iter_mut() {
        let normalized: String = text_of(finding).as_ref().chars().filter(|c| !c.is_whitespace()).collect();
        let occurrence = seen.entry((finding.rule, normalized.clone())).or_insert(0);
        finding.fingerprint = hash(finding.rule, &finding.path, &normalized, *occurrence);
        *occurrence += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Area, Location, Severity, Span};

    fn finding(span: Span, line: u32) -> Finding {
        Finding {
            rule: "empty-catch",
            area: Area::Reliability,
            severity: Severity::High,
            path: "src/a.ts".into(),
            file: None,
            span,
            location: Location { line, column: 1, end_line: line, end_column: 2 },
            message: String::new(),
            snippet: String::new(),
            fingerprint: Fingerprint::default(),
            suppression: None,
            endpoint: None,
        }
    }

    fn fingerprints(source: &str, spans: &[(Span, u32)]) -> Vec<Fingerprint> {
        let mut findings: Vec<_> = spans.iter().map(|&(s, l)| finding(s, l)).collect();
        assign_fingerprints(&mut findings, |f| &source[f.span.start as usize..f.span.end as usize]);
        findings.iter().map(|f| f.fingerprint).collect()
    }

    #[test]
    fn survives_moves_and_reformatting_but_not_edits() {
        let before = "try { a() } catch (e) {}";
        let moved = "\n\n\ntry { a() }   catch (e)   { }";
        let a = fingerprints(before, &[(Span::new(12, 24), 1)]);
        let b = fingerprints(moved, &[(Span::new(15, 32), 4)]);
        assert_eq!(a, b);
        let edited = "try { a() } catch (err) {}";
        assert_ne!(a, fingerprints(edited, &[(Span::new(12, 26), 1)]));
    }

    #[test]
    fn repeated_text_gets_distinct_fingerprints() {
        let source = "catch (e) {}\ncatch (e) {}";
        let fps = fingerprints(source, &[(Span::new(0, 12), 1), (Span::new(13, 25), 2)]);
        assert_ne!(fps[0], fps[1]);
    }

    #[test]
    fn renders_as_sixteen_hex_digits() {
        assert_eq!(Fingerprint(0xab).to_string(), "00000000000000ab");
        assert_eq!(serde_json::to_string(&Fingerprint(1)).unwrap(), "\"0000000000000001\"");
        assert_eq!("00000000000000ab".parse(), Ok(Fingerprint(0xab)));
        assert!("ab".parse::<Fingerprint>().is_err());
        assert!("zz000000000000ab".parse::<Fingerprint>().is_err());
    }
}
