//! Every rule shipready knows, in one list.

use std::sync::OnceLock;

use crate::rules::{code_quality, observability, operations, reliability, security, testing};
use crate::runner::RuleEntry;

/// Every rule, in catalog order. Add a rule here and in its area's `mod.rs`.
pub fn all_rules() -> Vec<RuleEntry> {
    vec![
        // Security
        RuleEntry::of::<security::TimingUnsafeCompare>(),
        RuleEntry::of::<security::HardcodedSecret>(),
        RuleEntry::of::<security::SqlStringBuild>(),
        RuleEntry::of::<security::HtmlInjectionSink>(),
        RuleEntry::of::<security::CorsPermissive>(),
        RuleEntry::of::<security::IframeSandboxEscape>(),
        RuleEntry::of::<security::PostmessageAnyOrigin>(),
        RuleEntry::of::<security::WeakCrypto>(),
        RuleEntry::of::<security::AuthFailOpen>(),
        RuleEntry::of::<security::ExceptionLeak>(),
        RuleEntry::of::<security::TlsVerifyDisabled>(),
        RuleEntry::of::<security::CommandInjection>(),
        RuleEntry::of::<security::CodeInjection>(),
        RuleEntry::of::<security::PathTraversal>(),
        RuleEntry::of::<security::InsecureCookie>(),
        RuleEntry::of::<security::UnsafeEnvDefault>(),
        RuleEntry::of::<security::DangerousEndpoint>(),
        RuleEntry::of::<security::ContainerUnhardened>(),
        RuleEntry::of::<security::PiiInLogs>(),
        // Reliability
        RuleEntry::of::<reliability::EmptyCatch>(),
        RuleEntry::of::<reliability::BroadExceptSwallow>(),
        RuleEntry::of::<reliability::BlockingCallInServer>(),
        RuleEntry::of::<reliability::HttpCallNoTimeout>(),
        RuleEntry::of::<reliability::UnboundedCache>(),
        RuleEntry::of::<reliability::ListenerLeak>(),
        RuleEntry::of::<reliability::NonatomicJsonStore>(),
        RuleEntry::of::<reliability::InMemorySessionState>(),
        RuleEntry::of::<reliability::WebsocketUnbounded>(),
        // Observability
        RuleEntry::of::<observability::PrintLogging>(),
        RuleEntry::of::<observability::NoStructuredLogging>(),
        RuleEntry::of::<observability::NoHealthEndpoint>(),
        RuleEntry::of::<observability::NoMetrics>(),
        RuleEntry::of::<observability::NoErrorTracking>(),
        // Type safety and code quality
        RuleEntry::of::<code_quality::TsNocheck>(),
        RuleEntry::of::<code_quality::TsSuppression>(),
        RuleEntry::of::<code_quality::ExplicitAny>(),
        RuleEntry::of::<code_quality::TypeChecksDisabled>(),
        RuleEntry::of::<code_quality::LargeFile>(),
        RuleEntry::of::<code_quality::TooManyParams>(),
        RuleEntry::of::<code_quality::StubImplementation>(),
        RuleEntry::of::<code_quality::CommentedOutCode>(),
        RuleEntry::of::<code_quality::UnusedSuppression>(),
        // Testing
        RuleEntry::of::<testing::FocusedOrSkippedTest>(),
        RuleEntry::of::<testing::NoTests>(),
        RuleEntry::of::<testing::UntestedCriticalModule>(),
        // Operations
        RuleEntry::of::<operations::DockerfileNoHealthcheck>(),
        RuleEntry::of::<operations::DockerfileRootUser>(),
        RuleEntry::of::<operations::DockerfileUnpinnedBase>(),
        RuleEntry::of::<operations::DockerfileSecretInEnv>(),
        RuleEntry::of::<operations::ComposeNoResourceLimits>(),
        RuleEntry::of::<operations::ComposeUnsafeService>(),
        RuleEntry::of::<operations::K8sNoProbes>(),
        RuleEntry::of::<operations::K8sNoResourceLimits>(),
        RuleEntry::of::<operations::K8sPrivileged>(),
        RuleEntry::of::<operations::NoRateLimiting>(),
        RuleEntry::of::<operations::InMemoryRateLimit>(),
        RuleEntry::of::<operations::NoRequestSizeLimit>(),
        RuleEntry::of::<operations::NoSecurityHeaders>(),
        RuleEntry::of::<operations::DevToolingInEntrypoint>(),
        RuleEntry::of::<operations::MissingLockfile>(),
        RuleEntry::of::<operations::NoCiConfig>(),
    ]
}

/// Every rule id, in catalog order.
pub fn ids() -> &'static [&'static str] {
    static IDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    IDS.get_or_init(|| all_rules().iter().map(|rule| rule.meta.id).collect())
}

/// Whether `id` is a rule id (an area name is not).
pub fn is_check_id(id: &str) -> bool {
    ids().contains(&id)
}

/// The registered rule id nearest to `given` by edit distance, if any is close.
pub fn closest_id(given: &str) -> Option<&'static str> {
    closest_among(given, ids())
}

