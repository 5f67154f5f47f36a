use std::borrow::Cow;

use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{BinaryOperator, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;

use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, CmpOp, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use crate::context::{JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::names::{
    SecretKind, is_bare_token, is_constant_name, is_secret_name, is_stream_token, secret_kind, split_words,
};
use crate::helpers::{js, py, tree};
use crate::rule::Rule;
use shipready_lang::tree::{Node, text};

declare_rule! {
    /// ## What it does
    /// Finds secrets compared with `==`, `===`, `!=` or `!==`: API keys, tokens, passwords,
    /// signatures, HMACs, digests and authorization header values checked against an expected
    /// value with ordinary string equality.
    ///
    /// Comparisons with `null`, `undefined`, empty strings, numbers, other literals,
    /// `typeof x`, `x.length` and constants that are not themselves secrets stay silent, as do
    /// names that only look like secrets (`tokenType`, `nextToken`, `passwordLength`).
    ///
    /// ## Why is this bad?
    /// String equality returns as soon as the first byte differs, so the time a comparison takes
    /// tells an attacker how much of their guess was right. Measured over many requests, that
    /// leaks the secret one byte at a time.
    ///
    /// ## Example
    /// ```ts
    /// if (req.headers["x-api-key"] !== process.env.MANAGEMENT_TOKEN) return res.sendStatus(401);
    /// ```
    /// ```python
    /// if request.headers.get("X-API-Key") != settings.api_key:
    ///     raise HTTPException(status_code=401)
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// const given = Buffer.from(String(req.headers["x-api-key"] ?? ""));
    /// const expected = Buffer.from(process.env.MANAGEMENT_TOKEN ?? "");
    /// if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) { … }
    /// ```
    /// ```python
    /// if not hmac.compare_digest(request.headers.get("X-API-Key", ""), settings.api_key):
    ///     raise HTTPException(status_code=401)
    /// ```
    pub(crate) struct TimingUnsafeCompare {
        id: "timing-unsafe-compare",
        area: Security,
        severity: Critical,
        since: "0.1.0",
        title: "Secret compared with timing-unsafe equality",
        rationale: "Ordinary string equality leaks how much of a guessed secret was right through timing.",
        fix: "Compare secrets with `crypto.timingSafeEqual` or `hmac.compare_digest`.",
    }
}

impl Rule for TimingUnsafeCompare {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go, Language::Rust];
    const JS_KINDS: &'static [AstType] = &[AstType::BinaryExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCompare];
    const GO_KINDS: &'static [&'static str] = &["binary_expression", "call_expression"];
    const RUST_KINDS: &'static [&'static str] = &["binary_expression"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::BinaryExpression(binary) = node.kind() else { return };
        if !matches!(
            binary.operator,
            BinaryOperator::Equality
                | BinaryOperator::Inequality
                | BinaryOperator::StrictEquality
                | BinaryOperator::StrictInequality
        ) {
            return;
        }
        // Most comparisons name no secret: rule them out before looking closer.
        if ![&binary.left, &binary.right].iter().any(|side| js::expr_name(side).is_some_and(|n| is_secret_name(&n))) {
            return;
        }
        let sides = [Side::js(&binary.left, ctx), Side::js(&binary.right, ctx)];
        if let Some(name) = secret_compared(&sides) {
            let operator = binary.operator.as_str();
            ctx.report(
                binary.span,
                format!("`{name}` is compared with `{operator}`, which leaks it through timing; use `crypto.timingSafeEqual`"),
            );
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCompare(compare) = node else { return };
        if in_query_expression(ctx) {
            return;
        }
        let operands: Vec<&Expr> = std::iter::once(compare.left.as_ref()).chain(compare.comparators.iter()).collect();
        if !operands.iter().any(|operand| py::expr_name(operand).is_some_and(|n| is_secret_name(&n))) {
            return;
        }
        for (index, op) in compare.ops.iter().enumerate() {
            if !matches!(op, CmpOp::Eq | CmpOp::NotEq) {
                continue;
            }
            // Comparing against a plain hash of the input leaks only the stored hash, which
            // cannot be turned back into the secret. (An HMAC could be forged, so it still counts.)
            if is_plain_hash_digest(operands[index]) || is_plain_hash_digest(operands[index + 1]) {
                continue;
            }
            let sides = [Side::py(operands[index], ctx), Side::py(operands[index + 1], ctx)];
            if let Some(name) = secret_compared(&sides) {
                let operator = if matches!(op, CmpOp::Eq) { "==" } else { "!=" };
                ctx.report(
                    compare.range(),
                    format!("`{name}` is compared with `{operator}`, which leaks it through timing; use `hmac.compare_digest`"),
                );
                return;
            }
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Self::check_tree_node(node, ctx);
    }
}

impl TimingUnsafeCompare {
    /// Go `==`/`!=`, `bytes.Equal` and `strings.Compare`; Rust `==`/`!=`.
    fn check_tree_node<'t>(node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        let (left, right, operator) = match node.kind() {
            "binary_expression" => {
                let Some(operator) = node.child_by_field_name("operator").map(|o| text(o, source)) else { return };
                if !matches!(operator, "==" | "!=") {
                    return;
                }
                let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right"))
                else {
                    return;
                };
                (left, right, operator)
            }
            "call_expression" => {
                let Some(function) = node.child_by_field_name("function").map(|f| text(f, source)) else { return };
                let operator = match function {
                    "bytes.Equal" => "bytes.Equal",
                    "strings.Compare" => "strings.Compare",
                    _ => return,
                };
                let Some(arguments) = node.child_by_field_name("arguments") else { return };
                let mut cursor = arguments.walk();
                let operands: Vec<Node<'t>> = arguments.named_children(&mut cursor).collect();
                let [left, right] = operands.as_slice() else { return };
                (*left, *right, operator)
            }
            _ => return,
        };
        // Most comparisons name no secret: rule them out before looking closer (a Side looks
        // up constants among the file's top-level declarations).
        if ![left, right]
            .iter()
            .any(|side| tree_name(unwrap_tree(*side, source), source).is_some_and(|n| is_secret_name(&n)))
        {
            return;
        }
        let sides = [Side::tree(left, ctx.root, source), Side::tree(right, ctx.root, source)];
        if sides.iter().any(|side| side.name.as_deref().is_some_and(names_a_revision)) {
            return;
        }
        if let Some(name) = secret_compared(&sides) {
            let fix =
                if ctx.file.language == Language::Go { "`subtle.ConstantTimeCompare`" } else { "`constant_time_eq`" };
            ctx.report(
                node,
                format!("`{name}` is compared with `{operator}`, which leaks it through timing; use {fix}"),
            );
        }
    }
}

