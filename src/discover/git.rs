//! `--changed`: the articles added or modified relative to a git base, by
//! asking the `git` command line (every CI machine has it; no library to
//! keep in step with git's own behaviour).

use crate::model::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run git: {e} (is git installed?)"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The default branch: `origin/HEAD` if the clone knows it, else a local
/// `main` or `master`.
fn default_branch(dir: &Path) -> Option<String> {
    if let Ok(head) = git(dir, &["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]) {
        return Some(head.trim().to_string());
    }
    ["main", "master"]
        .into_iter()
        .find(|b| git(dir, &["rev-parse", "--verify", "--quiet", &format!("refs/heads/{b}")]).is_ok())
        .map(str::to_string)
}

/// What `--changed` compares against, and what changed since.
pub struct Changed {
    /// Files added or modified since the merge-base, committed or not, plus
    /// untracked files that git does not ignore. Absolute paths.
    pub files: Vec<PathBuf>,
    /// The merge-base is the current commit (run on the default branch
    /// itself): only uncommitted changes count, which in CI is none.
    pub base_is_head: bool,
    /// The base as asked or found (`main`, `origin/main`).
    pub base: String,
}

/// The files changed since the merge-base of `base` (default: the default
/// branch) and `HEAD`.
pub fn changed_files(dir: &Path, base: Option<&str>) -> Result<Changed, Error> {
    changed(dir, base).map_err(Error::Git)
}

fn changed(dir: &Path, base: Option<&str>) -> Result<Changed, String> {
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        format!(
            "`--changed` needs a git checkout, and `{}` is not in one",
            dir.display()
        )
    })?;
    let top = PathBuf::from(top.trim());
    let base = match base {
        Some(base) => base.to_string(),
        None => default_branch(dir).ok_or("cannot tell the default branch: pass `--base REF`")?,
    };
    // The base is a revision, never an option (`--base=--output=x` must not
    // reach git as one): resolved with `--end-of-options` first, then
    // passed on as the commit it names.
    let commit = git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{base}^{{commit}}"),
        ],
    )
    .map_err(|_| format!("`{base}` is not a commit git knows (`--base` takes a branch, tag or commit)"))?;
    let merge_base = git(dir, &["merge-base", commit.trim(), "HEAD"])
        .map_err(|e| format!("cannot find the merge-base of `{base}` and HEAD: {e}"))?;
    let head = git(dir, &["rev-parse", "HEAD"]).unwrap_or_default();
    let diff = git(
        dir,
        &["diff", "--name-only", "-z", "--diff-filter=ACMR", merge_base.trim()],
    )?;
    let untracked = git(
        dir,
        &["ls-files", "--others", "--exclude-standard", "-z", "--full-name"],
    )?;
    let mut files: Vec<PathBuf> = diff
        .split('\0')
        .filter(|p| !p.is_empty())
        .map(|p| top.join(p))
        .collect();
    // `ls-files --full-name` paths are relative to the top level too.
    files.extend(untracked.split('\0').filter(|p| !p.is_empty()).map(|p| top.join(p)));
    files.sort();
    files.dedup();
    Ok(Changed {
        files,
        base_is_head: head.trim() == merge_base.trim(),
        base,
    })
}
