//! What a name says about the value it holds: one place for every rule that asks whether an
//! identifier, property or header names a secret.

/// Splits an identifier, property, header or key name into lowercase words:
/// `apiKey` → `api key`, `X-API-Key` → `x api key`, `AWS_SECRET_ACCESS_KEY` →
/// `aws secret access key`, `XMLHttpRequest` → `xml http request`.
pub(crate) fn split_words(name: &str) -> Vec<String> {
    if name.is_ascii() {
        return split_ascii_words(name.as_bytes());
    }
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase() || p.is_ascii_digit() || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// [`split_words`] for ASCII names (nearly all of them): the same boundaries, on bytes, without
/// collecting the characters first.
fn split_ascii_words(name: &[u8]) -> Vec<String> {
    let mut words = Vec::new();
    let mut start = None;
    let flush = |start: &mut Option<usize>, end: usize, words: &mut Vec<String>| {
        if let Some(from) = start.take() {
            let word = &name[from..end];
            words.push(word.iter().map(|b| char::from(b.to_ascii_lowercase())).collect());
        }
    };
    for (i, &c) in name.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut start, i, &mut words);
            continue;
        }
        let prev = i.checked_sub(1).map(|p| name[p]);
        let next = name.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary {
            flush(&mut start, i, &mut words);
        }
        start.get_or_insert(i);
    }
    flush(&mut start, name.len(), &mut words);
    words
}

/// Words that name a secret when they end a name.
const SECRET_HEADS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "apikey",
    "signature",
    "hmac",
    "digest",
    "authorization",
    "credential",
    "credentials",
];

/// Words that, before `key`, make it a secret key rather than a lookup key.
const SECRET_KEY_QUALIFIERS: &[&str] = &[
    "api",
    "secret",
    "private",
    "access",
    "auth",
    "signing",
    "hmac",
    "admin",
    "master",
    "encryption",
    "session",
    "client",
    "webhook",
    "service",
    "jwt",
    "app",
    "license",
    "subscription",
];

/// Words that, before a secret head, make the name about something that is not a secret:
/// lexer tokens, pagination cursors, cancellation tokens.
const NOT_SECRET_QUALIFIERS: &[&str] = &[
    "next",
    "page",
    "continuation",
    "pagination",
    "cursor",
    "sync",
    "cancellation",
    "cancel",
    "abort",
    "current",
    "prev",
    "previous",
    "last",
    "first",
    "syntax",
    "lexer",
    "parser",
    "start",
    "end",
    "open",
    "close",
    "opening",
    "closing",
    "csrf",
    "xsrf",
    "max",
    "min",
    "num",
    "total",
    "new",
    "confirm",
    "confirmation",
    "repeat",
    "retype",
    "old",
    "reset",
    "forgot",
    "forgotten",
    "show",
    "hide",
    "toggle",
    "visible",
    "require",
    "requires",
    "required",
    "has",
    "is",
    "use",
    "enable",
    "enabled",
    "disable",
    "disabled",
    "valid",
    "invalid",
    "no",
    "empty",
    "missing",
    // Parser and lexer tokens (`questionToken`, `operatorToken`, `dotDotDotToken`).
    "operator",
    "question",
    "exclamation",
    "asterisk",
    "star",
    "dot",
    "colon",
    "semicolon",
    "comma",
    "equals",
    "than",
    "keyword",
    "readonly",
    "context",
    "final",
    "preceding",
    "following",
    "relevant",
    "symbol",
    "stop",
    "punctuation",
    "paren",
    "bracket",
    "brace",
    "slash",
    "arrow",
    "eof",
    "identifier",
    "literal",
    "template",
    "whitespace",
    "newline",
    "comment",
    "modifier",
];

/// Words that may follow a secret head without changing what the value is (`tokenValue`).
const VALUE_SUFFIXES: &[&str] = &["value", "str", "string", "raw", "bytes", "b64", "hex", "header", "hash"];

/// What kind of secret a name holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SecretKind {
    /// A token, API key, client secret, credential or authorization header value.
    Credential,
    /// A password or passphrase.
    Password,
    /// A message authentication code or signature: `hmac`, `signature`, `digest`. Often only a
    /// checksum of public data, so checks that care ask how the value was computed.
    Mac,
}

