#!/usr/bin/env bash
# Runs the external conformance suites against the simulator: pjdfstest through a FUSE mount and ceph/s3-tests
# against `s3files-sim serve`. They are not part of this repository; get them from their public repositories:
#   git clone https://github.com/pjd/pjdfstest        (BSD-2-Clause)
#   git clone https://github.com/ceph/s3-tests        (MIT)
# usage: scripts/conformance.sh [--pjdfstest DIR] [--s3-tests DIR]
# Each suite's script (scripts/conformance/<suite>.sh) builds or runs the suite in a copy, compares the result with the
# committed expected-failures list beside it and prints its own "N passed, N failed" line; this script prints the sum
# last. Build the solution in Release first (scripts/test.sh or dotnet build -c Release).
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0 failed=0 status=0
run_suite() {
  local name=$1 dir=$2 log
  log=$(mktemp)
  bash "scripts/conformance/$name.sh" "$dir" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  rm -f "$log"
  if [[ -z "$line" ]]; then
    echo "error: $name printed no 'N passed, N failed' line" >&2
    failed=$((failed + 1)); status=1; return
  fi
  passed=$((passed + $(cut -d' ' -f1 <<<"$line")))
  failed=$((failed + $(cut -d' ' -f3 <<<"$line")))
  [[ $rc -eq 0 ]] || status=1
}
while [[ $# -gt 0 ]]; do
  case $1 in
    --pjdfstest) run_suite pjdfstest "$2"; shift 2 ;;
    --s3-tests) run_suite s3-tests "$2"; shift 2 ;;
    *) echo "usage: $0 [--pjdfstest DIR] [--s3-tests DIR]" >&2; exit 2 ;;
  esac
done
echo "${passed} passed, ${failed} failed"
exit "$status"
