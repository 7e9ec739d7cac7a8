//! `place-*` checks: the right name for the date, the right spelling, the
//! right country, and one spelling per unknown place across the corpus.
//!
//! Place names are found by the shared phrase matcher. A found name is left
//! alone when it is part of a longer proper name ("The Astana Times", "FC
//! Astana", a `not-the-place` entry), part of a person's name ("Nursultan
//! Nazarbayev"), or in a historical mention ("Nur-Sultan (now Astana)",
//! "formerly", "renamed", or a sentence that names a year when the name was
//! right: "Xi proposed the initiative in Astana in 2013").

mod candidates;
mod corpus;
mod extract;
mod judge;

pub mod rule;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::{Active, ArticleInput, ArticleOutcome, Owner};
use crate::article::Article;
use crate::model::diagnostic::{Diagnostic, Label, plural};
use crate::model::fact::{Fact, KnownPlaceFact, PlaceFact};
use crate::model::fix::{Applicability, Fix};
use crate::model::span::Span;
use crate::rules::knowledge::gazetteer;
use crate::rules::knowledge::places::{Place, Places};
use crate::rules::{Check, RuleSet};
use crate::text::case::match_case;
use crate::text::phrase::{Hit, PhraseMatcherBuilder};
use crate::text::quote;
use crate::text::ranges::RangeSet;
use crate::text::words::CAPITALISED_FUNCTION_WORDS;
use rule::{PlaceJudgement, PlaceRule};

pub use corpus::{check_corpus, skeleton};
use extract::*;
use judge::*;

/// How a place's name is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceForm {
    /// One of its names (index into `names`).
    Name(u32),
    /// One of its other spellings (index into `spellings`).
    Spelling(u32),
    /// A longer proper name that contains the place's name.
    NotThePlace,
}

pub fn register(places: &Places, builder: &mut PhraseMatcherBuilder<Owner>) {
    for (index, place) in places.places.iter().enumerate() {
        let place_index = u32::try_from(index).unwrap_or(u32::MAX);
        let mut seen = BTreeSet::new();
        for (i, name) in place.names.iter().enumerate() {
            if seen.insert(name.name.clone()) {
                let form = PlaceForm::Name(u32::try_from(i).unwrap_or(u32::MAX));
                builder.add(
                    &name.name,
                    Owner::Place {
                        place: place_index,
                        form,
                    },
                    false,
                    true,
                );
            }
        }
        for (i, (spelling, _)) in place.spellings.iter().enumerate() {
            let form = PlaceForm::Spelling(u32::try_from(i).unwrap_or(u32::MAX));
            builder.add(
                spelling,
                Owner::Place {
                    place: place_index,
                    form,
                },
                false,
                true,
            );
        }
        for name in &place.not_the_place {
            builder.add(
                name,
                Owner::Place {
                    place: place_index,
                    form: PlaceForm::NotThePlace,
                },
                false,
                true,
            );
        }
    }
}

/// Words in a sentence that mark a mention of a place's earlier name as
/// historical.
const HISTORICAL: &[&str] = &[
    "renamed",
    "rename",
    "renaming",
    "formerly",
    "former name",
    "old name",
    "previously",
    "then called",
    "then known",
    "then-named",
    "was called",
    "was known as",
    "were called",
    "now called",
    "now known",
    "(now",
    ", now",
    "until it was",
];

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").expect("static regex"));

/// A place named in the article.
struct Found<'p> {
    index: usize,
    place: &'p Place,
    form: PlaceForm,
    range: Range<usize>,
}

