//! The command line: `factlint check | rules | explain`. Parses arguments with
//! clap, calls the engine, renders, and returns the exit code:
//! 0 clean, 1 diagnostics at or above `--fail-on`, 2 usage or rule errors.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::engine::{self, Failure, Options};
use crate::model::diagnostic::{Diagnostic, Severity, plural};
use crate::model::source::SourceDb;
use crate::render::{self, ColorChoice, Format, ListFormat, human};
use crate::rules::RuleSet;
use crate::rules::registry::BUILTIN_RULES;

#[derive(Debug, Parser)]
#[command(
    name = "factlint",
    version,
    about = "Checks that the facts in a corpus of articles agree with each other and with what was true on each article's date."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint the corpus (default `corpus/`) with the rules (default `rules/`).
    Check(CheckArgs),
    /// List the loaded rules.
    Rules(RulesArgs),
    /// Show a rule's documentation and settings.
    Explain(ExplainArgs),
    /// List the facts the corpus states: every title given to each person.
    Facts(FactsArgs),
    /// Run the rules' test cases and compare with their snapshots.
    Test(TestArgs),
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Rule ids to test (default: all).
    pub ids: Vec<String>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Accept new and changed snapshots (write them to `snapshots/`).
    #[arg(long)]
    pub update: bool,
    /// Fail on rules without test cases and on warnings about the rule files
    /// (both are only warnings otherwise).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct FactsArgs {
    /// Articles or folders to list facts of (default: all).
    pub paths: Vec<PathBuf>,
    /// Only people whose name contains this (case-insensitive).
    #[arg(long, value_name = "NAME", conflicts_with = "dates")]
    pub person: Option<String>,
    /// List the dates found in each article and what they resolve to, instead
    /// of titles.
    #[arg(long)]
    pub dates: bool,
    /// Corpus folder; repeatable; replaces the configured corpus roots.
    #[arg(long = "corpus", value_name = "DIR")]
    pub corpus: Vec<PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Output format: a table, or JSON Lines (one fact per line).
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

/// Where config, corpus and rules come from.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Config file (default: `factlint.toml` in the working directory, if any).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Rule folder or file; repeatable; replaces the configured rule folders.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Articles or folders to report on (default: all). The whole corpus is
    /// still read, so cross-article checks compare them with it.
    pub paths: Vec<PathBuf>,
    /// Corpus folder; repeatable; replaces the configured corpus roots.
    #[arg(long = "corpus", value_name = "DIR")]
    pub corpus: Vec<PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_name = "SEVERITY", default_value = "error", value_parser = parse_severity)]
    pub fail_on: Severity,
    /// Worker threads (default: all cores). Output is the same for any number.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Also print remarks on stderr: undated articles whose date checks were
    /// skipped, folders that could not be read.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Print how many diagnostics each rule gave, most first, instead of the
    /// diagnostics.
    #[arg(long)]
    pub statistics: bool,
    /// Report only on articles added or changed relative to a git base
    /// (untracked articles count as changed); the whole corpus is still read.
    #[arg(long)]
    pub changed: bool,
    /// The git base for `--changed` (default: the merge-base with the
    /// default branch).
    #[arg(long, value_name = "REF", requires = "changed")]
    pub base: Option<String>,
    /// Leave out the diagnostics recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record this run's diagnostics in a baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Apply safe fixes to the articles.
    #[arg(long)]
    pub fix: bool,
    /// With `--fix` or `--diff`, apply unsafe fixes too.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change nothing (exit 1 if any).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `term-belt-and-road`.
    pub id: String,
    #[command(flatten)]
    pub sources: SourceArgs,
}

fn parse_severity(text: &str) -> Result<Severity, String> {
    Severity::parse(text).ok_or_else(|| format!("expected `error`, `warning` or `info`, not `{text}`"))
}

