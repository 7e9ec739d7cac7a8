//! `factlint check`: lint the corpus, optionally fixing (`--fix`) or showing
//! the fixes (`--diff`).

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use super::{CheckArgs, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, load, options, use_color};
use crate::engine::Options;
use crate::engine::filter::Selection;
use crate::fix;
use crate::model::error::Error;
use crate::render::{self, Format};

/// The name of an article read from standard input without
/// `--stdin-filename`.
const STDIN_NAME: &str = "stdin.md";

pub fn run(args: CheckArgs) -> Result<i32, Error> {
    let options = check_options(&args)?;
    if let Some(jobs) = args.jobs.filter(|&j| j > crate::engine::run::MAX_JOBS) {
        writeln!(
            std::io::stderr().lock(),
            "warning: `--jobs {jobs}` is more threads than factlint starts; using {}",
            crate::engine::run::MAX_JOBS
        )?;
    }
    let mut session = load(options, args.sources.color)?;
    if tell_settings(&args, &session)? {
        return Ok(EXIT_CLEAN);
    }
    // Two `--fix` runs on one corpus take turns: the second waits for the
    // first, then checks what it left (its fixes would otherwise be planned
    // on texts the first is rewriting, and refused file by file).
    let _turn = (args.fix && session.options().stdin.is_none()).then(|| fix_turn(&session.corpus_roots()));
    let mut run = if args.facts.is_empty() {
        session.check()?
    } else {
        session.check_facts(&args.facts)?
    };
    if let (Some(path), Some(written)) = (&args.write_baseline, run.summary.baseline_written) {
        // Like ruff's `--add-noqa`: recording today's problems is the
        // command's success, whatever they are; the file is the output.
        writeln!(
            std::io::stderr().lock(),
            "wrote {written} baseline entr{} to `{}` (checked {})",
            if written == 1 { "y" } else { "ies" },
            path.display(),
            crate::model::diagnostic::plural(run.summary.articles, "article")
        )?;
        return Ok(EXIT_CLEAN);
    }
    for warning in &run.warnings {
        // One line each, whatever a file or folder name in it holds.
        writeln!(
            std::io::stderr().lock(),
            "warning: {}",
            crate::render::visible::line(warning)
        )?;
    }
    if run.summary.articles == 0 {
        // Never a silent "checked 0 articles": say where nothing was found.
        let roots = session
            .corpus_roots()
            .iter()
            .map(|r| format!("`{}`", r.display()))
            .collect::<Vec<_>>();
        writeln!(
            std::io::stderr().lock(),
            "warning: no articles found under {} (articles are `.{}` files)",
            roots.join(", "),
            crate::discover::ARTICLE_EXTENSIONS.join("`, `.")
        )?;
    }
    if args.diff {
        return show_diff(&run, &args);
    }
    let mut fix_report = None;
    let mut fixed_stdin = None;
    if args.fix && session.options().stdin.is_some() {
        // `--fix -`: the fixed article to standard output (as `ruff --fix -`
        // does), the report to standard error unless `--output-file`.
        let (fixed, report, text) = fix::fix_stdin(&mut session, run, args.unsafe_fixes)?;
        run = fixed;
        fix_report = Some(report);
        fixed_stdin = Some(text);
    } else if args.fix {
        let (fixed, report) = fix::fix_all(&session, run, args.unsafe_fixes)?;
        run = fixed;
        fix_report = Some(report);
    }
    if args.verbose {
        let mut err = std::io::stderr().lock();
        for note in &run.notes {
            writeln!(err, "note: {}", crate::render::visible::line(note))?;
        }
    }
    let color = args.output_file.is_none() && use_color(args.sources.color, std::io::stdout().is_terminal());
    if let Some(text) = &fixed_stdin {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    let to_stderr = fixed_stdin.is_some() && args.output_file.is_none();
    write_report(&args, to_stderr, |out| {
        if args.statistics {
            render::statistics(&run, args.format == Format::Json, out)
        } else {
            let style = render::Style {
                color,
                summary: !args.quiet,
                fail_on: args.fail_on,
                rules: Some(&session.rules),
            };
            render::render_as(args.format, &run, &style, out)
        }
    })?;
    if !tell_fixes(&args, &run, fix_report.as_ref())? {
        return Ok(EXIT_ERROR);
    }
    let failed = run.diagnostics.iter().any(|d| d.severity >= args.fail_on);
    Ok(if failed && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// The session options of a check: the command line's, with the article
/// read from standard input when a path is `-`.
fn check_options(args: &CheckArgs) -> Result<Options, Error> {
    let reads_stdin = args.paths.iter().any(|p| p == Path::new("-"));
    if args.stdin_filename.is_some() && !reads_stdin {
        return Err(Error::Usage {
            message: "`--stdin-filename` names the article read from standard input, but no path is `-`".into(),
            help: vec!["pipe the article in: `factlint check --stdin-filename corpus/new.md - < draft.md`".into()],
        });
    }
    let stdin = if reads_stdin {
        // Read as a file is: to one byte past `max-article-bytes` (the
        // article is then an `article-too-large` note, and an endless
        // stream is not read forever), as bytes whose encoding the article
        // loader tells (a diagnostic on the article, not a tool error).
        let limit = crate::config::Config::load(
            args.sources.config.as_deref(),
            &mut crate::model::source::SourceDb::new(),
        )
        .map_or(crate::article::MAX_ARTICLE_BYTES, |config| config.max_article_bytes());
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        let name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from(STDIN_NAME));
        Some((name, bytes))
    } else {
        None
    };
    let options = Options {
        corpus: args.corpus.clone(),
        paths: args.paths.iter().filter(|p| *p != Path::new("-")).cloned().collect(),
        jobs: args.jobs,
        changed: args.changed.then(|| args.base.clone()),
        keep_texts: args.format != Format::Json || args.fix || args.diff,
        exclude: args.exclude.clone(),
        extend_exclude: args.extend_exclude.clone(),
        // The report's timelines: every title and known place's mention.
        keep_timelines: args.format == Format::Html,
        baseline: args.baseline.clone(),
        write_baseline: args.write_baseline.clone(),
        selection: Selection {
            select: args.select.clone(),
            extend: args.extend_select.clone(),
            ignore: args.ignore.clone(),
        },
        stdin,
        // A bar for people watching a long run: on a terminal, for the
        // formats people read; never in machine output or a pipe.
        progress: (!args.quiet
            && std::io::stderr().is_terminal()
            && matches!(args.format, Format::Human | Format::Short))
        .then(render::progress::bar),
        ..options(&args.sources)
    };
    Ok(options)
}

/// Writes the report to `--output-file` (whole, or not at all: a temporary
/// file renamed over it) or to standard output, buffered.
fn write_report(
    args: &CheckArgs,
    to_stderr: bool,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    if to_stderr {
        let mut err = std::io::stderr().lock();
        render(&mut err)?;
        return Ok(err.flush()?);
    }
    let Some(path) = &args.output_file else {
        // Standard output is line-buffered: unbuffered, a JSON report of a
        // large corpus costs one system call per line.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        render(&mut out)?;
        out.flush()?;
        return Ok(());
    };
    super::write_whole(path, "report", |out| render(out))
}

/// `--diff`: the fixes as a unified diff on stdout (paths relative to the
/// working directory, `a/` and `b/` prefixes, as `git apply` takes them),
/// the count on stderr; exit 1 when there is any.
fn show_diff(run: &crate::engine::Run, args: &CheckArgs) -> Result<i32, Error> {
    let (diff, fixes) = fix::diff_all(run, args.unsafe_fixes);
    write_report(args, false, |out| out.write_all(diff.as_bytes()))?;
    let mut err = std::io::stderr().lock();
    if !args.quiet {
        writeln!(
            err,
            "{fixes} fix{} would be applied",
            if fixes == 1 { "" } else { "es" }
        )?;
        let unsafe_only = run.summary.unsafe_fixable;
        if fixes == 0 && unsafe_only > 0 && !args.unsafe_fixes {
            writeln!(
                err,
                "{unsafe_only} unsafe fix{} left out: add `--unsafe-fixes` to see {}",
                if unsafe_only == 1 { "" } else { "es" },
                if unsafe_only == 1 { "it" } else { "them" }
            )?;
        }
    }
    Ok(if fixes > 0 && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// What `--show-fixes` and `--fix` say on stderr; `false` when a file
/// could not be written.
fn tell_fixes(args: &CheckArgs, run: &crate::engine::Run, report: Option<&fix::Report>) -> std::io::Result<bool> {
    if args.show_fixes {
        show_fixes(match report {
            Some(report) => ("fixed", report.fixed.clone()),
            None => ("`--fix` would fix", fixable_by_file(run, args.unsafe_fixes)),
        })?;
    }
    match report {
        Some(report) => report_fixes(report, args.unsafe_fixes, args.quiet),
        None => Ok(true),
    }
}

/// The fixes `--fix` would make now, by file and rule.
fn fixable_by_file(run: &crate::engine::Run, unsafe_fixes: bool) -> BTreeMap<String, BTreeMap<String, usize>> {
    let plan = fix::plan(run, unsafe_fixes);
    plan.by_rule
        .into_iter()
        .map(|(file, rules)| (run.db.name(file).to_string(), rules))
        .collect()
}

/// `--show-fixes`: the fixes by file and rule, on stderr, as ruff lists
/// them ("fixed 3 diagnostics:", then "- FILE:" and "    2 × RULE").
fn show_fixes((done, fixed): (&str, BTreeMap<String, BTreeMap<String, usize>>)) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    let total: usize = fixed.values().flat_map(BTreeMap::values).sum();
    if total == 0 {
        return writeln!(err, "no fixes {}", if done == "fixed" { "made" } else { "to make" });
    }
    let plural = if total == 1 { "" } else { "s" };
    writeln!(err, "{done} {total} diagnostic{plural}:")?;
    for (file, rules) in &fixed {
        writeln!(err, "- {}:", crate::render::visible::path(file))?;
        for (rule, count) in rules {
            writeln!(err, "    {count} × {rule}")?;
        }
    }
    Ok(())
}

/// Says on stderr what `--fix` did; `false` when a file could not be written.
fn report_fixes(report: &fix::Report, unsafe_fixes: bool, quiet: bool) -> std::io::Result<bool> {
    let mut err = std::io::stderr().lock();
    for problem in &report.problems {
        writeln!(err, "error: {}", crate::render::visible::line(problem))?;
    }
    if quiet {
        return Ok(report.problems.is_empty());
    }
    let hint = if report.unsafe_left > 0 && !unsafe_fixes {
        format!(" ({} unsafe: add --unsafe-fixes)", report.unsafe_left)
    } else {
        String::new()
    };
    writeln!(
        err,
        "applied {} fix{}; {} fixable remaining{hint}",
        report.applied,
        if report.applied == 1 { "" } else { "es" },
        report.remaining
    )?;
    Ok(report.problems.is_empty())
}

/// `--show-settings` (printed, and nothing checked: `true`) and
/// `--verbose`'s note of the config file used.
fn tell_settings(args: &CheckArgs, session: &crate::engine::Session) -> std::io::Result<bool> {
    if args.show_settings {
        std::io::stdout().lock().write_all(settings(session).as_bytes())?;
        return Ok(true);
    }
    if args.verbose {
        let used = session
            .config
            .file
            .as_ref()
            .map_or_else(|| "none (the defaults)".to_string(), |f| format!("`{}`", f.display()));
        writeln!(std::io::stderr().lock(), "note: config: {used}")?;
    }
    Ok(false)
}

/// What `--show-settings` prints: the settings after `factlint.toml` and
/// the command line, one `key = value` a line (TOML-like, to read, not to
/// load), then every rule's severity.
fn settings(session: &crate::engine::Session) -> String {
    let config = &session.config;
    let list = |items: Vec<String>| {
        let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
        format!("[{}]", quoted.join(", "))
    };
    let paths = |paths: &[PathBuf]| list(paths.iter().map(|p| p.display().to_string()).collect());
    let mut text = String::new();
    let file = config
        .file
        .as_ref()
        .map_or("none (the defaults)".to_string(), |f| f.display().to_string());
    text.push_str(&format!("# config file: {file}\n"));
    text.push_str(&format!("root = {:?}\n", config.root.display().to_string()));
    text.push_str(&format!("corpus = {}\n", paths(&session.corpus_roots())));
    let options = session.options();
    text.push_str(&format!("exclude = {}\n", list(session.exclude_globs())));
    text.push_str(&format!("rule-paths = {}\n", paths(session.rule_roots())));
    text.push_str(&format!(
        "extend-default-rules = {}\n",
        config.extend_default_rules && !options.no_default_rules
    ));
    text.push_str(&format!(
        "world-knowledge = {}\n",
        config.world_knowledge && !options.no_world_knowledge
    ));
    text.push_str(&format!("max-article-bytes = {}\n", config.max_article_bytes()));
    for (glob, rules) in &config.per_path_ignores {
        let rules = if rules.is_empty() {
            vec!["all".to_string()]
        } else {
            rules.clone()
        };
        text.push_str(&format!(
            "per-path-ignores.{:?} = {}\n",
            glob.glob().glob(),
            list(rules)
        ));
    }
    text.push_str("\n# rules: id = severity (off: switched off)\n");
    for info in session.rule_infos() {
        let severity = info.severity.map_or("off".to_string(), |s| s.to_string());
        text.push_str(&format!("{} = {severity:?}  # {}\n", info.id, info.origin()));
    }
    text
}

/// Holds an exclusive lock on every corpus root folder (in order, so that
/// two runs never wait for each other), waiting for it with a note when
/// another `--fix` holds it: the lock ends with the returned handles, and
/// with the process. A folder that cannot be locked (a platform without
/// folder locks) is passed over: the writes still refuse a file that
/// changed since it was checked.
fn fix_turn(roots: &[PathBuf]) -> Vec<std::fs::File> {
    let mut roots: Vec<PathBuf> = roots.iter().map(|root| crate::discover::normalize(root)).collect();
    roots.sort();
    roots.dedup();
    let mut held = Vec::new();
    for root in roots {
        let Ok(folder) = std::fs::File::open(&root) else {
            continue;
        };
        match folder.try_lock() {
            Ok(()) => held.push(folder),
            Err(std::fs::TryLockError::WouldBlock) => {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "note: another `factlint check --fix` is fixing {}; waiting for it to finish",
                    root.display()
                );
                if folder.lock().is_ok() {
                    held.push(folder);
                }
            }
            Err(std::fs::TryLockError::Error(_)) => {}
        }
    }
    held
}
