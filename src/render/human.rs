//! rustc-style output through codespan-reporting: a header with severity and
//! rule id, the source lines with labels (from several files when a
//! diagnostic has labels in other articles), notes, the fix, and a summary.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::engine::{Run, Summary};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::fix::Applicability;
use crate::model::source::SourceDb;
use crate::model::span::FileId;
use crate::render::visible;

pub fn render(run: &Run, color: bool, summary: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    write_diagnostics(&run.db, &run.diagnostics, &mut buffer)?;
    if summary {
        write_summary(&run.summary, &mut buffer)?;
    }
    out.write_all(buffer.as_slice())
}

/// Renders `diagnostics` (also used for rule-file errors).
pub fn write_diagnostics(db: &SourceDb, diagnostics: &[Diagnostic], buffer: &mut Buffer) -> std::io::Result<()> {
    let config = Config::default();
    for diagnostic in diagnostics {
        // Each diagnostic is shown from excerpts of its own label lines:
        // one copy of a whole file for all of them made a long line with
        // many labels cost its length for every one.
        let shown = Shown::new(db, std::slice::from_ref(diagnostic));
        let converted = convert(&shown, diagnostic);
        term::emit_to_write_style(buffer, &config, &shown, &converted).map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// A source line longer than this is shown cut, around its labels, as
/// rustc cuts long lines: one label on a 50 MB one-line article must not
/// print 50 MB.
const MAX_SHOWN_LINE: usize = 400;
/// How much of a cut line is kept either side of a label.
const SHOWN_CONTEXT: usize = 80;

/// The stretches of `text`'s overlong lines to leave out when showing the
/// label `ranges`: all of each such line but `SHOWN_CONTEXT` bytes around
/// each label on it; in order, apart, on char boundaries.
/// `lines` are the lines the labels lie on (from the start of the first's
/// to the end of the last's), found by the caller's line index: looking
/// for them in the text cost a long line's length for each label.
fn long_line_cuts(text: &str, ranges: &[Range<usize>], lines: &[Range<usize>]) -> Vec<Range<usize>> {
    if text.len() <= MAX_SHOWN_LINE {
        return Vec::new();
    }
    let mut lines: Vec<Range<usize>> = lines
        .iter()
        .filter(|line| line.len() > MAX_SHOWN_LINE)
        .cloned()
        .collect();
    lines.sort_by_key(|l| l.start);
    lines.dedup();
    let mut cuts = Vec::new();
    for line in lines {
        let mut keep: Vec<Range<usize>> = ranges
            .iter()
            .filter(|r| r.start < line.end && r.end >= line.start)
            .map(|r| {
                let start = text.floor_char_boundary(r.start.saturating_sub(SHOWN_CONTEXT).max(line.start));
                let end = text.ceil_char_boundary((r.end + SHOWN_CONTEXT).min(line.end));
                start..end
            })
            .collect();
        keep.sort_by_key(|k| k.start);
        let mut at = line.start;
        for window in keep {
            if window.start > at {
                cuts.push(at..window.start);
            }
            at = at.max(window.end);
        }
        if at < line.end {
            cuts.push(at..line.end);
        }
    }
    cuts.sort_by_key(|c| c.start);
    // Cuts of overlapping lines (a label across lines) may touch: merge.
    let mut merged: Vec<Range<usize>> = Vec::new();
    for cut in cuts {
        match merged.last_mut() {
            Some(last) if cut.start <= last.end => last.end = last.end.max(cut.end),
            _ => merged.push(cut),
        }
    }
    merged
}

/// The files as the terminal is shown them: where the lines of a
/// diagnostic's labels hold a control character (see [`visible`]), are
/// longer than [`MAX_SHOWN_LINE`] or the file's name needs escaping, an
/// excerpt of those lines with stand-ins and cuts, and label spans moved
/// to match; the others straight from the database.
struct Shown<'a> {
    db: &'a SourceDb,
    copies: HashMap<FileId, ShownFile<'a>>,
}

struct ShownFile<'a> {
    name: String,
    /// The excerpt as shown: the source's lines from the first label's to
    /// the last label's, cut and with stand-ins.
    text: String,
    line_starts: Vec<usize>,
    /// From the excerpt's source offsets to its shown ones.
    shift: visible::Shift,
    /// Where the excerpt starts in the source, and on which line (0-based).
    base: usize,
    first_line: usize,
    /// The source's text, for the column a header gives: the real one,
    /// not the shown copy's.
    source: &'a str,
}

