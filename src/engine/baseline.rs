//! Baselines: record today's diagnostics (`--write-baseline FILE`) and from
//! then on report only new ones (`--baseline FILE`), so a team can adopt
//! factlint on an old archive and fail CI only on new problems.
//!
//! A diagnostic's fingerprint is its rule, its article's path, the text it
//! flags and the occurrence index of that (rule, path, text) in the article
//! — not line numbers, so edits elsewhere in the article keep it. The path
//! is relative to the baseline file's folder, with `/` between its parts:
//! the same file holds from any working directory and on another machine.
//! The flagged text is read from the article itself, never from what an
//! output format kept in memory, so every format sees the same
//! fingerprints.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::relative_to;
use crate::discover::normalize;
use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::error::Error;
use crate::model::source::SourceDb;
use crate::model::span::{FileId, Span};

/// Rule id of the "baseline entry matches nothing" diagnostic.
pub const STALE: &str = "baseline-stale";

/// The baseline format this build reads and writes.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    /// The article, relative to the baseline file's folder.
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

/// The folder a baseline file's paths are relative to: its own, absolute.
fn folder_of(baseline: &Path) -> PathBuf {
    normalize(baseline.parent().unwrap_or(Path::new(".")))
}

/// The fingerprints of `diagnostics`, in their order, with paths relative
/// to `base` (an absolute folder). Articles whose text the run did not keep
/// are read back from disk, each once in a row of its diagnostics.
pub fn fingerprints(db: &SourceDb, diagnostics: &[Diagnostic], base: &Path) -> Vec<Entry> {
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    let mut paths: HashMap<FileId, String> = HashMap::new();
    let mut read_back: Option<(FileId, String)> = None;
    diagnostics
        .iter()
        .map(|d| {
            let file = d.file();
            let path = paths
                .entry(file)
                .or_insert_with(|| relative_to(base, Path::new(db.name(file))))
                .clone();
            let range = d.primary.span.range();
            let kept = db.get(file).map_or("", |f| f.text.as_str());
            let text = if kept.is_empty() && db.recorded(file).is_some() {
                // Known from a facts file: its flagged texts were recorded.
                db.text_at(d.primary.span)
            } else if kept.is_empty() {
                if read_back.as_ref().is_none_or(|(id, _)| *id != file) {
                    let text = db
                        .get(file)
                        .and_then(|f| std::fs::read(f.path()).ok())
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default();
                    read_back = Some((file, text));
                }
                read_back
                    .as_ref()
                    .and_then(|(_, t)| t.get(range))
                    .unwrap_or("")
                    .to_string()
            } else {
                kept.get(range).unwrap_or("").to_string()
            };
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

/// Writes the baseline of `diagnostics` to `path` the way `--fix` writes
/// articles: a temporary file beside it, flushed to disk, then renamed over
/// it, so a full disk or a crash leaves the old baseline whole. Returns the
/// number of entries.
pub fn write(path: &Path, db: &SourceDb, diagnostics: &[Diagnostic]) -> std::io::Result<usize> {
    let mut entries = fingerprints(db, diagnostics, &folder_of(path));
    entries.sort();
    let count = entries.len();
    let text = serde_json::to_string_pretty(&Baseline {
        version: VERSION,
        entries,
    })
    .map_err(std::io::Error::other)?;
    super::write::write_whole(path, |out| {
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")
    })?;
    Ok(count)
}

pub fn read(path: &Path) -> Result<Baseline, Error> {
    let text = crate::model::source::read_bounded(path, crate::model::source::MAX_SETTINGS_BYTES)
        .map_err(|e| Error::Baseline(format!("cannot read baseline `{}`: {e}", path.display())))?;
    parse(&text).map_err(|why| Error::Baseline(format!("baseline `{}` {why}", path.display())))
}

/// The baseline in `text`, or why it is not one ("is not a factlint
/// baseline: …", "has version 7; …").
pub fn parse(text: &str) -> Result<Baseline, String> {
    let baseline: Baseline = serde_json::from_str(text).map_err(|e| format!("is not a factlint baseline: {e}"))?;
    if baseline.version != VERSION {
        return Err(format!(
            "has version {}; this factlint reads version {VERSION} (write it again with `--write-baseline`)",
            baseline.version
        ));
    }
    Ok(baseline)
}

/// Drops the diagnostics the baseline at `path` records; reports its
/// entries that no longer match anything, on articles in `reported`, as
/// info. Returns how many diagnostics the baseline suppressed.
pub fn apply(
    baseline: &Baseline,
    path: &Path,
    db: &SourceDb,
    diagnostics: &mut Vec<Diagnostic>,
    reported: &[FileId],
) -> usize {
    let base = folder_of(path);
    let keys = fingerprints(db, diagnostics, &base);
    let key_of = |e: &Entry| -> (String, String, String, usize) {
        (e.rule.clone(), e.path.clone(), e.text.clone(), e.occurrence)
    };
    let recorded: HashSet<_> = baseline.entries.iter().map(key_of).collect();
    let current: HashSet<_> = keys.iter().map(key_of).collect();
    let mut index = 0;
    let before = diagnostics.len();
    diagnostics.retain(|_| {
        let keep = !recorded.contains(&key_of(&keys[index]));
        index += 1;
        keep
    });
    let suppressed = before - diagnostics.len();
    // The reported articles by their baseline path: one lookup per entry,
    // not a walk over every file.
    let reported_files: HashMap<String, FileId> = reported
        .iter()
        .map(|&file| (relative_to(&base, Path::new(db.name(file))), file))
        .collect();
    for entry in baseline.entries.iter().filter(|e| !current.contains(&key_of(e))) {
        let Some(&file) = reported_files.get(&entry.path) else {
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
