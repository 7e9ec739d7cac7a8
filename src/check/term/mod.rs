//! `term` checks: a preferred term and the variants to replace with it, or a
//! set of variants the corpus should not mix.
//!
//! With `preferred`, every variant in an article is reported with a fix to
//! the preferred form in the variant's case style. Without it, the check is
//! corpus-wide: the variant used by the fewest articles is reported wherever
//! it appears, with labels at the majority's uses in other articles.

mod corpus;
mod judge;
pub mod rule;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::ops::Range;

use super::{Active, ArticleInput, ArticleOutcome, Owner};
use crate::article::Article;
use crate::model::diagnostic::{Diagnostic, Label, plural};
use crate::model::fact::Fact;
use crate::model::fix::Fix;
use crate::model::span::{FileId, Span};
use crate::rules::Check;
use crate::text::case::match_case;
use crate::text::phrase::{PhraseMatcherBuilder, is_whole_word};
use crate::text::quote;
use rule::TermRule;

pub use corpus::check_corpus;
use judge::*;

/// The enabled check at `index` of the rule set (the list is in index order).
fn find<'c, 'r>(checks: &'c [Active<'r, TermRule>], index: u32) -> Option<&'c Active<'r, TermRule>> {
    checks
        .binary_search_by_key(&index, |a| a.index)
        .ok()
        .and_then(|at| checks.get(at))
}

/// How many of the majority's uses a consistency diagnostic points at.
const MAX_MAJORITY_LABELS: usize = 3;

/// Asks the phrase scan for every literal variant of every enabled term check.
pub fn register(checks: &[Active<'_, TermRule>], builder: &mut PhraseMatcherBuilder<Owner>) {
    for active in checks {
        for (variant, phrase) in active.rule.variants.iter().enumerate() {
            let variant = u32::try_from(variant).unwrap_or(u32::MAX);
            builder.add(
                phrase,
                Owner::Term {
                    check: active.index,
                    variant,
                },
                active.rule.case_sensitive,
                active.rule.whole_word,
            );
        }
    }
}

/// A variant found in an article: which one, where.
struct Use {
    variant: usize,
    range: Range<usize>,
}

/// Reports the variants of preferred terms in one article, and leaves the
/// uses of consistency checks' variants as facts for [`check_corpus`].
pub fn check_article(checks: &[Active<'_, TermRule>], input: &ArticleInput<'_>, outcome: &mut ArticleOutcome) {
    let article = input.article;
    let hits = input.hits;
    let mut uses: BTreeMap<u32, Vec<Use>> = BTreeMap::new();
    for hit in hits {
        let Owner::Term { check, variant } = hit.owner else {
            continue;
        };
        uses.entry(check).or_default().push(Use {
            variant: variant as usize,
            range: hit.range.clone(),
        });
    }
    for active in checks {
        let term = active.rule;
        if term.patterns.is_empty() {
            continue;
        }
        let found = uses.entry(active.index).or_default();
        for (offset, regex) in term.patterns.iter().enumerate() {
            for m in regex.find_iter(&article.prose) {
                if !term.whole_word || is_whole_word(&article.prose, m.range()) {
                    found.push(Use {
                        variant: term.variants.len() + offset,
                        range: m.range(),
                    });
                }
            }
        }
    }
    // A dateline's place ("NEW YORK, Nov. 27") is a place name, judged by the
    // place checks; a term fix inside it would change what the dateline is.
    let dateline_place = article.dateline.as_ref().map(|d| d.place_range.clone());
    let in_dateline_place = |range: &std::ops::Range<usize>| {
        dateline_place
            .as_ref()
            .is_some_and(|place| range.start < place.end && place.start < range.end)
    };
    for (index, found) in uses {
        let Some(Active { check, rule: term, .. }) = find(checks, index) else {
            continue;
        };
        // A use in quoted speech is the speaker's words, unless the rule
        // asks for those too (`in-quotes = true`).
        let quoted = |u: &Use| !term.in_quotes && quote::in_quotation(&article.text, u.range.start);
        for found in longest_uses(found)
            .into_iter()
            .filter(|u| !in_dateline_place(&u.range) && !quoted(u))
        {
            match &term.preferred {
                Some(preferred) => outcome
                    .diagnostics
                    .push(preferred_diagnostic(check, term, preferred, article, &found)),
                None => outcome.facts.push(Fact::TermUse {
                    check: index,
                    variant: u32::try_from(found.variant).unwrap_or(u32::MAX),
                    span: article.span(found.range),
                }),
            }
        }
    }
}

/// Drops uses inside longer uses of the same check ("One Belt" inside "One
/// Belt, One Road"), keeping the longest at each place.
fn longest_uses(mut uses: Vec<Use>) -> Vec<Use> {
    uses.sort_by_key(|u| (u.range.start, std::cmp::Reverse(u.range.end)));
    let mut kept: Vec<Use> = Vec::with_capacity(uses.len());
    for found in uses {
        if kept.last().is_none_or(|last| found.range.start >= last.range.end) {
            kept.push(found);
        }
    }
    kept
}
