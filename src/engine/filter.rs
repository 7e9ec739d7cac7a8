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

/// `--select`, `--extend-select` and `--ignore`: which rules run, chosen by
/// id or by family (`date` is every `date-…` rule; `all` is every rule), as
/// ruff chooses its rules.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// `--select`: only these, when given (the rules that are on; an exact
    /// id switches its rule on even if it is off).
    pub select: Option<Vec<String>>,
    /// `--extend-select`: these too (an exact id switches its rule on).
    pub extend: Vec<String>,
    /// `--ignore`: never these; wins over both.
    pub ignore: Vec<String>,
}

/// Whether `selector` (an id, a family or `all`) takes rule `id`.
pub fn selects(selector: &str, id: &str) -> bool {
    let family = selector.strip_suffix('-').unwrap_or(selector);
    selector.eq_ignore_ascii_case("all")
        || id == selector
        || id.strip_prefix(family).is_some_and(|rest| rest.starts_with('-'))
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.select.is_none() && self.extend.is_empty() && self.ignore.is_empty()
    }

    /// Applies the selection to `levels`: what it leaves out is switched
    /// off; an exact id it names is switched on at `default_severity`'s
    /// level if it was off. Returns the selectors that take no rule at all
    /// (a typo, most likely).
    pub fn apply(&self, levels: &mut Levels, default_severity: impl Fn(&str) -> Option<Severity>) -> Vec<String> {
        let ids: Vec<String> = levels.keys().cloned().collect();
        let named = self.select.iter().flatten().chain(&self.extend).chain(&self.ignore);
        let unknown: Vec<String> = named
            .filter(|selector| !ids.iter().any(|id| selects(selector, id)))
            .cloned()
            .collect();
        for id in ids {
            let any = |list: &[String]| list.iter().any(|s| selects(s, &id));
            let exact = |list: &[String]| list.contains(&id);
            let chosen = self.select.as_deref().is_none_or(any) || any(&self.extend);
            let level = levels.entry(id.clone()).or_insert(None);
            if !chosen || any(&self.ignore) {
                *level = None;
            } else if level.is_none() && (self.select.as_deref().is_some_and(exact) || exact(&self.extend)) {
                *level = default_severity(&id);
            }
        }
        unknown
    }
}

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

#[cfg(test)]
mod selection_tests {
    use super::*;

    fn levels() -> Levels {
        [
            ("date-weekday", Some(Severity::Error)),
            ("date-anniversary", Some(Severity::Warning)),
            ("title-not-held", Some(Severity::Error)),
            ("term-dungan", None),
            ("term-mazhilis", Some(Severity::Warning)),
        ]
        .into_iter()
        .map(|(id, level)| (id.to_string(), level))
        .collect()
    }

    fn on(levels: &Levels) -> Vec<&str> {
        let mut on: Vec<&str> = levels
            .iter()
            .filter(|(_, l)| l.is_some())
            .map(|(id, _)| id.as_str())
            .collect();
        on.sort_unstable();
        on
    }

    #[test]
    fn families_ids_and_ignores_choose_the_rules() {
        let mut chosen = levels();
        let selection = Selection {
            select: Some(vec!["date".into(), "title-not-held".into()]),
            extend: Vec::new(),
            ignore: vec!["date-anniversary".into()],
        };
        assert!(selection.apply(&mut chosen, |_| Some(Severity::Info)).is_empty());
        assert_eq!(on(&chosen), ["date-weekday", "title-not-held"]);
        // "dat" is no family: a rule's family ends at a hyphen.
        assert!(!selects("dat", "date-weekday"));
        assert!(selects("date-", "date-weekday"));
    }

    #[test]
    fn naming_an_off_rule_switches_it_on_and_a_typo_is_reported() {
        let mut chosen = levels();
        let selection = Selection {
            select: None,
            extend: vec!["term-dungan".into(), "plaec".into()],
            ignore: Vec::new(),
        };
        assert_eq!(selection.apply(&mut chosen, |_| Some(Severity::Info)), ["plaec"]);
        assert_eq!(chosen["term-dungan"], Some(Severity::Info));
        // A family does not switch on what is off.
        let mut family = levels();
        Selection {
            select: Some(vec!["term".into()]),
            ..Selection::default()
        }
        .apply(&mut family, |_| Some(Severity::Info));
        assert_eq!(on(&family), ["term-mazhilis"]);
    }
}
