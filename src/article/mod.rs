//! Articles: reading a file, deciding its publication date and dateline, and
//! building the prose mask that checks search.
//!
//! Reading never fails the run: a file that cannot be read as an article
//! becomes a diagnostic on that file (`article-*` rules) and the rest of the
//! corpus is checked as usual.

pub mod dateline;
pub mod header;
pub mod prose;

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::span::{FileId, Span};
use crate::text::sentence::SentenceIndex;

pub use dateline::Dateline;
pub use header::{DateSource, PubDate};

/// Rule ids of the checks built into article reading.
pub const ENCODING: &str = "article-encoding";
pub const FRONT_MATTER: &str = "article-front-matter";
pub const DATE_MISSING: &str = "article-date-missing";
pub const DATE_INVALID: &str = "article-date-invalid";
pub const BINARY: &str = "article-binary";
pub const READ: &str = "article-read";
pub const INTERNAL: &str = "article-internal-error";
pub const TOO_LARGE: &str = "article-too-large";

/// The default of `max-article-bytes`: larger files are not read. A news
/// article is a few kilobytes; a file of 10 MB is an export or a dump, and
/// one of a gigabyte would take gigabytes of memory to check.
pub const MAX_ARTICLE_BYTES: u64 = 10 * 1024 * 1024;

/// Markdown or plain text, decided by the file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    PlainText,
}

impl Format {
    pub fn of(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::PlainText,
        }
    }
}

/// A parsed article, ready to be checked.
#[derive(Debug)]
pub struct Article {
    pub file: FileId,
    pub format: Format,
    /// The file's text exactly as on disk.
    pub text: String,
    /// Where the body starts, after front matter or the date line.
    pub body_start: usize,
    pub date: Option<PubDate>,
    pub dateline: Option<Dateline>,
    /// Same length as `text`; non-prose bytes are spaces (see [`prose`]).
    pub prose: String,
    /// The sentence bounds, found on first use (see [`Article::sentence`]).
    sentences: OnceLock<SentenceIndex>,
}

impl Article {
    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    /// The sentence of the prose that contains `at` (see
    /// [`crate::text::sentence::sentence`]), from bounds found once per
    /// article.
    pub fn sentence(&self, at: usize) -> Range<usize> {
        self.sentences
            .get_or_init(|| SentenceIndex::new(&self.prose, &self.text))
            .sentence(&self.prose, at)
    }

    /// The sentence around the mention at `mention`, as far as
    /// [`crate::text::sentence::MAX_SENTENCE_BYTES`] either side of it: what
    /// a check reads to judge one mention, so that a run of text without
    /// sentence ends costs each of its mentions no more than a sentence.
    pub fn sentence_near(&self, mention: Range<usize>) -> Range<usize> {
        let whole = self.sentence(mention.start);
        // Cut at character boundaries of the text, not of the prose mask:
        // the mask has a space for each byte of what it hides (a link with
        // CJK characters in it), so its boundaries may fall inside a
        // character of the text the checks slice.
        crate::text::sentence::near(&self.text, whole, mention)
    }

    /// The publication date, if the article has one.
    pub fn published(&self) -> Option<NaiveDate> {
        self.date.as_ref().map(|d| d.date)
    }

    /// The date the article's facts are judged as of: the dateline's date
    /// when there is one, else the publication date.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.dateline.as_ref().and_then(|d| d.date).or_else(|| self.published())
    }
}

/// The outcome of reading one file.
#[derive(Debug)]
pub struct Loaded {
    /// The article, unless the file could not be read as one.
    pub article: Option<Article>,
    /// When there is no article: the text to show when rendering the
    /// diagnostics on this file (an article carries its own text).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// The encoding of text in UTF-16 or UTF-32 without a byte order mark, told
/// by where its NUL bytes are: Latin text in those encodings has NUL in
/// every other byte (or three of four) at the same places, which no binary
/// format and no UTF-8 has. Nine of ten code units alike, at least 16
/// bytes: otherwise the file is left to the binary test.
fn wide_encoding(start: &[u8]) -> Option<&'static str> {
    if start.len() < 16 || !start.contains(&0) {
        return None;
    }
    // How many of the units of `width` bytes have NUL at exactly the
    // positions in `zero` and a non-NUL byte at the others.
    let share = |width: usize, zero: &[usize]| {
        let units = start.chunks_exact(width);
        let count = units.len();
        let alike = units
            .filter(|unit| (0..width).all(|i| (unit[i] == 0) == zero.contains(&i)))
            .count();
        alike * 10 >= count * 9
    };
    if share(4, &[1, 2, 3]) {
        Some("UTF-32LE")
    } else if share(4, &[0, 1, 2]) {
        Some("UTF-32BE")
    } else if share(2, &[1]) {
        Some("UTF-16LE")
    } else if share(2, &[0]) {
        Some("UTF-16BE")
    } else {
        None
    }
}

