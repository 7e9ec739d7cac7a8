//! `date-*` checks: dates that do not exist, weekdays that contradict their
//! dates, ranges that end before they start, past events dated after
//! publication, datelines far from the publication date, wrong anniversaries,
//! misspelt month names beside a day, and (off by default) house style.
//! All calendar arithmetic is chrono's.
//!
//! Year-less dates are resolved against the article's anchor: the
//! dateline's date, else the publication date. An undated article gets no
//! judgement that needs its date.

pub mod find;
mod judge;
pub mod rule;

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::{Active, ArticleInput, ArticleOutcome};
use crate::article::Article;
use crate::model::diagnostic::{Diagnostic, Label};
use crate::model::fact::{DateFact, Fact};
use crate::model::fix::{Applicability, Fix};
use crate::rules::Check;
use crate::rules::knowledge::people::Event;
use crate::text::calendar::{ap_month, month_name, weekday_name as show_weekday};
use crate::text::figures;
use crate::text::sentence as tense;
use find::{DayStyle, Elapsed, Mention, Resolved, WrittenDay, resolve};
use judge::Context;
use rule::{DateJudgement, DateRule, MonthStyle};

/// How far after publication a year-less past-tense date may fall and still
/// be read as this year's (beyond it, last year's is the plausible reading).
const PLAUSIBLE_FUTURE_DAYS: i64 = 30;

/// "Nov. 27, 2023": how dates are shown in messages (AP style).
fn show(date: NaiveDate) -> String {
    format!("{} {}, {}", ap_month(date.month()), date.day(), date.year())
}

/// Finds every date in one article and judges it by each enabled date check.
pub fn check_article(checks: &[Active<'_, DateRule>], input: &ArticleInput<'_>, outcome: &mut ArticleOutcome) {
    if checks.is_empty() {
        return;
    }
    let article = input.article;
    let mentions = find::find(&article.prose);
    // A table's rows claim no date: their dates are facts, never judged.
    // Rows are lines of the text as written (the prose joins a paragraph's
    // lines into one).
    let misspelt = if checks.iter().any(|a| a.rule.judgement == DateJudgement::MonthSpelling) {
        find::misspelt_months(&article.prose)
    } else {
        Vec::new()
    };
    let tables = if mentions.is_empty() && misspelt.is_empty() {
        crate::text::ranges::RangeSet::default()
    } else {
        figures::table_lines(&article.text)
    };
    let context = Context {
        article,
        anchor: article.as_of(),
        published: article.published(),
        events: &input.rules.knowledge.events,
        places: &input.rules.places,
    };
    if input.date_facts {
        for mention in &mentions {
            outcome.facts.push(Fact::Date(context.fact(mention)));
        }
    }
    for &Active { check, rule, .. } in checks {
        for mention in mentions.iter().filter(|m| !tables.overlaps(&m.range())) {
            let found = match rule.judgement {
                DateJudgement::Invalid => context.invalid(check, mention),
                DateJudgement::Weekday => context.weekday(check, mention),
                DateJudgement::Range => context.range(check, mention),
                DateJudgement::AfterPublication => context.after_publication(check, mention),
                DateJudgement::Anniversary => context.anniversary(check, mention),
                DateJudgement::Style => {
                    outcome.diagnostics.extend(context.style(check, rule, mention));
                    None
                }
                DateJudgement::Dateline | DateJudgement::MonthSpelling => None,
            };
            outcome.diagnostics.extend(found);
        }
        if rule.judgement == DateJudgement::Dateline {
            outcome.diagnostics.extend(context.dateline(check, rule));
        }
        if rule.judgement == DateJudgement::MonthSpelling {
            for (range, month) in &misspelt {
                if !tables.overlaps(range) {
                    outcome
                        .diagnostics
                        .push(context.month_spelling(check, range.clone(), *month));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
