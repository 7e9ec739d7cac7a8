#!/usr/bin/env bash
# A recorded fuzz campaign: every target for SECONDS (default 1800), two at
# a time (this is a 2-core machine), niced so that development builds go
# first; then each target's corpus is cut down to the inputs that reach
# code nothing else reaches (libFuzzer's -set_cover_merge, edges only) and
# those are kept in seeds/<target>/campaign/, which `cargo test` replays
# (tests/fuzz_seeds.rs). Logs and /usr/bin/time figures go to $OUT
# (default ~/.cache/factlint/fuzz-run), outside the repository.
#
#   fuzz/campaign.sh            # 30 minutes a target
#   fuzz/campaign.sh 600        # 10 minutes a target
#   TARGETS="check_article date_find" fuzz/campaign.sh 900
#   fuzz/campaign.sh --keep     # only cut down and keep what corpus/ holds
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the stable toolchain is
# used with RUSTC_BOOTSTRAP=1 and no sanitizer.
set -euo pipefail
cd "$(dirname "$0")"
keep_only=false
if [ "${1:-}" = "--keep" ]; then
  keep_only=true
  shift
fi
secs=${1:-1800}
targets=${TARGETS:-"check_article rule_load date_find article_parse config_load"}
out=${OUT:-${XDG_CACHE_HOME:-$HOME/.cache}/factlint/fuzz-run}
mkdir -p "$out"
RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer none -O >/dev/null
bin=target/x86_64-unknown-linux-gnu/release

run() {
  local t=$1
  mkdir -p "corpus/$t"
  /usr/bin/time -v -o "$out/$t.time" nice -n 5 "$bin/$t" "corpus/$t" "seeds/$t" \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 >"$out/$t.log" 2>&1 \
    || echo "$t stopped with $?: see $out/$t.log and artifacts/$t/" >&2
  grep -E '^(Done|stat::)' "$out/$t.log" | sed "s/^/$t: /"
}

if ! $keep_only; then
  set -- $targets
  while [ $# -gt 0 ]; do
    run "$1" &
    if [ $# -gt 1 ]; then run "$2" & fi
    wait
    shift $(( $# > 1 ? 2 : 1 ))
  done
fi

for t in $targets; do
  cut="$out/cut/$t"
  rm -rf "$cut"
  mkdir -p "$cut"
  "$bin/$t" -set_cover_merge=1 -use_counters=0 -use_value_profile=0 "$cut" "seeds/$t" "corpus/$t" \
    >"$out/$t.merge.log" 2>&1
  # Inputs that are seeds already are not kept twice.
  for seed in $(find "seeds/$t" -path "seeds/$t/campaign" -prune -o -type f -print); do
    rm -f "$cut/$(sha1sum "$seed" | cut -d' ' -f1)"
  done
  rm -rf "seeds/$t/campaign"
  mkdir -p "seeds/$t/campaign"
  cp "$cut"/* "seeds/$t/campaign/" 2>/dev/null || true
  echo "$t: kept $(find "seeds/$t/campaign" -type f | wc -l) inputs ($(tail -1 "$out/$t.merge.log"))"
done
