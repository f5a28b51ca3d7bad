#!/usr/bin/env bash
# Stop the daemons started by scripts/s3/rgw-up.sh, by the PIDs it recorded (never by name).
#   RGW_DIR    state directory used by rgw-up.sh (default /tmp/capstone-rgw)
#   RGW_PURGE  1 = also delete the state directory (data, keys, logs)
set -euo pipefail
dir=$(realpath -m "${RGW_DIR:-/tmp/capstone-rgw}")
stopped=0
# Stop the gateway first, the monitor last, so no daemon waits on one already gone.
for name in rgw osd mon; do
  pidfile="$dir/pids/$name"
  [ -e "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "rgw-down: $name (pid $pid) still running after 10s; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    stopped=$((stopped + 1))
  fi
  rm -f "$pidfile"
done
echo "rgw-down: stopped $stopped daemon(s) from $dir"
if [ "${RGW_PURGE:-0}" = 1 ]; then
  rm -rf "$dir"
  echo "rgw-down: removed $dir"
fi
