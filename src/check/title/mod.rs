//! `title-*` checks: officials' titles as of each article's date.
//!
//! Per article: find the people (known names, short forms after a full
//! mention, unknown people introduced with a title), the titles attached to
//! them ([`extract`]), and judge each title of a known person against the
//! offices they held (`title-mismatch`, `title-not-held`). Every title
//! becomes a [`TitleFact`]; across the corpus, the titles of people the
//! knowledge does not know are compared (`title-inconsistent`).

mod corpus;
pub mod extract;
mod judge;
pub mod rule;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::{Active, ArticleInput, ArticleOutcome, Owner};
use crate::article::Article;
use crate::model::diagnostic::{Diagnostic, Label};
use crate::model::fact::{Fact, PersonRef, TitleFact};
use crate::model::fix::{Applicability, Fix};
use crate::rules::Check;
use crate::rules::knowledge::people::{Knowledge, NameKind, NameOwner, Person, Tenure};
use crate::text::phrase::{Hit, PhraseMatcherBuilder};
use crate::text::ranges::RangeSet;
use crate::text::{calendar, quote, sentence, told};
use extract::{Lexicon, TitleFinder};
use rule::{TitleJudgement, TitleRule};

pub use corpus::check_corpus;
use judge::*;

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
    for (name, owner) in &knowledge.names {
        let owner = match *owner {
            NameOwner::One(person, kind) => Owner::Person {
                person,
                form: match kind {
                    NameKind::Preferred => NameForm::Preferred,
                    NameKind::Spelling(i) => NameForm::Spelling(i),
                    NameKind::Short => NameForm::Short,
                },
            },
            NameOwner::Namesakes(group) => Owner::Namesakes { group },
        };
        builder.add(name, owner, true, true);
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
    /// A name of several people of the world layer: which of them is
    /// meant is told by the title, if by anything.
    namesakes: Option<u32>,
}

/// The enabled title checks making `judgement`: each reports on its own
/// (a house may run a second `title-not-held` at another severity for one
/// folder of its knowledge).
fn enabled<'a, 'r>(
    checks: &'a [Active<'r, TitleRule>],
    judgement: TitleJudgement,
) -> impl Iterator<Item = &'r Check> + 'a {
    checks
        .iter()
        .filter(move |a| a.rule.judgement == judgement)
        .map(|a| a.check)
}

