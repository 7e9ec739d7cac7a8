//! The rule file schema exactly as written in TOML, before validation.
//!
//! Flat structs with `deny_unknown_fields`, so a misspelt key is an error with
//! a span rather than silently ignored, and `Spanned` fields, so every later
//! validation error can point at the value it is about. Everything a kind
//! needs is an optional field here; [`super::compile`] checks which are
//! required for which kind.

use serde::Deserialize;
use toml::Spanned;

/// One rule file: any number of `[[check]]` tables. Knowledge tables
/// (people, places, events) are added here by the checks that use them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRuleFile {
    #[serde(default)]
    pub check: Vec<Spanned<RawCheck>>,
}

/// A `[[check]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCheck {
    /// Kebab-case id starting with the kind's family, e.g. `term-belt-and-road`.
    pub id: Spanned<String>,
    /// What the check does: `term`.
    pub kind: Spanned<String>,
    /// `error`, `warning` (default) or `info`.
    pub severity: Option<Spanned<String>>,
    /// The diagnostic message; `{found}` and `{preferred}` are filled in.
    pub message: Option<Spanned<String>>,
    /// Documentation shown by `factlint explain`, with the headings
    /// `## What it does`, `## Why is this bad?`, `## Example`.
    pub description: Option<Spanned<String>>,
    /// `false` ships the rule switched off (house-style rules); `factlint.toml`
    /// can switch it on.
    pub enabled: Option<bool>,

    // --- kind = "term" ---
    /// The form to use. Without it, the check is a corpus-wide consistency
    /// check: the variants the corpus uses least are reported.
    pub preferred: Option<Spanned<String>>,
    /// Literal forms to find.
    pub variants: Option<Vec<Spanned<String>>>,
    /// Regular expressions (Rust `regex` syntax) to find.
    pub patterns: Option<Vec<Spanned<String>>>,
    /// Match case exactly (default `false`).
    pub case_sensitive: Option<bool>,
    /// Match only whole words (default `true`).
    pub whole_word: Option<bool>,
    /// How safe the fix to `preferred` is: `safe` (default), `unsafe`, `none`.
    pub fix: Option<Spanned<String>>,
}
