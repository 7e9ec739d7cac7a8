//! Knowledge of people and offices: who held which office when, and the
//! ways their names and titles are written. Compiled from the `[titles]`,
//! `[[office]]` and `[[person]]` tables of the rule files.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use toml::Spanned;

use super::overlap::{self, WrittenPeriod};
use super::titles::{TOP_OFFICE, TitleKey, TitleNormalizer, is_ranked};
use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::span::{FileId, Span};
use crate::model::toml_error::RULE_FILE_ERROR;
use crate::rules::raw::{RawEvent, RawOffice, RawPerson, RawTitles};
use crate::rules::{FastMap, FastSet};
use crate::rules::{duplicate, error};

/// A date in the knowledge, written to the day, month or year. A bound
/// written to the month or year covers a range of days; checks give the
/// benefit of the doubt (an office "from 2019" may have started on Jan. 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateBound {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    /// As written: `2019-03-20`, `2022-01`, `2019`.
    pub text: String,
}

impl DateBound {
    /// Parses a TOML date, a `"YYYY-MM"` or `"YYYY-MM-DD"` string, or a year.
    pub fn from_toml(value: &toml::Value) -> Option<DateBound> {
        let text = match value {
            toml::Value::Datetime(datetime) => {
                let date = datetime.date?;
                format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
            }
            toml::Value::String(text) => text.trim().to_string(),
            toml::Value::Integer(year) => year.to_string(),
            _ => return None,
        };
        let parts: Vec<&str> = text.split('-').collect();
        let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
        let year = parts
            .first()
            .and_then(|p| p.parse::<i32>().ok())
            .filter(|_| parts[0].len() == 4)?;
        let (earliest, latest) = match parts.len() {
            1 => (
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            ),
            2 => {
                let month = number(1)?;
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)?
                };
                (first, next.pred_opt()?)
            }
            3 => {
                let day = NaiveDate::from_ymd_opt(year, number(1)?, number(2)?)?;
                (day, day)
            }
            _ => return None,
        };
        Some(DateBound { earliest, latest, text })
    }
}

/// A post: its preferred name and every way it is written, reduced to keys.
#[derive(Debug)]
pub struct Office {
    pub id: String,
    pub name: String,
    /// The roles of its written forms ("chair", and for a speaker also "chair").
    pub roles: BTreeSet<String>,
    /// Every qualifying word of every written form.
    pub words: BTreeSet<String>,
}

impl Knowledge {
    /// Whether a title written as `key` can mean `office`: one of its roles
    /// (or a top-office word, "UN chief", for an office that is no lower
    /// rank, when every word of the title is the office's), and no
    /// qualifying word that tells this office from another of the same
    /// role. Words no office of that role uses ("the administration of",
    /// "the State Council") are tolerated: a missing form must not become a
    /// false alarm. A country contradicts only an office of another country
    /// ("US Fed chair": the Fed names no country).
    pub fn office_matches(&self, office: &Office, key: &TitleKey) -> bool {
        let top = TOP_OFFICE.contains(&key.role.as_str())
            && !key.words.is_empty()
            && key.words.iter().all(|w| office.words.contains(w))
            && office.roles.iter().any(|r| !is_ranked(r));
        (office.roles.contains(&key.role) || top) && key.words.iter().all(|w| self.word_fits(office, &key.role, w))
    }

    fn word_fits(&self, office: &Office, role: &str, word: &str) -> bool {
        if office.words.contains(word) {
            return true;
        }
        if self.countries.contains(word) {
            return !office.words.iter().any(|w| self.countries.contains(w));
        }
        !self.role_vocabulary.get(role).is_some_and(|words| words.contains(word))
    }
}

/// Whether `date` may lie between `from` and `to` (either open), giving
/// bounds written to the month or year the benefit of the doubt. Shared by
/// offices, place names and capitals.
pub fn may_be_within(from: Option<&DateBound>, to: Option<&DateBound>, date: NaiveDate) -> bool {
    from.is_none_or(|f| f.earliest <= date) && to.is_none_or(|t| date <= t.latest)
}

/// A date of the knowledge, or an error at its TOML span.
pub fn compile_date(file: FileId, value: &Spanned<toml::Value>, errors: &mut Vec<Diagnostic>) -> Option<DateBound> {
    let parsed = DateBound::from_toml(value.get_ref());
    if parsed.is_none() {
        errors.push(error(
            Span::new(file, value.span()),
            "not a date",
            "expected a date (2019-03-20), a month (\"2022-01\") or a year (2019)",
        ));
    }
    parsed
}

