//! The one value every check produces and every renderer consumes.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::fix::Fix;
use crate::model::span::Span;

/// How serious a diagnostic is. Ordered so that `Info < Warning < Error`,
/// which is what `--fail-on` compares against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses the lower-case names used in rule files and on the command line.
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with something to say about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Label {
        Label {
            span,
            message: message.into(),
        }
    }
}

/// One finding: what is wrong (`message`), where (`primary`), where else it
/// matters (`secondary`, possibly in other files), why and what is right
/// (`notes`), and how to repair it (`fix`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule id, e.g. `term-belt-and-road` or `article-date-missing`.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    /// Free-form explanations; a note starting with `help: ` is a suggestion.
    pub notes: Vec<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: impl Into<String>, severity: Severity, message: impl Into<String>, primary: Label) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity,
            message: message.into(),
            primary,
            secondary: Vec::new(),
            notes: Vec::new(),
            fix: None,
        }
    }

    pub fn with_secondary(mut self, label: Label) -> Diagnostic {
        self.secondary.push(label);
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    pub fn file(&self) -> crate::model::span::FileId {
        self.primary.span.file
    }
}

/// `1 article`, `2 articles`: counts in messages and summaries.
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// Sorts diagnostics into the order every format prints them in: by file
/// path, then offset, then rule, then message. Sorting after collecting is
/// what makes the output independent of the number of threads.
pub fn sort(diagnostics: &mut [Diagnostic], path_of: impl Fn(crate::model::span::FileId) -> String) {
    diagnostics.sort_by_cached_key(|d| {
        (
            path_of(d.primary.span.file),
            d.primary.span.start,
            d.primary.span.end,
            d.rule.clone(),
            d.message.clone(),
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::span::FileId;

    #[test]
    fn severities_order_for_fail_on() {
        assert!(Severity::Info < Severity::Warning);
        assert!(Severity::Warning < Severity::Error);
        assert_eq!(Severity::parse("warning"), Some(Severity::Warning));
        assert_eq!(Severity::parse("fatal"), None);
    }

    #[test]
    fn sort_orders_by_path_then_offset_then_rule() {
        let at = |file, start, rule: &str| {
            Diagnostic::new(
                rule,
                Severity::Error,
                "m",
                Label::new(Span::new(FileId(file), start..start + 1), ""),
            )
        };
        let mut diagnostics = vec![at(1, 5, "b"), at(0, 9, "a"), at(1, 5, "a"), at(1, 2, "z")];
        sort(&mut diagnostics, |file| ["b.md", "a.md"][file.0 as usize].to_string());
        let order: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.file().0, d.primary.span.start, d.rule.as_str()))
            .collect();
        assert_eq!(order, vec![(1, 2, "z"), (1, 5, "a"), (1, 5, "b"), (0, 9, "a")]);
    }
}
