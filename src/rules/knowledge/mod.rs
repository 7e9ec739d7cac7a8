//! Knowledge: what the rules know about the world — people and their
//! offices over time, events, places and their renamings, and how titles are
//! written — compiled from the `[[person]]`, `[[office]]`, `[[event]]`,
//! `[[place]]` and `[titles]` tables of the rule files.

pub mod gazetteer;
pub mod import;
pub mod overlap;
pub mod people;
pub mod places;
pub mod titles;
pub mod world;