/// The kind of secret a name holds, if it names one (see [`is_secret_name`]).
pub(crate) fn secret_kind(name: &str) -> Option<SecretKind> {
    if !is_secret_name(name) {
        return None;
    }
    let words = head_words(name);
    Some(match words.last().map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit())) {
        Some("password" | "passwd" | "pwd" | "passphrase") => SecretKind::Password,
        Some("signature" | "hmac" | "digest") => SecretKind::Mac,
        _ => SecretKind::Credential,
    })
}

/// Whether an environment-variable style key names a secret: a secret name, or a key ending in
/// `_PASSWORD`, `_PASS`, `_PWD`, `_PASSPHRASE`, `_SECRET` or `_TOKEN` (`DB_PASS`, `CSRF_SECRET`).
pub(crate) fn is_secret_env_key(key: &str) -> bool {
    if is_secret_name(key) {
        return true;
    }
    let upper = key.to_ascii_uppercase();
    ["_PASSWORD", "_PASSWD", "_PASS", "_PWD", "_PASSPHRASE", "_SECRET", "_TOKEN"]
        .iter()
        .any(|suffix| upper.ends_with(suffix))
}

/// Whether a name (identifier, property, key, header) names a secret value: a token, secret,
/// password, API key, signature, HMAC or digest — not metadata about one (`tokenType`,
/// `passwordLength`, `secretName`) and not a lexer or pagination token (`nextToken`).
pub(crate) fn is_secret_name(name: &str) -> bool {
    // Most names hold no secret word at all; say so without splitting them into words.
    const HEAD_PARTS: &[&[u8]] =
        &[b"token", b"secret", b"pass", b"pwd", b"key", b"signature", b"hmac", b"digest", b"auth", b"credential"];
    if name.is_ascii() {
        // One pass over the name, looking closer only where a part can start.
        let bytes = name.as_bytes();
        let holds = (0..bytes.len()).any(|at| {
            matches!(bytes[at] | 0x20, b't' | b's' | b'p' | b'k' | b'h' | b'd' | b'a' | b'c')
                && HEAD_PARTS
                    .iter()
                    .any(|part| bytes[at..].get(..part.len()).is_some_and(|s| s.eq_ignore_ascii_case(part)))
        });
        if !holds {
            return false;
        }
    }
    // `tokenValue`, `signatureHex`, `authHeader`: look at the word before the suffix.
    let words = head_words(name);
    // `password2`, `token_v1`: a numbered copy names the same thing.
    let Some(head) = words.last().map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit())) else {
        return false;
    };
    let qualifier = words.len().checked_sub(2).map(|i| words[i].as_str());
    if qualifier.is_some_and(|q| NOT_SECRET_QUALIFIERS.contains(&q)) {
        return false;
    }
    match head {
        "key" => qualifier.is_some_and(|q| SECRET_KEY_QUALIFIERS.contains(&q)),
        "auth" => words.len() == 1 || qualifier == Some("x"),
        _ => SECRET_HEADS.contains(&head),
    }
}

/// The words of a name without the value suffixes that do not change what it holds
/// (`tokenValue` → `token`).
fn head_words(name: &str) -> Vec<String> {
    let mut words = split_words(name);
    while words.len() > 1 && VALUE_SUFFIXES.contains(&words[words.len() - 1].as_str()) {
        words.pop();
    }
    words
}

/// Whether a name is the bare word `token` (`token`, `TOKEN`, `tokenValue`): a secret in an
/// auth handler, but just as often a lexer's or a parser's token, so it takes more evidence.
pub(crate) fn is_bare_token(name: &str) -> bool {
    matches!(head_words(name).as_slice(), [word] if word == "token")
}

/// Whether a name is a position in a token stream (`firstToken`, `nextToken`, `startToken`):
/// a token, but one the secret vocabulary rules out.
pub(crate) fn is_stream_token(name: &str) -> bool {
    head_words(name).last().is_some_and(|word| word == "token") && !is_secret_name(name)
}

/// Whether text says something is not done yet: "not implemented", "TODO", "unimplemented",
/// "stub", "placeholder".
pub(crate) fn says_not_implemented(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["not implemented", "not yet implemented", "unimplemented", "todo", "stub", "placeholder", "implement me"]
        .iter()
        .any(|phrase| lower.contains(phrase))
}

