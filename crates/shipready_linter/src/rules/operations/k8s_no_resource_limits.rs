use shipready_lang::{FileRole, Language, yaml};

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::deploy::{container_anchor, container_name, containers, is_complete_container, pod_specs};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds containers and init containers of Kubernetes workloads (`Deployment`,
    /// `StatefulSet`, `DaemonSet`, `ReplicaSet`, `ReplicationController`, `Job`, `CronJob`,
    /// `Pod`, and the items of a `List`) without `resources.limits` for memory or CPU.
    /// `resources.requests` alone is not a limit. One finding per container, at its name.
    ///
    /// Files that also define a `LimitRange`, which gives containers default limits, are not
    /// checked. Containers without an `image` (Kustomize patches) and containers with template
    /// expressions (`{{ … }}`) are not judged.
    ///
    /// ## Why is this bad?
    /// A container without a memory limit can use all of its node's memory: a leak or a
    /// traffic spike then gets other pods on the node evicted or killed. Without a CPU limit,
    /// one busy pod slows every neighbour, and the scheduler's view of the node is wrong.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: ghcr.io/acme/api:1.4.2
    ///     resources:
    ///       requests: { memory: 256Mi, cpu: 250m }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: ghcr.io/acme/api:1.4.2
    ///     resources:
    ///       requests: { memory: 256Mi, cpu: 250m }
    ///       limits: { memory: 512Mi, cpu: "1" }
    /// ```
    ///
    /// ## Known limitations
    /// A `LimitRange` applied from another file, or a namespace quota policy, is not seen.
    pub(crate) struct K8sNoResourceLimits {
        id: "k8s-no-resource-limits",
        area: Operations,
        severity: Medium,
        since: "0.1.0",
        title: "Kubernetes container without resource limits",
        rationale: "A container without limits can take its node's memory and CPU and get its neighbours evicted.",
        fix: "Set `resources.limits.memory` (and `cpu` where throttling is acceptable) on every container.",
    }
}

impl Rule for K8sNoResourceLimits {
    const LANGUAGES: &'static [Language] = &[Language::Yaml];
    const ROLES: &'static [FileRole] = &[FileRole::Config];
    const NEEDLES: &'static [&'static str] = &["containers"];

    fn check_yaml(&self, documents: &[yaml::Node<'_>], ctx: &mut FileContext<'_>) {
        let limit_range =
            documents.iter().any(|document| yaml::get(document, "kind").and_then(yaml::as_str) == Some("LimitRange"));
        if limit_range {
            return;
        }
        for document in documents {
            for pod in pod_specs(document) {
                for container in containers(pod.spec, true).filter(|c| is_complete_container(c)) {
                    let resources = yaml::get(container, "resources");
                    let limits = resources.and_then(|resources| yaml::get(resources, "limits"));
                    let name = container_name(container);
                    let message = match limits {
                        Some(limits) if ["memory", "cpu"].iter().any(|key| yaml::get(limits, key).is_some()) => {
                            continue;
                        }
                        Some(_) => format!("`resources.limits` of container `{name}` sets neither `memory` nor `cpu`"),
                        None if resources.and_then(|r| yaml::get(r, "requests")).is_some() => {
                            format!("container `{name}` has `resources.requests` but no `resources.limits`")
                        }
                        None => format!("container `{name}` has no `resources.limits`"),
                    };
                    ctx.report(container_anchor(ctx.file, container), message);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::K8sNoResourceLimits;
    use crate::tester::Tester;

    const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n";

    fn deployment(containers: &str) -> String {
        format!("{DEPLOYMENT}{containers}")
    }

    #[test]
    fn test() {
        let limited = "        - name: api\n          image: api:1\n          resources:\n            requests: {memory: 256Mi}\n            limits: {memory: 512Mi, cpu: '1'}\n";
        let pass = vec![
            ("deploy/k8s/deployment.yaml", deployment(limited)),
            (
                "k8s/deployment.yaml",
                deployment("        - name: api\n          image: api:1\n          resources:\n            limits:\n              cpu: 500m\n"),
            ),
            (
                "k8s/cron.yaml",
                "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: report\n              image: api:1\n              resources:\n                limits: {memory: 128Mi}\n".to_string(),
            ),
            // A LimitRange in the same file gives defaults.
            (
                "k8s/all.yaml",
                format!(
                    "apiVersion: v1\nkind: LimitRange\nspec:\n  limits:\n    - type: Container\n      default: {{memory: 512Mi}}\n---\n{}",
                    deployment("        - name: api\n          image: api:1\n")
                ),
            ),
            (
                "overlays/prod/patch.yaml",
                deployment("        - name: api\n          env:\n            - {name: LOG_LEVEL, value: info}\n"),
            ),
            (
                "chart/templates/deployment.yaml",
                deployment("        - name: api\n          image: api:1\n          resources: \"{{ toYaml .Values.resources }}\"\n"),
            ),
            ("k8s/service.yaml", "apiVersion: v1\nkind: Service\nspec:\n  ports: [{port: 80}]\n".to_string()),
            ("k8s/values.yaml", "containers:\n  - name: api\n    image: api:1\n".to_string()),
            (
                "chart/templates/job.yaml",
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: \"{{ .Release.Name }}-migrate\"\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n".to_string(),
            ),
            ("tests/k8s/deployment.yaml", deployment("        - name: api\n          image: api:1\n")),
        ];
        let fail = vec![
            ("deploy/k8s/deployment.yaml", deployment("        - name: api\n          image: api:1\n")),
            (
                "k8s/deployment.yaml",
                deployment("        - name: api\n          image: api:1\n          resources:\n            requests: {memory: 256Mi, cpu: 100m}\n"),
            ),
            (
                "k8s/deployment.yaml",
                deployment("        - name: api\n          image: api:1\n          resources:\n            limits: {nvidia.com/gpu: 1}\n"),
            ),
            // Init containers count.
            (
                "k8s/deployment.yaml",
                format!("{DEPLOYMENT}{limited}      initContainers:\n        - name: migrate\n          image: api:1\n"),
            ),
            (
                "k8s/cron.yaml",
                "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: report\n              image: api:1\n".to_string(),
            ),
            (
                "k8s/job.yaml",
                "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          image: api:1\n".to_string(),
            ),
            (
                "k8s/list.yaml",
                "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n".to_string(),
            ),
            (
                "k8s/all.yaml",
                format!(
                    "{}---\napiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n        - image: postgres:16\n          name: db\n",
                    deployment(limited)
                ),
            ),
        ];
        Tester::new::<K8sNoResourceLimits>(pass, fail).test_and_snapshot();
    }
}
