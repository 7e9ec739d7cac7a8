#!/usr/bin/env python3
"""Planted cases of the date and place checks in copies of real articles:
each class of issue 27's principles, once as an error the checks must
report and once as a shape they must leave alone, set among real news (its
datelines, headlines, tables and figures) rather than in a rule file's
one-line case.

The dev corpus (scripts/real-news-check.sh fetches it into the cache) stays
in the cache. What is committed is the answer key,
tests/realnews/planted-cases.tsv: per case the article, the class, whether
it must be reported (`flag`, with the rule) or not (`quiet`), where the
planted text goes (`append`: a paragraph after the article's last;
`after-headline`: a paragraph right after its first line; `headline`: the
first line replaced; `replace`: a real phrase of the article rewritten, at
its byte offset) and the planted text itself. The planted sentences are
ours, written for this suite, with dates computed from each article's own
date; only the `replace` cases touch the publisher's words, and the key
keeps just the short phrase they rewrite.

  scripts/plant-cases.py make-key CORPUS KEY    # choose articles, write the key
  scripts/plant-cases.py plant CORPUS KEY OUT   # copy CORPUS to OUT with the key applied
  scripts/plant-cases.py score KEY REPORT       # per class: cases the checks got right
"""
import datetime
import json
import os
import random
import re
import shutil
import sys

SEED = 2017
AP = {1: "Jan.", 2: "Feb.", 3: "March", 4: "April", 5: "May", 6: "June", 7: "July", 8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}
FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ap(day):
    return f"{AP[day.month]} {day.day}"


def article_date(text):
    m = re.match(r"date (\d{4})-(\d\d)-(\d\d)\n", text)
    return datetime.date(int(m[1]), int(m[2]), int(m[3])) if m else None


def cases_for(date, text, rng):
    """The cases one article can carry, as (class, expect, rule, op,
    offset, original, planted)."""
    later = date + datetime.timedelta(days=10)
    earlier = date - datetime.timedelta(days=12)
    cases = [
        # Tables of figures: month names before prices are no dates
        # ("Feb 30.25" is no February 30).
        ("table", "quiet", "date-", "append", None, "", "Feb 30.25   Mar 31.50   Apr 29.75   May 31.10\nJul 101.25   Sep 102.50   Dec 99.75   Mar 88"),
        # A date and an amount are no range.
        ("date-and-amount", "quiet", "date-", "append", None, "", f"Exports fell on {ap(earlier)} to 2.1 billion euros, the ministry said."),
        # A note about the article tells its later history.
        ("note", "quiet", "date-", "append", None, "", f"This article was amended on {later.day} {FULL[later.month - 1]} {later.year} to correct a name."),
        # A deadline under a past verb points forward.
        ("forward-date", "quiet", "date-", "append", None, "", f"The company said the offer expires {ap(later)}."),
        # The same past verb with the event's own day is a claim.
        ("after-publication", "flag", "date-after-publication", "append", None, "", f"The two sides signed the deal on {ap(later)}, officials said."),
        # A dateline with a city's state, far from the article's date.
        ("dateline-state", "flag", "date-dateline", "after-headline", None, "", f"DENVER, Colo., {ap(earlier)} (Reuters) - Officials met to discuss the plan."),
        # A wire slug before a headline is no dateline (and no place).
        ("wire-slug", "quiet", "", "headline", None, "", "CORRECTED - "),
        # A month's name is the month, not the town of March.
        ("month-town", "quiet", "place-", "append", None, "", "Sales rose in March, Germany reported."),
        # A place of the gazetteer in the wrong country.
        ("address", "flag", "place-wrong-country", "append", None, "", "The trial opened in Nuremberg, France."),
        # No preposition of place: the country is the clause's subject.
        ("address-subject", "quiet", "place-", "append", None, "", "After talks with Astana, China, which had hoped for more, left."),
    ]
    if date.month == 12:
        # A December story's past "on Jan. 16" is that year's January, and a
        # weekday told with it picks the year it fits.
        jan = datetime.date(date.year, 1, rng.randint(5, 25))
        cases.append(("explicit-past", "quiet", "date-", "append", None, "", f"Profits fell on {ap(jan)}, when the strike began."))
        cases.append(("weekday-year", "quiet", "date-", "append", None, "", f"The summit opened on {WEEKDAYS[jan.weekday()]}, {ap(jan)}, officials said."))
        cases.append(("weekday-year", "flag", "date-weekday", "append", None, "", f"The summit opened on {WEEKDAYS[(jan.weekday() + 3) % 7]}, {ap(jan)}, officials said."))
    # A misspelt month beside a day, in the article's own words.
    for m in re.finditer(r"\b(January|February|August|September|October|November|December) (\d{1,2})\b", text):
        misspelt = {"January": "Janaury", "February": "Feburary", "August": "Agust", "September": "Septmber", "October": "Ocotber", "November": "Novmber", "December": "Decmber"}[m[1]]
        offset = len(text[: m.start()].encode())
        cases.append(("misspelt-month", "flag", "date-month-spelling", "replace", offset, m[1], misspelt))
        break
    return cases


