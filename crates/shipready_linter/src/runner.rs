//! The per-file pipeline: parse once, walk once, dispatch every applicable rule by node kind.

use std::fmt::Write as _;

use shipready_diagnostics::{Finding, Fingerprint, RuleMeta, Span, assign_fingerprints};
use shipready_lang::oxc::allocator::Allocator;
use shipready_lang::oxc::ast::ast::Expression;
use shipready_lang::oxc::ast::ast_kind::AST_TYPE_MAX;
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal};
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, NodeKind};
use shipready_lang::ruff::text_size::Ranged;
use shipready_lang::{FileRole, Language, LineIndex, SyntaxError, dockerfile, js, json, nesting, python, tree, yaml};

use crate::context::{
    FileContext, FileInfo, Gate, IntoSpan, JsContext, ProjectContext, PyContext, Report, Sink, TreeContext,
};
use crate::helpers;
use crate::prefilter::TextScan;
use crate::project::{Anchor, Evidence, FileFacts, Import, ProjectModel, manifest, server_framework};
use crate::rule::{DeclaredRule, DynRule, Rule};
use crate::settings::RuleSettings;
use crate::suppression::{self, Directive};

/// A registered rule: its metadata, where it applies, and the rule itself.
pub struct RuleEntry {
    pub meta: &'static RuleMeta,
    pub languages: &'static [Language],
    pub roles: &'static [FileRole],
    /// Whether the rule judges projects rather than files (its languages are empty).
    pub project_level: bool,
    /// Whether the rule's findings come from the scan as a whole (see [`Rule::SCAN_LEVEL`]).
    pub scan_level: bool,
    js_kinds: &'static [AstType],
    py_kinds: &'static [NodeKind],
    pub(crate) rust_kinds: &'static [&'static str],
    pub(crate) go_kinds: &'static [&'static str],
    pub(crate) html_kinds: &'static [&'static str],
    pub(crate) needles: &'static [&'static str],
    rule: Box<dyn DynRule>,
}

impl RuleEntry {
    pub(crate) fn of<R: Rule>() -> Self {
        Self {
            meta: const { &<R as DeclaredRule>::META },
            languages: R::LANGUAGES,
            roles: R::ROLES,
            project_level: R::PROJECT_LEVEL,
            scan_level: R::SCAN_LEVEL,
            js_kinds: R::JS_KINDS,
            py_kinds: R::PY_KINDS,
            rust_kinds: R::RUST_KINDS,
            go_kinds: R::GO_KINDS,
            html_kinds: R::HTML_KINDS,
            needles: R::NEEDLES,
            rule: Box::new(R::default()),
        }
    }

    pub fn applies_to(&self, language: Language, role: FileRole) -> bool {
        !self.scan_level && self.languages.contains(&language) && self.roles.contains(&role)
    }
}

/// One file handed to the linter: already read, classified and known to be UTF-8.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// Relative to the scan root, `/`-separated.
    pub path: &'a str,
    pub language: Language,
    pub role: FileRole,
    pub text: &'a str,
}

/// A finding and the project condition it still needs (see [`Gate`]).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct GatedFinding {
    pub finding: Finding,
    pub gate: Gate,
}

/// What linting one file produced.
#[derive(Debug)]
pub struct FileOutcome {
    pub findings: Vec<GatedFinding>,
    /// Facts for the project model; `None` for text files and code that did not parse.
    pub facts: Option<FileFacts>,
    /// Why the file was not fully checked, if it was not (only text-level checks then ran).
    pub skipped: Option<String>,
    /// The suppression comments of the file, read from its comments (none when it did not parse).
    pub directives: Vec<Directive>,
}

/// Lines of source kept in a finding's snippet, and characters.
const SNIPPET_LINES: u32 = 5;
const SNIPPET_CHARS: usize = 1_000;

/// Runs a set of rules over files. Built once per scan; `lint` is called from many threads.
pub struct Linter {
    rules: Vec<RuleEntry>,
    /// For each oxc `AstType`, the indices of the rules that want it.
    js_dispatch: Vec<Vec<usize>>,
    /// For each ruff `NodeKind`, the indices of the rules that want it.
    py_dispatch: Vec<Vec<usize>>,
    /// For each tree-sitter-rust kind id, the indices of the rules that want it.
    rust_dispatch: Vec<Vec<usize>>,
    /// For each tree-sitter-go kind id, the indices of the rules that want it.
    go_dispatch: Vec<Vec<usize>>,
    /// For each tree-sitter-html kind id, the indices of the rules that want it.
    html_dispatch: Vec<Vec<usize>>,
    /// Per language (by [`Language`] discriminant), the needles of the rules that check it and
    /// the evidence needles in one automaton, so that a file's text is searched once for all of
    /// them. Built on first use: a scan meets few of the languages.
    text_scans: [std::sync::OnceLock<Option<TextScan>>; Language::ALL.len()],
    settings: RuleSettings,
}

