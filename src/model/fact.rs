//! Facts: what an article states, extracted while it is checked and kept for
//! the corpus-wide pass after every article is done, and for `factlint facts`.
//!
//! Facts hold ids and spans rather than text where they can, so that a large
//! corpus can keep them all in memory.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::model::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fact {
    /// A use of variant `variant` of the consistency `term` check at index
    /// `check` of the rule set.
    TermUse { check: u32, variant: u32, span: Span },
    /// A title given to a person.
    Title(TitleFact),
    /// A date the article states, as resolved (for `factlint facts --dates`).
    Date(DateFact),
    /// A place the knowledge does not know, as written (title-cased).
    Place(PlaceFact),
    /// A mention of a place the knowledge knows, by the name it stands for
    /// (for the report's place timelines; kept only when asked).
    KnownPlace(KnownPlaceFact),
}

/// A known place named in an article: which place, by which of its names
/// (a spelling stands for the name it spells), on which date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownPlaceFact {
    /// The place's index in the knowledge's places.
    pub place: u32,
    /// The name (as the knowledge lists it) the mention stands for.
    pub name: String,
    pub span: Span,
    /// The date the article's facts are judged as of.
    pub date: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceFact {
    pub name: String,
    pub span: Span,
    /// Whether the text says it is a place: "in X", "near X", "X region",
    /// a dateline. After "to", "from" or "at" a name may as well be a
    /// person's or an institution's ("a loan to Grace", "according to
    /// Sharia", "at Marine and Freshwater Research Institute").
    pub placed: bool,
}

impl Fact {
    /// Whether the corpus-wide checks need this fact (the others serve only
    /// `factlint facts`).
    pub fn is_corpus_fact(&self) -> bool {
        match self {
            Fact::TermUse { .. } | Fact::Place(_) => true,
            Fact::Title(title) => matches!(title.person, PersonRef::Unknown(_)),
            Fact::Date(_) | Fact::KnownPlace(_) => false,
        }
    }

    /// Where the article states it.
    pub fn span(&self) -> Span {
        match self {
            Fact::TermUse { span, .. } => *span,
            Fact::Title(title) => title.span,
            Fact::Date(date) => date.span,
            Fact::Place(place) => place.span,
            Fact::KnownPlace(place) => place.span,
        }
    }
}

/// A date mention and what it resolved to, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateFact {
    pub span: Span,
    /// "2023-11-27", "2023-11-26 to 2023-11-27", "year 2024",
    /// "invalid: 2023 is not a leap year".
    pub value: String,
}

/// Who a title is given to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PersonRef {
    /// Index into the knowledge's people.
    Known(u32),
    /// A person the knowledge does not know, by their name as written.
    Unknown(String),
}

/// "`title` is given to `person` at `span`, in an article of `date`."
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleFact {
    pub person: PersonRef,
    /// The span of the name this title is attached to.
    pub mention: Span,
    /// The span of the title as written.
    pub span: Span,
    pub key: TitleKey,
    /// The date the article's facts are judged as of (dateline, else
    /// publication date).
    pub date: Option<NaiveDate>,
    /// Marked as a past office ("former", "then-").
    pub past: bool,
}

/// A title reduced to what it means.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TitleKey {
    /// The canonical role, e.g. `vice chair`.
    pub role: String,
    /// The qualifying words, normalised, e.g. `{china, people, political, …}`.
    pub words: BTreeSet<String>,
}
