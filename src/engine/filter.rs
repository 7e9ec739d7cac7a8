//! Which diagnostics a run reports: rule levels from `factlint.toml`,
//! per-path ignores, inline suppressions and the reported subset of the
//! corpus (named paths, `--changed`), then one sort.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::config::Config;
use crate::discover::normalize;
use crate::engine::suppress::{self, Suppression};
use crate::model::diagnostic::{self, Diagnostic, Severity};
use crate::model::source::SourceDb;
use crate::model::span::FileId;

/// The effective severity of every rule id (built-in and TOML); `None` when
/// the rule is switched off.
pub type Levels = HashMap<String, Option<Severity>>;

/// The articles a run reports on; `None` means all of them. The rest of the
/// corpus is still read, as context for the corpus-wide checks.
#[derive(Clone, Debug, Default)]
pub struct Reported(pub Option<HashSet<PathBuf>>);

impl Reported {
    pub fn contains(&self, db: &SourceDb, file: FileId) -> bool {
        self.0
            .as_ref()
            .is_none_or(|set| db.get(file).is_some_and(|f| set.contains(&normalize(f.path()))))
    }
}

/// Drops what the settings switch off and gives the rest its configured
/// severity.
pub fn apply_levels(levels: &Levels, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.retain_mut(|d| match levels.get(&d.rule) {
        Some(None) => false,
        Some(Some(severity)) => {
            d.severity = *severity;
            true
        }
        None => true,
    });
}

/// Leaves out what the run does not report: per-path ignores, inline
/// suppressions (whose unused ones become notes, themselves subject to the
/// levels), and diagnostics on articles outside the reported subset; sorts
/// what is left. Returns how many were suppressed.
pub fn select(
    db: &SourceDb,
    config: &Config,
    levels: &Levels,
    reported: &Reported,
    suppressions: Vec<(FileId, Vec<Suppression>)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> usize {
    let before = diagnostics.len();
    diagnostics.retain(|d| !config.ignores(db.name(d.file()), &d.rule));
    let mut suppressed = before - diagnostics.len();
    for (file, mut list) in suppressions {
        suppressed += suppress::apply(file, &mut list, diagnostics);
    }
    diagnostics.retain(|d| levels.get(&d.rule).is_none_or(Option::is_some) && reported.contains(db, d.file()));
    sort(db, diagnostics);
    suppressed
}

/// The one order of output: file, offset, severity, rule.
pub fn sort(db: &SourceDb, diagnostics: &mut [Diagnostic]) {
    diagnostic::sort(diagnostics, |file| db.name(file).to_string());
}