impl Linter {
    pub fn new(rules: Vec<RuleEntry>) -> Self {
        let mut js_dispatch = vec![Vec::new(); AST_TYPE_MAX as usize + 1];
        let mut py_dispatch = vec![Vec::new(); NodeKind::Identifier as usize + 1];
        for (index, entry) in rules.iter().enumerate() {
            for &kind in entry.js_kinds {
                js_dispatch[kind as usize].push(index);
            }
            for &kind in entry.py_kinds {
                py_dispatch[kind as usize].push(index);
            }
        }
        let rust_dispatch = tree_dispatch(&rules, Language::Rust, |entry| entry.rust_kinds);
        let go_dispatch = tree_dispatch(&rules, Language::Go, |entry| entry.go_kinds);
        let html_dispatch = tree_dispatch(&rules, Language::Html, |entry| entry.html_kinds);
        Self {
            text_scans: Default::default(),
            rules,
            js_dispatch,
            py_dispatch,
            rust_dispatch,
            go_dispatch,
            html_dispatch,
            settings: RuleSettings::default(),
        }
    }

    /// The linter with these thresholds and word lists instead of the defaults.
    #[must_use]
    pub fn with_settings(mut self, settings: RuleSettings) -> Self {
        self.settings = settings;
        self
    }

    pub fn rules(&self) -> &[RuleEntry] {
        &self.rules
    }

    /// Whether the rule with this id is one the linter runs.
    pub fn runs(&self, id: &str) -> bool {
        self.rules.iter().any(|rule| rule.meta.id == id)
    }

    /// Whether a file of this language and role needs reading: some enabled rule checks it, or
    /// it is the project's own code, which feeds the project model. Vendored, generated and
    /// minified code that no rule checks is not read at all.
    pub fn wants(&self, language: Language, role: FileRole) -> bool {
        (language.is_code() && !is_foreign(role)) || self.rules.iter().any(|rule| rule.applies_to(language, role))
    }

    /// Checks one file: parse once, walk once, run every applicable rule.
    pub fn lint(&self, file: SourceFile<'_>) -> FileOutcome {
        self.lint_with(file, &self.settings)
    }

    /// Checks one file with these rule settings instead of the linter's own (a sub-folder's
    /// configuration).
    pub fn lint_with(&self, file: SourceFile<'_>, settings: &RuleSettings) -> FileOutcome {
        let mut active: Vec<bool> = self.rules.iter().map(|r| r.applies_to(file.language, file.role)).collect();
        let text_scan =
            self.text_scans[file.language as usize].get_or_init(|| TextScan::new(&self.rules, Some(file.language)));
        let evidence = match text_scan {
            Some(text_scan) => text_scan.scan(file.text, &mut active),
            None => Evidence::empty(),
        };
        let mut info = FileInfo {
            path: file.path,
            language: file.language,
            role: file.role,
            text: file.text,
            line_index: std::cell::OnceCell::new(),
            comments: Vec::new(),
            settings,
            eslint_blocks: std::cell::OnceCell::new(),
            memo: crate::context::FileMemo::default(),
        };
        let mut reports = Vec::new();
        let mut facts = None;
        let mut skipped = None;
        // Suppression comments are read only where their token occurs at all.
        let has_directives = memchr::memmem::find(file.text.as_bytes(), suppression::TOKEN.as_bytes()).is_some();

        // Code found to be generated or minified only once read: nothing to check, no facts. A
        // manifest a tool wrote (`cargo package` marks the Cargo.toml it normalises "generated")
        // still declares its package.
        if is_foreign(file.role) && !active.contains(&true) && manifest::manifest_kind(info.file_name()).is_none() {
            return FileOutcome { findings: Vec::new(), facts: None, skipped: None, directives: Vec::new() };
        }

        // tree-sitter and the Dockerfile parser do not recurse per nesting level; the others do.
        let guarded = !matches!(
            file.language,
            Language::Rust | Language::Go | Language::Html | Language::Dockerfile | Language::Text
        );
        if guarded && nesting::nests_deeper_than(file.text, nesting::MAX_NESTING) {
            skipped = Some(format!("nested deeper than {} levels; only text-level checks ran", nesting::MAX_NESTING));
        } else {
            let parsed = match file.language {
                Language::JavaScript | Language::TypeScript => self.walk_js(&mut info, &active, &mut reports).map(Some),
                Language::Python => self.walk_py(&mut info, &active, &mut reports).map(Some),
                Language::Rust | Language::Go => self.walk_tree(&mut info, &active, &mut reports).map(Some),
                // Markup feeds no project facts, so it is parsed only for a rule that may match
                // or for the suppression comments it may hold.
                Language::Html if !active.contains(&true) && !has_directives => Ok(None),
                Language::Html => self.walk_tree(&mut info, &active, &mut reports).map(|_| None),
                Language::Dockerfile | Language::Yaml | Language::Json => {
                    self.check_document(&mut info, &active, has_directives, &mut reports).map(|multi_instance| {
                        multi_instance.then(|| WalkFacts { multi_instance: true, ..WalkFacts::default() })
                    })
                }
                Language::Text => {
                    if has_directives {
                        info.comments = text_comments(&info);
                    }
                    Ok(None)
                }
            };
            match parsed {
                Ok(Some(walked)) => {
                    let mut file_facts = FileFacts::new(file.path, file.language, file.role);
                    file_facts.server_framework =
                        server_framework(file.language, file.path, &walked.imports).filter(|_| walked.serves_http);
                    file_facts.app_anchor = walked.app.map(|span| anchor(&info, span));
                    file_facts.imports = walked.imports;
                    file_facts.routes = walked.routes;
                    if walked.multi_instance {
                        file_facts.evidence.insert(Evidence::MULTI_INSTANCE);
                    }
                    file_facts.test_cases = walked.test_cases;
                    file_facts.has_logic = walked.has_logic;
                    facts = Some(file_facts);
                }
                Ok(None) => {}
                Err(error) => {
                    let (line, column) = info.line_index().position(info.text, error.offset);
                    skipped = Some(format!("syntax error at {line}:{column}: {error}; only text-level checks ran"));
                }
            }
        }

        // Project-level facts every read file can carry: text evidence and manifest contents.
        let manifest = manifest::parse(info.file_name(), file.text);
        let evidence = if matches!(file.language, Language::Json | Language::Html | Language::Text) {
            Evidence::empty()
        } else {
            evidence
        };
        if file.role == FileRole::Test
            && let Some(facts) = facts.as_mut()
        {
            facts.critical_names = crate::rules::testing::critical_names(file.text);
        }
        if file.role == FileRole::Source
            && let Some(facts) = facts.as_mut()
            && crate::rules::testing::names_only_ambiguous_words(file.path)
        {
            facts.security_terms = crate::rules::testing::mentions_security(file.text);
        }
        if manifest.is_some() || evidence != Evidence::empty() || facts.is_some() {
            let facts = facts.get_or_insert_with(|| FileFacts::new(file.path, file.language, file.role));
            facts.manifest = manifest;
            facts.head = Some(head_anchor(&info));
            facts.evidence.insert(evidence);
        }

        for (entry, _) in self.rules.iter().zip(&active).filter(|(_, active)| **active) {
            let mut sink = Sink::new(entry.meta);
            entry.rule.check_file(&mut FileContext { file: &info, sink: &mut sink });
            sink.drain_into(&mut reports);
        }

        let directives = if has_directives { suppression::directives(&info) } else { Vec::new() };
        FileOutcome { findings: place(&info, reports), facts, skipped, directives }
    }

