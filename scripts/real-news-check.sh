#!/usr/bin/env bash
# Runs factlint over 350 real English news articles (the Lee corpus of ABC
# news stories shipped in gensim's test data: Australian and world politics,
# 2001-2002, about people the knowledge does not know) and prints every
# diagnostic, the count, and the titles extracted. The corpus is fetched from
# PyPI into a temporary folder and never committed.
#
#   scripts/real-news-check.sh            # summary and diagnostics
#   scripts/real-news-check.sh --facts    # also the titles found, by person
set -euo pipefail
cd "$(dirname "$0")/.."
work=${NEWS_DIR:-/tmp/factlint-real-news}
mkdir -p "$work"
if [ ! -d "$work/corpus" ]; then
  pip download --no-deps --only-binary :all: gensim==4.4.0 -d "$work" >/dev/null
  (cd "$work" && unzip -o -q gensim-*.whl 'gensim/test/test_data/lee_background.cor' 'gensim/test/test_data/lee.cor')
  mkdir -p "$work/corpus"
  python3 - "$work" <<'PY'
import datetime, sys
work = sys.argv[1]
files = [f"{work}/gensim/test/test_data/{n}" for n in ("lee_background.cor", "lee.cor")]
stories = [l.strip() for f in files for l in open(f, encoding="latin-1") if l.strip()]
base = datetime.date(2001, 12, 1)
for i, story in enumerate(stories):
    # The stories carry no dates; spread them over two months so that the
    # corpus-wide checks see several weeks.
    day = base + datetime.timedelta(days=(i * 7) % 60)
    open(f"{work}/corpus/lee-{i:03}.txt", "w").write(f"date {day}\n{story}\n")
PY
fi
cargo build --release -q
./target/release/factlint check --corpus "$work/corpus" --color never || true
if [ "${1:-}" = "--facts" ]; then
  ./target/release/factlint facts --corpus "$work/corpus" --color never
fi
