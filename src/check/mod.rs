//! Running the checks: each article on its own (in parallel), then the facts
//! of the whole corpus together.
//!
//! One folder per family of check kinds, each the same shape: `mod.rs` with
//! the entry points (`register`, `check_article`, `check_corpus`), `rule.rs`
//! with the compiled settings the registry builds, then the finding and
//! judging code and `tests.rs`. A family registers the phrases it looks for
//! in the shared [`PhraseMatcher`], receives the hits for its enabled checks
//! ([`Active`], split once per run by [`Enabled`]), and may leave facts for
//! its corpus-wide part. No family imports another: what two share lives in
//! `text/` or `model/`.

pub mod date;
pub mod place;
pub mod term;
pub mod title;

use crate::article::Article;
use crate::model::diagnostic::Diagnostic;
use crate::model::fact::Fact;
use crate::model::span::Span;
use crate::rules::registry::Family;
use crate::rules::{Check, CheckKind, RuleSet};
use crate::text::phrase::{Hit, PhraseMatcher, PhraseMatcherBuilder};
use crate::text::ranges::RangeSet;
use date::rule::DateRule;
use place::rule::PlaceRule;
use term::rule::TermRule;
use title::rule::TitleRule;

/// Who asked the phrase matcher for a phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// Literal variant `variant` of the term check at index `check`.
    Term { check: u32, variant: u32 },
    /// A way of writing the name of person `person` of the knowledge.
    Person { person: u32, form: title::NameForm },
    /// A full name of several people of the world layer (group `group` of
    /// the knowledge's namesakes): a person only where a title tells which.
    Namesakes { group: u32 },
    /// A role word ("Vice Premier", "spokeswoman"), for finding people the
    /// knowledge does not know.
    Role,
    /// A way of writing the name of place `place` of the knowledge.
    Place { place: u32, form: place::PlaceForm },
}

/// What checking one article produced.
#[derive(Debug, Default)]
pub struct ArticleOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub facts: Vec<Fact>,
}

/// What every kind's per-article pass reads.
pub struct ArticleInput<'a> {
    pub article: &'a Article,
    /// Every phrase of every enabled check found in the article's prose, by
    /// the one automaton scan, in text order.
    pub hits: &'a [Hit<Owner>],
    /// The knowledge (people, offices, events, places) the rules loaded.
    pub rules: &'a RuleSet,
    /// Whether to describe every date found as a fact (`factlint facts
    /// --dates`); a check run does not need them.
    pub date_facts: bool,
    /// Whether to describe every mention of a known place as a fact (the
    /// HTML report's timelines); a check run does not need them.
    pub place_facts: bool,
}

/// An enabled check of one family, with its compiled settings.
#[derive(Debug)]
pub struct Active<'r, R> {
    /// Its position in the rule set (what a term fact records).
    pub index: u32,
    pub check: &'r Check,
    pub rule: &'r R,
}

/// The enabled checks of a rule set, split by family once per run.
#[derive(Debug, Default)]
pub struct Enabled<'r> {
    pub terms: Vec<Active<'r, TermRule>>,
    pub titles: Vec<Active<'r, TitleRule>>,
    pub dates: Vec<Active<'r, DateRule>>,
    pub places: Vec<Active<'r, PlaceRule>>,
}

impl<'r> Enabled<'r> {
    pub fn new(rules: &'r RuleSet) -> Enabled<'r> {
        let mut enabled = Enabled::default();
        for (index, check) in rules.checks.iter().enumerate() {
            if !check.meta.enabled {
                continue;
            }
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            match &check.kind {
                CheckKind::Term(rule) => enabled.terms.push(Active { index, check, rule }),
                CheckKind::Title(rule) => enabled.titles.push(Active { index, check, rule }),
                CheckKind::Date(rule) => enabled.dates.push(Active { index, check, rule }),
                CheckKind::Place(rule) => enabled.places.push(Active { index, check, rule }),
            }
        }
        enabled
    }
}

/// The automaton over every phrase the enabled checks of `rules` look for:
/// built once per session, shared by every article's scan. An error is a
/// rule error: the phrases do not fit in one automaton.
pub fn phrase_matcher(rules: &RuleSet) -> Result<PhraseMatcher<Owner>, aho_corasick::BuildError> {
    let enabled = Enabled::new(rules);
    let mut builder = PhraseMatcherBuilder::default();
    term::register(&enabled.terms, &mut builder);
    // Places need people's names too: "Nursultan Nazarbayev" is a man.
    if !enabled.titles.is_empty() || !enabled.places.is_empty() {
        title::register(&rules.knowledge, &mut builder);
    }
    if !enabled.places.is_empty() {
        place::register(&rules.places, &mut builder);
    }
    builder.build()
}

/// The enabled checks of a rule set, with the phrase matcher built from them.
pub struct Checker<'r> {
    pub rules: &'r RuleSet,
    enabled: Enabled<'r>,
    matcher: &'r PhraseMatcher<Owner>,
    /// Whether to describe every date found as a fact (`factlint facts
    /// --dates`); a check run does not need them.
    date_facts: bool,
    /// Whether to describe every known place's mention as a fact.
    place_facts: bool,
}

