//! `--format junit`: JUnit XML, one test case per article reported on; an
//! article with diagnostics at or above the failure level is a failed test,
//! its diagnostics listed in the failure's text.

use std::collections::HashMap;
use std::io::Write;

use crate::engine::Run;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::span::FileId;

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}'))
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// Renders the run; an article fails only with a diagnostic at or above
/// `fail_on` (the run's `--fail-on`), so the report and the exit code agree.
/// Lesser diagnostics are listed in the test case's `system-out`.
pub fn render(run: &Run, fail_on: Severity, out: &mut dyn Write) -> std::io::Result<()> {
    // Each article's diagnostics, gathered once (not searched per article).
    let mut by_file: HashMap<FileId, Vec<&Diagnostic>> = HashMap::new();
    for d in &run.diagnostics {
        by_file.entry(d.file()).or_default().push(d);
    }
    let fails = |file: &FileId| {
        by_file
            .get(file)
            .is_some_and(|found| found.iter().any(|d| d.severity >= fail_on))
    };
    let failed = run.reported.iter().filter(|f| fails(f)).count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="factlint" tests="{}" failures="{failed}">"#,
        run.reported.len()
    )?;
    writeln!(
        out,
        r#"  <testsuite name="factlint" tests="{}" failures="{failed}">"#,
        run.reported.len()
    )?;
    for &file in &run.reported {
        let name = escape(run.db.name(file));
        let found = by_file.get(&file).map_or(&[][..], Vec::as_slice);
        if found.is_empty() {
            writeln!(out, r#"    <testcase name="{name}" classname="factlint"/>"#)?;
            continue;
        }
        writeln!(out, r#"    <testcase name="{name}" classname="factlint">"#)?;
        let source = run.db.get(file);
        let line_of = |d: &Diagnostic| {
            let (line, column) = source.map_or((0, 0), |s| s.line_column(d.primary.span.start as usize));
            format!("{line}:{column}: {}[{}] {}", d.severity, d.rule, d.message)
        };
        let (failing, other): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            found.iter().copied().partition(|d| d.severity >= fail_on);
        if let Some(first) = failing.first() {
            let lines: Vec<String> = failing.iter().map(|d| line_of(d)).collect();
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                escape(&first.rule),
                escape(&format!("{} diagnostic(s); first: {}", failing.len(), first.message)),
                escape(&lines.join("\n"))
            )?;
        }
        if !other.is_empty() {
            let lines: Vec<String> = other.iter().map(|d| line_of(d)).collect();
            writeln!(out, "      <system-out>{}</system-out>", escape(&lines.join("\n")))?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}
