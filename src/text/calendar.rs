//! Calendar helpers shared by the article header, datelines and (later) the
//! date checks. All arithmetic is chrono's.

use chrono::{Datelike, Month, NaiveDate, Weekday};

/// A regex fragment matching an English month name or its news abbreviation
/// (`Nov.`, `Sept.`, `June`), without a trailing period. Longest forms first
/// so that `September` is not read as `Sept`.
pub const MONTH_PATTERN: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

/// The month number (1–12) of a month name or abbreviation, ignoring case and
/// a trailing period.
pub fn parse_month(text: &str) -> Option<u32> {
    let name = text.trim_end_matches('.').to_ascii_lowercase();
    let month = match name.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// Parses `YYYY-MM-DD`, or a date-time that starts with it
/// (`2023-11-27T10:00:00+06:00`, `2022-05-29 15:17:55`): a date-time counts
/// as the date it is written with, without converting time zones.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let date_part = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()
}

/// The date with this month and day nearest to `anchor` (within a year either
/// way): a story dated Jan. 2 that says "Dec. 30" means the previous year's.
/// `None` when the month has no such day in any of those years.
pub fn resolve_month_day(month: u32, day: u32, anchor: NaiveDate) -> Option<NaiveDate> {
    (anchor.year() - 1..=anchor.year() + 1)
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .min_by_key(|date| (*date - anchor).num_days().abs())
}

/// The dates a sentence names by month and day ("Jan. 14", "14 January",
/// "March 4, 2017"), each resolved with its year if written, else to the
/// nearest such date to `anchor`. Month names count only capitalised, so
/// "may" is no month.
pub fn month_days_in(text: &str, anchor: NaiveDate) -> Vec<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let day_of = |word: &str| {
        let digits = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|s| word.strip_suffix(s))
            .unwrap_or(word);
        digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
    };
    let year_of = |word: Option<&&str>| {
        word.filter(|w| w.len() == 4)
            .and_then(|w| w.parse::<i32>().ok())
            .filter(|y| (1900..=2100).contains(y))
    };
    let mut dates = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let Some(month) = parse_month(word) else { continue };
        let (day, year) = match words.get(i + 1).and_then(|w| day_of(w)) {
            Some(day) => (Some(day), year_of(words.get(i + 2))),
            None => (
                i.checked_sub(1).and_then(|b| day_of(words[b])),
                year_of(words.get(i + 1)),
            ),
        };
        let Some(day) = day else { continue };
        let date = match year {
            Some(year) => NaiveDate::from_ymd_opt(year, month, day),
            None => resolve_month_day(month, day, anchor),
        };
        dates.extend(date);
    }
    dates
}

/// The English name of month `month` (1–12), or `?` for no month.
pub fn month_name(month: u32) -> &'static str {
    month_of(month).map_or("?", |m| m.name())
}

/// How many days month `month` (1–12) has in `year` (30 for no month).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    month_of(month).and_then(|m| m.num_days(year)).map_or(30, u32::from)
}

fn month_of(month: u32) -> Option<Month> {
    u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok())
}

/// The AP form of a month used with a day: Jan., Feb., Aug., Sept., Oct.,
/// Nov., Dec.; the five short months in full.
pub fn ap_month(month: u32) -> &'static str {
    match month {
        1 => "Jan.",
        2 => "Feb.",
        8 => "Aug.",
        9 => "Sept.",
        10 => "Oct.",
        11 => "Nov.",
        12 => "Dec.",
        _ => month_name(month),
    }
}

/// The weekday a full English name names, in any case ("Monday",
/// "monday"); chrono would also take "Mon" and "sat", which are words too.
pub fn weekday_named(name: &str) -> Option<Weekday> {
    (name.len() > 3).then(|| name.parse().ok()).flatten()
}

/// The English name of a weekday ("Monday"; chrono writes "Mon").
pub fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(parse_month("Nov."), Some(11));
        assert_eq!(parse_month("Sept"), Some(9));
        assert_eq!(parse_month("JUNE"), Some(6));
        assert_eq!(parse_month("Movember"), None);
    }

    #[test]
    fn iso_dates_and_date_times() {
        assert_eq!(parse_iso_date("2023-11-27"), Some(ymd(2023, 11, 27)));
        assert_eq!(parse_iso_date("2022-05-29 15:17:55"), Some(ymd(2022, 5, 29)));
        assert_eq!(parse_iso_date("2023-11-27T23:30:00-05:00"), Some(ymd(2023, 11, 27)));
        assert_eq!(parse_iso_date("2023-02-29"), None);
        assert_eq!(parse_iso_date("2023-11-270"), None);
    }

    #[test]
    fn year_less_dates_resolve_to_the_nearest_year() {
        assert_eq!(resolve_month_day(12, 30, ymd(2024, 1, 2)), Some(ymd(2023, 12, 30)));
        assert_eq!(resolve_month_day(1, 3, ymd(2023, 12, 30)), Some(ymd(2024, 1, 3)));
        assert_eq!(resolve_month_day(11, 27, ymd(2023, 11, 28)), Some(ymd(2023, 11, 27)));
        assert_eq!(resolve_month_day(2, 29, ymd(2024, 3, 1)), Some(ymd(2024, 2, 29)));
        assert_eq!(resolve_month_day(4, 31, ymd(2024, 3, 1)), None);
    }

    #[test]
    fn month_days_of_a_sentence() {
        let anchor = ymd(2025, 1, 15);
        assert_eq!(
            month_days_in("reported the press service on Jan. 14.", anchor),
            [ymd(2025, 1, 14)]
        );
        assert_eq!(
            month_days_in("on 20 December and March 4, 2017", anchor),
            [ymd(2024, 12, 20), ymd(2017, 3, 4)]
        );
        assert!(month_days_in("They may meet on 4 may.", anchor).is_empty());
    }
}
