//! `--format junit`: JUnit XML, one test case per article reported on; an
//! article with diagnostics at or above the failure level is a failed test,
//! its diagnostics listed in the failure's text.

use std::collections::HashMap;
use std::io::Write;

use crate::engine::Run;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::span::FileId;
use crate::render::visible;

/// Escapes text for XML content and attribute values. Only characters XML
/// 1.0 allows come out: tab, line feed and carriage return as character
/// references (an attribute keeps them so, where raw ones would become
/// spaces and file names would no longer match their files), other
/// controls, U+FFFE and U+FFFF as visible `\u{…}` stand-ins.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c if visible::is_hidden(c) => out.push_str(&visible::stand_in(c)),
            c => out.push(c),
        }
    }
    out
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
