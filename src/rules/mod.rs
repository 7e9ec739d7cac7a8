//! Rules and knowledge: loading every `*.toml` under the rule roots into a
//! validated [`RuleSet`].
//!
//! Loading is two-staged (as in ast-grep): serde reads the flat schema in
//! [`raw`], then [`compile`] validates it and builds regexes and matchers.
//! Every error in every file is collected, each pointing at its TOML span, so
//! a rule author sees all mistakes in one run.

pub mod builtin;
pub mod cases;
pub mod compile;
pub mod knowledge;
pub mod raw;
pub mod registry;

use knowledge::{people, places};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::diagnostic::Diagnostic;
use crate::model::source::SourceDb;
use crate::model::span::{FileId, Span};

pub use cases::{CaseArticle, Expect, TestCase};
pub use compile::RuleMeta;
pub use registry::{Check, CheckKind};

/// A hash set for the word lookups made for nearly every word of every
/// article (role words, past markers, office vocabulary): hashed with
/// foldhash, several times faster than the standard SipHash on short
/// words. Its resistance to hash flooding is not needed: the keys come
/// from the rule files, not from the articles.
pub type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
/// A hash map hashed as [`FastSet`] is.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

pub use crate::model::toml_error::{
    MISSING_FOLDER, RULE_FILE_ERROR, duplicate, error, plain_error, plain_error_as, toml_error,
};

/// The tests of one knowledge entry (`tests` of a `[[person]]`,
/// `[[office]]` or `[[place]]`), run by `factlint test` through the checks
/// of `family`.
#[derive(Debug)]
pub struct KnowledgeTests {
    /// `knowledge-person-xi-jinping`: its name in `factlint test` and its
    /// snapshot's file name.
    pub id: String,
    /// The rule-id prefix of the checks that judge it: `title-`, `place-`.
    pub family: &'static str,
    pub cases: Vec<TestCase>,
}

/// Every loaded check, in load order (file path, then position in file).
#[derive(Debug, Default)]
pub struct RuleSet {
    pub checks: Vec<Check>,
    /// People, offices and how titles are written.
    pub knowledge: people::Knowledge,
    pub places: places::Places,
    /// Knowledge that loads but contradicts itself ([`overlap`]): shown on
    /// stderr by every command, never fatal.
    pub warnings: Vec<Diagnostic>,
    /// The tests of knowledge entries, in load order.
    pub knowledge_tests: Vec<KnowledgeTests>,
    /// The rule files with `[[person]]`, `[[office]]` or `[[place]]`
    /// tables none of which has `tests` (`factlint test --strict` fails on
    /// them).
    pub untested_knowledge: Vec<String>,
}

impl RuleSet {
    pub fn get(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.meta.id == id)
    }
}

