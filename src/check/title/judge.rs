//! The judgements of a known person's title: an office the person never
//! held (`title-mismatch`), one not held on the article's date
//! (`title-not-held`), a name in a variant spelling (`title-name-spelling`).

use super::*;

/// Judges one title of a known person.
pub(super) fn judge(
    checks: &[Active<'_, TitleRule>],
    knowledge: &Knowledge,
    person: &Person,
    fact: &TitleFact,
    text: &str,
    of_the_past: &dyn Fn(NaiveDate) -> bool,
    outcome: &mut ArticleOutcome,
) {
    if person.tenures.is_empty() {
        return;
    }
    let matching: Vec<&Tenure> = person
        .tenures
        .iter()
        .filter(|t| {
            knowledge
                .offices
                .get(t.office)
                .is_some_and(|o| knowledge.office_matches(o, &fact.key))
        })
        .collect();
    if matching.is_empty() {
        // "Never held" is said only within the years the knowledge covers:
        // before a person's first recorded office, the record is silent.
        // A past title ("former chair of the party") tells of some time
        // before the article's date, which the record covers only when its
        // author says from when it covers the career (a written
        // `known-from`) or it has an office with no start.
        let before_known = fact
            .date
            .zip(person.known_from)
            .is_some_and(|(date, known)| date < known);
        let past_unknown = fact.past && person.known_from.is_some() && person.career_from.is_none();
        if before_known || past_unknown {
            return;
        }
        for check in enabled(checks, TitleJudgement::Mismatch) {
            outcome.diagnostics.push(mismatch(check, knowledge, person, fact, text));
        }
        return;
    }
    let Some(date) = fact.date else { return };
    if fact.past || matching.iter().any(|t| t.may_hold_on(date)) {
        return;
    }
    // An office the person left before the article's date is still their
    // title in a sentence about that time: news writes "appointed by
    // President Barack Obama" after he left office. Only an office not yet
    // held is wrong whatever the sentence tells of.
    let ended_on = matching
        .iter()
        .map(|t| t.to.as_ref().map(|to| to.latest))
        .collect::<Option<Vec<_>>>()
        .and_then(|ends| ends.into_iter().max())
        .filter(|end| *end < date);
    if let Some(end) = ended_on
        && of_the_past(end)
    {
        return;
    }
    for check in enabled(checks, TitleJudgement::NotHeld) {
        outcome
            .diagnostics
            .push(not_held(check, knowledge, person, fact, &matching, date));
    }
}

pub(super) fn offices_held(knowledge: &Knowledge, person: &Person, date: Option<NaiveDate>) -> Vec<String> {
    person
        .tenures
        .iter()
        .filter(|t| date.is_none_or(|d| t.may_hold_on(d)))
        .filter_map(|t| {
            knowledge
                .offices
                .get(t.office)
                .map(|o| format!("{} ({})", o.name, t.describe()))
        })
        .collect()
}

pub(super) fn mismatch(
    check: &Check,
    knowledge: &Knowledge,
    person: &Person,
    fact: &TitleFact,
    text: &str,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        format!("{} has never held the office of `{text}`", person.name),
        Label::new(fact.span, "no office of this person matches this title"),
    )
    .with_secondary(Label::new(fact.mention, person.name.clone()));
    let held = offices_held(knowledge, person, fact.date);
    let note = match (fact.date, held.is_empty()) {
        (Some(date), false) => format!("help: on {date}, {} was {}", person.name, held.join("; ")),
        (Some(date), true) => format!(
            "on {date}, {} held none of the offices in the knowledge; all offices: {}",
            person.name,
            offices_held(knowledge, person, None).join("; ")
        ),
        (None, _) => format!(
            "help: {}'s offices: {}",
            person.name,
            offices_held(knowledge, person, None).join("; ")
        ),
    };
    diagnostic = diagnostic.with_note(note);
    if let Some(date) = fact.date {
        for (index, office) in knowledge.offices.iter().enumerate() {
            if !knowledge.office_matches(office, &fact.key) {
                continue;
            }
            let holders: Vec<&str> = knowledge
                .holders_on(index, date)
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            if !holders.is_empty() {
                diagnostic =
                    diagnostic.with_note(format!("on {date}, the {} was {}", office.name, holders.join(" and ")));
            }
        }
    }
    diagnostic
}

pub(super) fn not_held(
    check: &Check,
    knowledge: &Knowledge,
    person: &Person,
    fact: &TitleFact,
    matching: &[&Tenure],
    date: NaiveDate,
) -> Diagnostic {
    // The tenure nearest the article's date explains the error best.
    let distance = |t: &Tenure| match (&t.from, &t.to) {
        (_, Some(to)) if to.latest < date => (date - to.latest).num_days(),
        (Some(from), _) if date < from.earliest => (from.earliest - date).num_days(),
        _ => 0,
    };
    let Some(nearest) = matching.iter().min_by_key(|t| distance(t)) else {
        return Diagnostic::new(
            &check.meta.id,
            check.meta.severity,
            "title not held",
            Label::new(fact.span, ""),
        );
    };
    let office = knowledge.offices.get(nearest.office);
    let office_name = office.map_or("this office", |o| o.name.as_str());
    let (message, past) = match (&nearest.from, &nearest.to) {
        (_, Some(to)) if to.latest < date => (
            format!(
                "{} was {office_name} until {}; this article is dated {date}",
                person.name, to.text
            ),
            true,
        ),
        (Some(from), _) => (
            format!(
                "{} became {office_name} only on {}; this article is dated {date}",
                person.name, from.text
            ),
            false,
        ),
        _ => (
            format!("{} did not hold the office of {office_name} on {date}", person.name),
            false,
        ),
    };
    let mut diagnostic = Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        message,
        Label::new(fact.span, format!("not {}'s office on {date}", person.name)),
    )
    .with_secondary(Label::new(fact.mention, person.name.clone()));
    let holders: Vec<&str> = knowledge
        .holders_on(nearest.office, date)
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| *n != person.name)
        .collect();
    if !holders.is_empty() {
        diagnostic = diagnostic.with_note(format!("on {date}, the {office_name} was {}", holders.join(" and ")));
    }
    let held = offices_held(knowledge, person, Some(date));
    if !held.is_empty() {
        diagnostic = diagnostic.with_note(format!("on {date}, {} was {}", person.name, held.join("; ")));
    }
    if past {
        diagnostic =
            diagnostic.with_note("help: if the article means the past office, write \"former\" before the title");
    }
    diagnostic
}

pub(super) fn spelling_diagnostic(
    check: &Check,
    person: &Person,
    article: &Article,
    range: Range<usize>,
) -> Diagnostic {
    let found = &article.text[range.clone()];
    let span = article.span(range);
    Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        format!("`{found}` is spelt `{}` in this corpus", person.name),
        Label::new(span, format!("`{}` is preferred", person.name)),
    )
    .with_fix(Fix::replace(span, person.name.clone(), Applicability::Safe))
}
