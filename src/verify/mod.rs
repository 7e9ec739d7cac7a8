//! `factlint test`: running each rule's test cases (`[check.tests]` in its
//! rule file) and comparing what invalid cases report with the snapshots in
//! `snapshots/rules/<id>.snap`.
//!
//! Like ast-grep's `sg test`, each case is classified: a valid case is
//! *validated* when the rule is silent and *noisy* when it reports; an
//! invalid case is *reported* or *missing*. The rendered diagnostics of the
//! invalid cases are the rule's snapshot, in insta's file format, so that
//! `cargo test` (through insta) and `factlint test` read and write the same
//! files. [`fuzz`] holds what must hold for any input, for the fuzz targets.

pub mod fuzz;

use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::engine::Session;
use crate::model::diagnostic::Diagnostic;
use crate::model::error::Error;
use crate::model::source::SourceDb;
use crate::render::human;
use crate::rules::{Expect, TestCase};

/// How one case came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Valid, and the rule was silent.
    Validated,
    /// Invalid, and the rule reported.
    Reported,
    /// Invalid, but the rule was silent.
    Missing,
    /// Valid, but the rule reported.
    Noisy,
}

impl Outcome {
    pub fn passed(self) -> bool {
        matches!(self, Outcome::Validated | Outcome::Reported)
    }
}

/// A case's result: its outcome, its articles' text and what the rule said.
#[derive(Debug)]
pub struct CaseResult {
    pub case: TestCase,
    /// `valid 2`, `invalid 1`, `corpus 1`.
    pub label: String,
    pub outcome: Outcome,
    /// The rule's diagnostics on the case, rendered as users see them.
    pub rendered: String,
}

/// Whether the stored snapshot matches.
#[derive(Debug, PartialEq, Eq)]
pub enum SnapshotStatus {
    Matches,
    /// No stored snapshot yet.
    New,
    /// The stored snapshot differs: a unified diff, stored → new.
    Changed(String),
    /// The rule has no invalid cases, so nothing to snapshot.
    NotNeeded,
}

#[derive(Debug)]
pub struct RuleReport {
    pub id: String,
    /// Whether the rule (or knowledge entry) is one of the default rules:
    /// its snapshot ships with factlint, and `--update` writes it only
    /// into a folder that keeps a copy of it.
    pub builtin: bool,
    pub results: Vec<CaseResult>,
    /// The snapshot content: the rendered invalid cases.
    pub snapshot: String,
    pub snapshot_status: SnapshotStatus,
}

impl RuleReport {
    pub fn untested(&self) -> bool {
        self.results.is_empty()
    }

    pub fn passed(&self) -> bool {
        self.results.iter().all(|r| r.outcome.passed())
            && matches!(
                self.snapshot_status,
                SnapshotStatus::Matches | SnapshotStatus::NotNeeded
            )
    }
}

/// The snapshot file of a rule: `rules/<id>.snap` in the snapshot folder.
pub fn snapshot_path(dir: &Path, id: &str) -> PathBuf {
    dir.join("rules").join(format!("{id}.snap"))
}

/// The header insta writes; kept identical so both tools own the files.
const SNAPSHOT_HEADER: &str = "---\nsource: tests/rule_cases.rs\nexpression: rendered\n---\n";

/// The content of an insta snapshot file (after its `---` header).
pub fn read_snapshot(path: &Path) -> Option<String> {
    snapshot_body(&std::fs::read_to_string(path).ok()?)
}

/// The content of the text of an insta snapshot file, after its header.
fn snapshot_body(text: &str) -> Option<String> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some(rest[end + 5..].to_string())
}

/// Which rules' cases a run tests: a newsroom's own rules and knowledge,
/// and the default ones (`factlint test --include-defaults`).
#[derive(Clone, Copy, Debug)]
pub struct Scope {
    pub own: bool,
    pub builtin: bool,
}

impl Scope {
    fn allows(self, builtin: bool) -> bool {
        if builtin { self.builtin } else { self.own }
    }
}

pub fn write_snapshot(path: &Path, content: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, format!("{SNAPSHOT_HEADER}{}\n", content.trim_end()))
}

/// Every test of `session`, rules then knowledge entries, with whether it
/// comes from the default rules. A newsroom's record may replace a default
/// one and keep its test id: each entry is told by its own file.
pub fn tests(session: &Session) -> Vec<(&str, bool)> {
    let in_defaults = |file| crate::rules::builtin::is_builtin(session.db.name(file));
    let rules = session
        .rules
        .checks
        .iter()
        .map(|c| (c.meta.id.as_str(), in_defaults(c.meta.id_span.file)));
    let knowledge = session.rules.knowledge_tests.iter().map(|t| {
        let builtin = t.cases.first().is_some_and(|case| in_defaults(case.span.file));
        (t.id.as_str(), builtin)
    });
    rules.chain(knowledge).collect()
}

