//! Manual items: review points no scan can see (a restore drill, a runbook, a penetration
//! test). They live in the readiness checklist as `- [ ]` lines that a person ticks and signs
//! with an owner, a date and evidence; shipready reads them and never edits them.
//!
//! A signed line looks like this (fields separated by `·`, `;` or `|`, in any order):
//!
//! ```markdown
//! - [x] `backups-restore-tested` Backups are restored in a timed drill — owner: @ana · date: 2026-11-02 · evidence: docs/restore-drill.md · expires: 2027-05-02
//! ```
//!
//! A team adds its own items the same way, with a severity and area in parentheses after the id:
//! ``- [ ] `gdpr-dpa-signed` (high, security) Data-processing agreements signed``.

use jiff::civil::Date;
use shipready_diagnostics::{Area, Severity};

/// A manual item of the built-in catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManualCheck {
    pub id: &'static str,
    pub area: Area,
    pub severity: Severity,
    pub title: &'static str,
}

/// Review items the seed reviews raise that no scan can settle.
pub const MANUAL_CHECKS: &[ManualCheck] = &[
    ManualCheck {
        id: "backups-restore-tested",
        area: Area::Operations,
        severity: Severity::High,
        title: "Backups are taken automatically and a restore was tested",
    },
    ManualCheck {
        id: "rollback-tested",
        area: Area::Operations,
        severity: Severity::High,
        title: "A deploy can be rolled back, and the rollback was rehearsed",
    },
    ManualCheck {
        id: "runbook-written",
        area: Area::Operations,
        severity: Severity::Medium,
        title: "A runbook covers deploy, rollback, secrets rotation and common incidents",
    },
    ManualCheck {
        id: "alerts-reach-on-call",
        area: Area::Observability,
        severity: Severity::High,
        title: "Alerts on errors, latency and saturation reach an on-call person",
    },
    ManualCheck {
        id: "security-review-done",
        area: Area::Security,
        severity: Severity::High,
        title: "A security review or penetration test was done and its findings closed",
    },
    ManualCheck {
        id: "secrets-rotation",
        area: Area::Security,
        severity: Severity::Medium,
        title: "Production secrets live in a secret manager and can be rotated",
    },
    ManualCheck {
        id: "load-tested",
        area: Area::Reliability,
        severity: Severity::Medium,
        title: "The service was load-tested at the expected peak",
    },
    ManualCheck {
        id: "privacy-review-done",
        area: Area::Operations,
        severity: Severity::Medium,
        title: "Data retention, privacy and legal requirements were reviewed",
    },
];

/// One manual item as the checklist states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualItem {
    pub id: String,
    pub area: Area,
    pub severity: Severity,
    pub title: String,
    pub ticked: bool,
    pub owner: Option<String>,
    pub date: Option<String>,
    pub evidence: Option<String>,
    pub expires: Option<String>,
    /// 1-based line in the checklist; 0 for an item the checklist does not list.
    pub line: usize,
}

/// Where a manual item stands today.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "state", content = "detail")]
pub enum SignOff {
    /// Ticked, with owner, date and evidence, and not expired.
    Signed,
    /// Not ticked (or not listed in the checklist).
    Open,
    /// Ticked, but without these fields (or with a date that is not `YYYY-MM-DD`).
    Incomplete(Vec<&'static str>),
    /// Signed, but the expiry date has passed: the item is open again.
    Expired(String),
}

impl ManualItem {
    /// The item of the built-in catalog, not yet listed in any checklist.
    pub fn unlisted(check: &ManualCheck) -> Self {
        Self {
            id: check.id.to_string(),
            area: check.area,
            severity: check.severity,
            title: check.title.to_string(),
            ticked: false,
            owner: None,
            date: None,
            evidence: None,
            expires: None,
            line: 0,
        }
    }

    pub fn sign_off(&self, today: Date) -> SignOff {
        if !self.ticked {
            return SignOff::Open;
        }
        let mut missing = Vec::new();
        if self.owner.is_none() {
            missing.push("owner");
        }
        if self.date.as_deref().and_then(parse_date).is_none() {
            missing.push("date");
        }
        if self.evidence.is_none() {
            missing.push("evidence");
        }
        if let Some(expires) = &self.expires {
            match parse_date(expires) {
                None => missing.push("expires"),
                Some(date) if date <= today => return SignOff::Expired(expires.clone()),
                Some(_) => {}
            }
        }
        if missing.is_empty() { SignOff::Signed } else { SignOff::Incomplete(missing) }
    }

    /// The line a new checklist lists the item with: unticked, fields left for a person.
    pub fn template_line(&self) -> String {
        format!("- [ ] `{}` {} — owner: · date: · evidence: · expires:", self.id, self.title)
    }
}

pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    (text.len() == 10).then(|| text.parse::<Date>().ok()).flatten()
}

/// The manual items a checklist states: every task line with a leading `` `id` `` under a
/// heading that contains "Manual items", followed by the catalog items it does not list (open).
pub fn parse(checklist: &str) -> Vec<ManualItem> {
    let mut items = Vec::new();
    let mut section_level = None;
    for (index, line) in checklist.lines().enumerate() {
        if let Some(level) = heading_level(line) {
            section_level = if line.to_ascii_lowercase().contains("manual items") {
                Some(level)
            } else {
                section_level.filter(|&open| level > open)
            };
            continue;
        }
        if section_level.is_some()
            && let Some(mut item) = parse_item(line)
            && !items.iter().any(|known: &ManualItem| known.id == item.id)
        {
            item.line = index + 1;
            items.push(item);
        }
    }
    for check in MANUAL_CHECKS {
        if !items.iter().any(|item| item.id == check.id) {
            items.push(ManualItem::unlisted(check));
        }
    }
    items
}

fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (hashes > 0 && line[hashes..].starts_with(' ')).then_some(hashes)
}

fn parse_item(line: &str) -> Option<ManualItem> {
    let rest = line.trim_start().strip_prefix("- [")?;
    let ticked = match rest.chars().next()? {
        ' ' => false,
        'x' | 'X' => true,
        _ => return None,
    };
    let rest = rest[1..].strip_prefix(']')?.trim_start().strip_prefix('`')?;
    let (id, rest) = rest.split_once('`')?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return None;
    }
    let known = MANUAL_CHECKS.iter().find(|check| check.id == id);
    let (mut area, mut severity) = known.map_or((Area::Operations, Severity::Medium), |c| (c.area, c.severity));
    let mut rest = rest.trim_start();
    if let Some(inner) = rest.strip_prefix('(')
        && let Some((tags, after)) = inner.split_once(')')
    {
        for tag in tags.split(',').map(str::trim) {
            if let Ok(parsed) = tag.parse::<Severity>() {
                severity = parsed;
            } else if let Some(parsed) = Area::ALL.into_iter().find(|a| a.as_str() == tag) {
                area = parsed;
            }
        }
        rest = after.trim_start();
    }
    let (title, fields) = if let Some(fields) = rest.strip_prefix('—').or_else(|| rest.strip_prefix("--")) {
        ("", fields)
    } else {
        rest.split_once(" — ").or_else(|| rest.split_once(" -- ")).unwrap_or((rest, ""))
    };
    let title = if title.trim().is_empty() { known.map_or(id, |c| c.title) } else { title.trim() };
    let mut item = ManualItem {
        id: id.to_string(),
        area,
        severity,
        title: title.to_string(),
        ticked,
        owner: None,
        date: None,
        evidence: None,
        expires: None,
        line: 0,
    };
    for field in fields.split(['·', ';', '|']) {
        let Some((key, value)) = field.split_once(':') else { continue };
        let value = value.trim();
        let value = (!value.is_empty()).then(|| value.to_string());
        match key.trim().to_ascii_lowercase().as_str() {
            "owner" => item.owner = value,
            "date" => item.date = value,
            "evidence" => item.evidence = value,
            "expires" => item.expires = value,
            _ => {}
        }
    }
    Some(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        "2026-12-04".parse().unwrap()
    }

    const CHECKLIST: &str = "\
# Readiness

## Manual items

- [x] `backups-restore-tested` Restore drill — owner: @ana · date: 2026-11-02 · evidence: docs/drill.md
- [x] `rollback-tested` — owner: @bo; date: 2026-10-01; evidence: https://wiki/rollback; expires: 2026-12-01
- [X] `runbook-written` Runbook — owner: @cy · date: soon · evidence:
- [ ] `gdpr-dpa-signed` (critical, security) DPAs signed
- [x] not an item, no id
- [x] `load-tested` — owner: @di · date: 2026-11-20 · evidence: k6 report · expires: 2027-01-01

## Notes

- [x] `security-review-done` ticked outside the section, so not read
";

    #[test]
    fn reads_sign_offs_and_judges_them() {
        let items = parse(CHECKLIST);
        let state = |id: &str| items.iter().find(|i| i.id == id).unwrap().sign_off(today());
        assert_eq!(state("backups-restore-tested"), SignOff::Signed);
        assert_eq!(state("rollback-tested"), SignOff::Expired("2026-12-01".into()));
        assert_eq!(state("runbook-written"), SignOff::Incomplete(vec!["date", "evidence"]));
        assert_eq!(state("gdpr-dpa-signed"), SignOff::Open);
        assert_eq!(state("load-tested"), SignOff::Signed);
        assert_eq!(state("security-review-done"), SignOff::Open);
        let custom = items.iter().find(|i| i.id == "gdpr-dpa-signed").unwrap();
        assert_eq!(
            (custom.severity, custom.area, custom.title.as_str()),
            (Severity::Critical, Area::Security, "DPAs signed")
        );
        assert_eq!(custom.line, 8);
        let rollback = items.iter().find(|i| i.id == "rollback-tested").unwrap();
        assert_eq!(rollback.evidence.as_deref(), Some("https://wiki/rollback"));
        assert_eq!(rollback.title, "A deploy can be rolled back, and the rollback was rehearsed");
    }

    #[test]
    fn every_catalog_item_is_present_even_when_unlisted() {
        let items = parse("# nothing here\n");
        assert_eq!(items.len(), MANUAL_CHECKS.len());
        assert!(items.iter().all(|item| item.sign_off(today()) == SignOff::Open && item.line == 0));
    }

    #[test]
    fn template_lines_read_back_as_open_items() {
        let lines: Vec<String> =
            MANUAL_CHECKS.iter().map(|check| ManualItem::unlisted(check).template_line()).collect();
        let items = parse(&format!("## Manual items\n{}\n", lines.join("\n")));
        assert!(items.iter().all(|item| item.line > 0 && item.sign_off(today()) == SignOff::Open));
        assert_eq!(items[0].title, MANUAL_CHECKS[0].title);
    }
}
