//! Finding the articles: walking the corpus roots for `.md`, `.markdown` and
//! `.txt` files, respecting `.gitignore` and the configured excludes.
//! With `--changed`, [`git`] names the articles changed against a base.

pub mod git;

use std::path::{Component, Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use crate::model::error::Error;

/// Rule id of "a folder of the corpus could not be opened".
pub const UNREADABLE: &str = "corpus-unreadable";

/// File extensions read as articles.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

pub fn is_article_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

/// What discovery found: the articles, sorted and without duplicates, and
/// notes on what could not be walked (the run goes on without it).
#[derive(Debug, Default)]
pub struct Discovered {
    pub articles: Vec<PathBuf>,
    pub notes: Vec<String>,
    /// Folders (or files) the walk could not open, with why: the articles
    /// in them are not checked, which the run must say as an error.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// What went wrong, without the path the message already names ("File
/// name too long (os error 36)", "Permission denied (os error 13)"): the
/// walk's messages end with the OS's words after the last `: `.
fn reason(error: &ignore::Error) -> String {
    let text = error.to_string();
    text.rsplit(": ").next().unwrap_or(&text).to_string()
}

/// The path an error of the walk is about, and whether it is a symlink
/// loop (skipped, as ripgrep does, with a note) rather than a folder that
/// could not be read.
fn walk_error(error: &ignore::Error) -> (Option<&Path>, bool) {
    match error {
        ignore::Error::WithPath { path, err } => (Some(path.as_path()), walk_error(err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        ignore::Error::Loop { child, .. } => (Some(child.as_path()), true),
        ignore::Error::Partial(errors) => errors.first().map_or((None, false), walk_error),
        _ => (None, false),
    }
}

/// The files of a repository that are not articles, left out when the
/// project's folder itself is the corpus (no `corpus/`, no `corpus` set).
pub const REPOSITORY_DOCS: &[&str] = &[
    "README.*",
    "CHANGELOG.*",
    "CHANGES.*",
    "CONTRIBUTING.*",
    "LICENSE*",
    "LICENCE*",
    "COPYING*",
    "CODE_OF_CONDUCT.*",
    "SECURITY.*",
    "AUTHORS*",
    "NOTICE*",
];

/// Walks `roots` (folders or single files). `exclude` globs are matched
/// relative to `base`. A root that does not exist is an error.
pub fn discover(roots: &[PathBuf], exclude: &[String], base: &Path) -> Result<Discovered, Error> {
    let mut overrides = OverrideBuilder::new(base);
    for glob in exclude {
        overrides
            .add(&format!("!{glob}"))
            .map_err(|e| Error::Corpus(format!("invalid exclude glob `{glob}`: {e}")))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| Error::Corpus(format!("invalid exclude globs: {e}")))?;
    let mut found = Discovered::default();
    for root in roots {
        if root.is_file() {
            // A file named explicitly is read whatever its extension.
            found.articles.push(root.clone());
            continue;
        }
        if !root.is_dir() {
            return Err(Error::Corpus(if root.symlink_metadata().is_ok() {
                format!(
                    "`{}` is neither a file nor a folder (a dangling symbolic link, named pipe, socket or device)",
                    root.display()
                )
            } else {
                format!("corpus folder `{}` does not exist", root.display())
            }));
        }
        let walker = WalkBuilder::new(root)
            .standard_filters(true)
            .require_git(false)
            .overrides(overrides.clone())
            .build();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) && is_article_path(entry.path()) => {
                    found.articles.push(entry.path().to_path_buf());
                }
                // A symlink, named pipe, socket or device with an article's
                // name: reading a pipe could block the run forever, and
                // symlinks are not followed (as in ripgrep without `-L`).
                Ok(entry) if !entry.file_type().is_some_and(|t| t.is_dir()) && is_article_path(entry.path()) => {
                    let what = if entry.path_is_symlink() {
                        "a symbolic link (symlinks in the corpus are not followed; name the file to check it)"
                    } else {
                        "not a regular file (a named pipe, socket or device)"
                    };
                    found.notes.push(format!(
                        "skipped {}: {what}",
                        crate::model::source::display_name(entry.path())
                    ));
                }
                // A symlink to a folder is not walked into either (that is
                // how a corpus would be read twice or loop); say so, since
                // its articles are silently missing otherwise.
                Ok(entry) if entry.path_is_symlink() && entry.path().is_dir() => {
                    found.notes.push(format!(
                        "skipped {}: a symbolic link to a folder (not followed; name the folder to check it)",
                        crate::model::source::display_name(entry.path())
                    ));
                }
                Ok(_) => {}
                Err(error) => match walk_error(&error) {
                    (_, true) => found.notes.push(error.to_string()),
                    (path, false) => {
                        let path = path.map_or_else(|| root.clone(), Path::to_path_buf);
                        let why = reason(&error);
                        found.unreadable.push((path, why));
                    }
                },
            }
        }
    }
    sort_and_dedup(&mut found.articles);
    Ok(found)
}

/// Sorts paths by their normalized form and drops duplicates (the same
/// file named two ways), computing each normalized form once.
pub fn sort_and_dedup(paths: &mut Vec<PathBuf>) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut keyed: Vec<(Vec<u8>, PathBuf)> = paths
        .drain(..)
        .map(|p| (sort_key(&normalize_in(&cwd, &p)), p))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    paths.extend(keyed.into_iter().map(|(_, p)| p));
}

