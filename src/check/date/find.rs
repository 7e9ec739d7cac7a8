//! Finding dates in prose, with spans, in the forms news uses:
//! `Nov. 27`, `November 27, 2023`, `27 November 2023`, `2023-11-27`,
//! `May 29th`, `on the 27th`, weekdays (`Monday`, `Monday, Nov. 27`),
//! ranges (`from Nov. 26 to 27`, `Nov. 26-27`, `Nov. 26 to Dec. 2`,
//! `between … and …`), years (`in 2023`), relative years (`last year`), and
//! elapsed time (`30 years ago`, `the 30th anniversary`, `over 30 years`).
//!
//! Finding only says what is written; [`resolve`] turns a written day into a
//! calendar date against the article's anchor date.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use chrono::{Datelike, NaiveDate, Weekday};
use memchr::memmem::Finder;
use regex::Regex;
use regex_automata::{Anchored, Input, meta};

use crate::text::calendar::{MONTH_PATTERN, days_in_month, month_name, parse_month, resolve_month_day};
use crate::text::ranges::RangeSet;

/// How a day is written, for the house-style check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayStyle {
    /// `Nov. 27`, `November 27th`: the month name's range, and the ordinal
    /// suffix's range if there is one.
    MonthFirst {
        month: Range<usize>,
        ordinal: Option<Range<usize>>,
    },
    /// `27 November 2023`.
    DayFirst,
    /// `2023-11-27`.
    Iso,
    /// `the 27th`: a day of the anchor's month.
    OrdinalOnly,
}

/// A day as written: month and day, perhaps a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenDay {
    pub range: Range<usize>,
    /// `None` for "the 27th" (the anchor's month).
    pub month: Option<u32>,
    pub day: u32,
    pub year: Option<i32>,
    pub style: DayStyle,
}

/// The kinds of years-elapsed statements the anniversary check reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elapsed {
    /// "30 years ago", "30 years since"
    Ago,
    /// "the 30th anniversary"
    Anniversary,
    /// "over 30 years", "more than 30 years"
    Over,
    /// "ten years of partnership"
    YearsOf,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mention {
    /// A single day, with the weekday written beside it if any.
    Day {
        day: WrittenDay,
        weekday: Option<(Weekday, Range<usize>)>,
    },
    /// A range of days; `connector` is the text between them.
    Span { start: WrittenDay, end: WrittenDay },
    /// A weekday with no date beside it.
    Weekday { weekday: Weekday, range: Range<usize> },
    /// "in 2023"
    Year { year: i32, range: Range<usize> },
    /// "last year" (-1), "this year" (0), "next year" (1)
    RelativeYear { offset: i32, range: Range<usize> },
    /// "30 years ago" and the like.
    Elapsed {
        years: u32,
        form: Elapsed,
        range: Range<usize>,
    },
}

impl Mention {
    pub fn range(&self) -> Range<usize> {
        match self {
            Mention::Day { day, weekday } => {
                let start = weekday
                    .as_ref()
                    .map_or(day.range.start, |(_, r)| r.start.min(day.range.start));
                start..day.range.end
            }
            Mention::Span { start, end } => start.range.start..end.range.end,
            Mention::Weekday { range, .. }
            | Mention::Year { range, .. }
            | Mention::RelativeYear { range, .. }
            | Mention::Elapsed { range, .. } => range.clone(),
        }
    }
}

const YEAR: &str = r"(?:19|20)\d{2}";

/// Month names written in full: a period after one ends a sentence.
const FULL_MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?P<month>{MONTH_PATTERN})\.?[ ](?P<day>\d{{1,2}})(?P<ord>st|nd|rd|th)?(?-u:\b)(?:,?[ ](?P<year>{YEAR})(?-u:\b))?"
    ))
    .expect("static regex")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[ ](?:of[ ])?(?P<month>{MONTH_PATTERN})(?-u:\b)\.?(?:,?[ ](?P<year>{YEAR})(?-u:\b))?"
    ))
    .expect("static regex")
});
/// The month abbreviations of [`MONTH_PATTERN`] in its order, after
/// [`FULL_MONTHS`], then the weekdays: the words every day and weekday of
/// news is written with, found in one scan ([`date_words`]). None starts inside another's
/// occurrence (each has one capital, its first letter), so the scan's
/// matches, one after another, are every place one of them is written.
const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// How many of the scan's words are months (they come first).
const MONTH_WORDS: usize = FULL_MONTHS.len() + MONTH_ABBREVIATIONS.len();
static DATE_WORD_SCAN: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words = FULL_MONTHS.iter().chain(&MONTH_ABBREVIATIONS).chain(&WEEKDAYS);
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(words)
        .expect("static automaton")
});
/// [`MONTH_DAY`] and [`DAY_MONTH`] for searches anchored where a month
/// name is (or a day before it), in a span that holds the longest match,
/// with the text around the span read for the word boundaries.
static MONTH_DAY_AT: LazyLock<meta::Regex> =
    LazyLock::new(|| meta::Regex::new(MONTH_DAY.as_str()).expect("static regex"));
static DAY_MONTH_AT: LazyLock<meta::Regex> =
    LazyLock::new(|| meta::Regex::new(DAY_MONTH.as_str()).expect("static regex"));
/// More bytes than the longest match of [`MONTH_DAY`] (`September. 30th,
/// 2023`, 23) and of [`DAY_MONTH`] (`30th of September., 2023`, 26, with
/// digits of up to four bytes each).
const LONGEST_DAY: usize = 40;
/// More bytes than a [`DAY_MONTH`] match can hold before its month
/// (two digits of up to four bytes, an ordinal suffix, " of ").
const DAY_BEFORE_MONTH: usize = 16;

