//! The judgement of a variant of a preferred term: a diagnostic with a fix
//! to the preferred form in the variant's case style.

use super::*;

pub(super) fn fill(template: &str, found: &str, preferred: &str) -> String {
    template.replace("{found}", found).replace("{preferred}", preferred)
}

pub(super) fn preferred_diagnostic(
    check: &Check,
    term: &TermRule,
    preferred: &str,
    article: &Article,
    found: &Use,
) -> Diagnostic {
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
