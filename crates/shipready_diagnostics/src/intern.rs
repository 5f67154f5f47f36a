//! Strings that live as long as the program: rule ids and framework names are `&'static str`
//! in findings and facts, and when those are read back from the scan cache their text is
//! interned here. The set is bounded by the ids and names shipready knows (each is leaked once,
//! however often it is read).

use std::collections::HashSet;
use std::sync::{LazyLock, RwLock};

use serde::{Deserialize, Deserializer};

static INTERNED: LazyLock<RwLock<HashSet<&'static str>>> = LazyLock::new(RwLock::default);

/// The `'static` copy of `text`, made once per distinct text.
pub fn intern(text: &str) -> &'static str {
    if let Some(known) = INTERNED.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(text) {
        return known;
    }
    let mut interned = INTERNED.write().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = interned.get(text) {
        return known;
    }
    let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
    interned.insert(leaked);
    leaked
}

/// Deserializes a `&'static str` by interning it.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    Ok(intern(&text))
}

/// Deserializes an `Option<&'static str>` by interning it.
pub fn deserialize_option<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<&'static str>, D::Error> {
    let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
    Ok(text.map(|text| intern(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_is_the_same_str() {
        let a = intern(&String::from("print-logging"));
        let b = intern("print-logging");
        assert!(std::ptr::eq(a, b));
        assert_eq!(a, "print-logging");
    }
}