fn use_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Exit codes.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// Runs the parsed command line and returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(args) => rules(args),
        Command::Explain(args) => explain(args),
        Command::Facts(args) => facts(args),
        Command::Test(args) => test(args),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`factlint check | head`) is not an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(error) => {
            eprintln!("error: {error}");
            EXIT_ERROR
        }
    }
}

fn options(sources: &SourceArgs) -> Options {
    Options {
        config: sources.config.clone(),
        rules: sources.rules.clone(),
        keep_texts: true,
        ..Options::default()
    }
}

/// Prints rule or config errors on stderr, with a count, and returns exit 2.
fn report_failure(failure: &Failure, color: ColorChoice) -> std::io::Result<i32> {
    let color = use_color(color, std::io::stderr().is_terminal());
    let mut err = std::io::stderr().lock();
    err.write_all(human::to_string(&failure.db, &failure.errors, color).as_bytes())?;
    let count = failure.errors.len();
    writeln!(
        err,
        "error: could not load the configuration and rules: {count} error{}",
        if count == 1 { "" } else { "s" }
    )?;
    Ok(EXIT_ERROR)
}

/// Loads config and rules for a command: errors are printed and give the
/// exit code (`Err`); warnings about the rule files are printed and the
/// command goes on.
fn load(options: &Options, color: ColorChoice) -> std::io::Result<Result<engine::Loaded, i32>> {
    match engine::load(options) {
        Ok(loaded) => {
            report_rule_warnings(&loaded.db, &loaded.rules.warnings, color)?;
            Ok(Ok(loaded))
        }
        Err(failure) => report_failure(&failure, color).map(Err),
    }
}

/// Prints warnings about the rule files on stderr (they never change the
/// exit code of `check`).
fn report_rule_warnings(db: &SourceDb, warnings: &[Diagnostic], color: ColorChoice) -> std::io::Result<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    let color = use_color(color, std::io::stderr().is_terminal());
    let mut err = std::io::stderr().lock();
    err.write_all(human::to_string(db, warnings, color).as_bytes())?;
    writeln!(
        err,
        "warning: the rules loaded with {}",
        plural(warnings.len(), "warning")
    )
}

