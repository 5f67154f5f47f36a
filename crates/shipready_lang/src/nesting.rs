//! A cheap guard against pathological nesting.
//!
//! The parsers and the semantic builder recurse once per nesting level. Rather than let a
//! generated file with ten thousand nested brackets overflow a worker's stack, the scan measures
//! bracket depth first (one pass over the bytes, far cheaper than parsing) and skips files that
//! nest deeper than [`MAX_NESTING`] with a reason. Brackets inside strings and comments are
//! counted too, so the figure is an upper bound; real code stays far below the limit.

/// Deepest bracket nesting the scan parses. Scan threads get a stack sized for it.
pub const MAX_NESTING: u32 = 1_000;

/// The deepest nesting of `(`, `[` and `{` in `text`, stopping early once past `limit`.
pub fn max_bracket_depth(text: &str, limit: u32) -> u32 {
    let mut depth: u32 = 0;
    let mut max = 0;
    for &byte in text.as_bytes() {
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
        assert_eq!(max_bracket_depth("f(a[1], {b: (2)})", 100), 3);
        assert_eq!(max_bracket_depth(")))(", 100), 1);
        let deep = "(".repeat(50_000);
        assert_eq!(max_bracket_depth(&deep, 10), 11);
    }
}