    /// The physical floor of a scan, for benchmarks: what `lint` costs before any check or fact
    /// extraction runs. Parses the file with the same parser and options as `lint` (oxc with its
    /// semantic model, ruff's parser, tree-sitter, the document parsers), behind the same nesting
    /// guard, and drops the tree. Returns whether the file parsed.
    pub fn parse_only(file: SourceFile<'_>) -> bool {
        // What the scan itself leaves unparsed (code found to be generated once read).
        if is_foreign(file.role) {
            return true;
        }
        let guarded = !matches!(
            file.language,
            Language::Rust | Language::Go | Language::Html | Language::Dockerfile | Language::Text
        );
        if guarded && nesting::nests_deeper_than(file.text, nesting::MAX_NESTING) {
            return false;
        }
        let name = file.path.rsplit('/').next().unwrap_or(file.path);
        match file.language {
            Language::JavaScript | Language::TypeScript => {
                let allocator = Allocator::default();
                js::parse(&allocator, file.text, js::source_type_for(name)).is_ok()
            }
            Language::Python => python::parse(file.text).is_ok(),
            Language::Rust | Language::Go | Language::Html => tree::parse(file.language, file.text).is_ok(),
            Language::Dockerfile => dockerfile::parse(file.text).is_ok(),
            Language::Yaml => yaml::parse(file.text).is_ok(),
            Language::Json => json::parse_with_comments(file.text).is_ok(),
            Language::Text => true,
        }
    }

    /// Parses and walks a JS/TS file; returns what it tells the project model.
    fn walk_js(
        &self,
        info: &mut FileInfo<'_>,
        active: &[bool],
        reports: &mut Vec<Report>,
    ) -> Result<WalkFacts, SyntaxError> {
        let allocator = Allocator::default();
        let source_type = js::source_type_for(info.file_name());
        let parsed = js::parse(&allocator, info.text, source_type)?;
        info.comments = parsed.program.comments.iter().map(|c| c.span.into_span()).collect();

        let walked = js_facts(&parsed, info.path);
        let dispatch = Dispatch::new(&self.js_dispatch, active);
        let mut sink = Sink::new(&PLACEHOLDER_META);
        for node in parsed.semantic.nodes().iter() {
            for &index in dispatch.rules(node.kind().ty() as usize) {
                let entry = &self.rules[index];
                sink.rule = entry.meta;
                let mut ctx = JsContext {
                    file: info,
                    semantic: &parsed.semantic,
                    module_record: &parsed.module_record,
                    imports: &walked.imports,
                    sink: &mut sink,
                };
                entry.rule.check_js(node, &mut ctx);
            }
        }
        sink.drain_into(reports);
        Ok(walked)
    }

