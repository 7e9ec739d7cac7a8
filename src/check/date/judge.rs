//! The judgements of a date found in an article, as of the article's date:
//! an impossible date, a wrong weekday, a bad range, a past event dated after
//! publication, a dateline far from the publication date, a wrong
//! anniversary, and house style.

use super::*;
use crate::rules::knowledge::places::Places;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::calendar::parse_month;
use crate::text::notes;
use crate::text::phrase::is_whole_word;

/// Words that point forward: a date they govern is still to come.
const FORWARD: &[&str] = &[
    "until",
    "till",
    "by",
    "before",
    "from",
    "due",
    "for",
    "scheduled",
    "slated",
    "expected",
    "expect",
    "postponed",
    "adjourned",
    "deadline",
    "starting",
    "effective",
    "pending",
    // Validity, payment and expiry: "valid through", "payable on",
    // "expires", "available until".
    "through",
    "payable",
    "valid",
    "expires",
    "expire",
    "expiring",
    "matures",
    "maturing",
];

/// How far back from a date its paragraph is read for the year it is
/// told in: longer than any paragraph of news.
const MAX_PARAGRAPH_BYTES: usize = 4_000;

/// A year the text names, or a year said relative to the article's.
static YEAR_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:19|20)\d{2}|(?:last|this|next|that) year)(?-u:\b)").expect("static regex")
});

pub(super) struct Context<'a> {
    pub(super) article: &'a Article,
    pub(super) anchor: Option<NaiveDate>,
    pub(super) published: Option<NaiveDate>,
    pub(super) events: &'a [Event],
    /// The places of the knowledge, for the places an event is between.
    pub(super) places: &'a Places,
}

