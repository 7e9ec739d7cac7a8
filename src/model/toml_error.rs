//! Errors in the TOML files factlint reads (rule files and `factlint.toml`):
//! diagnostics with a label on the TOML span they are about, so that the
//! author sees the file, the line and the value.

use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::span::{FileId, Span};

/// The code of errors in rule files.
pub const RULE_FILE_ERROR: &str = "rule-file";
/// The code of errors in `factlint.toml`.
pub const CONFIG_ERROR: &str = "config";
/// The code of a rule folder (or file) that is not there.
pub const MISSING_FOLDER: &str = "missing-folder";

/// An error at `span` in a rule file.
pub fn error(span: Span, message: impl Into<String>, label: impl Into<String>) -> Diagnostic {
    Diagnostic::new(RULE_FILE_ERROR, Severity::Error, message, Label::new(span, label))
}

/// "duplicate {what} id `{id}`", at the second definition, pointing at the first.
pub fn duplicate(what: &str, id: &str, again: Span, first: Span) -> Diagnostic {
    error(again, format!("duplicate {what} id `{id}`"), "defined again here")
        .with_secondary(Label::new(first, "first defined here"))
}

/// A TOML syntax or schema error, pointing at the span toml reports.
pub fn toml_error(file: FileId, parse_error: &toml::de::Error) -> Diagnostic {
    let range = parse_error.span().unwrap_or(0..0);
    let text = parse_error.message().trim();
    let text = text.lines().next().unwrap_or(text);
    // toml says "what, expected what": the header says what is wrong, the
    // label what was expected.
    match text.split_once(", expected ") {
        Some((what, expected)) => error(Span::new(file, range), what, format!("expected {expected}")),
        None => error(Span::new(file, range), text, "here"),
    }
}

/// An error that has no place in a file (a missing folder); rendered without
/// a snippet.
pub fn plain_error(message: impl Into<String>) -> Diagnostic {
    plain_error_as(RULE_FILE_ERROR, message)
}

/// [`plain_error`] with the code of what failed (`missing-folder`, `config`).
pub fn plain_error_as(code: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(
        code,
        Severity::Error,
        message,
        Label::new(Span::new(FileId(u32::MAX), 0..0), ""),
    )
}
