//! `shipready rules` and `shipready explain`: what shipready checks.

use std::io::Write;

use serde::Serialize;
use shipready_diagnostics::{Area, RuleMeta, Severity};
use shipready_linter::RuleEntry;
use shipready_linter::registry::all_rules;
use shipready_probe::CHECKS;

use crate::args::{RulesArgs, RulesFormat};
use crate::commands::{closest_rule_id, probe};
use crate::{ExitStatus, UserError};

pub(crate) fn run(args: &RulesArgs, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    if let Some(id) = &args.rule {
        return explain(id, out);
    }
    let rules = all_rules();
    match args.format {
        RulesFormat::Json => {
            let mut list: Vec<RuleJson> = rules.iter().map(RuleJson::from).collect();
            list.extend(CHECKS.iter().map(|meta| RuleJson::live(meta)));
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
        }
        RulesFormat::Table => {
            let width =
                rules.iter().map(|r| r.meta.id).chain(CHECKS.iter().map(|m| m.id)).map(str::len).max().unwrap_or(2);
            writeln!(out, "{:<width$}  {:<13}  {:<8}  {:<11}  TITLE", "ID", "AREA", "SEVERITY", "LANGUAGES")?;
            for rule in &rules {
                writeln!(
                    out,
                    "{:<width$}  {:<13}  {:<8}  {:<11}  {}{}",
                    rule.meta.id,
                    rule.meta.area.as_str(),
                    rule.meta.severity.as_str(),
                    languages(rule).join(" "),
                    rule.meta.title,
                    if rule.meta.heuristic { " (heuristic)" } else { "" },
                )?;
            }
            for meta in CHECKS {
                writeln!(
                    out,
                    "{:<width$}  {:<13}  {:<8}  {:<11}  {}",
                    meta.id,
                    meta.area.as_str(),
                    meta.severity.as_str(),
                    "live",
                    meta.title,
                )?;
            }
            writeln!(
                out,
                "\n{} checks of code (`shipready scan`) and {} of a running service (`shipready probe URL`). \
                 `shipready rules ID` shows one check's documentation.",
                rules.len(),
                CHECKS.len()
            )?;
        }
    }
    Ok(ExitStatus::Success)
}

/// Prints one rule's documentation: its metadata, then its docs.
pub(crate) fn explain(id: &str, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let rules = all_rules();
    let rule = rules.iter().find(|rule| rule.meta.id == id);
    let (meta, languages) = match (rule, probe::meta(id)) {
        (Some(rule), _) => (rule.meta, languages(rule)),
        (None, Some(meta)) => (meta, vec!["live (shipready probe)"]),
        (None, None) => {
            let error = UserError::new(format!("unknown check `{id}`"));
            let error = match closest_rule_id(id) {
                Some(close) => error.hint(format!("did you mean `{close}`?")),
                None => error.hint("`shipready rules` lists every check"),
            };
            return Err(error.into());
        }
    };
    writeln!(out, "# {} ({})\n", meta.title, meta.id)?;
    writeln!(
        out,
        "Area: {} · Severity: {} · Languages: {} · Status: {} since {}{}\n",
        meta.area.as_str(),
        meta.severity,
        languages.join(", "),
        meta.status.label(),
        meta.status.since(),
        if meta.heuristic { " · heuristic" } else { "" }
    )?;
    for line in meta.docs.lines() {
        writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line))?;
    }
    Ok(ExitStatus::Success)
}

fn languages(rule: &RuleEntry) -> Vec<&'static str> {
    if rule.project_level {
        return vec!["project"];
    }
    rule.languages.iter().map(|l| l.as_str()).collect()
}

#[derive(Serialize)]
struct RuleJson {
    id: &'static str,
    area: Area,
    severity: Severity,
    languages: Vec<&'static str>,
    roles: Vec<&'static str>,
    title: &'static str,
    rationale: &'static str,
    fix: &'static str,
    heuristic: bool,
    status: &'static str,
    since: &'static str,
}

impl RuleJson {
    /// A live check of `shipready probe`.
    fn live(meta: &'static RuleMeta) -> Self {
        Self {
            id: meta.id,
            area: meta.area,
            severity: meta.severity,
            languages: vec!["live"],
            roles: Vec::new(),
            title: meta.title,
            rationale: meta.rationale,
            fix: meta.fix,
            heuristic: meta.heuristic,
            status: meta.status.label(),
            since: meta.status.since(),
        }
    }
}

impl From<&RuleEntry> for RuleJson {
    fn from(rule: &RuleEntry) -> Self {
        let meta = rule.meta;
        Self {
            id: meta.id,
            area: meta.area,
            severity: meta.severity,
            languages: languages(rule),
            roles: rule.roles.iter().map(|r| r.as_str()).collect(),
            title: meta.title,
            rationale: meta.rationale,
            fix: meta.fix,
            heuristic: meta.heuristic,
            status: meta.status.label(),
            since: meta.status.since(),
        }
    }
}
