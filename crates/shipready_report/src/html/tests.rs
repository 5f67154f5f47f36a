use shipready_diagnostics::FailOn;

use super::*;
use crate::fixtures::{self, HOSTILE, Sample};
use crate::readiness::{Inputs, compute};

fn html(sample: &Sample) -> String {
    let mut out = Vec::new();
    render(&sample.report(), &sample.readiness, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn escapes_every_value_from_the_scan() {
    let page = html(&fixtures::sample_readiness());
    // The hostile finding's path, message and snippet and the skipped file's path.
    assert!(!page.contains(HOSTILE));
    assert!(!page.contains("<script>alert"));
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&#39;&amp;";
    assert!(page.matches(escaped).count() >= 4, "path, message, snippet and skipped path");
    assert!(page.contains(&format!("src/{escaped}.ts:3:5")));
    // The only script element is the report's own.
    assert_eq!(page.matches("<script").count(), 1);
    assert_eq!(page.matches("</script>").count(), 1);
}

#[test]
fn the_root_and_rule_text_are_escaped_too() {
    let sample = fixtures::sample_readiness();
    let root = format!("repo/{HOSTILE}");
    let report = Report { root: &root, ..sample.report() };
    let mut out = Vec::new();
    render(&report, &sample.readiness, &mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(!page.contains(HOSTILE));
    assert!(page.contains("<title>Production readiness: repo/&lt;script&gt;"));
}

#[test]
fn esc_and_rich() {
    assert_eq!(Esc(HOSTILE).to_string(), "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&#39;&amp;");
    assert_eq!(Esc("plain é").to_string(), "plain é");
    assert_eq!(Rich("use `a<b` here").to_string(), "use <code>a&lt;b</code> here");
    assert_eq!(Rich("one ` alone").to_string(), "one ` alone");
    assert_eq!(Rich("`x` and `y").to_string(), "<code>x</code> and `y");
}

#[test]
fn loads_nothing_from_anywhere() {
    let page = html(&fixtures::sample_readiness());
    let lower = page.to_ascii_lowercase();
    for needle in [
        "http://",
        "https://",
        "//cdn",
        "src=",
        "@import",
        "url(",
        "<link rel=\"stylesheet",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<base",
    ] {
        assert!(!lower.contains(needle), "the page must not contain `{needle}`");
    }
    // Every link is a fragment, or the empty data: icon that stops a favicon request.
    for (i, _) in lower.match_indices("href=\"") {
        let target = &lower[i + 6..];
        assert!(target.starts_with('#') || target.starts_with("data:,\""), "link to {}", &target[..40]);
    }
    // The policy comes before any style or script, so it governs them.
    let csp = page.find("http-equiv=\"Content-Security-Policy\"").unwrap();
    assert!(csp < page.find("<style>").unwrap() && csp < page.find("<script>").unwrap());
    assert!(page.contains("default-src 'none'"));
}

#[test]
fn the_assets_cannot_break_out_or_build_markup() {
    assert!(!JS.to_ascii_lowercase().contains("</script"));
    assert!(!CSS.to_ascii_lowercase().contains("</style"));
    for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "fetch(", "XMLHttpRequest"]
    {
        assert!(!JS.contains(sink), "report.js uses `{sink}`");
    }
}

#[test]
fn shows_the_overview_trend_needs_fixed_and_manual_items() {
    let sample = fixtures::sample_readiness();
    let readiness = &sample.readiness;
    let page = html(&sample);
    assert!(page.contains(&format!("data-score=\"{}\"", readiness.score)));
    assert!(page.contains("NOT READY"));
    assert!(page.contains("fix 1 critical finding (<code>timing-unsafe-compare</code>)"));
    assert_eq!(page.matches("<tr class=\"area-row\"").count(), readiness.areas.len());
    for area in &readiness.areas {
        let row = format!("data-area=\"{}\" data-score=\"{}\"", area.area, area.score);
        assert!(page.contains(&row), "{row}");
        assert!(page.contains(&format!("id=\"needs-{}\"", area.area)));
    }
    assert_eq!(readiness.trend.len(), 4, "three earlier snapshots and today's");
    assert_eq!(page.matches("<g class=\"trend-point").count(), 4);
    assert_eq!(page.matches("<article class=\"finding ").count(), sample.report().active().count());
    assert_eq!(page.matches("<tr class=\"fixed-row\">").count(), readiness.fixed.len());
    assert!(!readiness.fixed.is_empty());
    // Manual items with their sign-off state, and the expired one among what is needed.
    assert!(page.contains("<span class=\"signoff expired\">expired on 2026-12-01</span>"));
    assert!(page.contains("<span class=\"signoff signed\">signed off</span>"));
    assert!(page.contains("<span class=\"signoff incomplete\">ticked, missing evidence</span>"));
    assert!(page.contains("<code>rollback-tested</code>"));
    assert!(page.contains("manual item: expired on 2026-12-01"));
    // Who signed, when, on what evidence.
    assert!(page.contains(
        "<div class=\"signed-by\">owner: @bo · date: 2026-06-01 · evidence: docs/rollback.md · expires: 2026-12-01</div>"
    ));
}

#[test]
fn without_baseline_or_findings() {
    let (findings, skipped, rules) = fixtures::sample();
    let report = Report { findings: &[], fail_on: FailOn::Never, ..fixtures::report(&findings, &skipped, &rules) };
    let readiness = compute(&Inputs {
        today: "2026-12-04".parse().unwrap(),
        findings: &[],
        checks: &[],
        manual: &[],
        baseline: None,
        history: &[],
        skipped: &[],
        probe: None,
    });
    let mut out = Vec::new();
    render(&report, &readiness, &mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(page.contains("No open findings."));
    assert!(page.contains("No baseline yet"));
    assert!(page.contains("No check applies to this project."));
    assert!(page.contains("No blockers"));
    assert!(!page.contains("id=\"filters\""));
    assert_eq!(page.matches("<g class=\"trend-point").count(), 1);
    assert!(page.ends_with("</html>\n"));
}

#[test]
fn suppressed_findings_are_counted_and_listed_on_request() {
    let sample = fixtures::sample_readiness();
    let page = html(&sample);
    assert!(page.contains("8 findings · 1 suppressed"));
    assert_eq!(page.matches("<tr class=\"suppressed-row\">").count(), 1);
    assert!(
        page.contains("In <code>.shipready/suppressions.toml</code>, owner @ana, until 2027-01-31: one-off seeding")
    );
    assert!(!page.contains("scripts/seed.py:5:5</code></header>"), "not among the open findings");

    let report = Report { show_suppressed: false, ..sample.report() };
    let mut out = Vec::new();
    render(&report, &sample.readiness, &mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(page.contains("<code>--show-suppressed</code> lists them here"));
    assert!(!page.contains("suppressed-row"));
}
