use shipready_lang::dockerfile::{Command, Dockerfile, Instruction, Stage, UserInstruction};
use shipready_lang::{FileRole, Language};

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::deploy::{from_line_span, is_local_only, stage_chain, user_span};
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds Dockerfiles whose final stage runs as root: it sets no `USER` (and builds on no
    /// stage of the same file that does), or its last `USER` is `root`, `0` or `0:0`.
    ///
    /// Stays silent when the last `USER` is anyone else (`USER node`, `USER 1000`,
    /// `USER app:app`) or a build argument (`USER $APP_UID`), when the base image runs as a
    /// non-root user by default (`*:nonroot` and `*-nonroot` tags such as distroless
    /// `gcr.io/distroless/static:nonroot`, Chainguard `cgr.dev/chainguard/*`, Bitnami
    /// `bitnami/*`, `*-unprivileged`), and when the entry point drops privileges itself with
    /// `gosu`, `su-exec`, `setpriv`, `runuser`, `s6-setuidgid` or `chroot --userspec`. Also
    /// silent: a final image built on an official database or broker image whose own entry
    /// point drops to an unprivileged user (`postgres`, `redis`, `mysql`, `mariadb`, `mongo`,
    /// `rabbitmq`, `elasticsearch`…) when it sets no `USER` and keeps that entry point. Files
    /// named for local development or tests (`Dockerfile.dev`) are not checked.
    ///
    /// ## Why is this bad?
    /// A process running as root inside a container is root on the container's filesystem
    /// and one kernel or runtime bug away from root on the host. A compromised dependency or
    /// a remote-code-execution bug then gets every privilege the container has.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-slim
    /// WORKDIR /app
    /// COPY . .
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-slim
    /// WORKDIR /app
    /// COPY --chown=node:node . .
    /// USER node
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Known limitations
    /// Base images are not fetched: a base image of another repository that sets a non-root
    /// `USER` is recognised only by the names above. Kubernetes `runAsUser` and Compose `user:`
    /// can override the image's user; those files are checked by their own rules.
    pub(crate) struct DockerfileRootUser {
        id: "dockerfile-root-user",
        area: Operations,
        severity: High,
        since: "0.1.0",
        title: "Container runs as root",
        rationale: "A process running as root in a container turns any code execution bug into root in the container and a step from the host.",
        fix: "Create or pick an unprivileged user and switch to it with `USER` in the final stage.",
    }
}

impl Rule for DockerfileRootUser {
    const LANGUAGES: &'static [Language] = &[Language::Dockerfile];
    const ROLES: &'static [FileRole] = &[FileRole::Config];

    fn check_dockerfile(&self, dockerfile: &Dockerfile<'_>, ctx: &mut FileContext<'_>) {
        if is_local_only(ctx.file.path) {
            return;
        }
        let stages: Vec<Stage<'_, '_>> = dockerfile.stages().collect();
        let Some(last) = stages.len().checked_sub(1) else { return };
        let chain = stage_chain(&stages, last);
        if chain.iter().any(|&index| drops_privileges(&stages[index])) {
            return;
        }
        let last_user = chain.iter().find_map(|&index| {
            stages[index].instructions.iter().rev().find_map(|instruction| match instruction {
                Instruction::User(user) => Some(user),
                _ => None,
            })
        });
        match last_user {
            Some(user) if is_root(&user.arguments.value) => {
                ctx.report(
                    user_span(user),
                    format!("`USER {}` leaves the final image running as root", user_name(user)),
                );
            }
            Some(_) => {}
            None => {
                let root_image = chain.last().map_or("", |&index| stages[index].from.image.value.as_ref());
                let official_drop = drops_privileges_in_own_entrypoint(root_image)
                    && chain.iter().all(|&index| keeps_image_entrypoint(&stages[index]));
                if !runs_as_non_root(root_image) && !official_drop {
                    ctx.report(
                        from_line_span(&stages[last]),
                        "the final stage sets no `USER`, so the container runs as root",
                    );
                }
            }
        }
    }
}

/// The user part of a `USER user[:group]` instruction, as written.
fn user_name<'a>(user: &'a UserInstruction<'_>) -> &'a str {
    user.arguments.value.trim()
}

/// Whether `USER` names root: `root`, `0`, `root:root`, `0:0`.
fn is_root(value: &str) -> bool {
    let user = value.trim().split(':').next().unwrap_or_default().trim();
    user == "root" || (!user.is_empty() && user.bytes().all(|b| b == b'0'))
}

