//! The compiled settings of the `title-*` checks (read by the rules stage
//! through [`crate::rules::registry`]).

use crate::rules::raw::RawCheck;

/// Which judgement of officials' titles a `title-*` check makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleJudgement {
    /// The title is none of the person's offices.
    Mismatch,
    /// The title is one of the person's offices, but not on the article's date.
    NotHeld,
    /// A person the knowledge does not know is given conflicting titles.
    Inconsistent,
    /// A known person's name in a non-preferred spelling.
    NameSpelling,
}

#[derive(Debug)]
pub struct TitleRule {
    pub judgement: TitleJudgement,
    /// `title-inconsistent`: how many days apart two articles may be for a
    /// back-and-forth of titles to count as a conflict.
    pub window_days: u32,
}

/// Default of `window-days`.
pub const DEFAULT_WINDOW_DAYS: u32 = 90;

impl TitleRule {
    /// The settings of a `title-*` check making `judgement`.
    pub fn compile(judgement: TitleJudgement, raw: &RawCheck) -> TitleRule {
        TitleRule {
            judgement,
            window_days: raw.window_days.unwrap_or(DEFAULT_WINDOW_DAYS),
        }
    }

    /// The settings as `factlint explain` lists them.
    pub fn settings(&self) -> String {
        match self.judgement {
            TitleJudgement::Inconsistent => format!("- window-days: {}\n", self.window_days),
            TitleJudgement::Mismatch | TitleJudgement::NotHeld | TitleJudgement::NameSpelling => {
                "- none: the check uses the people and offices of the knowledge files\n".to_string()
            }
        }
    }
}
