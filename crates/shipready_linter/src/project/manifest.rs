//! Package manifests: which dependencies a project declares, and whether it is an application.
//!
//! Each manifest is read by the normal scan (once) and parsed here with a real parser: JSON with
//! `jsonc-parser`, TOML with `toml`; `requirements.txt` and `go.mod` are line-oriented formats
//! whose grammar is one requirement or directive per line.

use shipready_lang::json::{self, ast::Value};

/// The ecosystem a manifest belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum ManifestKind {
    /// `package.json`
    Npm,
    /// `pyproject.toml`, `requirements*.txt`, `Pipfile`, `setup.py`
    Python,
    /// `Cargo.toml`
    Cargo,
    /// `go.mod`
    Go,
}

impl ManifestKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            ManifestKind::Npm => "npm",
            ManifestKind::Python => "Python",
            ManifestKind::Cargo => "Cargo",
            ManifestKind::Go => "Go",
        }
    }
}

/// What a manifest declares.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub kind: Option<ManifestKind>,
    /// Declared dependency names, normalised: npm names as written, Python names lowercased
    /// with `_` as `-`, crate names, Go module paths.
    pub dependencies: Vec<String>,
    /// Whether the manifest describes something that is deployed rather than published as a
    /// library: a private npm package or one with a `start` script, a Cargo `[[bin]]`, Python
    /// scripts/entry points. Folder layout (`src/main.rs`) is judged by the project model.
    pub application: bool,
    /// Whether it only groups other packages (npm `workspaces`, Cargo `[workspace]`).
    pub workspace_root: bool,
    /// For `requirements*.txt`: whether every requirement is pinned with `==`.
    pub pinned: bool,
}

/// The manifest kind a file name marks, if any.
pub fn manifest_kind(file_name: &str) -> Option<ManifestKind> {
    let lower = file_name.to_ascii_lowercase();
    match lower.as_str() {
        "package.json" => Some(ManifestKind::Npm),
        "pyproject.toml" | "pipfile" | "setup.py" | "setup.cfg" => Some(ManifestKind::Python),
        "cargo.toml" => Some(ManifestKind::Cargo),
        "go.mod" => Some(ManifestKind::Go),
        _ if lower.ends_with(".txt") && lower.starts_with("requirements") => Some(ManifestKind::Python),
        _ => None,
    }
}

/// Parses a manifest's text. Unparseable manifests give an empty manifest of their kind: the
/// folder is still a project, but nothing is known of its dependencies.
pub fn parse(file_name: &str, text: &str) -> Option<Manifest> {
    let kind = manifest_kind(file_name)?;
    let lower = file_name.to_ascii_lowercase();
    let mut manifest = match lower.as_str() {
        "package.json" => npm(text),
        "pyproject.toml" => pyproject(text),
        "pipfile" => pipfile(text),
        "cargo.toml" => cargo(text),
        "go.mod" => go_mod(text),
        "setup.py" | "setup.cfg" => Manifest::default(),
        _ => requirements(text),
    };
    manifest.kind = Some(kind);
    Some(manifest)
}

fn npm(text: &str) -> Manifest {
    let mut manifest = Manifest::default();
    let Ok(Some(Value::Object(root))) = json::parse(text) else { return manifest };
    for section in ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] {
        if let Some(deps) = json::object(&root, section) {
            manifest.dependencies.extend(deps.properties.iter().map(|p| p.name.as_str().to_string()));
        }
    }
    let private = json::property(&root, "private").is_some_and(|p| matches!(&p.value, Value::BooleanLit(b) if b.value));
    let start_script = json::object(&root, "scripts").is_some_and(|scripts| json::property(scripts, "start").is_some());
    manifest.application = private || start_script;
    manifest.workspace_root = json::property(&root, "workspaces").is_some();
    manifest
}

fn toml_table(text: &str) -> Option<toml::Table> {
    text.parse::<toml::Table>().ok()
}

fn pyproject(text: &str) -> Manifest {
    let mut manifest = Manifest::default();
    let Some(root) = toml_table(text) else { return manifest };
    let project = root.get("project").and_then(toml::Value::as_table);
    if let Some(deps) = project.and_then(|p| p.get("dependencies")).and_then(toml::Value::as_array) {
        manifest.dependencies.extend(deps.iter().filter_map(toml::Value::as_str).filter_map(requirement_name));
    }
    if let Some(groups) = project.and_then(|p| p.get("optional-dependencies")).and_then(toml::Value::as_table) {
        for group in groups.values().filter_map(toml::Value::as_array) {
            manifest.dependencies.extend(group.iter().filter_map(toml::Value::as_str).filter_map(requirement_name));
        }
    }
    let poetry = root.get("tool").and_then(|t| t.get("poetry")).and_then(toml::Value::as_table);
    if let Some(poetry) = poetry {
        for section in ["dependencies", "dev-dependencies"] {
            if let Some(deps) = poetry.get(section).and_then(toml::Value::as_table) {
                manifest.dependencies.extend(deps.keys().map(|k| normalize_python(k)));
            }
        }
        if let Some(groups) = poetry.get("group").and_then(toml::Value::as_table) {
            for group in groups.values() {
                if let Some(deps) = group.get("dependencies").and_then(toml::Value::as_table) {
                    manifest.dependencies.extend(deps.keys().map(|k| normalize_python(k)));
                }
            }
        }
    }
    manifest.application =
        project.is_some_and(|p| p.contains_key("scripts")) || poetry.is_some_and(|p| p.contains_key("scripts"));
    manifest
}

