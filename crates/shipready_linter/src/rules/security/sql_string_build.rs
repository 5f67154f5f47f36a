use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{CallExpression, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use super::{excerpt, is_input_read, is_object_state, reads_request};
use crate::context::{JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::tree::{self as tree_help, SplicedValue};
use crate::helpers::{js, py};
use crate::rule::Rule;
use shipready_lang::tree::{Node, text};

declare_rule! {
    /// ## What it does
    /// Finds SQL text put together from values and passed to a call that runs it: template
    /// literals with `${}` and `+` concatenation in JavaScript (`db.query`, `pool.query`,
    /// `client.query`, `connection.execute`, `sequelize.query`, `knex.raw` and the other `*Raw`
    /// methods, `prisma.$queryRawUnsafe`/`$executeRawUnsafe`, SQLite's `prepare`/`run`/`all`/
    /// `get`/`exec`), f-strings, `+`, `%` and `.format()` in Python (`cursor.execute`,
    /// `conn.execute`, `session.execute(text(...))`, `pandas.read_sql`, Django's `raw()`,
    /// `extra()` and `RawSQL`), `fmt.Sprintf`, `+` and `strings.Builder` in Go (`db.Query`,
    /// `QueryRow`, `Exec`, `Prepare` and their `Context` forms from `database/sql`, sqlx's
    /// `Select`/`Get`/`MustExec`, pgx's `conn.Query(ctx, ...)`, gorm's `Raw`, `Exec` and
    /// `Where`), and `format!` and `+` in Rust (`sqlx::query`/`query_as`/`query_scalar`,
    /// `diesel::sql_query`, rusqlite's and postgres' `execute`, `query`, `query_row`,
    /// `prepare`, sea-orm's `Statement::from_string`). A query built in a local variable first,
    /// and then passed, counts too (`+=`, `push_str`, `WriteString`, `write!`), as do clauses
    /// pushed or appended onto a list that is joined into the query.
    ///
    /// Only text that reads as a data statement counts (`SELECT … FROM`, `INSERT INTO`,
    /// `UPDATE … SET`, `DELETE FROM`, `WITH …`), or any clause given to a call that takes
    /// clauses (`whereRaw`, `text()`, `extra(where=...)`), and only when a value that may come
    /// from input is spliced into it: a parameter, a property, a request read (`req.query.x`,
    /// `request.args.get("x")`). Constants (`UPPER_CASE` names, imports, enum members), numbers,
    /// lists of placeholders (`ids.map(() => '?').join(',')`, `", ".join(["%s"] * len(ids))`),
    /// results of other calls (quoting helpers such as `escapeId` and `quote_name`, fragment
    /// builders), object state (`this.table`, `self.quote_name(...)`), tables in identifier
    /// position (`FROM {table}`), bind parameter names (`:{key}`) and names of identifiers or
    /// fragments (`tableName`, `column`, `whereClause`, `placeholders`) are not reported.
    ///
    /// ## Why is this bad?
    /// A value spliced into SQL text becomes SQL: a quote in it ends the string and the rest runs
    /// as part of the statement. That is SQL injection, which reads, changes or deletes any data
    /// the database user can reach.
    ///
    /// ## Example
    /// ```ts
    /// const { rows } = await pool.query(`SELECT * FROM users WHERE email = '${email}'`);
    /// ```
    /// ```python
    /// cursor.execute(f"SELECT * FROM users WHERE email = '{email}'")
    /// ```
    /// ```go
    /// rows, err := db.Query(fmt.Sprintf("SELECT * FROM users WHERE email = '%s'", email))
    /// ```
    /// ```rs
    /// let user = sqlx::query_as::<_, User>(&format!("SELECT * FROM users WHERE email = '{email}'"));
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// const { rows } = await pool.query("SELECT * FROM users WHERE email = $1", [email]);
    /// ```
    /// ```python
    /// cursor.execute("SELECT * FROM users WHERE email = %s", (email,))
    /// ```
    /// ```go
    /// rows, err := db.Query("SELECT * FROM users WHERE email = $1", email)
    /// ```
    /// ```rs
    /// let user = sqlx::query_as::<_, User>("SELECT * FROM users WHERE email = $1").bind(email);
    /// ```
    ///
    /// ## Known limitations
    /// Values are followed three local variables deep; a query built in another function and
    /// passed in is not seen. Schema statements (`CREATE`, `DROP`, `ALTER`), whose identifiers
    /// cannot be parameters, are not reported. Identifiers and fragments are told from input by
    /// their names, so a user-chosen sort column passed in as `column` is missed unless it is read
    /// from the request in place. In Go, values formatted with a numeric verb (`%d`) and
    /// parameters typed as numbers, package members (`schema.Users`), and a method receiver's
    /// fields (`s.table`) are not reported either; in Rust, `UPPER_CASE` constants, number-typed
    /// parameters and `self.` fields are not.
    pub(crate) struct SqlStringBuild {
        id: "sql-string-build",
        area: Security,
        severity: Critical,
        since: "0.1.0",
        title: "SQL built from values instead of parameters",
        rationale: "A value spliced into SQL text runs as SQL, which is SQL injection.",
        fix: "Pass values as query parameters (`$1`, `?`, `%s`) and keep the SQL text constant.",
    }
}

impl Rule for SqlStringBuild {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go, Language::Rust];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const GO_KINDS: &'static [&'static str] = &["call_expression"];
    const RUST_KINDS: &'static [&'static str] = &["call_expression"];
    // Every query names a statement, or goes to a call that takes a clause.
    const NEEDLES: &'static [&'static str] = &[
        "SELECT", "select", "Select", "INSERT", "insert", "Insert", "UPDATE", "update", "Update", "DELETE", "delete",
        "Delete", "CREATE", "create", "DROP", "drop", "ALTER", "alter", "TRUNCATE", "truncate", "REPLACE", "MERGE",
        "Raw", "extra(", "text(", "Where(", "Having(",
    ];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        let Some((sink, clause)) = js_sink(call) else { return };
        let Some(query) = js::arg(call, 0) else { return };
        let built = js::spliced(ctx.semantic, query);
        if !built.built || !runs_values(&built.text, clause) {
            return;
        }
        let Some(value) = built.values.iter().find(|value| !js_safe(value, ctx)) else { return };
        let shown = excerpt(ctx.text_of(*value));
        ctx.report(
            query.span(),
            format!("SQL passed to `{sink}` is built from `{shown}`; pass it as a query parameter"),
        );
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let Some((sink, queries, clause)) = py_sink(call, ctx) else { return };
        let scope = py::Scope::of(ctx.ancestors(), ctx.module);
        for query in queries {
            let built = py::spliced(query, scope);
            if !built.built || !runs_values(&built.text, clause) {
                continue;
            }
            let Some(value) = built.values.iter().find(|value| !py_safe(value, ctx)) else { continue };
            let shown = excerpt(ctx.text_of(*value));
            ctx.report(
                query.range(),
                format!("SQL passed to `{sink}` is built from `{shown}`; pass it as a query parameter"),
            );
            return;
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        let language = ctx.file.language;
        let Some((sink, candidates, clause)) = tree_sink(node, source, language) else { return };
        if language == Language::Rust && ctx.in_rust_test(node) {
            return;
        }
        for query in candidates {
            let built = tree_help::spliced_text(query, source, language);
            if !built.built || !runs_values(&built.text, clause) || (clause && !reads_as_condition(&built.text)) {
                continue;
            }
            let Some(value) = built.values.iter().find(|value| !tree_safe(value, &built.text, source, language)) else {
                continue;
            };
            let shown = excerpt(value.text(source));
            ctx.report(query, format!("SQL passed to `{sink}` is built from `{shown}`; pass it as a query parameter"));
            return;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Go and Rust

/// Go methods that run the SQL text they are given (`database/sql`, sqlx, pgx, gorm), among
/// their first three arguments (after a context and a destination).
const GO_SQL_METHODS: &[&str] = &[
    "Query",
    "QueryRow",
    "QueryContext",
    "QueryRowContext",
    "Exec",
    "ExecContext",
    "Prepare",
    "PrepareContext",
    "Queryx",
    "QueryRowx",
    "QueryxContext",
    "QueryRowxContext",
    "MustExec",
    "MustExecContext",
    "Select",
    "SelectContext",
    "Get",
    "GetContext",
    "NamedExec",
    "NamedExecContext",
    "NamedQuery",
    "NamedQueryContext",
    "Preparex",
    "PreparexContext",
    "Raw",
];

/// gorm methods whose first argument is a clause (`db.Where("name = ?", name)`).
const GO_CLAUSE_METHODS: &[&str] = &["Where", "Or", "Not", "Having"];

/// Rust functions that take SQL text first (sqlx, diesel).
const RUST_SQL_FUNCTIONS: &[&str] =
    &["query", "query_as", "query_scalar", "query_with", "query_as_with", "query_scalar_with", "raw_sql", "sql_query"];

/// Rust methods that run the SQL text they are given first (rusqlite, postgres,
/// tokio-postgres).
const RUST_SQL_METHODS: &[&str] = &[
    "execute",
    "query",
    "query_one",
    "query_opt",
    "query_row",
    "query_map",
    "query_raw",
    "query_typed",
    "prepare",
    "prepare_cached",
    "batch_execute",
    "execute_batch",
    "simple_query",
    "execute_raw",
];

/// A Go or Rust call that runs SQL: the callee as the message shows it, the arguments that
/// may be the SQL, and whether it takes a clause.
fn tree_sink<'t>(call: Node<'t>, source: &'t str, language: Language) -> Option<(&'t str, Vec<Node<'t>>, bool)> {
    let function = call.child_by_field_name("function")?;
    // Every call comes here: its arguments are gathered only for a call that runs SQL.
    let arguments = || tree_help::call_arguments(call);
    let shown = text(function, source);
    if language == Language::Go {
        if function.kind() != "selector_expression" {
            return None;
        }
        let method = text(function.child_by_field_name("field")?, source);
        if GO_CLAUSE_METHODS.contains(&method) {
            return Some((shown, arguments().into_iter().take(1).collect(), true));
        }
        return GO_SQL_METHODS.contains(&method).then(|| (shown, arguments().into_iter().take(3).collect(), false));
    }
    let callee = match function.kind() {
        "generic_function" => function.child_by_field_name("function")?,
        _ => function,
    };
    match callee.kind() {
        "field_expression" => {
            let method = text(callee.child_by_field_name("field")?, source);
            RUST_SQL_METHODS.contains(&method).then(|| (shown, arguments().into_iter().take(1).collect(), false))
        }
        "identifier" | "scoped_identifier" => {
            let written = text(callee, source);
            let last = written.rsplit("::").next().unwrap_or(written);
            if RUST_SQL_FUNCTIONS.contains(&last) {
                return Some((shown, arguments().into_iter().take(1).collect(), false));
            }
            // A helper that runs SQL on a connection it is given first: `execute(&db, sql)`.
            if callee.kind() == "identifier" && matches!(written, "execute" | "execute_sql" | "run_sql") {
                return Some((shown, arguments().into_iter().take(2).collect(), false));
            }
            // sea-orm `Statement::from_string(backend, sql)`
            matches!(written, "Statement::from_string" | "Statement::from_sql_and_values")
                .then(|| (shown, arguments().into_iter().skip(1).take(1).collect(), false))
        }
        _ => None,
    }
}

/// Whether a clause compares something (`name = '…'`, `age > …`, `LIKE`, `IN`).
fn reads_as_condition(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ['=', '<', '>'].iter().any(|c| lower.contains(*c)) || [" like ", " in ", " is "].iter().any(|w| lower.contains(w))
}

/// A spliced Go or Rust value that is not taken for input (see [`js_safe`]): a bind parameter
/// name or table, the receiver's state (`s.table`, `self.table`), a number-typed parameter, a
/// call other than a request read, or a name for code.
fn tree_safe(value: &SplicedValue<'_>, built: &str, source: &str, language: Language) -> bool {
    let written = value.text(source);
    let preceding = built.get(..value.at).unwrap_or_default();
    let reads = match language {
        Language::Go => tree_help::go_reads_request(value.node, source),
        _ => reads_request(written),
    };
    if reads {
        return false;
    }
    let following = built.get(value.at..).and_then(|rest| rest.strip_prefix(tree_help::TREE_SPLICE_MARK));
    if is_bind_name(preceding)
        || preceding.ends_with([':', '@'])
        || names_selected_columns(preceding)
        || following.is_some_and(compared_with_placeholder)
        || is_receiver_state(value.node, written, source)
    {
        return true;
    }
    if is_numeric_variable(value.node, written, source) {
        return true;
    }
    match value.node.kind() {
        "call_expression" if value.end == value.node.end_byte() => {
            !is_input_read(&tree_call_name(value.node, source).to_ascii_lowercase())
        }
        "index_expression" => value.node.child_by_field_name("operand").is_some_and(|o| is_code_name(text(o, source))),
        _ if language == Language::Rust && written.ends_with(')') => {
            !is_input_read(&rust_call_name(written).to_ascii_lowercase())
        }
        _ => is_code_name(written),
    }
}

/// Whether a value spliced after this text is the list of columns a query selects
/// (`SELECT %s FROM`).
fn names_selected_columns(preceding: &str) -> bool {
    let lower = preceding.trim_end().to_ascii_lowercase();
    preceding.len() > lower.len() && (lower.ends_with("select") || lower.ends_with("select distinct"))
}

/// Whether a value spliced before this text is compared with a placeholder, so it names a
/// column (`%s = $1`, `{} = ?`, `"%s" LIKE :name`).
fn compared_with_placeholder(following: &str) -> bool {
    let rest = following.trim_start_matches(['"', '`', ']', '\\']).trim_start();
    let lower = rest.to_ascii_lowercase();
    let Some(after) = ["=", "!=", "<>", "<=", ">=", "<", ">", "like ", "ilike ", "in "]
        .iter()
        .find_map(|operator| lower.strip_prefix(operator))
    else {
        return false;
    };
    let value = after.trim_start().trim_start_matches('(');
    let mut chars = value.chars();
    match chars.next() {
        Some('?') => true,
        Some('$') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(':' | '@') => chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_'),
        _ => false,
    }
}

/// State of the object a method runs on: Go's receiver (`s.table` in `func (s *Store) …`),
/// Rust's `self.table`.
fn is_receiver_state(node: Node<'_>, written: &str, source: &str) -> bool {
    if written.starts_with("self.") || written.starts_with("Self::") {
        return true;
    }
    let Some(root) = written.split(['.', '(', '[']).next().filter(|root| !root.is_empty() && *root != written) else {
        return false;
    };
    tree_help::enclosing_functions(node).any(|function| {
        function.kind() == "method_declaration"
            && function.child_by_field_name("receiver").is_some_and(|receiver| {
                let mut cursor = receiver.walk();
                receiver.named_children(&mut cursor).any(|declaration| {
                    declaration.child_by_field_name("name").is_some_and(|name| text(name, source) == root)
                })
            })
    })
}

/// A parameter, or Rust `let`, whose type is a number or a boolean.
fn is_numeric_variable(node: Node<'_>, written: &str, source: &str) -> bool {
    if !written.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    tree_help::enclosing_functions(node)
        .find_map(|function| tree_help::parameter_type(function, written, source))
        .is_some_and(tree_help::is_numeric_type)
}

/// The name of the call a Go or Rust call expression makes (`Get` in `q.Get("x")`).
fn tree_call_name<'s>(call: Node<'_>, source: &'s str) -> &'s str {
    let Some(function) = call.child_by_field_name("function") else { return "" };
    let written = text(function, source);
    written.rsplit(['.', ':']).next().unwrap_or(written)
}

/// The method a Rust value written as tokens ends with, past `unwrap`s and conversions
/// (`get` in `params.get("name").unwrap()`).
fn rust_call_name(written: &str) -> &str {
    let mut rest = written.trim_end_matches('?');
    loop {
        let Some(open) = rest.rfind('(') else { return "" };
        let head = &rest[..open];
        let name = head.rsplit(['.', ':']).next().unwrap_or(head).trim();
        if matches!(
            name,
            "unwrap"
                | "expect"
                | "unwrap_or"
                | "unwrap_or_default"
                | "unwrap_or_else"
                | "as_str"
                | "to_string"
                | "clone"
                | "as_ref"
                | "to_owned"
                | "as_deref"
        ) {
            rest = head.strip_suffix(name).unwrap_or_default().trim_end_matches(['.', '?']);
            continue;
        }
        return name;
    }
}

/// Methods that run the SQL text they are given as their first argument.
const JS_SQL_METHODS: &[&str] = &[
    "query",
    "execute",
    "executeQuery",
    "raw",
    "unsafe",
    "prepare",
    "exec",
    "run",
    "all",
    "get",
    "each",
    "any",
    "one",
    "none",
    "many",
    "oneOrNone",
    "manyOrNone",
    "result",
    "multi",
];

/// Functions, called by plain name, that run SQL (`query(sql)` wrappers).
const JS_SQL_FUNCTIONS: &[&str] = &["query", "execute", "executeQuery", "runQuery", "rawQuery", "queryRaw"];

/// Methods whose first argument is always SQL, a whole statement or a clause.
const JS_CLAUSE_METHODS: &[&str] = &[
    "whereRaw",
    "orWhereRaw",
    "andWhereRaw",
    "havingRaw",
    "orHavingRaw",
    "orderByRaw",
    "groupByRaw",
    "selectRaw",
    "joinRaw",
    "fromRaw",
    "$queryRawUnsafe",
    "$executeRawUnsafe",
    "queryRawUnsafe",
    "executeRawUnsafe",
];

/// The callee of a call that runs SQL, as the message shows it, and whether its argument is
/// SQL whatever it reads like (a clause method).
fn js_sink(call: &CallExpression<'_>) -> Option<(String, bool)> {
    match js::inner(&call.callee) {
        Expression::Identifier(ident) if JS_SQL_FUNCTIONS.contains(&ident.name.as_str()) => {
            Some((ident.name.to_string(), false))
        }
        _ => {
            let method = js::method_name(call)?;
            let clause = JS_CLAUSE_METHODS.contains(&method);
            (clause || JS_SQL_METHODS.contains(&method))
                .then(|| (js::dotted_path(&call.callee).unwrap_or_else(|| method.to_string()), clause))
        }
    }
}

/// A spliced value that is not taken for input: a fragment of SQL built elsewhere
/// (`whereClause`, `placeholders`), an identifier or a loop index (`tableName`, `column`, `i`),
/// the name of a bind parameter (`:${key}`), object state (`this.table`), or the result of a
/// call, which quotes, escapes or builds a piece of SQL (only reads such as `req.get('x')` and
/// `params.get('x')` count as input).
fn js_safe(value: &Expression<'_>, ctx: &JsContext<'_, '_>) -> bool {
    let source = ctx.text_of(value);
    if reads_request(source) {
        return false;
    }
    let preceding = ctx.file.text.get(..value.span().start as usize).unwrap_or_default();
    if is_bind_name(preceding) || is_object_state(source) {
        return true;
    }
    match js::inner(value) {
        Expression::CallExpression(call) => !is_input_read(call.callee_name().unwrap_or_default()),
        Expression::ComputedMemberExpression(member) => js::expr_name(&member.object).is_some_and(|n| is_code_name(&n)),
        _ => is_code_name(source),
    }
}

/// Python calls that run the SQL text they are given.
const PY_SQL_METHODS: &[&str] = &[
    "execute",
    "executemany",
    "executescript",
    "exec_driver_sql",
    "raw",
    "read_sql",
    "read_sql_query",
    "fetch",
    "fetchrow",
    "fetchval",
    "fetch_all",
    "fetch_one",
    "fetch_val",
    "query",
];

/// The callee of a call that runs SQL, as the message shows it, the SQL it is given, and
/// whether that is SQL whatever it reads like (a clause).
fn py_sink<'a>(call: &'a py_ast::ExprCall, ctx: &PyContext<'a, '_>) -> Option<(String, Vec<&'a Expr>, bool)> {
    let name = py::callee_last_name(&call.func)?;
    let shown = py::dotted_name(&call.func).unwrap_or_else(|| name.to_string());
    let first = || {
        call.arguments.args.first().or_else(|| {
            ["sql", "query", "statement", "operation", "raw_query"].iter().find_map(|k| py::keyword(call, k))
        })
    };
    if PY_SQL_METHODS.contains(&name) {
        let query = first()?;
        // `session.execute(text(...))` is reported at `text(...)`.
        if matches!(query, Expr::Call(inner) if is_sqlalchemy_text(inner, ctx)) {
            return None;
        }
        return Some((shown, vec![query], false));
    }
    if name == "RawSQL" || is_sqlalchemy_text(call, ctx) {
        return Some((shown, vec![first()?], true));
    }
    // Django `QuerySet.extra(where=[...], select={...})`.
    if name == "extra" && matches!(call.func.as_ref(), Expr::Attribute(_)) {
        let mut parts = Vec::new();
        for keyword in ["where", "select", "tables", "order_by"] {
            match py::keyword(call, keyword) {
                Some(Expr::List(py_ast::ExprList { elts, .. }) | Expr::Tuple(py_ast::ExprTuple { elts, .. })) => {
                    parts.extend(elts.iter());
                }
                Some(Expr::Dict(dict)) => parts.extend(dict.items.iter().map(|item| &item.value)),
                _ => {}
            }
        }
        return (!parts.is_empty()).then_some((shown, parts, true));
    }
    None
}

