//! Writing an output file (a report, a baseline, an imported knowledge
//! file) whole or not at all, as every command that writes one does: the
//! engine writes baselines, the CLI reports.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files being written now, to be renamed over their files:
/// what a signal that stops the process removes first ([`remove_pending`]),
/// so that an interrupted `--fix`, `--write-baseline` or `--output-file`
/// leaves no `.factlint-*.tmp` behind (the file it replaces is whole either
/// way: the rename is atomic).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A temporary file in [`PENDING`] for as long as this lives.
pub struct Pending(PathBuf);

impl Pending {
    pub fn new(path: &Path) -> Pending {
        pending().push(path.to_path_buf());
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut pending = pending();
        if let Some(at) = pending.iter().position(|p| *p == self.0) {
            pending.swap_remove(at);
        }
    }
}

/// Removes every temporary file being written: a rename that has not
/// happened yet then fails, and the file it would have replaced stays as it
/// was.
pub fn remove_pending() {
    for path in pending().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files being
/// written ([`remove_pending`]) before the process ends with 130, as a
/// shell reports an interrupted command. Once per process; a second call,
/// or a platform without the signals, changes nothing.
pub fn remove_pending_on_signals() {
    let _ = ctrlc::set_handler(|| {
        remove_pending();
        std::process::exit(130);
    });
}

/// Writes what `render` writes to `path`:
/// - a regular file (or a new one) is written to a temporary file in the
///   same folder, synced and renamed over it, so a full disk or a crash
///   leaves the old file whole; the folder is then synced. A new file gets
///   the user's umask (as `>` in a shell gives it), an existing one keeps
///   its permissions;
/// - a folder that does not exist yet is created first;
/// - anything else at `path` (`/dev/null`, a named pipe, a terminal) is
///   written to directly: renaming over it would replace the device with a
///   file.
pub fn write_whole(path: &Path, render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    if let Ok(metadata) = std::fs::metadata(path)
        && !metadata.is_file()
    {
        if metadata.is_dir() {
            return Err(std::io::Error::other("it is a folder"));
        }
        let mut out = std::io::BufWriter::new(std::fs::OpenOptions::new().write(true).open(path)?);
        render(&mut out)?;
        return out.flush();
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".factlint-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // 0666 less the umask, applied by the open: a file as a shell makes it.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(folder)?;
    let _pending = Pending::new(temporary.path());
    {
        let mut out = std::io::BufWriter::new(temporary.as_file_mut());
        render(&mut out)?;
        out.flush()?;
    }
    if let Ok(existing) = std::fs::metadata(path) {
        temporary.as_file().set_permissions(existing.permissions())?;
    }
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|e| e.error)?;
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn pending_temporaries_are_removed_and_forgotten_once_renamed() {
        let dir = tempfile::tempdir().unwrap();
        let (kept, removed) = (dir.path().join("kept.tmp"), dir.path().join("removed.tmp"));
        std::fs::write(&kept, "").unwrap();
        std::fs::write(&removed, "").unwrap();
        drop(super::Pending::new(&kept));
        let _pending = super::Pending::new(&removed);
        super::remove_pending();
        assert!(kept.exists(), "a temporary no longer pending is not removed");
        assert!(!removed.exists());
    }

    use super::*;

    #[cfg(unix)]
    #[test]
    fn new_files_get_the_umask_and_old_ones_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("missing/folder/report.json");
        write_whole(&new, |out| out.write_all(b"{}")).unwrap();
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "{}");
        // The umask of a test run is not known; what a shell would give is.
        let shell = dir.path().join("shell");
        std::fs::File::create(&shell).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&new), mode(&shell), "a shell's mode, not a temporary file's");

        std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_whole(&new, |out| out.write_all(b"[]")).unwrap();
        assert_eq!(mode(&new), 0o640);
        assert!(
            std::fs::read_dir(new.parent().unwrap()).unwrap().count() == 1,
            "no temporary file left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt as _;
        write_whole(Path::new("/dev/null"), |out| out.write_all(b"report")).unwrap();
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    }
}
