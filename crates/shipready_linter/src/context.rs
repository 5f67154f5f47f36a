//! What a rule sees of the file it checks, and where its findings go.

use shipready_diagnostics::{RuleMeta, Severity, Span};
use shipready_lang::oxc::ast::ast::Program;
use shipready_lang::oxc::semantic::{AstNode, AstNodes, Semantic};
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::oxc::syntax::module_record::ModuleRecord;
use shipready_lang::ruff::ast::{AnyNodeRef, ModModule};
use shipready_lang::ruff::text_size::{Ranged, TextRange};
use shipready_lang::{FileRole, Language, LineIndex};

use crate::project::Import;

/// One file as every check sees it.
pub struct FileInfo<'a> {
    /// Relative to the scan root, `/`-separated.
    pub path: &'a str,
    pub language: Language,
    pub role: FileRole,
    pub text: &'a str,
    /// Line starts, found on first use (see [`FileInfo::line_index`]): most files are read,
    /// checked and left with no finding, and never need them.
    pub(crate) line_index: std::cell::OnceCell<LineIndex>,
    /// Byte spans of the file's comments, delimiters included, in source order, from its parser
    /// (oxc, ruff, tree-sitter, jsonc-parser, the TOML lexer) or, for formats whose parser drops
    /// them (YAML, Dockerfile, `.env` and other `#`-commented text), found outside every value the
    /// parser saw. Empty for files that failed to parse.
    pub comments: Vec<Span>,
    /// Thresholds and word lists from the configuration.
    pub settings: &'a crate::settings::RuleSettings,
    /// The block comments among `comments` that may be ESLint directives (`/* eslint-… */`),
    /// found on first use (see `helpers::comments::eslint_disabled`).
    pub(crate) eslint_blocks: std::cell::OnceCell<Vec<Span>>,
    /// Answers about the whole file that a rule asks at many of its nodes, found once.
    pub(crate) memo: FileMemo,
}

/// Per-file answers a rule would otherwise work out again at each node it checks (some read the
/// whole text): each is found on first use.
#[derive(Default)]
pub(crate) struct FileMemo {
    /// The JS/TS file is a command-line script (`print-logging`).
    pub(crate) js_cli: std::cell::OnceCell<bool>,
    /// The file's name or a folder names test doubles (`stub-implementation`).
    pub(crate) test_double_file: std::cell::OnceCell<bool>,
    /// The file's code starts a server or declares routes (`dev-tooling-in-entrypoint`).
    pub(crate) serves_http: std::cell::OnceCell<bool>,
}

impl<'a> FileInfo<'a> {
    /// The file name, without folders.
    pub fn file_name(&self) -> &'a str {
        self.path.rsplit('/').next().unwrap_or(self.path)
    }

    /// The file's line starts, for turning offsets into lines and columns.
    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(self.text))
    }

    /// The line that holds byte `offset`, without its line break (as [`LineIndex::line_span`]
    /// gives it), found in the text around the offset: a file that needs no line numbers is
    /// never indexed.
    pub fn line_at(&self, offset: u32) -> Span {
        line_around(self.text, offset)
    }

    /// The source text of a span.
    pub fn slice(&self, span: impl IntoSpan) -> &'a str {
        let span = span.into_span();
        self.text.get(span.start as usize..span.end as usize).unwrap_or_default()
    }

    /// Comments that lie inside `span`.
    pub fn comments_in(&self, span: impl IntoSpan) -> impl Iterator<Item = Span> + '_ {
        let span = span.into_span();
        let first = self.comments.partition_point(|c| c.start < span.start);
        self.comments[first..].iter().copied().take_while(move |c| c.end <= span.end)
    }

    /// Whether any comment lies inside `span`.
    pub fn has_comment_in(&self, span: impl IntoSpan) -> bool {
        self.comments_in(span).next().is_some()
    }
}

/// See [`FileInfo::line_at`].
fn line_around(text: &str, offset: u32) -> Span {
    let bytes = text.as_bytes();
    let at = (offset as usize).min(bytes.len());
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let mut end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
    while end > start && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    Span::new(start as u32, end as u32)
}

/// Converts each parser's span type into ours.
pub trait IntoSpan {
    fn into_span(self) -> Span;
}

impl IntoSpan for Span {
    fn into_span(self) -> Span {
        self
    }
}

impl IntoSpan for shipready_lang::oxc::span::Span {
    fn into_span(self) -> Span {
        Span::new(self.start, self.end)
    }
}

impl IntoSpan for TextRange {
    fn into_span(self) -> Span {
        Span::new(self.start().to_u32(), self.end().to_u32())
    }
}

impl IntoSpan for AnyNodeRef<'_> {
    fn into_span(self) -> Span {
        self.range().into_span()
    }
}

/// A condition on the project that a finding needs before it is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Gate {
    Always,
    /// Only if the file is web-server code or is imported, directly or not, by server code.
    ServerReachable,
}