impl<'r> Checker<'r> {
    /// The checker of `rules`, scanning with `matcher` (their
    /// [`phrase_matcher`]).
    pub fn new(rules: &'r RuleSet, matcher: &'r PhraseMatcher<Owner>) -> Checker<'r> {
        Checker {
            rules,
            enabled: Enabled::new(rules),
            matcher,
            date_facts: false,
            place_facts: false,
        }
    }

    /// Also describe every date found as a fact, for `factlint facts --dates`.
    pub fn with_date_facts(mut self) -> Checker<'r> {
        self.date_facts = true;
        self
    }

    /// Also describe every mention of a known place as a fact, for the
    /// timelines of the HTML report and the language server.
    pub fn with_place_facts(mut self) -> Checker<'r> {
        self.place_facts = true;
        self
    }

    /// Every phrase of every enabled check in the article's prose: the one
    /// automaton scan [`Checker::check_article`] starts with (public for the
    /// stage timings of `examples/stages.rs`).
    pub fn phrases(&self, article: &Article) -> Vec<Hit<Owner>> {
        self.matcher.find(&article.prose)
    }

    /// Checks one article: one scan of its prose for every phrase, then each
    /// family's judgement of its hits.
    pub fn check_article(&self, article: &Article) -> ArticleOutcome {
        let hits = self.phrases(article);
        let mut outcome = ArticleOutcome::default();
        // Notes about the article ("Correction: an earlier version misnamed
        // …") tell its history and may quote what was wrong: no claim of
        // the story's is in them. The date checks read them on their own
        // terms (a note's date is after publication by nature, and a day
        // that does not exist is still a typo).
        let mut notes: Option<RangeSet> = None;
        for family in Family::ALL {
            let (diagnostics, facts) = (outcome.diagnostics.len(), outcome.facts.len());
            self.check_family(family, article, &hits, &mut outcome);
            if family == Family::Date || (outcome.diagnostics.len() == diagnostics && outcome.facts.len() == facts) {
                continue;
            }
            let notes = notes.get_or_insert_with(|| crate::text::notes::note_paragraphs(&article.text));
            if notes.is_empty() {
                continue;
            }
            let in_note = |span: Span| notes.overlaps(&(span.start as usize..span.start as usize + 1));
            let kept: Vec<Diagnostic> = outcome
                .diagnostics
                .drain(diagnostics..)
                .filter(|d| !in_note(d.primary.span))
                .collect();
            outcome.diagnostics.extend(kept);
            let kept: Vec<Fact> = outcome.facts.drain(facts..).filter(|f| !in_note(f.span())).collect();
            outcome.facts.extend(kept);
        }
        outcome
    }

    /// One family's per-article pass over the phrase hits already found
    /// (public for the stage timings of `examples/stages.rs`).
    pub fn check_family(&self, family: Family, article: &Article, hits: &[Hit<Owner>], outcome: &mut ArticleOutcome) {
        let input = ArticleInput {
            article,
            hits,
            rules: self.rules,
            date_facts: self.date_facts,
            place_facts: self.place_facts,
        };
        let enabled = &self.enabled;
        match family {
            Family::Term => term::check_article(&enabled.terms, &input, outcome),
            Family::Title => title::check_article(&enabled.titles, &input, outcome),
            Family::Date => date::check_article(&enabled.dates, &input, outcome),
            Family::Place => place::check_article(&enabled.places, &input, outcome),
        }
    }

    /// The corpus-wide checks over the facts of every article.
    pub fn check_corpus(&self, facts: &[Fact], text_of: &dyn Fn(Span) -> String) -> Vec<Diagnostic> {
        let enabled = &self.enabled;
        let mut diagnostics = term::check_corpus(&enabled.terms, facts, text_of);
        diagnostics.extend(title::check_corpus(&enabled.titles, facts, text_of));
        diagnostics.extend(place::check_corpus(&enabled.places, facts, text_of));
        diagnostics
    }
}

/// The one single-article helper of the unit tests: `text` read as the
/// article `a.txt` with id `file`, checked with `rules` (every enabled
/// check).
#[cfg(test)]
pub(crate) fn check_for_test(rules: &RuleSet, file: crate::model::span::FileId, text: &str) -> ArticleOutcome {
    let loaded = crate::article::parse(file, std::path::Path::new("a.txt"), text.to_string());
    let matcher = phrase_matcher(rules).expect("the test rules' phrases build");
    let article = loaded.article.expect("a test article parses");
    Checker::new(rules, &matcher).check_article(&article)
}

/// The corpus-wide checks of the unit tests, as a run makes them: `texts`
/// checked as one corpus by a session with the rules `toml`; the
/// diagnostics of `rule`, each with the index of the text it is on.
#[cfg(test)]
pub(crate) fn check_corpus_for_test(toml: &str, texts: &[String], rule: &str) -> Vec<(usize, Diagnostic)> {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("rules.toml"), toml).expect("write the rule file");
    let options = crate::engine::Options {
        rules: vec![dir.path().to_path_buf()],
        no_default_rules: true,
        ..crate::engine::Options::default()
    };
    let session = crate::engine::Session::load(options).expect("the test rules load");
    let named = texts
        .iter()
        .enumerate()
        .map(|(i, text)| (format!("{i}.txt").into(), text.clone()));
    let run = session.check_texts(named.collect());
    run.diagnostics
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            let name = run.db.name(d.file());
            let index = name.trim_end_matches(".txt").parse().expect("a test article's name");
            (index, d)
        })
        .collect()
}