fn check(args: CheckArgs) -> std::io::Result<i32> {
    let options = Options {
        corpus: args.corpus.clone(),
        paths: args.paths.clone(),
        jobs: args.jobs,
        changed: args.changed.then(|| args.base.clone()),
        keep_texts: args.format != Format::Json || args.fix || args.diff,
        baseline: args.baseline.clone(),
        write_baseline: args.write_baseline.clone(),
        // A bar for people watching a long run: on a terminal, for the
        // formats people read; never in machine output or a pipe.
        progress: (std::io::stderr().is_terminal() && matches!(args.format, Format::Human | Format::Short))
            .then(render::progress::bar),
        ..options(&args.sources)
    };
    let mut run = match engine::check(&options) {
        Ok(run) => run,
        Err(failure) => return report_failure(&failure, args.sources.color),
    };
    report_rule_warnings(&run.db, &run.rule_warnings, args.sources.color)?;
    let mut fix_report = None;
    if args.diff {
        let plan = crate::fix::plan(&run, args.unsafe_fixes);
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for (file, edits) in &plan.files {
            let Some(source) = run.db.get(*file) else { continue };
            let fixed = crate::fix::apply(&source.text, edits);
            out.write_all(crate::fix::diff(&source.name, &source.text, &fixed).as_bytes())?;
        }
        writeln!(
            out,
            "{} fix{} would be applied",
            plan.fixes,
            if plan.fixes == 1 { "" } else { "es" }
        )?;
        out.flush()?;
        return Ok(if plan.fixes > 0 { EXIT_FINDINGS } else { EXIT_CLEAN });
    }
    if args.fix {
        let (mut applied, mut problems) = (0, Vec::new());
        for _ in 0..crate::fix::MAX_PASSES {
            let plan = crate::fix::plan(&run, args.unsafe_fixes);
            if plan.fixes == 0 {
                break;
            }
            let mut wrote = 0;
            for (file, edits) in &plan.files {
                let Some(source) = run.db.get(*file) else { continue };
                let fixed = crate::fix::apply(&source.text, edits);
                match crate::fix::write(source.path(), &source.text, &fixed) {
                    Ok(()) => wrote += edits.len(),
                    Err(problem) => problems.push(problem),
                }
            }
            applied += wrote;
            // Check again: a fix may reveal or remove other diagnostics.
            run = match engine::check(&options) {
                Ok(run) => run,
                Err(failure) => return report_failure(&failure, args.sources.color),
            };
            if wrote == 0 {
                break;
            }
        }
        let remaining = run.diagnostics.iter().filter(|d| d.fix.is_some()).count();
        let unsafe_left = run
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == crate::model::fix::Applicability::Unsafe)
            })
            .count();
        fix_report = Some((applied, remaining, unsafe_left, problems));
    }
    if args.verbose {
        let mut err = std::io::stderr().lock();
        for note in &run.notes {
            writeln!(err, "note: {note}")?;
        }
    }
    let color = use_color(args.sources.color, std::io::stdout().is_terminal());
    // Standard output is line-buffered: unbuffered, a JSON report of a large
    // corpus costs one system call per line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if args.statistics {
        render::statistics(&run, &mut out)?;
    } else {
        render::render(args.format, &run, color, &mut out)?;
    }
    if let Some((applied, remaining, unsafe_left, problems)) = fix_report {
        let mut err = std::io::stderr().lock();
        for problem in &problems {
            writeln!(err, "error: {problem}")?;
        }
        let hint = if unsafe_left > 0 && !args.unsafe_fixes {
            format!(" ({unsafe_left} unsafe: add --unsafe-fixes)")
        } else {
            String::new()
        };
        writeln!(
            err,
            "applied {applied} fix{}; {remaining} fixable remaining{hint}",
            if applied == 1 { "" } else { "es" }
        )?;
        if !problems.is_empty() {
            out.flush()?;
            return Ok(EXIT_ERROR);
        }
    }
    out.flush()?;
    let failed = run.diagnostics.iter().any(|d| d.severity >= args.fail_on);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
}