/// Verbs that name an action a caller relies on happening (send, create, charge…): a function
/// so named that only logs is a stub.
pub(crate) fn names_an_action(name: &str) -> bool {
    const VERBS: &[&str] = &[
        "send",
        "create",
        "push",
        "post",
        "publish",
        "sync",
        "save",
        "store",
        "write",
        "upload",
        "deliver",
        "notify",
        "charge",
        "pay",
        "book",
        "schedule",
        "dispatch",
        "enqueue",
        "submit",
        "insert",
        "persist",
        "import",
        "export",
        "provision",
        "deploy",
        "execute",
        "transfer",
        "refund",
    ];
    split_words(name).first().is_some_and(|first| VERBS.contains(&first.as_str()))
}

/// Whether a name is written as a constant: `MAX_LEN`, `EOF`, `USERS_TABLE` (two characters or
/// more, upper-case letters, digits and underscores, with at least one letter).
pub(crate) fn is_constant_name(name: &str) -> bool {
    name.len() > 1
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_path_splits_as_the_general_one() {
        // The general path, forced by a non-ASCII character at the end that is itself a separator.
        for name in [
            "apiKey",
            "X-API-Key",
            "AWS_SECRET_ACCESS_KEY",
            "XMLHttpRequest",
            "v2Token",
            "a1B2c3",
            "__init__",
            "HTTPServer2",
            "getHTTP",
            "ABC",
            "a",
            "",
            "--",
            "userID_hash",
            "S3Bucket",
            "x-Api-KEY-id",
        ] {
            let general = split_words(&format!("{name}\u{2014}"));
            assert_eq!(split_words(name), general, "{name}");
        }
    }

    #[test]
    fn splits_every_naming_style() {
        assert_eq!(split_words("apiKey"), ["api", "key"]);
        assert_eq!(split_words("X-API-Key"), ["x", "api", "key"]);
        assert_eq!(split_words("AWS_SECRET_ACCESS_KEY"), ["aws", "secret", "access", "key"]);
        assert_eq!(split_words("XMLHttpRequest"), ["xml", "http", "request"]);
        assert_eq!(split_words("token2fa"), ["token2fa"]);
        assert_eq!(split_words("sha256Digest"), ["sha256", "digest"]);
    }

    #[test]
    fn secret_names() {
        for name in [
            "token",
            "expectedToken",
            "API_KEY",
            "apiKey",
            "x-api-key",
            "X-Api-Key",
            "secret",
            "SECRET_KEY",
            "client_secret",
            "password",
            "passwordHash",
            "signature",
            "hmacDigest",
            "authorization",
            "authHeader",
            "aws_secret_access_key",
            "webhookSecret",
            "tokenValue",
            "MANAGEMENT_TOKEN",
            "adminKey",
        ] {
            assert!(is_secret_name(name), "{name} should be secret-like");
        }
    }

    #[test]
    fn secret_kinds() {
        assert_eq!(secret_kind("apiKey"), Some(SecretKind::Credential));
        assert_eq!(secret_kind("passwordHash"), Some(SecretKind::Password));
        assert_eq!(secret_kind("webhookSignature"), Some(SecretKind::Mac));
        assert_eq!(secret_kind("tokenType"), None);
        assert!(is_secret_env_key("DB_PASS") && is_secret_env_key("CSRF_SECRET") && !is_secret_env_key("DB_HOST"));
    }

    #[test]
    fn names_that_are_not_secrets() {
        for name in [
            "tokenType",
            "tokens",
            "maxTokens",
            "nextToken",
            "cancellationToken",
            "passwordLength",
            "secretName",
            "primaryKey",
            "cacheKey",
            "key",
            "tokenizer",
            "confirmPassword",
            "showPassword",
            "passwordField",
            "signatureAlgorithm",
            "currentToken",
            "author",
            "authorName",
            "isSecret",
            "questionToken",
            "dotDotDotToken",
            "operatorToken",
            "contextToken2",
            "equalsGreaterThanToken",
        ] {
            assert!(!is_secret_name(name), "{name} should not be secret-like");
        }
    }

    #[test]
    fn bare_and_stream_tokens() {
        for name in ["token", "TOKEN", "tokenValue", "token_str"] {
            assert!(is_bare_token(name), "{name} is a bare token");
        }
        for name in ["apiToken", "access_token", "tokens", "secret"] {
            assert!(!is_bare_token(name), "{name} is not a bare token");
        }
        assert!(is_stream_token("firstToken") && is_stream_token("next_token"));
        assert!(!is_stream_token("accessToken") && !is_stream_token("token") && !is_stream_token("tokenType"));
    }
}
