//! Small questions about oxc syntax that several rules ask.

use std::borrow::Cow;

use shipready_lang::oxc::ast::AstKind;
use shipready_lang::oxc::ast::ast::{
    Argument, ArrowFunctionBody, CallExpression, Expression, FunctionBody, MemberExpression, ObjectExpression,
    ObjectPropertyKind, PropertyKey,
};
use shipready_lang::oxc::semantic::{AstNode, AstNodes, Semantic};

/// Strips parentheses, TypeScript `as`/`satisfies`/`!` and type assertions.
pub(crate) fn inner<'e, 'a>(expr: &'e Expression<'a>) -> &'e Expression<'a> {
    expr.get_inner_expression()
}

/// The value of a string literal or a template literal without substitutions.
pub(crate) fn static_string<'a>(expr: &Expression<'a>) -> Option<Cow<'a, str>> {
    match inner(expr) {
        Expression::StringLiteral(literal) => Some(Cow::Borrowed(literal.value.as_str())),
        Expression::TemplateLiteral(template) if template.expressions.is_empty() => {
            template.quasis.first().and_then(|q| q.value.cooked.map(|c| Cow::Borrowed(c.as_str())))
        }
        _ => None,
    }
}

/// The name an expression is known by, for naming heuristics: `token` → `token`,
/// `req.headers.authorization` → `authorization`, `headers['x-api-key']` → `x-api-key`,
/// `req.get('X-API-Key')` / `headers.get('authorization')` → the header name.
pub(crate) fn expr_name<'a>(expr: &Expression<'a>) -> Option<Cow<'a, str>> {
    match inner(expr) {
        Expression::Identifier(ident) => Some(Cow::Borrowed(ident.name.as_str())),
        Expression::StaticMemberExpression(member) => Some(Cow::Borrowed(member.property.name.as_str())),
        Expression::PrivateFieldExpression(field) => Some(Cow::Borrowed(field.field.name.as_str())),
        Expression::ComputedMemberExpression(member) => static_string(&member.expression),
        Expression::ChainExpression(chain) => {
            chain.expression.as_member_expression().and_then(|member| member.static_property_name().map(Cow::Borrowed))
        }
        Expression::CallExpression(call) => {
            let method = call.callee.get_member_expr()?.static_property_name()?;
            if matches!(method, "get" | "header" | "getHeader" | "get_header") && call.arguments.len() == 1 {
                call.arguments[0].as_expression().and_then(static_string)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The dotted path of a callee or member chain made only of names: `res.status` for
/// `res.status(500)`, `console.log`, `window.addEventListener`. `None` for computed parts.
pub(crate) fn dotted_path(expr: &Expression<'_>) -> Option<String> {
    fn write(expr: &Expression<'_>, path: &mut String) -> Option<()> {
        match inner(expr) {
            Expression::Identifier(ident) => path.push_str(&ident.name),
            Expression::ThisExpression(_) => path.push_str("this"),
            Expression::StaticMemberExpression(member) => {
                write(&member.object, path)?;
                path.push('.');
                path.push_str(&member.property.name);
            }
            _ => return None,
        }
        Some(())
    }
    if !matches!(
        inner(expr),
        Expression::Identifier(_) | Expression::ThisExpression(_) | Expression::StaticMemberExpression(_)
    ) {
        return None;
    }
    // Room for nearly every path at once, rather than growing through 8, 16 and 32 bytes.
    let mut path = String::with_capacity(32);
    write(expr, &mut path)?;
    Some(path)
}

/// Whether the dotted path of `expr` (see [`dotted_path`]) is `path`, without building it.
pub(crate) fn is_dotted_path(expr: &Expression<'_>, path: &str) -> bool {
    match inner(expr) {
        Expression::Identifier(ident) => ident.name == path,
        Expression::ThisExpression(_) => path == "this",
        Expression::StaticMemberExpression(member) => path
            .strip_suffix(member.property.name.as_str())
            .and_then(|object| object.strip_suffix('.'))
            .is_some_and(|object| is_dotted_path(&member.object, object)),
        _ => false,
    }
}

/// The method name of a call on a member (`x.y.catch(...)` → `catch`).
pub(crate) fn method_name<'a>(call: &CallExpression<'a>) -> Option<&'a str> {
    call.callee.get_member_expr().and_then(MemberExpression::static_property_name)
}

/// The object a method is called on (`res.status(500).json(...)` → `res.status(500)`).
pub(crate) fn method_receiver<'e, 'a>(call: &'e CallExpression<'a>) -> Option<&'e Expression<'a>> {
    call.callee.get_member_expr().map(MemberExpression::object)
}

/// The expression of a call argument, unless it is a spread.
pub(crate) fn arg<'e, 'a>(call: &'e CallExpression<'a>, index: usize) -> Option<&'e Expression<'a>> {
    call.arguments.get(index).and_then(Argument::as_expression)
}

/// The value of property `name` in an object literal, if it is written with a static key.
pub(crate) fn object_property<'e, 'a>(object: &'e ObjectExpression<'a>, name: &str) -> Option<&'e Expression<'a>> {
    object.properties.iter().find_map(|property| match property {
        ObjectPropertyKind::ObjectProperty(prop) if property_key_name(&prop.key).as_deref() == Some(name) => {
            Some(&prop.value)
        }
        _ => None,
    })
}

/// The static name of a property key: `a`, `'a'`, `["a"]`.
pub(crate) fn property_key_name<'a>(key: &PropertyKey<'a>) -> Option<Cow<'a, str>> {
    key.static_name()
}

/// The body and parameter count of a function or arrow function expression.
pub(crate) fn function_body<'e, 'a>(expr: &'e Expression<'a>) -> Option<&'e FunctionBody<'a>> {
    match inner(expr) {
        Expression::ArrowFunctionExpression(arrow) => match &arrow.body {
            ArrowFunctionBody::FunctionBody(body) => Some(body),
            _ => None,
        },
        Expression::FunctionExpression(function) => function.body.as_deref(),
        _ => None,
    }
}

/// The nearest enclosing function (declaration, expression or arrow) of a node.
pub(crate) fn enclosing_function<'s, 'a>(nodes: &'s AstNodes<'a>, node: &AstNode<'a>) -> Option<&'s AstNode<'a>> {
    nodes
        .ancestors(node.id())
        .find(|ancestor| matches!(ancestor.kind(), AstKind::Function(_) | AstKind::ArrowFunctionExpression(_)))
}

/// Whether `name` resolves, at `node`, to a global rather than a local binding.
pub(crate) fn is_global_reference(semantic: &Semantic<'_>, expr: &Expression<'_>, name: &str) -> bool {
    match inner(expr) {
        Expression::Identifier(ident) if ident.name == name => semantic.is_reference_to_global_variable(ident),
        _ => false,
    }
}

