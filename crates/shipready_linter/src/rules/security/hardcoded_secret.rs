use std::borrow::Cow;
use std::sync::LazyLock;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use memchr::memmem;
use regex::Regex;
use shipready_diagnostics::{Severity, Span};
use shipready_lang::classify::{is_env_file_name, is_env_template};
use shipready_lang::oxc::ast::ast::{
    AssignmentOperator, AssignmentTarget, Expression, JSXAttributeName, JSXAttributeValue, LogicalOperator,
    PropertyKey, PropertyKind,
};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, BoolOp, Expr, NodeKind};
use shipready_lang::ruff::text_size::{Ranged, TextRange};
use shipready_lang::{FileRole, Language};

use crate::context::{FileContext, FileInfo, IntoSpan, JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::{is_secret_env_key, is_secret_name, split_words};
use crate::helpers::{dotenv, js, py};
use crate::rule::Rule;
use crate::settings::RuleSettings;

declare_rule! {
    /// ## What it does
    /// Finds credentials written into the repository:
    ///
    /// - **Known key formats** anywhere in a source, script or config file, comments included:
    ///   AWS access key ids (`AKIA…`, `ASIA…`), GitHub (`ghp_…`, `github_pat_…`), GitLab
    ///   (`glpat-…`), Slack (`xoxb-…`) and Stripe live (`sk_live_…`, `rk_live_…`) tokens, Google
    ///   API keys (`AIza…`), OpenAI (`sk-proj-…`) and Anthropic (`sk-ant-…`) keys, PEM private key
    ///   blocks with key material, and JWTs whose payload decodes to real claims.
    /// - **String literals bound to secret-like names** in TypeScript, JavaScript and Python:
    ///   variables, assignments, object and dict entries, class fields, JSX props, keyword
    ///   arguments and default parameter values (`apiKey`, `client_secret`, `DB_PASSWORD`…), and
    ///   literal fallbacks for secret environment variables (`process.env.JWT_SECRET || "…"`,
    ///   `os.getenv("SECRET_KEY", "…")`). Connection URLs with an embedded password count too.
    /// - **Committed `.env` files** (not `.env.example` and other templates) that hold a real
    ///   value for a secret key, or a connection URL with a password.
    ///
    /// A value is reported only when it looks like a real secret: at least 8 characters, no
    /// whitespace, not a placeholder (`changeme`, `xxx`, `<…>`, `${VAR}`, `your-…`, `example`…),
    /// not a word, label, slug, env var name, URL, path, hash or algorithm name, and with some
    /// entropy. Firebase web API keys and Supabase `anon` keys, which are public by design, are
    /// reported at `info` only.
    ///
    /// ## Why is this bad?
    /// Anything committed is readable by everyone with access to the repository, its forks, its
    /// CI logs and its history, forever: deleting the line later does not revoke the key. Leaked
    /// cloud and payment keys are found and abused by scanners within minutes of a push.
    ///
    /// ## Example
    /// ```ts
    /// const SCREENSHOT_API_KEY = "a81f2c0e9b7d4e61";
    /// const stripe = new Stripe(process.env.STRIPE_KEY || "sk_live_…");
    /// ```
    /// ```python
    /// SECRET_KEY = os.getenv("SECRET_KEY", "django-insecure-9x2…")
    /// client = Client(api_key="b1946ac92492d2347c6235b4d2611184")
    /// ```
    /// ```sh
    /// # .env, committed
    /// STRIPE_SECRET_KEY=sk_live_…
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// const apiKey = process.env.SCREENSHOT_API_KEY;
    /// if (!apiKey) throw new Error("SCREENSHOT_API_KEY is not set");
    /// ```
    /// ```python
    /// SECRET_KEY = os.environ["SECRET_KEY"]
    /// ```
    /// Commit a `.env.example` with placeholders, add `.env` to `.gitignore`, and rotate any key
    /// that was ever pushed.
    ///
    /// ## Known limitations
    /// Names are matched by their words, so a secret bound to an uninformative name (`const k =
    /// "…"`) is found only if it has a known format. Values made of whole words and numbers
    /// (`Summer-2024`, `blue-500`) are never reported by name, nor are values that contain a
    /// placeholder word such as `secret` or `password` (`"my-super-secret-key"`), nor literals
    /// bound to digests and signatures (`expectedDigest`, `passwordHash`). Connection URLs to
    /// `localhost` are not reported. In YAML, JSON and other config files only the known formats
    /// are looked for.
    pub(crate) struct HardcodedSecret {
        id: "hardcoded-secret",
        area: Security,
        severity: Critical,
        since: "0.1.0",
        title: "Hardcoded secret",
        rationale: "A committed credential is readable by everyone with the repository and stays in its history after removal.",
        fix: "Read the secret from the environment or a secret manager, and rotate the key that was committed.",
    }
}

impl Rule for HardcodedSecret {
    // Known key formats are looked for in every text shipready reads; assignments in JS/TS/Python.
    const LANGUAGES: &'static [Language] = &[
        Language::TypeScript,
        Language::JavaScript,
        Language::Python,
        Language::Rust,
        Language::Go,
        Language::Dockerfile,
        Language::Yaml,
        Language::Json,
        Language::Text,
    ];
    const ROLES: &'static [FileRole] = &[FileRole::Source, FileRole::Script, FileRole::Config];
    const JS_KINDS: &'static [AstType] = &[
        AstType::VariableDeclarator,
        AstType::AssignmentExpression,
        AstType::ObjectProperty,
        AstType::PropertyDefinition,
        AstType::FormalParameter,
        AstType::AssignmentPattern,
        AstType::JSXAttribute,
        AstType::LogicalExpression,
    ];
    const PY_KINDS: &'static [NodeKind] = &[
        NodeKind::StmtAssign,
        NodeKind::StmtAnnAssign,
        NodeKind::Keyword,
        NodeKind::ExprDict,
        NodeKind::ParameterWithDefault,
        NodeKind::ExprCall,
        NodeKind::ExprBoolOp,
    ];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        match node.kind() {
            AstKind::VariableDeclarator(declarator) => {
                if let (Some(name), Some(init)) = (declarator.id.get_identifier_name(), &declarator.init) {
                    check_js_binding(ctx, name.as_str(), init, Binding::Assigned);
                }
            }
            AstKind::AssignmentExpression(assignment) => {
                if !matches!(
                    assignment.operator,
                    AssignmentOperator::Assign | AssignmentOperator::LogicalOr | AssignmentOperator::LogicalNullish
                ) {
                    return;
                }
                if let Some(name) = assignment_target_name(&assignment.left) {
                    check_js_binding(ctx, &name, &assignment.right, Binding::Assigned);
                }
            }
            AstKind::ObjectProperty(property) => {
                if property.kind != PropertyKind::Init || property.method || property.shorthand {
                    return;
                }
                if let Some(name) = property_key_name(&property.key) {
                    check_js_binding(ctx, &name, &property.value, Binding::Assigned);
                }
            }
            AstKind::PropertyDefinition(property) => {
                if let (Some(name), Some(value)) = (property_key_name(&property.key), &property.value) {
                    check_js_binding(ctx, &name, value, Binding::Assigned);
                }
            }
            AstKind::FormalParameter(parameter) => {
                if let (Some(name), Some(value)) = (parameter.pattern.get_identifier_name(), &parameter.initializer) {
                    check_js_binding(ctx, name.as_str(), value, Binding::Default);
                }
            }
            AstKind::AssignmentPattern(pattern) => {
                if let Some(name) = pattern.left.get_identifier_name() {
                    check_js_binding(ctx, name.as_str(), &pattern.right, Binding::Default);
                }
            }
            AstKind::JSXAttribute(attribute) => {
                let JSXAttributeName::Identifier(name) = &attribute.name else { return };
                match &attribute.value {
                    Some(JSXAttributeValue::StringLiteral(literal)) => {
                        let span = literal.span.into_span();
                        check_literal(
                            ctx.file.settings,
                            name.name.as_str(),
                            &literal.value,
                            span,
                            Binding::Passed,
                            |span, message| {
                                ctx.report(span, message);
                            },
                        );
                    }
                    Some(JSXAttributeValue::ExpressionContainer(container)) => {
                        if let Some(expr) = container.expression.as_expression() {
                            check_js_binding(ctx, name.name.as_str(), expr, Binding::Passed);
                        }
                    }
                    _ => {}
                }
            }
            AstKind::LogicalExpression(logical) if is_fallback(logical.operator) => {
                let Some(env_name) = js_secret_env_read(&logical.left) else { return };
                let Some((value, span)) = js_literal(&logical.right) else { return };
                check_literal(ctx.file.settings, &env_name, &value, span, Binding::EnvFallback, |span, message| {
                    ctx.report(span, message);
                });
            }
            _ => {}
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        match node {
            AnyNodeRef::StmtAssign(assign) => {
                for target in &assign.targets {
                    if let Some(name) = py_target_name(target) {
                        check_py_binding(ctx, name, &assign.value, Binding::Assigned);
                    }
                }
            }
            AnyNodeRef::StmtAnnAssign(assign) => {
                if let (Some(name), Some(value)) = (py_target_name(&assign.target), &assign.value) {
                    check_py_binding(ctx, name, value, Binding::Assigned);
                }
            }
            AnyNodeRef::Keyword(keyword) => {
                if let Some(name) = &keyword.arg {
                    check_py_binding(ctx, name.as_str(), &keyword.value, Binding::Passed);
                }
            }
            AnyNodeRef::ExprDict(dict) => {
                for item in &dict.items {
                    if let Some(Expr::StringLiteral(key)) = &item.key {
                        check_py_binding(ctx, key.value.to_str(), &item.value, Binding::Assigned);
                    }
                }
            }
            AnyNodeRef::ParameterWithDefault(parameter) => {
                if let Some(default) = &parameter.default {
                    check_py_binding(ctx, parameter.parameter.name.as_str(), default, Binding::Default);
                }
            }
            AnyNodeRef::ExprCall(call) => {
                // os.getenv("SECRET_KEY", "…"), os.environ.get(…), config("SECRET_KEY", default="…")
                let Some((env_name, Some(default))) = py_env_default(call) else { return };
                if !is_secret_env_key(env_name) {
                    return;
                }
                check_py_env_fallback(ctx, env_name, default);
            }
            AnyNodeRef::ExprBoolOp(bool_op) if bool_op.op == BoolOp::Or => {
                // os.getenv("SECRET_KEY") or "…"
                let Some((last, earlier)) = bool_op.values.split_last() else { return };
                let Some(env_name) = earlier.iter().find_map(py_secret_env_read) else { return };
                check_py_env_fallback(ctx, env_name, last);
            }
            _ => {}
        }
    }

    fn check_file(&self, ctx: &mut FileContext<'_>) {
        scan_known_formats(ctx);
        let name = ctx.file.file_name();
        if is_env_file_name(name) && !is_env_template(name) {
            scan_env_file(ctx);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Known formats
// ---------------------------------------------------------------------------------------------

/// Every known key format in one pattern; each alternative starts with a literal, so the regex
/// engine's prefilter skips files without a candidate almost for free.
static KNOWN_FORMATS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:AKIA|ASIA)[0-9A-Z]{16}",
        r"|gh[pousr]_[A-Za-z0-9]{36}",
        r"|github_pat_[A-Za-z0-9_]{22,}",
        r"|glpat-[A-Za-z0-9_-]{20,}",
        r"|xox[abposr]-[0-9]+-[0-9A-Za-z-]{8,}",
        r"|[sr]k_live_[0-9A-Za-z]{24,}",
        r"|AIza[0-9A-Za-z_-]{35}",
        r"|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}",
        r"|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
        r"|sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}",
        r"|-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----",
        r"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}",
    ))
    .expect("the known-format pattern is valid")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    AwsAccessKey,
    GitHubToken,
    GitLabToken,
    SlackToken,
    StripeSecretKey,
    StripeRestrictedKey,
    GoogleApiKey,
    OpenAiKey,
    AnthropicKey,
    PrivateKey,
    Jwt,
}

