use shipready_diagnostics::Severity;
use shipready_lang::{FileRole, Language, yaml};

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::deploy::{
    container_anchor, container_name, containers, entry_span, has_template, is_complete_container, pod_specs,
};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds Kubernetes containers (init containers included) that run with more privilege
    /// than a service needs, and lists every problem of a container in one finding, at its
    /// name:
    ///
    /// - `securityContext.privileged: true`;
    /// - `allowPrivilegeEscalation: true`;
    /// - `runAsUser: 0`, on the container or on the pod (unless the container sets another
    ///   user);
    /// - `capabilities.add` with `ALL` or `SYS_ADMIN`;
    /// - no `readOnlyRootFilesystem: true`.
    ///
    /// A container whose only problem is a writable root filesystem is reported at `medium`;
    /// the others at `high`. Pod-level `hostNetwork: true`, `hostPID: true` and `hostIPC: true`
    /// are reported at their keys. Containers without an `image` (Kustomize patches) and
    /// containers with template expressions (`{{ … }}`) are not judged on what they lack.
    ///
    /// ## Why is this bad?
    /// A privileged container, one that can escalate or that holds `SYS_ADMIN`, and one that
    /// shares the node's network or process namespace can take over its node and every pod
    /// on it. Running as root and writing to the image's filesystem make any code-execution
    /// bug persistent and turn it into root in the container.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: ghcr.io/acme/api:1.4.2
    ///     securityContext:
    ///       privileged: true
    ///       runAsUser: 0
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: ghcr.io/acme/api:1.4.2
    ///     securityContext:
    ///       runAsNonRoot: true
    ///       runAsUser: 10001
    ///       allowPrivilegeEscalation: false
    ///       readOnlyRootFilesystem: true
    ///       capabilities: { drop: [ALL] }
    /// ```
    pub(crate) struct K8sPrivileged {
        id: "k8s-privileged",
        area: Operations,
        severity: High,
        since: "0.1.0",
        title: "Kubernetes container runs with excess privilege",
        rationale: "Privileged, root or escalating containers and host namespaces let one compromised pod take over its node.",
        fix: "Drop privilege in `securityContext`: non-root user, no escalation, no added capabilities, and a read-only root filesystem.",
    }
}

impl Rule for K8sPrivileged {
    const LANGUAGES: &'static [Language] = &[Language::Yaml];
    const ROLES: &'static [FileRole] = &[FileRole::Config];
    const NEEDLES: &'static [&'static str] = &["containers"];

    fn check_yaml(&self, documents: &[yaml::Node<'_>], ctx: &mut FileContext<'_>) {
        for document in documents {
            for pod in pod_specs(document) {
                for key in ["hostNetwork", "hostPID", "hostIPC"] {
                    if let Some(value) = yaml::get(pod.spec, key).filter(|v| yaml::as_bool(v) == Some(true))
                        && let Some(key_node) = yaml::key(pod.spec, key)
                    {
                        ctx.report(
                            entry_span(ctx.file, key_node, value),
                            format!("the pod of a {} shares the node's namespace with `{key}: true`", pod.kind),
                        );
                    }
                }
                let pod_user = yaml::get(pod.spec, "securityContext").and_then(|sc| yaml::get(sc, "runAsUser"));
                for container in containers(pod.spec, true) {
                    check_container(container, pod_user, ctx);
                }
            }
        }
    }
}

fn check_container(container: &yaml::Node<'_>, pod_user: Option<&yaml::Node<'_>>, ctx: &mut FileContext<'_>) {
    let context = yaml::get(container, "securityContext");
    let setting = |key: &str| context.and_then(|sc| yaml::get(sc, key));
    let is_true = |key: &str| setting(key).and_then(yaml::as_bool) == Some(true);
    let mut serious = Vec::new();
    if is_true("privileged") {
        serious.push("`privileged: true`".to_string());
    }
    if is_true("allowPrivilegeEscalation") {
        serious.push("`allowPrivilegeEscalation: true`".to_string());
    }
    if setting("runAsUser").or(pod_user).and_then(yaml::as_i64) == Some(0) {
        serious.push("`runAsUser: 0`".to_string());
    }
    let added = setting("capabilities").and_then(|caps| yaml::get(caps, "add")).map(yaml::items).unwrap_or_default();
    for capability in added.iter().filter_map(yaml::as_str) {
        let bare = capability.trim().trim_start_matches("CAP_");
        if matches!(bare, "ALL" | "SYS_ADMIN") {
            serious.push(format!("the `{bare}` capability"));
        }
    }
    let writable_root = !is_true("readOnlyRootFilesystem") && is_complete_container(container);
    if serious.is_empty() && !writable_root {
        return;
    }
    // A templated security context may be rendered with the missing setting.
    if serious.is_empty() && context.is_some_and(has_template) {
        return;
    }
    let name = container_name(container);
    let span = container_anchor(ctx.file, container);
    if serious.is_empty() {
        let message = format!("container `{name}` has a writable root filesystem: no `readOnlyRootFilesystem: true`");
        ctx.report_with_severity(span, Severity::Medium, message);
        return;
    }
    let mut problems = serious;
    if writable_root {
        problems.push("no `readOnlyRootFilesystem: true`".to_string());
    }
    ctx.report(span, format!("container `{name}` runs with excess privilege: {}", problems.join(", ")));
}

