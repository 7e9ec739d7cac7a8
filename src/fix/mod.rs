//! Applying fixes: `--fix`, `--unsafe-fixes`, `--diff`.
//!
//! Edits are applied to the bytes factlint read, so nothing outside an edit
//! changes (BOM, line ends and all). Overlapping fixes are resolved
//! deterministically (the earlier edit wins; the later is left for the next
//! pass). A file is written atomically — a temporary file in the same folder,
//! synced, then renamed over the original, with the original's permissions —
//! and only if it has not changed on disk since it was read.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use similar::TextDiff;

use crate::engine::{Run, Session};
use crate::model::error::Error;
use crate::model::fix::{Applicability, Edit, Fix};
use crate::model::span::FileId;

/// How many check-and-fix passes `--fix` makes at most before it stops.
pub const MAX_PASSES: usize = 5;

/// The edits to make, per file, and how many fixes they come from.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: BTreeMap<FileId, Vec<Edit>>,
    pub fixes: usize,
    /// How many of the fixes each rule gave, per file (of its first edit):
    /// what `--show-fixes` lists.
    pub by_rule: BTreeMap<FileId, BTreeMap<String, usize>>,
    /// Fixes left out: unsafe ones without `--unsafe-fixes`, or overlapping.
    pub skipped_unsafe: usize,
}

/// Chooses the fixes to apply from `run`'s diagnostics. A fix is taken whole
/// or not at all; one that overlaps a fix already taken is left out.
pub fn plan(run: &Run, unsafe_fixes: bool) -> Plan {
    let fixes: Vec<(&Fix, &str)> = run
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (f, d.rule.as_str())))
        .collect();
    choose(fixes, unsafe_fixes)
}

/// [`plan`] over fixes with the rule each is of: in order of their first
/// edit (then rule), each taken unless it overlaps one taken before it or
/// itself.
fn choose(mut fixes: Vec<(&Fix, &str)>, unsafe_fixes: bool) -> Plan {
    let mut plan = Plan::default();
    fixes.sort_by_key(|(f, rule)| (f.edits.first().map(|e| (e.span.file, e.span.start, e.span.end)), *rule));
    // The byte ranges taken in each file, by start, none overlapping (an
    // insertion takes the byte it is put before): whether a new range
    // overlaps one is told by the taken range that starts last before its
    // end, in logarithmic time, however many fixes a file has.
    let mut taken: BTreeMap<FileId, BTreeMap<u32, u32>> = BTreeMap::new();
    let reach = |edit: &Edit| (edit.span.start, edit.span.end.max(edit.span.start + 1));
    for (fix, rule) in fixes {
        if fix.applicability == Applicability::Unsafe && !unsafe_fixes {
            plan.skipped_unsafe += 1;
            continue;
        }
        let overlaps = fix.edits.iter().enumerate().any(|(i, edit)| {
            let (start, end) = reach(edit);
            let with_taken = taken
                .get(&edit.span.file)
                .and_then(|ranges| ranges.range(..end).next_back())
                .is_some_and(|(_, &taken_end)| start < taken_end);
            // Or with another edit of the same fix.
            let with_own = fix.edits[..i].iter().any(|other| {
                let (other_start, other_end) = reach(other);
                other.span.file == edit.span.file && other_start < end && start < other_end
            });
            with_taken || with_own
        });
        if overlaps || fix.edits.is_empty() {
            continue;
        }
        for edit in &fix.edits {
            let (start, end) = reach(edit);
            taken.entry(edit.span.file).or_default().insert(start, end);
            plan.files.entry(edit.span.file).or_default().push(edit.clone());
        }
        plan.fixes += 1;
        if let Some(first) = fix.edits.first() {
            *plan
                .by_rule
                .entry(first.span.file)
                .or_default()
                .entry(rule.to_string())
                .or_default() += 1;
        }
    }
    for edits in plan.files.values_mut() {
        edits.sort_by_key(|e| e.span.start);
    }
    plan
}

