use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{CallExpression, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use super::{excerpt, is_input_read, is_object_state, reads_request};
use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::names::split_words;
use crate::helpers::{js, py};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds SQL text put together from values and passed to a call that runs it: template
    /// literals with `${}` and `+` concatenation in JavaScript (`db.query`, `pool.query`,
    /// `client.query`, `connection.execute`, `sequelize.query`, `knex.raw` and the other `*Raw`
    /// methods, `prisma.$queryRawUnsafe`/`$executeRawUnsafe`, SQLite's `prepare`/`run`/`all`/
    /// `get`/`exec`), f-strings, `+`, `%` and `.format()` in Python (`cursor.execute`,
    /// `conn.execute`, `session.execute(text(...))`, `pandas.read_sql`, Django's `raw()`,
    /// `extra()` and `RawSQL`). A query built in a local variable first, and then passed, counts
    /// too, as do clauses pushed onto a list that is joined into the query.
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
    ///
    /// ## Use instead
    /// ```ts
    /// const { rows } = await pool.query("SELECT * FROM users WHERE email = $1", [email]);
    /// ```
    /// ```python
    /// cursor.execute("SELECT * FROM users WHERE email = %s", (email,))
    /// ```
    ///
    /// ## Known limitations
    /// Values are followed three local variables deep; a query built in another function and
    /// passed in is not seen. Schema statements (`CREATE`, `DROP`, `ALTER`), whose identifiers
    /// cannot be parameters, are not reported. Identifiers and fragments are told from input by
    /// their names, so a user-chosen sort column passed in as `column` is missed unless it is read
    /// from the request in place. Rust and Go are not covered yet.
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
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    // Every query names a statement, or goes to a call that takes a clause.
    const NEEDLES: &'static [&'static str] = &[
        "SELECT", "select", "Select", "INSERT", "insert", "Insert", "UPDATE", "update", "Update", "DELETE", "delete",
        "Delete", "CREATE", "create", "DROP", "drop", "ALTER", "alter", "TRUNCATE", "truncate", "REPLACE", "MERGE",
        "Raw", "extra(", "text(",
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
        ];
        Tester::new::<SqlStringBuild>(pass, fail).test_and_snapshot();
    }
}
