//! Knowledge of people and offices: who held which office when, and the
//! ways their names and titles are written. Compiled from the `[titles]`,
//! `[[office]]` and `[[person]]` tables of the rule files.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use toml::Spanned;

use super::overlap::{self, WrittenPeriod};
use super::titles::{TOP_OFFICE, TitleKey, TitleNormalizer, is_ranked};
use super::world::{self, SourceInfo, WorldLayer};
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
        DateBound::parse(&text)
    }

    /// Parses `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"`.
    pub fn parse(text: &str) -> Option<DateBound> {
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
        Some(DateBound {
            earliest,
            latest,
            text: text.to_string(),
        })
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
    /// Which country's cabinet the office belongs to, as an index into
    /// [`Knowledge::jurisdictions`]: 0 for an office of the rule files, whose
    /// words are told apart among all the rule files' offices.
    pub jurisdiction: u32,
    /// Its Wikidata item, where known ("Q14211").
    pub wikidata: Option<String>,
    /// Where it was defined: a rule file, or the world layer's table.
    pub origin: String,
    /// Whether one person at a time holds it (a president, a foreign
    /// minister; not the deputy prime ministers): two or more holders are
    /// recorded, and no two holders' terms overlap by more than a month.
    pub single_seat: bool,
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

    /// Whether the title `key` names `office` with nothing but its own
    /// words: its role, and qualifiers all of the office's.
    pub fn office_names_exactly(&self, office: &Office, key: &TitleKey) -> bool {
        office.roles.contains(&key.role) && key.words.iter().all(|w| office.words.contains(w))
    }

    /// A word tells offices of one role apart only within one country's
    /// cabinet: "national" in Poland's "Minister of National Defence" says
    /// nothing against Kazakhstan's "Minister of National Economy".
    fn word_fits(&self, office: &Office, role: &str, word: &str) -> bool {
        if office.words.contains(word) {
            return true;
        }
        if self.countries.contains(word) {
            return !office.words.iter().any(|w| self.countries.contains(w));
        }
        // An office of the rule files that takes a table office's place
        // (by its `wikidata`) is of that country's cabinet and still of
        // the rule files' offices, which tell "Mazhilis" from "Senate".
        let of_rule_files = office.jurisdiction == 0 || office.origin != world::FILE_NAME;
        let vocabulary = self.role_vocabulary.get(role);
        let contradicts = |jurisdiction: u32| {
            vocabulary
                .and_then(|by_country| by_country.get(&jurisdiction))
                .is_some_and(|words| words.contains(word))
        };
        !(contradicts(office.jurisdiction) || (of_rule_files && contradicts(0)))
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
    /// The last day its layer is known to be right (the world layer's
    /// snapshot), `None` for the rule files: after it, the term may have
    /// ended or begun again without the knowledge knowing.
    pub known_until: Option<NaiveDate>,
}

impl Tenure {
    /// Whether the office may have been held on `date`, giving imprecise
    /// bounds the benefit of the doubt, and a date after the layer's
    /// `known-until` too: then nobody knows.
    pub fn may_hold_on(&self, date: NaiveDate) -> bool {
        self.known_until.is_some_and(|k| date > k) || may_be_within(self.from.as_ref(), self.to.as_ref(), date)
    }

    /// Whether the tenure is known to cover `date`: within its bounds, and
    /// on or before its layer's `known-until` (who held an office in 2024
    /// is not said from a table of 2022).
    pub fn known_to_hold_on(&self, date: NaiveDate) -> bool {
        self.known_until.is_none_or(|k| date <= k) && may_be_within(self.from.as_ref(), self.to.as_ref(), date)
    }

    /// Whether the office may have been held on some day from `first` to
    /// `last` (a year or a month a sentence tells of), on the same terms as
    /// [`Tenure::may_hold_on`].
    pub fn may_hold_within(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.known_until.is_some_and(|k| last > k)
            || (self.from.as_ref().is_none_or(|f| f.earliest <= last)
                && self.to.as_ref().is_none_or(|t| first <= t.latest))
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
    /// Other accepted ways of writing the full name (the world layer's
    /// labels and accent-free forms): a mention, never a misspelling.
    pub aliases: Vec<String>,
    /// The person's Wikidata item, where known ("Q7747").
    pub wikidata: Option<String>,
    /// The last day the person's record is known to be right: the latest
    /// `known-until` of the layers it comes from, `None` when a rule file
    /// (the house's, the newsroom's) has a part in it. After it nothing
    /// is judged of the person.
    pub known_until: Option<NaiveDate>,
    /// Which layer the record comes from (its last part), for diagnostics:
    /// "Wikidata, as of 2022-07-19"; `None` for the rule files.
    pub source: Option<std::sync::Arc<str>>,
    /// Where each part of the record comes from, in merge order: (file,
    /// what it gave), for `factlint knowledge show`; empty for a record of
    /// the world layer alone ([`world::FILE_NAME`]).
    pub origins: Vec<(String, String)>,
    /// The layer of the record's last part (see [`Layer`]).
    pub layer: Layer,
}

impl Person {
    /// Whether the person's record may be judged on `date`.
    pub fn known_on(&self, date: NaiveDate) -> bool {
        self.known_until.is_none_or(|k| date <= k)
    }
}

/// The layers of the knowledge, merged in this order, a later one
/// extending or replacing an entry of an earlier one by id or Wikidata
/// item: the built-in world layer (Wikidata), the built-in house knowledge
/// (`rules/knowledge/`), files written by `factlint knowledge import` (a
/// `[source]` table), and the newsroom's own files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Layer {
    World,
    #[default]
    House,
    Imported,
    Own,
}

impl Layer {
    pub fn describe(self) -> &'static str {
        match self {
            Layer::World => "built-in world layer",
            Layer::House => "built-in house knowledge",
            Layer::Imported => "imported knowledge",
            Layer::Own => "the newsroom's own knowledge",
        }
    }
}

