//! The file database: every file a diagnostic can point into (articles, rule
//! files, `factlint.toml`), with the text the renderer shows for it.
//!
//! It implements codespan-reporting's `Files`, so diagnostics render straight
//! from here without copying sources into another store.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codespan_reporting::files::{self, Files};

use crate::model::span::FileId;

/// One file: where it is, how to name it in output, and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as factlint opened it, when it is not `name` read as a path
    /// (for a million articles, one string each instead of two).
    opened_as: Option<PathBuf>,
    /// The path as printed: relative to the working directory where possible,
    /// with `/` separators, so output is the same on every machine.
    pub name: String,
    /// The text as read (for an article with invalid UTF-8, a lossy copy in
    /// which every byte before the first bad one is unchanged).
    pub text: String,
    lines: OnceLock<LineIndex>,
    /// A file with nothing to show (binary, UTF-16, unreadable): never read
    /// back for rendering.
    no_source: bool,
    /// The file's size and modification time when it was read to be
    /// checked: a text read back for rendering is used only if they still
    /// hold, so positions always describe the bytes that were checked.
    checked: Option<(u64, std::time::SystemTime)>,
    /// For an article known only from a facts file (`check --facts`): the
    /// positions and texts of the spans its facts and diagnostics name,
    /// recorded when it was checked. Such a file is never read from disk.
    recorded: Option<Box<Recorded>>,
}

/// What a facts file keeps of an article's text: the line and column of
/// every offset a diagnostic may point at, and the text of every span a
/// corpus check or a baseline reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    /// (byte offset, 1-based line, 1-based column), sorted by offset.
    pub positions: Vec<(u32, u32, u32)>,
    /// (start, end, the text between), sorted by (start, end).
    pub texts: Vec<(u32, u32, String)>,
}

impl Recorded {
    /// The line and column of `offset`; (0, 0) when it was not recorded.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.positions.binary_search_by_key(&offset, |p| p.0) {
            Ok(at) => (self.positions[at].1 as usize, self.positions[at].2 as usize),
            Err(_) => (0, 0),
        }
    }

    /// The text of `span`; empty when it was not recorded.
    pub fn text(&self, span: crate::model::span::Span) -> &str {
        match self.texts.binary_search_by(|t| (t.0, t.1).cmp(&(span.start, span.end))) {
            Ok(at) => &self.texts[at].2,
            Err(_) => "",
        }
    }
}

/// A text read back from disk for positions, and its line index.
type ReadBack = (String, LineIndex);

/// How many bytes of text one character count of [`LineIndex`] covers.
const CHAR_BLOCK: usize = 4096;

/// Where a text's lines start, and how many characters come before every
/// [`CHAR_BLOCK`] bytes of it: a column is then counted over at most one
/// block, not over its whole line. (One line of 2 MB with 50,000
/// diagnostics counted 2 MB for each.)
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset on a char boundary, characters before it), one per block.
    marks: Vec<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut marks = vec![(0, 0)];
        let mut at = 0;
        let mut chars = 0;
        while at + CHAR_BLOCK < text.len() {
            let next = text.floor_char_boundary(at + CHAR_BLOCK);
            if next <= at {
                break;
            }
            chars += text[at..next].chars().count();
            marks.push((next, chars));
            at = next;
        }
        LineIndex {
            starts: files::line_starts(text).collect(),
            marks,
        }
    }

    /// The characters of `text` before byte `offset` (a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let i = self.marks.partition_point(|&(at, _)| at <= offset).saturating_sub(1);
        let (at, before) = self.marks.get(i).copied().unwrap_or((0, 0));
        before + text.get(at..offset).map_or(0, |s| s.chars().count())
    }

    /// The 1-based line and column (in characters) of byte `offset` of `text`.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let line_start = self.starts.get(line).copied().unwrap_or(0).min(text.len());
        let offset = text.floor_char_boundary(offset.min(text.len())).max(line_start);
        let column = self.chars_before(text, offset) - self.chars_before(text, line_start);
        (line + 1, column + 1)
    }
}