/// What the rule needs to know about one operand of a comparison, in either language.
struct Side {
    /// The name the operand is known by (`token`, `apiKey`, `X-API-Key`).
    name: Option<String>,
    /// The record field it reads, when it reads one (`a.secret`, `model.get("secret")`).
    field: Option<String>,
    /// Whether it can hold a secret value at all (not a literal, length, type or constant).
    value_like: bool,
    /// Whether it is a column of an ORM model or table (`User.token`, `table.c.token`): the
    /// comparison builds a query rather than comparing values.
    column: bool,
    /// Whether it is, or is assigned from, an HMAC or signing computation.
    mac_computed: bool,
    /// Whether it is read from request headers (`req.headers["x-signature"]`).
    from_header: bool,
    /// Whether it looks like one half of a credential check on its own: a secret's name, a
    /// header, an HMAC, or a value read from the environment, configuration or request, or
    /// called expected, provided or stored (see [`credential_source`]).
    corroborates: bool,
}

impl Side {
    fn js<'a>(expr: &Expression<'a>, ctx: &JsContext<'a, '_>) -> Self {
        let name = js::expr_name(expr).map(Cow::into_owned);
        let field = match js::inner(expr) {
            Expression::StaticMemberExpression(member) => Some(member.property.name.to_string()),
            Expression::ComputedMemberExpression(_) => name.clone(),
            Expression::CallExpression(call) if call.arguments.len() == 1 && js::method_name(call).is_some() => {
                js::arg(call, 0).and_then(js::static_string).map(Cow::into_owned)
            }
            _ => None,
        };
        let own = ctx.file.slice(expr.span());
        let mut source = own;
        let mut value_like = js_value_like(expr);
        if let Expression::Identifier(ident) = js::inner(expr)
            && let Some(init) = js::constant_initializer(ctx.semantic, ident)
        {
            source = ctx.file.slice(init.span());
            // `const ESM_CODE_TOKEN = /…/g`, `const MARKER = "$private"`: a sentinel.
            value_like &= match js::inner(init) {
                Expression::RegExpLiteral(_) | Expression::NumericLiteral(_) | Expression::BooleanLiteral(_) => false,
                Expression::StringLiteral(string) => !is_sentinel(&string.value),
                _ => true,
            };
        }
        Self::new(name, field, value_like, false, source, own)
    }

    fn new(
        name: Option<String>,
        field: Option<String>,
        value_like: bool,
        column: bool,
        source: &str,
        own: &str,
    ) -> Self {
        let mac_computed = mentions_mac(source);
        let from_header = reads_header(own);
        let corroborates = from_header
            || mac_computed
            || name.as_deref().is_some_and(is_secret_name)
            || credential_source(own)
            || credential_source(source);
        Self { name, field, value_like, column, mac_computed, from_header, corroborates }
    }

    fn py(expr: &Expr, ctx: &PyContext<'_, '_>) -> Self {
        let name = py::expr_name(expr);
        let field = match expr {
            Expr::Attribute(attribute) => Some(attribute.attr.id.to_string()),
            Expr::Subscript(_) | Expr::Call(_) => name.clone(),
            _ => None,
        };
        let mut source = ctx.file.slice(expr.range());
        if let Expr::Name(local) = expr
            && let Some(function) = py::enclosing_function(ctx.ancestors())
            && let Some(value) = py::sole_assignment(&function.body, local.id.as_str())
        {
            source = ctx.file.slice(value.range());
        }
        Self::new(name, field, py_value_like(expr, ctx), is_column(expr), source, ctx.file.slice(expr.range()))
    }
}

