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

pub mod rule;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::{Active, ArticleInput, ArticleOutcome, Owner};
use crate::article::Article;
use crate::model::diagnostic::{Diagnostic, Label, plural};
use crate::model::fact::{Fact, PlaceFact};
use crate::model::fix::{Applicability, Fix};
use crate::model::span::Span;
use crate::rules::knowledge::places::{Place, Places};
use crate::rules::{Check, RuleSet};
use crate::text::case::match_case;
use crate::text::phrase::{Hit, PhraseMatcherBuilder};
use crate::text::sentence as tense;
use crate::text::words::CAPITALISED_FUNCTION_WORDS;
use rule::{PlaceJudgement, PlaceRule};

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
pub fn check_article(checks: &[Active<'_, PlaceRule>], input: &ArticleInput<'_>, outcome: &mut ArticleOutcome) {
    if checks.is_empty() {
        return;
    }
    let (article, hits, rules) = (input.article, input.hits, input.rules);
    let check_for = |judgement: PlaceJudgement| checks.iter().find(|a| a.rule.judgement == judgement).map(|a| a.check);
    let places = &rules.places;
    // Ranges that are something else: longer proper names and people.
    let taken: Vec<Range<usize>> = hits
        .iter()
        .filter(|h| {
            matches!(
                h.owner,
                Owner::Place {
                    form: PlaceForm::NotThePlace,
                    ..
                } | Owner::Person { .. }
            )
        })
        .map(|h| h.range.clone())
        .collect();
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
        .filter(|f| !taken.iter().any(|t| t.start < f.range.end && f.range.start < t.end))
        .filter(|f| in_dateline(article, &f.range) || !inside_proper_name(article, &f.range))
        .collect();

    let date = article.as_of();
    for place in &found {
        let text = &article.text[place.range.clone()];
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
                        if let Some(check) = check_for(PlaceJudgement::Spelling) {
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
}

/// A mention of an earlier name as history: a marker in the sentence, or a
/// year in the sentence when the name was right.
fn is_historical(article: &Article, range: &Range<usize>, place: &Place, name: &str) -> bool {
    let sentence = tense::sentence(&article.prose, &article.text, range.start);
    let text = &article.prose[sentence];
    let lower = text.to_lowercase();
    if HISTORICAL.iter().any(|marker| lower.contains(marker)) {
        return true;
    }
    YEAR.find_iter(text)
        .filter_map(|m| m.as_str().parse::<i32>().ok())
        .any(|year| place.names.iter().any(|n| n.name == name && n.valid_in_year(year)))
}

fn periods(place: &Place, name: &str) -> String {
    let periods: Vec<String> = place
        .names
        .iter()
        .filter(|n| n.name == name)
        .map(|n| match (&n.from, &n.to) {
            (Some(f), Some(t)) => format!("from {} to {}", f.text, t.text),
            (Some(f), None) => format!("since {}", f.text),
            (None, Some(t)) => format!("until {}", t.text),
            (None, None) => "always".to_string(),
        })
        .collect();
    periods.join(" and again ")
}

fn outdated(
    check: &Check,
    article: &Article,
    place: &Found,
    text: &str,
    name: &str,
    right: &str,
    date: NaiveDate,
) -> Diagnostic {
    let replacement = match_case(text, right);
    let span = article.span(place.range.clone());
    Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        format!("on {date}, the {} was called {right}, not {text}", place.place.kind),
        Label::new(span, format!("`{name}` was its name {}", periods(place.place, name))),
    )
    .with_note(format!(
        "help: write `{replacement}`; for a historical mention write e.g. \"{text} (now {right})\""
    ))
    .with_fix(Fix::replace(span, replacement, Applicability::Safe))
}

fn spelling_diagnostic(check: &Check, article: &Article, place: &Found, text: &str, target: &str) -> Diagnostic {
    let replacement = match_case(text, target);
    let span = article.span(place.range.clone());
    Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        format!("`{text}` is a variant spelling of `{target}`"),
        Label::new(span, format!("write `{replacement}`")),
    )
    .with_fix(Fix::replace(span, replacement, Applicability::Safe))
}

/// What the text says of a place: that it lies in, or is the capital of,
/// another.
enum Claim {
    In,
    CapitalOf,
}

static DEMONYM_CAPITAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,[ ](?:the[ ])?(?P<dem>[A-Z][a-z]+)[ ]capital\b").expect("static regex"));
static CAPITAL_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,[ ](?:the[ ])?capital[ ]of[ ](?:the[ ])?$").expect("static regex"));
static CITY_OF_DEMONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[Tt]he[ ](?P<dem>[A-Z][a-z]+)[ ]city[ ]of[ ]$").expect("static regex"));

fn wrong_country(
    check: &Check,
    article: &Article,
    places: &Places,
    found: &[Found],
    date: Option<NaiveDate>,
) -> Vec<Diagnostic> {
    let prose = &article.prose;
    let mut claims: Vec<(usize, usize, Range<usize>, Claim)> = Vec::new(); // (place, claimed container, its range, claim)
    for (i, x) in found.iter().enumerate() {
        if places.places[x.index].kind == "country" {
            continue;
        }
        let after = &prose[x.range.end..];
        // "X, the Kazakh capital"
        if let Some(c) = DEMONYM_CAPITAL.captures(after)
            && let (Some(dem), Some(y)) = (c.name("dem"), c.name("dem").and_then(|d| places.by_demonym(d.as_str())))
        {
            let range = x.range.end + dem.start()..x.range.end + c.get(0).map_or(dem.end(), |m| m.end());
            claims.push((i, y, range, Claim::CapitalOf));
        }
        // The next place found, and what stands between.
        let Some(y) = found.get(i + 1) else { continue };
        let between = &prose[x.range.end..y.range.start];
        let container = places.places[y.index].kind != "city";
        if !container {
            continue;
        }
        let rest = prose[y.range.end..].trim_start();
        let ends_phrase = rest.is_empty() || rest.starts_with(['.', ',', ';', ':', ')']) && !rest.starts_with(", and");
        let continues_list = rest.starts_with("and ") || rest.starts_with("or ");
        // "X in Y", or "X, Y" that ends a phrase and is not a list.
        let in_claim = (between == " in " || between == ", in ")
            || (between == ", " && ends_phrase && !after_list(prose, x.range.start));
        if CAPITAL_OF.is_match(between) {
            claims.push((i, y.index, y.range.clone(), Claim::CapitalOf));
        } else if in_claim && !continues_list {
            claims.push((i, y.index, y.range.clone(), Claim::In));
        }
    }
    // "the Chinese city of Almaty"
    for (i, x) in found.iter().enumerate() {
        if let Some(c) = CITY_OF_DEMONYM.captures(&prose[..x.range.start])
            && let Some(dem) = c.name("dem")
            && let Some(y) = places.by_demonym(dem.as_str())
        {
            claims.push((i, y, dem.range(), Claim::In));
        }
    }
    let mut diagnostics = Vec::new();
    for (i, y, y_range, claim) in claims {
        let x = &found[i];
        let x_name = &article.text[x.range.clone()];
        let y_place = &places.places[y];
        let y_name = y_place.current_name();
        let message = match claim {
            Claim::In => {
                if places.lies_in(x.index, y) {
                    continue;
                }
                let real = x.place.within.map_or("?", |w| places.places[w].current_name());
                format!("{x_name} is in {real}, not in {y_name}")
            }
            Claim::CapitalOf => {
                let is_capital = x.place.capital_of.iter().any(|c| c.of == y && c.valid_on(date));
                if is_capital {
                    continue;
                }
                let real: Vec<&str> = x
                    .place
                    .capital_of
                    .iter()
                    .filter(|c| c.valid_on(date))
                    .map(|c| places.places[c.of].current_name())
                    .collect();
                match real.first() {
                    Some(real) => format!("{x_name} is the capital of {real}, not of {y_name}"),
                    None => format!("{x_name} is not the capital of {y_name}"),
                }
            }
        };
        diagnostics.push(
            Diagnostic::new(
                &check.meta.id,
                check.meta.severity,
                message,
                Label::new(article.span(y_range), format!("not where {x_name} is")),
            )
            .with_secondary(Label::new(article.span(x.range.clone()), x_name.to_string())),
        );
    }
    diagnostics
}

/// Whether `start` follows a comma-separated list item ("Moscow, Beijing,
/// Kazakhstan"): then "X, Y" is a list, not "X in Y".
fn after_list(prose: &str, start: usize) -> bool {
    let before = prose[..start].trim_end();
    before.ends_with(',') || before.ends_with(" and") || before.ends_with(" between") || before.ends_with(" from")
}

/// Candidate names of places the knowledge does not know: "in Khorgos",
/// "Khorgos region", and the dateline's place.
fn unknown_places(rules: &RuleSet, article: &Article, hits: &[Hit<Owner>], outcome: &mut ArticleOutcome) {
    let known = |range: &Range<usize>| {
        hits.iter()
            .any(|h| h.range.start < range.end && range.start < h.range.end)
    };
    let titles = &rules.knowledge.titles;
    let mut candidates: Vec<Range<usize>> = Vec::new();
    // The place is the part after the first space ("in Xxxx") or before
    // it ("Xxxx region").
    for found in candidates::find(&article.prose) {
        let written = &article.prose[found.clone()];
        let Some(space) = written.find(' ') else {
            continue;
        };
        let name = if written.starts_with(|c: char| c.is_ascii_lowercase()) {
            found.start + space + 1..found.end
        } else {
            found.start..found.start + space
        };
        let word = &article.prose[name.clone()];
        let lower = word.to_lowercase();
        let next_capitalised = article.prose[name.end..]
            .strip_prefix(' ')
            .is_some_and(|a| a.starts_with(char::is_uppercase));
        if known(&name)
            || next_capitalised
            || CAPITALISED_FUNCTION_WORDS.contains(&lower.as_str())
            || titles.is_role_word(&lower)
            || titles.is_demonym(&lower)
            || rules.knowledge.vocabulary.contains(&lower)
        {
            continue;
        }
        candidates.push(name);
    }
    if let Some(dateline) = &article.dateline
        && !known(&dateline.place_range)
        && !dateline.place.contains(' ')
    {
        candidates.push(dateline.place_range.clone());
    }
    for range in candidates {
        let written = &article.text[range.clone()];
        outcome.facts.push(Fact::Place(PlaceFact {
            name: title_case(written),
            span: article.span(range),
        }));
    }
}

fn title_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut out = String::new();
    let mut upper_next = true;
    for c in lower.chars() {
        if upper_next {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        upper_next = c == '-';
    }
    out
}

/// A spelling's skeleton: lower case, common transliteration pairs folded,
/// vowels after the first letter dropped. "Urumqi" and "Urumchi" share
/// one; so do "Khorgos" and "Khorgas".
pub fn skeleton(name: &str) -> String {
    let lower: String = name.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    let folded = lower
        .replace("dzh", "j")
        .replace("kh", "h")
        .replace("zh", "j")
        .replace("sh", "s")
        .replace("ch", "c")
        .replace('q', "c")
        .replace('y', "i");
    let mut chars = folded.chars();
    let first: String = chars.next().into_iter().collect();
    first + &chars.filter(|c| !"aeiou".contains(*c)).collect::<String>()
}

/// Edit distance (Levenshtein) between two short strings.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// `place-inconsistent`: one unknown place spelt two ways across the corpus.
/// The spelling fewer articles use is reported (a tie is not: there is no
/// odd one out), with labels at the others' uses.
pub fn check_corpus(
    checks: &[Active<'_, PlaceRule>],
    facts: &[Fact],
    text_of: &dyn Fn(Span) -> String,
) -> Vec<Diagnostic> {
    let Some(check) = checks
        .iter()
        .find(|a| a.rule.judgement == PlaceJudgement::Inconsistent)
        .map(|a| a.check)
    else {
        return Vec::new();
    };
    // skeleton → spelling → uses
    let mut groups: BTreeMap<String, BTreeMap<&str, Vec<Span>>> = BTreeMap::new();
    for fact in facts {
        if let Fact::Place(place) = fact
            && place.name.chars().count() >= 5
        {
            groups
                .entry(skeleton(&place.name))
                .or_default()
                .entry(place.name.as_str())
                .or_default()
                .push(place.span);
        }
    }
    let articles = |spans: &[Span]| spans.iter().map(|s| s.file).collect::<BTreeSet<_>>().len();
    let mut diagnostics = Vec::new();
    for spellings in groups.values() {
        if spellings.len() < 2 {
            continue;
        }
        let mut ranked: Vec<(&str, &Vec<Span>)> = spellings.iter().map(|(k, v)| (*k, v)).collect();
        ranked.sort_by_key(|(name, spans)| {
            (
                std::cmp::Reverse(articles(spans)),
                std::cmp::Reverse(spans.len()),
                *name,
            )
        });
        let (majority, majority_spans) = ranked[0];
        for (minority, spans) in &ranked[1..] {
            let (a, b) = (minority.to_lowercase(), majority.to_lowercase());
            // "Pakistan"/"Pakistani", "German"/"Germany": a derived word, not
            // another spelling.
            let derived = a.starts_with(&b) || b.starts_with(&a);
            if articles(spans) == articles(majority_spans) || derived || distance(&a, &b) > 2 {
                continue;
            }
            for &span in spans.iter() {
                let found = text_of(span);
                let mut diagnostic = Diagnostic::new(
                    &check.meta.id,
                    check.meta.severity,
                    format!(
                        "`{found}` is spelt `{majority}` in {} of this corpus",
                        plural(articles(majority_spans), "other article")
                    ),
                    Label::new(span, format!("the corpus mostly writes `{majority}`")),
                );
                for &other in majority_spans.iter().filter(|s| s.file != span.file).take(3) {
                    diagnostic = diagnostic.with_secondary(Label::new(other, format!("`{majority}` here")));
                }
                diagnostics.push(diagnostic.with_note("help: pick one spelling for the whole corpus, or add the place to the knowledge with its preferred name"));
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests;