impl Format {
    fn of(token: &str) -> Option<Format> {
        let format = match token.as_bytes() {
            [b'A', b'K' | b'S', b'I', b'A', ..] => Format::AwsAccessKey,
            [b'g', b'h', ..] | [b'g', b'i', b't', ..] => Format::GitHubToken,
            [b'g', b'l', ..] => Format::GitLabToken,
            [b'x', b'o', b'x', ..] => Format::SlackToken,
            [b's', b'k', b'_', ..] => Format::StripeSecretKey,
            [b'r', b'k', b'_', ..] => Format::StripeRestrictedKey,
            [b'A', b'I', b'z', b'a', ..] => Format::GoogleApiKey,
            _ if token.starts_with("sk-ant-") => Format::AnthropicKey,
            [b's', b'k', b'-', ..] => Format::OpenAiKey,
            [b'-', ..] => Format::PrivateKey,
            [b'e', b'y', b'J', ..] => Format::Jwt,
            _ => return None,
        };
        Some(format)
    }

    fn label(self) -> &'static str {
        match self {
            Format::AwsAccessKey => "AWS access key id",
            Format::GitHubToken => "GitHub token",
            Format::GitLabToken => "GitLab access token",
            Format::SlackToken => "Slack token",
            Format::StripeSecretKey => "Stripe live secret key",
            Format::StripeRestrictedKey => "Stripe live restricted key",
            Format::GoogleApiKey => "Google API key",
            Format::OpenAiKey => "OpenAI API key",
            Format::AnthropicKey => "Anthropic API key",
            Format::PrivateKey => "Private key",
            Format::Jwt => "JWT",
        }
    }

    /// What a message may show of the token: its fixed prefix, never the secret part.
    fn redacted(self, token: &str) -> String {
        let prefix_len = match self {
            // The armor header is not secret.
            Format::PrivateKey => return token.to_string(),
            Format::GitHubToken if token.starts_with("github_pat_") => "github_pat_".len(),
            Format::OpenAiKey => token.get(3..).and_then(|rest| rest.find('-')).map_or(3, |dash| dash + 4),
            Format::AwsAccessKey | Format::GoogleApiKey | Format::GitHubToken => 4,
            Format::GitLabToken => "glpat-".len(),
            Format::SlackToken => "xoxb-".len(),
            Format::StripeSecretKey | Format::StripeRestrictedKey => "sk_live_".len(),
            Format::AnthropicKey => "sk-ant-".len(),
            Format::Jwt => 3,
        };
        format!("{}…", token.get(..prefix_len).unwrap_or_default())
    }
}

/// Reports every known key format in the file's text.
fn scan_known_formats(ctx: &mut FileContext<'_>) {
    let text = ctx.file.text;
    let bytes = text.as_bytes();
    for found in KNOWN_FORMATS.find_iter(text) {
        let token = found.as_str();
        let Some(format) = Format::of(token) else { continue };
        if format != Format::PrivateKey && !is_standalone_token(bytes, found.start(), found.end()) {
            continue;
        }
        let mut severity = Severity::Critical;
        let mut note = "";
        match format {
            Format::PrivateKey => {
                if !has_key_material(&bytes[found.end()..]) {
                    continue;
                }
            }
            Format::Jwt => match jwt_claims(token) {
                JwtClaims::Real => {}
                JwtClaims::PublicAnon => {
                    severity = Severity::Info;
                    note = "; its `anon` role makes it a public client key, safe only with row-level security";
                }
                JwtClaims::NotReal => continue,
            },
            _ => {
                if is_placeholder_token(token) {
                    continue;
                }
                if format == Format::GoogleApiKey && near_firebase_config(bytes, found.start(), found.end()) {
                    severity = Severity::Info;
                    note = "; Firebase web API keys are public by design: restrict it to your app in the Google Cloud console";
                }
            }
        }
        if on_placeholder_line(bytes, found.start(), found.end()) {
            continue;
        }
        let place = place_of(ctx.file, found.start());
        let message = format!("{} `{}` {place}{note}", format.label(), format.redacted(token));
        ctx.report_with_severity(span(found.start(), found.end()), severity, message);
    }
}

