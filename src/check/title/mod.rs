//! `title-*` checks: officials' titles as of each article's date.
//!
//! Per article: find the people (known names, short forms after a full
//! mention, unknown people introduced with a title), the titles attached to
//! them ([`extract`]), and judge each title of a known person against the
//! offices they held (`title-mismatch`, `title-not-held`). Every title
//! becomes a [`TitleFact`]; across the corpus, the titles of people the
//! knowledge does not know are compared (`title-inconsistent`).

pub mod extract;
pub mod rule;

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use chrono::NaiveDate;

use super::{Active, ArticleInput, ArticleOutcome, Owner};
use crate::article::Article;
use crate::model::diagnostic::{Diagnostic, Label};
use crate::model::fact::{Fact, PersonRef, TitleFact};
use crate::model::fix::{Applicability, Fix};
use crate::rules::Check;
use crate::rules::knowledge::people::{Knowledge, Person, Tenure};
use crate::text::phrase::{Hit, PhraseMatcherBuilder};
use extract::{Lexicon, TitleFinder};
use rule::{TitleJudgement, TitleRule};

/// How a known person's name is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameForm {
    Preferred,
    /// An accepted other spelling of the full name.
    Spelling(u32),
    /// A short form, valid only after a full mention.
    Short,
}

pub fn register(knowledge: &Knowledge, builder: &mut PhraseMatcherBuilder<Owner>) {
    for (index, person) in knowledge.people.iter().enumerate() {
        let person_index = u32::try_from(index).unwrap_or(u32::MAX);
        builder.add(
            &person.name,
            Owner::Person {
                person: person_index,
                form: NameForm::Preferred,
            },
            true,
            true,
        );
        for (i, spelling) in person.spellings.iter().enumerate() {
            let form = NameForm::Spelling(u32::try_from(i).unwrap_or(u32::MAX));
            builder.add(
                spelling,
                Owner::Person {
                    person: person_index,
                    form,
                },
                true,
                true,
            );
        }
        for short in &person.short {
            builder.add(
                short,
                Owner::Person {
                    person: person_index,
                    form: NameForm::Short,
                },
                true,
                true,
            );
        }
    }
    for role in knowledge.titles.role_phrases() {
        builder.add(&role, Owner::Role, false, true);
    }
}

/// A person named in the article.
struct Mention {
    person: PersonRef,
    range: Range<usize>,
    form: NameForm,
}

/// The enabled title check making `judgement`, if any.
fn enabled<'r>(checks: &[Active<'r, TitleRule>], judgement: TitleJudgement) -> Option<&'r Check> {
    checks.iter().find(|a| a.rule.judgement == judgement).map(|a| a.check)
}

/// Known-person mentions in text order, with short forms kept only after a
/// full mention of the same person and only when no other person mentioned
/// so far shares the short form.
fn known_mentions(hits: &[Hit<Owner>]) -> Vec<Mention> {
    let mut full: Vec<Mention> = Vec::new();
    let mut shorts: Vec<(u32, Range<usize>)> = Vec::new();
    for hit in hits {
        if let Owner::Person { person, form } = hit.owner {
            match form {
                NameForm::Short => shorts.push((person, hit.range.clone())),
                _ => full.push(Mention {
                    person: PersonRef::Known(person),
                    range: hit.range.clone(),
                    form,
                }),
            }
        }
    }
    // A full name also matches shorter full names inside it; keep the longest.
    full.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    let mut mentions: Vec<Mention> = Vec::new();
    for mention in full {
        if mentions.last().is_none_or(|last| mention.range.start >= last.range.end) {
            mentions.push(mention);
        }
    }
    let mut resolved = Vec::new();
    for (person, range) in shorts {
        if mentions
            .iter()
            .any(|m| m.range.start < range.end && range.start < m.range.end)
        {
            continue;
        }
        let introduced: HashSet<u32> = mentions
            .iter()
            .filter(|m| m.range.end <= range.start)
            .filter_map(|m| match m.person {
                PersonRef::Known(p) => Some(p),
                PersonRef::Unknown(_) => None,
            })
            .collect();
        let short_text_owners = hits
            .iter()
            .filter(|h| h.range == range)
            .filter_map(|h| match h.owner {
                Owner::Person {
                    person,
                    form: NameForm::Short,
                } => Some(person),
                _ => None,
            })
            .filter(|p| introduced.contains(p))
            .count();
        if introduced.contains(&person) && short_text_owners == 1 {
            resolved.push(Mention {
                person: PersonRef::Known(person),
                range,
                form: NameForm::Short,
            });
        }
    }
    mentions.extend(resolved);
    mentions.sort_by_key(|m| m.range.start);
    mentions.dedup_by_key(|m| m.range.clone());
    mentions
}