/// Whether an expression is a literal or a shape that can never hold a secret value:
/// `null`, `undefined`, strings, numbers, booleans, regexes, `typeof x`, `x.length`, `x.size`.
pub(crate) fn is_literal_like(expr: &Expression<'_>) -> bool {
    match inner(expr) {
        Expression::NullLiteral(_)
        | Expression::BooleanLiteral(_)
        | Expression::NumericLiteral(_)
        | Expression::BigIntLiteral(_)
        | Expression::StringLiteral(_)
        | Expression::RegExpLiteral(_) => true,
        Expression::TemplateLiteral(template) => template.expressions.is_empty(),
        Expression::Identifier(ident) => ident.name == "undefined",
        Expression::UnaryExpression(unary) => {
            matches!(unary.operator.as_str(), "typeof" | "void" | "-" | "+" | "!")
        }
        Expression::StaticMemberExpression(member) => {
            matches!(member.property.name.as_str(), "length" | "size" | "byteLength")
        }
        _ => false,
    }
}

// Names binding, imports and caught errors, resolved through the semantic model.

use shipready_lang::oxc::ast::ast::{BindingPattern, IdentifierReference};
use shipready_lang::oxc::span::GetSpan;

/// The node that declares the local symbol an identifier resolves to; `None` for globals.
pub(crate) fn declaration_of<'s, 'a>(
    semantic: &'s Semantic<'a>,
    ident: &IdentifierReference<'a>,
) -> Option<&'s AstNode<'a>> {
    let reference_id = ident.reference_id.get()?;
    let symbol_id = semantic.scoping().get_reference(reference_id).symbol_id()?;
    Some(semantic.nodes().get_node(semantic.scoping().symbol_declaration(symbol_id)))
}

/// Whether an identifier holds a caught error: a `catch (err)` parameter; the first parameter,
/// named like an error, of a four-parameter Express error middleware `(err, req, res, next)`;
/// the first parameter of a function passed to `.catch(...)`, Fastify's `setErrorHandler(...)`
/// or Hono's `onError(...)`; or the first parameter, named `err` or `error`, of a Node-style
/// error-first callback passed last (`db.query(sql, (err, rows) => ...)`).
pub(crate) fn is_caught_error(semantic: &Semantic<'_>, ident: &IdentifierReference<'_>) -> bool {
    let Some(declaration) = declaration_of(semantic, ident) else {
        return false;
    };
    match declaration.kind() {
        AstKind::CatchParameter(param) => matches!(param.pattern, BindingPattern::BindingIdentifier(_)),
        AstKind::FormalParameter(param) => {
            if !matches!(param.pattern, BindingPattern::BindingIdentifier(_)) {
                return false;
            }
            let nodes = semantic.nodes();
            let params_node = nodes.parent_node(declaration.id());
            let AstKind::FormalParameters(params) = params_node.kind() else {
                return false;
            };
            if params.items.first().is_none_or(|first| first.span != param.span) {
                return false;
            }
            let name = param.pattern.get_identifier_name().map(|name| name.to_ascii_lowercase()).unwrap_or_default();
            let error_name = name.contains("err") || matches!(name.as_str(), "e" | "ex" | "exc" | "exception");
            if params.items.len() == 4 && params.rest.is_none() && error_name {
                return true;
            }
            let function = nodes.parent_node(params_node.id());
            let AstKind::CallExpression(call) = nodes.parent_kind(function.id()) else {
                return false;
            };
            let is_argument =
                |index: usize| call.arguments.get(index).is_some_and(|arg| arg.span() == function.kind().span());
            if matches!(method_name(call), Some("catch" | "setErrorHandler" | "onError")) && is_argument(0) {
                return true;
            }
            let error_first = params.items.len() >= 2 && matches!(name.as_str(), "err" | "error");
            error_first && call.arguments.len() >= 2 && is_argument(call.arguments.len() - 1)
        }
        _ => false,
    }
}

/// The initializer of the variable an identifier resolves to, when it is declared with a plain
/// name and an initializer and never reassigned (`const message = err.message`).
pub(crate) fn constant_initializer<'a>(
    semantic: &Semantic<'a>,
    ident: &IdentifierReference<'a>,
) -> Option<&'a Expression<'a>> {
    let reference_id = ident.reference_id.get()?;
    let symbol_id = semantic.scoping().get_reference(reference_id).symbol_id()?;
    if semantic.scoping().symbol_is_mutated(symbol_id) {
        return None;
    }
    let AstKind::VariableDeclarator(declarator) =
        semantic.nodes().kind(semantic.scoping().symbol_declaration(symbol_id))
    else {
        return None;
    };
    if !matches!(declarator.id, BindingPattern::BindingIdentifier(_)) {
        return None;
    }
    declarator.init.as_ref()
}

/// The module an identifier is imported or required from: `cors` for `import cors from 'cors'`
/// and `const cors = require('cors')`, `hono/cors` for `import { cors } from 'hono/cors'`.
pub(crate) fn import_source<'a>(semantic: &Semantic<'a>, ident: &IdentifierReference<'a>) -> Option<&'a str> {
    let declaration = declaration_of(semantic, ident)?;
    match declaration.kind() {
        AstKind::ImportDefaultSpecifier(_) | AstKind::ImportSpecifier(_) | AstKind::ImportNamespaceSpecifier(_) => {
            match semantic.nodes().parent_kind(declaration.id()) {
                AstKind::ImportDeclaration(import) => Some(import.source.value.as_str()),
                _ => None,
            }
        }
        AstKind::VariableDeclarator(declarator) => match declarator.init.as_ref().map(inner) {
            Some(Expression::CallExpression(call)) => call.common_js_require().map(|source| source.value.as_str()),
            _ => None,
        },
        _ => None,
    }
}

/// Whether an expression (parentheses and TypeScript wrappers aside) is a `true` literal.
pub(crate) fn is_true(expr: &Expression<'_>) -> bool {
    matches!(inner(expr), Expression::BooleanLiteral(literal) if literal.value)
}

/// The integer value of a numeric literal (`500`), if it is one.
pub(crate) fn integer_value(expr: &Expression<'_>) -> Option<i64> {
    match inner(expr) {
        Expression::NumericLiteral(literal) if literal.value.fract() == 0.0 && literal.value.abs() < 1e15 => {
            Some(literal.value as i64)
        }
        _ => None,
    }
}

// These three run on every call of every file (the project facts): `matches!` compiles to a
// switch on length and a compare, where `contains` on a list compares each entry in turn.

