//! Reading and checking every article in parallel (each behind
//! `catch_unwind`, so a bug in a check costs one article, not the run), then
//! gathering what they left behind for the corpus-wide pass.

use std::path::Path;

use rayon::prelude::*;

use super::{Options, Progress};
use crate::article;
use crate::check::{ArticleOutcome, Checker};
use crate::engine::suppress::{self, Suppression};
use crate::model::diagnostic::{self, Diagnostic, Severity};
use crate::model::fact::Fact;
use crate::model::source::SourceDb;
use crate::model::span::{FileId, Span};

/// Where an article's text comes from.
pub enum Source {
    /// Read the file at the database entry's path.
    Disk,
    /// The text is already in memory (`Session::check_texts`, a test case,
    /// an editor's unsaved buffer).
    Text(String),
    /// The bytes were read already (standard input): loaded as a file's
    /// are, their encoding told by the article loader.
    Bytes(Vec<u8>),
}

/// The most worker threads a check starts, whatever `--jobs` asks.
pub const MAX_JOBS: usize = 256;

/// What every article left behind, gathered in file order.
#[derive(Default)]
pub struct Gathered {
    pub diagnostics: Vec<Diagnostic>,
    pub facts: Vec<Fact>,
    pub notes: Vec<String>,
    pub suppressions: Vec<(FileId, Vec<Suppression>)>,
}

/// Reads and checks the articles `first..first + sources.len()` of `db` on
/// `options.jobs` threads, leaving out those over `max_bytes`, and keeps
/// their texts in `db` where needed.
pub fn check_all(
    db: &mut SourceDb,
    first: usize,
    sources: Vec<Source>,
    checker: &Checker,
    options: &Options,
    max_bytes: u64,
) -> Gathered {
    let tell = |step: Progress| {
        if let Some(hook) = &options.progress {
            (hook.0)(step);
        }
    };
    tell(Progress::Started {
        articles: sources.len(),
    });
    // Never more threads than articles or than `MAX_JOBS`: each thread
    // costs its stack and start-up, and 10,000 of them took over a minute
    // on 15 files.
    let jobs = options
        .jobs
        .map_or(0, |jobs| jobs.min(MAX_JOBS).min(sources.len().max(1)));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build();
    let shared: &SourceDb = db;
    let work = |(index, source): (usize, Source)| {
        let file = FileId(u32::try_from(first + index).unwrap_or(u32::MAX));
        let path = shared.get(file).map_or(Path::new(""), |f| f.path());
        let in_memory = matches!(source, Source::Text(_) | Source::Bytes(_));
        let mut result = check_source(file, path, source, checker, max_bytes);
        if !options.keep_facts {
            // Memory stays proportional to what is found, not to the corpus:
            // texts are read again for the articles that have diagnostics.
            result.facts.retain(|fact| options.keeps(fact));
            if !in_memory && (result.diagnostics.is_empty() || !options.keep_texts) {
                result.text = String::new();
            }
        }
        tell(Progress::Checked);
        // Most articles leave nothing behind: one null pointer each.
        (!result.is_empty()).then(|| Box::new(result))
    };
    let results: Vec<Option<Box<FileResult>>> = match pool {
        Ok(pool) => pool.install(|| sources.into_par_iter().enumerate().map(work).collect()),
        Err(_) => sources.into_iter().enumerate().map(work).collect(),
    };
    tell(Progress::Finished);
    gather(db, results)
}

/// Moves what each article left into one [`Gathered`], in file order.
fn gather(db: &mut SourceDb, results: Vec<Option<Box<FileResult>>>) -> Gathered {
    let mut gathered = Gathered::default();
    for result in results.into_iter().flatten() {
        let result = *result;
        if result.undated {
            gathered.notes.push(format!(
                "{}: no publication date; date-dependent checks skipped",
                db.name(result.file)
            ));
        }
        if !result.suppressions.is_empty() {
            gathered.suppressions.push((result.file, result.suppressions));
        }
        if result.text.is_empty() && !result.readable {
            db.set_no_source(result.file);
        }
        db.set_text(result.file, result.text);
        db.set_checked(result.file, result.stamp);
        gathered.diagnostics.extend(result.diagnostics);
        gathered.facts.extend(result.facts);
    }
    gathered
}

/// An article file as read to be checked.
enum Read {
    /// Its bytes, and their size and modification time when they are
    /// known to be the bytes read (see [`SourceDb::set_checked`]).
    Bytes(Vec<u8>, Option<(u64, std::time::SystemTime)>),
    /// Larger than `max-article-bytes`: not read (its size, when the file
    /// system tells it; none for a stream read to past the bound).
    TooLarge(Option<u64>),
}

