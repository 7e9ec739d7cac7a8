//! Leaf value types that every stage shares: where text is ([`span`]), the
//! files it is in ([`source`]), what a check says about it ([`diagnostic`]),
//! how to mend it ([`fix`]) and what an article states ([`fact`]). No I/O and
//! no rule knowledge: they depend on nothing else in the crate.

pub mod diagnostic;
pub mod error;
pub mod fact;
pub mod fix;
pub mod source;
pub mod span;
pub mod toml_error;