/// The secret-like name compared in a timing-unsafe way, if any.
fn secret_compared(sides: &[Side; 2]) -> Option<String> {
    let [a, b] = sides;
    // Two records' copies of one field: change detection or deduplication, not authentication.
    if a.field.is_some() && a.field == b.field {
        return None;
    }
    if a.column || b.column {
        return None;
    }
    // `idToken !== firstToken`: walking a token stream.
    if [a, b].iter().any(|side| side.name.as_deref().is_some_and(is_stream_token)) {
        return None;
    }
    for (secret, other) in [(a, b), (b, a)] {
        let Some(name) = &secret.name else { continue };
        let Some(kind) = secret_kind(name) else { continue };
        // A literal or constant on either side is a sentinel or a type check, not a secret.
        if !secret.value_like || !other.value_like {
            continue;
        }
        // A bare `token` is a parser's as often as a credential: `parent.tagName === token`.
        // It counts when the other side looks like the other half of a credential check.
        if is_bare_token(name) && !other.corroborates {
            continue;
        }
        let holds = match kind {
            SecretKind::Credential => true,
            // Two passwords: a confirmation, reuse or policy check; authentication compares a
            // password with a stored hash through a hashing library.
            SecretKind::Password => !other.name.as_deref().is_some_and(mentions_password),
            // `signature`, `digest`: a secret only when it is an HMAC or a signature a request
            // carries, not a checksum of public data.
            SecretKind::Mac => {
                split_words(name).iter().any(|w| w == "hmac")
                    || secret.from_header
                    || secret.mac_computed
                    || other.mac_computed
            }
        };
        if holds {
            return Some(name.clone());
        }
    }
    None
}

/// Whether a name is about a password at all (`newPassword`, `current_password`, `password2`).
fn mentions_password(name: &str) -> bool {
    split_words(name).iter().any(|word| {
        matches!(word.trim_end_matches(|c: char| c.is_ascii_digit()), "password" | "passwd" | "pwd" | "passphrase")
    })
}

/// Whether an operand reads a request header.
fn reads_header(source: &str) -> bool {
    source.to_ascii_lowercase().contains("header")
}

/// Whether source text computes an HMAC or a signature (not `createSignatureDeclaration`).
fn mentions_mac(source: &str) -> bool {
    ["hmac", "Hmac", "HMAC", ".sign(", "createSign("].iter().any(|needle| source.contains(needle))
}

/// Whether an operand's text reads the places credentials come from or names the roles the
/// two halves of a credential check play: `process.env.X`, `settings.api_key`,
/// `req.query.token`, `expected`, `storedToken`, `` `Bearer ${t}` ``.
fn credential_source(source: &str) -> bool {
    const WORDS: &[&str] = &[
        "env",
        "environ",
        "getenv",
        "config",
        "conf",
        "cfg",
        "settings",
        "secrets",
        "expected",
        "provided",
        "given",
        "stored",
        "supplied",
        "received",
        "incoming",
        "configured",
        "header",
        "headers",
        "cookie",
        "cookies",
        "session",
        "request",
        "req",
        "bearer",
        "authorization",
        "credentials",
    ];
    source
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .any(|word| split_words(word).iter().any(|w| WORDS.contains(&w.as_str())))
}

