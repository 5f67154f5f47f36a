use shipready_diagnostics::Span;
use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{AssignmentOperator, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use shipready_lang::tree::{Node, text};

use super::development_only;
use crate::context::{JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::{js, py, tree};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds code that turns off TLS certificate verification:
    /// - Python: `verify=False` on `requests`/`httpx` calls, sessions and clients (and
    ///   `verify_ssl=False`, `verify_certs=False`, aiohttp's `ssl=False`), `session.verify = False`,
    ///   `ssl._create_unverified_context`, `ssl.CERT_NONE` and `check_hostname = False`;
    /// - JS/TS: `rejectUnauthorized: false` (on `https.Agent`, `tls.connect`, an axios
    ///   `httpsAgent`, a database `ssl` option…), `strictSSL: false`,
    ///   `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'` and `NODE_TLS_REJECT_UNAUTHORIZED=0`
    ///   written into a command or environment;
    /// - Go: `InsecureSkipVerify: true` in a `tls.Config` (or any config literal) and
    ///   `cfg.InsecureSkipVerify = true`;
    /// - Rust: `danger_accept_invalid_certs(true)` and `danger_accept_invalid_hostnames(true)`
    ///   (reqwest, native-tls), a rustls `ServerCertVerifier`/`ClientCertVerifier` whose
    ///   `verify_server_cert`/`verify_client_cert` accepts every certificate
    ///   (`Ok(ServerCertVerified::assertion())`), and OpenSSL's `set_verify(SslVerifyMode::NONE)`
    ///   on a client connector.
    ///
    /// Values read from configuration (`verify=settings.CA_BUNDLE`, `rejectUnauthorized: isProd`,
    /// `InsecureSkipVerify: cfg.Insecure`, `danger_accept_invalid_certs(opts.insecure)`), `true`,
    /// comparisons with `ssl.CERT_NONE`, code in a branch that only runs in development or when an
    /// "insecure" option is set, Go configs that verify the peer themselves
    /// (`VerifyPeerCertificate`, `VerifyConnection`, or pinning through `PeerCertificates` in the
    /// same file), Go peer-to-peer mutual-TLS configs that present their own `Certificates` and
    /// ask for the peer's without a CA (`ClientAuth: tls.RequestClientCert` or
    /// `RequireAnyClientCert`: Syncthing's device-ID scheme checks the peer's certificate
    /// fingerprint after the handshake), code inside a Python or JS class or function, or a Go
    /// function or method type, whose name declares it unverified (`NoVerificationEmailBackend`,
    /// `InsecureTransport`, `newUnverifiedClient`), lines marked `#nosec`/`//nolint:gosec`, and
    /// tests stay silent.
    ///
    /// ## Why is this bad?
    /// Without certificate verification anyone on the network path (a compromised Wi-Fi, a
    /// proxy, a cloud neighbour) can impersonate the server and read or change the traffic,
    /// including the credentials it carries. A switch flipped "temporarily" to get past a
    /// self-signed certificate tends to ship.
    ///
    /// ## Example
    /// ```python
    /// requests.post(url, json=payload, verify=False)
    /// ```
    /// ```ts
    /// const agent = new https.Agent({ rejectUnauthorized: false });
    /// ```
    /// ```go
    /// client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// requests.post(url, json=payload, verify=settings.CA_BUNDLE, timeout=10)
    /// ```
    /// ```ts
    /// const agent = new https.Agent({ ca: fs.readFileSync(process.env.CA_CERT_PATH!) });
    /// ```
    ///
    /// ```go
    /// pool := x509.NewCertPool()
    /// pool.AppendCertsFromPEM(caPEM)
    /// client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
    /// ```
    ///
    /// ## Known limitations
    /// A `False` stored in a variable first (`verify = False; get(url, verify=verify)`) is not
    /// followed. A Go config that pins certificates in another file of its package is reported;
    /// a rustls verifier is judged by its own body only.
    pub(crate) struct TlsVerifyDisabled {
        id: "tls-verify-disabled",
        area: Security,
        severity: High,
        since: "0.1.0",
        title: "TLS certificate verification disabled",
        rationale: "Without certificate verification anyone on the network path can impersonate the server and read the traffic.",
        fix: "Keep verification on and trust a private CA through a bundle (`verify=ca_path`, `ca:`) instead of turning it off.",
    }
}

/// Python calls whose `verify=` switches certificate checks: HTTP methods and client factories.
const PY_HTTP_CALLS: &[&str] =
    &["get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "send", "urlopen"];

impl Rule for TlsVerifyDisabled {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go, Language::Rust];
    const JS_KINDS: &'static [AstType] =
        &[AstType::ObjectProperty, AstType::AssignmentExpression, AstType::StringLiteral, AstType::TemplateLiteral];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall, NodeKind::ExprAttribute, NodeKind::StmtAssign];
    const GO_KINDS: &'static [&'static str] = &["keyed_element", "assignment_statement"];
    const RUST_KINDS: &'static [&'static str] = &["call_expression", "impl_item"];
    const NEEDLES: &'static [&'static str] = &[
        "verify",
        "rejectUnauthorized",
        "REJECT_UNAUTHORIZED",
        "CERT_NONE",
        "check_hostname",
        "strictSSL",
        "_create_unverified_context",
        "ssl=False",
        "InsecureSkipVerify",
        "danger_accept_invalid",
        "CertVerifier",
        "SslVerifyMode",
    ];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let message = match node.kind() {
            AstKind::ObjectProperty(property) => {
                let Some(key) = js::property_key_name(&property.key) else { return };
                match key.as_ref() {
                    "rejectUnauthorized" | "strictSSL" if is_js_false(&property.value) => {
                        format!("`{key}: false` disables TLS certificate verification")
                    }
                    "NODE_TLS_REJECT_UNAUTHORIZED" if is_js_zero(&property.value) => {
                        "`NODE_TLS_REJECT_UNAUTHORIZED: '0'` disables TLS certificate verification for the whole process"
                            .to_string()
                    }
                    _ => return,
                }
            }
            AstKind::AssignmentExpression(assign) if assign.operator == AssignmentOperator::Assign => {
                let Some(member) = assign.left.as_member_expression() else { return };
                let Some(property) = member.static_property_name() else { return };
                match property {
                    "rejectUnauthorized" if is_js_false(&assign.right) => {
                        format!("`{}` disables TLS certificate verification", ctx.text_of(assign))
                    }
                    "NODE_TLS_REJECT_UNAUTHORIZED" if is_js_zero(&assign.right) => format!(
                        "`{}` disables TLS certificate verification for every request in the process",
                        ctx.text_of(assign)
                    ),
                    _ => return,
                }
            }
            AstKind::StringLiteral(literal) if mentions_env_assignment(literal.value.as_str()) => {
                "`NODE_TLS_REJECT_UNAUTHORIZED=0` disables TLS certificate verification for the process it starts"
                    .to_string()
            }
            AstKind::TemplateLiteral(template)
                if template.quasis.iter().any(|quasi| mentions_env_assignment(quasi.value.raw.as_str())) =>
            {
                "`NODE_TLS_REJECT_UNAUTHORIZED=0` disables TLS certificate verification for the process it starts"
                    .to_string()
            }
            _ => return,
        };
        let development = js::enclosing_conditions(ctx.nodes(), node)
            .into_iter()
            .any(|(test, taken)| development_only(ctx.text_of(test)) == Some(taken));
        let named_unverified = ctx.ancestors(node).any(|ancestor| match ancestor.kind() {
            AstKind::Class(class) => class.id.as_ref().is_some_and(|id| names_unverified(&id.name)),
            AstKind::Function(_) | AstKind::ArrowFunctionExpression(_) => {
                js::function_name(ctx.nodes(), ancestor).is_some_and(|name| names_unverified(&name))
            }
            _ => false,
        });
        if !development && !named_unverified {
            ctx.report(node.kind().span(), message);
        }
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let message = match node {
            AnyNodeRef::ExprCall(call) => py_call(call, ctx),
            AnyNodeRef::ExprAttribute(attribute) => py_attribute(attribute, ctx),
            AnyNodeRef::StmtAssign(assign) => py_assign(assign),
            _ => None,
        };
        let Some(message) = message else { return };
        let development = py::enclosing_conditions(ctx.ancestors(), node.range())
            .into_iter()
            .any(|(test, taken)| development_only(ctx.text_of(test)) == Some(taken));
        let named_unverified = ctx.ancestors().any(|ancestor| match ancestor {
            AnyNodeRef::StmtClassDef(class) => names_unverified(class.name.as_str()),
            AnyNodeRef::StmtFunctionDef(function) => names_unverified(function.name.as_str()),
            _ => false,
        });
        if !development && !named_unverified {
            ctx.report(node.range(), message);
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Self::check_tree_node(node, ctx);
    }
}

