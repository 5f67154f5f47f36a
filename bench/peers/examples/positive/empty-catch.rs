use std::fs;

pub fn reload(path: &str) -> Option<String> {
    match fs::read_to_string(path) {
        Ok(text) => return Some(text),
        Err(_) => {}
    }
    if let Err(err) = fs::remove_file(path) {}
    None
}
