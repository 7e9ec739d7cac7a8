#!/usr/bin/env bash
# The side-by-side peer benchmark: what a newsroom would pick instead of
# factlint for house-style terms is textlint with textlint-rule-prh. One list
# of term substitutions (scripts/peer-terms.tsv, `preferred<TAB>variant|…`)
# becomes both a prh dictionary and factlint term rules; both run on the
# same real articles (the first N of the precision suite's dev corpus, in
# the cache), and the script prints wall time, MB/s, peak RSS and whether
# both report the same term hits (file, line, column).
#
#   scripts/peer-bench.sh          # 600 articles
#   scripts/peer-bench.sh 3781     # the whole dev corpus
#
# textlint 15 and textlint-rule-prh 6 are installed from npm into the cache
# ($FACTLINT_CACHE/peer), never into the repository. factlint runs all its
# default rules plus the generated term rules; textlint runs only the terms.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-600}
cache=${FACTLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/factlint}
[ -d "$cache/real-news/dev/corpus" ] || scripts/real-news-check.sh > /dev/null
[ -d "$cache/real-news/dev/corpus" ] || { echo "peer-bench: no real-news corpus" >&2; exit 2; }
peer=$cache/peer
mkdir -p "$peer"
if [ ! -x "$peer/node_modules/.bin/textlint" ]; then
  (cd "$peer" && npm install --silent --no-audit --no-fund textlint@15 textlint-rule-prh@6) ||
    { echo "peer-bench: cannot install textlint from npm" >&2; exit 2; }
fi
cargo build --release -q
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
mkdir -p "$work/articles" "$work/rules"
python3 -c '
import os, shutil, sys
source, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for name in sorted(f for f in os.listdir(source) if f.endswith(".txt"))[:n]:
    shutil.copyfile(os.path.join(source, name), os.path.join(out, name))
' "$cache/real-news/dev/corpus" "$work/articles" "$n"

python3 - scripts/peer-terms.tsv "$work" <<'PY'
import sys
terms, work = sys.argv[1], sys.argv[2]
rows = []
for line in open(terms, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    preferred, variants = line.rstrip("\n").split("\t")
    rows.append((preferred, variants.split("|")))
toml_str = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
yaml_str = lambda s: "'" + s.replace("'", "''") + "'"
with open(f"{work}/rules/peer.toml", "w", encoding="utf-8") as f:
    for i, (preferred, variants) in enumerate(rows):
        # An entry that differs only in case ("Internet" -> "internet")
        # needs case-sensitive matching, or the preferred form matches too.
        case_only = any(v.lower() == preferred.lower() for v in variants)
        f.write(f'[[check]]\nid = "term-peer-{i:02}"\nkind = "term"\nseverity = "warning"\n')
        f.write(f"preferred = {toml_str(preferred)}\nvariants = [{', '.join(map(toml_str, variants))}]\n")
        f.write(f"case-sensitive = {'true' if case_only else 'false'}\n")
        # Like prh, judge quoted speech too: the same text on both sides.
        f.write("in-quotes = true\n")
        f.write('description = "House-style term of the peer benchmark."\n\n')
import re
with open(f"{work}/prh.yml", "w", encoding="utf-8") as f:
    f.write("version: 1\nrules:\n")
    for preferred, variants in rows:
        # prh's own `wordBoundary` option builds invalid regexes for
        # patterns with a hyphen, so the boundaries are written here; the
        # case-only entry is case-sensitive, the rest not, as in factlint.
        case_only = any(v.lower() == preferred.lower() for v in variants)
        flags = "" if case_only else "i"
        f.write(f"  - expected: {yaml_str(preferred)}\n    patterns:\n")
        for v in variants:
            escaped = re.sub(r"([.*+?^${}()|\[\]\\/])", r"\\\1", v)
            pattern = "/\\b" + escaped + "\\b/" + flags
            f.write("      - " + yaml_str(pattern) + "\n")
with open(f"{work}/.textlintrc.json", "w") as f:
    f.write('{"rules": {"prh": {"rulePaths": ["%s/prh.yml"]}}}\n' % work)
PY

bytes=$(cat "$work"/articles/*.txt | wc -c)
run() { # name, command...: wall seconds and peak RSS KB on one line
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err" || true
}
run factlint ./target/release/factlint check --rules "$work/rules" --corpus "$work/articles" --format json --jobs 2
(cd "$work" && run textlint "$peer/node_modules/.bin/textlint" --config "$work/.textlintrc.json" -f json "$work/articles")

python3 - "$work" "$bytes" "$n" <<'PY'
import json, os, sys
work, size, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def timing(name):
    wall, rss = open(f"{work}/{name}.time").read().split()[-2:]
    return float(wall), int(rss) / 1024
def line_col(text, offset):
    before = text.encode()[:offset].decode(errors="replace")
    return before.count("\n") + 1
hits_f = set()
for d in json.load(open(f"{work}/factlint.out"))["diagnostics"]:
    if d["rule"].startswith("term-peer-"):
        hits_f.add((os.path.basename(d["path"]), d["span"]["line"], d["span"]["column"]))
hits_t = set()
for result in json.load(open(f"{work}/textlint.out")):
    for m in result["messages"]:
        hits_t.add((os.path.basename(result["filePath"]), m["line"], m["column"]))
(fw, fr), (tw, tr) = timing("factlint"), timing("textlint")
mb = size / 1e6
print(f"{n} articles, {mb:.1f} MB\n")
print("| tool | rules | wall s | MB/s | peak RSS MB | term hits |")
print("|---|---|---:|---:|---:|---:|")
print(f"| factlint | all default rules + {len(set(h for h in hits_f)) and 'the'} 52 terms | {fw:.3f} | {mb / fw:.1f} | {fr:.0f} | {len(hits_f)} |")
print(f"| textlint 15 + textlint-rule-prh 6 | the 52 terms | {tw:.3f} | {mb / tw:.1f} | {tr:.0f} | {len(hits_t)} |")
print(f"\nfactlint is {tw / fw:.0f}x faster; same hits: {hits_f == hits_t} "
      f"({len(hits_f & hits_t)} both, {len(hits_f - hits_t)} factlint only, {len(hits_t - hits_f)} textlint only)")
for label, only in (("factlint only", hits_f - hits_t), ("textlint only", hits_t - hits_f)):
    for h in sorted(only)[:8]:
        print(f"  {label}: {h[0]}:{h[1]}:{h[2]}")
PY
