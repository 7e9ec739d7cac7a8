//! The built-in world layer: who held which office when, for about 20,000
//! officials of 206 countries and bodies, from Wikidata's "position held"
//! (P39) statements. `rules/knowledge/world/officeholders.tsv` is generated
//! by `scripts/world-knowledge.py` (what is kept and why: its doc and
//! `rules/knowledge/world/WORLD.md`) and embedded in the binary, as the
//! gazetteer is.
//!
//! It is a tab-separated file, not TOML: 20,000 `[[person]]` tables would
//! take half a second to parse with spans on every value, and the world
//! layer must load in a few milliseconds. Its records are not written by
//! a rule author, so they need no spans: a fault in it is a fault of the
//! build, found by the tests here.

use crate::rules::knowledge::people::DateBound;

/// The embedded table.
pub static TEXT: &str = include_str!("../../../rules/knowledge/world/officeholders.tsv");

/// What the world layer's diagnostics name as its file.
pub const FILE_NAME: &str = "<builtin>/knowledge/world/officeholders.tsv";

/// Where a layer's data comes from and until when it is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceInfo {
    /// "Wikidata".
    pub name: String,
    /// The last day the data is known to be right: after it an open term
    /// may have ended and new offices begun without the layer knowing, so
    /// nothing is judged from it.
    pub known_until: Option<DateBound>,
}

/// An office of the world layer.
#[derive(Debug)]
pub struct WorldOffice<'t> {
    /// Its Wikidata item, "Q14211".
    pub qid: &'t str,
    /// The country or body it is of, "United Kingdom".
    pub country: &'t str,
    /// Its English label, "Prime Minister of the United Kingdom".
    pub name: &'t str,
}

/// A term in office of the world layer.
#[derive(Debug)]
pub struct WorldTenure<'t> {
    pub office: &'t str,
    pub from: Option<DateBound>,
    pub to: Option<DateBound>,
}

/// A person of the world layer.
#[derive(Debug)]
pub struct WorldPerson<'t> {
    pub qid: &'t str,
    pub name: &'t str,
    /// Other accepted names: the Wikidata label, the name without accents.
    pub aliases: Vec<&'t str>,
    pub tenures: Vec<WorldTenure<'t>>,
}

/// The parsed table.
#[derive(Debug)]
pub struct WorldLayer<'t> {
    pub source: SourceInfo,
    pub offices: Vec<WorldOffice<'t>>,
    pub people: Vec<WorldPerson<'t>>,
}

/// A date of the table: empty for no bound.
fn bound(text: &str) -> Result<Option<DateBound>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    DateBound::parse(text)
        .map(Some)
        .ok_or_else(|| format!("not a date: `{text}`"))
}

/// Parses the table; an error names its line. The people (nine lines in
/// ten) are parsed in chunks on every core, in order.
pub fn parse(text: &str) -> Result<WorldLayer<'_>, String> {
    use rayon::prelude::*;
    let body_start = text.find("\nperson\t").map_or(text.len(), |i| i + 1);
    let (head, body) = text.split_at(body_start);
    let mut layer = WorldLayer {
        source: SourceInfo {
            name: String::new(),
            known_until: None,
        },
        offices: Vec::new(),
        people: Vec::new(),
    };
    let mut no_people = Vec::new();
    parse_lines(head, 0, &mut layer, &mut no_people)?;
    if !no_people.is_empty() {
        return Err("a `person` line before the first one".to_string());
    }
    // Chunks of the body that start at a `person` line.
    const CHUNKS: usize = 16;
    let mut starts = vec![0];
    for k in 1..CHUNKS {
        let from = (body.len() * k / CHUNKS).max(starts.last().copied().unwrap_or(0));
        let Some(at) = body.get(from..).and_then(|rest| rest.find("\nperson\t")) else {
            break;
        };
        starts.push(from + at + 1);
    }
    starts.dedup();
    starts.push(body.len());
    let head_lines = head.matches('\n').count();
    let chunks: Vec<(usize, &str)> = starts
        .windows(2)
        .map(|w| {
            let first_line = head_lines + memchr::memchr_iter(b'\n', &body.as_bytes()[..w[0]]).count();
            (first_line, &body[w[0]..w[1]])
        })
        .collect();
    let parsed: Vec<Result<Vec<WorldPerson<'_>>, String>> = chunks
        .par_iter()
        .map(|&(first_line, chunk)| {
            let mut people = Vec::new();
            let mut ignored = WorldLayer {
                source: layer.source.clone(),
                offices: Vec::new(),
                people: Vec::new(),
            };
            parse_lines(chunk, first_line, &mut ignored, &mut people)?;
            if !ignored.offices.is_empty() {
                return Err("an `office` line after the first `person`".to_string());
            }
            Ok(people)
        })
        .collect();
    for people in parsed {
        layer.people.extend(people?);
    }
    Ok(layer)
}