/// Who a full name names: one person, or several of one layer (the world
/// knows many a "Mohammed Ali"), told apart only by a title that only one
/// of them fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameOwner {
    One(u32, NameKind),
    Namesakes(u32),
}

/// How a name is written, as the knowledge records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    Preferred,
    /// The rule file's `spellings[i]`: accepted, but not preferred.
    Spelling(u32),
    Short,
}

/// Everything the title checks know.
#[derive(Debug, Default)]
pub struct Knowledge {
    pub titles: TitleNormalizer,
    pub offices: Vec<Office>,
    pub people: Vec<Person>,
    /// Every qualifying word of every office: the words a title may hold.
    pub vocabulary: FastSet<String>,
    /// Per role and country (see [`Office::jurisdiction`]), the qualifying
    /// words of the offices of that role: the words that tell one such
    /// office from another.
    pub role_vocabulary: FastMap<String, FastMap<u32, FastSet<String>>>,
    /// The countries of the world layer's offices; 0 is the rule files'.
    pub jurisdictions: Vec<String>,
    /// Per country (index into `jurisdictions`), its offices' indexes.
    pub offices_of_country: Vec<Vec<usize>>,
    /// Per country (index into `jurisdictions`), the words its name is
    /// reduced to ("United Kingdom" → united, kingdom), as a title's
    /// demonym is: which country a title names.
    pub jurisdiction_words: Vec<BTreeSet<String>>,
    /// Every name to look for in text, and whom it names.
    pub names: Vec<(String, NameOwner)>,
    /// The people of each group of namesakes of [`NameOwner::Namesakes`].
    pub namesakes: Vec<Vec<u32>>,
    /// The words of countries (see [`TitleNormalizer::country_words`]).
    pub countries: FastSet<String>,
    /// Events with known dates, for the anniversary check.
    pub events: Vec<Event>,
    /// Per office, the people who held it at some time.
    pub holders: Vec<Vec<u32>>,
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
    /// The people known to have held `office` on `date`.
    pub fn holders_on(&self, office: usize, date: NaiveDate) -> Vec<&Person> {
        self.holders
            .get(office)
            .into_iter()
            .flatten()
            .filter_map(|&p| self.people.get(p as usize))
            .filter(|p| p.tenures.iter().any(|t| t.office == office && t.known_to_hold_on(date)))
            .collect()
    }
}

