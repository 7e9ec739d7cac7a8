//! Fuzz target: reading any bytes as an article (front matter, date line,
//! dateline, prose mask) and checking it with the shipped rules never
//! panics, and every span stays inside the file.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use factlint::article;
use factlint::check::Checker;
use factlint::rules::{self, RuleSet};
use factlint::source::SourceDb;
use factlint::span::FileId;
use libfuzzer_sys::fuzz_target;

fn shipped() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut db = SourceDb::new();
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../rules");
        rules::load(&[root], &mut db).expect("shipped rules load")
    })
}

fuzz_target!(|data: &[u8]| {
    let markdown = data.first().is_some_and(|b| b % 2 == 0);
    let name = if markdown { "a.md" } else { "a.txt" };
    let loaded = article::load(FileId(0), Path::new(name), data.to_vec());
    if let Some(article) = loaded.article {
        let outcome = Checker::new(shipped()).check_article(&article);
        for d in outcome.diagnostics {
            assert!(d.primary.span.end as usize <= article.text.len());
            assert!(article.text.is_char_boundary(d.primary.span.start as usize));
            assert!(article.text.is_char_boundary(d.primary.span.end as usize));
        }
    }
});
