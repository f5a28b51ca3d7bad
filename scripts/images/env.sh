# Sourced by every image script: buildah without a Docker engine or user namespaces, with its own storage so
# that image work never touches anyone else's containers.
#   . scripts/images/env.sh
# CAPSTONE_BUILDAH_ROOT    where buildah keeps images and containers (default /var/tmp/capstone-buildah);
#                          scripts/images/clean.sh deletes it
# CAPSTONE_STORAGE_DRIVER  overlay where the kernel lets us mount overlayfs (probed once per root), else vfs,
#                          which works everywhere but copies every layer whole (a component build costs
#                          ~30 CPU-seconds on vfs, ~2 on overlay); set it to force one
# CAPSTONE_IMAGES_CACHE    what survives between runs: the Debian root file system, the stand-in bases as OCI
#                          archives and buildah's cache mounts (default ~/.cache/capstone-images)
export BUILDAH_ISOLATION=chroot
export CAPSTONE_BUILDAH_ROOT="${CAPSTONE_BUILDAH_ROOT:-/var/tmp/capstone-buildah}"
export CAPSTONE_IMAGES_CACHE="${CAPSTONE_IMAGES_CACHE:-$HOME/.cache/capstone-images}"
mkdir -p "$CAPSTONE_BUILDAH_ROOT" "$CAPSTONE_IMAGES_CACHE"
export CONTAINERS_STORAGE_CONF="$CAPSTONE_BUILDAH_ROOT/storage.conf"

capstone_overlay_works() {
  local probe
  probe=$(mktemp -d "$CAPSTONE_BUILDAH_ROOT/probe.XXXXXX")
  mkdir -p "$probe/lower" "$probe/upper" "$probe/work" "$probe/merged"
  if mount -t overlay overlay -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" \
    "$probe/merged" 2>/dev/null; then
    umount "$probe/merged"
    rm -rf "$probe"
    return 0
  fi
  rm -rf "$probe"
  return 1
}

if [ -f "$CONTAINERS_STORAGE_CONF" ]; then
  STORAGE_DRIVER=$(sed -n 's/^driver = "\(.*\)"$/\1/p' "$CONTAINERS_STORAGE_CONF")
else
  STORAGE_DRIVER=${CAPSTONE_STORAGE_DRIVER:-}
  if [ -z "$STORAGE_DRIVER" ]; then
    if capstone_overlay_works; then STORAGE_DRIVER=overlay; else STORAGE_DRIVER=vfs; fi
  fi
  printf '[storage]\ndriver = "%s"\nrunroot = "%s/run"\ngraphroot = "%s/graph"\n' \
    "$STORAGE_DRIVER" "$CAPSTONE_BUILDAH_ROOT" "$CAPSTONE_BUILDAH_ROOT" >"$CONTAINERS_STORAGE_CONF"
fi
if [ -n "${CAPSTONE_STORAGE_DRIVER:-}" ] && [ "$CAPSTONE_STORAGE_DRIVER" != "$STORAGE_DRIVER" ]; then
  echo "images: $CAPSTONE_BUILDAH_ROOT uses the $STORAGE_DRIVER driver; delete it (scripts/images/clean.sh) to switch to $CAPSTONE_STORAGE_DRIVER" >&2
  return 1 2>/dev/null || exit 1
fi
export STORAGE_DRIVER
# buildah keeps RUN --mount=type=cache folders (the pnpm store of the notebook build) under TMPDIR.
export TMPDIR="$CAPSTONE_IMAGES_CACHE/tmp"
mkdir -p "$TMPDIR"
