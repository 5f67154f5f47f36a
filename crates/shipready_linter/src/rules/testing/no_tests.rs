use shipready_lang::{FileRole, Language};

use crate::context::ProjectContext;
use crate::declare_rule;
use rustc_hash::FxHashSet;

use crate::project::{Evidence, FileFacts, Project, ProjectModel, in_registry_package};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds projects (a folder with its own manifest, or the repository) that have source code
    /// and no tests at all: no `*.test.ts`, `*.spec.js`, `test_*.py`, `*_test.go` or `tests/`
    /// file that declares test cases or assertions (`it(…)`, `test(…)`, `expect(…)`,
    /// `def test_…`, `func TestX`), and no Rust `#[test]` in the sources. Fixtures, factories,
    /// `conftest.py`, Go helpers in `_test.go` files and test-named modules that the code
    /// itself imports (a framework's `test/` package) are not tests.
    ///
    /// Unpacked registry packages are left alone: a wheel (`*.dist-info/WHEEL`), a crate
    /// (`Cargo.toml.orig`) or an npm tarball (`package/package.json`) ships without its tests
    /// by design.
    ///
    /// ## Why is this bad?
    /// Without tests, every change is verified by hand or by users, refactoring is a gamble,
    /// and nothing tells a deploy that it broke the service.
    ///
    /// ## Example
    /// A Python service with `api/`, `services/` and `workflows/` and no test file anywhere.
    ///
    /// ## Use instead
    /// Start with tests for the critical paths (authentication, payments, the main API
    /// endpoints) and run them in CI.
    pub(crate) struct NoTests {
        id: "no-tests",
        area: Testing,
        severity: Critical,
        since: "0.1.0",
        title: "Project with no tests at all",
        rationale: "Without tests nothing verifies a change before it reaches users.",
        fix: "Add tests for the critical paths and run them in CI.",
    }
}

/// Whether a path is inside `folder` (`""` is the root, which holds everything).
pub(super) fn under(path: &str, folder: &str) -> bool {
    folder.is_empty() || path.strip_prefix(folder).is_some_and(|rest| rest.starts_with('/'))
}

/// Whether a path names a test file of a code language (`auth.test.ts`, `tests/test_a.py`,
/// `main_test.go`, `tests/basic.rs`), whether or not the walk read it.
pub(super) fn is_test_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    Language::from_file_name(name).is_some_and(|language| {
        language.is_code() && shipready_lang::classify::role_from_path(path, language) == FileRole::Test
    })
}

/// The facts of a file the walk read, by path.
pub(super) fn facts_of<'m>(model: &'m ProjectModel, path: &str) -> Option<(usize, &'m FileFacts)> {
    let files = model.files();
    files.binary_search_by(|file| file.path.as_str().cmp(path)).ok().map(|index| (index, &files[index]))
}

/// The test files of the tree that hold tests: named or placed as tests, declaring test cases
/// or assertions, and not imported by non-test code. Fixtures, factories, `conftest.py` and a
/// framework's own `test/` package (`django/test/`) are not tests. A test file the walk could
/// not read (too large, a syntax error) still counts by its name.
pub(super) fn real_tests(model: &ProjectModel) -> Vec<&str> {
    let mut imported_by_code = FxHashSet::default();
    for (index, file) in model.files().iter().enumerate() {
        if file.role != FileRole::Test {
            imported_by_code.extend(model.imports_of(index).map(|target| target.path.as_str()));
        }
    }
    model
        .inventory()
        .iter()
        .map(String::as_str)
        .filter(|path| is_test_path(path) && runner_collects(path))
        .filter(|path| match facts_of(model, path) {
            None => true,
            Some((_, file)) => declares_tests(file) && !imported_by_code.contains(path),
        })
        .collect()
}

/// Whether the language's test runner would run a test file at all: Python runners collect
/// `test*.py` and `*_test.py` (not `django/test/runner.py`), Go compiles only `*_test.go` as
/// tests; JavaScript runners take whole test folders, and Rust marks its tests inside the file.
fn runner_collects(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    if let Some(stem) = name.strip_suffix(".py") {
        stem.starts_with("test") || stem.ends_with("_test") || stem.ends_with("_tests")
    } else if name.ends_with(".go") {
        name.ends_with("_test.go")
    } else {
        true
    }
}

/// Whether a file declares test cases (Rust: `#[test]` functions, found by text as well).
pub(super) fn declares_tests(file: &FileFacts) -> bool {
    file.test_cases || (file.language == Language::Rust && file.evidence.contains(Evidence::INLINE_TESTS))
}