impl Context<'_> {
    pub(super) fn text(&self, range: &Range<usize>) -> &str {
        &self.article.text[range.clone()]
    }

    pub(super) fn diagnostic(
        &self,
        check: &Check,
        message: String,
        range: Range<usize>,
        label: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(
            &check.meta.id,
            check.meta.severity,
            message,
            Label::new(self.article.span(range), label),
        )
    }

    pub(super) fn in_dateline(&self, range: &Range<usize>) -> bool {
        self.article
            .dateline
            .as_ref()
            .is_some_and(|d| d.range.start <= range.start && range.end <= d.range.end)
    }

    /// The resolved end of a range, given its resolved start: the end's year
    /// is the start's, or the next if the end's month comes earlier.
    pub(super) fn resolve_end(&self, start: NaiveDate, end: &WrittenDay) -> Resolved {
        if end.year.is_some() {
            return resolve(end, self.anchor);
        }
        let month = end.month.unwrap_or(start.month());
        let year = if month < start.month() {
            start.year() + 1
        } else {
            start.year()
        };
        resolve(
            &WrittenDay {
                year: Some(year),
                month: Some(month),
                ..end.clone()
            },
            None,
        )
    }

    pub(super) fn fact(&self, mention: &Mention) -> DateFact {
        let value = match mention {
            Mention::Day { day, weekday } => {
                let resolved = describe(&resolve(day, self.anchor));
                match weekday {
                    Some((w, _)) => format!("{resolved} (written with {})", show_weekday(*w)),
                    None => resolved,
                }
            }
            Mention::Span { start, end } => match resolve(start, self.anchor) {
                Resolved::Date(s) => format!("{} to {}", s, describe(&self.resolve_end(s, end))),
                other => describe(&other),
            },
            Mention::Weekday { weekday, range } => match self.article.dateline.as_ref().and_then(|d| d.date) {
                Some(dateline) if self.past_verb(range, &self.sentence(range)).is_some() => format!(
                    "{} (the last {} on or before the dateline: told in the past)",
                    find::last_weekday(*weekday, dateline),
                    show_weekday(*weekday)
                ),
                Some(dateline) => format!(
                    "{} (nearest {} to the dateline)",
                    find::nearest_weekday(*weekday, dateline),
                    show_weekday(*weekday)
                ),
                None => format!("a {} (no dateline date to resolve it)", show_weekday(*weekday)),
            },
            Mention::Year { year, .. } => format!("year {year}"),
            Mention::RelativeYear { offset, .. } => match self.anchor {
                Some(anchor) => format!("year {}", anchor.year() + offset),
                None => "a year relative to an unknown date".to_string(),
            },
            Mention::Elapsed { years, .. } => format!("{years} years"),
        };
        DateFact {
            span: self.article.span(mention.range()),
            value,
        }
    }

    pub(super) fn invalid(&self, check: &Check, mention: &Mention) -> Option<Diagnostic> {
        let day = match mention {
            Mention::Day { day, .. } => day,
            Mention::Span { start, .. } => start,
            _ => return None,
        };
        let Resolved::Invalid(reason) = resolve(day, self.anchor) else {
            return None;
        };
        let written = self.text(&day.range);
        Some(self.diagnostic(
            check,
            format!("`{written}` is not a date: {reason}"),
            day.range.clone(),
            "no such day",
        ))
    }

    pub(super) fn weekday(&self, check: &Check, mention: &Mention) -> Option<Diagnostic> {
        match mention {
            Mention::Day {
                day,
                weekday: Some((stated, weekday_range)),
            } => {
                let Resolved::Date(date) = resolve(day, self.anchor) else {
                    return None;
                };
                // Right in the nearest year, or in the earlier year the
                // paragraph tells of: either way, not judged.
                let mention = weekday_range.start.min(day.range.start)..day.range.end;
                let in_context = resolve(&self.in_context_year(day, &mention), self.anchor);
                if date.weekday() == *stated || matches!(in_context, Resolved::Date(d) if d.weekday() == *stated) {
                    return None;
                }
                // Told in the past, a year-less day is the latest such day
                // on or before the article ("opened on Friday, Jan. 15" in
                // a December story): the weekday picks that year.
                let sentence = self.sentence(&mention);
                let past_reading = self
                    .anchor
                    .filter(|_| self.past_verb(&mention, &sentence).is_some())
                    .and_then(|anchor| Self::latest_on_or_before(day, anchor));
                if past_reading.is_some_and(|d| d.weekday() == *stated) {
                    return None;
                }
                let stated_name = show_weekday(*stated);
                let before = (1..=6)
                    .filter_map(|n| date.checked_sub_days(chrono::Days::new(n)))
                    .find(|d| d.weekday() == *stated)?;
                let after = (1..=6)
                    .filter_map(|n| date.checked_add_days(chrono::Days::new(n)))
                    .find(|d| d.weekday() == *stated)?;
                let range = weekday_range.start.min(day.range.start)..day.range.end;
                Some(
                    self.diagnostic(
                        check,
                        format!(
                            "{} is a {}, not a {stated_name}",
                            show(date),
                            show_weekday(date.weekday())
                        ),
                        range,
                        format!("{} was a {}", show(date), show_weekday(date.weekday())),
                    )
                    .with_note(format!(
                        "help: if the date is right, the weekday is {}",
                        show_weekday(date.weekday())
                    ))
                    .with_note(format!(
                        "help: if the weekday is right, the date is {} or {}",
                        show(before),
                        show(after)
                    )),
                )
            }
            // A bare weekday contradicts nothing: told in the past it is the
            // last such day (wire style names the days of the week around
            // the dateline, "met on Thursday" six days before a Wednesday
            // dateline included), told of the future the next one.
            _ => None,
        }
    }

    pub(super) fn range(&self, check: &Check, mention: &Mention) -> Option<Diagnostic> {
        let Mention::Span { start, end } = mention else {
            return None;
        };
        let Resolved::Date(first) = resolve(start, self.anchor) else {
            return None;
        };
        let written = self.text(&(start.range.start..end.range.end)).to_string();
        match self.resolve_end(first, end) {
            Resolved::Invalid(reason) => Some(self.diagnostic(
                check,
                format!("the range `{written}` ends on a day that does not exist: {reason}"),
                end.range.clone(),
                "no such day",
            )),
            Resolved::Date(last) if last < first => Some(
                self.diagnostic(
                    check,
                    format!(
                        "the range `{written}` ends before it starts ({} is before {})",
                        show(last),
                        show(first)
                    ),
                    start.range.start..end.range.end,
                    "ends before it starts",
                )
                .with_note("help: swap the days, or check which of them is wrong"),
            ),
            _ => None,
        }
    }

    pub(super) fn after_publication(&self, check: &Check, mention: &Mention) -> Option<Diagnostic> {
        let published = self.published?;
        let day = match mention {
            Mention::Day { day, .. } => day,
            Mention::Span { start, .. } => start,
            _ => return None,
        };
        if self.in_dateline(&day.range) {
            return None;
        }
        // A year the paragraph tells of is always an earlier one, so a day
        // not after publication in its nearest year never is: the cheap
        // test first, for every date of every article.
        let Resolved::Date(nearest) = resolve(day, self.anchor) else {
            return None;
        };
        if nearest <= published {
            return None;
        }
        let sentence = self.sentence(&day.range);
        if self.attributive(&day.range) || self.points_forward(&day.range, &sentence) {
            return None;
        }
        // "This article was amended on 9 October …": a note tells the
        // article's own later history, after its publication by nature.
        if notes::is_note_about_the_article(self.text(&sentence)) {
            return None;
        }
        let verb = self.past_verb(&day.range, &sentence)?;
        // A year-less date takes the earlier year the paragraph has been
        // telling of ("in April 2015 … on 2 April"); with none named, only a
        // near one is judged: one months after publication means last
        // year's ("placed into liquidation on March 15", in January).
        let date = match self.earlier_year(day, &sentence) {
            Some(year) => match resolve(
                &WrittenDay {
                    year: Some(year),
                    ..day.clone()
                },
                self.anchor,
            ) {
                Resolved::Date(date) => date,
                Resolved::Invalid(_) | Resolved::Unknown => return None,
            },
            // A year-less date means the current year: told in the past in
            // a December story, "fell on Jan. 16" is that year's January,
            // not the next one's.
            None if day.year.is_none()
                && (nearest.year() > published.year()
                    || (nearest - published).num_days() > PLAUSIBLE_FUTURE_DAYS
                    || self.after_last(&day.range)) =>
            {
                return None;
            }
            None => nearest,
        };
        if date <= published {
            return None;
        }
        let written = self.text(&day.range);
        let mut diagnostic = self.diagnostic(
            check,
            format!("`{written}` ({}) is after this article's publication date ({}), but the sentence tells it in the past tense (`{verb}`)", show(date), show(published)),
            day.range.clone(),
            show(date),
        );
        if let Some(span) = self.article.date.as_ref().and_then(|d| d.span.clone()) {
            diagnostic = diagnostic.with_secondary(Label::new(self.article.span(span), "published on this date"));
        }
        Some(diagnostic.with_note("help: check the date (a year-less date is read as the one nearest the article's date), or say the event is still to come"))
    }

    /// `day` with the earlier year its paragraph tells of, when its
    /// sentence tells a past event and it has no year of its own ("in 2016
    /// … On Thursday, 14 April, the BBC was told"); a day still to come
    /// keeps the nearest year.
    fn in_context_year(&self, day: &WrittenDay, mention: &Range<usize>) -> WrittenDay {
        let sentence = self.sentence(mention);
        let past = self.past_verb(mention, &sentence).is_some();
        WrittenDay {
            year: day
                .year
                .or_else(|| past.then(|| self.earlier_year(day, &sentence)).flatten()),
            ..day.clone()
        }
    }

    /// The sentence of the prose around the mention at `mention` (as far
    /// as a sentence reaches either side of it).
    fn sentence(&self, mention: &Range<usize>) -> Range<usize> {
        self.article.sentence_near(mention.clone())
    }

    /// Whether the day at `range` follows "last" ("closed last February
    /// 28"): the latest such day, before the article by its own word.
    fn after_last(&self, range: &Range<usize>) -> bool {
        let before = self.article.prose.get(..range.start).unwrap_or("").trim_end();
        before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("last"))
    }

    /// The latest day of `day`'s month and day on or before `anchor`: what
    /// a year-less date told in the past names.
    fn latest_on_or_before(day: &WrittenDay, anchor: NaiveDate) -> Option<NaiveDate> {
        let month = day.month?;
        if day.year.is_some() {
            return None;
        }
        (anchor.year() - 1..=anchor.year())
            .rev()
            .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day.day))
            .find(|d| *d <= anchor)
    }

    /// For a year-less day, the year its paragraph tells of when it is an
    /// earlier one: "this year" is what a year-less date means anyway.
    fn earlier_year(&self, day: &WrittenDay, sentence: &Range<usize>) -> Option<i32> {
        let anchor = self.anchor?;
        day.year
            .is_none()
            .then(|| self.year_cue(&day.range, sentence))
            .flatten()
            .filter(|&year| year < anchor.year())
    }

    /// A date used as a name or a modifier ("the April 6 movement",
    /// "Egypt's April 6 activists", "the April 16 referendum") claims no
    /// day an event took place.
    fn attributive(&self, range: &Range<usize>) -> bool {
        let before = self.article.prose.get(..range.start).unwrap_or("");
        let before = before.trim_end_matches(' ');
        let last = before.rsplit(' ').next().unwrap_or("");
        last.eq_ignore_ascii_case("the") || last.ends_with("'s") || last.ends_with("’s")
    }

    /// Whether a word that points forward governs the date: "until", "by",
    /// "before", "from", "due", "set for", "postponed to", "expected",
    /// "valid through", "payable", "of record" among the few words before
    /// it, or "the deadline" in apposition right after it. A past verb then tells of something still
    /// to come ("was adjourned until March 20").
    fn points_forward(&self, range: &Range<usize>, sentence: &Range<usize>) -> bool {
        let before = self.article.prose.get(sentence.start..range.start).unwrap_or("");
        let words = before
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .rev()
            .map(str::to_lowercase);
        let near: Vec<String> = words.take(4).collect();
        // "changed to", "extended to": "to" right before the date.
        let forward_before = near.first().is_some_and(|w| w == "to")
            || near.iter().any(|w| FORWARD.contains(&w.as_str()))
            // "shareholders of record on March 10": the record date.
            || near.windows(2).any(|pair| pair[0] == "record" && pair[1] == "of");
        // "opened on March 20, the deadline for the tender": the date is
        // named a deadline or an expiry in apposition ("as the deadline
        // neared" is not one).
        let after = self.article.prose.get(range.end..sentence.end).unwrap_or("");
        let apposition = after
            .trim_start()
            .strip_prefix([',', '(', '—', '–'])
            .map(str::trim_start);
        let forward_after = apposition.is_some_and(|rest| {
            let mut words = rest.split_whitespace().map(str::to_lowercase);
            let first = words.next().unwrap_or_default();
            let noun = if matches!(first.as_str(), "the" | "a" | "its" | "their") {
                words.next().unwrap_or_default()
            } else {
                first
            };
            let noun = noun.trim_end_matches(|c: char| !c.is_alphanumeric());
            matches!(noun, "deadline" | "expiry" | "expiration" | "cutoff" | "cut-off")
        });
        forward_before || forward_after
    }

    /// The finite past-tense verb that tells the date's event, if any: the
    /// verb of the clause that holds the date, not a reporting verb in
    /// another clause ("…talks on Feb. 20," the ministry said). A date at
    /// the head of its clause ("On Dec 17, jets harassed …") is told by its
    /// sentence.
    fn past_verb(&self, range: &Range<usize>, sentence: &Range<usize>) -> Option<String> {
        let prose = &self.article.prose;
        let start = tense::clause_start_near(prose, sentence.clone(), range.start);
        let head = prose.get(start..range.start).unwrap_or("");
        if head.split_whitespace().count() > 1 {
            // "Lawmakers on Friday confirmed …": a past verb right after the
            // date is its clause's.
            let next = prose
                .get(range.end..sentence.end)
                .unwrap_or("")
                .split_whitespace()
                .next()
                .unwrap_or("");
            return tense::finite_past(head).or_else(|| tense::finite_past(next));
        }
        // At the head of its sentence ("On Dec 17, jets harassed …"), the
        // date is told by the clause after it; at the head of an inner
        // clause ("(on Feb. 16-17)"), by nothing.
        if start != sentence.start {
            return None;
        }
        // The clause after the date, read no further than a clause runs.
        let rest_end = prose.floor_char_boundary((range.end + 400).min(sentence.end));
        let rest = prose
            .get(range.end..rest_end)
            .unwrap_or("")
            .trim_start_matches([',', ' ']);
        let end = rest
            .find([',', ';', ':', '(', ')', '"', '“', '”', '–', '—'])
            .unwrap_or(rest.len());
        tense::finite_past(&rest[..end])
    }

    /// The year said right after the day ("11 April last year"), else the
    /// one the paragraph names last before it: a year written out
    /// ("in 2014"), or "last year" / "this year" / "next year" of the
    /// article's date ("that year" refers back to one of them).
    fn year_cue(&self, day: &Range<usize>, sentence: &Range<usize>) -> Option<i32> {
        let (at, text) = (day.start, &self.article.text);
        let year = self.anchor?.year();
        // "on 11 April last year": the year is said right after the day.
        let after = self
            .article
            .prose
            .get(day.end..)
            .unwrap_or("")
            .trim_start_matches([',', ' ']);
        if after.get(..9).is_some_and(|w| w.eq_ignore_ascii_case("last year")) {
            return Some(year - 1);
        }
        // A relative year counts in the date's own sentence only ("trade hit
        // a record last year" qualifies a figure, not the story's time); a
        // year written out, or said of a day, frames the paragraph.
        // Read back at most a long news paragraph's length: a run of text
        // with no paragraph break (a list, a table, a hostile file) costs
        // each date no more than that, not the whole text before it.
        let floor = text.floor_char_boundary(at.saturating_sub(MAX_PARAGRAPH_BYTES));
        let paragraph = text
            .get(floor..at)
            .and_then(|t| t.rfind("\n\n"))
            .map_or(floor, |p| floor + p + 2);
        let before = self.article.prose.get(paragraph..at)?;
        let cue = YEAR_CUE
            .find_iter(before)
            .filter(|m| {
                let written = m.as_str().starts_with(|c: char| c.is_ascii_digit());
                // "on 11 April last year" frames what follows, as a written year does.
                let head = before[..m.start()].trim_end();
                let last_word = head.rsplit(' ').next().unwrap_or("");
                let after_a_day = head.ends_with(|c: char| c.is_ascii_digit()) || parse_month(last_word).is_some();
                written || after_a_day || paragraph + m.start() >= sentence.start
            })
            .filter(|m| !m.as_str().eq_ignore_ascii_case("that year"))
            .last()?;
        match cue.as_str().to_ascii_lowercase().as_str() {
            "last year" => Some(year - 1),
            "this year" => Some(year),
            "next year" => Some(year + 1),
            written => written.parse().ok(),
        }
    }

    pub(super) fn dateline(&self, check: &Check, rule: &DateRule) -> Option<Diagnostic> {
        let dateline = self.article.dateline.as_ref()?;
        let (date, range) = (dateline.date?, dateline.date_range.clone()?);
        let published = self.published?;
        // A correction or repeat sent days later keeps the dateline of the
        // day the story was first filed.
        if notes::marks_a_repeat(self.article.text.get(..dateline.range.end).unwrap_or_default()) {
            return None;
        }
        let days = (date - published).num_days();
        if days.unsigned_abs() <= u64::from(rule.max_days) {
            return None;
        }
        let side = if days < 0 { "before" } else { "after" };
        let mut diagnostic = self.diagnostic(
            check,
            format!(
                "the dateline's date ({}) is {} days {side} the publication date ({})",
                show(date),
                days.abs(),
                show(published)
            ),
            range,
            format!("{} days {side} publication", days.abs()),
        );
        if let Some(span) = self.article.date.as_ref().and_then(|d| d.span.clone()) {
            diagnostic = diagnostic.with_secondary(Label::new(self.article.span(span), "the publication date"));
        }
        Some(diagnostic.with_note(format!(
            "a dateline is normally the day of filing, at most {} days from publication",
            rule.max_days
        )))
    }

    pub(super) fn anniversary(&self, check: &Check, mention: &Mention) -> Option<Diagnostic> {
        let Mention::Elapsed { years, form, range } = mention else {
            return None;
        };
        let date = self.anchor?;
        let prose = &self.article.prose;
        let sentence = self.article.sentence_near(range.clone());
        let mut named = self.events.iter().filter(|e| {
            measures(prose, sentence.clone(), range, *form, e) && names_places(&prose[sentence.clone()], e, self.places)
        });
        let event = named.next()?;
        if named.next().is_some() {
            return None; // two events in one sentence: which is meant is doubtful
        }
        let exact = |from: NaiveDate| (date - from).num_days() as f64 / 365.2425;
        let (longest, shortest) = (exact(event.date.earliest), exact(event.date.latest));
        let n = f64::from(*years);
        let fits = match form {
            Elapsed::Over => n <= longest + 0.5,
            Elapsed::Ago | Elapsed::Anniversary | Elapsed::YearsOf => (shortest - 1.5..=longest + 1.5).contains(&n),
        };
        if fits {
            return None;
        }
        let elapsed = (shortest.max(0.0)).floor() as i64;
        let written = self.text(range);
        Some(
            self.diagnostic(
                check,
                format!(
                    "`{written}` does not fit {}: {} is {elapsed} years before this article's date ({})",
                    event.name,
                    event.date.text,
                    show(date)
                ),
                range.clone(),
                format!("{elapsed} years, not {years}"),
            )
            .with_note(format!(
                "the event is `{}` in the knowledge, found in this sentence",
                event.id
            )),
        )
    }

    /// A misspelt month beside a day ("Feburary 12"), with its fix.
    pub(super) fn month_spelling(&self, check: &Check, range: Range<usize>, month: u32) -> Diagnostic {
        let name = month_name(month);
        let written = self.text(&range).to_string();
        let span = self.article.span(range.clone());
        self.diagnostic(
            check,
            format!("`{written}` is a misspelling of `{name}`"),
            range,
            format!("`{name}`"),
        )
        .with_fix(Fix::replace(span, name, Applicability::Safe))
    }

    pub(super) fn style(&self, check: &Check, rule: &DateRule, mention: &Mention) -> Vec<Diagnostic> {
        let days: Vec<&WrittenDay> = match mention {
            Mention::Day { day, .. } => vec![day],
            Mention::Span { start, .. } => vec![start],
            _ => return Vec::new(),
        };
        let mut found = Vec::new();
        for day in days {
            let DayStyle::MonthFirst {
                month: month_range,
                ordinal,
            } = &day.style
            else {
                continue;
            };
            let Some(month) = day.month else { continue };
            if let Some(style) = rule.months {
                let expected = match style {
                    MonthStyle::Ap => ap_month(month),
                    MonthStyle::Full => month_name(month),
                };
                // The written month, with its period if it has one.
                let mut written_range = month_range.clone();
                if self.article.text[written_range.end..].starts_with('.') {
                    written_range.end += 1;
                }
                let written = self.text(&written_range);
                if written != expected {
                    let span = self.article.span(written_range.clone());
                    found.push(
                        self.diagnostic(
                            check,
                            format!("house style writes `{expected}`, not `{written}`, with a day"),
                            written_range,
                            format!("`{expected}`"),
                        )
                        .with_fix(Fix::replace(span, expected, Applicability::Safe)),
                    );
                }
            }
            if let Some(ordinal) = ordinal.clone().filter(|_| rule.remove_ordinals) {
                let span = self.article.span(ordinal.clone());
                let written = self.text(&day.range).to_string();
                let fixed = written.replacen(self.text(&ordinal), "", 1);
                found.push(
                    self.diagnostic(
                        check,
                        format!("house style writes `{fixed}`, not `{written}`"),
                        ordinal,
                        "no ordinal suffix",
                    )
                    .with_fix(Fix::replace(span, "", Applicability::Safe)),
                );
            }
        }
        found
    }
}

