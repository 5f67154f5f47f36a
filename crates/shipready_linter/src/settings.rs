//! What the configuration may tune in individual rules (`[rules.<id>]` in shipready.toml).

/// Rule thresholds and word lists; every rule reads them from its file context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSettings {
    /// `large-file`: files longer than this many lines are reported (high at twice as many).
    pub max_lines: u32,
    /// `too-many-params`: functions with more parameters than this are reported.
    pub max_params: usize,
    /// `hardcoded-secret`: more names whose values are secrets (matched whole, any case, with
    /// `_`, `-` and camel case treated alike: `signing_salt` also covers `signingSalt`).
    pub extra_secret_names: Vec<String>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        Self { max_lines: 1_000, max_params: 7, extra_secret_names: Vec::new() }
    }
}

impl RuleSettings {
    /// Whether `name` is one of the configured secret names.
    pub fn is_extra_secret_name(&self, name: &str) -> bool {
        if self.extra_secret_names.is_empty() {
            return false;
        }
        let words = crate::helpers::names::split_words(name).join(" ");
        self.extra_secret_names.iter().any(|extra| crate::helpers::names::split_words(extra).join(" ") == words)
    }
}

#[cfg(test)]
mod tests {
    use super::RuleSettings;

    #[test]
    fn extra_names_match_in_any_spelling() {
        let settings = RuleSettings { extra_secret_names: vec!["signing_salt".into()], ..RuleSettings::default() };
        assert!(settings.is_extra_secret_name("signingSalt"));
        assert!(settings.is_extra_secret_name("SIGNING_SALT"));
        assert!(!settings.is_extra_secret_name("salt"));
        assert!(!RuleSettings::default().is_extra_secret_name("signing_salt"));
    }
}