/// Whether the project has tests: a real test file (see [`real_tests`]) in its folder, or Rust
/// sources with inline unit tests.
pub(super) fn has_tests(model: &ProjectModel, project: &Project, tests: &[&str]) -> bool {
    tests.iter().any(|path| under(path, &project.folder))
        || project.files.iter().any(|&index| {
            let file = &model.files()[index];
            file.language == Language::Rust && declares_tests(file)
        })
}

impl Rule for NoTests {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        let tests = real_tests(model);
        let packages = model.registry_packages();
        for project in model.projects() {
            if !has_tests(model, project, &tests) && !in_registry_package(&packages, &project.folder) {
                ctx.report(project, format!("{} has source code but no tests", project.named("Project")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoTests;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            Case::project([("src/auth.ts", "export const a = 1;"), ("src/auth.test.ts", "test('a', () => {});")]),
            Case::project([("app/main.py", "x = 1\n"), ("tests/test_main.py", "def test_x():\n    pass\n")]),
            Case::project([
                ("main.go", "package main\nfunc main() {}\n"),
                ("main_test.go", "package main\nimport \"testing\"\nfunc TestMain(t *testing.T) {}\n"),
            ]),
            Case::project([(
                "src/lib.rs",
                "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n",
            )]),
            Case::project([("src/lib.rs", "pub fn f() {}\n"), ("tests/api.rs", "#[tokio::test]\nasync fn t() {}\n")]),
            // A test script with plain assertions.
            Case::project([("index.js", "module.exports = 1;"), ("test/index.js", "assert.equal(require('..'), 1);")]),
            // Unittest classes.
            Case::project([
                ("app/views.py", "def view():\n    return 1\n"),
                ("app/tests.py", "class ViewTests(TestCase):\n    def test_view(self):\n        pass\n"),
            ]),
            // Only configuration: nothing to test.
            Case::project([("deploy/app.yaml", "kind: Service\n")]),
            // Unpacked registry packages ship without their tests: a wheel, a crate, an npm tarball.
            Case::project([
                ("open_webui/main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
                ("open_webui/utils/auth.py", "def check():\n    return True\n"),
                ("open_webui-0.12.4.dist-info/WHEEL", "Wheel-Version: 1.0\n"),
            ]),
            Case::project([
                ("pict-rs-0.5.25/Cargo.toml", "[package]\nname = \"pict-rs\"\n"),
                ("pict-rs-0.5.25/Cargo.toml.orig", "[package]\nname = \"pict-rs\"\n"),
                ("pict-rs-0.5.25/src/main.rs", "fn main() {}\n"),
                ("pict-rs-0.5.25/client-examples/javascript/package.json", r#"{ "name": "client" }"#),
                ("pict-rs-0.5.25/client-examples/javascript/client.js", "fetch('/image');\n"),
            ]),
            Case::project([
                ("package/package.json", r#"{ "name": "express" }"#),
                ("package/lib/router.js", "module.exports = function route() { return 1; };"),
                ("package/content/themes/casper/package.json", r#"{ "name": "casper" }"#),
                ("package/content/themes/casper/assets/js/main.js", "document.body.onload = () => 1;"),
            ]),
        ];
        let fail = [
            Case::project([
                ("requirements.txt", "fastapi==0.115.0\n"),
                ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
                ("services/notify.py", "def notify():\n    pass\n"),
            ]),
            Case::project([("src/index.ts", "export const a = 1;"), ("package.json", r#"{ "name": "x" }"#)]),
            // A tests folder of fixtures and factories holds no tests.
            Case::project([
                ("app/main.py", "def run():\n    return 1\n"),
                ("tests/conftest.py", "import pytest\n@pytest.fixture\ndef client():\n    return 1\n"),
                ("tests/factories.py", "class UserFactory:\n    pass\n"),
                ("test/fixtures/users.js", "module.exports = [{ name: 'a' }];"),
            ]),
            // A framework's own `test` package: helpers that the library imports, and a
            // `test()` method of a class that is not a test case.
            Case::project([
                ("fw/__init__.py", "from fw.test import utils\n"),
                ("fw/test/utils.py", "def test_client():\n    return 1\n"),
                ("fw/test/testcases.py", "class _Context:\n    def test(self):\n        return 1\n"),
                ("fw/test/runner.py", "def test_match_tags(test, tags):\n    return 1\n"),
            ]),
            // Go helpers in a `_test.go` file, and Go files in a test folder, are not tests.
            Case::project([
                ("main.go", "package main\nfunc main() {}\n"),
                ("helpers_test.go", "package main\nfunc newFixture() int { return 1 }\n"),
                ("test/util.go", "package test\nfunc TestLike() {}\n"),
            ]),
            // A repository named `package` without the npm tarball's manifest is no package.
            Case::project([("package/lib/index.js", "module.exports = () => 1;")]),
        ];
        Tester::new::<NoTests>(pass, fail).test_and_snapshot();
    }
}
