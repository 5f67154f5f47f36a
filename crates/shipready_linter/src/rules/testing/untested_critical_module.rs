use shipready_lang::{FileRole, Language};

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::project::{FileFacts, ProjectModel};
use crate::rule::Rule;

use super::no_tests::{declares_tests, facts_of, has_tests, in_registry_package, real_tests, registry_packages, under};

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

/// Folder names that hold a package's tests.
const TEST_FOLDERS: &[&str] = &["tests", "test", "__tests__", "spec", "specs"];

/// The folder holding the test folder a test file is in: `pkg` for `pkg/tests/test_a.py`,
/// `""` for `tests/test_a.py`, `None` for a test file beside the code (`auth.test.ts`).
fn test_folder_parent(test: &str) -> Option<&str> {
    let folders = test.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut end = 0;
    for segment in folders.split('/') {
        if TEST_FOLDERS.iter().any(|name| segment.eq_ignore_ascii_case(name)) {
            return Some(test[..end].trim_end_matches('/'));
        }
        end += segment.len() + 1;
    }
    None
}

/// Whether the package folder of a module has tests of its own: a real test file in a test
/// folder right inside it (`pkg/tests/…`), in the folder itself for Go (one package per
/// folder), or in a test folder that mirrors its name (`tests/jwt_auth/…` for `jwt_auth/`).
fn package_tested(module: &FileFacts, tests: &[&str]) -> bool {
    let folder = module.folder();
    let name = folder.rsplit('/').next().unwrap_or(folder);
    tests.iter().any(|test| {
        let test_folder = test.rsplit_once('/').map_or("", |(dir, _)| dir);
        if module.language == Language::Go && test.ends_with("_test.go") && test_folder == folder {
            return true;
        }
        let Some(parent) = test_folder_parent(test) else { return false };
        // `label_studio/tests/jwt_auth/test_auth.py` for `label_studio/jwt_auth/views.py`.
        let mirrored = !name.is_empty()
            && (parent.is_empty() || under(folder, parent))
            && test_folder.get(parent.len()..).is_some_and(|rest| rest.split('/').any(|segment| segment == name));
        parent == folder || mirrored
    })
}

/// Whether a test file names the module: `auth.test.ts`, `test_auth.py`, `auth_test.go` and
/// `test_auth_flow.py` for `auth`.
fn named_by_test_file(test: &str, module: &str) -> bool {
    let test = stem(test).to_ascii_lowercase();
    test.strip_prefix("test_").unwrap_or(&test).split(['.', '_']).next() == Some(module)
        || test == module
        || test.strip_suffix("_test").is_some_and(|t| t == module)
        || test.strip_prefix("test_").is_some_and(|t| t == module)
}

impl Rule for UntestedCriticalModule {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        let all_tests = real_tests(model);
        let packages = registry_packages(model);
        let files = model.files();
        for project in model.projects().iter().filter(|p| has_tests(model, p, &all_tests)) {
            let tests: Vec<&str> = all_tests.iter().copied().filter(|path| under(path, &project.folder)).collect();
            let read_tests: Vec<usize> =
                tests.iter().filter_map(|path| facts_of(model, path).map(|(index, _)| index)).collect();
            // A registry package ships only some of its tests: modules outside every package
            // whose tests it ships are not judged.
            let scopes: Option<Vec<&str>> = in_registry_package(&packages, &project.folder)
                .then(|| tests.iter().map(|test| test_folder_parent(test).unwrap_or(&project.folder)).collect());
            for &index in &project.files {
                let file = &files[index];
                if file.role != FileRole::Source
                    || !file.language.is_code()
                    || file.path.ends_with(".d.ts")
                    || !file.has_logic
                {
                    continue;
                }
                let Some(word) = critical_word(&file.path) else { continue };
                let module = stem(&file.path).to_ascii_lowercase();
                if matches!(module.as_str(), "index" | "__init__" | "mod" | "types" | "constants") {
                    continue;
                }
                if scopes.as_ref().is_some_and(|scopes| {
                    !scopes.iter().any(|scope| scope.is_empty() || under(&file.path, scope))
                }) {
                    continue;
                }
                let named = tests.iter().any(|test| named_by_test_file(test, &module));
                let imported = read_tests.iter().any(|&t| model.imports_of(t).any(|target| target.path == file.path));
                let inline = declares_tests(file);
                if !(named || imported || inline || package_tested(file, &tests))
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
