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
                dotted_path(&call.callee).as_deref() == Some("Object.assign")
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
    for ancestor in nodes.ancestors(node.id()).skip(1) {
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

/// The name a function is known by: its own (`function load()`), the variable, property or
/// method it is assigned to (`const load = () => …`, `{ load() {} }`).
pub(crate) fn function_name<'a>(nodes: &AstNodes<'a>, function: &AstNode<'a>) -> Option<&'a str> {
    if let AstKind::Function(f) = function.kind()
        && let Some(id) = &f.id
    {
        return Some(id.name.as_str());
    }
    match nodes.parent_kind(function.id()) {
        AstKind::VariableDeclarator(declarator) => declarator.id.get_identifier_name().map(|name| name.as_str()),
        AstKind::ObjectProperty(property) => property.key.static_name().and_then(|name| match name {
            Cow::Borrowed(name) => Some(name),
            Cow::Owned(_) => None,
        }),
        AstKind::MethodDefinition(method) => method.key.static_name().and_then(|name| match name {
            Cow::Borrowed(name) => Some(name),
            Cow::Owned(_) => None,
        }),
        AstKind::PropertyDefinition(property) => property.key.static_name().and_then(|name| match name {
            Cow::Borrowed(name) => Some(name),
            Cow::Owned(_) => None,
        }),
        _ => None,
    }
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
                    collection.adds.push(CollectionAdd { function: function_name(nodes, function), key });
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
