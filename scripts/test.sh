#!/usr/bin/env bash
# The README's test command: installs the prerequisites (scripts/install-prerequisites.sh), then runs every test project
# of the solution in Release. Extra arguments go to `dotnet test` (CI passes --no-build and a TRX logger).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prerequisites.sh
exec dotnet test S3FilesSim.sln -c Release "$@"
