//! Deployment files as the operations rules read them: Dockerfile stages, Compose services and
//! Kubernetes pod specs, and where in the file to point at them.

use std::ops::Range;

use shipready_diagnostics::Span;
use shipready_lang::dockerfile::{HealthcheckArguments, HealthcheckInstruction, Stage, UserInstruction};
use shipready_lang::yaml::{self, Node};

use crate::context::FileInfo;

/// Our span for a byte range of the Dockerfile parser.
pub(crate) fn range_span(range: &Range<usize>) -> Span {
    let start = u32::try_from(range.start).unwrap_or(u32::MAX);
    let end = u32::try_from(range.end).unwrap_or(u32::MAX);
    Span::new(start, end.max(start))
}

/// Whether a file is meant for local development or tests only, by its name or folder:
/// `docker-compose.dev.yml`, `Dockerfile.test`, `compose.local.yaml`, `.devcontainer/Dockerfile`.
pub(crate) fn is_local_only(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    ["dev", "test", "local"].iter().any(|word| name.contains(word)) || lower.split('/').any(|d| d == ".devcontainer")
}

// ---------------------------------------------------------------------------------------------
// Dockerfiles
// ---------------------------------------------------------------------------------------------

/// The index of the earlier stage a stage builds on (`FROM build AS final`), if it does.
pub(crate) fn base_stage(stages: &[Stage<'_, '_>], index: usize) -> Option<usize> {
    let image = stages.get(index)?.from.image.value.as_ref();
    stages[..index]
        .iter()
        .rposition(|stage| stage.from.as_.as_ref().is_some_and(|(_, name)| name.value.eq_ignore_ascii_case(image)))
}

/// The stage and the stages it builds on, nearest first: what the final image inherits.
pub(crate) fn stage_chain(stages: &[Stage<'_, '_>], index: usize) -> Vec<usize> {
    let mut chain = vec![index];
    let mut current = index;
    // Each step goes to an earlier stage, so the walk ends.
    while let Some(base) = base_stage(stages, current) {
        chain.push(base);
        current = base;
    }
    chain
}

/// The span of a stage's `FROM` line: from the keyword to the image or the stage name.
pub(crate) fn from_line_span(stage: &Stage<'_, '_>) -> Span {
    let end = stage.from.as_.as_ref().map_or(stage.from.image.span.end, |(_, name)| name.span.end);
    range_span(&(stage.from.from.span.start..end))
}

/// The span of a `HEALTHCHECK` instruction, from its keyword to `CMD` or `NONE`.
pub(crate) fn healthcheck_span(check: &HealthcheckInstruction<'_>) -> Span {
    let end = match &check.arguments {
        HealthcheckArguments::Cmd { cmd, .. } => cmd.span.end,
        HealthcheckArguments::None { none, .. } => none.span.end,
        _ => check.healthcheck.span.end,
    };
    range_span(&(check.healthcheck.span.start..end))
}

/// The span of a `USER` instruction.
pub(crate) fn user_span(user: &UserInstruction<'_>) -> Span {
    range_span(&(user.user.span.start..user.arguments.span.end))
}

// ---------------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------------

/// The byte span of a YAML node.
pub(crate) fn node_span(file: &FileInfo<'_>, node: &Node<'_>) -> Span {
    yaml::span(node, file.text, file.line_index())
}

/// The span of a mapping entry, from its key to the end of its value (`privileged: true`).
pub(crate) fn entry_span(file: &FileInfo<'_>, key: &Node<'_>, value: &Node<'_>) -> Span {
    let key = node_span(file, key);
    let value = node_span(file, value);
    if value.start < value.end && value.end > key.end { Span::new(key.start, value.end) } else { key }
}

/// The value of `key` in a mapping, also through YAML merge keys (`<<: *defaults`), which
/// Compose files use to share settings between services.
pub(crate) fn get_merged<'n, 'a>(node: &'n Node<'a>, key: &str) -> Option<&'n Node<'a>> {
    if let Some(value) = yaml::get(node, key) {
        return Some(value);
    }
    let merged = yaml::get(node, "<<")?;
    if yaml::is_mapping(merged) {
        get_merged(merged, key)
    } else {
        yaml::items(merged).iter().find_map(|item| get_merged(item, key))
    }
}

/// Whether a mapping has a merge key whose content the parser could not resolve.
pub(crate) fn has_unresolved_merge(node: &Node<'_>) -> bool {
    yaml::get(node, "<<").is_some_and(|merged| {
        if yaml::is_mapping(merged) {
            has_unresolved_merge(merged)
        } else if yaml::is_sequence(merged) {
            yaml::items(merged).iter().any(|item| !yaml::is_mapping(item) || has_unresolved_merge(item))
        } else {
            true
        }
    })
}

/// Whether any scalar inside a node holds a template expression (`{{ .Values.resources }}`):
/// the rendered manifest may set what the raw file lacks.
pub(crate) fn has_template(node: &Node<'_>) -> bool {
    yaml::as_str(node).is_some_and(|text| text.contains("{{"))
        || yaml::entries(node).any(|(key, value)| has_template(key) || has_template(value))
        || yaml::items(node).iter().any(has_template)
}

