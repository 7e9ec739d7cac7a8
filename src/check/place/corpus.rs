//! The corpus-wide part of the place checks: `place-inconsistent`, one place
//! the knowledge does not know spelt two ways in the corpus.

use super::*;
use crate::model::span::FileId;
use crate::rules::knowledge::gazetteer;

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

/// How many other uses of the odd spelling in its article a diagnostic
/// labels.
const MAX_LABELS: usize = 6;

/// `place-inconsistent`: one unknown place spelt two ways across the corpus.
/// The spelling fewer articles use is reported in every article that has
/// it (a tie is not: there is no odd one out, and a real place of the
/// gazetteer is never a misspelling), with labels at the others' uses.
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
    // The spellings used at least once where the text says they are places.
    let mut placed: BTreeSet<&str> = BTreeSet::new();
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
            if place.placed {
                placed.insert(place.name.as_str());
            }
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
            // A real place is never a misspelling of another: Hubei and
            // Hebei, Tempe and Tampa, Putian and Putin.
            if gazetteer::is_place(minority) {
                continue;
            }
            // Both must be written as places somewhere ("in X", "X region"):
            // "loyal to Kabila" names no place, so it is no spelling of Kabul.
            let both_placed = placed.contains(minority) && placed.contains(majority);
            // A misspelling is one slip: a letter dropped, doubled, changed
            // or two swapped ("Nuremburg", "Idilb"). Two apart are as often
            // two names (Moone and Maine, Sauerland and Saarland).
            let one_slip = strsim::osa_distance(&a, &b) <= 1;
            if articles(spans) == articles(majority_spans) || derived || !both_placed || !one_slip {
                continue;
            }
            // One diagnostic in every article that has the odd spelling
            // (a baseline, an editor's buffer and `--fix` are per article),
            // at its first use there, with labels at its other uses there
            // and at the usual spelling's in other articles.
            let mut by_article: BTreeMap<FileId, Vec<Span>> = BTreeMap::new();
            for &span in spans.iter() {
                by_article.entry(span.file).or_default().push(span);
            }
            let odd_articles = by_article.len();
            for (file, uses) in by_article {
                let Some((&span, rest)) = uses.split_first() else {
                    continue;
                };
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
                for &other in rest.iter().take(MAX_LABELS) {
                    diagnostic = diagnostic.with_secondary(Label::new(other, format!("`{minority}` here too")));
                }
                for &other in majority_spans.iter().filter(|s| s.file != file).take(3) {
                    diagnostic = diagnostic.with_secondary(Label::new(other, format!("`{majority}` here")));
                }
                if odd_articles > 1 {
                    diagnostic = diagnostic.with_note(format!(
                        "`{minority}` is written in {} of this corpus",
                        plural(odd_articles, "article")
                    ));
                }
                diagnostics.push(diagnostic.with_note("help: pick one spelling for the whole corpus, or add the place to the knowledge with its preferred name"));
            }
        }
    }
    diagnostics
}
