#!/usr/bin/env bash
# Install the Debian packages for a single-node Ceph RADOS Gateway (the S3 server used by the integration
# tests and benchmarks). Idempotent: does nothing when the binaries are already on PATH.
set -euo pipefail
need=(radosgw ceph-mon ceph-osd ceph radosgw-admin monmaptool)
missing=()
for bin in "${need[@]}"; do command -v "$bin" >/dev/null 2>&1 || missing+=("$bin"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-ceph: already installed ($(ceph --version 2>/dev/null | cut -d' ' -f1-3))"
  exit 0
fi
echo "install-ceph: missing ${missing[*]}; installing radosgw ceph-mon ceph-osd ceph-common"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends radosgw ceph-mon ceph-osd ceph-common curl >/dev/null
for bin in "${need[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || { echo "install-ceph: $bin still missing after install" >&2; exit 1; }
done
echo "install-ceph: installed ($(ceph --version | cut -d' ' -f1-3))"
