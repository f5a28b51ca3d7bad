#!/usr/bin/env bash
# Makes local stand-ins for the base images the Dockerfiles start FROM, without pulling from any image
# registry, and commits each under the name its Dockerfile uses (the digest dropped: a digest names the
# registry's manifest bytes, which a local build cannot reproduce):
#
#   NODE_BASE     (docker/component.Dockerfile, docker/notebook.Dockerfile), e.g.
#                 docker.io/library/node:24.21.0-bookworm-slim
#                 = Debian bookworm minbase (mmdebstrap) + the Node binary of .node-version from the npm
#                   registry + npm + the `node` user (uid/gid 1000), like the official image.
#                   Differs: no yarn, corepack or docker-entrypoint.sh; the Debian packages are today's.
#   JUPYTER_BASE  (docker/notebook.Dockerfile), e.g. ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.10.0
#                 = Debian bookworm minbase + Python 3.11 with JupyterLab, notebook and ipykernel (from the
#                   local wheelhouse) in /opt/conda, user jovyan (uid 1000, gid 0, group users), HOME
#                   /home/jovyan, HOME_TMP copied into HOME at start, NB_PREFIX, port 8888, ENTRYPOINT /init
#                   running the upstream `jupyter lab` command line.
#                   Differs: Debian 12 instead of Ubuntu 22.04, a venv instead of Miniforge conda, a shell
#                   /init instead of s6-overlay, JupyterLab 4.6 instead of 4.3, none of the scipy stack,
#                   no kubectl, no Node 20 (the capstone image brings Node 24).
#
# Each stand-in is cached as an OCI archive under $CAPSTONE_IMAGES_CACHE, keyed by this script and its
# inputs; a later run loads the archive (seconds) instead of bootstrapping again (minutes).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=scripts/images/env.sh
. "$root/scripts/images/env.sh"

NPM_VERSION=11.21.3
WHEELHOUSE=${CAPSTONE_WHEELHOUSE:-/opt/pypi}
node_version=$(tr -d 'v \n' <"$root/.node-version")
say() { echo "bootstrap-bases: $*" >&2; }

# The default of `ARG <name>=<ref>` in a Dockerfile, without its digest.
base_name() {
  local ref
  ref=$(sed -n "s/^ARG $1=//p" "$root/docker/$2" | head -n1)
  [ -n "$ref" ] || { say "no ARG $1 in docker/$2"; exit 1; }
  echo "${ref%@sha256:*}"
}

have_image() { buildah inspect --type image "$1" >/dev/null 2>&1; }

# A Debian bookworm minbase root file system (tar), made once and kept in the cache.
debian_rootfs() {
  local tar="$CAPSTONE_IMAGES_CACHE/debian-bookworm-minbase.tar"
  if [ ! -s "$tar" ]; then
    say "mmdebstrap --variant=minbase bookworm (once; cached in $tar)"
    mmdebstrap --quiet --format=tar --variant=minbase bookworm "$tar.partial"
    mv "$tar.partial" "$tar"
  fi
  echo "$tar"
}

# Loads the cached archive of a stand-in, or builds it with the named function and caches it.
stand_in() {
  local name=$1 build=$2 key=$3
  local archive="$CAPSTONE_IMAGES_CACHE/stand-in-${build}-${key:0:16}.tar"
  if have_image "$name" && [ "$(buildah inspect --type image --format '{{index .OCIv1.Config.Labels "capstone.stand-in.key"}}' "$name" 2>/dev/null)" = "$key" ]; then
    say "$name: present"
    return
  fi
  if [ -s "$archive" ]; then
    say "$name: loading $archive"
    buildah tag "$(buildah pull --quiet "oci-archive:$archive")" "$name"
    return
  fi
  say "$name: building the stand-in ($build)"
  local started=$SECONDS
  "$build" "$name" "$key"
  rm -f "$CAPSTONE_IMAGES_CACHE"/stand-in-"$build"-*.tar
  buildah push --quiet --disable-compression "$name" "oci-archive:$archive.partial:capstone-stand-in/$build:$key"
  mv "$archive.partial" "$archive"
  say "$name: built in $((SECONDS - started)) s, cached as $archive"
}

new_container_from_rootfs() {
  local ctr mnt
  ctr=$(buildah from scratch)
  mnt=$(buildah mount "$ctr")
  tar -C "$mnt" -xf "$(debian_rootfs)"
  echo "$ctr"
}

build_node_base() {
  local name=$1 key=$2 ctr mnt bin
  bin="$(bash "$root/scripts/ci/install-node.sh")/node"
  ctr=$(new_container_from_rootfs)
  mnt=$(buildah mount "$ctr")
  install -D -m 0755 "$(readlink -f "$bin")" "$mnt/usr/local/bin/node"
  ln -sf node "$mnt/usr/local/bin/nodejs"
  npm install --global --prefix "$mnt/usr/local" --no-audit --no-fund --loglevel=error "npm@$NPM_VERSION"
  buildah run "$ctr" -- sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin'
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env "NODE_VERSION=$node_version" --cmd node \
    --label "capstone.stand-in.key=$key" --label "capstone.stand-in=$name" "$ctr"
  buildah umount "$ctr" >/dev/null
  buildah commit --quiet --rm "$ctr" "$name" >/dev/null
  ctr=$(buildah from --pull=never "$name")
  buildah run --user 1000:1000 "$ctr" -- node -e 'process.exit(process.getuid() === 1000 ? 0 : 1)'
  buildah rm "$ctr" >/dev/null
}

