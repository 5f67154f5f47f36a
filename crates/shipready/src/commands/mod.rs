pub(crate) mod baseline;
pub(crate) mod check;
pub(crate) mod probe;
pub(crate) mod report;
pub(crate) mod rules;
pub(crate) mod scan;

use shipready_diagnostics::Area;
use shipready_linter::RuleEntry;
use shipready_linter::registry::all_rules;

use crate::UserError;

/// The rules to run: all of them, narrowed by `--select`, minus `--ignore`. Selectors are rule
/// ids or area names; an unknown one is a usage error, with the closest id as a hint.
pub(crate) fn select_rules(select: &[String], ignore: &[String]) -> Result<Vec<RuleEntry>, UserError> {
    let rules = all_rules();
    for selector in select.iter().chain(ignore) {
        let known = rules.iter().any(|r| r.meta.id == selector) || area(selector).is_some();
        if !known && probe::meta(selector).is_some() {
            return Err(UserError::new(format!("`{selector}` is a live check, not a check of code"))
                .hint(format!("`shipready probe URL --select {selector}` runs it against a running service")));
        }
        if !known {
            let mut error = UserError::new(format!("unknown check or area `{selector}`"));
            error = match closest_rule_id(selector) {
                Some(id) => error.hint(format!("did you mean `{id}`? `shipready rules` lists every check")),
                None => error.hint("`shipready rules` lists every check; areas are security, reliability, observability, code-quality, testing and operations"),
            };
            return Err(error);
        }
    }
    let matches =
        |entry: &RuleEntry, selector: &String| entry.meta.id == selector || area(selector) == Some(entry.meta.area);
    Ok(rules
        .into_iter()
        .filter(|entry| select.is_empty() || select.iter().any(|s| matches(entry, s)))
        .filter(|entry| !ignore.iter().any(|s| matches(entry, s)))
        .collect())
}

fn area(name: &str) -> Option<Area> {
    Area::ALL.into_iter().find(|area| area.as_str() == name)
}

/// The registered rule id nearest to `given` by edit distance, if any is close.
pub(crate) fn closest_rule_id(given: &str) -> Option<&'static str> {
    shipready_linter::registry::closest_id(given).or_else(|| probe::closest_probe_id(given))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_by_id_and_area() {
        let ids = |s: &[&str], i: &[&str]| -> Vec<&str> {
            let s: Vec<String> = s.iter().map(ToString::to_string).collect();
            let i: Vec<String> = i.iter().map(ToString::to_string).collect();
            select_rules(&s, &i).unwrap().iter().map(|r| r.meta.id).collect()
        };
        assert_eq!(ids(&["empty-catch"], &[]), ["empty-catch"]);
        assert!(
            ids(&["security"], &[])
                .iter()
                .all(|id| all_rules().iter().any(|r| r.meta.id == *id && r.meta.area == Area::Security))
        );
        assert!(!ids(&[], &["empty-catch"]).contains(&"empty-catch"));
        let Err(error) = select_rules(&["empty-cach".to_string()], &[]) else { panic!("a typo must not select rules") };
        assert_eq!(error.hint.as_deref(), Some("did you mean `empty-catch`? `shipready rules` lists every check"));
    }
}