/// The id of `ids` nearest to `given` by edit distance, if any is close.
pub fn closest_among(given: &str, ids: &[&'static str]) -> Option<&'static str> {
    ids.iter()
        .map(|&id| (edit_distance(given, id), id))
        .filter(|(distance, id)| *distance <= (id.len() / 3).max(2))
        .min()
        .map(|(_, id)| id)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::Path;

    use shipready_lang::Language;

    use super::all_rules;

    /// The catalog every id must come from: the repository's copy of `CHECKS.md`.
    fn catalog() -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/CHECKS.md");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn ids_are_unique_kebab_case_and_in_the_catalog() {
        let catalog = catalog();
        let mut seen = HashSet::new();
        for rule in all_rules() {
            let id = rule.meta.id;
            assert!(seen.insert(id), "duplicate id {id}");
            assert!(
                id.split('-').all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{id} is not kebab-case"
            );
            // The catalog specifies what shipready finds in a project; a scan-level rule that
            // governs shipready's own suppressions (`unused-suppression`) is checked against it
            // only once the catalog lists it.
            assert!(catalog.contains(&format!("| `{id}` |")) || rule.scan_level, "{id} is not in docs/CHECKS.md");
        }
    }

    /// Every static check of the catalog is registered, in every code language its row names.
    #[test]
    fn every_static_check_of_the_catalog_covers_its_languages() {
        let catalog = catalog();
        let rules = all_rules();
        for row in catalog.lines().filter(|line| line.starts_with("| `")) {
            let mut cells = row.split('|').map(str::trim);
            let id = cells.nth(1).unwrap_or_default().trim_matches('`');
            if id.starts_with("probe-") {
                continue;
            }
            let languages = cells.nth(1).unwrap_or_default();
            let rule = rules
                .iter()
                .find(|rule| rule.meta.id == id)
                .unwrap_or_else(|| panic!("catalog check {id} is not registered"));
            for word in languages.split(|c: char| !c.is_ascii_alphanumeric()) {
                let named =
                    Language::ALL.into_iter().find(|l| (l.is_code() || *l == Language::Html) && l.as_str() == word);
                if let Some(wanted) = named {
                    assert!(
                        rule.languages.contains(&wanted),
                        "{id}: the catalog names {word}, the rule does not check it"
                    );
                }
            }
        }
    }

    #[test]
    fn severities_and_areas_match_the_catalog() {
        let catalog = catalog();
        for rule in all_rules() {
            let meta = rule.meta;
            let row = catalog.lines().find(|line| line.starts_with(&format!("| `{}` |", meta.id)));
            let Some(row) = row else {
                assert!(rule.scan_level, "no catalog row for {}", meta.id);
                continue;
            };
            let severity = row.split('|').nth(2).unwrap_or_default().trim();
            assert!(
                severity.starts_with(meta.severity.as_str()),
                "{}: catalog says {severity}, rule says {}",
                meta.id,
                meta.severity
            );
            let section =
                catalog[..catalog.find(row).unwrap()].rfind("\n## ").map(|i| &catalog[i + 4..]).unwrap_or_default();
            let section = section.lines().next().unwrap_or_default();
            assert_eq!(section, meta.area.title(), "{} is in catalog section {section}", meta.id);
        }
    }

    #[test]
    fn every_rule_has_docs_text_and_a_snapshot() {
        let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/snapshots");
        for rule in all_rules() {
            let meta = rule.meta;
            for section in ["## What it does", "## Why is this bad?", "## Example", "## Use instead"] {
                assert!(meta.docs.contains(section), "{} docs lack `{section}`", meta.id);
            }
            assert!(!meta.title.is_empty() && meta.title.chars().count() <= 60, "{} title length", meta.id);
            for (what, text) in [("rationale", meta.rationale), ("fix", meta.fix)] {
                assert!(
                    text.ends_with('.') && text.matches(". ").count() == 0,
                    "{} {what} must be one sentence",
                    meta.id
                );
            }
            assert!(
                rule.project_level || (!rule.languages.is_empty() && !rule.roles.is_empty()),
                "{} applies to nothing",
                meta.id
            );
            assert!(snapshots.join(format!("{}.snap", meta.id)).exists(), "{} has no snapshot", meta.id);
        }
    }

    #[test]
    fn tree_sitter_kind_names_exist_in_their_grammars() {
        use shipready_lang::{Language, tree};
        for rule in all_rules() {
            for (language, kinds) in
                [(Language::Rust, rule.rust_kinds), (Language::Go, rule.go_kinds), (Language::Html, rule.html_kinds)]
            {
                for kind in kinds {
                    assert!(
                        tree::kind_id(language, kind).is_some(),
                        "{}: `{kind}` is not a {language} node kind",
                        rule.meta.id
                    );
                }
            }
        }
    }

    #[test]
    fn catalog_copy_matches_the_shared_catalog_when_present() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/CHECKS.md");
        if let Ok(shared) = std::fs::read_to_string(shared) {
            assert_eq!(shared, catalog(), "docs/CHECKS.md is out of date with ../shared/CHECKS.md");
        }
    }
}
