#!/usr/bin/env bash
# make bench: yanglao against Hugo and the I/O floor (cp -r), from one run.
# Writes the figures as Markdown to stdout; docs/benchmarks.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${BENCH_DIR:-/tmp/yanglao-bench}
SMALL=${SMALL:-20000}
LARGE=${LARGE:-400000}
RUNS=${RUNS:-3}
BIN=.build/release/yanglao
mkdir -p "$W"
rm -rf "$W"/run-* "$W"/.run-*.yanglao-inputs  # builds keep a memo beside their output (RenderMemo)
# Let the file system forget earlier deletions (see measure) before timing.
sync; sleep "${SETTLE:-90}"
command -v hugo >/dev/null || { [ "$(id -u)" = 0 ] && apt-get -o DPkg::Lock::Timeout=600 install -y -qq hugo >/dev/null; }
swift build -c release -j 2 --product yanglao >/dev/null

# Runs a command with /usr/bin/time -v; prints "seconds peak_kb". Every run
# writes a new folder and nothing is deleted until the end: on ext4 without a
# journal (this machine's disk), creating files soon after deleting many is
# several times slower (the allocator skips recently deleted inodes), which
# would penalise whichever tool ran after a deletion.
measure() {
  local out=$1; shift
  [ ! -e "$out" ] || { echo "$out exists" >&2; exit 1; }
  sync
  /usr/bin/time -v "$@" >/dev/null 2>"$W/time.txt"
  local wall kb
  wall=$(grep "Elapsed (wall clock)" "$W/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  kb=$(grep "Maximum resident set size" "$W/time.txt" | awk '{print $NF}')
  echo "$wall $kb"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

for n in "$SMALL" "$LARGE"; do
  [ -f "$W/n$n.sqlite" ] || $BIN sample --institutions "$n" --db "$W/n$n.sqlite" >/dev/null
done

echo "| measurement | runs | median wall s | peak RSS MB | pages | pages/s | output |"
echo "|---|---|---|---|---|---|---|"
# yanglao, small
y=(); rss=0
for i in $(seq "$RUNS"); do read -r s kb < <(measure "$W/run-small-$i" $BIN build --db "$W/n$SMALL.sqlite" --content content --out "$W/run-small-$i" --quiet); y+=("$s"); rss=$kb; done
ys=$(printf '%s\n' "${y[@]}" | median)
pages=$(find "$W/run-small-1" -name index.html | wc -l)
echo "| yanglao build, $SMALL facilities | $RUNS | $ys | $((rss / 1024)) | $pages | $(awk -v p="$pages" -v s="$ys" 'BEGIN{printf "%.0f", p/s}') | $(du -sh "$W/run-small-1" | cut -f1) |"
# the I/O floor: copying the finished tree
c=()
for i in $(seq "$RUNS"); do read -r s kb < <(measure "$W/run-copy-$i" cp -r "$W/run-small-$i" "$W/run-copy-$i"); c+=("$s"); done
cs=$(printf '%s\n' "${c[@]}" | median)
echo "| cp -r of that output | $RUNS | $cs | — | — | — | — |"
# Hugo on the same facilities (one page each, same fields)
rm -rf "$W/hugo-src"; python3 tools/bench_hugo_site.py "$W/n$SMALL.sqlite" "$W/hugo-src"
h=(); hrss=0
for i in $(seq "$RUNS"); do read -r s kb < <(measure "$W/run-hugo-$i" hugo --quiet -s "$W/hugo-src" -d "$W/run-hugo-$i"); h+=("$s"); hrss=$kb; done
hs=$(printf '%s\n' "${h[@]}" | median)
hpages=$(find "$W/run-hugo-1" -name index.html | wc -l)
echo "| hugo $(hugo version | awk '{print $2}'), $SMALL pages | $RUNS | $hs | $((hrss / 1024)) | $hpages | $(awk -v p="$hpages" -v s="$hs" 'BEGIN{printf "%.0f", p/s}') | $(du -sh "$W/run-hugo-1" | cut -f1) |"
# On tmpfs the outputs are memory: the small runs' 10 GB would squeeze the large build
# (a run measured 52 s instead of 31 s, and a traced one was killed). tmpfs has no
# recently-deleted-inode penalty (see measure), so they go first there.
tmpfs=$([ "$(stat -f -c %T "$W")" = tmpfs ] && echo 1 || echo 0)
[ "$tmpfs" = 0 ] || rm -rf "$W"/run-small-* "$W"/run-copy-* "$W"/run-hugo-*
# yanglao, large, then an incremental rebuild after one changed facility
read -r ls lkb < <(measure "$W/run-large" $BIN build --db "$W/n$LARGE.sqlite" --content content --out "$W/run-large" --quiet)
lpages=$(find "$W/run-large" -name index.html | wc -l)
echo "| yanglao build, $LARGE facilities | 1 | $ls | $((lkb / 1024)) | $lpages | $(awk -v p="$lpages" -v s="$ls" 'BEGIN{printf "%.0f", p/s}') | $(du -sh "$W/run-large" | cut -f1) |"
sqlite3 "$W/n$LARGE.sqlite" "UPDATE institutions SET beds_total = beds_total + 1 WHERE rowid = 1000"
/usr/bin/time -v $BIN build --db "$W/n$LARGE.sqlite" --content content --out "$W/run-large" >"$W/incr.txt" 2>"$W/time.txt"
is=$(grep "Elapsed (wall clock)" "$W/time.txt" | awk '{print $NF}' | awk -F: '{print $1*60+$2}')
echo "| yanglao rebuild after one facility changed, $LARGE | 1 | $is | $(( $(grep "Maximum resident" "$W/time.txt" | awk '{print $NF}') / 1024 )) | $(grep -o '[0-9]* written' "$W/incr.txt") | — | — |"
echo
echo "yanglao ÷ Hugo ($SMALL): $(awk -v a="$ys" -v b="$hs" 'BEGIN{printf "%.2f", a/b}')　yanglao ÷ cp -r: $(awk -v a="$ys" -v b="$cs" 'BEGIN{printf "%.2f", a/b}')"
# Memory back on tmpfs (the figures are printed above).
[ "$tmpfs" = 0 ] || rm -rf "$W"/run-* "$W"/.run-*.yanglao-inputs
