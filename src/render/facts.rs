//! `factlint facts`: every title the corpus gives each person, grouped by
//! person — the table an editor opens to see who is called what, where.
//!
//! The JSON form is one fact per line (JSON Lines). It is also the "map"
//! output for corpora too large for one machine: run `factlint facts --format
//! json` on each shard and merge the lines; every line is self-contained.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::engine::Run;
use crate::model::fact::{Fact, PersonRef, TitleFact};
use crate::rules::knowledge::people::Knowledge;

#[derive(Serialize)]
struct TitleLine<'a> {
    person: &'a str,
    /// The knowledge's id, `null` for people it does not know.
    person_id: Option<&'a str>,
    title: &'a str,
    role: &'a str,
    past: bool,
    path: &'a str,
    date: Option<String>,
    start: u32,
    end: u32,
    line: usize,
    column: usize,
}

fn person_name<'a>(person: &'a PersonRef, knowledge: &'a Knowledge) -> (&'a str, Option<&'a str>) {
    match person {
        PersonRef::Known(index) => knowledge
            .people
            .get(*index as usize)
            .map_or(("?", None), |p| (p.name.as_str(), Some(p.id.as_str()))),
        PersonRef::Unknown(name) => (name.as_str(), None),
    }
}

/// The title facts, filtered by `person` (a case-insensitive part of the
/// name), grouped by person name.
fn grouped<'a>(run: &'a Run, knowledge: &'a Knowledge, person: Option<&str>) -> BTreeMap<&'a str, Vec<&'a TitleFact>> {
    let wanted = person.map(str::to_lowercase);
    let mut groups: BTreeMap<&str, Vec<&TitleFact>> = BTreeMap::new();
    for fact in run.reported_facts() {
        let Fact::Title(title) = fact else { continue };
        let (name, _) = person_name(&title.person, knowledge);
        if wanted
            .as_ref()
            .is_some_and(|w| !name.to_lowercase().contains(w.as_str()))
        {
            continue;
        }
        groups.entry(name).or_default().push(title);
    }
    for facts in groups.values_mut() {
        facts.sort_by_key(|f| (f.date, run.db.name(f.span.file).to_string(), f.span.start));
    }
    groups
}

pub fn render_titles(
    run: &Run,
    knowledge: &Knowledge,
    person: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for (name, facts) in grouped(run, knowledge, person) {
        if !json {
            let known = matches!(facts.first().map(|f| &f.person), Some(PersonRef::Known(_)));
            writeln!(out, "{name}{}", if known { "" } else { "  (not in the knowledge)" })?;
        }
        for fact in facts {
            let file = run.db.get(fact.span.file);
            let path = file.map_or("", |f| f.name.as_str());
            let (line, column) = file.map_or((0, 0), |f| f.line_column(fact.span.start as usize));
            // As written, with line breaks inside the title folded to spaces.
            let title = file.and_then(|f| f.text.get(fact.span.range())).unwrap_or("");
            let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
            let date = fact.date.map(|d| d.to_string());
            if json {
                let (_, person_id) = person_name(&fact.person, knowledge);
                let record = TitleLine {
                    person: name,
                    person_id,
                    title: &title,
                    role: &fact.key.role,
                    past: fact.past,
                    path,
                    date,
                    start: fact.span.start,
                    end: fact.span.end,
                    line,
                    column,
                };
                super::write_json(out, &record, false)?;
                writeln!(out)?;
            } else {
                let past = if fact.past { "  (past)" } else { "" };
                writeln!(
                    out,
                    "  {:<10}  {title}{past}  [{}]  {path}:{line}:{column}",
                    date.as_deref().unwrap_or("undated"),
                    fact.key.role
                )?;
            }
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct DateLine<'a> {
    path: &'a str,
    text: &'a str,
    resolved: &'a str,
    start: u32,
    end: u32,
    line: usize,
    column: usize,
}

/// `factlint facts --dates`: every date found, article by article, with what
/// it resolved to — for checking how rules read an article's dates.
pub fn render_dates(run: &Run, json: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let mut dates: Vec<&crate::model::fact::DateFact> = run
        .reported_facts()
        .filter_map(|f| match f {
            Fact::Date(date) => Some(date),
            _ => None,
        })
        .collect();
    dates.sort_by_key(|d| (run.db.name(d.span.file).to_string(), d.span.start));
    let mut current = None;
    for date in dates {
        let Some(file) = run.db.get(date.span.file) else {
            continue;
        };
        let (line, column) = file.line_column(date.span.start as usize);
        let text = file.text.get(date.span.range()).unwrap_or("");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if json {
            let record = DateLine {
                path: &file.name,
                text: &text,
                resolved: &date.value,
                start: date.span.start,
                end: date.span.end,
                line,
                column,
            };
            super::write_json(out, &record, false)?;
            writeln!(out)?;
            continue;
        }
        if current != Some(date.span.file) {
            writeln!(out, "{}", file.name)?;
            current = Some(date.span.file);
        }
        writeln!(out, "  {:>4}:{:<4} {:<24} {}", line, column, text, date.value)?;
    }
    Ok(())
}