/// Base images that run as a non-root user unless told otherwise.
fn runs_as_non_root(image: &str) -> bool {
    let lower = image.to_ascii_lowercase();
    let without_digest = lower.split('@').next().unwrap_or_default();
    let (name, tag) = match without_digest.rsplit_once(':') {
        Some((name, tag)) if !tag.contains('/') => (name, tag),
        _ => (without_digest, ""),
    };
    let name = name.trim_start_matches("docker.io/");
    tag.contains("nonroot")
        || name.starts_with("cgr.dev/chainguard/")
        || name.starts_with("bitnami/")
        || name.ends_with("-unprivileged")
        || name.ends_with("-nonroot")
}

/// Official images whose `docker-entrypoint.sh` starts as root only to fix the data folder's
/// ownership and then re-executes the server as its own user (with `gosu`, `su-exec` or
/// `setpriv`): `postgres`, `redis`, `mysql`, `mariadb`, `mongo`, `rabbitmq`, `elasticsearch`…
fn drops_privileges_in_own_entrypoint(image: &str) -> bool {
    const IMAGES: &[&str] = &[
        "postgres",
        "postgis/postgis",
        "timescale/timescaledb",
        "redis",
        "valkey/valkey",
        "mysql",
        "mariadb",
        "percona",
        "mongo",
        "rabbitmq",
        "elasticsearch",
        "docker.elastic.co/elasticsearch/elasticsearch",
        "cassandra",
        "couchdb",
        "zookeeper",
        "memcached",
        "influxdb",
    ];
    let lower = image.to_ascii_lowercase();
    let without_digest = lower.split('@').next().unwrap_or_default();
    let name = match without_digest.rsplit_once(':') {
        Some((name, tag)) if !tag.contains('/') => name,
        _ => without_digest,
    };
    let name = name.trim_start_matches("docker.io/").trim_start_matches("library/");
    IMAGES.contains(&name)
}

/// Whether a stage keeps the base image's entry point: it sets no `ENTRYPOINT`, or one that
/// still runs the image's `docker-entrypoint.sh`.
fn keeps_image_entrypoint(stage: &Stage<'_, '_>) -> bool {
    stage.instructions.iter().all(|instruction| match instruction {
        Instruction::Entrypoint(entrypoint) => match &entrypoint.arguments {
            Command::Exec(args) => args.value.iter().any(|arg| arg.value.contains("docker-entrypoint")),
            Command::Shell(shell) => shell.value.contains("docker-entrypoint"),
            _ => false,
        },
        _ => true,
    })
}

/// Tools an entry point uses to start the service as another user after root-only setup.
const PRIVILEGE_DROPPERS: &[&str] = &["gosu", "su-exec", "setpriv", "runuser", "s6-setuidgid", "--userspec", "chpst"];

