//! Helpers shared by the end-to-end tests: run the binary, copy the shipped
//! rules into a temporary project.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs factlint in `dir` with `args` (colour off, so output is plain text).
pub fn factlint(dir: &Path, args: &[&str]) -> Output {
    run_binary(Path::new(env!("CARGO_BIN_EXE_factlint")), dir, args)
}

/// Runs `binary` (a factlint, wherever it is installed) in `dir` with `args`.
pub fn run_binary(binary: &Path, dir: &Path, args: &[&str]) -> Output {
    let output = retry_busy(|| {
        Command::new(binary)
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .output()
    });
    Output {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// Runs `start` again while the binary is "text file busy": a copy just
/// installed by one test can still be open for writing in a child another
/// test thread forked and has not yet exec'd (the fd is closed on exec,
/// not on fork), and exec then fails with ETXTBSY.
pub fn retry_busy<T>(mut start: impl FnMut() -> std::io::Result<T>) -> T {
    for _ in 0..50 {
        match start() {
            Err(error) if error.raw_os_error() == Some(26) => std::thread::sleep(std::time::Duration::from_millis(20)),
            result => return result.expect("run factlint"),
        }
    }
    start().expect("run factlint")
}

/// [`run_binary`] with `input` on standard input.
pub fn run_binary_with_stdin(binary: &Path, dir: &Path, args: &[&str], input: impl AsRef<[u8]>) -> Output {
    use std::io::Write as _;
    let mut child = retry_busy(|| {
        Command::new(binary)
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
    });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_ref())
        .expect("write stdin");
    let output = child.wait_with_output().expect("factlint ends");
    Output {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// Copies the files of the repository's `folders` (not recursively) into
/// the same folders under `dir`.
pub fn copy_folders(dir: &Path, folders: &[&str]) {
    for folder in folders {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        for entry in std::fs::read_dir(repo().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.join(folder).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
}

/// The `factlint.toml` of a project with its own copy of the rules, which
/// replaces the default ones (so a test may edit them).
pub const OWN_RULES_CONFIG: &str = "rule-paths = [\"rules\"]\nextend-default-rules = false\n";

/// A temporary project with a copy of the shipped rules (loaded instead of
/// the default ones, see [`OWN_RULES_CONFIG`]) and `articles` in `corpus/`.
pub fn project(articles: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_folders(dir.path(), &["rules", "rules/knowledge"]);
    std::fs::write(dir.path().join("factlint.toml"), OWN_RULES_CONFIG).unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    for (name, bytes) in articles {
        let path = dir.path().join("corpus").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// Runs git in `dir` with a fixed author, asserting it succeeds.
pub fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}
