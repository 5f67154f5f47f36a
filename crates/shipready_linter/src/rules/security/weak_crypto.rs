use std::borrow::Cow;

use shipready_diagnostics::Span;
use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{
    ArrayExpressionElement, AssignmentTarget, BindingPattern, CallExpression, Expression,
};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::{Ranged, TextRange};

use shipready_lang::tree::{Node, text};

use super::excerpt;
use crate::context::{IntoSpan, JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::names::{SecretKind, secret_kind, split_words};
use crate::helpers::{js, py, tree};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds cryptography that does not protect what it is used for:
    /// - encoding used as encryption: base64 or hex (`Buffer.from(x).toString('base64')`,
    ///   `btoa(x)`, `base64.b64encode(x)`) inside a function named like encryption
    ///   (`encrypt`, `obfuscate`, `protect`, `secure`, `cipher`) that uses no real cipher, assigned
    ///   to a name like `encrypted`, or applied to a password, token or key that is then stored
    ///   (a field, a secret-named key, `localStorage.setItem`);
    /// - `crypto.createCipher`/`createDecipher`, which derive the key and IV from a password
    ///   with one round of MD5;
    /// - ECB mode (`'aes-256-ecb'`, `AES.MODE_ECB`, `modes.ECB`, `CryptoJS.mode.ECB`);
    /// - MD5 or SHA-1 used on passwords (`createHash('md5').update(password)`,
    ///   `hashlib.sha1(password.encode())`, or a hash stored as a password);
    /// - static IVs and nonces: a literal, `Buffer.alloc(16)`, zero bytes, or a value read from
    ///   configuration or derived from a hash, given as the IV to `createCipheriv`,
    ///   `crypto.subtle.encrypt`, `AES.new(..., iv=b"...")` or `modes.CBC(...)`;
    /// - `Math.random()` and the `random` module (`random.random`, `randint`, `choice`, …) used
    ///   for tokens, secrets, passwords, nonces, salts, session ids or one-time codes (assigned to
    ///   such a name, or inside a function like `generateToken`/`create_session_id`);
    /// - Go: `md5.Sum`/`md5.New`/`sha1.Sum`/`sha1.New` over a password (the input, the name the
    ///   digest is stored under, or the function says so), making a token (`newSessionToken`,
    ///   `token := …`) from guessable input, or signing over a secret (`sign(params + secret)`);
    ///   `des.NewCipher`, `des.NewTripleDESCipher` and `rc4.NewCipher`; a constant, all-zero,
    ///   environment-read or key-derived IV given to `cipher.NewCBCEncrypter` (and the CBC, CFB,
    ///   CTR and OFB constructors) or nonce given to `aead.Seal`/`Open`;
    ///   `base64.StdEncoding.EncodeToString`/`hex.EncodeToString` used as encryption (the same
    ///   three cases as above); `math/rand` (`rand.Intn`, `rand.Read`, …) for a security value;
    /// - Rust: `md5::compute`, `Md5::new`/`digest`, `Sha1::new`/`digest`/`from` over a
    ///   password, for a token or for a signature (also inside `format!`); ECB (`Ecb<…>`,
    ///   `ecb::Encryptor`, OpenSSL `Cipher::aes_128_ecb()`); fixed IVs given to `symm::encrypt`,
    ///   `Crypter::new` or a block-mode `new_from_slices`; base64 engines (`STANDARD.encode`,
    ///   `base64::encode`) and `hex::encode` used as encryption; `fastrand` for a security value.
    ///
    /// AES-GCM or ChaCha20 with random nonces, bcrypt/argon2/scrypt/PBKDF2,
    /// `crypto.randomBytes`, `crypto.randomUUID`, `secrets`, Go `crypto/rand`, Rust
    /// `rand::thread_rng`/`OsRng` (cryptographically secure), HMAC (`hmac.New(sha1.New, key)`),
    /// MD5/SHA-1 for checksums, ETags, cache keys, content addresses and lookups of tokens that
    /// are already random, Go lines marked `#nosec`/`//nolint:gosec`, and tests are not reported;
    /// nor is MD5/SHA-1 inside a hasher class named for that algorithm (Django's
    /// `MD5PasswordHasher`, `UnsaltedSHA1PasswordHasher`, a `LegacyMd5Hasher`), which exists to
    /// read legacy hashes and is chosen, or not, by settings.
    ///
    /// ## Why is this bad?
    /// Base64 and hex are encodings anyone can reverse. ECB leaks patterns in the plaintext, a
    /// fixed IV makes equal messages encrypt alike (and breaks GCM outright), MD5 and SHA-1 are
    /// fast enough to brute-force password hashes, and `Math.random()` is predictable from a few
    /// outputs, so tokens made with it can be guessed.
    ///
    /// ## Example
    /// ```ts
    /// encrypt(data: object) {
    ///   return Buffer.from(JSON.stringify(data)).toString("base64");
    /// }
    /// const sessionToken = Math.random().toString(36).slice(2);
    /// ```
    /// ```python
    /// password_hash = hashlib.md5(password.encode()).hexdigest()
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// const iv = crypto.randomBytes(12);
    /// const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
    /// const sessionToken = crypto.randomBytes(32).toString("base64url");
    /// ```
    /// ```python
    /// password_hash = argon2.PasswordHasher().hash(password)
    /// token = secrets.token_urlsafe(32)
    /// ```
    ///
    /// ## Known limitations
    /// Hashes and IVs are only followed through two local variables. In JS and Python a hash
    /// object updated in a separate statement (`h = md5(); h.update(password)`) is not seen; in Go
    /// and Rust it is, within the same function. A Go `*rand.Rand` made with `rand.New` is not
    /// followed.
    pub(crate) struct WeakCrypto {
        id: "weak-crypto",
        area: Security,
        severity: Critical,
        since: "0.1.0",
        title: "Weak or misused cryptography",
        rationale: "Encodings, ECB, fixed IVs, fast hashes for passwords and predictable randomness protect nothing.",
        fix: "Use an authenticated cipher with a random IV, a password hash (argon2, bcrypt, scrypt) and a secure random source.",
    }
}

impl Rule for WeakCrypto {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go, Language::Rust];
    const JS_KINDS: &'static [AstType] =
        &[AstType::CallExpression, AstType::StringLiteral, AstType::StaticMemberExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall, NodeKind::ExprAttribute];
    const GO_KINDS: &'static [&'static str] = &["call_expression"];
    const RUST_KINDS: &'static [&'static str] =
        &["call_expression", "macro_invocation", "generic_type", "scoped_identifier", "scoped_type_identifier"];
    const NEEDLES: &'static [&'static str] = &[
        "base64",
        "btoa",
        "atob",
        "b64",
        "hexlify",
        "Cipher",
        "ecb",
        "ECB",
        "md5",
        "MD5",
        "sha1",
        "SHA1",
        "random",
        "AES",
        "modes",
        "subtle",
        "Md5",
        "Sha1",
        "Ecb",
        "crypto/",
        "encoding/hex",
        "math/rand",
        "fastrand",
        "hex::",
        "symm",
        "Encryptor",
        "Decryptor",
        "new_from_slices",
    ];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        match node.kind() {
            AstKind::CallExpression(call) => {
                js_encoding(call, node, ctx);
                js_cipher(call, ctx);
                js_weak_hash(call, node, ctx);
                js_insecure_random(call, node, ctx);
            }
            AstKind::StringLiteral(literal) if is_ecb_name(&literal.value) && js_chosen(node, ctx) => {
                ctx.report(
                    literal.span,
                    format!("`'{}'` encrypts in ECB mode, which leaks patterns in the data", literal.value),
                );
            }
            // `CryptoJS.mode.ECB`
            AstKind::StaticMemberExpression(member)
                if member.property.name == "ECB"
                    && js::dotted_path(&member.object)
                        .is_some_and(|path| path.ends_with("mode") || path.ends_with("modes"))
                    && js_chosen(node, ctx) =>
            {
                let shown = ctx.text_of(member);
                ctx.report(member.span, format!("`{shown}` encrypts in ECB mode, which leaks patterns in the data"));
            }
            _ => {}
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        match node {
            AnyNodeRef::ExprCall(call) => {
                py_encoding(call, ctx);
                py_cipher(call, ctx);
                py_weak_hash(call, ctx);
                py_insecure_random(call, ctx);
            }
            // `AES.MODE_ECB`, `modes.ECB`
            // Used to encrypt: passed to a cipher, called, or assigned; not listed or compared.
            AnyNodeRef::ExprAttribute(attribute) => {
                let chosen = match ctx.parent() {
                    Some(AnyNodeRef::Arguments(_) | AnyNodeRef::Keyword(_) | AnyNodeRef::StmtAssign(_)) => true,
                    Some(AnyNodeRef::ExprCall(call)) => call.func.range() == attribute.range(),
                    _ => false,
                };
                let ecb = attribute.attr.id.as_str() == "MODE_ECB"
                    || (attribute.attr.id.as_str() == "ECB"
                        && py::dotted_name(&attribute.value).is_some_and(|path| path.ends_with("modes")));
                if ecb && chosen {
                    let shown = ctx.text_of(attribute);
                    ctx.report(
                        attribute.range(),
                        format!("`{shown}` encrypts in ECB mode, which leaks patterns in the data"),
                    );
                }
            }
            _ => {}
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Self::check_tree_node(node, ctx);
    }
}

// ---------------------------------------------------------------------------------------------
// Shared by every language

/// Where a value ends up: the name it is bound to or stored under.
#[derive(Debug)]
enum Target<'a> {
    /// `const name = …`, `name = …`
    Variable(Cow<'a, str>),
    /// `obj.name = …`, `self.name = …`: stored on a record.
    Member(Cow<'a, str>),
    /// `{ name: … }`, `{"name": …}`, `f(name=…)`, a class field.
    Key(Cow<'a, str>),
    /// `return …`: the value of the enclosing function.
    Returned,
}

impl Target<'_> {
    fn name(&self) -> Option<&str> {
        match self {
            Target::Variable(name) | Target::Member(name) | Target::Key(name) => Some(name),
            Target::Returned => None,
        }
    }
}

/// Words of a name that say its value is meant to be encrypted (or, for decoding, decrypted):
/// `encrypt`, `encryptedKey`, `decryptSecret`; not key material for encryption
/// (`encryption_key`, `cipherIv`, `secure_salt`).
fn names_encryption(name: &str, decode: bool) -> bool {
    let words = split_words(name);
    let key_material =
        words.last().is_some_and(|last| {
            matches!(last.as_str(), "key" | "keys" | "secret" | "iv" | "salt" | "nonce" | "algorithm" | "mode")
        }) && words.iter().any(|word| matches!(word.as_str(), "encryption" | "cipher" | "secure" | "protection"));
    if key_material {
        return false;
    }
    words.iter().any(|word| {
        if decode {
            matches!(word.as_str(), "decrypt" | "decrypted" | "deobfuscate" | "decipher" | "unprotect" | "unscramble")
        } else {
            matches!(
                word.as_str(),
                "encrypt"
                    | "encrypted"
                    | "encryption"
                    | "obfuscate"
                    | "obfuscated"
                    | "protect"
                    | "protected"
                    | "secure"
                    | "secured"
                    | "cipher"
                    | "ciphertext"
                    | "encipher"
                    | "scramble"
                    | "scrambled"
            )
        }
    })
}

/// Whether source text uses a real cipher or crypto library (so encoding there only wraps its
/// output): `createCipheriv`, `crypto.subtle`, `Fernet`, `AES`, `nacl`, `sodium`, `encrypt(...)`.
fn uses_real_crypto(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "cipher", "subtle", "crypto", "fernet", "aes", "nacl", "sodium", "forge", "kms", "jose", "encrypt(",
        ".encrypt", "seal",
    ]
    .iter()
    .any(|marker| lower.contains(marker))
}

/// Whether a name holds a password (`password`, `user_pwd`, `passwordHash`).
fn is_password_name(name: &str) -> bool {
    secret_kind(name) == Some(SecretKind::Password)
}

/// Whether the hashed source text names a password (`password.encode()`, `salt + password`),
/// and is not a protocol's challenge digest (HTTP Digest, WS-Security), which mixes in a nonce or
/// realm and is computed fresh, not stored.
fn mentions_password(text: &str) -> bool {
    let words: Vec<&str> = text.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
    let challenge = words
        .iter()
        .any(|word| split_words(word).iter().any(|w| matches!(w.as_str(), "nonce" | "cnonce" | "realm" | "challenge")));
    !challenge && words.iter().copied().any(is_password_name)
}