/// Where the months and weekdays of `text` are written.
struct DateWords {
    months: Vec<usize>,
    weekdays: Vec<Range<usize>>,
}

/// The one scan for the month and weekday names: a vectorised search for
/// 31 literals.
fn date_words(text: &str) -> DateWords {
    let mut words = DateWords {
        months: Vec::new(),
        weekdays: Vec::new(),
    };
    for found in DATE_WORD_SCAN.find_iter(text) {
        if found.pattern().as_usize() < MONTH_WORDS {
            words.months.push(found.start());
        } else {
            words.weekdays.push(found.range());
        }
    }
    words
}

/// The match of `regex` that starts at `at`, if one does.
fn match_at(regex: &meta::Regex, text: &str, at: usize) -> Option<Range<usize>> {
    let mut end = (at + LONGEST_DAY).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let input = Input::new(text).span(at..end).anchored(Anchored::Yes);
    regex.search(&input).map(|found| found.range())
}

/// Whether `byte` is a word byte of an ASCII `\b`.
fn ascii_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?-u:\b)").expect("static regex")
});
static ORDINAL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[Oo]n[ ]the[ ](?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?-u:\b)").expect("static regex")
});
/// What may join two days into a range.
static RANGE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[ ]?(?P<conn>-|–|—|[ ]to[ ]|[ ]and[ ]|[ ]through[ ]|[ ]until[ ])[ ]?(?:(?P<month>{MONTH_PATTERN})\.?[ ])?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?[ ](?P<year>{YEAR})(?-u:\b))?"
    ))
    .expect("static regex")
});
/// Words that may follow a range's end day ("from Nov. 26 to 27, …",
/// "… to 27 in Astana"); any other lower-case word means the number was not
/// a day ("Nov. 27 to 30 people").
const AFTER_RANGE: &[&str] = &[
    "in", "at", "and", "on", "the", "for", "when", "during", "with", "to", "of", "this", "last", "next",
];
/// What [`weekdays`] finds (the tests hold them equal).
#[cfg(test)]
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)")
        .expect("static regex")
});
static YEAR_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:in|since|by|until|during|from|of|early|late|mid)[ ](?P<year>{YEAR})(?-u:\b)"
    ))
    .expect("static regex")
});
static RELATIVE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)[ ]year(?-u:\b)").expect("static regex"));

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const ORDINAL_WORDS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
    ("hundredth", 100),
];
const NUMBER: &str = r"\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const ORDINAL: &str = r"\d{1,3}(?:st|nd|rd|th)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-[a-z]+|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth";
static ELAPSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i-u)(?-u:\b)(?:(?P<ago>{NUMBER})[ ]years[ ](?:ago|since)(?-u:\b)|the[ ](?P<ord>{ORDINAL})[ ]anniversary(?-u:\b)|(?:over|more[ ]than)[ ](?P<over>{NUMBER})[ ]years(?-u:\b)|(?P<of>{NUMBER})[ ]years[ ]of(?-u:\b))"
    ))
    .expect("static regex")
});

