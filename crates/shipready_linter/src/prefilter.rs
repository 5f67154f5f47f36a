//! One search of a file's text before it is parsed: which rules can match at all, and which
//! project evidence the text holds.
//!
//! Every rule's needles (see [`Rule::NEEDLES`](crate::rule::Rule::NEEDLES)) and every evidence
//! needle (see [`evidence`]) are patterns of one Aho-Corasick DFA, built once per scan. A file's
//! text is searched once, over overlapping matches so that no needle hides another; a match only
//! marks its pattern as seen, and what the seen patterns mean is worked out afterwards, once per
//! pattern rather than once per match.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::project::{Evidence, evidence};
use crate::runner::RuleEntry;

/// The compiled needles of a rule set and of the project evidence.
pub(crate) struct TextScan {
    matcher: AhoCorasick,
    /// For each pattern, the rules it lets run.
    rules_of: Vec<Vec<usize>>,
    /// For each pattern, the evidence it records.
    evidence_of: Vec<Evidence>,
    /// Whether each rule waits for one of its needles (a rule without needles always runs).
    has_needles: Vec<bool>,
}

impl TextScan {
    pub(crate) fn new(rules: &[RuleEntry]) -> Option<Self> {
        let mut patterns: Vec<&'static str> = Vec::new();
        let mut rules_of: Vec<Vec<usize>> = Vec::new();
        let mut evidence_of: Vec<Evidence> = Vec::new();
        let mut slot = |needle: &'static str| {
            if let Some(at) = patterns.iter().position(|known| *known == needle) {
                return at;
            }
            patterns.push(needle);
            rules_of.push(Vec::new());
            evidence_of.push(Evidence::empty());
            patterns.len() - 1
        };
        let mut slots = Vec::new();
        for (index, entry) in rules.iter().enumerate() {
            for &needle in entry.needles {
                slots.push((slot(needle), Some(index), Evidence::empty()));
            }
        }
        for &(needle, kind) in evidence::NEEDLES {
            slots.push((slot(needle), None, kind));
        }
        for (at, rule, kind) in slots {
            if let Some(rule) = rule {
                rules_of[at].push(rule);
            }
            evidence_of[at].insert(kind);
        }
        // A DFA is the fastest kind to search; a few hundred short needles make a small one.
        let matcher = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| AhoCorasick::new(&patterns))
            .ok()?;
        let has_needles = rules.iter().map(|entry| !entry.needles.is_empty()).collect();
        Some(Self { matcher, rules_of, evidence_of, has_needles })
    }

    /// Searches `text` once: clears `active[i]` for each rule with needles none of which occurs,
    /// and returns the evidence found.
    pub(crate) fn scan(&self, text: &str, active: &mut [bool]) -> Evidence {
        let mut seen = vec![false; self.rules_of.len()];
        for hit in self.matcher.find_overlapping_iter(text) {
            seen[hit.pattern().as_usize()] = true;
        }
        let mut evidence = evidence::leading(text);
        let mut let_through = vec![false; active.len()];
        for (pattern, _) in seen.iter().enumerate().filter(|(_, seen)| **seen) {
            evidence.insert(self.evidence_of[pattern]);
            for &rule in &self.rules_of[pattern] {
                let_through[rule] = true;
            }
        }
        for ((active, waits), through) in active.iter_mut().zip(&self.has_needles).zip(let_through) {
            if *waits && !through {
                *active = false;
            }
        }
        evidence
    }
}