/// Whether a name holds a value with security meaning that must not be guessable: a token,
/// secret, password or key; a nonce, salt or one-time code; a session id; a CSRF token; a
/// verification, reset or invitation code.
fn is_security_value_name(name: &str) -> bool {
    if secret_kind(name).is_some_and(|kind| kind != SecretKind::Mac) {
        return true;
    }
    let words = split_words(name);
    let Some(last) = words.last().map(String::as_str) else { return false };
    let has = |options: &[&str]| words.iter().any(|word| options.contains(&word.as_str()));
    has(&["nonce", "salt", "otp", "totp", "hotp", "csrf", "xsrf"])
        || (has(&["session"]) && matches!(last, "id" | "key" | "token"))
        || (has(&[
            "verification",
            "verify",
            "reset",
            "invite",
            "invitation",
            "magic",
            "confirm",
            "confirmation",
            "activation",
            "recovery",
            "auth",
            "login",
            "access",
            "api",
        ]) && matches!(last, "code" | "pin" | "key" | "link" | "id" | "token"))
}

/// Whether a function's name says its randomness is not for security: MIME boundaries, jitter,
/// backoff, sampling, colours, test data.
fn is_non_security_function(name: &str) -> bool {
    split_words(name).iter().any(|word| {
        matches!(
            word.as_str(),
            "boundary"
                | "jitter"
                | "delay"
                | "backoff"
                | "retry"
                | "sleep"
                | "color"
                | "colour"
                | "sample"
                | "shuffle"
                | "mock"
                | "fake"
                | "dummy"
                | "demo"
                | "placeholder"
                | "animation"
                | "animate"
        )
    })
}

/// Whether a function makes a security value: `generateToken`, `create_session_id`,
/// `makeNonce`, `randomPassword`.
fn is_security_generator(name: &str) -> bool {
    let words = split_words(name);
    let Some((verb, rest)) = words.split_first() else { return false };
    matches!(verb.as_str(), "generate" | "gen" | "create" | "make" | "new" | "random" | "issue" | "mint" | "rand")
        && !rest.is_empty()
        && is_security_value_name(&rest.join("_"))
}

/// Cipher names in ECB mode: `aes-128-ecb`, `AES-256-ECB`, `des-ecb`, `bf-ecb`.
fn is_ecb_name(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let Some(algorithm) = lower.strip_suffix("-ecb") else { return false };
    let family = algorithm.split('-').next().unwrap_or_default();
    matches!(
        family,
        "aes" | "des" | "des3" | "bf" | "blowfish" | "camellia" | "sm4" | "rc2" | "cast5" | "idea" | "seed" | "aria"
    ) && algorithm.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Storage calls that keep what they are given.
fn is_storage_call(name: &str) -> bool {
    matches!(
        name,
        "setItem"
            | "setCookie"
            | "writeFile"
            | "writeFileSync"
            | "appendFile"
            | "appendFileSync"
            | "store"
            | "save"
            | "persist"
            | "put"
    )
}

// ---------------------------------------------------------------------------------------------
// JavaScript

/// Whether a cipher name or mode is chosen to encrypt with: passed to a call, or given to a
/// variable, property or option; not listed among others or compared with.
fn js_chosen<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    matches!(
        ctx.parent(node).kind(),
        AstKind::CallExpression(_)
            | AstKind::NewExpression(_)
            | AstKind::VariableDeclarator(_)
            | AstKind::ObjectProperty(_)
            | AstKind::AssignmentExpression(_)
    )
}

/// Where a JavaScript value ends up, walking out through the expressions around it.
fn js_target<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> Option<Target<'a>> {
    for ancestor in ctx.nodes().ancestors(node.id()) {
        match ancestor.kind() {
            AstKind::VariableDeclarator(declarator) => {
                return match &declarator.id {
                    BindingPattern::BindingIdentifier(binding) => {
                        Some(Target::Variable(Cow::Borrowed(binding.name.as_str())))
                    }
                    _ => None,
                };
            }
            AstKind::AssignmentExpression(assignment) => {
                return match &assignment.left {
                    AssignmentTarget::AssignmentTargetIdentifier(ident) => {
                        Some(Target::Variable(Cow::Borrowed(ident.name.as_str())))
                    }
                    AssignmentTarget::StaticMemberExpression(member) => {
                        Some(Target::Member(Cow::Borrowed(member.property.name.as_str())))
                    }
                    AssignmentTarget::ComputedMemberExpression(member) => {
                        js::static_string(&member.expression).map(Target::Member)
                    }
                    _ => None,
                };
            }
            AstKind::ObjectProperty(property) => return property.key.static_name().map(Target::Key),
            AstKind::PropertyDefinition(property) => return property.key.static_name().map(Target::Key),
            AstKind::ReturnStatement(_) => return Some(Target::Returned),
            AstKind::ArrowFunctionExpression(arrow) if arrow.is_expression() => return Some(Target::Returned),
            AstKind::CallExpression(_)
            | AstKind::NewExpression(_)
            | AstKind::StaticMemberExpression(_)
            | AstKind::ComputedMemberExpression(_)
            | AstKind::BinaryExpression(_)
            | AstKind::UnaryExpression(_)
            | AstKind::TemplateLiteral(_)
            | AstKind::ParenthesizedExpression(_)
            | AstKind::ConditionalExpression(_)
            | AstKind::LogicalExpression(_)
            | AstKind::ArrayExpression(_)
            | AstKind::AwaitExpression(_)
            | AstKind::ChainExpression(_)
            | AstKind::SpreadElement(_)
            | AstKind::TSAsExpression(_)
            | AstKind::TSNonNullExpression(_)
            | AstKind::TSSatisfiesExpression(_) => {}
            _ => return None,
        }
    }
    None
}

/// The nearest enclosing function that has a name, with its name and the span of its body.
fn js_named_function<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> Option<(Cow<'a, str>, Span)> {
    ctx.nodes().ancestors(node.id()).find_map(|function| {
        let body = match function.kind() {
            AstKind::Function(declared) => declared.body.as_ref()?.span,
            AstKind::ArrowFunctionExpression(arrow) => arrow.body.span(),
            _ => return None,
        };
        js::function_name(ctx.nodes(), function).map(|name| (name, body.into_span()))
    })
}

/// The value a call encodes or decodes as base64 or hex, whether it decodes, and how the
/// message shows the call.
fn js_encoded<'a>(call: &'a CallExpression<'a>, ctx: &JsContext<'a, '_>) -> Option<(&'a Expression<'a>, bool, String)> {
    for (name, decode) in [("btoa", false), ("atob", true)] {
        if js::is_global_reference(ctx.semantic, &call.callee, name) {
            return Some((js::arg(call, 0)?, decode, format!("{name}()")));
        }
    }
    // `Buffer.from(x).toString('base64')`, `Buffer.from(x, 'base64').toString()`
    if js::method_name(call) != Some("toString") {
        return None;
    }
    // `Buffer.from(x)`, or the deprecated `new Buffer(x)`.
    let arguments = match js::inner(js::method_receiver(call)?) {
        Expression::CallExpression(from) if js::is_dotted_path(&from.callee, "Buffer.from") => &from.arguments,
        Expression::NewExpression(new) if js::is_dotted_path(&new.callee, "Buffer") => &new.arguments,
        _ => return None,
    };
    let is_encoding = |expr: Option<&Expression<'_>>| {
        expr.and_then(js::static_string)
            .is_some_and(|encoding| matches!(encoding.as_ref(), "base64" | "base64url" | "hex"))
    };
    let decode = is_encoding(arguments.get(1).and_then(|a| a.as_expression()));
    if !decode && !is_encoding(js::arg(call, 0)) {
        return None;
    }
    let shown = if decode { "Buffer.from(x, 'base64').toString()" } else { "Buffer.from(x).toString('base64')" };
    Some((arguments.first().and_then(|a| a.as_expression())?, decode, shown.to_string()))
}

fn js_encoding<'a>(call: &'a CallExpression<'a>, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
    let Some((input, decode, shown)) = js_encoded(call, ctx) else { return };
    let input_text = ctx.text_of(input);
    let target = js_target(node, ctx);
    let message = if let Some((function, span)) = js_named_function(node, ctx)
        && names_encryption(&function, decode)
        && !uses_real_crypto(ctx.file.slice(span))
    {
        Some(format!(
            "`{function}` only {} with `{shown}`, which anyone can reverse; it is not encryption",
            if decode { "decodes" } else { "encodes" }
        ))
    } else if !decode
        && let Some(name) = target.as_ref().and_then(Target::name)
        && names_encryption(name, false)
        && !uses_real_crypto(input_text)
    {
        Some(format!("`{name}` holds `{shown}`, an encoding anyone can reverse, not encryption"))
    } else if !decode
        && let Some(secret) = js::expr_name(input)
        && let Some(kind) = secret_kind(&secret).filter(|kind| *kind != SecretKind::Mac)
        && js_stores(node, target.as_ref(), kind, ctx)
    {
        Some(format!("`{secret}` is stored encoded with `{shown}`, which anyone can reverse"))
    } else {
        None
    };
    if let Some(message) = message {
        ctx.report(call.span, message);
    }
}

/// Whether an encoded secret is stored rather than sent: passed to a storage call
/// (`localStorage.setItem`, `fs.writeFile`), or kept under a secret's name (a record's
/// `password` field, `storedApiKey`). A password counts under any name but a header's; a token
/// or key only on a record's field or through a storage call, since encoding one for a header is
/// how it is sent.
fn js_stores<'a>(node: &AstNode<'a>, target: Option<&Target<'a>>, kind: SecretKind, ctx: &JsContext<'a, '_>) -> bool {
    let storage_call = matches!(ctx.parent(node).kind(), AstKind::CallExpression(outer)
        if outer.callee_name().is_some_and(is_storage_call) && outer.callee.span() != node.kind().span());
    storage_call || target.is_some_and(|target| keeps_secret(target, kind))
}

/// Whether a target keeps an encoded secret of this kind (see [`js_stores`]).
fn keeps_secret(target: &Target<'_>, kind: SecretKind) -> bool {
    let Some(name) = target.name() else { return false };
    if split_words(name)
        .iter()
        .any(|word| matches!(word.as_str(), "authorization" | "auth" | "header" | "headers" | "basic"))
    {
        return false;
    }
    match (target, kind) {
        (_, SecretKind::Password) => true,
        (Target::Member(_), _) => secret_kind(name).is_some(),
        _ => false,
    }
}

/// `createCipher`/`createDecipher`, and static IVs given to `createCipheriv`/`createDecipheriv`
/// or `crypto.subtle.encrypt`.
fn js_cipher<'a>(call: &'a CallExpression<'a>, ctx: &mut JsContext<'a, '_>) {
    match call.callee_name() {
        Some(name @ ("createCipher" | "createDecipher")) => {
            ctx.report(
                call.span,
                format!("`{name}` derives the key and IV from a password with one MD5 round and reuses the IV; use `createCipheriv` with a random IV"),
            );
        }
        Some(name @ ("createCipheriv" | "createDecipheriv")) => {
            if let Some(iv) = js::arg(call, 2)
                && js_static_bytes(iv, ctx, 0)
            {
                let shown = excerpt(ctx.text_of(iv));
                ctx.report(
                    iv.span(),
                    format!("`{name}` is given a fixed IV `{shown}`; use a random IV for every message"),
                );
            }
        }
        Some("encrypt") if js::dotted_path(&call.callee).is_some_and(|path| path.ends_with("subtle.encrypt")) => {
            let Some(Expression::ObjectExpression(params)) = js::arg(call, 0).map(js::inner) else { return };
            for key in ["iv", "counter"] {
                if let Some(iv) = js::object_property(params, key)
                    && js_static_bytes(iv, ctx, 0)
                {
                    let shown = excerpt(ctx.text_of(iv));
                    ctx.report(iv.span(), format!("`crypto.subtle.encrypt` is given a fixed `{key}` `{shown}`; use random bytes for every message"));
                }
            }
        }
        _ => {}
    }
}

/// Bytes the code fixes: a string, `Buffer.from('...')`, `Buffer.from([0, 1, …])`,
/// `Buffer.alloc(16)` (zeros), `new Uint8Array(12)`, or a variable holding one of these.
fn js_static_bytes<'a>(expr: &'a Expression<'a>, ctx: &JsContext<'a, '_>, depth: u8) -> bool {
    let constant_array = |expr: &Expression<'_>| match js::inner(expr) {
        Expression::ArrayExpression(array) => {
            array.elements.iter().all(|element| matches!(element, ArrayExpressionElement::NumericLiteral(_)))
        }
        _ => false,
    };
    let text = ctx.text_of(expr);
    // Read from configuration, or derived from a hash: the same for every message.
    if text.starts_with("process.env.") || text.contains("createHash(") {
        return true;
    }
    match js::inner(expr) {
        Expression::StringLiteral(_) => true,
        Expression::TemplateLiteral(template) => template.expressions.is_empty(),
        Expression::CallExpression(call) => match js::dotted_path(&call.callee).as_deref() {
            Some("Buffer.from") => js::arg(call, 0).is_some_and(|source| {
                js::static_string(source).is_some() || constant_array(source) || js_static_bytes(source, ctx, depth + 1)
            }),
            Some("Buffer.alloc") => js::arg(call, 0).and_then(js::integer_value).is_some() && call.arguments.len() <= 2,
            _ => false,
        },
        // `process.env.IV || crypto.randomBytes(16)`: fixed whenever the variable is set.
        Expression::LogicalExpression(logical) => {
            js_static_bytes(&logical.left, ctx, depth + 1) || js_static_bytes(&logical.right, ctx, depth + 1)
        }
        Expression::NewExpression(new) => {
            let typed_array = matches!(js::inner(&new.callee), Expression::Identifier(id) if id.name == "Uint8Array");
            typed_array
                && new
                    .arguments
                    .first()
                    .and_then(|a| a.as_expression())
                    .is_some_and(|size| js::integer_value(size).is_some() || constant_array(size))
        }
        Expression::Identifier(ident) if depth < 2 => {
            js::constant_initializer(ctx.semantic, ident).is_some_and(|init| js_static_bytes(init, ctx, depth + 1))
        }
        _ => false,
    }
}