pub fn check_article(checks: &[Active<'_, TitleRule>], input: &ArticleInput<'_>, outcome: &mut ArticleOutcome) {
    if checks.is_empty() {
        return;
    }
    let (article, hits) = (input.article, input.hits);
    let knowledge = &input.rules.knowledge;
    let mut mentions = known_mentions(hits);
    let has_role = hits.iter().any(|h| h.owner == Owner::Role);
    if mentions.is_empty() && !has_role {
        return;
    }
    let around: Vec<Range<usize>> = hits
        .iter()
        .filter(|h| matches!(h.owner, Owner::Person { .. } | Owner::Role))
        .map(|h| h.range.clone())
        .collect();
    let tokens = extract::tokenize(article, &around);
    let lexicon = Lexicon {
        titles: &knowledge.titles,
        vocabulary: &knowledge.vocabulary,
    };
    let known_tokens: Vec<Range<usize>> = mentions.iter().map(|m| token_span(&tokens, &m.range)).collect();
    let in_known_name = |i: usize| known_tokens.iter().any(|r| r.contains(&i));
    let finder = TitleFinder {
        tokens: &tokens,
        text: &article.text,
        lexicon: &lexicon,
        in_name: &in_known_name,
    };

    // People the knowledge does not know, introduced with a title.
    let mut unknown: Vec<Mention> = Vec::new();
    for hit in hits.iter().filter(|h| h.owner == Owner::Role) {
        let after = finder.token_at(hit.range.end);
        let candidates = [finder.unknown_name_at(after), role_apposition(&finder, hit.range.start)];
        for name in candidates.into_iter().flatten() {
            let mut range = finder.range_of(name);
            // "Ariel Sharon's": the possessive is not part of the name.
            for suffix in ["'s", "’s"] {
                if article.text[range.clone()].ends_with(suffix) {
                    range.end -= suffix.len();
                }
            }
            if unknown.iter().any(|m| m.range == range) {
                continue;
            }
            let name_text = article.text[range.clone()].to_string();
            unknown.push(Mention {
                person: PersonRef::Unknown(name_text),
                range,
                form: NameForm::Preferred,
            });
        }
    }
    mentions.extend(unknown);
    mentions.sort_by_key(|m| m.range.start);
    // Titles never reach across any name, known or not.
    let name_tokens: Vec<Range<usize>> = mentions.iter().map(|m| token_span(&tokens, &m.range)).collect();
    let in_name = |i: usize| name_tokens.iter().any(|r| r.contains(&i));
    let finder = TitleFinder {
        in_name: &in_name,
        ..finder
    };

    let as_of = article.as_of();
    for mention in &mentions {
        if let (PersonRef::Known(p), NameForm::Spelling(_)) = (&mention.person, mention.form)
            && let Some(check) = enabled(checks, TitleJudgement::NameSpelling)
            && let Some(person) = knowledge.people.get(*p as usize)
        {
            outcome
                .diagnostics
                .push(spelling_diagnostic(check, person, article, mention.range.clone()));
        }
        let span = token_span(&tokens, &mention.range);
        let mut titles: Vec<extract::FoundTitle> = finder.title_before(span.clone()).into_iter().collect();
        titles.extend(finder.after(span.end));
        let parts = titles.iter().flat_map(|title| {
            finder
                .compound_parts(title.range.clone())
                .into_iter()
                .map(move |range| (range, title.past))
        });
        for (range, past) in parts {
            let text = &article.text[range.clone()];
            let shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for key in knowledge.titles.parse(text) {
                let fact = TitleFact {
                    person: mention.person.clone(),
                    mention: article.span(mention.range.clone()),
                    span: article.span(range.clone()),
                    key,
                    date: as_of,
                    past,
                };
                if let PersonRef::Known(p) = &fact.person
                    && let Some(person) = knowledge.people.get(*p as usize)
                {
                    judge(checks, knowledge, person, &fact, &shown, outcome);
                }
                outcome.facts.push(Fact::Title(fact));
            }
        }
    }
}

/// "Dana Omarova, spokeswoman for …": the name before the comma that
/// precedes the role at `role_start` (after an optional "the" or "a").
fn role_apposition(finder: &TitleFinder, role_start: usize) -> Option<Range<usize>> {
    let mut at = finder.token_at(role_start).checked_sub(1)?;
    let token_text = |i: usize| finder.tokens.get(i).map(|t| &finder.text[t.range.clone()]);
    if token_text(at).is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an")) {
        at = at.checked_sub(1)?;
    }
    finder.unknown_name_before_comma(at)
}

