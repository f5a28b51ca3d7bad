#!/usr/bin/env bash
# .ci/run's image step, from the real Dockerfiles, with buildah and no image registry:
#   1. stand-in bases (bootstrap-bases.sh; cached under ~/.cache/capstone-images between runs)
#   2. every component image and the Jupyter notebook image (build-images.ts), each printed with its size
#   3. the movie-recommender pipeline with every task inside its own image against the S3 server of
#      S3_ENDPOINT (run-pipeline-in-containers.ts), printing the QA report
#   4. both notebooks executed headlessly inside the notebook image (run-notebooks.ts)
# Everything goes into a fresh buildah storage that is deleted at the end (layers are large on vfs).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export CAPSTONE_BUILDAH_ROOT="${CAPSTONE_BUILDAH_ROOT:-$(mktemp -d /var/tmp/capstone-ci-buildah.XXXXXX)}"
# shellcheck source=scripts/images/env.sh
. scripts/images/env.sh
trap 'bash scripts/images/clean.sh >/dev/null 2>&1 || true' EXIT
tsx=(node --conditions=source --import tsx)
timed() {
  local label=$1 started=$SECONDS
  shift
  "$@"
  echo "images: $label took $((SECONDS - started)) s (storage driver $STORAGE_DRIVER)"
}
timed "stand-in bases" bash scripts/images/bootstrap-bases.sh
timed "image builds" "${tsx[@]}" scripts/images/build-images.ts --notebook --keep dist/pipelines/movie-recommender.yaml
timed "pipeline in containers" "${tsx[@]}" scripts/images/run-pipeline-in-containers.ts movie-recommender
timed "notebooks in the notebook image" "${tsx[@]}" scripts/images/run-notebooks.ts
echo "images: disk used by buildah storage before cleanup: $(du -sh "$CAPSTONE_BUILDAH_ROOT" | cut -f1)"