/// `text(...)` from SQLAlchemy: `sqlalchemy.text`, `sa.text`, or `text` imported from it.
fn is_sqlalchemy_text(call: &py_ast::ExprCall, ctx: &PyContext<'_, '_>) -> bool {
    match call.func.as_ref() {
        Expr::Name(name) if name.id.as_str() == "text" => {
            py::imported_from(ctx.module, "text").is_some_and(|(module, _)| module.starts_with("sqlalchemy"))
        }
        Expr::Attribute(attribute) if attribute.attr.id.as_str() == "text" => {
            matches!(py::dotted_name(&attribute.value).as_deref(), Some("sa" | "sqlalchemy" | "sql" | "sqlalchemy.sql"))
        }
        _ => false,
    }
}

fn py_safe(value: &Expr, ctx: &PyContext<'_, '_>) -> bool {
    let source = ctx.text_of(value);
    if reads_request(source) {
        return false;
    }
    let preceding = ctx.file.text.get(..value.range().start().to_usize()).unwrap_or_default();
    if is_bind_name(preceding) || is_object_state(source) {
        return true;
    }
    match value {
        Expr::Call(call) => !is_input_read(py::callee_last_name(&call.func).unwrap_or_default()),
        Expr::Subscript(subscript) => py::expr_name(&subscript.value).is_some_and(|n| is_code_name(&n)),
        _ => is_code_name(source),
    }
}

