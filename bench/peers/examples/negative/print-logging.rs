use std::io::Write;

pub fn save(item: &Item, out: &mut impl Write) -> std::io::Result<()> {
    tracing::info!(id = item.id, "saving");
    writeln!(out, "saved {}", item.id)?;
    let line = format!("{item:?}");
    log::debug!("{line}");
    Ok(())
}
