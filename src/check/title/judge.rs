//! The judgements of a known person's title: an office the person never
//! held (`title-mismatch`), one not held on the article's date
//! (`title-not-held`), a name in a variant spelling (`title-name-spelling`).

use super::*;
use crate::text::told::Period;

/// Judges a title not held on the article's date in a sentence that tells
/// of `period` ("In November 2014, Prime Minister X presented …"): wrong
/// when every office the title names had been left before it. From a
/// table, as on the article's date (see [`grounded_not_held`]): only the
/// offices the title names exactly, and only when the person held another
/// office then (a former holder keeps the old title as an honorific).
fn not_held_in(
    checks: &[Active<'_, TitleRule>],
    knowledge: &Knowledge,
    person: &Person,
    fact: &TitleFact,
    matching: &[&Tenure],
    period: &Period,
    outcome: &mut ArticleOutcome,
) {
    if !person.known_on(period.last) || matching.iter().any(|t| t.may_hold_within(period.first, period.last)) {
        return;
    }
    let left = |t: &Tenure| t.to.as_ref().is_some_and(|to| to.latest < period.first);
    // An office taken up after the time told of, by the article's date,
    // names the person as readers know them ("President Barack Obama ended
    // the practice in 2008", written after his presidency): only an office
    // left before that time is wrong in it.
    if matching.iter().any(|t| !left(t)) {
        return;
    }
    let matching: Vec<&Tenure> = if person.source.is_some() {
        matching
            .iter()
            .copied()
            .filter(|t| {
                knowledge
                    .offices
                    .get(t.office)
                    .is_some_and(|o| knowledge.office_names_exactly(o, &fact.key))
            })
            .collect()
    } else {
        matching.to_vec()
    };
    let Some(nearest) = nearest_tenure(&matching, period.first) else {
        return;
    };
    // From a table, a person with no office then may be a namesake, or a
    // former holder still called by the old title.
    let held_then = person
        .tenures
        .iter()
        .any(|t| t.known_to_hold_on(period.first) || t.known_to_hold_on(period.last));
    if person.source.is_some() && !held_then {
        return;
    }
    let office_name = knowledge
        .offices
        .get(nearest.office)
        .map_or("this office", |o| o.name.as_str());
    let until = nearest
        .to
        .as_ref()
        .map_or_else(|| nearest.describe(), |to| format!("until {}", to.text));
    for check in enabled(checks, TitleJudgement::NotHeld) {
        let mut diagnostic = Diagnostic::new(
            &check.meta.id,
            check.meta.severity,
            format!(
                "{} was not {office_name} in {}, the time this sentence tells of (held {until})",
                person.name, period.shown
            ),
            Label::new(fact.span, format!("not {}'s office in {}", person.name, period.shown)),
        )
        .with_secondary(Label::new(fact.mention, person.name.clone()));
        let mut others: Vec<&str> = [period.first, period.last]
            .iter()
            .flat_map(|day| knowledge.holders_on(nearest.office, *day))
            .map(|p| p.name.as_str())
            .filter(|n| *n != person.name)
            .collect();
        others.dedup();
        if !others.is_empty() {
            diagnostic = diagnostic.with_note(format!(
                "in {}, the {office_name} was {}",
                period.shown,
                others.join(" and ")
            ));
        }
        let held: Vec<String> = person
            .tenures
            .iter()
            .filter(|t| t.may_hold_within(period.first, period.last))
            .filter_map(|t| {
                knowledge
                    .offices
                    .get(t.office)
                    .map(|o| format!("{} ({})", o.name, t.describe()))
            })
            .collect();
        if !held.is_empty() {
            diagnostic = diagnostic.with_note(format!("in {}, {} was {}", period.shown, person.name, held.join("; ")));
        }
        diagnostic = diagnostic.with_note(
            "help: a title names the office held at the time the sentence tells of: write \"former\" before it, or give the office held then",
        );
        outcome.diagnostics.push(with_source(diagnostic, person));
    }
}

/// What the sentence of a title tells of its time.
pub(super) struct SentenceTime<'a> {
    /// Whether it tells of a time before the article's date, given the
    /// last day of the office the title names (see `told_of_the_past`).
    pub of_the_past: &'a dyn Fn(NaiveDate) -> bool,
    /// The period it dates the title's clause to with a year, if any:
    /// asked only of a title not held on the article's date.
    pub told: &'a dyn Fn() -> Option<Period>,
}

