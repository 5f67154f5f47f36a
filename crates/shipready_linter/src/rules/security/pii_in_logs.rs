use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{
    ArrayExpressionElement, BindingPattern, CallExpression, Expression, ObjectPropertyKind,
};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::{Ranged, TextRange};

use super::development_only;
use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::{SecretKind, secret_kind, split_words};
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds log and print calls (`logger.*`, `logging.*`, `log.*`, `print`, `console.*`)
    /// whose arguments carry personal data or credentials: values named as an email address,
    /// a phone number, an SSN, a card number, a password or a token/API key, and message bodies
    /// (`message.body`, `msg.text`, `email.content`). Plain arguments, f-string and template
    /// interpolations, `%`/`+` formatting, `.format(...)` and `extra={...}` values are read.
    ///
    /// Redacted or derived values stay silent: anything passed through a function first
    /// (`redact(email)`, `mask(phone)`, `hash(...)`, `len(emails)`), names about the value
    /// rather than the value (`email_domain`, `email_verified`, `user_id`, `token_count`),
    /// slices (`token[:6]`) and loop variables over token streams (`for token in stream:`). So do
    /// constants (`UPDATE_USER_PASSWORD`) and logs in a branch that only runs in development
    /// (`if (process.env.NODE_ENV !== 'production')`).
    ///
    /// ## Why is this bad?
    /// Logs are copied to more places, kept longer and read by more people than the database
    /// the data came from. Personal data in them breaks data-protection promises (GDPR
    /// erasure requests cannot reach them) and credentials in them are a standing breach.
    ///
    /// ## Example
    /// ```python
    /// logger.info(f"Sending reply to {client.email}: {message.body[:200]}")
    /// ```
    /// ```ts
    /// console.log("login", { email, password });
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// logger.info("Sending reply", extra={"client_id": client.id, "chars": len(message.body)})
    /// ```
    /// ```ts
    /// log.info({ userId: user.id }, "login");
    /// ```
    ///
    /// ## Known limitations
    /// A bare `content`, `text` or `body` counts as message content only when the log text
    /// mentions a message, email, SMS or chat. Objects logged whole (`logger.info(user)`) are
    /// not looked into.
    pub(crate) struct PiiInLogs {
        id: "pii-in-logs",
        area: Security,
        severity: Medium,
        since: "0.1.0",
        title: "Personal data or credentials written to logs",
        rationale: "Logs are copied widely and kept long, so personal data and credentials in them leak and cannot be erased.",
        fix: "Log an id, a count or a redacted form (`redact(email)`, `email_domain`) instead of the value.",
    }
}

/// Logger methods that write a record.
const LOG_METHODS: &[&str] = &[
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "exception",
    "critical",
    "fatal",
    "log",
    "trace",
    "verbose",
    "notice",
];
/// Functions that pass a value through unchanged, so what they format is what is logged.
const PASS_THROUGH: &[&str] = &[
    "str",
    "repr",
    "format",
    "join",
    "strip",
    "lower",
    "upper",
    "title",
    "casefold",
    "toString",
    "toLowerCase",
    "toUpperCase",
    "trim",
    "concat",
    "String",
    "stringify",
];
/// Keyword arguments of log calls that never hold logged data.
const PY_CONTROL_KEYWORDS: &[&str] = &["exc_info", "stack_info", "stacklevel", "file", "end", "sep", "flush"];