/// Substrings without which a pattern cannot match, tested before running
/// it: most articles have no "on the 27th" and no "years ago". Searched
/// with `memchr`'s vectorised substring search, built once: `str::contains`
/// for these took more time than the regexes they spare.
struct Gates {
    on_the: Finder<'static>,
    nineteen: Finder<'static>,
    twenty: Finder<'static>,
    year: Finder<'static>,
    elapsed: [Finder<'static>; 4],
}

static GATES: LazyLock<Gates> = LazyLock::new(|| Gates {
    on_the: Finder::new("n the "),
    nineteen: Finder::new(" 19"),
    twenty: Finder::new(" 20"),
    year: Finder::new(" year"),
    elapsed: ["ears", "EARS", "nniversar", "NNIVERSAR"].map(Finder::new),
});

fn has(text: &str, finder: &Finder) -> bool {
    finder.find(text.as_bytes()).is_some()
}

/// The value of a number written in digits or words ("30", "thirty",
/// "thirty-five").
pub fn number_value(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    if let Ok(n) = lower.parse() {
        return Some(n);
    }
    let word = |w: &str| NUMBER_WORDS.iter().find(|(name, _)| *name == w).map(|(_, n)| *n);
    match lower.split_once('-') {
        Some((tens, units)) => Some(word(tens)? + word(units)?),
        None => word(&lower),
    }
}

/// The value of an ordinal ("30th", "thirtieth", "thirty-fifth").
pub fn ordinal_value(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    if let Some(digits) = lower
        .strip_suffix("st")
        .or(lower.strip_suffix("nd"))
        .or(lower.strip_suffix("rd"))
        .or(lower.strip_suffix("th"))
        && let Ok(n) = digits.parse()
    {
        return Some(n);
    }
    let ordinal = |w: &str| ORDINAL_WORDS.iter().find(|(name, _)| *name == w).map(|(_, n)| *n);
    match lower.split_once('-') {
        Some((tens, units)) => Some(number_value(tens)? + ordinal(units)?),
        None => ordinal(&lower),
    }
}

fn weekday_of(name: &str) -> Option<Weekday> {
    name.parse().ok()
}

fn day_from(captures: &regex::Captures, style: DayStyle) -> Option<WrittenDay> {
    let whole = captures.get(0)?;
    let month_text = captures.name("month")?.as_str();
    let month = match style {
        DayStyle::Iso => month_text.parse().ok()?,
        _ => parse_month(month_text)?,
    };
    Some(WrittenDay {
        range: whole.range(),
        month: Some(month),
        day: captures.name("day")?.as_str().parse().ok()?,
        year: captures.name("year").and_then(|y| y.as_str().parse().ok()),
        style,
    })
}

/// The parts of a [`MONTH_DAY`] match, as byte ranges of the text.
#[derive(Debug, PartialEq, Eq)]
struct MonthDayParts {
    month: Range<usize>,
    day: Range<usize>,
    ordinal: Option<Range<usize>>,
    year: Option<Range<usize>>,
}

/// Cuts a [`MONTH_DAY`] match (`Nov. 27th, 2023`) into its parts by its
/// shape: the month is its leading ASCII letters, then an optional period
/// and one space; the day runs to the first ASCII letter, comma or space
/// (its digits may be any Unicode digits, as `\d` allows); the ordinal
/// suffix is the letters after it; the year is whatever follows a comma
/// and a space. A test holds this equal to the regex's capture groups.
fn month_day_parts(text: &str, whole: Range<usize>) -> Option<MonthDayParts> {
    let bytes = text.as_bytes().get(whole.clone())?;
    let month_end = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let space = month_end + usize::from(bytes.get(month_end) == Some(&b'.'));
    if bytes.get(space) != Some(&b' ') {
        return None;
    }
    let day_start = space + 1;
    let day_end = bytes[day_start..]
        .iter()
        .position(|&b| b.is_ascii_alphabetic() || b == b',' || b == b' ')
        .map_or(bytes.len(), |i| day_start + i);
    let ordinal_end = day_end + bytes[day_end..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let year_start = ordinal_end
        + bytes[ordinal_end..]
            .iter()
            .take_while(|&&b| b == b',' || b == b' ')
            .count();
    let at = |start: usize, end: usize| whole.start + start..whole.start + end;
    Some(MonthDayParts {
        month: at(0, month_end),
        day: at(day_start, day_end),
        ordinal: (ordinal_end > day_end).then(|| at(day_end, ordinal_end)),
        year: (year_start < bytes.len()).then(|| at(year_start, bytes.len())),
    })
}

/// Every date mention in `text` (the prose mask), in text order, without
/// overlaps.
pub fn find(text: &str) -> Vec<Mention> {
    let words = date_words(text);
    let mut mentions = day_mentions(text, written_days(text, &words));
    let extra = other_mentions(text, &mentions, &words);
    mentions.extend(extra);
    mentions.sort_by_key(|m| (m.range().start, m.range().end));
    mentions
}

/// Every written day (month-day, day-month, ISO, "the 27th"), in text
/// order, the longest kept where two overlap.
fn written_days(text: &str, words: &DateWords) -> Vec<WrittenDay> {
    let mut days: Vec<WrittenDay> = Vec::new();
    // The parts cut from the match by its shape, without capture groups
    // (see BENCHMARKS.md).
    for whole in month_days(text, words) {
        let Some(parts) = month_day_parts(text, whole.clone()) else {
            continue;
        };
        let month_text = &text[parts.month.clone()];
        // "May" and "March" are also words; a month needs a capital.
        if !month_text.starts_with(char::is_uppercase) {
            continue;
        }
        // "in January. 83,803 people": a period after a month written in
        // full ends a sentence, and a day has no thousands group.
        let period = text.as_bytes().get(parts.month.end) == Some(&b'.');
        let thousands = text[whole.end..]
            .strip_prefix(',')
            .is_some_and(|t| t.len() >= 3 && t.as_bytes()[..3].iter().all(u8::is_ascii_digit));
        if (period && FULL_MONTHS.contains(&month_text)) || thousands {
            continue;
        }
        let (Some(month), Ok(day)) = (parse_month(month_text), text[parts.day].parse()) else {
            continue;
        };

        days.push(WrittenDay {
            range: whole,
            month: Some(month),
            day,
            year: parts.year.and_then(|y| text[y].parse().ok()),
            style: DayStyle::MonthFirst {
                month: parts.month,
                ordinal: parts.ordinal,
            },
        });
    }
    for captures in day_months(text, words) {
        if captures
            .name("month")
            .is_some_and(|m| m.as_str().starts_with(char::is_uppercase))
            && !captures
                .get(0)
                .is_some_and(|whole| part_of_a_figure(text, whole.start()))
        {
            days.extend(day_from(&captures, DayStyle::DayFirst));
        }
    }
    for whole in ISO.find_iter(text) {
        // Kept even when invalid ("2023-13-01"): the invalid-date check needs it.
        // Digits have no '-': the three parts are year, month, day.
        let mut parts = whole.as_str().splitn(3, '-');
        let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(month), Ok(day)) = (month.parse::<u32>(), day.parse::<u32>()) else {
            continue;
        };
        days.push(WrittenDay {
            range: whole.range(),
            month: Some(month),
            day,
            year: year.parse().ok(),
            style: DayStyle::Iso,
        });
    }
    // Cheap substring tests skip the regexes that cannot match.
    let ordinal_days = if has(text, &GATES.on_the) {
        ORDINAL_DAY.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for captures in ordinal_days {
        let (Some(whole), Some(day)) = (captures.get(0), captures.name("day")) else {
            continue;
        };
        // "on the 27th": the day is "the 27th".
        let start = whole.start() + whole.as_str().find("the").unwrap_or(0);
        days.push(WrittenDay {
            range: start..whole.end(),
            month: None,
            day: day.as_str().parse().unwrap_or(0),
            year: None,
            style: DayStyle::OrdinalOnly,
        });
    }
    // "9 January-2011": a year after a hyphen is the day's.
    for day in days.iter_mut().filter(|d| d.year.is_none() && d.month.is_some()) {
        let tail = &text.as_bytes()[day.range.end..];
        if tail.len() >= 5
            && tail[0] == b'-'
            && tail[1..5].iter().all(u8::is_ascii_digit)
            && tail.get(5).is_none_or(|b| !b.is_ascii_digit())
        {
            day.year = text[day.range.end + 1..day.range.end + 5].parse().ok();
            day.range.end += 5;
        }
    }
    days.sort_by_key(|d| (d.range.start, std::cmp::Reverse(d.range.end)));
    let mut kept: Vec<WrittenDay> = Vec::new();
    for day in days {
        if kept.last().is_none_or(|last| day.range.start >= last.range.end) {
            kept.push(day);
        }
    }
    kept
}

/// The matches of [`MONTH_DAY`] that `find_iter` would give, searched only
/// where a month is written (each match starts there), one after another.
fn month_days(text: &str, words: &DateWords) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for &month in &words.months {
        if found.last().is_some_and(|last| month < last.end) {
            continue;
        }
        found.extend(match_at(&MONTH_DAY_AT, text, month));
    }
    found
}

/// The weekdays [`WEEKDAY`] finds: a weekday between ASCII word
/// boundaries.
fn weekdays<'w>(text: &str, words: &'w DateWords) -> impl Iterator<Item = &'w Range<usize>> {
    let bytes = text.as_bytes();
    words.weekdays.iter().filter(move |range| {
        (range.start == 0 || !ascii_word(bytes[range.start - 1]))
            && bytes.get(range.end).is_none_or(|&byte| !ascii_word(byte))
    })
}

