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

use super::excerpt;
use crate::context::{IntoSpan, JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::{SecretKind, secret_kind, split_words};
use crate::helpers::{js, py};
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
    ///   such a name, or inside a function like `generateToken`/`create_session_id`).
    ///
    /// AES-GCM or ChaCha20 with random nonces, bcrypt/argon2/scrypt/PBKDF2,
    /// `crypto.randomBytes`, `crypto.randomUUID`, `secrets`, and MD5/SHA-1 for checksums, ETags
    /// and cache keys are not reported.
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
    /// Hashes and IVs are only followed through two local variables; a hash object updated in a
    /// separate statement (`h = md5(); h.update(password)`) is not seen. Rust and Go are not
    /// covered yet.
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
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] =
        &[AstType::CallExpression, AstType::StringLiteral, AstType::StaticMemberExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall, NodeKind::ExprAttribute];
    const NEEDLES: &'static [&'static str] = &[
        "base64", "btoa", "atob", "b64", "hexlify", "Cipher", "ecb", "ECB", "md5", "MD5", "sha1", "SHA1", "random",
        "AES", "modes", "subtle",
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
}

// ---------------------------------------------------------------------------------------------
// Shared by both languages

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
        Expression::CallExpression(from) if js::dotted_path(&from.callee).as_deref() == Some("Buffer.from") => {
            &from.arguments
        }
        Expression::NewExpression(new) if js::dotted_path(&new.callee).as_deref() == Some("Buffer") => &new.arguments,
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
    if js::dotted_path(&call.callee).as_deref() != Some("Math.random") {
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
        ];
        let fail = [
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
        ];
        Tester::new::<WeakCrypto>(pass, fail).test_and_snapshot();
    }
}
