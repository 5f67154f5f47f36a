use shipready_diagnostics::Span;
use shipready_lang::dockerfile::{Dockerfile, Instruction, UnescapedString};
use shipready_lang::{FileRole, Language};

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::names::{is_secret_env_key, split_words};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds `ENV` and `ARG` instructions, in any stage, that give a secret-like name
    /// (`API_KEY`, `DB_PASSWORD`, `JWT_SECRET`, `NPM_TOKEN`…) a literal value, in either form:
    /// `ENV KEY=value` or the legacy `ENV KEY value`.
    ///
    /// Stays silent for names without a value (`ARG NPM_TOKEN`), empty values, references to
    /// other variables (`ENV DB_PASSWORD=${DB_PASSWORD}`), file paths (`/run/secrets/…`),
    /// placeholders (`changeme`, `xxx`, `<token>`, `your-key`, `dummy`, `example`), trivial
    /// local defaults (`postgres`, `root`, `admin`, or a word of the name itself) and
    /// names that are not secrets (`NODE_ENV`, `PORT`, `TOKEN_TTL`).
    ///
    /// ## Why is this bad?
    /// `ENV` values are stored in the image's configuration and `ARG` values in its build
    /// history: anyone who can pull the image reads them with `docker inspect` or
    /// `docker history`, and the value is also committed with the Dockerfile. Rotating the
    /// secret then means rebuilding and repushing every image.
    ///
    /// ## Example
    /// ```dockerfile
    /// ENV STRIPE_SECRET_KEY=sk_live_51H…
    /// ARG DB_PASSWORD=hunter22
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # Runtime secrets come from the environment the container runs in.
    /// ENV STRIPE_SECRET_KEY=""
    /// # Build-time secrets are mounted for one step and never stored.
    /// RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
    /// ```
    ///
    /// ## Known limitations
    /// Only literal values bound to secret-like names are checked; known key formats anywhere
    /// in the file are the `hardcoded-secret` rule's.
    pub(crate) struct DockerfileSecretInEnv {
        id: "dockerfile-secret-in-env",
        area: Operations,
        severity: Critical,
        since: "0.1.0",
        title: "Secret baked into the image with ENV or ARG",
        rationale: "Values set with `ENV` or `ARG` are readable by anyone who can pull the image and are committed with the Dockerfile.",
        fix: "Pass secrets at run time through the environment or a secrets manager, and use `RUN --mount=type=secret` for build-time secrets.",
    }
}

impl Rule for DockerfileSecretInEnv {
    const LANGUAGES: &'static [Language] = &[Language::Dockerfile];
    const ROLES: &'static [FileRole] = &[FileRole::Config];

    fn check_dockerfile(&self, dockerfile: &Dockerfile<'_>, ctx: &mut FileContext<'_>) {
        let escape = dockerfile.parser_directives.escape.as_ref().map_or('\\', |directive| directive.value.value);
        for instruction in &dockerfile.instructions {
            let (keyword, arguments, legacy_form) = match instruction {
                Instruction::Env(env) => ("ENV", &env.arguments, true),
                Instruction::Arg(arg) => ("ARG", &arg.arguments, false),
                _ => continue,
            };
            for binding in bindings(ctx.file.text, arguments, escape, legacy_form) {
                if is_secret_env_key(&binding.key) && is_literal_secret(&binding.key, &binding.value) {
                    ctx.report(
                        binding.value_span,
                        format!("`{keyword} {}` bakes a literal secret into the image", binding.key),
                    );
                }
            }
        }
    }
}

/// One `KEY=value` of an `ENV` or `ARG` instruction, unquoted and unescaped.
struct Binding {
    key: String,
    value: String,
    /// The raw value in the file, quotes included.
    value_span: Span,
}

/// A word of an instruction's arguments: its unescaped text, its raw byte range, and where
/// its first unquoted `=` is (in the unescaped text and in the file).
struct Word {
    text: String,
    start: usize,
    end: usize,
    equals: Option<(usize, usize)>,
}