/// Judges the place names of one article by each enabled place check, and
/// leaves the places the knowledge does not know as facts for
/// [`check_corpus`].
/// The fact of a known place's mention: the name it stands for (a
/// spelling, the name it spells), for the report's timelines.
fn mention(article: &Article, place: &Found<'_>, date: Option<chrono::NaiveDate>) -> Option<Fact> {
    let name = match place.form {
        PlaceForm::Name(name) => &place.place.names.get(name as usize)?.name,
        PlaceForm::Spelling(spelling) => &place.place.spellings.get(spelling as usize)?.1,
        PlaceForm::NotThePlace => return None,
    };
    Some(Fact::KnownPlace(KnownPlaceFact {
        place: u32::try_from(place.index).unwrap_or(u32::MAX),
        name: name.clone(),
        span: article.span(place.range.clone()),
        date,
    }))
}

pub fn check_article(checks: &[Active<'_, PlaceRule>], input: &ArticleInput<'_>, outcome: &mut ArticleOutcome) {
    if checks.is_empty() {
        return;
    }
    let (article, hits, rules) = (input.article, input.hits, input.rules);
    let check_for = |judgement: PlaceJudgement| checks.iter().find(|a| a.rule.judgement == judgement).map(|a| a.check);
    let places = &rules.places;
    // Ranges that are something else: longer proper names and people.
    let taken = RangeSet::new(
        hits.iter()
            .filter(|h| {
                matches!(
                    h.owner,
                    Owner::Place {
                        form: PlaceForm::NotThePlace,
                        ..
                    } | Owner::Person { .. }
                        | Owner::Namesakes { .. }
                )
            })
            .map(|h| h.range.clone()),
    );
    let found: Vec<Found> = hits
        .iter()
        .filter_map(|hit| match hit.owner {
            Owner::Place { place, form } if form != PlaceForm::NotThePlace => Some(Found {
                index: place as usize,
                place: places.places.get(place as usize)?,
                form,
                range: hit.range.clone(),
            }),
            _ => None,
        })
        .filter(|f| !taken.overlaps(&f.range))
        .filter(|f| in_dateline(article, &f.range) || !inside_proper_name(article, &f.range))
        .collect();

    let date = article.as_of();
    for place in &found {
        let text = &article.text[place.range.clone()];
        if input.place_facts
            && let Some(fact) = mention(article, place, date)
        {
            outcome.facts.push(fact);
        }
        match place.form {
            PlaceForm::Name(name) => {
                let Some(name) = place.place.names.get(name as usize) else {
                    continue;
                };
                if let (Some(check), Some(date)) = (check_for(PlaceJudgement::NameOutdated), date)
                    && !place.place.name_valid_on(&name.name, date)
                    && !is_historical(article, &place.range, place.place, &name.name)
                    && let Some(right) = place.place.name_on(date)
                {
                    outcome
                        .diagnostics
                        .push(outdated(check, article, place, text, &name.name, right, date));
                }
            }
            PlaceForm::Spelling(spelling) => {
                let Some((_, target)) = place.place.spellings.get(spelling as usize) else {
                    continue;
                };
                let right_now = date.and_then(|d| place.place.name_on(d));
                match (right_now, date) {
                    (Some(right), Some(date)) if !place.place.name_valid_on(target, date) => {
                        if let Some(check) = check_for(PlaceJudgement::NameOutdated)
                            && !is_historical(article, &place.range, place.place, target)
                        {
                            outcome
                                .diagnostics
                                .push(outdated(check, article, place, text, target, right, date));
                        }
                    }
                    _ => {
                        if let Some(check) = check_for(PlaceJudgement::Spelling)
                            && !spelt_as_of_its_time(article, &place.range, date)
                        {
                            outcome
                                .diagnostics
                                .push(spelling_diagnostic(check, article, place, text, target));
                        }
                    }
                }
            }
            PlaceForm::NotThePlace => {}
        }
    }
    if let Some(check) = check_for(PlaceJudgement::WrongCountry) {
        outcome
            .diagnostics
            .extend(wrong_country(check, article, places, &found, date));
        outcome
            .diagnostics
            .extend(gazetteer_wrong_country(check, article, places, &found));
    }
    if check_for(PlaceJudgement::Inconsistent).is_some() {
        unknown_places(rules, article, hits, outcome);
    }
}

fn in_dateline(article: &Article, range: &Range<usize>) -> bool {
    article
        .dateline
        .as_ref()
        .is_some_and(|d| d.range.start <= range.start && range.end <= d.range.end)
}

/// The word right before or after `range`, if only a space separates them.
fn neighbour_words<'t>(text: &'t str, range: &Range<usize>) -> (Option<&'t str>, Option<&'t str>) {
    let before = text[..range.start].strip_suffix(' ').map(|b| {
        let start = b
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        &b[start..]
    });
    let after = text[range.end..].strip_prefix(' ').map(|a| {
        let end = a.find(|c: char| !(c.is_alphanumeric() || c == '-')).unwrap_or(a.len());
        &a[..end]
    });
    (before.filter(|w| !w.is_empty()), after.filter(|w| !w.is_empty()))
}

