//! `factlint test`: every rule's test cases and snapshots, one line a rule,
//! with the failing cases shown in full.

use std::io::Write;
use std::path::Path;

use super::{EXIT_CLEAN, EXIT_FINDINGS, TestArgs, load, options};
use crate::engine::{Options, Session};
use crate::model::diagnostic::plural;
use crate::model::error::Error;
use crate::model::source::SourceDb;
use crate::rules::Expect;
use crate::verify::{self, Outcome, RuleReport, Scope, SnapshotStatus};

pub fn run(args: TestArgs) -> Result<i32, Error> {
    let mut session = load(options(&args.sources), args.sources.color)?;
    let is_test =
        |id: &String| session.rules.get(id).is_some() || session.rules.knowledge_tests.iter().any(|t| &t.id == id);
    if let Some(unknown) = args.ids.iter().find(|id| !is_test(id)) {
        return Err(Error::Usage {
            message: format!("no rule `{unknown}`"),
            help: vec!["`factlint rules` lists every rule".to_string()],
        });
    }
    let snapshots = session.config.root.join("snapshots");
    // A folder with rules of its own tests those; the default rules' cases
    // are factlint's to keep, run with `--include-defaults` (or where there
    // is nothing else to test: factlint's own repository, a new folder).
    let tests = verify::tests(&session);
    let defaults = tests.iter().filter(|(_, builtin)| *builtin).count();
    let own = tests.len() - defaults;
    let scope = Scope {
        own: true,
        builtin: args.include_defaults || own == 0,
    };
    let reports = verify::run(&mut session, &args.ids, scope, &snapshots)?;
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
        } else if print_report(&mut out, report, &args, &snapshots, &session.db, width)? {
            passed += 1;
        } else {
            failed += 1;
            if report.builtin && own > 0 {
                blame(&mut out, &args, &session, &report.id, &snapshots)?;
            }
        }
    }
    if !scope.builtin && args.ids.is_empty() && defaults > 0 {
        writeln!(
            out,
            "note: the {} of the default rules are not run (they ship tested); `--include-defaults` runs them too",
            plural(defaults, "test")
        )?;
    }
    // Knowledge files whose entries carry no `tests`: what they claim of
    // the world is checked by nothing.
    for file in &session.rules.untested_knowledge {
        let level = if args.strict { "FAILED " } else { "warning" };
        writeln!(
            out,
            "{level}  {file}: no knowledge entry has `tests` (add some to a [[person]], [[office]] or [[place]])"
        )?;
        untested += 1;
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
    let rule_warnings = session.rules.warnings.len();
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

/// Prints one tested rule's line and its failing cases (writing its
/// snapshot with `--update`); `true` when it passed.
fn print_report(
    out: &mut impl Write,
    report: &RuleReport,
    args: &TestArgs,
    snapshots: &Path,
    db: &SourceDb,
    width: usize,
) -> std::io::Result<bool> {
    let mut ok = report.results.iter().all(|r| r.outcome.passed());
    let path = verify::snapshot_path(snapshots, &report.id);
    // A default rule's snapshot is written only where the folder keeps a
    // copy of it: `--update` in a newsroom's folder never fills it with
    // factlint's own snapshots.
    let writable = !report.builtin || path.exists();
    let snapshot_note = match &report.snapshot_status {
        SnapshotStatus::New | SnapshotStatus::Changed(_) if args.update && writable => {
            verify::write_snapshot(&path, &report.snapshot)?;
            Some("snapshot updated".to_string())
        }
        SnapshotStatus::Changed(diff) if report.builtin && !writable => {
            ok = false;
            Some(format!(
                "the output differs from the snapshot this default rule ships with (not written here):\n{}",
                indent(diff)
            ))
        }
        SnapshotStatus::New => {
            ok = false;
            Some("no stored snapshot: run `factlint test --update` to write it".to_string())
        }
        SnapshotStatus::Changed(diff) => {
            ok = false;
            Some(format!(
                "snapshot changed (run `factlint test --update` to accept):\n{}",
                indent(diff)
            ))
        }
        SnapshotStatus::Matches | SnapshotStatus::NotNeeded => None,
    };
    writeln!(
        out,
        "{}  {:<width$}  {}{}",
        if ok { "ok     " } else { "FAILED " },
        report.id,
        case_counts(report),
        snapshot_note
            .as_deref()
            .filter(|n| !n.contains('\n'))
            .map(|n| format!("; {n}"))
            .unwrap_or_default()
    )?;
    for result in report.results.iter().filter(|r| !r.outcome.passed()) {
        let expectation = match result.outcome {
            Outcome::Missing => "expected a diagnostic, got none",
            Outcome::Noisy | Outcome::Validated | Outcome::Reported => "expected no diagnostic, got:",
        };
        let place = db.get(result.case.span.file).map(|f| {
            let (line, column) = f.line_column(result.case.span.start as usize);
            format!("{}:{line}:{column}", f.name)
        });
        writeln!(out, "  {} ({}): {expectation}", result.label, place.unwrap_or_default())?;
        for article in &result.case.articles {
            writeln!(out, "{}", indent(&article.source()))?;
        }
        if result.outcome == Outcome::Noisy {
            writeln!(out, "{}", indent(&result.rendered))?;
        }
    }
    if let Some(note) = snapshot_note.filter(|n| n.contains('\n')) {
        writeln!(out, "  {note}")?;
    }
    Ok(ok)
}

/// Says which of the user's rule files make the default rule (or
/// knowledge test) `id` fail: its cases are run again with the default
/// rules alone, then with each of the user's files added on its own.
fn blame(out: &mut impl Write, args: &TestArgs, session: &Session, id: &str, snapshots: &Path) -> Result<(), Error> {
    let base = || options(&args.sources);
    let passes = |options: Options| -> bool {
        let Ok(mut alone) = crate::engine::Session::load(options) else {
            return false;
        };
        let scope = Scope {
            own: true,
            builtin: true,
        };
        verify::run(&mut alone, &[id.to_string()], scope, snapshots)
            .is_ok_and(|reports| reports.iter().all(RuleReport::passed))
    };
    if !passes(Options {
        no_rule_paths: true,
        ..base()
    }) {
        return Ok(());
    }
    let config = session.config.file.as_deref();
    let own_files: Vec<&Path> = (0..session.db.len())
        .filter_map(|i| session.db.get(crate::model::span::FileId(u32::try_from(i).ok()?)))
        .map(|file| file.path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "toml")
                && Some(*path) != config
                && !crate::rules::builtin::is_builtin(&path.to_string_lossy())
        })
        .collect();
    let culprits: Vec<String> = own_files
        .iter()
        .filter(|path| {
            !passes(Options {
                rules: vec![path.to_path_buf()],
                ..base()
            })
        })
        .map(|path| crate::model::source::display_name(path))
        .collect();
    if culprits.is_empty() {
        writeln!(
            out,
            "  it passes with the default rules alone: your rule files together make it fail"
        )?;
    } else {
        writeln!(
            out,
            "  it passes with the default rules alone; it fails with {}",
            culprits.join(", ")
        )?;
    }
    Ok(())
}

/// "2 valid, 1 invalid, 1 corpus".
fn case_counts(report: &RuleReport) -> String {
    let count = |expect| {
        report
            .results
            .iter()
            .filter(|r| r.case.expect == expect && r.case.articles.len() == 1)
            .count()
    };
    let corpus = report.results.iter().filter(|r| r.case.articles.len() > 1).count();
    format!(
        "{} valid, {} invalid{}",
        count(Expect::Valid),
        count(Expect::Invalid),
        if corpus > 0 {
            format!(", {corpus} corpus")
        } else {
            String::new()
        }
    )
}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| format!("    | {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