/// The layer of a rule file, and the `[source]` it names.
#[derive(Clone, Debug)]
pub struct FileLayer {
    pub layer: Layer,
    /// The file's name in the source database.
    pub name: String,
    pub source: Option<SourceInfo>,
}

/// The knowledge tables of all rule files, gathered before compiling.
#[derive(Default)]
pub struct RawKnowledge {
    pub titles: Vec<(FileId, RawTitles)>,
    pub offices: Vec<(FileId, Spanned<RawOffice>)>,
    pub people: Vec<(FileId, Spanned<RawPerson>)>,
    pub events: Vec<(FileId, Spanned<RawEvent>)>,
    /// The layer of each file (a file not listed is the newsroom's own).
    pub layers: HashMap<FileId, FileLayer>,
    /// The built-in world layer, when the default rules are loaded.
    pub world: Option<WorldLayer<'static>>,
}

impl RawKnowledge {
    fn layer_of(&self, file: FileId) -> Layer {
        self.layers.get(&file).map_or(Layer::Own, |l| l.layer)
    }

    fn file_name(&self, file: FileId) -> String {
        self.layers.get(&file).map_or_else(String::new, |l| l.name.clone())
    }

    fn source_of(&self, file: FileId) -> Option<&SourceInfo> {
        self.layers.get(&file).and_then(|l| l.source.as_ref())
    }
}

fn strings(items: &[Spanned<String>]) -> Vec<String> {
    items.iter().map(|s| s.get_ref().clone()).collect()
}

/// Compiles the knowledge; errors point at the TOML they are about.
pub fn compile(mut raw: RawKnowledge, errors: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>) -> Knowledge {
    // Layers in merge order: a later table's demonym or office wins.
    let layers: HashMap<FileId, Layer> = raw.layers.iter().map(|(f, l)| (*f, l.layer)).collect();
    let rank = |file: &FileId| layers.get(file).copied().unwrap_or(Layer::Own);
    raw.titles.sort_by_key(|(file, _)| rank(file));
    raw.offices.sort_by_key(|(file, _)| rank(file));
    raw.people.sort_by_key(|(file, _)| rank(file));
    let normalizer = compile_titles(&raw.titles);
    let mut jurisdictions = vec![String::new()];
    let (mut offices, mut office_index) = match &raw.world {
        Some(world) => world_offices(world, &normalizer, &mut jurisdictions),
        None => (Vec::new(), HashMap::new()),
    };
    compile_offices(&raw, &normalizer, &mut offices, &mut office_index, errors, warnings);
    let mut people = match &raw.world {
        Some(world) => world_people(world, &office_index),
        None => Vec::new(),
    };
    compile_people(&raw, &offices, &office_index, &mut people, errors, warnings);
    let countries = normalizer.country_words().cloned().collect();
    let events = compile_events(std::mem::take(&mut raw.events), errors);
    let mut holders: Vec<Vec<u32>> = vec![Vec::new(); offices.len()];
    for (index, person) in people.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        for tenure in &person.tenures {
            if let Some(list) = holders.get_mut(tenure.office)
                && list.last() != Some(&index)
            {
                list.push(index);
            }
        }
    }
    // Three indexes of the world layer's thousands of records, each on its
    // own core where there are cores.
    let ((vocabulary, role_vocabulary), ((names, namesakes, name_warnings), seats)) = rayon::join(
        || vocabularies(&offices),
        || {
            rayon::join(
                || name_index(&people),
                || single_seats(offices.len(), &people, &holders),
            )
        },
    );
    warnings.extend(name_warnings);
    for (office, single) in offices.iter_mut().zip(seats) {
        office.single_seat = single;
    }
    let mut offices_of_country: Vec<Vec<usize>> = vec![Vec::new(); jurisdictions.len()];
    for (index, office) in offices.iter().enumerate() {
        if let Some(list) = offices_of_country.get_mut(office.jurisdiction as usize) {
            list.push(index);
        }
    }
    let jurisdiction_words = jurisdictions
        .iter()
        .map(|country| normalizer.qualifier_words(country).into_iter().collect())
        .collect();
    Knowledge {
        titles: normalizer,
        offices,
        people,
        vocabulary,
        role_vocabulary,
        jurisdictions,
        offices_of_country,
        jurisdiction_words,
        names,
        namesakes,
        countries,
        events,
        holders,
    }
}

