use shipready_lang::Language;
use shipready_lang::oxc::ast::ast::{Expression, ObjectExpression};
use shipready_lang::oxc::ast::{AstKind, AstType};
use shipready_lang::oxc::semantic::AstNode;
use shipready_lang::ruff::ast::{AnyNodeRef, Expr, NodeKind};
use shipready_lang::ruff::text_size::Ranged;
use shipready_lang::tree::{Node, text};

use crate::context::{JsContext, PyContext, TreeContext};
use crate::declare_rule;
use crate::helpers::{js, py, tree};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds containers started from code without the limits a sandbox needs: Docker SDK for
    /// Python `client.containers.run(...)` / `containers.create(...)` and dockerode
    /// `docker.createContainer({...})` / `docker.run(image, cmd, stream, {...})`. One finding per
    /// call lists what is missing:
    /// - a memory limit (`mem_limit`, `HostConfig.Memory`);
    /// - a CPU limit (`nano_cpus`, `cpu_quota`, `cpuset_cpus`; `HostConfig.NanoCpus`, `CpuQuota`,
    ///   `CpusetCpus`);
    /// - restricted networking (`network_mode`/`network` other than `bridge`/`host`,
    ///   `network_disabled=True`; `HostConfig.NetworkMode`, `NetworkDisabled: true`);
    /// - a read-only root filesystem (`read_only=True`, `HostConfig.ReadonlyRootfs: true`);
    /// - `no-new-privileges` (`security_opt=["no-new-privileges"]`, `HostConfig.SecurityOpt`).
    ///
    /// In Go, the Docker SDK's `cli.ContainerCreate(ctx, &container.Config{…},
    /// &container.HostConfig{…}, …)` (or `client.ContainerCreateOptions{…}`) is read the same way:
    /// `Resources: container.Resources{Memory, NanoCPUs / CPUQuota / CpusetCpus}`,
    /// `Config.NetworkDisabled` or a `NetworkMode` other than `bridge`/`host`, `ReadonlyRootfs`,
    /// `SecurityOpt`; a `nil` host config lacks them all, and `Privileged: true` is named too.
    ///
    /// Settings passed through variables or `**kwargs` that cannot be read are trusted.
    ///
    /// ## Why is this bad?
    /// Programmatic containers usually run code the service did not write: user submissions,
    /// model output, plugins. Without limits one job can exhaust the host's memory and CPU, reach
    /// internal services and the cloud metadata endpoint over the default network, persist
    /// changes to its filesystem, and escalate privileges through setuid binaries.
    ///
    /// ## Example
    /// ```python
    /// container = client.containers.run("python:3.12-slim", ["python", "-c", code], detach=True)
    /// ```
    /// ```ts
    /// const container = await docker.createContainer({ Image: "node:20", Cmd: ["node", "job.js"] });
    /// ```
    /// ```go
    /// resp, err := cli.ContainerCreate(ctx, &container.Config{Image: "alpine", Cmd: cmd}, nil, nil, nil, "")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// container = client.containers.run(
    ///     "python:3.12-slim", ["python", "-c", code], detach=True,
    ///     mem_limit="512m", nano_cpus=1_000_000_000, network_disabled=True,
    ///     read_only=True, security_opt=["no-new-privileges"],
    /// )
    /// ```
    /// ```ts
    /// const container = await docker.createContainer({
    ///   Image: "node:20", Cmd: ["node", "job.js"], NetworkDisabled: true,
    ///   HostConfig: { Memory: 512 * 1024 * 1024, NanoCpus: 1e9, ReadonlyRootfs: true, SecurityOpt: ["no-new-privileges"] },
    /// });
    /// ```
    ///
    /// ## Known limitations
    /// Limits applied afterwards (`container.update(...)`, `cli.ContainerUpdate(...)`) or by the
    /// Docker daemon's defaults are not seen. In Go, a host config whose fields are assigned after
    /// it is built, or that comes from another function, is trusted.
    pub(crate) struct ContainerUnhardened {
        id: "container-unhardened",
        area: Security,
        severity: High,
        since: "0.1.0",
        title: "Container started without resource and isolation limits",
        rationale: "A container without limits can exhaust the host, reach internal networks and escalate privileges.",
        fix: "Set memory and CPU limits, disable or restrict networking, mount the root filesystem read-only and add `no-new-privileges`.",
    }
}

