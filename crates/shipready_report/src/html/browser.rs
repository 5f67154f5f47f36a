//! The HTML report in a real headless Chromium, driven over the DevTools protocol: it loads
//! without a single request beyond the file itself, runs its script without an error, draws one
//! bar per area at the right width, filters findings, and leaves a full-page screenshot in
//! `target/html-report-screenshot.png` (and `…-dark.png`) for people to look at.
//!
//! The browser comes from `CHROME` or `CHROMIUM`, else `chromium`, `chromium-browser` or
//! `google-chrome` on `PATH`. Without one the test is skipped, unless `CI` or
//! `SHIPREADY_REQUIRE_BROWSER` is set: there it fails, so CI cannot pass without running it.

use std::env;
use std::error::Error;
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use headless_chrome::protocol::cdp::Emulation::{MediaFeature, SetDeviceMetricsOverride, SetEmulatedMedia};
use headless_chrome::protocol::cdp::Log::LogEntryLevel;
use headless_chrome::protocol::cdp::Network;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::Runtime::ConsoleAPICalledEventTypeOption;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;
use shipready_diagnostics::Severity;

use crate::fixtures;

type TestResult = Result<(), Box<dyn Error + Send + Sync>>;

const WIDTH: u32 = 1280;

/// What the page did, as the DevTools protocol reported it.
#[derive(Default)]
struct Observed {
    requests: Vec<String>,
    failed: Vec<String>,
    errors: Vec<String>,
}

