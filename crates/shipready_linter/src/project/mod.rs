//! The project model: which files import which, and which are web-server code.
//!
//! Facts are gathered per file during the same walk that runs the checks (see `runner`), then
//! joined here once the whole tree is read. Checks ask the model questions such as "is this file
//! reachable from a server?" through [`Gate`](crate::Gate)s.

pub mod evidence;
pub mod manifest;

use std::collections::{BTreeSet, VecDeque};

pub use evidence::Evidence;
pub use manifest::{Manifest, ManifestKind};
use shipready_diagnostics::{Location, Span};

use rustc_hash::{FxHashMap, FxHashSet};
use shipready_lang::{FileRole, Language};

/// A module a file imports, as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Import {
    /// A JS/TS module specifier: `./util`, `../lib/db.js`, `express`, `@/lib/auth`.
    Js(String),
    /// A Python import: `from ..a.b import c, d` is `{ level: 2, module: "a.b", names: [c, d] }`.
    Py { level: u32, module: String, names: Vec<String> },
    /// A Go import path: `net/http`, `github.com/gin-gonic/gin`.
    Go(String),
    /// The crate a Rust `use` names: `axum` for `use axum::Router;`.
    Rust(String),
}

/// `&'static str` under another name, so that serde's derive does not borrow it from the
/// input (see `shipready_diagnostics::intern`).
type StaticStr = &'static str;

/// What the walk of one file learned for the project model.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FileFacts {
    pub path: String,
    pub language: Language,
    pub role: FileRole,
    pub imports: Vec<Import>,
    /// The web framework this file serves HTTP with, if it is server code.
    #[serde(deserialize_with = "shipready_diagnostics::intern::deserialize_option")]
    pub server_framework: Option<StaticStr>,
    /// Route paths the file declares (`/health`, `/api/users/:id`).
    pub routes: Vec<String>,
    /// Where the file builds its app, router or server (`express()`, `FastAPI()`,
    /// `http.ListenAndServe`): where project-level fixes belong.
    pub app_anchor: Option<Anchor>,
    /// Text evidence of project-level practices (see [`Evidence`]).
    pub evidence: Evidence,
    /// What the file declares, if it is a package manifest.
    pub manifest: Option<Manifest>,
    /// The file's first line, for findings about the file as a whole.
    pub head: Option<Anchor>,
    /// The file declares test cases or assertions (`it(…)`, `def test_…`, `func TestX`,
    /// `#[test]`), as a test file with tests in it does and a fixture or helper does not.
    pub test_cases: bool,
    /// The file holds logic: a function or method with a body that does something, or code run
    /// at load time beyond declarations. Files of types, constants, settings and re-exports do not.
    pub has_logic: bool,
    /// For test files: the multi-word names in the text that contain a security-critical word
    /// (`delete_token`, `SessionStore`, `session-from-token`), lowercased, so that a test that
    /// names a critical module without importing it counts (`untested-critical-module`).
    pub critical_names: Vec<String>,
    /// For source files whose path names only ambiguous critical words (`session`, `token`,
    /// `routing`): whether the text shows security handling (cookies, secrets, expiry…).
    pub security_terms: bool,
}

impl FileFacts {
    /// Facts with nothing known yet beyond the file's identity.
    pub fn new(path: &str, language: Language, role: FileRole) -> Self {
        Self {
            path: path.to_string(),
            language,
            role,
            imports: Vec::new(),
            server_framework: None,
            routes: Vec::new(),
            app_anchor: None,
            evidence: Evidence::empty(),
            manifest: None,
            head: None,
            test_cases: false,
            has_logic: false,
            critical_names: Vec::new(),
            security_terms: false,
        }
    }

    /// The folder the file is in (`""` for the root).
    pub fn folder(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(folder, _)| folder)
    }
}

/// A place in a file that a project-level finding points at, captured while the file was open.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    pub path: String,
    pub span: Span,
    pub location: Location,
    pub snippet: String,
}