    /// Parses and walks a Python file; returns what it tells the project model.
    fn walk_py(
        &self,
        info: &mut FileInfo<'_>,
        active: &[bool],
        reports: &mut Vec<Report>,
    ) -> Result<WalkFacts, SyntaxError> {
        let parsed = python::parse(info.text)?;
        info.comments = parsed.comment_spans();
        let mut walker = PyWalker {
            linter: self,
            dispatch: Dispatch::new(&self.py_dispatch, active),
            info,
            module: parsed.module(),
            stack: Vec::with_capacity(64),
            sink: Sink::new(&PLACEHOLDER_META),
            imports: Vec::new(),
        };
        walker.visit_body(&parsed.module().body);
        walker.sink.drain_into(reports);
        let stem = info.file_name().rsplit_once('.').map_or(info.file_name(), |(stem, _)| stem);
        let body = &parsed.module().body;
        Ok(WalkFacts {
            imports: walker.imports,
            serves_http: helpers::py::serves_http(body, stem),
            routes: helpers::py::routes(body),
            app: helpers::py::app_construction(body).map(|stmt| stmt.range().into_span()),
            multi_instance: false,
            test_cases: helpers::py::declares_test_cases(body),
            has_logic: helpers::py::has_logic(body),
        })
    }
}

/// Code the project did not write: it is neither checked by default nor part of the project model.
fn is_foreign(role: FileRole) -> bool {
    matches!(role, FileRole::Vendored | FileRole::Generated | FileRole::Minified)
}

/// What a JS/TS file tells the project model (imports from the module record plus
/// `require("x")` and `import("x")` calls; whether it serves HTTP; its routes; where it builds its
/// app), found in one flat pass over the node store before the rules run.
fn js_facts(parsed: &js::JsParse<'_>, path: &str) -> WalkFacts {
    let mut facts = WalkFacts {
        imports: parsed.module_record.requested_modules.keys().map(|s| Import::Js(s.to_string())).collect(),
        ..WalkFacts::default()
    };
    // Next.js route modules serve HTTP by location, at the first statement.
    if let Some(route) = helpers::js::nextjs_route(path) {
        facts.serves_http = true;
        facts.routes.push(route);
        facts.app = parsed.program.body.first().map(|statement| statement.span().into_span());
    }
    for node in parsed.semantic.nodes().iter() {
        let kind = node.kind();
        // Only calls, `new` and decorators serve HTTP, declare tests or routes, build apps or
        // import; the other kinds only may be logic.
        if !matches!(
            kind,
            AstKind::CallExpression(_)
                | AstKind::NewExpression(_)
                | AstKind::Decorator(_)
                | AstKind::ImportExpression(_)
        ) {
            facts.has_logic = facts.has_logic || helpers::js::is_logic(&kind);
            continue;
        }
        facts.serves_http = facts.serves_http || helpers::js::serves_http(&kind);
        facts.test_cases = facts.test_cases || helpers::js::is_test_case(&kind);
        facts.has_logic = facts.has_logic || helpers::js::is_logic(&kind);
        if let Some(route) = helpers::js::route_path(&kind) {
            facts.routes.push(route);
        }
        if facts.app.is_none() && helpers::js::is_app_construction(&kind) {
            facts.app = Some(kind.span().into_span());
        }
        match kind {
            AstKind::CallExpression(call) => {
                if let Some(source) = call.common_js_require() {
                    facts.imports.push(Import::Js(source.value.to_string()));
                }
            }
            AstKind::ImportExpression(import) => {
                if let Expression::StringLiteral(source) = &import.source {
                    facts.imports.push(Import::Js(source.value.to_string()));
                }
            }
            _ => {}
        }
    }
    facts.imports.sort();
    facts.imports.dedup();
    facts
}

/// What one walk learned for the project model.
#[derive(Debug, Default)]
pub(crate) struct WalkFacts {
    pub(crate) imports: Vec<Import>,
    pub(crate) serves_http: bool,
    pub(crate) routes: Vec<String>,
    /// Where the file builds its app, router or server.
    pub(crate) app: Option<Span>,
    /// A deployment file that runs several instances (Kubernetes `replicas` > 1, an HPA).
    pub(crate) multi_instance: bool,
    /// The file declares test cases (`it(…)`, `def test_…`, `func TestX`, `#[test]`).
    pub(crate) test_cases: bool,
    /// The file holds logic, not only declarations (see [`FileFacts::has_logic`]).
    pub(crate) has_logic: bool,
}

/// The file's first line as an anchor for project findings, found without indexing every line
/// of the file (most files never need their line index).
fn head_anchor(info: &FileInfo<'_>) -> Anchor {
    let first = info.text.find('\n').map_or(info.text, |end| &info.text[..end]);
    let index = LineIndex::new(first);
    let span = index.line_span(first, 1);
    Anchor {
        path: info.path.to_string(),
        span,
        location: index.location(first, span),
        snippet: index.snippet(first, span, 1).to_string(),
    }
}

