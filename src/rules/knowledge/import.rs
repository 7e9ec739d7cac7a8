//! `factlint knowledge import`: Wikidata's "position held" (P39)
//! statements, in the shapes a newsroom gets them, made into a knowledge
//! file of `[[office]]` and `[[person]]` tables with a `[source]`.
//!
//! Read: entity JSON (a `wbgetentities` or `Special:EntityData` response,
//! `{"entities": {…}}`), the JSON dump (one entity a line, between `[` and
//! `]`, streamed line by line, never loaded whole), SPARQL JSON results
//! (`head.vars` and `results.bindings`, variables named as in
//! `rules/README.md`), and the officeholders CSV of
//! `scripts/world-knowledge.py`. Then, per person and office: deprecated
//! statements are dropped, a preferred statement wins over normal ones it
//! overlaps, and overlapping or touching terms (split duplicates) are
//! merged; dates keep their precision (day, month, year; a coarser one is
//! no bound). The output is sorted by Q-id and written the same way each
//! time, so a refresh diffs line by line.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;

use chrono::NaiveDate;

use super::people::DateBound;

/// How sure Wikidata is of a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    Deprecated,
    Normal,
    Preferred,
}

/// One "position held" statement.
#[derive(Clone, Debug)]
pub struct Statement {
    pub person: String,
    pub office: String,
    pub from: Option<DateBound>,
    pub to: Option<DateBound>,
    pub rank: Rank,
}

/// What the inputs say: statements, and the names of people and offices.
#[derive(Debug, Default)]
pub struct Imported {
    pub statements: Vec<Statement>,
    /// English label of each item (people and offices).
    pub labels: BTreeMap<String, String>,
    /// Other English names of people (Wikidata aliases).
    pub aliases: BTreeMap<String, BTreeSet<String>>,
    /// The country of an office, where the input gives it.
    pub countries: BTreeMap<String, String>,
    /// The latest `modified` date of the entities read: the data is known
    /// to that day.
    pub modified: Option<NaiveDate>,
}

/// The shape of an input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Entity JSON: `{"entities": {…}}` (wbgetentities, Special:EntityData).
    Entities,
    /// The JSON dump: one entity a line.
    Dump,
    /// SPARQL JSON results.
    Sparql,
    /// The officeholders CSV (`scripts/world-knowledge.py`'s input).
    Csv,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        match text {
            "entities" => Ok(Format::Entities),
            "dump" => Ok(Format::Dump),
            "sparql" => Ok(Format::Sparql),
            "csv" => Ok(Format::Csv),
            other => Err(format!("`{other}` is not a format: entities, dump, sparql or csv")),
        }
    }
}

