//! The compiled settings of a `term` check, and how its TOML is compiled.
//! Like every kind's `rule.rs`, this is the one file of the kind that the
//! rules stage reads (through [`crate::rules::registry`]): it imports only
//! the shared leaves and the raw rule schema.

use regex::{Regex, RegexBuilder};
use toml::Spanned;

use crate::model::diagnostic::Diagnostic;
use crate::model::fix::Applicability;
use crate::model::span::{FileId, Span};
use crate::rules::error;
use crate::rules::raw::RawCheck;

/// Compiled regexes are capped so a rule cannot make factlint use unbounded
/// memory; the regex crate already guarantees linear-time matching.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A preferred term and the variants to replace with it, or (with no
/// preferred form) a set of variants the corpus should not mix.
#[derive(Debug)]
pub struct TermRule {
    pub preferred: Option<String>,
    /// Literal variants; found by the shared phrase matcher.
    pub variants: Vec<String>,
    /// Regex variants; found by their regexes.
    pub patterns: Vec<Regex>,
    pub case_sensitive: bool,
    pub whole_word: bool,
    /// Whether uses inside quoted speech are judged (`in-quotes`).
    pub in_quotes: bool,
    /// The fix's applicability; `None` when the rule offers no fix.
    pub fix: Option<Applicability>,
}

impl TermRule {
    /// How a variant is named in messages: the literal, or the regex source.
    pub fn variant_name(&self, index: usize) -> &str {
        self.variants
            .get(index)
            .map(String::as_str)
            .or_else(|| self.patterns.get(index - self.variants.len()).map(Regex::as_str))
            .unwrap_or("")
    }

    pub fn variant_count(&self) -> usize {
        self.variants.len() + self.patterns.len()
    }

    /// The settings as `factlint explain` lists them.
    pub fn settings(&self) -> String {
        let list = |items: &[String]| items.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
        let mut text = String::new();
        match &self.preferred {
            Some(preferred) => text.push_str(&format!("- preferred: `{preferred}`\n")),
            None => text.push_str("- preferred: none (corpus-wide consistency: the least used variant is reported)\n"),
        }
        if !self.variants.is_empty() {
            text.push_str(&format!("- variants: {}\n", list(&self.variants)));
        }
        if !self.patterns.is_empty() {
            let patterns: Vec<String> = self.patterns.iter().map(|p| p.as_str().to_string()).collect();
            text.push_str(&format!("- patterns: {}\n", list(&patterns)));
        }
        text.push_str(&format!(
            "- case-sensitive: {}\n- whole-word: {}\n",
            self.case_sensitive, self.whole_word
        ));
        text.push_str(if self.in_quotes {
            "- in-quotes: true (uses inside quoted speech are judged too)\n"
        } else {
            "- in-quotes: false (uses inside quoted speech are the speaker's words and are left alone)\n"
        });
        let fix = match self.fix {
            Some(Applicability::Safe) => "safe",
            Some(Applicability::Unsafe) => "unsafe",
            None => "none",
        };
        text.push_str(&format!("- fix: {fix}\n"));
        text
    }
}

/// Compiles the `term` fields of a `[[check]]`; every error is pushed to `errors`.
/// The longest literal variant: house-style terms are words and phrases,
/// and the one automaton over every phrase grows with their length (a
/// 100 KB variant took 42 s to build).
pub const MAX_TERM_BYTES: usize = 200;

