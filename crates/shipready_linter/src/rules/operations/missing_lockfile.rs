use shipready_diagnostics::Severity;
use shipready_lang::Language;

use crate::context::ProjectContext;
use crate::declare_rule;
use crate::project::{Anchor, ManifestKind, Project, ProjectModel, in_registry_package};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds applications whose dependencies are not locked: an npm application (private, with
    /// a `start` script, or a service) without `package-lock.json`, `yarn.lock`,
    /// `pnpm-lock.yaml`, `bun.lock` or `npm-shrinkwrap.json`; a Python service or application
    /// without `poetry.lock`, `uv.lock`, `Pipfile.lock`, `pdm.lock` or fully pinned
    /// `requirements*.txt`; a Rust binary without `Cargo.lock`. Lockfiles in an ancestor folder
    /// (a workspace root) count. Libraries are not reported: they are resolved by their users,
    /// nor are unpacked registry packages (npm never publishes a lockfile).
    ///
    /// ## Why is this bad?
    /// Without a lockfile every build resolves dependency ranges afresh: two deploys of the same
    /// commit can run different code, and a compromised or broken release of any dependency
    /// ships without anyone changing a line.
    ///
    /// ## Example
    /// `package.json` with `"express": "^4.19.0"` and no lockfile committed.
    ///
    /// ## Use instead
    /// Commit the lockfile your package manager writes, and install with it (`npm ci`,
    /// `uv sync --locked`, `cargo build --locked`).
    pub(crate) struct MissingLockfile {
        id: "missing-lockfile",
        area: Operations,
        severity: Medium,
        since: "0.1.0",
        title: "Application without a dependency lockfile",
        rationale: "Without a lockfile, two builds of the same commit can ship different dependencies.",
        fix: "Commit the package manager's lockfile and install from it in CI and deploys.",
    }
}

const NPM_LOCKS: &[&str] =
    &["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"];
const PYTHON_LOCKS: &[&str] = &["poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock", "requirements.lock"];
const CARGO_LOCKS: &[&str] = &["Cargo.lock"];

/// Whether `folder` or any folder above it holds one of `names`.
fn locked(model: &ProjectModel, folder: &str, names: &[&str]) -> bool {
    let mut current = Some(folder);
    while let Some(dir) = current {
        if names
            .iter()
            .any(|name| model.has_path(&if dir.is_empty() { (*name).to_string() } else { format!("{dir}/{name}") }))
        {
            return true;
        }
        current = if dir.is_empty() { None } else { Some(dir.rsplit_once('/').map_or("", |(parent, _)| parent)) };
    }
    false
}

fn report(ctx: &mut ProjectContext, project: &Project, anchor: &Anchor, message: String) {
    ctx.report_at(project.display_folder(), Some(anchor), Severity::Medium, message);
}

impl Rule for MissingLockfile {
    const LANGUAGES: &'static [Language] = &[];
    const PROJECT_LEVEL: bool = true;

    fn check_project(&self, model: &ProjectModel, ctx: &mut ProjectContext) {
        // Registries drop lockfiles from published packages (npm always does): an unpacked
        // wheel, crate or npm tarball says nothing about how its repository pins versions.
        let packages = model.registry_packages();
        for project in model.projects() {
            if in_registry_package(&packages, &project.folder) {
                continue;
            }
            let folder = project.folder.as_str();
            for (manifest, anchor) in &project.manifests {
                let path = anchor.path.as_str();
                let application = manifest.application || project.is_service();
                match manifest.kind {
                    Some(ManifestKind::Npm)
                        if application && !manifest.workspace_root && !locked(model, folder, NPM_LOCKS) =>
                    {
                        report(
                            ctx,
                            project,
                            anchor,
                            format!("`{path}` has no lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml…)"),
                        );
                    }
                    Some(ManifestKind::Python)
                        if application
                            && !manifest.pinned
                            && !locked(model, folder, PYTHON_LOCKS)
                            && !project.manifests.iter().any(|(m, _)| m.pinned) =>
                    {
                        report(
                            ctx,
                            project,
                            anchor,
                            format!("`{path}` leaves dependency versions unlocked (no lockfile, not pinned with `==`)"),
                        );
                    }
                    Some(ManifestKind::Cargo) => {
                        let binary = manifest.application
                            || model.has_path(&if folder.is_empty() {
                                "src/main.rs".to_string()
                            } else {
                                format!("{folder}/src/main.rs")
                            });
                        if binary && !manifest.workspace_root && !locked(model, folder, CARGO_LOCKS) {
                            report(ctx, project, anchor, format!("Rust binary `{path}` has no `Cargo.lock`"));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MissingLockfile;
    use crate::tester::{Case, Tester};

    #[test]
    fn test() {
        let pass = [
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "4" } }"#),
                ("package-lock.json", "{}"),
                ("src/server.ts", "import express from 'express';\nconst app = express();"),
            ]),
            // A workspace root's lockfile covers its packages.
            Case::project([
                ("package.json", r#"{ "private": true, "workspaces": ["services/*"] }"#),
                ("pnpm-lock.yaml", "lockfileVersion: '9.0'\n"),
                ("services/api/package.json", r#"{ "private": true }"#),
                ("services/api/src/server.ts", "import express from 'express';\nconst app = express();"),
            ]),
            // Libraries are resolved by their users.
            Case::project([
                ("package.json", r#"{ "name": "lib", "dependencies": { "x": "1" } }"#),
                ("src/index.ts", "export const a = 1;"),
            ]),
            Case::project([
                ("requirements.txt", "fastapi==0.115.0\nuvicorn==0.32.1\n"),
                ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            ]),
            Case::project([
                ("pyproject.toml", "[project]\nname='svc'\ndependencies=['fastapi']\n"),
                ("uv.lock", ""),
                ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            ]),
            Case::project([
                ("Cargo.toml", "[package]\nname='svc'\n"),
                ("Cargo.lock", ""),
                ("src/main.rs", "fn main() {}\n"),
            ]),
            Case::project([("Cargo.toml", "[package]\nname='lib'\n"), ("src/lib.rs", "pub fn f() {}\n")]),
            // npm never publishes a lockfile: an unpacked tarball of an application has none.
            Case::project([
                ("package/package.json", r#"{ "name": "node-red", "scripts": { "start": "node red.js" } }"#),
                ("package/red.js", "const express = require('express');\nconst app = express();\n"),
            ]),
        ];
        let fail = [
            Case::project([
                ("package.json", r#"{ "private": true, "dependencies": { "express": "^4.19.0" } }"#),
                ("src/server.ts", "import express from 'express';\nconst app = express();"),
            ]),
            Case::project([
                ("requirements.txt", "fastapi>=0.100\n"),
                ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            ]),
            Case::project([
                ("Cargo.toml", "[package]\nname='svc'\n[dependencies]\naxum='0.7'\n"),
                ("src/main.rs", "fn main() {}\n"),
            ]),
        ];
        Tester::new::<MissingLockfile>(pass, fail).test_and_snapshot();
    }
}
