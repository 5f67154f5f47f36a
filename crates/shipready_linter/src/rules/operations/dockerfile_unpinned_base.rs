use shipready_lang::dockerfile::{Dockerfile, Stage};
use shipready_lang::{FileRole, Language};

use crate::context::FileContext;
use crate::declare_rule;
use crate::helpers::deploy::range_span;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Finds `FROM` instructions, in any stage, whose image has no tag (`FROM node`) or the
    /// `latest` tag (`FROM python:latest`), and no digest.
    ///
    /// Stays silent for pinned tags (`node:20.11-alpine`), digests (`@sha256:…`), `scratch`,
    /// earlier stages of the same file (`FROM build`) and images named by a build argument
    /// (`FROM ${BASE_IMAGE}`), whose value is not known until build time.
    ///
    /// ## Why is this bad?
    /// `latest` and a missing tag mean "whatever was pushed most recently": the same
    /// Dockerfile builds a different image next week, a new major version of the runtime or
    /// the OS arrives unannounced, and a build that worked cannot be reproduced.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node
    /// FROM python:latest AS build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20.11-slim
    /// FROM python:3.12-slim@sha256:…
    /// ```
    pub(crate) struct DockerfileUnpinnedBase {
        id: "dockerfile-unpinned-base",
        area: Operations,
        severity: Low,
        since: "0.1.0",
        title: "Base image is not pinned to a version",
        rationale: "An untagged or `latest` base image changes under the same Dockerfile, so builds are not reproducible.",
        fix: "Pin the base image to a version tag, and to a digest where reproducibility matters.",
    }
}

impl Rule for DockerfileUnpinnedBase {
    const LANGUAGES: &'static [Language] = &[Language::Dockerfile];
    const ROLES: &'static [FileRole] = &[FileRole::Config];

    fn check_dockerfile(&self, dockerfile: &Dockerfile<'_>, ctx: &mut FileContext<'_>) {
        let stages: Vec<Stage<'_, '_>> = dockerfile.stages().collect();
        for (index, stage) in stages.iter().enumerate() {
            let image = stage.from.image.value.as_ref();
            let earlier_stage = stages[..index].iter().any(|earlier| {
                earlier.from.as_.as_ref().is_some_and(|(_, name)| name.value.eq_ignore_ascii_case(image))
            });
            if earlier_stage || image.contains('$') || image.eq_ignore_ascii_case("scratch") || image.contains('@') {
                continue;
            }
            let last_part = image.rsplit('/').next().unwrap_or(image);
            let message = match last_part.split_once(':') {
                Some((_, "latest")) => format!("`FROM {image}` uses the moving `latest` tag"),
                Some(_) => continue,
                None => format!("`FROM {image}` has no tag, so it means `latest`"),
            };
            ctx.report(range_span(&stage.from.image.span), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DockerfileUnpinnedBase;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("Dockerfile", "FROM node:20.11-alpine\n"),
            (
                "Dockerfile",
                "FROM python:3.12-slim@sha256:2fba8e70a87bcc9f6edd20dda0a1d4adb32046d2ac6e7e2fa8c4ba1a2e5bf6e0\n",
            ),
            ("Dockerfile", "FROM python@sha256:2fba8e70a87bcc9f6edd20dda0a1d4adb32046d2ac6e7e2fa8c4ba1a2e5bf6e0\n"),
            ("Dockerfile", "FROM golang:1.22 AS build\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\n"),
            ("Dockerfile", "FROM node:20 AS deps\nFROM deps AS build\nFROM DEPS\n"),
            ("Dockerfile", "ARG BASE_IMAGE=python:3.12\nFROM ${BASE_IMAGE}\n"),
            ("Dockerfile", "ARG TAG\nFROM node:$TAG\n"),
            ("Dockerfile", "FROM --platform=$BUILDPLATFORM localhost:5000/team/api:1.4.2 AS app\n"),
            ("Dockerfile", "FROM registry.example.com:5000/base:2024.06\n"),
            ("tests/Dockerfile", "FROM python\n"),
        ];
        let fail = [
            ("Dockerfile", "FROM node\nCMD [\"node\", \"server.js\"]\n"),
            ("Dockerfile", "FROM python:latest\n"),
            (
                "Containerfile",
                "FROM node:20 AS build\nRUN npm ci\nFROM nginx:latest\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
            ),
            ("api.dockerfile", "FROM ubuntu AS base\nFROM base\n"),
            ("Dockerfile", "FROM localhost:5000/team/api\n"),
            (
                "Dockerfile",
                "FROM ghcr.io/org/tool:latest AS tool\nFROM alpine:3.20\nCOPY --from=tool /bin/tool /bin/tool\n",
            ),
            ("Dockerfile", "FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/aspnet\n"),
            ("Dockerfile.dev", "from node\n"),
        ];
        Tester::new::<DockerfileUnpinnedBase>(pass, fail).test_and_snapshot();
    }
}