/// Lists the `*.toml` files under `roots`, sorted, each root's files in turn.
/// A root that is itself a file is taken as is.
pub fn rule_files(roots: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for root in roots {
        if root.is_file() {
            files.push(root.clone());
            continue;
        }
        if !root.is_dir() {
            return Err(format!("rule folder `{}` does not exist", root.display()));
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .hidden(true)
            .build()
        {
            let entry = entry.map_err(|e| format!("cannot read rule folder `{}`: {e}", root.display()))?;
            let path = entry.path();
            if entry.file_type().is_some_and(|t| t.is_file()) && path.extension().is_some_and(|e| e == "toml") {
                found.push(path.to_path_buf());
            }
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// Loads and validates every rule file under `roots`, adding each file to
/// `db` so errors can be rendered. Returns every error found, not just the
/// first.
pub fn load(roots: &[PathBuf], db: &mut SourceDb) -> Result<RuleSet, Vec<Diagnostic>> {
    load_layered(false, false, roots, db, &[])
}

/// Rule files read into memory: (path, text).
type RuleTexts = Vec<(PathBuf, String)>;

/// The texts of the rule files under `roots`, and an error for each that
/// cannot be read.
fn read_rule_files(
    roots: &[PathBuf],
    unsaved: &[(PathBuf, String)],
) -> Result<(RuleTexts, Vec<Diagnostic>), Vec<Diagnostic>> {
    let files = rule_files(roots).map_err(|message| vec![plain_error_as(MISSING_FOLDER, message)])?;
    let mut errors = Vec::new();
    let mut texts = Vec::new();
    for path in files {
        match crate::model::source::read_text(&path, unsaved) {
            Ok(text) => texts.push((path, text)),
            Err(error) => errors.push(plain_error(format!(
                "cannot read rule file `{}`: {error}",
                path.display()
            ))),
        }
    }
    Ok((texts, errors))
}

/// Loads the default rules (embedded, see [`builtin`]) when `defaults` is
/// set, then every rule file under `roots`: the layering of `--rules`,
/// `rule-paths` and `extend-default-rules`; `world` keeps the defaults'
/// world layer (`world-knowledge`). A rule file in `unsaved` is read from
/// there, as an editor holds it.
pub fn load_layered(
    defaults: bool,
    world: bool,
    roots: &[PathBuf],
    db: &mut SourceDb,
    unsaved: &[(PathBuf, String)],
) -> Result<RuleSet, Vec<Diagnostic>> {
    let (own, mut errors) = read_rule_files(roots, unsaved)?;
    let mut texts = if defaults { builtin::files() } else { Vec::new() };
    texts.extend(own);
    if !world {
        // The world layer's folder, embedded or a copy of it.
        let world_folder = Path::new("knowledge").join("world");
        texts.retain(|(path, _)| !path.parent().is_some_and(|folder| folder.ends_with(&world_folder)));
    }
    let loaded = load_texts(texts, db).map_err(|found| {
        // A copy of the default rules loaded on top of them: every id is
        // defined twice. Say once, on the first, how to replace the
        // defaults instead.
        let mut told = false;
        found
            .into_iter()
            .map(|error| {
                let again_in_defaults = error
                    .secondary
                    .iter()
                    .any(|l| builtin::is_builtin(db.name(l.span.file)));
                if error.message.starts_with("duplicate ") && again_in_defaults && !std::mem::replace(&mut told, true) {
                    error.with_note(
                        "help: this id is also in the default rules, which `--rules` and `rule-paths` add to; \
                         to replace the defaults with your own copy, pass `--no-default-rules` or set \
                         `extend-default-rules = false` in factlint.toml",
                    )
                } else {
                    error
                }
            })
            .collect::<Vec<_>>()
    });
    if errors.is_empty() {
        return loaded;
    }
    errors.extend(loaded.err().unwrap_or_default());
    Err(errors)
}

/// Loads rule files already read into memory, in the order given (the order
/// decides which duplicate is "first defined"). [`load`] reads the files and
/// calls this; the rule-file fuzz target calls it directly.
pub fn load_texts(texts: Vec<(PathBuf, String)>, db: &mut SourceDb) -> Result<RuleSet, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut raw_files = Vec::new();
    let mut knowledge = people::RawKnowledge::default();
    let world_copy = world_copy(&texts);
    for (path, text) in texts {
        let layer = knowledge_layer(&path);
        let name = path.display().to_string();
        let file = db.add(path, text);
        knowledge.layers.insert(
            file,
            people::FileLayer {
                layer,
                name,
                source: None,
            },
        );
        let text = db.get(file).map_or("", |f| f.text.as_str());
        let (raw, mut file_errors) = parse_rule_file(file, text);
        raw_files.extend(raw.map(|raw| (file, raw)));
        errors.append(&mut file_errors);
    }
    let mut rules = RuleSet::default();
    let mut first_definition: BTreeMap<String, Span> = BTreeMap::new();
    let mut raw_places = Vec::new();
    // The world layer comes with the default rules.
    let embedded = knowledge.layers.values().any(|l| l.layer == people::Layer::World);
    match world_layer(embedded, world_copy) {
        Ok(world) => knowledge.world = world,
        Err(message) => errors.push(plain_error(message)),
    }
    for (file, raw) in &raw_files {
        let (tests, entries) = knowledge_tests(*file, raw, &mut errors);
        // An imported file (`[source]`) is Wikidata's, not the author's: not
        // asked for tests.
        if entries > 0 && tests.is_empty() && raw.source.is_none() {
            rules.untested_knowledge.push(db.name(*file).to_string());
        }
        rules.knowledge_tests.extend(tests);
    }
    for (file, raw) in raw_files {
        if let Some(source) = &raw.source {
            let known_until = source
                .known_until
                .as_ref()
                .and_then(|k| people::compile_date(file, k, &mut errors));
            if let Some(layer) = knowledge.layers.get_mut(&file) {
                if layer.layer == people::Layer::Own {
                    layer.layer = people::Layer::Imported;
                }
                layer.source = Some(knowledge::world::SourceInfo {
                    name: source.name.get_ref().clone(),
                    known_until,
                });
            }
        }
        knowledge.titles.extend(raw.titles.map(|t| (file, t)));
        knowledge.offices.extend(raw.office.into_iter().map(|o| (file, o)));
        knowledge.people.extend(raw.person.into_iter().map(|p| (file, p)));
        knowledge.events.extend(raw.event.into_iter().map(|e| (file, e)));
        raw_places.extend(raw.place.into_iter().map(|p| (file, p)));
        for check in raw.check {
            let id_span = Span::new(file, check.get_ref().id.span());
            let id = check.get_ref().id.get_ref().clone();
            match compile::compile(file, check.into_inner()) {
                Ok(compiled) => {
                    if let Some(first) = first_definition.get(&id) {
                        errors.push(
                            duplicate("rule", &id, id_span, *first)
                                .with_note("help: every rule id must be unique across all rule files"),
                        );
                        continue;
                    }
                    first_definition.insert(id, id_span);
                    rules.checks.push(compiled);
                }
                Err(mut compile_errors) => errors.append(&mut compile_errors),
            }
        }
    }
    rules.knowledge = people::compile(knowledge, &mut errors, &mut rules.warnings);
    rules.places = places::compile(raw_places, &mut errors, &mut rules.warnings);
    for event in &rules.knowledge.events {
        for (place, span) in &event.between {
            if !rules.places.places.iter().any(|p| &p.id == place) {
                errors.push(error(*span, format!("no place `{place}`"), "not a `[[place]]` id"));
            }
        }
    }
    if errors.is_empty() {
        return Ok(rules);
    }
    errors.sort_by_key(|e| (db.name(e.file()).to_string(), e.primary.span.start));
    Err(errors)
}

/// The tests of the knowledge entries of one file, and how many entries
/// it has.
fn knowledge_tests(file: FileId, raw: &raw::RawRuleFile, errors: &mut Vec<Diagnostic>) -> (Vec<KnowledgeTests>, usize) {
    let mut found = Vec::new();
    let mut add = |kind: &str, family: &'static str, id: &str, tests: &[toml::Spanned<raw::RawKnowledgeTest>]| {
        let cases = cases::compile_knowledge(file, tests, errors);
        if !cases.is_empty() {
            found.push(KnowledgeTests {
                id: format!("knowledge-{kind}-{id}"),
                family,
                cases,
            });
        }
    };
    for person in &raw.person {
        let person = person.get_ref();
        add("person", "title-", person.id.get_ref(), &person.tests);
    }
    for office in &raw.office {
        let office = office.get_ref();
        add("office", "title-", office.id.get_ref(), &office.tests);
    }
    for place in &raw.place {
        let place = place.get_ref();
        add("place", "place-", place.id.get_ref(), &place.tests);
    }
    (found, raw.person.len() + raw.office.len() + raw.place.len())
}

/// The knowledge layer of a rule file by its path: the embedded world
/// layer's `[titles]` (`<builtin>/knowledge/world/`), the other embedded
/// files (the house's), and the newsroom's (a `[source]` table makes one
/// an import).
/// The table of a copy of the world layer's folder among the rule files
/// (the shipped `rules/` tested as one's own, `factlint test
/// --no-default-rules --rules rules`): read from beside them.
fn world_copy(texts: &[(PathBuf, String)]) -> Option<PathBuf> {
    texts
        .iter()
        .filter_map(|(path, _)| path.parent())
        .find(|folder| {
            folder.ends_with(Path::new("knowledge").join("world")) && !builtin::is_builtin(&folder.to_string_lossy())
        })
        .map(|folder| folder.join("officeholders.tsv"))
        .filter(|table| table.is_file())
}

/// The world layer: the embedded table when the default rules load it,
/// else the table of a copy of its folder, else none.
fn world_layer(embedded: bool, copy: Option<PathBuf>) -> Result<Option<knowledge::world::WorldLayer<'static>>, String> {
    if embedded {
        return knowledge::world::parse(knowledge::world::TEXT)
            .map(Some)
            .map_err(|message| format!("{}: {message}", knowledge::world::FILE_NAME));
    }
    let Some(table) = copy else { return Ok(None) };
    let text = crate::model::source::read_bounded(&table, crate::model::source::MAX_SETTINGS_BYTES)
        .map_err(|error| format!("{}: {error}", table.display()))?;
    // Read once a process: the layer borrows its text for the process's
    // life, as it does the embedded one.
    knowledge::world::parse(Box::leak(text.into_boxed_str()))
        .map(Some)
        .map_err(|message| format!("{}: {message}", table.display()))
}

fn knowledge_layer(path: &std::path::Path) -> people::Layer {
    let name = path.to_string_lossy();
    if !builtin::is_builtin(&name) {
        people::Layer::Own
    } else if path.starts_with(std::path::Path::new(builtin::PREFIX).join("knowledge").join("world")) {
        people::Layer::World
    } else {
        people::Layer::House
    }
}

/// The tables of a rule file, each with its span: where a table that does
/// not fit the schema lies, so that it can be set aside.
#[derive(serde::Deserialize)]
struct TableSpans {
    #[serde(default)]
    check: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    office: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    person: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    event: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    place: Vec<toml::Spanned<toml::Value>>,
}

/// How many broken tables of one file are set aside before giving up.
const MAX_BROKEN_TABLES: usize = 100;

/// Parses one rule file, reporting every table that does not fit the
/// schema, not only the first: a table with an error (a wrong type, an
/// unknown key) is reported and blanked out (its bytes made spaces, line
/// ends kept, so every span stays where it was), and the file parsed again,
/// until the rest parses. The rest is then compiled and checked as usual,
/// so one bad `[[person]]` does not hide the errors of the others. A TOML
/// syntax error stops the file: nothing after it can be read reliably.
fn parse_rule_file(file: crate::model::span::FileId, text: &str) -> (Option<raw::RawRuleFile>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut text = std::borrow::Cow::Borrowed(text);
    for _ in 0..MAX_BROKEN_TABLES {
        let parse_error = match toml::from_str::<raw::RawRuleFile>(&text) {
            Ok(raw) => return (Some(raw), errors),
            Err(error) => error,
        };
        errors.push(toml_error::<raw::RawRuleFile>(file, &text, &parse_error));
        let (Some(at), Ok(spans)) = (parse_error.span(), toml::from_str::<TableSpans>(&text)) else {
            return (None, errors);
        };
        // The span of an array-of-tables entry is its `[[header]]`; the
        // entry runs to the next header of the file.
        let header = [spans.check, spans.office, spans.person, spans.event, spans.place]
            .iter()
            .flatten()
            .map(toml::Spanned::span)
            .filter(|span| span.start <= at.start)
            .max_by_key(|span| span.start);
        let Some(header) = header else {
            return (None, errors);
        };
        let broken = header.start..next_header(&text, header.end);
        if broken.end <= at.start {
            return (None, errors);
        }
        // One space per byte (line ends kept): the blanked text keeps every
        // offset, so the errors found in it point into the file as written.
        // (One per character shifted every later error past a multibyte
        // character, off its place and off char boundaries: found by the
        // rule_load fuzz target.)
        let mut blanked = text.into_owned();
        let spaces: String = blanked[broken.clone()]
            .chars()
            .flat_map(|c| {
                let (fill, count) = if c == '\n' { ('\n', 1) } else { (' ', c.len_utf8()) };
                std::iter::repeat_n(fill, count)
            })
            .collect();
        blanked.replace_range(broken, &spaces);
        text = std::borrow::Cow::Owned(blanked);
    }
    (None, errors)
}

/// Where the next table header (`[name]` or `[[name]]` at the start of a
/// line) after byte `from` starts, or the end of `text`.
fn next_header(text: &str, from: usize) -> usize {
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let name = trimmed.strip_prefix("[[").or_else(|| trimmed.strip_prefix('['));
        if at > from && name.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_alphabetic())) {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// Loads one rule file written in a test, panicking on any error.
#[cfg(test)]
pub(crate) fn load_for_test(toml_text: &str) -> RuleSet {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("rules.toml"), toml_text).expect("write the rule file");
    let mut db = SourceDb::new();
    load(&[dir.path().to_path_buf()], &mut db).unwrap_or_else(|e| panic!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The errors of loading `text` as one rule file: (message, text at the
    /// label).
    fn errors_of(text: &str) -> Vec<(String, String)> {
        let mut db = SourceDb::default();
        let Err(errors) = load_texts(vec![(PathBuf::from("people.toml"), text.to_string())], &mut db) else {
            panic!("the file loads");
        };
        errors
            .into_iter()
            .map(|e| (e.message, text[e.primary.span.range()].to_string()))
            .collect()
    }

    /// One role and one office, for the people of the tests below.
    const OFFICE: &str = r#"
[titles]
roles = ["President"]

[[office]]
id = "x-president"
name = "President of X"
"#;

    /// An error after a broken table with multibyte text in it points at
    /// its own place: the broken table is blanked byte for byte.
    #[test]
    fn errors_after_a_broken_table_with_multibyte_text_keep_their_place() {
        let text = "[[check]]\nid = \"term-a\"\nkind = \"term\"\nbogus = \"→ “x” — é\"\n\n[[check]]\nid = \"term-b\"\nkind = \"term\"\nnope = 1\n";
        let errors = errors_of(text);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[1].1.starts_with("nope"), "{errors:?}");
    }

    /// An error toml gives no span for points at its line, not at line 1.
    #[test]
    fn a_recursion_limit_error_points_at_its_line() {
        let deep = vec!["k"; 300].join(".");
        let text = format!("# a comment\n\n[[check]]\nid = \"term-x\"\n\n{deep} = 1\n");
        let errors = errors_of(&text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].1.starts_with("k.k.k"), "{errors:?}");
    }

    #[test]
    fn a_variant_longer_than_a_phrase_is_a_rule_error() {
        let long = "word ".repeat(100_000);
        let text = format!(
            "[[check]]\nid = \"term-long\"\nkind = \"term\"\npreferred = \"x\"\nvariants = [\"{long}\", \"ok\"]\n"
        );
        let errors = errors_of(&text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, "variant of 500000 bytes");
        assert!(errors[0].1.starts_with("\"word word"));
    }

    #[test]
    fn every_error_of_a_file_at_once() {
        let text = &(OFFICE.to_string()
            + r#"
[[person]]
id = "a"
name = 5
offices = [{ office = "x-president", from = 2020-01-01 }]

[[person]]
id = "b"
name = "Bee"
offices = [{ office = "x-presidnt", from = 2020-12-01 }]

[[person]]
id = "c"
nmae = "Cee"
offices = [{ office = "x-president" }]

[[person]]
id = "d"
name = "Dee"
offices = [{ office = "x-president", from = "soon" }]
"#);
        let errors = errors_of(text);
        let labelled: Vec<&str> = errors.iter().map(|(_, at)| at.as_str()).collect();
        // A wrong type and an unknown key, each in its own table, and the
        // errors of the tables that parse: all in one run, in file order.
        assert_eq!(labelled, ["5", "\"x-presidnt\"", "nmae", "\"soon\""], "{errors:?}");
    }

    #[test]
    fn two_people_of_one_name_are_a_warning_naming_both() {
        let text = OFFICE.to_string()
            + r#"
[[person]]
id = "wang-yi-diplomat"
name = "Wang Yi"
offices = [{ office = "x-president", from = 2020-01-01 }]

[[person]]
id = "wang-yi-general"
name = "Wang Yi"
offices = [{ office = "x-president", from = 2010-01-01, to = 2011-01-01 }]
"#;
        let mut db = SourceDb::default();
        let rules = load_texts(vec![(PathBuf::from("people.toml"), text)], &mut db).expect("loads");
        let messages: Vec<&str> = rules.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            ["`Wang Yi` names two people: `wang-yi-diplomat` and `wang-yi-general`"]
        );
    }
}
