//! The facts file: what `factlint facts --format jsonl` writes of each
//! article (the map) and `factlint check --facts` reads to run the
//! corpus-wide checks and the output stage without the texts (the reduce).
//!
//! One JSON object per line, one line per article, each self-describing
//! (`"factlint-facts": 1`, the format's version), so shards written on many
//! machines are concatenated or listed in any order. A line holds what a
//! whole run keeps of the article after its own checks: its own
//! diagnostics (before levels, suppressions and baselines, which the
//! reduce applies, as a whole run does after its corpus pass), the facts
//! the corpus checks read, its inline suppressions, and of its text only
//! what is shown: the line and column of every offset a diagnostic may
//! point at and the text of every span a corpus check or a baseline reads.
//! Spans are byte ranges `[start, end]` in the article.
//!
//! A term fact names its rule by id (not by its place in the rule set), so
//! the reduce may load the rules in another order; it must load the same
//! rules for the same diagnostics.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::run::FileResult;
use super::suppress::Suppression;
use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::fact::{Fact, PersonRef, PlaceFact, TitleFact, TitleKey};
use crate::model::fix::{Applicability, Edit, Fix};
use crate::model::source::{LineIndex, Recorded};
use crate::model::span::{FileId, Span};
use crate::rules::RuleSet;

/// The version of the format, written in every line.
pub const VERSION: u32 = 1;

/// A byte range of the article.
type Range = [u32; 2];

/// One line: an article as the map saw it.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ArticleRecord {
    #[serde(rename = "factlint-facts")]
    pub version: u32,
    /// The article's path as the map named it (relative to its working
    /// directory): the reduce reports it so.
    pub path: String,
    /// Whether it has a publication date (an undated one is a `--verbose`
    /// note).
    pub undated: bool,
    /// Whether it could be read as an article at all (not binary,
    /// unreadable or too large).
    pub readable: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<RecordedDiagnostic>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<RecordedFact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<RecordedSuppression>,
    /// (offset, line, column), 1-based, sorted by offset.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<[u32; 3]>,
    /// (start, end, text), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<(u32, u32, String)>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct RecordedDiagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Range,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<(Range, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<(Applicability, Vec<(Range, String)>)>,
}

/// A fact the corpus-wide checks read.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RecordedFact {
    /// A use of variant `variant` of the consistency term rule `rule`.
    Term { rule: String, variant: u32, span: Range },
    /// A title given to a person the knowledge does not know.
    Title {
        person: String,
        mention: Range,
        span: Range,
        role: String,
        words: BTreeSet<String>,
        /// `YYYY-MM-DD`: the date the article's facts are judged as of.
        date: Option<String>,
        past: bool,
    },
    /// A place the knowledge does not know, as written.
    Place { name: String, span: Range, placed: bool },
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct RecordedSuppression {
    pub rules: Vec<String>,
    pub covers: Range,
    pub written: Range,
}

fn range(span: Span) -> Range {
    [span.start, span.end]
}

fn span(file: FileId, range: Range) -> Span {
    Span {
        file,
        start: range[0],
        end: range[1].max(range[0]),
    }
}

fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// The record of one checked article (its text still in `result`), with
/// `path` as the run names it. Labels and facts in other files are left
/// out (an article's own checks point only into it).
pub fn record(result: &FileResult, path: &str, rules: &RuleSet) -> ArticleRecord {
    let file = result.file;
    let mut marks = Marks::default();
    let diagnostics = result
        .diagnostics
        .iter()
        .filter(|d| d.primary.span.file == file)
        .map(|d| record_diagnostic(d, &mut marks))
        .collect();
    let facts = result
        .facts
        .iter()
        .filter(|f| f.is_corpus_fact() && f.span().file == file)
        .filter_map(|fact| record_fact(fact, rules, &mut marks))
        .collect();
    let mut suppressions = Vec::new();
    for s in &result.suppressions {
        // An unused one is a diagnostic on it, which a baseline reads.
        marks.mark(Span::new(file, s.written.clone()), true);
        suppressions.push(RecordedSuppression {
            rules: s.rules.clone(),
            covers: [to_u32(s.covers.start), to_u32(s.covers.end)],
            written: [to_u32(s.written.start), to_u32(s.written.end)],
        });
    }
    let text = result.text.as_str();
    // Most articles name no span: their text is not indexed.
    let positions = if marks.offsets.is_empty() {
        Vec::new()
    } else {
        let lines = LineIndex::new(text);
        marks
            .offsets
            .into_iter()
            .map(|offset| {
                let (line, column) = lines.line_column(text, offset as usize);
                [offset, to_u32(line), to_u32(column)]
            })
            .collect()
    };
    let texts = marks
        .texts
        .into_iter()
        .map(|(start, end)| {
            (
                start,
                end,
                text.get(start as usize..end as usize).unwrap_or("").to_string(),
            )
        })
        .collect();
    ArticleRecord {
        version: VERSION,
        path: path.to_string(),
        undated: result.undated,
        readable: result.readable,
        diagnostics,
        facts,
        suppressions,
        positions,
        texts,
    }
}

/// The offsets whose positions, and the spans whose texts, a record keeps.
#[derive(Default)]
struct Marks {
    offsets: BTreeSet<u32>,
    texts: BTreeSet<(u32, u32)>,
}

impl Marks {
    fn mark(&mut self, span: Span, text: bool) {
        self.offsets.insert(span.start);
        self.offsets.insert(span.end);
        if text {
            self.texts.insert((span.start, span.end));
        }
    }
}

