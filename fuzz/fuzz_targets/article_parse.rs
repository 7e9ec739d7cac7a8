//! Fuzz target: reading any bytes as an article (encoding, front matter, date
//! line, dateline, prose mask) never panics; every range it reports lies
//! inside the file on character boundaries, and the prose mask keeps the
//! file's length so spans stay offsets into the file as on disk.
//!
//! The first byte chooses Markdown or plain text.
#![no_main]

use std::ops::Range;
use std::path::Path;

use factlint::article;
use factlint::model::span::FileId;
use libfuzzer_sys::fuzz_target;

fn inside(text: &str, range: &Range<usize>) {
    assert!(range.start <= range.end && range.end <= text.len(), "{range:?} in {} bytes", text.len());
    assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end), "{range:?}");
}

fuzz_target!(|data: &[u8]| {
    let markdown = data.first().is_some_and(|b| b % 2 == 0);
    let name = if markdown { "a.md" } else { "a.txt" };
    let loaded = article::load(FileId(0), Path::new(name), data.to_vec());
    let Some(article) = loaded.article else {
        assert!(!loaded.diagnostics.is_empty(), "a file that is not an article must say why");
        return;
    };
    assert_eq!(article.prose.len(), article.text.len());
    assert!(article.body_start <= article.text.len());
    if let Some(dateline) = &article.dateline {
        inside(&article.text, &dateline.range);
        inside(&article.text, &dateline.place_range);
        if let Some(date) = &dateline.date_range {
            inside(&article.text, date);
        }
    }
    for diagnostic in &loaded.diagnostics {
        let span = diagnostic.primary.span;
        inside(&article.text, &(span.start as usize..span.end as usize));
    }
});