/// An anchor for project findings at `span` of the file.
fn anchor(info: &FileInfo<'_>, span: Span) -> Anchor {
    let span = clamp(span, info.text.len());
    Anchor {
        path: info.path.to_string(),
        span,
        location: info.line_index().location(info.text, span),
        snippet: info.line_index().snippet(info.text, span, 1).to_string(),
    }
}

impl Linter {
    /// Parses and walks a Rust, Go or HTML file with tree-sitter; returns its imports and whether it
    /// serves HTTP. The walk is a cursor loop, so nesting depth cannot overflow the stack.
    fn walk_tree(
        &self,
        info: &mut FileInfo<'_>,
        active: &[bool],
        reports: &mut Vec<Report>,
    ) -> Result<WalkFacts, SyntaxError> {
        let language = info.language;
        let parsed = tree::parse(language, info.text)?;
        let dispatch = Dispatch::new(
            match language {
                Language::Rust => &self.rust_dispatch,
                Language::Html => &self.html_dispatch,
                _ => &self.go_dispatch,
            },
            active,
        );
        // One cursor walk (cursor moves are most of a walk's cost) records the nodes in source
        // order with their depth, and the comments, which the rules may ask about anywhere in
        // the file before they run.
        let root = parsed.root_node();
        let (nodes, comments) = preorder(root, language, info.text);
        info.comments = comments;
        let mut facts = WalkFacts::default();
        let mut sink = Sink::new(&PLACEHOLDER_META);
        // Rust test items, found as the walk meets them: a test attribute marks the next named
        // sibling, per depth (`test_attribute[depth]`), and the item's range is recorded before
        // its contents are visited.
        let mut rust_tests: Vec<(usize, usize)> = Vec::new();
        let mut test_attribute: Vec<bool> = Vec::new();
        let names = tree::kind_names(language);
        for &(node, depth, id) in &nodes {
            let depth = depth as usize;
            let kind = names.get(usize::from(id)).copied().unwrap_or_else(|| node.kind());
            if language == Language::Rust {
                test_attribute.resize(depth + 1, false);
                let marked = &mut test_attribute[depth];
                match kind {
                    "attribute_item" => *marked |= helpers::tree::is_test_attribute(tree::text(node, info.text)),
                    "line_comment" | "block_comment" => {}
                    kind => {
                        if *marked && matches!(kind, "mod_item" | "function_item" | "impl_item") {
                            rust_tests.push((node.start_byte(), node.end_byte()));
                        }
                        *marked = false;
                    }
                }
            }
            helpers::tree::collect_facts(language, node, kind, info.text, &mut facts);
            helpers::tree::note_tests_and_logic(language, node, kind, info.text, &mut facts);
            for &index in dispatch.rules(usize::from(id)) {
                let entry = &self.rules[index];
                sink.rule = entry.meta;
                entry
                    .rule
                    .check_tree(node, &mut TreeContext { file: info, root, rust_tests: &rust_tests, sink: &mut sink });
            }
        }
        sink.drain_into(reports);
        facts.imports.sort();
        facts.imports.dedup();
        Ok(facts)
    }

    /// Parses a Dockerfile, YAML or JSON document, notes its comments (YAML's only when it may
    /// hold a suppression directive), and runs the document
    /// hooks of active rules. Returns whether the document deploys several instances of a
    /// service (for the project model): a Kubernetes workload with `replicas` above one, or a
    /// HorizontalPodAutoscaler.
    fn check_document(
        &self,
        info: &mut FileInfo<'_>,
        active: &[bool],
        has_directives: bool,
        reports: &mut Vec<Report>,
    ) -> Result<bool, SyntaxError> {
        match info.language {
            Language::Dockerfile => {
                let parsed = dockerfile::parse(info.text)?;
                info.comments = dockerfile::comments(info.text, &parsed);
                self.run_document_hooks(info, active, reports, &|rule, ctx| rule.check_dockerfile(&parsed, ctx));
            }
            Language::Yaml => {
                let documents = yaml::parse(info.text)?;
                // A second, event-level parse: only for the suppression comments it may hold.
                if has_directives {
                    info.comments = yaml::comments(info.text, info.line_index());
                }
                self.run_document_hooks(info, active, reports, &|rule, ctx| rule.check_yaml(&documents, ctx));
                return Ok(documents.iter().any(deploys_several_instances));
            }
            Language::Json => {
                let (document, comments) = json::parse_with_comments(info.text)?;
                info.comments = comments;
                if let Some(document) = document {
                    self.run_document_hooks(info, active, reports, &|rule, ctx| rule.check_json(&document, ctx));
                }
            }
            _ => {}
        }
        Ok(false)
    }

