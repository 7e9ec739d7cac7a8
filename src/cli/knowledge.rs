//! `factlint knowledge import` and `factlint knowledge show`: bringing
//! officeholders in from Wikidata, and seeing what the merged knowledge
//! knows of one person.

use std::io::{BufRead, Read, Write};
use std::path::Path;

use super::{EXIT_CLEAN, ImportArgs, ShowArgs, load, options};
use crate::model::error::Error;
use crate::rules::knowledge::import::{self, Format, Imported};
use crate::rules::knowledge::people::{self, Knowledge, Person};

/// Opens an input (`-` is standard input).
fn open(path: &Path) -> Result<Box<dyn BufRead>, Error> {
    if path == Path::new("-") {
        return Ok(Box::new(std::io::BufReader::new(std::io::stdin())));
    }
    let file = std::fs::File::open(path).map_err(|e| usage(format!("cannot read `{}`: {e}", path.display())))?;
    Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, file)))
}

fn usage(message: String) -> Error {
    Error::Usage {
        message,
        help: Vec::new(),
    }
}

/// Reads one input into `imported`, in its format.
fn read_input(path: &Path, format: Option<Format>, office: Option<&str>, imported: &mut Imported) -> Result<(), Error> {
    let mut reader = open(path)?;
    let start = String::from_utf8_lossy(reader.fill_buf().map_err(Error::Io)?).into_owned();
    let format = format.unwrap_or_else(|| Format::guess(&path.to_string_lossy(), &start));
    let at = |message: String| usage(format!("{}: {message}", path.display()));
    match format {
        Format::Dump => imported.read_dump(reader).map_err(at),
        Format::Csv => imported.read_csv(reader).map_err(at),
        Format::Entities | Format::Sparql => {
            let mut text = String::new();
            reader
                .read_to_string(&mut text)
                .map_err(|e| at(format!("not UTF-8 text: {e}")))?;
            if format == Format::Sparql {
                imported.read_sparql(&text, office).map_err(at)
            } else {
                imported.read_entities(&text).map_err(at)
            }
        }
    }
}

/// `factlint knowledge import`.
pub fn import(args: ImportArgs) -> Result<i32, Error> {
    let session = load(options(&args.sources), args.sources.color)?;
    let knowledge = &session.rules.knowledge;
    let mut imported = Imported::default();
    for path in &args.files {
        read_input(path, args.from, args.office.as_deref(), &mut imported)?;
    }
    // Names the inputs leave out come from the loaded knowledge (the
    // world layer knows twenty thousand officials by Q-id).
    let name_of = |qid: &str| {
        let person = knowledge.people.iter().find(|p| p.wikidata.as_deref() == Some(qid));
        let office = knowledge.offices.iter().find(|o| o.wikidata.as_deref() == Some(qid));
        person.map(|p| p.name.clone()).or(office.map(|o| o.name.clone()))
    };
    let keep_office = |name: &str| !knowledge.titles.parse_uncached(name).is_empty();
    let resolved = imported.resolve(&name_of, &keep_office);
    let known_until = args
        .known_until
        .or(imported.modified)
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let inputs: Vec<String> = args
        .files
        .iter()
        .map(|p| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
    let note = format!(
        "Wikidata \"position held\" (P39), CC0; imported from {}",
        inputs.join(", ")
    );
    let text = import::to_toml(&resolved, "Wikidata", Some(known_until), &note);
    match &args.output {
        Some(path) => super::write_whole(path, "knowledge file", |out| out.write_all(text.as_bytes()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "imported {} people and {} offices ({} deprecated statements skipped, {} people without an English name and {} offices whose name is no title left out)",
        resolved.people.len(),
        resolved.offices.len(),
        resolved.deprecated,
        resolved.unnamed.len(),
        resolved.offices_left_out.len()
    )?;
    Ok(EXIT_CLEAN)
}

/// `factlint knowledge show`.
pub fn show(args: ShowArgs) -> Result<i32, Error> {
    let session = load(options(&args.sources), args.sources.color)?;
    let knowledge = &session.rules.knowledge;
    let wanted = args.name.as_str();
    let found: Vec<&Person> = knowledge
        .people
        .iter()
        .filter(|p| {
            p.id == wanted
                || p.wikidata.as_deref() == Some(wanted)
                || p.name == wanted
                || p.spellings.iter().chain(&p.aliases).any(|n| n == wanted)
        })
        .collect();
    if found.is_empty() {
        return Err(Error::Usage {
            message: format!("the knowledge knows no person `{wanted}`"),
            help: vec!["give a full name as written in the knowledge, a record id or a Wikidata Q-id".to_string()],
        });
    }
    let mut out = std::io::stdout().lock();
    for (i, person) in found.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        out.write_all(describe(knowledge, person).as_bytes())?;
    }
    Ok(EXIT_CLEAN)
}

/// A person's merged record as `knowledge show` prints it.
pub fn describe(knowledge: &Knowledge, person: &Person) -> String {
    let mut text = format!("{} ({})\n", person.name, person.id);
    if let Some(item) = &person.wikidata {
        text.push_str(&format!("  wikidata: {item}\n"));
    }
    let names: Vec<&str> = person
        .spellings
        .iter()
        .chain(&person.aliases)
        .map(String::as_str)
        .collect();
    if !names.is_empty() {
        text.push_str(&format!("  also written: {}\n", names.join(", ")));
    }
    if !person.short.is_empty() {
        text.push_str(&format!("  short forms: {}\n", person.short.join(", ")));
    }
    match person.known_until {
        Some(until) => text.push_str(&format!("  known until: {until} (nothing is judged of later dates)\n")),
        None => text.push_str("  known until: always (a rule file has a part in it)\n"),
    }
    text.push_str("  offices:\n");
    for tenure in &person.tenures {
        let Some(office) = knowledge.offices.get(tenure.office) else {
            continue;
        };
        let item = office.wikidata.as_ref().map(|q| format!(", {q}")).unwrap_or_default();
        let until = tenure
            .known_until
            .map(|k| format!(", open terms known to {k}"))
            .unwrap_or_default();
        text.push_str(&format!(
            "    {} — {} [{}{item}{until}]\n",
            office.name,
            tenure.describe(),
            office.origin
        ));
    }
    text.push_str("  from:\n");
    for (file, what) in people::origins_of(person) {
        text.push_str(&format!("    {file}: {what}\n"));
    }
    text.push_str(&format!("  layer: {}\n", person.layer.describe()));
    text
}