/// How far into a file to look for a NUL byte when deciding it is binary
/// (ripgrep and git look at the start of the file the same way).
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Reads `bytes`, the content of the file at `path`, as an article.
pub fn load(file: FileId, path: &Path, bytes: Vec<u8>) -> Loaded {
    let whole_file = Span::file_start(file);
    // UTF-32's marks first: the little-endian one starts like UTF-16's.
    let encoding = if bytes.starts_with(&[0xff, 0xfe, 0, 0]) || bytes.starts_with(&[0, 0, 0xfe, 0xff]) {
        Some(("UTF-32", "UTF-32 byte order mark"))
    } else if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        Some(("UTF-16", "UTF-16 byte order mark"))
    } else {
        wide_encoding(&bytes[..bytes.len().min(BINARY_SNIFF_LEN)])
            .map(|name| (name, "no byte order mark, but NUL bytes where this encoding has them"))
    };
    if let Some((encoding, label)) = encoding {
        let diagnostic = Diagnostic::new(
            ENCODING,
            Severity::Error,
            format!("article is {encoding}, not UTF-8"),
            Label::new(whole_file, label),
        )
        .with_note("the article was not checked")
        .with_note(format!(
            "help: convert it, e.g. `iconv -f {} -t utf-8`",
            encoding.to_lowercase()
        ));
        return Loaded {
            article: None,
            text: String::new(),
            diagnostics: vec![diagnostic],
        };
    }
    if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        let diagnostic = Diagnostic::new(
            BINARY,
            Severity::Info,
            "binary file skipped",
            Label::new(whole_file, "NUL byte in the first 8 KiB"),
        );
        return Loaded {
            article: None,
            text: String::new(),
            diagnostics: vec![diagnostic],
        };
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            // The lossy copy is identical up to `offset`, where U+FFFD (three
            // bytes) stands for the bad sequence.
            let span = Span::new(file, offset..offset + '\u{fffd}'.len_utf8());
            let diagnostic = Diagnostic::new(
                ENCODING,
                Severity::Error,
                format!("article is not valid UTF-8 (first bad byte at offset {offset})"),
                Label::new(span, "invalid UTF-8 here"),
            )
            .with_note("the article was not checked")
            .with_note("help: convert the file to UTF-8, e.g. `iconv -f latin1 -t utf-8`");
            return Loaded {
                article: None,
                text,
                diagnostics: vec![diagnostic],
            };
        }
    };
    parse(file, path, text)
}

/// Parses UTF-8 `text` as the article at `path`.
pub fn parse(file: FileId, path: &Path, text: String) -> Loaded {
    let format = Format::of(path);
    let header = header::parse(&text, path);
    let mut diagnostics: Vec<Diagnostic> = header
        .problems
        .iter()
        .map(|p| {
            Diagnostic::new(
                p.rule,
                Severity::Error,
                p.message.clone(),
                Label::new(Span::new(file, p.range.clone()), p.label.clone()),
            )
            .with_note(match &header.date {
                Some(date) => format!("the article is dated {} from its {}", date.date, date.source.describe()),
                None => "the article's date could not be read: checks that depend on it are skipped".to_string(),
            })
        })
        .collect();
    // A header that does not parse already explains why there is no date.
    if header.date.is_none() && header.problems.is_empty() {
        diagnostics.push(missing_date(file, &text, header.body_start));
    }
    let published = header.date.as_ref().map(|d| d.date);
    let dateline = dateline::find(&text, header.body_start, published);
    let prose = match format {
        Format::Markdown => prose::markdown(&text, header.body_start),
        Format::PlainText => prose::plain_text(&text, header.body_start),
    };
    let article = Article {
        file,
        format,
        body_start: header.body_start,
        date: header.date,
        dateline,
        prose,
        text,
        sentences: OnceLock::new(),
    };
    Loaded {
        article: Some(article),
        text: String::new(),
        diagnostics,
    }
}