/// The words [`YEAR_ONLY`] takes before a year, in its order.
const YEAR_WORDS: [&str; 10] = [
    "in", "since", "by", "until", "during", "from", "of", "early", "late", "mid",
];
static YEAR_ONLY_AT: LazyLock<meta::Regex> =
    LazyLock::new(|| meta::Regex::new(YEAR_ONLY.as_str()).expect("static regex"));

/// The matches of [`YEAR_ONLY`] that `find_iter` would give, searched only
/// where a space comes before "19" or "20" (two vectorised searches): a
/// match is one of [`YEAR_WORDS`] right before that space. At most one
/// word ends at a space with a word boundary before it, and two matches
/// never overlap, so the matches in order of their start are all of them.
fn years_only(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spaces: Vec<usize> = GATES.nineteen.find_iter(bytes).collect();
    spaces.extend(GATES.twenty.find_iter(bytes));
    spaces.sort_unstable();
    let mut found: Vec<Range<usize>> = Vec::new();
    for space in spaces {
        let before = &bytes[..space];
        for word in YEAR_WORDS.iter().filter(|word| before.ends_with(word.as_bytes())) {
            let start = space - word.len();
            if let Some(whole) = match_at(&YEAR_ONLY_AT, text, start)
                && found.last().is_none_or(|last| last.end <= whole.start)
            {
                found.push(whole);
                break;
            }
        }
    }
    found
}

/// The matches of [`DAY_MONTH`] that `captures_iter` would give, searched
/// only in the few bytes before a month written after a space: a match
/// holds one month, its day starts at most [`DAY_BEFORE_MONTH`] bytes
/// before it with a digit, and the earliest match before the first month
/// is the leftmost of all.
fn day_months<'t>(text: &'t str, words: &DateWords) -> Vec<regex::Captures<'t>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut last_end = 0;
    for &month in &words.months {
        if month == 0 || bytes[month - 1] != b' ' {
            continue;
        }
        for start in month.saturating_sub(DAY_BEFORE_MONTH).max(last_end)..month {
            let digit = text.is_char_boundary(start) && text[start..].starts_with(|c: char| c.is_numeric());
            if !digit {
                continue;
            }
            let Some(whole) = match_at(&DAY_MONTH_AT, text, start) else {
                continue;
            };
            // The same match, with its groups (a search from `start`
            // finds the match that starts there first).
            if let Some(captures) = DAY_MONTH.captures_at(text, start) {
                found.push(captures);
            }
            last_end = whole.end;
            break;
        }
    }
    found
}

/// The written days as mentions: ranges ("Nov. 26-27") joined, and the
/// weekday written before a day kept with it.
fn day_mentions(text: &str, kept: Vec<WrittenDay>) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < kept.len() {
        let day = kept[i].clone();
        i += 1;
        if let Some((end, consumed_next)) = range_end(text, &day, kept.get(i)) {
            if consumed_next {
                i += 1;
            }
            // "April 3-4, 1993": a year after the range is the start's too
            // (the year before, across a new year: "Dec. 28 - Jan. 3, 2017").
            let year = day.year.or(end.year.map(|y| y - i32::from(day.month > end.month)));
            mentions.push(Mention::Span {
                start: WrittenDay { year, ..day },
                end,
            });
            continue;
        }
        let weekday = weekday_before(text, day.range.start);
        mentions.push(Mention::Day { day, weekday });
    }
    mentions
}

