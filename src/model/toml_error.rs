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
    // label what was expected, or the one meant where it is a slip.
    match text.split_once(", expected ") {
        Some((what, expected)) => {
            let given = what.strip_prefix("unknown field `").and_then(|r| r.strip_suffix('`'));
            let names = expected.split('`').skip(1).step_by(2);
            match given.and_then(|given| closest(given, names)) {
                Some(meant) => error(Span::new(file, range), what, format!("did you mean `{meant}`?"))
                    .with_note(format!("expected {expected}")),
                None => error(Span::new(file, range), what, format!("expected {expected}")),
            }
        }
        None => error(Span::new(file, range), text, "here"),
    }
}

/// The candidate `word` is most likely a slip for: the nearest by edit
/// distance (a swap of two letters counts one), at most two edits and
/// fewer than a third of the word; `None` when none is that near or two
/// are equally near. What "did you mean" names.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let most = (word.chars().count() / 3).clamp(1, 2);
    let mut best: Option<(usize, &str)> = None;
    let mut tied = false;
    for candidate in candidates {
        let distance = strsim::osa_distance(word, candidate);
        if distance == 0 || distance > most {
            continue;
        }
        match best {
            Some((d, _)) if distance > d => {}
            Some((d, c)) if distance == d => tied |= c != candidate,
            _ => {
                best = Some((distance, candidate));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, c)| c)
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

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn did_you_mean_names_a_slip_and_never_guesses() {
        let keys = ["preferred", "variants", "patterns", "severity"];
        assert_eq!(closest("preferd", keys), Some("preferred"));
        assert_eq!(closest("varaints", keys), Some("variants"), "a swap is one slip");
        assert_eq!(closest("colour", keys), None, "nothing near");
        assert_eq!(closest("ab", ["ac", "ad"]), None, "two equally near");
        assert_eq!(
            closest("term-belt-and-rod", ["term-belt-and-road", "term-mazhilis"]),
            Some("term-belt-and-road")
        );
    }
}
