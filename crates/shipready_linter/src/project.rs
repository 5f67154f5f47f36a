//! The project model: which files import which, and which are web-server code.
//!
//! Facts are gathered per file during the same walk that runs the checks (see `runner`), then
//! joined here once the whole tree is read. Checks ask the model questions such as "is this file
//! reachable from a server?" through [`Gate`](crate::Gate)s.

use std::collections::VecDeque;

use rustc_hash::{FxHashMap, FxHashSet};
use shipready_lang::{FileRole, Language};

/// A module a file imports, as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// What the walk of one file learned for the project model.
#[derive(Debug, Clone)]
pub struct FileFacts {
    pub path: String,
    pub language: Language,
    pub role: FileRole,
    pub imports: Vec<Import>,
    /// The web framework this file serves HTTP with, if it is server code.
    pub server_framework: Option<&'static str>,
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
            // `from aiohttp import web` imports `aiohttp.web`.
            if matches(module) || names.iter().any(|n| matches(&format!("{module}.{n}"))) {
                return Some(name);
            }
        }
    }
    None
}

/// The whole tree's import graph and what can be reached from server code.
#[derive(Debug, Default)]
pub struct ProjectModel {
    files: Vec<FileFacts>,
    by_path: FxHashMap<String, usize>,
    /// For each file, the server module that reaches it first (itself, for server modules).
    reached_from: Vec<Option<usize>>,
}

impl ProjectModel {
    pub fn build(mut files: Vec<FileFacts>) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let by_path: FxHashMap<String, usize> = files.iter().enumerate().map(|(i, f)| (f.path.clone(), i)).collect();
        let paths: FxHashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let edges: Vec<Vec<usize>> = files
            .iter()
            .map(|file| {
                let mut targets: Vec<usize> = file
                    .imports
                    .iter()
                    .flat_map(|import| resolve(&file.path, import, &paths))
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
        Self { files, by_path, reached_from }
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

const JS_EXTENSIONS: &[&str] = &["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"];

/// Candidate paths, relative to the scan root, that an import may name. Bare package names
/// resolve to nothing: only the tree's own files are modules here.
fn resolve(from: &str, import: &Import, paths: &FxHashSet<&str>) -> Vec<String> {
    let dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
    match import {
        Import::Js(specifier) => resolve_js(dir, specifier, paths).into_iter().collect(),
        Import::Py { level, module, names } => resolve_py(dir, *level, module, names, paths),
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
        let stem =
            ["js", "jsx", "mjs", "cjs"].iter().find_map(|ext| base.strip_suffix(&format!(".{ext}"))).unwrap_or(&base);
        for ext in JS_EXTENSIONS {
            for candidate in [format!("{stem}.{ext}"), format!("{base}/index.{ext}")] {
                if paths.contains(candidate.as_str()) {
                    return Some(candidate);
                }
            }
        }
    }
    None
}

fn resolve_py(dir: &str, level: u32, module: &str, names: &[String], paths: &FxHashSet<&str>) -> Vec<String> {
    let module_path = module.replace('.', "/");
    // Relative imports start from the importing package; absolute ones from any ancestor folder
    // (the scan root, `src/`, or a service folder inside a monorepo), nearest first.
    let roots: Vec<String> = if level > 0 {
        let mut base = dir.to_string();
        for _ in 1..level {
            base = base.rsplit_once('/').map_or(String::new(), |(parent, _)| parent.to_string());
        }
        vec![base]
    } else {
        let mut roots = vec![dir.to_string()];
        let mut current = dir;
        while let Some((parent, _)) = current.rsplit_once('/') {
            roots.push(parent.to_string());
            current = parent;
        }
        if !dir.is_empty() {
            roots.push(String::new());
        }
        roots
    };
    for root in roots {
        let base = join(&root, &module_path);
        let mut found = Vec::new();
        let module_file = [format!("{base}.py"), format!("{base}/__init__.py")]
            .into_iter()
            .find(|candidate| paths.contains(candidate.as_str()));
        if let Some(file) = module_file {
            found.push(file);
        }
        // `from pkg import submodule` imports `pkg/submodule.py`.
        for name in names {
            let sub = join(&base, name);
            for candidate in [format!("{sub}.py"), format!("{sub}/__init__.py")] {
                if paths.contains(candidate.as_str()) {
                    found.push(candidate);
                }
            }
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
        FileFacts {
            path: path.into(),
            language,
            role: FileRole::Source,
            imports,
            server_framework: server.then_some("test"),
        }
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

    #[test]
    fn normalize_refuses_to_climb_out() {
        assert_eq!(normalize("a/./b/../c").as_deref(), Some("a/c"));
        assert_eq!(normalize("../x"), None);
    }
}