/// Whether a value spliced right after this source text names something rather than giving a
/// value: a bind parameter (`:{key}`, `:${key}`, `@{name}`), or a table in identifier position
/// (`FROM {dataset}`, `` INSERT INTO `${name}` ``, `JOIN {t}`).
fn is_bind_name(preceding: &str) -> bool {
    if [":{", ":${", "@{", "@${"].iter().any(|marker| preceding.ends_with(marker)) {
        return true;
    }
    let before = preceding.trim_end_matches(['{', '$', '`', '"', '[', '\\']).trim_end();
    let keyword = before.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or_default().to_ascii_lowercase();
    before.len() < preceding.len() && matches!(keyword.as_str(), "from" | "into" | "join" | "update" | "table")
}

/// Whether a name or member chain is for something the code, not the user, decides: a piece of
/// SQL built elsewhere, where its values are handled (`whereClause`, `placeholders`, `fsql`), an
/// identifier (`tableName`, `column.key`, `schema`), an operator (`comparator`) or a loop index
/// (`i`, `idx`).
fn is_code_name(name: &str) -> bool {
    split_words(name).iter().any(|word| {
        matches!(
            word.as_str(),
            "clause"
                | "clauses"
                | "where"
                | "conditions"
                | "fragment"
                | "subquery"
                | "placeholder"
                | "placeholders"
                | "table"
                | "tables"
                | "tablename"
                | "tbl"
                | "column"
                | "columns"
                | "col"
                | "cols"
                | "schema"
                | "db"
                | "database"
                | "dbname"
                | "alias"
                | "dialect"
                | "comparator"
                | "operator"
                | "op"
                | "i"
                | "j"
                | "n"
                | "idx"
                | "index"
        ) || word.ends_with("sql")
    })
}

