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

use factlint::article;
use factlint::check::Checker;
use factlint::render::human;
use factlint::rules::{self, RuleSet};
use factlint::model::source::SourceDb;
use libfuzzer_sys::fuzz_target;

fn shipped() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut db = SourceDb::new();
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../rules");
        let mut rules = rules::load(&[root], &mut db).expect("shipped rules load");
        // Rules shipped off are code too.
        for check in &mut rules.checks {
            check.meta.enabled = true;
        }
        rules
    })
}

fn checker() -> &'static Checker<'static> {
    static CHECKER: OnceLock<Checker<'static>> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(shipped()))
}

fuzz_target!(|data: &[u8]| {
    let mut db = SourceDb::new();
    let mut diagnostics = Vec::new();
    let mut facts = Vec::new();
    for (index, bytes) in data.split(|b| *b == 0).take(3).enumerate() {
        let markdown = bytes.first().is_some_and(|b| b % 2 == 0);
        let name = format!("{index}.{}", if markdown { "md" } else { "txt" });
        let text = String::from_utf8_lossy(bytes).into_owned();
        let file = db.add(PathBuf::from(&name), text.clone());
        let loaded = article::parse(file, &PathBuf::from(&name), text);
        diagnostics.extend(loaded.diagnostics);
        if let Some(article) = loaded.article {
            let outcome = checker().check_article(&article);
            diagnostics.extend(outcome.diagnostics);
            facts.extend(outcome.facts);
        }
    }
    diagnostics.extend(checker().check_corpus(&facts, &|span| db.text_at(span)));
    for diagnostic in &diagnostics {
        for label in std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary) {
            let text = db.get(label.span.file).map_or("", |f| f.text.as_str());
            let (start, end) = (label.span.start as usize, label.span.end as usize);
            assert!(start <= end && end <= text.len(), "{start}..{end} in {} bytes", text.len());
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
    let _ = human::to_string(&db, &diagnostics, false);
});
