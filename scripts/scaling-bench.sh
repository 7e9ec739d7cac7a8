#!/usr/bin/env bash
# The scaling benchmark of hostile shapes: for each shape a generator
# writes one article of 0.5, 1 and 2 MB, factlint checks it (default rules,
# --format json, or human where the shape says) and the script prints the time of each size and the ratio
# of each doubling. Linear time means a ratio near 2; the target is at most
# ~2.2, and each shape at 2 MB checked in seconds. Results: BENCHMARKS.md.
#
#   scripts/scaling-bench.sh              # every shape
#   scripts/scaling-bench.sh dates-table  # one shape
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=$PWD/target/release/factlint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$bin" "$work" "$@" <<'PY'
import os, subprocess, sys, time
binary, work, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]

# Eighty made-up qualifying words ("Energy", "Energyland", …).
WORDS = [a + b for a in ["Energy", "Finance", "Health", "Trade", "Water", "Roads", "Youth", "Sport", "Culture",
                         "Science", "Labour", "Justice", "Defence", "Farming", "Fishing", "Mines", "Ports", "Rail",
                         "Post", "Space"] for b in ["", "land", "wood", "field"]]

def repeat(head, unit, size):
    return head + unit * (size // len(unit) + 1)

SHAPES = {
    # Dates with no sentence end: every date's clause and sentence.
    "dates-no-stops": lambda n: repeat("date 2023-12-20\n", "Jan. 5 - Jan. 19 - ", n),
    # A Markdown table of events, one date and one official a row.
    "dates-table": lambda n: repeat("---\ndate: 2023-12-20\n---\n\n| Date | Event |\n|---|---|\n",
                                    "| Jan. 12, 2024 | Talks in Astana with President Tokayev |\n", n),
    # One line of date ranges.
    "date-ranges": lambda n: repeat("date 2023-12-20\n", "Nov. 26-27, ", n),
    # Capitalised words and nothing else: every word a name candidate.
    "capitalised-words": lambda n: repeat("date 2024-01-01\n", "Abcde Fghij Klmno ", n),
    # Paragraphs that each name officials with titles.
    "official-paragraphs": lambda n: repeat("date 2024-01-01\n",
                                            "President Kassym-Jomart Tokayev met Premier Li Qiang in Astana.\n\n", n),
    # Quotation marks everywhere, titles inside and outside them.
    "quotes-and-titles": lambda n: repeat("date 2024-01-01\n", "“President Tokayev” said ‘Premier Li’ ", n),
    # A past office with no sentence end: every title's sentence is judged
    # for its time, and each is a diagnostic on the one line.
    "past-titles-no-stops": lambda n: repeat("date 2024-06-12\n", "Prime Minister Alikhan Smailov says that ", n),
    # The same, shown to the terminal: each diagnostic's long line is cut.
    "past-titles-no-stops-human": lambda n: repeat("date 2024-06-12\n", "Prime Minister Alikhan Smailov says that ", n),
    # One unknown person given thousands of distinct titles of two roles
    # (issue 32: the corpus pass compared every title with every other).
    "distinct-titles": lambda n: "date 2024-01-01\n" + "".join(
        f"{WORDS[i % 80]} {WORDS[i // 80 % 80]} {WORDS[i // 6400 % 80]} {('Minister', 'Secretary')[i % 2]} "
        "Aigerim Nurlanova said. " for i in range(n // 48)),
    # A list of places that never ends: each place looked at the rest of
    # the text for the word after the list (issue 32).
    "place-list": lambda n: repeat("date 2024-01-01\n", "Almaty, China, ", n),
    # One paragraph of dated sentences: each date read the whole text
    # before it for its paragraph's year (issue 32; 33 s at 700 KB).
    "dated-sentences-one-paragraph": lambda n: repeat("date 2023-01-01\n", "On Jan. 5 they met in 2022. ", n),
    # A fix every few bytes, applied with --fix (issue 32: each fix was
    # compared with every fix taken before it).
    "many-fixes": lambda n: repeat("date 2024-01-01\n", "OBOR and Dungan. ", n),
}
# Flags a shape is checked with besides the format.
FLAGS = {"many-fixes": ["--fix", "--unsafe-fixes"]}
# The output format a shape is checked with.
FORMATS = {"past-titles-no-stops-human": "human"}
sizes = [500_000, 1_000_000, 2_000_000]
print("| shape | 0.5 MB s | 1 MB s | 2 MB s | 1 MB / 0.5 MB | 2 MB / 1 MB |")
print("|---|---:|---:|---:|---:|---:|")
for name, make in SHAPES.items():
    if wanted and name not in wanted:
        continue
    times = []
    for size in sizes:
        folder = os.path.join(work, f"{name}-{size}")
        os.makedirs(folder, exist_ok=True)
        extension = "md" if make(10).startswith("---") else "txt"
        with open(os.path.join(folder, f"article.{extension}"), "w", encoding="utf-8") as f:
            f.write(make(size))
        started = time.monotonic()
        subprocess.run([binary, "check", "--corpus", folder, "--format", FORMATS.get(name, "json"), *FLAGS.get(name, [])],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        times.append(time.monotonic() - started)
    ratio = lambda a, b: f"{b / a:.2f}" if a > 0.02 else "–"
    print(f"| {name} | {times[0]:.2f} | {times[1]:.2f} | {times[2]:.2f} | {ratio(times[0], times[1])} | {ratio(times[1], times[2])} |", flush=True)
PY