/// MD5 or SHA-1 over a password: `createHash('md5').update(password)`, `md5(password)`,
/// `CryptoJS.SHA1(password)`, or such a hash stored as a password.
fn js_weak_hash<'a>(call: &'a CallExpression<'a>, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
    let (algorithm, input) = match call.callee_name() {
        Some("createHash") => {
            let Some(algorithm) = js::arg(call, 0).and_then(js::static_string) else { return };
            // The value hashed: `.update(x)` called on the hash.
            let input = match ctx.parent(node).kind() {
                AstKind::StaticMemberExpression(member) if member.property.name == "update" => {
                    match ctx.nodes().parent_kind(ctx.parent(node).id()) {
                        AstKind::CallExpression(update) => js::arg(update, 0),
                        _ => None,
                    }
                }
                _ => None,
            };
            (algorithm.to_ascii_lowercase(), input)
        }
        Some(name @ ("md5" | "sha1" | "MD5" | "SHA1")) => (name.to_ascii_lowercase(), js::arg(call, 0)),
        _ => return,
    };
    if !matches!(algorithm.as_str(), "md5" | "sha1" | "sha-1") {
        return;
    }
    let legacy_hasher = ctx.ancestors(node).any(|ancestor| match ancestor.kind() {
        AstKind::Class(class) => class.id.as_ref().is_some_and(|id| names_algorithm(&id.name, &algorithm)),
        _ => false,
    });
    if legacy_hasher {
        return;
    }
    let hashes_password = input.is_some_and(|input| mentions_password(ctx.text_of(input)));
    let stored_as_password = js_target(node, ctx).as_ref().and_then(Target::name).is_some_and(is_password_name)
        || js_named_function(node, ctx).is_some_and(|(name, _)| is_password_name(&name));
    if hashes_password || stored_as_password {
        let algorithm = if algorithm == "md5" { "MD5" } else { "SHA-1" };
        ctx.report(
            call.span,
            format!(
                "`{}` hashes a password with {algorithm}, which is fast to brute-force; use argon2, bcrypt or scrypt",
                excerpt(ctx.text_of(call))
            ),
        );
    }
}

/// `Math.random()` for a token, secret, password, nonce, salt, session id or one-time code.
fn js_insecure_random<'a>(call: &'a CallExpression<'a>, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
    if !js::is_dotted_path(&call.callee, "Math.random") {
        return;
    }
    let Expression::StaticMemberExpression(member) = js::inner(&call.callee) else { return };
    if !js::is_global_reference(ctx.semantic, &member.object, "Math") {
        return;
    }
    if js_named_function(node, ctx).is_some_and(|(name, _)| is_non_security_function(&name)) {
        return;
    }
    let target = js_target(node, ctx);
    let named = target.as_ref().and_then(Target::name).filter(|name| is_security_value_name(name)).map(str::to_string);
    let made_by =
        || js_named_function(node, ctx).map(|(name, _)| name.into_owned()).filter(|name| is_security_generator(name));
    if let Some(name) = named {
        ctx.report(
            call.span,
            format!(
                "`Math.random()` is predictable but makes `{name}`; use `crypto.randomBytes` or `crypto.randomUUID`"
            ),
        );
    } else if let Some(function) = made_by() {
        ctx.report(call.span, format!("`Math.random()` is predictable but `{function}` uses it; use `crypto.randomBytes` or `crypto.randomUUID`"));
    }
}

// ---------------------------------------------------------------------------------------------
// Python

/// Where a Python value ends up, walking out through the expressions around it.
fn py_target<'a>(node: AnyNodeRef<'a>, ctx: &PyContext<'a, '_>) -> Option<Target<'a>> {
    let target_name = |target: &'a Expr| match target {
        Expr::Name(name) => Some(Target::Variable(Cow::Borrowed(name.id.as_str()))),
        Expr::Attribute(attribute) => Some(Target::Member(Cow::Borrowed(attribute.attr.id.as_str()))),
        Expr::Subscript(subscript) => py::string_value(&subscript.slice).map(|key| Target::Key(Cow::Owned(key))),
        _ => None,
    };
    let mut inner: TextRange = node.range();
    for ancestor in ctx.ancestors() {
        match ancestor {
            AnyNodeRef::StmtAssign(assign) => {
                return match assign.targets.as_slice() {
                    [target] => target_name(target),
                    _ => None,
                };
            }
            AnyNodeRef::StmtAnnAssign(assign) => return target_name(&assign.target),
            AnyNodeRef::StmtAugAssign(assign) => return target_name(&assign.target),
            AnyNodeRef::StmtReturn(_) | AnyNodeRef::ExprLambda(_) => return Some(Target::Returned),
            AnyNodeRef::Keyword(keyword) => {
                return keyword.arg.as_ref().map(|arg| Target::Key(Cow::Borrowed(arg.id.as_str())));
            }
            AnyNodeRef::ExprDict(dict) => {
                return dict
                    .items
                    .iter()
                    .find(|item| item.value.range().contains_range(inner))
                    .and_then(|item| item.key.as_ref())
                    .and_then(py::string_value)
                    .map(|key| Target::Key(Cow::Owned(key)));
            }
            AnyNodeRef::ExprNamed(named) => return target_name(&named.target),
            other if other.is_statement() => return None,
            other => inner = other.range(),
        }
    }
    None
}

/// The value a call encodes or decodes as base64 or hex, whether it decodes, and how the
/// message shows the call.
fn py_encoded<'a>(call: &'a py_ast::ExprCall, ctx: &PyContext<'a, '_>) -> Option<(&'a Expr, bool, String)> {
    let qualified = py::qualified_name(ctx.module, &call.func)?;
    let decode = match qualified.as_str() {
        "base64.b64encode"
        | "base64.urlsafe_b64encode"
        | "base64.b32encode"
        | "base64.encodebytes"
        | "binascii.hexlify"
        | "binascii.b2a_hex" => false,
        "base64.b64decode"
        | "base64.urlsafe_b64decode"
        | "base64.b32decode"
        | "base64.decodebytes"
        | "binascii.unhexlify" => true,
        _ => return None,
    };
    Some((call.arguments.args.first()?, decode, format!("{qualified}()")))
}

fn py_encoding<'a>(call: &'a py_ast::ExprCall, ctx: &mut PyContext<'a, '_>) {
    let Some((input, decode, shown)) = py_encoded(call, ctx) else { return };
    let target = py_target(AnyNodeRef::ExprCall(call), ctx);
    let function = py::enclosing_function(ctx.ancestors());
    let message = if let Some(function) = function
        && names_encryption(function.name.as_str(), decode)
        && !uses_real_crypto(
            ctx.text_of(&function.body.iter().map(Ranged::range).reduce(TextRange::cover).unwrap_or_default()),
        ) {
        Some(format!(
            "`{}` only {} with `{shown}`, which anyone can reverse; it is not encryption",
            function.name,
            if decode { "decodes" } else { "encodes" }
        ))
    } else if !decode
        && let Some(name) = target.as_ref().and_then(Target::name)
        && names_encryption(name, false)
        && !uses_real_crypto(ctx.text_of(input))
    {
        Some(format!("`{name}` holds `{shown}`, an encoding anyone can reverse, not encryption"))
    } else if !decode
        && let Some(secret) = py_input_name(input)
        && let Some(kind) = secret_kind(&secret).filter(|kind| *kind != SecretKind::Mac)
        && py_stores(target.as_ref(), kind, ctx)
    {
        Some(format!("`{secret}` is stored encoded with `{shown}`, which anyone can reverse"))
    } else {
        None
    };
    if let Some(message) = message {
        ctx.report(call.range(), message);
    }
}

/// The name of the value being encoded, through `.encode()` (`password.encode("utf-8")`).
fn py_input_name(input: &Expr) -> Option<String> {
    match input {
        Expr::Call(call) if py::callee_last_name(&call.func) == Some("encode") => match call.func.as_ref() {
            Expr::Attribute(attribute) => py::expr_name(&attribute.value),
            _ => None,
        },
        other => py::expr_name(other),
    }
}

/// Whether an encoded secret is stored rather than sent (see [`js_stores`]).
fn py_stores(target: Option<&Target<'_>>, kind: SecretKind, ctx: &PyContext<'_, '_>) -> bool {
    let storage_call = ctx.ancestors().take_while(|node| !node.is_statement()).any(|node| {
        matches!(node, AnyNodeRef::ExprCall(outer) if py::callee_last_name(&outer.func).is_some_and(|name| is_storage_call(name) || name == "write"))
    });
    storage_call || target.is_some_and(|target| keeps_secret(target, kind))
}

/// `modes.CBC(b"...")`, `AES.new(key, AES.MODE_CBC, iv=b"...")`: a fixed IV or nonce.
fn py_cipher<'a>(call: &'a py_ast::ExprCall, ctx: &mut PyContext<'a, '_>) {
    let Some(path) = py::dotted_name(&call.func) else { return };
    let scope = py::Scope::of(ctx.ancestors(), ctx.module);
    let ivs: Vec<&Expr> = if path.ends_with(".new")
        && path.split('.').rev().nth(1).is_some_and(|cipher| {
            matches!(
                cipher,
                "AES" | "DES" | "DES3" | "Blowfish" | "ChaCha20" | "ChaCha20_Poly1305" | "Salsa20" | "ARC2" | "CAST"
            )
        }) {
        call.arguments
            .args
            .get(2)
            .into_iter()
            .chain(py::keyword(call, "iv"))
            .chain(py::keyword(call, "nonce"))
            .collect()
    } else if path.split('.').rev().nth(1) == Some("modes")
        && matches!(path.rsplit('.').next(), Some("CBC" | "GCM" | "CTR" | "CFB" | "OFB" | "CFB8" | "XTS"))
    {
        call.arguments
            .args
            .first()
            .into_iter()
            .chain(py::keyword(call, "initialization_vector"))
            .chain(py::keyword(call, "nonce"))
            .collect()
    } else {
        return;
    };
    for iv in ivs {
        if py_static_bytes(iv, scope, ctx, 0) {
            let shown = excerpt(ctx.text_of(iv));
            ctx.report(
                iv.range(),
                format!("`{path}` is given a fixed IV `{shown}`; use random bytes for every message"),
            );
        }
    }
}

/// Bytes the code fixes: a bytes or string literal, `b"\x00" * 16`, `bytes(16)`, or a name
/// holding one of these.
fn py_static_bytes(expr: &Expr, scope: py::Scope<'_>, ctx: &PyContext<'_, '_>, depth: u8) -> bool {
    if depth > 3 {
        return false;
    }
    // Read from configuration, or derived from a hash: the same for every message.
    let source = ctx.text_of(expr);
    if ["os.environ", "getenv(", "settings.", "hashlib.", "sha256(", "md5("].iter().any(|m| source.contains(m)) {
        return true;
    }
    match expr {
        Expr::BytesLiteral(_) | Expr::StringLiteral(_) => true,
        Expr::BinOp(binary) if binary.op == py_ast::Operator::Mult => {
            matches!(binary.left.as_ref(), Expr::BytesLiteral(_))
                || matches!(binary.right.as_ref(), Expr::BytesLiteral(_))
        }
        Expr::Call(call) => match (py::callee_last_name(&call.func), call.func.as_ref()) {
            (Some("bytes" | "bytearray"), _) => call.arguments.args.first().and_then(py::integer_value).is_some(),
            // `"...".encode()`, `IV.encode()`
            (Some("encode"), Expr::Attribute(attribute)) => py_static_bytes(&attribute.value, scope, ctx, depth + 1),
            (Some("fromhex" | "unhexlify" | "b64decode"), _) => {
                call.arguments.args.first().is_some_and(|first| py_static_bytes(first, scope, ctx, depth + 1))
            }
            _ => false,
        },
        Expr::Name(name) if depth < 2 => match scope.values_of(name.id.as_str()).as_deref() {
            Some([value]) => py_static_bytes(value, scope, ctx, depth + 1),
            _ => false,
        },
        _ => false,
    }
}

