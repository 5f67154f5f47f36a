//! Which language a file is in and what role it plays, decided once per file.
//!
//! The language comes from the file name. The role comes first from the path relative to the
//! scan root (a `tests/` folder, a `*.config.js` name, a `node_modules/` ancestor) and then from
//! the content (a generated-code header, minified text). Checks declare which roles they apply
//! to, so one classification serves them all.

use std::fmt;

/// The front end that reads a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Language {
    /// `.js`, `.jsx`, `.mjs`, `.cjs`
    JavaScript,
    /// `.ts`, `.tsx`, `.mts`, `.cts`
    TypeScript,
    /// `.py`
    Python,
    /// `.rs`
    Rust,
    /// `.go`
    Go,
    /// `Dockerfile`, `Dockerfile.prod`, `api.dockerfile`, `Containerfile`
    Dockerfile,
    /// `.yml`, `.yaml` (Compose files, Kubernetes manifests, CI workflows…)
    Yaml,
    /// `.json`, `.jsonc` (`package.json`, `tsconfig.json`…)
    Json,
    /// `.html`, `.htm` (pages and templates)
    Html,
    /// Other text read only for text-level checks (`.env`, TOML, INI, PEM, shell…).
    Text,
}

impl Language {
    pub const ALL: [Language; 10] = [
        Language::TypeScript,
        Language::JavaScript,
        Language::Python,
        Language::Rust,
        Language::Go,
        Language::Dockerfile,
        Language::Yaml,
        Language::Json,
        Language::Html,
        Language::Text,
    ];

    /// The short name `CHECKS.md` uses: `ts`, `js`, `py`, `text`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::JavaScript => "js",
            Language::TypeScript => "ts",
            Language::Python => "py",
            Language::Rust => "rs",
            Language::Go => "go",
            Language::Dockerfile => "dockerfile",
            Language::Yaml => "yaml",
            Language::Json => "json",
            Language::Html => "html",
            Language::Text => "text",
        }
    }

    /// Whether files in this language are program code (functions, imports, a module graph),
    /// as opposed to configuration and other text.
    pub const fn is_code(self) -> bool {
        matches!(self, Language::JavaScript | Language::TypeScript | Language::Python | Language::Rust | Language::Go)
    }

    /// The language of a file, from its name alone; `None` for files shipready does not read.
    pub fn from_file_name(name: &str) -> Option<Language> {
        let lower = name.to_ascii_lowercase();
        if is_env_file(&lower) {
            return Some(Language::Text);
        }
        // Manifests read for the project model.
        if matches!(lower.as_str(), "go.mod" | "pipfile")
            || (lower.ends_with(".txt") && (lower.starts_with("requirements") || lower.contains("requirements")))
        {
            return Some(Language::Text);
        }
        if lower == "dockerfile"
            || lower == "containerfile"
            || lower.starts_with("dockerfile.")
            || lower.ends_with(".dockerfile")
            || lower.ends_with(".containerfile")
            || is_suffixed_dockerfile_name(&lower)
        {
            return Some(Language::Dockerfile);
        }
        let ext = lower.rsplit_once('.').map(|(_, ext)| ext)?;
        match ext {
            "js" | "jsx" | "mjs" | "cjs" => Some(Language::JavaScript),
            "ts" | "tsx" | "mts" | "cts" => Some(Language::TypeScript),
            "py" => Some(Language::Python),
            "rs" => Some(Language::Rust),
            "go" => Some(Language::Go),
            "yml" | "yaml" => Some(Language::Yaml),
            "json" | "jsonc" => Some(Language::Json),
            "html" | "htm" => Some(Language::Html),
            "toml" | "ini" | "cfg" | "conf" | "properties" | "pem" | "key" | "tf" | "tfvars" | "sh" | "bash"
            | "zsh" | "npmrc" | "pypirc" => Some(Language::Text),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `.env`, `.env.local`, `.env.production`, `prod.env`…
fn is_env_file(lower_name: &str) -> bool {
    lower_name == ".env" || lower_name.starts_with(".env.") || lower_name.ends_with(".env")
}

/// Whether a `.env`-style file is a template meant to be committed (`.env.example`).
pub fn is_env_template(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["example", "sample", "template", "dist", "defaults", "schema"].iter().any(|word| lower.contains(word))
}

/// Whether a file name is a `.env`-style file (`.env`, `.env.production`, `app.env`).
pub fn is_env_file_name(name: &str) -> bool {
    is_env_file(&name.to_ascii_lowercase())
}

/// What a file is for. Checks apply to the roles they declare; most apply only to `Source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum FileRole {
    /// Application or library code that ships.
    Source,
    /// Tests, test helpers, fixtures and mocks.
    Test,
    /// Scripts, CLIs and build tooling (`scripts/`, `bin/`, `manage.py`).
    Script,
    /// Tool configuration (`*.config.js`, `.env`, YAML/JSON/TOML).
    Config,
    /// Documentation, examples, samples and demos.
    Example,
    /// Third-party code checked into the tree (`node_modules/`, `vendor/`).
    Vendored,
    /// Code written by a generator (`@generated`, `DO NOT EDIT`, `dist/`).
    Generated,
    /// Minified code (`*.min.js`, very long lines).
    Minified,
}

impl FileRole {
    pub const fn as_str(self) -> &'static str {
        match self {
            FileRole::Source => "source",
            FileRole::Test => "test",
            FileRole::Script => "script",
            FileRole::Config => "config",
            FileRole::Example => "example",
            FileRole::Vendored => "vendored",
            FileRole::Generated => "generated",
            FileRole::Minified => "minified",
        }
    }
}

