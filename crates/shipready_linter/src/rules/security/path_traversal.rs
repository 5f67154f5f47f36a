use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{BindingPattern, CallExpression, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use super::excerpt;
use crate::context::{JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::tree as tree_help;
use crate::helpers::{js, py};
use crate::rule::Rule;
use shipready_lang::tree::{Node, text};

declare_rule! {
    /// ## What it does
    /// Finds files opened, written, deleted or sent at a path made from request input, with no
    /// check that the path stays inside the folder it is meant for: `fs.readFile`,
    /// `readFileSync`, `createReadStream`, `writeFile`, `unlink`, `rm` and friends, and
    /// `res.sendFile`/`res.download` given `req.params`, `req.query`, `req.body`, `req.headers` or
    /// an uploaded file's name, directly, joined (`path.join(UPLOADS, req.params.name)`, template
    /// literals, `+`) or through a local variable; in Python `open()`, `send_file`,
    /// `FileResponse`, `os.remove`, `shutil.rmtree`, `Path(...).read_text()` and friends given a
    /// route's path or query parameter, `request.args`/`form`/`json`/`GET`/`POST`, or an upload's
    /// `filename`, joined with `os.path.join`, `/`, f-strings or `+`; in Go `os.Open`,
    /// `OpenFile`, `Create`, `ReadFile`, `WriteFile`, `Remove`, `RemoveAll`, `ReadDir`,
    /// `Rename`, `ioutil.ReadFile`/`WriteFile`, `http.ServeFile`, and gin, echo and fiber
    /// contexts' `File`, `FileAttachment`, `Attachment`, `SendFile` and `SaveUploadedFile`, given
    /// `r.URL.Query().Get(..)`, `r.FormValue(..)`, `r.PathValue(..)`, `mux.Vars(r)[..]`,
    /// `chi.URLParam(r, ..)`, a context's `Param`/`Query`/`QueryParam`/`PostForm`, or an upload's
    /// `Filename`, joined with `filepath.Join`, `+` or `fmt.Sprintf`, in place or through local
    /// variables.
    ///
    /// Paths that are checked are not reported: a function that resolves the path
    /// (`path.resolve`, `os.path.realpath`/`abspath`, `Path.resolve()`) and compares it with the
    /// base (`startsWith`, `startswith`, `commonpath`, `is_relative_to`), or rejects `..`; nor are
    /// names reduced to their last part (`path.basename`, `secure_filename`, `Path(x).name`),
    /// `res.sendFile` with a `root` option, and constant paths. In Go, a function that compares a
    /// cleaned path's prefix (`filepath.Clean`/`Abs` with `strings.HasPrefix`), asks
    /// `filepath.Rel` or `filepath.IsLocal`, uses `filepath.Base`, rejects `..` or opens through a
    /// root (`os.OpenRoot`, `securejoin`) is taken as checked; `filepath.Clean("/" + name)`
    /// confines the name; `http.Dir` and `os.DirFS` are not file calls here, and
    /// `http.ServeFile` given a route parameter is not reported, since it rejects `..` in the URL
    /// path itself.
    ///
    /// ## Why is this bad?
    /// A name like `../../etc/passwd` or `..%2f..%2f.env` walks out of the upload folder: the
    /// server reads or sends its own secrets and source, or overwrites and deletes files it can
    /// reach.
    ///
    /// ## Example
    /// ```ts
    /// app.get("/files/:name", (req, res) => {
    ///   res.sendFile(path.join(UPLOAD_DIR, req.params.name));
    /// });
    /// ```
    /// ```python
    /// @app.get("/files/{name}")
    /// def download(name: str):
    ///     return FileResponse(os.path.join(UPLOAD_DIR, name))
    /// ```
    /// ```go
    /// func download(c *gin.Context) {
    ///     c.File(filepath.Join(uploadDir, c.Param("name")))
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```ts
    /// const file = path.resolve(UPLOAD_DIR, req.params.name);
    /// if (!file.startsWith(UPLOAD_DIR + path.sep)) return res.sendStatus(400);
    /// res.sendFile(file);
    /// ```
    /// ```python
    /// file = (UPLOAD_DIR / name).resolve()
    /// if not file.is_relative_to(UPLOAD_DIR):
    ///     raise HTTPException(400)
    /// return FileResponse(file)
    /// ```
    /// ```go
    /// func download(c *gin.Context) {
    ///     c.File(filepath.Join(uploadDir, filepath.Base(c.Param("name"))))
    /// }
    /// ```
    ///
    /// ## Known limitations
    /// Input is followed through two local variables; a path built in another function is not
    /// seen. A check anywhere in the same function counts, whatever path it checks. Go's
    /// `r.URL.Path`, which `http.ServeMux` cleans, and upload names reached through a range loop
    /// or a helper's `*multipart.FileHeader` parameter are not followed; Rust is not covered.
    pub(crate) struct PathTraversal {
        id: "path-traversal",
        area: Security,
        severity: High,
        since: "0.1.0",
        title: "File path built from request input",
        rationale: "A path from request input can walk out of its folder with `..` and read, overwrite or delete other files.",
        fix: "Resolve the path and check it stays under the base folder, or keep only the file name (`path.basename`, `secure_filename`).",
    }
}

impl Rule for PathTraversal {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const GO_KINDS: &'static [&'static str] = &["call_expression"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        let Some((sink, paths)) = js_sink(call, ctx) else { return };
        for path in paths {
            let Some(input) = js_input(path, ctx, 0) else { continue };
            if js_checked(node, ctx) {
                return;
            }
            let shown = excerpt(ctx.text_of(input));
            ctx.report(
                path.span(),
                format!("`{sink}` uses a path built from `{shown}` without checking it stays in its folder"),
            );
            return;
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let Some((sink, paths)) = py_sink(call, ctx) else { return };
        let scope = py::Scope::of(ctx.ancestors(), ctx.module);
        for path in paths {
            let Some(input) = py_input(path, scope, ctx, 0) else { continue };
            if scope.function.is_some_and(|function| py_checked(ctx.text_of(function))) {
                return;
            }
            let shown = excerpt(ctx.text_of(input));
            ctx.report(
                path.range(),
                format!("`{sink}` uses a path built from `{shown}` without checking it stays in its folder"),
            );
            return;
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        if ctx.file.language != Language::Go {
            return;
        }
        let Some((sink, path, serves_url_path)) = go_sink(node, source) else { return };
        let Some(input) = go_input(path, source, 0) else { return };
        // `http.ServeFile` itself rejects `..` in the URL path, where path parameters come from.
        if serves_url_path && reads_path_parameter(input, source) {
            return;
        }
        if go_checked(node, source) {
            return;
        }
        let shown = excerpt(text(input, source));
        ctx.report(path, format!("`{sink}` uses a path built from `{shown}` without checking it stays in its folder"));
    }
}

// ---------------------------------------------------------------------------------------------
// Go

/// `os` and `ioutil` functions and the argument that is a path.
const GO_FILE_FUNCTIONS: &[(&str, usize)] = &[
    ("os.Open", 0),
    ("os.OpenFile", 0),
    ("os.Create", 0),
    ("os.ReadFile", 0),
    ("os.WriteFile", 0),
    ("os.Remove", 0),
    ("os.RemoveAll", 0),
    ("os.ReadDir", 0),
    ("os.Rename", 1),
    ("os.Truncate", 0),
    ("ioutil.ReadFile", 0),
    ("ioutil.WriteFile", 0),
    ("ioutil.ReadDir", 0),
    ("http.ServeFile", 2),
];

/// Methods of a handler context (gin, echo, fiber) that send or save a file, and the argument
/// that is its path.
const GO_CONTEXT_FILE_METHODS: &[(&str, usize)] = &[
    ("File", 0),
    ("FileAttachment", 0),
    ("Attachment", 0),
    ("Inline", 0),
    ("SendFile", 0),
    ("Download", 0),
    ("SaveUploadedFile", 1),
    ("SaveFile", 1),
];

/// A Go call that touches a file: the callee, the path argument, and whether it is
/// `http.ServeFile` (which rejects `..` in the URL path by itself).
fn go_sink<'t>(call: Node<'t>, source: &'t str) -> Option<(&'t str, Node<'t>, bool)> {
    let function = call.child_by_field_name("function")?;
    let callee = text(function, source);
    let arguments = tree_help::call_arguments(call);
    if let Some((_, index)) = GO_FILE_FUNCTIONS.iter().find(|(name, _)| *name == callee) {
        return Some((callee, *arguments.get(*index)?, callee == "http.ServeFile"));
    }
    if function.kind() != "selector_expression" {
        return None;
    }
    let method = text(function.child_by_field_name("field")?, source);
    let (_, index) = GO_CONTEXT_FILE_METHODS.iter().find(|(name, _)| *name == method)?;
    let receiver = function.child_by_field_name("operand").filter(|r| r.kind() == "identifier")?;
    tree_help::go_parameter_type(receiver, source)
        .is_some_and(tree_help::is_go_context_type)
        .then(|| arguments.get(*index).map(|path| (callee, *path, false)))
        .flatten()
}

/// Calls that pass a path on, changed but not confined.
const GO_PATH_CARRIERS: &[&str] = &[
    "filepath.Join",
    "path.Join",
    "filepath.Clean",
    "path.Clean",
    "filepath.Abs",
    "filepath.FromSlash",
    "filepath.ToSlash",
    "fmt.Sprintf",
    "strings.TrimPrefix",
    "strings.TrimSuffix",
    "strings.TrimSpace",
    "strings.ToLower",
    "url.PathUnescape",
    "url.QueryUnescape",
    "string",
];

/// Bytes of source beyond which a path expression is not followed.
const MAX_PATH_EXPRESSION: usize = 4096;

/// The request input a Go path is built from, if any: read directly (`c.Param("name")`,
/// `r.URL.Query().Get("f")`, `mux.Vars(r)["f"]`, an upload's `Filename`), joined or formatted,
/// or through local variables (two deep). Names reduced to their last part (`filepath.Base`)
/// and other calls end the trail; so does `filepath.Clean("/" + name)`, which cannot climb out.
fn go_input<'t>(expr: Node<'t>, source: &'t str, depth: u8) -> Option<Node<'t>> {
    // No path is this long; a huge expression is generated code, and not worth the recursion.
    if expr.byte_range().len() > MAX_PATH_EXPRESSION {
        return None;
    }
    match expr.kind() {
        "parenthesized_expression" => go_input(expr.named_child(0)?, source, depth),
        "binary_expression" => {
            let left = expr.child_by_field_name("left")?;
            let right = expr.child_by_field_name("right")?;
            go_input(left, source, depth).or_else(|| go_input(right, source, depth))
        }
        "identifier" if depth < 2 => {
            let values = tree_help::assigned_values(expr, text(expr, source), source, Language::Go);
            values.into_iter().find_map(|value| go_input(value, source, depth + 1))
        }
        // `mux.Vars(r)["name"]`, `r.URL.Query()["f"][0]`, `r.Form["f"]`
        "index_expression" => {
            let operand = expr.child_by_field_name("operand")?;
            (tree_help::go_reads_request(operand, source) && !reads_url_path(operand, source)).then_some(expr)
        }
        // `header.Filename` of `_, header, err := r.FormFile("f")` or `c.FormFile("f")`
        "selector_expression" => {
            let field = text(expr.child_by_field_name("field")?, source);
            let operand = expr.child_by_field_name("operand")?;
            let uploaded = field == "Filename"
                && operand.kind() == "identifier"
                && tree_help::assigned_values(operand, text(operand, source), source, Language::Go).iter().any(|v| {
                    v.kind() == "call_expression"
                        && v.child_by_field_name("function").is_some_and(|f| {
                            f.child_by_field_name("field").is_some_and(|m| text(m, source) == "FormFile")
                                && tree_help::go_reads_request(f, source)
                        })
                });
            uploaded.then_some(expr)
        }
        "call_expression" => {
            let function = expr.child_by_field_name("function")?;
            let callee = text(function, source);
            if matches!(callee, "chi.URLParam" | "chi.URLParamFromCtx")
                || (tree_help::go_reads_request(function, source) && !reads_url_path(function, source))
            {
                return Some(expr);
            }
            if !GO_PATH_CARRIERS.contains(&callee) {
                return None;
            }
            let arguments = tree_help::call_arguments(expr);
            // `filepath.Clean("/" + name)` stays under `/`.
            if matches!(callee, "filepath.Clean" | "path.Clean")
                && let Some(first) = arguments.first()
                && first.kind() == "binary_expression"
                && first.child_by_field_name("left").is_some_and(|left| {
                    tree_help::is_string_literal(left) && tree_help::unquote(text(left, source)).starts_with('/')
                })
            {
                return None;
            }
            arguments.into_iter().find_map(|argument| go_input(argument, source, depth))
        }
        _ => None,
    }
}

/// `r.URL.Path`: cleaned by `http.ServeMux` before a handler sees it.
fn reads_url_path(node: Node<'_>, source: &str) -> bool {
    let written = text(node, source);
    written.contains(".URL.Path") || written.contains(".URL.RawPath")
}

/// Whether input comes from the URL path: a route parameter (`c.Param`, `mux.Vars`,
/// `chi.URLParam`, `r.PathValue`).
fn reads_path_parameter(input: Node<'_>, source: &str) -> bool {
    let written = text(input, source);
    ["mux.Vars(", "chi.URLParam", ".Param(", ".Params(", ".PathValue(", ".ParamValues("]
        .iter()
        .any(|read| written.contains(read))
}

/// Whether the Go function around a file call keeps paths in their folder: cleans or resolves
/// and compares the prefix, asks `filepath.Rel`/`filepath.IsLocal`, reduces names with
/// `filepath.Base`, rejects `..`, or opens through a root (`os.OpenRoot`, `securejoin`).
fn go_checked(node: Node<'_>, source: &str) -> bool {
    let Some(function) = tree_help::enclosing_functions(node).next() else { return false };
    let body = text(function, source);
    let resolves = ["filepath.Clean(", "path.Clean(", "filepath.Abs(", "filepath.Join(", "EvalSymlinks("]
        .iter()
        .any(|m| body.contains(m));
    (resolves && body.contains("strings.HasPrefix("))
        || [
            "filepath.Rel(",
            "filepath.IsLocal(",
            "filepath.Localize(",
            "filepath.Base(",
            "path.Base(",
            "SecureJoin",
            "OpenInRoot",
            "OpenRoot",
            "fs.ValidPath(",
            "\"..\"",
            "\"../\"",
        ]
        .iter()
        .any(|m| body.contains(m))
}

// ---------------------------------------------------------------------------------------------
// JavaScript

/// `fs` functions and the arguments that are paths.
const FS_FUNCTIONS: &[(&str, &[usize])] = &[
    ("readFile", &[0]),
    ("readFileSync", &[0]),
    ("createReadStream", &[0]),
    ("createWriteStream", &[0]),
    ("writeFile", &[0]),
    ("writeFileSync", &[0]),
    ("appendFile", &[0]),
    ("appendFileSync", &[0]),
    ("unlink", &[0]),
    ("unlinkSync", &[0]),
    ("rm", &[0]),
    ("rmSync", &[0]),
    ("rmdir", &[0]),
    ("rmdirSync", &[0]),
    ("readdir", &[0]),
    ("readdirSync", &[0]),
    ("open", &[0]),
    ("openSync", &[0]),
    ("copyFile", &[0, 1]),
    ("copyFileSync", &[0, 1]),
    ("rename", &[0, 1]),
    ("renameSync", &[0, 1]),
    ("outputFile", &[0]),
    ("readJson", &[0]),
    ("readJSON", &[0]),
    ("remove", &[0]),
];

fn is_fs_module(source: &str) -> bool {
    matches!(
        source.strip_prefix("node:").unwrap_or(source),
        "fs" | "fs/promises" | "fs-extra" | "graceful-fs" | "original-fs"
    )
}

/// The file call and its path arguments.
fn js_sink<'a>(call: &'a CallExpression<'a>, ctx: &JsContext<'a, '_>) -> Option<(String, Vec<&'a Expression<'a>>)> {
    let name = call.callee_name()?;
    // `res.sendFile(path)`, `res.download(path)`, unless a `root` confines it.
    if matches!(name, "sendFile" | "download")
        && js::method_receiver(call)
            .and_then(js::dotted_path)
            .is_some_and(|receiver| matches!(receiver.as_str(), "res" | "response" | "ctx.res"))
    {
        let rooted = call.arguments.iter().skip(1).filter_map(|a| a.as_expression()).any(|options| {
            let options = match js::inner(options) {
                Expression::Identifier(ident) => js::constant_initializer(ctx.semantic, ident).unwrap_or(options),
                _ => options,
            };
            matches!(js::inner(options), Expression::ObjectExpression(object) if js::object_property(object, "root").is_some())
        });
        return (!rooted).then(|| {
            (js::dotted_path(&call.callee).unwrap_or_else(|| name.to_string()), js::arg(call, 0).into_iter().collect())
        });
    }
    let (_, indices) = FS_FUNCTIONS.iter().find(|(function, _)| *function == name)?;
    let from_fs = match js::inner(&call.callee) {
        Expression::Identifier(ident) => js::import_source(ctx.semantic, ident).is_some_and(is_fs_module),
        Expression::StaticMemberExpression(member) => match js::inner(&member.object) {
            Expression::Identifier(object) => js::import_source(ctx.semantic, object).is_some_and(is_fs_module),
            // `fs.promises.readFile`
            Expression::StaticMemberExpression(inner) if inner.property.name == "promises" => {
                matches!(js::inner(&inner.object), Expression::Identifier(object) if js::import_source(ctx.semantic, object).is_some_and(is_fs_module))
            }
            _ => false,
        },
        _ => false,
    };
    if !from_fs {
        return None;
    }
    let shown = js::dotted_path(&call.callee).unwrap_or_else(|| name.to_string());
    Some((shown, indices.iter().filter_map(|index| js::arg(call, *index)).collect()))
}

/// Where request data sits on the request object.
const REQUEST_PARTS: &[&str] = &["params", "query", "body", "headers", "cookies", "files", "file"];

/// A member chain that reads request input: `req.params.name`, `req.query.file`,
/// `req.file.originalname`, `ctx.params.id`, `ctx.request.body.path`, `request.body.name`.
fn reads_request_input(path: &str) -> bool {
    let parts: Vec<&str> = path.split('.').collect();
    let part = match parts.as_slice() {
        [root, part, ..] if matches!(*root, "req" | "request") => *part,
        ["ctx", "request", part, ..] => *part,
        ["ctx", part, ..] if matches!(*part, "params" | "query") => *part,
        _ => return false,
    };
    // Of an uploaded file only its name is the client's; its stored path is the server's.
    if matches!(part, "file" | "files") {
        return parts
            .last()
            .is_some_and(|last| matches!(*last, "originalname" | "name" | "filename" | "originalFilename"));
    }
    REQUEST_PARTS.contains(&part)
}

/// The request input a path is built from, if any: read directly, joined (`path.join`,
/// `path.resolve`, templates, `+`), decoded, or through local variables. Reduced names
/// (`path.basename`) and other function calls end the trail.
fn js_input<'a>(expr: &'a Expression<'a>, ctx: &JsContext<'a, '_>, depth: u8) -> Option<&'a Expression<'a>> {
    match js::inner(expr) {
        Expression::StaticMemberExpression(_) | Expression::ComputedMemberExpression(_) => {
            let mut object = js::inner(expr);
            // `req.params['name']`, `req.files.upload.name`
            loop {
                if js::dotted_path(object).is_some_and(|path| reads_request_input(&path)) {
                    return Some(expr);
                }
                object = match object {
                    Expression::StaticMemberExpression(member) => js::inner(&member.object),
                    Expression::ComputedMemberExpression(member) => js::inner(&member.object),
                    _ => return None,
                };
            }
        }
        Expression::Identifier(ident) if depth < 2 => {
            // `const { name } = req.params`
            if let Some(declaration) = js::declaration_of(ctx.semantic, ident)
                && let AstKind::VariableDeclarator(declarator) = declaration.kind()
                && matches!(declarator.id, BindingPattern::ObjectPattern(_))
            {
                return declarator.init.as_ref().and_then(|init| js_input(init, ctx, depth + 1)).map(|_| expr);
            }
            js::assigned_values(ctx.semantic, ident)?.into_iter().find_map(|value| js_input(value, ctx, depth + 1))
        }
        Expression::TemplateLiteral(template) => {
            template.expressions.iter().find_map(|part| js_input(part, ctx, depth))
        }
        Expression::BinaryExpression(binary) => {
            js_input(&binary.left, ctx, depth).or_else(|| js_input(&binary.right, ctx, depth))
        }
        Expression::LogicalExpression(logical) => {
            js_input(&logical.left, ctx, depth).or_else(|| js_input(&logical.right, ctx, depth))
        }
        Expression::ConditionalExpression(conditional) => {
            js_input(&conditional.consequent, ctx, depth).or_else(|| js_input(&conditional.alternate, ctx, depth))
        }
        Expression::CallExpression(call) => {
            let callee = js::dotted_path(&call.callee).unwrap_or_default();
            let method = js::method_name(call).unwrap_or_default();
            let carries = matches!(
                callee.as_str(),
                "path.join"
                    | "path.resolve"
                    | "path.normalize"
                    | "join"
                    | "resolve"
                    | "decodeURIComponent"
                    | "decodeURI"
                    | "String"
            ) || matches!(method, "toString" | "trim" | "toLowerCase" | "concat");
            // `c.req.param('name')`, `req.param('name')`, `url.searchParams.get('file')`
            let reads = matches!(method, "param" | "query")
                && js::method_receiver(call)
                    .and_then(js::dotted_path)
                    .is_some_and(|r| r == "req" || r.ends_with(".req"))
                || (method == "get"
                    && js::method_receiver(call)
                        .and_then(js::dotted_path)
                        .is_some_and(|r| r.ends_with("searchParams")));
            if reads {
                return Some(expr);
            }
            if !carries {
                return None;
            }
            let receiver = if matches!(method, "toString" | "trim" | "toLowerCase" | "concat") {
                js::method_receiver(call)
            } else {
                None
            };
            receiver
                .into_iter()
                .chain(call.arguments.iter().filter_map(|a| a.as_expression()))
                .find_map(|part| js_input(part, ctx, depth))
        }
        _ => None,
    }
}

