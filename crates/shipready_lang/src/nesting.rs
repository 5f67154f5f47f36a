//! A cheap guard against pathological nesting.
//!
//! The parsers and the semantic builder recurse once per nesting level. Rather than let a
//! generated file with ten thousand nested brackets overflow a worker's stack, the scan measures
//! bracket depth first (one pass over the bytes, far cheaper than parsing) and skips files that
//! nest deeper than [`MAX_NESTING`] with a reason. Brackets inside strings and comments are
//! counted too, so the figure is an upper bound; real code stays far below the limit.

/// Deepest bracket nesting the scan parses. Scan threads get a stack sized for it.
pub const MAX_NESTING: u32 = 1_000;

/// Bytes per block of the fast pass: few enough that counts fit in a `u8`.
const BLOCK: usize = 64;

/// Whether `(`, `[` and `{` nest deeper than `limit` anywhere in `text` (closing brackets
/// without an opening one count as nothing).
///
/// Every file of a scan passes through here before it is parsed, so the common case is made
/// cheap: blocks of 64 bytes are only counted (the compiler turns the count into SIMD), which
/// keeps an upper bound of the depth. Only when that bound could pass `limit` is the text walked
/// byte by byte for the exact depth.
pub fn nests_deeper_than(text: &str, limit: u32) -> bool {
    let limit = limit as usize;
    let bytes = text.as_bytes();
    // An upper bound of the depth at the start of the current block. In a block with `opens`
    // openers and `closes` closers, the depth never passes `bound + opens`, and ends at most at
    // `bound + opens - closes`, or at `opens` if closers ran out into the floor at zero.
    let mut bound = 0usize;
    let mut blocks = bytes.chunks_exact(BLOCK);
    for block in &mut blocks {
        let (opens, closes) = count_brackets(block);
        if bound + opens > limit {
            return max_depth(bytes, limit) > limit;
        }
        bound = (bound + opens).saturating_sub(closes).max(opens);
    }
    let (opens, _) = count_brackets(blocks.remainder());
    bound + opens > limit && max_depth(bytes, limit) > limit
}

/// How many opening and closing brackets `block` holds.
fn count_brackets(block: &[u8]) -> (usize, usize) {
    let mut opens = 0u8;
    let mut closes = 0u8;
    for &byte in block {
        // `[`/`{` and `]`/`}` differ only in bit 5; no other byte maps onto them.
        opens += u8::from(byte == b'(' || byte | 0x20 == b'{');
        closes += u8::from(byte == b')' || byte | 0x20 == b'}');
    }
    (usize::from(opens), usize::from(closes))
}

/// The deepest nesting in `bytes`, walked one byte at a time; stops once past `limit`.
fn max_depth(bytes: &[u8], limit: usize) -> usize {
    let mut depth = 0usize;
    let mut max = 0;
    for &byte in bytes {
        match byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    max = depth;
                    if max > limit {
                        break;
                    }
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_depth_and_stops_past_the_limit() {
        assert_eq!(max_depth(b"f(a[1], {b: (2)})", 100), 3);
        assert_eq!(max_depth(b")))(", 100), 1);
        assert_eq!(max_depth("(".repeat(50_000).as_bytes(), 10), 11);
    }

    #[test]
    fn deep_nesting_is_found_wherever_it_is() {
        assert!(!nests_deeper_than("f(a[1], {b: (2)})", 3));
        assert!(nests_deeper_than("f(a[1], {b: (2)})", 2));
        assert!(nests_deeper_than(&"(".repeat(50_000), 1_000));
        let just_under = format!("{}{}", "[".repeat(1_000), "]".repeat(1_000));
        assert!(!nests_deeper_than(&just_under, 1_000));
        assert!(nests_deeper_than(&format!("{just_under}{{{just_under}}}"), 1_000));
        // Closers that run out below zero do not hide the openers after them: the first block
        // of 64 bytes closes 32 and opens 32, and ends 32 deep.
        let text = format!("{}{}{}", ")".repeat(32), "(".repeat(32), "{".repeat(700));
        assert!(nests_deeper_than(&text, 731) && !nests_deeper_than(&text, 732));
    }

    #[test]
    fn the_fast_pass_agrees_with_the_byte_walk() {
        // Random bracket-heavy texts (a fixed xorshift sequence), at limits around their depth.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..2_000 {
            let len = (next() % 700) as usize;
            let opener_bias = next() % 4;
            let text: String = (0..len)
                .map(|_| match next() % 8 {
                    0..=2 => b"([{"[(next() % 3) as usize] as char,
                    3..=4 if opener_bias > 0 => b")]}"[(next() % 3) as usize] as char,
                    _ => 'a',
                })
                .collect();
            let depth = max_depth(text.as_bytes(), usize::MAX);
            for limit in [depth.saturating_sub(1), depth, depth + 1] {
                let limit = u32::try_from(limit).expect("small");
                assert_eq!(nests_deeper_than(&text, limit), depth > limit as usize, "{text:?} at {limit}");
            }
        }
    }
}