fn record_diagnostic(d: &Diagnostic, marks: &mut Marks) -> RecordedDiagnostic {
    let file = d.primary.span.file;
    // A baseline reads the flagged text.
    marks.mark(d.primary.span, true);
    let labels: Vec<(Range, String)> = d
        .secondary
        .iter()
        .filter(|l| l.span.file == file)
        .map(|l| {
            marks.mark(l.span, false);
            (range(l.span), l.message.clone())
        })
        .collect();
    RecordedDiagnostic {
        rule: d.rule.clone(),
        severity: d.severity,
        message: d.message.clone(),
        span: range(d.primary.span),
        label: d.primary.message.clone(),
        labels,
        notes: d.notes.clone(),
        fix: d.fix.as_ref().map(|fix| {
            let edits = fix.edits.iter().filter(|e| e.span.file == file);
            (
                fix.applicability,
                edits.map(|e| (range(e.span), e.replacement.clone())).collect(),
            )
        }),
    }
}

fn record_fact(fact: &Fact, rules: &RuleSet, marks: &mut Marks) -> Option<RecordedFact> {
    match fact {
        Fact::TermUse { check, variant, span } => {
            let rule = rules.checks.get(*check as usize)?;
            marks.mark(*span, true);
            Some(RecordedFact::Term {
                rule: rule.meta.id.clone(),
                variant: *variant,
                span: range(*span),
            })
        }
        Fact::Title(title) => {
            let PersonRef::Unknown(person) = &title.person else {
                return None;
            };
            marks.mark(title.span, true);
            marks.mark(title.mention, true);
            Some(RecordedFact::Title {
                person: person.clone(),
                mention: range(title.mention),
                span: range(title.span),
                role: title.key.role.clone(),
                words: title.key.words.clone(),
                date: title.date.map(|d| d.format("%Y-%m-%d").to_string()),
                past: title.past,
            })
        }
        Fact::Place(place) => {
            marks.mark(place.span, true);
            Some(RecordedFact::Place {
                name: place.name.clone(),
                span: range(place.span),
                placed: place.placed,
            })
        }
        Fact::Date(_) | Fact::KnownPlace(_) => None,
    }
}

/// What an article's record gives back to a run: its diagnostics, facts
/// and suppressions, as file `file`; and what was recorded of its text.
pub struct Restored {
    /// Whether nothing was recorded (no diagnostics, facts or
    /// suppressions): the run needs only the article's name.
    pub empty: bool,
    pub diagnostics: Vec<Diagnostic>,
    pub facts: Vec<Fact>,
    pub suppressions: Vec<Suppression>,
    pub recorded: Recorded,
}

/// The record read back as article `file`. A term fact of a rule the
/// rules do not have is an error (the reduce must load the map's rules).
pub fn restore(record: ArticleRecord, file: FileId, rules: &RuleSet) -> Result<Restored, String> {
    let empty = record.diagnostics.is_empty() && record.facts.is_empty() && record.suppressions.is_empty();
    let diagnostics = record
        .diagnostics
        .into_iter()
        .map(|d| Diagnostic {
            rule: d.rule,
            severity: d.severity,
            message: d.message,
            primary: Label::new(span(file, d.span), d.label),
            secondary: d
                .labels
                .into_iter()
                .map(|(r, m)| Label::new(span(file, r), m))
                .collect(),
            notes: d.notes,
            fix: d.fix.map(|(applicability, edits)| Fix {
                applicability,
                edits: edits
                    .into_iter()
                    .map(|(r, replacement)| Edit {
                        span: span(file, r),
                        replacement,
                    })
                    .collect(),
            }),
        })
        .collect();
    let mut facts = Vec::with_capacity(record.facts.len());
    for fact in record.facts {
        facts.push(match fact {
            RecordedFact::Term { rule, variant, span: r } => {
                let check = rules.checks.iter().position(|c| c.meta.id == rule).ok_or_else(|| {
                    format!("the facts name the rule `{rule}`, which the rules loaded here do not have")
                })?;
                Fact::TermUse {
                    check: to_u32(check),
                    variant,
                    span: span(file, r),
                }
            }
            RecordedFact::Title {
                person,
                mention,
                span: r,
                role,
                words,
                date,
                past,
            } => Fact::Title(TitleFact {
                person: PersonRef::Unknown(person),
                mention: span(file, mention),
                span: span(file, r),
                key: TitleKey { role, words },
                date: match date {
                    Some(date) => Some(
                        chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                            .map_err(|_| format!("`{date}` is not a date (YYYY-MM-DD)"))?,
                    ),
                    None => None,
                },
                past,
            }),
            RecordedFact::Place { name, span: r, placed } => Fact::Place(PlaceFact {
                name,
                span: span(file, r),
                placed,
            }),
        });
    }
    let suppressions = record
        .suppressions
        .into_iter()
        .map(|s| Suppression {
            rules: s.rules,
            covers: s.covers[0] as usize..s.covers[1] as usize,
            written: s.written[0] as usize..s.written[1] as usize,
            used: false,
        })
        .collect();
    let mut positions: Vec<(u32, u32, u32)> = record.positions.into_iter().map(|[o, l, c]| (o, l, c)).collect();
    positions.sort_unstable();
    let mut texts = record.texts;
    texts.sort_unstable();
    Ok(Restored {
        empty,
        diagnostics,
        facts,
        suppressions,
        recorded: Recorded { positions, texts },
    })
}
