//! `--format gitlab`: GitLab's Code Quality report, a JSON array that a
//! merge request shows in its code quality widget and on its diff
//! (`artifacts: reports: codequality:`).
//!
//! Each diagnostic has a fingerprint GitLab uses to tell a new finding
//! from one already on the target branch: a SHA-256 of what a baseline
//! keys it by (rule, path, flagged text, occurrence), so it survives
//! edits elsewhere in the article. Paths are relative to the repository's
//! root, as GitLab reads them.

use std::io::Write;

use serde::Serialize;
use sha2::Digest as _;

use crate::engine::Run;
use crate::model::diagnostic::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn render(run: &Run, out: &mut dyn Write) -> std::io::Result<()> {
    let keys = crate::engine::baseline::fingerprints(&run.db, &run.diagnostics, std::path::Path::new("."));
    let issues: Vec<Issue> = run
        .diagnostics
        .iter()
        .zip(keys)
        .map(|(d, key)| {
            let file = d.primary.span.file;
            let (begin, _) = run.db.position(file, d.primary.span.start as usize);
            let (end, _) = run.db.position(file, d.primary.span.end as usize);
            let hash = sha2::Sha256::digest(
                format!("{}\0{}\0{}\0{}", key.rule, key.path, key.text, key.occurrence).as_bytes(),
            );
            Issue {
                description: format!("{}: {}", d.rule, d.message),
                check_name: &d.rule,
                fingerprint: hash.iter().map(|b| format!("{b:02x}")).collect(),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Location {
                    path: super::repository_path(run.db.name(file)),
                    lines: Lines {
                        begin: begin.max(1),
                        end: end.max(begin).max(1),
                    },
                },
            }
        })
        .collect();
    super::write_json(out, &issues, true)?;
    writeln!(out)
}