/// Functions and classes that create a web server, app or router.
fn is_server_factory(name: &str) -> bool {
    matches!(name, "express" | "fastify" | "Fastify" | "polka" | "Koa" | "Hono" | "Elysia" | "Router")
}

/// Methods that register a route when their first argument is a path (`app.get("/x", …)`).
fn is_route_method(name: &str) -> bool {
    matches!(name, "get" | "post" | "put" | "patch" | "delete" | "del" | "all" | "use" | "route" | "head" | "options")
}

/// NestJS decorators that declare controllers and routes.
fn is_route_decorator(name: &str) -> bool {
    matches!(name, "Controller" | "Get" | "Post" | "Put" | "Patch" | "Delete" | "All")
}

/// Whether a node is evidence that its module serves HTTP: it creates an app, router or server,
/// registers a route on a path, or declares a NestJS controller or route.
pub(crate) fn serves_http(kind: &AstKind<'_>) -> bool {
    match kind {
        AstKind::CallExpression(call) => {
            if call.callee_name().is_some_and(is_server_factory) {
                return true;
            }
            let Some(method) = method_name(call) else { return false };
            if method == "createServer" || method == "Router" {
                return true;
            }
            is_route_method(method) && arg(call, 0).and_then(static_string).is_some_and(|path| path.starts_with('/'))
        }
        AstKind::NewExpression(new) => {
            matches!(inner(&new.callee), Expression::Identifier(id) if is_server_factory(&id.name))
        }
        AstKind::Decorator(decorator) => match inner(&decorator.expression) {
            Expression::CallExpression(call) => call.callee_name().is_some_and(is_route_decorator),
            _ => false,
        },
        _ => false,
    }
}

/// The path a route registration declares: `"/health"` in `app.get("/health", …)`.
pub(crate) fn route_path(kind: &AstKind<'_>) -> Option<String> {
    let AstKind::CallExpression(call) = kind else { return None };
    let method = method_name(call)?;
    if !is_route_method(method) || method == "use" {
        return None;
    }
    let path = arg(call, 0).and_then(static_string)?;
    path.starts_with('/').then(|| path.into_owned())
}

/// Whether a node builds the web app, router or server (`express()`, `new Koa()`), where
/// project-level fixes such as rate limiting or security headers belong.
pub(crate) fn is_app_construction(kind: &AstKind<'_>) -> bool {
    match kind {
        AstKind::CallExpression(call) => {
            call.callee_name().is_some_and(|name| is_server_factory(name) && name != "Router")
                || method_name(call) == Some("createServer")
        }
        AstKind::NewExpression(new) => {
            matches!(inner(&new.callee), Expression::Identifier(id) if matches!(id.name.as_str(), "Koa" | "Hono" | "Elysia"))
        }
        _ => false,
    }
}

/// The route a Next.js file serves by its location: `app/api/health/route.ts` serves
/// `/api/health`, `pages/api/users/[id].ts` serves `/api/users/[id]`.
pub(crate) fn nextjs_route(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let (file, dirs) = segments.split_last()?;
    let stem = file.split('.').next().unwrap_or(file);
    if let Some(app) = dirs.iter().rposition(|dir| *dir == "app") {
        if stem != "route" {
            return None;
        }
        // Route groups `(marketing)` and private folders `_lib` do not appear in the URL.
        let parts: Vec<&str> =
            dirs[app + 1..].iter().copied().filter(|d| !(d.starts_with('(') && d.ends_with(')'))).collect();
        return Some(format!("/{}", parts.join("/")));
    }
    let pages = dirs.windows(2).position(|pair| pair == ["pages", "api"])?;
    let mut parts: Vec<&str> = dirs[pages + 1..].to_vec();
    if stem != "index" {
        parts.push(stem);
    }
    Some(format!("/{}", parts.join("/")))
}

// Values written to local variables, strings put together from parts, and function names.

use shipready_lang::oxc::ast::ast::{ArrayExpressionElement, AssignmentOperator, AssignmentTarget, BinaryOperator};

use crate::helpers::names::is_constant_name;

/// Every value a local variable is given: its initializer and the right side of each `=` or
/// `+=` written to it. A parameter counts only through what is written to it in its function
/// (`text = escapeHtml(text)`). `None` when it is not a plain-named variable or parameter (an
/// import, a destructured or global binding), when a parameter is never written, or when it is
/// also written some other way (`x++`, a loop, a destructuring assignment).
pub(crate) fn assigned_values<'a>(
    semantic: &Semantic<'a>,
    ident: &IdentifierReference<'a>,
) -> Option<Vec<&'a Expression<'a>>> {
    let reference_id = ident.reference_id.get()?;
    let symbol_id = semantic.scoping().get_reference(reference_id).symbol_id()?;
    let nodes = semantic.nodes();
    let (mut values, parameter): (Vec<&'a Expression<'a>>, bool) = match nodes
        .kind(semantic.scoping().symbol_declaration(symbol_id))
    {
        AstKind::VariableDeclarator(declarator) if matches!(declarator.id, BindingPattern::BindingIdentifier(_)) => {
            (declarator.init.iter().collect(), false)
        }
        AstKind::FormalParameter(parameter) if matches!(parameter.pattern, BindingPattern::BindingIdentifier(_)) => {
            (Vec::new(), true)
        }
        _ => return None,
    };
    for reference in semantic.scoping().get_resolved_references(symbol_id) {
        if !reference.is_write() {
            continue;
        }
        match nodes.parent_kind(reference.node_id()) {
            AstKind::AssignmentExpression(assignment)
                if matches!(assignment.operator, AssignmentOperator::Assign | AssignmentOperator::Addition) =>
            {
                values.push(&assignment.right);
            }
            _ => return None,
        }
    }
    if parameter && values.is_empty() {
        return None;
    }
    Some(values)
}

/// The arguments of every `.push(...)` or `.unshift(...)` called on a local variable
/// (`conditions.push(\`name = '${name}'\`)`).
pub(crate) fn pushed_values<'a>(semantic: &Semantic<'a>, ident: &IdentifierReference<'a>) -> Vec<&'a Expression<'a>> {
    let Some(symbol_id) =
        ident.reference_id.get().and_then(|reference_id| semantic.scoping().get_reference(reference_id).symbol_id())
    else {
        return Vec::new();
    };
    let nodes = semantic.nodes();
    let mut values = Vec::new();
    for reference in semantic.scoping().get_resolved_references(symbol_id) {
        let member = nodes.parent_node(reference.node_id());
        let AstKind::StaticMemberExpression(member_expr) = member.kind() else { continue };
        if !matches!(member_expr.property.name.as_str(), "push" | "unshift") {
            continue;
        }
        if let AstKind::CallExpression(call) = nodes.parent_kind(member.id())
            && call.callee.span() == member_expr.span
        {
            values.extend(call.arguments.iter().filter_map(Argument::as_expression));
        }
    }
    values
}