/// Whether the function around a file call checks a path stays in its folder, or rejects `..`.
fn js_checked<'a>(node: &AstNode<'a>, ctx: &JsContext<'a, '_>) -> bool {
    let Some(function) = ctx
        .nodes()
        .ancestors(node.id())
        .find(|a| matches!(a.kind(), AstKind::Function(_) | AstKind::ArrowFunctionExpression(_)))
    else {
        return false;
    };
    let text = ctx.file.slice(function.kind().span());
    let resolves = ["resolve(", "normalize(", "realpath"].iter().any(|m| text.contains(m));
    let compares = ["startsWith(", "indexOf("].iter().any(|m| text.contains(m));
    (resolves && compares)
        || ["path.relative(", "'..'", "\"..\"", "`..`", "basename(", "isPathInside", "isInside", "isSubPath"]
            .iter()
            .any(|m| text.contains(m))
}

// ---------------------------------------------------------------------------------------------
// Python

/// File functions whose first argument is a path.
const PY_FILE_FUNCTIONS: &[&str] = &[
    "open",
    "io.open",
    "aiofiles.open",
    "os.open",
    "os.remove",
    "os.unlink",
    "os.rmdir",
    "os.removedirs",
    "os.listdir",
    "os.scandir",
    "shutil.rmtree",
    "shutil.copy",
    "shutil.copyfile",
    "shutil.copy2",
    "shutil.move",
    "shutil.copytree",
    "send_file",
    "flask.send_file",
    "FileResponse",
    "fastapi.responses.FileResponse",
    "starlette.responses.FileResponse",
];

