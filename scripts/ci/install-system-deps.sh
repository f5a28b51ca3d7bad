#!/usr/bin/env bash
# Everything the test suites need beyond Node and pnpm, installed from Debian's packages and the local Python
# wheelhouse. Idempotent: each step is skipped when its tool is already there.
#   - Ceph RADOS Gateway: the real S3 server of the integration tests (scripts/s3/install-ceph.sh)
#   - chromium: renders the local runner's report.html in a test
#   - pyarrow (+ Jupyter, nbclient for the notebook tests): readers the tests check our output with; the project
#     itself never needs Python to run
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/../s3/install-ceph.sh"
if ! command -v chromium >/dev/null 2>&1; then
  echo "install-system-deps: installing chromium"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
fi
python_packages=(pyarrow pandas jupyter nbclient nbformat ipykernel)
if ! python3 -c 'import pyarrow, nbclient, nbformat' >/dev/null 2>&1; then
  links=$(pip config get global.find-links 2>/dev/null || echo /opt/wheels)
  echo "install-system-deps: pip installing ${python_packages[*]} from the local wheelhouse ($links)"
  pip install -q --no-index --find-links "$links" "${python_packages[@]}" \
    || echo "install-system-deps: Python test tools unavailable; the tests that need them skip with a message"
fi
echo "install-system-deps: done"
