# syntax=docker/dockerfile:1
# Kubeflow notebook image with Node 24 LTS, pnpm, the capstone SDK and CLI, and the capstone projects
# installed, so the notebooks in notebooks/ run top to bottom with no clone. Based on the Kubeflow 1.10
# notebook images, so the Notebooks web app can spawn it (jovyan uid 1000, HOME /home/jovyan, port 8888,
# NB_PREFIX honoured, the upstream start command).
#
#   docker build -f docker/notebook.Dockerfile -t capstone-jupyter .                           # JupyterLab + tslab
#   docker build -f docker/notebook.Dockerfile --build-arg VARIANT=codeserver -t capstone-codeserver .
#
# VARIANT=jupyter    JUPYTER_BASE (jupyter-scipy) with the tslab TypeScript and JavaScript kernels
# VARIANT=codeserver CODESERVER_BASE (VS Code in the browser)
# IMAGE_REGISTRY / IMAGE_TAG: where the component images of the same build are pushed; they become
#   CAPSTONE_IMAGE_REGISTRY / CAPSTONE_IMAGE_TAG, so pipelines compiled in the notebook name images that exist
#   (packages/sdk/src/build/dockerfile-builds.ts passes them, for images.yml and .ci/run alike).
#
# Kubeflow mounts the workspace volume over /home/jovyan, so nothing is installed there: the workspace (SDK,
# projects, examples) lives in /opt/capstone, /home/node_modules points at the SDK for `import` from any
# notebook under the home folder, and the notebooks are copied into the volume at start (HOME_TMP).
#
# Behind a TLS-intercepting proxy, give npm and pnpm its CA: --build-arg NODE_EXTRA_CA_CERTS=<path> with the
# file mounted at that path (buildah bud --volume; scripts/images/build-images.ts does both when the variable
# is set). Build args do not persist in the image.
#
# Bases are pinned by digest where one is recorded (bump: scripts/images/pin-bases.ts); .ci/run builds
# this file unchanged on local stand-ins named like the bases without their digest
# (scripts/images/bootstrap-bases.sh).
ARG NODE_BASE=docker.io/library/node:24.21.0-bookworm-slim@sha256:0e0ff40c39bc087845bfb27465a0df4ea419520094bc35842ff83dd8cbe6f9b6
ARG JUPYTER_BASE=ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.10.0
ARG CODESERVER_BASE=ghcr.io/kubeflow/kubeflow/notebook-servers/codeserver:v1.10.0
ARG VARIANT=jupyter

FROM ${NODE_BASE} AS node

# Node, npm, pnpm and tslab under one prefix (/opt/node), copied whole into either variant.
FROM node AS tools
ARG PNPM_VERSION=10.34.8 TSLAB_VERSION=1.0.22 NODE_EXTRA_CA_CERTS
RUN mkdir -p /opt/node/bin /opt/node/lib/node_modules \
    && cp /usr/local/bin/node /opt/node/bin/node \
    && cp -a /usr/local/lib/node_modules/npm /opt/node/lib/node_modules/ \
    && ln -s ../lib/node_modules/npm/bin/npm-cli.js /opt/node/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /opt/node/bin/npx \
    && PATH=/opt/node/bin:$PATH npm install --global --prefix /opt/node --no-fund --no-audit \
       "pnpm@${PNPM_VERSION}" "tslab@${TSLAB_VERSION}" \
    && PATH=/opt/node/bin:$PATH npm cache clean --force

# The workspace: the SDK built, the projects and examples with their production dependencies.
FROM node AS workspace
ARG PNPM_VERSION=10.34.8 TYPES_NODE_VERSION=24.19.4 NODE_EXTRA_CA_CERTS
RUN npm install --global --no-fund --no-audit "pnpm@${PNPM_VERSION}" && npm cache clean --force
WORKDIR /opt/capstone
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json ./
COPY packages/ packages/
COPY projects/ projects/
COPY examples/ examples/
COPY notebooks/ notebooks/
RUN --mount=type=cache,id=capstone-pnpm-store,target=/pnpm-store \
    pnpm install --frozen-lockfile --store-dir /pnpm-store \
    && pnpm --filter @capstone/sdk build \
    && pnpm install --frozen-lockfile --prod --store-dir /pnpm-store --config.confirmModulesPurge=false \
    && mkdir -p dist notebook/node_modules/@capstone \
    && npm install --prefix notebook --no-save --no-package-lock --no-fund --no-audit "@types/node@${TYPES_NODE_VERSION}" \
    && ln -s ../../../packages/sdk notebook/node_modules/@capstone/sdk \
    && npm cache clean --force
