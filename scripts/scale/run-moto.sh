#!/bin/bash
# One measured `run --endpoint` over a fresh moto (docs/real-buckets.md):
#   bash scripts/scale/run-moto.sh OUT TREE CHANGES [SCENARIO] [LIMIT-SECONDS]
# starts moto on a free loopback port with a per-request log (moto-timed.py), creates the versioned bucket `demo`,
# runs the CLI (S3FILES_SIM, default: the Release build; `dotnet build src/S3FilesSim.Cli -c Release` first) with
# --changes CHANGES (poll | sqs), samples every 2 s moto's VmHWM/VmRSS and CPU ticks, the CLI's CPU ticks and VmRSS,
# and the load average (OUT/mem.log), and stops moto. OUT gets report.json, cli.log, requests.log, mem.log, info.
set -u
out=$1; tree=$2; changes=$3; scenario=${4:-document-pipeline}; limit=${5:-5400}
here=$(cd "$(dirname "$0")" && pwd)
cli=${S3FILES_SIM:-dotnet $here/../../src/S3FilesSim.Cli/bin/Release/net10.0/s3files-sim.dll}
mkdir -p "$out"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 "$here/moto-timed.py" "$port" "$out/requests.log" > "$out/moto.log" 2>&1 & moto=$!
trap 'kill $moto 2>/dev/null' EXIT
echo "moto pid $moto port $port" > "$out/info"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
until python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null; do sleep 0.3; done
python3 -c "import boto3; s3 = boto3.client('s3', endpoint_url='http://127.0.0.1:$port', region_name='us-east-1'); s3.create_bucket(Bucket='demo'); s3.put_bucket_versioning(Bucket='demo', VersioningConfiguration={'Status': 'Enabled'})"
start=$(date +%s)
timeout "$limit" $cli run --endpoint "http://127.0.0.1:$port" --bucket demo --source "$tree" --changes "$changes" \
  --scenario "$scenario" --json "$out/report.json" > "$out/cli.log" 2>&1 & runner=$!
sleep 1
clipid=$(pgrep -P "$runner" | head -1); clipid=${clipid:-$runner}
( while kill -0 "$runner" 2>/dev/null; do
    echo "$(date +%s) moto $(awk '/VmHWM|VmRSS/{printf "%s ", $2}' /proc/$moto/status) $(awk '{print $14+$15}' /proc/$moto/stat)" \
         "cli $(awk '{print $14+$15}' /proc/$clipid/stat 2>/dev/null) $(awk '/VmRSS/{print $2}' /proc/$clipid/status 2>/dev/null)" \
         "load $(cut -d' ' -f1 /proc/loadavg)"
    sleep 2; done ) > "$out/mem.log" 2>/dev/null & sampler=$!
wait "$runner"; rc=$?
echo "rc $rc wall $(( $(date +%s) - start ))" >> "$out/info"
echo "moto VmHWM $(awk '/VmHWM/{print $2}' /proc/$moto/status) kB" >> "$out/info"
kill "$moto"; wait "$moto" 2>/dev/null; wait "$sampler" 2>/dev/null
python3 "$here/summarize.py" "$out"
