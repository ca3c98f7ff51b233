#!/usr/bin/env bash
# pjdfstest (https://github.com/pjd/pjdfstest, BSD-2-Clause) through a fresh FUSE mount of the simulator.
# usage: scripts/conformance/pjdfstest.sh SUITE_DIR [--on DIR]
#   Builds the suite in a copy (autoreconf -ifs && ./configure && make pjdfstest), mounts an empty in-memory bucket with
#   `s3files-sim mount` (real time: the suite sleeps to see ctime move), runs every test file from inside the mount, four
#   at a time (prove -r -j4), and compares each subtest with pjdfstest-expected-failures.txt beside this script: a failure not listed
#   there, or a listed subtest that passes, fails the run. Prints per-reason counts and a final "N passed, N failed" line.
#   --on DIR runs the same way in DIR (for example a tmpfs directory) instead of the mount, without the expected list.
#   PJDFSTEST_KEEP=DIR keeps prove's verbose output (and the file list) in DIR for a closer look.
# Needs root, fuse3, autoconf/automake/libtool, prove's perl, python3, and the solution built in Release.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
suite=${1:?usage: $0 SUITE_DIR [--on DIR]}
target=
if [[ ${2:-} == --on ]]; then
  target=${3:?--on needs a directory}
fi
jobs=${PJDFSTEST_JOBS:-4}
cli=$repo/src/S3FilesSim.Cli/bin/Release/net10.0/s3files-sim.dll
work=$(mktemp -d /tmp/pjdfstest-XXXXXX)
mount_pid=
mountpoint=
cleanup() {
  if [[ -n "$mount_pid" ]] && kill -0 "$mount_pid" 2>/dev/null; then
    kill -TERM "$mount_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$mount_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$mount_pid" 2>/dev/null || true
  fi
  if [[ -n "$mountpoint" ]] && grep -qF " $mountpoint " /proc/self/mountinfo; then
    umount -l "$mountpoint" 2>/dev/null || fusermount3 -uz "$mountpoint" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== pjdfstest: building a copy of $suite"
cp -r "$suite" "$work/pjdfstest"
if ! (cd "$work/pjdfstest" && autoreconf -ifs && ./configure && make pjdfstest) >"$work/build.log" 2>&1; then
  tail -n 40 "$work/build.log"
  echo "error: pjdfstest did not build (apt-get install -y autoconf automake libtool)." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

expected=()
if [[ -z "$target" ]]; then
  [[ -f "$cli" ]] || { echo "error: $cli is missing; build the solution in Release first (dotnet build -c Release)." >&2; echo "0 passed, 1 failed"; exit 1; }
  mkdir -p "$work/source" "$work/mnt"
  mountpoint=$work/mnt
  echo "== pjdfstest: mounting an empty bucket at $mountpoint"
  dotnet "$cli" mount "$mountpoint" --source "$work/source" >"$work/mount.log" 2>&1 &
  mount_pid=$!
  for _ in $(seq 1 300); do
    grep -qF " $mountpoint " /proc/self/mountinfo && break
    kill -0 "$mount_pid" 2>/dev/null || break
    sleep 0.2
  done
  if ! grep -qF " $mountpoint " /proc/self/mountinfo; then
    cat "$work/mount.log"
    echo "error: s3files-sim mount did not mount $mountpoint." >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  target=$mountpoint
  expected=(--expected "$repo/scripts/conformance/pjdfstest-expected-failures.txt")
fi

echo "== pjdfstest: prove -r -v -j $jobs in $target"
start=$(date +%s)
(cd "$work/pjdfstest/tests" && find . -name '*.t' | sed 's|^\./||' | sort) >"$work/files"
(cd "$target" && prove -r -v -j "$jobs" --merge "$work/pjdfstest/tests") >"$work/prove.log" 2>&1 || true
echo "== pjdfstest: $(( $(date +%s) - start )) s"
if [[ -n "${PJDFSTEST_KEEP:-}" ]]; then
  mkdir -p "$PJDFSTEST_KEEP" && cp "$work/prove.log" "$work/files" "$PJDFSTEST_KEEP/"
fi
python3 "$repo/scripts/conformance/pjdfstest-compare.py" --files "$work/files" --prove "$work/prove.log" --tests "$work/pjdfstest/tests" "${expected[@]}"
