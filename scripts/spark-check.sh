#!/usr/bin/env bash
# The Spark job (integrations/spark/factlint_spark.py) against one machine:
# Spark in local[2] mode maps shards of a corpus through `factlint facts`,
# reduces with `factlint check --facts`, and the report must be the one
# `factlint check` gives for the whole corpus, byte for byte (JSON). Run on
# the sample corpus (a folder tree and the same articles as a JSONL table)
# and on generated articles (10,000 by default).
#
#   scripts/spark-check.sh [ARTICLES]
#
# Installs what it needs when missing: PySpark from PyPI (into a virtual
# environment in the cache) and a Java runtime (Debian's
# default-jre-headless). Where neither can be had it says so and passes, as
# the pre-commit check does. FACTLINT_BIN names the binary (default: a
# release build).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
articles=${1:-10000}
cache=${FACTLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/factlint}
bin=${FACTLINT_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release -q
  bin=target/release/factlint
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

if ! command -v java > /dev/null 2>&1; then
  if command -v apt-get > /dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless > /dev/null 2>&1 || true
  fi
  command -v java > /dev/null 2>&1 || { echo "spark: no Java runtime and none could be installed; skipped"; exit 0; }
fi
venv=$cache/spark-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark" 2> /dev/null; then
  python3 -m venv "$venv" > /dev/null
  "$venv/bin/pip" install -q pyspark > /dev/null 2>&1 || { echo "spark: PyPI unreachable, PySpark not installed; skipped"; exit 0; }
fi
python=$venv/bin/python
export PYSPARK_PYTHON=$python PYSPARK_DRIVER_PYTHON=$python
export SPARK_LOCAL_IP=127.0.0.1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "spark: $*" >&2; exit 1; }

# One comparison: Spark's report against `factlint check` of the same
# folder, both in JSON.
compare() {
  local name=$1 root=$2
  shift 2
  (cd "$root" && "$bin" check --format json --output-file "$work/$name-whole.json" || [ $? -eq 1 ]) \
    || fail "$name: factlint check failed"
  local started=$SECONDS
  (cd "$root" && "$python" "$repo/integrations/spark/factlint_spark.py" --binary "$bin" \
    --facts "$work/$name-facts" --output "$work/$name-spark.json" "$@" 2> "$work/$name-spark.log" || [ $? -eq 1 ]) \
    || { tail -20 "$work/$name-spark.log" >&2; fail "$name: the Spark job failed"; }
  cmp -s "$work/$name-whole.json" "$work/$name-spark.json" \
    || { diff <(python3 -m json.tool "$work/$name-whole.json") <(python3 -m json.tool "$work/$name-spark.json") | head -20 >&2; fail "$name: Spark's report differs"; }
  local count bytes lines
  count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["diagnostics"]))' "$work/$name-whole.json")
  bytes=$(cat "$work/$name-facts"/part-* | wc -c)
  lines=$(cat "$work/$name-facts"/part-* | wc -l)
  echo "spark: $name: $lines articles, $count diagnostics, identical to one machine ($((SECONDS - started)) s; facts $bytes bytes, $((bytes / (lines > 0 ? lines : 1))) per article)"
}

# The sample corpus as a folder tree, in eight shards.
mkdir -p "$work/sample"
cp -r "$repo/corpus" "$work/sample/corpus"
compare sample "$work/sample" --input corpus --partitions 8

# The same articles as a table (path, date, text), the shape a crawl keeps.
python3 - "$work/sample/corpus" "$work/sample.jsonl" <<'PY'
import json, os, sys
folder, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as table:
    for name in sorted(os.listdir(folder)):
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        table.write(json.dumps({"path": "corpus/" + name, "date": None, "text": text}) + "\n")
PY
compare table "$work/sample" --table "$work/sample.jsonl" --partitions 3

# Generated articles.
generated=$cache/spark-generated-$articles
if [ ! -d "$generated/corpus" ]; then
  # The generator in the binary's profile: CI's debug build is already
  # compiled, a release one would be a second full build.
  profile=(--release)
  case "$bin" in */debug/*) profile=() ;; esac
  cargo run "${profile[@]}" -q --example gen_corpus -- --articles "$articles" --out "$generated.tmp/corpus" --seed 7 > /dev/null
  mv "$generated.tmp" "$generated"
fi
compare generated "$generated" --input corpus --partitions 16