/// `Path` methods that touch the file.
const PY_PATH_METHODS: &[&str] =
    &["read_text", "read_bytes", "write_text", "write_bytes", "unlink", "open", "rmdir", "iterdir", "touch"];

/// The file call and its path arguments.
fn py_sink<'a>(call: &'a py_ast::ExprCall, ctx: &PyContext<'a, '_>) -> Option<(String, Vec<&'a Expr>)> {
    let path = py::dotted_name(&call.func);
    // `(UPLOADS / name).read_text()`, `Path(name).unlink()`
    if let Expr::Attribute(attribute) = call.func.as_ref()
        && PY_PATH_METHODS.contains(&attribute.attr.id.as_str())
        && is_path_value(&attribute.value)
    {
        return Some((format!("{}()", attribute.attr.id), vec![attribute.value.as_ref()]));
    }
    // `request.files["f"].save(path)`, `upload.save(path)` (Werkzeug's `FileStorage`).
    if let Expr::Attribute(attribute) = call.func.as_ref()
        && attribute.attr.id.as_str() == "save"
        && is_upload(&attribute.value, ctx)
    {
        return Some((
            format!("{}.save", ctx.text_of(attribute.value.as_ref())),
            call.arguments.args.first().into_iter().collect(),
        ));
    }
    let path = path?;
    let qualified = match path.as_str() {
        "open" if py::binds_at_top_level(&ctx.module.body, "open") => return None,
        "open" | "send_file" | "FileResponse" => path,
        _ if path.contains('.') => path,
        _ => match py::imported_from(ctx.module, &path) {
            Some((module, name))
                if matches!(module, "flask" | "starlette.responses" | "fastapi.responses" | "os" | "shutil") =>
            {
                if name == "FileResponse" || name == "send_file" {
                    name.to_string()
                } else {
                    format!("{module}.{name}")
                }
            }
            _ => return None,
        },
    };
    if !PY_FILE_FUNCTIONS.contains(&qualified.as_str()) {
        return None;
    }
    let first = call.arguments.args.first().or_else(|| py::keyword(call, "path").or_else(|| py::keyword(call, "file")));
    let second = matches!(
        qualified.as_str(),
        "shutil.copy" | "shutil.copyfile" | "shutil.copy2" | "shutil.move" | "shutil.copytree"
    )
    .then(|| call.arguments.args.get(1))
    .flatten();
    Some((qualified, first.into_iter().chain(second).collect()))
}