impl Format {
    /// The format a file's name and first bytes tell: `.csv` is CSV, a JSON
    /// object with `results` SPARQL, with `entities` entity JSON, and a
    /// file of one entity a line (`.jsonl`, `.ndjson`, or opening with
    /// `[` and a newline) the dump.
    pub fn guess(name: &str, start: &str) -> Format {
        let start = start.trim_start();
        if name.ends_with(".csv") {
            Format::Csv
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") || start.starts_with("[\n") {
            Format::Dump
        } else if start.contains("\"results\"") || start.contains("\"head\"") {
            Format::Sparql
        } else {
            Format::Entities
        }
    }
}

/// A Wikidata time (`+2012-05-07T00:00:00Z`) at its precision (11 day, 10
/// month, 9 year); `None` for a coarser one or a malformed one.
pub fn wikidata_time(time: &str, precision: u8) -> Option<DateBound> {
    let time = time.trim_start_matches('+');
    let date = time.split('T').next()?;
    let text = match precision {
        11.. => date.get(..10)?,
        10 => date.get(..7)?,
        9 => date.get(..4)?,
        _ => return None,
    };
    DateBound::parse(text)
}

/// The Q-id at the end of an entity URI (`http://www.wikidata.org/entity/Q7747`).
fn qid(uri: &str) -> String {
    uri.rsplit('/').next().unwrap_or(uri).to_string()
}

impl Imported {
    /// Reads one entity (a person with P39 claims, or a position with a label).
    fn entity(&mut self, entity: &serde_json::Value) {
        let Some(id) = entity.get("id").and_then(|v| v.as_str()) else {
            return;
        };
        if let Some(label) = entity.pointer("/labels/en/value").and_then(|v| v.as_str()) {
            self.labels.insert(id.to_string(), label.to_string());
        }
        if let Some(aliases) = entity.pointer("/aliases/en").and_then(|v| v.as_array()) {
            let names = aliases.iter().filter_map(|a| a.get("value").and_then(|v| v.as_str()));
            self.aliases
                .entry(id.to_string())
                .or_default()
                .extend(names.map(str::to_string));
        }
        if let Some(modified) = entity.get("modified").and_then(|v| v.as_str())
            && let Some(day) = modified
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            self.modified = self.modified.max(Some(day));
        }
        let claims = entity.pointer("/claims/P39").and_then(|v| v.as_array());
        for claim in claims.into_iter().flatten() {
            // Older responses (2015) give only the numeric id.
            let value = claim.pointer("/mainsnak/datavalue/value");
            let office = value
                .and_then(|v| v.get("id"))
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .or_else(|| {
                    value
                        .and_then(|v| v.get("numeric-id"))
                        .and_then(|v| v.as_u64())
                        .map(|n| format!("Q{n}"))
                });
            let Some(office) = office else {
                continue;
            };
            let rank = match claim.get("rank").and_then(|v| v.as_str()) {
                Some("preferred") => Rank::Preferred,
                Some("deprecated") => Rank::Deprecated,
                _ => Rank::Normal,
            };
            let time = |property: &str| {
                let value = claim.pointer(&format!("/qualifiers/{property}/0/datavalue/value"))?;
                let precision = value.get("precision").and_then(|p| p.as_u64()).unwrap_or(0);
                wikidata_time(value.get("time")?.as_str()?, u8::try_from(precision).unwrap_or(0))
            };
            self.statements.push(Statement {
                person: id.to_string(),
                office,
                from: time("P580"),
                to: time("P582"),
                rank,
            });
        }
    }