/// The token indexes covering the byte range `range`.
fn token_span(tokens: &[extract::Token], range: &Range<usize>) -> Range<usize> {
    let start = tokens.partition_point(|t| t.range.start < range.start);
    let end = tokens.partition_point(|t| t.range.start < range.end);
    start..end
}

/// Judges one title of a known person.
fn judge(
    checks: &[Active<'_, TitleRule>],
    knowledge: &Knowledge,
    person: &Person,
    fact: &TitleFact,
    text: &str,
    outcome: &mut ArticleOutcome,
) {
    if person.tenures.is_empty() {
        return;
    }
    let matching: Vec<&Tenure> = person
        .tenures
        .iter()
        .filter(|t| {
            knowledge
                .offices
                .get(t.office)
                .is_some_and(|o| o.matches(&fact.key, &knowledge.vocabulary))
        })
        .collect();
    if matching.is_empty() {
        if let Some(check) = enabled(checks, TitleJudgement::Mismatch) {
            outcome.diagnostics.push(mismatch(check, knowledge, person, fact, text));
        }
        return;
    }
    let Some(date) = fact.date else { return };
    if fact.past || matching.iter().any(|t| t.may_hold_on(date)) {
        return;
    }
    if let Some(check) = enabled(checks, TitleJudgement::NotHeld) {
        outcome
            .diagnostics
            .push(not_held(check, knowledge, person, fact, &matching, date));
    }
}

fn offices_held(knowledge: &Knowledge, person: &Person, date: Option<NaiveDate>) -> Vec<String> {
    person
        .tenures
        .iter()
        .filter(|t| date.is_none_or(|d| t.may_hold_on(d)))
        .filter_map(|t| {
            knowledge
                .offices
                .get(t.office)
                .map(|o| format!("{} ({})", o.name, t.describe()))
        })
        .collect()
}

fn mismatch(check: &Check, knowledge: &Knowledge, person: &Person, fact: &TitleFact, text: &str) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        format!("{} has never held the office of `{text}`", person.name),
        Label::new(fact.span, "no office of this person matches this title"),
    )
    .with_secondary(Label::new(fact.mention, person.name.clone()));
    let held = offices_held(knowledge, person, fact.date);
    let note = match (fact.date, held.is_empty()) {
        (Some(date), false) => format!("help: on {date}, {} was {}", person.name, held.join("; ")),
        (Some(date), true) => format!(
            "on {date}, {} held none of the offices in the knowledge; all offices: {}",
            person.name,
            offices_held(knowledge, person, None).join("; ")
        ),
        (None, _) => format!(
            "help: {}'s offices: {}",
            person.name,
            offices_held(knowledge, person, None).join("; ")
        ),
    };
    diagnostic = diagnostic.with_note(note);
    if let Some(date) = fact.date {
        for (index, office) in knowledge.offices.iter().enumerate() {
            if !office.matches(&fact.key, &knowledge.vocabulary) {
                continue;
            }
            let holders: Vec<&str> = knowledge
                .holders_on(index, date)
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            if !holders.is_empty() {
                diagnostic =
                    diagnostic.with_note(format!("on {date}, the {} was {}", office.name, holders.join(" and ")));
            }
        }
    }
    diagnostic
}

