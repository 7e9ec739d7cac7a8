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
        let mut classes = Classes::new(&uses);
        let mut flagged: HashSet<(u32, u32)> = HashSet::new();
        for (j, middle) in uses.iter().enumerate() {
            let Some((b, a)) = classes.nearest_conflicts(&uses, j, window) else {
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

/// The classes of one person's titles (a role, and whether it is a layer
/// on a seat): whether two titles are alternatives depends on their
/// classes alone, except for a minister and a secretary of one portfolio
/// (their words tell). A person has a handful of classes and may have
/// thousands of uses and of distinct titles, so conflicts are looked for
/// between classes, then among the uses of a conflicting class, nearest
/// first: linear in the uses for each class, never in the titles squared.
struct Classes<'u> {
    /// The roles each article gives the person, looked up in constant time
    /// (a scan of every use per pair made a large corpus cubic): titles
    /// given together in one article are offices held at once.
    roles_in: HashMap<u32, HashSet<&'u str>>,
    classes: Vec<(&'u str, bool)>,
    /// The class of each use.
    class_of: Vec<usize>,
    /// The uses of each class, in order.
    members: Vec<Vec<usize>>,
    /// Whether titles of two classes may be alternatives.
    alternative: Vec<Vec<bool>>,
    /// The uses of a class whose articles do not give a role: a use there
    /// never stands together with one of that role, so the nearest one in
    /// the window is the nearest that fits. Built when first wanted.
    apart: HashMap<(usize, &'u str), Vec<usize>>,
}

impl<'u> Classes<'u> {
    fn new(uses: &[Use<'u>]) -> Classes<'u> {
        let mut roles_in: HashMap<u32, HashSet<&str>> = HashMap::new();
        let mut index: HashMap<(&str, bool), usize> = HashMap::new();
        let mut classes: Vec<(&str, bool)> = Vec::new();
        let mut class_of = Vec::with_capacity(uses.len());
        for u in uses {
            let role = u.fact.key.role.as_str();
            roles_in.entry(u.fact.span.file.0).or_default().insert(role);
            let class = (role, layered(&u.fact.key));
            let c = *index.entry(class).or_insert_with(|| {
                classes.push(class);
                classes.len() - 1
            });
            class_of.push(c);
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); classes.len()];
        for (i, &c) in class_of.iter().enumerate() {
            members[c].push(i);
        }
        let alternative = classes
            .iter()
            .map(|a| classes.iter().map(|b| classes_alternative(*a, *b)).collect())
            .collect();
        Classes {
            roles_in,
            classes,
            class_of,
            members,
            alternative,
            apart: HashMap::new(),
        }
    }

    /// Whether the article `file` gives the person `role`.
    fn gives(&self, file: u32, role: &str) -> bool {
        self.roles_in.get(&file).is_some_and(|roles| roles.contains(role))
    }

    /// The nearest use either side of use `j` (the uses are in date order)
    /// within `window` days with a title that is an alternative to its, in
    /// an article that gives neither's role with the other.
    fn nearest_conflicts(&mut self, uses: &[Use<'u>], j: usize, window: i64) -> Option<(usize, usize)> {
        let middle = &uses[j];
        let role = middle.fact.key.role.as_str();
        let file = middle.fact.span.file.0;
        // The classes that conflict with this use's, and that its own
        // article does not also give.
        let conflicting: Vec<usize> = (0..self.classes.len())
            .filter(|&h| self.alternative[h][self.class_of[j]] && !self.gives(file, self.classes[h].0))
            .collect();
        for &h in &conflicting {
            if !self.apart.contains_key(&(h, role)) {
                let list = self.members[h]
                    .iter()
                    .copied()
                    .filter(|&i| !self.gives(uses[i].fact.span.file.0, role))
                    .collect();
                self.apart.insert((h, role), list);
            }
        }
        let in_window = |i: usize| (middle.date - uses[i].date).num_days().abs() <= window;
        let alternatives_to = |i: usize| alternatives(&uses[i].fact.key, &middle.fact.key);
        let lists = || conflicting.iter().map(|&h| &self.apart[&(h, role)]);
        let before = lists()
            .filter_map(|list| {
                let at = list.partition_point(|&i| i < j);
                list[..at]
                    .iter()
                    .rev()
                    .copied()
                    .take_while(|&i| in_window(i))
                    .find(|&i| alternatives_to(i))
            })
            .max()?;
        let after = lists()
            .filter_map(|list| {
                let at = list.partition_point(|&i| i <= j);
                list[at..]
                    .iter()
                    .copied()
                    .take_while(|&i| in_window(i))
                    .find(|&i| alternatives_to(i))
            })
            .min()?;
        Some((before, after))
    }
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
    // "Brexit Minister" and "Brexit Secretary": where a country calls its
    // ministers secretaries, the two roles of one portfolio are one office.
    let portfolio = |x: &TitleKey, y: &TitleKey| {
        x.role == "minister" && y.role == "secretary" && x.words.iter().any(|w| y.words.contains(w))
    };
    classes_alternative((&a.role, layered(a)), (&b.role, layered(b))) && !portfolio(a, b) && !portfolio(b, a)
}

/// Whether titles of two classes (a role, and whether the title is a layer
/// on a seat) may be alternatives: [`alternatives`] without the words of a
/// portfolio.
fn classes_alternative((a, a_layered): (&str, bool), (b, b_layered): (&str, bool)) -> bool {
    // "President-elect", then "President": one office, taken up.
    let elect = |x: &str, y: &str| {
        x.strip_suffix(" elect")
            .or_else(|| x.strip_suffix("-elect"))
            .is_some_and(|base| base == y)
    };
    if a == b || elect(a, b) || elect(b, a) {
        return false;
    }
    let top = |role: &str| TOP_OFFICE.contains(&role);
    if (top(a) && !is_ranked(b)) || (top(b) && !is_ranked(a)) {
        return false;
    }
    if a == "member" || b == "member" {
        return false;
    }
    // A chair presides over a body on top of a seat ("Senator" and
    // "Senate Intelligence Chairman", "President" and "Chairman Xi"); only
    // another rank of the chair ("Vice Chairman") is an alternative.
    let chair = |x: &str, y: &str| x == "chair" && !y.ends_with(" chair");
    if chair(a, b) || chair(b, a) {
        return false;
    }
    // "acting President" is a layer on the office held: a prime minister
    // acting as president holds both.
    a_layered == b_layered
}

/// Whether a title is a layer on a seat: an office of a committee, or a
/// temporary one ("acting").
fn layered(key: &TitleKey) -> bool {
    key.words
        .iter()
        .any(|w| LAYERED_BODIES.contains(&w.as_str()) || TEMPORARY.contains(&w.as_str()))
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
