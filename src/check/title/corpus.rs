//! The corpus-wide part of the title checks: `title-inconsistent`, a person
//! the knowledge does not know given titles that go back and forth between
//! articles of the same weeks.

use super::*;
use crate::model::fact::TitleKey;
use crate::rules::knowledge::titles::{TEMPORARY, TOP_OFFICE, is_ranked};

/// A title given to an unknown person, for the corpus pass.
pub(super) struct Use<'f> {
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
    checks
        .iter()
        .filter(|a| a.rule.judgement == TitleJudgement::Inconsistent)
        .flat_map(|a| check_inconsistent(a.check, a.rule, facts, text_of))
        .collect()
}

/// One `title-inconsistent` check over the corpus's facts.
fn check_inconsistent(
    check: &Check,
    rule: &TitleRule,
    facts: &[Fact],
    text_of: &dyn Fn(crate::model::span::Span) -> String,
) -> Vec<Diagnostic> {
    let title_of = |fact: &TitleFact| text_of(fact.span).split_whitespace().collect::<Vec<_>>().join(" ");
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
        // One conflict is one diagnostic: the odd ones out with one title,
        // with labels at each use.
        let mut conflicts: BTreeMap<(&str, &str), Vec<OddUse>> = BTreeMap::new();
        uses.sort_by_key(|u| (u.date, u.fact.span.file, u.fact.span.start));
        // Titles given together in one article are offices held at once.
        // The roles each article gives the person, looked up in constant
        // time (a scan of every use per pair made a large corpus cubic).
        let mut roles_in: HashMap<u32, HashSet<&str>> = HashMap::new();
        for u in &uses {
            roles_in
                .entry(u.fact.span.file.0)
                .or_default()
                .insert(u.fact.key.role.as_str());
        }
        let gives = |file: u32, role: &str| roles_in.get(&file).is_some_and(|roles| roles.contains(role));
        let together = |a: &Use, b: &Use| {
            gives(a.fact.span.file.0, &b.fact.key.role) || gives(b.fact.span.file.0, &a.fact.key.role)
        };
        // The distinct titles (keys) of the person, and which uses give
        // each: a person has a handful of titles and may have thousands of
        // uses, so conflicts are looked for between titles, then among the
        // uses of a conflicting title, nearest first.
        let mut keys: Vec<&TitleKey> = Vec::new();
        let mut key_of: Vec<usize> = Vec::with_capacity(uses.len());
        for u in &uses {
            let k = keys.iter().position(|k| **k == u.fact.key).unwrap_or_else(|| {
                keys.push(&u.fact.key);
                keys.len() - 1
            });
            key_of.push(k);
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
        for (i, &k) in key_of.iter().enumerate() {
            members[k].push(i);
        }
        let alternative: Vec<Vec<bool>> = keys
            .iter()
            .map(|a| keys.iter().map(|b| alternatives(a, b)).collect())
            .collect();
        let mut flagged: HashSet<(u32, u32)> = HashSet::new();
        for (j, middle) in uses.iter().enumerate() {
            let in_window = |i: usize| (middle.date - uses[i].date).num_days().abs() <= window;
            let fits = |i: usize| in_window(i) && !together(&uses[i], middle);
            let conflicting = || (0..keys.len()).filter(|&h| alternative[h][key_of[j]]);
            // The nearest conflicting use either side, within the window
            // (the uses are in date order).
            let before = conflicting()
                .filter_map(|h| {
                    let at = members[h].partition_point(|&i| i < j);
                    members[h][..at]
                        .iter()
                        .rev()
                        .copied()
                        .take_while(|&i| in_window(i))
                        .find(|&i| fits(i))
                })
                .max();
            let after = conflicting()
                .filter_map(|h| {
                    let at = members[h].partition_point(|&i| i <= j);
                    members[h][at..]
                        .iter()
                        .copied()
                        .take_while(|&i| in_window(i))
                        .find(|&i| fits(i))
                })
                .min();
            let (Some(b), Some(a)) = (before, after) else {
                continue;
            };
            let (before, after) = (&uses[b], &uses[a]);
            // A, B, A: the same title on both sides of the odd one out.
            let back_and_forth = before.fact.key.role == after.fact.key.role;
            let same_days = (middle.date - before.date).num_days() <= 2 || (after.date - middle.date).num_days() <= 2;
            if !(back_and_forth || same_days) || before.fact.span.file == middle.fact.span.file {
                continue;
            }
            if !flagged.insert((middle.fact.span.file.0, middle.fact.span.start)) {
                continue;
            }
            // Keyed by the two roles, whichever is the odd one out: A B A B is
            // one conflict.
            let (odd, other) = (middle.fact.key.role.as_str(), before.fact.key.role.as_str());
            conflicts
                .entry((odd.min(other), odd.max(other)))
                .or_default()
                .push((j, [b, a]));
        }
        for odd in conflicts.values() {
            if let Some((first, rest)) = odd.split_first() {
                diagnostics.push(inconsistent(check, name, &uses, (first, rest), &title_of));
            }
        }
    }
    diagnostics
}