#[test]
#[expect(clippy::print_stderr, reason = "the test says where its screenshots are, or why it was skipped")]
fn the_report_renders_in_headless_chromium() -> TestResult {
    let Some(chromium) = find_chromium() else {
        let required = ["CI", "SHIPREADY_REQUIRE_BROWSER"]
            .into_iter()
            .find(|var| env::var_os(var).is_some_and(|value| !value.is_empty()));
        if let Some(var) = required {
            panic!(
                "no Chromium found (set CHROME or CHROMIUM, or put chromium, chromium-browser or google-chrome on \
                 PATH; Debian: `apt-get install chromium`), and {var} is set, so the browser test may not be skipped"
            );
        }
        eprintln!("skipped: no Chromium found (CHROME, CHROMIUM, or chromium on PATH); `apt-get install chromium`");
        return Ok(());
    };

    let sample = fixtures::sample_readiness();
    let target = target_dir();
    std::fs::create_dir_all(&target)?;
    let target = target.canonicalize()?;
    let page = target.join("html-report.html");
    let mut html = Vec::new();
    super::render(&sample.report(), &sample.readiness, &mut html)?;
    std::fs::write(&page, html)?;
    let url = file_url(&page);

    let launch = format!("could not launch {} for the browser test", chromium.display());
    let browser = Browser::new(LaunchOptions {
        path: Some(chromium),
        headless: true,
        // The page is our own file; containers (and root) cannot run Chromium's sandbox.
        sandbox: false,
        window_size: Some((WIDTH, 900)),
        args: vec![OsStr::new("--hide-scrollbars"), OsStr::new("--lang=en-US")],
        idle_browser_timeout: Duration::from_mins(1),
        ..LaunchOptions::default()
    })
    .map_err(|error| format!("{launch}: {error:#}"))?;
    let tab = browser.new_tab()?;
    tab.set_default_timeout(Duration::from_secs(30));
    let observed = Arc::new(Mutex::new(Observed::default()));
    listen(&tab, &observed)?;

    tab.navigate_to(&url)?.wait_until_navigated()?;
    assert_eq!(eval(&tab, "document.readyState")?, "complete");
    assert_eq!(
        eval(&tab, "document.documentElement.classList.contains('js')")?,
        true,
        "the report's script did not run"
    );

    // The score and the verdict.
    assert_eq!(
        eval(&tab, "document.getElementById('overall-gauge').dataset.score")?,
        sample.readiness.score.to_string()
    );
    assert_eq!(eval(&tab, "document.getElementById('verdict').textContent")?, "NOT READY");

    // One bar per area, as wide as its score, with the score beside it.
    let bars = eval(
        &tab,
        "JSON.stringify(Array.from(document.querySelectorAll('#overview .area-row')).map(row => {
            const bar = row.querySelector('.bar').getBoundingClientRect();
            const fill = row.querySelector('.bar-fill').getBoundingClientRect();
            return { area: row.dataset.area, label: row.querySelector('.pct').textContent,
                     track: bar.width, fill: fill.width, height: bar.height };
        }))",
    )?;
    let bars: Vec<Value> = serde_json::from_str(bars.as_str().unwrap_or("[]"))?;
    assert_eq!(bars.len(), sample.readiness.areas.len(), "one bar per area: {bars:?}");
    for (bar, area) in bars.iter().zip(&sample.readiness.areas) {
        assert_eq!(bar["area"], area.area.as_str());
        assert_eq!(bar["label"], format!("{}%", area.score));
        let (track, fill) = (bar["track"].as_f64().unwrap_or(0.0), bar["fill"].as_f64().unwrap_or(0.0));
        assert!(track > 100.0 && bar["height"].as_f64() > Some(4.0), "{} bar not drawn: {bar}", area.area);
        let drawn = fill / track * 100.0;
        // A 0% bar keeps a 3px sliver so that it reads as a bar.
        assert!(
            (drawn - f64::from(area.score)).abs() <= 1.5,
            "{} bar is {drawn:.1}% wide, not {}%",
            area.area,
            area.score
        );
    }
    assert_eq!(count(&tab, "#trend .trend-point")?, sample.readiness.trend.len());
    // Nothing is wider than its card (a table that cannot wrap would be).
    let overflowing = eval(
        &tab,
        "JSON.stringify(Array.from(document.querySelectorAll('.card'))
            .filter(card => card.scrollWidth > card.clientWidth + 1)
            .map(card => (card.id || card.className) + ': ' + card.scrollWidth + ' > ' + card.clientWidth))",
    )?;
    assert_eq!(overflowing, "[]", "cards overflow at {WIDTH}px");

    // The filters: all findings show, unticking `critical` hides the critical ones, the text
    // filter narrows further, and "Show all" brings every finding back.
    let report = sample.report();
    let total = report.active().count();
    let critical = report.active().filter(|f| f.severity == Severity::Critical).count();
    assert!(critical > 0);
    assert_eq!(visible_findings(&tab)?, total);
    assert_eq!(eval(&tab, "getComputedStyle(document.getElementById('filters')).display")?, "flex");
    tab.find_element("#filters input[name=severity][value=critical]")?.click()?;
    assert_eq!(visible_findings(&tab)?, total - critical);
    assert_eq!(
        eval(&tab, "document.getElementById('findings-count').textContent")?,
        format!("{} of {total} findings", total - critical)
    );
    tab.find_element("#filter-text")?.click()?;
    tab.type_str("billing")?;
    let billing = report
        .active()
        .filter(|f| f.severity != Severity::Critical)
        .filter(|f| f.path.contains("billing") || f.message.contains("billing") || f.snippet.contains("billing"))
        .count();
    assert!(billing > 0 && billing < total - critical);
    assert_eq!(visible_findings(&tab)?, billing);
    tab.find_element("#filter-reset")?.click()?;
    assert_eq!(visible_findings(&tab)?, total);

    // The hostile finding is text on the page, not markup.
    assert_eq!(count(&tab, "script")?, 1);
    let hostile = format!("document.body.innerText.includes({})", serde_json::to_string(fixtures::HOSTILE)?);
    assert_eq!(eval(&tab, &hostile)?, true);

    // Screenshots of the whole page, light and dark.
    let light = target.join("html-report-screenshot.png");
    screenshot(&tab, &light)?;
    tab.call_method(SetEmulatedMedia {
        media: None,
        features: Some(vec![MediaFeature { name: "prefers-color-scheme".into(), value: "dark".into() }]),
    })?;
    let dark = target.join("html-report-screenshot-dark.png");
    screenshot(&tab, &dark)?;

    // Nothing was requested but the file, nothing failed, nothing complained.
    std::thread::sleep(Duration::from_millis(200));
    {
        let observed = observed.lock().map_err(|_| "listener panicked")?;
        assert!(observed.requests.contains(&url), "the document's own request was not seen: {:?}", observed.requests);
        let elsewhere: Vec<&String> = observed.requests.iter().filter(|r| **r != url).collect();
        assert!(elsewhere.is_empty(), "the page requested more than its file: {elsewhere:?}");
        assert!(observed.failed.is_empty(), "requests failed: {:?}", observed.failed);
        assert!(observed.errors.is_empty(), "console errors or exceptions: {:?}", observed.errors);
    }

    // The policy is in force: a load the page might try is refused before it leaves the
    // browser (the address is this machine's discard port, so nothing could answer anyway).
    let refused = tab.evaluate(
        "new Promise(resolve => {
            document.addEventListener('securitypolicyviolation', e => resolve(e.effectiveDirective));
            const probe = new Image();
            probe.src = 'http://127.0.0.1:9/probe.png';
        })",
        true,
    )?;
    assert_eq!(refused.value, Some(Value::from("img-src")));

    eprintln!("HTML report: {}\nscreenshots: {} and {}", page.display(), light.display(), dark.display());
    Ok(())
}

