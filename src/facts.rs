//! Facts: what an article states, extracted while it is checked and kept for
//! the corpus-wide pass after every article is done.
//!
//! Facts are small and hold no text, only ids and spans, so that a corpus of
//! a million articles can keep them all in memory.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// A use of variant `variant` of the consistency `term` check at index
    /// `check` of the rule set.
    TermUse { check: u32, variant: u32, span: Span },
}