/// "The Astana Times", "Astana International Financial Centre", "FC
/// Astana": a capitalised word right after the name, or a capitalised word
/// (not a function word) right before it, makes it part of a longer name.
fn inside_proper_name(article: &Article, range: &Range<usize>) -> bool {
    let (before, after) = neighbour_words(&article.prose, range);
    let capitalised_name = |w: &str| {
        w.starts_with(char::is_uppercase)
            && !CAPITALISED_FUNCTION_WORDS.contains(&w.to_lowercase().trim_end_matches('.'))
    };
    let abbreviation = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    after.is_some_and(capitalised_name)
        || before.is_some_and(|w| abbreviation(w) || (capitalised_name(w) && !w.ends_with('.')))
        || names_an_institution(&article.prose, range)
}

/// Institutions keep the names they were founded with: "Peking University",
/// "Peking and Xiamen Universities", "Peking duck", "Peking Opera". A place
/// name followed, within its phrase, by such a word is part of a name.
fn names_an_institution(prose: &str, range: &Range<usize>) -> bool {
    const INSTITUTIONS: &[&str] = &["university", "universities", "college", "opera", "duck"];
    for word in prose[range.end..].split_whitespace().take(3) {
        let bare = word.trim_end_matches(['.', ',', ';', ':']);
        if INSTITUTIONS.contains(&bare.to_lowercase().as_str()) {
            return true;
        }
        if bare.len() != word.len() {
            return false; // the phrase ends here
        }
    }
    false
}

/// A mention of an earlier name as history: a marker in the sentence, or a
/// year in the sentence when the name was right.
fn is_historical(article: &Article, range: &Range<usize>, place: &Place, name: &str) -> bool {
    let sentence = article.sentence_near(range.clone());
    let text = &article.prose[sentence];
    let lower = text.to_lowercase();
    if HISTORICAL.iter().any(|marker| lower.contains(marker)) {
        return true;
    }
    YEAR.find_iter(text)
        .filter_map(|m| m.as_str().parse::<i32>().ok())
        .any(|year| place.names.iter().any(|n| n.name == name && n.valid_in_year(year)))
}

/// Whether a variant spelling at `range` is the speaker's or of its time:
/// inside quoted speech, or in a sentence that names an earlier year or a
/// historical marker ("in 1954 when I was in Peking"). Romanisations change
/// (Peking became Beijing in pinyin in 1979), and a sentence about an
/// earlier time may keep the spelling of that time.
fn spelt_as_of_its_time(article: &Article, range: &Range<usize>, date: Option<NaiveDate>) -> bool {
    if quote::in_quotation(&article.text, range.start) {
        return true;
    }
    let bounds = article.sentence_near(range.clone());
    let sentence = &article.text[bounds];
    let lower = sentence.to_lowercase();
    HISTORICAL.iter().any(|marker| lower.contains(marker))
        || date.is_some_and(|d| crate::text::sentence::names_earlier_year(sentence, chrono::Datelike::year(&d)))
}

#[cfg(test)]
mod tests;