/// An uploaded file: `request.files["f"]`, or a name assigned from it.
fn is_upload(expr: &Expr, ctx: &PyContext<'_, '_>) -> bool {
    let reads_files = |expr: &Expr| ctx.text_of(expr).starts_with("request.files");
    match expr {
        Expr::Name(name) => py::enclosing_function(ctx.ancestors())
            .and_then(|function| py::sole_assignment(&function.body, name.id.as_str()))
            .is_some_and(reads_files),
        other => reads_files(other),
    }
}

/// An expression that is a `Path`: `Path(x)`, `PurePath(x)`, or `base / x`.
fn is_path_value(expr: &Expr) -> bool {
    match expr {
        Expr::Call(call) => matches!(py::callee_last_name(&call.func), Some("Path" | "PurePath" | "PosixPath")),
        Expr::BinOp(binary) => binary.op == py_ast::Operator::Div,
        _ => false,
    }
}

/// Attributes of `request` that hold input (Flask, Django, Starlette, DRF, aiohttp).
const PY_REQUEST_PARTS: &[&str] = &[
    "args",
    "form",
    "values",
    "json",
    "files",
    "GET",
    "POST",
    "FILES",
    "data",
    "query_params",
    "path_params",
    "headers",
    "cookies",
    "match_info",
    "get_json",
];

