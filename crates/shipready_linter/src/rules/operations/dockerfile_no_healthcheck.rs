use shipready_lang::dockerfile::{Dockerfile, HealthcheckArguments, Instruction, Stage};
use shipready_lang::{FileRole, Language};

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::deploy::{from_line_span, healthcheck_span, is_local_only, stage_chain};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds Dockerfiles whose final stage (the image that ships) has no `HEALTHCHECK`, or
    /// turns the base image's off with `HEALTHCHECK NONE`. A `HEALTHCHECK` in an earlier stage
    /// of the same file that the final stage builds on (`FROM base AS final`) counts.
    ///
    /// Files named for local development or tests (`Dockerfile.dev`, `test.dockerfile`) and
    /// dev containers (`.devcontainer/`) are not checked, nor are images that run no service:
    /// no `CMD` or `ENTRYPOINT` in the final stage's chain, on a distribution or language
    /// base image whose default command is a shell or a REPL (`alpine`, `debian`, `python`,
    /// `node`…): a toolbox image that a development setup runs commands in.
    ///
    /// ## Why is this bad?
    /// Without a health check, Docker, Compose and Swarm only know whether the process is
    /// running, not whether it answers: a hung server stays "up", `depends_on:
    /// condition: service_healthy` cannot wait for it, and rolling updates cannot tell a
    /// broken release from a working one.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-slim
    /// COPY . .
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-slim
    /// COPY . .
    /// HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://localhost:3000/health').then(r => process.exit(r.ok ? 0 : 1)).catch(() => process.exit(1))"
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Known limitations
    /// Base images are not fetched: a `HEALTHCHECK` inherited from a base image of another
    /// repository is not seen. Kubernetes ignores `HEALTHCHECK` and uses its own probes (see
    /// `k8s-no-probes`).
    pub(crate) struct DockerfileNoHealthcheck {
        id: "dockerfile-no-healthcheck",
        area: Operations,
        severity: Medium,
        since: "0.1.0",
        title: "Dockerfile final stage has no HEALTHCHECK",
        rationale: "Without a health check, the container runtime cannot tell a hung service from a healthy one.",
        fix: "Add a `HEALTHCHECK CMD` to the final stage that calls the service's health endpoint.",
    }
}

impl Rule for DockerfileNoHealthcheck {
    const LANGUAGES: &'static [Language] = &[Language::Dockerfile];
    const ROLES: &'static [FileRole] = &[FileRole::Config];

    fn check_dockerfile(&self, dockerfile: &Dockerfile<'_>, ctx: &mut FileContext<'_>) {
        if is_local_only(ctx.file.path) {
            return;
        }
        let stages: Vec<Stage<'_, '_>> = dockerfile.stages().collect();
        let Some(last) = stages.len().checked_sub(1) else { return };
        let chain = stage_chain(&stages, last);
        if runs_no_service(&stages, &chain) {
            return;
        }
        for index in chain {
            let found = stages[index].instructions.iter().rev().find_map(|instruction| match instruction {
                Instruction::Healthcheck(check) => Some(check),
                _ => None,
            });
            let Some(check) = found else { continue };
            if let HealthcheckArguments::None { .. } = check.arguments {
                ctx.report(healthcheck_span(check), "`HEALTHCHECK NONE` turns off the health check of the final image");
            }
            return;
        }
        ctx.report(from_line_span(&stages[last]), "the final stage has no `HEALTHCHECK`");
    }
}

