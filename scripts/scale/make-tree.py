#!/usr/bin/env python3
"""Writes the seeded test tree of docs/real-buckets.md: DIRS directories of PER files (default 200 x 100 = 20,000
files, 159 MiB), dept{d//20}/team{d}/doc{f}.txt, sizes drawn from 200, 1,000, 3,000, 8,000 and 20,000 bytes.
Usage: make-tree.py ROOT [DIRS] [PER]"""
import os
import random
import sys

root = sys.argv[1]
dirs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
per = int(sys.argv[3]) if len(sys.argv) > 3 else 100
random.seed(20000)
sizes = [200, 1000, 3000, 8000, 20000]
words = b"alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu\n"
for d in range(dirs):
    directory = os.path.join(root, f"dept{d // 20}", f"team{d}")
    os.makedirs(directory, exist_ok=True)
    for f in range(per):
        n = random.choice(sizes)
        with open(os.path.join(directory, f"doc{f}.txt"), "wb") as out:
            out.write((words * (n // len(words) + 1))[:n])