fn not_held(
    check: &Check,
    knowledge: &Knowledge,
    person: &Person,
    fact: &TitleFact,
    matching: &[&Tenure],
    date: NaiveDate,
) -> Diagnostic {
    // The tenure nearest the article's date explains the error best.
    let distance = |t: &Tenure| match (&t.from, &t.to) {
        (_, Some(to)) if to.latest < date => (date - to.latest).num_days(),
        (Some(from), _) if date < from.earliest => (from.earliest - date).num_days(),
        _ => 0,
    };
    let Some(nearest) = matching.iter().min_by_key(|t| distance(t)) else {
        return Diagnostic::new(
            &check.meta.id,
            check.meta.severity,
            "title not held",
            Label::new(fact.span, ""),
        );
    };
    let office = knowledge.offices.get(nearest.office);
    let office_name = office.map_or("this office", |o| o.name.as_str());
    let (message, past) = match (&nearest.from, &nearest.to) {
        (_, Some(to)) if to.latest < date => (
            format!(
                "{} was {office_name} until {}; this article is dated {date}",
                person.name, to.text
            ),
            true,
        ),
        (Some(from), _) => (
            format!(
                "{} became {office_name} only on {}; this article is dated {date}",
                person.name, from.text
            ),
            false,
        ),
        _ => (
            format!("{} did not hold the office of {office_name} on {date}", person.name),
            false,
        ),
    };
    let mut diagnostic = Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        message,
        Label::new(fact.span, format!("not {}'s office on {date}", person.name)),
    )
    .with_secondary(Label::new(fact.mention, person.name.clone()));
    let holders: Vec<&str> = knowledge
        .holders_on(nearest.office, date)
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| *n != person.name)
        .collect();
    if !holders.is_empty() {
        diagnostic = diagnostic.with_note(format!("on {date}, the {office_name} was {}", holders.join(" and ")));
    }
    let held = offices_held(knowledge, person, Some(date));
    if !held.is_empty() {
        diagnostic = diagnostic.with_note(format!("on {date}, {} was {}", person.name, held.join("; ")));
    }
    if past {
        diagnostic =
            diagnostic.with_note("help: if the article means the past office, write \"former\" before the title");
    }
    diagnostic
}

fn spelling_diagnostic(check: &Check, person: &Person, article: &Article, range: Range<usize>) -> Diagnostic {
    let found = &article.text[range.clone()];
    let span = article.span(range);
    Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        format!("`{found}` is spelt `{}` in this corpus", person.name),
        Label::new(span, format!("`{}` is preferred", person.name)),
    )
    .with_fix(Fix::replace(span, person.name.clone(), Applicability::Safe))
}

/// A title given to an unknown person, for the corpus pass.
struct Use<'f> {
    fact: &'f TitleFact,
    date: NaiveDate,
}

