//! `factlint check`: lint the corpus, optionally fixing (`--fix`) or showing
//! the fixes (`--diff`).

use std::io::{IsTerminal, Write};

use super::{CheckArgs, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, load, options, use_color};
use crate::engine::Options;
use crate::fix;
use crate::model::diagnostic::plural;
use crate::model::error::Error;
use crate::render::{self, Format};

pub fn run(args: CheckArgs) -> Result<i32, Error> {
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
    let session = load(options, args.sources.color)?;
    let mut run = session.check()?;
    if let (Some(path), Some(written)) = (&args.write_baseline, run.summary.baseline_written) {
        // Like ruff's `--add-noqa`: recording today's problems is the
        // command's success, whatever they are; the file is the output.
        writeln!(
            std::io::stderr().lock(),
            "wrote {written} baseline entr{} to `{}` (checked {})",
            if written == 1 { "y" } else { "ies" },
            path.display(),
            plural(run.summary.articles, "article")
        )?;
        return Ok(EXIT_CLEAN);
    }
    if args.diff {
        let (diff, fixes) = fix::diff_all(&run, args.unsafe_fixes);
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        out.write_all(diff.as_bytes())?;
        writeln!(
            out,
            "{fixes} fix{} would be applied",
            if fixes == 1 { "" } else { "es" }
        )?;
        out.flush()?;
        return Ok(if fixes > 0 { EXIT_FINDINGS } else { EXIT_CLEAN });
    }
    let mut fix_report = None;
    if args.fix {
        let (fixed, report) = fix::fix_all(&session, run, args.unsafe_fixes)?;
        run = fixed;
        fix_report = Some(report);
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
    out.flush()?;
    if let Some(report) = fix_report
        && !report_fixes(&report, args.unsafe_fixes)?
    {
        return Ok(EXIT_ERROR);
    }
    let failed = run.diagnostics.iter().any(|d| d.severity >= args.fail_on);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// Says on stderr what `--fix` did; `false` when a file could not be written.
fn report_fixes(report: &fix::Report, unsafe_fixes: bool) -> std::io::Result<bool> {
    let mut err = std::io::stderr().lock();
    for problem in &report.problems {
        writeln!(err, "error: {problem}")?;
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