/// Whether a constant's string value marks something rather than guards it: short, or with
/// spaces or angle brackets (`"<secret>"`, `"EOF"`).
fn is_sentinel(value: &str) -> bool {
    value.len() < 16 || value.contains(['<', '>', ' '])
}

/// Whether the other operand can hold a secret value: not a literal, a type or length check,
/// an enum member (`TokenType.EOF`) or a constant whose name is not a secret's (`EOF`).
fn js_value_like(expr: &Expression<'_>) -> bool {
    if js::is_literal_like(expr) || is_confirmation(js::expr_name(expr)) {
        return false;
    }
    match js::inner(expr) {
        Expression::Identifier(ident) => !is_constant_name(&ident.name) || is_secret_name(&ident.name),
        Expression::StaticMemberExpression(member) => {
            let property = member.property.name.as_str();
            let constant = is_constant_name(property) && !is_secret_name(property);
            let enum_like = js_chain_root(&member.object)
                .is_some_and(|root| root.starts_with(|c: char| c.is_ascii_uppercase()) && !is_secret_name(property));
            !constant && !enum_like
        }
        _ => true,
    }
}

/// The identifier a member chain starts from (`TokenType` in `TokenType.Kind.EOF`).
fn js_chain_root<'a>(expr: &Expression<'a>) -> Option<&'a str> {
    match js::inner(expr) {
        Expression::Identifier(ident) => Some(ident.name.as_str()),
        Expression::StaticMemberExpression(member) => js_chain_root(&member.object),
        _ => None,
    }
}

impl Side {
    fn tree(node: Node<'_>, root: Node<'_>, source: &str) -> Self {
        let node = unwrap_tree(node, source);
        let name = tree_name(node, source);
        if let Some(value) = go_constant_value(root, node, source) {
            // `const secretToken = "<secret>"`: a sentinel written into the program.
            if is_sentinel(value) {
                return Self::new(name, None, false, false, "", "");
            }
        }
        let field = match node.kind() {
            "selector_expression" | "field_expression" | "index_expression" | "call_expression" => name.clone(),
            _ => None,
        };
        let literal = matches!(
            node.kind(),
            "interpreted_string_literal"
                | "raw_string_literal"
                | "string_literal"
                | "int_literal"
                | "integer_literal"
                | "float_literal"
                | "nil"
                | "true"
                | "false"
                | "boolean_literal"
        );
        let length = node.kind() == "call_expression"
            && node.child_by_field_name("function").is_some_and(|f| matches!(text(f, source), "len" | "cap"));
        let constant = name.as_deref().is_some_and(|n| is_constant_name(n) && !is_secret_name(n))
            && matches!(node.kind(), "identifier" | "field_identifier");
        // `Token::Eof`, `TokenType::Auth`: an enum variant or an associated constant.
        let path = node.kind() == "scoped_identifier"
            && name.as_deref().is_some_and(|n| !is_constant_name(n) || !is_secret_name(n));
        // `echo.HeaderAuthorization`: a package's constant naming a header, not its value.
        let header_name = node.kind() == "selector_expression"
            && node.child_by_field_name("operand").is_some_and(|o| o.kind() == "identifier")
            && name.as_deref().is_some_and(|n| n.starts_with("Header"));
        let source_text = text(node, source);
        let value_like = !(literal || length || constant || path || header_name || is_confirmation(name.as_deref()));
        Self::new(name, field, value_like, false, source_text, source_text)
    }
}

