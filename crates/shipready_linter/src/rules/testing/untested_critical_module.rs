use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use shipready_lang::{FileRole, Language};

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::project::{FileFacts, ProjectModel};
use crate::rule::Rule;

use super::no_tests::{declares_tests, facts_of, has_tests, real_tests, under};
use crate::project::in_registry_package;

declare_rule! {
    /// ## What it does
    /// Finds source files whose path names them security-critical (auth, session, crypto,
    /// token, permission, routing, secret, payment, billing, password, oauth, jwt) that no test
    /// file imports or names: no `auth.test.ts`, `test_auth.py` or `auth_test.go`, no test that
    /// imports the module or names it in its text (`delete_token`, `SessionStore`), no test
    /// folder of the module's own package (`auth/tests/`, or `tests/auth/` mirroring it), and
    /// (in Rust) no `#[test]` in the file itself. Go files count as tested when a `_test.go`
    /// file with tests shares their package folder.
    ///
    /// Only real tests count: test files that declare test cases and that the code does not
    /// import (see `no-tests`). Files that only declare (types, constants, settings, URL tables,
    /// classes of fields, with no function that does something) are not judged. In an unpacked
    /// registry package (a wheel, a crate, an npm tarball), which ships only some of its tests,
    /// only modules inside a package whose tests it ships are judged.
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
    /// imports or names it, or its package has tests of its own, however thin those tests are.
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

/// Critical words that also name harmless things (a chat or test session, an LLM token, URL
/// routing): a path that names only these is critical when the path also names a key, a
/// cookie or a login (`session-key.ts`), or the file's text shows security handling (see
/// [`mentions_security`]).
const AMBIGUOUS_WORDS: &[&str] = &["session", "sessions", "token", "tokens", "routing"];

/// Path words that make an ambiguous critical word a security one.
const CORROBORATING_WORDS: &[&str] = &[
    "key",
    "keys",
    "cookie",
    "cookies",
    "login",
    "logout",
    "signin",
    "signout",
    "csrf",
    "credential",
    "credentials",
    "identity",
    "security",
];

/// Whether a path names a word that makes an ambiguous critical word a security one.
fn corroborated_by_path(path: &str) -> bool {
    path.split('/')
        .flat_map(|segment| split_words(segment.split('.').next().unwrap_or(segment)))
        .any(|word| CORROBORATING_WORDS.contains(&word.as_str()))
}

/// Terms of security handling in a file's text: cookies, logins, secrets, credentials,
/// signatures, expiry, permissions.
const SECURITY_TERMS: &[&str] = &[
    "cookie",
    "csrf",
    "login",
    "logout",
    "secret",
    "password",
    "passwd",
    "credential",
    "authenticat",
    "authoriz",
    "hmac",
    "signature",
    "expir",
    "crypto",
    "permission",
    "jwt",
    "bearer",
    "oauth",
    "revoke",
    "nonce",
];

static SECURITY_MATCHER: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::builder().ascii_case_insensitive(true).build(SECURITY_TERMS).ok());

/// Whether a path names only ambiguous critical words (`session`, `token`, `routing`).
pub(crate) fn names_only_ambiguous_words(path: &str) -> bool {
    critical_word(path).is_some() && critical_words(path).all(|word| AMBIGUOUS_WORDS.contains(&word))
}

/// Whether a text shows security handling (see [`SECURITY_TERMS`]).
pub(crate) fn mentions_security(text: &str) -> bool {
    SECURITY_MATCHER.as_ref().is_some_and(|matcher| matcher.is_match(text))
}

/// The critical words a path names, in its folders or its file stem.
fn critical_words(path: &str) -> impl Iterator<Item = &'static str> + '_ {
    path.split('/')
        .flat_map(|segment| split_words(segment.split('.').next().unwrap_or(segment)))
        .filter_map(|word| CRITICAL_WORDS.iter().find(|critical| **critical == word).copied())
}

/// The critical word a path names, if any, preferring an unambiguous one.
fn critical_word(path: &str) -> Option<&'static str> {
    // Most paths hold no critical word even as part of a word: they need no splitting. (Only
    // ASCII is screened: a few other characters lowercase to ASCII letters.)
    if path.is_ascii() && CRITICAL_MATCHER.as_ref().is_some_and(|matcher| !matcher.is_match(path)) {
        return None;
    }
    critical_words(path).find(|word| !AMBIGUOUS_WORDS.contains(word)).or_else(|| critical_words(path).next())
}