/// Whether a stage's `ENTRYPOINT`, `CMD` or `RUN` steps install or use a privilege-dropping tool.
fn drops_privileges(stage: &Stage<'_, '_>) -> bool {
    let mentions = |text: &str| {
        text.split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '[' | ']' | ';' | '&' | '|')).any(
            |word| {
                let word = word.rsplit('/').next().unwrap_or(word);
                PRIVILEGE_DROPPERS.iter().any(|tool| word == *tool || word.starts_with(&format!("{tool}=")))
            },
        )
    };
    let command_mentions = |command: &Command<'_>| match command {
        Command::Exec(args) => args.value.iter().any(|arg| mentions(&arg.value)),
        Command::Shell(shell) => mentions(shell.value),
        _ => false,
    };
    stage.instructions.iter().any(|instruction| match instruction {
        Instruction::Entrypoint(entrypoint) => command_mentions(&entrypoint.arguments),
        Instruction::Cmd(cmd) => command_mentions(&cmd.arguments),
        Instruction::Run(run) => {
            command_mentions(&run.arguments) || run.here_docs.iter().any(|doc| mentions(&doc.value))
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::DockerfileRootUser;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("Dockerfile", "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD [\"node\", \"server.js\"]\n"),
            ("Dockerfile", "FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER 1000\n"),
            ("Dockerfile", "FROM python:3.12-slim\nRUN adduser app\nUSER app:app\nCMD [\"gunicorn\"]\n"),
            // Root for setup, then a user again.
            ("Dockerfile", "FROM node:20\nUSER root\nRUN apt-get update\nUSER node\n"),
            // Only the final stage ships.
            (
                "Dockerfile",
                "FROM golang:1.22 AS build\nRUN go build -o /app\n\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
            ),
            ("Dockerfile", "FROM gcr.io/distroless/base-debian12:debug-nonroot\nCOPY app /app\n"),
            (
                "Dockerfile",
                "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nUSER 65532:65532\nENTRYPOINT [\"/app\"]\n",
            ),
            ("Dockerfile", "FROM gcr.io/distroless/nodejs20-debian12\nUSER nonroot\nCMD [\"server.js\"]\n"),
            ("Dockerfile", "FROM cgr.dev/chainguard/python:latest\nCOPY . /app\n"),
            ("Dockerfile", "FROM docker.io/bitnami/node:20\nCOPY . /app\n"),
            ("Dockerfile", "FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY dist /usr/share/nginx/html\n"),
            // The user is a build argument.
            ("Dockerfile", "FROM python:3.12\nARG APP_UID=1000\nUSER ${APP_UID}\n"),
            // Inherited from an earlier stage of the same file.
            (
                "Dockerfile",
                "FROM node:20-slim AS base\nUSER node\n\nFROM base AS runtime\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
            ),
            // The entry point drops privileges itself.
            (
                "Dockerfile",
                "FROM debian:12-slim\nRUN apt-get update && apt-get install -y gosu\nCOPY entrypoint.sh /\nENTRYPOINT [\"/entrypoint.sh\"]\n",
            ),
            ("Dockerfile", "FROM alpine:3.20\nRUN apk add --no-cache su-exec\nCMD [\"su-exec\", \"app\", \"/app\"]\n"),
            ("Dockerfile.dev", "FROM node:20\nCMD [\"npm\", \"run\", \"dev\"]\n"),
            ("tests/Dockerfile", "FROM python:3.12\n"),
            // pict-rs: the official postgres image drops to `postgres` in its own entry point.
            (
                "docker/object-storage/Dockerfile.postgres",
                "FROM postgres:16-alpine\nCOPY --chown=0:70 ./out/postgres.key ./etc/\nCMD [\"-c\", \"ssl=on\"]\n",
            ),
            ("Dockerfile", "FROM docker.io/library/redis:7\nCOPY redis.conf /usr/local/etc/redis/\n"),
            (
                "Dockerfile",
                "FROM mariadb:11@sha256:abc\nCOPY init.sql /docker-entrypoint-initdb.d/\nENTRYPOINT [\"docker-entrypoint.sh\"]\n",
            ),
            ("Dockerfile.alpine", "FROM node:20-alpine\nUSER node\n"),
        ];
        let fail = [
            ("Dockerfile", "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n"),
            (
                "Dockerfile",
                "FROM python:3.12-slim\nRUN useradd app\nUSER app\nRUN echo hi\nUSER root\nCMD [\"python\", \"app.py\"]\n",
            ),
            ("Dockerfile", "FROM python:3.12-slim\nUSER 0\n"),
            ("Dockerfile", "FROM python:3.12-slim\nUSER 0:0\n"),
            ("api.dockerfile", "FROM python:3.12-slim\nUSER root:root\nCMD [\"uvicorn\", \"main:app\"]\n"),
            // A user in a build stage does not reach the final image.
            (
                "Dockerfile",
                "FROM node:20 AS build\nUSER node\nRUN npm run build\n\nFROM node:20-slim\nCOPY --from=build /app /app\nCMD [\"node\", \"/app/server.js\"]\n",
            ),
            (
                "Containerfile",
                "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
            ),
            // `distroless` without the `nonroot` tag runs as root.
            ("Dockerfile", "FROM gcr.io/distroless/static-debian12\nCOPY app /app\n"),
            ("Dockerfile", "FROM node:20-slim AS base\nUSER node\nFROM base AS final\nUSER root\nRUN npm i -g pm2\n"),
            // The tool's name inside another word is not a privilege drop.
            ("Dockerfile", "FROM debian:12\nRUN echo gosuper > /etc/motd\n"),
            // An official database image whose entry point is replaced runs the new one as root.
            ("Dockerfile", "FROM postgres:16\nCOPY start.sh /\nENTRYPOINT [\"/start.sh\"]\n"),
            // A suffixed Containerfile is a Dockerfile too (miniserve's `Containerfile.alpine`).
            (
                "Containerfile.alpine",
                "FROM docker.io/alpine\nCOPY --chmod=755 miniserve /app/\nENTRYPOINT [\"/app/miniserve\"]\n",
            ),
            // An image that only shares a prefix with an official one.
            ("Dockerfile", "FROM postgres-exporter:1\nCMD [\"/exporter\"]\n"),
        ];
        Tester::new::<DockerfileRootUser>(pass, fail).test_and_snapshot();
    }
}
