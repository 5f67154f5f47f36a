use shipready_lang::{FileRole, Language, yaml};

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::deploy::{compose_services, entry_span, node_span, scalar_text};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds Compose services that give a container host-level power or expose a database:
    ///
    /// - `privileged: true`;
    /// - `network_mode: host` and `pid: host`;
    /// - `cap_add` with `ALL` or `SYS_ADMIN`;
    /// - a volume that mounts the Docker (or Podman) socket, in short
    ///   (`/var/run/docker.sock:/var/run/docker.sock`) or long (`source: /var/run/docker.sock`)
    ///   syntax;
    /// - a `ports:` entry that publishes a well-known database port (PostgreSQL 5432, MySQL
    ///   3306, MongoDB 27017, Redis 6379, Elasticsearch 9200, CouchDB 5984, Memcached 11211,
    ///   SQL Server 1433) on every interface: `"5432:5432"`, or long syntax without `host_ip`.
    ///   Publishing on loopback (`"127.0.0.1:5432:5432"`, `host_ip: 127.0.0.1`) is fine.
    ///
    /// One finding per problem, at its key. These are reported in every Compose file,
    /// development ones included: a database published on all interfaces of a laptop is on
    /// the café's network too.
    ///
    /// ## Why is this bad?
    /// A privileged container, or one that shares the host's network or process namespace or
    /// holds `SYS_ADMIN`, can take over the host. The Docker socket is root on the host to
    /// whoever can reach it. A database port published on all interfaces skips the firewall
    /// (Docker writes its own iptables rules) and is found by scanners within hours.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     ports:
    ///       - "5432:5432"
    ///   agent:
    ///     image: acme/agent:1
    ///     privileged: true
    ///     volumes:
    ///       - /var/run/docker.sock:/var/run/docker.sock
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     ports:
    ///       - "127.0.0.1:5432:5432"
    ///   agent:
    ///     image: acme/agent:1
    ///     cap_add: [NET_BIND_SERVICE]
    /// ```
    pub(crate) struct ComposeUnsafeService {
        id: "compose-unsafe-service",
        area: Operations,
        severity: High,
        since: "0.1.0",
        title: "Compose service with host access or an exposed database",
        rationale: "Privileged containers, host namespaces and the Docker socket hand the host to the container, and published database ports reach every network the host is on.",
        fix: "Drop `privileged`, host namespaces and socket mounts, and publish database ports on `127.0.0.1` or not at all.",
    }
}

impl Rule for ComposeUnsafeService {
    const LANGUAGES: &'static [Language] = &[Language::Yaml];
    const ROLES: &'static [FileRole] = &[FileRole::Config];
    const NEEDLES: &'static [&'static str] = &["services"];

    fn check_yaml(&self, documents: &[yaml::Node<'_>], ctx: &mut FileContext<'_>) {
        for document in documents {
            for (name, service) in compose_services(document, ctx.file.file_name()) {
                let name = yaml::as_str(name).unwrap_or("(unnamed)");
                check_service(name, service, ctx);
            }
        }
    }
}

/// Database ports and the database each one belongs to.
const DATABASE_PORTS: &[(u16, &str)] = &[
    (5432, "PostgreSQL"),
    (3306, "MySQL"),
    (27017, "MongoDB"),
    (6379, "Redis"),
    (9200, "Elasticsearch"),
    (5984, "CouchDB"),
    (11211, "Memcached"),
    (1433, "SQL Server"),
];