impl TlsVerifyDisabled {
    fn check_tree_node<'t>(node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let message = match ctx.file.language {
            Language::Go => go_insecure_skip_verify(node, ctx),
            Language::Rust if !ctx.in_rust_test(node) => match node.kind() {
                "call_expression" => rust_call(node, ctx),
                "impl_item" => rust_accept_all_verifier(node, ctx),
                _ => None,
            },
            _ => None,
        };
        let Some((at, message)) = message else { return };
        if opted_in(at, ctx.file.text) {
            return;
        }
        ctx.report(method_span(at), message);
    }
}

/// Whether `node` runs only in development or only when an "insecure" switch is on
/// (`if opts.Insecure { … }`, `if args.skip_verify { … }`): an opt-in, like a value read from
/// configuration.
fn opted_in(node: Node<'_>, source: &str) -> bool {
    const SWITCHES: &[&str] = &[
        "insecure",
        "skipverify",
        "skip_verify",
        "noverify",
        "no_verify",
        "verifytls",
        "verify_tls",
        "tlsverify",
        "tls_verify",
        "verifycert",
        "verify_cert",
        "selfsigned",
        "self_signed",
        "accept_invalid",
        "acceptinvalid",
    ];
    // `#[cfg(debug_assertions)]` on a statement or item around it: debug builds only.
    let mut ancestor = Some(node);
    while let Some(current) = ancestor {
        let debug_only = tree::rust_attributes(current, source)
            .iter()
            .any(|attribute| attribute.contains("debug_assertions") && !attribute.contains("not("));
        if debug_only {
            return true;
        }
        ancestor = current.parent();
    }
    tree::enclosing_conditions(node).into_iter().any(|(condition, taken)| {
        let condition = text(condition, source);
        let lower = condition.to_ascii_lowercase();
        development_only(condition) == Some(taken) || SWITCHES.iter().any(|switch| lower.contains(switch))
    })
}