/// The operand itself, through parentheses, references and byte/string conversions
/// (`token.as_bytes()`, `[]byte(token)`, `&token`).
fn unwrap_tree<'t>(mut node: Node<'t>, source: &str) -> Node<'t> {
    loop {
        let inner = match node.kind() {
            "parenthesized_expression" | "reference_expression" | "unary_expression" => node.named_child(0),
            "type_conversion_expression" => node.child_by_field_name("operand"),
            "call_expression" => {
                let function = node.child_by_field_name("function");
                let method = function.and_then(|f| f.child_by_field_name("field")).map(|f| text(f, source));
                match (function.map(|f| f.kind()), method) {
                    (Some("field_expression"), Some("as_bytes" | "as_str" | "trim" | "to_string" | "as_ref")) => {
                        function.and_then(|f| f.child_by_field_name("value"))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match inner {
            Some(inner) => node = inner,
            None => return node,
        }
    }
}

/// The string a Go identifier holds when the file declares it `const name = "…"`.
fn go_constant_value<'s>(root: Node<'_>, node: Node<'_>, source: &'s str) -> Option<&'s str> {
    if node.kind() != "identifier" || root.kind() != "source_file" {
        return None;
    }
    let name = text(node, source);
    let mut cursor = root.walk();
    let declarations: Vec<Node<'_>> =
        root.named_children(&mut cursor).filter(|child| child.kind() == "const_declaration").collect();
    for declaration in declarations {
        let mut cursor = declaration.walk();
        for spec in declaration.named_children(&mut cursor).filter(|spec| spec.kind() == "const_spec") {
            if spec.child_by_field_name("name").is_some_and(|n| text(n, source) == name) {
                let value = spec.child_by_field_name("value")?.named_child(0)?;
                return matches!(value.kind(), "interpreted_string_literal" | "raw_string_literal")
                    .then(|| tree::unquote(text(value, source)));
            }
        }
    }
    None
}

/// `old_token`, `fixedToken`, `previous_secret`: one version of a value compared with another,
/// which detects a change rather than checking a credential.
fn names_a_revision(name: &str) -> bool {
    split_words(name)
        .iter()
        .any(|w| matches!(w.as_str(), "old" | "prev" | "previous" | "fixed" | "original" | "updated"))
}

/// The name a Go or Rust operand is known by: an identifier, a field, a string index, or the
/// header or variable a getter reads (`r.Header.Get("X-API-Key")`, `os.Getenv("TOKEN")`).
fn tree_name(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind() {
        "identifier" | "field_identifier" => Some(text(node, source).to_string()),
        "scoped_identifier" => node.child_by_field_name("name").map(|n| text(n, source).to_string()),
        "selector_expression" | "field_expression" => {
            node.child_by_field_name("field").map(|f| text(f, source).to_string())
        }
        "index_expression" => {
            let index = node.child_by_field_name("index").or_else(|| node.named_child(1))?;
            matches!(index.kind(), "interpreted_string_literal" | "raw_string_literal" | "string_literal")
                .then(|| tree::unquote(text(index, source)).to_string())
        }
        "call_expression" => {
            let function = node.child_by_field_name("function")?;
            let method =
                function.child_by_field_name("field").map_or_else(|| text(function, source), |f| text(f, source));
            if !matches!(method, "Get" | "get" | "Getenv" | "var" | "header" | "Header") {
                return None;
            }
            let arguments = node.child_by_field_name("arguments")?;
            let first = arguments.named_child(0)?;
            matches!(first.kind(), "interpreted_string_literal" | "raw_string_literal" | "string_literal")
                .then(|| tree::unquote(text(first, source)).to_string())
        }
        _ => None,
    }
}

fn py_value_like(expr: &Expr, ctx: &PyContext<'_, '_>) -> bool {
    if is_confirmation(py::expr_name(expr)) {
        return false;
    }
    match expr {
        Expr::NoneLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::EllipsisLiteral(_) => false,
        Expr::FString(fstring) => fstring.value.elements().any(|element| element.as_interpolation().is_some()),
        Expr::Call(call) => !matches!(py::callee_last_name(&call.func), Some("len" | "type")),
        Expr::Name(name) => !is_constant_name(&name.id) || is_secret_name(&name.id),
        Expr::Attribute(attribute) => {
            let attr = attribute.attr.id.as_str();
            let constant = is_constant_name(attr) && !is_secret_name(attr);
            let enum_like = py_chain_root(&attribute.value)
                .is_some_and(|root| root.starts_with(|c: char| c.is_ascii_uppercase()) && !is_secret_name(attr));
            !constant && !enum_like && !is_class_constant(attribute, ctx)
        }
        _ => true,
    }
}

/// `hashlib.sha256(token.encode()).hexdigest()`: a digest of an unkeyed hash.
fn is_plain_hash_digest(expr: &Expr) -> bool {
    let Expr::Call(call) = expr else { return false };
    let Expr::Attribute(method) = call.func.as_ref() else { return false };
    if !matches!(method.attr.id.as_str(), "hexdigest" | "digest") {
        return false;
    }
    let Expr::Call(hasher) = method.value.as_ref() else { return false };
    let Some(name) = py::dotted_name(&hasher.func) else { return false };
    let function = name.strip_prefix("hashlib.").unwrap_or(&name);
    matches!(function, "sha256" | "sha512" | "sha384" | "sha3_256" | "sha3_512" | "blake2b" | "blake2s")
}

fn py_chain_root(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => py_chain_root(&attribute.value),
        _ => None,
    }
}