/// What `--fix` did.
#[derive(Debug, Default)]
pub struct Report {
    /// Edits written.
    pub applied: usize,
    /// Diagnostics with a fix that is still there after the last pass.
    pub remaining: usize,
    /// Of those, the unsafe ones.
    pub unsafe_left: usize,
    /// Files that could not be written, with why; nothing was changed in them.
    pub problems: Vec<String>,
    /// The fixes written, by file (its display name) and rule: what
    /// `--show-fixes` lists.
    pub fixed: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Report {
    /// Counts the fixes of `plan` on `file` (shown as `name`) as written.
    fn count(&mut self, plan: &Plan, file: FileId, name: &str) {
        let Some(rules) = plan.by_rule.get(&file) else { return };
        let fixed = self.fixed.entry(name.to_string()).or_default();
        for (rule, count) in rules {
            *fixed.entry(rule.clone()).or_default() += count;
        }
    }
}

/// `--fix`: writes the fixes of `run` and checks the corpus again, pass
/// after pass (a fix may reveal or remove other diagnostics), until nothing
/// is left to fix or [`MAX_PASSES`] is reached. Returns the last run.
pub fn fix_all(session: &Session, mut run: Run, unsafe_fixes: bool) -> Result<(Run, Report), Error> {
    let mut report = Report::default();
    // A file that could not be written is not tried again in later passes:
    // reported once, left as it is.
    let mut refused: std::collections::HashSet<std::path::PathBuf> = std::collections::HashSet::new();
    for _ in 0..MAX_PASSES {
        let plan = plan(&run, unsafe_fixes);
        if plan.fixes == 0 {
            break;
        }
        let mut wrote = 0;
        for (file, edits) in &plan.files {
            let Some(source) = run.db.get(*file) else { continue };
            if refused.contains(source.path()) {
                continue;
            }
            let fixed = apply(&source.text, edits);
            match write(source.path(), &source.text, &fixed) {
                Ok(()) => {
                    wrote += edits.len();
                    report.count(&plan, *file, &source.name);
                }
                Err(problem) => {
                    refused.insert(source.path().to_path_buf());
                    report.problems.push(problem);
                }
            }
        }
        report.applied += wrote;
        run = session.check()?;
        if wrote == 0 {
            break;
        }
    }
    let fixable = run.diagnostics.iter().filter_map(|d| d.fix.as_ref());
    report.remaining = fixable.clone().count();
    report.unsafe_left = fixable.filter(|f| f.applicability == Applicability::Unsafe).count();
    Ok((run, report))
}

/// `--diff`: the fixes of `run` as one unified diff over every file they
/// change, and how many fixes it holds. Nothing is written.
/// [`fix_all`] for the article read from standard input: its fixes are
/// applied in memory, pass after pass, and the fixed text is returned (for
/// standard output, as `ruff --fix -` does); no file is written.
pub fn fix_stdin(session: &mut Session, mut run: Run, unsafe_fixes: bool) -> Result<(Run, Report, String), Error> {
    let mut report = Report::default();
    let mut text = session
        .options()
        .stdin
        .as_ref()
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default();
    for _ in 0..MAX_PASSES {
        let plan = plan(&run, unsafe_fixes);
        // Standard input is the one article reported on: its edits are all.
        let edits: Vec<Edit> = plan.files.values().flatten().cloned().collect();
        if edits.is_empty() {
            break;
        }
        text = apply(&text, &edits);
        report.applied += edits.len();
        for &file in plan.by_rule.keys() {
            let name = run.db.name(file).to_string();
            report.count(&plan, file, &name);
        }
        session.set_stdin_text(text.clone());
        run = session.check()?;
    }
    let fixable = run.diagnostics.iter().filter_map(|d| d.fix.as_ref());
    report.remaining = fixable.clone().count();
    report.unsafe_left = fixable.filter(|f| f.applicability == Applicability::Unsafe).count();
    Ok((run, report, text))
}

pub fn diff_all(run: &Run, unsafe_fixes: bool) -> (String, usize) {
    let plan = plan(run, unsafe_fixes);
    let mut text = String::new();
    for (file, edits) in &plan.files {
        let Some(source) = run.db.get(*file) else { continue };
        let fixed = apply(&source.text, edits);
        // Relative to the working directory, `./` and `..` resolved: the
        // paths `git apply` takes in a work tree.
        let name = crate::config::relative_to(&crate::discover::normalize(Path::new(".")), source.path());
        text.push_str(&diff(&name, &source.text, &fixed));
    }
    (text, plan.fixes)
}

/// `text` with `edits` (sorted, not overlapping) applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        let range = edit.span.range();
        if range.start < at
            || range.end > text.len()
            || !text.is_char_boundary(range.start)
            || !text.is_char_boundary(range.end)
        {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&edit.replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A unified diff of one file, `a/PATH` → `b/PATH`, the paths quoted as
/// git quotes them where they hold a quotation mark, a backslash or a
/// control character ([`git_quoted`]): a line end in a file name would end
/// the header line, break `git apply`, and let the name write lines of its
/// own into a CI log.
pub fn diff(name: &str, old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&git_quoted(&format!("a/{name}")), &git_quoted(&format!("b/{name}")))
        .to_string()
}

/// `path` as git writes it in a diff header: as it is, or, when it holds a
/// quotation mark, a backslash or a control character, between quotation
/// marks with those written as C escapes (`\\n`, `\\t`, `\\"`, two
/// backslashes, octal for the other control characters), which
/// `git apply` reads back.
pub fn git_quoted(path: &str) -> String {
    if !path.chars().any(|c| c == '"' || c == '\\' || c.is_control()) {
        return path.to_string();
    }
    let mut quoted = String::from("\"");
    for c in path.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() => {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    quoted.push_str(&format!("\\{byte:03o}"));
                }
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Whether the file at `path` still holds `expected`, or why not.
fn unchanged(path: &Path, expected: &str) -> Result<(), String> {
    let on_disk = std::fs::read(path).map_err(|e| format!("cannot read {} again: {e}", path.display()))?;
    if on_disk != expected.as_bytes() {
        return Err(format!(
            "{} changed on disk since it was checked: not written",
            path.display()
        ));
    }
    Ok(())
}

/// Replaces the file at `path` with `new`, atomically, if it still holds
/// `expected`.
pub fn write(path: &Path, expected: &str, new: &str) -> Result<(), String> {
    unchanged(path, expected)?;
    // A link is not replaced by a file: a named symlink would become a
    // plain file with its target left unfixed, and a file with other hard
    // links would leave them holding the old text. Both are refused.
    let link = std::fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    if link.file_type().is_symlink() {
        let target =
            std::fs::canonicalize(path).map_or_else(|_| "its target".to_string(), |t| format!("`{}`", t.display()));
        return Err(format!(
            "{} is a symbolic link: not written (fix {target} itself)",
            path.display()
        ));
    }
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if metadata.permissions().readonly() {
        return Err(format!("{} is read-only: not written", path.display()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.nlink() > 1 {
            return Err(format!(
                "{} has {} hard links: not written (a new file would leave the other names with the old text)",
                path.display(),
                metadata.nlink()
            ));
        }
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp =
        tempfile::NamedTempFile::new_in(folder).map_err(|e| format!("cannot write next to {}: {e}", path.display()))?;
    // Removed if a signal stops the run before the rename.
    let _pending = crate::engine::write::Pending::new(temp.path());
    temp.write_all(new.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| format!("cannot sync {}: {e}", path.display()))?;
    // The new file has the article's owner and group, or it does not
    // replace it; then its permissions (a change of owner clears the
    // setuid and setgid bits, so they are set after it).
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::os::unix::fs::fchown(temp.as_file(), Some(metadata.uid()), Some(metadata.gid())).map_err(|e| {
            format!(
                "cannot keep the owner and group of {}: {e}; not written",
                path.display()
            )
        })?;
    }
    std::fs::set_permissions(temp.path(), metadata.permissions())
        .map_err(|e| format!("cannot keep the permissions of {}: {e}", path.display()))?;
    // Read again right before the rename: what another program wrote
    // (an append) while the new text was written is not lost.
    unchanged(path, expected)?;
    temp.persist(path)
        .map_err(|e| format!("cannot replace {}: {}", path.display(), e.error))?;
    // The rename is durable once the folder is.
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::span::Span;

    fn edit(start: usize, end: usize, replacement: &str) -> Edit {
        Edit {
            span: Span::new(FileId(0), start..end),
            replacement: replacement.to_string(),
        }
    }

    #[test]
    fn overlapping_fixes_leave_the_later_out_whole() {
        let fix = |edits: Vec<Edit>| Fix {
            applicability: Applicability::Safe,
            edits,
        };
        let first = fix(vec![edit(10, 20, "a")]);
        // Overlaps the first fix with its second edit: left out whole.
        let across = fix(vec![edit(30, 32, "b"), edit(18, 22, "c")]);
        // An insertion right where the first ends does not overlap it.
        let after = fix(vec![edit(20, 20, "d")]);
        // Its own two edits overlap: left out whole, not half applied.
        let twisted = fix(vec![edit(40, 45, "e"), edit(44, 46, "f")]);
        let many: Vec<Fix> = (0..1000)
            .map(|i| fix(vec![edit(100 + 2 * i, 101 + 2 * i, "g")]))
            .collect();
        let mut fixes = vec![(&first, "r"), (&across, "r"), (&after, "r"), (&twisted, "r")];
        fixes.extend(many.iter().map(|f| (f, "r")));
        let plan = choose(fixes, false);
        let starts: Vec<u32> = plan.files[&FileId(0)].iter().map(|e| e.span.start).take(3).collect();
        assert_eq!(starts, [10, 20, 100]);
        assert_eq!(plan.fixes, 1002);
    }

    #[test]
    fn diff_headers_quote_names_as_git_does() {
        assert_eq!(git_quoted("a/corpus/story.md"), "a/corpus/story.md");
        assert_eq!(
            git_quoted("a/x\n::error::y\t\"\\z\u{7}.md"),
            r#""a/x\n::error::y\t\"\\z\007.md""#
        );
        let diff = diff("corpus/a\n::error::x.txt", "OBOR\n", "Belt and Road\n");
        // Every line of the diff is its own: the name made no line of its own.
        assert!(diff.lines().all(|line| !line.starts_with("::")), "{diff}");
        assert!(diff.starts_with("--- \"a/corpus/a\\n::error::x.txt\"\n"), "{diff}");
    }

    #[cfg(unix)]
    #[test]
    fn setuid_and_setgid_bits_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o6755)).unwrap();
        write(&path, "old", "new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o6755, "{mode:o}");
    }

    #[test]
    fn edits_change_only_their_bytes() {
        let text = "\u{feff}In Nur-Sultan,\r\nthe Majilis met.\r\n";
        let a = text.find("Nur-Sultan").unwrap();
        let b = text.find("Majilis").unwrap();
        let fixed = apply(
            text,
            &[edit(a, a + "Nur-Sultan".len(), "Astana"), edit(b, b + 7, "Mazhilis")],
        );
        assert_eq!(fixed, "\u{feff}In Astana,\r\nthe Mazhilis met.\r\n");
    }

    #[test]
    fn links_are_refused_and_owner_and_group_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        // A named symlink: its target is not replaced by a plain file.
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert!(write(&link, "old", "new").unwrap_err().contains("is a symbolic link"));
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        // A second hard link would keep the old text: refused.
        let hard = dir.path().join("hard.md");
        std::fs::hard_link(&path, &hard).unwrap();
        assert!(write(&path, "old", "new").unwrap_err().contains("has 2 hard links"));
        assert_eq!(std::fs::read_to_string(&hard).unwrap(), "old");
        std::fs::remove_file(&hard).unwrap();
        // Owner and group survive the rename (run as root, a foreign owner).
        let owner = (1234, 5678);
        let as_root = std::os::unix::fs::chown(&path, Some(owner.0), Some(owner.1)).is_ok();
        write(&path, "old", "new").unwrap();
        let metadata = std::fs::metadata(&path).unwrap();
        if as_root {
            assert_eq!((metadata.uid(), metadata.gid()), owner);
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn atomic_write_keeps_permissions_and_refuses_changed_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, "old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        let refused = write(&path, "old", "newer");
        assert!(refused.unwrap_err().contains("changed on disk"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }
}