pub(super) fn describe(resolved: &Resolved) -> String {
    match resolved {
        Resolved::Date(date) => date.to_string(),
        Resolved::Invalid(reason) => format!("invalid: {reason}"),
        Resolved::Unknown => "unresolved (no year, no article date)".to_string(),
    }
}

/// Whether an elapsed time at `range` (of `form`) measures `event`: the
/// event is its own object ("30 years since the establishment of diplomatic
/// relations", "the 30th anniversary of …", "ten years of the Belt and
/// Road", "over 20 years of diplomatic ties"), or the subject of the clause
/// it dates ("diplomatic relations were established 30 years ago", "have
/// had diplomatic relations for over 30 years"), with no clause punctuation
/// between. Durations of anything else are not judged.
fn measures(prose: &str, sentence: Range<usize>, range: &Range<usize>, form: Elapsed, event: &Event) -> bool {
    let phrase = &prose[range.clone()];
    let after = prose.get(range.end..sentence.end).unwrap_or("");
    let lower_phrase = phrase.to_lowercase();
    let object = match form {
        Elapsed::Anniversary | Elapsed::Over => after.strip_prefix(" of "),
        Elapsed::YearsOf => Some(after),
        Elapsed::Ago if lower_phrase.ends_with("since") => Some(after),
        Elapsed::Ago => None,
    };
    // At most a few words ("the establishment of") before the event.
    if object.is_some_and(|object| {
        event
            .mentions
            .iter()
            .filter_map(|m| find_mention(object, m))
            .any(|at| close(&object[..at], 4))
    }) {
        return true;
    }
    if !matches!(form, Elapsed::Ago | Elapsed::Over) || lower_phrase.ends_with("since") {
        return false;
    }
    let before = prose.get(sentence.start..range.start).unwrap_or("");
    event.mentions.iter().any(|m| {
        let mut found = None;
        let mut from = 0;
        while let Some(at) = before.get(from..).and_then(|rest| find_mention(rest, m)) {
            found = Some(from + at + m.len());
            from += at + m.len();
        }
        found.is_some_and(|end| close(&before[end..], 6))
    })
}