    fn run_document_hooks(
        &self,
        info: &FileInfo<'_>,
        active: &[bool],
        reports: &mut Vec<Report>,
        check: &dyn Fn(&dyn DynRule, &mut FileContext<'_>),
    ) {
        for (entry, _) in self.rules.iter().zip(active).filter(|(_, active)| **active) {
            let mut sink = Sink::new(entry.meta);
            check(entry.rule.as_ref(), &mut FileContext { file: info, sink: &mut sink });
            sink.drain_into(reports);
        }
    }
}

/// The comments of a text file that has no parser of its own: TOML through its lexer, `.env`
/// files through the dotenv tokenizer, anything else (`#`-commented shell, INI, requirements…)
/// by line, outside quotes. `//` and `;` comments are not recognised.
fn text_comments(info: &FileInfo<'_>) -> Vec<Span> {
    let name = info.file_name().to_ascii_lowercase();
    if shipready_lang::classify::is_env_file_name(&name) {
        helpers::dotenv::comments(info.text)
    } else if name.ends_with(".toml") || name == "pipfile" {
        shipready_lang::text::toml_comments(info.text)
    } else {
        shipready_lang::text::line_comments_where(info.text, |_| true)
    }
}

/// A Kubernetes workload or Compose service that runs more than one instance, or an autoscaler.
fn deploys_several_instances(document: &yaml::Node<'_>) -> bool {
    let kind = yaml::get(document, "kind").and_then(yaml::as_str);
    if kind == Some("HorizontalPodAutoscaler") {
        return true;
    }
    let k8s_replicas = yaml::get(document, "spec").and_then(|spec| yaml::get(spec, "replicas")).and_then(yaml::as_i64);
    let compose_replicas = yaml::get(document, "services").into_iter().flat_map(yaml::entries).any(|(_, service)| {
        yaml::get(service, "deploy")
            .and_then(|deploy| yaml::get(deploy, "replicas"))
            .and_then(yaml::as_i64)
            .is_some_and(|n| n > 1)
    });
    k8s_replicas.is_some_and(|n| n > 1) || compose_replicas
}

/// A tree's named nodes in preorder, each with its depth and kind id, and its comments' spans.
type Preorder<'t> = (Vec<(tree::Node<'t>, u32, u16)>, Vec<Span>);

/// Every named node of a tree in source order (preorder) with its depth and kind id, and the
/// spans of its comments, from one cursor walk. Tokens (`(`, `fn`, `;`) are stepped over: no rule
/// or fact looks at them, and they are nearly half the nodes. So are the insides of Rust token
/// trees (macro arguments and bodies, attribute arguments) that hold no comment: tree-sitter
/// leaves them unparsed tokens (identifiers, literals, punctuation), of no kind a rule or fact
/// dispatches on, and rules that read a macro's arguments go down from the macro themselves.
fn preorder<'t>(root: tree::Node<'t>, language: Language, text: &str) -> Preorder<'t> {
    let names = tree::kind_names(language);
    let named = tree::kind_named(language);
    // About one named node per eight bytes of source, in practice.
    let mut nodes = Vec::with_capacity(text.len() / 8 + 1);
    let mut comments = Vec::new();
    let mut cursor = root.walk();
    // For each node the cursor is inside, how many of its children are left to visit: after the
    // last one the cursor goes straight up, since a failed move to a next sibling costs as much
    // as one that succeeds.
    let mut left: Vec<u32> = Vec::with_capacity(64);
    loop {
        let node = cursor.node();
        let id = node.kind_id();
        let name = names.get(usize::from(id)).copied();
        if named.get(usize::from(id)).copied().unwrap_or_else(|| node.is_named()) {
            nodes.push((node, left.len() as u32, id));
            if matches!(name, Some("comment" | "line_comment" | "block_comment")) {
                comments.push(node.into_span());
            }
        }
        let children = node.child_count();
        let opaque =
            language == Language::Rust && name == Some("token_tree") && !may_hold_comment(tree::text(node, text));
        if children > 0 && !opaque && cursor.goto_first_child() {
            left.push(children - 1);
            continue;
        }
        loop {
            match left.last_mut() {
                None => return (nodes, comments),
                Some(0) => {
                    left.pop();
                    cursor.goto_parent();
                }
                Some(siblings) => {
                    *siblings -= 1;
                    if cursor.goto_next_sibling() {
                        break;
                    }
                    // Fewer siblings than counted (never seen): up all the same.
                    left.pop();
                    cursor.goto_parent();
                }
            }
        }
    }
}

/// Whether source text may hold a `//` or `/*` comment.
fn may_hold_comment(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'/', bytes).any(|at| matches!(bytes.get(at + 1), Some(b'/' | b'*')))
}

/// For each kind id of a tree-sitter grammar, the rules that want nodes of that kind. Kinds are
/// matched by name over every id, so aliased kinds (several ids, one name) all dispatch.
fn tree_dispatch(
    rules: &[RuleEntry],
    language: Language,
    kinds_of: impl Fn(&RuleEntry) -> &'static [&'static str],
) -> Vec<Vec<usize>> {
    let Some(grammar) = tree::grammar(language) else { return Vec::new() };
    let count = tree::kind_count(language);
    let mut dispatch = vec![Vec::new(); count];
    for (id, slot) in dispatch.iter_mut().enumerate() {
        let Ok(id) = u16::try_from(id) else { break };
        if !grammar.node_kind_is_named(id) {
            continue;
        }
        let Some(name) = grammar.node_kind_for_id(id) else { continue };
        for (index, entry) in rules.iter().enumerate() {
            if kinds_of(entry).contains(&name) {
                slot.push(index);
            }
        }
    }
    dispatch
}

