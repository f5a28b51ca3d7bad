# syntax=docker/dockerfile:1
# The image of any pipeline component, built from that component's bundle (dist/images/<project>-<component>,
# written by `pnpm build:pipelines`). BUNDLE_DIR and COMPONENT come from dist/pipelines/images.json;
# packages/sdk/src/build/dockerfile.ts holds the contract and its test checks this file against the manifest.
#
#   docker build -f docker/component.Dockerfile \
#     --build-arg BUNDLE_DIR=dist/images/examples-read-data --build-arg COMPONENT=examples-read-data \
#     -t ghcr.io/OWNER/examples-read-data:dev .
#
# Base: node:<24 LTS>-bookworm-slim rather than distroless. The compiled YAML runs `node /app/main.mjs` and
# the KFP launcher replaces the image ENTRYPOINT, so `node` must be on PATH (distroless nodejs images only
# have /nodejs/bin/node as their entrypoint); the slim image also has the `node` user (uid 1000) and a
# shell for `kubectl exec` when a step misbehaves. A bundle is main.mjs, the chunks it imports on demand
# (chunks/, e.g. the S3 adapter) and wasm packages, so the base image is nearly all of the size.
#
# NODE_BASE is pinned by digest (the multi-arch index: amd64 and arm64); the tag before it says which
# release the digest is. Bump both with `node --import tsx scripts/images/pin-bases.ts --write` (see
# docs/kubeflow.md). `.ci/run` builds this file unchanged on a local stand-in committed under the name
# without the digest (scripts/images/bootstrap-bases.sh), passing that name as NODE_BASE.
ARG NODE_BASE=docker.io/library/node:24.21.0-bookworm-slim@sha256:0e0ff40c39bc087845bfb27465a0df4ea419520094bc35842ff83dd8cbe6f9b6

# Stage 1, the same for every component (built once, then cached): the system CA bundle, which the slim
# image purges but KFP's Go launcher needs for an HTTPS pipeline root or object store, and the folders the
# launcher writes artifacts under. KFP backends before 2.2 do not mount emptyDirs at /minio, /s3 and /gcs,
# so a non-root container needs them to exist and be writable (kubeflow/pipelines#5673, #10538).
FROM ${NODE_BASE} AS runtime
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
    && certs=$(grep -c 'BEGIN CERTIFICATE' /etc/ssl/certs/ca-certificates.crt) \
    && if [ "$certs" -lt 100 ]; then echo "ca-certificates: only $certs certificates in the system bundle" >&2; exit 1; fi \
    && node -e 'if (!process.version.startsWith("v24.")) { console.error(`Node ${process.version}, expected 24 LTS`); process.exit(1); }' \
    && mkdir -p /minio /s3 /gcs /tmp/kfp && chown 1000:1000 /minio /s3 /gcs /tmp/kfp
# Transparent huge pages for malloc's large blocks (the tasks' typed arrays): fewer page faults, which are
# most of a data task's system time on small VMs; the local runner gives tasks the same (MALLOC_TUNABLES).
ENV NODE_ENV=production GLIBC_TUNABLES=glibc.malloc.hugetlb=1
WORKDIR /app
# Numeric uid:gid so that Kubernetes `runAsNonRoot: true` can verify it (uid 1000 is the image's `node`).
USER 1000:1000
# No ENTRYPOINT: the pipeline YAML's `command` (node /app/main.mjs) is what runs. This CMD, for `docker run`,
# prints the component's flags and exits 0.
CMD ["node", "/app/main.mjs", "--help"]

# Stage 2, per component: the bundle, owned by root and read-only to the user, proven to load before it
# becomes an image: an unknown argument must end in the component's own usage error (exit 2), which needs
# every module and wasm file of the bundle to load, as the user that runs it; chunks loaded on demand (the S3
# adapter) are imported one by one. Few steps on purpose: each
# one costs a copy of the whole file system where layers are copied (buildah's vfs driver in .ci/run).
FROM runtime
ARG NODE_BASE BUNDLE_DIR COMPONENT VERSION=dev REVISION=unknown SOURCE=https://github.com/kubeflow-capstones/kubeflow-capstones
COPY --chmod=0755 ${BUNDLE_DIR}/ /app/
RUN test -f /app/main.mjs || { echo "no main.mjs in ${BUNDLE_DIR}: run pnpm build:pipelines first" >&2; exit 1; }; \
    node /app/main.mjs --capstone-image-check >/dev/null 2>&1; status=$?; \
    if [ "$status" -ne 2 ]; then echo "${COMPONENT}: bundle check exited $status, expected 2" >&2; exit 1; fi; \
    node /app/main.mjs --help >/dev/null || { echo "${COMPONENT}: the image CMD (--help) failed" >&2; exit 1; }; \
    for chunk in /app/chunks/*.mjs; do [ -e "$chunk" ] || continue; \
      node --input-type=module -e 'await import(process.argv[1])' "$chunk" >/dev/null || { echo "${COMPONENT}: $chunk does not load" >&2; exit 1; }; done
LABEL org.opencontainers.image.title="${COMPONENT}" \
      org.opencontainers.image.description="Kubeflow Pipelines component ${COMPONENT}: node /app/main.mjs" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="${NODE_BASE}"