jupyter_init() {
  cat <<'EOF'
#!/bin/bash
# Stand-in for s6-overlay's /init: the upstream cont-init step (copy HOME_TMP into HOME without overwriting),
# then the upstream jupyterlab service command.
set -e
umask 0002
cp -n -r -T "$HOME_TMP" "$HOME" 2>/dev/null || true
if [ "$#" -gt 0 ]; then exec "$@"; fi
exec /etc/services.d/jupyterlab/run
EOF
}

jupyter_run() {
  cat <<'EOF'
#!/bin/bash
export XDG_RUNTIME_DIR="/tmp/runtime-${NB_USER}"
mkdir -p "${XDG_RUNTIME_DIR}"
chmod 700 "${XDG_RUNTIME_DIR}"
export JUPYTER_RUNTIME_DIR="/tmp/jupyter_runtime"
cd "${HOME}"
echo "INFO: starting jupyter..."
exec 2>&1
exec /opt/conda/bin/jupyter lab \
  --notebook-dir="${HOME}" \
  --ip=0.0.0.0 \
  --no-browser \
  --allow-root \
  --port=8888 \
  --ServerApp.token="" \
  --ServerApp.password="" \
  --ServerApp.allow_origin="*" \
  --ServerApp.allow_remote_access=True \
  --ServerApp.authenticate_prometheus=False \
  --ServerApp.base_url="${NB_PREFIX}"
EOF
}

build_jupyter_base() {
  local name=$1 key=$2 ctr mnt
  [ -d "$WHEELHOUSE/simple" ] || { say "no Python package index at $WHEELHOUSE/simple (set CAPSTONE_WHEELHOUSE)"; exit 1; }
  ctr=$(new_container_from_rootfs)
  mnt=$(buildah mount "$ctr")
  buildah run "$ctr" -- sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-venv ca-certificates locales >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*'
  buildah run --volume "$WHEELHOUSE:/wheelhouse:ro" "$ctr" -- sh -c '
    set -e
    useradd -M -N --shell /bin/bash --home /home/jovyan --uid 1000 --gid 0 --groups 100 jovyan
    mkdir -p /home/jovyan /tmp_home/jovyan /opt/conda /usr/local/etc/jupyter
    python3 -m venv /opt/conda
    /opt/conda/bin/pip install --quiet --no-cache-dir --index-url file:///wheelhouse/simple jupyterlab notebook ipykernel
    chmod 2775 /home/jovyan /tmp_home/jovyan /opt/conda
    chown -R jovyan:100 /home/jovyan /tmp_home/jovyan
    chown -R jovyan:0 /usr/local/bin /opt/conda /usr/local/etc/jupyter
    echo "en_US.UTF-8 UTF-8" > /etc/locale.gen && locale-gen >/dev/null'
  install -D -m 0755 <(jupyter_init) "$mnt/init"
  install -D -m 0755 <(jupyter_run) "$mnt/etc/services.d/jupyterlab/run"
  buildah config --user 1000 --entrypoint '["/init"]' --port 8888 \
    --env NB_USER=jovyan --env NB_UID=1000 --env NB_GID=0 --env NB_PREFIX=/ --env HOME=/home/jovyan \
    --env SHELL=/bin/bash --env USERS_GID=100 --env HOME_TMP=/tmp_home/jovyan --env CONDA_DIR=/opt/conda \
    --env PATH=/opt/conda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env LANG=en_US.UTF-8 --env LANGUAGE=en_US.UTF-8 --env LC_ALL=en_US.UTF-8 \
    --label "capstone.stand-in.key=$key" --label "capstone.stand-in=$name" "$ctr"
  buildah umount "$ctr" >/dev/null
  buildah commit --quiet --rm "$ctr" "$name" >/dev/null
}

script_key() { cat "$0" "$@" | sha256sum | cut -c1-64; }

node_base=$(base_name NODE_BASE component.Dockerfile)
stand_in "$node_base" build_node_base "$(script_key "$root/.node-version" <(echo "$NPM_VERSION"))"
if [ "${1:-}" != "--node-only" ]; then
  jupyter_base=$(base_name JUPYTER_BASE notebook.Dockerfile)
  stand_in "$jupyter_base" build_jupyter_base "$(script_key)"
fi
buildah images --format '{{.Name}}:{{.Tag}} {{.Size}}' | grep -F -e "$node_base" -e "${jupyter_base:-$node_base}" | sed 's/^/bootstrap-bases: stand-in /' >&2
