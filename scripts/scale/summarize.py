#!/usr/bin/env python3
"""Summarizes a run-moto.sh output directory: wall time, peak memory, moto-side time per operation, the report's requests."""
import json, sys, os, collections
d = sys.argv[1]
info = open(os.path.join(d, 'info')).read()
print(info.strip())
mem = [l.split() for l in open(os.path.join(d, 'mem.log')) if 'moto' in l]
peak_moto = max(int(l[2]) for l in mem if len(l) > 2)
peak_cli = max((int(l[7]) for l in mem if len(l) > 7 and l[7].isdigit()), default=0)
loads = [float(l[-1]) for l in mem]
print(f"moto VmHWM {peak_moto/1024:.0f} MiB; CLI peak VmRSS sampled {peak_cli/1024:.0f} MiB; load min/avg/max {min(loads):.0f}/{sum(loads)/len(loads):.0f}/{max(loads):.0f}")
n = collections.Counter(); w = collections.Counter(); c = collections.Counter()
for line in open(os.path.join(d, 'requests.log')):
    p = line.split()
    k = p[5] if len(p) > 5 else p[3]
    if len(p) <= 5:
        path = p[4]
        k = p[3] + (' ?' + path.split('?')[1].split('=')[0] if '?' in path else '')
    n[k] += 1; w[k] += float(p[1]); c[k] += float(p[2])
print("moto side: " + ", ".join(f"{k} {n[k]} ({w[k]:.0f} s wall, {c[k]:.0f} s CPU)" for k in sorted(n, key=lambda k: -w[k])))
print("moto total", sum(n.values()), "requests", f"{sum(w.values()):.0f} s wall")
rp = os.path.join(d, 'report.json')
if os.path.exists(rp) and os.path.getsize(rp) > 0:
    r = json.load(open(rp))
    print("requests", json.dumps(r['requests']))
    print("timing", r['timing'], "load", {k: r['load'][k] for k in ('files', 'wallMilliseconds')})
    print("sync", r['sync'])
    print("documents", len(r.get('documents') or []), "errors", sum(1 for x in r.get('documents') or [] if x.get('error')))