/// `hashlib.md5(password.encode())`, `hashlib.new("sha1", password)`, or such a hash stored as
/// a password; not `usedforsecurity=False`.
fn py_weak_hash<'a>(call: &'a py_ast::ExprCall, ctx: &mut PyContext<'a, '_>) {
    let Some(qualified) = py::qualified_name(ctx.module, &call.func) else { return };
    let (algorithm, input) = match qualified.as_str() {
        "hashlib.md5" => ("MD5", call.arguments.args.first()),
        "hashlib.sha1" => ("SHA-1", call.arguments.args.first()),
        "hashlib.new" => {
            match call.arguments.args.first().and_then(py::string_value).map(|a| a.to_ascii_lowercase()).as_deref() {
                Some("md5") => ("MD5", call.arguments.args.get(1)),
                Some("sha1") => ("SHA-1", call.arguments.args.get(1)),
                _ => return,
            }
        }
        _ => return,
    };
    if py::keyword(call, "usedforsecurity").is_some_and(|value| matches!(value, Expr::BooleanLiteral(b) if !b.value)) {
        return;
    }
    // A hasher class named for its algorithm (Django's `MD5PasswordHasher`,
    // `UnsaltedSHA1PasswordHasher`) exists to read legacy hashes; settings choose whether to use it.
    let legacy_hasher = ctx.ancestors().any(
        |ancestor| matches!(ancestor, AnyNodeRef::StmtClassDef(class) if names_algorithm(class.name.as_str(), algorithm)),
    );
    if legacy_hasher {
        return;
    }
    let hashes_password = input.is_some_and(|input| mentions_password(ctx.text_of(input)));
    let stored_as_password =
        py_target(AnyNodeRef::ExprCall(call), ctx).as_ref().and_then(Target::name).is_some_and(is_password_name)
            || py::enclosing_function(ctx.ancestors()).is_some_and(|function| is_password_name(function.name.as_str()));
    if hashes_password || stored_as_password {
        ctx.report(
            call.range(),
            format!(
                "`{}` hashes a password with {algorithm}, which is fast to brute-force; use argon2, bcrypt or scrypt",
                excerpt(ctx.text_of(call))
            ),
        );
    }
}

/// Whether a class name declares the weak algorithm it implements: `MD5PasswordHasher`,
/// `UnsaltedSHA1PasswordHasher`, `Sha1Hasher` (for `md5`, `MD5`, `sha1`, `SHA-1`).
fn names_algorithm(class_name: &str, algorithm: &str) -> bool {
    let algorithm: String =
        algorithm.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let name = class_name.to_ascii_lowercase();
    name.contains(&algorithm) && (name.contains("hasher") || name.contains("legacy"))
}

/// Functions of the `random` module that are predictable.
const PY_RANDOM: &[&str] = &[
    "random",
    "randint",
    "randrange",
    "choice",
    "choices",
    "sample",
    "getrandbits",
    "randbytes",
    "uniform",
    "shuffle",
];

/// `random.choice(...)` and friends for a security value.
fn py_insecure_random<'a>(call: &'a py_ast::ExprCall, ctx: &mut PyContext<'a, '_>) {
    let function = match call.func.as_ref() {
        Expr::Attribute(attribute) if matches!(attribute.value.as_ref(), Expr::Name(module) if module.id.as_str() == "random") => {
            attribute.attr.id.as_str()
        }
        Expr::Name(name)
            if py::imported_from(ctx.module, name.id.as_str()).is_some_and(|(module, _)| module == "random") =>
        {
            name.id.as_str()
        }
        _ => return,
    };
    if !PY_RANDOM.contains(&function) || !py::module_imports(&ctx.module.body, "random") {
        return;
    }
    if py::enclosing_function(ctx.ancestors()).is_some_and(|f| is_non_security_function(f.name.as_str())) {
        return;
    }
    let target = py_target(AnyNodeRef::ExprCall(call), ctx);
    let shown = ctx.text_of(call.func.as_ref());
    if let Some(name) = target.as_ref().and_then(Target::name).filter(|name| is_security_value_name(name)) {
        ctx.report(call.range(), format!("`{shown}()` is predictable but makes `{name}`; use `secrets`"));
    } else if let Some(generator) =
        py::enclosing_function(ctx.ancestors()).filter(|f| is_security_generator(f.name.as_str()))
    {
        ctx.report(call.range(), format!("`{shown}()` is predictable but `{}` uses it; use `secrets`", generator.name));
    }
}

// ---------------------------------------------------------------------------------------------
// Go and Rust

impl WeakCrypto {
    fn check_tree_node<'t>(node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let finding = match ctx.file.language {
            Language::Go if node.kind() == "call_expression" => go_call(node, ctx),
            Language::Rust if !ctx.in_rust_test(node) => rust_node(node, ctx),
            _ => None,
        };
        if let Some((span, message)) = finding {
            if ctx.file.language == Language::Go && tree::gosec_suppressed(ctx.file, node) {
                return;
            }
            ctx.report(span, message);
        }
    }
}

/// Go `math/rand` functions that are predictable.
const GO_RANDOM: &[&str] = &[
    "Int", "Intn", "IntN", "Int31", "Int31n", "Int32", "Int32N", "Int63", "Int63n", "Int64", "Int64N", "Uint32",
    "Uint64", "Uint", "UintN", "Uint32N", "Uint64N", "N", "Read", "Float32", "Float64", "Perm", "Shuffle",
];

/// A Go finding: where, and what it says.
type Finding = (Span, String);

fn go_call<'t>(call: Node<'t>, ctx: &TreeContext<'t, '_>) -> Option<Finding> {
    let source = ctx.file.text;
    let function = call.child_by_field_name("function")?;
    if function.kind() != "selector_expression" {
        return None;
    }
    let member = text(function.child_by_field_name("field")?, source);
    let operand = function.child_by_field_name("operand")?;
    // `pkg.Func(…)` or `pkg.Var.Method(…)` (`base64.StdEncoding.EncodeToString`).
    let (package, middle) = match operand.kind() {
        "identifier" => (operand, None),
        "selector_expression" => {
            let inner = operand.child_by_field_name("operand").filter(|inner| inner.kind() == "identifier")?;
            (inner, operand.child_by_field_name("field").map(|field| text(field, source)))
        }
        _ => return None,
    };
    let interesting = matches!(
        member,
        "Sum"
            | "New"
            | "NewCipher"
            | "NewTripleDESCipher"
            | "NewCBCEncrypter"
            | "NewCBCDecrypter"
            | "NewCFBEncrypter"
            | "NewCFBDecrypter"
            | "NewCTR"
            | "NewOFB"
            | "EncodeToString"
            | "DecodeString"
            | "Seal"
            | "Open"
    ) || GO_RANDOM.contains(&member);
    if !interesting {
        return None;
    }
    let Some(path) = tree::go_import_path(ctx.root, source, text(package, source)) else {
        // `aead.Seal(dst, nonce, …)` on a cipher value.
        return go_fixed_nonce(call, member, ctx);
    };
    let shown = text(function, source);
    let arguments = named_args(call);
    match (path, middle, member) {
        ("crypto/md5" | "crypto/sha1", None, "Sum" | "New") => go_weak_hash(call, path, member, ctx),
        ("crypto/des", None, "NewCipher" | "NewTripleDESCipher") => Some((
            span(call),
            format!("`{shown}` encrypts with DES, which is broken; use AES-GCM or ChaCha20-Poly1305"),
        )),
        ("crypto/rc4", None, "NewCipher") => Some((
            span(call),
            format!("`{shown}` encrypts with RC4, which is broken; use AES-GCM or ChaCha20-Poly1305"),
        )),
        (
            "crypto/cipher",
            None,
            "NewCBCEncrypter" | "NewCBCDecrypter" | "NewCFBEncrypter" | "NewCFBDecrypter" | "NewCTR" | "NewOFB",
        ) => {
            let iv = *arguments.get(1)?;
            let why = go_fixed_bytes(iv, call, ctx, 0)?;
            Some((span(iv), fixed_message(shown, why, "IV", text(iv, source))))
        }
        ("encoding/base64", Some(_), "EncodeToString" | "DecodeString")
        | ("encoding/hex", None, "EncodeToString" | "DecodeString") => {
            let input = *arguments.first()?;
            go_encoding(call, input, member == "DecodeString", shown, ctx)
        }
        ("math/rand" | "math/rand/v2", None, _) if GO_RANDOM.contains(&member) => {
            go_insecure_random(call, member, text(package, source), &arguments, ctx)
        }
        _ => None,
    }
}

fn span(node: Node<'_>) -> Span {
    Span::new(node.start_byte() as u32, node.end_byte() as u32)
}

fn named_args(call: Node<'_>) -> Vec<Node<'_>> {
    call.child_by_field_name("arguments").map_or_else(Vec::new, |arguments| {
        let mut cursor = arguments.walk();
        arguments.named_children(&mut cursor).filter(|child| !child.kind().ends_with("comment")).collect()
    })
}

/// Where a Go or Rust value ends up, walking out through the expressions around it.
fn tree_target<'s>(node: Node<'_>, source: &'s str) -> Option<Target<'s>> {
    let left_target = |target: Node<'_>| match target.kind() {
        "identifier" => Some(Target::Variable(Cow::Borrowed(text(target, source)))),
        "selector_expression" | "field_expression" => {
            target.child_by_field_name("field").map(|field| Target::Member(Cow::Borrowed(text(field, source))))
        }
        "index_expression" => {
            let index = target.child_by_field_name("index").or_else(|| target.named_child(1))?;
            matches!(index.kind(), "interpreted_string_literal" | "raw_string_literal" | "string_literal")
                .then(|| Target::Key(Cow::Borrowed(tree::unquote(text(index, source)))))
        }
        _ => None,
    };
    let mut inner = node;
    let mut current = node.parent();
    while let Some(parent) = current {
        match parent.kind() {
            // Go
            "expression_list" => {
                let statement = parent.parent()?;
                let mut cursor = parent.walk();
                let index = parent.named_children(&mut cursor).position(|child| child == inner)?;
                let targets: Vec<Node<'_>> = match statement.kind() {
                    "return_statement" => return Some(Target::Returned),
                    "short_var_declaration" | "assignment_statement"
                        if statement.child_by_field_name("right") == Some(parent) =>
                    {
                        let left = statement.child_by_field_name("left")?;
                        let mut cursor = left.walk();
                        left.named_children(&mut cursor).collect()
                    }
                    "var_spec" | "const_spec" => {
                        let mut cursor = statement.walk();
                        statement.children_by_field_name("name", &mut cursor).collect()
                    }
                    _ => return None,
                };
                return left_target(*targets.get(index).or_else(|| targets.first())?);
            }
            "keyed_element" => {
                let key = parent.child_by_field_name("key")?;
                return (key != inner).then(|| Target::Key(Cow::Borrowed(tree::unquote(text(key, source)))));
            }
            // Rust
            "let_declaration" => {
                let pattern = parent.child_by_field_name("pattern")?;
                return (pattern.kind() == "identifier")
                    .then(|| Target::Variable(Cow::Borrowed(text(pattern, source))));
            }
            "assignment_expression" | "compound_assignment_expr" => {
                return left_target(parent.child_by_field_name("left")?);
            }
            "field_initializer" => {
                let field = parent.child_by_field_name("field")?;
                return Some(Target::Key(Cow::Borrowed(text(field, source))));
            }
            "return_expression" => return Some(Target::Returned),
            "block" => {
                // The tail expression of a function body is its value.
                let tail = crate::helpers::tree::last_named_child(parent)? == inner;
                return (tail && parent.parent().is_some_and(|f| f.kind() == "function_item"))
                    .then_some(Target::Returned);
            }
            // Both: expressions the value passes through.
            "call_expression"
            | "argument_list"
            | "arguments"
            | "selector_expression"
            | "field_expression"
            | "index_expression"
            | "slice_expression"
            | "type_conversion_expression"
            | "parenthesized_expression"
            | "unary_expression"
            | "binary_expression"
            | "reference_expression"
            | "try_expression"
            | "await_expression"
            | "type_cast_expression"
            | "closure_expression"
            | "literal_element"
            | "literal_value"
            | "composite_literal" => {}
            _ => return None,
        }
        inner = parent;
        current = parent.parent();
    }
    None
}