/// Every qualifying word of every office, and per role and country the
/// words of the offices of that role (see [`Knowledge::role_vocabulary`]).
type Vocabularies = (FastSet<String>, FastMap<String, FastMap<u32, FastSet<String>>>);

fn vocabularies(offices: &[Office]) -> Vocabularies {
    let vocabulary = offices.iter().flat_map(|o| o.words.iter().cloned()).collect();
    let mut role_vocabulary: FastMap<String, FastMap<u32, FastSet<String>>> = FastMap::default();
    for office in offices {
        for role in &office.roles {
            role_vocabulary
                .entry(role.clone())
                .or_default()
                .entry(office.jurisdiction)
                .or_default()
                .extend(office.words.iter().cloned());
        }
    }
    (vocabulary, role_vocabulary)
}

/// How long two holders' terms may overlap for an office to still be
/// one-seat (a handover, a date given to the month).
const HANDOVER_DAYS: i64 = 31;

/// Whether each of the `count` offices is held by one person at a time
/// ([`Office::single_seat`]).
fn single_seats(count: usize, people: &[Person], holders: &[Vec<u32>]) -> Vec<bool> {
    (0..count)
        .map(|index| {
            let mut terms: Vec<(u32, NaiveDate, NaiveDate)> = holders
                .get(index)
                .into_iter()
                .flatten()
                .filter_map(|&p| people.get(p as usize).map(|person| (p, person)))
                .flat_map(|(p, person)| {
                    person.tenures.iter().filter(|t| t.office == index).map(move |t| {
                        let from = t.from.as_ref().map_or(NaiveDate::MIN, |f| f.earliest);
                        let to = t.to.as_ref().map_or(NaiveDate::MAX, |t| t.latest);
                        (p, from, to)
                    })
                })
                .collect();
            terms.sort_by_key(|t| t.1);
            // One recorded holder tells nothing of the seats (Ireland's many
            // Ministers of State); a succession of two or more does.
            let mut people_of: Vec<u32> = terms.iter().map(|t| t.0).collect();
            people_of.sort_unstable();
            people_of.dedup();
            // Each term against the latest-ending one of another holder before it.
            let mut latest: Option<(u32, NaiveDate)> = None;
            let mut single = people_of.len() >= 2;
            for (p, from, to) in terms {
                if let Some((q, end)) = latest
                    && q != p
                    && (end - from).num_days() > HANDOVER_DAYS
                {
                    single = false;
                    break;
                }
                if latest.is_none_or(|(_, end)| to > end) {
                    latest = Some((p, to));
                }
            }
            single
        })
        .collect()
}

/// Every `[titles]` table as one normaliser.
fn compile_titles(tables: &[(FileId, RawTitles)]) -> TitleNormalizer {
    let mut roles = Vec::new();
    let mut synonyms = Vec::new();
    let mut replace = Vec::new();
    let mut demonyms = Vec::new();
    let mut ignore = Vec::new();
    let mut past = Vec::new();
    let mut countries = Vec::new();
    for (_, titles) in tables {
        roles.extend(strings(&titles.roles));
        synonyms.extend(titles.synonyms.iter().map(|g| strings(g)));
        replace.extend(titles.replace.iter().map(|(k, v)| (k.clone(), v.get_ref().clone())));
        demonyms.extend(titles.demonyms.iter().map(|(k, v)| (k.clone(), v.get_ref().clone())));
        ignore.extend(strings(&titles.ignore));
        past.extend(strings(&titles.past_markers));
        countries.extend(strings(&titles.countries));
    }
    TitleNormalizer::new(&roles, &synonyms, &replace, &demonyms, &ignore, &past).with_countries(&countries)
}

/// Each office's index by id (and by Wikidata item), with where its id is
/// written (`None` for the world layer's).
type OfficeIndex = HashMap<String, (usize, Option<Span>)>;