/// The request input a path is built from, if any (see [`js_input`]).
fn py_input<'a>(expr: &'a Expr, scope: py::Scope<'a>, ctx: &PyContext<'a, '_>, depth: u8) -> Option<&'a Expr> {
    match expr {
        Expr::Attribute(_) | Expr::Subscript(_) => {
            if py_reads_request(expr) {
                return Some(expr);
            }
            // `f.filename` where `f = request.files["f"]`, `data["path"]` where
            // `data = request.get_json()`.
            if depth < 2
                && let Some(root) = chain_root(expr)
                && scope.values_of(root).is_some_and(|values| values.into_iter().any(py_reads_request))
            {
                return Some(expr);
            }
            // `file.filename` of an uploaded file parameter.
            if let Expr::Attribute(attribute) = expr
                && attribute.attr.id.as_str() == "filename"
                && let Expr::Name(upload) = attribute.value.as_ref()
                && route_parameter(upload.id.as_str(), scope, true, in_views(ctx))
            {
                return Some(expr);
            }
            None
        }
        Expr::Name(name) => {
            if route_parameter(name.id.as_str(), scope, false, in_views(ctx)) {
                return Some(expr);
            }
            if depth >= 2 {
                return None;
            }
            scope.values_of(name.id.as_str())?.into_iter().find_map(|value| py_input(value, scope, ctx, depth + 1))
        }
        Expr::FString(fstring) => fstring
            .value
            .elements()
            .filter_map(|element| element.as_interpolation())
            .find_map(|interpolation| py_input(&interpolation.expression, scope, ctx, depth)),
        Expr::BinOp(binary) => {
            py_input(&binary.left, scope, ctx, depth).or_else(|| py_input(&binary.right, scope, ctx, depth))
        }
        Expr::Call(call) => {
            let callee = py::dotted_name(&call.func).unwrap_or_default();
            let last = py::callee_last_name(&call.func).unwrap_or_default();
            if py_reads_request(expr) {
                return Some(expr);
            }
            let carries = matches!(
                callee.as_str(),
                "os.path.join"
                    | "os.path.normpath"
                    | "os.path.abspath"
                    | "os.path.realpath"
                    | "os.path.expanduser"
                    | "join"
                    | "Path"
                    | "PurePath"
                    | "str"
                    | "unquote"
                    | "urllib.parse.unquote"
            ) || matches!(last, "joinpath" | "strip" | "format" | "lower" | "resolve" | "absolute");
            if !carries {
                return None;
            }
            let receiver = match call.func.as_ref() {
                Expr::Attribute(attribute)
                    if matches!(last, "joinpath" | "strip" | "format" | "lower" | "resolve" | "absolute") =>
                {
                    Some(attribute.value.as_ref())
                }
                _ => None,
            };
            receiver
                .into_iter()
                .chain(call.arguments.args.iter())
                .chain(call.arguments.keywords.iter().map(|keyword| &keyword.value))
                .find_map(|part| py_input(part, scope, ctx, depth))
        }
        _ => None,
    }
}

