//! Baselines: record today's diagnostics (`--write-baseline FILE`) and from
//! then on report only new ones (`--baseline FILE`), so a team can adopt
//! factlint on an old archive and fail CI only on new problems.
//!
//! A diagnostic's fingerprint is its rule, its article's path, the text it
//! flags and the occurrence index of that (rule, path, text) in the article
//! — not line numbers, so edits elsewhere in the article keep it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::error::Error;
use crate::model::source::SourceDb;
use crate::model::span::Span;

/// Rule id of the "baseline entry matches nothing" diagnostic.
pub const STALE: &str = "baseline-stale";

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    /// The flagged text, as written.
    pub text: String,
    /// 0 for the first diagnostic of this rule on this text in this article.
    pub occurrence: usize,
    /// The message when the entry was written, for people reading the file.
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// The fingerprints of `diagnostics`, in their order.
pub fn fingerprints(db: &SourceDb, diagnostics: &[Diagnostic]) -> Vec<Entry> {
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let path = db.name(d.file()).to_string();
            let text = db
                .get(d.file())
                .and_then(|f| f.text.get(d.primary.span.range()))
                .unwrap_or("")
                .to_string();
            let count = seen.entry((d.rule.clone(), path.clone(), text.clone())).or_default();
            let entry = Entry {
                rule: d.rule.clone(),
                path,
                text,
                occurrence: *count,
                message: d.message.clone(),
            };
            *count += 1;
            entry
        })
        .collect()
}

pub fn write(path: &Path, db: &SourceDb, diagnostics: &[Diagnostic]) -> std::io::Result<usize> {
    let mut entries = fingerprints(db, diagnostics);
    entries.sort();
    let count = entries.len();
    let text = serde_json::to_string_pretty(&Baseline { version: 1, entries }).map_err(std::io::Error::other)?;
    std::fs::write(path, text + "\n")?;
    Ok(count)
}

pub fn read(path: &Path) -> Result<Baseline, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Baseline(format!("cannot read baseline `{}`: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| Error::Baseline(format!("baseline `{}` is not a factlint baseline: {e}", path.display())))
}

/// Drops the diagnostics the baseline records; reports its entries that no
/// longer match anything, on articles in `reported`, as info. Returns how
/// many diagnostics the baseline suppressed.
pub fn apply(
    baseline: &Baseline,
    db: &SourceDb,
    diagnostics: &mut Vec<Diagnostic>,
    reported: &dyn Fn(&str) -> bool,
) -> usize {
    let keys = fingerprints(db, diagnostics);
    let key = |e: &Entry| (e.rule.clone(), e.path.clone(), e.text.clone(), e.occurrence);
    let recorded: std::collections::BTreeSet<_> = baseline.entries.iter().map(key).collect();
    let current: std::collections::BTreeSet<_> = keys.iter().map(key).collect();
    let mut index = 0;
    let before = diagnostics.len();
    diagnostics.retain(|_| {
        let keep = !recorded.contains(&key(&keys[index]));
        index += 1;
        keep
    });
    let suppressed = before - diagnostics.len();
    for entry in baseline
        .entries
        .iter()
        .filter(|e| !current.contains(&key(e)) && reported(&e.path))
    {
        let Some(file) = (0..db.len())
            .map(|i| crate::model::span::FileId(i as u32))
            .find(|f| db.name(*f) == entry.path)
        else {
            continue;
        };
        diagnostics.push(
            Diagnostic::new(
                STALE,
                Severity::Info,
                format!(
                    "baseline entry for `{}` on `{}` matches nothing: it was fixed",
                    entry.rule, entry.text
                ),
                Label::new(Span::file_start(file), ""),
            )
            .with_note("help: write the baseline again (`--write-baseline`) to drop it"),
        );
    }
    suppressed
}
