#!/usr/bin/env bash
# Measures the peak resident set size (RSS) of `s3files-sim run` on generated trees (issue 17 point 8: memory grows with
# metadata, not bytes). Prints one line per measurement: what ran, wall time, peak RSS (VmHWM from /usr/bin/time -v).
#   large: read-all of a tree of sparse large files (LARGE_GIB GiB in files of 1 GiB; sparse, so cheap on disk)
#   many:  loading a tree of MANY_FILES small files (in directories of 1,000), then the walk scenario
# usage: scripts/measure-cli-rss.sh [large|many|all]   env: LARGE_GIB (default 100), MANY_FILES (default 1000000)
# Not a test: numbers depend on the machine; compare runs made on the same machine at the same time.
set -euo pipefail
what=${1:-all}
large_gib=${LARGE_GIB:-100}
many_files=${MANY_FILES:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$root/src/S3FilesSim.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/S3FilesSim.Cli/bin/Release/net10.0/s3files-sim.dll"
work=$(mktemp -d /tmp/s3files-rss-XXXXXX)
trap 'rm -rf "$work"' EXIT

measure() {
  local label=$1; shift
  local log="$work/time.log"
  /usr/bin/time -v -o "$log" dotnet "$cli" "$@" --no-views >"$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; exit 1; }
  local rss_kib wall
  rss_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  printf '%s: peak RSS %d MiB, wall %s\n' "$label" "$((rss_kib / 1024))" "$wall"
  grep -E '^Loaded ' "$work/out.txt" | head -1 || true
}

if [[ $what == large || $what == all ]]; then
  mkdir -p "$work/large"
  for i in $(seq 1 "$large_gib"); do truncate -s 1G "$work/large/file-$i.bin"; done
  measure "read-all of $large_gib sparse files of 1 GiB ($large_gib GiB)" run --source "$work/large" --scenario read-all
  rm -rf "$work/large"
fi

if [[ $what == many || $what == all ]]; then
  python3 "$root/scripts/cli-trees.py" many "$work/many" "$many_files"
  measure "load of $many_files small files + walk" run --source "$work/many" --scenario walk --duration 1
fi