/// A scalar as text, numbers included (`6379` → `"6379"`).
pub(crate) fn scalar_text(node: &Node<'_>) -> Option<String> {
    yaml::as_str(node).map(str::to_string).or_else(|| yaml::as_i64(node).map(|n| n.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Compose
// ---------------------------------------------------------------------------------------------

/// Whether a file name is a Compose file's: `docker-compose.yml`, `docker-compose.prod.yaml`,
/// `compose.yaml`, `compose.override.yml`.
pub(crate) fn is_compose_file_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    yaml && (lower.contains("docker-compose") || lower.starts_with("compose.") || lower.starts_with("compose-"))
}

/// The services of a Compose document, as (key, service) pairs: a top-level `services:`
/// mapping, in a file named like a Compose file or whose services all are mappings and at least
/// one has an `image` or `build`.
pub(crate) fn compose_services<'n, 'a>(document: &'n Node<'a>, file_name: &str) -> Vec<(&'n Node<'a>, &'n Node<'a>)> {
    if yaml::get(document, "apiVersion").is_some() || yaml::get(document, "kind").is_some() {
        return Vec::new();
    }
    let Some(services) = yaml::get(document, "services") else { return Vec::new() };
    let entries: Vec<_> = yaml::entries(services).collect();
    if !is_compose_file_name(file_name) {
        let shaped = !entries.is_empty()
            && entries.iter().all(|(_, service)| yaml::is_mapping(service))
            && entries.iter().any(|(_, service)| has_image_or_build(service));
        if !shaped {
            return Vec::new();
        }
    }
    entries.into_iter().filter(|(_, service)| yaml::is_mapping(service)).collect()
}

/// Whether a Compose service says what it runs (`image` or `build`), rather than being a
/// partial service that another Compose file completes.
pub(crate) fn has_image_or_build(service: &Node<'_>) -> bool {
    get_merged(service, "image").is_some() || get_merged(service, "build").is_some()
}

// ---------------------------------------------------------------------------------------------
// Kubernetes
// ---------------------------------------------------------------------------------------------

/// A pod spec found in a Kubernetes document.
pub(crate) struct PodSpec<'n, 'a> {
    /// The workload kind that holds it (`Deployment`, `CronJob`, `Pod`).
    pub(crate) kind: &'n str,
    pub(crate) spec: &'n Node<'a>,
}

impl PodSpec<'_, '_> {
    /// Whether the workload runs until stopped (not a `Job`, a `CronJob` or a run-once `Pod`).
    pub(crate) fn long_running(&self) -> bool {
        match self.kind {
            "Job" | "CronJob" => false,
            "Pod" => !yaml::get(self.spec, "restartPolicy")
                .and_then(yaml::as_str)
                .is_some_and(|policy| matches!(policy, "Never" | "OnFailure")),
            _ => true,
        }
    }
}

/// Workload kinds whose pod template is at `spec.template.spec`.
const TEMPLATED_KINDS: &[&str] =
    &["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"];

/// Every pod spec of a Kubernetes document (a workload, a `Pod`, or a `List` of them).
pub(crate) fn pod_specs<'n, 'a>(document: &'n Node<'a>) -> Vec<PodSpec<'n, 'a>> {
    let mut found = Vec::new();
    collect_pod_specs(document, &mut found, 0);
    found
}

fn collect_pod_specs<'n, 'a>(document: &'n Node<'a>, found: &mut Vec<PodSpec<'n, 'a>>, depth: usize) {
    if yaml::get(document, "apiVersion").is_none() || depth > 8 {
        return;
    }
    let Some(kind) = yaml::get(document, "kind").and_then(yaml::as_str) else { return };
    let spec = yaml::get(document, "spec");
    let template_spec = |spec: &'n Node<'a>| yaml::get(spec, "template").and_then(|t| yaml::get(t, "spec"));
    let pod_spec = match kind {
        "List" => {
            for item in yaml::get(document, "items").map(yaml::items).unwrap_or_default() {
                collect_pod_specs(item, found, depth + 1);
            }
            None
        }
        "Pod" => spec,
        "CronJob" => {
            spec.and_then(|s| yaml::get(s, "jobTemplate")).and_then(|j| yaml::get(j, "spec")).and_then(template_spec)
        }
        _ if TEMPLATED_KINDS.contains(&kind) => spec.and_then(template_spec),
        _ => None,
    };
    if let Some(spec) = pod_spec.filter(|spec| yaml::is_mapping(spec)) {
        found.push(PodSpec { kind, spec });
    }
}

/// The containers of a pod spec, and its init containers when asked.
pub(crate) fn containers<'n, 'a>(spec: &'n Node<'a>, init: bool) -> impl Iterator<Item = &'n Node<'a>> {
    let lists: &[&str] = if init { &["initContainers", "containers"] } else { &["containers"] };
    lists
        .iter()
        .filter_map(|list| yaml::get(spec, list))
        .flat_map(yaml::items)
        .filter(|container| yaml::is_mapping(container))
}

/// A container's name, for messages.
pub(crate) fn container_name<'n>(container: &'n Node<'_>) -> &'n str {
    yaml::get(container, "name").and_then(yaml::as_str).unwrap_or("(unnamed)")
}

/// Where to point at a container: its `name` value, or its first key.
pub(crate) fn container_anchor(file: &FileInfo<'_>, container: &Node<'_>) -> Span {
    let node = yaml::get(container, "name").or_else(|| yaml::entries(container).next().map(|(key, _)| key));
    node.map_or_else(|| node_span(file, container), |node| node_span(file, node))
}

/// Whether a container is complete enough to judge what it lacks: it names its image (a
/// Kustomize patch names only what it changes) and nothing in it is a template expression.
pub(crate) fn is_complete_container(container: &Node<'_>) -> bool {
    yaml::get(container, "image").is_some() && !has_template(container)
}