/// A string as the code puts it together: the constant text it is written with and the values
/// spliced into it whose content the code does not fix.
#[derive(Debug, Default)]
pub(crate) struct Spliced<'a> {
    /// The constant text, with [`SPLICE_MARK`] standing for each part that is not literal text.
    pub(crate) text: String,
    /// Spliced values whose content is not known from the code: parameters, properties, call
    /// results, in source order.
    pub(crate) values: Vec<&'a Expression<'a>>,
    /// Whether the string is put together here (a template with `${}`, `+`, `.concat`, `.join`)
    /// rather than written whole or taken as it is from elsewhere.
    pub(crate) built: bool,
    /// The variables being followed, to stop at a variable built from itself (`sql += …`).
    following: Vec<&'a str>,
}

/// Stands for a spliced part in [`Spliced::text`].
pub(crate) const SPLICE_MARK: char = '\u{FFFC}';

/// Local variables followed, one inside another, when a spliced value is one.
const SPLICE_DEPTH: u8 = 3;

/// How an expression puts a string together (see [`Spliced`]). Local variables are followed
/// through what is assigned (and, for arrays, pushed) to them, three steps deep. Constants
/// (`UPPER_CASE` names and members, imports), literals, `typeof`, lengths and numeric conversions
/// (`Number(x)`, `parseInt(x)`, `Math.*`) contribute no value, and neither do lists of
/// placeholders (`ids.map(() => '?').join(',')`, `Array(n).fill('?')`, `'?'.repeat(n)`).
pub(crate) fn spliced<'a>(semantic: &Semantic<'a>, expr: &'a Expression<'a>) -> Spliced<'a> {
    let mut out = Spliced::default();
    splice(semantic, expr, &mut out, 0);
    out
}

fn splice<'a>(semantic: &Semantic<'a>, expr: &'a Expression<'a>, out: &mut Spliced<'a>, depth: u8) {
    match inner(expr) {
        Expression::StringLiteral(literal) => out.text.push_str(&literal.value),
        Expression::TemplateLiteral(template) => {
            out.built |= !template.expressions.is_empty();
            for (index, quasi) in template.quasis.iter().enumerate() {
                out.text.push_str(quasi.value.cooked.as_ref().map_or(quasi.value.raw.as_str(), |c| c.as_str()));
                if let Some(part) = template.expressions.get(index) {
                    splice(semantic, part, out, depth);
                }
            }
        }
        Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::Addition => {
            out.built = true;
            splice(semantic, &binary.left, out, depth);
            splice(semantic, &binary.right, out, depth);
        }
        Expression::ConditionalExpression(conditional) => {
            splice(semantic, &conditional.consequent, out, depth);
            splice(semantic, &conditional.alternate, out, depth);
        }
        Expression::LogicalExpression(logical) => {
            splice(semantic, &logical.left, out, depth);
            splice(semantic, &logical.right, out, depth);
        }
        Expression::Identifier(ident) if ident.name != "undefined" => {
            let declared = declaration_of(semantic, ident).map(AstNode::kind);
            // `sql = sql + …`: the earlier value is among the values already followed, unless it
            // is what a parameter came with.
            if out.following.contains(&ident.name.as_str()) {
                out.text.push(SPLICE_MARK);
                if matches!(declared, Some(AstKind::FormalParameter(_))) {
                    out.values.push(expr);
                }
                return;
            }
            if depth < SPLICE_DEPTH
                && let Some(values) = assigned_values(semantic, ident)
                && !values.is_empty()
            {
                out.following.push(ident.name.as_str());
                for value in values {
                    splice(semantic, value, out, depth + 1);
                }
                out.following.pop();
                return;
            }
            out.text.push(SPLICE_MARK);
            let imported = matches!(
                declared,
                Some(
                    AstKind::ImportSpecifier(_)
                        | AstKind::ImportDefaultSpecifier(_)
                        | AstKind::ImportNamespaceSpecifier(_)
                )
            );
            if !imported && !is_constant_name(&ident.name) {
                out.values.push(expr);
            }
        }
        Expression::CallExpression(call) => splice_call(semantic, call, expr, out, depth),
        // `Status.ACTIVE.value`, `TABLES.users`
        Expression::StaticMemberExpression(_) if names_constant(expr) => out.text.push(SPLICE_MARK),
        // `TEMPLATES[kind]` where `const TEMPLATES = { … }`: any of its values.
        Expression::ComputedMemberExpression(member)
            if let Some(table) = lookup_table(semantic, &member.object).filter(|_| depth < SPLICE_DEPTH) =>
        {
            for property in &table.properties {
                match property {
                    ObjectPropertyKind::ObjectProperty(property) => splice(semantic, &property.value, out, depth + 1),
                    ObjectPropertyKind::SpreadProperty(_) => out.text.push(SPLICE_MARK),
                }
            }
        }
        _ if is_literal_like(expr) => out.text.push(SPLICE_MARK),
        _ => {
            out.text.push(SPLICE_MARK);
            out.values.push(expr);
        }
    }
}

fn splice_call<'a>(
    semantic: &Semantic<'a>,
    call: &'a CallExpression<'a>,
    expr: &'a Expression<'a>,
    out: &mut Spliced<'a>,
    depth: u8,
) {
    let callee = dotted_path(&call.callee).unwrap_or_default();
    let numeric = matches!(
        callee.as_str(),
        "Number" | "parseInt" | "parseFloat" | "Number.parseInt" | "Number.parseFloat" | "Date.now"
    ) || callee.starts_with("Math.")
        || matches!(method_name(call), Some("toFixed" | "getTime" | "indexOf" | "getFullYear"));
    if numeric {
        out.text.push(SPLICE_MARK);
        return;
    }
    let receiver = method_receiver(call);
    match (callee.as_str(), method_name(call), receiver) {
        ("String", _, _) => match arg(call, 0) {
            Some(first) => splice(semantic, first, out, depth),
            None => out.text.push(SPLICE_MARK),
        },
        (
            _,
            Some("toString" | "trim" | "trimStart" | "trimEnd" | "toLowerCase" | "toUpperCase" | "repeat"),
            Some(on),
        ) => {
            splice(semantic, on, out, depth);
        }
        (_, Some("concat"), Some(on)) => {
            out.built = true;
            splice(semantic, on, out, depth);
            for argument in call.arguments.iter().filter_map(Argument::as_expression) {
                splice(semantic, argument, out, depth);
            }
        }
        // `items.join(', ')`, not `path.join(a, b)`.
        (_, Some("join"), Some(on)) if call.arguments.len() <= 1 && !is_path_module(on) => {
            out.built = true;
            splice_items(semantic, on, out, depth);
            if let Some(separator) = arg(call, 0) {
                splice(semantic, separator, out, depth);
            }
        }
        _ => {
            out.text.push(SPLICE_MARK);
            out.values.push(expr);
        }
    }
}