/// JS/TS packages whose import makes a module web-server code.
const JS_SERVER_PACKAGES: &[(&str, &str)] = &[
    ("express", "Express"),
    ("fastify", "Fastify"),
    ("koa", "Koa"),
    ("@koa/router", "Koa"),
    ("koa-router", "Koa"),
    ("hono", "Hono"),
    ("@hono/node-server", "Hono"),
    ("@hapi/hapi", "hapi"),
    ("restify", "restify"),
    ("@nestjs/common", "NestJS"),
    ("@nestjs/core", "NestJS"),
    ("next/server", "Next.js"),
    ("polka", "Polka"),
];

/// Python modules whose import makes a module web-server code.
const PY_SERVER_MODULES: &[(&str, &str)] = &[
    ("fastapi", "FastAPI"),
    ("flask", "Flask"),
    ("starlette", "Starlette"),
    ("django.http", "Django"),
    ("django.urls", "Django"),
    ("django.views", "Django"),
    ("django.shortcuts", "Django"),
    ("rest_framework", "Django REST framework"),
    ("ninja", "Django Ninja"),
    ("aiohttp.web", "aiohttp"),
    ("sanic", "Sanic"),
    ("tornado.web", "Tornado"),
    ("quart", "Quart"),
    ("bottle", "Bottle"),
    ("falcon", "Falcon"),
    ("litestar", "Litestar"),
];

/// Go packages whose import makes a module web-server code.
const GO_SERVER_PACKAGES: &[(&str, &str)] = &[
    ("github.com/gin-gonic/gin", "Gin"),
    ("github.com/labstack/echo", "Echo"),
    ("github.com/go-chi/chi", "chi"),
    ("github.com/gorilla/mux", "gorilla/mux"),
    ("github.com/gofiber/fiber", "Fiber"),
    ("net/http", "net/http"),
];

/// Rust crates whose use makes a module web-server code.
const RUST_SERVER_CRATES: &[(&str, &str)] = &[
    ("axum", "axum"),
    ("actix_web", "actix-web"),
    ("rocket", "Rocket"),
    ("warp", "warp"),
    ("poem", "Poem"),
    ("salvo", "Salvo"),
    ("tide", "Tide"),
    ("hyper", "hyper"),
];

/// The web framework a module of any language serves HTTP with, from its imports (and, for
/// Next.js, its path). The caller also requires evidence that the module does serve.
pub fn server_framework(language: Language, path: &str, imports: &[Import]) -> Option<&'static str> {
    match language {
        Language::Python => py_server_framework(imports),
        Language::JavaScript | Language::TypeScript => js_server_framework(path, imports),
        Language::Go => imports.iter().find_map(|import| match import {
            // Match on the module path, with or without a major-version suffix (`echo/v4`).
            Import::Go(module) => GO_SERVER_PACKAGES
                .iter()
                .find(|(package, _)| module == package || module.starts_with(&format!("{package}/v")))
                .map(|(_, name)| *name),
            _ => None,
        }),
        Language::Rust => imports.iter().find_map(|import| match import {
            Import::Rust(krate) => RUST_SERVER_CRATES.iter().find(|(c, _)| krate == c).map(|(_, name)| *name),
            _ => None,
        }),
        _ => None,
    }
}

/// The framework a JS/TS module serves HTTP with, from its imports and its path (Next.js API
/// routes are server code by location: `pages/api/**`, `app/**/route.ts`).
pub fn js_server_framework(path: &str, imports: &[Import]) -> Option<&'static str> {
    for import in imports {
        let Import::Js(specifier) = import else { continue };
        if let Some((_, name)) = JS_SERVER_PACKAGES.iter().find(|(package, _)| specifier == package) {
            return Some(name);
        }
    }
    let segments: Vec<&str> = path.split('/').collect();
    let file = segments.last().copied().unwrap_or_default();
    let dirs = &segments[..segments.len().saturating_sub(1)];
    let in_pages_api = dirs.windows(2).any(|pair| pair == ["pages", "api"]);
    let app_route = dirs.contains(&"app") && file.rsplit_once('.').is_some_and(|(stem, _)| stem == "route");
    (in_pages_api || app_route).then_some("Next.js")
}

