use shipready_lang::{FileRole, Language};

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::{Evidence, Project, ProjectModel};
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

/// Whether the walk saw any test file for the project: test files by name or folder (read or
/// not, in any language), or Rust sources with inline unit tests.
pub(super) fn has_tests(model: &ProjectModel, project: &Project) -> bool {
    let named = model.inventory().iter().filter(|path| under(path, &project.folder)).any(|path| {
        let name = path.rsplit('/').next().unwrap_or(path);
        Language::from_file_name(name).is_some_and(|language| {
            language.is_code() && shipready_lang::classify::role_from_path(path, language) == FileRole::Test
        })
    });
    named || project.files.iter().any(|&index| model.files()[index].evidence.contains(Evidence::INLINE_TESTS))
}

impl Rule for NoTests {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        for project in model.projects() {
            if !has_tests(model, project) {
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
