//! Output formats. Each format is one file; all of them take the finished
//! [`Run`] and write to a `Write`, so tests render to a buffer exactly what
//! users see.

pub mod facts;
pub mod human;
pub mod json;

use crate::engine::Run;

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source snippets.
    Human,
    /// One JSON document (see README, "JSON output").
    Json,
}

/// Whether to colour human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn render(format: Format, run: &Run, color: bool, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match format {
        Format::Human => human::render(run, color, out),
        Format::Json => json::render(run, out),
    }
}