pub fn compile(raw: &RawCheck, file: FileId, errors: &mut Vec<Diagnostic>) -> Option<TermRule> {
    let span = |s: std::ops::Range<usize>| Span::new(file, s);
    let case_sensitive = raw.case_sensitive.unwrap_or(false);
    let same = |a: &str, b: &str| {
        if case_sensitive {
            a == b
        } else {
            a.to_lowercase() == b.to_lowercase()
        }
    };
    let before = errors.len();

    let variants: Vec<&Spanned<String>> = raw.variants.iter().flatten().collect();
    let patterns: Vec<&Spanned<String>> = raw.patterns.iter().flatten().collect();
    if variants.is_empty() && patterns.is_empty() {
        errors.push(
            error(
                span(raw.kind.span()),
                "a `term` check needs `variants` or `patterns`",
                "this check has neither",
            )
            .with_note("help: add e.g. `variants = [\"OBOR\", \"One Belt, One Road\"]`"),
        );
    }
    for variant in &variants {
        if variant.get_ref().len() > MAX_TERM_BYTES {
            errors.push(
                error(
                    span(variant.span()),
                    format!("variant of {} bytes", variant.get_ref().len()),
                    format!("a variant is a word or a phrase: at most {MAX_TERM_BYTES} bytes"),
                )
                .with_note("help: a longer pattern of text is a `patterns` regex"),
            );
            continue;
        }
        if variant.get_ref().trim().is_empty() {
            errors.push(error(
                span(variant.span()),
                "empty variant",
                "a variant must contain text",
            ));
        }
        if let Some(preferred) = &raw.preferred
            && same(variant.get_ref(), preferred.get_ref())
        {
            errors.push(error(
                span(variant.span()),
                format!("variant `{}` is the preferred term", variant.get_ref()),
                "every use of the preferred term would be reported",
            ));
        }
    }
    let compiled_patterns = compile_patterns(&patterns, case_sensitive, file, errors);
    if raw.preferred.is_none() && variants.len() + patterns.len() < 2 {
        errors.push(
            error(
                span(raw.kind.span()),
                "a consistency `term` check needs at least two variants",
                "no `preferred` and fewer than two variants",
            )
            .with_note(
                "help: set `preferred` to replace variants with it, or list the variants the corpus should not mix",
            ),
        );
    }
    let fix = applicability(raw, file, errors);
    if errors.len() > before {
        return None;
    }
    Some(TermRule {
        preferred: raw.preferred.as_ref().map(|p| p.get_ref().clone()),
        variants: variants.iter().map(|v| v.get_ref().clone()).collect(),
        patterns: compiled_patterns,
        case_sensitive,
        whole_word: raw.whole_word.unwrap_or(true),
        in_quotes: raw.in_quotes.as_ref().is_some_and(|q| *q.get_ref()),
        fix: raw.preferred.as_ref().and(fix),
    })
}

/// The `patterns` as regexes; an invalid one, or one that matches the
/// empty string, is an error at its span.
fn compile_patterns(
    patterns: &[&Spanned<String>],
    case_sensitive: bool,
    file: FileId,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Regex> {
    let span = |s: std::ops::Range<usize>| Span::new(file, s);
    patterns
        .iter()
        .filter_map(|pattern| {
            match RegexBuilder::new(pattern.get_ref())
                .case_insensitive(!case_sensitive)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
            {
                Ok(regex) if regex.is_match("") => {
                    errors.push(error(
                        span(pattern.span()),
                        "pattern matches the empty string",
                        "this would match everywhere",
                    ));
                    None
                }
                Ok(regex) => Some(regex),
                Err(err) => {
                    errors.push(error(span(pattern.span()), "invalid regex", regex_error_text(&err)));
                    None
                }
            }
        })
        .collect()
}

/// The `fix` setting: safe unless the rule says otherwise; `None` for no fix.
fn applicability(raw: &RawCheck, file: FileId, errors: &mut Vec<Diagnostic>) -> Option<Applicability> {
    let span = |s: std::ops::Range<usize>| Span::new(file, s);
    match &raw.fix {
        None => Some(Applicability::Safe),
        Some(text) => match text.get_ref().as_str() {
            "safe" => Some(Applicability::Safe),
            "unsafe" => Some(Applicability::Unsafe),
            "none" => None,
            other => {
                errors.push(error(
                    span(text.span()),
                    format!("unknown fix applicability `{other}`"),
                    "expected `safe`, `unsafe` or `none`",
                ));
                None
            }
        },
    }
}

/// The regex crate's error, without its leading "regex parse error:" line.
fn regex_error_text(error: &regex::Error) -> String {
    let text = error.to_string();
    text.strip_prefix("regex parse error:")
        .unwrap_or(&text)
        .trim()
        .to_string()
}
