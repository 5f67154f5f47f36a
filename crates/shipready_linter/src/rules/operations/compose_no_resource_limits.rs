use shipready_lang::{FileRole, Language, yaml};

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::deploy::{
    compose_services, get_merged, has_image_or_build, has_unresolved_merge, is_local_only, node_span,
};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds Compose services with neither a memory nor a CPU limit: no
    /// `deploy.resources.limits.memory` or `.cpus`, and none of the legacy `mem_limit`, `cpus`
    /// or `cpu_quota`. One finding per service, at its name. Settings shared through YAML
    /// merge keys (`<<: *defaults`) count.
    ///
    /// Compose files are `docker-compose*.yml`, `compose*.yaml`, and YAML files with a
    /// top-level `services:` mapping whose services name an `image` or a `build`. Files named
    /// for local development or tests (`docker-compose.dev.yml`, `compose.test.yaml`,
    /// `docker-compose.local.yml`) are not checked, nor are files where a service bind-mounts
    /// the source tree (`.:/app`, `../..:/opt/app`, `./src:/app/src`): that is a development
    /// setup that runs the code as it is edited. Services that only extend others (`extends:`,
    /// or no `image`/`build` in an override file) are not checked either.
    ///
    /// ## Why is this bad?
    /// Without limits, one service with a memory leak or a busy loop takes the whole host's
    /// memory or CPU, and the kernel's out-of-memory killer picks which container dies —
    /// often the database next to it.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: ghcr.io/acme/api:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: ghcr.io/acme/api:1.4.2
    ///     deploy:
    ///       resources:
    ///         limits:
    ///           memory: 512M
    ///           cpus: "1.0"
    /// ```
    pub(crate) struct ComposeNoResourceLimits {
        id: "compose-no-resource-limits",
        area: Operations,
        severity: Medium,
        since: "0.1.0",
        title: "Compose service without memory or CPU limits",
        rationale: "A service without limits can take all of the host's memory or CPU and starve every other container on it.",
        fix: "Set `deploy.resources.limits` with `memory` and `cpus` for every service.",
    }
}

impl Rule for ComposeNoResourceLimits {
    const LANGUAGES: &'static [Language] = &[Language::Yaml];
    const ROLES: &'static [FileRole] = &[FileRole::Config];
    const NEEDLES: &'static [&'static str] = &["services"];

    fn check_yaml(&self, documents: &[yaml::Node<'_>], ctx: &mut FileContext<'_>) {
        if is_local_only(ctx.file.path) {
            return;
        }
        let development = documents.iter().any(|document| {
            compose_services(document, ctx.file.file_name()).iter().any(|(_, service)| mounts_source_tree(service))
        });
        if development {
            return;
        }
        for document in documents {
            for (key, service) in compose_services(document, ctx.file.file_name()) {
                if !has_image_or_build(service)
                    || get_merged(service, "extends").is_some()
                    || has_unresolved_merge(service)
                    || has_limits(service)
                {
                    continue;
                }
                let name = yaml::as_str(key).unwrap_or("(unnamed)");
                ctx.report(node_span(ctx.file, key), format!("service `{name}` has no memory or CPU limit"));
            }
        }
    }
}

/// Whether a service sets a memory or CPU limit, in the `deploy` section or the legacy keys.
fn has_limits(service: &yaml::Node<'_>) -> bool {
    let deploy_limits = get_merged(service, "deploy")
        .and_then(|deploy| get_merged(deploy, "resources"))
        .and_then(|resources| get_merged(resources, "limits"))
        .is_some_and(|limits| get_merged(limits, "memory").is_some() || get_merged(limits, "cpus").is_some());
    deploy_limits || ["mem_limit", "cpus", "cpu_quota"].iter().any(|key| get_merged(service, key).is_some())
}

/// Whether a service bind-mounts the project's source tree: `.:/app`, `./:/app`,
/// `../..:/opt/app`, `${PWD}:/work`, `./src:/app/src`, or the long form with `type: bind`.
fn mounts_source_tree(service: &yaml::Node<'_>) -> bool {
    let Some(volumes) = get_merged(service, "volumes") else { return false };
    yaml::items(volumes).iter().any(|volume| {
        let source = if let Some(short) = yaml::as_str(volume) {
            short.split(':').next().unwrap_or_default()
        } else {
            let bind = get_merged(volume, "type").and_then(yaml::as_str).is_none_or(|kind| kind == "bind");
            match get_merged(volume, "source").and_then(yaml::as_str) {
                Some(source) if bind => source,
                _ => return false,
            }
        };
        is_source_tree(source.trim())
    })
}

