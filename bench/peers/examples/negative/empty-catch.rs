use std::fs;

pub fn reload(path: &str) -> Option<String> {
    match fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(err) => {
            log::warn!("cannot read {path}: {err}");
            None
        }
    }
}

pub fn tidy(path: &str) {
    if let Err(_) = fs::remove_file(path) {
        // already gone: that is what we wanted
    }
    match fs::metadata(path) {
        Ok(_) => {}
        Err(err) => return log::debug!("{err}"),
    }
}
