//! `--format json`: one versioned JSON document, documented in the README.
//! Serialize-only structs so the wire format is written down in one place.

use std::io::Write;

use serde::Serialize;

use crate::engine::Run;
use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::fix::Applicability;
use crate::model::source::SourceDb;
use crate::model::span::Span;

/// Bumped on any incompatible change to the document's shape.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

/// The summary object of the JSON document (and of `--statistics`).
#[derive(Serialize)]
pub(super) struct JsonSummary {
    articles: usize,
    reported: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
    baselined: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    path: Option<&'a str>,
    span: Option<JsonSpan>,
    labels: Vec<JsonLabel<'a>>,
    notes: &'a [String],
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonSpan {
    start: u32,
    end: u32,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    path: &'a str,
    span: JsonSpan,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    path: &'a str,
    start: u32,
    end: u32,
    replacement: &'a str,
}

fn span(db: &SourceDb, span: Span) -> Option<JsonSpan> {
    db.get(span.file)?;
    let (line, column) = db.position(span.file, span.start as usize);
    let (end_line, end_column) = db.position(span.file, span.end as usize);
    Some(JsonSpan {
        start: span.start,
        end: span.end,
        line,
        column,
        end_line,
        end_column,
    })
}

fn label<'a>(db: &'a SourceDb, label: &'a Label) -> Option<JsonLabel<'a>> {
    Some(JsonLabel {
        path: &db.get(label.span.file)?.name,
        span: span(db, label.span)?,
        message: &label.message,
    })
}

fn diagnostic<'a>(db: &'a SourceDb, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        rule: &d.rule,
        severity: d.severity,
        message: &d.message,
        path: db.get(d.primary.span.file).map(|f| f.name.as_str()),
        span: span(db, d.primary.span),
        labels: d.secondary.iter().filter_map(|l| label(db, l)).collect(),
        notes: &d.notes,
        fix: d.fix.as_ref().map(|fix| JsonFix {
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    path: db.name(edit.span.file),
                    start: edit.span.start,
                    end: edit.span.end,
                    replacement: &edit.replacement,
                })
                .collect(),
        }),
    }
}

pub(super) fn summary(summary: &crate::engine::Summary) -> JsonSummary {
    JsonSummary {
        articles: summary.articles,
        reported: summary.reported,
        errors: summary.errors,
        warnings: summary.warnings,
        infos: summary.infos,
        suppressed: summary.suppressed,
        baselined: summary.baselined,
    }
}

pub fn render(run: &Run, out: &mut dyn Write) -> std::io::Result<()> {
    let document = Document {
        version: VERSION,
        diagnostics: run.diagnostics.iter().map(|d| diagnostic(&run.db, d)).collect(),
        summary: summary(&run.summary),
    };
    super::write_json(out, &document, true)?;
    writeln!(out)
}