/// A finding as a rule reports it, before it is placed and fingerprinted.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub(crate) rule: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) span: Span,
    pub(crate) message: String,
    pub(crate) gate: Gate,
}

/// Collects the reports of the rule that is running.
pub(crate) struct Sink {
    pub(crate) rule: &'static RuleMeta,
    pub(crate) reports: Vec<Report>,
    /// Occurrences counted per rule, reported once per file (see `count`).
    tallies: Vec<Tally>,
}

/// Occurrences of one rule's problem in one file: reported once, at the first, with the count.
struct Tally {
    rule: &'static RuleMeta,
    first: Span,
    count: usize,
    message: fn(usize) -> String,
}

impl Sink {
    pub(crate) fn new(rule: &'static RuleMeta) -> Self {
        Self { rule, reports: Vec::new(), tallies: Vec::new() }
    }

    fn push(&mut self, span: Span, severity: Severity, message: String, gate: Gate) {
        self.reports.push(Report { rule: self.rule, severity, span, message, gate });
    }

    fn count(&mut self, span: Span, message: fn(usize) -> String) {
        match self.tallies.iter_mut().find(|tally| std::ptr::eq(tally.rule, self.rule)) {
            Some(tally) => tally.count += 1,
            None => self.tallies.push(Tally { rule: self.rule, first: span, count: 1, message }),
        }
    }

    /// Moves the reports, and one report per tally, into `reports`.
    pub(crate) fn drain_into(&mut self, reports: &mut Vec<Report>) {
        reports.append(&mut self.reports);
        for tally in self.tallies.drain(..) {
            reports.push(Report {
                rule: tally.rule,
                severity: tally.rule.severity,
                span: tally.first,
                message: (tally.message)(tally.count),
                gate: Gate::Always,
            });
        }
    }
}

macro_rules! reporting_methods {
    () => {
        /// Reports a finding at the rule's default severity.
        pub fn report(&mut self, span: impl IntoSpan, message: impl Into<String>) {
            let severity = self.sink.rule.severity;
            self.sink.push(span.into_span(), severity, message.into(), Gate::Always);
        }

        /// Reports a finding at a severity the rule's docs name for this case.
        pub fn report_with_severity(&mut self, span: impl IntoSpan, severity: Severity, message: impl Into<String>) {
            self.sink.push(span.into_span(), severity, message.into(), Gate::Always);
        }

        /// Reports a finding that holds only if the project model agrees (see [`Gate`]).
        pub fn report_gated(&mut self, span: impl IntoSpan, gate: Gate, message: impl Into<String>) {
            let severity = self.sink.rule.severity;
            self.sink.push(span.into_span(), severity, message.into(), gate);
        }

        /// Counts one occurrence of a problem that is reported once per file, at its first
        /// occurrence, with `message(count)` (e.g. explicit `any` annotations).
        pub fn count(&mut self, span: impl IntoSpan, message: fn(usize) -> String) {
            self.sink.count(span.into_span(), message);
        }

        /// The metadata of the rule that is running.
        pub fn rule(&self) -> &'static RuleMeta {
            self.sink.rule
        }
    };
}

/// Context for `check_file`: the file's text and facts, parsed or not.
pub struct FileContext<'c> {
    pub file: &'c FileInfo<'c>,
    pub(crate) sink: &'c mut Sink,
}

impl FileContext<'_> {
    reporting_methods!();
}

/// Context for `check_js`: the file plus oxc's semantic model of it.
pub struct JsContext<'a, 'c> {
    pub file: &'c FileInfo<'a>,
    pub semantic: &'c Semantic<'a>,
    pub module_record: &'c ModuleRecord<'a>,
    /// Every module the file imports or requires, as written.
    pub imports: &'c [Import],
    pub(crate) sink: &'c mut Sink,
}

impl<'a> JsContext<'a, '_> {
    reporting_methods!();

    /// Whether the file imports or requires `module` (exactly as written).
    pub fn imports_module(&self, module: &str) -> bool {
        self.imports.iter().any(|import| matches!(import, Import::Js(m) if m == module))
    }

    pub fn nodes(&self) -> &AstNodes<'a> {
        self.semantic.nodes()
    }

    pub fn program(&self) -> &'a Program<'a> {
        self.semantic.nodes().program()
    }

    pub fn parent(&self, node: &AstNode<'a>) -> &AstNode<'a> {
        self.semantic.nodes().parent_node(node.id())
    }

    /// Ancestors of `node`, nearest first, not including `node`.
    pub fn ancestors(&self, node: &AstNode<'a>) -> impl Iterator<Item = &AstNode<'a>> + '_ {
        self.semantic.nodes().ancestors(node.id())
    }

    /// The source text of anything with a span.
    pub fn text_of(&self, spanned: &impl GetSpan) -> &'a str {
        self.file.slice(spanned.span())
    }
}