/// For one file, the active rules that want each node kind: a rule set's dispatch table with
/// the rules the file does not need (wrong role, no needle in its text) taken out, so that the
/// walk asks nothing of them.
struct Dispatch {
    /// For each kind, its rules' range in `rules`.
    ranges: Vec<(u32, u32)>,
    rules: Vec<usize>,
}

impl Dispatch {
    fn new(table: &[Vec<usize>], active: &[bool]) -> Self {
        let mut rules = Vec::new();
        let ranges = table
            .iter()
            .map(|wanting| {
                let start = rules.len();
                rules.extend(wanting.iter().copied().filter(|&index| active[index]));
                (u32::try_from(start).unwrap_or(u32::MAX), u32::try_from(rules.len()).unwrap_or(u32::MAX))
            })
            .collect();
        Self { ranges, rules }
    }

    /// The active rules that want nodes of this kind.
    fn rules(&self, kind: usize) -> &[usize] {
        self.ranges.get(kind).and_then(|&(start, end)| self.rules.get(start as usize..end as usize)).unwrap_or(&[])
    }
}

/// Stands in for "no rule yet" in a fresh [`Sink`]; never reported.
static PLACEHOLDER_META: RuleMeta = RuleMeta {
    id: "",
    area: shipready_diagnostics::Area::Security,
    severity: shipready_diagnostics::Severity::Info,
    status: shipready_diagnostics::RuleStatus::Preview { since: "" },
    title: "",
    rationale: "",
    fix: "",
    docs: "",
    heuristic: false,
};

struct PyWalker<'a, 'w> {
    linter: &'w Linter,
    dispatch: Dispatch,
    info: &'w FileInfo<'a>,
    module: &'a py_ast::ModModule,
    stack: Vec<AnyNodeRef<'a>>,
    sink: Sink,
    imports: Vec<Import>,
}

impl<'a> SourceOrderVisitor<'a> for PyWalker<'a, '_> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        match node {
            AnyNodeRef::StmtImport(import) => {
                for alias in &import.names {
                    self.imports.push(Import::Py { level: 0, module: alias.name.to_string(), names: Vec::new() });
                }
            }
            AnyNodeRef::StmtImportFrom(import) => {
                self.imports.push(Import::Py {
                    level: import.level,
                    module: import.module.as_ref().map(ToString::to_string).unwrap_or_default(),
                    names: import.names.iter().map(|alias| alias.name.to_string()).collect(),
                });
            }
            _ => {}
        }
        for &index in self.dispatch.rules(node.kind() as usize) {
            let entry = &self.linter.rules[index];
            self.sink.rule = entry.meta;
            let mut ctx = PyContext { file: self.info, module: self.module, stack: &self.stack, sink: &mut self.sink };
            entry.rule.check_py(node, &mut ctx);
        }
        self.stack.push(node);
        TraversalSignal::Traverse
    }

    fn leave_node(&mut self, _node: AnyNodeRef<'a>) {
        self.stack.pop();
    }
}

/// Turns one file's reports into placed, fingerprinted findings, in source order.
fn place(info: &FileInfo<'_>, mut reports: Vec<Report>) -> Vec<GatedFinding> {
    // Most files have nothing to place, and need no line of theirs indexed.
    if reports.is_empty() {
        return Vec::new();
    }
    reports.sort_by(|a, b| (a.span.start, a.span.end, a.rule.id).cmp(&(b.span.start, b.span.end, b.rule.id)));
    reports.dedup_by(|a, b| a.rule.id == b.rule.id && a.span == b.span && a.message == b.message);
    // Lines are indexed only as far as the findings reach, unless a rule indexed them all
    // already (a large file's one finding is on its first line).
    let prefix_index;
    let lines = if let Some(index) = info.line_index.get() {
        index
    } else {
        let bytes = info.text.as_bytes();
        let reach = reports.iter().map(|report| report.span.end as usize).max().unwrap_or(0).min(bytes.len());
        let cut = memchr::memchr(b'\n', &bytes[reach..]).map_or(bytes.len(), |i| reach + i + 1);
        prefix_index = LineIndex::new(&info.text[..cut]);
        &prefix_index
    };
    let mut findings: Vec<Finding> = reports
        .iter()
        .map(|report| {
            let span = clamp(report.span, info.text.len());
            let mut snippet = lines.snippet(info.text, span, SNIPPET_LINES).to_string();
            if snippet.len() > SNIPPET_CHARS {
                let mut end = SNIPPET_CHARS;
                while !snippet.is_char_boundary(end) {
                    end -= 1;
                }
                snippet.truncate(end);
                snippet.push('…');
            }
            Finding {
                rule: report.rule.id,
                area: report.rule.area,
                severity: report.severity,
                path: info.path.to_string(),
                file: None,
                span,
                location: lines.location(info.text, span),
                message: report.message.clone(),
                snippet,
                fingerprint: Fingerprint::default(),
                suppression: None,
                endpoint: None,
            }
        })
        .collect();
    assign_fingerprints(&mut findings, |finding| info.slice(finding.span));
    findings.into_iter().zip(reports).map(|(finding, report)| GatedFinding { finding, gate: report.gate }).collect()
}

