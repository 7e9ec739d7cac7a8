//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF
//! viewers. Small hand-written serialize-only structs, as ruff does: one
//! run, the tool driver listing every rule with its description and default
//! level, results with physical locations, related locations for secondary
//! labels, and fixes.

use std::io::Write;

use serde::Serialize;

use crate::engine::Run;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::source::SourceDb;
use crate::model::span::Span;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: Tool<'a>,
    results: Vec<SarifResult<'a>>,
    /// Columns count Unicode code points, as factlint's do.
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
    enabled: bool,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: u32,
    byte_length: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: `/`-separated, from the
/// repository's root, every byte a URI path cannot hold percent-encoded.
fn uri(path: &str) -> String {
    crate::text::uri::encode_path(super::repository_path(path).as_bytes())
}

fn region(db: &SourceDb, span: Span) -> Option<(String, Region)> {
    let file = db.get(span.file)?;
    let (start_line, start_column) = file.line_column(span.start as usize);
    let (end_line, end_column) = file.line_column(span.end as usize);
    Some((
        uri(&file.name),
        Region {
            start_line,
            start_column,
            end_line,
            end_column,
            byte_offset: span.start,
            byte_length: span.end - span.start,
        },
    ))
}

fn location(db: &SourceDb, span: Span, id: Option<usize>, message: Option<&str>) -> Option<Location> {
    let (uri, region) = region(db, span)?;
    Some(Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri },
            region,
        },
        message: message.filter(|m| !m.is_empty()).map(|m| Text { text: m.to_string() }),
    })
}

/// The first paragraph of a rule's description ("What it does").
fn summary(description: &str) -> String {
    let body = description.split("## What it does").nth(1).unwrap_or(description);
    let paragraph = body.trim().split("\n\n").next().unwrap_or("").trim();
    paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn result<'a>(run: &'a Run, d: &'a Diagnostic) -> SarifResult<'a> {
    let mut message = d.message.clone();
    for note in &d.notes {
        message.push_str(&format!("\n{note}"));
    }
    SarifResult {
        rule_id: &d.rule,
        rule_index: run.rules.iter().position(|r| r.id == d.rule),
        level: level(d.severity),
        message: Text { text: message },
        locations: location(&run.db, d.primary.span, None, Some(&d.primary.message))
            .into_iter()
            .collect(),
        related_locations: d
            .secondary
            .iter()
            .enumerate()
            .filter_map(|(i, l)| location(&run.db, l.span, Some(i), Some(&l.message)))
            .collect(),
        fixes: d
            .fix
            .iter()
            .map(|fix| SarifFix {
                description: Text {
                    text: fix
                        .edits
                        .iter()
                        .map(|e| format!("replace with `{}`", e.replacement))
                        .collect::<Vec<_>>()
                        .join("; "),
                },
                artifact_changes: fix
                    .edits
                    .iter()
                    .filter_map(|edit| {
                        let (uri, deleted_region) = region(&run.db, edit.span)?;
                        Some(ArtifactChange {
                            artifact_location: ArtifactLocation { uri },
                            replacements: vec![Replacement {
                                deleted_region,
                                inserted_content: Text {
                                    text: edit.replacement.clone(),
                                },
                            }],
                        })
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn render(run: &Run, out: &mut dyn Write) -> std::io::Result<()> {
    let rules = run
        .rules
        .iter()
        .map(|r| {
            let description = r.description.clone().unwrap_or_else(|| r.id.clone());
            ReportingDescriptor {
                id: &r.id,
                short_description: Text {
                    text: summary(&description),
                },
                full_description: Text { text: description },
                default_configuration: Configuration {
                    level: level(r.severity.unwrap_or(Severity::Warning)),
                    enabled: r.severity.is_some(),
                },
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![SarifRun {
            tool: Tool {
                driver: Driver {
                    name: "factlint",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results: run.diagnostics.iter().map(|d| result(run, d)).collect(),
            column_kind: "unicodeCodePoints",
        }],
    };
    super::write_json(out, &log, true)?;
    writeln!(out)
}
