//! The compiled settings of the `date-*` checks, and how their TOML is
//! compiled (read by the rules stage through [`crate::rules::registry`]).

use crate::model::diagnostic::Diagnostic;
use crate::model::span::{FileId, Span};
use crate::rules::error;
use crate::rules::raw::RawCheck;

/// Which judgement of dates a `date-*` check makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateJudgement {
    Invalid,
    Weekday,
    Range,
    AfterPublication,
    Dateline,
    Anniversary,
    Style,
    MonthSpelling,
}

/// House style for `date-style`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthStyle {
    /// AP: Jan., Feb., Aug., Sept., Oct., Nov., Dec. with a day; others in full.
    Ap,
    /// Every month in full.
    Full,
}

#[derive(Debug)]
pub struct DateRule {
    pub judgement: DateJudgement,
    /// `date-dateline`: the largest distance in days.
    pub max_days: u32,
    /// `date-style`: month names; `None` leaves them alone.
    pub months: Option<MonthStyle>,
    /// `date-style`: remove ordinal suffixes.
    pub remove_ordinals: bool,
}

/// Default of `max-days`.
pub const DEFAULT_MAX_DAYS: u32 = 2;

impl DateRule {
    /// The settings as `factlint explain` lists them.
    pub fn settings(&self) -> String {
        match self.judgement {
            DateJudgement::Dateline => format!("- max-days: {}\n", self.max_days),
            DateJudgement::Style => format!(
                "- months: {}\n- ordinals: {}\n",
                match self.months {
                    Some(MonthStyle::Ap) => "ap",
                    Some(MonthStyle::Full) => "full",
                    None => "(not checked)",
                },
                if self.remove_ordinals { "remove" } else { "keep" }
            ),
            DateJudgement::Anniversary => "- none: the check uses the events of the knowledge files\n".to_string(),
            DateJudgement::Invalid
            | DateJudgement::Weekday
            | DateJudgement::Range
            | DateJudgement::AfterPublication
            | DateJudgement::MonthSpelling => "- none\n".to_string(),
        }
    }
}

/// Compiles the settings of a `date-*` check making `judgement`; every error
/// is pushed to `errors`.
pub fn compile(
    judgement: DateJudgement,
    raw: &RawCheck,
    file: FileId,
    errors: &mut Vec<Diagnostic>,
) -> Option<DateRule> {
    let months = match raw.months.as_ref().map(|m| (m.get_ref().as_str(), m.span())) {
        None => (judgement == DateJudgement::Style).then_some(MonthStyle::Ap),
        Some(("ap", _)) => Some(MonthStyle::Ap),
        Some(("full", _)) => Some(MonthStyle::Full),
        Some((other, value_span)) => {
            errors.push(error(
                Span::new(file, value_span),
                format!("unknown month style `{other}`"),
                "expected `ap` or `full`",
            ));
            None
        }
    };
    let remove_ordinals = match raw.ordinals.as_ref().map(|o| (o.get_ref().as_str(), o.span())) {
        None | Some(("remove", _)) => true,
        Some(("keep", _)) => false,
        Some((other, value_span)) => {
            errors.push(error(
                Span::new(file, value_span),
                format!("unknown ordinals setting `{other}`"),
                "expected `remove` or `keep`",
            ));
            true
        }
    };
    Some(DateRule {
        judgement,
        max_days: raw.max_days.unwrap_or(DEFAULT_MAX_DAYS),
        months,
        remove_ordinals,
    })
}
