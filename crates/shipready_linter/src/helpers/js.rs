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
    match inner(expr) {
        Expression::Identifier(ident) => Some(ident.name.to_string()),
        Expression::ThisExpression(_) => Some("this".to_string()),
        Expression::StaticMemberExpression(member) => {
            Some(format!("{}.{}", dotted_path(&member.object)?, member.property.name))
        }
        _ => None,
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
        .skip(1)
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

/// Functions and classes that create a web server, app or router.
const SERVER_FACTORIES: &[&str] = &["express", "fastify", "Fastify", "polka", "Koa", "Hono", "Elysia", "Router"];
/// Methods that register a route when their first argument is a path (`app.get("/x", …)`).
const ROUTE_METHODS: &[&str] =
    &["get", "post", "put", "patch", "delete", "del", "all", "use", "route", "head", "options"];
/// NestJS decorators that declare controllers and routes.
const ROUTE_DECORATORS: &[&str] = &["Controller", "Get", "Post", "Put", "Patch", "Delete", "All"];

/// Whether a node is evidence that its module serves HTTP: it creates an app, router or server,
/// registers a route on a path, or declares a NestJS controller or route.
pub(crate) fn serves_http(kind: &AstKind<'_>) -> bool {
    match kind {
        AstKind::CallExpression(call) => {
            if call.callee_name().is_some_and(|name| SERVER_FACTORIES.contains(&name)) {
                return true;
            }
            let Some(method) = method_name(call) else { return false };
            if method == "createServer" || method == "Router" {
                return true;
            }
            ROUTE_METHODS.contains(&method)
                && arg(call, 0).and_then(static_string).is_some_and(|path| path.starts_with('/'))
        }
        AstKind::NewExpression(new) => {
            matches!(inner(&new.callee), Expression::Identifier(id) if SERVER_FACTORIES.contains(&id.name.as_str()))
        }
        AstKind::Decorator(decorator) => match inner(&decorator.expression) {
            Expression::CallExpression(call) => call.callee_name().is_some_and(|name| ROUTE_DECORATORS.contains(&name)),
            _ => false,
        },
        _ => false,
    }
}

/// The path a route registration declares: `"/health"` in `app.get("/health", …)`.
pub(crate) fn route_path(kind: &AstKind<'_>) -> Option<String> {
    let AstKind::CallExpression(call) = kind else { return None };
    let method = method_name(call)?;
    if !ROUTE_METHODS.contains(&method) || method == "use" {
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
            call.callee_name().is_some_and(|name| SERVER_FACTORIES.contains(&name) && name != "Router")
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
