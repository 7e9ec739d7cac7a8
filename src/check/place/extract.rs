//! Places the knowledge does not know: capitalised names where the text
//! says they are places ("in Khorgos", "the city of Zharkent"), kept as
//! facts for the corpus-wide spelling check.

use super::*;

/// Candidate names of places the knowledge does not know: "in Khorgos",
/// "Khorgos region", and the dateline's place.
pub(super) fn unknown_places(rules: &RuleSet, article: &Article, hits: &[Hit<Owner>], outcome: &mut ArticleOutcome) {
    let hit_ranges = RangeSet::new(hits.iter().map(|h| h.range.clone()));
    let known = |range: &Range<usize>| hit_ranges.overlaps(range);
    let titles = &rules.knowledge.titles;
    let mut candidates: Vec<(Range<usize>, bool)> = Vec::new();
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
        // "at Barry's Bootcamp", "Austen's relationships": a possessive
        // names an owner, a person or a business, not where something is.
        let rest = &article.prose[name.end..];
        let possessive = rest.starts_with("'s") || rest.starts_with("’s");
        if known(&name)
            || next_capitalised
            || possessive
            || CAPITALISED_FUNCTION_WORDS.contains(&lower.as_str())
            || titles.is_role_word(&lower)
            || titles.is_demonym(&lower)
            || rules.knowledge.vocabulary.contains(&lower)
        {
            continue;
        }
        // A name in quotation marks may be of any language or a work's
        // title ("Leben und Kultur in Europa"): not the writer's spelling.
        if quote::in_quotation(&article.text, name.start) {
            continue;
        }
        let placed =
            written.starts_with("in ") || written.starts_with("near ") || !written.starts_with(char::is_lowercase);
        candidates.push((name, placed));
    }
    if let Some(dateline) = &article.dateline
        && !known(&dateline.place_range)
        && !dateline.place.contains(' ')
    {
        candidates.push((dateline.place_range.clone(), true));
    }
    for (range, placed) in candidates {
        let written = &article.text[range.clone()];
        outcome.facts.push(Fact::Place(PlaceFact {
            name: title_case(written),
            span: article.span(range),
            placed,
        }));
    }
}

pub(super) fn title_case(word: &str) -> String {
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