    /// Entity JSON: `{"entities": {"Q7747": {…}, …}}`.
    pub fn read_entities(&mut self, text: &str) -> Result<(), String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let entities = value
            .get("entities")
            .and_then(|e| e.as_object())
            .ok_or("no `entities` object: not a wbgetentities or Special:EntityData response")?;
        for entity in entities.values() {
            self.entity(entity);
        }
        Ok(())
    }

    /// The JSON dump, one entity a line (`[`, `]` and trailing commas
    /// allowed), read as a stream.
    pub fn read_dump(&mut self, reader: impl BufRead) -> Result<(), String> {
        for (number, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| format!("line {}: {e}", number + 1))?;
            let line = line.trim().trim_end_matches(',');
            if line.is_empty() || line == "[" || line == "]" {
                continue;
            }
            let entity: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("line {}: not JSON: {e}", number + 1))?;
            self.entity(&entity);
        }
        Ok(())
    }

    /// SPARQL JSON results. Variables: the person `person` (or `item`),
    /// its name `personLabel` (or `itemLabel`), the office `position` (or
    /// `office`; else `office` given), its name `positionLabel`, its
    /// country `countryLabel`, the term `start` (or `start_date`) and `end`
    /// (or `end_date`), with `startPrecision`/`start_precision` and
    /// `endPrecision`/`end_precision` (default: day), and the statement's
    /// `rank` (a `wikibase:` rank URI; default normal).
    pub fn read_sparql(&mut self, text: &str, office: Option<&str>) -> Result<(), String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let bindings = value
            .pointer("/results/bindings")
            .and_then(|b| b.as_array())
            .ok_or("no `results.bindings`: not SPARQL JSON results")?;
        for binding in bindings {
            let get = |names: &[&str]| {
                names
                    .iter()
                    .find_map(|n| binding.pointer(&format!("/{n}/value")).and_then(|v| v.as_str()))
            };
            let Some(person) = get(&["person", "item"]).map(qid) else {
                continue;
            };
            let Some(position) = get(&["position", "office"]).map(qid).or(office.map(str::to_string)) else {
                return Err("no `position` variable: name the office with --office QID".to_string());
            };
            if let Some(name) = get(&["personLabel", "itemLabel"]) {
                self.labels.insert(person.clone(), name.to_string());
            }
            if let Some(name) = get(&["positionLabel", "officeLabel"]) {
                self.labels.insert(position.clone(), name.to_string());
            }
            if let Some(country) = get(&["countryLabel", "jurisdictionLabel"]) {
                self.countries.insert(position.clone(), country.to_string());
            }
            let time = |value: &[&str], precision: &[&str]| {
                let precision = get(precision).and_then(|p| p.parse::<u8>().ok()).unwrap_or(11);
                wikidata_time(get(value)?, precision)
            };
            let rank = match get(&["rank"]).map(|r| r.rsplit('#').next().unwrap_or(r)) {
                Some("PreferredRank") => Rank::Preferred,
                Some("DeprecatedRank") => Rank::Deprecated,
                _ => Rank::Normal,
            };
            self.statements.push(Statement {
                person,
                office: position,
                from: time(&["start", "start_date"], &["startPrecision", "start_precision"]),
                to: time(&["end", "end_date"], &["endPrecision", "end_precision"]),
                rank,
            });
        }
        Ok(())
    }

    /// The officeholders CSV (columns `person_qid`, `person_label`,
    /// `enwiki`, `position_qid`, `position_label`, `jurisdiction`, `start`,
    /// `start_precision`, `end`, `end_precision`).
    pub fn read_csv(&mut self, reader: impl std::io::Read) -> Result<(), String> {
        let mut csv = csv::Reader::from_reader(reader);
        let headers = csv.headers().map_err(|e| e.to_string())?.clone();
        let column = |name: &str| headers.iter().position(|h| h == name);
        let need = |name: &str| column(name).ok_or_else(|| format!("no column `{name}`"));
        let (person, office) = (need("person_qid")?, need("position_qid")?);
        for (number, record) in csv.records().enumerate() {
            let record = record.map_err(|e| format!("row {}: {e}", number + 2))?;
            let field = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or_default().trim();
            let (person, office) = (field(Some(person)), field(Some(office)));
            if person.is_empty() || office.is_empty() {
                continue;
            }
            let enwiki = field(column("enwiki"));
            let name = if enwiki.is_empty() {
                field(column("person_label"))
            } else {
                enwiki
            };
            // "Wang Yi (politician)": the page title's disambiguator is no name.
            let name = name.rsplit_once(" (").map_or(name, |(n, _)| n);
            if !name.is_empty() {
                self.labels
                    .entry(person.to_string())
                    .or_insert_with(|| name.to_string());
            }
            let label = field(column("position_label"));
            if !label.is_empty() {
                self.labels
                    .entry(office.to_string())
                    .or_insert_with(|| label.to_string());
            }
            let country = field(column("jurisdiction"));
            if !country.is_empty() {
                let country = country.strip_prefix("the ").unwrap_or(country);
                self.countries.insert(office.to_string(), country.to_string());
            }
            let time = |value: &str, precision: &str| {
                let precision = field(column(precision)).parse::<u8>().unwrap_or(0);
                wikidata_time(field(column(value)), precision)
            };
            self.statements.push(Statement {
                person: person.to_string(),
                office: office.to_string(),
                from: time("start", "start_precision"),
                to: time("end", "end_precision"),
                rank: Rank::Normal,
            });
        }
        Ok(())
    }
}

/// A merged term of one person in one office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub from: Option<DateBound>,
    pub to: Option<DateBound>,
}

fn first_day(bound: &Option<DateBound>) -> NaiveDate {
    bound.as_ref().map_or(NaiveDate::MIN, |b| b.earliest)
}

fn last_day(bound: &Option<DateBound>) -> NaiveDate {
    bound.as_ref().map_or(NaiveDate::MAX, |b| b.latest)
}

/// Whether two terms overlap.
fn overlap(a: &Statement, b: &Statement) -> bool {
    first_day(&a.from) <= last_day(&b.to) && first_day(&b.from) <= last_day(&a.to)
}