/// The hardening settings, in the order a message lists what is missing.
const MEMORY: &str = "a memory limit";
const CPU: &str = "a CPU limit";
const NETWORK: &str = "restricted networking";
const READ_ONLY: &str = "a read-only root filesystem";
const NO_NEW_PRIVILEGES: &str = "`no-new-privileges`";

impl Rule for ContainerUnhardened {
    const LANGUAGES: &'static [Language] =
        &[Language::TypeScript, Language::JavaScript, Language::Python, Language::Go];
    const GO_KINDS: &'static [&'static str] = &["call_expression"];
    const JS_KINDS: &'static [AstType] = &[AstType::CallExpression];
    const PY_KINDS: &'static [NodeKind] = &[NodeKind::ExprCall];
    const NEEDLES: &'static [&'static str] = &["containers", "createContainer", "dockerode", "ContainerCreate"];

    fn check_js<'a>(&self, node: &AstNode<'a>, ctx: &mut JsContext<'a, '_>) {
        let AstKind::CallExpression(call) = node.kind() else { return };
        if !ctx.imports_module("dockerode") {
            return;
        }
        let (options, name) = match js::method_name(call) {
            Some("createContainer") => (js::arg(call, 0), "createContainer"),
            // `docker.run(image, cmd, outputStream, createOptions, startOptions, callback)`
            Some("run") if call.arguments.len() >= 3 && js::arg(call, 0).and_then(js::static_string).is_some() => {
                (js::arg(call, 3).filter(|arg| !arg.is_function()), "run")
            }
            _ => return,
        };
        let receiver = js::method_receiver(call).and_then(js::dotted_path).unwrap_or_else(|| "docker".to_string());
        let missing = match options {
            None => vec![MEMORY, CPU, NETWORK, READ_ONLY, NO_NEW_PRIVILEGES],
            Some(options) => {
                let Some(options) = js::resolve_object(ctx.semantic, options) else { return };
                if js::has_spread(options) {
                    return;
                }
                let host = match js::object_property(options, "HostConfig") {
                    None => None,
                    Some(host) => match js::resolve_object(ctx.semantic, host) {
                        Some(host) if !js::has_spread(host) => Some(host),
                        _ => return,
                    },
                };
                js_missing(options, host)
            }
        };
        if !missing.is_empty() {
            ctx.report(call.span, message(&format!("{receiver}.{name}()"), &missing));
        }
    }

    fn check_tree<'t>(&self, node: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        Self::check_go(node, ctx);
    }

    fn check_py<'a>(&self, node: AnyNodeRef<'a>, ctx: &mut PyContext<'a, '_>) {
        let AnyNodeRef::ExprCall(call) = node else { return };
        let Some(callee) = py::dotted_name(&call.func) else { return };
        let Some((receiver, method)) = callee.rsplit_once('.') else { return };
        if !matches!(method, "run" | "create") || !(receiver == "containers" || receiver.ends_with(".containers")) {
            return;
        }
        if !py::module_imports(&ctx.module.body, "docker") && !callee.to_ascii_lowercase().contains("docker") {
            return;
        }
        if call.arguments.keywords.iter().any(|keyword| keyword.arg.is_none()) {
            return;
        }
        let set = |name: &str| py::keyword(call, name).is_some_and(|value| !is_py_off(value));
        let mut missing = Vec::new();
        if !set("mem_limit") {
            missing.push(MEMORY);
        }
        if !["nano_cpus", "cpu_quota", "cpuset_cpus"].iter().any(|name| set(name)) {
            missing.push(CPU);
        }
        let network_restricted = py::keyword(call, "network_disabled").is_some_and(|v| !is_py_off(v))
            || ["network_mode", "network"].iter().any(|name| {
                py::keyword(call, name).is_some_and(|value| {
                    !is_py_off(value)
                        && !py::string_value(value)
                            .is_some_and(|mode| matches!(mode.as_str(), "bridge" | "host" | "default"))
                })
            });
        if !network_restricted {
            missing.push(NETWORK);
        }
        if !set("read_only") {
            missing.push(READ_ONLY);
        }
        let no_new_privileges = py::keyword(call, "security_opt").is_some_and(|value| match value {
            Expr::List(list) => list
                .elts
                .iter()
                .any(|e| py::string_value(e).is_none_or(|option| option.starts_with("no-new-privileges"))),
            Expr::Tuple(tuple) => tuple
                .elts
                .iter()
                .any(|e| py::string_value(e).is_none_or(|option| option.starts_with("no-new-privileges"))),
            other => !is_py_off(other),
        });
        if !no_new_privileges {
            missing.push(NO_NEW_PRIVILEGES);
        }
        if !missing.is_empty() {
            ctx.report(call.range(), message(&format!("{callee}()"), &missing));
        }
    }
}

