#!/usr/bin/env bash
# Stops the Ceph RADOS Gateway that scripts/rgw-up.sh started in DIR, in the order Ceph needs: radosgw, then the OSD,
# then the monitor, each with SIGTERM and a wait of up to 30 s (then SIGKILL); then deletes DIR.
# usage: scripts/rgw-down.sh DIR
set -uo pipefail
D=${1:?usage: rgw-down.sh DIR}
[[ -d "$D/run" ]] || exit 0
for name in client.rgw osd.0 mon.a; do
  pidfile="$D/run/$name.pid"
  [[ -f "$pidfile" ]] || continue
  pid=$(cat "$pidfile")
  # Only a process that is still this daemon (its command line names this DIR's ceph.conf, or it runs in DIR) is signalled.
  grep -qa "$D/ceph.conf" "/proc/$pid/cmdline" 2>/dev/null || [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$(cd "$D" && pwd)" ]] || continue
  kill -TERM "$pid" 2>/dev/null || continue
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
done
rm -rf "$D"