/// Runs the cases of every rule of `session` (or of `only`, if not empty).
/// Every check is switched on for the run, so rules shipped off are tested
/// too. `snapshots` is the folder of stored snapshots.
/// Ids named in `only` are tested whatever `scope` says.
pub fn run(session: &mut Session, only: &[String], scope: Scope, snapshots: &Path) -> Result<Vec<RuleReport>, Error> {
    session.enable_all()?;
    let session = &*session;
    let in_defaults = |file| crate::rules::builtin::is_builtin(session.db.name(file));
    let wanted = |id: &String, builtin: bool| {
        if only.is_empty() {
            scope.allows(builtin)
        } else {
            only.contains(id)
        }
    };
    let rules = session.rules.checks.iter().filter_map(|check| {
        let builtin = in_defaults(check.meta.id_span.file);
        wanted(&check.meta.id, builtin).then(|| {
            let judges = |rule: &str| rule == check.meta.id;
            run_cases(session, &check.meta.id, builtin, &check.meta.tests, &judges, snapshots)
        })
    });
    // Knowledge entries' tests: judged by every check of their family.
    let knowledge = session.rules.knowledge_tests.iter().filter_map(|t| {
        let builtin = t.cases.first().is_some_and(|case| in_defaults(case.span.file));
        wanted(&t.id, builtin).then(|| {
            let judges = |rule: &str| rule.starts_with(t.family);
            run_cases(session, &t.id, builtin, &t.cases, &judges, snapshots)
        })
    });
    Ok(rules.chain(knowledge).collect())
}

/// Runs the cases of a rule (or a knowledge entry) `id`, counting the
/// diagnostics of the rules `judges` accepts.
fn run_cases(
    session: &Session,
    id: &str,
    builtin: bool,
    cases: &[TestCase],
    judges: &dyn Fn(&str) -> bool,
    snapshots: &Path,
) -> RuleReport {
    let mut results = Vec::new();
    let (mut valid, mut invalid, mut corpus) = (0, 0, 0);
    for case in cases {
        let label = if case.articles.len() > 1 {
            corpus += 1;
            format!("corpus {corpus}")
        } else if case.expect == Expect::Valid {
            valid += 1;
            format!("valid {valid}")
        } else {
            invalid += 1;
            format!("invalid {invalid}")
        };
        let (db, diagnostics) = run_case(session, id, judges, case, &label);
        let reported = !diagnostics.is_empty();
        let outcome = match (case.expect, reported) {
            (Expect::Valid, false) => Outcome::Validated,
            (Expect::Valid, true) => Outcome::Noisy,
            (Expect::Invalid, true) => Outcome::Reported,
            (Expect::Invalid, false) => Outcome::Missing,
        };
        results.push(CaseResult {
            case: case.clone(),
            label,
            outcome,
            rendered: human::to_string(&db, &diagnostics, false),
        });
    }
    let snapshot: String = results
        .iter()
        .filter(|r| r.case.expect == Expect::Invalid)
        .map(|r| format!("── {} ──\n{}", r.label, r.rendered))
        .collect::<Vec<_>>()
        .join("\n");
    // A default rule's snapshot is the folder's copy where it keeps one
    // (factlint's own repository), else the one factlint was built with.
    let stored = || {
        read_snapshot(&snapshot_path(snapshots, id)).or_else(|| {
            builtin
                .then(|| crate::rules::builtin::snapshot(id).and_then(snapshot_body))
                .flatten()
        })
    };
    let snapshot_status = if snapshot.is_empty() {
        SnapshotStatus::NotNeeded
    } else {
        match stored() {
            None => SnapshotStatus::New,
            Some(stored) if stored.trim_end() == snapshot.trim_end() => SnapshotStatus::Matches,
            Some(stored) => {
                let (stored, new) = (format!("{}\n", stored.trim_end()), format!("{}\n", snapshot.trim_end()));
                let diff = TextDiff::from_lines(&stored, &new)
                    .unified_diff()
                    .header("stored", "new")
                    .to_string();
                SnapshotStatus::Changed(diff)
            }
        }
    };
    RuleReport {
        id: id.to_string(),
        builtin,
        results,
        snapshot,
        snapshot_status,
    }
}

/// Checks the articles of one case together, as one corpus, and returns
/// the rule's diagnostics on them, with the files to render them from.
fn run_case(
    session: &Session,
    rule: &str,
    judges: &dyn Fn(&str) -> bool,
    case: &TestCase,
    label: &str,
) -> (SourceDb, Vec<Diagnostic>) {
    let single = case.articles.len() == 1;
    let texts = case
        .articles
        .iter()
        .enumerate()
        .map(|(i, article)| {
            let extension = if article.markdown { "md" } else { "txt" };
            let name = if single {
                format!("{rule}/{}.{extension}", label.replace(' ', "-"))
            } else {
                format!("{rule}/{}/article-{}.{extension}", label.replace(' ', "-"), i + 1)
            };
            (PathBuf::from(name), article.source())
        })
        .collect();
    let mut run = session.check_texts(texts);
    run.diagnostics.retain(|d| judges(&d.rule));
    (run.db, run.diagnostics)
}