/// The bytes of a normalized path with each separator made a NUL byte, so
/// that comparing keys byte by byte orders paths as comparing them component
/// by component does (`a/b` before `a-b`; no name holds a NUL), at the cost
/// of a `memcmp`: `Path`'s own comparison walks components, and sorting a
/// million paths with it took seconds.
fn sort_key(normalized: &Path) -> Vec<u8> {
    let separator = u8::try_from(std::path::MAIN_SEPARATOR).unwrap_or(b'/');
    normalized
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|&b| if b == separator { 0 } else { b })
        .collect()
}

/// A path made absolute against the working directory and lexically cleaned
/// (`.` and `..` resolved), to compare paths without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    normalize_in(&std::env::current_dir().unwrap_or_default(), path)
}

/// [`normalize`] against a given working directory.
pub fn normalize_in(cwd: &Path, path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut clean = PathBuf::with_capacity(absolute.as_os_str().len());
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other.as_os_str()),
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn finds_articles_sorted_and_skips_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/drafts")).unwrap();
        for name in [
            "b/2.md",
            "a.txt",
            "c.markdown",
            "notes.pdf",
            "b/drafts/x.md",
            "ignored.md",
            ".hidden.md",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        fs::write(root.join(".gitignore"), "ignored.md\n").unwrap();
        let found = discover(&[root.to_path_buf()], &["b/drafts/**".to_string()], root).unwrap();
        let names: Vec<_> = found
            .articles
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b/2.md", "c.markdown"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_folder_is_not_followed_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        fs::create_dir_all(&root).unwrap();
        fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
        fs::write(dir.path().join("elsewhere/x.md"), "x").unwrap();
        fs::write(root.join("a.md"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), root.join("linked")).unwrap();
        let found = discover(std::slice::from_ref(&root), &[], &root).unwrap();
        assert_eq!(found.articles, [root.join("a.md")]);
        assert_eq!(found.notes.len(), 1, "{:?}", found.notes);
        assert!(
            found.notes[0].contains("linked: a symbolic link to a folder"),
            "{:?}",
            found.notes
        );
    }

    #[test]
    fn missing_root_is_an_error() {
        assert!(discover(&[PathBuf::from("/no/such/folder")], &[], Path::new(".")).is_err());
    }

    #[test]
    fn sorting_orders_by_component_and_drops_the_same_file_named_twice() {
        let mut paths: Vec<PathBuf> = ["/c/a-b.md", "/c/a/b.md", "/c/./a/b.md", "/c/a.md", "/c/B.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let mut by_components = paths.clone();
        by_components.sort_by_key(|p| normalize(p));
        by_components.dedup_by_key(|p| normalize(p));
        sort_and_dedup(&mut paths);
        assert_eq!(paths, by_components);
        let names: Vec<&str> = paths.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(names, ["/c/B.md", "/c/a/b.md", "/c/a-b.md", "/c/a.md"]);
    }

    #[test]
    fn normalize_resolves_dots() {
        assert_eq!(normalize(Path::new("/a/./b/../c.md")), PathBuf::from("/a/c.md"));
    }
}
