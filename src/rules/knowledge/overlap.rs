//! Load-time warnings for knowledge that contradicts itself: one person
//! holding the same office twice at once, one place with two names (or the
//! same name twice) valid at once, a country with two capitals at once.
//!
//! These are warnings, not errors: the rules still load and the checks
//! still run, but some answer they give may be wrong, so a rule author
//! should look. Bounds written to the month or year, and a shared handover
//! day (`to = 1997-12-10` then `from = 1997-12-10`), are not contradictions:
//! only periods that certainly share two days or more are reported.

use chrono::NaiveDate;

use super::people::DateBound;
use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::span::Span;
use crate::rules::RULE_FILE_ERROR;

/// A `from`/`to` period as written in a rule file, with its TOML span.
#[derive(Clone, Debug)]
pub struct WrittenPeriod {
    pub from: Option<DateBound>,
    pub to: Option<DateBound>,
    pub span: Span,
}

impl WrittenPeriod {
    /// Whether the author gave any bound: an open-ended period on both
    /// sides says "always", which is how several capitals of one country
    /// (or an unchanging name) are written, and is never a contradiction.
    pub fn is_bounded(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// The days the period certainly covers, however its imprecise bounds
    /// are read: from the latest reading of `from` to the earliest of `to`.
    fn certain(&self) -> (NaiveDate, NaiveDate) {
        (
            self.from.as_ref().map_or(NaiveDate::MIN, |f| f.latest),
            self.to.as_ref().map_or(NaiveDate::MAX, |t| t.earliest),
        )
    }

    fn describe(&self) -> String {
        match (&self.from, &self.to) {
            (Some(from), Some(to)) => format!("{} to {}", from.text, to.text),
            (Some(from), None) => format!("from {} on", from.text),
            (None, Some(to)) => format!("until {}", to.text),
            (None, None) => "always".to_string(),
        }
    }
}

/// The days both periods certainly cover, if there are two or more.
pub fn certain_overlap(a: &WrittenPeriod, b: &WrittenPeriod) -> Option<(NaiveDate, NaiveDate)> {
    let (a_start, a_end) = a.certain();
    let (b_start, b_end) = b.certain();
    let (start, end) = (a_start.max(b_start), a_end.min(b_end));
    (start < end).then_some((start, end))
}

/// A warning at `later` for overlapping `earlier`, or `None` if they do not
/// certainly overlap. `what` says what the two periods are, e.g.
/// "`Xi Jinping` holds office `cn-president` twice".
pub fn overlap_warning(what: &str, earlier: &WrittenPeriod, later: &WrittenPeriod, help: &str) -> Option<Diagnostic> {
    let (start, end) = certain_overlap(earlier, later)?;
    let overlap = match (start == NaiveDate::MIN, end == NaiveDate::MAX) {
        (true, true) => "always".to_string(),
        (false, true) => format!("from {start} on"),
        (true, false) => format!("until {end}"),
        (false, false) => format!("{start} to {end}"),
    };
    let label = Label::new(later.span, later.describe());
    Some(
        Diagnostic::new(
            RULE_FILE_ERROR,
            Severity::Warning,
            format!("{what} at once ({overlap})"),
            label,
        )
        .with_secondary(Label::new(earlier.span, earlier.describe()))
        .with_note(format!("help: {help}")),
    )
}

/// What an overlap of two periods is, as [`pairwise`] reports it.
pub struct Conflict {
    /// The kind of conflict the warning is grouped by: one warning per
    /// kind, with a count of the rest. "`Xi` holds `cn-president` twice" is
    /// a kind; so is "place `x` has two names at once", whichever two.
    pub kind: String,
    /// The warning's message, for the first overlap of its kind.
    pub what: String,
    /// How to fix it.
    pub help: String,
}

/// The certain overlaps among `periods` (each with what it is about), as
/// warnings: for each kind of conflict, one warning, at the first period
/// that overlaps an earlier one it `conflicts` with, and a count of the
/// other such periods. A person listed with 2,000 copies of one office gets
/// one warning, not two million, and a place with 10,000 names at once one
/// warning, not 9,999. `describe` is called once per overlapping period.
pub fn pairwise<T>(
    periods: &[(T, WrittenPeriod)],
    conflicts: impl Fn((&T, &WrittenPeriod), (&T, &WrittenPeriod)) -> bool,
    describe: impl Fn(&T, &T) -> Conflict,
) -> Vec<Diagnostic> {
    let mut warnings: Vec<(Diagnostic, usize)> = Vec::new();
    let mut by_kind: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (j, (b_key, b)) in periods.iter().enumerate() {
        let Some((a_key, a)) = periods[..j]
            .iter()
            .find(|(a_key, a)| certain_overlap(a, b).is_some() && conflicts((a_key, a), (b_key, b)))
        else {
            continue;
        };
        let Conflict { kind, what, help } = describe(a_key, b_key);
        if let Some(&at) = by_kind.get(&kind) {
            warnings[at].1 += 1;
            continue;
        }
        if let Some(warning) = overlap_warning(&what, a, b, &help) {
            by_kind.insert(kind, warnings.len());
            warnings.push((warning, 0));
        }
    }
    warnings
        .into_iter()
        .map(|(warning, more)| {
            if more == 0 {
                warning
            } else {
                warning.with_note(if more == 1 {
                    "1 more period of it overlaps the same way".to_string()
                } else {
                    format!("{more} more periods of it overlap the same way")
                })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::span::FileId;

    fn bound(text: &str) -> DateBound {
        let value = match text.parse::<i64>() {
            Ok(year) => toml::Value::Integer(year),
            Err(_) => toml::Value::String(text.to_string()),
        };
        DateBound::from_toml(&value).unwrap()
    }

    fn overlap(a: (Option<&str>, Option<&str>), b: (Option<&str>, Option<&str>)) -> Option<String> {
        let (af, at, bf, bt) = (a.0.map(bound), a.1.map(bound), b.0.map(bound), b.1.map(bound));
        let span = Span::new(FileId(0), 0..0);
        let p = |from: &Option<DateBound>, to: &Option<DateBound>| WrittenPeriod {
            from: from.clone(),
            to: to.clone(),
            span,
        };
        certain_overlap(&p(&af, &at), &p(&bf, &bt)).map(|(s, e)| format!("{s}..{e}"))
    }

    #[test]
    fn many_copies_of_one_period_are_one_warning_with_a_count() {
        let span = Span::new(FileId(0), 0..0);
        let period = WrittenPeriod {
            from: Some(bound("2001-01-01")),
            to: Some(bound("2009-01-01")),
            span,
        };
        // Five copies of office 0, two of office 1 (another conflict), and
        // office 2 once.
        let periods: Vec<(u32, WrittenPeriod)> = [0, 0, 1, 0, 0, 1, 0, 2]
            .iter()
            .map(|&office| (office, period.clone()))
            .collect();
        let warnings = pairwise(
            &periods,
            |(a, _), (b, _)| a == b,
            |a, _| Conflict {
                kind: format!("office {a} held twice"),
                what: format!("office {a} held twice"),
                help: "merge them".to_string(),
            },
        );
        assert_eq!(warnings.len(), 2);
        assert!(warnings[0].message.starts_with("office 0 held twice"));
        assert!(
            warnings[0]
                .notes
                .iter()
                .any(|n| n == "3 more periods of it overlap the same way")
        );
        assert!(warnings[1].message.starts_with("office 1 held twice"));
        assert!(!warnings[1].notes.iter().any(|n| n.contains("more period")));
    }

    #[test]
    fn periods_that_share_weeks_overlap() {
        assert_eq!(
            overlap((Some("2022-01-11"), Some("2024-02-06")), (Some("2023-06-01"), None)),
            Some("2023-06-01..2024-02-06".to_string())
        );
        assert!(overlap((None, None), (Some("2019-03-20"), None)).is_some_and(|o| o.starts_with("2019-03-20..")));
    }

    #[test]
    fn two_undated_periods_overlap_always() {
        let span = Span::new(FileId(0), 0..0);
        let always = WrittenPeriod {
            from: None,
            to: None,
            span,
        };
        let warning = overlap_warning("`x` is listed twice", &always, &always, "fix it").unwrap();
        assert_eq!(warning.message, "`x` is listed twice at once (always)");
    }

    #[test]
    fn a_handover_day_or_an_imprecise_bound_is_not_an_overlap() {
        // Almaty was the capital until 1997-12-10, Astana from that day.
        assert_eq!(overlap((None, Some("1997-12-10")), (Some("1997-12-10"), None)), None);
        // Alma-Ata "to 1993", Almaty "from 1993": the year is shared, not certain.
        assert_eq!(overlap((Some("1921"), Some("1993")), (Some("1993"), None)), None);
        assert_eq!(overlap((None, Some("2022-09")), (Some("2022-09"), None)), None);
        // Periods one after the other.
        assert_eq!(overlap((Some("2019"), Some("2020")), (Some("2021"), None)), None);
    }
}
