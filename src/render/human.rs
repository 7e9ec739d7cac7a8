//! rustc-style output through codespan-reporting: a header with severity and
//! rule id, the source lines with labels (from several files when a
//! diagnostic has labels in other articles), notes, the fix, and a summary.

use std::io::Write;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::engine::{Run, Summary};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::fix::Applicability;
use crate::model::source::SourceDb;
use crate::model::span::FileId;

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
        let converted = convert(db, diagnostic);
        term::emit_to_write_style(buffer, &config, db, &converted).map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// Renders diagnostics to a plain string (for snapshots and errors).
pub fn to_string(db: &SourceDb, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    // Writing to an in-memory buffer cannot fail but for a missing file,
    // which `convert` rules out.
    let _ = write_diagnostics(db, diagnostics, &mut buffer);
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn convert(db: &SourceDb, diagnostic: &Diagnostic) -> CsDiagnostic<FileId> {
    let severity = match diagnostic.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    let primary = &diagnostic.primary;
    match db.get(primary.span.file) {
        Some(file) if file.text.is_empty() && primary.span.is_empty() => {
            // Nothing to show (a binary or unreadable file): name the file.
            notes.push(format!("in {}", file.name));
        }
        Some(_) => labels.push(
            CsLabel::new(LabelStyle::Primary, primary.span.file, primary.span.range()).with_message(&primary.message),
        ),
        None => {}
    }
    for label in &diagnostic.secondary {
        if db.get(label.span.file).is_some() {
            labels.push(
                CsLabel::new(LabelStyle::Secondary, label.span.file, label.span.range()).with_message(&label.message),
            );
        }
    }
    notes.extend(diagnostic.notes.iter().cloned());
    if let Some(fix) = &diagnostic.fix {
        let kind = match fix.applicability {
            Applicability::Safe => "fix",
            Applicability::Unsafe => "fix (unsafe)",
        };
        for edit in &fix.edits {
            notes.push(format!("{kind}: replace with `{}`", edit.replacement));
        }
    }
    CsDiagnostic::new(severity)
        .with_code(&diagnostic.rule)
        .with_message(&diagnostic.message)
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
