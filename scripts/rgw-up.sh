#!/usr/bin/env bash
# Starts a single-node Ceph RADOS Gateway on loopback (one monitor, one memstore OSD, radosgw) in about 12 s: the second
# real S3 store of the S3FilesSim.Aws tests, and a quick way to try `s3files-sim run --endpoint` against Ceph.
# usage: scripts/rgw-up.sh DIR [RGW_PORT] [ACCESS_KEY] [SECRET_KEY]
#   DIR is emptied and holds the configuration, the data (in memory: memstore), the logs and run/*.pid.
#   environment: MONPORT (monitor port, default 6789), RGW_MEMSTORE_BYTES (OSD capacity, default 1 GiB).
# prints "RGW_READY http://127.0.0.1:PORT" when the gateway answers and the user ACCESS_KEY/SECRET_KEY exists.
# stop: scripts/rgw-down.sh DIR (SIGTERM to radosgw, then the OSD, then the monitor, waiting for each).
# needs: ceph-mon ceph-osd radosgw ceph-common uuid-runtime curl (scripts/install-prerequisites.sh installs them).
set -euo pipefail
D=${1:?usage: rgw-up.sh DIR [RGW_PORT] [ACCESS_KEY] [SECRET_KEY]}; PORT=${2:-7480}; AK=${3:-test}; SK=${4:-test}
MONPORT=${MONPORT:-6789}
MEMSTORE_BYTES=${RGW_MEMSTORE_BYTES:-1073741824}
for tool in ceph-mon ceph-osd radosgw radosgw-admin ceph ceph-authtool monmaptool uuidgen curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool not found; install the prerequisites: bash scripts/install-prerequisites.sh" >&2; exit 1; }
done
rm -rf "$D"; mkdir -p "$D"/{mon,osd0,run,log}
D=$(cd "$D" && pwd)
# On failure, stop whatever already started, in the documented order.
trap 'rc=$?; if [[ $rc -ne 0 ]]; then bash "$(dirname "${BASH_SOURCE[0]}")/rgw-down.sh" "$D" >/dev/null 2>&1 || true; fi' EXIT
FSID=$(uuidgen)
cat > "$D/ceph.conf" <<EOF
[global]
fsid = $FSID
mon host = v1:127.0.0.1:$MONPORT
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
ms bind msgr2 = false
ms bind ipv6 = false
public addr = 127.0.0.1
cluster addr = 127.0.0.1
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon max pg per osd = 1000
run dir = $D/run
pid file = $D/run/\$name.pid
log file = $D/log/\$name.log
admin socket = $D/run/\$name.asok
keyring = $D/keyring
mon data = $D/mon/\$cluster-\$id
osd data = $D/osd\$id
osd objectstore = memstore
memstore device bytes = $MEMSTORE_BYTES
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$PORT tcp_nodelay=1
rgw data = $D/rgw
EOF
cd "$D"
ceph-authtool --create-keyring keyring --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool keyring --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' >/dev/null
monmaptool --create --add a "v1:127.0.0.1:$MONPORT" --fsid "$FSID" monmap >/dev/null
ceph-mon --mkfs -i a --monmap monmap --keyring keyring -c ceph.conf
# The daemons detach; their start-up output goes to log/start.log (a pipe as their stdout can make ceph-osd fail).
ceph-mon -i a -c "$D/ceph.conf" </dev/null >>"$D/log/start.log" 2>&1   # pid in run/mon.a.pid
OSD_UUID=$(uuidgen)
# A monitor that has just started can refuse commands for a moment (EPERM, "problem getting command descriptions"): retry.
OSD_ID=
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  OSD_ID=$(timeout 60 ceph -c ceph.conf osd new "$OSD_UUID" 2>>"$D/log/start.log") && break
  [[ $attempt -lt 10 ]] || { echo "error: the monitor did not accept the OSD; see $D/log/start.log" >&2; exit 1; }
  sleep 1
done
ceph-osd -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" -c ceph.conf </dev/null >>"$D/log/start.log" 2>&1
# Ceph 16's OSD can ask the monitor to place it before it has the cluster map ("wrong fsid") and exit: start it again.
for attempt in 1 2 3 4 5; do
  ceph-osd -i "$OSD_ID" -c "$D/ceph.conf" </dev/null >>"$D/log/start.log" 2>&1 && break
  [[ $attempt -lt 5 ]] || { echo "error: ceph-osd did not start; see $D/log/osd.$OSD_ID.log" >&2; exit 1; }
  sleep 1
done
radosgw -n client.rgw -c "$D/ceph.conf" </dev/null >>"$D/log/start.log" 2>&1
ready=
for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && { ready=1; break; }; sleep 0.2; done
[[ -n "$ready" ]] || { echo "error: radosgw did not answer on 127.0.0.1:$PORT within 60 s; see $D/log/client.rgw.log" >&2; exit 1; }
for attempt in 1 2 3 4 5; do
  timeout 60 radosgw-admin -c ceph.conf user create --uid=tester --display-name=tester \
    --access-key="$AK" --secret-key="$SK" >/dev/null 2>>"$D/log/start.log" && break
  [[ $attempt -lt 5 ]] || { echo "error: the RGW user could not be created; see $D/log/start.log" >&2; exit 1; }
  sleep 1
done
echo "RGW_READY http://127.0.0.1:$PORT"
