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

/// A TOML syntax or schema error in `text` (the file's), pointing at the
/// span toml reports. Some errors come without one ("recursion limit" for a
/// key dotted a thousand times): their line is found by parsing ever
/// shorter prefixes of the file (a binary search over its lines) for the
/// first that fails the same way, rather than pointing at line 1.
pub fn toml_error<T: serde::de::DeserializeOwned>(
    file: FileId,
    text: &str,
    parse_error: &toml::de::Error,
) -> Diagnostic {
    let range = parse_error
        .span()
        .unwrap_or_else(|| first_failing_line::<T>(text, parse_error.message()));
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

/// The line of `text` from which parsing it as `T` fails with `message`:
/// the shortest prefix of whole lines that does, found by binary search.
/// The whole text if no prefix does (0..0 for an empty one).
fn first_failing_line<T: serde::de::DeserializeOwned>(text: &str, message: &str) -> std::ops::Range<usize> {
    let ends: Vec<usize> = text
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .chain((!text.ends_with('\n') && !text.is_empty()).then_some(text.len()))
        .collect();
    let fails = |line: usize| {
        toml::from_str::<T>(&text[..ends[line]]).is_err_and(|e| e.message() == message && e.span().is_none())
    };
    let (mut low, mut high) = (0, ends.len());
    while low < high {
        let middle = (low + high) / 2;
        if fails(middle) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    match ends.get(low) {
        Some(&end) => {
            let start = if low == 0 { 0 } else { ends[low - 1] };
            start..end.saturating_sub(1).max(start)
        }
        None => 0..0,
    }
}
