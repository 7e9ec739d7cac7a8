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
  scripts/plant-titles.py make-world-key BIN CORPUS KEY       # the same for the built-in world layer
  scripts/plant-titles.py make-tense-key BIN CORPUS KEY       # errors in sentences of a told time
  scripts/plant-titles.py plant CORPUS KEY OUT                # copy CORPUS to OUT with the key applied
  scripts/plant-titles.py score KEY REPORT                    # recall of a factlint JSON report on OUT

`make-world-key` plants errors that the built-in knowledge alone must find
(tests/realnews/planted-world-titles.tsv), at titles of people of the world
layer (rules/knowledge/world/officeholders.tsv, Wikidata) right before their
name, in a one-seat office they hold on the article's date:

- `predecessor` / `successor`: the name swapped for that of someone who held
  the same office before or after (a predecessor only where, on the date, he
  holds another office: a former holder with no office is still called by
  his old title in news of his time, which no check can tell from an error);
- `stale`: the title swapped for an earlier one-seat office of the same
  person, named as the table names it ("Prime Minister of Russia" for a
  sitting president);
- `wrong-country`: the demonym swapped for that of another country whose
  office of the same label ("Prime Minister of India" for "Prime Minister
  of Japan") is one-seat and held by someone else on the date ("Indian
  Prime Minister Shinzo Abe"), reported as `title-mismatch`.

`make-tense-key` plants errors of the built-in knowledge's people in the
sentences whose time a reader can tell (tests/realnews/planted-tense-titles.tsv;
the shape is `CLASS:ERROR`), and counts the sites it leaves out:

- `present-perfect`: the name is the subject of a present perfect ("…
  has said", "have signed"): a claim of now;
- `time-anchored`: the sentence names a day of the article's week (a
  weekday, "yesterday", "this week", a month and day within ten days before
  it) and no other year: a claim of that day;
- `now-word`: "new", "current" or "incumbent" before the title;
- `year-dated`: the sentence opens with a date of an earlier year ("In
  2014,", "In March 2016,", "On Aug. 21, 2013,") or its titled name's
  clause closes with one ("… toured Chile in May 2015."), and the person
  held the title's office all through it: the title is judged as of that
  time;
- the errors (`predecessor`, `successor`, `stale`, as for `make-world-key`)
  are wrong as of the sentence's time and of the article's date alike (a
  title held on the article's date names its holder in any sentence:
  "President Donald Trump paid $38m in taxes in 2005"): a successor who
  took the office only after the article's date and never held it before,
  a predecessor who held it only earlier (and another office then), an
  office the person had left by then.

- `undated`: none of these, the rest of the sentences with a title: an
  undated past ("X signed the law") or a present without a cue. Planted
  to measure what the checks leave out there, not to be found: an undated
  past may tell of any time (a table's person is judged there only where
  the office's end makes the title wrong whenever it was said).

`make-key` picks the sites from `factlint facts` with the dev knowledge:
titles right before the name of a known person, held on the article's date,
at most one planted error per article, drawn with a fixed seed so the key
is the same on every machine.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tomllib

SEED = 2017
PER_SHAPE = 12
WORLD_PER_SHAPE = 50


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


def load_world(path):
    """The world layer's offices {qid: label} and people {qid: (name,
    [(office, from, to)])}, as scripts/world-knowledge.py wrote them."""
    offices, people, current = {}, {}, None
    for line in open(path, encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        if fields[0] == "office":
            offices[fields[1]] = fields[3]
        elif fields[0] == "person":
            current = fields[1]
            people[current] = (fields[2], [])
        elif fields[0] == "held":
            people[current][1].append((fields[1], fields[2], fields[3]))
    return offices, people


def covers(start, end, date):
    """Whether a term (texts of the layer's precision, either empty) surely
    covers `date`: its start on or before, its end on or after."""
    return (not start or start <= date[: len(start)]) and (not end or end >= date[: len(end)])


def surely_before(end, date):
    return bool(end) and end < date[: len(end)]


def surely_after(start, date):
    return bool(start) and start > date[: len(start)]


def is_one_seat(terms):
    """Whether an office's terms [(person, from, to)] are those of one seat:
    two or more holders, no two overlapping by more than a month (as
    factlint's `Office::single_seat`)."""
    from datetime import date, timedelta

    def first(t, default):
        return date(*(int(x) for x in (t + "-01-01")[:10].split("-"))) if t else default

    def last(t, default):
        if not t:
            return default
        parts = [int(x) for x in t.split("-")]
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 2:
            return date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1) - timedelta(days=1)
        return date(parts[0], 12, 31)

    spans = sorted((first(s, date.min), last(e, date.max), p) for p, s, e in terms)
    if len({p for _, _, p in spans}) < 2:
        return False
    latest = None
    for start, end, person in spans:
        if latest and latest[1] != person and (latest[0] - start).days > 31:
            return False
        if latest is None or end > latest[0]:
            latest = (end, person)
    return True


def speaks_of_now(text, start, end):
    """Whether the sentence of a title (bytes start..end of `text`, the title
    and the name) tells of the article's own days, so that a wrong title in
    it is a reader's error: not a headline (a line with no stop), nothing
    that dates it to another time (a year, "last year", "ago", "then",
    "had", "former"), not the era or agent of a past act ("under", "by",
    "during", "since" before the title), not the name owning what follows
    ("Putin's push")."""
    line_start = text.rfind(b"\n", 0, start) + 1
    line_end = text.find(b"\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if b". " not in line and not line.rstrip().endswith(b"."):
        return False
    sentence = text[max(text.rfind(b". ", 0, start) + 1, line_start) : text.find(b". ", end)].decode(errors="replace")
    words = sentence.lower().split()
    if any(w in words for w in ("then", "had", "former", "ago", "previously", "earlier")) or "last year" in sentence.lower():
        return False
    if any(w.strip(",.()").isdigit() and len(w.strip(",.()")) == 4 and w.strip(",.()")[:2] in ("19", "20") for w in words):
        return False
    before = text[max(0, start - 12) : start].decode(errors="replace").lower().split()
    if before and before[-1] in ("under", "by", "during", "since", "of"):
        return False
    return not text[end : end + 2] in (b"'s", "’".encode()[:2])


def world_tables():
    """The world layer's offices and people (see `load_world`), the people
    of each name, each office's terms {office: [(person, from, to)]} and
    the one-seat offices."""
    offices, people = load_world(os.path.join(os.path.dirname(__file__), "..", "rules", "knowledge", "world", "officeholders.tsv"))
    names = {}
    for qid, (name, _) in people.items():
        names.setdefault(name, []).append(qid)
    holders = {}
    for qid, (_, terms) in people.items():
        for office, start, end in terms:
            holders.setdefault(office, []).append((qid, start, end))
    one_seat = {office for office, terms in holders.items() if is_one_seat(terms)}
    return offices, people, names, holders, one_seat


def title_sites(binary, corpus, people):
    """The titles `factlint facts` finds right before the name of a person
    of the world layer, in a dated article and not marked past: (fact,
    person, name, terms, the article's bytes, the title's start and end,
    the name's end)."""
    facts = subprocess.run(
        [binary, "facts", "--format", "json", "--corpus", corpus], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for line in facts:
        fact = json.loads(line)
        qid = fact.get("person_id")
        if qid not in people or fact["past"] or fact["date"] is None:
            continue
        name, terms = people[qid]
        text = open(fact["path"], encoding="utf-8").read().encode()
        start, end = fact["start"], fact["end"]
        if text[end : end + 1 + len(name.encode())] != b" " + name.encode():
            continue
        yield fact, qid, name, terms, text, start, end, end + 1 + len(name.encode())


def earlier_offices(terms, office, offices, one_seat, day):
    """The labels of the one-seat offices other than `office` that a person
    of `terms` had left more than 30 days before `day` (not acting ones):
    a stale title as of that day."""
    for earlier, _, e_end in terms:
        acting = offices[earlier].split()[0].lower() in ("acting", "interim", "caretaker")
        if (
            earlier != office
            and earlier in one_seat
            and not acting
            and surely_before(e_end, day)
            and days_between(e_end, day) > 30
        ):
            yield offices[earlier]


def make_world_key(binary, corpus, key_path):
    offices, people, names, holders, one_seat = world_tables()
    countries, demonyms = office_countries(), load_demonyms()
    by_label = {(countries[q], label): q for q, label in offices.items()}
    candidates = {"predecessor": [], "successor": [], "stale": [], "wrong-country": []}
    for fact, qid, name, terms, text, start, end, name_end in title_sites(binary, corpus, people):
        date = fact["date"]
        if not speaks_of_now(text, start, name_end):
            continue
        now = [t for t in terms if covers(t[1], t[2], date)]
        if len(now) != 1 or now[0][0] not in one_seat:
            continue
        office = now[0][0]
        file = os.path.basename(fact["path"])
        title = text[start:end].decode()
        whole = (start, name_end, f"{title} {name}")
        for other, o_start, o_end in holders.get(office, []):
            if other == qid or len(names.get(people[other][0], [])) != 1:
                continue
            other_name = people[other][0]
            if surely_before(o_end, date) and any(covers(s, e, date) for _, s, e in people[other][1]):
                candidates["predecessor"].append((file, *whole, f"{title} {other_name}"))
            elif surely_after(o_start, date):
                candidates["successor"].append((file, *whole, f"{title} {other_name}"))
        for earlier in earlier_offices(terms, office, offices, one_seat, date):
            candidates["stale"].append((file, start, end, title, earlier))
        for planted in other_countries(title, office, date, offices, countries, demonyms, by_label, holders, one_seat, qid):
            candidates["wrong-country"].append((file, start, end, title, planted))
    rng = random.Random(SEED)
    used, rows = set(), []
    for shape in ["stale", "predecessor", "successor", "wrong-country"]:
        pool = sorted(set(candidates[shape]))
        rng.shuffle(pool)
        taken = 0
        for file, start, end, original, planted in pool:
            if file in used or taken >= WORLD_PER_SHAPE or planted.lower() == original.lower():
                continue
            used.add(file)
            taken += 1
            rule = "title-mismatch" if shape == "wrong-country" else "title-not-held"
            rows.append((file, start, end, shape, original, planted, rule))
    rows.sort()
    with open(key_path, "w", encoding="utf-8") as out:
        out.write("# file\tstart\tend\tshape\toriginal\tplanted\texpected rule (scripts/plant-titles.py make-world-key)\n")
        for row in rows:
            out.write("\t".join(map(str, row)) + "\n")
    print(f"{len(rows)} planted errors written to {key_path}: " + ", ".join(f"{k} {len(v)} sites" for k, v in candidates.items()))


TENSE_PER_CLASS = 40
MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
MONTH_NUMBER = {m[:3].lower(): i + 1 for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
)}
WEEK_WORDS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|this week|"
    r"this morning|last night|this weekend)\b"
)
YEAR_OPENER = re.compile(
    rf"^(?:In|On|During)\s+(?:(?:early|late|mid-)\s*)?(?:(?P<month>{MONTHS})\s+)?(?:(?P<day>\d{{1,2}}),?\s+)?(?P<year>(?:19|20)\d\d),\s"
)
PERFECT_AFTER_NAME = re.compile(
    r"^(?:,[^,.;]{1,80},)?\s+(?:has|have)\s+(?:(?:also|already|not|just|long|repeatedly|never|since|now|\w+ly)\s+)?"
    r"(?:been|\w+ed|said|made|told|met|spoken|written|given|taken|sent|won|held|put|set|done|seen|become|come|left|"
    r"brought|built|chosen|driven|drawn|fought|found|gone|grown|heard|kept|known|laid|led|lost|meant|paid|run|shown|"
    r"sought|spent|stood|struck|taught|thought|understood|begun)\b"
)
# "President X toured Chile in May 2015": the name's own past verb, its
# object, and the date that closes the clause.
YEAR_AFTER_VERB = re.compile(
    rf"^\s+(?:\w+ly\s+)?(?P<verb>\w+ed|said|made|told|met|spoke|wrote|gave|took|sent|won|held|began|became|came|left|"
    rf"brought|built|chose|drove|fought|found|went|led|lost|paid|ran|signed|visited|toured)\b"
    rf"(?P<between>[^,;.()\"“”]{{0,80}}?)\b(?:in|on)\s+(?:(?:early|late|mid-)\s*)?(?:(?P<month>{MONTHS})\s+)?"
    rf"(?:(?P<day>\d{{1,2}}),?\s+)?(?P<year>(?:19|20)\d\d)\b(?=[.,;]|$)"
)
CLAUSE_WORDS = {"that", "which", "who", "whom", "when", "after", "before", "since", "until", "while", "where", "because", "as", "and", "but"}
YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")


def sentence_around(text, start, end):
    """The sentence (bytes of `text`) holding bytes start..end, as a line of
    prose: from the stop before it (or the line's start) to the stop after."""
    line_start = text.rfind(b"\n", 0, start) + 1
    line_end = text.find(b"\n", end)
    line_end = len(text) if line_end < 0 else line_end
    stop = text.rfind(b". ", line_start, start)
    a = line_start if stop < 0 else stop + 2
    stop = text.find(b". ", end, line_end)
    b = line_end if stop < 0 else stop + 1
    return a, b


def day_of(text):
    from datetime import date

    parts = [int(x) for x in text.split("-")]
    return date(*parts)


def period_of(match):
    """The first and last day (ISO) of a YEAR_OPENER match."""
    from datetime import date, timedelta

    year = int(match["year"])
    month = MONTH_NUMBER.get((match["month"] or "")[:3].lower())
    if month is None:
        return f"{year}-01-01", f"{year}-12-31"
    if match["day"]:
        try:
            day = date(year, month, int(match["day"])).isoformat()
        except ValueError:
            return None
        return day, day
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return f"{year}-{month:02}-01", last.isoformat()


def time_anchored(sentence, date):
    """Whether the sentence names a day of its article's week and no other
    year: a weekday, "yesterday", "this week", or a month and day in the ten
    days before the article's date."""
    from datetime import timedelta

    if WEEK_WORDS.search(sentence):
        return True
    published = day_of(date)
    for m in re.finditer(rf"\b(?P<month>{MONTHS})\s+(?P<day>\d{{1,2}})\b", sentence):
        month = MONTH_NUMBER[m["month"][:3].lower()]
        try:
            told = published.replace(month=month, day=int(m["day"]))
        except ValueError:
            continue
        if timedelta(0) <= published - told <= timedelta(days=10):
            return True
    return False


def sentence_class(text, start, name_end, date):
    """The class of the sentence of a title (bytes start..name_end: the title
    and the name) as `make-tense-key` plants it, with the period its title is
    judged as of, or (None, None) for a sentence of no told time."""
    a, b = sentence_around(text, start, name_end)
    sentence = text[a:b].decode(errors="replace")
    line_start = text.rfind(b"\n", 0, start) + 1
    line = text[line_start : text.find(b"\n", start) if text.find(b"\n", start) >= 0 else len(text)]
    if b". " not in line and not line.rstrip().endswith(b"."):
        return None, None  # a headline
    lower = sentence.lower()
    words = re.findall(r"[\w'-]+", lower)
    if any(w in words for w in ("former", "then", "ago", "late", "previously")) or "then-" in lower or "ex-" in lower:
        return None, None
    before = text[max(0, start - 14) : start].decode(errors="replace").lower().split()
    if before and before[-1] in ("under", "by", "during", "since", "of"):
        return None, None
    if text[name_end : name_end + 2] in (b"'s", "’".encode()[:2]):
        return None, None
    year = int(date[:4])
    years = {int(y) for y in YEAR_WORD.findall(sentence)}
    opener = YEAR_OPENER.match(sentence)
    if opener and years == {int(opener["year"])} and int(opener["year"]) < year and a + len(opener[0].encode()) <= start:
        period = period_of(opener)
        if period and ";" not in text[a:start].decode(errors="replace") and "," not in text[a + len(opener[0].encode()) : start].decode(errors="replace"):
            return "year-dated", period
        return None, None
    after = YEAR_AFTER_VERB.match(text[name_end : name_end + 200].decode(errors="replace"))
    if (
        after
        and years == {int(after["year"])}
        and int(after["year"]) < year
        and not CLAUSE_WORDS & set(after["between"].lower().split())
        and not any(w.endswith("ed") for w in after["between"].lower().split())
        and text[a:start].strip() == b""
    ):
        period = period_of(after)
        return ("year-dated", period) if period else (None, None)
    if years - {year} or "last year" in lower:
        return None, None
    if before and before[-1] in ("new", "current", "incumbent"):
        return "now-word", (date, date)
    if PERFECT_AFTER_NAME.match(text[name_end : name_end + 200].decode(errors="replace")):
        return "present-perfect", (date, date)
    if time_anchored(sentence, date):
        return "time-anchored", (date, date)
    return "undated", (date, date)


def make_tense_key(binary, corpus, key_path):
    offices, people, names, holders, one_seat = world_tables()
    # The plantings of each class, and the sites of each class (planted or not).
    candidates, sites = {}, {}
    for fact, qid, name, terms, text, start, end, name_end in title_sites(binary, corpus, people):
        date = fact["date"]
        klass, period = sentence_class(text, start, name_end, date)
        if klass is None:
            continue
        sites[klass] = sites.get(klass, 0) + 1
        if period is None:
            continue
        first, last = period
        # The office of the title: the one one-seat office the person held
        # all through the sentence's time.
        held = [t for t in terms if covers(t[1], t[2], first) and covers(t[1], t[2], last)]
        if len(held) != 1 or held[0][0] not in one_seat:
            continue
        office = held[0][0]
        file = os.path.basename(fact["path"])
        title = text[start:end].decode()
        whole = (start, name_end, f"{title} {name}")
        for other, o_start, o_end in holders.get(office, []):
            if other == qid or len(names.get(people[other][0], [])) != 1:
                continue
            other_name = people[other][0]
            other_held = any(covers(s, e, first) and covers(s, e, last) for _, s, e in people[other][1])
            if surely_before(o_end, first) and other_held:
                candidates.setdefault(klass, []).append((file, *whole, f"{title} {other_name}", "predecessor"))
            elif surely_after(o_start, date) and not any(surely_before(s, first) for o, s, _ in people[other][1] if o == office):
                candidates.setdefault(klass, []).append((file, *whole, f"{title} {other_name}", "successor"))
        for earlier in earlier_offices(terms, office, offices, one_seat, first):
            candidates.setdefault(klass, []).append((file, start, end, title, earlier, "stale"))
    rng = random.Random(SEED)
    used, rows = set(), []
    for klass in ["present-perfect", "time-anchored", "now-word", "year-dated", "undated"]:
        pool = sorted(set(candidates.get(klass, [])))
        rng.shuffle(pool)
        taken = 0
        for file, start, end, original, planted, error in pool:
            # A label with a comma ("Minister for Transport, Tourism and
            # Sport") is no title news writes before a name.
            if file in used or taken >= TENSE_PER_CLASS or planted.lower() == original.lower() or "," in planted:
                continue
            used.add(file)
            taken += 1
            rows.append((file, start, end, f"{klass}:{error}", original, planted, "title-not-held"))
    rows.sort()
    with open(key_path, "w", encoding="utf-8") as out:
        out.write("# file\tstart\tend\tclass:shape\toriginal\tplanted\texpected rule (scripts/plant-titles.py make-tense-key)\n")
        for row in rows:
            out.write("\t".join(map(str, row)) + "\n")
    print(f"{len(rows)} planted errors written to {key_path}")
    print("title sites by sentence class: " + ", ".join(f"{k} {v}" for k, v in sorted(sites.items())))


def office_countries():
    """The world layer's offices {qid: country}."""
    path = os.path.join(os.path.dirname(__file__), "..", "rules", "knowledge", "world", "officeholders.tsv")
    return {
        fields[1]: fields[2]
        for fields in (line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8"))
        if fields[0] == "office"
    }


def load_demonyms():
    """{demonym: country} of the shipped `[titles]` tables, the house's
    winning over the world layer's."""
    here = os.path.join(os.path.dirname(__file__), "..", "rules", "knowledge")
    demonyms = {}
    for path in [os.path.join(here, "world", "titles.toml"), os.path.join(here, "titles.toml")]:
        table = tomllib.load(open(path, "rb")).get("titles", {}).get("demonyms", {})
        demonyms.update({k: v for k, v in table.items() if "," not in k})
    return demonyms


def other_countries(title, office, date, offices, countries, demonyms, by_label, holders, one_seat, qid):
    """`wrong-country` plantings of a title that starts with its office's
    country's demonym ("Japanese Prime Minister"): the demonym of another
    country that has the same office under the same label ("Prime Minister
    of India"), one-seat, held by someone else on the date ("Indian Prime
    Minister Shinzo Abe"). Only demonyms that name their country exactly
    as the table does, so that the planted title is an error news could
    print, not a spelling no reader would know."""
    first, _, rest = title.partition(" ")
    country = countries.get(office)
    label = offices.get(office, "")
    if not rest or first not in demonyms or not country or country not in label:
        return []
    planted = []
    for demonym, other in sorted(demonyms.items()):
        if other == country or other not in {c for c in countries.values()}:
            continue
        target = by_label.get((other, label.replace(country, other)))
        if target in one_seat and any(p != qid and covers(s, e, date) for p, s, e in holders.get(target, [])):
            planted.append(f"{demonym} {rest}")
    return planted


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
    classes = sorted({shape.split(":")[0] for shape in total_by_shape if ":" in shape})
    for klass in classes:
        n = sum(v for s, v in total_by_shape.items() if s.startswith(klass + ":"))
        k = sum(v for s, v in found_by_shape.items() if s.startswith(klass + ":"))
        print(f"| *{klass}* | {n} | {k} | {k / n:.2f} |")
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
    elif command == "make-world-key":
        make_world_key(*args)
    elif command == "make-tense-key":
        make_tense_key(*args)
    elif command == "plant":
        plant(*args)
    elif command == "score":
        score(*args)
    else:
        sys.exit(__doc__)
