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
    // The new file keeps the permissions of the one it replaces; a new one gets the usual
    // read-for-all, write-for-owner.
    let mut builder = tempfile::Builder::new();
    let mut file = set_default_permissions(&mut builder)
        .tempfile_in(folder)
        .with_context(|| format!("cannot create a temporary file in `{}`", folder.display()))?;
    if let Ok(metadata) = fs::metadata(path) {
        // Set after creation, so that the umask does not narrow them.
        file.as_file()
            .set_permissions(metadata.permissions())
            .with_context(|| format!("cannot copy the permissions of `{}`", path.display()))?;
    }
    let mut writer = io::BufWriter::new(file.as_file_mut());
    render(&mut writer)
        .and_then(|()| writer.flush())
        .with_context(|| format!("cannot write the report to `{}`", path.display()))?;
    drop(writer);
    file.as_file().sync_all().with_context(|| format!("cannot write the report to `{}`", path.display()))?;
    file.persist(path).with_context(|| format!("cannot write the report to `{}`", path.display()))?;
    Ok(())
}

#[cfg(unix)]
fn set_default_permissions<'b, 'a, 'c>(
    builder: &'b mut tempfile::Builder<'a, 'c>,
) -> &'b mut tempfile::Builder<'a, 'c> {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(fs::Permissions::from_mode(0o644))
}

/// Elsewhere a fresh temporary file already has ordinary permissions.
#[cfg(not(unix))]
fn set_default_permissions<'b, 'a, 'c>(
    builder: &'b mut tempfile::Builder<'a, 'c>,
) -> &'b mut tempfile::Builder<'a, 'c> {
    builder
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("READINESS.md");
        fs::write(&path, "old checklist\n").unwrap();
        let result = write_report(Some(&path), &mut io::sink(), |writer| {
            writer.write_all(b"half of the new che")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old checklist\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file is removed");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("READINESS.md");
        fs::write(&path, "old\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
        write_report(Some(&path), &mut io::sink(), |writer| writer.write_all(b"new\n")).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o664);
        let fresh = dir.path().join("new.md");
        write_report(Some(&fresh), &mut io::sink(), |writer| writer.write_all(b"new\n")).unwrap();
        assert_eq!(fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o644);
    }
}