/// The terms of one person in one office: deprecated statements dropped, a
/// normal one that overlaps a preferred one dropped, the rest merged where
/// they overlap or touch (the earlier start and the later end, an open end
/// winning).
pub fn merge_terms(statements: &[&Statement]) -> Vec<Term> {
    let kept: Vec<&Statement> = statements
        .iter()
        .copied()
        .filter(|s| s.rank != Rank::Deprecated)
        .filter(|s| s.rank == Rank::Preferred || !statements.iter().any(|p| p.rank == Rank::Preferred && overlap(p, s)))
        .collect();
    let mut sorted = kept;
    sorted.sort_by_key(|s| (first_day(&s.from), last_day(&s.to)));
    let mut terms: Vec<Term> = Vec::new();
    for statement in sorted {
        if let Some(last) = terms.last_mut() {
            let until = last_day(&last.to);
            let touches = until == NaiveDate::MAX || first_day(&statement.from) <= until.succ_opt().unwrap_or(until);
            if touches {
                if last_day(&statement.to) > until {
                    last.to = statement.to.clone();
                }
                continue;
            }
        }
        terms.push(Term {
            from: statement.from.clone(),
            to: statement.to.clone(),
        });
    }
    terms
}

/// A person of the import, ready to write.
#[derive(Debug)]
pub struct ImportedPerson {
    pub qid: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// (office Q-id, term), sorted.
    pub terms: Vec<(String, Term)>,
}

/// What the import writes, and what it left out.
#[derive(Debug, Default)]
pub struct Knowledge {
    /// (Q-id, name), sorted by Q-id.
    pub offices: Vec<(String, String)>,
    pub people: Vec<ImportedPerson>,
    /// Statements dropped as deprecated.
    pub deprecated: usize,
    /// People left out: no English name.
    pub unnamed: Vec<String>,
    /// Offices left out: no name, or `keep_office` refused it (its name
    /// names no role a title uses).
    pub offices_left_out: Vec<String>,
}

/// A Q-id as it sorts: by number, then as written.
type QidKey = (u64, String);

/// Numeric order of Q-ids ("Q9" before "Q10").
fn qid_key(id: &str) -> QidKey {
    (id.trim_start_matches('Q').parse().unwrap_or(u64::MAX), id.to_string())
}

impl Imported {
    /// Merges the statements into people and offices. `name_of` names an
    /// item the inputs left unnamed (the built-in world layer knows many);
    /// `keep_office` says whether an office's name is a title the checks
    /// can read.
    pub fn resolve(&self, name_of: &dyn Fn(&str) -> Option<String>, keep_office: &dyn Fn(&str) -> bool) -> Knowledge {
        let mut knowledge = Knowledge {
            deprecated: self.statements.iter().filter(|s| s.rank == Rank::Deprecated).count(),
            ..Knowledge::default()
        };
        let label = |id: &str| self.labels.get(id).cloned().or_else(|| name_of(id));
        let mut offices: BTreeMap<QidKey, String> = BTreeMap::new();
        let mut left_out: BTreeSet<String> = BTreeSet::new();
        for statement in &self.statements {
            let key = qid_key(&statement.office);
            if statement.rank == Rank::Deprecated || offices.contains_key(&key) || left_out.contains(&statement.office)
            {
                continue;
            }
            let name = label(&statement.office).map(|name| match self.countries.get(&statement.office) {
                Some(country) if !name.contains(country.as_str()) => format!("{name} of {country}"),
                _ => name,
            });
            match name {
                Some(name) if keep_office(&name) => {
                    offices.insert(key, name);
                }
                _ => {
                    left_out.insert(statement.office.clone());
                }
            }
        }
        let mut by_person: BTreeMap<QidKey, BTreeMap<QidKey, Vec<&Statement>>> = BTreeMap::new();
        for statement in &self.statements {
            if !offices.contains_key(&qid_key(&statement.office)) {
                continue;
            }
            by_person
                .entry(qid_key(&statement.person))
                .or_default()
                .entry(qid_key(&statement.office))
                .or_default()
                .push(statement);
        }
        for ((_, person), held) in by_person {
            let Some(name) = label(&person) else {
                knowledge.unnamed.push(person);
                continue;
            };
            let mut terms: Vec<(String, Term)> = held
                .iter()
                .flat_map(|((_, office), statements)| {
                    merge_terms(statements).into_iter().map(move |t| (office.clone(), t))
                })
                .collect();
            terms.sort_by_key(|(office, t)| (first_day(&t.from), qid_key(office)));
            if terms.is_empty() {
                continue;
            }
            let aliases = self
                .aliases
                .get(&person)
                .into_iter()
                .flatten()
                .filter(|a| **a != name && a.split_whitespace().count() >= 2)
                .cloned()
                .collect();
            knowledge.people.push(ImportedPerson {
                qid: person,
                name,
                aliases,
                terms,
            });
        }
        knowledge.offices = offices.into_iter().map(|((_, id), name)| (id, name)).collect();
        knowledge.offices_left_out = left_out.into_iter().collect();
        knowledge
    }
}