/// Whether a match stands alone rather than being part of a longer token or base64 run (an
/// integrity hash, a bundle, a data URI). A `//` before it is a URL's authority and counts as a
/// boundary (`https://ghp_…@github.com`).
fn is_standalone_token(bytes: &[u8], start: usize, end: usize) -> bool {
    let is_token_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/');
    let before_ok = match start.checked_sub(1).map(|i| bytes[i]) {
        None => true,
        Some(b'/') => start >= 2 && bytes[start - 2] == b'/',
        Some(b) => !is_token_byte(b),
    };
    before_ok && bytes.get(end).is_none_or(|&b| !is_token_byte(b))
}

/// Documentation tokens: `AKIAIOSFODNN7EXAMPLE`, `ghp_xxxx…`, `sk_live_000000…`, `…abcdef…`.
fn is_placeholder_token(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    lower.contains("example") || lower.contains("xxxx") || has_pattern_run(token.as_bytes(), 6) || {
        let mut seen = [false; 128];
        token.bytes().filter(|&b| b < 128 && !std::mem::replace(&mut seen[b as usize], true)).count() < 10
    }
}

/// Whether `bytes` holds `len` equal bytes in a row or `len` consecutive ascending ones
/// (`000000`, `123456`, `abcdef`).
fn has_pattern_run(bytes: &[u8], len: usize) -> bool {
    let (mut same, mut ascending) = (1, 1);
    for pair in bytes.windows(2) {
        same = if pair[1] == pair[0] { same + 1 } else { 1 };
        ascending =
            if pair[0].is_ascii_alphanumeric() && pair[1] == pair[0].wrapping_add(1) { ascending + 1 } else { 1 };
        if same >= len || ascending >= len {
            return true;
        }
    }
    false
}

/// Words that make the line around a token a documentation or test placeholder.
const PLACEHOLDER_LINE_WORDS: &[&[u8]] = &[
    b"example",
    b"placeholder",
    b"dummy",
    b"fake",
    b"sample",
    b"redacted",
    b"lorem",
    b"xxxx",
    b"<your",
    b"your_",
    b"your-",
];

/// Whether the line around a match (at most 120 bytes each side) marks it as a placeholder.
fn on_placeholder_line(bytes: &[u8], start: usize, end: usize) -> bool {
    let lo = start.saturating_sub(120);
    let line_start = memchr::memrchr(b'\n', &bytes[lo..start]).map_or(lo, |i| lo + i + 1);
    let hi = (end + 120).min(bytes.len());
    let line_end = memchr::memchr(b'\n', &bytes[end..hi]).map_or(hi, |i| end + i);
    let around = [&bytes[line_start..start], &bytes[end..line_end]].concat().to_ascii_lowercase();
    PLACEHOLDER_LINE_WORDS.iter().any(|word| memmem::find(&around, word).is_some())
}

/// Whether a Google API key sits in a Firebase web config, where it is public by design.
fn near_firebase_config(bytes: &[u8], start: usize, end: usize) -> bool {
    let window = bytes[start.saturating_sub(800)..(end + 800).min(bytes.len())].to_ascii_lowercase();
    memmem::find(&window, b"firebase").is_some() || memmem::find(&window, b"authdomain").is_some()
}

/// Armor headers that may sit between a PEM header and its base64 body.
const PEM_ARMOR_HEADERS: &[&[u8]] =
    &[b"proc-type:", b"dek-info:", b"version:", b"comment:", b"hash:", b"charset:", b"messageid:"];

/// Whether the text after a `-----BEGIN … PRIVATE KEY-----` header holds real base64 key
/// material, in a PEM file, a YAML block, a JSON string with `\n` escapes or a concatenated
/// string literal, rather than `...`, `<your key>` or nothing.
fn has_key_material(after: &[u8]) -> bool {
    let after = &after[..after.len().min(16 * 1024)];
    let mut material = 0usize;
    let mut seen = [false; 128];
    let mut at_line_start = true;
    let mut i = 0;
    while i < after.len() {
        let b = after[i];
        if b == b'\\' && matches!(after.get(i + 1), Some(b'n' | b'r')) {
            at_line_start = true;
            i += 2;
            continue;
        }
        if b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'`') {
            at_line_start |= b == b'\n';
            i += 1;
            continue;
        }
        if at_line_start && material == 0 {
            let rest = after[i..after.len().min(i + 16)].to_ascii_lowercase();
            if PEM_ARMOR_HEADERS.iter().any(|header| rest.starts_with(header)) {
                while i < after.len() && after[i] != b'\n' && !after[i..].starts_with(b"\\n") {
                    i += 1;
                }
                continue;
            }
        }
        at_line_start = false;
        if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=') {
            material += 1;
            seen[b as usize] = true;
            i += 1;
            continue;
        }
        if after[i..].starts_with(b"...") || after[i..].starts_with("…".as_bytes()) {
            return false;
        }
        break;
    }
    material >= 64 && seen.iter().filter(|&&s| s).count() >= 16
}

enum JwtClaims {
    /// Claims a real token carries.
    Real,
    /// A Supabase `anon` key: a JWT meant to ship in client code.
    PublicAnon,
    /// Not a JWT, no claims, or the jwt.io documentation sample.
    NotReal,
}

/// Base64url as JWTs use it: no padding, but tolerate padding and loose trailing bits.
const JWT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn jwt_claims(token: &str) -> JwtClaims {
    let mut parts = token.split('.');
    let (Some(header), Some(payload)) = (parts.next(), parts.next()) else { return JwtClaims::NotReal };
    let decode_object = |part: &str| {
        let decoded = String::from_utf8(JWT_BASE64.decode(part).ok()?).ok()?;
        let trimmed = decoded.trim();
        (trimmed.starts_with('{') && trimmed.ends_with('}') && trimmed.contains("\":")).then(|| {
            // Compact it so that claim checks do not depend on the token's formatting.
            trimmed.chars().filter(|c| !c.is_whitespace()).collect::<String>()
        })
    };
    let (Some(header), Some(claims)) = (decode_object(header), decode_object(payload)) else {
        return JwtClaims::NotReal;
    };
    if !header.contains("\"alg\"") {
        return JwtClaims::NotReal;
    }
    // The jwt.io sample that documentation everywhere copies.
    if claims.contains("\"name\":\"JohnDoe\"") || claims.contains("\"sub\":\"1234567890\"") {
        return JwtClaims::NotReal;
    }
    if claims.contains("\"role\":\"anon\"") {
        return JwtClaims::PublicAnon;
    }
    JwtClaims::Real
}