/// The roles and words of an office's written forms.
fn office_keys<'a>(normalizer: &TitleNormalizer, forms: impl Iterator<Item = &'a str>, office: &mut Office) -> bool {
    let mut any = false;
    for form in forms {
        for key in normalizer.parse_uncached(form) {
            any = true;
            office.roles.insert(key.role);
            office.words.extend(key.words);
        }
    }
    any
}

/// The world layer's offices: each office's label, and the label with its
/// country ("Minister of Foreign Affairs" of Russia is the Russian one); an
/// office whose label names no known role is left out.
fn world_offices(
    world: &WorldLayer<'_>,
    normalizer: &TitleNormalizer,
    jurisdictions: &mut Vec<String>,
) -> (Vec<Office>, OfficeIndex) {
    use rayon::prelude::*;
    let mut country_ids: HashMap<&str, u32> = HashMap::new();
    // The words of each country, normalised once ("the United Kingdom" →
    // united, kingdom), given to each of its offices.
    let mut country_words: Vec<Vec<String>> = vec![Vec::new()];
    let countries: Vec<u32> = world
        .offices
        .iter()
        .map(|office| {
            *country_ids.entry(office.country).or_insert_with(|| {
                jurisdictions.push(office.country.to_string());
                country_words.push(normalizer.qualifier_words(office.country));
                u32::try_from(jurisdictions.len() - 1).unwrap_or(u32::MAX)
            })
        })
        .collect();
    // Thousands of titles to parse: on every core, in order.
    let compiled: Vec<Option<Office>> = world
        .offices
        .par_iter()
        .zip(countries)
        .map(|(office, jurisdiction)| {
            let words = country_words.get(jurisdiction as usize).map_or(&[][..], Vec::as_slice);
            world_office(office, jurisdiction, words, normalizer)
        })
        .collect();
    let mut offices = Vec::new();
    let mut index = OfficeIndex::new();
    for office in compiled.into_iter().flatten() {
        index.insert(office.id.clone(), (offices.len(), None));
        offices.push(office);
    }
    (offices, index)
}

/// One office of the world layer, `None` when its label names no known role.
fn world_office(
    office: &world::WorldOffice<'_>,
    jurisdiction: u32,
    country_words: &[String],
    normalizer: &TitleNormalizer,
) -> Option<Office> {
    {
        let mut compiled = Office {
            id: office.qid.to_string(),
            name: office.name.to_string(),
            roles: BTreeSet::new(),
            words: BTreeSet::new(),
            jurisdiction,
            wikidata: Some(office.qid.to_string()),
            origin: world::FILE_NAME.to_string(),
            single_seat: false,
        };
        let named = office_keys(normalizer, std::iter::once(office.name), &mut compiled);
        compiled.words.extend(country_words.iter().cloned());
        named.then_some(compiled)
    }
}

/// The world layer's people, their terms in the offices kept.
fn world_people(world: &WorldLayer<'_>, office_index: &OfficeIndex) -> Vec<Person> {
    use rayon::prelude::*;
    let known_until = world.source.known_until.as_ref().map(|k| k.latest);
    let source: std::sync::Arc<str> = world_source(&world.source).into();
    world
        .people
        .par_iter()
        .filter_map(|person| {
            let tenures: Vec<Tenure> = person
                .tenures
                .iter()
                .filter_map(|t| {
                    let (office, _) = office_index.get(t.office)?;
                    Some(Tenure {
                        office: *office,
                        from: t.from.clone(),
                        to: t.to.clone(),
                        known_until,
                    })
                })
                .collect();
            if tenures.is_empty() {
                return None;
            }
            // The table holds only the offices it was asked for: "never
            // held" is said of them only from the first one on.
            let known_from = tenures
                .iter()
                .filter_map(|t| t.from.as_ref().or(t.to.as_ref()).map(|b| b.earliest))
                .min();
            Some(Person {
                id: person.qid.to_string(),
                name: person.name.to_string(),
                spellings: Vec::new(),
                short: Vec::new(),
                aliases: person.aliases.iter().map(|a| a.to_string()).collect(),
                known_from,
                career_from: None,
                wikidata: Some(person.qid.to_string()),
                known_until,
                source: Some(source.clone()),
                // The world layer's part is said by `layer` (see
                // [`Person::origins`]): twenty thousand copies of its file
                // name would be a tenth of the load.
                origins: Vec::new(),
                layer: Layer::World,
                tenures,
            })
        })
        .collect()
}

