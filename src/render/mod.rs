//! Output formats. Each format is one file; all of them take the finished
//! [`Run`] and write to a `Write`, so tests render to a buffer exactly what
//! users see.

pub mod facts;
pub mod github;
pub mod gitlab;
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
    /// GitLab Code Quality JSON (a merge request's code quality widget).
    Gitlab,
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
        Format::Gitlab => gitlab::render(run, out),
    }
}

/// A file's path as code scanning (SARIF) and GitLab want it: relative to the root of the
/// repository (not to the folder factlint ran in), so that a run from a
/// subfolder still points at the files GitHub shows. Outside a git work
/// tree, or for a file outside it, the path as shown.
pub fn repository_path(name: &str) -> String {
    static FROM_ROOT: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    let from_root = FROM_ROOT.get_or_init(|| {
        let cwd = crate::discover::normalize(std::path::Path::new("."));
        let root = crate::config::git_root(&cwd)?;
        cwd.strip_prefix(&root).ok().map(std::path::Path::to_path_buf)
    });
    let Some(from_root) = from_root.as_ref().filter(|p| !p.as_os_str().is_empty()) else {
        return name.to_string();
    };
    if name.starts_with('/') {
        return name.to_string();
    }
    // Lexically: `sub/` + `../corpus/a.md` is `corpus/a.md`.
    let mut parts: Vec<String> = from_root.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    for part in name.split('/') {
        match part {
            ".." => {
                if parts.pop().is_none() {
                    return name.to_string();
                }
            }
            "." | "" => {}
            part => parts.push(part.to_string()),
        }
    }
    parts.join("/")
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
    // (count, how many have a safe fix) per rule and severity.
    let mut counts: std::collections::BTreeMap<(&str, crate::model::diagnostic::Severity), (usize, usize)> =
        std::collections::BTreeMap::new();
    for d in &run.diagnostics {
        let row = counts.entry((d.rule.as_str(), d.severity)).or_default();
        row.0 += 1;
        row.1 += usize::from(
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == crate::model::fix::Applicability::Safe),
        );
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|((a_rule, _), a), ((b_rule, _), b)| b.cmp(a).then(a_rule.cmp(b_rule)));
    if json {
        #[derive(serde::Serialize)]
        struct Row<'a> {
            rule: &'a str,
            severity: String,
            count: usize,
            /// How many of them `--fix` fixes.
            fixable: usize,
        }
        #[derive(serde::Serialize)]
        struct Statistics<'a> {
            statistics: Vec<Row<'a>>,
            summary: json::JsonSummary,
        }
        let statistics = rows
            .iter()
            .map(|((rule, severity), (count, fixable))| Row {
                rule,
                severity: severity.to_string(),
                count: *count,
                fixable: *fixable,
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
    // `[*]`, as ruff marks them: `--fix` fixes these.
    let width_severity = rows.iter().map(|((_, s), _)| s.to_string().len()).max().unwrap_or(0);
    for ((rule, severity), (count, fixable)) in rows {
        let severity = severity.to_string();
        if fixable > 0 {
            writeln!(out, "{count:>5}  {rule:<width$}  {severity:<width_severity$}  [*]")?;
        } else {
            writeln!(out, "{count:>5}  {rule:<width$}  {severity}")?;
        }
    }
    if run.summary.fixable > 0 {
        writeln!(out, "[*] fixable with `--fix`")?;
    }
    writeln!(out, "{}", summary_line(&run.summary))
}
