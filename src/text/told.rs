//! The time a sentence tells of, when it names it with its year: "In 2014,
//! …", "On Aug. 21, 2013, …", "… toured Chile in May 2015." A title in such
//! a sentence is a claim of that time, not of the article's day: "In May
//! 2015, Prime Minister X toured Chile" says X was Prime Minister in May
//! 2015, whatever X is now.
//!
//! Only two shapes are read, the two in which the date plainly dates the
//! clause of the title: a date opening the sentence, and a date closing the
//! clause whose subject is the titled name, with nothing between the name's
//! verb and the date that could take the date for itself (a relative
//! clause, a second verb: "a law passed in April 2015" dates the law, not
//! the president who asked to amend it). A sentence naming two years, or
//! telling something of now as well ("…, and it remains in force"), tells
//! of no one time.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::calendar::{MONTH_PATTERN, days_in_month, month_name, parse_month};
use super::sentence;

/// A span of days a sentence tells of: a year, a month or a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// As a reader would say it: "2015", "May 2015", "2015-05-03".
    pub shown: String,
}

/// The date part of both shapes: `[early|late|mid-] [MONTH[.] [DAY[,]]] YEAR`.
fn date_fragment() -> String {
    format!(
        r"(?:(?:early|late|mid-?) *)?(?:(?P<month>{MONTH_PATTERN})\.? +(?:(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?,? +)?)?(?P<year>(?:19|20)[0-9][0-9])"
    )
}

/// "In 2014,", "On Aug. 21, 2013,", "During March 2016,", "Back in 2012,".
/// Not "Since 2014," (a span reaching to now) nor "By 2014," (a deadline).
static OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:[Bb]ack|[Aa]nd|[Bb]ut|[Aa]lso) +)?(?:[Ii]n|[Oo]n|[Dd]uring) +{} *, ",
        date_fragment()
    ))
    .expect("static regex")
});

/// After the name: its verb, what it acts on, and the date closing the
/// clause ("… toured Chile in May 2015.").
static CLOSER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"^ +(?:[A-Za-z]+ly +)?(?P<verb>[A-Za-z]+)(?P<between>[^,;:.()"“”]{{0,80}}?) (?:in|on|during) +{}(?-u:\b) *(?:[.,;]|$)"#,
        date_fragment()
    ))
    .expect("static regex")
});

/// Words that open another clause or phrase between a verb and a date,
/// which may then take the date for itself.
const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "after", "before", "since", "until", "while", "where", "because",
    "as", "and", "but", "or", "to", "if",
];

/// The period the sentence `sentence` tells of, for the title at byte
/// `title` of it whose name ends at byte `name_end`, when the sentence
/// dates the title's clause with a year (see the module's doc); `None`
/// otherwise, and for a period after `today` (what is to come is no
/// record's).
pub fn period(sentence: &str, title: usize, name_end: usize, today: NaiveDate) -> Option<Period> {
    // Most sentences name no year: told with one pass over the bytes
    // before any regex runs.
    let years: Vec<&str> = sentence
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .collect();
    if years.is_empty() {
        return None;
    }
    let dated = opener(sentence, title).or_else(|| closer(sentence, title, name_end))?;
    let year = dated.first.year().to_string();
    (dated.last <= today && years.iter().all(|y| *y == year)).then_some(dated)
}

/// How far a sentence's opening date, or a clause's closing one, is looked
/// for: "On Wednesday, Sept. 21, 2016," and "… toured the port and the
/// new plant in May 2015." fit.
const REACH: usize = 160;

/// `text` up to [`REACH`] bytes, at a character boundary: the regexes read
/// no further.
fn head(text: &str) -> &str {
    let mut end = text.len().min(REACH);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn opener(sentence: &str, title: usize) -> Option<Period> {
    let found = OPENER.captures(head(sentence))?;
    let end = found.get(0)?.end();
    let rest = sentence.get(end..)?;
    // The title is in the opener's sentence, not in a clause after a
    // semicolon; nothing after it tells of now.
    let between = sentence.get(end..title)?;
    if title < end || between.contains(';') || sentence::has_present(rest) || sentence::is_recent(rest) {
        return None;
    }
    period_of(&found)
}

fn closer(sentence: &str, title: usize, name_end: usize) -> Option<Period> {
    // The titled name opens the sentence: it is the subject of the verb.
    if !sentence.get(..title)?.trim().is_empty() {
        return None;
    }
    let found = CLOSER.captures(head(sentence.get(name_end..)?))?;
    let verb = found.name("verb")?.as_str();
    let between = found.name("between").map_or("", |m| m.as_str());
    let lower = between.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if !sentence::has_past(verb) || words.iter().any(|w| CLAUSE_WORDS.contains(w)) || sentence::has_past(between) {
        return None;
    }
    period_of(&found)
}

fn period_of(found: &regex::Captures<'_>) -> Option<Period> {
    let year: i32 = found.name("year")?.as_str().parse().ok()?;
    let Some(month) = found.name("month").and_then(|m| parse_month(m.as_str())) else {
        return Some(Period {
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
            shown: year.to_string(),
        });
    };
    if let Some(day) = found.name("day").and_then(|d| d.as_str().parse::<u32>().ok()) {
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        return Some(Period {
            first: date,
            last: date,
            shown: date.to_string(),
        });
    }
    Some(Period {
        first: NaiveDate::from_ymd_opt(year, month, 1)?,
        last: NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))?,
        shown: format!("{} {year}", month_name(month)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2017, 3, 1).unwrap()
    }

    /// The period told of for the title "President" before the name
    /// "X Y" in `sentence`.
    fn told(sentence: &str) -> Option<String> {
        let title = sentence.find("President").unwrap();
        let name_end = sentence.find("X Y").unwrap() + 3;
        period(sentence, title, name_end, today()).map(|p| p.shown)
    }

    #[test]
    fn a_date_opening_the_sentence() {
        assert_eq!(told("In 2014, President X Y signed the law.").as_deref(), Some("2014"));
        assert_eq!(
            told("In March 2016, President X Y visited Chile.").as_deref(),
            Some("March 2016")
        );
        assert_eq!(
            told("On Aug. 21, 2013, President X Y spoke.").as_deref(),
            Some("2013-08-21")
        );
        assert_eq!(
            told("Back in 2012, the plan stalled and President X Y, weary, dropped it.").as_deref(),
            Some("2012")
        );
    }

    #[test]
    fn a_date_closing_the_clause_of_the_name() {
        assert_eq!(
            told("President X Y toured Chile in May 2015.").as_deref(),
            Some("May 2015")
        );
        assert_eq!(
            told("President X Y visited the port on June 3, 2014, aides said.").as_deref(),
            Some("2014-06-03")
        );
    }

    #[test]
    fn no_one_time() {
        // The date is another clause's or another word's.
        assert_eq!(
            told("President X Y asked him to amend a law passed in April 2015."),
            None
        );
        assert_eq!(told("President X Y visited the plant that opened in 2015."), None);
        assert_eq!(told("They said President X Y toured Chile in May 2015."), None);
        // Two years, a span to now, a deadline, something of now.
        assert_eq!(told("In 2014, President X Y said it would be done by 2016."), None);
        assert_eq!(told("Since 2014, President X Y has led it."), None);
        assert_eq!(told("By 2014, President X Y had left."), None);
        assert_eq!(
            told("In 2014, President X Y signed the law, which remains in force."),
            None
        );
        assert_eq!(told("In 2014, the law passed; President X Y signs it today."), None);
        // To come.
        assert_eq!(told("In 2019, President X Y faces re-election."), None);
    }
}