fn clamp(span: Span, len: usize) -> Span {
    let len = len as u32;
    let start = span.start.min(len);
    Span::new(start, span.end.clamp(start, len))
}

impl Linter {
    /// Runs every rule's project-level check over the model, once per scan.
    pub fn check_project(&self, model: &ProjectModel) -> Vec<Finding> {
        let mut findings = Vec::new();
        for entry in &self.rules {
            let mut ctx = ProjectContext { rule: entry.meta, findings: Vec::new() };
            entry.rule.check_project(model, &mut ctx);
            findings.append(&mut ctx.findings);
        }
        // The fingerprint of a project finding is its rule, folder and the file it points at.
        assign_fingerprints(&mut findings, |finding| finding.file.clone().unwrap_or_default());
        findings
    }
}

/// Keeps the findings whose gates the project model satisfies, saying which server module
/// reaches a gated finding's file when that is not the file itself.
pub fn resolve_gates(findings: Vec<GatedFinding>, model: &ProjectModel) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|GatedFinding { mut finding, gate }| match gate {
            Gate::Always => Some(finding),
            Gate::ServerReachable => {
                let server = model.server_reaching(&finding.path)?;
                let framework = server.server_framework.unwrap_or("web");
                if server.path == finding.path {
                    let _ = write!(finding.message, " in {framework} server code");
                } else {
                    let _ = write!(
                        finding.message,
                        "; this module is imported by {framework} server code in `{}`",
                        server.path
                    );
                }
                Some(finding)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use shipready_lang::{Language, tree};

    const RUST: &str = "macro_rules! twice { ($x:expr) => { $x * 2 }; }
#[cfg(test)]
fn f(a: u8) -> usize {
    let v = vec![1, 2, 3];
    println!(\"{} http://x\", v.len());
    let w = vec![
        // inside a macro's arguments
        4, /* and */ 5,
    ];
    g(call(a == 1), w)
}
";

    /// A node's kind, byte range and depth.
    type Visit = (String, usize, usize, u32);

    /// The named nodes of a naive walk, less those inside a token tree that holds no comment,
    /// and the comments' byte ranges.
    fn expected(tree: &tree::Tree) -> (Vec<Visit>, Vec<(usize, usize)>) {
        let mut nodes = Vec::new();
        let mut comments = Vec::new();
        let mut cursor = tree.walk();
        let mut depth = 0;
        let mut opaque_until = 0;
        loop {
            let node = cursor.node();
            if node.start_byte() >= opaque_until && node.is_named() {
                nodes.push((node.kind().to_string(), node.start_byte(), node.end_byte(), depth));
                if node.kind() == "token_tree"
                    && !tree::text(node, RUST).contains("//")
                    && !tree::text(node, RUST).contains("/*")
                {
                    opaque_until = node.end_byte();
                }
            }
            if node.kind().ends_with("comment") {
                comments.push((node.start_byte(), node.end_byte()));
            }
            if cursor.goto_first_child() {
                depth += 1;
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    return (nodes, comments);
                }
                depth -= 1;
            }
        }
    }

    #[test]
    fn the_walk_steps_over_tokens_and_the_insides_of_token_trees_without_comments() {
        let tree = tree::parse(Language::Rust, RUST).unwrap_or_else(|e| panic!("{e}"));
        let (nodes, comments) = super::preorder(tree.root_node(), Language::Rust, RUST);
        let walked: Vec<_> = nodes
            .iter()
            .map(|(node, depth, _)| (node.kind().to_string(), node.start_byte(), node.end_byte(), *depth))
            .collect();
        let (expected_nodes, expected_comments) = expected(&tree);
        assert_eq!(walked, expected_nodes);
        let walked_comments: Vec<_> = comments.iter().map(|c| (c.start as usize, c.end as usize)).collect();
        assert_eq!(walked_comments, expected_comments);
        assert_eq!(comments.len(), 2, "both comments inside the second `vec!`");
        // `1, 2, 3` and the `println!` arguments are not visited; the calls outside macros are.
        let literal_at = |text: &str| RUST.find(text).unwrap_or(usize::MAX);
        assert!(!walked.iter().any(|(_, start, ..)| *start == literal_at("1, 2, 3")));
        assert!(walked.iter().any(|(kind, start, ..)| kind == "integer_literal" && *start == literal_at("4,")));
        assert_eq!(walked.iter().filter(|(kind, ..)| kind == "call_expression").count(), 2);
        assert!(walked.iter().any(|(kind, ..)| kind == "binary_expression"));
    }
}
