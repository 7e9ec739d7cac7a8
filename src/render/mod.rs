//! Output formats. Each format is one file; all of them take the finished
//! [`Run`] and write to a `Write`, so tests render to a buffer exactly what
//! users see.

pub mod facts;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod progress;
pub mod sarif;
pub mod short;
pub mod visible;

use crate::engine::Run;
use crate::model::diagnostic::Severity;

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source snippets.
    Human,
    /// One line per diagnostic: `path:line:col: severity[rule] message`.
    Short,
    /// One JSON document (see README, "JSON output").
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, one test case per article.
    Junit,
    /// One self-contained HTML page: a summary, each person's and place's
    /// timeline, every diagnostic in its sentence (see README, "The HTML
    /// report").
    Html,
}

/// `--format` of `factlint rules` and `factlint facts`: a table, or JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

/// `--format` of `factlint facts`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FactsFormat {
    /// A table of titles (or dates).
    Human,
    /// JSON Lines: one title (or date) a line.
    Json,
    /// JSON Lines: one article a line, what `check --facts` reads.
    Jsonl,
}

/// Whether to colour human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn render(format: Format, run: &Run, color: bool, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let style = Style {
        color,
        ..Style::default()
    };
    render_as(format, run, &style, out)
}

/// How a run is rendered, beyond its format.
#[derive(Clone, Copy, Debug)]
pub struct Style<'a> {
    /// Colour in human output.
    pub color: bool,
    /// The summary lines of the text formats (`--quiet` leaves them out;
    /// machine formats are whole documents and keep everything).
    pub summary: bool,
    /// `--fail-on`: in JUnit, an article fails only at or above it.
    pub fail_on: Severity,
    /// The rules and knowledge, for the HTML report's timelines (tenures,
    /// places' names).
    pub rules: Option<&'a crate::rules::RuleSet>,
}

impl Default for Style<'_> {
    fn default() -> Self {
        Style {
            color: false,
            summary: true,
            fail_on: Severity::Error,
            rules: None,
        }
    }
}

/// [`render`] in a given [`Style`].
pub fn render_as(format: Format, run: &Run, style: &Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match format {
        Format::Human => human::render(run, style.color, style.summary, out),
        Format::Short => short::render(run, style.summary, out),
        Format::Json => json::render(run, out),
        Format::Sarif => sarif::render(run, out),
        Format::Github => github::render(run, out),
        Format::Junit => junit::render(run, style.fail_on, out),
        Format::Html => html::render(run, style.rules, out),
    }
}

/// "checked 14 articles: 3 errors, 5 warnings, 0 infos".
pub fn summary_line(summary: &crate::engine::Summary) -> String {
    use crate::model::diagnostic::plural;
    let checked = if summary.reported == summary.articles {
        format!("checked {}", plural(summary.articles, "article"))
    } else {
        format!(
            "checked {} of {} read",
            plural(summary.reported, "article"),
            summary.articles
        )
    };
    let mut left_out = Vec::new();
    if summary.suppressed > 0 {
        left_out.push(format!("{} suppressed", summary.suppressed));
    }
    if summary.baselined > 0 {
        left_out.push(format!("{} in the baseline", summary.baselined));
    }
    let left_out = if left_out.is_empty() {
        String::new()
    } else {
        format!(" ({})", left_out.join(", "))
    };
    format!(
        "{checked}: {}, {}, {}{left_out}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info")
    )
}

/// "3 fixable with `--fix` (1 more with `--unsafe-fixes`)", when any
/// diagnostic has a fix.
pub fn fix_hint(summary: &crate::engine::Summary) -> Option<String> {
    match (summary.fixable, summary.unsafe_fixable) {
        (0, 0) => None,
        (safe, 0) => Some(format!("{safe} fixable with `--fix`")),
        (0, more) => Some(format!(
            "no safe fixes; {more} fixable with `--fix --unsafe-fixes` (check each one)"
        )),
        (safe, more) => Some(format!(
            "{safe} fixable with `--fix` ({more} more with `--unsafe-fixes`)"
        )),
    }
}

/// Writes `value` as JSON (pretty or one line). A closed pipe stays a
/// `BrokenPipe` error, so `factlint check --format json | head` exits quietly.
pub fn write_json(out: &mut dyn std::io::Write, value: &impl serde::Serialize, pretty: bool) -> std::io::Result<()> {
    let written = if pretty {
        serde_json::to_writer_pretty(&mut *out, value)
    } else {
        serde_json::to_writer(&mut *out, value)
    };
    written.map_err(|e| match e.io_error_kind() {
        Some(kind) => std::io::Error::from(kind),
        None => std::io::Error::other(e),
    })
}

/// `--statistics`: how many diagnostics each rule gave, most first; with
/// `json`, one document `{"statistics": [{"rule", "severity", "count"}],
/// "summary": {…}}`.
pub fn statistics(run: &Run, json: bool, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut counts: std::collections::BTreeMap<(&str, crate::model::diagnostic::Severity), usize> =
        std::collections::BTreeMap::new();
    for d in &run.diagnostics {
        *counts.entry((d.rule.as_str(), d.severity)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|((a_rule, _), a), ((b_rule, _), b)| b.cmp(a).then(a_rule.cmp(b_rule)));
    if json {
        #[derive(serde::Serialize)]
        struct Row<'a> {
            rule: &'a str,
            severity: String,
            count: usize,
        }
        #[derive(serde::Serialize)]
        struct Statistics<'a> {
            statistics: Vec<Row<'a>>,
            summary: json::JsonSummary,
        }
        let statistics = rows
            .iter()
            .map(|((rule, severity), count)| Row {
                rule,
                severity: severity.to_string(),
                count: *count,
            })
            .collect();
        write_json(
            out,
            &Statistics {
                statistics,
                summary: json::summary(&run.summary),
            },
            true,
        )?;
        return writeln!(out);
    }
    let width = rows.iter().map(|((rule, _), _)| rule.len()).max().unwrap_or(0);
    for ((rule, severity), count) in rows {
        writeln!(out, "{count:>5}  {rule:<width$}  {severity}")?;
    }
    writeln!(out, "{}", summary_line(&run.summary))
}
