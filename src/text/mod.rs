//! Text helpers any stage may use and no check kind owns: the calendar
//! ([`calendar`]), sentence bounds and tense ([`sentence`]), shared word
//! lists ([`words`]), case matching ([`case`]), direct quotations ([`quote`]),
//! overlap tests over many ranges ([`ranges`]), lines of figures that are
//! tables, not prose ([`figures`]), notes about the article ([`notes`]),
//! the time a sentence tells of ([`told`]), paths in URIs ([`uri`]),
//! and the one Aho–Corasick scan
//! for every phrase of every check ([`phrase`]). What two check kinds share
//! lives here, so that no kind imports another.

pub mod calendar;
pub mod case;
pub mod figures;
pub mod notes;
pub mod phrase;
pub mod quote;
pub mod ranges;
pub mod sentence;
pub mod told;
pub mod uri;
pub mod words;
