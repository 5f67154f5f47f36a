use shipready_lang::{FileRole, Language, yaml};

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::deploy::{PodSpec, container_anchor, container_name, containers, is_complete_container, pod_specs};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds containers of long-running Kubernetes workloads (`Deployment`, `StatefulSet`,
    /// `DaemonSet`, `ReplicaSet`, `ReplicationController`, and `Pod`s that restart) without a
    /// `livenessProbe`, a `readinessProbe`, or either. One finding per container, at its name,
    /// saying which probes are missing. Every document of a multi-document file is checked, and
    /// the items of a `List`.
    ///
    /// `Job`s and `CronJob`s run to completion and are not checked, nor are init containers.
    /// A `startupProbe` only delays the other two, so it stands in for neither. Containers
    /// without an `image` (Kustomize patches) and containers with template expressions
    /// (`{{ … }}`) are not judged.
    ///
    /// ## Why is this bad?
    /// Without a readiness probe, a pod gets traffic as soon as its process starts, before it
    /// can serve, and keeps getting it while it is overloaded or lost its database. Without a
    /// liveness probe, a deadlocked process is never restarted. Rolling updates also rely on
    /// readiness to stop a broken release.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: ghcr.io/acme/api:1.4.2
    ///     ports:
    ///       - containerPort: 8080
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: ghcr.io/acme/api:1.4.2
    ///     readinessProbe:
    ///       httpGet: { path: /ready, port: 8080 }
    ///     livenessProbe:
    ///       httpGet: { path: /health, port: 8080 }
    /// ```
    pub(crate) struct K8sNoProbes {
        id: "k8s-no-probes",
        area: Operations,
        severity: Medium,
        since: "0.1.0",
        title: "Kubernetes container without liveness or readiness probe",
        rationale: "Without probes, Kubernetes sends traffic to pods that cannot serve and never restarts hung ones.",
        fix: "Add a `readinessProbe` and a `livenessProbe` that call the service's health endpoints.",
    }
}

impl Rule for K8sNoProbes {
    const LANGUAGES: &'static [Language] = &[Language::Yaml];
    const ROLES: &'static [FileRole] = &[FileRole::Config];
    const NEEDLES: &'static [&'static str] = &["containers"];

    fn check_yaml(&self, documents: &[yaml::Node<'_>], ctx: &mut FileContext<'_>) {
        for document in documents {
            for pod in pod_specs(document).into_iter().filter(PodSpec::long_running) {
                for container in containers(pod.spec, false).filter(|c| is_complete_container(c)) {
                    let liveness = yaml::get(container, "livenessProbe").is_some();
                    let readiness = yaml::get(container, "readinessProbe").is_some();
                    let missing = match (liveness, readiness) {
                        (true, true) => continue,
                        (true, false) => "`readinessProbe`",
                        (false, true) => "`livenessProbe`",
                        (false, false) => "`livenessProbe` or `readinessProbe`",
                    };
                    let startup = if yaml::get(container, "startupProbe").is_some() {
                        " (a `startupProbe` does not replace them)"
                    } else {
                        ""
                    };
                    let name = container_name(container);
                    ctx.report(
                        container_anchor(ctx.file, container),
                        format!("container `{name}` of a {} has no {missing}{startup}", pod.kind),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::K8sNoProbes;
    use crate::tester::Tester;

    const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n";

    fn deployment(containers: &str) -> String {
        format!("{DEPLOYMENT}{containers}")
    }

    #[test]
    fn test() {
        let probed = "        - name: api\n          image: api:1\n          livenessProbe:\n            httpGet: {path: /health, port: 8080}\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n";
        let bare = "        - name: api\n          image: api:1\n";
        let pass = vec![
            ("deploy/k8s/deployment.yaml", deployment(probed)),
            // Jobs run to completion.
            (
                "k8s/migrate.yaml",
                "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: api:1\n".to_string(),
            ),
            (
                "k8s/cron.yaml",
                "apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: '0 * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: report\n              image: api:1\n".to_string(),
            ),
            (
                "k8s/pod.yaml",
                "apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: Never\n  containers:\n    - name: once\n      image: busybox:1.36\n".to_string(),
            ),
            // Init containers need no probes.
            (
                "k8s/deployment.yaml",
                format!(
                    "{DEPLOYMENT}{probed}      initContainers:\n        - name: wait\n          image: busybox:1.36\n"
                ),
            ),
            // A Kustomize patch names only what it changes.
            (
                "overlays/prod/patch.yaml",
                deployment("        - name: api\n          resources:\n            limits: {memory: 1Gi}\n"),
            ),
            // A Helm template may render the probes.
            (
                "chart/templates/deployment.yaml",
                deployment("        - name: api\n          image: \"{{ .Values.image }}\"\n"),
            ),
            // Not a workload.
            ("k8s/service.yaml", "apiVersion: v1\nkind: Service\nspec:\n  ports: [{port: 80}]\n".to_string()),
            ("docker-compose.yml", "services:\n  api:\n    image: api:1\n".to_string()),
            ("tests/k8s/deployment.yaml", deployment(bare)),
        ];
        let fail = vec![
            ("deploy/k8s/deployment.yaml", deployment(bare)),
            (
                "k8s/api.yaml",
                deployment(
                    "        - name: api\n          image: api:1\n          livenessProbe:\n            tcpSocket: {port: 8080}\n",
                ),
            ),
            (
                "k8s/api.yaml",
                deployment(
                    "        - name: api\n          image: api:1\n          startupProbe:\n            httpGet: {path: /health, port: 8080}\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n",
                ),
            ),
            // Every document of a multi-document file.
            (
                "k8s/all.yaml",
                format!(
                    "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n---\n{}---\napiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n",
                    deployment(probed)
                ),
            ),
            (
                "k8s/list.yaml",
                "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: apps/v1\n    kind: DaemonSet\n    spec:\n      template:\n        spec:\n          containers:\n            - name: agent\n              image: agent:1\n".to_string(),
            ),
            ("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:1.27\n      name: web\n".to_string()),
            (
                "k8s/rs.yaml",
                "apiVersion: apps/v1\nkind: ReplicaSet\nspec:\n  template:\n    spec:\n      containers:\n      - {name: web, image: 'nginx:1.27'}\n".to_string(),
            ),
            // A sidecar without probes.
            (
                "k8s/deployment.yaml",
                format!("{DEPLOYMENT}{probed}        - name: proxy\n          image: envoyproxy/envoy:v1.30\n"),
            ),
        ];
        Tester::new::<K8sNoProbes>(pass, fail).test_and_snapshot();
    }
}