/// Parses the lines of `text` (its first line is line `first_line` + 1 of
/// the table): sources and offices into `layer`, people into `people`.
fn parse_lines<'t>(
    text: &'t str,
    first_line: usize,
    layer: &mut WorldLayer<'t>,
    people: &mut Vec<WorldPerson<'t>>,
) -> Result<(), String> {
    for (number, line) in text.lines().enumerate() {
        let at = |message: String| format!("line {}: {message}", first_line + number + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let kind = fields.next().unwrap_or_default();
        let mut field = || fields.next().unwrap_or_default();
        match kind {
            "source" => {
                let name = field().to_string();
                layer.source = SourceInfo {
                    name,
                    known_until: bound(field()).map_err(at)?,
                }
            }
            "office" => layer.offices.push(WorldOffice {
                qid: field(),
                country: field(),
                name: field(),
            }),
            "person" => people.push(WorldPerson {
                qid: field(),
                name: field(),
                aliases: field().split('|').filter(|a| !a.is_empty()).collect(),
                tenures: Vec::new(),
            }),
            "held" => {
                let person = people
                    .last_mut()
                    .ok_or_else(|| at("a `held` line before any `person`".to_string()))?;
                let office = field();
                let from = bound(field()).map_err(at)?;
                let to = bound(field()).map_err(at)?;
                person.tenures.push(WorldTenure { office, from, to });
            }
            other => return Err(at(format!("unknown record `{other}`"))),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_parses_and_knows_its_date() {
        let layer = parse(TEXT).unwrap();
        assert_eq!(layer.source.name, "Wikidata");
        assert_eq!(
            layer.source.known_until.as_ref().map(|k| k.text.as_str()),
            Some("2022-07-19")
        );
        assert!(layer.people.len() > 10_000, "{}", layer.people.len());
        let offices: std::collections::HashSet<&str> = layer.offices.iter().map(|o| o.qid).collect();
        for person in &layer.people {
            assert!(person.name.split_whitespace().count() >= 2, "{}", person.name);
            for tenure in &person.tenures {
                assert!(offices.contains(tenure.office), "{} {}", person.qid, tenure.office);
            }
        }
    }

    #[test]
    fn precision_is_kept() {
        let layer = parse(TEXT).unwrap();
        let may = layer.people.iter().find(|p| p.qid == "Q264766").expect("Theresa May");
        let pm = may.tenures.iter().find(|t| t.office == "Q14211").expect("PM of the UK");
        assert_eq!(pm.from.as_ref().unwrap().text, "2016-07-13");
        assert_eq!(pm.to.as_ref().unwrap().text, "2019-07-24");
    }

    #[test]
    fn a_broken_line_is_an_error_naming_it() {
        let error = parse("source\tWikidata\t2022-07-19\nperson\tQ1\tA B\t\nheld\tQ2\tsoon\t\n").unwrap_err();
        assert_eq!(error, "line 3: not a date: `soon`");
        assert!(parse("held\tQ2\t\t\n").is_err());
    }
}