impl fmt::Display for FileRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const VENDORED_DIRS: &[&str] = &[
    "node_modules",
    "bower_components",
    "jspm_packages",
    "vendor",
    "vendors",
    "third_party",
    "third-party",
    "thirdparty",
    "site-packages",
    "dist-packages",
    "venv",
    "virtualenv",
];
const GENERATED_DIRS: &[&str] = &[
    "dist",
    "build",
    "built",
    "static_build",
    "staticfiles",
    "immutable",
    "__generated__",
    "generated",
    "coverage",
    "htmlcov",
];
const TEST_DIRS: &[&str] = &[
    "test",
    "tests",
    "__tests__",
    "__test__",
    "spec",
    "specs",
    "__mocks__",
    "mocks",
    "fixtures",
    "fixture",
    "__fixtures__",
    "testdata",
    "test-data",
    "test_data",
    "testing",
    "e2e",
    "cypress",
    "playwright",
];
const EXAMPLE_DIRS: &[&str] = &[
    "examples",
    "example",
    "samples",
    "sample",
    "demo",
    "demos",
    "docs",
    "doc",
    "documentation",
    "docs_src",
    "stories",
    "storybook",
    "playground",
];
/// Script folders wherever they are. Database migrations run once, from a CLI.
const SCRIPT_DIRS: &[&str] =
    &["scripts", "script", "bin", "benches", "benchmark", "benchmarks", "migrations", "alembic"];
/// Folder names that hold scripts only at the top of the tree: `src/ai/tools/` is application
/// code, `tools/` beside `src/` is not.
const TOP_SCRIPT_DIRS: &[&str] = &["tools", "tooling", "tasks", "bench", "hack"];
const SCRIPT_FILES: &[&str] = &[
    "manage.py",
    "setup.py",
    "fabfile.py",
    "noxfile.py",
    "tasks.py",
    "dodo.py",
    "gulpfile.js",
    "gulpfile.mjs",
    "gulpfile.ts",
    "gruntfile.js",
    "jakefile.js",
];
const TEST_FILES: &[&str] = &[
    "conftest.py",
    "setuptests.js",
    "setuptests.ts",
    "jest.setup.js",
    "jest.setup.ts",
    "vitest.setup.ts",
    "vitest.setup.js",
    "test.py",
    "tests.py",
];
/// Rust build scripts run at compile time.
const BUILD_SCRIPTS: &[&str] = &["build.rs"];