fn check_service(name: &str, service: &yaml::Node<'_>, ctx: &mut FileContext<'_>) {
    for (key, value) in yaml::entries(service) {
        let Some(key_name) = yaml::as_str(key) else { continue };
        let text = yaml::as_str(value).map(str::trim);
        match key_name {
            "privileged" if yaml::as_bool(value) == Some(true) => {
                ctx.report(
                    entry_span(ctx.file, key, value),
                    format!("service `{name}` runs `privileged: true`, with every capability and device of the host"),
                );
            }
            "network_mode" | "pid" if text == Some("host") => {
                ctx.report(
                    entry_span(ctx.file, key, value),
                    format!("service `{name}` shares the host's namespace with `{key_name}: host`"),
                );
            }
            "cap_add" => {
                for capability in yaml::items(value) {
                    let Some(cap) = yaml::as_str(capability) else { continue };
                    let bare = cap.trim().trim_start_matches("CAP_");
                    if matches!(bare, "ALL" | "SYS_ADMIN") {
                        ctx.report(
                            node_span(ctx.file, capability),
                            format!(
                                "service `{name}` adds the `{bare}` capability, which is close to root on the host"
                            ),
                        );
                    }
                }
            }
            "volumes" => {
                for volume in yaml::items(value) {
                    if mounts_container_socket(volume) {
                        ctx.report(
                            node_span(ctx.file, volume),
                            format!("service `{name}` mounts the container runtime socket, which is root on the host"),
                        );
                    }
                }
            }
            "ports" => {
                for port in yaml::items(value) {
                    if let Some(database) = database_published_everywhere(port) {
                        ctx.report(
                            node_span(ctx.file, port),
                            format!("service `{name}` publishes the {database} port on all interfaces; bind it to `127.0.0.1`"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether a volume entry mounts the Docker or Podman socket from the host.
fn mounts_container_socket(volume: &yaml::Node<'_>) -> bool {
    let source = match yaml::as_str(volume) {
        Some(short) => short.split(':').next().unwrap_or_default().to_string(),
        None => yaml::get(volume, "source").and_then(yaml::as_str).unwrap_or_default().to_string(),
    };
    let source = source.trim_end_matches('}');
    source.ends_with("docker.sock") || source.ends_with("podman.sock")
}

/// The database whose port a `ports:` entry publishes on every interface, if it does.
fn database_published_everywhere(port: &yaml::Node<'_>) -> Option<&'static str> {
    let (host_ip, target) = if yaml::is_mapping(port) {
        let host_ip = yaml::get(port, "host_ip").and_then(scalar_text);
        (host_ip, yaml::get(port, "target").and_then(scalar_text)?)
    } else {
        short_syntax(&scalar_text(port)?)?
    };
    if host_ip.is_some_and(|ip| !matches!(ip.trim_matches(['[', ']']), "0.0.0.0" | "::" | "")) {
        return None;
    }
    let target: u16 = target.split('/').next()?.trim().parse().ok()?;
    DATABASE_PORTS.iter().find(|(port, _)| *port == target).map(|(_, database)| *database)
}

/// Splits a short-syntax port (`[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`) into the
/// host IP, if any, and the container port. Variables make the host part unknown, but a
/// fixed container port still names the database.
fn short_syntax(entry: &str) -> Option<(Option<String>, String)> {
    let entry = entry.trim();
    // An IPv6 host address is bracketed: `[::1]:5432:5432`.
    if let Some(rest) = entry.strip_prefix('[') {
        let (ip, rest) = rest.split_once(']')?;
        let target = rest.rsplit(':').next()?.to_string();
        return Some((Some(ip.to_string()), target));
    }
    // `${DB_HOST:-127.0.0.1}:5432:5432`: the host part is a variable; skip its own colons.
    let parts: Vec<&str> = split_outside_braces(entry);
    let target = (*parts.last()?).to_string();
    let host_ip = (parts.len() == 3).then(|| parts[0].to_string());
    if host_ip.as_deref().is_some_and(|ip| ip.contains('$')) {
        return None;
    }
    Some((host_ip, target))
}

/// Splits on `:` outside `${…}`.
fn split_outside_braces(entry: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in entry.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => {
                parts.push(&entry[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&entry[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::ComposeUnsafeService;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            (
                "docker-compose.yml",
                "services:\n  api:\n    image: api:1\n    ports:\n      - '8080:8080'\n      - 3000\n",
            ),
            (
                "docker-compose.yml",
                "services:\n  db:\n    image: postgres:16\n    ports:\n      - '127.0.0.1:5432:5432'\n",
            ),
            ("docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    ports:\n      - '[::1]:5432:5432'\n"),
            (
                "compose.yaml",
                "services:\n  cache:\n    image: redis:7\n    ports:\n      - target: 6379\n        published: 6379\n        host_ip: 127.0.0.1\n",
            ),
            ("docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    expose:\n      - 5432\n"),
            (
                "docker-compose.yml",
                "services:\n  db:\n    image: postgres:16\n    ports:\n      - '${DB_BIND:-127.0.0.1}:5432:5432'\n",
            ),
            (
                "docker-compose.yml",
                "services:\n  api:\n    image: api:1\n    privileged: false\n    network_mode: bridge\n    cap_add: [NET_BIND_SERVICE]\n",
            ),
            (
                "docker-compose.yml",
                "services:\n  api:\n    image: api:1\n    volumes:\n      - ./data:/data\n      - type: bind\n        source: ./config\n        target: /config\n",
            ),
            (
                "docker-compose.yml",
                "services:\n  api:\n    image: api:1\n    network_mode: 'service:vpn'\n    pid: 'service:app'\n",
            ),
            // Not a Compose file: a CI job's services.
            (
                ".github/workflows/ci.yml",
                "jobs:\n  test:\n    services:\n      db:\n        image: postgres:16\n        ports:\n          - 5432:5432\n",
            ),
            ("tests/docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    ports:\n      - '5432:5432'\n"),
            ("compose.yaml", "services:\n  dockge:\n    image: louislam/dockge:1\n    ports:\n      - 1006:5001\n"),
            (
                "docker-compose.yml",
                "services:\n  db:\n    image: postgres:16\n    ports:\n      - '${DB_PORT}:${DB_PORT}'\n",
            ),
        ];
        let fail = [
            ("docker-compose.yml", "services:\n  agent:\n    image: acme/agent:1\n    privileged: true\n"),
            ("docker-compose.yml", "services:\n  agent:\n    image: acme/agent:1\n    network_mode: host\n"),
            (
                "compose.yaml",
                "services:\n  agent:\n    image: acme/agent:1\n    network_mode: \"host\"\n    pid: host\n",
            ),
            (
                "docker-compose.yml",
                "services:\n  agent:\n    image: acme/agent:1\n    cap_add:\n      - SYS_ADMIN\n      - CAP_NET_ADMIN\n",
            ),
            ("docker-compose.yml", "services:\n  agent:\n    image: acme/agent:1\n    cap_add: [ALL]\n"),
            (
                "docker-compose.yml",
                "services:\n  proxy:\n    image: traefik:3\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
            ),
            (
                "docker-compose.yml",
                "services:\n  runner:\n    image: runner:1\n    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n",
            ),
            ("docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    ports:\n      - '5432:5432'\n"),
            ("docker-compose.dev.yml", "services:\n  db:\n    image: mysql:8\n    ports:\n      - 3306:3306\n"),
            ("docker-compose.yml", "services:\n  db:\n    image: mongo:7\n    ports:\n      - '0.0.0.0:27017:27017'\n"),
            (
                "docker-compose.yml",
                "services:\n  cache:\n    image: redis:7\n    ports:\n      - target: 6379\n        published: 6379\n",
            ),
            (
                "docker-compose.yml",
                "services:\n  db:\n    image: postgres:16\n    ports:\n      - '${POSTGRES_PORT:-5432}:5432/tcp'\n",
            ),
            ("docker-compose.yml", "services:\n  cache:\n    image: redis:7\n    ports:\n      - 6379\n"),
            ("docker-compose.override.yml", "services:\n  api:\n    privileged: yes\n"),
            // Seen on real Compose files: the host port is a variable, the container port is not.
            (
                "docker/docker-compose.middleware.yaml",
                "services:\n  redis:\n    image: redis:6-alpine\n    ports:\n      - \"${EXPOSE_REDIS_PORT:-6379}:6379\"\n",
            ),
            (
                "docker-compose.yml",
                "version: '3'\nservices:\n  redis:\n    image: redis:alpine\n    ports: [\"6379\"]\n",
            ),
        ];
        Tester::new::<ComposeUnsafeService>(pass, fail).test_and_snapshot();
    }
}