/// The framework a Python module serves HTTP with, from its imports.
pub fn py_server_framework(imports: &[Import]) -> Option<&'static str> {
    for import in imports {
        let Import::Py { level: 0, module, names } = import else { continue };
        for (server_module, name) in PY_SERVER_MODULES {
            let matches = |candidate: &str| {
                candidate == *server_module
                    || candidate.strip_prefix(server_module).is_some_and(|rest| rest.starts_with('.'))
            };
            // `from aiohttp import web` imports `aiohttp.web`: a name matters only where the
            // server module goes on from the imported one (`aiohttp.web` from `aiohttp`).
            let beyond = server_module.strip_prefix(module.as_str()).and_then(|rest| rest.strip_prefix('.'));
            let name_matches = |name: &String| {
                beyond.is_some_and(|rest| {
                    name == rest || name.strip_prefix(rest).is_some_and(|after| after.starts_with('.'))
                })
            };
            if matches(module) || names.iter().any(name_matches) {
                return Some(name);
            }
        }
    }
    None
}

/// A folder with its own manifest (or the root), and the files it owns: the unit project-level
/// checks report on. A project that serves HTTP is a service.
#[derive(Debug, Clone)]
pub struct Project {
    /// Relative to the scan root; `""` for the root itself.
    pub folder: String,
    /// The project's manifests: what each declares, and its first line to point findings at.
    pub manifests: Vec<(Manifest, Anchor)>,
    /// Indices into [`ProjectModel::files`] of the files the project owns (nearest manifest).
    pub files: Vec<usize>,
    /// The web frameworks its modules serve HTTP with; empty unless it is a service.
    pub frameworks: BTreeSet<&'static str>,
    /// Every library it uses: declared dependencies and imported packages, normalised
    /// (lowercase, `_` as `-`).
    pub libraries: BTreeSet<String>,
    /// Every module specifier its files import, as written (`hono/secure-headers`,
    /// `logging.config`, `github.com/go-chi/httprate`).
    pub specifiers: BTreeSet<String>,
    /// Route paths its modules declare.
    pub routes: BTreeSet<String>,
    /// The union of its files' text evidence.
    pub evidence: Evidence,
    /// Where project-level fixes belong: the first app construction, else the first manifest.
    pub anchor: Option<Anchor>,
}

impl Project {
    pub fn is_service(&self) -> bool {
        !self.frameworks.is_empty()
    }

    /// The folder as shown in findings: `.` for the root.
    pub fn display_folder(&self) -> &str {
        if self.folder.is_empty() { "." } else { &self.folder }
    }

    /// How messages name the project: "Service `services/api`", or "The service" at the root.
    pub fn named(&self, noun: &str) -> String {
        if self.folder.is_empty() {
            format!("The {}", noun.to_ascii_lowercase())
        } else {
            format!("{noun} `{}`", self.folder)
        }
    }

    /// Whether it uses any of these libraries (names normalised like [`Project::libraries`];
    /// a name ending in `/` or `*` matches any package under that prefix).
    pub fn uses_any(&self, names: &[&str]) -> bool {
        names.iter().any(|name| {
            let name = normalize_library(name);
            match name.strip_suffix('*') {
                Some(prefix) => self.libraries.iter().any(|library| library.starts_with(prefix)),
                None => self.libraries.contains(&name),
            }
        })
    }

    /// The manifest kinds the project has.
    pub fn manifest_kinds(&self) -> impl Iterator<Item = ManifestKind> + '_ {
        self.manifests.iter().filter_map(|(manifest, _)| manifest.kind)
    }
}

/// Library names compare lowercased, with `_` as `-` (`sentry_sdk` is `sentry-sdk`).
pub fn normalize_library(name: &str) -> String {
    name.to_ascii_lowercase().replace('_', "-")
}

/// The package an import names: `@scope/pkg` for `@scope/pkg/sub`, `pkg` for `pkg/sub`,
/// `sentry-sdk` for `sentry_sdk.integrations`; `None` for relative imports.
fn imported_library(import: &Import) -> Option<String> {
    let name = match import {
        Import::Js(specifier) => {
            if specifier.starts_with('.')
                || specifier.starts_with('/')
                || specifier.starts_with("@/")
                || specifier.starts_with("~/")
            {
                return None;
            }
            let specifier = specifier.strip_prefix("node:").unwrap_or(specifier);
            let mut parts = specifier.splitn(3, '/');
            match (parts.next(), parts.next()) {
                (Some(scope), Some(name)) if scope.starts_with('@') => format!("{scope}/{name}"),
                (Some(name), _) => name.to_string(),
                _ => return None,
            }
        }
        Import::Py { level: 0, module, .. } => module.split('.').next().unwrap_or(module).to_string(),
        Import::Py { .. } => return None,
        Import::Go(path) => path.clone(),
        Import::Rust(krate) => krate.clone(),
    };
    (!name.is_empty()).then(|| normalize_library(&name))
}