impl Rule for PiiInLogs {
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        let Some(shown) = js_log_call(call, ctx) else { return };
        if js::enclosing_conditions(ctx.nodes(), node)
            .into_iter()
            .any(|(test, taken)| development_only(ctx.text_of(test)) == Some(taken))
        {
            return;
        }
        let log_text = js::arg(call, 0).map(|arg| ctx.text_of(arg).to_ascii_lowercase()).unwrap_or_default();
        let mentions_message = mentions_message(&log_text);
        for arg in &call.arguments {
            let Some(arg) = arg.as_expression() else { continue };
            if let Some((name, what)) = js_find(arg, ctx, mentions_message) {
                ctx.report(call.span, format!("`{shown}()` logs `{name}` ({what}); redact it or log an id instead"));
                return;
            }
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let Some(shown) = py_log_call(call, ctx) else { return };
        if py::enclosing_conditions(ctx.ancestors(), call.range())
            .into_iter()
            .any(|(test, taken)| development_only(ctx.text_of(test)) == Some(taken))
        {
            return;
        }
        let log_text = call.arguments.args.first().map(|arg| ctx.text_of(arg).to_ascii_lowercase()).unwrap_or_default();
        let loop_targets = py_loop_targets(ctx);
        let finder = PyFinder { ctx, mentions_message: mentions_message(&log_text), loop_targets: &loop_targets };
        let values = call.arguments.args.iter().chain(
            call.arguments
                .keywords
                .iter()
                .filter(|keyword| keyword.arg.as_ref().is_some_and(|arg| !PY_CONTROL_KEYWORDS.contains(&arg.as_str())))
                .map(|keyword| &keyword.value),
        );
        for value in values {
            if let Some((name, what)) = finder.find(value) {
                ctx.report(call.range(), format!("`{shown}()` logs `{name}` ({what}); redact it or log an id instead"));
                return;
            }
        }
    }
}

/// What kind of personal data or credential a name holds, if any. Upper-case names are
/// constants (`UPDATE_USER_PASSWORD` is a route name, not a password).
fn pii_kind(name: &str) -> Option<&'static str> {
    if name.len() > 1 && name.chars().all(|c| !c.is_ascii_lowercase()) {
        return None;
    }
    let words = split_words(name);
    let last = words.last()?.as_str();
    let previous = words.len().checked_sub(2).map_or("", |i| words[i].as_str());
    if (matches!(last, "email" | "emails" | "mail")
        && (last != "mail" || matches!(previous, "e" | "user" | "customer" | "client" | "recipient" | "sender")))
        || (matches!(previous, "email" | "mail") && matches!(last, "address" | "addr" | "addresses"))
    {
        return Some("an email address");
    }
    if matches!(last, "phone" | "phones" | "msisdn" | "mobile")
        || (matches!(previous, "phone" | "mobile" | "telephone" | "cell") && matches!(last, "number" | "no" | "num"))
    {
        return Some("a phone number");
    }
    if last == "ssn" || (previous == "social" && last == "security") {
        return Some("a social security number");
    }
    if (previous == "credit" && last == "card")
        || (previous == "card" && matches!(last, "number" | "no" | "num"))
        || matches!(last, "cvv" | "cvc")
    {
        return Some("a card number");
    }
    if matches!(previous, "message" | "msg" | "email" | "mail" | "sms" | "chat" | "comment" | "reply")
        && matches!(last, "body" | "content" | "text")
    {
        return Some("message content");
    }
    match secret_kind(name) {
        Some(SecretKind::Password) => Some("a password"),
        Some(SecretKind::Credential) => Some("a credential"),
        _ => None,
    }
}

/// Whether a `token` variable is assigned a piece of text (a streamed LLM token, a lexer token)
/// rather than a credential: `token = chunk.choices[0].delta.content`, `tokenizer.decode(...)`.
fn is_text_token(source: &str) -> bool {
    ["chunk", "delta", "choices", "decode", "tokenize", "content", ".text", "split(", "lexer", "stream"]
        .iter()
        .any(|word| source.contains(word))
}

/// `message.body`, `msg.text`, `email.content`: the content of a message, from its owner's name.
fn message_attribute(owner: &str, attribute: &str) -> bool {
    matches!(attribute, "body" | "content" | "text" | "html")
        && split_words(owner).iter().any(|word| {
            matches!(
                word.as_str(),
                "message" | "messages" | "msg" | "email" | "mail" | "sms" | "chat" | "comment" | "reply" | "inbound"
            )
        })
}

/// Whether the log text is about a message, so a bare `content`/`text`/`body` is its content.
fn mentions_message(text: &str) -> bool {
    ["message", "msg", "email", "sms", "chat", "reply"].iter().any(|word| text.contains(word))
}

