//! Knowledge of places: names over time (Akmola → Astana → Nur-Sultan →
//! Astana), other spellings, demonyms, where each place lies and what it is
//! the capital of. Compiled from the `[[place]]` tables of the rule files.

use std::collections::HashMap;

use chrono::NaiveDate;
use toml::Spanned;

use super::overlap::{self, WrittenPeriod};
use super::people::{DateBound, compile_period};
use crate::model::diagnostic::Diagnostic;
use crate::model::span::{FileId, Span};
use crate::rules::raw::RawPlace;
use crate::rules::{duplicate, error};

/// The kinds a place may be.
pub const PLACE_KINDS: &[&str] = &["country", "region", "province", "city"];

/// A name a place had between two dates.
#[derive(Clone, Debug)]
pub struct PlaceName {
    pub name: String,
    pub from: Option<DateBound>,
    pub to: Option<DateBound>,
}

impl PlaceName {
    /// Whether the name may have been in use on `date` (imprecise bounds get
    /// the benefit of the doubt).
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        super::people::may_be_within(self.from.as_ref(), self.to.as_ref(), date)
    }

    /// Whether the name was in use at some time in `year`.
    pub fn valid_in_year(&self, year: i32) -> bool {
        let first = NaiveDate::from_ymd_opt(year, 1, 1);
        let last = NaiveDate::from_ymd_opt(year, 12, 31);
        match (first, last) {
            (Some(first), Some(last)) => {
                self.from.as_ref().is_none_or(|f| f.earliest <= last)
                    && self.to.as_ref().is_none_or(|t| first <= t.latest)
            }
            _ => false,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Capital {
    pub of: usize,
    pub from: Option<DateBound>,
    pub to: Option<DateBound>,
}

impl Capital {
    /// Whether it may have been the capital on `date` (any date if unknown).
    pub fn valid_on(&self, date: Option<NaiveDate>) -> bool {
        date.is_none_or(|d| super::people::may_be_within(self.from.as_ref(), self.to.as_ref(), d))
    }
}

#[derive(Debug)]
pub struct Place {
    pub id: String,
    pub kind: String,
    /// The place it lies in.
    pub within: Option<usize>,
    pub names: Vec<PlaceName>,
    /// (spelling, the name it spells)
    pub spellings: Vec<(String, String)>,
    pub demonyms: Vec<String>,
    pub capital_of: Vec<Capital>,
    pub not_the_place: Vec<String>,
}

impl Place {
    /// The place's name on `date`, if the knowledge says.
    pub fn name_on(&self, date: NaiveDate) -> Option<&str> {
        // The latest-starting name valid that day (names may overlap by a day).
        self.names
            .iter()
            .filter(|n| n.valid_on(date))
            .max_by_key(|n| n.from.as_ref().map(|f| f.earliest))
            .map(|n| n.name.as_str())
    }

    /// Whether `name` (as listed) was the place's name on `date`.
    pub fn name_valid_on(&self, name: &str, date: NaiveDate) -> bool {
        self.names.iter().any(|n| n.name == name && n.valid_on(date))
    }

    /// The place's current name: the one with no end date.
    pub fn current_name(&self) -> &str {
        self.names
            .iter()
            .find(|n| n.to.is_none())
            .or(self.names.last())
            .map_or("", |n| n.name.as_str())
    }
}

/// Every place, with a lookup of containment.
#[derive(Debug, Default)]
pub struct Places {
    pub places: Vec<Place>,
}

impl Places {
    /// Whether `inner` lies in `outer` (or is it).
    pub fn lies_in(&self, inner: usize, outer: usize) -> bool {
        let mut at = Some(inner);
        let mut steps = 0;
        while let Some(index) = at {
            if index == outer {
                return true;
            }
            at = self.places.get(index).and_then(|p| p.within);
            steps += 1;
            if steps > self.places.len() {
                return false; // a cycle in the knowledge
            }
        }
        false
    }

    /// Whether following `in` from `place` comes back to it.
    fn in_a_cycle(&self, place: usize) -> bool {
        let mut at = self.places.get(place).and_then(|p| p.within);
        for _ in 0..self.places.len() {
            match at {
                Some(index) if index == place => return true,
                Some(index) => at = self.places.get(index).and_then(|p| p.within),
                None => return false,
            }
        }
        false
    }

    /// The place a demonym stands for ("Kazakh" → Kazakhstan).
    pub fn by_demonym(&self, word: &str) -> Option<usize> {
        self.places
            .iter()
            .position(|p| p.demonyms.iter().any(|d| d.eq_ignore_ascii_case(word)))
    }

    /// The country a place lies in (itself, for a country).
    pub fn country_of(&self, place: usize) -> Option<usize> {
        let mut at = Some(place);
        let mut steps = 0;
        while let Some(index) = at {
            let p = self.places.get(index)?;
            if p.kind == "country" {
                return Some(index);
            }
            at = p.within;
            steps += 1;
            if steps > self.places.len() {
                return None;
            }
        }
        None
    }
}

/// A place's names with their periods; two names valid at once (or one
/// listed twice) is a warning, a place without names an error.
fn compile_names(
    file: FileId,
    place: &RawPlace,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<PlaceName> {
    let mut names = Vec::new();
    for name in &place.names {
        let name = name.get_ref();
        let (from, to) = compile_period(file, name.from.as_ref(), name.to.as_ref(), errors);
        names.push(PlaceName {
            name: name.name.get_ref().clone(),
            from,
            to,
        });
    }
    let periods: Vec<(&str, WrittenPeriod)> = names
        .iter()
        .zip(&place.names)
        .map(|(name, written)| {
            let period = WrittenPeriod {
                from: name.from.clone(),
                to: name.to.clone(),
                span: Span::new(file, written.span()),
            };
            (name.name.as_str(), period)
        })
        .collect();
    // Two names with histories, or one name listed twice, valid at once.
    warnings.extend(overlap::pairwise(
        &periods,
        |(a, a_period), (b, b_period)| a == b || (a_period.is_bounded() && b_period.is_bounded()),
        |a, b| {
            let id = place.id.get_ref();
            let (kind, what) = if a == b {
                let what = format!("place `{id}` has the name `{a}` twice");
                (what.clone(), what)
            } else {
                (
                    format!("place `{id}` has two names at once"),
                    format!("place `{id}` has two names, `{a}` and `{b}`,"),
                )
            };
            overlap::Conflict {
                kind,
                what,
                help: "a place has one name on any day: fix the `from`/`to` of one".to_string(),
            }
        },
    ));
    if names.is_empty() {
        errors.push(error(
            Span::new(file, place.id.span()),
            format!("place `{}` has no names", place.id.get_ref()),
            "add `names = [{ name = \"…\" }]`",
        ));
    }
    names
}

/// Warnings for `capital-of` entries, (country, city) and period, that make
/// two capitals of one country at once.
fn capital_overlaps(capitals: &[((usize, usize), WrittenPeriod)], places: &[Place]) -> Vec<Diagnostic> {
    // Two capitals of one country at once, when their periods are written
    // (a country with several capitals lists them without dates), or one
    // city listed twice as the same capital.
    overlap::pairwise(
        capitals,
        |((of, a), a_period), ((other, b), b_period)| {
            let both_dated = a_period.is_bounded() && b_period.is_bounded();
            of == other && (a == b || both_dated)
        },
        |(of, a), (_, b)| {
            let country = &places[*of].id;
            let (kind, what) = if a == b {
                let what = format!("`{}` is listed twice as the capital of `{country}`", places[*a].id);
                (what.clone(), what)
            } else {
                (
                    format!("`{country}` has two capitals at once"),
                    format!(
                        "`{}` and `{}` are both the capital of `{country}`",
                        places[*a].id, places[*b].id
                    ),
                )
            };
            overlap::Conflict {
                kind,
                what,
                help: "fix the `from`/`to` of one `capital-of` entry".to_string(),
            }
        },
    )
}

/// Compiles the places; errors point at the TOML they are about.
pub fn compile(
    raw: Vec<(FileId, Spanned<RawPlace>)>,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Places {
    let mut index: HashMap<String, (usize, Span)> = HashMap::new();
    let mut kept = Vec::new();
    for (file, place) in raw {
        let place = place.into_inner();
        let id_span = Span::new(file, place.id.span());
        if let Some((_, first)) = index.get(place.id.get_ref()) {
            errors.push(duplicate("place", place.id.get_ref(), id_span, *first));
            continue;
        }
        index.insert(place.id.get_ref().clone(), (kept.len(), id_span));
        kept.push((file, place));
    }
    let lookup = |file: FileId, id: &Spanned<String>, errors: &mut Vec<Diagnostic>| {
        let found = index.get(id.get_ref()).map(|(i, _)| *i);
        if found.is_none() {
            errors.push(error(
                Span::new(file, id.span()),
                format!("no place `{}`", id.get_ref()),
                "not a `[[place]]` id",
            ));
        }
        found
    };
    let mut places = Vec::new();
    // Every `capital-of` entry: (country, city), period.
    let mut capitals: Vec<((usize, usize), WrittenPeriod)> = Vec::new();
    for (file, place) in &kept {
        let file = *file;
        if !PLACE_KINDS.contains(&place.kind.get_ref().as_str()) {
            errors.push(error(
                Span::new(file, place.kind.span()),
                format!("unknown place kind `{}`", place.kind.get_ref()),
                "expected `country`, `region`, `province` or `city`",
            ));
        }
        let within = place.within.as_ref().and_then(|w| lookup(file, w, errors));
        let names = compile_names(file, place, errors, warnings);
        let mut spellings = Vec::new();
        for (spelling, target) in &place.spellings {
            if !names.iter().any(|n| n.name == *target.get_ref()) {
                errors.push(error(
                    Span::new(file, target.span()),
                    format!("`{}` is not one of this place's names", target.get_ref()),
                    "a spelling must map to a name in `names`",
                ));
                continue;
            }
            spellings.push((spelling.clone(), target.get_ref().clone()));
        }
        let mut capital_of = Vec::new();
        for written in &place.capital_of {
            let capital = written.get_ref();
            if let Some(of) = lookup(file, &capital.place, errors) {
                let (from, to) = compile_period(file, capital.from.as_ref(), capital.to.as_ref(), errors);
                let period = WrittenPeriod {
                    from: from.clone(),
                    to: to.clone(),
                    span: Span::new(file, written.span()),
                };
                capitals.push(((of, places.len()), period));
                capital_of.push(Capital { of, from, to });
            }
        }
        places.push(Place {
            id: place.id.get_ref().clone(),
            kind: place.kind.get_ref().clone(),
            within,
            names,
            spellings,
            demonyms: place.demonyms.iter().map(|d| d.get_ref().clone()).collect(),
            capital_of,
            not_the_place: place.not_the_place.iter().map(|n| n.get_ref().clone()).collect(),
        });
    }
    warnings.extend(capital_overlaps(&capitals, &places));
    let compiled = Places { places };
    for (i, (file, place)) in kept.iter().enumerate() {
        if let Some(within) = &place.within
            && compiled.in_a_cycle(i)
        {
            errors.push(error(
                Span::new(*file, within.span()),
                format!("place `{}` lies in itself", place.id.get_ref()),
                "a cycle of `in`",
            ));
        }
    }
    compiled
}