fn listen(tab: &Arc<Tab>, observed: &Arc<Mutex<Observed>>) -> TestResult {
    let sink = Arc::clone(observed);
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let Ok(mut seen) = sink.lock() else { return };
        match event {
            Event::NetworkRequestWillBeSent(e) => seen.requests.push(e.params.request.url.clone()),
            Event::NetworkLoadingFailed(e) => {
                seen.failed.push(format!("{}: {}", e.params.request_id, e.params.error_text));
            }
            Event::RuntimeExceptionThrown(e) => {
                let details = &e.params.exception_details;
                let description = details.exception.as_ref().and_then(|x| x.description.clone()).unwrap_or_default();
                seen.errors.push(format!("exception: {} {description}", details.text));
            }
            Event::RuntimeConsoleAPICalled(e)
                if matches!(
                    e.params.Type,
                    ConsoleAPICalledEventTypeOption::Error
                        | ConsoleAPICalledEventTypeOption::Warning
                        | ConsoleAPICalledEventTypeOption::Assert
                ) =>
            {
                let args: Vec<String> = e.params.args.iter().filter_map(|a| a.description.clone()).collect();
                seen.errors.push(format!("console.{:?}: {}", e.params.Type, args.join(" ")));
            }
            Event::LogEntryAdded(e) if matches!(e.params.entry.level, LogEntryLevel::Error) => {
                seen.errors.push(format!("log {:?}: {}", e.params.entry.source, e.params.entry.text));
            }
            _ => {}
        }
    }))?;
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })?;
    tab.enable_runtime()?;
    tab.enable_log()?;
    Ok(())
}

fn eval(tab: &Tab, expression: &str) -> Result<Value, Box<dyn Error + Send + Sync>> {
    let result = tab.evaluate(expression, false)?;
    match result.value {
        Some(value) => Ok(value),
        None => Err(format!("`{expression}` gave no value: {result:?}").into()),
    }
}

fn count(tab: &Tab, selector: &str) -> Result<usize, Box<dyn Error + Send + Sync>> {
    let expression = format!("document.querySelectorAll({}).length", serde_json::to_string(selector)?);
    let n = eval(tab, &expression)?.as_u64().ok_or("not a count")?;
    Ok(usize::try_from(n)?)
}

/// Findings the reader can see: not hidden, and laid out with a size.
fn visible_findings(tab: &Tab) -> Result<usize, Box<dyn Error + Send + Sync>> {
    let n = eval(
        tab,
        "Array.from(document.querySelectorAll('#findings .finding'))
            .filter(f => f.getClientRects().length > 0 && f.getBoundingClientRect().height > 0).length",
    )?
    .as_u64()
    .ok_or("not a count")?;
    Ok(usize::try_from(n)?)
}

/// A PNG of the whole page: the viewport is stretched to the page's height first.
fn screenshot(tab: &Tab, path: &Path) -> TestResult {
    let height = eval(tab, "Math.ceil(document.documentElement.scrollHeight)")?.as_u64().ok_or("no height")?;
    // At most what Chromium draws in one go.
    resize(tab, u32::try_from(height.clamp(900, 16_000))?)?;
    let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)?;
    std::fs::write(path, png)?;
    resize(tab, 900)
}

fn resize(tab: &Tab, height: u32) -> TestResult {
    tab.call_method(SetDeviceMetricsOverride {
        width: WIDTH,
        height,
        device_scale_factor: 1.0,
        mobile: false,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })?;
    Ok(())
}

fn find_chromium() -> Option<PathBuf> {
    for var in ["CHROME", "CHROMIUM"] {
        if let Some(path) = env::var_os(var).filter(|path| !path.is_empty()) {
            return Some(PathBuf::from(path));
        }
    }
    let path = env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .flat_map(|name| env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The `file://` URL of an absolute path, as the browser reports it: bytes other than
/// unreserved characters and `/` percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            let _ = write!(url, "%{byte:02X}");
        }
    }
    url
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, else the workspace's `target/`.
fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"), PathBuf::from)
}