fn message(call: &str, missing: &[&str]) -> String {
    let list = match missing.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}, or {last}", rest.join(", ")),
        _ => missing.join(""),
    };
    format!("`{call}` starts a container without {list}")
}

/// `False`, `None`, `0` or an empty string: a setting that is present but off.
fn is_py_off(expr: &Expr) -> bool {
    match expr {
        Expr::BooleanLiteral(literal) => !literal.value,
        Expr::NoneLiteral(_) => true,
        Expr::NumberLiteral(_) => py::integer_value(expr) == Some(0),
        _ => py::string_value(expr).is_some_and(|value| value.is_empty()),
    }
}

fn is_js_off(expr: &Expression<'_>) -> bool {
    match js::inner(expr) {
        Expression::BooleanLiteral(literal) => !literal.value,
        Expression::NullLiteral(_) => true,
        Expression::Identifier(ident) => ident.name == "undefined",
        other => js::integer_value(other) == Some(0) || js::static_string(other).is_some_and(|s| s.is_empty()),
    }
}

/// What a dockerode create-options object (and its `HostConfig`) leaves out.
fn js_missing<'a>(options: &ObjectExpression<'a>, host: Option<&ObjectExpression<'a>>) -> Vec<&'static str> {
    let set = |name: &str| host.and_then(|host| js::object_property(host, name)).is_some_and(|value| !is_js_off(value));
    let mut missing = Vec::new();
    if !set("Memory") {
        missing.push(MEMORY);
    }
    if !["NanoCpus", "CpuQuota", "CpusetCpus"].iter().any(|name| set(name)) {
        missing.push(CPU);
    }
    let network_disabled = js::object_property(options, "NetworkDisabled").is_some_and(|value| !is_js_off(value));
    let network_mode = host.and_then(|host| js::object_property(host, "NetworkMode")).is_some_and(|value| {
        !is_js_off(value)
            && !js::static_string(value).is_some_and(|mode| matches!(mode.as_ref(), "bridge" | "host" | "default"))
    });
    if !network_disabled && !network_mode {
        missing.push(NETWORK);
    }
    if !set("ReadonlyRootfs") {
        missing.push(READ_ONLY);
    }
    let no_new_privileges =
        host.and_then(|host| js::object_property(host, "SecurityOpt")).is_some_and(|value| match js::inner(value) {
            Expression::ArrayExpression(array) => array.elements.iter().any(|element| {
                element
                    .as_expression()
                    .and_then(js::static_string)
                    .is_none_or(|option| option.starts_with("no-new-privileges"))
            }),
            other => !is_js_off(other),
        });
    if !no_new_privileges {
        missing.push(NO_NEW_PRIVILEGES);
    }
    missing
}

// ---------------------------------------------------------------------------------------------
// Go

