//! The one rule-test convention (STYLE.md §2.1): `pass`/`fail` arrays at the bottom of each rule
//! file, run through [`Tester`], plus one insta snapshot of the rendered fail findings.
//!
//! A case's file name sets its language and role exactly as a scan would classify it, so
//! `("tests/test_app.py", …)` checks that the rule stays out of tests.

use std::fmt::Write as _;

use shipready_diagnostics::{Finding, RuleMeta, Severity};
use shipready_lang::Language;
use shipready_lang::classify::{refine_role, role_from_path};

use crate::project::ProjectModel;
use crate::registry::all_rules;
use crate::rule::Rule;
use crate::runner::{Linter, RuleEntry, SourceFile, resolve_gates};
use crate::suppression::{Governance, govern};

/// One test case: a single file, or a small tree of files linted together as a project.
pub(crate) struct Case {
    files: Vec<(String, String)>,
}

impl<P: Into<String>, S: Into<String>> From<(P, S)> for Case {
    fn from((path, source): (P, S)) -> Self {
        Case { files: vec![(path.into(), source.into())] }
    }
}

impl Case {
    /// Several files linted as one project, for checks that ask the project model.
    pub(crate) fn project<P: Into<String>, S: Into<String>>(files: impl IntoIterator<Item = (P, S)>) -> Self {
        Case { files: files.into_iter().map(|(p, s)| (p.into(), s.into())).collect() }
    }
}

/// Lints every file of a case, resolves the project gates and applies the suppression comments
/// as a scan does (reporting them only when the linter runs `unused-suppression`).
pub(crate) fn lint_case(linter: &Linter, case: &Case) -> Vec<Finding> {
    let mut gated = Vec::new();
    let mut facts = Vec::new();
    let mut directives = Vec::new();
    for (path, source) in &case.files {
        let name = path.rsplit('/').next().unwrap_or(path);
        // Files shipready does not read (lockfiles) still exist for the project model.
        let Some(language) = Language::from_file_name(name) else { continue };
        let role = refine_role(role_from_path(path, language), source);
        let outcome = linter.lint(SourceFile { path, language, role, text: source });
        gated.extend(outcome.findings);
        facts.extend(outcome.facts);
        directives.extend(outcome.directives);
    }
    let inventory = case.files.iter().map(|(path, _)| path.clone()).collect();
    let model = ProjectModel::build_with_inventory(facts, inventory);
    let mut findings = resolve_gates(gated, &model);
    findings.extend(linter.check_project(&model));
    let ran = |id: &str, _: Option<&str>| linter.runs(id);
    let governance = Governance { ran: &ran, report: linter.runs("unused-suppression") };
    let unused = govern(&mut findings, &directives, &[], &governance);
    findings.extend(unused);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

pub(crate) struct Tester {
    meta: &'static RuleMeta,
    project_level: bool,
    linter: Linter,
    pass: Vec<Case>,
    fail: Vec<Case>,
}

impl Tester {
    pub(crate) fn new<R: Rule>(
        pass: impl IntoIterator<Item = impl Into<Case>>,
        fail: impl IntoIterator<Item = impl Into<Case>>,
    ) -> Self {
        let entry = RuleEntry::of::<R>();
        Self {
            meta: entry.meta,
            project_level: entry.project_level,
            linter: Linter::new(vec![entry]),
            pass: pass.into_iter().map(Into::into).collect(),
            fail: fail.into_iter().map(Into::into).collect(),
        }
    }

    /// Runs every registered rule, not only this one, and judges only this rule's findings: for
    /// rules whose findings depend on the others (`unused-suppression`).
    pub(crate) fn with_every_rule(mut self) -> Self {
        self.linter = Linter::new(all_rules());
        self
    }

    /// The findings of a case that count: this rule's, and not suppressed.
    fn reported(&self, case: &Case) -> Vec<Finding> {
        let findings = lint_case(&self.linter, case);
        findings.into_iter().filter(|f| f.rule == self.meta.id && !f.is_suppressed()).collect()
    }

    /// Fails if a pass case gets a finding above `info`, or a fail case gets none or one with an
    /// empty span; lists every mismatch, then checks the snapshot of the fail findings.
    pub(crate) fn test_and_snapshot(self) {
        let mut problems = Vec::new();
        let mut rendered = String::new();
        for case in &self.pass {
            let findings = self.reported(case);
            for finding in findings.iter().filter(|f| f.severity > Severity::Info) {
                problems.push(format!("pass case `{}` got a finding:\n{}", case.files[0].0, render(finding)));
            }
        }
        for case in &self.fail {
            let findings = self.reported(case);
            let reported: Vec<&Finding> = findings.iter().filter(|f| f.severity > Severity::Info).collect();
            if reported.is_empty() {
                problems.push(format!(
                    "fail case `{}` got no finding:\n{}",
                    case.files[0].0,
                    case.files.iter().fold(String::new(), |mut out, (p, s)| {
                        let _ = write!(out, "--- {p}\n{s}");
                        out
                    })
                ));
            }
            for finding in &reported {
                // A repository-level finding has no line to point at; any other must.
                if finding.span.is_empty() && !(self.project_level && finding.file.is_none()) {
                    problems.push(format!("fail case `{}` has an empty span:\n{}", case.files[0].0, render(finding)));
                }
                rendered.push_str(&render(finding));
            }
        }
        assert!(problems.is_empty(), "{} `{}` test problems:\n\n{}", problems.len(), self.meta.id, problems.join("\n"));

        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("rules/snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(self.meta.id, rendered));
    }
}

fn render(finding: &Finding) -> String {
    let place = match &finding.file {
        Some(file) => format!("{} ({file})", finding.path),
        None => finding.path.clone(),
    };
    let mut out = format!(
        "{}:{}:{} {} {}: {}\n",
        place, finding.location.line, finding.location.column, finding.severity, finding.rule, finding.message
    );
    for line in finding.snippet.lines() {
        let _ = writeln!(out, "  | {line}");
    }
    out
}