/// Whether a member chain names a constant somewhere (`Status.ACTIVE.value`, `TABLES.users`).
fn names_constant(expr: &Expression<'_>) -> bool {
    match inner(expr) {
        Expression::Identifier(ident) => is_constant_name(&ident.name),
        Expression::StaticMemberExpression(member) => {
            is_constant_name(&member.property.name) || names_constant(&member.object)
        }
        _ => false,
    }
}

/// The object literal a local variable holds, when that is all it is ever given.
fn lookup_table<'a>(semantic: &Semantic<'a>, object: &Expression<'a>) -> Option<&'a ObjectExpression<'a>> {
    let Expression::Identifier(ident) = inner(object) else { return None };
    match assigned_values(semantic, ident)?.as_slice() {
        [value] => match inner(value) {
            Expression::ObjectExpression(table) => Some(table),
            _ => None,
        },
        _ => None,
    }
}

/// `path`, `path.posix`, `path.win32`: `join` there joins paths, not an array's items.
fn is_path_module(expr: &Expression<'_>) -> bool {
    dotted_path(expr)
        .is_some_and(|path| matches!(path.as_str(), "path" | "path.posix" | "path.win32" | "posix" | "win32"))
}

/// The items of a list being joined.
fn splice_items<'a>(semantic: &Semantic<'a>, list: &'a Expression<'a>, out: &mut Spliced<'a>, depth: u8) {
    match inner(list) {
        Expression::ArrayExpression(array) => {
            for element in &array.elements {
                match element {
                    ArrayExpressionElement::SpreadElement(spread) => {
                        out.text.push(SPLICE_MARK);
                        out.values.push(&spread.argument);
                    }
                    ArrayExpressionElement::Elision(_) => {}
                    element => {
                        if let Some(element) = element.as_expression() {
                            splice(semantic, element, out, depth);
                        }
                    }
                }
            }
        }
        Expression::CallExpression(call) => match method_name(call) {
            // `ids.map(() => '?')`, `ids.map((_, i) => \`$${i + 1}\`)`: one placeholder per item.
            Some("map") if arg(call, 0).is_some_and(|callback| ignores_item(semantic, callback)) => {
                out.text.push(SPLICE_MARK);
            }
            // `Array(n).fill('?')`
            Some("fill") => match arg(call, 0) {
                Some(value) => splice(semantic, value, out, depth),
                None => out.text.push(SPLICE_MARK),
            },
            _ => {
                out.text.push(SPLICE_MARK);
                out.values.push(list);
            }
        },
        Expression::Identifier(ident) if depth < SPLICE_DEPTH => {
            let arrays = assigned_values(semantic, ident).filter(|values| {
                !values.is_empty() && values.iter().all(|v| matches!(inner(v), Expression::ArrayExpression(_)))
            });
            if let Some(arrays) = arrays {
                for array in arrays {
                    splice_items(semantic, array, out, depth + 1);
                }
                for pushed in pushed_values(semantic, ident) {
                    splice(semantic, pushed, out, depth + 1);
                }
            } else {
                out.text.push(SPLICE_MARK);
                out.values.push(list);
            }
        }
        _ => {
            out.text.push(SPLICE_MARK);
            out.values.push(list);
        }
    }
}

/// Whether a `.map` callback never reads the item it is given (`() => '?'`, `(_, i) => …`).
fn ignores_item(semantic: &Semantic<'_>, callback: &Expression<'_>) -> bool {
    let params = match inner(callback) {
        Expression::ArrowFunctionExpression(arrow) => &arrow.params,
        Expression::FunctionExpression(function) => &function.params,
        _ => return false,
    };
    let Some(first) = params.items.first() else {
        return true;
    };
    let BindingPattern::BindingIdentifier(binding) = &first.pattern else {
        return false;
    };
    binding.symbol_id.get().is_some_and(|symbol| semantic.scoping().get_resolved_reference_ids(symbol).is_empty())
}

/// The name a function is known by: its own name, or the variable, property, method or member
/// it is defined as (`const generateToken = () => …`, `{ encrypt() {} }`,
/// `exports.encrypt = function () {}`).
pub(crate) fn function_name<'a>(nodes: &AstNodes<'a>, function: &AstNode<'a>) -> Option<Cow<'a, str>> {
    if let AstKind::Function(declared) = function.kind()
        && let Some(id) = &declared.id
    {
        return Some(Cow::Borrowed(id.name.as_str()));
    }
    match nodes.parent_kind(function.id()) {
        AstKind::VariableDeclarator(declarator) => match &declarator.id {
            BindingPattern::BindingIdentifier(binding) => Some(Cow::Borrowed(binding.name.as_str())),
            _ => None,
        },
        AstKind::MethodDefinition(method) => method.key.static_name(),
        AstKind::ObjectProperty(property) => property.key.static_name(),
        AstKind::PropertyDefinition(property) => property.key.static_name(),
        AstKind::AssignmentExpression(assignment) => match &assignment.left {
            AssignmentTarget::StaticMemberExpression(member) => Some(Cow::Borrowed(member.property.name.as_str())),
            AssignmentTarget::AssignmentTargetIdentifier(ident) => Some(Cow::Borrowed(ident.name.as_str())),
            _ => None,
        },
        _ => None,
    }
}

// Child processes.

/// The `child_process` function a call runs (`exec`, `execSync`, `spawn`, `spawnSync`,
/// `execFile`, `execFileSync`, `fork`), however it is reached: imported or required by name
/// (`import { exec } from 'node:child_process'`), through the module
/// (`cp.exec(...)`, `require('child_process').exec(...)`), or promisified
/// (`const run = promisify(exec)`).
pub(crate) fn child_process_function<'a>(semantic: &Semantic<'a>, call: &CallExpression<'a>) -> Option<&'static str> {
    child_process_callee(semantic, &call.callee, 0)
}

const CHILD_PROCESS_FUNCTIONS: &[&str] =
    &["exec", "execSync", "spawn", "spawnSync", "execFile", "execFileSync", "fork"];

fn is_child_process_module(source: &str) -> bool {
    matches!(source, "child_process" | "node:child_process")
}

