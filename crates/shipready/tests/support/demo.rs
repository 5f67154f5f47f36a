//! Starts the demo services in `examples/` for real, on a free port of 127.0.0.1, for tests that
//! talk HTTP to them:
//!
//! - [`start_python`]: `examples/py-service` (FastAPI) under uvicorn, from the virtualenv
//!   `target/demo/py-venv`, on a fresh copy of its sources (so that nothing it writes, bytecode or
//!   its `events.json`, lands in `examples/`, which are scan fixtures);
//! - [`start_node`]: `examples/ts-service` (Express) under node, built in `target/demo/ts-service`.
//!
//! `scripts/demo-deps.sh` installs both. Without them a start returns `None` and says so on
//! stderr, unless `SHIPREADY_REQUIRE_DEMOS=1`: then it panics, so CI cannot skip the tests.
//! A service that exits early or does not answer `GET /healthz` within 30 s panics with its log.
//! Dropping a [`DemoService`] stops its whole process group and reaps it.
// Each test binary that includes this module uses a different part of it; `unreachable_pub`
// cannot see that `pub` here is for those binaries.
#![allow(dead_code, unreachable_pub, reason = "shared by several test binaries")]

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// Set to `1` to make a missing install a failure instead of a skip.
pub const REQUIRE_ENV: &str = "SHIPREADY_REQUIRE_DEMOS";
/// How long a demo gets to answer `GET /healthz` after it is spawned.
pub const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a demo gets to exit after SIGTERM before its group is sent SIGKILL.
const STOP_GRACE: Duration = Duration::from_secs(5);
/// The demos' own settings, which the tests' environment must not leak into them.
const DEMO_ENV: [&str; 6] = ["API_KEY", "ADMIN_TOKEN", "PORT", "WEBHOOK_SECRET", "TELEGRAM_TOKEN", "NODE_ENV"];

/// A demo service running on `base_url` (`http://127.0.0.1:PORT`, no trailing slash).
pub struct DemoService {
    /// `py-service` or `ts-service`.
    pub name: &'static str,
    pub base_url: String,
    pub addr: SocketAddr,
    /// Everything the server wrote to stdout and stderr.
    pub log_path: PathBuf,
    child: Child,
    exited: bool,
    /// The Python service's copy of its sources; removed on drop.
    _sources: Option<TempDir>,
}