/// A `from`/`to` pair (either may be missing), with an error for a `to`
/// before its `from`. Shared by offices, place names and capitals.
pub fn compile_period(
    file: FileId,
    from: Option<&Spanned<toml::Value>>,
    to: Option<&Spanned<toml::Value>>,
    errors: &mut Vec<Diagnostic>,
) -> (Option<DateBound>, Option<DateBound>) {
    let start = from.and_then(|v| compile_date(file, v, errors));
    let end = to.and_then(|v| compile_date(file, v, errors));
    if let (Some(f), Some(t), Some(to)) = (&start, &end, to)
        && t.latest < f.earliest
    {
        errors.push(error(
            Span::new(file, to.span()),
            format!("`to` ({}) is before `from` ({})", t.text, f.text),
            "ends before it starts",
        ));
    }
    (start, end)
}

/// A period in office.
#[derive(Clone, Debug)]
pub struct Tenure {
    pub office: usize,
    pub from: Option<DateBound>,
    pub to: Option<DateBound>,
}

impl Tenure {
    /// Whether the office may have been held on `date`, giving imprecise
    /// bounds the benefit of the doubt.
    pub fn may_hold_on(&self, date: NaiveDate) -> bool {
        may_be_within(self.from.as_ref(), self.to.as_ref(), date)
    }

    /// "from 2019-03-20", "2022-01-11 to 2024-02-05".
    pub fn describe(&self) -> String {
        match (&self.from, &self.to) {
            (Some(from), Some(to)) => format!("{} to {}", from.text, to.text),
            (Some(from), None) => format!("since {}", from.text),
            (None, Some(to)) => format!("until {}", to.text),
            (None, None) => "at an unknown time".to_string(),
        }
    }
}

#[derive(Debug)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub spellings: Vec<String>,
    pub short: Vec<String>,
    pub tenures: Vec<Tenure>,
    /// From when the knowledge covers the person's career (`known-from`,
    /// else the earliest start of a recorded office); `None` when an
    /// office has no start, so the whole career is known.
    pub known_from: Option<NaiveDate>,
    /// A `known-from` as written: the author's word that the record covers
    /// every office from then on, so that a past title ("former Premier")
    /// can be said never to have been held.
    pub career_from: Option<NaiveDate>,
}

/// Everything the title checks know.
#[derive(Debug, Default)]
pub struct Knowledge {
    pub titles: TitleNormalizer,
    pub offices: Vec<Office>,
    pub people: Vec<Person>,
    /// Every qualifying word of every office: the words a title may hold.
    pub vocabulary: FastSet<String>,
    /// Per role, the qualifying words of the offices of that role: the
    /// words that tell one such office from another.
    pub role_vocabulary: FastMap<String, FastSet<String>>,
    /// The words of countries (see [`TitleNormalizer::country_words`]).
    pub countries: FastSet<String>,
    /// Events with known dates, for the anniversary check.
    pub events: Vec<Event>,
}

/// Something that happened on a known date.
#[derive(Debug)]
pub struct Event {
    pub id: String,
    pub name: String,
    pub date: DateBound,
    /// Phrases that name the event, as written: matched as whole words,
    /// an acronym ("BRI", no lower-case letter) in its case, any other
    /// phrase in any case.
    pub mentions: Vec<String>,
    /// The ids of the places the event is between, with where each is
    /// written; a sentence must name each for a mention to count.
    pub between: Vec<(String, Span)>,
}

impl Knowledge {
    /// The people who may have held `office` on `date`.
    pub fn holders_on(&self, office: usize, date: NaiveDate) -> Vec<&Person> {
        self.people
            .iter()
            .filter(|p| p.tenures.iter().any(|t| t.office == office && t.may_hold_on(date)))
            .collect()
    }
}

/// The knowledge tables of all rule files, gathered before compiling.
#[derive(Default)]
pub struct RawKnowledge {
    pub titles: Vec<(FileId, RawTitles)>,
    pub offices: Vec<(FileId, Spanned<RawOffice>)>,
    pub people: Vec<(FileId, Spanned<RawPerson>)>,
    pub events: Vec<(FileId, Spanned<RawEvent>)>,
}

fn strings(items: &[Spanned<String>]) -> Vec<String> {
    items.iter().map(|s| s.get_ref().clone()).collect()
}