/// Weekdays, years, relative years and elapsed times that are not part of
/// a day already found (`mentions`).
fn other_mentions(text: &str, mentions: &[Mention], words: &DateWords) -> Vec<Mention> {
    let days = RangeSet::new(mentions.iter().map(Mention::range));
    let mut extra = Vec::new();
    for range in weekdays(text, words) {
        if days.overlaps(range) {
            continue;
        }
        if let Some(weekday) = weekday_of(&text[range.clone()]) {
            extra.push(Mention::Weekday {
                weekday,
                range: range.clone(),
            });
        }
    }
    for whole in years_only(text) {
        // "in 2023": the year is what follows the one space.
        let Some(space) = text[whole.clone()].find(' ') else {
            continue;
        };
        let year = whole.start + space + 1..whole.end;
        if !days.overlaps(&year) {
            extra.push(Mention::Year {
                year: text[year.clone()].parse().unwrap_or(0),
                range: year,
            });
        }
    }
    let relative = if has(text, &GATES.year) {
        RELATIVE_YEAR.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for captures in relative {
        let (Some(whole), Some(rel)) = (captures.get(0), captures.name("rel")) else {
            continue;
        };
        let offset = match rel.as_str().to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        extra.push(Mention::RelativeYear {
            offset,
            range: whole.range(),
        });
    }
    for captures in elapsed_matches(text) {
        let Some(whole) = captures.get(0) else { continue };
        let (years, form) = if let Some(n) = captures.name("ago") {
            (number_value(n.as_str()), Elapsed::Ago)
        } else if let Some(n) = captures.name("ord") {
            (ordinal_value(n.as_str()), Elapsed::Anniversary)
        } else if let Some(n) = captures.name("over") {
            (number_value(n.as_str()), Elapsed::Over)
        } else {
            (
                captures.name("of").and_then(|n| number_value(n.as_str())),
                Elapsed::YearsOf,
            )
        };
        if let Some(years) = years {
            extra.push(Mention::Elapsed {
                years,
                form,
                range: whole.range(),
            });
        }
    }
    extra
}

/// Every match of [`ELAPSED`] in `text`, in text order.
///
/// The regex has no literal to search for first, so over a whole article
/// it was half of the dates stage. Its matches hold nothing but ASCII
/// letters, digits, spaces and hyphens, and each holds "years" or
/// "anniversary" (in lower case, capitalised or in capitals): so it runs
/// only on the runs of those bytes (and `_`) that hold one. A run ends at a byte that is no word byte, so its word
/// boundaries and its matches are the whole text's.
fn elapsed_matches(text: &str) -> Vec<regex::Captures<'_>> {
    let bytes = text.as_bytes();
    let in_run = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'-' | b'_');
    // memchr's searchers, four of them, were faster than one
    // case-insensitive automaton.
    let mut hints: Vec<usize> = GATES
        .elapsed
        .iter()
        .flat_map(|finder| finder.find_iter(bytes))
        .collect();
    hints.sort_unstable();
    let mut found = Vec::new();
    let mut run_end = 0;
    for hint in hints {
        if hint < run_end {
            continue;
        }
        // The walk back stops at the previous run's end at the latest.
        let run_start = bytes[..hint].iter().rposition(|&b| !in_run(b)).map_or(0, |i| i + 1);
        run_end = bytes[hint..]
            .iter()
            .position(|&b| !in_run(b))
            .map_or(bytes.len(), |i| hint + i);
        // The run is ASCII between two ASCII (or absent) bytes: char
        // boundaries both. `captures_at` gives offsets into `text`.
        let haystack = &text[..run_end];
        let mut at = run_start;
        while let Some(captures) = ELAPSED.captures_at(haystack, at) {
            let end = captures.get(0).map_or(haystack.len(), |m| m.end());
            found.push(captures);
            // No match is empty, so each search starts further on.
            at = end.max(at + 1);
            if at >= run_end {
                break;
            }
        }
    }
    found
}

/// The end of a range starting with `start`, if the text after it continues
/// one ("-27", " to Dec. 2", " and 27" after "between"). Returns whether the
/// end is the next found day (`next`), which the caller then skips.
fn range_end(text: &str, start: &WrittenDay, next: Option<&WrittenDay>) -> Option<(WrittenDay, bool)> {
    if start.style == DayStyle::OrdinalOnly {
        return None;
    }
    let rest = &text[start.range.end..];
    let captures = RANGE_TAIL.captures(rest)?;
    let conn = captures.name("conn")?.as_str().trim();
    let before = text[..start.range.start].trim_end();
    let opener = before.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    match conn {
        "and" if opener != "between" => return None,
        "until" | "through" if opener != "from" => return None,
        _ => {}
    }
    let whole = captures.get(0)?;
    let end_range = start.range.end
        + captures
            .name("month")
            .map_or(captures.name("day")?.start(), |m| m.start())..start.range.end + whole.end();
    let mut end_range = end_range;
    // "from Jan 1 to 8.5 pct", "fell on Nov 4 to 2.1 billion": a date and
    // then a figure, not a range.
    if is_a_figure_after(&text[end_range.end..]) {
        return None;
    }
    let after = text[end_range.end..].trim_start();
    let next_word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    if next_word.starts_with(char::is_lowercase) && !AFTER_RANGE.contains(&next_word.as_str()) {
        return None;
    }
    // "29 January - 3 February 2017": a bare end day takes the month (and
    // year) written after it.
    let month_after = match captures.name("month") {
        None if next_word.starts_with(char::is_uppercase) => parse_month(&next_word),
        _ => None,
    };
    let mut year_after = None;
    if month_after.is_some() {
        let word_end = text.len() - after.len() + next_word.len();
        let tail = &text[word_end..];
        let digits = tail
            .strip_prefix(' ')
            .filter(|t| t.len() >= 4 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit));
        year_after = digits.and_then(|t| t[..4].parse::<i32>().ok());
        end_range.end = word_end + year_after.map_or(0, |_| 5);
    }
    let month = match (captures.name("month"), month_after) {
        (Some(m), _) => Some(parse_month(m.as_str())?),
        (None, Some(month)) => Some(month),
        (None, None) => start.month,
    };
    // The end's own year, if written; else it takes the first year not
    // before the start (`Context::resolve_end`).
    let end = WrittenDay {
        range: end_range.clone(),
        month,
        day: captures.name("day")?.as_str().parse().ok()?,
        year: captures
            .name("year")
            .and_then(|y| y.as_str().parse().ok())
            .or(year_after),
        style: DayStyle::DayFirst,
    };
    let consumed = next.is_some_and(|n| n.range.start < end_range.end);
    Some((end, consumed))
}

/// Whether the number starting at `at` is the end of a figure: the digits
/// after a decimal point or a thousands comma ("41.25 Aug" in a table of
/// prices is 41.25, not the 25th of August).
fn part_of_a_figure(text: &str, at: usize) -> bool {
    let before = text.as_bytes()[..at].iter().rev();
    let mut before = before.take(2);
    matches!(
        (before.next(), before.next()),
        (Some(b'.' | b','), Some(digit)) if digit.is_ascii_digit()
    )
}