fn child_process_callee<'a>(semantic: &Semantic<'a>, callee: &Expression<'a>, depth: u8) -> Option<&'static str> {
    let known = |name: &str| CHILD_PROCESS_FUNCTIONS.iter().copied().find(|known| *known == name);
    match inner(callee) {
        Expression::Identifier(ident) => {
            let declaration = declaration_of(semantic, ident)?;
            match declaration.kind() {
                AstKind::ImportSpecifier(specifier) => {
                    let source = import_source(semantic, ident)?;
                    if is_child_process_module(source) { known(specifier.imported.name().as_str()) } else { None }
                }
                AstKind::VariableDeclarator(declarator) => {
                    // `const { exec } = require('child_process')`
                    if import_source(semantic, ident).is_some_and(is_child_process_module) {
                        return known(&ident.name);
                    }
                    // `const run = util.promisify(exec)`
                    let Some(Expression::CallExpression(wrapper)) = declarator.init.as_ref().map(inner) else {
                        return None;
                    };
                    let promisify = dotted_path(&wrapper.callee).is_some_and(|path| path.ends_with("promisify"));
                    if promisify && depth == 0 {
                        child_process_callee(semantic, arg(wrapper, 0)?, depth + 1)
                    } else {
                        None
                    }
                }
                _ => None,
            }
        }
        Expression::StaticMemberExpression(member) => {
            let from_module = match inner(&member.object) {
                Expression::Identifier(object) => import_source(semantic, object).is_some_and(is_child_process_module),
                Expression::CallExpression(require) => {
                    require.common_js_require().is_some_and(|source| is_child_process_module(&source.value))
                }
                _ => false,
            };
            if from_module { known(&member.property.name) } else { None }
        }
        _ => None,
    }
}

/// A script given inline to a program through a flag: `spawn('sh', ['-c', script])`,
/// `execFile('node', ['-e', script])`, `spawn(process.execPath, ['--eval', script])`. Returns
/// the program's name (`sh`, `node`, `python`; without folders, `.exe` or version) and the
/// script.
pub(crate) fn inline_script<'a>(call: &'a CallExpression<'a>) -> Option<(String, &'a Expression<'a>)> {
    let program = match arg(call, 0).map(inner)? {
        expr if is_dotted_path(expr, "process.execPath") => "node".to_string(),
        expr => program_name(&static_string(expr)?),
    };
    let Expression::ArrayExpression(argv) = inner(arg(call, 1)?) else { return None };
    let items: Vec<&'a Expression<'a>> =
        argv.elements.iter().filter_map(ArrayExpressionElement::as_expression).collect();
    let flags: Vec<Option<Cow<'a, str>>> = items.iter().map(|item| static_string(item)).collect();
    let flag = script_flag_position(flags.iter().map(Option::as_deref))?;
    Some((program, items.get(flag + 1)?))
}

/// Where the flag that makes a program run its next argument as code is, among the arguments
/// after the program (`None` for an argument whose value is not a constant): before any script
/// file or module (`-m`), since arguments after those belong to the script.
pub(crate) fn script_flag_position<'s>(arguments: impl Iterator<Item = Option<&'s str>>) -> Option<usize> {
    for (index, argument) in arguments.enumerate() {
        match argument {
            Some(flag) if is_script_flag(flag) => return Some(index),
            Some("-m") | None => return None,
            Some(option) if option.starts_with('-') => {}
            Some(_) => return None,
        }
    }
    None
}

/// A program's name without folders, `.exe` or a version: `/usr/bin/python3.11` → `python`.
pub(crate) fn program_name(path: &str) -> String {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path).to_ascii_lowercase();
    let base = base.strip_suffix(".exe").unwrap_or(&base);
    base.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').to_string()
}

/// Flags that make a shell or interpreter run the next argument as code.
pub(crate) fn is_script_flag(flag: &str) -> bool {
    matches!(flag, "-c" | "/c" | "/C" | "-e" | "--eval" | "-p" | "--print" | "-Command" | "-command")
}

// Conditions a node runs under, and module-level collections and how the module uses them.

use shipready_lang::oxc::ast::ast::{LogicalOperator, ObjectExpression as JsObject, UnaryOperator};

/// The object literal an expression is, or that the never-reassigned variable it names was
/// initialised with (`const opts = { … }; f(opts)`), unless properties are added to or removed
/// from it afterwards (`opts.cookie = …`, `delete opts.x`, `Object.assign(opts, …)`).
pub(crate) fn resolve_object<'e, 'a: 'e>(
    semantic: &Semantic<'a>,
    expr: &'e Expression<'a>,
) -> Option<&'e JsObject<'a>> {
    match inner(expr) {
        Expression::ObjectExpression(object) => Some(object),
        Expression::Identifier(ident) => match constant_initializer(semantic, ident).map(inner) {
            Some(Expression::ObjectExpression(object)) if !members_changed(semantic, ident) => Some(object),
            _ => None,
        },
        _ => None,
    }
}

/// Whether code assigns or deletes a property of the variable an identifier names, or hands it
/// to `Object.assign` as the target.
fn members_changed(semantic: &Semantic<'_>, ident: &IdentifierReference<'_>) -> bool {
    let Some(symbol) = ident.reference_id.get().and_then(|id| semantic.scoping().get_reference(id).symbol_id()) else {
        return false;
    };
    let nodes = semantic.nodes();
    semantic.scoping().get_resolved_references(symbol).any(|reference| {
        let node = nodes.get_node(reference.node_id());
        let span = node.kind().span();
        let parent = nodes.parent_node(node.id());
        match parent.kind() {
            AstKind::StaticMemberExpression(_) | AstKind::ComputedMemberExpression(_) => {
                let member = parent.kind().span();
                match nodes.parent_kind(parent.id()) {
                    AstKind::AssignmentExpression(assign) => assign.left.span() == member,
                    AstKind::UnaryExpression(unary) => unary.operator == UnaryOperator::Delete,
                    _ => false,
                }
            }
            AstKind::CallExpression(call) => {
                is_dotted_path(&call.callee, "Object.assign")
                    && call.arguments.first().is_some_and(|first| first.span() == span)
            }
            _ => false,
        }
    })
}

/// Whether an object literal spreads another object into itself (`{ ...defaults, a: 1 }`),
/// so properties it does not list may still be set.
pub(crate) fn has_spread(object: &JsObject<'_>) -> bool {
    object.properties.iter().any(|property| matches!(property, ObjectPropertyKind::SpreadProperty(_)))
}