#[cfg(test)]
mod tests {
    use super::K8sPrivileged;
    use crate::tester::Tester;

    const DEPLOYMENT: &str =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n";

    fn deployment(pod: &str) -> String {
        format!("{DEPLOYMENT}{pod}")
    }

    #[test]
    fn test() {
        let hardened = "      containers:\n        - name: api\n          image: api:1\n          securityContext:\n            runAsNonRoot: true\n            runAsUser: 10001\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}\n";
        let pass = vec![
            ("deploy/k8s/deployment.yaml", deployment(hardened)),
            // The container's user overrides the pod's.
            (
                "k8s/deployment.yaml",
                deployment(&format!("      securityContext:\n        runAsUser: 0\n{hardened}")),
            ),
            (
                "k8s/deployment.yaml",
                deployment("      hostNetwork: false\n      containers:\n        - name: api\n          image: api:1\n          securityContext: {readOnlyRootFilesystem: true, privileged: false}\n"),
            ),
            (
                "k8s/cron.yaml",
                "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: report\n              image: api:1\n              securityContext:\n                readOnlyRootFilesystem: true\n".to_string(),
            ),
            // Kustomize patches and Helm templates.
            (
                "overlays/prod/patch.yaml",
                deployment("      containers:\n        - name: api\n          env:\n            - {name: LOG_LEVEL, value: info}\n"),
            ),
            (
                "chart/templates/deployment.yaml",
                deployment("      containers:\n        - name: api\n          image: \"{{ .Values.image }}\"\n"),
            ),
            (
                "k8s/deployment.yaml",
                deployment("      containers:\n        - name: api\n          image: api:1\n          securityContext: \"{{ toYaml .Values.securityContext }}\"\n"),
            ),
            ("k8s/service.yaml", "apiVersion: v1\nkind: Service\nspec:\n  ports: [{port: 80}]\n".to_string()),
            // A policy object, not a workload.
            (
                "k8s/psp.yaml",
                "apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nspec:\n  privileged: false\n  readOnlyRootFilesystem: true\n".to_string(),
            ),
            ("tests/k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: x\n      image: x:1\n      securityContext: {privileged: true}\n".to_string()),
        ];
        let fail = vec![
            (
                "k8s/deployment.yaml",
                deployment("      containers:\n        - name: agent\n          image: agent:1\n          securityContext:\n            privileged: true\n            readOnlyRootFilesystem: true\n"),
            ),
            (
                "k8s/deployment.yaml",
                deployment("      containers:\n        - name: api\n          image: api:1\n          securityContext:\n            allowPrivilegeEscalation: true\n            runAsUser: 0\n"),
            ),
            // Pod-level root applies to every container.
            (
                "k8s/deployment.yaml",
                deployment("      securityContext:\n        runAsUser: 0\n      containers:\n        - name: api\n          image: api:1\n          securityContext:\n            readOnlyRootFilesystem: true\n"),
            ),
            (
                "k8s/deployment.yaml",
                deployment("      containers:\n        - name: api\n          image: api:1\n          securityContext:\n            readOnlyRootFilesystem: true\n            capabilities:\n              add: [SYS_ADMIN]\n"),
            ),
            // Only a writable root filesystem: medium.
            ("k8s/deployment.yaml", deployment("      containers:\n        - name: api\n          image: api:1\n")),
            (
                "k8s/ds.yaml",
                "apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      hostPID: true\n      containers:\n        - name: exporter\n          image: node-exporter:1\n          securityContext: {readOnlyRootFilesystem: true}\n".to_string(),
            ),
            (
                "k8s/pod.yaml",
                "apiVersion: v1\nkind: Pod\nspec:\n  initContainers:\n    - name: sysctl\n      image: busybox:1.36\n      securityContext: {privileged: true, readOnlyRootFilesystem: true}\n  containers:\n    - name: app\n      image: app:1\n      securityContext: {readOnlyRootFilesystem: true}\n".to_string(),
            ),
            (
                "k8s/list.yaml",
                "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: batch/v1\n    kind: CronJob\n    spec:\n      jobTemplate:\n        spec:\n          template:\n            spec:\n              containers:\n                - name: backup\n                  image: backup:1\n                  securityContext: {privileged: true}\n".to_string(),
            ),
        ];
        Tester::new::<K8sPrivileged>(pass, fail).test_and_snapshot();
    }
}