/// The name a value is known by, through conversions (`[]byte(password)`,
/// `password.as_bytes()`, `&token`).
fn tree_input_name<'s>(node: Node<'_>, source: &'s str) -> Option<&'s str> {
    match node.kind() {
        "identifier" => Some(text(node, source)),
        "selector_expression" | "field_expression" => node.child_by_field_name("field").map(|f| text(f, source)),
        "type_conversion_expression" => tree_input_name(node.child_by_field_name("operand")?, source),
        "reference_expression" | "parenthesized_expression" => tree_input_name(node.named_child(0)?, source),
        "call_expression" => {
            let function = node.child_by_field_name("function")?;
            match function.kind() {
                // `[]byte(password)` parsed as a call.
                "parenthesized_type" | "slice_type" => tree_input_name(named_args(node).first().copied()?, source),
                "field_expression" => {
                    let method = text(function.child_by_field_name("field")?, source);
                    matches!(method, "as_bytes" | "as_str" | "as_ref" | "to_string" | "clone" | "into_bytes")
                        .then(|| function.child_by_field_name("value"))
                        .flatten()
                        .and_then(|value| tree_input_name(value, source))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether source text names a secret or a value with security meaning (`appSecret`,
/// `apiKey`, `token`).
fn mentions_secret(text: &str) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|word| {
        !word.is_empty()
            && (secret_kind(word).is_some_and(|kind| kind != SecretKind::Mac) || is_security_value_name(word))
    })
}

/// Whether a name is about signing (`sign`, `signature`, `signRequest`).
fn names_signing(name: &str) -> bool {
    split_words(name).iter().any(|word| matches!(word.as_str(), "sign" | "signature" | "signed" | "signing"))
}

/// Judges MD5 or SHA-1 by what it hashes and where the digest goes (shared by Go and Rust):
/// a password, a token generated from it, or a signature over a secret.
fn judge_weak_hash(
    algorithm: &str,
    input: &str,
    target: Option<&str>,
    function: Option<&str>,
    shown: &str,
    random_fix: &str,
) -> Option<String> {
    let password =
        mentions_password(input) || target.is_some_and(is_password_name) || function.is_some_and(is_password_name);
    if password {
        return Some(format!(
            "`{shown}` hashes a password with {algorithm}, which is fast to brute-force; use argon2, bcrypt or scrypt"
        ));
    }
    let secret_input = mentions_secret(input);
    if !secret_input {
        if let Some(name) = target.filter(|name| is_security_value_name(name)) {
            return Some(format!(
                "`{shown}` makes `{name}` from an {algorithm} hash of guessable input; use {random_fix}"
            ));
        }
        if let Some(name) = function.filter(|name| is_security_generator(name)) {
            return Some(format!(
                "`{name}` makes a secret from an {algorithm} hash of guessable input; use {random_fix}"
            ));
        }
    }
    let signing = target.is_some_and(names_signing) || function.is_some_and(names_signing);
    (signing && secret_input)
        .then(|| format!("`{shown}` signs with {algorithm} over a secret, which is not a MAC; use HMAC-SHA256"))
}

/// `md5.Sum(x)`, `sha1.Sum(x)`, or `h := md5.New()` written to with `h.Write(x)`.
fn go_weak_hash<'t>(call: Node<'t>, path: &str, member: &str, ctx: &TreeContext<'t, '_>) -> Option<Finding> {
    let source = ctx.file.text;
    let algorithm = if path == "crypto/md5" { "MD5" } else { "SHA-1" };
    let function = tree::enclosing_named_function(call, source).map(|(name, _)| name);
    let (input, target) = if member == "Sum" {
        (
            named_args(call).first().map_or(String::new(), |input| text(*input, source).to_string()),
            tree_target(call, source),
        )
    } else {
        let Some(Target::Variable(hasher)) = tree_target(call, source) else { return None };
        hasher_use(call, &hasher, source, &[".Write", ".WriteString"], ".Sum")
    };
    let shown = excerpt(text(call, source));
    let message =
        judge_weak_hash(algorithm, &input, target.as_ref().and_then(Target::name), function, &shown, "`crypto/rand`")?;
    Some((span(call), message))
}

/// What a hasher bound to `hasher` is fed in its function (`h.Write(x)`, `io.WriteString(h, x)`,
/// `h.update(x)`), and where its digest goes (`sum := h.Sum(nil)`, `h.finalize()`).
fn hasher_use<'s>(
    call: Node<'_>,
    hasher: &str,
    source: &'s str,
    feeds: &[&str],
    finish: &str,
) -> (String, Option<Target<'s>>) {
    let mut input = String::new();
    let mut target = None;
    let Some(scope) = tree::enclosing_function(call) else { return (input, target) };
    for other in tree::descendants_of_kind(scope, "call_expression") {
        let callee: String =
            other.child_by_field_name("function").map_or("", |f| text(f, source)).split_whitespace().collect();
        let arguments = named_args(other);
        let first = arguments.first().map(|first| text(*first, source).trim_start_matches("&mut ").trim());
        let method = callee.strip_prefix(hasher).filter(|rest| rest.starts_with('.'));
        if method.is_some_and(|method| feeds.contains(&method)) {
            input.push_str(first.unwrap_or_default());
            input.push(' ');
        } else if first == Some(hasher)
            && (matches!(callee.as_str(), "io.WriteString" | "Digest::update" | "Update::update")
                || callee.starts_with("fmt.Fprint"))
        {
            for argument in arguments.iter().skip(1) {
                input.push_str(text(*argument, source));
                input.push(' ');
            }
        } else if method == Some(finish) || (finish == ".finalize" && method == Some(".result")) {
            target = tree_target(other, source);
        }
    }
    (input, target)
}

/// `aead.Seal(dst, nonce, …)`/`aead.Open(dst, nonce, …)` with a fixed nonce, in a file that
/// uses `crypto/cipher`.
fn go_fixed_nonce<'t>(call: Node<'t>, member: &str, ctx: &TreeContext<'t, '_>) -> Option<Finding> {
    let source = ctx.file.text;
    if !matches!(member, "Seal" | "Open") || tree::go_package_name(ctx.root, source, "crypto/cipher").is_none() {
        return None;
    }
    let arguments = named_args(call);
    let [_, nonce, _, _] = arguments[..] else { return None };
    let why = go_fixed_bytes(nonce, call, ctx, 0)?;
    let shown = text(call.child_by_field_name("function")?, source);
    Some((span(nonce), fixed_message(shown, why, "nonce", text(nonce, source))))
}

/// Why an IV or nonce is the same for every message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fixed {
    Constant,
    Zero,
    Environment,
    Key,
}

fn fixed_message(shown: &str, why: Fixed, what: &str, value: &str) -> String {
    let value = excerpt(value);
    let given = match why {
        Fixed::Constant => format!("a constant {what} `{value}`"),
        Fixed::Zero => format!("an all-zero {what} `{value}`"),
        Fixed::Environment => format!("a {what} read from the environment (`{value}`)"),
        Fixed::Key => format!("the key's bytes as its {what} (`{value}`)"),
    };
    format!("`{shown}` is given {given}; use a random {what} for every message")
}

/// Why bytes given as an IV or nonce are the same for every message, if they are: a constant
/// (`[]byte("…")`, `[]byte{0, …}`), zero bytes (`make([]byte, 16)` that nothing fills), bytes
/// read from the environment, or a slice of the key.
fn go_fixed_bytes(expr: Node<'_>, call: Node<'_>, ctx: &TreeContext<'_, '_>, depth: u8) -> Option<Fixed> {
    let source = ctx.file.text;
    let expr_text = text(expr, source);
    if expr_text.contains("os.Getenv(") || expr_text.contains("os.LookupEnv(") {
        return Some(Fixed::Environment);
    }
    let string_literal = |node: Node<'_>| matches!(node.kind(), "interpreted_string_literal" | "raw_string_literal");
    match expr.kind() {
        "type_conversion_expression" => {
            let operand = expr.child_by_field_name("operand")?;
            if string_literal(operand) {
                return Some(Fixed::Constant);
            }
            go_fixed_bytes(operand, call, ctx, depth + 1)
        }
        "call_expression" => {
            let function = expr.child_by_field_name("function")?;
            let arguments = named_args(expr);
            match (function.kind(), text(function, source)) {
                ("parenthesized_type" | "slice_type", _) => {
                    arguments.first().is_some_and(|argument| string_literal(*argument)).then_some(Fixed::Constant)
                }
                (_, "make") if depth == 0 => Some(Fixed::Zero),
                _ => None,
            }
        }
        "composite_literal" => {
            let body = expr.child_by_field_name("body")?;
            let mut cursor = body.walk();
            let constant = body.named_children(&mut cursor).all(|element| {
                element.kind() == "literal_element"
                    && element.named_child(0).is_some_and(|value| value.kind() == "int_literal")
            });
            constant.then_some(Fixed::Constant)
        }
        "slice_expression" => {
            let operand = expr.child_by_field_name("operand")?;
            let name = tree_input_name(operand, source)?;
            if split_words(name).iter().any(|word| word == "key") || secret_kind(name).is_some() {
                return Some(Fixed::Key);
            }
            go_fixed_bytes(operand, call, ctx, depth + 1)
        }
        "identifier" if depth < 2 => {
            let name = expr_text;
            // A local: `iv := make([]byte, 16)` that nothing fills, or a constant.
            if let Some(function) = tree::enclosing_function(call) {
                let definition = tree_definition(function, name, source, call.start_byte());
                if let Some(value) = definition {
                    let zeroed = value.kind() == "call_expression"
                        && value.child_by_field_name("function").is_some_and(|f| text(f, source) == "make");
                    if zeroed {
                        return (!filled_elsewhere(function, name, call, source)).then_some(Fixed::Zero);
                    }
                    return go_fixed_bytes(value, call, ctx, depth + 1);
                }
                if declares_parameter(function, name, source) {
                    return None;
                }
            }
            // A package-level `var iv = []byte("…")`.
            let value = tree_definition(ctx.root, name, source, usize::MAX)?;
            matches!(value.kind(), "type_conversion_expression" | "composite_literal" | "call_expression")
                .then(|| go_fixed_bytes(value, call, ctx, depth + 1))
                .flatten()
                .filter(|why| *why != Fixed::Zero)
        }
        _ => None,
    }
}

/// The value first bound to `name` in `scope` before `before` (`name := v`, `var name = v`,
/// `let name = v`).
fn tree_definition<'t>(scope: Node<'t>, name: &str, source: &str, before: usize) -> Option<Node<'t>> {
    for kind in ["short_var_declaration", "var_spec", "const_spec", "let_declaration", "const_item", "static_item"] {
        for statement in tree::descendants_of_kind(scope, kind) {
            if statement.start_byte() >= before {
                continue;
            }
            let value = match kind {
                "short_var_declaration" => {
                    let left = statement.child_by_field_name("left")?;
                    let right = statement.child_by_field_name("right")?;
                    let mut cursor = left.walk();
                    let index = left.named_children(&mut cursor).position(|n| text(n, source) == name);
                    index.and_then(|index| right.named_child(u32::try_from(index).ok()?))
                }
                "var_spec" | "const_spec" => {
                    let mut cursor = statement.walk();
                    let index =
                        statement.children_by_field_name("name", &mut cursor).position(|n| text(n, source) == name);
                    index.and_then(|index| {
                        statement.child_by_field_name("value")?.named_child(u32::try_from(index).ok()?)
                    })
                }
                "let_declaration" => statement
                    .child_by_field_name("pattern")
                    .filter(|pattern| {
                        text(*pattern, source) == name
                            || (pattern.kind() == "mut_pattern" && text(*pattern, source).ends_with(name))
                    })
                    .and_then(|_| statement.child_by_field_name("value")),
                _ => statement
                    .child_by_field_name("name")
                    .filter(|n| text(*n, source) == name)
                    .and_then(|_| statement.child_by_field_name("value")),
            };
            if value.is_some() {
                return value;
            }
        }
    }
    None
}

/// Whether `name` is a parameter of a Go or Rust function.
fn declares_parameter(function: Node<'_>, name: &str, source: &str) -> bool {
    let Some(parameters) = function.child_by_field_name("parameters") else { return false };
    tree::descendants_of_kind(parameters, "identifier").into_iter().any(|identifier| text(identifier, source) == name)
}

/// Whether some other call in `function` is given `name` (`rand.Read(iv)`,
/// `io.ReadFull(rand.Reader, iv)`, `copy(iv, …)`, `OsRng.fill_bytes(&mut iv)`), which fills it.
fn filled_elsewhere(function: Node<'_>, name: &str, call: Node<'_>, source: &str) -> bool {
    let mentions = |node: Node<'_>| {
        text(node, source).split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|word| word == name)
    };
    let calls = tree::descendants_of_kind(function, "call_expression").into_iter().filter(|other| *other != call);
    let filled_by_call = calls.into_iter().any(|other| {
        other.child_by_field_name("arguments").is_some_and(mentions)
            || other
                .child_by_field_name("function")
                .is_some_and(|f| f.kind() == "field_expression" && f.child_by_field_name("value").is_some_and(mentions))
    });
    // `iv[i] = …`
    let indexed = ["assignment_statement", "assignment_expression"].into_iter().any(|kind| {
        tree::descendants_of_kind(function, kind).into_iter().any(|assignment| {
            assignment
                .child_by_field_name("left")
                .is_some_and(|left| text(left, source).starts_with(&format!("{name}[")))
        })
    });
    filled_by_call || indexed
}

/// Base64 or hex used as encryption in Go: `base64.StdEncoding.EncodeToString(x)` inside
/// `encryptToken`, assigned to `encrypted`, or storing a password.
fn go_encoding<'t>(
    call: Node<'t>,
    input: Node<'t>,
    decode: bool,
    shown: &str,
    ctx: &TreeContext<'t, '_>,
) -> Option<Finding> {
    let source = ctx.file.text;
    let message = tree_encoding_message(call, input, decode, shown, source)?;
    Some((span(call), message))
}

