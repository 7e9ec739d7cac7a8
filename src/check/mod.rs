//! Running the checks: each article on its own (in parallel), then the facts
//! of the whole corpus together.
//!
//! One file per check kind. A kind registers the phrases it looks for in the
//! shared [`PhraseMatcher`], receives the hits for its rules, and may leave
//! facts for its corpus-wide part.

pub mod date;
pub mod place;
pub mod term;
pub mod title;

use crate::article::Article;
use crate::model::diagnostic::Diagnostic;
use crate::model::fact::Fact;
use crate::rules::{CheckKind, RuleSet};
use crate::text::phrase::{Hit, PhraseMatcher, PhraseMatcherBuilder};

/// Who asked the phrase matcher for a phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// Literal variant `variant` of the term check at index `check`.
    Term { check: u32, variant: u32 },
    /// A way of writing the name of person `person` of the knowledge.
    Person { person: u32, form: title::NameForm },
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

/// The enabled checks of a rule set, with the phrase matcher built from them.
pub struct Checker<'r> {
    pub rules: &'r RuleSet,
    matcher: PhraseMatcher<Owner>,
    /// Whether to describe every date found as a fact (`factlint facts
    /// --dates`); a check run does not need them.
    date_facts: bool,
}

impl<'r> Checker<'r> {
    pub fn new(rules: &'r RuleSet) -> Checker<'r> {
        let mut builder = PhraseMatcherBuilder::default();
        for (index, check) in rules.checks.iter().enumerate() {
            if !check.meta.enabled {
                continue;
            }
            if let CheckKind::Term(term) = &check.kind {
                term::register(u32::try_from(index).unwrap_or(u32::MAX), term, &mut builder);
            }
        }
        let enabled = |kind: fn(&CheckKind) -> bool| rules.checks.iter().any(|c| c.meta.enabled && kind(&c.kind));
        // Places need people's names too: "Nursultan Nazarbayev" is a man.
        if enabled(|k| matches!(k, CheckKind::Title(_) | CheckKind::Place(_))) {
            title::register(&rules.knowledge, &mut builder);
        }
        if enabled(|k| matches!(k, CheckKind::Place(_))) {
            place::register(&rules.places, &mut builder);
        }
        Checker {
            rules,
            matcher: builder.build(),
            date_facts: false,
        }
    }

    /// Also describe every date found as a fact, for `factlint facts --dates`.
    pub fn with_date_facts(mut self) -> Checker<'r> {
        self.date_facts = true;
        self
    }

    /// Every phrase of every enabled check in the article's prose: the one
    /// automaton scan [`Checker::check_article`] starts with (public for the
    /// stage timings of `examples/stages.rs`).
    pub fn phrases(&self, article: &Article) -> Vec<Hit<Owner>> {
        self.matcher.find(&article.prose)
    }

    /// Checks one article: one scan of its prose for every phrase, then each
    /// kind's judgement of its hits.
    pub fn check_article(&self, article: &Article) -> ArticleOutcome {
        let hits = self.phrases(article);
        let mut outcome = ArticleOutcome::default();
        term::check_article(self.rules, article, &hits, &mut outcome);
        title::check_article(self.rules, article, &hits, &mut outcome);
        date::check_article(self.rules, article, self.date_facts, &mut outcome);
        place::check_article(self.rules, article, &hits, &mut outcome);
        outcome
    }

    /// The corpus-wide checks over the facts of every article.
    pub fn check_corpus(
        &self,
        facts: &[Fact],
        text_of: &dyn Fn(crate::model::span::Span) -> String,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = term::check_corpus(self.rules, facts, text_of);
        diagnostics.extend(title::check_corpus(self.rules, facts, text_of));
        diagnostics.extend(place::check_corpus(self.rules, facts, text_of));
        diagnostics
    }
}