/// Where a finding is, for its message.
fn place_of(file: &FileInfo<'_>, offset: usize) -> &'static str {
    let offset = offset as u32;
    let index = file.comments.partition_point(|c| c.start <= offset);
    if index > 0 && file.comments[index - 1].end > offset {
        return "in a comment";
    }
    match file.role {
        FileRole::Source => "in source code",
        FileRole::Script => "in a script",
        _ => "in a config file",
    }
}

// ---------------------------------------------------------------------------------------------
// `.env` files
// ---------------------------------------------------------------------------------------------

fn scan_env_file(ctx: &mut FileContext<'_>) {
    let file_name = ctx.file.file_name();
    for entry in dotenv::parse(ctx.file.text) {
        let value = entry.value.as_ref();
        if value.is_empty() || KNOWN_FORMATS.is_match(value) {
            // Known formats were reported by the scan, at the token.
            continue;
        }
        if let Some(credentials) = url_credentials(value) {
            if credentials.has_real_password() {
                let message = format!("`{file_name}` file commits the password in `{}`", entry.key);
                ctx.report(entry.value_span, message);
            }
            continue;
        }
        if is_secret_env_key(entry.key) && is_secret_value(value, entry.key) {
            let message = format!("`{file_name}` file commits a value for `{}`", entry.key);
            ctx.report(entry.value_span, message);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Literals bound to names
// ---------------------------------------------------------------------------------------------

/// How a literal is bound to its name, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Binding {
    Assigned,
    Passed,
    Default,
    /// The literal fallback of an environment variable read; the name is the variable's.
    EnvFallback,
}

/// What a name says it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameKind {
    Secret,
    ConnectionUrl,
    Other,
}

fn name_kind(name: &str) -> NameKind {
    let words = split_words(name);
    let Some(last) = words.last().map(String::as_str) else { return NameKind::Other };
    // Digests, signatures and hashes are outputs anyone may see, not credentials.
    if matches!(last, "signature" | "sig" | "digest" | "hash" | "hmac" | "checksum" | "fingerprint") {
        return NameKind::Other;
    }
    let screaming = name.bytes().any(|b| b.is_ascii_alphabetic()) && !name.bytes().any(|b| b.is_ascii_lowercase());
    if is_secret_name(name) || (screaming && is_secret_env_key(name)) {
        return NameKind::Secret;
    }
    let connection = matches!(last, "url" | "uri" | "dsn")
        || (last == "string" && words.iter().rev().nth(1).is_some_and(|w| w == "connection"));
    if connection { NameKind::ConnectionUrl } else { NameKind::Other }
}

/// Checks one literal bound to `name` and reports it if it is a hardcoded secret.
fn check_literal(
    settings: &RuleSettings,
    name: &str,
    value: &str,
    at: Span,
    binding: Binding,
    report: impl FnOnce(Span, String),
) {
    // Cheap checks first: most literals are short.
    if value.len() < 8 || value.len() > 16 * 1024 {
        return;
    }
    // `AWS::SecretsManager::Secret`, `api/token`, `Secret Key`: a type, path or label used as a
    // key, not a name a value is bound to.
    if name.contains([':', '/', ' ']) {
        return;
    }
    let kind = if binding == Binding::EnvFallback {
        if is_secret_env_key(name) { NameKind::Secret } else { NameKind::Other }
    } else if settings.is_extra_secret_name(name) {
        NameKind::Secret
    } else {
        name_kind(name)
    };
    if kind == NameKind::Other || KNOWN_FORMATS.is_match(value) {
        return;
    }
    if let Some(credentials) = url_credentials(value) {
        if credentials.has_real_password() {
            report(at, format!("Hardcoded password in the connection URL bound to `{name}`"));
        }
        return;
    }
    if kind != NameKind::Secret || !is_secret_value(value, name) {
        return;
    }
    let message = match binding {
        Binding::Assigned => format!("Hardcoded secret assigned to `{name}`"),
        Binding::Passed => format!("Hardcoded secret passed as `{name}`"),
        Binding::Default => format!("Hardcoded secret as the default value of `{name}`"),
        Binding::EnvFallback => format!("Hardcoded fallback value for secret env var `{name}`"),
    };
    report(at, message);
}

// --- JavaScript / TypeScript ---

fn check_js_binding<'a>(ctx: &mut JsContext<'a, '_>, name: &str, value: &Expression<'a>, binding: Binding) {
    if let Some((literal, span)) = js_candidate(value) {
        check_literal(ctx.file.settings, name, &literal, span, binding, |span, message| ctx.report(span, message));
    }
}

/// The literal a binding's value reduces to: the literal itself, or the fallback of `a || "…"`
/// unless `a` is a secret env var read (the fallback is then reported as such).
fn js_candidate<'a>(expr: &Expression<'a>) -> Option<(Cow<'a, str>, Span)> {
    match js::inner(expr) {
        Expression::LogicalExpression(logical) if is_fallback(logical.operator) => {
            if js_secret_env_read(&logical.left).is_some() { None } else { js_candidate(&logical.right) }
        }
        _ => js_literal(expr),
    }
}

fn js_literal<'a>(expr: &Expression<'a>) -> Option<(Cow<'a, str>, Span)> {
    let inner = js::inner(expr);
    js::static_string(inner).map(|value| (value, inner.span().into_span()))
}

fn is_fallback(operator: LogicalOperator) -> bool {
    matches!(operator, LogicalOperator::Or | LogicalOperator::Coalesce)
}

/// The secret environment variable an expression reads, through `a || b` chains:
/// `process.env.JWT_SECRET`, `process.env["API_KEY"]`, `import.meta.env.VITE_API_KEY`,
/// `Bun.env.TOKEN`, `Deno.env.get("TOKEN")`.
fn js_secret_env_read<'a>(expr: &Expression<'a>) -> Option<Cow<'a, str>> {
    match js::inner(expr) {
        Expression::LogicalExpression(logical) if is_fallback(logical.operator) => {
            js_secret_env_read(&logical.left).or_else(|| js_secret_env_read(&logical.right))
        }
        Expression::StaticMemberExpression(member) if is_env_object(&member.object) => {
            Some(Cow::Borrowed(member.property.name.as_str()))
        }
        Expression::ComputedMemberExpression(member) if is_env_object(&member.object) => {
            js::static_string(&member.expression)
        }
        Expression::CallExpression(call)
            if call.arguments.len() == 1 && js::is_dotted_path(&call.callee, "Deno.env.get") =>
        {
            js::arg(call, 0).and_then(js::static_string)
        }
        _ => None,
    }
    .filter(|name| is_secret_env_key(name))
}

/// `process.env`, `Bun.env`, `import.meta.env`.
fn is_env_object(expr: &Expression<'_>) -> bool {
    let Expression::StaticMemberExpression(member) = js::inner(expr) else { return false };
    member.property.name == "env"
        && match js::inner(&member.object) {
            Expression::Identifier(ident) => matches!(ident.name.as_str(), "process" | "Bun"),
            Expression::ImportMeta(_) => true,
            _ => false,
        }
}

/// `apiKey` in `apiKey = …`, `this.apiKey = …`, `config["apiKey"] = …`, `this.#apiKey = …`.
fn assignment_target_name<'a>(target: &AssignmentTarget<'a>) -> Option<Cow<'a, str>> {
    match target {
        AssignmentTarget::AssignmentTargetIdentifier(ident) => Some(Cow::Borrowed(ident.name.as_str())),
        AssignmentTarget::StaticMemberExpression(member) => Some(Cow::Borrowed(member.property.name.as_str())),
        AssignmentTarget::ComputedMemberExpression(member) => js::static_string(&member.expression),
        AssignmentTarget::PrivateFieldExpression(field) => Some(Cow::Borrowed(field.field.name.as_str())),
        _ => None,
    }
}

fn property_key_name<'a>(key: &PropertyKey<'a>) -> Option<Cow<'a, str>> {
    match key {
        PropertyKey::PrivateIdentifier(ident) => Some(Cow::Borrowed(ident.name.as_str())),
        _ => js::property_key_name(key),
    }
}

// --- Python ---

/// A literal used when a secret environment variable is unset.
fn check_py_env_fallback(ctx: &mut PyContext<'_, '_>, env_name: &str, fallback: &Expr) {
    let Some((value, range)) = py_literal(fallback) else { return };
    check_literal(ctx.file.settings, env_name, value, range.into_span(), Binding::EnvFallback, |span, message| {
        ctx.report(span, message);
    });
}

fn check_py_binding<'a>(ctx: &mut PyContext<'a, '_>, name: &str, value: &'a Expr, binding: Binding) {
    if let Some((literal, range)) = py_candidate(value) {
        check_literal(ctx.file.settings, name, literal, range.into_span(), binding, |span, message| {
            ctx.report(span, message);
        });
    }
}

/// The literal a binding's value reduces to: the literal, the fallback of `a or "…"`, or the
/// default of `os.getenv("X", "…")` — unless an env var read in it is itself secret-like, in
/// which case the fallback is reported as such.
fn py_candidate(expr: &Expr) -> Option<(&str, TextRange)> {
    match expr {
        Expr::BoolOp(bool_op) if bool_op.op == BoolOp::Or => {
            let (last, earlier) = bool_op.values.split_last()?;
            if earlier.iter().any(|value| py_secret_env_read(value).is_some()) { None } else { py_candidate(last) }
        }
        Expr::Call(call) => {
            let (env_name, default) = py_env_default(call)?;
            if is_secret_env_key(env_name) { None } else { py_candidate(default?) }
        }
        _ => py_literal(expr),
    }
}

fn py_literal(expr: &Expr) -> Option<(&str, TextRange)> {
    match expr {
        Expr::StringLiteral(literal) => Some((literal.value.to_str(), literal.range())),
        _ => None,
    }
}