/// The message for an encoding used as encryption (see `js_encoding`), in Go or Rust.
fn tree_encoding_message(call: Node<'_>, input: Node<'_>, decode: bool, shown: &str, source: &str) -> Option<String> {
    let target = tree_target(call, source);
    let function = tree::enclosing_named_function(call, source);
    if let Some((name, function)) = function
        && names_encryption(name, decode)
        && !uses_real_crypto(function.child_by_field_name("body").map_or("", |body| text(body, source)))
    {
        let verb = if decode { "decodes" } else { "encodes" };
        return Some(format!("`{name}` only {verb} with `{shown}`, which anyone can reverse; it is not encryption"));
    }
    if decode {
        return None;
    }
    if let Some(name) = target.as_ref().and_then(Target::name)
        && names_encryption(name, false)
        && !uses_real_crypto(text(input, source))
    {
        return Some(format!("`{name}` holds `{shown}`, an encoding anyone can reverse, not encryption"));
    }
    let secret = tree_input_name(input, source)?;
    let kind = secret_kind(secret).filter(|kind| *kind != SecretKind::Mac)?;
    target
        .as_ref()
        .is_some_and(|target| keeps_secret(target, kind))
        .then(|| format!("`{secret}` is stored encoded with `{shown}`, which anyone can reverse"))
}

/// `math/rand` for a token, key, nonce, salt or one-time code.
fn go_insecure_random<'t>(
    call: Node<'t>,
    member: &str,
    package: &str,
    arguments: &[Node<'t>],
    ctx: &TreeContext<'t, '_>,
) -> Option<Finding> {
    let source = ctx.file.text;
    let function = tree::enclosing_named_function(call, source).map(|(name, _)| name);
    if function.is_some_and(is_non_security_function) {
        return None;
    }
    let shown = format!("{package}.{member}");
    // `rand.Read(nonce)` fills its argument.
    let filled =
        (member == "Read").then(|| arguments.first().and_then(|buffer| tree_input_name(*buffer, source))).flatten();
    let target = tree_target(call, source);
    let named = filled.or_else(|| target.as_ref().and_then(Target::name)).filter(|name| is_security_value_name(name));
    let message = if let Some(name) = named {
        format!("`{shown}` from `math/rand` is predictable but makes `{name}`; use `crypto/rand`")
    } else if let Some(name) = function.filter(|name| is_security_generator(name)) {
        format!("`{shown}` from `math/rand` is predictable but `{name}` uses it; use `crypto/rand`")
    } else {
        return None;
    };
    Some((span(call), message))
}

/// Path segments of a Rust callee without generic arguments (`ecb::Encryptor::<Aes128>::new`
/// → `ecb`, `Encryptor`, `new`; `<Md5 as Digest>::new` → `Md5`, `new`).
fn rust_segments(path: &str) -> Vec<String> {
    let path = path.split_whitespace().collect::<Vec<_>>().join(" ");
    let path = match path.strip_prefix('<').and_then(|rest| rest.split_once('>')) {
        Some((inner, rest)) => format!("{}{rest}", inner.split(" as ").next().unwrap_or(inner)),
        None => path,
    };
    let mut cleaned = String::new();
    let mut depth = 0_usize;
    for c in path.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            _ if depth == 0 => cleaned.push(c),
            _ => {}
        }
    }
    cleaned.split("::").map(str::trim).filter(|segment| !segment.is_empty()).map(String::from).collect()
}

/// Base64 engines of the `base64` crate (`general_purpose::STANDARD`, `BASE64_URL_SAFE`).
fn is_base64_engine(receiver: &str) -> bool {
    let last = receiver.rsplit("::").next().unwrap_or(receiver);
    matches!(
        last,
        "STANDARD"
            | "STANDARD_NO_PAD"
            | "URL_SAFE"
            | "URL_SAFE_NO_PAD"
            | "BASE64_STANDARD"
            | "BASE64_STANDARD_NO_PAD"
            | "BASE64_URL_SAFE"
            | "BASE64_URL_SAFE_NO_PAD"
    )
}

fn rust_node<'t>(node: Node<'t>, ctx: &TreeContext<'t, '_>) -> Option<Finding> {
    let source = ctx.file.text;
    match node.kind() {
        "call_expression" => rust_call(node, ctx),
        "macro_invocation" => rust_macro_hash(node, source),
        // `type Aes128Ecb = Ecb<Aes128, Pkcs7>;` (block-modes)
        "generic_type" => {
            let base = node.child_by_field_name("type")?;
            (base.kind() == "type_identifier" && text(base, source) == "Ecb").then(|| {
                (span(node), format!("`{}` encrypts in ECB mode, which leaks patterns in the data", text(node, source)))
            })
        }
        // `ecb::Encryptor::<Aes128>::new(…)`, `use ecb::Encryptor;`
        "scoped_identifier" | "scoped_type_identifier" => {
            let path = text(node.child_by_field_name("path")?, source);
            let name = text(node.child_by_field_name("name")?, source);
            (matches!(path, "ecb" | "::ecb") && matches!(name, "Encryptor" | "Decryptor")).then(|| {
                (span(node), format!("`{path}::{name}` encrypts in ECB mode, which leaks patterns in the data"))
            })
        }
        _ => None,
    }
}

fn rust_call<'t>(call: Node<'t>, ctx: &TreeContext<'t, '_>) -> Option<Finding> {
    let source = ctx.file.text;
    let function = call.child_by_field_name("function")?;
    let arguments = named_args(call);
    let callee = text(function, source);
    match function.kind() {
        "scoped_identifier" => {
            let segments = rust_segments(callee);
            let [.., owner, name] = segments.as_slice() else { return None };
            let argument = |index: usize| arguments.get(index).copied();
            match (owner.as_str(), name.as_str()) {
                ("md5", "compute") | ("Md5" | "Sha1", "digest") | ("Sha1", "from") => {
                    let algorithm = if owner.eq_ignore_ascii_case("md5") { "MD5" } else { "SHA-1" };
                    let input = argument(0).map_or("", |input| text(input, source));
                    rust_weak_hash(call, algorithm, input, tree_target(call, source).as_ref(), source)
                }
                ("Md5" | "Sha1", "new" | "default") | ("Context", "new")
                    if owner != "Context" || segments.first().is_some_and(|s| s == "md5") =>
                {
                    let algorithm = if owner == "Sha1" { "SHA-1" } else { "MD5" };
                    let (input, target) = rust_hasher(call, source);
                    rust_weak_hash(call, algorithm, &input, target.as_ref(), source)
                }
                ("base64", "encode" | "encode_config" | "decode" | "decode_config") | ("hex", "encode" | "decode") => {
                    let decode = name.starts_with("decode");
                    let message =
                        tree_encoding_message(call, argument(0)?, decode, &format!("{owner}::{name}"), source)?;
                    Some((span(call), message))
                }
                ("Engine", "encode" | "decode") => {
                    let message = tree_encoding_message(
                        call,
                        argument(1)?,
                        name == "decode",
                        &format!("{owner}::{name}"),
                        source,
                    )?;
                    Some((span(call), message))
                }
                ("Cipher", cipher) if cipher.ends_with("_ecb") => Some((
                    span(call),
                    format!("`Cipher::{cipher}()` encrypts in ECB mode, which leaks patterns in the data"),
                )),
                ("symm", "encrypt" | "decrypt" | "encrypt_aead" | "decrypt_aead") => {
                    rust_fixed_iv(call, argument(2)?, &format!("symm::{name}"), ctx)
                }
                ("Crypter", "new") => rust_fixed_iv(call, argument(3)?, "Crypter::new", ctx),
                (_, "new_from_slices") => rust_fixed_iv(call, argument(1)?, &format!("{owner}::{name}"), ctx),
                (_, "new") if owner.ends_with("Encryptor") || owner.ends_with("Decryptor") => {
                    rust_fixed_iv(call, argument(1)?, &format!("{owner}::new"), ctx)
                }
                _ if segments.first().is_some_and(|s| s == "fastrand") => rust_insecure_random(call, callee, source),
                _ => None,
            }
        }
        // `general_purpose::STANDARD.encode(x)`
        "field_expression" => {
            let method = text(function.child_by_field_name("field")?, source);
            let receiver = text(function.child_by_field_name("value")?, source);
            if !matches!(method, "encode" | "decode") || !is_base64_engine(receiver) {
                return None;
            }
            let shown = format!("{}.{method}", receiver.rsplit("::").next().unwrap_or(receiver));
            let message = tree_encoding_message(call, *arguments.first()?, method == "decode", &shown, source)?;
            Some((span(call), message))
        }
        _ => None,
    }
}

/// What a Rust hasher is fed (`h.update(x)`, `Md5::new().chain_update(x)`) and where its digest
/// goes (`let digest = h.finalize()`).
fn rust_hasher<'s>(call: Node<'_>, source: &'s str) -> (String, Option<Target<'s>>) {
    // `Md5::new().chain_update(x).finalize()`
    let mut outer = call;
    let mut input = String::new();
    let mut finished = false;
    while let Some(field) = outer.parent().filter(|parent| parent.kind() == "field_expression") {
        let Some(next) = field.parent().filter(|next| next.kind() == "call_expression") else { break };
        let method = field.child_by_field_name("field").map_or("", |method| text(method, source));
        if matches!(method, "chain_update" | "chain" | "update") {
            input.push_str(next.child_by_field_name("arguments").map_or("", |a| text(a, source)));
        }
        finished |= matches!(method, "finalize" | "result" | "digest");
        outer = next;
    }
    if finished || !input.is_empty() {
        return (input, tree_target(outer, source));
    }
    match tree_target(call, source) {
        Some(Target::Variable(hasher)) => {
            hasher_use(call, &hasher, source, &[".update", ".input", ".consume", ".write"], ".finalize")
        }
        _ => (input, None),
    }
}

fn rust_weak_hash(
    call: Node<'_>,
    algorithm: &str,
    input: &str,
    target: Option<&Target<'_>>,
    source: &str,
) -> Option<Finding> {
    let function = tree::enclosing_named_function(call, source).map(|(name, _)| name);
    let shown = excerpt(text(call, source));
    let message = judge_weak_hash(
        algorithm,
        input,
        target.and_then(Target::name),
        function,
        &shown,
        "`rand::rngs::OsRng` or `getrandom`",
    )?;
    Some((span(call), message))
}

/// `format!("{:x}", md5::compute(password))`: macro arguments are token trees, not expressions.
fn rust_macro_hash(node: Node<'_>, source: &str) -> Option<Finding> {
    let tokens = node.named_children(&mut node.walk()).find(|child| child.kind() == "token_tree")?;
    let body = text(tokens, source);
    for (pattern, algorithm) in
        [("md5::compute(", "MD5"), ("Md5::digest(", "MD5"), ("Sha1::digest(", "SHA-1"), ("Sha1::from(", "SHA-1")]
    {
        let Some(start) = body.find(pattern) else { continue };
        let open = start + pattern.len();
        let mut depth = 1_usize;
        let close = body[open..].char_indices().find_map(|(index, c)| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(open + index)
        })?;
        let input = &body[open..close];
        let function = tree::enclosing_named_function(node, source).map(|(name, _)| name);
        let target = tree_target(node, source);
        let shown = excerpt(&body[start..=close]);
        let message = judge_weak_hash(
            algorithm,
            input,
            target.as_ref().and_then(Target::name),
            function,
            &shown,
            "`rand::rngs::OsRng` or `getrandom`",
        )?;
        let base = tokens.start_byte() as u32;
        return Some((Span::new(base + start as u32, base + close as u32 + 1), message));
    }
    None
}

/// A fixed IV given to an OpenSSL `symm` call or a RustCrypto block-mode constructor.
fn rust_fixed_iv<'t>(call: Node<'t>, iv: Node<'t>, shown: &str, ctx: &TreeContext<'t, '_>) -> Option<Finding> {
    let why = rust_fixed_bytes(iv, call, ctx, 0)?;
    Some((span(iv), fixed_message(shown, why, "IV", text(iv, ctx.file.text))))
}

