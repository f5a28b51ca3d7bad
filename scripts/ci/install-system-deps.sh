#!/usr/bin/env bash
# Everything the test suites need beyond Node and pnpm, installed from Debian's packages and the local Python
# wheelhouse. Idempotent: each step is skipped when its tool is already there.
#   - Ceph RADOS Gateway: the real S3 server of the integration tests (scripts/s3/install-ceph.sh)
#   - chromium: renders the local runner's report.html in a test
#   - unzip (Info-ZIP): the reference the benchmark measures our unzip step against (`pnpm bench pipeline`)
#   - pyarrow, duckdb, polars, fastparquet (+ Jupyter, nbclient for the notebook tests): the independent Parquet
#     readers and writers the tests check our output with (the conformance suite needs all four); the project
#     itself never needs Python to run
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/../s3/install-ceph.sh"
if ! command -v chromium >/dev/null 2>&1; then
  echo "install-system-deps: installing chromium"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
fi
if ! command -v unzip >/dev/null 2>&1; then
  echo "install-system-deps: installing unzip"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends unzip >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends unzip >/dev/null; }
fi
python_packages=(pyarrow duckdb polars pandas fastparquet scikit-learn nbclient nbformat jupyter-client ipykernel)
if ! python3 -c 'import pyarrow, duckdb, polars, pandas, fastparquet, sklearn, nbclient, nbformat, jupyter_client' >/dev/null 2>&1; then
  # Only the machine's local package indexes: the public index is unreachable and pip would wait on retries.
  index_args=()
  for index in /opt/pypi/simple /opt/pypi-more/simple; do
    [ -d "$index" ] || continue
    if [ ${#index_args[@]} -eq 0 ]; then index_args+=(--index-url "file://$index"); else index_args+=(--extra-index-url "file://$index"); fi
  done
  [ -d /opt/wheels ] && index_args+=(--find-links /opt/wheels)
  if [ ${#index_args[@]} -gt 0 ]; then
    echo "install-system-deps: pip installing ${python_packages[*]} from the local package indexes"
    pip install -q --retries 0 --timeout 5 "${index_args[@]}" "${python_packages[@]}" \
      || echo "install-system-deps: Python test tools unavailable; the tests that need them skip with a message (and fail under CI=true)"
  else
    # No local index (e.g. a GitHub runner): the public index, best effort.
    python3 -m pip install -q --break-system-packages "${python_packages[@]}" 2>/dev/null \
      || echo "install-system-deps: could not install ${python_packages[*]}; the tests that need them skip with a message"
  fi
fi
# Container images without a Docker engine (scripts/images/): buildah builds and runs them, mmdebstrap makes the
# local stand-in base images.
if ! command -v buildah >/dev/null 2>&1 || ! command -v mmdebstrap >/dev/null 2>&1; then
  echo "install-system-deps: installing buildah and mmdebstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends buildah mmdebstrap >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends buildah mmdebstrap >/dev/null; }
fi
echo "install-system-deps: done"
