//! `--format github`: GitHub Actions workflow commands, which GitHub shows
//! as annotations on the pull request's diff:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
//!
//! Columns are left out of a span that covers several lines, which GitHub
//! rejects (as ruff found, astral-sh/ruff#22074).

use std::io::Write;

use crate::engine::Run;
use crate::model::diagnostic::Severity;
use crate::render::visible;

/// Escapes a command's message (`%`, CR, LF), after every other control
/// character is made visible: a raw ESC or CR in an article's text must
/// not reach the log.
pub fn escape_data(text: &str) -> String {
    let shown = visible::text(text);
    shown.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(run: &Run, out: &mut dyn Write) -> std::io::Result<()> {
    for d in &run.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = escape_property(&format!("factlint {}", d.rule));
        let mut message = d.message.clone();
        for note in &d.notes {
            message.push_str(&format!("\n{note}"));
        }
        let Some(file) = run.db.get(d.file()) else {
            writeln!(out, "::{command} title={title}::{}", escape_data(&message))?;
            continue;
        };
        let (line, column) = file.line_column(d.primary.span.start as usize);
        let (end_line, end_column) = file.line_column(d.primary.span.end as usize);
        let position = if line == end_line {
            format!("line={line},col={column},endLine={end_line},endColumn={end_column}")
        } else {
            format!("line={line},endLine={end_line}")
        };
        writeln!(
            out,
            "::{command} file={},{position},title={title}::{}",
            escape_property(&visible::path(&file.name)),
            escape_data(&message)
        )?;
    }
    Ok(())
}