/// Statement keywords a query starts with, and the words that must follow them somewhere.
const STATEMENTS: &[(&str, &[&str])] = &[
    ("select", &["from"]),
    ("insert", &["into"]),
    ("update", &["set"]),
    ("delete", &["from"]),
    ("replace", &["into"]),
    ("merge", &["into"]),
    ("with", &["select", "insert", "update", "delete"]),
    ("create", &["table", "index", "view", "schema", "database", "sequence", "trigger", "function", "type"]),
    ("drop", &["table", "index", "view", "schema", "database", "sequence", "trigger", "function", "type", "column"]),
    ("alter", &["table", "index", "view", "schema", "database", "sequence", "column"]),
    ("truncate", &["table"]),
];

/// What kind of statement SQL text reads as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Statement {
    /// Reads or writes rows: `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `WITH`, `MERGE`.
    Data,
    /// Changes the schema: `CREATE`, `DROP`, `ALTER`, `TRUNCATE`. Identifiers in these cannot be
    /// parameters, so splicing them is the only way to write them.
    Schema,
}

/// What statement text reads as: it starts with a statement keyword, or has one in upper case,
/// and the keyword is followed by its companion word (`SELECT … FROM`, `INSERT INTO`,
/// `UPDATE … SET`, `CREATE TABLE`). Data statements win over schema ones.
fn sql_statement(text: &str) -> Option<Statement> {
    let words: Vec<&str> =
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let mut found = None;
    for (index, word) in words.iter().enumerate() {
        let Some((keyword, companions)) = STATEMENTS.iter().find(|(keyword, _)| *keyword == lower[index]) else {
            continue;
        };
        let placed = index == 0 || word.chars().all(|c| c.is_ascii_uppercase());
        if placed && lower[index + 1..].iter().any(|later| companions.contains(&later.as_str())) {
            if matches!(*keyword, "create" | "drop" | "alter" | "truncate") {
                found = found.or(Some(Statement::Schema));
            } else {
                return Some(Statement::Data);
            }
        }
    }
    found
}

