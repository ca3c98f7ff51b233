#!/usr/bin/env bash
# Adds every public symbol the build reports as undeclared (RS0016) to the project's PublicAPI.Unshipped.txt.
# usage: scripts/update-public-api.sh path/to/Project.csproj    (then review the added lines: public only what users need)
set -euo pipefail
project=${1:?usage: $0 path/to/Project.csproj}
dir=$(dirname "$project")
dotnet build "$project" -c Release 2>&1 \
  | grep -oE "RS0016: Symbol '.*' is not part of the declared public API" \
  | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" \
  | sort -u >>"$dir/PublicAPI.Unshipped.txt.new" || true
if [[ -s "$dir/PublicAPI.Unshipped.txt.new" ]]; then
  { cat "$dir/PublicAPI.Unshipped.txt"; cat "$dir/PublicAPI.Unshipped.txt.new"; } | awk 'NR == 1 || !seen[$0]++' >"$dir/PublicAPI.Unshipped.txt.tmp"
  mv "$dir/PublicAPI.Unshipped.txt.tmp" "$dir/PublicAPI.Unshipped.txt"
  echo "added $(wc -l <"$dir/PublicAPI.Unshipped.txt.new") line(s) to $dir/PublicAPI.Unshipped.txt"
fi
rm -f "$dir/PublicAPI.Unshipped.txt.new"