fn facts(args: FactsArgs) -> std::io::Result<i32> {
    let options = Options {
        corpus: args.corpus.clone(),
        paths: args.paths.clone(),
        keep_facts: true,
        keep_texts: true,
        ..options(&args.sources)
    };
    let loaded = match load(&options, args.sources.color)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let run = match engine::check(&options) {
        Ok(run) => run,
        Err(failure) => return report_failure(&failure, args.sources.color),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let json = args.format == ListFormat::Json;
    if args.dates {
        render::facts::render_dates(&run, json, &mut out)?;
    } else {
        render::facts::render_titles(&run, &loaded.rules.knowledge, args.person.as_deref(), json, &mut out)?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

fn test(args: TestArgs) -> std::io::Result<i32> {
    let mut loaded = match load(&options(&args.sources), args.sources.color)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    if let Some(unknown) = args.ids.iter().find(|id| loaded.rules.get(id).is_none()) {
        eprintln!("error: no rule `{unknown}`");
        eprintln!("help: `factlint rules` lists every rule");
        return Ok(EXIT_ERROR);
    }
    let snapshots = loaded.config.root.join("snapshots");
    let reports = crate::verify::run(&mut loaded.rules, &args.ids, &snapshots);
    let width = reports.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = std::io::stdout().lock();
    let (mut passed, mut failed, mut untested) = (0, 0, 0);
    for report in &reports {
        if report.untested() {
            untested += 1;
            let level = if args.strict { "FAILED " } else { "warning" };
            writeln!(
                out,
                "{level}  {:<width$}  untested: the rule has no test cases",
                report.id
            )?;
            continue;
        }
        let count = |expect| {
            report
                .results
                .iter()
                .filter(|r| r.case.expect == expect && r.case.articles.len() == 1)
                .count()
        };
        let corpus = report.results.iter().filter(|r| r.case.articles.len() > 1).count();
        let counts = format!(
            "{} valid, {} invalid{}",
            count(crate::rules::Expect::Valid),
            count(crate::rules::Expect::Invalid),
            if corpus > 0 {
                format!(", {corpus} corpus")
            } else {
                String::new()
            }
        );
        let mut ok = report.results.iter().all(|r| r.outcome.passed());
        let mut snapshot_note = None;
        match &report.snapshot_status {
            crate::verify::SnapshotStatus::New | crate::verify::SnapshotStatus::Changed(_) if args.update => {
                crate::verify::write_snapshot(&crate::verify::snapshot_path(&snapshots, &report.id), &report.snapshot)?;
                snapshot_note = Some("snapshot updated".to_string());
            }
            crate::verify::SnapshotStatus::New => {
                ok = false;
                snapshot_note = Some("no stored snapshot: run `factlint test --update` to write it".to_string());
            }
            crate::verify::SnapshotStatus::Changed(diff) => {
                ok = false;
                snapshot_note = Some(format!(
                    "snapshot changed (run `factlint test --update` to accept):\n{}",
                    indent(diff)
                ));
            }
            _ => {}
        }
        writeln!(
            out,
            "{}  {:<width$}  {counts}{}",
            if ok { "ok     " } else { "FAILED " },
            report.id,
            snapshot_note
                .as_deref()
                .filter(|n| !n.contains('\n'))
                .map(|n| format!("; {n}"))
                .unwrap_or_default()
        )?;
        for result in report.results.iter().filter(|r| !r.outcome.passed()) {
            let expectation = match result.outcome {
                crate::verify::Outcome::Missing => "expected a diagnostic, got none",
                _ => "expected no diagnostic, got:",
            };
            let place = loaded.db.get(result.case.span.file).map(|f| {
                let (line, column) = f.line_column(result.case.span.start as usize);
                format!("{}:{line}:{column}", f.name)
            });
            writeln!(out, "  {} ({}): {expectation}", result.label, place.unwrap_or_default())?;
            for article in &result.case.articles {
                writeln!(out, "{}", indent(&article.source()))?;
            }
            if result.outcome == crate::verify::Outcome::Noisy {
                writeln!(out, "{}", indent(&result.rendered))?;
            }
        }
        if let Some(note) = snapshot_note.filter(|n| n.contains('\n')) {
            writeln!(out, "  {note}")?;
        }
        if ok {
            passed += 1;
        } else {
            failed += 1;
        }
    }
    if args.strict {
        failed += untested;
    }
    writeln!(out, "{passed} passed, {failed} failed")?;
    if untested > 0 {
        writeln!(
            out,
            "{untested} rule{} without test cases",
            if untested == 1 { "" } else { "s" }
        )?;
    }
    let rule_warnings = loaded.rules.warnings.len();
    if args.strict && rule_warnings > 0 {
        writeln!(
            out,
            "FAILED: the rule files have {} (shown on stderr)",
            plural(rule_warnings, "warning")
        )?;
        failed += 1;
    }
    Ok(if failed > 0 { EXIT_FINDINGS } else { EXIT_CLEAN })
}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| format!("    | {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One row of `factlint rules`.
#[derive(Serialize)]
struct RuleRow {
    id: String,
    kind: String,
    /// The effective severity, or `off`.
    severity: String,
    path: Option<String>,
}

fn rule_rows(loaded: &engine::Loaded) -> Vec<RuleRow> {
    loaded
        .rule_infos()
        .into_iter()
        .map(|info| RuleRow {
            id: info.id,
            kind: info.kind,
            severity: info.severity.map_or("off".to_string(), |s| s.to_string()),
            path: info.path,
        })
        .collect()
}

fn rules(args: RulesArgs) -> std::io::Result<i32> {
    let loaded = match load(&options(&args.sources), args.sources.color)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let rows = rule_rows(&loaded);
    let mut out = std::io::stdout().lock();
    match args.format {
        ListFormat::Json => {
            #[derive(Serialize)]
            struct Listing {
                rules: Vec<RuleRow>,
            }
            render::write_json(&mut out, &Listing { rules: rows }, true)?;
            writeln!(out)?;
        }
        ListFormat::Human => {
            let width = rows.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for row in &rows {
                writeln!(
                    out,
                    "{:<width$}  {:<8} {:<8} {}",
                    row.id,
                    row.kind,
                    row.severity,
                    row.path.as_deref().unwrap_or("(built in)")
                )?;
            }
        }
    }
    Ok(EXIT_CLEAN)
}

fn explain(args: ExplainArgs) -> std::io::Result<i32> {
    let loaded = match load(&options(&args.sources), args.sources.color)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let mut out = std::io::stdout().lock();
    match explanation(&args.id, &loaded) {
        Some(text) => {
            out.write_all(text.as_bytes())?;
            Ok(EXIT_CLEAN)
        }
        None => {
            let close: Vec<String> = rule_rows(&loaded)
                .into_iter()
                .map(|r| r.id)
                .filter(|id| {
                    id.contains(args.id.as_str()) || args.id.contains(id.as_str()) || shares_family(id, &args.id)
                })
                .collect();
            eprintln!("error: no rule `{}`", args.id);
            if !close.is_empty() {
                eprintln!("help: did you mean one of: {}", close.join(", "));
            }
            eprintln!("help: `factlint rules` lists every rule");
            Ok(EXIT_ERROR)
        }
    }
}

fn shares_family(a: &str, b: &str) -> bool {
    a.split('-').next() == b.split('-').next()
}

/// The text `factlint explain ID` prints.
pub fn explanation(id: &str, loaded: &engine::Loaded) -> Option<String> {
    let level = loaded
        .levels
        .get(id)
        .copied()
        .flatten()
        .map_or("off".to_string(), |s| s.to_string());
    if let Some(builtin) = BUILTIN_RULES.iter().find(|b| b.id == id) {
        return Some(format!("{id} (built in, {level})\n\n{}\n", builtin.description));
    }
    let check = loaded.rules.get(id)?;
    let mut text = format!(
        "{id} ({} rule, {level}) — {}\n\n",
        check.meta.kind,
        loaded.db.name(check.meta.id_span.file)
    );
    match &check.meta.description {
        Some(description) => text.push_str(description.trim_end()),
        None => text.push_str("(no description)"),
    }
    text.push_str("\n\n## Settings\n");
    text.push_str(&settings(&loaded.rules, id));
    if !check.meta.tests.is_empty() {
        text.push_str("\n## Examples (the rule's test cases)\n");
        for (expect, heading) in [
            (crate::rules::Expect::Invalid, "Reported:"),
            (crate::rules::Expect::Valid, "Not reported:"),
        ] {
            let cases: Vec<&crate::rules::TestCase> = check.meta.tests.iter().filter(|c| c.expect == expect).collect();
            if cases.is_empty() {
                continue;
            }
            text.push_str(heading);
            text.push('\n');
            for case in cases {
                let shown: Vec<String> = case
                    .articles
                    .iter()
                    .map(|a| match a.date {
                        Some(date) => format!(
                            "({date}) {}",
                            a.dateline.as_deref().map_or(String::new(), |d| format!("{d} ")) + a.text.trim()
                        ),
                        None => a.text.trim().to_string(),
                    })
                    .collect();
                text.push_str(&format!("- {}\n", shown.join("\n  + ")));
            }
        }
    }
    Some(text)
}

fn settings(rules: &RuleSet, id: &str) -> String {
    rules.get(id).map_or_else(String::new, |check| check.kind.settings())
}