# tslab type-checks cells with TypeScript's Node10 resolution, which ignores the `exports` map: give the SDK
# top-level `types` and `typesVersions` entries pointing at the emitted declarations (keeping the `source`
# condition the CLI compiles pipelines with).
RUN cd packages/sdk && node -e ' \
      const fs = require("node:fs"); \
      const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")); \
      const dts = (js) => js.replace(/\.js$/, ".d.ts"); \
      const sub = {}; \
      for (const [key, value] of Object.entries(pkg.exports)) { \
        if (typeof value !== "object" || !value.default.startsWith("./dist/")) continue; \
        pkg.exports[key] = { types: dts(value.default), source: value.source, default: value.default }; \
        if (key !== ".") sub[key.slice(2)] = [dts(value.default)]; \
      } \
      Object.assign(pkg, { main: pkg.exports["."].default, types: pkg.exports["."].types, typesVersions: { "*": sub } }); \
      fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");'

FROM ${JUPYTER_BASE} AS jupyter
USER root
ENV PATH=/opt/node/bin:${PATH}
COPY --from=tools /opt/node/ /opt/node/
# Kernel specs go to the Python prefix (sys.prefix), not ~/.local, which the workspace volume would hide.
RUN tslab install --python=python3 --sys-prefix --binary=/opt/node/bin/tslab \
    && jupyter kernelspec list | grep -q tslab

FROM ${CODESERVER_BASE} AS codeserver
USER root
ENV PATH=/opt/node/bin:${PATH}
COPY --from=tools /opt/node/ /opt/node/

# The variant picked by the build arg (BuildKit builds only the stages it needs), plus the workspace.
FROM ${VARIANT}
ARG VARIANT IMAGE_REGISTRY=ghcr.io/kubeflow-capstones IMAGE_TAG=latest REVISION=unknown
COPY --from=workspace /opt/capstone/ /opt/capstone/
# The workspace is the notebooks' compile root: dist/ (compiled YAML, bundles) is written by the user.
# CAPSTONE_FROM_SOURCE: `capstone` compiles the TypeScript pipelines of /opt/capstone/projects with tsx.
RUN ln -s /opt/capstone/notebook/node_modules /home/node_modules \
    && ln -s /opt/capstone/packages/sdk/bin/capstone.js /opt/node/bin/capstone \
    && chown -R 1000:0 /opt/capstone/dist && chmod -R g=u /opt/capstone/dist \
    && mkdir -p "${HOME_TMP}/capstone-notebooks" \
    && cp /opt/capstone/notebooks/*.ipynb "${HOME_TMP}/capstone-notebooks/" \
    && chown -R 1000:100 "${HOME_TMP}/capstone-notebooks" && chmod -R g=u "${HOME_TMP}/capstone-notebooks" \
    && node --version | grep -q '^v24\.' \
    && CAPSTONE_FROM_SOURCE=1 capstone --help >/dev/null
ENV CAPSTONE_HOME=/opt/capstone \
    CAPSTONE_FROM_SOURCE=1 \
    CAPSTONE_IMAGE_REGISTRY=${IMAGE_REGISTRY} \
    CAPSTONE_IMAGE_TAG=${IMAGE_TAG} \
    NODE_PATH=/opt/capstone/notebook/node_modules
USER ${NB_UID}
LABEL org.opencontainers.image.title="capstone-${VARIANT}" \
      org.opencontainers.image.description="Kubeflow ${VARIANT} notebook with Node 24, pnpm, tslab, the capstone SDK and projects" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0"