/// Go `InsecureSkipVerify: true` in a composite literal, and `x.InsecureSkipVerify = true`.
fn go_insecure_skip_verify<'t>(node: Node<'t>, ctx: &TreeContext<'t, '_>) -> Option<(Node<'t>, String)> {
    let source = ctx.file.text;
    let message = match node.kind() {
        "keyed_element" => {
            let key = node.child_by_field_name("key")?;
            let value = node.child_by_field_name("value")?;
            if text(key, source) != "InsecureSkipVerify" || text(value, source) != "true" {
                return None;
            }
            // A config that checks the peer itself: `VerifyPeerCertificate`, `VerifyConnection`.
            let literal = node.parent()?;
            let mut cursor = literal.walk();
            let verifies_itself = literal.named_children(&mut cursor).any(|sibling| {
                sibling.kind() == "keyed_element"
                    && sibling
                        .child_by_field_name("key")
                        .is_some_and(|key| matches!(text(key, source), "VerifyPeerCertificate" | "VerifyConnection"))
            });
            if verifies_itself || literal.parent().is_some_and(|config| go_server_only(config, source)) {
                return None;
            }
            "`InsecureSkipVerify: true` turns off TLS certificate and host name verification".to_string()
        }
        "assignment_statement" => {
            let left = node.child_by_field_name("left")?;
            let right = node.child_by_field_name("right")?;
            let [target] = named_children(left)[..] else { return None };
            let [value] = named_children(right)[..] else { return None };
            let field = target.child_by_field_name("field").map(|field| text(field, source));
            if target.kind() != "selector_expression" || field != Some("InsecureSkipVerify") || value.kind() != "true" {
                return None;
            }
            format!("`{}` turns off TLS certificate and host name verification", text(node, source))
        }
        _ => return None,
    };
    // Pinning: the file checks the peer's certificate after the handshake, or through a callback.
    let pins = source.contains("PeerCertificates")
        || source.contains("VerifyPeerCertificate")
        || source.contains("VerifyConnection");
    if pins
        || go_peer_to_peer_mtls(node, source)
        || go_named_unverified(node, source)
        || tree::gosec_suppressed(ctx.file, node)
    {
        return None;
    }
    Some((node, message))
}

/// Whether a Go config is a peer-to-peer mutual-TLS one: it presents its own `Certificates` and
/// asks for the peer's without checking it against a CA (`ClientAuth: tls.RequestClientCert` or
/// `tls.RequireAnyClientCert`). Both sides use self-signed certificates and identify each other
/// by certificate fingerprint after the handshake (Syncthing device IDs), so no CA can verify
/// them. `node` is the `InsecureSkipVerify` keyed element or assignment.
fn go_peer_to_peer_mtls(node: Node<'_>, source: &str) -> bool {
    let requests_any_peer_cert =
        |value: &str| value.ends_with("RequestClientCert") || value.ends_with("RequireAnyClientCert");
    match node.kind() {
        "keyed_element" => {
            let Some(literal) = node.parent() else { return false };
            let siblings: Vec<(String, String)> = named_children(literal)
                .into_iter()
                .filter(|sibling| sibling.kind() == "keyed_element")
                .filter_map(|sibling| {
                    let key = sibling.child_by_field_name("key")?;
                    let value = sibling.child_by_field_name("value")?;
                    Some((text(key, source).to_string(), text(value, source).to_string()))
                })
                .collect();
            siblings.iter().any(|(key, _)| key == "Certificates")
                && siblings.iter().any(|(key, value)| key == "ClientAuth" && requests_any_peer_cert(value))
        }
        "assignment_statement" => {
            // `cfg.InsecureSkipVerify = true` beside `cfg.Certificates = …` and
            // `cfg.ClientAuth = tls.RequestClientCert` in the same function.
            let Some(target) =
                node.child_by_field_name("left").and_then(|left| named_children(left).into_iter().next())
            else {
                return false;
            };
            let Some(operand) = target.child_by_field_name("operand") else { return false };
            let config = text(operand, source);
            let Some(function) = tree::enclosing_function(node) else { return false };
            let assigned = |field: &str| -> Vec<String> {
                tree::descendants_of_kind(function, "assignment_statement")
                    .into_iter()
                    .filter_map(|assignment| {
                        let left = named_children(assignment.child_by_field_name("left")?).into_iter().next()?;
                        let right = named_children(assignment.child_by_field_name("right")?).into_iter().next()?;
                        let operand = left.child_by_field_name("operand")?;
                        let name = left.child_by_field_name("field")?;
                        (text(operand, source) == config && text(name, source) == field)
                            .then(|| text(right, source).to_string())
                    })
                    .collect()
            };
            !assigned("Certificates").is_empty() && assigned("ClientAuth").iter().any(|v| requests_any_peer_cert(v))
        }
        _ => false,
    }
}