def make_key(corpus, key_path):
    rng = random.Random(SEED)
    files = sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))
    rng.shuffle(files)
    wanted = {}
    rows, used = [], set()
    for file in files:
        text = open(os.path.join(corpus, file), encoding="utf-8").read()
        date = article_date(text)
        if date is None or len(text) < 800:
            continue
        for case in cases_for(date, text, rng):
            klass, expect = case[0], case[1]
            if wanted.get((klass, expect), 0) >= 5 or file in used:
                continue
            wanted[(klass, expect)] = wanted.get((klass, expect), 0) + 1
            used.add(file)
            rows.append((file, *case))
    # One place spelt two ways across articles: the odd spelling in three,
    # the usual one in six; each of the three is reported.
    spelling = [f for f in files if f not in used][:9]
    for i, file in enumerate(spelling):
        odd = i < 3
        planted = "Trucks waited in Khorgas for days." if odd else "Trucks waited in Khorgos for days."
        rows.append((file, "spelling-in-every-article", "flag" if odd else "quiet", "place-inconsistent" if odd else "place-", "append", None, "", planted))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    with open(key_path, "w", encoding="utf-8") as out:
        out.write("# file\tclass\texpect\trule (flag: reported by it; quiet: no diagnostic of rules starting so)\top\toffset\toriginal\tplanted (scripts/plant-cases.py)\n")
        for row in rows:
            out.write("\t".join("" if v is None else str(v).replace("\n", "\\n") for v in row) + "\n")
    print(f"{len(rows)} cases written to {key_path}")


def read_key(key_path):
    rows = []
    for line in open(key_path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        file, klass, expect, rule, op, offset, original, planted = line.rstrip("\n").split("\t")
        rows.append((file, klass, expect, rule, op, int(offset) if offset else None, original, planted.replace("\\n", "\n")))
    return rows


def apply(text, op, offset, original, planted):
    """`text` (bytes) with one case applied, and the byte range of the
    planted words in the result."""
    if op == "append":
        head = text.rstrip(b"\n") + b"\n\n"
        return head + planted.encode() + b"\n", (len(head), len(head) + len(planted.encode()))
    if op == "after-headline":
        first = text.index(b"\n") + 1  # the date line
        end = text.find(b"\n", first)
        end = len(text) if end < 0 else end
        insert = b"\n\n" + planted.encode()
        return text[:end] + insert + text[end:], (end + 2, end + len(insert))
    if op == "headline":
        first = text.index(b"\n") + 1
        return text[:first] + planted.encode() + text[first:], (first, first + len(planted.encode()))
    if op == "replace":
        if text[offset : offset + len(original.encode())] != original.encode():
            sys.exit(f"the key's phrase `{original}` is no longer at {offset}; regenerate the key")
        return text[:offset] + planted.encode() + text[offset + len(original.encode()) :], (offset, offset + len(planted.encode()))
    sys.exit(f"unknown op {op}")


def plant(corpus, key_path, out):
    if os.path.isdir(out):
        shutil.rmtree(out)
    shutil.copytree(corpus, out)
    spans = {}
    # Several cases of one article are applied from the end backwards, so
    # that each keeps its offset; the key gives at most one per article
    # besides the spelling cases.
    for file, klass, expect, rule, op, offset, original, planted in read_key(key_path):
        path = os.path.join(out, file)
        text = open(path, "rb").read()
        text, span = apply(text, op, offset, original, planted)
        open(path, "wb").write(text)
        spans[(file, klass, expect)] = span
    json.dump({"|".join(k): v for k, v in spans.items()}, open(os.path.join(out, ".planted-spans.json"), "w"))
    print(f"planted {len(spans)} cases in {out}")


def score(key_path, report, planted_dir):
    diagnostics = json.load(open(report))["diagnostics"]
    spans = json.load(open(os.path.join(planted_dir, ".planted-spans.json")))
    right, total, wrong = {}, {}, []
    for file, klass, expect, rule, *_ in read_key(key_path):
        start, end = spans["|".join((file, klass, expect))]
        here = [
            d for d in diagnostics
            if os.path.basename(d["path"]) == file and d["span"]["start"] < end and start < d["span"]["end"]
        ]
        if expect == "flag":
            ok = any(d["rule"] == rule for d in here)
        else:
            ok = not any(d["rule"].startswith(rule) for d in here)
        key = f"{klass} ({expect})"
        total[key] = total.get(key, 0) + 1
        right[key] = right.get(key, 0) + ok
        if not ok:
            got = ", ".join(sorted({d["rule"] for d in here})) or "nothing"
            wrong.append(f"  {file}\t{key}\texpected {'`' + rule + '`' if expect == 'flag' else 'no ' + (rule or 'any') + '* diagnostic'}, got {got}")
    print("| class | cases | right |")
    print("|---|---:|---:|")
    for key in sorted(total):
        print(f"| {key} | {total[key]} | {right[key]} |")
    n, k = sum(total.values()), sum(right.values())
    print(f"| **all** | {n} | {k} |")
    if wrong:
        print("wrong:")
        print("\n".join(wrong))
    return 0 if k == n else 1


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "make-key":
        make_key(*args)
    elif command == "plant":
        plant(*args)
    elif command == "score":
        sys.exit(score(*args))