/// `self.reset_url_token` where the enclosing class sets `reset_url_token = "set-password"`:
/// a constant sentinel, not a secret.
fn is_class_constant(attribute: &py_ast::ExprAttribute, ctx: &PyContext<'_, '_>) -> bool {
    if !matches!(attribute.value.as_ref(), Expr::Name(owner) if matches!(owner.id.as_str(), "self" | "cls")) {
        return false;
    }
    let Some(class) = ctx.ancestors().find_map(|node| match node {
        AnyNodeRef::StmtClassDef(class) => Some(class),
        _ => None,
    }) else {
        return false;
    };
    py::sole_assignment(&class.body, attribute.attr.id.as_str())
        .is_some_and(|value| matches!(value, Expr::StringLiteral(_) | Expr::NumberLiteral(_) | Expr::NoneLiteral(_)))
}

/// An ORM column: an attribute of a model class (`ChannelWebhook.token`) or of a table's
/// column collection (`shared_chat.c.id`).
fn is_column(expr: &Expr) -> bool {
    let Expr::Attribute(attribute) = expr else { return false };
    let table_column = matches!(attribute.value.as_ref(), Expr::Attribute(inner) if inner.attr.id.as_str() == "c");
    let model_column = matches!(attribute.value.as_ref(), Expr::Name(owner)
        if owner.id.starts_with(|c: char| c.is_ascii_uppercase()) && !is_constant_name(&owner.id));
    table_column || model_column
}

/// Whether the comparison is an argument of a query builder call (`.filter(...)`, `.where(...)`).
fn in_query_expression(ctx: &PyContext<'_, '_>) -> bool {
    ctx.ancestors().take_while(|node| !matches!(node, AnyNodeRef::StmtFunctionDef(_))).any(|node| {
        matches!(node, AnyNodeRef::ExprCall(call) if matches!(
            py::callee_last_name(&call.func),
            Some("filter" | "filter_by" | "where" | "having" | "join" | "and_" | "or_" | "exclude" | "get_or_none")
        ))
    })
}

/// Whether a name is the second entry of a "type it twice" form (`confirmPassword`), which is
/// checked for typos, not authenticated.
fn is_confirmation(name: Option<impl AsRef<str>>) -> bool {
    name.is_some_and(|name| {
        split_words(name.as_ref())
            .iter()
            .any(|w| matches!(w.as_str(), "confirm" | "confirmation" | "repeat" | "retype" | "again"))
    })
}

