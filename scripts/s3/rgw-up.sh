#!/usr/bin/env bash
# Start a throw-away single-node Ceph cluster (one mon, one osd, radosgw) serving S3 on loopback, for the
# integration tests and benchmarks. Install the binaries first with scripts/s3/install-ceph.sh.
#
# Environment (all optional):
#   RGW_DIR          state directory; reuse it to keep data across restarts   (default /tmp/capstone-rgw)
#   RGW_PORT         S3 port on 127.0.0.1                                      (default 7480)
#   RGW_MON_PORT     ceph-mon port on 127.0.0.1                                (default 16789)
#   S3_ACCESS_KEY    access key of the S3 user                                 (default capstoneci)
#   S3_SECRET_KEY    secret key of the S3 user                                 (default capstoneci-secret)
#   RGW_STORE        bluestore (sparse file, persistent) | memstore (RAM)      (default bluestore)
#   RGW_CAPACITY_GB  size of the OSD device; sparse, only written bytes count  (default 40)
#
# On success prints "rgw-up: READY <endpoint>", writes $RGW_DIR/env (S3_ENDPOINT, S3_ACCESS_KEY,
# S3_SECRET_KEY, S3_REGION; source it with `set -a; . $RGW_DIR/env; set +a`) and records each daemon's PID
# in $RGW_DIR/pids/. scripts/s3/rgw-down.sh stops exactly those PIDs.
set -euo pipefail

dir=$(realpath -m "${RGW_DIR:-/tmp/capstone-rgw}")
rgw_port=${RGW_PORT:-7480}
mon_port=${RGW_MON_PORT:-16789}
access_key=${S3_ACCESS_KEY:-capstoneci}
secret_key=${S3_SECRET_KEY:-capstoneci-secret}
store=${RGW_STORE:-bluestore}
capacity=$(( ${RGW_CAPACITY_GB:-40} * 1024 * 1024 * 1024 ))
started=$(date +%s)
daemons_started=0