/// Bodies whose offices are layered on a seat: a senator chairs a
/// committee, a minister sits on a commission.
const LAYERED_BODIES: &[&str] = &["committee", "subcommittee", "commission", "caucus", "panel"];

/// Whether two titles are alternatives, so that giving both to one person
/// in the same weeks is a conflict. Not when they are one role (or one the
/// office-elect of the other), when one is
/// a top-office word ("X chief") and the other no lower rank, when one is
/// "member" (implied by any office of its body), or when only one is an
/// office of a committee (a layer on top of a seat, held at once).
fn alternatives(a: &TitleKey, b: &TitleKey) -> bool {
    // "President-elect", then "President": one office, taken up.
    let elect = |x: &str, y: &str| {
        x.strip_suffix(" elect")
            .or_else(|| x.strip_suffix("-elect"))
            .is_some_and(|base| base == y)
    };
    if a.role == b.role || elect(&a.role, &b.role) || elect(&b.role, &a.role) {
        return false;
    }
    let ranked = is_ranked;
    let top = |role: &str| TOP_OFFICE.contains(&role);
    if (top(&a.role) && !ranked(&b.role)) || (top(&b.role) && !ranked(&a.role)) {
        return false;
    }
    if a.role == "member" || b.role == "member" {
        return false;
    }
    // A chair presides over a body on top of a seat ("Senator" and
    // "Senate Intelligence Chairman", "President" and "Chairman Xi"); only
    // another rank of the chair ("Vice Chairman") is an alternative.
    let chair = |x: &str, y: &str| x == "chair" && !y.ends_with(" chair");
    if chair(&a.role, &b.role) || chair(&b.role, &a.role) {
        return false;
    }
    // "Brexit Minister" and "Brexit Secretary": where a country calls its
    // ministers secretaries, the two roles of one portfolio are one office.
    let portfolio = |x: &TitleKey, y: &TitleKey| {
        x.role == "minister" && y.role == "secretary" && x.words.iter().any(|w| y.words.contains(w))
    };
    if portfolio(a, b) || portfolio(b, a) {
        return false;
    }
    // "acting President" is a layer on the office held: a prime minister
    // acting as president holds both.
    let layered = |key: &TitleKey| {
        key.words
            .iter()
            .any(|w| LAYERED_BODIES.contains(&w.as_str()) || TEMPORARY.contains(&w.as_str()))
    };
    layered(a) == layered(b)
}

/// How many uses of a conflict a diagnostic labels, besides the first.
const MAX_LABELS: usize = 6;

/// A conflicting use: the index of a use given the odd title out, and of
/// the two uses it conflicts with.
type OddUse = (usize, [usize; 2]);

/// One conflict: the uses given the odd title out (indexes into `uses`),
/// the first and the rest, each with the two uses it conflicts with.
pub(super) fn inconsistent(
    check: &Check,
    name: &str,
    uses: &[Use],
    (first, rest): (&OddUse, &[OddUse]),
    title_of: &dyn Fn(&TitleFact) -> String,
) -> Diagnostic {
    let odd: Vec<usize> = std::iter::once(first).chain(rest).map(|(i, _)| *i).collect();
    let mut others: Vec<usize> = std::iter::once(first)
        .chain(rest)
        .flat_map(|(_, o)| o.iter().copied())
        .filter(|i| !odd.contains(i))
        .collect();
    others.sort_unstable();
    others.dedup();
    let first = &uses[first.0];
    let title = title_of(first.fact);
    let said_elsewhere: Vec<String> = odd[1..]
        .iter()
        .chain(&others)
        .map(|&o| format!("`{}`", title_of(uses[o].fact)))
        .filter(|t| *t != format!("`{title}`"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut diagnostic = Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        format!(
            "{name} is called `{title}` here, but {} in articles of the same weeks",
            said_elsewhere.join(" and ")
        ),
        Label::new(first.fact.span, format!("this article, of {}, says this", first.date)),
    );
    // Every other use of the conflict, in date order.
    let mut labelled: Vec<usize> = odd[1..].iter().chain(&others).copied().collect();
    labelled.sort_unstable();
    for &i in labelled.iter().take(MAX_LABELS) {
        let other = &uses[i];
        diagnostic = diagnostic.with_secondary(Label::new(
            other.fact.span,
            format!("an article of {} says this", other.date),
        ));
    }
    if labelled.len() > MAX_LABELS {
        diagnostic = diagnostic.with_note(format!(
            "and {} more uses in other articles",
            labelled.len() - MAX_LABELS
        ));
    }
    if odd.len() > 1 {
        diagnostic = diagnostic.with_note(format!("the titles go back and forth {} times", odd.len()));
    }
    diagnostic
        .with_note("a title that changes once and stays changed is a change of office; this one goes back and forth")
        .with_note("help: check which title is right and correct the other articles")
}