impl DemoService {
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `base_url` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// What the server has logged so far.
    pub fn log(&self) -> String {
        fs::read(&self.log_path).map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).unwrap_or_default()
    }

    /// Waits until the server answers `GET /healthz` with a 200, or panics with its log.
    fn wait_until_ready(&mut self) -> Result<(), Exited> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("could not poll the demo service") {
                self.exited = true;
                return Err(Exited(format!("{status}")));
            }
            let last = match healthz(self.addr) {
                Ok(200) => return Ok(()),
                Ok(status) => format!("GET /healthz answered {status}"),
                Err(error) => format!("GET /healthz: {error}"),
            };
            assert!(
                Instant::now() < deadline,
                "{} did not answer GET /healthz with 200 within {READY_TIMEOUT:?} (last: {last}); its log ({}):\n{}",
                self.name,
                self.log_path.display(),
                self.log(),
            );
            thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for DemoService {
    fn drop(&mut self) {
        if self.exited || matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        // The child leads its own process group (`process_group(0)`), and until it is reaped
        // below its pid cannot be reused: the group is still ours to signal.
        let group = format!("-{}", self.child.id());
        if !signal("TERM", &group) {
            let _ = self.child.kill();
        }
        let deadline = Instant::now() + STOP_GRACE;
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        if !signal("KILL", &group) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// `kill -s SIGNAL -- TARGET`; false when `kill` could not be run or failed.
fn signal(signal: &str, target: &str) -> bool {
    Command::new("kill")
        .args(["-s", signal, "--", target])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The server exited before it was ready, with this status.
struct Exited(String);

/// Starts `examples/py-service` under uvicorn.
pub fn start_python() -> Option<DemoService> {
    start_python_with(&[])
}

/// [`start_python`] with these environment variables set (`API_KEY`, `ADMIN_TOKEN`, ...).
pub fn start_python_with(env: &[(&str, &str)]) -> Option<DemoService> {
    let root = workspace_root();
    let venv = demo_dir().join("py-venv");
    let python = venv.join("bin/python");
    if !python.is_file() || !venv.join(".shipready-demo-stamp").is_file() {
        return missing(&format!("the py-service's virtualenv {} is not installed", venv.display()));
    }
    Some(start("py-service", |port| {
        let sources = tempfile::Builder::new().prefix("shipready-py-service-").tempdir().expect("temporary folder");
        copy_tree(&root.join("examples/py-service"), sources.path())
            .unwrap_or_else(|error| panic!("could not copy examples/py-service: {error}"));
        let mut command = Command::new(&python);
        with_env(&mut command, env);
        command
            .args(["-m", "uvicorn", "main:app", "--host", "127.0.0.1", "--port", &port.to_string(), "--app-dir"])
            .arg(sources.path())
            .current_dir(sources.path())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("PYTHONUNBUFFERED", "1");
        (command, Some(sources))
    }))
}

/// Starts `examples/ts-service` (built by `scripts/demo-deps.sh`) under node.
pub fn start_node() -> Option<DemoService> {
    start_node_with(&[])
}

/// [`start_node`] with these environment variables set (`API_KEY`, `NODE_ENV`, ...).
pub fn start_node_with(env: &[(&str, &str)]) -> Option<DemoService> {
    let built = demo_dir().join("ts-service");
    let stamp = built.join(".shipready-demo-stamp");
    if !built.join("dist/server.js").is_file() || !stamp.is_file() {
        return missing(&format!("the ts-service is not built in {}", built.display()));
    }
    if Command::new("node").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_err() {
        return missing("node is not on PATH");
    }
    warn_if_stale(&workspace_root().join("examples/ts-service"), &stamp);
    let loopback = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/loopback.cjs");
    Some(start("ts-service", |port| {
        let mut command = Command::new("node");
        with_env(&mut command, env);
        command.arg("--require").arg(&loopback).arg("dist/server.js").current_dir(&built).env("PORT", port.to_string());
        (command, None)
    }))
}

/// Spawns what `command` builds for a free port, retrying on another port should the first be
/// taken in the meantime, and waits until it is ready.
fn start(name: &'static str, command: impl Fn(u16) -> (Command, Option<TempDir>)) -> DemoService {
    let logs = demo_dir().join("logs");
    fs::create_dir_all(&logs).unwrap_or_else(|error| panic!("could not create {}: {error}", logs.display()));
    let mut attempts = 0;
    loop {
        attempts += 1;
        let port = free_port();
        let log_path = logs.join(format!("{name}-{port}.log"));
        let log = File::create(&log_path).unwrap_or_else(|error| panic!("{}: {error}", log_path.display()));
        let (mut command, sources) = command(port);
        command.stdin(Stdio::null()).stdout(log.try_clone().expect("log file handle")).stderr(log).process_group(0);
        let child = command.spawn().unwrap_or_else(|error| panic!("could not start {name} ({command:?}): {error}"));
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let mut service = DemoService {
            name,
            base_url: format!("http://{addr}"),
            addr,
            log_path,
            child,
            exited: false,
            _sources: sources,
        };
        match service.wait_until_ready() {
            Ok(()) => return service,
            Err(Exited(status)) => {
                let log = service.log();
                let taken = ["address already in use", "EADDRINUSE", "Errno 98"].iter().any(|s| log.contains(s));
                assert!(
                    taken && attempts < 3,
                    "{name} exited before it was ready ({status}); its log ({}):\n{log}",
                    service.log_path.display(),
                );
            }
        }
    }
}

/// A port of 127.0.0.1 that nothing listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("could not bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// The status of `GET /healthz`, over a fresh connection.
fn healthz(addr: SocketAddr) -> io::Result<u16> {
    let timeout = Duration::from_secs(2);
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(stream, "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
    let mut head = [0; 64];
    let mut len = 0;
    while len < 12 {
        match stream.read(&mut head[len..])? {
            0 => break,
            n => len += n,
        }
    }
    let line = String::from_utf8_lossy(&head[..len]);
    line.strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("not an HTTP/1.1 status line: {line:?}")))
}

fn with_env(command: &mut Command, env: &[(&str, &str)]) {
    for name in DEMO_ENV {
        command.env_remove(name);
    }
    command.envs(env.iter().map(|(name, value)| (OsStr::new(name), OsStr::new(value))));
}

fn required() -> bool {
    std::env::var(REQUIRE_ENV).is_ok_and(|value| !value.is_empty() && value != "0")
}

#[expect(clippy::print_stderr, reason = "a skipped demo test says why")]
fn missing(what: &str) -> Option<DemoService> {
    assert!(
        !required(),
        "{what}: run `scripts/demo-deps.sh` to install the demo services' dependencies ({REQUIRE_ENV}=1 is set, so \
         the demo tests may not be skipped)"
    );
    eprintln!("skipped: {what}; run `scripts/demo-deps.sh` to install the demo services' dependencies");
    None
}

/// Says so when a source of `examples/ts-service` changed after it was last built.
#[expect(clippy::print_stderr, reason = "a stale build is worth a word, not a failure")]
fn warn_if_stale(sources: &Path, stamp: &Path) {
    fn newest(path: &Path) -> Option<std::time::SystemTime> {
        let meta = fs::metadata(path).ok()?;
        if !meta.is_dir() {
            return meta.modified().ok();
        }
        fs::read_dir(path).ok()?.flatten().filter_map(|entry| newest(&entry.path())).max()
    }
    let built = fs::metadata(stamp).and_then(|meta| meta.modified()).ok();
    if let (Some(built), Some(changed)) = (built, newest(sources))
        && changed > built
    {
        eprintln!(
            "warning: {} changed after its build in target/demo; run `scripts/demo-deps.sh` to rebuild it",
            sources.display()
        );
    }
}

/// The folder of the workspace's `Cargo.toml` (`[workspace]`), above this crate.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|toml| toml.contains("[workspace]")))
        .expect("no workspace Cargo.toml above CARGO_MANIFEST_DIR")
        .to_path_buf()
}

/// `target/demo` of the workspace, where `scripts/demo-deps.sh` installs the demos.
pub fn demo_dir() -> PathBuf {
    workspace_root().join("target/demo")
}

/// Copies a folder's files and subfolders, less Python bytecode caches.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let kind = entry.file_type()?;
        if kind.is_dir() && name != "__pycache__" {
            copy_tree(&entry.path(), &to.join(&name))?;
        } else if kind.is_file() {
            fs::copy(entry.path(), to.join(&name))?;
        }
    }
    Ok(())
}
