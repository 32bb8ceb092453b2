#!/bin/bash
# Alternating A/B of yanglao builds: tools/ab.sh N BINARY_A BINARY_B …
# Builds DB (default: the 20 000 bench database) N times with each binary in turn and prints
# the median wall and CPU seconds of each. Not part of CI.
set -e
N=$1; shift
DB=${DB:-/dev/shm/bench/n20000.sqlite}; CONTENT=${CONTENT:-content}; OUT=${OUT:-/dev/shm/ab-out}
LOG=$(mktemp)
for i in $(seq "$N"); do
  for b in "$@"; do
    rm -rf "$OUT"
    /usr/bin/time -f "$b %e %U %S" "$b" build --db "$DB" --content "$CONTENT" --out "$OUT" --quiet 2>>"$LOG"
  done
done
rm -rf "$OUT"
python3 - "$LOG" "$@" <<'P'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 4]
for b in sys.argv[2:]:
    r = [(float(w), float(u) + float(s)) for n, w, u, s in rows if n == b]
    print(f"{b}: wall median {statistics.median(x[0] for x in r):.2f} s  cpu median {statistics.median(x[1] for x in r):.2f} s  n={len(r)}")
P
rm -f "$LOG"
