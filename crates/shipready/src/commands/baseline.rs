//! `shipready baseline`: record today's findings and scores as the starting point that later
//! runs compare with.

use std::io::Write;

use anyhow::Context;

use crate::args::{BaselineArgs, GlobalArgs};
use crate::commands::check::check;
use crate::commands::scan::{CHECKLIST, readiness_of};
use crate::{ExitStatus, output};

pub(crate) fn run(args: &BaselineArgs, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let checked = check(&args.check, global)?;
    let checklist = std::fs::read_to_string(checked.project_dir().join(CHECKLIST)).unwrap_or_default();
    let readiness = readiness_of(&checked, None, &checklist)?;
    // Suppressed findings are accepted already; the baseline records the others.
    let open: Vec<_> = checked.result.findings.iter().filter(|f| f.suppression.is_none()).cloned().collect();
    let baseline = readiness.to_baseline(&open, env!("CARGO_PKG_VERSION"));
    let path = args.output.clone().unwrap_or_else(|| checked.state_file("baseline.json"));
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).with_context(|| format!("cannot create `{}`", folder.display()))?;
    }
    output::write_report(Some(&path), out, |writer| writer.write_all(baseline.to_json().as_bytes()))?;
    if !global.quiet {
        let _ = writeln!(
            std::io::stderr(),
            "shipready: recorded {} findings and a score of {}% in {}",
            baseline.findings.len(),
            baseline.score,
            path.display()
        );
    }
    Ok(ExitStatus::Success)
}
