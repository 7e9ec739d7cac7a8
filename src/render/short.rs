//! `--format short`: one line per diagnostic,
//! `path:line:col: severity[rule] message`, then the summary line — for
//! editors' quickfix lists and grep.

use std::io::Write;

use crate::engine::Run;
use crate::render::visible;

pub fn render(run: &Run, summary: bool, out: &mut dyn Write) -> std::io::Result<()> {
    for d in &run.diagnostics {
        let (path, line, column) = match run.db.get(d.file()) {
            Some(file) => {
                let (line, column) = file.line_column(d.primary.span.start as usize);
                (file.name.as_str(), line, column)
            }
            None => ("", 0, 0),
        };
        // One line each, whatever the file name or the message holds.
        writeln!(
            out,
            "{}:{line}:{column}: {}[{}] {}",
            visible::path(path),
            d.severity,
            d.rule,
            visible::line(&d.message)
        )?;
    }
    if summary {
        writeln!(out, "{}", super::summary_line(&run.summary))?;
        if let Some(hint) = super::fix_hint(&run.summary) {
            writeln!(out, "{hint}")?;
        }
    }
    Ok(())
}
