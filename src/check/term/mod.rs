//! `term` checks: a preferred term and the variants to replace with it, or a
//! set of variants the corpus should not mix.
//!
//! With `preferred`, every variant in an article is reported with a fix to
//! the preferred form in the variant's case style. Without it, the check is
//! corpus-wide: the variant used by the fewest articles is reported wherever
//! it appears, with labels at the majority's uses in other articles.

pub mod rule;

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
use rule::TermRule;

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
        for found in longest_uses(found).into_iter().filter(|u| !in_dateline_place(&u.range)) {
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

fn fill(template: &str, found: &str, preferred: &str) -> String {
    template.replace("{found}", found).replace("{preferred}", preferred)
}

fn preferred_diagnostic(check: &Check, term: &TermRule, preferred: &str, article: &Article, found: &Use) -> Diagnostic {
    let text = &article.text[found.range.clone()];
    // An acronym variant ("OBOR") is upper case by nature, not by style: the
    // preferred form is then written as listed.
    let listed = term.variants.get(found.variant).map(String::as_str);
    let replacement = match listed {
        Some(acronym) if !acronym.chars().any(char::is_lowercase) => preferred.to_string(),
        _ => match_case(text, preferred),
    };
    let template = check
        .meta
        .message
        .as_deref()
        .unwrap_or("use `{preferred}` instead of `{found}`");
    let span = article.span(found.range.clone());
    let mut diagnostic = Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        fill(template, text, &replacement),
        Label::new(span, format!("`{replacement}` is preferred")),
    );
    if let Some(applicability) = term.fix {
        diagnostic = diagnostic.with_fix(Fix::replace(span, replacement, applicability));
    }
    diagnostic
}

/// Consistency: per check, which variants the corpus uses and in how many
/// articles; the minority's uses are reported.
pub fn check_corpus(
    checks: &[Active<'_, TermRule>],
    facts: &[Fact],
    text_of: &dyn Fn(Span) -> String,
) -> Vec<Diagnostic> {
    // check → variant → uses (spans, in corpus order)
    let mut by_check: BTreeMap<u32, BTreeMap<u32, Vec<Span>>> = BTreeMap::new();
    for fact in facts {
        let Fact::TermUse { check, variant, span } = *fact else {
            continue;
        };
        by_check
            .entry(check)
            .or_default()
            .entry(variant)
            .or_default()
            .push(span);
    }
    let mut diagnostics = Vec::new();
    for (index, variants) in by_check {
        if variants.len() < 2 {
            continue;
        }
        let Some(Active { check, rule: term, .. }) = find(checks, index) else {
            continue;
        };
        let articles = |spans: &[Span]| {
            let mut files: Vec<FileId> = spans.iter().map(|s| s.file).collect();
            files.dedup();
            files.len()
        };
        // The majority: most articles, then most uses, then first listed.
        let Some((&majority, majority_spans)) = variants
            .iter()
            .max_by_key(|(variant, spans)| (articles(spans), spans.len(), std::cmp::Reverse(**variant)))
        else {
            continue;
        };
        // A literal is named as listed; a regex variant by the text it found.
        let majority_name = match term.variants.get(majority as usize) {
            Some(literal) => literal.clone(),
            None => majority_spans.first().map(|&s| text_of(s)).unwrap_or_default(),
        };
        let majority_name = majority_name.as_str();
        let majority_articles = articles(majority_spans);
        for (&variant, spans) in &variants {
            if variant == majority {
                continue;
            }
            for &span in spans {
                let found = text_of(span);
                let template = check
                    .meta
                    .message
                    .as_deref()
                    .unwrap_or("`{found}` is used here, but the corpus mostly writes `{preferred}`");
                let mut diagnostic = Diagnostic::new(
                    &check.meta.id,
                    check.meta.severity,
                    fill(template, &found, majority_name),
                    Label::new(
                        span,
                        format!(
                            "the corpus writes `{majority_name}` in {}",
                            plural(majority_articles, "article")
                        ),
                    ),
                );
                let elsewhere: Vec<Span> = majority_spans.iter().copied().filter(|s| s.file != span.file).collect();
                for &other in elsewhere.iter().take(MAX_MAJORITY_LABELS) {
                    diagnostic = diagnostic.with_secondary(Label::new(other, format!("`{majority_name}` here")));
                }
                if elsewhere.len() > MAX_MAJORITY_LABELS {
                    diagnostic = diagnostic.with_note(format!(
                        "`{majority_name}` is used {} more times in other articles",
                        elsewhere.len() - MAX_MAJORITY_LABELS
                    ));
                }
                diagnostic = diagnostic.with_note(format!("help: pick one form for the whole corpus; `{}` has no preferred form, so the majority's is suggested", check.meta.id));
                diagnostics.push(diagnostic);
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::article;
    use crate::check::Checker;
    use crate::model::span::FileId;
    use crate::rules;

    const RULES: &str = r#"
[[check]]
id = "term-belt-and-road"
kind = "term"
preferred = "Belt and Road Initiative"
variants = ["OBOR"]
"#;

    fn rules_reported(text: &str) -> Vec<String> {
        let rules = rules::load_for_test(RULES);
        let loaded = article::parse(FileId(0), Path::new("a.txt"), text.to_string());
        let outcome = Checker::new(&rules).check_article(&loaded.article.unwrap());
        outcome.diagnostics.into_iter().map(|d| d.rule).collect()
    }

    #[test]
    fn a_term_in_the_body_is_reported_but_not_inside_a_dateline_place() {
        assert_eq!(
            rules_reported("date 2019-03-20\nASTANA, March 20 (Xinhua) -- OBOR talks began."),
            ["term-belt-and-road"]
        );
        // Fixing it would turn the dateline into body text and change the
        // date the article's facts are judged as of.
        assert!(rules_reported("date 2019-03-20\nOBOR ASTANA, Nov. 27 (Xinhua) -- Talks began.").is_empty());
    }
}
