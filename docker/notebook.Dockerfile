# syntax=docker/dockerfile:1
# Kubeflow notebook image with Node 20, pnpm, the capstone SDK and the `capstone` CLI. Based on the Kubeflow
# notebook images, so the Notebooks web app can spawn it (jovyan uid 1000, port 8888, NB_PREFIX honoured).
#
#   docker build -f docker/notebook.Dockerfile -t capstone-jupyter .                           # JupyterLab + tslab
#   docker build -f docker/notebook.Dockerfile --build-arg VARIANT=codeserver -t capstone-codeserver .
#
# VARIANT=jupyter    kubeflownotebookswg/jupyter-scipy with the tslab TypeScript and JavaScript kernels
# VARIANT=codeserver kubeflownotebookswg/codeserver (VS Code in the browser)
#
# Kubeflow mounts the workspace volume over /home/jovyan, so nothing is installed there: the SDK lives in
# /opt/capstone/node_modules and /home/node_modules points at it, which is where both Node's `require`/
# `import` and TypeScript's module resolution end up when they walk up from a notebook in /home/jovyan.
ARG NODE_VERSION=20
ARG KUBEFLOW_NOTEBOOK_TAG=v1.9.2
ARG VARIANT=jupyter

FROM node:${NODE_VERSION}-bookworm-slim AS node

# Node, npm, pnpm and tslab under one prefix (/opt/node), copied whole into either variant.
FROM node AS tools
ARG PNPM_VERSION=10.34.8
ARG TSLAB_VERSION=1.0.22
ENV PATH=/opt/node/bin:${PATH}
RUN mkdir -p /opt/node/bin /opt/node/lib \
    && cp /usr/local/bin/node /opt/node/bin/node \
    && cp -a /usr/local/lib/node_modules /opt/node/lib/ \
    && ln -s ../lib/node_modules/npm/bin/npm-cli.js /opt/node/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /opt/node/bin/npx \
    && ln -s ../lib/node_modules/corepack/dist/corepack.js /opt/node/bin/corepack \
    && npm install --global --prefix /opt/node --no-fund --no-audit "pnpm@${PNPM_VERSION}" "tslab@${TSLAB_VERSION}" \
    && npm cache clean --force

# The SDK built from this checkout, deployed with its production dependencies only.
FROM node AS sdk
ARG PNPM_VERSION=10.34.8
RUN npm install --global --no-fund --no-audit "pnpm@${PNPM_VERSION}"
WORKDIR /repo
COPY . .
# @types/node first: npm prunes packages it did not install, and the SDK is not one of them.
RUN pnpm install --frozen-lockfile \
    && pnpm --filter @capstone/sdk build \
    && npm install --prefix /opt/capstone --no-save --no-fund --no-audit @types/node@20.19.43 \
    && pnpm --filter @capstone/sdk deploy --prod --legacy /opt/capstone/node_modules/@capstone/sdk
# tslab type-checks cells with TypeScript's Node10 resolution, which ignores the `exports` map: give it
# top-level `types` and `typesVersions` entries pointing at the emitted declarations.
RUN cd /opt/capstone/node_modules/@capstone/sdk && node -e ' \
      const fs = require("node:fs"); \
      const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")); \
      const dts = (js) => js.replace(/\.js$/, ".d.ts"); \
      const sub = {}; \
      for (const [key, value] of Object.entries(pkg.exports)) { \
        if (typeof value !== "object") continue; \
        pkg.exports[key] = { types: dts(value.default), default: value.default }; \
        if (key !== ".") sub[key.slice(2)] = [dts(value.default)]; \
      } \
      Object.assign(pkg, { main: pkg.exports["."].default, types: pkg.exports["."].types, typesVersions: { "*": sub } }); \
      fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");'

FROM kubeflownotebookswg/jupyter-scipy:${KUBEFLOW_NOTEBOOK_TAG} AS jupyter
USER root
ENV PATH=/opt/node/bin:${PATH}
COPY --from=tools /opt/node/ /opt/node/
COPY --from=sdk /opt/capstone/ /opt/capstone/
# Kernel specs go to the conda prefix (sys.prefix), not ~/.local, which the workspace volume would hide.
RUN tslab install --python=python3 --sys-prefix --binary=/opt/node/bin/tslab \
    && ln -s /opt/capstone/node_modules /home/node_modules \
    && ln -s /opt/capstone/node_modules/@capstone/sdk/bin/capstone.js /opt/node/bin/capstone \
    && node --version && capstone --help >/dev/null && jupyter kernelspec list | grep -q tslab

FROM kubeflownotebookswg/codeserver:${KUBEFLOW_NOTEBOOK_TAG} AS codeserver
USER root
ENV PATH=/opt/node/bin:${PATH}
COPY --from=tools /opt/node/ /opt/node/
COPY --from=sdk /opt/capstone/ /opt/capstone/
RUN ln -s /opt/capstone/node_modules /home/node_modules \
    && ln -s /opt/capstone/node_modules/@capstone/sdk/bin/capstone.js /opt/node/bin/capstone \
    && node --version && capstone --help >/dev/null

# The variant picked by the build arg; BuildKit builds only the stages it needs.
FROM ${VARIANT}
ARG VARIANT
ARG REVISION=unknown
# require() of the ESM SDK (what tslab compiles `import` to) works without flags from Node 20.19.
ENV NODE_PATH=/opt/capstone/node_modules
USER ${NB_UID}
LABEL org.opencontainers.image.title="capstone-${VARIANT}" \
      org.opencontainers.image.description="Kubeflow ${VARIANT} notebook with Node 20, pnpm, tslab and the capstone SDK" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0"