/// Whether the Go function or method type around `node` declares itself unverified:
/// `func newInsecureClient()`, `func (t *noVerifyTransport) RoundTrip(…)`.
fn go_named_unverified(node: Node<'_>, source: &str) -> bool {
    tree::enclosing_functions(node).any(|function| {
        let name = function.child_by_field_name("name").is_some_and(|name| names_unverified(text(name, source)));
        let receiver = function.child_by_field_name("receiver").is_some_and(|receiver| {
            tree::descendants_of_kind(receiver, "type_identifier")
                .into_iter()
                .any(|ty| names_unverified(text(ty, source)))
        });
        name || receiver
    })
}

/// Whether a class, function or type name declares that it skips verification, as an opt-in the
/// caller picks by name: `NoVerificationEmailBackend`, `InsecureVerifier`, `unverified_context`,
/// `SkipVerifyTransport`.
fn names_unverified(name: &str) -> bool {
    let squashed: String = name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    ["noverif", "insecure", "unverified", "skipverif", "withoutverif", "noverify", "nocertcheck", "notlsverify"]
        .iter()
        .any(|word| squashed.contains(word))
}

/// A method call's span from the method name on (`danger_accept_invalid_certs(true)` in a
/// builder chain), so the finding points at the call rather than the start of the chain.
fn method_span(node: Node<'_>) -> Span {
    let start = node
        .child_by_field_name("function")
        .filter(|function| function.kind() == "field_expression")
        .and_then(|function| function.child_by_field_name("field"))
        .unwrap_or(node);
    Span::new(start.start_byte() as u32, node.end_byte() as u32)
}

/// Whether a Go TLS config (the composite literal) only configures servers: it is handed to a
/// listener (`tls.Listen(…, cfg)`, `listener(proto, addr, cfg)`) or set as an `http.Server`'s
/// `TLSConfig`, directly or through a local variable used for nothing else. A server never
/// reads `InsecureSkipVerify`.
fn go_server_only(config: Node<'_>, source: &str) -> bool {
    let mut value = config;
    while let Some(parent) =
        value.parent().filter(|p| matches!(p.kind(), "unary_expression" | "parenthesized_expression"))
    {
        value = parent;
    }
    if go_server_use(value, source) {
        return true;
    }
    // `cfg := &tls.Config{…}` and every later use of `cfg` is a server use.
    let Some(list) = value.parent().filter(|list| list.kind() == "expression_list") else { return false };
    let Some(declaration) = list.parent().filter(|d| d.kind() == "short_var_declaration") else { return false };
    let Some(left) = declaration.child_by_field_name("left") else { return false };
    let [name] = named_children(left)[..] else { return false };
    let name = text(name, source);
    let Some(function) = tree::enclosing_function(declaration) else { return false };
    let uses: Vec<Node<'_>> = tree::descendants_of_kind(function, "identifier")
        .into_iter()
        .filter(|identifier| text(*identifier, source) == name && identifier.start_byte() > left.end_byte())
        .collect();
    !uses.is_empty() && uses.into_iter().all(|identifier| go_server_use(identifier, source))
}

/// Whether a Go value is given to a listener or set as a server's `TLSConfig`.
fn go_server_use(value: Node<'_>, source: &str) -> bool {
    let Some(parent) = value.parent() else { return false };
    match parent.kind() {
        "argument_list" => parent.parent().and_then(|call| call.child_by_field_name("function")).is_some_and(|f| {
            let callee = text(f, source).rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
            callee.contains("listen") || callee.contains("serve")
        }),
        "literal_element" => parent.parent().is_some_and(|keyed| {
            keyed.kind() == "keyed_element"
                && keyed.child_by_field_name("key").is_some_and(|key| text(key, source) == "TLSConfig")
        }),
        _ => false,
    }
}

fn named_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).filter(|child| !child.kind().ends_with("comment")).collect()
}