impl<'a> Shown<'a> {
    fn new(db: &'a SourceDb, diagnostics: &[Diagnostic]) -> Shown<'a> {
        let mut copies = HashMap::new();
        let mut labels: HashMap<FileId, Vec<Range<usize>>> = HashMap::new();
        for label in diagnostics
            .iter()
            .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
        {
            labels.entry(label.span.file).or_default().push(label.span.range());
        }
        for (&id, ranges) in &labels {
            let Some(file) = db.get(id) else { continue };
            let text = &file.text;
            let (Some(first), Some(last)) = (ranges.iter().map(|r| r.start).min(), ranges.iter().map(|r| r.end).max())
            else {
                continue;
            };
            let line_of = |at: usize| db.line_index(id, at.min(text.len())).unwrap_or(0);
            let (first_line, last_line) = (line_of(first), line_of(last));
            let line_range = |line: usize| db.line_range(id, line).unwrap_or(0..0);
            let base = line_range(first_line).start.min(text.len());
            let end = line_range(last_line).end.clamp(base, text.len());
            let excerpt = &text[base..end];
            let relative: Vec<Range<usize>> = ranges
                .iter()
                .map(|r| r.start.saturating_sub(base)..r.end.saturating_sub(base).min(excerpt.len()))
                .collect();
            let lines: Vec<Range<usize>> = ranges
                .iter()
                .map(|r| {
                    let start = line_range(line_of(r.start)).start;
                    let end = line_range(line_of(r.end)).end;
                    start.saturating_sub(base).min(excerpt.len())..end.saturating_sub(base).min(excerpt.len())
                })
                .collect();
            let name = visible::path(&file.name);
            let cuts = long_line_cuts(excerpt, &relative, &lines);
            // Only what stays shown is looked through for controls.
            let mut kept = Vec::new();
            let mut at = 0;
            for cut in cuts.iter().chain(std::iter::once(&(excerpt.len()..excerpt.len()))) {
                kept.push(at..cut.start.max(at));
                at = cut.end;
            }
            let hidden = kept.iter().any(|k| {
                excerpt
                    .get(k.clone())
                    .is_some_and(|part| part.chars().any(visible::is_hidden))
            });
            if matches!(name, Cow::Borrowed(_)) && cuts.is_empty() && !hidden {
                continue;
            }
            let (shown, shift) = visible::Shift::cut(excerpt, &cuts);
            let line_starts = files::line_starts(&shown).collect();
            copies.insert(
                id,
                ShownFile {
                    name: name.into_owned(),
                    text: shown,
                    line_starts,
                    shift,
                    base,
                    first_line,
                    source: text,
                },
            );
        }
        Shown { db, copies }
    }

    /// `range` of the source file `id`, in the text shown.
    fn range(&self, id: FileId, range: Range<usize>) -> Range<usize> {
        match self.copies.get(&id) {
            Some(copy) => {
                let at = |offset: usize| copy.shift.offset(offset.saturating_sub(copy.base));
                at(range.start)..at(range.end)
            }
            None => range,
        }
    }
}

impl<'a> Files<'a> for Shown<'_> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        match self.copies.get(&id) {
            Some(copy) => Ok(&copy.name),
            None => Files::name(self.db, id),
        }
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        match self.copies.get(&id) {
            Some(copy) => Ok(&copy.text),
            None => self.db.source(id),
        }
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        match self.copies.get(&id) {
            Some(copy) => Ok(copy
                .line_starts
                .partition_point(|&start| start <= byte_index)
                .saturating_sub(1)),
            None => self.db.line_index(id, byte_index),
        }
    }

    /// The column in the source, wherever the shown copy moved the text.
    fn column_number(&'a self, id: FileId, line_index: usize, byte_index: usize) -> Result<usize, files::Error> {
        let Some(copy) = self.copies.get(&id) else {
            let range = self.line_range(id, line_index)?;
            return Ok(files::column_index(self.source(id)?, range, byte_index) + 1);
        };
        let at = copy
            .source
            .floor_char_boundary((copy.base + copy.shift.source_offset(byte_index)).min(copy.source.len()));
        // The source's own line index: counting from the line's start cost
        // a long line's length for each of its labels.
        Ok(self.db.position(id, at).1)
    }

    /// The source's line number: an excerpt starts at its first label's line.
    fn line_number(&'a self, id: FileId, line_index: usize) -> Result<usize, files::Error> {
        Ok(self.copies.get(&id).map_or(0, |copy| copy.first_line) + line_index + 1)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, files::Error> {
        let Some(copy) = self.copies.get(&id) else {
            return self.db.line_range(id, line_index);
        };
        let start = *copy.line_starts.get(line_index).ok_or(files::Error::LineTooLarge {
            given: line_index,
            max: copy.line_starts.len().saturating_sub(1),
        })?;
        let end = copy.line_starts.get(line_index + 1).copied().unwrap_or(copy.text.len());
        Ok(start..end)
    }
}