/// Splits `ENV`/`ARG` arguments into words the way the builder does: whitespace separates
/// words outside quotes, the escape character escapes the next character and joins lines.
fn words(raw: &str, base: usize, escape: char) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<Word> = None;
    let mut quote: Option<char> = None;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = base + i;
        if c == escape && quote != Some('\'') {
            // A line continuation: the escape character, optional blanks, a newline.
            let rest = &raw[i + c.len_utf8()..];
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len();
            if rest[blanks..].starts_with('\n') {
                for _ in 0..=blanks {
                    chars.next();
                }
                continue;
            }
            let word = current.get_or_insert_with(|| Word { text: String::new(), start: at, end: at, equals: None });
            if let Some((j, next)) = chars.next() {
                word.text.push(next);
                word.end = base + j + next.len_utf8();
            } else {
                word.text.push(c);
                word.end = at + c.len_utf8();
            }
            continue;
        }
        if quote.is_none() && c.is_whitespace() {
            if let Some(word) = current.take() {
                words.push(word);
            }
            continue;
        }
        let word = current.get_or_insert_with(|| Word { text: String::new(), start: at, end: at, equals: None });
        word.end = at + c.len_utf8();
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '=') if word.equals.is_none() => {
                word.equals = Some((word.text.len(), at));
                word.text.push(c);
            }
            _ => word.text.push(c),
        }
    }
    words.extend(current);
    words
}

/// The `KEY=value` bindings of `ENV` or `ARG` arguments; with `legacy_form`, also
/// `ENV KEY value words`, where everything after the key is the value.
fn bindings(text: &str, arguments: &UnescapedString<'_>, escape: char, legacy_form: bool) -> Vec<Binding> {
    let Some(raw) = text.get(arguments.span.clone()) else { return Vec::new() };
    let words = words(raw, arguments.span.start, escape);
    let Some(first) = words.first() else { return Vec::new() };
    if first.equals.is_none() {
        if !legacy_form || words.len() < 2 {
            return Vec::new();
        }
        let value = words[1..].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
        let value_span = to_span(words[1].start, words[words.len() - 1].end);
        return vec![Binding { key: first.text.clone(), value, value_span }];
    }
    words
        .iter()
        .filter_map(|word| {
            let (index, offset) = word.equals?;
            let key = word.text.get(..index)?.to_string();
            let value = word.text.get(index + 1..)?.to_string();
            Some(Binding { key, value, value_span: to_span(offset + 1, word.end) })
        })
        .collect()
}

fn to_span(start: usize, end: usize) -> Span {
    let start = u32::try_from(start).unwrap_or(u32::MAX);
    Span::new(start, u32::try_from(end).unwrap_or(u32::MAX).max(start))
}

/// Substrings that make a value a placeholder or a local default.
const PLACEHOLDERS: &[&str] = &[
    "changeme",
    "change-me",
    "change_me",
    "changeit",
    "xxx",
    "***",
    "...",
    "todo",
    "dummy",
    "example",
    "sample",
    "placeholder",
    "fake",
    "redacted",
    "insert",
    "replace",
    "notset",
    "not-set",
    "not_set",
    "your-",
    "your_",
    "insecure",
    "notreal",
    "not-real",
    "not_real",
    "notasecret",
    "not-a-secret",
    "not_a_secret",
];

/// Values that are defaults for local databases and tools, not secrets anyone issued.
const TRIVIAL_VALUES: &[&str] = &[
    "root",
    "admin",
    "postgres",
    "mysql",
    "mongo",
    "redis",
    "guest",
    "user",
    "pass",
    "password",
    "secret",
    "test",
    "dev",
    "local",
    "none",
    "null",
    "nil",
    "undefined",
    "true",
    "false",
    "default",
    "empty",
];

