//! The compiled settings of the `place-*` checks (read by the rules stage
//! through [`crate::rules::registry`]).

/// Which judgement of place names a `place-*` check makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceJudgement {
    /// A name not valid on the article's date.
    NameOutdated,
    /// A variant spelling of a known place.
    Spelling,
    /// A place put in a country or region it is not in.
    WrongCountry,
    /// The corpus spelling one unknown place two ways.
    Inconsistent,
}

/// A `place-*` check: which judgement it makes. The places themselves are
/// knowledge (`[[place]]`), shared by every place check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlaceRule {
    pub judgement: PlaceJudgement,
}

impl PlaceRule {
    /// The settings as `factlint explain` lists them.
    pub fn settings(&self) -> String {
        match self.judgement {
            PlaceJudgement::NameOutdated
            | PlaceJudgement::Spelling
            | PlaceJudgement::WrongCountry
            | PlaceJudgement::Inconsistent => "- none: the check uses the places of the knowledge files\n".to_string(),
        }
    }
}
