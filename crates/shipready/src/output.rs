//! Where a report goes: stdout, or a file written atomically (a temp file in the same folder,
//! renamed into place, so an interrupted run never leaves half a report). Paths that are not
//! regular files (`/dev/null`, `/dev/stdout`, a FIFO) are written in place: renaming over them
//! would replace the device with a plain file.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;

use crate::args::ColorChoice;

/// Writes a report with `render`, to `path` if given (atomically) or to `out`.
pub(crate) fn write_report(
    path: Option<&Path>,
    out: &mut dyn Write,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let Some(path) = path else {
        render(out)?;
        return out.flush().map_err(Into::into);
    };
    // A symlink is followed, so the file it points at is replaced, not the link.
    let resolved = fs::canonicalize(path).ok();
    let path = resolved.as_deref().unwrap_or(path);
    if fs::metadata(path).is_ok_and(|metadata| !metadata.is_file()) {
        let file = fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open `{}` to write the report", path.display()))?;
        let mut writer = io::BufWriter::new(file);
        return render(&mut writer)
            .and_then(|()| writer.flush())
            .with_context(|| format!("cannot write the report to `{}`", path.display()));
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(folder)
        .with_context(|| format!("cannot create a temporary file in `{}`", folder.display()))?;
    let mut writer = io::BufWriter::new(file.as_file_mut());
    render(&mut writer)
        .and_then(|()| writer.flush())
        .with_context(|| format!("cannot write the report to `{}`", path.display()))?;
    drop(writer);
    file.as_file().sync_all().with_context(|| format!("cannot write the report to `{}`", path.display()))?;
    file.persist(path).with_context(|| format!("cannot write the report to `{}`", path.display()))?;
    Ok(())
}

/// Whether to colour output that goes to stdout.
pub(crate) fn use_color(choice: ColorChoice, to_stdout: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_stdout && io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}
