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

/// Files added or modified since the merge-base of `base` (default: the
/// default branch) and `HEAD`, committed or not, plus untracked files that
/// git does not ignore. Absolute paths.
pub fn changed_files(dir: &Path, base: Option<&str>) -> Result<Vec<PathBuf>, Error> {
    changed(dir, base).map_err(Error::Git)
}

fn changed(dir: &Path, base: Option<&str>) -> Result<Vec<PathBuf>, String> {
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
    let merge_base = git(dir, &["merge-base", &base, "HEAD"])
        .map_err(|e| format!("cannot find the merge-base of `{base}` and HEAD: {e}"))?;
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
    Ok(files)
}
