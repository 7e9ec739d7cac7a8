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

/// Parses the table; an error names its line.
pub fn parse(text: &str) -> Result<WorldLayer<'_>, String> {
    let mut layer = WorldLayer {
        source: SourceInfo {
            name: String::new(),
            known_until: None,
        },
        offices: Vec::new(),
        people: Vec::new(),
    };
    for (number, line) in text.lines().enumerate() {
        let at = |message: String| format!("line {}: {message}", number + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or_default();
        match field(0) {
            "source" => {
                layer.source = SourceInfo {
                    name: field(1).to_string(),
                    known_until: bound(field(2)).map_err(at)?,
                }
            }
            "office" => layer.offices.push(WorldOffice {
                qid: field(1),
                country: field(2),
                name: field(3),
            }),
            "person" => layer.people.push(WorldPerson {
                qid: field(1),
                name: field(2),
                aliases: field(3).split('|').filter(|a| !a.is_empty()).collect(),
                tenures: Vec::new(),
            }),
            "held" => {
                let person = layer
                    .people
                    .last_mut()
                    .ok_or_else(|| at("a `held` line before any `person`".to_string()))?;
                person.tenures.push(WorldTenure {
                    office: field(1),
                    from: bound(field(2)).map_err(at)?,
                    to: bound(field(3)).map_err(at)?,
                });
            }
            other => return Err(at(format!("unknown record `{other}`"))),
        }
    }
    Ok(layer)
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