/// A TOML string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A date as the knowledge writes it: a TOML date to the day, a string to
/// the month or year.
fn date_value(bound: &DateBound) -> String {
    if bound.text.len() == 10 {
        bound.text.clone()
    } else {
        quoted(&bound.text)
    }
}

/// The knowledge file: `[source]`, then offices and people by Q-id.
pub fn to_toml(knowledge: &Knowledge, source: &str, known_until: Option<NaiveDate>, note: &str) -> String {
    let mut out = String::from("# Written by `factlint knowledge import`; import again to refresh it.\n\n[source]\n");
    out.push_str(&format!("name = {}\n", quoted(source)));
    if let Some(day) = known_until {
        out.push_str(&format!("known-until = {day}\n"));
    }
    out.push_str(&format!("note = {}\n", quoted(note)));
    for (id, name) in &knowledge.offices {
        out.push_str(&format!(
            "\n[[office]]\nid = {}\nname = {}\nwikidata = {}\n",
            quoted(id),
            quoted(name),
            quoted(id)
        ));
    }
    for person in &knowledge.people {
        out.push_str(&format!(
            "\n[[person]]\nid = {}\nname = {}\nwikidata = {}\n",
            quoted(&person.qid),
            quoted(&person.name),
            quoted(&person.qid)
        ));
        if !person.aliases.is_empty() {
            let aliases: Vec<String> = person.aliases.iter().map(|a| quoted(a)).collect();
            out.push_str(&format!("aliases = [{}]\n", aliases.join(", ")));
        }
        // The imported record adds to the world layer's (same Q-id).
        out.push_str("merge = \"extend\"\noffices = [\n");
        for (office, term) in &person.terms {
            let mut fields = vec![format!("office = {}", quoted(office))];
            if let Some(from) = &term.from {
                fields.push(format!("from = {}", date_value(from)));
            }
            if let Some(to) = &term.to {
                fields.push(format!("to = {}", date_value(to)));
            }
            out.push_str(&format!("  {{ {} }},\n", fields.join(", ")));
        }
        out.push_str("]\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(from: &str, to: &str, rank: Rank) -> Statement {
        Statement {
            person: "Q1".into(),
            office: "Q2".into(),
            from: DateBound::parse(from),
            to: DateBound::parse(to),
            rank,
        }
    }

    #[test]
    fn split_duplicates_merge_and_precision_is_kept() {
        let whole = statement("2005-04-12", "2014-03-26", Rank::Normal);
        let first = statement("2005-04-12", "2011-04-04", Rank::Normal);
        let second = statement("2011-04-05", "2014-03-26", Rank::Normal);
        let terms = merge_terms(&[&first, &second, &whole]);
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].from.as_ref().unwrap().text, "2005-04-12");
        assert_eq!(terms[0].to.as_ref().unwrap().text, "2014-03-26");
        let year = statement("1998", "2004", Rank::Normal);
        assert_eq!(merge_terms(&[&year])[0].from.as_ref().unwrap().text, "1998");
    }

    #[test]
    fn deprecated_is_dropped_and_preferred_wins_over_normal() {
        let deprecated = statement("2000", "", Rank::Deprecated);
        assert!(merge_terms(&[&deprecated]).is_empty());
        let preferred = statement("2012-05-07", "", Rank::Preferred);
        let normal = statement("2012-05-01", "2013", Rank::Normal);
        let terms = merge_terms(&[&normal, &preferred]);
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].from.as_ref().unwrap().text, "2012-05-07");
    }

    #[test]
    fn wikidata_times_keep_their_precision() {
        assert_eq!(wikidata_time("+2012-05-07T00:00:00Z", 11).unwrap().text, "2012-05-07");
        assert_eq!(wikidata_time("+2004-09-00T00:00:00Z", 10).unwrap().text, "2004-09");
        assert_eq!(wikidata_time("+1998-00-00T00:00:00Z", 9).unwrap().text, "1998");
        assert!(wikidata_time("+1990-00-00T00:00:00Z", 8).is_none());
    }
}