/// "Wikidata, as of 2022-07-19".
pub fn world_source(source: &SourceInfo) -> String {
    match &source.known_until {
        Some(until) => format!("{}, as of {}", source.name, until.text),
        None => source.name.clone(),
    }
}

/// The `[[office]]` tables, after the world layer's: an office with the
/// `wikidata` item of an earlier one takes its place (its holders with it).
fn compile_offices(
    raw: &RawKnowledge,
    normalizer: &TitleNormalizer,
    offices: &mut Vec<Office>,
    office_index: &mut OfficeIndex,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    for (file, office) in &raw.offices {
        let (file, office) = (*file, office.get_ref());
        let id_span = Span::new(file, office.id.span());
        if let Some((_, Some(first))) = office_index.get(office.id.get_ref()) {
            errors.push(duplicate("office", office.id.get_ref(), id_span, *first));
            continue;
        }
        let mut compiled = Office {
            id: office.id.get_ref().clone(),
            name: office.name.get_ref().clone(),
            roles: BTreeSet::new(),
            words: BTreeSet::new(),
            jurisdiction: 0,
            wikidata: office.wikidata.as_ref().map(|w| w.get_ref().clone()),
            origin: raw.file_name(file),
            single_seat: false,
        };
        for form in std::iter::once(&office.name).chain(office.titles.iter()) {
            if !office_keys(normalizer, std::iter::once(form.get_ref().as_str()), &mut compiled) {
                let mut diagnostic = error(
                    Span::new(file, form.span()),
                    format!("title `{}` names no known role", form.get_ref()),
                    "no role in this title",
                )
                .with_note("help: add its role (e.g. \"Governor\") to `roles` in a `[titles]` table");
                // An imported office is Wikidata's label, not the author's
                // word: it loads, matching no title, and says so.
                if raw.layer_of(file) == Layer::Imported {
                    diagnostic.severity = Severity::Warning;
                    warnings.push(diagnostic);
                } else {
                    errors.push(diagnostic);
                }
            }
        }
        let earlier = compiled
            .wikidata
            .as_ref()
            .and_then(|q| office_index.get(q))
            .map(|(at, _)| *at);
        let at = match earlier {
            Some(at) => {
                // The same post: still of its country's cabinet.
                compiled.jurisdiction = offices[at].jurisdiction;
                offices[at] = compiled;
                at
            }
            None => {
                offices.push(compiled);
                offices.len() - 1
            }
        };
        office_index.insert(office.id.get_ref().clone(), (at, Some(id_span)));
    }
}

/// How a later layer's record joins an earlier one of the same person.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    Replace,
    Extend,
}