/// Whether the value bound to a secret-like key is a literal secret rather than empty, a
/// variable reference, a path, a placeholder or a local default.
fn is_literal_secret(key: &str, value: &str) -> bool {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    if value.chars().count() < 4 || (value.contains(char::is_whitespace) && value.len() < 8) {
        return false;
    }
    let references_variable = value
        .match_indices('$')
        .any(|(i, _)| value[i + 1..].chars().next().is_some_and(|c| c == '{' || c == '_' || c.is_ascii_alphabetic()));
    if references_variable || value.starts_with(['/', '~', '.']) || lower.starts_with("file:") {
        return false;
    }
    if PLACEHOLDERS.iter().any(|word| lower.contains(word))
        || (lower.contains('<') && lower.contains('>'))
        || lower.contains("{{")
        || lower.starts_with("your")
        || TRIVIAL_VALUES.contains(&lower.as_str())
    {
        return false;
    }
    // `POSTGRES_PASSWORD=postgres`: a word of the key itself.
    if split_words(key).contains(&lower) {
        return false;
    }
    // A URL or connection string without credentials names a place, not a secret.
    if let Some((_, rest)) = lower.split_once("://") {
        let authority = rest.split('/').next().unwrap_or_default();
        return authority.contains('@') && authority.split('@').next().is_some_and(|user| user.contains(':'));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::DockerfileSecretInEnv;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("Dockerfile", "FROM node:20\nENV NODE_ENV=production PORT=3000\n"),
            ("Dockerfile", "FROM node:20\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm npm ci\n"),
            ("Dockerfile", "FROM node:20\nENV API_KEY=\"\"\nENV SECRET_KEY=\n"),
            ("Dockerfile", "FROM node:20\nARG DB_PASSWORD\nENV DB_PASSWORD=${DB_PASSWORD}\nENV API_TOKEN=$API_TOKEN\n"),
            ("Dockerfile", "FROM node:20\nENV JWT_SECRET=changeme API_KEY=xxxxxxxx STRIPE_KEY=<your-stripe-key>\n"),
            ("Dockerfile", "FROM node:20\nENV OPENAI_API_KEY=your-openai-key\nENV SECRET_KEY=dummy-secret-value\n"),
            ("Dockerfile", "FROM node:20\nENV AUTH_TOKEN=example-token-1234\n"),
            ("Dockerfile", "FROM postgres:16\nENV POSTGRES_PASSWORD=postgres\nENV MYSQL_ROOT_PASSWORD=root\n"),
            (
                "Dockerfile",
                "FROM node:20\nENV SECRET_KEY_FILE=/run/secrets/secret_key\nENV DB_PASSWORD=/run/secrets/db\n",
            ),
            ("Dockerfile", "FROM node:20\nENV TOKEN_TTL=3600 PASSWORD_MIN_LENGTH=12 SECRET_NAME=prod/api\n"),
            ("Dockerfile", "FROM python:3.12\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D6841A3F\n"),
            ("Dockerfile", "FROM node:20\nENV NEXT_PUBLIC_API_URL=https://api.example.com\n"),
            ("Dockerfile", "FROM node:20\nENV ADMIN_PASSWORD=${ADMIN_PASSWORD:-}\n"),
            // Seen on real Dockerfiles: placeholders and local defaults.
            ("Dockerfile", "FROM ubuntu:20.04\nENV SECRET_KEY=\"ThisisNotRealKey\"\n"),
            ("Dockerfile", "FROM node:20 AS builder\nARG NPM_TOKEN=\"[...]\"\n"),
            ("Dockerfile", "FROM alpine:3.20\nENV DB_USER root\nENV DB_PASSWORD root\n"),
            ("Dockerfile", "FROM node:20\nENV SECRET_KEY=\"secret\"\nENV DB_PASSWORD=placeholder\n"),
            ("tests/Dockerfile", "FROM node:20\nENV API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n"),
        ];
        let fail = [
            ("Dockerfile", "FROM node:20\nENV API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n"),
            ("Dockerfile", "FROM node:20\nARG DB_PASSWORD=hunter22\n"),
            ("Dockerfile", "FROM python:3.12\nENV SECRET_KEY \"d8f7a6s5d4f3g2h1j0k9\"\n"),
            (
                "Dockerfile",
                "FROM node:20\nENV NODE_ENV=production \\\n    JWT_SECRET='s3cr3t-Kq9zT4' \\\n    PORT=3000\n",
            ),
            ("Containerfile", "ARG GITHUB_TOKEN=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\nFROM alpine:3.20\n"),
            (
                "api.dockerfile",
                "FROM node:20 AS build\nENV NPM_TOKEN=npm_8fJk2LmQ9xTz\nRUN npm ci\nFROM node:20-slim\n",
            ),
            ("Dockerfile", "FROM node:20\nENV DB_PASS=Pr0dP4ssw0rd!\n"),
            ("Dockerfile", "FROM node:20\nENV REDIS_PASSWORD=\"a1b2c3d4e5f6\"\n"),
            ("Dockerfile", "FROM node:20\nENV CLIENT_SECRET=oauth-prod-7f3k9\n"),
            // Seen on real Dockerfiles: a default secret in a build argument, the legacy form.
            ("Dockerfile", "FROM node:18\nARG JWT_SECRET=strongpassword\nENV JWT_SECRET=${JWT_SECRET}\n"),
            ("Dockerfile", "FROM node:8\nENV SERVER_PORT 3000\nENV JWT_SECRET NeverShareYourSecret\n"),
        ];
        Tester::new::<DockerfileSecretInEnv>(pass, fail).test_and_snapshot();
    }
}
