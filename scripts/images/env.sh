# Sourced by every image script (and .ci/run): buildah without a Docker engine or user namespaces, with its
# own storage so that image work never touches another user's containers.
#   . scripts/images/env.sh
# CAPSTONE_STORAGE_DRIVER  vfs (default: works everywhere, copies every layer whole) or overlay (where the
#                        kernel allows overlay mounts; much faster); one per CAPSTONE_BUILDAH_ROOT
# CAPSTONE_BUILDAH_ROOT  where buildah keeps images and containers (default /var/tmp/capstone-buildah);
#                        scripts/images/clean.sh deletes it
# CAPSTONE_IMAGES_CACHE  what survives between runs: the Debian root file systems and the stand-in bases as
#                        OCI archives (default ~/.cache/capstone-images)
export STORAGE_DRIVER="${CAPSTONE_STORAGE_DRIVER:-vfs}"
export BUILDAH_ISOLATION=chroot
export CAPSTONE_BUILDAH_ROOT="${CAPSTONE_BUILDAH_ROOT:-/var/tmp/capstone-buildah}"
export CAPSTONE_IMAGES_CACHE="${CAPSTONE_IMAGES_CACHE:-$HOME/.cache/capstone-images}"
mkdir -p "$CAPSTONE_BUILDAH_ROOT" "$CAPSTONE_IMAGES_CACHE"
CONTAINERS_STORAGE_CONF="$CAPSTONE_BUILDAH_ROOT/storage.conf"
if [ ! -f "$CONTAINERS_STORAGE_CONF" ]; then
  printf '[storage]\ndriver = "%s"\nrunroot = "%s/run"\ngraphroot = "%s/graph"\n' \
    "$STORAGE_DRIVER" "$CAPSTONE_BUILDAH_ROOT" "$CAPSTONE_BUILDAH_ROOT" >"$CONTAINERS_STORAGE_CONF"
fi
export CONTAINERS_STORAGE_CONF
# buildah keeps RUN --mount=type=cache folders (the pnpm store of the notebook build) under TMPDIR: keep them
# between runs too.
export TMPDIR="$CAPSTONE_IMAGES_CACHE/tmp"
mkdir -p "$TMPDIR"