impl ContainerUnhardened {
    /// Docker SDK for Go: `cli.ContainerCreate(ctx, &container.Config{…}, &container.HostConfig{…}, …)`,
    /// or the newer `cli.ContainerCreate(ctx, client.ContainerCreateOptions{Config: …, HostConfig: …})`.
    fn check_go<'t>(call: Node<'t>, ctx: &mut TreeContext<'t, '_>) {
        let source = ctx.file.text;
        let Some(("ContainerCreate", receiver)) = tree::method_call(call, source) else { return };
        let docker = tree::go_import_name(ctx.root, source, |path| {
            ["github.com/docker/docker/", "github.com/moby/moby/"].iter().any(|sdk| path.starts_with(sdk))
        });
        if docker.is_none() {
            return;
        }
        let arguments = tree::call_arguments(call);
        let (config, host) = match arguments.as_slice() {
            [_, config, host, ..] => (*config, *host),
            [_, options] => {
                let Some(options) = go_literal(*options, source) else { return };
                match (
                    tree::go_keyed_value(options, "Config", source),
                    tree::go_keyed_value(options, "HostConfig", source),
                ) {
                    (Some(config), Some(host)) => (config, host),
                    (None, None) => return,
                    (config, host) => (config.unwrap_or(options), host.unwrap_or(options)),
                }
            }
            _ => return,
        };
        let host = if text(host, source) == "nil" {
            None
        } else {
            match go_literal(host, source) {
                Some(host) => Some(host),
                None => return,
            }
        };
        let config =
            if text(config, source) == "nil" { Ok(None) } else { go_literal(config, source).map(Some).ok_or(()) };
        let host_value = |key: &str| host.and_then(|host| tree::go_keyed_value(host, key, source));
        let resources = host_value("Resources").and_then(|resources| go_literal(resources, source));
        let set = |key: &str| {
            host_value(key)
                .or_else(|| resources.and_then(|r| tree::go_keyed_value(r, key, source)))
                .is_some_and(|value| !is_go_off(value, source))
        };
        let mut missing = Vec::new();
        if !set("Memory") {
            missing.push(MEMORY);
        }
        if !["NanoCPUs", "CPUQuota", "CpusetCpus"].iter().any(|key| set(key)) {
            missing.push(CPU);
        }
        let network_disabled = match config {
            Ok(config) => config
                .and_then(|config| tree::go_keyed_value(config, "NetworkDisabled", source))
                .is_some_and(|value| !is_go_off(value, source)),
            // A configuration built elsewhere may disable networking.
            Err(()) => true,
        };
        let network_mode = host_value("NetworkMode").is_some_and(|value| {
            let mode = match value.kind() {
                // `container.NetworkMode("none")`
                "call_expression" | "type_conversion_expression" => tree::call_arguments(value)
                    .first()
                    .copied()
                    .or_else(|| value.child_by_field_name("operand"))
                    .unwrap_or(value),
                _ => value,
            };
            !is_go_off(mode, source)
                && !tree::string_value(mode, source).is_some_and(|mode| matches!(mode, "bridge" | "host" | "default"))
        });
        if !network_disabled && !network_mode {
            missing.push(NETWORK);
        }
        if !set("ReadonlyRootfs") {
            missing.push(READ_ONLY);
        }
        let no_new_privileges = host_value("SecurityOpt").is_some_and(|value| match value.kind() {
            "composite_literal" => {
                let Some(body) = value.child_by_field_name("body") else { return false };
                let mut cursor = body.walk();
                let options: Vec<Node<'_>> =
                    body.named_children(&mut cursor).filter_map(|e| e.named_child(0)).collect();
                options.iter().any(|option| {
                    tree::string_value(*option, source).is_none_or(|option| option.starts_with("no-new-privileges"))
                })
            }
            _ => !is_go_off(value, source),
        });
        if !no_new_privileges {
            missing.push(NO_NEW_PRIVILEGES);
        }
        let privileged = host_value("Privileged").is_some_and(|value| text(value, source) == "true");
        let shown = format!("{}.ContainerCreate()", text(receiver, source));
        match (privileged, missing.is_empty()) {
            (false, true) => {}
            (false, false) => ctx.report(call, message(&shown, &missing)),
            (true, true) => ctx.report(call, format!("`{shown}` starts a privileged container")),
            (true, false) => ctx.report(
                call,
                message(&shown, &missing).replacen("starts a container", "starts a privileged container", 1),
            ),
        }
    }
}

/// A composite literal written in place (`container.HostConfig{…}`, `&container.HostConfig{…}`)
/// or held by a local variable that is not assigned again.
fn go_literal<'t>(node: Node<'t>, source: &str) -> Option<Node<'t>> {
    match node.kind() {
        "composite_literal" => Some(node),
        "unary_expression" => go_literal(node.child_by_field_name("operand")?, source),
        "identifier" => {
            let value = tree::local_value(node, source)?;
            // Fields set afterwards (`hostConfig.Memory = …`) are not followed: trust them.
            let scope = tree::enclosing_function(node)?;
            if go_fields_assigned(scope, text(node, source), source) {
                return None;
            }
            go_literal(value, source)
        }
        _ => None,
    }
}

/// Whether a function assigns a field of `name` (`hostConfig.Memory = 1 << 30`).
fn go_fields_assigned(scope: Node<'_>, name: &str, source: &str) -> bool {
    tree::nodes_before(scope, scope.end_byte() + 1).into_iter().any(|node| {
        node.kind() == "assignment_statement"
            && node
                .child_by_field_name("left")
                .is_some_and(|left| text(left, source).trim_start().starts_with(&format!("{name}.")))
    })
}

/// `false`, `0`, `""` or `nil`: a setting that is present but off.
fn is_go_off(node: Node<'_>, source: &str) -> bool {
    matches!(text(node, source), "false" | "0" | "nil" | "\"\"" | "``")
}

