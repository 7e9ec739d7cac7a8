#!/usr/bin/env python3
"""Planted title errors in copies of the dev corpus: the recall half of the
title checks' precision suite.

The dev corpus (scripts/real-news-check.sh fetches it into the cache) is
real news; its texts stay in the cache. What is committed is the answer
key, tests/realnews/planted-titles.tsv: per planted error the article, the
byte span of a correct title of a known person, the title as written, the
wrong title put in its place, the shape of the error and the rule expected
to report it. Shapes, as news gets titles wrong:

- `wrong-office`: an office the person never held (`title-mismatch`);
- `wrong-rank`: the rank above or below ("Vice President" for a president,
  `title-mismatch`);
- `stale`: an office the person held earlier, written as if held now (an
  old title in reused copy, `title-not-held`);
- `early`: an office the person takes up only later (`title-not-held`).

  scripts/plant-titles.py make-key BIN CORPUS KNOWLEDGE KEY   # choose sites, write the key
  scripts/plant-titles.py plant CORPUS KEY OUT                # copy CORPUS to OUT with the key applied
  scripts/plant-titles.py score KEY REPORT                    # recall of a factlint JSON report on OUT

`make-key` picks the sites from `factlint facts` with the dev knowledge:
titles right before the name of a known person, held on the article's date,
at most one planted error per article, drawn with a fixed seed so the key
is the same on every machine.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tomllib

SEED = 2017
PER_SHAPE = 12


def load_knowledge(folders):
    offices, people = {}, {}
    for folder in folders:
        for root, _, files in os.walk(folder):
            for name in sorted(files):
                if not name.endswith(".toml"):
                    continue
                with open(os.path.join(root, name), "rb") as f:
                    data = tomllib.load(f)
                for office in data.get("office", []):
                    offices[office["id"]] = office
                for person in data.get("person", []):
                    people[person["id"]] = person
    return offices, people


def held(tenure, date):
    start = str(tenure.get("from", "0000"))
    end = str(tenure.get("to", "9999"))
    return start <= date <= end


def form(office):
    """The office's first written title: how news writes it before a name."""
    return (office.get("titles") or [office["name"]])[0]


def make_key(binary, corpus, knowledge, key_path):
    offices, _ = load_knowledge(knowledge)
    # Only the people of the dev knowledge (the last folder): their careers
    # are written in full for the period, so a planted error is an error.
    _, people = load_knowledge(knowledge[-1:])
    by_name = {p["name"]: p for p in people.values()}
    # Exactly these folders (the first is the shipped `rules`), not the
    # default rules as well.
    args = [binary, "facts", "--format", "json", "--corpus", corpus, "--no-default-rules"]
    for folder in knowledge:
        args += ["--rules", folder]
    facts = [json.loads(line) for line in subprocess.run(args, capture_output=True, text=True, check=True).stdout.splitlines()]
    candidates = {"wrong-office": [], "wrong-rank": [], "stale": [], "early": []}
    for fact in facts:
        person = by_name.get(fact["person"])
        if person is None or fact["past"]:
            continue
        path, date = fact["path"], fact["date"]
        if date is None:
            continue
        text = open(path, encoding="utf-8").read().encode()
        start, end = fact["start"], fact["end"]
        names = [person["name"], *person.get("spellings", [])]
        if not any(text[end:end + 1 + len(n.encode())] == b" " + n.encode() for n in names):
            continue
        tenures = person["offices"]
        now = [t for t in tenures if held(t, date)]
        if not now:
            continue
        # A sentence that marks another time itself ("then governor",
        # "had directed") is a historical mention: a past title there is
        # the title of that time, no error.
        line_start = text.rfind(b". ", 0, start) + 1
        line_end = text.find(b". ", end)
        sentence_words = text[line_start:line_end].decode(errors="replace").lower().split()
        if "then" in sentence_words or "had" in sentence_words:
            continue
        file = os.path.basename(path)
        original = text[start:end].decode()
        site = (file, start, end, original)
        own = {t["office"] for t in tenures}
        for t in tenures:
            if t["office"] in {n["office"] for n in now}:
                continue
            if "to" in t and str(t["to"]) < date and days_between(str(t["to"]), date) > 30:
                candidates["stale"].append((site, form(offices[t["office"]]), "title-not-held"))
            elif str(t.get("from", "0000")) > date:
                candidates["early"].append((site, form(offices[t["office"]]), "title-not-held"))
        for office in offices.values():
            if office["id"] in own:
                continue
            rank = rank_of(office["id"], {t["office"] for t in now})
            if rank:
                candidates["wrong-rank"].append((site, form(office), "title-mismatch"))
            elif same_country(office["id"], now[0]["office"]):
                candidates["wrong-office"].append((site, form(office), "title-mismatch"))
    rng = random.Random(SEED)
    used, rows = set(), []
    for shape in ["stale", "early", "wrong-rank", "wrong-office"]:
        pool = sorted(set(candidates[shape]))
        rng.shuffle(pool)
        taken = 0
        for (file, start, end, original), planted, rule in pool:
            if file in used or taken >= PER_SHAPE or planted.lower() == original.lower():
                continue
            used.add(file)
            taken += 1
            rows.append((file, start, end, shape, original, planted, rule))
    rows.sort()
    with open(key_path, "w", encoding="utf-8") as out:
        out.write("# file\tstart\tend\tshape\toriginal\tplanted\texpected rule (scripts/plant-titles.py)\n")
        for row in rows:
            out.write("\t".join(map(str, row)) + "\n")
    print(f"{len(rows)} planted errors written to {key_path}")


