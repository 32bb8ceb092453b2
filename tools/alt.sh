#!/bin/bash
# Alternates yanglao, Hugo and `cp -r` of yanglao's output on the 20 000-facility benchmark
# site, ROUNDS times, and prints each round's times and the ratio yanglao ÷ Hugo: on this
# noisy machine, alternating is fairer than timing each tool in its own block.
# Needs what `make bench` leaves in BENCH_DIR: n20000.sqlite and hugo-src/.
# Usage: tools/alt.sh [ROUNDS]   (BENCH_DIR=/dev/shm/bench by default; run from the repository)
set -euo pipefail
B=${BENCH_DIR:-/dev/shm/bench}
ROUNDS=${1:-7}
BIN=${BIN:-.build/release/yanglao}
[ -f "$B/n20000.sqlite" ] && [ -d "$B/hugo-src" ] || { echo "run make bench first (needs $B/n20000.sqlite and $B/hugo-src)" >&2; exit 1; }
rm -rf "$B"/alt-* "$B"/.alt-*.yanglao-inputs
now() { date +%s.%N; }
for _ in $(seq "$ROUNDS"); do
  s=$(now); $BIN build --db "$B/n20000.sqlite" --content content --out "$B/alt-y" --quiet >/dev/null; y=$(echo "$(now) - $s" | bc)
  s=$(now); hugo --quiet -s "$B/hugo-src" -d "$B/alt-h" >/dev/null 2>&1; h=$(echo "$(now) - $s" | bc)
  s=$(now); cp -r "$B/alt-y" "$B/alt-c"; c=$(echo "$(now) - $s" | bc)
  echo "yanglao=$y hugo=$h cp=$c ratio=$(echo "scale=3; $y/$h" | bc)"
  rm -rf "$B/alt-y" "$B/alt-h" "$B/alt-c"
done
