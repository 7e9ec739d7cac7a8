//! `--format junit`: JUnit XML, one test case per article reported on; an
//! article with diagnostics at or above the failure level is a failed test,
//! its diagnostics listed in the failure's text.

use std::io::Write;

use crate::engine::Run;

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

pub fn render(run: &Run, out: &mut dyn Write) -> std::io::Result<()> {
    let failed = run
        .reported
        .iter()
        .filter(|f| run.diagnostics.iter().any(|d| d.file() == **f))
        .count();
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
        let found: Vec<_> = run.diagnostics.iter().filter(|d| d.file() == file).collect();
        if found.is_empty() {
            writeln!(out, r#"    <testcase name="{name}" classname="factlint"/>"#)?;
            continue;
        }
        writeln!(out, r#"    <testcase name="{name}" classname="factlint">"#)?;
        let source = run.db.get(file);
        let lines: Vec<String> = found
            .iter()
            .map(|d| {
                let (line, column) = source.map_or((0, 0), |s| s.line_column(d.primary.span.start as usize));
                format!("{line}:{column}: {}[{}] {}", d.severity, d.rule, d.message)
            })
            .collect();
        let first = &found[0];
        writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            escape(&first.rule),
            escape(&format!("{} diagnostic(s); first: {}", found.len(), first.message)),
            escape(&lines.join("\n"))
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}
