mod cors_permissive;
mod exception_leak;

pub(crate) use cors_permissive::CorsPermissive;
pub(crate) use exception_leak::ExceptionLeak;

/// Characters of source quoted in a message before it is cut short.
const EXCERPT_CHARS: usize = 80;

/// Source text as a message quotes it: whitespace runs collapsed to one space, cut short with `…`.
fn excerpt(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => format!("{}…", &collapsed[..end]),
        None => collapsed,
    }
}