/// Whether `rest`, right after a number, makes it a figure: a decimal or
/// thousands part ("8.5", "1,200") or a percent sign.
fn is_a_figure_after(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    match bytes.first() {
        Some(b'%') => true,
        Some(b'.' | b',') => bytes.get(1).is_some_and(u8::is_ascii_digit),
        _ => false,
    }
}

/// A weekday written right before a date: "Monday, Nov. 27" or "Monday (Nov. 27".
fn weekday_before(text: &str, day_start: usize) -> Option<(Weekday, Range<usize>)> {
    let before = &text[..day_start];
    let trimmed = before.trim_end_matches([' ', ',', '(']);
    if before.len() - trimmed.len() > 3 {
        return None;
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &trimmed[word_start..];
    Some((
        weekday_of(word).filter(|_| word.starts_with(char::is_uppercase))?,
        word_start..trimmed.len(),
    ))
}

/// A written day as a calendar date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    Date(NaiveDate),
    /// No such day: the reason, e.g. "2023 is not a leap year".
    Invalid(String),
    /// No year written and no date to resolve against.
    Unknown,
}

/// The months whose misspellings are told from other words: the long
/// ones. A slip in "March" or "June" makes a word ("Match 3", "Jane 5").
const LONG_MONTHS: &[(u32, &str)] = &[
    (1, "january"),
    (2, "february"),
    (8, "august"),
    (9, "september"),
    (10, "october"),
    (11, "november"),
    (12, "december"),
];

/// Capitalised words that are a slip or two from a long month's name
/// ("Feburary", "Janaury", "Septmber") and stand next to a day number
/// ("Feburary 12", "12 Feburary"): each word's range and the month it
/// misspells. One slip for "August", two for the longer names; the first
/// letter kept, as slips keep it. Day numbers are rarer than words: the
/// walk goes from one to the next and reads only the words beside them.
pub fn misspelt_months(text: &str) -> Vec<(Range<usize>, u32)> {
    let bytes = text.as_bytes();
    let mut found: Vec<(Range<usize>, u32)> = Vec::new();
    let mut at = 0;
    while let Some(start) = next_digit(bytes, at) {
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        at = end;
        let digits = &text[start..end];
        let suffix = ["st", "nd", "rd", "th"]
            .iter()
            .find(|s| text[end..].starts_with(**s))
            .map_or(0, |s| s.len());
        let word_end = end + suffix;
        let alone = start.checked_sub(1).is_none_or(|b| !bytes[b].is_ascii_alphanumeric())
            && bytes.get(word_end).is_none_or(|b| !b.is_ascii_alphanumeric());
        if digits.len() > 2 || !alone || !digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) {
            continue;
        }
        // The word right before the day, then the one right after it,
        // with spaces alone between.
        let before = text[..start].strip_suffix(' ').map(|head| {
            let word_start = head
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_ascii_alphabetic())
                .map_or(0, |(i, c)| i + c.len_utf8());
            word_start..head.len()
        });
        let after = text[word_end..].strip_prefix(' ').map(|tail| {
            let from = word_end + 1;
            from..from + tail.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(tail.len())
        });
        for range in [before, after].into_iter().flatten() {
            // A word inside a longer one ("X-Feburary") is not read.
            let inside = range
                .start
                .checked_sub(1)
                .is_some_and(|b| bytes[b].is_ascii_alphanumeric() || bytes[b] == b'-')
                || bytes
                    .get(range.end)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-');
            if inside {
                continue;
            }
            if let Some(month) = misspelt_month(&text[range.clone()])
                && found.last().is_none_or(|(last, _)| *last != range)
            {
                found.push((range, month));
            }
        }
    }
    found
}

/// The first ASCII digit at or after `at`: sixteen bytes at a time while
/// none is (a loop the compiler turns into vector instructions).
fn next_digit(bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(chunk) = bytes.get(at..at + 16) {
        if chunk.iter().fold(false, |any, byte| any | byte.is_ascii_digit()) {
            break;
        }
        at += 16;
    }
    bytes
        .get(at..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|found| at + found)
}

