//! One search of a file's text before it is parsed: which rules can match at all, and which
//! project evidence the text holds.
//!
//! The needles of every rule that checks a language (see
//! [`Rule::NEEDLES`](crate::rule::Rule::NEEDLES)) and every evidence needle (see [`evidence`])
//! are patterns of one Aho-Corasick DFA, built once per scan and language. A file's text is
//! searched once, and every needle that ends at each byte is seen (no needle hides another); a
//! match only marks its pattern as seen, and what the seen patterns mean is worked out
//! afterwards, once per pattern rather than once per match.
//!
//! A DFA's search is a chain of dependent loads, one per byte: the next state cannot be looked
//! up before the current one is known, so one search runs at the memory's latency, not its
//! bandwidth. The text is therefore cut into [`LANES`] pieces searched side by side in one loop,
//! independent chains the processor overlaps; each piece starts early by the longest needle's
//! length less one, so that a needle across a cut is still seen whole.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

use shipready_lang::Language;

use crate::project::{Evidence, evidence};
use crate::runner::RuleEntry;

/// The compiled needles of a rule set and of the project evidence.
pub(crate) struct TextScan {
    dfa: DFA,
    /// The DFA's unanchored start state.
    start: StateID,
    /// For each pattern, the rules it lets run.
    rules_of: Vec<Vec<usize>>,
    /// For each pattern, the evidence it records.
    evidence_of: Vec<Evidence>,
    /// Whether each rule waits for one of its needles (a rule without needles always runs).
    has_needles: Vec<bool>,
}

impl TextScan {
    /// The needles of the rules that check `language` (of every rule, for `None`) and the
    /// evidence needles.
    pub(crate) fn new(rules: &[RuleEntry], language: Option<Language>) -> Option<Self> {
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
            if language.is_some_and(|language| !entry.languages.contains(&language)) {
                continue;
            }
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
        // Standard semantics: a state's matches are every needle ending there, the overlapping
        // matches. No prefilter: with hundreds of needles it would rarely skip a byte.
        let dfa = DFA::builder().match_kind(MatchKind::Standard).prefilter(false).build(&patterns).ok()?;
        let start = dfa.start_state(Anchored::No).ok()?;
        let has_needles = rules.iter().map(|entry| !entry.needles.is_empty()).collect();
        Some(Self { dfa, start, rules_of, evidence_of, has_needles })
    }

    /// Searches `text` once: clears `active[i]` for each rule with needles none of which occurs,
    /// and returns the evidence found.
    pub(crate) fn scan(&self, text: &str, active: &mut [bool]) -> Evidence {
        let seen = self.seen(text.as_bytes());
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

    /// For each pattern, whether it occurs in `bytes`. Kept out of line: inlined into the
    /// per-file loop, its byte loop's code changed with every edit of the code around it.
    #[inline(never)]
    fn seen(&self, bytes: &[u8]) -> Vec<bool> {
        let mut seen = vec![false; self.rules_of.len()];
        if bytes.len() < LANE_MIN * LANES {
            self.search(self.start, bytes, &mut seen);
            return seen;
        }
        // Piece `i` ends at `cuts[i + 1]` and starts `overlap` bytes before `cuts[i]`.
        let overlap = self.dfa.max_pattern_len().saturating_sub(1);
        let cuts: [usize; LANES + 1] = std::array::from_fn(|i| i * bytes.len() / LANES);
        let pieces: [&[u8]; LANES] = std::array::from_fn(|i| &bytes[cuts[i].saturating_sub(overlap)..cuts[i + 1]]);
        let common = pieces.iter().map(|piece| piece.len()).min().unwrap_or(0);
        let mut states = [self.start; LANES];
        let heads = pieces.map(|piece| &piece[..common]);
        for at in 0..common {
            for (state, head) in states.iter_mut().zip(heads) {
                *state = self.dfa.next_state(Anchored::No, *state, head[at]);
                self.note(*state, &mut seen);
            }
        }
        for (state, piece) in states.into_iter().zip(pieces) {
            self.search(state, &piece[common..], &mut seen);
        }
        seen
    }

    /// Runs the DFA from `state` over `bytes`, marking the needles that end at each byte.
    fn search(&self, mut state: StateID, bytes: &[u8], seen: &mut [bool]) {
        for &byte in bytes {
            state = self.dfa.next_state(Anchored::No, state, byte);
            self.note(state, seen);
        }
    }

    /// Marks the needles that end at `state`.
    #[inline]
    fn note(&self, state: StateID, seen: &mut [bool]) {
        if self.dfa.is_match(state) {
            for index in 0..self.dfa.match_len(state) {
                seen[self.dfa.match_pattern(state, index).as_usize()] = true;
            }
        }
    }
}

/// Independent searches run side by side (see the module's documentation).
const LANES: usize = 4;

/// Texts shorter than this many bytes a lane are searched in one piece.
const LANE_MIN: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;

    /// `needle` written into a long text of filler at `at`, and what the evidence scan finds.
    fn evidence_with(needle: &str, at: usize, len: usize) -> Evidence {
        let mut text = "x".repeat(len);
        text.replace_range(at..at + needle.len(), needle);
        TextScan::new(&[], None).expect("the evidence needles compile").scan(&text, &mut [])
    }

    #[test]
    fn a_needle_across_a_cut_between_lanes_is_seen() {
        let len = LANE_MIN * LANES * 3 + 17;
        for lane in 1..LANES {
            let cut = lane * len / LANES;
            for before in 1.."TooManyRequests".len() {
                assert_eq!(
                    evidence_with("TooManyRequests", cut - before, len),
                    Evidence::RATE_LIMIT,
                    "{lane} {before}"
                );
            }
        }
    }

    #[test]
    fn needles_at_the_ends_of_long_and_short_texts_are_seen() {
        for len in [40, LANE_MIN * LANES - 1, LANE_MIN * LANES, LANE_MIN * LANES * 5 + 3] {
            assert_eq!(evidence_with("MaxBytesReader", 0, len), Evidence::BODY_LIMIT, "{len}");
            assert_eq!(evidence_with("MaxBytesReader", len - 14, len), Evidence::BODY_LIMIT, "{len}");
        }
    }

    #[test]
    fn overlapping_needles_are_all_seen_and_filler_finds_nothing() {
        // `CONTENT_LENGTH` ends where `MAX_CONTENT_LENGTH` does: both needles count.
        let found = evidence_with("MAX_CONTENT_LENGTH", 3000, 5000);
        assert!(found.contains(Evidence::BODY_LIMIT) && found.contains(Evidence::CONTENT_LENGTH));
        assert_eq!(evidence_with("x", 0, 5000), Evidence::empty());
    }
}