/// Folders whose code is not a module to unit-test: browser assets (`static/`, `public/`,
/// `assets/`) and database migrations (`db_migrations/versions/`).
fn outside_unit_tests(path: &str) -> bool {
    let folders = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    folders.split('/').any(|segment| {
        let segment = segment.to_ascii_lowercase();
        matches!(segment.as_str(), "static" | "public" | "assets") || segment.ends_with("migrations")
    })
}

/// The names of several words in a text that contain a critical word, lowercased: identifiers
/// (`delete_token`, `SessionStore`) and path parts (`session-from-token`). Single words
/// (`session`) name too much to say which module a test is about.
pub(crate) fn critical_names(text: &str) -> Vec<String> {
    CRITICAL_NEEDLES.as_ref().map_or_else(Vec::new, |matcher| names_found_by(matcher, text))
}

/// [`critical_names`], with the occurrences of critical words `matcher` finds.
fn names_found_by(matcher: &AhoCorasick, text: &str) -> Vec<String> {
    let is_name_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let bytes = text.as_bytes();
    let mut names: Vec<String> = Vec::new();
    // Only the tokens a critical word occurs in are looked at: found in one pass over the text,
    // each widened to the token around it (critical words are made of name bytes only).
    let mut done_until = 0;
    for found in matcher.find_iter(text) {
        if found.start() < done_until {
            continue;
        }
        let start = bytes[..found.start()].iter().rposition(|&b| !is_name_byte(b)).map_or(0, |i| i + 1);
        let end = bytes[found.end()..].iter().position(|&b| !is_name_byte(b)).map_or(bytes.len(), |i| found.end() + i);
        done_until = end;
        let token = &text[start..end];
        if !(4..=80).contains(&token.len()) {
            continue;
        }
        let words = split_words(token);
        if words.len() > 1 && words.iter().any(|word| CRITICAL_WORDS.contains(&word.as_str())) {
            names.push(token.to_ascii_lowercase());
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Finds in a text every name [`critical_names`] keeps, faster than [`CRITICAL_MATCHER`]: a
/// critical word that is a word of a name is written in lower case, capitalised or in upper case
/// (any other case splits it into other words: `sessioN` is `sessio n`), and each such word holds
/// one of the critical words that hold no other (`auth` is in `oauth` and `authn`, `token` in
/// `tokens`), so those few words in their three cases find the same names. Matched case-sensitively,
/// they let the search skip ahead with a vectorised prefilter instead of running an automaton over
/// every byte of a test file.
static CRITICAL_NEEDLES: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let shortest =
        CRITICAL_WORDS.iter().filter(|word| !CRITICAL_WORDS.iter().any(|other| other != *word && word.contains(other)));
    let needles = shortest.flat_map(|word| {
        let capitalised = word[..1].to_ascii_uppercase() + &word[1..];
        [word.to_string(), capitalised, word.to_ascii_uppercase()]
    });
    // Leftmost-first: the vectorised (Teddy) prefilter serves no other match kind, and no more
    // than 64 needles (here 14 words in three cases).
    AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(needles).ok()
});

/// Finds the critical words in a name or a text, in any case.
static CRITICAL_MATCHER: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::builder().ascii_case_insensitive(true).build(CRITICAL_WORDS).ok());

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
        let packages = model.registry_packages();
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
                let ambiguous = AMBIGUOUS_WORDS.contains(&word);
                if outside_unit_tests(&file.path)
                    || (ambiguous && !file.security_terms && !corroborated_by_path(&file.path))
                {
                    continue;
                }
                let module = stem(&file.path).to_ascii_lowercase();
                if matches!(module.as_str(), "index" | "__init__" | "mod" | "types" | "constants") {
                    continue;
                }
                if scopes
                    .as_ref()
                    .is_some_and(|scopes| !scopes.iter().any(|scope| scope.is_empty() || under(&file.path, scope)))
                {
                    continue;
                }
                let named = tests.iter().any(|test| named_by_test_file(test, &module))
                    || read_tests.iter().any(|&t| files[t].critical_names.binary_search(&module).is_ok());
                let imported = read_tests.iter().any(|&t| model.imports_of(t).any(|target| target.path == file.path));
                // Only Rust keeps unit tests inside the module (`def test_connection` in a Python
                // backend or an `assert()` in JavaScript is no test).
                let inline = file.language == Language::Rust && declares_tests(file);
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
                ("src/routing/session-key.ts", "export const key = () => 1;"),
                ("src/routing/session-key.test.ts", "test('k', () => {});"),
            ]),
            // Imported by a test.
            Case::project([
                ("lib/auth.ts", "export const check = () => true;"),
                ("lib/__tests__/middleware.test.ts", "import { check } from '../auth';\ntest('c', () => check());"),
            ]),
            Case::project([
                ("app/payments.py", "def charge():\n    return 1\n"),
                ("tests/test_payments.py", "def test_charge():\n    pass\n"),
            ]),
            Case::project([
                ("internal/auth/token.go", "package auth\nfunc Sign() string { return \"\" }\n"),
                ("internal/auth/sign_test.go", "package auth\nimport \"testing\"\nfunc TestSign(t *testing.T) {}\n"),
            ]),
            Case::project([(
                "src/crypto.rs",
                "pub fn seal() -> u8 { 1 }\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n",
            )]),
            // Named in a test's text: pict-rs `tests/basic.rs` deletes by `delete_token`.
            Case::project([
                (
                    "src/repo/delete_token.rs",
                    "impl Item for DeleteToken {\n    fn parse(b: &[u8]) -> Self { todo(b) }\n}\n",
                ),
                ("tests/basic.rs", "#[tokio::test]\nasync fn delete() {\n    let delete_token = upload().await;\n}\n"),
            ]),
            // The package's own test folder, or one that mirrors it (label-studio).
            Case::project([
                ("app/projects/permissions.py", "def allowed(user):\n    return user.is_staff\n"),
                ("app/projects/tests/test_api.py", "def test_list():\n    pass\n"),
            ]),
            Case::project([
                (
                    "label_studio/jwt_auth/serializers.py",
                    "class S:\n    def validate(self, data):\n        return data\n",
                ),
                ("label_studio/tests/jwt_auth/test_views.py", "def test_token():\n    pass\n"),
            ]),
            // Not critical by name.
            Case::project([
                ("src/format.ts", "export const f = () => 1;"),
                ("src/other.test.ts", "test('x', () => {});"),
            ]),
            // Declarations only: types, constants, URL tables, settings, classes of fields.
            Case::project([
                (
                    "src/auth/roles.ts",
                    "export interface Session { id: string }\nexport const ROLES = ['admin'] as const;",
                ),
                ("app/auth/urls.py", "from django.urls import path\nurlpatterns = [path('login/', views.login)]\n"),
                ("app/auth/apps.py", "class AuthConfig(AppConfig):\n    name = 'auth'\n"),
                (
                    "app/auth/base.py",
                    "class Backend:\n    def authenticate(self, request):\n        raise NotImplementedError\n",
                ),
                ("src/other.test.ts", "test('x', () => {});"),
            ]),
            // No tests at all: that is `no-tests`.
            Case::project([("src/auth.ts", "export const a = () => 1;")]),
            // Fixtures in a test folder are no tests either (the Ghost npm package).
            Case::project([
                ("core/server/services/auth/session.js", "module.exports = function load() { return 1; };"),
                ("core/server/data/schema/fixtures/index.js", "module.exports = require('./fixtures.json');"),
            ]),
            // A framework's `test` package, imported by the library (Django's `django/test/`).
            Case::project([
                ("django/contrib/auth/hashers.py", "def make_password(p):\n    return p\n"),
                ("django/test/utils.py", "def test_client():\n    return 1\n"),
                ("django/test/testcases.py", "class _Ctx:\n    def test(self):\n        return 1\n"),
                ("django/core/handlers.py", "from django.test import utils\n"),
            ]),
            // A wheel that ships the tests of one sub-package says nothing of the rest (mlflow).
            Case::project([
                ("mlflow/assistant/skills/tests/verifiers/test_artifact.py", "def test_empty():\n    pass\n"),
                ("mlflow/server/auth/permissions.py", "def can_read(user):\n    return True\n"),
                ("mlflow-3.18.0.dist-info/WHEEL", "Wheel-Version: 1.0\n"),
            ]),
            // Ambiguous words without security handling: chat sessions, LLM tokens (mlflow).
            Case::project([
                ("mlflow/genai/evaluation/session_utils.py", "def group_by_session(traces):\n    return traces\n"),
                ("mlflow/tracing/utils/token.py", "def count_tokens(text):\n    return len(text.split())\n"),
                ("src/routing/router.ts", "export function route(url) { return url.split('/'); }"),
                ("tests/test_other.py", "def test_x():\n    pass\n"),
            ]),
            // Browser assets and database migrations are not modules to unit-test.
            Case::project([
                (
                    "django/contrib/admin/static/admin/js/unusable_password_field.js",
                    "document.addEventListener('change', () => { toggle(); });",
                ),
                (
                    "mlflow/store/db_migrations/versions/1bd4_add_secrets_tables.py",
                    "def upgrade():\n    op.create_table('secrets')\n",
                ),
                ("tests/test_other.py", "def test_x():\n    pass\n"),
            ]),
        ];
        let fail = [
            Case::project([
                ("src/routing/bindings.ts", "export function bind(peer) { return peer.authorized; }"),
                ("src/format.test.ts", "test('x', () => {});"),
            ]),
            Case::project([
                ("lib/crypto/encryption.ts", "export const seal = () => 1;"),
                ("lib/__tests__/logger.test.ts", "import { log } from '../logger';\ntest('l', () => log());"),
                ("lib/logger.ts", "export const log = 1;"),
            ]),
            Case::project([
                ("api/middleware/auth.py", "def check(user):\n    return user.is_admin\n"),
                ("tests/test_events.py", "def test_e():\n    pass\n"),
            ]),
            // A test that names a single word (`session`) does not name `session.py`.
            Case::project([
                ("app/session.py", "def load(key):\n    return None if expired(key) else store[key]\n"),
                ("tests/test_login.py", "def test_login(session):\n    assert session\n"),
            ]),
            // A wheel whose package ships its tests is judged inside that package.
            Case::project([
                (
                    "label_studio/core/api_permissions.py",
                    "class P:\n    def has_permission(self, r):\n        return r.user.ok\n",
                ),
                ("label_studio/tests/test_tasks.py", "def test_next():\n    pass\n"),
                ("label_studio-1.23.2.dist-info/WHEEL", "Wheel-Version: 1.0\n"),
            ]),
            // A Python method named `test_*` or a JavaScript `assert()` in the module is no test.
            Case::project([
                ("app/auth/backend.py", "class Backend:\n    def test_connection(self):\n        return self.ping()\n"),
                ("lib/crypto.js", "const assert = require('assert');\nexports.seal = (k) => { assert(k); return k; };"),
                ("tests/test_other.py", "def test_x():\n    pass\n"),
            ]),
            // The path names a key: `src/routing/session-key.ts`.
            Case::project([
                ("src/routing/session-key.ts", "export function resolve(m) { return `${m.channel}:${m.peer}`; }"),
                ("src/format.test.ts", "test('x', () => {});"),
            ]),
            // Relay sessions joined by random keys (syncthing `cmd/strelaysrv/session.go`).
            Case::project([
                (
                    "cmd/strelaysrv/session.go",
                    "package main\nimport \"crypto/rand\"\nfunc newSession() []byte {\n\tkey := make([]byte, 32)\n\trand.Read(key)\n\treturn key\n}\n",
                ),
                ("lib/model/model_test.go", "package model\nimport \"testing\"\nfunc TestModel(t *testing.T) {}\n"),
            ]),
        ];
        Tester::new::<UntestedCriticalModule>(pass, fail).test_and_snapshot();
    }

    #[test]
    fn the_cased_needles_find_the_names_a_search_in_any_case_finds() {
        let text = "OAuthToken oauth_client OAUTH_KEY sessioN SESSIONs Session_key x-AUTH-y getAuthz \
                    passwords_db TOKENS_DIR billingAPI aUTH_cache Encryption2Key rbac-rules XMLSession \
                    jwtDecode AclList token session auth-flow crypto_box CRYPTO ToKeN_store \
                    PaymentIntent routingTable permissionsFor SECRET_KEY_BASE";
        let any_case = super::CRITICAL_MATCHER.as_ref().expect("the critical words compile");
        let cased = super::CRITICAL_NEEDLES.as_ref().expect("the cased needles compile");
        let expected = super::names_found_by(any_case, text);
        assert_eq!(super::names_found_by(cased, text), expected);
        assert!(expected.contains(&"oauthtoken".to_string()) && expected.contains(&"xmlsession".to_string()));
        assert!(!expected.contains(&"session".to_string()), "a single word names too much");
    }
}