/// Compiles the knowledge; errors point at the TOML they are about.
pub fn compile(raw: RawKnowledge, errors: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>) -> Knowledge {
    let normalizer = compile_titles(&raw.titles);
    let (offices, office_index) = compile_offices(raw.offices, &normalizer, errors);
    let people = compile_people(raw.people, &offices, &office_index, errors, warnings);
    let vocabulary = offices.iter().flat_map(|o| o.words.iter().cloned()).collect();
    let mut role_vocabulary: FastMap<String, FastSet<String>> = FastMap::default();
    for office in &offices {
        for role in &office.roles {
            role_vocabulary
                .entry(role.clone())
                .or_default()
                .extend(office.words.iter().cloned());
        }
    }
    let countries = normalizer.country_words().cloned().collect();
    let events = compile_events(raw.events, errors);
    Knowledge {
        titles: normalizer,
        offices,
        people,
        vocabulary,
        role_vocabulary,
        countries,
        events,
    }
}

/// Every `[titles]` table as one normaliser.
fn compile_titles(tables: &[(FileId, RawTitles)]) -> TitleNormalizer {
    let mut roles = Vec::new();
    let mut synonyms = Vec::new();
    let mut replace = Vec::new();
    let mut demonyms = Vec::new();
    let mut ignore = Vec::new();
    let mut past = Vec::new();
    for (_, titles) in tables {
        roles.extend(strings(&titles.roles));
        synonyms.extend(titles.synonyms.iter().map(|g| strings(g)));
        replace.extend(titles.replace.iter().map(|(k, v)| (k.clone(), v.get_ref().clone())));
        demonyms.extend(titles.demonyms.iter().map(|(k, v)| (k.clone(), v.get_ref().clone())));
        ignore.extend(strings(&titles.ignore));
        past.extend(strings(&titles.past_markers));
    }
    TitleNormalizer::new(&roles, &synonyms, &replace, &demonyms, &ignore, &past)
}

/// The `[[office]]` tables, and each office's index and id span by id.
type OfficeIndex = HashMap<String, (usize, Span)>;

fn compile_offices(
    raw: Vec<(FileId, Spanned<RawOffice>)>,
    normalizer: &TitleNormalizer,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<Office>, OfficeIndex) {
    let mut offices: Vec<Office> = Vec::new();
    let mut office_index: OfficeIndex = HashMap::new();
    for (file, office) in raw {
        let office = office.into_inner();
        let id_span = Span::new(file, office.id.span());
        if let Some((_, first)) = office_index.get(office.id.get_ref()) {
            errors.push(duplicate("office", office.id.get_ref(), id_span, *first));
            continue;
        }
        let mut compiled = Office {
            id: office.id.get_ref().clone(),
            name: office.name.get_ref().clone(),
            roles: BTreeSet::new(),
            words: BTreeSet::new(),
        };
        for form in std::iter::once(&office.name).chain(office.titles.iter()) {
            let keys = normalizer.parse(form.get_ref());
            if keys.is_empty() {
                errors.push(
                    error(
                        Span::new(file, form.span()),
                        format!("title `{}` names no known role", form.get_ref()),
                        "no role in this title",
                    )
                    .with_note("help: add its role (e.g. \"Governor\") to `roles` in a `[titles]` table"),
                );
            }
            for key in keys {
                compiled.roles.insert(key.role);
                compiled.words.extend(key.words);
            }
        }
        office_index.insert(compiled.id.clone(), (offices.len(), id_span));
        offices.push(compiled);
    }
    (offices, office_index)
}

