use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{AssignmentOperator, Expression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::oxc::span::GetSpan;
use shipready_lang::ruff::ast::{self as py_ast, AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;

use super::development_only;
use crate::context::{JsContext, PyContext};
use crate::declare_rule;
use crate::helpers::{js, py};
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
    ///   written into a command or environment.
    ///
    /// Values read from configuration (`verify=settings.CA_BUNDLE`, `rejectUnauthorized: isProd`),
    /// `true`, comparisons with `ssl.CERT_NONE`, code in a branch that only runs in development
    /// and tests stay silent.
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
    ///
    /// ## Use instead
    /// ```python
    /// requests.post(url, json=payload, verify=settings.CA_BUNDLE, timeout=10)
    /// ```
    /// ```ts
    /// const agent = new https.Agent({ ca: fs.readFileSync(process.env.CA_CERT_PATH!) });
    /// ```
    ///
    /// ## Known limitations
    /// Go (`InsecureSkipVerify: true`) and Rust (`danger_accept_invalid_certs(true)`) are not
    /// covered yet. A `False` stored in a variable first (`verify = False; get(url, verify=verify)`)
    /// is not followed.
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
    const LANGUAGES: &'static [Language] = &[Language::TypeScript, Language::JavaScript, Language::Python];
    const JS_KINDS: &'static [AstType] =
        &[AstType::ObjectProperty, AstType::AssignmentExpression, AstType::StringLiteral, AstType::TemplateLiteral];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall, NodeKind::ExprAttribute, NodeKind::StmtAssign];
    const NEEDLES: &'static [&'static str] = &[
        "verify",
        "rejectUnauthorized",
        "REJECT_UNAUTHORIZED",
        "CERT_NONE",
        "check_hostname",
        "strictSSL",
        "_create_unverified_context",
        "ssl=False",
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
        if !development {
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
        if !development {
            ctx.report(node.range(), message);
        }
    }
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
        ];
        let fail = [
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
        ];
        Tester::new::<TlsVerifyDisabled>(pass, fail).test_and_snapshot();
    }
}