/// Renders diagnostics to a plain string (for snapshots and errors).
pub fn to_string(db: &SourceDb, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    // Writing to an in-memory buffer cannot fail but for a missing file,
    // which `convert` rules out.
    let _ = write_diagnostics(db, diagnostics, &mut buffer);
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn convert(shown: &Shown<'_>, diagnostic: &Diagnostic) -> CsDiagnostic<FileId> {
    let db = shown.db;
    let severity = match diagnostic.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    let primary = &diagnostic.primary;
    // An article known from a facts file (`check --facts`): no text to
    // show, so each label is a note with its line and column.
    let recorded = |span: crate::model::span::Span| {
        db.get(span.file).is_some_and(|f| f.text.is_empty()) && db.recorded(span.file).is_some()
    };
    let at = |label: &crate::model::diagnostic::Label| {
        let (line, column) = db.position(label.span.file, label.span.start as usize);
        let message = if label.message.is_empty() {
            String::new()
        } else {
            format!(": {}", visible::text(&label.message))
        };
        format!(
            "at {}:{line}:{column}{message}",
            visible::path(db.name(label.span.file))
        )
    };
    match db.get(primary.span.file) {
        Some(_) if recorded(primary.span) => notes.push(at(primary)),
        Some(file) if file.text.is_empty() && primary.span.is_empty() => {
            // Nothing to show (a binary or unreadable file): name the file.
            notes.push(format!("in {}", visible::path(&file.name)));
        }
        Some(_) => labels.push(
            CsLabel::new(
                LabelStyle::Primary,
                primary.span.file,
                shown.range(primary.span.file, primary.span.range()),
            )
            .with_message(visible::text(&primary.message)),
        ),
        None => {}
    }
    for label in &diagnostic.secondary {
        if recorded(label.span) {
            notes.push(at(label));
        } else if db.get(label.span.file).is_some() {
            labels.push(
                CsLabel::new(
                    LabelStyle::Secondary,
                    label.span.file,
                    shown.range(label.span.file, label.span.range()),
                )
                .with_message(visible::text(&label.message)),
            );
        }
    }
    notes.extend(diagnostic.notes.iter().map(|n| visible::text(n).into_owned()));
    if let Some(fix) = &diagnostic.fix {
        let kind = match fix.applicability {
            Applicability::Safe => "fix",
            Applicability::Unsafe => "fix (unsafe)",
        };
        for edit in &fix.edits {
            notes.push(format!("{kind}: replace with `{}`", visible::line(&edit.replacement)));
        }
    }
    CsDiagnostic::new(severity)
        .with_code(&diagnostic.rule)
        .with_message(visible::text(&diagnostic.message))
        .with_labels(labels)
        .with_notes(notes)
}

fn write_summary(summary: &Summary, buffer: &mut Buffer) -> std::io::Result<()> {
    let mut spec = ColorSpec::new();
    spec.set_bold(true);
    buffer.set_color(&spec)?;
    write!(buffer, "{}", super::summary_line(summary))?;
    buffer.reset()?;
    writeln!(buffer)?;
    if let Some(hint) = super::fix_hint(summary) {
        writeln!(buffer, "{hint}")?;
    }
    Ok(())
}