impl SourceFile {
    /// Whether the file on disk may differ from the bytes that were
    /// checked: its size or modification time moved since.
    pub fn changed_since_check(&self) -> bool {
        let Some((len, modified)) = self.checked else {
            return false;
        };
        std::fs::metadata(self.path())
            .and_then(|m| Ok((m.len(), m.modified()?)))
            .map_or(true, |now| now != (len, modified))
    }

    /// The file's text read back from disk, if it is still what was checked.
    fn read_back(&self) -> Option<String> {
        if self.recorded.is_some() || self.changed_since_check() {
            return None;
        }
        let bytes = std::fs::read(self.path()).ok()?;
        // Read between the stamp and now: the size must still match.
        if self.checked.is_some_and(|(len, _)| len != bytes.len() as u64) {
            return None;
        }
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl SourceFile {
    /// The path as factlint opened it.
    pub fn path(&self) -> &Path {
        self.opened_as.as_deref().unwrap_or(Path::new(&self.name))
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    fn line_starts(&self) -> &[usize] {
        &self.lines().starts
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        if self.text.is_empty()
            && let Some(recorded) = &self.recorded
        {
            return recorded.position(offset);
        }
        self.lines().line_column(&self.text, offset)
    }
}

/// The display name of `path`: relative to the current directory when it is
/// inside it, `/`-separated.
pub fn display_name(path: &Path) -> String {
    // Asked once per process: a million articles make a million names.
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let cwd = CWD.get_or_init(|| std::env::current_dir().ok());
    let relative = cwd
        .as_ref()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let name = relative.to_string_lossy().replace('\\', "/");
    name.strip_prefix("./").map(str::to_string).unwrap_or(name)
}

#[derive(Debug, Default)]
pub struct SourceDb {
    files: Vec<SourceFile>,
    /// The last file read from disk for [`SourceDb::position`], with its
    /// line starts: output is sorted by file, so one is enough.
    /// `None` as the text: the file changed since it was checked.
    read_back: std::sync::Mutex<Option<(FileId, Option<ReadBack>)>>,
}

/// A copy holds the same files; what was read back from disk is read again.
impl Clone for SourceDb {
    fn clone(&self) -> SourceDb {
        SourceDb {
            files: self.files.clone(),
            read_back: std::sync::Mutex::default(),
        }
    }
}

/// A file's text: the editor's unsaved text when `unsaved` holds the file (a
/// language server checks a rule file as it is typed), else the disk's.
pub fn read_text(path: &Path, unsaved: &[(PathBuf, String)]) -> std::io::Result<String> {
    let same = |other: &Path| {
        other == path
            || std::fs::canonicalize(other)
                .ok()
                .zip(std::fs::canonicalize(path).ok())
                .is_some_and(|(a, b)| a == b)
    };
    match unsaved.iter().find(|(other, _)| same(other)) {
        Some((_, text)) => Ok(text.clone()),
        None => read_bounded(path, MAX_SETTINGS_BYTES),
    }
}

/// The most bytes a rule file, knowledge file, `factlint.toml` or baseline
/// is read to: far more than any of them holds (an import of every
/// officeholder of Wikidata's table is a few megabytes), so that a path to
/// a device or an endless stream (`--config /dev/zero`) is an error at
/// once instead of a read that never ends.
pub const MAX_SETTINGS_BYTES: u64 = 256 * 1024 * 1024;

/// The UTF-8 text of the file at `path`, read to at most `limit` bytes: a
/// longer one (or an endless stream) is an error that says so.
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "it is larger than {} MiB (a device or an endless stream?)",
            limit / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

impl SourceDb {
    pub fn new() -> SourceDb {
        SourceDb::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        let name = display_name(&path);
        // The name is relative to the working directory, which never changes
        // during a run, so it opens the same file when it reads as the same path.
        let opened_as = (Path::new(&name) != path).then_some(path);
        self.files.push(SourceFile {
            opened_as,
            name,
            text,
            lines: OnceLock::new(),
            no_source: false,
            checked: None,
            recorded: None,
        });
        id
    }

    /// Gives an article known only from a facts file what was recorded of
    /// its text (see [`Recorded`]).
    pub fn set_recorded(&mut self, id: FileId, recorded: Recorded) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            file.recorded = Some(Box::new(recorded));
        }
    }

    /// What a facts file recorded of a file's text, if it is known so.
    pub fn recorded(&self, id: FileId) -> Option<&Recorded> {
        self.get(id)?.recorded.as_deref()
    }

    /// Records the size and modification time of a file when it was read
    /// to be checked (see [`SourceFile::changed_since_check`]).
    pub fn set_checked(&mut self, id: FileId, stamp: Option<(u64, std::time::SystemTime)>) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            file.checked = stamp;
        }
    }

    /// Replaces the text of a file added earlier (articles are registered
    /// before they are read, so ids can be handed out before the parallel read).
    pub fn set_text(&mut self, id: FileId, text: String) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            file.text = text;
            file.lines = OnceLock::new();
        }
    }

    /// Reads a file's text from disk if it is not in memory (articles
    /// without diagnostics are not kept).
    pub fn load(&mut self, id: FileId) {
        if let Some(file) = self.files.get_mut(id.0 as usize)
            && file.text.is_empty()
            && !file.no_source
        {
            match file.read_back() {
                Some(text) => {
                    file.text = text;
                    file.lines = OnceLock::new();
                }
                // Changed since it was checked: nothing to show rather than
                // other bytes under the checked offsets.
                None if file.checked.is_some() => file.no_source = true,
                None => {}
            }
        }
    }

    /// Marks a file as having nothing to show.
    pub fn set_no_source(&mut self, id: FileId) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            file.no_source = true;
        }
    }

    /// A file's whole text, from memory or, if it is not kept, from disk
    /// (empty when it changed there since it was checked).
    pub fn text_of(&self, id: FileId) -> String {
        let Some(file) = self.get(id) else {
            return String::new();
        };
        if !file.text.is_empty() {
            return file.text.clone();
        }
        file.read_back().unwrap_or_default()
    }

    /// The text at `span`, from memory or, if the file's text is not kept,
    /// from disk.
    pub fn text_at(&self, span: crate::model::span::Span) -> String {
        let Some(file) = self.get(span.file) else {
            return String::new();
        };
        if !file.text.is_empty() {
            return file.text.get(span.range()).unwrap_or("").to_string();
        }
        if let Some(recorded) = &file.recorded {
            return recorded.text(span).to_string();
        }
        file.read_back()
            .and_then(|text| text.get(span.range()).map(str::to_string))
            .unwrap_or_default()
    }

    /// The 1-based line and column of `offset` in file `id`, reading the
    /// file from disk if its text is not kept (the JSON output of a large
    /// corpus renders without holding every flagged article in memory).
    pub fn position(&self, id: FileId, offset: usize) -> (usize, usize) {
        let Some(file) = self.get(id) else { return (0, 0) };
        if file.text.is_empty()
            && let Some(recorded) = &file.recorded
        {
            return recorded.position(offset);
        }
        if !file.text.is_empty() || file.no_source {
            return file.line_column(offset);
        }
        let Ok(mut cache) = self.read_back.lock() else {
            return (0, 0);
        };
        if cache.as_ref().is_none_or(|(cached, _)| *cached != id) {
            // Changed since it was checked: no text, so no position (0, 0)
            // rather than one that contradicts the offsets.
            let read = file.read_back().map(|text| {
                let lines = LineIndex::new(&text);
                (text, lines)
            });
            *cache = Some((id, read));
        }
        match cache.as_ref() {
            Some((_, Some((text, lines)))) => lines.line_column(text, offset),
            _ => (0, 0),
        }
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn name(&self, id: FileId) -> &str {
        self.get(id).map_or("<unknown>", |f| f.name.as_str())
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    fn file(&self, id: FileId) -> Result<&SourceFile, files::Error> {
        self.get(id).ok_or(files::Error::FileMissing)
    }
}

impl<'a> Files<'a> for SourceDb {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(&self.file(id)?.name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(&self.file(id)?.text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        let starts = self.file(id)?.line_starts();
        Ok(starts.partition_point(|&start| start <= byte_index).saturating_sub(1))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = self.file(id)?;
        let starts = file.line_starts();
        let start = *starts.get(line_index).ok_or(files::Error::LineTooLarge {
            given: line_index,
            max: starts.len().saturating_sub(1),
        })?;
        let end = starts.get(line_index + 1).copied().unwrap_or(file.text.len());
        Ok(start..end)
    }

    /// Counted from the nearest block mark, not from the line's start.
    fn column_number(&'a self, id: FileId, _line_index: usize, byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.file(id)?.line_column(byte_index).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_to_a_bound_and_an_endless_stream_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("factlint.toml");
        std::fs::write(&path, "x".repeat(2048)).unwrap();
        assert_eq!(read_bounded(&path, 2048).unwrap().len(), 2048);
        let error = read_bounded(&path, 2047).unwrap_err().to_string();
        assert!(error.contains("larger than"), "{error}");
        // A device that never ends: refused after the bound, not read forever.
        assert!(read_bounded(Path::new("/dev/zero"), 1 << 20).is_err());
        std::fs::write(&path, b"\xff\xfe").unwrap();
        assert!(read_bounded(&path, 2048).unwrap_err().to_string().contains("not UTF-8"));
    }

    #[test]
    fn columns_counted_from_block_marks_are_the_characters_of_the_line() {
        // Multibyte text over several blocks, on one long line and on short ones.
        let unit = "Алматы, 北京 and Astana — ";
        let long_line = unit.repeat(1200);
        let text = format!("{long_line}\n{}\nend", unit.repeat(3));
        let index = LineIndex::new(&text);
        let starts: Vec<usize> = files::line_starts(&text).collect();
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let line = starts.partition_point(|&s| s <= offset) - 1;
            let naive = text[starts[line]..offset].chars().count() + 1;
            assert_eq!(index.line_column(&text, offset), (line + 1, naive), "at {offset}");
        }
    }

    #[test]
    fn positions_come_only_from_the_bytes_that_were_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one\ntwo\n").unwrap();
        let mut db = SourceDb::new();
        let id = db.add(path.clone(), String::new());
        let meta = std::fs::metadata(&path).unwrap();
        db.set_checked(id, Some((meta.len(), meta.modified().unwrap())));
        assert_eq!(db.position(id, 4), (2, 1));
        // Edited during the run: the offsets are of the old bytes, so no
        // position is made up from the new ones.
        std::fs::write(&path, "a longer first line\ntwo\n").unwrap();
        let fresh = db.clone();
        assert!(fresh.get(id).unwrap().changed_since_check());
        assert_eq!(fresh.position(id, 4), (0, 0));
        let mut loaded = fresh.clone();
        loaded.load(id);
        assert!(loaded.get(id).unwrap().text.is_empty());
        // Deleted: the same.
        std::fs::remove_file(&path).unwrap();
        assert_eq!(db.clone().position(id, 4), (0, 0));
    }

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let mut db = SourceDb::new();
        let id = db.add(PathBuf::from("a.md"), "first\r\nsecond – é line\n".to_string());
        let file = db.get(id).unwrap();
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(7), (2, 1));
        let offset = file.text.find("line").unwrap();
        assert_eq!(file.line_column(offset), (2, 12));
    }

    #[test]
    fn codespan_sees_crlf_lines() {
        let mut db = SourceDb::new();
        let id = db.add(PathBuf::from("a.md"), "a\r\nb\r\n".to_string());
        assert_eq!(db.line_index(id, 3).unwrap(), 1);
        assert_eq!(db.line_range(id, 0).unwrap(), 0..3);
    }
}