fn bare_content(name: &str) -> bool {
    matches!(name, "content" | "text" | "body")
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

/// `console.log`, `logger.info`, `this.log.warn`, `req.log.error`: the call as a message names it.
fn js_log_call<'a>(call: &CallExpression<'a>, ctx: &JsContext<'a, '_>) -> Option<String> {
    let member = call.callee.get_member_expr()?;
    let method = member.static_property_name()?;
    let console_method = matches!(method, "log" | "info" | "warn" | "error" | "debug" | "trace");
    if !console_method && !LOG_METHODS.contains(&method) {
        return None;
    }
    let receiver = js::dotted_path(member.object())?;
    let console = console_method && js::is_global_reference(ctx.semantic, member.object(), "console");
    let last = receiver.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    let logger = last.contains("log") && LOG_METHODS.contains(&method) && last != "catalog" && last != "dialog";
    (console || logger).then(|| format!("{receiver}.{method}"))
}

fn js_find<'a>(
    expr: &Expression<'a>,
    ctx: &JsContext<'a, '_>,
    mentions_message: bool,
) -> Option<(String, &'static str)> {
    let recurse = |expr: &Expression<'a>| js_find(expr, ctx, mentions_message);
    match js::inner(expr) {
        Expression::Identifier(ident) => {
            let name = ident.name.as_str();
            if js_loop_variable(ident, ctx) {
                return None;
            }
            if mentions_message && bare_content(name) {
                return Some((name.to_string(), "message content"));
            }
            let what = pii_kind(name)?;
            let source = js::constant_initializer(ctx.semantic, ident).map(|init| ctx.text_of(init));
            if what == "a credential" && source.is_some_and(is_text_token) {
                return None;
            }
            Some((name.to_string(), what))
        }
        Expression::StaticMemberExpression(member) => {
            let property = member.property.name.as_str();
            let owner = js::expr_name(&member.object).unwrap_or_default();
            let shown = js::dotted_path(expr).unwrap_or_else(|| property.to_string());
            if message_attribute(&owner, property) {
                return Some((shown, "message content"));
            }
            pii_kind(property).map(|what| (shown, what))
        }
        Expression::ComputedMemberExpression(member) => {
            let key = js::static_string(&member.expression)?;
            pii_kind(&key).map(|what| (ctx.text_of(expr).to_string(), what))
        }
        Expression::ChainExpression(_) => {
            let name = js::expr_name(expr)?;
            pii_kind(&name).map(|what| (ctx.text_of(expr).to_string(), what))
        }
        Expression::TemplateLiteral(template) => template.expressions.iter().find_map(recurse),
        Expression::BinaryExpression(binary) => recurse(&binary.left).or_else(|| recurse(&binary.right)),
        Expression::LogicalExpression(logical) => recurse(&logical.left).or_else(|| recurse(&logical.right)),
        Expression::ConditionalExpression(conditional) => {
            recurse(&conditional.consequent).or_else(|| recurse(&conditional.alternate))
        }
        Expression::ObjectExpression(object) => object.properties.iter().find_map(|property| match property {
            ObjectPropertyKind::ObjectProperty(property) => recurse(&property.value),
            ObjectPropertyKind::SpreadProperty(_) => None,
        }),
        Expression::ArrayExpression(array) => array.elements.iter().find_map(|element| match element {
            ArrayExpressionElement::SpreadElement(_) | ArrayExpressionElement::Elision(_) => None,
            other => other.as_expression().and_then(recurse),
        }),
        Expression::CallExpression(call) => {
            let name = call.callee_name()?;
            if !PASS_THROUGH.contains(&name) {
                return None;
            }
            js::method_receiver(call)
                .filter(|receiver| !matches!(js::inner(receiver), Expression::Identifier(i) if i.name == "JSON"))
                .and_then(recurse)
                .or_else(|| call.arguments.iter().filter_map(|arg| arg.as_expression()).find_map(recurse))
        }
        _ => None,
    }
}

/// `for (const token of stream)`: a loop variable over a stream of lexer or LLM tokens.
fn js_loop_variable<'a>(
    ident: &shipready_lang::oxc::ast::ast::IdentifierReference<'a>,
    ctx: &JsContext<'a, '_>,
) -> bool {
    let Some(declaration) = js::declaration_of(ctx.semantic, ident) else { return false };
    let AstKind::VariableDeclarator(declarator) = declaration.kind() else { return false };
    if !matches!(declarator.id, BindingPattern::BindingIdentifier(_)) {
        return false;
    }
    let statement = ctx.nodes().parent_node(declaration.id());
    matches!(ctx.nodes().parent_kind(statement.id()), AstKind::ForOfStatement(_) | AstKind::ForInStatement(_))
}

