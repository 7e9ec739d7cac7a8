//! Rules and knowledge: loading every `*.toml` under the rule roots into a
//! validated [`RuleSet`].
//!
//! Loading is two-staged (as in ast-grep): serde reads the flat schema in
//! [`raw`], then [`compile`] validates it and builds regexes and matchers.
//! Every error in every file is collected, each pointing at its TOML span, so
//! a rule author sees all mistakes in one run.

pub mod cases;
pub mod compile;
pub mod knowledge;
pub mod raw;
pub mod registry;

use knowledge::{people, places};

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::diagnostic::Diagnostic;
use crate::model::source::SourceDb;
use crate::model::span::Span;

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

pub use crate::model::toml_error::{RULE_FILE_ERROR, duplicate, error, plain_error, toml_error};

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
    let files = rule_files(roots).map_err(|message| vec![plain_error(message)])?;
    let mut errors = Vec::new();
    let mut texts = Vec::new();
    for path in files {
        match std::fs::read_to_string(&path) {
            Ok(text) => texts.push((path, text)),
            Err(error) => errors.push(plain_error(format!(
                "cannot read rule file `{}`: {error}",
                path.display()
            ))),
        }
    }
    let loaded = load_texts(texts, db);
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
    for (path, text) in texts {
        let file = db.add(path, text);
        let text = db.get(file).map_or("", |f| f.text.as_str());
        match toml::from_str::<raw::RawRuleFile>(text) {
            Ok(raw) => raw_files.push((file, raw)),
            Err(error) => errors.push(toml_error(file, &error)),
        }
    }
    let mut rules = RuleSet::default();
    let mut first_definition: BTreeMap<String, Span> = BTreeMap::new();
    let mut knowledge = people::RawKnowledge::default();
    let mut raw_places = Vec::new();
    for (file, raw) in raw_files {
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

/// Loads one rule file written in a test, panicking on any error.
#[cfg(test)]
pub(crate) fn load_for_test(toml_text: &str) -> RuleSet {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("rules.toml"), toml_text).expect("write the rule file");
    let mut db = SourceDb::new();
    load(&[dir.path().to_path_buf()], &mut db).unwrap_or_else(|e| panic!("{e:?}"))
}