/// `danger_accept_invalid_certs(true)`, `danger_accept_invalid_hostnames(true)`, and
/// `set_verify(SslVerifyMode::NONE)` on an OpenSSL client.
fn rust_call<'t>(node: Node<'t>, ctx: &TreeContext<'t, '_>) -> Option<(Node<'t>, String)> {
    let source = ctx.file.text;
    let function = node.child_by_field_name("function")?;
    if function.kind() != "field_expression" {
        return None;
    }
    let method = text(function.child_by_field_name("field")?, source);
    let arguments = named_children(node.child_by_field_name("arguments")?);
    match (method, arguments.as_slice()) {
        ("danger_accept_invalid_certs" | "danger_accept_invalid_hostnames", [value])
            if text(*value, source) == "true" =>
        {
            let what = if method == "danger_accept_invalid_certs" {
                "TLS certificate verification"
            } else {
                "TLS host name verification"
            };
            Some((node, format!("`{method}(true)` turns off {what}")))
        }
        // `SslVerifyMode::NONE` on a server only means "do not ask for client certificates".
        ("set_verify" | "set_verify_callback", [mode, ..])
            if text(*mode, source).ends_with("SslVerifyMode::NONE")
                && (source.contains("SslConnector") || source.contains("tls_client")) =>
        {
            Some((node, format!("`{method}(SslVerifyMode::NONE)` turns off TLS certificate verification")))
        }
        _ => None,
    }
}

/// A rustls `ServerCertVerifier` (or `ClientCertVerifier`) whose `verify_server_cert`
/// (`verify_client_cert`) accepts every certificate: its body is only
/// `Ok(ServerCertVerified::assertion())`.
fn rust_accept_all_verifier<'t>(node: Node<'t>, ctx: &TreeContext<'t, '_>) -> Option<(Node<'t>, String)> {
    let source = ctx.file.text;
    let trait_name = text(node.child_by_field_name("trait")?, source);
    let (method, verified) = match trait_name.rsplit("::").next()? {
        "ServerCertVerifier" => ("verify_server_cert", "ServerCertVerified"),
        "ClientCertVerifier" => ("verify_client_cert", "ClientCertVerified"),
        _ => return None,
    };
    let body = node.child_by_field_name("body")?;
    let function = named_children(body).into_iter().find(|item| {
        item.kind() == "function_item" && item.child_by_field_name("name").is_some_and(|n| text(n, source) == method)
    })?;
    // Only logging may come before the `Ok(…)`.
    let statements = named_children(function.child_by_field_name("body")?);
    let (&only, before) = statements.split_last()?;
    let logs_only = before.iter().all(|statement| {
        statement.kind() == "expression_statement"
            && statement.named_child(0).is_some_and(|inner| inner.kind() == "macro_invocation")
    });
    let accepted = text(only, source).split_whitespace().collect::<String>();
    let accepted = accepted.strip_prefix("return").unwrap_or(&accepted).trim_end_matches(';');
    let assertion = format!("{verified}::assertion())");
    if !(logs_only && accepted.starts_with("Ok(") && accepted.ends_with(&assertion)) {
        return None;
    }
    let shown = text(node.child_by_field_name("type")?, source);
    Some((only, format!("`{shown}::{method}` accepts every certificate, which turns off TLS certificate verification")))
}

fn is_js_false(expr: &Expression<'_>) -> bool {
    matches!(js::inner(expr), Expression::BooleanLiteral(literal) if !literal.value)
}

/// `'0'`, `"0"` or `0`.
fn is_js_zero(expr: &Expression<'_>) -> bool {
    js::static_string(expr).is_some_and(|value| value.trim() == "0") || js::integer_value(expr) == Some(0)
}

/// A command or environment string that sets `NODE_TLS_REJECT_UNAUTHORIZED=0`.
fn mentions_env_assignment(text: &str) -> bool {
    text.contains("NODE_TLS_REJECT_UNAUTHORIZED=0")
}

fn is_py_false(expr: &Expr) -> bool {
    matches!(expr, Expr::BooleanLiteral(literal) if !literal.value)
}

fn py_call(call: &py_ast::ExprCall, ctx: &PyContext<'_, '_>) -> Option<String> {
    let callee = py::dotted_name(&call.func).unwrap_or_default();
    let last = py::callee_last_name(&call.func).unwrap_or_default();
    if last == "_create_unverified_context" && matches!(call.func.as_ref(), Expr::Name(_)) {
        return Some("`_create_unverified_context()` skips TLS certificate verification".to_string());
    }
    let http_call = PY_HTTP_CALLS.contains(&last)
        || ["Client", "Session", "Transport", "Connector"].iter().any(|suffix| last.ends_with(suffix));
    for keyword in &call.arguments.keywords {
        let Some(arg) = keyword.arg.as_ref().map(py_ast::Identifier::as_str) else { continue };
        let disabled = match arg {
            "verify" => http_call && is_py_false(&keyword.value),
            "verify_ssl" | "verify_certs" | "ssl_verify" => is_py_false(&keyword.value),
            // aiohttp: `session.get(url, ssl=False)`, `TCPConnector(ssl=False)`.
            "ssl" => http_call && is_py_false(&keyword.value) && py::module_imports(&ctx.module.body, "aiohttp"),
            "cert_reqs" => py::string_value(&keyword.value).as_deref() == Some("CERT_NONE"),
            _ => false,
        };
        if disabled {
            let value = ctx.text_of(&keyword.value);
            return Some(format!("`{arg}={value}` disables TLS certificate verification for `{callee}()`"));
        }
    }
    None
}