/// The role of a file from its path relative to the scan root (`/`-separated).
///
/// Content may still turn a `Source`, `Script` or `Config` file into `Generated` or `Minified`
/// (see [`refine_role`]).
pub fn role_from_path(rel_path: &str, language: Language) -> FileRole {
    let lower = rel_path.to_ascii_lowercase();
    let mut segments: Vec<&str> = lower.split('/').collect();
    let file = segments.pop().unwrap_or_default();
    let dirs = segments;
    let in_dir = |names: &[&str]| dirs.iter().any(|dir| names.contains(dir));

    if in_dir(VENDORED_DIRS) {
        return FileRole::Vendored;
    }
    // `client-dist/`; the Angular package format's `fesm2022/` and `esm2022/` bundles.
    let dist_dir = dirs.iter().any(|dir| {
        dir.ends_with("-dist")
            || dir.ends_with("_dist")
            || ["fesm", "esm"].iter().any(|prefix| {
                dir.strip_prefix(prefix).is_some_and(|year| year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
            })
    });
    if in_dir(GENERATED_DIRS) || dist_dir || is_generated_name(file) {
        return FileRole::Generated;
    }
    if is_minified_name(file) {
        return FileRole::Minified;
    }
    if in_dir(TEST_DIRS) || is_test_name(file) {
        return FileRole::Test;
    }
    // `client-examples/`, `api_examples/`: an examples folder by its last word.
    let examples_by_suffix =
        dirs.iter().any(|dir| ["-examples", "_examples", "-example", "_example"].iter().any(|s| dir.ends_with(s)));
    if in_dir(EXAMPLE_DIRS) || examples_by_suffix || file.contains(".stories.") || file.contains(".story.") {
        return FileRole::Example;
    }
    let top_script = dirs.first().is_some_and(|dir| TOP_SCRIPT_DIRS.contains(dir));
    // Django management commands are CLIs; a Python file with a `-` in its name cannot be
    // imported, so it can only be run as a script.
    let management_command = dirs.windows(2).any(|pair| pair == ["management", "commands"]);
    let unimportable = file.ends_with(".py") && file.contains('-');
    if in_dir(SCRIPT_DIRS)
        || top_script
        || management_command
        || unimportable
        || SCRIPT_FILES.contains(&file)
        || BUILD_SCRIPTS.contains(&file)
    {
        return FileRole::Script;
    }
    // Pages and templates are the application's own source, like its code.
    if (!language.is_code() && language != Language::Html) || is_config_name(file) {
        return FileRole::Config;
    }
    FileRole::Source
}

fn stem_and_ext(file: &str) -> (&str, &str) {
    file.rsplit_once('.').unwrap_or((file, ""))
}

fn is_test_name(file: &str) -> bool {
    if TEST_FILES.contains(&file) {
        return true;
    }
    let (stem, ext) = stem_and_ext(file);
    if ext == "py" {
        return stem.starts_with("test_") || stem.ends_with("_test") || stem.ends_with("_tests");
    }
    if ext == "go" {
        return stem.ends_with("_test");
    }
    // foo.test.ts, foo.spec.jsx, foo.e2e.ts, foo.bench.ts
    stem.rsplit_once('.').is_some_and(|(_, kind)| matches!(kind, "test" | "spec" | "e2e" | "bench" | "cy"))
}

fn is_generated_name(file: &str) -> bool {
    let (stem, _) = stem_and_ext(file);
    has_content_hash(stem)
        || stem.ends_with(".chunk")
        || stem.ends_with(".generated")
        || stem.ends_with(".gen")
        || stem.ends_with("_pb2")
        || stem.ends_with("_pb2_grpc")
        || stem.ends_with(".pb")
        || stem.ends_with("_pb")
}

/// Bundlers and `collectstatic` name built assets with a content hash: `vendor-aed0068c.js`,
/// `index-C8qwgKWF.mjs`, `sw.b072f0f7b6a5.js`. A hash is a name segment after the first of at
/// least eight letters and digits, with both.
fn has_content_hash(stem: &str) -> bool {
    stem.split(['.', '-']).skip(1).any(|segment| {
        segment.len() >= 8
            && segment.chars().all(|c| c.is_ascii_alphanumeric())
            && segment.chars().any(|c| c.is_ascii_digit())
            && segment.chars().any(|c| c.is_ascii_alphabetic())
    })
}

fn is_minified_name(file: &str) -> bool {
    let (stem, _) = stem_and_ext(file);
    stem.ends_with(".min") || stem.ends_with("-min") || stem.ends_with(".bundle")
}

fn is_config_name(file: &str) -> bool {
    let (stem, ext) = stem_and_ext(file);
    if !matches!(ext, "js" | "cjs" | "mjs" | "ts" | "cts" | "mts") {
        return false;
    }
    // vite.config.ts, next.config.mjs, .eslintrc.js, webpack.prod.js, babel.config.cjs
    stem.ends_with(".config")
        || stem.contains(".config.")
        || stem.starts_with('.')
        || stem.starts_with("webpack.")
        || stem.starts_with("rollup.")
        || stem == "webpack"
        || stem == "gatsby-config"
        || stem == "nuxt.config"
}

/// Refines a path-derived role with what the content shows: a generator header makes a file
/// `Generated`, minified text makes it `Minified`. Only the first kilobyte and line lengths are
/// looked at.
pub fn refine_role(role: FileRole, text: &str) -> FileRole {
    if !matches!(role, FileRole::Source | FileRole::Script | FileRole::Config | FileRole::Example) {
        return role;
    }
    if has_generated_header(text) {
        return FileRole::Generated;
    }
    if looks_minified(text) {
        return FileRole::Minified;
    }
    role
}

fn has_generated_header(text: &str) -> bool {
    let mut end = text.len().min(1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text[..end].to_ascii_lowercase();
    let marked = [
        "@generated",
        "do not edit",
        "auto-generated",
        "autogenerated",
        "automatically generated",
        "code generated by",
    ]
    .iter()
    .any(|marker| head.contains(marker));
    // A bundler's runtime prelude: the file is build output of other modules (browserify,
    // webpack), whatever its name.
    let bundled =
        ["webpackbootstrap", "__webpack_require__", "e[i][0].call(p.exports"].iter().any(|m| head.contains(m));
    marked || bundled || has_source_map_trailer(text)
}

/// Whether JavaScript ends by naming its source map (`//# sourceMappingURL=app.js.map`): a
/// compiler or bundler wrote it from other sources.
fn has_source_map_trailer(text: &str) -> bool {
    let tail = &text.as_bytes()[text.len().saturating_sub(512)..];
    let last = tail.trim_ascii_end().rsplit(|&b| b == b'\n').next().unwrap_or_default();
    last.starts_with(b"//# sourceMappingURL=") || last.starts_with(b"//@ sourceMappingURL=")
}

/// Minified text has long lines: on average, or for a tenth of its lines or more.
fn looks_minified(text: &str) -> bool {
    const LONG_LINE: usize = 500;
    if text.len() < 1024 {
        return false;
    }
    let (mut lines, mut long_lines, mut start) = (0usize, 0usize, 0usize);
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        lines += 1;
        if end - start > LONG_LINE {
            long_lines += 1;
        }
        start = end + 1;
    }
    text.len() / lines >= 200 || (long_lines >= 3 && long_lines * 10 >= lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(path: &str) -> FileRole {
        let name = path.rsplit('/').next().unwrap();
        role_from_path(path, Language::from_file_name(name).unwrap())
    }

    #[test]
    fn languages_from_names() {
        assert_eq!(Language::from_file_name("a.tsx"), Some(Language::TypeScript));
        assert_eq!(Language::from_file_name("a.cjs"), Some(Language::JavaScript));
        assert_eq!(Language::from_file_name("main.py"), Some(Language::Python));
        assert_eq!(Language::from_file_name(".env.production"), Some(Language::Text));
        assert_eq!(Language::from_file_name("README.md"), None);
        assert_eq!(Language::from_file_name("Makefile"), None);
        assert_eq!(Language::from_file_name("stub.pyi"), None);
        assert_eq!(Language::from_file_name("main.rs"), Some(Language::Rust));
        assert_eq!(Language::from_file_name("server.go"), Some(Language::Go));
        assert_eq!(Language::from_file_name("Dockerfile"), Some(Language::Dockerfile));
        assert_eq!(Language::from_file_name("Dockerfile.prod"), Some(Language::Dockerfile));
        assert_eq!(Language::from_file_name("api.dockerfile"), Some(Language::Dockerfile));
        assert_eq!(Language::from_file_name("Containerfile"), Some(Language::Dockerfile));
        assert_eq!(Language::from_file_name("docker-compose.yml"), Some(Language::Yaml));
        assert_eq!(Language::from_file_name("tsconfig.json"), Some(Language::Json));
        assert_eq!(Language::from_file_name("Cargo.toml"), Some(Language::Text));
        assert_eq!(Language::from_file_name("go.mod"), Some(Language::Text));
        assert_eq!(Language::from_file_name("index.html"), Some(Language::Html));
        assert_eq!(role_from_path("templates/base.html", Language::Html), FileRole::Source);
        assert_eq!(role_from_path("tests/fixtures/page.html", Language::Html), FileRole::Test);
        assert_eq!(Language::from_file_name("requirements-dev.txt"), Some(Language::Text));
        assert_eq!(Language::from_file_name("Pipfile"), Some(Language::Text));
        assert_eq!(Language::from_file_name("notes.txt"), None);
    }

    #[test]
    fn roles_from_paths() {
        assert_eq!(role("src/app.ts"), FileRole::Source);
        assert_eq!(role("src/app.test.ts"), FileRole::Test);
        assert_eq!(role("tests/test_api.py"), FileRole::Test);
        assert_eq!(role("pkg/test_api.py"), FileRole::Test);
        assert_eq!(role("pkg/conftest.py"), FileRole::Test);
        assert_eq!(role("src/__tests__/a.js"), FileRole::Test);
        assert_eq!(role("node_modules/x/test/a.js"), FileRole::Vendored);
        assert_eq!(role("scripts/release.mjs"), FileRole::Script);
        assert_eq!(role("manage.py"), FileRole::Script);
        assert_eq!(role("tools/gen.py"), FileRole::Script);
        assert_eq!(role("lib/ai/tools/index.ts"), FileRole::Source);
        assert_eq!(role("next.config.mjs"), FileRole::Config);
        assert_eq!(role(".eslintrc.js"), FileRole::Config);
        assert_eq!(role(".env"), FileRole::Config);
        assert_eq!(role("dist/index.js"), FileRole::Generated);
        assert_eq!(role("api/service_pb2.py"), FileRole::Generated);
        assert_eq!(role("public/jquery.min.js"), FileRole::Minified);
        assert_eq!(role("examples/basic/app.js"), FileRole::Example);
        assert_eq!(role("_examples/custom-handler/main.go"), FileRole::Example);
        assert_eq!(role("client-examples/python/client.py"), FileRole::Example);
        assert_eq!(role("src/counterexamples.py"), FileRole::Source);
        assert_eq!(role("src/Button.stories.tsx"), FileRole::Example);
        assert_eq!(role("core/built/admin/assets/app.js"), FileRole::Generated);
        assert_eq!(role("static/vendor-aed0068cf9b67d042dd23a6343545b7b.js"), FileRole::Generated);
        assert_eq!(role("assets/index-C8qwgKWF.mjs"), FileRole::Generated);
        assert_eq!(role("js/sw.b072f0f7b6a5.js"), FileRole::Generated);
        assert_eq!(role("js/3254.78294c18.chunk.js"), FileRole::Generated);
        assert_eq!(role("frontend/_app/immutable/chunks/Cxp50XyO.js"), FileRole::Generated);
        assert_eq!(role("package/client-dist/socket.io.js"), FileRole::Generated);
        assert_eq!(role("fesm2022/core.mjs"), FileRole::Generated);
        assert_eq!(role("esm2020/src/core.mjs"), FileRole::Generated);
        assert_eq!(role("src/esm/index.js"), FileRole::Source);
        assert_eq!(role("src/user-profile.ts"), FileRole::Source);
        assert_eq!(role("src/oauth2-client.ts"), FileRole::Source);
        assert_eq!(role("app/migrations/0001_initial.py"), FileRole::Script);
        assert_eq!(role("shop/management/commands/seed.py"), FileRole::Script);
        assert_eq!(role("hooks/mlflow-suggest-hook.py"), FileRole::Script);
        assert_eq!(role("pkg/server/handler_test.go"), FileRole::Test);
        assert_eq!(role("pkg/server/handler.go"), FileRole::Source);
        assert_eq!(role("build.rs"), FileRole::Script);
        assert_eq!(role("deploy/k8s/deployment.yaml"), FileRole::Config);
        assert_eq!(role("Dockerfile"), FileRole::Config);
        // A word inside a name is not a folder.
        assert_eq!(role("src/testimonials.ts"), FileRole::Source);
        assert_eq!(role("src/latest.py"), FileRole::Source);
    }

    #[test]
    fn content_refines_roles() {
        assert_eq!(refine_role(FileRole::Source, "// @generated by protoc\nx"), FileRole::Generated);
        // Seen on real code (typescript's lib/, Angular's fesm2022/): compiled output that names
        // its source map.
        let compiled = "var ts = {};\nfunction f() {}\n//# sourceMappingURL=typescript.js.map\n";
        assert_eq!(refine_role(FileRole::Source, compiled), FileRole::Generated);
        let mentioned = "// see //# sourceMappingURL= in the spec\nfunction f() {}\n";
        assert_eq!(refine_role(FileRole::Source, mentioned), FileRole::Source);
        assert_eq!(refine_role(FileRole::Source, "# Code generated by sqlc. DO NOT EDIT.\n"), FileRole::Generated);
        let browserify = "(function(){function r(e,n,t){function o(i,f){var p=n[i]={exports:{}};e[i][0].call(p.exports,function(r){})}}})()({1:[function(require,module,exports){\nconst utils = require('./utils');\n";
        assert_eq!(refine_role(FileRole::Source, browserify), FileRole::Generated);
        let webpack = "/******/ (() => { // webpackBootstrap\n/******/ \tvar __webpack_modules__ = ({\n";
        assert_eq!(refine_role(FileRole::Source, webpack), FileRole::Generated);
        assert_eq!(
            refine_role(FileRole::Source, "// Loads modules the way webpack does.\nexport {};\n"),
            FileRole::Source
        );
        let minified = "a".repeat(5000);
        assert_eq!(refine_role(FileRole::Source, &minified), FileRole::Minified);
        let normal = "let a = 1;\n".repeat(500);
        assert_eq!(refine_role(FileRole::Source, &normal), FileRole::Source);
        // A bundle wrapped at a fixed width: most lines are long.
        let wrapped = format!("{}\n", "x".repeat(900)).repeat(40) + &"y\n".repeat(100);
        assert_eq!(refine_role(FileRole::Source, &wrapped), FileRole::Minified);
        // One long data line in ordinary code is not minification.
        let data_line = format!("const LOGO = '{}';\n{}", "A".repeat(3000), "let a = 1;\n".repeat(200));
        assert_eq!(refine_role(FileRole::Source, &data_line), FileRole::Source);
        assert_eq!(refine_role(FileRole::Test, &minified), FileRole::Test);
    }

    #[test]
    fn env_templates() {
        assert!(is_env_template(".env.example"));
        assert!(is_env_template(".env.sample"));
        assert!(!is_env_template(".env.production"));
        assert!(is_env_file_name(".env"));
        assert!(!is_env_file_name("environment.ts"));
    }
}

/// Dockerfile names with a variant suffix that the checks above miss: `Containerfile.alpine`,
/// `Dockerfile-alpine`, `Containerfile-debian` (`name` is lowercase). Names ending in a
/// document or data extension (`Dockerfile-notes.md`, `containerfile.json`) are not Dockerfiles.
fn is_suffixed_dockerfile_name(name: &str) -> bool {
    const NOT_DOCKERFILE: &[&str] =
        &[".md", ".txt", ".json", ".yml", ".yaml", ".toml", ".sh", ".j2", ".tpl", ".tmpl", ".bak", ".orig", ".rej"];
    let variant = name.starts_with("containerfile.")
        || name.starts_with("containerfile-")
        || name.starts_with("dockerfile-")
        || name.starts_with("dockerfile_");
    variant && !NOT_DOCKERFILE.iter().any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod suffixed_dockerfile_tests {
    use super::Language;

    #[test]
    fn suffixed_dockerfile_names() {
        for name in ["Containerfile.alpine", "Containerfile-debian", "Dockerfile-alpine", "Dockerfile.alpine"] {
            assert_eq!(Language::from_file_name(name), Some(Language::Dockerfile), "{name}");
        }
        for name in ["Dockerfile-notes.md", "containerfile.json", "dockerfile-lint.yaml"] {
            assert_ne!(Language::from_file_name(name), Some(Language::Dockerfile), "{name}");
        }
    }
}