/// Whether `gap` is a few words (at most `words`) inside one clause.
fn close(gap: &str, words: usize) -> bool {
    !gap.contains([',', ';', ':', '.', '(', ')', '"', '“', '”', '–', '—']) && gap.split_whitespace().count() <= words
}

/// Where `mention` is in `text` as whole words: an acronym ("BRI") in its
/// case, any other phrase in any case (ASCII folding; knowledge phrases are
/// English).
fn find_mention(text: &str, mention: &str) -> Option<usize> {
    let acronym = !mention.chars().any(char::is_lowercase);
    let bytes = text.as_bytes();
    let m = mention.as_bytes();
    (0..=bytes.len().checked_sub(m.len())?).find(|&at| {
        let candidate = &bytes[at..at + m.len()];
        let same = if acronym {
            candidate == m
        } else {
            candidate.eq_ignore_ascii_case(m)
        };
        same && text.is_char_boundary(at) && is_whole_word(text, at..at + m.len())
    })
}

/// Whether `sentence` names every place `event` is between, by a name or a
/// demonym.
fn names_places(sentence: &str, event: &Event, places: &Places) -> bool {
    event.between.iter().all(|(id, _)| {
        places.places.iter().find(|p| &p.id == id).is_some_and(|place| {
            let names = place.names.iter().map(|n| n.name.as_str());
            names
                .chain(place.demonyms.iter().map(String::as_str))
                .any(|name| find_mention(sentence, name).is_some())
        })
    })
}