fn py_attribute(attribute: &py_ast::ExprAttribute, ctx: &PyContext<'_, '_>) -> Option<String> {
    if !matches!(attribute.value.as_ref(), Expr::Name(module) if module.id.as_str() == "ssl") {
        return None;
    }
    match attribute.attr.as_str() {
        "_create_unverified_context" => {
            Some("`ssl._create_unverified_context` skips TLS certificate verification".to_string())
        }
        // `if ctx.verify_mode == ssl.CERT_NONE:` only reads the setting.
        "CERT_NONE" if !matches!(ctx.parent(), Some(AnyNodeRef::ExprCompare(_))) => {
            Some("`ssl.CERT_NONE` turns off TLS certificate verification".to_string())
        }
        _ => None,
    }
}

fn py_assign(assign: &py_ast::StmtAssign) -> Option<String> {
    let [Expr::Attribute(target)] = assign.targets.as_slice() else { return None };
    if !is_py_false(&assign.value) {
        return None;
    }
    let owner = py::dotted_name(&target.value).unwrap_or_default();
    match target.attr.as_str() {
        "verify" => Some(format!("`{owner}.verify = False` disables TLS certificate verification")),
        "check_hostname" => Some(format!("`{owner}.check_hostname = False` accepts a valid certificate for any host")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::TlsVerifyDisabled;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            // label-studio: an email backend selected by settings, named for what it does.
            (
                "core/utils/mail.py",
                "import ssl\n\nclass NoVerificationEmailBackend(EmailBackend):\n    @cached_property\n    def ssl_context(self):\n        ssl_context = ssl.create_default_context()\n        ssl_context.check_hostname = False\n        ssl_context.verify_mode = ssl.CERT_NONE\n        return ssl_context\n",
            ),
            (
                "src/agents.js",
                "class InsecureAgent extends https.Agent {\n  constructor() { super({ rejectUnauthorized: false }); }\n}\n",
            ),
            (
                "internal/client/tls.go",
                "package client\nfunc newInsecureClient() *http.Client {\n\treturn &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}\n}\n",
            ),
            // syncthing: peer-to-peer mutual TLS with self-signed certificates, identified by
            // fingerprint after the handshake (the check lives in another file of the package).
            (
                "lib/relay/client/methods.go",
                "package client\nfunc configForCerts(certs []tls.Certificate) *tls.Config {\n\treturn &tls.Config{\n\t\tCertificates:           certs,\n\t\tNextProtos:             []string{protocol.ProtocolName},\n\t\tClientAuth:             tls.RequestClientCert,\n\t\tInsecureSkipVerify:     true,\n\t}\n}\n",
            ),
            (
                "lib/syncthing/syncthing.go",
                "package syncthing\nfunc (a *App) startup() {\n\ttlsCfg := tlsutil.SecureDefaultWithTLS12()\n\ttlsCfg.Certificates = []tls.Certificate{a.cert}\n\ttlsCfg.ClientAuth = tls.RequestClientCert\n\ttlsCfg.InsecureSkipVerify = true\n}\n",
            ),
            ("app/client.py", "import requests\nrequests.get(url, verify=settings.CA_BUNDLE, timeout=5)\n"),
            ("app/client.py", "import requests\nrequests.get(url, verify='/etc/ssl/ca.pem', timeout=5)\n"),
            ("app/client.py", "import httpx\nclient = httpx.Client(verify=True)\n"),
            ("app/client.py", "import requests\nrequests.get(url, verify=not settings.DEBUG, timeout=5)\n"),
            ("app/tls.py", "import ssl\nif ctx.verify_mode == ssl.CERT_NONE:\n    warn()\n"),
            ("app/auth.py", "import jwt\nclaims = jwt.decode(token, key, verify=False)\n"),
            ("app/client.py", "import redis\nr = redis.Redis(host=h, ssl=False)\n"),
            ("tests/test_client.py", "import requests\nrequests.get(url, verify=False)\n"),
            ("app/client.py", "import requests\nif settings.DEBUG:\n    session.verify = False\n"),
            ("src/agent.ts", "const agent = new https.Agent({ rejectUnauthorized: true });"),
            (
                "src/agent.ts",
                "const agent = new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === 'production' });",
            ),
            ("src/agent.ts", "const agent = new https.Agent({ rejectUnauthorized: config.tls.verify });"),
            ("src/db.ts", "if (process.env.NODE_ENV === 'development') {\n  ssl = { rejectUnauthorized: false };\n}"),
            ("src/agent.test.ts", "const agent = new https.Agent({ rejectUnauthorized: false });"),
            ("src/env.ts", "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';"),
            // Go: values from configuration, opt-in switches, pinning, tests, reads.
            ("internal/client/tls.go", "package client\nvar c = &tls.Config{InsecureSkipVerify: cfg.Insecure}\n"),
            ("internal/client/tls.go", "package client\nvar c = &tls.Config{InsecureSkipVerify: false}\n"),
            (
                "internal/client/tls.go",
                "package client\nfunc f(opts Options) *tls.Config {\n\tc := &tls.Config{}\n\tif opts.InsecureSkipVerify {\n\t\tc.InsecureSkipVerify = true\n\t}\n\treturn c\n}\n",
            ),
            (
                "internal/client/tls.go",
                "package client\nfunc f(pin []byte) *tls.Config {\n\treturn &tls.Config{InsecureSkipVerify: true, VerifyPeerCertificate: verifyPin(pin)}\n}\n",
            ),
            (
                "internal/sync/replication.go",
                "package sync\nfunc dial(addr string) {\n\tconn, _ := tls.Dial(\"tcp\", addr, &tls.Config{InsecureSkipVerify: true})\n\tcerts := conn.ConnectionState().PeerCertificates\n\tcheckDeviceID(certs)\n}\n",
            ),
            ("internal/client/tls_test.go", "package client\nvar c = &tls.Config{InsecureSkipVerify: true}\n"),
            // Servers never read `InsecureSkipVerify` (seen on real code).
            (
                "cmd/relay/main.go",
                "package main\nfunc main() {\n\ttlsCfg := &tls.Config{\n\t\tClientAuth:         tls.RequestClientCert,\n\t\tInsecureSkipVerify: true,\n\t}\n\tgo listener(proto, listen, tlsCfg)\n}\n",
            ),
            (
                "cmd/relay/main.go",
                "package main\nfunc main() {\n\tsrv := &http.Server{Addr: addr, TLSConfig: &tls.Config{InsecureSkipVerify: true}}\n\tsrv.ListenAndServeTLS(cert, key)\n}\n",
            ),
            (
                "internal/client/tls.go",
                "package client\nfunc f(c *tls.Config) bool {\n\tif c.InsecureSkipVerify {\n\t\twarn()\n\t}\n\treturn c.InsecureSkipVerify == true\n}\n",
            ),
            (
                "internal/client/tls.go",
                "package client\nvar c = &tls.Config{\n\tInsecureSkipVerify: true, // #nosec G402 -- peer is checked by device ID\n}\n",
            ),
            // Rust: values from options, other builder calls, a real verifier, servers, tests.
            (
                "src/client.rs",
                "fn f(opts: &Opts) { let c = reqwest::Client::builder().danger_accept_invalid_certs(opts.insecure).build(); }\n",
            ),
            (
                "src/client.rs",
                "fn f() { let c = reqwest::Client::builder().danger_accept_invalid_certs(false).build(); }\n",
            ),
            (
                "src/client.rs",
                "fn f(insecure: bool) {\n    let mut b = reqwest::Client::builder();\n    if insecure {\n        b = b.danger_accept_invalid_certs(true);\n    }\n}\n",
            ),
            (
                "src/tls.rs",
                "impl ServerCertVerifier for PinnedVerifier {\n    fn verify_server_cert(&self, end_entity: &CertificateDer<'_>) -> Result<ServerCertVerified, Error> {\n        if end_entity.as_ref() == self.pin.as_slice() {\n            return Ok(ServerCertVerified::assertion());\n        }\n        Err(Error::General(\"pin mismatch\".into()))\n    }\n}\n",
            ),
            (
                "src/server.rs",
                "fn f() { let mut acceptor = SslAcceptor::mozilla_intermediate(SslMethod::tls()).unwrap(); acceptor.set_verify(SslVerifyMode::NONE); }\n",
            ),
            (
                "src/client.rs",
                "#[cfg(test)]\nmod tests {\n    fn client() { reqwest::Client::builder().danger_accept_invalid_certs(true).build(); }\n}\n",
            ),
            ("tests/it.rs", "fn f() { reqwest::Client::builder().danger_accept_invalid_certs(true).build(); }\n"),
            (
                "src/client.rs",
                "fn f() -> reqwest::Client {\n    let builder = reqwest::Client::builder();\n    #[cfg(debug_assertions)]\n    let builder = builder.danger_accept_invalid_certs(true);\n    builder.timeout(T).build().unwrap()\n}\n",
            ),
            (
                "src/client.rs",
                "fn f() {\n    let mut b = reqwest::Client::builder();\n    if cfg!(debug_assertions) {\n        b = b.danger_accept_invalid_certs(true);\n    }\n}\n",
            ),
        ];
        let fail = [
            // Certificates and a peer-certificate request on another config do not count.
            (
                "lib/api/client.go",
                "package api\nfunc (a *App) dial() {\n\tserverCfg.Certificates = []tls.Certificate{a.cert}\n\tserverCfg.ClientAuth = tls.RequestClientCert\n\tclientCfg.InsecureSkipVerify = true\n}\n",
            ),
            // CA-verified client certificates are not the peer-to-peer scheme.
            (
                "internal/client/tls.go",
                "package client\nvar c = &tls.Config{Certificates: certs, ClientAuth: tls.RequireAndVerifyClientCert, InsecureSkipVerify: true}\n",
            ),
            (
                "app/mail.py",
                "import ssl\n\nclass MailBackend:\n    def context(self):\n        ctx = ssl.create_default_context()\n        ctx.verify_mode = ssl.CERT_NONE\n        return ctx\n",
            ),
            ("app/client.py", "import requests\nrequests.post(url, json=payload, verify=False)\n"),
            ("app/client.py", "import httpx\nclient = httpx.AsyncClient(verify=False)\n"),
            ("app/client.py", "import requests\ns = requests.Session()\ns.verify = False\n"),
            ("app/client.py", "import ssl\nssl._create_default_https_context = ssl._create_unverified_context\n"),
            (
                "app/client.py",
                "import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\n",
            ),
            ("app/client.py", "import aiohttp\nasync def f(session):\n    return await session.get(url, ssl=False)\n"),
            (
                "app/search.py",
                "from elasticsearch import Elasticsearch\nes = Elasticsearch(hosts, verify_certs=False)\n",
            ),
            (
                "src/agent.ts",
                "import https from 'node:https';\nconst agent = new https.Agent({ rejectUnauthorized: false });",
            ),
            (
                "src/api.ts",
                "const client = axios.create({ httpsAgent: new https.Agent({ rejectUnauthorized: false }) });",
            ),
            ("src/socket.js", "const socket = tls.connect(443, host, { rejectUnauthorized: false });"),
            ("src/env.ts", "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';"),
            ("src/env.ts", "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;"),
            ("src/run.js", "execSync(`NODE_TLS_REJECT_UNAUTHORIZED=0 node ${script}`);"),
            ("src/db.js", "const pool = new Pool({ connectionString, ssl: { rejectUnauthorized: false } });"),
            // Go.
            (
                "internal/client/http.go",
                "package client\nvar c = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}\n",
            ),
            (
                "internal/client/tls.go",
                "package client\nfunc f() *tls.Config {\n\treturn &tls.Config{\n\t\tMinVersion:         tls.VersionTLS12,\n\t\tInsecureSkipVerify: true,\n\t}\n}\n",
            ),
            (
                "internal/client/tls.go",
                "package client\nfunc f(cfg *tls.Config) {\n\tcfg.InsecureSkipVerify = true\n}\n",
            ),
            (
                "cmd/cli/client.go",
                "package main\nfunc client() http.Client {\n\treturn http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}\n}\n",
            ),
            (
                "internal/client/tls.go",
                "package client\nfunc f() {\n\tif ok {\n\t\ttr.TLSClientConfig.InsecureSkipVerify = true\n\t}\n}\n",
            ),
            ("internal/client/ldap.go", "package client\nvar conf = ldap.Config{Host: h, InsecureSkipVerify: true}\n"),
            (
                "internal/sync/dial.go",
                "package sync\nfunc dial(addr string) {\n\tcfg := &tls.Config{ClientAuth: tls.RequestClientCert, InsecureSkipVerify: true}\n\tl, _ := tls.Listen(\"tcp\", addr, cfg)\n\tc, _ := tls.Dial(\"tcp\", peer, cfg)\n}\n",
            ),
            // Rust.
            (
                "src/client.rs",
                "fn client() -> reqwest::Client {\n    reqwest::Client::builder().danger_accept_invalid_certs(true).build().unwrap()\n}\n",
            ),
            (
                "src/client.rs",
                "fn f() { let c = ClientBuilder::new().danger_accept_invalid_hostnames(true).build(); }\n",
            ),
            (
                "src/tls.rs",
                "let connector = native_tls::TlsConnector::builder()\n    .danger_accept_invalid_certs(true)\n    .build()?;\n",
            ),
            (
                "src/tls.rs",
                "#[derive(Debug)]\nstruct NoVerifier;\n\nimpl rustls::client::danger::ServerCertVerifier for NoVerifier {\n    fn verify_server_cert(\n        &self,\n        _end_entity: &CertificateDer<'_>,\n        _intermediates: &[CertificateDer<'_>],\n        _server_name: &ServerName<'_>,\n        _ocsp: &[u8],\n        _now: UnixTime,\n    ) -> Result<ServerCertVerified, rustls::Error> {\n        Ok(ServerCertVerified::assertion())\n    }\n}\n",
            ),
            (
                "src/tls.rs",
                "impl ServerCertVerifier for AcceptAll {\n    fn verify_server_cert(&self, _e: &Certificate) -> Result<ServerCertVerified, Error> {\n        log::warn!(\"skipping verification\");\n        Ok(rustls::client::ServerCertVerified::assertion())\n    }\n}\n",
            ),
            (
                "src/tls.rs",
                "fn connector() -> SslConnector {\n    let mut b = SslConnector::builder(SslMethod::tls()).unwrap();\n    b.set_verify(SslVerifyMode::NONE);\n    b.build()\n}\n",
            ),
        ];
        Tester::new::<TlsVerifyDisabled>(pass, fail).test_and_snapshot();
    }
}
