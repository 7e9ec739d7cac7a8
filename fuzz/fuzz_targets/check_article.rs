//! Fuzz target: the whole check of up to three articles with the shipped
//! rules — per-article checks, the corpus-wide pass over their facts, and
//! rendering as the terminal shows it — never panics, and every label lies
//! inside its file on character boundaries.
//!
//! Input: articles separated by NUL bytes (a NUL inside an article would
//! only make it a skipped binary file, which `article_parse` covers); the
//! first byte of each chooses Markdown or plain text.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use factlint::engine::{Options, Session};
use factlint::render::human;
use libfuzzer_sys::fuzz_target;

/// One session with the shipped rules, every rule switched on (rules
/// shipped off are code too).
fn session() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        // The default rules, embedded from `rules/`.
        let mut session = Session::load(Options::default()).expect("shipped rules load");
        session.enable_all().expect("every shipped rule on");
        session
    })
}

fuzz_target!(|data: &[u8]| {
    let texts = data
        .split(|b| *b == 0)
        .take(3)
        .enumerate()
        .map(|(index, bytes)| {
            let markdown = bytes.first().is_some_and(|b| b % 2 == 0);
            let name = format!("{index}.{}", if markdown { "md" } else { "txt" });
            (PathBuf::from(name), String::from_utf8_lossy(bytes).into_owned())
        })
        .collect();
    let run = session().check_texts(texts);
    for diagnostic in &run.diagnostics {
        for label in std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary) {
            let text = run.db.get(label.span.file).map_or("", |f| f.text.as_str());
            let (start, end) = (label.span.start as usize, label.span.end as usize);
            assert!(
                start <= end && end <= text.len(),
                "{start}..{end} in {} bytes",
                text.len()
            );
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
    let _ = human::to_string(&run.db, &run.diagnostics, false);
});