/// Judges one title of a known person.
pub(super) fn judge(
    checks: &[Active<'_, TitleRule>],
    knowledge: &Knowledge,
    person: &Person,
    fact: &TitleFact,
    text: &str,
    time: &SentenceTime<'_>,
    outcome: &mut ArticleOutcome,
) {
    let (of_the_past, told) = (time.of_the_past, time.told);
    // After the record's `known-until` (the world layer's snapshot) a term
    // may have ended and another begun: nothing is said.
    if person.tenures.is_empty() || fact.date.is_some_and(|d| !person.known_on(d)) {
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
        if before_known || past_unknown || !grounded_mismatch(knowledge, person, fact) {
            return;
        }
        for check in enabled(checks, TitleJudgement::Mismatch) {
            outcome
                .diagnostics
                .push(with_source(mismatch(check, knowledge, person, fact, text), person));
        }
        return;
    }
    let Some(date) = fact.date else { return };
    if fact.past {
        return;
    }
    // A title held on the article's date names its holder in any sentence:
    // "President Donald Trump paid $38m in taxes in 2005" is how news
    // writes of a president's past.
    if matching.iter().any(|t| t.may_hold_on(date)) {
        return;
    }
    // An office not yet held on the article's date is wrong in any
    // sentence (below); one held before it, in a sentence of a told time,
    // is judged as of that time.
    let not_yet = matching
        .iter()
        .any(|t| t.from.as_ref().is_some_and(|f| f.earliest > date));
    if let Some(period) = (!not_yet).then(told).flatten() {
        not_held_in(checks, knowledge, person, fact, &matching, &period, outcome);
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
    // From a table, only the terms of offices the title names exactly: of
    // one seat, unless the person left it (see `grounded_not_held`).
    let matching: Vec<&Tenure> = if person.source.is_some() {
        matching
            .into_iter()
            .filter(|t| {
                let left = t.to.as_ref().is_some_and(|to| to.latest < date);
                knowledge
                    .offices
                    .get(t.office)
                    .is_some_and(|o| (left || o.single_seat) && knowledge.office_names_exactly(o, &fact.key))
            })
            .collect()
    } else {
        matching
    };
    let Some(nearest) = nearest_tenure(&matching, date) else {
        return;
    };
    if !grounded_not_held(knowledge, person, nearest, date) {
        return;
    }
    for check in enabled(checks, TitleJudgement::NotHeld) {
        outcome.diagnostics.push(with_source(
            not_held(check, knowledge, person, fact, &matching, date),
            person,
        ));
    }
}

use crate::rules::knowledge::titles::is_ranked;

/// Whether "never held" can be said from the person's record. A record
/// written in the rule files covers its person's career. A record of a
/// layer with a source (the world layer, an import) holds only the offices
/// its table was asked for, under their official labels, and its name may
/// be a namesake's ("John Kelly" the Irish senator, not "John F. Kelly"):
/// "never held" is said from it only when the title names exactly (every
/// word its own) a one-seat office of a country where the record knows the
/// person as an official, and the table knows who else held that office on
/// the article's date. "FBI Director", "European Council President" or
/// "Russian Deputy Prime Minister" (several at once) are left alone.
fn grounded_mismatch(knowledge: &Knowledge, person: &Person, fact: &TitleFact) -> bool {
    if person.source.is_none() {
        return true;
    }
    let Some(date) = fact.date else { return false };
    // A bare role ("the President Jean-Claude Juncker") names no office. A
    // deputy's post is often shared and its holders poorly recorded (a
    // government names several deputy prime ministers, and the table misses
    // some): "never held" is not said of a ranked title from a table.
    if fact.key.words.is_empty() || is_ranked(&fact.key.role) {
        return false;
    }
    named_office(knowledge, person, &fact.key)
        .or_else(|| other_country_office(knowledge, person, &fact.key, date))
        .is_some_and(|office| knowledge.holders_on(office, date).iter().any(|p| p.id != person.id))
}

/// The countries where a table's person holds or held an office.
fn countries_of(knowledge: &Knowledge, person: &Person) -> Vec<u32> {
    let mut countries: Vec<u32> = person
        .tenures
        .iter()
        .filter_map(|t| knowledge.offices.get(t.office))
        .map(|o| o.jurisdiction)
        .filter(|j| *j != 0)
        .collect();
    countries.sort_unstable();
    countries.dedup();
    countries
}

/// The office of another country that a table's person's title names,
/// when the title gives the right role with the wrong country: "British
/// Prime Minister Shinzo Abe" while he is Prime Minister of Japan. A
/// namesake cannot explain it, because the person holds that role in
/// their own country on the article's date; so it is said only then, when
/// the title's country words name one country and no word of the person's
/// own offices ("Congolese" is both Congos', "Chinese" the Republic of
/// China's), and that country's office of the role is one-seat and named
/// exactly.
fn other_country_office(
    knowledge: &Knowledge,
    person: &Person,
    key: &crate::model::fact::TitleKey,
    date: NaiveDate,
) -> Option<usize> {
    let named: Vec<&String> = key.words.iter().filter(|w| knowledge.countries.contains(*w)).collect();
    if named.is_empty() {
        return None;
    }
    let own_words = |w: &String| {
        person
            .tenures
            .iter()
            .filter_map(|t| knowledge.offices.get(t.office))
            .any(|o| o.words.contains(w))
    };
    if named.iter().any(|w| own_words(w)) {
        return None;
    }
    // The office held must name its country in its own label: a bare
    // "President" (Taiwan's, in the table) says nothing of what its
    // country is called ("Chinese" is the Republic of China's too).
    let names_its_country = |o: &crate::rules::knowledge::people::Office| {
        let label: std::collections::BTreeSet<String> = knowledge.titles.qualifier_words(&o.name).into_iter().collect();
        knowledge
            .jurisdiction_words
            .get(o.jurisdiction as usize)
            .is_some_and(|words| !words.is_empty() && words.is_subset(&label))
    };
    let holds_role = person.tenures.iter().any(|t| {
        t.known_to_hold_on(date)
            && knowledge
                .offices
                .get(t.office)
                .is_some_and(|o| o.roles.contains(&key.role) && names_its_country(o))
    });
    if !holds_role {
        return None;
    }
    // The country whose name is the title's country words ("British" is
    // the United Kingdom, not the British Virgin Islands), else the one
    // country whose name holds them ("American"); "Korean" names two.
    let fitting: Vec<(usize, bool)> = knowledge
        .jurisdiction_words
        .iter()
        .enumerate()
        .filter(|(j, words)| *j != 0 && !words.is_empty() && named.iter().all(|w| words.contains(*w)))
        .map(|(j, words)| (j, words.len() == named.len()))
        .collect();
    let exact: Vec<usize> = fitting.iter().filter(|(_, exact)| *exact).map(|(j, _)| *j).collect();
    let country = match (exact.as_slice(), fitting.as_slice()) {
        ([one], _) | ([], [(one, false)]) => *one,
        _ => return None,
    };
    if countries_of(knowledge, person).iter().any(|j| *j as usize == country) {
        return None;
    }
    let named: Vec<usize> = knowledge
        .offices_of_country
        .get(country)?
        .iter()
        .copied()
        .filter(|&i| {
            knowledge
                .offices
                .get(i)
                .is_some_and(|o| knowledge.office_names_exactly(o, key))
        })
        .collect();
    // "American President" names the President of the United States, not
    // the President pro tempore of its Senate: of several, the one with no
    // word beyond the title's and the country's.
    let bare = |&&i: &&usize| {
        knowledge.offices.get(i).is_some_and(|o| {
            o.words
                .iter()
                .all(|w| key.words.contains(w) || knowledge.jurisdiction_words[country].contains(w))
        })
    };
    let index = match named.as_slice() {
        [one] => *one,
        several => match several.iter().filter(bare).collect::<Vec<_>>().as_slice() {
            [one] => **one,
            _ => return None,
        },
    };
    knowledge
        .offices
        .get(index)
        .is_some_and(|o| o.single_seat)
        .then_some(index)
}

/// The one office that the title `key` names exactly (see
/// [`Knowledge::office_names_exactly`]) among the offices of a country
/// where the person's record knows them as an official, when it is a
/// one-seat office; `None` when the title names none, or several
/// ("Minister of State": Ireland has a dozen).
fn named_office(knowledge: &Knowledge, person: &Person, key: &crate::model::fact::TitleKey) -> Option<usize> {
    let countries = countries_of(knowledge, person);
    // Only the offices of those countries, by the index: this runs for
    // every title of a table's person that fits none of their offices.
    let mut named = countries
        .iter()
        .filter_map(|&j| knowledge.offices_of_country.get(j as usize))
        .flatten()
        .filter(|&&i| {
            knowledge
                .offices
                .get(i)
                .is_some_and(|o| knowledge.office_names_exactly(o, key))
        });
    let index = *named.next()?;
    (named.next().is_none() && knowledge.offices.get(index).is_some_and(|o| o.single_seat)).then_some(index)
}

/// Whether "not held on this date" can be said from the person's record:
/// always from the rule files. From a layer with a source, the title must
/// name the office exactly (the caller keeps only those). Of an office not
/// yet held, only when it is one-seat and the table knows who else held it
/// on the date (else the person's own earlier term may be missing). Of an
/// office left before the date, only when the person holds another one on
/// it (the table's record of that term is the ground): news keeps a former
/// president's title for what he did in office ("an appointee of President
/// George W. Bush"), while "Prime Minister Vladimir Putin" of a sitting
/// president is a stale title.
fn grounded_not_held(knowledge: &Knowledge, person: &Person, tenure: &Tenure, date: NaiveDate) -> bool {
    if person.source.is_none() {
        return true;
    }
    let left = tenure.to.as_ref().is_some_and(|to| to.latest < date);
    if left {
        return person.tenures.iter().any(|t| t.known_to_hold_on(date));
    }
    knowledge
        .holders_on(tenure.office, date)
        .iter()
        .any(|p| p.id != person.id)
}

/// A note naming where the record comes from, when it is a layer's with a
/// source (the world layer, an import): "per Wikidata, as of 2022-07-19
/// (Q7747)".
fn with_source(diagnostic: Diagnostic, person: &Person) -> Diagnostic {
    let Some(source) = &person.source else {
        return diagnostic;
    };
    let item = person.wikidata.as_ref().map(|q| format!(" ({q})")).unwrap_or_default();
    diagnostic.with_note(format!("per {source}{item}"))
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
        // Only the office the title names, else (for a person of the rule
        // files) the offices of the person's own countries: every office of
        // the world that a bare "Prime Minister" could mean would be
        // hundreds of notes, none of them about this person.
        let named = named_office(knowledge, person, &fact.key)
            .or_else(|| other_country_office(knowledge, person, &fact.key, date));
        let countries = countries_of(knowledge, person);
        let of_the_person = |office: &crate::rules::knowledge::people::Office| {
            person.source.is_none()
                && if countries.is_empty() {
                    office.origin != crate::rules::knowledge::world::FILE_NAME
                } else {
                    countries.contains(&office.jurisdiction)
                }
        };
        for (index, office) in knowledge.offices.iter().enumerate() {
            let wanted = match named {
                Some(named) => named == index,
                None => of_the_person(office),
            };
            if !wanted || !knowledge.office_matches(office, &fact.key) {
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

/// The tenure nearest the article's date: it explains the error best.
fn nearest_tenure<'t>(matching: &[&'t Tenure], date: NaiveDate) -> Option<&'t Tenure> {
    let distance = |t: &Tenure| match (&t.from, &t.to) {
        (_, Some(to)) if to.latest < date => (date - to.latest).num_days(),
        (Some(from), _) if date < from.earliest => (from.earliest - date).num_days(),
        _ => 0,
    };
    matching.iter().copied().min_by_key(|t| distance(t))
}

pub(super) fn not_held(
    check: &Check,
    knowledge: &Knowledge,
    person: &Person,
    fact: &TitleFact,
    matching: &[&Tenure],
    date: NaiveDate,
) -> Diagnostic {
    let Some(nearest) = nearest_tenure(matching, date) else {
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
