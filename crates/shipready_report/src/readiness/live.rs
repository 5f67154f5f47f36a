//! Where a scan of a service's code and a probe of the running service look at the same thing,
//! their verdicts are set side by side: a CORS wildcard in the code that the live service
//! confirms by reflecting a foreign origin, a declared health route that answers, and — what
//! matters most — where the two disagree (the code sets a body limit, yet the chunked probe got
//! through).

use serde::Serialize;
use shipready_diagnostics::{CheckStatus, Finding, ProbeSummary};

use super::ApplicableCheck;

/// One subject both kinds of check judge: the scan check, the live check, and what they look at.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    pub scan: &'static str,
    pub probe: &'static str,
    /// What the code has when the scan check is silent (`a body-size limit`).
    pub has: &'static str,
    /// Whether a live pass contradicts a code finding. Not for error leaks: the code's leak
    /// sits on a failure path that the probe's malformed requests need not reach.
    pub pass_refutes: bool,
}

/// The pairs, in catalog order of the live checks.
pub const PAIRS: [Pair; 7] = [
    Pair { scan: "no-health-endpoint", probe: "probe-health", has: "a health endpoint", pass_refutes: true },
    Pair { scan: "no-metrics", probe: "probe-metrics", has: "a metrics endpoint", pass_refutes: true },
    Pair { scan: "no-security-headers", probe: "probe-security-headers", has: "security headers", pass_refutes: true },
    Pair {
        scan: "cors-permissive",
        probe: "probe-cors",
        has: "a CORS policy that names its origins",
        pass_refutes: true,
    },
    Pair {
        scan: "exception-leak",
        probe: "probe-error-leak",
        has: "error handling that keeps details from clients",
        pass_refutes: false,
    },
    Pair { scan: "no-request-size-limit", probe: "probe-body-limit", has: "a body-size limit", pass_refutes: true },
    Pair { scan: "no-rate-limiting", probe: "probe-rate-limit", has: "rate limiting", pass_refutes: true },
];

/// How the two verdicts compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Both found the problem: the live run confirms the code finding.
    Confirmed,
    /// Both passed: the code has it and the service shows it.
    Agree,
    /// One found a problem the other did not.
    Disagree,
}

impl Verdict {
    pub const fn label(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed live",
            Verdict::Agree => "agree",
            Verdict::Disagree => "disagree",
        }
    }
}

/// One pair's comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub scan_check: &'static str,
    pub probe_check: &'static str,
    pub verdict: Verdict,
    /// One sentence saying what both saw and, for a disagreement, what to look into.
    pub note: String,
    /// Where the code finding is (`path:line`), at most [`MAX_PLACES`].
    pub code: Vec<String>,
    /// The requests that showed the live finding, at most [`MAX_PLACES`].
    pub live: Vec<String>,
}

/// Places quoted per side of a link.
pub const MAX_PLACES: usize = 3;

/// The live run within the readiness picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Live {
    pub url: String,
    pub requests_sent: usize,
    pub max_requests: usize,
    pub passed: usize,
    pub failed: usize,
    pub not_run: usize,
    /// One per pair whose two checks both reached a verdict.
    pub links: Vec<Link>,
}

/// Sets the scan's and the probe's verdicts side by side. A pair is compared only when the scan
/// check applies to the project and the live check reached a verdict.
pub fn compare(findings: &[Finding], checks: &[ApplicableCheck<'_>], probe: &ProbeSummary) -> Live {
    let open = |rule: &str| -> Vec<&Finding> {
        findings.iter().filter(|f| f.rule == rule && f.suppression.is_none()).collect()
    };
    let links = PAIRS
        .iter()
        .filter(|pair| checks.iter().any(|check| check.id == pair.scan))
        .filter_map(|pair| {
            let live_check = probe.check(pair.probe).filter(|check| check.status.concluded())?;
            let code = open(pair.scan);
            let live = open(pair.probe);
            let code_places = distinct(code.iter().map(|f| code_place(f)));
            let live_places = distinct(live.iter().filter_map(|f| f.request_line()));
            // A note at `info` (a plain `*` CORS wildcard) confirms a code finding, though it
            // does not fail the live check.
            let failed_live = live_check.status == CheckStatus::Failed || !live.is_empty();
            let first_code = code.first().map(|f| f.message.as_str());
            let first_live = live.first().map_or(live_check.detail.as_str(), |f| f.message.as_str());
            if first_code.is_some() && !failed_live && !pair.pass_refutes {
                return None;
            }
            let (verdict, note) = match (first_code, failed_live) {
                (Some(code_message), true) => (
                    Verdict::Confirmed,
                    format!("the code finding ({}) shows on the live service: {first_live}", trim(code_message)),
                ),
                (None, false) => (
                    Verdict::Agree,
                    format!("the code has {}, and the live service shows it: {}", pair.has, live_check.detail),
                ),
                (Some(code_message), false) => (
                    Verdict::Disagree,
                    format!(
                        "the code lacks {} ({}), yet `{}` passed live ({}): something in front of the service \
                         (a proxy, a gateway) may provide it, or the probed service is not this code; find out \
                         which before relying on it",
                        pair.has,
                        trim(code_message),
                        pair.probe,
                        live_check.detail
                    ),
                ),
                (None, true) => (
                    Verdict::Disagree,
                    format!(
                        "the scan found no `{}` problem in the code, yet live `{}` did: {first_live}; either \
                         the code's setting does not hold where it runs (middleware order, a configuration \
                         override, another build), or the scan cannot see how this service would set it",
                        pair.scan, pair.probe
                    ),
                ),
            };
            Some(Link {
                scan_check: pair.scan,
                probe_check: pair.probe,
                verdict,
                note,
                code: code_places,
                live: live_places,
            })
        })
        .collect();
    Live {
        url: probe.url.clone(),
        requests_sent: probe.requests_sent,
        max_requests: probe.max_requests,
        passed: probe.count(CheckStatus::Passed),
        failed: probe.count(CheckStatus::Failed),
        not_run: probe.count(CheckStatus::NotRun),
        links,
    }
}

/// The first [`MAX_PLACES`] distinct places, in order.
fn distinct(places: impl Iterator<Item = String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for place in places {
        if kept.len() == MAX_PLACES {
            break;
        }
        if !kept.contains(&place) {
            kept.push(place);
        }
    }
    kept
}

/// `path:line`, the way people open it.
fn code_place(finding: &Finding) -> String {
    let file = finding.file.as_deref().unwrap_or(&finding.path);
    if finding.location.line == 0 { file.to_string() } else { format!("{file}:{}", finding.location.line) }
}

/// A message without its trailing full stop, to sit inside a sentence.
fn trim(message: &str) -> &str {
    message.trim_end().trim_end_matches('.')
}