/// The `[[person]]` tables, each office they held checked against
/// `offices`, after the world layer's people (`people`): a record with the
/// `id` or `wikidata` item of one of an earlier layer replaces or extends
/// it; in one layer, an id given twice is an error. A person holding one
/// office twice at once is a warning.
fn compile_people(
    raw: &RawKnowledge,
    offices: &[Office],
    office_index: &OfficeIndex,
    people: &mut Vec<Person>,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    // Ids and Wikidata items → (index, layer, where the id is written).
    let mut by_id: HashMap<String, (usize, Layer, Option<Span>)> = HashMap::new();
    for (index, person) in people.iter().enumerate() {
        by_id.insert(person.id.clone(), (index, person.layer, None));
    }
    // Every name and spelling written so far: (person id, where written).
    let mut names: HashMap<String, (String, Span)> = HashMap::new();
    for (file, person) in &raw.people {
        let (file, person) = (*file, person.get_ref());
        let layer = raw.layer_of(file);
        let id_span = Span::new(file, person.id.span());
        let earlier = [Some(person.id.get_ref()), person.wikidata.as_ref().map(|w| w.get_ref())]
            .into_iter()
            .flatten()
            .find_map(|key| by_id.get(key).cloned());
        if let Some((_, earlier_layer, Some(first))) = &earlier
            && *earlier_layer == layer
        {
            errors.push(duplicate("person", person.id.get_ref(), id_span, *first));
            continue;
        }
        let merge = match person.merge.as_ref().map(|m| m.get_ref().as_str()) {
            None | Some("replace") => Merge::Replace,
            Some("extend") => Merge::Extend,
            Some(other) => {
                let span = person.merge.as_ref().map_or(id_span, |m| Span::new(file, m.span()));
                errors.push(error(
                    span,
                    format!("`merge = \"{other}\"` is not a way to merge"),
                    "expected \"replace\" or \"extend\"",
                ));
                continue;
            }
        };
        warn_of_two_people_of_one_name(file, person, &mut names, warnings);
        let mut compiled = compile_person(raw, file, person, offices, office_index, errors, warnings);
        compiled.layer = layer;
        let at = match earlier {
            Some((at, _, _)) => {
                let old = std::mem::replace(&mut people[at], compiled);
                if merge == Merge::Extend {
                    extend_person(&mut people[at], old);
                } else {
                    let mut origins = origins_of(&old);
                    origins.push((raw.file_name(file), "replaces the record above".to_string()));
                    people[at].origins = origins;
                }
                at
            }
            None => {
                people.push(compiled);
                people.len() - 1
            }
        };
        by_id.insert(person.id.get_ref().clone(), (at, layer, Some(id_span)));
        if let Some(item) = &person.wikidata {
            by_id.insert(item.get_ref().clone(), (at, layer, Some(id_span)));
        }
    }
}

/// Where the parts of `person` come from (see [`Person::origins`]).
pub fn origins_of(person: &Person) -> Vec<(String, String)> {
    if person.origins.is_empty() && person.layer == Layer::World {
        return vec![(world::FILE_NAME.to_string(), "name, offices".to_string())];
    }
    person.origins.clone()
}

/// Two people of one name in the rule files: every mention goes to
/// whichever comes first in folder order, and its diagnostics would
/// contradict the other's record. Say so once per name.
fn warn_of_two_people_of_one_name(
    file: FileId,
    person: &RawPerson,
    names: &mut HashMap<String, (String, Span)>,
    warnings: &mut Vec<Diagnostic>,
) {
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
}

/// `merge = "extend"`: the new record (in place) keeps its name, and gains
/// the earlier record's offices, names and provenance.
fn extend_person(person: &mut Person, earlier: Person) {
    let mut origins = origins_of(&earlier);
    origins.extend(
        person
            .origins
            .drain(..)
            .map(|(file, _)| (file, "extends: offices, names".to_string())),
    );
    person.origins = origins;
    let mut tenures = earlier.tenures;
    tenures.append(&mut person.tenures);
    person.tenures = tenures;
    for name in std::iter::once(earlier.name).chain(earlier.aliases) {
        if name != person.name && !person.aliases.contains(&name) && !person.spellings.contains(&name) {
            person.aliases.push(name);
        }
    }
    for short in earlier.short {
        if !person.short.contains(&short) {
            person.short.push(short);
        }
    }
    person.wikidata = person.wikidata.take().or(earlier.wikidata);
    person.known_from = match (person.known_from, earlier.known_from) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => None,
    };
    person.career_from = person.career_from.or(earlier.career_from);
    // The rule file's part is known on every date; the earlier layer's
    // tenures keep their own `known-until`.
    person.known_until = match (person.known_until, earlier.known_until) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    };
}