/// The long month `word` misspells, if it is a slip or two from one (see
/// [`misspelt_months`]).
fn misspelt_month(word: &str) -> Option<u32> {
    let first = *word.as_bytes().first()?;
    if !(5..=11).contains(&word.len())
        || !matches!(first, b'J' | b'F' | b'A' | b'S' | b'O' | b'N' | b'D')
        || parse_month(word).is_some()
    {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    LONG_MONTHS.iter().find_map(|&(month, name)| {
        let slips = if name.len() <= 6 { 1 } else { 2 };
        // "Augusta", "Octobers": a month's name and more is a word of
        // its own.
        (name.as_bytes()[0] == lower.as_bytes()[0]
            && !lower.starts_with(name)
            && lower.len().abs_diff(name.len()) <= slips
            && strsim::osa_distance(name, &lower) <= slips)
            .then_some(month)
    })
}

/// Resolves `day` against `anchor` (the dateline's date, else the
/// publication date): a year-less day gets the nearest year.
pub fn resolve(day: &WrittenDay, anchor: Option<NaiveDate>) -> Resolved {
    let month = match day.month.or_else(|| anchor.map(|a| a.month())) {
        Some(month) => month,
        None => return Resolved::Unknown,
    };
    if !(1..=12).contains(&month) {
        return Resolved::Invalid(format!("there is no month {month}"));
    }
    if day.day == 0 || day.day > 31 {
        return Resolved::Invalid(format!("{} has no day {}", month_name(month), day.day));
    }
    match (day.year, day.month) {
        (Some(year), _) => match NaiveDate::from_ymd_opt(year, month, day.day) {
            Some(date) => Resolved::Date(date),
            None if month == 2 && day.day == 29 => Resolved::Invalid(format!("{year} is not a leap year")),
            None => Resolved::Invalid(format!("{} has {} days", month_name(month), days_in_month(year, month))),
        },
        // "the 27th": the anchor's month, or the month before if the day is
        // still to come.
        (None, None) => {
            let Some(anchor) = anchor else { return Resolved::Unknown };
            let this_month = NaiveDate::from_ymd_opt(anchor.year(), anchor.month(), day.day).filter(|d| *d <= anchor);
            let last_month = anchor
                .with_day(1)
                .and_then(|d| d.pred_opt())
                .and_then(|d| NaiveDate::from_ymd_opt(d.year(), d.month(), day.day));
            this_month.or(last_month).map_or(Resolved::Unknown, Resolved::Date)
        }
        (None, Some(_)) => {
            if NaiveDate::from_ymd_opt(2024, month, day.day).is_none() {
                return Resolved::Invalid(format!("{} has {} days", month_name(month), days_in_month(2023, month)));
            }
            match anchor {
                Some(anchor) => resolve_month_day(month, day.day, anchor).map_or_else(
                    || Resolved::Invalid(format!("{} 29 falls only in leap years", month_name(month))),
                    Resolved::Date,
                ),
                None => Resolved::Unknown,
            }
        }
    }
}

/// The date of `weekday` nearest to `anchor` (within three days either way).
pub fn nearest_weekday(weekday: Weekday, anchor: NaiveDate) -> NaiveDate {
    (-3i64..=3)
        .filter_map(|offset| anchor.checked_add_signed(chrono::Duration::days(offset)))
        .find(|d| d.weekday() == weekday)
        .unwrap_or(anchor)
}

/// The last `weekday` on or before `anchor`: the day a bare weekday told
/// in the past tense names ("met on Thursday" in a story datelined
/// Wednesday is the day before yesterday's Thursday, six days back).
pub fn last_weekday(weekday: Weekday, anchor: NaiveDate) -> NaiveDate {
    (0i64..=6)
        .filter_map(|offset| anchor.checked_sub_signed(chrono::Duration::days(offset)))
        .find(|d| d.weekday() == weekday)
        .unwrap_or(anchor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn texts(text: &str) -> Vec<String> {
        find(text).iter().map(|m| text[m.range()].to_string()).collect()
    }

    #[test]
    fn finds_the_forms_news_uses() {
        assert_eq!(
            texts("On Nov. 27, November 27, 2023, 27 November 2023, 2023-11-27, May 29th and Sept. 18 they met."),
            [
                "Nov. 27",
                "November 27, 2023",
                "27 November 2023",
                "2023-11-27",
                "May 29th",
                "Sept. 18"
            ]
        );
        assert_eq!(texts("On the 27th local time"), ["the 27th"]);
        assert_eq!(
            texts("said on Monday. Monday, Nov. 27 it was."),
            ["Monday", "Monday, Nov. 27"]
        );
        assert_eq!(
            texts("in 2023 and last year, this year, next year"),
            ["2023", "last year", "this year", "next year"]
        );
    }

    #[test]
    fn ranges() {
        for (text, expected) in [
            ("from Nov. 26 to 27, he", "Nov. 26 to 27"),
            ("on Nov. 26-27 in Astana", "Nov. 26-27"),
            ("from Nov. 26 to Dec. 2.", "Nov. 26 to Dec. 2"),
            ("between Nov. 26 and 27.", "Nov. 26 and 27"),
            ("from Sept. 18 to 17.", "Sept. 18 to 17"),
        ] {
            let found = find(text);
            assert!(matches!(found[0], Mention::Span { .. }), "{text}: {found:?}");
            assert_eq!(&text[found[0].range()], expected);
        }
        // Not ranges.
        assert!(matches!(find("on Nov. 27 to 30 people")[0], Mention::Day { .. }));
        assert!(matches!(find("on Nov. 27 and 30 people")[0], Mention::Day { .. }));
    }

    #[test]
    fn month_words_are_not_dates() {
        assert!(find("They may 5 times march 3 miles.").is_empty());
    }

    /// The searches at the month, weekday and year words find what the
    /// regexes' own scans of the whole text find.
    fn check_searches_at_words(text: &str) {
        let words = date_words(text);
        let ranges = |found: regex::Matches| found.map(|m| m.range()).collect::<Vec<_>>();
        assert_eq!(month_days(text, &words), ranges(MONTH_DAY.find_iter(text)), "{text:?}");
        let day_months: Vec<_> = day_months(text, &words)
            .iter()
            .filter_map(|c| c.get(0).map(|m| m.range()))
            .collect();
        assert_eq!(day_months, ranges(DAY_MONTH.find_iter(text)), "{text:?}");
        assert_eq!(years_only(text), ranges(YEAR_ONLY.find_iter(text)), "{text:?}");
        let weekdays: Vec<_> = weekdays(text, &words).cloned().collect();
        assert_eq!(weekdays, ranges(WEEKDAY.find_iter(text)), "{text:?}");
    }

    proptest::proptest! {
        #[test]
        fn searches_at_words_find_what_the_regexes_find(pieces in proptest::collection::vec(0usize..30, 0..40)) {
            const PIECES: &[&str] = &[
                "Nov", ".", " ", "27", "27th", ",", "2023", "1999", "of", "September", "Sept", "May", "x", "_",
                "é", "٣", "in", "since", "Monday", "Friday", "mid", "early", "-", "December", "1", "20", "19", "th",
                "\n", "Jan",
            ];
            let text: String = pieces.iter().map(|&piece| PIECES[piece]).collect();
            check_searches_at_words(&text);
        }
    }

    #[test]
    fn searches_at_words_find_what_the_regexes_find_in_news_shapes() {
        for text in [
            "On Nov. 27, 2023 and 27 November 2023 and 5th of May, 2019 in 2019 since 1999 by 2030.",
            "xMay 5 and May 5x, 5 Mayx, _Monday, Monday_, éMonday, Mondayé, 12 of September., 2023",
            "٣٣ May and May ٣٣ in 20٢٤ and in 2024x and from 1999-2001 mid 2000 late 20",
            "2 3 4 5 6 7 8 9 10 11 May 12 13 Sept. 30th, 2023 Sep 1 Dec 31 Jan 2",
        ] {
            check_searches_at_words(text);
        }
    }

    #[test]
    fn month_day_parts_are_the_capture_groups() {
        let text = "Nov. 27, 2023 and May 5th and Sept 30 2024, December 1st,2023 Jan 2٣ Feb ٣, 20٢٤";
        check_month_day_parts(text);
        assert!(MONTH_DAY.find_iter(text).count() >= 5);
    }

    fn check_month_day_parts(text: &str) {
        for captures in MONTH_DAY.captures_iter(text) {
            let (Some(whole), Some(month), Some(day)) = (captures.get(0), captures.name("month"), captures.name("day"))
            else {
                panic!("a match without its groups");
            };
            let expected = MonthDayParts {
                month: month.range(),
                day: day.range(),
                ordinal: captures.name("ord").map(|m| m.range()),
                year: captures.name("year").map(|m| m.range()),
            };
            assert_eq!(
                month_day_parts(text, whole.range()),
                Some(expected),
                "{:?}",
                whole.as_str()
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn month_day_parts_agree_with_the_regex(parts in proptest::collection::vec(proptest::sample::select(vec![
            "Nov", "November", "Sept", "May", ".", " ", " ", ",", "2", "27", "٣", "st", "th", "2023", "19", "20", "x", "é",
        ]), 0..16)) {
            check_month_day_parts(&parts.concat());
        }
    }

    #[test]
    fn misspelt_long_months_next_to_a_day() {
        let found = |text: &str| -> Vec<(String, u32)> {
            misspelt_months(text)
                .into_iter()
                .map(|(r, m)| (text[r].to_string(), m))
                .collect()
        };
        assert_eq!(
            found("They met on Feburary 12 and on 3 Janaury, then Septmber 5th."),
            [("Feburary".into(), 2), ("Janaury".into(), 1), ("Septmber".into(), 9)]
        );
        // Spelt right, far from a day, a word of its own, another first letter.
        assert!(found("On February 12 the August 2016 report came; Octobers pass.").is_empty());
        assert!(found("Match 3 and Jane 5 and Aurora 4; Novembre 2017.").is_empty());
        assert_eq!(found("Agust 12 and Augusta 12."), [("Agust".into(), 8)]);
        // Letters that are not ASCII beside the day never split a character.
        assert!(found("Zürich 12 and é 3 and Feburaryé 4").is_empty());
    }

    #[test]
    fn elapsed_years() {
        let found = find("relations 30 years ago, the thirtieth anniversary, over 30 years, ten years of partnership");
        let values: Vec<(u32, Elapsed)> = found
            .iter()
            .filter_map(|m| match m {
                Mention::Elapsed { years, form, .. } => Some((*years, *form)),
                _ => None,
            })
            .collect();
        assert_eq!(
            values,
            [
                (30, Elapsed::Ago),
                (30, Elapsed::Anniversary),
                (30, Elapsed::Over),
                (10, Elapsed::YearsOf)
            ]
        );
        assert_eq!(number_value("thirty-five"), Some(35));
        assert_eq!(ordinal_value("thirty-fifth"), Some(35));
        assert_eq!(ordinal_value("30th"), Some(30));
    }

    fn day(text: &str) -> WrittenDay {
        match find(text).remove(0) {
            Mention::Day { day, .. } => day,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn resolution() {
        let anchor = Some(ymd(2024, 1, 2));
        assert_eq!(resolve(&day("Dec. 30"), anchor), Resolved::Date(ymd(2023, 12, 30)));
        assert_eq!(resolve(&day("Nov. 27, 2023"), None), Resolved::Date(ymd(2023, 11, 27)));
        assert_eq!(resolve(&day("Nov. 27"), None), Resolved::Unknown);
        assert_eq!(
            resolve(&day("Feb. 29, 2023"), None),
            Resolved::Invalid("2023 is not a leap year".into())
        );
        assert_eq!(
            resolve(&day("April 31"), anchor),
            Resolved::Invalid("April has 30 days".into())
        );
        assert!(matches!(resolve(&day("2023-13-01"), None), Resolved::Invalid(_)));
        assert_eq!(
            resolve(&day("on the 27th"), Some(ymd(2022, 5, 29))),
            Resolved::Date(ymd(2022, 5, 27))
        );
        assert_eq!(
            resolve(&day("on the 30th"), Some(ymd(2022, 5, 29))),
            Resolved::Date(ymd(2022, 4, 30))
        );
    }

    #[test]
    fn weekdays_resolve_near_the_dateline() {
        assert_eq!(nearest_weekday(Weekday::Mon, ymd(2023, 11, 27)), ymd(2023, 11, 27));
        assert_eq!(nearest_weekday(Weekday::Sun, ymd(2023, 11, 27)), ymd(2023, 11, 26));
        assert_eq!(nearest_weekday(Weekday::Wed, ymd(2023, 11, 27)), ymd(2023, 11, 29));
        assert_eq!(last_weekday(Weekday::Wed, ymd(2023, 11, 27)), ymd(2023, 11, 22));
        assert_eq!(last_weekday(Weekday::Mon, ymd(2023, 11, 27)), ymd(2023, 11, 27));
    }
}