/// The name an attribute, subscript or call chain starts from (`f` in `f.filename`).
fn chain_root(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => chain_root(&attribute.value),
        Expr::Subscript(subscript) => chain_root(&subscript.value),
        Expr::Call(call) => chain_root(&call.func),
        _ => None,
    }
}

/// Whether the file is a Django views module.
fn in_views(ctx: &PyContext<'_, '_>) -> bool {
    matches!(ctx.file.file_name(), "views.py" | "viewsets.py")
}

/// `request.args["f"]`, `request.args.get("f")`, `request.files["f"].filename`,
/// `request.GET["name"]`, `request.get_json()["path"]`.
fn py_reads_request(expr: &Expr) -> bool {
    let mut current = expr;
    loop {
        current = match current {
            Expr::Attribute(attribute) => {
                if matches!(attribute.value.as_ref(), Expr::Name(root) if root.id.as_str() == "request")
                    && PY_REQUEST_PARTS.contains(&attribute.attr.id.as_str())
                {
                    return true;
                }
                &attribute.value
            }
            Expr::Subscript(subscript) => &subscript.value,
            Expr::Call(call) => &call.func,
            _ => return false,
        };
    }
}

/// Whether a name is a parameter of a route handler that the request fills: a path or query
/// parameter of a FastAPI/Flask route, or a URL parameter of a Django view (`def view(request,
/// name)` in `views.py`). With `upload`, only file-upload parameters (`UploadFile`) count.
fn route_parameter(name: &str, scope: py::Scope<'_>, upload: bool, scope_in_views_module: bool) -> bool {
    let Some(function) = scope.function else { return false };
    let Some(parameter) = function.parameters.iter_non_variadic_params().find(|p| p.name().as_str() == name) else {
        return false;
    };
    let annotation = parameter.annotation().and_then(py::dotted_name).unwrap_or_default();
    if upload {
        return annotation.ends_with("UploadFile") || annotation.ends_with("FileStorage");
    }
    let injected = parameter.default().is_some_and(|default| {
        matches!(default, Expr::Call(call) if matches!(py::callee_last_name(&call.func), Some("Depends" | "Security" | "File")))
    });
    let typed = !annotation.is_empty() && !matches!(annotation.as_str(), "str" | "Path" | "pathlib.Path");
    let is_route = py::is_route_handler(function);
    // Django passes URL parameters as plain, unannotated arguments after `request`.
    let is_view = scope_in_views_module
        && function.parameters.args.first().is_some_and(|first| first.name().as_str() == "request")
        && parameter.annotation().is_none();
    (is_route || is_view) && !injected && !typed && name != "request" && name != "self"
}

