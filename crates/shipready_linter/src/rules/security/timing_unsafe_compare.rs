use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{BinaryOperator, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{AnyNodeRef, CmpOp, Expr, NodeKind};

use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::{is_secret_name, split_words};
use crate::helpers::{js, py};
use crate::rule::Rule;

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
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::BinaryExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCompare];

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
        let pairs = [(&binary.left, &binary.right), (&binary.right, &binary.left)];
        let Some(name) = pairs.iter().find_map(|(a, b)| js_secret(a).filter(|_| js_value_like(b))) else {
            return;
        };
        let operator = binary.operator.as_str();
        ctx.report(
            binary.span,
            format!(
                "`{name}` is compared with `{operator}`, which leaks it through timing; use `crypto.timingSafeEqual`"
            ),
        );
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCompare(compare) = node else { return };
        let operands: Vec<&Expr> = std::iter::once(compare.left.as_ref()).chain(compare.comparators.iter()).collect();
        for (index, op) in compare.ops.iter().enumerate() {
            if !matches!(op, CmpOp::Eq | CmpOp::NotEq) {
                continue;
            }
            let (left, right) = (operands[index], operands[index + 1]);
            let pairs = [(left, right), (right, left)];
            if let Some(name) = pairs.iter().find_map(|(a, b)| py_secret(a).filter(|_| py_value_like(b))) {
                let operator = if matches!(op, CmpOp::Eq) { "==" } else { "!=" };
                ctx.report(
                    compare.range,
                    format!("`{name}` is compared with `{operator}`, which leaks it through timing; use `hmac.compare_digest`"),
                );
                return;
            }
        }
    }
}

/// The secret-like name of an operand, if it has one.
fn js_secret(expr: &Expression<'_>) -> Option<String> {
    let name = js::expr_name(expr)?;
    is_secret_name(&name).then(|| name.into_owned())
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
            let enum_like = matches!(js::inner(&member.object), Expression::Identifier(object)
                if object.name.starts_with(|c: char| c.is_ascii_uppercase()) && !is_secret_name(&member.property.name));
            !enum_like
        }
        _ => true,
    }
}

fn py_secret(expr: &Expr) -> Option<String> {
    let name = py::expr_name(expr)?;
    is_secret_name(&name).then_some(name)
}

fn py_value_like(expr: &Expr) -> bool {
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
            let enum_like = matches!(attribute.value.as_ref(), Expr::Name(object)
                if object.id.starts_with(|c: char| c.is_ascii_uppercase()) && !is_secret_name(&attribute.attr.id));
            !enum_like
        }
        _ => true,
    }
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

/// `EOF`, `MAX_LEN`: a constant's name.
fn is_constant_name(name: &str) -> bool {
    name.len() > 1 && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::TimingUnsafeCompare;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
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
            ("api/lexer.py", "if token == Token.LPAREN:\n    pass\n"),
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
            ("src/a.ts", "if (password == user.passwordHash) {}"),
            ("api/auth.py", "if token == settings.API_TOKEN:\n    pass\n"),
            (
                "api/middleware/auth.py",
                "if request.headers.get('X-API-Key') != settings.api_key:\n    raise HTTPException(401)\n",
            ),
            ("api/webhooks.py", "if request.headers['X-Signature'] != expected:\n    abort(403)\n"),
            ("api/auth.py", "if provided == os.getenv('API_KEY'):\n    pass\n"),
            ("api/auth.py", "ok = digest == f'sha256={mac}'\n"),
        ];
        Tester::new::<TimingUnsafeCompare>(pass, fail).test_and_snapshot();
    }
}
