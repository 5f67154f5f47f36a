use shipready_lang::{FileRole, Language};

use crate::context::ProjectContext;
use crate::declare_rule;
use rustc_hash::FxHashSet;

use crate::project::{Evidence, FileFacts, Project, ProjectModel};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds projects (a folder with its own manifest, or the repository) that have source code
    /// and no test files at all: no `*.test.ts`, `*.spec.js`, `test_*.py`, `*_test.go`, no
    /// `tests/` or `__tests__/` folder, and no Rust `#[test]`/`#[cfg(test)]` in the sources.
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

/// Folders that are unpacked registry packages, which ship without their tests by design: a
/// wheel (beside `*.dist-info/WHEEL`), a crate (`Cargo.toml.orig`, written by `cargo package`),
/// an npm tarball (`package/package.json`).
pub(super) fn registry_packages(model: &ProjectModel) -> Vec<&str> {
    model
        .inventory()
        .iter()
        .filter_map(|path| {
            let mut segments = path.rsplit('/');
            let (name, parent) = (segments.next()?, segments.next());
            match name {
                "Cargo.toml.orig" => Some(parent_folder(path)),
                "WHEEL" if parent.is_some_and(|p| p.ends_with(".dist-info")) => Some(parent_folder(parent_folder(path))),
                "package.json" if parent == Some("package") => Some(parent_folder(path)),
                _ => None,
            }
        })
        .collect()
}

/// The folder a path is in (`""` at the root).
fn parent_folder(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// Whether a folder is, or is inside, one of the registry packages.
pub(super) fn in_registry_package(packages: &[&str], folder: &str) -> bool {
    packages.iter().any(|package| folder == *package || under(folder, package))
}

impl Rule for NoTests {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        let tests = real_tests(model);
        let packages = registry_packages(model);
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
            Case::project([("main.go", "package main\nfunc main() {}\n"), ("main_test.go", "package main\n")]),
            Case::project([(
                "src/lib.rs",
                "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n",
            )]),
            // Only configuration: nothing to test.
            Case::project([("deploy/app.yaml", "kind: Service\n")]),
        ];
        let fail = [
            Case::project([
                ("requirements.txt", "fastapi==0.115.0\n"),
                ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
                ("services/notify.py", "def notify():\n    pass\n"),
            ]),
            Case::project([("src/index.ts", "export const a = 1;"), ("package.json", r#"{ "name": "x" }"#)]),
        ];
        Tester::new::<NoTests>(pass, fail).test_and_snapshot();
    }
}