/// Whether SQL text passed to a sink is one that values are spliced into to be run: a data
/// statement, or any clause given to a call that takes clauses, but not a schema change.
fn runs_values(text: &str, clause: bool) -> bool {
    match sql_statement(text) {
        Some(Statement::Data) => true,
        Some(Statement::Schema) => false,
        None => clause,
    }
}

#[cfg(test)]
mod tests {
    use super::{SqlStringBuild, Statement, sql_statement};
    use crate::tester::Tester;

    #[test]
    fn sql_text() {
        let data = Some(Statement::Data);
        assert_eq!(sql_statement("SELECT * FROM users WHERE id = "), data);
        assert_eq!(sql_statement("  select name from t where x = '\u{FFFC}'"), data);
        assert_eq!(sql_statement("INSERT INTO t (a) VALUES (\u{FFFC})"), data);
        assert_eq!(sql_statement("update users set name = "), data);
        assert_eq!(sql_statement("DELETE FROM sessions WHERE token = "), data);
        assert_eq!(sql_statement("\n  WITH recent AS (SELECT id FROM x) SELECT * FROM recent"), data);
        assert_eq!(sql_statement("DROP TABLE \u{FFFC}"), Some(Statement::Schema));
        assert_eq!(sql_statement("CREATE TABLE t AS SELECT * FROM \u{FFFC}"), data);
        assert_eq!(sql_statement("Please select a file from the list"), None);
        assert_eq!(sql_statement("users:\u{FFFC}"), None);
        assert_eq!(sql_statement("Could not delete \u{FFFC} from disk"), None);
        assert_eq!(sql_statement("select"), None);
    }

