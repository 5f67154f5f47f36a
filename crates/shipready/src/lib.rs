//! The `shipready` command line: flags in [`args`], one module per command in `commands`.
//!
//! [`run`] takes the parsed arguments and the writer reports go to, so tests can run the whole
//! tool in-process; `main` only wires it to stdout and turns errors into exit codes.

pub mod args;
mod commands;
mod output;

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

use args::{Args, Command};

/// How a run ended. These are the only exit codes shipready uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: no finding at or above `--fail-on`.
    Success,
    /// 1: at least one finding at or above `--fail-on`.
    Failure,
    /// 2: a usage or configuration error (bad arguments, a path that does not exist).
    Error,
    /// 3: an internal error (a bug, an unwritable output).
    InternalError,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
            ExitStatus::InternalError => 3,
        })
    }
}

/// An error in what the user asked for, as opposed to a failure of the tool: exits 2.
#[derive(Debug)]
pub struct UserError {
    pub message: String,
    pub hint: Option<String>,
}

impl UserError {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), hint: None }
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {}

/// Runs one command, writing its report to `out`.
pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let global = args.global;
    match args.command {
        Command::Scan(scan) => commands::scan::run(&scan, &global, out),
        Command::Rules(rules) => commands::rules::run(&rules, out),
        Command::Explain(explain) => commands::rules::explain(&explain.rule, out),
        Command::Report(report) => commands::report::run(&report, &global, out),
        Command::Baseline(baseline) => commands::baseline::run(&baseline, &global, out),
        Command::Probe(probe) => commands::probe::run(&probe, &global, out),
    }
}

/// Prints an error the way every shipready failure looks, and picks its exit status. A closed
/// pipe (`shipready scan | head`) is not a failure.
pub fn report_error(error: &anyhow::Error, stderr: &mut dyn Write) -> ExitStatus {
    let broken_pipe = error
        .chain()
        .any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe));
    if broken_pipe {
        return ExitStatus::Success;
    }
    let _ = writeln!(stderr, "shipready failed");
    for cause in error.chain() {
        let _ = writeln!(stderr, "  Cause: {cause}");
    }
    match error.chain().find_map(|cause| cause.downcast_ref::<UserError>()) {
        Some(user) => {
            if let Some(hint) = &user.hint {
                let _ = writeln!(stderr, "  Hint: {hint}");
            }
            ExitStatus::Error
        }
        None => ExitStatus::InternalError,
    }
}
