#!/usr/bin/env bash
# Installs the project's Node.js (24 LTS; Node 20 is end of life) from the npm registry, whose `node`
# package ships the official binary inside `node-linux-<arch>`, and prints the folder to put first on PATH:
#   export PATH="$(bash scripts/ci/install-node.sh):$PATH"
# Cached under $CAPSTONE_TOOLS_DIR (default ~/.cache/capstone-tools); a second call is a no-op.
set -euo pipefail
version=$(tr -d 'v \n' < "$(dirname "$0")/../../.node-version")
dir="${CAPSTONE_TOOLS_DIR:-$HOME/.cache/capstone-tools}/node-$version"
bin="$dir/node_modules/.bin"
if [ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]; then
  echo "install-node: installing node@$version from the npm registry into $dir" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node@$version" >&2
  [ "$("$bin/node" --version)" = "v$version" ] || { echo "install-node: $bin/node is not v$version" >&2; exit 1; }
fi
echo "$bin"