/// Whether a function checks a path stays in its folder, rejects `..`, or reduces the name.
fn py_checked(text: &str) -> bool {
    let resolves = ["realpath", "abspath", ".resolve(", "normpath"].iter().any(|m| text.contains(m));
    let compares = ["startswith", "commonpath", "is_relative_to", "relative_to"].iter().any(|m| text.contains(m));
    (resolves && compares)
        || ["is_relative_to", "commonpath", "safe_join", "secure_filename", "basename(", "'..'", "\"..\""]
            .iter()
            .any(|m| text.contains(m))
}

#[cfg(test)]
mod tests {
    use super::PathTraversal;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // Checked paths.
            (
                "src/routes/files.ts",
                "import fs from 'node:fs';\nimport path from 'node:path';\napp.get('/files/:name', (req, res) => {\n  const file = path.resolve(UPLOAD_DIR, req.params.name);\n  if (!file.startsWith(UPLOAD_DIR + path.sep)) return res.sendStatus(400);\n  fs.createReadStream(file).pipe(res);\n});",
            ),
            (
                "src/routes/files.ts",
                "import fs from 'fs';\napp.get('/files/:name', (req, res) => {\n  res.send(fs.readFileSync(path.join(DIR, path.basename(req.params.name))));\n});",
            ),
            (
                "src/routes/files.js",
                "app.get('/files/:name', (req, res) => res.sendFile(req.params.name, { root: UPLOAD_DIR }));",
            ),
            (
                "app/files.py",
                "@app.get(\"/files/{name}\")\ndef download(name: str):\n    path = os.path.realpath(os.path.join(UPLOAD_DIR, name))\n    if not path.startswith(UPLOAD_DIR):\n        raise HTTPException(400)\n    return FileResponse(path)\n",
            ),
            (
                "app/files.py",
                "from werkzeug.utils import secure_filename\n\n@app.route(\"/upload\", methods=[\"POST\"])\ndef upload():\n    f = request.files[\"file\"]\n    f.save(os.path.join(UPLOAD_DIR, secure_filename(f.filename)))\n",
            ),
            // An upload's stored path is the server's, not the client's.
            (
                "src/routes/files.ts",
                "import fs from 'fs';\nrouter.post('/upload', (req, res) => {\n  fs.unlinkSync(req.file.path);\n});",
            ),
            (
                "app/files.py",
                "@router.get(\"/files/{name}\")\ndef download(name: str):\n    target = (BASE / name).resolve()\n    if not target.is_relative_to(BASE):\n        raise HTTPException(400)\n    return FileResponse(target)\n",
            ),
            // Constant paths, or input that is not a path.
            (
                "src/routes/files.ts",
                "import fs from 'fs';\napp.get('/x', (req, res) => res.send(fs.readFileSync('./static/index.html')));",
            ),
            (
                "app/files.py",
                "@app.get(\"/items/{item_id}\")\ndef item(item_id: int):\n    return open(f\"data/{item_id}.json\").read()\n",
            ),
            (
                "app/files.py",
                "@app.get(\"/me\")\ndef me(user = Depends(current_user)):\n    return open(user.avatar_path).read()\n",
            ),
            (
                "src/lib/config.ts",
                "import fs from 'fs';\nexport const load = (name) => fs.readFileSync(path.join(CONFIG_DIR, name));",
            ),
            ("app/util.py", "def load(name):\n    return open(os.path.join(BASE, name)).read()\n"),
            // Seen on real code: a helper that takes `request` first, outside a route or view.
            (
                "app/routers/audio.py",
                "async def transcribe(request: Request, file_path: str):\n    async with aiofiles.open(file_path, 'rb') as f:\n        return await f.read()\n",
            ),
            (
                "app/storage/views.py",
                "def build_response(request: HttpRequest, full_path: str):\n    return open(full_path, mode='rb')\n",
            ),
            (
                "src/debug.js",
                "RED.httpAdmin.get('/debug/view/*', function (req, res) {\n  var options = { root: path.join(__dirname, 'lib'), dotfiles: 'deny' };\n  res.sendFile(req.params[0], options);\n});",
            ),
            ("tests/test_files.py", "@app.get(\"/f/{name}\")\ndef f(name):\n    return open(name).read()\n"),
            // Go: checked, reduced, confined, constant or not from the request.
            (
                "internal/api/files.go",
                "package api\nfunc get(c *gin.Context) {\n\tname := filepath.Clean(filepath.Join(base, c.Param(\"name\")))\n\tif !strings.HasPrefix(name, base) {\n\t\treturn\n\t}\n\tc.File(name)\n}\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(c *gin.Context) { c.File(filepath.Join(dir, filepath.Base(c.Param(\"name\")))) }\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) { http.FileServer(http.Dir(root)).ServeHTTP(w, r) }\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) {\n\tfsys := os.DirFS(root)\n\tdata, _ := fs.ReadFile(fsys, r.URL.Query().Get(\"f\"))\n\tw.Write(data)\n}\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) { data, _ := os.ReadFile(\"config.json\"); w.Write(data) }\n",
            ),
            (
                "internal/store/files.go",
                "package store\nfunc load(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) }\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) {\n\tp := filepath.Join(base, r.FormValue(\"f\"))\n\trel, err := filepath.Rel(base, p)\n\tif err != nil || strings.HasPrefix(rel, \"..\") {\n\t\treturn\n\t}\n\tos.Open(p)\n}\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, filepath.Join(dir, mux.Vars(r)[\"name\"])) }\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) {\n\tp := filepath.Join(dir, filepath.Clean(\"/\"+r.URL.Query().Get(\"f\")))\n\tos.Open(p)\n}\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) {\n\tname := r.FormValue(\"f\")\n\tif strings.Contains(name, \"..\") {\n\t\treturn\n\t}\n\tos.Open(filepath.Join(dir, name))\n}\n",
            ),
            ("internal/api/files.go", "package api\nfunc get(c *Client, name string) { c.File(name) }\n"),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) { os.Open(filepath.Join(root, r.URL.Path)) }\n",
            ),
            (
                "internal/api/files_test.go",
                "package api\nfunc get(c *gin.Context) { c.File(filepath.Join(\"uploads\", c.Param(\"name\"))) }\n",
            ),
        ];
        let fail = [
            (
                "src/routes/files.ts",
                "import path from 'path';\napp.get('/files/:name', (req, res) => {\n  res.sendFile(path.join(UPLOAD_DIR, req.params.name));\n});",
            ),
            (
                "src/routes/files.js",
                "const fs = require('fs');\napp.get('/read', (req, res) => {\n  fs.readFile(`./data/${req.query.file}`, (err, data) => res.send(data));\n});",
            ),
            (
                "src/routes/files.ts",
                "import { unlink } from 'node:fs/promises';\nrouter.delete('/files/:id', async (req, res) => {\n  const { id } = req.params;\n  await unlink(UPLOADS + '/' + id);\n  res.sendStatus(204);\n});",
            ),
            (
                "src/routes/files.ts",
                "import fs from 'fs';\nrouter.post('/save', (req, res) => {\n  const target = path.join(DIR, req.body.filename);\n  fs.writeFileSync(target, req.body.content);\n});",
            ),
            (
                "src/routes/files.ts",
                "import fs from 'fs';\nrouter.post('/upload', (req, res) => {\n  fs.renameSync(req.file.path, path.join(DIR, req.file.originalname));\n});",
            ),
            ("src/routes/files.js", "app.get('/dl', (req, res) => res.download(`/srv/files/${req.query.name}`));"),
            // Python.
            (
                "app/files.py",
                "@app.get(\"/files/{name}\")\ndef download(name: str):\n    return FileResponse(os.path.join(UPLOAD_DIR, name))\n",
            ),
            (
                "app/files.py",
                "@app.route(\"/read\")\ndef read():\n    name = request.args.get(\"file\")\n    with open(os.path.join(DATA, name)) as f:\n        return f.read()\n",
            ),
            (
                "app/files.py",
                "@app.route(\"/upload\", methods=[\"POST\"])\ndef upload():\n    f = request.files[\"file\"]\n    path = os.path.join(UPLOAD_DIR, f.filename)\n    with open(path, \"wb\") as out:\n        out.write(f.read())\n",
            ),
            (
                "app/files.py",
                "@router.delete(\"/files/{name}\")\nasync def delete(name: str):\n    os.remove(f\"{UPLOAD_DIR}/{name}\")\n",
            ),
            (
                "app/files.py",
                "@app.get(\"/cache/{path:path}\")\nasync def cache(path: str):\n    return FileResponse(os.path.abspath(os.path.join(CACHE_DIR, path)))\n",
            ),
            (
                "app/files.py",
                "@router.get(\"/notes/{name}\")\ndef note(name):\n    return (NOTES / name).read_text()\n",
            ),
            (
                "app/files.py",
                "@router.post(\"/upload\")\nasync def upload(file: UploadFile):\n    with open(UPLOAD_DIR / file.filename, \"wb\") as out:\n        out.write(await file.read())\n",
            ),
            (
                "app/files.py",
                "@app.route(\"/upload\", methods=[\"POST\"])\ndef upload():\n    f = request.files[\"file\"]\n    f.save(os.path.join(UPLOAD_DIR, f.filename))\n",
            ),
            ("app/views.py", "def download(request, filename):\n    return send_file(os.path.join(MEDIA, filename))\n"),
            (
                "app/views.py",
                "def show(request):\n    return open(os.path.join(MEDIA, request.GET[\"name\"])).read()\n",
            ),
            // Go.
            (
                "internal/api/files.go",
                "package api\nfunc get(c *gin.Context) { c.File(filepath.Join(\"uploads\", c.Param(\"name\"))) }\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) {\n\tdata, _ := os.ReadFile(filepath.Join(dataDir, r.URL.Query().Get(\"file\")))\n\tw.Write(data)\n}\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc del(w http.ResponseWriter, r *http.Request) {\n\tname := r.FormValue(\"name\")\n\tpath := filepath.Join(dir, name)\n\tos.Remove(path)\n}\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, \"static/\"+r.URL.Query().Get(\"f\")) }\n",
            ),
            (
                "internal/api/upload.go",
                "package api\nfunc upload(c *gin.Context) {\n\tfile, _ := c.FormFile(\"file\")\n\tc.SaveUploadedFile(file, \"uploads/\"+file.Filename)\n}\n",
            ),
            (
                "internal/api/upload.go",
                "package api\nfunc upload(w http.ResponseWriter, r *http.Request) {\n\tf, header, err := r.FormFile(\"upload\")\n\tout, _ := os.Create(filepath.Join(dir, header.Filename))\n\tio.Copy(out, f)\n}\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) { os.Open(filepath.Join(root, chi.URLParam(r, \"name\"))) }\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc get(w http.ResponseWriter, r *http.Request) { os.Open(path.Join(root, mux.Vars(r)[\"name\"])) }\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc register(e *echo.Echo) {\n\te.GET(\"/f\", func(c echo.Context) error { return c.File(filepath.Join(root, c.QueryParam(\"f\"))) })\n}\n",
            ),
            (
                "internal/api/files.go",
                "package api\nfunc save(c *gin.Context) { os.WriteFile(fmt.Sprintf(\"%s/%s\", dir, c.PostForm(\"name\")), data, 0o644) }\n",
            ),
        ];
        Tester::new::<PathTraversal>(pass, fail).test_and_snapshot();
    }
}