/// The `[[person]]` tables, each office they held checked against
/// `offices`; a person holding one office twice at once is a warning.
fn compile_people(
    raw: Vec<(FileId, Spanned<RawPerson>)>,
    offices: &[Office],
    office_index: &OfficeIndex,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Person> {
    let mut people = Vec::new();
    let mut person_ids: HashMap<String, Span> = HashMap::new();
    // Every name and spelling written so far: (person id, where written).
    let mut names: HashMap<String, (String, Span)> = HashMap::new();
    for (file, person) in raw {
        let person = person.into_inner();
        let id_span = Span::new(file, person.id.span());
        if let Some(first) = person_ids.get(person.id.get_ref()) {
            errors.push(duplicate("person", person.id.get_ref(), id_span, *first));
            continue;
        }
        person_ids.insert(person.id.get_ref().clone(), id_span);
        // Two people of one name: every mention goes to whichever comes
        // first in folder order, and its diagnostics would contradict the
        // other's record. Say so once per name.
        for written in std::iter::once(&person.name).chain(&person.spellings) {
            let span = Span::new(file, written.span());
            match names.get(written.get_ref()) {
                Some((other, first)) if other != person.id.get_ref() => warnings.push(
                    Diagnostic::new(
                        RULE_FILE_ERROR,
                        Severity::Warning,
                        format!(
                            "`{}` names two people: `{other}` and `{}`",
                            written.get_ref(),
                            person.id.get_ref()
                        ),
                        Label::new(span, format!("`{}` is written here", person.id.get_ref())),
                    )
                    .with_secondary(Label::new(*first, format!("`{other}` is written here")))
                    .with_note(format!(
                        "every mention of `{}` is taken for `{other}`, the first in folder order",
                        written.get_ref()
                    ))
                    .with_note("help: merge the two records, or remove the name from one of them"),
                ),
                Some(_) => {}
                None => {
                    names.insert(written.get_ref().clone(), (person.id.get_ref().clone(), span));
                }
            }
        }
        let mut tenures = Vec::new();
        let mut spans = Vec::new();
        for written in &person.offices {
            let tenure = written.get_ref();
            let Some(&(office, _)) = office_index.get(tenure.office.get_ref()) else {
                errors.push(
                    error(
                        Span::new(file, tenure.office.span()),
                        format!("no office `{}`", tenure.office.get_ref()),
                        "not an `[[office]]` id",
                    )
                    .with_note("help: define it in an `[[office]]` table, or fix the id"),
                );
                continue;
            };
            let (from, to) = compile_period(file, tenure.from.as_ref(), tenure.to.as_ref(), errors);
            tenures.push(Tenure { office, from, to });
            spans.push(Span::new(file, written.span()));
        }
        let periods: Vec<(usize, WrittenPeriod)> = tenures
            .iter()
            .zip(&spans)
            .map(|(t, span)| {
                let period = WrittenPeriod {
                    from: t.from.clone(),
                    to: t.to.clone(),
                    span: *span,
                };
                (t.office, period)
            })
            .collect();
        warnings.extend(overlap::pairwise(
            &periods,
            |(a, _), (b, _)| a == b,
            |a, _| {
                let what = format!("`{}` holds office `{}` twice", person.name.get_ref(), offices[*a].id);
                overlap::Conflict {
                    kind: what.clone(),
                    what,
                    help: "merge the two periods, or fix the dates of one of them".to_string(),
                }
            },
        ));
        let first_office = tenures
            .iter()
            .map(|t| t.from.as_ref().map(|f| f.earliest))
            .collect::<Option<Vec<_>>>()
            .and_then(|starts| starts.into_iter().min());
        let written = person.known_from.as_ref().and_then(|k| compile_date(file, k, errors));
        people.push(Person {
            id: person.id.get_ref().clone(),
            name: person.name.get_ref().clone(),
            spellings: strings(&person.spellings),
            short: strings(&person.short),
            career_from: written.as_ref().map(|k| k.earliest),
            known_from: written.map(|k| k.earliest).or(first_office),
            tenures,
        });
    }
    people
}

/// The `[[event]]` tables.
fn compile_events(raw: Vec<(FileId, Spanned<RawEvent>)>, errors: &mut Vec<Diagnostic>) -> Vec<Event> {
    let mut events = Vec::new();
    let mut event_ids: HashMap<String, Span> = HashMap::new();
    for (file, event) in raw {
        let event = event.into_inner();
        let id_span = Span::new(file, event.id.span());
        if let Some(first) = event_ids.get(event.id.get_ref()) {
            errors.push(duplicate("event", event.id.get_ref(), id_span, *first));
            continue;
        }
        event_ids.insert(event.id.get_ref().clone(), id_span);
        let Some(date) = compile_date(file, &event.date, errors) else {
            continue;
        };
        if event.mentions.is_empty() {
            errors.push(error(
                id_span,
                format!("event `{}` has no `mentions`", event.id.get_ref()),
                "add the phrases that name it in text",
            ));
            continue;
        }
        events.push(Event {
            id: event.id.get_ref().clone(),
            name: event.name.get_ref().clone(),
            date,
            mentions: strings(&event.mentions),
            between: event
                .between
                .iter()
                .map(|b| (b.get_ref().clone(), Span::new(file, b.span())))
                .collect(),
        });
    }
    events
}