fn missing_date(file: FileId, text: &str, body_start: usize) -> Diagnostic {
    let body = &text[body_start..];
    let first_line = body
        .lines()
        .find(|line| !line.trim().is_empty())
        .map(|line| {
            let trimmed = line.trim();
            let start = body_start + (trimmed.as_ptr() as usize - body.as_ptr() as usize);
            start..start + trimmed.len()
        })
        .unwrap_or(body_start..body_start);
    Diagnostic::new(DATE_MISSING, Severity::Warning, "article has no publication date", Label::new(Span::new(file, first_line), "no date found before this"))
        .with_note("checks that depend on the article's date are skipped for it")
        .with_note("help: add a first line `date YYYY-MM-DD`, front matter `date: YYYY-MM-DD`, or start the file name with the date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(name: &str, bytes: impl AsRef<[u8]>) -> Loaded {
        load(FileId(0), Path::new(name), bytes.as_ref().to_vec())
    }

    #[test]
    fn wire_story_gets_date_dateline_and_as_of() {
        let loaded = load_str(
            "a.txt",
            " date 2023-11-28 Headline\n\nASTANA, Nov. 27 (Xinhua) -- Ding said on Monday.",
        );
        assert!(loaded.diagnostics.is_empty());
        let article = loaded.article.unwrap();
        assert_eq!(article.published(), NaiveDate::from_ymd_opt(2023, 11, 28));
        assert_eq!(article.as_of(), NaiveDate::from_ymd_opt(2023, 11, 27));
        assert_eq!(article.dateline.unwrap().place, "ASTANA");
        assert!(article.prose.starts_with("                 Headline"));
    }

    #[test]
    fn invalid_utf8_reports_the_offset_and_keeps_the_prefix() {
        let loaded = load_str("a.md", b"date 2024-01-01\nAlmat\xff and more");
        assert!(loaded.article.is_none());
        let d = &loaded.diagnostics[0];
        assert_eq!(d.rule, ENCODING);
        assert!(d.message.contains("offset 21"), "{}", d.message);
        assert_eq!(&loaded.text[d.primary.span.range()], "\u{fffd}");
        assert!(loaded.text.starts_with("date 2024-01-01\nAlmat"));
    }

    /// ASCII `text` in code units of `width` bytes, big-endian or little.
    fn wide(text: &str, width: usize, big_endian: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        for byte in text.bytes() {
            let mut unit = vec![0; width];
            unit[if big_endian { width - 1 } else { 0 }] = byte;
            bytes.extend(unit);
        }
        bytes
    }

    #[test]
    fn utf16_and_binary_files_are_not_checked() {
        let utf16 = load_str("a.md", [0xff, 0xfe, b'a', 0]);
        assert_eq!(utf16.diagnostics[0].rule, ENCODING);
        assert_eq!(utf16.diagnostics[0].message, "article is UTF-16, not UTF-8");
        // UTF-32 is named as such, though its mark starts like UTF-16's.
        for mark in [[0xff, 0xfe, 0, 0], [0, 0, 0xfe, 0xff]] {
            let utf32 = load_str("a.md", [&mark[..], &[b'a', 0, 0, 0]].concat());
            assert_eq!(utf32.diagnostics[0].message, "article is UTF-32, not UTF-8");
        }
        // Without a byte order mark, told by where the NUL bytes are.
        for (encoding, bytes) in [
            ("UTF-16LE", wide("date 2024-01-01\nOBOR here.\n", 2, false)),
            ("UTF-16BE", wide("date 2024-01-01\nOBOR here.\n", 2, true)),
            ("UTF-32LE", wide("date 2024-01-01\nOBOR here.\n", 4, false)),
            ("UTF-32BE", wide("date 2024-01-01\nOBOR here.\n", 4, true)),
        ] {
            let loaded = load_str("a.md", &bytes);
            assert_eq!(
                loaded.diagnostics[0].message,
                format!("article is {encoding}, not UTF-8")
            );
        }
        let binary = load_str("a.md", b"%PDF\0\x01\x02");
        assert_eq!(binary.diagnostics[0].rule, BINARY);
        assert!(binary.article.is_none());
    }

    #[test]
    fn missing_date_points_at_the_first_line() {
        let loaded = load_str("a.txt", "\n  China and Kazakhstan Vow\n\nText");
        let d = &loaded.diagnostics[0];
        assert_eq!(d.rule, DATE_MISSING);
        let article = loaded.article.unwrap();
        assert_eq!(&article.text[d.primary.span.range()], "China and Kazakhstan Vow");
    }

    #[test]
    fn empty_file_is_an_undated_article() {
        let loaded = load_str("a.md", b"");
        assert_eq!(loaded.diagnostics[0].rule, DATE_MISSING);
        assert_eq!(loaded.diagnostics[0].primary.span.range(), 0..0);
    }

    #[test]
    fn markdown_is_decided_by_extension() {
        assert_eq!(Format::of(Path::new("a.MD")), Format::Markdown);
        assert_eq!(Format::of(Path::new("a.markdown")), Format::Markdown);
        assert_eq!(Format::of(Path::new("a.txt")), Format::PlainText);
    }
}
