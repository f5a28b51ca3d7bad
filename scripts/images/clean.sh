#!/usr/bin/env bash
# Deletes everything the image scripts put in buildah's storage (CAPSTONE_BUILDAH_ROOT): containers, images,
# layers. The cache (CAPSTONE_IMAGES_CACHE: root file system, stand-in archives) stays.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=scripts/images/env.sh
. "$root/scripts/images/env.sh"
buildah rm --all >/dev/null 2>&1 || true
# Overlay layers may still be mounted by a container that did not end cleanly.
grep -F " $CAPSTONE_BUILDAH_ROOT/" /proc/mounts | cut -d' ' -f2 | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
rm -rf "$CAPSTONE_BUILDAH_ROOT"
echo "images: removed $CAPSTONE_BUILDAH_ROOT"