/// Context for `check_project`: findings about projects and services rather than lines. Each is
/// placed at the project folder, pointing at the file where the fix belongs when there is one.
pub struct ProjectContext {
    pub(crate) rule: &'static RuleMeta,
    pub(crate) findings: Vec<shipready_diagnostics::Finding>,
}

impl ProjectContext {
    /// Reports a finding about `project`, at its anchor (app construction or manifest).
    pub fn report(&mut self, project: &crate::project::Project, message: impl Into<String>) {
        let severity = self.rule.severity;
        self.report_at(project.display_folder(), project.anchor.as_ref(), severity, message);
    }

    /// Reports a finding about `folder` (`.` for the repository), at `anchor` if given.
    pub fn report_at(
        &mut self,
        folder: &str,
        anchor: Option<&crate::project::Anchor>,
        severity: Severity,
        message: impl Into<String>,
    ) {
        let origin = shipready_diagnostics::Location { line: 1, column: 1, end_line: 1, end_column: 1 };
        self.findings.push(shipready_diagnostics::Finding {
            rule: self.rule.id,
            area: self.rule.area,
            severity,
            path: folder.to_string(),
            file: anchor.map(|a| a.path.clone()),
            span: anchor.map_or(Span::default(), |a| a.span),
            location: anchor.map_or(origin, |a| a.location),
            message: message.into(),
            snippet: anchor.map(|a| a.snippet.clone()).unwrap_or_default(),
            fingerprint: shipready_diagnostics::Fingerprint::default(),
            suppression: None,
            endpoint: None,
        });
    }

    /// Reports a finding about one file as a whole, at `anchor` (usually its first line).
    pub fn report_file(&mut self, anchor: &crate::project::Anchor, message: impl Into<String>) {
        let severity = self.rule.severity;
        self.report_at(&anchor.path, Some(anchor), severity, message);
        if let Some(finding) = self.findings.last_mut() {
            finding.file = None;
        }
    }

    pub fn rule(&self) -> &'static RuleMeta {
        self.rule
    }
}

/// Context for `check_tree`: the file and its tree-sitter tree (Rust or Go).
pub struct TreeContext<'t, 'c> {
    pub file: &'c FileInfo<'t>,
    /// The tree's root node (`source_file`).
    pub root: shipready_lang::tree::Node<'t>,
    /// Byte ranges of the Rust test items met so far in the walk (see [`Self::in_rust_test`]).
    pub(crate) rust_tests: &'c [(usize, usize)],
    pub(crate) sink: &'c mut Sink,
}

impl<'t> TreeContext<'t, '_> {
    reporting_methods!();

    /// Whether a Rust node the walk has reached is test code: inside a `#[cfg(test)]` module
    /// or a function or impl marked as a test (`#[test]`, `#[tokio::test]`, `#[rstest]`…). The
    /// walk records test items as it enters them, before their contents, so this costs a scan
    /// of a short list instead of a climb through the tree.
    pub fn in_rust_test(&self, node: shipready_lang::tree::Node<'_>) -> bool {
        let start = node.start_byte();
        self.rust_tests.iter().any(|&(from, to)| from <= start && start < to)
    }

    /// The source text of a node.
    pub fn text_of(&self, node: shipready_lang::tree::Node<'_>) -> &'t str {
        shipready_lang::tree::text(node, self.file.text)
    }
}

impl IntoSpan for shipready_lang::tree::Node<'_> {
    fn into_span(self) -> Span {
        Span::new(self.start_byte() as u32, self.end_byte() as u32)
    }
}

/// Context for `check_py`: the file, ruff's module, and the ancestors of the current node.
pub struct PyContext<'a, 'c> {
    pub file: &'c FileInfo<'a>,
    pub module: &'a ModModule,
    /// The current node's ancestors, outermost first; the current node is not included.
    pub(crate) stack: &'c [AnyNodeRef<'a>],
    pub(crate) sink: &'c mut Sink,
}

impl<'a> PyContext<'a, '_> {
    reporting_methods!();

    /// Ancestors of the current node, nearest first.
    pub fn ancestors(&self) -> impl Iterator<Item = AnyNodeRef<'a>> + '_ {
        self.stack.iter().rev().copied()
    }

    pub fn parent(&self) -> Option<AnyNodeRef<'a>> {
        self.stack.last().copied()
    }

    /// The source text of a node or range.
    pub fn text_of(&self, ranged: &impl Ranged) -> &'a str {
        self.file.slice(ranged.range())
    }
}

#[cfg(test)]
mod tests {
    use shipready_lang::LineIndex;

    #[test]
    fn the_line_around_an_offset_is_the_line_the_index_gives() {
        for text in ["", "a", "\n", "one\ntwo\n", "one\r\n\r\nthree", "é\nàb\r\r\nc\n\n", "x\ny"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() as u32 + 1 {
                let (line, _) = index.position(text, offset);
                if !text.is_char_boundary((offset as usize).min(text.len())) {
                    continue;
                }
                assert_eq!(super::line_around(text, offset), index.line_span(text, line), "{text:?} at {offset}");
            }
        }
    }
}