fn pipfile(text: &str) -> Manifest {
    let mut manifest = Manifest::default();
    let Some(root) = toml_table(text) else { return manifest };
    for section in ["packages", "dev-packages"] {
        if let Some(deps) = root.get(section).and_then(toml::Value::as_table) {
            manifest.dependencies.extend(deps.keys().map(|k| normalize_python(k)));
        }
    }
    manifest.application = true;
    manifest
}

fn cargo(text: &str) -> Manifest {
    let mut manifest = Manifest::default();
    let Some(root) = toml_table(text) else { return manifest };
    for section in ["dependencies", "dev-dependencies", "build-dependencies"] {
        if let Some(deps) = root.get(section).and_then(toml::Value::as_table) {
            manifest.dependencies.extend(deps.keys().cloned());
        }
    }
    if let Some(deps) = root.get("workspace").and_then(|w| w.get("dependencies")).and_then(toml::Value::as_table) {
        manifest.dependencies.extend(deps.keys().cloned());
    }
    manifest.application = root.contains_key("bin");
    manifest.workspace_root = root.contains_key("workspace") && !root.contains_key("package");
    manifest
}

/// `require` directives of a `go.mod`, in their single-line and block forms.
fn go_mod(text: &str) -> Manifest {
    let mut manifest = Manifest { application: true, ..Manifest::default() };
    let mut in_block = false;
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or_default().trim();
        if in_block {
            if line == ")" {
                in_block = false;
            } else if let Some(module) = line.split_whitespace().next() {
                manifest.dependencies.push(module.to_string());
            }
        } else if let Some(rest) = line.strip_prefix("require") {
            let rest = rest.trim();
            if rest == "(" {
                in_block = true;
            } else if let Some(module) = rest.split_whitespace().next() {
                manifest.dependencies.push(module.to_string());
            }
        }
    }
    manifest
}

/// `requirements.txt`: one requirement per line, `#` comments, `-r`/`-c`/`--` options.
fn requirements(text: &str) -> Manifest {
    let mut manifest = Manifest { application: true, ..Manifest::default() };
    let mut all_pinned = true;
    for line in text.lines() {
        let line = line.split(" #").next().unwrap_or_default().trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('-') {
            continue;
        }
        if let Some(name) = requirement_name(line) {
            all_pinned &= line.contains("==") || line.contains(" @ ") || line.contains("--hash");
            manifest.dependencies.push(name);
        }
    }
    manifest.pinned = all_pinned && !manifest.dependencies.is_empty();
    manifest
}

/// The distribution name of a PEP 508 requirement (`fastapi[all]>=0.100; python_version>"3.8"`).
fn requirement_name(requirement: &str) -> Option<String> {
    let end = requirement
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(requirement.len());
    let name = &requirement[..end];
    (!name.is_empty()).then(|| normalize_python(name))
}

/// PEP 503 normalisation: lowercase, runs of `-`, `_` and `.` as one `-`.
fn normalize_python(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_json() {
        let text = r#"{ "name": "api", "private": true, "dependencies": { "express": "^4" },
            "devDependencies": { "vitest": "1" }, "scripts": { "start": "node ." } }"#;
        let manifest = parse("package.json", text).unwrap_or_default();
        assert_eq!(manifest.dependencies, ["express", "vitest"]);
        assert!(manifest.application && !manifest.workspace_root);
        let library = parse("package.json", r#"{ "name": "lib", "dependencies": {} }"#).unwrap_or_default();
        assert!(!library.application);
    }

    #[test]
    fn python_manifests() {
        let pyproject = "[project]\nname='x'\ndependencies = ['FastAPI[all]>=0.110', 'prometheus_client']\n";
        assert_eq!(
            parse("pyproject.toml", pyproject).unwrap_or_default().dependencies,
            ["fastapi", "prometheus-client"]
        );
        let poetry = "[tool.poetry.dependencies]\npython = '^3.11'\nFlask = '*'\n";
        assert!(parse("pyproject.toml", poetry).unwrap_or_default().dependencies.contains(&"flask".to_string()));
        let requirements =
            parse("requirements.txt", "# api\nfastapi==0.115.6\nuvicorn==0.32.1  # server\n-r base.txt\n")
                .unwrap_or_default();
        assert_eq!(requirements.dependencies, ["fastapi", "uvicorn"]);
        assert!(requirements.pinned);
        assert!(!parse("requirements.txt", "fastapi>=0.1\n").unwrap_or_default().pinned);
    }

    #[test]
    fn cargo_and_go() {
        let cargo =
            "[package]\nname='svc'\n[dependencies]\naxum = '0.7'\ntokio = { version = '1' }\n[[bin]]\nname='svc'\n";
        let manifest = parse("Cargo.toml", cargo).unwrap_or_default();
        assert_eq!(manifest.dependencies, ["axum", "tokio"]);
        assert!(manifest.application);
        let go = "module example.com/svc\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgithub.com/prometheus/client_golang v1.19.0 // indirect\n)\nrequire golang.org/x/time v0.5.0\n";
        assert_eq!(
            parse("go.mod", go).unwrap_or_default().dependencies,
            ["github.com/gin-gonic/gin", "github.com/prometheus/client_golang", "golang.org/x/time"]
        );
    }

    #[test]
    fn broken_manifests_are_empty_not_errors() {
        let manifest = parse("package.json", "{ not json").unwrap_or_default();
        assert_eq!(manifest.kind, Some(ManifestKind::Npm));
        assert!(manifest.dependencies.is_empty());
        assert!(parse("README.md", "").is_none());
    }
}