/// Reads the article at `path` from one open file: its size and
/// modification time from that file (no second lookup of the path), the
/// size checked against `max_bytes` before anything is read.
fn read_checked(path: &Path, max_bytes: u64) -> std::io::Result<Read> {
    use std::io::Read as _;
    let opened = std::fs::File::open(path)?;
    let metadata = opened.metadata()?;
    if metadata.len() > max_bytes {
        return Ok(Read::TooLarge(Some(metadata.len())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // To one byte past the bound: a file that grew, or a device or stream
    // whose size the file system does not tell, is not read forever.
    opened.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Ok(Read::TooLarge(None));
    }
    // A file that grew or shrank while it was read has no stamp: its
    // positions then come from what is read back.
    let stamp = (bytes.len() as u64 == metadata.len())
        .then(|| metadata.modified().ok())
        .flatten()
        .map(|modified| (metadata.len(), modified));
    Ok(Read::Bytes(bytes, stamp))
}

/// The outcome of reading and checking one file, sent back from a worker.
pub struct FileResult {
    pub file: FileId,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub facts: Vec<Fact>,
    pub undated: bool,
    pub suppressions: Vec<Suppression>,
    /// Whether the file was read as an article.
    pub readable: bool,
    /// The size and modification time of the bytes checked.
    pub stamp: Option<(u64, std::time::SystemTime)>,
}

impl FileResult {
    fn unread(file: FileId, text: String, diagnostics: Vec<Diagnostic>) -> FileResult {
        FileResult {
            file,
            text,
            diagnostics,
            facts: Vec::new(),
            undated: false,
            suppressions: Vec::new(),
            readable: false,
            stamp: None,
        }
    }

    /// Whether there is nothing to keep: a readable, dated article with no
    /// diagnostics, facts, suppressions or text to show.
    fn is_empty(&self) -> bool {
        self.readable
            && !self.undated
            && self.text.is_empty()
            && self.diagnostics.is_empty()
            && self.facts.is_empty()
            && self.suppressions.is_empty()
    }
}

/// Reads (or takes) one article's text and checks it.
pub fn check_source(file: FileId, path: &Path, source: Source, checker: &Checker, max_bytes: u64) -> FileResult {
    let too_large = |size: Option<u64>| {
        let size = size.map_or_else(String::new, |size| format!(" of {size} bytes"));
        let diagnostic = Diagnostic::new(
            article::TOO_LARGE,
            Severity::Info,
            format!("article{size} not checked: more than `max-article-bytes` ({max_bytes})"),
            diagnostic::Label::new(Span::file_start(file), ""),
        )
        .with_note("help: raise `max-article-bytes` in factlint.toml to check it, or split it into articles");
        FileResult::unread(file, String::new(), vec![diagnostic])
    };
    let (loaded, stamp) = match source {
        Source::Text(text) if text.len() as u64 > max_bytes => return too_large(Some(text.len() as u64)),
        Source::Text(text) => (article::parse(file, path, text), None),
        // Standard input is read to one byte past the bound.
        Source::Bytes(bytes) if bytes.len() as u64 > max_bytes => return too_large(None),
        Source::Bytes(bytes) => (article::load(file, path, bytes), None),
        Source::Disk => match read_checked(path, max_bytes) {
            Ok(Read::Bytes(bytes, stamp)) => (article::load(file, path, bytes), stamp),
            Ok(Read::TooLarge(size)) => return too_large(size),
            Err(error) => {
                let diagnostic = Diagnostic::new(
                    article::READ,
                    Severity::Error,
                    format!("cannot read article: {error}"),
                    diagnostic::Label::new(Span::file_start(file), ""),
                );
                return FileResult::unread(file, String::new(), vec![diagnostic]);
            }
        },
    };
    let mut diagnostics = loaded.diagnostics;
    let Some(article) = loaded.article else {
        return FileResult::unread(file, loaded.text, diagnostics);
    };
    // A bug in a check must not take the run down with it: the article gets
    // an error diagnostic and the rest is checked.
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| checker.check_article(&article)));
    let outcome = checked.unwrap_or_else(|_| {
        diagnostics.push(Diagnostic::new(
            article::INTERNAL,
            Severity::Error,
            "factlint failed while checking this article (a bug: please report it with the article)",
            diagnostic::Label::new(Span::file_start(file), ""),
        ));
        ArticleOutcome::default()
    });
    diagnostics.extend(outcome.diagnostics);
    quoted_fixes_are_unsafe(&article.text, &mut diagnostics);
    FileResult {
        file,
        undated: article.date.is_none(),
        suppressions: suppress::find(&article.text),
        readable: true,
        stamp,
        text: article.text,
        diagnostics,
        facts: outcome.facts,
    }
}

/// A fix inside quotation marks is never safe, whatever its rule says: a
/// quotation is what someone said (or wrote), and `--fix` does not put
/// other words in their mouth. It stays on offer with `--unsafe-fixes`.
fn quoted_fixes_are_unsafe(text: &str, diagnostics: &mut [Diagnostic]) {
    use crate::model::fix::Applicability;
    for d in diagnostics {
        let Some(fix) = &mut d.fix else { continue };
        if fix.applicability == Applicability::Safe
            && fix
                .edits
                .iter()
                .any(|e| crate::text::quote::in_quotation(text, e.span.start as usize))
        {
            fix.applicability = Applicability::Unsafe;
            d.notes
                .push("note: the fix is inside a quotation, so it is applied only with `--unsafe-fixes`".to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn a_file_that_vanished_after_discovery_is_an_article_read_error() {
        let rules = RuleSet::default();
        let matcher = crate::check::phrase_matcher(&rules).unwrap();
        let checker = Checker::new(&rules, &matcher);
        let result = check_source(
            FileId(0),
            Path::new("/no/such/dir/story.md"),
            Source::Disk,
            &checker,
            article::MAX_ARTICLE_BYTES,
        );
        assert_eq!(result.diagnostics.len(), 1);
        assert_eq!(result.diagnostics[0].rule, article::READ);
        assert!(result.diagnostics[0].message.contains("cannot read article"));
    }
}
