//! The judgements of a date found in an article, as of the article's date:
//! an impossible date, a wrong weekday, a bad range, a past event dated after
//! publication, a dateline far from the publication date, a wrong
//! anniversary, and house style.

use super::*;

pub(super) struct Context<'a> {
    pub(super) article: &'a Article,
    pub(super) anchor: Option<NaiveDate>,
    pub(super) published: Option<NaiveDate>,
    pub(super) events: &'a [Event],
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
            Mention::Weekday { weekday, .. } => match self.article.dateline.as_ref().and_then(|d| d.date) {
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
                if date.weekday() == *stated {
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
            Mention::Weekday { weekday, range } => {
                // A bare weekday in a wire story means a day near the dateline.
                let dateline = self.article.dateline.as_ref()?;
                let dateline_date = dateline.date?;
                let date = find::nearest_weekday(*weekday, dateline_date);
                if date <= dateline_date {
                    return None;
                }
                let sentence = tense::sentence(&self.article.prose, &self.article.text, range.start);
                let Tense::Past(verb) = tense::tense(&self.article.prose[sentence]) else {
                    return None;
                };
                let days = (date - dateline_date).num_days();
                let mut diagnostic = self.diagnostic(
                    check,
                    format!(
                        "{} is {}, {days} day{} after this story's dateline ({}), but the sentence tells it in the past tense (`{verb}`)",
                        show_weekday(*weekday),
                        show(date),
                        if days == 1 { "" } else { "s" },
                        show(dateline_date)
                    ),
                    range.clone(),
                    format!("resolves to {}", show(date)),
                );
                if let Some(date_range) = &dateline.date_range {
                    diagnostic = diagnostic.with_secondary(Label::new(
                        self.article.span(date_range.clone()),
                        format!(
                            "the dateline: {}, a {}",
                            show(dateline_date),
                            show_weekday(dateline_date.weekday())
                        ),
                    ));
                }
                Some(diagnostic.with_note("help: check the weekday, or the tense if the event is still to come"))
            }
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
        let Resolved::Date(date) = resolve(day, self.anchor) else {
            return None;
        };
        if date <= published {
            return None;
        }
        // A year-less date told in the past tense that would fall months
        // after publication means last year's ("placed into liquidation on
        // March 15", in January): only a near one is judged.
        if day.year.is_none() && (date - published).num_days() > PLAUSIBLE_FUTURE_DAYS {
            return None;
        }
        let sentence = tense::sentence(&self.article.prose, &self.article.text, day.range.start);
        let Tense::Past(verb) = tense::tense(&self.article.prose[sentence]) else {
            return None;
        };
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

    pub(super) fn dateline(&self, check: &Check, rule: &DateRule) -> Option<Diagnostic> {
        let dateline = self.article.dateline.as_ref()?;
        let (date, range) = (dateline.date?, dateline.date_range.clone()?);
        let published = self.published?;
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
        let sentence = tense::sentence(&self.article.prose, &self.article.text, range.start);
        let lower = self.article.prose[sentence].to_lowercase();
        let mut named = self
            .events
            .iter()
            .filter(|e| e.mentions.iter().any(|m| lower.contains(m.as_str())));
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
