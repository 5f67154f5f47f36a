//! Logic shared across rules and languages lives here, once.

pub(crate) mod comments;
pub(crate) mod deploy;
pub(crate) mod dotenv;
pub(crate) mod js;
pub(crate) mod names;
pub(crate) mod py;
pub(crate) mod tree;

/// `2396` → `2,396`, for counts in messages.
pub(crate) fn thousands(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_groups_digits() {
        assert_eq!(super::thousands(7u32), "7");
        assert_eq!(super::thousands(2396u32), "2,396");
        assert_eq!(super::thousands(1_000_000u32), "1,000,000");
    }
}
