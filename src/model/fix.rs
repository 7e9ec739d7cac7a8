//! Fixes as data: a list of byte edits and how safe they are to apply.
//!
//! A check proposes a fix; `--fix` (later) decides whether to apply it. Keeping
//! fixes as plain data means every output format can show them and tests can
//! assert them without touching files.

use serde::Serialize;

use crate::model::span::Span;

/// Whether a fix may be applied without a human looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The replacement is certainly what the rule wants (a banned variant
    /// swapped for the preferred term).
    Safe,
    /// Probably right, but the meaning may change: shown, applied only with
    /// `--unsafe-fixes`.
    Unsafe,
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix made of one replacement.
    pub fn replace(span: Span, replacement: impl Into<String>, applicability: Applicability) -> Fix {
        Fix {
            applicability,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }
}
