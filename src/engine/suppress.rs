//! Inline suppressions, like ESLint's and ruff's `noqa`:
//!
//! - Markdown: `<!-- factlint-disable-next-line RULE -->`,
//!   `<!-- factlint-disable RULE -->` … `<!-- factlint-enable RULE -->`;
//! - plain text: a line `factlint: disable-next-line RULE` (and
//!   `factlint: disable RULE` … `factlint: enable RULE`).
//!
//! Several rules may be listed, separated by commas or spaces; no rule means
//! every rule. A suppression that suppresses nothing is reported
//! (`suppression-unused`, info), so stale ones can be removed.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::span::{FileId, Span};

/// Rule id of the "suppresses nothing" diagnostic.
pub const UNUSED: &str = "suppression-unused";

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--[ \t]*factlint-(?P<what>disable-next-line|disable|enable)(?P<rules>[ \t,a-z0-9-]*?)[ \t]*-->")
        .expect("static regex")
});
static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*factlint:[ \t]*(?P<what>disable-next-line|disable|enable)(?P<rules>[ \t,a-z0-9-]*?)[ \t]*\r?$",
    )
    .expect("static regex")
});

/// One suppression: which rules (empty = all), over which bytes, and where
/// it is written.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub rules: Vec<String>,
    pub covers: Range<usize>,
    pub written: Range<usize>,
    pub used: bool,
}

impl Suppression {
    fn applies_to(&self, diagnostic: &Diagnostic) -> bool {
        let start = diagnostic.primary.span.start as usize;
        self.covers.contains(&start) && (self.rules.is_empty() || self.rules.contains(&diagnostic.rule))
    }
}

fn rule_list(text: &str) -> Vec<String> {
    text.split([',', ' ', '\t'])
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}

/// The byte range of the first non-blank line after `offset`.
fn next_line(text: &str, offset: usize) -> Range<usize> {
    let mut start = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
        if !text[start..end].trim().is_empty() {
            return start..end;
        }
        start = end;
    }
    start..start
}

/// Finds the suppressions written in `text`.
pub fn find(text: &str) -> Vec<Suppression> {
    // Nearly every article has none: skip both regexes unless one could match.
    if !text.contains("factlint") {
        return Vec::new();
    }
    let mut marks: Vec<(Range<usize>, String, Vec<String>)> = COMMENT
        .captures_iter(text)
        .chain(LINE.captures_iter(text))
        .filter_map(|c| {
            Some((
                c.get(0)?.range(),
                c.name("what")?.as_str().to_string(),
                rule_list(c.name("rules").map_or("", |r| r.as_str())),
            ))
        })
        .collect();
    marks.sort_by_key(|(range, _, _)| range.start);
    let mut found = Vec::new();
    for (i, (range, what, rules)) in marks.iter().enumerate() {
        match what.as_str() {
            "disable-next-line" => found.push(Suppression {
                rules: rules.clone(),
                covers: next_line(text, range.end),
                written: range.clone(),
                used: false,
            }),
            "disable" => {
                // Until the next `enable` naming the same rules (or any), or the end.
                let end = marks[i + 1..]
                    .iter()
                    .find(|(_, w, r)| {
                        w == "enable" && (r.is_empty() || rules.is_empty() || r.iter().any(|x| rules.contains(x)))
                    })
                    .map_or(text.len(), |(r, _, _)| r.start);
                found.push(Suppression {
                    rules: rules.clone(),
                    covers: range.end..end,
                    written: range.clone(),
                    used: false,
                });
            }
            _ => {}
        }
    }
    found
}

/// Drops the diagnostics of `file` that a suppression covers, and reports
/// the suppressions that covered nothing. Returns how many were suppressed.
pub fn apply(file: FileId, suppressions: &mut [Suppression], diagnostics: &mut Vec<Diagnostic>) -> usize {
    let before = diagnostics.len();
    diagnostics.retain(|d| {
        if d.file() != file {
            return true;
        }
        match suppressions.iter_mut().find(|s| s.applies_to(d)) {
            Some(suppression) => {
                suppression.used = true;
                false
            }
            None => true,
        }
    });
    let suppressed = before - diagnostics.len();
    for suppression in suppressions.iter().filter(|s| !s.used) {
        let what = if suppression.rules.is_empty() {
            "any rule".to_string()
        } else {
            suppression.rules.join(", ")
        };
        diagnostics.push(
            Diagnostic::new(
                UNUSED,
                Severity::Info,
                format!("this suppression of {what} suppresses nothing"),
                Label::new(Span::new(file, suppression.written.clone()), "remove it"),
            )
            .with_note("the diagnostic it was written for is gone, or the rule id is misspelt"),
        );
    }
    suppressed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Label;

    fn diagnostic(rule: &str, at: usize) -> Diagnostic {
        Diagnostic::new(
            rule,
            Severity::Warning,
            "m",
            Label::new(Span::new(FileId(0), at..at + 1), ""),
        )
    }

    #[test]
    fn next_line_suppression_in_markdown_and_text() {
        let md = "Intro.\n<!-- factlint-disable-next-line term-mazhilis -->\n\nThe Majilis met.\nThe Majilis again.\n";
        let at = md.find("Majilis").unwrap();
        let again = md.rfind("Majilis").unwrap();
        let mut s = find(md);
        let mut ds = vec![
            diagnostic("term-mazhilis", at),
            diagnostic("term-mazhilis", again),
            diagnostic("term-other", at),
        ];
        assert_eq!(apply(FileId(0), &mut s, &mut ds), 1);
        assert_eq!(ds.len(), 2, "only the next line, only that rule");
        let txt = "factlint: disable-next-line term-mazhilis\nThe Majilis met.\n";
        let mut s = find(txt);
        let mut ds = vec![diagnostic("term-mazhilis", txt.find("Majilis").unwrap())];
        assert_eq!(apply(FileId(0), &mut s, &mut ds), 1);
        assert!(ds.is_empty());
    }

    #[test]
    fn disable_enable_ranges() {
        let md = "<!-- factlint-disable term-a, term-b -->\nA.\nB.\n<!-- factlint-enable term-a -->\nC.\n";
        let mut s = find(md);
        let mut ds = vec![
            diagnostic("term-a", md.find("A.").unwrap()),
            diagnostic("term-a", md.find("C.").unwrap()),
        ];
        apply(FileId(0), &mut s, &mut ds);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].primary.span.start as usize, md.find("C.").unwrap());
    }

    #[test]
    fn unused_suppressions_are_reported() {
        let md = "<!-- factlint-disable-next-line term-typo -->\nText.\n";
        let mut s = find(md);
        let mut ds = Vec::new();
        apply(FileId(0), &mut s, &mut ds);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].rule, UNUSED);
        assert_eq!(
            &md[ds[0].primary.span.range()],
            "<!-- factlint-disable-next-line term-typo -->"
        );
    }

    #[test]
    fn no_rule_means_every_rule() {
        let txt = "factlint: disable-next-line\nAnything.\n";
        let mut s = find(txt);
        let mut ds = vec![
            diagnostic("term-a", txt.find("Any").unwrap()),
            diagnostic("date-b", txt.find("Any").unwrap()),
        ];
        assert_eq!(apply(FileId(0), &mut s, &mut ds), 2);
    }
}