/// Whether a bind-mount source is the project itself or its source folder.
fn is_source_tree(source: &str) -> bool {
    let path = source.trim_end_matches('/');
    let path = path
        .strip_prefix("${PWD}")
        .or_else(|| path.strip_prefix("$PWD"))
        .map_or(path, |rest| if rest.is_empty() { "." } else { rest });
    let only_dots = !path.is_empty() && path.split('/').all(|part| part == "." || part == "..");
    only_dots || matches!(path, "./src" | "src")
}

#[cfg(test)]
mod tests {
    use super::ComposeNoResourceLimits;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            (
                "docker-compose.yml",
                "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: '1.0'\n",
            ),
            (
                "docker-compose.yml",
                "services:\n  api:\n    build: .\n    deploy:\n      resources:\n        limits:\n          cpus: '0.5'\n",
            ),
            (
                "compose.yaml",
                "services:\n  db:\n    image: postgres:16\n    mem_limit: 1g\n  worker:\n    build: ./worker\n    cpus: 2\n",
            ),
            ("docker-compose.yml", "version: '2.4'\nservices:\n  api:\n    image: api:1\n    cpu_quota: 50000\n"),
            // Shared through a merge key.
            (
                "docker-compose.yml",
                "x-limits: &limits\n  deploy:\n    resources:\n      limits:\n        memory: 256M\nservices:\n  api:\n    <<: *limits\n    image: api:1\n  web:\n    <<: [*limits]\n    build: ./web\n",
            ),
            // Local development and test files.
            ("docker-compose.dev.yml", "services:\n  api:\n    build: .\n"),
            ("docker-compose.test.yml", "services:\n  db:\n    image: postgres:16\n"),
            ("compose.local.yaml", "services:\n  db:\n    image: postgres:16\n"),
            // A development setup: the source tree is mounted into the container.
            (
                "docker-compose.yml",
                "services:\n  api:\n    build: .\n    volumes:\n      - .:/app\n  db:\n    image: postgres:16\n",
            ),
            ("docker/compose.yaml", "services:\n  app:\n    build: ../..\n    volumes:\n      - ../../:/opt/app\n"),
            (
                "compose.yaml",
                "services:\n  app:\n    build: .\n    volumes:\n      - type: bind\n        source: ./src\n        target: /app/src\n",
            ),
            ("tests/docker-compose.yml", "services:\n  db:\n    image: postgres:16\n"),
            // Partial services completed by another file.
            ("docker-compose.override.yml", "services:\n  api:\n    environment:\n      DEBUG: '1'\n"),
            (
                "docker-compose.prod.yml",
                "services:\n  api:\n    extends:\n      file: common.yml\n      service: api\n",
            ),
            // Not Compose files.
            (
                ".github/workflows/ci.yml",
                "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: postgres:16\n",
            ),
            ("deploy/config.yaml", "services:\n  - name: api\n    image: api:1\n"),
            ("k8s/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n"),
        ];
        let fail = [
            // Data and configuration mounts are not the source tree.
            (
                "docker/prod/docker-compose.yml",
                "services:\n  pictrs:\n    image: asonix/pictrs:0.5\n    volumes:\n      - ./volumes/pictrs:/mnt\n      - ./pict-rs.toml:/etc/pict-rs.toml:ro\n",
            ),
            (
                "compose.yaml",
                "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./dist:/usr/share/nginx/html:ro\n",
            ),
            (
                "docker-compose.yml",
                "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports:\n      - '8080:8080'\n",
            ),
            (
                "compose.yaml",
                "services:\n  api:\n    build: .\n    deploy:\n      resources:\n        reservations:\n          memory: 256M\n  db:\n    image: postgres:16\n    mem_limit: 1g\n",
            ),
            ("docker-compose.prod.yml", "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      replicas: 2\n"),
            // Recognised by shape.
            (
                "deploy/stack.yml",
                "version: '3.8'\nservices:\n  api:\n    image: api:1\n  worker:\n    image: worker:1\n",
            ),
            (
                "docker-compose.yaml",
                "x-common: &common\n  restart: unless-stopped\nservices:\n  api:\n    <<: *common\n    image: api:1\n",
            ),
            ("docker-compose.override.yml", "services:\n  cache:\n    image: redis:7\n"),
            (
                "compose.prod.yaml",
                "services:\n  api:\n    image: api:1\n    deploy:\n      resources:\n        limits: {}\n",
            ),
            ("infra/docker-compose.yml", "name: shop\nservices:\n  shop:\n    image: shop:2\n    restart: always\n"),
        ];
        Tester::new::<ComposeNoResourceLimits>(pass, fail).test_and_snapshot();
    }
}
