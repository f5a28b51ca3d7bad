# syntax=docker/dockerfile:1
# The image of any pipeline component, built from that component's bundle (dist/images/<project>-<component>,
# written by `pnpm build:pipelines`). BUNDLE_DIR and COMPONENT come from dist/pipelines/images.json;
# packages/sdk/src/build/dockerfile.ts holds the contract and its test checks this file against the manifest.
#
#   docker build -f docker/component.Dockerfile \
#     --build-arg BUNDLE_DIR=dist/images/examples-read-data --build-arg COMPONENT=examples-read-data \
#     -t ghcr.io/OWNER/examples-read-data:dev .
#
# Base: node:<version>-bookworm-slim rather than distroless. The compiled YAML runs `node /app/main.mjs` and
# the KFP launcher replaces the image ENTRYPOINT, so `node` must be on PATH (distroless nodejs images only
# have /nodejs/bin/node as their entrypoint); the slim image also has the `node` user (uid 1000) and a
# shell for `kubectl exec` when a step misbehaves. A bundle is one .mjs file (plus wasm packages), so the
# base image is nearly all of the size.
ARG NODE_VERSION=20

# Stage 1: take the bundle from the build context and prove it loads before it becomes an image: an
# unknown argument must end in the component's own usage error (exit 2), which needs every module and
# wasm file of the bundle to load.
FROM node:${NODE_VERSION}-bookworm-slim AS bundle
ARG BUNDLE_DIR
ARG COMPONENT
COPY ${BUNDLE_DIR}/ /app/
RUN test -f /app/main.mjs || { echo "no main.mjs in ${BUNDLE_DIR}: run pnpm build:pipelines first" >&2; exit 1; }; \
    node /app/main.mjs --capstone-image-check >/dev/null 2>&1; status=$?; \
    if [ "$status" -ne 2 ]; then echo "${COMPONENT}: bundle check exited $status, expected 2" >&2; exit 1; fi; \
    chmod -R a+rX,go-w /app

# Stage 2: the runtime image: Node and the bundle, owned by root and read-only to the user that runs it.
FROM node:${NODE_VERSION}-bookworm-slim
ARG COMPONENT
ARG VERSION=dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/kubeflow-capstones/kubeflow-capstones
ENV NODE_ENV=production
WORKDIR /app
COPY --from=bundle /app/ /app/
# The KFP launcher puts artifacts under /minio, /s3 and /gcs; backends before 2.2 do not mount emptyDirs
# there, so a non-root container needs them to exist and be writable (kubeflow/pipelines#5673, #10538).
RUN mkdir -p /minio /s3 /gcs /tmp/kfp && chown 1000:1000 /minio /s3 /gcs /tmp/kfp
# Numeric uid:gid so that Kubernetes `runAsNonRoot: true` can verify it (uid 1000 is the image's `node`).
USER 1000:1000
LABEL org.opencontainers.image.title="${COMPONENT}" \
      org.opencontainers.image.description="Kubeflow Pipelines component ${COMPONENT}: node /app/main.mjs" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="docker.io/library/node:${NODE_VERSION}-bookworm-slim"
# No ENTRYPOINT: the pipeline YAML's `command` (node /app/main.mjs) is what runs; this CMD is for `docker run`.
CMD ["node", "/app/main.mjs", "--help"]
