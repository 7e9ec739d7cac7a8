//! The corpus-wide part of a `term` check without a preferred form: the
//! variants the corpus mixes, and the minority's uses reported.

use super::*;

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