/// The whole tree: its files' facts, the import graph, what server code reaches, and the
/// projects and services it holds.
#[derive(Debug, Default)]
pub struct ProjectModel {
    files: Vec<FileFacts>,
    by_path: FxHashMap<String, usize>,
    /// Resolved imports: for each file, the files it imports.
    edges: Vec<Vec<usize>>,
    /// For each file, the server module that reaches it first (itself, for server modules).
    reached_from: Vec<Option<usize>>,
    /// Every file path the walk saw, read or not, sorted (lockfiles, CI configs, tests…).
    inventory: Vec<String>,
    projects: Vec<Project>,
    /// Whether the scan root is the root of its repository (not a folder inside a larger one),
    /// so that repository-level files such as CI configuration would be in the inventory.
    repository_root: bool,
}

impl ProjectModel {
    /// The model of files that were read, without an inventory of the rest of the tree.
    pub fn build(files: Vec<FileFacts>) -> Self {
        Self::build_with_inventory(files, Vec::new())
    }

    /// The model of the files that were read, and of every path the walk saw.
    pub fn build_with_inventory(mut files: Vec<FileFacts>, mut inventory: Vec<String>) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let by_path: FxHashMap<String, usize> = files.iter().enumerate().map(|(i, f)| (f.path.clone(), i)).collect();
        let paths: FxHashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let folders = Folders::of(&paths);
        let edges: Vec<Vec<usize>> = files
            .iter()
            .map(|file| {
                let mut targets: Vec<usize> = file
                    .imports
                    .iter()
                    .flat_map(|import| resolve(&file.path, import, &paths, &folders))
                    .filter_map(|path| by_path.get(&path).copied())
                    .collect();
                targets.sort_unstable();
                targets.dedup();
                targets
            })
            .collect();

        // Breadth-first from every server module at once, in path order, so each file records
        // the nearest server module that imports it, deterministically.
        let mut reached_from = vec![None; files.len()];
        let mut queue = VecDeque::new();
        for (i, file) in files.iter().enumerate() {
            if file.server_framework.is_some() && file.role == FileRole::Source {
                reached_from[i] = Some(i);
                queue.push_back(i);
            }
        }
        while let Some(current) = queue.pop_front() {
            for &next in &edges[current] {
                if reached_from[next].is_none() {
                    reached_from[next] = reached_from[current];
                    queue.push_back(next);
                }
            }
        }
        inventory.extend(files.iter().map(|f| f.path.clone()));
        inventory.sort();
        inventory.dedup();
        let projects = build_projects(&files);
        Self { files, by_path, edges, reached_from, inventory, projects, repository_root: true }
    }

    /// Records whether the scan root is its repository's root (see [`ProjectModel::is_repository_root`]).
    #[must_use]
    pub fn with_repository_root(mut self, repository_root: bool) -> Self {
        self.repository_root = repository_root;
        self
    }

    /// Whether the scan covers a whole repository, so repository-level files would be seen.
    pub fn is_repository_root(&self) -> bool {
        self.repository_root
    }

    /// The projects (manifest folders, or the root) that own source code or serve HTTP.
    pub fn projects(&self) -> &[Project] {
        &self.projects
    }

    /// Every path the walk saw, sorted.
    pub fn inventory(&self) -> &[String] {
        &self.inventory
    }

    /// Whether the walk saw a file at `path`.
    /// Folders that are unpacked registry packages, which ship without their tests, CI
    /// configuration and lockfiles by design: a wheel (beside `*.dist-info/WHEEL`), a crate
    /// (`Cargo.toml.orig`, written by `cargo package`), an npm tarball (`package/package.json`).
    pub fn registry_packages(&self) -> Vec<&str> {
        self.inventory()
            .iter()
            .filter_map(|path| {
                let mut segments = path.rsplit('/');
                let (name, parent) = (segments.next()?, segments.next());
                match name {
                    "Cargo.toml.orig" => Some(parent_folder(path)),
                    "WHEEL" if parent.is_some_and(|p| p.ends_with(".dist-info")) => {
                        Some(parent_folder(parent_folder(path)))
                    }
                    "package.json" if parent == Some("package") => Some(parent_folder(path)),
                    _ => None,
                }
            })
            .collect()
    }

    pub fn has_path(&self, path: &str) -> bool {
        self.inventory.binary_search_by(|p| p.as_str().cmp(path)).is_ok()
    }

    /// The files a file imports (resolved within the tree).
    pub fn imports_of(&self, index: usize) -> impl Iterator<Item = &FileFacts> + '_ {
        self.edges.get(index).into_iter().flatten().map(|&target| &self.files[target])
    }

    /// The server module from which `path` is reachable through imports (itself if it is one).
    pub fn server_reaching(&self, path: &str) -> Option<&FileFacts> {
        let index = *self.by_path.get(path)?;
        self.reached_from[index].map(|server| &self.files[server])
    }

    pub fn files(&self) -> &[FileFacts] {
        &self.files
    }
}