#[cfg(test)]
mod tests {
    use super::ContainerUnhardened;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            (
                "app/sandbox.py",
                "import docker\nclient = docker.from_env()\nclient.containers.run(image, cmd, detach=True, mem_limit='512m', nano_cpus=10**9, network_disabled=True, read_only=True, security_opt=['no-new-privileges'])\n",
            ),
            (
                "app/sandbox.py",
                "import docker\nclient.containers.create(image, mem_limit=settings.MEM, cpu_quota=50000, network_mode='none', read_only=True, security_opt=['no-new-privileges:true'])\n",
            ),
            ("app/sandbox.py", "import docker\nclient.containers.run(image, **settings.SANDBOX_OPTIONS)\n"),
            ("app/sandbox.py", "import docker\nclient.containers.list(all=True)\n"),
            ("app/sandbox.py", "import docker\nclient.containers.get(container_id).stop()\n"),
            ("app/jobs.py", "runner.run(job)\n"),
            ("tests/test_sandbox.py", "import docker\nclient.containers.run(image)\n"),
            (
                "src/sandbox.ts",
                "import Docker from 'dockerode';\nconst docker = new Docker();\nawait docker.createContainer({ Image: image, NetworkDisabled: true, HostConfig: { Memory: 512e6, NanoCpus: 1e9, ReadonlyRootfs: true, SecurityOpt: ['no-new-privileges'] } });",
            ),
            (
                "src/sandbox.ts",
                "import Docker from 'dockerode';\nconst docker = new Docker();\nawait docker.createContainer({ Image: image, HostConfig: hostConfig });",
            ),
            (
                "src/sandbox.ts",
                "import Docker from 'dockerode';\nconst docker = new Docker();\nawait docker.createContainer({ ...baseOptions, Image: image });",
            ),
            ("src/other.ts", "await client.createContainer({ Image: image });"),
            ("src/sandbox.test.ts", "import Docker from 'dockerode';\nawait docker.createContainer({ Image: image });"),
            (
                "internal/sandbox/run.go",
                "package sandbox\nimport \"github.com/docker/docker/client\"\nfunc run(cli *client.Client) {\n\tcli.ContainerCreate(ctx, &container.Config{Image: image, NetworkDisabled: true}, &container.HostConfig{\n\t\tResources: container.Resources{Memory: 512 << 20, NanoCPUs: 1e9},\n\t\tReadonlyRootfs: true,\n\t\tSecurityOpt: []string{\"no-new-privileges\"},\n\t}, nil, nil, \"\")\n}\n",
            ),
            (
                "internal/sandbox/run.go",
                "package sandbox\nimport \"github.com/docker/docker/client\"\nfunc run(cli *client.Client) {\n\thostConfig := &container.HostConfig{NetworkMode: \"none\", ReadonlyRootfs: true, SecurityOpt: []string{\"no-new-privileges:true\"}}\n\thostConfig.Resources = limits\n\tcli.ContainerCreate(ctx, cfg, hostConfig, nil, nil, name)\n}\n",
            ),
            (
                "internal/sandbox/run.go",
                "package sandbox\nimport \"github.com/docker/docker/client\"\nfunc run(cli *client.Client) {\n\tcli.ContainerCreate(ctx, cfg, s.hostConfig(), nil, nil, name)\n}\n",
            ),
            (
                "internal/store/store.go",
                "package store\nfunc run(s *Store) {\n\ts.ContainerCreate(ctx, cfg, nil, nil, nil, name)\n}\n",
            ),
            (
                "internal/sandbox/run_test.go",
                "package sandbox\nimport \"github.com/docker/docker/client\"\nfunc run(cli *client.Client) {\n\tcli.ContainerCreate(ctx, &container.Config{Image: image}, nil, nil, nil, \"\")\n}\n",
            ),
            (
                "internal/sandbox/run.go",
                "package sandbox\nimport \"github.com/docker/docker/client\"\nfunc run(cli *client.Client) {\n\thost := container.HostConfig{\n\t\tResources: container.Resources{Memory: limit, CpusetCpus: \"0\"},\n\t\tNetworkMode: container.NetworkMode(\"none\"),\n\t\tReadonlyRootfs: true,\n\t\tSecurityOpt: securityOptions,\n\t}\n\tcli.ContainerCreate(ctx, &container.Config{Image: image}, &host, nil, nil, \"\")\n}\n",
            ),
            (
                "internal/sandbox/run.go",
                "package sandbox\nfunc run(cli *client.Client) {\n\tcli.ContainerCreate(ctx, &container.Config{Image: image}, nil, nil, nil, \"\")\n}\n",
            ),
        ];
        let fail = [
            (
                "app/sandbox.py",
                "import docker\nclient = docker.from_env()\nclient.containers.run('python:3.12', ['python', '-c', code], detach=True)\n",
            ),
            (
                "app/sandbox.py",
                "import docker\nclient.containers.create(image, mem_limit='512m', nano_cpus=10**9, network_mode='bridge')\n",
            ),
            (
                "app/sandbox.py",
                "import docker\nself.client.containers.run(image, mem_limit='1g', cpu_quota=50000, network_disabled=True, read_only=False, security_opt=['no-new-privileges'])\n",
            ),
            (
                "src/sandbox.ts",
                "import Docker from 'dockerode';\nconst docker = new Docker();\nawait docker.createContainer({ Image: 'node:20', Cmd: ['node', 'job.js'] });",
            ),
            (
                "src/sandbox.js",
                "const Docker = require('dockerode');\nconst docker = new Docker();\nconst opts = { Image: image, HostConfig: { Memory: 256e6, NetworkMode: 'none' } };\nconst c = await docker.createContainer(opts);",
            ),
            (
                "src/sandbox.js",
                "const Docker = require('dockerode');\nconst docker = new Docker();\ndocker.run('alpine', ['sh', '-c', cmd], process.stdout, (err, data) => {});",
            ),
            (
                "src/sandbox.ts",
                "import Docker from 'dockerode';\nconst docker = new Docker();\nawait docker.run('alpine', cmd, stream, { HostConfig: { Memory: 1e9, NanoCpus: 1e9, ReadonlyRootfs: true, SecurityOpt: ['no-new-privileges'] } });",
            ),
            (
                "internal/sandbox/run.go",
                "package sandbox\nimport \"github.com/docker/docker/client\"\nfunc run(cli *client.Client) {\n\tresp, err := cli.ContainerCreate(ctx, &container.Config{Image: \"alpine\", Cmd: cmd}, nil, nil, nil, \"\")\n\t_, _ = resp, err\n}\n",
            ),
            (
                "internal/sandbox/run.go",
                "package sandbox\nimport \"github.com/docker/docker/client\"\nfunc run(cli *client.Client) {\n\thostConfig := &container.HostConfig{\n\t\tResources: container.Resources{Memory: 512 << 20, NanoCPUs: 1e9},\n\t\tNetworkMode: \"host\",\n\t}\n\tcli.ContainerCreate(ctx, &container.Config{Image: image}, hostConfig, nil, nil, \"\")\n}\n",
            ),
            (
                "internal/sandbox/run.go",
                "package sandbox\nimport \"github.com/docker/docker/client\"\nfunc run(cli *client.Client) {\n\tcli.ContainerCreate(ctx, &container.Config{Image: image, NetworkDisabled: true}, &container.HostConfig{\n\t\tPrivileged: true,\n\t\tResources: container.Resources{Memory: 512 << 20, CPUQuota: 50000},\n\t\tReadonlyRootfs: true,\n\t\tSecurityOpt: []string{\"no-new-privileges\"},\n\t}, nil, nil, \"\")\n}\n",
            ),
            (
                "internal/sandbox/run.go",
                "package sandbox\nimport \"github.com/moby/moby/client\"\nfunc run(cli *client.Client) {\n\tcli.ContainerCreate(ctx, client.ContainerCreateOptions{Config: &container.Config{Image: image}, HostConfig: &container.HostConfig{ReadonlyRootfs: true}})\n}\n",
            ),
            (
                "internal/sandbox/run.go",
                "package sandbox\nimport \"github.com/docker/docker/client\"\nfunc run(cli *client.Client) {\n\tconfig := &container.Config{Image: image, NetworkDisabled: false}\n\thost := &container.HostConfig{NetworkMode: container.NetworkMode(\"bridge\"), ReadonlyRootfs: false}\n\tcli.ContainerCreate(ctx, config, host, nil, nil, name)\n}\n",
            ),
            (
                "internal/sandbox/run.go",
                "package sandbox\nimport (\n\t\"github.com/docker/docker/api/types/container\"\n\tdocker \"github.com/docker/docker/client\"\n)\nfunc (r *Runner) run() {\n\tr.docker.ContainerCreate(ctx, &container.Config{Image: image}, &container.HostConfig{Privileged: true}, nil, nil, \"\")\n}\n",
            ),
        ];
        Tester::new::<ContainerUnhardened>(pass, fail).test_and_snapshot();
    }
}
