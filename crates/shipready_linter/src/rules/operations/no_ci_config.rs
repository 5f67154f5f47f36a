use shipready_diagnostics::Severity;
use shipready_lang::Language;

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::{ProjectModel, in_registry_package};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds repositories with source code and no CI configuration: no GitHub Actions workflow
    /// (`.github/workflows/*.yml`), `.gitlab-ci.yml`, CircleCI, Buildkite, Jenkins, Azure
    /// Pipelines, Bitbucket Pipelines, Travis, Drone, Woodpecker or Cloud Build configuration.
    ///
    /// Only reported when the scan covers a whole repository: scanning a folder inside a git
    /// repository stays silent, since its CI configuration lives above the scanned folder. An
    /// unpacked registry package (a wheel, a crate, an npm tarball) stays silent too: registries
    /// never carry a project's CI setup.
    ///
    /// ## Why is this bad?
    /// Without CI, tests and checks run only when someone remembers to run them, and nothing
    /// stops a broken commit from being deployed.
    ///
    /// ## Example
    /// A repository with a service, tests and a Dockerfile, and no workflow that runs them.
    ///
    /// ## Use instead
    /// Add a pipeline that installs, builds, tests and lints every push, e.g.
    /// `.github/workflows/ci.yml`.
    pub(crate) struct NoCiConfig {
        id: "no-ci-config",
        area: Operations,
        severity: Low,
        since: "0.1.0",
        title: "Repository without CI configuration",
        rationale: "Without CI, nothing runs the tests or blocks a broken commit before deploy.",
        fix: "Add a CI pipeline that builds, tests and lints every push.",
    }
}

fn is_ci_config(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    (lower.starts_with(".github/workflows/") && yaml)
        || lower.starts_with(".circleci/")
        || lower.starts_with(".buildkite/")
        || lower.starts_with(".woodpecker")
        || lower.starts_with(".gitlab-ci")
        || lower.starts_with(".ci/")
        || matches!(
            lower.as_str(),
            "jenkinsfile"
                | "azure-pipelines.yml"
                | "bitbucket-pipelines.yml"
                | ".travis.yml"
                | ".drone.yml"
                | "cloudbuild.yaml"
                | "cloudbuild.yml"
                | "buildspec.yml"
                | "appveyor.yml"
                | ".cirrus.yml"
        )
}

impl Rule for NoCiConfig {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        if !model.is_repository_root() || model.projects().is_empty() {
            return;
        }
        // An unpacked registry package (wheel, crate, npm tarball) never ships its CI setup.
        let packages = model.registry_packages();
        if model.projects().iter().all(|project| in_registry_package(&packages, &project.folder)) {
            return;
        }
        if !model.inventory().iter().any(|path| is_ci_config(path)) {
            ctx.report_at(".", None, Severity::Low, "Repository has no CI configuration");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoCiConfig;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            Case::project([("src/server.ts", "export const x = 1;"), (".github/workflows/ci.yml", "on: push\n")]),
            Case::project([("main.py", "x = 1\n"), (".gitlab-ci.yml", "test:\n  script: pytest\n")]),
            // Nothing to build.
            Case::project([("docs/guide.yml", "a: 1\n")]),
            // An unpacked npm tarball and an unpacked wheel ship without their CI setup.
            Case::project([
                ("package/package.json", r#"{ "name": "ws" }"#),
                ("package/lib/ws.js", "module.exports = 1;\n"),
            ]),
            Case::project([("django-5.2.dist-info/WHEEL", "Wheel-Version: 1.0\n"), ("django/http.py", "x = 1\n")]),
        ];
        let fail = [Case::project([("src/server.ts", "export const x = 1;"), ("Dockerfile", "FROM node:20\n")])];
        Tester::new::<NoCiConfig>(pass, fail).test_and_snapshot();
    }
}