// ---------------------------------------------------------------------------------------------
// Python

/// `logger.info`, `logging.warning`, `self.log.error`, `print`: the call as a message names it.
fn py_log_call(call: &py_ast::ExprCall, ctx: &PyContext<'_, '_>) -> Option<String> {
    match call.func.as_ref() {
        Expr::Name(name) if name.id.as_str() == "print" => {
            (!py::binds_at_top_level(&ctx.module.body, "print")).then(|| "print".to_string())
        }
        Expr::Attribute(attribute) => {
            let method = attribute.attr.as_str();
            let receiver = py::dotted_name(&attribute.value)?;
            let last = receiver.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
            (LOG_METHODS.contains(&method) && last.contains("log") && last != "catalog" && last != "dialog")
                .then(|| format!("{receiver}.{method}"))
        }
        _ => None,
    }
}

/// Names bound by the `for` loops (and comprehensions) around the call.
fn py_loop_targets<'a>(ctx: &PyContext<'a, '_>) -> Vec<&'a str> {
    ctx.ancestors()
        .filter_map(|ancestor| match ancestor {
            AnyNodeRef::StmtFor(for_stmt) => match for_stmt.target.as_ref() {
                Expr::Name(name) => Some(name.id.as_str()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

struct PyFinder<'c, 'a, 'x> {
    ctx: &'c PyContext<'a, 'x>,
    mentions_message: bool,
    loop_targets: &'c [&'a str],
}

impl PyFinder<'_, '_, '_> {
    fn find(&self, expr: &Expr) -> Option<(String, &'static str)> {
        match expr {
            Expr::Name(name) => {
                let id = name.id.as_str();
                if self.loop_targets.contains(&id) {
                    return None;
                }
                if self.mentions_message && bare_content(id) {
                    return Some((id.to_string(), "message content"));
                }
                let what = pii_kind(id)?;
                // The assignment in the nearest enclosing block: `token = chunk.choices[0]…`.
                let source = self
                    .ctx
                    .ancestors()
                    .find_map(|ancestor| match ancestor {
                        AnyNodeRef::StmtFunctionDef(function) => py::sole_assignment(&function.body, id),
                        AnyNodeRef::StmtFor(block) => py::sole_assignment(&block.body, id),
                        AnyNodeRef::StmtWhile(block) => py::sole_assignment(&block.body, id),
                        AnyNodeRef::StmtWith(block) => py::sole_assignment(&block.body, id),
                        AnyNodeRef::StmtIf(block) => py::sole_assignment(&block.body, id),
                        AnyNodeRef::StmtTry(block) => py::sole_assignment(&block.body, id),
                        _ => None,
                    })
                    .map(|value| self.ctx.text_of(value));
                if what == "a credential" && source.is_some_and(is_text_token) {
                    return None;
                }
                Some((id.to_string(), what))
            }
            Expr::Attribute(attribute) => {
                let attr = attribute.attr.as_str();
                let owner = py::expr_name(&attribute.value).unwrap_or_default();
                let shown = py::dotted_name(expr).unwrap_or_else(|| self.text(attribute.range));
                if message_attribute(&owner, attr) {
                    return Some((shown, "message content"));
                }
                pii_kind(attr).map(|what| (shown, what))
            }
            // `data["email"]`; a slice (`token[:6]`) is a truncation.
            Expr::Subscript(subscript) => {
                let key = py::string_value(&subscript.slice)?;
                pii_kind(&key).map(|what| (self.text(subscript.range), what))
            }
            Expr::FString(fstring) => fstring
                .value
                .elements()
                .filter_map(|element| element.as_interpolation())
                .find_map(|interpolation| self.find(&interpolation.expression)),
            Expr::BinOp(binary) => self.find(&binary.left).or_else(|| self.find(&binary.right)),
            Expr::BoolOp(boolean) => boolean.values.iter().find_map(|value| self.find(value)),
            Expr::If(conditional) => self.find(&conditional.body).or_else(|| self.find(&conditional.orelse)),
            Expr::Tuple(tuple) => tuple.elts.iter().find_map(|element| self.find(element)),
            Expr::List(list) => list.elts.iter().find_map(|element| self.find(element)),
            Expr::Dict(dict) => dict.items.iter().find_map(|item| self.find(&item.value)),
            Expr::Call(call) => {
                let name = py::callee_last_name(&call.func)?;
                if !PASS_THROUGH.contains(&name) {
                    return None;
                }
                let receiver = match call.func.as_ref() {
                    Expr::Attribute(attribute) => self.find(&attribute.value),
                    _ => None,
                };
                receiver
                    .or_else(|| call.arguments.args.iter().find_map(|arg| self.find(arg)))
                    .or_else(|| call.arguments.keywords.iter().find_map(|keyword| self.find(&keyword.value)))
            }
            _ => None,
        }
    }

    fn text(&self, range: TextRange) -> String {
        self.ctx.file.slice(range).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::PiiInLogs;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("app/mail.py", "logger.info('sent reply to client %s', client.id)\n"),
            ("app/mail.py", "logger.info(f'sent {len(emails)} emails')\n"),
            ("app/mail.py", "logger.info(f'reply for {redact(client.email)}')\n"),
            ("app/mail.py", "logger.info(f'domain {email_domain}')\n"),
            ("app/mail.py", "logger.info('verified=%s', user.email_verified)\n"),
            ("app/mail.py", "logger.debug(f'token prefix {token[:6]}')\n"),
            ("app/mail.py", "logger.info(f'used {total_tokens} tokens')\n"),
            ("app/llm.py", "for token in stream:\n    print(token, end='')\n"),
            (
                "app/llm.py",
                "async def relay(resp):\n    async for chunk in resp:\n        token = chunk.choices[0].delta.content\n        logger.debug(f'token {token}')\n",
            ),
            (
                "src/llm.ts",
                "function onChunk(chunk) {\n  const token = chunk.choices[0].delta.content;\n  console.log(token);\n}",
            ),
            ("app/mail.py", "logger.info(f'hash {hashlib.sha256(email.encode()).hexdigest()}')\n"),
            ("app/files.py", "logger.info(f'read {len(content)} bytes of content')\n"),
            ("app/files.py", "logger.debug(f'file content: {content}')\n"),
            ("tests/test_mail.py", "print(user.email)\n"),
            ("src/auth.ts", "logger.info({ userId: user.id }, 'login');"),
            ("src/auth.ts", "console.log(`sent ${emails.length} emails`);"),
            ("src/auth.ts", "console.log('mask', maskEmail(user.email));"),
            ("src/auth.ts", "logger.info('password reset requested', { userId });"),
            ("src/stream.ts", "for (const token of stream) { console.log(token); }"),
            ("src/catalog.ts", "catalog.get(email);"),
            (
                "src/mail.ts",
                "async function send(message) {\n  if (process.env.NODE_ENV !== 'production') {\n    logging.warn(message.text);\n  }\n}",
            ),
            ("app/auth.py", "logger.warning(f'update it via {UPDATE_USER_PASSWORD}')\n"),
            ("app/mail.py", "if settings.DEBUG:\n    logger.debug('email to %s', email)\n"),
        ];
        let fail = [
            ("app/mail.py", "logger.info(f'Sending reply to {client.email}: {message.body[:200]}')\n"),
            ("app/mail.py", "logging.info('user %s logged in', email)\n"),
            ("app/mail.py", "logger.warning('login failed', extra={'email': user_email})\n"),
            ("app/mail.py", "print(f'password={password}')\n"),
            ("app/sms.py", "self.logger.info('sms to %s', phone_number)\n"),
            ("app/sms.py", "logger.info('incoming message: %s', msg.text)\n"),
            ("app/chat.py", "logger.info(f'received message {content}')\n"),
            ("app/auth.py", "logger.debug('token: ' + access_token)\n"),
            ("app/pay.py", "logger.info('charging card %s', payment['card_number'])\n"),
            ("app/kyc.py", "logger.info(f'verifying {applicant.ssn}')\n"),
            ("src/auth.ts", "console.log('login', { email, password });"),
            ("src/auth.ts", "logger.info(`magic link for ${user.email}`);"),
            ("src/auth.ts", "this.logger.debug('token ' + token);"),
            ("src/sms.ts", "log.info(`sms from ${req.body.phone}`);"),
            ("src/mail.js", "console.error('bounce', message.body);"),
        ];
        Tester::new::<PiiInLogs>(pass, fail).test_and_snapshot();
    }
}
