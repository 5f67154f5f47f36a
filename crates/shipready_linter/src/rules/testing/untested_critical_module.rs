use shipready_lang::{FileRole, Language};

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::project::{Evidence, ProjectModel};
use crate::rule::Rule;

use super::no_tests::{has_tests, under};

declare_rule! {
    /// ## What it does
    /// Finds source files whose path names them security-critical (auth, session, crypto,
    /// token, permission, routing, secret, payment, billing, password, oauth, jwt) that no test
    /// file imports or names: no `auth.test.ts`, `test_auth.py` or `auth_test.go`, no test that
    /// imports the module, and (in Rust) no `#[cfg(test)]` block in the file itself. Go files
    /// count as tested when a `_test.go` file shares their package folder.
    ///
    /// Projects with no tests at all are reported by `no-tests` instead.
    ///
    /// ## Why is this bad?
    /// These modules decide who may do what and where money and secrets go. A regression in them
    /// is a security incident, and they are exactly the code that reviews find untested.
    ///
    /// ## Example
    /// `src/routing/session-key.ts` with no test that imports it.
    ///
    /// ## Use instead
    /// Add focused tests for the module's decisions, including the failure cases (expired
    /// tokens, missing permissions, tampered signatures).
    ///
    /// ## Known limitations
    /// A heuristic: criticality is read from names, and a module counts as tested if any test
    /// imports or names it, however thin that test is.
    pub(crate) struct UntestedCriticalModule {
        id: "untested-critical-module",
        area: Testing,
        severity: High,
        since: "0.1.0",
        heuristic: true,
        title: "Security-critical module without tests",
        rationale: "Untested authentication, session or payment code turns regressions into incidents.",
        fix: "Add tests that exercise the module's decisions, including its failure cases.",
    }
}

const CRITICAL_WORDS: &[&str] = &[
    "auth",
    "authn",
    "authz",
    "authentication",
    "authorization",
    "session",
    "sessions",
    "crypto",
    "encryption",
    "token",
    "tokens",
    "permission",
    "permissions",
    "routing",
    "secret",
    "secrets",
    "payment",
    "payments",
    "billing",
    "password",
    "passwords",
    "oauth",
    "jwt",
    "acl",
    "rbac",
];

/// The critical word a path names, if any (in its folders or its file stem).
fn critical_word(path: &str) -> Option<&'static str> {
    path.split('/')
        .flat_map(|segment| split_words(segment.split('.').next().unwrap_or(segment)))
        .find_map(|word| CRITICAL_WORDS.iter().find(|critical| **critical == word).copied())
}

fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().unwrap_or(name)
}

impl Rule for UntestedCriticalModule {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        for project in model.projects().iter().filter(|p| has_tests(model, p)) {
            let files = model.files();
            let tests: Vec<usize> =
                project.files.iter().copied().filter(|&i| files[i].role == FileRole::Test).collect();
            // Test files the walk saw but did not read still name what they test.
            let test_names: Vec<String> = model
                .inventory()
                .iter()
                .filter(|path| under(path, &project.folder))
                .filter(|path| {
                    let name = path.rsplit('/').next().unwrap_or(path);
                    Language::from_file_name(name).is_some_and(|language| {
                        language.is_code() && shipready_lang::classify::role_from_path(path, language) == FileRole::Test
                    })
                })
                .map(|path| stem(path).to_ascii_lowercase())
                .collect();
            for &index in &project.files {
                let file = &files[index];
                if file.role != FileRole::Source || !file.language.is_code() || file.path.ends_with(".d.ts") {
                    continue;
                }
                let Some(word) = critical_word(&file.path) else { continue };
                let module = stem(&file.path).to_ascii_lowercase();
                if matches!(module.as_str(), "index" | "__init__" | "mod" | "types" | "constants") {
                    continue;
                }
                let named = test_names.iter().any(|test| {
                    test.strip_prefix("test_").unwrap_or(test).split(['.', '_']).next() == Some(module.as_str())
                        || test == &module
                        || test.strip_suffix("_test").is_some_and(|t| t == module)
                        || test.strip_prefix("test_").is_some_and(|t| t == module)
                });
                let imported = tests.iter().any(|&t| model.imports_of(t).any(|target| target.path == file.path));
                let inline = file.evidence.contains(Evidence::INLINE_TESTS);
                let go_package_tested = file.language == Language::Go
                    && model.inventory().iter().any(|path| {
                        path.ends_with("_test.go")
                            && path.rsplit_once('/').map(|(dir, _)| dir)
                                == file.path.rsplit_once('/').map(|(dir, _)| dir)
                    });
                if !(named || imported || inline || go_package_tested)
                    && let Some(head) = &file.head
                {
                    ctx.report_file(head, format!("`{}` handles {word} but no test imports or names it", file.path));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UntestedCriticalModule;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            // Named by a test file.
            Case::project([
                ("src/routing/session-key.ts", "export const key = 1;"),
                ("src/routing/session-key.test.ts", "test('k', () => {});"),
            ]),
            // Imported by a test.
            Case::project([
                ("lib/auth.ts", "export const check = () => true;"),
                ("lib/__tests__/middleware.test.ts", "import { check } from '../auth';\ntest('c', () => check());"),
            ]),
            Case::project([
                ("app/payments.py", "def charge():\n    pass\n"),
                ("tests/test_payments.py", "def test_charge():\n    pass\n"),
            ]),
            Case::project([
                ("internal/auth/token.go", "package auth\n"),
                ("internal/auth/token_test.go", "package auth\n"),
            ]),
            Case::project([("src/crypto.rs", "pub fn seal() {}\n#[cfg(test)]\nmod tests {}\n")]),
            // Not critical by name.
            Case::project([("src/format.ts", "export const f = 1;"), ("src/other.test.ts", "test('x', () => {});")]),
            // No tests at all: that is `no-tests`.
            Case::project([("src/auth.ts", "export const a = 1;")]),
        ];
        let fail = [
            Case::project([
                ("src/routing/bindings.ts", "export const b = 1;"),
                ("src/format.test.ts", "test('x', () => {});"),
            ]),
            Case::project([
                ("lib/crypto/encryption.ts", "export const seal = () => 1;"),
                ("lib/__tests__/logger.test.ts", "import { log } from '../logger';"),
                ("lib/logger.ts", "export const log = 1;"),
            ]),
            Case::project([
                ("api/middleware/auth.py", "def check():\n    pass\n"),
                ("tests/test_events.py", "def test_e():\n    pass\n"),
            ]),
        ];
        Tester::new::<UntestedCriticalModule>(pass, fail).test_and_snapshot();
    }
}