/// `title-inconsistent`: per unknown person, titles that go back and forth
/// (A, B, A within the window) or that articles of the same days disagree
/// on. Only a different role is a conflict ("Mayor" against "deputy mayor"):
/// titles of one role that differ in their qualifiers ("Defence Secretary",
/// "US Defense Secretary") are the same office written two ways, as far as
/// anyone without knowledge of the person can tell. Titles given together in
/// one article (two offices at once) never conflict; a title that changes
/// once and stays changed is a career.
pub fn check_corpus(
    checks: &[Active<'_, TitleRule>],
    facts: &[Fact],
    text_of: &dyn Fn(crate::model::span::Span) -> String,
) -> Vec<Diagnostic> {
    let title_of = |fact: &TitleFact| text_of(fact.span).split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(Active { check, rule, .. }) = checks.iter().find(|a| a.rule.judgement == TitleJudgement::Inconsistent)
    else {
        return Vec::new();
    };
    let window = i64::from(rule.window_days);
    let mut by_person: BTreeMap<&str, Vec<Use>> = BTreeMap::new();
    for fact in facts {
        if let Fact::Title(title) = fact
            && let PersonRef::Unknown(name) = &title.person
            && let Some(date) = title.date
            && !title.past
        {
            by_person
                .entry(name.as_str())
                .or_default()
                .push(Use { fact: title, date });
        }
    }
    let mut diagnostics = Vec::new();
    for (name, mut uses) in by_person {
        uses.sort_by_key(|u| (u.date, u.fact.span.file, u.fact.span.start));
        // Titles given together in one article are offices held at once.
        let together = |a: &Use, b: &Use| {
            uses.iter()
                .any(|x| x.fact.span.file == a.fact.span.file && x.fact.key.role == b.fact.key.role)
                || uses
                    .iter()
                    .any(|x| x.fact.span.file == b.fact.span.file && x.fact.key.role == a.fact.key.role)
        };
        let conflict = |a: &Use, b: &Use| a.fact.key.role != b.fact.key.role && !together(a, b);
        let mut flagged: HashSet<(u32, u32)> = HashSet::new();
        for (j, middle) in uses.iter().enumerate() {
            let before = uses[..j]
                .iter()
                .rev()
                .find(|u| conflict(u, middle) && (middle.date - u.date).num_days() <= window);
            let after = uses[j + 1..]
                .iter()
                .find(|u| conflict(u, middle) && (u.date - middle.date).num_days() <= window);
            let (Some(before), Some(after)) = (before, after) else {
                continue;
            };
            // A, B, A: the same title on both sides of the odd one out.
            let back_and_forth = before.fact.key.role == after.fact.key.role;
            let same_days = (middle.date - before.date).num_days() <= 2 || (after.date - middle.date).num_days() <= 2;
            if !(back_and_forth || same_days) || before.fact.span.file == middle.fact.span.file {
                continue;
            }
            if !flagged.insert((middle.fact.span.file.0, middle.fact.span.start)) {
                continue;
            }
            diagnostics.push(inconsistent(check, name, middle, &[before, after], &title_of));
        }
    }
    diagnostics
}

fn inconsistent(
    check: &Check,
    name: &str,
    odd: &Use,
    others: &[&Use],
    title_of: &dyn Fn(&TitleFact) -> String,
) -> Diagnostic {
    let said_elsewhere: Vec<String> = others
        .iter()
        .map(|o| format!("`{}`", title_of(o.fact)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut diagnostic = Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        format!(
            "{name} is called `{}` here, but {} in articles of the same weeks",
            title_of(odd.fact),
            said_elsewhere.join(" and ")
        ),
        Label::new(odd.fact.span, format!("this article, of {}, says this", odd.date)),
    );
    for other in others {
        diagnostic = diagnostic.with_secondary(Label::new(
            other.fact.span,
            format!("an article of {} says this", other.date),
        ));
    }
    diagnostic
        .with_note("a title that changes once and stays changed is a change of office; this one goes back and forth")
        .with_note("help: check which title is right and correct the other articles")
}

#[cfg(test)]
mod tests;