/// Why Rust bytes given as an IV are the same for every message: a byte string or array
/// literal, a `const`/`static`, a local array that nothing fills, or an environment variable.
fn rust_fixed_bytes(expr: Node<'_>, call: Node<'_>, ctx: &TreeContext<'_, '_>, depth: u8) -> Option<Fixed> {
    let source = ctx.file.text;
    let expr_text = text(expr, source);
    if expr_text.contains("env::var(") || expr_text.contains("env!(") {
        return Some(Fixed::Environment);
    }
    match expr.kind() {
        "reference_expression" | "parenthesized_expression" => {
            rust_fixed_bytes(expr.child_by_field_name("value").or_else(|| expr.named_child(0))?, call, ctx, depth)
        }
        "call_expression" => {
            let function = expr.child_by_field_name("function")?;
            let inner = match function.kind() {
                "field_expression" => {
                    let method = text(function.child_by_field_name("field")?, source);
                    matches!(method, "into" | "as_ref" | "as_slice" | "to_vec" | "as_bytes")
                        .then(|| function.child_by_field_name("value"))
                        .flatten()
                }
                _ if matches!(text(function, source).rsplit("::").next(), Some("Some" | "from_slice" | "from")) => {
                    named_args(expr).first().copied()
                }
                _ => None,
            }?;
            rust_fixed_bytes(inner, call, ctx, depth)
        }
        "string_literal" | "raw_string_literal" => Some(Fixed::Constant),
        "array_expression" => {
            let mut cursor = expr.walk();
            let mut values = expr.named_children(&mut cursor).filter(|child| !child.kind().ends_with("comment"));
            values.all(|value| value.kind() == "integer_literal").then_some(
                if expr_text.starts_with("[0") && expr_text.contains(';') { Fixed::Zero } else { Fixed::Constant },
            )
        }
        "identifier" if depth < 2 => {
            let name = expr_text;
            if let Some(function) = tree::enclosing_function(call) {
                if let Some(value) = tree_definition(function, name, source, call.start_byte()) {
                    let why = rust_fixed_bytes(value, call, ctx, depth + 1)?;
                    return (!filled_elsewhere(function, name, call, source)).then_some(why);
                }
                if declares_parameter(function, name, source) {
                    return None;
                }
            }
            let value = tree_definition(ctx.root, name, source, usize::MAX)?;
            rust_fixed_bytes(value, call, ctx, depth + 1)
        }
        _ => None,
    }
}

/// `fastrand` for a token, key, nonce, salt or one-time code.
fn rust_insecure_random(call: Node<'_>, callee: &str, source: &str) -> Option<Finding> {
    let function = tree::enclosing_named_function(call, source).map(|(name, _)| name);
    if function.is_some_and(is_non_security_function) {
        return None;
    }
    let target = tree_target(call, source);
    let message = if let Some(name) = target.as_ref().and_then(Target::name).filter(|name| is_security_value_name(name))
    {
        format!("`{callee}` is predictable but makes `{name}`; use `rand::rngs::OsRng` or `getrandom`")
    } else if let Some(name) = function.filter(|name| is_security_generator(name)) {
        format!("`{callee}` is predictable but `{name}` uses it; use `rand::rngs::OsRng` or `getrandom`")
    } else {
        return None;
    };
    Some((span(call), message))
}

#[cfg(test)]
mod tests {
    use super::{WeakCrypto, is_ecb_name, is_security_generator, is_security_value_name};
    use crate::tester::Tester;

    #[test]
    fn names() {
        for name in [
            "sessionToken",
            "session_id",
            "csrfToken",
            "nonce",
            "salt",
            "resetCode",
            "otp",
            "apiKey",
            "password",
            "inviteToken",
        ] {
            assert!(is_security_value_name(name), "{name}");
        }
        for name in ["id", "requestId", "delay", "color", "tokenCount", "maxTokens", "jitter", "index", "code"] {
            assert!(!is_security_value_name(name), "{name}");
        }
        assert!(is_security_generator("generateToken") && is_security_generator("create_session_id"));
        assert!(!is_security_generator("refreshToken") && !is_security_generator("generateId"));
        assert!(is_ecb_name("aes-256-ecb") && is_ecb_name("AES-128-ECB") && !is_ecb_name("aes-256-gcm"));
    }