def days_between(a, b):
    from datetime import date

    def parse(s):
        parts = [int(x) for x in s.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])

    return (parse(b) - parse(a)).days


def rank_of(office, current):
    """Whether `office` is the rank above or below one of `current` (by id:
    `us-vice-president` and `us-president`)."""
    for c in current:
        for a, b in ((office, c), (c, office)):
            if a.replace("vice-", "") == b and a != b:
                return True
    return False


def same_country(a, b):
    return a.split("-")[0] == b.split("-")[0]


def read_key(key_path):
    rows = []
    for line in open(key_path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        file, start, end, shape, original, planted, rule = line.rstrip("\n").split("\t")
        rows.append((file, int(start), int(end), shape, original, planted, rule))
    return rows


def plant(corpus, key_path, out):
    if os.path.isdir(out):
        shutil.rmtree(out)
    shutil.copytree(corpus, out)
    for file, start, end, _, original, planted, _ in read_key(key_path):
        path = os.path.join(out, file)
        text = open(path, encoding="utf-8").read().encode()
        if text[start:end].decode() != original:
            sys.exit(f"{file}: the key's site no longer reads `{original}`; regenerate the key")
        open(path, "wb").write(text[:start] + planted.encode() + text[end:])
    print(f"planted {len(read_key(key_path))} errors in {out}")


def score(key_path, report):
    diagnostics = json.load(open(report))["diagnostics"]
    rows = read_key(key_path)
    found_by_shape, total_by_shape, missed = {}, {}, []
    planted_files = {r[0] for r in rows}
    for file, start, _, shape, original, planted, rule in rows:
        end = start + len(planted.encode())
        hit = any(
            os.path.basename(d["path"]) == file
            and d["rule"] == rule
            and d["span"]["start"] < end
            and start < d["span"]["end"]
            for d in diagnostics
        )
        total_by_shape[shape] = total_by_shape.get(shape, 0) + 1
        found_by_shape[shape] = found_by_shape.get(shape, 0) + hit
        if not hit:
            missed.append(f"  {file}\t{shape}\t{original} -> {planted}")
    print("| shape | planted | found | recall |")
    print("|---|---:|---:|---:|")
    for shape in sorted(total_by_shape):
        n, k = total_by_shape[shape], found_by_shape[shape]
        print(f"| {shape} | {n} | {k} | {k / n:.2f} |")
    n, k = sum(total_by_shape.values()), sum(found_by_shape.values())
    print(f"| **all** | {n} | {k} | {k / n:.2f} |")
    untouched = [
        d for d in diagnostics if d["rule"].startswith("title-") and os.path.basename(d["path"]) not in planted_files
    ]
    print(f"\ntitle diagnostics on the untouched articles: {len(untouched)}")
    if missed:
        print("missed:")
        print("\n".join(missed))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "make-key":
        make_key(args[0], args[1], args[2:-1], args[-1])
    elif command == "plant":
        plant(*args)
    elif command == "score":
        score(*args)
    else:
        sys.exit(__doc__)