/// `API_KEY`, `self.api_key`, `app.config["SECRET_KEY"]`, `os.environ["TOKEN"]`.
fn py_target_name(target: &Expr) -> Option<&str> {
    match target {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.id.as_str()),
        Expr::Subscript(subscript) => match subscript.slice.as_ref() {
            Expr::StringLiteral(literal) => Some(literal.value.to_str()),
            _ => None,
        },
        _ => None,
    }
}

/// Calls that read an environment variable with a default: the variable's name and the default.
/// `os.getenv("X", d)`, `os.environ.get("X", d)`, `os.environ.setdefault("X", d)`, and
/// python-decouple / django-environ `config("X", default=d)`, `env.str("X", default=d)`.
fn py_env_default(call: &py_ast::ExprCall) -> Option<(&str, Option<&Expr>)> {
    let last = py::callee_last_name(&call.func)?;
    let Some(Expr::StringLiteral(name)) = call.arguments.args.first() else { return None };
    if !matches!(last, "getenv" | "get" | "setdefault" | "config" | "env" | "str") {
        return None;
    }
    let callee = py::dotted_name(&call.func)?;
    let positional_default = match callee.as_str() {
        "os.getenv" | "getenv" | "os.environ.get" | "environ.get" | "os.environ.setdefault" | "environ.setdefault" => {
            true
        }
        "config" | "decouple.config" | "env" | "env.str" | "environ.Env.str" => false,
        _ => return None,
    };
    let default =
        py::keyword(call, "default").or_else(|| if positional_default { call.arguments.args.get(1) } else { None });
    Some((name.value.to_str(), default))
}

/// The secret environment variable an expression reads: `os.getenv("X")`, `os.environ["X"]`,
/// `os.environ.get("X")`.
fn py_secret_env_read(expr: &Expr) -> Option<&str> {
    let name = match expr {
        Expr::Call(call) => py_env_default(call).map(|(name, _)| name),
        Expr::Subscript(subscript) => {
            let object = py::dotted_name(&subscript.value)?;
            match (object.as_str(), subscript.slice.as_ref()) {
                ("os.environ" | "environ", Expr::StringLiteral(literal)) => Some(literal.value.to_str()),
                _ => None,
            }
        }
        _ => None,
    }?;
    is_secret_env_key(name).then_some(name)
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// Whether a value bound to a secret-like name looks like a real secret rather than a
/// placeholder, label, identifier, reference or public value.
fn is_secret_value(value: &str, name: &str) -> bool {
    match auth_header_credential(value) {
        Some(credential) => is_secret_token(&credential, name),
        None => is_secret_token(value, name),
    }
}

/// The credential in an `Authorization` header value: `Bearer <token>`, `Token <token>`,
/// `Bot <token>`, and the password of `Basic <base64 user:password>`.
fn auth_header_credential(value: &str) -> Option<Cow<'_, str>> {
    let (scheme, credential) = value.split_once(' ')?;
    if credential.contains(char::is_whitespace) {
        return None;
    }
    match scheme.to_ascii_lowercase().as_str() {
        "bearer" | "token" | "bot" => Some(Cow::Borrowed(credential)),
        "basic" => {
            let decoded = STANDARD_NO_PAD.decode(credential.trim_end_matches('=')).ok();
            match decoded.and_then(|bytes| String::from_utf8(bytes).ok()) {
                Some(pair) => pair.split_once(':').map(|(_, password)| Cow::Owned(password.to_string())),
                None => Some(Cow::Borrowed(credential)),
            }
        }
        _ => None,
    }
}

/// Substrings that make a value a placeholder.
const PLACEHOLDER_WORDS: &[&str] = &[
    "changeme",
    "change-me",
    "change_me",
    "changeit",
    "xxx",
    "***",
    "...",
    "${",
    "{{",
    "%s",
    "%(",
    "todo",
    "tbd",
    "dummy",
    "example",
    "sample",
    "test",
    "fake",
    "mock",
    "placeholder",
    "secret",
    "password",
    "passwd",
    "none",
    "null",
    "undefined",
    "redacted",
    "insert",
    "foobar",
    "lorem",
    "notset",
    "not-set",
    "not_set",
];

/// Hash and algorithm names that secret-named settings hold (`HS256`, `sha256`, `aes-256-gcm`).
static ALGORITHM_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?:hmac|rsa|ecdsa)[-_]?)?(?:sha|md|hs|rs|es|ps|sha3[-_]?|blake2[bs]?[-_]?)[0-9]+$",
        r"|^aes[-_]?[0-9]+(?:[-_](?:gcm|cbc|ctr|ecb|ccm|siv))?$",
        r"|^(?:rsa[-_]?(?:oaep|pss|pkcs1)(?:[-_]?sha)?[-_]?[0-9]*)$",
        r"|^(?:ed|x)(?:25519|448)$|^secp[0-9]+[rk]1$|^p-?(?:256|384|521)$",
        r"|^(?:pbkdf2(?:[-_]sha[0-9]+)?|argon2(?:id|i|d)?|scrypt|bcrypt|chacha20(?:-poly1305)?|xchacha20-poly1305|utf-?8|base64(?:url)?)$",
    ))
    .expect("the algorithm-name pattern is valid")
});

/// The value checks for one credential string.
fn is_secret_token(value: &str, name: &str) -> bool {
    let bytes = value.as_bytes();
    if bytes.len() < 8 || !value.is_ascii() || bytes.iter().any(|b| b.is_ascii_whitespace() || b.is_ascii_control()) {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    if PLACEHOLDER_WORDS.iter().any(|word| lower.contains(word))
        || (lower.contains('<') && lower.contains('>'))
        || (lower.contains('{') && lower.contains('}'))
        || lower.starts_with("your")
        || lower.starts_with("replace")
        || lower.starts_with("enter")
        || bytes[0] == b'$' && bytes.get(1).is_some_and(|b| b.is_ascii_uppercase() || *b == b'_' || *b == b'{')
    {
        return false;
    }
    if is_env_var_name(bytes) || is_slug(value) || is_dotted_key(value) || is_email(value) {
        return false;
    }
    if is_url_or_path(value, &lower) || is_public_or_hashed(value, &lower) || ALGORITHM_NAME.is_match(&lower) {
        return false;
    }
    if mentions_name(&lower, name) || looks_like_regex(value) || has_pattern_run(bytes, 5) {
        return false;
    }
    has_entropy(bytes)
}

/// `[^\W\d]\w*`: a pattern (a lexer's token rule), not a credential.
fn looks_like_regex(value: &str) -> bool {
    const REGEX_PIECES: &[&str] =
        &["\\w", "\\d", "\\s", "\\b", "\\W", "\\D", "\\S", "[^", "(?", ".*", ".+", "]*", "]+", ")*", ")+", "]{"];
    REGEX_PIECES.iter().any(|piece| value.contains(piece))
}

/// `OPENAI_API_KEY`, `STRIPE_SECRET`: the name of an env var, not its value.
fn is_env_var_name(bytes: &[u8]) -> bool {
    bytes[0].is_ascii_uppercase()
        && bytes.contains(&b'_')
        && bytes.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
        && !bytes.windows(2).any(|pair| pair == b"__")
}

/// Words and numbers joined by separators: `Password`, `access_token`, `X-Api-Key`,
/// `blue-500`, `space-4x`, `2024-01-01`, `api-v2`, `required|min:8`… but not `abcd1234` or `s3cr3t`, whose parts
/// mix letters and digits the way random strings do.
fn is_slug(value: &str) -> bool {
    value.split(['-', '_', '.', ':', '/', '@', '+', '|', ',', ';', '=']).all(|part| {
        let letters = part.bytes().take_while(u8::is_ascii_alphabetic).count();
        let digits = part.bytes().skip(letters).take_while(u8::is_ascii_digit).count();
        let rest = &part.as_bytes()[letters + digits..];
        if rest.is_empty() {
            // `word`, `123`, or a short word with a short number: `v2`, `h1`, `utf8`.
            return letters == 0 || digits == 0 || (letters <= 3 && digits <= 3);
        }
        // A short number with a short unit: `4x`, `2xl`, `3d`.
        letters == 0 && digits <= 2 && rest.len() <= 3 && rest.iter().all(u8::is_ascii_alphabetic)
    })
}

/// `auth.password.label`, `errors.password.min8`: an i18n or config key.
fn is_dotted_key(value: &str) -> bool {
    value.contains('.')
        && value.split('.').all(|part| {
            let mut bytes = part.bytes();
            bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
                && part.len() <= 40
                && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        })
}

fn is_email(value: &str) -> bool {
    value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && domain.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    })
}