/// Groups files into projects by their nearest manifest folder and gathers each project's
/// frameworks, libraries, routes, evidence and anchor. Projects without source code or
/// server modules (a docs folder with a `package.json`) are left out.
fn build_projects(files: &[FileFacts]) -> Vec<Project> {
    let mut manifests: FxHashMap<&str, Vec<(Manifest, Anchor)>> = FxHashMap::default();
    for file in files {
        if let (Some(manifest), Some(head)) = (&file.manifest, &file.head) {
            manifests.entry(file.folder()).or_default().push((manifest.clone(), head.clone()));
        }
    }
    let owner = |path: &str| -> String {
        let mut folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
        loop {
            if manifests.contains_key(folder) {
                return folder.to_string();
            }
            match folder.rsplit_once('/') {
                Some((parent, _)) => folder = parent,
                None if !folder.is_empty() => folder = "",
                None => return String::new(),
            }
        }
    };
    let mut by_folder: std::collections::BTreeMap<String, Project> = std::collections::BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        let folder = owner(&file.path);
        let project = by_folder.entry(folder.clone()).or_insert_with(|| Project {
            manifests: manifests.get(folder.as_str()).cloned().unwrap_or_default(),
            folder,
            files: Vec::new(),
            frameworks: BTreeSet::new(),
            libraries: BTreeSet::new(),
            specifiers: BTreeSet::new(),
            routes: BTreeSet::new(),
            evidence: Evidence::empty(),
            anchor: None,
        });
        project.files.push(index);
        project.evidence.insert(file.evidence);
        project.libraries.extend(file.imports.iter().filter_map(imported_library));
        project.specifiers.extend(file.imports.iter().filter_map(|import| match import {
            Import::Js(specifier) | Import::Go(specifier) | Import::Rust(specifier) => Some(specifier.clone()),
            Import::Py { level: 0, module, .. } => Some(module.clone()),
            Import::Py { .. } => None,
        }));
        project.routes.extend(file.routes.iter().cloned());
        if let Some(framework) = file.server_framework.filter(|_| file.role == FileRole::Source) {
            project.frameworks.insert(framework);
            if project.anchor.is_none() {
                project.anchor.clone_from(&file.app_anchor);
            }
        }
    }
    by_folder
        .into_values()
        .filter_map(|mut project| {
            for (manifest, _) in &project.manifests {
                project.libraries.extend(manifest.dependencies.iter().map(|d| normalize_library(d)));
            }
            let has_source =
                project.files.iter().any(|&i| files[i].role == FileRole::Source && files[i].language.is_code());
            if drop_own_frameworks(&mut project, files) {
                project.anchor = project.files.iter().find_map(|&i| {
                    let file = &files[i];
                    let serves = file.role == FileRole::Source
                        && file.server_framework.is_some_and(|f| project.frameworks.contains(f));
                    serves.then(|| file.app_anchor.clone()).flatten()
                });
            }
            if project.anchor.is_none() {
                project.anchor = project.manifests.first().map(|(_, anchor)| anchor.clone());
            }
            (has_source || project.is_service()).then_some(project)
        })
        .collect()
}