/// The conditions a node runs under, nearest first: for each enclosing `if`, `?:` or `&&`, the
/// test and whether the node is on the branch taken when the test holds (`true`) or the other
/// one (`false`). Stops at nothing: conditions outside the enclosing function are included.
pub(crate) fn enclosing_conditions<'a>(nodes: &AstNodes<'a>, node: &AstNode<'a>) -> Vec<(&'a Expression<'a>, bool)> {
    let mut conditions = Vec::new();
    let mut child = node.kind().span();
    for ancestor in nodes.ancestors(node.id()) {
        let inside = |outer: shipready_lang::oxc::span::Span| outer.start <= child.start && child.end <= outer.end;
        match ancestor.kind() {
            AstKind::IfStatement(statement) => {
                if inside(statement.consequent.span()) {
                    conditions.push((&statement.test, true));
                } else if statement.alternate.as_ref().is_some_and(|alternate| inside(alternate.span())) {
                    conditions.push((&statement.test, false));
                }
            }
            AstKind::ConditionalExpression(conditional) => {
                if inside(conditional.consequent.span()) {
                    conditions.push((&conditional.test, true));
                } else if inside(conditional.alternate.span()) {
                    conditions.push((&conditional.test, false));
                }
            }
            AstKind::LogicalExpression(logical)
                if logical.operator == LogicalOperator::And && inside(logical.right.span()) =>
            {
                conditions.push((&logical.left, true));
            }
            _ => {}
        }
        child = ancestor.kind().span();
    }
    conditions
}

/// The empty collection a module-level variable starts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CollectionKind {
    Map,
    Set,
    Object,
    Array,
}

impl CollectionKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CollectionKind::Map => "Map",
            CollectionKind::Set => "Set",
            CollectionKind::Object => "object",
            CollectionKind::Array => "array",
        }
    }
}

/// A module-level collection (`const sessions = new Map()`) and how the module's code uses it.
#[derive(Debug)]
pub(crate) struct ModuleCollection<'a> {
    pub(crate) name: &'a str,
    pub(crate) kind: CollectionKind,
    /// Calls and assignments inside functions that add entries under keys not fixed in the
    /// source (`.set(k, v)`, `.add(x)`, `.push(x)`, `[k] = v`, `[k] += 1`), with the name of the
    /// function each is in.
    pub(crate) adds: Vec<CollectionAdd<'a>>,
    /// Whether anything removes entries or empties it: `.delete`, `.clear`, `.pop`, `.shift`,
    /// `.splice`, `delete x[k]`, `x.length = 0`.
    pub(crate) removes: bool,
    /// Whether its size is read anywhere (`.size`, `.length`, `Object.keys(x).length`).
    pub(crate) size_checked: bool,
    /// Whether the module alone does not decide what happens to it: it is exported, reassigned,
    /// passed to other code, returned or aliased.
    pub(crate) escapes: bool,
    /// Whether code inside a function writes to it at all (adds, removes, updates).
    pub(crate) written_in_function: bool,
}

/// One place where a function adds to a module-level collection.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CollectionAdd<'a> {
    /// The function it is in, if it has a name.
    pub(crate) function: Option<&'a str>,
    /// The key (or, for sets and arrays, the value) added.
    pub(crate) key: Option<shipready_lang::oxc::span::Span>,
}

/// The collection a top-level `const`/`let` declaration creates, and its uses: `new Map()`,
/// `new Set()`, `{}` or `[]`. `None` for anything else and for declarations not at the top level.
pub(crate) fn module_collection<'a>(semantic: &Semantic<'a>, declarator: &AstNode<'a>) -> Option<ModuleCollection<'a>> {
    let AstKind::VariableDeclarator(decl) = declarator.kind() else { return None };
    let BindingPattern::BindingIdentifier(binding) = &decl.id else { return None };
    let nodes = semantic.nodes();
    let declaration = nodes.parent_node(declarator.id());
    let exported = match nodes.parent_kind(declaration.id()) {
        AstKind::Program(_) => false,
        AstKind::ExportDeclaration(_) | AstKind::ExportNamedDeclaration(_) => true,
        _ => return None,
    };
    let kind = match decl.init.as_ref().map(inner)? {
        Expression::NewExpression(new) => match inner(&new.callee) {
            Expression::Identifier(ident) if ident.name == "Map" && new.arguments.is_empty() => CollectionKind::Map,
            Expression::Identifier(ident) if ident.name == "Set" && new.arguments.is_empty() => CollectionKind::Set,
            _ => return None,
        },
        Expression::ObjectExpression(object) if object.properties.is_empty() => CollectionKind::Object,
        Expression::ArrayExpression(array) if array.elements.is_empty() => CollectionKind::Array,
        _ => return None,
    };
    let symbol = binding.symbol_id.get()?;
    let mut collection = ModuleCollection {
        name: binding.name.as_str(),
        kind,
        adds: Vec::new(),
        removes: false,
        size_checked: false,
        escapes: exported,
        written_in_function: false,
    };
    for reference in semantic.scoping().get_resolved_references(symbol) {
        let node = nodes.get_node(reference.node_id());
        if reference.is_write() {
            collection.escapes = true;
            continue;
        }
        let in_function = enclosing_function(nodes, node);
        let use_kind = collection_use(nodes, node, kind);
        match use_kind {
            CollectionUse::Add(key) => {
                if let Some(function) = in_function {
                    let function = function_name(nodes, function).and_then(|name| match name {
                        Cow::Borrowed(name) => Some(name),
                        Cow::Owned(_) => None,
                    });
                    collection.adds.push(CollectionAdd { function, key });
                    collection.written_in_function = true;
                }
            }
            CollectionUse::Write => collection.written_in_function |= in_function.is_some(),
            CollectionUse::Remove => {
                collection.removes = true;
                collection.written_in_function |= in_function.is_some();
            }
            CollectionUse::Size => collection.size_checked = true,
            CollectionUse::Escape => collection.escapes = true,
            CollectionUse::Read => {}
        }
    }
    Some(collection)
}

/// What one reference does to a collection.
enum CollectionUse {
    /// An entry added under a key (or a value, for sets and arrays) not fixed in the source.
    Add(Option<shipready_lang::oxc::span::Span>),
    /// A write that neither adds a key nor removes one (`.set('fixed', v)`, `x.a = 1`).
    Write,
    Remove,
    Size,
    Escape,
    Read,
}