/// One `[[person]]` table.
fn compile_person(
    raw: &RawKnowledge,
    file: FileId,
    person: &RawPerson,
    offices: &[Office],
    office_index: &OfficeIndex,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Person {
    let source = raw.source_of(file);
    let known_until = source.and_then(|s| s.known_until.as_ref()).map(|k| k.latest);
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
        tenures.push(Tenure {
            office,
            from,
            to,
            known_until,
        });
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
    Person {
        id: person.id.get_ref().clone(),
        name: person.name.get_ref().clone(),
        spellings: strings(&person.spellings),
        short: strings(&person.short),
        aliases: strings(&person.aliases),
        career_from: written.as_ref().map(|k| k.earliest),
        known_from: written.map(|k| k.earliest).or(first_office),
        wikidata: person.wikidata.as_ref().map(|w| w.get_ref().clone()),
        known_until,
        source: source.map(|s| world_source(s).into()),
        origins: vec![(raw.file_name(file), "name, offices".to_string())],
        layer: Layer::Own,
        tenures,
    }
}

/// Every full name and short form of every person, and whom it names. A
/// name of people of several layers names the latest layer's (the
/// newsroom's record shadows the world's), with a warning when the records
/// are of different people; a name of several people of the world layer
/// is a group of namesakes; of several of one rule-file layer, the first
/// (warned of by [`warn_of_two_people_of_one_name`]).
/// Every name and whom it names, the groups of namesakes, and the warnings
/// of names shadowed across layers.
type NameIndex = (Vec<(String, NameOwner)>, Vec<Vec<u32>>, Vec<Diagnostic>);

fn name_index(people: &[Person]) -> NameIndex {
    let mut warnings = Vec::new();
    let mut written: Vec<(&str, u32, NameKind)> = Vec::new();
    let mut names = Vec::new();
    for (index, person) in people.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        written.push((&person.name, index, NameKind::Preferred));
        for (i, spelling) in person.spellings.iter().enumerate() {
            let kind = NameKind::Spelling(u32::try_from(i).unwrap_or(u32::MAX));
            written.push((spelling, index, kind));
        }
        for alias in &person.aliases {
            written.push((alias, index, NameKind::Preferred));
        }
        for short in &person.short {
            names.push((short.clone(), NameOwner::One(index, NameKind::Short)));
        }
    }
    // By name, each name's people in record order.
    written.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    let mut namesakes: Vec<Vec<u32>> = Vec::new();
    let mut shadowed: FastSet<(u32, u32)> = FastSet::default();
    for same in written.chunk_by(|a, b| a.0 == b.0) {
        let name = same[0].0;
        let mut owners: Vec<(u32, NameKind)> = same.iter().map(|&(_, p, kind)| (p, kind)).collect();
        owners.dedup_by_key(|(p, _)| *p);
        let layer_of = |p: u32| people.get(p as usize).map_or(Layer::Own, |x| x.layer);
        let top = owners.iter().map(|(p, _)| layer_of(*p)).max().unwrap_or(Layer::Own);
        let (kept, below): (Vec<_>, Vec<_>) = owners.into_iter().partition(|(p, _)| layer_of(*p) == top);
        if let Some(&(first, _)) = kept.first() {
            for (other, _) in below {
                if shadowed.insert((first, other)) {
                    warnings.push(shadow_warning(name, &people[first as usize], &people[other as usize]));
                }
            }
        }
        match kept.as_slice() {
            [] => {}
            [(person, kind)] => names.push((name.to_string(), NameOwner::One(*person, *kind))),
            [(person, kind), ..] if top != Layer::World => {
                names.push((name.to_string(), NameOwner::One(*person, *kind)));
            }
            group => {
                let group_index = u32::try_from(namesakes.len()).unwrap_or(u32::MAX);
                namesakes.push(group.iter().map(|(p, _)| *p).collect());
                names.push((name.to_string(), NameOwner::Namesakes(group_index)));
            }
        }
    }
    (names, namesakes, warnings)
}

/// A name of the newsroom's record that is also a different person's in
/// an earlier layer.
fn shadow_warning(name: &str, kept: &Person, hidden: &Person) -> Diagnostic {
    let label = |p: &Person| match &p.wikidata {
        Some(q) if *q != p.id => format!("`{}` ({q})", p.id),
        _ => format!("`{}`", p.id),
    };
    Diagnostic::new(
        RULE_FILE_ERROR,
        Severity::Warning,
        format!("`{name}` names two people: {} and {}", label(kept), label(hidden)),
        Label::new(Span::new(FileId(u32::MAX), 0..0), ""),
    )
    .with_note(format!(
        "`{name}` is taken for {} ({}), not for {} ({})",
        label(kept),
        kept.layer.describe(),
        label(hidden),
        hidden.layer.describe()
    ))
    .with_note(format!(
        "help: if they are one person, add `wikidata = \"{}\"` to the record of {}",
        hidden.wikidata.as_deref().unwrap_or("Q…"),
        label(kept)
    ))
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