/// Drops the frameworks that do not make this project a service: a Go project with no
/// `package main` is a library whose code merely wraps `net/http` (a framework itself, a
/// middleware package), and a Python tree that holds the framework's own package
/// (`django/__init__.py`) is that framework, not an app built on it. Returns whether any went.
fn drop_own_frameworks(project: &mut Project, files: &[FileFacts]) -> bool {
    let before = project.frameworks.len();
    let owned = |i: &usize| &files[*i];
    let go_program = project.files.iter().map(owned).any(|file| {
        file.role == FileRole::Source && file.language == Language::Go && file.evidence.contains(Evidence::GO_MAIN)
    });
    if !go_program {
        project.frameworks.retain(|framework| !GO_SERVER_PACKAGES.iter().any(|(_, name)| name == framework));
    }
    let prefix = if project.folder.is_empty() { String::new() } else { format!("{}/", project.folder) };
    project.frameworks.retain(|framework| {
        let own = PY_SERVER_MODULES.iter().filter(|(_, name)| name == framework).any(|(module, _)| {
            let package = module.split('.').next().unwrap_or(module);
            let init = format!("{prefix}{package}/__init__.py");
            project.files.iter().map(owned).any(|file| file.path == init)
        });
        !own
    });
    project.frameworks.len() != before
}

/// The folder a path is in (`""` at the root).
fn parent_folder(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// Whether a folder is, or is inside, one of the registry packages (see
/// [`ProjectModel::registry_packages`]).
pub fn in_registry_package(packages: &[&str], folder: &str) -> bool {
    packages.iter().any(|package| {
        folder == *package
            || package.is_empty()
            || folder.strip_prefix(package).is_some_and(|rest| rest.starts_with('/'))
    })
}

const JS_EXTENSIONS: &[&str] = &["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"];

/// The folders that hold the scanned files (every ancestor of a path, the root as `""`).
struct Folders<'p>(FxHashSet<&'p str>);

impl<'p> Folders<'p> {
    fn of(paths: &FxHashSet<&'p str>) -> Self {
        let mut folders = FxHashSet::default();
        folders.insert("");
        for path in paths {
            let mut current = *path;
            // Ancestors are inserted nearest first; one already known has its own ancestors.
            while let Some((parent, _)) = current.rsplit_once('/') {
                if !folders.insert(parent) {
                    break;
                }
                current = parent;
            }
        }
        Self(folders)
    }

    fn contains(&self, folder: &str) -> bool {
        self.0.contains(folder)
    }
}

/// Candidate paths, relative to the scan root, that an import may name. Bare package names
/// resolve to nothing: only the tree's own files are modules here.
fn resolve(from: &str, import: &Import, paths: &FxHashSet<&str>, folders: &Folders<'_>) -> Vec<String> {
    let dir = parent_folder(from);
    match import {
        Import::Js(specifier) => resolve_js(dir, specifier, paths).into_iter().collect(),
        Import::Py { level, module, names } => resolve_py(dir, *level, module, names, paths, folders),
        Import::Go(_) | Import::Rust(_) => Vec::new(),
    }
}

fn resolve_js(dir: &str, specifier: &str, paths: &FxHashSet<&str>) -> Option<String> {
    let bases: Vec<String> = if specifier.starts_with("./") || specifier.starts_with("../") {
        vec![normalize(&join(dir, specifier))?]
    } else if let Some(rest) = specifier.strip_prefix("@/").or_else(|| specifier.strip_prefix("~/")) {
        // The common tsconfig alias for the project root or its `src/`.
        vec![normalize(rest)?, normalize(&join("src", rest))?]
    } else {
        return None;
    };
    for base in bases {
        if paths.contains(base.as_str()) {
            return Some(base);
        }
        // TypeScript ESM imports name the emitted `.js` file.
        let stem = base
            .rsplit_once('.')
            .filter(|(_, ext)| matches!(*ext, "js" | "jsx" | "mjs" | "cjs"))
            .map_or(base.as_str(), |(stem, _)| stem);
        let mut candidate = String::new();
        for ext in JS_EXTENSIONS {
            for parts in [[stem, ".", ext], [&base, "/index.", ext]] {
                candidate.clear();
                candidate.extend(parts.iter().copied());
                if paths.contains(candidate.as_str()) {
                    return Some(candidate);
                }
            }
        }
    }
    None
}

