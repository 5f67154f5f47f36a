//! SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
//!
//! One run: the driver lists every rule that ran (with its docs as help), each finding is a
//! result with its rule, level, message and location, and its fingerprint goes into
//! `partialFingerprints` so that code scanning tracks it across commits. Suppressed findings are
//! always results, with `suppressions` (SARIF 2.1.0 §3.35): `kind` `inSource` for a comment in
//! the file, `external` for an entry of the suppressions file, and the reason as
//! `justification`. Skipped files are reported as tool execution notifications. Paths are relative to the scan root
//! (`%SRCROOT%`), with `/` separators. A live finding of `shipready probe` is located at the URL
//! it requested, with a `webRequest` and its evidence in `properties.evidence`.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::{Map, Value, json};
use shipready_diagnostics::{Area, Finding, RuleMeta, Severity, SuppressionKind};

use crate::Report;

/// The schema every document names.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key under which shipready's fingerprint is written to `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "shipready/v1";

/// Writes the report as one SARIF 2.1.0 log.
pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(report))?;
    writeln!(out)
}

/// The SARIF log as a JSON value.
pub fn document(report: &Report<'_>) -> Value {
    let rules: Vec<Value> = report.rules.iter().map(|rule| rule_descriptor(rule)).collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let mut result = result(finding, report.rules.iter().position(|rule| rule.id == finding.rule));
            if let Some(new) = report.is_new(finding) {
                result["baselineState"] = json!(if new { "new" } else { "unchanged" });
            }
            result
        })
        .collect();
    let notifications: Vec<Value> = report
        .skipped
        .iter()
        .map(|skipped| {
            json!({
                "level": "note",
                "message": { "text": format!("Skipped: {}", skipped.reason) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact(&skipped.path) } }],
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "shipready",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn rule_descriptor(rule: &RuleMeta) -> Value {
    let mut properties = Map::new();
    properties.insert("tags".into(), json!([rule.area.as_str()]));
    // Code scanning reads `precision` and, for security rules, a CVSS-like score to rank alerts.
    properties.insert("precision".into(), json!(if rule.heuristic { "medium" } else { "high" }));
    if rule.area == Area::Security {
        properties.insert("security-severity".into(), json!(security_severity(rule.severity)));
    }
    let help_markdown = if rule.docs.is_empty() { rule.fix.to_string() } else { rule.docs.to_string() };
    json!({
        "id": rule.id,
        "name": pascal_case(rule.id),
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": rule.rationale },
        "help": { "text": rule.fix, "markdown": help_markdown },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": properties,
    })
}

fn result(finding: &Finding, rule_index: Option<usize>) -> Value {
    // A project-level finding points at the file where the fix belongs, or else at its folder;
    // a live finding at the URL it requested.
    let mut physical = Map::new();
    if let Some(endpoint) = &finding.endpoint {
        physical.insert("artifactLocation".into(), json!({ "uri": endpoint.url }));
    } else {
        physical.insert("artifactLocation".into(), artifact(finding.file.as_deref().unwrap_or(&finding.path)));
    }
    let located = finding.endpoint.is_none() && (finding.file.is_some() || !finding.span.is_empty());
    if located {
        let location = finding.location;
        let mut region = json!({
            "startLine": location.line,
            "startColumn": location.column,
            "endLine": location.end_line,
            "endColumn": location.end_column,
        });
        if !finding.snippet.is_empty() {
            region["snippet"] = json!({ "text": finding.snippet });
        }
        physical.insert("region".into(), region);
    }
    let mut result = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": { "text": finding.message },
        "locations": [{ "physicalLocation": physical }],
        "partialFingerprints": { FINGERPRINT_KEY: finding.fingerprint.to_string() },
        "properties": { "severity": finding.severity.as_str(), "area": finding.area.as_str() },
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if let Some(endpoint) = &finding.endpoint {
        // SARIF's own objects for a web finding (§3.46, §3.47); the exchange as a whole, as
        // shown to people, goes with the result's properties.
        result["webRequest"] =
            json!({ "protocol": "HTTP", "version": "1.1", "target": endpoint.url, "method": endpoint.method });
        result["properties"]["evidence"] = json!(finding.snippet);
    }
    if let Some(suppression) = &finding.suppression {
        let kind = match suppression.kind {
            SuppressionKind::InSource => "inSource",
            SuppressionKind::External => "external",
        };
        let mut entry = json!({ "kind": kind, "justification": suppression.reason });
        let mut properties = Map::new();
        if let Some(owner) = &suppression.owner {
            properties.insert("owner".into(), json!(owner));
        }
        if let Some(expires) = &suppression.expires {
            properties.insert("expires".into(), json!(expires));
        }
        if !properties.is_empty() {
            entry["properties"] = Value::Object(properties);
        }
        result["suppressions"] = json!([entry]);
    }
    result
}

fn artifact(path: &str) -> Value {
    json!({ "uri": uri_reference(path), "uriBaseId": "%SRCROOT%" })
}

/// A relative path as a URI reference (RFC 3986): every byte outside the unreserved set and
/// `/` is percent-encoded, so `app/çé.py` is `app/%C3%A7%C3%A9.py` and a space is `%20`.
fn uri_reference(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

/// SARIF has three levels for problems: critical and high are errors, medium a warning, the
/// rest notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// The score GitHub maps to its critical (≥ 9.0), high (≥ 7.0), medium (≥ 4.0) and low bands.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

/// `timing-unsafe-compare` → `TimingUnsafeCompare`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn maps_findings_rules_and_fingerprints() {
        let (mut findings, skipped, rules) = fixtures::sample();
        // A project-level finding with no file: its folder, and no region.
        let mut project = findings[1].clone();
        project.path = ".".into();
        project.span = shipready_diagnostics::Span::new(0, 0);
        findings.push(project);
        let report = fixtures::report(&findings, &skipped, &rules);
        let log = document(&report);
        let run = &log["runs"][0];
        assert_eq!(log["version"], "2.1.0");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), report.rules.len());
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), report.findings.len());
        for (finding, result) in report.findings.iter().zip(results) {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], finding.rule, "ruleIndex points at the rule");
            assert_eq!(result["partialFingerprints"][FINGERPRINT_KEY], finding.fingerprint.to_string());
            let physical = &result["locations"][0]["physicalLocation"];
            if finding.span.is_empty() {
                assert!(physical.get("region").is_none());
                assert_eq!(physical["artifactLocation"]["uri"], ".");
            } else {
                assert_eq!(physical["region"]["startLine"], finding.location.line);
            }
        }
        assert_eq!(results[0]["level"], "error");
        assert_eq!(results[1]["level"], "warning");
        assert_eq!(rules[0]["properties"]["security-severity"], "9.5");
        assert!(rules[1]["properties"].get("security-severity").is_none(), "only security rules have a score");
        assert_eq!(pascal_case("timing-unsafe-compare"), "TimingUnsafeCompare");
        assert_eq!(uri_reference("app/çé.py"), "app/%C3%A7%C3%A9.py");
        assert_eq!(uri_reference("my dir/a+b.ts"), "my%20dir/a%2Bb.ts");
        assert!(results.iter().all(|result| result.get("suppressions").is_none()));
        let mut log = log;
        for key in ["version", "semanticVersion"] {
            log["runs"][0]["tool"]["driver"][key] = json!("[version]");
        }
        insta::assert_json_snapshot!(log);
    }

    #[test]
    fn suppressed_findings_are_results_with_their_justification() {
        let (mut findings, skipped, rules) = fixtures::with_suppressed();
        findings[1].suppression = Some(shipready_diagnostics::Suppression {
            kind: SuppressionKind::External,
            reason: "CLI scripts print by design".into(),
            owner: Some("@ana".into()),
            expires: Some("2027-03-01".into()),
        });
        let report = fixtures::report(&findings, &skipped, &rules);
        let log = document(&report);
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 2, "suppressed findings are always results");
        assert_eq!(
            results[0]["suppressions"],
            json!([{ "kind": "inSource", "justification": "compares a public build id, not a secret" }])
        );
        assert_eq!(
            results[1]["suppressions"],
            json!([{
                "kind": "external",
                "justification": "CLI scripts print by design",
                "properties": { "owner": "@ana", "expires": "2027-03-01" },
            }])
        );
    }
}