/// Known-person mentions in text order, with short forms kept only after a
/// full mention of the same person and only when no other person mentioned
/// so far shares the short form.
fn known_mentions(text: &str, hits: &[Hit<Owner>]) -> Vec<Mention> {
    let mut full: Vec<Mention> = Vec::new();
    let mut shorts: Vec<(u32, Range<usize>)> = Vec::new();
    for hit in hits {
        match hit.owner {
            Owner::Person {
                person,
                form: NameForm::Short,
            } => shorts.push((person, hit.range.clone())),
            Owner::Person { person, form } => full.push(Mention {
                person: PersonRef::Known(person),
                range: hit.range.clone(),
                form,
                namesakes: None,
            }),
            Owner::Namesakes { group } => full.push(Mention {
                person: PersonRef::Unknown(text.get(hit.range.clone()).unwrap_or_default().to_string()),
                range: hit.range.clone(),
                form: NameForm::Preferred,
                namesakes: Some(group),
            }),
            Owner::Term { .. } | Owner::Role | Owner::Place { .. } => {}
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
    // Each short form once, in text order, against what came before it:
    // the full mentions before it are added to `introduced` as the walk
    // passes them (they do not overlap, so they end in the order they
    // start), and each short text's owners are gathered once.
    let full_ranges = RangeSet::new(mentions.iter().map(|m| m.range.clone()));
    let mut owners_of: HashMap<Range<usize>, Vec<u32>> = HashMap::new();
    for (person, range) in &shorts {
        owners_of.entry(range.clone()).or_default().push(*person);
    }
    let mut introduced: HashSet<u32> = HashSet::new();
    let mut passed = 0;
    let mut resolved = Vec::new();
    for (person, range) in shorts {
        if full_ranges.overlaps(&range) {
            continue;
        }
        while let Some(m) = mentions.get(passed).filter(|m| m.range.end <= range.start) {
            if let PersonRef::Known(p) = m.person {
                introduced.insert(p);
            }
            passed += 1;
        }
        let short_text_owners = owners_of
            .get(&range)
            .map_or(0, |owners| owners.iter().filter(|p| introduced.contains(p)).count());
        if introduced.contains(&person) && short_text_owners == 1 {
            resolved.push(Mention {
                person: PersonRef::Known(person),
                range,
                form: NameForm::Short,
                namesakes: None,
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
    let mut mentions = known_mentions(&article.text, hits);
    let has_role = hits.iter().any(|h| h.owner == Owner::Role);
    if mentions.is_empty() && !has_role {
        return;
    }
    // Tokens are needed only around the names kept and the roles (which
    // may introduce a person the knowledge does not know): a surname with
    // no full mention before it ("Johnson" of thousands of the world
    // layer's people) is nobody's here.
    let mut around: Vec<Range<usize>> = mentions
        .iter()
        .map(|m| m.range.clone())
        .chain(hits.iter().filter(|h| h.owner == Owner::Role).map(|h| h.range.clone()))
        .collect();
    around.sort_by_key(|r| r.start);
    let tokens = extract::tokenize(article, &around);
    let lexicon = Lexicon {
        titles: &knowledge.titles,
        vocabulary: &knowledge.vocabulary,
    };
    // Which tokens lie in a name, marked once: asked per token, walking
    // every name cost tokens × names.
    let mark = |mentions: &[Mention]| {
        let mut marked = vec![false; tokens.len()];
        for mention in mentions {
            for i in token_span(&tokens, &mention.range) {
                if let Some(slot) = marked.get_mut(i) {
                    *slot = true;
                }
            }
        }
        marked
    };
    let known_tokens = mark(&mentions);
    let in_known_name = |i: usize| known_tokens.get(i).copied().unwrap_or(false);
    let finder = TitleFinder {
        tokens: &tokens,
        text: &article.text,
        lexicon: &lexicon,
        in_name: &in_known_name,
    };

    // People the knowledge does not know, introduced with a title.
    let mut unknown: Vec<Mention> = Vec::new();
    let mut unknown_ranges: HashSet<Range<usize>> = HashSet::new();
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
            if !unknown_ranges.insert(range.clone()) {
                continue;
            }
            let name_text = article.text[range.clone()].to_string();
            unknown.push(Mention {
                person: PersonRef::Unknown(name_text),
                range,
                form: NameForm::Preferred,
                namesakes: None,
            });
        }
    }
    mentions.extend(unknown);
    mentions.sort_by_key(|m| m.range.start);
    // Titles never reach across any name, known or not.
    let name_tokens = mark(&mentions);
    let in_name = |i: usize| name_tokens.get(i).copied().unwrap_or(false);
    let finder = TitleFinder {
        in_name: &in_name,
        ..finder
    };

    for mention in &mentions {
        if let (PersonRef::Known(p), NameForm::Spelling(_)) = (&mention.person, mention.form)
            && let Some(person) = knowledge.people.get(*p as usize)
        {
            for check in enabled(checks, TitleJudgement::NameSpelling) {
                outcome
                    .diagnostics
                    .push(spelling_diagnostic(check, person, article, mention.range.clone()));
            }
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
            title_part(checks, article, knowledge, mention, range, past, outcome);
        }
    }
}

/// One title (or one part of a compound title) of a mention: its facts,
/// and the judgement of a known person's.
fn title_part(
    checks: &[Active<'_, TitleRule>],
    article: &Article,
    knowledge: &Knowledge,
    mention: &Mention,
    range: Range<usize>,
    past: bool,
    outcome: &mut ArticleOutcome,
) {
    // A title in quoted speech is the speaker's words, and one in a
    // title-case headline may be any capitalised word: neither is the
    // article's claim.
    if quote::in_quotation(&article.text, range.start) || sentence::in_title_case_line(&article.text, range.start) {
        return;
    }
    let as_of = article.as_of();
    let text = &article.text[range.clone()];
    let shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for key in knowledge.titles.parse(text) {
        let person = match mention.namesakes {
            Some(group) => namesake_fitting(knowledge, group, &key).map_or(mention.person.clone(), PersonRef::Known),
            None => mention.person.clone(),
        };
        let fact = TitleFact {
            person,
            mention: article.span(mention.range.clone()),
            span: article.span(range.clone()),
            key,
            date: as_of,
            past,
        };
        if let PersonRef::Known(p) = &fact.person
            && let Some(person) = knowledge.people.get(*p as usize)
        {
            // A table's record is judged only where it holds the person in
            // another office on the date (see `judge`): a past tense alone
            // does not make the title one of that time.
            let by_tense = person.source.is_none();
            let of_the_past = |ended| told_of_the_past(article, range.clone(), as_of, ended, by_tense);
            let told = || as_of.and_then(|today| told_period(article, range.clone(), mention.range.clone(), today));
            let time = SentenceTime {
                of_the_past: &of_the_past,
                told: &told,
            };
            judge(checks, knowledge, person, &fact, &shown, &time, outcome);
        }
        outcome.facts.push(Fact::Title(fact));
    }
}

/// The time the sentence of a title (at `title`, of the name at `name`)
/// tells of with its year ("In May 2015, …"): the title is judged as of
/// then (see [`told::period`]).
fn told_period(article: &Article, title: Range<usize>, name: Range<usize>, today: NaiveDate) -> Option<told::Period> {
    let bounds = article.sentence_near(title.clone());
    let sentence = article.text.get(bounds.clone())?;
    told::period(
        sentence,
        title.start.checked_sub(bounds.start)?,
        name.end.checked_sub(bounds.start)?,
        today,
    )
}

/// The one of a group of namesakes that has held an office the title
/// `key` can mean; `None` when none has or several have: then the name
/// stays nobody's in particular, never a guess.
fn namesake_fitting(knowledge: &Knowledge, group: u32, key: &crate::model::fact::TitleKey) -> Option<u32> {
    let mut fitting = knowledge.namesakes.get(group as usize)?.iter().filter(|&&p| {
        knowledge.people.get(p as usize).is_some_and(|person| {
            person.tenures.iter().any(|t| {
                knowledge
                    .offices
                    .get(t.office)
                    .is_some_and(|o| knowledge.office_matches(o, key))
            })
        })
    });
    let first = fitting.next()?;
    fitting.next().is_none().then_some(*first)
}

/// Whether a parenthesised date of figures alone ("(29.12.2016)",
/// "(2016-12-29)") follows the sentence ending at `end`, in a year before
/// `year`.
fn stamped_in_an_earlier_year(text: &str, end: usize, year: i32) -> bool {
    let after = text
        .get(end..)
        .unwrap_or_default()
        .trim_start_matches([' ', '"', '”', '\'']);
    let Some(inner) = after
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
        .map(|(inner, _)| inner)
    else {
        return false;
    };
    inner.len() <= 12
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-'))
        && inner
            .split(['.', '/', '-'])
            .any(|part| part.len() == 4 && part.parse::<i32>().is_ok_and(|y| y < year))
}

/// Words right before a title that claim it as held now.
const NOW_MARKERS: &[&str] = &["new", "current", "incumbent", "sitting", "now", "serving"];

/// How many days back "this week" or "on Monday" may reach.
const RECENT_DAYS: i64 = 7;

/// Whether the sentence of a title (at `title`)
/// tells of a time before its article's date, so that a past office is the
/// title of that time ("appointed by President Barack Obama" in 2017):
/// the title follows "under" or "by" (the era, the agent of a past act),
/// the name owns what follows ("President Obama's health care law"), the
/// sentence names an earlier year, or (with `by_tense`) it is in the past
/// tense with nothing that dates it to the article's days ("said on
/// Tuesday") or to a day after the office ended (`ended`).
fn told_of_the_past(
    article: &Article,
    title: Range<usize>,
    date: Option<NaiveDate>,
    ended: NaiveDate,
    by_tense: bool,
) -> bool {
    let text = &article.text;
    // "the new Prime Minister", "current", "incumbent", "sitting", "X, now
    // Prime Minister,": the title is claimed as held now, in any tense.
    let word_before = text[..title.start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if NOW_MARKERS.contains(&word_before.as_str()) {
        return false;
    }
    let bounds = article.sentence_near(title.clone());
    // A sentence dated to an earlier year, or telling a span of years back
    // to it ("Seven years of efforts to eradicate President Barack Obama's
    // proudest domestic achievement ended Friday"), tells of then.
    let told = &text[bounds.clone()];
    if date.is_some_and(|d| sentence::names_earlier_year(told, d.year())) || sentence::spans_years_back(told) {
        return true;
    }
    if date.is_some_and(|d| carries_on_an_earlier_date(article, bounds.clone(), d.year())) {
        return true;
    }
    // A date stamp right after the sentence's stop ("… policies, the expert
    // tells DW. (29.12.2016)"), as lists of earlier stories are written:
    // the sentence is of that day.
    if date.is_some_and(|d| stamped_in_an_earlier_year(text, bounds.end, d.year())) {
        return true;
    }
    // The clause of the title tells its own time: in "Spicer said on March
    // 4 that President Barack Obama ordered the wiretaps", the ordering is
    // past whatever day Spicer spoke.
    let clause_start = sentence::clause_start_near(&article.prose, bounds.clone(), title.start).min(bounds.end);
    let clause = &text[clause_start..bounds.end];
    // "involving President Barack Obama wiretapping then-candidate Trump's
    // phone": a "then-" title dates its clause to that time.
    if clause.to_lowercase().contains("then-") {
        return true;
    }
    // A day named in the clause dates what it tells: between the office's
    // end and the article's date ("Governor Wang Hao and experts, reported the press service on
    // Jan. 14"), the title is a claim of that day, whatever the tense.
    let anchor = date.unwrap_or(ended);
    let told_day = |d: &NaiveDate| *d > ended && date.is_none_or(|date| *d <= date);
    if calendar::month_days_in(clause, anchor).iter().any(told_day) {
        return false;
    }
    // In the week after an office ends, even "this week" may be before its
    // end ("the resignation of national security adviser Michael Flynn this
    // week"): unsure, so nothing is said.
    if date.is_some_and(|d| (d - ended).num_days() <= RECENT_DAYS) {
        return true;
    }
    if matches!(word_before.as_str(), "under" | "by" | "during" | "since") {
        return true;
    }
    // The name owns what follows ("President Barack Obama's health care
    // law", "… Obama's Supreme Court nominee"): the works and appointees of
    // a past office are named with its title.
    // Unless the clause tells of now ("Putin's spokesman is rejecting"), or
    // the sentence is dated to the article's days ("on Monday joined the
    // effort to block … Trump's travel ban").
    // Within the sentence: a possessive after its stop ("… Dmitry
    // Medvedev. \"He's going to …") is owned by no name of this one.
    let after = text
        .get(title.end..bounds.end.max(title.end))
        .unwrap_or_default()
        .trim_start();
    let owner = after
        .split_whitespace()
        .take(4)
        .any(|w| w.ends_with("'s") || w.ends_with("’s"));
    if owner && !sentence::has_present(clause) && !sentence::is_recent(&text[bounds.clone()]) {
        return true;
    }
    if !by_tense {
        return false;
    }
    let sentence = &text[bounds];
    // What the clause tells is to come, and nothing in it is past ("the bill
    // would allow Home Secretary Theresa May to invoke"): a claim of now.
    if sentence::has_modal_future(clause) && !sentence::has_past(clause) {
        return false;
    }
    // A clause without a past verb of its own ("in defiance of President
    // Obama") takes the time of its sentence.
    !sentence::is_recent(clause)
        && (sentence::has_past(clause) || (sentence::has_past(sentence) && !sentence::is_recent(sentence)))
}

/// How many sentences back a timeline's date is looked for.
const MAX_NARRATIVE_SENTENCES: usize = 3;

/// Whether the sentence `bounds` carries on a story told in the historical
/// present from an earlier date, as timelines are written ("In June 2013,
/// the White House says it has evidence …. The discovery pushes US
/// President Barack Obama toward …"): it is in the present tense with no
/// time of its own (no past verb, no "on Monday"), and so are the sentences
/// between it and one of its paragraph, at most
/// [`MAX_NARRATIVE_SENTENCES`] back, that opens with a date in an earlier
/// year and tells it in the present.
fn carries_on_an_earlier_date(article: &Article, bounds: Range<usize>, year: i32) -> bool {
    let text = &article.text;
    let untimed = |s: &str| !sentence::has_past(s) && !sentence::is_recent(s);
    // A sentence cut short (a run of text with no sentence end) is no
    // timeline's.
    if article.sentence(bounds.start) != bounds || !untimed(&text[bounds.clone()]) {
        return false;
    }
    let mut start = bounds.start;
    for _ in 0..MAX_NARRATIVE_SENTENCES {
        // The previous sentence's last byte (its stop), past the spaces.
        let Some(before) = text[..start].trim_end().len().checked_sub(1) else {
            return false;
        };
        let previous = article.sentence(before);
        // A run longer than a sentence is no timeline's sentence.
        if previous.start >= start
            || start - previous.start > 2 * sentence::MAX_SENTENCE_BYTES
            || sentence::has_paragraph_break(&text[previous.start..start])
        {
            return false;
        }
        let told = &text[previous.clone()];
        if sentence::opens_with_earlier_date(told, year) && sentence::has_present(told) {
            return !matches!(sentence::tense(told), sentence::Tense::Past(_));
        }
        if !untimed(told) {
            return false;
        }
        start = previous.start;
    }
    false
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

#[cfg(test)]
mod tests;