fn resolve_py(
    dir: &str,
    level: u32,
    module: &str,
    names: &[String],
    paths: &FxHashSet<&str>,
    folders: &Folders<'_>,
) -> Vec<String> {
    let module_path = module.replace('.', "/");
    // Relative imports start from the importing package; absolute ones from any ancestor folder
    // (the scan root, `src/`, or a service folder inside a monorepo), nearest first.
    let roots: Vec<&str> = if level > 0 {
        let mut base = dir;
        for _ in 1..level {
            base = parent_folder(base);
        }
        vec![base]
    } else {
        // `dir`, each folder above it, then the root (`""`).
        std::iter::successors(Some(dir), |folder| (!folder.is_empty()).then(|| parent_folder(folder))).collect()
    };
    // Candidates are spelled into one buffer; only those that exist are kept.
    let mut candidate = String::new();
    let mut exists = |parts: &[&str]| {
        candidate.clear();
        candidate.extend(parts.iter().copied());
        paths.contains(candidate.as_str()).then(|| candidate.clone())
    };
    let mut base = String::new();
    for root in roots {
        base.clear();
        base.push_str(root);
        if !root.is_empty() && !module_path.is_empty() {
            base.push('/');
        }
        base.push_str(&module_path);
        // Every candidate but `base.py` lies inside the folder `base`: most roots of an
        // absolute import (the standard library's, a third party's) hold no such folder.
        if !folders.contains(&base) {
            if let Some(file) = exists(&[&base, ".py"]) {
                return vec![file];
            }
            continue;
        }
        let mut found = Vec::new();
        if let Some(file) = exists(&[&base, ".py"]).or_else(|| exists(&[&base, "/__init__.py"])) {
            found.push(file);
        }
        // `from pkg import submodule` imports `pkg/submodule.py`.
        let separator = if base.is_empty() { "" } else { "/" };
        for name in names {
            found.extend(exists(&[&base, separator, name, ".py"]));
            found.extend(exists(&[&base, separator, name, "/__init__.py"]));
        }
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

fn join(dir: &str, rest: &str) -> String {
    match (dir.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_string(),
        (_, true) => dir.to_string(),
        _ => format!("{dir}/{rest}"),
    }
}

/// Resolves `.` and `..` segments; `None` if the path climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(path: &str, imports: Vec<Import>, server: bool) -> FileFacts {
        let language = if path.ends_with(".py") { Language::Python } else { Language::TypeScript };
        let mut facts = FileFacts::new(path, language, FileRole::Source);
        facts.imports = imports;
        facts.server_framework = server.then_some("test");
        facts
    }

    fn py(level: u32, module: &str, names: &[&str]) -> Import {
        Import::Py { level, module: module.into(), names: names.iter().map(|n| (*n).to_string()).collect() }
    }

    #[test]
    fn python_reachability_follows_absolute_and_relative_imports() {
        let model = ProjectModel::build(vec![
            facts("api/routes/messages.py", vec![py(0, "workflows.steps.pipeline", &["run"])], true),
            facts("workflows/steps/pipeline.py", vec![py(1, "review", &["ask"])], false),
            facts("workflows/steps/review.py", vec![], false),
            facts("cli/tool.py", vec![py(0, "workflows.steps", &["review"])], false),
        ]);
        let reach = |p: &str| model.server_reaching(p).map(|f| f.path.as_str());
        assert_eq!(reach("workflows/steps/review.py"), Some("api/routes/messages.py"));
        assert_eq!(reach("workflows/steps/pipeline.py"), Some("api/routes/messages.py"));
        assert_eq!(reach("api/routes/messages.py"), Some("api/routes/messages.py"));
        assert_eq!(reach("cli/tool.py"), None);
    }

    #[test]
    fn python_imports_resolve_at_the_nearest_root_that_holds_them() {
        let files =
            ["svc/app/main.py", "svc/app/util.py", "svc/pkg/__init__.py", "svc/pkg/sub.py", "top.py", "helper.py"];
        let paths: FxHashSet<&str> = files.into_iter().collect();
        let folders = Folders::of(&paths);
        let resolve = |from: &str, import: Import| resolve(from, &import, &paths, &folders);
        // A module file beside the importer, with no folder of its name.
        assert_eq!(resolve("svc/app/main.py", py(0, "util", &[])), ["svc/app/util.py"]);
        // A package two roots up, and the submodule a `from … import` names.
        assert_eq!(resolve("svc/app/main.py", py(0, "pkg", &["sub"])), ["svc/pkg/__init__.py", "svc/pkg/sub.py"]);
        // From the scan root; a relative import at the root; the standard library: nothing.
        assert_eq!(resolve("svc/app/main.py", py(0, "top", &[])), ["top.py"]);
        assert_eq!(resolve("top.py", py(1, "", &["helper"])), ["helper.py"]);
        assert!(resolve("svc/app/main.py", py(0, "os.path", &["join"])).is_empty());
    }

    #[test]
    fn js_resolution_tries_extensions_index_files_and_aliases() {
        let model = ProjectModel::build(vec![
            facts("src/server.ts", vec![Import::Js("./routes/index.js".into()), Import::Js("@/lib/db".into())], true),
            facts("src/routes/index.ts", vec![Import::Js("../util".into())], false),
            facts("src/util/index.ts", vec![], false),
            facts("src/lib/db.ts", vec![], false),
            facts("src/cli.ts", vec![Import::Js("express-like".into())], false),
        ]);
        for path in ["src/routes/index.ts", "src/util/index.ts", "src/lib/db.ts"] {
            assert!(model.server_reaching(path).is_some(), "{path}");
        }
        assert!(model.server_reaching("src/cli.ts").is_none());
    }

    #[test]
    fn server_frameworks_are_recognised() {
        assert_eq!(js_server_framework("a.ts", &[Import::Js("express".into())]), Some("Express"));
        assert_eq!(js_server_framework("pages/api/user.ts", &[]), Some("Next.js"));
        assert_eq!(js_server_framework("src/app/api/health/route.ts", &[]), Some("Next.js"));
        assert_eq!(js_server_framework("src/app/page.tsx", &[]), None);
        assert_eq!(py_server_framework(&[py(0, "fastapi", &["APIRouter"])]), Some("FastAPI"));
        assert_eq!(py_server_framework(&[py(0, "aiohttp", &["web"])]), Some("aiohttp"));
        assert_eq!(py_server_framework(&[py(0, "flask_cors", &["CORS"])]), None);
        assert_eq!(py_server_framework(&[py(0, "django.http.response", &[])]), Some("Django"));
    }

    fn served(path: &str, language: Language, framework: &'static str, evidence: Evidence) -> FileFacts {
        let mut facts = FileFacts::new(path, language, FileRole::Source);
        facts.server_framework = Some(framework);
        facts.evidence = evidence;
        facts
    }

    #[test]
    fn libraries_and_a_frameworks_own_tree_are_not_services() {
        let services = |files: Vec<FileFacts>| -> Vec<bool> {
            ProjectModel::build(files).projects().iter().map(Project::is_service).collect()
        };
        // A Go program serving HTTP is a service, even when the serving code is in a package.
        let program = vec![
            served("server/server.go", Language::Go, "net/http", Evidence::empty()),
            FileFacts { evidence: Evidence::GO_MAIN, ..FileFacts::new("main.go", Language::Go, FileRole::Source) },
        ];
        assert_eq!(services(program), [true]);
        // A Go library (a framework, a middleware package) that wraps `net/http` is not.
        assert_eq!(services(vec![served("gin.go", Language::Go, "net/http", Evidence::empty())]), [false]);
        // Django's own package imports `django.urls`; an app beside it would be a service.
        let django = vec![
            served("django/contrib/admin/sites.py", Language::Python, "Django", Evidence::empty()),
            FileFacts::new("django/__init__.py", Language::Python, FileRole::Source),
        ];
        assert_eq!(services(django), [false]);
        assert_eq!(services(vec![served("shop/urls.py", Language::Python, "Django", Evidence::empty())]), [true]);
    }

    #[test]
    fn normalize_refuses_to_climb_out() {
        assert_eq!(normalize("a/./b/../c").as_deref(), Some("a/c"));
        assert_eq!(normalize("../x"), None);
    }
}
