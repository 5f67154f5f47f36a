//! The demo services in `examples/` start for real and answer `GET /healthz`: proof that the
//! harness in `support/demo.rs`, which the live `probe` tests use, works. Skipped without
//! `scripts/demo-deps.sh`'s install, unless `SHIPREADY_REQUIRE_DEMOS=1`.

mod support;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use support::demo::{self, DemoService};

/// A raw HTTP/1.1 `GET`: the status code and the whole response, headers and body.
fn get(service: &DemoService, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect_timeout(&service.addr, Duration::from_secs(5)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", service.addr).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP/1.1 response: {response:?}"));
    (status, response)
}

/// The service answers `/healthz` with `{"ok":true}`; once dropped, its process is gone (reaped)
/// and its port refuses connections.
fn answers_healthz_then_stops(service: DemoService) {
    assert!(service.base_url.starts_with("http://127.0.0.1:"), "{}", service.base_url);
    let (status, response) = get(&service, "/healthz");
    assert_eq!(status, 200, "{response}\n--- log:\n{}", service.log());
    assert!(response.ends_with(r#"{"ok":true}"#), "{response}");

    let (pid, addr) = (service.pid(), service.addr);
    drop(service);
    assert!(!Path::new(&format!("/proc/{pid}")).exists(), "process {pid} is still there after drop");
    assert!(TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err(), "{addr} still accepts connections");
}

#[test]
fn the_python_demo_runs_and_answers_healthz() {
    let Some(service) = demo::start_python() else { return };
    answers_healthz_then_stops(service);
}

#[test]
fn the_node_demo_runs_and_answers_healthz() {
    let Some(service) = demo::start_node() else { return };
    answers_healthz_then_stops(service);
}