fn collection_use<'a>(nodes: &AstNodes<'a>, reference: &AstNode<'a>, kind: CollectionKind) -> CollectionUse {
    let span = reference.kind().span();
    let parent = nodes.parent_node(reference.id());
    let grandparent = nodes.parent_node(parent.id());
    let dynamic = |expr: Option<&Expression<'_>>| expr.is_some_and(|key| !is_literal_like(key));
    match parent.kind() {
        AstKind::StaticMemberExpression(member) if member.object.span() == span => {
            let property = member.property.name.as_str();
            if let AstKind::CallExpression(call) = grandparent.kind()
                && call.callee.span() == member.span
            {
                return match property {
                    "set" | "add" | "push" | "unshift" => {
                        let keyed = kind == CollectionKind::Map;
                        if !keyed || dynamic(arg(call, 0)) {
                            CollectionUse::Add(arg(call, 0).map(GetSpan::span))
                        } else {
                            CollectionUse::Write
                        }
                    }
                    "delete" | "clear" | "pop" | "shift" | "splice" => CollectionUse::Remove,
                    _ => CollectionUse::Read,
                };
            }
            match grandparent.kind() {
                AstKind::AssignmentExpression(assign) if assign.left.span() == member.span => {
                    if property == "length" { CollectionUse::Remove } else { CollectionUse::Write }
                }
                _ if matches!(property, "size" | "length") => CollectionUse::Size,
                _ => CollectionUse::Read,
            }
        }
        AstKind::ComputedMemberExpression(member) if member.object.span() == span => match grandparent.kind() {
            AstKind::AssignmentExpression(assign) if assign.left.span() != member.span => CollectionUse::Read,
            AstKind::AssignmentExpression(_) | AstKind::UpdateExpression(_) => {
                if dynamic(Some(&member.expression)) {
                    CollectionUse::Add(Some(member.expression.span()))
                } else {
                    CollectionUse::Write
                }
            }
            AstKind::UnaryExpression(unary) if unary.operator == UnaryOperator::Delete => CollectionUse::Remove,
            _ => CollectionUse::Read,
        },
        AstKind::CallExpression(call) if call.callee.span() != span => {
            let callee = dotted_path(&call.callee).unwrap_or_default();
            if matches!(callee.as_str(), "Object.keys" | "Object.values" | "Object.entries" | "Array.from") {
                match grandparent.kind() {
                    AstKind::StaticMemberExpression(member) if member.property.name == "length" => CollectionUse::Size,
                    _ => CollectionUse::Read,
                }
            } else if matches!(callee.as_str(), "JSON.stringify" | "console.log" | "String") {
                CollectionUse::Read
            } else {
                CollectionUse::Escape
            }
        }
        AstKind::NewExpression(_)
        | AstKind::ReturnStatement(_)
        | AstKind::VariableDeclarator(_)
        | AstKind::AssignmentExpression(_)
        | AstKind::ObjectProperty(_)
        | AstKind::ArrayExpression(_)
        | AstKind::ExportSpecifier(_)
        | AstKind::ExportDefaultDeclaration(_)
        // `() => cache` returns it.
        | AstKind::ArrowFunctionExpression(_)
        | AstKind::PropertyDefinition(_) => CollectionUse::Escape,
        _ => CollectionUse::Read,
    }
}

/// Test-runner functions a test file calls to declare its cases (Jest, Vitest, Mocha, Jasmine,
/// `node:test`, tap), and the assertion entry points a plain test script calls.
const TEST_CASE_CALLEES: &[&str] = &[
    "describe",
    "it",
    "test",
    "suite",
    "specify",
    "fdescribe",
    "fit",
    "xdescribe",
    "xit",
    "xtest",
    "expect",
    "assert",
];

/// Whether a node declares a test case or asserts: `it("…", fn)`, `test.each(…)`,
/// `describe.only(…)`, `Deno.test(…)`, `t.test(…)`, `expect(x)`, `assert.equal(a, b)`.
pub(crate) fn is_test_case(kind: &AstKind<'_>) -> bool {
    let AstKind::CallExpression(call) = kind else { return false };
    match inner(&call.callee) {
        Expression::Identifier(ident) => TEST_CASE_CALLEES.contains(&ident.name.as_str()),
        Expression::StaticMemberExpression(member) => match inner(&member.object) {
            Expression::Identifier(object) => {
                TEST_CASE_CALLEES.contains(&object.name.as_str())
                    || (matches!(object.name.as_str(), "Deno" | "tap" | "t") && member.property.name == "test")
            }
            // `it.only.each(…)`, `test.skip.each(…)`
            Expression::StaticMemberExpression(inner_member) => {
                matches!(inner(&inner_member.object), Expression::Identifier(object) if TEST_CASE_CALLEES.contains(&object.name.as_str()))
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether a node is logic rather than a declaration: a function or method with a body that
/// does something, an arrow with an expression body, or a branch or loop. A module of types,
/// interfaces, constants and re-exports has none.
pub(crate) fn is_logic(kind: &AstKind<'_>) -> bool {
    match kind {
        AstKind::Function(function) => function.body.as_ref().is_some_and(|body| !body.statements.is_empty()),
        AstKind::ArrowFunctionExpression(arrow) => match &arrow.body {
            ArrowFunctionBody::FunctionBody(body) => !body.statements.is_empty(),
            _ => true,
        },
        AstKind::IfStatement(_)
        | AstKind::ForStatement(_)
        | AstKind::ForInStatement(_)
        | AstKind::ForOfStatement(_)
        | AstKind::WhileStatement(_)
        | AstKind::DoWhileStatement(_)
        | AstKind::SwitchStatement(_)
        | AstKind::TryStatement(_)
        | AstKind::ConditionalExpression(_) => true,
        _ => false,
    }
}

/// Whether a doc comment of a JS function says what `says` looks for. The comment sits before
/// the statement that declares the function: the function itself, or the assignment, variable,
/// export, method or property that holds it.
pub(crate) fn doc_comment_says<'a>(
    node: &AstNode<'a>,
    ctx: &crate::context::JsContext<'a, '_>,
    says: impl Fn(&str) -> bool,
) -> bool {
    let mut starts = vec![node.span().start];
    for ancestor in ctx.ancestors(node) {
        match ancestor.kind() {
            AstKind::AssignmentExpression(_)
            | AstKind::ExpressionStatement(_)
            | AstKind::VariableDeclarator(_)
            | AstKind::VariableDeclaration(_)
            | AstKind::ExportNamedDeclaration(_)
            | AstKind::ExportDefaultDeclaration(_)
            | AstKind::MethodDefinition(_)
            | AstKind::PropertyDefinition(_)
            | AstKind::ObjectProperty(_)
            | AstKind::ParenthesizedExpression(_) => starts.push(ancestor.span().start),
            _ => break,
        }
    }
    starts.into_iter().any(|start| crate::helpers::comments::leading_comments(ctx.file, start).any(&says))
}