    #[test]
    fn test() {
        let pass = [
            // Parameterised queries.
            ("src/db/users.ts", "const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);"),
            ("src/db/users.ts", "await db.query(`SELECT * FROM users WHERE email = $1`, [email]);"),
            ("src/db/users.js", "connection.execute('UPDATE users SET name = ? WHERE id = ?', [name, id]);"),
            ("app/db.py", "cursor.execute(\"SELECT * FROM users WHERE id = %s\", (user_id,))\n"),
            ("app/db.py", "cursor.execute(\"SELECT * FROM users WHERE id = %(id)s\", {\"id\": user_id})\n"),
            (
                "app/db.py",
                "from sqlalchemy import text\nsession.execute(text(\"SELECT * FROM users WHERE id = :id\"), {\"id\": user_id})\n",
            ),
            // Tagged templates that parameterise.
            ("src/db/users.ts", "const rows = await sql`SELECT * FROM users WHERE id = ${id}`;"),
            ("src/db/users.ts", "await prisma.$queryRaw`SELECT * FROM users WHERE id = ${id}`;"),
            ("src/db/users.ts", "await prisma.$queryRaw(Prisma.sql`SELECT * FROM users WHERE id = ${id}`);"),
            // Constants, numbers and placeholder lists.
            (
                "src/db/users.ts",
                "const TABLE = 'users';\nawait db.query(`SELECT * FROM ${TABLE} WHERE id = $1`, [id]);",
            ),
            ("src/db/users.ts", "await db.query(`SELECT * FROM users LIMIT ${Number(limit)}`);"),
            (
                "src/db/users.ts",
                "const placeholders = ids.map((_, i) => `$${i + 1}`).join(', ');\nawait db.query(`SELECT * FROM users WHERE id IN (${placeholders})`, ids);",
            ),
            (
                "src/db/users.ts",
                "await db.query(`SELECT * FROM users WHERE id IN (${ids.map(() => '?').join(',')})`, ids);",
            ),
            (
                "app/db.py",
                "def load(ids):\n    marks = \", \".join([\"%s\"] * len(ids))\n    cursor.execute(f\"SELECT * FROM users WHERE id IN ({marks})\", ids)\n",
            ),
            (
                "app/db.py",
                "def load(ids):\n    cursor.execute(\"SELECT * FROM t WHERE id IN (%s)\" % \",\".join(\"?\" for _ in ids), ids)\n",
            ),
            ("app/db.py", "USERS = \"users\"\ncursor.execute(f\"SELECT * FROM {USERS} WHERE id = %s\", (uid,))\n"),
            // Identifiers, object state and helpers decided by the code.
            ("src/db/repo.ts", "await this.db.query(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);"),
            (
                "app/db.py",
                "def purge(cursor, table_name, uid):\n    cursor.execute(f\"DELETE FROM {table_name} WHERE user_id = %s\", (uid,))\n",
            ),
            ("app/db.py", "cursor.execute(\"SELECT %s FROM t\" % self.introspection.pk_column(cursor))\n"),
            // Seen on real code: a name built from itself, starting from a quoted identifier.
            (
                "app/schema.py",
                "def convert(self, model, field):\n    value = self.quote_name(field.column)\n    value = \"TO_CHAR(%s)\" % value\n    self.execute(\"UPDATE %s SET x = %s\" % (self.quote_name(model.db_table), value))\n",
            ),
            (
                "app/search.py",
                "import sqlalchemy as sa\n\ndef compare(col_ref, comparator):\n    return sa.text(f\"(BINARY {col_ref} {comparator} :values)\")\n",
            ),
            // Tables in identifier position, and bind parameter names.
            ("app/db.py", "def dump(dataset):\n    cursor.execute(f\"SELECT * FROM {dataset}\")\n"),
            (
                "src/db/copy.ts",
                "await db.query(`INSERT INTO \\`${target}\\` SELECT * FROM ${source} WHERE id = $1`, [id]);",
            ),
            (
                "app/search.py",
                "from sqlalchemy import text\n\ndef match(key):\n    return text(f\"EXISTS (SELECT 1 FROM m WHERE content LIKE :{key})\")\n",
            ),
            // Schema changes, whose identifiers cannot be parameters.
            (
                "src/db/migrate.ts",
                "await knex.raw(`ALTER TABLE \\`${name}\\` RENAME COLUMN \\`${from}\\` TO \\`${to}\\``);",
            ),
            ("app/db.py", "cur.execute(f\"CREATE INDEX IF NOT EXISTS idx_x ON chunk USING {method} (embedding)\")\n"),
            // Enum values, lookup tables of constants and loops over constant lists.
            ("app/models.py", "import sqlalchemy as sa\nsa.text(f\"'{Status.DRAFT.value}'\")\n"),
            (
                "app/search.py",
                "from sqlalchemy import text\n\ndef match(kind, column):\n    templates = {\"like\": \"{column} LIKE :v\", \"eq\": \"{column} = :v\"}\n    return text(templates[kind].format(column=column))\n",
            ),
            (
                "app/search.py",
                "from sqlalchemy import text\n\ndef match(table):\n    sources = [\"json_each(chat)\", \"json_each(meta)\"]\n    return text(\" OR \".join(f\"EXISTS (SELECT 1 FROM {source} WHERE x = :k)\" for source in sources))\n",
            ),
            // Quoted identifiers.
            ("app/db.py", "cursor.execute(\"DROP TABLE %s\" % connection.ops.quote_name(table))\n"),
            ("src/db/admin.js", "await db.query('DROP TABLE ' + connection.escapeId(table));"),
            // Parameterised clauses pushed onto a list.
            (
                "src/db/search.ts",
                "const where = [];\nconst params = [];\nif (name) { where.push('name = ?'); params.push(name); }\nawait db.query(`SELECT * FROM users WHERE ${where.join(' AND ')}`, params);",
            ),
            // Not SQL, not a query call, or not built.
            ("src/cache.ts", "await redis.get(`users:${id}`);"),
            ("src/db/users.ts", "await db.query(sql, params);"),
            ("src/ui/dialog.ts", "dialog.execute(`Please select a file from ${folder}`);"),
            ("app/db.py", "cursor.execute(query, params)\n"),
            ("app/log.py", "logger.info(f\"select from {table}\")\n"),
            // Tests.
            ("tests/test_db.py", "cursor.execute(f\"SELECT * FROM users WHERE id = {user_id}\")\n"),
            // Go: parameters, constants, numbers, identifiers and object state.
            (
                "internal/store/users.go",
                "package store\nfunc f(db *sql.DB, id string) { db.Query(\"SELECT * FROM users WHERE id = $1\", id) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(db *sql.DB, id string) { db.QueryRow(\"SELECT name FROM users WHERE id = ?\", id).Scan(&name) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nconst usersTable = \"users\"\nfunc f(db *sql.DB, id string) { db.Query(fmt.Sprintf(\"SELECT * FROM %s WHERE id = $1\", usersTable), id) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(db *sql.DB, limit, offset int) { db.Query(fmt.Sprintf(\"SELECT * FROM users LIMIT %d OFFSET %d\", limit, offset)) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(db *sql.DB, id int) { db.Query(fmt.Sprintf(\"SELECT * FROM users WHERE id = %v\", id)) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(db *sql.DB, id int64) { db.Exec(\"DELETE FROM users WHERE id = \" + strconv.FormatInt(id, 10)) }\n",
            ),
            (
                "internal/store/agg.go",
                "package store\nfunc f(db *sql.DB, table string) { db.QueryRow(\"SELECT MAX(day) FROM \" + table) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(db *sql.DB, ids []string) {\n\tmarks := make([]string, len(ids))\n\tplaceholders := strings.Join(marks, \",\")\n\tdb.Query(\"SELECT * FROM users WHERE id IN (\" + placeholders + \")\")\n}\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc (s *Store) Get(id string) { s.db.QueryRow(\"SELECT * FROM \" + s.table + \" WHERE id = $1\", id) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nimport \"example.com/app/schema\"\nfunc f(db *sql.DB, id string) { db.Query(\"SELECT * FROM \" + schema.Users + \" WHERE id = $1\", id) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(db *gorm.DB, name string) { db.Where(\"name = ?\", name).First(&u) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(db *gorm.DB, column, v string) { db.Where(fmt.Sprintf(\"%s = ?\", column), v).Find(&u) }\n",
            ),
            (
                "internal/cache/cache.go",
                "package cache\nfunc f(c *Cache, id string) { c.Get(fmt.Sprintf(\"user:%s\", id)) }\n",
            ),
            (
                "internal/store/migrate.go",
                "package store\nfunc f(db *sql.DB, name string) { db.Exec(fmt.Sprintf(\"CREATE TABLE IF NOT EXISTS %s (id int)\", name)) }\n",
            ),
            (
                "internal/store/users_test.go",
                "package store\nfunc f(db *sql.DB, name string) { db.Query(\"SELECT * FROM users WHERE name = '\" + name + \"'\") }\n",
            ),
            // Rust.
            (
                "src/db.rs",
                "async fn f(pool: &PgPool, id: i64) { sqlx::query(\"SELECT * FROM users WHERE id = $1\").bind(id).execute(pool).await; }\n",
            ),
            (
                "src/db.rs",
                "fn f(conn: &Connection, a: &str) { conn.execute(\"INSERT INTO t (a) VALUES (?1)\", params![a]); }\n",
            ),
            (
                "src/db.rs",
                "const TABLE: &str = \"users\";\nasync fn f(pool: &PgPool, id: i64) { sqlx::query(&format!(\"SELECT * FROM {} WHERE id = $1\", TABLE)).bind(id); }\n",
            ),
            (
                "src/db.rs",
                "async fn f(pool: &PgPool, limit: i64) { sqlx::query(&format!(\"SELECT * FROM users LIMIT {}\", limit)); }\n",
            ),
            (
                "src/db.rs",
                "async fn f(table: &str) { sqlx::query(&format!(\"SELECT * FROM {table} WHERE id = $1\")); }\n",
            ),
            (
                "src/db.rs",
                "impl Repo { async fn f(&self) { sqlx::query(&format!(\"SELECT * FROM {} WHERE id = $1\", self.table)); } }\n",
            ),
            (
                "src/db.rs",
                "fn f(conn: &mut PgConnection) { diesel::sql_query(\"LISTEN queue_channel;\").execute(conn); }\n",
            ),
            (
                "src/db.rs",
                "fn f(conn: &Connection, name: &str) { conn.execute(&format!(\"DROP TABLE {name}\"), []); }\n",
            ),
            ("src/db.rs", "async fn f() { db::query_as(Self::Dialect::GET_USER).fetch_one(pool).await; }\n"),
            (
                "src/db.rs",
                "fn f(placeholders: String) { sqlx::query(&format!(\"SELECT * FROM t WHERE id IN ({})\", placeholders)); }\n",
            ),
            ("src/cache.rs", "fn f(client: &Client, id: &str) { client.query(&format!(\"user:{}\", id)); }\n"),
            (
                "internal/store/generic.go",
                "package store\nfunc f(db *sql.DB, key, fields string, v any) { db.Query(fmt.Sprintf(\"SELECT %s FROM items WHERE %s = $1\", fields, key), v) }\n",
            ),
            (
                "src/store.rs",
                "fn f(conn: &Connection, key: &str, v: &str) { conn.query_row(&format!(\"SELECT id FROM items WHERE \\\"{key}\\\" = ?1\"), [v], |r| r.get(0)); }\n",
            ),
            (
                "src/decimal.rs",
                "fn f(client: &Client, sent: &str) { client.query(&*format!(\"SELECT {}::NUMERIC(10, 2)\", sent), &[]); }\n",
            ),
            (
                "src/db.rs",
                "#[cfg(test)]\nmod tests {\n    fn t(conn: &Connection, name: &str) { conn.execute(&format!(\"DELETE FROM t WHERE name = '{}'\", name), []); }\n}\n",
            ),
        ];
        let fail = [
            ("src/db/users.ts", "const { rows } = await pool.query(`SELECT * FROM users WHERE email = '${email}'`);"),
            ("src/db/users.js", "db.query('SELECT * FROM users WHERE id = ' + req.params.id, cb);"),
            ("src/db/users.js", "client.query(\"DELETE FROM sessions WHERE token = '\" + token + \"'\");"),
            ("src/db/users.ts", "await connection.execute(`UPDATE users SET name = '${name}' WHERE id = ${id}`);"),
            ("src/db/users.ts", "await sequelize.query(`SELECT * FROM orders ORDER BY ${req.query.sortColumn}`);"),
            ("src/db/users.ts", "await knex.raw(`select * from users where name = '${name}'`);"),
            ("src/db/users.ts", "await prisma.$queryRawUnsafe(`SELECT * FROM users WHERE id = ${id}`);"),
            ("src/db/users.ts", "await prisma.$executeRawUnsafe('DELETE FROM users WHERE id = ' + id);"),
            // Built in a variable first.
            (
                "src/db/users.ts",
                "export async function find(name: string) {\n  const sql = `SELECT * FROM users WHERE name = '${name}'`;\n  return db.query(sql);\n}",
            ),
            (
                "src/db/search.js",
                "let sql = 'SELECT * FROM users WHERE 1 = 1';\nif (name) sql += ` AND name = '${name}'`;\nconst rows = db.prepare(sql).all();",
            ),
            (
                "src/db/search.ts",
                "const where: string[] = [];\nif (q.name) where.push(`name = '${q.name}'`);\nawait db.query(`SELECT * FROM users WHERE ${where.join(' AND ')}`);",
            ),
            // Python.
            ("app/db.py", "cursor.execute(f\"SELECT * FROM users WHERE email = '{email}'\")\n"),
            ("app/db.py", "cursor.execute(\"SELECT * FROM users WHERE id = %s\" % user_id)\n"),
            ("app/db.py", "conn.execute(\"DELETE FROM users WHERE id = {}\".format(user_id))\n"),
            ("app/db.py", "conn.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\")\n"),
            (
                "app/db.py",
                "from sqlalchemy import text\n\ndef find(session, name):\n    return session.execute(text(f\"SELECT * FROM users WHERE name = '{name}'\"))\n",
            ),
            (
                "app/db.py",
                "def find(cursor, name):\n    query = f\"SELECT * FROM users WHERE name = '{name}'\"\n    cursor.execute(query)\n",
            ),
            (
                "app/db.py",
                "def search(cursor, filters):\n    sql = \"SELECT * FROM items WHERE 1=1\"\n    for key, value in filters.items():\n        sql += f\" AND {key} = '{value}'\"\n    cursor.execute(sql)\n",
            ),
            ("app/views.py", "User.objects.raw(f\"SELECT * FROM auth_user WHERE username = '{username}'\")\n"),
            ("app/views.py", "Entry.objects.extra(where=[f\"headline = '{headline}'\"])\n"),
            ("app/report.py", "df = pd.read_sql(f\"SELECT * FROM sales WHERE region = '{region}'\", engine)\n"),
            // Go.
            (
                "internal/store/users.go",
                "package store\nfunc f(db *sql.DB, name string) { db.Query(\"SELECT * FROM users WHERE name = '\" + name + \"'\") }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(db *sql.DB, email string) { db.QueryRow(fmt.Sprintf(\"SELECT * FROM users WHERE email = '%s'\", email)) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(ctx context.Context, db *sql.DB, token string) { db.ExecContext(ctx, fmt.Sprintf(\"DELETE FROM sessions WHERE token = '%s'\", token)) }\n",
            ),
            (
                "internal/store/search.go",
                "package store\nfunc f(db *sql.DB, name string) {\n\tquery := \"SELECT * FROM items WHERE 1=1\"\n\tif name != \"\" {\n\t\tquery += \" AND name = '\" + name + \"'\"\n\t}\n\trows, err := db.Query(query)\n}\n",
            ),
            (
                "internal/store/search.go",
                "package store\nfunc f(db *sql.DB, name string) {\n\tvar sb strings.Builder\n\tsb.WriteString(\"SELECT * FROM users WHERE name = '\")\n\tsb.WriteString(name)\n\tsb.WriteString(\"'\")\n\tdb.Query(sb.String())\n}\n",
            ),
            (
                "internal/handlers/users.go",
                "package handlers\nfunc list(c *gin.Context) { db.Where(fmt.Sprintf(\"name = '%s'\", c.Query(\"name\"))).Find(&users) }\n",
            ),
            (
                "internal/handlers/users.go",
                "package handlers\nfunc list(w http.ResponseWriter, r *http.Request) { db.Raw(\"SELECT * FROM users WHERE name = '\" + r.URL.Query().Get(\"name\") + \"'\").Scan(&u) }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(db *sqlx.DB, role string) { db.Select(&users, \"SELECT * FROM users WHERE role = '\" + role + \"'\") }\n",
            ),
            (
                "internal/store/users.go",
                "package store\nfunc f(ctx context.Context, conn *pgx.Conn, name string) { conn.Query(ctx, fmt.Sprintf(\"SELECT * FROM t WHERE name = '%s'\", name)) }\n",
            ),
            (
                "internal/handlers/orders.go",
                "package handlers\nfunc list(c *gin.Context) {\n\tsort := c.Query(\"sort\")\n\tdb.Query(\"SELECT * FROM orders ORDER BY \" + sort)\n}\n",
            ),
            (
                "internal/store/search.go",
                "package store\nfunc f(db *sql.DB, name string) {\n\tconds := []string{\"1=1\"}\n\tconds = append(conds, fmt.Sprintf(\"name = '%s'\", name))\n\tdb.Query(\"SELECT * FROM items WHERE \" + strings.Join(conds, \" AND \"))\n}\n",
            ),
            // Rust.
            (
                "src/db.rs",
                "async fn f(name: &str) { sqlx::query(&format!(\"SELECT * FROM users WHERE name = '{}'\", name)); }\n",
            ),
            (
                "src/db.rs",
                "async fn f(email: &str) { sqlx::query_as::<_, User>(&format!(\"SELECT * FROM users WHERE email = '{email}'\")); }\n",
            ),
            (
                "src/db.rs",
                "fn f(conn: &Connection, token: &str) { conn.execute(&format!(\"DELETE FROM sessions WHERE token = '{}'\", token), []); }\n",
            ),
            (
                "src/db.rs",
                "fn f(conn: &mut PgConnection, name: &str) { diesel::sql_query(format!(\"UPDATE users SET name = '{}' WHERE id = 1\", name)).execute(conn); }\n",
            ),
            (
                "src/db.rs",
                "async fn f(name: &str) {\n    let sql = format!(\"SELECT * FROM users WHERE name = '{}'\", name);\n    sqlx::query(&sql).fetch_all(pool).await;\n}\n",
            ),
            (
                "src/db.rs",
                "fn f(conn: &Client, name: &str) {\n    let mut sql = String::from(\"SELECT * FROM items WHERE 1=1\");\n    sql.push_str(&format!(\" AND name = '{}'\", name));\n    conn.query(&sql, &[]);\n}\n",
            ),
            (
                "src/db.rs",
                "fn f(conn: &Connection, name: &str) { conn.execute(&(\"DELETE FROM t WHERE name = '\".to_string() + name + \"'\"), []); }\n",
            ),
            (
                "src/db.rs",
                "fn f(client: &Client, value: String) { client.query(&format!(\"SELECT * FROM t WHERE a = '{v}'\", v = value), &[]); }\n",
            ),
            (
                "src/db.rs",
                "fn f(client: &Client, user: &User) { client.query_one(&format!(\"SELECT * FROM t WHERE a = '{}'\", user.name), &[]); }\n",
            ),
            (
                "src/db.rs",
                "fn f(client: &Client, name: &str) { client.query(&*format!(\"SELECT * FROM t WHERE a = '{}'\", name), &[]); }\n",
            ),
            (
                "src/sync.rs",
                "async fn f(db: &Path, message: &str) { execute(&db, &format!(\"DELETE FROM part WHERE message_id = '{message}'\")).await; }\n",
            ),
        ];
        Tester::new::<SqlStringBuild>(pass, fail).test_and_snapshot();
    }
}