log() { echo "rgw-up [$(( $(date +%s) - started ))s] $*"; }
fail() {
  echo "rgw-up: error: $*" >&2
  [ "$daemons_started" = 1 ] || exit 1
  for f in "$dir"/logs/*.out; do
    [ -s "$f" ] && { echo "--- last lines of $f" >&2; tail -n 20 "$f" >&2; }
  done
  # Ceph's own logs: only the error lines (" -1 " is Ceph's error level), they are long otherwise.
  for f in "$dir"/logs/*.log; do
    [ -s "$f" ] && { echo "--- errors in $f" >&2; grep -E ' -1 |ERROR|abort|Assertion' "$f" | tail -n 15 >&2 || true; }
  done
  exit 1
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# wait_until SECONDS NAME PIDFILE COMMAND... — polls COMMAND; returns 1 early when the daemon has exited and
# fails the script on timeout.
wait_until() {
  local limit=$1 name=$2 pidfile=$3
  shift 3
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$(cat "$pidfile")" 2>/dev/null || return 1
    [ "$(date +%s)" -lt "$deadline" ] || fail "$name not ready after ${limit}s"
    sleep 0.3
  done
}
# start NAME COMMAND... — runs a daemon in the foreground mode of Ceph, in the background of this shell.
start() {
  local name=$1
  shift
  "$@" > "$dir/logs/$name.out" 2>&1 &
  echo $! > "$dir/pids/$name"
}

for bin in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool curl; do
  command -v "$bin" >/dev/null || fail "$bin not found; run scripts/s3/install-ceph.sh first"
done
for f in "$dir"/pids/*; do
  [ -e "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && fail "already running from $dir (pid $(cat "$f")); run scripts/s3/rgw-down.sh"
done
port_in_use "$rgw_port" && fail "port $rgw_port (RGW_PORT) is already in use on 127.0.0.1; pick another with RGW_PORT=..."
port_in_use "$mon_port" && fail "port $mon_port (RGW_MON_PORT) is already in use on 127.0.0.1; pick another with RGW_MON_PORT=..."

mkdir -p "$dir"/{mon,osd,rgw,run,logs,pids}
rm -f "$dir"/pids/* "$dir"/logs/*.out
daemons_started=1
fsid_file="$dir/fsid"
[ -s "$fsid_file" ] || cat /proc/sys/kernel/random/uuid > "$fsid_file"
fsid=$(cat "$fsid_file")
conf="$dir/ceph.conf"
cat > "$conf" <<CONF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
ms bind ipv6 = false
run dir = $dir/run
admin socket = $dir/run/\$name.asok
log file = $dir/logs/\$name.log
pid file = $dir/run/\$name.pid
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
osd objectstore = $store
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon data avail warn = 1
mon data avail crit = 0
[mon.a]
mon data = $dir/mon
[osd.0]
osd data = $dir/osd
osd memory target = 1073741824
memstore device bytes = $capacity
bluestore block path = $dir/osd-block.img
bluestore block create = true
bluestore block size = $capacity
[client.rgw]
rgw data = $dir/rgw
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw dns name = 127.0.0.1
CONF
export CEPH_CONF="$conf"
ceph_cli=(ceph -c "$conf" --connect-timeout 10)

if [ ! -e "$dir/mon/store.db" ]; then
  monmaptool --create --clobber --addv a "[v1:127.0.0.1:$mon_port]" --fsid "$fsid" "$dir/monmap" >/dev/null
  ceph-mon --mkfs -i a --monmap "$dir/monmap" -c "$conf" || fail "ceph-mon --mkfs failed"
fi
start mon ceph-mon -f -i a -c "$conf"
wait_until 60 ceph-mon "$dir/pids/mon" "${ceph_cli[@]}" mon stat || fail "ceph-mon exited during startup"
log "mon listening on 127.0.0.1:$mon_port"

if [ ! -e "$dir/osd/whoami" ]; then
  osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  osd_id=""
  for _ in $(seq 60); do
    osd_id=$("${ceph_cli[@]}" osd new "$osd_uuid" 2>/dev/null) && break
    sleep 0.5
  done
  [ "$osd_id" = 0 ] || fail "ceph osd new returned '$osd_id' (expected 0)"
  ceph-osd -i 0 -c "$conf" --mkfs --osd-uuid "$osd_uuid" > "$dir/logs/osd-mkfs.out" 2>&1 || fail "ceph-osd --mkfs failed"
  log "osd created ($store)"
fi
# A fresh OSD occasionally exits during its first boot on a busy machine; one retry is enough.
for attempt in 1 2; do
  start osd ceph-osd -f -i 0 -c "$conf"
  wait_until 120 ceph-osd "$dir/pids/osd" sh -c "${ceph_cli[*]} osd stat | grep -q '1 up'" && break
  [ "$attempt" = 2 ] && fail "ceph-osd exited during startup (twice)"
  log "ceph-osd exited during startup; retrying once"
  cp "$dir/logs/osd.out" "$dir/logs/osd-attempt1.out" 2>/dev/null || true
done
log "osd up"

# Creating the bucket pools now keeps the first CreateBucket/PutObject from waiting on pool creation.
for pool in default.rgw.buckets.index default.rgw.buckets.data default.rgw.buckets.non-ec; do
  "${ceph_cli[@]}" osd pool create "$pool" 8 8 >/dev/null 2>&1 || true
  "${ceph_cli[@]}" osd pool application enable "$pool" rgw >/dev/null 2>&1 || true
done

start rgw radosgw -f -n client.rgw -c "$conf"
wait_until 120 radosgw "$dir/pids/rgw" curl -sf -o /dev/null "http://127.0.0.1:$rgw_port/" || fail "radosgw exited during startup"
if ! radosgw-admin -c "$conf" user info --uid=capstone >/dev/null 2>&1; then
  radosgw-admin -c "$conf" user create --uid=capstone --display-name=capstone \
    --access-key="$access_key" --secret="$secret_key" >/dev/null || fail "radosgw-admin user create failed"
fi

umask 077
cat > "$dir/env.tmp" <<ENV
S3_ENDPOINT=http://127.0.0.1:$rgw_port
S3_ACCESS_KEY=$access_key
S3_SECRET_KEY=$secret_key
S3_REGION=us-east-1
ENV
mv "$dir/env.tmp" "$dir/env"
log "READY http://127.0.0.1:$rgw_port (env: $dir/env; pids: $(cat "$dir"/pids/* | tr '\n' ' '))"