/// URLs (those with credentials are judged by [`url_credentials`]), data URIs and file paths.
fn is_url_or_path(value: &str, lower: &str) -> bool {
    if lower.contains("://") || lower.starts_with("data:") || lower.starts_with("mailto:") {
        return true;
    }
    if ["/", "./", "../", "~/"].iter().any(|prefix| value.starts_with(prefix)) {
        return true;
    }
    let bytes = value.as_bytes();
    if bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && matches!(bytes[2], b'\\' | b'/') {
        return true;
    }
    // certs/key2.pem, config\secrets.json
    value.contains(['/', '\\'])
        && !value.contains(['+', '='])
        && value.rsplit_once('.').is_some_and(|(_, ext)| {
            (2..=5).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Values that are public by design or already hashed: Stripe/Clerk publishable keys, Mapbox
/// public tokens, PostHog project keys, Ethereum addresses, password hashes, SRI hashes.
fn is_public_or_hashed(value: &str, lower: &str) -> bool {
    const PUBLIC_PREFIXES: &[&str] = &["pk_", "pk.", "phc_"];
    const HASH_PREFIXES: &[&str] = &[
        "$2a$",
        "$2b$",
        "$2x$",
        "$2y$",
        "$argon2",
        "$scrypt",
        "$pbkdf2",
        "$1$",
        "$5$",
        "$6$",
        "$y$",
        "pbkdf2_sha",
        "argon2$",
        "bcrypt$",
        "bcrypt_sha256$",
        "scrypt$",
        "sha1$",
        "md5$",
        "sha256-",
        "sha384-",
        "sha512-",
    ];
    if PUBLIC_PREFIXES.iter().any(|prefix| value.starts_with(prefix))
        || HASH_PREFIXES.iter().any(|prefix| lower.starts_with(prefix))
    {
        return true;
    }
    lower.len() == 42 && lower.starts_with("0x") && lower[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether the value spells its own name (`apiKey: "api_key_v2"`).
fn mentions_name(lower_value: &str, name: &str) -> bool {
    let normalize = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let name = normalize(name);
    name.len() >= 4 && normalize(lower_value).contains(&name)
}

/// Enough distinct characters and enough Shannon entropy for the value's length.
fn has_entropy(bytes: &[u8]) -> bool {
    let mut counts = [0u32; 128];
    for &b in bytes {
        counts[usize::from(b & 0x7f)] += 1;
    }
    let distinct = counts.iter().filter(|&&c| c > 0).count();
    if distinct < 5 {
        return false;
    }
    let len = f64::from(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
    let entropy: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / len;
            -p * p.log2()
        })
        .sum();
    entropy >= (len.log2() - 1.0).min(3.0)
}

/// The parts of `scheme://user:password@host/…`.
struct UrlCredentials<'v> {
    user: &'v str,
    password: &'v str,
    host: &'v str,
}

fn url_credentials(value: &str) -> Option<UrlCredentials<'_>> {
    let (scheme, rest) = value.split_once("://")?;
    let mut scheme_bytes = scheme.bytes();
    if !scheme_bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        || !scheme_bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (userinfo, host) = authority.rsplit_once('@')?;
    let (user, password) = userinfo.split_once(':')?;
    Some(UrlCredentials { user, password, host })
}

impl UrlCredentials<'_> {
    /// A password that is not a placeholder, not the user name again, and not for a database on
    /// this machine or on a documentation host.
    fn has_real_password(&self) -> bool {
        let host = self.host.to_ascii_lowercase();
        let hostname = if host.starts_with('[') {
            host.split(']').next().unwrap_or_default().trim_start_matches('[')
        } else {
            host.split(':').next().unwrap_or_default()
        };
        let local = matches!(hostname, "localhost" | "0.0.0.0" | "::1" | "host.docker.internal")
            || hostname.starts_with("127.")
            || hostname.ends_with(".localhost");
        !local
            && !host.contains("example")
            && self.password != self.user
            && !self.password.starts_with('$')
            && is_secret_token(self.password, "")
    }
}

fn span(start: usize, end: usize) -> Span {
    Span::new(start as u32, end as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::{Linter, RuleEntry};
    use crate::tester::{Tester, lint_case};

    // Fake, well-formed values built for these tests.
    const AWS: &str = "AKIAUJZDE8GXD6NCF10E";
    const GHP: &str = "ghp_pfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0Rlg";
    const RANDOM: &str = "h6Yo4gfqrc5XlrWi0B26R08qzjI6";
    const HEX: &str = "454f31af3176813e02ea68ef786e4d3c";
    const JWT_HEADER: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
    const PEM_BODY: &str = "j9iNOrjj5VfqRTk8j1d/bWWbjkloG1QX647kdNl9cDo/+GbVMszvR4/EPZGz3zBX\n\
        COArr/SfiJvo58JB0W/O5PjeJfJTNcrZ6ydIEsgo5nVjzz8Gwb8ewCISuYCl0Xq5\n\
        6zaWR7PAmpBFXlNPHcSke4R1J+dBi2ewQr8t4/lC4LvGNWAMsI/z0oaWdfZp+lvi\n";

    fn jwt(claims: &str, signature: &str) -> String {
        format!("{JWT_HEADER}.{claims}.{signature}")
    }

    fn service_jwt() -> String {
        // {"iss":"supabase","ref":"qwhzkdjcmvlp","role":"service_role","iat":1714000000,"exp":2029576000}
        jwt(
            "eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3aHprZGpjbXZscCIsInJvbGUiOiJzZXJ2aWNlX3JvbGUiLCJpYXQiOjE3MTQwMDAwMDAsImV4cCI6MjAyOTU3NjAwMH0",
            "575yx8xm5MslfY5ubiheyEd7P4zDL_ak6J0kGODKdin",
        )
    }

    fn anon_jwt() -> String {
        // {"iss":"supabase","ref":"qwhzkdjcmvlp","role":"anon",…}
        jwt(
            "eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3aHprZGpjbXZscCIsInJvbGUiOiJhbm9uIiwiaWF0IjoxNzE0MDAwMDAwLCJleHAiOjIwMjk1NzYwMDB9",
            "ZnLXicaBAg8WY1jzIRlNQb0prFmbh7-wy5yq1XoY1Ba",
        )
    }

    fn jwt_io_sample() -> String {
        // {"sub":"1234567890","name":"John Doe","iat":1516239022}
        jwt(
            "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
            "IMcAxYmfsB4HbQLXjjlAFbVV6q9rXxtNDFyuzX9k1gn",
        )
    }

    fn pem(kind: &str, body: &str) -> String {
        format!("-----BEGIN {kind}-----\n{body}-----END {kind}-----\n")
    }

    #[test]
    fn test() {
        let pass: Vec<(&str, String)> = vec![
            // Labels, field names, enum values, env var names, header names.
            (
                "src/i18n/en.ts",
                "export const en = { password: 'Password', token: 'Enter your token', apiKey: 'API key',\n  \
                 secretKey: 'auth.secret_key.label', passwordHint: 'errors.password.min8' };\n"
                    .into(),
            ),
            ("src/i18n/ja.ts", "export const ja = { password: 'パスワードを入力してください' };\n".into()),
            (
                "src/components/Login.tsx",
                "const fields = { password: 'password', confirmPassword: '' };\n\
                 export const Login = () => <input name=\"password\" type=\"password\" autoComplete=\"current-password\" />;\n"
                    .into(),
            ),
            (
                "src/constants.ts",
                "export const tokenType = 'bearer';\nexport const ACCESS_TOKEN = 'access_token';\n\
                 export const API_KEY_ENV = 'OPENAI_API_KEY';\nconst apiKey = 'OPENAI_API_KEY';\n\
                 export const AUTH_HEADER = 'X-Auth-Token';\nconst request = { credentials: 'include' };\n\
                 const theme = { colorToken: 'blue-500', spacingToken: 'space-4x' };\n\
                 const rules = { password: 'required|min:8|max:64' };\n"
                    .into(),
            ),
            // Read from the environment, with empty fallbacks.
            (
                "src/env.ts",
                "const apiKey = process.env.OPENAI_API_KEY;\nconst token = process.env.TOKEN ?? '';\n\
                 const secret = process.env.JWT_SECRET || 'changeme';\n"
                    .into(),
            ),
            // Placeholders.
            (
                "src/placeholders.js",
                "const apiKey = 'your-api-key-here';\nconst secret = 'change-me-in-prod';\n\
                 const token = '<YOUR_TOKEN>';\nconst password = '${DB_PASSWORD}';\n\
                 const accessKey = 'xxxxxxxxxxxxxxxx';\nconst clientSecret = '{{ client_secret }}';\n\
                 const apiToken = '00000000-0000-0000-0000-000000000000';\nconst sessionSecret = 'keyboard cat';\n\
                 const stripeSecretKey = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';\n"
                    .into(),
            ),
            // Algorithms, hashes, digests, public values, URLs and paths.
            (
                "src/crypto.ts",
                "const signingKey = 'hmac-sha256';\nconst apiKey = 'aes-256-gcm';\n\
                 const passwordHash = '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';\n\
                 const adminPassword = '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';\n\
                 const expectedDigest = '454f31af3176813e02ea68ef786e4d3c';\n\
                 const publishableKey = 'pk_live_51HqLyjWDarjtT1zdp7dc0aB';\n\
                 const mapbox = { accessToken: 'pk.eyJ1IjoiYWNtZSIsImEiOiJjbGs5In0.a1B2c3D4e5F6g7H8' };\n\
                 const token = '0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063';\n\
                 const apiKeyFile = '/etc/keys/api.key';\nconst privateKey = './certs/key2.pem';\n\
                 const secretImage = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB';\n\
                 const authToken = 'https://auth.acme.io/oauth/token';\n\
                 const re = /AKIA[0-9A-Z]{16}/;\n\
                 if (pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')) { parse(pem); }\n"
                    .into(),
            ),
            (
                "src/keys.ts",
                format!("export const PUBLIC_KEY = `{}`;\n", pem("PUBLIC KEY", PEM_BODY)),
            ),
            // Documentation samples.
            (
                "src/aws.ts",
                format!(
                    "// e.g. AKIAIOSFODNN7EXAMPLE\nconst sample = '{}';\nconst key = '{GHP}'; // example value\n",
                    jwt_io_sample()
                ),
            ),
            (
                "config/service-account.yaml",
                "private_key: \"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n\"\n".into(),
            ),
            (
                "config/deploy.yaml",
                "ssh_key: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  <paste your key here>\n  -----END OPENSSH PRIVATE KEY-----\n"
                    .into(),
            ),
            // Lockfile integrity hashes and other base64 runs.
            (
                "package-lock.json",
                format!(
                    "{{\"integrity\": \"sha512-3b+{AWS}+Xq9vLm2/{GHP}/aB9cD0eF1gH2iJ3kL4mN5oP6qR7sT8uV9wX0yZ1A==\"}}\n"
                ),
            ),
            // Templates get only the known-format scan.
            (
                ".env.example",
                "OPENAI_API_KEY=your-openai-key\nJWT_SECRET=k3Jd93aP0qLz82mXvB7\nSTRIPE_SECRET_KEY=sk_live_...\n"
                    .into(),
            ),
            // Committed `.env` without secrets.
            (
                ".env",
                "# local\nNODE_ENV=production\nPORT=3000\nAPI_KEY=\nJWT_SECRET=changeme\n\
                 SESSION_SECRET=${SESSION_SECRET}\nexport GITHUB_TOKEN=\"$GH_TOKEN\"\n\
                 DATABASE_URL=postgres://postgres:postgres@localhost:5432/app\n\
                 REDIS_URL=redis://:Xk39dk2lKq7@localhost:6379\n\
                 NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_51HqLyjWDarjtT1zdp7dc0aB\n\
                 SENTRY_DSN=https://3f2b8c1e9a7d@o450.ingest.sentry.io/5501\n"
                    .into(),
            ),
            // Python: labels, env reads, field names.
            (
                "app/settings.py",
                "import os\nSECRET_KEY = os.environ[\"SECRET_KEY\"]\nAPI_KEY = os.getenv(\"API_KEY\", \"\")\n\
                 PASSWORD_FIELD = \"password\"\ntoken_type = \"Bearer\"\n\
                 labels = {\"api_key\": \"API Key\", \"password\": \"Password must be at least 8 characters\"}\n\
                 SECRET_KEY_ENV = \"DJANGO_SECRET_KEY\"\nhashlib.new(\"sha256\")\n\
                 jwt.decode(token, key, algorithms=[\"HS256\"])\n"
                    .into(),
            ),
            (
                "app/views.py",
                "def login(request, password=None):\n    password = request.form.get(\"password\")\n    \
                 return check(password, secret=get_secret(\"db-password\"))\n"
                    .into(),
            ),
            // Tests, examples, generated and minified code are out of scope.
            ("tests/test_auth.py", format!("API_KEY = \"{RANDOM}\"\nAWS_KEY = \"{AWS}\"\n")),
            ("src/auth.test.ts", format!("const token = '{GHP}';\n")),
            ("examples/basic/app.js", format!("const client = new Client({{ apiKey: '{RANDOM}' }});\n")),
            ("dist/main.js", format!("var k=\"{AWS}\";\n")),
            ("tests/fixtures/.env", "JWT_SECRET=k3Jd93aP0qLz82mXvB7\n".into()),
            // Lexer rules, resource type names and mock sequences.
            (
                "src/lexer.py",
                "jsonnet_token = r'[^\\W\\d]\\w*'\nschemas = {\"AWS::SecretsManager::Secret\": \"c85175a4ebcce361\"}\n\
                 mock = {\"SessionToken\": \"ABC12345\"}\n"
                    .into(),
            ),
            // Public by design: reported at `info` only.
            (
                "src/firebase.ts",
                "const firebaseConfig = {\n  apiKey: 'AIzaGSU8po_799NksnRH9ucAUsdMlHUvTCQCyEZ',\n  \
                 authDomain: 'acme.firebaseapp.com',\n};\n"
                    .into(),
            ),
            ("src/supabase.ts", format!("export const supabase = createClient(url, '{}');\n", anon_jwt())),
        ];
        let fail: Vec<(&str, String)> = vec![
            // Literals bound to secret-like names (TypeScript / JavaScript).
            ("src/app/api/screenshot/route.ts", format!("const SCREENSHOT_API_KEY = \"{HEX}\";\n")),
            ("src/legacy/mailer.js", "var smtpPassword = 'Tr0ub4dor&3x';\nlet adminToken;\nadminToken = 'Zq8!vR2#mK9pL4xT';\n".into()),
            ("src/config.js", format!("export default {{ apiKey: '{RANDOM}', region: 'eu' }};\n")),
            (
                "src/client.ts",
                format!("class Client {{\n  private secret = '{RANDOM}';\n  #token = 'Tr0ub4dor&3x';\n}}\n"),
            ),
            (
                "src/init.js",
                format!(
                    "function init(config) {{\n  this.apiKey = '{HEX}';\n  config.clientSecret = 'k3Jd93-aP0qLz82mXv';\n  \
                     config['x-api-key'] = '{RANDOM}';\n}}\n"
                ),
            ),
            ("src/sign.ts", format!("export function sign(payload: string, token = '{RANDOM}') {{}}\n")),
            ("src/options.ts", format!("const {{ apiKey = '{HEX}' }} = options;\n")),
            ("src/App.tsx", format!("export const App = () => <ScreenshotProvider apiKey=\"{HEX}\" />;\n")),
            (
                "src/api.ts",
                format!("await fetch(url, {{ headers: {{ Authorization: 'Bearer {RANDOM}' }} }});\n"),
            ),
            (
                "src/legacy.js",
                // admin:S3cure!P4ss2024
                "const headers = { authorization: 'Basic YWRtaW46UzNjdXJlIVA0c3MyMDI0' };\n".into(),
            ),
            // Literal fallbacks for secret env vars.
            ("src/auth.ts", "const secret = process.env.JWT_SECRET || 'k3Jd93-aP0qLz82mXv';\n".into()),
            ("src/sign.js", "jwt.sign(payload, process.env.SIGNING_KEY ?? 'Zq8!vR2#mK9pL4xT');\n".into()),
            ("src/vite.ts", format!("const key = import.meta.env.VITE_API_KEY || '{HEX}';\n")),
            // Connection URLs with a password.
            (
                "src/db.ts",
                "export const DATABASE_URL = 'postgres://app:Xk39dk2lKq7@db.internal.acme.io:5432/app';\n".into(),
            ),
            // Known formats, comments included.
            ("src/lib/github.ts", format!("const octokit = new Octokit({{ auth: '{GHP}' }});\n")),
            ("src/notes.ts", format!("// old key, rotated? {AWS}\nexport const region = 'eu-west-1';\n")),
            (
                "src/pay.ts",
                "const stripe = new Stripe(process.env.STRIPE_KEY ?? 'sk_live_8iS2G8NPRVdD53X83RZJzzzz');\n".into(),
            ),
            ("src/lib/supabase.ts", format!("const SUPABASE_SERVICE_ROLE = '{}';\n", service_jwt())),
            (
                "src/maps.js",
                "const url = `https://maps.googleapis.com/maps/api/geocode/json?key=AIzaGSU8po_799NksnRH9ucAUsdMlHUvTCQCyEZ`;\n"
                    .into(),
            ),
            (
                "src/ai.py",
                "# legacy: 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\n\
                 client = OpenAI(api_key=\"sk-proj-Dz-TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGB\")\n"
                    .into(),
            ),
            (
                "src/keys.ts",
                format!("export const signingKey = `{}`;\n", pem("RSA PRIVATE KEY", PEM_BODY)),
            ),
            // Python bindings.
            ("app/settings.py", "SECRET_KEY = \"django-insecure-k3#9x!2vq8w@d7z$1m\"\n".into()),
            (
                "app/config.py",
                "import os\nSECRET_KEY = os.getenv(\"SECRET_KEY\", \"django-insecure-abc123xyz\")\n\
                 TOKEN = os.environ.get(\"BOT_TOKEN\") or \"784512963:AAHd9xKq2LmZp0vRt7wYc3nB5eF1gJ8sU4o\"\n\
                 os.environ.setdefault(\"API_TOKEN\", \"Zq8!vR2#mK9pL4xT\")\n"
                    .into(),
            ),
            ("app/celery.py", "CELERY_BROKER_URL = \"redis://:s3cr3tP4ss@redis.internal:6379/0\"\n".into()),
            ("app/llm.py", format!("client = Client(api_key=\"{HEX}\", timeout=30)\n")),
            (
                "app/django_settings.py",
                "DATABASES = {\"default\": {\"ENGINE\": \"django.db.backends.postgresql\", \"PASSWORD\": \"Tr0ub4dor&3x\"}}\n"
                    .into(),
            ),
            ("app/models.py", format!("class Settings:\n    api_token: str = \"{RANDOM}\"\n")),
            ("app/db.py", "def connect(host, password=\"Tr0ub4dor&3x\"):\n    return pg.connect(host, password)\n".into()),
            ("app/__init__.py", format!("app.config[\"SECRET_KEY\"] = \"{RANDOM}\"\n")),
            // Committed `.env` files.
            (
                ".env",
                "# prod\nJWT_SECRET=k3Jd93aP0qLz82mXvB7\nexport SMTP_PASS=\"Tr0ub4dor&3x\"\n\
                 DATABASE_URL=\"postgres://app:Xk39dk2lKq7@db.acme.io:5432/app\"\nPORT=3000\n"
                    .into(),
            ),
            (
                ".env.production",
                "OPENAI_API_KEY=sk-proj-Dz-TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGB\n".into(),
            ),
            (
                ".env.local",
                format!("GITHUB_APP_PRIVATE_KEY=\"{}\"\nSUPABASE_SERVICE_ROLE_KEY={}\n", pem("PRIVATE KEY", PEM_BODY), service_jwt()),
            ),
            // Templates still get the known-format scan.
            (".env.example", format!("OPENAI_API_KEY=your-openai-key\nGITHUB_TOKEN={GHP}\n")),
            // Other config files: known formats only.
            ("config/app.yaml", format!("tls:\n  key: |\n    {}", pem("EC PRIVATE KEY", PEM_BODY).replace('\n', "\n    "))),
            ("deploy/aws.json", format!("{{\"aws_access_key_id\": \"{AWS}\", \"region\": \"us-east-1\"}}\n")),
            (
                "credentials.json",
                format!("{{\"private_key\": \"{}\"}}\n", pem("PRIVATE KEY", PEM_BODY).replace('\n', "\\n")),
            ),
            (".github/workflows/ci.yml", "env:\n  GITLAB_TOKEN: glpat-dUStPKR0CsTy4Qwb8Dwk\n".into()),
            (
                "scripts/deploy.sh",
                format!(
                    "export SLACK_TOKEN=xoxb-91703423667-1276842684656-9ojfljoQoaF1LlqsajAIxNKu\n\
                     git clone https://{GHP}@github.com/acme/app.git\n"
                ),
            ),
            (
                "terraform/main.tf",
                "provider \"aws\" {\n  access_key = \"ASIAUJZDE8GXD6NCF10E\"\n}\n\
                 variable \"stripe\" { default = \"rk_live_gEOzdmenCkhvMdgaKjIg8xNbe3nNyj\" }\n\
                 variable \"gh\" { default = \"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\" }\n"
                    .into(),
            ),
        ];
        Tester::new::<HardcodedSecret>(pass, fail).test_and_snapshot();
    }

    #[test]
    fn public_keys_are_info() {
        let linter = Linter::new(vec![RuleEntry::of::<HardcodedSecret>()]);
        let firebase = "const firebaseConfig = { apiKey: 'AIzaGSU8po_799NksnRH9ucAUsdMlHUvTCQCyEZ', authDomain: 'a.firebaseapp.com' };";
        let anon = format!("createClient(url, '{}');", anon_jwt());
        for source in [firebase.to_string(), anon] {
            let findings = lint_case(&linter, &("src/a.ts", source.as_str()).into());
            assert_eq!(findings.len(), 1, "{source}");
            assert_eq!(findings[0].severity, Severity::Info);
        }
    }

    #[test]
    fn messages_never_show_the_secret() {
        let linter = Linter::new(vec![RuleEntry::of::<HardcodedSecret>()]);
        let source = format!(
            "const a = '{GHP}';\nconst apiKey = '{RANDOM}';\nconst t = '{}';\nconst s = process.env.JWT_SECRET || '{HEX}';\n",
            service_jwt()
        );
        let findings = lint_case(&linter, &("src/a.ts", source.as_str()).into());
        assert_eq!(findings.len(), 4);
        for finding in findings {
            for secret in [&GHP[4..], RANDOM, HEX, &service_jwt()[3..]] {
                assert!(!finding.message.contains(secret), "{}", finding.message);
            }
        }
    }

    #[test]
    fn value_heuristics() {
        for value in [RANDOM, HEX, "Tr0ub4dor&3x", "P@ssw0rd!", "django-insecure-abc123xyz", "abcd1234"] {
            assert!(is_secret_value(value, "apiKey"), "{value} should look like a secret");
        }
        for value in [
            "Password",
            "access_token",
            "X-Api-Key",
            "OPENAI_API_KEY",
            "auth.password.label",
            "blue-500",
            "2024-01-01",
            "12345678",
            "aaaa1111",
            "changeme123",
            "your_api_key",
            "<api-key>",
            "${API_KEY}",
            "{{secret}}",
            "sha256",
            "HS256",
            "aes-256-gcm",
            "user@acme.io",
            "https://api.acme.io/v1",
            "my_api_key_2",
            "short1",
            "ABC12345",
            r"[^\W\d]\w*",
        ] {
            assert!(!is_secret_value(value, "apiKey"), "{value} should not look like a secret");
        }
    }
}
