use std::io;
use std::process::ExitCode;

use clap::Parser;
use shipready::args::Args;

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let mut stdout = io::stdout().lock();
    match shipready::run(args, &mut stdout) {
        Ok(status) => status.into(),
        Err(error) => shipready::report_error(&error, &mut io::stderr().lock()).into(),
    }
}