#[cfg(test)]
mod tests {
    use super::TimingUnsafeCompare;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // A plain hash of the token against the stored hash: only the hash can leak.
            (
                "app/socket.py",
                "def check(claims, token):\n    if claims['token_hash'] != hashlib.sha256(token.encode()).hexdigest():\n        raise Denied()\n",
            ),
            ("src/auth.ts", "if (token === undefined || token === null) {}"),
            ("src/auth.ts", "if (typeof token === 'string') {}"),
            ("src/auth.ts", "if (token === '') {}"),
            ("src/auth.ts", "if (token.length === expected.length && crypto.timingSafeEqual(a, b)) {}"),
            ("src/auth.ts", "if (apiKey != null) {}"),
            ("src/auth.ts", "if (tokenType === 'Bearer') {}"),
            ("src/auth.ts", "if (password !== confirmPassword) { setError('mismatch'); }"),
            ("src/lexer.ts", "if (token === TokenType.EOF) {}"),
            ("src/lexer.ts", "if (token === EOF) {}"),
            ("src/lexer.ts", "if (nextToken === cursor) {}"),
            ("src/lexer.ts", "while (token !== '(') {}"),
            ("src/a.ts", "if (user.role === expectedRole) {}"),
            ("src/auth.test.ts", "expect(token === expected).toBe(true);"),
            ("api/auth.py", "if token is None:\n    pass\n"),
            ("api/auth.py", "if hmac.compare_digest(token, expected):\n    pass\n"),
            ("api/auth.py", "if len(token) == 0:\n    pass\n"),
            ("api/auth.py", "if token == '':\n    pass\n"),
            ("api/auth.py", "if password == None:\n    pass\n"),
            ("api/auth.py", "if token_type == 'bearer':\n    pass\n"),
            ("api/auth.py", "if form.password != form.password_again:\n    pass\n"),
            // Seen on real code: password confirmation, reuse and policy checks.
            ("app/users.py", "if password != password2:\n    raise Mismatch()\n"),
            ("src/validators.js", "if (data.newPassword !== data.ne2Password) { throw new Error('mismatch'); }"),
            ("src/validate.js", "for (const badPassword of BAD) { if (badPassword === password) { return false; } }"),
            ("app/auth.py", "if password == current_password:\n    raise Reused()\n"),
            ("src/a.ts", "if (password == user.passwordHash) {}"),
            // Two records' copies of one field.
            ("src/api-key.js", "if (this.previous('secret') !== this.get('secret')) { refresh(); }"),
            ("src/hooks.ts", "const same = webhook.secret === expected.secret;"),
            // ORM query expressions build SQL.
            ("app/models.py", "q = select(Webhook).where(Webhook.token == token)\n"),
            ("app/models.py", "row = session.query(Auth).filter(Auth.password == auth.password).first()\n"),
            ("app/models.py", "stmt = sa.select(t.c.id).where(t.c.id == share_token)\n"),
            // Content digests and model signatures are not secrets.
            ("app/oci.py", "if f'sha256:{hasher.hexdigest()}' != digest:\n    raise Corrupt()\n"),
            ("app/model.py", "if signature is not None and signature != inferred_signature:\n    warn()\n"),
            (
                "src/ws.js",
                "const digest = createHash('sha1').update(key + GUID).digest('base64');\nif (res.headers['sec-websocket-accept'] !== digest) { abort(); }",
            ),
            // Constants and sentinels.
            ("app/search.py", "asc = order_token == cls.ASC_OPERATOR\n"),
            ("app/search.py", "if attribute_token == SqlRegisteredModel.name.key:\n    pass\n"),
            (
                "app/views.py",
                "class Reset(View):\n    reset_url_token = 'set-password'\n\n    def get(self, token):\n        if token == self.reset_url_token:\n            pass\n",
            ),
            ("api/lexer.py", "if token == Token.LPAREN:\n    pass\n"),
            ("cmd/server/auth.go", "package main\nfunc f(token string) bool { return token == \"\" }\n"),
            ("cmd/server/auth.go", "package main\nfunc f(token string) bool { return len(token) == 0 }\n"),
            (
                "cmd/server/auth.go",
                "package main\nfunc f(token, expected string) bool { return subtle.ConstantTimeCompare([]byte(token), []byte(expected)) == 1 }\n",
            ),
            ("cmd/server/lex.go", "package main\nfunc f(token Token) bool { return token == EOF }\n"),
            ("src/auth.rs", "fn f(token: &str) -> bool { token == \"\" }\n"),
            ("src/auth.rs", "fn f(token: Option<&str>) -> bool { token.is_none() || token.unwrap().len() == 0 }\n"),
            ("src/lex.rs", "fn f(token: Token) -> bool { token == Token::Eof }\n"),
            // Seen on real code (typescript, eslint, webpack, angular, serde_json, syn): parser
            // tokens, type signatures and marker constants.
            ("lib/checker.js", "if (token.parent.tagName === token) {}"),
            ("lib/checker.js", "if (clause.token === kind) {}"),
            ("lib/checker.js", "return node.questionToken !== questionToken || node.operatorToken !== operatorToken;"),
            ("lib/checker.js", "if (contextToken2 === parent.name) {}"),
            ("lib/token-store.js", "if (idToken !== firstToken) {}"),
            ("lib/token-store.js", "while (currentToken !== finalToken) {}"),
            ("lib/css/parser.js", "if (tt === stopToken) {}"),
            ("lib/esm.js", "const ESM_CODE_TOKEN = /[`/]/g;\nconst f = (token) => token === ESM_CODE_TOKEN;"),
            (
                "lib/checker.js",
                "const resolvingSignature = createSignature(undefined, undefined);\nif (signature === resolvingSignature) {}",
            ),
            ("src/inject.ts", "if (token === TestBed) {}"),
            ("src/de.rs", "fn f(name: &str) -> bool { name == crate::raw::TOKEN }\n"),
            ("src/parse.rs", "fn f(ident: &Ident, token: &str) -> bool { ident == token }\n"),
            // Seen on real code: a header name, a sentinel constant, an enum variant, a migration.
            (
                "middleware/key_auth.go",
                "package middleware\nfunc f(header string) bool { return header == echo.HeaderAuthorization }\n",
            ),
            (
                "config/config.go",
                "package config\nconst secretToken = \"<secret>\"\nfunc f(str string) bool { return str == secretToken }\n",
            ),
            ("src/auth.rs", "fn f(token_type: TokenType) -> bool { token_type == TokenType::Auth }\n"),
            (
                "src/repo.rs",
                "fn f(fixed_token: Token, old_token: &str) -> bool { fixed_token.to_string() != old_token }\n",
            ),
        ];
        let fail = [
            (
                "group-vault/server.js",
                "function auth(req, res, next) {\n  if (req.headers['x-api-key'] !== process.env.MANAGEMENT_TOKEN) {\n    return res.status(401).end();\n  }\n  next();\n}",
            ),
            ("agent-server/lib/unlock-proxy.js", "if (token !== expectedToken) socket.destroy();"),
            (
                "src/browser/extension-relay.ts",
                "function check(authHeader: string) {\n  if (authHeader !== `Bearer ${relayToken}`) { return deny(); }\n}",
            ),
            ("src/gateway/server-http.ts", "if (req.headers.authorization != hooksSecret) { reply(401); }"),
            ("src/a.ts", "const ok = signature === computeHmac(body);"),
            ("src/a.ts", "if (this.#secret === provided) {}"),
            ("src/a.ts", "if (request.headers.get('x-api-key') === API_KEY) {}"),
            ("api/auth.py", "if token == settings.API_TOKEN:\n    pass\n"),
            (
                "api/middleware/auth.py",
                "if request.headers.get('X-API-Key') != settings.api_key:\n    raise HTTPException(401)\n",
            ),
            ("api/webhooks.py", "if request.headers['X-Signature'] != expected:\n    abort(403)\n"),
            ("api/auth.py", "if provided == os.getenv('API_KEY'):\n    pass\n"),
            (
                "api/auth.py",
                "def verify(body, header):\n    digest = hmac.new(KEY, body, 'sha256').hexdigest()\n    return digest == header\n",
            ),
            // Seen on real code: an invite token checked against the stored one.
            (
                "app/users/views.py",
                "if not (token and organization and token == organization.token):\n    raise Forbidden()\n",
            ),
            (
                "src/mail-events.js",
                "const signature = crypto.createHmac('sha256', key).update(body).digest('hex');\nif (signature !== payload.signature) { throw new Error('bad signature'); }",
            ),
            ("src/members.js", "if (memberHmac !== query.key) { return res.sendStatus(401); }"),
            ("src/comms.js", "if (connection.token === session.accessToken) { ok(); }"),
            // A bare `token` with the other half of a credential check.
            ("src/auth.js", "if (token !== process.env.TOKEN) { return res.sendStatus(401); }"),
            ("src/auth.js", "if (req.query.token !== token) { return res.sendStatus(401); }"),
            ("app/auth.py", "def check(token):\n    return token == config['token']\n"),
            ("src/auth.rs", "fn check(token: &str, expected: &str) -> bool { token == expected }\n"),
            (
                "internal/api/auth.go",
                "package api\nfunc check(r *http.Request) bool {\n\treturn r.Header.Get(\"X-API-Key\") == os.Getenv(\"API_KEY\")\n}\n",
            ),
            (
                "internal/api/auth.go",
                "package api\nfunc check(token, expectedToken string) bool { return token != expectedToken }\n",
            ),
            (
                "internal/api/hook.go",
                "package api\nfunc check(signature, body []byte) bool { return bytes.Equal(signature, hmacOf(body)) }\n",
            ),
            ("src/auth.rs", "fn check(token: &str, config: &Config) -> bool { token == config.api_token }\n"),
            (
                "internal/auth.go",
                "package auth\nconst apiToken = \"c2VjcmV0LXRva2VuLXZhbHVlLTEyMw\"\nfunc f(token string) bool { return token == apiToken }\n",
            ),
            (
                "src/auth.rs",
                "fn check(provided: &str, api_key: &str) -> bool { provided.as_bytes() != api_key.as_bytes() }\n",
            ),
        ];
        Tester::new::<TimingUnsafeCompare>(pass, fail).test_and_snapshot();
    }
}