    #[test]
    fn test() {
        let pass = [
            // Django's legacy hashers, named for their algorithm and chosen by settings.
            (
                "django/contrib/auth/hashers.py",
                "import hashlib\n\nclass MD5PasswordHasher(BasePasswordHasher):\n    algorithm = 'md5'\n\n    def encode(self, password, salt):\n        hash = hashlib.md5((salt + password).encode()).hexdigest()\n        return hash\n",
            ),
            (
                "django/contrib/auth/hashers.py",
                "import hashlib\n\nclass UnsaltedSHA1PasswordHasher(BasePasswordHasher):\n    def encode(self, password, salt):\n        return hashlib.sha1(password.encode()).hexdigest()\n",
            ),
            (
                "src/hashers.js",
                "class LegacyMd5Hasher {\n  hash(password) { return crypto.createHash('md5').update(password).digest('hex'); }\n}\n",
            ),
            // Real ciphers whose output is encoded.
            (
                "src/crypto.ts",
                "export function encrypt(text: string, key: Buffer) {\n  const iv = crypto.randomBytes(12);\n  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);\n  const enc = Buffer.concat([cipher.update(text), cipher.final()]);\n  return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64');\n}",
            ),
            (
                "app/crypto.py",
                "import base64\nfrom cryptography.fernet import Fernet\n\ndef encrypt(data, key):\n    return base64.b64encode(Fernet(key).encrypt(data))\n",
            ),
            // Encoding for transport, not protection.
            ("src/api.ts", "const auth = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');"),
            ("src/api.ts", "headers.Authorization = `Basic ${btoa(`${clientId}:${clientSecret}`)}`;"),
            ("src/upload.ts", "const body = Buffer.from(content).toString('base64');"),
            ("app/api.py", "import base64\nimage_b64 = base64.b64encode(image_bytes).decode()\n"),
            // Seen on real code: a bearer token encoded for a header, HTTP basic auth, and a
            // Fernet key (key material, not encrypted data).
            (
                "app/store.py",
                "import base64\nencoded_token = base64.b64encode(self.backend_token.encode(\"utf-8\")).decode(\"utf-8\")\n",
            ),
            ("src/ws.js", "opts.headers.Authorization = 'Basic ' + Buffer.from(opts.auth).toString('base64');"),
            ("app/oauth.py", "import base64\nself.encryption_key = base64.urlsafe_b64encode(key_bytes)\n"),
            // Secure randomness and password hashing.
            ("src/token.ts", "const token = crypto.randomBytes(32).toString('hex');"),
            ("src/token.ts", "const sessionId = crypto.randomUUID();"),
            ("app/token.py", "import secrets\ntoken = secrets.token_urlsafe(32)\n"),
            ("app/auth.py", "import bcrypt\npassword_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())\n"),
            // `Math.random` and `random` for things without security meaning.
            (
                "src/ui.ts",
                "const delay = Math.random() * 1000;\nconst id = `el-${Math.random().toString(36).slice(2)}`;",
            ),
            ("src/retry.ts", "function refreshToken() {\n  setTimeout(retry, 1000 + Math.random() * 500);\n}"),
            ("app/sample.py", "import random\nitem = random.choice(items)\n"),
            ("app/sample.py", "import random\ndef jitter():\n    return random.uniform(0, 1)\n"),
            // MD5/SHA-1 for checksums and cache keys.
            ("src/etag.ts", "const etag = crypto.createHash('md5').update(body).digest('hex');"),
            ("app/cache.py", "import hashlib\ncache_key = hashlib.md5(url.encode()).hexdigest()\n"),
            // Seen on real code: a protocol's challenge digest, not a stored hash.
            (
                "app/wsse.py",
                "from hashlib import sha1 as _sha\ndigest = _sha((\"%s%s%s\" % (cnonce, iso_now, password)).encode(\"utf-8\")).digest()\n",
            ),
            // Seen on real code: a MIME boundary, and a library listing the modes it knows.
            (
                "app/mime.py",
                "import random, sys\n\ndef _make_boundary(text=None):\n    token = random.randrange(sys.maxsize)\n    return '=' * 15 + str(token)\n",
            ),
            ("app/ciphers.py", "if isinstance(mode, (modes.ECB, modes.CBC)):\n    pass\n"),
            (
                "src/ciphers.ts",
                "const SUPPORTED = ['aes-256-gcm', 'aes-128-ecb'];\nif (algo === 'aes-128-ecb') warn();",
            ),
            (
                "app/cache.py",
                "import hashlib\ndigest = hashlib.md5(password_changed_at.encode(), usedforsecurity=False)\n",
            ),
            // Random IVs.
            (
                "src/crypto.ts",
                "const iv = crypto.randomBytes(16);\nconst cipher = crypto.createCipheriv('aes-256-cbc', key, iv);",
            ),
            (
                "app/crypto.py",
                "from Crypto.Cipher import AES\nfrom Crypto.Random import get_random_bytes\ncipher = AES.new(key, AES.MODE_GCM, nonce=get_random_bytes(12))\n",
            ),
            ("tests/test_crypto.ts", "const token = Math.random().toString(36);"),
            // Go: checksums, ETags, HMAC, crypto/rand, random IVs, jitter.
            (
                "internal/cache/etag.go",
                "package cache\nimport \"crypto/md5\"\nfunc etag(body []byte) string {\n\tsum := md5.Sum(body)\n\treturn hex.EncodeToString(sum[:])\n}\n",
            ),
            (
                "internal/ws/accept.go",
                "package ws\nimport \"crypto/sha1\"\nfunc acceptKey(key string) string {\n\th := sha1.New()\n\th.Write([]byte(key))\n\th.Write(magicGUID)\n\treturn base64.StdEncoding.EncodeToString(h.Sum(nil))\n}\n",
            ),
            (
                "internal/hook/sign.go",
                "package hook\nimport (\n\t\"crypto/hmac\"\n\t\"crypto/sha1\"\n)\nfunc sign(secret, body []byte) []byte {\n\tmac := hmac.New(sha1.New, secret)\n\tmac.Write(body)\n\treturn mac.Sum(nil)\n}\n",
            ),
            (
                "internal/auth/token.go",
                "package auth\nimport \"crypto/rand\"\nfunc newToken() string {\n\tb := make([]byte, 32)\n\trand.Read(b)\n\treturn hex.EncodeToString(b)\n}\n",
            ),
            (
                "internal/auth/tokens.go",
                "package auth\nimport \"crypto/sha1\"\nfunc lookup(token string) {\n\ttokenHash := sha1.Sum([]byte(token))\n\tfind(tokenHash)\n}\n",
            ),
            (
                "internal/crypt/aes.go",
                "package crypt\nimport (\n\t\"crypto/cipher\"\n\t\"crypto/rand\"\n\t\"io\"\n)\nfunc encrypt(block cipher.Block, plaintext []byte) []byte {\n\tout := make([]byte, aes.BlockSize+len(plaintext))\n\tiv := out[:aes.BlockSize]\n\tio.ReadFull(rand.Reader, iv)\n\tcipher.NewCBCEncrypter(block, iv).CryptBlocks(out[aes.BlockSize:], plaintext)\n\treturn out\n}\n",
            ),
            (
                "internal/crypt/aes.go",
                "package crypt\nimport (\n\t\"crypto/cipher\"\n\t\"crypto/rand\"\n)\nfunc seal(aead cipher.AEAD, msg []byte) []byte {\n\tnonce := make([]byte, aead.NonceSize())\n\trand.Read(nonce)\n\treturn aead.Seal(nonce, nonce, msg, nil)\n}\n",
            ),
            (
                "internal/crypt/aes.go",
                "package crypt\nimport \"crypto/cipher\"\nfunc decrypt(block cipher.Block, data []byte) {\n\tiv := data[:16]\n\tcipher.NewCBCDecrypter(block, iv).CryptBlocks(data[16:], data[16:])\n}\n",
            ),
            (
                "internal/retry/backoff.go",
                "package retry\nimport \"math/rand\"\nfunc backoff(n int) time.Duration {\n\treturn time.Duration(rand.Intn(100)) * time.Millisecond\n}\n",
            ),
            (
                "internal/cluster/peers.go",
                "package cluster\nimport \"math/rand\"\nfunc pick(peers []string) string {\n\trn := rand.Int63()\n\treturn peers[rn%int64(len(peers))]\n}\n",
            ),
            (
                "internal/crypt/aes.go",
                "package crypt\nfunc encrypt(key, data []byte) string {\n\tblock, _ := aes.NewCipher(key)\n\tgcm, _ := cipher.NewGCM(block)\n\treturn base64.StdEncoding.EncodeToString(gcm.Seal(nil, nonce(), data, nil))\n}\n",
            ),
            (
                "internal/auth/basic.go",
                "package auth\nimport \"encoding/base64\"\nfunc header(user, password string) string {\n\treturn \"Basic \" + base64.StdEncoding.EncodeToString([]byte(user+\":\"+password))\n}\n",
            ),
            (
                "internal/auth/pw_test.go",
                "package auth\nimport \"crypto/md5\"\nvar passwordHash = md5.Sum([]byte(password))\n",
            ),
            (
                "internal/auth/legacy.go",
                "package auth\nimport \"crypto/md5\"\nfunc legacy(password string) [16]byte {\n\treturn md5.Sum([]byte(password)) // #nosec G401 -- legacy import format\n}\n",
            ),
            // Rust: checksums, SHA-256, HMAC, OsRng, thread_rng, base64 for transport.
            ("src/cache.rs", "fn etag(body: &[u8]) -> String { format!(\"{:x}\", md5::compute(body)) }\n"),
            (
                "src/cache.rs",
                "fn cache_key(url: &str) -> String {\n    let mut h = Md5::new();\n    h.update(url.as_bytes());\n    hex::encode(h.finalize())\n}\n",
            ),
            (
                "src/auth.rs",
                "fn hash_password(password: &str) -> String {\n    let salt = SaltString::generate(&mut OsRng);\n    Argon2::default().hash_password(password.as_bytes(), &salt).unwrap().to_string()\n}\n",
            ),
            (
                "src/token.rs",
                "fn generate_token() -> String {\n    let mut rng = rand::thread_rng();\n    (0..32).map(|_| rng.sample(Alphanumeric) as char).collect()\n}\n",
            ),
            (
                "src/repo.rs",
                "fn to_base64(hash: &Hash) -> String { base64::engine::general_purpose::STANDARD.encode(hash.to_bytes()) }\n",
            ),
            (
                "src/auth.rs",
                "fn basic(user: &str, password: &str) -> String {\n    format!(\"Basic {}\", base64::Engine::encode(&STANDARD, format!(\"{user}:{password}\")))\n}\n",
            ),
            (
                "src/crypt.rs",
                "fn encrypt(key: &[u8], data: &[u8]) -> String {\n    let cipher = Aes256Gcm::new_from_slice(key).unwrap();\n    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);\n    STANDARD.encode(cipher.encrypt(&nonce, data).unwrap())\n}\n",
            ),
            (
                "src/crypt.rs",
                "fn encrypt(key: &[u8], data: &[u8]) -> Vec<u8> {\n    let mut iv = [0u8; 16];\n    OsRng.fill_bytes(&mut iv);\n    cbc::Encryptor::<Aes128>::new_from_slices(key, &iv).unwrap().encrypt_padded_vec_mut::<Pkcs7>(data)\n}\n",
            ),
            ("src/jitter.rs", "fn jitter() -> u64 { fastrand::u64(0..100) }\n"),
            (
                "src/auth.rs",
                "#[cfg(test)]\nmod tests {\n    fn f(password: &str) { let password_hash = md5::compute(password); }\n}\n",
            ),
        ];
        let fail = [
            // A hasher named for another algorithm, or a class that does not declare it.
            (
                "app/hashers.py",
                "import hashlib\n\nclass SHA256PasswordHasher:\n    def encode(self, password, salt):\n        return hashlib.md5((salt + password).encode()).hexdigest()\n",
            ),
            (
                "app/auth.py",
                "import hashlib\n\nclass UserService:\n    def set_password(self, password):\n        self.password_hash = hashlib.md5(password.encode()).hexdigest()\n",
            ),
            // Encoding as encryption.
            (
                "src/security/SecurityManager.ts",
                "export class SecurityManager {\n  encrypt(data: object): string {\n    const jsonData = JSON.stringify(data);\n    return Buffer.from(jsonData).toString('base64');\n  }\n}",
            ),
            ("src/secret-store.ts", "export const decryptSecret = (value: string) => atob(value);"),
            ("src/secret-store.ts", "const encryptedKey = btoa(apiKey);"),
            ("src/secret-store.ts", "localStorage.setItem('token', btoa(token));"),
            ("src/users.ts", "user.password = Buffer.from(password).toString('base64');"),
            (
                "app/store.py",
                "import base64\n\ndef obfuscate(secret):\n    return base64.b64encode(secret.encode()).decode()\n",
            ),
            ("app/store.py", "import base64\nencrypted_token = base64.b64encode(token.encode())\n"),
            ("app/store.py", "from base64 import b64encode\nuser.password = b64encode(password.encode())\n"),
            // createCipher, ECB, static IVs.
            ("src/crypto.js", "const cipher = crypto.createCipher('aes192', password);"),
            ("src/crypto.js", "const cipher = crypto.createCipheriv('aes-128-ecb', key, null);"),
            ("src/crypto.js", "const mode = CryptoJS.mode.ECB;"),
            (
                "src/crypto.ts",
                "const IV = Buffer.alloc(16, 0);\nconst cipher = crypto.createCipheriv('aes-256-cbc', key, IV);",
            ),
            ("src/crypto.ts", "const cipher = crypto.createCipheriv('aes-256-cbc', key, '1234567890123456');"),
            // Seen on real code: an IV derived from a hash of configuration, or read from it.
            (
                "src/crypto.ts",
                "const encryptionIV = crypto.createHash('sha512').update(secret_iv).digest('hex').substring(0, 16);\nexport function encryptData(data) {\n  const cipher = crypto.createCipheriv(method, key, encryptionIV);\n  return Buffer.from(cipher.update(data, 'utf8', 'hex') + cipher.final('hex')).toString('base64');\n}",
            ),
            (
                "src/crypto.js",
                "const encryptionIV = process.env.IV_KEY || crypto.randomBytes(16);\nconst cipher = crypto.createCipheriv('aes-256-cbc', key, encryptionIV);",
            ),
            (
                "app/crypto.py",
                "import os\nfrom Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_CBC, os.environ[\"AES_IV\"].encode())\n",
            ),
            ("src/signup.js", "let encryptedPassword = new Buffer(password).toString('base64');"),
            ("src/register.js", "const password = Buffer.from(passwd).toString('base64');"),
            ("src/crypto.ts", "await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data);"),
            ("app/crypto.py", "from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_ECB)\n"),
            (
                "app/crypto.py",
                "from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_CBC, iv=b'0123456789abcdef')\n",
            ),
            (
                "app/crypto.py",
                "from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nIV = b\"\\x00\" * 16\ncipher = Cipher(algorithms.AES(key), modes.CBC(IV))\n",
            ),
            // Fast hashes for passwords.
            ("src/auth.ts", "const hash = crypto.createHash('md5').update(password).digest('hex');"),
            ("src/auth.js", "const passwordHash = md5(req.body.pass + salt);"),
            ("app/auth.py", "import hashlib\npassword_hash = hashlib.md5(password.encode()).hexdigest()\n"),
            (
                "app/auth.py",
                "import hashlib\n\ndef hash_password(pw, salt):\n    return hashlib.sha1((salt + pw).encode()).hexdigest()\n",
            ),
            // Predictable randomness for security values.
            ("src/session.ts", "const sessionToken = Math.random().toString(36).slice(2);"),
            (
                "src/session.ts",
                "export function generateToken(length = 32) {\n  let result = '';\n  for (let i = 0; i < length; i++) result += chars[Math.floor(Math.random() * chars.length)];\n  return result;\n}",
            ),
            ("src/session.ts", "const user = { resetCode: Math.floor(100000 + Math.random() * 900000) };"),
            (
                "app/session.py",
                "import random, string\ntoken = ''.join(random.choice(string.ascii_letters) for _ in range(32))\n",
            ),
            ("app/session.py", "from random import randint\notp_code = randint(100000, 999999)\n"),
            (
                "app/session.py",
                "import random\n\ndef create_session_id():\n    return '%032x' % random.getrandbits(128)\n",
            ),
            // Go.
            (
                "internal/auth/pw.go",
                "package auth\nimport \"crypto/md5\"\nfunc check(password string) [16]byte {\n\treturn md5.Sum([]byte(password))\n}\n",
            ),
            (
                "internal/auth/pw.go",
                "package auth\nimport \"crypto/sha1\"\nfunc hashPassword(pw, salt string) string {\n\th := sha1.New()\n\th.Write([]byte(salt))\n\th.Write([]byte(pw))\n\treturn hex.EncodeToString(h.Sum(nil))\n}\n",
            ),
            (
                "internal/auth/token.go",
                "package auth\nimport \"crypto/md5\"\nfunc newSessionToken(user string) string {\n\tsum := md5.Sum([]byte(user + time.Now().String()))\n\treturn hex.EncodeToString(sum[:])\n}\n",
            ),
            (
                "internal/pay/sign.go",
                "package pay\nimport \"crypto/md5\"\nfunc sign(params string, appSecret string) string {\n\treturn fmt.Sprintf(\"%x\", md5.Sum([]byte(params+\"&key=\"+appSecret)))\n}\n",
            ),
            (
                "internal/crypt/des.go",
                "package crypt\nimport \"crypto/des\"\nfunc f(key []byte) { block, _ := des.NewCipher(key); _ = block }\n",
            ),
            (
                "internal/crypt/rc4.go",
                "package crypt\nimport \"crypto/rc4\"\nfunc f(key []byte) { c, _ := rc4.NewCipher(key); _ = c }\n",
            ),
            (
                "internal/crypt/aes.go",
                "package crypt\nimport \"crypto/cipher\"\nfunc f(block cipher.Block, dst, src []byte) {\n\tiv := make([]byte, 16)\n\tcipher.NewCBCEncrypter(block, iv).CryptBlocks(dst, src)\n}\n",
            ),
            (
                "internal/crypt/aes.go",
                "package crypt\nimport \"crypto/cipher\"\nvar iv = []byte(\"0123456789abcdef\")\nfunc f(block cipher.Block) cipher.BlockMode { return cipher.NewCBCEncrypter(block, iv) }\n",
            ),
            (
                "internal/crypt/aes.go",
                "package crypt\nimport \"crypto/cipher\"\nfunc f(key []byte, block cipher.Block) cipher.Stream { return cipher.NewCFBEncrypter(block, key[:aes.BlockSize]) }\n",
            ),
            (
                "internal/crypt/aes.go",
                "package crypt\nimport \"crypto/cipher\"\nfunc seal(aead cipher.AEAD, msg []byte) []byte {\n\tnonce := make([]byte, aead.NonceSize())\n\treturn aead.Seal(nil, nonce, msg, nil)\n}\n",
            ),
            (
                "internal/store/secret.go",
                "package store\nimport \"encoding/base64\"\nfunc encryptToken(t string) string {\n\treturn base64.StdEncoding.EncodeToString([]byte(t))\n}\n",
            ),
            (
                "internal/store/user.go",
                "package store\nimport \"encoding/base64\"\nfunc save(u *User, password string) {\n\tu.Password = base64.StdEncoding.EncodeToString([]byte(password))\n}\n",
            ),
            (
                "internal/auth/token.go",
                "package auth\nimport \"math/rand\"\nconst letters = \"abcdefghijklmnopqrstuvwxyz\"\nfunc generateToken(n int) string {\n\tb := make([]byte, n)\n\tfor i := range b {\n\t\tb[i] = letters[rand.Intn(len(letters))]\n\t}\n\treturn string(b)\n}\n",
            ),
            (
                "internal/auth/otp.go",
                "package auth\nimport mrand \"math/rand\"\nfunc f() {\n\totpCode := mrand.Intn(900000) + 100000\n\tsend(otpCode)\n}\n",
            ),
            (
                "internal/store/file.go",
                "package store\nimport (\n\t\"crypto/rand\"\n\tmrand \"math/rand\"\n)\nfunc f(aek cipher.AEAD, b []byte) []byte {\n\tnonce := make([]byte, aek.NonceSize())\n\tmrand.Read(nonce)\n\treturn aek.Seal(nonce, nonce, b, nil)\n}\n",
            ),
            // Rust.
            (
                "src/auth.rs",
                "fn hash(password: &str) -> String { format!(\"{:x}\", md5::compute(password.as_bytes())) }\n",
            ),
            (
                "src/auth.rs",
                "fn hash_password(password: &str) -> Vec<u8> {\n    let mut hasher = Sha1::new();\n    hasher.update(password.as_bytes());\n    hasher.finalize().to_vec()\n}\n",
            ),
            ("src/auth.rs", "fn f(user: &User) { let password_hash = Md5::digest(user.password.as_bytes()); }\n"),
            ("src/crypt.rs", "type Aes128Ecb = Ecb<Aes128, Pkcs7>;\n"),
            ("src/crypt.rs", "fn f(key: &[u8]) { let c = ecb::Encryptor::<Aes128>::new(key.into()); }\n"),
            (
                "src/crypt.rs",
                "fn f(key: &[u8], data: &[u8]) { let out = symm::encrypt(Cipher::aes_128_ecb(), key, None, data); }\n",
            ),
            (
                "src/crypt.rs",
                "const IV: &[u8; 16] = b\"0123456789abcdef\";\nfn f(key: &[u8], data: &[u8]) { let out = symm::encrypt(Cipher::aes_128_cbc(), key, Some(IV), data); }\n",
            ),
            (
                "src/crypt.rs",
                "fn f(key: &[u8]) { let c = cbc::Encryptor::<Aes128>::new_from_slices(key, &[0u8; 16]); }\n",
            ),
            (
                "src/secret.rs",
                "use base64::engine::general_purpose;\nfn encrypt_secret(s: &str) -> String { general_purpose::STANDARD.encode(s) }\n",
            ),
            ("src/secret.rs", "fn f(password: &str, user: &mut User) { user.password = base64::encode(password); }\n"),
            ("src/token.rs", "fn generate_token() -> String { (0..32).map(|_| fastrand::alphanumeric()).collect() }\n"),
            ("src/token.rs", "fn f() { let session_id = fastrand::u64(..); }\n"),
        ];
        Tester::new::<WeakCrypto>(pass, fail).test_and_snapshot();
    }
}