/// Whether the final image runs no service: no stage of its chain sets `CMD` or `ENTRYPOINT`,
/// and the image it starts from is a distribution or language runtime whose default command is
/// a shell or a REPL (an image that does set a service command, `nginx` or `postgres`, or one
/// from another repository, may inherit a server).
fn runs_no_service(stages: &[Stage<'_, '_>], chain: &[usize]) -> bool {
    const SHELL_IMAGES: &[&str] = &[
        "alpine",
        "debian",
        "ubuntu",
        "busybox",
        "fedora",
        "centos",
        "rockylinux",
        "almalinux",
        "archlinux",
        "amazonlinux",
        "opensuse/leap",
        "python",
        "node",
        "ruby",
        "golang",
        "rust",
        "openjdk",
        "eclipse-temurin",
        "php",
    ];
    let sets_command = chain.iter().any(|&index| {
        stages[index].instructions.iter().any(|i| matches!(i, Instruction::Cmd(_) | Instruction::Entrypoint(_)))
    });
    if sets_command {
        return false;
    }
    let Some(&root) = chain.last() else { return false };
    let lower = stages[root].from.image.value.to_ascii_lowercase();
    let without_digest = lower.split('@').next().unwrap_or_default();
    let name = match without_digest.rsplit_once(':') {
        Some((name, tag)) if !tag.contains('/') => name,
        _ => without_digest,
    };
    let name = name.trim_start_matches("docker.io/").trim_start_matches("library/");
    SHELL_IMAGES.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::DockerfileNoHealthcheck;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            (
                "Dockerfile",
                "FROM node:20-slim\nCOPY . .\nHEALTHCHECK --interval=30s CMD curl -f http://localhost:3000/health || exit 1\nCMD [\"node\", \"server.js\"]\n",
            ),
            ("Dockerfile", "FROM python:3.12-slim\nHEALTHCHECK CMD [\"python\", \"-c\", \"import urllib.request\"]\n"),
            // Only the final stage ships.
            (
                "Dockerfile",
                "FROM node:20 AS build\nRUN npm ci && npm run build\n\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1\n",
            ),
            // Inherited from an earlier stage of the same file.
            (
                "api.dockerfile",
                "FROM python:3.12-slim AS base\nHEALTHCHECK CMD curl -f http://localhost:8000/health\n\nFROM base AS final\nCOPY . .\nCMD [\"uvicorn\", \"app:app\"]\n",
            ),
            (
                "Containerfile",
                "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static:nonroot AS runtime\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"/app\", \"health\"]\nCOPY --from=build /app /app\n",
            ),
            // Lowercase instructions.
            ("Dockerfile", "from node:20\nhealthcheck cmd curl -f http://localhost/\n"),
            // Local development and test images.
            ("Dockerfile.dev", "FROM node:20\nCMD [\"npm\", \"run\", \"dev\"]\n"),
            ("docker/test.Dockerfile", "FROM python:3.12\nCMD [\"pytest\"]\n"),
            (".devcontainer/Dockerfile", "FROM mcr.microsoft.com/devcontainers/python:3.12\n"),
            ("tests/Dockerfile", "FROM python:3.12\nCMD [\"pytest\"]\n"),
            // pict-rs: a toolbox image a development Compose file runs commands in.
            (
                "docker/object-storage/Dockerfile",
                "FROM alpine:edge\nRUN apk add exiftool imagemagick ffmpeg\nCOPY root/ /\nWORKDIR /opt/app\nUSER app\n",
            ),
        ];
        let fail = [
            ("Dockerfile", "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n"),
            // A health check in a build stage does not reach the final image.
            (
                "Dockerfile",
                "FROM node:20 AS build\nHEALTHCHECK CMD true\nRUN npm run build\n\nFROM node:20-slim AS runtime\nCOPY --from=build /app /app\nCMD [\"node\", \"/app/server.js\"]\n",
            ),
            ("Dockerfile", "FROM python:3.12-slim\nHEALTHCHECK NONE\nCMD [\"gunicorn\", \"app:app\"]\n"),
            (
                "services/api/Dockerfile.prod",
                "FROM python:3.12-slim AS base\nRUN pip install uv\n\nFROM base\nCOPY . .\nCMD [\"uvicorn\", \"main:app\"]\n",
            ),
            (
                "Containerfile",
                "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
            ),
            ("api.dockerfile", "FROM --platform=linux/amd64 node:20 AS app\nCMD node index.js\n"),
            (
                "Dockerfile",
                "FROM node:20 AS base\nHEALTHCHECK NONE\n\nFROM base AS final\nCMD [\"node\", \"server.js\"]\n",
            ),
            (
                "worker/Dockerfile",
                "# syntax=docker/dockerfile:1\nFROM python:3.12\nCMD [\"celery\", \"-A\", \"app\", \"worker\"]\n",
            ),
            // No command of its own, but the base image's default command is a service.
            ("Dockerfile", "FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\n"),
            ("Dockerfile", "FROM ghcr.io/acme/service-base:2\nCOPY config.yml /etc/service/\n"),
            // A command in an earlier stage of the chain is the image's command.
            ("Dockerfile", "FROM node:20 AS base\nCMD [\"node\", \"server.js\"]\n\nFROM base\nCOPY . .\n"),
            ("Containerfile.alpine", "FROM docker.io/alpine\nCOPY miniserve /app/\nENTRYPOINT [\"/app/miniserve\"]\n"),
        ];
        Tester::new::<DockerfileNoHealthcheck>(pass, fail).test_and_snapshot();
    }
}
